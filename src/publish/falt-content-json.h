/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "falt-content-source.h"

G_BEGIN_DECLS

/* A JSON file of the content source, remembering on which line each member was read. */
typedef struct _FaltSourceJson FaltSourceJson;

FaltSourceJson  *falt_source_json_load           (const char      *path,
                                                  GError         **error);
void             falt_source_json_free           (FaltSourceJson  *json);
JsonNode        *falt_source_json_get_root       (FaltSourceJson  *json);

gboolean         falt_content_json_check_sections     (FaltSourceJson  *json,
                                                       GHashTable      *ids,
                                                       GError         **error);
gboolean         falt_content_json_check_contacts     (FaltSourceJson  *json,
                                                       GError         **error);
gboolean         falt_content_json_check_coordinators (FaltSourceJson  *json,
                                                       GError         **error);
FaltContentItem *falt_content_pdf_load                (const char      *pdf_path,
                                                       const char      *metadata_path,
                                                       GHashTable      *sections,
                                                       GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FaltSourceJson, falt_source_json_free)

G_END_DECLS
