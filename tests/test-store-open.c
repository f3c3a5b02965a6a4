/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <linux/fs.h>
#include <math.h>
#include <sys/ioctl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <string.h>
#include <unistd.h>

#include "falt-test-store.h"

/* Tests for opening the app's store: recovery from a damaged or too-new
 * database, a full disk or an unwritable folder, the bundled material's
 * install and upgrade, and PDF reads meanwhile. */

static void
keep_result_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* falt_store_get_pdf_async() on a worker thread, waited for here. */
static GBytes *
read_pdf_async (FaltStore     *store,
                const char    *id,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  falt_store_get_pdf_async (store, id, "sv", cancellable, keep_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return falt_store_get_pdf_finish (store, result, error);
}

/* The PDF's bytes read off the main loop are the ones the store has; a read cancelled (another
 * document opened first) says so, and a document that is no PDF is not found. */
static void
test_get_pdf_async (void)
{
  g_autoptr(FaltStore) store = open_store_with_standard_feed ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GBytes) expected = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GError) error = NULL;

  expected = falt_store_get_pdf (store, "broschyr", "sv", &error);
  g_assert_no_error (error);
  pdf = read_pdf_async (store, "broschyr", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (pdf, expected));
  g_clear_pointer (&pdf, g_bytes_unref);

  g_assert_null (read_pdf_async (store, "manual-misstanke", NULL, &error));
  g_assert_error (error, FALT_STORE_ERROR, FALT_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_cancellable_cancel (cancellable);
  g_assert_null (read_pdf_async (store, "broschyr", cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

typedef enum
{
  DAMAGE_GARBAGE,
  DAMAGE_TRUNCATE,
  DAMAGE_FUTURE_SCHEMA,
  DAMAGE_PAGE_AFTER_CRASH,
  DAMAGE_NEGATIVE_VERSION,
  DAMAGE_VERSION_TOP_BIT,
  DAMAGE_VERSION_0,
  DAMAGE_VERSION_1,
  DAMAGE_DROPPED_META,
  DAMAGE_DROPPED_SEARCH_TABLE,
} Damage;

/* What a crashed session leaves: a write-ahead log next to the database. */
static void
leave_log_behind (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (wal, "not a log", -1, &error);
  g_assert_no_error (error);
}

static void
damage_database (const char *path,
                 Damage      damage)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 8192);

  switch (damage)
    {
    case DAMAGE_GARBAGE:
      for (gsize i = 0; i < length; i++)
        contents[i] = (char) g_test_rand_int_range (0, 256);
      break;

    case DAMAGE_TRUNCATE:
      length /= 2;
      break;

    case DAMAGE_FUTURE_SCHEMA:
      exec_sql (path, "PRAGMA user_version = 99");
      return;

    case DAMAGE_NEGATIVE_VERSION:
      exec_sql (path, "PRAGMA user_version = -1");
      return;

    case DAMAGE_VERSION_TOP_BIT:
      /* The schema version is the big-endian number at offset 60. */
      contents[60] ^= 0x80;
      break;

    case DAMAGE_VERSION_0:
      exec_sql (path, "PRAGMA user_version = 0");
      return;

    case DAMAGE_VERSION_1:
      exec_sql (path, "PRAGMA user_version = 1");
      return;

    case DAMAGE_DROPPED_META:
      exec_sql (path, "DROP TABLE meta");
      return;

    case DAMAGE_DROPPED_SEARCH_TABLE:
      exec_sql (path, "DROP TABLE search_terms_sv");
      return;

    case DAMAGE_PAGE_AFTER_CRASH:
      {
        /* Wreck the b-tree page of the documents table, after a crash. */
        int page = query_int (path, "SELECT rootpage FROM sqlite_schema WHERE name = 'documents'");
        int page_size = query_int (path, "PRAGMA page_size");

        memset (contents + (gsize) (page - 1) * page_size, 0x5a, 64);
        leave_log_behind (path);
      }
      break;

    default:
      g_assert_not_reached ();
    }
  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

static void
test_recovery (gconstpointer data)
{
  Damage damage = GPOINTER_TO_INT (data);
  g_autofree char *data_dir = g_build_filename (g_get_user_data_dir (), "faltstod", NULL);
  g_autofree char *feed = (remove_recursively (data_dir), write_standard_feed ("bundled", 5));
  g_autofree char *path = g_build_filename (data_dir, "faltstod.db", NULL);
  g_autofree char *recovered_from = NULL;
  g_autofree char *damaged = NULL;
  g_autofree char *kept = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FaltStore) store = falt_store_open_default (feed, &recovered_from, &error);
  gsize damaged_length, kept_length;
  int expected_code;

  g_assert_true (g_str_has_prefix (path, test_root));

  g_assert_no_error (error);
  g_assert_null (recovered_from);
  g_assert_cmpstr (falt_store_get_path (store), ==, path);
  g_assert_cmpint (falt_store_get_content_version (store), ==, 5);
  falt_store_set_bookmark (store, "broschyr", TRUE, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  damage_database (path, damage);
  g_file_get_contents (path, &damaged, &damaged_length, &error);
  g_assert_no_error (error);

  store = falt_store_open (path, &error);
  g_assert_null (store);
  expected_code = damage == DAMAGE_FUTURE_SCHEMA ? FALT_STORE_ERROR_FUTURE_SCHEMA : FALT_STORE_ERROR_CORRUPT;
  g_assert_error (error, FALT_STORE_ERROR, expected_code);
  g_clear_error (&error);

  /* That open found the damage; the app's next start must find it again. */
  if (damage == DAMAGE_PAGE_AFTER_CRASH)
    leave_log_behind (path);
  store = falt_store_open_default (feed, &recovered_from, &error);
  g_assert_no_error (error);
  g_assert_nonnull (recovered_from);
  g_assert_error (falt_store_get_recovery_reason (store), FALT_STORE_ERROR, expected_code);
  g_assert_true (g_str_has_prefix (recovered_from, path));
  g_assert_true (g_str_has_prefix (recovered_from + strlen (path), ".broken-"));
  /* The damaged file is kept byte for byte; the new store has the bundled
   * content, and the reader's bookmark where the damaged file still has it
   * readable (not in random bytes; a truncated file may have lost it). */
  g_file_get_contents (recovered_from, &kept, &kept_length, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (kept, kept_length, damaged, damaged_length);
  g_assert_cmpint (falt_store_get_content_version (store), ==, 5);
  if (damage != DAMAGE_TRUNCATE)
    g_assert_cmpint (falt_store_is_bookmarked (store, "broschyr"), ==, damage != DAMAGE_GARBAGE);
  assert_query_finds (store, "betänketid", "sv", "broschyr");
}

/* The default store, after it moved a damaged one aside and restored the bundled material. */
static FaltStore *
open_default_recovered (const char  *feed,
                        char       **recovered_from)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FaltStore) store = falt_store_open_default (feed, recovered_from, &error);

  g_assert_no_error (error);
  g_assert_nonnull (*recovered_from);
  g_assert_error (falt_store_get_recovery_reason (store), FALT_STORE_ERROR, FALT_STORE_ERROR_CORRUPT);
  g_assert_cmpint (falt_store_get_content_version (store), ==, 5);
  assert_query_finds (store, "betänketid", "sv", "broschyr");
  return g_steal_pointer (&store);
}

/* The content of the database is damaged (its documents' and blobs' pages wrecked, found after
 * a crash), the reader's own tables are not: the new store has the bundled material and the
 * reader's bookmark, recent document and reading position, read row by row from the kept file. */
static void
test_recovery_carries_over_reader_data (void)
{
  g_autofree char *data_dir = g_build_filename (g_get_user_data_dir (), "faltstod", NULL);
  g_autofree char *feed = (remove_recursively (data_dir), write_standard_feed ("bundled", 5));
  g_autofree char *path = g_build_filename (data_dir, "faltstod.db", NULL);
  g_autofree char *recovered_from = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GListModel) recent = NULL;
  g_autoptr(FaltDocument) first = NULL;
  g_autoptr(FaltStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const char *tables[] = { "documents", "blobs", "translations" };
  int page_size;
  gsize length;

  store = falt_store_open_default (feed, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (falt_store_set_bookmark (store, "broschyr", TRUE, &error));
  g_assert_true (falt_store_note_opened (store, "broschyr", "sv", 2, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  page_size = query_int (path, "PRAGMA page_size");
  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT rootpage FROM sqlite_schema WHERE name = '%s'", tables[i]);
      int page = query_int (path, sql);

      memset (contents + (gsize) (page - 1) * page_size, 0x5a, page_size);
    }
  g_assert_true (g_file_set_contents (path, contents, length, &error));
  leave_log_behind (path);

  store = open_default_recovered (feed, &recovered_from);
  g_assert_true (falt_store_is_bookmarked (store, "broschyr"));
  g_assert_cmpint (falt_store_get_reading_position (store, "broschyr", "sv"), ==, 2);
  recent = falt_store_list_recent (store, FALT_STORE_LANGS ("sv"), 10);
  g_assert_cmpuint (g_list_model_get_n_items (recent), ==, 1);
  first = g_list_model_get_item (recent, 0);
  g_assert_cmpstr (falt_document_get_id (first), ==, "broschyr");
}

/* A full disk on the very first start, as a file size limit (RLIMIT_FSIZE, SIGXFSZ ignored)
 * makes it without privileges, at the database's first pages, in its schema and in its
 * material: the half-made file is not damage (nothing moved aside), the bundled material is
 * read from memory, and a bookmark says why it cannot be kept. */
static void
test_open_full_disk_first_start (gconstpointer data)
{
  rlim_t limit = GPOINTER_TO_UINT (data) * 1024;
  g_autofree char *data_dir = g_build_filename (g_get_user_data_dir (), "faltstod", NULL);

  if (g_test_subprocess ())
    {
      struct rlimit fsize = { limit, limit };
      g_autofree char *feed = write_standard_feed ("bundled", 5);
      g_autoptr(FaltStore) store = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GDir) dir = NULL;
      const char *name;

      remove_recursively (data_dir);
      signal (SIGXFSZ, SIG_IGN);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &fsize), ==, 0);
      store = falt_store_open_default (feed, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (falt_store_get_content_version (store), ==, 5);
      assert_query_finds (store, "betänketid", "sv", "broschyr");
      g_assert_true (falt_store_is_read_only (store));
      g_assert_true (falt_store_error_is_no_room (falt_store_get_read_only_reason (store)));
      g_assert_null (falt_store_get_recovery_reason (store));
      g_assert_false (falt_store_set_bookmark (store, "broschyr", TRUE, &error));
      g_assert_error (error, FALT_STORE_ERROR, FALT_STORE_ERROR_READ_ONLY);
      dir = g_dir_open (data_dir, 0, NULL);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        g_assert_null (strstr (name, ".broken"));
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* A data folder that cannot be made (a file where it should be): the bundled material is
 * still shown, from memory, and why nothing can be kept is said; the command line without
 * a bundled feed still gets the error. Regression: the store was NULL, and opening a PDF
 * from disk crashed every start. */
static void
test_open_folder_cannot_be_made (void)
{
  g_autofree char *data_dir = g_build_filename (g_get_user_data_dir (), "faltstod", NULL);
  g_autofree char *feed = (remove_recursively (data_dir), write_standard_feed ("bundled", 5));
  g_autoptr(FaltStore) store = NULL;
  g_autoptr(GError) error = NULL;

  g_file_set_contents (data_dir, "not a folder", -1, &error);
  g_assert_no_error (error);
  store = falt_store_open_default (feed, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (falt_store_get_content_version (store), ==, 5);
  assert_query_finds (store, "betänketid", "sv", "broschyr");
  g_assert_true (falt_store_is_read_only (store));
  g_assert_error (falt_store_get_read_only_reason (store), FALT_STORE_ERROR, FALT_STORE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (falt_store_get_read_only_reason (store)->message, data_dir));
  g_clear_object (&store);

  store = falt_store_open_default (NULL, NULL, &error);
  g_assert_null (store);
  g_assert_error (error, FALT_STORE_ERROR, FALT_STORE_ERROR_READ_ONLY);
  g_assert_cmpint (g_unlink (data_dir), ==, 0);
}

/* The window's way: the store opens at once, empty, and says it is installing; the material
 * comes from a worker thread, announced by content-changed. */
static void
on_install_content_changed_cb (FaltStore *store,
                               gpointer   user_data)
{
  guint *n_changes = user_data;

  (*n_changes)++;
}

static void
test_install_later (void)
{
  g_autofree char *data_dir = g_build_filename (g_get_user_data_dir (), "faltstod", NULL);
  g_autofree char *feed = (remove_recursively (data_dir), write_standard_feed ("bundled", 5));
  g_autoptr(FaltStore) store = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint n_changes = 0;

  store = falt_store_open_default_full (feed, FALT_STORE_OPEN_INSTALL_LATER, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (falt_store_get_installing (store));
  g_assert_cmpint (falt_store_get_content_version (store), ==, 0);
  g_signal_connect (store, "content-changed", G_CALLBACK (on_install_content_changed_cb), &n_changes);
  falt_store_install_bundled_async (store, NULL, keep_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (falt_store_install_bundled_finish (store, result, &error));
  g_assert_no_error (error);
  g_assert_false (falt_store_get_installing (store));
  g_assert_cmpuint (n_changes, ==, 1);
  g_assert_cmpint (falt_store_get_content_version (store), ==, 5);
  assert_query_finds (store, "betänketid", "sv", "broschyr");
  g_clear_object (&result);

  /* A store that has its material has nothing to install. */
  g_clear_object (&store);
  store = falt_store_open_default_full (feed, FALT_STORE_OPEN_INSTALL_LATER, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (falt_store_get_installing (store));
  g_assert_cmpint (falt_store_get_content_version (store), ==, 5);
}

/* Counts the PDF reads asked for while the material was being installed. */
static void
on_racing_pdf_read_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  guint *n_pending = user_data;
  g_autoptr(GBytes) bytes = falt_store_get_pdf_finish (FALT_STORE (source), result, NULL);

  (*n_pending)--;
}

/* A PDF opened while the first start installs the material onto a full disk: the install
 * swaps the store's database for one in memory on the main context while the reads' workers
 * connect, so they must not read the store's (freed) fields. The window for that is narrow:
 * the reads asked for all through the install only may meet it (under the sanitizer build);
 * what this checks every time is that a read after it gets the material from memory. */
static void
test_get_pdf_async_during_full_disk_install (void)
{
  g_autofree char *data_dir = g_build_filename (g_get_user_data_dir (), "faltstod", NULL);

  if (g_test_subprocess ())
    {
      struct rlimit fsize = { 16 * 1024, 16 * 1024 };
      g_autofree char *feed = write_standard_feed ("bundled", 5);
      g_autoptr(FaltStore) store = NULL;
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GBytes) expected = NULL;
      g_autoptr(GBytes) pdf = NULL;
      g_autoptr(GError) error = NULL;
      guint n_pending = 0;

      remove_recursively (data_dir);
      signal (SIGXFSZ, SIG_IGN);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &fsize), ==, 0);
      store = falt_store_open_default_full (feed, FALT_STORE_OPEN_INSTALL_LATER, NULL, &error);
      g_assert_no_error (error);
      falt_store_install_bundled_async (store, NULL, keep_result_cb, &result);
      while (result == NULL)
        {
          if (n_pending < 4)
            {
              n_pending++;
              falt_store_get_pdf_async (store, "broschyr", "sv", NULL, on_racing_pdf_read_cb, &n_pending);
            }
          g_main_context_iteration (NULL, n_pending >= 4);
        }
      while (n_pending > 0)
        g_main_context_iteration (NULL, TRUE);
      g_assert_true (falt_store_install_bundled_finish (store, result, &error));
      g_assert_no_error (error);
      g_assert_true (falt_store_error_is_no_room (falt_store_get_read_only_reason (store)));

      expected = falt_store_get_pdf (store, "broschyr", "sv", &error);
      g_assert_no_error (error);
      pdf = read_pdf_async (store, "broschyr", NULL, &error);
      g_assert_no_error (error);
      g_assert_true (g_bytes_equal (pdf, expected));
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* A FIFO, a link to /dev/zero or a folder where the database or its log
 * should be: opening must not block or read forever, and ends in the usual
 * recovery (the odd file kept, as it is). */
static void
test_recovery_special_files (void)
{
  static const struct
  {
    const char *suffix;
    char        kind;   /* 'p' FIFO, 'l' link to /dev/zero, 'd' folder */
  } cases[] = { { "", 'p' }, { "", 'l' }, { "", 'd' }, { "-wal", 'p' } };
  g_autofree char *data_dir = g_build_filename (g_get_user_data_dir (), "faltstod", NULL);
  g_autofree char *feed = (remove_recursively (data_dir), write_standard_feed ("bundled", 5));
  g_autofree char *path = g_build_filename (data_dir, "faltstod.db", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *special = g_strconcat (path, cases[i].suffix, NULL);
      g_autofree char *recovered_from = NULL;
      g_autofree char *kept = NULL;
      g_autoptr(FaltStore) store = NULL;
      g_autoptr(GError) error = NULL;
      GStatBuf st;

      remove_recursively (data_dir);
      g_assert_cmpint (g_mkdir_with_parents (data_dir, 0700), ==, 0);
      if (*cases[i].suffix != '\0')
        {
          /* A sound database beside its odd log. */
          store = falt_store_open_default (feed, NULL, &error);
          g_assert_no_error (error);
          g_clear_object (&store);
        }
      if (cases[i].kind == 'p')
        g_assert_cmpint (mkfifo (special, 0600), ==, 0);
      else if (cases[i].kind == 'l')
        g_assert_cmpint (symlink ("/dev/zero", special), ==, 0);
      else
        g_assert_cmpint (g_mkdir (special, 0700), ==, 0);

      store = open_default_recovered (feed, &recovered_from);
      kept = g_strconcat (recovered_from, cases[i].suffix, NULL);
      g_assert_cmpint (g_lstat (kept, &st), ==, 0);
      g_assert_false (S_ISREG (st.st_mode));
    }
}

/* Whatever a byte of the database header becomes, the next start ends with
 * a working store: opened as it is, or moved aside and restored. Never an
 * error, a crash or a failure on every start. */
static void
test_recovery_any_header (void)
{
  static const guchar values[] = { 0x00, 0x01, 0x7f, 0x80, 0xff };
  g_autofree char *data_dir = g_build_filename (g_get_user_data_dir (), "faltstod", NULL);
  g_autofree char *feed = (remove_recursively (data_dir), write_standard_feed ("bundled", 5));
  g_autofree char *path = g_build_filename (data_dir, "faltstod.db", NULL);
  g_autoptr(FaltStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pristine = NULL;
  gsize length;

  store = falt_store_open_default (feed, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  g_file_get_contents (path, &pristine, &length, &error);
  g_assert_no_error (error);

  for (gsize offset = 0; offset < 100; offset++)
    for (guint v = 0; v < G_N_ELEMENTS (values); v++)
      {
        g_autofree char *contents = g_memdup2 (pristine, length);
        g_autoptr(GPtrArray) hits = NULL;

        if ((guchar) contents[offset] == values[v])
          continue;
        contents[offset] = (char) values[v];
        remove_recursively (data_dir);
        g_assert_cmpint (g_mkdir_with_parents (data_dir, 0700), ==, 0);
        g_file_set_contents (path, contents, length, &error);
        g_assert_no_error (error);

        store = falt_store_open_default (feed, NULL, &error);
        if (error != NULL)
          g_error ("Header byte %" G_GSIZE_FORMAT " = 0x%02x: %s", offset, values[v], error->message);
        g_assert_cmpint (falt_store_get_content_version (store), ==, 5);
        hits = falt_store_search (store, "betänketid", FALT_STORE_LANGS ("sv"), 10, &error);
        if (error != NULL)
          g_error ("Header byte %" G_GSIZE_FORMAT " = 0x%02x, search: %s", offset, values[v], error->message);
        g_assert_true (hits_contain (hits, "broschyr"));
        g_clear_object (&store);
      }
}

/* Makes path unwritable, even for root (tests run as root, whom chmod does
 * not stop): the immutable attribute, where the file system has it. */
static gboolean
set_immutable (const char *path,
               gboolean    immutable)
{
  int fd = open (path, O_RDONLY | O_NONBLOCK);
  int flags = 0;
  gboolean ok;

  if (fd < 0)
    return FALSE;
  ok = ioctl (fd, FS_IOC_GETFLAGS, &flags) == 0;
  flags = immutable ? flags | FS_IMMUTABLE_FL : flags & ~FS_IMMUTABLE_FL;
  ok = ok && ioctl (fd, FS_IOC_SETFLAGS, &flags) == 0;
  close (fd);
  return ok;
}

static gboolean
make_unwritable (const char *dir,
                 const char *file)
{
  g_autofree char *probe = g_build_filename (dir, "probe", NULL);

  g_chmod (file, 0400);
  g_chmod (dir, 0500);
  if (g_file_set_contents (probe, "", 0, NULL))
    {
      g_unlink (probe);
      if (!set_immutable (file, TRUE) || !set_immutable (dir, TRUE))
        return FALSE;
    }
  return !g_file_set_contents (probe, "", 0, NULL);
}

static void
make_writable (const char *dir,
               const char *file)
{
  set_immutable (dir, FALSE);
  set_immutable (file, FALSE);
  g_chmod (dir, 0700);
  g_chmod (file, 0600);
}

/* A read-only data folder (a locked-down machine, a read-only mount) or a
 * full disk: the content is intact, so it is read as it is. Only a write
 * the user asks for says it cannot be done. */
static void
test_open_read_only_folder (void)
{
  g_autofree char *data_dir = g_build_filename (g_get_user_data_dir (), "faltstod", NULL);
  g_autofree char *feed = (remove_recursively (data_dir), write_standard_feed ("bundled", 5));
  g_autofree char *path = g_build_filename (data_dir, "faltstod.db", NULL);
  g_autoptr(FaltStore) store = NULL;
  g_autoptr(GPtrArray) async_hits = NULL;
  g_autofree char *recovered_from = NULL;
  g_autoptr(GError) error = NULL;

  store = falt_store_open_default (feed, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (falt_store_is_read_only (store));
  falt_store_set_bookmark (store, "broschyr", TRUE, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  if (!make_unwritable (data_dir, path))
    {
      make_writable (data_dir, path);
      g_test_skip ("Cannot make a folder read-only here");
      return;
    }

  store = falt_store_open_default (feed, &recovered_from, &error);
  g_assert_no_error (error);
  g_assert_null (recovered_from);
  g_assert_true (falt_store_is_read_only (store));
  g_assert_cmpint (falt_store_get_content_version (store), ==, 5);
  assert_query_finds (store, "betänketid", "sv", "broschyr");
  g_assert_true (falt_store_is_bookmarked (store, "broschyr"));
  falt_store_search_async (store, "betänketid", FALT_STORE_LANGS ("sv"), 10, NULL, on_search_done_cb, &async_hits);
  while (async_hits == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (hits_contain (async_hits, "broschyr"));

  /* Reading history is not kept, without an error; a bookmark says why not. */
  g_assert_true (falt_store_note_opened (store, "broschyr", "sv", 2, &error));
  g_assert_no_error (error);
  g_assert_cmpint (falt_store_get_reading_position (store, "broschyr", "sv"), ==, -1);
  g_assert_false (falt_store_set_bookmark (store, "manual-misstanke", TRUE, &error));
  g_assert_error (error, FALT_STORE_ERROR, FALT_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_clear_object (&store);

  /* Writable again: back to normal. */
  make_writable (data_dir, path);
  store = falt_store_open_default (feed, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (falt_store_is_read_only (store));
  falt_store_set_bookmark (store, "manual-misstanke", TRUE, &error);
  g_assert_no_error (error);
}

static FaltStore *
open_default (const char *bundled_feed)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *recovered_from = NULL;
  FaltStore *store = falt_store_open_default (bundled_feed, &recovered_from, &error);

  g_assert_no_error (error);
  g_assert_null (recovered_from);
  return store;
}

static char *
meta_source (const char *db_path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *source;

  g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT source FROM meta", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  source = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return source;
}

/* An upgraded app brings a newer bundled feed: the store takes it at the
 * next start, keeping the user's data, but never goes back to an older or
 * equal one, nor replaces newer content received over the network. */
static void
test_bundled_feed_upgrade (void)
{
  g_autofree char *data_dir = g_build_filename (g_get_user_data_dir (), "faltstod", NULL);
  g_autofree char *path = g_build_filename (data_dir, "faltstod.db", NULL);
  g_autoptr(FaltTestFeed) feed_2 = (remove_recursively (data_dir), make_standard_feed ("bundled-2", 2));
  g_autofree char *bundled_1 = write_standard_feed ("bundled-1", 1);
  g_autofree char *bundled_2 = test_path ("bundled-2");
  g_autofree char *network_5 = write_standard_feed ("network-5", 5);
  g_autoptr(FaltStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *source = NULL;

  falt_test_feed_add_article (feed_2, "nytt", "manuals", "sv", "Nyheter i version 2", "Ny text om skyddsboende.\n");
  falt_test_feed_write (feed_2);

  store = open_default (bundled_1);
  g_assert_cmpint (falt_store_get_content_version (store), ==, 1);
  assert_query_misses (store, "skyddsboende", "sv", "nytt");
  falt_store_set_bookmark (store, "broschyr", TRUE, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  /* The upgrade. */
  store = open_default (bundled_2);
  g_assert_cmpint (falt_store_get_content_version (store), ==, 2);
  assert_query_finds (store, "skyddsboende", "sv", "nytt");
  g_assert_true (falt_store_is_bookmarked (store, "broschyr"));
  g_clear_object (&store);

  /* An equal version is not imported again (it would overwrite the
   * marker), an older one not at all. */
  exec_sql (path, "UPDATE meta SET source = 'marker'");
  store = open_default (bundled_2);
  g_assert_cmpint (falt_store_get_content_version (store), ==, 2);
  g_clear_object (&store);
  store = open_default (bundled_1);
  g_assert_cmpint (falt_store_get_content_version (store), ==, 2);
  assert_query_finds (store, "skyddsboende", "sv", "nytt");
  g_clear_object (&store);
  source = meta_source (path);
  g_assert_cmpstr (source, ==, "marker");

  /* Newer content from the network stays when the bundled feed is older. */
  store = open_default (bundled_2);
  falt_store_import_feed (store, network_5, FALSE, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  store = open_default (bundled_2);
  g_assert_cmpint (falt_store_get_content_version (store), ==, 5);
  assert_query_misses (store, "skyddsboende", "sv", "nytt");
  g_assert_finalize_object (g_steal_pointer (&store));
}

static void
test_integrity_check (void)
{
  g_autoptr(FaltStore) store = open_store_with_standard_feed ();
  g_autoptr(GError) error = NULL;

  g_assert_true (falt_store_check_integrity (store, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  falt_test_store_init (&argc, &argv);

  g_test_add_func ("/store/open/integrity-check", test_integrity_check);
  g_test_add_func ("/store/open/read-only-folder", test_open_read_only_folder);
  g_test_add_func ("/store/open/folder-cannot-be-made", test_open_folder_cannot_be_made);
  g_test_add_data_func ("/store/open/full-disk-first-start/16k", GUINT_TO_POINTER (16), test_open_full_disk_first_start);
  g_test_add_data_func ("/store/open/full-disk-first-start/200k", GUINT_TO_POINTER (200), test_open_full_disk_first_start);
  g_test_add_data_func ("/store/open/full-disk-first-start/100k", GUINT_TO_POINTER (100), test_open_full_disk_first_start);
  g_test_add_func ("/store/open/install-later", test_install_later);
  g_test_add_func ("/store/get-pdf-async/during-full-disk-install", test_get_pdf_async_during_full_disk_install);
  g_test_add_data_func ("/store/recovery/garbage", GINT_TO_POINTER (DAMAGE_GARBAGE), test_recovery);
  g_test_add_data_func ("/store/recovery/truncated", GINT_TO_POINTER (DAMAGE_TRUNCATE), test_recovery);
  g_test_add_data_func ("/store/recovery/future-schema", GINT_TO_POINTER (DAMAGE_FUTURE_SCHEMA), test_recovery);
  g_test_add_data_func ("/store/recovery/damaged-page-after-crash", GINT_TO_POINTER (DAMAGE_PAGE_AFTER_CRASH),
                        test_recovery);
  g_test_add_data_func ("/store/recovery/negative-schema-version", GINT_TO_POINTER (DAMAGE_NEGATIVE_VERSION),
                        test_recovery);
  g_test_add_data_func ("/store/recovery/schema-version-top-bit", GINT_TO_POINTER (DAMAGE_VERSION_TOP_BIT),
                        test_recovery);
  g_test_add_data_func ("/store/recovery/schema-version-0-full", GINT_TO_POINTER (DAMAGE_VERSION_0), test_recovery);
  g_test_add_data_func ("/store/recovery/schema-version-1-full", GINT_TO_POINTER (DAMAGE_VERSION_1), test_recovery);
  g_test_add_data_func ("/store/recovery/dropped-meta", GINT_TO_POINTER (DAMAGE_DROPPED_META), test_recovery);
  g_test_add_data_func ("/store/recovery/dropped-search-table", GINT_TO_POINTER (DAMAGE_DROPPED_SEARCH_TABLE),
                        test_recovery);
  g_test_add_func ("/store/recovery/any-header-byte", test_recovery_any_header);
  g_test_add_func ("/store/recovery/special-files", test_recovery_special_files);
  g_test_add_func ("/store/recovery/carries-over-reader-data", test_recovery_carries_over_reader_data);
  g_test_add_func ("/store/import/bundled-feed-upgrade", test_bundled_feed_upgrade);
  g_test_add_func ("/store/get-pdf-async", test_get_pdf_async);

  return falt_test_store_run ();
}
