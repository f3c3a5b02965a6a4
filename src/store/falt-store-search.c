/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-store"

#include <glib/gi18n.h>
#include <string.h>

#include "falt-store-private.h"

/* Full-text search: one FTS5 table per language (search_sv, search_en,
 * search_uk), rows for each article, each PDF page and (in Swedish) each
 * coordinator. The title column weighs ten times the body in bm25, so
 * title hits come first. */

#define MAX_QUERY_WORDS 16
#define SNIPPET_TOKENS 14

/* A Swedish row per coordinator: the region and organisation as its title,
 * everything a user may type to find it (counties, municipalities) as body. */
static const char index_coordinators_sql[] =
  "INSERT INTO search_sv (title, body, doc_id, kind, page) "
  "SELECT c.region || coalesce(' ' || c.organisation, ''), "
  "  coalesce(c.name || char(10), '') || replace(c.counties, char(10), ', ') || char(10) || "
  "  replace(c.municipalities, char(10), ', '), c.id, 'coordinator', -1 "
  "FROM coordinators c";

static gboolean
index_language (sqlite3     *db,
                const char  *lang,
                GError     **error)
{
  /* PDF pages carry the title (and summary) on page 1 only: a title hit
   * should rank the document once, not each of its pages. */
  g_autofree char *sql = g_strdup_printf (
    "DROP TABLE IF EXISTS search_%1$s;"
    "CREATE VIRTUAL TABLE search_%1$s USING fts5 ("
    "  title, body, doc_id UNINDEXED, kind UNINDEXED, page UNINDEXED,"
    "  prefix = '2 3', tokenize = 'faltstem %1$s');"
    "INSERT INTO search_%1$s (search_%1$s, rank) VALUES ('rank', 'faltrank()');"
    "INSERT INTO search_%1$s (title, body, doc_id, kind, page) "
    "SELECT t.title, coalesce(t.summary || char(10), '') || falt_plain_text(CAST(b.data AS TEXT)), "
    "  d.id, 'article', -1 "
    "FROM documents d JOIN translations t ON t.doc_id = d.id JOIN blobs b ON b.sha256 = t.blob "
    "WHERE d.kind = 'article' AND t.lang = '%1$s' "
    "UNION ALL "
    "SELECT CASE p.page WHEN 1 THEN t.title ELSE '' END, "
    "  CASE p.page WHEN 1 THEN coalesce(t.summary || char(10), '') ELSE '' END || p.text, "
    "  d.id, 'pdf', p.page "
    "FROM documents d JOIN translations t ON t.doc_id = d.id JOIN pdf_pages p ON p.blob = t.blob "
    "WHERE d.kind = 'pdf' AND t.lang = '%1$s' "
    "ORDER BY 3, 5;",
    lang);

  return falt_store_exec (db, sql, error) &&
         (strcmp (lang, "sv") != 0 || falt_store_exec (db, index_coordinators_sql, error));
}

/**
 * falt_store_rebuild_search_index:
 * @db: a connection inside a transaction
 *
 * Recreates the search tables from the content tables. Dropping and
 * creating is much faster than deleting from a filled FTS5 table (which
 * tokenizes every row again), and always gives the current table layout.
 */
gboolean
falt_store_rebuild_search_index (sqlite3  *db,
                                 GError  **error)
{
  for (guint i = 0; i < FALT_STORE_N_LANGS; i++)
    if (!index_language (db, falt_store_langs[i], error))
      return FALSE;
  return TRUE;
}

/**
 * falt_store_build_match_query:
 * @user_query: what the user typed
 *
 * Turns free text into an FTS5 query that cannot be a syntax error: each
 * word (letters and digits only) becomes a quoted string, so operators,
 * quotes, `*`, `-` and parentheses typed by the user are just separators.
 * The words must all match; the last becomes a prefix query while it is
 * being typed (no space after it yet).
 *
 * Returns: (transfer full) (nullable): the FTS5 query, or %NULL when the
 *   text has no word to search for
 */
char *
falt_store_build_match_query (const char *user_query)
{
  g_autofree char *normalized = NULL;
  g_autoptr(GString) match = g_string_new (NULL);
  g_autoptr(GString) word = g_string_new (NULL);
  guint n_words = 0;
  gboolean last_char_in_word = FALSE;

  if (user_query == NULL)
    return NULL;
  /* NFC, so a decomposed ö is one letter, as the tokenizer sees it. */
  normalized = g_utf8_normalize (user_query, -1, G_NORMALIZE_NFC);
  if (normalized == NULL)
    return NULL;

  for (const char *p = normalized;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      last_char_in_word = c != 0 && g_unichar_isalnum (c);
      if (last_char_in_word)
        {
          g_string_append_unichar (word, c);
          continue;
        }
      if (word->len > 0 && n_words < MAX_QUERY_WORDS)
        {
          gboolean typing = c == 0 && g_utf8_strlen (word->str, -1) >= 2;

          g_string_append_printf (match, "%s\"%s\"%s", n_words > 0 ? " " : "",
                                  word->str, typing ? "*" : "");
          n_words++;
        }
      g_string_truncate (word, 0);
      if (c == 0)
        break;
    }
  return n_words > 0 ? g_string_free (g_steal_pointer (&match), FALSE) : NULL;
}

static gboolean
search_table (sqlite3     *db,
              const char  *table_lang,
              const char  *match,
              const char  *exclude_translated_in,
              guint        limit,
              GPtrArray   *hits,
              GError     **error)
{
  /* ORDER BY rank lets FTS5 sort (rowid, rank) pairs itself: the title
   * lookup and snippet() run only for the rows returned. */
  g_autofree char *sql = g_strdup_printf (
    "SELECT s.doc_id, s.kind, s.page, s.rank, "
    "  snippet(search_%1$s, 1, x'02', x'03', '…', " G_STRINGIFY (SNIPPET_TOKENS) "), "
    "  coalesce((SELECT title FROM translations WHERE doc_id = s.doc_id AND lang = '%1$s'), s.title) "
    "FROM search_%1$s s WHERE search_%1$s MATCH ?1 "
    "AND (?3 IS NULL OR s.doc_id NOT IN (SELECT doc_id FROM translations WHERE lang = ?3)) "
    "ORDER BY s.rank LIMIT ?2",
    table_lang);
  g_autoptr(sqlite3_stmt) stmt = falt_store_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, (int) MIN (limit, G_MAXINT));
  sqlite3_bind_text (stmt, 3, exclude_translated_in, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *page_kind = (const char *) sqlite3_column_text (stmt, 1);

      g_ptr_array_add (hits, falt_search_hit_new ((const char *) sqlite3_column_text (stmt, 0),
                                                  page_kind, table_lang,
                                                  (const char *) sqlite3_column_text (stmt, 5),
                                                  (const char *) sqlite3_column_text (stmt, 4),
                                                  sqlite3_column_int (stmt, 2),
                                                  -sqlite3_column_double (stmt, 3)));
    }
  return falt_store_set_sqlite_error (db, rc, error);
}

static int
compare_hits_by_score (gconstpointer a,
                       gconstpointer b)
{
  double score_a = falt_search_hit_get_score (*(FaltSearchHit **) a);
  double score_b = falt_search_hit_get_score (*(FaltSearchHit **) b);

  return (score_a < score_b) - (score_a > score_b);
}

static const char *
known_lang (const char *lang)
{
  for (guint i = 0; i < FALT_STORE_N_LANGS; i++)
    if (g_strcmp0 (lang, falt_store_langs[i]) == 0)
      return falt_store_langs[i];
  return "sv";
}

/* The search on a given connection: the caller's (sync) or the worker's. */
GPtrArray *
falt_store_search_on (sqlite3     *db,
                      const char  *query,
                      const char  *lang,
                      guint        limit,
                      GError     **error)
{
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *match = falt_store_build_match_query (query);

  lang = known_lang (lang);
  if (limit == 0)
    limit = 20;
  if (match == NULL)
    return g_steal_pointer (&hits);

  if (!search_table (db, lang, match, NULL, limit, hits, error))
    return NULL;
  /* Documents not translated into the language are found in Swedish. */
  if (strcmp (lang, "sv") != 0)
    {
      if (!search_table (db, "sv", match, lang, limit, hits, error))
        return NULL;
      g_ptr_array_sort (hits, compare_hits_by_score);
      if (hits->len > limit)
        g_ptr_array_set_size (hits, limit);
    }
  return g_steal_pointer (&hits);
}

/**
 * falt_store_search:
 * @self: a #FaltStore
 * @query: what the user typed; any text is safe
 * @lang: (nullable): the language to search in; documents without that
 *   translation are searched in Swedish
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
falt_store_search (FaltStore   *self,
                   const char  *query,
                   const char  *lang,
                   guint        limit,
                   GError     **error)
{
  g_return_val_if_fail (FALT_IS_STORE (self), NULL);

  return falt_store_search_on (self->db, query, lang, limit, error);
}

typedef struct
{
  char  *query;
  char  *lang;
  guint  limit;
} SearchData;

static void
search_data_free (SearchData *data)
{
  g_free (data->query);
  g_free (data->lang);
  g_free (data);
}

static gboolean
ensure_search_connection (FaltStore  *self,
                          GError    **error)
{
  int rc;

  if (self->search_db != NULL)
    return TRUE;
  rc = sqlite3_open_v2 (self->path, &self->search_db, SQLITE_OPEN_READONLY, NULL);
  if (falt_store_set_sqlite_error (self->search_db, rc, error) &&
      falt_store_setup_connection (self->search_db, error))
    {
      sqlite3_busy_timeout (self->search_db, 5000);
      return TRUE;
    }
  g_clear_pointer (&self->search_db, sqlite3_close_v2);
  return FALSE;
}

static void
search_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  FaltStore *self = source_object;
  SearchData *data = task_data;
  GError *error = NULL;
  GPtrArray *hits = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  g_mutex_lock (&self->search_lock);
  if (ensure_search_connection (self, &error))
    hits = falt_store_search_on (self->search_db, data->query, data->lang, data->limit, &error);
  g_mutex_unlock (&self->search_lock);

  if (hits == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, hits, (GDestroyNotify) g_ptr_array_unref);
}

/**
 * falt_store_search_async:
 * @self: a #FaltStore
 * @query: what the user typed
 * @lang: (nullable): the language to search in
 * @limit: the most hits to return, 0 for 20
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the search is done
 * @user_data: data for @callback
 *
 * Like falt_store_search(), in a worker thread with its own read-only
 * database connection.
 */
void
falt_store_search_async (FaltStore           *self,
                         const char          *query,
                         const char          *lang,
                         guint                limit,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SearchData *data;

  g_return_if_fail (FALT_IS_STORE (self));

  data = g_new0 (SearchData, 1);
  data->query = g_strdup (query);
  data->lang = g_strdup (lang);
  data->limit = limit;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, falt_store_search_async);
  g_task_set_task_data (task, data, (GDestroyNotify) search_data_free);
  g_task_run_in_thread (task, search_thread);
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
