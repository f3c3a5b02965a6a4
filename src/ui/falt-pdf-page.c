/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-pdf-page"

#include <glib/gi18n.h>
#include <math.h>

#include "falt-pdf-page-private.h"
#include "falt-pdf-tiles.h"

/* One page on screen, recycled as pages scroll by. It never calls poppler:
 * it shows the page's cached texture, scaled if it was rendered at another
 * zoom, or a blank sheet of the page's size, and asks the worker for a
 * texture at its size. Unbinding cancels what it asked for.
 *
 * A page bigger than FALT_PDF_TEXTURE_MAX_SIDE at its size is drawn from
 * tiles instead (falt-pdf-page-tiles.c), over a whole-page texture of at
 * most FALT_PDF_FALLBACK_MAX_SIDE that stands in where a tile has yet to
 * come. */

#define POINTS_TO_PIXELS (96.0 / 72.0)

G_DEFINE_FINAL_TYPE (FaltPdfPage, falt_pdf_page, GTK_TYPE_WIDGET)

void
falt_pdf_page_cancel_job (FaltPdfJob **job)
{
  if (*job == NULL)
    return;

  g_signal_handlers_disconnect_matched (*job, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, NULL);
  falt_pdf_job_cancel (*job);
  g_clear_object (job);
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
      falt_pdf_page_cancel_job (&self->render_job);
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
  falt_pdf_page_cancel_job (&self->render_job);
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
      falt_pdf_page_cancel_job (&self->render_job);
      request_text (self);
      return;
    }

  cached = falt_pdf_cache_lookup (self->cache, self->index, &cached_scale);
  if (cached != NULL && cached_scale >= fallback * 0.99)
    {
      g_set_object (&self->texture, cached);
      self->texture_scale = cached_scale;
      falt_pdf_page_cancel_job (&self->render_job);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      request_text (self);
      return;
    }
  request_whole_page (self, fallback);
}

static void
request_render (FaltPdfPage *self)
{
  double scale = wanted_scale (self);

  if (self->document == NULL || scale <= 0)
    return;

  if (falt_pdf_tiles_are_needed (self->width_pt, self->height_pt, scale))
    {
      request_fallback (self, scale);
      falt_pdf_page_request_tiles (self, scale);
    }
  else
    {
      falt_pdf_page_drop_tiles (self);
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

gboolean
falt_pdf_page_uses_cairo (FaltPdfPage *self)
{
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));

  return native != NULL && GSK_IS_CAIRO_RENDERER (gtk_native_get_renderer (native));
}

/* @texture's pixels scaled to @bounds. */
void
falt_pdf_page_paint_texture (cairo_t               *cr,
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

  if (falt_pdf_job_get_surface (self->texture) == NULL || !falt_pdf_page_uses_cairo (self))
    {
      gtk_snapshot_append_texture (snapshot, self->texture, bounds);
      return;
    }

  cr = gtk_snapshot_append_cairo (snapshot, bounds);
  falt_pdf_page_paint_texture (cr, self->texture, bounds);
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
    falt_pdf_page_append_tiles (self, snapshot);
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

  falt_pdf_page_cancel_job (&self->render_job);
  falt_pdf_page_cancel_job (&self->text_job);
  falt_pdf_page_drop_tiles (self);
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

  g_return_val_if_fail (FALT_IS_PDF_PAGE (self), FALSE);

  scale = wanted_scale (self);
  if (self->texture == NULL)
    return FALSE;
  if (falt_pdf_tiles_are_needed (self->width_pt, self->height_pt, scale))
    return falt_pdf_page_tiles_are_rendered (self, scale);
  return scale_is_close (self->texture_scale, scale);
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
  falt_pdf_page_clear_tiles (self);

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
  falt_pdf_page_init_tiles (self);
  gtk_widget_add_css_class (GTK_WIDGET (self), "card");
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
}

GtkWidget *
falt_pdf_page_new (void)
{
  return g_object_new (FALT_TYPE_PDF_PAGE, NULL);
}
