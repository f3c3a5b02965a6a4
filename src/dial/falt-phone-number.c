/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-dial"

#include <string.h>
#include <glib/gi18n.h>

#include "falt-phone-number.h"

/* Phone numbers as people write them ("020-39 00 00", "+46 20 390000",
 * "114 14") turned into RFC 3966 tel: URIs, and back into the form a Swede
 * reads aloud.
 *
 * Swedish numbers are "0" + a national significant number (NSN) of 7 to 9
 * digits: an area code of 1 to 3 digits, then the subscriber number. Short
 * numbers (3 to 6 digits, never starting with 0, like 114 14 or 1177) only
 * exist inside Sweden's networks, so their URI carries phone-context=+46;
 * 112 stays a bare tel:112 because it works in every network. */

#define MAX_DIGITS 20

typedef enum
{
  NUMBER_EMERGENCY,
  NUMBER_SHORT,
  NUMBER_SWEDISH,   /* digits = NSN, without the trunk 0 */
  NUMBER_FOREIGN,   /* digits = country code + number */
} NumberKind;

typedef struct
{
  NumberKind kind;
  char       digits[MAX_DIGITS + 1];
} ParsedNumber;

/* Two-digit area codes (after the 0): the big cities, the non-geographic
 * 010 and 020 series and the mobile series. 08 is the one one-digit code;
 * every other code has three digits (0120 … 0980). Swedish numbering is
 * prefix-free, so this small table is enough to split any number. */
static const char *const two_digit_area_codes[] = {
  "10", "11", "13", "16", "18", "19", "20", "21", "23", "26", "31", "33", "35", "36",
  "40", "42", "44", "46", "54", "60", "63", "70", "72", "73", "76", "79", "90",
};

static gboolean
is_separator (gunichar c)
{
  switch (c)
    {
    case ' ': case '-': case '.': case '/': case '(': case ')':
    case 0x00A0: /* no-break space */
    case 0x2009: /* thin space */
    case 0x202F: /* narrow no-break space */
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2212: /* hyphens, dashes, minus */
      return TRUE;
    default:
      return FALSE;
    }
}

/* Collects the digits of @text; a "+" may only come first. */
static gboolean
collect_digits (const char *text,
                const char *written,
                char        digits[MAX_DIGITS + 1],
                gboolean   *has_plus,
                GError    **error)
{
  gsize n = 0;

  *has_plus = FALSE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= '0' && c <= '9')
        {
          if (n == MAX_DIGITS)
            return falt_dial_set_error (error, FALT_DIAL_ERROR_INVALID_NUMBER, _("“%s” has too many digits to be a phone number."), written);
          digits[n++] = (char) c;
        }
      else if (c == '+' && n == 0 && !*has_plus)
        *has_plus = TRUE;
      else if (!is_separator (c))
        return falt_dial_set_error (error, FALT_DIAL_ERROR_INVALID_NUMBER,
                            _("“%s” is not a phone number. Use digits, spaces and hyphens, for example 020-39 00 00."), written);
    }
  digits[n] = '\0';

  if (n == 0)
    return falt_dial_set_error (error, FALT_DIAL_ERROR_INVALID_NUMBER, _("“%s” has no digits. Enter a phone number such as 020-39 00 00."), written);

  return TRUE;
}

static gboolean
classify_swedish (const char   *nsn,
                  const char   *written,
                  ParsedNumber *out,
                  GError      **error)
{
  gsize len = strlen (nsn);

  if (len < 7)
    return falt_dial_set_error (error, FALT_DIAL_ERROR_INVALID_NUMBER, _("“%s” is too short for a Swedish number with an area code."), written);
  if (len > 9)
    return falt_dial_set_error (error, FALT_DIAL_ERROR_INVALID_NUMBER, _("“%s” is too long for a Swedish phone number."), written);
  if (nsn[0] == '0')
    return falt_dial_set_error (error, FALT_DIAL_ERROR_INVALID_NUMBER, _("“%s” has one 0 too many after the country code."), written);

  out->kind = NUMBER_SWEDISH;
  g_strlcpy (out->digits, nsn, sizeof out->digits);
  return TRUE;
}

static gboolean
classify_international (const char   *digits,
                        const char   *written,
                        ParsedNumber *out,
                        GError      **error)
{
  gsize len = strlen (digits);

  if (g_str_has_prefix (digits, "46"))
    {
      /* People often keep the trunk 0: "+46 (0)20 …", "+46 020 …". */
      const char *nsn = digits + 2;
      if (*nsn == '0')
        nsn++;
      return classify_swedish (nsn, written, out, error);
    }

  /* E.164: at most 15 digits, country code included. */
  if (len < 7 || len > 15 || digits[0] == '0')
    return falt_dial_set_error (error, FALT_DIAL_ERROR_INVALID_NUMBER, _("“%s” is not a valid international phone number."), written);

  out->kind = NUMBER_FOREIGN;
  g_strlcpy (out->digits, digits, sizeof out->digits);
  return TRUE;
}

static gboolean
parse_number (const char   *written,
              ParsedNumber *out,
              GError      **error)
{
  g_autofree char *text = NULL;
  char digits[MAX_DIGITS + 1];
  gboolean has_plus;
  gsize len;

  if (written == NULL)
    written = "";
  text = g_strstrip (g_strdup (written));

  /* Accept a tel: URI too; its parameters say nothing we need. */
  if (g_ascii_strncasecmp (text, "tel:", 4) == 0)
    {
      char *params = strchr (text, ';');
      if (params != NULL)
        *params = '\0';
      memmove (text, text + 4, strlen (text + 4) + 1);
    }

  if (*text == '\0')
    {
      g_set_error_literal (error, FALT_DIAL_ERROR, FALT_DIAL_ERROR_INVALID_NUMBER,
                           _("No phone number was given."));
      return FALSE;
    }

  if (!collect_digits (text, written, digits, &has_plus, error))
    return FALSE;

  len = strlen (digits);
  if (has_plus)
    return classify_international (digits, written, out, error);
  if (g_str_has_prefix (digits, "00"))
    return classify_international (digits + 2, written, out, error);
  if (digits[0] == '0')
    return classify_swedish (digits + 1, written, out, error);

  if (len < 3)
    return falt_dial_set_error (error, FALT_DIAL_ERROR_INVALID_NUMBER, _("“%s” is too short to be a phone number."), written);
  if (len > 6)
    return falt_dial_set_error (error, FALT_DIAL_ERROR_INVALID_NUMBER,
                        _("“%s” has no area code. Add it first, for example 08 for Stockholm."), written);

  out->kind = g_str_equal (digits, "112") ? NUMBER_EMERGENCY : NUMBER_SHORT;
  g_strlcpy (out->digits, digits, sizeof out->digits);
  return TRUE;
}

/**
 * falt_phone_number_to_uri:
 * @written: a phone number as a person wrote it
 * @error: return location for a #FALT_DIAL_ERROR_INVALID_NUMBER error
 *
 * Normalises @written to an RFC 3966 URI: `tel:+4620390000` for Swedish
 * numbers however written, `tel:11414;phone-context=+46` for Swedish short
 * numbers and plain `tel:112` for the emergency number.
 *
 * Returns: (transfer full): the URI, or %NULL with @error set
 */
char *
falt_phone_number_to_uri (const char *written,
                          GError    **error)
{
  ParsedNumber number;

  if (!parse_number (written, &number, error))
    return NULL;

  switch (number.kind)
    {
    case NUMBER_EMERGENCY:
      return g_strdup ("tel:112");
    case NUMBER_SHORT:
      return g_strdup_printf ("tel:%s;phone-context=+46", number.digits);
    case NUMBER_SWEDISH:
      return g_strdup_printf ("tel:+46%s", number.digits);
    case NUMBER_FOREIGN:
    default:
      return g_strdup_printf ("tel:+%s", number.digits);
    }
}

static gsize
area_code_length (const char *nsn)
{
  if (nsn[0] == '8')
    return 1;
  for (guint i = 0; i < G_N_ELEMENTS (two_digit_area_codes); i++)
    if (strncmp (nsn, two_digit_area_codes[i], 2) == 0)
      return 2;
  return 3;
}

/* The Swedish way (Språkrådet's rule): pairs from the end, a group of three
 * first when the count is odd; eight digits read as 3 + 3 + 2. */
static void
append_subscriber (GString    *out,
                   const char *digits)
{
  gsize len = strlen (digits);
  gsize first = len % 2 == 1 ? 3 : 2;

  if (len == 8)
    {
      g_string_append_printf (out, "%.3s %.3s %.2s", digits, digits + 3, digits + 6);
      return;
    }
  if (len <= 3)
    {
      g_string_append (out, digits);
      return;
    }

  g_string_append_len (out, digits, first);
  for (gsize i = first; i < len; i += 2)
    g_string_append_printf (out, " %.2s", digits + i);
}

/**
 * falt_phone_number_format:
 * @written: a phone number as a person wrote it
 * @error: return location for a #FALT_DIAL_ERROR_INVALID_NUMBER error
 *
 * Formats @written for reading the Swedish way: area code, hyphen,
 * subscriber number in groups (`020-39 00 00`, `08-123 456 78`,
 * `070-174 06 05`, `0980-123 45`); short numbers as `114 14` or `1177`.
 * Foreign numbers come back as `+` and their digits, ungrouped, since
 * grouping differs per country.
 *
 * Returns: (transfer full): the formatted number, or %NULL with @error set
 */
char *
falt_phone_number_format (const char *written,
                          GError    **error)
{
  ParsedNumber number;
  GString *out;
  gsize len, area;

  if (!parse_number (written, &number, error))
    return NULL;

  len = strlen (number.digits);
  switch (number.kind)
    {
    case NUMBER_EMERGENCY:
      return g_strdup (number.digits);
    case NUMBER_SHORT:
      if (len == 5 || len == 6)
        return g_strdup_printf ("%.3s %s", number.digits, number.digits + 3);
      return g_strdup (number.digits);
    case NUMBER_FOREIGN:
      return g_strdup_printf ("+%s", number.digits);
    case NUMBER_SWEDISH:
    default:
      break;
    }

  area = area_code_length (number.digits);
  out = g_string_new ("0");
  g_string_append_len (out, number.digits, area);
  g_string_append_c (out, '-');
  append_subscriber (out, number.digits + area);
  return g_string_free (out, FALSE);
}

/**
 * falt_phone_number_is_emergency:
 * @written: a phone number as a person wrote it
 *
 * Returns: whether @written is the emergency number 112
 */
gboolean
falt_phone_number_is_emergency (const char *written)
{
  ParsedNumber number;

  return parse_number (written, &number, NULL) && number.kind == NUMBER_EMERGENCY;
}

/**
 * falt_phone_number_text_regex:
 *
 * Swedish numbers as articles write them: 020-39 00 00, 08-123 45 67,
 * +46 8 123 45 67, and the short ones 112 and 114 14. Not digits that are
 * part of a date, a law's number or a longer figure. The article view makes
 * them links; the content test checks every one of them.
 *
 * Returns: (transfer none): the expression, compiled once
 */
GRegex *
falt_phone_number_text_regex (void)
{
  static GRegex *regex;

  if (g_once_init_enter (&regex))
    {
      GRegex *compiled = g_regex_new ("(?<![\\d:/.,§-])"
                                      "(?:(?:\\+46[ ]?|0)\\d{1,3}[- ]?\\d{2,3}(?:[ ]\\d{2,3}){0,3}|112|114 14)"
                                      "(?![\\d,.]\\d|\\d|-\\d)",
                                      G_REGEX_OPTIMIZE, 0, NULL);
      g_once_init_leave (&regex, compiled);
    }
  return regex;
}
