/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-pdf-page"

#include "falt-pdf-page-private.h"
#include "falt-pdf-tiles.h"

/* A page bigger than FALT_PDF_TEXTURE_MAX_SIDE at its size is drawn from
 * tiles (as Papers does at high zoom): the tiles on screen are asked for
 * first, those next to them at low priority, and those that scroll away
 * are cancelled and left to the cache. Where a tile has yet to come, the
 * tiles at the zoom before are drawn scaled, over the page's whole-page
 * stand-in, so that nothing flashes white. */

static void
cancel_tile_job (gpointer data)
{
  FaltPdfJob *job = data;

  falt_pdf_page_cancel_job (&job);
}

void
falt_pdf_page_init_tiles (FaltPdfPage *self)
{
  self->tiles = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  self->old_tiles = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  self->tile_jobs = g_hash_table_new_full (NULL, NULL, NULL, cancel_tile_job);
}

/* In dispose, after falt_pdf_page_drop_tiles(). */
void
falt_pdf_page_clear_tiles (FaltPdfPage *self)
{
  g_clear_pointer (&self->tiles, g_hash_table_unref);
  g_clear_pointer (&self->old_tiles, g_hash_table_unref);
  g_clear_pointer (&self->tile_jobs, g_hash_table_unref);
}

/* The visible part, or the whole widget when nobody said. */
static void
get_visible (FaltPdfPage     *self,
             graphene_rect_t *visible)
{
  if (self->has_visible)
    *visible = self->visible;
  else
    *visible = GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (GTK_WIDGET (self)),
                                   gtk_widget_get_height (GTK_WIDGET (self)));
}

/* The tiles @visible touches, grown by @margin tiles on each side. */
static void
get_tile_range (FaltPdfPage           *self,
                const graphene_rect_t *visible,
                int                    margin,
                FaltPdfTileRange      *range)
{
  double to_pixels = self->page_width / MAX (1.0, gtk_widget_get_width (GTK_WIDGET (self)));
  double grow = margin * FALT_PDF_TILE_SIZE;

  falt_pdf_tiles_get_range (self->page_width, self->page_height,
                            visible->origin.x * to_pixels - grow, visible->origin.y * to_pixels - grow,
                            visible->size.width * to_pixels + 2 * grow,
                            visible->size.height * to_pixels + 2 * grow, range);
}

/* The tiles at the zoom before go once those on screen are all there. */
static void
forget_old_tiles_when_shown (FaltPdfPage *self)
{
  if (g_hash_table_size (self->old_tiles) > 0 && falt_pdf_page_tiles_are_rendered (self, self->tile_scale))
    {
      g_hash_table_remove_all (self->old_tiles);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
on_tile_finished_cb (FaltPdfJob  *job,
                     FaltPdfPage *self)
{
  GdkTexture *texture = falt_pdf_job_get_texture (job);
  int tile = falt_pdf_job_get_tile (job);

  if (texture != NULL && falt_pdf_job_get_scale (job) == self->tile_scale)
    {
      g_hash_table_insert (self->tiles, GINT_TO_POINTER (tile), g_object_ref (texture));
      falt_pdf_cache_insert_tile (self->cache, self->index, self->tile_scale, tile, texture);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      forget_old_tiles_when_shown (self);
    }
  g_hash_table_remove (self->tile_jobs, GINT_TO_POINTER (tile));
}

/* Shows @tile from the cache, or asks the worker for it. A tile asked for
 * as a neighbour that is now on screen is asked for anew, urgently. */
static void
request_tile (FaltPdfPage        *self,
              int                 tile,
              FaltPdfJobPriority  priority)
{
  GdkTexture *cached;
  FaltPdfJob *job;

  if (g_hash_table_contains (self->tiles, GINT_TO_POINTER (tile)))
    return;

  cached = falt_pdf_cache_lookup_tile (self->cache, self->index, self->tile_scale, tile);
  if (cached != NULL)
    {
      g_hash_table_insert (self->tiles, GINT_TO_POINTER (tile), g_object_ref (cached));
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }

  job = g_hash_table_lookup (self->tile_jobs, GINT_TO_POINTER (tile));
  if (job != NULL && falt_pdf_job_get_priority (job) <= priority)
    return;

  job = falt_pdf_job_new_render_tile (self->index, self->tile_scale, tile, priority);
  g_signal_connect (job, "finished", G_CALLBACK (on_tile_finished_cb), self);
  /* Replacing a queued job cancels it. */
  g_hash_table_insert (self->tile_jobs, GINT_TO_POINTER (tile), job);
  falt_pdf_document_run (self->document, job);
}

typedef struct
{
  const FaltPdfTileRange *range;
  int                     width;
} Keep;

static gboolean
is_outside_range_cb (gpointer key,
                     gpointer value,
                     gpointer data)
{
  const Keep *keep = data;

  return !falt_pdf_tile_range_contains (keep->range, keep->width, GPOINTER_TO_INT (key));
}

static void
drop_tiles_outside (FaltPdfPage            *self,
                    const FaltPdfTileRange *range)
{
  Keep keep = { range, self->page_width };

  g_hash_table_foreach_remove (self->tile_jobs, is_outside_range_cb, &keep);
  g_hash_table_foreach_remove (self->tiles, is_outside_range_cb, &keep);
}

void
falt_pdf_page_request_tiles (FaltPdfPage *self,
                             double       scale)
{
  graphene_rect_t visible;
  FaltPdfTileRange shown, near;
  int columns;

  if (scale != self->tile_scale)
    {
      g_hash_table_remove_all (self->tile_jobs);
      /* Those at the zoom before stay drawn, scaled, meanwhile; a pinch
       * passes zooms whose tiles never came, and keeps the last that did. */
      if (g_hash_table_size (self->tiles) > 0)
        {
          GHashTable *old = self->old_tiles;

          self->old_tiles = self->tiles;
          self->tiles = old;
          self->old_page_width = self->page_width;
          self->old_page_height = self->page_height;
        }
      g_hash_table_remove_all (self->tiles);
      self->tile_scale = scale;
      falt_pdf_tiles_get_page_pixels (self->width_pt, self->height_pt, scale, &self->page_width, &self->page_height);
    }

  get_visible (self, &visible);
  get_tile_range (self, &visible, 0, &shown);
  get_tile_range (self, &visible, 1, &near);
  columns = falt_pdf_tiles_get_n_columns (self->page_width);
  for (int row = shown.first_row; row <= shown.last_row; row++)
    for (int column = shown.first_column; column <= shown.last_column; column++)
      request_tile (self, row * columns + column, FALT_PDF_JOB_PRIORITY_URGENT);
  for (int row = near.first_row; row <= near.last_row; row++)
    for (int column = near.first_column; column <= near.last_column; column++)
      request_tile (self, row * columns + column, FALT_PDF_JOB_PRIORITY_LOW);

  /* What scrolled away is cancelled, and left to the cache. */
  drop_tiles_outside (self, &near);
  forget_old_tiles_when_shown (self);
}

void
falt_pdf_page_drop_tiles (FaltPdfPage *self)
{
  g_hash_table_remove_all (self->tile_jobs);
  g_hash_table_remove_all (self->tiles);
  g_hash_table_remove_all (self->old_tiles);
  self->tile_scale = 0;
}

/* Whether the tiles on screen at @scale are all there. */
gboolean
falt_pdf_page_tiles_are_rendered (FaltPdfPage *self,
                                  double       scale)
{
  graphene_rect_t visible;
  FaltPdfTileRange range;
  int columns;

  if (self->tile_scale != scale)
    return FALSE;

  get_visible (self, &visible);
  get_tile_range (self, &visible, 0, &range);
  columns = falt_pdf_tiles_get_n_columns (self->page_width);
  for (int row = range.first_row; row <= range.last_row; row++)
    for (int column = range.first_column; column <= range.last_column; column++)
      if (!g_hash_table_contains (self->tiles, GINT_TO_POINTER (row * columns + column)))
        return FALSE;
  return TRUE;
}

/* Where a tile of the page at @page_width × @page_height pixels is, in
 * the widget's coordinates. */
static void
get_tile_bounds_at (FaltPdfPage     *self,
                    int              page_width,
                    int              page_height,
                    int              tile,
                    graphene_rect_t *bounds)
{
  double to_widget = gtk_widget_get_width (GTK_WIDGET (self)) / (double) page_width;
  int x, y, width, height;

  falt_pdf_tiles_get_rect (page_width, page_height, tile, &x, &y, &width, &height);
  *bounds = GRAPHENE_RECT_INIT (x * to_widget, y * to_widget, width * to_widget, height * to_widget);
}

static void
get_tile_bounds (FaltPdfPage     *self,
                 int              tile,
                 graphene_rect_t *bounds)
{
  get_tile_bounds_at (self, self->page_width, self->page_height, tile, bounds);
}

/* The tiles at the zoom before that meet @area, scaled. Each is clipped
 * to its place and padded, so that scaling fades no edge into a seam. */
static void
paint_old_tiles (FaltPdfPage           *self,
                 cairo_t               *cr,
                 const graphene_rect_t *area)
{
  GHashTableIter iter;
  gpointer key, texture;

  g_hash_table_iter_init (&iter, self->old_tiles);
  while (g_hash_table_iter_next (&iter, &key, &texture))
    {
      cairo_surface_t *surface = falt_pdf_job_get_surface (texture);
      graphene_rect_t bounds;

      get_tile_bounds_at (self, self->old_page_width, self->old_page_height, GPOINTER_TO_INT (key), &bounds);
      if (surface == NULL || !graphene_rect_intersection (&bounds, area, NULL))
        continue;
      cairo_save (cr);
      cairo_rectangle (cr, bounds.origin.x, bounds.origin.y, bounds.size.width, bounds.size.height);
      cairo_clip (cr);
      cairo_translate (cr, bounds.origin.x, bounds.origin.y);
      cairo_scale (cr, bounds.size.width / cairo_image_surface_get_width (surface),
                   bounds.size.height / cairo_image_surface_get_height (surface));
      cairo_set_source_surface (cr, surface, 0, 0);
      cairo_pattern_set_extend (cairo_get_source (cr), CAIRO_EXTEND_PAD);
      cairo_paint (cr);
      cairo_restore (cr);
    }
}

/* One tile, or where it has yet to come the stand-in's part of it, or
 * paper. */
static void
paint_tile (FaltPdfPage *self,
            cairo_t     *cr,
            int          tile)
{
  GdkTexture *texture = g_hash_table_lookup (self->tiles, GINT_TO_POINTER (tile));
  graphene_rect_t bounds, page = GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (GTK_WIDGET (self)),
                                                     gtk_widget_get_height (GTK_WIDGET (self)));

  get_tile_bounds (self, tile, &bounds);
  if (texture != NULL && falt_pdf_job_get_surface (texture) != NULL)
    {
      falt_pdf_page_paint_texture (cr, texture, &bounds);
      return;
    }

  cairo_save (cr);
  cairo_rectangle (cr, bounds.origin.x, bounds.origin.y, bounds.size.width, bounds.size.height);
  cairo_clip (cr);
  if (self->texture != NULL && falt_pdf_job_get_surface (self->texture) != NULL)
    falt_pdf_page_paint_texture (cr, self->texture, &page);
  else
    {
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
    }
  paint_old_tiles (self, cr, &bounds);
  cairo_restore (cr);
}

/* The same with textures, for GL: the stand-in under the tiles. */
static void
append_tile_textures (FaltPdfPage            *self,
                      GtkSnapshot            *snapshot,
                      const graphene_rect_t  *shown,
                      const FaltPdfTileRange *range)
{
  graphene_rect_t page = GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (GTK_WIDGET (self)),
                                             gtk_widget_get_height (GTK_WIDGET (self)));
  static const GdkRGBA paper = { 1, 1, 1, 1 };
  int columns = falt_pdf_tiles_get_n_columns (self->page_width);

  GHashTableIter iter;
  gpointer key, old;

  gtk_snapshot_push_clip (snapshot, shown);
  if (self->texture != NULL)
    gtk_snapshot_append_texture (snapshot, self->texture, &page);
  else
    gtk_snapshot_append_color (snapshot, &paper, shown);
  g_hash_table_iter_init (&iter, self->old_tiles);
  while (g_hash_table_iter_next (&iter, &key, &old))
    {
      graphene_rect_t bounds;

      get_tile_bounds_at (self, self->old_page_width, self->old_page_height, GPOINTER_TO_INT (key), &bounds);
      gtk_snapshot_append_texture (snapshot, old, &bounds);
    }
  for (int row = range->first_row; row <= range->last_row; row++)
    for (int column = range->first_column; column <= range->last_column; column++)
      {
        GdkTexture *texture = g_hash_table_lookup (self->tiles, GINT_TO_POINTER (row * columns + column));
        graphene_rect_t bounds;

        if (texture == NULL)
          continue;
        get_tile_bounds (self, row * columns + column, &bounds);
        gtk_snapshot_append_texture (snapshot, texture, &bounds);
      }
  gtk_snapshot_pop (snapshot);
}

/* Only the tiles on screen are drawn: the rest of the page is not seen. */
void
falt_pdf_page_append_tiles (FaltPdfPage *self,
                            GtkSnapshot *snapshot)
{
  graphene_rect_t visible, first, last, shown;
  FaltPdfTileRange range;
  int columns = falt_pdf_tiles_get_n_columns (self->page_width);
  cairo_t *cr;

  get_visible (self, &visible);
  get_tile_range (self, &visible, 0, &range);
  if (range.last_row < range.first_row || range.last_column < range.first_column)
    return;

  get_tile_bounds (self, range.first_row * columns + range.first_column, &first);
  get_tile_bounds (self, range.last_row * columns + range.last_column, &last);
  graphene_rect_union (&first, &last, &shown);
  if (!falt_pdf_page_uses_cairo (self))
    {
      append_tile_textures (self, snapshot, &shown, &range);
      return;
    }

  cr = gtk_snapshot_append_cairo (snapshot, &shown);
  for (int row = range.first_row; row <= range.last_row; row++)
    for (int column = range.first_column; column <= range.last_column; column++)
      paint_tile (self, cr, row * columns + column);
  cairo_destroy (cr);
}

/**
 * falt_pdf_page_set_visible_area:
 * @area: the part of the page on screen, in the page's coordinates
 *
 * A tiled page draws and asks for the tiles there, and their neighbours.
 * Takes effect at falt_pdf_page_update().
 */
void
falt_pdf_page_set_visible_area (FaltPdfPage           *self,
                                const graphene_rect_t *area)
{
  FaltPdfTileRange before, after;

  g_return_if_fail (FALT_IS_PDF_PAGE (self));

  if (self->tile_scale > 0)
    {
      graphene_rect_t visible;

      get_visible (self, &visible);
      get_tile_range (self, &visible, 0, &before);
      get_tile_range (self, area, 0, &after);
      if (memcmp (&before, &after, sizeof before) != 0)
        gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  self->visible = *area;
  self->has_visible = TRUE;
}

/**
 * falt_pdf_page_get_tiles:
 *
 * Returns: (transfer none): the tiles the page holds, tile index →
 *   #GdkTexture; empty unless the page is tiled
 */
GHashTable *
falt_pdf_page_get_tiles (FaltPdfPage *self)
{
  g_return_val_if_fail (FALT_IS_PDF_PAGE (self), NULL);

  return self->tiles;
}

/* The tiles at the zoom before, drawn until the new ones are all there. */
GHashTable *
falt_pdf_page_get_old_tiles (FaltPdfPage *self)
{
  return self->old_tiles;
}
