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

/* A toast that the material was updated, with the way to what is new in it. */
static void
toast_whats_new (FaltApplication *self, const char *message)
{
  GtkWindow *window = main_window (self);

  if (FALT_IS_WINDOW (window))
    falt_window_add_toast_with_action (FALT_WINDOW (window), message, _("_What’s New"), "win.show-page",
                                       g_variant_new_string ("whats-new"));
}

static void
report_success (FaltApplication *self, FaltUpdater *updater)
{
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
  toast_whats_new (self, message);
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
    falt_application_import_update_file (self, path);
  g_object_unref (dialog);
}

/* Update files opened together import one after the other, oldest content first, so each is
 * newer than the one installed before it; each one's outcome is told, by its name. */
typedef struct
{
  char   *path;
  gint64  version;   /* as its signed manifest says; G_MAXINT64 when it cannot be read */
} QueuedFile;

typedef struct
{
  GQueue      files;     /* QueuedFile, in the order they are imported */
  QueuedFile *importing; /* the one being imported */
  guint    n_in_batch;   /* files asked for together: their messages name them */
  gulong   busy_handler; /* waiting for the updater's own check to end */
} ImportQueue;

static void
queued_file_free (QueuedFile *file)
{
  g_free (file->path);
  g_free (file);
}

static void
import_queue_free (ImportQueue *queue)
{
  g_queue_clear_full (&queue->files, (GDestroyNotify) queued_file_free);
  g_clear_pointer (&queue->importing, queued_file_free);
  g_free (queue);
}

static ImportQueue *
get_import_queue (FaltApplication *self)
{
  ImportQueue *queue = g_object_get_data (G_OBJECT (self), "import-queue");

  if (queue == NULL)
    {
      queue = g_new0 (ImportQueue, 1);
      g_queue_init (&queue->files);
      g_object_set_data_full (G_OBJECT (self), "import-queue", queue, (GDestroyNotify) import_queue_free);
    }
  return queue;
}

static void import_next_file (FaltApplication *self);

static void
report_file_success (FaltApplication *self, FaltUpdater *updater, const char *name)
{
  g_autofree char *message = NULL;

  /* Translators: %1$s is an update file's name, %2$lld the material's new version. */
  message = g_strdup_printf (_("“%1$s”: the material was updated to version %2$lld"), name,
                             (long long) falt_updater_get_new_version (updater));
  toast_whats_new (self, message);
}

static void
import_file_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (FaltApplication) self = user_data;
  ImportQueue *queue = get_import_queue (self);
  g_autoptr (GError) error = NULL;
  g_autofree char *name = NULL;
  gboolean named = queue->n_in_batch > 1;
  gint64 version = queue->importing->version;

  name = g_filename_display_basename (queue->importing->path);
  g_clear_pointer (&queue->importing, queued_file_free);
  if (falt_updater_import_file_finish (FALT_UPDATER (source), result, &error))
    {
      if (named)
        report_file_success (self, FALT_UPDATER (source), name);
      else
        report_success (self, FALT_UPDATER (source));
    }
  else if (named && g_error_matches (error, FALT_STORE_ERROR, FALT_STORE_ERROR_OLDER_FEED))
    {
      FaltStore *store = falt_application_get_store (self);
      /* Translators: %1$s is an update file's name, %2$lld its material's version, %3$lld the installed one. */
      g_autofree char *message = g_strdup_printf (_("“%1$s” was skipped: its version %2$lld is not newer than the installed %3$lld"),
                                                  name, (long long) version,
                                                  (long long) falt_store_get_content_version (store));

      toast (self, message);
    }
  else
    {
      if (named)
        g_prefix_error (&error, "“%s”: ", name);
      show_failure (self, _("The Update File Could Not Be Imported"), error);
    }
  import_next_file (self);
}

static void
on_updater_busy_changed_cb (FaltUpdater *updater, GParamSpec *pspec, FaltApplication *self)
{
  ImportQueue *queue = get_import_queue (self);

  if (falt_updater_get_busy (updater))
    return;
  g_clear_signal_handler (&queue->busy_handler, updater);
  import_next_file (self);
}

static void
import_next_file (FaltApplication *self)
{
  FaltUpdater *updater = falt_application_get_updater (self);
  ImportQueue *queue = get_import_queue (self);
  QueuedFile *file;

  if (updater == NULL || queue->importing != NULL || queue->busy_handler != 0)
    return;
  if (g_queue_is_empty (&queue->files))
    {
      queue->n_in_batch = 0;
      return;
    }
  /* A check (or an import the user started) runs: the files wait for it. */
  if (falt_updater_get_busy (updater))
    {
      queue->busy_handler = g_signal_connect_object (updater, "notify::busy",
                                                     G_CALLBACK (on_updater_busy_changed_cb), self, 0);
      return;
    }
  file = queue->importing = g_queue_pop_head (&queue->files);
  falt_updater_import_file_async (updater, file->path, NULL, import_file_done_cb, g_object_ref (self));
}

static int
compare_versions (gconstpointer a, gconstpointer b)
{
  const QueuedFile *first = *(QueuedFile * const *) a;
  const QueuedFile *second = *(QueuedFile * const *) b;

  return first->version < second->version ? -1 : first->version > second->version;
}

/* In a worker thread: each file's version, from its manifest as its signature vouches for
 * it; the import reads and checks it again. A file that cannot be read goes last, and its
 * import says why. */
typedef struct
{
  GPtrArray   *files;     /* QueuedFile */
  FaltKeyring *keyring;   /* the updater's */
} VersionsRead;

static void
versions_read_free (VersionsRead *read)
{
  g_ptr_array_unref (read->files);
  g_clear_object (&read->keyring);
  g_free (read);
}

static void
read_versions_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  VersionsRead *read = task_data;
  GPtrArray *files = read->files;
  FaltKeyring *keyring = read->keyring;

  for (guint i = 0; i < files->len; i++)
    {
      QueuedFile *file = files->pdata[i];
      g_autoptr (FaltManifest) manifest = falt_feed_read_bundle_manifest (file->path, keyring, NULL, NULL);

      file->version = manifest != NULL ? falt_manifest_get_version (manifest) : G_MAXINT64;
    }
  /* Stable: files of one version keep the order they were given in. */
  g_ptr_array_sort (files, compare_versions);
  g_task_return_boolean (task, TRUE);
}

static void
versions_read_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (FaltApplication) self = user_data;
  GPtrArray *files = ((VersionsRead *) g_task_get_task_data (G_TASK (result)))->files;
  ImportQueue *queue = get_import_queue (self);

  while (files->len > 0)
    g_queue_push_tail (&queue->files, g_ptr_array_steal_index (files, 0));
  import_next_file (self);
}

/**
 * falt_application_import_update_files:
 * @self: the application
 * @paths: (array zero-terminated=1): bundles, in any order
 *
 * Imports the update files one after the other, the oldest content version first (each is
 * then newer than the one installed before it); a file older than what is installed by then
 * is skipped, and says so by name. Each outcome is shown, as for one file.
 */
void
falt_application_import_update_files (FaltApplication    *self,
                                      const char * const *paths)
{
  FaltUpdater *updater = falt_application_get_updater (self);
  ImportQueue *queue = get_import_queue (self);
  g_autoptr (GTask) task = NULL;
  VersionsRead *read;

  if (updater == NULL || paths == NULL || paths[0] == NULL)
    return;
  read = g_new0 (VersionsRead, 1);
  read->files = g_ptr_array_new_with_free_func ((GDestroyNotify) queued_file_free);
  g_object_get (updater, "keyring", &read->keyring, NULL);
  for (guint i = 0; paths[i] != NULL; i++)
    {
      QueuedFile *file = g_new0 (QueuedFile, 1);

      file->path = g_strdup (paths[i]);
      g_ptr_array_add (read->files, file);
    }
  queue->n_in_batch += read->files->len;
  task = g_task_new (updater, NULL, versions_read_cb, g_object_ref (self));
  g_task_set_task_data (task, read, (GDestroyNotify) versions_read_free);
  g_task_run_in_thread (task, read_versions_thread);
}

/**
 * falt_application_import_update_file:
 * @self: the application
 * @path: a bundle
 *
 * Imports an update file as "Import Update File…" does (tests call it directly); after any
 * import or check already under way.
 */
void
falt_application_import_update_file (FaltApplication *self, const char *path)
{
  falt_application_import_update_files (self, (const char * const[]) { path, NULL });
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
  FaltStore *store = falt_application_get_store (self);

  /* Not while the first start installs the bundled material: asked again once it is in. */
  if (store != NULL && falt_store_get_installing (store))
    return;
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
