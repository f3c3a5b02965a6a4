/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-store"

#include <glib/gi18n.h>
#include <string.h>

#include "falt-store-private.h"

/* Reading content: sections, documents, blobs, coordinators, contacts.
 * Each picks the translation first in the reader's chain of languages (?1,
 * see falt_store_lang_chain_key()), else Swedish, else any: with the chain
 * uk, en, sv a document missing in Ukrainian shows in English. */

#define PREFERRED_LANG_ORDER FALT_STORE_LANG_CHAIN_ORDER ("?1")

#define DOCUMENT_SELECT \
  "SELECT d.id, d.kind, d.section_id, t.lang, t.title, t.summary, t.updated, d.tags, d.example " \
  "FROM documents d JOIN translations t ON t.doc_id = d.id AND t.lang = " \
  "(SELECT lang FROM translations WHERE doc_id = d.id ORDER BY " PREFERRED_LANG_ORDER " LIMIT 1) "

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

/* Lists are stored newline-separated (see the schema). */
static char **
column_strv (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = column_text (stmt, column);

  if (text == NULL || *text == '\0')
    return g_new0 (char *, 1);
  return g_strsplit (text, "\n", -1);
}

static FaltDocument *
document_from_row (sqlite3_stmt *stmt)
{
  g_auto(GStrv) tags = column_strv (stmt, 7);

  return falt_document_new (column_text (stmt, 0), column_text (stmt, 1), column_text (stmt, 2),
                            column_text (stmt, 3), column_text (stmt, 4), column_text (stmt, 5),
                            column_text (stmt, 6), (const char * const *) tags,
                            sqlite3_column_int (stmt, 8));
}

static sqlite3_stmt *
prepare_with_langs (FaltStore          *self,
                    const char         *sql,
                    const char * const *langs)
{
  sqlite3_stmt *stmt = falt_store_prepare (self->db, sql, NULL);

  if (stmt != NULL)
    sqlite3_bind_text (stmt, 1, falt_store_lang_chain_key (langs), -1, g_free);
  return stmt;
}

/* Also for falt-store-reading.c: ?1 is @langs, ?2 @arg, ?3 @limit. */
GListModel *
falt_store_list_documents_where (FaltStore          *self,
                                 const char         *where_and_order,
                                 const char * const *langs,
                                 const char         *arg,
                                 guint               limit)
{
  g_autofree char *sql = g_strconcat (DOCUMENT_SELECT, where_and_order, NULL);
  g_autoptr(sqlite3_stmt) stmt = prepare_with_langs (self, sql, langs);
  GListStore *store = g_list_store_new (FALT_TYPE_DOCUMENT);

  if (stmt == NULL)
    return G_LIST_MODEL (store);
  sqlite3_bind_text (stmt, 2, arg, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, limit > 0 ? (int) MIN (limit, G_MAXINT) : -1);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(FaltDocument) document = document_from_row (stmt);

      g_list_store_append (store, document);
    }
  return G_LIST_MODEL (store);
}

/**
 * falt_store_list_sections:
 * @self: a #FaltStore
 * @langs: (nullable) (array zero-terminated=1): the languages to show it in, in order of
 *   preference (falt_store_lang_chain_key())
 *
 * Returns: (transfer full): the sections (#FaltSection), in their order
 */
GListModel *
falt_store_list_sections (FaltStore          *self,
                          const char * const *langs)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GListStore *store = g_list_store_new (FALT_TYPE_SECTION);

  g_return_val_if_fail (FALT_IS_STORE (self), G_LIST_MODEL (store));

  stmt = prepare_with_langs (self,
                            "SELECT s.id, (SELECT title FROM section_titles WHERE section_id = s.id "
                            "ORDER BY " PREFERRED_LANG_ORDER " LIMIT 1), s.icon, s.position "
                            "FROM sections s ORDER BY s.position, s.id",
                            langs);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(FaltSection) section = falt_section_new (column_text (stmt, 0), column_text (stmt, 1),
                                                         column_text (stmt, 2),
                                                         sqlite3_column_int (stmt, 3));

      g_list_store_append (store, section);
    }
  return G_LIST_MODEL (store);
}

/**
 * falt_store_list_documents:
 * @self: a #FaltStore
 * @section_id: (nullable): a section id, or %NULL for every document
 * @langs: (nullable) (array zero-terminated=1): the languages to show it in, in order of
 *   preference (falt_store_lang_chain_key())
 *
 * Returns: (transfer full): the documents (#FaltDocument) in feed order
 */
GListModel *
falt_store_list_documents (FaltStore          *self,
                           const char         *section_id,
                           const char * const *langs)
{
  g_return_val_if_fail (FALT_IS_STORE (self), NULL);

  return falt_store_list_documents_where (self,
                               "WHERE ?2 IS NULL OR d.section_id = ?2 "
                               "ORDER BY d.position LIMIT ?3",
                               langs, section_id, 0);
}

/**
 * falt_store_list_recent:
 * @self: a #FaltStore
 * @langs: (nullable) (array zero-terminated=1): the languages to show it in, in order of
 *   preference (falt_store_lang_chain_key())
 * @limit: the most to return, 0 for all
 *
 * Returns: (transfer full): the recently opened documents (#FaltDocument),
 *   newest first; documents no longer in the content are left out
 */
GListModel *
falt_store_list_recent (FaltStore          *self,
                        const char * const *langs,
                        guint               limit)
{
  g_return_val_if_fail (FALT_IS_STORE (self), NULL);

  return falt_store_list_documents_where (self,
                               "JOIN recent r ON r.doc_id = d.id "
                               "WHERE ?2 IS NULL ORDER BY r.opened DESC LIMIT ?3",
                               langs, NULL, limit);
}

static void
set_not_found (GError     **error,
               const char  *id)
{
  g_set_error (error, FALT_STORE_ERROR, FALT_STORE_ERROR_NOT_FOUND,
               _("The document “%s” is not in the content."), id);
}

/**
 * falt_store_get_document:
 * @self: a #FaltStore
 * @id: a document id
 * @langs: (nullable) (array zero-terminated=1): the languages to show it in, in order of
 *   preference (falt_store_lang_chain_key())
 * @error: return location for an error
 *
 * Returns: (transfer full): the document, or %NULL with
 *   %FALT_STORE_ERROR_NOT_FOUND
 */
FaltDocument *
falt_store_get_document (FaltStore          *self,
                         const char         *id,
                         const char * const *langs,
                         GError            **error)
{
  g_autoptr(GListModel) found = NULL;

  g_return_val_if_fail (FALT_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  found = falt_store_list_documents_where (self, "WHERE d.id = ?2 LIMIT ?3", langs, id, 1);
  if (g_list_model_get_n_items (found) == 0)
    {
      set_not_found (error, id);
      return NULL;
    }
  return g_list_model_get_item (found, 0);
}

/* On @db, the UI's connection or a worker's own. */
static GBytes *
get_blob_on (sqlite3     *db,
             const char  *id,
             const char  *kind,
             const char  *lang,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = falt_store_prepare (db,
                             "SELECT b.data FROM translations t "
                             "JOIN documents d ON d.id = t.doc_id "
                             "JOIN blobs b ON b.sha256 = t.blob "
                             "WHERE t.doc_id = ?2 AND d.kind = ?3 "
                             "ORDER BY " PREFERRED_LANG_ORDER " LIMIT 1",
                             error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, falt_store_lang_chain_key ((const char * const[]) { lang, NULL }), -1, g_free);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, kind, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    set_not_found (error, id);
  if (rc != SQLITE_ROW)
    {
      falt_store_set_sqlite_error (db, rc, error);
      return NULL;
    }
  return g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
}

static GBytes *
get_blob (FaltStore   *self,
          const char  *id,
          const char  *kind,
          const char  *lang,
          GError     **error)
{
  return get_blob_on (self->db, id, kind, lang, error);
}

/**
 * falt_store_get_article_markdown:
 * @self: a #FaltStore
 * @id: an article id
 * @lang: (nullable): the language (falt_document_get_lang()); else
 *   Swedish, else any
 * @error: return location for an error
 *
 * Returns: (transfer full): the article's Markdown body, or %NULL with
 *   %FALT_STORE_ERROR_NOT_FOUND
 */
char *
falt_store_get_article_markdown (FaltStore   *self,
                                 const char  *id,
                                 const char  *lang,
                                 GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  gsize size;
  const char *data;

  g_return_val_if_fail (FALT_IS_STORE (self), NULL);

  bytes = get_blob (self, id, "article", lang, error);
  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &size);
  return g_strndup (data, size);
}

/**
 * falt_store_get_pdf:
 * @self: a #FaltStore
 * @id: a PDF document id
 * @lang: (nullable): the language (falt_document_get_lang()); else
 *   Swedish, else any
 * @error: return location for an error
 *
 * Returns: (transfer full): the PDF file's bytes, or %NULL with
 *   %FALT_STORE_ERROR_NOT_FOUND
 */
GBytes *
falt_store_get_pdf (FaltStore   *self,
                    const char  *id,
                    const char  *lang,
                    GError     **error)
{
  g_return_val_if_fail (FALT_IS_STORE (self), NULL);

  return get_blob (self, id, "pdf", lang, error);
}

typedef struct
{
  char *id;
  char *lang;
  char *target;  /* where to connect, as the store was when asked */
  int   flags;
} BlobRequest;

static void
blob_request_free (BlobRequest *request)
{
  g_free (request->id);
  g_free (request->lang);
  g_free (request->target);
  g_free (request);
}

/* On a connection of its own: sqlite connections are not shared across threads. Nothing of
 * the store is read here: the install may swap its database on the main context meanwhile. */
static void
get_pdf_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  BlobRequest *request = task_data;
  sqlite3 *db = NULL;
  GError *error = NULL;
  GBytes *bytes = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;
  if (falt_store_open_connection_to (request->target, request->flags, &db, &error))
    {
      sqlite3_busy_timeout (db, 5000);
      bytes = get_blob_on (db, request->id, "pdf", request->lang, &error);
    }
  sqlite3_close_v2 (db);
  if (bytes == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
}

/**
 * falt_store_get_pdf_async:
 * @self: a #FaltStore
 * @id: a PDF document id
 * @lang: (nullable): as for falt_store_get_pdf()
 * @cancellable: (nullable): a #GCancellable: another document opened first
 * @callback: called with the bytes
 * @user_data: for @callback
 *
 * Like falt_store_get_pdf(), in a worker thread: a brochure is megabytes
 * read from disk, which the main loop does not wait for.
 */
void
falt_store_get_pdf_async (FaltStore           *self,
                          const char          *id,
                          const char          *lang,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  BlobRequest *request;

  g_return_if_fail (FALT_IS_STORE (self));
  g_return_if_fail (id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, falt_store_get_pdf_async);
  request = g_new0 (BlobRequest, 1);
  request->id = g_strdup (id);
  request->lang = g_strdup (lang);
  request->target = falt_store_dup_connection_target (self, &request->flags);
  g_task_set_task_data (task, request, (GDestroyNotify) blob_request_free);
  g_task_run_in_thread (task, get_pdf_thread);
}

/**
 * falt_store_get_pdf_finish:
 * @self: a #FaltStore
 * @result: the result
 * @error: return location for an error
 *
 * Returns: (transfer full): the PDF file's bytes, or %NULL with
 *   %FALT_STORE_ERROR_NOT_FOUND, a database error or %G_IO_ERROR_CANCELLED
 */
GBytes *
falt_store_get_pdf_finish (FaltStore     *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static FaltCoordinator *
coordinator_from_row (sqlite3_stmt *stmt)
{
  g_auto(GStrv) counties = column_strv (stmt, 4);
  g_auto(GStrv) municipalities = column_strv (stmt, 5);

  return falt_coordinator_new (column_text (stmt, 0), column_text (stmt, 1), column_text (stmt, 2),
                               column_text (stmt, 3), (const char * const *) counties,
                               (const char * const *) municipalities, column_text (stmt, 6),
                               column_text (stmt, 7), column_text (stmt, 8), column_text (stmt, 9),
                               column_text (stmt, 10), sqlite3_column_int (stmt, 11));
}

static GPtrArray *
load_coordinators (FaltStore *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GPtrArray *coordinators = g_ptr_array_new_with_free_func (g_object_unref);

  stmt = falt_store_prepare (self->db,
                             "SELECT id, region, name, organisation, counties, municipalities, "
                             "target_group, phone, email, hours, verified, example "
                             "FROM coordinators ORDER BY region, position",
                             NULL);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (coordinators, coordinator_from_row (stmt));
  return coordinators;
}

static GListModel *
list_model_from_array (GType      type,
                       GPtrArray *items)
{
  GListStore *store = g_list_store_new (type);

  g_list_store_splice (store, 0, 0, items->pdata, items->len);
  return G_LIST_MODEL (store);
}

/**
 * falt_store_list_coordinators:
 * @self: a #FaltStore
 *
 * Returns: (transfer full): every coordinator (#FaltCoordinator), by region
 */
GListModel *
falt_store_list_coordinators (FaltStore *self)
{
  g_autoptr(GPtrArray) coordinators = NULL;

  g_return_val_if_fail (FALT_IS_STORE (self), NULL);

  coordinators = load_coordinators (self);
  return list_model_from_array (FALT_TYPE_COORDINATOR, coordinators);
}

static gboolean
strv_has_folded (const char * const *values,
                 const char         *folded_needle,
                 gboolean            whole)
{
  for (guint i = 0; values[i] != NULL; i++)
    {
      g_autofree char *folded = falt_store_fold_diacritics (values[i]);

      if (whole ? strcmp (folded, folded_needle) == 0 : strstr (folded, folded_needle) != NULL)
        return TRUE;
    }
  return FALSE;
}

static gboolean
text_has_folded (const char *value,
                 const char *folded_needle)
{
  g_autofree char *folded = value != NULL ? falt_store_fold_diacritics (value) : NULL;

  return folded != NULL && strstr (folded, folded_needle) != NULL;
}

/* 0: covers the municipality by that exact name; 1: the text is part of a
 * municipality, county, region or organisation; -1: no match. */
static int
coordinator_match_rank (FaltCoordinator *coordinator,
                        const char      *folded_needle)
{
  const char * const *municipalities = falt_coordinator_get_municipalities (coordinator);

  if (strv_has_folded (municipalities, folded_needle, TRUE))
    return 0;
  if (strv_has_folded (municipalities, folded_needle, FALSE) ||
      strv_has_folded (falt_coordinator_get_counties (coordinator), folded_needle, FALSE) ||
      text_has_folded (falt_coordinator_get_region (coordinator), folded_needle) ||
      text_has_folded (falt_coordinator_get_organisation (coordinator), folded_needle) ||
      text_has_folded (falt_coordinator_get_name (coordinator), folded_needle))
    return 1;
  return -1;
}

/**
 * falt_store_find_coordinators:
 * @self: a #FaltStore
 * @municipality_or_text: (nullable): a municipality, county, region or
 *   organisation, whole or in part; å/ä/ö and case do not matter
 *
 * Returns: (transfer full): the matching coordinators (#FaltCoordinator),
 *   those covering a municipality of exactly that name first
 */
GListModel *
falt_store_find_coordinators (FaltStore  *self,
                              const char *municipality_or_text)
{
  g_autoptr(GPtrArray) coordinators = NULL;
  g_autoptr(GPtrArray) exact = g_ptr_array_new ();
  g_autoptr(GPtrArray) partial = g_ptr_array_new ();
  g_autofree char *stripped = g_strstrip (g_strdup (municipality_or_text ? municipality_or_text : ""));
  g_autofree char *needle = falt_store_fold_diacritics (stripped);

  g_return_val_if_fail (FALT_IS_STORE (self), NULL);

  coordinators = load_coordinators (self);
  if (*needle == '\0')
    return list_model_from_array (FALT_TYPE_COORDINATOR, coordinators);

  /* A few dozen rows at most: matching in C keeps the å/ä/ö folding the
   * same as the search index's. */
  for (guint i = 0; i < coordinators->len; i++)
    {
      int rank = coordinator_match_rank (coordinators->pdata[i], needle);

      if (rank >= 0)
        g_ptr_array_add (rank == 0 ? exact : partial, coordinators->pdata[i]);
    }
  g_ptr_array_extend_and_steal (exact, g_steal_pointer (&partial));
  return list_model_from_array (FALT_TYPE_COORDINATOR, exact);
}

/**
 * falt_store_list_contacts:
 * @self: a #FaltStore
 * @langs: (nullable) (array zero-terminated=1): the languages to show it in, in order of
 *   preference (falt_store_lang_chain_key())
 *
 * Returns: (transfer full): the numbers to call (#FaltContact) in feed order
 */
GListModel *
falt_store_list_contacts (FaltStore          *self,
                          const char * const *langs)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GListStore *store = g_list_store_new (FALT_TYPE_CONTACT);

  g_return_val_if_fail (FALT_IS_STORE (self), G_LIST_MODEL (store));

  stmt = prepare_with_langs (self,
                            "SELECT c.id, c.number, t.name, t.when_text, c.hours, c.example, c.hours_example "
                            "FROM contacts c LEFT JOIN contact_texts t ON t.contact_id = c.id "
                            "AND t.lang = (SELECT lang FROM contact_texts WHERE contact_id = c.id "
                            "ORDER BY " PREFERRED_LANG_ORDER " LIMIT 1) "
                            "ORDER BY c.position",
                            langs);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(FaltContact) contact = falt_contact_new (column_text (stmt, 0), column_text (stmt, 1),
                                                         column_text (stmt, 2), column_text (stmt, 3),
                                                         column_text (stmt, 4),
                                                         sqlite3_column_int (stmt, 6),
                                                         sqlite3_column_int (stmt, 5));

      g_list_store_append (store, contact);
    }
  return G_LIST_MODEL (store);
}
