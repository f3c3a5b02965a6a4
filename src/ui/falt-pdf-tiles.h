/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Above this many device pixels on a side a page is not rendered whole
 * but in tiles, only those on screen and next to it (as Papers does at
 * high zoom): a whole page at zoom 3 is 32 MB, and painting it cost a
 * frame. No texture the viewer keeps is bigger than this. */
#define FALT_PDF_TEXTURE_MAX_SIDE 2048
/* A tile's side in device pixels (the last row and column are cut at the
 * page's edge). */
#define FALT_PDF_TILE_SIZE 512
/* A tiled page also has a whole-page texture this big at most, drawn
 * scaled wherever a tile has yet to come, so that nothing flashes white. */
#define FALT_PDF_FALLBACK_MAX_SIDE 1024

/* Which tiles: columns first..last, rows first..last; empty when last < first. */
typedef struct
{
  int first_column;
  int last_column;
  int first_row;
  int last_row;
} FaltPdfTileRange;

void     falt_pdf_tiles_get_page_pixels (double            width_pt,
                                         double            height_pt,
                                         double            scale,
                                         int              *width,
                                         int              *height);
gboolean falt_pdf_tiles_are_needed      (double            width_pt,
                                         double            height_pt,
                                         double            scale);
double   falt_pdf_tiles_fallback_scale  (double            width_pt,
                                         double            height_pt,
                                         double            scale);
int      falt_pdf_tiles_get_n_columns   (int               width);
int      falt_pdf_tiles_get_n_rows      (int               height);
void     falt_pdf_tiles_get_rect        (int               width,
                                         int               height,
                                         int               tile,
                                         int              *x,
                                         int              *y,
                                         int              *tile_width,
                                         int              *tile_height);
void     falt_pdf_tiles_get_range       (int               width,
                                         int               height,
                                         double            x,
                                         double            y,
                                         double            area_width,
                                         double            area_height,
                                         FaltPdfTileRange *range);
gboolean falt_pdf_tile_range_contains   (const FaltPdfTileRange *range,
                                         int               width,
                                         int               tile);

G_END_DECLS
