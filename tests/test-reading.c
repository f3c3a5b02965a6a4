/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "falt-test-feed.h"
#include "falt-test-utils.h"
#include "ui/falt-document-page.h"
#include "ui/falt-markdown-table.h"
#include "ui/falt-markdown-view.h"
#include "ui/falt-pdf-controls.h"
#include "ui/falt-library-page.h"
#include "ui/falt-pdf-view-private.h"
#include "ui/falt-search-page-private.h"

/* Reading in the real app, driven through its actions, on material made
 * for it (FALTSTOD_BUNDLED_FEED points at a feed this test writes):
 * tables, links between documents, Back, reading positions, text size. */

static char *feed_root;

static char *
paragraphs (const char *first,
            guint       n,
            const char *last)
{
  GString *text = g_string_new (first);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "Stycke %u om stöd till den som utsatts, med text nog för en rad.\n\n", i);
  g_string_append (text, last);
  return g_string_free (text, FALSE);
}

static void
write_feed (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *guide = paragraphs ("# Guide\n\n"
                                       "Läs [den andra](doc:other) eller [vad du gör nu](doc:other#vad-gör-jag-nu).\n\n"
                                       "| Vem | Nummer | När |\n| --- | --- | --- |\n"
                                       "| Stödtelefonen för yrkesverksamma | 020-39 00 00 | vardagar 08–17 |\n"
                                       "| Polisen | 114 14 | dygnet runt |\n\n"
                                       "> Ett citat ur en vägledning som är långt nog för att brytas på två rader i ett smalt fönster.\n\n"
                                       "- En punkt i en lista som är så lång att den bryts på flera rader när fönstret är smalt.\n\n",
                                       60, "## Slutet\n\nSista stycket.\n");
  g_autofree char *other = paragraphs ("# Annan\n\n", 60, "## Vad gör jag nu?\n\nRing 020-39 00 00.\n");
  g_autoptr (FaltTestFeed) feed = NULL;

  feed_root = g_dir_make_tmp ("faltstod-reading-XXXXXX", NULL);
  dir = g_build_filename (feed_root, "feed", NULL);
  feed = falt_test_feed_new (dir, 5);
  falt_test_feed_add_section (feed, "manuals", "Manualer", "Manuals");
  falt_test_feed_add_article (feed, "guide", "manuals", "sv", "Guide", guide);
  falt_test_feed_add_article (feed, "guide", "manuals", "en", "Guide (en)", guide);
  falt_test_feed_add_article (feed, "other", "manuals", "sv", "Annan", other);
  falt_test_feed_add_article (feed, "third", "manuals", "sv", "Tredje", other);
  falt_test_feed_add_pdf (feed, "folder", "manuals", "sv", "Folder",
                          (const char *const[]) { "Om stödet till den utsatta.", "Ingenting här.",
                                                  "Mer stöd för yrkesverksamma.", NULL });
  falt_test_feed_add_pdf (feed, "forms", "manuals", "sv", "Former",
                          (const char *const[]) { "Inledning.",
                                                  "Om stödet till den utsatta. Mer stöd ges av stödtelefonen. "
                                                  "Alla stöden finns här.",
                                                  "Ingenting här.", "Sist ett stöd.", NULL });
  {
    g_autoptr (GBytes) labelled = falt_test_make_labelled_pdf (
      (const char *const[]) { "Förord.", "Innehåll.", "Inledning.", "Mer.", "Sist nämns reflektionstiden.", NULL },
      (const char *const[]) { "i", "ii", "1", "2", "3", NULL });

    falt_test_feed_add_raw_pdf (feed, "labelled", "manuals", "sv", "Numrerad", labelled);
  }
  falt_test_feed_write (feed);
  g_setenv ("FALTSTOD_BUNDLED_FEED", dir, TRUE);
}

static FaltMarkdownView *
markdown_view (FaltWindow *window)
{
  return FALT_MARKDOWN_VIEW (falt_test_find_widget (GTK_WIDGET (window), FALT_TYPE_MARKDOWN_VIEW, NULL));
}

static FaltDocumentPage *
document_page (FaltWindow *window)
{
  return FALT_DOCUMENT_PAGE (falt_test_find_widget (GTK_WIDGET (window), FALT_TYPE_DOCUMENT_PAGE, NULL));
}

static double
scroll_value (FaltWindow *window)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (markdown_view (window)), GTK_TYPE_SCROLLED_WINDOW);

  return gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)));
}

static void
open_document (FaltWindow *window,
               const char *id)
{
  falt_test_open_document (window, id);
}

static int
offset_of (FaltWindow *window,
           const char *text)
{
  return falt_test_text_offset (GTK_TEXT_VIEW (markdown_view (window)), text);
}

/* Whether @text is within the part of the article on screen. */
static gboolean
text_in_sight (FaltWindow *window,
               const char *text)
{
  GtkWidget *view = GTK_WIDGET (markdown_view (window));
  GtkWidget *scrolled = gtk_widget_get_ancestor (view, GTK_TYPE_SCROLLED_WINDOW);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter iter;
  GdkRectangle location;
  graphene_point_t point;

  gtk_text_buffer_get_start_iter (buffer, &iter);
  g_assert_true (gtk_text_iter_forward_search (&iter, text, 0, &iter, NULL, NULL));
  gtk_text_view_get_iter_location (GTK_TEXT_VIEW (view), &iter, &location);
  gtk_text_view_buffer_to_window_coords (GTK_TEXT_VIEW (view), GTK_TEXT_WINDOW_WIDGET, location.x, location.y,
                                         &location.x, &location.y);
  g_assert_true (gtk_widget_compute_point (view, scrolled, &GRAPHENE_POINT_INIT (location.x, location.y), &point));
  return point.y >= 0 && point.y + location.height <= gtk_widget_get_height (scrolled);
}

static void
save_screenshots (FaltWindow *window,
                  const char *name)
{
  const int widths[] = { 360, 1280 };

  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    {
      g_autofree char *file = g_strdup_printf ("%s-%d", name, widths[i]);

      gtk_window_set_default_size (GTK_WINDOW (window), widths[i], 720);
      falt_test_iterate (400);
      g_free (falt_test_save_screenshot (GTK_WIDGET (window), file));
    }
  gtk_window_set_default_size (GTK_WINDOW (window), 980, 680);
  falt_test_iterate (200);
}

static void
check_table_in_article (FaltApplication *app,
                        FaltWindow      *window,
                        gpointer         data)
{
  GtkWidget *table;

  open_document (window, "guide");
  table = falt_test_find_widget (GTK_WIDGET (markdown_view (window)), FALT_TYPE_MARKDOWN_TABLE, NULL);
  g_assert_nonnull (table);
  g_assert_cmpuint (falt_markdown_table_get_n_rows (FALT_MARKDOWN_TABLE (table)), ==, 3);
  g_assert_cmpuint (falt_markdown_table_get_n_columns (FALT_MARKDOWN_TABLE (table)), ==, 3);
  save_screenshots (window, "reading-article");
}

static void
test_table_in_article (void)
{
  falt_test_run_app (check_table_in_article, NULL);
}

static void
check_links_and_back (FaltApplication *app,
                      FaltWindow      *window,
                      gpointer         data)
{
  gboolean handled = FALSE;
  int guide_offset, back_offset;

  open_document (window, "guide");
  falt_markdown_view_scroll_to_offset (markdown_view (window), offset_of (window, "Stycke 20 "));
  falt_test_iterate (300);
  guide_offset = falt_markdown_view_get_top_offset (markdown_view (window));
  g_assert_cmpint (guide_offset, >, 0);

  /* doc:ID#anchor opens the other document at that heading. */
  g_signal_emit_by_name (markdown_view (window), "activate-link", "doc:other#vad-gör-jag-nu", &handled);
  g_assert_true (handled);
  falt_test_iterate (400);
  g_assert_cmpstr (falt_window_get_content_title (window), ==, "Annan");
  g_assert_cmpstr (falt_document_page_get_title (document_page (window)), ==, "Annan");
  g_assert_true (falt_document_page_can_go_back (document_page (window)));
  g_assert_cmpfloat (scroll_value (window), >, 500);
  g_assert_true (text_in_sight (window, "Vad gör jag nu?"));
  g_assert_false (text_in_sight (window, "Stycke 1 "));
  g_free (falt_test_save_screenshot (GTK_WIDGET (window), "reading-anchor-link"));

  /* Back (Alt+Left) returns to the guide where the reader left it. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL);
  falt_test_iterate (400);
  g_assert_cmpstr (falt_window_get_content_title (window), ==, "Guide (en)");
  back_offset = falt_markdown_view_get_top_offset (markdown_view (window));
  g_test_message ("guide left at offset %d, back at %d", guide_offset, back_offset);
  g_assert_cmpint (ABS (back_offset - guide_offset), <, 80);
  g_assert_false (falt_document_page_can_go_back (document_page (window)));

  /* Back once more leaves the document. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL);
  falt_test_iterate (100);
  g_assert_cmpstr (falt_window_get_visible_page (window), !=, "document");

  /* A link to a document that is not there says so, and leaves the guide shown. */
  open_document (window, "guide");
  g_signal_emit_by_name (markdown_view (window), "activate-link", "doc:other", &handled);
  falt_test_iterate (300);
  g_assert_cmpstr (falt_window_get_content_title (window), ==, "Annan");
}

static void
test_links_and_back (void)
{
  falt_test_run_app (check_links_and_back, NULL);
}

static void
check_positions (FaltApplication *app,
                 FaltWindow      *window,
                 gpointer         data)
{
  int stored;

  /* A new article opens at its top, never where the last one was. */
  open_document (window, "guide");
  falt_markdown_view_scroll_to_offset (markdown_view (window), offset_of (window, "Stycke 40 "));
  falt_test_iterate (300);
  stored = falt_markdown_view_get_top_offset (markdown_view (window));
  g_assert_cmpfloat (scroll_value (window), >, 500);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.close-document", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-document", "(si)", "third", 0);
  falt_test_iterate (400);
  g_assert_cmpstr (falt_window_get_content_title (window), ==, "Tredje");
  g_assert_cmpfloat (scroll_value (window), ==, 0);
  g_assert_cmpint (falt_markdown_view_get_top_offset (markdown_view (window)), ==, 0);

  /* Revisited, the guide is where the reader left it. */
  open_document (window, "guide");
  g_test_message ("guide stored at %d, reopened at %d", stored, falt_markdown_view_get_top_offset (markdown_view (window)));
  g_assert_cmpint (ABS (falt_markdown_view_get_top_offset (markdown_view (window)) - stored), <, 80);
  g_assert_cmpfloat (scroll_value (window), >, 500);
}

static void
test_positions (void)
{
  falt_test_run_app (check_positions, NULL);
}

static void
check_text_size (FaltApplication *app,
                 FaltWindow      *window,
                 gpointer         data)
{
  g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);

  open_document (window, "other");
  g_assert_cmpfloat (falt_markdown_view_get_zoom (markdown_view (window)), ==, 1.0);
  /* Ctrl+plus is document.zoom-in. */
  gtk_widget_activate_action (GTK_WIDGET (document_page (window)), "document.zoom-in", NULL);
  gtk_widget_activate_action (GTK_WIDGET (document_page (window)), "document.zoom-in", NULL);
  g_assert_cmpfloat (falt_markdown_view_get_zoom (markdown_view (window)), >, 1.2);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "article-text-scale"),
                                  falt_markdown_view_get_zoom (markdown_view (window)), 0.001);
  save_screenshots (window, "reading-zoomed");
  gtk_widget_activate_action (GTK_WIDGET (document_page (window)), "document.zoom-reset", NULL);
  g_assert_cmpfloat (g_settings_get_double (settings, "article-text-scale"), ==, 1.0);
  gtk_widget_activate_action (GTK_WIDGET (document_page (window)), "document.zoom-out", NULL);
  g_assert_cmpfloat (falt_markdown_view_get_zoom (markdown_view (window)), <, 1.0);
  g_settings_reset (settings, "article-text-scale");
}

static void
test_text_size (void)
{
  falt_test_run_app (check_text_size, NULL);
}

static GtkWidget *
find_row_titled (GtkWidget  *root,
                 const char *title)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (ADW_IS_PREFERENCES_ROW (child) && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)), title) == 0)
        return child;
      if ((found = find_row_titled (child, title)) != NULL)
        return found;
    }
  return NULL;
}

static gboolean
has_label (GtkWidget  *root,
           const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    if ((GTK_IS_LABEL (child) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (child)), text) == 0) || has_label (child, text))
      return TRUE;
  return FALSE;
}

static void
check_bookmarks_list (FaltApplication *app,
                      FaltWindow      *window,
                      gpointer         data)
{
  GtkWidget *library, *bookmarks, *row, *remove;

  falt_window_show_page (window, "library");
  falt_test_iterate (200);
  library = gtk_widget_get_parent (falt_test_find_widget (GTK_WIDGET (window), ADW_TYPE_PREFERENCES_PAGE, NULL));
  g_assert_null (falt_test_find_widget (library, ADW_TYPE_PREFERENCES_GROUP, "bookmarks"));

  /* Ctrl+D is document.bookmark. */
  open_document (window, "guide");
  gtk_widget_activate_action (GTK_WIDGET (document_page (window)), "document.bookmark", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.close-document", NULL);
  falt_window_show_page (window, "library");
  falt_test_iterate (200);

  bookmarks = falt_test_find_widget (library, ADW_TYPE_PREFERENCES_GROUP, "bookmarks");
  g_assert_nonnull (bookmarks);
  g_assert_cmpstr (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (bookmarks)), ==, "Bookmarks");
  row = find_row_titled (bookmarks, "Guide (en)");
  g_assert_nonnull (row);
  /* The languages the guide exists in. */
  g_assert_true (has_label (row, "SV · EN"));
  g_assert_true (has_label (find_row_titled (library, "Annan"), "SV"));
  save_screenshots (window, "reading-bookmarks");

  remove = falt_test_find_widget (row, GTK_TYPE_BUTTON, "remove-bookmark");
  g_assert_nonnull (remove);
  g_signal_emit_by_name (remove, "clicked");
  falt_test_iterate (100);
  g_assert_null (falt_test_find_widget (library, ADW_TYPE_PREFERENCES_GROUP, "bookmarks"));

  /* A row opens its document (Enter or a click activates it). */
  row = find_row_titled (library, "Annan");
  g_assert_true (gtk_widget_activate (row));
  falt_test_iterate (300);
  g_assert_cmpstr (falt_window_get_visible_page (window), ==, "document");
  g_assert_cmpstr (falt_document_page_get_title (document_page (window)), ==, "Annan");
}

static void
test_bookmarks_list (void)
{
  falt_test_run_app (check_bookmarks_list, NULL);
}

static gboolean
search_has_results (gpointer data)
{
  return falt_search_page_get_n_results (data) > 0;
}

static GtkWidget *
first_row_of (GtkWidget *list)
{
  GtkWidget *row = gtk_widget_get_first_child (list);

  g_assert_nonnull (row);
  return row;
}

static void
check_search_grouped_and_highlighted (FaltApplication *app,
                                      FaltWindow      *window,
                                      gpointer         data)
{
  GtkWidget *search, *articles, *pdfs, *entry;
  GObject *keys = NULL;
  g_autoptr (GListModel) controllers = NULL;
  gboolean handled = FALSE;

  /* Typing where nothing takes text starts a search (type-to-search). */
  falt_window_show_page (window, "library");
  falt_test_iterate (100);
  controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  for (guint i = 0; i < g_list_model_get_n_items (controllers) && keys == NULL; i++)
    {
      g_autoptr (GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller)
          && g_signal_has_handler_pending (controller, g_signal_lookup ("key-pressed", GTK_TYPE_EVENT_CONTROLLER_KEY), 0, FALSE))
        keys = controller;
    }
  g_assert_nonnull (keys);
  g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_u, 0, 0, &handled);
  g_assert_true (handled);
  g_assert_cmpstr (falt_window_get_visible_page (window), ==, "search");
  search = falt_test_find_widget (GTK_WIDGET (window), FALT_TYPE_SEARCH_PAGE, NULL);
  entry = falt_test_find_widget (search, GTK_TYPE_SEARCH_ENTRY, NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "u");
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), entry));

  /* Grouped: articles, and each PDF once with its matching pages under it. */
  falt_search_page_set_query (FALT_SEARCH_PAGE (search), "stöd");
  g_assert_true (falt_test_wait_for (search_has_results, search, 5000));
  falt_test_iterate (100);
  articles = falt_test_find_widget (search, GTK_TYPE_LIST_BOX, "articles");
  pdfs = falt_test_find_widget (search, GTK_TYPE_LIST_BOX, "pdfs");
  g_assert_nonnull (articles);
  g_assert_nonnull (pdfs);
  /* One row for the folder, its two matching pages under it. */
  {
    GtkWidget *document = first_row_of (pdfs);
    GtkWidget *page1;
    GtkWidget *page3;

    while (document != NULL && !has_label (document, "Folder · 2 pages match"))
      document = gtk_widget_get_next_sibling (document);
    g_assert_nonnull (document);
    page1 = gtk_widget_get_next_sibling (document);
    page3 = page1 != NULL ? gtk_widget_get_next_sibling (page1) : NULL;

    g_assert_cmpstr (gtk_widget_get_name (document), ==, "pdf-document");
    g_assert_true (has_label (document, "Folder · 2 pages match"));
    g_assert_cmpstr (gtk_widget_get_name (page1), ==, "pdf-page");
    g_assert_true (has_label (page1, "Page 1"));
    g_assert_true (has_label (page3, "Page 3"));
    g_assert_true (gtk_widget_get_next_sibling (page3) == NULL
                   || g_strcmp0 (gtk_widget_get_name (gtk_widget_get_next_sibling (page3)), "pdf-document") == 0);
  }
  save_screenshots (window, "reading-search");

  /* An article hit opens with the matched words (all forms) marked. */
  g_signal_emit_by_name (articles, "row-activated", first_row_of (articles));
  falt_test_iterate (400);
  g_assert_cmpstr (falt_window_get_visible_page (window), ==, "document");
  g_test_message ("%u places marked", falt_markdown_view_count_highlights (markdown_view (window)));
  g_assert_cmpuint (falt_markdown_view_count_highlights (markdown_view (window)), >=, 3);
  g_free (falt_test_save_screenshot (GTK_WIDGET (window), "reading-search-hit"));
}

static void
test_search_grouped_and_highlighted (void)
{
  falt_test_run_app (check_search_grouped_and_highlighted, NULL);
}

static void
check_show_in_other_language (FaltApplication *app,
                              FaltWindow      *window,
                              gpointer         data)
{
  g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *preference = g_settings_get_string (settings, "content-language");
  GtkWidget *language_button;

  open_document (window, "guide");
  g_assert_cmpstr (falt_window_get_content_title (window), ==, "Guide (en)");
  language_button = falt_test_find_widget (GTK_WIDGET (document_page (window)), GTK_TYPE_MENU_BUTTON, "language-button");
  g_assert_nonnull (language_button);
  g_assert_true (gtk_widget_get_visible (language_button));

  /* This document, in Swedish: the preference stays. */
  gtk_widget_activate_action (GTK_WIDGET (document_page (window)), "document.show-in", "s", "sv");
  falt_test_iterate (200);
  g_assert_cmpstr (falt_window_get_content_title (window), ==, "Guide");
  g_assert_cmpstr (falt_document_page_get_title (document_page (window)), ==, "Guide");
  {
    g_autofree char *now = g_settings_get_string (settings, "content-language");
    g_assert_cmpstr (now, ==, preference);
  }
  save_screenshots (window, "reading-show-in");

  /* Remembered for the visit; other documents are not affected. */
  open_document (window, "third");
  g_assert_false (gtk_widget_get_visible (language_button));
  open_document (window, "guide");
  g_assert_cmpstr (falt_window_get_content_title (window), ==, "Guide");
  gtk_widget_activate_action (GTK_WIDGET (document_page (window)), "document.show-in", "s", "en");
  falt_test_iterate (200);
  g_assert_cmpstr (falt_window_get_content_title (window), ==, "Guide (en)");
}

static GtkLabel *
fallback_notice (FaltWindow *window)
{
  return GTK_LABEL (falt_test_find_widget (GTK_WIDGET (document_page (window)), GTK_TYPE_LABEL, "fallback-notice"));
}

/* With Ukrainian first, a document in English and Swedish shows in English
 * and says so, one in Swedish only in Swedish; a language chosen with
 * "Show in …" and found needs no notice. */
static void
check_fallback_notice (FaltApplication *app,
                       FaltWindow      *window,
                       gpointer         data)
{
  g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);
  GtkLabel *notice;

  g_settings_set_strv (settings, "content-languages", (const char * const[]) { "uk", "en", "sv", "ru", NULL });
  open_document (window, "guide");
  notice = fallback_notice (window);
  g_assert_nonnull (notice);
  g_assert_cmpstr (falt_window_get_content_title (window), ==, "Guide (en)");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (notice)));
  g_assert_cmpstr (gtk_label_get_text (notice), ==, "Shown in English: not available in Ukrainian");
  save_screenshots (window, "reading-fallback-notice");

  open_document (window, "third");
  g_assert_cmpstr (gtk_label_get_text (notice), ==, "Shown in Swedish: not available in Ukrainian");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (notice)));

  open_document (window, "guide");
  gtk_widget_activate_action (GTK_WIDGET (document_page (window)), "document.show-in", "s", "sv");
  falt_test_iterate (200);
  g_assert_cmpstr (falt_window_get_content_title (window), ==, "Guide");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (notice)));

  /* The default chain, an English interface first: the guide is in it. */
  g_settings_reset (settings, "content-languages");
  gtk_widget_activate_action (GTK_WIDGET (document_page (window)), "document.show-in", "s", "en");
  falt_test_iterate (200);
  g_assert_cmpstr (falt_window_get_content_title (window), ==, "Guide (en)");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (notice)));
  open_document (window, "third");
  g_assert_cmpstr (gtk_label_get_text (notice), ==, "Shown in Swedish: not available in English");
}

static void
test_fallback_notice (void)
{
  falt_test_run_app (check_fallback_notice, NULL);
}

static void
test_show_in_other_language (void)
{
  falt_test_run_app (check_show_in_other_language, NULL);
}

/* The sidebar's list of pages. */
static GtkWidget *
find_with_class (GtkWidget  *root,
                 const char *css_class)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (gtk_widget_has_css_class (child, css_class))
        return child;
      if ((found = find_with_class (child, css_class)) != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
sidebar_list (FaltWindow *window)
{
  GtkWidget *list = find_with_class (GTK_WIDGET (window), "navigation-sidebar");

  g_assert_true (GTK_IS_LIST_BOX (list));
  return list;
}

static gboolean
focus_inside (FaltWindow *window,
              GtkWidget  *area)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  return focus != NULL && (focus == area || gtk_widget_is_ancestor (focus, area));
}

static GObject *
key_controller_of (GtkWidget *widget)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller)
          && g_signal_has_handler_pending (controller, g_signal_lookup ("key-pressed", GTK_TYPE_EVENT_CONTROLLER_KEY), 0, FALSE))
        return controller;  /* the widget keeps it */
    }
  return NULL;
}

static void
check_keyboard_and_focus (FaltApplication *app,
                          FaltWindow      *window,
                          gpointer         data)
{
  GtkWidget *sidebar = sidebar_list (window);
  GtkWidget *help, *focus;
  gboolean handled = FALSE;

  /* Get Help Now (Ctrl+Shift+H is app.show-help): focus on the page, not on a Call button. */
  falt_window_show_page (window, "library");
  g_action_group_activate_action (G_ACTION_GROUP (app), "show-help", NULL);
  falt_test_iterate (200);
  g_assert_cmpstr (falt_window_get_visible_page (window), ==, "help");
  focus = gtk_root_get_focus (GTK_ROOT (window));
  help = falt_test_find_widget (GTK_WIDGET (window), g_type_from_name ("FaltHelpPage"), NULL);
  g_assert_nonnull (help);
  g_assert_true (focus == help);
  g_assert_false (GTK_IS_BUTTON (focus));
  g_free (falt_test_save_screenshot (GTK_WIDGET (window), "reading-help-focus"));

  /* Tab in the sidebar goes to the page, not to the next row. */
  falt_window_show_page (window, "library");
  gtk_widget_grab_focus (GTK_WIDGET (gtk_list_box_get_selected_row (GTK_LIST_BOX (sidebar))));
  g_assert_true (focus_inside (window, sidebar));
  g_signal_emit_by_name (key_controller_of (sidebar), "key-pressed", GDK_KEY_Tab, 0, 0, &handled);
  g_assert_true (handled);
  g_assert_false (focus_inside (window, sidebar));
  g_assert_cmpstr (falt_window_get_visible_page (window), ==, "library");

  /* F6 between the panes. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.next-pane", NULL);
  g_assert_true (focus_inside (window, sidebar));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.next-pane", NULL);
  g_assert_false (focus_inside (window, sidebar));
}

static void
test_keyboard_and_focus (void)
{
  falt_test_run_app (check_keyboard_and_focus, NULL);
}

static GtkWidget *
find_shortcut (GtkWidget  *root,
               const char *title)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;
      g_autofree char *child_title = NULL;

      if (GTK_IS_SHORTCUTS_SHORTCUT (child))
        {
          g_object_get (child, "title", &child_title, NULL);
          if (g_strcmp0 (child_title, title) == 0)
            return child;
        }
      if ((found = find_shortcut (child, title)) != NULL)
        return found;
    }
  return NULL;
}

static void
expect_shortcut (GtkWidget  *overlay,
                 const char *title,
                 const char *expected)
{
  GtkWidget *row = find_shortcut (overlay, title);
  g_autofree char *accelerator = NULL;

  g_assert_nonnull (row);
  g_object_get (row, "accelerator", &accelerator, NULL);
  g_assert_cmpstr (accelerator, ==, expected);
}

static void
check_shortcuts_window_keys (FaltApplication *app,
                             FaltWindow      *window,
                             gpointer         data)
{
  GtkWindow *overlay;
  GtkWidget *row;
  g_autofree char *accelerator = NULL;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.shortcuts", NULL);
  falt_test_iterate (300);
  overlay = GTK_WINDOW (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  g_assert_nonnull (overlay);
  row = find_shortcut (GTK_WIDGET (overlay), "Keyboard Shortcuts");
  g_assert_nonnull (row);
  g_object_get (row, "accelerator", &accelerator, NULL);
  g_assert_cmpstr (accelerator, ==, "<Control>question");
  g_assert_nonnull (find_shortcut (GTK_WIDGET (overlay), "Between Sidebar and Page"));
  /* Ctrl+F finds in the document shown; the library's search moved to
   * Ctrl+Shift+F. */
  expect_shortcut (GTK_WIDGET (overlay), "Find in Document", "<Control>f");
  expect_shortcut (GTK_WIDGET (overlay), "Search", "<Control><Shift>f");
  expect_shortcut (GTK_WIDGET (overlay), "Present the Document", "F5");
  expect_shortcut (GTK_WIDGET (overlay), "Blank the Screen", "b period");
  g_free (falt_test_save_screenshot (GTK_WIDGET (overlay), "reading-shortcuts"));
  gtk_window_close (overlay);
}

static void
test_shortcuts_window_keys (void)
{
  falt_test_run_app (check_shortcuts_window_keys, NULL);
}

/* Preferences' rows show their whole text in a narrow window. */
static void
check_preferences_show_full_text (FaltApplication *app,
                                  FaltWindow      *window,
                                  gpointer         data)
{
  GtkWindow *preferences = GTK_WINDOW (falt_test_open_preferences (app));
  GtkWidget *row;

  /* The languages' order: each row's title and subtitle wrap. */
  row = falt_test_find_widget (GTK_WIDGET (preferences), ADW_TYPE_ACTION_ROW, "uk");
  g_assert_nonnull (row);
  g_assert_cmpint (adw_action_row_get_title_lines (ADW_ACTION_ROW (row)), ==, 0);
  g_assert_cmpint (adw_action_row_get_subtitle_lines (ADW_ACTION_ROW (row)), ==, 0);
  gtk_window_set_default_size (preferences, 360, 600);
  falt_test_iterate (300);
  g_free (falt_test_save_screenshot (GTK_WIDGET (preferences), "reading-preferences-360"));
  gtk_window_destroy (preferences);
}

static void
test_preferences_show_full_text (void)
{
  falt_test_run_app (check_preferences_show_full_text, NULL);
}

static GObject *
capture_key_controller_of (GtkWidget *widget)
{
  return falt_test_find_capture_keys (widget);
}

static void
press_key (GObject *controller,
           guint    keyval)
{
  falt_test_press_key (controller, keyval);
}

static void
check_presentation_mode (FaltApplication *app,
                         FaltWindow      *window,
                         gpointer         data)
{
  GtkWidget *sidebar = sidebar_list (window);
  GObject *keys = capture_key_controller_of (GTK_WIDGET (window));
  double before;

  /* Nothing to present on a page that is not a document. */
  falt_window_show_page (window, "library");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.present", NULL);
  g_assert_false (falt_window_get_presenting (window));

  open_document (window, "third");
  g_assert_cmpfloat (falt_markdown_view_get_shown_zoom (markdown_view (window)), ==, 1.0);
  /* F5 is win.present. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.present", NULL);
  falt_test_iterate (300);
  g_assert_true (falt_window_get_presenting (window));
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_ancestor (sidebar, GTK_TYPE_BOX)));
  g_assert_false (gtk_widget_is_visible (falt_test_find_widget (GTK_WIDGET (window), ADW_TYPE_HEADER_BAR, NULL)));
  g_assert_cmpfloat (falt_markdown_view_get_shown_zoom (markdown_view (window)), ==, 2.0);
  save_screenshots (window, "reading-presentation");

  /* Page Down steps on, Page Up back; Escape leaves. */
  falt_markdown_view_scroll_to_offset (markdown_view (window), 0);
  falt_test_iterate (200);
  before = scroll_value (window);
  g_assert_nonnull (keys);
  press_key (keys, GDK_KEY_Page_Down);
  g_assert_cmpfloat (scroll_value (window), >, before + 100);
  press_key (keys, GDK_KEY_space);
  press_key (keys, GDK_KEY_Page_Up);
  press_key (keys, GDK_KEY_Page_Up);
  g_assert_cmpfloat (scroll_value (window), ==, before);
  press_key (keys, GDK_KEY_Escape);
  g_assert_false (falt_window_get_presenting (window));
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_ancestor (sidebar, GTK_TYPE_BOX)));
  g_assert_cmpfloat (falt_markdown_view_get_shown_zoom (markdown_view (window)), ==, 1.0);
}

static void
test_presentation_mode (void)
{
  falt_test_run_app (check_presentation_mode, NULL);
}

/* Pages take their store and settings as construct-only properties: each
 * can be built, used and freed alone, without a window or an application. */
static void
test_pages_build_alone (void)
{
  g_autofree char *db_dir = g_dir_make_tmp ("faltstod-pages-XXXXXX", NULL);
  g_autofree char *db_path = g_build_filename (db_dir, "store.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (FaltStore) store = falt_store_open (db_path, &error);
  g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);
  GType types[] = { FALT_TYPE_DOCUMENT_PAGE, FALT_TYPE_SEARCH_PAGE, FALT_TYPE_LIBRARY_PAGE };

  g_assert_no_error (error);
  falt_store_import_feed (store, g_getenv ("FALTSTOD_BUNDLED_FEED"), FALSE, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      GtkWidget *page = g_object_ref_sink (g_object_new (types[i], "store", store, "settings", settings, NULL));
      FaltStore *page_store = NULL;

      g_object_get (page, "store", &page_store, NULL);
      g_assert_true (page_store == store);
      g_object_unref (page_store);
      if (FALT_IS_DOCUMENT_PAGE (page))
        {
          g_assert_true (falt_document_page_open (FALT_DOCUMENT_PAGE (page), "other", 0));
          g_assert_cmpstr (falt_document_page_get_title (FALT_DOCUMENT_PAGE (page)), ==, "Annan");
        }
      g_assert_finalize_object (page);
    }

  g_clear_object (&store);
  falt_test_remove_tree (db_dir);
}

static void
on_action_activated_cb (GSimpleAction *action,
                        GVariant      *parameter,
                        GVariant     **activated)
{
  g_clear_pointer (activated, g_variant_unref);
  *activated = g_variant_ref (parameter);
}

static gboolean
search_is_done (gpointer data)
{
  return !falt_search_page_is_searching (data) && falt_search_page_get_n_results (data) > 0;
}

static guint
count_children (GtkWidget *widget)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    n++;
  return n;
}

static void
search_alone (GtkWidget  *page,
              const char *query)
{
  falt_search_page_set_query (FALT_SEARCH_PAGE (page), query);
  falt_search_page_search_now (FALT_SEARCH_PAGE (page));
  g_assert_true (falt_test_wait_for (search_is_done, page, 10000));
  falt_test_iterate (200);
}

/* Search results build rows for what is on screen, more as the list
 * scrolls; the next query's results reuse the rows (their items take the
 * new hits) rather than building them again. */
static void
test_search_rows_built_as_needed (void)
{
  g_autofree char *dir = g_dir_make_tmp ("faltstod-search-rows-XXXXXX", NULL);
  g_autofree char *feed_dir = g_build_filename (dir, "feed", NULL);
  g_autofree char *db_path = g_build_filename (dir, "store.db", NULL);
  g_autoptr (FaltTestFeed) feed = falt_test_feed_new (feed_dir, 1);
  g_autoptr (GError) error = NULL;
  g_autoptr (FaltStore) store = NULL;
  g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);
  GtkWidget *page, *window, *list, *first_row, *scrolled;
  GtkAdjustment *adjustment;
  guint n_shown;

  falt_test_feed_add_section (feed, "manuals", "Manualer", "Manuals");
  for (guint i = 0; i < 80; i++)
    {
      g_autofree char *id = g_strdup_printf ("artikel-%u", i);
      g_autofree char *title = g_strdup_printf ("Artikel %u", i);
      g_autofree char *body = g_strdup_printf ("# Artikel %u\n\nOm stöd och %s i nummer %u.\n", i,
                                               i % 2 == 0 ? "skydd" : "boende", i);

      falt_test_feed_add_article (feed, id, "manuals", "sv", title, body);
    }
  falt_test_feed_write (feed);
  store = falt_store_open (db_path, &error);
  g_assert_no_error (error);
  falt_store_import_feed (store, feed_dir, FALSE, &error);
  g_assert_no_error (error);

  page = falt_search_page_new (store, settings);
  g_object_ref (page);
  window = falt_test_show_in_window (page, 600, 500);
  list = falt_test_find_widget (page, GTK_TYPE_LIST_BOX, "articles");
  scrolled = gtk_widget_get_ancestor (list, GTK_TYPE_SCROLLED_WINDOW);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

  /* Fifty hits, a screenful of rows. */
  search_alone (page, "stöd");
  g_assert_cmpuint (falt_search_page_get_n_results (FALT_SEARCH_PAGE (page)), ==, 50);
  n_shown = count_children (list);
  g_test_message ("%u rows built for 50 hits", n_shown);
  g_assert_cmpuint (n_shown, >=, 500 / 60);
  g_assert_cmpuint (n_shown, <, 50);
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), >, gtk_adjustment_get_page_size (adjustment));

  /* Scrolling to the end builds the rest. */
  for (guint i = 0; i < 20 && count_children (list) < 50; i++)
    {
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment));
      falt_test_iterate (100);
    }
  g_assert_cmpuint (count_children (list), ==, 50);

  /* The next query reuses the rows, from its top. */
  first_row = gtk_widget_get_first_child (list);
  search_alone (page, "skydd");
  g_assert_cmpuint (falt_search_page_get_n_results (FALT_SEARCH_PAGE (page)), ==, 40);
  g_assert_true (gtk_widget_get_first_child (list) == first_row);
  g_assert_cmpuint (count_children (list), ==, n_shown);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);
  g_assert_true (GTK_IS_LABEL (falt_test_find_widget (first_row, GTK_TYPE_LABEL, NULL)));
  {
    g_autofree char *expected = NULL;
    GtkWidget *label = gtk_widget_get_first_child (gtk_widget_get_last_child (gtk_widget_get_first_child (first_row)));
    GtkWidget *snippet = gtk_widget_get_next_sibling (label);

    g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (label)), "Artikel "));
    g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (snippet)), "<b>skydd</b>"));
    expected = g_strdup (gtk_label_get_text (GTK_LABEL (label)));
    g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (first_row), GTK_ACCESSIBLE_PROPERTY_LABEL));
    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (first_row), GTK_ACCESSIBLE_PROPERTY_LABEL, expected);
  }

  /* Down from the field moves into the results; a row opens its hit. */
  {
    g_autoptr (GSimpleActionGroup) actions = g_simple_action_group_new ();
    g_autoptr (GSimpleAction) open_hit = g_simple_action_new ("open-search-hit", G_VARIANT_TYPE ("(sis)"));
    g_autoptr (GVariant) opened = NULL;
    GtkWidget *entry = falt_test_find_widget (page, GTK_TYPE_SEARCH_ENTRY, NULL);
    g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (entry);
    GtkWidget *focus;
    gboolean handled = FALSE;
    const char *doc_id;

    g_signal_connect (open_hit, "activate", G_CALLBACK (on_action_activated_cb), &opened);
    g_action_map_add_action (G_ACTION_MAP (actions), G_ACTION (open_hit));
    gtk_widget_insert_action_group (window, "win", G_ACTION_GROUP (actions));
    gtk_widget_grab_focus (entry);
    for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
      {
        g_autoptr (GObject) controller = g_list_model_get_item (controllers, i);

        if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
          g_signal_emit_by_name (controller, "key-pressed", GDK_KEY_Down, 0, 0, &handled);
      }
    g_assert_true (handled);
    focus = gtk_root_get_focus (GTK_ROOT (window));
    g_assert_true (focus == first_row || gtk_widget_is_ancestor (focus, first_row));
    g_assert_true (gtk_widget_activate (first_row));
    g_assert_nonnull (opened);
    g_variant_get (opened, "(&sis)", &doc_id, NULL, NULL);
    g_assert_true (g_str_has_prefix (doc_id, "artikel-"));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (page);
  g_clear_object (&store);
  falt_test_remove_tree (dir);
}

static FaltPdfView *
pdf_view (FaltWindow *window)
{
  return FALT_PDF_VIEW (falt_test_find_widget (GTK_WIDGET (window), FALT_TYPE_PDF_VIEW, NULL));
}

static gboolean
pdf_find_is_done (gpointer data)
{
  FaltPdfFind *find = falt_pdf_view_get_find (pdf_view (data));

  return falt_pdf_view_get_n_pages (pdf_view (data)) > 0 && !falt_pdf_find_is_running (find)
         && falt_pdf_find_get_n_hits (find) > 0;
}

static gboolean
pdf_is_open (gpointer data)
{
  return falt_pdf_view_get_n_pages (pdf_view (data)) > 0;
}

/* A PDF among the reading features: a search hit opens it at its page with
 * the words found, a presentation steps it by page, its page is kept. */
static void
check_pdf_search_hit_presentation_and_position (FaltApplication *app,
                                                FaltWindow      *window,
                                                gpointer         data)
{
  GObject *keys = capture_key_controller_of (GTK_WIDGET (window));
  GtkWidget *entry;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-search-hit", "(sis)", "folder", 3, "stöd");
  g_assert_true (falt_test_wait_for (pdf_find_is_done, window, 10000));
  falt_test_iterate (300);
  entry = falt_test_find_widget (GTK_WIDGET (pdf_view (window)), GTK_TYPE_SEARCH_ENTRY, NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "stöd");
  g_assert_true (gtk_widget_is_drawable (entry));
  /* "stödet" on page 1 and "stöd" on page 3. */
  g_assert_cmpuint (falt_pdf_find_get_n_hits (falt_pdf_view_get_find (pdf_view (window))), ==, 2);
  g_assert_cmpint (falt_pdf_view_get_current_page (pdf_view (window)), ==, 3);
  g_free (falt_test_save_screenshot (GTK_WIDGET (window), "reading-pdf-search-hit"));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.present", NULL);
  falt_test_iterate (300);
  g_assert_true (falt_window_get_presenting (window));
  press_key (keys, GDK_KEY_Page_Up);
  falt_test_iterate (200);
  g_assert_cmpint (falt_pdf_view_get_current_page (pdf_view (window)), ==, 2);
  press_key (keys, GDK_KEY_Escape);
  g_assert_false (falt_window_get_presenting (window));
  /* Leaving the presentation, the PDF is back at the page it was at. */
  falt_test_iterate (200);
  g_assert_cmpint (falt_pdf_view_get_current_page (pdf_view (window)), ==, 3);
  gtk_widget_activate_action (GTK_WIDGET (pdf_view (window)), "pdf.previous-page", NULL);
  falt_test_iterate (200);
  g_assert_cmpint (falt_pdf_view_get_current_page (pdf_view (window)), ==, 2);

  /* Closed and opened again, the PDF resumes at the page it was left. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.close-document", NULL);
  open_document (window, "folder");
  g_assert_true (falt_test_wait_for (pdf_is_open, window, 10000));
  falt_test_iterate (200);
  g_assert_cmpint (falt_pdf_view_get_current_page (pdf_view (window)), ==, 2);

  /* An article opened while a PDF is still opening stays on screen. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-document", "(si)", "folder", 1);
  open_document (window, "third");
  falt_test_iterate (400);
  g_assert_cmpstr (falt_window_get_content_title (window), ==, "Tredje");
  g_assert_true (gtk_widget_is_drawable (GTK_WIDGET (markdown_view (window))));
  g_assert_cmpint (falt_pdf_view_get_n_pages (pdf_view (window)), ==, 0);
}

static void
test_pdf_search_hit_presentation_and_position (void)
{
  falt_test_run_app (check_pdf_search_hit_presentation_and_position, NULL);
}

/* Regression: a PDF hit found the query as typed, so "stödet" marked
 * "stödet" only. It marks every written form the stemmed search matched,
 * as whole words ("stödtelefonen" is not one), on all pages in page order. */
static void
check_pdf_search_hit_marks_written_forms (FaltApplication *app,
                                          FaltWindow      *window,
                                          gpointer         data)
{
  FaltPdfFind *find;
  GtkWidget *entry;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-search-hit", "(sis)", "forms", 2, "stödet");
  g_assert_true (falt_test_wait_for (pdf_find_is_done, window, 10000));
  falt_test_iterate (300);
  find = falt_pdf_view_get_find (pdf_view (window));
  entry = falt_test_find_widget (GTK_WIDGET (pdf_view (window)), GTK_TYPE_SEARCH_ENTRY, NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "stödet");
  /* stödet, stöd, stöden on page 2; "stöd." on page 4 (poppler's whole
   * words miss a word with a full stop). */
  g_assert_cmpuint (falt_pdf_find_get_n_hits (find), ==, 4);
  g_assert_cmpstr (falt_pdf_view_get_find_status (pdf_view (window)), ==, "1 of 4");
  g_assert_cmpint (falt_pdf_find_get_current_page (find), ==, 1);
  g_assert_cmpint (falt_pdf_view_get_current_page (pdf_view (window)), ==, 2);
  save_screenshots (window, "reading-pdf-written-forms");

  gtk_widget_activate_action (GTK_WIDGET (pdf_view (window)), "pdf.find-next", NULL);
  gtk_widget_activate_action (GTK_WIDGET (pdf_view (window)), "pdf.find-next", NULL);
  g_assert_cmpstr (falt_pdf_view_get_find_status (pdf_view (window)), ==, "3 of 4");
  g_assert_cmpint (falt_pdf_find_get_current_page (find), ==, 1);
  gtk_widget_activate_action (GTK_WIDGET (pdf_view (window)), "pdf.find-next", NULL);
  g_assert_cmpstr (falt_pdf_view_get_find_status (pdf_view (window)), ==, "4 of 4");
  g_assert_cmpint (falt_pdf_find_get_current_page (find), ==, 3);
  falt_test_iterate (200);
  g_assert_cmpint (falt_pdf_view_get_current_page (pdf_view (window)), ==, 4);
}

static void
test_pdf_search_hit_marks_written_forms (void)
{
  falt_test_run_app (check_pdf_search_hit_marks_written_forms, NULL);
}

/* Regression: the result said "page 5" where the viewer says "3" (a PDF
 * labelled i, ii, 1, 2, 3): the row and the viewer show the same label. */
static void
check_pdf_hit_page_label (FaltApplication *app,
                          FaltWindow      *window,
                          gpointer         data)
{
  GtkWidget *search, *pdfs, *document, *page_row, *page_entry;
  FaltPdfView *view;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);
  search = falt_test_find_widget (GTK_WIDGET (window), FALT_TYPE_SEARCH_PAGE, NULL);
  falt_search_page_set_query (FALT_SEARCH_PAGE (search), "reflektionstiden");
  g_assert_true (falt_test_wait_for (search_has_results, search, 5000));
  falt_test_iterate (100);
  pdfs = falt_test_find_widget (search, GTK_TYPE_LIST_BOX, "pdfs");
  g_assert_nonnull (pdfs);
  document = first_row_of (pdfs);
  g_assert_true (has_label (document, "Numrerad · 1 page matches"));
  page_row = gtk_widget_get_next_sibling (document);
  g_assert_nonnull (page_row);
  g_assert_true (has_label (page_row, "Page 3"));
  save_screenshots (window, "reading-search-page-label");

  g_signal_emit_by_name (pdfs, "row-activated", page_row);
  g_assert_true (falt_test_wait_for (pdf_find_is_done, window, 10000));
  falt_test_iterate (300);
  view = pdf_view (window);
  g_assert_cmpint (falt_pdf_view_get_current_page (view), ==, 5);
  page_entry = falt_test_find_widget (falt_test_find_widget (GTK_WIDGET (window), FALT_TYPE_PDF_CONTROLS, NULL),
                                      GTK_TYPE_ENTRY, NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (page_entry)), ==, "3");
  save_screenshots (window, "reading-pdf-page-label");
}

static void
test_pdf_hit_page_label (void)
{
  falt_test_run_app (check_pdf_hit_page_label, NULL);
}

int
main (int argc, char *argv[])
{
  int status;

  falt_test_init (&argc, &argv);
  write_feed ();

  g_test_add_func ("/reading/pages-build-alone", test_pages_build_alone);
  g_test_add_func ("/reading/table-in-article", test_table_in_article);
  g_test_add_func ("/reading/links-and-back", test_links_and_back);
  g_test_add_func ("/reading/positions", test_positions);
  g_test_add_func ("/reading/text-size", test_text_size);
  g_test_add_func ("/reading/bookmarks-list", test_bookmarks_list);
  g_test_add_func ("/reading/search-grouped-and-highlighted", test_search_grouped_and_highlighted);
  g_test_add_func ("/reading/search-rows-built-as-needed", test_search_rows_built_as_needed);
  g_test_add_func ("/reading/show-in-other-language", test_show_in_other_language);
  g_test_add_func ("/reading/fallback-notice", test_fallback_notice);
  g_test_add_func ("/reading/keyboard-and-focus", test_keyboard_and_focus);
  g_test_add_func ("/reading/shortcuts-window-keys", test_shortcuts_window_keys);
  g_test_add_func ("/reading/preferences-show-full-text", test_preferences_show_full_text);
  g_test_add_func ("/reading/presentation-mode", test_presentation_mode);
  g_test_add_func ("/reading/pdf-search-hit-presentation-and-position", test_pdf_search_hit_presentation_and_position);
  g_test_add_func ("/reading/pdf-search-hit-marks-written-forms", test_pdf_search_hit_marks_written_forms);
  g_test_add_func ("/reading/pdf-hit-page-label", test_pdf_hit_page_label);

  status = falt_test_run ();
  falt_test_remove_tree (feed_root);
  g_free (feed_root);
  return status;
}
