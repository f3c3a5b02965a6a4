/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-store"

#include "falt-store-search-private.h"

/* The hits returned, with their snippets (step 3 of falt-store-search.c). */

#define SNIPPET_TOKENS 14

/* The hit for one candidate, with its snippet. Returns NULL with no error
 * if the row no longer matches. */
static FaltSearchHit *
fetch_hit (sqlite3          *db,
           sqlite3_stmt     *stmt,
           const FaltSearchCandidate  *candidate,
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
GPtrArray *
falt_store_fetch_hits (sqlite3      *db,
            FaltSearchTable  *tables,
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
      FaltSearchCandidate *candidate = &g_array_index (candidates, FaltSearchCandidate, i);
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
