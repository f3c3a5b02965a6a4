/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "falt-test-reading.h"
#include "falt-test-utils.h"
#include "ui/falt-document-page.h"
#include "ui/falt-markdown-table.h"
#include "ui/falt-markdown-view.h"
#include "ui/falt-pdf-controls.h"
#include "ui/falt-library-page.h"
#include "ui/falt-pdf-view-private.h"
#include "ui/falt-search-page-private.h"

/* Reading with the keyboard in the real app, on the reading tests' material: Tab and F6 between
 * panes, focus off the Call buttons, the shortcuts window, Preferences' full text, presentation
 * mode. */

static char *feed_root;

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



static void
check_presentation_mode (FaltApplication *app,
                         FaltWindow      *window,
                         gpointer         data)
{
  GtkWidget *sidebar = sidebar_list (window);
  GObject *keys = falt_test_reading_capture_key_controller_of (GTK_WIDGET (window));
  double before;

  /* Nothing to present on a page that is not a document. */
  falt_window_show_page (window, "library");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.present", NULL);
  g_assert_false (falt_window_get_presenting (window));

  falt_test_open_document (window, "third");
  g_assert_cmpfloat (falt_markdown_view_get_shown_zoom (falt_test_reading_markdown_view (window)), ==, 1.0);
  /* F5 is win.present. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.present", NULL);
  falt_test_iterate (300);
  g_assert_true (falt_window_get_presenting (window));
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_ancestor (sidebar, GTK_TYPE_BOX)));
  g_assert_false (gtk_widget_is_visible (falt_test_find_widget (GTK_WIDGET (window), ADW_TYPE_HEADER_BAR, NULL)));
  g_assert_cmpfloat (falt_markdown_view_get_shown_zoom (falt_test_reading_markdown_view (window)), ==, 2.0);
  falt_test_reading_save_screenshots (window, "reading-presentation");

  /* Page Down steps on, Page Up back; Escape leaves. */
  falt_markdown_view_scroll_to_offset (falt_test_reading_markdown_view (window), 0);
  falt_test_iterate (200);
  before = falt_test_reading_scroll_value (window);
  g_assert_nonnull (keys);
  falt_test_reading_press_key (keys, GDK_KEY_Page_Down);
  g_assert_cmpfloat (falt_test_reading_scroll_value (window), >, before + 100);
  falt_test_reading_press_key (keys, GDK_KEY_space);
  falt_test_reading_press_key (keys, GDK_KEY_Page_Up);
  falt_test_reading_press_key (keys, GDK_KEY_Page_Up);
  g_assert_cmpfloat (falt_test_reading_scroll_value (window), ==, before);
  falt_test_reading_press_key (keys, GDK_KEY_Escape);
  g_assert_false (falt_window_get_presenting (window));
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_ancestor (sidebar, GTK_TYPE_BOX)));
  g_assert_cmpfloat (falt_markdown_view_get_shown_zoom (falt_test_reading_markdown_view (window)), ==, 1.0);
}

static void
test_presentation_mode (void)
{
  falt_test_run_app (check_presentation_mode, NULL);
}

int
main (int argc, char *argv[])
{
  int status;

  falt_test_init (&argc, &argv);
  feed_root = falt_test_reading_write_feed ();

  g_test_add_func ("/reading/keyboard-and-focus", test_keyboard_and_focus);
  g_test_add_func ("/reading/shortcuts-window-keys", test_shortcuts_window_keys);
  g_test_add_func ("/reading/preferences-show-full-text", test_preferences_show_full_text);
  g_test_add_func ("/reading/presentation-mode", test_presentation_mode);

  status = falt_test_run ();
  falt_test_remove_tree (feed_root);
  g_free (feed_root);
  return status;
}
