/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "sync/falt-updater.h"

G_BEGIN_DECLS

#define FALT_TYPE_UPDATE_BAR (falt_update_bar_get_type ())
G_DECLARE_FINAL_TYPE (FaltUpdateBar, falt_update_bar, FALT, UPDATE_BAR, GtkWidget)

GtkWidget *falt_update_bar_new (FaltUpdater *updater);

G_END_DECLS
