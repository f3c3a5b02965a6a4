/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-pdf-tiles"

#include <math.h>

#include "falt-pdf-tiles.h"

/* The geometry of a page cut into tiles, in device pixels of the page
 * rendered at a scale. A tile is named by its index, row by row from the
 * top left: the worker renders it, the cache keys it and the page draws it
 * from the same numbers, so tiles meet without seams. */

#define POINTS_TO_PIXELS (96.0 / 72.0)

/**
 * falt_pdf_tiles_get_page_pixels:
 * @scale: device pixels per CSS pixel at zoom 1 times the zoom
 *
 * The page's size in device pixels at @scale, rounded up. A scale worked
 * out from a width in pixels gives back that width, not one more.
 */
void
falt_pdf_tiles_get_page_pixels (double  width_pt,
                                double  height_pt,
                                double  scale,
                                int    *width,
                                int    *height)
{
  *width = MAX (1, (int) ceil (width_pt * POINTS_TO_PIXELS * scale - 1e-3));
  *height = MAX (1, (int) ceil (height_pt * POINTS_TO_PIXELS * scale - 1e-3));
}

gboolean
falt_pdf_tiles_are_needed (double width_pt,
                           double height_pt,
                           double scale)
{
  int width, height;

  falt_pdf_tiles_get_page_pixels (width_pt, height_pt, scale, &width, &height);
  return MAX (width, height) > FALT_PDF_TEXTURE_MAX_SIDE;
}

/* The scale of a tiled page's whole-page stand-in: @scale, or less so that
 * it fits in FALT_PDF_FALLBACK_MAX_SIDE. */
double
falt_pdf_tiles_fallback_scale (double width_pt,
                               double height_pt,
                               double scale)
{
  double fit = FALT_PDF_FALLBACK_MAX_SIDE / (MAX (width_pt, height_pt) * POINTS_TO_PIXELS);

  return MIN (scale, fit);
}

int
falt_pdf_tiles_get_n_columns (int width)
{
  return (width + FALT_PDF_TILE_SIZE - 1) / FALT_PDF_TILE_SIZE;
}

int
falt_pdf_tiles_get_n_rows (int height)
{
  return (height + FALT_PDF_TILE_SIZE - 1) / FALT_PDF_TILE_SIZE;
}

/**
 * falt_pdf_tiles_get_rect:
 * @width: the page's width in device pixels
 * @height: its height
 * @tile: the tile's index
 *
 * Where @tile is on the page, in device pixels; the last row and column
 * end at the page's edge.
 */
void
falt_pdf_tiles_get_rect (int  width,
                         int  height,
                         int  tile,
                         int *x,
                         int *y,
                         int *tile_width,
                         int *tile_height)
{
  int columns = falt_pdf_tiles_get_n_columns (width);

  *x = (tile % columns) * FALT_PDF_TILE_SIZE;
  *y = (tile / columns) * FALT_PDF_TILE_SIZE;
  *tile_width = MIN (FALT_PDF_TILE_SIZE, width - *x);
  *tile_height = MIN (FALT_PDF_TILE_SIZE, height - *y);
}

/**
 * falt_pdf_tiles_get_range:
 * @x: the area's left, in the page's device pixels
 *
 * The tiles an area of the page touches, none when it misses the page.
 */
void
falt_pdf_tiles_get_range (int               width,
                          int               height,
                          double            x,
                          double            y,
                          double            area_width,
                          double            area_height,
                          FaltPdfTileRange *range)
{
  double right = MIN (x + area_width, width);
  double bottom = MIN (y + area_height, height);

  x = MAX (x, 0);
  y = MAX (y, 0);
  if (right <= x || bottom <= y)
    {
      *range = (FaltPdfTileRange) { 0, -1, 0, -1 };
      return;
    }
  range->first_column = (int) floor (x / FALT_PDF_TILE_SIZE);
  range->last_column = (int) ceil (right / FALT_PDF_TILE_SIZE) - 1;
  range->first_row = (int) floor (y / FALT_PDF_TILE_SIZE);
  range->last_row = (int) ceil (bottom / FALT_PDF_TILE_SIZE) - 1;
}

gboolean
falt_pdf_tile_range_contains (const FaltPdfTileRange *range,
                              int                     width,
                              int                     tile)
{
  int columns = falt_pdf_tiles_get_n_columns (width);
  int column = tile % columns, row = tile / columns;

  return column >= range->first_column && column <= range->last_column
         && row >= range->first_row && row <= range->last_row;
}
