/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The support line's hours as far as the public facts go ("office hours on
 * weekdays"). An assumption, not a published time: the content's
 * contacts.json states the real hours and overrides this. */
#define FALT_DIAL_SUPPORT_LINE_ASSUMED_HOURS "mon-fri 08:00-17:00"

#define FALT_TYPE_DIAL_NUMBER (falt_dial_number_get_type ())
G_DECLARE_FINAL_TYPE (FaltDialNumber, falt_dial_number, FALT, DIAL_NUMBER, GObject)

FaltDialNumber *falt_dial_number_new          (const char     *id,
                                               const char     *name,
                                               const char     *number,
                                               const char     *when,
                                               const char     *hours,
                                               gboolean        example);
const char     *falt_dial_number_get_id       (FaltDialNumber *self);
const char     *falt_dial_number_get_name     (FaltDialNumber *self);
const char     *falt_dial_number_get_number   (FaltDialNumber *self);
const char     *falt_dial_number_get_when     (FaltDialNumber *self);
const char     *falt_dial_number_get_hours    (FaltDialNumber *self);
gboolean        falt_dial_number_get_hours_assumed (FaltDialNumber *self);
gboolean        falt_dial_number_get_example  (FaltDialNumber *self);
gboolean        falt_dial_number_is_emergency (FaltDialNumber *self);

GListModel     *falt_dial_builtin_numbers     (void);
char           *falt_dial_call_number_label   (const char     *number);
char           *falt_dial_call_name_label     (const char     *name);

G_END_DECLS
