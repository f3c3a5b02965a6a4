/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "falt-pdf-find.h"

G_BEGIN_DECLS

#define FALT_TYPE_PDF_FIND_BAR (falt_pdf_find_bar_get_type ())
G_DECLARE_FINAL_TYPE (FaltPdfFindBar, falt_pdf_find_bar, FALT, PDF_FIND_BAR, GtkBox)

void        falt_pdf_find_bar_set_find   (FaltPdfFindBar *self,
                                          FaltPdfFind    *find);
void        falt_pdf_find_bar_focus      (FaltPdfFindBar *self);
void        falt_pdf_find_bar_set_text   (FaltPdfFindBar *self,
                                          const char     *text);
void        falt_pdf_find_bar_set_words  (FaltPdfFindBar     *self,
                                          const char         *text,
                                          const char * const *words);
const char *falt_pdf_find_bar_get_status (FaltPdfFindBar *self);

G_END_DECLS
