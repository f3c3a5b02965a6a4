/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "falt-document-kind.h"
#include "falt-store-enums.h"

G_BEGIN_DECLS

#define FALT_TYPE_DOCUMENT (falt_document_get_type ())
G_DECLARE_FINAL_TYPE (FaltDocument, falt_document, FALT, DOCUMENT, GObject)

FaltDocument *falt_document_new (const char *id,
                                 const char *kind,
                                 const char *section,
                                 const char *lang,
                                 const char *title,
                                 const char *summary,
                                 const char *updated,
                                 const char * const *tags,
                                 gboolean example);
const char *falt_document_get_id (FaltDocument *self);
const char *falt_document_get_kind (FaltDocument *self);
FaltDocumentKind falt_document_get_document_kind (FaltDocument *self);
const char *falt_document_get_section (FaltDocument *self);
const char *falt_document_get_lang (FaltDocument *self);
const char *falt_document_get_title (FaltDocument *self);
const char *falt_document_get_summary (FaltDocument *self);
const char *falt_document_get_updated (FaltDocument *self);
const char * const *falt_document_get_tags (FaltDocument *self);
gboolean falt_document_get_example (FaltDocument *self);

G_END_DECLS
