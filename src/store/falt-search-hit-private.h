/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "falt-search-hit.h"

G_BEGIN_DECLS

/* For the store's search: the row a hit came from, and its snippet when
 * it is made after the search (falt-store-search-snippets.c). */
void   falt_search_hit_set_rowid   (FaltSearchHit *self,
                                    gint64         rowid);
gint64 falt_search_hit_get_rowid   (FaltSearchHit *self);
void   falt_search_hit_set_snippet (FaltSearchHit *self,
                                    const char    *snippet);

G_END_DECLS
