/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* SHA-256 as the feed names its blobs: lowercase hex. Nettle's, which uses the CPU's SHA
 * instructions where it has them (about three times GChecksum's speed on this kind of machine),
 * so hashing keeps up with a fast download. */
typedef struct _FaltSha256 FaltSha256;

FaltSha256 *falt_sha256_new            (void);
void        falt_sha256_update         (FaltSha256   *self,
                                        const void   *data,
                                        gsize         length);
void        falt_sha256_reset          (FaltSha256   *self);
char       *falt_sha256_dup_hex        (FaltSha256   *self);
void        falt_sha256_free           (FaltSha256   *self);
char       *falt_sha256_hex_for_data   (const void   *data,
                                        gsize         length);
char       *falt_sha256_hex_for_bytes  (GBytes       *bytes);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FaltSha256, falt_sha256_free)

G_END_DECLS
