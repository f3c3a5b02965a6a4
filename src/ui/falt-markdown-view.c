/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-markdown-view"

#include <glib/gi18n.h>

#include <adwaita.h>

#include "markdown/falt-markdown.h"
#include "falt-markdown-render.h"
#include "falt-markdown-table.h"
#include "falt-markdown-view-private.h"

/* An article: Markdown worked out once (falt-markdown-text.c) and put into
 * a read-only GtkTextView a screenful first (falt-markdown-render.c). The
 * view sits in a scrolled window of the page, so it scrolls that window to
 * show a position, a heading or a match. */

G_DEFINE_FINAL_TYPE (FaltMarkdownView, falt_markdown_view, GTK_TYPE_TEXT_VIEW)

enum {
  PROP_0,
  PROP_ZOOM,
  PROP_SLIDE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  ACTIVATE_LINK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* For falt-markdown-view-present.c, which changes the slide shown. */
void
falt_markdown_view_notify_slide (FaltMarkdownView *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SLIDE]);
}

#define MIN_SIDE_MARGIN 24
#define MAX_TEXT_WIDTH  712

/* A scroll is answered from its target for a few frames, until the view
 * has laid out and moved there. */
#define SCROLL_PENDING_FRAMES 6

void
falt_markdown_view_cancel_scroll (FaltMarkdownView *self)
{
  if (self->scroll_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->scroll_tick);
  self->scroll_tick = 0;
}

static void
apply_scroll (FaltMarkdownView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self));
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_mark (buffer, &iter, self->scroll_mark);
  /* The top exactly, top margin included. */
  if (gtk_text_iter_is_start (&iter) && adjustment != NULL)
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));
  else
    gtk_text_view_scroll_to_mark (GTK_TEXT_VIEW (self), self->scroll_mark, 0.0, TRUE, 0.0, 0.0);
}

/* Again for a few frames: a new buffer's layout (and GtkTextView's idea of
 * which line is on top) settles only then. */
static gboolean
on_scroll_tick_cb (GtkWidget     *widget,
                   GdkFrameClock *clock,
                   gpointer       user_data)
{
  FaltMarkdownView *self = FALT_MARKDOWN_VIEW (widget);

  apply_scroll (self);
  if (++self->scroll_frames < SCROLL_PENDING_FRAMES)
    return G_SOURCE_CONTINUE;
  self->scroll_tick = 0;
  return G_SOURCE_REMOVE;
}

/* The view scrolls itself (it is a GtkScrollable in a scrolled window):
 * GtkTextView then validates the lines it scrolls to, and keeps the line
 * at the top in place while the rest of the text is laid out. */
static void
scroll_to_iter (FaltMarkdownView  *self,
                const GtkTextIter *iter)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));

  if (self->scroll_mark == NULL)
    self->scroll_mark = gtk_text_buffer_create_mark (buffer, NULL, iter, TRUE);
  else
    gtk_text_buffer_move_mark (buffer, self->scroll_mark, iter);

  /* At once too: a new text never shows where the last one was. */
  apply_scroll (self);

  self->scroll_frames = 0;
  if (self->scroll_tick == 0)
    self->scroll_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), on_scroll_tick_cb, NULL, NULL);
}

/**
 * falt_markdown_view_scroll_to_offset:
 * @offset: a character offset in the rendered text; 0 is the top
 *
 * Scrolls so the line at @offset is at the top.
 */
void
falt_markdown_view_scroll_to_offset (FaltMarkdownView *self,
                                     int               offset)
{
  GtkTextIter iter;

  g_return_if_fail (FALT_IS_MARKDOWN_VIEW (self));

  falt_markdown_view_ensure_shown (self, MAX (offset, 0));
  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self)), &iter, MAX (offset, 0));
  gtk_text_iter_set_line_offset (&iter, 0);
  self->top_when_unmapped = gtk_text_iter_get_offset (&iter);
  scroll_to_iter (self, &iter);
}

/**
 * falt_markdown_view_get_top_offset:
 *
 * Returns: the character offset of the first line in sight, to come back to
 *   with falt_markdown_view_scroll_to_offset()
 */
int
falt_markdown_view_get_top_offset (FaltMarkdownView *self)
{
  GtkAdjustment *adjustment;
  GtkTextIter iter;
  GdkRectangle visible;

  g_return_val_if_fail (FALT_IS_MARKDOWN_VIEW (self), 0);

  /* Asked while a scroll is still under way: its target is the answer. */
  if (self->scroll_tick != 0 && self->scroll_mark != NULL)
    {
      gtk_text_buffer_get_iter_at_mark (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self)), &iter, self->scroll_mark);
      return gtk_text_iter_get_offset (&iter);
    }

  /* Hidden, the text's layout is not to be asked: where it was last seen. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return self->top_when_unmapped;

  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self));
  if (adjustment == NULL || gtk_adjustment_get_value (adjustment) <= gtk_adjustment_get_lower (adjustment))
    return 0;

  gtk_text_view_get_visible_rect (GTK_TEXT_VIEW (self), &visible);
  gtk_text_view_get_line_at_y (GTK_TEXT_VIEW (self), &iter, visible.y, NULL);
  return gtk_text_iter_get_offset (&iter);
}

/**
 * falt_markdown_view_scroll_to_anchor:
 * @anchor: a heading's anchor, as GitHub names it ("vad-gör-jag-nu")
 *
 * Returns: %TRUE if the text has that heading
 */
gboolean
falt_markdown_view_scroll_to_anchor (FaltMarkdownView *self,
                                     const char       *anchor)
{
  GtkTextBuffer *buffer;
  g_autofree char *name = NULL;
  const FaltMarkdownHeading *heading;
  GtkTextMark *mark;
  GtkTextIter iter;

  g_return_val_if_fail (FALT_IS_MARKDOWN_VIEW (self), FALSE);

  name = g_strconcat (FALT_MARKDOWN_ANCHOR_MARK_PREFIX, anchor, NULL);
  /* Presenting by section: the heading may be in another one. */
  for (guint i = 0; self->slides != NULL && i < self->slides->len; i++)
    {
      g_autoptr (GHashTable) anchors = falt_markdown_list_anchors (g_ptr_array_index (self->slides, i));

      if (i != self->slide && g_hash_table_contains (anchors, anchor))
        {
          falt_markdown_view_show_slides (self, self->slides, i, 0);
          break;
        }
    }
  heading = self->text != NULL ? falt_markdown_text_find_heading (self->text, anchor) : NULL;
  if (heading == NULL)
    return FALSE;
  falt_markdown_view_ensure_shown (self, heading->offset);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  mark = gtk_text_buffer_get_mark (buffer, name);
  if (mark == NULL)
    return FALSE;

  gtk_text_buffer_get_iter_at_mark (buffer, &iter, mark);
  gtk_text_buffer_place_cursor (buffer, &iter);
  scroll_to_iter (self, &iter);
  return TRUE;
}

/* A link in a table is the article's, like any other. */
static gboolean
on_table_activate_link_cb (FaltMarkdownTable *table,
                           const char        *url,
                           FaltMarkdownView  *self)
{
  gboolean handled = FALSE;

  g_signal_emit (self, signals[ACTIVATE_LINK], 0, url, &handled);
  return handled;
}

/* The tables put into the buffer since the last look. */
static void
attach_children (FaltMarkdownView *self)
{
  for (; self->n_attached < self->children->len; self->n_attached++)
    {
      FaltMarkdownChild *child = g_ptr_array_index (self->children, self->n_attached);

      falt_markdown_table_set_available_width (FALT_MARKDOWN_TABLE (child->widget), self->table_width);
      g_signal_connect_object (child->widget, "activate-link", G_CALLBACK (on_table_activate_link_cb), self, 0);
      gtk_text_view_add_child_at_anchor (GTK_TEXT_VIEW (self), child->widget, child->anchor);
    }
}

/* The first screenful goes into the buffer at once (in characters: more
 * than a full-screen window shows), the rest a piece at a time while the
 * main loop is idle, so no frame waits long for the text. */
#define FIRST_PIECE_CHARS 6000
#define PIECE_CHARS       4000

static gboolean
show_more_cb (gpointer user_data)
{
  FaltMarkdownView *self = FALT_MARKDOWN_VIEW (user_data);
  gboolean done = falt_markdown_render_apply (self->render, falt_markdown_render_get_applied (self->render) + PIECE_CHARS,
                                              self->children);

  attach_children (self);
  if (!done)
    return G_SOURCE_CONTINUE;
  self->apply_idle = 0;
  return G_SOURCE_REMOVE;
}

/**
 * falt_markdown_view_ensure_shown:
 * @up_to: a character offset in the text; -1 for all of it
 *
 * Puts the text up to @up_to and a screenful after it into the buffer now,
 * for what needs it there: a scroll to it, a highlight of all of it.
 */
void
falt_markdown_view_ensure_shown (FaltMarkdownView *self,
                                 int               up_to)
{
  if (self->render == NULL || falt_markdown_render_is_done (self->render))
    return;
  falt_markdown_render_apply (self->render, up_to < 0 ? G_MAXINT : up_to + FIRST_PIECE_CHARS, self->children);
  attach_children (self);
  if (falt_markdown_render_is_done (self->render))
    g_clear_handle_id (&self->apply_idle, g_source_remove);
}

/* The text (parsed once per text, so a new zoom only puts it in again). */
static void
show_text (FaltMarkdownView *self)
{
  falt_markdown_view_cancel_scroll (self);
  self->scroll_mark = NULL;  /* went with the old buffer */
  g_clear_handle_id (&self->apply_idle, g_source_remove);
  g_ptr_array_set_size (self->children, 0);
  self->n_attached = 0;
  g_clear_pointer (&self->render, falt_markdown_render_free);
  if (self->text == NULL)
    self->text = falt_markdown_text_new (self->slides != NULL ? g_ptr_array_index (self->slides, self->slide)
                                                              : self->markdown);

  self->render = falt_markdown_render_new (self->text, falt_markdown_view_get_shown_zoom (self),
                                           gtk_text_view_get_left_margin (GTK_TEXT_VIEW (self)));
  falt_markdown_render_apply (self->render, FIRST_PIECE_CHARS, self->children);
  gtk_text_view_set_buffer (GTK_TEXT_VIEW (self), falt_markdown_render_get_buffer (self->render));
  attach_children (self);
  if (!falt_markdown_render_is_done (self->render))
    self->apply_idle = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, show_more_cb, self, NULL);
}

/* A new text to show: the article's, or another slide's. */
void
falt_markdown_view_render (FaltMarkdownView *self)
{
  g_clear_pointer (&self->text, falt_markdown_text_free);
  show_text (self);
}

/**
 * falt_markdown_view_set_markdown:
 * @markdown: GitHub-flavoured Markdown
 *
 * Replaces the view's text with @markdown rendered, scrolled to its top.
 */
void
falt_markdown_view_set_markdown (FaltMarkdownView *self,
                                 const char       *markdown)
{
  g_return_if_fail (FALT_IS_MARKDOWN_VIEW (self));

  g_free (self->markdown);
  self->markdown = g_strdup (markdown);
  if (self->slides != NULL)
    {
      g_clear_pointer (&self->slides, g_ptr_array_unref);
      self->slides = falt_markdown_split_sections (self->markdown);
      self->slide = 0;
      falt_markdown_view_notify_slide (self);
    }
  falt_markdown_view_render (self);
  falt_markdown_view_scroll_to_offset (self, 0);
}


double
falt_markdown_view_get_zoom (FaltMarkdownView *self)
{
  g_return_val_if_fail (FALT_IS_MARKDOWN_VIEW (self), 1.0);

  return self->zoom;
}

/**
 * falt_markdown_view_set_zoom:
 * @zoom: the text scale, from %FALT_MARKDOWN_VIEW_MIN_ZOOM to
 *   %FALT_MARKDOWN_VIEW_MAX_ZOOM; 1.0 is the normal size
 *
 * Shows the text larger or smaller; the line at the top stays there.
 */
void
falt_markdown_view_set_zoom (FaltMarkdownView *self,
                             double            zoom)
{
  int top;

  g_return_if_fail (FALT_IS_MARKDOWN_VIEW (self));

  zoom = CLAMP (zoom, FALT_MARKDOWN_VIEW_MIN_ZOOM, FALT_MARKDOWN_VIEW_MAX_ZOOM);
  if (G_APPROX_VALUE (zoom, self->zoom, 0.001))
    return;

  top = falt_markdown_view_get_top_offset (self);
  self->zoom = zoom;
  if (self->markdown != NULL)
    {
      show_text (self);
      falt_markdown_view_scroll_to_offset (self, top);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

/**
 * falt_markdown_view_get_text:
 *
 * Returns: (transfer full): the rendered text, without markup (tables not
 *   included: they are widgets)
 */
char *
falt_markdown_view_get_text (FaltMarkdownView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  GtkTextIter start, end;

  /* Not all of it in the buffer yet: the text it is getting. */
  if (self->render != NULL && !falt_markdown_render_is_done (self->render))
    return falt_markdown_text_get_plain (self->text);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static gboolean
is_whole_word (const GtkTextIter *start,
               const GtkTextIter *end)
{
  GtkTextIter before = *start;
  GtkTextIter after = *end;

  if (gtk_text_iter_backward_char (&before) && g_unichar_isalnum (gtk_text_iter_get_char (&before)))
    return FALSE;
  return gtk_text_iter_is_end (&after) || !g_unichar_isalnum (gtk_text_iter_get_char (&after));
}

/**
 * falt_markdown_view_highlight:
 * @words: (array zero-terminated=1): written forms to mark, as the search
 *   matched them
 *
 * Marks every whole-word occurrence of @words (ignoring case) and scrolls to
 * the first. Replaces an earlier highlight.
 *
 * Returns: the number of occurrences marked
 */
guint
falt_markdown_view_highlight (FaltMarkdownView   *self,
                              const char * const *words)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end, first;
  gboolean found_first = FALSE;
  guint count = 0;

  g_return_val_if_fail (FALT_IS_MARKDOWN_VIEW (self), 0);

  falt_markdown_view_ensure_shown (self, -1);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag_by_name (buffer, FALT_MARKDOWN_HIGHLIGHT_TAG, &start, &end);

  for (guint i = 0; words != NULL && words[i] != NULL; i++)
    {
      GtkTextIter iter = start, match_start, match_end;

      if (*words[i] == '\0')
        continue;
      while (gtk_text_iter_forward_search (&iter, words[i], GTK_TEXT_SEARCH_CASE_INSENSITIVE | GTK_TEXT_SEARCH_TEXT_ONLY,
                                           &match_start, &match_end, NULL))
        {
          if (is_whole_word (&match_start, &match_end))
            {
              gtk_text_buffer_apply_tag_by_name (buffer, FALT_MARKDOWN_HIGHLIGHT_TAG, &match_start, &match_end);
              count++;
              if (!found_first || gtk_text_iter_compare (&match_start, &first) < 0)
                first = match_start;
              found_first = TRUE;
            }
          iter = match_end;
        }
    }

  if (found_first)
    {
      gtk_text_buffer_place_cursor (buffer, &first);
      gtk_text_iter_set_line_offset (&first, 0);
      scroll_to_iter (self, &first);
    }
  return count;
}

/**
 * falt_markdown_view_count_highlights:
 *
 * Returns: how many stretches of text are highlighted
 */
guint
falt_markdown_view_count_highlights (FaltMarkdownView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), FALT_MARKDOWN_HIGHLIGHT_TAG);
  GtkTextIter iter;
  guint count = 0;

  if (tag == NULL)
    return 0;
  gtk_text_buffer_get_start_iter (buffer, &iter);
  if (gtk_text_iter_starts_tag (&iter, tag))
    count++;
  while (gtk_text_iter_forward_to_tag_toggle (&iter, tag))
    if (gtk_text_iter_starts_tag (&iter, tag))
      count++;
  return count;
}

static const char *
link_at (FaltMarkdownView *self,
         double            x,
         double            y)
{
  GtkTextIter iter;
  int buffer_x, buffer_y;

  gtk_text_view_window_to_buffer_coords (GTK_TEXT_VIEW (self), GTK_TEXT_WINDOW_WIDGET,
                                         (int) x, (int) y, &buffer_x, &buffer_y);
  if (!gtk_text_view_get_iter_at_location (GTK_TEXT_VIEW (self), &iter, buffer_x, buffer_y))
    return NULL;

  return falt_markdown_link_at (&iter);
}

static void
on_click_released_cb (GtkGestureClick  *gesture,
                      int               n_press,
                      double            x,
                      double            y,
                      FaltMarkdownView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  g_autofree char *url = NULL;
  gboolean handled = FALSE;

  /* A drag that selected text is not a click on the link. */
  if (gtk_text_buffer_get_has_selection (buffer))
    return;

  /* A copy: following the link may replace the buffer that holds it. */
  url = g_strdup (link_at (self, x, y));
  if (url != NULL)
    g_signal_emit (self, signals[ACTIVATE_LINK], 0, url, &handled);
}

/* Keyboard users move the caret onto a link and press Enter, as in a web
 * page with caret browsing: links must not need a mouse. */
static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   FaltMarkdownView      *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  GtkTextIter iter;
  g_autofree char *url = NULL;
  gboolean handled = FALSE;

  if (keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter && keyval != GDK_KEY_ISO_Enter)
    return FALSE;

  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  url = g_strdup (falt_markdown_link_at (&iter));
  if (url == NULL)
    return FALSE;

  g_signal_emit (self, signals[ACTIVATE_LINK], 0, url, &handled);
  return TRUE;
}

/* The caret shows while the view has keyboard focus, for the above. */
static void
on_focus_changed_cb (FaltMarkdownView *self)
{
  gtk_text_view_set_cursor_visible (GTK_TEXT_VIEW (self), gtk_widget_has_focus (GTK_WIDGET (self)));
}

static void
on_motion_cb (GtkEventControllerMotion *controller,
              double                    x,
              double                    y,
              FaltMarkdownView         *self)
{
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), link_at (self, x, y) != NULL ? "pointer" : NULL);
}

static void
on_copy_link_response_cb (AdwMessageDialog *dialog,
                          const char       *response,
                          gpointer          user_data)
{
  const char *url = g_object_get_data (G_OBJECT (dialog), "falt-url");

  if (g_strcmp0 (response, "copy") == 0)
    gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (dialog)), url);
}

/* Nothing on this computer opens web pages (or it failed): the address can
 * still be copied to a phone or another computer. */
static void
offer_copy_link (GtkWindow  *window,
                 const char *url)
{
  GtkWidget *dialog = adw_message_dialog_new (window, _("The Link Could Not Be Opened"), NULL);
  GtkWidget *label = gtk_label_new (url);

  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_CHAR);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog),
                               _("No web browser could open it. Copy the address to open it elsewhere."));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), label);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "close", _("_Close"), "copy", _("_Copy Link"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "copy", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "copy");
  g_object_set_data_full (G_OBJECT (dialog), "falt-url", g_strdup (url), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (on_copy_link_response_cb), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_uri_shown_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autofree char *url = user_data;
  g_autoptr (GError) error = NULL;

  if (!gtk_show_uri_full_finish (GTK_WINDOW (source), result, &error))
    {
      g_debug ("Could not open %s: %s", url, error->message);
      offer_copy_link (GTK_WINDOW (source), url);
    }
}

/* Only web links leave the app, and in-page links scroll; the page handles
 * the rest (other documents, numbers, addresses). A feed's text must not
 * start programs through other URI schemes. */
static gboolean
falt_markdown_view_real_activate_link (FaltMarkdownView *self,
                                       const char       *url)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *anchor = NULL;

  switch (falt_markdown_parse_link (url, NULL, &anchor))
    {
    case FALT_MARKDOWN_LINK_ANCHOR:
      if (!falt_markdown_view_scroll_to_anchor (self, anchor))
        gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", _("This part of the text was not found"));
      return TRUE;
    case FALT_MARKDOWN_LINK_WEB:
      if (GTK_IS_WINDOW (root))
        gtk_show_uri_full (GTK_WINDOW (root), url, GDK_CURRENT_TIME, NULL, on_uri_shown_cb, g_strdup (url));
      return TRUE;
    case FALT_MARKDOWN_LINK_DOCUMENT:
    case FALT_MARKDOWN_LINK_TEL:
    case FALT_MARKDOWN_LINK_MAIL:
    case FALT_MARKDOWN_LINK_INVALID:
    default:
      gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", _("This link cannot be opened from Fältstöd"));
      return TRUE;
    }
}

/* A table's height changes with the width it has; the text only asks a
 * child for its size again when the child's line changes: touching the
 * line's tags does that. */
static gboolean
relayout_tables_cb (gpointer user_data)
{
  FaltMarkdownView *self = FALT_MARKDOWN_VIEW (user_data);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), "zoom");

  self->relayout_idle = 0;
  for (guint i = 0; i < self->children->len && tag != NULL; i++)
    {
      FaltMarkdownChild *child = g_ptr_array_index (self->children, i);
      GtkTextIter start, end;

      gtk_text_buffer_get_iter_at_child_anchor (buffer, &start, child->anchor);
      end = start;
      gtk_text_iter_forward_char (&end);
      gtk_text_buffer_remove_tag (buffer, tag, &start, &end);
      gtk_text_buffer_apply_tag (buffer, tag, &start, &end);
    }
  return G_SOURCE_REMOVE;
}

/* Tables follow the text's width: wider ones scroll sideways. */
static void
falt_markdown_view_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  FaltMarkdownView *self = FALT_MARKDOWN_VIEW (widget);
  GtkTextView *view = GTK_TEXT_VIEW (widget);
  /* Lines of a readable length: wide windows get wide margins, as an
   * AdwClamp would give (the view must scroll itself, see above). */
  int margin = MAX (MIN_SIDE_MARGIN,
                    (width - (int) (MAX_TEXT_WIDTH * CLAMP (falt_markdown_view_get_shown_zoom (self), 1.0, 1.6))) / 2);
  int table_width = width - 2 * margin - 2;

  if (gtk_text_view_get_left_margin (view) != margin)
    {
      gtk_text_view_set_left_margin (view, margin);
      gtk_text_view_set_right_margin (view, margin);
      falt_markdown_apply_margins (gtk_text_view_get_buffer (view), margin);
    }

  /* Before the text allocates its children, so a table is never drawn
   * between a new width and its allocation. */
  if (table_width != self->table_width)
    {
      self->table_width = table_width;
      for (guint i = 0; i < self->children->len; i++)
        {
          FaltMarkdownChild *child = g_ptr_array_index (self->children, i);

          falt_markdown_table_set_available_width (FALT_MARKDOWN_TABLE (child->widget), table_width);
        }
      /* Not while allocating: the buffer changes. */
      if (self->children->len > 0 && self->relayout_idle == 0)
        self->relayout_idle = g_idle_add (relayout_tables_cb, self);
    }

  GTK_WIDGET_CLASS (falt_markdown_view_parent_class)->size_allocate (widget, width, height, baseline);
}

static void
falt_markdown_view_unmap (GtkWidget *widget)
{
  FaltMarkdownView *self = FALT_MARKDOWN_VIEW (widget);

  self->top_when_unmapped = falt_markdown_view_get_top_offset (self);
  GTK_WIDGET_CLASS (falt_markdown_view_parent_class)->unmap (widget);
}

static void
falt_markdown_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  FaltMarkdownView *self = FALT_MARKDOWN_VIEW (object);

  switch (prop_id)
    {
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    case PROP_SLIDE:
      g_value_set_int (value, falt_markdown_view_get_slide (self, NULL));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
falt_markdown_view_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  FaltMarkdownView *self = FALT_MARKDOWN_VIEW (object);

  switch (prop_id)
    {
    case PROP_ZOOM:
      falt_markdown_view_set_zoom (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
falt_markdown_view_dispose (GObject *object)
{
  FaltMarkdownView *self = FALT_MARKDOWN_VIEW (object);

  falt_markdown_view_cancel_scroll (self);
  g_clear_handle_id (&self->relayout_idle, g_source_remove);
  g_clear_handle_id (&self->apply_idle, g_source_remove);
  g_clear_pointer (&self->children, g_ptr_array_unref);
  g_clear_pointer (&self->render, falt_markdown_render_free);
  g_clear_pointer (&self->text, falt_markdown_text_free);
  g_clear_pointer (&self->slides, g_ptr_array_unref);
  g_clear_pointer (&self->markdown, g_free);

  G_OBJECT_CLASS (falt_markdown_view_parent_class)->dispose (object);
}

static void
falt_markdown_view_class_init (FaltMarkdownViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = falt_markdown_view_dispose;
  object_class->get_property = falt_markdown_view_get_property;
  object_class->set_property = falt_markdown_view_set_property;
  widget_class->size_allocate = falt_markdown_view_size_allocate;
  widget_class->unmap = falt_markdown_view_unmap;

  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, FALT_MARKDOWN_VIEW_MIN_ZOOM, FALT_MARKDOWN_VIEW_MAX_ZOOM, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The section presented (falt_markdown_view_get_slide()). */
  properties[PROP_SLIDE] =
    g_param_spec_int ("slide", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FaltMarkdownView::activate-link:
   * @url: the link's target
   *
   * Emitted when a link is clicked or Enter pressed on it. Return %TRUE when
   * handled; the default handler scrolls to `#anchor` links, opens web
   * links in the browser (offering to copy them where that fails) and says
   * that any other link cannot be opened.
   */
  signals[ACTIVATE_LINK] =
    g_signal_new_class_handler ("activate-link", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                G_CALLBACK (falt_markdown_view_real_activate_link),
                                g_signal_accumulator_true_handled, NULL, NULL,
                                G_TYPE_BOOLEAN, 1, G_TYPE_STRING);
}

static void
falt_markdown_view_init (FaltMarkdownView *self)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->zoom = 1.0;
  self->children = g_ptr_array_new_with_free_func ((GDestroyNotify) falt_markdown_child_free);

  gtk_text_view_set_editable (view, FALSE);
  gtk_text_view_set_cursor_visible (view, FALSE);
  gtk_text_view_set_wrap_mode (view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_left_margin (view, 24);
  gtk_text_view_set_right_margin (view, 24);
  gtk_text_view_set_top_margin (view, 18);
  gtk_text_view_set_bottom_margin (view, 24);
  gtk_text_view_set_pixels_inside_wrap (view, 2);
  gtk_widget_add_css_class (GTK_WIDGET (self), "falt-article");

  g_signal_connect (click, "released", G_CALLBACK (on_click_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  g_signal_connect (self, "notify::has-focus", G_CALLBACK (on_focus_changed_cb), NULL);
}

GtkWidget *
falt_markdown_view_new (void)
{
  return g_object_new (FALT_TYPE_MARKDOWN_VIEW, NULL);
}
