/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Caps for the files of a content source: far above any real article,
 * JSON file or brochure, far below what would exhaust memory. */
#define FALT_SOURCE_FILE_MAX_TEXT (16 * 1024 * 1024)
#define FALT_SOURCE_FILE_MAX_PDF  (512 * 1024 * 1024)

char *falt_source_file_read (const char  *path,
                             gsize        max_size,
                             gsize       *length,
                             GError     **error);

G_END_DECLS
