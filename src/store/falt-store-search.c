/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-store"

#include <glib/gi18n.h>
#include <string.h>

#include "falt-store-private.h"

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

#define SNIPPET_TOKENS 14
#define MAX_CANDIDATES 256
/* BM25 costs FTS5 finding each ranked candidate's row and a row-size
 * lookup: 64 (more than a page of hits) keeps it small. */
#define BM25_CANDIDATES 64

/* A Swedish row per coordinator: the region and organisation as its title,
 * everything a user may type to find it (counties, municipalities) as body. */
static const char index_coordinators_sql[] =
  "INSERT INTO search_sv (title, body, doc_id, kind, page) "
  "SELECT falt_index_text(c.region || coalesce(' ' || c.organisation, '')), "
  "  falt_index_text(coalesce(c.name || char(10), '') || replace(c.counties, char(10), ', ') || char(10) || "
  "  replace(c.municipalities, char(10), ', ')), c.id, 'coordinator', -1 "
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
    "DROP TABLE IF EXISTS search_title_%1$s;"
    "DROP TABLE IF EXISTS search_terms_%1$s;"
    "CREATE VIRTUAL TABLE search_%1$s USING fts5 ("
    "  title, body, doc_id UNINDEXED, kind UNINDEXED, page UNINDEXED,"
    "  prefix = '2 3', tokenize = 'faltstem %1$s');"
    "INSERT INTO search_%1$s (search_%1$s, rank) VALUES ('rank', 'faltrank()');"
    "INSERT INTO search_%1$s (title, body, doc_id, kind, page) "
    "SELECT falt_index_text(t.title), "
    "  falt_index_text(coalesce(t.summary || char(10), '') || falt_plain_text(CAST(b.data AS TEXT))), "
    "  d.id, 'article', -1 "
    "FROM documents d JOIN translations t ON t.doc_id = d.id JOIN blobs b ON b.sha256 = t.blob "
    "WHERE d.kind = 'article' AND t.lang = '%1$s' "
    "UNION ALL "
    "SELECT CASE p.page WHEN 1 THEN falt_index_text(t.title) ELSE '' END, "
    "  falt_index_text(CASE p.page WHEN 1 THEN coalesce(t.summary || char(10), '') ELSE '' END || p.text), "
    "  d.id, 'pdf', p.page "
    "FROM documents d JOIN translations t ON t.doc_id = d.id JOIN pdf_pages p ON p.blob = t.blob "
    "WHERE d.kind = 'pdf' AND t.lang = '%1$s' "
    "ORDER BY 3, 5;",
    lang);
  /* One b-tree per index instead of the many segments a bulk insert
   * leaves: each lookup of the search is a single seek. The title index
   * holds rowids and positions only (contentless). The terms table lists
   * the index's vocabulary for prefix expansion (falt-store-query.c). */
  g_autofree char *finish_sql = g_strdup_printf (
    "INSERT INTO search_%1$s (search_%1$s) VALUES ('optimize');"
    "CREATE VIRTUAL TABLE search_title_%1$s USING fts5 ("
    "  title, content = '', prefix = '2 3', tokenize = 'faltstem %1$s');"
    "INSERT INTO search_title_%1$s (rowid, title) "
    "SELECT rowid, title FROM search_%1$s WHERE title <> '';"
    "INSERT INTO search_title_%1$s (search_title_%1$s) VALUES ('optimize');"
    "CREATE TABLE search_terms_%1$s (term TEXT PRIMARY KEY, docs INTEGER NOT NULL) WITHOUT ROWID;"
    "CREATE VIRTUAL TABLE temp.search_vocabulary USING fts5vocab (main, search_%1$s, 'row');"
    "INSERT INTO search_terms_%1$s (term, docs) SELECT term, doc FROM temp.search_vocabulary;"
    "DROP TABLE temp.search_vocabulary;",
    lang);

  return falt_store_exec (db, sql, error) &&
         (strcmp (lang, "sv") != 0 || falt_store_exec (db, index_coordinators_sql, error)) &&
         falt_store_exec (db, finish_sql, error);
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

/* One search table to search: one language of the reader's chain, for the
 * documents not translated into an earlier one (exclude_translated_in, a
 * falt_store_lang_chain_key(), or NULL for the first). */
typedef struct
{
  const char *lang;
  char       *exclude_translated_in;
  char       *match;
  char       *docs;   /* rows per phrase of match, for faltbm25() */
  gint64      body_last;   /* the last rowid the body candidates reached */
  guint       body_count;  /* how many body candidates there were */
} TableSearch;

typedef struct
{
  TableSearch *table;
  gint64       rowid;
  double       score;   /* higher is better: -faltrank, then -BM25 */
  gboolean     bm25;    /* score is faltbm25()'s */
} Candidate;

static void
bind_table_search (sqlite3_stmt *stmt,
                   TableSearch  *table)
{
  sqlite3_bind_text (stmt, 1, table->match, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, table->exclude_translated_in, -1, SQLITE_STATIC);
}

/* Adds the rows sql finds that are not candidates yet. */
static gboolean
add_candidates (sqlite3      *db,
                const char   *sql,
                TableSearch  *table,
                gboolean      body,
                GHashTable   *seen,
                GArray       *candidates,
                GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = falt_store_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  bind_table_search (stmt, table);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Candidate candidate = { table, sqlite3_column_int64 (stmt, 0), -sqlite3_column_double (stmt, 1), FALSE };

      if (body)
        {
          table->body_last = MAX (table->body_last, candidate.rowid);
          table->body_count++;
        }
      if (g_hash_table_add (seen, g_memdup2 (&candidate.rowid, sizeof candidate.rowid)))
        g_array_append_val (candidates, candidate);
    }
  return falt_store_set_sqlite_error (db, rc, error);
}

static gboolean
collect_candidates (sqlite3      *db,
                    TableSearch  *table,
                    GArray       *candidates,
                    GError      **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autofree char *body_sql = g_strdup_printf (
    "SELECT rowid, faltrank(search_%1$s) FROM search_%1$s WHERE search_%1$s MATCH ?1 "
    "AND (?2 IS NULL OR doc_id NOT IN (SELECT doc_id FROM translations WHERE instr (?2, ',' || lang || ','))) "
    "LIMIT %2$d",
    table->lang, MAX_CANDIDATES);
  g_autofree char *title_sql = g_strdup_printf (
    "SELECT t.rowid, faltrank(search_title_%1$s) FROM search_title_%1$s t "
    "WHERE search_title_%1$s MATCH ?1 "
    "AND (?2 IS NULL OR NOT EXISTS (SELECT 1 FROM search_%1$s s "
    "  JOIN translations tr ON tr.doc_id = s.doc_id AND instr (?2, ',' || tr.lang || ',') "
    "  WHERE s.rowid = t.rowid)) "
    "LIMIT %2$d",
    table->lang, MAX_CANDIDATES);

  table->body_last = 0;
  table->body_count = 0;
  return add_candidates (db, body_sql, table, TRUE, seen, candidates, error) &&
         add_candidates (db, title_sql, table, FALSE, seen, candidates, error);
}

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *x = a, *y = b;

  if (x->bm25 != y->bm25)
    return x->bm25 ? -1 : 1;
  if (x->score != y->score)
    return x->score < y->score ? 1 : -1;
  if (x->table != y->table)
    return x->table < y->table ? -1 : 1;
  return (x->rowid > y->rowid) - (x->rowid < y->rowid);
}

static int
compare_rowids (gconstpointer a,
                gconstpointer b)
{
  const Candidate *x = *(Candidate * const *) a, *y = *(Candidate * const *) b;

  return (x->rowid > y->rowid) - (x->rowid < y->rowid);
}

/* Ranks candidates[0 .. n) (in rowid order) with one statement: FTS5 walks
 * the matches from the first rowid to the last, faltbm25() runs for the
 * candidates only. The rowids go in as one JSON array, and `+rowid` keeps
 * SQLite from handing them to FTS5 one by one. */
static gboolean
rank_rowid_range (sqlite3       *db,
                  sqlite3_stmt  *stmt,
                  Candidate    **candidates,
                  guint          n,
                  GError       **error)
{
  g_autoptr(GString) rowids = g_string_new ("[");
  guint next = 0;
  int rc;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (rowids, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", candidates[i]->rowid);
  g_string_append_c (rowids, ']');
  sqlite3_bind_int64 (stmt, 3, candidates[0]->rowid);
  sqlite3_bind_int64 (stmt, 4, candidates[n - 1]->rowid);
  /* One candidate: its rowid is the range, no list needed. */
  if (n > 1)
    sqlite3_bind_text (stmt, 5, rowids->str, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 5);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 0);

      /* Rows come in rowid order, as the candidates. */
      while (next < n && candidates[next]->rowid < rowid)
        next++;
      if (next < n && candidates[next]->rowid == rowid)
        {
          candidates[next]->score = -sqlite3_column_double (stmt, 1);
          candidates[next]->bm25 = TRUE;
        }
    }
  sqlite3_reset (stmt);
  return falt_store_set_sqlite_error (db, rc, error);
}

/* Gives the table's candidates among the first n their BM25 score, with
 * faltbm25() (falt-store-tokenizer.c) and the phrases' row counts looked
 * up with the query (falt-store-query.c), so no statement counts a
 * phrase's rows in the index. What remains to cost is FTS5 finding the
 * candidates' rows: walking the matches between two candidates, or
 * starting a new walk at a rowid (which seeks each phrase's matches to
 * it, about as costly as walking a hundred matches). Candidates go in
 * rowid order in runs, each one walk, a new run where the gap to the next
 * would hold more than MAX_WALK matches: the body candidates' query found
 * body_count matches up to body_last, which gives the matches' density
 * (an estimate: matches may cluster). So the body candidates are one walk
 * (no longer than their query's), title hits far beyond them each a
 * lookup of its own, and the cost follows the number of candidates rather
 * than the matches in the whole index. */
#define MAX_WALK 128

static gboolean
rank_table_with_bm25 (sqlite3      *db,
                      TableSearch  *table,
                      GArray       *candidates,
                      guint         n,
                      GError      **error)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  g_autofree char *sql = g_strdup_printf (
    "SELECT rowid, faltbm25(search_%1$s, ?2, ?6, 10.0, 1.0) FROM search_%1$s "
    "WHERE search_%1$s MATCH ?1 AND rowid BETWEEN ?3 AND ?4 "
    "AND (?5 IS NULL OR +rowid IN (SELECT value FROM json_each(?5)))",
    table->lang);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  FaltBm25Totals totals = { FALSE, 0, 0 };
  double density = (double) table->body_count / MAX (table->body_last, 1);
  guint start = 0;

  for (guint i = 0; i < n; i++)
    {
      Candidate *candidate = &g_array_index (candidates, Candidate, i);

      if (candidate->table == table)
        g_ptr_array_add (sorted, candidate);
    }
  if (sorted->len == 0)
    return TRUE;
  g_ptr_array_sort (sorted, compare_rowids);

  stmt = falt_store_prepare (db, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, table->match, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, table->docs, -1, SQLITE_STATIC);
  sqlite3_bind_pointer (stmt, 6, &totals, FALT_BM25_TOTALS_TYPE, NULL);
  for (guint i = 1; i <= sorted->len; i++)
    {
      Candidate **run = (Candidate **) sorted->pdata + start;

      if (i < sorted->len &&
          (((Candidate *) sorted->pdata[i])->rowid <= table->body_last ||
           (((Candidate *) sorted->pdata[i])->rowid - run[i - start - 1]->rowid) * density <= MAX_WALK))
        continue;
      if (!rank_rowid_range (db, stmt, run, i - start, error))
        return FALSE;
      start = i;
    }
  return TRUE;
}

/* Orders the candidates: the best BM25_CANDIDATES by faltrank() by BM25,
 * the rest after them by faltrank() (scores made lower than BM25's). */
static gboolean
rank_candidates (sqlite3      *db,
                 TableSearch  *tables,
                 guint         n_tables,
                 GArray       *candidates,
                 GError      **error)
{
  guint n = MIN (candidates->len, BM25_CANDIDATES);
  double lowest = G_MAXDOUBLE;

  g_array_sort (candidates, compare_candidates);
  for (guint t = 0; t < n_tables; t++)
    if (!rank_table_with_bm25 (db, &tables[t], candidates, n, error))
      return FALSE;
  for (guint i = 0; i < candidates->len; i++)
    {
      Candidate *candidate = &g_array_index (candidates, Candidate, i);

      if (candidate->bm25)
        lowest = MIN (lowest, candidate->score);
    }
  for (guint i = 0; i < candidates->len; i++)
    {
      Candidate *candidate = &g_array_index (candidates, Candidate, i);

      /* Both scores are > 0: below the lowest BM25 one, in the same order. */
      if (!candidate->bm25)
        candidate->score = lowest * candidate->score / (candidate->score + 1.0);
    }
  g_array_sort (candidates, compare_candidates);
  return TRUE;
}

/* The hit for one candidate, with its snippet. Returns NULL with no error
 * if the row no longer matches. */
static FaltSearchHit *
fetch_hit (sqlite3          *db,
           sqlite3_stmt     *stmt,
           const Candidate  *candidate,
           GError          **error)
{
  FaltSearchHit *hit = NULL;
  int rc;

  sqlite3_bind_text (stmt, 1, candidate->table->match, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, candidate->rowid);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    hit = falt_search_hit_new ((const char *) sqlite3_column_text (stmt, 0),
                               (const char *) sqlite3_column_text (stmt, 1),
                               candidate->table->lang,
                               (const char *) sqlite3_column_text (stmt, 4),
                               (const char *) sqlite3_column_text (stmt, 3),
                               sqlite3_column_int (stmt, 2),
                               (const char *) sqlite3_column_text (stmt, 5),
                               candidate->score);
  else if (!falt_store_set_sqlite_error (db, rc, error))
    return NULL;
  sqlite3_reset (stmt);
  return hit;
}

static sqlite3_stmt *
prepare_hit_statement (sqlite3     *db,
                       const char  *lang,
                       GError     **error)
{
  g_autofree char *sql = g_strdup_printf (
    "SELECT s.doc_id, s.kind, s.page, "
    "  snippet(search_%1$s, 1, x'02', x'03', '…', " G_STRINGIFY (SNIPPET_TOKENS) "), "
    "  coalesce((SELECT title FROM translations WHERE doc_id = s.doc_id AND lang = '%1$s'), s.title), "
    "  CASE s.kind WHEN 'pdf' THEN coalesce((SELECT p.label FROM translations t JOIN pdf_pages p ON p.blob = t.blob "
    "    WHERE t.doc_id = s.doc_id AND t.lang = '%1$s' AND p.page = s.page), s.page) END "
    "FROM search_%1$s s WHERE search_%1$s MATCH ?1 AND s.rowid = ?2",
    lang);

  return falt_store_prepare (db, sql, error);
}

/* The best candidates (ranked) as hits, with snippets. */
static GPtrArray *
fetch_hits (sqlite3      *db,
            TableSearch  *tables,
            guint         n_tables,
            GArray       *candidates,
            guint         limit,
            GError      **error)
{
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *statements[FALT_STORE_N_LANGS] = { NULL };
  gboolean ok = TRUE;

  for (guint i = 0; ok && i < candidates->len && hits->len < limit; i++)
    {
      Candidate *candidate = &g_array_index (candidates, Candidate, i);
      guint t = candidate->table - tables;
      FaltSearchHit *hit;

      if (statements[t] == NULL)
        statements[t] = prepare_hit_statement (db, candidate->table->lang, error);
      ok = statements[t] != NULL;
      if (ok)
        {
          g_autoptr(GError) local_error = NULL;

          hit = fetch_hit (db, statements[t], candidate, &local_error);
          if (hit != NULL)
            g_ptr_array_add (hits, hit);
          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              ok = FALSE;
            }
        }
    }
  for (guint t = 0; t < n_tables; t++)
    g_clear_pointer (&statements[t], sqlite3_finalize);
  if (!ok)
    return NULL;
  return g_steal_pointer (&hits);
}

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
                          TableSearch *table,
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
             TableSearch        *tables)
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
      tables[t] = (TableSearch) { lang, t > 0 ? falt_store_lang_chain_key (order) : NULL, NULL, NULL, 0, 0 };
      order[t] = lang;
    }
  return n;
}

/* The search on a given connection: the caller's (sync) or the worker's. */
GPtrArray *
falt_store_search_on (sqlite3            *db,
                      const char         *query,
                      const char * const *langs,
                      guint               limit,
                      GError            **error)
{
  TableSearch tables[FALT_STORE_N_LANGS];
  guint n_tables = plan_tables (langs, tables);
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  GPtrArray *hits = NULL;
  gboolean ok = TRUE;

  if (limit == 0)
    limit = 20;
  for (guint t = 0; ok && t < n_tables; t++)
    {
      gboolean left = TRUE;

      ok = table_has_documents_left (db, &tables[t], &left, error) &&
           (!left || falt_store_build_match (db, tables[t].lang, query, &tables[t].match, &tables[t].docs, error)) &&
           (tables[t].match == NULL || collect_candidates (db, &tables[t], candidates, error));
    }
  if (ok && rank_candidates (db, tables, n_tables, candidates, error))
    hits = fetch_hits (db, tables, n_tables, candidates, limit, error);
  for (guint t = 0; t < n_tables; t++)
    {
      g_free (tables[t].match);
      g_free (tables[t].docs);
      g_free (tables[t].exclude_translated_in);
    }
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

  return falt_store_search_on (self->db, query, langs, limit, error);
}

typedef struct
{
  char  *query;
  GStrv  langs;
  guint  limit;
} SearchData;

static void
search_data_free (SearchData *data)
{
  g_free (data->query);
  g_strfreev (data->langs);
  g_free (data);
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

/* Work for a worker thread on the search's connection: %NULL with @error set on failure. */
typedef gpointer (*SearchConnectionFunc) (FaltStore  *self,
                                          sqlite3    *db,
                                          gpointer    task_data,
                                          GError    **error);

/* Runs @func on the search's read-only connection, under its lock (one
 * reader beside the UI's), and returns what it gives through @task. */
static void
return_from_search_connection (GTask                *task,
                               SearchConnectionFunc  func,
                               GDestroyNotify        free_result)
{
  FaltStore *self = g_task_get_source_object (task);
  GError *error = NULL;
  gpointer result = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  g_mutex_lock (&self->search_lock);
  if (ensure_search_connection (self, &error))
    result = func (self, self->search_db, g_task_get_task_data (task), &error);
  g_mutex_unlock (&self->search_lock);

  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, free_result);
}

static gpointer
search_with_data (FaltStore  *self,
                  sqlite3    *db,
                  gpointer    task_data,
                  GError    **error)
{
  SearchData *data = task_data;

  return falt_store_search_on (db, data->query, (const char * const *) data->langs, data->limit, error);
}

static void
search_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  return_from_search_connection (task, search_with_data, (GDestroyNotify) g_ptr_array_unref);
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
 * database connection.
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
  g_autoptr(GTask) task = NULL;
  SearchData *data;

  g_return_if_fail (FALT_IS_STORE (self));

  data = g_new0 (SearchData, 1);
  data->query = g_strdup (query);
  data->langs = g_strdupv ((char **) langs);
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

/* The written forms a search matched, for highlighting them in the text
 * a hit opens. Kept apart from the search itself: it reads no database. */

typedef struct
{
  char     *lower;   /* the query word, lowercase */
  char     *folded;  /* … without diacritics */
  char     *stem;
} QueryWord;

static void
query_word_clear (QueryWord *word)
{
  g_free (word->lower);
  g_free (word->folded);
  g_free (word->stem);
}

static GArray *
split_query_words (const char *query,
                   const char *lang)
{
  GArray *words = g_array_new (FALSE, TRUE, sizeof (QueryWord));
  GString *current = g_string_new (NULL);

  g_array_set_clear_func (words, (GDestroyNotify) query_word_clear);
  for (const char *p = query; ; p = g_utf8_next_char (p))
    {
      gunichar c = *p != '\0' ? g_utf8_get_char (p) : 0;

      if (c != 0 && falt_store_append_word_char (current, p))
        continue;
      if (current->len > 0)
        {
          QueryWord word = { g_utf8_strdown (current->str, -1), NULL, NULL };

          word.folded = falt_store_fold_diacritics (word.lower);
          word.stem = falt_store_stem_word (lang, word.lower);
          g_array_append_val (words, word);
          g_string_truncate (current, 0);
        }
      if (c == 0)
        break;
    }
  g_string_free (current, TRUE);
  return words;
}

/* As the search matches: the same stem, or the word begins with what was
 * typed (search as you type, "männ" for "människohandel"). */
static gboolean
word_matches (const char *lang,
              const char *lower,
              GArray     *query_words,
              GHashTable *stems)
{
  g_autofree char *folded = falt_store_fold_diacritics (lower);
  char *stem = g_hash_table_lookup (stems, lower);

  if (stem == NULL)
    {
      stem = falt_store_stem_word (lang, lower);
      g_hash_table_insert (stems, g_strdup (lower), stem);
    }

  for (guint i = 0; i < query_words->len; i++)
    {
      QueryWord *word = &g_array_index (query_words, QueryWord, i);

      /* A prefix of one or two letters would mark half the text. */
      gboolean as_prefix = g_utf8_strlen (word->lower, -1) >= 3;

      if (g_strcmp0 (stem, word->stem) == 0
          || (as_prefix && (g_str_has_prefix (lower, word->lower) || g_str_has_prefix (folded, word->folded))))
        return TRUE;
    }
  return FALSE;
}

/**
 * falt_store_match_written_forms:
 * @self: a #FaltStore
 * @query: what the user searched for
 * @lang: the language of @text (sv, en or uk)
 * @text: the text of the document a hit opened
 *
 * Finds the words of @text that @query matches as the search does, with
 * its stemming ("människohandel" matches "människohandeln").
 *
 * Returns: (transfer full): the distinct matching words of @text,
 *   lowercase, in the order they first occur
 */
GStrv
falt_store_match_written_forms (FaltStore  *self,
                                const char *query,
                                const char *lang,
                                const char *text)
{
  g_autoptr (GArray) query_words = NULL;
  g_autoptr (GHashTable) stems = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GStrvBuilder) forms = g_strv_builder_new ();
  g_autoptr (GString) current = g_string_new (NULL);

  g_return_val_if_fail (FALT_IS_STORE (self), NULL);

  const char *word_start = NULL;

  query_words = split_query_words (query != NULL ? query : "", lang);
  for (const char *p = text != NULL && query_words->len > 0 ? text : ""; ; p = g_utf8_next_char (p))
    {
      gunichar c = *p != '\0' ? g_utf8_get_char (p) : 0;

      if (current->len == 0)
        word_start = p;
      if (c != 0 && falt_store_append_word_char (current, p))
        continue;
      if (current->len > 0)
        {
          /* Matched as the index has it, returned as written ("сім’єю",
           * whose apostrophe the index writes as '). */
          g_autofree char *written = g_utf8_strdown (word_start, p - word_start);

          if (!g_hash_table_contains (seen, written))
            {
              g_autofree char *lower = g_utf8_strdown (current->str, -1);

              if (word_matches (lang, lower, query_words, stems))
                g_strv_builder_add (forms, written);
              g_hash_table_add (seen, g_steal_pointer (&written));
            }
          g_string_truncate (current, 0);
        }
      if (c == 0)
        break;
    }
  return g_strv_builder_end (forms);
}

static GStrv
match_pdf_written_forms_on (FaltStore   *self,
                            sqlite3     *db,
                            const char  *doc_id,
                            const char  *lang,
                            const char  *query,
                            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  int rc;

  stmt = falt_store_prepare (db,
                             "SELECT p.text FROM translations t JOIN pdf_pages p ON p.blob = t.blob "
                             "WHERE t.doc_id = ?1 AND t.lang = ?2 ORDER BY p.page",
                             error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, doc_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, lang, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_string_append (text, (const char *) sqlite3_column_text (stmt, 0));
      g_string_append_c (text, '\n');
    }
  if (!falt_store_set_sqlite_error (db, rc, error))
    return NULL;
  return falt_store_match_written_forms (self, query, lang, text->str);
}

/**
 * falt_store_match_pdf_written_forms:
 * @self: a #FaltStore
 * @doc_id: a PDF document
 * @lang: the language of its translation to look in
 * @query: what the user searched for
 * @error: return location for an error
 *
 * Like falt_store_match_written_forms() over the text of every page of the
 * PDF, as it was extracted at import: the words a find in the PDF should
 * highlight for a search hit ("stödet" finds "stöd", "stöden" …), on the
 * hit's page and the others. About 0.1 ms a page: a long PDF takes longer
 * than a frame, see falt_store_match_pdf_written_forms_async().
 *
 * Returns: (transfer full): the distinct matching words, lowercase, in the
 *   order they first occur (empty for a PDF without them), or %NULL on error
 */
GStrv
falt_store_match_pdf_written_forms (FaltStore   *self,
                                    const char  *doc_id,
                                    const char  *lang,
                                    const char  *query,
                                    GError     **error)
{
  g_return_val_if_fail (FALT_IS_STORE (self), NULL);

  return match_pdf_written_forms_on (self, self->db, doc_id, lang, query, error);
}

typedef struct
{
  char *doc_id;
  char *lang;
  char *query;
} FormsData;

static void
forms_data_free (FormsData *data)
{
  g_free (data->doc_id);
  g_free (data->lang);
  g_free (data->query);
  g_free (data);
}

static gpointer
match_forms_with_data (FaltStore  *self,
                       sqlite3    *db,
                       gpointer    task_data,
                       GError    **error)
{
  FormsData *data = task_data;

  return match_pdf_written_forms_on (self, db, data->doc_id, data->lang, data->query, error);
}

static void
match_forms_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  return_from_search_connection (task, match_forms_with_data, (GDestroyNotify) g_strfreev);
}

/**
 * falt_store_match_pdf_written_forms_async:
 *
 * Like falt_store_match_pdf_written_forms(), in a worker thread with the
 * search's own read-only connection.
 */
void
falt_store_match_pdf_written_forms_async (FaltStore           *self,
                                          const char          *doc_id,
                                          const char          *lang,
                                          const char          *query,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  FormsData *data;

  g_return_if_fail (FALT_IS_STORE (self));

  data = g_new0 (FormsData, 1);
  data->doc_id = g_strdup (doc_id);
  data->lang = g_strdup (lang);
  data->query = g_strdup (query);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, falt_store_match_pdf_written_forms_async);
  g_task_set_task_data (task, data, (GDestroyNotify) forms_data_free);
  g_task_run_in_thread (task, match_forms_thread);
}

/**
 * falt_store_match_pdf_written_forms_finish:
 *
 * Returns: (transfer full): the forms, or %NULL on error or cancellation
 */
GStrv
falt_store_match_pdf_written_forms_finish (FaltStore     *self,
                                           GAsyncResult  *result,
                                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
