/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-store"

#include <string.h>

#include "falt-search-hit-private.h"
#include "falt-store-search-private.h"

/* The hits returned, with their snippets (step 3 of falt-store-search.c).
 * A snippet is FTS5's snippet() of the row, ~40 µs each (it reads the
 * row's text and walks its matches): a search as you type makes them
 * for the hits the first screenful shows (snippets_per_kind), the others
 * when their rows are shown (falt_store_make_snippets_async()). */

#define SNIPPET_TOKENS 14

enum { COL_DOC_ID, COL_KIND, COL_PAGE, COL_TITLE, COL_PAGE_LABEL };

/* What a hit shows but its snippet, by rowid: the search's read
 * transaction keeps the rows its candidates came from. */
static sqlite3_stmt *
prepare_hit_statement (sqlite3     *db,
                       const char  *lang,
                       GError     **error)
{
  g_autofree char *sql = g_strdup_printf (
    "SELECT s.doc_id, s.kind, s.page, "
    "  coalesce((SELECT title FROM translations WHERE doc_id = s.doc_id AND lang = '%1$s'), s.title), "
    "  CASE s.kind WHEN 'pdf' THEN coalesce((SELECT p.label FROM translations t JOIN pdf_pages p ON p.blob = t.blob "
    "    WHERE t.doc_id = s.doc_id AND t.lang = '%1$s' AND p.page = s.page), s.page) END "
    "FROM search_%1$s s WHERE s.rowid = ?1",
    lang);

  return falt_store_prepare (db, sql, error);
}

/* The snippet of a row, if it still holds the hit's document and page. */
static sqlite3_stmt *
prepare_snippet_statement (sqlite3     *db,
                           const char  *lang,
                           GError     **error)
{
  g_autofree char *sql = g_strdup_printf (
    "SELECT snippet(search_%1$s, 1, x'02', x'03', '…', " G_STRINGIFY (SNIPPET_TOKENS) ") "
    "FROM search_%1$s WHERE search_%1$s MATCH ?1 AND rowid = ?2 AND doc_id = ?3 AND page = ?4",
    lang);

  return falt_store_prepare (db, sql, error);
}

/* The snippet of @rowid ("" if it no longer matches), or %NULL on error. */
static char *
make_snippet (sqlite3       *db,
              sqlite3_stmt  *stmt,
              const char    *match,
              gint64         rowid,
              const char    *doc_id,
              int            page,
              GError       **error)
{
  char *snippet = NULL;
  int rc;

  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, rowid);
  sqlite3_bind_text (stmt, 3, doc_id, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, page);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    snippet = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  else if (falt_store_set_sqlite_error (db, rc, error))
    snippet = g_strdup ("");
  sqlite3_reset (stmt);
  return snippet;
}

/* Whether a hit of the row's kind gets its snippet now: the first
 * snippets_per_kind of each kind (all for 0). */
static gboolean
kind_wants_snippet (const char *kind,
                    GHashTable *snippets_by_kind,
                    guint       snippets_per_kind)
{
  guint made = GPOINTER_TO_UINT (g_hash_table_lookup (snippets_by_kind, kind));

  if (snippets_per_kind != 0 && made >= snippets_per_kind)
    return FALSE;
  g_hash_table_insert (snippets_by_kind, g_strdup (kind), GUINT_TO_POINTER (made + 1));
  return TRUE;
}

/* The hit for one candidate. Returns NULL with no error if the row is
 * gone. */
static FaltSearchHit *
fetch_hit (sqlite3                   *db,
           sqlite3_stmt              *stmt,
           sqlite3_stmt              *snippet_stmt,
           const FaltSearchCandidate *candidate,
           GHashTable                *snippets_by_kind,
           guint                      snippets_per_kind,
           GError                   **error)
{
  FaltSearchHit *hit = NULL;
  int rc;

  sqlite3_bind_int64 (stmt, 1, candidate->rowid);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      const char *doc_id = (const char *) sqlite3_column_text (stmt, COL_DOC_ID);
      const char *kind = (const char *) sqlite3_column_text (stmt, COL_KIND);
      int page = sqlite3_column_int (stmt, COL_PAGE);
      g_autofree char *snippet = NULL;

      if (kind_wants_snippet (kind, snippets_by_kind, snippets_per_kind))
        {
          snippet = make_snippet (db, snippet_stmt, candidate->table->match, candidate->rowid, doc_id, page, error);
          if (snippet == NULL)
            {
              sqlite3_reset (stmt);
              return NULL;
            }
        }
      hit = falt_search_hit_new (doc_id, kind, candidate->table->lang, (const char *) sqlite3_column_text (stmt, COL_TITLE),
                                 snippet, page, (const char *) sqlite3_column_text (stmt, COL_PAGE_LABEL),
                                 candidate->score);
      falt_search_hit_set_rowid (hit, candidate->rowid);
    }
  else
    falt_store_set_sqlite_error (db, rc, error);
  sqlite3_reset (stmt);
  return hit;
}

typedef struct
{
  sqlite3_stmt *hit;
  sqlite3_stmt *snippet;
} TableStatements;

static gboolean
ensure_statements (sqlite3          *db,
                   TableStatements  *statements,
                   const char       *lang,
                   GError          **error)
{
  if (statements->hit == NULL)
    statements->hit = prepare_hit_statement (db, lang, error);
  if (statements->hit != NULL && statements->snippet == NULL)
    statements->snippet = prepare_snippet_statement (db, lang, error);
  return statements->snippet != NULL;
}

/* The best candidates (ranked) as hits; the first snippets_per_kind of
 * each kind (all for 0) with their snippets. */
GPtrArray *
falt_store_fetch_hits (sqlite3          *db,
                       FaltSearchTable  *tables,
                       guint             n_tables,
                       GArray           *candidates,
                       guint             limit,
                       guint             snippets_per_kind,
                       GError          **error)
{
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) snippets_by_kind = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  TableStatements statements[FALT_STORE_N_LANGS] = { { NULL, NULL } };
  gboolean ok = TRUE;

  for (guint i = 0; ok && i < candidates->len && hits->len < limit; i++)
    {
      FaltSearchCandidate *candidate = &g_array_index (candidates, FaltSearchCandidate, i);
      TableStatements *table_statements = &statements[candidate->table - tables];
      g_autoptr(GError) local_error = NULL;
      FaltSearchHit *hit;

      ok = ensure_statements (db, table_statements, candidate->table->lang, error);
      if (!ok)
        break;
      hit = fetch_hit (db, table_statements->hit, table_statements->snippet, candidate, snippets_by_kind,
                       snippets_per_kind, &local_error);
      if (hit != NULL)
        g_ptr_array_add (hits, hit);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          ok = FALSE;
        }
    }
  for (guint t = 0; t < n_tables; t++)
    {
      g_clear_pointer (&statements[t].hit, sqlite3_finalize);
      g_clear_pointer (&statements[t].snippet, sqlite3_finalize);
    }
  if (!ok)
    return NULL;
  return g_steal_pointer (&hits);
}

/* Snippets made later, for hits a search returned without. */

typedef struct
{
  char   *lang;
  gint64  rowid;
  char   *doc_id;
  int     page;
} SnippetRequest;

typedef struct
{
  char   *query;
  GArray *requests;   /* SnippetRequest */
} SnippetsData;

static void
snippet_request_clear (SnippetRequest *request)
{
  g_free (request->lang);
  g_free (request->doc_id);
}

static void
snippets_data_free (SnippetsData *data)
{
  g_free (data->query);
  g_array_unref (data->requests);
  g_free (data);
}

/* One language's statement and match, made once for all its requests. */
typedef struct
{
  sqlite3_stmt *stmt;
  char         *match;
  char         *docs;
} LanguageSnippets;

static void
language_snippets_free (LanguageSnippets *language)
{
  g_clear_pointer (&language->stmt, sqlite3_finalize);
  g_free (language->match);
  g_free (language->docs);
  g_free (language);
}

static LanguageSnippets *
language_snippets_new (sqlite3     *db,
                       const char  *lang,
                       const char  *query,
                       GError     **error)
{
  LanguageSnippets *language = g_new0 (LanguageSnippets, 1);

  if (!falt_store_build_match (db, lang, query, &language->match, &language->docs, error) ||
      (language->match != NULL && (language->stmt = prepare_snippet_statement (db, lang, error)) == NULL))
    {
      language_snippets_free (language);
      return NULL;
    }
  return language;
}

static gpointer
make_snippets_with_data (FaltStore  *self,
                         sqlite3    *db,
                         gpointer    task_data,
                         GError    **error)
{
  SnippetsData *data = task_data;
  g_autoptr(GHashTable) languages = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                           (GDestroyNotify) language_snippets_free);
  g_autoptr(GStrvBuilder) snippets = g_strv_builder_new ();

  for (guint i = 0; i < data->requests->len; i++)
    {
      SnippetRequest *request = &g_array_index (data->requests, SnippetRequest, i);
      LanguageSnippets *language = g_hash_table_lookup (languages, request->lang);
      g_autofree char *snippet = NULL;

      if (language == NULL)
        {
          language = language_snippets_new (db, request->lang, data->query, error);
          if (language == NULL)
            return NULL;
          g_hash_table_insert (languages, request->lang, language);
        }
      snippet = language->match == NULL
                  ? g_strdup ("")
                  : make_snippet (db, language->stmt, language->match, request->rowid, request->doc_id, request->page,
                                  error);
      if (snippet == NULL)
        return NULL;
      g_strv_builder_add (snippets, snippet);
    }
  return g_strv_builder_end (snippets);
}

/**
 * falt_store_make_snippets_async:
 * @self: a #FaltStore
 * @query: the query @hits answer
 * @hits: (element-type FaltSearchHit): hits of a search with @query, some
 *   without a snippet (falt_search_job_set_snippets_per_kind())
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the snippets are made
 * @user_data: data for @callback
 *
 * Makes the snippets @hits lack, in the search's worker thread;
 * falt_store_make_snippets_finish() gives them to the hits.
 */
void
falt_store_make_snippets_async (FaltStore           *self,
                                const char          *query,
                                GPtrArray           *hits,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SnippetsData *data;

  g_return_if_fail (FALT_IS_STORE (self));

  data = g_new0 (SnippetsData, 1);
  data->query = g_strdup (query);
  data->requests = g_array_new (FALSE, FALSE, sizeof (SnippetRequest));
  g_array_set_clear_func (data->requests, (GDestroyNotify) snippet_request_clear);
  for (guint i = 0; i < hits->len; i++)
    {
      FaltSearchHit *hit = g_ptr_array_index (hits, i);
      SnippetRequest request = { g_strdup (falt_search_hit_get_lang (hit)), falt_search_hit_get_rowid (hit),
                                 g_strdup (falt_search_hit_get_doc_id (hit)), falt_search_hit_get_page (hit) };

      g_array_append_val (data->requests, request);
    }

  task = falt_store_run_on_search_connection (self, falt_store_make_snippets_async, make_snippets_with_data, data,
                                              (GDestroyNotify) snippets_data_free, (GDestroyNotify) g_strfreev,
                                              cancellable, callback, user_data);
  /* The hits get their snippets in _finish(), on the caller's thread. */
  g_object_set_data_full (G_OBJECT (task), "hits", g_ptr_array_ref (hits), (GDestroyNotify) g_ptr_array_unref);
}

/**
 * falt_store_make_snippets_finish:
 * @self: a #FaltStore
 * @result: the #GAsyncResult
 * @error: return location for an error
 *
 * Gives each hit that lacked a snippet its own ("" if its row no longer
 * matches, after an update of the material).
 *
 * Returns: %TRUE, or %FALSE on error or cancellation
 */
gboolean
falt_store_make_snippets_finish (FaltStore     *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  GPtrArray *hits;
  g_auto(GStrv) snippets = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  snippets = g_task_propagate_pointer (G_TASK (result), error);
  if (snippets == NULL)
    return FALSE;
  hits = g_object_get_data (G_OBJECT (result), "hits");
  for (guint i = 0; i < hits->len && snippets[i] != NULL; i++)
    if (falt_search_hit_get_snippet (hits->pdata[i]) == NULL)
      falt_search_hit_set_snippet (hits->pdata[i], snippets[i]);
  return TRUE;
}
