/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define FALT_PUBLISH_ERROR (falt_publish_error_quark ())

/**
 * FaltPublishError:
 * @FALT_PUBLISH_ERROR_SOURCE: a file of the content source is wrong (message: `file:line: …`)
 * @FALT_PUBLISH_ERROR_IO: a file could not be read or written
 * @FALT_PUBLISH_ERROR_USAGE: the command line is wrong
 */
typedef enum
{
  FALT_PUBLISH_ERROR_SOURCE,
  FALT_PUBLISH_ERROR_IO,
  FALT_PUBLISH_ERROR_USAGE,
} FaltPublishError;

GQuark falt_publish_error_quark (void);

/* One translation of a document, from an article or a PDF with its metadata. */
typedef struct
{
  char     *id;
  char     *lang;
  char     *kind;       /* "article" or "pdf" */
  char     *section;
  char     *title;
  char     *summary;    /* nullable */
  char     *updated;    /* YYYY-MM-DD */
  GStrv     tags;
  gboolean  example;
  GBytes   *body;       /* the blob: Markdown without front matter, or the PDF */
  char     *path;       /* the file it came from, for messages */
  guint     body_line;  /* the file's line the body starts on (articles) */
  guint     section_line;
} FaltContentItem;

void falt_content_item_free (FaltContentItem *item);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FaltContentItem, falt_content_item_free)

#define FALT_TYPE_CONTENT_SOURCE (falt_content_source_get_type ())
G_DECLARE_FINAL_TYPE (FaltContentSource, falt_content_source, FALT, CONTENT_SOURCE, GObject)

FaltContentSource *falt_content_source_load             (const char        *dir,
                                                         GError           **error);
JsonNode          *falt_content_source_get_sections     (FaltContentSource *self);
JsonNode          *falt_content_source_get_contacts     (FaltContentSource *self);
JsonNode          *falt_content_source_get_coordinators (FaltContentSource *self);
GPtrArray         *falt_content_source_get_items        (FaltContentSource *self);
GPtrArray         *falt_content_source_get_files        (FaltContentSource *self);

/* Shared by the content source's parsers. */
gboolean falt_source_error (GError    **error,
                            const char *path,
                            guint       line,
                            const char *format,
                            ...) G_GNUC_PRINTF (4, 5);
gboolean falt_source_is_language  (const char *text);
gboolean falt_source_split_name   (const char *file_name,
                                   const char *extension,
                                   char      **id,
                                   char      **lang);

/* falt-content-links.c */
gboolean falt_content_check_links (GPtrArray  *items,
                                   GError    **error);

/* falt-content-article.c */
FaltContentItem *falt_content_article_load (const char  *path,
                                            GHashTable  *sections,
                                            GError     **error);

G_END_DECLS
