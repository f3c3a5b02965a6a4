/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "falt-test-store.h"

/* Tests for the store's search: Swedish stemming, ranking, snippets, PDF
 * pages, prefixes, hostile input and the async path. */

static void
test_stemming (void)
{
  const struct { const char *lang, *word, *stem; } cases[] = {
    { "sv", "människohandeln", "människohandel" },
    { "sv", "människohandelns", "människohandel" },
    { "sv", "människohandel", "människohandel" },
    { "sv", "regeln", "regel" },
    { "sv", "spelet", "spel" },
    { "sv", "spel", "spel" },
    { "sv", "barnen", "barn" },
    { "sv", "eln", "eln" },
    /* Neuter definite forms, and plurals of -el nouns. */
    { "sv", "barnet", "barn" },
    { "sv", "barnets", "barn" },
    { "sv", "skyddet", "skydd" },
    { "sv", "ansvaret", "ansv" },
    { "sv", "programmet", "program" },
    { "sv", "regler", "regel" },
    { "sv", "reglerna", "regel" },
    { "sv", "kapitlet", "kapitel" },
    { "sv", "det", "det" },
    { "sv", "eget", "eget" },
    { "sv", "kall", "kall" },
    { "en", "victims", "victim" },
    /* Ukrainian with hunspell's dictionary: a word it does not know
     * (half-typed) stays as it is, a name is found capitalized. */
    { "uk", "допомогу", "допомога" },
    { "uk", "торгівлі", "торгівля" },
    { "uk", "торгівлею", "торгівля" },
    { "uk", "торгівл", "торгівл" },
    { "uk", "україни", "україна" },
    { "ru", "торговли", "торговл" },
    { "ru", "торговлей", "торговл" },
    { "ru", "торговля", "торговл" },
  };
  /* Forms that share a stem: Snowball's own (which must not come apart)
   * and those the Swedish rules add. */
  const char * const same_stem[][5] = {
    { "barn", "barnen", "barnens", "barnet", "barnets" },
    { "möte", "mötet", "mötets", "möten", NULL },
    { "arbete", "arbetet", "arbetets", NULL },
    { "enhet", "enheten", "enheter", NULL },
    { "regel", "regeln", "regler", "reglerna", "regelns" },
    { "myndighet", "myndigheten", "myndigheter", "myndigheterna", NULL },
    { "kommun", "kommunen", "kommuner", "kommunerna", NULL },
    { "samordnare", "samordnaren", "samordnarens", NULL },
    { "utredning", "utredningen", "utredningar", NULL },
    { "polis", "polisen", "polisens", NULL },
    { "stöd", "stödet", NULL },
    { "ärende", "ärendet", NULL },
  };
  g_autoptr(FaltStore) store = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *stem = falt_store_stem_word (cases[i].lang, cases[i].word);

      g_assert_cmpstr (stem, ==, cases[i].stem);
    }
  for (guint i = 0; i < G_N_ELEMENTS (same_stem); i++)
    {
      g_autofree char *first = falt_store_stem_word ("sv", same_stem[i][0]);

      for (guint j = 1; j < G_N_ELEMENTS (same_stem[i]) && same_stem[i][j] != NULL; j++)
        {
          g_autofree char *stem = falt_store_stem_word ("sv", same_stem[i][j]);

          if (!g_str_equal (stem, first))
            g_error ("“%s” → %s, but “%s” → %s", same_stem[i][j], stem, same_stem[i][0], first);
        }
    }

  store = open_store_with_standard_feed ();
  assert_query_finds (store, "människohandel", "sv", "manual-misstanke");
  assert_query_finds (store, "Människohandelns ", "sv", "manual-misstanke");
  assert_query_finds (store, "barn ", "sv", "manual-misstanke");
  assert_query_finds (store, "handel ", "sv", "familjestod");
  assert_query_finds (store, "regel ", "sv", "familjestod");
  assert_query_finds (store, "regler ", "sv", "familjestod");
  assert_query_finds (store, "barnet ", "sv", "manual-misstanke");
  assert_query_finds (store, "barnets ", "sv", "manual-misstanke");
  assert_query_finds (store, "barnet", "sv", "manual-misstanke");
  assert_query_finds (store, "victim ", "en", "manual-misstanke");
  assert_query_finds (store, "допомога ", "uk", "ukraina");
  /* Without å/ä/ö */
  assert_query_finds (store, "manniskohandel ", "sv", "manual-misstanke");
  assert_query_finds (store, "aterv", "sv", "aterresa");
  /* å, ä and ö are letters of their own, not a with marks. */
  assert_query_misses (store, "handel ", "sv", "aterresa");
}

/* The same Ukrainian words written with each of the three apostrophes
 * (' U+0027, ’ U+2019, ʼ U+02BC), in other cases, and "сім" (seven) as a
 * word of its own. */
static FaltStore *
open_store_with_ukrainian_apostrophes (void)
{
  g_autofree char *dir = test_path ("apostrophe-feed");
  g_autoptr(FaltTestFeed) feed = falt_test_feed_new (dir, 1);

  falt_test_feed_add_section (feed, "manuals", "Manualer", "Manuals");
  falt_test_feed_add_article (feed, "ascii", "manuals", "uk", "Підтримка",
                              "Підтримка сім'ї в Швеції.\n");
  falt_test_feed_add_article (feed, "quote", "manuals", "uk", "Робота",
                              "Робота з сім\u2019єю та пам\u2019ять про минуле.\n");
  falt_test_feed_add_article (feed, "modifier", "manuals", "uk", "Право",
                              "Кожна сім\u02bcя має право на захист.\n");
  falt_test_feed_add_article (feed, "seven", "manuals", "uk", "Строк",
                              "Сім днів на роздуми.\n");
  falt_test_feed_add_article (feed, "english", "manuals", "en", "Rights",
                              "Don't wait: the 'reflection period' helps.\n");
  return open_store_with_feed (feed, dir);
}

/* A Ukrainian word with an apostrophe is one word in the index and in the
 * query, whichever apostrophe either is written with, and hunspell stems
 * the whole of it (сім'ї, сім’єю → сім'я). Whole words: "сім " (seven, a
 * finished word) does not match сім'я; a prefix still being typed does,
 * as any prefix does. Elsewhere an apostrophe separates words, as before. */
static void
test_search_ukrainian_apostrophe (void)
{
  g_autoptr(FaltStore) store = open_store_with_ukrainian_apostrophes ();
  const char * const family[] = { "сім'я ", "сім\u2019я ", "сім\u02bcя ", "Сім'ї ", "сім\u2019єю " };
  const char * const family_docs[] = { "ascii", "quote", "modifier" };
  g_autofree char *stem_genitive = falt_store_stem_word ("uk", "сім'ї");
  g_autofree char *stem_instrumental = falt_store_stem_word ("uk", "сім'єю");
  g_autoptr(GPtrArray) hits = NULL;
  g_auto(GStrv) forms = NULL;

  g_assert_cmpstr (stem_genitive, ==, "сім'я");
  g_assert_cmpstr (stem_instrumental, ==, "сім'я");

  for (guint i = 0; i < G_N_ELEMENTS (family); i++)
    {
      for (guint d = 0; d < G_N_ELEMENTS (family_docs); d++)
        assert_query_finds (store, family[i], "uk", family_docs[d]);
      assert_query_misses (store, family[i], "uk", "seven");
    }
  assert_query_finds (store, "пам'ять ", "uk", "quote");
  assert_query_finds (store, "сім ", "uk", "seven");
  for (guint d = 0; d < G_N_ELEMENTS (family_docs); d++)
    {
      assert_query_misses (store, "сім ", "uk", family_docs[d]);
      assert_query_misses (store, "я ", "uk", family_docs[d]);
      assert_query_finds (store, "сім'", "uk", family_docs[d]);
    }

  /* The snippet marks the word as written, apostrophe and all. */
  hits = search (store, "сім'я ", "uk");
  for (guint i = 0; i < hits->len; i++)
    {
      const char *snippet = falt_search_hit_get_snippet (hits->pdata[i]);

      if (g_str_equal (falt_search_hit_get_doc_id (hits->pdata[i]), "quote"))
        g_assert_nonnull (strstr (snippet, "\002сім\u2019єю\003"));
      if (g_str_equal (falt_search_hit_get_doc_id (hits->pdata[i]), "modifier"))
        g_assert_nonnull (strstr (snippet, "\002сім\u02bcя\003"));
    }
  forms = falt_store_match_written_forms (store, "сім'я", "uk", "Робота з сім\u2019єю, сім днів.");
  g_assert_cmpstrv (forms, ((const char * const[]) { "сім\u2019єю", NULL }));

  /* Not between Cyrillic letters: a separator. */
  assert_query_finds (store, "don ", "en", "english");
  assert_query_finds (store, "reflection ", "en", "english");
  assert_query_finds (store, "period ", "en", "english");
}

/* Articles about trafficking (торгівля) with the word in other cases. */
static FaltStore *
open_store_with_ukrainian_forms (void)
{
  g_autofree char *dir = test_path ("ukrainian-feed");
  g_autoptr(FaltTestFeed) feed = falt_test_feed_new (dir, 1);

  falt_test_feed_add_section (feed, "manuals", "Manualer", "Manuals");
  falt_test_feed_add_article (feed, "genitive", "manuals", "uk", "Протидія",
                              "Протидія торгівлі людьми в Швеції.\n");
  falt_test_feed_add_article (feed, "instrumental", "manuals", "uk", "Боротьба",
                              "Боротьба з торгівлею людьми.\n");
  falt_test_feed_add_article (feed, "other", "manuals", "uk", "Допомога",
                              "Допомога людям з України.\n");
  return open_store_with_feed (feed, dir);
}

static void
test_search_ukrainian_inflection (void)
{
  g_autoptr(FaltStore) store = open_store_with_ukrainian_forms ();
  const char * const queries[] = { "торгівля ", "торгівлі ", "торгівлею ", "торгівлю ", "Торгівля " };
  const char * const prefixes[] = { "торгівля", "торгів", "торгі", "тор" };
  g_autoptr(GPtrArray) hits = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      assert_query_finds (store, queries[i], "uk", "genitive");
      assert_query_finds (store, queries[i], "uk", "instrumental");
      assert_query_misses (store, queries[i], "uk", "other");
    }
  /* While typing: the prefix as typed, or its stem. */
  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      assert_query_finds (store, prefixes[i], "uk", "genitive");
      assert_query_finds (store, prefixes[i], "uk", "instrumental");
    }
  /* A half-typed form no dictionary knows finds the words as written. */
  assert_query_finds (store, "торгівле", "uk", "instrumental");
  assert_query_misses (store, "торгівле", "uk", "genitive");
  /* A name's cases: "України" → Україна. */
  assert_query_finds (store, "україна ", "uk", "other");
  assert_query_finds (store, "людьми торгівля", "uk", "instrumental");

  /* The snippet marks the word as written. */
  hits = search (store, "торгівля ", "uk");
  for (guint i = 0; i < hits->len; i++)
    {
      const char *snippet = falt_search_hit_get_snippet (hits->pdata[i]);

      if (strstr (snippet, "\002торгівлі\003") == NULL && strstr (snippet, "\002торгівлею\003") == NULL)
        g_error ("snippet “%s” does not mark the word", snippet);
    }
}

/* Without the dictionary Ukrainian is searched as written, as before
 * hunspell, and the log says so once. */
static void
test_search_ukrainian_without_dictionary (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *empty = test_path ("no-dictionaries");
      g_autoptr(FaltStore) store = NULL;

      g_assert_cmpint (g_mkdir_with_parents (empty, 0700), ==, 0);
      g_setenv ("FALTSTOD_HUNSPELL_DIR", empty, TRUE);
      store = open_store_with_ukrainian_forms ();
      assert_query_finds (store, "торгівлі ", "uk", "genitive");
      assert_query_misses (store, "торгівлі ", "uk", "instrumental");
      assert_query_misses (store, "торгівля ", "uk", "genitive");
      assert_query_finds (store, "торгів", "uk", "instrumental");
      assert_query_finds (store, "допомога ", "uk", "other");
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*No hunspell dictionary uk_UA in *no-dictionaries*");
  g_test_trap_assert_stderr_unmatched ("*No hunspell dictionary*No hunspell dictionary*");
}

/* A Russian article (the Ukraine material has one) is imported with
 * its table, and found by other cases of its words. */
static void
test_search_russian_inflection (void)
{
  g_autofree char *dir = test_path ("russian-feed");
  g_autoptr(FaltTestFeed) feed = falt_test_feed_new (dir, 1);
  g_autoptr(FaltStore) store = NULL;
  g_autoptr(FaltDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  falt_test_feed_add_section (feed, "manuals", "Manualer", "Manuals");
  falt_test_feed_add_article (feed, "genitive", "manuals", "sv", "Motverka", "Om människohandel.\n");
  falt_test_feed_add_article (feed, "genitive", "manuals", "ru", "Противодействие",
                              "Противодействие торговли людьми.\n");
  falt_test_feed_add_article (feed, "instrumental", "manuals", "ru", "Борьба",
                              "Борьба с торговлей людьми.\n");
  falt_test_feed_add_article (feed, "other", "manuals", "ru", "Помощь", "Помощь людям с Украины.\n");
  store = open_store_with_feed (feed, dir);

  document = falt_store_get_document (store, "genitive", FALT_STORE_LANGS ("ru"), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (falt_document_get_lang (document), ==, "ru");
  g_assert_cmpstr (falt_document_get_title (document), ==, "Противодействие");
  for (guint i = 0; i < 3; i++)
    {
      const char *query = (const char *[]) { "торговля ", "торговлю ", "торгов" }[i];

      assert_query_finds (store, query, "ru", "genitive");
      assert_query_finds (store, query, "ru", "instrumental");
      assert_query_misses (store, query, "ru", "other");
    }
  /* Not in the Swedish table, nor in the Ukrainian. */
  assert_query_misses (store, "торговля ", "sv", "instrumental");
  assert_query_misses (store, "торговля ", "uk", "instrumental");
}

static void
test_search_ranking (void)
{
  g_autoptr(FaltStore) store = open_store_with_standard_feed ();
  g_autoptr(GPtrArray) hits = search (store, "återvändande ", "sv");
  const char *snippet;

  /* "allmant" says it four times in its body, "aterresa" once in its
   * title: the title hit comes first. */
  g_assert_cmpuint (hits->len, ==, 2);
  g_assert_cmpstr (falt_search_hit_get_doc_id (hits->pdata[0]), ==, "aterresa");
  g_assert_cmpstr (falt_search_hit_get_doc_id (hits->pdata[1]), ==, "allmant");
  g_assert_cmpfloat (falt_search_hit_get_score (hits->pdata[0]), >, falt_search_hit_get_score (hits->pdata[1]));
  g_assert_cmpint (falt_search_hit_get_page (hits->pdata[0]), ==, -1);
  g_assert_cmpstr (falt_search_hit_get_title (hits->pdata[0]), ==, "Frivilligt återvändande");
  snippet = falt_search_hit_get_snippet (hits->pdata[1]);
  g_assert_nonnull (strstr (snippet, "\002återvändande\003"));
  g_assert_null (strstr (snippet, "**"));
}

static void
test_search_title_beats_many_body_hits (void)
{
  g_autofree char *dir = test_path ("feed");
  g_autoptr(FaltTestFeed) feed = falt_test_feed_new (dir, 1);
  g_autoptr(FaltStore) store = NULL;
  const char *queries[] = { "människohandel ", "människohandel", "männi", "mä", "manniskoh" };

  falt_test_feed_add_section (feed, "manuals", "Manualer", "Manuals");
  for (guint i = 0; i < 500; i++)
    {
      g_autofree char *id = g_strdup_printf ("a-%03u", i);
      g_autofree char *title = g_strdup_printf ("Dokument %u", i);

      falt_test_feed_add_article (feed, id, "manuals", "sv", title,
                                  "Om människohandel, människohandeln och människohandelns offer.\n");
    }
  falt_test_feed_add_article (feed, "z-titel", "manuals", "sv", "Människohandel", "Inget mer.\n");
  store = open_store_with_feed (feed, dir);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(GPtrArray) hits = search (store, queries[i], "sv");

      g_assert_cmpuint (hits->len, ==, 20);
      if (!g_str_equal (falt_search_hit_get_doc_id (hits->pdata[0]), "z-titel"))
        g_error ("“%s”: %s came first", queries[i], falt_search_hit_get_doc_id (hits->pdata[0]));
      g_assert_cmpfloat (falt_search_hit_get_score (hits->pdata[0]), >, falt_search_hit_get_score (hits->pdata[1]));
    }
}

/* Hits are ranked by bm25, whose IDF weighs a rare word above a common
 * one. Every query word must match, so both documents have both words:
 * "b-sallsynt" says the rare word three times, "a-vanlig" the common one
 * (in all 22 documents) three times, in bodies of the same length. A rank
 * by match counts alone ties them and puts a-vanlig (first in the index)
 * first. */
static void
test_search_bm25_idf (void)
{
  g_autofree char *dir = test_path ("feed");
  g_autoptr(FaltTestFeed) feed = falt_test_feed_new (dir, 1);
  g_autoptr(FaltStore) store = NULL;
  g_autoptr(GPtrArray) hits = NULL;

  falt_test_feed_add_section (feed, "manuals", "Manualer", "Manuals");
  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *id = g_strdup_printf ("c-%02u", i);

      falt_test_feed_add_article (feed, id, "manuals", "sv", "Fyllnad", "Vanlig text här.\n");
    }
  falt_test_feed_add_article (feed, "a-vanlig", "manuals", "sv", "Dokument",
                              "Vanlig vanlig vanlig sällsynt.\n");
  falt_test_feed_add_article (feed, "b-sallsynt", "manuals", "sv", "Dokument",
                              "Sällsynt sällsynt sällsynt vanlig.\n");
  store = open_store_with_feed (feed, dir);

  hits = search (store, "vanlig sällsynt ", "sv");
  g_assert_cmpuint (hits->len, ==, 2);
  g_assert_cmpstr (falt_search_hit_get_doc_id (hits->pdata[0]), ==, "b-sallsynt");
  g_assert_cmpstr (falt_search_hit_get_doc_id (hits->pdata[1]), ==, "a-vanlig");
  g_assert_cmpfloat (falt_search_hit_get_score (hits->pdata[0]), >, falt_search_hit_get_score (hits->pdata[1]));
}

/* The search's BM25 (faltbm25(), with row counts from the vocabulary) is
 * FTS5's bm25(search_xx, 10.0, 1.0) for a word: same order, same scores. */
static void
test_search_bm25_matches_fts5 (void)
{
  g_autofree char *dir = test_path ("feed");
  g_autofree char *db_path = test_path ("store.db");
  g_autoptr(FaltTestFeed) feed = falt_test_feed_new (dir, 1);
  g_autoptr(FaltStore) store = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  /* Whole words: a prefix's row count is a bound (falt-store-query.c). */
  const char *words[] = { "skydd ", "stöd ", "tolk ", "barn ", "samtal ", "ovanlig " };

  falt_test_feed_add_section (feed, "manuals", "Manualer", "Manuals");
  for (guint i = 0; i < 24; i++)
    {
      g_autofree char *id = g_strdup_printf ("d-%02u", i);
      g_autofree char *title = g_strdup_printf ("%s %u", i % 5 == 0 ? "Skydd och tolk" : i % 3 == 0 ? "Stöd" : "Dokument", i);
      g_autoptr(GString) body = g_string_new (NULL);

      for (guint j = 0; j <= i % 7; j++)
        g_string_append_printf (body, "Skydd för barn %u. ", j);
      if (i % 2 == 0)
        g_string_append (body, "Stöd och samtal med tolk. ");
      if (i % 4 == 1)
        g_string_append (body, "Samtal samtal samtal om en lång rad saker som gör texten längre än de andra. ");
      if (i == 17)
        g_string_append (body, "En ovanlig text.");
      falt_test_feed_add_article (feed, id, "manuals", "sv", title, body->str);
    }
  store = open_store_with_feed (feed, dir);

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_true (falt_store_setup_connection (db, &error));
  g_assert_no_error (error);
  for (guint w = 0; w < G_N_ELEMENTS (words); w++)
    {
      g_autoptr(GPtrArray) hits = falt_store_search (store, words[w], FALT_STORE_LANGS ("sv"), 64, &error);
      g_autoptr(GHashTable) expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_autoptr(sqlite3_stmt) stmt = NULL;
      g_autofree char *match = NULL;
      g_autofree char *docs = NULL;

      g_assert_true (falt_store_build_match (db, "sv", words[w], &match, &docs, &error));
      g_assert_no_error (error);
      g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT doc_id, -bm25(search_sv, 10.0, 1.0) FROM search_sv "
                                               "WHERE search_sv MATCH ?1", -1, &stmt, NULL), ==, SQLITE_OK);
      sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_hash_table_insert (expected, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                             g_memdup2 (&(double) { sqlite3_column_double (stmt, 1) }, sizeof (double)));

      g_assert_no_error (error);
      g_assert_cmpuint (hits->len, >, 0);
      g_assert_cmpuint (hits->len, ==, g_hash_table_size (expected));
      for (guint i = 0; i < hits->len; i++)
        {
          const char *doc_id = falt_search_hit_get_doc_id (hits->pdata[i]);
          double score = falt_search_hit_get_score (hits->pdata[i]);
          double *fts5_score = g_hash_table_lookup (expected, doc_id);

          g_assert_nonnull (fts5_score);
          if (fabs (score - *fts5_score) > 1e-6 * fabs (*fts5_score))
            g_error ("“%s”: %s scores %.9g, FTS5's bm25 %.9g", words[w], doc_id, score, *fts5_score);
          /* Same order: bm25()'s scores do not rise down the hits. */
          if (i > 0)
            {
              double *previous = g_hash_table_lookup (expected, falt_search_hit_get_doc_id (hits->pdata[i - 1]));

              g_assert_cmpfloat (*previous, >=, *fts5_score * (1 - 1e-9));
            }
        }
    }
  sqlite3_close (db);
}

/* A prefix expanded into several terms is one word: "b-upprepad" has it
 * three times (one form), "a-spridd" twice (two forms). Counting each
 * form as a word of its own would put a-spridd first. */
static void
test_search_prefix_forms_count_once (void)
{
  g_autofree char *dir = test_path ("feed");
  g_autoptr(FaltTestFeed) feed = falt_test_feed_new (dir, 1);
  g_autoptr(FaltStore) store = NULL;
  g_autoptr(GPtrArray) hits = NULL;

  falt_test_feed_add_section (feed, "manuals", "Manualer", "Manuals");
  for (guint i = 0; i < 8; i++)
    {
      g_autofree char *id = g_strdup_printf ("c-%02u", i);

      falt_test_feed_add_article (feed, id, "manuals", "sv", "Fyllnad", "Annan text här.\n");
    }
  falt_test_feed_add_article (feed, "a-spridd", "manuals", "sv", "Dokument", "kvartal1 kvartal2 och mer\n");
  falt_test_feed_add_article (feed, "b-upprepad", "manuals", "sv", "Dokument", "kvartal3 kvartal3 kvartal3 mer\n");
  store = open_store_with_feed (feed, dir);

  hits = search (store, "kvart", "sv");
  g_assert_cmpuint (hits->len, ==, 2);
  g_assert_cmpstr (falt_search_hit_get_doc_id (hits->pdata[0]), ==, "b-upprepad");
  g_assert_cmpfloat (falt_search_hit_get_score (hits->pdata[0]), >, falt_search_hit_get_score (hits->pdata[1]));
}

/* A prefix of four letters or more is expanded into the index's terms that
 * start with it, unless there are too many: then FTS5 does it. */
static void
test_search_long_prefixes (void)
{
  g_autofree char *dir = test_path ("feed");
  g_autoptr(FaltTestFeed) feed = falt_test_feed_new (dir, 1);
  g_autoptr(GString) many = g_string_new ("Rader: ");
  g_autoptr(FaltStore) store = NULL;

  for (guint i = 0; i < 80; i++)
    g_string_append_printf (many, "kvartal%u ", i);
  falt_test_feed_add_section (feed, "manuals", "Manualer", "Manuals");
  falt_test_feed_add_article (feed, "manga", "manuals", "sv", "Många ord", many->str);
  falt_test_feed_add_article (feed, "barn", "manuals", "sv", "Om barnen", "Barnets rätt.\n");
  falt_test_feed_add_article (feed, "skydd", "manuals", "sv", "Om skydd", "Den utsattas rättigheter.\n");
  store = open_store_with_feed (feed, dir);

  assert_query_finds (store, "kvart", "sv", "manga");
  assert_query_finds (store, "kvartal7", "sv", "manga");
  assert_query_finds (store, "rader kvartal79", "sv", "manga");
  assert_query_misses (store, "kvartal80", "sv", "manga");
  assert_query_finds (store, "barnen", "sv", "barn");
  assert_query_finds (store, "BARNENS", "sv", "barn");
  assert_query_misses (store, "barnx", "sv", "barn");
  assert_query_misses (store, "rader barnx", "sv", "manga");
  /* Regression: "rättigheter" is indexed as its stem "rätt", which
   * "rätti" and "rättighe" do not start: typing the word showed No
   * Results halfway through. What the stemmer would take off may follow
   * the stem; anything else finds nothing. */
  assert_query_finds (store, "rätti", "sv", "skydd");
  assert_query_finds (store, "rättighe", "sv", "skydd");
  assert_query_finds (store, "rättighete", "sv", "skydd");
  assert_query_finds (store, "rättigheter", "sv", "skydd");
  assert_query_misses (store, "rättx", "sv", "skydd");
  assert_query_misses (store, "rätti ", "sv", "skydd");
}

/* Articles are indexed as the text a reader sees: snippets show no
 * Markdown, and link targets and raw HTML are not searchable. */
static void
test_search_snippets_plain_text (void)
{
  g_autofree char *dir = test_path ("feed");
  g_autoptr(FaltTestFeed) feed = falt_test_feed_new (dir, 1);
  g_autoptr(FaltStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *markdown = NULL;
  const char *queries[] = { "skydd", "stöd", "rubrik", "samtal", "kod", "tolk", "bild", "citat" };

  falt_test_feed_add_section (feed, "manuals", "Manualer", "Manuals");
  falt_test_feed_add_article (feed, "md", "manuals", "sv", "Markdown",
                              "# Rubrik om skydd\n\n"
                              "**Skydd** och _stöd_ ges enligt [rutinen](https://exempel.invalid/rutin).\n\n"
                              "- samtal med **tolk**\n"
                              "- samtal i `kod` och ![bild på skydd](bild.png)\n\n"
                              "> citat om stöd\n\n"
                              "<div class=\"dold\">html-block</div>\n\n"
                              "Text med <span>inline</span> html och skydd.\n\n"
                              "    kodblock om skydd\n");
  store = open_store_with_feed (feed, dir);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(GPtrArray) hits = search (store, queries[i], "sv");

      if (hits->len != 1)
        g_error ("“%s”: %u hits", queries[i], hits->len);
      assert_snippet_is_plain_text (hits->pdata[0]);
    }
  assert_query_misses (store, "exempel", "sv", "md");
  assert_query_misses (store, "png", "sv", "md");
  assert_query_misses (store, "span", "sv", "md");
  assert_query_misses (store, "dold", "sv", "md");
  assert_query_finds (store, "rutinen", "sv", "md");

  /* The article itself stays Markdown, for display. */
  markdown = falt_store_get_article_markdown (store, "md", "sv", &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (markdown, "# Rubrik om skydd\n\n**Skydd**"));
}

static void
test_search_pdf_pages (void)
{
  g_autoptr(FaltStore) store = open_store_with_standard_feed ();
  g_autoptr(GPtrArray) hits = search (store, "betänketid", "sv");
  g_autoptr(GPtrArray) title_hits = search (store, "så gör vi", "sv");

  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpstr (falt_search_hit_get_kind (hits->pdata[0]), ==, "pdf");
  g_assert_cmpint (falt_search_hit_get_page (hits->pdata[0]), ==, 2);
  g_assert_cmpstr (falt_search_hit_get_title (hits->pdata[0]), ==, "Så gör vi");
  g_assert_nonnull (strstr (falt_search_hit_get_snippet (hits->pdata[0]), "\002betänketid\003"));

  g_assert_cmpuint (title_hits->len, ==, 1);
  g_assert_cmpint (falt_search_hit_get_page (title_hits->pdata[0]), ==, 1);
}

/* A PDF with labelled pages: roman front matter, then 1, 2, 3. */
static FaltStore *
open_store_with_labelled_pdf (char **db_path)
{
  g_autofree char *dir = test_path ("labelled-feed");
  g_autoptr(FaltTestFeed) feed = falt_test_feed_new (dir, 5);
  g_autoptr(GBytes) pdf = falt_test_make_labelled_pdf (
    (const char * const[]) { "Förord.", "Innehåll.", "Om stödet till den utsatta.", "Mer stöd ges.",
                             "Sist nämns reflektionstiden.", NULL },
    (const char * const[]) { "i", "ii", "1", "2", "3", NULL });
  g_autoptr(GError) error = NULL;
  g_autoptr(FaltStore) store = NULL;

  *db_path = test_path ("labelled.db");
  store = falt_store_open (*db_path, &error);
  g_assert_no_error (error);
  falt_test_feed_add_section (feed, "brochures", "Broschyrer", NULL);
  falt_test_feed_add_raw_pdf (feed, "handbok", "brochures", "sv", "Handbok", pdf);
  falt_test_feed_write (feed);
  falt_store_import_feed (store, dir, FALSE, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&store);
}

/* Regression: a hit on the fifth page of a PDF labelled i, ii, 1 … said
 * "page 5" where the viewer shows "3". A hit carries the page's label,
 * read at import; a PDF without labels has its page numbers as labels. */
static void
test_search_pdf_page_labels (void)
{
  g_autofree char *db_path = NULL;
  g_autoptr(FaltStore) store = open_store_with_labelled_pdf (&db_path);
  g_autoptr(GPtrArray) hits = search (store, "reflektionstiden", "sv");
  g_autoptr(FaltStore) standard = NULL;
  g_autoptr(GPtrArray) unlabelled = NULL;
  g_autoptr(GPtrArray) articles = NULL;

  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpint (falt_search_hit_get_page (hits->pdata[0]), ==, 5);
  g_assert_cmpstr (falt_search_hit_get_page_label (hits->pdata[0]), ==, "3");
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = search (store, "förord", "sv");
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpstr (falt_search_hit_get_page_label (hits->pdata[0]), ==, "i");

  standard = open_store_with_standard_feed ();
  unlabelled = search (standard, "betänketid", "sv");
  g_assert_cmpuint (unlabelled->len, ==, 1);
  g_assert_cmpstr (falt_search_hit_get_page_label (unlabelled->pdata[0]), ==, "2");
  articles = search (standard, "människohandeln", "sv");
  g_assert_cmpuint (articles->len, >, 0);
  g_assert_cmpstr (falt_search_hit_get_kind (articles->pdata[0]), ==, "article");
  g_assert_null (falt_search_hit_get_page_label (articles->pdata[0]));
}

/* Schema step 12 reads the labels of the PDFs a database already has. */
static void
test_pdf_page_labels_migrated (void)
{
  g_autofree char *db_path = NULL;
  g_autoptr(FaltStore) store = open_store_with_labelled_pdf (&db_path);
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_object (&store);
  /* As schema 11 had it: no labels (nor step 13's index). */
  exec_sql (db_path, "ALTER TABLE pdf_pages DROP COLUMN label; DROP INDEX translations_by_lang; "
                     "PRAGMA user_version = 11;");
  store = falt_store_open (db_path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (db_path, "PRAGMA user_version"), ==, falt_store_schema_latest_version ());
  g_assert_cmpint (query_int (db_path, "SELECT count(*) FROM pdf_pages WHERE label IS NOT NULL"), ==, 5);
  hits = search (store, "reflektionstiden", "sv");
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpstr (falt_search_hit_get_page_label (hits->pdata[0]), ==, "3");
}

static void
on_forms_matched_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  *(GStrv *) user_data = falt_store_match_pdf_written_forms_finish (FALT_STORE (source), result, &error);
  g_assert_no_error (error);
}

/* The words a PDF hit marks: every written form on its pages that the
 * stemmed query matches. */
static void
test_pdf_written_forms (void)
{
  g_autofree char *db_path = NULL;
  g_autoptr(FaltStore) store = open_store_with_labelled_pdf (&db_path);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) forms = falt_store_match_pdf_written_forms (store, "handbok", "sv", "stödet", &error);
  g_auto(GStrv) none = NULL;
  g_auto(GStrv) async = NULL;

  g_assert_no_error (error);
  g_assert_cmpstrv (forms, ((const char * const[]) { "stödet", "stöd", NULL }));
  none = falt_store_match_pdf_written_forms (store, "ingen-sådan", "sv", "stödet", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (none), ==, 0);

  /* The same off the main thread, as the UI asks. */
  falt_store_match_pdf_written_forms_async (store, "handbok", "sv", "stöd", NULL, on_forms_matched_cb, &async);
  while (async == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstrv (async, ((const char * const[]) { "stödet", "stöd", NULL }));
}

static void
test_search_prefix_and_words (void)
{
  g_autoptr(FaltStore) store = open_store_with_standard_feed ();

  /* Search as you type: the last word is a prefix until a space follows. */
  assert_query_finds (store, "männ", "sv", "manual-misstanke");
  assert_query_finds (store, "manni", "sv", "manual-misstanke");
  assert_query_finds (store, "barnen", "sv", "manual-misstanke");
  assert_query_finds (store, "samver", "sv", "broschyr");
  assert_query_misses (store, "samver ", "sv", "broschyr");
  assert_query_finds (store, "tra", "en", "manual-misstanke");

  /* Every word must match. */
  assert_query_finds (store, "barnen sverige", "sv", "manual-misstanke");
  assert_query_finds (store, "regeln familj", "sv", "familjestod");
  assert_query_misses (store, "barnen familjer", "sv", "manual-misstanke");
  assert_query_misses (store, "barnen familjer", "sv", "familjestod");
}

static void
test_search_hostile_queries (void)
{
  const char *queries[] = {
    "", " ", "\"", "\"\"", "barn\"", "*", "**", "barn*", "AND", "OR", "NOT", "barn AND",
    "barn OR NOT", "-", "-barn", "(", ")", "(barn", "barn)", "NEAR(barn familj)", "{title}: barn",
    "title:barn", "^barn", "barn + familj", "'; DROP TABLE documents; --", "\\", "\x01\x02",
    "a", "ö", "e-post", "%", "_", "barn\"*\"(", "😀", "ÅÄÖ",
    /* FTS5's own syntax, whole and cut short. */
    "NEAR(", "NEAR(barn", "NEAR(barn familj, 2)", "barn NEAR/2 familj", "^", "^barn*", "*barn",
    "barn**", "\"barn", "'\"", "barn:", ":", "{", "}", "[barn]", "+", "barn + ", "\"\"\"\"",
    /* Only punctuation, symbols, controls, the snippet's and the tokenizer's
     * markers. */
    "!!!???...,,,;;", "—–…«»„“”", "\t\n\r", "\x02" "barn\x03", "\xee\x80\x80" "barn", "\xee\x80\x80",
    /* Not UTF-8: a stray byte, a cut sequence, a surrogate, past U+10FFFF,
     * an overlong form. */
    "barn\xff\xfe", "\xc3", "barn\xc3", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xc0\xae",
  };
  g_autoptr(FaltStore) store = open_store_with_standard_feed ();
  g_autoptr(GPtrArray) empty = NULL;
  g_autoptr(GString) huge = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(GPtrArray) hits = search (store, queries[i], "sv");
      g_autoptr(GPtrArray) hits_en = search (store, queries[i], "en");

      (void) hits;
      (void) hits_en;
    }

  /* Pasted text, however long, is read as far as a query goes. */
  for (guint i = 0; i < 400000; i++)
    g_string_append (huge, "ä");
  g_clear_pointer (&empty, g_ptr_array_unref);
  empty = search (store, huge->str, "sv");
  g_assert_cmpuint (empty->len, ==, 0);
  g_string_assign (huge, "betänketid ");
  for (guint i = 0; i < 100000; i++)
    g_string_append (huge, " ( \"*^ - ");
  assert_query_finds (store, huge->str, "sv", "broschyr");
  g_clear_pointer (&empty, g_ptr_array_unref);
  empty = search (store, "  ( - * ", "sv");
  g_assert_cmpuint (empty->len, ==, 0);
  assert_query_finds (store, "\"barnen\"", "sv", "manual-misstanke");
  assert_query_finds (store, "-barnen (sverige)", "sv", "manual-misstanke");
  assert_query_finds (store, "AND", "en", "manual-misstanke");
  /* Bytes that are not UTF-8 separate words. */
  assert_query_finds (store, "betänketid\xff", "sv", "broschyr");
  assert_query_finds (store, "\xc3" "betänketid", "sv", "broschyr");
  g_assert_cmpint (falt_store_get_content_version (store), ==, 5);
}

/* Control characters in the content: STX and ETX are the snippet's match
 * marks, so one in the text would open or close a mark of its own (and
 * break the window's markup); others (ESC) would reach a terminal. None of
 * them reaches a snippet. */
static void
test_search_snippet_control_characters (void)
{
  g_autofree char *dir = test_path ("controls-feed");
  g_autoptr(FaltTestFeed) feed = falt_test_feed_new (dir, 1);
  g_autoptr(FaltStore) store = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  const char *snippet;
  const char *start, *end;

  falt_test_feed_add_section (feed, "manuals", "Manualer", "Manuals");
  falt_test_feed_add_article (feed, "styrtecken", "manuals", "sv", "Styr\x02tecken",
                              "Före\x03 ett \x02skyddsboende\x03 och \x1b[31m röd\x01text\x7f slut\xc2\x9b.\n");
  store = open_store_with_feed (feed, dir);

  hits = search (store, "skyddsboende", "sv");
  g_assert_cmpuint (hits->len, ==, 1);
  snippet = falt_search_hit_get_snippet (hits->pdata[0]);
  start = strchr (snippet, '\x02');
  end = strchr (snippet, '\x03');
  g_assert_nonnull (start);
  g_assert_true (g_str_has_prefix (start, "\x02skyddsboende\x03"));
  g_assert_true (end == start + 1 + strlen ("skyddsboende"));
  g_assert_null (strchr (start + 1, '\x02'));
  g_assert_null (strchr (end + 1, '\x03'));
  for (const char *p = snippet; *p != '\0'; p++)
    if ((*p > 0 && *p < 0x20 && *p != '\x02' && *p != '\x03' && *p != '\n') || *p == 0x7f ||
        ((guchar) p[0] == 0xc2 && (guchar) p[1] >= 0x80 && (guchar) p[1] <= 0x9f))
      g_error ("control character 0x%02x in the snippet “%s”", *p, snippet);
  assert_query_finds (store, "röd text", "sv", "styrtecken");
  assert_query_finds (store, "tecken", "sv", "styrtecken");
}

/* The query is capped before anything is done with it (NFC normalization
 * of 400,000 letters took seconds): words past the cap are not searched. */
static void
test_search_long_query_capped (void)
{
  g_autoptr(FaltStore) store = open_store_with_standard_feed ();
  g_autoptr(GString) query = g_string_new ("betänketid");

  for (guint i = 0; i < 2000; i++)
    g_string_append_c (query, ' ');
  g_string_append (query, "qqqzzzxxy");
  assert_query_finds (store, query->str, "sv", "broschyr");
  assert_query_misses (store, "betänketid qqqzzzxxy", "sv", "broschyr");
}

static void
test_search_async (void)
{
  g_autoptr(FaltStore) store = open_store_with_standard_feed ();
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;

  falt_store_search_async (store, "betänketid", FALT_STORE_LANGS ("sv"), 10, NULL, on_search_done_cb, &first);
  falt_store_search_async (store, "barn ", FALT_STORE_LANGS ("sv"), 10, NULL, on_search_done_cb, &second);
  while (first == NULL || second == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (first->len, ==, 1);
  g_assert_cmpint (falt_search_hit_get_page (first->pdata[0]), ==, 2);
  g_assert_true (hits_contain (second, "manual-misstanke"));
}

static void
on_search_cancelled_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = falt_store_search_finish (FALT_STORE (source), result, &error);

  g_assert_null (hits);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  *(gboolean *) user_data = TRUE;
}

/* A job can be waited on from the thread that started it (the search page
 * waits in a frame for a moment) and gives its hits once done; the
 * callback still comes. */
static void
test_search_job_wait (void)
{
  g_autoptr(FaltStore) store = open_store_with_standard_feed ();
  g_autoptr(FaltSearchJob) job = falt_search_job_new ("betänketid", FALT_STORE_LANGS ("sv"), 10);
  g_autoptr(GPtrArray) from_callback = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;

  falt_store_search_job_async (store, job, NULL, on_search_done_cb, &from_callback);
  g_assert_true (falt_search_job_wait_until (job, g_get_monotonic_time () + 60 * G_USEC_PER_SEC));
  hits = falt_search_job_take_hits (job, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpstr (falt_search_job_get_query (job), ==, "betänketid");
  while (from_callback == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (from_callback->pdata[0] == hits->pdata[0]);
}

/* Regression: a search cancelled while it waited for the worker (the
 * reader typed the next letter) still ran once the worker was free,
 * keeping the next letter's search waiting. Now it is dropped. */
static void
test_search_cancelled_while_queued (void)
{
  g_autoptr(FaltStore) store = open_store_with_standard_feed ();
  g_autoptr(FaltSearchJob) replaced = falt_search_job_new ("betänketid", FALT_STORE_LANGS ("sv"), 10);
  g_autoptr(FaltSearchJob) latest = falt_search_job_new ("barn", FALT_STORE_LANGS ("sv"), 10);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) latest_hits = NULL;
  gboolean cancelled = FALSE;

  /* The worker is busy: the replaced job waits for it, past its start. */
  g_mutex_lock (&store->search_lock);
  falt_store_search_job_async (store, replaced, cancellable, on_search_cancelled_cb, &cancelled);
  g_usleep (100 * 1000);
  g_cancellable_cancel (cancellable);
  falt_store_search_job_async (store, latest, NULL, on_search_done_cb, &latest_hits);
  g_mutex_unlock (&store->search_lock);

  while (!cancelled || latest_hits == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (hits_contain (latest_hits, "manual-misstanke"));
  g_assert_false (falt_search_job_wait_until (replaced, g_get_monotonic_time ()));
}

static void
on_snippets_made_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (falt_store_make_snippets_finish (FALT_STORE (source), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

/* Search as you type makes the snippets of the first hits of each kind
 * only (a snippet costs ~40 µs); the others are made when asked for, and
 * are those a search with all its snippets gives. */
static void
test_search_snippets_later (void)
{
  g_autoptr(FaltStore) store = open_store_with_standard_feed ();
  g_autoptr(FaltSearchJob) job = falt_search_job_new ("stöd", FALT_STORE_LANGS ("sv"), 10);
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GPtrArray) with_all = search (store, "stöd", "sv");
  g_autoptr(GHashTable) kinds_seen = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean made = FALSE;
  guint without = 0;

  falt_search_job_set_snippets_per_kind (job, 1);
  falt_store_search_job_async (store, job, NULL, on_search_done_cb, &hits);
  while (hits == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (hits->len, ==, with_all->len);
  for (guint i = 0; i < hits->len; i++)
    {
      const char *kind = falt_search_hit_get_kind (hits->pdata[i]);
      gboolean first_of_kind = g_hash_table_add (kinds_seen, (gpointer) kind);

      g_assert_cmpstr (falt_search_hit_get_doc_id (hits->pdata[i]), ==, falt_search_hit_get_doc_id (with_all->pdata[i]));
      if (first_of_kind)
        g_assert_cmpstr (falt_search_hit_get_snippet (hits->pdata[i]), ==, falt_search_hit_get_snippet (with_all->pdata[i]));
      else
        g_assert_null (falt_search_hit_get_snippet (hits->pdata[i]));
      without += !first_of_kind;
    }
  g_assert_cmpuint (without, >, 0);

  falt_store_make_snippets_async (store, "stöd", hits, NULL, on_snippets_made_cb, &made);
  while (!made)
    g_main_context_iteration (NULL, TRUE);
  for (guint i = 0; i < hits->len; i++)
    g_assert_cmpstr (falt_search_hit_get_snippet (hits->pdata[i]), ==, falt_search_hit_get_snippet (with_all->pdata[i]));
}

int
main (int   argc,
      char *argv[])
{
  falt_test_store_init (&argc, &argv);

  g_test_add_func ("/store/search/stemming", test_stemming);
  g_test_add_func ("/store/search/ukrainian-inflection", test_search_ukrainian_inflection);
  g_test_add_func ("/store/search/ukrainian-apostrophe", test_search_ukrainian_apostrophe);
  g_test_add_func ("/store/search/ukrainian-without-dictionary", test_search_ukrainian_without_dictionary);
  g_test_add_func ("/store/search/russian-inflection", test_search_russian_inflection);
  g_test_add_func ("/store/search/ranking", test_search_ranking);
  g_test_add_func ("/store/search/title-beats-many-body-hits", test_search_title_beats_many_body_hits);
  g_test_add_func ("/store/search/bm25-idf", test_search_bm25_idf);
  g_test_add_func ("/store/search/bm25-matches-fts5", test_search_bm25_matches_fts5);
  g_test_add_func ("/store/search/prefix-forms-count-once", test_search_prefix_forms_count_once);
  g_test_add_func ("/store/search/long-prefixes", test_search_long_prefixes);
  g_test_add_func ("/store/search/snippets-plain-text", test_search_snippets_plain_text);
  g_test_add_func ("/store/search/pdf-pages", test_search_pdf_pages);
  g_test_add_func ("/store/search/prefix-and-words", test_search_prefix_and_words);
  g_test_add_func ("/store/search/pdf-page-labels", test_search_pdf_page_labels);
  g_test_add_func ("/store/search/pdf-page-labels-migrated", test_pdf_page_labels_migrated);
  g_test_add_func ("/store/search/pdf-written-forms", test_pdf_written_forms);
  g_test_add_func ("/store/search/hostile-queries", test_search_hostile_queries);
  g_test_add_func ("/store/search/long-query-capped", test_search_long_query_capped);
  g_test_add_func ("/store/search/snippet-control-characters", test_search_snippet_control_characters);
  g_test_add_func ("/store/search/async", test_search_async);
  g_test_add_func ("/store/search/job-wait", test_search_job_wait);
  g_test_add_func ("/store/search/snippets-later", test_search_snippets_later);
  g_test_add_func ("/store/search/cancelled-while-queued", test_search_cancelled_while_queued);

  return falt_test_store_run ();
}
