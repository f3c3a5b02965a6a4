/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "falt-pdf-document.h"

G_BEGIN_DECLS

#define FALT_TYPE_PDF_VIEW (falt_pdf_view_get_type ())
G_DECLARE_FINAL_TYPE (FaltPdfView, falt_pdf_view, FALT, PDF_VIEW, AdwBin)

GtkWidget       *falt_pdf_view_new              (void);
gboolean         falt_pdf_view_load_bytes       (FaltPdfView     *self,
                                                 GBytes          *bytes,
                                                 GError         **error);
void             falt_pdf_view_set_document     (FaltPdfView     *self,
                                                 FaltPdfDocument *document);
FaltPdfDocument *falt_pdf_view_get_document     (FaltPdfView     *self);
GActionGroup    *falt_pdf_view_get_actions      (FaltPdfView     *self);
int              falt_pdf_view_get_n_pages      (FaltPdfView     *self);
void             falt_pdf_view_find             (FaltPdfView     *self,
                                                 const char      *text);
void             falt_pdf_view_find_words       (FaltPdfView        *self,
                                                 const char         *text,
                                                 const char * const *words);
void             falt_pdf_view_scroll_to_page   (FaltPdfView     *self,
                                                 int              page);
int              falt_pdf_view_get_current_page (FaltPdfView     *self);
double           falt_pdf_view_get_zoom         (FaltPdfView     *self);
void             falt_pdf_view_set_zoom         (FaltPdfView     *self,
                                                 double           zoom);
void             falt_pdf_view_set_presenting   (FaltPdfView     *self,
                                                 gboolean         presenting);

G_END_DECLS
