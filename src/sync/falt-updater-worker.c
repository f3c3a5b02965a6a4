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

#include "feed/falt-sha256.h"
#include "falt-updater-job.h"

/* The updater's worker thread: everything a run does off the main context. It fetches the
 * manifest and its signature, verifies them, and streams the blobs the store lacks into the
 * staging folder (resumed, hashed, limited); or it reads a bundle. It touches only its job. */

#define READ_CHUNK (64 * 1024)

static char *
join_url (const char *base, const char *name)
{
  return g_str_has_suffix (base, "/") ? g_strconcat (base, name, NULL) : g_strconcat (base, "/", name, NULL);
}

/* HTTP */

static gboolean
check_time (FaltUpdaterJob *job, GError **error)
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
send_get (FaltUpdaterJob *job, SoupMessage *message, const char *url, GCancellable *cancellable, GError **error)
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
read_limited (FaltUpdaterJob *job, GInputStream *stream, const char *url, gsize limit, GCancellable *cancellable,
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
fetch_small (FaltUpdaterJob *job, const char *base, const char *name, gsize limit, const char *etag,
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
fetch_manifest (FaltUpdaterJob *job, GCancellable *cancellable, GError **error)
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
staged_path (FaltUpdaterJob *job, const FaltManifestBlob *blob, gboolean part)
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
resume_part (const char *part, FaltSha256 *checksum, gint64 size)
{
  g_autoptr (GBytes) data = falt_feed_read_file (part, size, NULL);

  if (data == NULL || g_bytes_get_size (data) == 0 || (gint64) g_bytes_get_size (data) >= size)
    {
      g_unlink (part);
      return 0;
    }
  falt_sha256_update (checksum, g_bytes_get_data (data, NULL), g_bytes_get_size (data));
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
check_rate (FaltUpdaterJob *job, Rate *rate, gssize got, const char *url, GError **error)
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
stream_body (FaltUpdaterJob *job, GInputStream *stream, int fd, FaltSha256 *checksum, gint64 *have,
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
      falt_sha256_update (checksum, buffer, got);
      *have += got;
      job->bytes_done += got;
      falt_updater_job_report (job, FALT_UPDATER_STATE_DOWNLOADING);
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
start_request (FaltUpdaterJob *job, SoupMessage *message, gint64 have)
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
download_blob_from (FaltUpdaterJob *job, const char *base, const FaltManifestBlob *blob, GCancellable *cancellable,
                    GError **error)
{
  g_autofree char *name = g_build_filename (FALT_FEED_BLOBS, blob->sha256, NULL);
  g_autofree char *url = join_url (base, name);
  g_autofree char *part = staged_path (job, blob, TRUE);
  g_autofree char *final = staged_path (job, blob, FALSE);
  g_autoptr (FaltSha256) checksum = falt_sha256_new ();
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
      falt_sha256_reset (checksum);
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
  g_autofree char *hash = falt_sha256_dup_hex (checksum);

  if (have != blob->size || strcmp (hash, blob->sha256) != 0)
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
blob_is_staged (FaltUpdaterJob *job, const FaltManifestBlob *blob)
{
  g_autoptr (GBytes) data = falt_feed_read_blob (job->staging_dir, blob, NULL);

  return data != NULL;
}

static gboolean
download_blob (FaltUpdaterJob *job, const FaltManifestBlob *blob, GStrv bases, GCancellable *cancellable, GError **error)
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
clean_staging (FaltUpdaterJob *job, GPtrArray *missing)
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

static gboolean
download_missing (FaltUpdaterJob *job, GCancellable *cancellable, GError **error)
{
  g_autoptr (GPtrArray) missing = falt_store_list_missing_blobs (job->store, job->manifest, error);
  g_autofree char *blobs_dir = g_build_filename (job->staging_dir, FALT_FEED_BLOBS, NULL);
  g_auto (GStrv) bases = NULL;

  if (missing == NULL)
    return FALSE;
  if (g_mkdir_with_parents (blobs_dir, 0700) != 0)
    return io_failure (error, blobs_dir, errno);
  clean_staging (job, missing);
  /* Blobs: from the configured address, then the new manifest's mirrors. */
  bases = falt_updater_list_bases (job->bases[0], falt_manifest_get_mirrors (job->manifest));
  for (guint i = 0; i < missing->len; i++)
    job->bytes_total += ((FaltManifestBlob *) missing->pdata[i])->size;
  falt_updater_job_report (job, FALT_UPDATER_STATE_DOWNLOADING);
  for (guint i = 0; i < missing->len; i++)
    if (!download_blob (job, missing->pdata[i], bases, cancellable, error))
      return FALSE;
  return TRUE;
}

static gboolean
is_news (FaltUpdaterJob *job, GError **error)
{
  gint64 version = falt_manifest_get_version (job->manifest);

  if (version == job->installed)
    {
      job->unchanged = TRUE;
      return TRUE;
    }
  return falt_store_check_newer (job->installed, job->manifest, error);
}

void
falt_updater_check_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  FaltUpdaterJob *job = task_data;
  GError *error = NULL;

  job->session = soup_session_new_with_options ("timeout", job->stall_timeout,
                                                "user-agent", "Faltstod/" PACKAGE_VERSION " ",
                                                "max-conns-per-host", 2, NULL);
  falt_updater_job_report (job, FALT_UPDATER_STATE_CHECKING);
  if (fetch_manifest (job, cancellable, &error) &&
      (job->unchanged || (is_news (job, &error) && (job->unchanged || download_missing (job, cancellable, &error)))))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
falt_updater_bundle_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  FaltUpdaterJob *job = task_data;
  g_autofree char *blobs_dir = g_build_filename (job->staging_dir, FALT_FEED_BLOBS, NULL);
  g_autoptr (GPtrArray) missing = NULL;
  g_autoptr (GHashTable) wanted = g_hash_table_new (g_str_hash, g_str_equal);
  GError *error = NULL;

  falt_updater_job_report (job, FALT_UPDATER_STATE_CHECKING);
  job->manifest = falt_feed_read_bundle_manifest (job->bundle_path, job->keyring, &job->signature, &error);
  if (job->manifest == NULL || !falt_store_check_newer (job->installed, job->manifest, &error) ||
      (missing = falt_store_list_missing_blobs (job->store, job->manifest, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  for (guint i = 0; i < missing->len; i++)
    g_hash_table_add (wanted, ((FaltManifestBlob *) missing->pdata[i])->sha256);
  falt_updater_job_report (job, FALT_UPDATER_STATE_DOWNLOADING);
  if (falt_feed_extract_bundle_blobs (job->bundle_path, job->manifest, wanted, blobs_dir, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

