/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <cairo-pdf.h>
#include <glib/gstdio.h>

#include "falt-test-utils.h"
#include "ui/falt-markdown-view.h"
#include "ui/falt-pdf-canvas.h"
#include "ui/falt-pdf-view.h"

static gboolean
has_tag_at (GtkTextView *view,
            const char  *text,
            const char  *tag_name)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), tag_name);
  GtkTextIter start, match_start;

  gtk_text_buffer_get_start_iter (buffer, &start);
  if (!gtk_text_iter_forward_search (&start, text, 0, &match_start, NULL, NULL))
    return FALSE;

  return tag == NULL ? FALSE : gtk_text_iter_has_tag (&match_start, tag);
}

static gboolean
on_activate_link_cb (FaltMarkdownView *view,
                     const char       *url,
                     char            **activated)
{
  *activated = g_strdup (url);
  return TRUE;
}

static void
test_markdown_renders_blocks_and_inlines (void)
{
  GtkWidget *view = falt_markdown_view_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *window;
  g_autofree char *text = NULL;

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  falt_markdown_view_set_markdown (FALT_MARKDOWN_VIEW (view),
                                   "# Vid misstanke\n\n"
                                   "Ring **stödtelefonen** på [020-39 00 00](tel:+4620390000).\n\n"
                                   "## Tecken\n\n"
                                   "- saknar pass\n- kontrolleras av någon\n\n"
                                   "1. Identifiering\n2. Akut skydd\n\n"
                                   "<script>alert(1)</script>\n\n"
                                   "Ett *enskilt* tecken bevisar `inget`.\n");
  window = falt_test_show_in_window (scrolled, 600, 500);

  text = falt_markdown_view_get_text (FALT_MARKDOWN_VIEW (view));
  g_test_message ("%s", text);
  g_assert_true (g_str_has_prefix (text, "Vid misstanke\n"));
  g_assert_nonnull (strstr (text, "•\tsaknar pass\n•\tkontrolleras av någon"));
  g_assert_nonnull (strstr (text, "1.\tIdentifiering\n2.\tAkut skydd"));
  g_assert_null (strstr (text, "script"));
  g_assert_null (strstr (text, "**"));
  g_assert_true (has_tag_at (GTK_TEXT_VIEW (view), "Vid misstanke", "h1"));
  g_assert_true (has_tag_at (GTK_TEXT_VIEW (view), "Tecken", "h2"));
  g_assert_true (has_tag_at (GTK_TEXT_VIEW (view), "stödtelefonen", "strong"));
  g_assert_true (has_tag_at (GTK_TEXT_VIEW (view), "enskilt", "emphasis"));
  g_assert_true (has_tag_at (GTK_TEXT_VIEW (view), "inget", "code"));
  g_assert_false (has_tag_at (GTK_TEXT_VIEW (view), "Ring", "strong"));

  g_free (falt_test_save_screenshot (window, "markdown-view"));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_markdown_link_click_emits_activate_link (void)
{
  GtkWidget *view = falt_markdown_view_new ();
  GtkWidget *window;
  g_autofree char *activated = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter start, match;
  GdkRectangle location;
  GtkGesture *click = NULL;
  g_autoptr (GListModel) controllers = NULL;
  int x, y;

  falt_markdown_view_set_markdown (FALT_MARKDOWN_VIEW (view), "Ring [polisen](tel:11414) nu.");
  g_signal_connect (view, "activate-link", G_CALLBACK (on_activate_link_cb), &activated);
  window = falt_test_show_in_window (view, 400, 200);

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  gtk_text_buffer_get_start_iter (buffer, &start);
  g_assert_true (gtk_text_iter_forward_search (&start, "polisen", 0, &match, NULL, NULL));
  gtk_text_iter_forward_chars (&match, 2);
  gtk_text_view_get_iter_location (GTK_TEXT_VIEW (view), &match, &location);
  gtk_text_view_buffer_to_window_coords (GTK_TEXT_VIEW (view), GTK_TEXT_WINDOW_WIDGET,
                                         location.x + 1, location.y + location.height / 2, &x, &y);

  controllers = gtk_widget_observe_controllers (view);
  for (guint i = 0; i < g_list_model_get_n_items (controllers) && click == NULL; i++)
    {
      g_autoptr (GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_CLICK (controller) && g_signal_has_handler_pending (controller,
            g_signal_lookup ("released", GTK_TYPE_GESTURE_CLICK), 0, FALSE))
        click = GTK_GESTURE (controller);
    }
  g_assert_nonnull (click);
  g_signal_emit_by_name (click, "released", 1, (double) x, (double) y);
  g_assert_cmpstr (activated, ==, "tel:11414");

  /* From the keyboard: the caret on the link, then Enter. */
  g_clear_pointer (&activated, g_free);
  gtk_text_buffer_place_cursor (buffer, &match);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GObject) controller = g_list_model_get_item (controllers, i);
      gboolean handled = FALSE;

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller)
          && g_signal_has_handler_pending (controller, g_signal_lookup ("key-pressed", GTK_TYPE_EVENT_CONTROLLER_KEY), 0, FALSE))
        g_signal_emit_by_name (controller, "key-pressed", GDK_KEY_Return, 0, 0, &handled);
    }
  g_assert_cmpstr (activated, ==, "tel:11414");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Writes a PDF of @n_pages A4 pages, each saying its number. */
static GBytes *
make_pdf (int n_pages)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "falt-test-views.pdf", NULL);
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 595, 842);
  cairo_t *cr = cairo_create (surface);
  char *contents;
  gsize length;

  for (int i = 1; i <= n_pages; i++)
    {
      g_autofree char *text = g_strdup_printf ("Sida %d", i);

      cairo_set_font_size (cr, 48);
      cairo_move_to (cr, 72, 144);
      cairo_show_text (cr, text);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_unlink (path);
  return g_bytes_new_take (contents, length);
}

static void
test_pdf_view_shows_pages_and_zooms (void)
{
  GtkWidget *view = falt_pdf_view_new ();
  g_autoptr (GBytes) pdf = make_pdf (5);
  g_autoptr (GError) error = NULL;
  GtkWidget *window;

  g_assert_true (falt_pdf_view_load_bytes (FALT_PDF_VIEW (view), pdf, &error));
  g_assert_no_error (error);
  g_assert_cmpint (falt_pdf_view_get_n_pages (FALT_PDF_VIEW (view)), ==, 5);
  window = falt_test_show_in_window (view, 700, 600);

  gtk_widget_activate_action (view, "pdf.zoom-in", NULL);
  g_assert_cmpfloat (falt_pdf_view_get_zoom (FALT_PDF_VIEW (view)), >, 1.0);
  gtk_widget_activate_action (view, "pdf.zoom-reset", NULL);
  g_assert_cmpfloat (falt_pdf_view_get_zoom (FALT_PDF_VIEW (view)), ==, 1.0);
  for (int i = 0; i < 10; i++)
    gtk_widget_activate_action (view, "pdf.zoom-out", NULL);
  g_assert_cmpfloat (falt_pdf_view_get_zoom (FALT_PDF_VIEW (view)), >=, FALT_PDF_ZOOM_MIN);
  gtk_widget_activate_action (view, "pdf.zoom-reset", NULL);

  falt_pdf_view_scroll_to_page (FALT_PDF_VIEW (view), 3);
  falt_test_iterate (300);
  g_assert_cmpint (falt_pdf_view_get_current_page (FALT_PDF_VIEW (view)), ==, 3);
  g_free (falt_test_save_screenshot (window, "pdf-view"));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_pdf_view_refuses_broken_pdf (void)
{
  GtkWidget *view = g_object_ref_sink (falt_pdf_view_new ());
  g_autoptr (GBytes) good = make_pdf (2);
  g_autoptr (GBytes) truncated = g_bytes_new_from_bytes (good, 0, g_bytes_get_size (good) / 3);
  g_autoptr (GBytes) garbage = g_bytes_new_static ("not a pdf at all", 16);
  g_autoptr (GError) error = NULL;

  g_assert_false (falt_pdf_view_load_bytes (FALT_PDF_VIEW (view), garbage, &error));
  g_assert_error (error, FALT_PDF_ERROR, FALT_PDF_ERROR_NOT_PDF);
  g_clear_error (&error);

  /* A broken file leaves the PDF shown before in place. */
  g_assert_true (falt_pdf_view_load_bytes (FALT_PDF_VIEW (view), good, NULL));
  if (!falt_pdf_view_load_bytes (FALT_PDF_VIEW (view), truncated, &error))
    g_assert_error (error, FALT_PDF_ERROR, FALT_PDF_ERROR_DAMAGED);
  else
    g_test_message ("poppler repaired the truncated PDF");
  g_assert_cmpint (falt_pdf_view_get_n_pages (FALT_PDF_VIEW (view)), >=, 1);

  g_assert_finalize_object (view);
}

int
main (int argc, char *argv[])
{
  falt_test_init (&argc, &argv);

  g_test_add_func ("/markdown/renders-blocks-and-inlines", test_markdown_renders_blocks_and_inlines);
  g_test_add_func ("/markdown/link-click-emits-activate-link", test_markdown_link_click_emits_activate_link);
  g_test_add_func ("/pdf-view/shows-pages-and-zooms", test_pdf_view_shows_pages_and_zooms);
  g_test_add_func ("/pdf-view/refuses-broken-pdf", test_pdf_view_refuses_broken_pdf);

  return falt_test_run ();
}
