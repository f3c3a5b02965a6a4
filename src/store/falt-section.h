/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define FALT_TYPE_SECTION (falt_section_get_type ())
G_DECLARE_FINAL_TYPE (FaltSection, falt_section, FALT, SECTION, GObject)

FaltSection *falt_section_new (const char *id,
                               const char *title,
                               const char *icon_name,
                               int order);
const char *falt_section_get_id (FaltSection *self);
const char *falt_section_get_title (FaltSection *self);
const char *falt_section_get_icon_name (FaltSection *self);
int falt_section_get_order (FaltSection *self);

G_END_DECLS
