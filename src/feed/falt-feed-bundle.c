/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-feed"

#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <archive.h>
#include <archive_entry.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "falt-feed.h"
#include "falt-sha256.h"

/* A bundle (`.faltstod`) is a feed folder as one tar file, for USB sticks: entries
 * manifest.json, manifest.json.minisig and blobs/<sha256>, nothing else. It comes from
 * anywhere, so unpacking trusts no name, type or size in it. */

typedef struct archive ArchiveRead;
typedef struct archive ArchiveWrite;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ArchiveRead, archive_read_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ArchiveWrite, archive_write_free)

static gboolean G_GNUC_PRINTF (2, 3)
unsafe (GError **error, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, FALT_FEED_ERROR, FALT_FEED_ERROR_UNSAFE_BUNDLE,
               _("This is not a Fältstöd bundle: %s"), message);
  return FALSE;
}

static gboolean
truncated (GError **error, struct archive *archive)
{
  g_set_error (error, FALT_FEED_ERROR, FALT_FEED_ERROR_TRUNCATED,
               _("The bundle is incomplete or damaged (%s): copy it again"),
               archive_error_string (archive) != NULL ? archive_error_string (archive) : "?");
  return FALSE;
}

static gboolean
is_feed_file_name (const char *name)
{
  return strcmp (name, FALT_FEED_MANIFEST) == 0 || strcmp (name, FALT_FEED_SIGNATURE) == 0
         || (g_str_has_prefix (name, FALT_FEED_BLOBS "/")
             && falt_feed_is_blob_name (name + strlen (FALT_FEED_BLOBS "/")));
}

static gint64
limit_for_entry (const char *name)
{
  if (strcmp (name, FALT_FEED_MANIFEST) == 0)
    return FALT_FEED_MAX_MANIFEST_SIZE;
  if (strcmp (name, FALT_FEED_SIGNATURE) == 0)
    return FALT_FEED_MAX_SIGNATURE_SIZE;
  return FALT_FEED_MAX_BLOB_SIZE;
}

/* Only the blobs folder itself and the feed's own regular files, within their limits. */
static gboolean
check_entry (struct archive_entry *entry, gint64 total, GError **error)
{
  const char *name = archive_entry_pathname (entry);
  mode_t type = archive_entry_filetype (entry);

  if (name == NULL)
    return unsafe (error, _("an entry has no name"));
  if (type == AE_IFDIR && (strcmp (name, FALT_FEED_BLOBS) == 0 || strcmp (name, FALT_FEED_BLOBS "/") == 0))
    return TRUE;
  if (archive_entry_hardlink (entry) != NULL || archive_entry_symlink (entry) != NULL
      || type == AE_IFLNK)
    return unsafe (error, _("“%s” is a link"), name);
  if (type != AE_IFREG)
    return unsafe (error, _("“%s” is not a regular file"), name);
  if (!is_feed_file_name (name))
    return unsafe (error, _("“%s” is not part of a feed"), name);
  if (!archive_entry_size_is_set (entry) || archive_entry_size (entry) > limit_for_entry (name)
      || total + archive_entry_size (entry) > FALT_FEED_MAX_BUNDLE_SIZE)
    return unsafe (error, _("“%s” is too large"), name);
  return TRUE;
}

/* The bundle's descriptor, read by libarchive and closed with the archive. */
typedef struct
{
  int    fd;
  guint8 buffer[65536];
} BundleFile;

static la_ssize_t
bundle_read_cb (struct archive *archive, void *data, const void **block)
{
  BundleFile *file = data;
  ssize_t got;

  do
    got = read (file->fd, file->buffer, sizeof file->buffer);
  while (got < 0 && errno == EINTR);
  if (got < 0)
    archive_set_error (archive, errno, "%s", g_strerror (errno));
  *block = file->buffer;
  return got;
}

static int
bundle_close_cb (struct archive *archive, void *data)
{
  BundleFile *file = data;

  close (file->fd);
  g_free (file);
  return ARCHIVE_OK;
}

/* Opens the bundle once, without blocking, and checks what was opened: only a regular file
 * (a FIFO or a device would hang or never end), and the same one that is then read, whatever
 * replaces the name meanwhile. */
static int
open_regular_file (const char *path, GError **error, const char *shown)
{
  int fd = open (path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  GStatBuf info;

  if (fd < 0 || fstat (fd, &info) != 0 || !S_ISREG (info.st_mode))
    {
      int saved_errno = errno;
      gboolean regular = fd >= 0 && fstat (fd, &info) == 0 && S_ISREG (info.st_mode);

      g_set_error (error, FALT_FEED_ERROR, FALT_FEED_ERROR_IO, _("Could not open the bundle %s: %s"), shown,
                   fd < 0 || regular ? g_strerror (saved_errno) : _("not a regular file"));
      if (fd >= 0)
        close (fd);
      return -1;
    }
  return fd;
}

static struct archive *
open_bundle (const char *bundle_path, GError **error)
{
  g_autoptr (ArchiveRead) archive = archive_read_new ();
  /* The name on disk need not be UTF-8; the message is shown in a label. */
  g_autofree char *shown = g_filename_display_name (bundle_path);
  BundleFile *file;
  int fd, saved_errno;

  if ((fd = open_regular_file (bundle_path, error, shown)) < 0)
    return NULL;
  file = g_new (BundleFile, 1);
  file->fd = fd;
  archive_read_support_format_tar (archive);
  /* libarchive calls the close callback (fd closed, file freed) even when opening fails. */
  if (archive_read_open (archive, file, NULL, bundle_read_cb, bundle_close_cb) != ARCHIVE_OK)
    {
      /* libarchive's own message is English: "Unrecognized archive format" for an empty
       * file, a PDF or anything else that is no tar (ARCHIVE_ERRNO_FILE_FORMAT, EILSEQ). */
      saved_errno = archive_errno (archive);
      if (saved_errno == EILSEQ)
        g_set_error (error, FALT_FEED_ERROR, FALT_FEED_ERROR_MALFORMED, _("%s is not a Fältstöd update file"), shown);
      else
        g_set_error (error, FALT_FEED_ERROR, FALT_FEED_ERROR_IO, _("Could not open the bundle %s: %s"), shown,
                     saved_errno > 0 ? g_strerror (saved_errno) : archive_error_string (archive));
      return NULL;
    }
  return g_steal_pointer (&archive);
}

/* Reads the entry's data into memory; the entry was checked against its limit. */
static GBytes *
read_entry_data (struct archive *archive, struct archive_entry *entry, GError **error)
{
  gint64 size = archive_entry_size (entry);
  g_autofree char *data = g_malloc (size + 1);
  gint64 length = 0;
  gssize got;

  while (length < size && (got = archive_read_data (archive, data + length, size - length)) > 0)
    length += got;
  if (length != size)
    {
      truncated (error, archive);
      return NULL;
    }
  return g_bytes_new_take (g_steal_pointer (&data), size);
}

/**
 * falt_feed_read_bundle_manifest:
 * @bundle_path: a `.faltstod` bundle
 * @keyring: the keys to trust
 * @signature_out: (out) (optional): the signature's text
 * @error: return location for a #GError in %FALT_FEED_ERROR
 *
 * Reads and verifies the bundle's manifest and signature, its first two entries, before
 * anything large is unpacked: a bundle that is not signed by a trusted key never reaches the
 * disk.
 *
 * Returns: (transfer full): the verified manifest, or %NULL
 */
FaltManifest *
falt_feed_read_bundle_manifest (const char *bundle_path, FaltKeyring *keyring, char **signature_out,
                                GError **error)
{
  g_autoptr (ArchiveRead) archive = NULL;
  g_autoptr (GBytes) manifest = NULL;
  g_autoptr (GBytes) signature = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *signature_text = NULL;
  FaltManifest *verified;
  struct archive_entry *entry;
  int status;

  g_return_val_if_fail (bundle_path != NULL && keyring != NULL, NULL);

  if ((archive = open_bundle (bundle_path, error)) == NULL)
    return NULL;
  while ((manifest == NULL || signature == NULL)
         && (status = archive_read_next_header (archive, &entry)) == ARCHIVE_OK)
    {
      const char *name = archive_entry_pathname (entry);
      GBytes **slot;

      if (!check_entry (entry, 0, error))
        return NULL;
      if (archive_entry_filetype (entry) == AE_IFDIR)
        continue;
      if (g_strcmp0 (name, FALT_FEED_MANIFEST) == 0)
        slot = &manifest;
      else if (g_strcmp0 (name, FALT_FEED_SIGNATURE) == 0)
        slot = &signature;
      else
        break;  /* a blob: the manifest and its signature must come first */
      if (*slot != NULL)
        {
          unsafe (error, _("“%s” appears twice"), name);
          return NULL;
        }
      if ((*slot = read_entry_data (archive, entry, error)) == NULL)
        return NULL;
    }
  if (manifest == NULL)
    {
      g_set_error (error, FALT_FEED_ERROR, FALT_FEED_ERROR_TRUNCATED,
                   _("The bundle holds no %s at its start: it is not a Fältstöd update file"), FALT_FEED_MANIFEST);
      return NULL;
    }
  if (signature != NULL)
    signature_text = g_strndup (g_bytes_get_data (signature, NULL), g_bytes_get_size (signature));
  verified = falt_feed_verify_manifest (manifest, signature_text, keyring, now, error);
  if (verified != NULL && signature_out != NULL)
    *signature_out = g_steal_pointer (&signature_text);
  return verified;
}

static gboolean
write_all (int fd, const void *buffer, gsize len)
{
  const char *bytes = buffer;

  while (len > 0)
    {
      gssize written = write (fd, bytes, len);

      if (written < 0 && errno == EINTR)
        continue;
      if (written <= 0)
        return FALSE;
      bytes += written;
      len -= written;
    }
  return TRUE;
}

static gboolean
io_failure (GError **error, int saved_errno)
{
  g_set_error (error, FALT_FEED_ERROR, FALT_FEED_ERROR_IO, _("Could not unpack the bundle: %s"),
               g_strerror (saved_errno));
  return FALSE;
}

/* Streams one blob into blobs_dir/<sha256>.part, hashing as it goes, and renames it into place
 * only when its hash is the manifest's. */
static gboolean
extract_blob (struct archive *archive, const FaltManifestBlob *blob, const char *blobs_dir,
              GCancellable *cancellable, GError **error)
{
  g_autofree char *final = g_build_filename (blobs_dir, blob->sha256, NULL);
  g_autofree char *part = g_strconcat (final, ".part", NULL);
  g_autoptr (FaltSha256) checksum = falt_sha256_new ();
  g_autofree char *hash = NULL;
  char buffer[65536];
  gint64 total = 0;
  gssize got;
  int fd;

  g_unlink (part);
  fd = open (part, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (fd < 0)
    return io_failure (error, errno);
  while ((got = archive_read_data (archive, buffer, sizeof buffer)) > 0)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error) || !write_all (fd, buffer, got))
        {
          int saved = errno;

          close (fd);
          g_unlink (part);
          return (error != NULL && *error != NULL) || io_failure (error, saved);
        }
      falt_sha256_update (checksum, buffer, got);
      total += got;
    }
  if (fsync (fd) != 0 || close (fd) != 0)
    {
      g_unlink (part);
      return io_failure (error, errno);
    }
  if (got < 0 || total != blob->size)
    {
      g_unlink (part);
      return truncated (error, archive);
    }
  hash = falt_sha256_dup_hex (checksum);
  if (strcmp (hash, blob->sha256) != 0)
    {
      g_unlink (part);
      g_set_error (error, FALT_FEED_ERROR, FALT_FEED_ERROR_TAMPERED,
                   _("The bundle was changed: %s/%s does not match its hash"), FALT_FEED_BLOBS, blob->sha256);
      return FALSE;
    }
  if (g_rename (part, final) != 0)
    return io_failure (error, errno);
  return TRUE;
}

static gboolean
extract_blob_entry (struct archive *archive, struct archive_entry *entry, FaltManifest *manifest,
                    GHashTable *wanted, GHashTable *seen, const char *blobs_dir,
                    GCancellable *cancellable, GError **error)
{
  const char *name = archive_entry_pathname (entry);
  const char *sha256 = name + strlen (FALT_FEED_BLOBS "/");
  FaltManifestBlob *blob = falt_manifest_lookup_blob (manifest, sha256);

  if (blob == NULL)
    return unsafe (error, _("“%s” is not named in its manifest"), name);
  if (!g_hash_table_add (seen, g_strdup (sha256)))
    return unsafe (error, _("“%s” appears twice"), name);
  if (archive_entry_size (entry) != blob->size)
    {
      g_set_error (error, FALT_FEED_ERROR, FALT_FEED_ERROR_TAMPERED,
                   _("The bundle was changed: %s is not of the size its manifest gives"), name);
      return FALSE;
    }
  if (wanted != NULL && !g_hash_table_contains (wanted, sha256))
    return archive_read_data_skip (archive) == ARCHIVE_OK || truncated (error, archive);
  return extract_blob (archive, blob, blobs_dir, cancellable, error);
}

/**
 * falt_feed_extract_bundle_blobs:
 * @bundle_path: a bundle whose manifest falt_feed_read_bundle_manifest() verified
 * @manifest: that manifest
 * @wanted: (nullable): the names of the blobs to unpack (say, those the store lacks); %NULL for all
 * @blobs_dir: the folder to unpack them into, as `<sha256>`
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError in %FALT_FEED_ERROR
 *
 * Unpacks blobs, refusing any entry the manifest does not name or whose size differs from it,
 * links, other paths and repeated entries; each blob is hashed while it is written and kept
 * only when it matches.
 */
gboolean
falt_feed_extract_bundle_blobs (const char *bundle_path, FaltManifest *manifest, GHashTable *wanted,
                                const char *blobs_dir, GCancellable *cancellable, GError **error)
{
  g_autoptr (ArchiveRead) archive = NULL;
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  struct archive_entry *entry;
  gint64 total = 0;
  int status;

  if ((archive = open_bundle (bundle_path, error)) == NULL)
    return FALSE;
  if (g_mkdir_with_parents (blobs_dir, 0700) != 0)
    return io_failure (error, errno);
  while ((status = archive_read_next_header (archive, &entry)) == ARCHIVE_OK)
    {
      const char *name = archive_entry_pathname (entry);

      if (!check_entry (entry, total, error))
        return FALSE;
      total += archive_entry_size (entry);
      if (archive_entry_filetype (entry) == AE_IFDIR || g_strcmp0 (name, FALT_FEED_MANIFEST) == 0
          || g_strcmp0 (name, FALT_FEED_SIGNATURE) == 0)
        continue;
      if (!extract_blob_entry (archive, entry, manifest, wanted, seen, blobs_dir, cancellable, error))
        return FALSE;
    }
  if (status != ARCHIVE_EOF)
    return truncated (error, archive);
  return TRUE;
}

static gboolean
add_entry (struct archive *archive, const char *name, GBytes *data, GError **error)
{
  gsize length = g_bytes_get_size (data);
  struct archive_entry *entry;
  gboolean written;

  /* Fixed owner, mode and time: the same feed makes the same bundle. */
  entry = archive_entry_new ();
  archive_entry_set_pathname (entry, name);
  archive_entry_set_filetype (entry, AE_IFREG);
  archive_entry_set_perm (entry, 0644);
  archive_entry_set_size (entry, length);
  archive_entry_set_mtime (entry, 0, 0);
  written = archive_write_header (archive, entry) == ARCHIVE_OK
            && (length == 0 || archive_write_data (archive, g_bytes_get_data (data, NULL), length) == (gssize) length);
  archive_entry_free (entry);
  if (!written)
    g_set_error (error, FALT_FEED_ERROR, FALT_FEED_ERROR_IO, _("Could not write the bundle: %s"),
                 archive_error_string (archive));
  return written;
}

static int
compare_blob_names (gconstpointer a, gconstpointer b)
{
  return strcmp ((*(FaltManifestBlob *const *) a)->sha256, (*(FaltManifestBlob *const *) b)->sha256);
}

static gboolean
write_entries (struct archive *archive, FaltManifest *manifest, const char *signature,
               FaltFeedBlobFunc get_blob, gpointer user_data, GError **error)
{
  /* A copy to sort, without the manifest's free function: the manifest owns the blobs. */
  g_autoptr (GPtrArray) blobs = g_ptr_array_new ();

  g_ptr_array_extend (blobs, falt_manifest_get_blobs (manifest), NULL, NULL);

  if (!add_entry (archive, FALT_FEED_MANIFEST, falt_manifest_get_bytes (manifest), error))
    return FALSE;
  if (signature != NULL)
    {
      g_autoptr (GBytes) bytes = g_bytes_new (signature, strlen (signature));

      if (!add_entry (archive, FALT_FEED_SIGNATURE, bytes, error))
        return FALSE;
    }
  g_ptr_array_sort (blobs, compare_blob_names);
  for (guint i = 0; i < blobs->len; i++)
    {
      FaltManifestBlob *blob = blobs->pdata[i];
      g_autofree char *name = g_strconcat (FALT_FEED_BLOBS "/", blob->sha256, NULL);
      g_autoptr (GBytes) data = get_blob (blob, user_data, error);

      if (data == NULL || !add_entry (archive, name, data, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * falt_feed_write_bundle_from:
 * @bundle_path: the tar file to write
 * @manifest: the feed's manifest
 * @signature: (nullable): its signature's text
 * @get_blob: gives each blob's bytes
 * @user_data: for @get_blob
 * @error: return location for a #GError
 *
 * Writes a bundle: manifest, signature, then the blobs in name order, into a temporary file
 * renamed over @bundle_path when complete, so a full disk never leaves half a bundle.
 */
gboolean
falt_feed_write_bundle_from (const char *bundle_path, FaltManifest *manifest, const char *signature,
                             FaltFeedBlobFunc get_blob, gpointer user_data, GError **error)
{
  g_autoptr (ArchiveWrite) archive = archive_write_new ();
  g_autofree char *part = g_strconcat (bundle_path, ".part", NULL);

  archive_write_set_format_pax_restricted (archive);
  if (archive_write_open_filename (archive, part) != ARCHIVE_OK)
    {
      g_set_error (error, FALT_FEED_ERROR, FALT_FEED_ERROR_IO, _("Could not write the bundle: %s"),
                   archive_error_string (archive));
      return FALSE;
    }
  if (!write_entries (archive, manifest, signature, get_blob, user_data, error))
    {
      g_unlink (part);
      return FALSE;
    }
  if (archive_write_close (archive) != ARCHIVE_OK)
    {
      g_set_error (error, FALT_FEED_ERROR, FALT_FEED_ERROR_IO, _("Could not write the bundle: %s"),
                   archive_error_string (archive));
      g_unlink (part);
      return FALSE;
    }
  if (g_rename (part, bundle_path) != 0)
    {
      int saved = errno;

      g_unlink (part);
      g_set_error (error, FALT_FEED_ERROR, FALT_FEED_ERROR_IO, _("Could not write the bundle: %s"),
                   g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

static GBytes *
read_dir_blob (const FaltManifestBlob *blob, gpointer feed_dir, GError **error)
{
  return falt_feed_read_blob (feed_dir, blob, error);
}

/**
 * falt_feed_write_bundle:
 * @feed_dir: a feed folder
 * @bundle_path: the tar file to write
 * @error: return location for a #GError
 *
 * Writes the feed folder as one bundle, after checking its manifest and every blob it names:
 * what would be refused on import is never bundled.
 */
gboolean
falt_feed_write_bundle (const char *feed_dir, const char *bundle_path, GError **error)
{
  g_autofree char *signature = NULL;
  g_autoptr (FaltManifest) manifest = falt_feed_load_dir (feed_dir, NULL, &signature, error);

  return manifest != NULL
         && falt_feed_write_bundle_from (bundle_path, manifest, signature, read_dir_blob, (gpointer) feed_dir, error);
}

/**
 * falt_feed_remove_dir:
 * @dir: a folder, such as a staging folder
 * @error: return location for a #GError
 *
 * Removes the folder and what it holds; links are removed, never followed.
 */
gboolean
falt_feed_remove_dir (const char *dir, GError **error)
{
  g_autoptr (GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      GStatBuf info;

      if (g_lstat (path, &info) == 0 && S_ISDIR (info.st_mode))
        falt_feed_remove_dir (path, NULL);
      else
        g_unlink (path);
    }
  if (g_rmdir (dir) != 0)
    {
      int saved = errno;

      g_set_error (error, FALT_FEED_ERROR, FALT_FEED_ERROR_IO, _("Could not remove %s: %s"), dir,
                   g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}
