/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <time.h>

#include <adwaita.h>

#include "falt-bench-stats.h"
#include "falt-test-feed.h"
#include "falt-test-utils.h"
#include "ui/falt-document-page.h"
#include "ui/falt-markdown-text.h"
#include "ui/falt-markdown-view-private.h"
#include "ui/falt-search-page-private.h"

/* Reading benchmark, articles (the PDF viewer's figures are in
 * tests/bench/reading): search as you type on a store of 10,000 articles,
 * from a keystroke to its results drawn (p95; target one frame, 16 ms),
 * and the first frame of a 5,000-word article.
 *   bench-reading-articles [ARTICLES]     (default 10000; 0: the article only)
 * How search as you type is measured: words are typed a letter every
 * KEY_INTERVAL ms (a fast typist); each letter searches at once, without
 * the search field's typing delay (GtkSearchEntry waits 150 ms for more
 * keys, which would only add to the time), and the time runs from the
 * letter to the end of the first frame painted with its results: every
 * letter's results are drawn, so the final query's are too. The frame
 * clock paints at most every 16.7 ms: the letter's own frame waits a few
 * ms for the search (falt-search-page.c), and results that miss it are
 * drawn in a frame 16.7 ms or more after it. The output also gives the
 * work alone, the search and the results' frame without the waits for
 * the frame clock. */

#define KEY_INTERVAL 100

static const char *const vocabulary[] = {
  "människohandel", "människohandeln", "barn", "barnen", "stöd", "stödet", "socialtjänsten", "samordnare",
  "myndigheten", "polisen", "offret", "skydd", "utredningen", "kommunen", "regionen", "betänketid",
  "återvändande", "exploatering", "prostitution", "tvångsarbete", "boende", "tolken", "vägledning",
  "manualen", "rutiner", "samverkan", "rättigheter", "hälsa", "vården", "familjen", "våld", "skulden",
  "passet", "arbetsgivaren", "bostaden", "trygghet", "regeln", "handeln", "ärendet", "bedömning",
  "risken", "misstanken", "anmälan", "åklagaren", "domstolen", "länsstyrelsen", "akut", "kontakt",
  "och", "att", "som", "för", "på", "med", "är", "en", "det", "av", "till", "om", "inte", "kan", "ska",
};

static char *
random_words (GRand *rand,
              guint  n_words)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < n_words; i++)
    {
      g_string_append (text, vocabulary[g_rand_int_range (rand, 0, G_N_ELEMENTS (vocabulary))]);
      g_string_append (text, i % 14 == 13 ? ".\n" : " ");
    }
  return g_string_free (text, FALSE);
}

static char *article_of_5000_words (void);

static FaltStore *
make_store (const char *dir,
            guint       n_articles)
{
  g_autofree char *feed_dir = g_build_filename (dir, "feed", NULL);
  g_autofree char *db_path = g_build_filename (dir, "faltstod.db", NULL);
  g_autoptr (FaltTestFeed) feed = falt_test_feed_new (feed_dir, 1);
  g_autoptr (GRand) rand = g_rand_new_with_seed (42);
  g_autoptr (GError) error = NULL;
  FaltStore *store;

  falt_test_feed_add_section (feed, "manuals", "Manualer", "Manuals");
  for (guint i = 0; i < n_articles; i++)
    {
      g_autofree char *id = g_strdup_printf ("artikel-%u", i);
      g_autofree char *title = random_words (rand, 4);
      g_autofree char *body = random_words (rand, 300);

      falt_test_feed_add_article (feed, id, "manuals", "sv", g_strstrip (title), body);
    }
  falt_test_feed_write (feed);

  store = falt_store_open (db_path, &error);
  g_assert_no_error (error);
  falt_store_import_feed (store, feed_dir, FALSE, &error);
  g_assert_no_error (error);
  return store;
}

/* The first frame painted after @armed is set: when it started (the frame
 * clock's before-paint phase) and when it was painted. */
typedef struct
{
  gboolean armed;
  gint64   started;
  gint64   laid_out;      /* the end of its layout phase */
  gint64   painted;
  gint64   painted_cpu;   /* the main thread's CPU time then */
  guint    n_frames;      /* frames started so far */
  guint    armed_frame;   /* the n_frames of the frame watched */
  /* For search as you type: the frame watched is the first painted once
   * the page's results are in its rows, which may happen in the frame
   * itself (the page waits for them there) or between frames. */
  FaltSearchPage *page;
  gint64   frame_started; /* the latest frame's before-paint */
  gint64   shown;         /* when the results were first seen in the rows */
} FrameWatch;

static gboolean
search_results_shown (FrameWatch *watch)
{
  return watch->page != NULL && !falt_search_page_is_searching (watch->page);
}

/* This thread's CPU time in µs: on a shared machine, the work without the
 * time other processes had the CPU. */
static gint64
thread_cpu_time (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);
  return (gint64) now.tv_sec * G_USEC_PER_SEC + now.tv_nsec / 1000;
}

static void
on_before_paint_cb (GdkFrameClock *clock,
                    FrameWatch    *watch)
{
  watch->n_frames++;
  watch->frame_started = g_get_monotonic_time ();
  if (watch->armed && watch->started == 0 && watch->page == NULL)
    {
      watch->started = watch->frame_started;
      watch->armed_frame = watch->n_frames;
    }
}

/* After the frame's update phase (tick callbacks: the search page's wait
 * for its results) and the window's layout. */
static void
on_layout_cb (GdkFrameClock *clock,
              FrameWatch    *watch)
{
  if (watch->armed && watch->shown == 0 && search_results_shown (watch))
    watch->shown = g_get_monotonic_time ();
  /* The article's open: when the frame watched was laid out. */
  if (watch->armed && watch->started != 0 && watch->laid_out == 0)
    watch->laid_out = g_get_monotonic_time ();
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   FrameWatch    *watch)
{
  if (watch->armed && watch->page != NULL && watch->painted == 0 && search_results_shown (watch))
    {
      watch->started = watch->frame_started;
      watch->armed_frame = watch->n_frames;
      watch->painted = g_get_monotonic_time ();
      watch->painted_cpu = thread_cpu_time ();
    }
  else if (watch->armed && watch->started != 0 && watch->painted == 0)
    {
      watch->painted = g_get_monotonic_time ();
      watch->painted_cpu = thread_cpu_time ();
    }
}

static void
iterate_until_painted (FrameWatch *watch,
                       GtkWidget  *widget)
{
  watch->started = 0;
  watch->laid_out = 0;
  watch->painted = 0;
  watch->armed = TRUE;
  gtk_widget_queue_draw (widget);
  while (watch->painted == 0)
    g_main_context_iteration (NULL, TRUE);
  watch->armed = FALSE;
}

static gboolean
set_done_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @end (monotonic time), sleeping when it is
 * idle: the machine is shared, and the search runs on another thread. */
static void
iterate_until (gint64 end)
{
  gboolean done = FALSE;
  gint64 now = g_get_monotonic_time ();

  if (now >= end)
    return;
  g_timeout_add ((end - now + 999) / 1000, set_done_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static void
iterate (guint ms)
{
  iterate_until (g_get_monotonic_time () + ms * 1000);
}

/* Words typed letter by letter, as a user would. */
static const char *const typed[] = {
  "människohandel", "barnen", "stöd", "socialtjänsten", "betänketid", "polisen skydd", "vägledning",
  "åklagaren", "rättigheter", "tvångsarbete",
};

static void
print_times (const char *what,
             GArray     *times)
{
  printf ("%s: median %.1f ms, p95 %.1f ms, max %.1f ms\n", what, falt_bench_percentile (times, 0.5),
          falt_bench_percentile (times, 0.95), falt_bench_percentile (times, 1.0));
}

static void
append_ms (GArray *times,
           gint64  from,
           gint64  to)
{
  double ms = (to - from) / 1000.0;

  g_array_append_val (times, ms);
}

/* The same queries without the page, on the caller's connection: what the
 * store itself costs (ranking and snippets). */
static void
bench_store_alone (FaltStore *store)
{
  g_autoptr (GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint w = 0; w < G_N_ELEMENTS (typed); w++)
    for (glong n = 1; n <= g_utf8_strlen (typed[w], -1); n++)
      {
        g_autofree char *prefix = g_utf8_substring (typed[w], 0, n);
        g_autoptr (GError) error = NULL;
        g_autoptr (GPtrArray) hits = NULL;
        gint64 start = g_get_monotonic_time ();

        hits = falt_store_search (store, prefix, FALT_STORE_LANGS ("sv"), 50, &error);
        g_assert_no_error (error);
        append_ms (times, start, g_get_monotonic_time ());
      }
  print_times ("  the store alone (same queries, 50 hits with snippets, on this thread)", times);
}

/* CPU time the calling thread has used, in ms: what the main thread's
 * share of a letter costs, whatever else the machine runs. */
static double
thread_cpu_ms (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);
  return now.tv_sec * 1e3 + now.tv_nsec / 1e6;
}

/* The 1-minute load average: the machine is shared, and a busy one
 * delays the search's worker thread and the frames. */
static char *
read_load_average (void)
{
  g_autofree char *contents = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &contents, NULL, NULL))
    return g_strdup ("?");
  return g_strndup (contents, strcspn (contents, " "));
}

static void
bench_search_as_you_type (FaltStore *store,
                          GSettings *settings,
                          FrameWatch *watch,
                          GtkWindow  *window)
{
  GtkWidget *page = falt_search_page_new (store, settings);
  g_autoptr (GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) search_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) wait_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) frame_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) work_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) cpu_times = g_array_new (FALSE, FALSE, sizeof (double));
  guint in_frame[3] = { 0, 0, 0 };   /* results in the letter's frame, the next, later */
  g_autofree char *load_before = read_load_average ();
  g_autofree char *load_after = NULL;

  gtk_window_set_child (window, page);
  iterate (300);
  watch->page = FALT_SEARCH_PAGE (page);

  for (guint w = 0; w < G_N_ELEMENTS (typed); w++)
    {
      glong n_chars = g_utf8_strlen (typed[w], -1);

      for (glong n = 1; n <= n_chars; n++)
        {
          g_autofree char *prefix = g_utf8_substring (typed[w], 0, n);
          gint64 start, frame_from;
          double cpu_start, cpu_ms;
          guint first_frame;

          if (prefix[strlen (prefix) - 1] == ' ')
            continue;
          watch->started = watch->painted = watch->shown = 0;
          watch->armed = TRUE;
          start = g_get_monotonic_time ();
          cpu_start = thread_cpu_ms ();
          first_frame = watch->n_frames + 1;
          falt_search_page_set_query (FALT_SEARCH_PAGE (page), prefix);
          falt_search_page_search_now (FALT_SEARCH_PAGE (page));
          while (falt_search_page_is_searching (FALT_SEARCH_PAGE (page)))
            g_main_context_iteration (NULL, TRUE);
          if (watch->shown == 0)
            watch->shown = g_get_monotonic_time ();
          /* Results that came between frames: the next frame paints them
           * (asked for, in case they look as the last ones did). */
          if (watch->painted == 0)
            gtk_widget_queue_draw (page);
          while (watch->painted == 0)
            g_main_context_iteration (NULL, TRUE);
          watch->armed = FALSE;
          cpu_ms = thread_cpu_ms () - cpu_start;
          g_array_append_val (cpu_times, cpu_ms);
          /* The frame's work starts when both it and the results are there. */
          frame_from = MAX (watch->started, watch->shown);
          append_ms (times, start, watch->painted);
          append_ms (search_times, start, watch->shown);
          append_ms (wait_times, watch->shown, frame_from);
          append_ms (frame_times, frame_from, watch->painted);
          append_ms (work_times, start + frame_from - watch->shown, watch->painted);
          in_frame[MIN (watch->armed_frame - first_frame, 2)]++;
          iterate_until (start + KEY_INTERVAL * 1000);
        }
      falt_search_page_set_query (FALT_SEARCH_PAGE (page), "");
      iterate (200);
    }
  watch->page = NULL;

  load_after = read_load_average ();
  printf ("search as you type, a letter every %d ms, from the letter to the first frame painted with its results, "
          "%u letters (target p95 < 16 ms; machine load average %s before, %s after):\n",
          KEY_INTERVAL, times->len, load_before, load_after);
  print_times ("  keystroke to results drawn", times);
  print_times ("  of which the search until its results are in the rows (store on its thread, rows on the main one; "
               "when they come in time, within the letter's frame)",
               search_times);
  print_times ("  then waiting for the frame clock (results that came between frames)", wait_times);
  print_times ("  then the frame's layout and paint", frame_times);
  print_times ("  the work alone (search, rows, the frame; no waits for the frame clock)", work_times);
  print_times ("  the main thread's CPU time for it (rows, the frame: what a busy machine cannot stretch)", cpu_times);
  printf ("  results drawn in the letter's own frame: %u, in the frame after it: %u, later: %u\n", in_frame[0],
          in_frame[1], in_frame[2]);

  /* What it looks like, narrow and wide. */
  falt_search_page_set_query (FALT_SEARCH_PAGE (page), "stöd");
  falt_search_page_search_now (FALT_SEARCH_PAGE (page));
  while (falt_search_page_is_searching (FALT_SEARCH_PAGE (page)))
    g_main_context_iteration (NULL, TRUE);
  for (guint i = 0; i < 2; i++)
    {
      int width = i == 0 ? 360 : 1280;
      g_autofree char *name = g_strdup_printf ("bench-search-%d", width);

      gtk_window_set_default_size (window, width, 720);
      iterate (400);
      g_free (falt_test_save_screenshot (GTK_WIDGET (window), name));
    }
  gtk_window_set_default_size (window, 980, 680);
  iterate (300);
}

static char *
article_of_5000_words (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (5);
  GString *markdown = g_string_new ("# Manual vid misstanke om människohandel\n\n");
  guint words = 0;

  for (guint section = 0; words < 5000; section++)
    {
      g_autofree char *paragraph = random_words (rand, 100);

      if (section % 5 == 0)
        g_string_append_printf (markdown, "## Avsnitt %u\n\n", section / 5 + 1);
      if (section % 12 == 6)
        g_string_append (markdown, "| Vem | Nummer |\n| --- | --- |\n| Stödtelefonen | 020-39 00 00 |\n"
                                   "| Polisen | 114 14 |\n\n- en punkt i en lista\n- en till\n\n");
      g_string_append (markdown, paragraph);
      g_string_append (markdown, "\n\n");
      words += 100;
    }
  return g_string_free (markdown, FALSE);
}

/* The longest the main loop is busy at once (one source dispatched: an
 * idle putting in text, a frame, GtkTextView's layout), for @ms. */
static double
longest_stall (guint   ms,
               double *longest_cpu)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;
  double longest = 0;

  *longest_cpu = 0;
  while (g_get_monotonic_time () < end)
    {
      gint64 start = g_get_monotonic_time ();
      gint64 start_cpu = thread_cpu_time ();

      if (g_main_context_iteration (NULL, FALSE))
        {
          longest = MAX (longest, (g_get_monotonic_time () - start) / 1000.0);
          *longest_cpu = MAX (*longest_cpu, (thread_cpu_time () - start_cpu) / 1000.0);
        }
      else
        g_usleep (500);
    }
  return longest;
}

typedef struct
{
  GArray *open;       /* set_markdown (and, at once, the rest) on the main thread */
  GArray *wait;       /* then waiting for the frame clock */
  GArray *layout;     /* the frame's layout phase */
  GArray *paint;      /* its paint */
  GArray *work;       /* open + frame: the main thread's work to the first frame */
  GArray *cpu;        /* the main thread's CPU time from the open to the first frame */
  GArray *first;      /* open to first frame painted */
  GArray *stall;      /* the longest main-loop stall after it */
  GArray *stall_cpu;  /* … in CPU time */
} ArticleTimes;

static void
article_times_init (ArticleTimes *times)
{
  GArray **arrays[] = { &times->open, &times->wait, &times->layout, &times->paint, &times->work, &times->cpu,
                        &times->first, &times->stall, &times->stall_cpu };

  for (guint i = 0; i < G_N_ELEMENTS (arrays); i++)
    *arrays[i] = g_array_new (FALSE, FALSE, sizeof (double));
}

static void
article_times_clear (ArticleTimes *times)
{
  GArray **arrays[] = { &times->open, &times->wait, &times->layout, &times->paint, &times->work, &times->cpu,
                        &times->first, &times->stall, &times->stall_cpu };

  for (guint i = 0; i < G_N_ELEMENTS (arrays); i++)
    g_clear_pointer (arrays[i], g_array_unref);
}

static void
print_article_times (const char   *what,
                     ArticleTimes *times)
{
  printf ("%s, over %u runs:\n", what, times->first->len);
  print_times ("  the open on the main thread (Markdown to text, into the buffer)", times->open);
  print_times ("  then waiting for the frame clock", times->wait);
  print_times ("  then the frame's layout (GtkTextView lays out what is in sight)", times->layout);
  print_times ("  then its paint", times->paint);
  print_times ("  main-thread work to the first frame (open, layout, paint; target < 16 ms)", times->work);
  print_times ("  the same in the main thread's CPU time (without other processes' turns on this shared machine)",
               times->cpu);
  print_times ("  open to the first frame painted", times->first);
  print_times ("  after it, the longest main-loop stall until the text is all in and laid out (target < 16 ms)",
               times->stall);
  print_times ("  the same in CPU time", times->stall_cpu);
}

static void
bench_article_first_frame (FrameWatch *watch,
                           GtkWindow  *window)
{
  g_autofree char *markdown = article_of_5000_words ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *view = falt_markdown_view_new ();
  g_autoptr (GArray) parses = g_array_new (FALSE, FALSE, sizeof (double));
  ArticleTimes times[2];

  for (guint i = 0; i < 2; i++)
    article_times_init (&times[i]);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_window_set_child (window, scrolled);
  iterate (300);

  /* Alternated: the whole text put in at once (as the view did before), and
   * a screenful first with the rest following. */
  for (guint run = 0; run < 18; run++)
    {
      ArticleTimes *t = &times[run % 2];
      gint64 start = g_get_monotonic_time ();
      gint64 start_cpu = thread_cpu_time ();
      gint64 opened;

      falt_markdown_view_set_markdown (FALT_MARKDOWN_VIEW (view), markdown);
      if (run % 2 == 0)
        falt_markdown_view_ensure_shown (FALT_MARKDOWN_VIEW (view), -1);
      opened = g_get_monotonic_time ();
      iterate_until_painted (watch, view);
      append_ms (t->open, start, opened);
      append_ms (t->wait, opened, watch->started);
      append_ms (t->layout, watch->started, watch->laid_out);
      append_ms (t->paint, watch->laid_out, watch->painted);
      append_ms (t->work, start + watch->started - opened, watch->painted);
      append_ms (t->cpu, start_cpu, watch->painted_cpu);
      append_ms (t->first, start, watch->painted);
      {
        double stall_cpu;
        double stall = longest_stall (400, &stall_cpu);

        g_array_append_val (t->stall, stall);
        g_array_append_val (t->stall_cpu, stall_cpu);
      }
      falt_markdown_view_set_markdown (FALT_MARKDOWN_VIEW (view), "# Tom\n");
      iterate (100);
    }

  for (guint run = 0; run < 9; run++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr (FaltMarkdownText) text = falt_markdown_text_new (markdown);

      append_ms (parses, start, g_get_monotonic_time ());
    }

  printf ("5,000-word article (%d characters), from set_markdown to its first frame:\n", (int) g_utf8_strlen (markdown, -1));
  print_times ("  Markdown to text alone (falt_markdown_text_new: cmark-gfm, styles, tables; any thread)", parses);
  print_article_times ("  the whole text into the buffer at once (as the view did before, with this parser)", &times[0]);
  print_article_times ("  now: the first screenful at once, the rest while the main loop is idle", &times[1]);
  for (guint i = 0; i < 2; i++)
    article_times_clear (&times[i]);
}

/* The same article opened as the app opens it: the document page reads it
 * from the store (and notes it as read) before the view gets it. */
static void
bench_article_in_page (const char *dir,
                       GSettings  *settings,
                       FrameWatch *watch,
                       GtkWindow  *window)
{
  g_autofree char *article_dir = g_build_filename (dir, "article", NULL);
  g_autofree char *feed_dir = g_build_filename (article_dir, "feed", NULL);
  g_autofree char *db_path = g_build_filename (article_dir, "faltstod.db", NULL);
  g_autofree char *markdown = article_of_5000_words ();
  g_autoptr (FaltTestFeed) feed = falt_test_feed_new (feed_dir, 1);
  g_autoptr (FaltStore) store = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) opens = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) works = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) cpus = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) layouts = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) paints = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) firsts = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) stalls = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) stall_cpus = g_array_new (FALSE, FALSE, sizeof (double));
  GtkWidget *page;

  g_mkdir_with_parents (article_dir, 0700);
  falt_test_feed_add_section (feed, "manuals", "Manualer", "Manuals");
  falt_test_feed_add_article (feed, "lang", "manuals", "sv", "Manual vid misstanke om människohandel", markdown);
  falt_test_feed_add_article (feed, "kort", "manuals", "sv", "Kort", "# Kort\n\nEn rad.\n");
  falt_test_feed_write (feed);
  store = falt_store_open (db_path, &error);
  g_assert_no_error (error);
  falt_store_import_feed (store, feed_dir, FALSE, &error);
  g_assert_no_error (error);

  page = falt_document_page_new (store, settings);
  gtk_window_set_child (window, page);
  iterate (300);
  for (guint run = 0; run < 18; run++)
    {
      gint64 start = g_get_monotonic_time ();
      gint64 start_cpu = thread_cpu_time ();
      gint64 opened;

      falt_document_page_open (FALT_DOCUMENT_PAGE (page), run % 2 == 0 ? "lang" : "kort", 0);
      opened = g_get_monotonic_time ();
      iterate_until_painted (watch, page);
      if (run % 2 == 0)
        {
          double stall_cpu;
          double stall = longest_stall (400, &stall_cpu);

          append_ms (opens, start, opened);
          append_ms (works, start + watch->started - opened, watch->painted);
          append_ms (cpus, start_cpu, watch->painted_cpu);
          append_ms (layouts, watch->started, watch->laid_out);
          append_ms (paints, watch->laid_out, watch->painted);
          append_ms (firsts, start, watch->painted);
          g_array_append_val (stalls, stall);
          g_array_append_val (stall_cpus, stall_cpu);
        }
      else
        iterate (100);
    }
  printf ("the same article opened in the document page (from the store, as the app opens it), over %u runs:\n",
          firsts->len);
  print_times ("  the open on the main thread (the store's reads and the note that it was read, then the view)", opens);
  print_times ("  then the frame's layout", layouts);
  print_times ("  then its paint", paints);
  print_times ("  main-thread work to the first frame (the open, layout, paint; target < 16 ms)", works);
  print_times ("  the same in the main thread's CPU time", cpus);
  print_times ("  open to the first frame painted", firsts);
  print_times ("  after it, the longest main-loop stall until the text is all in and laid out (target < 16 ms)", stalls);
  print_times ("  the same in CPU time", stall_cpus);
  falt_document_page_open (FALT_DOCUMENT_PAGE (page), "lang", 0);
  gtk_window_set_default_size (window, 1280, 800);
  iterate (400);
  g_free (falt_test_save_screenshot (GTK_WIDGET (window), "bench-article-1280"));
  gtk_window_set_default_size (window, 980, 680);
  gtk_window_set_child (window, NULL);
  iterate (100);
}

int
main (int argc, char *argv[])
{
  guint n_articles = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 10000;
  g_autofree char *dir = g_dir_make_tmp ("bench-reading-XXXXXX", NULL);
  g_autoptr (FaltStore) store = NULL;
  g_autoptr (GSettings) settings = NULL;
  FrameWatch watch = { FALSE, 0 };
  GtkWindow *window;
  gint64 start;

  setvbuf (stdout, NULL, _IOLBF, 0);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  gtk_init ();
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  settings = g_settings_new (APPLICATION_ID);
  g_settings_set_string (settings, "content-language", "sv");

  start = g_get_monotonic_time ();
  store = make_store (dir, n_articles);
  printf ("store of %u articles made in %.1f s\n", n_articles, (g_get_monotonic_time () - start) / 1e6);

  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 980, 680);
  gtk_window_present (window);
  iterate (300);
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "before-paint",
                    G_CALLBACK (on_before_paint_cb), &watch);
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "layout",
                    G_CALLBACK (on_layout_cb), &watch);
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                    G_CALLBACK (on_after_paint_cb), &watch);

  /* 0 articles: the article's first frame only. */
  if (n_articles > 0)
    {
      bench_search_as_you_type (store, settings, &watch, window);
      bench_store_alone (store);
    }
  bench_article_first_frame (&watch, window);
  bench_article_in_page (dir, settings, &watch, window);

  gtk_window_destroy (window);
  g_clear_object (&store);
  {
    g_autofree char *command = g_strdup_printf ("rm -rf '%s'", dir);
    if (system (command) != 0)
      g_warning ("Could not remove %s", dir);
  }
  return 0;
}
