/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "falt-window.h"

G_BEGIN_DECLS

int         falt_present_monitor_choose        (const GdkRectangle *geometries,
                                                guint               n_monitors,
                                                int                 current);
GdkMonitor *falt_present_monitor_for_window    (GtkWindow          *window);

/* In falt-window-present.c, for tests. */
GdkMonitor *falt_window_get_presentation_monitor (FaltWindow       *self);

G_END_DECLS
