/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-store"

#include <glib/gi18n.h>
#include <string.h>

#include "falt-store-private.h"

/* Schema history. Each step takes the database from version i to i + 1
 * (PRAGMA user_version), in its own transaction. Steps are never edited once
 * released: a change is a new step at the end. */

/* 1: the content a feed brings. Lists (tags, counties, municipalities) are
 * stored newline-separated: they are only ever read whole. */
static const char migration_1_content[] =
  "CREATE TABLE meta ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  version INTEGER NOT NULL,"
  "  created TEXT,"
  "  source TEXT);"
  "CREATE TABLE sections ("
  "  id TEXT PRIMARY KEY,"
  "  position INTEGER NOT NULL,"
  "  icon TEXT);"
  "CREATE TABLE section_titles ("
  "  section_id TEXT NOT NULL REFERENCES sections (id) ON DELETE CASCADE,"
  "  lang TEXT NOT NULL,"
  "  title TEXT NOT NULL,"
  "  PRIMARY KEY (section_id, lang)) WITHOUT ROWID;"
  "CREATE TABLE blobs ("
  "  sha256 TEXT PRIMARY KEY,"
  "  data BLOB NOT NULL);"
  "CREATE TABLE documents ("
  "  id TEXT PRIMARY KEY,"
  "  kind TEXT NOT NULL CHECK (kind IN ('article', 'pdf')),"
  "  section_id TEXT NOT NULL REFERENCES sections (id),"
  "  tags TEXT NOT NULL DEFAULT '',"
  "  example INTEGER NOT NULL DEFAULT 0,"
  "  position INTEGER NOT NULL);"
  "CREATE INDEX documents_by_section ON documents (section_id, position);"
  "CREATE TABLE translations ("
  "  doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,"
  "  lang TEXT NOT NULL,"
  "  title TEXT NOT NULL,"
  "  summary TEXT,"
  "  updated TEXT,"
  "  blob TEXT NOT NULL REFERENCES blobs (sha256),"
  "  media_type TEXT NOT NULL,"
  "  PRIMARY KEY (doc_id, lang)) WITHOUT ROWID;"
  "CREATE INDEX translations_by_blob ON translations (blob);"
  "CREATE TABLE pdf_pages ("
  "  blob TEXT NOT NULL REFERENCES blobs (sha256) ON DELETE CASCADE,"
  "  page INTEGER NOT NULL,"
  "  text TEXT NOT NULL,"
  "  PRIMARY KEY (blob, page)) WITHOUT ROWID;"
  "CREATE TABLE coordinators ("
  "  id TEXT PRIMARY KEY,"
  "  region TEXT NOT NULL,"
  "  name TEXT,"
  "  organisation TEXT,"
  "  counties TEXT NOT NULL DEFAULT '',"
  "  municipalities TEXT NOT NULL DEFAULT '',"
  "  target_group TEXT,"
  "  phone TEXT,"
  "  email TEXT,"
  "  hours TEXT,"
  "  verified TEXT,"
  "  example INTEGER NOT NULL DEFAULT 0,"
  "  position INTEGER NOT NULL);"
  "CREATE TABLE contacts ("
  "  id TEXT PRIMARY KEY,"
  "  number TEXT,"
  "  hours TEXT,"
  "  example INTEGER NOT NULL DEFAULT 0,"
  "  position INTEGER NOT NULL);"
  "CREATE TABLE contact_texts ("
  "  contact_id TEXT NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,"
  "  lang TEXT NOT NULL,"
  "  name TEXT NOT NULL,"
  "  when_text TEXT,"
  "  PRIMARY KEY (contact_id, lang)) WITHOUT ROWID;";

/* 2: the user's own data. No foreign keys to content on purpose: an import
 * replaces every content row and must never cascade into these. */
static const char migration_2_user_data[] =
  "CREATE TABLE bookmarks ("
  "  doc_id TEXT PRIMARY KEY,"
  "  created TEXT NOT NULL);"
  "CREATE TABLE recent ("
  "  doc_id TEXT PRIMARY KEY,"
  "  lang TEXT NOT NULL,"
  "  opened INTEGER NOT NULL);"
  "CREATE INDEX recent_by_time ON recent (opened);"
  "CREATE TABLE reading_positions ("
  "  doc_id TEXT NOT NULL,"
  "  lang TEXT NOT NULL,"
  "  page INTEGER NOT NULL,"
  "  PRIMARY KEY (doc_id, lang)) WITHOUT ROWID;";

/* From 3 on, steps that (re)build the search tables from the content:
 * they are derived data, and falt_store_rebuild_search_index() always
 * builds the layout and tokenizing of this version, so a change to either
 * is a new step calling it again. Of the rebuild steps a migration goes
 * through, only the last one runs (see falt_store_schema_migrate()), so a
 * step between two of them must not need the search tables.
 * 3: full-text search, one FTS5 table per language, filled from the
 *    content already there.
 * 4: a title-only index and the vocabulary for prefix expansion beside
 *    each table (a search ranks a capped set of candidates).
 * 5: article bodies indexed as the text a reader sees, not as Markdown
 *    (falt_store_markdown_to_plain_text()), so snippets show no markup.
 * 6: Swedish stems for neuter definite forms ("barnet" → barn) and plurals
 *    of -el nouns ("regler" → regel).
 * 8: control characters left out of the indexed text, so a STX or ETX in
 *    the content cannot pass for a snippet's match mark.
 * 10: Ukrainian stemmed with hunspell's uk_UA dictionary ("торгівлі",
 *    "торгівлею" → торгівля), each word also indexed as written.
 * 11: a table for Russian, stemmed with Snowball's Russian stemmer.
 * 13: an apostrophe inside a Ukrainian word (' ’ ʼ between Cyrillic
 *    letters) keeps the word whole, as ' ("сім'я", falt-store-words.c).
 *    Needs nothing of step 12 (the PDF page labels): only the content. */
/* 7: whether a contact's hours are assumed ("hours_example" in the feed)
 * rather than published, so the app can say so. */
static const char migration_7_contact_hours_example[] =
  "ALTER TABLE contacts ADD COLUMN hours_example INTEGER NOT NULL DEFAULT 0;";
/* 9: what the feed model needs: the kinds each blob was checked for (a blob is checked again
 * when a document of another kind uses it), the manifest and signature as they came (to
 * export the content as a signed bundle), the documents the last
 * update added, changed and removed ("What's new"), and small state of the user's (the
 * updater's last check, whether the news was seen). */
static const char migration_9_feed_model[] =
  "ALTER TABLE blobs ADD COLUMN checked_kinds INTEGER NOT NULL DEFAULT 0;"
  "UPDATE blobs SET checked_kinds = ("
  "  SELECT coalesce (max (CASE d.kind WHEN 'article' THEN 1 ELSE 0 END), 0)"
  "       | coalesce (max (CASE d.kind WHEN 'pdf' THEN 2 ELSE 0 END), 0)"
  "  FROM translations t JOIN documents d ON d.id = t.doc_id WHERE t.blob = blobs.sha256);"
  "ALTER TABLE meta ADD COLUMN manifest BLOB;"
  "ALTER TABLE meta ADD COLUMN signature TEXT;"
  "CREATE TABLE changes ("
  "  doc_id TEXT NOT NULL,"
  "  lang TEXT NOT NULL,"
  "  change TEXT NOT NULL CHECK (change IN ('added', 'changed', 'removed')),"
  "  title TEXT NOT NULL,"
  "  PRIMARY KEY (doc_id, lang)) WITHOUT ROWID;"
  "CREATE TABLE user_state ("
  "  key TEXT PRIMARY KEY,"
  "  value TEXT) WITHOUT ROWID;";

/* 12: each PDF page's label ("iii", "91": poppler_page_get_label(), the page number where the
 * PDF has none), so a search result names a page as the viewer does; read from the PDFs
 * stored. */
static const char migration_12_pdf_page_labels[] =
  "ALTER TABLE pdf_pages ADD COLUMN label TEXT;";

/* 13 also: the translations by language, so a search finds at once that a
 * language of the reader's chain has nothing the earlier ones lack
 * (falt-store-search.c). */
static const char migration_13_translations_by_lang[] =
  "CREATE INDEX translations_by_lang ON translations (lang);";

static gboolean
rebuild_search (sqlite3  *db,
                GError  **error)
{
  return falt_store_rebuild_search_index (db, error);
}

typedef struct
{
  const char *sql;
  gboolean  (*run) (sqlite3 *db, GError **error);
} Migration;

static const Migration migrations[] = {
  { migration_1_content, NULL },
  { migration_2_user_data, NULL },
  { NULL, rebuild_search },
  { NULL, rebuild_search },
  { NULL, rebuild_search },
  { NULL, rebuild_search },
  { migration_7_contact_hours_example, NULL },
  { NULL, rebuild_search },
  { migration_9_feed_model, NULL },
  { NULL, rebuild_search },
  { NULL, rebuild_search },
  { migration_12_pdf_page_labels, falt_store_fill_pdf_page_labels },
  { migration_13_translations_by_lang, rebuild_search },
};

int
falt_store_schema_latest_version (void)
{
  return G_N_ELEMENTS (migrations);
}

/**
 * falt_store_schema_read_version:
 * @db: an open connection
 * @version: (out): the database's schema version
 *
 * Returns: %TRUE when the version is one this app can open or migrate from;
 *   else %FALSE with %FALT_STORE_ERROR_CORRUPT (a negative version) or
 *   %FALT_STORE_ERROR_FUTURE_SCHEMA (a newer app's)
 */
gboolean
falt_store_schema_read_version (sqlite3  *db,
                                int      *version,
                                GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = falt_store_prepare (db, "PRAGMA user_version", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return falt_store_set_sqlite_error (db, rc, error);
  *version = sqlite3_column_int (stmt, 0);
  /* The header field is a signed 32-bit number: a damaged header (its top
   * bit flipped) reads as negative, which no release of the app writes. */
  if (*version < 0)
    {
      g_set_error (error, FALT_STORE_ERROR, FALT_STORE_ERROR_CORRUPT,
                   _("The database is damaged: its schema version %d is invalid."), *version);
      return FALSE;
    }
  if (*version > falt_store_schema_latest_version ())
    {
      g_set_error (error, FALT_STORE_ERROR, FALT_STORE_ERROR_FUTURE_SCHEMA,
                   _("The database was written by a newer version of Fältstöd (schema %d; this version knows up to %d)."),
                   *version, falt_store_schema_latest_version ());
      return FALSE;
    }
  return TRUE;
}

static gboolean
run_migration (sqlite3          *db,
               const Migration  *migration,
               int               new_version,
               GError          **error)
{
  g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d", new_version);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GError) damage = NULL;
  int failed_code;

  if (!falt_store_exec (db, "BEGIN IMMEDIATE", error))
    return FALSE;
  if ((migration->sql == NULL || falt_store_exec (db, migration->sql, &local_error)) &&
      (migration->run == NULL || migration->run (db, &local_error)) &&
      falt_store_exec (db, set_version, &local_error) &&
      falt_store_exec (db, "COMMIT", &local_error))
    return TRUE;

  /* A step that fails because of the tables it finds ("table meta already
   * exists" when the header says version 0 of a full database) means the
   * schema version and the tables disagree. Read before the rollback,
   * which resets it. */
  failed_code = sqlite3_extended_errcode (db);
  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  if (!falt_store_set_open_error (db, failed_code, &damage) &&
      g_error_matches (damage, FALT_STORE_ERROR, FALT_STORE_ERROR_CORRUPT))
    g_set_error (error, FALT_STORE_ERROR, FALT_STORE_ERROR_CORRUPT,
                 _("The database is damaged: its tables do not match its schema version (%s)."),
                 local_error->message);
  else
    g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                _("Could not update the database to schema version %d: "), new_version);
  return FALSE;
}

static gboolean
rebuilds_later (int from,
                int target_version)
{
  for (int step = from; step < target_version; step++)
    if (migrations[step].run == rebuild_search)
      return TRUE;
  return FALSE;
}

/**
 * falt_store_schema_migrate:
 * @db: an open connection set up with falt_store_setup_connection()
 * @target_version: the schema version to end at
 *
 * Runs the migration steps from the database's current version up to
 * @target_version. A database newer than the latest known schema is refused
 * with %FALT_STORE_ERROR_FUTURE_SCHEMA.
 */
gboolean
falt_store_schema_migrate (sqlite3  *db,
                           int       target_version,
                           GError  **error)
{
  int version = 0;

  if (!falt_store_schema_read_version (db, &version, error))
    return FALSE;
  for (; version < target_version; version++)
    {
      const Migration *migration = &migrations[version];
      Migration sql_only = { migration->sql, NULL };

      /* A later step rebuilds the search tables anyway. This halves the
       * cost of a new database, such as the one falt_store_schema_verify()
       * builds in memory at every start. */
      if (migration->run == rebuild_search && rebuilds_later (version + 1, target_version))
        migration = &sql_only;
      if (!run_migration (db, migration, version + 1, error))
        return FALSE;
    }
  return TRUE;
}

/* The tables, indexes and triggers of the latest schema, type and name to
 * their SQL, as a fresh database has them: built once per process in
 * memory, so the check cannot drift from the migrations. */
static GHashTable *
read_schema (sqlite3  *db,
             GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = falt_store_prepare (db,
                                                     "SELECT type || ' ' || name, sql FROM sqlite_schema",
                                                     error);
  g_autoptr(GHashTable) schema = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  schema = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (schema, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
  if (!falt_store_set_sqlite_error (db, rc, error))
    return NULL;
  return g_steal_pointer (&schema);
}

static GHashTable *
build_expected_schema (GError **error)
{
  sqlite3 *db = NULL;
  GHashTable *schema = NULL;

  if (falt_store_set_sqlite_error (db, sqlite3_open (":memory:", &db), error) &&
      falt_store_setup_connection (db, error) &&
      falt_store_schema_migrate (db, falt_store_schema_latest_version (), error))
    schema = read_schema (db, error);
  sqlite3_close (db);
  return schema;
}

static gboolean
probe_table (sqlite3     *db,
             const char  *table,
             GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT 1 FROM \"%s\" LIMIT 1", table);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  return falt_store_set_open_error (db, rc, error);
}

/**
 * falt_store_schema_verify:
 * @db: an open connection at the latest schema version
 *
 * Checks that every table, index and trigger of the latest schema is there
 * as the migrations create it. A database whose header says it is at the
 * latest version but lacks a table (dropped by hand, or a header damaged
 * into a plausible version) is reported as %FALT_STORE_ERROR_CORRUPT, so it
 * takes the same recovery as a file that is not a database.
 */
gboolean
falt_store_schema_verify (sqlite3  *db,
                          GError  **error)
{
  static GMutex lock;
  static GHashTable *expected = NULL;
  g_autoptr(GHashTable) actual = read_schema (db, error);
  GHashTableIter iter;
  gpointer key, sql;

  if (actual == NULL)
    return FALSE;
  g_mutex_lock (&lock);
  if (expected == NULL)
    expected = build_expected_schema (error);
  g_mutex_unlock (&lock);
  if (expected == NULL)
    return FALSE;

  g_hash_table_iter_init (&iter, expected);
  while (g_hash_table_iter_next (&iter, &key, &sql))
    {
      gpointer actual_sql;

      if (g_hash_table_lookup_extended (actual, key, NULL, &actual_sql) &&
          g_strcmp0 (actual_sql, sql) == 0)
        continue;
      g_set_error (error, FALT_STORE_ERROR, FALT_STORE_ERROR_CORRUPT,
                   _("The database is damaged: %s is missing or changed."), (const char *) key);
      return FALSE;
    }

  /* A table can be listed and still not be readable (a search table's
   * configuration, a page layout the header no longer describes): read one
   * row of each, a page or two, so that a search does not fail later. */
  g_hash_table_iter_init (&iter, expected);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (g_str_has_prefix (key, "table ") && !probe_table (db, (const char *) key + strlen ("table "), error))
      return FALSE;
  return TRUE;
}

gboolean
falt_store_create_at_version (const char  *path,
                              int          version,
                              GError     **error)
{
  sqlite3 *db = NULL;
  gboolean ok;
  int rc;

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  ok = falt_store_set_sqlite_error (db, rc, error) &&
       falt_store_setup_connection (db, error) &&
       falt_store_schema_migrate (db, version, error);
  sqlite3_close (db);
  return ok;
}
