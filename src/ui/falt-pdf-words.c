/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-pdf-words"

#include "falt-pdf-words.h"

/* Whole words on a PDF page, for a search hit's written forms. poppler's
 * POPPLER_FIND_WHOLE_WORDS_ONLY (22.12) misses a word that punctuation
 * follows ("stödet."), and a plain find marks "stöd" inside
 * "stödtelefonen": so the page's text is split into words here as the
 * store splits it (falt_store_match_written_forms(): runs of letters and
 * digits), and each word that is one of the forms is marked over its
 * characters' boxes. */

static gboolean
is_one_of (const char         *word,
           const char * const *words)
{
  g_autofree char *lower = g_utf8_strdown (word, -1);

  for (guint i = 0; words[i] != NULL; i++)
    if (g_str_equal (lower, words[i]))
      return TRUE;
  return FALSE;
}

static void
append_word (GArray                 *rects,
             const PopplerRectangle *boxes,
             guint                   first,
             guint                   end)
{
  graphene_rect_t rect = GRAPHENE_RECT_INIT (boxes[first].x1, boxes[first].y1,
                                             boxes[first].x2 - boxes[first].x1, boxes[first].y2 - boxes[first].y1);

  for (guint i = first + 1; i < end; i++)
    {
      graphene_rect_t box = GRAPHENE_RECT_INIT (boxes[i].x1, boxes[i].y1,
                                                boxes[i].x2 - boxes[i].x1, boxes[i].y2 - boxes[i].y1);

      graphene_rect_union (&rect, &box, &rect);
    }
  g_array_append_val (rects, rect);
}

/**
 * falt_pdf_find_words_on_page:
 * @words: lowercase whole words, such as the written forms a search matched
 *
 * On the thread that owns @page's document.
 *
 * Returns: (transfer full): the boxes of the words of @page that are one
 *   of @words (case aside), in points from the page's top left, in the
 *   order of the page's text
 */
GArray *
falt_pdf_find_words_on_page (PopplerPage        *page,
                             const char * const *words)
{
  GArray *rects = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
  g_autofree char *text = poppler_page_get_text (page);
  g_autofree PopplerRectangle *boxes = NULL;
  g_autoptr (GString) word = g_string_new (NULL);
  guint n_boxes = 0, index = 0, start = 0;

  if (text == NULL || !poppler_page_get_text_layout (page, &boxes, &n_boxes))
    return rects;

  /* One box per character of the text. */
  for (const char *p = text; ; p = g_utf8_next_char (p), index++)
    {
      gunichar c = *p != '\0' ? g_utf8_get_char (p) : 0;

      if (c != 0 && g_unichar_isalnum (c))
        {
          if (word->len == 0)
            start = index;
          g_string_append_unichar (word, c);
          continue;
        }
      if (word->len > 0 && index <= n_boxes && is_one_of (word->str, words))
        append_word (rects, boxes, start, index);
      g_string_truncate (word, 0);
      if (c == 0)
        break;
    }
  return rects;
}
