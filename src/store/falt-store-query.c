/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-store"

#include <string.h>

#include "falt-store-private.h"

/* From what the user typed to an FTS5 query.
 *
 * Each word (letters and digits, and an apostrophe inside a Ukrainian
 * word: falt-store-words.c) becomes a quoted string, so
 * operators, quotes, `*`, `-` and parentheses typed by the user are just
 * separators, and the query cannot be a syntax error. All words must
 * match; the last is a prefix while it is being typed (no space after it).
 *
 * FTS5 answers a prefix query by first merging the position lists of
 * every term with that prefix, each time, in time proportional to the
 * content: "barn*" in a big store costs milliseconds before the first row.
 * Prefixes of 2 and 3 letters have their own index (prefix = '2 3').
 * Longer ones are expanded here into the terms of the index that start
 * with them (the search_terms_xx table, kept with the index), which FTS5
 * reads row by row. The terms go into ONE phrase, as synonyms the
 * tokenizer emits at one position ("<M>barn<M>barnet", M the verbatim
 * marker): FTS5 then counts a position matched by several of them once,
 * and faltbm25() and faltrank() see one phrase per word, so a document does
 * not rank higher for matching several expansions of the prefix.
 *
 * For BM25's IDF the search needs how many rows contain each phrase. FTS5's
 * bm25() counts them with a query of the phrase over the whole index, in
 * time proportional to the content; here they are looked up in the
 * vocabulary (search_terms_xx, rows per term): exact for a word, whose
 * query term is its stem. A prefix's rows are the union of its terms'
 * rows, which the vocabulary cannot tell: the count used is the most
 * rows of any one of its terms (of the first MAX_COUNTED_TERMS), a lower
 * bound of the union, so the prefix's IDF is an upper bound of the exact
 * one, the same for every row (only its weight against the other words
 * of the query can be off). */

#define MAX_QUERY_WORDS 16
/* What a search reads of what the user typed or pasted: far more than
 * MAX_QUERY_WORDS words, and short enough that nothing done to it (NFC
 * normalization is quadratic on a long run of letters) takes time. */
#define MAX_QUERY_BYTES 1024
#define PREFIX_INDEX_MAX_CHARS 3
/* A prefix with more terms than this is left to FTS5. */
#define MAX_PREFIX_TERMS 48
/* Terms read for a prefix's row count (see above). */
#define MAX_COUNTED_TERMS 512

/* The words of the query, NFC (a decomposed ö is one letter, as the
 * tokenizer sees it); *last_is_prefix when the last one is being typed.
 * The query is capped first, and bytes that are not UTF-8 (from a
 * script, say) separate words like any other non-letter. */
static GPtrArray *
split_words (const char *user_query,
             gboolean   *last_is_prefix)
{
  g_autofree char *capped = NULL;
  g_autofree char *normalized = NULL;
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) word = g_string_new (NULL);

  *last_is_prefix = FALSE;
  if (user_query == NULL)
    return g_steal_pointer (&words);
  capped = g_utf8_make_valid (user_query, strnlen (user_query, MAX_QUERY_BYTES));
  normalized = g_utf8_normalize (capped, -1, G_NORMALIZE_NFC);
  if (normalized == NULL)
    return g_steal_pointer (&words);

  for (const char *p = normalized;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && falt_store_append_word_char (word, p))
        continue;
      if (word->len > 0 && words->len < MAX_QUERY_WORDS)
        {
          /* Still being typed: at the end, or before an apostrophe
           * that ends the query ("сім'" on the way to "сім'я"). */
          gboolean at_end = c == 0 || (falt_store_is_apostrophe (c) && *g_utf8_next_char (p) == '\0');

          *last_is_prefix = at_end && g_utf8_strlen (word->str, -1) >= 2;
          g_ptr_array_add (words, g_strdup (word->str));
        }
      g_string_truncate (word, 0);
      if (c == 0)
        break;
    }
  return g_steal_pointer (&words);
}

/* Adds the index's terms starting with prefix to terms (each with its
 * number of rows); FALSE when there are more than MAX_PREFIX_TERMS. */
static gboolean
add_terms_with_prefix (sqlite3     *db,
                       const char  *lang,
                       const char  *prefix,
                       GHashTable  *terms,
                       GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT term, docs FROM search_terms_%s "
                                          "WHERE term >= ?1 AND term < ?2 LIMIT %d",
                                          lang, MAX_PREFIX_TERMS + 1);
  g_autoptr(sqlite3_stmt) stmt = falt_store_prepare (db, sql, error);
  g_autofree char *after = g_strdup (prefix);
  gsize len = strlen (prefix);
  int rc;

  if (stmt == NULL)
    return FALSE;
  if (len == 0)
    return TRUE;
  /* The first text after every text that starts with prefix, bytewise
   * (sqlite compares text with memcmp). UTF-8 never has a 0xff byte. */
  after[len - 1]++;
  sqlite3_bind_text (stmt, 1, prefix, len, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, after, len, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (terms, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         GINT_TO_POINTER ((int) MIN (sqlite3_column_int64 (stmt, 1), G_MAXINT)));
  if (!falt_store_set_sqlite_error (db, rc, error))
    return FALSE;
  return g_hash_table_size (terms) <= MAX_PREFIX_TERMS;
}

static void
append_phrase (GString    *match,
               const char *marker,
               const char *text,
               const char *suffix)
{
  g_string_append_printf (match, "\"%s", marker);
  for (const char *p = text; *p; p++)
    g_string_append (match, *p == '"' ? "\"\"" : (char[]) { *p, 0 });
  g_string_append_printf (match, "\"%s", suffix);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The most rows any one term has: the term text, or (prefix) the first
 * MAX_COUNTED_TERMS terms that start with text. */
static gboolean
lookup_docs (sqlite3     *db,
             const char  *lang,
             const char  *text,
             gboolean     prefix,
             gint64      *docs,
             GError     **error)
{
  g_autofree char *sql = prefix ?
    g_strdup_printf ("SELECT max(docs) FROM (SELECT docs FROM search_terms_%s "
                     "WHERE term >= ?1 AND term < ?2 LIMIT %d)", lang, MAX_COUNTED_TERMS) :
    g_strdup_printf ("SELECT docs FROM search_terms_%s WHERE term = ?1", lang);
  g_autoptr(sqlite3_stmt) stmt = falt_store_prepare (db, sql, error);
  g_autofree char *after = g_strdup (text);
  gsize len = strlen (text);
  int rc;

  if (stmt == NULL)
    return FALSE;
  if (len == 0)
    return TRUE;
  after[len - 1]++;  /* as in add_terms_with_prefix() */
  sqlite3_bind_text (stmt, 1, text, len, SQLITE_STATIC);
  if (prefix)
    sqlite3_bind_text (stmt, 2, after, len, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *docs = MAX (*docs, sqlite3_column_int64 (stmt, 0));
      rc = SQLITE_DONE;
    }
  return falt_store_set_sqlite_error (db, rc, error);
}

/* The rows of a word's phrase (see above): its stem's, or for a prefix
 * left to FTS5 the most of any term starting with it or its stem (the
 * tokenizer's query terms for a prefix). */
static gboolean
word_docs (sqlite3     *db,
           const char  *lang,
           const char  *word,
           gboolean     prefix,
           gint64      *docs,
           GError     **error)
{
  g_autofree char *lower = g_utf8_strdown (word, -1);
  g_autofree char *stem = falt_store_stem_word (lang, lower);

  return lookup_docs (db, lang, stem, prefix, docs, error) &&
         (!prefix || g_str_has_prefix (lower, stem) || lookup_docs (db, lang, lower, TRUE, docs, error));
}

/* The endings Snowball's Swedish stemmer takes off a word (its steps 1
 * and 3), in the order a word has them: "rätt" + "ig" + "heter". */
static const char *const swedish_endings[] = {
  "lig", "ig", "els", "löst", "fullt",
  "a", "arna", "erna", "heterna", "orna", "ad", "e", "ade", "ande", "arne", "are", "aste", "en", "anden",
  "aren", "heten", "ern", "ar", "er", "heter", "or", "as", "arnas", "ernas", "ornas", "es", "ades", "andes",
  "ens", "arens", "hetens", "erns", "at", "andet", "het", "ast", "s",
};

/* Whether @tail is the start of up to @depth endings one after the other. */
static gboolean
starts_swedish_endings (const char *tail,
                        guint       depth)
{
  if (*tail == '\0')
    return TRUE;
  for (guint i = 0; depth > 0 && i < G_N_ELEMENTS (swedish_endings); i++)
    {
      const char *ending = swedish_endings[i];
      gsize n = strlen (ending), n_tail = strlen (tail);

      if (n_tail <= n ? strncmp (ending, tail, n_tail) == 0
                      : strncmp (ending, tail, n) == 0 && starts_swedish_endings (tail + n, depth - 1))
        return TRUE;
    }
  return FALSE;
}

/* Whether a word that starts with @typed could have @stem as its stem:
 * what follows the stem in it starts Swedish endings (after the letter the
 * stemmer undoubles: "mann" + "en" → "man"). */
static gboolean
swedish_stem_could_end (const char *stem,
                        const char *typed)
{
  const char *tail = typed + strlen (stem);
  gsize n = strlen (stem);

  return starts_swedish_endings (tail, 3) ||
         (n > 0 && *tail == stem[n - 1] && starts_swedish_endings (tail + 1, 3));
}

/* The longest term of the index (of more than PREFIX_INDEX_MAX_CHARS
 * letters) that @lower starts with, into @terms. The index has stems
 * only, and a stem can be shorter than what was typed of its word:
 * "rättigheter" is indexed as "rätt", so nothing starts with "rätti" or
 * "rättighe", and typing the word showed No Results halfway through.
 * That stem is what the whole word will find, if what follows it can be
 * Swedish endings ("barnx" finds nothing); its expansions are what the
 * letters before it found. */
static gboolean
add_longest_term_before (sqlite3     *db,
                         const char  *lang,
                         const char  *lower,
                         GHashTable  *terms,
                         GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT docs FROM search_terms_%s WHERE term = ?1", lang);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  glong n_chars = g_utf8_strlen (lower, -1);

  /* Only Swedish says which endings its stemmer takes off. */
  if (strcmp (lang, "sv") != 0)
    return TRUE;
  stmt = falt_store_prepare (db, sql, error);
  if (stmt == NULL)
    return FALSE;
  for (glong n = n_chars - 1; n > PREFIX_INDEX_MAX_CHARS; n--)
    {
      g_autofree char *term = g_strndup (lower, g_utf8_offset_to_pointer (lower, n) - lower);
      int docs = 0;
      int rc;

      if (!swedish_stem_could_end (term, lower))
        continue;
      sqlite3_bind_text (stmt, 1, term, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        docs = (int) MIN (sqlite3_column_int64 (stmt, 0), G_MAXINT);
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW && !falt_store_set_sqlite_error (db, rc, error))
        return FALSE;
      if (rc != SQLITE_ROW)
        continue;
      /* As the letters before found: the terms starting with it, or (too
       * many) itself. */
      if (!add_terms_with_prefix (db, lang, term, terms, error))
        {
          if (error != NULL && *error != NULL)
            return FALSE;
          g_hash_table_remove_all (terms);
          g_hash_table_insert (terms, g_steal_pointer (&term), GINT_TO_POINTER (docs));
        }
      return TRUE;
    }
  return TRUE;
}

/* The phrase for a prefix of 4 letters or more: the index's terms that
 * start with the word as typed or its stem (as the tokenizer does for a
 * prefix query), or else the stem the word typed so far starts with,
 * each after the verbatim marker, in one token; *docs the
 * most rows of any of them. Returns the number of terms (0: nothing in the
 * index starts with it), or -1 if there are too many and the prefix query
 * is left to FTS5. */
static int
append_expanded_prefix (sqlite3     *db,
                        const char  *lang,
                        const char  *word,
                        GString     *match,
                        gint64      *docs,
                        GError     **error)
{
  g_autofree char *lower = g_utf8_strdown (word, -1);
  g_autofree char *stem = falt_store_stem_word (lang, lower);
  g_autoptr(GHashTable) terms = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree const char **sorted = NULL;
  guint n_terms;

  if (!add_terms_with_prefix (db, lang, stem, terms, error) ||
      (!g_str_has_prefix (lower, stem) && !add_terms_with_prefix (db, lang, lower, terms, error)))
    return -1;
  if (g_hash_table_size (terms) == 0 && !add_longest_term_before (db, lang, lower, terms, error))
    return -1;

  /* In order, so the same query always gives the same FTS5 query. */
  sorted = (const char **) g_hash_table_get_keys_as_array (terms, &n_terms);
  qsort (sorted, n_terms, sizeof (char *), compare_strings);
  if (n_terms > 0)
    {
      g_autoptr(GString) synonyms = g_string_new (sorted[0]);

      for (guint i = 0; i < n_terms; i++)
        *docs = MAX (*docs, GPOINTER_TO_INT (g_hash_table_lookup (terms, sorted[i])));
      for (guint i = 1; i < n_terms; i++)
        g_string_append_printf (synonyms, FALT_STORE_VERBATIM_MARKER "%s", sorted[i]);
      append_phrase (match, FALT_STORE_VERBATIM_MARKER, synonyms->str, "");
    }
  return n_terms;
}

/**
 * falt_store_build_match:
 * @db: a connection
 * @lang: the search table's language
 * @user_query: what the user typed
 * @match: (out): the FTS5 query, one phrase per word of @user_query;
 *   %NULL when there is nothing to find
 * @docs: (out): for faltbm25(), the rows containing each phrase of @match,
 *   "n0 n1 …" (a prefix's a lower bound); %NULL with @match
 *
 * Returns: %FALSE on a database error
 */
gboolean
falt_store_build_match (sqlite3     *db,
                        const char  *lang,
                        const char  *user_query,
                        char       **match,
                        char       **docs,
                        GError     **error)
{
  gboolean last_is_prefix;
  g_autoptr(GPtrArray) words = split_words (user_query, &last_is_prefix);
  g_autoptr(GString) query = g_string_new (NULL);
  g_autoptr(GString) counts = g_string_new (NULL);

  *match = NULL;
  *docs = NULL;
  for (guint i = 0; i < words->len; i++)
    {
      const char *word = words->pdata[i];
      gboolean prefix = last_is_prefix && i == words->len - 1;
      int n_terms = -1;
      gint64 n_docs = 0;

      if (i > 0)
        g_string_append (query, " AND ");
      if (prefix && g_utf8_strlen (word, -1) > PREFIX_INDEX_MAX_CHARS)
        {
          g_autoptr(GError) local_error = NULL;

          n_terms = append_expanded_prefix (db, lang, word, query, &n_docs, &local_error);
          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          if (n_terms == 0)
            return TRUE;  /* the word is nowhere: no hits */
        }
      if (n_terms < 0)
        {
          if (!word_docs (db, lang, word, prefix, &n_docs, error))
            return FALSE;
          append_phrase (query, "", word, prefix ? "*" : "");
        }
      g_string_append_printf (counts, "%s%" G_GINT64_FORMAT, i > 0 ? " " : "", n_docs);
    }
  if (words->len == 0)
    return TRUE;
  *match = g_string_free (g_steal_pointer (&query), FALSE);
  *docs = g_string_free (g_steal_pointer (&counts), FALSE);
  return TRUE;
}
