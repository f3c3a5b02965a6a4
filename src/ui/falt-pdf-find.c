/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-pdf-find"

#include "falt-pdf-find.h"

/* Find in the document: one find job a page on the document's worker, from
 * the page on screen onwards, so the nearest hits come first. The hits are
 * drawn on the canvas; one of them is current, and stepping moves across
 * pages in reading order. */

struct _FaltPdfFind
{
  GObject        parent_instance;

  FaltPdfCanvas *canvas;      /* weak */
  GPtrArray     *jobs;        /* FaltPdfJob still to finish */
  GHashTable    *hits;        /* page → GArray of graphene_rect_t */
  guint          n_hits;
  int            start_page;
  int            current_page;  /* -1 before the first hit */
  int            current_hit;
};

G_DEFINE_FINAL_TYPE (FaltPdfFind, falt_pdf_find, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_N_HITS,
  PROP_CURRENT,
  PROP_RUNNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static guint
hits_on (FaltPdfFind *self,
         int          page)
{
  GArray *hits = g_hash_table_lookup (self->hits, GINT_TO_POINTER (page));

  return hits != NULL ? hits->len : 0;
}

static void
show_current (FaltPdfFind *self,
              gboolean     scroll)
{
  GArray *hits;

  if (self->canvas == NULL)
    return;

  falt_pdf_canvas_set_current_hit (self->canvas, self->current_page, self->current_hit);
  hits = g_hash_table_lookup (self->hits, GINT_TO_POINTER (self->current_page));
  if (scroll && hits != NULL && self->current_hit < (int) hits->len)
    falt_pdf_canvas_scroll_to_area (self->canvas, self->current_page,
                                    &g_array_index (hits, graphene_rect_t, self->current_hit));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT]);
}

static void
cancel_jobs (FaltPdfFind *self)
{
  for (guint i = 0; i < self->jobs->len; i++)
    {
      FaltPdfJob *job = g_ptr_array_index (self->jobs, i);

      g_signal_handlers_disconnect_matched (job, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
      falt_pdf_job_cancel (job);
    }
  g_ptr_array_set_size (self->jobs, 0);
}

static void
on_find_finished_cb (FaltPdfJob  *job,
                     FaltPdfFind *self)
{
  GArray *hits = falt_pdf_job_get_rects (job);
  int page = falt_pdf_job_get_page (job);

  if (hits != NULL && hits->len > 0)
    {
      g_hash_table_insert (self->hits, GINT_TO_POINTER (page), g_array_ref (hits));
      self->n_hits += hits->len;
      if (self->canvas != NULL)
        falt_pdf_canvas_set_hits (self->canvas, page, hits);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_HITS]);
      /* The first hit found is the nearest one after the page on screen. */
      if (self->current_page < 0)
        {
          self->current_page = page;
          self->current_hit = 0;
          show_current (self, TRUE);
        }
      else
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT]);
    }

  g_ptr_array_remove (self->jobs, job);
  if (self->jobs->len == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static void
start_jobs (FaltPdfFind        *self,
            const char * const *words,
            gboolean            whole_words)
{
  FaltPdfDocument *document;
  int n_pages;

  falt_pdf_find_stop (self);
  document = self->canvas != NULL ? falt_pdf_canvas_get_document (self->canvas) : NULL;
  if (document == NULL || words == NULL || words[0] == NULL || *words[0] == '\0')
    return;

  n_pages = falt_pdf_document_get_n_pages (document);
  self->start_page = MAX (falt_pdf_canvas_get_current_page (self->canvas), 0);
  for (int i = 0; i < n_pages; i++)
    {
      int page = (self->start_page + i) % n_pages;
      g_autoptr (FaltPdfJob) job = whole_words ? falt_pdf_job_new_find_words (page, words)
                                               : falt_pdf_job_new_find (page, words[0]);

      g_signal_connect (job, "finished", G_CALLBACK (on_find_finished_cb), self);
      g_ptr_array_add (self->jobs, g_object_ref (job));
      falt_pdf_document_run (document, job);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

/**
 * falt_pdf_find_start:
 * @text: what to find; empty clears the hits
 *
 * Finds @text on every page, starting with the page on screen.
 */
void
falt_pdf_find_start (FaltPdfFind *self,
                     const char  *text)
{
  const char *words[] = { text, NULL };

  g_return_if_fail (FALT_IS_PDF_FIND (self));

  start_jobs (self, words, FALSE);
}

/**
 * falt_pdf_find_start_words:
 * @words: whole words to find, such as the written forms a search matched
 *
 * Finds every one of @words on every page, starting with the page on
 * screen: the hits of all of them, in reading order.
 */
void
falt_pdf_find_start_words (FaltPdfFind        *self,
                           const char * const *words)
{
  g_return_if_fail (FALT_IS_PDF_FIND (self));

  start_jobs (self, words, TRUE);
}

/* Cancels the search and clears its hits. */
void
falt_pdf_find_stop (FaltPdfFind *self)
{
  g_return_if_fail (FALT_IS_PDF_FIND (self));

  cancel_jobs (self);
  g_hash_table_remove_all (self->hits);
  self->n_hits = 0;
  self->current_page = -1;
  self->current_hit = 0;
  if (self->canvas != NULL)
    falt_pdf_canvas_clear_hits (self->canvas);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_HITS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

/**
 * falt_pdf_find_step:
 * @direction: 1 for the next hit, -1 for the one before
 *
 * Makes the next (or previous) hit current, on a later (or earlier) page
 * when this page has no more, wrapping around the document.
 */
void
falt_pdf_find_step (FaltPdfFind *self,
                    int          direction)
{
  FaltPdfDocument *document;
  int n_pages, page;

  g_return_if_fail (FALT_IS_PDF_FIND (self));

  if (self->current_page < 0 || self->canvas == NULL)
    return;

  document = falt_pdf_canvas_get_document (self->canvas);
  n_pages = falt_pdf_document_get_n_pages (document);
  page = self->current_page;
  if (self->current_hit + direction >= 0 && self->current_hit + direction < (int) hits_on (self, page))
    self->current_hit += direction;
  else
    {
      for (int i = 1; i <= n_pages; i++)
        {
          int candidate = ((page + direction * i) % n_pages + n_pages) % n_pages;

          if (hits_on (self, candidate) > 0)
            {
              self->current_page = candidate;
              self->current_hit = direction > 0 ? 0 : (int) hits_on (self, candidate) - 1;
              break;
            }
        }
    }
  show_current (self, TRUE);
}

guint
falt_pdf_find_get_n_hits (FaltPdfFind *self)
{
  g_return_val_if_fail (FALT_IS_PDF_FIND (self), 0);

  return self->n_hits;
}

/**
 * falt_pdf_find_get_current:
 *
 * Returns: the current hit's place among the hits found, counting from 1
 *   in reading order; 0 when there is none
 */
guint
falt_pdf_find_get_current (FaltPdfFind *self)
{
  guint before = 0;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (FALT_IS_PDF_FIND (self), 0);

  if (self->current_page < 0)
    return 0;

  g_hash_table_iter_init (&iter, self->hits);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (GPOINTER_TO_INT (key) < self->current_page)
      before += ((GArray *) value)->len;
  return before + self->current_hit + 1;
}

/**
 * falt_pdf_find_get_current_page:
 *
 * Returns: the page of the current hit, counting from 0, or -1
 */
int
falt_pdf_find_get_current_page (FaltPdfFind *self)
{
  g_return_val_if_fail (FALT_IS_PDF_FIND (self), -1);

  return self->current_page;
}

gboolean
falt_pdf_find_is_running (FaltPdfFind *self)
{
  g_return_val_if_fail (FALT_IS_PDF_FIND (self), FALSE);

  return self->jobs->len > 0;
}

static void
falt_pdf_find_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  FaltPdfFind *self = FALT_PDF_FIND (object);

  switch (prop_id)
    {
    case PROP_N_HITS:
      g_value_set_uint (value, self->n_hits);
      break;
    case PROP_CURRENT:
      g_value_set_uint (value, falt_pdf_find_get_current (self));
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, falt_pdf_find_is_running (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
falt_pdf_find_dispose (GObject *object)
{
  FaltPdfFind *self = FALT_PDF_FIND (object);

  if (self->jobs != NULL)
    cancel_jobs (self);
  g_clear_weak_pointer (&self->canvas);

  G_OBJECT_CLASS (falt_pdf_find_parent_class)->dispose (object);
}

static void
falt_pdf_find_finalize (GObject *object)
{
  FaltPdfFind *self = FALT_PDF_FIND (object);

  g_clear_pointer (&self->jobs, g_ptr_array_unref);
  g_clear_pointer (&self->hits, g_hash_table_unref);

  G_OBJECT_CLASS (falt_pdf_find_parent_class)->finalize (object);
}

static void
falt_pdf_find_class_init (FaltPdfFindClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = falt_pdf_find_dispose;
  object_class->finalize = falt_pdf_find_finalize;
  object_class->get_property = falt_pdf_find_get_property;

  properties[PROP_N_HITS] =
    g_param_spec_uint ("n-hits", NULL, NULL, 0, G_MAXUINT, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CURRENT] =
    g_param_spec_uint ("current", NULL, NULL, 0, G_MAXUINT, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
falt_pdf_find_init (FaltPdfFind *self)
{
  self->jobs = g_ptr_array_new_with_free_func (g_object_unref);
  self->hits = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);
  self->current_page = -1;
}

FaltPdfFind *
falt_pdf_find_new (FaltPdfCanvas *canvas)
{
  FaltPdfFind *self = g_object_new (FALT_TYPE_PDF_FIND, NULL);

  g_set_weak_pointer (&self->canvas, canvas);
  return self;
}
