/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <cairo-pdf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gstdio.h>

#include "falt-test-files.h"
#include "falt-test-nginx.h"
#include "feed/falt-feed.h"
#include "publish/falt-content-source.h"
#include "publish/falt-feed-writer.h"
#include "store/falt-store.h"
#include "sync/falt-updater.h"

/* Sync benchmark against a real nginx on a loopback port, with feeds built and signed by the
 * publishing code:
 *   1. a feed of many PDFs (about 200 MB) synced into an empty store, against curl fetching the
 *      same files (manifest, signature, every blob) in one invocation (sequential, one
 *      connection kept alive), alternated over RUNS runs;
 *   2. the bytes nginx sends for a one-document change in a 500-document feed, against that
 *      document's blob plus the manifest and its signature;
 *   3. applying that delta: its time, and the longest gap between dispatches of a 1 ms timeout
 *      on the main loop while it applies.
 *   bench-sync PUBLISH_VALID_DIR [PDFS [RUNS [DELTAS]]]    (default 290 3 5) */

typedef struct
{
  char          *dir;
  char          *valid;
  char          *source;
  char          *www;
  char          *feed;
  char          *secret_path;
  FaltKeyring   *keyring;
  FaltTestNginx *nginx;
} Bench;

/* What one sync saw, in µs from its start, and the main loop's longest gaps. */
typedef struct
{
  gboolean      done;
  gboolean      ok;
  char         *error;
  gint64        start;
  gint64        applying;
  gint64        end;
  gint64        last_tick;
  gint64        max_gap_download;
  gint64        max_gap_apply;
  gint64        max_gap_apply_end;
  FaltUpdaterState state;
} Run;

static const char * const words[] = {
  "människohandel", "barnet", "stöd", "socialtjänsten", "samordnaren", "myndigheten", "polisen",
  "skydd", "utredning", "kommunen", "regionen", "betänketid", "exploatering", "tvångsarbete",
  "boende", "tolk", "vårdnadshavare", "ensamkommande", "vägledning", "samverkan", "och", "att",
  "som", "för", "på", "med", "är", "en", "den", "av", "till", "om", "inte", "kan", "ska", "vid",
};

static char *
random_text (GRand *rand, gsize length)
{
  GString *text = g_string_sized_new (length + 32);

  while (text->len < length)
    {
      g_string_append (text, words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
      g_string_append (text, g_rand_int_range (rand, 0, 12) == 0 ? ". " : " ");
    }
  return g_string_free (text, FALSE);
}

static cairo_status_t
append_cb (void *data, const unsigned char *bytes, unsigned int length)
{
  g_byte_array_append (data, bytes, length);
  return CAIRO_STATUS_SUCCESS;
}

/* A PDF of N_PAGES pages, each with lines of text and a SIDE×SIDE image of random pixels (which
 * no compression shrinks, so the file's size is real). */
static GBytes *
make_pdf (GRand *rand, const char *heading, guint n_pages, int side)
{
  GByteArray *pdf = g_byte_array_new ();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (append_cb, pdf, 595, 842);
  cairo_t *cr;

  /* A fixed date: the same pages make the same file, so an unchanged document keeps its blob. */
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, "2026-10-01T10:00:00Z");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_MOD_DATE, "2026-10-01T10:00:00Z");
  cr = cairo_create (surface);
  cairo_select_font_face (cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 10);
  for (guint page = 0; page < n_pages; page++)
    {
      cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, side, side);
      guint32 *pixels;
      int stride;

      cairo_surface_flush (image);
      pixels = (guint32 *) cairo_image_surface_get_data (image);
      stride = cairo_image_surface_get_stride (image) / 4;
      for (int y = 0; y < side; y++)
        for (int x = 0; x < side; x++)
          pixels[y * stride + x] = g_rand_int (rand) & 0xffffff;
      cairo_surface_mark_dirty (image);

      cairo_move_to (cr, 40, 40);
      cairo_show_text (cr, heading);
      for (guint line = 0; line < 20; line++)
        {
          g_autofree char *text = random_text (rand, 70);

          cairo_move_to (cr, 40, 60 + 14 * line);
          cairo_show_text (cr, text);
        }
      cairo_set_source_surface (cr, image, 40, 360);
      cairo_paint (cr);
      cairo_set_source_rgb (cr, 0, 0, 0);
      cairo_surface_destroy (image);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    g_error ("cairo could not write a PDF");
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (pdf);
}

static void
write_pdf_document (Bench *bench, const char *id, GBytes *pdf)
{
  g_autofree char *pdf_name = g_strdup_printf ("pdfs/%s.sv.pdf", id);
  g_autofree char *json_name = g_strdup_printf ("pdfs/%s.sv.json", id);
  g_autofree char *pdf_path = g_build_filename (bench->source, pdf_name, NULL);
  g_autofree char *json = g_strdup_printf ("{\"id\": \"%s\", \"title\": \"Broschyr %s\", \"section\": \"brochures\", "
                                           "\"lang\": \"sv\", \"updated\": \"2026-10-01\"}\n", id, id);
  g_autofree char *json_path = falt_test_write_file (bench->source, json_name, json);
  g_autoptr (GError) error = NULL;

  if (!g_file_set_contents (pdf_path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), &error))
    g_error ("%s", error->message);
}

static void
write_article (Bench *bench, GRand *rand, guint i)
{
  g_autofree char *name = g_strdup_printf ("articles/dok-%03u.sv.md", i);
  g_autofree char *body = random_text (rand, 3000);
  g_autofree char *text = g_strdup_printf ("---\nid: dok-%03u\ntitle: Dokument %u\nsection: manuals\nlang: sv\n"
                                           "updated: 2026-10-01\n---\n\n# Dokument %u\n\n%s\n", i, i, i, body);
  g_autofree char *path = falt_test_write_file (bench->source, name, text);
}

static void
reset_source (Bench *bench)
{
  falt_test_remove_tree (bench->source);
  falt_test_copy_tree (bench->valid, bench->source);
}

/* Builds and signs the source into www/feed/, as `faltstod-publish build` does. */
static void
publish (Bench *bench, gint64 version)
{
  g_autoptr (FaltContentSource) source = NULL;
  g_autoptr (FaltMinisignSecretKey) key = falt_minisign_secret_key_load (bench->secret_path, NULL, NULL);
  g_autoptr (GDateTime) created = g_date_time_new_from_iso8601 ("2026-11-23T10:00:00Z", NULL);
  g_autoptr (GError) error = NULL;
  FaltFeedBuildOptions options = { .version = version, .created = created, .source_label = "bench", .key = key };

  falt_test_remove_tree (bench->feed);
  source = falt_content_source_load (bench->source, &error);
  if (source == NULL || !falt_feed_writer_write (source, &options, bench->feed, &error))
    g_error ("publishing failed: %s", error->message);
}

/* The size of every file of the feed, and their paths relative to it. */
static guint64
feed_files (Bench *bench, GPtrArray *names)
{
  g_autofree char *blobs = g_build_filename (bench->feed, FALT_FEED_BLOBS, NULL);
  g_autoptr (GDir) dir = g_dir_open (blobs, 0, NULL);
  const char *name;
  guint64 total = 0;

  g_ptr_array_add (names, g_strdup (FALT_FEED_MANIFEST));
  g_ptr_array_add (names, g_strdup (FALT_FEED_SIGNATURE));
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_build_filename (FALT_FEED_BLOBS, name, NULL));
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (bench->feed, names->pdata[i], NULL);
      GStatBuf st;

      if (g_stat (path, &st) != 0)
        g_error ("no %s", path);
      total += st.st_size;
    }
  return total;
}

static guint64
file_size (const char *dir, const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    g_error ("no %s", path);
  return st.st_size;
}

/* curl fetching the same files, one invocation, one URL after the other over a kept-alive
 * connection, each into a file: the floor a sync can be compared with. */
static double
time_curl (Bench *bench, GPtrArray *names)
{
  g_autofree char *out = g_build_filename (bench->dir, "curl", NULL);
  g_autofree char *config_path = g_build_filename (bench->dir, "curl.conf", NULL);
  g_autoptr (GString) config = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  int status = 0;
  gint64 start;
  double seconds;

  falt_test_remove_tree (out);
  g_mkdir_with_parents (out, 0700);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_strconcat ("/feed/", (char *) names->pdata[i], NULL);
      g_autofree char *url = falt_test_nginx_url (bench->nginx, path);
      g_autofree char *file = g_strdup_printf ("%s/%u", out, i);

      g_string_append_printf (config, "url = \"%s\"\noutput = \"%s\"\n", url, file);
    }
  if (!g_file_set_contents (config_path, config->str, config->len, &error))
    g_error ("%s", error->message);
  {
    const char *argv[] = { "curl", "--silent", "--show-error", "--fail", "--config", config_path, NULL };

    start = g_get_monotonic_time ();
    if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error)
        || !g_spawn_check_wait_status (status, &error))
      g_error ("curl failed: %s", error->message);
    seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  }
  falt_test_remove_tree (out);
  return seconds;
}

/* The main loop's heartbeat: a stall is a long gap between two dispatches. */
static gboolean
tick_cb (gpointer data)
{
  Run *run = data;
  gint64 now = g_get_monotonic_time ();
  gint64 gap = now - run->last_tick;

  if (run->state == FALT_UPDATER_STATE_APPLYING && gap > run->max_gap_apply)
    {
      run->max_gap_apply = gap;
      run->max_gap_apply_end = now;
    }
  else
    run->max_gap_download = MAX (run->max_gap_download, gap);
  run->last_tick = now;
  return G_SOURCE_CONTINUE;
}

static void
state_cb (FaltUpdater *updater, GParamSpec *pspec, Run *run)
{
  FaltUpdaterState state = falt_updater_get_state (updater);

  /* The gap that ends now belongs to the phase it was spent in. */
  tick_cb (run);
  if (state == FALT_UPDATER_STATE_APPLYING && run->applying == 0)
    run->applying = g_get_monotonic_time ();
  if (state != FALT_UPDATER_STATE_UPDATED && state != FALT_UPDATER_STATE_FAILED)
    run->state = state;
}

static void
done_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  Run *run = data;
  g_autoptr (GError) error = NULL;

  run->end = g_get_monotonic_time ();
  tick_cb (run);
  run->ok = falt_updater_check_finish (FALT_UPDATER (source), result, &error);
  if (!run->ok)
    run->error = g_strdup (error->message);
  run->done = TRUE;
}

/* Syncs the feed into the store and waits, the heartbeat running all along. */
static void
sync_store (Bench *bench, FaltStore *store, Run *run)
{
  g_autofree char *url = falt_test_nginx_url (bench->nginx, "/feed/");
  g_autofree char *staging = g_build_filename (bench->dir, "staging", NULL);
  g_autoptr (FaltUpdater) updater = g_object_new (FALT_TYPE_UPDATER, "store", store, "keyring", bench->keyring,
                                                  "feed-url", url, "staging-dir", staging, NULL);
  guint tick;

  memset (run, 0, sizeof *run);
  g_signal_connect (updater, "notify::state", G_CALLBACK (state_cb), run);
  run->start = run->last_tick = g_get_monotonic_time ();
  tick = g_timeout_add (1, tick_cb, run);
  falt_updater_check_async (updater, NULL, done_cb, run);
  while (!run->done)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  if (!run->ok)
    g_error ("sync failed: %s", run->error);
}

static FaltStore *
open_empty_store (Bench *bench)
{
  g_autofree char *db = g_build_filename (bench->dir, "store.db", NULL);
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (db, "-shm", NULL);
  g_autoptr (GError) error = NULL;
  FaltStore *store;

  g_unlink (db);
  g_unlink (wal);
  g_unlink (shm);
  store = falt_store_open (db, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  return store;
}

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (GArray *values)
{
  g_array_sort (values, compare_doubles);
  if (values->len % 2 == 1)
    return g_array_index (values, double, values->len / 2);
  return (g_array_index (values, double, values->len / 2 - 1) + g_array_index (values, double, values->len / 2)) / 2;
}

static double
max_of (GArray *values)
{
  double max = 0;

  for (guint i = 0; i < values->len; i++)
    max = MAX (max, g_array_index (values, double, i));
  return max;
}

static void
add (GArray *values, double value)
{
  g_array_append_val (values, value);
}

#define SECONDS(us) ((us) / (double) G_USEC_PER_SEC)
#define MS(us) ((us) / 1000.0)

static void
bench_full (Bench *bench, guint n_pdfs, guint runs)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (42);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GArray) curl = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) total = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) download = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) apply = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) stall = g_array_new (FALSE, FALSE, sizeof (double));
  guint64 bytes;
  gint64 start = g_get_monotonic_time ();

  reset_source (bench);
  for (guint i = 0; i < n_pdfs; i++)
    {
      g_autofree char *id = g_strdup_printf ("pdf-%03u", i);
      g_autofree char *heading = g_strdup_printf ("Broschyr %u", i);
      g_autoptr (GBytes) pdf = make_pdf (rand, heading, 4, 240);

      write_pdf_document (bench, id, pdf);
    }
  publish (bench, 1);
  bytes = feed_files (bench, names);
  printf ("1. Full sync into an empty store: %u PDFs, %u files, %.1f MB (generated and published in %.1f s)\n",
          n_pdfs, names->len, bytes / 1e6, SECONDS (g_get_monotonic_time () - start));
  printf ("   curl: one invocation, %u URLs fetched one after the other over one connection, into files\n",
          names->len);
  for (guint r = 0; r < runs; r++)
    {
      g_autoptr (FaltStore) store = open_empty_store (bench);
      Run run;
      double curl_s = time_curl (bench, names);

      sync_store (bench, store, &run);
      add (curl, curl_s);
      add (total, SECONDS (run.end - run.start));
      add (download, SECONDS (run.applying - run.start));
      add (apply, SECONDS (run.end - run.applying));
      add (stall, MS (MAX (run.max_gap_download, run.max_gap_apply)));
      printf ("   run %u: curl %.2f s, sync %.2f s (download %.2f s, apply %.2f s), longest main-loop gap %.1f ms "
              "while downloading, %.1f ms while applying\n",
              r + 1, curl_s, SECONDS (run.end - run.start), SECONDS (run.applying - run.start),
              SECONDS (run.end - run.applying), MS (run.max_gap_download), MS (run.max_gap_apply));
    }
  {
    double c = median (curl), t = median (total), d = median (download), a = median (apply);

    printf ("   median curl %.2f s (%.0f MB/s)\n", c, bytes / 1e6 / c);
    printf ("   median sync %.2f s: download %.2f s (%.0f MB/s) + apply %.2f s\n", t, d, bytes / 1e6 / d, a);
    printf ("   ratio download/curl %.2f×  (target ≤ 1.10×)  %s\n", d / c, d / c <= 1.1 ? "met" : "MISSED");
    printf ("   ratio whole sync (download + apply)/curl %.2f×\n", t / c);
    printf ("   longest main-loop gap over all runs %.1f ms\n", max_of (stall));
  }
}

/* 400 articles and 100 PDFs (with the two of the publishing test data, 502 documents). */
static void
write_delta_source (Bench *bench)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (7);

  reset_source (bench);
  for (guint i = 0; i < 400; i++)
    write_article (bench, rand, i);
  for (guint i = 0; i < 100; i++)
    {
      g_autofree char *id = g_strdup_printf ("pdf-%03u", i);
      g_autofree char *heading = g_strdup_printf ("Broschyr %u", i);
      g_autoptr (GBytes) pdf = make_pdf (rand, heading, 2, 240);

      write_pdf_document (bench, id, pdf);
    }
}

/* The one document that changes between revisions: the first PDF. */
static void
change_delta_document (Bench *bench, guint revision)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (revision);
  g_autofree char *heading = g_strdup_printf ("Broschyr 0, utgåva %u", revision);
  g_autoptr (GBytes) pdf = make_pdf (rand, heading, 2, 240);

  write_pdf_document (bench, "pdf-000", pdf);
}

/* The bytes of response bodies in the log, as nginx counted them ($body_bytes_sent). */
static guint64
logged_bytes (GPtrArray *log)
{
  guint64 total = 0;

  for (guint i = 0; i < log->len; i++)
    {
      g_auto (GStrv) fields = g_strsplit (log->pdata[i], " ", 5);

      if (g_strv_length (fields) >= 4)
        total += g_ascii_strtoull (fields[3], NULL, 10);
    }
  return total;
}

static void
bench_delta (Bench *bench, guint deltas)
{
  g_autoptr (FaltStore) store = open_empty_store (bench);
  g_autoptr (GArray) ratio = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) apply = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) total = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) stall = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  Run run;
  guint64 bytes;

  write_delta_source (bench);
  publish (bench, 1);
  bytes = feed_files (bench, names);
  sync_store (bench, store, &run);
  g_ptr_array_unref (falt_test_nginx_take_log (bench->nginx));
  printf ("\n2./3. One-document change in a 502-document feed (400 articles, 100 PDFs and the 2 of the\n"
          "   test data; %.1f MB); the changed document is a PDF; %u deltas, each synced after the\n"
          "   first full sync (%.2f s)\n", bytes / 1e6, deltas, SECONDS (run.end - run.start));
  for (guint d = 0; d < deltas; d++)
    {
      g_autoptr (FaltManifest) manifest = NULL;
      g_autoptr (GPtrArray) log = NULL;
      g_autoptr (GPtrArray) missing = NULL;
      g_autoptr (GError) error = NULL;
      guint64 expected, sent;

      change_delta_document (bench, d + 2);
      publish (bench, d + 2);
      /* What the store lacks of the new feed: the one changed document's blob. */
      {
        g_autofree char *path = g_build_filename (bench->feed, FALT_FEED_MANIFEST, NULL);
        g_autoptr (GBytes) data = falt_feed_read_file (path, FALT_FEED_MAX_MANIFEST_SIZE, &error);

        manifest = data != NULL ? falt_manifest_new_from_bytes (data, &error) : NULL;
        if (manifest == NULL)
          g_error ("%s", error->message);
        missing = falt_store_list_missing_blobs (store, manifest, &error);
        if (missing == NULL || missing->len != 1)
          g_error ("the store lacks %u blobs of the new feed, not 1", missing != NULL ? missing->len : 0);
      }
      expected = ((FaltManifestBlob *) missing->pdata[0])->size + file_size (bench->feed, FALT_FEED_MANIFEST)
                 + file_size (bench->feed, FALT_FEED_SIGNATURE);
      sync_store (bench, store, &run);
      log = falt_test_nginx_take_log (bench->nginx);
      sent = logged_bytes (log);
      add (ratio, (double) sent / expected);
      add (apply, MS (run.end - run.applying));
      add (total, MS (run.end - run.start));
      add (stall, MS (run.max_gap_apply));
      printf ("   delta %u: %u requests, %" G_GUINT64_FORMAT " bytes sent; document %" G_GINT64_FORMAT
              " + manifest %" G_GUINT64_FORMAT " + signature %" G_GUINT64_FORMAT " = %" G_GUINT64_FORMAT
              " (%.3f×); sync %.0f ms, apply %.0f ms, longest main-loop gap while applying %.1f ms (ending %.1f ms after applying began)\n",
              d + 1, log->len, sent, ((FaltManifestBlob *) missing->pdata[0])->size,
              file_size (bench->feed, FALT_FEED_MANIFEST), file_size (bench->feed, FALT_FEED_SIGNATURE), expected,
              (double) sent / expected, MS (run.end - run.start), MS (run.end - run.applying), MS (run.max_gap_apply),
              MS (run.max_gap_apply_end - run.applying));
    }
  {
    double r = max_of (ratio), s = max_of (stall);

    printf ("   bytes sent / (document + manifest + signature): worst %.3f×  (target ≤ 1.05×)  %s\n", r,
            r <= 1.05 ? "met" : "MISSED");
    printf ("   applying the delta: median %.0f ms (whole delta sync median %.0f ms)\n", median (apply), median (total));
    printf ("   longest main-loop gap while applying: %.1f ms, median of the deltas %.1f ms  (target: never over 16 ms)  %s\n",
            s, median (stall), s <= 16 ? "met" : "MISSED");
  }
}

/* The nginx harness reports each log line with g_test_message(), which prints outside a test
 * program too: keep the figures readable. */
static void
print_cb (const char *text)
{
  if (!g_str_has_prefix (text, "# nginx: "))
    fputs (text, stdout);
}

int
main (int argc, char **argv)
{
  Bench bench = { 0 };
  g_autofree char *public_path = NULL;
  g_autoptr (FaltMinisignPublicKey) key = NULL;
  g_autoptr (GError) error = NULL;
  guint n_pdfs = argc > 2 ? atoi (argv[2]) : 290;
  guint runs = argc > 3 ? MAX (atoi (argv[3]), 1) : 3;
  guint deltas = argc > 4 ? MAX (atoi (argv[4]), 1) : 5;

  setvbuf (stdout, NULL, _IOLBF, 0);
  g_set_print_handler (print_cb);
  if (argc < 2)
    {
      fprintf (stderr, "usage: %s PUBLISH_VALID_DIR [PDFS [RUNS [DELTAS]]]\n", argv[0]);
      return 2;
    }
  bench.valid = g_strdup (argv[1]);
  bench.dir = falt_test_make_tmp_dir ();
  bench.source = g_build_filename (bench.dir, "source", NULL);
  bench.www = g_build_filename (bench.dir, "www", NULL);
  bench.feed = g_build_filename (bench.www, "feed", NULL);
  bench.secret_path = g_build_filename (bench.dir, "feed.key", NULL);
  public_path = g_build_filename (bench.dir, "feed.pub", NULL);
  if (!falt_minisign_generate (public_path, bench.secret_path, &error))
    g_error ("%s", error->message);
  key = falt_minisign_public_key_load (public_path, &error);
  bench.keyring = falt_keyring_new ();
  falt_keyring_add_key (bench.keyring, key);
  g_mkdir_with_parents (bench.feed, 0755);
  bench.nginx = falt_test_nginx_start (bench.www);

  bench_full (&bench, n_pdfs, runs);
  bench_delta (&bench, deltas);

  falt_test_nginx_stop (bench.nginx);
  g_object_unref (bench.keyring);
  falt_test_remove_tree (bench.dir);
  g_free (bench.dir);
  g_free (bench.valid);
  g_free (bench.source);
  g_free (bench.www);
  g_free (bench.feed);
  g_free (bench.secret_path);
  return 0;
}
