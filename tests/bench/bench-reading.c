/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-reading: the PDF view in a window, driven as a reader would.
 *
 *   bench-reading FILE.pdf
 *
 * Prints:
 *   rss_first_page_kb N   resident memory once the first page is painted
 *   rss_all_pages_kb N    after going to every page in turn, each rendered
 *   rss_growth_mb N       the difference (target < 100 MB whatever the page count)
 *   max_stall_ms N        the longest the main loop went without running a
 *                         1 ms timer while scrolling at zoom 3 (target < 16)
 *   frames N              frames painted during that scroll
 *   stalls_over_16ms N    how many times the loop went that long without the timer
 *   p99_gap_ms N          the 99th percentile of those gaps
 * The stall figures count time the process was not scheduled, too: on a
 * loaded machine run it a few times.
 */
#include "config.h"

#include "ui/falt-pdf-page.h"
#include "ui/falt-pdf-view-private.h"

static long
resident_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmRSS:");
  return line != NULL ? atol (line + strlen ("VmRSS:")) : -1;
}

static gboolean
on_timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
iterate_until (gboolean (*condition) (FaltPdfView *view),
               FaltPdfView *view,
               guint        timeout_ms)
{
  gboolean timed_out = FALSE;
  guint source = g_timeout_add (timeout_ms, on_timeout_cb, &timed_out);

  while (!condition (view) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (source);
}

static void
iterate_for (guint ms)
{
  gboolean timed_out = FALSE;

  g_timeout_add (ms, on_timeout_cb, &timed_out);
  while (!timed_out)
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
pages_are_rendered (FaltPdfView *view)
{
  FaltPdfCanvas *canvas = falt_pdf_view_get_canvas (view);
  GPtrArray *pages = falt_pdf_canvas_get_page_widgets (canvas);
  int current = falt_pdf_canvas_get_current_page (canvas);
  gboolean current_shown = FALSE;

  for (guint i = 0; i < pages->len; i++)
    {
      if (!falt_pdf_page_is_rendered (g_ptr_array_index (pages, i)))
        return FALSE;
      if (falt_pdf_page_get_index (g_ptr_array_index (pages, i)) == current)
        current_shown = TRUE;
    }
  return current_shown;
}

typedef struct
{
  gint64  last;
  gint64  longest;
  GArray *gaps;  /* gint64 µs between timer runs */
} Stall;

static gboolean
on_tick_timer_cb (gpointer data)
{
  Stall *stall = data;
  gint64 now = g_get_monotonic_time ();

  if (stall->last > 0)
    {
      gint64 gap = now - stall->last;

      stall->longest = MAX (stall->longest, gap);
      g_array_append_val (stall->gaps, gap);
    }
  stall->last = now;
  return G_SOURCE_CONTINUE;
}

typedef struct
{
  GtkAdjustment *adjustment;
  double         step;
  guint          frames;
  gboolean       done;
} Scroll;

static gboolean
scroll_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       data)
{
  Scroll *scroll = data;
  double value = gtk_adjustment_get_value (scroll->adjustment) + scroll->step;
  double end = gtk_adjustment_get_upper (scroll->adjustment) - gtk_adjustment_get_page_size (scroll->adjustment);

  scroll->frames++;
  gtk_adjustment_set_value (scroll->adjustment, MIN (value, end));
  if (value >= end)
    {
      scroll->done = TRUE;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static gboolean
scroll_done (FaltPdfView *view)
{
  return GPOINTER_TO_INT (g_object_get_data (G_OBJECT (view), "scroll-done"));
}

static int
compare_gaps (gconstpointer a,
              gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

int
main (int argc, char *argv[])
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GFile) file = NULL;
  GtkWidget *window, *view;
  GtkAdjustment *adjustment;
  long first_kb, all_kb;
  int n_pages, scrolled_pages;
  Stall stall = { 0, 0, g_array_new (FALSE, FALSE, sizeof (gint64)) };
  guint over = 0;
  Scroll scroll = { 0 };
  guint timer, tick;

  gtk_init ();
  if (argc != 2)
    {
      g_printerr ("usage: bench-reading FILE.pdf\n");
      return 2;
    }
  file = g_file_new_for_commandline_arg (argv[1]);
  bytes = g_file_load_bytes (file, NULL, NULL, &error);
  if (bytes == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 980, 680);
  view = falt_pdf_view_new ();
  gtk_window_set_child (GTK_WINDOW (window), view);
  if (!falt_pdf_view_load_bytes (FALT_PDF_VIEW (view), bytes, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  gtk_window_present (GTK_WINDOW (window));
  iterate_until (pages_are_rendered, FALT_PDF_VIEW (view), 10000);
  iterate_for (200);
  first_kb = resident_kb ();

  /* Every page in turn, each rendered before the next. */
  n_pages = falt_pdf_view_get_n_pages (FALT_PDF_VIEW (view));
  for (int page = 1; page <= n_pages; page++)
    {
      falt_pdf_view_scroll_to_page (FALT_PDF_VIEW (view), page);
      iterate_until (pages_are_rendered, FALT_PDF_VIEW (view), 10000);
    }
  iterate_for (200);
  all_kb = resident_kb ();

  /* Scroll through the document at zoom 3, 60 px a frame, as a held-down
   * arrow or a flick would, with a 1 ms timer timing the main loop. */
  falt_pdf_view_scroll_to_page (FALT_PDF_VIEW (view), 1);
  falt_pdf_view_set_zoom (FALT_PDF_VIEW (view), 3.0);
  iterate_until (pages_are_rendered, FALT_PDF_VIEW (view), 10000);
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (falt_pdf_view_get_canvas (FALT_PDF_VIEW (view))));
  scroll.adjustment = adjustment;
  scroll.step = 60;
  /* At most 40 pages' worth: enough to cross many page renders. */
  scrolled_pages = MIN (n_pages, 40);
  timer = g_timeout_add_full (G_PRIORITY_HIGH, 1, on_tick_timer_cb, &stall, NULL);
  tick = gtk_widget_add_tick_callback (view, scroll_tick_cb, &scroll, NULL);
  while (!scroll.done
         && gtk_adjustment_get_value (adjustment) < gtk_adjustment_get_upper (adjustment) * scrolled_pages / n_pages)
    g_main_context_iteration (NULL, TRUE);
  if (!scroll.done)
    gtk_widget_remove_tick_callback (view, tick);
  g_source_remove (timer);
  g_object_set_data (G_OBJECT (view), "scroll-done", GINT_TO_POINTER (TRUE));
  iterate_until (scroll_done, FALT_PDF_VIEW (view), 10);

  g_print ("pages %d\n", n_pages);
  g_print ("rss_first_page_kb %ld\n", first_kb);
  g_print ("rss_all_pages_kb %ld\n", all_kb);
  g_print ("rss_growth_mb %.1f\n", (all_kb - first_kb) / 1024.0);
  g_print ("max_stall_ms %.1f\n", stall.longest / 1000.0);
  g_print ("frames %u over %d pages at zoom 3\n", scroll.frames, scrolled_pages);
  g_array_sort (stall.gaps, compare_gaps);
  for (guint i = 0; i < stall.gaps->len; i++)
    if (g_array_index (stall.gaps, gint64, i) > 16000)
      over++;
  g_print ("stalls_over_16ms %u of %u\n", over, stall.gaps->len);
  if (stall.gaps->len > 0)
    g_print ("p99_gap_ms %.1f\n", g_array_index (stall.gaps, gint64, stall.gaps->len * 99 / 100) / 1000.0);
  g_array_unref (stall.gaps);

  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
