/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "falt-store-private.h"
#include "falt-test-feed.h"

/* Tests for the content store. Everything is written under one temporary
 * folder (XDG_DATA_HOME points into it too), removed at the end. GLib's
 * G_TEST_OPTION_ISOLATE_DIRS is not used: in 2.74 it leaks, and this test
 * runs with leak checking on. */

static char *test_root;

/* A file in the running test's own folder. */
static char *
test_path (const char *name)
{
  g_autofree char *test_name = g_strdelimit (g_strdup (g_test_get_path ()), "/", '_');
  g_autofree char *dir = g_build_filename (test_root, test_name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  return g_build_filename (dir, name, NULL);
}

static void
remove_recursively (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      remove_recursively (child);
    }
  g_clear_pointer (&dir, g_dir_close);
  g_remove (path);
}

static const char * const brochure_pages[] = {
  "Första sidan om samverkan mellan myndigheter.",
  "Andra sidan handlar om betänketid för den som utsatts.",
  "Tredje sidan har kontaktuppgifter.",
  NULL,
};

/* The feed most tests use: two sections, Swedish/English/Ukrainian
 * articles, a three-page PDF, two coordinators, two contacts. */
static FaltTestFeed *
make_standard_feed (const char *name,
                    gint64      version)
{
  g_autofree char *dir = test_path (name);
  FaltTestFeed *feed = falt_test_feed_new (dir, version);

  falt_test_feed_add_section (feed, "manuals", "Manualer", "Manuals");
  falt_test_feed_add_section (feed, "brochures", "Broschyrer", NULL);
  falt_test_feed_add_article (feed, "manual-misstanke", "manuals", "sv",
                              "Manual vid misstanke om människohandel",
                              "# Inledning\n\nManualen beskriver stödet till den som utsatts för "
                              "människohandeln i Sverige. **Barnen** ska alltid skyddas.\n");
  falt_test_feed_add_article (feed, "manual-misstanke", "manuals", "en",
                              "Manual on suspected trafficking",
                              "Victims of trafficking are offered protection and support.\n");
  falt_test_feed_add_article (feed, "familjestod", "manuals", "sv", "Stöd till familjer",
                              "Regeln gäller alla. Handeln med människor drabbar familjer.\n");
  falt_test_feed_add_article (feed, "aterresa", "manuals", "sv", "Frivilligt återvändande",
                              "Programmet finansieras av myndigheten.\n");
  falt_test_feed_add_article (feed, "allmant", "manuals", "sv", "Allmän information",
                              "Om återvändande: återvändande kräver planering, och återvändande "
                              "sker i samråd. Återvändande tar tid.\n");
  falt_test_feed_add_article (feed, "ukraina", "manuals", "sv", "Stöd till personer från Ukraina",
                              "Information för yrkesverksamma.\n");
  falt_test_feed_add_article (feed, "ukraina", "manuals", "uk", "Допомога людям з України",
                              "Допомога для тих, хто тікає від війни.\n");
  falt_test_feed_add_pdf (feed, "broschyr", "brochures", "sv", "Så gör vi", brochure_pages);
  falt_test_feed_add_coordinator (feed, "coord-syd", "Syd",
                                  (const char *[]) { "Skåne", "Blekinge", NULL },
                                  (const char *[]) { "Malmö", "Lund", "Ängelholm", NULL });
  falt_test_feed_add_coordinator (feed, "coord-norr", "Norr",
                                  (const char *[]) { "Norrbotten", NULL },
                                  (const char *[]) { "Luleå", "Kiruna", NULL });
  falt_test_feed_add_contact (feed, "support-line", "020-39 00 00",
                              "Stödtelefonen för yrkesverksamma", "Support line for professionals");
  falt_test_feed_add_contact (feed, "police", "114 14", "Polisen", NULL);
  return feed;
}

static char *
write_standard_feed (const char *name,
                     gint64      version)
{
  g_autoptr(FaltTestFeed) feed = make_standard_feed (name, version);

  falt_test_feed_write (feed);
  return test_path (name);
}

static FaltStore *
open_store_with_standard_feed (void)
{
  g_autofree char *db = test_path ("store.db");
  g_autofree char *feed = write_standard_feed ("feed", 5);
  g_autoptr(GError) error = NULL;
  g_autoptr(FaltStore) store = falt_store_open (db, &error);

  g_assert_no_error (error);
  falt_store_import_feed (store, feed, FALSE, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&store);
}

static GPtrArray *
search (FaltStore  *store,
        const char *query,
        const char *lang)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *hits = falt_store_search (store, query, lang, 20, &error);

  g_assert_no_error (error);
  g_assert_nonnull (hits);
  return hits;
}

static gboolean
hits_contain (GPtrArray  *hits,
              const char *doc_id)
{
  for (guint i = 0; i < hits->len; i++)
    if (g_str_equal (falt_search_hit_get_doc_id (hits->pdata[i]), doc_id))
      return TRUE;
  return FALSE;
}

static void
assert_query_finds (FaltStore  *store,
                    const char *query,
                    const char *lang,
                    const char *doc_id)
{
  g_autoptr(GPtrArray) hits = search (store, query, lang);

  if (!hits_contain (hits, doc_id))
    g_error ("query “%s” (%s) did not find %s", query, lang, doc_id);
}

static void
assert_query_misses (FaltStore  *store,
                     const char *query,
                     const char *lang,
                     const char *doc_id)
{
  g_autoptr(GPtrArray) hits = search (store, query, lang);

  if (hits_contain (hits, doc_id))
    g_error ("query “%s” (%s) should not find %s", query, lang, doc_id);
}

static int
query_int (const char *db_path,
           const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int value;

  g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static void
exec_sql (const char *db_path,
          const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
assert_snippet_is_plain_text (FaltSearchHit *hit)
{
  const char *snippet = falt_search_hit_get_snippet (hit);
  const char * const markup[] = { "**", "](", "#", "<", "http", "`" };

  for (guint i = 0; i < G_N_ELEMENTS (markup); i++)
    if (strstr (snippet, markup[i]) != NULL)
      g_error ("snippet of %s has “%s”: %s", falt_search_hit_get_doc_id (hit), markup[i], snippet);
}

static void
test_open_new (void)
{
  g_autofree char *path = test_path ("new.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(FaltStore) store = falt_store_open (path, &error);
  g_autoptr(GHashTable) counts = NULL;
  g_autoptr(GListModel) sections = NULL;
  g_autoptr(GPtrArray) hits = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (falt_store_get_path (store), ==, path);
  g_assert_cmpint (falt_store_get_content_version (store), ==, 0);
  g_assert_null (falt_store_get_signed_time (store));
  counts = falt_store_count_documents_by_kind (store);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (counts, "article")), ==, 0);
  sections = falt_store_list_sections (store, "sv");
  g_assert_cmpuint (g_list_model_get_n_items (sections), ==, 0);
  hits = search (store, "barn", "sv");
  g_assert_cmpuint (hits->len, ==, 0);

  g_assert_cmpint (query_int (path, "PRAGMA user_version"), ==, falt_store_schema_latest_version ());
  g_assert_cmpint (query_int (path, "SELECT journal_mode = 'wal' FROM pragma_journal_mode"), ==, 1);
  g_assert_finalize_object (g_steal_pointer (&store));
}

/* An old database with content (and, from schema 2, a bookmark) as an
 * older release left it: every step up to the latest must keep it and make
 * it searchable. */
static void
test_migrations (void)
{
  int latest = falt_store_schema_latest_version ();

  g_assert_cmpint (latest, >=, 3);
  for (int version = 0; version < latest; version++)
    {
      g_autofree char *name = g_strdup_printf ("schema-%d.db", version);
      g_autofree char *path = test_path (name);
      g_autoptr(GError) error = NULL;
      g_autoptr(FaltStore) store = NULL;

      falt_store_create_at_version (path, version, &error);
      g_assert_no_error (error);
      g_assert_cmpint (query_int (path, "PRAGMA user_version"), ==, version);
      if (version >= 1)
        exec_sql (path,
                  "INSERT INTO meta VALUES (1, 3, '2026-01-01T00:00:00Z', 'old');"
                  "INSERT INTO sections VALUES ('manuals', 10, NULL);"
                  "INSERT INTO section_titles VALUES ('manuals', 'sv', 'Manualer');"
                  "INSERT INTO blobs VALUES ('ab', CAST('# Rubrik\n\nOm **människohandeln** i "
                  "[Sverige](https://exempel.invalid/sverige). Barnets rätt.' AS BLOB));"
                  "INSERT INTO documents (id, kind, section_id, position) VALUES ('gammal', 'article', 'manuals', 0);"
                  "INSERT INTO translations VALUES ('gammal', 'sv', 'Gammalt', NULL, NULL, 'ab', 'text/markdown');");
      if (version >= 2)
        exec_sql (path, "INSERT INTO bookmarks VALUES ('gammal', '2026-01-02T00:00:00Z');");

      store = falt_store_open (path, &error);
      g_assert_no_error (error);
      g_assert_cmpint (query_int (path, "PRAGMA user_version"), ==, latest);
      g_assert_cmpint (falt_store_get_content_version (store), ==, version >= 1 ? 3 : 0);
      if (version >= 1)
        {
          /* Indexed as plain text, whatever the schema it came from. */
          g_autoptr(GPtrArray) hits = search (store, "människohandel", "sv");

          g_assert_cmpuint (hits->len, ==, 1);
          g_assert_cmpstr (falt_search_hit_get_doc_id (hits->pdata[0]), ==, "gammal");
          assert_snippet_is_plain_text (hits->pdata[0]);
          assert_query_misses (store, "exempel", "sv", "gammal");
          assert_query_finds (store, "barn ", "sv", "gammal");
        }
      g_assert_cmpint (falt_store_is_bookmarked (store, "gammal"), ==, version >= 2);
      falt_store_set_bookmark (store, "gammal", TRUE, &error);
      g_assert_no_error (error);
    }
}

static void
test_import_content (void)
{
  g_autoptr(FaltStore) store = open_store_with_standard_feed ();
  g_autoptr(GHashTable) counts = falt_store_count_documents_by_kind (store);
  g_autoptr(GListModel) sections = falt_store_list_sections (store, "en");
  g_autoptr(GListModel) documents = falt_store_list_documents (store, "manuals", "en");
  g_autoptr(GListModel) contacts = falt_store_list_contacts (store, "en");
  g_autoptr(FaltSection) first_section = NULL;
  g_autoptr(FaltSection) second_section = NULL;
  g_autoptr(FaltDocument) manual = NULL;
  g_autoptr(FaltContact) police = NULL;
  g_autoptr(GDateTime) signed_time = falt_store_get_signed_time (store);
  g_autofree char *source = falt_store_get_source (store);
  g_autofree char *markdown = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (falt_store_get_content_version (store), ==, 5);
  g_assert_cmpint (g_date_time_get_year (signed_time), ==, 2026);
  g_assert_cmpstr (source, ==, "tests");
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (counts, "article")), ==, 5);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (counts, "pdf")), ==, 1);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (counts, "coordinator")), ==, 2);

  g_assert_cmpuint (g_list_model_get_n_items (sections), ==, 2);
  first_section = g_list_model_get_item (sections, 0);
  second_section = g_list_model_get_item (sections, 1);
  g_assert_cmpstr (falt_section_get_title (first_section), ==, "Manuals");
  g_assert_cmpstr (falt_section_get_title (second_section), ==, "Broschyrer");  /* no English title */

  g_assert_cmpuint (g_list_model_get_n_items (documents), ==, 5);
  manual = g_list_model_get_item (documents, 0);
  g_assert_cmpstr (falt_document_get_id (manual), ==, "manual-misstanke");
  g_assert_cmpstr (falt_document_get_lang (manual), ==, "en");
  g_assert_cmpstr (falt_document_get_kind (manual), ==, "article");

  markdown = falt_store_get_article_markdown (store, "manual-misstanke", "sv", &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (markdown, "# Inledning"));
  pdf = falt_store_get_pdf (store, "broschyr", "sv", &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (g_bytes_get_data (pdf, NULL), "%PDF"));
  g_assert_null (falt_store_get_pdf (store, "manual-misstanke", "sv", &error));
  g_assert_error (error, FALT_STORE_ERROR, FALT_STORE_ERROR_NOT_FOUND);

  g_assert_cmpuint (g_list_model_get_n_items (contacts), ==, 2);
  police = g_list_model_get_item (contacts, 1);
  g_assert_cmpstr (falt_contact_get_number (police), ==, "114 14");
  g_assert_cmpstr (falt_contact_get_name (police), ==, "Polisen");
  g_assert_null (falt_contact_get_hours (police));
  g_assert_finalize_object (g_steal_pointer (&store));
}

static void
test_language_fallback (void)
{
  g_autoptr(FaltStore) store = open_store_with_standard_feed ();
  g_autoptr(GError) error = NULL;
  g_autoptr(FaltDocument) only_sv = falt_store_get_document (store, "familjestod", "uk", &error);
  g_autoptr(FaltDocument) in_uk = falt_store_get_document (store, "ukraina", "uk", &error);
  g_autoptr(FaltDocument) missing = falt_store_get_document (store, "finns-inte", "uk", &error);
  g_autoptr(GPtrArray) hits = NULL;

  g_assert_error (error, FALT_STORE_ERROR, FALT_STORE_ERROR_NOT_FOUND);
  g_assert_null (missing);
  g_assert_cmpstr (falt_document_get_lang (only_sv), ==, "sv");
  g_assert_cmpstr (falt_document_get_title (only_sv), ==, "Stöd till familjer");
  g_assert_cmpstr (falt_document_get_lang (in_uk), ==, "uk");

  /* Searching in Ukrainian finds Ukrainian text, and Swedish-only
   * documents in Swedish, but not the Swedish text of a translated one. */
  assert_query_finds (store, "допомога", "uk", "ukraina");
  assert_query_finds (store, "допом", "uk", "ukraina");
  assert_query_finds (store, "familj", "uk", "familjestod");
  assert_query_finds (store, "familjer", "uk", "familjestod");
  assert_query_misses (store, "yrkesverksamma", "uk", "ukraina");
  hits = search (store, "regeln", "uk");
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpstr (falt_search_hit_get_lang (hits->pdata[0]), ==, "sv");
}

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
    { "uk", "допомогу", "допомогу" },
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

static FaltStore *
open_store_with_feed (FaltTestFeed *feed,
                      const char   *feed_dir)
{
  g_autofree char *db = test_path ("store.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(FaltStore) store = falt_store_open (db, &error);

  g_assert_no_error (error);
  falt_test_feed_write (feed);
  falt_store_import_feed (store, feed_dir, FALSE, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&store);
}

/* A search ranks a capped set of candidates (the first matches in index
 * order): a title hit must still win over hundreds of body hits that come
 * before it, whether the word is typed whole or as a prefix. */
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
      g_autoptr(GPtrArray) hits = falt_store_search (store, words[w], "sv", 64, &error);
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
  store = open_store_with_feed (feed, dir);

  assert_query_finds (store, "kvart", "sv", "manga");
  assert_query_finds (store, "kvartal7", "sv", "manga");
  assert_query_finds (store, "rader kvartal79", "sv", "manga");
  assert_query_misses (store, "kvartal80", "sv", "manga");
  assert_query_finds (store, "barnen", "sv", "barn");
  assert_query_finds (store, "BARNENS", "sv", "barn");
  assert_query_misses (store, "barnx", "sv", "barn");
  assert_query_misses (store, "rader barnx", "sv", "manga");
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
  };
  g_autoptr(FaltStore) store = open_store_with_standard_feed ();
  g_autoptr(GPtrArray) empty = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(GPtrArray) hits = search (store, queries[i], "sv");

      (void) hits;
    }
  empty = search (store, "  ( - * ", "sv");
  g_assert_cmpuint (empty->len, ==, 0);
  assert_query_finds (store, "\"barnen\"", "sv", "manual-misstanke");
  assert_query_finds (store, "-barnen (sverige)", "sv", "manual-misstanke");
  assert_query_finds (store, "AND", "en", "manual-misstanke");
  g_assert_cmpint (falt_store_get_content_version (store), ==, 5);
}

static void
on_search_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GPtrArray **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = falt_store_search_finish (FALT_STORE (source), result, &error);
  g_assert_no_error (error);
}

static void
test_search_async (void)
{
  g_autoptr(FaltStore) store = open_store_with_standard_feed ();
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;

  falt_store_search_async (store, "betänketid", "sv", 10, NULL, on_search_done_cb, &first);
  falt_store_search_async (store, "barn ", "sv", 10, NULL, on_search_done_cb, &second);
  while (first == NULL || second == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (first->len, ==, 1);
  g_assert_cmpint (falt_search_hit_get_page (first->pdata[0]), ==, 2);
  g_assert_true (hits_contain (second, "manual-misstanke"));
}

static void
test_coordinators (void)
{
  g_autoptr(FaltStore) store = open_store_with_standard_feed ();
  g_autoptr(GListModel) all = falt_store_list_coordinators (store);
  const char *queries[] = { "Malmö", "malmo", "MALMÖ", " malmo ", "skane", "Ängelholm", "angelholm" };
  g_autoptr(FaltCoordinator) first = g_list_model_get_item (all, 0);
  g_autoptr(GListModel) none = falt_store_find_coordinators (store, "Stockholm");
  g_autoptr(GListModel) everyone = falt_store_find_coordinators (store, "");

  g_assert_cmpuint (g_list_model_get_n_items (all), ==, 2);
  g_assert_cmpstr (falt_coordinator_get_region (first), ==, "Norr");
  g_assert_cmpstr (falt_coordinator_get_municipalities (first)[0], ==, "Luleå");
  g_assert_true (falt_coordinator_get_example (first));
  g_assert_cmpuint (g_list_model_get_n_items (none), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (everyone), ==, 2);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(GListModel) found = falt_store_find_coordinators (store, queries[i]);
      g_autoptr(FaltCoordinator) coordinator = NULL;

      g_assert_cmpuint (g_list_model_get_n_items (found), ==, 1);
      coordinator = g_list_model_get_item (found, 0);
      g_assert_cmpstr (falt_coordinator_get_id (coordinator), ==, "coord-syd");
    }

  /* The full-text search finds coordinators too, with or without å/ä/ö. */
  assert_query_finds (store, "Malmö", "sv", "coord-syd");
  assert_query_finds (store, "malmo ", "sv", "coord-syd");
  assert_query_finds (store, "lulea", "sv", "coord-norr");
  assert_query_finds (store, "Norrbotten", "sv", "coord-norr");
  assert_query_misses (store, "malmo ", "sv", "coord-norr");
}

static void
test_import_older_refused (void)
{
  g_autoptr(FaltStore) store = open_store_with_standard_feed ();
  g_autofree char *same = write_standard_feed ("same", 5);
  g_autofree char *older = write_standard_feed ("older", 4);
  g_autoptr(GError) error = NULL;

  g_assert_false (falt_store_import_feed (store, same, FALSE, &error));
  g_assert_error (error, FALT_STORE_ERROR, FALT_STORE_ERROR_OLDER_FEED);
  g_clear_error (&error);
  g_assert_false (falt_store_import_feed (store, older, FALSE, &error));
  g_assert_error (error, FALT_STORE_ERROR, FALT_STORE_ERROR_OLDER_FEED);
  g_clear_error (&error);

  g_assert_true (falt_store_import_feed (store, older, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (falt_store_get_content_version (store), ==, 4);
}

/* Version 6 adds a document whose blob is damaged (same size, other
 * bytes): the import fails, naming the blob, and version 5 is left exactly
 * as it was. */
static void
test_import_bad_blob_keeps_content (void)
{
  g_autoptr(FaltStore) store = open_store_with_standard_feed ();
  g_autoptr(FaltTestFeed) feed = make_standard_feed ("v6", 6);
  g_autofree char *dir = test_path ("v6");
  g_autofree char *blob = NULL;
  g_autofree char *blob_name = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) documents = NULL;

  falt_test_feed_add_article (feed, "ny", "manuals", "sv", "Nytt dokument", "Helt ny text om skyddsboende.\n");
  falt_test_feed_write (feed);
  blob = falt_test_feed_blob_path (feed, "ny", "sv");
  g_file_set_contents (blob, "Helt ny text om skyddsboende!\n", -1, &error);
  g_assert_no_error (error);

  g_assert_false (falt_store_import_feed (store, dir, FALSE, &error));
  g_assert_error (error, FALT_STORE_ERROR, FALT_STORE_ERROR_INVALID_FEED);
  blob_name = g_path_get_basename (blob);
  g_assert_nonnull (strstr (error->message, blob_name));
  g_assert_nonnull (strstr (error->message, "“ny”"));

  g_assert_cmpint (falt_store_get_content_version (store), ==, 5);
  documents = falt_store_list_documents (store, "manuals", "sv");
  g_assert_cmpuint (g_list_model_get_n_items (documents), ==, 5);
  assert_query_finds (store, "regeln", "sv", "familjestod");
  assert_query_misses (store, "skyddsboende", "sv", "ny");
}

static void
test_import_bad_pdf (void)
{
  g_autoptr(FaltStore) store = open_store_with_standard_feed ();
  g_autoptr(FaltTestFeed) feed = make_standard_feed ("bad-pdf", 6);
  g_autofree char *dir = test_path ("bad-pdf");
  g_autoptr(GBytes) not_a_pdf = g_bytes_new_static ("%PDF-1.5\nthis is not a PDF", 26);
  g_autoptr(GError) error = NULL;

  falt_test_feed_add_raw_pdf (feed, "trasig", "brochures", "sv", "Trasig", not_a_pdf);
  falt_test_feed_write (feed);
  g_assert_false (falt_store_import_feed (store, dir, FALSE, &error));
  g_assert_error (error, FALT_STORE_ERROR, FALT_STORE_ERROR_INVALID_FEED);
  g_assert_nonnull (strstr (error->message, "trasig"));
  g_assert_nonnull (strstr (error->message, "PDF"));
  g_assert_cmpint (falt_store_get_content_version (store), ==, 5);
}

static void
assert_manifest_refused (FaltStore  *store,
                         const char *manifest,
                         const char *expected_in_message)
{
  g_autofree char *dir = test_path ("bad-manifest");
  g_autofree char *path = g_build_filename (dir, "manifest.json", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (path, manifest, -1, &error);
  g_assert_no_error (error);
  g_assert_false (falt_store_import_feed (store, dir, TRUE, &error));
  g_assert_error (error, FALT_STORE_ERROR, FALT_STORE_ERROR_INVALID_FEED);
  if (strstr (error->message, expected_in_message) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, expected_in_message);
}

#define MANIFEST_HEAD "{\"format\": 1, \"version\": 9, \"created\": \"2026-11-23T10:00:00Z\", "
#define SECTIONS "\"sections\": [{\"id\": \"manuals\", \"titles\": {\"sv\": \"Manualer\"}}], "

static void
test_import_invalid_manifest (void)
{
  g_autoptr(FaltStore) store = open_store_with_standard_feed ();
  g_autofree char *missing_dir = test_path ("no-such-feed");
  g_autoptr(GError) error = NULL;

  g_assert_false (falt_store_import_feed (store, missing_dir, TRUE, &error));
  g_assert_error (error, FALT_STORE_ERROR, FALT_STORE_ERROR_INVALID_FEED);

  assert_manifest_refused (store, "{\"format\": 1,", "JSON");
  assert_manifest_refused (store, "[]", "object");
  assert_manifest_refused (store, "{\"format\": 2, \"version\": 9, \"created\": \"2026-11-23T10:00:00Z\"}", "format");
  assert_manifest_refused (store, "{\"format\": 1, \"version\": \"9\"}", "version");
  assert_manifest_refused (store, "{\"format\": 1, \"version\": 9, \"created\": \"yesterday\"}", "created");
  assert_manifest_refused (store, MANIFEST_HEAD "\"contacts\": []}", "sections");
  assert_manifest_refused (store, MANIFEST_HEAD SECTIONS "\"contacts\": [], \"coordinators\": [], "
                           "\"documents\": [{\"id\": \"a\", \"kind\": \"article\", \"section\": \"nope\", "
                           "\"translations\": []}]}",
                           "documents[0].section");
  assert_manifest_refused (store, MANIFEST_HEAD SECTIONS "\"contacts\": [], \"coordinators\": [], "
                           "\"documents\": [{\"id\": \"Bad Id\", \"kind\": \"article\"}]}",
                           "documents[0].id");
  assert_manifest_refused (store, MANIFEST_HEAD SECTIONS "\"contacts\": [], \"coordinators\": [], "
                           "\"documents\": [{\"id\": \"a\", \"kind\": \"article\", \"section\": \"manuals\", "
                           "\"translations\": [{\"lang\": \"sv\", \"title\": \"A\", \"blob\": \"xyz\", "
                           "\"size\": 3, \"media_type\": \"text/markdown\"}]}]}",
                           "documents[0].translations[0].blob");
  assert_manifest_refused (store, MANIFEST_HEAD SECTIONS "\"contacts\": [], \"coordinators\": "
                           "[{\"id\": \"c\", \"region\": \"Syd\", \"target_group\": \"pets\"}], \"documents\": []}",
                           "coordinators[0].target_group");
  g_assert_cmpint (falt_store_get_content_version (store), ==, 5);
}

static void
test_user_data_survives_import (void)
{
  g_autoptr(FaltStore) store = open_store_with_standard_feed ();
  g_autofree char *newer = write_standard_feed ("newer", 6);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) recent = NULL;
  g_autoptr(FaltDocument) latest = NULL;

  g_assert_false (falt_store_is_bookmarked (store, "broschyr"));
  falt_store_set_bookmark (store, "broschyr", TRUE, &error);
  g_assert_no_error (error);
  falt_store_note_opened (store, "broschyr", "sv", 2, &error);
  g_assert_no_error (error);
  falt_store_note_opened (store, "ukraina", "uk", -1, &error);
  g_assert_no_error (error);

  falt_store_import_feed (store, newer, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (falt_store_get_content_version (store), ==, 6);

  g_assert_true (falt_store_is_bookmarked (store, "broschyr"));
  g_assert_cmpint (falt_store_get_reading_position (store, "broschyr", "sv"), ==, 2);
  g_assert_cmpint (falt_store_get_reading_position (store, "broschyr", "en"), ==, -1);
  g_assert_cmpint (falt_store_get_reading_position (store, "ukraina", "uk"), ==, -1);
  recent = falt_store_list_recent (store, "uk", 10);
  g_assert_cmpuint (g_list_model_get_n_items (recent), ==, 2);
  latest = g_list_model_get_item (recent, 0);
  g_assert_cmpstr (falt_document_get_id (latest), ==, "ukraina");
  g_assert_cmpstr (falt_document_get_lang (latest), ==, "uk");

  falt_store_set_bookmark (store, "broschyr", FALSE, &error);
  g_assert_no_error (error);
  g_assert_false (falt_store_is_bookmarked (store, "broschyr"));
}

typedef enum
{
  DAMAGE_GARBAGE,
  DAMAGE_TRUNCATE,
  DAMAGE_FUTURE_SCHEMA,
  DAMAGE_PAGE_AFTER_CRASH,
} Damage;

/* What a crashed session leaves: a write-ahead log next to the database. */
static void
leave_log_behind (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (wal, "not a log", -1, &error);
  g_assert_no_error (error);
}

static void
damage_database (const char *path,
                 Damage      damage)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 8192);

  switch (damage)
    {
    case DAMAGE_GARBAGE:
      for (gsize i = 0; i < length; i++)
        contents[i] = (char) g_test_rand_int_range (0, 256);
      break;

    case DAMAGE_TRUNCATE:
      length /= 2;
      break;

    case DAMAGE_FUTURE_SCHEMA:
      exec_sql (path, "PRAGMA user_version = 99");
      return;

    case DAMAGE_PAGE_AFTER_CRASH:
      {
        /* Wreck the b-tree page of the documents table, after a crash. */
        int page = query_int (path, "SELECT rootpage FROM sqlite_schema WHERE name = 'documents'");
        int page_size = query_int (path, "PRAGMA page_size");

        memset (contents + (gsize) (page - 1) * page_size, 0x5a, 64);
        leave_log_behind (path);
      }
      break;

    default:
      g_assert_not_reached ();
    }
  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

static void
test_recovery (gconstpointer data)
{
  Damage damage = GPOINTER_TO_INT (data);
  g_autofree char *data_dir = g_build_filename (g_get_user_data_dir (), "faltstod", NULL);
  g_autofree char *feed = (remove_recursively (data_dir), write_standard_feed ("bundled", 5));
  g_autofree char *path = g_build_filename (data_dir, "faltstod.db", NULL);
  g_autofree char *recovered_from = NULL;
  g_autofree char *damaged = NULL;
  g_autofree char *kept = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FaltStore) store = falt_store_open_default (feed, &recovered_from, &error);
  gsize damaged_length, kept_length;
  int expected_code;

  g_assert_true (g_str_has_prefix (path, test_root));

  g_assert_no_error (error);
  g_assert_null (recovered_from);
  g_assert_cmpstr (falt_store_get_path (store), ==, path);
  g_assert_cmpint (falt_store_get_content_version (store), ==, 5);
  falt_store_set_bookmark (store, "broschyr", TRUE, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  damage_database (path, damage);
  g_file_get_contents (path, &damaged, &damaged_length, &error);
  g_assert_no_error (error);

  store = falt_store_open (path, &error);
  g_assert_null (store);
  expected_code = damage == DAMAGE_FUTURE_SCHEMA ? FALT_STORE_ERROR_FUTURE_SCHEMA : FALT_STORE_ERROR_CORRUPT;
  g_assert_error (error, FALT_STORE_ERROR, expected_code);
  g_clear_error (&error);

  /* That open found the damage; the app's next start must find it again. */
  if (damage == DAMAGE_PAGE_AFTER_CRASH)
    leave_log_behind (path);
  store = falt_store_open_default (feed, &recovered_from, &error);
  g_assert_no_error (error);
  g_assert_nonnull (recovered_from);
  g_assert_true (g_str_has_prefix (recovered_from, path));
  g_assert_true (g_str_has_prefix (recovered_from + strlen (path), ".broken-"));
  /* The damaged file is kept byte for byte; the new store has the bundled
   * content (and, unavoidably, none of the old user data). */
  g_file_get_contents (recovered_from, &kept, &kept_length, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (kept, kept_length, damaged, damaged_length);
  g_assert_cmpint (falt_store_get_content_version (store), ==, 5);
  g_assert_false (falt_store_is_bookmarked (store, "broschyr"));
  assert_query_finds (store, "betänketid", "sv", "broschyr");
}

static FaltStore *
open_default (const char *bundled_feed)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *recovered_from = NULL;
  FaltStore *store = falt_store_open_default (bundled_feed, &recovered_from, &error);

  g_assert_no_error (error);
  g_assert_null (recovered_from);
  return store;
}

static char *
meta_source (const char *db_path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *source;

  g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT source FROM meta", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  source = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return source;
}

/* An upgraded app brings a newer bundled feed: the store takes it at the
 * next start, keeping the user's data, but never goes back to an older or
 * equal one, nor replaces newer content received over the network. */
static void
test_bundled_feed_upgrade (void)
{
  g_autofree char *data_dir = g_build_filename (g_get_user_data_dir (), "faltstod", NULL);
  g_autofree char *path = g_build_filename (data_dir, "faltstod.db", NULL);
  g_autoptr(FaltTestFeed) feed_2 = (remove_recursively (data_dir), make_standard_feed ("bundled-2", 2));
  g_autofree char *bundled_1 = write_standard_feed ("bundled-1", 1);
  g_autofree char *bundled_2 = test_path ("bundled-2");
  g_autofree char *network_5 = write_standard_feed ("network-5", 5);
  g_autoptr(FaltStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *source = NULL;

  falt_test_feed_add_article (feed_2, "nytt", "manuals", "sv", "Nyheter i version 2", "Ny text om skyddsboende.\n");
  falt_test_feed_write (feed_2);

  store = open_default (bundled_1);
  g_assert_cmpint (falt_store_get_content_version (store), ==, 1);
  assert_query_misses (store, "skyddsboende", "sv", "nytt");
  falt_store_set_bookmark (store, "broschyr", TRUE, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  /* The upgrade. */
  store = open_default (bundled_2);
  g_assert_cmpint (falt_store_get_content_version (store), ==, 2);
  assert_query_finds (store, "skyddsboende", "sv", "nytt");
  g_assert_true (falt_store_is_bookmarked (store, "broschyr"));
  g_clear_object (&store);

  /* An equal version is not imported again (it would overwrite the
   * marker), an older one not at all. */
  exec_sql (path, "UPDATE meta SET source = 'marker'");
  store = open_default (bundled_2);
  g_assert_cmpint (falt_store_get_content_version (store), ==, 2);
  g_clear_object (&store);
  store = open_default (bundled_1);
  g_assert_cmpint (falt_store_get_content_version (store), ==, 2);
  assert_query_finds (store, "skyddsboende", "sv", "nytt");
  g_clear_object (&store);
  source = meta_source (path);
  g_assert_cmpstr (source, ==, "marker");

  /* Newer content from the network stays when the bundled feed is older. */
  store = open_default (bundled_2);
  falt_store_import_feed (store, network_5, FALSE, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  store = open_default (bundled_2);
  g_assert_cmpint (falt_store_get_content_version (store), ==, 5);
  assert_query_misses (store, "skyddsboende", "sv", "nytt");
  g_assert_finalize_object (g_steal_pointer (&store));
}

static void
test_integrity_check (void)
{
  g_autoptr(FaltStore) store = open_store_with_standard_feed ();
  g_autoptr(GError) error = NULL;

  g_assert_true (falt_store_check_integrity (store, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  test_root = g_dir_make_tmp ("test-store-XXXXXX", NULL);
  g_assert_nonnull (test_root);
  data_home = g_build_filename (test_root, "data", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  g_test_add_func ("/store/open/new", test_open_new);
  g_test_add_func ("/store/open/migrations", test_migrations);
  g_test_add_func ("/store/open/integrity-check", test_integrity_check);
  g_test_add_data_func ("/store/recovery/garbage", GINT_TO_POINTER (DAMAGE_GARBAGE), test_recovery);
  g_test_add_data_func ("/store/recovery/truncated", GINT_TO_POINTER (DAMAGE_TRUNCATE), test_recovery);
  g_test_add_data_func ("/store/recovery/future-schema", GINT_TO_POINTER (DAMAGE_FUTURE_SCHEMA), test_recovery);
  g_test_add_data_func ("/store/recovery/damaged-page-after-crash", GINT_TO_POINTER (DAMAGE_PAGE_AFTER_CRASH),
                        test_recovery);
  g_test_add_func ("/store/import/bundled-feed-upgrade", test_bundled_feed_upgrade);
  g_test_add_func ("/store/import/content", test_import_content);
  g_test_add_func ("/store/import/older-refused", test_import_older_refused);
  g_test_add_func ("/store/import/bad-blob-keeps-content", test_import_bad_blob_keeps_content);
  g_test_add_func ("/store/import/bad-pdf", test_import_bad_pdf);
  g_test_add_func ("/store/import/invalid-manifest", test_import_invalid_manifest);
  g_test_add_func ("/store/import/user-data-survives", test_user_data_survives_import);
  g_test_add_func ("/store/language-fallback", test_language_fallback);
  g_test_add_func ("/store/search/stemming", test_stemming);
  g_test_add_func ("/store/search/ranking", test_search_ranking);
  g_test_add_func ("/store/search/title-beats-many-body-hits", test_search_title_beats_many_body_hits);
  g_test_add_func ("/store/search/bm25-idf", test_search_bm25_idf);
  g_test_add_func ("/store/search/bm25-matches-fts5", test_search_bm25_matches_fts5);
  g_test_add_func ("/store/search/prefix-forms-count-once", test_search_prefix_forms_count_once);
  g_test_add_func ("/store/search/long-prefixes", test_search_long_prefixes);
  g_test_add_func ("/store/search/snippets-plain-text", test_search_snippets_plain_text);
  g_test_add_func ("/store/search/pdf-pages", test_search_pdf_pages);
  g_test_add_func ("/store/search/prefix-and-words", test_search_prefix_and_words);
  g_test_add_func ("/store/search/hostile-queries", test_search_hostile_queries);
  g_test_add_func ("/store/search/async", test_search_async);
  g_test_add_func ("/store/coordinators", test_coordinators);

  status = g_test_run ();
  remove_recursively (test_root);
  g_free (test_root);
  falt_test_release_fonts ();
  return status;
}
