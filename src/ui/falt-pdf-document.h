/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "falt-pdf-job.h"

G_BEGIN_DECLS

#define FALT_PDF_ERROR (falt_pdf_error_quark ())

typedef enum {
  FALT_PDF_ERROR_NOT_PDF,
  FALT_PDF_ERROR_DAMAGED,
  FALT_PDF_ERROR_ENCRYPTED,
  FALT_PDF_ERROR_BAD_PASSWORD,
} FaltPdfError;

GQuark falt_pdf_error_quark (void);

#define FALT_TYPE_PDF_DOCUMENT (falt_pdf_document_get_type ())
G_DECLARE_FINAL_TYPE (FaltPdfDocument, falt_pdf_document, FALT, PDF_DOCUMENT, GObject)

FaltPdfDocument *falt_pdf_document_new             (GBytes              *bytes,
                                                    const char          *password,
                                                    GError             **error);
void             falt_pdf_document_new_async       (GBytes              *bytes,
                                                    const char          *password,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
FaltPdfDocument *falt_pdf_document_new_finish      (GAsyncResult        *result,
                                                    GError             **error);
void             falt_pdf_document_preload         (GFile               *file);
FaltPdfDocument *falt_pdf_document_take_preloaded  (GFile               *file,
                                                    GBytes             **bytes);
GBytes          *falt_pdf_document_get_bytes       (FaltPdfDocument     *self);
int              falt_pdf_document_get_n_pages     (FaltPdfDocument     *self);
void             falt_pdf_document_get_page_size   (FaltPdfDocument     *self,
                                                    int                  page,
                                                    double              *width,
                                                    double              *height);
const char      *falt_pdf_document_get_page_label  (FaltPdfDocument     *self,
                                                    int                  page);
gboolean         falt_pdf_document_has_page_labels (FaltPdfDocument     *self);
int              falt_pdf_document_find_page       (FaltPdfDocument     *self,
                                                    const char          *label);
const char      *falt_pdf_document_get_title       (FaltPdfDocument     *self);
const char      *falt_pdf_document_get_author      (FaltPdfDocument     *self);
void             falt_pdf_document_run             (FaltPdfDocument     *self,
                                                    FaltPdfJob          *job);
guint            falt_pdf_document_get_n_jobs      (FaltPdfDocument     *self);

G_END_DECLS
