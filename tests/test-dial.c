/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib.h>
#include <glib/gi18n.h>

#include "dial/falt-dial-number.h"
#include "dial/falt-holidays.h"
#include "dial/falt-office-hours.h"
#include "dial/falt-phone-number.h"
#include "dial/falt-qr-matrix.h"

/* ---- helpers ---- */

static GDateTime *
stockholm_time (int year, int month, int day, int hour, int minute)
{
  g_autoptr (GTimeZone) tz = falt_office_hours_dup_time_zone ();

  return g_date_time_new (tz, year, month, day, hour, minute, 0);
}

static void
assert_utc (GDateTime  *dt,
            const char *expected)
{
  g_autoptr (GDateTime) utc = NULL;
  g_autofree char *text = NULL;

  g_assert_nonnull (dt);
  utc = g_date_time_to_utc (dt);
  text = g_date_time_format (utc, "%Y-%m-%d %H:%M UTC");
  g_assert_cmpstr (text, ==, expected);
}

/* Checks a time given as Stockholm wall-clock time. */
static void
assert_stockholm (GDateTime  *dt,
                  const char *expected)
{
  g_autoptr (GTimeZone) tz = falt_office_hours_dup_time_zone ();
  g_autoptr (GDateTime) local = NULL;
  g_autofree char *text = NULL;

  g_assert_nonnull (dt);
  local = g_date_time_to_timezone (dt, tz);
  text = g_date_time_format (local, "%Y-%m-%d %a %H:%M");
  g_assert_cmpstr (text, ==, expected);
}

static FaltOpenStatus *
status_at (const char *hours, int year, int month, int day, int hour, int minute)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (FaltOfficeHours) parsed = falt_office_hours_parse (hours, &error);
  g_autoptr (GDateTime) now = stockholm_time (year, month, day, hour, minute);

  g_assert_no_error (error);
  return falt_office_hours_get_status (parsed, now);
}

static const char *
holiday_name (int year, int month, int day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return falt_holidays_name_for_date (&date);
}

/* ---- holidays ---- */

static void
test_easter_sunday (void)
{
  /* 2024–2030 from published calendars, plus the extremes of the range
   * (22 March 2285, 25 April 1943) and a century year. */
  static const struct { int y, m, d; } known[] = {
    { 2024, 3, 31 }, { 2025, 4, 20 }, { 2026, 4, 5 }, { 2027, 3, 28 }, { 2028, 4, 16 },
    { 2029, 4, 1 }, { 2030, 4, 21 }, { 2285, 3, 22 }, { 1943, 4, 25 }, { 2000, 4, 23 },
    { 2100, 3, 28 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    {
      GDate easter;

      falt_holidays_get_easter_sunday ((GDateYear) known[i].y, &easter);
      g_assert_cmpint (g_date_get_month (&easter), ==, known[i].m);
      g_assert_cmpint (g_date_get_day (&easter), ==, known[i].d);
      g_assert_cmpstr (holiday_name (known[i].y, known[i].m, known[i].d), ==, "Easter Sunday");
    }
}

static void
test_moving_holidays (void)
{
  /* year, Good Friday, Easter Monday, Ascension, Whit Sunday, Midsummer Eve,
   * All Saints' Day, each as month*100+day. */
  static const int known[][7] = {
    { 2024, 329, 401, 509, 519, 621, 1102 },
    { 2025, 418, 421, 529, 608, 620, 1101 },
    { 2026, 403, 406, 514, 524, 619, 1031 },
    { 2027, 326, 329, 506, 516, 625, 1106 },
    { 2028, 414, 417, 525, 604, 623, 1104 },
    { 2029, 330, 402, 510, 520, 622, 1103 },
    { 2030, 419, 422, 530, 609, 621, 1102 },
  };
  static const char *const names[] = {
    NULL, "Good Friday", "Easter Monday", "Ascension Day", "Whit Sunday", "Midsummer Eve",
    "All Saints’ Day",
  };

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    {
      int year = known[i][0];

      for (guint j = 1; j < 7; j++)
        g_assert_cmpstr (holiday_name (year, known[i][j] / 100, known[i][j] % 100), ==, names[j]);

      /* The eve before Easter, Midsummer Day after the eve. */
      g_assert_cmpstr (holiday_name (year, known[i][1] / 100, known[i][1] % 100 + 1), ==,
                       known[i][1] % 100 + 1 <= 31 ? "Easter Eve" : NULL);
      g_assert_cmpstr (holiday_name (year, 6, known[i][5] % 100 + 1), ==, "Midsummer Day");
      /* The Friday after Ascension is a bridge day, not a holiday. */
      g_assert_null (holiday_name (year, known[i][3] / 100, known[i][3] % 100 + 1));
    }
}

static void
test_fixed_holidays (void)
{
  static const struct { int m, d; const char *name; } fixed[] = {
    { 1, 1, "New Year’s Day" }, { 1, 6, "Epiphany" }, { 5, 1, "May Day" },
    { 6, 6, "National Day of Sweden" }, { 12, 24, "Christmas Eve" }, { 12, 25, "Christmas Day" },
    { 12, 26, "Boxing Day" }, { 12, 31, "New Year’s Eve" },
  };

  for (int year = 2024; year <= 2030; year++)
    {
      for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
        g_assert_cmpstr (holiday_name (year, fixed[i].m, fixed[i].d), ==, fixed[i].name);

      /* Ordinary days, and days people sometimes think are off. */
      g_assert_null (holiday_name (year, 1, 2));
      g_assert_null (holiday_name (year, 4, 30));   /* Valborgsmässoafton */
      g_assert_null (holiday_name (year, 12, 27));
      g_assert_null (holiday_name (year, 12, 23));
    }
}

static void
test_holiday_list (void)
{
  for (int year = 2024; year <= 2030; year++)
    {
      g_autoptr (GArray) list = falt_holidays_list_year ((GDateYear) year);

      g_assert_cmpuint (list->len, ==, 17);
      for (guint i = 0; i < list->len; i++)
        {
          FaltHoliday *holiday = &g_array_index (list, FaltHoliday, i);

          g_assert_true (g_date_valid (&holiday->date));
          g_assert_cmpint (g_date_get_year (&holiday->date), ==, year);
          g_assert_cmpstr (falt_holidays_name_for_date (&holiday->date), ==, holiday->name);
        }
    }
}

/* ---- office hours ---- */

static void
test_hours_parse (void)
{
  static const char *const valid[] = {
    "mon-fri 08:00-17:00", "Mon-Fri 08:00-17:00", "mon-thu 08:00-17:00, fri 08:00-15:00",
    "  sat   10:00-14:00 ", "fri-mon 00:00-24:00", "mon-fri 08:00-12:00,mon-fri 13:00-16:30",
  };
  static const char *const invalid[] = {
    "weekdays 08:00-17:00", "mon-fri", "mon-fri 8-17", "mon-fri 17:00-08:00", "mon-fri 08:00-08:00",
    "mon-fri 08:00-25:00", "mon-fri 08:60-17:00", "mon-fri 08:00-17:00,", "mon-fri 08:00-17:00 extra",
    "mon-fry 08:00-17:00", "mon-fri 08:00-17:00-18:00", "mån-fre 08:00-17:00", "08:00-17:00",
  };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (FaltOfficeHours) hours = falt_office_hours_parse (valid[i], &error);

      g_assert_no_error (error);
      g_assert_nonnull (hours);
      g_assert_false (falt_office_hours_is_always_open (hours));
    }

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (FaltOfficeHours) hours = falt_office_hours_parse (invalid[i], &error);

      g_test_message ("%s → %s", invalid[i], error != NULL ? error->message : "(accepted)");
      g_assert_error (error, FALT_DIAL_ERROR, FALT_DIAL_ERROR_INVALID_HOURS);
      g_assert_null (hours);
      g_assert_nonnull (strstr (error->message, invalid[i]));
    }
}

static void
test_hours_always_open (void)
{
  static const char *const always[] = { NULL, "", "   " };

  for (guint i = 0; i < G_N_ELEMENTS (always); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (FaltOfficeHours) hours = falt_office_hours_parse (always[i], &error);
      g_autoptr (GDateTime) christmas = stockholm_time (2026, 12, 25, 3, 0);
      g_autoptr (FaltOpenStatus) status = NULL;
      g_autofree char *text = NULL;

      g_assert_no_error (error);
      g_assert_true (falt_office_hours_is_always_open (hours));
      status = falt_office_hours_get_status (hours, christmas);
      g_assert_true (status->is_open);
      g_assert_null (status->closes_at);
      g_assert_null (status->next_opening);
      g_assert_cmpstr (status->holiday_name, ==, "Christmas Day");
      text = falt_open_status_describe (status, christmas);
      g_assert_cmpstr (text, ==, "Open around the clock");
    }
}

static void
test_hours_friday_closing (void)
{
  g_autoptr (FaltOpenStatus) before = status_at ("mon-fri 08:00-17:00", 2026, 11, 20, 16, 59);
  g_autoptr (FaltOpenStatus) at = status_at ("mon-fri 08:00-17:00", 2026, 11, 20, 17, 0);
  g_autoptr (FaltOpenStatus) monday = status_at ("mon-fri 08:00-17:00", 2026, 11, 23, 8, 0);
  g_autoptr (FaltOpenStatus) early = status_at ("mon-fri 08:00-17:00", 2026, 11, 23, 7, 59);
  g_autoptr (GDateTime) friday = stockholm_time (2026, 11, 20, 17, 0);
  g_autoptr (GDateTime) monday_early = stockholm_time (2026, 11, 23, 7, 59);
  g_autofree char *closed_text = NULL;
  g_autofree char *early_text = NULL;

  g_assert_true (before->is_open);
  assert_stockholm (before->closes_at, "2026-11-20 Fri 17:00");
  g_assert_null (before->next_opening);
  g_assert_null (before->holiday_name);

  g_assert_false (at->is_open);
  g_assert_null (at->closes_at);
  assert_stockholm (at->next_opening, "2026-11-23 Mon 08:00");
  closed_text = falt_open_status_describe (at, friday);
  g_assert_cmpstr (closed_text, ==, "Closed — opens Monday 08:00");

  g_assert_true (monday->is_open);
  g_assert_false (early->is_open);
  assert_stockholm (early->next_opening, "2026-11-23 Mon 08:00");
  early_text = falt_open_status_describe (early, monday_early);
  g_assert_cmpstr (early_text, ==, "Closed — opens 08:00");
}

static void
test_hours_midsummer (void)
{
  g_autoptr (FaltOpenStatus) eve = status_at ("mon-fri 08:00-17:00", 2026, 6, 19, 10, 0);
  g_autoptr (FaltOpenStatus) thursday = status_at ("mon-fri 08:00-17:00", 2026, 6, 18, 17, 30);
  g_autoptr (GDateTime) eve_time = stockholm_time (2026, 6, 19, 10, 0);
  g_autofree char *text = NULL;

  g_assert_false (eve->is_open);
  g_assert_cmpstr (eve->holiday_name, ==, "Midsummer Eve");
  assert_stockholm (eve->next_opening, "2026-06-22 Mon 08:00");
  text = falt_open_status_describe (eve, eve_time);
  g_assert_cmpstr (text, ==, "Closed today (Midsummer Eve) — opens Monday 08:00");

  g_assert_false (thursday->is_open);
  assert_stockholm (thursday->next_opening, "2026-06-22 Mon 08:00");
}

static void
test_hours_ascension_and_bridge_day (void)
{
  /* Ascension Day 2026 is Thursday 14 May; Friday 15 May is a bridge day,
   * which is a working day. */
  g_autoptr (FaltOpenStatus) wednesday = status_at ("mon-fri 08:00-17:00", 2026, 5, 13, 17, 0);
  g_autoptr (FaltOpenStatus) ascension = status_at ("mon-fri 08:00-17:00", 2026, 5, 14, 10, 0);
  g_autoptr (FaltOpenStatus) bridge = status_at ("mon-fri 08:00-17:00", 2026, 5, 15, 10, 0);
  g_autoptr (GDateTime) wednesday_time = stockholm_time (2026, 5, 13, 17, 0);
  g_autofree char *text = NULL;

  g_assert_false (wednesday->is_open);
  assert_stockholm (wednesday->next_opening, "2026-05-15 Fri 08:00");
  text = falt_open_status_describe (wednesday, wednesday_time);
  g_assert_cmpstr (text, ==, "Closed — opens Friday 08:00");

  g_assert_false (ascension->is_open);
  g_assert_cmpstr (ascension->holiday_name, ==, "Ascension Day");

  g_assert_true (bridge->is_open);
  g_assert_null (bridge->holiday_name);
}

static void
test_hours_easter_and_christmas (void)
{
  g_autoptr (FaltOpenStatus) easter = status_at ("mon-fri 08:00-17:00", 2026, 4, 2, 17, 0);
  g_autoptr (FaltOpenStatus) christmas = status_at ("mon-fri 08:00-17:00", 2026, 12, 23, 17, 0);
  g_autoptr (FaltOpenStatus) new_year = status_at ("mon-fri 08:00-17:00", 2027, 12, 30, 17, 0);

  assert_stockholm (easter->next_opening, "2026-04-07 Tue 08:00");
  assert_stockholm (christmas->next_opening, "2026-12-28 Mon 08:00");
  /* 31 Dec 2027 and 1 Jan 2028 are off, then a weekend. */
  assert_stockholm (new_year->next_opening, "2028-01-03 Mon 08:00");
}

static void
test_hours_groups (void)
{
  const char *hours = "mon-thu 08:00-17:00, fri 08:00-15:00";
  g_autoptr (FaltOpenStatus) thursday = status_at (hours, 2026, 11, 19, 16, 0);
  g_autoptr (FaltOpenStatus) friday = status_at (hours, 2026, 11, 20, 15, 0);
  g_autoptr (FaltOpenStatus) friday_open = status_at (hours, 2026, 11, 20, 14, 59);
  g_autoptr (FaltOpenStatus) lunch = status_at ("mon-fri 08:00-12:00, mon-fri 13:00-16:00", 2026, 11, 19, 12, 30);
  g_autoptr (FaltOpenStatus) joined = status_at ("mon-fri 08:00-12:00, mon-fri 12:00-17:00", 2026, 11, 19, 11, 0);
  g_autoptr (FaltOpenStatus) overnight = status_at ("fri 18:00-24:00, sat 00:00-06:00", 2026, 11, 20, 23, 0);
  g_autoptr (GDateTime) lunch_time = stockholm_time (2026, 11, 19, 12, 30);
  g_autoptr (GDateTime) friday_time = stockholm_time (2026, 11, 20, 23, 0);
  g_autofree char *lunch_text = NULL;
  g_autofree char *overnight_text = NULL;

  assert_stockholm (thursday->closes_at, "2026-11-19 Thu 17:00");
  g_assert_false (friday->is_open);
  assert_stockholm (friday->next_opening, "2026-11-23 Mon 08:00");
  assert_stockholm (friday_open->closes_at, "2026-11-20 Fri 15:00");

  g_assert_false (lunch->is_open);
  assert_stockholm (lunch->next_opening, "2026-11-19 Thu 13:00");
  lunch_text = falt_open_status_describe (lunch, lunch_time);
  g_assert_cmpstr (lunch_text, ==, "Closed — opens 13:00");

  assert_stockholm (joined->closes_at, "2026-11-19 Thu 17:00");

  g_assert_true (overnight->is_open);
  assert_stockholm (overnight->closes_at, "2026-11-21 Sat 06:00");
  overnight_text = falt_open_status_describe (overnight, friday_time);
  g_assert_cmpstr (overnight_text, ==, "Open now — closes tomorrow 06:00");
}

/* The machine runs on New York time (set in main()); Sweden and the US
 * change clocks on different dates, so a wrong zone shows up here. */
static void
assert_hours_text (const char *hours,
                   const char *expected)
{
  g_autofree char *text = falt_office_hours_format (hours);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_hours_format (void)
{
  assert_hours_text ("mon-fri 08:00-16:30", "Monday–Friday 08:00–16:30");
  assert_hours_text ("Mon-Fri   08:00-16:30", "Monday–Friday 08:00–16:30");
  assert_hours_text ("mon-thu 08:00-17:00, fri 08:00-15:00", "Monday–Thursday 08:00–17:00; Friday 08:00–15:00");
  assert_hours_text ("mon-fri 08:00-12:00, mon-fri 13:00-16:00", "Monday–Friday 08:00–12:00, 13:00–16:00");
  assert_hours_text ("sat 10:00-14:00", "Saturday 10:00–14:00");
  assert_hours_text ("mon 08:00-17:00, wed 08:00-17:00", "Monday 08:00–17:00; Wednesday 08:00–17:00");
  assert_hours_text ("fri 18:00-24:00, sat 00:00-06:00", "Friday 18:00–24:00; Saturday 00:00–06:00");
  /* A range over the weekend is shown in week order. */
  assert_hours_text ("fri-mon 09:00-12:00", "Monday 09:00–12:00; Friday–Sunday 09:00–12:00");
  assert_hours_text ("mon-sun 00:00-24:00", "Monday–Sunday 00:00–24:00");
  /* What cannot be read is shown as written rather than hidden. */
  assert_hours_text ("weekdays 8-16", "weekdays 8-16");
  assert_hours_text ("", NULL);
  assert_hours_text (NULL, NULL);
  {
    g_autoptr (FaltOfficeHours) always = falt_office_hours_parse (NULL, NULL);
    g_autofree char *text = falt_office_hours_describe (always);

    g_assert_cmpstr (text, ==, "Open around the clock");
  }
}

/* The weekday names are the ones the open/closed line uses, translated. */
static void
test_hours_format_swedish (void)
{
  if (g_test_subprocess ())
    {
      g_setenv ("LANGUAGE", "sv", TRUE);
      setlocale (LC_ALL, "");
      bindtextdomain (GETTEXT_PACKAGE, g_getenv ("FALTSTOD_LOCALEDIR"));
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
      assert_hours_text ("mon-fri 08:00-16:30", "måndag–fredag 08:00–16:30");
      assert_hours_text ("mon-thu 08:00-17:00, fri 08:00-15:00", "måndag–torsdag 08:00–17:00; fredag 08:00–15:00");
      return;
    }

  if (g_getenv ("FALTSTOD_LOCALEDIR") == NULL)
    {
      g_test_skip ("FALTSTOD_LOCALEDIR is not set: no catalogue to read");
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* "Call %s" for a number and for a name are two messages: in Russian a number is called
 * "по номеру", a name is not, and the two translations must be able to differ. */
static void
test_call_labels_translated_apart (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *number = NULL;
      g_autofree char *name = NULL;

      g_setenv ("LANGUAGE", "ru", TRUE);
      setlocale (LC_ALL, "");
      bindtextdomain (GETTEXT_PACKAGE, g_getenv ("FALTSTOD_LOCALEDIR"));
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
      number = falt_dial_call_number_label ("112");
      name = falt_dial_call_name_label ("Социальная служба, регион Север");
      g_assert_cmpstr (number, ==, "Позвонить по номеру 112");
      g_assert_cmpstr (name, ==, "Позвонить: Социальная служба, регион Север");
      return;
    }

  if (g_getenv ("FALTSTOD_LOCALEDIR") == NULL)
    {
      g_test_skip ("FALTSTOD_LOCALEDIR is not set: no catalogue to read");
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_hours_dst_march (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (FaltOfficeHours) hours = falt_office_hours_parse ("mon-fri 08:00-17:00, sun 08:00-17:00", &error);
  /* Friday 27 March 2026 is CET (UTC+1): 16:59 local = 15:59 UTC. */
  g_autoptr (GDateTime) friday_open = g_date_time_new_utc (2026, 3, 27, 15, 59, 0);
  g_autoptr (GDateTime) friday_closed = g_date_time_new_utc (2026, 3, 27, 16, 0, 0);
  /* Sunday 29 March 2026: clocks go forward at 02:00, so 08:00 is 06:00 UTC. */
  g_autoptr (GDateTime) sunday_before = g_date_time_new_utc (2026, 3, 29, 5, 59, 0);
  g_autoptr (GDateTime) sunday_open = g_date_time_new_utc (2026, 3, 29, 6, 0, 0);
  g_autoptr (FaltOpenStatus) s1 = NULL, s2 = NULL, s3 = NULL, s4 = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (g_getenv ("TZ"), ==, "America/New_York");

  s1 = falt_office_hours_get_status (hours, friday_open);
  g_assert_true (s1->is_open);
  assert_utc (s1->closes_at, "2026-03-27 16:00 UTC");

  s2 = falt_office_hours_get_status (hours, friday_closed);
  g_assert_false (s2->is_open);
  assert_utc (s2->next_opening, "2026-03-29 06:00 UTC");

  s3 = falt_office_hours_get_status (hours, sunday_before);
  g_assert_false (s3->is_open);
  assert_utc (s3->next_opening, "2026-03-29 06:00 UTC");

  s4 = falt_office_hours_get_status (hours, sunday_open);
  g_assert_true (s4->is_open);
  assert_utc (s4->closes_at, "2026-03-29 15:00 UTC");
}

static void
test_hours_dst_october (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (FaltOfficeHours) hours = falt_office_hours_parse ("mon-fri 08:00-17:00", &error);
  /* Friday 23 October 2026 is CEST (UTC+2); clocks go back on Sunday 25th,
   * so Monday 26th 08:00 is CET, 07:00 UTC. New York changes only on 1 Nov. */
  g_autoptr (GDateTime) friday_open = g_date_time_new_utc (2026, 10, 23, 14, 59, 0);
  g_autoptr (GDateTime) friday_closed = g_date_time_new_utc (2026, 10, 23, 15, 0, 0);
  g_autoptr (FaltOpenStatus) s1 = NULL, s2 = NULL;

  g_assert_no_error (error);
  s1 = falt_office_hours_get_status (hours, friday_open);
  g_assert_true (s1->is_open);
  assert_utc (s1->closes_at, "2026-10-23 15:00 UTC");

  s2 = falt_office_hours_get_status (hours, friday_closed);
  g_assert_false (s2->is_open);
  assert_utc (s2->next_opening, "2026-10-26 07:00 UTC");
  assert_stockholm (s2->next_opening, "2026-10-26 Mon 08:00");
}

/* Without tzdata the zone is built from the EU rules and gives the same
 * answers. Run in a child: GLib caches zones by identifier. */
static void
test_hours_without_tzdata (void)
{
  if (g_test_subprocess ())
    {
      g_setenv ("TZDIR", "/nonexistent", TRUE);
      test_hours_dst_march ();
      test_hours_dst_october ();
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* ---- numbers ---- */

static void
test_number_to_uri (void)
{
  static const struct { const char *written, *uri; } cases[] = {
    { "020-39 00 00", "tel:+4620390000" },
    { "020-390 000", "tel:+4620390000" },
    { "020390000", "tel:+4620390000" },
    { "+46 20 39 00 00", "tel:+4620390000" },
    { "+46 (0)20-39 00 00", "tel:+4620390000" },
    { "0046 20 390000", "tel:+4620390000" },
    { " 020 – 39 00 00 ", "tel:+4620390000" },
    { "020\u00a039\u00a000\u00a000", "tel:+4620390000" },
    { "tel:+4620390000", "tel:+4620390000" },
    { "114 14", "tel:11414;phone-context=+46" },
    { "11414", "tel:11414;phone-context=+46" },
    { "tel:11414;phone-context=+46", "tel:11414;phone-context=+46" },
    { "1177", "tel:1177;phone-context=+46" },
    { "116 111", "tel:116111;phone-context=+46" },
    { "112", "tel:112" },
    { "070-174 06 05", "tel:+46701740605" },
    { "08-123 456 78", "tel:+46812345678" },
    { "(08) 123 456 78", "tel:+46812345678" },
    { "0980-123 45", "tel:+4698012345" },
    { "+47 22 12 34 56", "tel:+4722123456" },
    { "+44 20 7946 0000", "tel:+442079460000" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *uri = falt_phone_number_to_uri (cases[i].written, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (uri, ==, cases[i].uri);
    }
}

static void
test_number_format (void)
{
  static const struct { const char *written, *formatted; } cases[] = {
    { "020390000", "020-39 00 00" },
    { "+46 20 390 000", "020-39 00 00" },
    { "11414", "114 14" },
    { "112", "112" },
    { "1177", "1177" },
    { "116111", "116 111" },
    { "+46701740605", "070-174 06 05" },
    { "0812345678", "08-123 456 78" },
    { "08-1234567", "08-123 45 67" },
    { "08 123 456", "08-12 34 56" },
    { "031-7001000", "031-700 10 00" },
    { "040123456", "040-12 34 56" },
    { "0980 12345", "0980-123 45" },
    { "0120 123 45", "0120-123 45" },
    { "+47 22 12 34 56", "+4722123456" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *formatted = falt_phone_number_format (cases[i].written, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (formatted, ==, cases[i].formatted);
    }
}

static void
test_number_junk (void)
{
  static const char *const junk[] = {
    NULL, "", "   ", "call me", "020-39 00 00 ext. 5", "12", "1234567", "020-39", "020-39 00 00 00 00",
    "+", "++46 20 39 00 00", "46+20", "020*39", "0000", "+46 0 0 1", "+1 23", "mailto:a@b",
    "020-39 00 00;", "123456789012345678901234",
  };

  for (guint i = 0; i < G_N_ELEMENTS (junk); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GError) format_error = NULL;
      g_autofree char *uri = falt_phone_number_to_uri (junk[i], &error);
      g_autofree char *formatted = falt_phone_number_format (junk[i], &format_error);

      g_test_message ("%s → %s", junk[i], error != NULL ? error->message : uri);
      g_assert_error (error, FALT_DIAL_ERROR, FALT_DIAL_ERROR_INVALID_NUMBER);
      g_assert_error (format_error, FALT_DIAL_ERROR, FALT_DIAL_ERROR_INVALID_NUMBER);
      g_assert_null (uri);
      g_assert_null (formatted);
      g_assert_false (falt_phone_number_is_emergency (junk[i]));
    }

  g_assert_true (falt_phone_number_is_emergency ("112"));
  g_assert_true (falt_phone_number_is_emergency (" 1 1 2 "));
  g_assert_false (falt_phone_number_is_emergency ("114 14"));
}

static void
test_builtin_numbers (void)
{
  g_autoptr (GListModel) numbers = falt_dial_builtin_numbers ();
  gboolean seen_emergency = FALSE, seen_support = FALSE, seen_without_number = FALSE;

  g_assert_cmpuint (g_list_model_get_n_items (numbers), ==, 4);
  for (guint i = 0; i < g_list_model_get_n_items (numbers); i++)
    {
      g_autoptr (FaltDialNumber) number = g_list_model_get_item (numbers, i);
      g_autoptr (GError) error = NULL;
      g_autoptr (FaltOfficeHours) hours = falt_office_hours_parse (falt_dial_number_get_hours (number), &error);

      g_assert_no_error (error);
      g_assert_nonnull (falt_dial_number_get_name (number));
      g_assert_nonnull (falt_dial_number_get_when (number));
      g_assert_false (falt_dial_number_get_example (number));

      if (falt_dial_number_get_number (number) == NULL)
        {
          seen_without_number = TRUE;
          continue;
        }

      g_free (falt_phone_number_to_uri (falt_dial_number_get_number (number), &error));
      g_assert_no_error (error);
      seen_emergency |= falt_dial_number_is_emergency (number);
      if (g_str_equal (falt_dial_number_get_id (number), "support-line"))
        {
          seen_support = TRUE;
          g_assert_cmpstr (falt_dial_number_get_number (number), ==, "020-39 00 00");
          g_assert_false (falt_office_hours_is_always_open (hours));
          /* Its hours are not published: the page must say they are assumed. */
          g_assert_true (falt_dial_number_get_hours_assumed (number));
        }
      else
        g_assert_false (falt_dial_number_get_hours_assumed (number));
    }

  g_assert_true (seen_emergency);
  g_assert_true (seen_support);
  g_assert_true (seen_without_number);
}

/* Assumed hours give a likelihood, never a time the line opens or closes. */
static void
test_hours_assumed_wording (void)
{
  g_autoptr (FaltOpenStatus) open = status_at ("mon-fri 08:00-17:00", 2026, 11, 24, 10, 0);
  g_autoptr (FaltOpenStatus) evening = status_at ("mon-fri 08:00-17:00", 2026, 11, 20, 17, 30);
  g_autoptr (FaltOpenStatus) eve = status_at ("mon-fri 08:00-17:00", 2026, 6, 19, 10, 0);
  g_autofree char *open_text = falt_open_status_describe_assumed (open);
  g_autofree char *evening_text = falt_open_status_describe_assumed (evening);
  g_autofree char *eve_text = falt_open_status_describe_assumed (eve);

  g_assert_cmpstr (open_text, ==, "Probably open now");
  g_assert_cmpstr (evening_text, ==, "Probably closed now");
  g_assert_cmpstr (eve_text, ==, "Probably closed today (Midsummer Eve)");
}

/* ---- QR code ---- */

static gboolean
is_finder_pattern (const guint8 *m, guint width, guint x0, guint y0)
{
  for (guint y = 0; y < 7; y++)
    for (guint x = 0; x < 7; x++)
      {
        gboolean ring = x == 1 || x == 5 || y == 1 || y == 5;
        gboolean inside_ring = x >= 1 && x <= 5 && y >= 1 && y <= 5;
        guint8 expected = inside_ring && ring ? 0 : 1;
        if (m[(y0 + y) * width + x0 + x] != expected)
          return FALSE;
      }
  return TRUE;
}

static void
test_qr_matrix (void)
{
  g_autoptr (GError) error = NULL;
  guint width = 0;
  g_autoptr (GBytes) matrix = falt_qr_matrix_encode ("tel:+4620390000", &width, &error);
  gsize size;
  const guint8 *m;

  g_assert_no_error (error);
  m = g_bytes_get_data (matrix, &size);
  /* Versions grow by 4 modules from 21; libqrencode packs the digits in
   * numeric mode, so this short URI fits version 1. */
  g_assert_cmpuint (width, >=, 21);
  g_assert_cmpuint ((width - 21) % 4, ==, 0);
  g_assert_cmpuint (size, ==, width * width);
  for (gsize i = 0; i < size; i++)
    g_assert_cmpuint (m[i], <=, 1);
  g_assert_true (is_finder_pattern (m, width, 0, 0));
  g_assert_true (is_finder_pattern (m, width, width - 7, 0));
  g_assert_true (is_finder_pattern (m, width, 0, width - 7));
  g_assert_false (is_finder_pattern (m, width, width - 7, width - 7));
}

int
main (int argc, char *argv[])
{
  /* Prove that Swedish time is used whatever the machine's zone. */
  g_setenv ("TZ", "America/New_York", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dial/holidays/easter-sunday", test_easter_sunday);
  g_test_add_func ("/dial/holidays/moving", test_moving_holidays);
  g_test_add_func ("/dial/holidays/fixed", test_fixed_holidays);
  g_test_add_func ("/dial/holidays/list-year", test_holiday_list);
  g_test_add_func ("/dial/hours/parse", test_hours_parse);
  g_test_add_func ("/dial/call-labels-translated-apart", test_call_labels_translated_apart);
  g_test_add_func ("/dial/hours/always-open", test_hours_always_open);
  g_test_add_func ("/dial/hours/friday-closing", test_hours_friday_closing);
  g_test_add_func ("/dial/hours/midsummer", test_hours_midsummer);
  g_test_add_func ("/dial/hours/ascension-and-bridge-day", test_hours_ascension_and_bridge_day);
  g_test_add_func ("/dial/hours/easter-and-christmas", test_hours_easter_and_christmas);
  g_test_add_func ("/dial/hours/groups", test_hours_groups);
  g_test_add_func ("/dial/hours/format", test_hours_format);
  g_test_add_func ("/dial/hours/assumed-wording", test_hours_assumed_wording);
  g_test_add_func ("/dial/hours/format-swedish", test_hours_format_swedish);
  g_test_add_func ("/dial/hours/dst-march", test_hours_dst_march);
  g_test_add_func ("/dial/hours/dst-october", test_hours_dst_october);
  g_test_add_func ("/dial/hours/without-tzdata", test_hours_without_tzdata);
  g_test_add_func ("/dial/number/to-uri", test_number_to_uri);
  g_test_add_func ("/dial/number/format", test_number_format);
  g_test_add_func ("/dial/number/junk", test_number_junk);
  g_test_add_func ("/dial/number/builtins", test_builtin_numbers);

  g_test_add_func ("/dial/qr/matrix", test_qr_matrix);

  return g_test_run ();
}
