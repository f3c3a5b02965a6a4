/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-store"

#include <glib/gi18n.h>

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
 * is a new step calling it again. Of consecutive rebuild steps, only the
 * last one runs (see falt_store_schema_migrate()).
 * 3: full-text search, one FTS5 table per language, filled from the
 *    content already there.
 * 4: a title-only index and the vocabulary for prefix expansion beside
 *    each table (a search ranks a capped set of candidates).
 * 5: article bodies indexed as the text a reader sees, not as Markdown
 *    (falt_store_markdown_to_plain_text()), so snippets show no markup.
 * 6: Swedish stems for neuter definite forms ("barnet" → barn) and plurals
 *    of -el nouns ("regler" → regel). */
/* 7: whether a contact's hours are assumed ("hours_example" in the feed)
 * rather than published, so the app can say so. */
static const char migration_7_contact_hours_example[] =
  "ALTER TABLE contacts ADD COLUMN hours_example INTEGER NOT NULL DEFAULT 0;";

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
};

int
falt_store_schema_latest_version (void)
{
  return G_N_ELEMENTS (migrations);
}

static int
read_user_version (sqlite3  *db,
                   GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = falt_store_prepare (db, "PRAGMA user_version", error);
  int rc;

  if (stmt == NULL)
    return -1;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      falt_store_set_sqlite_error (db, rc, error);
      return -1;
    }
  return sqlite3_column_int (stmt, 0);
}

static gboolean
run_migration (sqlite3          *db,
               const Migration  *migration,
               int               new_version,
               GError          **error)
{
  g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d", new_version);

  if (!falt_store_exec (db, "BEGIN IMMEDIATE", error))
    return FALSE;
  if ((migration->sql == NULL || falt_store_exec (db, migration->sql, error)) &&
      (migration->run == NULL || migration->run (db, error)) &&
      falt_store_exec (db, set_version, error) &&
      falt_store_exec (db, "COMMIT", error))
    return TRUE;

  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  g_prefix_error (error, _("Could not update the database to schema version %d: "), new_version);
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
  int version = read_user_version (db, error);

  if (version < 0)
    return FALSE;
  if (version > falt_store_schema_latest_version ())
    {
      g_set_error (error, FALT_STORE_ERROR, FALT_STORE_ERROR_FUTURE_SCHEMA,
                   _("The database was written by a newer version of Fältstöd (schema %d; this version knows up to %d)."),
                   version, falt_store_schema_latest_version ());
      return FALSE;
    }
  for (; version < target_version; version++)
    {
      static const Migration version_only = { NULL, NULL };
      const Migration *migration = &migrations[version];

      /* The next step rebuilds the search tables anyway. */
      if (migration->run == rebuild_search && version + 1 < target_version &&
          migrations[version + 1].run == rebuild_search)
        migration = &version_only;
      if (!run_migration (db, migration, version + 1, error))
        return FALSE;
    }
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
