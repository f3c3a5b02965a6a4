/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "fuzz-bundle"

#include <glib/gstdio.h>

#include "falt-fuzz.h"
#include "feed/falt-feed.h"

/* The bundle reader, as `faltstod --import FILE` runs it: the input is written to a file, its
 * manifest read and checked against the key the seed bundles are signed with (tests/fuzz/keys,
 * a key for fuzzing only), and when that passes its blobs are unpacked into an empty folder. */

static FaltKeyring *keyring;

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  g_autoptr(FaltMinisignPublicKey) key = NULL;
  g_autoptr(GError) error = NULL;

  falt_fuzz_init ();
  key = falt_minisign_public_key_load (FALT_FUZZ_SRCDIR "/keys/fuzz.pub", &error);
  g_assert_no_error (error);
  keyring = falt_keyring_new ();
  falt_keyring_add_key (keyring, key);
  return 0;
}

static void
check_unpacked_blobs (FaltManifest *manifest)
{
  g_autofree char *feed_dir = falt_fuzz_path ("");
  GPtrArray *blobs = falt_manifest_get_blobs (manifest);

  for (guint i = 0; i < blobs->len; i++)
    {
      FaltManifestBlob *blob = g_ptr_array_index (blobs, i);
      g_autofree char *path = g_build_filename (feed_dir, FALT_FEED_BLOBS, blob->sha256, NULL);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        continue;
      bytes = falt_feed_read_blob (feed_dir, blob, &error);
      g_assert_no_error (error);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *bundle = falt_fuzz_write ("input.faltstod", data, size);
  g_autofree char *blobs_dir = falt_fuzz_path ("blobs");
  g_autoptr(FaltManifest) manifest = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *signature = NULL;

  manifest = falt_feed_read_bundle_manifest (bundle, keyring, &signature, &error);
  g_assert_true ((manifest == NULL) == (error != NULL));
  if (manifest != NULL)
    {
      gboolean done;

      g_assert_nonnull (signature);
      falt_fuzz_remove_tree (blobs_dir);
      g_assert_no_errno (g_mkdir (blobs_dir, 0700));
      done = falt_feed_extract_bundle_blobs (bundle, manifest, NULL, blobs_dir, NULL, &error);
      g_assert_true (done == (error == NULL));
      /* What is unpacked is intact: each blob is kept only when it matches the signed manifest
       * (a blob the bundle lacks is left for the caller to report). */
      g_clear_error (&error);
      check_unpacked_blobs (manifest);
      falt_fuzz_remove_tree (blobs_dir);
    }
  g_unlink (bundle);
  return 0;
}
