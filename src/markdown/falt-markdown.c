/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-markdown"

#include <string.h>
#include <cmark-gfm-core-extensions.h>

#include "falt-markdown.h"

/* Articles are GitHub-flavoured Markdown: CommonMark with tables, autolinks
 * and strikethrough. Everything that reads an article parses it here. */

static const char *const extensions[] = { "table", "autolink", "strikethrough" };

/**
 * falt_markdown_parse:
 * @markdown: UTF-8 Markdown
 * @length: its length in bytes, or -1 if nul-terminated
 * @options: `CMARK_OPT_*` flags
 *
 * Returns: (transfer full): the document node; free with cmark_node_free()
 */
cmark_node *
falt_markdown_parse (const char *markdown,
                     gssize      length,
                     int         options)
{
  gsize n = markdown == NULL ? 0 : length < 0 ? strlen (markdown) : (gsize) length;
  cmark_parser *parser;
  cmark_node *document;

  cmark_gfm_core_extensions_ensure_registered ();
  parser = cmark_parser_new (options);
  for (guint i = 0; i < G_N_ELEMENTS (extensions); i++)
    {
      cmark_syntax_extension *extension = cmark_find_syntax_extension (extensions[i]);

      if (extension != NULL)
        cmark_parser_attach_syntax_extension (parser, extension);
      else
        g_warning ("cmark-gfm has no “%s” extension", extensions[i]);
    }
  cmark_parser_feed (parser, markdown != NULL ? markdown : "", n);
  document = cmark_parser_finish (parser);
  cmark_parser_free (parser);
  return document;
}

/**
 * falt_markdown_node_kind:
 *
 * Returns: which extension node @node is, or %FALT_MARKDOWN_NODE_OTHER
 */
FaltMarkdownNode
falt_markdown_node_kind (cmark_node *node)
{
  const char *type;

  if (cmark_node_get_syntax_extension (node) == NULL)
    return FALT_MARKDOWN_NODE_OTHER;

  type = cmark_node_get_type_string (node);
  if (g_strcmp0 (type, "table") == 0)
    return FALT_MARKDOWN_NODE_TABLE;
  if (g_strcmp0 (type, "table_row") == 0 || g_strcmp0 (type, "table_header") == 0)
    return FALT_MARKDOWN_NODE_TABLE_ROW;
  if (g_strcmp0 (type, "table_cell") == 0)
    return FALT_MARKDOWN_NODE_TABLE_CELL;
  if (g_strcmp0 (type, "strikethrough") == 0)
    return FALT_MARKDOWN_NODE_STRIKETHROUGH;
  return FALT_MARKDOWN_NODE_OTHER;
}

gboolean
falt_markdown_node_is_block (cmark_node *node)
{
  return (cmark_node_get_type (node) & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_BLOCK;
}

/**
 * falt_markdown_node_text:
 *
 * Returns: (transfer full): the text a reader sees in @node and its
 *   children, without markup (a soft line break is a space)
 */
char *
falt_markdown_node_text (cmark_node *node)
{
  g_autoptr (cmark_iter) iter = cmark_iter_new (node);
  GString *text = g_string_new (NULL);
  cmark_event_type event;

  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *current = cmark_iter_get_node (iter);

      if (event != CMARK_EVENT_ENTER)
        continue;
      switch (cmark_node_get_type (current))
        {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE:
          g_string_append (text, cmark_node_get_literal (current));
          break;
        case CMARK_NODE_SOFTBREAK:
        case CMARK_NODE_LINEBREAK:
          g_string_append_c (text, ' ');
          break;
        default:
          break;
        }
    }
  return g_string_free (text, FALSE);
}

/* GitHub's anchors (github-slugger): lower case, punctuation dropped, each
 * space a hyphen. Letters of any script stay: "Vad gör jag nu?" is
 * "vad-gör-jag-nu". */
static char *
heading_slug (const char *text)
{
  g_autofree char *lower = g_utf8_strdown (text, -1);
  GString *slug = g_string_new (NULL);

  for (const char *p = lower; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == ' ')
        g_string_append_c (slug, '-');
      else if (c == '-' || c == '_' || g_unichar_isalnum (c) || g_unichar_ismark (c))
        g_string_append_unichar (slug, c);
    }
  return g_string_free (slug, FALSE);
}

/**
 * falt_markdown_anchor_add:
 * @used: the anchors given so far in this document (a set of strings)
 * @heading_text: a heading's text
 *
 * Names a heading's anchor as GitHub does, a repeated one with `-1`, `-2`…,
 * and adds it to @used.
 *
 * Returns: (transfer full): the anchor
 */
char *
falt_markdown_anchor_add (GHashTable *used,
                          const char *heading_text)
{
  g_autofree char *slug = heading_slug (heading_text);
  char *anchor = g_strdup (slug);

  for (guint n = 1; g_hash_table_contains (used, anchor); n++)
    {
      g_free (anchor);
      anchor = g_strdup_printf ("%s-%u", slug, n);
    }
  g_hash_table_add (used, g_strdup (anchor));
  return anchor;
}

/**
 * falt_markdown_list_anchors:
 *
 * Returns: (transfer full): the set of @markdown's heading anchors
 */
GHashTable *
falt_markdown_list_anchors (const char *markdown)
{
  g_autoptr (cmark_node) document = falt_markdown_parse (markdown, -1, CMARK_OPT_DEFAULT);
  g_autoptr (cmark_iter) iter = cmark_iter_new (document);
  GHashTable *used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  cmark_event_type event;

  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);

      if (event == CMARK_EVENT_ENTER && cmark_node_get_type (node) == CMARK_NODE_HEADING)
        {
          g_autofree char *text = falt_markdown_node_text (node);

          g_free (falt_markdown_anchor_add (used, text));
        }
    }
  return used;
}

static gboolean
is_document_id (const char *id,
                gsize       length)
{
  if (length == 0)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_islower (id[i]) && !g_ascii_isdigit (id[i]) && id[i] != '-')
      return FALSE;
  return TRUE;
}

/**
 * falt_markdown_parse_link:
 * @url: a link's target
 * @doc_id: (out) (optional) (nullable): for a document link, the id
 * @anchor: (out) (optional) (nullable): for document and anchor links, the
 *   heading's anchor (unescaped), or %NULL for a document's top
 *
 * Returns: what @url points at
 */
FaltMarkdownLink
falt_markdown_parse_link (const char  *url,
                          char       **doc_id,
                          char       **anchor)
{
  g_autofree char *id = NULL;
  g_autofree char *fragment = NULL;
  const char *hash;
  FaltMarkdownLink kind = FALT_MARKDOWN_LINK_INVALID;

  if (doc_id != NULL)
    *doc_id = NULL;
  if (anchor != NULL)
    *anchor = NULL;
  if (url == NULL)
    return FALT_MARKDOWN_LINK_INVALID;
  hash = strchr (url, '#');

  if (g_str_has_prefix (url, "doc:"))
    {
      const char *start = url + strlen ("doc:");
      gsize length = hash != NULL ? (gsize) (hash - start) : strlen (start);

      if (is_document_id (start, length))
        {
          id = g_strndup (start, length);
          kind = FALT_MARKDOWN_LINK_DOCUMENT;
        }
    }
  else if (url[0] == '#' && url[1] != '\0')
    kind = FALT_MARKDOWN_LINK_ANCHOR;
  else if (g_ascii_strncasecmp (url, "tel:", 4) == 0)
    kind = FALT_MARKDOWN_LINK_TEL;
  else if (g_ascii_strncasecmp (url, "mailto:", 7) == 0)
    kind = FALT_MARKDOWN_LINK_MAIL;
  else if (g_ascii_strncasecmp (url, "https:", 6) == 0 || g_ascii_strncasecmp (url, "http:", 5) == 0)
    kind = FALT_MARKDOWN_LINK_WEB;

  if ((kind == FALT_MARKDOWN_LINK_DOCUMENT || kind == FALT_MARKDOWN_LINK_ANCHOR) && hash != NULL)
    {
      fragment = g_uri_unescape_string (hash + 1, NULL);
      if (fragment == NULL || *fragment == '\0')
        kind = FALT_MARKDOWN_LINK_INVALID;
    }

  if (doc_id != NULL && kind == FALT_MARKDOWN_LINK_DOCUMENT)
    *doc_id = g_steal_pointer (&id);
  if (anchor != NULL && (kind == FALT_MARKDOWN_LINK_DOCUMENT || kind == FALT_MARKDOWN_LINK_ANCHOR))
    *anchor = g_steal_pointer (&fragment);
  return kind;
}

/* The byte offset where line @line (from 1) of @markdown starts. */
static gsize
offset_of_line (const char *markdown,
                int         line)
{
  const char *p = markdown;

  for (int i = 1; i < line && *p != '\0'; i++)
    {
      const char *newline = strchr (p, '\n');

      if (newline == NULL)
        return strlen (markdown);
      p = newline + 1;
    }
  return (gsize) (p - markdown);
}

static gboolean
is_blank (const char *text,
          gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isspace (text[i]))
      return FALSE;
  return TRUE;
}

/**
 * falt_markdown_split_sections:
 * @markdown: UTF-8 Markdown
 *
 * Cuts an article before each of its `##` headings (level 2, not inside a
 * list, quote or code block), as presentation mode shows it one section at
 * a time. What comes before the first such heading (the title, an
 * introduction) is the first part, unless it is blank.
 *
 * Returns: (transfer full) (element-type utf8): the parts, in order; one
 *   part, the whole text, when it has no `##` heading
 */
GPtrArray *
falt_markdown_split_sections (const char *markdown)
{
  g_autoptr (cmark_node) document = falt_markdown_parse (markdown, -1, CMARK_OPT_DEFAULT);
  GPtrArray *parts = g_ptr_array_new_with_free_func (g_free);
  const char *text = markdown != NULL ? markdown : "";
  gsize start = 0;

  for (cmark_node *node = cmark_node_first_child (document); node != NULL; node = cmark_node_next (node))
    {
      gsize offset;

      if (cmark_node_get_type (node) != CMARK_NODE_HEADING || cmark_node_get_heading_level (node) != 2)
        continue;
      offset = offset_of_line (text, cmark_node_get_start_line (node));
      if (offset > start && !is_blank (text + start, offset - start))
        g_ptr_array_add (parts, g_strndup (text + start, offset - start));
      start = offset;
    }
  if (parts->len == 0 || !is_blank (text + start, strlen (text + start)))
    g_ptr_array_add (parts, g_strdup (text + start));
  return parts;
}
