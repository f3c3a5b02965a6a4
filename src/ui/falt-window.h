/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "store/falt-store.h"
#include "sync/falt-updater.h"

G_BEGIN_DECLS

#define FALT_TYPE_WINDOW (falt_window_get_type ())
G_DECLARE_FINAL_TYPE (FaltWindow, falt_window, FALT, WINDOW, AdwApplicationWindow)

FaltWindow  *falt_window_new              (AdwApplication *application,
                                           FaltStore      *store,
                                           FaltUpdater    *updater,
                                           GSettings      *settings);
FaltWindow  *falt_window_new_for_file     (AdwApplication *application,
                                           FaltStore      *store,
                                           FaltUpdater    *updater,
                                           GSettings      *settings,
                                           GFile          *file);
void         falt_window_open_document    (FaltWindow     *self,
                                           const char     *id,
                                           int             page);
void         falt_window_open_file        (FaltWindow     *self,
                                           GFile          *file);
void         falt_window_show_page        (FaltWindow     *self,
                                           const char     *page_name);
const char  *falt_window_get_visible_page (FaltWindow     *self);
GListModel  *falt_window_get_page_names   (FaltWindow     *self);
const char  *falt_window_get_content_title (FaltWindow    *self);
void         falt_window_add_toast        (FaltWindow     *self,
                                           const char     *message);
void         falt_window_add_toast_with_action (FaltWindow *self,
                                           const char     *message,
                                           const char     *button_label,
                                           const char     *action_name,
                                           GVariant       *target);

void        falt_window_set_presenting     (FaltWindow *self,
                                            gboolean    presenting);
gboolean    falt_window_get_presenting     (FaltWindow *self);

G_END_DECLS
