/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "store/falt-store.h"
#include "sync/falt-updater.h"

G_BEGIN_DECLS

#define FALT_TYPE_APPLICATION (falt_application_get_type ())
G_DECLARE_FINAL_TYPE (FaltApplication, falt_application, FALT, APPLICATION, AdwApplication)

void             falt_application_setup_i18n (void);
FaltApplication *falt_application_new        (void);
FaltStore       *falt_application_get_store  (FaltApplication *self);
const char      *falt_application_get_store_error (FaltApplication *self);
FaltUpdater     *falt_application_get_updater (FaltApplication *self);
GSettings       *falt_application_get_settings (FaltApplication *self);
void             falt_application_import_update_file (FaltApplication *self,
                                                      const char      *path);
void             falt_application_import_update_files (FaltApplication    *self,
                                                       const char * const *paths);

G_END_DECLS
