/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "falt-test-store.h"

/* The store as the reader sees it: the material in the languages of the chain, and what the
 * reader keeps (recent documents, positions, bookmarks), through imports, Clear History and
 * another writer holding the lock. test-store has opening, imports and recovery. */

static void
test_language_fallback (void)
{
  g_autoptr(FaltStore) store = open_store_with_standard_feed ();
  g_autoptr(GError) error = NULL;
  g_autoptr(FaltDocument) only_sv = falt_store_get_document (store, "familjestod", FALT_STORE_LANGS ("uk"), &error);
  g_autoptr(FaltDocument) in_uk = falt_store_get_document (store, "ukraina", FALT_STORE_LANGS ("uk"), &error);
  g_autoptr(FaltDocument) missing = falt_store_get_document (store, "finns-inte", FALT_STORE_LANGS ("uk"), &error);
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

/* The chain uk, en, sv (a Ukrainian interface): a document in English and
 * Swedish shows in English, one in Swedish only in Swedish, and the lists,
 * the search and its titles take the same translation. */
static void
test_language_chain (void)
{
  g_autoptr(FaltStore) store = open_store_with_standard_feed ();
  const char * const *chain = FALT_STORE_LANGS ("uk", "en", "sv");
  g_autoptr(GError) error = NULL;
  g_autoptr(FaltDocument) manual = falt_store_get_document (store, "manual-misstanke", chain, &error);
  g_autoptr(FaltDocument) only_sv = falt_store_get_document (store, "familjestod", chain, &error);
  g_autoptr(FaltDocument) in_uk = falt_store_get_document (store, "ukraina", chain, &error);
  g_autoptr(FaltDocument) swedish_first = falt_store_get_document (store, "manual-misstanke",
                                                                   FALT_STORE_LANGS ("uk", "sv", "en"), &error);
  g_autoptr(FaltDocument) not_languages = falt_store_get_document (store, "manual-misstanke",
                                                                   FALT_STORE_LANGS ("en,sv", "',en", "ru"), &error);
  g_autoptr(GListModel) sections = falt_store_list_sections (store, chain);
  g_autoptr(FaltSection) manuals = g_list_model_get_item (sections, 0);
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GPtrArray) swedish_hits = NULL;
  g_autoptr(GPtrArray) only_sv_hits = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (falt_document_get_lang (manual), ==, "en");
  g_assert_cmpstr (falt_document_get_title (manual), ==, "Manual on suspected trafficking");
  g_assert_cmpstr (falt_document_get_lang (only_sv), ==, "sv");
  g_assert_cmpstr (falt_document_get_lang (in_uk), ==, "uk");
  g_assert_cmpstr (falt_document_get_lang (swedish_first), ==, "sv");
  /* What is not a content language is left out of the chain: Swedish. */
  g_assert_cmpstr (falt_document_get_lang (not_languages), ==, "sv");
  g_assert_cmpstr (falt_section_get_title (manuals), ==, "Manuals");

  /* The manual is searched in English, the language it is shown in, with
   * its English title; not in the Swedish it is not shown in. */
  hits = falt_store_search (store, "trafficking", chain, 20, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpstr (falt_search_hit_get_doc_id (hits->pdata[0]), ==, "manual-misstanke");
  g_assert_cmpstr (falt_search_hit_get_lang (hits->pdata[0]), ==, "en");
  g_assert_cmpstr (falt_search_hit_get_title (hits->pdata[0]), ==, "Manual on suspected trafficking");
  swedish_hits = falt_store_search (store, "människohandel", chain, 20, &error);
  g_assert_no_error (error);
  g_assert_false (hits_contain (swedish_hits, "manual-misstanke"));
  only_sv_hits = falt_store_search (store, "familjer", chain, 20, &error);
  g_assert_no_error (error);
  g_assert_true (hits_contain (only_sv_hits, "familjestod"));
}

/* A feed with a document in three languages, one in Swedish only and, from
 * version 2, one in Swedish and English; each translation's text is
 * different in each version, so every one changes. */
static char *
write_changes_feed (gint64 version)
{
  g_autofree char *name = g_strdup_printf ("changes-feed-%" G_GINT64_FORMAT, version);
  g_autofree char *dir = test_path (name);
  g_autoptr(FaltTestFeed) feed = falt_test_feed_new (dir, version);
  g_autofree char *text = g_strdup_printf ("Version %" G_GINT64_FORMAT ".\n", version);

  falt_test_feed_add_section (feed, "manuals", "Manualer", "Manuals");
  falt_test_feed_add_article (feed, "three", "manuals", "sv", "Tre", text);
  falt_test_feed_add_article (feed, "three", "manuals", "en", "Three", text);
  falt_test_feed_add_article (feed, "three", "manuals", "uk", "Три", text);
  falt_test_feed_add_article (feed, "swedish", "manuals", "sv", "Svenska", text);
  if (version >= 2)
    {
      falt_test_feed_add_article (feed, "new", "manuals", "sv", "Ny", text);
      falt_test_feed_add_article (feed, "new", "manuals", "en", "New", text);
    }
  falt_test_feed_write (feed);
  return g_steal_pointer (&dir);
}

static void
assert_change_titles (FaltStore          *store,
                      const char * const *langs,
                      const char * const *titles)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = falt_store_list_changes (store, langs, &error);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) found = NULL;

  g_assert_no_error (error);
  for (guint i = 0; i < changes->len; i++)
    g_strv_builder_add (builder, ((FaltStoreChange *) changes->pdata[i])->title);
  found = g_strv_builder_end (builder);
  g_assert_cmpstrv (found, titles);
}

/* What's new lists each document once, in the first language of the chain
 * it changed in, else in Swedish. */
static void
test_changes_follow_chain (void)
{
  g_autofree char *db = test_path ("changes.db");
  g_autofree char *first = write_changes_feed (1);
  g_autofree char *second = write_changes_feed (2);
  g_autoptr(GError) error = NULL;
  g_autoptr(FaltStore) store = falt_store_open (db, &error);

  g_assert_no_error (error);
  g_assert_true (falt_store_import_feed (store, first, FALSE, &error));
  g_assert_true (falt_store_import_feed (store, second, FALSE, &error));
  g_assert_no_error (error);

  /* Added first, then changed, each by title. */
  assert_change_titles (store, FALT_STORE_LANGS ("uk", "en", "sv"),
                        (const char * const[]) { "New", "Svenska", "Три", NULL });
  assert_change_titles (store, FALT_STORE_LANGS ("en", "uk", "sv"),
                        (const char * const[]) { "New", "Svenska", "Three", NULL });
  assert_change_titles (store, FALT_STORE_LANGS ("ru"), (const char * const[]) { "Ny", "Svenska", "Tre", NULL });
  assert_change_titles (store, NULL, (const char * const[]) { "Ny", "Svenska", "Tre", NULL });
}


static void
count_signal_cb (gpointer user_data)
{
  (*(guint *) user_data)++;
}

/* Preferences' "Clear History": recent documents and reading positions go, bookmarks only when
 * asked, the content never. */
static void
test_clear_history (void)
{
  g_autoptr(FaltStore) store = open_store_with_standard_feed ();
  g_autofree char *db = g_strdup (falt_store_get_path (store));
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) recent = NULL;
  gint64 n_documents = query_int (db, "SELECT count(*) FROM documents");
  guint cleared = 0;

  g_signal_connect_swapped (store, "history-cleared", G_CALLBACK (count_signal_cb), &cleared);
  g_assert_true (falt_store_set_bookmark (store, "broschyr", TRUE, &error));
  g_assert_true (falt_store_note_opened (store, "broschyr", "sv", 2, &error));
  g_assert_true (falt_store_note_opened (store, "ukraina", "uk", 0, &error));
  g_assert_no_error (error);

  g_assert_true (falt_store_clear_history (store, FALT_STORE_CLEAR_HISTORY, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (cleared, ==, 1);
  recent = falt_store_list_recent (store, FALT_STORE_LANGS ("sv"), 10);
  g_assert_cmpuint (g_list_model_get_n_items (recent), ==, 0);
  g_assert_cmpint (falt_store_get_reading_position (store, "broschyr", "sv"), ==, -1);
  g_assert_cmpint (falt_store_get_reading_position (store, "ukraina", "uk"), ==, -1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM recent"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM reading_positions"), ==, 0);
  g_assert_true (falt_store_is_bookmarked (store, "broschyr"));
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM documents"), ==, n_documents);

  g_assert_true (falt_store_clear_history (store, FALT_STORE_CLEAR_BOOKMARKS, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (cleared, ==, 2);
  g_assert_false (falt_store_is_bookmarked (store, "broschyr"));
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM bookmarks"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM documents"), ==, n_documents);
}

/* Another connection holding the write lock, as an import's transaction does for seconds. */
static sqlite3 *
hold_write_lock (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  return db;
}

static void
release_write_lock (sqlite3 *db)
{
  g_assert_cmpint (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* A bookmark or a reading position asked for while another writer holds the lock does not
 * wait for it (the main loop would freeze): it waits in memory, reads see it, and it is
 * written once the lock is free. Before, the call blocked for the busy timeout and failed. */
static void
test_user_writes_never_wait_for_the_lock (void)
{
  g_autoptr(FaltStore) store = open_store_with_standard_feed ();
  g_autofree char *db = g_strdup (falt_store_get_path (store));
  g_autoptr(GError) error = NULL;
  sqlite3 *other = hold_write_lock (db);

  g_assert_true (falt_store_set_bookmark (store, "broschyr", TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (falt_store_note_opened (store, "broschyr", "sv", 3, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (falt_store_count_pending_writes (store), ==, 2);
  g_assert_true (falt_store_is_bookmarked (store, "broschyr"));
  g_assert_cmpint (falt_store_get_reading_position (store, "broschyr", "sv"), ==, 3);
  /* Later writes queue behind the waiting ones, so the order holds. */
  g_assert_true (falt_store_set_bookmark (store, "broschyr", FALSE, &error));
  g_assert_false (falt_store_is_bookmarked (store, "broschyr"));
  g_assert_true (falt_store_set_bookmark (store, "broschyr", TRUE, &error));
  g_assert_cmpuint (falt_store_count_pending_writes (store), ==, 4);

  release_write_lock (other);
  while (falt_store_count_pending_writes (store) > 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM bookmarks WHERE doc_id = 'broschyr'"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT page FROM reading_positions WHERE doc_id = 'broschyr'"), ==, 3);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM recent WHERE doc_id = 'broschyr'"), ==, 1);
}

/* What still waits is history too: Clear History forgets it. */
static void
test_clear_history_forgets_waiting_writes (void)
{
  g_autoptr(FaltStore) store = open_store_with_standard_feed ();
  g_autofree char *db = g_strdup (falt_store_get_path (store));
  g_autoptr(GError) error = NULL;
  sqlite3 *other = hold_write_lock (db);

  g_assert_true (falt_store_note_opened (store, "broschyr", "sv", 3, &error));
  g_assert_true (falt_store_set_bookmark (store, "ukraina", TRUE, &error));
  g_assert_cmpuint (falt_store_count_pending_writes (store), ==, 2);
  release_write_lock (other);

  g_assert_true (falt_store_clear_history (store, FALT_STORE_CLEAR_HISTORY, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (falt_store_count_pending_writes (store), ==, 1);
  g_assert_cmpint (falt_store_get_reading_position (store, "broschyr", "sv"), ==, -1);
  while (falt_store_count_pending_writes (store) > 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM recent"), ==, 0);
  g_assert_true (falt_store_is_bookmarked (store, "ukraina"));
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
  recent = falt_store_list_recent (store, FALT_STORE_LANGS ("uk"), 10);
  g_assert_cmpuint (g_list_model_get_n_items (recent), ==, 2);
  latest = g_list_model_get_item (recent, 0);
  g_assert_cmpstr (falt_document_get_id (latest), ==, "ukraina");
  g_assert_cmpstr (falt_document_get_lang (latest), ==, "uk");

  falt_store_set_bookmark (store, "broschyr", FALSE, &error);
  g_assert_no_error (error);
  g_assert_false (falt_store_is_bookmarked (store, "broschyr"));
}

int
main (int   argc,
      char *argv[])
{
  falt_test_store_init (&argc, &argv);

  g_test_add_func ("/store/import/user-data-survives", test_user_data_survives_import);
  g_test_add_func ("/store/clear-history", test_clear_history);
  g_test_add_func ("/store/user-writes-never-wait", test_user_writes_never_wait_for_the_lock);
  g_test_add_func ("/store/clear-history-forgets-waiting", test_clear_history_forgets_waiting_writes);
  g_test_add_func ("/store/language-fallback", test_language_fallback);
  g_test_add_func ("/store/language-chain", test_language_chain);
  g_test_add_func ("/store/changes-follow-chain", test_changes_follow_chain);

  return falt_test_store_run ();
}
