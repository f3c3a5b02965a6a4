/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-pdf-job"

#include <math.h>

#include "falt-pdf-job.h"
#include "falt-pdf-tiles.h"
#include "falt-pdf-words.h"

/* One piece of work on one page of a PDF: render it at a scale, find a word
 * in it, select text in an area, read its text, or record it for printing.
 * Jobs run on the document's worker thread, which alone touches poppler
 * (as Papers' PpsJob runs on its scheduler's thread), and say "finished" on
 * the main context they were made on — unless cancelled first. */

#define POINTS_TO_PIXELS (96.0 / 72.0)

struct _FaltPdfJob
{
  GObject             parent_instance;

  FaltPdfJobKind      kind;
  FaltPdfJobPriority  priority;
  guint64             serial;
  int                 page;
  double              scale;
  int                 tile;       /* a render job's tile, or -1 for the whole page */
  char              **find_words;  /* one text, or the whole words to find */
  gboolean            whole_words;
  graphene_rect_t     area;
  gint                cancelled;  /* atomic */
  gboolean            finished;

  /* Results, written on the worker before "finished" is emitted. */
  GdkTexture         *texture;
  GArray             *rects;      /* graphene_rect_t, in points from the top left */
  char               *text;
  cairo_surface_t    *recording;
};

G_DEFINE_FINAL_TYPE (FaltPdfJob, falt_pdf_job, G_TYPE_OBJECT)

enum {
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static FaltPdfJob *
job_new (FaltPdfJobKind     kind,
         int                page,
         FaltPdfJobPriority priority)
{
  static guint64 next_serial;
  FaltPdfJob *self = g_object_new (FALT_TYPE_PDF_JOB, NULL);

  self->kind = kind;
  self->page = page;
  self->priority = priority;
  self->serial = next_serial++;
  return self;
}

/**
 * falt_pdf_job_new_render:
 * @scale: device pixels per CSS pixel at zoom 1 times the zoom
 *
 * Renders page @page into a #GdkTexture of the page's size in points times
 * 96/72 times @scale.
 */
FaltPdfJob *
falt_pdf_job_new_render (int                page,
                         double             scale,
                         FaltPdfJobPriority priority)
{
  FaltPdfJob *self = job_new (FALT_PDF_JOB_RENDER, page, priority);

  self->scale = scale;
  return self;
}

/**
 * falt_pdf_job_new_render_tile:
 * @scale: as for falt_pdf_job_new_render()
 * @tile: which tile of the page rendered at @scale (see falt_pdf_tiles_get_rect())
 *
 * Renders one tile of page @page: the same pixels a whole-page render at
 * @scale has there.
 */
FaltPdfJob *
falt_pdf_job_new_render_tile (int                page,
                              double             scale,
                              int                tile,
                              FaltPdfJobPriority priority)
{
  FaltPdfJob *self = falt_pdf_job_new_render (page, scale, priority);

  self->tile = tile;
  return self;
}

FaltPdfJob *
falt_pdf_job_new_find (int         page,
                       const char *text)
{
  FaltPdfJob *self = job_new (FALT_PDF_JOB_FIND, page, FALT_PDF_JOB_PRIORITY_HIGH);

  self->find_words = g_new0 (char *, 2);
  self->find_words[0] = g_strdup (text);
  return self;
}

/**
 * falt_pdf_job_new_find_words:
 * @words: lowercase whole words, such as the written forms a search matched
 *
 * Finds the page's words that are one of @words (not inside longer ones),
 * in the page's order.
 */
FaltPdfJob *
falt_pdf_job_new_find_words (int                 page,
                             const char * const *words)
{
  FaltPdfJob *self = job_new (FALT_PDF_JOB_FIND, page, FALT_PDF_JOB_PRIORITY_HIGH);

  self->find_words = g_strdupv ((char **) words);
  self->whole_words = TRUE;
  return self;
}

/**
 * falt_pdf_job_new_select:
 * @area: from the start to the end of a drag, in points from the page's top left
 *
 * Finds the text a drag over @area selects: its region and its text.
 */
FaltPdfJob *
falt_pdf_job_new_select (int                    page,
                         const graphene_rect_t *area)
{
  FaltPdfJob *self = job_new (FALT_PDF_JOB_SELECT, page, FALT_PDF_JOB_PRIORITY_URGENT);

  self->area = *area;
  return self;
}

FaltPdfJob *
falt_pdf_job_new_text (int                page,
                       FaltPdfJobPriority priority)
{
  return job_new (FALT_PDF_JOB_TEXT, page, priority);
}

FaltPdfJob *
falt_pdf_job_new_print (int page)
{
  return job_new (FALT_PDF_JOB_PRINT, page, FALT_PDF_JOB_PRIORITY_HIGH);
}

FaltPdfJobKind
falt_pdf_job_get_kind (FaltPdfJob *self)
{
  return self->kind;
}

int
falt_pdf_job_get_page (FaltPdfJob *self)
{
  return self->page;
}

double
falt_pdf_job_get_scale (FaltPdfJob *self)
{
  return self->scale;
}

/* A render job's tile, or -1 when it renders the whole page. */
int
falt_pdf_job_get_tile (FaltPdfJob *self)
{
  return self->tile;
}

FaltPdfJobPriority
falt_pdf_job_get_priority (FaltPdfJob *self)
{
  return self->priority;
}

/* Any thread. A cancelled job that has not run yet is skipped; one that has
 * run drops its result without saying "finished". */
void
falt_pdf_job_cancel (FaltPdfJob *self)
{
  g_return_if_fail (FALT_IS_PDF_JOB (self));

  g_atomic_int_set (&self->cancelled, TRUE);
}

gboolean
falt_pdf_job_is_cancelled (FaltPdfJob *self)
{
  return g_atomic_int_get (&self->cancelled);
}

gboolean
falt_pdf_job_is_finished (FaltPdfJob *self)
{
  return self->finished;
}

/**
 * falt_pdf_job_get_texture:
 *
 * Returns: (transfer none) (nullable): a render job's page
 */
GdkTexture *
falt_pdf_job_get_texture (FaltPdfJob *self)
{
  return self->texture;
}

/**
 * falt_pdf_job_get_surface:
 * @texture: a render job's texture
 *
 * Returns: (transfer none) (nullable): the cairo image surface that holds
 *   @texture's pixels
 */
cairo_surface_t *
falt_pdf_job_get_surface (GdkTexture *texture)
{
  return g_object_get_data (G_OBJECT (texture), "falt-pdf-surface");
}

/**
 * falt_pdf_job_get_rects:
 *
 * Returns: (transfer none) (nullable): a find job's hits, or a select job's
 *   region, as graphene_rect_t in points from the page's top left
 */
GArray *
falt_pdf_job_get_rects (FaltPdfJob *self)
{
  return self->rects;
}

/**
 * falt_pdf_job_get_text:
 *
 * Returns: (nullable): a text job's page text, or a select job's selected text
 */
const char *
falt_pdf_job_get_text (FaltPdfJob *self)
{
  return self->text;
}

/**
 * falt_pdf_job_get_recording:
 *
 * Returns: (transfer none) (nullable): a print job's page as a cairo
 *   recording surface, in points
 */
cairo_surface_t *
falt_pdf_job_get_recording (FaltPdfJob *self)
{
  return self->recording;
}

/* GThreadPool's order: priority first, then the order they were asked in. */
gint
falt_pdf_job_compare (gconstpointer a,
                      gconstpointer b,
                      gpointer      user_data)
{
  const FaltPdfJob *job_a = a;
  const FaltPdfJob *job_b = b;

  if (job_a->priority != job_b->priority)
    return job_a->priority < job_b->priority ? -1 : 1;
  return job_a->serial < job_b->serial ? -1 : job_a->serial > job_b->serial;
}

static void
destroy_surface_cb (gpointer data,
                    gpointer user_data)
{
  cairo_surface_destroy (data);
}

/* A page's pixels are let go of on a thread of their own: freeing the
 * 32 MB of a page at zoom 3 (munmap) held the main loop 8–58 ms when the
 * page scrolled away or the cache dropped it. */
static void
release_surface (gpointer surface)
{
  static GThreadPool *releaser;

  if (g_once_init_enter (&releaser))
    g_once_init_leave (&releaser, g_thread_pool_new (destroy_surface_cb, NULL, 1, FALSE, NULL));
  g_thread_pool_push (releaser, surface, NULL);
}

/* The tile, or the whole page, at the job's scale: the same transformation
 * either way, moved by the tile's offset, so tiles match the whole page. */
static void
render_texture (FaltPdfJob  *self,
                PopplerPage *page)
{
  double width_pt, height_pt;
  int page_width, page_height, x = 0, y = 0, width, height;
  cairo_surface_t *surface;
  cairo_t *cr;
  g_autoptr (GBytes) pixels = NULL;

  poppler_page_get_size (page, &width_pt, &height_pt);
  falt_pdf_tiles_get_page_pixels (width_pt, height_pt, self->scale, &page_width, &page_height);
  width = page_width;
  height = page_height;
  if (self->tile >= 0)
    falt_pdf_tiles_get_rect (page_width, page_height, self->tile, &x, &y, &width, &height);
  if (width <= 0 || height <= 0)
    return;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  /* Paper is white whatever the theme, as in every document viewer. */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_translate (cr, -x, -y);
  cairo_scale (cr, (double) page_width / width_pt, (double) page_height / height_pt);
  poppler_page_render (page, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  if (cairo_surface_status (surface) == CAIRO_STATUS_SUCCESS)
    {
      /* The surface's memory becomes the texture's, without a copy. */
      pixels = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                           (gsize) cairo_image_surface_get_stride (surface) * height,
                                           release_surface, cairo_surface_reference (surface));
      self->texture = gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, pixels,
                                              cairo_image_surface_get_stride (surface));
      /* GTK 4.8's cairo renderer converts a texture pixel by pixel on
       * every frame (70 ms for a page at zoom 3); it can paint the same
       * memory as a cairo surface instead. See falt_pdf_job_get_surface(). */
      g_object_set_data_full (G_OBJECT (self->texture), "falt-pdf-surface",
                              cairo_surface_reference (surface), release_surface);
    }
  cairo_surface_destroy (surface);
}

static void
find_text (FaltPdfJob  *self,
           PopplerPage *page)
{
  double width, height;
  GList *matches;

  if (self->whole_words)
    {
      self->rects = falt_pdf_find_words_on_page (page, (const char * const *) self->find_words);
      return;
    }

  poppler_page_get_size (page, &width, &height);
  matches = poppler_page_find_text_with_options (page, self->find_words[0], POPPLER_FIND_DEFAULT);
  self->rects = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
  for (GList *l = matches; l != NULL; l = l->next)
    {
      PopplerRectangle *match = l->data;
      /* poppler finds from the bottom left, as PDF counts. */
      graphene_rect_t rect = GRAPHENE_RECT_INIT (match->x1, height - match->y2,
                                                 match->x2 - match->x1, match->y2 - match->y1);

      g_array_append_val (self->rects, rect);
    }
  g_list_free_full (matches, (GDestroyNotify) poppler_rectangle_free);
}

static void
select_text (FaltPdfJob  *self,
             PopplerPage *page)
{
  PopplerRectangle area = {
    self->area.origin.x, self->area.origin.y,
    self->area.origin.x + self->area.size.width, self->area.origin.y + self->area.size.height,
  };
  cairo_region_t *region = poppler_page_get_selected_region (page, 1.0, POPPLER_SELECTION_GLYPH, &area);

  self->rects = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
  for (int i = 0; region != NULL && i < cairo_region_num_rectangles (region); i++)
    {
      cairo_rectangle_int_t r;
      graphene_rect_t rect;

      cairo_region_get_rectangle (region, i, &r);
      rect = GRAPHENE_RECT_INIT (r.x, r.y, r.width, r.height);
      g_array_append_val (self->rects, rect);
    }
  g_clear_pointer (&region, cairo_region_destroy);
  self->text = poppler_page_get_selected_text (page, POPPLER_SELECTION_GLYPH, &area);
}

static void
record_for_printing (FaltPdfJob  *self,
                     PopplerPage *page)
{
  double width, height;
  cairo_t *cr;

  poppler_page_get_size (page, &width, &height);
  self->recording = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA,
                                                    &(cairo_rectangle_t) { 0, 0, width, height });
  cr = cairo_create (self->recording);
  poppler_page_render_for_printing (page, cr);
  cairo_destroy (cr);
}

/* On the worker thread, which owns @document. */
void
falt_pdf_job_run (FaltPdfJob      *self,
                  PopplerDocument *document)
{
  PopplerPage *page;

  if (falt_pdf_job_is_cancelled (self))
    return;

  /* poppler-glib 22.12 has no autoptr for PopplerPage. */
  page = poppler_document_get_page (document, self->page);
  if (page == NULL)
    return;

  switch (self->kind)
    {
    case FALT_PDF_JOB_RENDER:
      render_texture (self, page);
      break;
    case FALT_PDF_JOB_FIND:
      find_text (self, page);
      break;
    case FALT_PDF_JOB_SELECT:
      select_text (self, page);
      break;
    case FALT_PDF_JOB_TEXT:
      self->text = poppler_page_get_text (page);
      break;
    case FALT_PDF_JOB_PRINT:
      record_for_printing (self, page);
      break;
    default:
      g_assert_not_reached ();
    }
  g_object_unref (page);
}

/* On the main context, after falt_pdf_job_run(). */
void
falt_pdf_job_finish (FaltPdfJob *self)
{
  self->finished = TRUE;
  if (!falt_pdf_job_is_cancelled (self))
    g_signal_emit (self, signals[FINISHED], 0);
}

static void
falt_pdf_job_finalize (GObject *object)
{
  FaltPdfJob *self = FALT_PDF_JOB (object);

  g_clear_object (&self->texture);
  g_clear_pointer (&self->rects, g_array_unref);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->find_words, g_strfreev);
  g_clear_pointer (&self->recording, cairo_surface_destroy);

  G_OBJECT_CLASS (falt_pdf_job_parent_class)->finalize (object);
}

static void
falt_pdf_job_class_init (FaltPdfJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = falt_pdf_job_finalize;

  /**
   * FaltPdfJob::finished:
   *
   * The job ran and was not cancelled; its results can be read.
   */
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
falt_pdf_job_init (FaltPdfJob *self)
{
  self->tile = -1;
}
