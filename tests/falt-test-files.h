/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Files and commands for the GLib-only tests (sync, publish): no GTK, so leak checks stay on. */
char    *falt_test_make_tmp_dir   (void);
void     falt_test_remove_tree    (const char          *dir);
void     falt_test_copy_tree      (const char          *from,
                                   const char          *to);
char    *falt_test_write_file     (const char          *dir,
                                   const char          *relative_path,
                                   const char          *text);
char    *falt_test_read_file      (const char          *path);
int      falt_test_run            (const char *const   *argv,
                                   const char          *input,
                                   char               **output,
                                   char               **errors);
char    *falt_test_publish_path   (void);

G_END_DECLS
