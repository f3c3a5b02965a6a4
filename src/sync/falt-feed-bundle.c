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
extract_entry (struct archive *archive, struct archive_entry *entry, const char *dir,
               GError **error)
{
  const char *name = archive_entry_pathname (entry);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  char buffer[65536];
  gssize got;
  int fd;

  if (archive_entry_filetype (entry) == AE_IFDIR)
    return TRUE;
  /* O_EXCL: an entry that comes twice must not replace what was already unpacked. */
  fd = open (path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (fd < 0)
    return errno == EEXIST ? unsafe (error, _("“%s” appears twice"), name)
                  : unsafe (error, "%s: %s", name, g_strerror (errno));
  while ((got = archive_read_data (archive, buffer, sizeof buffer)) > 0)
    if (!write_all (fd, buffer, got))
      {
        int saved = errno;

        close (fd);
        g_set_error (error, FALT_FEED_ERROR, FALT_FEED_ERROR_IO, _("Could not unpack the bundle: %s"),
                     g_strerror (saved));
        return FALSE;
      }
  close (fd);
  return got == 0 || truncated (error, archive);
}

static gboolean
extract_all (struct archive *archive, const char *dir, GError **error)
{
  struct archive_entry *entry;
  gint64 total = 0;
  int status;

  while ((status = archive_read_next_header (archive, &entry)) == ARCHIVE_OK)
    {
      if (!check_entry (entry, total, error) || !extract_entry (archive, entry, dir, error))
        return FALSE;
      total += archive_entry_size (entry);
    }
  if (status != ARCHIVE_EOF)
    return truncated (error, archive);
  return TRUE;
}

/**
 * falt_feed_unpack_bundle:
 * @bundle_path: a `.faltstod` bundle
 * @error: return location for a #GError in %FALT_FEED_ERROR
 *
 * Unpacks the bundle into a new temporary folder, refusing links, absolute or `..` paths and
 * any entry other than the feed's own files. The result is not verified yet: pass it to
 * falt_feed_verify_dir(), and remove it with falt_feed_remove_dir() when done.
 *
 * Returns: (transfer full): the folder, or %NULL with @error set
 */
char *
falt_feed_unpack_bundle (const char *bundle_path, GError **error)
{
  g_autoptr (ArchiveRead) archive = archive_read_new ();
  g_autoptr (GError) local_error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *blobs = NULL;

  g_return_val_if_fail (bundle_path != NULL, NULL);

  archive_read_support_format_tar (archive);
  if (archive_read_open_filename (archive, bundle_path, 65536) != ARCHIVE_OK)
    {
      g_set_error (error, FALT_FEED_ERROR, FALT_FEED_ERROR_IO, _("Could not open the bundle %s: %s"),
                   bundle_path, archive_error_string (archive));
      return NULL;
    }
  if ((dir = g_dir_make_tmp ("faltstod-bundle-XXXXXX", &local_error)) == NULL)
    {
      g_set_error (error, FALT_FEED_ERROR, FALT_FEED_ERROR_IO, _("Could not unpack the bundle: %s"),
                   local_error->message);
      return NULL;
    }
  blobs = g_build_filename (dir, FALT_FEED_BLOBS, NULL);
  if (g_mkdir (blobs, 0700) != 0 || !extract_all (archive, dir, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, FALT_FEED_ERROR, FALT_FEED_ERROR_IO, _("Could not unpack the bundle: %s"),
                     g_strerror (errno));
      falt_feed_remove_dir (dir, NULL);
      return NULL;
    }
  return g_steal_pointer (&dir);
}

static gboolean
add_file (struct archive *archive, const char *path, const char *name, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autofree char *contents = NULL;
  struct archive_entry *entry;
  gsize length = 0;
  gboolean written;

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, FALT_FEED_ERROR, FALT_FEED_ERROR_IO, _("Could not read %s: %s"), path,
                   local_error->message);
      return FALSE;
    }
  /* Fixed owner, mode and time: the same feed makes the same bundle. */
  entry = archive_entry_new ();
  archive_entry_set_pathname (entry, name);
  archive_entry_set_filetype (entry, AE_IFREG);
  archive_entry_set_perm (entry, 0644);
  archive_entry_set_size (entry, length);
  archive_entry_set_mtime (entry, 0, 0);
  written = archive_write_header (archive, entry) == ARCHIVE_OK
            && (length == 0 || archive_write_data (archive, contents, length) == (gssize) length);
  archive_entry_free (entry);
  if (!written)
    g_set_error (error, FALT_FEED_ERROR, FALT_FEED_ERROR_IO, _("Could not write the bundle: %s"),
                 archive_error_string (archive));
  return written;
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static GPtrArray *
list_blob_names (const char *feed_dir, GError **error)
{
  g_autofree char *blobs = g_build_filename (feed_dir, FALT_FEED_BLOBS, NULL);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GDir) dir = g_dir_open (blobs, 0, &local_error);
  const char *name;

  if (dir == NULL)
    {
      g_set_error (error, FALT_FEED_ERROR, FALT_FEED_ERROR_IO, _("Could not read %s: %s"), blobs,
                   local_error->message);
      return NULL;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    if (falt_feed_is_blob_name (name))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  return g_steal_pointer (&names);
}

/**
 * falt_feed_write_bundle:
 * @feed_dir: a feed folder
 * @bundle_path: the tar file to write
 * @error: return location for a #GError
 *
 * Writes the feed folder as one tar file (manifest, signature if any, blobs in name order).
 */
gboolean
falt_feed_write_bundle (const char *feed_dir, const char *bundle_path, GError **error)
{
  static const char *const top_files[] = { FALT_FEED_MANIFEST, FALT_FEED_SIGNATURE };
  g_autoptr (ArchiveWrite) archive = archive_write_new ();
  g_autoptr (GPtrArray) blobs = list_blob_names (feed_dir, error);

  if (blobs == NULL)
    return FALSE;
  archive_write_set_format_pax_restricted (archive);
  if (archive_write_open_filename (archive, bundle_path) != ARCHIVE_OK)
    {
      g_set_error (error, FALT_FEED_ERROR, FALT_FEED_ERROR_IO, _("Could not write the bundle: %s"),
                   archive_error_string (archive));
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (top_files); i++)
    {
      g_autofree char *path = g_build_filename (feed_dir, top_files[i], NULL);

      if ((i == 0 || g_file_test (path, G_FILE_TEST_EXISTS))
          && !add_file (archive, path, top_files[i], error))
        return FALSE;
    }
  for (guint i = 0; i < blobs->len; i++)
    {
      g_autofree char *path = g_build_filename (feed_dir, FALT_FEED_BLOBS, blobs->pdata[i], NULL);
      g_autofree char *name = g_strconcat (FALT_FEED_BLOBS "/", blobs->pdata[i], NULL);

      if (!add_file (archive, path, name, error))
        return FALSE;
    }
  if (archive_write_close (archive) != ARCHIVE_OK)
    {
      g_set_error (error, FALT_FEED_ERROR, FALT_FEED_ERROR_IO, _("Could not write the bundle: %s"),
                   archive_error_string (archive));
      return FALSE;
    }
  return TRUE;
}

/**
 * falt_feed_remove_dir:
 * @dir: a folder, such as one falt_feed_unpack_bundle() made
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
