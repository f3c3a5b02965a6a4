/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-dial"

#include <glib/gi18n.h>

#include "falt-holidays.h"

/* Swedish public holidays (allmänna helgdagar, lag 1989:253) plus the eves
 * that workplaces treat as days off (Påskafton, Midsommarafton, Julafton,
 * Nyårsafton), computed for any Gregorian year. A day off that is not in
 * this list, such as the Friday after Ascension Day, is a working day. */

typedef enum
{
  RULE_FIXED,          /* month/day */
  RULE_EASTER,         /* offset days from Easter Sunday */
  RULE_WEEKDAY_FROM,   /* first @weekday on or after month/day */
} HolidayRule;

typedef struct
{
  HolidayRule  rule;
  int          month;
  int          day;       /* day of month, or offset from Easter */
  GDateWeekday weekday;
  const char  *name;
} HolidayDefinition;

/* In calendar order of the usual year; a date that two rules hit (6 June on
 * Whit Sunday) keeps the first name. */
static const HolidayDefinition holidays[] = {
  { RULE_FIXED, 1, 1, 0, N_("New Year’s Day") },
  { RULE_FIXED, 1, 6, 0, N_("Epiphany") },
  { RULE_EASTER, 0, -2, 0, N_("Good Friday") },
  { RULE_EASTER, 0, -1, 0, N_("Easter Eve") },
  { RULE_EASTER, 0, 0, 0, N_("Easter Sunday") },
  { RULE_EASTER, 0, 1, 0, N_("Easter Monday") },
  { RULE_FIXED, 5, 1, 0, N_("May Day") },
  { RULE_EASTER, 0, 39, 0, N_("Ascension Day") },
  { RULE_EASTER, 0, 49, 0, N_("Whit Sunday") },
  { RULE_FIXED, 6, 6, 0, N_("National Day of Sweden") },
  { RULE_WEEKDAY_FROM, 6, 19, G_DATE_FRIDAY, N_("Midsummer Eve") },
  { RULE_WEEKDAY_FROM, 6, 20, G_DATE_SATURDAY, N_("Midsummer Day") },
  { RULE_WEEKDAY_FROM, 10, 31, G_DATE_SATURDAY, N_("All Saints’ Day") },
  { RULE_FIXED, 12, 24, 0, N_("Christmas Eve") },
  { RULE_FIXED, 12, 25, 0, N_("Christmas Day") },
  { RULE_FIXED, 12, 26, 0, N_("Boxing Day") },
  { RULE_FIXED, 12, 31, 0, N_("New Year’s Eve") },
};

/**
 * falt_holidays_get_easter_sunday:
 * @year: a Gregorian year
 * @easter: (out caller-allocates): set to Easter Sunday of @year
 *
 * Uses the anonymous Gregorian algorithm (Meeus/Jones/Butcher).
 */
void
falt_holidays_get_easter_sunday (GDateYear year,
                                 GDate    *easter)
{
  int y = year;
  int a = y % 19;
  int b = y / 100;
  int c = y % 100;
  int d = b / 4;
  int e = b % 4;
  int f = (b + 8) / 25;
  int g = (b - f + 1) / 3;
  int h = (19 * a + b - d - g + 15) % 30;
  int i = c / 4;
  int k = c % 4;
  int l = (32 + 2 * e + 2 * i - h - k) % 7;
  int m = (a + 11 * h + 22 * l) / 451;
  int month = (h + l - 7 * m + 114) / 31;
  int day = (h + l - 7 * m + 114) % 31 + 1;

  g_date_clear (easter, 1);
  g_date_set_dmy (easter, (GDateDay) day, (GDateMonth) month, year);
}

static void
compute_holiday (const HolidayDefinition *def,
                 GDateYear                year,
                 const GDate             *easter,
                 GDate                   *out)
{
  g_date_clear (out, 1);

  switch (def->rule)
    {
    case RULE_FIXED:
      g_date_set_dmy (out, (GDateDay) def->day, (GDateMonth) def->month, year);
      break;
    case RULE_EASTER:
      *out = *easter;
      if (def->day >= 0)
        g_date_add_days (out, (guint) def->day);
      else
        g_date_subtract_days (out, (guint) -def->day);
      break;
    case RULE_WEEKDAY_FROM:
    default:
      g_date_set_dmy (out, (GDateDay) def->day, (GDateMonth) def->month, year);
      g_date_add_days (out, (guint) ((def->weekday - g_date_get_weekday (out) + 7) % 7));
      break;
    }
}

/**
 * falt_holidays_list_year:
 * @year: a Gregorian year
 *
 * Returns: (transfer full) (element-type FaltHoliday): the days off of
 *   @year in the order of the definitions (calendar order in most years)
 */
GArray *
falt_holidays_list_year (GDateYear year)
{
  GArray *list = g_array_sized_new (FALSE, FALSE, sizeof (FaltHoliday), G_N_ELEMENTS (holidays));
  GDate easter;

  falt_holidays_get_easter_sunday (year, &easter);
  for (guint i = 0; i < G_N_ELEMENTS (holidays); i++)
    {
      FaltHoliday holiday = { .name = _(holidays[i].name) };

      compute_holiday (&holidays[i], year, &easter, &holiday.date);
      g_array_append_val (list, holiday);
    }

  return list;
}

/**
 * falt_holidays_name_for_date:
 * @date: a valid date
 *
 * Returns: (nullable): the translated name of the Swedish public holiday or
 *   non-working eve on @date ("Midsummer Eve"), or %NULL on other days
 */
const char *
falt_holidays_name_for_date (const GDate *date)
{
  GDateYear year;
  GDate easter;

  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  year = g_date_get_year (date);
  falt_holidays_get_easter_sunday (year, &easter);
  for (guint i = 0; i < G_N_ELEMENTS (holidays); i++)
    {
      GDate day;

      compute_holiday (&holidays[i], year, &easter, &day);
      if (g_date_compare (&day, date) == 0)
        return _(holidays[i].name);
    }

  return NULL;
}
