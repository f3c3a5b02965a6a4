/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-feed"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <poppler.h>

#include "falt-feed.h"
#include "falt-sha256.h"

/* poppler-glib 22.12 declares no autoptr cleanups. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)

G_DEFINE_QUARK (falt-feed-error-quark, falt_feed_error)

/**
 * falt_feed_read_file:
 * @path: a file
 * @limit: the most bytes it may hold
 * @error: return location for a #GError in %FALT_FEED_ERROR
 *
 * Reads a regular file of at most @limit bytes. A FIFO, a device (say, a link to /dev/zero) or a
 * folder is refused without reading from it, so a hostile feed can neither hang the reader nor
 * fill its memory.
 *
 * Returns: (transfer full): the contents, or %NULL with %FALT_FEED_ERROR_TRUNCATED (missing),
 *   %FALT_FEED_ERROR_TOO_LARGE or %FALT_FEED_ERROR_IO
 */
GBytes *
falt_feed_read_file (const char *path, gsize limit, GError **error)
{
  g_autofree char *name = g_filename_display_name (path);
  g_autofree guint8 *data = NULL;
  struct stat info;
  gsize length = 0;
  int fd;

  /* O_NONBLOCK: opening a FIFO with no writer must not wait for one. */
  fd = open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, FALT_FEED_ERROR, saved == ENOENT ? FALT_FEED_ERROR_TRUNCATED : FALT_FEED_ERROR_IO,
                   saved == ENOENT ? _("%s is missing") : _("Could not read %s: %s"), name, g_strerror (saved));
      return NULL;
    }
  if (fstat (fd, &info) != 0 || !S_ISREG (info.st_mode))
    {
      close (fd);
      g_set_error (error, FALT_FEED_ERROR, FALT_FEED_ERROR_IO, _("%s is not a regular file"), name);
      return NULL;
    }
  if ((guint64) info.st_size > limit)
    {
      close (fd);
      g_set_error (error, FALT_FEED_ERROR, FALT_FEED_ERROR_TOO_LARGE,
                   _("%s is larger than a feed allows"), name);
      return NULL;
    }
  /* One byte more than the limit tells a file that grew while being read. */
  data = g_malloc (MAX (info.st_size, 0) + 1);
  while (length <= (gsize) info.st_size)
    {
      gssize got = read (fd, data + length, (gsize) info.st_size + 1 - length);

      if (got < 0 && (errno == EINTR || errno == EAGAIN))
        continue;
      if (got < 0)
        {
          int saved = errno;

          close (fd);
          g_set_error (error, FALT_FEED_ERROR, FALT_FEED_ERROR_IO, _("Could not read %s: %s"), name,
                       g_strerror (saved));
          return NULL;
        }
      if (got == 0)
        break;
      length += got;
    }
  close (fd);
  if (length > (gsize) info.st_size)
    {
      g_set_error (error, FALT_FEED_ERROR, FALT_FEED_ERROR_IO, _("%s changed while it was read"), name);
      return NULL;
    }
  return g_bytes_new_take (g_steal_pointer (&data), length);
}

/**
 * falt_feed_verify_manifest:
 * @manifest_bytes: the bytes of a manifest.json
 * @signature_text: (nullable): its manifest.json.minisig
 * @keyring: (nullable): the keys to trust; %NULL only for the feed installed with the app, which
 *   is trusted by its place (the package put it there) and needs no signature
 * @now: (nullable): the time to check the expiry against; %NULL not to check it
 * @error: return location for a #GError in %FALT_FEED_ERROR
 *
 * The one door into a feed: the signature first, then the manifest through the one validator.
 *
 * Returns: (transfer full): the verified manifest, or %NULL
 */
FaltManifest *
falt_feed_verify_manifest (GBytes *manifest_bytes, const char *signature_text, FaltKeyring *keyring,
                           GDateTime *now, GError **error)
{
  g_autoptr (FaltManifest) manifest = NULL;

  g_return_val_if_fail (manifest_bytes != NULL, NULL);

  if (keyring != NULL && signature_text == NULL)
    {
      g_set_error (error, FALT_FEED_ERROR, FALT_FEED_ERROR_SIGNATURE,
                   _("The feed is not signed: %s is missing"), FALT_FEED_SIGNATURE);
      return NULL;
    }
  if (keyring != NULL && !falt_keyring_verify (keyring, manifest_bytes, signature_text, error))
    return NULL;
  if ((manifest = falt_manifest_new_from_bytes (manifest_bytes, error)) == NULL)
    return NULL;
  if (now != NULL && !falt_manifest_check_expiry (manifest, now, error))
    return NULL;
  return g_steal_pointer (&manifest);
}

static char *
read_signature (const char *feed_dir, GError **error)
{
  g_autofree char *path = g_build_filename (feed_dir, FALT_FEED_SIGNATURE, NULL);
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) local_error = NULL;

  bytes = falt_feed_read_file (path, FALT_FEED_MAX_SIGNATURE_SIZE, &local_error);
  if (bytes == NULL && g_error_matches (local_error, FALT_FEED_ERROR, FALT_FEED_ERROR_TRUNCATED))
    return NULL;  /* unsigned: the caller decides whether that is allowed */
  if (bytes == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/**
 * falt_feed_load_dir:
 * @feed_dir: a feed folder: manifest.json, manifest.json.minisig, blobs/
 * @keyring: (nullable): the keys to trust; %NULL for the feed installed with the app (no
 *   signature needed, no expiry checked: it is part of the installation)
 * @signature_out: (out) (optional) (nullable): the signature's text, when there is one
 * @error: return location for a #GError in %FALT_FEED_ERROR
 *
 * Verifies the folder's manifest (not its blobs: falt_feed_check_blobs(), or the store as it
 * imports them).
 *
 * Returns: (transfer full): the verified manifest, or %NULL
 */
FaltManifest *
falt_feed_load_dir (const char *feed_dir, FaltKeyring *keyring, char **signature_out, GError **error)
{
  g_autofree char *manifest_path = g_build_filename (feed_dir, FALT_FEED_MANIFEST, NULL);
  g_autoptr (GBytes) manifest_bytes = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GError) local_error = NULL;
  g_autofree char *signature = NULL;
  FaltManifest *manifest;

  g_return_val_if_fail (feed_dir != NULL, NULL);

  manifest_bytes = falt_feed_read_file (manifest_path, FALT_FEED_MAX_MANIFEST_SIZE, error);
  if (manifest_bytes == NULL)
    return NULL;
  signature = read_signature (feed_dir, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  manifest = falt_feed_verify_manifest (manifest_bytes, signature, keyring, keyring != NULL ? now : NULL, error);
  if (manifest != NULL && signature_out != NULL)
    *signature_out = g_steal_pointer (&signature);
  return manifest;
}

static gboolean
check_pdf (const char *sha256, GBytes *data, GError **error)
{
  g_autoptr (GError) pdf_error = NULL;
  g_autoptr (PopplerDocument) document = poppler_document_new_from_bytes (data, NULL, &pdf_error);

  if (document != NULL)
    return TRUE;
  if (g_error_matches (pdf_error, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
    g_set_error (error, FALT_FEED_ERROR, FALT_FEED_ERROR_LOCKED,
                 _("%s/%s is a PDF locked with a password: publish it without one"), FALT_FEED_BLOBS, sha256);
  else
    g_set_error (error, FALT_FEED_ERROR, FALT_FEED_ERROR_BAD_CONTENT,
                 _("%s/%s is not a PDF that can be opened (damaged or not a PDF)"), FALT_FEED_BLOBS, sha256);
  return FALSE;
}

/**
 * falt_feed_check_blob_content:
 * @sha256: the blob's name, for messages
 * @kinds: the #FaltManifestKind of every document using it, or-ed
 * @data: its bytes
 * @error: return location for a #GError: %FALT_FEED_ERROR_NOT_TEXT for an article's blob,
 *   %FALT_FEED_ERROR_BAD_CONTENT or %FALT_FEED_ERROR_LOCKED for a PDF's
 *
 * Checks what each kind of document needs of its blob, whatever stored it first: an article's
 * is UTF-8 text without NUL bytes, a PDF's opens in poppler without a password, exactly as the
 * app will open it.
 */
gboolean
falt_feed_check_blob_content (const char *sha256, guint kinds, GBytes *data, GError **error)
{
  gsize length = 0;
  const char *bytes = g_bytes_get_data (data, &length);

  if ((kinds & FALT_MANIFEST_KIND_ARTICLE)
      && (!g_utf8_validate_len (bytes, length, NULL) || memchr (bytes, '\0', length) != NULL))
    {
      g_set_error (error, FALT_FEED_ERROR, FALT_FEED_ERROR_NOT_TEXT,
                   _("%s/%s is used by an article but is not UTF-8 text"), FALT_FEED_BLOBS, sha256);
      return FALSE;
    }
  return (kinds & FALT_MANIFEST_KIND_PDF) == 0 || check_pdf (sha256, data, error);
}

/**
 * falt_feed_check_blob:
 * @blob: the manifest's entry for it
 * @data: its bytes
 * @error: return location for a #GError in %FALT_FEED_ERROR
 *
 * Returns: whether @data has the blob's size and SHA-256 and suits its documents' kinds
 */
gboolean
falt_feed_check_blob (const FaltManifestBlob *blob, GBytes *data, GError **error)
{
  g_autofree char *hash = NULL;
  gint64 size = g_bytes_get_size (data);

  if (size != blob->size)
    {
      g_set_error (error, FALT_FEED_ERROR, size < blob->size ? FALT_FEED_ERROR_TRUNCATED : FALT_FEED_ERROR_TAMPERED,
                   size < blob->size ? _("The feed is incomplete: %s/%s is cut short")
                                     : _("The feed was changed: %s/%s is larger than signed"),
                   FALT_FEED_BLOBS, blob->sha256);
      return FALSE;
    }
  hash = falt_sha256_hex_for_bytes (data);
  if (strcmp (hash, blob->sha256) != 0)
    {
      g_set_error (error, FALT_FEED_ERROR, FALT_FEED_ERROR_TAMPERED,
                   _("The feed was changed: %s/%s does not match its hash"), FALT_FEED_BLOBS, blob->sha256);
      return FALSE;
    }
  return falt_feed_check_blob_content (blob->sha256, blob->kinds, data, error);
}

/**
 * falt_feed_read_blob:
 * @feed_dir: a feed folder (or a staging folder laid out like one)
 * @blob: the manifest's entry for the blob
 * @error: return location for a #GError in %FALT_FEED_ERROR
 *
 * Returns: (transfer full): the blob's bytes, checked with falt_feed_check_blob(), or %NULL
 */
GBytes *
falt_feed_read_blob (const char *feed_dir, const FaltManifestBlob *blob, GError **error)
{
  g_autofree char *path = g_build_filename (feed_dir, FALT_FEED_BLOBS, blob->sha256, NULL);
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GBytes) data = NULL;

  data = falt_feed_read_file (path, blob->size, &local_error);
  if (g_error_matches (local_error, FALT_FEED_ERROR, FALT_FEED_ERROR_TRUNCATED))
    {
      g_set_error (error, FALT_FEED_ERROR, FALT_FEED_ERROR_TRUNCATED,
                   _("The feed is incomplete: %s/%s is missing"), FALT_FEED_BLOBS, blob->sha256);
      return NULL;
    }
  if (g_error_matches (local_error, FALT_FEED_ERROR, FALT_FEED_ERROR_TOO_LARGE))
    {
      g_set_error (error, FALT_FEED_ERROR, FALT_FEED_ERROR_TAMPERED,
                   _("The feed was changed: %s/%s is larger than signed"), FALT_FEED_BLOBS, blob->sha256);
      return NULL;
    }
  if (data == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (!falt_feed_check_blob (blob, data, error))
    return NULL;
  return g_steal_pointer (&data);
}

/**
 * falt_feed_check_blobs:
 * @feed_dir: a feed folder
 * @manifest: its verified manifest
 * @error: return location for a #GError
 *
 * Checks every blob the manifest names: there, of the right size and SHA-256, and of the
 * content its documents need.
 */
gboolean
falt_feed_check_blobs (const char *feed_dir, FaltManifest *manifest, GError **error)
{
  GPtrArray *blobs = falt_manifest_get_blobs (manifest);

  for (guint i = 0; i < blobs->len; i++)
    {
      g_autoptr (GBytes) data = falt_feed_read_blob (feed_dir, blobs->pdata[i], error);

      if (data == NULL)
        return FALSE;
    }
  return TRUE;
}

/* Finds "version": N among the manifest's top-level scalars, which come before its first
 * nested object or list (falt-feed-writer.c writes them first). */
static gint64
read_leading_version (const char *head)
{
  g_autoptr (GRegex) pattern = NULL;
  g_autoptr (GMatchInfo) match = NULL;
  g_autofree char *top = NULL;
  g_autofree char *number = NULL;
  const char *nested;

  nested = strpbrk (head + 1, "{[");
  if (head[strspn (head, " \t\r\n")] != '{' || nested == NULL)
    return 0;
  top = g_strndup (head, nested - head);
  pattern = g_regex_new ("\"version\"\\s*:\\s*([0-9]{1,15})\\s*[,}]", 0, 0, NULL);
  if (!g_regex_match (pattern, top, 0, &match))
    return 0;
  number = g_match_info_fetch (match, 1);
  return g_ascii_strtoll (number, NULL, 10);
}

/**
 * falt_feed_peek_version:
 * @feed_dir: a feed folder, such as the one installed with the app
 *
 * Reads the version of the feed's manifest without verifying the feed: called at every start
 * to see whether the installed feed is newer than the store's content, so it reads only the
 * manifest's head (start-up does not grow with the content), else the whole manifest.
 *
 * Returns: the version, or 0 when the manifest is missing or invalid
 */
gint64
falt_feed_peek_version (const char *feed_dir)
{
  g_autofree char *path = g_build_filename (feed_dir, FALT_FEED_MANIFEST, NULL);
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (FaltManifest) manifest = NULL;
  char head[1024];
  gssize length = -1;
  gint64 version = 0;
  int fd;

  fd = open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd >= 0)
    {
      struct stat info;

      if (fstat (fd, &info) == 0 && S_ISREG (info.st_mode))
        length = read (fd, head, sizeof head - 1);
      close (fd);
    }
  if (length <= 0)
    return 0;
  head[length] = '\0';
  if ((version = read_leading_version (head)) > 0)
    return version;

  bytes = falt_feed_read_file (path, FALT_FEED_MAX_MANIFEST_SIZE, NULL);
  manifest = bytes != NULL ? falt_manifest_new_from_bytes (bytes, NULL) : NULL;
  return manifest != NULL ? falt_manifest_get_version (manifest) : 0;
}

/**
 * falt_feed_hash_file:
 * @path: a regular file
 * @size_out: (out) (optional): its size in bytes
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the file's sha256 in lower-case hex
 */
char *
falt_feed_hash_file (const char *path, goffset *size_out, GError **error)
{
  g_autoptr (GBytes) data = falt_feed_read_file (path, FALT_FEED_MAX_BLOB_SIZE, error);

  if (data == NULL)
    return NULL;
  if (size_out != NULL)
    *size_out = g_bytes_get_size (data);
  return falt_sha256_hex_for_bytes (data);
}
