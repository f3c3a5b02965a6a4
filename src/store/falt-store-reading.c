/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-store"

#include "falt-store-private.h"

/* What the reader keeps while reading: the bookmarks list and which
 * languages a document can be shown in. */

/**
 * falt_store_list_bookmarks:
 * @self: a #FaltStore
 * @langs: (nullable) (array zero-terminated=1): the languages to show them
 *   in, in order of preference
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the bookmarked documents
 *   (#FaltDocument), newest bookmark first (documents no longer in the
 *   content are left out), or %NULL with @error set
 */
GListModel *
falt_store_list_bookmarks (FaltStore          *self,
                           const char * const *langs,
                           GError            **error)
{
  g_autoptr (sqlite3_stmt) check = NULL;

  g_return_val_if_fail (FALT_IS_STORE (self), NULL);

  /* The list query says nothing of failure: ask the table first. */
  check = falt_store_prepare (self->db, "SELECT count(*) FROM bookmarks", error);
  if (check == NULL || !falt_store_set_sqlite_error (self->db, sqlite3_step (check), error))
    return NULL;

  return falt_store_list_documents_where (self,
                                          "JOIN bookmarks b ON b.doc_id = d.id "
                                          "WHERE ?2 IS NULL ORDER BY b.created DESC, b.rowid DESC LIMIT ?3",
                                          langs, NULL, 0);
}

/**
 * falt_store_get_document_languages:
 * @self: a #FaltStore
 * @doc_id: a document id
 *
 * Returns: (transfer full): the languages @doc_id is written in, in the
 *   content's order of languages (Swedish first); empty if there is no such
 *   document
 */
GStrv
falt_store_get_document_languages (FaltStore  *self,
                                   const char *doc_id)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GHashTable) found = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray) langs = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (FALT_IS_STORE (self), NULL);

  stmt = falt_store_prepare (self->db, "SELECT lang FROM translations WHERE doc_id = ?1", NULL);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, doc_id, -1, SQLITE_TRANSIENT);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          char *lang = g_strdup ((const char *) sqlite3_column_text (stmt, 0));

          g_ptr_array_add (langs, lang);
          g_hash_table_add (found, lang);
        }
    }

  for (guint i = 0; i < FALT_STORE_N_LANGS; i++)
    if (g_hash_table_contains (found, falt_store_langs[i]))
      g_strv_builder_add (builder, falt_store_langs[i]);
  return g_strv_builder_end (builder);
}

/**
 * falt_store_get_content_languages:
 *
 * Returns: (transfer none) (array zero-terminated=1): the languages content
 *   comes in (sv, en, uk), Swedish first: the one list of them
 */
const char * const *
falt_store_get_content_languages (void)
{
  static const char **langs;

  if (g_once_init_enter (&langs))
    {
      const char **list = g_new0 (const char *, FALT_STORE_N_LANGS + 1);

      for (guint i = 0; i < FALT_STORE_N_LANGS; i++)
        list[i] = falt_store_langs[i];
      g_once_init_leave (&langs, list);
    }
  return langs;
}
