/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* What each field of a section, contact or coordinator may hold. The same tables check the
 * content source (with `file:line:` messages, in src/publish) and a feed's manifest (here), so
 * what publishing accepts is exactly what the app accepts. */
typedef enum
{
  FALT_FIELD_ID,
  FALT_FIELD_TEXT,
  FALT_FIELD_TEXT_OR_NULL,
  FALT_FIELD_INT,
  FALT_FIELD_BOOL,
  FALT_FIELD_TEXTS,        /* list of non-empty strings */
  FALT_FIELD_TRANSLATED,   /* {"sv": "…", "en": "…"}, sv required */
  FALT_FIELD_DATE,
  FALT_FIELD_LANG,
  FALT_FIELD_HOURS,        /* null, or "mon-fri 08:00-17:00" groups */
  FALT_FIELD_TARGET_GROUP,
} FaltFieldType;

typedef struct
{
  const char    *name;
  FaltFieldType  type;
  gboolean       required;
} FaltField;

extern const FaltField falt_feed_section_fields[];
extern const FaltField falt_feed_contact_fields[];
extern const FaltField falt_feed_coordinator_fields[];

/* The languages content comes in, in the order translations are listed. */
extern const char * const falt_feed_languages[];

gboolean         falt_feed_is_language          (const char      *text);
gboolean         falt_feed_is_document_id       (const char      *id);
gboolean         falt_feed_is_date              (const char      *text);
gboolean         falt_feed_is_blob_name         (const char      *name);
gboolean         falt_feed_is_hours             (const char      *text);
gboolean         falt_feed_field_is_valid       (JsonNode        *node,
                                                 FaltFieldType    type);
const char      *falt_feed_field_describe       (FaltFieldType    type);
const FaltField *falt_feed_find_bad_field       (JsonObject      *object,
                                                 const FaltField *fields,
                                                 gboolean        *missing);
gboolean         falt_feed_json_depth_ok        (const char      *data,
                                                 gsize            length,
                                                 guint            max_depth);
gssize           falt_feed_json_too_deep_at     (const char      *data,
                                                 gsize            length,
                                                 guint            max_depth);
gssize           falt_feed_json_bad_escape_at   (const char      *data,
                                                 gsize            length);

/* Deeper than any real manifest or source file; shallow enough for json-glib's recursion. */
#define FALT_FEED_MAX_JSON_DEPTH 32

G_END_DECLS
