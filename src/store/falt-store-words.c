/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-store"

#include "falt-store-private.h"

/* What a word is, the same for the index (falt-store-tokenizer.c), the
 * query (falt-store-query.c) and the highlighting of what a search found
 * (falt-store-search.c): letters and digits, and an apostrophe between two
 * Cyrillic letters. Ukrainian writes one inside words ("м'ясо", "сім'я",
 * "пам'ять") as ' (U+0027), ’ (U+2019) or ʼ (U+02BC): each is taken as
 * FALT_STORE_APOSTROPHE, the form the uk_UA dictionary uses, so the three
 * spellings are one word and hunspell gets the whole of it. Anywhere else
 * an apostrophe separates words, as before ("don't" is "don" and "t"). */

/**
 * falt_store_is_apostrophe:
 * @c: a character
 *
 * Returns: whether @c is one of the apostrophes a word may hold
 */
gboolean
falt_store_is_apostrophe (gunichar c)
{
  return c == 0x27 || c == 0x2019 || c == 0x2bc;
}

static gboolean
is_cyrillic_letter (gunichar c)
{
  return c != 0 && g_unichar_isalpha (c) && g_unichar_get_script (c) == G_UNICODE_SCRIPT_CYRILLIC;
}

/**
 * falt_store_is_word_apostrophe:
 * @before: the character before an apostrophe (0 for none)
 * @after: the character after it (0 for none)
 *
 * Returns: whether an apostrophe between @before and @after is inside a word
 */
gboolean
falt_store_is_word_apostrophe (gunichar before,
                               gunichar after)
{
  return is_cyrillic_letter (before) && is_cyrillic_letter (after);
}

/**
 * falt_store_append_word_char:
 * @word: the word so far
 * @p: a character of the text (not its end)
 *
 * Appends the character at @p to @word when it belongs to the word: a
 * letter or digit, or an apostrophe inside it (as FALT_STORE_APOSTROPHE).
 *
 * Returns: %FALSE when the character ends the word (and is not appended)
 */
gboolean
falt_store_append_word_char (GString    *word,
                             const char *p)
{
  gunichar c = g_utf8_get_char (p);

  if (g_unichar_isalnum (c))
    {
      g_string_append_unichar (word, c);
      return TRUE;
    }
  if (falt_store_is_apostrophe (c) && word->len > 0 &&
      falt_store_is_word_apostrophe (g_utf8_get_char (g_utf8_find_prev_char (word->str, word->str + word->len)),
                                     g_utf8_get_char (g_utf8_next_char (p))))
    {
      g_string_append (word, FALT_STORE_APOSTROPHE);
      return TRUE;
    }
  return FALSE;
}
