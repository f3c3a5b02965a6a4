/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define FALT_TYPE_CONTACT (falt_contact_get_type ())
G_DECLARE_FINAL_TYPE (FaltContact, falt_contact, FALT, CONTACT, GObject)

FaltContact *falt_contact_new (const char *id,
                               const char *number,
                               const char *name,
                               const char *when,
                               const char *hours,
                               gboolean hours_example,
                               gboolean example);
const char *falt_contact_get_id (FaltContact *self);
const char *falt_contact_get_number (FaltContact *self);
const char *falt_contact_get_name (FaltContact *self);
const char *falt_contact_get_when (FaltContact *self);
const char *falt_contact_get_hours (FaltContact *self);
gboolean falt_contact_get_hours_example (FaltContact *self);
gboolean falt_contact_get_example (FaltContact *self);

G_END_DECLS
