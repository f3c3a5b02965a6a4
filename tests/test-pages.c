/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "falt-test-utils.h"
#include "ui/falt-coordinators-page.h"
#include "ui/falt-document-page.h"
#include "feed/falt-feed-fields.h"
#include "ui/falt-pdf-view.h"
#include "ui/falt-preferences-window.h"
#include "ui/falt-search-page.h"
#include "ui/falt-ui-utils.h"

/* The real app on the material bundled with it (FALTSTOD_BUNDLED_FEED),
 * with its database in a fresh XDG_DATA_HOME. */

static gboolean
search_has_results (gpointer data)
{
  return falt_search_page_get_n_results (data) > 0;
}

static void
check_library_lists_sections (FaltApplication *app,
                              FaltWindow      *window,
                              gpointer         data)
{
  GListModel *pages = falt_window_get_page_names (window);
  guint n_sections = 0;

  for (guint i = 0; i < g_list_model_get_n_items (pages); i++)
    if (g_str_has_prefix (gtk_string_list_get_string (GTK_STRING_LIST (pages), i), "section-"))
      n_sections++;
  g_assert_cmpuint (n_sections, >=, 3);

  falt_window_show_page (window, "library");
  falt_test_iterate (200);
  g_free (falt_test_save_screenshot (GTK_WIDGET (window), "library"));
}

static void
test_library_lists_sections (void)
{
  falt_test_run_app (check_library_lists_sections, NULL);
}

static void
check_search_finds_inflections_and_opens (FaltApplication *app,
                                          FaltWindow      *window,
                                          gpointer         data)
{
  GtkWidget *search;
  FaltDocumentPage *document;
  g_autofree char *text = NULL;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);
  search = falt_test_find_widget (GTK_WIDGET (window), FALT_TYPE_SEARCH_PAGE, NULL);
  g_assert_nonnull (search);

  /* “människohandeln” is in the text; the base form must find it. */
  falt_search_page_set_query (FALT_SEARCH_PAGE (search), "människohandel");
  g_assert_true (falt_test_wait_for (search_has_results, search, 5000));
  falt_test_iterate (100);
  g_free (falt_test_save_screenshot (GTK_WIDGET (window), "search"));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-document", "(si)", "manual-misstanke", 0);
  g_assert_cmpstr (falt_window_get_visible_page (window), ==, "document");
  document = FALT_DOCUMENT_PAGE (falt_test_find_widget (GTK_WIDGET (window), FALT_TYPE_DOCUMENT_PAGE, NULL));
  g_assert_cmpstr (falt_document_page_get_kind (document), ==, "article");
  text = falt_document_page_get_text (document);
  g_assert_nonnull (strstr (text, "114 14"));
  falt_test_iterate (100);
  g_free (falt_test_save_screenshot (GTK_WIDGET (window), "article"));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.close-document", NULL);
  g_assert_cmpstr (falt_window_get_visible_page (window), ==, "search");
}

static void
test_search_finds_inflections_and_opens (void)
{
  falt_test_run_app (check_search_finds_inflections_and_opens, NULL);
}

static void
check_pdf_opens (FaltApplication *app,
                 FaltWindow      *window,
                 gpointer         data)
{
  FaltDocumentPage *document;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-document", "(si)", "brochure-sa-gor-vi", 2);
  document = FALT_DOCUMENT_PAGE (falt_test_find_widget (GTK_WIDGET (window), FALT_TYPE_DOCUMENT_PAGE, NULL));
  g_assert_cmpstr (falt_document_page_get_kind (document), ==, "pdf");
  falt_test_iterate (400);
  g_free (falt_test_save_screenshot (GTK_WIDGET (window), "pdf"));
}

static void
test_pdf_opens (void)
{
  falt_test_run_app (check_pdf_opens, NULL);
}

static void
check_coordinator_search (FaltApplication *app,
                          FaltWindow      *window,
                          gpointer         data)
{
  FaltCoordinatorsPage *page;

  falt_window_show_page (window, "coordinators");
  falt_test_iterate (100);
  page = FALT_COORDINATORS_PAGE (falt_test_find_widget (GTK_WIDGET (window), FALT_TYPE_COORDINATORS_PAGE, NULL));
  g_assert_cmpuint (falt_coordinators_page_get_n_shown (page), >=, 7);

  falt_coordinators_page_set_query (page, "Kiruna");
  g_assert_cmpuint (falt_coordinators_page_get_n_shown (page), ==, 1);
  falt_coordinators_page_set_query (page, "malmo");
  g_assert_cmpuint (falt_coordinators_page_get_n_shown (page), >=, 1);
  falt_coordinators_page_set_query (page, "Ingenstans");
  g_assert_cmpuint (falt_coordinators_page_get_n_shown (page), ==, 0);

  falt_coordinators_page_set_query (page, "");
  falt_test_iterate (100);
  g_free (falt_test_save_screenshot (GTK_WIDGET (window), "coordinators"));
}

static void
test_coordinator_search (void)
{
  falt_test_run_app (check_coordinator_search, NULL);
}

static void
check_search_focus_and_coordinator_hits (FaltApplication *app,
                                         FaltWindow      *window,
                                         gpointer         data)
{
  GtkWidget *search, *entry, *focus;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);
  search = falt_test_find_widget (GTK_WIDGET (window), FALT_TYPE_SEARCH_PAGE, NULL);
  entry = falt_test_find_widget (search, GTK_TYPE_SEARCH_ENTRY, NULL);
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (focus == entry || gtk_widget_is_ancestor (focus, entry));

  /* Enter straight after typing opens the best hit, here a coordinator. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "Kiruna");
  g_signal_emit_by_name (entry, "activate");
  g_assert_true (falt_test_wait_for (search_has_results, search, 5000));
  falt_test_iterate (50);
  g_assert_cmpstr (falt_window_get_visible_page (window), ==, "coordinators");
  g_assert_cmpuint (falt_coordinators_page_get_n_shown (FALT_COORDINATORS_PAGE (
                      falt_test_find_widget (GTK_WIDGET (window), FALT_TYPE_COORDINATORS_PAGE, NULL))), ==, 1);
}

static void
test_search_focus_and_coordinator_hits (void)
{
  falt_test_run_app (check_search_focus_and_coordinator_hits, NULL);
}

static int
current_pdf_page (FaltWindow *window)
{
  falt_test_iterate (200);
  return falt_pdf_view_get_current_page (FALT_PDF_VIEW (
    falt_test_find_widget (GTK_WIDGET (window), FALT_TYPE_PDF_VIEW, NULL)));
}

static void
check_documents_one_after_another (FaltApplication *app,
                                   FaltWindow      *window,
                                   gpointer         data)
{
  FaltDocumentPage *document;

  g_autofree char *first_title = NULL;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-document", "(si)", "manual-misstanke", 0);
  document = FALT_DOCUMENT_PAGE (falt_test_find_widget (GTK_WIDGET (window), FALT_TYPE_DOCUMENT_PAGE, NULL));
  first_title = g_strdup (falt_document_page_get_title (document));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-document", "(si)", "betanketid", 0);
  g_assert_cmpstr (falt_window_get_content_title (window), ==, falt_document_page_get_title (document));
  g_assert_cmpstr (falt_document_page_get_title (document), !=, first_title);

  /* A PDF opened at page 3 resumes there; another PDF starts at its top. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-document", "(si)", "brochure-sa-gor-vi", 3);
  g_assert_cmpint (current_pdf_page (window), ==, 3);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-document", "(si)", "ukraina-flygblad", 0);
  g_assert_cmpint (current_pdf_page (window), ==, 1);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-document", "(si)", "brochure-sa-gor-vi", 0);
  g_assert_cmpint (current_pdf_page (window), ==, 3);

  /* An unknown document shows an error and nothing of the last one. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-document", "(si)", "no-such-document", 0);
  g_assert_null (falt_document_page_get_title (document));
}

static void
test_documents_one_after_another (void)
{
  falt_test_run_app (check_documents_one_after_another, NULL);
}

static const char *
section_row_title (FaltWindow *window,
                   const char *name)
{
  GtkWidget *row = falt_test_find_widget (GTK_WIDGET (window), GTK_TYPE_LIST_BOX_ROW, name);

  g_assert_nonnull (row);
  return gtk_label_get_text (GTK_LABEL (falt_test_find_widget (row, GTK_TYPE_LABEL, NULL)));
}

static void
check_language_change_follows (FaltApplication *app,
                               FaltWindow      *window,
                               gpointer         data)
{
  g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);

  g_settings_set_string (settings, "content-language", "en");
  falt_window_show_page (window, "section-manuals");
  g_assert_cmpstr (section_row_title (window, "section-manuals"), ==, "Manuals");

  g_settings_set_string (settings, "content-language", "sv");
  g_assert_cmpstr (section_row_title (window, "section-manuals"), ==, "Manualer");
  g_assert_cmpstr (falt_window_get_visible_page (window), ==, "section-manuals");

  g_settings_reset (settings, "content-language");
}

static void
test_language_change_follows (void)
{
  falt_test_run_app (check_language_change_follows, NULL);
}

/* A search hit's snippet becomes the label's markup: whatever marks it has
 * (a stray STX or ETX from content, a mark left open at the end), the
 * markup parses, with the same text as the plain form. */
static void
test_snippet_markup_always_parses (void)
{
  static const struct
  {
    const char *snippet;
    const char *markup;
  } cases[] = {
    { "a \x02träff\x03 b", "a <b>träff</b> b" },
    { "före\x03 \x02träff\x03", "före <b>träff</b>" },
    { "\x02öppen\x02 igen\x03 efter\x03", "<b>öppen igen</b> efter" },
    { "slut \x02öppen", "slut <b>öppen</b>" },
    { "<b> & \x02x\x03", "&lt;b&gt; &amp; <b>x</b>" },
    { "\x03\x03\x02\x02", "<b></b>" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *markup = falt_snippet_to_markup (cases[i].snippet);
      g_autofree char *plain = falt_snippet_to_plain (cases[i].snippet);
      g_autofree char *parsed_text = NULL;
      g_autoptr (GError) error = NULL;

      g_assert_cmpstr (markup, ==, cases[i].markup);
      g_assert_true (pango_parse_markup (markup, -1, 0, NULL, &parsed_text, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (parsed_text, ==, plain);
    }
}

/* Preferences lists every content language, each in its own name, and
 * each is a value the setting takes (the schema's choices). */
static void
test_preferences_lists_content_languages (void)
{
  g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);
  FaltPreferencesWindow *window = falt_preferences_window_new (NULL, NULL, settings);
  AdwComboRow *row = ADW_COMBO_ROW (falt_test_find_widget (GTK_WIDGET (window), ADW_TYPE_COMBO_ROW, NULL));
  GListModel *model = adw_combo_row_get_model (row);
  const char * const names[] = { "Svenska", "English", "Українська", "Русский" };
  g_autofree char *chosen = NULL;

  G_STATIC_ASSERT (G_N_ELEMENTS (names) == FALT_FEED_N_LANGUAGES);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, FALT_FEED_N_LANGUAGES + 1);
  for (guint i = 0; i < FALT_FEED_N_LANGUAGES; i++)
    {
      GtkStringObject *item = g_list_model_get_item (model, i + 1);

      g_assert_cmpstr (gtk_string_object_get_string (item), ==, names[i]);
      g_object_unref (item);
      adw_combo_row_set_selected (row, i + 1);
      g_assert_cmpstr (falt_preferred_content_language (settings), ==, falt_feed_languages[i]);
    }
  adw_combo_row_set_selected (row, 0);
  chosen = g_settings_get_string (settings, "content-language");
  g_assert_cmpstr (chosen, ==, "");
  g_settings_set_string (settings, "content-language", "ru");
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 4);
  g_settings_reset (settings, "content-language");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Preferences change the settings they are given (the application's one
 * GSettings), not settings of their own. */
static void
test_preferences_use_settings_given (void)
{
  g_autoptr (GSettings) given = falt_test_new_private_settings ();
  g_autoptr (GSettings) default_backend = g_settings_new (APPLICATION_ID);
  FaltPreferencesWindow *window = falt_preferences_window_new (NULL, NULL, given);
  GtkSwitch *automatic = GTK_SWITCH (falt_test_find_widget (GTK_WIDGET (window), GTK_TYPE_SWITCH, NULL));
  gboolean before = g_settings_get_boolean (default_backend, "automatic-updates");

  g_assert_nonnull (automatic);
  gtk_switch_set_active (automatic, !g_settings_get_boolean (given, "automatic-updates"));
  g_assert_cmpint (g_settings_get_boolean (given, "automatic-updates"), ==, gtk_switch_get_active (automatic));
  g_assert_cmpint (g_settings_get_boolean (default_backend, "automatic-updates"), ==, before);

  g_settings_set_string (given, "feed-url", "https://example.org/feed/");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (falt_test_find_widget (GTK_WIDGET (window), ADW_TYPE_ENTRY_ROW, NULL))),
                   ==, "https://example.org/feed/");
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
  falt_test_init (&argc, &argv);

  g_test_add_func ("/pages/snippet-markup-always-parses", test_snippet_markup_always_parses);

  g_test_add_func ("/pages/library-lists-sections", test_library_lists_sections);
  g_test_add_func ("/pages/search-finds-inflections-and-opens", test_search_finds_inflections_and_opens);
  g_test_add_func ("/pages/pdf-opens", test_pdf_opens);
  g_test_add_func ("/pages/coordinator-search", test_coordinator_search);
  g_test_add_func ("/pages/search-focus-and-coordinator-hits", test_search_focus_and_coordinator_hits);
  g_test_add_func ("/pages/documents-one-after-another", test_documents_one_after_another);
  g_test_add_func ("/pages/language-change-follows", test_language_change_follows);
  g_test_add_func ("/pages/preferences-lists-content-languages", test_preferences_lists_content_languages);
  g_test_add_func ("/pages/preferences-use-settings-given", test_preferences_use_settings_given);

  return falt_test_run ();
}
