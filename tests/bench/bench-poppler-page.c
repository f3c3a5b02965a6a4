/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-poppler-page FILE WIDTH HEIGHT: the in-process baseline of
 * tests/bench/reading. Reads FILE, then times poppler opening it from those
 * bytes and rendering its first page to an image of WIDTH x HEIGHT pixels,
 * once, in a fresh process (as faltstod does at start-up). Prints
 * "open_ms N", "render_ms N" and "bytes_to_page_ms N". */
#include <cairo.h>
#include <poppler.h>
#include <stdlib.h>

int
main (int argc, char *argv[])
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GMappedFile) mapped = NULL;
  g_autoptr (GBytes) bytes = NULL;
  PopplerDocument *document;
  PopplerPage *page;
  cairo_surface_t *surface;
  cairo_t *cr;
  double page_width, page_height;
  gint64 start, opened, rendered;
  int width, height;

  if (argc != 4)
    {
      g_printerr ("usage: bench-poppler-page FILE WIDTH HEIGHT\n");
      return 2;
    }
  width = atoi (argv[2]);
  height = atoi (argv[3]);
  mapped = g_mapped_file_new (argv[1], FALSE, &error);
  if (mapped == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  /* A copy in memory, as faltstod holds the file's bytes. */
  bytes = g_bytes_new (g_mapped_file_get_contents (mapped), g_mapped_file_get_length (mapped));

  start = g_get_monotonic_time ();
  document = poppler_document_new_from_bytes (bytes, NULL, &error);
  if (document == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  page = poppler_document_get_page (document, 0);
  opened = g_get_monotonic_time ();

  poppler_page_get_size (page, &page_width, &page_height);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, width / page_width, height / page_height);
  poppler_page_render (page, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  rendered = g_get_monotonic_time ();
  cairo_surface_destroy (surface);
  g_object_unref (page);
  g_object_unref (document);

  g_print ("open_ms %.1f\nrender_ms %.1f\nbytes_to_page_ms %.1f\n", (opened - start) / 1000.0,
           (rendered - opened) / 1000.0, (rendered - start) / 1000.0);
  return 0;
}
