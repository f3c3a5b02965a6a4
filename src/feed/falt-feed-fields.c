/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-feed"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "falt-feed-fields.h"

const char * const falt_feed_languages[] = { "sv", "en", "uk", NULL };

const FaltField falt_feed_section_fields[] = {
  { "id", FALT_FIELD_ID, TRUE },
  { "order", FALT_FIELD_INT, FALSE },
  { "icon", FALT_FIELD_TEXT, FALSE },
  { "titles", FALT_FIELD_TRANSLATED, TRUE },
  { NULL },
};

const FaltField falt_feed_contact_fields[] = {
  { "id", FALT_FIELD_ID, TRUE },
  { "number", FALT_FIELD_TEXT_OR_NULL, TRUE },
  { "names", FALT_FIELD_TRANSLATED, TRUE },
  { "when", FALT_FIELD_TRANSLATED, FALSE },
  { "hours", FALT_FIELD_HOURS, FALSE },
  { "hours_example", FALT_FIELD_BOOL, FALSE },
  { "example", FALT_FIELD_BOOL, FALSE },
  { NULL },
};

const FaltField falt_feed_coordinator_fields[] = {
  { "id", FALT_FIELD_ID, TRUE },
  { "region", FALT_FIELD_TEXT, TRUE },
  { "name", FALT_FIELD_TEXT_OR_NULL, FALSE },
  { "organisation", FALT_FIELD_TEXT, TRUE },
  { "counties", FALT_FIELD_TEXTS, TRUE },
  { "municipalities", FALT_FIELD_TEXTS, TRUE },
  { "target_group", FALT_FIELD_TARGET_GROUP, TRUE },
  { "phone", FALT_FIELD_TEXT_OR_NULL, FALSE },
  { "email", FALT_FIELD_TEXT_OR_NULL, FALSE },
  { "hours", FALT_FIELD_HOURS, FALSE },
  { "verified", FALT_FIELD_DATE, FALSE },
  { "example", FALT_FIELD_BOOL, FALSE },
  { NULL },
};

gboolean
falt_feed_is_language (const char *text)
{
  return text != NULL && g_strv_contains (falt_feed_languages, text);
}

static gboolean
is_hex_lower (const char *text, gsize len)
{
  if (text == NULL || strlen (text) != len)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (text[i]) && !(text[i] >= 'a' && text[i] <= 'f'))
      return FALSE;
  return TRUE;
}

/**
 * falt_feed_is_blob_name:
 * @name: (nullable): a file name
 *
 * Returns: whether @name is a blob's name: 64 lower-case hex digits (a sha256)
 */
gboolean
falt_feed_is_blob_name (const char *name)
{
  return is_hex_lower (name, 64);
}

/**
 * falt_feed_is_document_id:
 * @id: (nullable): a text
 *
 * Returns: whether @id is a document, section, contact or coordinator id: `[a-z0-9-]+`, at most
 *   100 characters, never a path
 */
gboolean
falt_feed_is_document_id (const char *id)
{
  if (id == NULL || *id == '\0' || strlen (id) > 100)
    return FALSE;
  for (const char *p = id; *p != '\0'; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '-')
      return FALSE;
  return TRUE;
}

/**
 * falt_feed_is_date:
 * @text: (nullable): a text
 *
 * Returns: whether @text is a valid calendar date written YYYY-MM-DD
 */
gboolean
falt_feed_is_date (const char *text)
{
  int year, month, day;
  char end;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-'
      || !g_ascii_isdigit (text[0]) || sscanf (text, "%4d-%2d-%2d%c", &year, &month, &day, &end) != 3)
    return FALSE;
  return g_date_valid_dmy (day, month, year);
}

/**
 * falt_feed_is_hours:
 * @text: a text
 *
 * Returns: whether @text is "mon-fri 08:00-17:00" or groups of them separated by commas (the
 *   dial module reads them)
 */
gboolean
falt_feed_is_hours (const char *text)
{
  static const char pattern[] =
    "^(mon|tue|wed|thu|fri|sat|sun)(-(mon|tue|wed|thu|fri|sat|sun))? "
    "([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-4]):[0-5][0-9]$";
  g_auto (GStrv) groups = NULL;

  if (strlen (text) > 1000)
    return FALSE;
  groups = g_strsplit (text, ",", -1);
  for (guint i = 0; groups[i] != NULL; i++)
    if (!g_regex_match_simple (pattern, g_strstrip (groups[i]), 0, 0))
      return FALSE;
  return groups[0] != NULL;
}

static gboolean
is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
is_text (JsonNode *node)
{
  return is_string (node) && *json_node_get_string (node) != '\0';
}

static gboolean
is_string_list (JsonNode *node)
{
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (!is_text (json_array_get_element (array, i)))
      return FALSE;
  return TRUE;
}

static gboolean
is_translated (JsonNode *node)
{
  JsonObject *object;
  g_autoptr (GList) members = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  object = json_node_get_object (node);
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    if (!falt_feed_is_language (l->data) || !is_text (json_object_get_member (object, l->data)))
      return FALSE;
  return json_object_has_member (object, "sv");
}

/**
 * falt_feed_field_is_valid:
 * @node: a member's value
 * @type: what the field may hold
 *
 * Returns: whether @node is a valid value for a field of @type
 */
gboolean
falt_feed_field_is_valid (JsonNode *node, FaltFieldType type)
{
  const char *text = is_string (node) ? json_node_get_string (node) : NULL;

  switch (type)
    {
    case FALT_FIELD_ID: return falt_feed_is_document_id (text);
    case FALT_FIELD_TEXT: return is_text (node);
    case FALT_FIELD_TEXT_OR_NULL: return JSON_NODE_HOLDS_NULL (node) || is_text (node);
    case FALT_FIELD_INT:
      return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64;
    case FALT_FIELD_BOOL:
      return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN;
    case FALT_FIELD_TEXTS: return is_string_list (node);
    case FALT_FIELD_TRANSLATED: return is_translated (node);
    case FALT_FIELD_DATE: return falt_feed_is_date (text);
    case FALT_FIELD_LANG: return falt_feed_is_language (text);
    case FALT_FIELD_HOURS: return JSON_NODE_HOLDS_NULL (node) || (text != NULL && falt_feed_is_hours (text));
    case FALT_FIELD_TARGET_GROUP:
      return g_strcmp0 (text, "adults") == 0 || g_strcmp0 (text, "children") == 0
             || g_strcmp0 (text, "all") == 0;
    default: g_assert_not_reached ();
    }
}

/**
 * falt_feed_field_describe:
 * @type: a field type
 *
 * Returns: what a field of @type must be, as a translated phrase ("a non-empty string")
 */
const char *
falt_feed_field_describe (FaltFieldType type)
{
  switch (type)
    {
    case FALT_FIELD_ID: return _("an id of lower-case letters, digits and “-”");
    case FALT_FIELD_TEXT: return _("a non-empty string");
    case FALT_FIELD_TEXT_OR_NULL: return _("a string or null");
    case FALT_FIELD_INT: return _("a whole number");
    case FALT_FIELD_BOOL: return _("true or false");
    case FALT_FIELD_TEXTS: return _("a list of strings");
    case FALT_FIELD_TRANSLATED: return _("an object of texts by language (sv, en, uk) with at least “sv”");
    case FALT_FIELD_DATE: return _("a date like “2026-10-01”");
    case FALT_FIELD_LANG: return _("one of “sv”, “en” or “uk”");
    case FALT_FIELD_HOURS: return _("null or hours like “mon-fri 08:00-17:00”");
    case FALT_FIELD_TARGET_GROUP: return _("“adults”, “children” or “all”");
    default: g_assert_not_reached ();
    }
}

/**
 * falt_feed_find_bad_field:
 * @object: an object to check
 * @fields: its fields, ended by one with a %NULL name
 * @missing: (out): whether the field returned is missing (else it holds a wrong value)
 *
 * Returns: (nullable): the first field that is missing though required or holds a wrong value,
 *   %NULL when @object is sound
 */
const FaltField *
falt_feed_find_bad_field (JsonObject *object, const FaltField *fields, gboolean *missing)
{
  for (const FaltField *field = fields; field->name != NULL; field++)
    {
      JsonNode *node = json_object_get_member (object, field->name);

      *missing = node == NULL;
      if ((node == NULL && field->required) || (node != NULL && !falt_feed_field_is_valid (node, field->type)))
        return field;
    }
  return NULL;
}

/**
 * falt_feed_json_too_deep_at:
 * @data: JSON text
 * @length: its length in bytes
 * @max_depth: the deepest nesting of objects and lists allowed
 *
 * json-glib parses recursively, so a text nested a hundred thousand levels deep overflows the
 * stack: look at the nesting before parsing. Brackets inside strings do not count.
 *
 * Returns: the offset of the first bracket that nests deeper than @max_depth, or -1
 */
gssize
falt_feed_json_too_deep_at (const char *data, gsize length, guint max_depth)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        {
          if (++depth > max_depth)
            return (gssize) i;
        }
      else if ((c == '}' || c == ']') && depth > 0)
        depth--;
    }
  return -1;
}

/**
 * falt_feed_json_depth_ok:
 * @data: JSON text
 * @length: its length in bytes
 * @max_depth: the deepest nesting of objects and lists allowed
 *
 * Returns: whether @data nests no deeper than @max_depth (falt_feed_json_too_deep_at())
 */
gboolean
falt_feed_json_depth_ok (const char *data, gsize length, guint max_depth)
{
  return falt_feed_json_too_deep_at (data, length, max_depth) < 0;
}

static int
hex_escape_value (const char *data, gsize length, gsize at)
{
  int value = 0;

  /* @at is the backslash of a `\uXXXX` escape. */
  if (at + 6 > length || data[at + 1] != 'u')
    return -1;
  for (gsize i = at + 2; i < at + 6; i++)
    {
      if (!g_ascii_isxdigit (data[i]))
        return -1;
      value = value * 16 + g_ascii_xdigit_value (data[i]);
    }
  return value;
}

/**
 * falt_feed_json_bad_escape_at:
 * @data: JSON text
 * @length: its length in bytes
 *
 * json-glib turns `\u0000` into a NUL that silently ends the text there, and a lone surrogate
 * (`\ud800` without its pair) into bytes that are not UTF-8, which the store and the window
 * would then be given: look for both before parsing.
 *
 * Returns: the offset of the first such escape, or -1
 */
gssize
falt_feed_json_bad_escape_at (const char *data, gsize length)
{
  gboolean in_string = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      int value;

      if (!in_string)
        {
          in_string = data[i] == '"';
          continue;
        }
      if (data[i] == '"')
        {
          in_string = FALSE;
          continue;
        }
      if (data[i] != '\\')
        continue;
      value = hex_escape_value (data, length, i);
      if (value == 0 || (value >= 0xdc00 && value <= 0xdfff))
        return (gssize) i;
      if (value >= 0xd800 && value <= 0xdbff)
        {
          int low = i + 6 < length && data[i + 6] == '\\' ? hex_escape_value (data, length, i + 6) : -1;

          if (low < 0xdc00 || low > 0xdfff)
            return (gssize) i;
          i += 6;
        }
      i += value >= 0 ? 5 : 1;
    }
  return -1;
}
