/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "falt-pdf-page.h"

G_BEGIN_DECLS

/* FaltPdfPage is spread over falt-pdf-page.c (binding, whole pages, hits
 * and selection) and falt-pdf-page-tiles.c (a page drawn from tiles at
 * high zoom). */

struct _FaltPdfPage
{
  GtkWidget        parent_instance;

  FaltPdfDocument *document;
  FaltPdfCache    *cache;
  int              index;
  double           width_pt;
  double           height_pt;

  GdkTexture      *texture;
  double           texture_scale;
  FaltPdfJob      *render_job;
  FaltPdfJob      *text_job;
  gboolean         text_asked;

  /* Tiled: the tiles near the screen at tile_scale (0 when not tiled), of
   * the page's page_width × page_height device pixels at that scale. */
  graphene_rect_t  visible;    /* the part on screen, in the widget's coordinates */
  gboolean         has_visible;
  double           tile_scale;
  int              page_width;
  int              page_height;
  GHashTable      *tiles;      /* tile index → GdkTexture */
  GHashTable      *tile_jobs;  /* tile index → FaltPdfJob */
  /* After a zoom, the tiles at the zoom before, drawn scaled until the
   * new ones are all there. */
  GHashTable      *old_tiles;
  int              old_page_width;
  int              old_page_height;

  GArray          *hits;       /* graphene_rect_t in points */
  int              current_hit;
  GArray          *selection;  /* graphene_rect_t in points */
};

void     falt_pdf_page_cancel_job          (FaltPdfJob            **job);
gboolean falt_pdf_page_uses_cairo          (FaltPdfPage            *self);
void     falt_pdf_page_paint_texture       (cairo_t                *cr,
                                            GdkTexture             *texture,
                                            const graphene_rect_t  *bounds);

void     falt_pdf_page_init_tiles          (FaltPdfPage            *self);
void     falt_pdf_page_clear_tiles         (FaltPdfPage            *self);
void     falt_pdf_page_request_tiles       (FaltPdfPage            *self,
                                            double                  scale);
void     falt_pdf_page_drop_tiles          (FaltPdfPage            *self);
void     falt_pdf_page_append_tiles        (FaltPdfPage            *self,
                                            GtkSnapshot            *snapshot);
gboolean falt_pdf_page_tiles_are_rendered  (FaltPdfPage            *self,
                                            double                  scale);
GHashTable *falt_pdf_page_get_old_tiles    (FaltPdfPage            *self);

G_END_DECLS
