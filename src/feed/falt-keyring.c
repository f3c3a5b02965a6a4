/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-feed"

#include <glib/gi18n.h>

#include "falt-feed.h"
#include "falt-keyring.h"

/* The public keys a feed from the network or a file may be signed with: the one the build was
 * configured with, and minisign `.pub` files an administrator (/etc/faltstod/trusted-keys/) or
 * the user ($XDG_CONFIG_HOME/faltstod/trusted-keys/) put there. */

struct _FaltKeyring
{
  GObject    parent_instance;
  GPtrArray *keys;   /* FaltMinisignPublicKey */
};

G_DEFINE_FINAL_TYPE (FaltKeyring, falt_keyring, G_TYPE_OBJECT)

static void
falt_keyring_finalize (GObject *object)
{
  FaltKeyring *self = FALT_KEYRING (object);

  g_clear_pointer (&self->keys, g_ptr_array_unref);
  G_OBJECT_CLASS (falt_keyring_parent_class)->finalize (object);
}

static void
falt_keyring_class_init (FaltKeyringClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = falt_keyring_finalize;
}

static void
falt_keyring_init (FaltKeyring *self)
{
  self->keys = g_ptr_array_new_with_free_func ((GDestroyNotify) falt_minisign_public_key_unref);
}

/**
 * falt_keyring_new:
 *
 * Returns: (transfer full): an empty keyring
 */
FaltKeyring *
falt_keyring_new (void)
{
  return g_object_new (FALT_TYPE_KEYRING, NULL);
}

/**
 * falt_keyring_new_default:
 * @built_in_key: (nullable): the build's public key (base64 line or `.pub` text), or %NULL/""
 *
 * Returns: (transfer full): the keys the app trusts: @built_in_key, then the `.pub` files in
 *   /etc/faltstod/trusted-keys/ and $XDG_CONFIG_HOME/faltstod/trusted-keys/
 */
FaltKeyring *
falt_keyring_new_default (const char *built_in_key)
{
  FaltKeyring *self = falt_keyring_new ();
  g_autofree char *user_dir = g_build_filename (g_get_user_config_dir (), "faltstod", "trusted-keys", NULL);
  g_autoptr (GError) error = NULL;

  if (built_in_key != NULL && *built_in_key != '\0' && !falt_keyring_add_key_text (self, built_in_key, &error))
    g_warning ("The built-in feed key is not usable: %s", error->message);
  falt_keyring_load_dir (self, "/etc/faltstod/trusted-keys");
  falt_keyring_load_dir (self, user_dir);
  return self;
}

void
falt_keyring_add_key (FaltKeyring *self, FaltMinisignPublicKey *key)
{
  g_return_if_fail (FALT_IS_KEYRING (self));
  g_ptr_array_add (self->keys, falt_minisign_public_key_ref (key));
}

/**
 * falt_keyring_add_key_text:
 * @self: a #FaltKeyring
 * @text: a minisign public key: a `.pub` file's text or its base64 line
 * @error: return location for a #GError
 */
gboolean
falt_keyring_add_key_text (FaltKeyring *self, const char *text, GError **error)
{
  g_autoptr (FaltMinisignPublicKey) key = falt_minisign_public_key_new_from_string (text, error);

  if (key == NULL)
    return FALSE;
  falt_keyring_add_key (self, key);
  return TRUE;
}

/**
 * falt_keyring_load_dir:
 * @self: a #FaltKeyring
 * @dir: a folder of minisign `.pub` files
 *
 * Adds every readable key; a missing folder is no error, an unreadable key is logged.
 *
 * Returns: how many keys were added
 */
guint
falt_keyring_load_dir (FaltKeyring *self, const char *dir)
{
  g_autoptr (GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;
  guint added = 0;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr (GBytes) bytes = NULL;
      g_autoptr (GError) error = NULL;
      g_autofree char *text = NULL;

      if (!g_str_has_suffix (name, ".pub"))
        continue;
      if ((bytes = falt_feed_read_file (path, FALT_FEED_MAX_SIGNATURE_SIZE, &error)) != NULL)
        {
          text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
          if (falt_keyring_add_key_text (self, text, &error))
            added++;
        }
      if (error != NULL)
        g_warning ("Ignoring the trusted key %s: %s", path, error->message);
    }
  return added;
}

guint
falt_keyring_get_n_keys (FaltKeyring *self)
{
  return self->keys->len;
}

/**
 * falt_keyring_verify:
 * @self: a #FaltKeyring
 * @data: the signed bytes
 * @minisig_text: a minisign signature file's text
 * @error: return location for a #GError in %FALT_FEED_ERROR (%FALT_FEED_ERROR_SIGNATURE)
 *
 * Returns: whether one of the keys made the signature, over @data and its trusted comment
 */
gboolean
falt_keyring_verify (FaltKeyring *self, GBytes *data, const char *minisig_text, GError **error)
{
  g_autoptr (GError) last_error = NULL;

  g_return_val_if_fail (FALT_IS_KEYRING (self), FALSE);

  if (self->keys->len == 0)
    {
      g_set_error (error, FALT_FEED_ERROR, FALT_FEED_ERROR_SIGNATURE,
                   _("No key to check the feed's signature with is configured: this installation trusts no update source"));
      return FALSE;
    }
  for (guint i = 0; i < self->keys->len; i++)
    {
      g_clear_error (&last_error);
      if (falt_minisign_verify (self->keys->pdata[i], data, minisig_text, NULL, &last_error))
        return TRUE;
      /* Another key may have made it; any other failure is final. */
      if (!g_error_matches (last_error, FALT_MINISIGN_ERROR, FALT_MINISIGN_ERROR_WRONG_KEY))
        break;
    }
  if (g_error_matches (last_error, FALT_MINISIGN_ERROR, FALT_MINISIGN_ERROR_WRONG_KEY))
    g_set_error (error, FALT_FEED_ERROR, FALT_FEED_ERROR_SIGNATURE,
                 _("The feed is signed with a key this installation does not trust"));
  else
    g_set_error (error, FALT_FEED_ERROR, FALT_FEED_ERROR_SIGNATURE,
                 _("The feed's signature is not valid: %s"), last_error->message);
  return FALSE;
}
