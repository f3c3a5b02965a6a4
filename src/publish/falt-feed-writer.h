/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "falt-content-source.h"
#include "feed/falt-minisign.h"

G_BEGIN_DECLS

/**
 * FaltFeedBuildOptions:
 * @version: the feed's version, strictly increasing between publications
 * @created: when it was made; fixed for reproducible builds
 * @expires_days: days until it expires, 0 for never
 * @mirrors: (nullable): addresses where the same feed can be fetched
 * @source_label: free text for the manifest's "source"
 * @key: (nullable): the key to sign with; %NULL for an unsigned feed
 * @trusted_comment: (nullable): the signature's trusted comment; %NULL for one naming the version
 */
typedef struct
{
  gint64                 version;
  GDateTime             *created;
  guint                  expires_days;
  const char *const     *mirrors;
  const char            *source_label;
  FaltMinisignSecretKey *key;
  const char            *trusted_comment;
} FaltFeedBuildOptions;

JsonNode *falt_feed_writer_build_manifest (FaltContentSource          *source,
                                           const FaltFeedBuildOptions *options);
gboolean  falt_feed_writer_write          (FaltContentSource          *source,
                                           const FaltFeedBuildOptions *options,
                                           const char                 *out_dir,
                                           GError                    **error);
gboolean  falt_feed_writer_write_depfile  (FaltContentSource          *source,
                                           const char                 *target,
                                           const char                 *depfile,
                                           GError                    **error);

G_END_DECLS
