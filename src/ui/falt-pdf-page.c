/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-pdf-page"

#include <glib/gi18n.h>
#include <math.h>

#include "falt-pdf-page.h"
#include "falt-pdf-tiles.h"

/* One page on screen, recycled as pages scroll by. It never calls poppler:
 * it shows the page's cached texture, scaled if it was rendered at another
 * zoom, or a blank sheet of the page's size, and asks the worker for a
 * texture at its size. Unbinding cancels what it asked for.
 *
 * A page bigger than FALT_PDF_TEXTURE_MAX_SIDE at its size is drawn from
 * tiles instead (as Papers does at high zoom): the tiles on screen are
 * asked for first, those next to them at low priority, and those that
 * scroll away are cancelled; a whole-page texture of at most
 * FALT_PDF_FALLBACK_MAX_SIDE stands in, scaled, where a tile has yet to
 * come. */

#define POINTS_TO_PIXELS (96.0 / 72.0)

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

  GArray          *hits;       /* graphene_rect_t in points */
  int              current_hit;
  GArray          *selection;  /* graphene_rect_t in points */
};

G_DEFINE_FINAL_TYPE (FaltPdfPage, falt_pdf_page, GTK_TYPE_WIDGET)

static void
cancel_job (FaltPdfJob **job)
{
  if (*job == NULL)
    return;

  g_signal_handlers_disconnect_matched (*job, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, NULL);
  falt_pdf_job_cancel (*job);
  g_clear_object (job);
}

static void
cancel_tile_job (gpointer data)
{
  FaltPdfJob *job = data;

  cancel_job (&job);
}

/* The scale the page wants at its size on screen, screen density included. */
static double
wanted_scale (FaltPdfPage *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));

  return width * gtk_widget_get_scale_factor (GTK_WIDGET (self)) / (self->width_pt * POINTS_TO_PIXELS);
}

static gboolean
scale_is_close (double a,
                double b)
{
  return fabs (a - b) < 0.01 * MAX (a, b);
}

static void request_render (FaltPdfPage *self);
static void on_text_finished_cb (FaltPdfJob  *job,
                                 FaltPdfPage *self);

/* Screen readers read the page, not only its number. Asked for once the
 * page is drawn, so that the worker renders it first. */
static void
request_text (FaltPdfPage *self)
{
  if (self->text_asked || self->document == NULL)
    return;

  self->text_asked = TRUE;
  self->text_job = falt_pdf_job_new_text (self->index, FALT_PDF_JOB_PRIORITY_LOW);
  g_signal_connect (self->text_job, "finished", G_CALLBACK (on_text_finished_cb), self);
  falt_pdf_document_run (self->document, self->text_job);
}

static void
on_render_finished_cb (FaltPdfJob  *job,
                       FaltPdfPage *self)
{
  GdkTexture *texture = falt_pdf_job_get_texture (job);

  if (texture != NULL)
    {
      g_set_object (&self->texture, texture);
      self->texture_scale = falt_pdf_job_get_scale (job);
      falt_pdf_cache_insert (self->cache, self->index, self->texture_scale, texture);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  g_clear_object (&self->render_job);
  /* The zoom may have changed meanwhile. */
  request_render (self);
}

static void
request_whole_page (FaltPdfPage *self,
                    double       scale)
{
  double cached_scale = 0;
  GdkTexture *cached;

  if (self->texture != NULL && scale_is_close (self->texture_scale, scale))
    {
      cancel_job (&self->render_job);
      request_text (self);
      return;
    }
  if (self->render_job != NULL && scale_is_close (falt_pdf_job_get_scale (self->render_job), scale))
    return;

  cached = falt_pdf_cache_lookup (self->cache, self->index, &cached_scale);
  if (cached != NULL && (self->texture == NULL || scale_is_close (cached_scale, scale)))
    {
      g_set_object (&self->texture, cached);
      self->texture_scale = cached_scale;
      gtk_widget_queue_draw (GTK_WIDGET (self));
      if (scale_is_close (cached_scale, scale))
        return;
    }

  /* Meanwhile the old texture is drawn scaled. */
  cancel_job (&self->render_job);
  self->render_job = falt_pdf_job_new_render (self->index, scale, FALT_PDF_JOB_PRIORITY_URGENT);
  g_signal_connect (self->render_job, "finished", G_CALLBACK (on_render_finished_cb), self);
  falt_pdf_document_run (self->document, self->render_job);
}

/* A tiled page's stand-in: any whole-page texture at least as sharp as
 * the fallback scale will do, such as the page at the zoom before. */
static void
request_fallback (FaltPdfPage *self,
                  double       scale)
{
  double fallback = falt_pdf_tiles_fallback_scale (self->width_pt, self->height_pt, scale);
  double cached_scale = 0;
  GdkTexture *cached;

  if (self->texture != NULL && self->texture_scale >= fallback * 0.99)
    {
      cancel_job (&self->render_job);
      request_text (self);
      return;
    }

  cached = falt_pdf_cache_lookup (self->cache, self->index, &cached_scale);
  if (cached != NULL && cached_scale >= fallback * 0.99)
    {
      g_set_object (&self->texture, cached);
      self->texture_scale = cached_scale;
      cancel_job (&self->render_job);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      request_text (self);
      return;
    }
  request_whole_page (self, fallback);
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

static void
request_tiles (FaltPdfPage *self,
               double       scale)
{
  graphene_rect_t visible;
  FaltPdfTileRange shown, near;
  int columns;

  request_fallback (self, scale);

  if (scale != self->tile_scale)
    {
      g_hash_table_remove_all (self->tile_jobs);
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
}

static void
drop_tiles (FaltPdfPage *self)
{
  g_hash_table_remove_all (self->tile_jobs);
  g_hash_table_remove_all (self->tiles);
  self->tile_scale = 0;
}

static void
request_render (FaltPdfPage *self)
{
  double scale = wanted_scale (self);

  if (self->document == NULL || scale <= 0)
    return;

  if (falt_pdf_tiles_are_needed (self->width_pt, self->height_pt, scale))
    request_tiles (self, scale);
  else
    {
      drop_tiles (self);
      request_whole_page (self, scale);
    }
}

static void
on_text_finished_cb (FaltPdfJob  *job,
                     FaltPdfPage *self)
{
  const char *text = falt_pdf_job_get_text (job);

  /* Screen readers read the page, not only its number. */
  if (text != NULL && *text != '\0')
    gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
  g_clear_object (&self->text_job);
}

static void
falt_pdf_page_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  request_render (FALT_PDF_PAGE (widget));
}

static void
append_rects (FaltPdfPage   *self,
              GtkSnapshot   *snapshot,
              GArray        *rects,
              int            special,
              const GdkRGBA *color,
              const GdkRGBA *special_color)
{
  double scale = gtk_widget_get_width (GTK_WIDGET (self)) / self->width_pt;

  for (guint i = 0; rects != NULL && i < rects->len; i++)
    {
      const graphene_rect_t *r = &g_array_index (rects, graphene_rect_t, i);
      graphene_rect_t bounds;

      graphene_rect_scale (r, scale, scale, &bounds);
      gtk_snapshot_append_color (snapshot, (int) i == special ? special_color : color, &bounds);
    }
}

static gboolean
uses_cairo (FaltPdfPage *self)
{
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));

  return native != NULL && GSK_IS_CAIRO_RENDERER (gtk_native_get_renderer (native));
}

/* @texture's pixels scaled to @bounds. */
static void
paint_texture (cairo_t               *cr,
               GdkTexture            *texture,
               const graphene_rect_t *bounds)
{
  cairo_surface_t *surface = falt_pdf_job_get_surface (texture);

  cairo_save (cr);
  cairo_translate (cr, bounds->origin.x, bounds->origin.y);
  cairo_scale (cr, bounds->size.width / cairo_image_surface_get_width (surface),
               bounds->size.height / cairo_image_surface_get_height (surface));
  cairo_set_source_surface (cr, surface, 0, 0);
  cairo_paint (cr);
  cairo_restore (cr);
}

/* The texture, or under the cairo renderer the same pixels as a cairo
 * surface: GTK 4.8 would convert the texture anew on every frame. */
static void
append_page (FaltPdfPage           *self,
             GtkSnapshot           *snapshot,
             const graphene_rect_t *bounds)
{
  cairo_t *cr;

  if (falt_pdf_job_get_surface (self->texture) == NULL || !uses_cairo (self))
    {
      gtk_snapshot_append_texture (snapshot, self->texture, bounds);
      return;
    }

  cr = gtk_snapshot_append_cairo (snapshot, bounds);
  paint_texture (cr, self->texture, bounds);
  cairo_destroy (cr);
}

/* Where a tile is, in the widget's coordinates. */
static void
get_tile_bounds (FaltPdfPage     *self,
                 int              tile,
                 graphene_rect_t *bounds)
{
  double to_widget = gtk_widget_get_width (GTK_WIDGET (self)) / (double) self->page_width;
  int x, y, width, height;

  falt_pdf_tiles_get_rect (self->page_width, self->page_height, tile, &x, &y, &width, &height);
  *bounds = GRAPHENE_RECT_INIT (x * to_widget, y * to_widget, width * to_widget, height * to_widget);
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
      paint_texture (cr, texture, &bounds);
      return;
    }

  cairo_save (cr);
  cairo_rectangle (cr, bounds.origin.x, bounds.origin.y, bounds.size.width, bounds.size.height);
  cairo_clip (cr);
  if (self->texture != NULL && falt_pdf_job_get_surface (self->texture) != NULL)
    paint_texture (cr, self->texture, &page);
  else
    {
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
    }
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

  gtk_snapshot_push_clip (snapshot, shown);
  if (self->texture != NULL)
    gtk_snapshot_append_texture (snapshot, self->texture, &page);
  else
    gtk_snapshot_append_color (snapshot, &paper, shown);
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
static void
append_tiles (FaltPdfPage *self,
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
  if (!uses_cairo (self))
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

static void
falt_pdf_page_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  FaltPdfPage *self = FALT_PDF_PAGE (widget);
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget), gtk_widget_get_height (widget));
  static const GdkRGBA paper = { 1, 1, 1, 1 };
  static const GdkRGBA hit = { 1.0, 0.85, 0.0, 0.4 };
  static const GdkRGBA current_hit = { 1.0, 0.45, 0.0, 0.55 };
  static const GdkRGBA selection = { 0.21, 0.52, 0.89, 0.35 };

  if (self->document == NULL)
    return;

  /* Paper is white whatever the theme, as in every document viewer. */
  if (self->tile_scale > 0)
    append_tiles (self, snapshot);
  else if (self->texture != NULL)
    append_page (self, snapshot, &bounds);
  else
    gtk_snapshot_append_color (snapshot, &paper, &bounds);

  append_rects (self, snapshot, self->hits, self->current_hit, &hit, &current_hit);
  append_rects (self, snapshot, self->selection, -1, &selection, &selection);
}

/**
 * falt_pdf_page_bind:
 * @page: counting from 0
 *
 * Shows @page of @document: its cached texture at once if there is one, and
 * a better one once the worker has rendered it at this widget's size.
 */
void
falt_pdf_page_bind (FaltPdfPage     *self,
                    FaltPdfDocument *document,
                    FaltPdfCache    *cache,
                    int              page)
{
  g_autofree char *label = NULL;
  double scale = 0;
  GdkTexture *cached;

  g_return_if_fail (FALT_IS_PDF_PAGE (self));

  falt_pdf_page_unbind (self);
  self->document = g_object_ref (document);
  self->cache = cache;
  self->index = page;
  falt_pdf_document_get_page_size (document, page, &self->width_pt, &self->height_pt);

  cached = falt_pdf_cache_lookup (cache, page, &scale);
  if (cached != NULL)
    {
      self->texture = g_object_ref (cached);
      self->texture_scale = scale;
    }

  /* Translators: an accessible name, e.g. “Page 2 of 12”. */
  label = g_strdup_printf (_("Page %s of %d"), falt_pdf_document_get_page_label (document, page),
                           falt_pdf_document_get_n_pages (document));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);

  /* Rendering waits for the size the canvas gives the page. */
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Lets go of the page and cancels its jobs: it scrolled away. */
void
falt_pdf_page_unbind (FaltPdfPage *self)
{
  g_return_if_fail (FALT_IS_PDF_PAGE (self));

  cancel_job (&self->render_job);
  cancel_job (&self->text_job);
  drop_tiles (self);
  self->has_visible = FALSE;
  self->text_asked = FALSE;
  g_clear_object (&self->texture);
  g_clear_object (&self->document);
  g_clear_pointer (&self->hits, g_array_unref);
  g_clear_pointer (&self->selection, g_array_unref);
  self->cache = NULL;
  self->index = -1;
  gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

/**
 * falt_pdf_page_update:
 *
 * Asks for a texture at the page's size if it has none: the canvas calls
 * it after each allocation, since a page moved but not resized is not
 * allocated anew.
 */
void
falt_pdf_page_update (FaltPdfPage *self)
{
  g_return_if_fail (FALT_IS_PDF_PAGE (self));

  request_render (self);
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

int
falt_pdf_page_get_index (FaltPdfPage *self)
{
  g_return_val_if_fail (FALT_IS_PDF_PAGE (self), -1);

  return self->index;
}

/**
 * falt_pdf_page_is_rendered:
 *
 * Returns: whether the page shows a texture rendered at its present size,
 *   or when tiled its stand-in and every tile on screen at that size
 */
gboolean
falt_pdf_page_is_rendered (FaltPdfPage *self)
{
  double scale;
  graphene_rect_t visible;
  FaltPdfTileRange range;
  int columns;

  g_return_val_if_fail (FALT_IS_PDF_PAGE (self), FALSE);

  scale = wanted_scale (self);
  if (self->texture == NULL)
    return FALSE;
  if (!falt_pdf_tiles_are_needed (self->width_pt, self->height_pt, scale))
    return scale_is_close (self->texture_scale, scale);
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

/**
 * falt_pdf_page_set_hits:
 * @hits: (nullable): find hits in points from the top left
 * @current: the index of the current hit in @hits, or -1
 */
void
falt_pdf_page_set_hits (FaltPdfPage *self,
                        GArray      *hits,
                        int          current)
{
  g_return_if_fail (FALT_IS_PDF_PAGE (self));

  if (hits != NULL)
    g_array_ref (hits);
  g_clear_pointer (&self->hits, g_array_unref);
  self->hits = hits;
  self->current_hit = current;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
falt_pdf_page_set_selection (FaltPdfPage *self,
                             GArray      *rects)
{
  g_return_if_fail (FALT_IS_PDF_PAGE (self));

  if (rects != NULL)
    g_array_ref (rects);
  g_clear_pointer (&self->selection, g_array_unref);
  self->selection = rects;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
falt_pdf_page_dispose (GObject *object)
{
  FaltPdfPage *self = FALT_PDF_PAGE (object);

  if (self->tiles != NULL)
    falt_pdf_page_unbind (self);
  g_clear_pointer (&self->tiles, g_hash_table_unref);
  g_clear_pointer (&self->tile_jobs, g_hash_table_unref);

  G_OBJECT_CLASS (falt_pdf_page_parent_class)->dispose (object);
}

static void
falt_pdf_page_class_init (FaltPdfPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = falt_pdf_page_dispose;
  widget_class->size_allocate = falt_pdf_page_size_allocate;
  widget_class->snapshot = falt_pdf_page_snapshot;

  gtk_widget_class_set_css_name (widget_class, "pdfpage");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
falt_pdf_page_init (FaltPdfPage *self)
{
  self->index = -1;
  self->current_hit = -1;
  self->tiles = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  self->tile_jobs = g_hash_table_new_full (NULL, NULL, NULL, cancel_tile_job);
  gtk_widget_add_css_class (GTK_WIDGET (self), "card");
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
}

GtkWidget *
falt_pdf_page_new (void)
{
  return g_object_new (FALT_TYPE_PDF_PAGE, NULL);
}
