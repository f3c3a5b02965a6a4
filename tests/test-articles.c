/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "falt-test-utils.h"
#include "ui/falt-markdown-render.h"
#include "ui/falt-markdown-table.h"
#include "ui/falt-markdown-view.h"

/* Articles as a reader sees them: GFM tables, quotes, lists, anchors,
 * phone numbers, text size. */

static GtkWidget *
show_article (const char *markdown,
              int         width,
              int         height,
              GtkWidget **view_out)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *view = falt_markdown_view_new ();

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  falt_markdown_view_set_markdown (FALT_MARKDOWN_VIEW (view), markdown);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_set_child (GTK_WINDOW (window), scrolled);
  gtk_window_present (GTK_WINDOW (window));
  falt_test_iterate (300);
  *view_out = view;
  return window;
}

static GtkTextTag *
tag_at (GtkWidget  *view,
        const char *text,
        const char *prefix)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter start, match;
  g_autoptr (GSList) tags = NULL;

  gtk_text_buffer_get_start_iter (buffer, &start);
  if (!gtk_text_iter_forward_search (&start, text, 0, &match, NULL, NULL))
    return NULL;
  tags = gtk_text_iter_get_tags (&match);
  for (GSList *l = tags; l != NULL; l = l->next)
    {
      g_autofree char *name = NULL;

      g_object_get (l->data, "name", &name, NULL);
      if (name != NULL && g_str_has_prefix (name, prefix))
        return l->data;
    }
  return NULL;
}

static const char *
link_at_text (GtkWidget  *view,
              const char *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter start, match;
  g_autoptr (GSList) tags = NULL;

  gtk_text_buffer_get_start_iter (buffer, &start);
  if (!gtk_text_iter_forward_search (&start, text, 0, &match, NULL, NULL))
    return NULL;
  tags = gtk_text_iter_get_tags (&match);
  for (GSList *l = tags; l != NULL; l = l->next)
    if (g_object_get_data (l->data, "falt-url") != NULL)
      return g_object_get_data (l->data, "falt-url");
  return NULL;
}

static gboolean
on_activate_link_cb (FaltMarkdownView *view,
                     const char       *url,
                     char            **activated)
{
  g_free (*activated);
  *activated = g_strdup (url);
  return TRUE;
}

static const char table_markdown[] =
  "# Tabell\n\n"
  "| Vem | Nummer | När |\n"
  "| --- | ---: | :---: |\n"
  "| Stödtelefonen för yrkesverksamma | 020-39 00 00 | vardagar |\n"
  "| Polisen | 114 14 | dygnet runt |\n\n"
  "Text efter tabellen.\n";

static void
test_table_renders_as_table (void)
{
  const int widths[] = { 360, 1280 };

  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    {
      GtkWidget *view;
      GtkWidget *window = show_article (table_markdown, widths[i], 500, &view);
      GtkWidget *table = falt_test_find_widget (view, FALT_TYPE_MARKDOWN_TABLE, NULL);
      g_autofree char *header = NULL;
      g_autofree char *cell = NULL;
      g_autofree char *text = falt_markdown_view_get_text (FALT_MARKDOWN_VIEW (view));
      g_autofree char *name = g_strdup_printf ("article-table-%d", widths[i]);

      g_assert_nonnull (table);
      g_assert_cmpuint (falt_markdown_table_get_n_rows (FALT_MARKDOWN_TABLE (table)), ==, 3);
      g_assert_cmpuint (falt_markdown_table_get_n_columns (FALT_MARKDOWN_TABLE (table)), ==, 3);
      header = falt_markdown_table_get_cell_text (FALT_MARKDOWN_TABLE (table), 0, 1);
      cell = falt_markdown_table_get_cell_text (FALT_MARKDOWN_TABLE (table), 2, 1);
      g_assert_cmpstr (header, ==, "Nummer");
      /* A number in a cell never wraps inside (no-break spaces). */
      g_assert_cmpstr (cell, ==, "114\u00a014");
      /* A number in a table is a link of the article's, as in its text. */
      {
        g_autofree char *activated = NULL;
        GtkWidget *label = NULL;
        gboolean handled = FALSE;

        g_signal_connect (view, "activate-link", G_CALLBACK (on_activate_link_cb), &activated);
        for (GtkWidget *child = gtk_widget_get_first_child (falt_test_find_widget (table, GTK_TYPE_GRID, NULL));
             child != NULL && label == NULL; child = gtk_widget_get_next_sibling (child))
          if (g_strcmp0 (gtk_label_get_text (GTK_LABEL (child)), "114\u00a014") == 0)
            label = child;
        g_assert_nonnull (label);
        g_signal_emit_by_name (label, "activate-link", "tel:114 14", &handled);
        g_assert_true (handled);
        g_assert_cmpstr (activated, ==, "tel:114 14");
        g_signal_handlers_disconnect_by_func (view, on_activate_link_cb, &activated);
      }
      /* No line of pipes in the text. */
      g_assert_null (strstr (text, "|"));
      g_assert_nonnull (strstr (text, "Text efter tabellen."));
      {
        GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
        GtkTextIter iter;
        int y, height;
        graphene_rect_t bounds;


        gtk_text_buffer_get_start_iter (buffer, &iter);
        g_assert_true (gtk_text_iter_forward_search (&iter, "Text efter", 0, &iter, NULL, NULL));
        gtk_text_view_get_line_yrange (GTK_TEXT_VIEW (view), &iter, &y, &height);
        g_assert_true (gtk_widget_compute_bounds (table, view, &bounds));
        /* The text after the table starts below it, at any width. */
        g_test_message ("table at y %g, height %g; text after it at y %d",
                        bounds.origin.y, bounds.size.height, y);
        g_assert_cmpint (y + gtk_text_view_get_top_margin (GTK_TEXT_VIEW (view)), >=,
                         (int) (bounds.origin.y + bounds.size.height));
      }
      /* Never wider than the article: a wide table scrolls sideways. */
      g_assert_true (gtk_widget_get_mapped (table));
      g_assert_cmpint (gtk_widget_get_width (table), <=, gtk_widget_get_width (view));
      g_free (falt_test_save_screenshot (window, name));
      gtk_window_destroy (GTK_WINDOW (window));
    }
}

static void
test_inline_and_block_styles (void)
{
  GtkWidget *view;
  GtkWidget *window = show_article ("Skriv `falt --search` i terminalen.\n\n"
                                    "> Ett citat ur lagen.\n\n"
                                    "~~Gammal uppgift~~ och https://www.polisen.se som länk.\n",
                                    600, 400, &view);
  GtkTextTag *code = tag_at (view, "falt --search", "code");
  g_autofree char *family = NULL;

  g_assert_nonnull (code);
  g_object_get (code, "family", &family, NULL);
  g_assert_cmpstr (family, ==, "monospace");
  g_assert_nonnull (tag_at (view, "Ett citat", "quote-1"));
  g_assert_null (tag_at (view, "Skriv", "quote"));
  g_assert_nonnull (tag_at (view, "Gammal uppgift", "strikethrough"));
  g_assert_cmpstr (link_at_text (view, "www.polisen.se"), ==, "https://www.polisen.se");
  g_free (falt_test_save_screenshot (window, "article-styles"));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A wrapped list line starts under the item's text, not under its marker. */
static void
test_list_continuation_lines_align (void)
{
  GtkWidget *view;
  GtkWidget *window = show_article ("- Den här punkten är så lång att den måste brytas på flera rader "
                                    "i ett smalt fönster, och raderna ska börja under texten.\n"
                                    "10. numrerad\n",
                                    360, 400, &view);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter iter;
  GdkRectangle first, wrapped;

  gtk_text_buffer_get_start_iter (buffer, &iter);
  g_assert_true (gtk_text_iter_forward_search (&iter, "Den", 0, &iter, NULL, NULL));
  gtk_text_view_get_iter_location (GTK_TEXT_VIEW (view), &iter, &first);
  g_assert_true (gtk_text_view_forward_display_line (GTK_TEXT_VIEW (view), &iter));
  gtk_text_view_get_iter_location (GTK_TEXT_VIEW (view), &iter, &wrapped);
  g_test_message ("first line text at x=%d, wrapped line at x=%d", first.x, wrapped.x);
  g_assert_cmpint (wrapped.y, >, first.y);
  g_assert_cmpint (ABS (wrapped.x - first.x), <=, 1);
  g_free (falt_test_save_screenshot (window, "article-list-360"));
  gtk_window_destroy (GTK_WINDOW (window));
}

static double
adjustment_value (GtkWidget *view)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (view, GTK_TYPE_SCROLLED_WINDOW);

  return gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)));
}

static char *
long_article (void)
{
  GString *markdown = g_string_new ("# Början\n\n[Till slutet](#vad-gör-jag-nu)\n\n");

  for (guint i = 0; i < 60; i++)
    g_string_append_printf (markdown, "Stycke %u med lite text som fyller sidan.\n\n", i);
  g_string_append (markdown, "## Vad gör jag nu?\n\nSista stycket.\n");
  return g_string_free (markdown, FALSE);
}

static void
test_anchor_link_scrolls (void)
{
  g_autofree char *markdown = long_article ();
  GtkWidget *view;
  GtkWidget *window = show_article (markdown, 600, 400, &view);
  gboolean handled = FALSE;

  g_assert_cmpfloat (adjustment_value (view), ==, 0);
  g_assert_false (falt_markdown_view_scroll_to_anchor (FALT_MARKDOWN_VIEW (view), "finns-inte"));
  /* The default handler follows #anchor links. */
  g_signal_emit_by_name (view, "activate-link", "#vad-g%C3%B6r-jag-nu", &handled);
  g_assert_true (handled);
  falt_test_iterate (300);
  g_assert_cmpfloat (adjustment_value (view), >, 400);
  g_assert_cmpint (falt_markdown_view_get_top_offset (FALT_MARKDOWN_VIEW (view)), >, 0);

  /* A new text starts at its top. */
  falt_markdown_view_set_markdown (FALT_MARKDOWN_VIEW (view), markdown);
  falt_test_iterate (200);
  g_assert_cmpfloat (adjustment_value (view), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_phone_numbers_become_links (void)
{
  GtkWidget *view;
  GtkWidget *window = show_article ("Ring 020-39 00 00 eller 112, polisen på 114 14.\n\n"
                                    "Enligt SFS 2010:112 från 2026-10-01 har 4 112 personer sökt.\n",
                                    600, 300, &view);

  g_assert_cmpstr (link_at_text (view, "020-39"), ==, "tel:020-39 00 00");
  g_assert_cmpstr (link_at_text (view, "112,"), ==, "tel:112");
  g_assert_cmpstr (link_at_text (view, "114 14"), ==, "tel:114 14");
  g_assert_null (link_at_text (view, "2010:112"));
  g_assert_null (link_at_text (view, "2026-10-01"));
  g_assert_null (link_at_text (view, "4 112"));
  gtk_window_destroy (GTK_WINDOW (window));
}

static int
line_height_of (GtkWidget  *view,
                const char *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter iter;
  int y, height;

  gtk_text_buffer_get_start_iter (buffer, &iter);
  g_assert_true (gtk_text_iter_forward_search (&iter, text, 0, &iter, NULL, NULL));
  gtk_text_view_get_line_yrange (GTK_TEXT_VIEW (view), &iter, &y, &height);
  return height;
}

static void
test_zoom_enlarges_text (void)
{
  GtkWidget *view;
  GtkWidget *window = show_article ("# Rubrik\n\nBrödtext.\n", 600, 300, &view);
  int normal = line_height_of (view, "Brödtext");

  falt_markdown_view_set_zoom (FALT_MARKDOWN_VIEW (view), 1.5);
  falt_test_iterate (200);
  g_assert_cmpfloat (falt_markdown_view_get_zoom (FALT_MARKDOWN_VIEW (view)), ==, 1.5);
  g_test_message ("line height %d at 1.0, %d at 1.5", normal, line_height_of (view, "Brödtext"));
  g_assert_cmpint (line_height_of (view, "Brödtext"), >, normal * 13 / 10);
  falt_markdown_view_set_zoom (FALT_MARKDOWN_VIEW (view), 100);
  g_assert_cmpfloat (falt_markdown_view_get_zoom (FALT_MARKDOWN_VIEW (view)), ==, FALT_MARKDOWN_VIEW_MAX_ZOOM);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Longer than a screenful many times over: a quote with a list, a heading
 * and a table, all past the first screenful. */
static char *
very_long_article (void)
{
  GString *markdown = g_string_new ("# Början\n\n");

  for (guint i = 0; i < 500; i++)
    {
      g_string_append_printf (markdown, "Stycke %u med lite text som fyller sidan, ring 020-39 00 00.\n\n", i);
      if (i == 250)
        g_string_append (markdown, "> Citat\n>\n> - en punkt i citatet\n\n## Mitten\n\n");
      if (i == 450)
        g_string_append (markdown, "| Vem | Nummer |\n| --- | --- |\n| Polisen | 114 14 |\n\n");
    }
  g_string_append (markdown, "## Slutet\n\nSlutord.\n");
  return g_string_free (markdown, FALSE);
}

static int
offset_in_text (GtkWidget  *view,
                const char *needle)
{
  g_autofree char *text = falt_markdown_view_get_text (FALT_MARKDOWN_VIEW (view));
  const char *at = strstr (text, needle);

  g_assert_nonnull (at);
  return (int) g_utf8_pointer_to_offset (text, at);
}

static int
line_on_top (GtkWidget *view)
{
  GdkRectangle visible;
  GtkTextIter iter;

  gtk_text_view_get_visible_rect (GTK_TEXT_VIEW (view), &visible);
  gtk_text_view_get_line_at_y (GTK_TEXT_VIEW (view), &iter, visible.y, NULL);
  return gtk_text_iter_get_offset (&iter);
}

/* A long article is shown a screenful first, the rest following: what
 * asks for the text or a place in it gets it all the same. */
static void
test_long_article_arrives_in_pieces (void)
{
  g_autofree char *markdown = very_long_article ();
  GtkWidget *view;
  GtkWidget *window = show_article ("# Kort\n", 600, 400, &view);
  GtkTextBuffer *buffer;
  g_autofree char *text = NULL;
  int n_chars, offset;

  falt_markdown_view_set_markdown (FALT_MARKDOWN_VIEW (view), markdown);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  text = falt_markdown_view_get_text (FALT_MARKDOWN_VIEW (view));
  n_chars = (int) g_utf8_strlen (text, -1) + 1;  /* and the table's anchor */
  g_test_message ("%d of %d characters in the buffer at first", gtk_text_buffer_get_char_count (buffer), n_chars);
  g_assert_cmpint (gtk_text_buffer_get_char_count (buffer), <, n_chars / 4);
  g_assert_nonnull (strstr (text, "Stycke 499 "));
  g_assert_nonnull (strstr (text, "Slutord."));

  /* A stored position far down lands exactly, at once and once all is in. */
  offset = offset_in_text (view, "Stycke 400 ");
  falt_markdown_view_scroll_to_offset (FALT_MARKDOWN_VIEW (view), offset);
  g_assert_cmpint (falt_markdown_view_get_top_offset (FALT_MARKDOWN_VIEW (view)), ==, offset);
  falt_test_iterate (500);
  g_assert_cmpint (gtk_text_buffer_get_char_count (buffer), ==, n_chars);
  {
    g_autofree char *all_in = falt_markdown_view_get_text (FALT_MARKDOWN_VIEW (view));

    g_assert_cmpstr (all_in, ==, text);
  }
  g_assert_cmpint (falt_markdown_view_get_top_offset (FALT_MARKDOWN_VIEW (view)), ==, offset);
  g_assert_cmpint (line_on_top (view), ==, offset);

  /* What came later looks as it would have at once. */
  g_assert_nonnull (falt_test_find_widget (view, FALT_TYPE_MARKDOWN_TABLE, NULL));
  {
    GtkTextIter iter;

    gtk_text_buffer_get_end_iter (buffer, &iter);
    g_assert_true (gtk_text_iter_backward_search (&iter, "020-39", 0, &iter, NULL, NULL));
    g_assert_cmpstr (falt_markdown_link_at (&iter), ==, "tel:020-39 00 00");
  }
  g_assert_nonnull (tag_at (view, "Slutet", "h2"));
  g_assert_nonnull (tag_at (view, "en punkt i citatet", "quote-"));
  g_assert_nonnull (tag_at (view, "en punkt i citatet", "list-"));

  /* A heading past the first screenful, asked for at once. */
  falt_markdown_view_set_markdown (FALT_MARKDOWN_VIEW (view), markdown);
  g_assert_true (falt_markdown_view_scroll_to_anchor (FALT_MARKDOWN_VIEW (view), "mitten"));
  falt_test_iterate (500);
  g_assert_cmpint (line_on_top (view), ==, offset_in_text (view, "Mitten\n"));
  falt_test_save_screenshot (window, "article-long-at-end");
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
  falt_test_init (&argc, &argv);

  g_test_add_func ("/articles/table-renders-as-table", test_table_renders_as_table);
  g_test_add_func ("/articles/inline-and-block-styles", test_inline_and_block_styles);
  g_test_add_func ("/articles/list-continuation-lines-align", test_list_continuation_lines_align);
  g_test_add_func ("/articles/anchor-link-scrolls", test_anchor_link_scrolls);
  g_test_add_func ("/articles/phone-numbers-become-links", test_phone_numbers_become_links);
  g_test_add_func ("/articles/zoom-enlarges-text", test_zoom_enlarges_text);
  g_test_add_func ("/articles/long-article-arrives-in-pieces", test_long_article_arrives_in_pieces);

  return falt_test_run ();
}
