/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "falt-test-utils.h"
#include "ui/falt-coordinators-page.h"
#include "ui/falt-document-page.h"
#include "feed/falt-feed-fields.h"
#include "ui/falt-pdf-view.h"
#include "ui/falt-content-languages.h"
#include "ui/falt-language-chain-group.h"
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

/* The labels under @widget show their whole text: none is cut short. */
static void
assert_no_ellipsized_label (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    {
      if (gtk_label_get_ellipsize (GTK_LABEL (widget)) != PANGO_ELLIPSIZE_NONE)
        g_error ("“%s” (%s) is ellipsized", gtk_label_get_label (GTK_LABEL (widget)), G_OBJECT_TYPE_NAME (gtk_widget_get_parent (widget)));
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    assert_no_ellipsized_label (child);
}

static void
click_language_button (GtkWidget  *group,
                       const char *lang,
                       const char *button_name)
{
  GtkWidget *row = falt_test_find_widget (group, ADW_TYPE_ACTION_ROW, lang);
  GtkWidget *button = row != NULL ? falt_test_find_widget (row, GTK_TYPE_BUTTON, button_name) : NULL;

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static void
assert_chain_setting (GSettings          *settings,
                      const char * const *expected)
{
  g_auto (GStrv) stored = g_settings_get_strv (settings, "content-languages");
  g_auto (GStrv) chain = falt_content_language_chain (settings);

  g_assert_cmpstrv (stored, expected);
  g_assert_cmpstrv (chain, expected);
}

/* Preferences shows the chain of material languages in order (the
 * default with an English interface: English, Swedish, then the others),
 * each row in full and named for assistive technologies; Move Up and
 * Reset change the setting. */
static void
test_preferences_language_chain (void)
{
  g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);
  FaltPreferencesWindow *window = falt_preferences_window_new (NULL, NULL, settings);
  GtkWidget *group = falt_test_find_widget (GTK_WIDGET (window), FALT_TYPE_LANGUAGE_CHAIN_GROUP, NULL);
  const char * const order[] = { "en", "sv", "uk", "ru", NULL };
  const char * const titles[] = { "1. English", "2. Svenska", "3. Українська", "4. Русский" };
  const char * const accessible[] = { "1. English", "2. Svenska (Swedish)", "3. Українська (Ukrainian)",
                                      "4. Русский (Russian)" };
  GtkWidget *first_up;

  g_assert_nonnull (group);
  for (guint i = 0; order[i] != NULL; i++)
    {
      GtkWidget *row = falt_test_find_widget (group, ADW_TYPE_ACTION_ROW, order[i]);

      g_assert_nonnull (row);
      g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, titles[i]);
      gtk_test_accessible_assert_property (row, GTK_ACCESSIBLE_PROPERTY_LABEL, accessible[i]);
      assert_no_ellipsized_label (row);
    }
  first_up = falt_test_find_widget (falt_test_find_widget (group, ADW_TYPE_ACTION_ROW, "en"), GTK_TYPE_BUTTON,
                                    "move-up");
  g_assert_false (gtk_widget_is_sensitive (first_up));
  gtk_test_accessible_assert_property (first_up, GTK_ACCESSIBLE_PROPERTY_LABEL, "Move English Up");

  click_language_button (group, "uk", "move-up");
  assert_chain_setting (settings, (const char * const[]) { "en", "uk", "sv", "ru", NULL });
  g_assert_cmpstr (adw_preferences_row_get_title (
                     ADW_PREFERENCES_ROW (falt_test_find_widget (group, ADW_TYPE_ACTION_ROW, "uk"))), ==,
                   "2. Українська");
  click_language_button (group, "en", "move-down");
  assert_chain_setting (settings, (const char * const[]) { "uk", "en", "sv", "ru", NULL });

  gtk_widget_activate_action (group, "languages.reset", NULL);
  {
    g_auto (GStrv) stored = g_settings_get_strv (settings, "content-languages");
    g_auto (GStrv) chain = falt_content_language_chain (settings);

    g_assert_cmpstrv (stored, ((const char * const[]) { NULL }));
    g_assert_cmpstrv (chain, order);
  }
  g_assert_cmpstr (adw_preferences_row_get_title (
                     ADW_PREFERENCES_ROW (falt_test_find_widget (group, ADW_TYPE_ACTION_ROW, "en"))), ==,
                   "1. English");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A language chosen with the older one-language setting is not lost: it
 * is read as the chain's first at once, and moved into the chain. */
static void
test_old_language_setting_migrates (void)
{
  g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);
  const char * const expected[] = { "uk", "en", "sv", "ru", NULL };
  g_auto (GStrv) before = NULL;
  g_autofree char *old_after = NULL;

  g_settings_set_string (settings, "content-language", "uk");
  before = falt_content_language_chain (settings);
  g_assert_cmpstrv (before, expected);

  falt_migrate_content_language (settings);
  assert_chain_setting (settings, expected);
  old_after = g_settings_get_string (settings, "content-language");
  g_assert_cmpstr (old_after, ==, "");

  falt_reset_content_language_chain (settings);
}

/* Moving Swedish before English in Preferences shows the library in
 * Swedish at once; Reset brings English back. */
static void
check_preferences_reorder_changes_library (FaltApplication *app,
                                           FaltWindow      *window,
                                           gpointer         data)
{
  GtkWidget *group = NULL;

  falt_window_show_page (window, "section-manuals");
  g_assert_cmpstr (section_row_title (window, "section-manuals"), ==, "Manuals");
  group = falt_test_find_widget (falt_test_open_preferences (app), FALT_TYPE_LANGUAGE_CHAIN_GROUP, NULL);
  g_assert_nonnull (group);

  click_language_button (group, "sv", "move-up");
  falt_test_iterate (100);
  g_assert_cmpstr (section_row_title (window, "section-manuals"), ==, "Manualer");
  g_assert_cmpstr (falt_window_get_visible_page (window), ==, "section-manuals");

  gtk_widget_activate_action (group, "languages.reset", NULL);
  falt_test_iterate (100);
  g_assert_cmpstr (section_row_title (window, "section-manuals"), ==, "Manuals");
  gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (group)));
}

static void
test_preferences_reorder_changes_library (void)
{
  falt_test_run_app (check_preferences_reorder_changes_library, NULL);
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
  g_test_add_func ("/pages/preferences-language-chain", test_preferences_language_chain);
  g_test_add_func ("/pages/old-language-setting-migrates", test_old_language_setting_migrates);
  g_test_add_func ("/pages/preferences-reorder-changes-library", test_preferences_reorder_changes_library);
  g_test_add_func ("/pages/preferences-use-settings-given", test_preferences_use_settings_given);

  return falt_test_run ();
}
