/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "store/falt-store.h"

G_BEGIN_DECLS

#define FALT_TYPE_LIBRARY_PAGE (falt_library_page_get_type ())
G_DECLARE_FINAL_TYPE (FaltLibraryPage, falt_library_page, FALT, LIBRARY_PAGE, AdwBin)

GtkWidget *falt_library_page_new    (FaltStore  *store,
                                     GSettings  *settings,
                                     const char *section_id);
void       falt_library_page_reload (FaltLibraryPage *self);

G_END_DECLS
