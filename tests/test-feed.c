/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sys/stat.h>
#include <unistd.h>

#define G_LOG_DOMAIN "test-sync"

#include <string.h>
#include <archive.h>
#include <archive_entry.h>
#include <glib/gstdio.h>

#include "falt-test-files.h"
#include "publish/falt-content-source.h"
#include "publish/falt-feed-writer.h"
#include "feed/falt-feed.h"
#include "feed/falt-minisign.h"
#include "feed/falt-keyring.h"
#include "feed/falt-sha256.h"

/* scrypt limits low enough for a quick test; minisign reads them from the key file. */
#define TEST_OPSLIMIT 524288
#define TEST_MEMLIMIT 16777216

typedef struct
{
  char *dir;
  char *public_path;
  char *secret_path;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  fixture->dir = falt_test_make_tmp_dir ();
  fixture->public_path = g_build_filename (fixture->dir, "test.pub", NULL);
  fixture->secret_path = g_build_filename (fixture->dir, "test.key", NULL);
  g_assert_true (falt_minisign_generate (fixture->public_path, fixture->secret_path, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  falt_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->public_path);
  g_free (fixture->secret_path);
}

static FaltMinisignPublicKey *
load_public (const char *path)
{
  g_autoptr (GError) error = NULL;
  FaltMinisignPublicKey *key = falt_minisign_public_key_load (path, &error);

  g_assert_no_error (error);
  return key;
}

static FaltMinisignSecretKey *
load_secret (const char *path, const char *password)
{
  g_autoptr (GError) error = NULL;
  FaltMinisignSecretKey *key = falt_minisign_secret_key_load (path, password, &error);

  g_assert_no_error (error);
  return key;
}

static char *
sign_text (FaltMinisignSecretKey *key, const char *text, const char *comment)
{
  g_autoptr (GBytes) data = g_bytes_new_static (text, strlen (text));
  g_autoptr (GError) error = NULL;
  char *signature = falt_minisign_sign (key, data, comment, &error);

  g_assert_no_error (error);
  return signature;
}

static void
assert_verify_fails (FaltMinisignPublicKey *key, const char *text, const char *signature, int code)
{
  g_autoptr (GBytes) data = g_bytes_new_static (text, strlen (text));
  g_autoptr (GError) error = NULL;

  g_assert_false (falt_minisign_verify (key, data, signature, NULL, &error));
  g_assert_error (error, FALT_MINISIGN_ERROR, code);
}

static void
assert_verifies (FaltMinisignPublicKey *key, const char *text, const char *signature,
                 const char *expected_comment)
{
  g_autoptr (GBytes) data = g_bytes_new_static (text, strlen (text));
  g_autoptr (GError) error = NULL;
  g_autofree char *comment = NULL;
  gboolean verified = falt_minisign_verify (key, data, signature, &comment, &error);

  g_assert_no_error (error);
  g_assert_true (verified);
  g_assert_cmpstr (comment, ==, expected_comment);
}

static void
test_minisign_round_trip (Fixture *fixture, gconstpointer data)
{
  g_autoptr (FaltMinisignPublicKey) public_key = load_public (fixture->public_path);
  g_autoptr (FaltMinisignSecretKey) secret_key = load_secret (fixture->secret_path, NULL);
  g_autofree char *signature = sign_text (secret_key, "manifest", "version 7");
  g_autofree char *base64 = falt_minisign_public_key_to_base64 (public_key);
  g_autoptr (FaltMinisignPublicKey) from_line = falt_minisign_public_key_new_from_string (base64, NULL);
  g_autoptr (GString) other_comment = g_string_new (signature);
  g_autofree char *public_id = falt_minisign_public_key_get_id (public_key);
  g_autofree char *secret_id = falt_minisign_secret_key_get_id (secret_key);

  g_assert_cmpstr (public_id, ==, secret_id);
  g_assert_true (g_str_has_prefix (strchr (signature, '\n') + 1, "RU")); /* "ED": prehashed */
  assert_verifies (public_key, "manifest", signature, "version 7");
  g_assert_nonnull (from_line);
  assert_verifies (from_line, "manifest", signature, "version 7");

  assert_verify_fails (public_key, "manifesT", signature, FALT_MINISIGN_ERROR_BAD_SIGNATURE);
  g_string_replace (other_comment, "version 7", "version 8", 1);
  assert_verify_fails (public_key, "manifest", other_comment->str, FALT_MINISIGN_ERROR_BAD_SIGNATURE);
  assert_verify_fails (public_key, "manifest", "not a signature\n", FALT_MINISIGN_ERROR_FORMAT);
}

static void
test_minisign_wrong_key (Fixture *fixture, gconstpointer data)
{
  g_autofree char *other_public = g_build_filename (fixture->dir, "other.pub", NULL);
  g_autofree char *other_secret = g_build_filename (fixture->dir, "other.key", NULL);
  g_autoptr (FaltMinisignSecretKey) secret_key = load_secret (fixture->secret_path, NULL);
  g_autoptr (FaltMinisignPublicKey) other_key = NULL;
  g_autofree char *signature = sign_text (secret_key, "manifest", NULL);
  g_autoptr (GBytes) bytes = g_bytes_new_static ("manifest", 8);
  g_autoptr (GError) error = NULL;

  g_assert_true (falt_minisign_generate (other_public, other_secret, NULL));
  /* Never overwrite a key. */
  g_assert_false (falt_minisign_generate (other_public, other_secret, &error));
  g_assert_error (error, FALT_MINISIGN_ERROR, FALT_MINISIGN_ERROR_IO);
  g_clear_error (&error);

  other_key = load_public (other_public);
  g_assert_false (falt_minisign_verify (other_key, bytes, signature, NULL, &error));
  g_assert_error (error, FALT_MINISIGN_ERROR, FALT_MINISIGN_ERROR_WRONG_KEY);
  g_assert_nonnull (strstr (error->message, "different key"));
}

static void
test_minisign_encrypted_key (Fixture *fixture, gconstpointer data)
{
  g_autofree char *public_path = g_build_filename (fixture->dir, "locked.pub", NULL);
  g_autofree char *secret_path = g_build_filename (fixture->dir, "locked.key", NULL);
  g_autofree char *file = falt_test_write_file (fixture->dir, "data.txt", "hej\n");
  g_autofree char *sig_path = g_build_filename (fixture->dir, "data.txt.minisig", NULL);
  g_autofree char *minisig = NULL;
  g_autoptr (FaltMinisignSecretKey) secret_key = NULL;
  g_autoptr (FaltMinisignPublicKey) public_key = NULL;
  g_autoptr (GError) error = NULL;
  const char *sign[] = { "minisign", "-S", "-s", secret_path, "-m", file, "-t", "from minisign", NULL };

  g_assert_true (falt_minisign_generate_encrypted (public_path, secret_path, "rätt lösen", TEST_OPSLIMIT,
                                                   TEST_MEMLIMIT, &error));
  g_assert_no_error (error);
  public_key = load_public (public_path);

  g_assert_null (falt_minisign_secret_key_load (secret_path, NULL, &error));
  g_assert_error (error, FALT_MINISIGN_ERROR, FALT_MINISIGN_ERROR_PASSWORD);
  g_clear_error (&error);
  g_assert_null (falt_minisign_secret_key_load (secret_path, "fel", &error));
  g_assert_error (error, FALT_MINISIGN_ERROR, FALT_MINISIGN_ERROR_PASSWORD);
  g_assert_true (falt_minisign_secret_key_is_encrypted_file (secret_path, NULL));

  secret_key = load_secret (secret_path, "rätt lösen");
  minisig = sign_text (secret_key, "hej\n", "ours");
  assert_verifies (public_key, "hej\n", minisig, "ours");

  /* The real minisign takes our encrypted key, reading the password on stdin. */
  g_assert_cmpint (falt_test_run (sign, "rätt lösen\n", NULL, NULL), ==, 0);
  g_clear_pointer (&minisig, g_free);
  minisig = falt_test_read_file (sig_path);
  assert_verifies (public_key, "hej\n", minisig, "from minisign");
}

/* Slow (minisign's default scrypt limits: about 1 GiB and seconds), but it is the real thing. */
static void
test_minisign_reads_minisign_encrypted_key (Fixture *fixture, gconstpointer data)
{
  g_autofree char *public_path = g_build_filename (fixture->dir, "ms.pub", NULL);
  g_autofree char *secret_path = g_build_filename (fixture->dir, "ms.key", NULL);
  g_autofree char *file = falt_test_write_file (fixture->dir, "data.txt", "data\n");
  g_autofree char *sig_path = g_build_filename (fixture->dir, "data.txt.minisig", NULL);
  g_autoptr (FaltMinisignSecretKey) secret_key = NULL;
  g_autofree char *minisig = NULL;
  const char *generate[] = { "minisign", "-G", "-p", public_path, "-s", secret_path, NULL };
  const char *verify[] = { "minisign", "-V", "-p", public_path, "-m", file, NULL };

  g_assert_cmpint (falt_test_run (generate, "geheimnis\ngeheimnis\n", NULL, NULL), ==, 0);
  g_assert_true (falt_minisign_secret_key_is_encrypted_file (secret_path, NULL));
  secret_key = load_secret (secret_path, "geheimnis");
  minisig = sign_text (secret_key, "data\n", "signed by faltstod");
  g_assert_true (g_file_set_contents (sig_path, minisig, -1, NULL));
  g_assert_cmpint (falt_test_run (verify, NULL, NULL, NULL), ==, 0);
}

static void
test_minisign_interoperates (Fixture *fixture, gconstpointer data)
{
  g_autofree char *public_path = g_build_filename (fixture->dir, "ms.pub", NULL);
  g_autofree char *secret_path = g_build_filename (fixture->dir, "ms.key", NULL);
  g_autofree char *file = falt_test_write_file (fixture->dir, "manifest.json", "{\"format\": 1}\n");
  g_autofree char *sig_path = g_build_filename (fixture->dir, "manifest.json.minisig", NULL);
  g_autoptr (FaltMinisignPublicKey) public_key = NULL;
  g_autoptr (FaltMinisignSecretKey) secret_key = NULL;
  g_autoptr (FaltMinisignSecretKey) our_key = load_secret (fixture->secret_path, NULL);
  g_autofree char *minisig = NULL;
  g_autofree char *output = NULL;
  const char *generate[] = { "minisign", "-G", "-W", "-p", public_path, "-s", secret_path, NULL };
  const char *sign[] = { "minisign", "-S", "-s", secret_path, "-m", file, "-t", "hashed", NULL };
  const char *sign_legacy[] = { "minisign", "-S", "-l", "-s", secret_path, "-m", file, "-t", "legacy", NULL };
  const char *verify[] = { "minisign", "-V", "-p", public_path, "-m", file, NULL };
  const char *sign_ours[] = { "minisign", "-S", "-s", fixture->secret_path, "-m", file, "-t", "our key", NULL };

  g_assert_cmpint (falt_test_run (generate, NULL, NULL, NULL), ==, 0);
  public_key = load_public (public_path);

  /* minisign -S (prehashed "ED" and legacy "Ed") verifies in our code. */
  g_assert_cmpint (falt_test_run (sign, NULL, NULL, NULL), ==, 0);
  minisig = falt_test_read_file (sig_path);
  assert_verifies (public_key, "{\"format\": 1}\n", minisig, "hashed");
  assert_verify_fails (public_key, "{\"format\": 2}\n", minisig, FALT_MINISIGN_ERROR_BAD_SIGNATURE);
  g_clear_pointer (&minisig, g_free);
  g_assert_cmpint (falt_test_run (sign_legacy, NULL, NULL, NULL), ==, 0);
  minisig = falt_test_read_file (sig_path);
  g_assert_true (g_str_has_prefix (strchr (minisig, '\n') + 1, "RW")); /* "Ed" */
  assert_verifies (public_key, "{\"format\": 1}\n", minisig, "legacy");
  g_clear_pointer (&minisig, g_free);

  /* A minisign -W key signs in our code, and minisign -V accepts it. */
  secret_key = load_secret (secret_path, NULL);
  minisig = sign_text (secret_key, "{\"format\": 1}\n", "from faltstod");
  g_assert_true (g_file_set_contents (sig_path, minisig, -1, NULL));
  g_assert_cmpint (falt_test_run (verify, NULL, &output, NULL), ==, 0);
  g_assert_nonnull (strstr (output, "from faltstod"));

  /* Our unencrypted key works in minisign -S. */
  g_assert_cmpint (falt_test_run (sign_ours, NULL, NULL, NULL), ==, 0);
  g_clear_pointer (&minisig, g_free);
  minisig = falt_test_read_file (sig_path);
  g_clear_pointer (&public_key, falt_minisign_public_key_unref);
  public_key = load_public (fixture->public_path);
  assert_verifies (public_key, "{\"format\": 1}\n", minisig, "our key");
}

/* Feeds */

static char *
build_feed (Fixture *fixture, const char *name, const char *created, guint expires_days)
{
  g_autofree char *source_dir = g_test_build_filename (G_TEST_DIST, "data", "publish", "valid", NULL);
  g_autoptr (FaltContentSource) source = NULL;
  g_autoptr (FaltMinisignSecretKey) key = load_secret (fixture->secret_path, NULL);
  g_autoptr (GDateTime) created_time = g_date_time_new_from_iso8601 (created, NULL);
  g_autoptr (GError) error = NULL;
  char *out = g_build_filename (fixture->dir, name, NULL);
  FaltFeedBuildOptions options = { .version = 3, .created = created_time, .expires_days = expires_days,
                                   .source_label = "tests", .key = key };

  source = falt_content_source_load (source_dir, &error);
  g_assert_no_error (error);
  g_assert_true (falt_feed_writer_write (source, &options, out, &error));
  g_assert_no_error (error);
  return out;
}

/* A feed folder checked as the app checks one: signature, manifest, expiry, every blob. */
static FaltManifest *
verify_dir (const char *feed, FaltMinisignPublicKey *key, GError **error)
{
  g_autoptr (FaltKeyring) keyring = falt_keyring_new ();
  g_autoptr (FaltManifest) manifest = NULL;

  if (key != NULL)
    falt_keyring_add_key (keyring, key);
  manifest = falt_feed_load_dir (feed, key != NULL ? keyring : NULL, NULL, error);
  if (manifest == NULL || !falt_feed_check_blobs (feed, manifest, error))
    return NULL;
  return g_steal_pointer (&manifest);
}

/* A bundle checked as the app checks one: the signed manifest first, then each blob. */
static char *
unpack_bundle (const char *bundle, FaltMinisignPublicKey *key, GError **error)
{
  g_autoptr (FaltKeyring) keyring = falt_keyring_new ();
  g_autoptr (FaltManifest) manifest = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-bundle-XXXXXX", NULL);
  g_autofree char *blobs = g_build_filename (dir, FALT_FEED_BLOBS, NULL);

  falt_keyring_add_key (keyring, key);
  manifest = falt_feed_read_bundle_manifest (bundle, keyring, NULL, error);
  if (manifest == NULL || !falt_feed_extract_bundle_blobs (bundle, manifest, NULL, blobs, NULL, error))
    {
      falt_feed_remove_dir (dir, NULL);
      return NULL;
    }
  return g_steal_pointer (&dir);
}

static void
assert_feed_refused (const char *feed, FaltMinisignPublicKey *key, int code)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (FaltManifest) manifest = verify_dir (feed, key, &error);

  g_assert_error (error, FALT_FEED_ERROR, code);
  g_assert_null (manifest);
  g_test_message ("refused as expected: %s", error->message);
}

static char *
first_blob_path (const char *feed)
{
  g_autofree char *blobs = g_build_filename (feed, FALT_FEED_BLOBS, NULL);
  g_autoptr (GDir) dir = g_dir_open (blobs, 0, NULL);

  return g_build_filename (blobs, g_dir_read_name (dir), NULL);
}

static void
test_feed_verifies (Fixture *fixture, gconstpointer data)
{
  g_autofree char *feed = build_feed (fixture, "feed", "2026-11-23T10:00:00Z", 0);
  g_autoptr (FaltMinisignPublicKey) key = load_public (fixture->public_path);
  g_autoptr (GError) error = NULL;
  g_autoptr (FaltManifest) manifest = verify_dir (feed, key, &error);

  g_assert_no_error (error);
  g_assert_cmpint (falt_manifest_get_version (manifest), ==, 3);
  g_assert_cmpuint (falt_manifest_get_documents (manifest)->len, ==, 2);
}

typedef void (*DamageFunc) (const char *feed);

static void
append_to_manifest (const char *feed)
{
  g_autofree char *path = g_build_filename (feed, FALT_FEED_MANIFEST, NULL);
  g_autofree char *text = falt_test_read_file (path);
  g_autofree char *changed = g_strconcat (text, " ", NULL);

  g_assert_true (g_file_set_contents (path, changed, -1, NULL));
}

static void
flip_blob_byte (const char *feed)
{
  g_autofree char *path = first_blob_path (feed);
  g_autofree char *text = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &text, &length, NULL));
  text[length / 2] ^= 0x20;
  g_assert_true (g_file_set_contents (path, text, length, NULL));
}

static void
truncate_blob (const char *feed)
{
  g_autofree char *path = first_blob_path (feed);

  g_assert_cmpint (truncate (path, 10), ==, 0);
}

static void
extend_blob (const char *feed)
{
  g_autofree char *path = first_blob_path (feed);
  g_autofree char *text = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &text, &length, NULL));
  text = g_realloc (text, length + 4);
  memcpy (text + length, "more", 4);
  g_assert_true (g_file_set_contents (path, text, length + 4, NULL));
}

static void
remove_blob (const char *feed)
{
  g_autofree char *path = first_blob_path (feed);

  g_assert_cmpint (g_unlink (path), ==, 0);
}

static void
remove_signature (const char *feed)
{
  g_autofree char *path = g_build_filename (feed, FALT_FEED_SIGNATURE, NULL);

  g_assert_cmpint (g_unlink (path), ==, 0);
}

static void
test_feed_refuses_damage (Fixture *fixture, gconstpointer data)
{
  static const struct
  {
    const char *name;
    DamageFunc  damage;
    int         code;
  } cases[] = {
    { "tampered-manifest", append_to_manifest, FALT_FEED_ERROR_SIGNATURE },
    { "tampered-blob", flip_blob_byte, FALT_FEED_ERROR_TAMPERED },
    { "truncated-blob", truncate_blob, FALT_FEED_ERROR_TRUNCATED },
    { "extended-blob", extend_blob, FALT_FEED_ERROR_TAMPERED },
    { "missing-blob", remove_blob, FALT_FEED_ERROR_TRUNCATED },
    { "unsigned", remove_signature, FALT_FEED_ERROR_SIGNATURE },
  };
  g_autoptr (FaltMinisignPublicKey) key = load_public (fixture->public_path);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *feed = build_feed (fixture, cases[i].name, "2026-11-23T10:00:00Z", 0);

      cases[i].damage (feed);
      assert_feed_refused (feed, key, cases[i].code);
    }
}

static void
test_feed_refuses_other_key (Fixture *fixture, gconstpointer data)
{
  g_autofree char *feed = build_feed (fixture, "feed", "2026-11-23T10:00:00Z", 0);
  g_autofree char *other_public = g_build_filename (fixture->dir, "other.pub", NULL);
  g_autofree char *other_secret = g_build_filename (fixture->dir, "other.key", NULL);
  g_autoptr (FaltMinisignPublicKey) other_key = NULL;
  g_autoptr (FaltManifest) manifest = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (falt_minisign_generate (other_public, other_secret, NULL));
  other_key = load_public (other_public);
  manifest = verify_dir (feed, other_key, &error);
  g_assert_null (manifest);
  g_assert_error (error, FALT_FEED_ERROR, FALT_FEED_ERROR_SIGNATURE);
  g_assert_nonnull (strstr (error->message, "does not trust"));
}

static void
test_feed_refuses_expired (Fixture *fixture, gconstpointer data)
{
  g_autofree char *feed = build_feed (fixture, "feed", "2001-01-01T00:00:00Z", 30);
  g_autoptr (FaltMinisignPublicKey) key = load_public (fixture->public_path);

  assert_feed_refused (feed, key, FALT_FEED_ERROR_EXPIRED);
}

/* A correctly signed manifest that is not a feed this version reads. */
static void
test_feed_refuses_malformed (Fixture *fixture, gconstpointer data)
{
  static const char *const manifests[] = {
    "{\"format\": 2, \"version\": 1}",
    "[1, 2]",
    "{\"format\": 1, \"version\": 1, \"created\": \"yesterday\"}",
    "{\"format\": 1, \"version\": 4, \"created\": \"2026-11-23T10:00:00Z\", \"sections\": [],"
    " \"contacts\": [], \"coordinators\": [], \"documents\": [{\"id\": \"a\", \"kind\": \"article\","
    " \"section\": \"nowhere\", \"translations\": []}]}",
  };
  g_autoptr (FaltMinisignPublicKey) public_key = load_public (fixture->public_path);
  g_autoptr (FaltMinisignSecretKey) secret_key = load_secret (fixture->secret_path, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (manifests); i++)
    {
      g_autofree char *feed = g_build_filename (fixture->dir, "malformed", NULL);
      g_autofree char *signature = sign_text (secret_key, manifests[i], NULL);
      g_autofree char *manifest_path = falt_test_write_file (feed, FALT_FEED_MANIFEST, manifests[i]);
      g_autofree char *signature_path = falt_test_write_file (feed, FALT_FEED_SIGNATURE, signature);

      assert_feed_refused (feed, public_key, FALT_FEED_ERROR_MALFORMED);
    }
}

static void
test_feed_bundled_is_valid (void)
{
  const char *bundled = g_getenv ("FALTSTOD_BUNDLED_FEED");
  g_autoptr (FaltManifest) manifest = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_nonnull (bundled);
  manifest = verify_dir (bundled, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (falt_manifest_get_sections (manifest)->len, >, 0);
}

/* A FIFO or a link to /dev/zero in a feed folder is refused at once, never read (it would hang
 * or fill the memory). */
static void
test_feed_refuses_special_files (Fixture *fixture, gconstpointer data)
{
  g_autofree char *feed = build_feed (fixture, "special", "2026-11-23T10:00:00Z", 0);
  g_autofree char *manifest = g_build_filename (feed, FALT_FEED_MANIFEST, NULL);
  g_autofree char *moved = g_build_filename (fixture->dir, "manifest.json", NULL);
  g_autofree char *blob = first_blob_path (feed);
  g_autoptr (FaltMinisignPublicKey) key = load_public (fixture->public_path);

  g_assert_cmpint (g_rename (blob, moved), ==, 0);
  g_assert_cmpint (symlink ("/dev/zero", blob), ==, 0);
  assert_feed_refused (feed, key, FALT_FEED_ERROR_IO);

  g_assert_cmpint (g_unlink (blob), ==, 0);
  g_assert_cmpint (g_rename (moved, blob), ==, 0);
  g_assert_cmpint (g_unlink (manifest), ==, 0);
  g_assert_cmpint (mkfifo (manifest, 0600), ==, 0);
  assert_feed_refused (feed, key, FALT_FEED_ERROR_IO);
  g_assert_cmpint (falt_feed_peek_version (feed), ==, 0);
}

/* Bundles */

static void
test_bundle_round_trip (Fixture *fixture, gconstpointer data)
{
  g_autofree char *feed = build_feed (fixture, "feed", "2026-11-23T10:00:00Z", 0);
  g_autofree char *bundle = g_build_filename (fixture->dir, "feed.faltstod", NULL);
  g_autofree char *again = g_build_filename (fixture->dir, "again.faltstod", NULL);
  g_autoptr (FaltMinisignPublicKey) key = load_public (fixture->public_path);
  g_autoptr (GError) error = NULL;
  g_autofree char *unpacked = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  g_assert_true (falt_feed_write_bundle (feed, bundle, &error));
  g_assert_no_error (error);
  unpacked = unpack_bundle (bundle, key, &error);
  g_assert_no_error (error);
  {
    g_autofree char *blobs = g_build_filename (feed, FALT_FEED_BLOBS, NULL);
    g_autofree char *unpacked_blobs = g_build_filename (unpacked, FALT_FEED_BLOBS, NULL);
    g_autoptr (GDir) dir = g_dir_open (blobs, 0, NULL);
    const char *name;

    /* Every blob came out, byte for byte. */
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *a = g_build_filename (blobs, name, NULL);
        g_autofree char *b = g_build_filename (unpacked_blobs, name, NULL);
        g_autofree char *text_a = falt_test_read_file (a);
        g_autofree char *text_b = falt_test_read_file (b);

        g_assert_cmpstr (text_a, ==, text_b);
      }
  }

  /* The same feed makes the same bundle. */
  g_assert_true (falt_feed_write_bundle (feed, again, &error));
  first = falt_test_read_file (bundle);
  second = falt_test_read_file (again);
  g_assert_cmpmem (first, 1024, second, 1024);
  g_assert_true (falt_feed_remove_dir (unpacked, &error));
  g_assert_false (g_file_test (unpacked, G_FILE_TEST_EXISTS));
}

typedef struct
{
  const char *name;
  mode_t      type;
  const char *link;
  gint64      size;
} TarEntry;

static void
write_tar (const char *path, const TarEntry *entries, guint n_entries)
{
  struct archive *archive = archive_write_new ();
  static const char data[16] = "0123456789abcde";

  archive_write_set_format_pax_restricted (archive);
  g_assert_cmpint (archive_write_open_filename (archive, path), ==, ARCHIVE_OK);
  for (guint i = 0; i < n_entries; i++)
    {
      struct archive_entry *entry = archive_entry_new ();

      archive_entry_set_pathname (entry, entries[i].name);
      archive_entry_set_filetype (entry, entries[i].type);
      archive_entry_set_perm (entry, 0644);
      if (entries[i].type == AE_IFLNK)
        archive_entry_set_symlink (entry, entries[i].link);
      else if (entries[i].link != NULL)
        archive_entry_set_hardlink (entry, entries[i].link);
      archive_entry_set_size (entry, entries[i].size);
      g_assert_cmpint (archive_write_header (archive, entry), ==, ARCHIVE_OK);
      if (entries[i].size > 0 && entries[i].size <= (gint64) sizeof data)
        archive_write_data (archive, data, entries[i].size);
      archive_entry_free (entry);
    }
  archive_write_close (archive);
  archive_write_free (archive);
}

static void
test_bundle_refuses_hostile (Fixture *fixture, gconstpointer data)
{
  const char *blob = "blobs/0000000000000000000000000000000000000000000000000000000000000000";
  g_autoptr (FaltMinisignPublicKey) key = load_public (fixture->public_path);
  const TarEntry cases[][2] = {
    { { "manifest.json", AE_IFREG, NULL, 4 }, { "../escape", AE_IFREG, NULL, 4 } },
    { { "/etc/faltstod", AE_IFREG, NULL, 4 }, { 0 } },
    { { "blobs/../../escape", AE_IFREG, NULL, 4 }, { 0 } },
    { { blob, AE_IFLNK, "/etc/passwd", 0 }, { 0 } },
    { { "manifest.json", AE_IFREG, NULL, 4 }, { blob, AE_IFREG, "manifest.json", 0 } },
    { { "notes.txt", AE_IFREG, NULL, 4 }, { 0 } },
    { { "blobs/sub", AE_IFDIR, NULL, 0 }, { 0 } },
    { { "manifest.json", AE_IFREG, NULL, 4 }, { "manifest.json", AE_IFREG, NULL, 4 } },
    { { blob, AE_IFREG, NULL, FALT_FEED_MAX_BLOB_SIZE + 1 }, { 0 } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *bundle = g_strdup_printf ("%s/hostile-%u.faltstod", fixture->dir, i);
      g_autoptr (GError) error = NULL;
      g_autofree char *unpacked = NULL;

      write_tar (bundle, cases[i], cases[i][1].name != NULL ? 2 : 1);
      unpacked = unpack_bundle (bundle, key, &error);
      g_assert_null (unpacked);
      g_assert_error (error, FALT_FEED_ERROR, FALT_FEED_ERROR_UNSAFE_BUNDLE);
      g_test_message ("refused as expected: %s", error->message);
    }
  g_assert_false (g_file_test ("../escape", G_FILE_TEST_EXISTS));
}

static void
test_bundle_refuses_truncated (Fixture *fixture, gconstpointer data)
{
  g_autofree char *feed = build_feed (fixture, "feed", "2026-11-23T10:00:00Z", 0);
  g_autofree char *bundle = g_build_filename (fixture->dir, "feed.faltstod", NULL);
  g_autoptr (FaltMinisignPublicKey) key = load_public (fixture->public_path);
  g_autoptr (GError) error = NULL;
  g_autofree char *unpacked = NULL;
  GStatBuf info;

  g_assert_true (falt_feed_write_bundle (feed, bundle, NULL));
  g_assert_cmpint (g_stat (bundle, &info), ==, 0);
  /* Half way: in the middle of an entry's data. */
  g_assert_cmpint (truncate (bundle, info.st_size / 2 + 100), ==, 0);
  unpacked = unpack_bundle (bundle, key, &error);
  g_assert_null (unpacked);
  g_assert_error (error, FALT_FEED_ERROR, FALT_FEED_ERROR_TRUNCATED);
  g_clear_error (&error);

  g_assert_null (unpack_bundle ("/nonexistent/feed.faltstod", key, &error));
  g_assert_error (error, FALT_FEED_ERROR, FALT_FEED_ERROR_IO);
}

/* Found by tests/fuzz/fuzz-manifest: an empty manifest reached memchr() with a NULL pointer
 * (undefined behaviour, reported by UBSan in the sanitizer build). */
static void
test_manifest_refuses_empty (void)
{
  g_autoptr (GBytes) empty = g_bytes_new (NULL, 0);
  g_autoptr (GError) error = NULL;

  g_assert_null (falt_manifest_new_from_bytes (empty, &error));
  g_assert_error (error, FALT_FEED_ERROR, FALT_FEED_ERROR_MALFORMED);
}

/* The blob names: known vectors, and chunked updates agree with GChecksum at every split. */
static void
test_sha256_matches_known_hashes (void)
{
  g_autofree char *empty = falt_sha256_hex_for_data (NULL, 0);
  g_autofree char *abc = falt_sha256_hex_for_data ("abc", 3);
  g_autoptr (FaltSha256) hash = falt_sha256_new ();
  guint8 data[1000];

  g_assert_cmpstr (empty, ==, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  g_assert_cmpstr (abc, ==, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  for (gsize i = 0; i < sizeof data; i++)
    data[i] = (guint8) (i * 31 + 7);
  for (gsize split = 0; split <= sizeof data; split += 37)
    {
      g_autofree char *expected = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, sizeof data);
      g_autofree char *got = NULL;

      falt_sha256_update (hash, "junk", 4);
      falt_sha256_reset (hash);
      falt_sha256_update (hash, data, split);
      falt_sha256_update (hash, data + split, sizeof data - split);
      got = falt_sha256_dup_hex (hash);
      g_assert_cmpstr (got, ==, expected);
    }
}

static guint
count_open_fds (void)
{
  g_autoptr (GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

/* A bundle that is no tar, or no regular file, is refused with our message, opened once
 * without blocking (a FIFO does not hang) and leaves no descriptor open. */
static void
test_bundle_refuses_what_is_no_bundle (void)
{
  g_autofree char *dir = g_dir_make_tmp ("faltstod-bundle-XXXXXX", NULL);
  g_autofree char *text = g_build_filename (dir, "text.faltstod", NULL);
  g_autofree char *fifo = g_build_filename (dir, "fifo.faltstod", NULL);
  g_autoptr (FaltKeyring) keyring = falt_keyring_new ();
  guint before;

  g_assert_true (g_file_set_contents (text, "not a tar file at all\n", -1, NULL));
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  before = count_open_fds ();
  for (int i = 0; i < 20; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (FaltManifest) manifest = falt_feed_read_bundle_manifest (text, keyring, NULL, &error);

      g_assert_null (manifest);
      g_assert_error (error, FALT_FEED_ERROR, FALT_FEED_ERROR_MALFORMED);
      g_assert_nonnull (strstr (error->message, "is not a Fältstöd update file"));
    }
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (FaltManifest) manifest = falt_feed_read_bundle_manifest (fifo, keyring, NULL, &error);

    g_assert_null (manifest);
    g_assert_error (error, FALT_FEED_ERROR, FALT_FEED_ERROR_IO);
  }
  g_assert_cmpuint (count_open_fds (), ==, before);
  g_unlink (text);
  g_unlink (fifo);
  g_rmdir (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/minisign/round-trip", test_minisign_round_trip);
  ADD ("/minisign/wrong-key", test_minisign_wrong_key);
  ADD ("/minisign/encrypted-key", test_minisign_encrypted_key);
  ADD ("/minisign/minisign-encrypted-key", test_minisign_reads_minisign_encrypted_key);
  ADD ("/minisign/interoperates", test_minisign_interoperates);
  ADD ("/feed/verifies", test_feed_verifies);
  ADD ("/feed/refuses-damage", test_feed_refuses_damage);
  ADD ("/feed/refuses-other-key", test_feed_refuses_other_key);
  ADD ("/feed/refuses-expired", test_feed_refuses_expired);
  ADD ("/feed/refuses-malformed", test_feed_refuses_malformed);
  ADD ("/feed/refuses-special-files", test_feed_refuses_special_files);
  g_test_add_func ("/feed/bundled", test_feed_bundled_is_valid);
  g_test_add_func ("/feed/sha256", test_sha256_matches_known_hashes);
  g_test_add_func ("/feed/bundle-refuses-no-bundle", test_bundle_refuses_what_is_no_bundle);
  g_test_add_func ("/manifest/refuses-empty", test_manifest_refuses_empty);
  ADD ("/bundle/round-trip", test_bundle_round_trip);
  ADD ("/bundle/refuses-hostile", test_bundle_refuses_hostile);
  ADD ("/bundle/refuses-truncated", test_bundle_refuses_truncated);
#undef ADD

  return g_test_run ();
}
