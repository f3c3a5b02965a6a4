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

#include "falt-updater.h"

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

#define READ_CHUNK (64 * 1024)
#define MAX_REDIRECTS 5

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

/* What one run needs in its worker thread; the worker touches nothing else. */
typedef struct
{
  GMainContext  *context;
  FaltUpdater   *self;           /* only touched on the main context */
  FaltStore     *store;          /* only its thread-safe calls */
  FaltKeyring   *keyring;
  char          *bundle_path;    /* a bundle import, else an HTTP check */
  GStrv          bases;
  char          *etag;
  gint64         installed;
  char          *staging_dir;
  guint          minimum_rate;
  guint          rate_window;
  guint          stall_timeout;
  guint          deadline;
  gint64         started;
  SoupSession   *session;
  gint64         bytes_done;
  gint64         bytes_total;

  /* Results */
  gboolean       unchanged;
  FaltManifest  *manifest;
  char          *signature;
  char          *new_etag;
} Job;

static void
job_free (Job *job)
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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Job, job_free)

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

static void
report (Job *job, FaltUpdaterState state)
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

static char *
join_url (const char *base, const char *name)
{
  return g_str_has_suffix (base, "/") ? g_strconcat (base, name, NULL) : g_strconcat (base, "/", name, NULL);
}

/* HTTP */

static gboolean
check_time (Job *job, GError **error)
{
  if (job->deadline > 0 && g_get_monotonic_time () - job->started > (gint64) job->deadline * G_USEC_PER_SEC)
    {
      g_set_error (error, FALT_UPDATER_ERROR, FALT_UPDATER_ERROR_TOO_SLOW,
                   _("The update took longer than %u seconds: try again on a better connection"), job->deadline);
      return FALSE;
    }
  return TRUE;
}

static void
set_network_error (GError **error, const char *url, const GError *cause)
{
  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    g_set_error (error, FALT_UPDATER_ERROR, FALT_UPDATER_ERROR_TOO_SLOW,
                 _("%s stopped sending: try again later"), url);
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, cause->message);
  else
    g_set_error (error, FALT_UPDATER_ERROR, FALT_UPDATER_ERROR_NETWORK,
                 _("Could not reach %s: %s"), url, cause->message);
}

/* Sends a GET and checks where it ended up: redirects only to https (or loopback), a few. */
static GInputStream *
send_get (Job *job, SoupMessage *message, const char *url, GCancellable *cancellable, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autofree char *final_url = NULL;
  GInputStream *stream;

  stream = soup_session_send (job->session, message, cancellable, &local_error);
  if (stream == NULL)
    {
      if (g_error_matches (local_error, SOUP_SESSION_ERROR, SOUP_SESSION_ERROR_TOO_MANY_REDIRECTS))
        g_set_error (error, FALT_UPDATER_ERROR, FALT_UPDATER_ERROR_HTTP,
                     _("%s redirects too many times"), url);
      else
        set_network_error (error, url, local_error);
      return NULL;
    }
  final_url = g_uri_to_string (soup_message_get_uri (message));
  if (!falt_updater_check_url (final_url, NULL))
    {
      g_object_unref (stream);
      g_set_error (error, FALT_UPDATER_ERROR, FALT_UPDATER_ERROR_INSECURE,
                   _("%s redirects to an address that is not https:// (%s)"), url, final_url);
      return NULL;
    }
  return stream;
}

static gboolean
status_is_ok (SoupMessage *message, const char *url, GError **error)
{
  guint status = soup_message_get_status (message);

  if (status == SOUP_STATUS_OK || status == SOUP_STATUS_PARTIAL_CONTENT || status == SOUP_STATUS_NOT_MODIFIED)
    return TRUE;
  g_set_error (error, FALT_UPDATER_ERROR, FALT_UPDATER_ERROR_HTTP,
               _("%s answered “%u %s”"), url, status,
               soup_message_get_reason_phrase (message) != NULL ? soup_message_get_reason_phrase (message) : "");
  return FALSE;
}

/* Reads a small file (the manifest, its signature) whole, never more than @limit bytes. */
static GBytes *
read_limited (Job *job, GInputStream *stream, const char *url, gsize limit, GCancellable *cancellable,
              GError **error)
{
  g_autoptr (GByteArray) data = g_byte_array_new ();
  guint8 buffer[READ_CHUNK];
  gssize got;
  g_autoptr (GError) local_error = NULL;

  while ((got = g_input_stream_read (stream, buffer, sizeof buffer, cancellable, &local_error)) > 0)
    {
      if (data->len + (gsize) got > limit)
        {
          g_set_error (error, FALT_UPDATER_ERROR, FALT_UPDATER_ERROR_TOO_LARGE,
                       _("%s is larger than a feed allows"), url);
          return NULL;
        }
      g_byte_array_append (data, buffer, got);
      if (!check_time (job, error))
        return NULL;
    }
  if (got < 0)
    {
      set_network_error (error, url, local_error);
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

static GBytes *
fetch_small (Job *job, const char *base, const char *name, gsize limit, const char *etag,
             gboolean *not_modified, char **etag_out, GCancellable *cancellable, GError **error)
{
  g_autofree char *url = join_url (base, name);
  g_autoptr (SoupMessage) message = soup_message_new ("GET", url);
  g_autoptr (GInputStream) stream = NULL;
  SoupMessageHeaders *headers;
  goffset length;

  if (message == NULL)
    {
      g_set_error (error, FALT_UPDATER_ERROR, FALT_UPDATER_ERROR_INSECURE, _("“%s” is not a web address"), url);
      return NULL;
    }
  if (etag != NULL)
    soup_message_headers_append (soup_message_get_request_headers (message), "If-None-Match", etag);
  if ((stream = send_get (job, message, url, cancellable, error)) == NULL || !status_is_ok (message, url, error))
    return NULL;
  headers = soup_message_get_response_headers (message);
  if (soup_message_get_status (message) == SOUP_STATUS_NOT_MODIFIED)
    {
      *not_modified = TRUE;
      return g_bytes_new (NULL, 0);
    }
  length = soup_message_headers_get_content_length (headers);
  if (length > 0 && (guint64) length > limit)
    {
      g_set_error (error, FALT_UPDATER_ERROR, FALT_UPDATER_ERROR_TOO_LARGE,
                   _("%s is larger than a feed allows"), url);
      return NULL;
    }
  if (etag_out != NULL)
    *etag_out = g_strdup (soup_message_headers_get_one (headers, "ETag"));
  return read_limited (job, stream, url, limit, cancellable, error);
}

/* Tries each base address in turn: the configured feed, then its mirrors. A refusal that is
 * about the content (a bad signature) is not retried elsewhere; a server failure is. */
static gboolean
fetch_manifest (Job *job, GCancellable *cancellable, GError **error)
{
  g_autoptr (GError) first_error = NULL;

  for (guint i = 0; job->bases[i] != NULL; i++)
    {
      g_autoptr (GError) local_error = NULL;
      g_autoptr (GBytes) manifest = NULL;
      g_autoptr (GBytes) signature = NULL;
      g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
      g_autofree char *new_etag = NULL;
      gboolean not_modified = FALSE;

      manifest = fetch_small (job, job->bases[i], FALT_FEED_MANIFEST, FALT_FEED_MAX_MANIFEST_SIZE,
                              i == 0 ? job->etag : NULL, &not_modified, &new_etag, cancellable, &local_error);
      if (manifest != NULL && not_modified)
        {
          job->unchanged = TRUE;
          return TRUE;
        }
      if (manifest != NULL)
        signature = fetch_small (job, job->bases[i], FALT_FEED_SIGNATURE, FALT_FEED_MAX_SIGNATURE_SIZE, NULL,
                                 &not_modified, NULL, cancellable, &local_error);
      if (signature != NULL)
        {
          g_autofree char *text = g_strndup (g_bytes_get_data (signature, NULL), g_bytes_get_size (signature));

          job->manifest = falt_feed_verify_manifest (manifest, text, job->keyring, now, error);
          job->signature = g_steal_pointer (&text);
          job->new_etag = i == 0 ? g_steal_pointer (&new_etag) : NULL;
          return job->manifest != NULL;
        }
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_debug ("Manifest from %s failed: %s", job->bases[i], local_error->message);
      if (first_error == NULL)
        first_error = g_steal_pointer (&local_error);
    }
  g_propagate_error (error, g_steal_pointer (&first_error));
  return FALSE;
}

/* Staging: blobs/<sha256> complete and checked, blobs/<sha256>.part being downloaded. */

static char *
staged_path (Job *job, const FaltManifestBlob *blob, gboolean part)
{
  g_autofree char *name = g_strconcat (blob->sha256, part ? ".part" : "", NULL);

  return g_build_filename (job->staging_dir, FALT_FEED_BLOBS, name, NULL);
}

static gboolean
io_failure (GError **error, const char *path, int saved_errno)
{
  g_set_error (error, FALT_UPDATER_ERROR, FALT_UPDATER_ERROR_IO,
               _("Could not save the download in %s: %s"), path, g_strerror (saved_errno));
  return FALSE;
}

/* Reads what an earlier attempt left in the .part file, so the download resumes after it. */
static gint64
resume_part (const char *part, GChecksum *checksum, gint64 size)
{
  g_autoptr (GBytes) data = falt_feed_read_file (part, size, NULL);

  if (data == NULL || g_bytes_get_size (data) == 0 || (gint64) g_bytes_get_size (data) >= size)
    {
      g_unlink (part);
      return 0;
    }
  g_checksum_update (checksum, g_bytes_get_data (data, NULL), g_bytes_get_size (data));
  return g_bytes_get_size (data);
}

static gboolean
write_all (int fd, const guint8 *data, gsize length)
{
  while (length > 0)
    {
      gssize written = write (fd, data, length);

      if (written < 0 && errno == EINTR)
        continue;
      if (written <= 0)
        return FALSE;
      data += written;
      length -= written;
    }
  return TRUE;
}

typedef struct
{
  gint64 window_start;
  gint64 window_bytes;
} Rate;

/* A server that trickles (a few bytes a second, forever) is as bad as one that stops. */
static gboolean
check_rate (Job *job, Rate *rate, gssize got, const char *url, GError **error)
{
  gint64 now = g_get_monotonic_time ();

  rate->window_bytes += got;
  if (job->minimum_rate > 0 && now - rate->window_start >= (gint64) job->rate_window * G_USEC_PER_SEC)
    {
      double seconds = (double) (now - rate->window_start) / G_USEC_PER_SEC;

      if (rate->window_bytes < job->minimum_rate * seconds)
        {
          g_set_error (error, FALT_UPDATER_ERROR, FALT_UPDATER_ERROR_TOO_SLOW,
                       _("%s sends too slowly (%.0f bytes a second): try again on a better connection"),
                       url, rate->window_bytes / seconds);
          return FALSE;
        }
      rate->window_start = now;
      rate->window_bytes = 0;
    }
  return check_time (job, error);
}

/* Streams the body into fd, hashing, never past the blob's announced size. */
static gboolean
stream_body (Job *job, GInputStream *stream, int fd, GChecksum *checksum, gint64 *have,
             const FaltManifestBlob *blob, const char *url, GCancellable *cancellable, GError **error)
{
  g_autofree guint8 *buffer = g_malloc (READ_CHUNK);
  g_autoptr (GError) local_error = NULL;
  Rate rate = { g_get_monotonic_time (), 0 };
  gssize got;

  while ((got = g_input_stream_read (stream, buffer, READ_CHUNK, cancellable, &local_error)) > 0)
    {
      if (*have + got > blob->size)
        {
          g_set_error (error, FALT_UPDATER_ERROR, FALT_UPDATER_ERROR_TOO_LARGE,
                       _("%s sends more than the %lld bytes its manifest announces"), url, (long long) blob->size);
          return FALSE;
        }
      if (!write_all (fd, buffer, got))
        return io_failure (error, url, errno);
      g_checksum_update (checksum, buffer, got);
      *have += got;
      job->bytes_done += got;
      report (job, FALT_UPDATER_STATE_DOWNLOADING);
      if (!check_rate (job, &rate, got, url, error))
        return FALSE;
    }
  if (got < 0)
    {
      set_network_error (error, url, local_error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
start_request (Job *job, SoupMessage *message, gint64 have)
{
  if (have > 0)
    soup_message_headers_set_range (soup_message_get_request_headers (message), have, -1);
  return TRUE;
}

/* Where the response body starts, or -1: a 206 must continue exactly where the part ends. */
static gint64
response_offset (SoupMessage *message, gint64 have)
{
  goffset start = 0, end = 0, total = 0;

  if (soup_message_get_status (message) == SOUP_STATUS_OK)
    return 0;
  if (soup_message_get_status (message) == SOUP_STATUS_PARTIAL_CONTENT
      && soup_message_headers_get_content_range (soup_message_get_response_headers (message), &start, &end, &total)
      && start == have)
    return have;
  return -1;
}

static gboolean
download_blob_from (Job *job, const char *base, const FaltManifestBlob *blob, GCancellable *cancellable,
                    GError **error)
{
  g_autofree char *name = g_build_filename (FALT_FEED_BLOBS, blob->sha256, NULL);
  g_autofree char *url = join_url (base, name);
  g_autofree char *part = staged_path (job, blob, TRUE);
  g_autofree char *final = staged_path (job, blob, FALSE);
  g_autoptr (GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr (SoupMessage) message = soup_message_new ("GET", url);
  g_autoptr (GInputStream) stream = NULL;
  gint64 have = resume_part (part, checksum, blob->size);
  gint64 offset;
  gboolean ok;
  int fd;

  job->bytes_done += have;
  start_request (job, message, have);
  if ((stream = send_get (job, message, url, cancellable, error)) == NULL || !status_is_ok (message, url, error))
    return FALSE;
  if ((offset = response_offset (message, have)) < 0)
    {
      g_set_error (error, FALT_UPDATER_ERROR, FALT_UPDATER_ERROR_HTTP, _("%s sent an unexpected part of the file"), url);
      return FALSE;
    }
  if (offset == 0 && have > 0)
    {
      /* The server sent the whole file again: start over. */
      job->bytes_done -= have;
      have = 0;
      g_checksum_reset (checksum);
    }
  fd = open (part, O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC | (have > 0 ? O_APPEND : O_TRUNC), 0600);
  if (fd < 0)
    return io_failure (error, part, errno);
  /* No fsync: a staged blob is a cache, checked against its signed hash again whenever it is
   * used (blob_is_staged(), the store's import), so one a power cut damaged is fetched again;
   * syncing each one cost more than the download itself (tests/bench/sync). */
  ok = stream_body (job, stream, fd, checksum, &have, blob, url, cancellable, error);
  close (fd);
  if (!ok)
    return FALSE;
  if (have != blob->size || strcmp (g_checksum_get_string (checksum), blob->sha256) != 0)
    {
      /* Not worth resuming: the bytes are wrong, not missing. */
      g_unlink (part);
      g_set_error (error, FALT_FEED_ERROR, have < blob->size ? FALT_FEED_ERROR_TRUNCATED : FALT_FEED_ERROR_TAMPERED,
                   have < blob->size ? _("%s was cut short: try again") : _("%s does not match its signed hash: the feed was changed"),
                   url);
      return FALSE;
    }
  if (g_rename (part, final) != 0)
    return io_failure (error, final, errno);
  return TRUE;
}

static gboolean
blob_is_staged (Job *job, const FaltManifestBlob *blob)
{
  g_autoptr (GBytes) data = falt_feed_read_blob (job->staging_dir, blob, NULL);

  return data != NULL;
}

static gboolean
download_blob (Job *job, const FaltManifestBlob *blob, GStrv bases, GCancellable *cancellable, GError **error)
{
  g_autoptr (GError) first_error = NULL;

  if (blob_is_staged (job, blob))
    {
      job->bytes_done += blob->size;
      return TRUE;
    }
  for (guint i = 0; bases[i] != NULL; i++)
    {
      g_autoptr (GError) local_error = NULL;
      gint64 before = job->bytes_done;

      if (download_blob_from (job, bases[i], blob, cancellable, &local_error))
        return TRUE;
      job->bytes_done = before;
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_debug ("Blob %s from %s failed: %s", blob->sha256, bases[i], local_error->message);
      if (first_error == NULL)
        first_error = g_steal_pointer (&local_error);
    }
  g_propagate_error (error, g_steal_pointer (&first_error));
  return FALSE;
}

/* Removes staged files of earlier runs that this update does not need. */
static void
clean_staging (Job *job, GPtrArray *missing)
{
  g_autofree char *blobs_dir = g_build_filename (job->staging_dir, FALT_FEED_BLOBS, NULL);
  g_autoptr (GHashTable) keep = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GDir) dir = g_dir_open (blobs_dir, 0, NULL);
  const char *name;

  for (guint i = 0; i < missing->len; i++)
    g_hash_table_add (keep, ((FaltManifestBlob *) missing->pdata[i])->sha256);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *sha = g_strndup (name, 64);

      if (!g_hash_table_contains (keep, sha))
        {
          g_autofree char *path = g_build_filename (blobs_dir, name, NULL);

          g_unlink (path);
        }
    }
}

static GStrv
blob_bases (Job *job)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  const char * const *mirrors = falt_manifest_get_mirrors (job->manifest);

  g_strv_builder_add (builder, job->bases[0]);
  for (guint i = 0; mirrors != NULL && mirrors[i] != NULL; i++)
    if (g_strcmp0 (mirrors[i], job->bases[0]) != 0 && falt_updater_check_url (mirrors[i], NULL))
      g_strv_builder_add (builder, mirrors[i]);
  return g_strv_builder_end (builder);
}

static gboolean
download_missing (Job *job, GCancellable *cancellable, GError **error)
{
  g_autoptr (GPtrArray) missing = falt_store_list_missing_blobs (job->store, job->manifest, error);
  g_autofree char *blobs_dir = g_build_filename (job->staging_dir, FALT_FEED_BLOBS, NULL);
  g_auto (GStrv) bases = NULL;

  if (missing == NULL)
    return FALSE;
  if (g_mkdir_with_parents (blobs_dir, 0700) != 0)
    return io_failure (error, blobs_dir, errno);
  clean_staging (job, missing);
  bases = blob_bases (job);
  for (guint i = 0; i < missing->len; i++)
    job->bytes_total += ((FaltManifestBlob *) missing->pdata[i])->size;
  report (job, FALT_UPDATER_STATE_DOWNLOADING);
  for (guint i = 0; i < missing->len; i++)
    if (!download_blob (job, missing->pdata[i], bases, cancellable, error))
      return FALSE;
  return TRUE;
}

static gboolean
is_news (Job *job, GError **error)
{
  gint64 version = falt_manifest_get_version (job->manifest);

  if (version == job->installed)
    {
      job->unchanged = TRUE;
      return TRUE;
    }
  return falt_store_check_newer (job->installed, job->manifest, error);
}

static void
check_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;

  job->session = soup_session_new_with_options ("timeout", job->stall_timeout,
                                                "user-agent", "Faltstod/" PACKAGE_VERSION " ",
                                                "max-conns-per-host", 2, NULL);
  report (job, FALT_UPDATER_STATE_CHECKING);
  if (fetch_manifest (job, cancellable, &error) &&
      (job->unchanged || (is_news (job, &error) && (job->unchanged || download_missing (job, cancellable, &error)))))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
bundle_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  Job *job = task_data;
  g_autofree char *blobs_dir = g_build_filename (job->staging_dir, FALT_FEED_BLOBS, NULL);
  g_autoptr (GPtrArray) missing = NULL;
  g_autoptr (GHashTable) wanted = g_hash_table_new (g_str_hash, g_str_equal);
  GError *error = NULL;

  report (job, FALT_UPDATER_STATE_CHECKING);
  job->manifest = falt_feed_read_bundle_manifest (job->bundle_path, job->keyring, &job->signature, &error);
  if (job->manifest == NULL || !falt_store_check_newer (job->installed, job->manifest, &error) ||
      (missing = falt_store_list_missing_blobs (job->store, job->manifest, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  for (guint i = 0; i < missing->len; i++)
    g_hash_table_add (wanted, ((FaltManifestBlob *) missing->pdata[i])->sha256);
  report (job, FALT_UPDATER_STATE_DOWNLOADING);
  if (falt_feed_extract_bundle_blobs (job->bundle_path, job->manifest, wanted, blobs_dir, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
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
  Job *job = g_task_get_task_data (task);

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
  Job *job = g_task_get_task_data (task);

  self->new_version = falt_manifest_get_version (job->manifest);
  finish_job (self, task, NULL, FALT_UPDATER_STATE_UPDATED);
}

static void
import_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  FaltUpdater *self = g_task_get_source_object (task);
  Job *job = g_task_get_task_data (task);
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
  Job *job = g_task_get_task_data (task);
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

static GStrv
manifest_bases (FaltUpdater *self)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr (FaltManifest) installed = falt_store_dup_manifest (self->store, NULL, NULL);
  const char * const *mirrors = installed != NULL ? falt_manifest_get_mirrors (installed) : NULL;

  g_strv_builder_add (builder, self->feed_url);
  for (guint i = 0; mirrors != NULL && mirrors[i] != NULL; i++)
    if (g_strcmp0 (mirrors[i], self->feed_url) != 0 && falt_updater_check_url (mirrors[i], NULL))
      g_strv_builder_add (builder, mirrors[i]);
  return g_strv_builder_end (builder);
}

static GTask *
start_job (FaltUpdater *self, const char *bundle_path, GCancellable *cancellable, GAsyncReadyCallback callback,
           gpointer user_data, GError **error)
{
  GTask *task = g_task_new (self, NULL, callback, user_data);
  Job *job;

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

  job = g_new0 (Job, 1);
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
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);

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
  run_job (task, check_thread);
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
  run_job (task, bundle_thread);
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
