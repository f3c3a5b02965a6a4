/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/resource.h>
#include <glib/gstdio.h>

#include "falt-test-utils.h"
#include "ui/falt-application.h"
#include "ui/falt-library-page.h"
#include "ui/falt-window.h"

/* The first start in the real app: the window shows at once while the bundled material is
 * installed off the main loop, says so on the pages that need it, and fills in when the store
 * has it. The import is held on the database's write lock here (as another writer would hold
 * it), so the window is seen while it waits: a main loop that waited for it would have shown
 * nothing. */

static gboolean
installing_page_is_shown (gpointer data)
{
  GtkWidget *status = falt_test_find_widget (GTK_WIDGET (data), ADW_TYPE_STATUS_PAGE, NULL);

  return status != NULL && gtk_widget_is_drawable (status)
         && g_strcmp0 (adw_status_page_get_title (ADW_STATUS_PAGE (status)), "Installing the Material…") == 0;
}

static gboolean
material_is_in (gpointer data)
{
  return !falt_store_get_installing (falt_application_get_store (data));
}

static gboolean
library_is_shown (gpointer data)
{
  GtkWidget *library = falt_test_find_widget (GTK_WIDGET (data), FALT_TYPE_LIBRARY_PAGE, NULL);

  return library != NULL && gtk_widget_is_drawable (library);
}

static void
check_window_shows_installing (FaltApplication *app,
                               FaltWindow      *window,
                               gpointer         data)
{
  sqlite3 *lock = data;
  FaltStore *store = falt_application_get_store (app);
  GtkWidget *spinner;

  g_assert_nonnull (store);
  g_assert_true (falt_store_get_installing (store));
  g_assert_cmpint (falt_store_get_content_version (store), ==, 0);

  falt_window_show_page (window, "library");
  g_assert_true (falt_test_wait_for (installing_page_is_shown, window, 5000));
  spinner = falt_test_find_widget (GTK_WIDGET (window), GTK_TYPE_SPINNER, NULL);
  g_assert_nonnull (spinner);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (spinner), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Installing the material");
  g_free (falt_test_save_screenshot (GTK_WIDGET (window), "first-start-installing"));

  /* The other writer is done: the material comes in, and the page shows it. */
  g_assert_cmpint (sqlite3_exec (lock, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_true (falt_test_wait_for (material_is_in, app, 30000));
  g_assert_cmpint (falt_store_get_content_version (store), >, 0);
  g_assert_true (falt_test_wait_for (library_is_shown, window, 5000));
  g_assert_false (installing_page_is_shown (window));
  g_assert_nonnull (falt_test_find_widget (GTK_WIDGET (window), GTK_TYPE_LIST_BOX_ROW, "section-manuals"));
  falt_test_iterate (300);
  g_free (falt_test_save_screenshot (GTK_WIDGET (window), "first-start-installed"));
}

static void
test_first_start_installs_off_main_loop (void)
{
  g_autofree char *data_dir = g_build_filename (g_get_user_data_dir (), "faltstod", NULL);
  g_autofree char *path = g_build_filename (data_dir, "faltstod.db", NULL);
  g_autoptr (FaltStore) empty = NULL;
  g_autoptr (GError) error = NULL;
  sqlite3 *lock = NULL;

  /* A store with no material yet, as a first start makes it; a writer holds its lock. */
  falt_test_remove_tree (data_dir);
  g_assert_cmpint (g_mkdir_with_parents (data_dir, 0700), ==, 0);
  empty = falt_store_open (path, &error);
  g_assert_no_error (error);
  g_clear_object (&empty);
  g_assert_cmpint (sqlite3_open (path, &lock), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (lock, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  falt_test_run_app_while_installing (check_window_shows_installing, lock);
  sqlite3_close (lock);
}

static gboolean
not_kept_toast_is_shown (gpointer data)
{
  return falt_test_has_label_containing (GTK_WIDGET (data), "history and bookmarks are not kept");
}

static void
check_window_on_full_disk (FaltApplication *app,
                           FaltWindow      *window,
                           gpointer         data)
{
  FaltStore *store = falt_application_get_store (app);

  g_assert_nonnull (store);
  g_assert_cmpint (falt_store_get_content_version (store), >, 0);
  g_assert_true (falt_store_is_read_only (store));
  g_assert_null (falt_store_get_recovery_reason (store));
  g_assert_true (falt_test_wait_for (not_kept_toast_is_shown, window, 5000));
  falt_window_show_page (window, "library");
  g_assert_true (falt_test_wait_for (library_is_shown, window, 5000));
  /* (No screenshot: the file size limit is on the PNG too.) */
}

/* A full disk on the first start (a file size limit, as no privilege is needed for it): the
 * window shows the bundled material from memory, and says why the reader's history and
 * bookmarks are not kept. Nothing is taken for damage. */
static void
test_first_start_on_full_disk (void)
{
  g_autofree char *data_dir = g_build_filename (g_get_user_data_dir (), "faltstod", NULL);

  if (g_test_subprocess ())
    {
      struct rlimit fsize = { 200 * 1024, 200 * 1024 };

      falt_test_remove_tree (data_dir);
      signal (SIGXFSZ, SIG_IGN);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &fsize), ==, 0);
      falt_test_run_app (check_window_on_full_disk, NULL);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDOUT | G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int argc, char *argv[])
{
  falt_test_init (&argc, &argv);

  g_test_add_func ("/first-start/installs-off-main-loop", test_first_start_installs_off_main_loop);
  g_test_add_func ("/first-start/on-full-disk", test_first_start_on_full_disk);
  return falt_test_run ();
}
