/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-pdf-canvas"

#include <math.h>

#include "falt-pdf-canvas-private.h"
#include "falt-pdf-page.h"
#include "falt-pdf-tiles.h"
#include "falt-startup-trace.h"

/* The pages of a PDF, one under the other, in a scrollable area. Layout is
 * computed from the page sizes read when the document opened, so scrolling
 * to a page and the current page are exact whatever the pages' sizes, and
 * only the pages on screen have widgets (recycled FaltPdfPages). Their
 * neighbours are rendered into the cache at low priority. */

static void falt_pdf_canvas_scrollable_init (GtkScrollableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FaltPdfCanvas, falt_pdf_canvas, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE, falt_pdf_canvas_scrollable_init))

enum {
  PROP_0,
  PROP_ZOOM,
  PROP_FIT_MODE,
  PROP_CURRENT_PAGE,
  N_PROPS,
  PROP_HADJUSTMENT = N_PROPS,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
};

static GParamSpec *properties[N_PROPS];

static void
falt_pdf_canvas_scrollable_init (GtkScrollableInterface *iface)
{
}

static int
n_pages (FaltPdfCanvas *self)
{
  return self->document != NULL ? falt_pdf_document_get_n_pages (self->document) : 0;
}

/* The widest and the tallest page, in points. */
static void
get_largest_page (FaltPdfCanvas *self,
                  double        *width,
                  double        *height)
{
  *width = *height = 1;
  for (int i = 0; i < n_pages (self); i++)
    {
      double w, h;

      falt_pdf_document_get_page_size (self->document, i, &w, &h);
      *width = MAX (*width, w);
      *height = MAX (*height, h);
    }
}

static double
zoom_for_fit (FaltPdfCanvas  *self,
              FaltPdfFitMode  mode,
              int             width,
              int             height)
{
  double page_width, page_height, fit_width, fit_height;

  get_largest_page (self, &page_width, &page_height);
  fit_width = (width - 2 * MARGIN) / (page_width * POINTS_TO_PIXELS);
  fit_height = (height - 2 * MARGIN) / (page_height * POINTS_TO_PIXELS);

  switch (mode)
    {
    case FALT_PDF_FIT_AUTOMATIC:
      return MIN (fit_width, 1.0);
    case FALT_PDF_FIT_WIDTH:
      return fit_width;
    case FALT_PDF_FIT_PAGE:
      return MIN (fit_width, fit_height);
    case FALT_PDF_FIT_NONE:
    default:
      return self->zoom;
    }
}

static gboolean
emit_notifications_cb (gpointer data)
{
  FaltPdfCanvas *self = data;

  self->notify_source = 0;
  if (self->notify_zoom)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
  if (self->notify_current_page)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_PAGE]);
  self->notify_zoom = self->notify_current_page = FALSE;
  return G_SOURCE_REMOVE;
}

/* Labels that follow the zoom or the page would resize the toolbar in the
 * middle of this allocation: during one, tell them just after. */
static void
notify_later (FaltPdfCanvas *self,
              GParamSpec    *pspec)
{
  if (!self->allocating)
    {
      g_object_notify_by_pspec (G_OBJECT (self), pspec);
      return;
    }

  if (pspec == properties[PROP_ZOOM])
    self->notify_zoom = TRUE;
  else
    self->notify_current_page = TRUE;
  if (self->notify_source == 0)
    self->notify_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, emit_notifications_cb, self, NULL);
}

static void
set_zoom_value (FaltPdfCanvas *self,
                double         zoom)
{
  zoom = CLAMP (zoom, FALT_PDF_ZOOM_MIN, FALT_PDF_ZOOM_MAX);
  if (zoom == self->zoom)
    return;

  self->zoom = zoom;
  notify_later (self, properties[PROP_ZOOM]);
}

/* The first page whose bottom is below @y. */
static int
page_at_y (FaltPdfCanvas *self,
           double         y)
{
  int low = 0, high = n_pages (self) - 1;

  while (low < high)
    {
      int mid = (low + high) / 2;

      if (self->tops[mid] + self->heights[mid] + SPACING / 2.0 <= y)
        low = mid + 1;
      else
        high = mid;
    }
  return low;
}

static void
compute_layout (FaltPdfCanvas *self,
                int            width,
                int            height)
{
  double y = MARGIN;
  int n = n_pages (self);

  if (self->fit_mode != FALT_PDF_FIT_NONE)
    set_zoom_value (self, zoom_for_fit (self, self->fit_mode, width, height));

  g_free (self->tops);
  g_free (self->widths);
  g_free (self->heights);
  self->tops = g_new (double, MAX (n, 1));
  self->widths = g_new (double, MAX (n, 1));
  self->heights = g_new (double, MAX (n, 1));
  self->total_width = 0;

  for (int i = 0; i < n; i++)
    {
      double w, h;

      falt_pdf_document_get_page_size (self->document, i, &w, &h);
      self->widths[i] = round (w * POINTS_TO_PIXELS * self->zoom);
      self->heights[i] = round (h * POINTS_TO_PIXELS * self->zoom);
      self->tops[i] = y;
      y += self->heights[i] + SPACING;
      self->total_width = MAX (self->total_width, self->widths[i] + 2 * MARGIN);
    }
  self->total_height = n > 0 ? y - SPACING + MARGIN : 0;
  /* A fitted page rounded up a pixel must not bring a horizontal
   * scrollbar (and a second layout) along. */
  if (self->fit_mode != FALT_PDF_FIT_NONE)
    self->total_width = MIN (self->total_width, width);
  self->laid_out_width = width;
  self->laid_out_height = height;
  self->laid_out_zoom = self->zoom;
}

/* Whether the layout is that of the widget's size and zoom: after a zoom
 * or a resize it is not, until the next allocation. */
static gboolean
layout_is_current (FaltPdfCanvas *self)
{
  return self->tops != NULL && self->laid_out_zoom == self->zoom
         && self->laid_out_width == gtk_widget_get_width (GTK_WIDGET (self))
         && self->laid_out_height == gtk_widget_get_height (GTK_WIDGET (self))
         && self->laid_out_width > 0;
}

/* What stays in place when the zoom changes: the point a third down the
 * view, as a page and a share of its height. */
static void
remember_anchor (FaltPdfCanvas *self)
{
  double offset, y, page_size, x;

  if (self->tops == NULL || n_pages (self) == 0 || self->anchor_page >= 0 || self->pending_page >= 0)
    return;

  page_size = gtk_adjustment_get_page_size (self->vadjustment);
  offset = page_size / 3;
  y = gtk_adjustment_get_value (self->vadjustment) + offset;
  self->anchor_page = page_at_y (self, y);
  self->anchor_fraction = (y - self->tops[self->anchor_page]) / MAX (self->heights[self->anchor_page], 1);
  self->anchor_offset = offset;
  x = gtk_adjustment_get_value (self->hadjustment) + gtk_adjustment_get_page_size (self->hadjustment) / 2;
  self->anchor_x_fraction = self->total_width > 0 ? x / self->total_width : 0.5;
}

static void
configure_adjustment (GtkAdjustment *adjustment,
                      double         value,
                      double         upper,
                      double         page_size)
{
  value = CLAMP (value, 0, MAX (0, upper - page_size));
  gtk_adjustment_configure (adjustment, value, 0, MAX (upper, page_size),
                            page_size * 0.1, page_size * 0.9, page_size);
}

static void
update_current_page (FaltPdfCanvas *self)
{
  int page = -1;

  if (self->tops != NULL && n_pages (self) > 0)
    page = page_at_y (self, gtk_adjustment_get_value (self->vadjustment)
                            + gtk_adjustment_get_page_size (self->vadjustment) / 3);
  if (page == self->current_page)
    return;

  self->current_page = page;
  notify_later (self, properties[PROP_CURRENT_PAGE]);
}

static FaltPdfPage *
find_bound (FaltPdfCanvas *self,
            int            page)
{
  for (guint i = 0; i < self->bound->len; i++)
    if (falt_pdf_page_get_index (g_ptr_array_index (self->bound, i)) == page)
      return g_ptr_array_index (self->bound, i);
  return NULL;
}

static void
add_spare_pages (FaltPdfCanvas *self,
                 guint          n)
{
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *page = falt_pdf_page_new ();

      gtk_widget_set_parent (page, GTK_WIDGET (self));
      g_ptr_array_add (self->spare, page);
    }
}

/* New page widgets are made here, never during an allocation: adding a
 * child then would leave the ancestors needing one after theirs. */
static gboolean
grow_pool_cb (gpointer data)
{
  FaltPdfCanvas *self = data;

  self->grow_source = 0;
  add_spare_pages (self, 4);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  return G_SOURCE_REMOVE;
}

static gboolean
bind_page (FaltPdfCanvas *self,
           int            index)
{
  FaltPdfPage *page;

  if (self->spare->len == 0)
    {
      if (self->grow_source == 0)
        self->grow_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, grow_pool_cb, self, NULL);
      return FALSE;
    }

  page = g_ptr_array_steal_index_fast (self->spare, self->spare->len - 1);
  falt_pdf_page_bind (page, self->document, self->cache, index);
  falt_pdf_canvas_decorate_page (self, page);
  g_ptr_array_add (self->bound, page);
  return TRUE;
}

/* The widget stays a child, unallocated and undrawn, until it is reused. */
static void
unbind_page (FaltPdfCanvas *self,
             guint          i)
{
  FaltPdfPage *page = g_ptr_array_steal_index_fast (self->bound, i);

  falt_pdf_page_unbind (page);
  g_ptr_array_add (self->spare, page);
}

static void
on_prefetch_finished_cb (FaltPdfJob    *job,
                         FaltPdfCanvas *self)
{
  GdkTexture *texture = falt_pdf_job_get_texture (job);
  int page = falt_pdf_job_get_page (job), tile = falt_pdf_job_get_tile (job);

  if (texture != NULL && tile >= 0)
    falt_pdf_cache_insert_tile (self->cache, page, falt_pdf_job_get_scale (job), tile, texture);
  else if (texture != NULL)
    falt_pdf_cache_insert (self->cache, page, falt_pdf_job_get_scale (job), texture);
  g_ptr_array_remove (self->prefetch, job);
}

static void
run_prefetch (FaltPdfCanvas *self,
              FaltPdfJob    *job)
{
  g_signal_connect (job, "finished", G_CALLBACK (on_prefetch_finished_cb), self);
  g_ptr_array_add (self->prefetch, job);
  falt_pdf_document_run (self->document, job);
}

static void
cancel_prefetch (FaltPdfCanvas *self)
{
  for (guint i = 0; i < self->prefetch->len; i++)
    {
      FaltPdfJob *job = g_ptr_array_index (self->prefetch, i);

      g_signal_handlers_disconnect_by_func (job, on_prefetch_finished_cb, self);
      falt_pdf_job_cancel (job);
    }
  g_ptr_array_set_size (self->prefetch, 0);
}

/* The scale @page renders at: that of its width as laid out, as the page
 * itself works it out, so that the cache finds what was prefetched. */
static double
page_scale (FaltPdfCanvas *self,
            int            page)
{
  double width_pt, height_pt;

  falt_pdf_document_get_page_size (self->document, page, &width_pt, &height_pt);
  return self->widths[page] * gtk_widget_get_scale_factor (GTK_WIDGET (self)) / (width_pt * POINTS_TO_PIXELS);
}

/* A tiled page next to the screen: the row of tiles that scrolls in
 * first, @top or bottom, across the part of the page on screen. */
static void
prefetch_tile_row (FaltPdfCanvas *self,
                   int            page,
                   double         scale,
                   gboolean       top)
{
  double width_pt, height_pt, x, to_pixels;
  int width, height, columns;
  FaltPdfTileRange range;

  falt_pdf_document_get_page_size (self->document, page, &width_pt, &height_pt);
  falt_pdf_tiles_get_page_pixels (width_pt, height_pt, scale, &width, &height);
  to_pixels = width / MAX (1.0, self->widths[page]);
  x = MAX (MARGIN, (MAX (self->laid_out_width, self->total_width) - self->widths[page]) / 2)
      - gtk_adjustment_get_value (self->hadjustment);
  falt_pdf_tiles_get_range (width, height, -x * to_pixels, top ? 0 : height - 1,
                            self->laid_out_width * to_pixels, 1, &range);
  columns = falt_pdf_tiles_get_n_columns (width);
  for (int column = range.first_column; column <= range.last_column; column++)
    {
      int tile = range.first_row * columns + column;

      if (falt_pdf_cache_lookup_tile (self->cache, page, scale, tile) == NULL)
        run_prefetch (self, falt_pdf_job_new_render_tile (page, scale, tile, FALT_PDF_JOB_PRIORITY_LOW));
    }
}

/* The pages just before and after the screen, at low priority, so the
 * next scroll finds them rendered; at high zoom, their stand-ins for the
 * tiles and the row of tiles that comes into view first (see
 * falt_pdf_page_set_visible_area()). */
static void
prefetch_neighbours (FaltPdfCanvas *self,
                     int            first,
                     int            last)
{
  int wanted[] = { last + 1, first - 1, last + 2 };

  cancel_prefetch (self);
  self->prefetch_hvalue = gtk_adjustment_get_value (self->hadjustment);
  for (guint i = 0; i < G_N_ELEMENTS (wanted); i++)
    {
      int page = wanted[i];
      double cached_scale = 0, scale, width_pt, height_pt;

      if (page < 0 || page >= n_pages (self))
        continue;
      scale = page_scale (self, page);
      falt_pdf_document_get_page_size (self->document, page, &width_pt, &height_pt);
      if (falt_pdf_tiles_are_needed (width_pt, height_pt, scale))
        {
          double fallback = falt_pdf_tiles_fallback_scale (width_pt, height_pt, scale);

          if (falt_pdf_cache_lookup (self->cache, page, &cached_scale) == NULL || cached_scale < fallback * 0.99)
            run_prefetch (self, falt_pdf_job_new_render (page, fallback, FALT_PDF_JOB_PRIORITY_LOW));
          if (i < 2)
            prefetch_tile_row (self, page, scale, page > last);
          continue;
        }
      if (falt_pdf_cache_lookup (self->cache, page, &cached_scale) != NULL
          && fabs (cached_scale - scale) < 0.01 * scale)
        continue;
      run_prefetch (self, falt_pdf_job_new_render (page, scale, FALT_PDF_JOB_PRIORITY_LOW));
    }
}

/* Binds the pages that are on screen, and only those. Returns whether
 * their neighbours should be prefetched anew. */
static gboolean
update_visible_pages (FaltPdfCanvas *self,
                      int           *first_out,
                      int           *last_out)
{
  double top = gtk_adjustment_get_value (self->vadjustment);
  double bottom = top + gtk_adjustment_get_page_size (self->vadjustment);
  int first = -1, last = -2;
  gboolean changed = FALSE;

  if (n_pages (self) > 0)
    {
      first = page_at_y (self, top);
      last = first;
      while (last + 1 < n_pages (self) && self->tops[last + 1] < bottom)
        last++;
    }

  for (guint i = self->bound->len; i > 0; i--)
    {
      int index = falt_pdf_page_get_index (g_ptr_array_index (self->bound, i - 1));

      if (index < first || index > last)
        {
          unbind_page (self, i - 1);
          changed = TRUE;
        }
    }
  for (int page = first; page <= last; page++)
    if (find_bound (self, page) == NULL && bind_page (self, page))
      changed = TRUE;

  *first_out = first;
  *last_out = last;
  return changed || self->laid_out_zoom != self->zoom || self->prefetch->len == 0;
}

static void
falt_pdf_canvas_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  FaltPdfCanvas *self = FALT_PDF_CANVAS (widget);
  double vvalue = gtk_adjustment_get_value (self->vadjustment);
  double hvalue = gtk_adjustment_get_value (self->hadjustment);
  gboolean prefetch;
  int first, last;

  self->allocating = TRUE;

  if (width != self->laid_out_width || height != self->laid_out_height
      || self->zoom != self->laid_out_zoom || self->tops == NULL)
    {
      if (self->fit_mode != FALT_PDF_FIT_NONE && self->tops != NULL)
        remember_anchor (self);
      compute_layout (self, width, height);
    }

  if (self->pending_page >= 0 && self->pending_page < n_pages (self))
    vvalue = self->tops[self->pending_page] - MARGIN;
  else if (self->anchor_page >= 0 && self->anchor_page < n_pages (self))
    {
      vvalue = self->tops[self->anchor_page] + self->anchor_fraction * self->heights[self->anchor_page]
               - self->anchor_offset;
      hvalue = self->anchor_x_fraction * self->total_width - width / 2.0;
    }
  self->pending_page = -1;
  self->anchor_page = -1;

  /* Adjustments change here, inside allocation: their handler only queues
   * another allocation, which GTK folds into this one. */
  g_signal_handlers_block_matched (self->vadjustment, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  g_signal_handlers_block_matched (self->hadjustment, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  configure_adjustment (self->vadjustment, vvalue, self->total_height, height);
  configure_adjustment (self->hadjustment, hvalue, self->total_width, width);
  g_signal_handlers_unblock_matched (self->vadjustment, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  g_signal_handlers_unblock_matched (self->hadjustment, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);

  prefetch = update_visible_pages (self, &first, &last);
  update_current_page (self);

  vvalue = gtk_adjustment_get_value (self->vadjustment);
  hvalue = gtk_adjustment_get_value (self->hadjustment);
  for (guint i = 0; i < self->bound->len; i++)
    {
      GtkWidget *page = g_ptr_array_index (self->bound, i);
      int index = falt_pdf_page_get_index (FALT_PDF_PAGE (page));
      double x = MAX (MARGIN, (MAX (width, self->total_width) - self->widths[index]) / 2);

      GtkAllocation allocation = { (int) (x - hvalue), (int) (self->tops[index] - vvalue),
                                   (int) self->widths[index], (int) self->heights[index] };
      graphene_rect_t visible;

      gtk_widget_size_allocate (page, &allocation, -1);
      /* The part on screen, in the page's coordinates: a tiled page asks
       * for the tiles there. */
      graphene_rect_intersection (&GRAPHENE_RECT_INIT (-allocation.x, -allocation.y, width, height),
                                  &GRAPHENE_RECT_INIT (0, 0, allocation.width, allocation.height), &visible);
      falt_pdf_page_set_visible_area (FALT_PDF_PAGE (page), &visible);
      falt_pdf_page_update (FALT_PDF_PAGE (page));
    }
  /* After the pages on screen asked for theirs: the worker starts the
   * first job it is given, and the first page waited for the second. A
   * sideways scroll moves the tiles to prefetch. */
  if (prefetch || hvalue != self->prefetch_hvalue)
    prefetch_neighbours (self, first, last);
  for (guint i = 0; i < self->spare->len; i++)
    gtk_widget_size_allocate (g_ptr_array_index (self->spare, i), &(GtkAllocation) { -1, -1, 1, 1 }, -1);
  self->allocating = FALSE;
}

static void
falt_pdf_canvas_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  FaltPdfCanvas *self = FALT_PDF_CANVAS (widget);

  for (guint i = 0; i < self->bound->len; i++)
    {
      gtk_widget_snapshot_child (widget, g_ptr_array_index (self->bound, i), snapshot);
      if (falt_startup_trace_waits_for_page () && falt_pdf_page_is_rendered (g_ptr_array_index (self->bound, i)))
        falt_startup_trace_page_drawn ();
    }
}

static void
falt_pdf_canvas_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  FaltPdfCanvas *self = FALT_PDF_CANVAS (widget);
  FaltPdfFitMode mode = self->fit_mode;
  double zoom = self->zoom, total = 0;
  int width;

  /* The size of the laid-out pages: the scrolled window decides from it
   * whether it needs scrollbars, and the adjustments set during
   * allocation must agree, or it would resize again mid-frame. */
  *minimum = *natural = 0;
  if (n_pages (self) == 0)
    return;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* Fitting never needs more than the width given. */
      if (mode != FALT_PDF_FIT_NONE)
        return;
      for (int i = 0; i < n_pages (self); i++)
        {
          double w, h;

          falt_pdf_document_get_page_size (self->document, i, &w, &h);
          total = MAX (total, round (w * POINTS_TO_PIXELS * zoom) + 2 * MARGIN);
        }
    }
  else
    {
      width = for_size >= 0 ? for_size : self->laid_out_width;
      if (mode != FALT_PDF_FIT_NONE && width > 0)
        zoom = CLAMP (zoom_for_fit (self, mode, width, self->laid_out_height > 0 ? self->laid_out_height : width),
                      FALT_PDF_ZOOM_MIN, FALT_PDF_ZOOM_MAX);
      for (int i = 0; i < n_pages (self); i++)
        {
          double w, h;

          falt_pdf_document_get_page_size (self->document, i, &w, &h);
          total += round (h * POINTS_TO_PIXELS * zoom) + SPACING;
        }
      total += 2 * MARGIN - SPACING;
    }
  *minimum = *natural = (int) total;
}

static void
on_adjustment_value_changed_cb (GtkAdjustment *adjustment,
                                FaltPdfCanvas *self)
{
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  update_current_page (self);
}

static void
set_adjustment (FaltPdfCanvas  *self,
                GtkAdjustment **slot,
                GtkAdjustment  *adjustment)
{
  if (adjustment == NULL)
    adjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);
  if (*slot == adjustment)
    return;

  if (*slot != NULL)
    {
      g_signal_handlers_disconnect_by_func (*slot, on_adjustment_value_changed_cb, self);
      g_object_unref (*slot);
    }
  *slot = g_object_ref_sink (adjustment);
  g_signal_connect (adjustment, "value-changed", G_CALLBACK (on_adjustment_value_changed_cb), self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static void
unbind_all (FaltPdfCanvas *self)
{
  while (self->bound->len > 0)
    unbind_page (self, self->bound->len - 1);
  cancel_prefetch (self);
}

/**
 * falt_pdf_canvas_set_document:
 * @document: (nullable): the document to show from its first page
 */
void
falt_pdf_canvas_set_document (FaltPdfCanvas   *self,
                              FaltPdfDocument *document)
{
  g_return_if_fail (FALT_IS_PDF_CANVAS (self));

  unbind_all (self);
  falt_pdf_cache_clear (self->cache);
  g_hash_table_remove_all (self->hits);
  g_hash_table_remove_all (self->selection);
  self->current_hit_page = -1;
  g_set_object (&self->document, document);
  g_clear_pointer (&self->tops, g_free);
  self->pending_page = 0;
  self->anchor_page = -1;
  self->current_page = -1;
  gtk_adjustment_set_value (self->vadjustment, 0);
  gtk_adjustment_set_value (self->hadjustment, 0);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  update_current_page (self);
}

FaltPdfDocument *
falt_pdf_canvas_get_document (FaltPdfCanvas *self)
{
  g_return_val_if_fail (FALT_IS_PDF_CANVAS (self), NULL);

  return self->document;
}

FaltPdfCache *
falt_pdf_canvas_get_cache (FaltPdfCanvas *self)
{
  g_return_val_if_fail (FALT_IS_PDF_CANVAS (self), NULL);

  return self->cache;
}

double
falt_pdf_canvas_get_zoom (FaltPdfCanvas *self)
{
  g_return_val_if_fail (FALT_IS_PDF_CANVAS (self), 1.0);

  return self->zoom;
}

/* A set zoom ends fitting. The point a third down the view stays. */
void
falt_pdf_canvas_set_zoom (FaltPdfCanvas *self,
                          double         zoom)
{
  g_return_if_fail (FALT_IS_PDF_CANVAS (self));

  falt_pdf_canvas_set_fit_mode (self, FALT_PDF_FIT_NONE);
  remember_anchor (self);
  set_zoom_value (self, zoom);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

FaltPdfFitMode
falt_pdf_canvas_get_fit_mode (FaltPdfCanvas *self)
{
  g_return_val_if_fail (FALT_IS_PDF_CANVAS (self), FALT_PDF_FIT_NONE);

  return self->fit_mode;
}

void
falt_pdf_canvas_set_fit_mode (FaltPdfCanvas  *self,
                              FaltPdfFitMode  mode)
{
  g_return_if_fail (FALT_IS_PDF_CANVAS (self));

  if (self->fit_mode == mode)
    return;

  self->fit_mode = mode;
  if (mode != FALT_PDF_FIT_NONE)
    {
      /* Laid out anew at the next allocation. */
      remember_anchor (self);
      self->laid_out_width = -1;
      gtk_widget_queue_resize (GTK_WIDGET (self));
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIT_MODE]);
}

/**
 * falt_pdf_canvas_scroll_to_page:
 * @page: counting from 0
 *
 * Brings @page's top to the top of the view, now or once laid out.
 */
void
falt_pdf_canvas_scroll_to_page (FaltPdfCanvas *self,
                                int            page)
{
  g_return_if_fail (FALT_IS_PDF_CANVAS (self));

  if (page < 0 || page >= n_pages (self))
    return;

  self->anchor_page = -1;
  if (!layout_is_current (self))
    {
      self->pending_page = page;
      gtk_widget_queue_allocate (GTK_WIDGET (self));
      return;
    }
  gtk_adjustment_set_value (self->vadjustment, self->tops[page] - MARGIN);
}

/**
 * falt_pdf_canvas_scroll_to_area:
 * @area: in points from the page's top left
 *
 * Scrolls as little as it takes to show @area, e.g. a find hit.
 */
void
falt_pdf_canvas_scroll_to_area (FaltPdfCanvas         *self,
                                int                    page,
                                const graphene_rect_t *area)
{
  double scale, top, bottom, value, page_size, left, right, hvalue, hpage;
  graphene_rect_t rect;

  g_return_if_fail (FALT_IS_PDF_CANVAS (self));

  if (!falt_pdf_canvas_get_page_rect (self, page, &rect))
    {
      falt_pdf_canvas_scroll_to_page (self, page);
      return;
    }

  scale = self->zoom * POINTS_TO_PIXELS;
  top = self->tops[page] + area->origin.y * scale;
  bottom = top + area->size.height * scale;
  value = gtk_adjustment_get_value (self->vadjustment);
  page_size = gtk_adjustment_get_page_size (self->vadjustment);
  if (top < value || bottom > value + page_size)
    gtk_adjustment_set_value (self->vadjustment, top - page_size / 3);

  left = rect.origin.x + gtk_adjustment_get_value (self->hadjustment) + area->origin.x * scale;
  right = left + area->size.width * scale;
  hvalue = gtk_adjustment_get_value (self->hadjustment);
  hpage = gtk_adjustment_get_page_size (self->hadjustment);
  if (left < hvalue || right > hvalue + hpage)
    gtk_adjustment_set_value (self->hadjustment, left - MARGIN);
}

/**
 * falt_pdf_canvas_get_current_page:
 *
 * Returns: the page a third down the view, counting from 0, or -1
 */
int
falt_pdf_canvas_get_current_page (FaltPdfCanvas *self)
{
  g_return_val_if_fail (FALT_IS_PDF_CANVAS (self), -1);

  if (self->pending_page >= 0 && self->pending_page < n_pages (self))
    return self->pending_page;
  return self->current_page >= 0 ? self->current_page : (n_pages (self) > 0 ? 0 : -1);
}

/**
 * falt_pdf_canvas_get_page_rect:
 * @rect: (out): where @page is, in the canvas's coordinates
 *
 * Returns: whether @page is laid out
 */
gboolean
falt_pdf_canvas_get_page_rect (FaltPdfCanvas   *self,
                               int              page,
                               graphene_rect_t *rect)
{
  double x;

  g_return_val_if_fail (FALT_IS_PDF_CANVAS (self), FALSE);

  if (self->tops == NULL || page < 0 || page >= n_pages (self))
    return FALSE;

  x = MAX (MARGIN, (MAX (self->laid_out_width, self->total_width) - self->widths[page]) / 2);
  *rect = GRAPHENE_RECT_INIT (x - gtk_adjustment_get_value (self->hadjustment),
                              self->tops[page] - gtk_adjustment_get_value (self->vadjustment),
                              self->widths[page], self->heights[page]);
  return TRUE;
}

/**
 * falt_pdf_canvas_find_point:
 * @x: in the canvas's coordinates
 * @page: (out): the page nearest to (@x, @y)
 * @point: (out): (@x, @y) in points from that page's top left, clamped to it
 *
 * Returns: %FALSE when nothing is laid out
 */
gboolean
falt_pdf_canvas_find_point (FaltPdfCanvas    *self,
                            double            x,
                            double            y,
                            int              *page,
                            graphene_point_t *point)
{
  graphene_rect_t rect;
  double width_pt, height_pt, scale;

  g_return_val_if_fail (FALT_IS_PDF_CANVAS (self), FALSE);

  if (self->tops == NULL || n_pages (self) == 0)
    return FALSE;

  *page = page_at_y (self, y + gtk_adjustment_get_value (self->vadjustment));
  falt_pdf_canvas_get_page_rect (self, *page, &rect);
  falt_pdf_document_get_page_size (self->document, *page, &width_pt, &height_pt);
  scale = rect.size.width / width_pt;
  point->x = CLAMP ((x - rect.origin.x) / scale, 0, width_pt);
  point->y = CLAMP ((y - rect.origin.y) / scale, 0, height_pt);
  return TRUE;
}

/**
 * falt_pdf_canvas_get_page_widgets:
 *
 * Returns: (transfer none) (element-type FaltPdfPage): the pages on screen
 */
GPtrArray *
falt_pdf_canvas_get_page_widgets (FaltPdfCanvas *self)
{
  g_return_val_if_fail (FALT_IS_PDF_CANVAS (self), NULL);

  return self->bound;
}

static void
falt_pdf_canvas_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  FaltPdfCanvas *self = FALT_PDF_CANVAS (object);

  switch (prop_id)
    {
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    case PROP_FIT_MODE:
      g_value_set_int (value, self->fit_mode);
      break;
    case PROP_CURRENT_PAGE:
      g_value_set_int (value, falt_pdf_canvas_get_current_page (self));
      break;
    case PROP_HADJUSTMENT:
      g_value_set_object (value, self->hadjustment);
      break;
    case PROP_VADJUSTMENT:
      g_value_set_object (value, self->vadjustment);
      break;
    case PROP_HSCROLL_POLICY:
      g_value_set_enum (value, self->hscroll_policy);
      break;
    case PROP_VSCROLL_POLICY:
      g_value_set_enum (value, self->vscroll_policy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
falt_pdf_canvas_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  FaltPdfCanvas *self = FALT_PDF_CANVAS (object);

  switch (prop_id)
    {
    case PROP_ZOOM:
      falt_pdf_canvas_set_zoom (self, g_value_get_double (value));
      break;
    case PROP_FIT_MODE:
      falt_pdf_canvas_set_fit_mode (self, g_value_get_int (value));
      break;
    case PROP_HADJUSTMENT:
      set_adjustment (self, &self->hadjustment, g_value_get_object (value));
      break;
    case PROP_VADJUSTMENT:
      set_adjustment (self, &self->vadjustment, g_value_get_object (value));
      break;
    case PROP_HSCROLL_POLICY:
      self->hscroll_policy = g_value_get_enum (value);
      break;
    case PROP_VSCROLL_POLICY:
      self->vscroll_policy = g_value_get_enum (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
falt_pdf_canvas_dispose (GObject *object)
{
  FaltPdfCanvas *self = FALT_PDF_CANVAS (object);

  g_clear_handle_id (&self->notify_source, g_source_remove);
  g_clear_handle_id (&self->grow_source, g_source_remove);
  if (self->bound != NULL)
    {
      unbind_all (self);
      for (guint i = 0; i < self->spare->len; i++)
        gtk_widget_unparent (g_ptr_array_index (self->spare, i));
      g_ptr_array_set_size (self->spare, 0);
    }
  g_clear_pointer (&self->bound, g_ptr_array_unref);
  g_clear_pointer (&self->spare, g_ptr_array_unref);
  g_clear_pointer (&self->prefetch, g_ptr_array_unref);
  g_clear_pointer (&self->cache, falt_pdf_cache_free);
  g_clear_pointer (&self->hits, g_hash_table_unref);
  g_clear_pointer (&self->selection, g_hash_table_unref);
  g_clear_object (&self->document);
  if (self->hadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->hadjustment, on_adjustment_value_changed_cb, self);
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->vadjustment, on_adjustment_value_changed_cb, self);
  g_clear_object (&self->hadjustment);
  g_clear_object (&self->vadjustment);

  G_OBJECT_CLASS (falt_pdf_canvas_parent_class)->dispose (object);
}

static void
falt_pdf_canvas_finalize (GObject *object)
{
  FaltPdfCanvas *self = FALT_PDF_CANVAS (object);

  g_free (self->tops);
  g_free (self->widths);
  g_free (self->heights);

  G_OBJECT_CLASS (falt_pdf_canvas_parent_class)->finalize (object);
}

static void
falt_pdf_canvas_class_init (FaltPdfCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = falt_pdf_canvas_dispose;
  object_class->finalize = falt_pdf_canvas_finalize;
  object_class->get_property = falt_pdf_canvas_get_property;
  object_class->set_property = falt_pdf_canvas_set_property;
  widget_class->measure = falt_pdf_canvas_measure;
  widget_class->size_allocate = falt_pdf_canvas_size_allocate;
  widget_class->snapshot = falt_pdf_canvas_snapshot;

  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, FALT_PDF_ZOOM_MIN, FALT_PDF_ZOOM_MAX, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FIT_MODE] =
    g_param_spec_int ("fit-mode", NULL, NULL, FALT_PDF_FIT_AUTOMATIC, FALT_PDF_FIT_NONE, FALT_PDF_FIT_AUTOMATIC,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CURRENT_PAGE] =
    g_param_spec_int ("current-page", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  gtk_widget_class_set_css_name (widget_class, "pdfpages");
}

static void
falt_pdf_canvas_init (FaltPdfCanvas *self)
{
  self->zoom = 1.0;
  self->laid_out_zoom = 1.0;
  self->fit_mode = FALT_PDF_FIT_AUTOMATIC;
  self->pending_page = -1;
  self->anchor_page = -1;
  self->current_page = -1;
  self->current_hit_page = -1;
  self->cache = falt_pdf_cache_new (FALT_PDF_CACHE_BYTES);
  self->bound = g_ptr_array_new ();
  self->spare = g_ptr_array_new ();
  self->prefetch = g_ptr_array_new_with_free_func (g_object_unref);
  self->hits = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);
  self->selection = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);
  add_spare_pages (self, 4);
  set_adjustment (self, &self->hadjustment, NULL);
  set_adjustment (self, &self->vadjustment, NULL);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  falt_pdf_canvas_add_zoom_gestures (self);
}

GtkWidget *
falt_pdf_canvas_new (void)
{
  return g_object_new (FALT_TYPE_PDF_CANVAS, NULL);
}

/**
 * falt_pdf_canvas_prerender:
 * @width: the width the canvas is expected to get when first allocated
 * @height: its height then
 *
 * Before the canvas is first laid out, renders the page it will show first
 * at the size that allocation will give it, so that the first frame can
 * draw the page rather than a blank one (`faltstod FILE.pdf`). Does nothing
 * once laid out; a wrong guess costs one render, which the allocation
 * cancels if it has not run by then.
 */
void
falt_pdf_canvas_prerender (FaltPdfCanvas *self,
                           int            width,
                           int            height)
{
  double zoom, width_pt, height_pt, scale, cached_scale = 0;
  g_autoptr (FaltPdfJob) job = NULL;
  int page;

  g_return_if_fail (FALT_IS_PDF_CANVAS (self));

  if (self->document == NULL || self->tops != NULL || n_pages (self) == 0 || width <= 2 * MARGIN)
    return;

  page = CLAMP (self->pending_page, 0, n_pages (self) - 1);
  zoom = CLAMP (zoom_for_fit (self, self->fit_mode, width, height), FALT_PDF_ZOOM_MIN, FALT_PDF_ZOOM_MAX);
  /* Told now, the zoom and the page shown are in the first frame too: told
   * during the allocation, they would come in the next one. */
  set_zoom_value (self, zoom);
  if (self->current_page != page)
    {
      self->current_page = page;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_PAGE]);
    }
  falt_pdf_document_get_page_size (self->document, page, &width_pt, &height_pt);
  /* As the page will ask for it: at its width in whole pixels. */
  scale = round (width_pt * POINTS_TO_PIXELS * zoom) / (width_pt * POINTS_TO_PIXELS)
          * gtk_widget_get_scale_factor (GTK_WIDGET (self));
  /* A page shown in tiles asks for those it shows. */
  if (falt_pdf_tiles_are_needed (width_pt, height_pt, scale)
      || (falt_pdf_cache_lookup (self->cache, page, &cached_scale) != NULL && fabs (cached_scale - scale) < 0.01 * scale))
    return;

  job = falt_pdf_job_new_render (page, scale, FALT_PDF_JOB_PRIORITY_URGENT);
  g_signal_connect (job, "finished", G_CALLBACK (on_prefetch_finished_cb), self);
  g_ptr_array_add (self->prefetch, g_object_ref (job));
  falt_pdf_document_run (self->document, job);
}
