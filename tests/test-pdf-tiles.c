/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "falt-test-pdf.h"
#include "falt-test-utils.h"

#include "ui/falt-pdf-cache.h"
#include "ui/falt-pdf-document.h"
#include "ui/falt-pdf-page-private.h"
#include "ui/falt-pdf-tiles.h"
#include "ui/falt-pdf-view-private.h"

/* The PDF viewer at high zoom: pages drawn from tiles, the cache bounded
 * over tiles, tiles that meet without seams. */

#define POINTS_TO_PIXELS (96.0 / 72.0)

static gboolean
no_jobs_left (gpointer data)
{
  return falt_pdf_document_get_n_jobs (data) == 0;
}

static GdkTexture *
render (FaltPdfDocument *document,
        FaltPdfJob      *job)
{
  falt_pdf_document_run (document, job);
  g_assert_true (falt_test_wait_for (no_jobs_left, document, 20000));
  g_assert_true (falt_pdf_job_is_finished (job));
  return falt_pdf_job_get_texture (job);
}

/* How many pixels of @texture differ from @whole's at (@x, @y), and by
 * how much at most, in any channel. */
static guint
count_differences (GdkTexture      *texture,
                   cairo_surface_t *whole,
                   int              x,
                   int              y,
                   int             *largest)
{
  int width = gdk_texture_get_width (texture), height = gdk_texture_get_height (texture);
  int whole_stride = cairo_image_surface_get_stride (whole);
  const guchar *whole_data = cairo_image_surface_get_data (whole);
  g_autofree guchar *data = g_malloc ((gsize) width * height * 4);
  guint differences = 0;

  gdk_texture_download (texture, data, (gsize) width * 4);
  *largest = 0;
  for (int row = 0; row < height; row++)
    for (int column = 0; column < width; column++)
      {
        const guchar *a = data + ((gsize) row * width + column) * 4;
        const guchar *b = whole_data + (gsize) (y + row) * whole_stride + (gsize) (x + column) * 4;
        int worst = 0;

        for (int c = 0; c < 4; c++)
          worst = MAX (worst, ABS (a[c] - b[c]));
        if (worst > 0)
          differences++;
        *largest = MAX (*largest, worst);
      }
  return differences;
}

static gboolean
has_ink (cairo_surface_t *surface)
{
  const guchar *data = cairo_image_surface_get_data (surface);

  for (int row = 0; row < cairo_image_surface_get_height (surface); row++)
    for (int column = 0; column < cairo_image_surface_get_width (surface); column++)
      if (data[row * cairo_image_surface_get_stride (surface) + column * 4] < 128)
        return TRUE;
  return FALSE;
}

/* A tile is the same pixels as the whole page has there, at the tiles on
 * either side of a boundary and at the last, cut ones: an off-by-one in
 * the tile's offset or size would show as a seam. "Sida 1" at 48 pt
 * crosses the first column and row boundaries at this scale. */
static void
test_tiles_match_the_whole_page (void)
{
  g_autoptr (GBytes) pdf = falt_test_make_pdf (1, 0);
  FaltPdfDocument *document = falt_pdf_document_new (pdf, NULL, NULL);
  double scale = 3.0, width_pt, height_pt;
  FaltPdfJob *whole_job = falt_pdf_job_new_render (0, scale, FALT_PDF_JOB_PRIORITY_URGENT);
  cairo_surface_t *whole;
  int width, height, columns, rows;

  falt_pdf_document_get_page_size (document, 0, &width_pt, &height_pt);
  falt_pdf_tiles_get_page_pixels (width_pt, height_pt, scale, &width, &height);
  g_assert_true (falt_pdf_tiles_are_needed (width_pt, height_pt, scale));
  whole = falt_pdf_job_get_surface (render (document, whole_job));
  g_assert_cmpint (cairo_image_surface_get_width (whole), ==, width);
  g_assert_cmpint (cairo_image_surface_get_height (whole), ==, height);
  columns = falt_pdf_tiles_get_n_columns (width);
  rows = falt_pdf_tiles_get_n_rows (height);
  g_assert_cmpint (columns, >, 1);
  g_assert_cmpint (rows, >, 1);

  {
    int tiles[] = { 0, 1, columns, columns + 1, columns - 1, (rows - 1) * columns, rows * columns - 1 };
    guint with_ink = 0;

    for (guint i = 0; i < G_N_ELEMENTS (tiles); i++)
      {
        FaltPdfJob *job = falt_pdf_job_new_render_tile (0, scale, tiles[i], FALT_PDF_JOB_PRIORITY_URGENT);
        GdkTexture *tile = render (document, job);
        int x, y, tile_width, tile_height, largest;
        guint differences;

        g_assert_nonnull (tile);
        g_assert_cmpint (falt_pdf_job_get_tile (job), ==, tiles[i]);
        falt_pdf_tiles_get_rect (width, height, tiles[i], &x, &y, &tile_width, &tile_height);
        g_assert_cmpint (gdk_texture_get_width (tile), ==, tile_width);
        g_assert_cmpint (gdk_texture_get_height (tile), ==, tile_height);
        g_assert_cmpint (tile_width, <=, FALT_PDF_TILE_SIZE);
        g_assert_cmpint (x + tile_width, <=, width);
        differences = count_differences (tile, whole, x, y, &largest);
        g_assert_cmpuint (differences, ==, 0);

        /* Not all paper: the comparison saw the text. */
        if (has_ink (falt_pdf_job_get_surface (tile)))
          with_ink++;
        g_assert_finalize_object (job);
      }
    /* Tiles 0, 1, columns and columns + 1 hold parts of the same glyphs. */
    g_assert_cmpuint (with_ink, >=, 4);
  }
  g_assert_finalize_object (whole_job);
  g_assert_finalize_object (document);
}

static void
on_job_finished_cb (FaltPdfJob *job,
                    guint      *n_finished)
{
  (*n_finished)++;
}

static void
test_cancelled_tile_jobs_do_not_leak (void)
{
  g_autoptr (GBytes) pdf = falt_test_make_pdf (10, 0);
  FaltPdfDocument *document = falt_pdf_document_new (pdf, NULL, NULL);
  GPtrArray *jobs = g_ptr_array_new ();
  GPtrArray *textures = g_ptr_array_new ();
  guint n_finished = 0, n_kept = 0;

  for (int i = 0; i < 40; i++)
    {
      FaltPdfJob *job = falt_pdf_job_new_render_tile (i % 10, 4.0, i / 10, FALT_PDF_JOB_PRIORITY_LOW);

      g_signal_connect (job, "finished", G_CALLBACK (on_job_finished_cb), &n_finished);
      falt_pdf_document_run (document, job);
      g_ptr_array_add (jobs, job);
    }
  for (guint i = 0; i < jobs->len; i += 2)
    falt_pdf_job_cancel (g_ptr_array_index (jobs, i));

  g_assert_true (falt_test_wait_for (no_jobs_left, document, 20000));
  for (guint i = 0; i < jobs->len; i++)
    {
      FaltPdfJob *job = g_ptr_array_index (jobs, i);
      GdkTexture *texture = falt_pdf_job_get_texture (job);

      g_assert_true (falt_pdf_job_is_finished (job));
      /* One cancelled while it ran keeps its result, unannounced. */
      if (!falt_pdf_job_is_cancelled (job))
        {
          g_assert_nonnull (texture);
          n_kept++;
        }
      if (texture != NULL)
        g_ptr_array_add (textures, g_object_ref (texture));
      g_assert_finalize_object (job);
    }
  g_assert_cmpuint (n_finished, ==, 20);
  g_assert_cmpuint (n_kept, ==, 20);
  /* The tile's texture goes with its last reference. */
  for (guint i = 0; i < textures->len; i++)
    {
      g_assert_cmpint (gdk_texture_get_width (g_ptr_array_index (textures, i)), <=, FALT_PDF_TILE_SIZE);
      g_assert_finalize_object (g_ptr_array_index (textures, i));
    }
  g_ptr_array_unref (textures);
  g_ptr_array_unref (jobs);
  g_assert_finalize_object (document);
}

/* Rendered at the zoom asked for: right after a zoom the pages are still
 * laid out at the one before. */
static gboolean
is_rendered_at_zoom (gpointer data)
{
  FaltPdfCanvas *canvas = falt_pdf_view_get_canvas (data);
  GPtrArray *pages = falt_pdf_canvas_get_page_widgets (canvas);
  double zoom = falt_pdf_canvas_get_zoom (canvas), width_pt, height_pt;

  if (!falt_test_pdf_view_is_rendered (data))
    return FALSE;
  for (guint i = 0; i < pages->len; i++)
    {
      FaltPdfPage *page = g_ptr_array_index (pages, i);

      falt_pdf_document_get_page_size (falt_pdf_canvas_get_document (canvas), falt_pdf_page_get_index (page),
                                       &width_pt, &height_pt);
      if (ABS (gtk_widget_get_width (GTK_WIDGET (page)) - width_pt * POINTS_TO_PIXELS * zoom) > 1)
        return FALSE;
    }
  return TRUE;
}

/* The pages on screen hold tiles no bigger than a tile, and a stand-in no
 * bigger than FALT_PDF_FALLBACK_MAX_SIDE; none holds a whole page. */
static void
assert_pages_are_tiled (FaltPdfCanvas *canvas)
{
  GPtrArray *pages = falt_pdf_canvas_get_page_widgets (canvas);
  guint n_tiles = 0;

  for (guint i = 0; i < pages->len; i++)
    {
      GHashTable *tiles = falt_pdf_page_get_tiles (g_ptr_array_index (pages, i));
      GHashTableIter iter;
      gpointer texture;

      n_tiles += g_hash_table_size (tiles);
      g_hash_table_iter_init (&iter, tiles);
      while (g_hash_table_iter_next (&iter, NULL, &texture))
        {
          g_assert_cmpint (gdk_texture_get_width (texture), <=, FALT_PDF_TILE_SIZE);
          g_assert_cmpint (gdk_texture_get_height (texture), <=, FALT_PDF_TILE_SIZE);
        }
    }
  /* A page just above the top, in the spacing, shows none. */
  g_assert_cmpuint (n_tiles, >, 0);
}

/* At zoom 3 a page is 2380 × 3368 px, 32 MB: only tiles are rendered,
 * the cache never holds a texture bigger than the cap, and its byte bound
 * holds over tiles while 300 pages scroll by. */
static void
test_high_zoom_renders_only_tiles (void)
{
  GtkWidget *view = falt_pdf_view_new ();
  g_autoptr (GBytes) pdf = falt_test_make_pdf (300, 0);
  FaltPdfCanvas *canvas;
  FaltPdfCache *cache;
  GtkWidget *window;
  gsize largest = 0;
  guint most_tiles = 0;

  g_assert_true (falt_pdf_view_load_bytes (FALT_PDF_VIEW (view), pdf, NULL));
  window = falt_test_show_in_window (view, 800, 600);
  canvas = falt_pdf_view_get_canvas (FALT_PDF_VIEW (view));
  cache = falt_pdf_canvas_get_cache (canvas);
  falt_pdf_view_set_zoom (FALT_PDF_VIEW (view), 3.0);
  g_assert_true (falt_test_wait_for (is_rendered_at_zoom, view, 10000));

  for (int page = 1; page <= 300; page += 3)
    {
      falt_pdf_view_scroll_to_page (FALT_PDF_VIEW (view), page);
      g_assert_true (falt_test_wait_for (is_rendered_at_zoom, view, 10000));
      g_assert_cmpint (falt_pdf_view_get_current_page (FALT_PDF_VIEW (view)), ==, page);
      assert_pages_are_tiled (canvas);
      g_assert_cmpint (falt_pdf_cache_get_largest_side (cache), <=, FALT_PDF_TEXTURE_MAX_SIDE);
      g_assert_cmpuint (falt_pdf_cache_get_size (cache), <=, FALT_PDF_CACHE_BYTES);
      largest = MAX (largest, falt_pdf_cache_get_size (cache));
      most_tiles = MAX (most_tiles, falt_pdf_cache_get_n_tiles (cache));
    }
  /* The cache did fill up, with tiles: the bound was what held it. */
  g_assert_cmpuint (largest, >, FALT_PDF_CACHE_BYTES / 2);
  g_assert_cmpuint (most_tiles, >, 0);
  g_assert_cmpuint (falt_pdf_canvas_get_page_widgets (canvas)->len, <=, 2);

  /* Back to zoom 1: whole pages again, and the tiles let go of. */
  falt_pdf_view_set_zoom (FALT_PDF_VIEW (view), 1.0);
  g_assert_true (falt_test_wait_for (is_rendered_at_zoom, view, 10000));
  for (guint i = 0; i < falt_pdf_canvas_get_page_widgets (canvas)->len; i++)
    g_assert_cmpuint (g_hash_table_size (falt_pdf_page_get_tiles (g_ptr_array_index (falt_pdf_canvas_get_page_widgets (canvas), i))), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Scrolling down at high zoom, the next page's stand-in and the row of
 * tiles that comes into view first are rendered ahead, at low priority,
 * so that it comes in sharp. */
static void
test_next_page_tiles_are_prefetched (void)
{
  GtkWidget *view = falt_pdf_view_new ();
  g_autoptr (GBytes) pdf = falt_test_make_pdf (5, 0);
  FaltPdfCanvas *canvas;
  FaltPdfCache *cache;
  FaltPdfDocument *document;
  GtkAdjustment *vadjustment;
  GtkWidget *window;
  graphene_rect_t first, second;
  GdkTexture *stand_in;
  double width_pt, height_pt, scale, cached_scale = 0;
  int width, height;

  g_assert_true (falt_pdf_view_load_bytes (FALT_PDF_VIEW (view), pdf, NULL));
  window = falt_test_show_in_window (view, 800, 600);
  canvas = falt_pdf_view_get_canvas (FALT_PDF_VIEW (view));
  cache = falt_pdf_canvas_get_cache (canvas);
  document = falt_pdf_canvas_get_document (canvas);
  falt_pdf_view_set_zoom (FALT_PDF_VIEW (view), 3.0);
  g_assert_true (falt_test_wait_for (is_rendered_at_zoom, view, 10000));

  /* The second page just below the view. */
  g_assert_true (falt_pdf_canvas_get_page_rect (canvas, 0, &first));
  g_assert_true (falt_pdf_canvas_get_page_rect (canvas, 1, &second));
  vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (canvas));
  gtk_adjustment_set_value (gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (canvas)), 0);
  gtk_adjustment_set_value (vadjustment, second.origin.y - first.origin.y - gtk_adjustment_get_page_size (vadjustment) - 30);
  falt_test_iterate (100);
  g_assert_true (falt_test_wait_for (is_rendered_at_zoom, view, 10000));
  g_assert_true (falt_test_wait_for (no_jobs_left, document, 20000));
  for (guint i = 0; i < falt_pdf_canvas_get_page_widgets (canvas)->len; i++)
    g_assert_cmpint (falt_pdf_page_get_index (g_ptr_array_index (falt_pdf_canvas_get_page_widgets (canvas), i)), ==, 0);

  falt_pdf_document_get_page_size (document, 1, &width_pt, &height_pt);
  scale = second.size.width / (width_pt * POINTS_TO_PIXELS);
  falt_pdf_tiles_get_page_pixels (width_pt, height_pt, scale, &width, &height);
  /* A stand-in, such as the page at zoom 1 from before. */
  stand_in = falt_pdf_cache_lookup (cache, 1, &cached_scale);
  g_assert_nonnull (stand_in);
  g_assert_cmpfloat (cached_scale, >=, 0.99 * falt_pdf_tiles_fallback_scale (width_pt, height_pt, scale));
  g_assert_cmpint (gdk_texture_get_height (stand_in), <=, FALT_PDF_TEXTURE_MAX_SIDE);
  /* The view shows the page's left: its first tiles of the top row. */
  g_assert_nonnull (falt_pdf_cache_lookup_tile (cache, 1, scale, 0));
  g_assert_nonnull (falt_pdf_cache_lookup_tile (cache, 1, scale, 1));
  g_assert_null (falt_pdf_cache_lookup_tile (cache, 1, scale, falt_pdf_tiles_get_n_columns (width)));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* What the page draws on screen across a tile boundary is what a
 * whole-page render at the same scale has there: no seam, no blank tile.
 * Saves a screenshot as @name. */
static void
assert_drawn_tiles_have_no_seams (GBytes     *pdf,
                                  double      zoom,
                                  const char *name)
{
  GtkWidget *view = falt_pdf_view_new ();
  FaltPdfDocument *document;
  FaltPdfCanvas *canvas;
  FaltPdfPage *page;
  GtkWidget *window;
  FaltPdfJob *whole_job;
  cairo_surface_t *whole;
  g_autoptr (GdkPaintable) paintable = NULL;
  g_autoptr (GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) drawn = NULL;
  graphene_rect_t area, rect, visible;
  int boundary_x, boundary_y;
  double width_pt, height_pt, scale;
  int largest;

  g_assert_true (falt_pdf_view_load_bytes (FALT_PDF_VIEW (view), pdf, NULL));
  window = falt_test_show_in_window (view, 900, 700);
  canvas = falt_pdf_view_get_canvas (FALT_PDF_VIEW (view));
  document = falt_pdf_canvas_get_document (canvas);
  falt_pdf_view_set_zoom (FALT_PDF_VIEW (view), zoom);
  g_assert_true (falt_test_wait_for (is_rendered_at_zoom, view, 10000));
  /* The zoom kept the middle in place: back to the left, where the text
   * begins. */
  gtk_adjustment_set_value (gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (canvas)), 0);
  falt_test_iterate (50);
  g_assert_true (falt_test_wait_for (is_rendered_at_zoom, view, 10000));
  g_free (falt_test_save_screenshot (window, name));

  page = g_ptr_array_index (falt_pdf_canvas_get_page_widgets (canvas), 0);
  g_assert_cmpint (falt_pdf_page_get_index (page), ==, 0);
  assert_pages_are_tiled (canvas);
  falt_pdf_document_get_page_size (document, 0, &width_pt, &height_pt);
  scale = gtk_widget_get_width (GTK_WIDGET (page)) / (width_pt * POINTS_TO_PIXELS);
  whole_job = falt_pdf_job_new_render (0, scale, FALT_PDF_JOB_PRIORITY_URGENT);
  whole = falt_pdf_job_get_surface (render (document, whole_job));
  g_assert_cmpint (cairo_image_surface_get_width (whole), ==, gtk_widget_get_width (GTK_WIDGET (page)));

  /* Around the first column and row boundaries on screen, away from the
   * rounded corners of the card. */
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (page), GTK_WIDGET (canvas), &rect));
  visible = GRAPHENE_RECT_INIT (-rect.origin.x, -rect.origin.y, gtk_widget_get_width (GTK_WIDGET (canvas)),
                                gtk_widget_get_height (GTK_WIDGET (canvas)));
  boundary_x = ((int) visible.origin.x / FALT_PDF_TILE_SIZE + 1) * FALT_PDF_TILE_SIZE;
  boundary_y = ((int) visible.origin.y / FALT_PDF_TILE_SIZE + 1) * FALT_PDF_TILE_SIZE;
  graphene_rect_intersection (&visible, &GRAPHENE_RECT_INIT (boundary_x - 200, boundary_y - 150, 400, 300), &area);
  g_assert_cmpfloat (area.origin.x, <, boundary_x - 100);
  g_assert_cmpfloat (area.origin.y, <, boundary_y - 50);
  g_assert_cmpfloat (area.origin.x + area.size.width, >, boundary_x + 100);
  g_assert_cmpfloat (area.origin.y + area.size.height, >, boundary_y + 100);

  paintable = gtk_widget_paintable_new (GTK_WIDGET (page));
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), gtk_widget_get_width (GTK_WIDGET (page)),
                          gtk_widget_get_height (GTK_WIDGET (page)));
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  drawn = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (GTK_WIDGET (page))), node, &area);
  g_assert_cmpuint (count_differences (drawn, whole, area.origin.x, area.origin.y, &largest), ==, 0);

  g_assert_finalize_object (whole_job);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* "Sida 1" at 48 pt crosses the first column and row boundaries at zoom 3. */
static void
test_drawn_tiles_have_no_seams (void)
{
  g_autoptr (GBytes) pdf = falt_test_make_pdf (3, 0);

  assert_drawn_tiles_have_no_seams (pdf, 3.0, "pdf-zoom-3-tiles");
}

/* The bundled brochure, at zoom 3 and at the highest zoom. */
static void
test_brochure_tiles_have_no_seams (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "content", "pdfs",
                                                 "brochure-sa-gor-vi.sv.pdf", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GBytes) pdf = g_file_load_bytes (file, NULL, NULL, NULL);

  g_assert_nonnull (pdf);
  assert_drawn_tiles_have_no_seams (pdf, 3.0, "pdf-brochure-zoom-3-tiles");
  assert_drawn_tiles_have_no_seams (pdf, FALT_PDF_ZOOM_MAX, "pdf-brochure-zoom-max-tiles");
}

static gboolean
is_laid_out_at_zoom (FaltPdfView *view)
{
  FaltPdfCanvas *canvas = falt_pdf_view_get_canvas (view);
  GPtrArray *pages = falt_pdf_canvas_get_page_widgets (canvas);
  double width_pt, height_pt;

  if (pages->len == 0)
    return FALSE;
  falt_pdf_document_get_page_size (falt_pdf_canvas_get_document (canvas), 0, &width_pt, &height_pt);
  return ABS (gtk_widget_get_width (g_ptr_array_index (pages, 0)) - width_pt * POINTS_TO_PIXELS * falt_pdf_canvas_get_zoom (canvas)) <= 1;
}

/* Zooming from one tiled zoom to another draws the tiles of the zoom
 * before, scaled, until the new ones are there, then lets them go. */
static void
test_zoom_shows_the_old_tiles_meanwhile (void)
{
  GtkWidget *view = falt_pdf_view_new ();
  g_autoptr (GBytes) pdf = falt_test_make_pdf (3, 0);
  FaltPdfCanvas *canvas;
  FaltPdfPage *page;
  GtkWidget *window;

  g_assert_true (falt_pdf_view_load_bytes (FALT_PDF_VIEW (view), pdf, NULL));
  window = falt_test_show_in_window (view, 800, 600);
  canvas = falt_pdf_view_get_canvas (FALT_PDF_VIEW (view));
  falt_pdf_view_set_zoom (FALT_PDF_VIEW (view), 3.0);
  g_assert_true (falt_test_wait_for (is_rendered_at_zoom, view, 10000));
  /* The first page's top left, where "Sida 1" is. */
  gtk_adjustment_set_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (canvas)), 0);
  gtk_adjustment_set_value (gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (canvas)), 0);
  g_assert_true (falt_test_wait_for (is_rendered_at_zoom, view, 10000));

  gtk_widget_activate_action (view, "pdf.zoom-in", NULL);
  /* The allocation at the new zoom asks for its tiles; none can have come
   * back before the next iteration. */
  while (!is_laid_out_at_zoom (FALT_PDF_VIEW (view)))
    g_main_context_iteration (NULL, TRUE);
  page = g_ptr_array_index (falt_pdf_canvas_get_page_widgets (canvas), 0);
  g_assert_cmpint (falt_pdf_page_get_index (page), ==, 0);
  g_assert_cmpuint (g_hash_table_size (falt_pdf_page_get_tiles (page)), ==, 0);
  g_assert_cmpuint (g_hash_table_size (falt_pdf_page_get_old_tiles (page)), >, 0);
  g_assert_false (falt_pdf_page_is_rendered (page));
  g_free (falt_test_save_screenshot (window, "pdf-zoom-in-old-tiles"));

  g_assert_true (falt_test_wait_for (is_rendered_at_zoom, view, 10000));
  g_free (falt_test_save_screenshot (window, "pdf-zoom-in-new-tiles"));
  g_assert_cmpuint (g_hash_table_size (falt_pdf_page_get_tiles (page)), >, 0);
  g_assert_cmpuint (g_hash_table_size (falt_pdf_page_get_old_tiles (page)), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
  falt_test_init (&argc, &argv);

  g_test_add_func ("/pdf/tiles/match-the-whole-page", test_tiles_match_the_whole_page);
  g_test_add_func ("/pdf/tiles/cancelled-jobs-do-not-leak", test_cancelled_tile_jobs_do_not_leak);
  g_test_add_func ("/pdf/tiles/high-zoom-renders-only-tiles", test_high_zoom_renders_only_tiles);
  g_test_add_func ("/pdf/tiles/zoom-shows-the-old-tiles-meanwhile", test_zoom_shows_the_old_tiles_meanwhile);
  g_test_add_func ("/pdf/tiles/next-page-tiles-are-prefetched", test_next_page_tiles_are_prefetched);
  g_test_add_func ("/pdf/tiles/drawn-tiles-have-no-seams", test_drawn_tiles_have_no_seams);
  g_test_add_func ("/pdf/tiles/brochure-tiles-have-no-seams", test_brochure_tiles_have_no_seams);

  return falt_test_run ();
}
