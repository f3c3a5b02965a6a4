/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A real web server for the sync tests: Debian's nginx on a free loopback port, everything
 * (config, logs, temp files) under a temporary folder, serving ROOT:
 *   /feed/…   ROOT/feed/… as it is
 *   /slow/…   the same files, fast for the first 16 KiB of a response and then trickling
 *   /dead/…   500 for everything
 *   /gone/…   404 for everything
 *   /loop/…   a redirect to itself
 * Its access log lists each request as "METHOD PATH STATUS BYTES RANGE". */
typedef struct _FaltTestNginx FaltTestNginx;

FaltTestNginx *falt_test_nginx_start       (const char     *root);
void           falt_test_nginx_stop        (FaltTestNginx  *nginx);
char          *falt_test_nginx_url         (FaltTestNginx  *nginx,
                                            const char     *path);
GPtrArray     *falt_test_nginx_take_log    (FaltTestNginx  *nginx);
guint          falt_test_nginx_count       (GPtrArray      *log,
                                            const char     *prefix,
                                            const char     *status);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FaltTestNginx, falt_test_nginx_stop)

G_END_DECLS
