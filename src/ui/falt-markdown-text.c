/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-markdown-view"

#include <string.h>
#include <cmark-gfm-core-extensions.h>

#include "dial/falt-phone-number.h"
#include "markdown/falt-markdown.h"
#include "falt-markdown-text.h"

/* GitHub-flavoured Markdown turned into what the article view shows: the
 * text, the styles over it, the headings' anchors and the tables. Only GLib
 * and cmark-gfm, so an article is parsed off the main loop; the view then
 * puts it into its buffer a screenful at a time (falt-markdown-render.c).
 * Phone numbers in the text become tel: links. Raw HTML is dropped:
 * content comes from a feed and is shown as text only. */

#define OBJECT_REPLACEMENT "\xef\xbf\xbc"  /* U+FFFC, where a table goes */

typedef struct
{
  FaltMarkdownText *result;
  GString          *text;
  GArray           *open;        /* indices of the spans not yet closed, innermost last */
  GArray           *list_items;  /* next number per open list; 0 for bullets */
  guint             quote_depth;
  guint             link_depth;
  gboolean          after_list_marker;
  GHashTable       *anchors;
} TextState;

static void
clear_span (gpointer data)
{
  FaltMarkdownSpan *span = data;

  g_free (span->url);
}

static void
clear_heading (gpointer data)
{
  FaltMarkdownHeading *heading = data;

  g_free (heading->anchor);
}

static void
clear_cell (gpointer data)
{
  FaltMarkdownCell *cell = data;

  g_free (cell->markup);
}

static void
table_block_free (gpointer data)
{
  FaltMarkdownTableBlock *table = data;

  g_array_unref (table->cells);
  g_free (table);
}

void
falt_markdown_text_free (FaltMarkdownText *text)
{
  if (text == NULL)
    return;
  g_free (text->text);
  g_array_unref (text->spans);
  g_array_unref (text->headings);
  g_ptr_array_unref (text->tables);
  g_free (text);
}

static void
open_span (TextState        *state,
           FaltMarkdownStyle style,
           guint             depth,
           const char       *url)
{
  FaltMarkdownSpan span = { style, depth, state->quote_depth, g_strdup (url), state->result->n_chars, -1 };
  guint index = state->result->spans->len;

  g_array_append_val (state->result->spans, span);
  g_array_append_val (state->open, index);
}

static void
close_span (TextState *state)
{
  guint index;

  if (state->open->len == 0)
    return;
  index = g_array_index (state->open, guint, state->open->len - 1);
  g_array_index (state->result->spans, FaltMarkdownSpan, index).end = state->result->n_chars;
  g_array_set_size (state->open, state->open->len - 1);
}

static void
append_text (TextState  *state,
             const char *text)
{
  state->after_list_marker = FALSE;
  g_string_append (state->text, text);
  state->result->n_chars += (int) g_utf8_strlen (text, -1);
}

/* Starts a new line for a block unless the text already ends with one. */
static void
start_block (TextState *state)
{
  /* An item's first paragraph goes on the marker's line. */
  if (state->after_list_marker)
    {
      state->after_list_marker = FALSE;
      return;
    }
  if (state->text->len == 0 || state->text->str[state->text->len - 1] == '\n')
    return;
  append_text (state, "\n");
}

static void
append_text_with_numbers (TextState  *state,
                          const char *text)
{
  g_autoptr (GMatchInfo) match = NULL;
  const char *rest = text;

  if (state->link_depth > 0)
    {
      append_text (state, text);
      return;
    }

  g_regex_match (falt_phone_number_text_regex (), text, 0, &match);
  while (g_match_info_matches (match))
    {
      int start, end;
      g_autofree char *number = g_match_info_fetch (match, 0);
      g_autofree char *uri = NULL;

      g_match_info_fetch_pos (match, 0, &start, &end);
      uri = falt_phone_number_to_uri (number, NULL);
      if (uri != NULL && text + start >= rest)
        {
          g_autofree char *before = g_strndup (rest, text + start - rest);
          g_autofree char *url = g_strconcat ("tel:", number, NULL);

          append_text (state, before);
          open_span (state, FALT_MARKDOWN_STYLE_LINK, 0, url);
          append_text (state, number);
          close_span (state);
          rest = text + end;
        }
      g_match_info_next (match, NULL);
    }
  append_text (state, rest);
}

static void
enter_list_item (TextState *state)
{
  guint depth = state->list_items->len;
  int *number = &g_array_index (state->list_items, int, depth - 1);
  g_autofree char *marker = NULL;

  start_block (state);
  open_span (state, FALT_MARKDOWN_STYLE_LIST, depth - 1, NULL);
  open_span (state, FALT_MARKDOWN_STYLE_ITEM, 0, NULL);
  if (*number > 0)
    marker = g_strdup_printf ("%d.\t", (*number)++);
  append_text (state, marker != NULL ? marker : "•\t");
  state->after_list_marker = TRUE;
}

static void
enter_heading (TextState  *state,
               cmark_node *node)
{
  int level = CLAMP (cmark_node_get_heading_level (node), 1, 3);
  g_autofree char *text = falt_markdown_node_text (node);
  FaltMarkdownHeading heading = { 0, level, falt_markdown_anchor_add (state->anchors, text) };

  start_block (state);
  heading.offset = state->result->n_chars;
  g_array_append_val (state->result->headings, heading);
  open_span (state, FALT_MARKDOWN_STYLE_H1 + (level - 1), 0, NULL);
}

static void
append_escaped (GString    *markup,
                const char *before,
                const char *text,
                const char *after)
{
  g_autofree char *escaped = g_markup_escape_text (text != NULL ? text : "", -1);

  g_string_append (markup, before);
  g_string_append (markup, escaped);
  g_string_append (markup, after);
}

/* A cell's text, its phone numbers as links that never wrap inside. */
static void
append_cell_text (GString    *markup,
                  const char *text,
                  gboolean    in_link)
{
  g_autoptr (GMatchInfo) match = NULL;
  const char *rest = text;

  if (!in_link)
    g_regex_match (falt_phone_number_text_regex (), text, 0, &match);
  while (match != NULL && g_match_info_matches (match))
    {
      int start, end;
      g_autofree char *number = g_match_info_fetch (match, 0);
      g_autofree char *uri = falt_phone_number_to_uri (number, NULL);

      g_match_info_fetch_pos (match, 0, &start, &end);
      if (uri != NULL && text + start >= rest)
        {
          g_autofree char *before = g_strndup (rest, text + start - rest);
          g_auto (GStrv) parts = g_strsplit (number, " ", -1);
          g_autofree char *unbroken = g_strjoinv ("\u00a0", parts);

          append_escaped (markup, "", before, "");
          append_escaped (markup, "<a href=\"tel:", number, "\">");
          append_escaped (markup, "", unbroken, "</a>");
          rest = text + end;
        }
      g_match_info_next (match, NULL);
    }
  append_escaped (markup, "", rest, "");
}

/* A cell's inline content as Pango markup: labels show it, links included. */
static void
append_cell_markup (GString    *markup,
                    cmark_node *cell)
{
  g_autoptr (cmark_iter) iter = cmark_iter_new (cell);
  cmark_event_type event;
  guint link_depth = 0;

  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);
      gboolean enter = event == CMARK_EVENT_ENTER;

      if (falt_markdown_node_kind (node) == FALT_MARKDOWN_NODE_STRIKETHROUGH)
        {
          g_string_append (markup, enter ? "<s>" : "</s>");
          continue;
        }
      switch (cmark_node_get_type (node))
        {
        case CMARK_NODE_TEXT:
          append_cell_text (markup, cmark_node_get_literal (node), link_depth > 0);
          break;
        case CMARK_NODE_CODE:
          append_escaped (markup, "<tt>", cmark_node_get_literal (node), "</tt>");
          break;
        case CMARK_NODE_SOFTBREAK:
          g_string_append_c (markup, ' ');
          break;
        case CMARK_NODE_LINEBREAK:
          g_string_append_c (markup, '\n');
          break;
        case CMARK_NODE_EMPH:
        case CMARK_NODE_IMAGE:
          g_string_append (markup, enter ? "<i>" : "</i>");
          break;
        case CMARK_NODE_STRONG:
          g_string_append (markup, enter ? "<b>" : "</b>");
          break;
        case CMARK_NODE_LINK:
          if (enter)
            append_escaped (markup, "<a href=\"", cmark_node_get_url (node), "\">");
          else
            g_string_append (markup, "</a>");
          link_depth += enter ? 1 : -1;
          break;
        default:
          break;
        }
    }
}

/* The table's character carries no style: the styles open around it stop
 * before it and go on after it. */
static void
split_open_spans (TextState *state)
{
  int offset = state->result->n_chars;

  for (guint i = 0; i < state->open->len; i++)
    {
      guint *index = &g_array_index (state->open, guint, i);
      FaltMarkdownSpan *span = &g_array_index (state->result->spans, FaltMarkdownSpan, *index);
      FaltMarkdownSpan after = *span;

      span->end = offset;
      after.url = g_strdup (span->url);
      after.start = offset + 1;
      after.end = -1;
      *index = state->result->spans->len;
      g_array_append_val (state->result->spans, after);
    }
}

static void
append_table (TextState  *state,
              cmark_node *table)
{
  FaltMarkdownTableBlock *block = g_new0 (FaltMarkdownTableBlock, 1);
  const guint8 *alignments = cmark_gfm_extensions_get_table_alignments (table);
  guint n_columns = cmark_gfm_extensions_get_table_columns (table);
  guint row = 0;

  block->cells = g_array_new (FALSE, FALSE, sizeof (FaltMarkdownCell));
  g_array_set_clear_func (block->cells, clear_cell);
  for (cmark_node *r = cmark_node_first_child (table); r != NULL; r = cmark_node_next (r), row++)
    {
      gboolean header = cmark_gfm_extensions_get_table_row_is_header (r);
      guint column = 0;

      for (cmark_node *c = cmark_node_first_child (r); c != NULL; c = cmark_node_next (c), column++)
        {
          GString *markup = g_string_new (NULL);
          FaltMarkdownCell cell = { row, column, NULL, header, 0 };

          if (alignments != NULL && column < n_columns)
            cell.xalign = alignments[column] == 'r' ? 1 : alignments[column] == 'c' ? 0.5f : 0;
          append_cell_markup (markup, c);
          cell.markup = g_string_free (markup, FALSE);
          g_array_append_val (block->cells, cell);
        }
    }

  start_block (state);
  block->offset = state->result->n_chars;
  g_ptr_array_add (state->result->tables, block);
  split_open_spans (state);
  g_string_append (state->text, OBJECT_REPLACEMENT);
  state->result->n_chars++;
  append_text (state, "\n");
}

/* Returns FALSE when the node's children are not to be visited. */
static gboolean
enter_node (TextState  *state,
            cmark_node *node)
{
  switch (falt_markdown_node_kind (node))
    {
    case FALT_MARKDOWN_NODE_TABLE:
      append_table (state, node);
      return FALSE;
    case FALT_MARKDOWN_NODE_STRIKETHROUGH:
      open_span (state, FALT_MARKDOWN_STYLE_STRIKETHROUGH, 0, NULL);
      return TRUE;
    case FALT_MARKDOWN_NODE_TABLE_ROW:
    case FALT_MARKDOWN_NODE_TABLE_CELL:
    case FALT_MARKDOWN_NODE_OTHER:
    default:
      break;
    }

  switch (cmark_node_get_type (node))
    {
    case CMARK_NODE_HEADING:
      enter_heading (state, node);
      break;
    case CMARK_NODE_PARAGRAPH:
      start_block (state);
      open_span (state, FALT_MARKDOWN_STYLE_PARAGRAPH, 0, NULL);
      break;
    case CMARK_NODE_BLOCK_QUOTE:
      start_block (state);
      state->quote_depth++;
      open_span (state, FALT_MARKDOWN_STYLE_QUOTE, state->quote_depth, NULL);
      break;
    case CMARK_NODE_LIST:
      {
        int first = cmark_node_get_list_type (node) == CMARK_ORDERED_LIST
                    ? MAX (cmark_node_get_list_start (node), 1) : 0;
        g_array_append_val (state->list_items, first);
      }
      break;
    case CMARK_NODE_ITEM:
      enter_list_item (state);
      break;
    case CMARK_NODE_CODE_BLOCK:
      {
        g_autofree char *code = g_strdup (cmark_node_get_literal (node));

        start_block (state);
        open_span (state, FALT_MARKDOWN_STYLE_CODE_BLOCK, 0, NULL);
        append_text (state, g_strchomp (code));
        close_span (state);
      }
      break;
    case CMARK_NODE_THEMATIC_BREAK:
      start_block (state);
      open_span (state, FALT_MARKDOWN_STYLE_RULE, 0, NULL);
      append_text (state, "⁂");
      close_span (state);
      break;
    case CMARK_NODE_TEXT:
      append_text_with_numbers (state, cmark_node_get_literal (node));
      break;
    case CMARK_NODE_CODE:
      open_span (state, FALT_MARKDOWN_STYLE_CODE, 0, NULL);
      append_text (state, cmark_node_get_literal (node));
      close_span (state);
      break;
    case CMARK_NODE_SOFTBREAK:
      append_text (state, " ");
      break;
    case CMARK_NODE_LINEBREAK:
      append_text (state, "\n");
      break;
    case CMARK_NODE_EMPH:
    case CMARK_NODE_IMAGE:
      open_span (state, FALT_MARKDOWN_STYLE_EMPHASIS, 0, NULL);
      break;
    case CMARK_NODE_STRONG:
      open_span (state, FALT_MARKDOWN_STYLE_STRONG, 0, NULL);
      break;
    case CMARK_NODE_LINK:
      state->link_depth++;
      open_span (state, FALT_MARKDOWN_STYLE_LINK, 0, cmark_node_get_url (node));
      break;
    case CMARK_NODE_NONE:
    case CMARK_NODE_DOCUMENT:
    case CMARK_NODE_HTML_BLOCK:
    case CMARK_NODE_CUSTOM_BLOCK:
    case CMARK_NODE_HTML_INLINE:
    case CMARK_NODE_CUSTOM_INLINE:
    case CMARK_NODE_FOOTNOTE_DEFINITION:
    case CMARK_NODE_FOOTNOTE_REFERENCE:
    default:
      break;
    }
  return TRUE;
}

static void
exit_node (TextState  *state,
           cmark_node *node)
{
  if (falt_markdown_node_kind (node) == FALT_MARKDOWN_NODE_STRIKETHROUGH)
    {
      close_span (state);
      return;
    }

  switch (cmark_node_get_type (node))
    {
    case CMARK_NODE_BLOCK_QUOTE:
      state->quote_depth--;
      close_span (state);
      break;
    case CMARK_NODE_LINK:
      state->link_depth--;
      close_span (state);
      break;
    case CMARK_NODE_HEADING:
    case CMARK_NODE_PARAGRAPH:
    case CMARK_NODE_EMPH:
    case CMARK_NODE_IMAGE:
    case CMARK_NODE_STRONG:
      close_span (state);
      break;
    case CMARK_NODE_ITEM:
      close_span (state);
      close_span (state);
      break;
    case CMARK_NODE_LIST:
      g_array_set_size (state->list_items, state->list_items->len - 1);
      break;
    default:
      break;
    }
}

/* Spans that cover no text are dropped. */
static void
drop_empty_spans (GArray *spans)
{
  guint kept = 0;

  for (guint i = 0; i < spans->len; i++)
    {
      FaltMarkdownSpan *span = &g_array_index (spans, FaltMarkdownSpan, i);

      if (span->end <= span->start)
        {
          g_free (span->url);
          continue;
        }
      if (kept != i)
        g_array_index (spans, FaltMarkdownSpan, kept) = *span;
      kept++;
    }
  /* What is past kept was moved or freed: not to be cleared again. */
  g_array_set_clear_func (spans, NULL);
  g_array_set_size (spans, kept);
  g_array_set_clear_func (spans, clear_span);
}

/**
 * falt_markdown_text_new:
 * @markdown: (nullable): GitHub-flavoured Markdown
 *
 * Works out what the article view shows of @markdown. Safe on any thread.
 *
 * Returns: (transfer full): the text; free with falt_markdown_text_free()
 */
FaltMarkdownText *
falt_markdown_text_new (const char *markdown)
{
  FaltMarkdownText *result = g_new0 (FaltMarkdownText, 1);
  g_autoptr (GArray) open = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GArray) list_items = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr (GHashTable) anchors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (cmark_node) document = falt_markdown_parse (markdown, -1, CMARK_OPT_DEFAULT | CMARK_OPT_SMART);
  g_autoptr (cmark_iter) iter = cmark_iter_new (document);
  TextState state = { result, g_string_new (NULL), open, list_items, 0, 0, FALSE, anchors };
  cmark_event_type event;

  result->spans = g_array_new (FALSE, FALSE, sizeof (FaltMarkdownSpan));
  g_array_set_clear_func (result->spans, clear_span);
  result->headings = g_array_new (FALSE, FALSE, sizeof (FaltMarkdownHeading));
  g_array_set_clear_func (result->headings, clear_heading);
  result->tables = g_ptr_array_new_with_free_func (table_block_free);

  open_span (&state, FALT_MARKDOWN_STYLE_ZOOM, 0, NULL);
  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);

      if (event == CMARK_EVENT_ENTER)
        {
          if (!enter_node (&state, node))
            cmark_iter_reset (iter, node, CMARK_EVENT_EXIT);
        }
      else if (event == CMARK_EVENT_EXIT)
        {
          /* A node whose children were skipped has had its exit already. */
          if (falt_markdown_node_kind (node) != FALT_MARKDOWN_NODE_TABLE)
            exit_node (&state, node);
        }
    }
  while (open->len > 0)
    close_span (&state);
  drop_empty_spans (result->spans);
  result->text = g_string_free (state.text, FALSE);
  return result;
}

/**
 * falt_markdown_text_get_plain:
 *
 * Returns: (transfer full): the text without the tables' characters, as a
 *   text buffer gives it (gtk_text_buffer_get_text())
 */
char *
falt_markdown_text_get_plain (FaltMarkdownText *text)
{
  GString *plain = g_string_new (NULL);
  const char *rest = text->text;

  for (guint i = 0; i < text->tables->len; i++)
    {
      FaltMarkdownTableBlock *table = g_ptr_array_index (text->tables, i);
      const char *at = g_utf8_offset_to_pointer (text->text, table->offset);

      g_string_append_len (plain, rest, at - rest);
      rest = at + strlen (OBJECT_REPLACEMENT);
    }
  g_string_append (plain, rest);
  return g_string_free (plain, FALSE);
}

/**
 * falt_markdown_text_find_heading:
 * @anchor: a heading's anchor, as GitHub names it
 *
 * Returns: (nullable) (transfer none): the heading
 */
const FaltMarkdownHeading *
falt_markdown_text_find_heading (FaltMarkdownText *text,
                                 const char       *anchor)
{
  for (guint i = 0; i < text->headings->len; i++)
    {
      const FaltMarkdownHeading *heading = &g_array_index (text->headings, FaltMarkdownHeading, i);

      if (g_strcmp0 (heading->anchor, anchor) == 0)
        return heading;
    }
  return NULL;
}
