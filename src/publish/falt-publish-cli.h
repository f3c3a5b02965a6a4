/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int   falt_publish_main          (int          argc,
                                  char       **argv);
char *falt_publish_read_password (const char  *password_file,
                                  const char  *prompt,
                                  gboolean     confirm,
                                  GError     **error);

G_END_DECLS
