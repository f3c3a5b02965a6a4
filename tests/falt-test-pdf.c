/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <cairo-pdf.h>
#include <glib/gstdio.h>

#include "falt-test-pdf.h"

/* Writes @name (in the temporary folder) with @n_pages pages and returns its
 * path. */
char *
falt_test_write_pdf (int               n_pages,
                     FaltTestPdfFlags  flags,
                     const char       *name)
{
  char *path = g_build_filename (g_get_tmp_dir (), name, NULL);
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 595, 842);
  cairo_t *cr = cairo_create (surface);
  static const char *const roman[] = { "i", "ii", "iii" };

  if (flags & FALT_TEST_PDF_METADATA)
    {
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, FALT_TEST_PDF_TITLE);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, FALT_TEST_PDF_AUTHOR);
    }

  for (int i = 1; i <= n_pages; i++)
    {
      g_autofree char *text = g_strdup_printf ("Sida %d", i);
      gboolean landscape = (flags & FALT_TEST_PDF_MIXED_SIZES) && i % 3 == 0;

      cairo_pdf_surface_set_size (surface, landscape ? 842 : 595, landscape ? 595 : 842);
      if (flags & FALT_TEST_PDF_LABELS)
        {
          g_autofree char *label = i <= 3 ? g_strdup (roman[i - 1]) : g_strdup_printf ("%d", i - 3);

          cairo_pdf_surface_set_page_label (surface, label);
        }
      cairo_set_font_size (cr, 48);
      cairo_move_to (cr, 72, 144);
      cairo_show_text (cr, text);
      if (i % 7 == 0)
        {
          cairo_set_font_size (cr, 20);
          cairo_move_to (cr, 72, 300);
          cairo_show_text (cr, "Ring en " FALT_TEST_PDF_WORD " i regionen.");
          cairo_move_to (cr, 72, 400);
          cairo_show_text (cr, "Varje " FALT_TEST_PDF_WORD " svarar dygnet runt.");
        }
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  return path;
}

GBytes *
falt_test_make_pdf (int              n_pages,
                    FaltTestPdfFlags flags)
{
  g_autofree char *name = g_strdup_printf ("falt-test-%d-%d.pdf", (int) getpid (), g_random_int ());
  g_autofree char *path = falt_test_write_pdf (n_pages, flags, name);
  char *contents;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_unlink (path);
  return g_bytes_new_take (contents, length);
}
