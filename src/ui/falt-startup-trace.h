/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void falt_startup_trace           (const char *what);
void falt_startup_trace_printf    (const char *format,
                                   ...) G_GNUC_PRINTF (1, 2);
void falt_startup_trace_watch     (GtkWidget  *window);
gboolean falt_startup_trace_waits_for_page (void);
void falt_startup_trace_page_drawn (void);

G_END_DECLS
