/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-application"

#include <locale.h>
#include <signal.h>
#include <glib/gi18n.h>
#include <glib-unix.h>

#include "falt-content-languages.h"
#include "falt-application.h"
#include "falt-application-history.h"
#include "falt-application-updates.h"
#include "falt-command-line.h"
#include "falt-dial-launcher.h"
#include "falt-pdf-document.h"
#include "falt-preferences-window.h"
#include "falt-startup-trace.h"
#include "falt-window.h"

struct _FaltApplication
{
  AdwApplication  parent_instance;

  FaltStore      *store;
  FaltUpdater    *updater;
  GSettings      *settings;
  char           *feed_override;
  char           *recovered_from;
  char           *store_error;
  gboolean        installing_bundled;  /* falt_store_install_bundled_async() under way */
  guint           sigterm_source;
  guint           sigint_source;
};

G_DEFINE_FINAL_TYPE (FaltApplication, falt_application, ADW_TYPE_APPLICATION)

/**
 * falt_application_setup_i18n:
 *
 * Binds the message catalogue. `FALTSTOD_LOCALEDIR` lets the build tree's
 * own catalogues be used before installation (build-aux/dev run).
 */
void
falt_application_setup_i18n (void)
{
  const char *localedir = g_getenv ("FALTSTOD_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

static FaltWindow *
get_main_window (FaltApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  return FALT_IS_WINDOW (window) ? FALT_WINDOW (window) : NULL;
}

/* Command-line requests (--search, --status …) are answered here, in the
 * calling process, without a display. -1 means: go on and run the app. */
static int
falt_application_handle_local_options (GApplication *application,
                                       GVariantDict *options)
{
  FaltApplication *self = FALT_APPLICATION (application);

  /* `faltstod --feed URL` without --sync: the window uses that address for this run. */
  g_clear_pointer (&self->feed_override, g_free);
  g_variant_dict_lookup (options, "feed", "s", &self->feed_override);
  return falt_command_line_handle (options);
}

/* Tells the user, once the window is up, that a damaged store was replaced
 * and where the damaged file was kept. */
static void
report_recovery (FaltApplication *self,
                 GtkWindow       *window)
{
  const GError *reason;
  GtkWidget *dialog;

  if (self->recovered_from == NULL)
    return;

  reason = self->store != NULL ? falt_store_get_recovery_reason (self->store) : NULL;
  dialog = adw_message_dialog_new (window, _("The Material Was Restored"), NULL);
  if (g_error_matches (reason, FALT_STORE_ERROR, FALT_STORE_ERROR_FUTURE_SCHEMA))
    adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                    _("The local copy of the material was made by a newer version of Fältstöd, which this version cannot read, so the material that came with this version has been restored. Updates received since then must be imported again. The newer copy was kept as %s."),
                                    self->recovered_from);
  else
    adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                    _("The local copy of the material was damaged, so the material that came with Fältstöd has been restored. Updates received since then must be imported again. The damaged copy was kept as %s."),
                                    self->recovered_from);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
  g_clear_pointer (&self->recovered_from, g_free);
}

/* Once, in the main window: a store that cannot be written (a full disk, a read-only folder)
 * still shows the material; what it cannot do is keep the reader's history and bookmarks. */
static void
report_read_only (FaltApplication *self)
{
  const GError *reason = self->store != NULL ? falt_store_get_read_only_reason (self->store) : NULL;
  FaltWindow *window = get_main_window (self);

  if (reason == NULL || window == NULL || falt_store_get_installing (self->store)
      || g_object_get_data (G_OBJECT (self), "read-only-reported") != NULL)
    return;
  g_object_set_data (G_OBJECT (self), "read-only-reported", GINT_TO_POINTER (TRUE));
  /* Short enough for a toast; `faltstod --status` and the log have sqlite's words. */
  falt_window_add_toast (window, g_error_matches (reason, FALT_STORE_ERROR, FALT_STORE_ERROR_NO_SPACE)
                                   ? _("The disk is full: reading history and bookmarks are not kept")
                                   : _("The disk is full or the folder read-only: history and bookmarks are not kept"));
}

static void
on_bundled_installed_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr (FaltApplication) self = user_data;
  g_autoptr (GError) error = NULL;

  self->installing_bundled = FALSE;
  if (!falt_store_install_bundled_finish (FALT_STORE (source), result, &error))
    {
      g_printerr ("%s\n", error->message);
      g_free (self->store_error);
      self->store_error = g_strdup (error->message);
    }
  report_read_only (self);
  falt_application_schedule_update_check (self);
}

/* On the thread startup_store_open() starts: it only sets the store, what
 * was recovered and the error, which nothing reads until it is joined. */
static gpointer
open_store (gpointer data)
{
  FaltApplication *self = data;
  g_autoptr (GError) error = NULL;

  /* Opening is quick: the material the first start needs is installed later, off the main
   * loop (falt_store_install_bundled_async(), once joined). */
  self->store = falt_store_open_default_full (falt_command_line_bundled_feed_dir (), FALT_STORE_OPEN_INSTALL_LATER,
                                              &self->recovered_from, &error);
  falt_startup_trace ("store opened");
  if (self->store == NULL)
    {
      const char *message = error != NULL ? error->message : _("The material could not be opened.");

      g_printerr ("%s\n", message);
      self->store_error = g_strdup (message);
    }
  return NULL;
}

/* An address typed in Preferences applies at once, unless --feed set one for this run. */
static void
on_feed_url_changed_cb (FaltApplication *self)
{
  g_autoptr (FaltUpdater) fresh = NULL;

  if (self->updater == NULL || self->feed_override != NULL)
    return;
  fresh = falt_command_line_make_updater (self->store, self->settings, NULL);
  falt_updater_set_feed_url (self->updater, falt_updater_get_feed_url (fresh));
}

/**
 * falt_application_get_store_error:
 *
 * Returns: (nullable): why the store could not be opened, for the pages that
 *   need it to say so.
 */
const char *
falt_application_get_store_error (FaltApplication *self)
{
  g_return_val_if_fail (FALT_IS_APPLICATION (self), NULL);

  return self->store_error;
}

static void
falt_application_activate (GApplication *application)
{
  FaltApplication *self = FALT_APPLICATION (application);
  FaltWindow *window = get_main_window (self);

  if (window == NULL)
    window = falt_window_new (ADW_APPLICATION (self), self->store, self->updater, self->settings);

  gtk_window_present (GTK_WINDOW (window));
  report_recovery (self, GTK_WINDOW (window));
  report_read_only (self);
  falt_application_schedule_update_check (self);
}

/* An update file, by its name as the MIME type's glob has it: opening one from the file
 * manager imports it. Its content decides nothing here; the import reads and checks it. */
static gboolean
is_update_file (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *folded = name != NULL ? g_utf8_casefold (name, -1) : NULL;

  return folded != NULL && g_str_has_suffix (folded, ".faltstod");
}

/* The update files among @files, by their local paths: a URI with none (a share gvfs does not
 * mount) has no file the import can read, and says so. */
static GStrv
list_opened_update_files (FaltWindow  *window,
                          GFile      **files,
                          int          n_files)
{
  g_autoptr (GStrvBuilder) paths = g_strv_builder_new ();

  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *path = is_update_file (files[i]) ? g_file_get_path (files[i]) : NULL;

      if (path != NULL)
        g_strv_builder_add (paths, path);
      else if (is_update_file (files[i]))
        falt_window_add_toast (window,
                               _("Only an update file on this computer or a connected drive can be imported"));
    }
  return g_strv_builder_end (paths);
}

/* `faltstod FILE.pdf` and the file manager's Open With: a PDF is shown, never
 * imported, the first in the main window and any others in windows of their
 * own; an update file (.faltstod) is imported, as Import Update File… does. */
static void
falt_application_open (GApplication  *application,
                       GFile        **files,
                       int            n_files,
                       const char    *hint)
{
  FaltApplication *self = FALT_APPLICATION (application);
  FaltWindow *window = get_main_window (self);
  gboolean main_window_used = FALSE;

  falt_startup_trace ("application open");

  /* Without a store no document can be shown, and its window says why. */
  if (self->store == NULL)
    {
      falt_application_activate (application);
      return;
    }

  /* The first PDF is read and opened while the window is built; an update file is
   * the import's to read, never a PDF's (it can be large, or be a PDF renamed). */
  for (int i = 0; i < n_files; i++)
    if (!is_update_file (files[i]))
      {
        falt_pdf_document_preload (files[i]);
        break;
      }
  for (int i = 0; i < n_files; i++)
    {
      if (is_update_file (files[i]))
        continue;
      /* A new window opens on the file, without building the page it would
       * have opened on. */
      if (window == NULL || main_window_used)
        window = falt_window_new_for_file (ADW_APPLICATION (self), self->store, self->updater, self->settings,
                                           files[i]);
      else
        falt_window_open_file (window, files[i]);
      main_window_used = TRUE;
      falt_startup_trace ("window built");
      /* Realized first, the window starts rendering the file's first page
       * (falt-window.c) before it measures and maps itself. */
      gtk_widget_realize (GTK_WIDGET (window));
      gtk_window_present (GTK_WINDOW (window));
      falt_startup_trace ("window presented");
    }
  for (int i = 0; i < n_files; i++)
    if (is_update_file (files[i]))
      {
        g_auto (GStrv) paths = NULL;

        /* The outcome is told in the main window: there has to be one. */
        if (window == NULL)
          window = falt_window_new (ADW_APPLICATION (self), self->store, self->updater, self->settings);
        gtk_window_present (GTK_WINDOW (window));
        /* All of them, one after the other, oldest first (falt-application-updates.c). */
        paths = list_opened_update_files (window, files, n_files);
        falt_application_import_update_files (self, (const char * const *) paths);
        break;
      }
  if (window != NULL)
    report_recovery (self, GTK_WINDOW (window));
  falt_application_schedule_update_check (self);
}

static void
quit_action_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GApplication *application = G_APPLICATION (user_data);
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (application));

  /* Closing each window first lets them save their size and page. */
  for (GList *l = windows; l != NULL;)
    {
      GtkWindow *window = l->data;
      l = l->next;
      gtk_window_close (window);
    }

  g_application_quit (application);
}

static void
preferences_action_cb (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  FaltApplication *self = FALT_APPLICATION (user_data);
  FaltPreferencesWindow *preferences = falt_preferences_window_new (self->store, self->updater, self->settings);

  gtk_window_set_transient_for (GTK_WINDOW (preferences), GTK_WINDOW (get_main_window (self)));
  /* So its "Check Now" finds app.check-updates, without the window joining the application
   * (quitting then closes only the main window, which takes its dialogs with it). */
  gtk_widget_insert_action_group (GTK_WIDGET (preferences), "app", G_ACTION_GROUP (self));
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
about_action_cb (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  FaltApplication *self = FALT_APPLICATION (user_data);
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "application-name", _("Fältstöd"),
                        "application-icon", APPLICATION_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("The Fältstöd developers"),
                        "comments", _("Support for professionals who meet people exposed to prostitution, human trafficking and exploitation. Works without a network."),
                        "website", "https://nspm.jamstalldhetsmyndigheten.se/",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        /* Translators: put your names here, one per line. */
                        "translator-credits", _("translator-credits"),
                        "transient-for", get_main_window (self),
                        "modal", TRUE,
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

/* A logout or `kill` sends SIGTERM: quit as Ctrl+Q does, so window state is
 * saved and the store is closed cleanly instead of left for a crash check. */
static gboolean
on_quit_signal_cb (gpointer user_data)
{
  g_action_group_activate_action (G_ACTION_GROUP (user_data), "quit", NULL);
  return G_SOURCE_CONTINUE;
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action_cb },
  { "preferences", preferences_action_cb },
  { "about", about_action_cb },
};

static void
falt_application_startup (GApplication *application)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  FaltApplication *self = FALT_APPLICATION (application);
  GThread *store_opening;

  falt_startup_trace ("application startup");
  /* The store opens (its schema checked; the material a first start needs
   * is installed after, off the main loop) on a thread of its own while GTK
   * and libadwaita start here. Nothing else touches it meanwhile. */
  store_opening = g_thread_new ("faltstod-store", open_store, self);
  G_APPLICATION_CLASS (falt_application_parent_class)->startup (application);
  falt_startup_trace ("gtk and adwaita started");

  self->settings = g_settings_new (APPLICATION_ID);
  /* A language chosen before the chain of languages existed comes first in it. */
  falt_migrate_content_language (self->settings);
  g_signal_connect_object (self->settings, "changed::feed-url",
                           G_CALLBACK (on_feed_url_changed_cb), application, G_CONNECT_SWAPPED);
  g_thread_join (store_opening);
  falt_startup_trace ("store joined");
  if (self->store != NULL)
    {
      self->updater = falt_command_line_make_updater (self->store, self->settings, self->feed_override);
      self->installing_bundled = TRUE;
      falt_store_install_bundled_async (self->store, NULL, on_bundled_installed_cb, g_object_ref (self));
    }
  self->sigterm_source = g_unix_signal_add (SIGTERM, on_quit_signal_cb, application);
  self->sigint_source = g_unix_signal_add (SIGINT, on_quit_signal_cb, application);

  g_action_map_add_action_entries (G_ACTION_MAP (application), app_actions,
                                   G_N_ELEMENTS (app_actions), application);
  falt_dial_launcher_install_actions (GTK_APPLICATION (application), self->settings);
  falt_application_install_update_actions (self);
  falt_application_install_history_actions (self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.preferences",
                                         preferences_accels);
}

static void
falt_application_shutdown (GApplication *application)
{
  FaltApplication *self = FALT_APPLICATION (application);

  /* A first start's install under way is let finish (one transaction, about
   * a second), not cut by the process's end under its thread. */
  while (self->installing_bundled)
    g_main_context_iteration (NULL, TRUE);
  g_clear_handle_id (&self->sigterm_source, g_source_remove);
  g_clear_handle_id (&self->sigint_source, g_source_remove);
  {
    guint check_source = GPOINTER_TO_UINT (g_object_steal_data (G_OBJECT (self), "update-check-source"));

    if (check_source != 0)
      g_source_remove (check_source);
  }
  if (self->updater != NULL)
    falt_updater_cancel (self->updater);
  g_clear_object (&self->updater);
  falt_pdf_document_preload (NULL);
  /* Closing the store here, not at finalization, checkpoints its journal. */
  g_clear_object (&self->store);

  G_APPLICATION_CLASS (falt_application_parent_class)->shutdown (application);
}

static void
falt_application_dispose (GObject *object)
{
  FaltApplication *self = FALT_APPLICATION (object);

  g_clear_object (&self->updater);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->feed_override, g_free);
  g_clear_pointer (&self->recovered_from, g_free);
  g_clear_pointer (&self->store_error, g_free);

  G_OBJECT_CLASS (falt_application_parent_class)->dispose (object);
}

static void
falt_application_class_init (FaltApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = falt_application_dispose;

  app_class->handle_local_options = falt_application_handle_local_options;
  app_class->startup = falt_application_startup;
  app_class->shutdown = falt_application_shutdown;
  app_class->activate = falt_application_activate;
  app_class->open = falt_application_open;
}

static void
falt_application_init (FaltApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), falt_command_line_options ());
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Guidance, contacts and numbers to call for professionals who meet people exposed to prostitution and human trafficking."));
}

/**
 * falt_application_get_store:
 * @self: the application
 *
 * Returns: (transfer none) (nullable): the content store, or %NULL before
 *   startup, after shutdown or when it could not be opened
 */
FaltStore *
falt_application_get_store (FaltApplication *self)
{
  g_return_val_if_fail (FALT_IS_APPLICATION (self), NULL);

  return self->store;
}

FaltApplication *
falt_application_new (void)
{
  return g_object_new (FALT_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}

/**
 * falt_application_get_updater:
 * @self: the application
 *
 * Returns: (transfer none) (nullable): the updater, or %NULL without a store
 */
FaltUpdater *
falt_application_get_updater (FaltApplication *self)
{
  g_return_val_if_fail (FALT_IS_APPLICATION (self), NULL);

  return self->updater;
}

/**
 * falt_application_get_settings:
 * @self: the application
 *
 * Returns: (transfer none) (nullable): the app's one #GSettings, after startup
 */
GSettings *
falt_application_get_settings (FaltApplication *self)
{
  g_return_val_if_fail (FALT_IS_APPLICATION (self), NULL);

  return self->settings;
}

