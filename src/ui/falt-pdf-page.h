/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include <poppler.h>

G_BEGIN_DECLS

#define FALT_TYPE_PDF_PAGE (falt_pdf_page_get_type ())
G_DECLARE_FINAL_TYPE (FaltPdfPage, falt_pdf_page, FALT, PDF_PAGE, GtkWidget)

GtkWidget *falt_pdf_page_new      (void);
void       falt_pdf_page_set_page (FaltPdfPage *self,
                                   PopplerPage *page,
                                   int          n_pages);
void       falt_pdf_page_set_zoom (FaltPdfPage *self,
                                   double       zoom);

G_END_DECLS
