/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "falt-search-result.h"

G_BEGIN_DECLS

#define FALT_TYPE_SEARCH_RESULT_ROW (falt_search_result_row_get_type ())
G_DECLARE_FINAL_TYPE (FaltSearchResultRow, falt_search_result_row, FALT, SEARCH_RESULT_ROW, GtkListBoxRow)

GtkWidget        *falt_search_result_row_new        (FaltSearchResult *result);
FaltSearchResult *falt_search_result_row_get_result (FaltSearchResultRow *self);

G_END_DECLS
