/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "falt-pdf-cache.h"
#include "falt-pdf-document.h"

G_BEGIN_DECLS

typedef enum {
  FALT_PDF_FIT_AUTOMATIC,  /* the width of the view, at most 100 % */
  FALT_PDF_FIT_WIDTH,
  FALT_PDF_FIT_PAGE,
  FALT_PDF_FIT_NONE,       /* the zoom set */
} FaltPdfFitMode;

#define FALT_TYPE_PDF_CANVAS (falt_pdf_canvas_get_type ())
G_DECLARE_FINAL_TYPE (FaltPdfCanvas, falt_pdf_canvas, FALT, PDF_CANVAS, GtkWidget)

#define FALT_PDF_ZOOM_MIN 0.1
#define FALT_PDF_ZOOM_MAX 4.0
/* What the rendered pages may keep besides those on screen. */
#define FALT_PDF_CACHE_BYTES (64 * 1024 * 1024)

GtkWidget       *falt_pdf_canvas_new              (void);
void             falt_pdf_canvas_set_document     (FaltPdfCanvas         *self,
                                                   FaltPdfDocument       *document);
FaltPdfDocument *falt_pdf_canvas_get_document     (FaltPdfCanvas         *self);
FaltPdfCache    *falt_pdf_canvas_get_cache        (FaltPdfCanvas         *self);
double           falt_pdf_canvas_get_zoom         (FaltPdfCanvas         *self);
void             falt_pdf_canvas_set_zoom         (FaltPdfCanvas         *self,
                                                   double                 zoom);
FaltPdfFitMode   falt_pdf_canvas_get_fit_mode     (FaltPdfCanvas         *self);
void             falt_pdf_canvas_set_fit_mode     (FaltPdfCanvas         *self,
                                                   FaltPdfFitMode         mode);
void             falt_pdf_canvas_scroll_to_page   (FaltPdfCanvas         *self,
                                                   int                    page);
void             falt_pdf_canvas_scroll_to_area   (FaltPdfCanvas         *self,
                                                   int                    page,
                                                   const graphene_rect_t *area);
int              falt_pdf_canvas_get_current_page (FaltPdfCanvas         *self);
gboolean         falt_pdf_canvas_get_page_rect    (FaltPdfCanvas         *self,
                                                   int                    page,
                                                   graphene_rect_t       *rect);
gboolean         falt_pdf_canvas_find_point       (FaltPdfCanvas         *self,
                                                   double                 x,
                                                   double                 y,
                                                   int                   *page,
                                                   graphene_point_t      *point);
void             falt_pdf_canvas_set_hits         (FaltPdfCanvas         *self,
                                                   int                    page,
                                                   GArray                *hits);
void             falt_pdf_canvas_set_current_hit  (FaltPdfCanvas         *self,
                                                   int                    page,
                                                   int                    hit);
void             falt_pdf_canvas_clear_hits       (FaltPdfCanvas         *self);
void             falt_pdf_canvas_set_selection    (FaltPdfCanvas         *self,
                                                   int                    page,
                                                   GArray                *rects);
void             falt_pdf_canvas_clear_selection  (FaltPdfCanvas         *self);
GPtrArray       *falt_pdf_canvas_get_page_widgets (FaltPdfCanvas         *self);
void             falt_pdf_canvas_prerender        (FaltPdfCanvas         *self,
                                                   int                    width,
                                                   int                    height);

G_END_DECLS
