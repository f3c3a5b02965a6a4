/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-updater"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "falt-updater-job.h"

/**
 * FaltUpdater:
 *
 * Brings the content up to date from a signed feed served as static files (any web server,
 * CDN or mirror), or from a bundle file. It owns the state the UI shows (state, progress,
 * error, last check) as properties to bind to.
 *
 * A check runs in a worker thread with its own #SoupSession: the manifest and its signature
 * with a conditional request (an unchanged feed costs one small request), verification through
 * src/feed, then only the blobs the store lacks, streamed into a staging folder and hashed as
 * they arrive, resumed with HTTP Range after an interruption, from the manifest's mirrors when
 * a server fails. The store then imports in its own thread, in one transaction: a process
 * killed at any instant leaves the old content or the new, and the next run reuses or discards
 * what was staged.
 */

G_DEFINE_QUARK (falt-updater-error-quark, falt_updater_error)

G_DEFINE_ENUM_TYPE (FaltUpdaterState, falt_updater_state,
  G_DEFINE_ENUM_VALUE (FALT_UPDATER_STATE_IDLE, "idle"),
  G_DEFINE_ENUM_VALUE (FALT_UPDATER_STATE_CHECKING, "checking"),
  G_DEFINE_ENUM_VALUE (FALT_UPDATER_STATE_DOWNLOADING, "downloading"),
  G_DEFINE_ENUM_VALUE (FALT_UPDATER_STATE_APPLYING, "applying"),
  G_DEFINE_ENUM_VALUE (FALT_UPDATER_STATE_UP_TO_DATE, "up-to-date"),
  G_DEFINE_ENUM_VALUE (FALT_UPDATER_STATE_UPDATED, "updated"),
  G_DEFINE_ENUM_VALUE (FALT_UPDATER_STATE_FAILED, "failed"))


struct _FaltUpdater
{
  GObject           parent_instance;

  FaltStore        *store;
  FaltKeyring      *keyring;
  char             *feed_url;
  char             *staging_dir;
  guint             minimum_rate;
  guint             rate_window;
  guint             stall_timeout;
  guint             deadline;

  FaltUpdaterState  state;
  double            fraction;
  char             *error_message;
  gint64            new_version;
  GCancellable     *cancellable;
};

G_DEFINE_FINAL_TYPE (FaltUpdater, falt_updater, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_KEYRING,
  PROP_FEED_URL,
  PROP_STAGING_DIR,
  PROP_MINIMUM_RATE,
  PROP_RATE_WINDOW,
  PROP_STALL_TIMEOUT,
  PROP_DEADLINE,
  PROP_STATE,
  PROP_BUSY,
  PROP_FRACTION,
  PROP_ERROR_MESSAGE,
  PROP_LAST_CHECK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
falt_updater_job_free (FaltUpdaterJob *job)
{
  g_clear_pointer (&job->context, g_main_context_unref);
  g_clear_object (&job->self);
  g_clear_object (&job->store);
  g_clear_object (&job->keyring);
  g_free (job->bundle_path);
  g_strfreev (job->bases);
  g_free (job->etag);
  g_free (job->staging_dir);
  g_clear_object (&job->session);
  g_clear_object (&job->manifest);
  g_free (job->signature);
  g_free (job->new_etag);
  g_free (job);
}


static void
set_state (FaltUpdater *self, FaltUpdaterState state)
{
  gboolean was_busy = falt_updater_get_busy (self);

  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
  if (was_busy != falt_updater_get_busy (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
set_fraction (FaltUpdater *self, double fraction)
{
  if (self->fraction == fraction)
    return;
  self->fraction = fraction;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
}

static void
set_error_message (FaltUpdater *self, const char *message)
{
  if (g_strcmp0 (self->error_message, message) == 0)
    return;
  g_free (self->error_message);
  self->error_message = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_MESSAGE]);
}

/* Progress reports from the worker */

typedef struct
{
  FaltUpdater      *self;
  FaltUpdaterState  state;
  double            fraction;
} Report;

static gboolean
apply_report_cb (gpointer data)
{
  Report *report = data;

  set_state (report->self, report->state);
  set_fraction (report->self, report->fraction);
  return G_SOURCE_REMOVE;
}

static void
report_free (Report *report)
{
  g_object_unref (report->self);
  g_free (report);
}

/* From the worker: the state and fraction, applied on the main context. */
void
falt_updater_job_report (FaltUpdaterJob *job, FaltUpdaterState state)
{
  Report *message = g_new (Report, 1);

  message->self = g_object_ref (job->self);
  message->state = state;
  message->fraction = job->bytes_total > 0 ? (double) job->bytes_done / job->bytes_total : 0.0;
  g_main_context_invoke_full (job->context, G_PRIORITY_DEFAULT, apply_report_cb, message,
                              (GDestroyNotify) report_free);
}

/* Addresses */

static gboolean
is_loopback_host (const char *host)
{
  g_autoptr (GInetAddress) address = NULL;

  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/**
 * falt_updater_check_url:
 * @url: an update address
 * @error: return location for a #GError
 *
 * Returns: whether @url may be used: `https://`, or `http://` to a loopback address (tests)
 */
gboolean
falt_updater_check_url (const char *url, GError **error)
{
  g_autoptr (GUri) uri = url != NULL ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;
  const char *scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;

  if (url == NULL || *url == '\0')
    {
      g_set_error (error, FALT_UPDATER_ERROR, FALT_UPDATER_ERROR_NO_FEED,
                   _("No update address is configured. Updates can still be imported from a file."));
      return FALSE;
    }
  if (uri == NULL || g_uri_get_host (uri) == NULL)
    {
      g_set_error (error, FALT_UPDATER_ERROR, FALT_UPDATER_ERROR_INSECURE,
                   _("“%s” is not a web address"), url);
      return FALSE;
    }
  if (g_ascii_strcasecmp (scheme, "https") == 0
      || (g_ascii_strcasecmp (scheme, "http") == 0 && is_loopback_host (g_uri_get_host (uri))))
    return TRUE;
  g_set_error (error, FALT_UPDATER_ERROR, FALT_UPDATER_ERROR_INSECURE,
               _("Updates are only fetched over https:// (“%s” is not)"), url);
  return FALSE;
}

/* Running a job */

static void
save_check_time (FaltUpdater *self)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *text = g_date_time_format_iso8601 (now);

  falt_store_set_state (self->store, "last-check", text, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_CHECK]);
}

static void
finish_job (FaltUpdater *self, GTask *task, GError *error, FaltUpdaterState state)
{
  FaltUpdaterJob *job = g_task_get_task_data (task);

  if (error != NULL)
    {
      set_error_message (self, error->message);
      set_state (self, FALT_UPDATER_STATE_FAILED);
      g_task_return_error (task, error);
      return;
    }
  if (job->bundle_path == NULL)
    {
      save_check_time (self);
      if (job->new_etag != NULL || job->unchanged)
        {
          g_autofree char *value = g_strconcat (job->bases[0], "\n", job->new_etag != NULL ? job->new_etag : job->etag, NULL);

          if (job->new_etag != NULL || job->etag != NULL)
            falt_store_set_state (self->store, "feed-etag", value, NULL);
        }
    }
  falt_feed_remove_dir (job->staging_dir, NULL);
  set_error_message (self, NULL);
  set_fraction (self, 1.0);
  set_state (self, state);
  g_task_return_boolean (task, TRUE);
}

static void
import_progress_cb (guint done, guint total, gpointer user_data)
{
  FaltUpdater *self = user_data;

  set_fraction (self, total > 0 ? (double) done / total : 1.0);
}

static void
remove_staging_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  falt_feed_remove_dir (task_data, NULL);
  g_task_return_boolean (task, TRUE);
}

static void
staging_removed_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  FaltUpdater *self = g_task_get_source_object (task);
  FaltUpdaterJob *job = g_task_get_task_data (task);

  self->new_version = falt_manifest_get_version (job->manifest);
  finish_job (self, task, NULL, FALT_UPDATER_STATE_UPDATED);
}

static void
import_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  FaltUpdater *self = g_task_get_source_object (task);
  FaltUpdaterJob *job = g_task_get_task_data (task);
  g_autoptr (GTask) removal = NULL;
  GError *error = NULL;

  if (!falt_store_import_finish (FALT_STORE (source), result, &error))
    {
      finish_job (self, task, error, FALT_UPDATER_STATE_FAILED);
      return;
    }
  /* The store holds the blobs now. Unlinking a few hundred megabytes of staged files is disk
   * work: off the main loop, still in the applying state (so no new run starts meanwhile). */
  removal = g_task_new (self, NULL, staging_removed_cb, g_steal_pointer (&task));
  g_task_set_task_data (removal, g_strdup (job->staging_dir), g_free);
  g_task_run_in_thread (removal, remove_staging_thread);
}

static void
worker_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  FaltUpdater *self = g_task_get_source_object (task);
  FaltUpdaterJob *job = g_task_get_task_data (task);
  GCancellable *cancellable;
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      finish_job (self, task, error, FALT_UPDATER_STATE_FAILED);
      return;
    }
  if (job->unchanged)
    {
      self->new_version = job->installed;
      finish_job (self, task, NULL, FALT_UPDATER_STATE_UP_TO_DATE);
      return;
    }
  set_state (self, FALT_UPDATER_STATE_APPLYING);
  set_fraction (self, 0.0);
  cancellable = g_object_get_data (G_OBJECT (task), "cancellable");
  falt_store_import_async (self->store, job->manifest, job->signature, job->staging_dir, FALT_STORE_IMPORT_NONE,
                           import_progress_cb, self, cancellable, import_done_cb, g_steal_pointer (&task));
}

/* The etag stored for the configured address, if any. */
static char *
stored_etag (FaltUpdater *self)
{
  g_autofree char *value = falt_store_get_state (self->store, "feed-etag");
  g_autofree char *prefix = g_strconcat (self->feed_url, "\n", NULL);

  if (value == NULL || !g_str_has_prefix (value, prefix))
    return NULL;
  return g_strdup (value + strlen (prefix));
}

/**
 * falt_updater_list_bases:
 * @feed_url: the configured address, tried first
 * @mirrors: (nullable): a manifest's mirrors
 *
 * Returns: (transfer full): the addresses to try in turn: @feed_url, then each usable mirror once
 */
GStrv
falt_updater_list_bases (const char *feed_url, const char * const *mirrors)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  g_strv_builder_add (builder, feed_url);
  for (guint i = 0; mirrors != NULL && mirrors[i] != NULL; i++)
    if (g_strcmp0 (mirrors[i], feed_url) != 0 && falt_updater_check_url (mirrors[i], NULL))
      g_strv_builder_add (builder, mirrors[i]);
  return g_strv_builder_end (builder);
}

/* The manifest is fetched from the configured address, then from the installed one's mirrors. */
static GStrv
manifest_bases (FaltUpdater *self)
{
  g_autoptr (FaltManifest) installed = falt_store_dup_manifest (self->store, NULL, NULL);

  return falt_updater_list_bases (self->feed_url, installed != NULL ? falt_manifest_get_mirrors (installed) : NULL);
}

static GTask *
start_job (FaltUpdater *self, const char *bundle_path, GCancellable *cancellable, GAsyncReadyCallback callback,
           gpointer user_data, GError **error)
{
  GTask *task = g_task_new (self, NULL, callback, user_data);
  FaltUpdaterJob *job;

  g_task_set_source_tag (task, bundle_path != NULL ? (gpointer) falt_updater_import_file_async
                                                   : (gpointer) falt_updater_check_async);

  if (falt_updater_get_busy (self))
    {
      g_set_error (error, FALT_UPDATER_ERROR, FALT_UPDATER_ERROR_BUSY, _("An update is already running"));
      return task;
    }
  if (bundle_path == NULL && !falt_updater_check_url (self->feed_url, error))
    return task;

  g_clear_object (&self->cancellable);
  self->cancellable = cancellable != NULL ? g_object_ref (cancellable) : g_cancellable_new ();
  g_task_set_check_cancellable (task, FALSE);
  g_object_set_data_full (G_OBJECT (task), "cancellable", g_object_ref (self->cancellable), g_object_unref);

  job = g_new0 (FaltUpdaterJob, 1);
  job->context = g_main_context_ref_thread_default ();
  job->self = g_object_ref (self);
  job->store = g_object_ref (self->store);
  job->keyring = g_object_ref (self->keyring);
  job->bundle_path = g_strdup (bundle_path);
  job->bases = bundle_path == NULL ? manifest_bases (self) : NULL;
  job->etag = bundle_path == NULL ? stored_etag (self) : NULL;
  job->installed = falt_store_get_content_version (self->store);
  job->staging_dir = g_strdup (self->staging_dir);
  job->minimum_rate = self->minimum_rate;
  job->rate_window = self->rate_window;
  job->stall_timeout = self->stall_timeout;
  job->deadline = self->deadline;
  job->started = g_get_monotonic_time ();
  g_task_set_task_data (task, job, (GDestroyNotify) falt_updater_job_free);

  self->new_version = 0;
  set_error_message (self, NULL);
  set_fraction (self, 0.0);
  set_state (self, FALT_UPDATER_STATE_CHECKING);
  return task;
}

static void
run_job (GTask *task, GTaskThreadFunc thread_func)
{
  GCancellable *cancellable = g_object_get_data (G_OBJECT (task), "cancellable");
  g_autoptr (GTask) worker = g_task_new (g_task_get_source_object (task), cancellable, worker_done_cb, task);

  g_task_set_task_data (worker, g_task_get_task_data (task), NULL);
  g_task_run_in_thread (worker, thread_func);
}

static void
return_early (GTask *task, GError *error)
{
  g_task_return_error (task, error);
  g_object_unref (task);
}

/**
 * falt_updater_check_async:
 * @self: a #FaltUpdater
 * @cancellable: (nullable): a #GCancellable; falt_updater_cancel() cancels too
 * @callback: called when the check (and the update, when there is one) is done
 * @user_data: for @callback
 *
 * Checks the configured feed and installs a newer version when there is one.
 */
void
falt_updater_check_async (FaltUpdater *self, GCancellable *cancellable, GAsyncReadyCallback callback,
                          gpointer user_data)
{
  GError *error = NULL;
  GTask *task = start_job (self, NULL, cancellable, callback, user_data, &error);

  if (error != NULL)
    {
      if (!falt_updater_get_busy (self) && !g_error_matches (error, FALT_UPDATER_ERROR, FALT_UPDATER_ERROR_NO_FEED))
        {
          set_error_message (self, error->message);
          set_state (self, FALT_UPDATER_STATE_FAILED);
        }
      return_early (task, error);
      return;
    }
  run_job (task, falt_updater_check_thread);
}

/**
 * falt_updater_check_finish:
 * @self: a #FaltUpdater
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the content is up to date (#FaltUpdater:state says whether it was
 *   updated, falt_updater_get_new_version() to what)
 */
gboolean
falt_updater_check_finish (FaltUpdater *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * falt_updater_import_file_async:
 * @self: a #FaltUpdater
 * @bundle_path: a bundle made by `faltstod-publish bundle` or exported by the app
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * Installs the content of a bundle with exactly the checks of a download: the signature is
 * verified before anything large is unpacked, and only the blobs the store lacks are.
 */
void
falt_updater_import_file_async (FaltUpdater *self, const char *bundle_path, GCancellable *cancellable,
                                GAsyncReadyCallback callback, gpointer user_data)
{
  GError *error = NULL;
  GTask *task = start_job (self, bundle_path, cancellable, callback, user_data, &error);

  if (error != NULL)
    {
      return_early (task, error);
      return;
    }
  run_job (task, falt_updater_bundle_thread);
}

gboolean
falt_updater_import_file_finish (FaltUpdater *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * falt_updater_cancel:
 * @self: a #FaltUpdater
 *
 * Stops a running check or import; the installed content stays as it was.
 */
void
falt_updater_cancel (FaltUpdater *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

/* Properties */

const char *
falt_updater_get_feed_url (FaltUpdater *self)
{
  return self->feed_url;
}

void
falt_updater_set_feed_url (FaltUpdater *self, const char *feed_url)
{
  if (g_strcmp0 (self->feed_url, feed_url) == 0)
    return;
  g_free (self->feed_url);
  self->feed_url = g_strdup (feed_url != NULL ? feed_url : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FEED_URL]);
}

FaltUpdaterState
falt_updater_get_state (FaltUpdater *self)
{
  return self->state;
}

gboolean
falt_updater_get_busy (FaltUpdater *self)
{
  return self->state == FALT_UPDATER_STATE_CHECKING || self->state == FALT_UPDATER_STATE_DOWNLOADING
         || self->state == FALT_UPDATER_STATE_APPLYING;
}

double
falt_updater_get_fraction (FaltUpdater *self)
{
  return self->fraction;
}

const char *
falt_updater_get_error_message (FaltUpdater *self)
{
  return self->error_message;
}

gint64
falt_updater_get_new_version (FaltUpdater *self)
{
  return self->new_version;
}

/**
 * falt_updater_dup_last_check:
 * @self: a #FaltUpdater
 *
 * Returns: (transfer full) (nullable): when a check last succeeded
 */
GDateTime *
falt_updater_dup_last_check (FaltUpdater *self)
{
  g_autofree char *text = falt_store_get_state (self->store, "last-check");

  return text != NULL ? g_date_time_new_from_iso8601 (text, NULL) : NULL;
}

/**
 * falt_updater_is_check_due:
 * @self: a #FaltUpdater
 * @interval: how long a successful check counts
 *
 * Returns: whether a feed is configured and the last successful check is older than @interval
 */
gboolean
falt_updater_is_check_due (FaltUpdater *self, GTimeSpan interval)
{
  g_autoptr (GDateTime) last = falt_updater_dup_last_check (self);
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

  if (!falt_updater_check_url (self->feed_url, NULL))
    return FALSE;
  return last == NULL || g_date_time_difference (now, last) >= interval;
}

static void
falt_updater_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  FaltUpdater *self = FALT_UPDATER (object);

  switch (prop_id)
    {
    case PROP_STORE: g_value_set_object (value, self->store); break;
    case PROP_KEYRING: g_value_set_object (value, self->keyring); break;
    case PROP_FEED_URL: g_value_set_string (value, self->feed_url); break;
    case PROP_STAGING_DIR: g_value_set_string (value, self->staging_dir); break;
    case PROP_MINIMUM_RATE: g_value_set_uint (value, self->minimum_rate); break;
    case PROP_RATE_WINDOW: g_value_set_uint (value, self->rate_window); break;
    case PROP_STALL_TIMEOUT: g_value_set_uint (value, self->stall_timeout); break;
    case PROP_DEADLINE: g_value_set_uint (value, self->deadline); break;
    case PROP_STATE: g_value_set_enum (value, self->state); break;
    case PROP_BUSY: g_value_set_boolean (value, falt_updater_get_busy (self)); break;
    case PROP_FRACTION: g_value_set_double (value, self->fraction); break;
    case PROP_ERROR_MESSAGE: g_value_set_string (value, self->error_message); break;
    case PROP_LAST_CHECK: g_value_take_boxed (value, falt_updater_dup_last_check (self)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
falt_updater_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  FaltUpdater *self = FALT_UPDATER (object);

  switch (prop_id)
    {
    case PROP_STORE: self->store = g_value_dup_object (value); break;
    case PROP_KEYRING: self->keyring = g_value_dup_object (value); break;
    case PROP_FEED_URL: falt_updater_set_feed_url (self, g_value_get_string (value)); break;
    case PROP_STAGING_DIR: self->staging_dir = g_value_dup_string (value); break;
    case PROP_MINIMUM_RATE: self->minimum_rate = g_value_get_uint (value); break;
    case PROP_RATE_WINDOW: self->rate_window = g_value_get_uint (value); break;
    case PROP_STALL_TIMEOUT: self->stall_timeout = g_value_get_uint (value); break;
    case PROP_DEADLINE: self->deadline = g_value_get_uint (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
falt_updater_constructed (GObject *object)
{
  FaltUpdater *self = FALT_UPDATER (object);

  G_OBJECT_CLASS (falt_updater_parent_class)->constructed (object);
  if (self->keyring == NULL)
    self->keyring = falt_keyring_new ();
  if (self->staging_dir == NULL)
    self->staging_dir = g_build_filename (g_get_user_cache_dir (), "faltstod", "staging", NULL);
}

static void
falt_updater_dispose (GObject *object)
{
  FaltUpdater *self = FALT_UPDATER (object);

  falt_updater_cancel (self);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->keyring);
  G_OBJECT_CLASS (falt_updater_parent_class)->dispose (object);
}

static void
falt_updater_finalize (GObject *object)
{
  FaltUpdater *self = FALT_UPDATER (object);

  g_free (self->feed_url);
  g_free (self->staging_dir);
  g_free (self->error_message);
  G_OBJECT_CLASS (falt_updater_parent_class)->finalize (object);
}

static void
falt_updater_class_init (FaltUpdaterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags construct = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;
  GParamFlags readwrite = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags readable = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = falt_updater_get_property;
  object_class->set_property = falt_updater_set_property;
  object_class->constructed = falt_updater_constructed;
  object_class->dispose = falt_updater_dispose;
  object_class->finalize = falt_updater_finalize;

  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, FALT_TYPE_STORE, construct);
  properties[PROP_KEYRING] = g_param_spec_object ("keyring", NULL, NULL, FALT_TYPE_KEYRING, construct);
  properties[PROP_FEED_URL] = g_param_spec_string ("feed-url", NULL, NULL, "", readwrite);
  properties[PROP_STAGING_DIR] = g_param_spec_string ("staging-dir", NULL, NULL, NULL, construct);
  /* A server slower than this (bytes a second, over the window) is given up on. */
  properties[PROP_MINIMUM_RATE] = g_param_spec_uint ("minimum-rate", NULL, NULL, 0, G_MAXUINT, 1024, readwrite);
  properties[PROP_RATE_WINDOW] = g_param_spec_uint ("rate-window", NULL, NULL, 1, G_MAXUINT, 30, readwrite);
  properties[PROP_STALL_TIMEOUT] = g_param_spec_uint ("stall-timeout", NULL, NULL, 1, G_MAXUINT, 30, readwrite);
  properties[PROP_DEADLINE] = g_param_spec_uint ("deadline", NULL, NULL, 0, G_MAXUINT, 3600, readwrite);
  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, FALT_TYPE_UPDATER_STATE,
                                              FALT_UPDATER_STATE_IDLE, readable);
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE, readable);
  properties[PROP_FRACTION] = g_param_spec_double ("fraction", NULL, NULL, 0.0, 1.0, 0.0, readable);
  properties[PROP_ERROR_MESSAGE] = g_param_spec_string ("error-message", NULL, NULL, NULL, readable);
  properties[PROP_LAST_CHECK] = g_param_spec_boxed ("last-check", NULL, NULL, G_TYPE_DATE_TIME, readable);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
falt_updater_init (FaltUpdater *self)
{
  self->feed_url = g_strdup ("");
  self->minimum_rate = 1024;
  self->rate_window = 30;
  self->stall_timeout = 30;
  self->deadline = 3600;
}

/**
 * falt_updater_new:
 * @store: the store to update
 * @keyring: the keys a feed must be signed with
 * @feed_url: (nullable): the feed's address; empty for none
 *
 * Returns: (transfer full): a new #FaltUpdater
 */
FaltUpdater *
falt_updater_new (FaltStore *store, FaltKeyring *keyring, const char *feed_url)
{
  return g_object_new (FALT_TYPE_UPDATER, "store", store, "keyring", keyring, "feed-url", feed_url, NULL);
}
