/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "fuzz-manifest"

#include "falt-fuzz.h"
#include "feed/falt-feed.h"

/* The feed manifest's model and validator behind the signature check. The first byte picks the
 * path: even, the rest is a manifest this target signs with its own key, so every mutation
 * reaches the parser and validator as a correctly signed feed would; odd, the rest is a manifest,
 * a NUL and a signature file, checked as received (the signature reader in the verify path)
 * against this key and tests/fuzz/keys/fuzz.pub, which signed the seeds. */

static FaltMinisignSecretKey *secret_key;
static FaltKeyring *keyring;
static GDateTime *now;

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  g_autofree char *public_path = NULL;
  g_autofree char *secret_path = NULL;
  g_autoptr(FaltMinisignPublicKey) public_key = NULL;
  g_autoptr(GError) error = NULL;

  falt_fuzz_init ();
  public_path = falt_fuzz_path ("fuzz.pub");
  secret_path = falt_fuzz_path ("fuzz.key");
  g_assert_true (falt_minisign_generate (public_path, secret_path, &error));
  public_key = falt_minisign_public_key_load (public_path, &error);
  g_assert_no_error (error);
  secret_key = falt_minisign_secret_key_load (secret_path, NULL, &error);
  g_assert_no_error (error);
  keyring = falt_keyring_new ();
  falt_keyring_add_key (keyring, public_key);
  /* And the key the seed bundles were signed with, so a seed's own signature passes too. */
  g_assert_true (falt_keyring_load_dir (keyring, FALT_FUZZ_SRCDIR "/keys") == 1);
  now = g_date_time_new_utc (2026, 12, 1, 12, 0, 0);
  return 0;
}

/* Reads everything the model offers, as the store's import and the updater do. */
static void
walk_manifest (FaltManifest *manifest)
{
  GPtrArray *blobs = falt_manifest_get_blobs (manifest);
  GPtrArray *documents = falt_manifest_get_documents (manifest);
  g_autoptr(GError) error = NULL;
  GBytes *bytes = falt_manifest_get_bytes (manifest);

  g_assert_nonnull (bytes);
  (void) falt_manifest_get_version (manifest);
  (void) falt_manifest_get_created_text (manifest);
  (void) falt_manifest_get_source (manifest);
  (void) falt_manifest_get_mirrors (manifest);
  (void) falt_manifest_get_total_size (manifest);
  (void) falt_manifest_check_expiry (manifest, now, &error);
  for (guint i = 0; i < documents->len; i++)
    {
      FaltManifestDocument *document = g_ptr_array_index (documents, i);

      for (guint t = 0; t < document->translations->len; t++)
        {
          FaltManifestTranslation *translation = g_ptr_array_index (document->translations, t);
          /* Every blob a translation names is one the manifest lists. */
          g_assert_nonnull (falt_manifest_lookup_blob (manifest, translation->blob));
        }
    }
  for (guint i = 0; i < blobs->len; i++)
    {
      FaltManifestBlob *blob = g_ptr_array_index (blobs, i);
      g_assert_true (falt_manifest_lookup_blob (manifest, blob->sha256) == blob);
    }
  (void) falt_manifest_get_sections (manifest);
  (void) falt_manifest_get_contacts (manifest);
  (void) falt_manifest_get_coordinators (manifest);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr(GBytes) manifest_bytes = NULL;
  g_autoptr(FaltManifest) manifest = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *signature = NULL;

  if (size < 1)
    return 0;
  if (data[0] % 2 == 0)
    {
      manifest_bytes = g_bytes_new (data + 1, size - 1);
      signature = falt_minisign_sign (secret_key, manifest_bytes, "fuzz", &error);
      g_assert_no_error (error);
    }
  else
    {
      const uint8_t *nul = memchr (data + 1, '\0', size - 1);

      if (nul == NULL)
        return 0;
      manifest_bytes = g_bytes_new (data + 1, (gsize) (nul - data - 1));
      signature = falt_fuzz_string (nul + 1, size - (gsize) (nul - data) - 1);
    }

  manifest = falt_feed_verify_manifest (manifest_bytes, signature, keyring, now, &error);
  g_assert_true ((manifest == NULL) == (error != NULL));
  if (manifest != NULL)
    walk_manifest (manifest);
  g_clear_object (&manifest);
  g_clear_error (&error);

  /* The model alone, as publishing reads its own output. */
  manifest = falt_manifest_new_from_bytes (manifest_bytes, &error);
  g_assert_true ((manifest == NULL) == (error != NULL));
  if (manifest != NULL)
    walk_manifest (manifest);
  return 0;
}
