/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-store"

#include <glib/gi18n.h>
#include <string.h>

#include "falt-store-private.h"

/* The store as the updater's client: importing a verified manifest (in a thread, with
 * progress), the blobs a delta still needs, the content as it came (for export), what the last
 * update changed, and the user's small state (the updater's last check). */

/**
 * falt_store_import:
 * @self: a #FaltStore
 * @manifest: a manifest verified by src/feed (signature, validity, expiry as the caller needs)
 * @signature: (nullable): its signature's text, kept so the content can be exported as it came
 * @blob_dir: (nullable): a folder with `blobs/<sha256>` holding at least the blobs the store
 *   lacks (falt_store_list_missing_blobs())
 * @flags: #FaltStoreImportFlags
 * @error: return location for an error
 *
 * Replaces all content with the manifest's, in one transaction on a connection of its own: on
 * any error the previous content stays as it was. Each blob read from @blob_dir is checked
 * for size, SHA-256 and what its documents' kinds need; PDF text is extracted page by page.
 * User data (bookmarks, recent documents, reading positions) is left alone. Emits
 * #FaltStore::content-changed on success.
 *
 * Returns: %TRUE on success; else %FALSE with a %FALT_FEED_ERROR for a blob,
 *   %FALT_STORE_ERROR_OLDER_FEED, or a database error
 */
gboolean
falt_store_import (FaltStore            *self,
                   FaltManifest         *manifest,
                   const char           *signature,
                   const char           *blob_dir,
                   FaltStoreImportFlags  flags,
                   GError              **error)
{
  g_return_val_if_fail (FALT_IS_STORE (self), FALSE);
  g_return_val_if_fail (FALT_IS_MANIFEST (manifest), FALSE);

  if (!falt_store_import_on (self->path, manifest, signature, blob_dir, flags, NULL, NULL, NULL, error))
    return FALSE;
  falt_store_emit_content_changed (self);
  return TRUE;
}

/**
 * falt_store_import_feed:
 * @self: a #FaltStore
 * @feed_dir: a feed folder: manifest.json and blobs/
 * @allow_older: whether to import a feed whose version is not newer than the installed content
 * @error: return location for an error
 *
 * Imports the feed installed with the app, which is trusted by its place: its manifest goes
 * through the feed validator (src/feed) but needs no signature. A feed from the network or a
 * file must be verified with falt_feed_load_dir() and a keyring, then given to
 * falt_store_import().
 */
gboolean
falt_store_import_feed (FaltStore   *self,
                        const char  *feed_dir,
                        gboolean     allow_older,
                        GError     **error)
{
  g_autofree char *signature = NULL;
  g_autoptr(FaltManifest) manifest = NULL;

  g_return_val_if_fail (FALT_IS_STORE (self), FALSE);
  g_return_val_if_fail (feed_dir != NULL, FALSE);

  manifest = falt_feed_load_dir (feed_dir, NULL, &signature, error);
  return manifest != NULL &&
         falt_store_import (self, manifest, signature, feed_dir,
                            allow_older ? FALT_STORE_IMPORT_ALLOW_OLDER : FALT_STORE_IMPORT_NONE, error);
}

typedef struct
{
  FaltManifest          *manifest;
  char                  *signature;
  char                  *blob_dir;
  FaltStoreImportFlags   flags;
  char                  *path;
  FaltStoreProgressFunc  progress;
  gpointer               progress_data;
  GMainContext          *context;
  GTask                 *outer;
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  g_clear_object (&job->manifest);
  g_free (job->signature);
  g_free (job->blob_dir);
  g_free (job->path);
  g_clear_pointer (&job->context, g_main_context_unref);
  g_free (job);
}

typedef struct
{
  ImportJob *job;
  guint      done;
  guint      total;
} Progress;

static gboolean
report_progress_cb (gpointer data)
{
  Progress *progress = data;

  progress->job->progress (progress->done, progress->total, progress->job->progress_data);
  return G_SOURCE_REMOVE;
}

/* In the worker thread: hand each step to the caller's main context. The job outlives these
 * sources: they are queued before the task returns on the same context. */
static void
import_progress_in_thread (guint done, guint total, gpointer user_data)
{
  ImportJob *job = user_data;
  Progress *progress = g_new (Progress, 1);

  *progress = (Progress) { job, done, total };
  g_main_context_invoke_full (job->context, G_PRIORITY_DEFAULT, report_progress_cb, progress, g_free);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportJob *job = task_data;
  GError *error = NULL;

  if (falt_store_import_on (job->path, job->manifest, job->signature, job->blob_dir, job->flags,
                            cancellable, job->progress != NULL ? import_progress_in_thread : NULL, job,
                            &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (outer, error);
      return;
    }
  falt_store_retry_user_writes (FALT_STORE (source));
  falt_store_emit_content_changed (FALT_STORE (source));
  g_task_return_boolean (outer, TRUE);
}

/**
 * falt_store_import_async:
 * @self: a #FaltStore
 * @manifest: as for falt_store_import()
 * @signature: (nullable): as for falt_store_import()
 * @blob_dir: (nullable): as for falt_store_import()
 * @flags: #FaltStoreImportFlags
 * @progress: (nullable) (scope notified): called on the calling thread's main context after
 *   each blob
 * @progress_data: for @progress; must live until @callback runs
 * @cancellable: (nullable): a #GCancellable, checked between blobs
 * @callback: called when the import is done, after #FaltStore::content-changed
 * @user_data: for @callback
 *
 * Imports in a worker thread with its own connection, so the UI keeps reading (a consistent
 * snapshot, WAL) and its own writes never join the import's transaction.
 */
void
falt_store_import_async (FaltStore            *self,
                         FaltManifest         *manifest,
                         const char           *signature,
                         const char           *blob_dir,
                         FaltStoreImportFlags  flags,
                         FaltStoreProgressFunc progress,
                         gpointer              progress_data,
                         GCancellable         *cancellable,
                         GAsyncReadyCallback   callback,
                         gpointer              user_data)
{
  GTask *outer = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GTask) inner = g_task_new (self, cancellable, import_done_cb, outer);
  ImportJob *job = g_new0 (ImportJob, 1);

  g_return_if_fail (FALT_IS_STORE (self));
  g_return_if_fail (FALT_IS_MANIFEST (manifest));

  g_task_set_source_tag (outer, falt_store_import_async);
  job->manifest = g_object_ref (manifest);
  job->signature = g_strdup (signature);
  job->blob_dir = g_strdup (blob_dir);
  job->flags = flags;
  job->path = g_strdup (self->path);
  job->progress = progress;
  job->progress_data = progress_data;
  job->context = g_main_context_ref_thread_default ();
  g_task_set_task_data (inner, job, (GDestroyNotify) import_job_free);
  g_task_run_in_thread (inner, import_thread);
}

gboolean
falt_store_import_finish (FaltStore     *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * falt_store_list_missing_blobs:
 * @self: a #FaltStore
 * @manifest: a verified manifest
 * @error: return location for an error
 *
 * Safe to call from any thread.
 *
 * Returns: (transfer container) (element-type FaltManifestBlob): the manifest's blobs the
 *   store does not hold, so a delta update downloads only those
 */
GPtrArray *
falt_store_list_missing_blobs (FaltStore     *self,
                               FaltManifest  *manifest,
                               GError       **error)
{
  GPtrArray *blobs = falt_manifest_get_blobs (manifest);
  g_autoptr(GPtrArray) missing = g_ptr_array_new ();
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db = NULL;
  int rc;

  /* A connection of its own: the updater asks from its worker thread. */
  rc = sqlite3_open_v2 (self->path, &db, SQLITE_OPEN_READONLY, NULL);
  if (!falt_store_set_sqlite_error (db, rc, error) ||
      (stmt = falt_store_prepare (db, "SELECT 1 FROM blobs WHERE sha256 = ?1", error)) == NULL)
    {
      sqlite3_close (db);
      return NULL;
    }
  for (guint i = 0; i < blobs->len; i++)
    {
      FaltManifestBlob *blob = blobs->pdata[i];

      sqlite3_bind_text (stmt, 1, blob->sha256, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE)
        g_ptr_array_add (missing, blob);
      else if (rc != SQLITE_ROW)
        break;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      falt_store_set_sqlite_error (db, rc, error);
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_close (db);
  return g_steal_pointer (&missing);
}

/* The manifest and signature the installed content came with, read again through the feed
 * validator; on any connection (the export reads on its own). */
static FaltManifest *
read_kept_manifest (sqlite3  *db,
                    char    **signature,
                    GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = falt_store_prepare (db, "SELECT manifest, signature FROM meta WHERE id = 1", error);
  g_autoptr(GBytes) bytes = NULL;

  if (stmt == NULL)
    return NULL;
  if (sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_type (stmt, 0) != SQLITE_BLOB)
    {
      g_set_error (error, FALT_STORE_ERROR, FALT_STORE_ERROR_NOT_FOUND,
                   _("The installed content does not keep its original manifest; it is kept from the next update on."));
      return NULL;
    }
  bytes = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
  if (signature != NULL)
    *signature = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  return falt_manifest_new_from_bytes (bytes, error);
}

/**
 * falt_store_dup_manifest:
 * @self: a #FaltStore
 * @signature: (out) (optional) (nullable): the signature it came with
 * @error: return location for an error
 *
 * Returns: (transfer full): the manifest of the installed content, read again through the
 *   feed validator, or %NULL (no content, or content from before manifests were kept)
 */
FaltManifest *
falt_store_dup_manifest (FaltStore  *self,
                         char      **signature,
                         GError    **error)
{
  return read_kept_manifest (self->db, signature, error);
}

/* Reads blobs on a connection of the export's own, in its thread. */
static GBytes *
read_blob_for_export (const FaltManifestBlob *blob,
                      gpointer                db,
                      GError                **error)
{
  g_autoptr(sqlite3_stmt) stmt = falt_store_prepare (db, "SELECT data FROM blobs WHERE sha256 = ?1", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, blob->sha256, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, FALT_STORE_ERROR, FALT_STORE_ERROR_NOT_FOUND,
                   _("The store lacks the file %s of its own content: it may be damaged."), blob->sha256);
      return NULL;
    }
  return g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
}

static gboolean
export_on (const char  *path,
           const char  *bundle_path,
           GError     **error)
{
  g_autoptr(FaltManifest) manifest = NULL;
  g_autofree char *signature = NULL;
  sqlite3 *db = NULL;
  gboolean ok = FALSE;
  int rc;

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL);
  /* One read transaction: the manifest and the blobs of one and the same version. */
  if (falt_store_set_sqlite_error (db, rc, error) && falt_store_exec (db, "BEGIN", error) &&
      (manifest = read_kept_manifest (db, &signature, error)) != NULL)
    {
      if (signature == NULL)
        g_set_error (error, FALT_STORE_ERROR, FALT_STORE_ERROR_NOT_FOUND,
                     _("The installed content is the one that came with the app and carries no signature: other computers already have it. Export after an update."));
      else
        ok = falt_feed_write_bundle_from (bundle_path, manifest, signature, read_blob_for_export, db, error);
    }
  sqlite3_close (db);
  return ok;
}

/**
 * falt_store_export_bundle:
 * @self: a #FaltStore
 * @bundle_path: the bundle file to write
 * @error: return location for an error
 *
 * Writes the installed content as a bundle (as `faltstod-publish bundle` makes) with its
 * original manifest and signature, so another computer verifies it exactly like a download.
 */
gboolean
falt_store_export_bundle (FaltStore   *self,
                          const char  *bundle_path,
                          GError     **error)
{
  g_return_val_if_fail (FALT_IS_STORE (self), FALSE);
  return export_on (self->path, bundle_path, error);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  FaltStore *self = source_object;
  GError *error = NULL;

  if (export_on (self->path, task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
falt_store_export_bundle_async (FaltStore           *self,
                                const char          *bundle_path,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, falt_store_export_bundle_async);
  g_task_set_task_data (task, g_strdup (bundle_path), g_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
falt_store_export_bundle_finish (FaltStore     *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
falt_store_change_free (FaltStoreChange *change)
{
  g_free (change->doc_id);
  g_free (change->lang);
  g_free (change->change);
  g_free (change->title);
  g_free (change);
}

/**
 * falt_store_list_changes:
 * @self: a #FaltStore
 * @langs: (nullable) (array zero-terminated=1): the material's languages in order of
 *   preference: each document once, in the first of @langs it changed in, else in Swedish,
 *   else in the first language it changed in
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type FaltStoreChange): what the last update added, changed
 *   and removed, added first
 */
GPtrArray *
falt_store_list_changes (FaltStore          *self,
                         const char * const *langs,
                         GError            **error)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) falt_store_change_free);
  g_autoptr(sqlite3_stmt) stmt =
    falt_store_prepare (self->db,
                        "SELECT doc_id, lang, change, title FROM "
                        "(SELECT *, row_number () OVER (PARTITION BY doc_id ORDER BY "
                        FALT_STORE_LANG_CHAIN_ORDER ("?1") ") AS choice FROM changes) WHERE choice = 1 "
                        "ORDER BY CASE change WHEN 'added' THEN 0 WHEN 'changed' THEN 1 ELSE 2 END, title",
                        error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, falt_store_lang_chain_key (langs), -1, g_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      FaltStoreChange *change = g_new0 (FaltStoreChange, 1);

      change->doc_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      change->lang = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      change->change = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      change->title = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      g_ptr_array_add (changes, change);
    }
  if (!falt_store_set_sqlite_error (self->db, rc, error))
    return NULL;
  return g_steal_pointer (&changes);
}

/**
 * falt_store_get_changes_seen:
 * @self: a #FaltStore
 *
 * Returns: whether the reader has seen "What's new" since the last update (or there is none)
 */
gboolean
falt_store_get_changes_seen (FaltStore *self)
{
  g_autoptr(sqlite3_stmt) stmt =
    falt_store_prepare (self->db,
                        "SELECT NOT EXISTS (SELECT 1 FROM changes) "
                        "OR EXISTS (SELECT 1 FROM user_state WHERE key = 'changes-seen')", NULL);

  return stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_int (stmt, 0);
}

gboolean
falt_store_set_changes_seen (FaltStore  *self,
                             GError    **error)
{
  return falt_store_set_state (self, "changes-seen", "1", error);
}

/**
 * falt_store_get_state:
 * @self: a #FaltStore
 * @key: a key, such as "last-check"
 *
 * Returns: (transfer full) (nullable): the value kept under @key
 */
char *
falt_store_get_state (FaltStore  *self,
                      const char *key)
{
  g_autoptr(sqlite3_stmt) stmt = falt_store_prepare (self->db, "SELECT value FROM user_state WHERE key = ?1", NULL);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  return sqlite3_step (stmt) == SQLITE_ROW ? g_strdup ((const char *) sqlite3_column_text (stmt, 0)) : NULL;
}

/**
 * falt_store_set_state:
 * @self: a #FaltStore
 * @key: a key
 * @value: (nullable): the value, %NULL to remove it
 * @error: return location for an error
 */
gboolean
falt_store_set_state (FaltStore   *self,
                      const char  *key,
                      const char  *value,
                      GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    falt_store_prepare (self->db,
                        value != NULL ? "INSERT OR REPLACE INTO user_state (key, value) VALUES (?1, ?2)"
                                      : "DELETE FROM user_state WHERE key = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (value != NULL)
    sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  return falt_store_set_sqlite_error (self->db, sqlite3_step (stmt), error);
}
