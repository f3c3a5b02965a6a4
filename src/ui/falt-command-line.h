/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

const GOptionEntry *falt_command_line_options          (void);
int                 falt_command_line_handle           (GVariantDict *options);
const char         *falt_command_line_bundled_feed_dir (void);

G_END_DECLS
