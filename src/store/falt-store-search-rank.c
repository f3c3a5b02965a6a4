/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-store"

#include "falt-store-search-private.h"

/* Ranking: the candidates of each table and their BM25 scores (the steps
 * 1 and 2 of falt-store-search.c). */

#define MAX_CANDIDATES 256
/* BM25 costs FTS5 finding each ranked candidate's row and a row-size
 * lookup: 64 (more than a page of hits) keeps it small. */
#define BM25_CANDIDATES 64

static void
bind_table_search (sqlite3_stmt *stmt,
                   FaltSearchTable  *table)
{
  sqlite3_bind_text (stmt, 1, table->match, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, table->exclude_translated_in, -1, SQLITE_STATIC);
}

/* Adds the rows sql finds that are not candidates yet. */
static gboolean
add_candidates (sqlite3      *db,
                const char   *sql,
                FaltSearchTable  *table,
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
      FaltSearchCandidate candidate = { table, sqlite3_column_int64 (stmt, 0), -sqlite3_column_double (stmt, 1), FALSE };

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

gboolean
falt_store_collect_candidates (sqlite3      *db,
                    FaltSearchTable  *table,
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
  const FaltSearchCandidate *x = a, *y = b;

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
  const FaltSearchCandidate *x = *(FaltSearchCandidate * const *) a, *y = *(FaltSearchCandidate * const *) b;

  return (x->rowid > y->rowid) - (x->rowid < y->rowid);
}

/* Ranks candidates[0 .. n) (in rowid order) with one statement: FTS5 walks
 * the matches from the first rowid to the last, faltbm25() runs for the
 * candidates only. The rowids go in as one JSON array, and `+rowid` keeps
 * SQLite from handing them to FTS5 one by one. */
static gboolean
rank_rowid_range (sqlite3       *db,
                  sqlite3_stmt  *stmt,
                  FaltSearchCandidate    **candidates,
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
                      FaltSearchTable  *table,
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
      FaltSearchCandidate *candidate = &g_array_index (candidates, FaltSearchCandidate, i);

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
      FaltSearchCandidate **run = (FaltSearchCandidate **) sorted->pdata + start;

      if (i < sorted->len &&
          (((FaltSearchCandidate *) sorted->pdata[i])->rowid <= table->body_last ||
           (((FaltSearchCandidate *) sorted->pdata[i])->rowid - run[i - start - 1]->rowid) * density <= MAX_WALK))
        continue;
      if (!rank_rowid_range (db, stmt, run, i - start, error))
        return FALSE;
      start = i;
    }
  return TRUE;
}

/* Orders the candidates: the best BM25_CANDIDATES by faltrank() by BM25,
 * the rest after them by faltrank() (scores made lower than BM25's). */
gboolean
falt_store_rank_candidates (sqlite3      *db,
                 FaltSearchTable  *tables,
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
      FaltSearchCandidate *candidate = &g_array_index (candidates, FaltSearchCandidate, i);

      if (candidate->bm25)
        lowest = MIN (lowest, candidate->score);
    }
  for (guint i = 0; i < candidates->len; i++)
    {
      FaltSearchCandidate *candidate = &g_array_index (candidates, FaltSearchCandidate, i);

      /* Both scores are > 0: below the lowest BM25 one, in the same order. */
      if (!candidate->bm25)
        candidate->score = lowest * candidate->score / (candidate->score + 1.0);
    }
  g_array_sort (candidates, compare_candidates);
  return TRUE;
}
