/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-store"

#include <string.h>

#include "falt-store-search-private.h"

/* The written forms a search matched, for highlighting them in the text
 * a hit opens. Kept apart from the search itself: it reads no database. */

typedef struct
{
  char     *lower;   /* the query word, lowercase */
  char     *folded;  /* … without diacritics */
  char     *stem;
} QueryWord;

static void
query_word_clear (QueryWord *word)
{
  g_free (word->lower);
  g_free (word->folded);
  g_free (word->stem);
}

static GArray *
split_query_words (const char *query,
                   const char *lang)
{
  GArray *words = g_array_new (FALSE, TRUE, sizeof (QueryWord));
  GString *current = g_string_new (NULL);

  g_array_set_clear_func (words, (GDestroyNotify) query_word_clear);
  for (const char *p = query; ; p = g_utf8_next_char (p))
    {
      gunichar c = *p != '\0' ? g_utf8_get_char (p) : 0;

      if (c != 0 && falt_store_append_word_char (current, p))
        continue;
      if (current->len > 0)
        {
          QueryWord word = { g_utf8_strdown (current->str, -1), NULL, NULL };

          word.folded = falt_store_fold_diacritics (word.lower);
          word.stem = falt_store_stem_word (lang, word.lower);
          g_array_append_val (words, word);
          g_string_truncate (current, 0);
        }
      if (c == 0)
        break;
    }
  g_string_free (current, TRUE);
  return words;
}

/* As the search matches: the same stem, or the word begins with what was
 * typed (search as you type, "männ" for "människohandel"). */
static gboolean
word_matches (const char *lang,
              const char *lower,
              GArray     *query_words,
              GHashTable *stems)
{
  g_autofree char *folded = falt_store_fold_diacritics (lower);
  char *stem = g_hash_table_lookup (stems, lower);

  if (stem == NULL)
    {
      stem = falt_store_stem_word (lang, lower);
      g_hash_table_insert (stems, g_strdup (lower), stem);
    }

  for (guint i = 0; i < query_words->len; i++)
    {
      QueryWord *word = &g_array_index (query_words, QueryWord, i);

      /* A prefix of one or two letters would mark half the text. */
      gboolean as_prefix = g_utf8_strlen (word->lower, -1) >= 3;

      if (g_strcmp0 (stem, word->stem) == 0
          || (as_prefix && (g_str_has_prefix (lower, word->lower) || g_str_has_prefix (folded, word->folded))))
        return TRUE;
    }
  return FALSE;
}

/**
 * falt_store_match_written_forms:
 * @self: a #FaltStore
 * @query: what the user searched for
 * @lang: the language of @text (sv, en or uk)
 * @text: the text of the document a hit opened
 *
 * Finds the words of @text that @query matches as the search does, with
 * its stemming ("människohandel" matches "människohandeln").
 *
 * Returns: (transfer full): the distinct matching words of @text,
 *   lowercase, in the order they first occur
 */
GStrv
falt_store_match_written_forms (FaltStore  *self,
                                const char *query,
                                const char *lang,
                                const char *text)
{
  g_autoptr (GArray) query_words = NULL;
  g_autoptr (GHashTable) stems = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GStrvBuilder) forms = g_strv_builder_new ();
  g_autoptr (GString) current = g_string_new (NULL);

  g_return_val_if_fail (FALT_IS_STORE (self), NULL);

  const char *word_start = NULL;

  query_words = split_query_words (query != NULL ? query : "", lang);
  for (const char *p = text != NULL && query_words->len > 0 ? text : ""; ; p = g_utf8_next_char (p))
    {
      gunichar c = *p != '\0' ? g_utf8_get_char (p) : 0;

      if (current->len == 0)
        word_start = p;
      if (c != 0 && falt_store_append_word_char (current, p))
        continue;
      if (current->len > 0)
        {
          /* Matched as the index has it, returned as written ("сім’єю",
           * whose apostrophe the index writes as '). */
          g_autofree char *written = g_utf8_strdown (word_start, p - word_start);

          if (!g_hash_table_contains (seen, written))
            {
              g_autofree char *lower = g_utf8_strdown (current->str, -1);

              if (word_matches (lang, lower, query_words, stems))
                g_strv_builder_add (forms, written);
              g_hash_table_add (seen, g_steal_pointer (&written));
            }
          g_string_truncate (current, 0);
        }
      if (c == 0)
        break;
    }
  return g_strv_builder_end (forms);
}

static GStrv
match_pdf_written_forms_on (FaltStore   *self,
                            sqlite3     *db,
                            const char  *doc_id,
                            const char  *lang,
                            const char  *query,
                            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  int rc;

  stmt = falt_store_prepare (db,
                             "SELECT p.text FROM translations t JOIN pdf_pages p ON p.blob = t.blob "
                             "WHERE t.doc_id = ?1 AND t.lang = ?2 ORDER BY p.page",
                             error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, doc_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, lang, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_string_append (text, (const char *) sqlite3_column_text (stmt, 0));
      g_string_append_c (text, '\n');
    }
  if (!falt_store_set_sqlite_error (db, rc, error))
    return NULL;
  return falt_store_match_written_forms (self, query, lang, text->str);
}

/**
 * falt_store_match_pdf_written_forms:
 * @self: a #FaltStore
 * @doc_id: a PDF document
 * @lang: the language of its translation to look in
 * @query: what the user searched for
 * @error: return location for an error
 *
 * Like falt_store_match_written_forms() over the text of every page of the
 * PDF, as it was extracted at import: the words a find in the PDF should
 * highlight for a search hit ("stödet" finds "stöd", "stöden" …), on the
 * hit's page and the others. About 0.1 ms a page: a long PDF takes longer
 * than a frame, see falt_store_match_pdf_written_forms_async().
 *
 * Returns: (transfer full): the distinct matching words, lowercase, in the
 *   order they first occur (empty for a PDF without them), or %NULL on error
 */
GStrv
falt_store_match_pdf_written_forms (FaltStore   *self,
                                    const char  *doc_id,
                                    const char  *lang,
                                    const char  *query,
                                    GError     **error)
{
  g_return_val_if_fail (FALT_IS_STORE (self), NULL);

  return match_pdf_written_forms_on (self, self->db, doc_id, lang, query, error);
}

typedef struct
{
  char *doc_id;
  char *lang;
  char *query;
} FormsData;

static void
forms_data_free (FormsData *data)
{
  g_free (data->doc_id);
  g_free (data->lang);
  g_free (data->query);
  g_free (data);
}

static gpointer
match_forms_with_data (FaltStore  *self,
                       sqlite3    *db,
                       gpointer    task_data,
                       GError    **error)
{
  FormsData *data = task_data;

  return match_pdf_written_forms_on (self, db, data->doc_id, data->lang, data->query, error);
}

/**
 * falt_store_match_pdf_written_forms_async:
 *
 * Like falt_store_match_pdf_written_forms(), in a worker thread with the
 * search's own read-only connection.
 */
void
falt_store_match_pdf_written_forms_async (FaltStore           *self,
                                          const char          *doc_id,
                                          const char          *lang,
                                          const char          *query,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  FormsData *data;

  g_return_if_fail (FALT_IS_STORE (self));

  data = g_new0 (FormsData, 1);
  data->doc_id = g_strdup (doc_id);
  data->lang = g_strdup (lang);
  data->query = g_strdup (query);
  g_object_unref (falt_store_run_on_search_connection (self, falt_store_match_pdf_written_forms_async,
                                                       match_forms_with_data, data, (GDestroyNotify) forms_data_free,
                                                       (GDestroyNotify) g_strfreev, cancellable, callback, user_data));
}

/**
 * falt_store_match_pdf_written_forms_finish:
 *
 * Returns: (transfer full): the forms, or %NULL on error or cancellation
 */
GStrv
falt_store_match_pdf_written_forms_finish (FaltStore     *self,
                                           GAsyncResult  *result,
                                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
