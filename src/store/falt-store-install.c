/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-store"

#include <glib/gstdio.h>
#include <unistd.h>

#include "falt-store-private.h"

/* Installing the material that came with the app into the store falt_store_open_default_full()
 * opened: on the first start, after a damaged database was moved aside (carrying over what
 * the reader kept in it), and after an upgrade of the app brought newer material. In a worker
 * thread for the window, in place for the command line. When the disk has no room for the
 * material, it is kept in memory: shown, searched, but nothing the reader does is saved. */

/**
 * falt_store_error_is_no_room:
 * @error: (nullable): an error from opening or writing the store
 *
 * Returns: whether @error says the disk is full or the folder refuses
 *   writes: nothing is wrong with the database, it cannot be written
 */
gboolean
falt_store_error_is_no_room (const GError *error)
{
  return g_error_matches (error, FALT_STORE_ERROR, FALT_STORE_ERROR_NO_SPACE) ||
         g_error_matches (error, FALT_STORE_ERROR, FALT_STORE_ERROR_READ_ONLY);
}

/* sqlite's "memdb" files are shared by the connections of this process that name them, each
 * with its own locks, as a file's are. */
static char *
new_memory_uri (void)
{
  static int counter;

  return g_strdup_printf ("file:/faltstod-%d-%d.db?vfs=memdb", (int) getpid (), g_atomic_int_add (&counter, 1));
}

static sqlite3 *
open_memory_database (const char  *uri,
                      GError     **error)
{
  sqlite3 *db = NULL;
  int rc = sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_URI, NULL);

  if (!falt_store_set_sqlite_error (db, rc, error) ||
      !falt_store_setup_connection (db, error) ||
      !falt_store_exec (db, "PRAGMA foreign_keys = ON;", error) ||
      !falt_store_schema_migrate (db, falt_store_schema_latest_version (), error))
    {
      sqlite3_close_v2 (db);
      return NULL;
    }
  sqlite3_busy_timeout (db, 5000);
  return db;
}

/**
 * falt_store_open_in_memory:
 * @path: the database file that could not be made or filled
 * @reason: why (a full disk, a read-only folder)
 *
 * A store without content in memory, read-only for the reader's writes, for
 * falt_store_install_bundled() to fill.
 */
FaltStore *
falt_store_open_in_memory (const char    *path,
                           const GError  *reason,
                           GError       **error)
{
  g_autoptr(FaltStore) self = g_object_new (FALT_TYPE_STORE, NULL);

  self->path = g_strdup (path);
  self->uri = new_memory_uri ();
  if ((self->db = open_memory_database (self->uri, error)) == NULL)
    return NULL;
  self->read_only = TRUE;
  self->read_only_reason = g_error_copy (reason);
  return g_steal_pointer (&self);
}

/* ---- the reader's own data, from a damaged database ---- */

static const struct
{
  const char *table;
  const char *columns;
  const char *values;
} user_tables[] = {
  { "bookmarks", "doc_id, created", "?1, ?2" },
  { "recent", "doc_id, lang, opened", "?1, ?2, ?3" },
  { "reading_positions", "doc_id, lang, page", "?1, ?2, ?3" },
};

/* Row by row: a damaged page ends the table, and what was read before it is kept. */
static guint
copy_user_rows (sqlite3 *from,
                sqlite3 *to,
                guint    table)
{
  g_autofree char *select_sql = g_strdup_printf ("SELECT %s FROM %s", user_tables[table].columns,
                                                 user_tables[table].table);
  g_autofree char *insert_sql = g_strdup_printf ("INSERT OR IGNORE INTO %s (%s) VALUES (%s)",
                                                 user_tables[table].table, user_tables[table].columns,
                                                 user_tables[table].values);
  g_autoptr(sqlite3_stmt) select = falt_store_prepare (from, select_sql, NULL);
  g_autoptr(sqlite3_stmt) insert = falt_store_prepare (to, insert_sql, NULL);
  guint copied = 0;

  if (select == NULL || insert == NULL)
    return 0;
  while (sqlite3_step (select) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (select); i++)
        sqlite3_bind_value (insert, i + 1, sqlite3_column_value (select, i));
      if (sqlite3_step (insert) == SQLITE_DONE)
        copied++;
      sqlite3_reset (insert);
      sqlite3_clear_bindings (insert);
    }
  return copied;
}

static gboolean
is_nonempty (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 && st.st_size > 0;
}

/* The damaged file, never written: as an immutable file, or read-only with its log when it has
 * one (a session that ended without closing it). NULL when even its schema cannot be read. */
static sqlite3 *
open_damaged (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  const char *modes[] = { "immutable=1", "mode=ro" };
  g_autofree char *escaped = g_uri_escape_string (path, "/", FALSE);

  if (is_nonempty (wal))
    {
      modes[0] = "mode=ro";
      modes[1] = "immutable=1";
    }
  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autofree char *uri = g_strconcat ("file:", escaped, "?", modes[i], NULL);
      sqlite3 *db = NULL;

      if (sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL) == SQLITE_OK &&
          sqlite3_exec (db, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL) == SQLITE_OK)
        return db;
      sqlite3_close_v2 (db);
    }
  return NULL;
}

/* Bookmarks, recent documents and reading positions that can still be read from @kept go into
 * the new database at @uri; what cannot be read is left behind (it stays in @kept). */
static void
carry_over_user_data (const char *kept,
                      const char *uri)
{
  static const char * const logs[] = { "-wal", "-shm" };
  gboolean had_log[G_N_ELEMENTS (logs)];
  sqlite3 *from = NULL;
  sqlite3 *to = NULL;
  guint copied[G_N_ELEMENTS (user_tables)] = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (logs); i++)
    {
      g_autofree char *log = g_strconcat (kept, logs[i], NULL);

      had_log[i] = g_file_test (log, G_FILE_TEST_EXISTS);
    }

  /* A FIFO or a device where the file or its log was is not read: it would block, or never end. */
  if (falt_store_check_regular_files (kept, NULL))
    from = open_damaged (kept);
  if (from == NULL)
    {
      g_message ("Nothing of the reader's own data could be read from %s", kept);
      return;
    }
  if (sqlite3_open_v2 (uri, &to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_URI, NULL) == SQLITE_OK &&
      sqlite3_exec (to, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK)
    {
      for (guint i = 0; i < G_N_ELEMENTS (user_tables); i++)
        copied[i] = copy_user_rows (from, to, i);
      if (sqlite3_exec (to, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        {
          g_warning ("The reader's own data from %s could not be saved: %s", kept, sqlite3_errmsg (to));
          sqlite3_exec (to, "ROLLBACK", NULL, NULL, NULL);
        }
      else
        g_message ("Carried over from %s: %u bookmarks, %u recent documents, %u reading positions",
                   kept, copied[0], copied[1], copied[2]);
    }
  sqlite3_close_v2 (to);
  sqlite3_close_v2 (from);
  /* The kept files stay as they were: the log files reading made go again. */
  for (guint i = 0; i < G_N_ELEMENTS (logs); i++)
    {
      g_autofree char *log = g_strconcat (kept, logs[i], NULL);

      if (!had_log[i])
        g_unlink (log);
    }
}

/* ---- the install itself, on paths only: safe in any thread ---- */

typedef struct
{
  char     *uri;          /* where to import: the file, or the store's memory database */
  char     *feed_dir;
  char     *kept;         /* (nullable) the damaged database moved aside */
  gint64    installed;    /* the store's content version before */
  gboolean  read_only;    /* the store cannot be written: newer bundled material waits */
  gboolean  may_use_memory;
  /* What it did: */
  gboolean  imported;
  sqlite3  *memory_db;    /* the material went to memory instead: the store takes this over */
  char     *memory_uri;
  GError   *no_room;      /* why */
} Install;

static void
install_free (Install *install)
{
  g_free (install->uri);
  g_free (install->feed_dir);
  g_free (install->kept);
  g_clear_pointer (&install->memory_db, sqlite3_close_v2);
  g_free (install->memory_uri);
  g_clear_error (&install->no_room);
  g_free (install);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Install, install_free)

static Install *
install_new (FaltStore *self)
{
  Install *install = g_new0 (Install, 1);

  install->uri = g_strdup (self->uri != NULL ? self->uri : self->path);
  install->feed_dir = g_strdup (self->install_feed_dir);
  install->kept = g_strdup (self->install_kept);
  install->installed = falt_store_get_content_version (self);
  install->read_only = self->read_only;
  install->may_use_memory = self->uri == NULL;
  return install;
}

/* After an upgrade of the app, its bundled feed may be newer than the content in the store:
 * import it then, and only then. Content received over the network with a higher version
 * stays. The store already has content, so a bundled feed that fails to import is only
 * logged. */
static void
update_from_bundled_feed (Install *install)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FaltManifest) manifest = NULL;
  g_autofree char *signature = NULL;
  gint64 bundled = falt_feed_peek_version (install->feed_dir);

  if (bundled <= install->installed)
    return;
  g_message ("Importing the bundled content, version %" G_GINT64_FORMAT
             " (the store has version %" G_GINT64_FORMAT ")", bundled, install->installed);
  manifest = falt_feed_load_dir (install->feed_dir, NULL, &signature, &error);
  if (manifest != NULL &&
      falt_store_import_on (install->uri, manifest, signature, install->feed_dir, FALT_STORE_IMPORT_NONE,
                            NULL, NULL, NULL, &error))
    install->imported = TRUE;
  if (error != NULL)
    g_warning ("The bundled content in %s was not imported: %s", install->feed_dir, error->message);
}

static gboolean
run_install (Install  *install,
             GError  **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(FaltManifest) manifest = NULL;
  g_autofree char *signature = NULL;
  const char *target = install->uri;

  if (install->installed > 0)
    {
      if (!install->read_only)
        update_from_bundled_feed (install);
      return TRUE;
    }
  manifest = falt_feed_load_dir (install->feed_dir, NULL, &signature, error);
  if (manifest == NULL)
    return FALSE;
  if (!falt_store_import_on (install->uri, manifest, signature, install->feed_dir, FALT_STORE_IMPORT_ALLOW_OLDER,
                             NULL, NULL, NULL, &local_error))
    {
      /* A database the disk has no room to fill is not damaged: the material goes to memory. */
      if (!install->may_use_memory || !falt_store_error_is_no_room (local_error))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_message ("Keeping the material in memory: %s", local_error->message);
      install->memory_uri = new_memory_uri ();
      install->memory_db = open_memory_database (install->memory_uri, error);
      if (install->memory_db == NULL ||
          !falt_store_import_on (install->memory_uri, manifest, signature, install->feed_dir,
                                 FALT_STORE_IMPORT_ALLOW_OLDER, NULL, NULL, NULL, error))
        return FALSE;
      install->no_room = g_steal_pointer (&local_error);
      target = install->memory_uri;
    }
  install->imported = TRUE;
  if (install->kept != NULL)
    carry_over_user_data (install->kept, target);
  return TRUE;
}

/* On the main context: the store takes over what the install made. */
static void
apply_install (FaltStore *self,
               Install   *install)
{
  if (install->memory_db != NULL)
    {
      g_mutex_lock (&self->search_lock);
      g_clear_pointer (&self->search_db, sqlite3_close_v2);
      g_clear_pointer (&self->db, sqlite3_close_v2);
      self->db = g_steal_pointer (&install->memory_db);
      g_free (self->uri);
      self->uri = g_steal_pointer (&install->memory_uri);
      self->read_only = TRUE;
      g_clear_error (&self->read_only_reason);
      self->read_only_reason = g_steal_pointer (&install->no_room);
      g_mutex_unlock (&self->search_lock);
    }
  g_clear_pointer (&self->install_feed_dir, g_free);
  g_clear_pointer (&self->install_kept, g_free);
  if (install->imported && !self->read_only)
    falt_store_retry_user_writes (self);
}

/**
 * falt_store_install_bundled:
 * @self: a store from falt_store_open_default_full()
 *
 * Installs the bundled material, in place (the command line).
 *
 * Returns: %TRUE when the store has content (or had it and keeps it)
 */
gboolean
falt_store_install_bundled (FaltStore  *self,
                            GError    **error)
{
  g_autoptr(Install) install = NULL;
  gboolean ok;

  if (self->install_feed_dir == NULL)
    return TRUE;
  install = install_new (self);
  ok = run_install (install, error);
  apply_install (self, install);
  falt_store_set_installing (self, FALSE);
  if (ok && install->imported)
    falt_store_emit_content_changed (self);
  return ok;
}

static void
install_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;

  if (run_install (task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
install_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  FaltStore *self = FALT_STORE (source);
  Install *install = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  apply_install (self, install);
  if (!ok)
    {
      g_clear_error (&self->install_error);
      self->install_error = g_error_copy (error);
    }
  falt_store_set_installing (self, FALSE);
  if (ok && install->imported)
    falt_store_emit_content_changed (self);
  if (ok)
    g_task_return_boolean (outer, TRUE);
  else
    g_task_return_error (outer, error);
}

/**
 * falt_store_install_bundled_async:
 * @self: a store from falt_store_open_default_full() with %FALT_STORE_OPEN_INSTALL_LATER
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when it is done, after #FaltStore::content-changed
 * @user_data: for @callback
 *
 * Installs the bundled material the store still needs in a worker thread, on
 * a connection of its own: the first start's material, the reader's data
 * from a damaged database, newer material after an upgrade of the app. Until
 * it is done #FaltStore:installing stays %TRUE (when the store had no content).
 */
void
falt_store_install_bundled_async (FaltStore           *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *outer;
  g_autoptr(GTask) inner = NULL;

  g_return_if_fail (FALT_IS_STORE (self));

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, falt_store_install_bundled_async);
  if (self->install_feed_dir == NULL)
    {
      g_task_return_boolean (outer, TRUE);
      g_object_unref (outer);
      return;
    }
  inner = g_task_new (self, NULL, install_done_cb, outer);
  g_task_set_task_data (inner, install_new (self), (GDestroyNotify) install_free);
  g_task_run_in_thread (inner, install_thread);
}

/**
 * falt_store_install_bundled_finish:
 * @self: a #FaltStore
 * @result: the result
 * @error: return location for an error
 *
 * Returns: %TRUE when the store has content; else %FALSE with why the
 *   bundled material could not be installed
 */
gboolean
falt_store_install_bundled_finish (FaltStore     *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
