/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "falt-test-reading.h"
#include "falt-test-utils.h"
#include "ui/falt-command-line.h"
#include "ui/falt-document-page.h"
#include "ui/falt-markdown-table.h"
#include "ui/falt-markdown-view.h"
#include "ui/falt-pdf-controls.h"
#include "ui/falt-library-page.h"
#include "ui/falt-pdf-view-private.h"
#include "ui/falt-search-page-private.h"

/* PDF search hits in the real app, on the reading tests' material: the page, the written forms
 * the search matched, the page labels, presentation and the kept position. */

static char *feed_root;

static FaltPdfView *
pdf_view (FaltWindow *window)
{
  return FALT_PDF_VIEW (falt_test_find_widget (GTK_WIDGET (window), FALT_TYPE_PDF_VIEW, NULL));
}

static gboolean
pdf_find_is_done (gpointer data)
{
  FaltPdfFind *find = falt_pdf_view_get_find (pdf_view (data));

  return falt_pdf_view_get_n_pages (pdf_view (data)) > 0 && !falt_pdf_find_is_running (find)
         && falt_pdf_find_get_n_hits (find) > 0;
}

static gboolean
pdf_is_open (gpointer data)
{
  return falt_pdf_view_get_n_pages (pdf_view (data)) > 0;
}

/* A PDF among the reading features: a search hit opens it at its page with
 * the words found, a presentation steps it by page, its page is kept. */
static void
check_pdf_search_hit_presentation_and_position (FaltApplication *app,
                                                FaltWindow      *window,
                                                gpointer         data)
{
  GObject *keys = falt_test_reading_capture_key_controller_of (GTK_WIDGET (window));
  GtkWidget *entry;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-search-hit", "(sis)", "folder", 3, "stöd");
  g_assert_true (falt_test_wait_for (pdf_find_is_done, window, 10000));
  falt_test_iterate (300);
  entry = falt_test_find_widget (GTK_WIDGET (pdf_view (window)), GTK_TYPE_SEARCH_ENTRY, NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "stöd");
  g_assert_true (gtk_widget_is_drawable (entry));
  /* "stödet" on page 1 and "stöd" on page 3. */
  g_assert_cmpuint (falt_pdf_find_get_n_hits (falt_pdf_view_get_find (pdf_view (window))), ==, 2);
  g_assert_cmpint (falt_pdf_view_get_current_page (pdf_view (window)), ==, 3);
  g_free (falt_test_save_screenshot (GTK_WIDGET (window), "reading-pdf-search-hit"));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.present", NULL);
  falt_test_iterate (300);
  g_assert_true (falt_window_get_presenting (window));
  falt_test_reading_press_key (keys, GDK_KEY_Page_Up);
  falt_test_iterate (200);
  g_assert_cmpint (falt_pdf_view_get_current_page (pdf_view (window)), ==, 2);
  falt_test_reading_press_key (keys, GDK_KEY_Escape);
  g_assert_false (falt_window_get_presenting (window));
  /* Leaving the presentation, the PDF is back at the page it was at. */
  falt_test_iterate (200);
  g_assert_cmpint (falt_pdf_view_get_current_page (pdf_view (window)), ==, 3);
  gtk_widget_activate_action (GTK_WIDGET (pdf_view (window)), "pdf.previous-page", NULL);
  falt_test_iterate (200);
  g_assert_cmpint (falt_pdf_view_get_current_page (pdf_view (window)), ==, 2);

  /* Closed and opened again, the PDF resumes at the page it was left. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.close-document", NULL);
  falt_test_open_document (window, "folder");
  g_assert_true (falt_test_wait_for (pdf_is_open, window, 10000));
  falt_test_iterate (200);
  g_assert_cmpint (falt_pdf_view_get_current_page (pdf_view (window)), ==, 2);

  /* An article opened while a PDF is still opening stays on screen. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-document", "(si)", "folder", 1);
  falt_test_open_document (window, "third");
  falt_test_iterate (400);
  g_assert_cmpstr (falt_window_get_content_title (window), ==, "Tredje");
  g_assert_true (gtk_widget_is_drawable (GTK_WIDGET (falt_test_reading_markdown_view (window))));
  g_assert_cmpint (falt_pdf_view_get_n_pages (pdf_view (window)), ==, 0);
}

static void
test_pdf_search_hit_presentation_and_position (void)
{
  falt_test_run_app (check_pdf_search_hit_presentation_and_position, NULL);
}

/* Regression: a PDF hit found the query as typed, so "stödet" marked
 * "stödet" only. It marks every written form the stemmed search matched,
 * as whole words ("stödtelefonen" is not one), on all pages in page order. */
static void
check_pdf_search_hit_marks_written_forms (FaltApplication *app,
                                          FaltWindow      *window,
                                          gpointer         data)
{
  FaltPdfFind *find;
  GtkWidget *entry;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-search-hit", "(sis)", "forms", 2, "stödet");
  g_assert_true (falt_test_wait_for (pdf_find_is_done, window, 10000));
  falt_test_iterate (300);
  find = falt_pdf_view_get_find (pdf_view (window));
  entry = falt_test_find_widget (GTK_WIDGET (pdf_view (window)), GTK_TYPE_SEARCH_ENTRY, NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "stödet");
  /* stödet, stöd, stöden on page 2; "stöd." on page 4 (poppler's whole
   * words miss a word with a full stop). */
  g_assert_cmpuint (falt_pdf_find_get_n_hits (find), ==, 4);
  g_assert_cmpstr (falt_pdf_view_get_find_status (pdf_view (window)), ==, "1 of 4");
  g_assert_cmpint (falt_pdf_find_get_current_page (find), ==, 1);
  g_assert_cmpint (falt_pdf_view_get_current_page (pdf_view (window)), ==, 2);
  falt_test_reading_save_screenshots (window, "reading-pdf-written-forms");

  gtk_widget_activate_action (GTK_WIDGET (pdf_view (window)), "pdf.find-next", NULL);
  gtk_widget_activate_action (GTK_WIDGET (pdf_view (window)), "pdf.find-next", NULL);
  g_assert_cmpstr (falt_pdf_view_get_find_status (pdf_view (window)), ==, "3 of 4");
  g_assert_cmpint (falt_pdf_find_get_current_page (find), ==, 1);
  gtk_widget_activate_action (GTK_WIDGET (pdf_view (window)), "pdf.find-next", NULL);
  g_assert_cmpstr (falt_pdf_view_get_find_status (pdf_view (window)), ==, "4 of 4");
  g_assert_cmpint (falt_pdf_find_get_current_page (find), ==, 3);
  falt_test_iterate (200);
  g_assert_cmpint (falt_pdf_view_get_current_page (pdf_view (window)), ==, 4);
}

static void
test_pdf_search_hit_marks_written_forms (void)
{
  falt_test_run_app (check_pdf_search_hit_marks_written_forms, NULL);
}

/* Regression: the result said "page 5" where the viewer says "3" (a PDF
 * labelled i, ii, 1, 2, 3): the row and the viewer show the same label. */
static void
check_pdf_hit_page_label (FaltApplication *app,
                          FaltWindow      *window,
                          gpointer         data)
{
  GtkWidget *search, *pdfs, *document, *page_row, *page_entry;
  FaltPdfView *view;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);
  search = falt_test_find_widget (GTK_WIDGET (window), FALT_TYPE_SEARCH_PAGE, NULL);
  falt_search_page_set_query (FALT_SEARCH_PAGE (search), "reflektionstiden");
  g_assert_true (falt_test_wait_for (falt_test_reading_search_has_results, search, 5000));
  falt_test_iterate (100);
  pdfs = falt_test_find_widget (search, GTK_TYPE_LIST_BOX, "pdfs");
  g_assert_nonnull (pdfs);
  document = falt_test_reading_first_row_of (pdfs);
  g_assert_true (falt_test_reading_has_label (document, "Numrerad"));
  g_assert_true (falt_test_reading_has_label (document, "1 page matches"));
  page_row = gtk_widget_get_next_sibling (document);
  g_assert_nonnull (page_row);
  g_assert_true (falt_test_reading_has_label (page_row, "Page 3"));
  falt_test_reading_save_screenshots (window, "reading-search-page-label");

  g_signal_emit_by_name (pdfs, "row-activated", page_row);
  g_assert_true (falt_test_wait_for (pdf_find_is_done, window, 10000));
  falt_test_iterate (300);
  view = pdf_view (window);
  g_assert_cmpint (falt_pdf_view_get_current_page (view), ==, 5);
  page_entry = falt_test_find_widget (falt_test_find_widget (GTK_WIDGET (window), FALT_TYPE_PDF_CONTROLS, NULL),
                                      GTK_TYPE_ENTRY, NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (page_entry)), ==, "3");
  falt_test_reading_save_screenshots (window, "reading-pdf-page-label");
}

static void
test_pdf_hit_page_label (void)
{
  falt_test_run_app (check_pdf_hit_page_label, NULL);
}

/* A PDF of the library is read off the main loop; another document opened before it came
 * cancels the read, and the PDF never takes the place of what is shown. */
static void
check_pdf_read_cancelled_by_next_document (FaltApplication *app,
                                           FaltWindow      *window,
                                           gpointer         data)
{
  GtkWidget *document;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-document", "(si)", "folder", 1);
  document = falt_test_find_widget (GTK_WIDGET (window), FALT_TYPE_DOCUMENT_PAGE, NULL);
  g_assert_nonnull (document);
  /* Its bytes are not read yet: opening did not wait for them. */
  g_assert_cmpint (falt_pdf_view_get_n_pages (pdf_view (window)), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-document", "(si)", "guide", 0);
  falt_test_iterate (1000);
  g_assert_true (gtk_widget_is_drawable (GTK_WIDGET (falt_test_reading_markdown_view (window))));
  g_assert_false (gtk_widget_is_drawable (GTK_WIDGET (pdf_view (window))));
  g_assert_null (falt_pdf_view_get_document (pdf_view (window)));
  g_assert_cmpstr (falt_document_page_get_id (FALT_DOCUMENT_PAGE (document)), ==, "guide");

  /* And a PDF left alone opens. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-document", "(si)", "folder", 1);
  g_assert_true (falt_test_wait_for (pdf_is_open, window, 10000));
}

static void
test_pdf_read_cancelled_by_next_document (void)
{
  falt_test_run_app (check_pdf_read_cancelled_by_next_document, NULL);
}

static void
append_printed_cb (const char *text)
{
  g_string_append (g_object_get_data (G_OBJECT (g_application_get_default ()), "printed"), text);
}

/* Regression: `faltstod --search` printed a PDF hit's page number ("5")
 * where the viewer and the search page say the page's label ("3"). */
static void
check_command_line_prints_page_label (FaltApplication *app,
                                      FaltWindow      *window,
                                      gpointer         data)
{
  g_autoptr (GVariantDict) options = g_variant_dict_new (NULL);
  g_autoptr (GString) printed = g_string_new (NULL);
  GPrintFunc old_handler;
  int status;

  g_variant_dict_insert (options, "search", "^ay", "reflektionstiden");
  g_variant_dict_insert (options, "lang", "s", "sv");
  g_object_set_data (G_OBJECT (app), "printed", printed);
  old_handler = g_set_print_handler (append_printed_cb);
  status = falt_command_line_handle (options);
  g_set_print_handler (old_handler);
  g_object_set_data (G_OBJECT (app), "printed", NULL);
  g_test_message ("printed: %s", printed->str);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (g_str_has_prefix (printed->str, "labelled\t3\tNumrerad\t"));
}

static void
test_command_line_prints_page_label (void)
{
  falt_test_run_app (check_command_line_prints_page_label, NULL);
}

int
main (int argc, char *argv[])
{
  int status;

  falt_test_init (&argc, &argv);
  feed_root = falt_test_reading_write_feed ();

  g_test_add_func ("/reading/pdf-search-hit-presentation-and-position", test_pdf_search_hit_presentation_and_position);
  g_test_add_func ("/reading/pdf-search-hit-marks-written-forms", test_pdf_search_hit_marks_written_forms);
  g_test_add_func ("/reading/pdf-hit-page-label", test_pdf_hit_page_label);
  g_test_add_func ("/reading/pdf-read-cancelled-by-next-document", test_pdf_read_cancelled_by_next_document);
  g_test_add_func ("/reading/command-line-prints-page-label", test_command_line_prints_page_label);

  status = falt_test_run ();
  falt_test_remove_tree (feed_root);
  g_free (feed_root);
  return status;
}
