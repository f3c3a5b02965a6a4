/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

const char *falt_ui_content_language            (void);
GStrv       falt_default_content_language_chain (void);
GStrv       falt_content_language_chain         (GSettings          *settings);
void        falt_set_content_language_chain     (GSettings          *settings,
                                                 const char * const *chain);
void        falt_reset_content_language_chain   (GSettings          *settings);
void        falt_migrate_content_language       (GSettings          *settings);

G_END_DECLS
