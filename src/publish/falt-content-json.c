/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-publish"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "feed/falt-feed.h"
#include "falt-content-json.h"
#include "falt-source-file.h"

struct _FaltSourceJson
{
  char       *path;
  JsonParser *parser;
  GHashTable *member_lines;  /* "object pointer/member" → line */
  GHashTable *object_lines;  /* object → line of its first member */
};

/* sections.json, contacts.json and coordinators.json are checked with the feed's own field
 * tables (src/feed/falt-feed-fields.h), so publishing accepts exactly what the app accepts. */

static const FaltField pdf_fields[] = {
  { "id", FALT_FIELD_ID, TRUE },
  { "title", FALT_FIELD_TEXT, TRUE },
  { "section", FALT_FIELD_ID, TRUE },
  { "lang", FALT_FIELD_LANG, TRUE },
  { "summary", FALT_FIELD_TEXT_OR_NULL, FALSE },
  { "updated", FALT_FIELD_DATE, TRUE },
  { "tags", FALT_FIELD_TEXTS, FALSE },
  { "example", FALT_FIELD_BOOL, FALSE },
  { NULL },
};

static char *
member_key (JsonObject *object, const char *member)
{
  return g_strdup_printf ("%p/%s", (void *) object, member);
}

static void
object_member_cb (JsonParser *parser, JsonObject *object, const char *member, gpointer user_data)
{
  FaltSourceJson *json = user_data;
  guint line = json_parser_get_current_line (parser);

  g_hash_table_insert (json->member_lines, member_key (object, member), GUINT_TO_POINTER (line));
  if (!g_hash_table_contains (json->object_lines, object))
    g_hash_table_insert (json->object_lines, object, GUINT_TO_POINTER (line));
}

void
falt_source_json_free (FaltSourceJson *json)
{
  g_free (json->path);
  g_clear_object (&json->parser);
  g_clear_pointer (&json->member_lines, g_hash_table_unref);
  g_clear_pointer (&json->object_lines, g_hash_table_unref);
  g_free (json);
}

/* json-glib says "FILE:LINE:COLUMN: Parse error: …"; editors get the same `file:line:` as
 * everywhere else, with the column in the text. */
static void
report_syntax_error (const char *path, const char *message, GError **error)
{
  /* json-glib names text it was given as data "<data>". */
  static const char data_name[] = "<data>";
  guint line = 0, column = 0;
  int consumed = 0;

  if (g_str_has_prefix (message, data_name)
      && sscanf (message + strlen (data_name), ":%u:%u: %n", &line, &column, &consumed) == 2 && consumed > 0)
    falt_source_error (error, path, line, _("invalid JSON at column %u: %s"), column,
                       message + strlen (data_name) + consumed);
  else
    falt_source_error (error, path, 1, _("invalid JSON: %s"), message);
}

static guint
line_at (const char *data, gsize offset)
{
  guint line = 1;

  for (gsize i = 0; i < offset; i++)
    line += data[i] == '\n';
  return line;
}

/**
 * falt_source_json_load:
 * @path: a JSON file
 * @error: return location for a #GError; json-glib's syntax errors already read `file:line:col: …`
 */
FaltSourceJson *
falt_source_json_load (const char *path, GError **error)
{
  g_autoptr (FaltSourceJson) json = g_new0 (FaltSourceJson, 1);
  g_autoptr (GError) local_error = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;
  gssize too_deep;
  gssize bad_escape;

  json->path = g_strdup (path);
  json->parser = json_parser_new_immutable ();
  json->member_lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  json->object_lines = g_hash_table_new (NULL, NULL);
  g_signal_connect (json->parser, "object-member", G_CALLBACK (object_member_cb), json);

  if ((data = falt_source_file_read (path, FALT_SOURCE_FILE_MAX_TEXT, &length, &local_error)) == NULL)
    {
      g_set_error (error, FALT_PUBLISH_ERROR, FALT_PUBLISH_ERROR_IO, "%s", local_error->message);
      return NULL;
    }
  /* json-glib recurses once per level: a file nested deeper than any real one would overflow
   * the stack instead of failing with a message. */
  if ((too_deep = falt_feed_json_too_deep_at (data, length, FALT_FEED_MAX_JSON_DEPTH)) >= 0)
    {
      falt_source_error (error, path, line_at (data, too_deep),
                         _("lists and objects nest deeper than %d levels"), FALT_FEED_MAX_JSON_DEPTH);
      return NULL;
    }
  if ((bad_escape = falt_feed_json_bad_escape_at (data, length)) >= 0)
    {
      falt_source_error (error, path, line_at (data, bad_escape),
                         _("a \\u escape that is no character (\\u0000 or half a surrogate pair)"));
      return NULL;
    }
  if (!json_parser_load_from_data (json->parser, data, length, &local_error))
    {
      report_syntax_error (path, local_error->message, error);
      return NULL;
    }
  if (json_parser_get_root (json->parser) == NULL)
    {
      falt_source_error (error, path, 1, _("the file is empty"));
      return NULL;
    }
  return g_steal_pointer (&json);
}

JsonNode *
falt_source_json_get_root (FaltSourceJson *json)
{
  return json_parser_get_root (json->parser);
}

static guint
line_of (FaltSourceJson *json, JsonObject *object, const char *member)
{
  g_autofree char *key = member_key (object, member);
  guint line = GPOINTER_TO_UINT (g_hash_table_lookup (json->member_lines, key));

  if (line == 0)
    line = GPOINTER_TO_UINT (g_hash_table_lookup (json->object_lines, object));
  return MAX (line, 1);
}

static gboolean
is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
check_object (FaltSourceJson *json, JsonObject *object, const FaltField *fields, GError **error)
{
  gboolean missing = FALSE;
  const FaltField *bad = falt_feed_find_bad_field (object, fields, &missing);

  if (bad == NULL)
    return TRUE;
  if (missing)
    return falt_source_error (error, json->path, line_of (json, object, bad->name),
                              _("“%s” is missing"), bad->name);
  return falt_source_error (error, json->path, line_of (json, object, bad->name),
                            _("“%s” must be %s"), bad->name, falt_feed_field_describe (bad->type));
}

/* A list of objects with unique ids, each checked against @fields; @ids gets the ids. */
static gboolean
check_list (FaltSourceJson *json, const FaltField *fields, GHashTable *ids, GError **error)
{
  JsonNode *root = falt_source_json_get_root (json);
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (root))
    return falt_source_error (error, json->path, 1, _("the file must hold a list ([…])"));
  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *object;
      const char *id;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return falt_source_error (error, json->path, 1, _("entry %u of the list is not an object"), i + 1);
      object = json_node_get_object (node);
      if (!check_object (json, object, fields, error))
        return FALSE;
      id = json_object_get_string_member (object, "id");
      if (!g_hash_table_add (seen, (gpointer) id))
        return falt_source_error (error, json->path, line_of (json, object, "id"),
                                  _("the id “%s” is used twice"), id);
      if (ids != NULL)
        g_hash_table_add (ids, g_strdup (id));
    }
  return TRUE;
}

gboolean
falt_content_json_check_sections (FaltSourceJson *json, GHashTable *ids, GError **error)
{
  return check_list (json, falt_feed_section_fields, ids, error);
}

gboolean
falt_content_json_check_contacts (FaltSourceJson *json, GError **error)
{
  return check_list (json, falt_feed_contact_fields, NULL, error);
}

gboolean
falt_content_json_check_coordinators (FaltSourceJson *json, GError **error)
{
  return check_list (json, falt_feed_coordinator_fields, NULL, error);
}

static GStrv
get_string_list (JsonObject *object, const char *member)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  JsonNode *node = json_object_get_member (object, member);

  if (node != NULL)
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        g_strv_builder_add (builder, json_array_get_string_element (array, i));
    }
  return g_strv_builder_end (builder);
}

static const char *
get_optional_string (JsonObject *object, const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && is_string (node) ? json_node_get_string (node) : NULL;
}

static gboolean
check_pdf_metadata (FaltSourceJson *json, JsonObject *object, const char *pdf_path,
                    GHashTable *sections, GError **error)
{
  g_autofree char *base = g_path_get_basename (pdf_path);
  g_autofree char *file_id = NULL;
  g_autofree char *file_lang = NULL;
  g_autoptr (GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    {
      gboolean known = FALSE;

      for (const FaltField *field = pdf_fields; field->name != NULL; field++)
        known |= strcmp (field->name, l->data) == 0;
      if (!known)
        return falt_source_error (error, json->path, line_of (json, object, l->data),
                                  _("unknown field “%s”"), (const char *) l->data);
    }
  if (!check_object (json, object, pdf_fields, error))
    return FALSE;
  falt_source_split_name (base, ".pdf", &file_id, &file_lang);
  if (g_strcmp0 (json_object_get_string_member (object, "id"), file_id) != 0)
    return falt_source_error (error, json->path, line_of (json, object, "id"),
                              _("the id does not match the file name (“%s”)"), file_id);
  if (g_strcmp0 (json_object_get_string_member (object, "lang"), file_lang) != 0)
    return falt_source_error (error, json->path, line_of (json, object, "lang"),
                              _("the language does not match the file name (“%s”)"), file_lang);
  if (!g_hash_table_contains (sections, json_object_get_string_member (object, "section")))
    return falt_source_error (error, json->path, line_of (json, object, "section"),
                              _("unknown section “%s” (see sections.json)"),
                              json_object_get_string_member (object, "section"));
  return TRUE;
}

/* Opened with poppler exactly as the app opens it: a damaged, fake or password-locked PDF is
 * refused here instead of being signed into a feed no installation can import. */
static GBytes *
read_pdf (const char *path, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  if ((data = falt_source_file_read (path, FALT_SOURCE_FILE_MAX_PDF, &length, &local_error)) == NULL)
    {
      falt_source_error (error, path, 1, _("cannot read the PDF: %s"), local_error->message);
      return NULL;
    }
  bytes = g_bytes_new_take (g_steal_pointer (&data), length);
  if (!falt_feed_check_blob_content (path, FALT_MANIFEST_KIND_PDF, bytes, &local_error))
    {
      falt_source_error (error, path, 1, "%s", g_error_matches (local_error, FALT_FEED_ERROR, FALT_FEED_ERROR_LOCKED)
                                             ? _("the PDF is locked with a password: publish it without one")
                                             : _("this is not a PDF that can be opened (damaged, cut short or not a PDF)"));
      return NULL;
    }
  return g_steal_pointer (&bytes);
}

/**
 * falt_content_pdf_load:
 * @pdf_path: `pdfs/<id>.<lang>.pdf`
 * @metadata_path: `pdfs/<id>.<lang>.json`
 * @sections: the ids of sections.json
 * @error: return location for a #GError with a `file:line: …` message
 */
FaltContentItem *
falt_content_pdf_load (const char *pdf_path, const char *metadata_path, GHashTable *sections,
                       GError **error)
{
  g_autoptr (FaltSourceJson) json = NULL;
  g_autoptr (FaltContentItem) item = NULL;
  JsonObject *object;
  JsonNode *example;

  if ((json = falt_source_json_load (metadata_path, error)) == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (falt_source_json_get_root (json)))
    {
      falt_source_error (error, metadata_path, 1, _("the file must hold one object ({…})"));
      return NULL;
    }
  object = json_node_get_object (falt_source_json_get_root (json));
  if (!check_pdf_metadata (json, object, pdf_path, sections, error))
    return NULL;

  item = g_new0 (FaltContentItem, 1);
  /* Problems found later (a section differing between translations) are in the metadata. */
  item->path = g_strdup (metadata_path);
  item->kind = g_strdup ("pdf");
  item->id = g_strdup (json_object_get_string_member (object, "id"));
  item->lang = g_strdup (json_object_get_string_member (object, "lang"));
  item->section = g_strdup (json_object_get_string_member (object, "section"));
  item->section_line = line_of (json, object, "section");
  item->title = g_strdup (json_object_get_string_member (object, "title"));
  item->summary = g_strdup (get_optional_string (object, "summary"));
  item->updated = g_strdup (json_object_get_string_member (object, "updated"));
  item->tags = get_string_list (object, "tags");
  example = json_object_get_member (object, "example");
  item->example = example != NULL && json_node_get_boolean (example);
  if ((item->body = read_pdf (pdf_path, error)) == NULL)
    return NULL;
  return g_steal_pointer (&item);
}
