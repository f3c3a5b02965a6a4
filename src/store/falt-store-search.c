/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-store"

#include <glib/gi18n.h>
#include <string.h>

#include "falt-store-search-private.h"

/* Full-text search: one FTS5 table per language (search_sv, search_en,
 * search_uk), rows for each article, each PDF page and (in Swedish) each
 * coordinator; columns title, body (and unindexed doc_id, kind, page).
 *
 * How a search ranks, per table searched:
 * 1. Candidates. Ranking every match of a common word or a short prefix
 *    costs time in proportion to the content, so the search takes the
 *    first MAX_CANDIDATES matches in index (rowid) order, plus the first
 *    MAX_CANDIDATES matches of a small title-only index (search_title_xx),
 *    so that a title hit is never lost among thousands of body hits. Each
 *    gets faltrank() (falt-store-tokenizer.c): match counts only, title
 *    ×10, cheap; the title index's score lacks the body's share.
 * 2. The best BM25_CANDIDATES of them by faltrank() are ranked by Okapi
 *    BM25 (k1 1.2, b 0.75, title weighing ten times the body), computed
 *    as FTS5's bm25(search_xx, 10.0, 1.0) would, by our faltbm25()
 *    (falt-store-tokenizer.c). bm25() counts, once per query, the rows
 *    matching each phrase for its IDF, with a query of the phrase over the
 *    whole index: a cost that grows with the content. faltbm25() takes the
 *    counts as an argument, looked up in the index's vocabulary
 *    (search_terms_xx, rows per term) when the query is built
 *    (falt-store-query.c): exact for a word, a lower bound for a prefix
 *    (the most rows of any of its terms; the union is not recorded). The
 *    row count and the average row length come from FTS5's totals record,
 *    once per search, each candidate's length from its size record. FTS5
 *    finds the candidates' rows in runs of nearby rowids
 *    (rank_table_with_bm25()). That is the final order and the hits' score
 *    (-BM25, higher is better); candidates outside the BM25 set follow in
 *    faltrank() order, with scores below.
 * 3. Only the hits returned are looked up again, for their snippet.
 *
 * Each query word is one FTS5 phrase, a prefix's expansions synonyms in it
 * (falt-store-query.c), so BM25 counts a word once however many of its
 * forms a row has, and its IDF is that of the word (all its forms).
 * Title hits come first because of the weight, not by rule: BM25 saturates
 * term frequency, so a body that repeats a word far more often than a
 * title-matching row can rank above it. Scores of a Swedish fallback
 * table and the user's language's table come from different statistics. */

static const char *
known_lang (const char *lang)
{
  for (guint i = 0; i < FALT_STORE_N_LANGS; i++)
    if (g_strcmp0 (lang, falt_store_langs[i]) == 0)
      return falt_store_langs[i];
  return NULL;
}

/* Whether a language's table can add anything: some document in it is not
 * translated into an earlier language of the chain. Swedish always can:
 * the coordinators are in its table alone. */
static gboolean
table_has_documents_left (sqlite3     *db,
                          FaltSearchTable *table,
                          gboolean    *left,
                          GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  *left = TRUE;
  if (table->exclude_translated_in == NULL || strcmp (table->lang, "sv") == 0)
    return TRUE;
  stmt = falt_store_prepare (db,
                             "SELECT EXISTS (SELECT 1 FROM translations t WHERE t.lang = ?1 AND NOT EXISTS "
                             "(SELECT 1 FROM translations u WHERE u.doc_id = t.doc_id "
                             "AND instr (?2, ',' || u.lang || ',')))",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, table->lang, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, table->exclude_translated_in, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *left = sqlite3_column_int (stmt, 0) != 0;
      rc = SQLITE_DONE;
    }
  return falt_store_set_sqlite_error (db, rc, error);
}

static void
add_language_once (const char **order,
                   guint       *n,
                   const char  *lang)
{
  if (lang == NULL || *n >= FALT_STORE_N_LANGS)
    return;
  for (guint i = 0; i < *n; i++)
    if (strcmp (order[i], lang) == 0)
      return;
  order[(*n)++] = lang;
}

/* The tables to search, one per language of the chain (then Swedish, if
 * the chain lacks it: the coordinators are in its table alone); each for
 * the documents not translated into an earlier one. */
static guint
plan_tables (const char * const *langs,
             FaltSearchTable        *tables)
{
  const char *order[FALT_STORE_N_LANGS + 1] = { NULL };
  guint n = 0;

  for (guint i = 0; langs != NULL && langs[i] != NULL; i++)
    add_language_once (order, &n, known_lang (langs[i]));
  add_language_once (order, &n, "sv");

  for (guint t = 0; t < n; t++)
    {
      const char *lang = order[t];

      order[t] = NULL;  /* order is now the languages before it */
      tables[t] = (FaltSearchTable) { lang, t > 0 ? falt_store_lang_chain_key (order) : NULL, NULL, NULL, 0, 0 };
      order[t] = lang;
    }
  return n;
}

static GPtrArray *
search_in_transaction (sqlite3            *db,
                       const char         *query,
                       const char * const *langs,
                       guint               limit,
                       guint               snippets_per_kind,
                       GError            **error)
{
  FaltSearchTable tables[FALT_STORE_N_LANGS];
  guint n_tables = plan_tables (langs, tables);
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (FaltSearchCandidate));
  GPtrArray *hits = NULL;
  gboolean ok = TRUE;

  if (limit == 0)
    limit = 20;
  for (guint t = 0; ok && t < n_tables; t++)
    {
      gboolean left = TRUE;

      ok = table_has_documents_left (db, &tables[t], &left, error) &&
           (!left || falt_store_build_match (db, tables[t].lang, query, &tables[t].match, &tables[t].docs, error)) &&
           (tables[t].match == NULL || falt_store_collect_candidates (db, &tables[t], candidates, error));
    }
  if (ok && falt_store_rank_candidates (db, tables, n_tables, candidates, error))
    hits = falt_store_fetch_hits (db, tables, n_tables, candidates, limit, snippets_per_kind, error);
  for (guint t = 0; t < n_tables; t++)
    {
      g_free (tables[t].match);
      g_free (tables[t].docs);
      g_free (tables[t].exclude_translated_in);
    }
  return hits;
}

/* The search on a given connection: the caller's (sync) or the worker's;
 * the first snippets_per_kind hits of each kind with their snippets (all
 * for 0). In one read transaction: the hits are looked up by the rowids
 * the candidates had. */
GPtrArray *
falt_store_search_on (sqlite3            *db,
                      const char         *query,
                      const char * const *langs,
                      guint               limit,
                      guint               snippets_per_kind,
                      GError            **error)
{
  GPtrArray *hits;

  if (!falt_store_exec (db, "SAVEPOINT falt_search", error))
    return NULL;
  hits = search_in_transaction (db, query, langs, limit, snippets_per_kind, error);
  /* Nothing written: releasing it only ends the read. */
  if (!falt_store_exec (db, "RELEASE falt_search", hits != NULL ? error : NULL))
    g_clear_pointer (&hits, g_ptr_array_unref);
  return hits;
}

/**
 * falt_store_search:
 * @self: a #FaltStore
 * @query: what the user typed; any text is safe
 * @langs: (nullable) (array zero-terminated=1): the languages to search in,
 *   in order of preference: each document is searched in the first of them
 *   it is translated into, else in Swedish
 * @limit: the most hits to return, 0 for 20
 * @error: return location for an error
 *
 * Searches articles, PDF pages and coordinators, best first. Each hit's
 * snippet marks the matching words between \x02 and \x03.
 *
 * Returns: (transfer full) (element-type FaltSearchHit): the hits (empty
 *   for a query without words), or %NULL on error
 */
GPtrArray *
falt_store_search (FaltStore          *self,
                   const char         *query,
                   const char * const *langs,
                   guint               limit,
                   GError            **error)
{
  g_return_val_if_fail (FALT_IS_STORE (self), NULL);

  return falt_store_search_on (self->db, query, langs, limit, 0, error);
}

static gboolean
ensure_search_connection (FaltStore  *self,
                          GError    **error)
{
  if (self->search_db != NULL)
    return TRUE;
  if (falt_store_open_connection (self, &self->search_db, error) &&
      falt_store_setup_connection (self->search_db, error))
    {
      sqlite3_busy_timeout (self->search_db, 5000);
      return TRUE;
    }
  g_clear_pointer (&self->search_db, sqlite3_close_v2);
  return FALSE;
}

/* Stops a statement of the worker once its task is cancelled: the
 * user typed on, and the search's answer is no longer wanted. */
static int
interrupt_if_cancelled_cb (void *cancellable)
{
  return g_cancellable_is_cancelled (cancellable);
}

/* Work for the search's connection, as task data. */
typedef struct
{
  FaltSearchConnectionFunc func;
  GDestroyNotify           free_result;
  gpointer                 data;
  GDestroyNotify           free_data;
} SearchWork;

static void
search_work_free (SearchWork *work)
{
  if (work->free_data != NULL)
    work->free_data (work->data);
  g_free (work);
}

/* Runs the work on the search's read-only connection, under its lock (one
 * reader beside the UI's), and returns what it gives. A task cancelled
 * before it gets the lock does nothing: the one a keystroke replaced does
 * not keep the next one waiting. */
static void
search_connection_thread (GTask        *task,
                          gpointer      source_object,
                          gpointer      task_data,
                          GCancellable *cancellable)
{
  FaltStore *self = source_object;
  SearchWork *work = task_data;
  GError *error = NULL;
  gpointer result = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  g_mutex_lock (&self->search_lock);
  if (g_cancellable_is_cancelled (cancellable))
    {
      g_mutex_unlock (&self->search_lock);
      g_task_return_error_if_cancelled (task);
      return;
    }
  if (ensure_search_connection (self, &error))
    {
      if (cancellable != NULL)
        sqlite3_progress_handler (self->search_db, 1000, interrupt_if_cancelled_cb, cancellable);
      result = work->func (self, self->search_db, work->data, &error);
      sqlite3_progress_handler (self->search_db, 0, NULL, NULL);
    }
  g_mutex_unlock (&self->search_lock);

  if (g_task_return_error_if_cancelled (task))
    {
      g_clear_error (&error);
      if (result != NULL)
        work->free_result (result);
    }
  else if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, work->free_result);
}

/* Runs @func with @data (freed with @free_data) in a worker thread on the
 * search's connection; the task returns its result (freed with
 * @free_result), %NULL being an error. */
GTask *
falt_store_run_on_search_connection (FaltStore                *self,
                                     gpointer                  source_tag,
                                     FaltSearchConnectionFunc  func,
                                     gpointer                  data,
                                     GDestroyNotify            free_data,
                                     GDestroyNotify            free_result,
                                     GCancellable             *cancellable,
                                     GAsyncReadyCallback       callback,
                                     gpointer                  user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  SearchWork *work = g_new (SearchWork, 1);

  *work = (SearchWork) { func, free_result, data, free_data };
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, work, (GDestroyNotify) search_work_free);
  g_task_run_in_thread (task, search_connection_thread);
  return task;
}

static gpointer
search_with_job (FaltStore  *self,
                 sqlite3    *db,
                 gpointer    task_data,
                 GError    **error)
{
  FaltSearchJob *job = task_data;
  g_autoptr(GError) local_error = NULL;
  GPtrArray *hits = falt_search_job_run_on (job, db, &local_error);

  falt_search_job_complete (job, hits, local_error);
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return hits;
}

/**
 * falt_store_search_job_async:
 * @self: a #FaltStore
 * @job: the search to run
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the search is done
 * @user_data: data for @callback
 *
 * Runs @job in a worker thread with its own read-only database connection;
 * finish with falt_store_search_finish(). A job cancelled while it waits
 * for the worker is dropped, one cancelled while it runs is interrupted.
 */
void
falt_store_search_job_async (FaltStore           *self,
                             FaltSearchJob       *job,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (FALT_IS_STORE (self));
  g_return_if_fail (FALT_IS_SEARCH_JOB (job));

  g_object_unref (falt_store_run_on_search_connection (self, falt_store_search_job_async, search_with_job,
                                                       g_object_ref (job), g_object_unref,
                                                       (GDestroyNotify) g_ptr_array_unref, cancellable, callback,
                                                       user_data));
}

/**
 * falt_store_search_async:
 * @self: a #FaltStore
 * @query: what the user typed
 * @langs: (nullable) (array zero-terminated=1): the languages to search in,
 *   in order of preference
 * @limit: the most hits to return, 0 for 20
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the search is done
 * @user_data: data for @callback
 *
 * Like falt_store_search(), in a worker thread with its own read-only
 * database connection (falt_store_search_job_async()).
 */
void
falt_store_search_async (FaltStore           *self,
                         const char          *query,
                         const char * const  *langs,
                         guint                limit,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(FaltSearchJob) job = NULL;

  g_return_if_fail (FALT_IS_STORE (self));

  job = falt_search_job_new (query, langs, limit);
  falt_store_search_job_async (self, job, cancellable, callback, user_data);
}

/**
 * falt_store_search_finish:
 * @self: a #FaltStore
 * @result: the #GAsyncResult
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type FaltSearchHit): the hits, or %NULL
 *   on error or cancellation
 */
GPtrArray *
falt_store_search_finish (FaltStore     *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
