/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "falt-pdf-canvas.h"

G_BEGIN_DECLS

#define FALT_TYPE_PDF_FIND (falt_pdf_find_get_type ())
G_DECLARE_FINAL_TYPE (FaltPdfFind, falt_pdf_find, FALT, PDF_FIND, GObject)

FaltPdfFind *falt_pdf_find_new         (FaltPdfCanvas *canvas);
void         falt_pdf_find_start       (FaltPdfFind   *self,
                                        const char    *text);
void         falt_pdf_find_start_words (FaltPdfFind        *self,
                                        const char * const *words);
void         falt_pdf_find_stop        (FaltPdfFind   *self);
void         falt_pdf_find_step        (FaltPdfFind   *self,
                                        int            direction);
guint        falt_pdf_find_get_n_hits  (FaltPdfFind   *self);
guint        falt_pdf_find_get_current (FaltPdfFind   *self);
int          falt_pdf_find_get_current_page (FaltPdfFind *self);
gboolean     falt_pdf_find_is_running  (FaltPdfFind   *self);

G_END_DECLS
