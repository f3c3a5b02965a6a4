/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "falt-pdf-view.h"

G_BEGIN_DECLS

#define FALT_TYPE_PDF_CONTROLS (falt_pdf_controls_get_type ())
G_DECLARE_FINAL_TYPE (FaltPdfControls, falt_pdf_controls, FALT, PDF_CONTROLS, GtkBox)

void falt_pdf_controls_set_view (FaltPdfControls *self,
                                 FaltPdfView     *view);

G_END_DECLS
