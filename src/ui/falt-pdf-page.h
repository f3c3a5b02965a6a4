/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "falt-pdf-cache.h"
#include "falt-pdf-document.h"

G_BEGIN_DECLS

#define FALT_TYPE_PDF_PAGE (falt_pdf_page_get_type ())
G_DECLARE_FINAL_TYPE (FaltPdfPage, falt_pdf_page, FALT, PDF_PAGE, GtkWidget)

GtkWidget *falt_pdf_page_new           (void);
void       falt_pdf_page_bind          (FaltPdfPage     *self,
                                        FaltPdfDocument *document,
                                        FaltPdfCache    *cache,
                                        int              page);
void       falt_pdf_page_unbind        (FaltPdfPage     *self);
void       falt_pdf_page_update        (FaltPdfPage     *self);
void       falt_pdf_page_set_visible_area (FaltPdfPage           *self,
                                           const graphene_rect_t *area);
GHashTable *falt_pdf_page_get_tiles    (FaltPdfPage     *self);
int        falt_pdf_page_get_index     (FaltPdfPage     *self);
gboolean   falt_pdf_page_is_rendered   (FaltPdfPage     *self);
void       falt_pdf_page_set_hits      (FaltPdfPage     *self,
                                        GArray          *hits,
                                        int              current);
void       falt_pdf_page_set_selection (FaltPdfPage     *self,
                                        GArray          *rects);

G_END_DECLS
