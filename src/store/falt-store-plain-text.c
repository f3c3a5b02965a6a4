/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-store"

#include <string.h>

#include "markdown/falt-markdown.h"
#include "falt-store-private.h"

/* Articles are Markdown; the search index and its snippets want the text a
 * reader sees. The body is parsed with cmark-gfm and its text nodes kept: no
 * `#`, `**` or list markers, no link targets or image sources (the link
 * text and the image description stay), no raw HTML. Each block ends a
 * line, so a snippet never runs a heading into the paragraph after it; a
 * table's cells are separated by spaces, its rows by lines. */

static void
end_line (GString *out)
{
  if (out->len > 0 && out->str[out->len - 1] != '\n')
    g_string_append_c (out, '\n');
}

static void
append_node_text (GString    *out,
                  cmark_node *node)
{
  const char *literal = cmark_node_get_literal (node);

  if (literal != NULL)
    g_string_append (out, literal);
}

/**
 * falt_store_markdown_to_plain_text:
 * @markdown: UTF-8 Markdown
 * @length: its length in bytes, or -1 if nul-terminated
 *
 * Returns: (transfer full): the text of @markdown without its markup
 */
char *
falt_store_markdown_to_plain_text (const char *markdown,
                                   gssize      length)
{
  gsize n = length < 0 ? strlen (markdown) : (gsize) length;
  g_autoptr (cmark_node) document = falt_markdown_parse (markdown, n, CMARK_OPT_DEFAULT);
  g_autoptr (cmark_iter) iter = cmark_iter_new (document);
  GString *out = g_string_sized_new (n);
  cmark_event_type event;

  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);
      cmark_node_type type = cmark_node_get_type (node);

      if (event == CMARK_EVENT_EXIT)
        {
          if (falt_markdown_node_kind (node) == FALT_MARKDOWN_NODE_TABLE_CELL)
            g_string_append_c (out, ' ');
          else if (falt_markdown_node_is_block (node))
            end_line (out);
          continue;
        }
      switch (type)
        {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE:
          append_node_text (out, node);
          break;
        case CMARK_NODE_CODE_BLOCK:
          append_node_text (out, node);
          end_line (out);
          break;
        case CMARK_NODE_SOFTBREAK:
          g_string_append_c (out, ' ');
          break;
        case CMARK_NODE_LINEBREAK:
          g_string_append_c (out, '\n');
          break;
        case CMARK_NODE_THEMATIC_BREAK:
        case CMARK_NODE_HTML_BLOCK:
          end_line (out);
          break;
        default:
          /* Containers (emphasis, links, lists…): their children carry
           * the text; raw inline HTML is dropped. */
          break;
        }
    }
  return g_string_free (out, FALSE);
}

/**
 * falt_store_strip_control_characters:
 * @text: UTF-8 text
 *
 * The search index's copy of a text: each control character but tab and
 * line feed (C0, DEL, C1) becomes a space. STX and ETX are the snippets'
 * match marks, so one in the content would open or close a mark of its own
 * and break the window's markup; ESC and CSI would reach a terminal through
 * `faltstod --search`.
 *
 * Returns: (transfer full): the text without control characters
 */
char *
falt_store_strip_control_characters (const char *text)
{
  GString *out = g_string_sized_new (strlen (text));

  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    {
      if ((*p < 0x20 && *p != '\t' && *p != '\n') || *p == 0x7f)
        g_string_append_c (out, ' ');
      else if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
        {
          g_string_append_c (out, ' ');
          p++;
        }
      else
        g_string_append_c (out, (char) *p);
    }
  return g_string_free (out, FALSE);
}
