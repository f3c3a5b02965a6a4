/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "falt-document-kind.h"

G_BEGIN_DECLS

#define FALT_TYPE_SEARCH_HIT (falt_search_hit_get_type ())
G_DECLARE_FINAL_TYPE (FaltSearchHit, falt_search_hit, FALT, SEARCH_HIT, GObject)

FaltSearchHit *falt_search_hit_new (const char *doc_id,
                                    const char *kind,
                                    const char *lang,
                                    const char *title,
                                    const char *snippet,
                                    int page,
                                    const char *page_label,
                                    double score);
const char *falt_search_hit_get_doc_id (FaltSearchHit *self);
const char *falt_search_hit_get_kind (FaltSearchHit *self);
FaltDocumentKind falt_search_hit_get_document_kind (FaltSearchHit *self);
const char *falt_search_hit_get_lang (FaltSearchHit *self);
const char *falt_search_hit_get_title (FaltSearchHit *self);
const char *falt_search_hit_get_snippet (FaltSearchHit *self);
int falt_search_hit_get_page (FaltSearchHit *self);
const char *falt_search_hit_get_page_label (FaltSearchHit *self);
double falt_search_hit_get_score (FaltSearchHit *self);

G_END_DECLS
