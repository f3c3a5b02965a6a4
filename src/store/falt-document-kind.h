/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * FaltDocumentKind:
 * @FALT_DOCUMENT_KIND_ARTICLE: an article, Markdown
 * @FALT_DOCUMENT_KIND_PDF: a PDF document
 * @FALT_DOCUMENT_KIND_COORDINATOR: a regional coordinator (in search hits)
 *
 * What a document or search hit is. The store and the feed name kinds with
 * these strings ("article", "pdf", "coordinator"); code compares the enum.
 */
typedef enum
{
  FALT_DOCUMENT_KIND_ARTICLE,
  FALT_DOCUMENT_KIND_PDF,
  FALT_DOCUMENT_KIND_COORDINATOR,
} FaltDocumentKind;

FaltDocumentKind falt_document_kind_from_string (const char *kind);

G_END_DECLS
