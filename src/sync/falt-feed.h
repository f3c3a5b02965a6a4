/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "falt-minisign.h"

G_BEGIN_DECLS

#define FALT_FEED_ERROR (falt_feed_error_quark ())

/**
 * FaltFeedError:
 * @FALT_FEED_ERROR_SIGNATURE: unsigned, signed by another key, or the signature does not match
 * @FALT_FEED_ERROR_TAMPERED: a file's content is not what the manifest says
 * @FALT_FEED_ERROR_TRUNCATED: a file or part of a bundle is missing or cut short
 * @FALT_FEED_ERROR_MALFORMED: the manifest is not a feed manifest this version understands
 * @FALT_FEED_ERROR_EXPIRED: the manifest's expiry date has passed
 * @FALT_FEED_ERROR_UNSAFE_BUNDLE: a bundle holds something a feed never holds (links, other paths)
 * @FALT_FEED_ERROR_IO: a file could not be read or written
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

GQuark   falt_feed_error_quark        (void);

gboolean falt_feed_verify_dir         (const char             *feed_dir,
                                       FaltMinisignPublicKey  *key,
                                       JsonObject            **manifest_out,
                                       GError                **error);
gboolean falt_feed_validate_manifest  (JsonObject             *manifest,
                                       GDateTime              *now,
                                       GError                **error);
gboolean falt_feed_check_blobs        (const char             *feed_dir,
                                       JsonObject             *manifest,
                                       GError                **error);
gboolean falt_feed_is_blob_name       (const char             *name);
gboolean falt_feed_is_document_id     (const char             *id);
gboolean falt_feed_is_date            (const char             *text);
char    *falt_feed_hash_file          (const char             *path,
                                       goffset                *size_out,
                                       GError                **error);

char    *falt_feed_unpack_bundle      (const char             *bundle_path,
                                       GError                **error);
gboolean falt_feed_write_bundle       (const char             *feed_dir,
                                       const char             *bundle_path,
                                       GError                **error);
gboolean falt_feed_remove_dir         (const char             *dir,
                                       GError                **error);

G_END_DECLS
