/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "store/falt-store.h"

G_BEGIN_DECLS

#define FALT_TYPE_WHATS_NEW_PAGE (falt_whats_new_page_get_type ())
G_DECLARE_FINAL_TYPE (FaltWhatsNewPage, falt_whats_new_page, FALT, WHATS_NEW_PAGE, GtkWidget)

GtkWidget *falt_whats_new_page_new    (FaltStore        *store,
                                       GSettings        *settings);
void       falt_whats_new_page_reload (FaltWhatsNewPage *self);

G_END_DECLS
