/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "falt-dial-error.h"

G_BEGIN_DECLS

#define FALT_TYPE_OFFICE_HOURS (falt_office_hours_get_type ())
#define FALT_TYPE_OPEN_STATUS (falt_open_status_get_type ())

typedef struct _FaltOfficeHours FaltOfficeHours;

/**
 * FaltOpenStatus:
 * @is_open: whether the line is staffed at the time asked about
 * @closes_at: (nullable): when it closes, if open and not open around the clock
 * @next_opening: (nullable): when it opens next, if closed
 * @holiday_name: (nullable): the translated name of that day's Swedish holiday, if any
 *
 * All times are in Europe/Stockholm.
 */
typedef struct
{
  gboolean    is_open;
  GDateTime  *closes_at;
  GDateTime  *next_opening;
  const char *holiday_name;
} FaltOpenStatus;

GType            falt_office_hours_get_type        (void) G_GNUC_CONST;
GType            falt_open_status_get_type         (void) G_GNUC_CONST;

GTimeZone       *falt_office_hours_dup_time_zone   (void);
FaltOfficeHours *falt_office_hours_parse           (const char       *text,
                                                    GError          **error);
FaltOfficeHours *falt_office_hours_ref             (FaltOfficeHours  *self);
void             falt_office_hours_unref           (FaltOfficeHours  *self);
gboolean         falt_office_hours_is_always_open  (FaltOfficeHours  *self);
char            *falt_office_hours_describe        (FaltOfficeHours  *self);
char            *falt_office_hours_format          (const char       *text);
FaltOpenStatus  *falt_office_hours_get_status      (FaltOfficeHours  *self,
                                                    GDateTime        *now);

FaltOpenStatus  *falt_open_status_copy             (const FaltOpenStatus *status);
void             falt_open_status_free             (FaltOpenStatus   *status);
char            *falt_open_status_describe         (const FaltOpenStatus *status,
                                                    GDateTime        *now);
char            *falt_open_status_describe_assumed (const FaltOpenStatus *status);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FaltOfficeHours, falt_office_hours_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FaltOpenStatus, falt_open_status_free)

G_END_DECLS
