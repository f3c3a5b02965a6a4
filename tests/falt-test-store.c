/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "falt-test-store.h"

/* Everything is written under one temporary folder (XDG_DATA_HOME points
 * into it too), removed at the end. GLib's G_TEST_OPTION_ISOLATE_DIRS is not
 * used: in 2.74 it leaks, and these tests run with leak checking on. */

char *test_root;

/* A file in the running test's own folder. */
char *
test_path (const char *name)
{
  g_autofree char *test_name = g_strdelimit (g_strdup (g_test_get_path ()), "/", '_');
  g_autofree char *dir = g_build_filename (test_root, test_name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  return g_build_filename (dir, name, NULL);
}

void
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

const char * const brochure_pages[] = {
  "Första sidan om samverkan mellan myndigheter.",
  "Andra sidan handlar om betänketid för den som utsatts.",
  "Tredje sidan har kontaktuppgifter.",
  NULL,
};

/* The feed most tests use: two sections, Swedish/English/Ukrainian
 * articles, a three-page PDF, two coordinators, two contacts. */
FaltTestFeed *
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

char *
write_standard_feed (const char *name,
                     gint64      version)
{
  g_autoptr(FaltTestFeed) feed = make_standard_feed (name, version);

  falt_test_feed_write (feed);
  return test_path (name);
}

FaltStore *
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

GPtrArray *
search (FaltStore  *store,
        const char *query,
        const char *lang)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *hits = falt_store_search (store, query, FALT_STORE_LANGS (lang), 20, &error);

  g_assert_no_error (error);
  g_assert_nonnull (hits);
  return hits;
}

/* For falt_store_search_async(): user_data is a GPtrArray ** set to the hits. */
void
on_search_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GPtrArray **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = falt_store_search_finish (FALT_STORE (source), result, &error);
  g_assert_no_error (error);
}

gboolean
hits_contain (GPtrArray  *hits,
              const char *doc_id)
{
  for (guint i = 0; i < hits->len; i++)
    if (g_str_equal (falt_search_hit_get_doc_id (hits->pdata[i]), doc_id))
      return TRUE;
  return FALSE;
}

void
assert_query_finds (FaltStore  *store,
                    const char *query,
                    const char *lang,
                    const char *doc_id)
{
  g_autoptr(GPtrArray) hits = search (store, query, lang);

  if (!hits_contain (hits, doc_id))
    g_error ("query “%s” (%s) did not find %s", query, lang, doc_id);
}

void
assert_query_misses (FaltStore  *store,
                     const char *query,
                     const char *lang,
                     const char *doc_id)
{
  g_autoptr(GPtrArray) hits = search (store, query, lang);

  if (hits_contain (hits, doc_id))
    g_error ("query “%s” (%s) should not find %s", query, lang, doc_id);
}

int
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

void
exec_sql (const char *db_path,
          const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

void
assert_snippet_is_plain_text (FaltSearchHit *hit)
{
  const char *snippet = falt_search_hit_get_snippet (hit);
  const char * const markup[] = { "**", "](", "#", "<", "http", "`" };

  for (guint i = 0; i < G_N_ELEMENTS (markup); i++)
    if (strstr (snippet, markup[i]) != NULL)
      g_error ("snippet of %s has “%s”: %s", falt_search_hit_get_doc_id (hit), markup[i], snippet);
}

FaltStore *
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

void
falt_test_store_init (int    *argc,
                      char ***argv)
{
  g_autofree char *data_home = NULL;

  g_test_init (argc, argv, NULL);
  test_root = g_dir_make_tmp ("test-store-XXXXXX", NULL);
  g_assert_nonnull (test_root);
  data_home = g_build_filename (test_root, "data", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
}

int
falt_test_store_run (void)
{
  int status = g_test_run ();

  remove_recursively (test_root);
  g_clear_pointer (&test_root, g_free);
  falt_test_release_fonts ();
  return status;
}
