/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "store/falt-search-hit.h"

G_BEGIN_DECLS

/**
 * FaltSearchResultKind:
 * @FALT_SEARCH_RESULT_HIT: an article or a coordinator
 * @FALT_SEARCH_RESULT_PDF_DOCUMENT: a PDF, its matching pages below it
 * @FALT_SEARCH_RESULT_PDF_PAGE: a matching page of the PDF above it
 *
 * What a row of the search results shows.
 */
typedef enum
{
  FALT_SEARCH_RESULT_HIT,
  FALT_SEARCH_RESULT_PDF_DOCUMENT,
  FALT_SEARCH_RESULT_PDF_PAGE,
} FaltSearchResultKind;

#define FALT_TYPE_SEARCH_RESULT (falt_search_result_get_type ())
G_DECLARE_FINAL_TYPE (FaltSearchResult, falt_search_result, FALT, SEARCH_RESULT, GObject)

FaltSearchResult    *falt_search_result_new      (FaltSearchHit        *hit,
                                                  FaltSearchResultKind  kind,
                                                  const char           *title,
                                                  const char           *count);
void                 falt_search_result_set      (FaltSearchResult     *self,
                                                  FaltSearchHit        *hit,
                                                  FaltSearchResultKind  kind,
                                                  const char           *title,
                                                  const char           *count);
void                 falt_search_result_clear    (FaltSearchResult     *self);
FaltSearchHit       *falt_search_result_get_hit  (FaltSearchResult     *self);
FaltSearchResultKind falt_search_result_get_kind (FaltSearchResult     *self);
const char          *falt_search_result_get_title   (FaltSearchResult *self);
const char          *falt_search_result_get_count   (FaltSearchResult *self);
const char          *falt_search_result_get_snippet (FaltSearchResult *self);

G_END_DECLS
