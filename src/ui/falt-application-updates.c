/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-application"

#include <glib/gi18n.h>

#include "falt-application-updates.h"
#include "falt-window.h"

/* What a user can do about updates (app.check-updates, app.cancel-update, app.import-update,
 * app.export-content) and the automatic daily check. The updater does the work; this file
 * asks for files and tells the outcome: a toast when it went well, a dialog that says what to
 * do when it did not. */

#define CHECK_INTERVAL G_TIME_SPAN_DAY
/* Well after the first frame: start-up is never slowed by a check. */
#define FIRST_CHECK_DELAY_SECONDS 10

static GtkWindow *
main_window (FaltApplication *self)
{
  return gtk_application_get_active_window (GTK_APPLICATION (self));
}

static void
toast (FaltApplication *self, const char *message)
{
  GtkWindow *window = main_window (self);

  if (FALT_IS_WINDOW (window))
    falt_window_add_toast (FALT_WINDOW (window), message);
}

static void
show_failure (FaltApplication *self, const char *heading, const GError *error)
{
  GtkWidget *dialog;
  const char *advice;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      toast (self, _("The update was cancelled; the material is unchanged"));
      return;
    }
  if (g_error_matches (error, FALT_UPDATER_ERROR, FALT_UPDATER_ERROR_NO_FEED))
    advice = _("This installation has no update address. Your organisation may give you one (Preferences), or an update file to import.");
  else if (error->domain == FALT_UPDATER_ERROR)
    advice = _("Check the network connection and try again later. The installed material is unchanged and still works.");
  else
    advice = _("The update was refused to protect the material. The installed material is unchanged and still works. Tell whoever publishes your updates.");
  dialog = adw_message_dialog_new (main_window (self), heading, NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog), "%s\n\n%s", error->message, advice);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
report_success (FaltApplication *self, FaltUpdater *updater)
{
  GtkWindow *window = main_window (self);
  g_autofree char *message = NULL;

  if (falt_updater_get_state (updater) == FALT_UPDATER_STATE_UP_TO_DATE)
    {
      message = g_strdup_printf (_("The material is up to date (version %lld)"),
                                 (long long) falt_updater_get_new_version (updater));
      toast (self, message);
      return;
    }
  message = g_strdup_printf (_("The material was updated to version %lld"),
                             (long long) falt_updater_get_new_version (updater));
  if (FALT_IS_WINDOW (window))
    falt_window_add_toast_with_action (FALT_WINDOW (window), message, _("_What’s New"), "win.show-page",
                                       g_variant_new_string ("whats-new"));
}

static void
check_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (FaltApplication) self = user_data;
  FaltUpdater *updater = FALT_UPDATER (source);
  g_autoptr (GError) error = NULL;
  gboolean automatic = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (updater), "automatic"));

  g_object_set_data (G_OBJECT (updater), "automatic", NULL);
  if (falt_updater_check_finish (updater, result, &error))
    {
      /* An automatic check that found nothing says nothing. */
      if (!automatic || falt_updater_get_state (updater) == FALT_UPDATER_STATE_UPDATED)
        report_success (self, updater);
    }
  else if (!automatic)
    show_failure (self, _("The Material Could Not Be Updated"), error);
  else
    g_message ("The automatic update check failed: %s", error->message);
}

static void
check_updates_action_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  FaltApplication *self = FALT_APPLICATION (user_data);
  FaltUpdater *updater = falt_application_get_updater (self);

  if (updater == NULL || falt_updater_get_busy (updater))
    return;
  falt_updater_check_async (updater, NULL, check_done_cb, g_object_ref (self));
}

static void
cancel_update_action_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  FaltUpdater *updater = falt_application_get_updater (FALT_APPLICATION (user_data));

  if (updater != NULL)
    falt_updater_cancel (updater);
}

static void
import_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (FaltApplication) self = user_data;
  g_autoptr (GError) error = NULL;

  if (falt_updater_import_file_finish (FALT_UPDATER (source), result, &error))
    report_success (self, FALT_UPDATER (source));
  else
    show_failure (self, _("The Update File Could Not Be Imported"), error);
}

static GtkFileFilter *
bundle_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Fältstöd update files"));
  gtk_file_filter_add_pattern (filter, "*.faltstod");
  return filter;
}

/* The local path the user chose, or NULL (cancelled, or not a local file). */
static char *
chosen_path (GtkNativeDialog *dialog, int response)
{
  g_autoptr (GFile) file = response == GTK_RESPONSE_ACCEPT ? gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog))
                                                           : NULL;

  return file != NULL ? g_file_get_path (file) : NULL;
}

static void
import_response_cb (GtkNativeDialog *dialog, int response, gpointer user_data)
{
  FaltApplication *self = FALT_APPLICATION (user_data);
  g_autofree char *path = chosen_path (dialog, response);

  if (path != NULL)
    falt_updater_import_file_async (falt_application_get_updater (self), path, NULL, import_done_cb,
                                    g_object_ref (self));
  g_object_unref (dialog);
}

/**
 * falt_application_import_update_file:
 * @self: the application
 * @path: a bundle
 *
 * Imports an update file as "Import Update File…" does (tests call it directly).
 */
void
falt_application_import_update_file (FaltApplication *self, const char *path)
{
  FaltUpdater *updater = falt_application_get_updater (self);

  if (updater == NULL)
    return;
  /* Opened from the file manager while a check runs: say so rather than drop it. */
  if (falt_updater_get_busy (updater))
    toast (self, _("An update is already running: open the file again when it is done"));
  else
    falt_updater_import_file_async (updater, path, NULL, import_done_cb, g_object_ref (self));
}

static void
import_update_action_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  FaltApplication *self = FALT_APPLICATION (user_data);
  GtkFileChooserNative *dialog;
  g_autoptr (GtkFileFilter) filter = bundle_filter ();

  if (parameter != NULL)
    {
      falt_application_import_update_file (self, g_variant_get_string (parameter, NULL));
      return;
    }
  dialog = gtk_file_chooser_native_new (_("Import Update File"), main_window (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Import"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (import_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
export_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (FaltApplication) self = user_data;
  g_autoptr (GError) error = NULL;

  if (falt_store_export_bundle_finish (FALT_STORE (source), result, &error))
    toast (self, _("The material was saved as an update file"));
  else
    show_failure (self, _("The Material Could Not Be Exported"), error);
}

static void
export_response_cb (GtkNativeDialog *dialog, int response, gpointer user_data)
{
  FaltApplication *self = FALT_APPLICATION (user_data);
  g_autofree char *path = chosen_path (dialog, response);

  if (path != NULL)
    falt_store_export_bundle_async (falt_application_get_store (self), path, NULL, export_done_cb, g_object_ref (self));
  g_object_unref (dialog);
}

static void
export_content_action_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  FaltApplication *self = FALT_APPLICATION (user_data);
  FaltStore *store = falt_application_get_store (self);
  g_autoptr (GtkFileFilter) filter = bundle_filter ();
  g_autofree char *name = NULL;
  GtkFileChooserNative *dialog;

  if (store == NULL)
    return;
  if (parameter != NULL)
    {
      falt_store_export_bundle_async (store, g_variant_get_string (parameter, NULL), NULL, export_done_cb,
                                      g_object_ref (self));
      return;
    }
  /* Translators: the file name suggested for an exported update; %lld is the version. */
  name = g_strdup_printf (_("faltstod-material-%lld.faltstod"), (long long) falt_store_get_content_version (store));
  dialog = gtk_file_chooser_native_new (_("Export Content for Offline Use"), main_window (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (export_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
update_action_states (FaltApplication *self)
{
  FaltUpdater *updater = falt_application_get_updater (self);
  gboolean busy = updater == NULL || falt_updater_get_busy (updater);
  const char *names[] = { "check-updates", "import-update", "export-content" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), names[i]);

      g_simple_action_set_enabled (G_SIMPLE_ACTION (action), !busy);
    }
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "cancel-update")),
                               updater != NULL && falt_updater_get_busy (updater));
}

/**
 * falt_application_install_update_actions:
 * @self: the application, after its store and updater exist
 */
void
falt_application_install_update_actions (FaltApplication *self)
{
  static const GActionEntry actions[] = {
    { "check-updates", check_updates_action_cb },
    { "cancel-update", cancel_update_action_cb },
    { "import-update", import_update_action_cb, "s" },
    { "import-update-file", import_update_action_cb },
    { "export-content", export_content_action_cb },
    { "export-content-to", export_content_action_cb, "s" },
  };
  FaltUpdater *updater = falt_application_get_updater (self);

  g_action_map_add_action_entries (G_ACTION_MAP (self), actions, G_N_ELEMENTS (actions), self);
  if (updater != NULL)
    g_signal_connect_object (updater, "notify::busy", G_CALLBACK (update_action_states), self, G_CONNECT_SWAPPED);
  update_action_states (self);
}

static gboolean
network_allows_check (void)
{
  GNetworkMonitor *monitor = g_network_monitor_get_default ();

  /* Never a large download on a metered connection without asking: a manual check is the ask. */
  return g_network_monitor_get_network_available (monitor) && !g_network_monitor_get_network_metered (monitor);
}

static gboolean
automatic_check_cb (gpointer user_data)
{
  FaltApplication *self = user_data;
  FaltUpdater *updater = falt_application_get_updater (self);

  g_object_set_data (G_OBJECT (self), "update-check-source", NULL);
  if (updater == NULL || falt_updater_get_busy (updater) || !falt_updater_is_check_due (updater, CHECK_INTERVAL)
      || !network_allows_check ())
    return G_SOURCE_REMOVE;
  g_object_set_data (G_OBJECT (updater), "automatic", GINT_TO_POINTER (TRUE));
  falt_updater_check_async (updater, NULL, check_done_cb, g_object_ref (self));
  return G_SOURCE_REMOVE;
}

static void
on_network_changed_cb (GNetworkMonitor *monitor, gboolean available, gpointer user_data)
{
  if (available)
    falt_application_schedule_update_check (FALT_APPLICATION (user_data));
}

/**
 * falt_application_schedule_update_check:
 * @self: the application
 *
 * Checks for updates a little after start-up, and again when the network comes up, when
 * automatic updates are on and the last successful check is more than a day old.
 */
void
falt_application_schedule_update_check (FaltApplication *self)
{
  FaltUpdater *updater = falt_application_get_updater (self);
  GSettings *settings = falt_application_get_settings (self);

  if (updater == NULL || settings == NULL || !g_settings_get_boolean (settings, "automatic-updates")
      || g_object_get_data (G_OBJECT (self), "update-check-source") != NULL
      || !falt_updater_is_check_due (updater, CHECK_INTERVAL))
    return;
  if (g_object_get_data (G_OBJECT (self), "network-watch") == NULL)
    {
      g_signal_connect_object (g_network_monitor_get_default (), "network-changed", G_CALLBACK (on_network_changed_cb),
                               self, 0);
      g_object_set_data (G_OBJECT (self), "network-watch", GINT_TO_POINTER (TRUE));
    }
  g_object_set_data (G_OBJECT (self), "update-check-source",
                     GUINT_TO_POINTER (g_timeout_add_seconds (FIRST_CHECK_DELAY_SECONDS, automatic_check_cb, self)));
}
