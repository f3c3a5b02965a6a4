/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "falt-feed-fields.h"
#include "falt-keyring.h"
#include "falt-manifest.h"
#include "falt-minisign.h"

G_BEGIN_DECLS

#define FALT_FEED_ERROR (falt_feed_error_quark ())

/**
 * FaltFeedError:
 * @FALT_FEED_ERROR_SIGNATURE: unsigned, signed by a key not trusted, or the signature does not match
 * @FALT_FEED_ERROR_TAMPERED: a file's content is not what the manifest says
 * @FALT_FEED_ERROR_TRUNCATED: a file or part of a bundle is missing or cut short
 * @FALT_FEED_ERROR_MALFORMED: the manifest is not a feed manifest this version understands
 * @FALT_FEED_ERROR_EXPIRED: the manifest's expiry date has passed
 * @FALT_FEED_ERROR_UNSAFE_BUNDLE: a bundle holds something a feed never holds (links, other paths)
 * @FALT_FEED_ERROR_IO: a file could not be read or written
 * @FALT_FEED_ERROR_TOO_LARGE: a file is larger than a feed allows or than announced
 * @FALT_FEED_ERROR_BAD_CONTENT: a blob is not what its document's kind needs (text, a PDF)
 * @FALT_FEED_ERROR_LOCKED: a PDF is locked with a password
 * @FALT_FEED_ERROR_NOT_TEXT: a blob used by an article is not UTF-8 text without NUL bytes
 */
typedef enum
{
  FALT_FEED_ERROR_SIGNATURE,
  FALT_FEED_ERROR_TAMPERED,
  FALT_FEED_ERROR_TRUNCATED,
  FALT_FEED_ERROR_MALFORMED,
  FALT_FEED_ERROR_EXPIRED,
  FALT_FEED_ERROR_UNSAFE_BUNDLE,
  FALT_FEED_ERROR_IO,
  FALT_FEED_ERROR_TOO_LARGE,
  FALT_FEED_ERROR_BAD_CONTENT,
  FALT_FEED_ERROR_LOCKED,
  FALT_FEED_ERROR_NOT_TEXT,
} FaltFeedError;

#define FALT_FEED_FORMAT 1
#define FALT_FEED_MANIFEST "manifest.json"
#define FALT_FEED_SIGNATURE "manifest.json.minisig"
#define FALT_FEED_BLOBS "blobs"
/* Limits for what a feed may hold: far above real content, low enough to stop a hostile one. */
#define FALT_FEED_MAX_MANIFEST_SIZE (16 * 1024 * 1024)
#define FALT_FEED_MAX_SIGNATURE_SIZE 4096
#define FALT_FEED_MAX_BLOB_SIZE (G_GINT64_CONSTANT (256) * 1024 * 1024)
#define FALT_FEED_MAX_BUNDLE_SIZE (G_GINT64_CONSTANT (2) * 1024 * 1024 * 1024)

GQuark        falt_feed_error_quark          (void);

GBytes       *falt_feed_read_file            (const char         *path,
                                              gsize               limit,
                                              GError            **error);
FaltManifest *falt_feed_verify_manifest      (GBytes             *manifest_bytes,
                                              const char         *signature_text,
                                              FaltKeyring        *keyring,
                                              GDateTime          *now,
                                              GError            **error);
FaltManifest *falt_feed_load_dir             (const char         *feed_dir,
                                              FaltKeyring        *keyring,
                                              char              **signature_out,
                                              GError            **error);
gboolean      falt_feed_check_blob           (const FaltManifestBlob *blob,
                                              GBytes             *data,
                                              GError            **error);
gboolean      falt_feed_check_blob_content   (const char         *sha256,
                                              guint               kinds,
                                              GBytes             *data,
                                              GError            **error);
GBytes       *falt_feed_read_blob            (const char         *feed_dir,
                                              const FaltManifestBlob *blob,
                                              GError            **error);
gboolean      falt_feed_check_blobs          (const char         *feed_dir,
                                              FaltManifest       *manifest,
                                              GError            **error);
gint64        falt_feed_peek_version         (const char         *feed_dir);
char         *falt_feed_hash_file            (const char         *path,
                                              goffset            *size_out,
                                              GError            **error);

/* falt-feed-bundle.c */
FaltManifest *falt_feed_read_bundle_manifest (const char         *bundle_path,
                                              FaltKeyring        *keyring,
                                              char              **signature_out,
                                              GError            **error);
gboolean      falt_feed_extract_bundle_blobs (const char         *bundle_path,
                                              FaltManifest       *manifest,
                                              GHashTable         *wanted,
                                              const char         *blobs_dir,
                                              GCancellable       *cancellable,
                                              GError            **error);
typedef GBytes *(*FaltFeedBlobFunc) (const FaltManifestBlob *blob,
                                     gpointer                user_data,
                                     GError                **error);
gboolean      falt_feed_write_bundle_from    (const char         *bundle_path,
                                              FaltManifest       *manifest,
                                              const char         *signature,
                                              FaltFeedBlobFunc    get_blob,
                                              gpointer            user_data,
                                              GError            **error);
gboolean      falt_feed_write_bundle         (const char         *feed_dir,
                                              const char         *bundle_path,
                                              GError            **error);
gboolean      falt_feed_remove_dir           (const char         *dir,
                                              GError            **error);

G_END_DECLS
