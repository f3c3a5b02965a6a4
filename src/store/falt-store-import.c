/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-store"

#include <glib/gi18n.h>
#include <poppler.h>
#include <string.h>

#include "falt-store-private.h"

/* poppler-glib 22.12 declares no autoptr cleanups. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)

/* Importing a verified manifest (src/feed/falt-manifest.h) and its blobs. The store never
 * reads a manifest itself: it writes what the one validator accepted, in one transaction on a
 * connection of its own, so readers keep a consistent snapshot (WAL) and any error rolls
 * everything back: the store is never half-updated. */

typedef struct
{
  sqlite3               *db;
  FaltManifest          *manifest;
  const char            *blob_dir;
  GCancellable          *cancellable;
  FaltStoreProgressFunc  progress;
  gpointer               progress_data;
} Import;

static gboolean
step_done (Import       *import,
           sqlite3_stmt *stmt,
           GError      **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return falt_store_set_sqlite_error (import->db, rc == SQLITE_DONE ? SQLITE_OK : rc, error);
}

static void
bind_text (sqlite3_stmt *stmt, int column, const char *text)
{
  sqlite3_bind_text (stmt, column, text, -1, SQLITE_TRANSIENT);
}

static gboolean
insert_translated_texts (Import      *import,
                         const char  *sql,
                         const char  *id,
                         GHashTable  *texts,
                         GHashTable  *second_texts,
                         GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = falt_store_prepare (import->db, sql, error);
  GHashTableIter iter;
  gpointer lang, text;

  if (stmt == NULL)
    return FALSE;
  g_hash_table_iter_init (&iter, texts);
  while (g_hash_table_iter_next (&iter, &lang, &text))
    {
      bind_text (stmt, 1, id);
      bind_text (stmt, 2, lang);
      bind_text (stmt, 3, text);
      if (second_texts != NULL)
        bind_text (stmt, 4, g_hash_table_lookup (second_texts, lang));
      if (!step_done (import, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
import_sections (Import *import, GError **error)
{
  GPtrArray *sections = falt_manifest_get_sections (import->manifest);
  g_autoptr(sqlite3_stmt) stmt =
    falt_store_prepare (import->db, "INSERT INTO sections (id, icon, position) VALUES (?1, ?2, ?3)", error);

  for (guint i = 0; stmt != NULL && i < sections->len; i++)
    {
      FaltManifestSection *section = sections->pdata[i];

      bind_text (stmt, 1, section->id);
      bind_text (stmt, 2, section->icon);
      sqlite3_bind_int64 (stmt, 3, section->order);
      if (!step_done (import, stmt, error) ||
          !insert_translated_texts (import, "INSERT INTO section_titles (section_id, lang, title) VALUES (?1, ?2, ?3)",
                                    section->id, section->titles, NULL, error))
        return FALSE;
    }
  return stmt != NULL;
}

static gboolean
import_contacts (Import *import, GError **error)
{
  GPtrArray *contacts = falt_manifest_get_contacts (import->manifest);
  g_autoptr(sqlite3_stmt) stmt =
    falt_store_prepare (import->db,
                        "INSERT INTO contacts (id, number, hours, hours_example, example, position) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);

  for (guint i = 0; stmt != NULL && i < contacts->len; i++)
    {
      FaltManifestContact *contact = contacts->pdata[i];

      bind_text (stmt, 1, contact->id);
      bind_text (stmt, 2, contact->number);
      bind_text (stmt, 3, contact->hours);
      sqlite3_bind_int (stmt, 4, contact->hours_example);
      sqlite3_bind_int (stmt, 5, contact->example);
      sqlite3_bind_int (stmt, 6, i);
      if (!step_done (import, stmt, error) ||
          !insert_translated_texts (import,
                                    "INSERT INTO contact_texts (contact_id, lang, name, when_text) VALUES (?1, ?2, ?3, ?4)",
                                    contact->id, contact->names, contact->when, error))
        return FALSE;
    }
  return stmt != NULL;
}

static gboolean
import_coordinators (Import *import, GError **error)
{
  GPtrArray *coordinators = falt_manifest_get_coordinators (import->manifest);
  g_autoptr(sqlite3_stmt) stmt =
    falt_store_prepare (import->db,
                        "INSERT INTO coordinators (id, region, name, organisation, target_group, "
                        "phone, email, hours, verified, counties, municipalities, example, position) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)", error);

  for (guint i = 0; stmt != NULL && i < coordinators->len; i++)
    {
      FaltManifestCoordinator *coordinator = coordinators->pdata[i];
      const char *texts[] = {
        coordinator->id, coordinator->region, coordinator->name, coordinator->organisation,
        coordinator->target_group, coordinator->phone, coordinator->email, coordinator->hours,
        coordinator->verified,
      };
      g_autofree char *counties = g_strjoinv ("\n", coordinator->counties);
      g_autofree char *municipalities = g_strjoinv ("\n", coordinator->municipalities);

      for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
        bind_text (stmt, t + 1, texts[t]);
      bind_text (stmt, 10, counties);
      bind_text (stmt, 11, municipalities);
      sqlite3_bind_int (stmt, 12, coordinator->example);
      sqlite3_bind_int (stmt, 13, i);
      if (!step_done (import, stmt, error))
        return FALSE;
    }
  return stmt != NULL;
}

/* The page's label as the PDF gives it ("iii", "91"), as the viewer shows it; poppler gives
 * the page number for a PDF without labels. */
static char *
read_page_label (PopplerPage *page,
                 int          number)
{
  char *label = page != NULL ? poppler_page_get_label (page) : NULL;

  if (label == NULL || *label == '\0')
    {
      g_free (label);
      label = g_strdup_printf ("%d", number);
    }
  return label;
}

/* Text is extracted from each page once, here, so searching never needs poppler. */
static gboolean
insert_pdf_pages (Import      *import,
                  const char  *sha256,
                  GBytes      *bytes,
                  GError     **error)
{
  g_autoptr(PopplerDocument) document = poppler_document_new_from_bytes (bytes, NULL, NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int n_pages;

  /* falt_feed_check_blob_content() opened it just before. */
  g_return_val_if_fail (document != NULL, FALSE);

  stmt = falt_store_prepare (import->db,
                             "INSERT OR REPLACE INTO pdf_pages (blob, page, text, label) VALUES (?1, ?2, ?3, ?4)",
                             error);
  if (stmt == NULL)
    return FALSE;
  n_pages = poppler_document_get_n_pages (document);
  for (int i = 0; i < n_pages; i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (document, i);
      g_autofree char *text = page != NULL ? poppler_page_get_text (page) : NULL;
      g_autofree char *label = read_page_label (page, i + 1);

      bind_text (stmt, 1, sha256);
      sqlite3_bind_int (stmt, 2, i + 1);
      bind_text (stmt, 3, text != NULL ? text : "");
      bind_text (stmt, 4, label);
      if (!step_done (import, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
update_page_labels (sqlite3      *db,
                    sqlite3_stmt *update,
                    const char   *sha256,
                    GBytes       *bytes,
                    GError      **error)
{
  g_autoptr(PopplerDocument) document = poppler_document_new_from_bytes (bytes, NULL, NULL);
  int n_pages = document != NULL ? poppler_document_get_n_pages (document) : 0;

  /* A PDF that no longer opens keeps no labels: results show its page numbers. */
  for (int i = 0; i < n_pages; i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (document, i);
      g_autofree char *label = read_page_label (page, i + 1);
      int rc;

      bind_text (update, 1, label);
      bind_text (update, 2, sha256);
      sqlite3_bind_int (update, 3, i + 1);
      rc = sqlite3_step (update);
      sqlite3_reset (update);
      if (!falt_store_set_sqlite_error (db, rc == SQLITE_DONE ? SQLITE_OK : rc, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * falt_store_fill_pdf_page_labels:
 * @db: a connection inside a transaction
 *
 * Reads the label of every page of the PDFs stored (schema step 12), as an
 * import now stores it.
 */
gboolean
falt_store_fill_pdf_page_labels (sqlite3  *db,
                                 GError  **error)
{
  g_autoptr(sqlite3_stmt) blobs = falt_store_prepare (db,
                                                      "SELECT sha256, data FROM blobs "
                                                      "WHERE sha256 IN (SELECT DISTINCT blob FROM pdf_pages)",
                                                      error);
  g_autoptr(sqlite3_stmt) update = falt_store_prepare (db,
                                                       "UPDATE pdf_pages SET label = ?1 WHERE blob = ?2 AND page = ?3",
                                                       error);
  int rc;

  if (blobs == NULL || update == NULL)
    return FALSE;
  while ((rc = sqlite3_step (blobs)) == SQLITE_ROW)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (sqlite3_column_blob (blobs, 1), sqlite3_column_bytes (blobs, 1));

      if (!update_page_labels (db, update, (const char *) sqlite3_column_text (blobs, 0), bytes, error))
        return FALSE;
    }
  return falt_store_set_sqlite_error (db, rc == SQLITE_DONE ? SQLITE_OK : rc, error);
}

/* -1 when the blob is not stored, else the kinds it was checked for. */
static int
stored_blob_kinds (Import *import, const char *sha256)
{
  g_autoptr(sqlite3_stmt) stmt =
    falt_store_prepare (import->db, "SELECT checked_kinds FROM blobs WHERE sha256 = ?1", NULL);

  if (stmt == NULL)
    return -1;
  bind_text (stmt, 1, sha256);
  return sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int (stmt, 0) : -1;
}

static GBytes *
read_stored_blob (Import *import, const char *sha256, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = falt_store_prepare (import->db, "SELECT data FROM blobs WHERE sha256 = ?1", error);

  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, sha256);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      falt_store_set_sqlite_error (import->db, sqlite3_errcode (import->db), error);
      return NULL;
    }
  return g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
}

static gboolean
write_blob (Import *import, const FaltManifestBlob *blob, GBytes *data, gboolean stored, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (stored)
    stmt = falt_store_prepare (import->db, "UPDATE blobs SET checked_kinds = ?2 WHERE sha256 = ?1", error);
  else
    stmt = falt_store_prepare (import->db, "INSERT INTO blobs (sha256, checked_kinds, data) VALUES (?1, ?2, ?3)", error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, blob->sha256);
  sqlite3_bind_int (stmt, 2, blob->kinds);
  if (!stored)
    sqlite3_bind_blob64 (stmt, 3, g_bytes_get_data (data, NULL), g_bytes_get_size (data), SQLITE_STATIC);
  return step_done (import, stmt, error);
}

/* Stores a blob the store lacks, read from the blob folder and checked there (size, hash, and
 * what its documents' kinds need). A blob already stored was checked when it came, but only
 * for the kinds that used it then: a new kind of use (a PDF document pointing at an article's
 * text) is checked now, whatever stored it first. */
static gboolean
import_blob (Import *import, const FaltManifestBlob *blob, GError **error)
{
  int checked = stored_blob_kinds (import, blob->sha256);
  guint new_kinds = checked < 0 ? blob->kinds : blob->kinds & ~(guint) checked;
  g_autoptr(GBytes) data = NULL;

  if (new_kinds == 0)
    return TRUE;
  if (checked < 0 && import->blob_dir == NULL)
    {
      g_set_error (error, FALT_FEED_ERROR, FALT_FEED_ERROR_TRUNCATED,
                   _("The feed is incomplete: %s/%s is missing"), FALT_FEED_BLOBS, blob->sha256);
      return FALSE;
    }
  if (checked < 0)
    data = falt_feed_read_blob (import->blob_dir, blob, error);
  else if ((data = read_stored_blob (import, blob->sha256, error)) != NULL &&
           !falt_feed_check_blob_content (blob->sha256, new_kinds, data, error))
    return FALSE;
  if (data == NULL || !write_blob (import, blob, data, checked >= 0, error))
    return FALSE;
  return (new_kinds & FALT_MANIFEST_KIND_PDF) == 0 || insert_pdf_pages (import, blob->sha256, data, error);
}

/* Names the first document using the blob, so a message says which document is broken: when
 * the blob failed what one kind of document needs, the first document of that kind. */
static void
prefix_document_of_blob (Import *import, const char *sha256, GError **error)
{
  GPtrArray *documents = falt_manifest_get_documents (import->manifest);
  const GError *reason = error != NULL ? *error : NULL;
  guint kinds = FALT_MANIFEST_KIND_ARTICLE | FALT_MANIFEST_KIND_PDF;

  if (g_error_matches (reason, FALT_FEED_ERROR, FALT_FEED_ERROR_NOT_TEXT))
    kinds = FALT_MANIFEST_KIND_ARTICLE;
  else if (g_error_matches (reason, FALT_FEED_ERROR, FALT_FEED_ERROR_BAD_CONTENT)
           || g_error_matches (reason, FALT_FEED_ERROR, FALT_FEED_ERROR_LOCKED))
    kinds = FALT_MANIFEST_KIND_PDF;
  for (guint i = 0; i < documents->len; i++)
    {
      FaltManifestDocument *document = documents->pdata[i];

      for (guint t = 0; (document->kind & kinds) != 0 && t < document->translations->len; t++)
        if (strcmp (((FaltManifestTranslation *) document->translations->pdata[t])->blob, sha256) == 0)
          {
            g_prefix_error (error, _("Document “%s”: "), document->id);
            return;
          }
    }
}

static gboolean
import_blobs (Import *import, GError **error)
{
  GPtrArray *blobs = falt_manifest_get_blobs (import->manifest);

  for (guint i = 0; i < blobs->len; i++)
    {
      FaltManifestBlob *blob = blobs->pdata[i];

      if (g_cancellable_set_error_if_cancelled (import->cancellable, error))
        return FALSE;
      if (!import_blob (import, blob, error))
        {
          prefix_document_of_blob (import, blob->sha256, error);
          return FALSE;
        }
      if (import->progress != NULL)
        import->progress (i + 1, blobs->len, import->progress_data);
    }
  return TRUE;
}

static gboolean
import_documents (Import *import, GError **error)
{
  GPtrArray *documents = falt_manifest_get_documents (import->manifest);
  g_autoptr(sqlite3_stmt) stmt =
    falt_store_prepare (import->db,
                        "INSERT INTO documents (id, kind, section_id, tags, example, position) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  g_autoptr(sqlite3_stmt) translation_stmt =
    falt_store_prepare (import->db,
                        "INSERT INTO translations (doc_id, lang, title, summary, updated, blob, media_type) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error);

  for (guint i = 0; stmt != NULL && translation_stmt != NULL && i < documents->len; i++)
    {
      FaltManifestDocument *document = documents->pdata[i];
      g_autofree char *tags = g_strjoinv ("\n", document->tags);

      bind_text (stmt, 1, document->id);
      bind_text (stmt, 2, falt_manifest_kind_to_string (document->kind));
      bind_text (stmt, 3, document->section);
      bind_text (stmt, 4, tags);
      sqlite3_bind_int (stmt, 5, document->example);
      sqlite3_bind_int (stmt, 6, i);
      if (!step_done (import, stmt, error))
        return FALSE;
      for (guint t = 0; t < document->translations->len; t++)
        {
          FaltManifestTranslation *translation = document->translations->pdata[t];

          bind_text (translation_stmt, 1, document->id);
          bind_text (translation_stmt, 2, translation->lang);
          bind_text (translation_stmt, 3, translation->title);
          bind_text (translation_stmt, 4, translation->summary);
          bind_text (translation_stmt, 5, translation->updated);
          bind_text (translation_stmt, 6, translation->blob);
          bind_text (translation_stmt, 7, document->kind == FALT_MANIFEST_KIND_PDF ? "application/pdf" : "text/markdown");
          if (!step_done (import, translation_stmt, error))
            return FALSE;
        }
    }
  return stmt != NULL && translation_stmt != NULL;
}

/* What this update adds, changes and removes, per document and language, for "What's new".
 * Only an update over earlier content has news; the first content has none. */
static gboolean
record_changes (Import *import, gboolean had_content, GError **error)
{
  if (!falt_store_exec (import->db, "DELETE FROM changes", error))
    return FALSE;
  if (!had_content)
    return TRUE;
  return falt_store_exec (import->db,
                          "INSERT INTO changes (doc_id, lang, change, title) "
                          "SELECT n.doc_id, n.lang, CASE WHEN o.doc_id IS NULL THEN 'added' ELSE 'changed' END, n.title "
                          "FROM translations n LEFT JOIN old_translations o ON o.doc_id = n.doc_id AND o.lang = n.lang "
                          "WHERE o.doc_id IS NULL OR o.blob <> n.blob OR o.title <> n.title;"
                          "INSERT INTO changes (doc_id, lang, change, title) "
                          "SELECT o.doc_id, o.lang, 'removed', o.title FROM old_translations o "
                          "WHERE NOT EXISTS (SELECT 1 FROM translations n WHERE n.doc_id = o.doc_id AND n.lang = o.lang);"
                          "DELETE FROM user_state WHERE key = 'changes-seen';", error);
}

static gboolean
write_meta (Import *import, const char *signature, GError **error)
{
  g_autoptr(sqlite3_stmt) meta =
    falt_store_prepare (import->db,
                        "INSERT INTO meta (id, version, created, source, manifest, signature) "
                        "VALUES (1, ?1, ?2, ?3, ?4, ?5)", error);
  GBytes *bytes = falt_manifest_get_bytes (import->manifest);

  if (meta == NULL)
    return FALSE;
  sqlite3_bind_int64 (meta, 1, falt_manifest_get_version (import->manifest));
  bind_text (meta, 2, falt_manifest_get_created_text (import->manifest));
  bind_text (meta, 3, falt_manifest_get_source (import->manifest));
  sqlite3_bind_blob64 (meta, 4, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), SQLITE_STATIC);
  bind_text (meta, 5, signature);
  return step_done (import, meta, error);
}

static gboolean
write_content (Import      *import,
               const char  *signature,
               gboolean     had_content,
               GError     **error)
{
  return falt_store_exec (import->db,
                          "CREATE TEMP TABLE IF NOT EXISTS old_translations AS SELECT doc_id, lang, title, blob FROM translations WHERE 0;"
                          "DELETE FROM old_translations;"
                          "INSERT INTO old_translations SELECT doc_id, lang, title, blob FROM translations;"
                          "DELETE FROM documents; DELETE FROM sections; DELETE FROM contacts;"
                          "DELETE FROM coordinators; DELETE FROM meta;", error) &&
         import_blobs (import, error) &&
         import_sections (import, error) &&
         import_contacts (import, error) &&
         import_coordinators (import, error) &&
         import_documents (import, error) &&
         record_changes (import, had_content, error) &&
         falt_store_exec (import->db, "DELETE FROM blobs WHERE sha256 NOT IN (SELECT blob FROM translations)", error) &&
         falt_store_rebuild_search_index (import->db, error) &&
         write_meta (import, signature, error);
}

gint64
falt_store_read_content_version (sqlite3 *db)
{
  g_autoptr(sqlite3_stmt) stmt = falt_store_prepare (db, "SELECT version FROM meta WHERE id = 1", NULL);

  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return 0;
  return sqlite3_column_int64 (stmt, 0);
}

/**
 * falt_store_check_newer:
 * @installed: the store's content version
 * @manifest: a verified manifest
 * @error: return location for an error
 *
 * Returns: %FALSE with %FALT_STORE_ERROR_OLDER_FEED unless @manifest is newer than @installed
 */
gboolean
falt_store_check_newer (gint64        installed,
                        FaltManifest *manifest,
                        GError      **error)
{
  gint64 version = falt_manifest_get_version (manifest);

  if (version > installed)
    return TRUE;
  g_set_error (error, FALT_STORE_ERROR, FALT_STORE_ERROR_OLDER_FEED,
               _("The update has content version %lld, but version %lld is already installed: only a newer version is imported."),
               (long long) version, (long long) installed);
  return FALSE;
}

/**
 * falt_store_import_on:
 * @path: the database file
 * @manifest: a verified manifest
 * @signature: (nullable): its signature, kept for exporting the content as it came
 * @blob_dir: (nullable): a folder with `blobs/<sha256>` for the blobs the store lacks
 * @flags: #FaltStoreImportFlags
 * @cancellable: (nullable): a #GCancellable, checked between blobs
 * @progress: (nullable): called after each blob, in the importing thread
 * @progress_data: for @progress
 * @error: return location for an error
 *
 * Imports on a connection of its own, which it closes: safe in any thread.
 */
gboolean
falt_store_import_on (const char             *path,
                      FaltManifest           *manifest,
                      const char             *signature,
                      const char             *blob_dir,
                      FaltStoreImportFlags    flags,
                      GCancellable           *cancellable,
                      FaltStoreProgressFunc   progress,
                      gpointer                progress_data,
                      GError                **error)
{
  Import import = { NULL, manifest, blob_dir, cancellable, progress, progress_data };
  gint64 installed;
  gboolean ok;
  int rc;

  /* A URI is the store's memory database (falt-store-install.c). */
  rc = sqlite3_open_v2 (path, &import.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_URI, NULL);
  if (!falt_store_set_sqlite_error (import.db, rc, error))
    {
      sqlite3_close (import.db);
      return FALSE;
    }
  sqlite3_busy_timeout (import.db, 10000);
  if (!falt_store_setup_connection (import.db, error) ||
      !falt_store_exec (import.db, "PRAGMA foreign_keys = ON;", error) ||
      !falt_store_exec (import.db, "BEGIN IMMEDIATE", error))
    {
      sqlite3_close (import.db);
      return FALSE;
    }
  installed = falt_store_read_content_version (import.db);
  ok = ((flags & FALT_STORE_IMPORT_ALLOW_OLDER) || falt_store_check_newer (installed, manifest, error)) &&
       write_content (&import, signature, installed > 0, error) &&
       falt_store_exec (import.db, "COMMIT", error);
  if (!ok)
    sqlite3_exec (import.db, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (import.db);
  return ok;
}
