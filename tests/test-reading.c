/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "ui/falt-application.h"

#include "falt-test-feed.h"
#include "falt-test-reading.h"
#include "falt-test-utils.h"
#include "ui/falt-document-page.h"
#include "ui/falt-language-chain-group.h"
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


static void
check_table_in_article (FaltApplication *app,
                        FaltWindow      *window,
                        gpointer         data)
{
  GtkWidget *table;

  falt_test_open_document (window, "guide");
  table = falt_test_find_widget (GTK_WIDGET (falt_test_reading_markdown_view (window)), FALT_TYPE_MARKDOWN_TABLE, NULL);
  g_assert_nonnull (table);
  g_assert_cmpuint (falt_markdown_table_get_n_rows (FALT_MARKDOWN_TABLE (table)), ==, 3);
  g_assert_cmpuint (falt_markdown_table_get_n_columns (FALT_MARKDOWN_TABLE (table)), ==, 3);
  falt_test_reading_save_screenshots (window, "reading-article");
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

  falt_test_open_document (window, "guide");
  falt_markdown_view_scroll_to_offset (falt_test_reading_markdown_view (window), falt_test_reading_offset_of (window, "Stycke 20 "));
  falt_test_iterate (300);
  guide_offset = falt_markdown_view_get_top_offset (falt_test_reading_markdown_view (window));
  g_assert_cmpint (guide_offset, >, 0);

  /* doc:ID#anchor opens the other document at that heading. */
  g_signal_emit_by_name (falt_test_reading_markdown_view (window), "activate-link", "doc:other#vad-gör-jag-nu", &handled);
  g_assert_true (handled);
  falt_test_iterate (400);
  g_assert_cmpstr (falt_window_get_content_title (window), ==, "Annan");
  g_assert_cmpstr (falt_document_page_get_title (falt_test_reading_document_page (window)), ==, "Annan");
  g_assert_true (falt_document_page_can_go_back (falt_test_reading_document_page (window)));
  g_assert_cmpfloat (falt_test_reading_scroll_value (window), >, 500);
  g_assert_true (falt_test_reading_text_in_sight (window, "Vad gör jag nu?"));
  g_assert_false (falt_test_reading_text_in_sight (window, "Stycke 1 "));
  g_free (falt_test_save_screenshot (GTK_WIDGET (window), "reading-anchor-link"));

  /* Back (Alt+Left) returns to the guide where the reader left it. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL);
  falt_test_iterate (400);
  g_assert_cmpstr (falt_window_get_content_title (window), ==, "Guide (en)");
  back_offset = falt_markdown_view_get_top_offset (falt_test_reading_markdown_view (window));
  g_test_message ("guide left at offset %d, back at %d", guide_offset, back_offset);
  g_assert_cmpint (ABS (back_offset - guide_offset), <, 80);
  g_assert_false (falt_document_page_can_go_back (falt_test_reading_document_page (window)));

  /* Back once more leaves the document. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL);
  falt_test_iterate (100);
  g_assert_cmpstr (falt_window_get_visible_page (window), !=, "document");

  /* A link to a document that is not there says so, and leaves the guide shown. */
  falt_test_open_document (window, "guide");
  g_signal_emit_by_name (falt_test_reading_markdown_view (window), "activate-link", "doc:other", &handled);
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
  falt_test_open_document (window, "guide");
  falt_markdown_view_scroll_to_offset (falt_test_reading_markdown_view (window), falt_test_reading_offset_of (window, "Stycke 40 "));
  falt_test_iterate (300);
  stored = falt_markdown_view_get_top_offset (falt_test_reading_markdown_view (window));
  g_assert_cmpfloat (falt_test_reading_scroll_value (window), >, 500);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.close-document", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-document", "(si)", "third", 0);
  falt_test_iterate (400);
  g_assert_cmpstr (falt_window_get_content_title (window), ==, "Tredje");
  g_assert_cmpfloat (falt_test_reading_scroll_value (window), ==, 0);
  g_assert_cmpint (falt_markdown_view_get_top_offset (falt_test_reading_markdown_view (window)), ==, 0);

  /* Revisited, the guide is where the reader left it. */
  falt_test_open_document (window, "guide");
  g_test_message ("guide stored at %d, reopened at %d", stored, falt_markdown_view_get_top_offset (falt_test_reading_markdown_view (window)));
  g_assert_cmpint (ABS (falt_markdown_view_get_top_offset (falt_test_reading_markdown_view (window)) - stored), <, 80);
  g_assert_cmpfloat (falt_test_reading_scroll_value (window), >, 500);
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

  falt_test_open_document (window, "other");
  g_assert_cmpfloat (falt_markdown_view_get_zoom (falt_test_reading_markdown_view (window)), ==, 1.0);
  /* Ctrl+plus is document.zoom-in. */
  gtk_widget_activate_action (GTK_WIDGET (falt_test_reading_document_page (window)), "document.zoom-in", NULL);
  gtk_widget_activate_action (GTK_WIDGET (falt_test_reading_document_page (window)), "document.zoom-in", NULL);
  g_assert_cmpfloat (falt_markdown_view_get_zoom (falt_test_reading_markdown_view (window)), >, 1.2);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "article-text-scale"),
                                  falt_markdown_view_get_zoom (falt_test_reading_markdown_view (window)), 0.001);
  falt_test_reading_save_screenshots (window, "reading-zoomed");
  gtk_widget_activate_action (GTK_WIDGET (falt_test_reading_document_page (window)), "document.zoom-reset", NULL);
  g_assert_cmpfloat (g_settings_get_double (settings, "article-text-scale"), ==, 1.0);
  gtk_widget_activate_action (GTK_WIDGET (falt_test_reading_document_page (window)), "document.zoom-out", NULL);
  g_assert_cmpfloat (falt_markdown_view_get_zoom (falt_test_reading_markdown_view (window)), <, 1.0);
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
  falt_test_open_document (window, "guide");
  gtk_widget_activate_action (GTK_WIDGET (falt_test_reading_document_page (window)), "document.bookmark", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.close-document", NULL);
  falt_window_show_page (window, "library");
  falt_test_iterate (200);

  bookmarks = falt_test_find_widget (library, ADW_TYPE_PREFERENCES_GROUP, "bookmarks");
  g_assert_nonnull (bookmarks);
  g_assert_cmpstr (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (bookmarks)), ==, "Bookmarks");
  row = find_row_titled (bookmarks, "Guide (en)");
  g_assert_nonnull (row);
  /* The languages the guide exists in. */
  g_assert_true (falt_test_reading_has_label (row, "SV · EN"));
  g_assert_true (falt_test_reading_has_label (find_row_titled (library, "Annan"), "SV"));
  falt_test_reading_save_screenshots (window, "reading-bookmarks");

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
  g_assert_cmpstr (falt_document_page_get_title (falt_test_reading_document_page (window)), ==, "Annan");
}

static void
test_bookmarks_list (void)
{
  falt_test_run_app (check_bookmarks_list, NULL);
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
  g_assert_true (falt_test_wait_for (falt_test_reading_search_has_results, search, 5000));
  falt_test_iterate (100);
  articles = falt_test_find_widget (search, GTK_TYPE_LIST_BOX, "articles");
  pdfs = falt_test_find_widget (search, GTK_TYPE_LIST_BOX, "pdfs");
  g_assert_nonnull (articles);
  g_assert_nonnull (pdfs);
  /* One row for the folder, its two matching pages under it. */
  {
    GtkWidget *document = falt_test_reading_first_row_of (pdfs);
    GtkWidget *page1;
    GtkWidget *page3;

    while (document != NULL && !falt_test_reading_has_label (document, "Folder"))
      document = gtk_widget_get_next_sibling (document);
    g_assert_nonnull (document);
    page1 = gtk_widget_get_next_sibling (document);
    page3 = page1 != NULL ? gtk_widget_get_next_sibling (page1) : NULL;

    g_assert_cmpstr (gtk_widget_get_name (document), ==, "pdf-document");
    g_assert_true (falt_test_reading_has_label (document, "Folder"));
    g_assert_true (falt_test_reading_has_label (document, "2 pages match"));
    g_assert_cmpstr (gtk_widget_get_name (page1), ==, "pdf-page");
    g_assert_true (falt_test_reading_has_label (page1, "Page 1"));
    g_assert_true (falt_test_reading_has_label (page3, "Page 3"));
    g_assert_true (gtk_widget_get_next_sibling (page3) == NULL
                   || g_strcmp0 (gtk_widget_get_name (gtk_widget_get_next_sibling (page3)), "pdf-document") == 0);
  }
  falt_test_reading_save_screenshots (window, "reading-search");

  /* An article hit opens with the matched words (all forms) marked. */
  g_signal_emit_by_name (articles, "row-activated", falt_test_reading_first_row_of (articles));
  falt_test_iterate (400);
  g_assert_cmpstr (falt_window_get_visible_page (window), ==, "document");
  g_test_message ("%u places marked", falt_markdown_view_count_highlights (falt_test_reading_markdown_view (window)));
  g_assert_cmpuint (falt_markdown_view_count_highlights (falt_test_reading_markdown_view (window)), >=, 3);
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

  falt_test_open_document (window, "guide");
  g_assert_cmpstr (falt_window_get_content_title (window), ==, "Guide (en)");
  language_button = falt_test_find_widget (GTK_WIDGET (falt_test_reading_document_page (window)), GTK_TYPE_MENU_BUTTON, "language-button");
  g_assert_nonnull (language_button);
  g_assert_true (gtk_widget_get_visible (language_button));

  /* This document, in Swedish: the preference stays. */
  gtk_widget_activate_action (GTK_WIDGET (falt_test_reading_document_page (window)), "document.show-in", "s", "sv");
  falt_test_iterate (200);
  g_assert_cmpstr (falt_window_get_content_title (window), ==, "Guide");
  g_assert_cmpstr (falt_document_page_get_title (falt_test_reading_document_page (window)), ==, "Guide");
  {
    g_autofree char *now = g_settings_get_string (settings, "content-language");
    g_assert_cmpstr (now, ==, preference);
  }
  falt_test_reading_save_screenshots (window, "reading-show-in");

  /* Remembered for the visit; other documents are not affected. */
  falt_test_open_document (window, "third");
  g_assert_false (gtk_widget_get_visible (language_button));
  falt_test_open_document (window, "guide");
  g_assert_cmpstr (falt_window_get_content_title (window), ==, "Guide");
  gtk_widget_activate_action (GTK_WIDGET (falt_test_reading_document_page (window)), "document.show-in", "s", "en");
  falt_test_iterate (200);
  g_assert_cmpstr (falt_window_get_content_title (window), ==, "Guide (en)");
}

static GtkLabel *
fallback_notice (FaltWindow *window)
{
  return GTK_LABEL (falt_test_find_widget (GTK_WIDGET (falt_test_reading_document_page (window)), GTK_TYPE_LABEL, "fallback-notice"));
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
  falt_test_open_document (window, "guide");
  notice = fallback_notice (window);
  g_assert_nonnull (notice);
  g_assert_cmpstr (falt_window_get_content_title (window), ==, "Guide (en)");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (notice)));
  g_assert_cmpstr (gtk_label_get_text (notice), ==, "Shown in English: not available in Ukrainian");
  falt_test_reading_save_screenshots (window, "reading-fallback-notice");

  falt_test_open_document (window, "third");
  g_assert_cmpstr (gtk_label_get_text (notice), ==, "Shown in Swedish: not available in Ukrainian");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (notice)));

  falt_test_open_document (window, "guide");
  gtk_widget_activate_action (GTK_WIDGET (falt_test_reading_document_page (window)), "document.show-in", "s", "sv");
  falt_test_iterate (200);
  g_assert_cmpstr (falt_window_get_content_title (window), ==, "Guide");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (notice)));

  /* The default chain, an English interface first: the guide is in it. */
  g_settings_reset (settings, "content-languages");
  gtk_widget_activate_action (GTK_WIDGET (falt_test_reading_document_page (window)), "document.show-in", "s", "en");
  falt_test_iterate (200);
  g_assert_cmpstr (falt_window_get_content_title (window), ==, "Guide (en)");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (notice)));
  falt_test_open_document (window, "third");
  g_assert_cmpstr (gtk_label_get_text (notice), ==, "Shown in Swedish: not available in English");
}

static void
test_fallback_notice (void)
{
  falt_test_run_app (check_fallback_notice, NULL);
}

/* The languages changed in Preferences while a document is open: it shows
 * in the new first one it has, at once; not one whose language the reader
 * chose with "Show in …" in this visit. */
static void
check_languages_changed_while_open (FaltApplication *app,
                                    FaltWindow      *window,
                                    gpointer         data)
{
  g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);
  GtkLabel *notice;
  GtkWidget *preferences, *group;

  /* Swedish moved up in Preferences, then English again. */
  falt_test_open_document (window, "guide");
  g_assert_cmpstr (falt_window_get_content_title (window), ==, "Guide (en)");
  preferences = falt_test_open_preferences (app);
  group = falt_test_find_widget (preferences, FALT_TYPE_LANGUAGE_CHAIN_GROUP, NULL);
  g_assert_nonnull (group);
  gtk_widget_activate_action (group, "languages.move-up", "s", "sv");
  falt_test_iterate (200);
  g_assert_cmpstr (falt_window_get_content_title (window), ==, "Guide");
  g_assert_cmpstr (falt_document_page_get_title (falt_test_reading_document_page (window)), ==, "Guide");
  gtk_widget_activate_action (group, "languages.move-up", "s", "en");
  falt_test_iterate (200);
  g_assert_cmpstr (falt_window_get_content_title (window), ==, "Guide (en)");
  gtk_window_destroy (GTK_WINDOW (preferences));

  /* Only in Swedish: it stays, and says which language it is not in. */
  falt_test_open_document (window, "third");
  notice = fallback_notice (window);
  g_assert_cmpstr (gtk_label_get_text (notice), ==, "Shown in Swedish: not available in English");
  g_settings_set_strv (settings, "content-languages", (const char * const[]) { "uk", "en", "sv", "ru", NULL });
  falt_test_iterate (200);
  g_assert_cmpstr (falt_window_get_content_title (window), ==, "Tredje");
  g_assert_cmpstr (gtk_label_get_text (notice), ==, "Shown in Swedish: not available in Ukrainian");

  /* The reader's own choice for this document wins. */
  falt_test_open_document (window, "guide");
  gtk_widget_activate_action (GTK_WIDGET (falt_test_reading_document_page (window)), "document.show-in", "s", "sv");
  falt_test_iterate (200);
  g_assert_cmpstr (falt_window_get_content_title (window), ==, "Guide");
  g_settings_set_strv (settings, "content-languages", (const char * const[]) { "en", "sv", "uk", "ru", NULL });
  falt_test_iterate (200);
  g_assert_cmpstr (falt_window_get_content_title (window), ==, "Guide");
  falt_test_reading_save_screenshots (window, "reading-languages-changed");
  g_settings_reset (settings, "content-languages");
}

static void
test_languages_changed_while_open (void)
{
  falt_test_run_app (check_languages_changed_while_open, NULL);
}

static void
test_show_in_other_language (void)
{
  falt_test_run_app (check_show_in_other_language, NULL);
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

/* The rows shown: rows the last query did not need stay, hidden. */
static guint
count_children (GtkWidget *widget)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    n += gtk_widget_get_visible (child);
  return n;
}

static gboolean
last_row_has_snippet (gpointer list)
{
  GtkWidget *title = falt_test_find_widget (gtk_widget_get_last_child (list), GTK_TYPE_LABEL, "title");
  GtkWidget *snippet = gtk_widget_get_next_sibling (gtk_widget_get_parent (title));

  return gtk_widget_get_visible (snippet) && *gtk_label_get_text (GTK_LABEL (snippet)) != '\0';
}

static gboolean
search_is_over (gpointer data)
{
  return !falt_search_page_is_searching (data);
}

static void
search_alone_without_hits (GtkWidget  *page,
                           const char *query)
{
  falt_search_page_set_query (FALT_SEARCH_PAGE (page), query);
  falt_search_page_search_now (FALT_SEARCH_PAGE (page));
  g_assert_true (falt_test_wait_for (search_is_over, page, 10000));
  g_assert_cmpuint (falt_search_page_get_n_results (FALT_SEARCH_PAGE (page)), ==, 0);
  falt_test_iterate (200);
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
  /* The rows further down get their snippets after them (the search
   * made those of the first screenful). */
  g_assert_true (falt_test_wait_for (last_row_has_snippet, list, 5000));
  {
    GtkWidget *title = falt_test_find_widget (gtk_widget_get_last_child (list), GTK_TYPE_LABEL, "title");
    GtkWidget *snippet = gtk_widget_get_next_sibling (gtk_widget_get_parent (title));

    g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (snippet)), "<b>stöd</b>"));
  }

  /* The next query reuses the rows, from its top. */
  first_row = gtk_widget_get_first_child (list);
  search_alone (page, "skydd");
  g_assert_cmpuint (falt_search_page_get_n_results (FALT_SEARCH_PAGE (page)), ==, 40);
  g_assert_true (gtk_widget_get_first_child (list) == first_row);
  g_assert_cmpuint (count_children (list), ==, n_shown);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);
  g_assert_true (GTK_IS_LABEL (falt_test_find_widget (first_row, GTK_TYPE_LABEL, NULL)));

  /* Regression: a query without hits destroyed the rows, and the next
   * one built them again (5-10 ms of the frame after the letter). They
   * stay under "No Results", out of reach, and take the next hits. */
  {
    GtkWidget *second_row = gtk_widget_get_next_sibling (first_row);
    GtkWidget *status = falt_test_find_widget (page, GTK_TYPE_STACK, NULL);

    g_object_add_weak_pointer (G_OBJECT (second_row), (gpointer *) &second_row);
    search_alone_without_hits (page, "qqqzzzxxy");
    g_assert_true (gtk_widget_is_drawable (status));
    g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (status)), ==, "none");
    g_assert_false (gtk_widget_get_can_target (scrolled));
    g_assert_false (gtk_widget_get_can_focus (scrolled));
    g_assert_false (gtk_widget_child_focus (scrolled, GTK_DIR_TAB_FORWARD));
    search_alone (page, "skydd");
    g_assert_false (gtk_widget_get_visible (status));
    g_assert_true (gtk_widget_get_can_target (scrolled));
    g_assert_nonnull (second_row);
    g_assert_true (gtk_widget_get_next_sibling (first_row) == second_row);
    g_assert_true (gtk_widget_get_visible (second_row));
    g_assert_cmpuint (count_children (list), ==, n_shown);
    g_object_remove_weak_pointer (G_OBJECT (second_row), (gpointer *) &second_row);
  }
  {
    g_autofree char *expected = NULL;
    GtkWidget *label = falt_test_find_widget (first_row, GTK_TYPE_LABEL, "title");
    GtkWidget *snippet = gtk_widget_get_next_sibling (gtk_widget_get_parent (label));

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

/* Regression: a PDF's row said "title · 3 pages match" in one label, so
 * a long title (Russian ones are) cut the count off in a narrow window.
 * The count has a label of its own that is never cut; the title gives
 * way. Run in Russian too (tests/meson.build: reading-search-ru). */
static void
test_search_pdf_count_narrow (void)
{
  g_autofree char *dir = g_dir_make_tmp ("faltstod-search-count-XXXXXX", NULL);
  g_autofree char *feed_dir = g_build_filename (dir, "feed", NULL);
  g_autofree char *db_path = g_build_filename (dir, "store.db", NULL);
  g_autoptr (FaltTestFeed) feed = falt_test_feed_new (feed_dir, 1);
  g_autoptr (GError) error = NULL;
  g_autoptr (FaltStore) store = NULL;
  g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *expected_count = NULL;
  GtkWidget *page, *window, *list, *row, *title, *count;
  graphene_rect_t bounds;
  int natural;

  /* As the app does (gtk_test_init() chose a locale of its own). */
  falt_application_setup_i18n ();
  falt_test_feed_add_section (feed, "manuals", "Руководства", "Manuals");
  falt_test_feed_add_pdf (feed, "rukovodstvo", "manuals", "ru",
                          "Руководство для специалистов по выявлению и поддержке пострадавших от торговли людьми",
                          (const char *const[]) { "О поддержке пострадавших.", "Ничего.", "Ещё о поддержке.", NULL });
  falt_test_feed_write (feed);
  store = falt_store_open (db_path, &error);
  g_assert_no_error (error);
  falt_store_import_feed (store, feed_dir, FALSE, &error);
  g_assert_no_error (error);
  g_settings_set_strv (settings, "content-languages", (const char *const[]) { "ru", NULL });

  page = falt_search_page_new (store, settings);
  g_object_ref (page);
  window = falt_test_show_in_window (page, 360, 600);
  search_alone (page, "поддержке");
  list = falt_test_find_widget (page, GTK_TYPE_LIST_BOX, "pdfs");
  row = gtk_widget_get_first_child (list);
  g_assert_cmpstr (gtk_widget_get_name (row), ==, "pdf-document");
  title = falt_test_find_widget (row, GTK_TYPE_LABEL, "title");
  count = falt_test_find_widget (row, GTK_TYPE_LABEL, "count");
  g_assert_nonnull (title);
  g_assert_nonnull (count);

  expected_count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u page matches", "%u pages match", 2), 2);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (count)), ==, expected_count);
  if (g_strcmp0 (g_getenv ("LANGUAGE"), "ru") == 0)
    g_assert_cmpstr (expected_count, !=, "2 pages match");
  g_assert_true (gtk_widget_get_mapped (count));
  /* The count is whole and inside the row; the title is the one cut. */
  g_assert_cmpint (gtk_label_get_ellipsize (GTK_LABEL (count)), ==, PANGO_ELLIPSIZE_NONE);
  gtk_widget_measure (count, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
  g_assert_cmpint (gtk_widget_get_width (count), >=, natural);
  g_assert_true (gtk_widget_compute_bounds (count, row, &bounds));
  g_assert_cmpfloat (bounds.origin.x, >=, 0);
  g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, gtk_widget_get_width (row));
  g_assert_true (pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (title))));
  {
    g_autofree char *accessible = g_strdup_printf ("%s, %s", gtk_label_get_text (GTK_LABEL (title)), expected_count);

    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible);
  }
  {
    g_autofree char *name = g_strdup_printf ("search-pdf-count-360-%s", g_getenv ("LANGUAGE"));

    g_free (falt_test_save_screenshot (window, name));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (page);
  g_clear_object (&store);
  falt_test_remove_tree (dir);
}

int
main (int argc, char *argv[])
{
  int status;

  falt_test_init (&argc, &argv);
  feed_root = falt_test_reading_write_feed ();

  g_test_add_func ("/reading/pages-build-alone", test_pages_build_alone);
  g_test_add_func ("/reading/table-in-article", test_table_in_article);
  g_test_add_func ("/reading/links-and-back", test_links_and_back);
  g_test_add_func ("/reading/positions", test_positions);
  g_test_add_func ("/reading/text-size", test_text_size);
  g_test_add_func ("/reading/bookmarks-list", test_bookmarks_list);
  g_test_add_func ("/reading/search-grouped-and-highlighted", test_search_grouped_and_highlighted);
  g_test_add_func ("/reading/search-rows-built-as-needed", test_search_rows_built_as_needed);
  g_test_add_func ("/reading/search-pdf-count-narrow", test_search_pdf_count_narrow);
  g_test_add_func ("/reading/show-in-other-language", test_show_in_other_language);
  g_test_add_func ("/reading/fallback-notice", test_fallback_notice);
  g_test_add_func ("/reading/languages-changed-while-open", test_languages_changed_while_open);

  status = falt_test_run ();
  falt_test_remove_tree (feed_root);
  g_free (feed_root);
  return status;
}
