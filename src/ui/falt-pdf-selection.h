/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "falt-pdf-canvas.h"

G_BEGIN_DECLS

#define FALT_TYPE_PDF_SELECTION (falt_pdf_selection_get_type ())
G_DECLARE_FINAL_TYPE (FaltPdfSelection, falt_pdf_selection, FALT, PDF_SELECTION, GObject)

FaltPdfSelection *falt_pdf_selection_new         (FaltPdfCanvas         *canvas);
void              falt_pdf_selection_clear       (FaltPdfSelection      *self);
void              falt_pdf_selection_begin       (FaltPdfSelection      *self,
                                                  double                 x,
                                                  double                 y);
void              falt_pdf_selection_extend      (FaltPdfSelection      *self,
                                                  double                 x,
                                                  double                 y);
void              falt_pdf_selection_select_all  (FaltPdfSelection      *self);
gboolean          falt_pdf_selection_is_empty    (FaltPdfSelection      *self);
void              falt_pdf_selection_copy        (FaltPdfSelection      *self,
                                                  GtkWidget             *widget);

G_END_DECLS
