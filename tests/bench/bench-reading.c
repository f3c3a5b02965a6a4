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
 *   max_stall_cpu_ms N    the most CPU time the main thread itself spent in
 *                         one gap (the part of a stall that is ours)
 *   longest_stall_frame_ms, frame_*_ms
 *                         where frames' time went, by frame-clock phase
 *   zoom_max_*            the same scrolling at the highest zoom (FALT_PDF_ZOOM_MAX)
 *   zoom_max_rss_growth_mb N
 *                         RSS after that minus RSS at the first page: bounded
 *                         whatever the zoom, since high zoom renders tiles
 *   zoom_max_cache_mb N   what the page cache holds then, its tiles and its
 *                         largest texture
 * The stall figures count time the process was not scheduled, too: on a
 * loaded machine run it a few times.
 */
#include "config.h"

#include "falt-bench-stats.h"
#include "ui/falt-pdf-cache.h"
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

/* Where a frame's time went: the frame clock's phases, timed from the end
 * of each phase's handlers to the end of the next one's. */
typedef struct
{
  gint64 start;   /* before-paint */
  gint64 update;  /* tick callbacks: the scroll step */
  gint64 layout;  /* measure and allocate */
  gint64 paint;   /* snapshot, render, copy to the window */
  gint64 end;     /* after-paint */
  gint64 cpu_start, cpu_layout, cpu_paint;  /* the main thread's CPU time */
} Frame;

static gint64
thread_cpu_time (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

typedef struct
{
  gint64  last;
  gint64  last_cpu;
  gint64  longest;
  gint64  longest_end;
  gint64  longest_cpu;  /* the main thread's CPU time in one gap */
  GArray *gaps;    /* gint64 µs between timer runs */
  GArray *frames;  /* Frame */
  Frame   frame;
} Stall;

static void
on_before_paint_cb (GdkFrameClock *clock,
                    Stall         *stall)
{
  stall->frame = (Frame) { .start = g_get_monotonic_time (), .cpu_start = thread_cpu_time () };
}

static void
on_update_cb (GdkFrameClock *clock,
              Stall         *stall)
{
  stall->frame.update = g_get_monotonic_time ();
}

static void
on_layout_cb (GdkFrameClock *clock,
              Stall         *stall)
{
  stall->frame.layout = g_get_monotonic_time ();
  stall->frame.cpu_layout = thread_cpu_time ();
}

static void
on_paint_cb (GdkFrameClock *clock,
             Stall         *stall)
{
  stall->frame.paint = g_get_monotonic_time ();
  stall->frame.cpu_paint = thread_cpu_time ();
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   Stall         *stall)
{
  stall->frame.end = g_get_monotonic_time ();
  if (stall->frame.start > 0)
    g_array_append_val (stall->frames, stall->frame);
  stall->frame.start = 0;
}

static gint64
phase (gint64 from,
       gint64 to)
{
  return from > 0 && to >= from ? to - from : 0;
}

/* The frame the longest gap overlapped, if any, phase by phase. */
static void
print_longest_gap_frame (Stall      *stall,
                         const char *prefix)
{
  gint64 gap_start = stall->longest_end - stall->longest;

  for (guint i = 0; i < stall->frames->len; i++)
    {
      Frame *f = &g_array_index (stall->frames, Frame, i);
      gint64 update_end = MAX (f->update, f->start);
      gint64 layout_end = MAX (f->layout, update_end);
      gint64 paint_end = MAX (f->paint, layout_end);

      if (f->end < gap_start || f->start > stall->longest_end)
        continue;
      g_print ("%slongest_stall_frame_ms %.1f (update %.1f, layout %.1f, paint %.1f, after-paint %.1f)\n",
               prefix, (f->end - f->start) / 1000.0, phase (f->start, update_end) / 1000.0,
               phase (update_end, layout_end) / 1000.0, phase (layout_end, paint_end) / 1000.0,
               phase (paint_end, f->end) / 1000.0);
      return;
    }
  g_print ("%slongest_stall_frame_ms 0 (the gap was outside any frame: a job's result, or not scheduled)\n", prefix);
}

/* The frames' phases at their 95th percentile and their worst: wall-clock
 * time, and for layout and paint the main thread's CPU time (what is left
 * when the machine is busy with other work). */
static void
print_frame_phases (Stall      *stall,
                    const char *prefix)
{
  const char *names[] = { "update", "layout", "paint", "after-paint", "layout_cpu", "paint_cpu" };
  GArray *phases[G_N_ELEMENTS (names)];

  for (guint p = 0; p < G_N_ELEMENTS (names); p++)
    phases[p] = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint i = 0; i < stall->frames->len; i++)
    {
      Frame *f = &g_array_index (stall->frames, Frame, i);
      gint64 update_end = MAX (f->update, f->start);
      gint64 layout_end = MAX (f->layout, update_end);
      gint64 paint_end = MAX (f->paint, layout_end);
      double ms[] = { phase (f->start, update_end) / 1000.0, phase (update_end, layout_end) / 1000.0,
                      phase (layout_end, paint_end) / 1000.0, phase (paint_end, f->end) / 1000.0,
                      phase (f->cpu_start, f->cpu_layout) / 1000.0, phase (f->cpu_layout, f->cpu_paint) / 1000.0 };

      for (guint p = 0; p < G_N_ELEMENTS (names); p++)
        g_array_append_val (phases[p], ms[p]);
    }
  for (guint p = 0; p < G_N_ELEMENTS (names); p++)
    {
      if (phases[p]->len > 0)
        g_print ("%sframe_%s_ms p95 %.1f max %.1f\n", prefix, names[p], falt_bench_percentile (phases[p], 0.95),
                 falt_bench_percentile (phases[p], 1.0));
      g_array_unref (phases[p]);
    }
}

static gboolean
on_tick_timer_cb (gpointer data)
{
  Stall *stall = data;
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = thread_cpu_time ();

  if (stall->last > 0)
    {
      gint64 gap = now - stall->last;

      stall->longest_cpu = MAX (stall->longest_cpu, cpu - stall->last_cpu);
      if (gap > stall->longest)
        {
          stall->longest = gap;
          stall->longest_end = now;
        }
      g_array_append_val (stall->gaps, gap);
    }
  stall->last = now;
  stall->last_cpu = cpu;
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

/* Scrolls through @n_pages pages at @zoom, 60 px a frame, as a held-down
 * arrow or a flick would, with a 1 ms timer timing the main loop, and
 * prints what it measured, each line starting with @prefix. */
static void
scroll_at_zoom (FaltPdfView *view,
                double       zoom,
                int          n_pages,
                const char  *prefix)
{
  Stall stall = { .gaps = g_array_new (FALSE, FALSE, sizeof (gint64)),
                  .frames = g_array_new (FALSE, FALSE, sizeof (Frame)) };
  int total_pages = falt_pdf_view_get_n_pages (view);
  GtkAdjustment *adjustment;
  GdkFrameClock *clock;
  Scroll scroll = { 0 };
  guint timer, tick, over = 0;

  falt_pdf_view_scroll_to_page (view, 1);
  falt_pdf_view_set_zoom (view, zoom);
  iterate_until (pages_are_rendered, view, 10000);
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (falt_pdf_view_get_canvas (view)));
  scroll.adjustment = adjustment;
  scroll.step = 60;
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (view));
  g_signal_connect (clock, "before-paint", G_CALLBACK (on_before_paint_cb), &stall);
  g_signal_connect (clock, "update", G_CALLBACK (on_update_cb), &stall);
  g_signal_connect (clock, "layout", G_CALLBACK (on_layout_cb), &stall);
  g_signal_connect (clock, "paint", G_CALLBACK (on_paint_cb), &stall);
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), &stall);
  timer = g_timeout_add_full (G_PRIORITY_HIGH, 1, on_tick_timer_cb, &stall, NULL);
  tick = gtk_widget_add_tick_callback (GTK_WIDGET (view), scroll_tick_cb, &scroll, NULL);
  while (!scroll.done
         && gtk_adjustment_get_value (adjustment) < gtk_adjustment_get_upper (adjustment) * n_pages / total_pages)
    g_main_context_iteration (NULL, TRUE);
  if (!scroll.done)
    gtk_widget_remove_tick_callback (GTK_WIDGET (view), tick);
  g_source_remove (timer);
  g_signal_handlers_disconnect_matched (clock, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, &stall);
  g_object_set_data (G_OBJECT (view), "scroll-done", GINT_TO_POINTER (TRUE));
  iterate_until (scroll_done, view, 10);

  g_print ("%smax_stall_ms %.1f\n", prefix, stall.longest / 1000.0);
  g_print ("%smax_stall_cpu_ms %.1f (the main thread's own CPU time in one gap)\n", prefix, stall.longest_cpu / 1000.0);
  g_print ("%sframes %u over %d pages at zoom %g\n", prefix, scroll.frames, n_pages, zoom);
  g_array_sort (stall.gaps, compare_gaps);
  for (guint i = 0; i < stall.gaps->len; i++)
    if (g_array_index (stall.gaps, gint64, i) > 16000)
      over++;
  g_print ("%sstalls_over_16ms %u of %u\n", prefix, over, stall.gaps->len);
  if (stall.gaps->len > 0)
    g_print ("%sp99_gap_ms %.1f\n", prefix, g_array_index (stall.gaps, gint64, stall.gaps->len * 99 / 100) / 1000.0);
  print_longest_gap_frame (&stall, prefix);
  print_frame_phases (&stall, prefix);
  g_array_unref (stall.gaps);
  g_array_unref (stall.frames);
}

int
main (int argc, char *argv[])
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GFile) file = NULL;
  GtkWidget *window, *view;
  FaltPdfCache *cache;
  long first_kb, all_kb, zoom_max_kb;
  int n_pages;

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

  g_print ("pages %d\n", n_pages);
  g_print ("rss_first_page_kb %ld\n", first_kb);
  g_print ("rss_all_pages_kb %ld\n", all_kb);
  g_print ("rss_growth_mb %.1f\n", (all_kb - first_kb) / 1024.0);

  /* At most 40 pages' worth: enough to cross many page renders. */
  scroll_at_zoom (FALT_PDF_VIEW (view), 3.0, MIN (n_pages, 40), "");

  /* The same at the highest zoom, where a page is biggest: memory stays
   * bounded whatever the zoom. */
  scroll_at_zoom (FALT_PDF_VIEW (view), FALT_PDF_ZOOM_MAX, MIN (n_pages, 40), "zoom_max_");
  iterate_for (200);
  zoom_max_kb = resident_kb ();
  cache = falt_pdf_canvas_get_cache (falt_pdf_view_get_canvas (FALT_PDF_VIEW (view)));
  g_print ("zoom_max_rss_growth_mb %.1f (RSS after scrolling at zoom %g minus RSS at the first page)\n",
           (zoom_max_kb - first_kb) / 1024.0, FALT_PDF_ZOOM_MAX);
  g_print ("zoom_max_cache_mb %.1f of %.1f, %u tiles, largest texture %d px a side\n",
           falt_pdf_cache_get_size (cache) / 1048576.0, falt_pdf_cache_get_max_size (cache) / 1048576.0,
           falt_pdf_cache_get_n_tiles (cache), falt_pdf_cache_get_largest_side (cache));

  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
