/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-test"

#include <glib/gstdio.h>

#include "falt-test-files.h"

char *
falt_test_make_tmp_dir (void)
{
  g_autoptr (GError) error = NULL;
  char *dir = g_dir_make_tmp ("faltstod-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
falt_test_remove_tree (const char *dir)
{
  g_autoptr (GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        falt_test_remove_tree (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

void
falt_test_copy_tree (const char *from, const char *to)
{
  g_autoptr (GDir) handle = g_dir_open (from, 0, NULL);
  const char *name;

  g_assert_nonnull (handle);
  g_assert_cmpint (g_mkdir_with_parents (to, 0755), ==, 0);
  while ((name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *source = g_build_filename (from, name, NULL);
      g_autofree char *target = g_build_filename (to, name, NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (g_file_test (source, G_FILE_TEST_IS_DIR))
        {
          falt_test_copy_tree (source, target);
          continue;
        }
      g_assert_true (g_file_get_contents (source, &contents, &length, NULL));
      g_assert_true (g_file_set_contents (target, contents, length, NULL));
    }
}

char *
falt_test_write_file (const char *dir, const char *relative_path, const char *text)
{
  g_autofree char *path = g_build_filename (dir, relative_path, NULL);
  g_autofree char *parent = g_path_get_dirname (path);
  g_autoptr (GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (parent, 0755), ==, 0);
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

char *
falt_test_read_file (const char *path)
{
  g_autoptr (GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

/**
 * falt_test_run:
 * @argv: the command
 * @input: (nullable): what to write on its standard input
 * @output: (out) (optional): its standard output
 * @errors: (out) (optional): its standard error
 *
 * Returns: the exit status (-1 when killed by a signal)
 */
int
falt_test_run (const char *const *argv, const char *input, char **output, char **errors)
{
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  process = g_subprocess_newv (argv,
                               G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                 | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input, NULL, &out, &err, &error);
  g_assert_no_error (error);
  if (g_test_verbose ())
    g_test_message ("%s: %s%s", argv[0], out, err);
  if (output != NULL)
    *output = g_steal_pointer (&out);
  if (errors != NULL)
    *errors = g_steal_pointer (&err);
  return g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1;
}

/* The faltstod-publish built with the tests (tests/meson.build sets the variable). */
char *
falt_test_publish_path (void)
{
  const char *path = g_getenv ("FALTSTOD_PUBLISH");

  g_assert_nonnull (path);
  return g_strdup (path);
}
