/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

#include "falt-test-pdf.h"
#include "falt-test-utils.h"
#include "ui/falt-document-page.h"
#include "ui/falt-pdf-view-private.h"

/* The PDF viewer in the running app: a PDF from disk (opened, Open With…, its properties,
 * broken ones), find across pages and a search hit's words. test-pdf.c has the viewer itself. */

static FaltPdfView *
find_pdf_view (FaltWindow *window)
{
  return FALT_PDF_VIEW (falt_test_find_widget (GTK_WIDGET (window), FALT_TYPE_PDF_VIEW, NULL));
}

static gboolean
pdf_is_shown (gpointer data)
{
  return falt_pdf_view_get_n_pages (find_pdf_view (data)) > 0 && falt_test_pdf_view_is_rendered (find_pdf_view (data));
}

static gboolean
toplevel_is_shown (gpointer data)
{
  GtkWidget *window = falt_test_find_toplevel (GPOINTER_TO_SIZE (data));

  return window != NULL && gtk_widget_get_mapped (window);
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), label) == 0)
        return child;
      if ((found = find_button (child, label)) != NULL)
        return found;
    }
  return NULL;
}

static gboolean
toplevel_is_gone (gpointer data)
{
  return !toplevel_is_shown (data);
}

/* Document properties: the PDF's title and author, its pages and size. */
static void
test_document_properties (void)
{
  GtkWidget *view = falt_pdf_view_new ();
  g_autoptr (GBytes) pdf = falt_test_make_pdf (7, FALT_TEST_PDF_METADATA);
  g_autofree char *size = g_format_size (g_bytes_get_size (pdf));
  g_autofree char *size_line = g_strdup_printf ("Size: %s", size);
  GtkWidget *window, *dialog;
  const char *body;

  g_assert_true (falt_pdf_view_load_bytes (FALT_PDF_VIEW (view), pdf, NULL));
  window = falt_test_show_in_window (view, 700, 600);
  gtk_widget_activate_action (view, "pdf.properties", NULL);
  g_assert_true (falt_test_wait_for (toplevel_is_shown, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG), 5000));
  dialog = falt_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Document Properties");
  body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));
  g_test_message ("%s", body);
  g_assert_nonnull (strstr (body, "Title: " FALT_TEST_PDF_TITLE "\n"));
  g_assert_nonnull (strstr (body, "Author: " FALT_TEST_PDF_AUTHOR "\n"));
  g_assert_nonnull (strstr (body, "7 pages\n"));
  g_assert_nonnull (strstr (body, size_line));
  falt_test_iterate (200);
  g_free (falt_test_save_screenshot (dialog, "pdf-properties"));

  /* Closed as a user does, with its button. */
  g_signal_emit_by_name (find_button (dialog, "_Close"), "clicked");
  g_assert_true (falt_test_wait_for (toplevel_is_gone, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG), 5000));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Open With…: an application installed for PDFs (a script here, set as
 * the default in mimeapps.list) that writes down the file it was given. */
static char *recorded_path;

static void
install_recording_app (void)
{
  g_autofree char *apps = g_build_filename (g_get_user_data_dir (), "applications", NULL);
  g_autofree char *script = g_build_filename (g_get_user_data_dir (), "record-opened.sh", NULL);
  g_autofree char *script_text = NULL;
  g_autofree char *desktop = g_build_filename (apps, "falt-test-recorder.desktop", NULL);
  g_autofree char *desktop_text = NULL;
  g_autofree char *mimeapps = g_build_filename (g_get_user_config_dir (), "mimeapps.list", NULL);

  recorded_path = g_build_filename (g_get_user_data_dir (), "opened.txt", NULL);
  g_assert_cmpint (g_mkdir_with_parents (apps, 0700), ==, 0);
  script_text = g_strdup_printf ("#!/bin/sh\nprintf '%%s' \"$1\" > '%s.part' && mv '%s.part' '%s'\n",
                                 recorded_path, recorded_path, recorded_path);
  g_assert_true (g_file_set_contents (script, script_text, -1, NULL));
  g_assert_cmpint (g_chmod (script, 0700), ==, 0);
  desktop_text = g_strdup_printf ("[Desktop Entry]\nType=Application\nName=Recorder\nExec=%s %%f\n"
                                  "MimeType=application/pdf;\nNoDisplay=false\n", script);
  g_assert_true (g_file_set_contents (desktop, desktop_text, -1, NULL));
  g_assert_true (g_file_set_contents (mimeapps, "[Default Applications]\napplication/pdf=falt-test-recorder.desktop\n",
                                      -1, NULL));
}

static gboolean
file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

/* Opens the document page's PDF with the app chooser, checks what it was
 * built for, and chooses the recorder. Returns the file the recorder got. */
static char *
open_with_recorder (FaltWindow *window)
{
  GtkWidget *document = falt_test_find_widget (GTK_WIDGET (window), FALT_TYPE_DOCUMENT_PAGE, NULL);
  GtkWidget *dialog;
  g_autoptr (GFile) file = NULL;
  g_autoptr (GAppInfo) app = NULL;
  char *recorded = NULL;

  g_unlink (recorded_path);
  gtk_widget_activate_action (document, "document.open-with", NULL);
  g_assert_true (falt_test_wait_for (toplevel_is_shown, GSIZE_TO_POINTER (GTK_TYPE_APP_CHOOSER_DIALOG), 5000));
  dialog = falt_test_find_toplevel (GTK_TYPE_APP_CHOOSER_DIALOG);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  g_assert_cmpstr (gtk_app_chooser_get_content_type (GTK_APP_CHOOSER (dialog)), ==, "application/pdf");
  app = gtk_app_chooser_get_app_info (GTK_APP_CHOOSER (dialog));
  G_GNUC_END_IGNORE_DEPRECATIONS
  g_assert_nonnull (app);
  g_assert_cmpstr (g_app_info_get_id (app), ==, "falt-test-recorder.desktop");
  g_object_get (dialog, "gfile", &file, NULL);
  g_assert_nonnull (file);
  falt_test_iterate (200);
  g_free (falt_test_save_screenshot (dialog, "pdf-open-with"));

  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);
  g_assert_true (falt_test_wait_for (file_exists, recorded_path, 10000));
  g_assert_true (g_file_get_contents (recorded_path, &recorded, NULL, NULL));
  {
    g_autofree char *chosen = g_file_get_path (file);

    /* The launcher was built for the file the chooser showed. */
    g_assert_cmpstr (recorded, ==, chosen);
  }
  g_assert_true (falt_test_wait_for (toplevel_is_gone, GSIZE_TO_POINTER (GTK_TYPE_APP_CHOOSER_DIALOG), 5000));
  return recorded;
}

static void
check_open_with (FaltApplication *app,
                 FaltWindow      *window,
                 gpointer         data)
{
  const char *path = data;
  g_autofree char *from_disk = NULL;
  g_autofree char *from_library = NULL;
  g_autofree char *copy = NULL;
  gsize length = 0;

  /* A file from disk goes as it is. */
  g_assert_true (falt_test_wait_for (pdf_is_shown, window, 20000));
  from_disk = open_with_recorder (window);
  g_assert_cmpstr (from_disk, ==, path);

  /* One from the library goes as a copy (another app needs a file). */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-document", "(si)", "brochure-sa-gor-vi", 1);
  g_assert_true (falt_test_wait_for (pdf_is_shown, window, 10000));
  from_library = open_with_recorder (window);
  g_assert_true (g_str_has_prefix (from_library, g_get_user_cache_dir ()));
  g_assert_true (g_str_has_suffix (from_library, ".pdf"));
  g_assert_true (g_file_get_contents (from_library, &copy, &length, NULL));
  g_assert_cmpuint (length, ==, g_bytes_get_size (falt_pdf_document_get_bytes (falt_pdf_view_get_document (find_pdf_view (window)))));
  g_assert_true (g_str_has_prefix (copy, "%PDF-"));
}

static void
test_open_with (void)
{
  g_autofree char *path = falt_test_write_pdf (3, 0, "open-with.pdf");

  install_recording_app ();
  falt_test_run_app_with_file (check_open_with, path, path);
  g_unlink (path);
  g_unlink (recorded_path);
  g_clear_pointer (&recorded_path, g_free);
}

static void
check_opens_file_from_command_line (FaltApplication *app,
                                    FaltWindow      *window,
                                    gpointer         data)
{
  FaltDocumentPage *document;

  g_assert_true (falt_test_wait_for (pdf_is_shown, window, 20000));
  g_assert_cmpstr (falt_window_get_visible_page (window), ==, "document");
  document = FALT_DOCUMENT_PAGE (falt_test_find_widget (GTK_WIDGET (window), FALT_TYPE_DOCUMENT_PAGE, NULL));
  g_assert_cmpstr (falt_document_page_get_title (document), ==, "handout.pdf");
  g_assert_cmpstr (falt_window_get_content_title (window), ==, "handout.pdf");
  /* Shown, not imported: the library knows nothing of it. */
  g_assert_null (falt_document_page_get_kind (document));
  g_assert_cmpint (falt_pdf_view_get_n_pages (find_pdf_view (window)), ==, 9);
  g_free (falt_test_save_screenshot (GTK_WIDGET (window), "pdf-from-disk"));

  /* A PDF dropped on the window is shown the same way. */
  {
    g_autofree char *path = falt_test_write_pdf (4, 0, "dropped.pdf");
    g_autoptr (GFile) file = g_file_new_for_path (path);
    g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
    GSList files = { file, NULL };
    GValue value = G_VALUE_INIT;
    gboolean dropped = FALSE;

    g_value_init (&value, GDK_TYPE_FILE_LIST);
    g_value_set_boxed (&value, &files);
    for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
      {
        g_autoptr (GObject) controller = g_list_model_get_item (controllers, i);

        if (GTK_IS_DROP_TARGET (controller))
          g_signal_emit_by_name (controller, "drop", &value, 10.0, 10.0, &dropped);
      }
    g_value_unset (&value);
    g_assert_true (dropped);
    falt_test_iterate (300);
    g_assert_true (falt_test_wait_for (pdf_is_shown, window, 20000));
    g_assert_cmpstr (falt_window_get_content_title (window), ==, "dropped.pdf");
    g_assert_cmpint (falt_pdf_view_get_n_pages (find_pdf_view (window)), ==, 4);
    g_unlink (path);
  }
}

static void
test_opens_file_from_command_line (void)
{
  g_autofree char *path = falt_test_write_pdf (9, FALT_TEST_PDF_LABELS, "handout.pdf");

  falt_test_run_app_with_file (check_opens_file_from_command_line, NULL, path);
  g_unlink (path);
}

static gboolean
find_is_done (gpointer data)
{
  FaltPdfFind *find = falt_pdf_view_get_find (data);

  return !falt_pdf_find_is_running (find) && falt_pdf_find_get_n_hits (find) > 0;
}

static void
check_find_steps_across_pages (FaltApplication *app,
                               FaltWindow      *window,
                               gpointer         data)
{
  FaltPdfView *view;
  GtkWidget *entry;

  g_assert_true (falt_test_wait_for (pdf_is_shown, window, 20000));
  view = find_pdf_view (window);
  falt_pdf_view_scroll_to_page (view, 30);
  falt_test_iterate (100);

  /* Ctrl+F over a PDF opens its find bar, with the focus in it. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.find", NULL);
  falt_test_iterate (100);
  entry = falt_test_find_widget (GTK_WIDGET (view), GTK_TYPE_SEARCH_ENTRY, NULL);
  g_assert_true (gtk_widget_is_drawable (entry));
  g_assert_true (gtk_widget_has_focus (entry) || gtk_widget_is_focus (gtk_widget_get_first_child (entry))
                 || gtk_widget_get_focus_child (entry) != NULL);
  gtk_editable_set_text (GTK_EDITABLE (entry), FALT_TEST_PDF_WORD);
  g_assert_true (falt_test_wait_for (find_is_done, view, 10000));

  /* Pages 7, 14 … 35 have the word twice: from page 30 the first hit is
   * the first on page 35, the ninth of ten. */
  g_assert_cmpuint (falt_pdf_find_get_n_hits (falt_pdf_view_get_find (view)), ==, 10);
  g_assert_cmpstr (falt_pdf_view_get_find_status (view), ==, "9 of 10");
  g_assert_cmpint (falt_pdf_find_get_current_page (falt_pdf_view_get_find (view)), ==, 34);
  falt_test_iterate (100);
  g_assert_cmpint (falt_pdf_view_get_current_page (view), ==, 35);
  g_free (falt_test_save_screenshot (GTK_WIDGET (window), "pdf-find"));

  /* Enter: the next hit on the same page; again: round to page 7. */
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpstr (falt_pdf_view_get_find_status (view), ==, "10 of 10");
  gtk_widget_activate_action (GTK_WIDGET (view), "pdf.find-next", NULL);
  g_assert_cmpstr (falt_pdf_view_get_find_status (view), ==, "1 of 10");
  falt_test_iterate (100);
  g_assert_cmpint (falt_pdf_view_get_current_page (view), ==, 7);
  gtk_widget_activate_action (GTK_WIDGET (view), "pdf.find-previous", NULL);
  g_assert_cmpstr (falt_pdf_view_get_find_status (view), ==, "10 of 10");
  falt_test_iterate (100);
  g_assert_cmpint (falt_pdf_view_get_current_page (view), ==, 35);

  /* Escape closes the bar; Ctrl+Shift+F still searches the library. */
  g_signal_emit_by_name (entry, "stop-search");
  falt_test_iterate (300);
  g_assert_false (gtk_widget_is_drawable (entry));
  g_assert_cmpuint (falt_pdf_find_get_n_hits (falt_pdf_view_get_find (view)), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);
  g_assert_cmpstr (falt_window_get_visible_page (window), ==, "search");
}

static void
test_find_steps_across_pages (void)
{
  g_autofree char *path = falt_test_write_pdf (40, 0, "find.pdf");

  falt_test_run_app_with_file (check_find_steps_across_pages, NULL, path);
  g_unlink (path);
}

/* A search hit opens its PDF with the words it matched found on the page. */
static void
check_search_hit_shows_its_words (FaltApplication *app,
                                  FaltWindow      *window,
                                  gpointer         data)
{
  FaltPdfView *view;
  GtkWidget *entry;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-document-find", "(sis)",
                              "brochure-sa-gor-vi", 1, "prostitution");
  view = find_pdf_view (window);
  g_assert_true (falt_test_wait_for (find_is_done, view, 10000));
  g_assert_cmpuint (falt_pdf_find_get_n_hits (falt_pdf_view_get_find (view)), >, 0);
  entry = falt_test_find_widget (GTK_WIDGET (view), GTK_TYPE_SEARCH_ENTRY, NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "prostitution");
  falt_test_iterate (300);
  g_assert_true (gtk_widget_is_drawable (entry));
  g_free (falt_test_save_screenshot (GTK_WIDGET (window), "pdf-search-hit"));
}

static void
test_search_hit_shows_its_words (void)
{
  falt_test_run_app (check_search_hit_shows_its_words, NULL);
}

typedef struct
{
  const char *path;
  const char *title;
  gboolean    locked;
  gboolean    readable;   /* its bytes were read: Save a Copy saves them */
} BrokenPdf;

typedef struct
{
  GtkWidget  *document;
  const char *title;
} ErrorPageWait;

static gboolean
error_page_is (gpointer data)
{
  ErrorPageWait *wait = data;
  GtkWidget *status = falt_test_find_widget (wait->document, ADW_TYPE_STATUS_PAGE, NULL);

  return status != NULL && gtk_widget_is_drawable (status)
         && g_strcmp0 (adw_status_page_get_title (ADW_STATUS_PAGE (status)), wait->title) == 0;
}

static GtkWidget *
find_button_for_action (GtkWidget  *root,
                        const char *action_name)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action_name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_for_action (child, action_name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
check_broken_pdfs_show_error_pages (FaltApplication *app,
                                    FaltWindow      *window,
                                    gpointer         data)
{
  const BrokenPdf *cases = data;

  for (const BrokenPdf *c = cases; c->path != NULL; c++)
    {
      g_autoptr (GFile) file = g_file_new_for_path (c->path);
      GtkWidget *document, *entry;
      AdwStatusPage *status;

      falt_window_open_file (window, file);
      document = falt_test_find_widget (GTK_WIDGET (window), FALT_TYPE_DOCUMENT_PAGE, NULL);
      /* The file is read and opened off the main loop: wait for this one's page, not the last. */
      g_assert_true (falt_test_wait_for (error_page_is, &(ErrorPageWait) { document, c->title }, 10000));
      status = ADW_STATUS_PAGE (falt_test_find_widget (document, ADW_TYPE_STATUS_PAGE, NULL));
      g_assert_true (gtk_widget_is_drawable (GTK_WIDGET (status)));
      g_assert_cmpstr (adw_status_page_get_title (status), ==, c->title);
      /* Ours, not poppler's English. */
      g_assert_null (strstr (adw_status_page_get_description (status), "PDF document is damaged"));
      /* Save a Copy is there only when it has the file's bytes to save. */
      {
        GtkWidget *save = find_button_for_action (document, "document.save-copy");

        g_assert_nonnull (save);
        g_assert_cmpint (gtk_widget_is_drawable (save), ==, c->readable);
      }
      entry = falt_test_find_widget (document, GTK_TYPE_PASSWORD_ENTRY, NULL);
      g_assert_cmpint (gtk_widget_is_drawable (entry), ==, c->locked);
      if (!c->locked)
        continue;

      g_free (falt_test_save_screenshot (GTK_WIDGET (window), "pdf-locked"));
      gtk_editable_set_text (GTK_EDITABLE (entry), "fel");
      gtk_widget_activate_action (document, "document.unlock", NULL);
      falt_test_iterate (300);
      g_assert_cmpstr (adw_status_page_get_description (status), ==, "The password is not right.");
      gtk_editable_set_text (GTK_EDITABLE (entry), "hemligt");
      gtk_widget_activate_action (document, "document.unlock", NULL);
      g_assert_true (falt_test_wait_for (pdf_is_shown, window, 20000));
      g_assert_cmpint (falt_pdf_view_get_n_pages (find_pdf_view (window)), ==, 3);
    }
}

static void
test_broken_pdfs_show_error_pages (void)
{
  g_autofree char *plain = falt_test_write_pdf (3, 0, "plain.pdf");
  g_autofree char *encrypted = g_build_filename (g_get_tmp_dir (), "locked.pdf", NULL);
  g_autofree char *damaged = g_build_filename (g_get_tmp_dir (), "damaged.pdf", NULL);
  g_autofree char *not_pdf = g_build_filename (g_get_tmp_dir (), "notes.pdf", NULL);
  /* A FIFO: not a file the app reads (falt-pdf-file.c), whoever runs the test. */
  g_autofree char *unreadable = g_build_filename (g_get_tmp_dir (), "pipe.pdf", NULL);
  g_autofree char *qpdf = g_find_program_in_path ("qpdf");
  g_autofree char *command = NULL;
  int status = -1;
  BrokenPdf cases[] = {
    { damaged, "The Document Could Not Be Shown", FALSE, TRUE },
    { not_pdf, "The Document Could Not Be Shown", FALSE, TRUE },
    { unreadable, "The Document Could Not Be Shown", FALSE, FALSE },
    { encrypted, "This PDF Is Locked", TRUE, TRUE },
    { NULL },
  };

  if (qpdf == NULL)
    {
      g_test_skip ("qpdf makes the encrypted PDF: build-aux/dev installs it");
      return;
    }
  command = g_strdup_printf ("qpdf --encrypt hemligt ägare 256 -- %s %s", plain, encrypted);
  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, &status, NULL));
  g_assert_cmpint (status, ==, 0);
  g_assert_true (g_file_set_contents (damaged, "%PDF-1.7\n1 0 obj << /Type /Catalog >>\ntrailer\n%%EOF\n", -1, NULL));
  g_assert_true (g_file_set_contents (not_pdf, "Mötesanteckningar, inte en PDF.\n", -1, NULL));
  g_unlink (unreadable);
  g_assert_cmpint (mkfifo (unreadable, 0600), ==, 0);

  falt_test_run_app (check_broken_pdfs_show_error_pages, cases);
  g_unlink (plain);
  g_unlink (encrypted);
  g_unlink (damaged);
  g_unlink (not_pdf);
  g_unlink (unreadable);
}


int
main (int argc, char *argv[])
{
  falt_test_init (&argc, &argv);

  g_test_add_func ("/pdf/app/opens-file-from-command-line", test_opens_file_from_command_line);
  g_test_add_func ("/pdf/app/broken-pdfs-show-error-pages", test_broken_pdfs_show_error_pages);
  g_test_add_func ("/pdf/app/find-steps-across-pages", test_find_steps_across_pages);
  g_test_add_func ("/pdf/app/search-hit-shows-its-words", test_search_hit_shows_its_words);
  g_test_add_func ("/pdf/view/document-properties", test_document_properties);
  g_test_add_func ("/pdf/app/open-with", test_open_with);

  return falt_test_run ();
}
