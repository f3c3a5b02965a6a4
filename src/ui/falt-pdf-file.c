/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-pdf-file"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "falt-pdf-file.h"

/* Reading a PDF the user opened from disk, whatever the name points at: a
 * FIFO would block a thread forever, /dev/zero would fill the memory, a 2 GB
 * file would be read whole. Only a regular file of a sane size is read. */

static gboolean
set_read_error (GError **error,
                int      saved_errno)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), _("The file could not be read: %s"),
               g_strerror (saved_errno));
  return FALSE;
}

static gboolean
check_kind_and_size (gboolean   is_directory,
                     gboolean   is_regular,
                     gint64     size,
                     GError   **error)
{
  g_autofree char *shown = NULL;
  g_autofree char *most = NULL;

  if (is_directory)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY, _("This is a folder, not a PDF file"));
      return FALSE;
    }
  if (!is_regular)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   _("This is not an ordinary file (it is a device or a pipe), so it cannot be shown"));
      return FALSE;
    }
  if (size == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("The file is empty"));
      return FALSE;
    }
  if (size > FALT_PDF_FILE_MAX_SIZE)
    {
      shown = g_format_size ((guint64) size);
      most = g_format_size ((guint64) FALT_PDF_FILE_MAX_SIZE);
      /* TRANSLATORS: the first %s is the file's size, the second the largest size shown ("512.0 MB"). */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, _("The file is too large to be shown (%s; at most %s)"),
                   shown, most);
      return FALSE;
    }
  return TRUE;
}

/* A file on this computer: opened without blocking (a FIFO's open() waits for a
 * writer), checked on the descriptor, read up to the size it had then. */
static GBytes *
load_local (const char   *path,
            GCancellable *cancellable,
            GError      **error)
{
  g_autofree char *data = NULL;
  GStatBuf info;
  gsize length = 0;
  int fd = g_open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY, 0);

  if (fd < 0)
    {
      set_read_error (error, errno);
      return NULL;
    }
  if (fstat (fd, &info) != 0)
    {
      set_read_error (error, errno);
      close (fd);
      return NULL;
    }
  if (!check_kind_and_size (S_ISDIR (info.st_mode), S_ISREG (info.st_mode), info.st_size, error))
    {
      close (fd);
      return NULL;
    }

  data = g_malloc (info.st_size);
  while (length < (gsize) info.st_size)
    {
      gssize got = read (fd, data + length, MIN ((gsize) info.st_size - length, 1024 * 1024));

      if (got < 0 && errno == EINTR)
        continue;
      if (got < 0)
        {
          set_read_error (error, errno);
          close (fd);
          return NULL;
        }
      if (got == 0)  /* cut short while we read: what is there is what poppler sees */
        break;
      length += got;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          close (fd);
          return NULL;
        }
    }
  close (fd);
  if (length == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("The file is empty"));
      return NULL;
    }
  return g_bytes_new_take (g_steal_pointer (&data), length);
}

/* A file of a GVfs mount: its kind and size first, then at most that much. */
static GBytes *
load_remote (GFile        *file,
             GCancellable *cancellable,
             GError      **error)
{
  g_autoptr (GFileInfo) info = NULL;
  g_autoptr (GFileInputStream) stream = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;
  gint64 size;
  GFileType type;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (info == NULL)
    return NULL;
  type = g_file_info_get_file_type (info);
  size = g_file_info_get_size (info);
  if (!check_kind_and_size (type == G_FILE_TYPE_DIRECTORY, type == G_FILE_TYPE_REGULAR, size, error))
    return NULL;
  if ((stream = g_file_read (file, cancellable, error)) == NULL)
    return NULL;
  data = g_malloc (size);
  if (!g_input_stream_read_all (G_INPUT_STREAM (stream), data, size, &length, cancellable, error))
    return NULL;
  if (length == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("The file is empty"));
      return NULL;
    }
  return g_bytes_new_take (g_steal_pointer (&data), length);
}

/**
 * falt_pdf_file_load:
 * @file: a file the user chose to open
 * @cancellable: (nullable): checked between reads
 * @error: a #G_IO_ERROR with a translated message a user can read
 *
 * Reads @file whole, if it is a regular, non-empty file of at most
 * %FALT_PDF_FILE_MAX_SIZE bytes. Never blocks on a pipe or a device.
 * Blocking I/O: call it on a thread.
 *
 * Returns: (transfer full): its contents, or %NULL
 */
GBytes *
falt_pdf_file_load (GFile        *file,
                    GCancellable *cancellable,
                    GError      **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  path = g_file_get_path (file);
  return path != NULL ? load_local (path, cancellable, error) : load_remote (file, cancellable, error);
}

static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;
  GBytes *bytes = falt_pdf_file_load (G_FILE (source_object), cancellable, &error);

  if (bytes == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
}

/**
 * falt_pdf_file_load_async:
 *
 * falt_pdf_file_load() on a thread.
 */
void
falt_pdf_file_load_async (GFile               *file,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr (GTask) task = g_task_new (file, cancellable, callback, user_data);

  g_task_set_source_tag (task, falt_pdf_file_load_async);
  g_task_run_in_thread (task, load_in_thread);
}

GBytes *
falt_pdf_file_load_finish (GFile         *file,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, file), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
