/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-markdown-view"

#include <cmark.h>
#include <glib/gi18n.h>

#include <adwaita.h>

#include "falt-markdown-view.h"

/* Renders CommonMark into a read-only GtkTextView with tags, so articles are
 * selectable, searchable with the keyboard and read by screen readers. Raw
 * HTML is dropped: content comes from a feed and is shown as text only. */

struct _FaltMarkdownView
{
  GtkTextView parent_instance;
};

G_DEFINE_FINAL_TYPE (FaltMarkdownView, falt_markdown_view, GTK_TYPE_TEXT_VIEW)

enum {
  ACTIVATE_LINK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define URL_KEY "falt-url"

typedef struct
{
  GtkTextBuffer *buffer;
  GPtrArray     *tags;       /* inline and block tags active at this point */
  GArray        *list_items; /* next number per open list; 0 for bullets */
  gboolean       after_list_marker;
} RenderState;

static void
create_tags (GtkTextBuffer *buffer)
{
  gtk_text_buffer_create_tag (buffer, "h1", "weight", PANGO_WEIGHT_BOLD, "scale", 1.6,
                              "pixels-above-lines", 6, "pixels-below-lines", 12, NULL);
  gtk_text_buffer_create_tag (buffer, "h2", "weight", PANGO_WEIGHT_BOLD, "scale", 1.3,
                              "pixels-above-lines", 18, "pixels-below-lines", 6, NULL);
  gtk_text_buffer_create_tag (buffer, "h3", "weight", PANGO_WEIGHT_BOLD, "scale", 1.1,
                              "pixels-above-lines", 12, "pixels-below-lines", 4, NULL);
  gtk_text_buffer_create_tag (buffer, "paragraph", "pixels-below-lines", 10, NULL);
  gtk_text_buffer_create_tag (buffer, "item", "pixels-below-lines", 4, NULL);
  gtk_text_buffer_create_tag (buffer, "emphasis", "style", PANGO_STYLE_ITALIC, NULL);
  gtk_text_buffer_create_tag (buffer, "strong", "weight", PANGO_WEIGHT_BOLD, NULL);
  gtk_text_buffer_create_tag (buffer, "code", "family", "monospace", NULL);
  gtk_text_buffer_create_tag (buffer, "code-block", "family", "monospace",
                              "left-margin", 24, "pixels-below-lines", 10, NULL);
  gtk_text_buffer_create_tag (buffer, "quote", "left-margin", 24, "style", PANGO_STYLE_ITALIC, NULL);
  gtk_text_buffer_create_tag (buffer, "rule", "justification", GTK_JUSTIFY_CENTER,
                              "pixels-below-lines", 10, NULL);
}

static GtkTextTag *
lookup_tag (GtkTextBuffer *buffer,
            const char    *name)
{
  return gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), name);
}

/* Indentation grows with list depth; one tag per depth, made on demand. */
static GtkTextTag *
list_indent_tag (GtkTextBuffer *buffer,
                 guint          depth)
{
  g_autofree char *name = g_strdup_printf ("list-%u", depth);
  GtkTextTag *tag = lookup_tag (buffer, name);

  if (tag == NULL)
    tag = gtk_text_buffer_create_tag (buffer, name,
                                      "left-margin", 52 + 24 * (int) depth,
                                      "indent", -22, NULL);
  return tag;
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

  for (guint i = 0; i < state->tags->len; i++)
    {
      GtkTextIter start;

      gtk_text_buffer_get_iter_at_offset (state->buffer, &start, offset);
      gtk_text_buffer_get_end_iter (state->buffer, &end);
      gtk_text_buffer_apply_tag (state->buffer, g_ptr_array_index (state->tags, i), &start, &end);
    }
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

static void
enter_list_item (RenderState *state)
{
  guint depth = state->list_items->len;
  int *number = &g_array_index (state->list_items, int, depth - 1);
  g_autofree char *marker = NULL;

  start_block (state);
  push_tag (state, list_indent_tag (state->buffer, depth - 1));
  push_tag (state, lookup_tag (state->buffer, "item"));
  if (*number > 0)
    marker = g_strdup_printf ("%d.\t", (*number)++);
  insert_text (state, marker != NULL ? marker : "•\t");
  state->after_list_marker = TRUE;
}

static void
enter_node (RenderState *state,
            cmark_node  *node)
{
  switch (cmark_node_get_type (node))
    {
    case CMARK_NODE_HEADING:
      {
        int level = CLAMP (cmark_node_get_heading_level (node), 1, 3);
        g_autofree char *name = g_strdup_printf ("h%d", level);

        start_block (state);
        push_tag (state, lookup_tag (state->buffer, name));
      }
      break;
    case CMARK_NODE_PARAGRAPH:
      start_block (state);
      push_tag (state, lookup_tag (state->buffer, "paragraph"));
      break;
    case CMARK_NODE_BLOCK_QUOTE:
      push_tag (state, lookup_tag (state->buffer, "quote"));
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
      start_block (state);
      push_tag (state, lookup_tag (state->buffer, "code-block"));
      insert_text (state, cmark_node_get_literal (node));
      pop_tag (state);
      break;
    case CMARK_NODE_THEMATIC_BREAK:
      start_block (state);
      push_tag (state, lookup_tag (state->buffer, "rule"));
      insert_text (state, "⁂");
      pop_tag (state);
      break;
    case CMARK_NODE_TEXT:
      insert_text (state, cmark_node_get_literal (node));
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
      push_tag (state, create_link_tag (state->buffer, cmark_node_get_url (node)));
      break;
    case CMARK_NODE_NONE:
    case CMARK_NODE_DOCUMENT:
    case CMARK_NODE_HTML_BLOCK:
    case CMARK_NODE_CUSTOM_BLOCK:
    case CMARK_NODE_HTML_INLINE:
    case CMARK_NODE_CUSTOM_INLINE:
    default:
      break;
    }
}

static void
exit_node (RenderState *state,
           cmark_node  *node)
{
  switch (cmark_node_get_type (node))
    {
    case CMARK_NODE_HEADING:
    case CMARK_NODE_PARAGRAPH:
    case CMARK_NODE_BLOCK_QUOTE:
    case CMARK_NODE_EMPH:
    case CMARK_NODE_IMAGE:
    case CMARK_NODE_STRONG:
    case CMARK_NODE_LINK:
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
 * falt_markdown_view_set_markdown:
 * @markdown: CommonMark text
 *
 * Replaces the view's text with @markdown rendered.
 */
void
falt_markdown_view_set_markdown (FaltMarkdownView *self,
                                 const char       *markdown)
{
  /* A fresh buffer each time: the old one's per-link tags go with it. */
  g_autoptr (GtkTextBuffer) buffer = gtk_text_buffer_new (NULL);
  RenderState state = { buffer, g_ptr_array_new (), g_array_new (FALSE, FALSE, sizeof (int)), FALSE };
  cmark_node *document;
  cmark_iter *iter;
  cmark_event_type event;

  g_return_if_fail (FALT_IS_MARKDOWN_VIEW (self));

  create_tags (buffer);
  document = cmark_parse_document (markdown != NULL ? markdown : "",
                                   markdown != NULL ? strlen (markdown) : 0,
                                   CMARK_OPT_DEFAULT | CMARK_OPT_SMART);
  iter = cmark_iter_new (document);
  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      if (event == CMARK_EVENT_ENTER)
        enter_node (&state, cmark_iter_get_node (iter));
      else if (event == CMARK_EVENT_EXIT)
        exit_node (&state, cmark_iter_get_node (iter));
    }

  cmark_iter_free (iter);
  cmark_node_free (document);
  g_ptr_array_unref (state.tags);
  g_array_unref (state.list_items);
  gtk_text_view_set_buffer (GTK_TEXT_VIEW (self), buffer);
}

/**
 * falt_markdown_view_get_text:
 *
 * Returns: (transfer full): the rendered text, without markup.
 */
char *
falt_markdown_view_get_text (FaltMarkdownView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static const char *
link_at_iter (const GtkTextIter *iter)
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

  return link_at_iter (&iter);
}

static void
on_click_released_cb (GtkGestureClick  *gesture,
                      int               n_press,
                      double            x,
                      double            y,
                      FaltMarkdownView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  const char *url;
  gboolean handled = FALSE;

  /* A drag that selected text is not a click on the link. */
  if (gtk_text_buffer_get_has_selection (buffer))
    return;

  url = link_at (self, x, y);
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
  const char *url;
  gboolean handled = FALSE;

  if (keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter && keyval != GDK_KEY_ISO_Enter)
    return FALSE;

  gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
  url = link_at_iter (&iter);
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
on_uri_shown_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr (FaltMarkdownView) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!gtk_show_uri_full_finish (GTK_WINDOW (source), result, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The link could not be opened: %s"), error->message);
      gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", message);
    }
}

/* Only web links leave the app: a feed's text must not start programs
 * through other URI schemes. */
static gboolean
falt_markdown_view_real_activate_link (FaltMarkdownView *self,
                                       const char       *url)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *scheme = g_uri_parse_scheme (url);

  if (g_strcmp0 (scheme, "https") != 0 && g_strcmp0 (scheme, "http") != 0)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", _("This link cannot be opened from Fältstöd"));
      return TRUE;
    }

  if (GTK_IS_WINDOW (root))
    gtk_show_uri_full (GTK_WINDOW (root), url, GDK_CURRENT_TIME, NULL, on_uri_shown_cb, g_object_ref (self));
  return TRUE;
}

static void
falt_markdown_view_class_init (FaltMarkdownViewClass *klass)
{
  /**
   * FaltMarkdownView::activate-link:
   * @url: the link's target
   *
   * Emitted when a link is clicked. Return %TRUE when handled; the default
   * handler opens the URI with the desktop's handler.
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
