/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-store"

#include "falt-store-private.h"

/* The UI's own small writes (a bookmark, the recent list, a reading position) are made on the
 * main thread, so they must never wait for the lock another writer holds: an import's
 * transaction lasts seconds, and with the connection's usual busy timeout a click on the
 * bookmark star would freeze the window for as long. They are tried without waiting; one the
 * lock refuses is kept in memory, in order, and written as soon as the lock is free. Reads of
 * a bookmark or a position see what is still waiting. */

#define RETRY_INTERVAL_MS 200
#define CONNECTION_BUSY_TIMEOUT_MS 5000
#define MAX_RECENT 50

typedef enum
{
  USER_WRITE_BOOKMARK,
  USER_WRITE_OPENED,
} UserWriteKind;

struct _FaltStoreUserWrite
{
  UserWriteKind kind;
  char         *doc_id;
  char         *lang;
  int           page;         /* OPENED: the PDF page, or -1 */
  gboolean      bookmarked;   /* BOOKMARK */
  gint64        time;         /* when it was asked for, not when it got written */
};

void
falt_store_user_write_free (FaltStoreUserWrite *write)
{
  g_free (write->doc_id);
  g_free (write->lang);
  g_free (write);
}

static FaltStoreUserWrite *
user_write_new (UserWriteKind kind,
                const char   *doc_id,
                const char   *lang)
{
  FaltStoreUserWrite *write = g_new0 (FaltStoreUserWrite, 1);

  write->kind = kind;
  write->doc_id = g_strdup (doc_id);
  write->lang = g_strdup (lang);
  write->page = -1;
  write->time = g_get_real_time ();
  return write;
}

/* ?1 is @text1, ?2 @text2, ?3 @number; a statement need not use them all. */
static int
run (sqlite3    *db,
     const char *sql,
     const char *text1,
     const char *text2,
     gint64      number)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    return rc;
  sqlite3_bind_text (stmt, 1, text1, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, text2, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, number);
  rc = sqlite3_step (stmt);
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static int
apply_opened (sqlite3            *db,
              FaltStoreUserWrite *write)
{
  int rc = sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return rc;
  rc = run (db, "INSERT OR REPLACE INTO recent (doc_id, lang, opened) VALUES (?1, ?2, ?3)",
            write->doc_id, write->lang, write->time);
  if (rc == SQLITE_OK && write->page >= 0)
    rc = run (db, "INSERT OR REPLACE INTO reading_positions (doc_id, lang, page) VALUES (?1, ?2, ?3)",
              write->doc_id, write->lang, write->page);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db,
                       "DELETE FROM recent WHERE doc_id NOT IN "
                       "(SELECT doc_id FROM recent ORDER BY opened DESC LIMIT " G_STRINGIFY (MAX_RECENT) ")",
                       NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  return rc;
}

static int
apply (sqlite3            *db,
       FaltStoreUserWrite *write)
{
  switch (write->kind)
    {
    case USER_WRITE_BOOKMARK:
      return run (db,
                  write->bookmarked
                  ? "INSERT OR IGNORE INTO bookmarks (doc_id, created) "
                    "VALUES (?1, strftime('%Y-%m-%dT%H:%M:%SZ', ?3 / 1000000, 'unixepoch'))"
                  : "DELETE FROM bookmarks WHERE doc_id = ?1",
                  write->doc_id, NULL, write->time);
    case USER_WRITE_OPENED:
      return apply_opened (db, write);
    default:
      g_assert_not_reached ();
    }
}

static gboolean
is_busy (int rc)
{
  return (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED;
}

/* Writes what waits, in order, as far as the lock lets; TRUE when nothing is left. */
static gboolean
flush (FaltStore *self,
       int        busy_timeout_ms)
{
  guint done = 0;

  sqlite3_busy_timeout (self->db, busy_timeout_ms);
  while (done < self->pending_writes->len)
    {
      int rc = apply (self->db, g_ptr_array_index (self->pending_writes, done));

      if (is_busy (rc))
        break;
      /* Anything but a busy lock will not get better by waiting: the write is dropped, as a
       * failed one always was (the document is still shown; only the list entry is lost). */
      if (rc != SQLITE_OK)
        g_debug ("A reading position or bookmark could not be kept: %s", sqlite3_errstr (rc));
      done++;
    }
  sqlite3_busy_timeout (self->db, CONNECTION_BUSY_TIMEOUT_MS);
  g_ptr_array_remove_range (self->pending_writes, 0, done);
  return self->pending_writes->len == 0;
}

static gboolean
retry_cb (gpointer user_data)
{
  FaltStore *self = user_data;

  if (!flush (self, 0))
    return G_SOURCE_CONTINUE;
  self->retry_source = 0;
  return G_SOURCE_REMOVE;
}

/* Writes @write now if the lock is free and nothing waits before it, else queues it. */
static gboolean
write_or_queue (FaltStore          *self,
                FaltStoreUserWrite *write,
                GError            **error)
{
  int rc = SQLITE_BUSY;

  if (self->pending_writes->len == 0)
    {
      sqlite3_busy_timeout (self->db, 0);
      rc = apply (self->db, write);
      sqlite3_busy_timeout (self->db, CONNECTION_BUSY_TIMEOUT_MS);
    }
  if (!is_busy (rc))
    {
      gboolean ok = falt_store_set_sqlite_error (self->db, rc == SQLITE_OK ? SQLITE_DONE : rc, error);

      falt_store_user_write_free (write);
      return ok;
    }
  g_ptr_array_add (self->pending_writes, write);
  if (self->retry_source == 0)
    self->retry_source = g_timeout_add (RETRY_INTERVAL_MS, retry_cb, self);
  return TRUE;
}

gboolean
falt_store_write_bookmark (FaltStore   *self,
                           const char  *doc_id,
                           gboolean     bookmarked,
                           GError     **error)
{
  FaltStoreUserWrite *write = user_write_new (USER_WRITE_BOOKMARK, doc_id, NULL);

  write->bookmarked = bookmarked;
  return write_or_queue (self, write, error);
}

gboolean
falt_store_write_opened (FaltStore   *self,
                         const char  *doc_id,
                         const char  *lang,
                         int          page,
                         GError     **error)
{
  FaltStoreUserWrite *write = user_write_new (USER_WRITE_OPENED, doc_id, lang);

  write->page = page;
  return write_or_queue (self, write, error);
}

/* The newest waiting write of @kind for @doc_id (and @lang, when given). */
static FaltStoreUserWrite *
find_pending (FaltStore     *self,
              UserWriteKind  kind,
              const char    *doc_id,
              const char    *lang)
{
  for (guint i = self->pending_writes->len; i > 0; i--)
    {
      FaltStoreUserWrite *write = g_ptr_array_index (self->pending_writes, i - 1);

      if (write->kind == kind && g_strcmp0 (write->doc_id, doc_id) == 0
          && (lang == NULL || (g_strcmp0 (write->lang, lang) == 0 && write->page >= 0)))
        return write;
    }
  return NULL;
}

gboolean
falt_store_pending_bookmark (FaltStore  *self,
                             const char *doc_id,
                             gboolean   *bookmarked)
{
  FaltStoreUserWrite *write = find_pending (self, USER_WRITE_BOOKMARK, doc_id, NULL);

  if (write != NULL)
    *bookmarked = write->bookmarked;
  return write != NULL;
}

int
falt_store_pending_position (FaltStore  *self,
                             const char *doc_id,
                             const char *lang)
{
  FaltStoreUserWrite *write = find_pending (self, USER_WRITE_OPENED, doc_id, lang);

  return write != NULL ? write->page : -1;
}

/**
 * falt_store_count_pending_writes:
 * @self: a #FaltStore
 *
 * Returns: how many of the UI's writes (bookmarks, recent documents, reading positions) wait
 *   for another writer's lock to be released
 */
guint
falt_store_count_pending_writes (FaltStore *self)
{
  g_return_val_if_fail (FALT_IS_STORE (self), 0);

  return self->pending_writes->len;
}

/* Clear History: what still waits to be written is history too. */
void
falt_store_forget_user_writes (FaltStore *self,
                               gboolean   bookmarks_too)
{
  for (guint i = self->pending_writes->len; i > 0; i--)
    {
      FaltStoreUserWrite *write = g_ptr_array_index (self->pending_writes, i - 1);

      if (write->kind == USER_WRITE_OPENED || bookmarks_too)
        g_ptr_array_remove_index (self->pending_writes, i - 1);
    }
  if (self->pending_writes->len == 0)
    g_clear_handle_id (&self->retry_source, g_source_remove);
}

/* After an import, so the lists the content change refreshes include what waited. */
void
falt_store_retry_user_writes (FaltStore *self)
{
  if (self->retry_source != 0 && flush (self, 0))
    g_clear_handle_id (&self->retry_source, g_source_remove);
}

/* At the end nothing may be lost: the last try waits for the lock as long as any read would. */
void
falt_store_flush_user_writes (FaltStore *self)
{
  g_clear_handle_id (&self->retry_source, g_source_remove);
  if (self->db != NULL && self->pending_writes->len > 0)
    flush (self, CONNECTION_BUSY_TIMEOUT_MS);
}
