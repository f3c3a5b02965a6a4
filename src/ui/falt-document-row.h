/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "store/falt-document.h"

G_BEGIN_DECLS

#define FALT_TYPE_DOCUMENT_ROW (falt_document_row_get_type ())
G_DECLARE_FINAL_TYPE (FaltDocumentRow, falt_document_row, FALT, DOCUMENT_ROW, AdwActionRow)

GtkWidget    *falt_document_row_new          (FaltDocument       *document,
                                              const char * const *languages,
                                              gboolean            bookmark);
FaltDocument *falt_document_row_get_document (FaltDocumentRow    *self);

G_END_DECLS
