/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void  falt_dial_launcher_install_actions (GtkApplication *application,
                                          GSettings      *settings);
guint falt_dial_launcher_get_pending     (GtkApplication *application);

G_END_DECLS
