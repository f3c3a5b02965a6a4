/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-store"

#include <glib/gi18n.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

#include "falt-store-private.h"

/**
 * FaltStore:
 *
 * The app's content (sections, documents, PDFs, coordinators, contacts),
 * its search index and the user's own data (bookmarks, recent documents,
 * reading positions), in one SQLite database.
 *
 * Opening is cheap whatever the amount of content: it reads the schema
 * version and checks the file's header, never the whole file (a full
 * `PRAGMA quick_check` runs only when the last session did not close the
 * database, and on demand with falt_store_check_integrity()).
 */

const char * const * const falt_store_langs = falt_feed_languages;

G_DEFINE_QUARK (falt-store-error-quark, falt_store_error)

G_DEFINE_FINAL_TYPE (FaltStore, falt_store, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CONTENT_VERSION,
  PROP_INSTALLING,
  N_PROPS
};

enum {
  CONTENT_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
falt_store_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  FaltStore *self = FALT_STORE (object);

  switch (prop_id)
    {
    case PROP_CONTENT_VERSION:
      g_value_set_int64 (value, falt_store_get_content_version (self));
      break;
    case PROP_INSTALLING:
      g_value_set_boolean (value, self->installing);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Called on the main context after an import committed: every page refreshes from here
 * instead of re-reading the store at random. */
void
falt_store_emit_content_changed (FaltStore *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTENT_VERSION]);
  g_signal_emit (self, signals[CONTENT_CHANGED], 0);
}

static void
falt_store_finalize (GObject *object)
{
  FaltStore *self = FALT_STORE (object);

  falt_store_flush_user_writes (self);
  g_clear_pointer (&self->pending_writes, g_ptr_array_unref);
  g_clear_pointer (&self->search_db, sqlite3_close_v2);
  g_clear_pointer (&self->db, sqlite3_close_v2);
  g_mutex_clear (&self->search_lock);
  g_clear_error (&self->recovery_reason);
  g_clear_error (&self->read_only_reason);
  g_clear_error (&self->install_error);
  g_free (self->uri);
  g_free (self->install_feed_dir);
  g_free (self->install_kept);
  g_free (self->path);

  G_OBJECT_CLASS (falt_store_parent_class)->finalize (object);
}

static void
falt_store_class_init (FaltStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = falt_store_finalize;
  object_class->get_property = falt_store_get_property;

  /**
   * FaltStore:content-version:
   *
   * The version of the content in the store, 0 when it has none.
   */
  properties[PROP_CONTENT_VERSION] =
    g_param_spec_int64 ("content-version", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * FaltStore:installing:
   *
   * Whether the material that came with the app is being installed, off the main loop
   * (falt_store_install_bundled_async()): the store has no content until it is done.
   */
  properties[PROP_INSTALLING] =
    g_param_spec_boolean ("installing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FaltStore::content-changed:
   *
   * Emitted on the main context after an import replaced the content.
   */
  signals[CONTENT_CHANGED] =
    g_signal_new ("content-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * FaltStore::history-cleared:
   *
   * Emitted after falt_store_clear_history() removed the recent documents and reading
   * positions (and maybe the bookmarks), so lists showing them are filled again.
   */
  g_signal_new ("history-cleared", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
falt_store_init (FaltStore *self)
{
  g_mutex_init (&self->search_lock);
  self->pending_writes = g_ptr_array_new_with_free_func ((GDestroyNotify) falt_store_user_write_free);
}

/* A full disk, a quota or a file size limit: sqlite says SQLITE_FULL, or a
 * write or a resize that failed for want of room. */
static gboolean
is_no_room (sqlite3 *db,
            int      rc)
{
  int system_errno = db != NULL ? sqlite3_system_errno (db) : 0;

  return (rc & 0xff) == SQLITE_FULL ||
         ((rc & 0xff) == SQLITE_IOERR &&
          (system_errno == ENOSPC || system_errno == EDQUOT || system_errno == EFBIG));
}

/* Turns a failed sqlite call into a GError; damage is reported as
 * FALT_STORE_ERROR_CORRUPT so callers can offer recovery. */
gboolean
falt_store_set_sqlite_error (sqlite3  *db,
                             int       rc,
                             GError  **error)
{
  const char *message;

  if (rc == SQLITE_OK || rc == SQLITE_ROW || rc == SQLITE_DONE)
    return TRUE;
  message = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);
  if (is_no_room (db, rc))
    {
      g_set_error (error, FALT_STORE_ERROR, FALT_STORE_ERROR_NO_SPACE,
                   _("The disk is full: %s"), message);
      return FALSE;
    }
  switch (rc & 0xff)
    {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, FALT_STORE_ERROR, FALT_STORE_ERROR_CORRUPT,
                   _("The database is damaged: %s"), message);
      break;

    /* What a read-only folder, file or mount and a full disk give. */
    case SQLITE_READONLY:
    case SQLITE_FULL:
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_PERM:
      g_set_error (error, FALT_STORE_ERROR, FALT_STORE_ERROR_READ_ONLY,
                   _("The database cannot be written; the disk may be full or its folder read-only: %s"),
                   message);
      break;

    default:
      g_set_error (error, FALT_STORE_ERROR, FALT_STORE_ERROR_IO,
                   _("Database error: %s"), message);
      break;
    }
  return FALSE;
}

/* While opening, an error that comes from what is in the file (a table the
 * header's schema version does not explain, "unsupported file format", a
 * search table whose configuration cannot be read) means the file is
 * damaged, whatever sqlite calls it. A busy, full or read-only database is
 * not damaged. */
gboolean
falt_store_set_open_error (sqlite3  *db,
                           int       rc,
                           GError  **error)
{
  switch (rc & 0xff)
    {
    case SQLITE_OK:
    case SQLITE_ROW:
    case SQLITE_DONE:
      return TRUE;

    case SQLITE_ERROR:
    case SQLITE_CONSTRAINT:
    case SQLITE_MISMATCH:
    case SQLITE_RANGE:
    case SQLITE_FORMAT:
    case SQLITE_SCHEMA:
      g_set_error (error, FALT_STORE_ERROR, FALT_STORE_ERROR_CORRUPT,
                   _("The database is damaged: %s"),
                   db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      return FALSE;

    default:
      return falt_store_set_sqlite_error (db, rc, error);
    }
}

gboolean
falt_store_exec (sqlite3     *db,
                 const char  *sql,
                 GError     **error)
{
  return falt_store_set_sqlite_error (db, sqlite3_exec (db, sql, NULL, NULL, NULL), error);
}

sqlite3_stmt *
falt_store_prepare (sqlite3     *db,
                    const char  *sql,
                    GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  if (!falt_store_set_sqlite_error (db, sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), error))
    return NULL;
  return stmt;
}

const char *
falt_store_lang_or_default (const char *lang)
{
  return lang != NULL && *lang != '\0' ? lang : "sv";
}

/**
 * falt_store_lang_chain_key:
 * @langs: (nullable) (array zero-terminated=1): languages in order of
 *   preference
 *
 * The chain as one text to bind for FALT_STORE_LANG_CHAIN_ORDER(): the
 * content languages of @langs, each once, between commas (",uk,en,sv,"),
 * so instr() gives a language's place in it. Anything else in @langs is
 * left out, so the text holds no comma of its own.
 *
 * Returns: (transfer full): the key; "" for no language
 */
char *
falt_store_lang_chain_key (const char * const *langs)
{
  GString *key = g_string_new (",");

  for (guint i = 0; langs != NULL && langs[i] != NULL; i++)
    {
      g_autofree char *item = g_strconcat (",", langs[i], ",", NULL);

      if (g_strv_contains (falt_store_langs, langs[i]) && strstr (key->str, item) == NULL)
        g_string_append (g_string_append (key, langs[i]), ",");
    }
  if (key->len == 1)
    g_string_truncate (key, 0);
  return g_string_free (key, FALSE);
}

/* The database and its log files must be regular files: reading a FIFO
 * blocks until something writes to it, a device (/dev/zero, or a link to
 * it) is no database. Either is damage, and is moved aside. */
gboolean
falt_store_check_regular_files (const char  *path,
                                GError     **error)
{
  static const char * const suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      GStatBuf st;

      if (g_stat (file, &st) == 0 && !S_ISREG (st.st_mode))
        {
          g_set_error (error, FALT_STORE_ERROR, FALT_STORE_ERROR_CORRUPT,
                       _("“%s” is not a Fältstöd database: it is not a regular file."), file);
          return FALSE;
        }
    }
  return TRUE;
}

/* A file that exists but does not start like an SQLite database would be
 * "opened" by sqlite only to fail later; refuse it up front. An empty file
 * is a new database. */
static gboolean
check_file_header (const char  *path,
                   GError     **error)
{
  static const char magic[16] = "SQLite format 3";
  char header[100];
  FILE *file;
  gsize n;

  if (!falt_store_check_regular_files (path, error))
    return FALSE;
  file = g_fopen (path, "rb");
  if (file == NULL)
    return TRUE;
  n = fread (header, 1, sizeof header, file);
  fclose (file);
  if (n == 0 || (n == sizeof header && memcmp (header, magic, sizeof magic) == 0))
    return TRUE;

  g_set_error (error, FALT_STORE_ERROR, FALT_STORE_ERROR_CORRUPT,
               _("“%s” is not a Fältstöd database: the file is damaged or of another kind."),
               path);
  return FALSE;
}

/* sqlite removes the write-ahead log when the last connection closes; one
 * left behind means the app or the machine stopped mid-session, the one
 * time a full check is worth its cost at startup. */
static gboolean
was_closed_uncleanly (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  GStatBuf st;

  return g_stat (wal, &st) == 0 && st.st_size > 0;
}

/**
 * falt_store_dup_connection_target:
 * @self: a #FaltStore
 * @flags: (out): the flags for sqlite3_open_v2()
 *
 * Where falt_store_open_connection() connects, taken on the main context for
 * a worker: the store may move its material to memory meanwhile (a full disk),
 * freeing what it had.
 *
 * Returns: (transfer full): the file or URI for sqlite3_open_v2()
 */
char *
falt_store_dup_connection_target (FaltStore *self,
                                  int       *flags)
{
  g_autofree char *escaped = NULL;

  if (self->uri != NULL)
    {
      *flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_URI;
      return g_strdup (self->uri);
    }
  if (!self->read_only)
    {
      *flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
      return g_strdup (self->path);
    }
  escaped = g_uri_escape_string (self->path, "/", FALSE);
  *flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_URI;
  return g_strconcat ("file:", escaped, "?immutable=1", NULL);
}

/**
 * falt_store_open_connection_to:
 * @target: from falt_store_dup_connection_target()
 * @flags: likewise
 * @db: (out): the new connection
 *
 * Safe in any thread.
 */
gboolean
falt_store_open_connection_to (const char  *target,
                               int          flags,
                               sqlite3    **db,
                               GError     **error)
{
  return falt_store_set_sqlite_error (*db, sqlite3_open_v2 (target, db, flags, NULL), error);
}

/**
 * falt_store_open_connection:
 * @self: a #FaltStore
 * @db: (out): the new connection
 *
 * Opens a connection to the store's file as the store is opened: for
 * reading and writing, or, when the store is read-only, as an immutable
 * file, which sqlite reads without the lock and log files it would have to
 * create beside it.
 */
gboolean
falt_store_open_connection (FaltStore  *self,
                            sqlite3   **db,
                            GError    **error)
{
  int flags;
  g_autofree char *target = falt_store_dup_connection_target (self, &flags);

  return falt_store_open_connection_to (target, flags, db, error);
}

/* A read-only store cannot migrate: it must be at the latest schema. */
static gboolean
check_read_only_schema (FaltStore  *self,
                        GError    **error)
{
  int version = 0;

  if (!falt_store_schema_read_version (self->db, &version, error))
    return FALSE;
  if (version == falt_store_schema_latest_version ())
    return TRUE;
  g_set_error (error, FALT_STORE_ERROR, FALT_STORE_ERROR_READ_ONLY,
               _("The material in “%s” must be updated for this version of Fältstöd, but the disk is full or its folder read-only."),
               self->path);
  return FALSE;
}

static gboolean
open_connection (FaltStore  *self,
                 gboolean    full_check,
                 GError    **error)
{
  if (!falt_store_open_connection (self, &self->db, error))
    return FALSE;
  sqlite3_busy_timeout (self->db, 5000);
  /* Reading sqlite_schema loads page 1 and the schema: a file that is not a
   * database, or is shorter than its header says (truncated), fails here. */
  if (!falt_store_setup_connection (self->db, error) ||
      !falt_store_set_open_error (self->db,
                                  sqlite3_exec (self->db, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL),
                                  error))
    return FALSE;
  if (self->read_only)
    return (!full_check || falt_store_check_integrity (self, error)) &&
           check_read_only_schema (self, error) &&
           falt_store_schema_verify (self->db, error);
  return falt_store_exec (self->db,
                          "PRAGMA foreign_keys = ON;"
                          "PRAGMA journal_mode = WAL;"
                          "PRAGMA synchronous = NORMAL;", error) &&
         (!full_check || falt_store_check_integrity (self, error)) &&
         falt_store_schema_migrate (self->db, falt_store_schema_latest_version (), error) &&
         falt_store_schema_verify (self->db, error);
}

static gboolean
is_nonempty_file (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 && S_ISREG (st.st_mode) && st.st_size > 0;
}

/**
 * falt_store_open:
 * @path: the database file; created when missing
 * @error: return location for an error
 *
 * Opens the store at @path, creating it or updating its schema as needed.
 *
 * Returns: (transfer full): the store, or %NULL with %FALT_STORE_ERROR_CORRUPT
 *   (not a database, damaged, truncated), %FALT_STORE_ERROR_FUTURE_SCHEMA
 *   (written by a newer app) or %FALT_STORE_ERROR_IO
 */
FaltStore *
falt_store_open (const char  *path,
                 GError     **error)
{
  g_autoptr(FaltStore) self = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean full_check;

  g_return_val_if_fail (path != NULL, NULL);

  if (!check_file_header (path, error))
    return NULL;

  self = g_object_new (FALT_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  full_check = was_closed_uncleanly (path);
  if (open_connection (self, full_check, &local_error))
    return g_steal_pointer (&self);

  /* A read-only folder or mount, or a full disk, refuses the write-ahead
   * log and its index, or the migration: the content can still be read. */
  if (falt_store_error_is_no_room (local_error) && is_nonempty_file (path))
    {
      g_autoptr(GError) read_only_error = NULL;

      g_debug ("Opening %s read-only: %s", path, local_error->message);
      g_clear_pointer (&self->db, sqlite3_close_v2);
      self->read_only = TRUE;
      if (open_connection (self, full_check, &read_only_error))
        {
          self->read_only_reason = g_steal_pointer (&local_error);
          return g_steal_pointer (&self);
        }
      /* Damage found this way is damage; anything else, the first error
       * says best what is wrong. A database the disk had no room to finish
       * is not damaged: it is half made (falt_store_open_default() then
       * keeps the material in memory). */
      if (read_only_error != NULL && read_only_error->code != FALT_STORE_ERROR_IO &&
          !falt_store_error_is_no_room (read_only_error) &&
          !g_error_matches (local_error, FALT_STORE_ERROR, FALT_STORE_ERROR_NO_SPACE))
        {
          g_clear_error (&local_error);
          local_error = g_steal_pointer (&read_only_error);
        }
    }

  /* Callers recover from the error or show it: they must get one. */
  if (local_error == NULL)
    {
      g_critical ("Opening %s failed with no error set", path);
      local_error = g_error_new (FALT_STORE_ERROR, FALT_STORE_ERROR_IO,
                                 _("The database “%s” could not be opened."), path);
    }
  g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

/**
 * falt_store_check_integrity:
 * @self: a #FaltStore
 * @error: return location for an error
 *
 * Runs `PRAGMA quick_check` over the whole database. It reads every page,
 * so it takes time in proportion to the content: run it in a thread or at
 * idle, not before the first search.
 *
 * Returns: %TRUE if the database is sound; else %FALSE with
 *   %FALT_STORE_ERROR_CORRUPT
 */
gboolean
falt_store_check_integrity (FaltStore  *self,
                            GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = falt_store_prepare (self->db, "PRAGMA quick_check(1)", error);
  const char *result;
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return falt_store_set_sqlite_error (self->db, rc, error);
  result = (const char *) sqlite3_column_text (stmt, 0);
  if (g_strcmp0 (result, "ok") == 0)
    return TRUE;
  g_set_error (error, FALT_STORE_ERROR, FALT_STORE_ERROR_CORRUPT,
               _("The database is damaged: %s"), result ? result : "");
  return FALSE;
}

/* Keeps a damaged or too-new database (and its -wal/-shm) next to the new
 * one as PATH.broken-YYYYMMDD-HHMMSS: the user's data may still be saved
 * from it, so it is never deleted. */
static char *
move_aside (const char  *path,
            GError     **error)
{
  static const char * const suffixes[] = { "", "-wal", "-shm" };
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *kept = g_strdup_printf ("%s.broken-%s", path, stamp);

  for (guint n = 2; g_file_test (kept, G_FILE_TEST_EXISTS); n++)
    {
      g_free (kept);
      kept = g_strdup_printf ("%s.broken-%s-%u", path, stamp, n);
    }
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (kept, suffixes[i], NULL);
      int saved_errno;

      if (!g_file_test (from, G_FILE_TEST_EXISTS) || g_rename (from, to) == 0)
        continue;
      saved_errno = errno;
      g_set_error (error, FALT_STORE_ERROR, FALT_STORE_ERROR_IO,
                   _("Could not move the damaged database “%s” aside: %s"),
                   from, g_strerror (saved_errno));
      return NULL;
    }
  return g_steal_pointer (&kept);
}

/**
 * falt_store_open_default:
 * @bundled_feed_dir: (nullable): the feed installed with the app
 * @recovered_from: (out) (optional) (nullable): set to the path of the kept
 *   database when a damaged or too-new one was moved aside, else %NULL
 * @error: return location for an error
 *
 * As falt_store_open_default_full() with %FALT_STORE_OPEN_DEFAULT: the
 * material is there when it returns (the command line's way).
 *
 * Returns: (transfer full): the store, or %NULL on error
 */
FaltStore *
falt_store_open_default (const char  *bundled_feed_dir,
                         char       **recovered_from,
                         GError     **error)
{
  return falt_store_open_default_full (bundled_feed_dir, FALT_STORE_OPEN_DEFAULT, recovered_from, error);
}

/**
 * falt_store_open_default_full:
 * @bundled_feed_dir: (nullable): the feed installed with the app
 * @flags: #FaltStoreOpenFlags
 * @recovered_from: (out) (optional) (nullable): set to the path of the kept
 *   database when a damaged or too-new one was moved aside, else %NULL
 * @error: return location for an error
 *
 * Opens `$XDG_DATA_HOME/faltstod/faltstod.db`. A store without content is
 * filled from @bundled_feed_dir, and so is a store whose content is older
 * than the bundled feed (after an upgrade of the app); content of the same
 * or a newer version (say, from the network) is kept. A damaged database, or one from a newer
 * app, is renamed to `faltstod.db.broken-<timestamp>` (never deleted), a
 * new one is built from the bundled feed, and the reader's bookmarks, recent
 * documents and reading positions that can still be read from the old one
 * are carried over. When the disk has no room for the material, it is kept
 * in memory, read-only (falt_store_get_read_only_reason() says why).
 *
 * With %FALT_STORE_OPEN_INSTALL_LATER the bundled material is not installed
 * here: falt_store_install_bundled_async() does it in a worker thread, and
 * #FaltStore:installing is %TRUE until then when the store has no content.
 *
 * Returns: (transfer full): the store, or %NULL on error
 */
FaltStore *
falt_store_open_default_full (const char          *bundled_feed_dir,
                              FaltStoreOpenFlags   flags,
                              char               **recovered_from,
                              GError             **error)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "faltstod", NULL);
  g_autofree char *path = g_build_filename (dir, "faltstod.db", NULL);
  g_autofree char *kept = NULL;
  g_autoptr(FaltStore) self = NULL;
  g_autoptr(GError) local_error = NULL;

  if (recovered_from != NULL)
    *recovered_from = NULL;
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      /* The folder refuses to be made (a file in its place, a read-only home): like a full
       * disk, no reason not to show the material. */
      g_set_error (&local_error, FALT_STORE_ERROR, FALT_STORE_ERROR_READ_ONLY,
                   _("Could not create the folder “%s”: %s"), dir, g_strerror (saved_errno));
    }
  else
    self = falt_store_open (path, &local_error);
  if (self == NULL &&
      (g_error_matches (local_error, FALT_STORE_ERROR, FALT_STORE_ERROR_CORRUPT) ||
       g_error_matches (local_error, FALT_STORE_ERROR, FALT_STORE_ERROR_FUTURE_SCHEMA)))
    {
      g_autoptr(GError) reopen_error = NULL;

      g_message ("Moving the database aside: %s", local_error->message);
      kept = move_aside (path, error);
      if (kept == NULL)
        return NULL;
      self = falt_store_open (path, &reopen_error);
      if (self == NULL && !falt_store_error_is_no_room (reopen_error))
        {
          g_propagate_error (error, g_steal_pointer (&reopen_error));
          return NULL;
        }
      if (self == NULL)
        self = falt_store_open_in_memory (path, reopen_error, error);
      if (self == NULL)
        return NULL;
      self->recovery_reason = g_steal_pointer (&local_error);
    }
  else if (self == NULL && falt_store_error_is_no_room (local_error) && bundled_feed_dir != NULL)
    {
      /* Not damage: a database the disk (or the folder) had no room to make. */
      g_message ("Keeping the material in memory: %s", local_error->message);
      self = falt_store_open_in_memory (path, local_error, error);
      if (self == NULL)
        return NULL;
    }
  else if (self == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (bundled_feed_dir != NULL)
    {
      self->install_feed_dir = g_strdup (bundled_feed_dir);
      self->install_kept = g_strdup (kept);
      if ((flags & FALT_STORE_OPEN_INSTALL_LATER) != 0)
        falt_store_set_installing (self, falt_store_get_content_version (self) == 0);
      else if (!falt_store_install_bundled (self, error))
        {
          if (kept != NULL)
            g_prefix_error (error, _("The damaged database was kept as “%s”. "), kept);
          return NULL;
        }
    }

  if (recovered_from != NULL)
    *recovered_from = g_steal_pointer (&kept);
  return g_steal_pointer (&self);
}

/**
 * falt_store_get_recovery_reason:
 * @self: a #FaltStore
 *
 * Why falt_store_open_default() moved the database it found aside:
 * %FALT_STORE_ERROR_CORRUPT when it was damaged or not a database,
 * %FALT_STORE_ERROR_FUTURE_SCHEMA when a newer version of the app made it.
 *
 * Returns: (transfer none) (nullable): the error, or %NULL when the store
 *   was opened as it was
 */
const GError *
falt_store_get_recovery_reason (FaltStore *self)
{
  g_return_val_if_fail (FALT_IS_STORE (self), NULL);

  return self->recovery_reason;
}

/**
 * falt_store_get_read_only_reason:
 * @self: a #FaltStore
 *
 * Why the store is read-only: the disk is full (%FALT_STORE_ERROR_NO_SPACE,
 * the material then kept in memory) or the folder refuses writes
 * (%FALT_STORE_ERROR_READ_ONLY). Reading history and bookmarks cannot be
 * kept until that changes.
 *
 * Returns: (transfer none) (nullable): the error, or %NULL when the store
 *   can be written
 */
const GError *
falt_store_get_read_only_reason (FaltStore *self)
{
  g_return_val_if_fail (FALT_IS_STORE (self), NULL);

  return self->read_only ? self->read_only_reason : NULL;
}

/**
 * falt_store_get_install_error:
 * @self: a #FaltStore
 *
 * Why falt_store_install_bundled_async() could not install the bundled
 * material, for the pages that show it to say so.
 *
 * Returns: (transfer none) (nullable): the error, or %NULL
 */
const GError *
falt_store_get_install_error (FaltStore *self)
{
  g_return_val_if_fail (FALT_IS_STORE (self), NULL);

  return self->install_error;
}

/**
 * falt_store_get_installing:
 * @self: a #FaltStore
 *
 * Returns: the value of #FaltStore:installing
 */
gboolean
falt_store_get_installing (FaltStore *self)
{
  g_return_val_if_fail (FALT_IS_STORE (self), FALSE);

  return self->installing;
}

/* Only falt-store-install.c changes it, on the main context. */
void
falt_store_set_installing (FaltStore *self,
                           gboolean   installing)
{
  if (self->installing == installing)
    return;
  self->installing = installing;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INSTALLING]);
}

/**
 * falt_store_is_read_only:
 * @self: a #FaltStore
 *
 * Whether the store was opened read-only because its folder, its file or
 * the disk refused writes. Its content reads as usual; the reading history
 * is not kept and falt_store_set_bookmark() fails with
 * %FALT_STORE_ERROR_READ_ONLY.
 *
 * Returns: %TRUE when the store cannot be written
 */
gboolean
falt_store_is_read_only (FaltStore *self)
{
  g_return_val_if_fail (FALT_IS_STORE (self), FALSE);

  return self->read_only;
}

/* For the writes a user asks for: says why it cannot be done. */
static gboolean
check_writable (FaltStore  *self,
                GError    **error)
{
  if (!self->read_only)
    return TRUE;
  g_set_error (error, FALT_STORE_ERROR, FALT_STORE_ERROR_READ_ONLY,
               _("“%s” is in a read-only folder or on a full disk."),
               self->path);
  return FALSE;
}

/**
 * falt_store_get_path:
 * @self: a #FaltStore
 *
 * Returns: the database file's path
 */
const char *
falt_store_get_path (FaltStore *self)
{
  g_return_val_if_fail (FALT_IS_STORE (self), NULL);

  return self->path;
}

static char *
query_meta_text (FaltStore  *self,
                 const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = falt_store_prepare (self->db, sql, NULL);

  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

/**
 * falt_store_get_content_version:
 * @self: a #FaltStore
 *
 * Returns: the version of the imported feed, 0 when there is no content
 */
gint64
falt_store_get_content_version (FaltStore *self)
{
  g_return_val_if_fail (FALT_IS_STORE (self), 0);

  return falt_store_read_content_version (self->db);
}

/**
 * falt_store_get_signed_time:
 * @self: a #FaltStore
 *
 * Returns: (transfer full) (nullable): the "created" time of the imported feed
 */
GDateTime *
falt_store_get_signed_time (FaltStore *self)
{
  g_autofree char *created = NULL;

  g_return_val_if_fail (FALT_IS_STORE (self), NULL);

  created = query_meta_text (self, "SELECT created FROM meta WHERE id = 1");
  if (created == NULL)
    return NULL;
  return g_date_time_new_from_iso8601 (created, NULL);
}

/**
 * falt_store_get_source:
 * @self: a #FaltStore
 *
 * Returns: (transfer full) (nullable): where the imported feed was built from
 */
char *
falt_store_get_source (FaltStore *self)
{
  g_return_val_if_fail (FALT_IS_STORE (self), NULL);

  return query_meta_text (self, "SELECT source FROM meta WHERE id = 1");
}

/**
 * falt_store_count_documents_by_kind:
 * @self: a #FaltStore
 *
 * Returns: (transfer full) (element-type utf8 guint): "article", "pdf" and
 *   "coordinator" to their counts (GUINT_TO_POINTER), each always present
 */
GHashTable *
falt_store_count_documents_by_kind (FaltStore *self)
{
  GHashTable *counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (FALT_IS_STORE (self), counts);

  g_hash_table_insert (counts, g_strdup ("article"), GUINT_TO_POINTER (0));
  g_hash_table_insert (counts, g_strdup ("pdf"), GUINT_TO_POINTER (0));
  g_hash_table_insert (counts, g_strdup ("coordinator"), GUINT_TO_POINTER (0));
  stmt = falt_store_prepare (self->db,
                             "SELECT kind, count(*) FROM documents GROUP BY kind "
                             "UNION ALL SELECT 'coordinator', count(*) FROM coordinators",
                             NULL);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_insert (counts, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         GUINT_TO_POINTER (sqlite3_column_int (stmt, 1)));
  return counts;
}

/**
 * falt_store_set_bookmark:
 * @self: a #FaltStore
 * @doc_id: a document id
 * @bookmarked: whether the document is to be bookmarked
 * @error: return location for an error
 *
 * Returns: %TRUE on success
 */
gboolean
falt_store_set_bookmark (FaltStore   *self,
                         const char  *doc_id,
                         gboolean     bookmarked,
                         GError     **error)
{
  g_return_val_if_fail (FALT_IS_STORE (self), FALSE);
  g_return_val_if_fail (doc_id != NULL, FALSE);

  if (!check_writable (self, error))
    return FALSE;
  return falt_store_write_bookmark (self, doc_id, bookmarked, error);
}

/**
 * falt_store_is_bookmarked:
 * @self: a #FaltStore
 * @doc_id: a document id
 *
 * Returns: whether @doc_id is bookmarked
 */
gboolean
falt_store_is_bookmarked (FaltStore  *self,
                          const char *doc_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean pending;

  g_return_val_if_fail (FALT_IS_STORE (self), FALSE);

  if (falt_store_pending_bookmark (self, doc_id, &pending))
    return pending;
  stmt = falt_store_prepare (self->db, "SELECT 1 FROM bookmarks WHERE doc_id = ?1", NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, doc_id, -1, SQLITE_TRANSIENT);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

/**
 * falt_store_note_opened:
 * @self: a #FaltStore
 * @doc_id: a document id
 * @lang: the language the document was read in
 * @page: the PDF page the reader is on, or -1
 * @error: return location for an error
 *
 * Records that the user opened (or paged through) a document: it moves to
 * the top of the recent list and its reading position is kept. A read-only
 * store keeps nothing and returns %TRUE. Never waits for another writer's
 * lock (an import's): the write then waits in memory and is made when the
 * lock is free, and falt_store_get_reading_position() already returns it.
 *
 * Returns: %TRUE on success
 */
gboolean
falt_store_note_opened (FaltStore   *self,
                        const char  *doc_id,
                        const char  *lang,
                        int          page,
                        GError     **error)
{
  g_return_val_if_fail (FALT_IS_STORE (self), FALSE);
  g_return_val_if_fail (doc_id != NULL, FALSE);

  /* Nobody asked for this write: a read-only store just does not keep it. */
  if (self->read_only)
    return TRUE;
  return falt_store_write_opened (self, doc_id, falt_store_lang_or_default (lang), page, error);
}

/**
 * falt_store_get_reading_position:
 * @self: a #FaltStore
 * @doc_id: a document id
 * @lang: the language
 *
 * Returns: the page last noted with falt_store_note_opened(), or -1
 */
int
falt_store_get_reading_position (FaltStore  *self,
                                 const char *doc_id,
                                 const char *lang)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int pending;

  g_return_val_if_fail (FALT_IS_STORE (self), -1);

  if ((pending = falt_store_pending_position (self, doc_id, falt_store_lang_or_default (lang))) >= 0)
    return pending;
  stmt = falt_store_prepare (self->db,
                             "SELECT page FROM reading_positions WHERE doc_id = ?1 AND lang = ?2",
                             NULL);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, doc_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, falt_store_lang_or_default (lang), -1, SQLITE_TRANSIENT);
  return sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int (stmt, 0) : -1;
}
