/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-markdown-view"

#include <adwaita.h>
#include <cmark-gfm-core-extensions.h>

#include "dial/falt-phone-number.h"
#include "markdown/falt-markdown.h"
#include "falt-markdown-render.h"
#include "falt-markdown-table.h"

/* Renders GitHub-flavoured Markdown into a GtkTextBuffer with tags, so
 * articles are selectable, searchable with the keyboard and read by screen
 * readers. Tables become FaltMarkdownTable widgets at child anchors; each
 * heading gets a mark named after its GitHub-style anchor; phone numbers in
 * the text become tel: links. Raw HTML is dropped: content comes from a
 * feed and is shown as text only. Sizes follow the zoom, so text size is
 * one re-render. */

#define URL_KEY "falt-url"

typedef struct
{
  GtkTextBuffer *buffer;
  double         zoom;
  GPtrArray     *tags;        /* inline and block tags active at this point */
  GArray        *list_items;  /* next number per open list; 0 for bullets */
  guint          quote_depth;
  guint          link_depth;
  gboolean       after_list_marker;
  GHashTable    *anchors;
  GPtrArray     *children;
} RenderState;

void
falt_markdown_child_free (FaltMarkdownChild *child)
{
  g_clear_object (&child->anchor);
  g_clear_object (&child->widget);
  g_free (child);
}

static int
px (RenderState *state,
    int          pixels)
{
  return (int) (pixels * state->zoom + 0.5);
}

/* A tag's margins replace the view's: indented blocks keep their indent
 * here and get the view's side margins added (falt_markdown_apply_margins). */
#define INDENT_KEY       "falt-indent"
#define RIGHT_INDENT_KEY "falt-right-indent"

static GtkTextTag *
set_indent (GtkTextTag *tag,
            int         left,
            int         right)
{
  g_object_set_data (G_OBJECT (tag), INDENT_KEY, GINT_TO_POINTER (left));
  g_object_set_data (G_OBJECT (tag), RIGHT_INDENT_KEY, GINT_TO_POINTER (right));
  return tag;
}

static void
apply_margins_to_tag (GtkTextTag *tag,
                      gpointer    data)
{
  int margin = GPOINTER_TO_INT (data);

  if (g_object_get_data (G_OBJECT (tag), INDENT_KEY) == NULL)
    return;
  g_object_set (tag,
                "left-margin", margin + GPOINTER_TO_INT (g_object_get_data (G_OBJECT (tag), INDENT_KEY)),
                "right-margin", margin + GPOINTER_TO_INT (g_object_get_data (G_OBJECT (tag), RIGHT_INDENT_KEY)),
                NULL);
}

/**
 * falt_markdown_apply_margins:
 * @margin: the view's side margins
 *
 * Indents quotes, lists and code from the view's margins, not from its edge.
 */
void
falt_markdown_apply_margins (GtkTextBuffer *buffer,
                             int            margin)
{
  gtk_text_tag_table_foreach (gtk_text_buffer_get_tag_table (buffer), apply_margins_to_tag, GINT_TO_POINTER (margin));
}

static void
create_tags (RenderState *state)
{
  GtkTextBuffer *buffer = state->buffer;

  gtk_text_buffer_create_tag (buffer, "zoom", "scale", state->zoom, NULL);
  gtk_text_buffer_create_tag (buffer, "h1", "weight", PANGO_WEIGHT_BOLD, "scale", 1.6 * state->zoom,
                              "pixels-above-lines", px (state, 6), "pixels-below-lines", px (state, 12), NULL);
  gtk_text_buffer_create_tag (buffer, "h2", "weight", PANGO_WEIGHT_BOLD, "scale", 1.3 * state->zoom,
                              "pixels-above-lines", px (state, 18), "pixels-below-lines", px (state, 6), NULL);
  gtk_text_buffer_create_tag (buffer, "h3", "weight", PANGO_WEIGHT_BOLD, "scale", 1.1 * state->zoom,
                              "pixels-above-lines", px (state, 12), "pixels-below-lines", px (state, 4), NULL);
  gtk_text_buffer_create_tag (buffer, "paragraph", "pixels-below-lines", px (state, 10), NULL);
  gtk_text_buffer_create_tag (buffer, "item", "pixels-below-lines", px (state, 4), NULL);
  gtk_text_buffer_create_tag (buffer, "emphasis", "style", PANGO_STYLE_ITALIC, NULL);
  gtk_text_buffer_create_tag (buffer, "strong", "weight", PANGO_WEIGHT_BOLD, NULL);
  gtk_text_buffer_create_tag (buffer, "strikethrough", "strikethrough", TRUE, NULL);
  gtk_text_buffer_create_tag (buffer, "code", "family", "monospace",
                              "background-rgba", &(GdkRGBA) { 0.5, 0.5, 0.5, 0.15 }, NULL);
  set_indent (gtk_text_buffer_create_tag (buffer, "code-block", "family", "monospace", "wrap-mode", GTK_WRAP_NONE,
                                          "pixels-below-lines", px (state, 10),
                                          "paragraph-background-rgba", &(GdkRGBA) { 0.5, 0.5, 0.5, 0.1 }, NULL),
              px (state, 24), 0);
  gtk_text_buffer_create_tag (buffer, "rule", "justification", GTK_JUSTIFY_CENTER,
                              "pixels-below-lines", px (state, 10), NULL);
  gtk_text_buffer_create_tag (buffer, FALT_MARKDOWN_HIGHLIGHT_TAG,
                              "background-rgba", &(GdkRGBA) { 0.97, 0.89, 0.36, 0.6 }, NULL);
}

static GtkTextTag *
lookup_tag (GtkTextBuffer *buffer,
            const char    *name)
{
  return gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), name);
}

/* A quote is indented and tinted, deeper for a quote in a quote; one tag
 * per depth, made on demand. */
static GtkTextTag *
quote_tag (RenderState *state,
           guint        depth)
{
  g_autofree char *name = g_strdup_printf ("quote-%u", depth);
  GtkTextTag *tag = lookup_tag (state->buffer, name);

  if (tag == NULL)
    tag = set_indent (gtk_text_buffer_create_tag (state->buffer, name,
                                      "pixels-above-lines", px (state, 4), "pixels-below-lines", px (state, 8),
                                      "paragraph-background-rgba", &(GdkRGBA) { 0.5, 0.5, 0.5, 0.08 * depth },
                                      NULL),
                      px (state, 12 + 20 * (int) depth), px (state, 12));
  return tag;
}

/* A list item hangs: its marker sits left of the text, and wrapped lines
 * start under the text, not under the marker. The tab after the marker goes
 * to the hanging indent. */
static GtkTextTag *
list_indent_tag (RenderState *state,
                 guint        depth)
{
  g_autofree char *name = g_strdup_printf ("list-%u", depth);
  GtkTextTag *tag = lookup_tag (state->buffer, name);
  int hang = px (state, 30);

  if (tag == NULL)
    {
      g_autoptr (PangoTabArray) tabs = pango_tab_array_new_with_positions (1, TRUE, PANGO_TAB_LEFT, hang);

      tag = set_indent (gtk_text_buffer_create_tag (state->buffer, name, "indent", -hang, "tabs", tabs, NULL),
                        px (state, 12 + 20 * (int) state->quote_depth) + hang * (int) (depth + 1), 0);
    }
  return tag;
}

static void
apply_tags (RenderState *state,
            int          offset)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_iter_at_offset (state->buffer, &start, offset);
  gtk_text_buffer_get_end_iter (state->buffer, &end);
  for (guint i = 0; i < state->tags->len; i++)
    gtk_text_buffer_apply_tag (state->buffer, g_ptr_array_index (state->tags, i), &start, &end);
}

static void
insert_text (RenderState *state,
             const char  *text)
{
  GtkTextIter end;
  int offset;

  state->after_list_marker = FALSE;
  gtk_text_buffer_get_end_iter (state->buffer, &end);
  offset = gtk_text_iter_get_offset (&end);
  gtk_text_buffer_insert (state->buffer, &end, text, -1);
  apply_tags (state, offset);
}

/* Starts a new line for a block unless the text already ends with one. */
static void
start_block (RenderState *state)
{
  GtkTextIter end;

  /* An item's first paragraph goes on the marker's line. */
  if (state->after_list_marker)
    {
      state->after_list_marker = FALSE;
      return;
    }

  gtk_text_buffer_get_end_iter (state->buffer, &end);
  if (gtk_text_iter_is_start (&end) || gtk_text_iter_starts_line (&end))
    return;
  insert_text (state, "\n");
}

static void
push_tag (RenderState *state,
          GtkTextTag  *tag)
{
  g_ptr_array_add (state->tags, tag);
}

static void
pop_tag (RenderState *state)
{
  if (state->tags->len > 0)
    g_ptr_array_remove_index (state->tags, state->tags->len - 1);
}

/* Adwaita's link colours: text tags cannot take them from CSS. */
static const char *
link_color (void)
{
  return adw_style_manager_get_dark (adw_style_manager_get_default ()) ? "#78aeed" : "#1c71d8";
}

static GtkTextTag *
create_link_tag (GtkTextBuffer *buffer,
                 const char    *url)
{
  GtkTextTag *tag = gtk_text_buffer_create_tag (buffer, NULL,
                                                "underline", PANGO_UNDERLINE_SINGLE,
                                                "foreground", link_color (), NULL);

  g_object_set_data_full (G_OBJECT (tag), URL_KEY, g_strdup (url), g_free);
  return tag;
}

/**
 * falt_markdown_link_at:
 *
 * Returns: (nullable): the target of the link at @iter
 */
const char *
falt_markdown_link_at (const GtkTextIter *iter)
{
  g_autoptr (GSList) tags = gtk_text_iter_get_tags (iter);

  for (GSList *l = tags; l != NULL; l = l->next)
    {
      const char *url = g_object_get_data (l->data, URL_KEY);

      if (url != NULL)
        return url;
    }

  return NULL;
}

/* Swedish numbers as articles write them: 020-39 00 00, 08-123 45 67,
 * +46 8 123 45 67, and the short ones 112 and 114 14. Not digits that are
 * part of a date, a law's number or a longer figure. */
static GRegex *
phone_number_regex (void)
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

static void
insert_text_with_numbers (RenderState *state,
                          const char  *text)
{
  g_autoptr (GMatchInfo) match = NULL;
  const char *rest = text;

  if (state->link_depth > 0)
    {
      insert_text (state, text);
      return;
    }

  g_regex_match (phone_number_regex (), text, 0, &match);
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

          insert_text (state, before);
          push_tag (state, create_link_tag (state->buffer, url));
          insert_text (state, number);
          pop_tag (state);
          rest = text + end;
        }
      g_match_info_next (match, NULL);
    }
  insert_text (state, rest);
}

static void
enter_list_item (RenderState *state)
{
  guint depth = state->list_items->len;
  int *number = &g_array_index (state->list_items, int, depth - 1);
  g_autofree char *marker = NULL;

  start_block (state);
  push_tag (state, list_indent_tag (state, depth - 1));
  push_tag (state, lookup_tag (state->buffer, "item"));
  if (*number > 0)
    marker = g_strdup_printf ("%d.\t", (*number)++);
  insert_text (state, marker != NULL ? marker : "•\t");
  state->after_list_marker = TRUE;
}

static void
enter_heading (RenderState *state,
               cmark_node  *node)
{
  int level = CLAMP (cmark_node_get_heading_level (node), 1, 3);
  g_autofree char *name = g_strdup_printf ("h%d", level);
  g_autofree char *text = falt_markdown_node_text (node);
  g_autofree char *anchor = falt_markdown_anchor_add (state->anchors, text);
  g_autofree char *mark_name = g_strconcat (FALT_MARKDOWN_ANCHOR_MARK_PREFIX, anchor, NULL);
  GtkTextIter end;

  start_block (state);
  gtk_text_buffer_get_end_iter (state->buffer, &end);
  if (gtk_text_buffer_get_mark (state->buffer, mark_name) == NULL)
    gtk_text_buffer_create_mark (state->buffer, mark_name, &end, TRUE);
  push_tag (state, lookup_tag (state->buffer, name));
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
    g_regex_match (phone_number_regex (), text, 0, &match);
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

static void
insert_table (RenderState *state,
              cmark_node  *table)
{
  FaltMarkdownChild *child = g_new0 (FaltMarkdownChild, 1);
  FaltMarkdownTable *widget = FALT_MARKDOWN_TABLE (falt_markdown_table_new ());
  const guint8 *alignments = cmark_gfm_extensions_get_table_alignments (table);
  guint n_columns = cmark_gfm_extensions_get_table_columns (table);
  GtkTextIter end;
  guint row = 0;

  for (cmark_node *r = cmark_node_first_child (table); r != NULL; r = cmark_node_next (r), row++)
    {
      gboolean header = cmark_gfm_extensions_get_table_row_is_header (r);
      guint column = 0;

      for (cmark_node *c = cmark_node_first_child (r); c != NULL; c = cmark_node_next (c), column++)
        {
          g_autoptr (GString) markup = g_string_new (NULL);
          float xalign = 0;

          if (alignments != NULL && column < n_columns)
            xalign = alignments[column] == 'r' ? 1 : alignments[column] == 'c' ? 0.5f : 0;
          append_cell_markup (markup, c);
          falt_markdown_table_add_cell (widget, row, column, markup->str, header, xalign, state->zoom);
        }
    }

  start_block (state);
  gtk_text_buffer_get_end_iter (state->buffer, &end);
  child->anchor = g_object_ref (gtk_text_buffer_create_child_anchor (state->buffer, &end));
  child->widget = g_object_ref_sink (GTK_WIDGET (widget));
  g_ptr_array_add (state->children, child);
  insert_text (state, "\n");
}

/* Returns FALSE when the node's children are not to be visited. */
static gboolean
enter_node (RenderState *state,
            cmark_node  *node)
{
  switch (falt_markdown_node_kind (node))
    {
    case FALT_MARKDOWN_NODE_TABLE:
      insert_table (state, node);
      return FALSE;
    case FALT_MARKDOWN_NODE_STRIKETHROUGH:
      push_tag (state, lookup_tag (state->buffer, "strikethrough"));
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
      push_tag (state, lookup_tag (state->buffer, "paragraph"));
      break;
    case CMARK_NODE_BLOCK_QUOTE:
      start_block (state);
      push_tag (state, quote_tag (state, ++state->quote_depth));
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
        push_tag (state, lookup_tag (state->buffer, "code-block"));
        insert_text (state, g_strchomp (code));
        pop_tag (state);
      }
      break;
    case CMARK_NODE_THEMATIC_BREAK:
      start_block (state);
      push_tag (state, lookup_tag (state->buffer, "rule"));
      insert_text (state, "⁂");
      pop_tag (state);
      break;
    case CMARK_NODE_TEXT:
      insert_text_with_numbers (state, cmark_node_get_literal (node));
      break;
    case CMARK_NODE_CODE:
      push_tag (state, lookup_tag (state->buffer, "code"));
      insert_text (state, cmark_node_get_literal (node));
      pop_tag (state);
      break;
    case CMARK_NODE_SOFTBREAK:
      insert_text (state, " ");
      break;
    case CMARK_NODE_LINEBREAK:
      insert_text (state, "\n");
      break;
    case CMARK_NODE_EMPH:
    case CMARK_NODE_IMAGE:
      push_tag (state, lookup_tag (state->buffer, "emphasis"));
      break;
    case CMARK_NODE_STRONG:
      push_tag (state, lookup_tag (state->buffer, "strong"));
      break;
    case CMARK_NODE_LINK:
      state->link_depth++;
      push_tag (state, create_link_tag (state->buffer, cmark_node_get_url (node)));
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
exit_node (RenderState *state,
           cmark_node  *node)
{
  if (falt_markdown_node_kind (node) == FALT_MARKDOWN_NODE_STRIKETHROUGH)
    {
      pop_tag (state);
      return;
    }

  switch (cmark_node_get_type (node))
    {
    case CMARK_NODE_BLOCK_QUOTE:
      state->quote_depth--;
      pop_tag (state);
      break;
    case CMARK_NODE_LINK:
      state->link_depth--;
      pop_tag (state);
      break;
    case CMARK_NODE_HEADING:
    case CMARK_NODE_PARAGRAPH:
    case CMARK_NODE_EMPH:
    case CMARK_NODE_IMAGE:
    case CMARK_NODE_STRONG:
      pop_tag (state);
      break;
    case CMARK_NODE_ITEM:
      pop_tag (state);
      pop_tag (state);
      break;
    case CMARK_NODE_LIST:
      g_array_set_size (state->list_items, state->list_items->len - 1);
      break;
    default:
      break;
    }
}

/**
 * falt_markdown_render:
 * @markdown: (nullable): GitHub-flavoured Markdown
 * @zoom: the text scale, 1.0 for the normal size
 * @children: (element-type FaltMarkdownChild): gets the widgets to show at
 *   the buffer's child anchors
 *
 * Returns: (transfer full): the rendered text
 */
GtkTextBuffer *
falt_markdown_render (const char *markdown,
                      double      zoom,
                      GPtrArray  *children)
{
  GtkTextBuffer *buffer = gtk_text_buffer_new (NULL);
  g_autoptr (GPtrArray) tags = g_ptr_array_new ();
  g_autoptr (GArray) list_items = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr (GHashTable) anchors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  RenderState state = { buffer, zoom, tags, list_items, 0, 0, FALSE, anchors, children };
  g_autoptr (cmark_node) document = falt_markdown_parse (markdown, -1, CMARK_OPT_DEFAULT | CMARK_OPT_SMART);
  g_autoptr (cmark_iter) iter = cmark_iter_new (document);
  cmark_event_type event;

  create_tags (&state);
  push_tag (&state, lookup_tag (buffer, "zoom"));
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
  return buffer;
}
