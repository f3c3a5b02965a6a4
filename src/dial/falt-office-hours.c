/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-dial"

#include <string.h>
#include <glib/gi18n.h>

#include "falt-holidays.h"
#include "falt-office-hours.h"

/* Office hours such as "mon-thu 08:00-17:00, fri 08:00-15:00", always in
 * Swedish time and closed on Swedish holidays, whatever the machine's own
 * time zone. The clock is a parameter so tests (and the UI's minute timer)
 * decide what "now" is. */

#define MINUTES_PER_DAY (24 * 60)
/* Far enough to cross any run of holidays; the loop ends much sooner. */
#define MAX_DAYS_AHEAD 400

typedef struct
{
  int start;   /* minutes since midnight */
  int end;     /* exclusive; up to MINUTES_PER_DAY */
} Interval;

struct _FaltOfficeHours
{
  gatomicrefcount ref_count;
  /* Indexed by GDateWeekday (1 = Monday … 7 = Sunday); sorted by start.
   * All NULL means open around the clock. */
  GArray         *days[8];
};

static const char *const day_names[] = { NULL, "mon", "tue", "wed", "thu", "fri", "sat", "sun" };

G_DEFINE_BOXED_TYPE (FaltOfficeHours, falt_office_hours, falt_office_hours_ref, falt_office_hours_unref)
G_DEFINE_BOXED_TYPE (FaltOpenStatus, falt_open_status, falt_open_status_copy, falt_open_status_free)

/**
 * falt_office_hours_dup_time_zone:
 *
 * Returns: (transfer full): Europe/Stockholm; from its rules if the
 *   system has no tzdata
 */
GTimeZone *
falt_office_hours_dup_time_zone (void)
{
  GTimeZone *tz = g_time_zone_new_identifier ("Europe/Stockholm");

  /* The EU rule since 1996: CET, CEST from the last Sunday of March 02:00
   * to the last Sunday of October 03:00. */
  if (tz == NULL)
    tz = g_time_zone_new_identifier ("CET-1CEST,M3.5.0,M10.5.0/3");
  if (tz == NULL)
    tz = g_time_zone_new_offset (3600);

  return tz;
}

static GDateWeekday
parse_day_name (const char *text,
                gsize       len)
{
  for (GDateWeekday d = G_DATE_MONDAY; d <= G_DATE_SUNDAY; d++)
    if (len == 3 && g_ascii_strncasecmp (text, day_names[d], 3) == 0)
      return d;
  return G_DATE_BAD_WEEKDAY;
}

static gboolean
parse_days (const char   *spec,
            GDateWeekday *first,
            GDateWeekday *last)
{
  const char *dash = strchr (spec, '-');

  if (dash == NULL)
    {
      *first = *last = parse_day_name (spec, strlen (spec));
      return *first != G_DATE_BAD_WEEKDAY;
    }

  *first = parse_day_name (spec, (gsize) (dash - spec));
  *last = parse_day_name (dash + 1, strlen (dash + 1));
  return *first != G_DATE_BAD_WEEKDAY && *last != G_DATE_BAD_WEEKDAY;
}

static gboolean
parse_clock (const char *text,
             int        *minutes)
{
  if (strlen (text) != 5 || text[2] != ':' || !g_ascii_isdigit (text[0]) || !g_ascii_isdigit (text[1])
      || !g_ascii_isdigit (text[3]) || !g_ascii_isdigit (text[4]))
    return FALSE;

  int hour = (text[0] - '0') * 10 + (text[1] - '0');
  int minute = (text[3] - '0') * 10 + (text[4] - '0');
  if (minute > 59 || hour > 24 || (hour == 24 && minute != 0))
    return FALSE;

  *minutes = hour * 60 + minute;
  return TRUE;
}

static gboolean
parse_times (const char *spec,
             Interval   *interval)
{
  g_auto (GStrv) parts = g_strsplit (spec, "-", -1);

  return g_strv_length (parts) == 2
         && parse_clock (parts[0], &interval->start)
         && parse_clock (parts[1], &interval->end)
         && interval->start < interval->end;
}

static int
compare_intervals (gconstpointer a,
                   gconstpointer b)
{
  return ((const Interval *) a)->start - ((const Interval *) b)->start;
}

static gboolean
parse_group (FaltOfficeHours *self,
             const char      *text,
             const char      *group,
             GError         **error)
{
  g_auto (GStrv) words = g_strsplit_set (group, " \t", -1);
  const char *day_spec = NULL, *time_spec = NULL;
  GDateWeekday first, last;
  Interval interval;

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (*words[i] == '\0')
        continue;
      if (day_spec == NULL)
        day_spec = words[i];
      else if (time_spec == NULL)
        time_spec = words[i];
      else
        day_spec = "";   /* a third word: reported below */
    }

  if (day_spec == NULL || time_spec == NULL || !parse_days (day_spec, &first, &last))
    return falt_dial_set_error (error, FALT_DIAL_ERROR_INVALID_HOURS,
                            _("The office hours “%s” could not be read: “%s” should be days and times such as “mon-fri 08:00-17:00”."),
                            text, group);
  if (!parse_times (time_spec, &interval))
    return falt_dial_set_error (error, FALT_DIAL_ERROR_INVALID_HOURS,
                            _("The office hours “%s” could not be read: “%s” is not a time range such as 08:00-17:00."),
                            text, time_spec);

  /* A range may wrap around the week ("fri-mon"). */
  for (GDateWeekday d = first;; d = d % 7 + 1)
    {
      if (self->days[d] == NULL)
        self->days[d] = g_array_new (FALSE, FALSE, sizeof (Interval));
      g_array_append_val (self->days[d], interval);
      g_array_sort (self->days[d], compare_intervals);
      if (d == last)
        break;
    }

  return TRUE;
}

/**
 * falt_office_hours_parse:
 * @text: (nullable): hours such as "mon-fri 08:00-17:00" or
 *   "mon-thu 08:00-17:00, fri 08:00-15:00"; %NULL or empty means always open
 * @error: return location for a #FALT_DIAL_ERROR_INVALID_HOURS error
 *
 * Returns: (transfer full): the hours, or %NULL with @error set
 */
FaltOfficeHours *
falt_office_hours_parse (const char *text,
                         GError    **error)
{
  g_autoptr (FaltOfficeHours) self = g_new0 (FaltOfficeHours, 1);
  g_auto (GStrv) groups = NULL;

  g_atomic_ref_count_init (&self->ref_count);
  if (text == NULL)
    return g_steal_pointer (&self);

  groups = g_strsplit (text, ",", -1);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      g_strstrip (groups[i]);
      if (*groups[i] == '\0')
        {
          if (groups[1] == NULL)
            break;   /* the whole text is empty: always open */
          falt_dial_set_error (error, FALT_DIAL_ERROR_INVALID_HOURS, _("The office hours “%s” have an empty part between commas."), text);
          return NULL;
        }
      if (!parse_group (self, text, groups[i], error))
        return NULL;
    }

  return g_steal_pointer (&self);
}

FaltOfficeHours *
falt_office_hours_ref (FaltOfficeHours *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
falt_office_hours_unref (FaltOfficeHours *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  for (guint i = 0; i < G_N_ELEMENTS (self->days); i++)
    g_clear_pointer (&self->days[i], g_array_unref);
  g_free (self);
}

gboolean
falt_office_hours_is_always_open (FaltOfficeHours *self)
{
  g_return_val_if_fail (self != NULL, TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (self->days); i++)
    if (self->days[i] != NULL)
      return FALSE;
  return TRUE;
}

/* The intervals of @date, or NULL when closed all day (weekend, holiday). */
static GArray *
intervals_for_date (FaltOfficeHours *self,
                    const GDate     *date)
{
  if (falt_holidays_name_for_date (date) != NULL)
    return NULL;
  return self->days[g_date_get_weekday (date)];
}

static GDateTime *
date_time_at (GTimeZone   *tz,
              const GDate *date,
              int          minutes)
{
  GDate day = *date;

  if (minutes >= MINUTES_PER_DAY)
    {
      g_date_add_days (&day, 1);
      minutes -= MINUTES_PER_DAY;
    }

  return g_date_time_new (tz, g_date_get_year (&day), g_date_get_month (&day), g_date_get_day (&day),
                          minutes / 60, minutes % 60, 0);
}

/* Follows back-to-back intervals (also over midnight) from the one open at
 * @minute, so "mon-fri 08:00-12:00, mon-fri 12:00-17:00" closes at 17:00. */
static GDateTime *
find_closing (FaltOfficeHours *self,
              GTimeZone       *tz,
              const GDate     *today,
              int              minute)
{
  GDate day = *today;
  int end = minute;

  for (guint n = 0; n < 8; n++)
    {
      GArray *intervals = intervals_for_date (self, &day);
      gboolean extended = FALSE;

      for (guint i = 0; intervals != NULL && i < intervals->len; i++)
        {
          Interval *interval = &g_array_index (intervals, Interval, i);
          if (interval->start <= end && end < interval->end)
            {
              end = interval->end;
              extended = TRUE;
            }
        }

      if (end < MINUTES_PER_DAY || (!extended && n > 0))
        break;
      g_date_add_days (&day, 1);
      end = 0;
    }

  return date_time_at (tz, &day, end);
}

static GDateTime *
find_next_opening (FaltOfficeHours *self,
                   GTimeZone       *tz,
                   const GDate     *today,
                   int              minute)
{
  GDate day = *today;

  for (guint n = 0; n < MAX_DAYS_AHEAD; n++, g_date_add_days (&day, 1))
    {
      GArray *intervals = intervals_for_date (self, &day);

      for (guint i = 0; intervals != NULL && i < intervals->len; i++)
        {
          Interval *interval = &g_array_index (intervals, Interval, i);
          if (n > 0 || interval->start > minute)
            return date_time_at (tz, &day, interval->start);
        }
    }

  return NULL;
}

/**
 * falt_office_hours_get_status:
 * @self: the hours
 * @now: the time to ask about, in any time zone
 *
 * Returns: (transfer full): whether the line is open at @now, when it
 *   closes or opens next, and the holiday of that day in Sweden
 */
FaltOpenStatus *
falt_office_hours_get_status (FaltOfficeHours *self,
                              GDateTime       *now)
{
  g_autoptr (GTimeZone) tz = falt_office_hours_dup_time_zone ();
  g_autoptr (GDateTime) local = NULL;
  FaltOpenStatus *status = g_new0 (FaltOpenStatus, 1);
  GArray *intervals;
  GDate today;
  int minute;

  g_return_val_if_fail (self != NULL, status);
  g_return_val_if_fail (now != NULL, status);

  local = g_date_time_to_timezone (now, tz);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, (GDateDay) g_date_time_get_day_of_month (local),
                  (GDateMonth) g_date_time_get_month (local), (GDateYear) g_date_time_get_year (local));
  /* Seconds do not matter: 16:59:59 is still before a 17:00 closing. */
  minute = g_date_time_get_hour (local) * 60 + g_date_time_get_minute (local);
  status->holiday_name = falt_holidays_name_for_date (&today);

  if (falt_office_hours_is_always_open (self))
    {
      status->is_open = TRUE;
      return status;
    }

  intervals = intervals_for_date (self, &today);
  for (guint i = 0; intervals != NULL && i < intervals->len; i++)
    {
      Interval *interval = &g_array_index (intervals, Interval, i);
      if (interval->start <= minute && minute < interval->end)
        status->is_open = TRUE;
    }

  if (status->is_open)
    status->closes_at = find_closing (self, tz, &today, minute);
  else
    status->next_opening = find_next_opening (self, tz, &today, minute);

  return status;
}

FaltOpenStatus *
falt_open_status_copy (const FaltOpenStatus *status)
{
  FaltOpenStatus *copy = g_new0 (FaltOpenStatus, 1);

  copy->is_open = status->is_open;
  copy->closes_at = status->closes_at != NULL ? g_date_time_ref (status->closes_at) : NULL;
  copy->next_opening = status->next_opening != NULL ? g_date_time_ref (status->next_opening) : NULL;
  copy->holiday_name = status->holiday_name;
  return copy;
}

void
falt_open_status_free (FaltOpenStatus *status)
{
  if (status == NULL)
    return;

  g_clear_pointer (&status->closes_at, g_date_time_unref);
  g_clear_pointer (&status->next_opening, g_date_time_unref);
  g_free (status);
}

static int
local_date_julian (GDateTime *dt)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) g_date_time_get_day_of_month (dt),
                  (GDateMonth) g_date_time_get_month (dt), (GDateYear) g_date_time_get_year (dt));
  return (int) g_date_get_julian (&date);
}

/* The translated name of @day (1 = Monday … 7 = Sunday), as a sentence
 * has it mid-line: "Monday" in English, "måndag" in Swedish. */
static const char *
weekday_name (GDateWeekday day)
{
  static const char *const weekdays[] = {
    NULL, NC_("weekday", "Monday"), NC_("weekday", "Tuesday"), NC_("weekday", "Wednesday"),
    NC_("weekday", "Thursday"), NC_("weekday", "Friday"), NC_("weekday", "Saturday"),
    NC_("weekday", "Sunday"),
  };

  g_return_val_if_fail (day >= G_DATE_MONDAY && day <= G_DATE_SUNDAY, "");
  return g_dpgettext2 (GETTEXT_PACKAGE, "weekday", weekdays[day]);
}

/* "17:00" today, else "tomorrow 08:00", "Monday 08:00" or a date. */
static char *
describe_when (GDateTime *when,
               GDateTime *now)
{
  g_autoptr (GTimeZone) tz = falt_office_hours_dup_time_zone ();
  g_autoptr (GDateTime) local_when = g_date_time_to_timezone (when, tz);
  g_autoptr (GDateTime) local_now = g_date_time_to_timezone (now, tz);
  g_autofree char *time = g_date_time_format (local_when, "%H:%M");
  int days = local_date_julian (local_when) - local_date_julian (local_now);

  if (days == 0)
    return g_steal_pointer (&time);
  if (days == 1)
    return g_strdup_printf ("%s %s", C_("day", "tomorrow"), time);
  if (days > 0 && days < 7)
    return g_strdup_printf ("%s %s", weekday_name ((GDateWeekday) g_date_time_get_day_of_week (local_when)), time);

  return g_date_time_format (local_when, "%Y-%m-%d %H:%M");
}

/**
 * falt_open_status_describe:
 * @status: a status from falt_office_hours_get_status()
 * @now: the time @status was computed for
 *
 * Returns: (transfer full): a short translated line such as
 *   "Open now — closes 17:00" or "Closed — opens Monday 08:00"
 */
char *
falt_open_status_describe (const FaltOpenStatus *status,
                           GDateTime            *now)
{
  g_autofree char *when = NULL;

  g_return_val_if_fail (status != NULL && now != NULL, NULL);

  if (status->is_open && status->closes_at == NULL)
    return g_strdup (_("Open around the clock"));
  if (status->is_open)
    {
      when = describe_when (status->closes_at, now);
      /* Translators: %s is a time, maybe with a day: "17:00", "Monday 08:00". */
      return g_strdup_printf (_("Open now — closes %s"), when);
    }
  if (status->next_opening == NULL)
    return g_strdup (_("Closed"));

  when = describe_when (status->next_opening, now);
  if (status->holiday_name != NULL)
    /* Translators: %1$s is a holiday ("Midsummer Eve"), %2$s a time with a day ("Monday 08:00"). */
    return g_strdup_printf (_("Closed today (%1$s) — opens %2$s"), status->holiday_name, when);
  /* Translators: %s is a time, maybe with a day: "13:00", "tomorrow 08:00", "Monday 08:00". */
  return g_strdup_printf (_("Closed — opens %s"), when);
}

/**
 * falt_open_status_describe_assumed:
 * @status: a status from falt_office_hours_get_status() for hours that are
 *   assumed rather than published
 *
 * Assumed hours tell what is likely, not when the line opens or closes: the
 * line says no more than that (show the assumed hours beside it).
 *
 * Returns: (transfer full): a short translated line such as
 *   "Probably open now" or "Probably closed today (Midsummer Eve)"
 */
char *
falt_open_status_describe_assumed (const FaltOpenStatus *status)
{
  g_return_val_if_fail (status != NULL, NULL);

  if (status->is_open)
    return g_strdup (_("Probably open now"));
  if (status->holiday_name != NULL)
    /* Translators: %s is a holiday ("Midsummer Eve"). */
    return g_strdup_printf (_("Probably closed today (%s)"), status->holiday_name);
  return g_strdup (_("Probably closed now"));
}

static gboolean
have_same_intervals (GArray *a,
                     GArray *b)
{
  if (a == NULL || b == NULL)
    return a == b;

  return a->len == b->len && memcmp (a->data, b->data, a->len * sizeof (Interval)) == 0;
}

static void
append_clock (GString *out,
              int      minutes)
{
  g_string_append_printf (out, "%02d:%02d", minutes / 60, minutes % 60);
}

/* "Monday–Friday 08:00–16:30" for the days @first to @last, which share
 * @intervals. */
static void
append_day_group (GString      *out,
                  GDateWeekday  first,
                  GDateWeekday  last,
                  GArray       *intervals)
{
  if (first == last)
    g_string_append (out, weekday_name (first));
  else
    /* Translators: a range of weekdays in office hours, "Monday–Friday". */
    g_string_append_printf (out, C_("office hours", "%1$s–%2$s"), weekday_name (first), weekday_name (last));

  for (guint i = 0; i < intervals->len; i++)
    {
      Interval *interval = &g_array_index (intervals, Interval, i);

      g_string_append (out, i == 0 ? " " : ", ");
      append_clock (out, interval->start);
      g_string_append (out, "–");
      append_clock (out, interval->end);
    }
}

/**
 * falt_office_hours_describe:
 * @self: the hours
 *
 * Days with the same hours are joined into ranges, in week order.
 *
 * Returns: (transfer full): the hours for people to read, translated:
 *   "Monday–Friday 08:00–16:30", "Monday–Thursday 08:00–17:00; Friday
 *   08:00–15:00", or "Open around the clock"
 */
char *
falt_office_hours_describe (FaltOfficeHours *self)
{
  GString *out;

  g_return_val_if_fail (self != NULL, NULL);

  if (falt_office_hours_is_always_open (self))
    return g_strdup (_("Open around the clock"));

  out = g_string_new (NULL);
  for (GDateWeekday first = G_DATE_MONDAY; first <= G_DATE_SUNDAY;)
    {
      GDateWeekday last = first;

      while (last < G_DATE_SUNDAY && have_same_intervals (self->days[first], self->days[last + 1]))
        last++;
      if (self->days[first] != NULL)
        {
          if (out->len > 0)
            g_string_append (out, "; ");
          append_day_group (out, first, last, self->days[first]);
        }
      first = last + 1;
    }

  return g_string_free (out, FALSE);
}

/**
 * falt_office_hours_format:
 * @text: (nullable): hours as the content writes them, "mon-fri 08:00-16:30"
 *
 * For showing hours from the content, which may not always parse.
 *
 * Returns: (transfer full) (nullable): falt_office_hours_describe() of
 *   @text; @text itself if it cannot be read; %NULL for %NULL or empty
 */
char *
falt_office_hours_format (const char *text)
{
  g_autoptr (FaltOfficeHours) hours = NULL;

  if (text == NULL || *text == '\0')
    return NULL;

  hours = falt_office_hours_parse (text, NULL);
  if (hours == NULL)
    return g_strdup (text);
  return falt_office_hours_describe (hours);
}
