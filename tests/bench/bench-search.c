/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>

#include "falt-store-private.h"
#include "falt-bench-stats.h"
#include "falt-test-feed.h"

/* Search benchmark: builds a synthetic feed (articles of ~2 KB of
 * Swedish-like text, plus PDF pages), imports it, and times 200 mixed
 * queries and open-to-first-result, for a big and a 100-article store.
 *   bench-search [ARTICLES [PDF_PAGES]]     (default 10000 200) */

/* Inflected forms of a base word share a row; the generator picks a base,
 * then one of its forms, so stemming has work to do. */
static const char * const words[][4] = {
  { "människohandel", "människohandeln", "människohandelns", NULL },
  { "barn", "barnet", "barnen", "barnens" },
  { "stöd", "stödet", "stöden", NULL },
  { "socialtjänst", "socialtjänsten", "socialtjänstens", NULL },
  { "samordnare", "samordnaren", "samordnarna", NULL },
  { "myndighet", "myndigheten", "myndigheter", "myndigheterna" },
  { "polis", "polisen", "polisens", NULL },
  { "offer", "offret", "offren", NULL },
  { "skydd", "skyddet", "skyddade", NULL },
  { "utredning", "utredningen", "utredningar", NULL },
  { "kommun", "kommunen", "kommuner", "kommunerna" },
  { "region", "regionen", "regioner", NULL },
  { "ansökan", "ansökningar", NULL, NULL },
  { "betänketid", "betänketiden", NULL, NULL },
  { "återvändande", "återvändandet", NULL, NULL },
  { "exploatering", "exploateringen", NULL, NULL },
  { "prostitution", "prostitutionen", NULL, NULL },
  { "tvångsarbete", "tvångsarbetet", NULL, NULL },
  { "tiggeri", "tiggeriet", NULL, NULL },
  { "verksamhet", "verksamheten", "verksamheter", NULL },
  { "boende", "boendet", "boenden", NULL },
  { "tolk", "tolken", "tolkar", NULL },
  { "vårdnadshavare", "vårdnadshavaren", NULL, NULL },
  { "ensamkommande", NULL, NULL, NULL },
  { "migrationsverket", "migrationsverkets", NULL, NULL },
  { "inspektör", "inspektören", "inspektörer", NULL },
  { "vägledning", "vägledningen", NULL, NULL },
  { "manual", "manualen", "manualer", NULL },
  { "rutin", "rutinen", "rutiner", NULL },
  { "samverkan", NULL, NULL, NULL },
  { "information", "informationen", NULL, NULL },
  { "rättighet", "rättigheter", "rättigheterna", NULL },
  { "hälsa", "hälsan", NULL, NULL },
  { "vård", "vården", NULL, NULL },
  { "läkare", "läkaren", NULL, NULL },
  { "skola", "skolan", "skolor", NULL },
  { "ungdom", "ungdomar", "ungdomarna", NULL },
  { "kvinna", "kvinnan", "kvinnor", NULL },
  { "familj", "familjen", "familjer", NULL },
  { "hedersrelaterat", NULL, NULL, NULL },
  { "våld", "våldet", NULL, NULL },
  { "förtryck", "förtrycket", NULL, NULL },
  { "hot", "hotet", "hoten", NULL },
  { "skuld", "skulden", "skulder", NULL },
  { "pass", "passet", NULL, NULL },
  { "identitet", "identiteten", NULL, NULL },
  { "uppehållstillstånd", "uppehållstillståndet", NULL, NULL },
  { "arbetsgivare", "arbetsgivaren", NULL, NULL },
  { "lön", "lönen", NULL, NULL },
  { "bostad", "bostaden", NULL, NULL },
  { "trygghet", "tryggheten", NULL, NULL },
  { "regel", "regeln", "regler", NULL },
  { "handel", "handeln", NULL, NULL },
  { "ärende", "ärendet", "ärenden", NULL },
  { "bedömning", "bedömningen", NULL, NULL },
  { "risk", "risken", "risker", NULL },
  { "misstanke", "misstanken", NULL, NULL },
  { "anmälan", NULL, NULL, NULL },
  { "åklagare", "åklagaren", NULL, NULL },
  { "domstol", "domstolen", NULL, NULL },
  { "länsstyrelse", "länsstyrelsen", NULL, NULL },
  { "frivillig", "frivilligt", "frivilliga", NULL },
  { "akut", "akuta", NULL, NULL },
  { "placering", "placeringen", NULL, NULL },
  { "kontakt", "kontakten", "kontakter", NULL },
  { "samtal", "samtalet", NULL, NULL },
  { "insats", "insatsen", "insatser", NULL },
  { "sexuell", "sexuella", NULL, NULL },
  { "arbetskraft", NULL, NULL, NULL },
  { "tillstånd", "tillståndet", NULL, NULL },
};

/* Small words that appear in nearly every text. */
static const char * const common[] = {
  "och", "att", "som", "för", "på", "med", "är", "en", "ett", "den", "det", "av", "till", "i",
  "om", "inte", "har", "kan", "ska", "vid", "de", "från", "eller", "när",
};

static const char *
random_word (GRand *rand)
{
  /* Skewed towards the first bases: a few terms are very common. */
  guint base = (guint) (G_N_ELEMENTS (words) * g_rand_double (rand) * g_rand_double (rand));
  guint n_forms = 0;

  while (n_forms < 4 && words[base][n_forms] != NULL)
    n_forms++;
  return words[base][g_rand_int_range (rand, 0, n_forms)];
}

static char *
random_text (GRand *rand,
             gsize  length)
{
  GString *text = g_string_sized_new (length + 32);

  while (text->len < length)
    {
      if (g_rand_int_range (rand, 0, 3) == 0)
        g_string_append (text, random_word (rand));
      else
        g_string_append (text, common[g_rand_int_range (rand, 0, G_N_ELEMENTS (common))]);
      g_string_append (text, g_rand_int_range (rand, 0, 12) == 0 ? ". " : " ");
    }
  return g_string_free (text, FALSE);
}

static char *
random_title (GRand *rand)
{
  return g_strdup_printf ("%s och %s vid %s", random_word (rand), random_word (rand), random_word (rand));
}

static void
write_feed (const char *dir,
            guint       n_articles,
            guint       n_pdf_pages)
{
  g_autoptr(FaltTestFeed) feed = falt_test_feed_new (dir, 1);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  guint pages_per_pdf = 20;

  falt_test_feed_add_section (feed, "manuals", "Manualer", "Manuals");
  falt_test_feed_add_section (feed, "brochures", "Broschyrer", "Brochures");
  for (guint i = 0; i < n_articles; i++)
    {
      g_autofree char *id = g_strdup_printf ("artikel-%u", i);
      g_autofree char *title = random_title (rand);
      g_autofree char *body = random_text (rand, 2000);

      falt_test_feed_add_article (feed, id, "manuals", "sv", title, body);
    }
  for (guint done = 0; done < n_pdf_pages; done += pages_per_pdf)
    {
      guint n = MIN (pages_per_pdf, n_pdf_pages - done);
      g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *id = g_strdup_printf ("broschyr-%u", done);
      g_autofree char *title = random_title (rand);

      for (guint p = 0; p < n; p++)
        g_ptr_array_add (pages, random_text (rand, 1500));
      g_ptr_array_add (pages, NULL);
      falt_test_feed_add_pdf (feed, id, "brochures", "sv", title, (const char * const *) pages->pdata);
    }
  falt_test_feed_write (feed);
}

/* 200 queries: full words, prefixes being typed, and two-word queries. */
static GPtrArray *
make_queries (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  GPtrArray *queries = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < 200; i++)
    {
      const char *word = random_word (rand);

      switch (i % 3)
        {
        case 0:
          g_ptr_array_add (queries, g_strconcat (word, " ", NULL));
          break;
        case 1:
          {
            glong n_chars = MIN (g_utf8_strlen (word, -1), g_rand_int_range (rand, 2, 6));

            g_ptr_array_add (queries, g_utf8_substring (word, 0, n_chars));
          }
          break;
        default:
          g_ptr_array_add (queries, g_strdup_printf ("%s %s", word, random_word (rand)));
        }
    }
  return queries;
}

static double
elapsed_ms (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

typedef struct
{
  double import_ms;
  double size_mb;
  double median_ms;
  double p95_ms;
  double max_ms;
  double open_ms;
  guint  total_hits;
} Result;

static void
measure (guint   n_articles,
         guint   n_pdf_pages,
         Result *result)
{
  g_autofree char *dir = g_dir_make_tmp ("bench-search-XXXXXX", NULL);
  g_autofree char *feed_dir = g_build_filename (dir, "feed", NULL);
  g_autofree char *db_path = g_build_filename (dir, "faltstod.db", NULL);
  g_autoptr(GPtrArray) queries = make_queries ();
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) open_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  g_autoptr(FaltStore) store = NULL;
  g_autofree char *command = NULL;
  /* The reader's chain of languages, "sv,en,uk,ru" say (BENCH_SEARCH_LANGS):
   * the tables after the first are searched for what the first lacks. */
  g_auto(GStrv) langs = g_strsplit (g_getenv ("BENCH_SEARCH_LANGS") != NULL ? g_getenv ("BENCH_SEARCH_LANGS") : "sv",
                                    ",", -1);
  GStatBuf st;
  gint64 start;

  write_feed (feed_dir, n_articles, n_pdf_pages);

  store = falt_store_open (db_path, &error);
  g_assert_no_error (error);
  start = g_get_monotonic_time ();
  falt_store_import_feed (store, feed_dir, FALSE, &error);
  g_assert_no_error (error);
  result->import_ms = elapsed_ms (start);
  g_clear_object (&store);
  g_assert_cmpint (g_stat (db_path, &st), ==, 0);
  result->size_mb = st.st_size / (1024.0 * 1024.0);

  /* Open to first result, each time from a closed store. */
  for (guint run = 0; run < 9; run++)
    {
      g_autoptr(GPtrArray) hits = NULL;
      double ms;

      start = g_get_monotonic_time ();
      store = falt_store_open (db_path, &error);
      g_assert_no_error (error);
      hits = falt_store_search (store, "människohandel", (const char * const *) langs, 20, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (hits->len, >, 0);
      ms = elapsed_ms (start);
      g_array_append_val (open_times, ms);
      g_clear_object (&store);
    }
  result->open_ms = falt_bench_percentile (open_times, 0.5);

  store = falt_store_open (db_path, &error);
  g_assert_no_error (error);
  result->total_hits = 0;
  for (guint i = 0; i < queries->len; i++)
    {
      g_autoptr(GPtrArray) hits = NULL;
      double ms;

      start = g_get_monotonic_time ();
      hits = falt_store_search (store, queries->pdata[i], (const char * const *) langs, 20, &error);
      ms = elapsed_ms (start);
      g_assert_no_error (error);
      result->total_hits += hits->len;
      g_array_append_val (times, ms);
      if (g_getenv ("BENCH_SEARCH_VERBOSE") != NULL)
        printf ("%8.2f ms  %3u hits  “%s”\n", ms, hits->len, (const char *) queries->pdata[i]);
    }
  result->max_ms = falt_bench_percentile (times, 1.0);
  result->median_ms = falt_bench_percentile (times, 0.5);
  result->p95_ms = falt_bench_percentile (times, 0.95);
  g_clear_object (&store);

  command = g_strdup_printf ("rm -rf '%s'", dir);
  if (system (command) != 0)
    g_printerr ("could not remove %s\n", dir);
}

static void
print_result (const char *label,
              guint       n_articles,
              guint       n_pdf_pages,
              Result     *r)
{
  printf ("%-6s %6u articles + %4u PDF pages: import %8.0f ms, db %6.1f MB, "
          "search median %.2f ms, p95 %.2f ms, max %.2f ms, open to first result %.2f ms\n",
          label, n_articles, n_pdf_pages, r->import_ms, r->size_mb, r->median_ms, r->p95_ms,
          r->max_ms, r->open_ms);
}

int
main (int   argc,
      char *argv[])
{
  guint n_articles = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 10000;
  guint n_pdf_pages = argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : 200;
  guint small_pages = MAX (20, n_pdf_pages * 100 / MAX (n_articles, 1));
  Result big, small;

  measure (100, small_pages, &small);
  print_result ("small", 100, small_pages, &small);
  measure (n_articles, n_pdf_pages, &big);
  print_result ("big", n_articles, n_pdf_pages, &big);

  printf ("ratio big/small: search p95 %.2f, open to first result %.2f (targets <= 2)\n",
          big.p95_ms / small.p95_ms, big.open_ms / small.open_ms);
  printf ("targets: p95 <= 5 ms: %s; open to first result <= 20 ms: %s\n",
          big.p95_ms <= 5 ? "met" : "MISSED", big.open_ms <= 20 ? "met" : "MISSED");
  return 0;
}
