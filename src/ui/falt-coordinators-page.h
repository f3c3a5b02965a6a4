/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "store/falt-store.h"

G_BEGIN_DECLS

#define FALT_TYPE_COORDINATORS_PAGE (falt_coordinators_page_get_type ())
G_DECLARE_FINAL_TYPE (FaltCoordinatorsPage, falt_coordinators_page, FALT, COORDINATORS_PAGE, AdwBin)

GtkWidget *falt_coordinators_page_new       (FaltStore            *store);
void       falt_coordinators_page_set_query (FaltCoordinatorsPage *self,
                                             const char           *query);
guint      falt_coordinators_page_get_n_shown (FaltCoordinatorsPage *self);
void       falt_coordinators_page_reload    (FaltCoordinatorsPage *self);

G_END_DECLS
