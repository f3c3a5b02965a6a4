/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-command-line"

#include <glib/gi18n.h>

#include "falt-command-line.h"
#include "falt-update-command.h"

/* `faltstod --sync`, `--import FILE` and `--export FILE`: updates without a window, for
 * scripts, administrators and trainers with a USB stick. Progress goes to stderr, the outcome
 * to stdout; the exit status is 0 on success, 1 when the update was refused or failed. */

typedef struct
{
  GMainLoop        *loop;
  FaltUpdater      *updater;
  FaltUpdaterState  last_state;
  int               last_percent;
  gboolean          ok;
  GError           *error;
} Run;

static const char *
describe_state (FaltUpdaterState state)
{
  switch (state)
    {
    case FALT_UPDATER_STATE_CHECKING: return _("Checking for updates…");
    case FALT_UPDATER_STATE_DOWNLOADING: return _("Downloading…");
    case FALT_UPDATER_STATE_APPLYING: return _("Installing…");
    case FALT_UPDATER_STATE_IDLE:
    case FALT_UPDATER_STATE_UP_TO_DATE:
    case FALT_UPDATER_STATE_UPDATED:
    case FALT_UPDATER_STATE_FAILED:
    default:
      return NULL;
    }
}

static void
progress_cb (GObject    *object,
             GParamSpec *pspec,
             gpointer    user_data)
{
  Run *run = user_data;
  FaltUpdaterState state = falt_updater_get_state (run->updater);
  int percent = (int) (falt_updater_get_fraction (run->updater) * 100);
  const char *text = describe_state (state);

  if (text == NULL)
    return;
  if (state != run->last_state)
    {
      g_printerr ("%s\n", text);
      run->last_state = state;
      run->last_percent = -1;
    }
  /* Every tenth of the way: enough to see it move, not a line per packet. */
  if (state != FALT_UPDATER_STATE_CHECKING && percent / 10 != run->last_percent / 10)
    {
      g_printerr ("  %d %%\n", percent);
      run->last_percent = percent;
    }
}

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Run *run = user_data;

  if (g_task_get_source_tag (G_TASK (result)) == falt_updater_import_file_async)
    run->ok = falt_updater_import_file_finish (run->updater, result, &run->error);
  else
    run->ok = falt_updater_check_finish (run->updater, result, &run->error);
  g_main_loop_quit (run->loop);
}

static int
run_updater (FaltUpdater *updater,
             const char  *bundle_path)
{
  g_autoptr (GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  Run run = { loop, updater, FALT_UPDATER_STATE_IDLE, -1, FALSE, NULL };
  gulong state_handler = g_signal_connect (updater, "notify::state", G_CALLBACK (progress_cb), &run);
  gulong fraction_handler = g_signal_connect (updater, "notify::fraction", G_CALLBACK (progress_cb), &run);

  if (bundle_path != NULL)
    falt_updater_import_file_async (updater, bundle_path, NULL, done_cb, &run);
  else
    falt_updater_check_async (updater, NULL, done_cb, &run);
  g_main_loop_run (loop);
  g_signal_handler_disconnect (updater, state_handler);
  g_signal_handler_disconnect (updater, fraction_handler);

  if (!run.ok)
    {
      g_printerr (_("The update failed: %s\n"), run.error->message);
      g_printerr (_("The installed material is unchanged.\n"));
      g_clear_error (&run.error);
      return 1;
    }
  if (falt_updater_get_state (updater) == FALT_UPDATER_STATE_UP_TO_DATE)
    g_print (_("already up to date (version %lld)\n"), (long long) falt_updater_get_new_version (updater));
  else
    g_print (_("updated to version %lld\n"), (long long) falt_updater_get_new_version (updater));
  return 0;
}

static int
export_content (FaltStore  *store,
                const char *path)
{
  g_autoptr (GError) error = NULL;

  if (!falt_store_export_bundle (store, path, &error))
    {
      g_printerr (_("The material could not be exported: %s\n"), error->message);
      return 1;
    }
  g_print (_("exported version %lld to %s\n"), (long long) falt_store_get_content_version (store), path);
  return 0;
}

/**
 * falt_update_command_run:
 * @options: the parsed command line, holding `sync`, `import` or `export`
 *
 * Returns: the exit status
 */
int
falt_update_command_run (GVariantDict *options)
{
  g_autoptr (FaltStore) store = NULL;
  g_autoptr (GSettings) settings = NULL;
  g_autoptr (FaltUpdater) updater = NULL;
  g_autofree char *import_path = NULL;
  g_autofree char *export_path = NULL;
  const char *feed = NULL;
  guint n_requests = 0;

  g_variant_dict_lookup (options, "feed", "&s", &feed);
  g_variant_dict_lookup (options, "import", "^ay", &import_path);
  g_variant_dict_lookup (options, "export", "^ay", &export_path);
  n_requests = g_variant_dict_contains (options, "sync") + (import_path != NULL) + (export_path != NULL);
  if (n_requests > 1)
    {
      g_printerr (_("Give one of --sync, --import and --export at a time.\n"));
      return 2;
    }
  if ((store = falt_command_line_open_store ()) == NULL)
    return 2;
  if (export_path != NULL)
    return export_content (store, export_path);

  settings = falt_command_line_open_settings ();
  updater = falt_command_line_make_updater (store, settings, feed);
  return run_updater (updater, import_path);
}
