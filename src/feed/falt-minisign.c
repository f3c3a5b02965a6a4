/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-minisign"

#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sodium.h>

#include "falt-minisign.h"

/* The minisign formats, https://jedisct1.github.io/minisign/: every record starts with a
 * two-byte algorithm and an eight-byte key id; binary lines are standard base64. */
#define KEY_ID_BYTES 8
#define SIG_ALG_LEGACY "Ed"  /* Ed25519 over the file itself */
#define SIG_ALG_HASHED "ED"  /* Ed25519 over BLAKE2b-512 of the file (minisign 0.11's default) */
#define KDF_ALG_SCRYPT "Sc"
#define CHK_ALG_BLAKE2 "B2"
#define PUBLIC_KEY_BYTES (2 + KEY_ID_BYTES + crypto_sign_PUBLICKEYBYTES)             /* 42 */
#define SIGNATURE_BYTES (2 + KEY_ID_BYTES + crypto_sign_BYTES)                       /* 74 */
#define SALT_BYTES crypto_pwhash_scryptsalsa208sha256_SALTBYTES                       /* 32 */
#define CHECKSUM_BYTES crypto_generichash_BYTES                                       /* 32 */
#define ENCRYPTED_BYTES (KEY_ID_BYTES + crypto_sign_SECRETKEYBYTES + CHECKSUM_BYTES) /* 104 */
#define SECRET_KEY_BYTES (2 + 2 + 2 + SALT_BYTES + 8 + 8 + ENCRYPTED_BYTES)          /* 158 */
#define TRUSTED_PREFIX "trusted comment: "
#define UNTRUSTED_PREFIX "untrusted comment: "

struct _FaltMinisignPublicKey
{
  guint8 key_id[KEY_ID_BYTES];
  guint8 key[crypto_sign_PUBLICKEYBYTES];
};

struct _FaltMinisignSecretKey
{
  guint8 key_id[KEY_ID_BYTES];
  guint8 key[crypto_sign_SECRETKEYBYTES];
};

/* The byte layout of a secret key file's binary line. */
typedef struct
{
  guint8 sig_alg[2];
  guint8 kdf_alg[2];
  guint8 chk_alg[2];
  guint8 salt[SALT_BYTES];
  guint8 opslimit[8];
  guint8 memlimit[8];
  guint8 key_id[KEY_ID_BYTES];
  guint8 key[crypto_sign_SECRETKEYBYTES];
  guint8 checksum[CHECKSUM_BYTES];
} SecretKeyRecord;

G_STATIC_ASSERT (sizeof (SecretKeyRecord) == SECRET_KEY_BYTES);

G_DEFINE_QUARK (falt-minisign-error-quark, falt_minisign_error)
G_DEFINE_BOXED_TYPE (FaltMinisignPublicKey, falt_minisign_public_key,
                     falt_minisign_public_key_ref, falt_minisign_public_key_unref)
G_DEFINE_BOXED_TYPE (FaltMinisignSecretKey, falt_minisign_secret_key,
                     falt_minisign_secret_key_ref, falt_minisign_secret_key_unref)

static void
ensure_sodium (void)
{
  if (sodium_init () < 0)
    g_error ("libsodium could not be initialised");
}

static guint64
load_le64 (const guint8 *bytes)
{
  guint64 value = 0;

  for (int i = 7; i >= 0; i--)
    value = (value << 8) | bytes[i];
  return value;
}

static void
store_le64 (guint8 *bytes, guint64 value)
{
  for (int i = 0; i < 8; i++)
    bytes[i] = (value >> (8 * i)) & 0xff;
}

/* minisign prints key ids as the little-endian number in upper-case hex. */
static char *
format_key_id (const guint8 *key_id)
{
  return g_strdup_printf ("%" G_GINT64_MODIFIER "X", load_le64 (key_id));
}

static char *
encode_base64 (const guint8 *bytes, gsize len)
{
  gsize size = sodium_base64_ENCODED_LEN (len, sodium_base64_VARIANT_ORIGINAL);
  char *text = g_malloc (size);

  return sodium_bin2base64 (text, size, bytes, len, sodium_base64_VARIANT_ORIGINAL);
}

/* Strict decoding to exactly @len bytes: anything else is not the record we expect. */
static gboolean
decode_base64_exact (const char *text, guint8 *out, gsize len)
{
  gsize decoded = 0;

  if (text == NULL)
    return FALSE;
  if (sodium_base642bin (out, len, text, strlen (text), NULL, &decoded, NULL,
                         sodium_base64_VARIANT_ORIGINAL) != 0)
    return FALSE;
  return decoded == len;
}

/* The lines of a key or signature file, without line ends. Only a CR is stripped: a
 * trusted comment may end in spaces, and they are signed. */
static GStrv
split_lines (const char *text)
{
  GStrv lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      gsize len = strlen (lines[i]);

      if (len > 0 && lines[i][len - 1] == '\r')
        lines[i][len - 1] = '\0';
    }
  return lines;
}

/* The first line that is not an untrusted comment: the base64 record. */
static const char *
find_record_line (GStrv lines)
{
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (lines[i][0] == '\0' || g_str_has_prefix (lines[i], UNTRUSTED_PREFIX))
        continue;
      return lines[i];
    }
  return NULL;
}

static gboolean
read_text_file (const char *path, char **text, GError **error)
{
  g_autoptr (GError) local_error = NULL;

  if (g_file_get_contents (path, text, NULL, &local_error))
    return TRUE;
  g_set_error (error, FALT_MINISIGN_ERROR, FALT_MINISIGN_ERROR_IO,
               _("Could not read the key file: %s"), local_error->message);
  return FALSE;
}

/**
 * falt_minisign_public_key_new_from_string:
 * @text: the text of a minisign `.pub` file, or just its base64 line
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the public key, or %NULL with @error set
 */
FaltMinisignPublicKey *
falt_minisign_public_key_new_from_string (const char *text, GError **error)
{
  g_auto (GStrv) lines = NULL;
  guint8 record[PUBLIC_KEY_BYTES];
  FaltMinisignPublicKey *key;

  g_return_val_if_fail (text != NULL, NULL);
  ensure_sodium ();

  lines = split_lines (text);
  if (!decode_base64_exact (find_record_line (lines), record, sizeof record))
    {
      g_set_error (error, FALT_MINISIGN_ERROR, FALT_MINISIGN_ERROR_FORMAT,
                   _("This is not a minisign public key"));
      return NULL;
    }
  if (memcmp (record, SIG_ALG_LEGACY, 2) != 0)
    {
      g_set_error (error, FALT_MINISIGN_ERROR, FALT_MINISIGN_ERROR_UNSUPPORTED,
                   _("The public key uses an unknown signature algorithm"));
      return NULL;
    }

  key = g_rc_box_new0 (FaltMinisignPublicKey);
  memcpy (key->key_id, record + 2, KEY_ID_BYTES);
  memcpy (key->key, record + 2 + KEY_ID_BYTES, crypto_sign_PUBLICKEYBYTES);
  return key;
}

/**
 * falt_minisign_public_key_load:
 * @path: a minisign `.pub` file
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the public key, or %NULL with @error set
 */
FaltMinisignPublicKey *
falt_minisign_public_key_load (const char *path, GError **error)
{
  g_autofree char *text = NULL;

  if (!read_text_file (path, &text, error))
    return NULL;
  return falt_minisign_public_key_new_from_string (text, error);
}

FaltMinisignPublicKey *
falt_minisign_public_key_ref (FaltMinisignPublicKey *key)
{
  return g_rc_box_acquire (key);
}

void
falt_minisign_public_key_unref (FaltMinisignPublicKey *key)
{
  g_rc_box_release (key);
}

/**
 * falt_minisign_public_key_get_id:
 *
 * Returns: (transfer full): the key id as minisign prints it
 */
char *
falt_minisign_public_key_get_id (FaltMinisignPublicKey *key)
{
  return format_key_id (key->key_id);
}

static char *
public_key_record_base64 (const guint8 *key_id, const guint8 *public_key)
{
  guint8 record[PUBLIC_KEY_BYTES];

  memcpy (record, SIG_ALG_LEGACY, 2);
  memcpy (record + 2, key_id, KEY_ID_BYTES);
  memcpy (record + 2 + KEY_ID_BYTES, public_key, crypto_sign_PUBLICKEYBYTES);
  return encode_base64 (record, sizeof record);
}

/**
 * falt_minisign_public_key_to_base64:
 *
 * Returns: (transfer full): the key's base64 line, as `minisign -P` takes it
 */
char *
falt_minisign_public_key_to_base64 (FaltMinisignPublicKey *key)
{
  return public_key_record_base64 (key->key_id, key->key);
}

/* BLAKE2b-256 of signature algorithm ‖ key id ‖ secret key, as minisign checks it. */
static void
compute_checksum (const SecretKeyRecord *record, guint8 *checksum)
{
  crypto_generichash_state state;

  crypto_generichash_init (&state, NULL, 0, CHECKSUM_BYTES);
  crypto_generichash_update (&state, record->sig_alg, sizeof record->sig_alg);
  crypto_generichash_update (&state, record->key_id, sizeof record->key_id);
  crypto_generichash_update (&state, record->key, sizeof record->key);
  crypto_generichash_final (&state, checksum, CHECKSUM_BYTES);
}

/* XORs the scrypt stream over key id ‖ key ‖ checksum: the same call encrypts and decrypts. */
static gboolean
apply_password (SecretKeyRecord *record, const char *password, GError **error)
{
  guint8 stream[ENCRYPTED_BYTES];
  guint8 *encrypted = record->key_id;

  if (crypto_pwhash_scryptsalsa208sha256 (stream, sizeof stream, password, strlen (password),
                                          record->salt, load_le64 (record->opslimit),
                                          load_le64 (record->memlimit)) != 0)
    {
      g_set_error (error, FALT_MINISIGN_ERROR, FALT_MINISIGN_ERROR_PASSWORD,
                   _("Could not derive a key from the password (not enough memory?)"));
      return FALSE;
    }
  for (gsize i = 0; i < sizeof stream; i++)
    encrypted[i] ^= stream[i];
  sodium_memzero (stream, sizeof stream);
  return TRUE;
}

static gboolean
is_all_zero (const guint8 *bytes, gsize len)
{
  return sodium_is_zero (bytes, len) == 1;
}

static gboolean
decode_secret_key_record (const char *text, SecretKeyRecord *record, GError **error)
{
  g_auto (GStrv) lines = split_lines (text);

  if (!decode_base64_exact (find_record_line (lines), (guint8 *) record, sizeof *record))
    {
      g_set_error (error, FALT_MINISIGN_ERROR, FALT_MINISIGN_ERROR_FORMAT,
                   _("This is not a minisign secret key"));
      return FALSE;
    }
  if (memcmp (record->sig_alg, SIG_ALG_LEGACY, 2) != 0
      || memcmp (record->chk_alg, CHK_ALG_BLAKE2, 2) != 0
      || (memcmp (record->kdf_alg, KDF_ALG_SCRYPT, 2) != 0 && !is_all_zero (record->kdf_alg, 2)))
    {
      g_set_error (error, FALT_MINISIGN_ERROR, FALT_MINISIGN_ERROR_UNSUPPORTED,
                   _("The secret key uses an unknown algorithm"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
unlock_secret_key_record (SecretKeyRecord *record, const char *password, GError **error)
{
  guint8 checksum[CHECKSUM_BYTES];
  gboolean encrypted = memcmp (record->kdf_alg, KDF_ALG_SCRYPT, 2) == 0;
  gboolean valid;

  if (encrypted)
    {
      if (password == NULL)
        {
          g_set_error (error, FALT_MINISIGN_ERROR, FALT_MINISIGN_ERROR_PASSWORD,
                       _("This secret key is protected by a password"));
          return FALSE;
        }
      if (!apply_password (record, password, error))
        return FALSE;
    }
  else if (is_all_zero (record->checksum, CHECKSUM_BYTES))
    {
      /* minisign -W leaves the checksum out of unencrypted keys. */
      return TRUE;
    }

  compute_checksum (record, checksum);
  valid = sodium_memcmp (checksum, record->checksum, CHECKSUM_BYTES) == 0;
  if (!valid)
    g_set_error (error, FALT_MINISIGN_ERROR, FALT_MINISIGN_ERROR_PASSWORD,
                 encrypted ? _("Wrong password for this secret key")
                           : _("The secret key is damaged: its checksum does not match"));
  return valid;
}

/**
 * falt_minisign_secret_key_new_from_string:
 * @text: the text of a minisign secret key file
 * @password: (nullable): its password, %NULL for a key made with `minisign -G -W`
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the secret key, or %NULL with @error set
 */
FaltMinisignSecretKey *
falt_minisign_secret_key_new_from_string (const char *text, const char *password, GError **error)
{
  SecretKeyRecord record;
  FaltMinisignSecretKey *key = NULL;

  g_return_val_if_fail (text != NULL, NULL);
  ensure_sodium ();

  if (decode_secret_key_record (text, &record, error)
      && unlock_secret_key_record (&record, password, error))
    {
      key = g_rc_box_new0 (FaltMinisignSecretKey);
      memcpy (key->key_id, record.key_id, KEY_ID_BYTES);
      memcpy (key->key, record.key, sizeof key->key);
    }
  sodium_memzero (&record, sizeof record);
  return key;
}

/**
 * falt_minisign_secret_key_load:
 * @path: a minisign secret key file
 * @password: (nullable): its password, %NULL for a key made with `minisign -G -W`
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the secret key, or %NULL with @error set
 */
FaltMinisignSecretKey *
falt_minisign_secret_key_load (const char *path, const char *password, GError **error)
{
  g_autofree char *text = NULL;
  FaltMinisignSecretKey *key;

  if (!read_text_file (path, &text, error))
    return NULL;
  key = falt_minisign_secret_key_new_from_string (text, password, error);
  sodium_memzero (text, strlen (text));
  return key;
}

/**
 * falt_minisign_secret_key_is_encrypted_file:
 * @path: a minisign secret key file
 * @error: return location for a #GError
 *
 * Tells whether loading the key will need a password, so a tool asks only then.
 */
gboolean
falt_minisign_secret_key_is_encrypted_file (const char *path, GError **error)
{
  g_autofree char *text = NULL;
  SecretKeyRecord record;
  gboolean encrypted;

  if (!read_text_file (path, &text, error) || !decode_secret_key_record (text, &record, error))
    return FALSE;
  encrypted = memcmp (record.kdf_alg, KDF_ALG_SCRYPT, 2) == 0;
  sodium_memzero (&record, sizeof record);
  sodium_memzero (text, strlen (text));
  return encrypted;
}

FaltMinisignSecretKey *
falt_minisign_secret_key_ref (FaltMinisignSecretKey *key)
{
  return g_rc_box_acquire (key);
}

static void
clear_secret_key (gpointer data)
{
  sodium_memzero (data, sizeof (FaltMinisignSecretKey));
}

void
falt_minisign_secret_key_unref (FaltMinisignSecretKey *key)
{
  g_rc_box_release_full (key, clear_secret_key);
}

char *
falt_minisign_secret_key_get_id (FaltMinisignSecretKey *key)
{
  return format_key_id (key->key_id);
}

static void
hash_for_signing (GBytes *data, guint8 *hash)
{
  gsize len = 0;
  const guint8 *bytes = g_bytes_get_data (data, &len);

  crypto_generichash (hash, crypto_generichash_BYTES_MAX, bytes, len, NULL, 0);
}

/* The global signature covers the file's signature and the trusted comment's text. */
static GByteArray *
global_signed_message (const guint8 *signature, const char *trusted_comment)
{
  GByteArray *message = g_byte_array_new ();

  g_byte_array_append (message, signature, crypto_sign_BYTES);
  g_byte_array_append (message, (const guint8 *) trusted_comment, strlen (trusted_comment));
  return message;
}

/**
 * falt_minisign_sign:
 * @key: the secret key
 * @data: what to sign
 * @trusted_comment: (nullable): one line of signed text, e.g. a version
 * @error: return location for a #GError
 *
 * Signs prehashed ("ED"), as minisign 0.11 does by default.
 *
 * Returns: (transfer full): the text of a `.minisig` file, or %NULL with @error set
 */
char *
falt_minisign_sign (FaltMinisignSecretKey *key, GBytes *data, const char *trusted_comment,
                    GError **error)
{
  guint8 hash[crypto_generichash_BYTES_MAX];
  guint8 record[SIGNATURE_BYTES];
  guint8 global_signature[crypto_sign_BYTES];
  guint8 *signature = record + 2 + KEY_ID_BYTES;
  g_autoptr (GByteArray) message = NULL;
  g_autofree char *record_base64 = NULL;
  g_autofree char *global_base64 = NULL;

  g_return_val_if_fail (key != NULL && data != NULL, NULL);
  ensure_sodium ();

  if (trusted_comment == NULL)
    trusted_comment = "";
  if (strchr (trusted_comment, '\n') != NULL || strchr (trusted_comment, '\r') != NULL)
    {
      g_set_error (error, FALT_MINISIGN_ERROR, FALT_MINISIGN_ERROR_FORMAT,
                   _("The trusted comment must be a single line"));
      return NULL;
    }

  hash_for_signing (data, hash);
  memcpy (record, SIG_ALG_HASHED, 2);
  memcpy (record + 2, key->key_id, KEY_ID_BYTES);
  crypto_sign_detached (signature, NULL, hash, sizeof hash, key->key);

  message = global_signed_message (signature, trusted_comment);
  crypto_sign_detached (global_signature, NULL, message->data, message->len, key->key);

  record_base64 = encode_base64 (record, sizeof record);
  global_base64 = encode_base64 (global_signature, sizeof global_signature);
  return g_strdup_printf (UNTRUSTED_PREFIX "signature from minisign secret key\n"
                          "%s\n" TRUSTED_PREFIX "%s\n%s\n",
                          record_base64, trusted_comment, global_base64);
}

static gboolean
parse_signature_text (const char *minisig_text, guint8 *record, guint8 *global_signature,
                      char **trusted_comment, GError **error)
{
  g_auto (GStrv) lines = split_lines (minisig_text);

  if (g_strv_length (lines) < 4 || !g_str_has_prefix (lines[0], UNTRUSTED_PREFIX)
      || !decode_base64_exact (lines[1], record, SIGNATURE_BYTES)
      || !g_str_has_prefix (lines[2], TRUSTED_PREFIX)
      || !decode_base64_exact (lines[3], global_signature, crypto_sign_BYTES))
    {
      g_set_error (error, FALT_MINISIGN_ERROR, FALT_MINISIGN_ERROR_FORMAT,
                   _("This is not a minisign signature"));
      return FALSE;
    }
  *trusted_comment = g_strdup (lines[2] + strlen (TRUSTED_PREFIX));
  return TRUE;
}

static gboolean
verify_data_signature (FaltMinisignPublicKey *key, GBytes *data, const guint8 *record,
                       GError **error)
{
  const guint8 *signature = record + 2 + KEY_ID_BYTES;
  guint8 hash[crypto_generichash_BYTES_MAX];
  const guint8 *message;
  gsize len = 0;

  if (memcmp (record, SIG_ALG_HASHED, 2) == 0)
    {
      hash_for_signing (data, hash);
      message = hash;
      len = sizeof hash;
    }
  else if (memcmp (record, SIG_ALG_LEGACY, 2) == 0)
    message = g_bytes_get_data (data, &len);
  else
    {
      g_set_error (error, FALT_MINISIGN_ERROR, FALT_MINISIGN_ERROR_UNSUPPORTED,
                   _("The signature uses an unknown algorithm"));
      return FALSE;
    }

  if (memcmp (record + 2, key->key_id, KEY_ID_BYTES) != 0)
    {
      g_autofree char *signed_by = format_key_id (record + 2);
      g_autofree char *expected = format_key_id (key->key_id);

      g_set_error (error, FALT_MINISIGN_ERROR, FALT_MINISIGN_ERROR_WRONG_KEY,
                   _("Signed by a different key (key ID %s, expected %s)"), signed_by, expected);
      return FALSE;
    }
  if (crypto_sign_verify_detached (signature, message, len, key->key) != 0)
    {
      g_set_error (error, FALT_MINISIGN_ERROR, FALT_MINISIGN_ERROR_BAD_SIGNATURE,
                   _("The signature does not match: the file was changed"));
      return FALSE;
    }
  return TRUE;
}

/**
 * falt_minisign_verify:
 * @key: the public key to trust
 * @data: the signed data
 * @minisig_text: the text of its `.minisig` file
 * @trusted_comment: (out) (optional): the verified trusted comment
 * @error: return location for a #GError
 *
 * Verifies prehashed ("ED") and legacy ("Ed") signatures and the trusted comment's
 * global signature.
 */
gboolean
falt_minisign_verify (FaltMinisignPublicKey *key, GBytes *data, const char *minisig_text,
                      char **trusted_comment, GError **error)
{
  guint8 record[SIGNATURE_BYTES];
  guint8 global_signature[crypto_sign_BYTES];
  g_autofree char *comment = NULL;
  g_autoptr (GByteArray) message = NULL;

  g_return_val_if_fail (key != NULL && data != NULL && minisig_text != NULL, FALSE);
  ensure_sodium ();

  if (!parse_signature_text (minisig_text, record, global_signature, &comment, error)
      || !verify_data_signature (key, data, record, error))
    return FALSE;

  message = global_signed_message (record + 2 + KEY_ID_BYTES, comment);
  if (crypto_sign_verify_detached (global_signature, message->data, message->len, key->key) != 0)
    {
      g_set_error (error, FALT_MINISIGN_ERROR, FALT_MINISIGN_ERROR_BAD_SIGNATURE,
                   _("The signature's trusted comment was changed"));
      return FALSE;
    }

  if (trusted_comment != NULL)
    *trusted_comment = g_steal_pointer (&comment);
  return TRUE;
}

static gboolean
write_key_file (const char *path, const char *comment, const char *base64, int mode,
                GError **error)
{
  g_autofree char *text = g_strdup_printf (UNTRUSTED_PREFIX "%s\n%s\n", comment, base64);
  g_autoptr (GError) local_error = NULL;
  gboolean written;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, FALT_MINISIGN_ERROR, FALT_MINISIGN_ERROR_IO,
                   _("%s already exists: not overwriting a key"), path);
      return FALSE;
    }
  written = g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, mode,
                                      &local_error);
  sodium_memzero (text, strlen (text));
  if (!written)
    g_set_error (error, FALT_MINISIGN_ERROR, FALT_MINISIGN_ERROR_IO,
                 _("Could not write the key file: %s"), local_error->message);
  return written;
}

/**
 * falt_minisign_generate_encrypted:
 * @public_path: where to write the public key
 * @secret_path: where to write the secret key (mode 0600)
 * @password: (nullable): the password, or %NULL for an unencrypted (`-W` style) key
 * @opslimit: scrypt limit, %FALT_MINISIGN_OPSLIMIT for minisign's default
 * @memlimit: scrypt limit, %FALT_MINISIGN_MEMLIMIT for minisign's default
 * @error: return location for a #GError
 *
 * Writes a key pair minisign reads. Existing files are never overwritten.
 */
gboolean
falt_minisign_generate_encrypted (const char *public_path, const char *secret_path,
                                  const char *password, guint64 opslimit, guint64 memlimit,
                                  GError **error)
{
  SecretKeyRecord record = { 0 };
  guint8 public_key[crypto_sign_PUBLICKEYBYTES];
  g_autofree char *public_base64 = NULL;
  g_autofree char *secret_base64 = NULL;
  g_autofree char *key_id = NULL;
  g_autofree char *public_comment = NULL;
  gboolean written = FALSE;

  ensure_sodium ();
  memcpy (record.sig_alg, SIG_ALG_LEGACY, 2);
  memcpy (record.chk_alg, CHK_ALG_BLAKE2, 2);
  randombytes_buf (record.key_id, sizeof record.key_id);
  crypto_sign_keypair (public_key, record.key);
  /* Before encryption, which covers the key id too. */
  public_base64 = public_key_record_base64 (record.key_id, public_key);
  key_id = format_key_id (record.key_id);

  if (password != NULL)
    {
      memcpy (record.kdf_alg, KDF_ALG_SCRYPT, 2);
      randombytes_buf (record.salt, sizeof record.salt);
      store_le64 (record.opslimit, opslimit);
      store_le64 (record.memlimit, memlimit);
      compute_checksum (&record, record.checksum);
      if (!apply_password (&record, password, error))
        goto out;
    }

  secret_base64 = encode_base64 ((const guint8 *) &record, sizeof record);
  public_comment = g_strdup_printf ("minisign public key %s", key_id);
  if (g_file_test (public_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, FALT_MINISIGN_ERROR, FALT_MINISIGN_ERROR_IO,
                   _("%s already exists: not overwriting a key"), public_path);
      goto out;
    }
  written = write_key_file (secret_path, "minisign encrypted secret key", secret_base64, 0600,
                            error)
            && write_key_file (public_path, public_comment, public_base64, 0644, error);

out:
  sodium_memzero (&record, sizeof record);
  if (secret_base64 != NULL)
    sodium_memzero (secret_base64, strlen (secret_base64));
  return written;
}

/**
 * falt_minisign_generate:
 * @public_path: where to write the public key
 * @secret_path: where to write the secret key (mode 0600)
 * @error: return location for a #GError
 *
 * Writes an unencrypted key pair, like `minisign -G -W`.
 */
gboolean
falt_minisign_generate (const char *public_path, const char *secret_path, GError **error)
{
  return falt_minisign_generate_encrypted (public_path, secret_path, NULL, 0, 0, error);
}
