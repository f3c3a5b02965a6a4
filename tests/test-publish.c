/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "test-publish"

#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "falt-test-files.h"
#include "publish/falt-content-source.h"
#include "publish/falt-feed-writer.h"
#include "feed/falt-feed.h"

#define CREATED "2026-11-23T10:00:00Z"

static char *
valid_source_dir (void)
{
  return g_test_build_filename (G_TEST_DIST, "data", "publish", "valid", NULL);
}

static FaltContentSource *
load_valid_source (void)
{
  g_autofree char *dir = valid_source_dir ();
  g_autoptr (GError) error = NULL;
  FaltContentSource *source = falt_content_source_load (dir, &error);

  g_assert_no_error (error);
  return source;
}

static JsonObject *
get_document (JsonObject *manifest, guint index)
{
  return json_array_get_object_element (json_object_get_array_member (manifest, "documents"), index);
}

static void
test_build_manifest (void)
{
  g_autoptr (FaltContentSource) source = load_valid_source ();
  g_autoptr (GDateTime) created = g_date_time_new_from_iso8601 (CREATED, NULL);
  const char *const mirrors[] = { "https://mirror.example.invalid/feed/", NULL };
  FaltFeedBuildOptions options = { .version = 9, .created = created, .expires_days = 365,
                                   .mirrors = mirrors, .source_label = "tests" };
  g_autoptr (JsonNode) root = falt_feed_writer_build_manifest (source, &options);
  JsonObject *manifest = json_node_get_object (root);
  JsonObject *pdf = get_document (manifest, 0);
  JsonObject *article = get_document (manifest, 1);
  JsonArray *translations = json_object_get_array_member (article, "translations");
  JsonArray *tags = json_object_get_array_member (article, "tags");
  FaltContentItem *first_item = g_ptr_array_index (falt_content_source_get_items (source), 1);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (FaltManifest) model = NULL;

  /* What the writer builds, the app's validator accepts. */
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  bytes = g_bytes_new (text, strlen (text));
  model = falt_manifest_new_from_bytes (bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpint (falt_manifest_get_version (model), ==, 9);
  g_assert_cmpint (json_object_get_int_member (manifest, "format"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (manifest, "created"), ==, CREATED);
  g_assert_cmpstr (json_object_get_string_member (manifest, "expires"), ==, "2027-11-23T10:00:00Z");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (manifest, "mirrors")), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (manifest, "contacts")), ==, 2);

  /* Documents by id; one document, two languages, Swedish first. */
  g_assert_cmpstr (json_object_get_string_member (pdf, "id"), ==, "broschyr");
  g_assert_cmpstr (json_object_get_string_member (pdf, "kind"), ==, "pdf");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                     json_object_get_array_member (pdf, "translations"), 0), "media_type"),
                   ==, "application/pdf");
  g_assert_cmpstr (json_object_get_string_member (article, "id"), ==, "manual");
  g_assert_cmpuint (json_array_get_length (translations), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (translations, 0), "lang"), ==, "sv");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (translations, 1), "title"),
                   ==, "Manual for suspected trafficking");
  g_assert_false (json_object_has_member (json_array_get_object_element (translations, 1), "summary"));
  g_assert_cmpuint (json_array_get_length (tags), ==, 3);
  g_assert_cmpstr (json_array_get_string_element (tags, 2), ==, "identification");

  /* The article's blob is its body only. */
  g_assert_cmpstr (first_item->id, ==, "manual");
  g_assert_cmpmem (g_bytes_get_data (first_item->body, NULL), 9, "# Manual\n", 9);
}

static char *
write_feed (const char *out, gint64 version)
{
  g_autoptr (FaltContentSource) source = load_valid_source ();
  g_autoptr (GDateTime) created = g_date_time_new_from_iso8601 (CREATED, NULL);
  FaltFeedBuildOptions options = { .version = version, .created = created, .source_label = "tests" };
  g_autofree char *manifest = g_build_filename (out, FALT_FEED_MANIFEST, NULL);
  g_autoptr (GError) error = NULL;

  g_assert_true (falt_feed_writer_write (source, &options, out, &error));
  g_assert_no_error (error);
  return falt_test_read_file (manifest);
}

static void
test_build_is_deterministic (void)
{
  g_autofree char *dir = falt_test_make_tmp_dir ();
  g_autofree char *first_dir = g_build_filename (dir, "first", NULL);
  g_autofree char *second_dir = g_build_filename (dir, "second", NULL);
  g_autofree char *first = write_feed (first_dir, 4);
  g_autofree char *second = write_feed (second_dir, 4);
  g_autofree char *stale = falt_test_write_file (first_dir, "blobs/" "0123456789abcdef0123456789abcdef"
                                                 "0123456789abcdef0123456789abcdef", "old");
  g_autofree char *again = write_feed (first_dir, 4);
  g_autoptr (GError) error = NULL;

  g_assert_cmpstr (first, ==, second);
  g_assert_cmpstr (first, ==, again);
  /* A rebuild into the same folder drops blobs no longer used. */
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  {
    g_autoptr (FaltManifest) manifest = falt_feed_load_dir (first_dir, NULL, NULL, &error);

    g_assert_no_error (error);
    g_assert_true (falt_feed_check_blobs (first_dir, manifest, &error));
    g_assert_no_error (error);
  }
  falt_test_remove_tree (dir);
}

typedef struct
{
  const char *file;      /* relative to the source */
  const char *contents;  /* NULL: delete the file */
  const char *location;  /* the expected "file:line:" */
  const char *words;     /* part of the expected message */
  gsize       length;    /* of contents, when it holds NUL bytes */
} BrokenSource;

#define ARTICLE_HEAD "---\nid: manual\ntitle: Manual\nsection: manuals\nlang: sv\nupdated: 2026-10-01\n---\n"

static const BrokenSource broken_sources[] = {
  { "articles/manual.sv.md", "---\nid: manual\ntitle Manual\n---\nText\n", "articles/manual.sv.md:3:", "key: value" },
  { "articles/manual.sv.md", "---\nid: manual\ntitle: Manual\nsection: nowhere\nlang: sv\nupdated: 2026-10-01\n---\nText\n",
    "articles/manual.sv.md:4:", "unknown section" },
  { "articles/manual.sv.md", "---\nid: other\ntitle: Manual\nsection: manuals\nlang: sv\nupdated: 2026-10-01\n---\nText\n",
    "articles/manual.sv.md:2:", "does not match the file name" },
  { "articles/manual.sv.md", "---\nid: manual\ntitle: Manual\nsection: manuals\nlang: en\nupdated: 2026-10-01\n---\nText\n",
    "articles/manual.sv.md:5:", "does not match the file name" },
  { "articles/manual.sv.md", "---\nid: manual\ntitle: Manual\nsection: manuals\nlang: sv\n\nupdated: 2026-02-30\n---\nText\n",
    "articles/manual.sv.md:7:", "not a date" },
  { "articles/manual.sv.md", "---\nid: manual\nsection: manuals\nlang: sv\nupdated: 2026-10-01\n---\nText\n",
    "articles/manual.sv.md:1:", "“title”" },
  { "articles/manual.sv.md", "---\nid: manual\ntitle: Manual\nsection: manuals\nlang: sv\nupdated: 2026-10-01\n",
    "articles/manual.sv.md:7:", "closing" },
  { "articles/manual.sv.md", "# No front matter\n", "articles/manual.sv.md:1:", "“---”" },
  { "articles/manual.sv.md", "---\nid: manual\ntitle: Manual\nsection: manuals\nlang: sv\nupdated: 2026-10-01\nauthor: x\n---\nText\n",
    "articles/manual.sv.md:7:", "unknown key" },
  { "articles/manual.sv.md", "---\nid: manual\ntitle: Manual\nsection: brochures\nlang: sv\nupdated: 2026-10-01\n---\nText\n",
    "articles/manual.en.md:4:", "differs" },
  { "articles/manual.fr.md", NULL, "articles/manual.fr.md:1:", "<id>.<lang>.md" },
  { "sections.json", "[\n  {\"id\": \"manuals\",\n   \"titles\": }\n]\n", "sections.json:3:", "invalid JSON at column" },
  { "sections.json", "[\n  {\"id\": \"manuals\",\n   \"titles\": {\"en\": \"Manuals\"}}\n]\n", "sections.json:3:", "“titles”" },
  { "contacts.json", "[\n {\"id\": \"x\", \"number\": \"112\",\n  \"names\": {\"sv\": \"Larm\"},\n  \"hours\": \"weekdays\"}\n]\n",
    "contacts.json:4:", "“hours”" },
  { "coordinators.json", "{}", "coordinators.json:1:", "list" },
  { "pdfs/broschyr.sv.json", "{\n  \"id\": \"broschyr\",\n  \"section\": \"brochures\",\n  \"lang\": \"sv\",\n"
    "  \"updated\": \"2026-10-01\"\n}\n", "pdfs/broschyr.sv.json:2:", "“title” is missing" },
  { "pdfs/broschyr.sv.json", NULL, "pdfs/broschyr.sv.pdf:1:", "without its metadata" },
  { "pdfs/extra.en.json", "{}", "pdfs/extra.en.json:1:", "without its PDF" },
  { "pdfs/broschyr.sv.pdf", "not a PDF at all", "pdfs/broschyr.sv.pdf:1:", "not a PDF that can be opened" },
  /* A NUL byte used to end the article there, dropping the rest unnoticed. */
  { "articles/manual.sv.md", ARTICLE_HEAD "\nFirst line.\nSecond\0 line, and more.\nThird line.\n",
    "articles/manual.sv.md:10:", "NUL byte", sizeof ARTICLE_HEAD "\nFirst line.\nSecond\0 line, and more.\nThird line.\n" - 1 },
};

static void
check_broken_source (const BrokenSource *broken, char **message)
{
  g_autofree char *valid = valid_source_dir ();
  g_autofree char *dir = falt_test_make_tmp_dir ();
  g_autofree char *source_dir = g_build_filename (dir, "content", NULL);
  g_autofree char *path = g_build_filename (source_dir, broken->file, NULL);
  g_autofree char *expected = g_strconcat (source_dir, "/", broken->location, " ", NULL);
  g_autoptr (FaltContentSource) source = NULL;
  g_autoptr (GError) error = NULL;

  falt_test_copy_tree (valid, source_dir);
  if (broken->length > 0)
    {
      g_file_set_contents (path, broken->contents, broken->length, &error);
      g_assert_no_error (error);
    }
  else if (broken->contents != NULL)
    g_free (falt_test_write_file (source_dir, broken->file, broken->contents));
  else if (g_file_test (path, G_FILE_TEST_EXISTS))
    g_assert_cmpint (g_remove (path), ==, 0);
  else
    g_free (falt_test_write_file (source_dir, broken->file, "---\n"));

  source = falt_content_source_load (source_dir, &error);
  g_assert_null (source);
  g_assert_error (error, FALT_PUBLISH_ERROR, FALT_PUBLISH_ERROR_SOURCE);
  g_test_message ("%s", error->message);
  if (!g_str_has_prefix (error->message, expected) || strstr (error->message, broken->words) == NULL)
    g_error ("expected “%s… %s…”, got “%s”", expected, broken->words, error->message);
  if (message != NULL)
    *message = g_strdup (error->message + strlen (source_dir) + 1);
  falt_test_remove_tree (dir);
}

/* A FIFO, a link to /dev/zero or a folder in place of a source file, or a
 * file past the size cap: refused, without blocking or reading forever. */
static void
test_special_source_files (void)
{
  static const struct
  {
    const char *file;
    char        kind;  /* 'p' FIFO, 'l' link to /dev/zero, 'd' folder, 'b' too big */
    const char *words;
  } cases[] = {
    { "articles/manual.sv.md", 'p', "not a regular file" },
    { "articles/manual.sv.md", 'l', "not a regular file" },
    { "articles/manual.sv.md", 'd', "not a regular file" },
    { "articles/manual.sv.md", 'b', "too large" },
    { "sections.json", 'p', "not a regular file" },
    { "coordinators.json", 'l', "not a regular file" },
    { "pdfs/broschyr.sv.pdf", 'p', "not a regular file" },
    { "pdfs/broschyr.sv.pdf", 'l', "not a regular file" },
  };
  g_autofree char *valid = valid_source_dir ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *dir = falt_test_make_tmp_dir ();
      g_autofree char *source_dir = g_build_filename (dir, "content", NULL);
      g_autofree char *path = g_build_filename (source_dir, cases[i].file, NULL);
      g_autoptr (FaltContentSource) source = NULL;
      g_autoptr (GError) error = NULL;

      falt_test_copy_tree (valid, source_dir);
      g_assert_cmpint (g_remove (path), ==, 0);
      if (cases[i].kind == 'p')
        g_assert_cmpint (mkfifo (path, 0600), ==, 0);
      else if (cases[i].kind == 'l')
        g_assert_cmpint (symlink ("/dev/zero", path), ==, 0);
      else if (cases[i].kind == 'd')
        g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
      else
        {
          /* Sparse: big on paper, nothing on disk. */
          int fd = g_open (path, O_WRONLY | O_CREAT, 0600);

          g_assert_cmpint (fd, >=, 0);
          g_assert_cmpint (ftruncate (fd, (off_t) 64 * 1024 * 1024), ==, 0);
          close (fd);
        }

      source = falt_content_source_load (source_dir, &error);
      g_assert_null (source);
      g_assert_nonnull (error);
      g_test_message ("%s", error->message);
      if (strstr (error->message, cases[i].words) == NULL || strstr (error->message, cases[i].file) == NULL)
        g_error ("%s (%c): expected “%s”, got “%s”", cases[i].file, cases[i].kind, cases[i].words, error->message);
      g_remove (path);
      falt_test_remove_tree (dir);
    }
}

static void
test_broken_sources (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (broken_sources); i++)
    check_broken_source (&broken_sources[i], NULL);
}

/* The command, as editors and the build run it. */

typedef struct
{
  char *dir;
  char *publish;
} Cli;

static void
cli_set_up (Cli *cli, gconstpointer data)
{
  cli->dir = falt_test_make_tmp_dir ();
  cli->publish = falt_test_publish_path ();
}

static void
cli_tear_down (Cli *cli, gconstpointer data)
{
  falt_test_remove_tree (cli->dir);
  g_free (cli->dir);
  g_free (cli->publish);
}

static char *
cli_path (Cli *cli, const char *name)
{
  return g_build_filename (cli->dir, name, NULL);
}

static void
test_cli_signed_feed_verifies_with_minisign (Cli *cli, gconstpointer data)
{
  g_autofree char *source = valid_source_dir ();
  g_autofree char *public_key = cli_path (cli, "feed.pub");
  g_autofree char *secret_key = cli_path (cli, "feed.key");
  g_autofree char *feed = cli_path (cli, "feed");
  g_autofree char *bundle = cli_path (cli, "feed.faltstod");
  g_autofree char *depfile = cli_path (cli, "feed.d");
  g_autofree char *manifest = g_build_filename (feed, FALT_FEED_MANIFEST, NULL);
  g_autofree char *output = NULL;
  g_autofree char *dependencies = NULL;
  const char *keygen[] = { cli->publish, "keygen", public_key, secret_key, NULL };
  const char *build[] = { cli->publish, "build", source, feed, "--version", "12", "--sign", secret_key,
                          "--created", CREATED, "--depfile", depfile, NULL };
  const char *minisign[] = { "minisign", "-V", "-p", public_key, "-m", manifest, NULL };
  const char *make_bundle[] = { cli->publish, "bundle", feed, bundle, NULL };
  const char *verify_bundle[] = { cli->publish, "verify", bundle, "--public-key", public_key, NULL };

  g_assert_cmpint (falt_test_run (keygen, NULL, NULL, NULL), ==, 0);
  g_assert_cmpint (falt_test_run (build, NULL, NULL, NULL), ==, 0);
  g_assert_cmpint (falt_test_run (minisign, NULL, &output, NULL), ==, 0);
  g_assert_nonnull (strstr (output, "Trusted comment: faltstod feed version 12 created " CREATED));

  dependencies = falt_test_read_file (depfile);
  g_assert_true (g_str_has_prefix (dependencies, feed));
  g_assert_nonnull (strstr (dependencies, "articles/manual.sv.md"));
  g_assert_nonnull (strstr (dependencies, "pdfs/broschyr.sv.pdf"));

  g_assert_cmpint (falt_test_run (make_bundle, NULL, NULL, NULL), ==, 0);
  g_clear_pointer (&output, g_free);
  g_assert_cmpint (falt_test_run (verify_bundle, NULL, &output, NULL), ==, 0);
  g_assert_nonnull (strstr (output, "version 12"));
}

static void
test_cli_password_protected_key (Cli *cli, gconstpointer data)
{
  g_autofree char *source = valid_source_dir ();
  g_autofree char *public_key = cli_path (cli, "locked.pub");
  g_autofree char *secret_key = cli_path (cli, "locked.key");
  g_autofree char *password_file = falt_test_write_file (cli->dir, "password", "hemligt\n");
  g_autofree char *wrong_file = falt_test_write_file (cli->dir, "wrong", "fel\n");
  g_autofree char *feed = cli_path (cli, "feed");
  g_autofree char *errors = NULL;
  const char *build[] = { cli->publish, "build", source, feed, "--version", "2", "--sign", secret_key,
                          "--password-file", password_file, NULL };
  const char *build_wrong[] = { cli->publish, "build", source, feed, "--version", "2", "--sign", secret_key,
                                "--password-file", wrong_file, NULL };
  const char *verify[] = { cli->publish, "verify", feed, "--public-key", public_key, NULL };
  g_autoptr (GError) error = NULL;

  /* Low scrypt limits keep the test quick; minisign's own are used by keygen --password. */
  g_assert_true (falt_minisign_generate_encrypted (public_key, secret_key, "hemligt", 524288, 16777216, &error));
  g_assert_no_error (error);
  g_assert_cmpint (falt_test_run (build_wrong, NULL, NULL, &errors), ==, 1);
  g_assert_nonnull (strstr (errors, "Wrong password"));
  g_assert_cmpint (falt_test_run (build, NULL, NULL, NULL), ==, 0);
  g_assert_cmpint (falt_test_run (verify, NULL, NULL, NULL), ==, 0);
}

static void
test_cli_broken_source_fails (Cli *cli, gconstpointer data)
{
  g_autofree char *valid = valid_source_dir ();
  g_autofree char *source = cli_path (cli, "content");
  g_autofree char *feed = cli_path (cli, "feed");
  g_autofree char *expected = g_strconcat (source, "/articles/manual.en.md:3: ", NULL);
  g_autofree char *errors = NULL;
  const char *build[] = { cli->publish, "build", source, feed, "--version", "1", NULL };
  const char *no_version[] = { cli->publish, "build", valid, feed, NULL };
  const char *nothing[] = { cli->publish, NULL };

  falt_test_copy_tree (valid, source);
  g_free (falt_test_write_file (source, "articles/manual.en.md", "---\nid: manual\ntitle\n---\n"));
  g_assert_cmpint (falt_test_run (build, NULL, NULL, &errors), ==, 1);
  g_assert_true (g_str_has_prefix (errors, expected));
  g_assert_false (g_file_test (feed, G_FILE_TEST_EXISTS));

  g_assert_cmpint (falt_test_run (no_version, NULL, NULL, NULL), ==, 2);
  g_assert_cmpint (falt_test_run (nothing, NULL, NULL, NULL), ==, 2);
}

/* Times the manifest cannot hold, or that are not times at all, are usage
 * errors with a message: never a critical, a feed that never expires
 * ("expires": null) or one dated 1970. */
static void
test_cli_bad_dates (Cli *cli, gconstpointer data)
{
  static const struct
  {
    const char *source_date_epoch;  /* NULL: unset */
    const char *option;
    const char *value;
    const char *words;
  } cases[] = {
    { NULL, "--expires-days", "3000000", "--expires-days 3000000" },
    { NULL, "--created", "9999-12-31T23:00:00Z", "year 9999" },
    { "abc", NULL, NULL, "SOURCE_DATE_EPOCH" },
    { "99999999999999", NULL, NULL, "SOURCE_DATE_EPOCH" },
    { "-1", NULL, NULL, "SOURCE_DATE_EPOCH" },
    { "", NULL, NULL, "SOURCE_DATE_EPOCH" },
  };
  g_autofree char *source = valid_source_dir ();
  g_autofree char *feed = cli_path (cli, "feed");
  g_autofree char *manifest_path = g_build_filename (feed, FALT_FEED_MANIFEST, NULL);
  g_autofree char *manifest = NULL;
  const char *good[] = { cli->publish, "build", source, feed, "--version", "1", "--expires-days", "365", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *build[] = { cli->publish, "build", source, feed, "--version", "1", "--expires-days", "1",
                              cases[i].option, cases[i].value, NULL };
      g_autofree char *errors = NULL;

      if (cases[i].source_date_epoch != NULL)
        g_setenv ("SOURCE_DATE_EPOCH", cases[i].source_date_epoch, TRUE);
      g_assert_cmpint (falt_test_run (build, NULL, NULL, &errors), ==, 2);
      g_unsetenv ("SOURCE_DATE_EPOCH");
      g_test_message ("%s", errors);
      g_assert_nonnull (strstr (errors, cases[i].words));
      g_assert_null (strstr (errors, "CRITICAL"));
      g_assert_false (g_file_test (feed, G_FILE_TEST_EXISTS));
    }

  g_setenv ("SOURCE_DATE_EPOCH", "1700000000", TRUE);
  g_assert_cmpint (falt_test_run (good, NULL, NULL, NULL), ==, 0);
  g_unsetenv ("SOURCE_DATE_EPOCH");
  manifest = falt_test_read_file (manifest_path);
  g_assert_nonnull (strstr (manifest, "\"created\" : \"2023-11-14T22:13:20Z\""));
  g_assert_nonnull (strstr (manifest, "\"expires\" : \"2024-11-13T22:13:20Z\""));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/publish/manifest", test_build_manifest);
  g_test_add_func ("/publish/deterministic", test_build_is_deterministic);
  g_test_add_func ("/publish/broken-sources", test_broken_sources);
  g_test_add_func ("/publish/special-source-files", test_special_source_files);
#define ADD(path, func) g_test_add (path, Cli, NULL, cli_set_up, func, cli_tear_down)
  ADD ("/publish/cli/bad-dates", test_cli_bad_dates);
  ADD ("/publish/cli/minisign-verifies", test_cli_signed_feed_verifies_with_minisign);
  ADD ("/publish/cli/password", test_cli_password_protected_key);
  ADD ("/publish/cli/broken-source", test_cli_broken_source_fails);
#undef ADD

  return g_test_run ();
}
