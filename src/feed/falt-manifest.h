/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * FaltManifestKind:
 * @FALT_MANIFEST_KIND_ARTICLE: Markdown text (text/markdown)
 * @FALT_MANIFEST_KIND_PDF: a PDF (application/pdf)
 *
 * What a document is; a blob is checked for each kind of document that uses it.
 */
typedef enum
{
  FALT_MANIFEST_KIND_ARTICLE = 1 << 0,
  FALT_MANIFEST_KIND_PDF = 1 << 1,
} FaltManifestKind;

typedef struct
{
  char   *id;
  char   *icon;
  gint64  order;
  GHashTable *titles;          /* lang → text */
} FaltManifestSection;

typedef struct
{
  char       *id;
  char       *number;
  char       *hours;
  gboolean    hours_example;
  gboolean    example;
  GHashTable *names;           /* lang → text */
  GHashTable *when;            /* lang → text, may be empty */
} FaltManifestContact;

typedef struct
{
  char     *id;
  char     *region;
  char     *name;
  char     *organisation;
  char     *target_group;
  char     *phone;
  char     *email;
  char     *hours;
  char     *verified;
  GStrv     counties;
  GStrv     municipalities;
  gboolean  example;
} FaltManifestCoordinator;

typedef struct
{
  char   *lang;
  char   *title;
  char   *summary;
  char   *updated;
  char   *blob;
  gint64  size;
} FaltManifestTranslation;

typedef struct
{
  char             *id;
  FaltManifestKind  kind;
  char             *section;
  GStrv             tags;
  gboolean          example;
  GPtrArray        *translations;   /* FaltManifestTranslation, in falt_feed_languages order */
} FaltManifestDocument;

/**
 * FaltManifestBlob:
 * @sha256: its name
 * @size: its size in bytes
 * @kinds: the #FaltManifestKind of every document using it, or-ed
 */
typedef struct
{
  char   *sha256;
  gint64  size;
  guint   kinds;
} FaltManifestBlob;

#define FALT_TYPE_MANIFEST (falt_manifest_get_type ())
G_DECLARE_FINAL_TYPE (FaltManifest, falt_manifest, FALT, MANIFEST, GObject)

FaltManifest *falt_manifest_new_from_bytes      (GBytes        *bytes,
                                                 GError       **error);
gboolean      falt_manifest_check_expiry        (FaltManifest  *self,
                                                 GDateTime     *now,
                                                 GError       **error);
GBytes       *falt_manifest_get_bytes           (FaltManifest  *self);
gint64        falt_manifest_get_version         (FaltManifest  *self);
GDateTime    *falt_manifest_get_created         (FaltManifest  *self);
const char   *falt_manifest_get_created_text    (FaltManifest  *self);
GDateTime    *falt_manifest_get_expires         (FaltManifest  *self);
const char   *falt_manifest_get_source          (FaltManifest  *self);
const char * const *falt_manifest_get_mirrors   (FaltManifest  *self);
GPtrArray    *falt_manifest_get_sections        (FaltManifest  *self);
GPtrArray    *falt_manifest_get_contacts        (FaltManifest  *self);
GPtrArray    *falt_manifest_get_coordinators    (FaltManifest  *self);
GPtrArray    *falt_manifest_get_documents       (FaltManifest  *self);
GPtrArray    *falt_manifest_get_blobs           (FaltManifest  *self);
FaltManifestBlob *falt_manifest_lookup_blob     (FaltManifest  *self,
                                                 const char    *sha256);
gint64        falt_manifest_get_total_size      (FaltManifest  *self);

const char   *falt_manifest_kind_to_string      (FaltManifestKind kind);

G_END_DECLS
