/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "falt-test-feed.h"
#include "falt-test-utils.h"
#include "ui/falt-document-page.h"
#include "ui/falt-markdown-view.h"
#include "ui/falt-pdf-view-private.h"
#include "ui/falt-present-monitor.h"

/* Presentation mode in the real app, driven through its actions and the
 * keys a presentation clicker sends, on material this test writes: an
 * article of several `##` sections and a PDF of three pages. And what the
 * window shows after What's New and Clear History. */

static char *feed_root;

static const char *const sections[] = { "Första delen", "Andra delen", "Tredje delen", "Sista delen" };

static void
write_feed (void)
{
  g_autoptr (GString) slides = g_string_new ("# Utbildningsdag\n\nInledning om dagen.\n\n");
  g_autofree char *dir = NULL;
  g_autoptr (FaltTestFeed) feed = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    g_string_append_printf (slides, "## %s\n\nText om %s.\n\n", sections[i], sections[i]);
  /* The last section is longer than a screen at the presentation size. */
  for (guint i = 0; i < 30; i++)
    g_string_append_printf (slides, "Stycke %u om stöd till den som utsatts, med text nog för en rad.\n\n", i);
  g_string_append (slides, "Slutord.\n");

  feed_root = g_dir_make_tmp ("faltstod-presentation-XXXXXX", NULL);
  dir = g_build_filename (feed_root, "feed", NULL);
  feed = falt_test_feed_new (dir, 3);
  falt_test_feed_add_section (feed, "manuals", "Manualer", "Manuals");
  falt_test_feed_add_article (feed, "slides", "manuals", "sv", "Utbildningsdag", slides->str);
  falt_test_feed_add_pdf (feed, "folder", "manuals", "sv", "Folder",
                          (const char *const[]) { "Första sidan.", "Andra sidan.", "Tredje sidan.", NULL });
  falt_test_feed_write (feed);
  g_setenv ("FALTSTOD_BUNDLED_FEED", dir, TRUE);
  /* The folder's PDF again, as a file on disk. */
  {
    g_autofree char *blob = falt_test_feed_blob_path (feed, "folder", "sv");
    g_autofree char *copy = g_build_filename (feed_root, "from-disk.pdf", NULL);
    g_autofree char *contents = NULL;
    gsize length = 0;

    g_assert_true (g_file_get_contents (blob, &contents, &length, NULL));
    g_assert_true (g_file_set_contents (copy, contents, (gssize) length, NULL));
  }
}

static FaltDocumentPage *
document_page (FaltWindow *window)
{
  return FALT_DOCUMENT_PAGE (falt_test_find_widget (GTK_WIDGET (window), FALT_TYPE_DOCUMENT_PAGE, NULL));
}

static FaltMarkdownView *
markdown_view (FaltWindow *window)
{
  return FALT_MARKDOWN_VIEW (falt_test_find_widget (GTK_WIDGET (window), FALT_TYPE_MARKDOWN_VIEW, NULL));
}

static FaltPdfView *
pdf_view (FaltWindow *window)
{
  return FALT_PDF_VIEW (falt_test_find_widget (GTK_WIDGET (window), FALT_TYPE_PDF_VIEW, NULL));
}

static GtkWidget *
sidebar_box (FaltWindow *window)
{
  return gtk_widget_get_ancestor (falt_test_find_widget (GTK_WIDGET (window), GTK_TYPE_LIST_BOX, NULL), GTK_TYPE_BOX);
}

/* A key as a clicker sends it: to the window's key controller that sees
 * keys before any widget. */
static void
press_key (FaltWindow *window,
           guint       keyval)
{
  GObject *keys = falt_test_find_capture_keys (GTK_WIDGET (window));

  g_assert_nonnull (keys);
  falt_test_press_key (keys, keyval);
  falt_test_iterate (50);
}

typedef gboolean (*WidgetTest) (GtkWidget *widget, const char *value);

/* The first widget under @root, @root included, that passes @test. */
static GtkWidget *
find_widget_where (GtkWidget  *root,
                   WidgetTest  test,
                   const char *value)
{
  if (test (root, value))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget_where (child, test, value);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
has_css_class (GtkWidget  *widget,
               const char *css_class)
{
  return gtk_widget_has_css_class (widget, css_class);
}

static GtkWidget *
find_with_class (GtkWidget  *root,
                 const char *css_class)
{
  return find_widget_where (root, has_css_class, css_class);
}

static GtkWidget *
presentation_bar (FaltWindow *window)
{
  GtkWidget *bar = find_with_class (GTK_WIDGET (window), "falt-presentation-bar");

  g_assert_nonnull (bar);
  return bar;
}

static gboolean
screen_is_blank (FaltWindow *window)
{
  GtkWidget *blank = find_with_class (GTK_WIDGET (window), "falt-presentation-blank");

  g_assert_nonnull (blank);
  return gtk_widget_is_visible (blank);
}

/* The slide number in the corner, as shown and as a screen reader says it. */
static void
assert_step_label (FaltWindow *window,
                   const char *shown,
                   const char *spoken)
{
  GtkWidget *bar = presentation_bar (window);
  GtkWidget *label = gtk_widget_get_first_child (bar);
  g_autofree char *failure = NULL;

  g_assert_true (GTK_IS_LABEL (label));
  g_assert_true (gtk_widget_is_visible (bar));
  if (shown == NULL)
    {
      g_assert_false (gtk_widget_get_visible (label));
      return;
    }
  g_assert_true (gtk_widget_is_visible (label));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, shown);
  failure = gtk_test_accessible_check_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken);
  g_assert_null (failure);
}

static gboolean
text_contains (FaltWindow *window,
               const char *text)
{
  g_autofree char *shown = falt_markdown_view_get_text (markdown_view (window));

  return strstr (shown, text) != NULL;
}

static int
slide_shown (FaltWindow *window)
{
  return falt_markdown_view_get_slide (markdown_view (window), NULL);
}

static void
save_screenshot_at_1280 (FaltWindow *window,
                         const char *name)
{
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  falt_test_iterate (400);
  g_free (falt_test_save_screenshot (GTK_WIDGET (window), name));
}

static void
check_article_by_section (FaltApplication *app,
                          FaltWindow      *window,
                          gpointer         data)
{
  int top_before;

  falt_test_open_document (window, "slides");
  top_before = falt_markdown_view_get_top_offset (markdown_view (window));
  g_assert_cmpint (top_before, ==, 0);
  g_assert_cmpint (slide_shown (window), ==, -1);

  /* F5 is win.present: the first section, the title and introduction, alone. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.present", NULL);
  falt_test_iterate (300);
  g_assert_true (falt_window_get_presenting (window));
  g_assert_false (gtk_widget_get_visible (sidebar_box (window)));
  g_assert_cmpfloat (falt_markdown_view_get_shown_zoom (markdown_view (window)), ==, 2.0);
  g_assert_cmpint (slide_shown (window), ==, 0);
  g_assert_true (text_contains (window, "Inledning om dagen."));
  g_assert_false (text_contains (window, "Första delen"));
  assert_step_label (window, "1 / 5", "Slide 1 of 5");

  /* Page Down: the second section, and nothing else. */
  press_key (window, GDK_KEY_Page_Down);
  g_assert_cmpint (slide_shown (window), ==, 1);
  g_assert_true (text_contains (window, "Första delen"));
  g_assert_true (text_contains (window, "Text om Första delen."));
  g_assert_false (text_contains (window, "Inledning"));
  g_assert_false (text_contains (window, "Andra delen"));
  assert_step_label (window, "2 / 5", "Slide 2 of 5");
  save_screenshot_at_1280 (window, "presentation-slide-1280");

  /* The other keys clickers send. */
  press_key (window, GDK_KEY_Right);
  g_assert_cmpint (slide_shown (window), ==, 2);
  press_key (window, GDK_KEY_space);
  g_assert_cmpint (slide_shown (window), ==, 3);
  press_key (window, GDK_KEY_Left);
  g_assert_cmpint (slide_shown (window), ==, 2);
  press_key (window, GDK_KEY_Page_Up);
  press_key (window, GDK_KEY_BackSpace);
  g_assert_cmpint (slide_shown (window), ==, 0);
  press_key (window, GDK_KEY_Page_Up);
  g_assert_cmpint (slide_shown (window), ==, 0);
  press_key (window, GDK_KEY_Page_Down);
  assert_step_label (window, "2 / 5", "Slide 2 of 5");

  /* "b" blanks the screen; the next step only brings the slide back. */
  g_assert_false (screen_is_blank (window));
  press_key (window, GDK_KEY_b);
  g_assert_true (screen_is_blank (window));
  press_key (window, GDK_KEY_Page_Down);
  g_assert_false (screen_is_blank (window));
  g_assert_cmpint (slide_shown (window), ==, 1);
  press_key (window, GDK_KEY_period);
  g_assert_true (screen_is_blank (window));
  press_key (window, GDK_KEY_period);
  g_assert_false (screen_is_blank (window));
  g_assert_cmpint (slide_shown (window), ==, 1);

  /* Continuous: the whole text at the large size, from the section shown. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.present-continuous", NULL);
  falt_test_iterate (300);
  g_assert_cmpint (slide_shown (window), ==, -1);
  g_assert_true (text_contains (window, "Inledning om dagen."));
  g_assert_true (text_contains (window, "Sista delen"));
  g_assert_cmpfloat (falt_markdown_view_get_shown_zoom (markdown_view (window)), ==, 2.0);
  g_assert_cmpint (falt_markdown_view_get_top_offset (markdown_view (window)), >, 0);
  assert_step_label (window, NULL, NULL);
  save_screenshot_at_1280 (window, "presentation-continuous-1280");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.present-continuous", NULL);
  falt_test_iterate (300);
  g_assert_cmpint (slide_shown (window), ==, 1);

  /* The last section is longer than the screen: Page Down goes through it, and stops at its end. */
  press_key (window, GDK_KEY_Page_Down);
  press_key (window, GDK_KEY_Page_Down);
  press_key (window, GDK_KEY_Page_Down);
  g_assert_cmpint (slide_shown (window), ==, 4);
  for (guint i = 0; i < 12; i++)
    press_key (window, GDK_KEY_Page_Down);
  g_assert_cmpint (slide_shown (window), ==, 4);
  g_assert_true (text_contains (window, "Slutord."));
  assert_step_label (window, "5 / 5", "Slide 5 of 5");

  /* Escape: the window and the article as they were. */
  press_key (window, GDK_KEY_Escape);
  g_assert_false (falt_window_get_presenting (window));
  g_assert_true (gtk_widget_get_visible (sidebar_box (window)));
  g_assert_true (gtk_widget_is_visible (falt_test_find_widget (GTK_WIDGET (window), ADW_TYPE_HEADER_BAR, NULL)));
  g_assert_false (gtk_widget_get_visible (presentation_bar (window)));
  g_assert_cmpfloat (falt_markdown_view_get_shown_zoom (markdown_view (window)), ==, 1.0);
  g_assert_cmpint (slide_shown (window), ==, -1);
  g_assert_true (text_contains (window, "Inledning om dagen."));
  g_assert_cmpint (falt_markdown_view_get_top_offset (markdown_view (window)), ==, top_before);
}

static void
test_article_by_section (void)
{
  falt_test_run_app (check_article_by_section, NULL);
}

/* A presentation starts at the section on screen, and leaves the reader there. */
static void
check_presentation_starts_where_reading (FaltApplication *app,
                                         FaltWindow      *window,
                                         gpointer         data)
{
  int top;

  falt_test_open_document (window, "slides");
  falt_markdown_view_scroll_to_offset (markdown_view (window), falt_test_text_offset (GTK_TEXT_VIEW (markdown_view (window)), "Tredje delen"));
  falt_test_iterate (300);
  top = falt_markdown_view_get_top_offset (markdown_view (window));
  g_assert_cmpint (top, >, 0);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.present", NULL);
  falt_test_iterate (300);
  g_assert_cmpint (slide_shown (window), ==, 3);
  g_assert_true (text_contains (window, "Text om Tredje delen."));
  press_key (window, GDK_KEY_Page_Down);
  g_assert_cmpint (slide_shown (window), ==, 4);

  /* F5 again leaves, as Escape does. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.present", NULL);
  falt_test_iterate (300);
  g_assert_false (falt_window_get_presenting (window));
  g_assert_cmpint (falt_markdown_view_get_top_offset (markdown_view (window)), ==, top);
}

static void
test_presentation_starts_where_reading (void)
{
  falt_test_run_app (check_presentation_starts_where_reading, NULL);
}

static gboolean
pdf_is_open (gpointer data)
{
  return falt_pdf_view_get_n_pages (pdf_view (data)) > 0;
}

/* The page's height on screen against the view's: a page fitted whole. */
static void
assert_page_fits (FaltWindow *window,
                  int         page)
{
  FaltPdfCanvas *canvas = falt_pdf_view_get_canvas (pdf_view (window));
  GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (canvas), GTK_TYPE_SCROLLED_WINDOW);
  graphene_rect_t rect;
  graphene_point_t top;

  g_assert_true (falt_pdf_canvas_get_page_rect (canvas, page - 1, &rect));
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (canvas), scrolled, &rect.origin, &top));
  g_assert_cmpfloat (top.y, >=, 0);
  g_assert_cmpfloat (top.y + rect.size.height, <=, gtk_widget_get_height (scrolled) + 1);
  /* Fitted, not merely small: it fills the height, or the width. */
  g_assert_true (rect.size.height >= gtk_widget_get_height (scrolled) * 0.8
                 || rect.size.width >= gtk_widget_get_width (scrolled) * 0.8);
}

/* A key of the clicker, and the PDF page presented after it. */
static void
step_to_page (FaltWindow *window,
              guint       keyval,
              int         page)
{
  press_key (window, keyval);
  falt_test_iterate (300);
  g_assert_cmpint (falt_pdf_view_get_current_page (pdf_view (window)), ==, page);
}

static void
check_pdf_page_by_page (FaltApplication *app,
                        FaltWindow      *window,
                        gpointer         data)
{
  falt_test_open_document (window, "folder");
  g_assert_true (falt_test_wait_for (pdf_is_open, window, 10000));
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  falt_pdf_view_set_zoom (pdf_view (window), 0.5);
  falt_test_iterate (300);
  g_assert_cmpint (falt_pdf_view_get_current_page (pdf_view (window)), ==, 1);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.present", NULL);
  falt_test_iterate (400);
  g_assert_true (falt_window_get_presenting (window));
  g_assert_cmpint (falt_pdf_canvas_get_fit_mode (falt_pdf_view_get_canvas (pdf_view (window))), ==, FALT_PDF_FIT_PAGE);
  g_assert_cmpfloat (falt_pdf_view_get_zoom (pdf_view (window)), >, 0.5);
  assert_page_fits (window, 1);
  assert_step_label (window, "1 / 3", "Page 1 of 3");

  /* Page Down: page 2, fitted; the corner says so. */
  step_to_page (window, GDK_KEY_Page_Down, 2);
  assert_page_fits (window, 2);
  assert_step_label (window, "2 / 3", "Page 2 of 3");
  g_free (falt_test_save_screenshot (GTK_WIDGET (window), "presentation-pdf-1280"));
  step_to_page (window, GDK_KEY_space, 3);
  step_to_page (window, GDK_KEY_Page_Down, 3);

  /* Escape: the zoom and the page as before. */
  press_key (window, GDK_KEY_Escape);
  falt_test_iterate (300);
  g_assert_false (falt_window_get_presenting (window));
  g_assert_cmpfloat (falt_pdf_view_get_zoom (pdf_view (window)), ==, 0.5);
  g_assert_cmpint (falt_pdf_canvas_get_fit_mode (falt_pdf_view_get_canvas (pdf_view (window))), ==, FALT_PDF_FIT_NONE);
  g_assert_cmpint (falt_pdf_view_get_current_page (pdf_view (window)), ==, 1);
}

static void
test_pdf_page_by_page (void)
{
  falt_test_run_app (check_pdf_page_by_page, NULL);
}

/* Fullscreen on a monitor other than the window's when there is one; under
 * Xvfb GDK sees one monitor only (even with several screens and Xinerama,
 * or RandR 1.5 monitors set with xrandr), so: on the window's own. */
static void
assert_presented_on_other_monitor (FaltWindow *window)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (window));
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  GdkMonitor *chosen = falt_window_get_presentation_monitor (window);
  guint n_monitors = g_list_model_get_n_items (gdk_display_get_monitors (display));

  g_test_message ("%u monitors; presented on %s", n_monitors, chosen != NULL ? "another" : "the window's");
  if (n_monitors < 2)
    g_assert_null (chosen);
  else
    {
      g_assert_nonnull (chosen);
      g_assert_true (chosen != gdk_display_get_monitor_at_surface (display, surface));
    }
}

/* F5 before the PDF is open: fitted once it is, at the page it opens at
 * (where the reader left it), and back to that page and zoom after;
 * the same for a PDF from disk, still being read. */
static void
check_pdf_presented_while_opening (FaltApplication *app,
                                   FaltWindow      *window,
                                   gpointer         data)
{
  g_autofree char *path = g_build_filename (feed_root, "from-disk.pdf", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  falt_test_open_document (window, "folder");
  g_assert_true (falt_test_wait_for (pdf_is_open, window, 10000));
  falt_pdf_view_set_zoom (pdf_view (window), 0.5);
  falt_pdf_view_scroll_to_page (pdf_view (window), 2);
  falt_test_iterate (300);
  falt_test_open_document (window, "slides");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-document", "(si)", "folder", 0);
  g_assert_null (falt_pdf_view_get_document (pdf_view (window)));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.present", NULL);
  g_assert_true (falt_window_get_presenting (window));
  assert_presented_on_other_monitor (window);
  g_assert_true (falt_test_wait_for (pdf_is_open, window, 10000));
  falt_test_iterate (400);
  g_assert_cmpint (falt_pdf_canvas_get_fit_mode (falt_pdf_view_get_canvas (pdf_view (window))), ==, FALT_PDF_FIT_PAGE);
  g_assert_cmpint (falt_pdf_view_get_current_page (pdf_view (window)), ==, 2);
  assert_page_fits (window, 2);
  assert_step_label (window, "2 / 3", "Page 2 of 3");
  step_to_page (window, GDK_KEY_Page_Down, 3);
  press_key (window, GDK_KEY_Escape);
  falt_test_iterate (300);
  g_assert_false (falt_window_get_presenting (window));
  g_assert_cmpint (falt_pdf_canvas_get_fit_mode (falt_pdf_view_get_canvas (pdf_view (window))), !=, FALT_PDF_FIT_PAGE);
  g_assert_cmpint (falt_pdf_view_get_current_page (pdf_view (window)), ==, 2);

  falt_window_open_file (window, file);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.present", NULL);
  g_assert_true (falt_window_get_presenting (window));
  g_assert_true (falt_test_wait_for (pdf_is_open, window, 10000));
  falt_test_iterate (400);
  g_assert_cmpint (falt_pdf_canvas_get_fit_mode (falt_pdf_view_get_canvas (pdf_view (window))), ==, FALT_PDF_FIT_PAGE);
  assert_page_fits (window, 1);
  g_free (falt_test_save_screenshot (GTK_WIDGET (window), "presentation-pdf-opened-while-presenting"));
  press_key (window, GDK_KEY_Escape);
  falt_test_iterate (200);
  g_assert_false (falt_window_get_presenting (window));
}

static void
test_pdf_presented_while_opening (void)
{
  falt_test_run_app (check_pdf_presented_while_opening, NULL);
}

/* The projector: a monitor the window is not on, the largest of several. */
static void
test_monitor_choice (void)
{
  const GdkRectangle one[] = { { 0, 0, 1920, 1080 } };
  const GdkRectangle two[] = { { 0, 0, 1366, 768 }, { 1366, 0, 1024, 768 } };
  const GdkRectangle three[] = { { 0, 0, 1366, 768 }, { 1366, 0, 1024, 768 }, { 2390, 0, 1920, 1080 } };
  const GdkRectangle same[] = { { 0, 0, 1920, 1080 }, { 1920, 0, 1280, 1024 }, { 3200, 0, 1280, 1024 } };

  g_assert_cmpint (falt_present_monitor_choose (one, 1, 0), ==, -1);
  g_assert_cmpint (falt_present_monitor_choose (two, 2, 0), ==, 1);
  g_assert_cmpint (falt_present_monitor_choose (two, 2, 1), ==, 0);
  /* Where the window is is unknown: not a guess at which is the projector. */
  g_assert_cmpint (falt_present_monitor_choose (two, 2, -1), ==, -1);
  g_assert_cmpint (falt_present_monitor_choose (three, 3, 0), ==, 2);
  g_assert_cmpint (falt_present_monitor_choose (three, 3, 2), ==, 0);
  g_assert_cmpint (falt_present_monitor_choose (three, 3, 1), ==, 2);
  /* Of equal ones, the first. */
  g_assert_cmpint (falt_present_monitor_choose (same, 3, 0), ==, 1);
}

/* What's New has no row in the sidebar: no other row may look like the page shown. */
static void
check_whats_new_selects_no_row (FaltApplication *app,
                                FaltWindow      *window,
                                gpointer         data)
{
  GtkListBox *sidebar = GTK_LIST_BOX (falt_test_find_widget (GTK_WIDGET (window), GTK_TYPE_LIST_BOX, NULL));

  falt_window_show_page (window, "library");
  g_assert_cmpstr (gtk_widget_get_name (GTK_WIDGET (gtk_list_box_get_selected_row (sidebar))), ==, "library");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "whats-new");
  falt_test_iterate (200);
  g_assert_cmpstr (falt_window_get_visible_page (window), ==, "whats-new");
  g_assert_null (gtk_list_box_get_selected_row (sidebar));
  g_free (falt_test_save_screenshot (GTK_WIDGET (window), "presentation-whats-new"));

  /* And the sidebar still works after it. */
  falt_window_show_page (window, "coordinators");
  g_assert_cmpstr (gtk_widget_get_name (GTK_WIDGET (gtk_list_box_get_selected_row (sidebar))), ==, "coordinators");
}

static void
test_whats_new_selects_no_row (void)
{
  falt_test_run_app (check_whats_new_selects_no_row, NULL);
}

static GtkWidget *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type) && gtk_widget_get_visible (toplevel))
        return toplevel;
    }
  return NULL;
}

static gboolean
is_toggle_for_action (GtkWidget  *widget,
                      const char *action_name)
{
  return GTK_IS_TOGGLE_BUTTON (widget)
         && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0;
}

/* The star: the toggle button of document.bookmark. */
static GtkToggleButton *
bookmark_button (FaltWindow *window)
{
  GtkWidget *button = find_widget_where (GTK_WIDGET (document_page (window)), is_toggle_for_action,
                                         "document.bookmark");

  g_assert_nonnull (button);
  return GTK_TOGGLE_BUTTON (button);
}

/* Clear History with "Also remove bookmarks" ticked, through the app's action and its dialog: the
 * open document's star goes out, and the Library lists no bookmarks. */
static void
check_clear_history_clears_the_star (FaltApplication *app,
                                     FaltWindow      *window,
                                     gpointer         data)
{
  GtkWidget *dialog, *also_bookmarks, *library;
  gboolean bookmarked = FALSE;

  falt_test_open_document (window, "slides");
  gtk_widget_activate_action (GTK_WIDGET (document_page (window)), "document.bookmark", NULL);
  falt_test_iterate (100);
  g_assert_true (gtk_toggle_button_get_active (bookmark_button (window)));

  g_action_group_activate_action (G_ACTION_GROUP (app), "clear-history", NULL);
  falt_test_iterate (200);
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  also_bookmarks = falt_test_find_widget (dialog, GTK_TYPE_CHECK_BUTTON, NULL);
  g_assert_nonnull (also_bookmarks);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (also_bookmarks), TRUE);
  g_free (falt_test_save_screenshot (dialog, "presentation-clear-history-dialog"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "clear");
  falt_test_iterate (200);

  g_object_get (document_page (window), "bookmarked", &bookmarked, NULL);
  g_assert_false (bookmarked);
  g_assert_false (gtk_toggle_button_get_active (bookmark_button (window)));
  g_free (falt_test_save_screenshot (GTK_WIDGET (window), "presentation-after-clear-history"));

  falt_window_show_page (window, "library");
  falt_test_iterate (200);
  library = gtk_widget_get_parent (falt_test_find_widget (GTK_WIDGET (window), ADW_TYPE_PREFERENCES_PAGE, NULL));
  g_assert_null (falt_test_find_widget (library, ADW_TYPE_PREFERENCES_GROUP, "bookmarks"));

  /* The star works again after it. */
  falt_test_open_document (window, "slides");
  gtk_widget_activate_action (GTK_WIDGET (document_page (window)), "document.bookmark", NULL);
  falt_test_iterate (100);
  g_assert_true (gtk_toggle_button_get_active (bookmark_button (window)));
}

static void
test_clear_history_clears_the_star (void)
{
  falt_test_run_app (check_clear_history_clears_the_star, NULL);
}

int
main (int argc, char *argv[])
{
  int status;

  falt_test_init (&argc, &argv);
  write_feed ();

  g_test_add_func ("/presentation/article-by-section", test_article_by_section);
  g_test_add_func ("/presentation/starts-where-reading", test_presentation_starts_where_reading);
  g_test_add_func ("/presentation/pdf-page-by-page", test_pdf_page_by_page);
  g_test_add_func ("/presentation/pdf-presented-while-opening", test_pdf_presented_while_opening);
  g_test_add_func ("/presentation/monitor-choice", test_monitor_choice);
  g_test_add_func ("/window/whats-new-selects-no-row", test_whats_new_selects_no_row);
  g_test_add_func ("/window/clear-history-clears-the-star", test_clear_history_clears_the_star);

  status = falt_test_run ();
  falt_test_remove_tree (feed_root);
  g_free (feed_root);
  return status;
}
