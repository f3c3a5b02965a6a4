/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "falt-test-feed.h"
#include "falt-test-reading.h"
#include "falt-test-utils.h"
#include "ui/falt-search-page-private.h"

/* The material the reading tests (test-reading, test-reading-keys, test-reading-pdf) open, and
 * what they look at in an article on screen. */


static char *
paragraphs (const char *first,
            guint       n,
            const char *last)
{
  GString *text = g_string_new (first);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "Stycke %u om stöd till den som utsatts, med text nog för en rad.\n\n", i);
  g_string_append (text, last);
  return g_string_free (text, FALSE);
}

/* Writes the material the reading tests open and points FALTSTOD_BUNDLED_FEED at it; returns
 * the folder to remove afterwards. */
char *
falt_test_reading_write_feed (void)
{
  g_autofree char *dir = NULL;
  char *feed_root;
  g_autofree char *guide = paragraphs ("# Guide\n\n"
                                       "Läs [den andra](doc:other) eller [vad du gör nu](doc:other#vad-gör-jag-nu).\n\n"
                                       "| Vem | Nummer | När |\n| --- | --- | --- |\n"
                                       "| Stödtelefonen för yrkesverksamma | 020-39 00 00 | vardagar 08–17 |\n"
                                       "| Polisen | 114 14 | dygnet runt |\n\n"
                                       "> Ett citat ur en vägledning som är långt nog för att brytas på två rader i ett smalt fönster.\n\n"
                                       "- En punkt i en lista som är så lång att den bryts på flera rader när fönstret är smalt.\n\n",
                                       60, "## Slutet\n\nSista stycket.\n");
  g_autofree char *other = paragraphs ("# Annan\n\n", 60, "## Vad gör jag nu?\n\nRing 020-39 00 00.\n");
  g_autoptr (FaltTestFeed) feed = NULL;

  feed_root = g_dir_make_tmp ("faltstod-reading-XXXXXX", NULL);
  dir = g_build_filename (feed_root, "feed", NULL);
  feed = falt_test_feed_new (dir, 5);
  falt_test_feed_add_section (feed, "manuals", "Manualer", "Manuals");
  falt_test_feed_add_article (feed, "guide", "manuals", "sv", "Guide", guide);
  falt_test_feed_add_article (feed, "guide", "manuals", "en", "Guide (en)", guide);
  falt_test_feed_add_article (feed, "other", "manuals", "sv", "Annan", other);
  falt_test_feed_add_article (feed, "third", "manuals", "sv", "Tredje", other);
  falt_test_feed_add_pdf (feed, "folder", "manuals", "sv", "Folder",
                          (const char *const[]) { "Om stödet till den utsatta.", "Ingenting här.",
                                                  "Mer stöd för yrkesverksamma.", NULL });
  falt_test_feed_add_pdf (feed, "forms", "manuals", "sv", "Former",
                          (const char *const[]) { "Inledning.",
                                                  "Om stödet till den utsatta. Mer stöd ges av stödtelefonen. "
                                                  "Alla stöden finns här.",
                                                  "Ingenting här.", "Sist ett stöd.", NULL });
  {
    g_autoptr (GBytes) labelled = falt_test_make_labelled_pdf (
      (const char *const[]) { "Förord.", "Innehåll.", "Inledning.", "Mer.", "Sist nämns reflektionstiden.", NULL },
      (const char *const[]) { "i", "ii", "1", "2", "3", NULL });

    falt_test_feed_add_raw_pdf (feed, "labelled", "manuals", "sv", "Numrerad", labelled);
  }
  falt_test_feed_write (feed);
  g_setenv ("FALTSTOD_BUNDLED_FEED", dir, TRUE);
  return feed_root;
}

FaltMarkdownView *
falt_test_reading_markdown_view (FaltWindow *window)
{
  return FALT_MARKDOWN_VIEW (falt_test_find_widget (GTK_WIDGET (window), FALT_TYPE_MARKDOWN_VIEW, NULL));
}

FaltDocumentPage *
falt_test_reading_document_page (FaltWindow *window)
{
  return FALT_DOCUMENT_PAGE (falt_test_find_widget (GTK_WIDGET (window), FALT_TYPE_DOCUMENT_PAGE, NULL));
}

double
falt_test_reading_scroll_value (FaltWindow *window)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (falt_test_reading_markdown_view (window)), GTK_TYPE_SCROLLED_WINDOW);

  return gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)));
}

int
falt_test_reading_offset_of (FaltWindow *window,
           const char *text)
{
  return falt_test_text_offset (GTK_TEXT_VIEW (falt_test_reading_markdown_view (window)), text);
}

/* Whether @text is within the part of the article on screen. */
gboolean
falt_test_reading_text_in_sight (FaltWindow *window,
               const char *text)
{
  GtkWidget *view = GTK_WIDGET (falt_test_reading_markdown_view (window));
  GtkWidget *scrolled = gtk_widget_get_ancestor (view, GTK_TYPE_SCROLLED_WINDOW);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter iter;
  GdkRectangle location;
  graphene_point_t point;

  gtk_text_buffer_get_start_iter (buffer, &iter);
  g_assert_true (gtk_text_iter_forward_search (&iter, text, 0, &iter, NULL, NULL));
  gtk_text_view_get_iter_location (GTK_TEXT_VIEW (view), &iter, &location);
  gtk_text_view_buffer_to_window_coords (GTK_TEXT_VIEW (view), GTK_TEXT_WINDOW_WIDGET, location.x, location.y,
                                         &location.x, &location.y);
  g_assert_true (gtk_widget_compute_point (view, scrolled, &GRAPHENE_POINT_INIT (location.x, location.y), &point));
  return point.y >= 0 && point.y + location.height <= gtk_widget_get_height (scrolled);
}

void
falt_test_reading_save_screenshots (FaltWindow *window,
                  const char *name)
{
  const int widths[] = { 360, 1280 };

  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    {
      g_autofree char *file = g_strdup_printf ("%s-%d", name, widths[i]);

      gtk_window_set_default_size (GTK_WINDOW (window), widths[i], 720);
      falt_test_iterate (400);
      g_free (falt_test_save_screenshot (GTK_WIDGET (window), file));
    }
  gtk_window_set_default_size (GTK_WINDOW (window), 980, 680);
  falt_test_iterate (200);
}

GObject *
falt_test_reading_capture_key_controller_of (GtkWidget *widget)
{
  return falt_test_find_capture_keys (widget);
}

void
falt_test_reading_press_key (GObject *controller,
           guint    keyval)
{
  falt_test_press_key (controller, keyval);
}

gboolean
falt_test_reading_search_has_results (gpointer data)
{
  return falt_search_page_get_n_results (data) > 0;
}

GtkWidget *
falt_test_reading_first_row_of (GtkWidget *list)
{
  GtkWidget *row = gtk_widget_get_first_child (list);

  g_assert_nonnull (row);
  return row;
}

gboolean
falt_test_reading_has_label (GtkWidget  *root,
           const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    if ((GTK_IS_LABEL (child) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (child)), text) == 0) || falt_test_reading_has_label (child, text))
      return TRUE;
  return FALSE;
}
