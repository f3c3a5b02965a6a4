/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-publish"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "falt-source-file.h"

/* Reading a file whole, safely whatever it is. A FIFO would block the
 * reader until something writes to it, a device such as /dev/zero (or a
 * symbolic link to one) never ends, and a huge file exhausts memory: only
 * regular files are read, up to a size. GLib only, so that any layer can
 * use it. */

static char *
fail_with_errno (GError     **error,
                 const char  *path,
                 int          saved_errno,
                 int          fd)
{
  if (fd >= 0)
    close (fd);
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
               _("Could not read “%s”: %s"), path, g_strerror (saved_errno));
  return NULL;
}

static gboolean
check_regular (const char   *path,
               GStatBuf     *st,
               gsize         max_size,
               GError      **error)
{
  if (!S_ISREG (st->st_mode))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   _("“%s” is not a regular file (but a folder, device, pipe or socket)"), path);
      return FALSE;
    }
  if ((guint64) st->st_size > max_size)
    {
      g_autofree char *size = g_format_size ((guint64) st->st_size);
      g_autofree char *limit = g_format_size (max_size);

      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                   _("“%s” is too large (%s; at most %s)"), path, size, limit);
      return FALSE;
    }
  return TRUE;
}

/**
 * falt_source_file_read:
 * @path: the file (a symbolic link to a regular file is followed)
 * @max_size: the most bytes to read
 * @length: (out) (optional): the length of the contents
 * @error: return location for a #GError in %G_FILE_ERROR
 *
 * Reads a regular file of at most @max_size bytes. Anything else is refused
 * without blocking: a folder, a FIFO, a socket or a device, checked before
 * the file is opened and again on the opened file (which is opened
 * non-blocking, so a FIFO swapped in between cannot hang the reader).
 *
 * Returns: (transfer full): the contents, NUL-terminated (a NUL byte may
 *   also be inside: use @length), or %NULL with @error set
 */
char *
falt_source_file_read (const char  *path,
                       gsize        max_size,
                       gsize       *length,
                       GError     **error)
{
  g_autofree char *contents = NULL;
  GStatBuf st;
  gsize size, filled = 0;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  if (g_stat (path, &st) != 0)
    return fail_with_errno (error, path, errno, -1);
  if (!check_regular (path, &st, max_size, error))
    return NULL;
  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0);
  if (fd < 0)
    return fail_with_errno (error, path, errno, -1);
  if (fstat (fd, &st) != 0)
    return fail_with_errno (error, path, errno, fd);
  if (!check_regular (path, &st, max_size, error))
    {
      close (fd);
      return NULL;
    }

  /* One byte more than its size, to see a file that grew past the cap. */
  size = (gsize) st.st_size;
  contents = g_malloc (size + 2);
  while (filled <= size)
    {
      gssize n = read (fd, contents + filled, size + 1 - filled);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return fail_with_errno (error, path, errno, fd);
      if (n == 0)
        break;
      filled += (gsize) n;
    }
  close (fd);
  if (filled > max_size)
    {
      g_autofree char *limit = g_format_size (max_size);

      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                   _("“%s” is too large (more than %s)"), path, limit);
      return NULL;
    }
  contents[filled] = '\0';
  if (length != NULL)
    *length = filled;
  return g_steal_pointer (&contents);
}
