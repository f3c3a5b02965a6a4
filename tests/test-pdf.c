/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "falt-test-pdf.h"
#include "falt-test-utils.h"
#include <glib/gstdio.h>
#include <gtk/gtkunixprint.h>
#include <gdk/x11/gdkx.h>
#include <X11/extensions/XTest.h>
#include <X11/keysym.h>

#include "ui/falt-document-page.h"
#include "ui/falt-pdf-cache.h"
#include "ui/falt-pdf-document.h"
#include "ui/falt-pdf-page.h"
#include "ui/falt-pdf-view-private.h"

/* The PDF viewer: its worker, cache and layout, driven through its actions. */


static gboolean
no_jobs_left (gpointer data)
{
  return falt_pdf_document_get_n_jobs (data) == 0;
}

static void
test_cache_bound_holds_while_pages_scroll (void)
{
  GtkWidget *view = falt_pdf_view_new ();
  g_autoptr (GBytes) pdf = falt_test_make_pdf (300, 0);
  FaltPdfCanvas *canvas;
  FaltPdfCache *cache;
  GtkWidget *window;
  gsize largest = 0;

  g_assert_true (falt_pdf_view_load_bytes (FALT_PDF_VIEW (view), pdf, NULL));
  window = falt_test_show_in_window (view, 800, 600);
  canvas = falt_pdf_view_get_canvas (FALT_PDF_VIEW (view));
  cache = falt_pdf_canvas_get_cache (canvas);
  gtk_widget_activate_action (view, "pdf.zoom-reset", NULL);

  for (int page = 1; page <= 300; page += 3)
    {
      falt_pdf_view_scroll_to_page (FALT_PDF_VIEW (view), page);
      g_assert_true (falt_test_wait_for (falt_test_pdf_view_is_rendered, view, 5000));
      g_assert_cmpint (falt_pdf_view_get_current_page (FALT_PDF_VIEW (view)), ==, page);
      g_assert_cmpuint (falt_pdf_cache_get_size (cache), <=, FALT_PDF_CACHE_BYTES);
      largest = MAX (largest, falt_pdf_cache_get_size (cache));
    }
  /* The cache did fill up: the bound was what held it. */
  g_assert_cmpuint (largest, >, FALT_PDF_CACHE_BYTES / 2);
  g_assert_cmpuint (falt_pdf_cache_get_n_pages (cache), <, 100);
  /* Only the pages on screen have widgets, however many went by. */
  g_assert_cmpuint (falt_pdf_canvas_get_page_widgets (canvas)->len, <=, 3);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
on_job_finished_cb (FaltPdfJob *job,
                    guint      *n_finished)
{
  (*n_finished)++;
}

static void
test_cancelled_renders_do_not_leak (void)
{
  g_autoptr (GBytes) pdf = falt_test_make_pdf (40, 0);
  FaltPdfDocument *document = falt_pdf_document_new (pdf, NULL, NULL);
  GPtrArray *jobs = g_ptr_array_new ();
  guint n_finished = 0, n_kept = 0;

  g_assert_nonnull (document);
  for (int i = 0; i < 40; i++)
    {
      FaltPdfJob *job = falt_pdf_job_new_render (i, 2.0, FALT_PDF_JOB_PRIORITY_URGENT);

      g_signal_connect (job, "finished", G_CALLBACK (on_job_finished_cb), &n_finished);
      falt_pdf_document_run (document, job);
      g_ptr_array_add (jobs, job);
    }
  /* Every other one is cancelled at once; the rest run. */
  for (guint i = 0; i < jobs->len; i += 2)
    falt_pdf_job_cancel (g_ptr_array_index (jobs, i));

  g_assert_true (falt_test_wait_for (no_jobs_left, document, 20000));
  for (guint i = 0; i < jobs->len; i++)
    {
      FaltPdfJob *job = g_ptr_array_index (jobs, i);

      g_assert_true (falt_pdf_job_is_finished (job));
      if (!falt_pdf_job_is_cancelled (job))
        {
          g_assert_nonnull (falt_pdf_job_get_texture (job));
          n_kept++;
        }
      g_assert_finalize_object (job);
    }
  g_assert_cmpuint (n_finished, ==, 20);
  g_assert_cmpuint (n_kept, ==, 20);
  g_ptr_array_unref (jobs);
  /* The worker let go of the document and its thread ends with it. */
  g_assert_finalize_object (document);
}

typedef struct
{
  GThread *freed_on;  /* atomic */
} Freed;

static void
on_pixels_freed_cb (gpointer data)
{
  Freed *freed = data;

  g_atomic_pointer_set (&freed->freed_on, g_thread_self ());
  g_main_context_wakeup (NULL);
}

static gboolean
pixels_were_freed (gpointer data)
{
  Freed *freed = data;

  return g_atomic_pointer_get (&freed->freed_on) != NULL;
}

/* Regression: a page's pixels (32 MB at zoom 3) were freed by whoever let
 * go of the texture last, the main thread when a page scrolled away or the
 * cache dropped it, and munmap() held the main loop 8–18 ms of CPU time. */
static void
test_pixels_are_freed_off_the_main_thread (void)
{
  static const cairo_user_data_key_t key;
  g_autoptr (GBytes) pdf = falt_test_make_pdf (2, 0);
  FaltPdfDocument *document = falt_pdf_document_new (pdf, NULL, NULL);
  FaltPdfJob *job = falt_pdf_job_new_render (0, 3.0, FALT_PDF_JOB_PRIORITY_URGENT);
  Freed freed = { NULL };
  GdkTexture *texture;
  cairo_surface_t *surface;

  falt_pdf_document_run (document, job);
  g_assert_true (falt_test_wait_for (no_jobs_left, document, 10000));
  texture = falt_pdf_job_get_texture (job);
  g_assert_nonnull (texture);
  surface = falt_pdf_job_get_surface (texture);
  g_assert_nonnull (surface);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, gdk_texture_get_width (texture));
  cairo_surface_set_user_data (surface, &key, &freed, on_pixels_freed_cb);

  /* The job held the last reference to the texture. */
  g_assert_finalize_object (job);
  g_assert_true (falt_test_wait_for (pixels_were_freed, &freed, 10000));
  g_assert_true (g_atomic_pointer_get (&freed.freed_on) != g_thread_self ());
  g_assert_finalize_object (document);
}

typedef struct
{
  GFile           *file;
  FaltPdfDocument *document;
  GBytes          *bytes;
} Taken;

static gboolean
preloaded_is_taken (gpointer data)
{
  Taken *taken = data;

  if (taken->document == NULL)
    taken->document = falt_pdf_document_take_preloaded (taken->file, &taken->bytes);
  return taken->document != NULL;
}

static void
on_document_opened_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      data)
{
  GError *error = NULL;
  FaltPdfDocument *document = falt_pdf_document_new_finish (result, &error);

  g_assert_true ((document != NULL) != (error != NULL));
  *(gpointer *) data = document != NULL ? (gpointer) document : (gpointer) error;
}

static gboolean
is_set (gpointer data)
{
  return *(gpointer *) data != NULL;
}

/* `faltstod FILE.pdf` reads and opens the file while the window is built:
 * the view gets that document for that file, or for the same bytes, and
 * never one for other bytes. */
static void
test_preload_opens_the_file_ahead (void)
{
  g_autofree char *path = falt_test_write_pdf (3, 0, "preloaded.pdf");
  g_autofree char *other_path = falt_test_write_pdf (5, 0, "other.pdf");
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFile) other = g_file_new_for_path (other_path);
  g_autoptr (GBytes) bytes = g_file_load_bytes (file, NULL, NULL, NULL);
  g_autoptr (GBytes) other_bytes = g_file_load_bytes (other, NULL, NULL, NULL);
  Taken taken = { file, NULL, NULL };
  FaltPdfDocument *first = NULL, *second = NULL;

  falt_pdf_document_preload (file);
  g_assert_null (falt_pdf_document_take_preloaded (other, NULL));
  g_assert_true (falt_test_wait_for (preloaded_is_taken, &taken, 10000));
  g_assert_cmpint (falt_pdf_document_get_n_pages (taken.document), ==, 3);
  g_assert_true (g_bytes_equal (taken.bytes, bytes));
  /* Taken once. */
  g_assert_null (falt_pdf_document_take_preloaded (file, NULL));
  g_assert_finalize_object (taken.document);
  g_bytes_unref (taken.bytes);

  /* Asked for before the preload is done: other bytes open as themselves,
   * the same bytes get the preloaded document. */
  falt_pdf_document_preload (file);
  falt_pdf_document_new_async (other_bytes, NULL, NULL, on_document_opened_cb, &first);
  falt_pdf_document_new_async (bytes, NULL, NULL, on_document_opened_cb, &second);
  g_assert_true (falt_test_wait_for (is_set, &first, 10000));
  g_assert_true (falt_test_wait_for (is_set, &second, 10000));
  g_assert_true (FALT_IS_PDF_DOCUMENT (first) && FALT_IS_PDF_DOCUMENT (second));
  g_assert_cmpint (falt_pdf_document_get_n_pages (first), ==, 5);
  g_assert_cmpint (falt_pdf_document_get_n_pages (second), ==, 3);
  g_assert_null (falt_pdf_document_take_preloaded (file, NULL));
  g_assert_finalize_object (first);
  g_assert_finalize_object (second);

  /* A file that is no PDF is not preloaded: opening it says why. */
  {
    g_autofree char *not_pdf = g_build_filename (g_get_tmp_dir (), "preloaded-not-pdf.pdf", NULL);
    g_autoptr (GFile) not_pdf_file = g_file_new_for_path (not_pdf);
    g_autoptr (GBytes) not_pdf_bytes = g_bytes_new_static ("Inte en PDF.\n", 13);
    GError *error = NULL;

    g_assert_true (g_file_set_contents (not_pdf, "Inte en PDF.\n", 13, NULL));
    falt_pdf_document_preload (not_pdf_file);
    falt_pdf_document_new_async (not_pdf_bytes, NULL, NULL, on_document_opened_cb, &error);
    g_assert_true (falt_test_wait_for (is_set, &error, 10000));
    g_assert_error (error, FALT_PDF_ERROR, FALT_PDF_ERROR_NOT_PDF);
    g_assert_null (falt_pdf_document_take_preloaded (not_pdf_file, NULL));
    g_clear_error (&error);
    falt_pdf_document_preload (NULL);
    g_unlink (not_pdf);
  }
  g_unlink (path);
  g_unlink (other_path);
}

static gboolean
record_render_hook (GSignalInvocationHint *hint,
                    guint                  n_values,
                    const GValue          *values,
                    gpointer               data)
{
  FaltPdfJob *job = g_value_get_object (&values[0]);

  if (falt_pdf_job_get_kind (job) == FALT_PDF_JOB_RENDER)
    {
      int priority = falt_pdf_job_get_priority (job);

      g_array_append_val (data, priority);
    }
  return TRUE;
}

/* Regression: the canvas asked for the neighbours of the pages on screen
 * before the pages themselves, and the idle worker started on the second
 * page while the first waited. */
static void
test_page_on_screen_renders_first (void)
{
  GtkWidget *view = falt_pdf_view_new ();
  g_autoptr (GBytes) pdf = falt_test_make_pdf (40, 0);
  g_autoptr (GArray) priorities = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr (GTypeClass) job_class = g_type_class_ref (FALT_TYPE_PDF_JOB);
  guint signal_id = g_signal_lookup ("finished", FALT_TYPE_PDF_JOB);
  gulong hook;
  GtkWidget *window;

  hook = g_signal_add_emission_hook (signal_id, 0, record_render_hook, priorities, NULL);
  g_assert_true (falt_pdf_view_load_bytes (FALT_PDF_VIEW (view), pdf, NULL));
  window = falt_test_show_in_window (view, 800, 600);
  g_assert_true (falt_test_wait_for (falt_test_pdf_view_is_rendered, view, 10000));
  g_signal_remove_emission_hook (signal_id, hook);

  g_assert_cmpuint (priorities->len, >, 0);
  g_assert_cmpint (g_array_index (priorities, int, 0), ==, FALT_PDF_JOB_PRIORITY_URGENT);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Regression: rows of a list shown before a reload stayed in the view's
 * list of page widgets, and each zoom step logged a critical per stale row
 * (falt_pdf_page_set_zoom: assertion 'FALT_IS_PDF_PAGE (self)' failed). */
static void
test_zoom_after_reload_logs_nothing (void)
{
  GtkWidget *view = falt_pdf_view_new ();
  g_autoptr (GBytes) pdf = falt_test_make_pdf (8, 0);
  GtkWidget *window;

  g_assert_true (falt_pdf_view_load_bytes (FALT_PDF_VIEW (view), pdf, NULL));
  window = falt_test_show_in_window (view, 700, 600);
  g_assert_true (falt_pdf_view_load_bytes (FALT_PDF_VIEW (view), pdf, NULL));
  falt_test_iterate (100);
  for (int i = 0; i < 4; i++)
    {
      gtk_widget_activate_action (view, "pdf.zoom-in", NULL);
      falt_test_iterate (30);
    }
  gtk_widget_activate_action (view, "pdf.zoom-out", NULL);
  g_assert_true (falt_test_wait_for (falt_test_pdf_view_is_rendered, view, 5000));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Pages of two sizes: going to a page puts that page on top, and it is the
 * current one, wherever it lies. */
static void
test_mixed_sizes_scroll_to_page (void)
{
  GtkWidget *view = falt_pdf_view_new ();
  g_autoptr (GBytes) pdf = falt_test_make_pdf (60, FALT_TEST_PDF_MIXED_SIZES);
  FaltPdfCanvas *canvas;
  GtkWidget *window;
  static const int pages[] = { 3, 4, 59, 30, 1, 60 };

  g_assert_true (falt_pdf_view_load_bytes (FALT_PDF_VIEW (view), pdf, NULL));
  window = falt_test_show_in_window (view, 900, 700);
  canvas = falt_pdf_view_get_canvas (FALT_PDF_VIEW (view));
  gtk_widget_activate_action (view, "pdf.zoom-reset", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      graphene_rect_t rect;

      falt_pdf_view_scroll_to_page (FALT_PDF_VIEW (view), pages[i]);
      falt_test_iterate (50);
      g_assert_cmpint (falt_pdf_view_get_current_page (FALT_PDF_VIEW (view)), ==, pages[i]);
      g_assert_true (falt_pdf_canvas_get_page_rect (canvas, pages[i] - 1, &rect));
      if (pages[i] < 59)
        g_assert_cmpfloat (fabs (rect.origin.y - 12), <, 1);
      /* Landscape pages are wider than tall. */
      g_assert_cmpint (rect.size.width > rect.size.height, ==, pages[i] % 3 == 0);
    }
  g_assert_true (falt_test_wait_for (falt_test_pdf_view_is_rendered, view, 5000));
  g_free (falt_test_save_screenshot (window, "pdf-mixed-sizes"));
  gtk_window_destroy (GTK_WINDOW (window));
}

typedef struct
{
  FaltPdfView *view;
  double       zoom;
} ZoomWait;

static gboolean
zoom_has_changed (gpointer data)
{
  ZoomWait *wait = data;

  return !G_APPROX_VALUE (falt_pdf_view_get_zoom (wait->view), wait->zoom, 0.001);
}

/* Turns the mouse wheel one step over @widget through the X server (XTest),
 * with Ctrl held or not: the events a mouse sends, through GDK and the
 * canvas's scroll controller. */
static void
turn_wheel (GtkWidget *widget,
            gboolean   up,
            gboolean   with_ctrl)
{
  GtkNative *native = gtk_widget_get_native (widget);
  Display *x = gdk_x11_display_get_xdisplay (gtk_widget_get_display (widget));
  Window surface = gdk_x11_surface_get_xid (gtk_native_get_surface (native));
  KeyCode ctrl = XKeysymToKeycode (x, XK_Control_L);
  graphene_point_t point;
  double dx, dy;
  int root_x, root_y;
  Window child;

  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native),
                                           &GRAPHENE_POINT_INIT (gtk_widget_get_width (widget) / 2.0,
                                                                 gtk_widget_get_height (widget) / 2.0),
                                           &point));
  gtk_native_get_surface_transform (native, &dx, &dy);
  XTranslateCoordinates (x, surface, DefaultRootWindow (x), (int) (point.x + dx), (int) (point.y + dy),
                         &root_x, &root_y, &child);
  XTestFakeMotionEvent (x, -1, root_x, root_y, CurrentTime);
  if (with_ctrl)
    XTestFakeKeyEvent (x, ctrl, True, CurrentTime);
  XTestFakeButtonEvent (x, up ? 4 : 5, True, CurrentTime);
  XTestFakeButtonEvent (x, up ? 4 : 5, False, CurrentTime);
  if (with_ctrl)
    XTestFakeKeyEvent (x, ctrl, False, CurrentTime);
  XFlush (x);
}

/* Ctrl+scroll zooms a step of 10 % in or out; the wheel alone scrolls. */
static void
test_ctrl_scroll_zooms (void)
{
  GtkWidget *view = falt_pdf_view_new ();
  g_autoptr (GBytes) pdf = falt_test_make_pdf (10, 0);
  GtkWidget *window, *canvas, *scrolled;
  GtkAdjustment *vadjustment;
  ZoomWait wait = { FALT_PDF_VIEW (view), 0 };
  double position;
  int event_base, error_base, major, minor;

  g_assert_true (falt_pdf_view_load_bytes (FALT_PDF_VIEW (view), pdf, NULL));
  window = falt_test_show_in_window (view, 700, 600);
  if (!GDK_IS_X11_DISPLAY (gtk_widget_get_display (window))
      || !XTestQueryExtension (gdk_x11_display_get_xdisplay (gtk_widget_get_display (window)),
                               &event_base, &error_base, &major, &minor))
    {
      g_test_skip ("needs an X server with XTest (xvfb-run)");
      gtk_window_destroy (GTK_WINDOW (window));
      return;
    }
  canvas = GTK_WIDGET (falt_pdf_view_get_canvas (FALT_PDF_VIEW (view)));
  scrolled = gtk_widget_get_ancestor (canvas, GTK_TYPE_SCROLLED_WINDOW);
  vadjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  g_assert_true (falt_test_wait_for (falt_test_pdf_view_is_rendered, view, 5000));

  wait.zoom = falt_pdf_view_get_zoom (FALT_PDF_VIEW (view));
  turn_wheel (canvas, TRUE, TRUE);
  g_assert_true (falt_test_wait_for (zoom_has_changed, &wait, 5000));
  g_assert_cmpfloat_with_epsilon (falt_pdf_view_get_zoom (FALT_PDF_VIEW (view)), wait.zoom * 1.1, 0.001);

  wait.zoom = falt_pdf_view_get_zoom (FALT_PDF_VIEW (view));
  turn_wheel (canvas, FALSE, TRUE);
  g_assert_true (falt_test_wait_for (zoom_has_changed, &wait, 5000));
  g_assert_cmpfloat_with_epsilon (falt_pdf_view_get_zoom (FALT_PDF_VIEW (view)), wait.zoom / 1.1, 0.001);

  /* Without Ctrl: the pages scroll down, the zoom stays. (The first turn
   * after Ctrl can come with no distance: up to three.) */
  wait.zoom = falt_pdf_view_get_zoom (FALT_PDF_VIEW (view));
  position = gtk_adjustment_get_value (vadjustment);
  for (int turn = 0; turn < 3 && gtk_adjustment_get_value (vadjustment) <= position; turn++)
    {
      turn_wheel (canvas, FALSE, FALSE);
      falt_test_iterate (500);
    }
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment), >, position);
  g_assert_false (zoom_has_changed (&wait));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_fit_width_at_360 (void)
{
  GtkWidget *view = falt_pdf_view_new ();
  g_autoptr (GBytes) pdf = falt_test_make_pdf (5, 0);
  FaltPdfCanvas *canvas;
  GtkWidget *window;
  graphene_rect_t rect;
  int width;

  g_assert_true (falt_pdf_view_load_bytes (FALT_PDF_VIEW (view), pdf, NULL));
  window = falt_test_show_in_window (view, 360, 640);
  canvas = falt_pdf_view_get_canvas (FALT_PDF_VIEW (view));

  gtk_widget_activate_action (view, "pdf.zoom-in", NULL);
  gtk_widget_activate_action (view, "pdf.zoom-in", NULL);
  falt_test_iterate (50);
  gtk_widget_activate_action (view, "pdf.fit-width", NULL);
  falt_test_iterate (100);
  width = gtk_widget_get_width (GTK_WIDGET (canvas));
  g_assert_cmpint (width, <=, 360);
  g_assert_true (falt_pdf_canvas_get_page_rect (canvas, 0, &rect));
  g_assert_cmpfloat (fabs (rect.size.width - (width - 24)), <=, 1);
  g_assert_cmpfloat (rect.origin.x, >=, 11);

  /* Fit page: the whole page fits the height too. */
  gtk_widget_activate_action (view, "pdf.fit-page", NULL);
  falt_test_iterate (100);
  g_assert_true (falt_pdf_canvas_get_page_rect (canvas, 0, &rect));
  g_assert_cmpfloat (rect.size.height, <=, gtk_widget_get_height (GTK_WIDGET (canvas)) - 23);
  g_assert_cmpfloat (rect.size.width, <=, width - 23);

  gtk_widget_activate_action (view, "pdf.fit-width", NULL);
  g_assert_true (falt_test_wait_for (falt_test_pdf_view_is_rendered, view, 5000));
  g_free (falt_test_save_screenshot (window, "pdf-fit-width-360"));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_go_to_page_by_label (void)
{
  GtkWidget *view = falt_pdf_view_new ();
  g_autoptr (GBytes) pdf = falt_test_make_pdf (12, FALT_TEST_PDF_LABELS);
  FaltPdfDocument *document;
  GtkWidget *window;

  g_assert_true (falt_pdf_view_load_bytes (FALT_PDF_VIEW (view), pdf, NULL));
  document = falt_pdf_view_get_document (FALT_PDF_VIEW (view));
  g_assert_true (falt_pdf_document_has_page_labels (document));
  g_assert_cmpstr (falt_pdf_document_get_page_label (document, 1), ==, "ii");
  g_assert_cmpstr (falt_pdf_document_get_page_label (document, 4), ==, "2");
  window = falt_test_show_in_window (view, 700, 600);

  /* “5” is the page labelled 5, the eighth. */
  gtk_widget_activate_action (view, "pdf.go-to-page", "s", "5");
  falt_test_iterate (50);
  g_assert_cmpint (falt_pdf_view_get_current_page (FALT_PDF_VIEW (view)), ==, 8);
  gtk_widget_activate_action (view, "pdf.go-to-page", "s", "iii");
  falt_test_iterate (50);
  g_assert_cmpint (falt_pdf_view_get_current_page (FALT_PDF_VIEW (view)), ==, 3);
  gtk_widget_activate_action (view, "pdf.next-page", NULL);
  falt_test_iterate (50);
  g_assert_cmpint (falt_pdf_view_get_current_page (FALT_PDF_VIEW (view)), ==, 4);
  gtk_widget_activate_action (view, "pdf.previous-page", NULL);
  falt_test_iterate (50);
  g_assert_cmpint (falt_pdf_view_get_current_page (FALT_PDF_VIEW (view)), ==, 3);
  /* A label no page has leaves the view where it was. */
  gtk_widget_activate_action (view, "pdf.go-to-page", "s", "xiv");
  falt_test_iterate (50);
  g_assert_cmpint (falt_pdf_view_get_current_page (FALT_PDF_VIEW (view)), ==, 3);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
on_clipboard_text_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      data)
{
  char **text = data;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
  if (*text == NULL)
    *text = g_strdup ("");
}

static gboolean
text_is_read (gpointer data)
{
  return *(char **) data != NULL;
}

/* Asks again until the clipboard holds something that has @wanted. */
static char *
wait_for_clipboard (GtkWidget  *widget,
                    const char *wanted)
{
  for (int attempt = 0; attempt < 50; attempt++)
    {
      char *text = NULL;

      gdk_clipboard_read_text_async (gtk_widget_get_clipboard (widget), NULL, on_clipboard_text_cb, &text);
      g_assert_true (falt_test_wait_for (text_is_read, &text, 2000));
      if (strstr (text, wanted) != NULL)
        return text;
      g_free (text);
      falt_test_iterate (50);
    }
  return NULL;
}

static gboolean
page_has_text (gpointer data)
{
  FaltPdfPage *page = data;
  g_autofree char *expected = g_strdup_printf ("Sida %d\n", falt_pdf_page_get_index (page) + 1);
  g_autofree char *error = gtk_test_accessible_check_property (GTK_ACCESSIBLE (page),
                                                               GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, expected);
  g_autofree char *error_no_newline = NULL;

  if (error == NULL)
    return TRUE;
  expected[strlen (expected) - 1] = '\0';
  error_no_newline = gtk_test_accessible_check_property (GTK_ACCESSIBLE (page),
                                                          GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, expected);
  return error_no_newline == NULL;
}

static void
test_select_and_copy (void)
{
  GtkWidget *view = falt_pdf_view_new ();
  g_autoptr (GBytes) pdf = falt_test_make_pdf (3, 0);
  FaltPdfCanvas *canvas;
  GtkWidget *window;
  graphene_rect_t rect;
  double scale;
  g_autofree char *all = NULL;
  g_autofree char *dragged = NULL;

  g_assert_true (falt_pdf_view_load_bytes (FALT_PDF_VIEW (view), pdf, NULL));
  window = falt_test_show_in_window (view, 700, 600);
  canvas = falt_pdf_view_get_canvas (FALT_PDF_VIEW (view));
  g_assert_true (falt_test_wait_for (falt_test_pdf_view_is_rendered, view, 5000));

  /* Ctrl+A, Ctrl+C: every page's text, in page order. */
  gtk_widget_activate_action (view, "pdf.select-all", NULL);
  gtk_widget_activate_action (view, "pdf.copy", NULL);
  all = wait_for_clipboard (view, "Sida 3");
  g_assert_nonnull (all);
  g_assert_true (strstr (all, "Sida 1") < strstr (all, "Sida 2"));
  g_assert_true (strstr (all, "Sida 2") < strstr (all, "Sida 3"));

  /* A drag across “Sida 1” (at 72, 144 points, 48 points high) selects it
   * and draws the selection. */
  gdk_clipboard_set_text (gtk_widget_get_clipboard (view), "");
  g_assert_true (falt_pdf_canvas_get_page_rect (canvas, 0, &rect));
  scale = rect.size.width / 595;
  falt_pdf_selection_begin (falt_pdf_view_get_selection (FALT_PDF_VIEW (view)),
                            rect.origin.x + 60 * scale, rect.origin.y + 120 * scale);
  falt_pdf_selection_extend (falt_pdf_view_get_selection (FALT_PDF_VIEW (view)),
                             rect.origin.x + 300 * scale, rect.origin.y + 140 * scale);
  gtk_widget_activate_action (view, "pdf.copy", NULL);
  dragged = wait_for_clipboard (view, "Sida 1");
  g_assert_nonnull (dragged);
  g_assert_null (strstr (dragged, "Sida 2"));

  /* Screen readers get each page's text, not only its number. */
  {
    FaltPdfPage *page = g_ptr_array_index (falt_pdf_canvas_get_page_widgets (canvas), 0);
    g_autofree char *label_error = NULL;

    g_assert_true (falt_test_wait_for (page_has_text, page, 5000));
    label_error = gtk_test_accessible_check_property (GTK_ACCESSIBLE (page), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                       falt_pdf_page_get_index (page) == 0 ? "Page 1 of 3" : "Page 2 of 3");
    g_assert_null (label_error);
  }
  g_free (falt_test_save_screenshot (window, "pdf-selection"));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Written whole: a PDF ends with %%EOF. */
static gboolean
file_is_written (gpointer data)
{
  g_autoptr (GBytes) bytes = g_file_load_bytes (data, NULL, NULL, NULL);
  gsize size;
  const char *contents = bytes != NULL ? g_bytes_get_data (bytes, &size) : NULL;

  return contents != NULL && size > 6 && g_strstr_len (contents + size - MIN (size, 32), MIN (size, 32), "%%EOF") != NULL;
}

/* The PDF printed to @output has the pages "Sida N" of @expected, in order. */
static void
assert_printed_pages (GFile              *output,
                      const char * const *expected)
{
  g_autoptr (GBytes) printed = g_file_load_bytes (output, NULL, NULL, NULL);
  g_autoptr (FaltPdfDocument) document = NULL;

  g_assert_nonnull (printed);
  document = falt_pdf_document_new (printed, NULL, NULL);
  g_assert_nonnull (document);
  g_assert_cmpint (falt_pdf_document_get_n_pages (document), ==, g_strv_length ((char **) expected));
  for (guint i = 0; expected[i] != NULL; i++)
    {
      g_autoptr (FaltPdfJob) job = falt_pdf_job_new_text (i, FALT_PDF_JOB_PRIORITY_HIGH);

      falt_pdf_document_run (document, job);
      g_assert_true (falt_test_wait_for (no_jobs_left, document, 5000));
      g_assert_nonnull (strstr (falt_pdf_job_get_text (job), expected[i]));
    }
}

/* Print to a PDF file through GTK's export path. (GTK 4.8's print-to-file
 * printer without the dialog cancels here, even in a program of twenty
 * lines; with the dialog, see test_print_dialog_page_range().) */
/* Exports @n_pages pages (those of @ranges where set) and checks the file
 * has @expected. */
static void
check_export (int                 n_pages,
              const GtkPageRange *ranges,
              int                 n_ranges,
              const char * const *expected)
{
  GtkWidget *view = falt_pdf_view_new ();
  g_autoptr (GBytes) pdf = falt_test_make_pdf (n_pages, 0);
  g_autoptr (GtkPrintSettings) settings = gtk_print_settings_new ();
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "falt-test-printed.pdf", NULL);
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autoptr (GFile) output = g_file_new_for_path (path);
  GtkWidget *window;

  g_unlink (path);
  g_assert_true (falt_pdf_view_load_bytes (FALT_PDF_VIEW (view), pdf, NULL));
  window = falt_test_show_in_window (view, 700, 600);

  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_URI, uri);
  if (ranges != NULL)
    {
      gtk_print_settings_set_print_pages (settings, GTK_PRINT_PAGES_RANGES);
      gtk_print_settings_set_page_ranges (settings, (GtkPageRange *) ranges, n_ranges);
    }
  falt_pdf_view_print (FALT_PDF_VIEW (view), GTK_PRINT_OPERATION_ACTION_EXPORT, settings);
  g_assert_true (falt_test_wait_for (file_is_written, output, 20000));
  assert_printed_pages (output, expected);

  g_unlink (path);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Each page printed is that page. */
static void
test_print_to_file (void)
{
  check_export (4, NULL, 0, (const char * const[]) { "Sida 1", "Sida 2", "Sida 3", "Sida 4", NULL });
}

/* The print dialog's page range, as its settings carry it ("print-pages"
 * ranges, "page-ranges" 2-3,5 of 6): only those pages are printed, in
 * order. Export runs the same operation without the dialog. */
static void
test_print_page_range (void)
{
  const GtkPageRange ranges[] = { { 1, 2 }, { 4, 4 } };  /* from 0: pages 2-3 and 5 */

  check_export (6, ranges, G_N_ELEMENTS (ranges), (const char * const[]) { "Sida 2", "Sida 3", "Sida 5", NULL });
}


static gboolean
print_to_file_is_selected (gpointer data)
{
  GtkWidget *dialog = falt_test_find_toplevel (GTK_TYPE_PRINT_UNIX_DIALOG);
  GtkPrinter *printer = dialog != NULL ? gtk_print_unix_dialog_get_selected_printer (GTK_PRINT_UNIX_DIALOG (dialog)) : NULL;

  return printer != NULL && gtk_printer_is_virtual (printer);
}

/* The same through the print dialog itself (GTK's print-to-file printer),
 * answered as a user would with the range in it. */
static void
test_print_dialog_page_range (void)
{
  GtkWidget *view = falt_pdf_view_new ();
  g_autoptr (GBytes) pdf = falt_test_make_pdf (6, 0);
  g_autoptr (GtkPrintSettings) settings = gtk_print_settings_new ();
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "falt-test-printed-dialog.pdf", NULL);
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autoptr (GFile) output = g_file_new_for_path (path);
  GtkPageRange ranges[] = { { 1, 2 }, { 4, 4 } };
  GtkWidget *window, *dialog;

  g_unlink (path);
  g_assert_true (falt_pdf_view_load_bytes (FALT_PDF_VIEW (view), pdf, NULL));
  window = falt_test_show_in_window (view, 700, 600);

  gtk_print_settings_set_printer (settings, "Print to File");
  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_URI, uri);
  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_FILE_FORMAT, "pdf");
  gtk_print_settings_set_print_pages (settings, GTK_PRINT_PAGES_RANGES);
  gtk_print_settings_set_page_ranges (settings, ranges, G_N_ELEMENTS (ranges));
  falt_pdf_view_print (FALT_PDF_VIEW (view), GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, settings);
  g_assert_true (falt_test_wait_for (print_to_file_is_selected, NULL, 10000));
  dialog = falt_test_find_toplevel (GTK_TYPE_PRINT_UNIX_DIALOG);
  falt_test_iterate (200);
  g_free (falt_test_save_screenshot (dialog, "pdf-print-dialog"));
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);
  g_assert_true (falt_test_wait_for (file_is_written, output, 20000));
  assert_printed_pages (output, (const char * const[]) { "Sida 2", "Sida 3", "Sida 5", NULL });

  g_unlink (path);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
  falt_test_init (&argc, &argv);

  g_test_add_func ("/pdf/cache/bound-holds-while-pages-scroll", test_cache_bound_holds_while_pages_scroll);
  g_test_add_func ("/pdf/jobs/cancelled-renders-do-not-leak", test_cancelled_renders_do_not_leak);
  g_test_add_func ("/pdf/jobs/pixels-are-freed-off-the-main-thread", test_pixels_are_freed_off_the_main_thread);
  g_test_add_func ("/pdf/document/preload-opens-the-file-ahead", test_preload_opens_the_file_ahead);
  g_test_add_func ("/pdf/view/page-on-screen-renders-first", test_page_on_screen_renders_first);
  g_test_add_func ("/pdf/view/zoom-after-reload-logs-nothing", test_zoom_after_reload_logs_nothing);
  g_test_add_func ("/pdf/view/mixed-sizes-scroll-to-page", test_mixed_sizes_scroll_to_page);
  g_test_add_func ("/pdf/view/fit-width-at-360", test_fit_width_at_360);
  g_test_add_func ("/pdf/view/ctrl-scroll-zooms", test_ctrl_scroll_zooms);
  g_test_add_func ("/pdf/view/go-to-page-by-label", test_go_to_page_by_label);
  g_test_add_func ("/pdf/view/select-and-copy", test_select_and_copy);
  g_test_add_func ("/pdf/view/print-to-file", test_print_to_file);
  g_test_add_func ("/pdf/view/print-page-range", test_print_page_range);
  g_test_add_func ("/pdf/view/print-dialog-page-range", test_print_dialog_page_range);

  return falt_test_run ();
}
