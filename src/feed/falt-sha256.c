/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-feed"

#include <nettle/sha2.h>

#include "falt-sha256.h"

struct _FaltSha256
{
  struct sha256_ctx context;
};

FaltSha256 *
falt_sha256_new (void)
{
  FaltSha256 *self = g_new (FaltSha256, 1);

  sha256_init (&self->context);
  return self;
}

void
falt_sha256_update (FaltSha256 *self,
                    const void *data,
                    gsize       length)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (data != NULL || length == 0);

  if (length > 0)
    sha256_update (&self->context, length, data);
}

void
falt_sha256_reset (FaltSha256 *self)
{
  g_return_if_fail (self != NULL);

  sha256_init (&self->context);
}

/**
 * falt_sha256_dup_hex:
 * @self: a hash being computed
 *
 * Returns: (transfer full): the hash of what was added, as 64 lowercase hex digits. Unlike
 *   GChecksum, @self starts afresh afterwards (nettle resets it).
 */
char *
falt_sha256_dup_hex (FaltSha256 *self)
{
  static const char digits[] = "0123456789abcdef";
  guint8 digest[SHA256_DIGEST_SIZE];
  char *hex = g_malloc (2 * SHA256_DIGEST_SIZE + 1);

  g_return_val_if_fail (self != NULL, NULL);

  sha256_digest (&self->context, sizeof digest, digest);
  for (gsize i = 0; i < sizeof digest; i++)
    {
      hex[2 * i] = digits[digest[i] >> 4];
      hex[2 * i + 1] = digits[digest[i] & 0xf];
    }
  hex[2 * SHA256_DIGEST_SIZE] = '\0';
  return hex;
}

void
falt_sha256_free (FaltSha256 *self)
{
  g_free (self);
}

char *
falt_sha256_hex_for_data (const void *data,
                          gsize       length)
{
  g_autoptr (FaltSha256) hash = falt_sha256_new ();

  falt_sha256_update (hash, data, length);
  return falt_sha256_dup_hex (hash);
}

char *
falt_sha256_hex_for_bytes (GBytes *bytes)
{
  gsize length = 0;
  const void *data;

  g_return_val_if_fail (bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &length);
  return falt_sha256_hex_for_data (data, length);
}
