/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "falt-test-pdf.h"
#include "falt-test-utils.h"
#include "ui/falt-application.h"
#include "ui/falt-coordinators-page.h"
#include "ui/falt-help-page.h"
#include "ui/falt-library-page.h"
#include "ui/falt-pdf-view.h"
#include "ui/falt-content-languages.h"
#include "ui/falt-preferences-window.h"
#include "ui/falt-search-page-private.h"
#include "ui/falt-window.h"

static const char *const expected_pages[] = { "help", "library", "coordinators", "search" };

/* Run with a translation (FALT_TEST_EXPECT_HELP_TITLE set by the localized
 * runs in tests/meson.build), the sidebar speaks the user's language. */
static void
check_sidebar_language (FaltWindow *window)
{
  const char *expected = g_getenv ("FALT_TEST_EXPECT_HELP_TITLE");
  GtkWidget *help_row = falt_test_find_widget (GTK_WIDGET (window), GTK_TYPE_LIST_BOX_ROW, "help");

  g_assert_nonnull (help_row);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (falt_test_find_widget (help_row, GTK_TYPE_LABEL, NULL))), ==,
                   expected != NULL ? expected : "Get Help Now");
}

/* The material's languages follow the interface's: its language first
 * (LANGUAGE, set by every run), as Preferences shows. */
static void
check_material_follows_interface (FaltApplication *app,
                                  const char      *screenshot_name)
{
  g_auto (GStrv) chain = falt_content_language_chain (falt_application_get_settings (app));
  g_autofree char *name = g_strconcat ("preferences-", screenshot_name, NULL);
  GtkWidget *preferences = NULL;

  g_assert_cmpstr (chain[0], ==, g_getenv ("LANGUAGE"));
  preferences = falt_test_open_preferences (app);
  g_assert_nonnull (falt_test_find_widget (preferences, ADW_TYPE_ACTION_ROW, chain[0]));
  g_free (falt_test_save_screenshot (preferences, name));
  gtk_window_destroy (GTK_WINDOW (preferences));
}

/* No sidebar row cuts its name, in any language: "Период для размышлений" is wider than the
 * sidebar and was shown as "Период для размы…". */
static void
check_sidebar_names_are_whole (FaltWindow *window)
{
  GtkWidget *list = gtk_widget_get_parent (falt_test_find_widget (GTK_WIDGET (window), GTK_TYPE_LIST_BOX_ROW, "help"));

  falt_test_iterate (200);
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *label = falt_test_find_widget (row, GTK_TYPE_LABEL, NULL);

      if (label == NULL || !gtk_widget_get_mapped (label))
        continue;
      g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (label))));
      g_assert_cmpint (gtk_label_get_ellipsize (GTK_LABEL (label)), ==, PANGO_ELLIPSIZE_NONE);
    }
}

static void
check_every_section_is_shown (FaltApplication *app,
                              FaltWindow      *window,
                              gpointer         data)
{
  g_autofree char *screenshot = NULL;
  GListModel *pages = falt_window_get_page_names (window);

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Fältstöd");
  g_assert_cmpuint (g_list_model_get_n_items (pages), >=, G_N_ELEMENTS (expected_pages));
  for (guint i = 0; i < G_N_ELEMENTS (expected_pages); i++)
    g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (pages), i), ==, expected_pages[i]);

  check_sidebar_language (window);
  check_sidebar_names_are_whole (window);
  screenshot = falt_test_save_screenshot (GTK_WIDGET (window), g_getenv ("FALT_TEST_SCREENSHOT") != NULL
                                                               ? g_getenv ("FALT_TEST_SCREENSHOT") : "window");
  g_assert_true (g_file_test (screenshot, G_FILE_TEST_EXISTS));
  check_material_follows_interface (app, g_getenv ("FALT_TEST_SCREENSHOT") != NULL
                                           ? g_getenv ("FALT_TEST_SCREENSHOT") : "window");
}

static void
test_window_shows_every_section (void)
{
  falt_test_run_app (check_every_section_is_shown, NULL);
}

static gboolean
shortcuts_window_is_shown (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (GTK_IS_SHORTCUTS_WINDOW (window) && gtk_widget_get_visible (window))
        return TRUE;
    }

  return FALSE;
}

static void
check_pages_switch_by_action (FaltApplication *app,
                              FaltWindow      *window,
                              gpointer         data)
{
  for (guint i = 0; i < G_N_ELEMENTS (expected_pages); i++)
    {
      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", expected_pages[i]);
      g_assert_cmpstr (falt_window_get_visible_page (window), ==, expected_pages[i]);
    }

  gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);
  g_assert_cmpstr (falt_window_get_visible_page (window), ==, "search");

  /* The shortcuts window is made on demand (Ctrl+?), not at start-up. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.shortcuts", NULL));
  g_assert_true (shortcuts_window_is_shown ());
}

static void
test_window_switches_pages_by_action (void)
{
  falt_test_run_app (check_pages_switch_by_action, NULL);
}

static void
check_last_page_is_coordinators (FaltApplication *app,
                                 FaltWindow      *window,
                                 gpointer         data)
{
  g_assert_cmpstr (falt_window_get_visible_page (window), ==, "coordinators");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "library");
}

static void
test_window_remembers_last_page (void)
{
  g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *saved = NULL;

  g_settings_set_string (settings, "last-page", "coordinators");
  falt_test_run_app (check_last_page_is_coordinators, NULL);
  saved = g_settings_get_string (settings, "last-page");
  g_assert_cmpstr (saved, ==, "library");
}

static gboolean
has_visible_text (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget)
      && *gtk_label_get_text (GTK_LABEL (widget)) != '\0')
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_visible_text (child))
      return TRUE;

  return FALSE;
}

/* Every control a person can reach must have a name a screen reader can say:
 * its visible text or an accessible label. */
static void
assert_controls_are_named (GtkWidget *widget)
{
  /* Window controls and a toast's close button are GTK's and libadwaita's
   * own; a menu button's inner toggle and an entry's inner text are named
   * by their parent. */
  if (GTK_IS_WINDOW_CONTROLS (widget) || g_strcmp0 (G_OBJECT_TYPE_NAME (widget), "AdwToastWidget") == 0)
    return;

  if ((GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget) || GTK_IS_LIST_BOX_ROW (widget)
       || GTK_IS_EDITABLE (widget) || GTK_IS_SWITCH (widget) || GTK_IS_CHECK_BUTTON (widget)
       || GTK_IS_DROP_DOWN (widget) || GTK_IS_SCALE (widget))
      && gtk_widget_get_mapped (widget) && !has_visible_text (widget))
    {
      if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
        g_error ("%s “%s” has no accessible name", G_OBJECT_TYPE_NAME (widget),
                 gtk_widget_get_name (widget));
    }

  if (GTK_IS_MENU_BUTTON (widget) || (GTK_IS_EDITABLE (widget) && !GTK_IS_TEXT (widget)))
    return;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    assert_controls_are_named (child);
}

static void
check_controls_on_every_page_are_named (FaltApplication *app,
                                        FaltWindow      *window,
                                        gpointer         data)
{
  GListModel *pages = falt_window_get_page_names (window);

  for (guint i = 0; i < g_list_model_get_n_items (pages); i++)
    {
      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s",
                                  gtk_string_list_get_string (GTK_STRING_LIST (pages), i));
      falt_test_iterate (50);
      assert_controls_are_named (GTK_WIDGET (window));
    }
}

static void
test_window_controls_have_accessible_names (void)
{
  falt_test_run_app (check_controls_on_every_page_are_named, NULL);
}

static gboolean
search_has_results (gpointer page)
{
  return !falt_search_page_is_searching (page) && falt_search_page_get_n_results (page) > 0;
}

static FaltPreferencesWindow *
find_preferences_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (FALT_IS_PREFERENCES_WINDOW (toplevel))
        return FALT_PREFERENCES_WINDOW (toplevel);
    }
  return NULL;
}

/* What the pages alone do not show: search results, an article, a PDF with
 * its find bar, the presentation bar, Preferences. */
static void
check_controls_beyond_pages_are_named (FaltApplication *app,
                                       FaltWindow      *window,
                                       gpointer         data)
{
  GtkWidget *search;
  FaltPreferencesWindow *preferences;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "search");
  falt_test_iterate (100);
  search = falt_test_find_widget (GTK_WIDGET (window), FALT_TYPE_SEARCH_PAGE, NULL);
  falt_search_page_set_query (FALT_SEARCH_PAGE (search), "stöd");
  falt_search_page_search_now (FALT_SEARCH_PAGE (search));
  g_assert_true (falt_test_wait_for (search_has_results, search, 10000));
  falt_test_iterate (100);
  assert_controls_are_named (GTK_WIDGET (window));

  falt_test_open_document (window, "barn");
  assert_controls_are_named (GTK_WIDGET (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.present", NULL);
  falt_test_iterate (200);
  assert_controls_are_named (GTK_WIDGET (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.present", NULL);
  falt_test_iterate (200);

  falt_test_open_document (window, "brochure-sa-gor-vi");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.find", NULL);
  falt_test_iterate (200);
  assert_controls_are_named (GTK_WIDGET (window));

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  falt_test_iterate (200);
  preferences = find_preferences_window ();
  g_assert_nonnull (preferences);
  assert_controls_are_named (GTK_WIDGET (preferences));
  gtk_window_destroy (GTK_WINDOW (preferences));
}

static void
test_window_controls_beyond_pages_have_accessible_names (void)
{
  falt_test_run_app (check_controls_beyond_pages_are_named, NULL);
}

static void
check_pages_without_store (FaltApplication *app,
                           FaltWindow      *window,
                           gpointer         data)
{
  GtkWidget *status;

  FaltStore *store = falt_application_get_store (app);

  g_assert_true (store == NULL || falt_store_get_install_error (store) != NULL);
  g_assert_nonnull (falt_application_get_store_error (app));

  falt_window_show_page (window, "library");
  status = falt_test_find_widget (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE, NULL);
  g_assert_nonnull (status);
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (status)), ==, "The Material Is Not Available");
  g_assert_nonnull (strstr (adw_status_page_get_description (ADW_STATUS_PAGE (status)), "numbers to call"));

  /* The numbers to call do not depend on the store. */
  falt_window_show_page (window, "help");
  g_assert_cmpstr (falt_window_get_visible_page (window), ==, "help");
  g_free (falt_test_save_screenshot (GTK_WIDGET (window), "window-no-store"));
}

/* No material at all (its folder is a file, and the material installed with
 * the app is missing) still leaves a working app that says what is missing. */
static void
test_window_works_without_store (void)
{
  g_autofree char *blocker = g_build_filename (g_get_user_data_dir (), "faltstod", NULL);
  g_autofree char *bundled = g_strdup (g_getenv ("FALTSTOD_BUNDLED_FEED"));
  g_autofree char *missing = g_build_filename (g_get_user_data_dir (), "no-bundled-feed", NULL);

  falt_test_remove_tree (blocker);
  g_assert_true (g_file_set_contents (blocker, "not a folder", -1, NULL));
  g_setenv ("FALTSTOD_BUNDLED_FEED", missing, TRUE);
  falt_test_run_app (check_pages_without_store, NULL);
  g_setenv ("FALTSTOD_BUNDLED_FEED", bundled, TRUE);
  g_unlink (blocker);
}

static void
check_material_from_memory (FaltApplication *app,
                            FaltWindow      *window,
                            gpointer         data)
{
  FaltStore *store = falt_application_get_store (app);

  g_assert_nonnull (store);
  g_assert_true (falt_store_is_read_only (store));
  g_assert_nonnull (falt_store_get_read_only_reason (store));
  g_assert_cmpint (falt_store_get_content_version (store), >, 0);
  falt_window_show_page (window, "library");
  g_assert_cmpstr (falt_window_get_visible_page (window), ==, "library");
  g_assert_nonnull (falt_test_find_widget (GTK_WIDGET (window), FALT_TYPE_LIBRARY_PAGE, NULL));
}

/* Regression: a data folder that cannot be made (a file in its place) left
 * no store, and `faltstod FILE.pdf` crashed on every start; the material is
 * now shown from memory, as on a full disk. */
static void
test_window_material_when_folder_cannot_be_made (void)
{
  g_autofree char *blocker = g_build_filename (g_get_user_data_dir (), "faltstod", NULL);

  falt_test_remove_tree (blocker);
  g_assert_true (g_file_set_contents (blocker, "not a folder", -1, NULL));
  falt_test_run_app (check_material_from_memory, NULL);
  g_unlink (blocker);
}

/* The window and its pages read and write the settings they are given
 * (the application's one GSettings), not settings of their own. */
static void
test_window_uses_settings_given (void)
{
  g_autoptr (GSettings) given = falt_test_new_private_settings ();
  g_autoptr (GSettings) default_backend = g_settings_new (APPLICATION_ID);
  g_autofree char *saved = NULL;
  g_autofree char *elsewhere = NULL;
  FaltWindow *window;

  g_settings_set_string (default_backend, "last-page", "search");
  g_settings_set_string (given, "last-page", "coordinators");
  window = falt_window_new (NULL, NULL, NULL, given);
  g_assert_cmpstr (falt_window_get_visible_page (window), ==, "coordinators");

  falt_window_show_page (window, "library");
  saved = g_settings_get_string (given, "last-page");
  elsewhere = g_settings_get_string (default_backend, "last-page");
  g_assert_cmpstr (saved, ==, "library");
  g_assert_cmpstr (elsewhere, ==, "search");

  g_object_ref (window);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static gboolean
pdf_has_pages (gpointer window)
{
  GtkWidget *view = falt_test_find_widget (window, FALT_TYPE_PDF_VIEW, NULL);

  return view != NULL && falt_pdf_view_get_n_pages (FALT_PDF_VIEW (view)) > 0;
}

static gboolean
menu_is_shown (gpointer button)
{
  GtkPopover *popover = gtk_menu_button_get_popover (button);

  return popover != NULL && gtk_widget_get_mapped (GTK_WIDGET (popover));
}

static const char *
selected_sidebar_row (FaltWindow *window)
{
  GtkWidget *row = falt_test_find_widget (GTK_WIDGET (window), GTK_TYPE_LIST_BOX_ROW, "help");
  GtkListBoxRow *selected = gtk_list_box_get_selected_row (GTK_LIST_BOX (gtk_widget_get_parent (row)));

  return selected != NULL ? gtk_widget_get_name (GTK_WIDGET (selected)) : NULL;
}

/* `faltstod FILE.pdf` with Coordinators as the last page: the window opens on
 * the file and builds no page it does not show; the last page's row stays lit,
 * Back (Alt+Left, the header's button) builds and shows it, and the sidebar
 * reaches every other page as before, with every control named. */
static void
check_window_opens_on_file (FaltApplication *app,
                            FaltWindow      *window,
                            gpointer         data)
{
  GtkWidget *help_row;

  g_assert_true (falt_test_wait_for (pdf_has_pages, window, 20000));
  g_assert_cmpstr (falt_window_get_visible_page (window), ==, "document");
  g_assert_null (falt_test_find_widget (GTK_WIDGET (window), FALT_TYPE_COORDINATORS_PAGE, NULL));
  g_assert_null (falt_test_find_widget (GTK_WIDGET (window), FALT_TYPE_HELP_PAGE, NULL));
  g_assert_null (falt_test_find_widget (GTK_WIDGET (window), FALT_TYPE_LIBRARY_PAGE, NULL));
  g_assert_cmpstr (selected_sidebar_row (window), ==, "coordinators");
  falt_test_iterate (100);
  assert_controls_are_named (GTK_WIDGET (window));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL);
  g_assert_cmpstr (falt_window_get_visible_page (window), ==, "coordinators");
  g_assert_nonnull (falt_test_find_widget (GTK_WIDGET (window), FALT_TYPE_COORDINATORS_PAGE, NULL));
  g_assert_cmpstr (selected_sidebar_row (window), ==, "coordinators");

  /* The sidebar by keyboard: Enter on a row (row-activated) opens its page. */
  help_row = falt_test_find_widget (GTK_WIDGET (window), GTK_TYPE_LIST_BOX_ROW, "help");
  g_signal_emit_by_name (gtk_widget_get_parent (help_row), "row-activated", help_row);
  g_assert_cmpstr (falt_window_get_visible_page (window), ==, "help");
  g_assert_nonnull (falt_test_find_widget (GTK_WIDGET (window), FALT_TYPE_HELP_PAGE, NULL));
  falt_test_iterate (100);
  assert_controls_are_named (GTK_WIDGET (window));
  g_free (falt_test_save_screenshot (GTK_WIDGET (window), "window-after-file"));

  /* The main menu, made when first opened (F10 or Enter on its button), has its items. */
  {
    GtkMenuButton *menu_button = GTK_MENU_BUTTON (falt_test_find_widget (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON,
                                                                         "primary-menu"));

    g_assert_true (gtk_menu_button_get_primary (menu_button));
    g_signal_emit_by_name (menu_button, "activate");
    g_assert_true (falt_test_wait_for (menu_is_shown, menu_button, 5000));
    g_assert_cmpint (g_menu_model_get_n_items (gtk_menu_button_get_menu_model (menu_button)), ==, 3);
    g_free (falt_test_save_screenshot (GTK_WIDGET (window), "window-main-menu"));
    gtk_menu_button_popdown (menu_button);
  }
}

static void
test_window_opens_on_file (void)
{
  g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *path = falt_test_write_pdf (3, 0, "opened-first.pdf");
  g_autofree char *saved = NULL;

  g_settings_set_string (settings, "last-page", "coordinators");
  falt_test_run_app_with_file (check_window_opens_on_file, NULL, path);
  saved = g_settings_get_string (settings, "last-page");
  g_assert_cmpstr (saved, ==, "help");
  g_unlink (path);
}

int
main (int argc, char *argv[])
{
  falt_test_init (&argc, &argv);

  g_test_add_func ("/window/shows-every-section", test_window_shows_every_section);
  g_test_add_func ("/window/switches-pages-by-action", test_window_switches_pages_by_action);
  g_test_add_func ("/window/remembers-last-page", test_window_remembers_last_page);
  g_test_add_func ("/window/controls-have-accessible-names", test_window_controls_have_accessible_names);
  g_test_add_func ("/window/controls-beyond-pages-have-accessible-names",
                   test_window_controls_beyond_pages_have_accessible_names);
  g_test_add_func ("/window/works-without-store", test_window_works_without_store);
  g_test_add_func ("/window/material-when-folder-cannot-be-made", test_window_material_when_folder_cannot_be_made);
  g_test_add_func ("/window/uses-settings-given", test_window_uses_settings_given);
  g_test_add_func ("/window/opens-on-file", test_window_opens_on_file);

  return falt_test_run ();
}
