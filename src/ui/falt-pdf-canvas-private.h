/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "falt-pdf-canvas.h"
#include "falt-pdf-page.h"

G_BEGIN_DECLS

/* FaltPdfCanvas is spread over falt-pdf-canvas.c (layout, pages on screen),
 * -marks.c (find hits and selection on the pages) and -gestures.c (zoom by
 * Ctrl+scroll and pinch). */

#define POINTS_TO_PIXELS (96.0 / 72.0)
#define MARGIN  12
#define SPACING 12

struct _FaltPdfCanvas
{
  GtkWidget        parent_instance;

  GtkAdjustment   *hadjustment;
  GtkAdjustment   *vadjustment;
  guint            hscroll_policy : 1;
  guint            vscroll_policy : 1;

  FaltPdfDocument *document;
  FaltPdfCache    *cache;
  double           zoom;
  FaltPdfFitMode   fit_mode;

  /* Layout at the last allocation, in pixels. */
  double          *tops;
  double          *widths;
  double          *heights;
  double           total_width;
  double           total_height;
  int              laid_out_width;
  int              laid_out_height;
  double           laid_out_zoom;

  GPtrArray       *bound;       /* FaltPdfPage on screen */
  GPtrArray       *spare;       /* FaltPdfPage to reuse */
  GPtrArray       *prefetch;    /* FaltPdfJob */
  double           prefetch_hvalue;  /* where the tiles prefetched were */
  int              pending_page;
  int              anchor_page;   /* kept in place across a zoom */
  double           anchor_fraction;
  double           anchor_offset;
  double           anchor_x_fraction;
  int              current_page;

  gboolean         allocating;
  guint            notify_source;
  guint            grow_source;
  gboolean         notify_zoom;
  gboolean         notify_current_page;

  GHashTable      *hits;        /* page → GArray of graphene_rect_t */
  int              current_hit_page;
  int              current_hit;
  GHashTable      *selection;   /* page → GArray of graphene_rect_t */
};

void falt_pdf_canvas_decorate_page     (FaltPdfCanvas *self,
                                       FaltPdfPage   *page);
void falt_pdf_canvas_add_zoom_gestures (FaltPdfCanvas *self);

G_END_DECLS
