/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-fuzz"

#include <glib/gstdio.h>
#include <stdlib.h>

#include "falt-fuzz.h"

static char *fuzz_dir;

static void
remove_fuzz_dir (void)
{
  if (fuzz_dir != NULL)
    falt_fuzz_remove_tree (fuzz_dir);
  g_clear_pointer (&fuzz_dir, g_free);
}

/**
 * falt_fuzz_init:
 *
 * Makes GLib's warnings and criticals abort (libFuzzer reports the abort with its input) and
 * creates the temporary folder the targets write their inputs to, removed at exit.
 */
void
falt_fuzz_init (void)
{
  g_autoptr(GError) error = NULL;

  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  fuzz_dir = g_dir_make_tmp ("faltstod-fuzz-XXXXXX", &error);
  g_assert_no_error (error);
  atexit (remove_fuzz_dir);
}

/* A path inside the target's temporary folder. */
char *
falt_fuzz_path (const char *name)
{
  return g_build_filename (fuzz_dir, name, NULL);
}

/* Writes one input to a file of the temporary folder and returns its path. */
char *
falt_fuzz_write (const char    *name,
                 const uint8_t *data,
                 size_t         size)
{
  g_autofree char *path = falt_fuzz_path (name);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, (const char *) data, (gssize) size, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

/* Removes a file or a folder and all it holds (no symlink is followed). */
void
falt_fuzz_remove_tree (const char *path)
{
  GDir *dir;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR) || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_unlink (path);
      return;
    }
  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      falt_fuzz_remove_tree (child);
    }
  g_clear_pointer (&dir, g_dir_close);
  g_rmdir (path);
}

/* The input as a NUL-terminated string (it may hold NULs of its own: the parsers see up to the
 * first one, as they would from a C caller). */
char *
falt_fuzz_string (const uint8_t *data,
                  size_t         size)
{
  char *text = g_malloc (size + 1);

  memcpy (text, data, size);
  text[size] = '\0';
  return text;
}
