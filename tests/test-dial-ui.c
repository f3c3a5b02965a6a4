/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "dial/falt-dial-number.h"
#include "falt-test-utils.h"
#include "ui/falt-application.h"
#include "ui/falt-dial-dialog.h"
#include "ui/falt-dial-launcher.h"
#include "ui/falt-help-page.h"
#include "ui/falt-window.h"

/* The dial path in the real app: a registered tel: handler receives the
 * exact URI, and with none the fallback dialog shows a QR code that decodes
 * to that URI. main() sets the XDG directories before GIO reads them; the
 * no-handler tests run in a child process whose directories hold nothing. */

#define SUPPORT_LINE_URI "tel:+4620390000"

static char *test_root;
static char *received_path;

static void
write_file (const char *path,
            const char *contents,
            int         mode)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (g_file_set_contents (path, contents, -1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, mode), ==, 0);
}

/* A desktop file whose Exec records the URI it is given, the default for
 * tel: and mailto: through mimeapps.list. */
static void
register_test_dialler (const char *data_home,
                       const char *config_home)
{
  g_autofree char *apps = g_build_filename (data_home, "applications", NULL);
  g_autofree char *script = g_build_filename (test_root, "record-uri", NULL);
  g_autofree char *desktop = g_build_filename (apps, "falt-test-dialler.desktop", NULL);
  g_autofree char *mimeapps = g_build_filename (config_home, "mimeapps.list", NULL);
  g_autofree char *script_text = NULL;
  g_autofree char *desktop_text = NULL;

  g_assert_cmpint (g_mkdir_with_parents (apps, 0700), ==, 0);
  script_text = g_strdup_printf ("#!/bin/sh\nprintf '%%s\\n' \"$1\" > '%s.tmp' && mv '%s.tmp' '%s'\n",
                                 received_path, received_path, received_path);
  write_file (script, script_text, 0700);
  desktop_text = g_strdup_printf ("[Desktop Entry]\nType=Application\nName=Test Dialler\n"
                                  "Exec=%s %%u\nMimeType=x-scheme-handler/tel;x-scheme-handler/mailto;\n"
                                  "NoDisplay=true\n", script);
  write_file (desktop, desktop_text, 0600);
  write_file (mimeapps, "[Default Applications]\nx-scheme-handler/tel=falt-test-dialler.desktop\n"
                        "x-scheme-handler/mailto=falt-test-dialler.desktop\n", 0600);
}

static gboolean
file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

static gboolean
launches_are_done (gpointer data)
{
  return falt_dial_launcher_get_pending (data) == 0;
}

/* Waits for the handler to record a URI and for the app to hear back. */
static char *
wait_for_received_uri (void)
{
  g_autofree char *contents = NULL;
  GApplication *app = g_application_get_default ();

  g_assert_true (falt_test_wait_for (file_exists, received_path, 10000));
  g_assert_true (falt_test_wait_for (launches_are_done, app, 10000));
  g_assert_true (g_file_get_contents (received_path, &contents, NULL, NULL));
  g_unlink (received_path);
  return g_strdup (g_strstrip (contents));
}

typedef gboolean (*WidgetMatch) (GtkWidget *widget, gconstpointer data);

/* The first widget under @widget (itself included) that @matches. */
static GtkWidget *
find_widget (GtkWidget     *widget,
             WidgetMatch    matches,
             gconstpointer  data)
{
  if (matches (widget, data))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, matches, data);
      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
is_help_page (GtkWidget     *widget,
              gconstpointer  data)
{
  return FALT_IS_HELP_PAGE (widget);
}

static gboolean
is_label_containing (GtkWidget     *widget,
                     gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget)
         && strstr (gtk_label_get_label (GTK_LABEL (widget)), text) != NULL;
}

static FaltHelpPage *
show_help_page (FaltWindow *window,
                int         width,
                int         height)
{
  GtkWidget *page;

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "help");
  g_assert_cmpstr (falt_window_get_visible_page (window), ==, "help");
  falt_test_iterate (300);

  page = find_widget (GTK_WIDGET (window), is_help_page, NULL);
  g_assert_nonnull (page);
  return FALT_HELP_PAGE (page);
}

/* Whether @widget lies wholly inside @window's visible area. */
static gboolean
is_on_screen (GtkWidget *widget,
              GtkWidget *window)
{
  graphene_rect_t bounds;

  if (!gtk_widget_compute_bounds (widget, window, &bounds))
    return FALSE;
  return gtk_widget_get_mapped (widget) && bounds.origin.y >= 0
         && bounds.origin.y + bounds.size.height <= gtk_widget_get_height (window)
         && bounds.origin.x + bounds.size.width <= gtk_widget_get_width (window);
}

static FaltDialDialog *
find_dial_dialog (FaltApplication *app)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (FALT_IS_DIAL_DIALOG (l->data))
      return l->data;
  return NULL;
}

static gboolean
dial_dialog_is_drawn (gpointer data)
{
  FaltDialDialog *dialog = find_dial_dialog (data);

  return dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (dialog))
         && gtk_widget_get_width (falt_dial_dialog_get_qr_code (dialog)) > 0;
}

/* The bundled feed, copied to @dir with a newer version and the support
 * line moved to @number under @name, as a signed update could bring. */
static void
write_updated_feed (const char *dir,
                    const char *number,
                    const char *name)
{
  const char *argv[] = { "cp", "-r", g_getenv ("FALTSTOD_BUNDLED_FEED"), dir, NULL };
  g_autofree char *manifest_path = g_build_filename (dir, "manifest.json", NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (GError) error = NULL;
  JsonObject *manifest;
  JsonArray *contacts;
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  g_assert_true (json_parser_load_from_file (parser, manifest_path, &error));
  g_assert_no_error (error);
  manifest = json_node_get_object (json_parser_get_root (parser));
  json_object_set_int_member (manifest, "version", json_object_get_int_member (manifest, "version") + 1);
  contacts = json_object_get_array_member (manifest, "contacts");
  for (guint i = 0; i < json_array_get_length (contacts); i++)
    {
      JsonObject *contact = json_array_get_object_element (contacts, i);

      if (g_strcmp0 (json_object_get_string_member (contact, "id"), "support-line") != 0)
        continue;
      json_object_set_string_member (contact, "number", number);
      json_object_set_string_member (json_object_get_object_member (contact, "names"), "en", name);
    }

  json_generator_set_root (generator, json_parser_get_root (parser));
  g_assert_true (json_generator_to_file (generator, manifest_path, &error));
  g_assert_no_error (error);
}

static void
import_feed (FaltApplication *app,
             const char      *dir,
             gboolean         allow_older)
{
  g_autoptr (GError) error = NULL;

  g_assert_nonnull (falt_application_get_store (app));
  g_assert_true (falt_store_import_feed (falt_application_get_store (app), dir, allow_older, &error));
  g_assert_no_error (error);
}

/* ---- with a phone app ---- */

static void
check_call_button_sends_uri (FaltApplication *app,
                             FaltWindow      *window,
                             gpointer         data)
{
  FaltHelpPage *page = show_help_page (window, 980, 680);
  GtkWidget *call = falt_help_page_find_button (page, "support-line", "call");
  GtkWidget *emergency = falt_help_page_find_button (page, "emergency", "call");
  g_autofree char *uri = NULL;
  g_autofree char *emergency_uri = NULL;
  g_autofree char *screenshot = NULL;

  screenshot = falt_test_save_screenshot (GTK_WIDGET (window), "dial-help-page");
  g_assert_nonnull (call);
  g_assert_nonnull (emergency);
  /* 112 must be one click away: visible without scrolling. */
  g_assert_true (is_on_screen (emergency, GTK_WIDGET (window)));

  g_assert_true (gtk_widget_activate (call));
  uri = wait_for_received_uri ();
  g_assert_cmpstr (uri, ==, SUPPORT_LINE_URI);

  g_assert_true (gtk_widget_activate (emergency));
  emergency_uri = wait_for_received_uri ();
  g_assert_cmpstr (emergency_uri, ==, "tel:112");
  g_assert_null (find_dial_dialog (app));
}

static void
test_call_button_sends_uri (void)
{
  falt_test_run_app (check_call_button_sends_uri, NULL);
}

/* The app's actions, as `gapplication action` and the desktop file's
 * actions reach them. */
static void
check_actions_send_uri (FaltApplication *app,
                        FaltWindow      *window,
                        gpointer         data)
{
  static const struct { const char *action, *parameter, *uri; } cases[] = {
    { "dial", "020-39 00 00", SUPPORT_LINE_URI },
    { "dial", "114 14", "tel:11414;phone-context=+46" },
    { "dial-support-line", NULL, SUPPORT_LINE_URI },
    { "mail", "nspm@jamstalldhetsmyndigheten.se", "mailto:nspm@jamstalldhetsmyndigheten.se" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *uri = NULL;

      g_action_group_activate_action (G_ACTION_GROUP (app), cases[i].action,
                                      cases[i].parameter != NULL ? g_variant_new_string (cases[i].parameter) : NULL);
      uri = wait_for_received_uri ();
      g_assert_cmpstr (uri, ==, cases[i].uri);
    }

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "library");
  g_action_group_activate_action (G_ACTION_GROUP (app), "show-help", NULL);
  g_assert_cmpstr (falt_window_get_visible_page (window), ==, "help");
  {
    g_auto (GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.show-help");
    g_assert_true (g_strv_contains ((const char *const *) accels, "<Shift><Control>h"));
  }
}

static void
test_actions_send_uri (void)
{
  falt_test_run_app (check_actions_send_uri, NULL);
}

/* The desktop action "Call the Support Line" dials what the content says,
 * not the number built into the app. */
static void
check_support_line_from_content (FaltApplication *app,
                                 FaltWindow      *window,
                                 gpointer         data)
{
  g_autofree char *feed_dir = g_build_filename (test_root, "updated-feed", NULL);
  g_autofree char *uri = NULL;

  write_updated_feed (feed_dir, "070-174 06 99", "Moved support line");
  import_feed (app, feed_dir, FALSE);

  g_action_group_activate_action (G_ACTION_GROUP (app), "dial-support-line", NULL);
  uri = wait_for_received_uri ();
  g_assert_cmpstr (uri, ==, "tel:+46701740699");

  /* Back to the bundled material for the tests that follow. */
  import_feed (app, g_getenv ("FALTSTOD_BUNDLED_FEED"), TRUE);
}

static void
test_support_line_from_content (void)
{
  falt_test_run_app (check_support_line_from_content, NULL);
}

/* Over D-Bus, as `gapplication action APP_ID dial "'020-39 00 00'"` does:
 * org.gtk.Actions.Activate on the application's object. */
static void
check_dbus_activation (FaltApplication *app,
                       FaltWindow      *window,
                       gpointer         data)
{
  GDBusConnection *connection = g_application_get_dbus_connection (G_APPLICATION (app));
  const char *path = g_application_get_dbus_object_path (G_APPLICATION (app));
  g_autoptr (GDBusActionGroup) remote = NULL;
  g_autofree char *uri = NULL;

  if (connection == NULL || path == NULL)
    {
      g_test_skip ("No session bus");
      return;
    }

  remote = g_dbus_action_group_get (connection, g_dbus_connection_get_unique_name (connection), path);
  g_action_group_activate_action (G_ACTION_GROUP (remote), "dial", g_variant_new_string ("020-39 00 00"));
  uri = wait_for_received_uri ();
  g_assert_cmpstr (uri, ==, SUPPORT_LINE_URI);
}

static void
test_dbus_activation (void)
{
  falt_test_run_app (check_dbus_activation, NULL);
}

static void
check_closed_banner (FaltApplication *app,
                     FaltWindow      *window,
                     gpointer         data)
{
  FaltHelpPage *page = show_help_page (window, 980, 680);
  g_autoptr (GTimeZone) tz = g_time_zone_new_identifier ("Europe/Stockholm");
  g_autoptr (GDateTime) friday_evening = g_date_time_new (tz, 2026, 11, 20, 17, 30, 0);
  g_autoptr (GDateTime) midsummer = g_date_time_new (tz, 2026, 6, 19, 10, 0, 0);
  g_autoptr (GDateTime) tuesday = g_date_time_new (tz, 2026, 11, 24, 10, 0, 0);
  g_autofree char *closed = NULL;
  g_autofree char *narrow = NULL;
  g_autofree char *open = NULL;

  falt_help_page_set_time (page, tuesday);
  falt_test_iterate (100);
  g_assert_false (falt_help_page_shows_closed (page));
  open = falt_test_save_screenshot (GTK_WIDGET (window), "dial-help-page-open");

  falt_help_page_set_time (page, friday_evening);
  falt_test_iterate (100);
  g_assert_true (falt_help_page_shows_closed (page));
  closed = falt_test_save_screenshot (GTK_WIDGET (window), "dial-help-page-closed");

  falt_help_page_set_time (page, midsummer);
  g_assert_true (falt_help_page_shows_closed (page));
  page = show_help_page (window, 360, 680);
  falt_test_iterate (300);
  g_assert_true (is_on_screen (falt_help_page_find_button (page, "emergency", "call"), GTK_WIDGET (window)));
  narrow = falt_test_save_screenshot (GTK_WIDGET (window), "dial-help-page-360");
}

static void
test_closed_banner (void)
{
  falt_test_run_app (check_closed_banner, NULL);
}

static const char *
support_line_part (FaltHelpPage *page,
                   const char   *role)
{
  GtkWidget *label = falt_help_page_find_button (page, "support-line", role);

  return label != NULL ? gtk_label_get_label (GTK_LABEL (label)) : NULL;
}

/* The bundled contacts mark the support line's hours as assumed
 * (hours_example): the card says so next to the status, and neither the
 * status nor the banner claims to know when the line opens or closes. */
static void
check_hours_assumed (FaltApplication *app,
                     FaltWindow      *window,
                     gpointer         data)
{
  FaltHelpPage *page = show_help_page (window, 980, 680);
  g_autoptr (GTimeZone) tz = g_time_zone_new_identifier ("Europe/Stockholm");
  g_autoptr (GDateTime) tuesday = g_date_time_new (tz, 2026, 11, 24, 10, 0, 0);
  g_autoptr (GDateTime) friday_evening = g_date_time_new (tz, 2026, 11, 20, 17, 30, 0);
  g_autoptr (GListModel) bundled = g_object_ref (falt_help_page_get_numbers (page));
  g_autoptr (GListStore) published = g_list_store_new (FALT_TYPE_DIAL_NUMBER);
  g_autoptr (FaltDialNumber) support = NULL;
  g_autofree char *screenshot = NULL;

  falt_help_page_set_time (page, tuesday);
  falt_test_iterate (100);
  g_assert_cmpstr (support_line_part (page, "status"), ==, "Probably open now");
  g_assert_cmpstr (support_line_part (page, "hours-note"), ==, "Hours assumed: Monday–Friday 08:00–17:00");
  g_assert_false (gtk_widget_has_css_class (falt_help_page_find_button (page, "support-line", "status"), "success"));
  screenshot = falt_test_save_screenshot (GTK_WIDGET (window), "dial-help-page-hours-assumed");

  falt_help_page_set_time (page, friday_evening);
  falt_test_iterate (100);
  g_assert_true (falt_help_page_shows_closed (page));
  g_assert_cmpstr (support_line_part (page, "status"), ==, "Probably closed now");
  g_assert_nonnull (find_widget (GTK_WIDGET (page), is_label_containing, "is probably closed right now"));
  g_assert_null (find_widget (GTK_WIDGET (page), is_label_containing, "opens"));

  /* Published hours: the status is stated as fact, with no note. */
  support = g_object_new (FALT_TYPE_DIAL_NUMBER, "id", "support-line", "name", "Support line",
                          "number", "020-39 00 00", "when", "Call for advice.",
                          "hours", "mon-fri 08:00-17:00", "hours-assumed", FALSE, NULL);
  g_list_store_append (published, support);
  falt_help_page_set_numbers (page, G_LIST_MODEL (published));
  falt_help_page_set_time (page, tuesday);
  g_assert_cmpstr (support_line_part (page, "status"), ==, "Open now — closes 17:00");
  g_assert_null (falt_help_page_find_button (page, "support-line", "hours-note"));
  falt_help_page_set_time (page, friday_evening);
  g_assert_cmpstr (support_line_part (page, "status"), ==, "Closed — opens Monday 08:00");
  g_assert_nonnull (find_widget (GTK_WIDGET (page), is_label_containing, "Support line is closed right now"));

  falt_help_page_set_numbers (page, bundled);
  falt_help_page_set_time (page, NULL);
}

static void
test_hours_assumed (void)
{
  falt_test_run_app (check_hours_assumed, NULL);
}

/* ---- without a phone app (child process) ---- */

static gboolean
clipboard_is_ours (gpointer data)
{
  return gdk_clipboard_is_local (data);
}

static char *
decode_qr (const char *png)
{
  const char *argv[] = { "zbarimg", "--raw", "-q", "--nodbus", png, NULL };
  g_autofree char *out = NULL;
  g_autoptr (GError) error = NULL;
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_strdup (g_strstrip (out));
}

static void
check_fallback_dialog (FaltApplication *app,
                       FaltWindow      *window,
                       gpointer         data)
{
  FaltHelpPage *page = show_help_page (window, 980, 680);
  GtkWidget *call = falt_help_page_find_button (page, "support-line", "call");
  FaltDialDialog *dialog;
  g_autofree char *shot = NULL;
  g_autofree char *qr_png = NULL;
  g_autofree char *decoded = NULL;
  g_autofree char *copied = NULL;

  g_assert_true (gtk_widget_activate (call));
  g_assert_true (falt_test_wait_for (dial_dialog_is_drawn, app, 10000));
  falt_test_iterate (300);
  dialog = find_dial_dialog (app);

  g_assert_cmpstr (falt_dial_dialog_get_uri (dialog), ==, SUPPORT_LINE_URI);
  g_assert_cmpstr (falt_dial_dialog_get_display (dialog), ==, "020-39 00 00");
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  shot = falt_test_save_screenshot (GTK_WIDGET (dialog), "dial-fallback-dialog");

  qr_png = falt_test_save_screenshot (falt_dial_dialog_get_qr_code (dialog), "dial-fallback-qr");
  decoded = decode_qr (qr_png);
  g_assert_cmpstr (decoded, ==, SUPPORT_LINE_URI);

  /* Black on white in dark mode too, so cameras still read it. */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  falt_test_iterate (300);
  g_free (shot);
  shot = falt_test_save_screenshot (GTK_WIDGET (dialog), "dial-fallback-dialog-dark");
  g_free (qr_png);
  qr_png = falt_test_save_screenshot (falt_dial_dialog_get_qr_code (dialog), "dial-fallback-qr-dark");
  g_free (decoded);
  decoded = decode_qr (qr_png);
  g_assert_cmpstr (decoded, ==, SUPPORT_LINE_URI);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  g_assert_true (gtk_widget_activate (falt_dial_dialog_get_copy_button (dialog)));
  {
    GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (dialog));
    GdkContentProvider *content = gdk_clipboard_get_content (clipboard);
    g_auto (GValue) value = G_VALUE_INIT;

    /* A button's activation ends in "clicked" after a short animation. */
    g_assert_true (falt_test_wait_for (clipboard_is_ours, clipboard, 5000));
    content = gdk_clipboard_get_content (clipboard);
    g_value_init (&value, G_TYPE_STRING);
    g_assert_true (gdk_content_provider_get_value (content, &value, NULL));
    copied = g_value_dup_string (&value);
    g_assert_cmpstr (copied, ==, "020-39 00 00");
  }

  gtk_window_close (GTK_WINDOW (dialog));
  falt_test_iterate (100);
  g_assert_null (find_dial_dialog (app));

  /* The fallback names whom a number reaches: a coordinator from the
   * content, a built-in number. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "dial", g_variant_new_string ("070-174 06 05"));
  g_assert_true (falt_test_wait_for (dial_dialog_is_drawn, app, 10000));
  g_assert_cmpstr (falt_dial_dialog_get_name (find_dial_dialog (app)), ==,
                   "Socialtjänsten, polisregion Nord (exempeluppgift)");
  gtk_window_close (GTK_WINDOW (find_dial_dialog (app)));
  falt_test_iterate (100);
  g_action_group_activate_action (G_ACTION_GROUP (app), "dial", g_variant_new_string ("+46 20 39 00 00"));
  g_assert_true (falt_test_wait_for (dial_dialog_is_drawn, app, 10000));
  g_assert_cmpstr (falt_dial_dialog_get_name (find_dial_dialog (app)), ==, "Support line for professionals");
  gtk_window_close (GTK_WINDOW (find_dial_dialog (app)));
  falt_test_iterate (100);

  /* Junk from the content is never silently dropped either. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "dial", g_variant_new_string ("call us"));
  g_assert_true (falt_test_wait_for (dial_dialog_is_drawn, app, 10000) || find_dial_dialog (app) != NULL);
  g_assert_null (falt_dial_dialog_get_uri (find_dial_dialog (app)));
  gtk_window_close (GTK_WINDOW (find_dial_dialog (app)));
}

/* A desktop action with the app not yet open: no main window, so the
 * dialog stands alone. */
static void
check_fallback_without_window (void)
{
  g_autoptr (FaltApplication) app = falt_application_new ();
  g_autoptr (GError) error = NULL;
  FaltDialDialog *dialog;

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  g_action_group_activate_action (G_ACTION_GROUP (app), "dial-support-line", NULL);
  g_assert_true (falt_test_wait_for (dial_dialog_is_drawn, app, 10000));
  dialog = find_dial_dialog (app);
  g_assert_null (gtk_window_get_transient_for (GTK_WINDOW (dialog)));
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 1);
  g_assert_cmpstr (falt_dial_dialog_get_uri (dialog), ==, SUPPORT_LINE_URI);

  gtk_window_destroy (GTK_WINDOW (dialog));
  falt_test_iterate (50);
}

static void
test_fallback_dialog (void)
{
  if (g_test_subprocess ())
    {
      falt_test_run_app (check_fallback_dialog, NULL);
      check_fallback_without_window ();
      return;
    }

  g_setenv ("FALT_TEST_NO_TEL_HANDLER", "1", TRUE);
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDOUT | G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_unsetenv ("FALT_TEST_NO_TEL_HANDLER");
  g_test_trap_assert_passed ();
}

static void
remove_test_root (void)
{
  g_autoptr (GError) error = NULL;
  const char *argv[] = { "rm", "-rf", test_root, NULL };

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, &error);
}

int
main (int argc, char *argv[])
{
  g_autoptr (GError) error = NULL;
  g_autofree char *data_home = NULL;
  g_autofree char *config_home = NULL;
  int result;

  /* Before GIO looks: our own, empty XDG homes. */
  test_root = g_dir_make_tmp ("faltstod-dial-XXXXXX", &error);
  g_assert_no_error (error);
  data_home = g_build_filename (test_root, "data", NULL);
  config_home = g_build_filename (test_root, "config", NULL);
  received_path = g_build_filename (test_root, "received-uri", NULL);
  g_assert_cmpint (g_mkdir_with_parents (data_home, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (config_home, 0700), ==, 0);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config_home, TRUE);
  if (g_getenv ("FALT_TEST_NO_TEL_HANDLER") == NULL)
    register_test_dialler (data_home, config_home);

  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dial-ui/call-button-sends-uri", test_call_button_sends_uri);
  g_test_add_func ("/dial-ui/actions-send-uri", test_actions_send_uri);
  g_test_add_func ("/dial-ui/support-line-from-content", test_support_line_from_content);
  g_test_add_func ("/dial-ui/dbus-activation", test_dbus_activation);
  g_test_add_func ("/dial-ui/closed-banner", test_closed_banner);
  g_test_add_func ("/dial-ui/hours-assumed", test_hours_assumed);
  g_test_add_func ("/dial-ui/fallback-dialog", test_fallback_dialog);

  result = g_test_run ();
  remove_test_root ();
  g_free (test_root);
  g_free (received_path);
  return result;
}
