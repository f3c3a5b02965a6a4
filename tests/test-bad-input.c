/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

/* Hostile and unlucky input, through the real app: whatever a file name
 * points at, the app shows a translated error, never hangs, and quits. */

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "falt-test-pdf.h"
#include "falt-test-utils.h"

#include "ui/falt-document-page.h"
#include "ui/falt-pdf-document.h"
#include "ui/falt-pdf-file.h"
#include "ui/falt-pdf-view.h"
#include "store/falt-store.h"

typedef struct
{
  char       *path;
  const char *description;  /* what the error page says, in English */
} BadFile;

static void
bad_file_clear (BadFile *bad)
{
  g_free (bad->path);
}

typedef struct
{
  AdwStatusPage *status;
  const char    *description;
} ErrorShown;

static gboolean
error_is_shown (gpointer data)
{
  ErrorShown *shown = data;

  return gtk_widget_is_drawable (GTK_WIDGET (shown->status))
         && g_strcmp0 (adw_status_page_get_description (shown->status), shown->description) == 0;
}

static void
check_bad_files_show_error_pages (FaltApplication *app,
                                  FaltWindow      *window,
                                  gpointer         data)
{
  GArray *cases = data;

  for (guint i = 0; i < cases->len; i++)
    {
      BadFile *bad = &g_array_index (cases, BadFile, i);
      g_autoptr (GFile) file = g_file_new_for_path (bad->path);
      GtkWidget *document;
      ErrorShown shown;

      g_test_message ("opening %s", bad->path);
      falt_window_open_file (window, file);
      document = falt_test_find_widget (GTK_WIDGET (window), FALT_TYPE_DOCUMENT_PAGE, NULL);
      shown.status = ADW_STATUS_PAGE (falt_test_find_widget (document, ADW_TYPE_STATUS_PAGE, NULL));
      shown.description = bad->description;
      /* A FIFO's open() and read() never return; /dev/zero never ends. */
      g_assert_true (falt_test_wait_for (error_is_shown, &shown, 10000));
      g_assert_cmpstr (adw_status_page_get_title (shown.status), ==, "The Document Could Not Be Shown");
      /* A name on disk need not be UTF-8: the title shown must be (Pango warns otherwise). */
      g_assert_true (g_utf8_validate (falt_window_get_content_title (window), -1, NULL));
      falt_test_iterate (50);
    }
  g_free (falt_test_save_screenshot (GTK_WIDGET (window), "bad-input-pdf"));
}

static void
add_case (GArray     *cases,
          char       *path,
          const char *description)
{
  BadFile bad = { path, description };

  g_array_append_val (cases, bad);
}

/* Names the app is given to show as a PDF that are anything but one. */
static void
test_bad_files_show_error_pages (void)
{
  g_autofree char *dir = g_dir_make_tmp ("faltstod-bad-XXXXXX", NULL);
  g_autoptr (GArray) cases = g_array_new (FALSE, FALSE, sizeof (BadFile));
  g_autofree char *fifo = g_build_filename (dir, "pipe.pdf", NULL);
  g_autofree char *empty = g_build_filename (dir, "empty.pdf", NULL);
  g_autofree char *sparse = g_build_filename (dir, "huge.pdf", NULL);
  g_autofree char *zero_link = g_build_filename (dir, "zero.pdf", NULL);
  g_autofree char *loop = g_build_filename (dir, "loop.pdf", NULL);
  g_autofree char *folder = g_build_filename (dir, "folder.pdf", NULL);
  g_autofree char *odd_name = g_build_filename (dir, "rad\nbryt \xff\xfe.pdf", NULL);
  g_autofree char *too_large = NULL;
  g_autofree char *most = g_format_size (FALT_PDF_FILE_MAX_SIZE);
  g_autofree char *two_gb = g_format_size (G_GINT64_CONSTANT (2) << 30);
  int fd;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  /* Sparse: no disk used, but reading it whole would take 2 GB of memory. */
  fd = g_open (sparse, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, G_GINT64_CONSTANT (2) << 30), ==, 0);
  close (fd);
  g_assert_cmpint (symlink ("/dev/zero", zero_link), ==, 0);
  g_assert_cmpint (symlink (loop, loop), ==, 0);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (odd_name, "", 0, NULL));
  too_large = g_strdup_printf ("The file is too large to be shown (%s; at most %s)", two_gb, most);

  add_case (cases, g_strdup (fifo), "This is not an ordinary file (it is a device or a pipe), so it cannot be shown");
  add_case (cases, g_strdup (zero_link), "This is not an ordinary file (it is a device or a pipe), so it cannot be shown");
  add_case (cases, g_strdup ("/dev/zero"), "This is not an ordinary file (it is a device or a pipe), so it cannot be shown");
  add_case (cases, g_strdup (sparse), too_large);
  add_case (cases, g_strdup (empty), "The file is empty");
  add_case (cases, g_strdup (odd_name), "The file is empty");
  add_case (cases, g_strdup (folder), "This is a folder, not a PDF file");
  add_case (cases, g_strdup (loop), "The file could not be read: Too many levels of symbolic links");
  add_case (cases, g_build_filename (dir, "gone.pdf", NULL), "The file could not be read: No such file or directory");

  falt_test_run_app (check_bad_files_show_error_pages, cases);

  for (guint i = 0; i < cases->len; i++)
    {
      BadFile *bad = &g_array_index (cases, BadFile, i);

      if (g_str_has_prefix (bad->path, dir))
        {
          if (g_file_test (bad->path, G_FILE_TEST_IS_DIR) && !g_file_test (bad->path, G_FILE_TEST_IS_SYMLINK))
            g_rmdir (bad->path);
          else
            g_unlink (bad->path);
        }
      bad_file_clear (bad);
    }
  g_rmdir (dir);
}

/* A file cut short while it is read, or replaced by a PDF that is shorter:
 * what is read is what poppler sees, never more than the file had. */
static void
test_loader_reads_what_is_there (void)
{
  g_autofree char *path = falt_test_write_pdf (2, 0, "bad-input-plain.pdf");
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = falt_pdf_file_load (file, NULL, &error);
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), contents, length);
  g_unlink (path);
}

static GtkWidget *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (window))
        return window;
    }
  return NULL;
}

static gboolean
message_dialog_is_shown (gpointer data)
{
  return find_message_dialog () != NULL;
}

/* Update files that are no tar at all, opened as the file manager does. */
static void
check_bad_update_files_are_refused (FaltApplication *app,
                                    FaltWindow      *window,
                                    gpointer         data)
{
  const char * const *paths = data;
  FaltStore *store = falt_application_get_store (app);
  gint64 version = falt_store_get_content_version (store);

  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autoptr (GFile) file = g_file_new_for_path (paths[i]);
      g_autofree char *shown = g_filename_display_name (paths[i]);
      g_autofree char *expected = g_strdup_printf ("%s is not a Fältstöd update file", shown);
      GtkWidget *dialog;
      const char *body;

      g_application_open (G_APPLICATION (app), &file, 1, "");
      g_assert_true (falt_test_wait_for (message_dialog_is_shown, NULL, 30000));
      falt_test_iterate (50);
      dialog = find_message_dialog ();
      g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                       "The Update File Could Not Be Imported");
      body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));
      /* Ours, translated: not libarchive's "Unrecognized archive format". */
      g_assert_true (g_str_has_prefix (body, expected));
      if (i == 0)
        g_free (falt_test_save_screenshot (dialog, "bad-input-update-file"));
      gtk_window_destroy (GTK_WINDOW (dialog));
      g_assert_cmpint (falt_store_get_content_version (store), ==, version);
      /* Imported, never opened as a PDF: a PDF renamed .faltstod was kept opened in memory. */
      g_assert_null (falt_pdf_document_take_preloaded (file, NULL));
    }
}

static void
test_bad_update_files_are_refused (void)
{
  g_autofree char *dir = g_dir_make_tmp ("faltstod-bad-XXXXXX", NULL);
  g_autofree char *pdf = falt_test_write_pdf (1, 0, "bad-input-renamed.pdf");
  g_autofree char *contents = NULL;
  gsize length;
  char *paths[] = {
    g_build_filename (dir, "empty.faltstod", NULL),
    g_build_filename (dir, "renamed-pdf.faltstod", NULL),
    g_build_filename (dir, "n\xe4sta \xff.faltstod", NULL),
    NULL,
  };

  g_assert_true (g_file_get_contents (pdf, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (paths[0], "", 0, NULL));
  g_assert_true (g_file_set_contents (paths[1], contents, length, NULL));
  g_assert_true (g_file_set_contents (paths[2], "Mötesanteckningar, ingen uppdatering.\n", -1, NULL));

  falt_test_run_app (check_bad_update_files_are_refused, paths);

  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_unlink (paths[i]);
      g_free (paths[i]);
    }
  g_unlink (pdf);
  g_rmdir (dir);
}

/* Another process holding the database's write lock (`sqlite3` with BEGIN
 * IMMEDIATE; an import's transaction) while the reader bookmarks, opens a
 * document and quits: nothing waits on the main loop, and what waited is
 * written at quit once the lock is freed within the busy timeout. */
typedef struct
{
  char    *db_path;
  sqlite3 *other;
  GThread *releaser;
} LockHeld;

static gpointer
release_lock_soon (gpointer data)
{
  LockHeld *held = data;

  /* The app is quitting by now, its last flush waiting for the lock. */
  g_usleep (G_USEC_PER_SEC);
  g_assert_cmpint (sqlite3_exec (held->other, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (held->other);
  return NULL;
}

static void
check_writes_wait_in_memory_for_the_lock (FaltApplication *app,
                                          FaltWindow      *window,
                                          gpointer         data)
{
  LockHeld *held = data;
  FaltStore *store = falt_application_get_store (app);
  GtkWidget *document;

  held->db_path = g_strdup (falt_store_get_path (store));
  g_assert_cmpint (sqlite3_open (held->db_path, &held->other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (held->other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-document", "(si)", "brochure-sa-gor-vi", 2);
  document = falt_test_find_widget (GTK_WIDGET (window), FALT_TYPE_DOCUMENT_PAGE, NULL);
  gtk_widget_activate_action (document, "document.bookmark", NULL);
  falt_test_iterate (300);
  /* Queued, not waited for; and the page already shows the star. */
  g_assert_cmpuint (falt_store_count_pending_writes (store), >=, 2);
  g_assert_true (falt_store_is_bookmarked (store, "brochure-sa-gor-vi"));

  held->releaser = g_thread_new ("release-lock", release_lock_soon, held);
}

static gint64
query_count (const char *db_path,
             const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 count;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  count = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return count;
}

static void
test_writes_wait_in_memory_for_the_lock (void)
{
  LockHeld held = { NULL };

  falt_test_run_app (check_writes_wait_in_memory_for_the_lock, &held);
  g_thread_join (held.releaser);

  g_assert_cmpint (query_count (held.db_path, "SELECT count(*) FROM bookmarks WHERE doc_id = 'brochure-sa-gor-vi'"),
                   ==, 1);
  g_assert_cmpint (query_count (held.db_path, "SELECT count(*) FROM recent WHERE doc_id = 'brochure-sa-gor-vi'"),
                   ==, 1);
  g_free (held.db_path);
}

static gboolean
library_pdf_is_shown (gpointer data)
{
  FaltWindow *window = data;
  GtkWidget *view = falt_test_find_widget (GTK_WIDGET (window), FALT_TYPE_PDF_VIEW, NULL);

  return view != NULL && gtk_widget_is_drawable (view) && falt_pdf_view_get_n_pages (FALT_PDF_VIEW (view)) > 0;
}

/* `faltstod FIFO.pdf` preloads the file on a thread while the window is built; a
 * PDF from the library opened next waits for that preload to be done. */
static void
check_library_pdf_opens_after_a_fifo (FaltApplication *app,
                                      FaltWindow      *window,
                                      gpointer         data)
{
  GtkWidget *document = falt_test_find_widget (GTK_WIDGET (window), FALT_TYPE_DOCUMENT_PAGE, NULL);
  ErrorShown shown = {
    ADW_STATUS_PAGE (falt_test_find_widget (document, ADW_TYPE_STATUS_PAGE, NULL)),
    "This is not an ordinary file (it is a device or a pipe), so it cannot be shown",
  };

  g_assert_true (falt_test_wait_for (error_is_shown, &shown, 10000));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-document", "(si)", "brochure-sa-gor-vi", 1);
  g_assert_true (falt_test_wait_for (library_pdf_is_shown, window, 10000));
}

static void
test_library_pdf_opens_after_a_fifo (void)
{
  g_autofree char *dir = g_dir_make_tmp ("faltstod-bad-XXXXXX", NULL);
  g_autofree char *fifo = g_build_filename (dir, "pipe.pdf", NULL);

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  falt_test_run_app_with_file (check_library_pdf_opens_after_a_fifo, NULL, fifo);
  g_unlink (fifo);
  g_rmdir (dir);
}

static GtkWidget *
find_file_chooser_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (GTK_IS_FILE_CHOOSER_DIALOG (window) && gtk_widget_get_visible (window))
        return window;
    }
  return NULL;
}

static gboolean
file_chooser_is_shown (gpointer data)
{
  return find_file_chooser_dialog () != NULL;
}

/* Save a Copy suggests the PDF's own name: shown in the chooser's entry, it must
 * be UTF-8 even when the name on disk is not. */
static void
check_save_copy_of_odd_name (FaltApplication *app,
                             FaltWindow      *window,
                             gpointer         data)
{
  g_autoptr (GFile) file = g_file_new_for_path (data);
  GtkWidget *document;

  falt_window_open_file (window, file);
  g_assert_true (falt_test_wait_for (library_pdf_is_shown, window, 10000));
  document = falt_test_find_widget (GTK_WIDGET (window), FALT_TYPE_DOCUMENT_PAGE, NULL);
  gtk_widget_activate_action (document, "document.save-copy", NULL);
  g_assert_true (falt_test_wait_for (file_chooser_is_shown, NULL, 10000));
  falt_test_iterate (300);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_dialog_response (GTK_DIALOG (find_file_chooser_dialog ()), GTK_RESPONSE_CANCEL);
  G_GNUC_END_IGNORE_DEPRECATIONS
  falt_test_iterate (100);
}

static void
test_save_copy_of_odd_name (void)
{
  g_autofree char *pdf = falt_test_write_pdf (1, 0, "bad-input-odd.pdf");
  g_autofree char *odd = g_build_filename (g_get_tmp_dir (), "rapport \xff\xfe.pdf", NULL);
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (pdf, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (odd, contents, length, NULL));
  falt_test_run_app (check_save_copy_of_odd_name, odd);
  g_unlink (odd);
  g_unlink (pdf);
}

int
main (int argc, char *argv[])
{
  falt_test_init (&argc, &argv);

  g_test_add_func ("/bad-input/pdf/loader-reads-what-is-there", test_loader_reads_what_is_there);
  g_test_add_func ("/bad-input/pdf/bad-files-show-error-pages", test_bad_files_show_error_pages);
  g_test_add_func ("/bad-input/pdf/library-pdf-opens-after-a-fifo", test_library_pdf_opens_after_a_fifo);
  g_test_add_func ("/bad-input/pdf/save-copy-of-odd-name", test_save_copy_of_odd_name);
  g_test_add_func ("/bad-input/update-file/not-a-tar-is-refused", test_bad_update_files_are_refused);
  g_test_add_func ("/bad-input/store/writes-wait-in-memory-for-the-lock", test_writes_wait_in_memory_for_the_lock);

  return falt_test_run ();
}
