/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define FALT_TYPE_COORDINATOR (falt_coordinator_get_type ())
G_DECLARE_FINAL_TYPE (FaltCoordinator, falt_coordinator, FALT, COORDINATOR, GObject)

FaltCoordinator *falt_coordinator_new (const char *id,
                                       const char *region,
                                       const char *name,
                                       const char *organisation,
                                       const char * const *counties,
                                       const char * const *municipalities,
                                       const char *target_group,
                                       const char *phone,
                                       const char *email,
                                       const char *hours,
                                       const char *verified,
                                       gboolean example);
const char *falt_coordinator_get_id (FaltCoordinator *self);
const char *falt_coordinator_get_region (FaltCoordinator *self);
const char *falt_coordinator_get_name (FaltCoordinator *self);
const char *falt_coordinator_get_organisation (FaltCoordinator *self);
const char * const *falt_coordinator_get_counties (FaltCoordinator *self);
const char * const *falt_coordinator_get_municipalities (FaltCoordinator *self);
const char *falt_coordinator_get_target_group (FaltCoordinator *self);
const char *falt_coordinator_get_phone (FaltCoordinator *self);
const char *falt_coordinator_get_email (FaltCoordinator *self);
const char *falt_coordinator_get_hours (FaltCoordinator *self);
const char *falt_coordinator_get_verified (FaltCoordinator *self);
gboolean falt_coordinator_get_example (FaltCoordinator *self);

G_END_DECLS
