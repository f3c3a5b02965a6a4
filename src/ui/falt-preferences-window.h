/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "store/falt-store.h"
#include "sync/falt-updater.h"

G_BEGIN_DECLS

#define FALT_TYPE_PREFERENCES_WINDOW (falt_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (FaltPreferencesWindow, falt_preferences_window, FALT, PREFERENCES_WINDOW, AdwPreferencesWindow)

FaltPreferencesWindow *falt_preferences_window_new (FaltStore   *store,
                                                    FaltUpdater *updater,
                                                    GSettings   *settings);

G_END_DECLS
