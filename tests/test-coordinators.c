/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "falt-test-utils.h"
#include "ui/falt-coordinators-page.h"
#include "ui/falt-dial-dialog.h"

/* The coordinators page in the real app on the bundled material, narrow as
 * on a phone and wide as on a laptop. main() points the XDG directories at
 * an empty folder, so no app handles tel: and calls end in the fallback
 * dialog, which shows the URI it was given. */

#define NORD_ID "coord-nord"
#define NORD_NUMBER "070-174 06 05"
#define NORD_ORGANISATION "Socialtjänsten, polisregion Nord (exempeluppgift)"

static GtkWidget *
find_descendant (GtkWidget *widget,
                 gboolean  (*matches) (GtkWidget *widget, gconstpointer data),
                 gconstpointer data)
{
  if (matches (widget, data))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, matches, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
is_of_type (GtkWidget     *widget,
            gconstpointer  data)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (data));
}

static gboolean
is_named (GtkWidget     *widget,
          gconstpointer  data)
{
  return g_strcmp0 (gtk_widget_get_name (widget), data) == 0;
}

static gboolean
is_label_with_text (GtkWidget     *widget,
                    gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), data) == 0;
}

static gboolean
is_button_for_action (GtkWidget     *widget,
                      gconstpointer  data)
{
  return GTK_IS_BUTTON (widget)
         && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), data) == 0;
}

static FaltCoordinatorsPage *
show_coordinators (FaltWindow *window,
                   int         width)
{
  GtkWidget *page;

  gtk_window_set_default_size (GTK_WINDOW (window), width, 720);
  falt_window_show_page (window, "coordinators");
  falt_test_iterate (300);
  page = find_descendant (GTK_WIDGET (window), is_of_type, GSIZE_TO_POINTER (FALT_TYPE_COORDINATORS_PAGE));
  g_assert_nonnull (page);
  return FALT_COORDINATORS_PAGE (page);
}

static AdwExpanderRow *
expand_row (FaltCoordinatorsPage *page,
            const char           *coordinator_id)
{
  GtkWidget *row = find_descendant (GTK_WIDGET (page), is_named, coordinator_id);

  g_assert_true (ADW_IS_EXPANDER_ROW (row));
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  falt_test_iterate (300);
  return ADW_EXPANDER_ROW (row);
}

/* At 360 px the header holds the title, the badge and the arrow only: the
 * title must get most of the width, not the 40 px it had beside three
 * buttons. */
static void
check_layout_at (FaltWindow *window,
                 int         width,
                 const char *screenshot)
{
  FaltCoordinatorsPage *page = show_coordinators (window, width);
  GtkWidget *first = find_descendant (GTK_WIDGET (page), is_of_type, GSIZE_TO_POINTER (ADW_TYPE_EXPANDER_ROW));
  AdwExpanderRow *row = expand_row (page, gtk_widget_get_name (first));
  const char *title_text = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
  GtkWidget *title = find_descendant (GTK_WIDGET (row), is_label_with_text, title_text);
  GtkWidget *hours = find_descendant (GTK_WIDGET (row), is_label_with_text, "Monday–Friday 08:00–16:30");

  int window_width = gtk_widget_get_width (GTK_WIDGET (window));

  /* The window manager may take a few pixels for itself. */
  g_assert_cmpint (window_width, <=, width);
  g_assert_cmpint (window_width, >=, width - 40);
  g_assert_nonnull (title);
  g_assert_cmpint (gtk_widget_get_width (title), >=, window_width / 3);
  g_assert_nonnull (hours);
  g_assert_true (gtk_widget_get_mapped (hours));
  /* The buttons are in the expanded part, not the header. */
  g_assert_nonnull (find_descendant (GTK_WIDGET (row), is_button_for_action, "app.dial"));
  g_assert_nonnull (find_descendant (GTK_WIDGET (row), is_button_for_action, "app.mail"));
  g_free (falt_test_save_screenshot (GTK_WIDGET (window), screenshot));
  adw_expander_row_set_expanded (row, FALSE);
}

static void
check_narrow_and_wide (FaltApplication *app,
                       FaltWindow      *window,
                       gpointer         data)
{
  check_layout_at (window, 360, "coordinators-360");
  check_layout_at (window, 980, "coordinators-980");
}

static void
test_narrow_and_wide (void)
{
  falt_test_run_app (check_narrow_and_wide, NULL);
}

static void
check_municipality_search (FaltApplication *app,
                           FaltWindow      *window,
                           gpointer         data)
{
  FaltCoordinatorsPage *page = show_coordinators (window, 360);

  g_assert_cmpuint (falt_coordinators_page_get_n_shown (page), >=, 7);
  falt_coordinators_page_set_query (page, "Kiruna");
  g_assert_cmpuint (falt_coordinators_page_get_n_shown (page), ==, 1);
  g_assert_nonnull (find_descendant (GTK_WIDGET (page), is_named, NORD_ID));
  falt_coordinators_page_set_query (page, "malmo");
  g_assert_cmpuint (falt_coordinators_page_get_n_shown (page), >=, 1);
  falt_coordinators_page_set_query (page, "Ingenstans");
  g_assert_cmpuint (falt_coordinators_page_get_n_shown (page), ==, 0);
}

static void
test_municipality_search (void)
{
  falt_test_run_app (check_municipality_search, NULL);
}

static int
compare_with_shown_dial_dialog (gconstpointer window,
                                gconstpointer unused)
{
  GtkWidget *widget = GTK_WIDGET ((gpointer) window);

  return FALT_IS_DIAL_DIALOG (widget) && gtk_widget_get_mapped (widget) ? 0 : 1;
}

static FaltDialDialog *
find_shown_dial_dialog (FaltApplication *app)
{
  GList *found = g_list_find_custom (gtk_application_get_windows (GTK_APPLICATION (app)), NULL,
                                     compare_with_shown_dial_dialog);

  return found != NULL ? found->data : NULL;
}

static gboolean
dial_dialog_is_shown (gpointer app)
{
  return find_shown_dial_dialog (app) != NULL;
}

static void
check_call_button (FaltApplication *app,
                   FaltWindow      *window,
                   gpointer         data)
{
  FaltCoordinatorsPage *page = show_coordinators (window, 360);
  GtkWidget *call;
  FaltDialDialog *dialog;

  falt_coordinators_page_set_query (page, "Kiruna");
  call = find_descendant (GTK_WIDGET (expand_row (page, NORD_ID)), is_button_for_action, "app.dial");
  g_assert_nonnull (call);
  g_assert_true (gtk_widget_get_mapped (call));
  g_assert_cmpstr (g_variant_get_string (gtk_actionable_get_action_target_value (GTK_ACTIONABLE (call)), NULL),
                   ==, NORD_NUMBER);

  g_assert_true (gtk_widget_activate (call));
  g_assert_true (falt_test_wait_for (dial_dialog_is_shown, app, 10000));
  dialog = find_shown_dial_dialog (app);
  g_assert_cmpstr (falt_dial_dialog_get_uri (dialog), ==, "tel:+46701740605");
  g_assert_cmpstr (falt_dial_dialog_get_display (dialog), ==, NORD_NUMBER);
  g_assert_cmpstr (falt_dial_dialog_get_name (dialog), ==, NORD_ORGANISATION);
  gtk_window_close (GTK_WINDOW (dialog));
  falt_test_iterate (100);
}

static void
test_call_button (void)
{
  g_autoptr (GAppInfo) handler = g_app_info_get_default_for_uri_scheme ("tel");

  if (handler != NULL)
    {
      g_test_skip ("An app for tel: is installed: the call would go to it");
      return;
    }
  falt_test_run_app (check_call_button, NULL);
}

static void
remove_tree (const char *path)
{
  const char *argv[] = { "rm", "-rf", path, NULL };

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
}

int
main (int argc, char *argv[])
{
  g_autofree char *root = g_dir_make_tmp ("faltstod-coordinators-XXXXXX", NULL);
  g_autofree char *config_home = g_build_filename (root, "config", NULL);
  int result;

  g_assert_nonnull (root);
  g_assert_cmpint (g_mkdir_with_parents (config_home, 0700), ==, 0);
  g_setenv ("XDG_DATA_HOME", root, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config_home, TRUE);
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/coordinators/narrow-and-wide", test_narrow_and_wide);
  g_test_add_func ("/coordinators/municipality-search", test_municipality_search);
  g_test_add_func ("/coordinators/call-button", test_call_button);

  result = g_test_run ();
  remove_tree (root);
  return result;
}
