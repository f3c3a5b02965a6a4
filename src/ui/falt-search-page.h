/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "store/falt-store.h"

G_BEGIN_DECLS

#define FALT_TYPE_SEARCH_PAGE (falt_search_page_get_type ())
G_DECLARE_FINAL_TYPE (FaltSearchPage, falt_search_page, FALT, SEARCH_PAGE, AdwBin)

GtkWidget *falt_search_page_new       (FaltStore  *store,
                                       GSettings  *settings);
void       falt_search_page_set_query (FaltSearchPage *self,
                                       const char     *query);
guint      falt_search_page_get_n_results (FaltSearchPage *self);

void       falt_search_page_start_typing  (FaltSearchPage        *self,
                                           GtkEventControllerKey *controller,
                                           const char            *text);

G_END_DECLS
