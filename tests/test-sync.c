/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <signal.h>
#include <utime.h>
#include <string.h>
#include <sqlite3.h>
#include <glib/gstdio.h>

#include "falt-test-files.h"
#include "falt-test-nginx.h"
#include "feed/falt-feed.h"
#include "publish/falt-content-source.h"
#include "publish/falt-feed-writer.h"
#include "store/falt-store.h"
#include "sync/falt-updater.h"

/* The updater against a real web server (nginx) serving feeds built by the publishing code,
 * signed with a key made here. Every refusal leaves the installed content as it was. */

#define N_DOCUMENTS 40

typedef struct
{
  char          *dir;
  char          *source;
  char          *www;
  char          *feed;
  char          *public_path;
  char          *secret_path;
  FaltTestNginx *nginx;
  FaltStore     *store;
  FaltKeyring   *keyring;
} Fixture;

static void
write_source_of (Fixture *fixture, guint revision, guint n_documents, guint filler_size)
{
  g_autofree char *valid = g_test_build_filename (G_TEST_DIST, "data", "publish", "valid", NULL);

  falt_test_remove_tree (fixture->source);
  falt_test_copy_tree (valid, fixture->source);
  for (guint i = 0; i < n_documents; i++)
    {
      g_autofree char *name = g_strdup_printf ("articles/dok-%03u.sv.md", i);
      /* Only the first document changes between revisions: a delta of one blob. */
      g_autofree char *edition = i == 0 ? g_strdup_printf (", utgåva %u", revision) : g_strdup ("");
      g_autofree char *filler = g_strnfill (filler_size + i, 'x');
      g_autofree char *text = g_strdup_printf ("---\nid: dok-%03u\ntitle: Dokument %u\nsection: manuals\nlang: sv\n"
                                               "updated: 2026-10-01\n---\n\n# Dokument %u\n\nText om skyddsboende %u%s.\n"
                                               "%s\n",
                                               i, i, i, i, edition, filler);
      g_autofree char *path = falt_test_write_file (fixture->source, name, text);
    }
}

static void
write_source (Fixture *fixture, guint revision)
{
  write_source_of (fixture, revision, N_DOCUMENTS, 2000);
}

/* Builds and signs a feed of the source into www/feed/, as `faltstod-publish build` does. */
static void
publish (Fixture *fixture, gint64 version, const char *created, guint expires_days, const char *secret_path,
         const char *const *mirrors)
{
  g_autoptr (FaltContentSource) source = NULL;
  g_autoptr (FaltMinisignSecretKey) key = falt_minisign_secret_key_load (secret_path, NULL, NULL);
  g_autoptr (GDateTime) created_time = g_date_time_new_from_iso8601 (created, NULL);
  g_autoptr (GError) error = NULL;
  FaltFeedBuildOptions options = { .version = version, .created = created_time, .expires_days = expires_days,
                                   .source_label = "tests", .key = key, .mirrors = mirrors };

  g_assert_nonnull (key);
  source = falt_content_source_load (fixture->source, &error);
  g_assert_no_error (error);
  g_assert_true (falt_feed_writer_write (source, &options, fixture->feed, &error));
  g_assert_no_error (error);
  /* nginx's ETag is the file's size and mtime in seconds: two publications within one second
   * could look the same, which no real publisher does. */
  {
    g_autofree char *manifest = g_build_filename (fixture->feed, FALT_FEED_MANIFEST, NULL);
    static gint64 stamp = 1700000000;
    struct utimbuf times = { stamp, stamp };

    stamp += 10;
    g_assert_cmpint (utime (manifest, &times), ==, 0);
  }
}

static void
publish_version (Fixture *fixture, gint64 version)
{
  write_source (fixture, version);
  publish (fixture, version, "2026-11-23T10:00:00Z", 0, fixture->secret_path, NULL);
}

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autofree char *db = NULL;
  g_autoptr (GError) error = NULL;

  fixture->dir = falt_test_make_tmp_dir ();
  fixture->source = g_build_filename (fixture->dir, "source", NULL);
  fixture->www = g_build_filename (fixture->dir, "www", NULL);
  fixture->feed = g_build_filename (fixture->www, "feed", NULL);
  fixture->public_path = g_build_filename (fixture->dir, "feed.pub", NULL);
  fixture->secret_path = g_build_filename (fixture->dir, "feed.key", NULL);
  g_assert_true (falt_minisign_generate (fixture->public_path, fixture->secret_path, &error));
  g_assert_no_error (error);
  fixture->keyring = falt_keyring_new ();
  {
    g_autoptr (FaltMinisignPublicKey) key = falt_minisign_public_key_load (fixture->public_path, NULL);

    falt_keyring_add_key (fixture->keyring, key);
  }
  g_mkdir_with_parents (fixture->feed, 0755);
  fixture->nginx = falt_test_nginx_start (fixture->www);
  db = g_build_filename (fixture->dir, "store.db", NULL);
  fixture->store = falt_store_open (db, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->keyring);
  g_clear_pointer (&fixture->nginx, falt_test_nginx_stop);
  falt_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->source);
  g_free (fixture->www);
  g_free (fixture->feed);
  g_free (fixture->public_path);
  g_free (fixture->secret_path);
}

static FaltUpdater *
make_updater (Fixture *fixture, const char *path)
{
  g_autofree char *url = falt_test_nginx_url (fixture->nginx, path);
  g_autofree char *staging = g_build_filename (fixture->dir, "staging", NULL);

  return g_object_new (FALT_TYPE_UPDATER, "store", fixture->store, "keyring", fixture->keyring, "feed-url", url,
                       "staging-dir", staging, "stall-timeout", 5, "minimum-rate", 20000, "rate-window", 1, NULL);
}

static void
done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
run_check (FaltUpdater *updater, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  falt_updater_check_async (updater, NULL, done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return falt_updater_check_finish (updater, result, error);
}

static gboolean
sync_from (Fixture *fixture, const char *path, GError **error)
{
  g_autoptr (FaltUpdater) updater = make_updater (fixture, path);

  return run_check (updater, error);
}

static void
assert_synced (Fixture *fixture, const char *path, gint64 version)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (sync_from (fixture, path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (falt_store_get_content_version (fixture->store), ==, version);
}

/* Refused with a message, the installed version unchanged. */
static void
assert_refused (Fixture *fixture, const char *path, GQuark domain, int code, const char *words)
{
  gint64 before = falt_store_get_content_version (fixture->store);
  g_autoptr (GError) error = NULL;

  g_assert_false (sync_from (fixture, path, &error));
  g_assert_error (error, domain, code);
  g_test_message ("refused as expected: %s", error->message);
  if (words != NULL && strstr (error->message, words) == NULL)
    g_error ("“%s” does not say “%s”", error->message, words);
  g_assert_cmpint (falt_store_get_content_version (fixture->store), ==, before);
}

static char *
blob_of (Fixture *fixture, const char *doc_id)
{
  g_autoptr (FaltManifest) manifest = falt_feed_load_dir (fixture->feed, NULL, NULL, NULL);
  GPtrArray *documents = falt_manifest_get_documents (manifest);

  for (guint i = 0; i < documents->len; i++)
    {
      FaltManifestDocument *document = documents->pdata[i];

      if (strcmp (document->id, doc_id) == 0)
        return g_build_filename (fixture->feed, FALT_FEED_BLOBS,
                                 ((FaltManifestTranslation *) document->translations->pdata[0])->blob, NULL);
    }
  g_assert_not_reached ();
}

static void
test_first_sync_then_unchanged (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GPtrArray) first = NULL;
  g_autoptr (GPtrArray) second = NULL;
  g_autoptr (FaltUpdater) updater = make_updater (fixture, "/feed/");
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) hits = NULL;

  publish_version (fixture, 1);
  g_assert_true (run_check (updater, &error));
  g_assert_no_error (error);
  g_assert_cmpint (falt_updater_get_state (updater), ==, FALT_UPDATER_STATE_UPDATED);
  g_assert_cmpint (falt_store_get_content_version (fixture->store), ==, 1);
  hits = falt_store_search (fixture->store, "skyddsboende", FALT_STORE_LANGS ("sv"), 50, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, >=, 20);
  first = falt_test_nginx_take_log (fixture->nginx);
  g_assert_cmpuint (falt_test_nginx_count (first, "GET /feed/blobs/", "200"), ==, N_DOCUMENTS + 3);

  /* Unchanged: one conditional request, answered 304, and no blob. */
  g_assert_true (run_check (updater, &error));
  g_assert_no_error (error);
  g_assert_cmpint (falt_updater_get_state (updater), ==, FALT_UPDATER_STATE_UP_TO_DATE);
  second = falt_test_nginx_take_log (fixture->nginx);
  g_assert_cmpuint (second->len, ==, 1);
  g_assert_cmpuint (falt_test_nginx_count (second, "GET /feed/manifest.json", "304"), ==, 1);
}

static void
test_delta_fetches_only_changed (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GPtrArray) log = NULL;
  g_autoptr (GPtrArray) changes = NULL;
  g_autoptr (GError) error = NULL;

  publish_version (fixture, 1);
  assert_synced (fixture, "/feed/", 1);
  g_ptr_array_unref (falt_test_nginx_take_log (fixture->nginx));

  publish_version (fixture, 2);
  assert_synced (fixture, "/feed/", 2);
  log = falt_test_nginx_take_log (fixture->nginx);
  g_assert_cmpuint (falt_test_nginx_count (log, "GET /feed/blobs/", NULL), ==, 1);
  g_assert_cmpuint (falt_test_nginx_count (log, "GET /feed/manifest.json ", "200"), ==, 1);

  /* What's new: the one document that changed. */
  changes = falt_store_list_changes (fixture->store, FALT_STORE_LANGS ("sv"), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 1);
  g_assert_cmpstr (((FaltStoreChange *) changes->pdata[0])->doc_id, ==, "dok-000");
  g_assert_cmpstr (((FaltStoreChange *) changes->pdata[0])->change, ==, "changed");
  g_assert_false (falt_store_get_changes_seen (fixture->store));
}

static void
overwrite_same_size (const char *path)
{
  g_autofree char *text = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &text, &length, NULL));
  text[length - 2] ^= 0x01;
  g_assert_true (g_file_set_contents (path, text, length, NULL));
}

static void
test_refuses_tampering (Fixture *fixture, gconstpointer data)
{
  g_autofree char *manifest = g_build_filename (fixture->feed, FALT_FEED_MANIFEST, NULL);
  g_autofree char *text = NULL;
  g_autofree char *blob = NULL;

  publish_version (fixture, 1);
  assert_synced (fixture, "/feed/", 1);

  publish_version (fixture, 2);
  blob = blob_of (fixture, "dok-000");
  overwrite_same_size (blob);
  assert_refused (fixture, "/feed/", FALT_FEED_ERROR, FALT_FEED_ERROR_TAMPERED, "hash");

  publish_version (fixture, 2);
  text = falt_test_read_file (manifest);
  {
    g_autofree char *changed = g_strconcat (text, " ", NULL);

    g_assert_true (g_file_set_contents (manifest, changed, -1, NULL));
  }
  assert_refused (fixture, "/feed/", FALT_FEED_ERROR, FALT_FEED_ERROR_SIGNATURE, "signature");

  /* Now served untouched: the update goes through, nothing stale was kept. */
  publish_version (fixture, 2);
  assert_synced (fixture, "/feed/", 2);
}

static void
test_refuses_wrong_key_older_and_expired (Fixture *fixture, gconstpointer data)
{
  g_autofree char *other_public = g_build_filename (fixture->dir, "other.pub", NULL);
  g_autofree char *other_secret = g_build_filename (fixture->dir, "other.key", NULL);

  g_assert_true (falt_minisign_generate (other_public, other_secret, NULL));
  write_source (fixture, 1);
  publish (fixture, 1, "2026-11-23T10:00:00Z", 0, other_secret, NULL);
  assert_refused (fixture, "/feed/", FALT_FEED_ERROR, FALT_FEED_ERROR_SIGNATURE, "does not trust");

  publish_version (fixture, 3);
  assert_synced (fixture, "/feed/", 3);
  publish_version (fixture, 2);
  assert_refused (fixture, "/feed/", FALT_STORE_ERROR, FALT_STORE_ERROR_OLDER_FEED, "already installed");

  write_source (fixture, 4);
  publish (fixture, 4, "2001-01-01T00:00:00Z", 30, fixture->secret_path, NULL);
  assert_refused (fixture, "/feed/", FALT_FEED_ERROR, FALT_FEED_ERROR_EXPIRED, "expired");
}

static void
test_refuses_server_errors (Fixture *fixture, gconstpointer data)
{
  publish_version (fixture, 1);
  assert_refused (fixture, "/gone/", FALT_UPDATER_ERROR, FALT_UPDATER_ERROR_HTTP, "404");
  assert_refused (fixture, "/dead/", FALT_UPDATER_ERROR, FALT_UPDATER_ERROR_HTTP, "500");
  assert_refused (fixture, "/loop/", FALT_UPDATER_ERROR, FALT_UPDATER_ERROR_HTTP, "redirect");
}

/* The installed manifest names its mirrors; when the configured server fails, they serve. */
static void
test_dead_mirror_then_working (Fixture *fixture, gconstpointer data)
{
  g_autofree char *working = falt_test_nginx_url (fixture->nginx, "/feed/");
  const char *const mirrors[] = { working, NULL };
  g_autoptr (GPtrArray) log = NULL;

  write_source (fixture, 1);
  publish (fixture, 1, "2026-11-23T10:00:00Z", 0, fixture->secret_path, mirrors);
  assert_synced (fixture, "/feed/", 1);
  g_ptr_array_unref (falt_test_nginx_take_log (fixture->nginx));

  write_source (fixture, 2);
  publish (fixture, 2, "2026-11-23T10:00:00Z", 0, fixture->secret_path, mirrors);
  assert_synced (fixture, "/dead/", 2);
  log = falt_test_nginx_take_log (fixture->nginx);
  g_assert_cmpuint (falt_test_nginx_count (log, "GET /dead/manifest.json ", "500"), ==, 1);
  g_assert_cmpuint (falt_test_nginx_count (log, "GET /feed/blobs/", "200"), ==, 1);
}

/* /slow/ trickles after 16 KiB: the updater gives up with part of a blob staged; the next run
 * asks only for the rest (Range, 206). */
static void
test_trickle_then_resume (Fixture *fixture, gconstpointer data)
{
  g_autofree char *blob = NULL;
  g_autofree char *big = g_strnfill (200000, 'y');
  g_autofree char *article = g_strconcat ("---\nid: stor\ntitle: Stor\nsection: manuals\nlang: sv\n"
                                          "updated: 2026-10-01\n---\n\n", big, "\n", NULL);
  g_autoptr (GPtrArray) log = NULL;

  write_source (fixture, 1);
  g_free (falt_test_write_file (fixture->source, "articles/stor.sv.md", article));
  publish (fixture, 1, "2026-11-23T10:00:00Z", 0, fixture->secret_path, NULL);
  assert_refused (fixture, "/slow/", FALT_UPDATER_ERROR, FALT_UPDATER_ERROR_TOO_SLOW, "slowly");
  g_ptr_array_unref (falt_test_nginx_take_log (fixture->nginx));

  assert_synced (fixture, "/feed/", 1);
  log = falt_test_nginx_take_log (fixture->nginx);
  g_assert_cmpuint (falt_test_nginx_count (log, "GET /feed/blobs/", "206"), ==, 1);
  blob = blob_of (fixture, "stor");
  g_assert_nonnull (blob);
}

static void
test_refuses_wrong_sizes (Fixture *fixture, gconstpointer data)
{
  g_autofree char *blob = NULL;
  g_autofree char *text = NULL;

  publish_version (fixture, 1);
  blob = blob_of (fixture, "dok-001");
  text = falt_test_read_file (blob);
  {
    g_autofree char *longer = g_strconcat (text, "more and more", NULL);

    g_assert_true (g_file_set_contents (blob, longer, -1, NULL));
  }
  assert_refused (fixture, "/feed/", FALT_UPDATER_ERROR, FALT_UPDATER_ERROR_TOO_LARGE, "announces");

  g_assert_true (g_file_set_contents (blob, "short", -1, NULL));
  assert_refused (fixture, "/feed/", FALT_FEED_ERROR, FALT_FEED_ERROR_TRUNCATED, "cut short");
}

static void
test_refuses_insecure_address (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  g_assert_false (falt_updater_check_url ("http://example.invalid/feed/", &error));
  g_assert_error (error, FALT_UPDATER_ERROR, FALT_UPDATER_ERROR_INSECURE);
  g_clear_error (&error);
  g_assert_false (falt_updater_check_url ("", &error));
  g_assert_error (error, FALT_UPDATER_ERROR, FALT_UPDATER_ERROR_NO_FEED);
  g_assert_true (falt_updater_check_url ("https://example.invalid/feed/", NULL));
  g_assert_true (falt_updater_check_url ("http://127.0.0.1:8080/feed/", NULL));
  g_assert_true (falt_updater_check_url ("http://[::1]/feed/", NULL));
}

/* Where the download cannot be written (a full disk, a read-only folder: here a folder that
 * cannot be made), the update fails with a message and the content stays as it was. */
static void
test_unwritable_staging (Fixture *fixture, gconstpointer data)
{
  g_autofree char *url = falt_test_nginx_url (fixture->nginx, "/feed/");
  g_autofree char *blocker = falt_test_write_file (fixture->dir, "not-a-folder", "a file");
  g_autofree char *staging = g_build_filename (blocker, "staging", NULL);
  g_autoptr (FaltUpdater) updater = NULL;
  g_autoptr (GError) error = NULL;

  publish_version (fixture, 1);
  assert_synced (fixture, "/feed/", 1);
  publish_version (fixture, 2);
  updater = g_object_new (FALT_TYPE_UPDATER, "store", fixture->store, "keyring", fixture->keyring, "feed-url", url,
                          "staging-dir", staging, NULL);
  g_assert_false (run_check (updater, &error));
  g_assert_error (error, FALT_UPDATER_ERROR, FALT_UPDATER_ERROR_IO);
  g_test_message ("refused as expected: %s", error->message);
  g_assert_cmpint (falt_store_get_content_version (fixture->store), ==, 1);
  g_assert_cmpint (falt_updater_get_state (updater), ==, FALT_UPDATER_STATE_FAILED);
  g_assert_nonnull (strstr (falt_updater_get_error_message (updater), "not-a-folder"));
}

static void
import_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* A trainer's USB stick: the installed content exported with its signature imports on
 * another profile with the same checks as a download. */
static void
test_export_and_import_bundle (Fixture *fixture, gconstpointer data)
{
  g_autofree char *bundle = g_build_filename (fixture->dir, "content.faltstod", NULL);
  g_autofree char *other_db = g_build_filename (fixture->dir, "other.db", NULL);
  g_autofree char *staging = g_build_filename (fixture->dir, "other-staging", NULL);
  g_autoptr (FaltStore) other = falt_store_open (other_db, NULL);
  g_autoptr (FaltUpdater) updater = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  publish_version (fixture, 5);
  assert_synced (fixture, "/feed/", 5);
  g_assert_true (falt_store_export_bundle (fixture->store, bundle, &error));
  g_assert_no_error (error);

  updater = g_object_new (FALT_TYPE_UPDATER, "store", other, "keyring", fixture->keyring, "staging-dir", staging, NULL);
  falt_updater_import_file_async (updater, bundle, NULL, import_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (falt_updater_import_file_finish (updater, result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (falt_store_get_content_version (other), ==, 5);
  g_assert_false (g_file_test (staging, G_FILE_TEST_EXISTS));

  /* The same file again: refused as not newer, nothing changed. */
  g_clear_object (&result);
  falt_updater_import_file_async (updater, bundle, NULL, import_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (falt_updater_import_file_finish (updater, result, &error));
  g_assert_error (error, FALT_STORE_ERROR, FALT_STORE_ERROR_OLDER_FEED);
}

static gint64
query_version (const char *db_path, char **integrity, guint *n_documents)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 version = 0;

  /* Read-write, as the app's next start opens it: a process killed while writing leaves its
   * write-ahead log, which a read-only connection may be unable to recover (SQLITE_READONLY). */
  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  *integrity = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  /* Killed before the schema was made: an empty database, which the next start fills. */
  if (sqlite3_prepare_v2 (db, "SELECT version, (SELECT count(*) FROM documents) FROM meta", -1, &stmt, NULL)
      != SQLITE_OK)
    {
      g_assert_cmpstr (sqlite3_errmsg (db), ==, "no such table: meta");
      sqlite3_close (db);
      *n_documents = 0;
      return 0;
    }
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      version = sqlite3_column_int64 (stmt, 0);
      *n_documents = sqlite3_column_int (stmt, 1);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return version;
}

/* `faltstod --sync` killed with SIGKILL at several moments of downloading and applying: the
 * database is sound and holds the old version or the new, never a mix; a last run finishes. */
static void
test_killed_sync_leaves_old_or_new (Fixture *fixture, gconstpointer data)
{
  const char *faltstod = g_getenv ("FALTSTOD_APP");
  g_autofree char *fast_url = falt_test_nginx_url (fixture->nginx, "/feed/");
  g_autofree char *home = g_build_filename (fixture->dir, "home", NULL);
  g_autofree char *keys = g_build_filename (home, "config", "faltstod", "trusted-keys", NULL);
  g_autofree char *db = g_build_filename (home, "data", "faltstod", "faltstod.db", NULL);
  g_autofree char *key_text = falt_test_read_file (fixture->public_path);
  g_autofree char *data_home = g_build_filename (home, "data", NULL);
  g_autofree char *config_home = g_build_filename (home, "config", NULL);
  g_autofree char *cache_home = g_build_filename (home, "cache", NULL);
  static const guint delays_ms[] = { 30, 80, 150, 250, 400, 600, 900 };
  gint64 bundled = falt_feed_peek_version (g_getenv ("FALTSTOD_BUNDLED_FEED"));
  guint n_bundled = 0;

  g_assert_nonnull (faltstod);
  g_mkdir_with_parents (keys, 0700);
  g_free (falt_test_write_file (keys, "test.pub", key_text));
  /* Large enough that downloading and applying take a while. */
  write_source_of (fixture, 100, 800, 6000);
  publish (fixture, 100, "2026-11-23T10:00:00Z", 0, fixture->secret_path, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (delays_ms); i++)
    {
      g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                                                            G_SUBPROCESS_FLAGS_STDERR_SILENCE);
      g_autoptr (GSubprocess) process = NULL;
      g_autofree char *integrity = NULL;
      g_autoptr (GError) error = NULL;
      guint n_documents = 0;
      gint64 version;

      g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data_home, TRUE);
      g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", config_home, TRUE);
      g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", cache_home, TRUE);
      process = g_subprocess_launcher_spawn (launcher, &error, faltstod, "--sync", "--feed", fast_url, NULL);
      g_assert_no_error (error);
      g_usleep (delays_ms[i] * 1000);
      g_subprocess_force_exit (process);
      g_subprocess_wait (process, NULL, NULL);
      if (!g_file_test (db, G_FILE_TEST_EXISTS))
        continue;
      version = query_version (db, &integrity, &n_documents);
      g_test_message ("killed after %u ms: version %" G_GINT64_FORMAT " (%u documents), integrity %s",
                      delays_ms[i], version, n_documents, integrity);
      g_assert_cmpstr (integrity, ==, "ok");
      /* Wholly the content installed with the app, or wholly the new version. */
      if (version == bundled && n_bundled == 0)
        n_bundled = n_documents;
      if (version == 100)
        g_assert_cmpuint (n_documents, ==, 800 + 2);
      else if (version == 0)
        g_assert_cmpuint (n_documents, ==, 0);  /* killed before the first content was in */
      else
        {
          g_assert_cmpint (version, ==, bundled);
          g_assert_cmpuint (n_documents, ==, n_bundled);
        }
    }

  /* A run left alone finishes what the killed ones started. */
  {
    const char *argv[] = { faltstod, "--sync", "--feed", fast_url, NULL };
    g_autofree char *output = NULL;
    g_autofree char *integrity = NULL;
    g_auto (GStrv) env = g_get_environ ();

    env = g_environ_setenv (env, "XDG_DATA_HOME", data_home, TRUE);
    env = g_environ_setenv (env, "XDG_CONFIG_HOME", config_home, TRUE);
    env = g_environ_setenv (env, "XDG_CACHE_HOME", cache_home, TRUE);
    g_assert_true (g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL, &output, NULL, NULL, NULL));
    g_assert_nonnull (strstr (output, "version 100"));
    guint n_documents = 0;

    g_assert_cmpint (query_version (db, &integrity, &n_documents), ==, 100);
    g_assert_cmpuint (n_documents, ==, 800 + 2);
    g_assert_cmpstr (integrity, ==, "ok");
  }
}

/* With a feed on a loopback address, `faltstod --sync` connects to that address and nowhere
 * else (no fonts, images, analytics or other hosts): every inet connect strace sees goes to
 * 127.0.0.1, and there is at least one. */
static void
test_sync_connects_only_to_feed (Fixture *fixture, gconstpointer data)
{
  const char *faltstod = g_getenv ("FALTSTOD_APP");
  g_autofree char *strace = g_find_program_in_path ("strace");
  g_autofree char *url = falt_test_nginx_url (fixture->nginx, "/feed/");
  g_autofree char *home = g_build_filename (fixture->dir, "home", NULL);
  g_autofree char *keys = g_build_filename (home, "config", "faltstod", "trusted-keys", NULL);
  g_autofree char *key_text = falt_test_read_file (fixture->public_path);
  g_autofree char *trace = g_build_filename (fixture->dir, "connect.log", NULL);
  g_autofree char *output = NULL;
  g_autofree char *log = NULL;
  g_auto (GStrv) env = g_get_environ ();
  g_auto (GStrv) lines = NULL;
  g_autoptr (GError) error = NULL;
  guint n_inet = 0;
  int status;

  g_assert_nonnull (faltstod);
  g_assert_nonnull (strace);
  g_mkdir_with_parents (keys, 0700);
  g_free (falt_test_write_file (keys, "test.pub", key_text));
  write_source_of (fixture, 2, 2, 100);
  publish (fixture, 100, "2026-11-23T10:00:00Z", 0, fixture->secret_path, NULL);

  for (guint i = 0; i < 3; i++)
    {
      static const char *const names[][2] = { { "XDG_DATA_HOME", "data" }, { "XDG_CONFIG_HOME", "config" },
                                              { "XDG_CACHE_HOME", "cache" } };
      g_autofree char *dir = g_build_filename (home, names[i][1], NULL);

      env = g_environ_setenv (env, names[i][0], dir, TRUE);
    }
  /* LeakSanitizer cannot run under ptrace (strace): the other sync tests check this run's leaks. */
  env = g_environ_setenv (env, "ASAN_OPTIONS", "detect_leaks=0", TRUE);
  {
    const char *argv[] = { strace, "-f", "-qq", "-e", "trace=connect", "-o", trace,
                           faltstod, "--sync", "--feed", url, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL, &output, NULL,
                                 &status, &error));
  }
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (output, "version 100"));

  g_assert_true (g_file_get_contents (trace, &log, NULL, NULL));
  lines = g_strsplit (log, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (strstr (lines[i], "sa_family=AF_INET6") != NULL)
        g_error ("an inet6 connect: %s", lines[i]);
      if (strstr (lines[i], "sa_family=AF_INET,") == NULL)
        continue;
      if (strstr (lines[i], "inet_addr(\"127.0.0.1\")") == NULL)
        g_error ("a connect to another address than the feed's: %s", lines[i]);
      n_inet++;
    }
  g_test_message ("%u inet connects, all to 127.0.0.1", n_inet);
  g_assert_cmpuint (n_inet, >, 0);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/sync/first-then-unchanged", test_first_sync_then_unchanged);
  ADD ("/sync/delta", test_delta_fetches_only_changed);
  ADD ("/sync/refuses-tampering", test_refuses_tampering);
  ADD ("/sync/connects-only-to-feed", test_sync_connects_only_to_feed);
  ADD ("/sync/refuses-key-older-expired", test_refuses_wrong_key_older_and_expired);
  ADD ("/sync/refuses-server-errors", test_refuses_server_errors);
  ADD ("/sync/dead-mirror", test_dead_mirror_then_working);
  ADD ("/sync/trickle-then-resume", test_trickle_then_resume);
  ADD ("/sync/refuses-wrong-sizes", test_refuses_wrong_sizes);
  ADD ("/sync/refuses-insecure", test_refuses_insecure_address);
  ADD ("/sync/bundle-export-import", test_export_and_import_bundle);
  ADD ("/sync/unwritable-staging", test_unwritable_staging);
  ADD ("/sync/killed", test_killed_sync_leaves_old_or_new);
#undef ADD

  return g_test_run ();
}
