/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-publish"

#include <string.h>
#include <glib/gi18n.h>

#include "feed/falt-feed.h"
#include "falt-content-source.h"
#include "falt-source-file.h"

/* An article: a front matter block of `key: value` lines between two `---` lines, then the
 * Markdown body. A deliberately small subset of YAML, so every mistake can be named with its
 * line. */

static const char *const known_keys[] = {
  "id", "title", "section", "lang", "tags", "updated", "summary", "example", NULL,
};

typedef struct
{
  GHashTable *values;  /* key → value */
  GHashTable *lines;   /* key → line number */
  guint       body_line;
} FrontMatter;

static void
front_matter_clear (FrontMatter *front)
{
  g_clear_pointer (&front->values, g_hash_table_unref);
  g_clear_pointer (&front->lines, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FrontMatter, front_matter_clear)

static char *
unquote (const char *value)
{
  gsize len = strlen (value);

  if (len >= 2 && ((value[0] == '"' && value[len - 1] == '"') || (value[0] == '\'' && value[len - 1] == '\'')))
    return g_strndup (value + 1, len - 2);
  return g_strdup (value);
}

static gboolean
parse_front_matter_line (const char *path, guint line_number, const char *line, FrontMatter *front,
                         GError **error)
{
  const char *colon = strchr (line, ':');
  g_autofree char *key = NULL;
  g_autofree char *value = NULL;

  if (colon == NULL)
    return falt_source_error (error, path, line_number,
                              _("expected a “key: value” line or the closing “---”"));
  key = g_strstrip (g_strndup (line, colon - line));
  value = g_strstrip (g_strdup (colon + 1));
  if (!g_strv_contains (known_keys, key))
    return falt_source_error (error, path, line_number, _("unknown key “%s” in the front matter"), key);
  if (g_hash_table_contains (front->values, key))
    return falt_source_error (error, path, line_number, _("“%s” is given twice"), key);
  g_hash_table_insert (front->lines, g_strdup (key), GUINT_TO_POINTER (line_number));
  g_hash_table_insert (front->values, g_steal_pointer (&key), unquote (value));
  return TRUE;
}

static gboolean
parse_front_matter (const char *path, GStrv lines, FrontMatter *front, GError **error)
{
  front->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  front->lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (lines[0] == NULL || strcmp (g_strchomp (lines[0]), "---") != 0)
    return falt_source_error (error, path, 1, _("an article must start with a “---” line"));
  for (guint i = 1; lines[i] != NULL; i++)
    {
      char *line = g_strchomp (lines[i]);

      if (strcmp (line, "---") == 0)
        {
          front->body_line = i + 1;
          return TRUE;
        }
      if (*line == '\0' || *line == '#')
        continue;
      if (!parse_front_matter_line (path, i + 1, line, front, error))
        return FALSE;
    }
  return falt_source_error (error, path, g_strv_length (lines),
                            _("the front matter has no closing “---” line"));
}

static guint
line_of (FrontMatter *front, const char *key)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (front->lines, key));
}

static const char *
required (FrontMatter *front, const char *path, const char *key, GError **error)
{
  const char *value = g_hash_table_lookup (front->values, key);

  if (value == NULL || *value == '\0')
    {
      falt_source_error (error, path, 1, _("the front matter has no “%s”"), key);
      return NULL;
    }
  return value;
}

static GStrv
split_tags (const char *text)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) parts = g_strsplit (text != NULL ? text : "", ",", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    if (*g_strstrip (parts[i]) != '\0')
      g_strv_builder_add (builder, parts[i]);
  return g_strv_builder_end (builder);
}

static gboolean
check_identity (FaltContentItem *item, FrontMatter *front, const char *file_id,
                const char *file_lang, GError **error)
{
  if (strcmp (item->id, file_id) != 0)
    return falt_source_error (error, item->path, line_of (front, "id"),
                              _("the id “%s” does not match the file name (“%s”)"), item->id, file_id);
  if (strcmp (item->lang, file_lang) != 0)
    return falt_source_error (error, item->path, line_of (front, "lang"),
                              _("the language “%s” does not match the file name (“%s”)"), item->lang,
                              file_lang);
  return TRUE;
}

static gboolean
check_fields (FaltContentItem *item, FrontMatter *front, GHashTable *sections, GError **error)
{
  const char *example = g_hash_table_lookup (front->values, "example");

  if (!g_hash_table_contains (sections, item->section))
    return falt_source_error (error, item->path, item->section_line,
                              _("unknown section “%s” (see sections.json)"), item->section);
  if (!falt_feed_is_date (item->updated))
    return falt_source_error (error, item->path, line_of (front, "updated"),
                              _("“%s” is not a date like 2026-10-01"), item->updated);
  if (example != NULL && strcmp (example, "true") != 0 && strcmp (example, "false") != 0)
    return falt_source_error (error, item->path, line_of (front, "example"),
                              _("“example” must be true or false"));
  item->example = g_strcmp0 (example, "true") == 0;
  return TRUE;
}

static GBytes *
extract_body (const char *path, GStrv lines, guint body_line, guint *first_line, GError **error)
{
  g_autofree char *body = NULL;
  guint first = body_line;

  /* Blank lines between the front matter and the text are layout, not content. */
  while (lines[first] != NULL && *g_strchomp (lines[first]) == '\0')
    first++;
  *first_line = first + 1;
  body = g_strjoinv ("\n", lines + first);
  g_strchomp (body);
  if (*body == '\0')
    {
      falt_source_error (error, path, body_line, _("the article has no text after the front matter"));
      return NULL;
    }
  return g_bytes_new_take (g_strconcat (body, "\n", NULL), strlen (body) + 1);
}

/**
 * falt_content_article_load:
 * @path: an `articles/<id>.<lang>.md` file
 * @sections: the ids of sections.json
 * @error: return location for a #GError with a `file:line: …` message
 *
 * Returns: (transfer full): the article, or %NULL with @error set
 */
FaltContentItem *
falt_content_article_load (const char *path, GHashTable *sections, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (FaltContentItem) item = g_new0 (FaltContentItem, 1);
  g_auto (FrontMatter) front = { 0 };
  g_autofree char *text = NULL;
  gsize length = 0;
  g_auto (GStrv) lines = NULL;
  const char *invalid = NULL;
  g_autofree char *base = NULL;
  g_autofree char *file_id = NULL;
  g_autofree char *file_lang = NULL;

  item->path = g_strdup (path);
  item->kind = g_strdup ("article");
  base = g_path_get_basename (path);
  if (!falt_source_split_name (base, ".md", &file_id, &file_lang))
    {
      g_autofree char *languages = g_strjoinv (", ", (char **) falt_feed_languages);

      falt_source_error (error, path, 1, _("an article's file name must be <id>.<lang>.md (lang: one of %s)"),
                         languages);
      return NULL;
    }
  if ((text = falt_source_file_read (path, FALT_SOURCE_FILE_MAX_TEXT, &length, &local_error)) == NULL)
    {
      g_set_error (error, FALT_PUBLISH_ERROR, FALT_PUBLISH_ERROR_IO, "%s", local_error->message);
      return NULL;
    }
  /* Over the whole length: a NUL byte would end the text there, silently
   * dropping the rest of the article. */
  if (!g_utf8_validate_len (text, length, &invalid))
    {
      guint line = 1;

      for (const char *p = text; p < invalid; p++)
        line += *p == '\n';
      falt_source_error (error, path, line, *invalid == '\0'
                         ? _("the text contains a NUL byte (the file is damaged or not text)")
                         : _("the text is not valid UTF-8"));
      return NULL;
    }

  lines = g_strsplit (text, "\n", -1);
  if (!parse_front_matter (path, lines, &front, error))
    return NULL;
  if ((item->id = g_strdup (required (&front, path, "id", error))) == NULL
      || (item->title = g_strdup (required (&front, path, "title", error))) == NULL
      || (item->section = g_strdup (required (&front, path, "section", error))) == NULL
      || (item->lang = g_strdup (required (&front, path, "lang", error))) == NULL
      || (item->updated = g_strdup (required (&front, path, "updated", error))) == NULL)
    return NULL;
  item->section_line = line_of (&front, "section");
  item->summary = g_strdup (g_hash_table_lookup (front.values, "summary"));
  item->tags = split_tags (g_hash_table_lookup (front.values, "tags"));
  if (!check_identity (item, &front, file_id, file_lang, error) || !check_fields (item, &front, sections, error)
      || (item->body = extract_body (path, lines, front.body_line, &item->body_line, error)) == NULL)
    return NULL;
  return g_steal_pointer (&item);
}
