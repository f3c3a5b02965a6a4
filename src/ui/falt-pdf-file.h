/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The largest PDF read from disk: it is held in memory whole. */
#define FALT_PDF_FILE_MAX_SIZE (G_GINT64_CONSTANT (512) * 1024 * 1024)

GBytes *falt_pdf_file_load        (GFile               *file,
                                   GCancellable        *cancellable,
                                   GError             **error);
void    falt_pdf_file_load_async  (GFile               *file,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
GBytes *falt_pdf_file_load_finish (GFile               *file,
                                   GAsyncResult        *result,
                                   GError             **error);

G_END_DECLS
