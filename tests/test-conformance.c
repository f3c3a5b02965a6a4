/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "test-conformance"

#include <string.h>
#include <archive.h>
#include <archive_entry.h>
#include <glib/gstdio.h>

#include "falt-test-files.h"
#include "feed/falt-feed.h"
#include "publish/falt-content-source.h"
#include "publish/falt-feed-writer.h"
#include "store/falt-store.h"

/* One feed, many mutations, three doors: `faltstod-publish verify`, a bundle imported as the
 * updater imports one, and a feed folder imported as `faltstod --import` does. Each mutated
 * manifest is signed again with the test key, so what decides is the validator, not the
 * signature; every door must give the same verdict, and a refusal leaves the store as it was. */

#define CREATED "2026-11-23T10:00:00Z"
#define PDF_DOC "documents/0/translations/0"      /* broschyr, kind pdf, sv */
#define ARTICLE_SV "documents/1/translations/0"   /* manual, kind article, sv */
#define ARTICLE_EN "documents/1/translations/1"   /* manual, kind article, en */

typedef struct
{
  char        *dir;
  char        *public_path;
  char        *secret_path;
  char        *feed;        /* the case's feed folder, first as publishing wrote it */
  FaltKeyring *keyring;
} Fixture;

/* What a case changes: the parsed manifest, or its whole text, and the feed's files. */
typedef struct _Case Case;

typedef struct
{
  Fixture    *fixture;
  const Case *test_case;
  JsonNode   *root;
  char     *text;           /* when set, the manifest's bytes instead of @root's */
  gboolean  keep_signature; /* do not sign again: the old signature no longer fits */
} Mutation;

typedef void (*MutateFunc) (Mutation *mutation);

struct _Case
{
  const char *name;
  MutateFunc  mutate;
  const char *words;        /* in every door's message; NULL: accepted */
  const char *document;     /* the document the store's refusal names, if any */
  const char *object;       /* for set_text(): member @member of the object at @object… */
  const char *member;
  const char *text;         /* …becomes @text */
};

static FaltMinisignSecretKey *
load_secret_key (Fixture *fixture)
{
  g_autoptr (GError) error = NULL;
  FaltMinisignSecretKey *key = falt_minisign_secret_key_load (fixture->secret_path, NULL, &error);

  g_assert_no_error (error);
  return key;
}

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autofree char *source_dir = g_test_build_filename (G_TEST_DIST, "data", "publish", "valid", NULL);
  g_autoptr (FaltMinisignPublicKey) public_key = NULL;
  g_autoptr (FaltMinisignSecretKey) secret_key = NULL;
  g_autoptr (FaltContentSource) source = NULL;
  g_autoptr (GDateTime) created = g_date_time_new_from_iso8601 (CREATED, NULL);
  g_autoptr (GError) error = NULL;
  FaltFeedBuildOptions options = { .version = 3, .created = created, .source_label = "tests" };

  fixture->dir = falt_test_make_tmp_dir ();
  fixture->public_path = g_build_filename (fixture->dir, "test.pub", NULL);
  fixture->secret_path = g_build_filename (fixture->dir, "test.key", NULL);
  fixture->feed = g_build_filename (fixture->dir, "feed", NULL);
  g_assert_true (falt_minisign_generate (fixture->public_path, fixture->secret_path, &error));
  g_assert_no_error (error);
  public_key = falt_minisign_public_key_load (fixture->public_path, &error);
  g_assert_no_error (error);
  fixture->keyring = falt_keyring_new ();
  falt_keyring_add_key (fixture->keyring, public_key);

  secret_key = load_secret_key (fixture);
  options.key = secret_key;
  source = falt_content_source_load (source_dir, &error);
  g_assert_no_error (error);
  g_assert_true (falt_feed_writer_write (source, &options, fixture->feed, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_clear_object (&fixture->keyring);
  falt_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->public_path);
  g_free (fixture->secret_path);
  g_free (fixture->feed);
}

/* Helpers for mutations */

/* The object at @path, such as "documents/1/translations/0", in the manifest. */
static JsonObject *
object_at (Mutation *mutation, const char *path)
{
  g_auto (GStrv) steps = g_strsplit (path, "/", -1);
  JsonNode *node = mutation->root;

  for (guint i = 0; steps[i] != NULL; i++)
    {
      if (JSON_NODE_HOLDS_ARRAY (node))
        node = json_array_get_element (json_node_get_array (node), (guint) g_ascii_strtoull (steps[i], NULL, 10));
      else
        node = json_object_get_member (json_node_get_object (node), steps[i]);
      g_assert_nonnull (node);
    }
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_node_get_object (node);
}

static char *
manifest_path (Mutation *mutation)
{
  return g_build_filename (mutation->fixture->feed, FALT_FEED_MANIFEST, NULL);
}

static char *
blob_path (Mutation *mutation, const char *translation)
{
  return g_build_filename (mutation->fixture->feed, FALT_FEED_BLOBS,
                           json_object_get_string_member (object_at (mutation, translation), "blob"), NULL);
}

/* Points translation @to at the blob of translation @from. */
static void
share_blob (Mutation *mutation, const char *from, const char *to)
{
  JsonObject *source = object_at (mutation, from);
  JsonObject *target = object_at (mutation, to);

  json_object_set_string_member (target, "blob", json_object_get_string_member (source, "blob"));
  json_object_set_int_member (target, "size", json_object_get_int_member (source, "size"));
}

/* The mutations */

static void
unchanged (Mutation *mutation)
{
}

static void
set_text (Mutation *mutation)
{
  const Case *test_case = mutation->test_case;

  json_object_set_string_member (object_at (mutation, test_case->object), test_case->member, test_case->text);
}

/* Brackets in a text are no nesting, an escaped quote does not end the text. */
static void
brackets_in_a_title (Mutation *mutation)
{
  g_autofree char *brackets = g_strnfill (100, '[');
  g_autofree char *title = g_strconcat ("\"", brackets, "\\", NULL);

  json_object_set_string_member (object_at (mutation, ARTICLE_SV), "title", title);
}

/* Sets the article's title to @escaped, a JSON text with escapes json-glib would not write. */
static void
set_title_escaped (Mutation *mutation, const char *escaped)
{
  g_autofree char *json = NULL;
  GString *text;

  json_object_set_string_member (object_at (mutation, ARTICLE_SV), "title", "@TITLE@");
  json = json_to_string (mutation->root, TRUE);
  text = g_string_new (json);
  g_string_replace (text, "@TITLE@", escaped, 1);
  mutation->text = g_string_free (text, FALSE);
}

static void
surrogate_pair_escape (Mutation *mutation)
{
  set_title_escaped (mutation, "Manual \\ud83d\\ude00");
}

/* json-glib would end the title at the NUL, showing less than was signed. */
static void
nul_escape (Mutation *mutation)
{
  set_title_escaped (mutation, "Man\\u0000ual");
}

/* json-glib would turn it into bytes that are not UTF-8, for the store and the window. */
static void
lone_surrogate_escape (Mutation *mutation)
{
  set_title_escaped (mutation, "Manual \\ud800");
}

static void
missing_updated (Mutation *mutation)
{
  json_object_remove_member (object_at (mutation, ARTICLE_EN), "updated");
}

static void
version_zero (Mutation *mutation)
{
  json_object_set_int_member (json_node_get_object (mutation->root), "version", 0);
}

static void
expired (Mutation *mutation)
{
  JsonObject *root = json_node_get_object (mutation->root);

  json_object_set_string_member (root, "created", "2020-01-01T00:00:00Z");
  json_object_set_string_member (root, "expires", "2020-02-01T00:00:00Z");
}

static void
article_blob_is_pdf (Mutation *mutation)
{
  share_blob (mutation, PDF_DOC, ARTICLE_SV);
}

static void
pdf_blob_is_markdown (Mutation *mutation)
{
  share_blob (mutation, ARTICLE_SV, PDF_DOC);
}

/* Written by hand: the article comes first and stores the PDF's blob, then a PDF document uses it. */
static void
shared_blob_article_first (Mutation *mutation)
{
  JsonObject *pdf = object_at (mutation, PDF_DOC);

  mutation->text = g_strdup_printf (
    "{\"format\": 1, \"version\": 3, \"created\": \"" CREATED "\","
    " \"sections\": [{\"id\": \"s\", \"titles\": {\"sv\": \"Avsnitt\"}}], \"contacts\": [], \"coordinators\": [],"
    " \"documents\": ["
    "  {\"id\": \"a\", \"kind\": \"article\", \"section\": \"s\", \"translations\": [{\"lang\": \"sv\","
    "   \"title\": \"Artikel\", \"updated\": \"2026-10-01\", \"blob\": \"%s\", \"size\": %" G_GINT64_FORMAT ","
    "   \"media_type\": \"text/markdown\"}]},"
    "  {\"id\": \"b\", \"kind\": \"pdf\", \"section\": \"s\", \"translations\": [{\"lang\": \"sv\","
    "   \"title\": \"Broschyr\", \"updated\": \"2026-10-01\", \"blob\": \"%s\", \"size\": %" G_GINT64_FORMAT ","
    "   \"media_type\": \"application/pdf\"}]}]}\n",
    json_object_get_string_member (pdf, "blob"), json_object_get_int_member (pdf, "size"),
    json_object_get_string_member (pdf, "blob"), json_object_get_int_member (pdf, "size"));
}

static void
blob_over_limit (Mutation *mutation)
{
  json_object_set_int_member (object_at (mutation, ARTICLE_SV), "size", FALT_FEED_MAX_BLOB_SIZE + 1);
}

/* Each blob within its limit, all of them together over the bundle's. */
static void
blobs_together_over_limit (Mutation *mutation)
{
  JsonArray *translations = json_object_get_array_member (object_at (mutation, "documents/1"), "translations");

  json_array_remove_element (translations, 1);
  for (guint i = 0; i < FALT_FEED_MAX_BUNDLE_SIZE / FALT_FEED_MAX_BLOB_SIZE + 1; i++)
    {
      g_autofree char *id = g_strdup_printf ("big-%u", i);
      g_autofree char *blob = g_strdup_printf ("%064x", i + 1);
      JsonObject *document = json_object_new ();
      JsonObject *translation = json_object_new ();
      JsonArray *list = json_array_new ();

      json_object_set_string_member (translation, "lang", "sv");
      json_object_set_string_member (translation, "title", "Stor");
      json_object_set_string_member (translation, "updated", "2026-10-01");
      json_object_set_string_member (translation, "blob", blob);
      json_object_set_int_member (translation, "size", FALT_FEED_MAX_BLOB_SIZE);
      json_object_set_string_member (translation, "media_type", "text/markdown");
      json_array_add_object_element (list, translation);
      json_object_set_string_member (document, "id", id);
      json_object_set_string_member (document, "kind", "article");
      json_object_set_string_member (document, "section", "manuals");
      json_object_set_array_member (document, "translations", list);
      json_array_add_object_element (json_object_get_array_member (json_node_get_object (mutation->root),
                                                                   "documents"), document);
    }
}

static void
manifest_over_limit (Mutation *mutation)
{
  g_autofree char *path = manifest_path (mutation);
  g_autofree char *text = falt_test_read_file (path);
  GString *padded = g_string_new (text);

  /* Whitespace after the object is still JSON. */
  while (padded->len <= FALT_FEED_MAX_MANIFEST_SIZE)
    g_string_append_c (padded, ' ');
  mutation->text = g_string_free (padded, FALSE);
}

static void
unknown_format (Mutation *mutation)
{
  json_object_set_int_member (json_node_get_object (mutation->root), "format", 2);
}

static void
invalid_json (Mutation *mutation)
{
  mutation->text = g_strdup ("{\"format\": 1, \"version\": 3, \"sections\": [");
}

static char *
nested (const char *before, guint depth, const char *after)
{
  GString *text = g_string_new (before);

  for (guint i = 0; i < depth; i++)
    g_string_append (text, i % 2 ? "{\"a\":" : "[");
  g_string_append (text, "1");
  for (guint i = depth; i > 0; i--)
    g_string_append_c (text, (i - 1) % 2 ? '}' : ']');
  g_string_append (text, after);
  return g_string_free (text, FALSE);
}

static void
nested_100000_deep (Mutation *mutation)
{
  mutation->text = nested ("", 100000, "\n");
}

static void
nested_deep_in_a_field (Mutation *mutation)
{
  mutation->text = nested ("{\"format\": 1, \"version\": 3, \"created\": \"" CREATED "\", \"source\": ",
                           100000, "}\n");
}

static void
unsigned_feed (Mutation *mutation)
{
  g_autofree char *path = g_build_filename (mutation->fixture->feed, FALT_FEED_SIGNATURE, NULL);

  g_assert_cmpint (g_unlink (path), ==, 0);
  mutation->keep_signature = TRUE;
}

static void
tampered_manifest (Mutation *mutation)
{
  json_object_set_int_member (json_node_get_object (mutation->root), "version", 30);
  mutation->keep_signature = TRUE;
}

static void
tampered_blob (Mutation *mutation)
{
  g_autofree char *path = blob_path (mutation, ARTICLE_SV);
  g_autofree char *text = falt_test_read_file (path);

  text[0] ^= 0x20;
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
}

static void
missing_blob (Mutation *mutation)
{
  g_autofree char *path = blob_path (mutation, PDF_DOC);

  g_assert_cmpint (g_unlink (path), ==, 0);
}

/* A manifest that says the blob is smaller than it is, signed: the blob is refused, not cut. */
static void
blob_smaller_than_signed (Mutation *mutation)
{
  JsonObject *translation = object_at (mutation, ARTICLE_SV);

  json_object_set_int_member (translation, "size", json_object_get_int_member (translation, "size") - 1);
}

static void
not_an_object (Mutation *mutation)
{
  mutation->text = g_strdup ("[{\"format\": 1}]\n");
}

static void
mirror_not_http (Mutation *mutation)
{
  JsonArray *mirrors = json_array_new ();

  json_array_add_string_element (mirrors, "file:///etc/passwd");
  json_object_set_array_member (json_node_get_object (mutation->root), "mirrors", mirrors);
}

static const Case cases[] = {
  { "unchanged", unchanged, NULL },
  { "section-title-in-uk", set_text, NULL, NULL, "sections/0/titles", "uk", "Посібники" },
  { "brackets-in-a-title", brackets_in_a_title, NULL },
  { "surrogate-pair-escape", surrogate_pair_escape, NULL },
  { "nul-escape", nul_escape, "\\u0000 or half a surrogate pair" },
  { "lone-surrogate-escape", lone_surrogate_escape, "\\u0000 or half a surrogate pair" },
  { "translation-language-xx", set_text, "translations[1].lang", NULL, ARTICLE_EN, "lang", "xx" },
  { "section-title-in-de", set_text, "sections[0].titles", NULL, "sections/0/titles", "de", "Handbücher" },
  { "contact-id-path", set_text, "contacts[0].id", NULL, "contacts/0", "id", "../x" },
  { "coordinator-target-group", set_text, "target_group", NULL, "coordinators/0", "target_group", "teenagers" },
  { "missing-updated", missing_updated, "translations[1].updated" },
  { "empty-title", set_text, "translations[0].title", NULL, ARTICLE_SV, "title", "" },
  { "version-0", version_zero, "version number" },
  { "expired", expired, "expired on 2020-02-01" },
  { "article-blob-is-pdf", article_blob_is_pdf, "used by an article but is not UTF-8 text", "manual" },
  { "pdf-blob-is-markdown", pdf_blob_is_markdown, "not a PDF that can be opened", "broschyr" },
  { "shared-blob-article-first", shared_blob_article_first, "used by an article but is not UTF-8 text", "a" },
  { "blob-over-limit", blob_over_limit, "within the limit" },
  { "blobs-together-over-limit", blobs_together_over_limit, "add up to more than the limit" },
  { "manifest-over-limit", manifest_over_limit, "large" },
  { "duplicate-document-id", set_text, "“manual” is used twice", NULL, "documents/0", "id", "manual" },
  { "duplicate-contact-id", set_text, "“support-line” is used twice", NULL, "contacts/1", "id", "support-line" },
  { "unknown-format", unknown_format, "another format (2)" },
  { "unknown-kind", set_text, "“article” or “pdf”", NULL, "documents/0", "kind", "video" },
  { "invalid-json", invalid_json, "not valid JSON" },
  { "nested-100000-deep", nested_100000_deep, "nests deeper" },
  { "nested-deep-in-a-field", nested_deep_in_a_field, "nests deeper" },
  { "not-an-object", not_an_object, "not a JSON object" },
  { "mirror-not-http", mirror_not_http, "mirror 1" },
  { "unsigned", unsigned_feed, "not signed" },
  { "tampered-manifest", tampered_manifest, "signature does not match" },
  { "tampered-blob", tampered_blob, "does not match its hash" },
  { "missing-blob", missing_blob, "is missing" },
  { "blob-smaller-than-signed", blob_smaller_than_signed, "was changed" },
};

/* Applies the case to the fixture's feed and signs its manifest again (unless told not to). */
static void
apply (Fixture *fixture, const Case *test_case)
{
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) error = NULL;
  Mutation mutation = { fixture, test_case };

  path = g_build_filename (fixture->feed, FALT_FEED_MANIFEST, NULL);
  text = falt_test_read_file (path);
  mutation.root = json_from_string (text, &error);
  g_assert_no_error (error);
  test_case->mutate (&mutation);
  if (mutation.text == NULL)
    mutation.text = json_to_string (mutation.root, TRUE);
  json_node_unref (mutation.root);
  bytes = g_bytes_new_take (mutation.text, strlen (mutation.text));
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));

  if (!mutation.keep_signature)
    {
      g_autoptr (FaltMinisignSecretKey) key = load_secret_key (fixture);
      g_autofree char *signature = falt_minisign_sign (key, bytes, "conformance", &error);
      g_autofree char *signature_path = g_build_filename (fixture->feed, FALT_FEED_SIGNATURE, NULL);

      g_assert_no_error (error);
      g_assert_true (g_file_set_contents (signature_path, signature, -1, NULL));
    }
}

/* The three doors */

static FaltStore *
open_fresh_store (Fixture *fixture, const char *name)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr (GError) error = NULL;
  FaltStore *store = falt_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_cmpint (falt_store_get_content_version (store), ==, 0);
  return store;
}

/* What the store holds: its content version and how many sections. */
static void
assert_store_holds (FaltStore *store, gint64 version, guint n_sections)
{
  g_autoptr (GListModel) sections = falt_store_list_sections (store, FALT_STORE_LANGS ("sv"));

  g_assert_cmpint (falt_store_get_content_version (store), ==, version);
  g_assert_cmpuint (g_list_model_get_n_items (sections), ==, n_sections);
}

/* Each door returns its refusal's message, or NULL when it accepted the feed. */
static char *
verify_with_cli (Fixture *fixture)
{
  g_autofree char *publish = falt_test_publish_path ();
  g_autofree char *errors = NULL;
  const char *verify[] = { publish, "verify", fixture->feed, "--public-key", fixture->public_path, NULL };
  int status = falt_test_run (verify, NULL, NULL, &errors);

  /* 0 valid, 1 refused; anything else (a signal, a usage error) is a bug. */
  g_test_message ("faltstod-publish verify: %d %s", status, errors);
  g_assert_true (status == 0 || status == 1);
  g_assert_null (strstr (errors, "CRITICAL"));
  g_assert_null (strstr (errors, "WARNING"));
  g_assert_true ((status == 0) == (*errors == '\0'));
  return status == 0 ? NULL : g_steal_pointer (&errors);
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static void
add_tar_file (struct archive *archive, const char *name, const char *path)
{
  g_autofree char *contents = NULL;
  struct archive_entry *entry;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return;  /* a file the case removed */
  entry = archive_entry_new ();
  archive_entry_set_pathname (entry, name);
  archive_entry_set_filetype (entry, AE_IFREG);
  archive_entry_set_perm (entry, 0644);
  archive_entry_set_size (entry, length);
  g_assert_cmpint (archive_write_header (archive, entry), ==, ARCHIVE_OK);
  g_assert_cmpint (archive_write_data (archive, contents, length), ==, (gssize) length);
  archive_entry_free (entry);
}

/* The feed folder as a bundle, whatever it holds: falt_feed_write_bundle() would refuse to
 * bundle a feed it finds invalid, and the bundle reader is what is tested here. */
static char *
write_bundle (Fixture *fixture)
{
  g_autofree char *blobs = g_build_filename (fixture->feed, FALT_FEED_BLOBS, NULL);
  g_autofree char *manifest = g_build_filename (fixture->feed, FALT_FEED_MANIFEST, NULL);
  g_autofree char *signature = g_build_filename (fixture->feed, FALT_FEED_SIGNATURE, NULL);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GDir) dir = g_dir_open (blobs, 0, NULL);
  char *bundle = g_build_filename (fixture->dir, "feed.faltstod", NULL);
  g_autofree char *text = falt_test_read_file (manifest);
  struct archive *archive = archive_write_new ();
  const char *name;

  /* Only the blobs the manifest names, as a publisher's bundle holds (a blob it does not name
   * is refused on its own, before any check of content). */
  while ((name = g_dir_read_name (dir)) != NULL)
    if (strstr (text, name) != NULL)
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  archive_write_set_format_pax_restricted (archive);
  g_assert_cmpint (archive_write_open_filename (archive, bundle), ==, ARCHIVE_OK);
  add_tar_file (archive, FALT_FEED_MANIFEST, manifest);
  add_tar_file (archive, FALT_FEED_SIGNATURE, signature);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *member = g_build_filename (FALT_FEED_BLOBS, names->pdata[i], NULL);
      g_autofree char *path = g_build_filename (blobs, names->pdata[i], NULL);

      add_tar_file (archive, member, path);
    }
  g_assert_cmpint (archive_write_close (archive), ==, ARCHIVE_OK);
  archive_write_free (archive);
  return bundle;
}

/* As the updater takes a bundle: the signed manifest first, then the blobs the store lacks
 * into a staging folder, then the store's import. */
static gboolean
import_bundle (FaltStore *store, const char *bundle, FaltKeyring *keyring, const char *staging,
               GError **error)
{
  g_autofree char *blobs_dir = g_build_filename (staging, FALT_FEED_BLOBS, NULL);
  g_autoptr (GHashTable) wanted = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (FaltManifest) manifest = NULL;
  g_autoptr (GPtrArray) missing = NULL;
  g_autofree char *signature = NULL;

  manifest = falt_feed_read_bundle_manifest (bundle, keyring, &signature, error);
  if (manifest == NULL || !falt_store_check_newer (falt_store_get_content_version (store), manifest, error)
      || (missing = falt_store_list_missing_blobs (store, manifest, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < missing->len; i++)
    g_hash_table_add (wanted, ((FaltManifestBlob *) missing->pdata[i])->sha256);
  return falt_feed_extract_bundle_blobs (bundle, manifest, wanted, blobs_dir, NULL, error)
         && falt_store_import (store, manifest, signature, staging, FALT_STORE_IMPORT_NONE, error);
}

static char *
import_through_sync (Fixture *fixture, FaltStore *store)
{
  g_autofree char *bundle = write_bundle (fixture);
  g_autofree char *staging = g_build_filename (fixture->dir, "staging", NULL);
  g_autoptr (GError) error = NULL;
  gboolean accepted = import_bundle (store, bundle, fixture->keyring, staging, &error);

  g_assert_true (accepted == (error == NULL));
  falt_feed_remove_dir (staging, NULL);
  return accepted ? NULL : g_strdup (error->message);
}

static char *
import_folder (Fixture *fixture, FaltStore *store)
{
  g_autoptr (FaltManifest) manifest = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *signature = NULL;
  gboolean accepted;

  manifest = falt_feed_load_dir (fixture->feed, fixture->keyring, &signature, &error);
  accepted = manifest != NULL
             && falt_store_import (store, manifest, signature, fixture->feed, FALT_STORE_IMPORT_NONE, &error);
  g_assert_true (accepted == (error == NULL));
  return accepted ? NULL : g_strdup (error->message);
}

static void
assert_verdict (const Case *test_case, const char *door, const char *message)
{
  g_test_message ("%s: %s", door, message != NULL ? message : "accepted");
  if (test_case->words == NULL && message != NULL)
    g_error ("%s refused %s: %s", door, test_case->name, message);
  if (test_case->words != NULL && message == NULL)
    g_error ("%s accepted %s", door, test_case->name);
  if (message != NULL && strstr (message, test_case->words) == NULL)
    g_error ("%s refused %s for another reason: expected “%s”, got “%s”", door, test_case->name,
             test_case->words, message);
}

/* The store names the document whose kind the blob fails, not merely the first using it. */
static void
assert_names_document (const Case *test_case, const char *message)
{
  g_autofree char *expected = NULL;

  if (test_case->document == NULL)
    return;
  expected = g_strdup_printf ("Document “%s”: ", test_case->document);
  if (!g_str_has_prefix (message, expected))
    g_error ("expected “%s…”, got “%s”", expected, message);
}

static void
test_case (Fixture *fixture, gconstpointer data)
{
  const Case *test_case = data;
  g_autoptr (FaltStore) sync_store = open_fresh_store (fixture, "sync.db");
  g_autoptr (FaltStore) import_store = open_fresh_store (fixture, "import.db");
  gboolean accepted = test_case->words == NULL;
  g_autofree char *cli = NULL;
  g_autofree char *sync = NULL;
  g_autofree char *import = NULL;

  apply (fixture, test_case);
  cli = verify_with_cli (fixture);
  assert_verdict (test_case, "faltstod-publish verify", cli);
  sync = import_through_sync (fixture, sync_store);
  assert_verdict (test_case, "sync", sync);
  assert_names_document (test_case, sync);
  assert_store_holds (sync_store, accepted ? 3 : 0, accepted ? 2 : 0);
  import = import_folder (fixture, import_store);
  assert_verdict (test_case, "import", import);
  assert_names_document (test_case, import);
  assert_store_holds (import_store, accepted ? 3 : 0, accepted ? 2 : 0);
}

static void
bump_version (Mutation *mutation)
{
  json_object_set_int_member (json_node_get_object (mutation->root), "version", 4);
}

static void
article_blob_is_stored_pdf (Mutation *mutation)
{
  bump_version (mutation);
  article_blob_is_pdf (mutation);
}

/* A blob the store already holds, checked for the kind of document that stored it: a newer
 * feed whose article uses it is refused though nothing new is downloaded (a delta update),
 * and the installed content stays. */
static void
test_stored_blob_other_kind (Fixture *fixture, gconstpointer data)
{
  static const Case stored = { "article-blob-is-stored-pdf", article_blob_is_stored_pdf,
                               "used by an article but is not UTF-8 text", "manual" };
  static const Case newer = { "newer", bump_version, NULL, NULL };
  g_autoptr (FaltStore) store = open_fresh_store (fixture, "store.db");
  g_autofree char *pristine = g_build_filename (fixture->dir, "pristine", NULL);
  g_autofree char *first = NULL;
  g_autofree char *sync = NULL;
  g_autofree char *import = NULL;
  g_autofree char *cli = NULL;

  falt_test_copy_tree (fixture->feed, pristine);
  first = import_folder (fixture, store);
  g_assert_null (first);
  assert_store_holds (store, 3, 2);

  apply (fixture, &stored);
  cli = verify_with_cli (fixture);
  assert_verdict (&stored, "faltstod-publish verify", cli);
  sync = import_through_sync (fixture, store);
  assert_verdict (&stored, "sync", sync);
  assert_names_document (&stored, sync);
  assert_store_holds (store, 3, 2);
  import = import_folder (fixture, store);
  assert_verdict (&stored, "import", import);
  assert_names_document (&stored, import);
  assert_store_holds (store, 3, 2);

  /* The same version without the mutation goes in: the refusal was the blob's. */
  falt_test_remove_tree (fixture->feed);
  falt_test_copy_tree (pristine, fixture->feed);
  apply (fixture, &newer);
  g_clear_pointer (&sync, g_free);
  sync = import_through_sync (fixture, store);
  assert_verdict (&newer, "sync", sync);
  assert_store_holds (store, 4, 2);
}

/* The feed installed with the app is read at every start, without a signature: one nested a
 * hundred thousand levels deep must not crash every start (issue 10, item 2). */
static void
test_installed_feed_deep (Fixture *fixture, gconstpointer data)
{
  g_autofree char *deep = nested ("{\"format\": 1, \"sections\": ", 100000, ", \"version\": 7}\n");
  g_autofree char *path = falt_test_write_file (fixture->feed, FALT_FEED_MANIFEST, deep);
  g_autoptr (FaltStore) store = open_fresh_store (fixture, "store.db");
  g_autoptr (GError) error = NULL;

  g_assert_cmpint (falt_feed_peek_version (fixture->feed), ==, 0);
  g_assert_false (falt_store_import_feed (store, fixture->feed, TRUE, &error));
  g_assert_error (error, FALT_FEED_ERROR, FALT_FEED_ERROR_MALFORMED);
  g_assert_nonnull (strstr (error->message, "nests deeper"));
  assert_store_holds (store, 0, 0);
}

/* Publishing refuses, with `file:line`, what no installation could import, and takes the PDFs
 * an installation opens (issue 10, items 2 and 3). */

static char *
copy_valid_source (Fixture *fixture)
{
  g_autofree char *valid = g_test_build_filename (G_TEST_DIST, "data", "publish", "valid", NULL);
  char *source = g_build_filename (fixture->dir, "content", NULL);

  falt_test_copy_tree (valid, source);
  return source;
}

/* Runs `faltstod-publish build`, signed with the test key; returns its exit status. */
static int
publish_build (Fixture *fixture, const char *source, const char *out, char **errors)
{
  g_autofree char *publish = falt_test_publish_path ();
  const char *build[] = { publish, "build", source, out, "--version", "5", "--sign", fixture->secret_path,
                          "--created", CREATED, NULL };
  g_autofree char *stderr_text = NULL;
  int status = falt_test_run (build, NULL, NULL, &stderr_text);

  g_test_message ("faltstod-publish build: %d %s", status, stderr_text);
  g_assert_null (strstr (stderr_text, "CRITICAL"));
  if (errors != NULL)
    *errors = g_steal_pointer (&stderr_text);
  return status;
}

static void
assert_build_refused (Fixture *fixture, const char *source, const char *file, guint line, const char *words)
{
  g_autofree char *out = g_build_filename (fixture->dir, "refused-feed", NULL);
  g_autofree char *expected = g_strdup_printf ("%s/%s:%u: ", source, file, line);
  g_autofree char *errors = NULL;

  g_assert_cmpint (publish_build (fixture, source, out, &errors), ==, 1);
  if (!g_str_has_prefix (errors, expected) || strstr (errors, words) == NULL)
    g_error ("expected “%s… %s…”, got “%s”", expected, words, errors);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
}

static void
run_qpdf (const char *const *arguments)
{
  g_autofree char *qpdf = g_find_program_in_path ("qpdf");

  g_assert_nonnull (qpdf);  /* build-aux/dev installs it */
  g_assert_cmpint (falt_test_run (arguments, NULL, NULL, NULL), ==, 0);
}

static void
test_publish_deep_json (Fixture *fixture, gconstpointer data)
{
  static const char *const files[] = { "sections.json", "contacts.json", "coordinators.json",
                                       "pdfs/broschyr.sv.json" };
  g_autofree char *source = copy_valid_source (fixture);

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *original = g_build_filename (source, files[i], NULL);
      g_autofree char *kept = falt_test_read_file (original);
      g_autofree char *deep = nested ("\n\n", 100000, "\n");

      /* The 33rd bracket, on line 3, is one too deep. */
      g_free (falt_test_write_file (source, files[i], deep));
      assert_build_refused (fixture, source, files[i], 3, "nest deeper than 32 levels");
      g_assert_true (g_file_set_contents (original, kept, -1, NULL));
    }
}

/* Escapes json-glib would turn into a NUL (ending the text there) or into bytes that are not
 * UTF-8: refused where they are, not signed into a feed the app then refuses. */
static void
test_publish_bad_escapes (Fixture *fixture, gconstpointer data)
{
  static const char *const titles[] = { "Manu\\u0000aler", "Manualer \\ud800", "Manualer \\udc00\\ud800" };
  g_autofree char *source = copy_valid_source (fixture);

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autofree char *sections = g_strdup_printf ("[\n  {\"id\": \"manuals\",\n   \"titles\": {\"sv\": \"%s\"}},\n"
                                                   "  {\"id\": \"brochures\", \"titles\": {\"sv\": \"B\"}}\n]\n",
                                                   titles[i]);

      g_free (falt_test_write_file (source, "sections.json", sections));
      assert_build_refused (fixture, source, "sections.json", 3, "half a surrogate pair");
    }
}

static void
test_publish_refuses_unopenable_pdfs (Fixture *fixture, gconstpointer data)
{
  g_autofree char *source = copy_valid_source (fixture);
  g_autofree char *pdf = g_build_filename (source, "pdfs", "broschyr.sv.pdf", NULL);
  g_autofree char *plain = g_build_filename (fixture->dir, "plain.pdf", NULL);
  const char *encrypt[] = { "qpdf", "--encrypt", "U", "O", "256", "--", plain, pdf, NULL };
  const char *fake = "%PDF-1.5\n%\xe2\xe3\xcf\xd3\n1 0 obj\nnothing a reader can use\n%%EOF\n";

  g_assert_cmpint (g_rename (pdf, plain), ==, 0);
  run_qpdf (encrypt);
  assert_build_refused (fixture, source, "pdfs/broschyr.sv.pdf", 1, "locked with a password");

  g_assert_true (g_file_set_contents (pdf, fake, -1, NULL));
  assert_build_refused (fixture, source, "pdfs/broschyr.sv.pdf", 1, "not a PDF that can be opened");
}

/* Whether @needle is in @data, NUL bytes and all (g_strstr_len() stops at the first). */
static gboolean
contains (const char *data, gsize length, const char *needle)
{
  gsize needle_length = strlen (needle);

  for (gsize i = 0; i + needle_length <= length; i++)
    if (memcmp (data + i, needle, needle_length) == 0)
      return TRUE;
  return FALSE;
}

/* Compressed cross-reference and object streams, as many real PDFs have: built, signed and
 * imported, the PDF byte for byte. */
static void
test_publish_takes_object_streams (Fixture *fixture, gconstpointer data)
{
  g_autofree char *source = copy_valid_source (fixture);
  g_autofree char *pdf = g_build_filename (source, "pdfs", "broschyr.sv.pdf", NULL);
  g_autofree char *plain = g_build_filename (fixture->dir, "plain.pdf", NULL);
  g_autofree char *out = g_build_filename (fixture->dir, "streams-feed", NULL);
  g_autofree char *database = g_build_filename (fixture->dir, "store.db", NULL);
  const char *generate[] = { "qpdf", "--object-streams=generate", plain, pdf, NULL };
  g_autoptr (FaltStore) store = NULL;
  g_autoptr (FaltManifest) manifest = NULL;
  g_autoptr (GBytes) stored = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *signature = NULL;
  g_autofree char *bytes = NULL;
  gsize length = 0;

  g_assert_cmpint (g_rename (pdf, plain), ==, 0);
  run_qpdf (generate);
  g_assert_true (g_file_get_contents (pdf, &bytes, &length, NULL));
  g_assert_true (contains (bytes, length, "/ObjStm"));
  g_assert_true (contains (bytes, length, "/XRef"));
  g_assert_false (contains (bytes, length, "\ntrailer"));
  /* The case the old check missed: a NUL byte in the last KiB, before %%EOF. */
  g_assert_nonnull (memchr (bytes + length - MIN (length, 1024), '\0', MIN (length, 1024)));

  g_assert_cmpint (publish_build (fixture, source, out, NULL), ==, 0);
  manifest = falt_feed_load_dir (out, fixture->keyring, &signature, &error);
  g_assert_no_error (error);
  store = falt_store_open (database, &error);
  g_assert_no_error (error);
  g_assert_true (falt_store_import (store, manifest, signature, out, FALT_STORE_IMPORT_NONE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (falt_store_get_content_version (store), ==, 5);
  stored = falt_store_get_pdf (store, "broschyr", "sv", &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (stored, NULL), g_bytes_get_size (stored), bytes, length);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strconcat ("/conformance/", cases[i].name, NULL);

      g_test_add (path, Fixture, &cases[i], fixture_set_up, test_case, fixture_tear_down);
    }
  g_test_add ("/conformance/installed-feed-deep", Fixture, NULL, fixture_set_up, test_installed_feed_deep,
              fixture_tear_down);
  g_test_add ("/publish/deep-json", Fixture, NULL, fixture_set_up, test_publish_deep_json, fixture_tear_down);
  g_test_add ("/publish/bad-escapes", Fixture, NULL, fixture_set_up, test_publish_bad_escapes, fixture_tear_down);
  g_test_add ("/publish/unopenable-pdfs", Fixture, NULL, fixture_set_up, test_publish_refuses_unopenable_pdfs,
              fixture_tear_down);
  g_test_add ("/publish/object-streams", Fixture, NULL, fixture_set_up, test_publish_takes_object_streams,
              fixture_tear_down);
  g_test_add ("/conformance/stored-blob-other-kind", Fixture, NULL, fixture_set_up, test_stored_blob_other_kind,
              fixture_tear_down);

  return g_test_run ();
}
