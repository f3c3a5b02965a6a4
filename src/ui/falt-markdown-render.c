/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-markdown-view"

#include <string.h>

#include <adwaita.h>

#include "falt-markdown-render.h"
#include "falt-markdown-table.h"

/* Puts an article (FaltMarkdownText, made off the main loop) into a
 * GtkTextBuffer with tags, so articles are selectable, searchable with the
 * keyboard and read by screen readers; a piece at a time, so the first
 * screenful shows at once and the rest follows without a long stall.
 * Tables become FaltMarkdownTable widgets at child anchors; each heading
 * gets a mark named after its GitHub-style anchor. Sizes follow the zoom,
 * so text size is one re-render (of the same FaltMarkdownText). */

#define URL_KEY "falt-url"

/* Tags' margins replace the view's: indented blocks keep their indent here
 * and get the view's side margins added (falt_markdown_apply_margins). */
#define INDENT_KEY       "falt-indent"
#define RIGHT_INDENT_KEY "falt-right-indent"
#define MARGIN_KEY       "falt-margin"

struct _FaltMarkdownRender
{
  GtkTextBuffer    *buffer;
  FaltMarkdownText *text;       /* owned by the caller, outlives this */
  double            zoom;
  int               n_applied;  /* characters in the buffer so far */
  const char       *next;       /* the text not yet in it */
  guint             first_span; /* spans before it are in the buffer whole */
  guint             n_headings; /* headings with their mark */
  guint             n_tables;   /* tables at their anchor */
  GPtrArray        *span_tags;  /* the tag of each span, once made */
};

void
falt_markdown_child_free (FaltMarkdownChild *child)
{
  g_clear_object (&child->anchor);
  g_clear_object (&child->widget);
  g_free (child);
}

static int
px (FaltMarkdownRender *self,
    int                 pixels)
{
  return (int) (pixels * self->zoom + 0.5);
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
 * Indents quotes, lists and code from the view's margins, not from its edge
 * (tags made later too).
 */
void
falt_markdown_apply_margins (GtkTextBuffer *buffer,
                             int            margin)
{
  g_object_set_data (G_OBJECT (buffer), MARGIN_KEY, GINT_TO_POINTER (margin));
  gtk_text_tag_table_foreach (gtk_text_buffer_get_tag_table (buffer), apply_margins_to_tag, GINT_TO_POINTER (margin));
}

static GtkTextTag *
set_indent (GtkTextBuffer *buffer,
            GtkTextTag    *tag,
            int            left,
            int            right)
{
  g_object_set_data (G_OBJECT (tag), INDENT_KEY, GINT_TO_POINTER (left));
  g_object_set_data (G_OBJECT (tag), RIGHT_INDENT_KEY, GINT_TO_POINTER (right));
  apply_margins_to_tag (tag, g_object_get_data (G_OBJECT (buffer), MARGIN_KEY));
  return tag;
}

static void
create_tags (FaltMarkdownRender *self)
{
  GtkTextBuffer *buffer = self->buffer;

  gtk_text_buffer_create_tag (buffer, "zoom", "scale", self->zoom, NULL);
  gtk_text_buffer_create_tag (buffer, "h1", "weight", PANGO_WEIGHT_BOLD, "scale", 1.6 * self->zoom,
                              "pixels-above-lines", px (self, 6), "pixels-below-lines", px (self, 12), NULL);
  gtk_text_buffer_create_tag (buffer, "h2", "weight", PANGO_WEIGHT_BOLD, "scale", 1.3 * self->zoom,
                              "pixels-above-lines", px (self, 18), "pixels-below-lines", px (self, 6), NULL);
  gtk_text_buffer_create_tag (buffer, "h3", "weight", PANGO_WEIGHT_BOLD, "scale", 1.1 * self->zoom,
                              "pixels-above-lines", px (self, 12), "pixels-below-lines", px (self, 4), NULL);
  gtk_text_buffer_create_tag (buffer, "paragraph", "pixels-below-lines", px (self, 10), NULL);
  gtk_text_buffer_create_tag (buffer, "item", "pixels-below-lines", px (self, 4), NULL);
  gtk_text_buffer_create_tag (buffer, "emphasis", "style", PANGO_STYLE_ITALIC, NULL);
  gtk_text_buffer_create_tag (buffer, "strong", "weight", PANGO_WEIGHT_BOLD, NULL);
  gtk_text_buffer_create_tag (buffer, "strikethrough", "strikethrough", TRUE, NULL);
  gtk_text_buffer_create_tag (buffer, "code", "family", "monospace",
                              "background-rgba", &(GdkRGBA) { 0.5, 0.5, 0.5, 0.15 }, NULL);
  set_indent (buffer,
              gtk_text_buffer_create_tag (buffer, "code-block", "family", "monospace", "wrap-mode", GTK_WRAP_NONE,
                                          "pixels-below-lines", px (self, 10),
                                          "paragraph-background-rgba", &(GdkRGBA) { 0.5, 0.5, 0.5, 0.1 }, NULL),
              px (self, 24), 0);
  gtk_text_buffer_create_tag (buffer, "rule", "justification", GTK_JUSTIFY_CENTER,
                              "pixels-below-lines", px (self, 10), NULL);
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
quote_tag (FaltMarkdownRender *self,
           guint               depth)
{
  g_autofree char *name = g_strdup_printf ("quote-%u", depth);
  GtkTextTag *tag = lookup_tag (self->buffer, name);

  if (tag == NULL)
    tag = set_indent (self->buffer,
                      gtk_text_buffer_create_tag (self->buffer, name,
                                                  "pixels-above-lines", px (self, 4), "pixels-below-lines", px (self, 8),
                                                  "paragraph-background-rgba", &(GdkRGBA) { 0.5, 0.5, 0.5, 0.08 * depth },
                                                  NULL),
                      px (self, 12 + 20 * (int) depth), px (self, 12));
  return tag;
}

/* A list item hangs: its marker sits left of the text, and wrapped lines
 * start under the text, not under the marker. The tab after the marker goes
 * to the hanging indent. */
static GtkTextTag *
list_indent_tag (FaltMarkdownRender *self,
                 guint               depth,
                 guint               quote_depth)
{
  g_autofree char *name = g_strdup_printf ("list-%u-%u", depth, quote_depth);
  GtkTextTag *tag = lookup_tag (self->buffer, name);
  int hang = px (self, 30);

  if (tag == NULL)
    {
      g_autoptr (PangoTabArray) tabs = pango_tab_array_new_with_positions (1, TRUE, PANGO_TAB_LEFT, hang);

      tag = set_indent (self->buffer,
                        gtk_text_buffer_create_tag (self->buffer, name, "indent", -hang, "tabs", tabs, NULL),
                        px (self, 12 + 20 * (int) quote_depth) + hang * (int) (depth + 1), 0);
    }
  return tag;
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

static const char *const style_tag_names[] = {
  [FALT_MARKDOWN_STYLE_ZOOM] = "zoom",
  [FALT_MARKDOWN_STYLE_H1] = "h1",
  [FALT_MARKDOWN_STYLE_H2] = "h2",
  [FALT_MARKDOWN_STYLE_H3] = "h3",
  [FALT_MARKDOWN_STYLE_PARAGRAPH] = "paragraph",
  [FALT_MARKDOWN_STYLE_ITEM] = "item",
  [FALT_MARKDOWN_STYLE_EMPHASIS] = "emphasis",
  [FALT_MARKDOWN_STYLE_STRONG] = "strong",
  [FALT_MARKDOWN_STYLE_STRIKETHROUGH] = "strikethrough",
  [FALT_MARKDOWN_STYLE_CODE] = "code",
  [FALT_MARKDOWN_STYLE_CODE_BLOCK] = "code-block",
  [FALT_MARKDOWN_STYLE_RULE] = "rule",
};

/* A span's tag: the style's, or one of its own for a link (its target). */
static GtkTextTag *
span_tag (FaltMarkdownRender *self,
          guint               index)
{
  const FaltMarkdownSpan *span = &g_array_index (self->text->spans, FaltMarkdownSpan, index);
  GtkTextTag *tag;

  if (index < self->span_tags->len && g_ptr_array_index (self->span_tags, index) != NULL)
    return g_ptr_array_index (self->span_tags, index);

  switch (span->style)
    {
    case FALT_MARKDOWN_STYLE_QUOTE:
      tag = quote_tag (self, span->depth);
      break;
    case FALT_MARKDOWN_STYLE_LIST:
      tag = list_indent_tag (self, span->depth, span->quote_depth);
      break;
    case FALT_MARKDOWN_STYLE_LINK:
      tag = create_link_tag (self->buffer, span->url);
      break;
    case FALT_MARKDOWN_STYLE_ZOOM:
    case FALT_MARKDOWN_STYLE_H1:
    case FALT_MARKDOWN_STYLE_H2:
    case FALT_MARKDOWN_STYLE_H3:
    case FALT_MARKDOWN_STYLE_PARAGRAPH:
    case FALT_MARKDOWN_STYLE_ITEM:
    case FALT_MARKDOWN_STYLE_EMPHASIS:
    case FALT_MARKDOWN_STYLE_STRONG:
    case FALT_MARKDOWN_STYLE_STRIKETHROUGH:
    case FALT_MARKDOWN_STYLE_CODE:
    case FALT_MARKDOWN_STYLE_CODE_BLOCK:
    case FALT_MARKDOWN_STYLE_RULE:
    default:
      tag = lookup_tag (self->buffer, style_tag_names[span->style]);
      break;
    }
  if (self->span_tags->len <= index)
    g_ptr_array_set_size (self->span_tags, index + 1);
  g_ptr_array_index (self->span_tags, index) = tag;
  return tag;
}

/**
 * falt_markdown_render_new:
 * @text: the article, kept by the caller while this lives
 * @zoom: the text scale, 1.0 for the normal size
 * @margin: the view's side margins (falt_markdown_apply_margins())
 *
 * A new buffer for @text, empty until falt_markdown_render_apply().
 */
FaltMarkdownRender *
falt_markdown_render_new (FaltMarkdownText *text,
                          double            zoom,
                          int               margin)
{
  FaltMarkdownRender *self = g_new0 (FaltMarkdownRender, 1);

  self->buffer = gtk_text_buffer_new (NULL);
  self->text = text;
  self->zoom = zoom;
  self->next = text->text;
  self->span_tags = g_ptr_array_new ();
  g_object_set_data (G_OBJECT (self->buffer), MARGIN_KEY, GINT_TO_POINTER (margin));
  create_tags (self);
  return self;
}

void
falt_markdown_render_free (FaltMarkdownRender *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->buffer);
  g_ptr_array_unref (self->span_tags);
  g_free (self);
}

GtkTextBuffer *
falt_markdown_render_get_buffer (FaltMarkdownRender *self)
{
  return self->buffer;
}

/**
 * falt_markdown_render_get_applied:
 *
 * Returns: how many characters of the text are in the buffer
 */
int
falt_markdown_render_get_applied (FaltMarkdownRender *self)
{
  return self->n_applied;
}

gboolean
falt_markdown_render_is_done (FaltMarkdownRender *self)
{
  return self->n_applied >= self->text->n_chars;
}

/* Appends the text's characters up to @end, a table at its anchor. */
static void
insert_up_to (FaltMarkdownRender *self,
              int                 end,
              GPtrArray          *children)
{
  while (self->n_applied < end)
    {
      FaltMarkdownTableBlock *table = self->n_tables < self->text->tables->len
                                      ? g_ptr_array_index (self->text->tables, self->n_tables) : NULL;
      int stop = table != NULL && table->offset < end ? table->offset : end;
      const char *stop_at = g_utf8_offset_to_pointer (self->next, stop - self->n_applied);
      GtkTextIter iter;

      gtk_text_buffer_get_end_iter (self->buffer, &iter);
      if (stop_at > self->next)
        gtk_text_buffer_insert (self->buffer, &iter, self->next, (int) (stop_at - self->next));
      self->next = stop_at;
      self->n_applied = stop;
      if (table != NULL && stop == table->offset)
        {
          FaltMarkdownChild *child = g_new0 (FaltMarkdownChild, 1);
          FaltMarkdownTable *widget = FALT_MARKDOWN_TABLE (falt_markdown_table_new ());

          for (guint i = 0; i < table->cells->len; i++)
            {
              const FaltMarkdownCell *cell = &g_array_index (table->cells, FaltMarkdownCell, i);

              falt_markdown_table_add_cell (widget, cell->row, cell->column, cell->markup, cell->header,
                                            cell->xalign, self->zoom);
            }
          gtk_text_buffer_get_end_iter (self->buffer, &iter);
          child->anchor = g_object_ref (gtk_text_buffer_create_child_anchor (self->buffer, &iter));
          child->widget = g_object_ref_sink (GTK_WIDGET (widget));
          g_ptr_array_add (children, child);
          self->next = g_utf8_next_char (self->next);
          self->n_applied++;
          self->n_tables++;
        }
    }
}

/* The spans over [@from, @to), the part just inserted. */
static void
apply_spans (FaltMarkdownRender *self,
             int                 from,
             int                 to)
{
  gboolean whole_before = TRUE;

  for (guint i = self->first_span; i < self->text->spans->len; i++)
    {
      const FaltMarkdownSpan *span = &g_array_index (self->text->spans, FaltMarkdownSpan, i);
      GtkTextIter start, end;

      if (span->start >= to)
        break;
      if (span->end > from)
        {
          gtk_text_buffer_get_iter_at_offset (self->buffer, &start, MAX (span->start, from));
          gtk_text_buffer_get_iter_at_offset (self->buffer, &end, MIN (span->end, to));
          gtk_text_buffer_apply_tag (self->buffer, span_tag (self, i), &start, &end);
        }
      /* Spans are by start: the ones done from the first on need no look. */
      if (whole_before && span->end <= to)
        self->first_span = i + 1;
      else
        whole_before = FALSE;
    }
}

static void
mark_headings (FaltMarkdownRender *self)
{
  for (; self->n_headings < self->text->headings->len; self->n_headings++)
    {
      const FaltMarkdownHeading *heading = &g_array_index (self->text->headings, FaltMarkdownHeading, self->n_headings);
      g_autofree char *name = NULL;
      GtkTextIter iter;

      if (heading->offset > self->n_applied)
        break;
      name = g_strconcat (FALT_MARKDOWN_ANCHOR_MARK_PREFIX, heading->anchor, NULL);
      gtk_text_buffer_get_iter_at_offset (self->buffer, &iter, heading->offset);
      gtk_text_buffer_create_mark (self->buffer, name, &iter, TRUE);
    }
}

/**
 * falt_markdown_render_apply:
 * @up_to: at least this many characters of the text, from the start, are
 *   to be in the buffer (to the end of their line)
 * @children: (element-type FaltMarkdownChild): gets the widgets to show at
 *   the buffer's child anchors
 *
 * Returns: %TRUE when all of the text is in the buffer
 */
gboolean
falt_markdown_render_apply (FaltMarkdownRender *self,
                            int                 up_to,
                            GPtrArray          *children)
{
  int from = self->n_applied;
  int to;

  if (up_to <= from)
    return falt_markdown_render_is_done (self);

  /* Whole lines: a line's layout is made once. */
  if (up_to >= self->text->n_chars)
    to = self->text->n_chars;
  else
    {
      const char *at = g_utf8_offset_to_pointer (self->next, up_to - from);
      const char *newline = strchr (at, '\n');

      to = newline == NULL ? self->text->n_chars : up_to + (int) g_utf8_strlen (at, newline + 1 - at);
    }

  insert_up_to (self, to, children);
  apply_spans (self, from, to);
  mark_headings (self);
  return falt_markdown_render_is_done (self);
}
