/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "falt-test-pdf.h"
#include "falt-test-utils.h"
#include "ui/falt-pdf-page.h"
#include "ui/falt-pdf-view-private.h"
#include "ui/falt-ui-utils.h"

/* What `faltstod FILE.pdf` does before its first frame so that frame shows
 * the page: the first page rendered, before the view is laid out, at the
 * size the layout will give it (falt_pdf_canvas_prerender()). The window's
 * side (the size it predicts, the pages it does not build) is in
 * test-window.c. */

typedef struct
{
  FaltPdfCanvas *canvas;
  gboolean       painted;          /* a frame with the canvas laid out */
  gboolean       page_drawn;       /* …that drew the first page at its size */
} FirstFrame;

static void
on_after_paint_cb (GdkFrameClock *clock,
                   FirstFrame    *frame)
{
  GPtrArray *pages = falt_pdf_canvas_get_page_widgets (frame->canvas);

  if (frame->painted || gtk_widget_get_width (GTK_WIDGET (frame->canvas)) == 0)
    return;
  frame->painted = TRUE;
  for (guint i = 0; i < pages->len; i++)
    if (falt_pdf_page_get_index (g_ptr_array_index (pages, i)) == 0)
      frame->page_drawn = falt_pdf_page_is_rendered (g_ptr_array_index (pages, i));
}

static void
on_realize_cb (GtkWidget  *window,
               FirstFrame *frame)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (on_after_paint_cb), frame);
}

static gboolean
first_frame_painted (gpointer data)
{
  return ((FirstFrame *) data)->painted;
}

static gboolean
first_page_cached (gpointer canvas)
{
  double scale = 0;

  return falt_pdf_cache_lookup (falt_pdf_canvas_get_cache (canvas), 0, &scale) != NULL;
}

/* Shows @document in a 700 x 600 window, first rendering its first page
 * for a canvas of @prerender_width x @prerender_height when they are set,
 * and says whether the first frame drew that page at its size. The canvas's
 * size comes back in @canvas_width and @canvas_height. */
static gboolean
first_frame_draws_page (FaltPdfDocument *document,
                        int              prerender_width,
                        int              prerender_height,
                        int             *canvas_width,
                        int             *canvas_height)
{
  GtkWidget *view = falt_pdf_view_new ();
  GtkWidget *window = gtk_window_new ();
  FirstFrame frame = { falt_pdf_view_get_canvas (FALT_PDF_VIEW (view)), FALSE, FALSE };

  falt_pdf_view_set_document (FALT_PDF_VIEW (view), document);
  if (prerender_width > 0)
    {
      falt_pdf_canvas_prerender (frame.canvas, prerender_width, prerender_height);
      g_assert_true (falt_test_wait_for (first_page_cached, frame.canvas, 10000));
    }
  gtk_window_set_default_size (GTK_WINDOW (window), 700, 600);
  gtk_window_set_child (GTK_WINDOW (window), view);
  g_signal_connect (window, "realize", G_CALLBACK (on_realize_cb), &frame);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (falt_test_wait_for (first_frame_painted, &frame, 10000));
  *canvas_width = gtk_widget_get_width (GTK_WIDGET (frame.canvas));
  *canvas_height = gtk_widget_get_height (GTK_WIDGET (frame.canvas));

  /* Whatever the first frame drew, the page comes at its size. */
  g_assert_true (falt_test_wait_for (falt_test_pdf_view_is_rendered, view, 10000));
  g_signal_handlers_disconnect_by_func (gtk_widget_get_frame_clock (window), on_after_paint_cb, &frame);
  gtk_window_destroy (GTK_WINDOW (window));
  return frame.page_drawn;
}

static void
test_prerendered_page_is_in_first_frame (void)
{
  g_autoptr (GBytes) pdf = falt_test_make_pdf (5, 0);
  g_autoptr (GError) error = NULL;
  g_autoptr (FaltPdfDocument) document = falt_pdf_document_new (pdf, NULL, &error);
  int width = 0, height = 0, again_width = 0, again_height = 0;

  g_assert_no_error (error);
  /* Laid out, then rendered: the first frame has a blank page. */
  g_assert_false (first_frame_draws_page (document, 0, 0, &width, &height));
  g_assert_cmpint (width, >, 0);

  /* Rendered at the size the layout then gives: the first frame has it. */
  g_assert_true (first_frame_draws_page (document, width, height, &again_width, &again_height));
  g_assert_cmpint (again_width, ==, width);

  /* A wrong guess (a narrower window than this one) costs one render, and
   * the page still comes at its size. */
  g_assert_false (first_frame_draws_page (document, width / 2, height, &again_width, &again_height));
}

/* Once laid out a canvas renders what its allocation asks: a late call asks
 * for nothing more. */
static void
test_prerender_after_layout_does_nothing (void)
{
  g_autoptr (GBytes) pdf = falt_test_make_pdf (3, 0);
  GtkWidget *view = falt_pdf_view_new ();
  FaltPdfCanvas *canvas = falt_pdf_view_get_canvas (FALT_PDF_VIEW (view));
  GtkWidget *window;
  double scale = 0;

  g_assert_true (falt_pdf_view_load_bytes (FALT_PDF_VIEW (view), pdf, NULL));
  window = falt_test_show_in_window (view, 700, 600);
  g_assert_true (falt_test_wait_for (falt_test_pdf_view_is_rendered, view, 10000));
  g_assert_nonnull (falt_pdf_cache_lookup (falt_pdf_canvas_get_cache (canvas), 0, &scale));
  falt_pdf_canvas_prerender (canvas, 200, 300);
  falt_test_iterate (200);
  {
    double after = 0;

    g_assert_nonnull (falt_pdf_cache_lookup (falt_pdf_canvas_get_cache (canvas), 0, &after));
    g_assert_cmpfloat (after, ==, scale);
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
popover_is_shown (gpointer button)
{
  GtkPopover *popover = gtk_menu_button_get_popover (button);

  return popover != NULL && gtk_widget_get_mapped (GTK_WIDGET (popover));
}

/* A menu is built when first opened, by mouse or keyboard alike, not when
 * its button is: then it has every item, and opens at once the next time. */
static void
test_menu_is_built_when_opened (void)
{
  g_autoptr (GMenu) menu = g_menu_new ();
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *window;

  g_menu_append (menu, "_Open File…", "win.open-file");
  g_menu_append (menu, "_Preferences", "app.preferences");
  gtk_menu_button_set_label (GTK_MENU_BUTTON (button), "Menu");
  falt_menu_button_set_menu_later (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  window = falt_test_show_in_window (button, 300, 200);
  g_assert_null (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button)));
  g_assert_null (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
  g_assert_true (gtk_widget_get_sensitive (button));

  /* Enter or Space on the focused button. */
  g_signal_emit_by_name (button, "activate");
  g_assert_true (falt_test_wait_for (popover_is_shown, button, 5000));
  g_assert_true (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button)) == G_MENU_MODEL (menu));
  g_assert_cmpint (g_menu_model_get_n_items (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button))), ==, 2);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
  falt_test_iterate (100);

  /* Again: the same menu, and it opens. */
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  g_assert_true (falt_test_wait_for (popover_is_shown, button, 5000));
  g_assert_true (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button)) == G_MENU_MODEL (menu));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
  falt_test_init (&argc, &argv);

  g_test_add_func ("/startup/prerendered-page-is-in-first-frame", test_prerendered_page_is_in_first_frame);
  g_test_add_func ("/startup/prerender-after-layout-does-nothing", test_prerender_after_layout_does_nothing);
  g_test_add_func ("/startup/menu-is-built-when-opened", test_menu_is_built_when_opened);

  return falt_test_run ();
}
