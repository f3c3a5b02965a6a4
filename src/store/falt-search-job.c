/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-store"

#include "falt-search-job.h"
#include "falt-store-search-private.h"

/**
 * FaltSearchJob:
 *
 * One search, run on the store's search worker
 * (falt_store_search_job_async()): what was asked, and once the worker is
 * done, its hits. Besides the callback on the main context, the job can be
 * waited on for a short while (falt_search_job_wait_until()): search as
 * you type waits in the frame that draws the letter typed, up to a bound,
 * so that the letter and its results are drawn together instead of the
 * results a frame (16.7 ms) later.
 */
struct _FaltSearchJob
{
  GObject    parent_instance;

  char      *query;
  GStrv      langs;
  guint      limit;
  guint      snippets_per_kind;

  GMutex     lock;      /* guards what follows, written by the worker */
  GCond      done_cond;
  gboolean   done;
  GPtrArray *hits;      /* (element-type FaltSearchHit) */
  GError    *error;
};

G_DEFINE_FINAL_TYPE (FaltSearchJob, falt_search_job, G_TYPE_OBJECT)

static void
falt_search_job_finalize (GObject *object)
{
  FaltSearchJob *self = FALT_SEARCH_JOB (object);

  g_free (self->query);
  g_strfreev (self->langs);
  g_clear_pointer (&self->hits, g_ptr_array_unref);
  g_clear_error (&self->error);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->done_cond);

  G_OBJECT_CLASS (falt_search_job_parent_class)->finalize (object);
}

static void
falt_search_job_class_init (FaltSearchJobClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = falt_search_job_finalize;
}

static void
falt_search_job_init (FaltSearchJob *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->done_cond);
}

/**
 * falt_search_job_new:
 * @query: what the user typed
 * @langs: (nullable) (array zero-terminated=1): the languages to search in,
 *   in order of preference
 * @limit: the most hits to return, 0 for 20
 */
FaltSearchJob *
falt_search_job_new (const char         *query,
                     const char * const *langs,
                     guint               limit)
{
  FaltSearchJob *self = g_object_new (FALT_TYPE_SEARCH_JOB, NULL);

  self->query = g_strdup (query);
  self->langs = g_strdupv ((char **) langs);
  self->limit = limit;
  return self;
}

const char *
falt_search_job_get_query (FaltSearchJob *self)
{
  g_return_val_if_fail (FALT_IS_SEARCH_JOB (self), NULL);

  return self->query;
}

/**
 * falt_search_job_set_snippets_per_kind:
 * @n: how many hits of each kind get their snippet, 0 (the default) for all
 *
 * The others come without (falt_search_hit_get_snippet() is %NULL), for
 * falt_store_make_snippets_async() to make when they are shown: a
 * snippet costs ~40 µs, and the first screenful shows a dozen hits of the
 * fifty a search as you type asks for.
 */
void
falt_search_job_set_snippets_per_kind (FaltSearchJob *self,
                                       guint          n)
{
  g_return_if_fail (FALT_IS_SEARCH_JOB (self));

  self->snippets_per_kind = n;
}

/* The worker's search, on its connection. */
GPtrArray *
falt_search_job_run_on (FaltSearchJob  *self,
                        sqlite3        *db,
                        GError        **error)
{
  return falt_store_search_on (db, self->query, (const char * const *) self->langs, self->limit,
                               self->snippets_per_kind, error);
}

/* The worker is done: @hits (transfer none) or @error. */
void
falt_search_job_complete (FaltSearchJob *self,
                          GPtrArray     *hits,
                          const GError  *error)
{
  g_mutex_lock (&self->lock);
  self->hits = hits != NULL ? g_ptr_array_ref (hits) : NULL;
  self->error = error != NULL ? g_error_copy (error) : NULL;
  self->done = TRUE;
  g_cond_broadcast (&self->done_cond);
  g_mutex_unlock (&self->lock);
}

/**
 * falt_search_job_wait_until:
 * @end_time: the latest monotonic time to wait until
 *
 * Blocks until the worker is done with the job, or @end_time.
 *
 * Returns: whether the job is done
 */
gboolean
falt_search_job_wait_until (FaltSearchJob *self,
                            gint64         end_time)
{
  gboolean done;

  g_return_val_if_fail (FALT_IS_SEARCH_JOB (self), FALSE);

  g_mutex_lock (&self->lock);
  while (!self->done && g_cond_wait_until (&self->done_cond, &self->lock, end_time))
    ;
  done = self->done;
  g_mutex_unlock (&self->lock);
  return done;
}

/**
 * falt_search_job_take_hits:
 * @error: return location for the search's error
 *
 * The hits of a job that is done (falt_search_job_wait_until()).
 *
 * Returns: (transfer full) (element-type FaltSearchHit): the hits, or
 *   %NULL with @error set
 */
GPtrArray *
falt_search_job_take_hits (FaltSearchJob  *self,
                           GError        **error)
{
  GPtrArray *hits;

  g_return_val_if_fail (FALT_IS_SEARCH_JOB (self), NULL);

  g_mutex_lock (&self->lock);
  g_warn_if_fail (self->done);
  hits = self->hits != NULL ? g_ptr_array_ref (self->hits) : NULL;
  if (hits == NULL)
    {
      if (self->error != NULL)
        g_propagate_error (error, g_error_copy (self->error));
      else
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PENDING, "The search is not done");
    }
  g_mutex_unlock (&self->lock);
  return hits;
}
