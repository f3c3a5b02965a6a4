/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "fuzz-minisign"

#include "falt-fuzz.h"
#include "feed/falt-minisign.h"

/* minisign's readers: the input is read as a public key (a `.pub` file or its base64 line), as a
 * secret key without a password (a password-protected one is refused before scrypt runs: its
 * limits come from the file and would let an input take a gigabyte), and as a signature file
 * for the data "fuzz" checked with a fixed key. */

static FaltMinisignPublicKey *public_key;
static GBytes *signed_data;

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  g_autofree char *public_path = NULL;
  g_autofree char *secret_path = NULL;
  g_autoptr(GError) error = NULL;

  falt_fuzz_init ();
  public_path = falt_fuzz_path ("fuzz.pub");
  secret_path = falt_fuzz_path ("fuzz.key");
  g_assert_true (falt_minisign_generate (public_path, secret_path, &error));
  public_key = falt_minisign_public_key_load (public_path, &error);
  g_assert_no_error (error);
  signed_data = g_bytes_new_static ("fuzz", 4);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *text = falt_fuzz_string (data, size);
  g_autoptr(FaltMinisignPublicKey) public = NULL;
  g_autoptr(FaltMinisignSecretKey) secret = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *comment = NULL;
  gboolean valid;

  public = falt_minisign_public_key_new_from_string (text, &error);
  g_assert_true ((public == NULL) == (error != NULL));
  if (public != NULL)
    {
      g_autofree char *id = falt_minisign_public_key_get_id (public);
      g_autofree char *base64 = falt_minisign_public_key_to_base64 (public);
      g_autoptr(FaltMinisignPublicKey) again = falt_minisign_public_key_new_from_string (base64, NULL);

      /* A key read back from its own base64 is the same key. */
      g_assert_nonnull (again);
      g_autofree char *again_id = falt_minisign_public_key_get_id (again);
      g_assert_cmpstr (id, ==, again_id);
    }
  g_clear_error (&error);

  secret = falt_minisign_secret_key_new_from_string (text, NULL, &error);
  g_assert_true ((secret == NULL) == (error != NULL));
  g_clear_error (&error);

  valid = falt_minisign_verify (public_key, signed_data, text, &comment, &error);
  g_assert_true (valid == (error == NULL));
  /* Nobody but the fixed key's owner can sign "fuzz". */
  g_assert_false (valid);
  return 0;
}
