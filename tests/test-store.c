/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <linux/fs.h>
#include <math.h>
#include <sys/ioctl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <string.h>
#include <unistd.h>

#include "falt-test-store.h"

/* Tests for the content store: a new store, migrations and imports. Opening
 * the app's store (recovery, a full disk, installs) is in test-store-open,
 * the reader's data in test-store-user and search in test-store-search. */

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
  sections = falt_store_list_sections (store, FALT_STORE_LANGS ("sv"));
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
                  "INSERT INTO meta (id, version, created, source) VALUES (1, 3, '2026-01-01T00:00:00Z', 'old');"
                  "INSERT INTO sections VALUES ('manuals', 10, NULL);"
                  "INSERT INTO section_titles VALUES ('manuals', 'sv', 'Manualer');"
                  "INSERT INTO blobs (sha256, data) VALUES ('ab', CAST('# Rubrik\n\nOm **människohandeln** i "
                  "[Sverige](https://exempel.invalid/sverige). Barnets rätt.' AS BLOB));"
                  "INSERT INTO documents (id, kind, section_id, position) VALUES ('gammal', 'article', 'manuals', 0);"
                  "INSERT INTO translations VALUES ('gammal', 'sv', 'Gammalt', NULL, NULL, 'ab', 'text/markdown');"
                  "INSERT INTO blobs (sha256, data) VALUES ('cd', CAST('Про протидію торгівлі людьми.' AS BLOB));"
                  "INSERT INTO translations VALUES ('gammal', 'uk', 'Старе', NULL, NULL, 'cd', 'text/markdown');"
                  "INSERT INTO blobs (sha256, data) VALUES ('ef', CAST('О противодействии торговли людьми.' AS BLOB));"
                  "INSERT INTO translations VALUES ('gammal', 'ru', 'Старое', NULL, NULL, 'ef', 'text/markdown');");
      if (version >= 2)
        exec_sql (path, "INSERT INTO bookmarks VALUES ('gammal', '2026-01-02T00:00:00Z');");

      store = falt_store_open (path, &error);
      g_assert_no_error (error);
      g_assert_cmpint (query_int (path, "PRAGMA user_version"), ==, latest);
      g_assert_cmpint (falt_store_get_content_version (store), ==, version >= 1 ? 3 : 0);
      /* The rows above bypass the search index, which an old release's
       * import would have filled: only a step that rebuilds the index
       * (up to schema 11) makes them searchable. Later steps must keep them. */
      if (version >= 1)
        {
          g_autoptr(GListModel) documents = falt_store_list_documents (store, "manuals", FALT_STORE_LANGS ("sv"));

          g_assert_cmpuint (g_list_model_get_n_items (documents), ==, 1);
        }
      if (version >= 1 && version < 11)
        {
          /* Indexed as plain text, whatever the schema it came from. */
          g_autoptr(GPtrArray) hits = search (store, "människohandel", "sv");

          g_assert_cmpuint (hits->len, ==, 1);
          g_assert_cmpstr (falt_search_hit_get_doc_id (hits->pdata[0]), ==, "gammal");
          assert_snippet_is_plain_text (hits->pdata[0]);
          assert_query_misses (store, "exempel", "sv", "gammal");
          assert_query_finds (store, "barn ", "sv", "gammal");
          /* Stemmed with hunspell from schema 10 on, Russian from 11. */
          assert_query_finds (store, "торгівля ", "uk", "gammal");
          assert_query_finds (store, "торговля ", "ru", "gammal");
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
  g_autoptr(GListModel) sections = falt_store_list_sections (store, FALT_STORE_LANGS ("en"));
  g_autoptr(GListModel) documents = falt_store_list_documents (store, "manuals", FALT_STORE_LANGS ("en"));
  g_autoptr(GListModel) contacts = falt_store_list_contacts (store, FALT_STORE_LANGS ("en"));
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
/* What the feed validator (src/feed) refused, with a message that says why. */
static void
assert_feed_error (const GError *error)
{
  g_assert_nonnull (error);
  g_assert_cmpuint (error->domain, ==, FALT_FEED_ERROR);
  g_test_message ("refused as expected: %s", error->message);
}

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
  assert_feed_error (error);
  blob_name = g_path_get_basename (blob);
  g_assert_nonnull (strstr (error->message, blob_name));

  g_assert_cmpint (falt_store_get_content_version (store), ==, 5);
  documents = falt_store_list_documents (store, "manuals", FALT_STORE_LANGS ("sv"));
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
  assert_feed_error (error);
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
  assert_feed_error (error);
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
  assert_feed_error (error);

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
                           "[{\"id\": \"c\", \"region\": \"Syd\", \"organisation\": \"X\", "
                           "\"counties\": [], \"municipalities\": [], \"target_group\": \"pets\"}], \"documents\": []}",
                           "coordinators[0].target_group");
  g_assert_cmpint (falt_store_get_content_version (store), ==, 5);
}

int
main (int   argc,
      char *argv[])
{
  falt_test_store_init (&argc, &argv);

  g_test_add_func ("/store/open/new", test_open_new);
  g_test_add_func ("/store/open/migrations", test_migrations);
  g_test_add_func ("/store/import/content", test_import_content);
  g_test_add_func ("/store/import/older-refused", test_import_older_refused);
  g_test_add_func ("/store/import/bad-blob-keeps-content", test_import_bad_blob_keeps_content);
  g_test_add_func ("/store/import/bad-pdf", test_import_bad_pdf);
  g_test_add_func ("/store/import/invalid-manifest", test_import_invalid_manifest);
  g_test_add_func ("/store/coordinators", test_coordinators);

  return falt_test_store_run ();
}
