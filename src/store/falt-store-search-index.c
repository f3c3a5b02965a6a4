/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-store"

#include <string.h>

#include "falt-store-search-private.h"

/* The search tables, built from the content tables (falt-store-search.c
 * says how a search uses them). */

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
