/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "store/falt-store.h"
#include "sync/falt-updater.h"

G_BEGIN_DECLS

const GOptionEntry *falt_command_line_options          (void);
int                 falt_command_line_handle           (GVariantDict *options);
const char         *falt_command_line_bundled_feed_dir (void);
GSettings          *falt_command_line_open_settings    (void);
FaltStore          *falt_command_line_open_store       (void);
FaltUpdater        *falt_command_line_make_updater     (FaltStore    *store,
                                                        GSettings    *settings,
                                                        const char   *feed_override);

G_END_DECLS
