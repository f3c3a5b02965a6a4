/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "falt-pdf-document.h"

G_BEGIN_DECLS

GtkPrintOperation *falt_pdf_print_operation_new (FaltPdfDocument *document,
                                                 const char      *title);

void               falt_pdf_print_operation_export_range (GtkPrintOperation *operation,
                                                          GtkPrintSettings  *settings);

G_END_DECLS
