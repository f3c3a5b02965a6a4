/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define FALT_MINISIGN_ERROR (falt_minisign_error_quark ())

/**
 * FaltMinisignError:
 * @FALT_MINISIGN_ERROR_FORMAT: the text is not a minisign key or signature
 * @FALT_MINISIGN_ERROR_UNSUPPORTED: a minisign algorithm this code does not know
 * @FALT_MINISIGN_ERROR_WRONG_KEY: signed by a different key than the one given
 * @FALT_MINISIGN_ERROR_BAD_SIGNATURE: the signature does not match the data or comment
 * @FALT_MINISIGN_ERROR_PASSWORD: the password does not decrypt the secret key
 * @FALT_MINISIGN_ERROR_IO: a key file could not be read or written
 */
typedef enum
{
  FALT_MINISIGN_ERROR_FORMAT,
  FALT_MINISIGN_ERROR_UNSUPPORTED,
  FALT_MINISIGN_ERROR_WRONG_KEY,
  FALT_MINISIGN_ERROR_BAD_SIGNATURE,
  FALT_MINISIGN_ERROR_PASSWORD,
  FALT_MINISIGN_ERROR_IO,
} FaltMinisignError;

GQuark falt_minisign_error_quark (void);

#define FALT_TYPE_MINISIGN_PUBLIC_KEY (falt_minisign_public_key_get_type ())
#define FALT_TYPE_MINISIGN_SECRET_KEY (falt_minisign_secret_key_get_type ())

typedef struct _FaltMinisignPublicKey FaltMinisignPublicKey;
typedef struct _FaltMinisignSecretKey FaltMinisignSecretKey;

GType                  falt_minisign_public_key_get_type        (void) G_GNUC_CONST;
FaltMinisignPublicKey *falt_minisign_public_key_new_from_string (const char             *text,
                                                                 GError                **error);
FaltMinisignPublicKey *falt_minisign_public_key_load            (const char             *path,
                                                                 GError                **error);
FaltMinisignPublicKey *falt_minisign_public_key_ref             (FaltMinisignPublicKey  *key);
void                   falt_minisign_public_key_unref           (FaltMinisignPublicKey  *key);
char                  *falt_minisign_public_key_get_id          (FaltMinisignPublicKey  *key);
char                  *falt_minisign_public_key_to_base64       (FaltMinisignPublicKey  *key);

GType                  falt_minisign_secret_key_get_type        (void) G_GNUC_CONST;
FaltMinisignSecretKey *falt_minisign_secret_key_load            (const char             *path,
                                                                 const char             *password,
                                                                 GError                **error);
FaltMinisignSecretKey *falt_minisign_secret_key_new_from_string (const char             *text,
                                                                 const char             *password,
                                                                 GError                **error);
gboolean               falt_minisign_secret_key_is_encrypted_file (const char           *path,
                                                                 GError                **error);
FaltMinisignSecretKey *falt_minisign_secret_key_ref             (FaltMinisignSecretKey  *key);
void                   falt_minisign_secret_key_unref           (FaltMinisignSecretKey  *key);
char                  *falt_minisign_secret_key_get_id          (FaltMinisignSecretKey  *key);

char    *falt_minisign_sign     (FaltMinisignSecretKey  *key,
                                 GBytes                 *data,
                                 const char             *trusted_comment,
                                 GError                **error);
gboolean falt_minisign_verify   (FaltMinisignPublicKey  *key,
                                 GBytes                 *data,
                                 const char             *minisig_text,
                                 char                  **trusted_comment,
                                 GError                **error);
gboolean falt_minisign_generate (const char             *public_path,
                                 const char             *secret_path,
                                 GError                **error);
gboolean falt_minisign_generate_encrypted (const char   *public_path,
                                           const char   *secret_path,
                                           const char   *password,
                                           guint64       opslimit,
                                           guint64       memlimit,
                                           GError      **error);

/* minisign's own scrypt limits for password-protected keys (about 1 GiB). */
#define FALT_MINISIGN_OPSLIMIT G_GUINT64_CONSTANT (33554432)
#define FALT_MINISIGN_MEMLIMIT G_GUINT64_CONSTANT (1073741824)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FaltMinisignPublicKey, falt_minisign_public_key_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FaltMinisignSecretKey, falt_minisign_secret_key_unref)

G_END_DECLS
