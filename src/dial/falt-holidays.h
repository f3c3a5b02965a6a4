/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  GDate       date;
  const char *name;   /* translated */
} FaltHoliday;

void         falt_holidays_get_easter_sunday (GDateYear    year,
                                              GDate       *easter);
const char  *falt_holidays_name_for_date     (const GDate *date);
GArray      *falt_holidays_list_year         (GDateYear    year);

G_END_DECLS
