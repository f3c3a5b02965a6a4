/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-pdf-print"

#include "falt-pdf-print.h"

/* Printing a PDF: GtkPrintOperation asks for each page the dialog's range
 * includes; the worker records it with poppler_page_render_for_printing,
 * and the recording is played into the print context on the main thread
 * (drawing is deferred meanwhile, so the main loop goes on). */

typedef struct
{
  FaltPdfDocument *document;
  FaltPdfJob      *job;
  GArray          *pages;  /* (nullable): for an export, the pages of its range */
} PrintData;

static void
print_data_free (PrintData *data)
{
  if (data->job != NULL)
    falt_pdf_job_cancel (data->job);
  g_clear_object (&data->job);
  g_clear_object (&data->document);
  g_clear_pointer (&data->pages, g_array_unref);
  g_free (data);
}

static void
on_page_recorded_cb (FaltPdfJob        *job,
                     GtkPrintOperation *operation)
{
  PrintData *data = g_object_get_data (G_OBJECT (operation), "falt-print");
  GtkPrintContext *context = g_object_get_data (G_OBJECT (job), "falt-print-context");
  cairo_surface_t *recording = falt_pdf_job_get_recording (job);
  double width, height, scale;
  cairo_t *cr;

  if (recording != NULL && context != NULL)
    {
      falt_pdf_document_get_page_size (data->document, falt_pdf_job_get_page (job), &width, &height);
      cr = gtk_print_context_get_cairo_context (context);
      /* The page as large as the paper allows, its proportions kept. */
      scale = MIN (gtk_print_context_get_width (context) / width, gtk_print_context_get_height (context) / height);
      cairo_save (cr);
      cairo_scale (cr, scale, scale);
      cairo_set_source_surface (cr, recording, 0, 0);
      cairo_paint (cr);
      cairo_restore (cr);
    }
  if (data->job == job)
    g_clear_object (&data->job);
  gtk_print_operation_draw_page_finish (operation);
}

static void
on_draw_page_cb (GtkPrintOperation *operation,
                 GtkPrintContext   *context,
                 int                page,
                 gpointer           user_data)
{
  PrintData *data = g_object_get_data (G_OBJECT (operation), "falt-print");

  gtk_print_operation_set_defer_drawing (operation);
  g_clear_object (&data->job);
  if (data->pages != NULL)
    page = g_array_index (data->pages, int, page);
  data->job = falt_pdf_job_new_print (page);
  g_object_set_data (G_OBJECT (data->job), "falt-print-context", context);
  g_signal_connect_object (data->job, "finished", G_CALLBACK (on_page_recorded_cb), operation, 0);
  falt_pdf_document_run (data->document, data->job);
}

/**
 * falt_pdf_print_operation_new:
 * @title: (nullable): the print job's name
 *
 * Returns: (transfer full): a print operation for every page of @document,
 *   asynchronous, in points, each page fitted to the paper
 */
GtkPrintOperation *
falt_pdf_print_operation_new (FaltPdfDocument *document,
                              const char      *title)
{
  GtkPrintOperation *operation = gtk_print_operation_new ();
  PrintData *data = g_new0 (PrintData, 1);

  data->document = g_object_ref (document);
  g_object_set_data_full (G_OBJECT (operation), "falt-print", data, (GDestroyNotify) print_data_free);
  gtk_print_operation_set_n_pages (operation, falt_pdf_document_get_n_pages (document));
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_allow_async (operation, TRUE);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  if (title != NULL)
    gtk_print_operation_set_job_name (operation, title);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page_cb), NULL);
  return operation;
}

/**
 * falt_pdf_print_operation_export_range:
 * @settings: print settings, with a page range ("print-pages" ranges and
 *   "page-ranges") or none
 *
 * Prints only the pages of @settings' range when @operation exports. GTK
 * applies the print dialog's range when it prints through a printer (the
 * print-to-file one included), but an export, which has no dialog, prints
 * every page.
 */
void
falt_pdf_print_operation_export_range (GtkPrintOperation *operation,
                                       GtkPrintSettings  *settings)
{
  PrintData *data = g_object_get_data (G_OBJECT (operation), "falt-print");
  int n_pages = falt_pdf_document_get_n_pages (data->document);
  g_autofree GtkPageRange *ranges = NULL;
  g_autoptr (GArray) pages = NULL;
  int n_ranges = 0;

  if (gtk_print_settings_get_print_pages (settings) != GTK_PRINT_PAGES_RANGES)
    return;
  ranges = gtk_print_settings_get_page_ranges (settings, &n_ranges);
  pages = g_array_new (FALSE, FALSE, sizeof (int));
  for (int r = 0; r < n_ranges; r++)
    for (int page = MAX (ranges[r].start, 0); page <= MIN (ranges[r].end, n_pages - 1); page++)
      g_array_append_val (pages, page);
  /* A range with no page of the document (the dialog refuses one) prints
   * the document. */
  if (pages->len == 0)
    return;
  gtk_print_operation_set_n_pages (operation, pages->len);
  g_clear_pointer (&data->pages, g_array_unref);
  data->pages = g_steal_pointer (&pages);
}
