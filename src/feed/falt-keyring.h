/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "falt-minisign.h"

G_BEGIN_DECLS

#define FALT_TYPE_KEYRING (falt_keyring_get_type ())
G_DECLARE_FINAL_TYPE (FaltKeyring, falt_keyring, FALT, KEYRING, GObject)

FaltKeyring *falt_keyring_new              (void);
FaltKeyring *falt_keyring_new_default      (const char             *built_in_key);
void         falt_keyring_add_key          (FaltKeyring            *self,
                                            FaltMinisignPublicKey  *key);
gboolean     falt_keyring_add_key_text     (FaltKeyring            *self,
                                            const char             *text,
                                            GError                **error);
guint        falt_keyring_load_dir         (FaltKeyring            *self,
                                            const char             *dir);
guint        falt_keyring_get_n_keys       (FaltKeyring            *self);
gboolean     falt_keyring_verify           (FaltKeyring            *self,
                                            GBytes                 *data,
                                            const char             *minisig_text,
                                            GError                **error);

G_END_DECLS
