/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "falt-pdf-canvas.h"
#include "falt-pdf-find.h"
#include "falt-pdf-selection.h"
#include "falt-pdf-view.h"

G_BEGIN_DECLS

/* For tests. */
FaltPdfCanvas *falt_pdf_view_get_canvas      (FaltPdfView *self);
FaltPdfFind   *falt_pdf_view_get_find        (FaltPdfView *self);
FaltPdfSelection *falt_pdf_view_get_selection (FaltPdfView *self);
const char    *falt_pdf_view_get_find_status (FaltPdfView *self);
void           falt_pdf_view_print           (FaltPdfView             *self,
                                              GtkPrintOperationAction  action,
                                              GtkPrintSettings        *settings);

G_END_DECLS
