/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-store"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <poppler.h>
#include <string.h>

#include "falt-store-private.h"

/* poppler-glib 22.12 declares no autoptr cleanups. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)

/* Importing a feed folder (manifest.json + blobs/<sha256>, see design.md).
 * The manifest is checked while it is written, inside one transaction: any
 * error rolls everything back, so the store is never half-updated. */

typedef struct
{
  sqlite3    *db;
  const char *feed_dir;
  GHashTable *section_ids;
} Import;

/* "documents[3].translations[0]" + "blob" → "documents[3].translations[0].blob" */
static char *
member_path (const char *path,
             const char *member)
{
  if (*path == '\0' || *member == '\0')
    return g_strconcat (path, member, NULL);
  return g_strconcat (path, ".", member, NULL);
}

static gboolean
manifest_error (GError    **error,
                const char *format_string,
                const char *path,
                const char *member)
{
  g_autofree char *where = member_path (path, member);

  /* The formats below are all literal, translated strings with one %s. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  g_set_error (error, FALT_STORE_ERROR, FALT_STORE_ERROR_INVALID_FEED, format_string, where);
#pragma GCC diagnostic pop
  return FALSE;
}

static gboolean
invalid_value (GError    **error,
               const char *path,
               const char *member,
               const char *value)
{
  g_autofree char *where = member_path (path, member);

  g_set_error (error, FALT_STORE_ERROR, FALT_STORE_ERROR_INVALID_FEED,
               _("manifest.json: “%s” has the value “%s”, which is not allowed there."),
               where, value);
  return FALSE;
}

static gboolean
is_absent (JsonObject *object,
           const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node == NULL || JSON_NODE_HOLDS_NULL (node);
}

static gboolean
read_text (JsonObject  *object,
           const char  *path,
           const char  *member,
           gboolean     required,
           const char **out,
           GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = NULL;
  if (is_absent (object, member) && !required)
    return TRUE;
  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return manifest_error (error, _("manifest.json: “%s” is missing or is not a text."), path, member);
  *out = json_node_get_string (node);
  return TRUE;
}

static gboolean
read_int (JsonObject  *object,
          const char  *path,
          const char  *member,
          gboolean     required,
          gint64      *out,
          GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (is_absent (object, member) && !required)
    return TRUE;
  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64)
    return manifest_error (error, _("manifest.json: “%s” is missing or is not a whole number."),
                           path, member);
  *out = json_node_get_int (node);
  return TRUE;
}

static gboolean
read_bool (JsonObject  *object,
           const char  *path,
           const char  *member,
           gboolean    *out,
           GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = FALSE;
  if (is_absent (object, member))
    return TRUE;
  if (json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return manifest_error (error, _("manifest.json: “%s” is not true or false."), path, member);
  *out = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
read_array (JsonObject  *object,
            const char  *path,
            const char  *member,
            gboolean     required,
            JsonArray  **out,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = NULL;
  if (is_absent (object, member) && !required)
    return TRUE;
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return manifest_error (error, _("manifest.json: “%s” is missing or is not a list."), path, member);
  *out = json_node_get_array (node);
  return TRUE;
}

static gboolean
read_object (JsonObject  *object,
             const char  *path,
             const char  *member,
             gboolean     required,
             JsonObject **out,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = NULL;
  if (is_absent (object, member) && !required)
    return TRUE;
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return manifest_error (error, _("manifest.json: “%s” is missing or is not an object."),
                           path, member);
  *out = json_node_get_object (node);
  return TRUE;
}

/* A list of texts, stored newline-separated (see the schema). */
static gboolean
read_text_list (JsonObject  *object,
                const char  *path,
                const char  *member,
                char       **out,
                GError     **error)
{
  g_autoptr(GString) joined = g_string_new (NULL);
  JsonArray *array;

  if (!read_array (object, path, member, FALSE, &array, error))
    return FALSE;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (json_node_get_value_type (node) != G_TYPE_STRING)
        return manifest_error (error, _("manifest.json: “%s” must be a list of texts."), path, member);
      if (i > 0)
        g_string_append_c (joined, '\n');
      g_string_append (joined, json_node_get_string (node));
    }
  *out = g_string_free (g_steal_pointer (&joined), FALSE);
  return TRUE;
}

static gboolean
is_valid_id (const char *id)
{
  if (*id == '\0')
    return FALSE;
  for (const char *p = id; *p; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '-')
      return FALSE;
  return TRUE;
}

static gboolean
read_id (JsonObject  *object,
         const char  *path,
         const char **out,
         GError     **error)
{
  if (!read_text (object, path, "id", TRUE, out, error))
    return FALSE;
  if (!is_valid_id (*out))
    return invalid_value (error, path, "id", *out);
  return TRUE;
}

static gboolean
is_known_lang (const char *lang)
{
  for (guint i = 0; i < FALT_STORE_N_LANGS; i++)
    if (g_strcmp0 (lang, falt_store_langs[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
step_done (Import        *import,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return falt_store_set_sqlite_error (import->db, rc, error);
}

static void
bind_texts (sqlite3_stmt *stmt,
            guint         n_texts,
            const char  **texts)
{
  for (guint i = 0; i < n_texts; i++)
    sqlite3_bind_text (stmt, i + 1, texts[i], -1, SQLITE_TRANSIENT);
}

/* {"sv": "…", "en": "…"} → one row (owner id, lang, text[, second text]) each */
static gboolean
insert_translated_texts (Import       *import,
                         sqlite3_stmt *stmt,
                         const char   *owner_id,
                         JsonObject   *texts,
                         JsonObject   *second_texts,
                         const char   *path,
                         GError      **error)
{
  g_autoptr(GList) langs = json_object_get_members (texts);

  for (GList *l = langs; l != NULL; l = l->next)
    {
      const char *lang = l->data;
      const char *row[4] = { owner_id, lang, NULL, NULL };

      if (!is_known_lang (lang))
        return invalid_value (error, path, "", lang);
      if (!read_text (texts, path, lang, TRUE, &row[2], error) ||
          (second_texts != NULL && !read_text (second_texts, path, lang, FALSE, &row[3], error)))
        return FALSE;
      bind_texts (stmt, second_texts != NULL ? 4 : 3, row);
      if (!step_done (import, stmt, error))
        return FALSE;
    }
  return TRUE;
}

typedef gboolean (*ImportElementFunc) (Import      *import,
                                       JsonObject  *element,
                                       const char  *path,
                                       guint        position,
                                       GError     **error);

/* Runs func on each object of the manifest's list member, with the path
 * ("documents[3]") errors name. */
static gboolean
import_each (Import             *import,
             JsonObject         *manifest,
             const char         *member,
             ImportElementFunc   func,
             GError            **error)
{
  JsonArray *array;

  if (!read_array (manifest, "", member, TRUE, &array, error))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = g_strdup_printf ("%s[%u]", member, i);
      JsonNode *node = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return manifest_error (error, _("manifest.json: “%s” is missing or is not an object."), path, "");
      if (!func (import, json_node_get_object (node), path, i, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
import_section (Import      *import,
                JsonObject  *section,
                const char  *path,
                guint        position,
                GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) titles_stmt = NULL;
  const char *id, *icon;
  gint64 order = position;
  JsonObject *titles;

  if (!read_id (section, path, &id, error) ||
      !read_text (section, path, "icon", FALSE, &icon, error) ||
      !read_int (section, path, "order", FALSE, &order, error) ||
      !read_object (section, path, "titles", TRUE, &titles, error))
    return FALSE;
  if (!g_hash_table_add (import->section_ids, g_strdup (id)))
    return invalid_value (error, path, "id", id);

  stmt = falt_store_prepare (import->db, "INSERT INTO sections (id, icon, position) VALUES (?1, ?2, ?3)", error);
  titles_stmt = falt_store_prepare (import->db,
                                    "INSERT INTO section_titles (section_id, lang, title) VALUES (?1, ?2, ?3)",
                                    error);
  if (stmt == NULL || titles_stmt == NULL)
    return FALSE;
  bind_texts (stmt, 2, (const char *[]) { id, icon });
  sqlite3_bind_int64 (stmt, 3, order);
  return step_done (import, stmt, error) &&
         insert_translated_texts (import, titles_stmt, id, titles, NULL, path, error);
}

static gboolean
import_contact (Import      *import,
                JsonObject  *contact,
                const char  *path,
                guint        position,
                GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) texts_stmt = NULL;
  const char *id, *number, *hours;
  JsonObject *names, *when;
  gboolean example, hours_example;

  if (!read_id (contact, path, &id, error) ||
      !read_text (contact, path, "number", FALSE, &number, error) ||
      !read_text (contact, path, "hours", FALSE, &hours, error) ||
      !read_bool (contact, path, "example", &example, error) ||
      !read_bool (contact, path, "hours_example", &hours_example, error) ||
      !read_object (contact, path, "names", TRUE, &names, error) ||
      !read_object (contact, path, "when", FALSE, &when, error))
    return FALSE;

  stmt = falt_store_prepare (import->db,
                             "INSERT INTO contacts (id, number, hours, example, position, hours_example) "
                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  texts_stmt = falt_store_prepare (import->db,
                                   "INSERT INTO contact_texts (contact_id, lang, name, when_text) "
                                   "VALUES (?1, ?2, ?3, ?4)", error);
  if (stmt == NULL || texts_stmt == NULL)
    return FALSE;
  bind_texts (stmt, 3, (const char *[]) { id, number, hours });
  sqlite3_bind_int (stmt, 4, example);
  sqlite3_bind_int (stmt, 5, position);
  sqlite3_bind_int (stmt, 6, hours_example);
  if (!step_done (import, stmt, error))
    return FALSE;
  return insert_translated_texts (import, texts_stmt, id, names, when, path, error);
}

static gboolean
import_coordinator (Import      *import,
                    JsonObject  *coordinator,
                    const char  *path,
                    guint        position,
                    GError     **error)
{
  static const char * const text_members[] = {
    "region", "name", "organisation", "target_group", "phone", "email", "hours", "verified",
  };
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *counties = NULL;
  g_autofree char *municipalities = NULL;
  const char *texts[G_N_ELEMENTS (text_members) + 1];
  gboolean example;

  if (!read_id (coordinator, path, &texts[0], error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (text_members); i++)
    if (!read_text (coordinator, path, text_members[i], i == 0, &texts[i + 1], error))
      return FALSE;
  if (texts[4] != NULL && !g_strv_contains ((const char *[]) { "adults", "children", "all", NULL }, texts[4]))
    return invalid_value (error, path, "target_group", texts[4]);
  if (!read_text_list (coordinator, path, "counties", &counties, error) ||
      !read_text_list (coordinator, path, "municipalities", &municipalities, error) ||
      !read_bool (coordinator, path, "example", &example, error))
    return FALSE;

  stmt = falt_store_prepare (import->db,
                             "INSERT INTO coordinators (id, region, name, organisation, target_group, "
                             "phone, email, hours, verified, counties, municipalities, example, position) "
                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)", error);
  if (stmt == NULL)
    return FALSE;
  bind_texts (stmt, G_N_ELEMENTS (texts), texts);
  sqlite3_bind_text (stmt, 10, counties, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 11, municipalities, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 12, example);
  sqlite3_bind_int (stmt, 13, position);
  return step_done (import, stmt, error);
}

/* Text is extracted from each page once, here, so searching never needs
 * poppler. */
static gboolean
insert_pdf_pages (Import      *import,
                  const char  *sha256,
                  GBytes      *bytes,
                  const char  *doc_id,
                  GError     **error)
{
  g_autoptr(GError) pdf_error = NULL;
  g_autoptr(PopplerDocument) document = poppler_document_new_from_bytes (bytes, NULL, &pdf_error);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int n_pages;

  if (document == NULL)
    {
      g_set_error (error, FALT_STORE_ERROR, FALT_STORE_ERROR_INVALID_FEED,
                   _("The feed file blobs/%s (document “%s”) is not a readable PDF: %s"),
                   sha256, doc_id, pdf_error->message);
      return FALSE;
    }
  stmt = falt_store_prepare (import->db, "INSERT INTO pdf_pages (blob, page, text) VALUES (?1, ?2, ?3)", error);
  if (stmt == NULL)
    return FALSE;
  n_pages = poppler_document_get_n_pages (document);
  for (int i = 0; i < n_pages; i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (document, i);
      g_autofree char *text = page != NULL ? poppler_page_get_text (page) : NULL;

      sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 2, i + 1);
      sqlite3_bind_text (stmt, 3, text != NULL ? text : "", -1, SQLITE_STATIC);
      if (!step_done (import, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
blob_is_stored (Import     *import,
                const char *sha256)
{
  g_autoptr(sqlite3_stmt) stmt = falt_store_prepare (import->db, "SELECT 1 FROM blobs WHERE sha256 = ?1", NULL);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_STATIC);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

static gboolean
is_sha256_hex (const char *text)
{
  gsize n = 0;

  for (; text[n] != '\0'; n++)
    if (!g_ascii_isxdigit (text[n]) || g_ascii_isupper (text[n]))
      return FALSE;
  return n == 64;
}

/* Reads blobs/<sha256>, checks it against the manifest's size and hash and
 * stores it (content-addressed: a blob already stored was checked when it
 * came, and its PDF text is already extracted). */
static gboolean
import_blob (Import      *import,
             const char  *sha256,
             gint64       size,
             const char  *kind,
             const char  *doc_id,
             GError     **error)
{
  g_autofree char *file = g_build_filename (import->feed_dir, "blobs", sha256, NULL);
  g_autofree char *contents = NULL;
  g_autofree char *actual = NULL;
  g_autoptr(GError) read_error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gsize length;

  if (blob_is_stored (import, sha256))
    return TRUE;
  if (!g_file_get_contents (file, &contents, &length, &read_error))
    {
      g_set_error (error, FALT_STORE_ERROR, FALT_STORE_ERROR_INVALID_FEED,
                   _("The feed file blobs/%s (document “%s”) could not be read: %s"),
                   sha256, doc_id, read_error->message);
      return FALSE;
    }
  actual = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
  if ((gint64) length != size || strcmp (actual, sha256) != 0)
    {
      g_set_error (error, FALT_STORE_ERROR, FALT_STORE_ERROR_INVALID_FEED,
                   _("The feed file blobs/%s (document “%s”) does not match the size and SHA-256 hash in manifest.json: it is damaged or was changed."),
                   sha256, doc_id);
      return FALSE;
    }
  if (strcmp (kind, "article") == 0 && !g_utf8_validate (contents, length, NULL))
    {
      g_set_error (error, FALT_STORE_ERROR, FALT_STORE_ERROR_INVALID_FEED,
                   _("The feed file blobs/%s (document “%s”) is not UTF-8 text."), sha256, doc_id);
      return FALSE;
    }

  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  stmt = falt_store_prepare (import->db, "INSERT INTO blobs (sha256, data) VALUES (?1, ?2)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_STATIC);
  sqlite3_bind_blob64 (stmt, 2, g_bytes_get_data (bytes, NULL), length, SQLITE_STATIC);
  if (!step_done (import, stmt, error))
    return FALSE;
  return strcmp (kind, "pdf") != 0 || insert_pdf_pages (import, sha256, bytes, doc_id, error);
}

static gboolean
import_translation (Import      *import,
                    JsonObject  *translation,
                    const char  *path,
                    const char  *doc_id,
                    const char  *kind,
                    GError     **error)
{
  const char *expected_type = strcmp (kind, "pdf") == 0 ? "application/pdf" : "text/markdown";
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *row[7] = { doc_id };
  gint64 size = -1;

  if (!read_text (translation, path, "lang", TRUE, &row[1], error) ||
      !read_text (translation, path, "title", TRUE, &row[2], error) ||
      !read_text (translation, path, "summary", FALSE, &row[3], error) ||
      !read_text (translation, path, "updated", FALSE, &row[4], error) ||
      !read_text (translation, path, "blob", TRUE, &row[5], error) ||
      !read_text (translation, path, "media_type", TRUE, &row[6], error) ||
      !read_int (translation, path, "size", TRUE, &size, error))
    return FALSE;
  if (!is_known_lang (row[1]))
    return invalid_value (error, path, "lang", row[1]);
  if (!is_sha256_hex (row[5]))
    return invalid_value (error, path, "blob", row[5]);
  if (strcmp (row[6], expected_type) != 0)
    return invalid_value (error, path, "media_type", row[6]);
  if (!import_blob (import, row[5], size, kind, doc_id, error))
    return FALSE;

  stmt = falt_store_prepare (import->db,
                             "INSERT INTO translations (doc_id, lang, title, summary, updated, blob, media_type) "
                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error);
  if (stmt == NULL)
    return FALSE;
  bind_texts (stmt, G_N_ELEMENTS (row), row);
  if (sqlite3_step (stmt) == SQLITE_CONSTRAINT)
    return invalid_value (error, path, "lang", row[1]);  /* the same language twice */
  return falt_store_set_sqlite_error (import->db, sqlite3_errcode (import->db), error);
}

static gboolean
import_document (Import      *import,
                 JsonObject  *document,
                 const char  *path,
                 guint        position,
                 GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *tags = NULL;
  const char *id, *kind, *section;
  JsonArray *translations;
  gboolean example;

  if (!read_id (document, path, &id, error) ||
      !read_text (document, path, "kind", TRUE, &kind, error) ||
      !read_text (document, path, "section", TRUE, &section, error) ||
      !read_text_list (document, path, "tags", &tags, error) ||
      !read_bool (document, path, "example", &example, error) ||
      !read_array (document, path, "translations", TRUE, &translations, error))
    return FALSE;
  if (strcmp (kind, "article") != 0 && strcmp (kind, "pdf") != 0)
    return invalid_value (error, path, "kind", kind);
  if (!g_hash_table_contains (import->section_ids, section))
    return invalid_value (error, path, "section", section);
  if (json_array_get_length (translations) == 0)
    return manifest_error (error, _("manifest.json: “%s” is missing or is not a list."), path, "translations");

  stmt = falt_store_prepare (import->db,
                             "INSERT INTO documents (id, kind, section_id, tags, example, position) "
                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  if (stmt == NULL)
    return FALSE;
  bind_texts (stmt, 4, (const char *[]) { id, kind, section, tags });
  sqlite3_bind_int (stmt, 5, example);
  sqlite3_bind_int (stmt, 6, position);
  if (sqlite3_step (stmt) == SQLITE_CONSTRAINT)
    return invalid_value (error, path, "id", id);  /* a duplicate id */
  if (!falt_store_set_sqlite_error (import->db, sqlite3_errcode (import->db), error))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (translations); i++)
    {
      g_autofree char *translation_path = g_strdup_printf ("%s.translations[%u]", path, i);
      JsonNode *node = json_array_get_element (translations, i);

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return manifest_error (error, _("manifest.json: “%s” is missing or is not an object."),
                               translation_path, "");
      if (!import_translation (import, json_node_get_object (node), translation_path, id, kind, error))
        return FALSE;
    }
  return TRUE;
}

gint64
falt_store_read_content_version (sqlite3 *db)
{
  g_autoptr(sqlite3_stmt) stmt = falt_store_prepare (db, "SELECT version FROM meta WHERE id = 1", NULL);

  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return 0;
  return sqlite3_column_int64 (stmt, 0);
}

static JsonNode *
load_manifest (const char  *feed_dir,
               GError     **error)
{
  g_autofree char *file = g_build_filename (feed_dir, "manifest.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  if (!json_parser_load_from_mapped_file (parser, file, &local_error))
    {
      g_set_error (error, FALT_STORE_ERROR, FALT_STORE_ERROR_INVALID_FEED,
                   g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT) ||
                   local_error->domain == G_FILE_ERROR
                   ? _("The feed's manifest.json could not be read: %s")
                   : _("The feed's manifest.json is not valid JSON: %s"),
                   local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, FALT_STORE_ERROR, FALT_STORE_ERROR_INVALID_FEED,
                           _("The feed's manifest.json does not hold a JSON object."));
      return NULL;
    }
  return json_node_ref (root);
}

/* Finds "version": N among the manifest's top-level scalars, which come
 * before its first nested object or list. */
static gboolean
read_leading_version (const char *feed_dir,
                      gint64     *version)
{
  g_autofree char *file = g_build_filename (feed_dir, "manifest.json", NULL);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFile) gfile = g_file_new_for_path (file);
  g_autoptr(GRegex) pattern = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *number = NULL;
  char head[1024];
  gssize length;
  const char *nested;

  stream = g_file_read (gfile, NULL, NULL);
  if (stream == NULL)
    return FALSE;
  length = g_input_stream_read (G_INPUT_STREAM (stream), head, sizeof head - 1, NULL, NULL);
  if (length <= 0)
    return FALSE;
  head[length] = '\0';

  /* Only the part before the first nested value is the top level. */
  nested = strpbrk (head + 1, "{[");
  if (head[strspn (head, " \t\r\n")] != '{' || nested == NULL)
    return FALSE;
  head[nested - head] = '\0';

  pattern = g_regex_new ("\"version\"\\s*:\\s*([0-9]{1,15})\\s*[,}]", 0, 0, NULL);
  if (!g_regex_match (pattern, head, 0, &match))
    return FALSE;
  number = g_match_info_fetch (match, 1);
  *version = g_ascii_strtoll (number, NULL, 10);
  return *version > 0;
}

/**
 * falt_store_read_feed_version:
 * @feed_dir: a feed folder
 * @error: return location for an error
 *
 * Reads the version in the feed's manifest.json, without importing or
 * checking the rest of the feed.
 *
 * Returns: the version, or 0 with @error set
 */
gint64
falt_store_read_feed_version (const char  *feed_dir,
                              GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  gint64 version = 0;

  /* Called at every start: the version stands among the manifest's first
   * lines, before any list, so reading those keeps start-up from growing
   * with the content. The full parse is the fallback. */
  if (read_leading_version (feed_dir, &version))
    return version;

  root = load_manifest (feed_dir, error);

  if (root == NULL || !read_int (json_node_get_object (root), "", "version", TRUE, &version, error))
    return 0;
  return version;
}

/* format, version and created: checked before anything is written. */
static gboolean
check_manifest_header (JsonObject  *manifest,
                       gint64       current_version,
                       gboolean     allow_older,
                       gint64      *version,
                       GError     **error)
{
  g_autoptr(GDateTime) created_time = NULL;
  const char *created;
  gint64 format = 0;

  if (!read_int (manifest, "", "format", TRUE, &format, error) ||
      !read_int (manifest, "", "version", TRUE, version, error) ||
      !read_text (manifest, "", "created", TRUE, &created, error))
    return FALSE;
  if (format != 1)
    {
      g_autofree char *value = g_strdup_printf ("%" G_GINT64_FORMAT, format);

      return invalid_value (error, "", "format", value);
    }
  created_time = g_date_time_new_from_iso8601 (created, NULL);
  if (created_time == NULL)
    return invalid_value (error, "", "created", created);
  if (*version <= current_version && !allow_older)
    {
      g_autofree char *new_version = g_strdup_printf ("%" G_GINT64_FORMAT, *version);
      g_autofree char *old_version = g_strdup_printf ("%" G_GINT64_FORMAT, current_version);

      g_set_error (error, FALT_STORE_ERROR, FALT_STORE_ERROR_OLDER_FEED,
                   _("The feed has content version %s, but version %s is already installed: only a newer feed is imported."),
                   new_version, old_version);
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_content (Import      *import,
               JsonObject  *manifest,
               gint64       version,
               GError     **error)
{
  g_autoptr(sqlite3_stmt) meta = NULL;
  const char *source;

  if (!read_text (manifest, "", "source", FALSE, &source, error) ||
      !falt_store_exec (import->db,
                        "DELETE FROM documents; DELETE FROM sections; DELETE FROM contacts;"
                        "DELETE FROM coordinators; DELETE FROM meta;", error) ||
      !import_each (import, manifest, "sections", import_section, error) ||
      !import_each (import, manifest, "contacts", import_contact, error) ||
      !import_each (import, manifest, "coordinators", import_coordinator, error) ||
      !import_each (import, manifest, "documents", import_document, error) ||
      !falt_store_exec (import->db, "DELETE FROM blobs WHERE sha256 NOT IN (SELECT blob FROM translations)", error) ||
      !falt_store_rebuild_search_index (import->db, error))
    return FALSE;

  meta = falt_store_prepare (import->db,
                             "INSERT INTO meta (id, version, created, source) VALUES (1, ?1, ?2, ?3)", error);
  if (meta == NULL)
    return FALSE;
  sqlite3_bind_int64 (meta, 1, version);
  sqlite3_bind_text (meta, 2, json_object_get_string_member (manifest, "created"), -1, SQLITE_STATIC);
  sqlite3_bind_text (meta, 3, source, -1, SQLITE_STATIC);
  return step_done (import, meta, error);
}

/**
 * falt_store_import_feed:
 * @self: a #FaltStore
 * @feed_dir: a feed folder: manifest.json and blobs/
 * @allow_older: whether to import a feed whose version is not newer than
 *   the installed content
 * @error: return location for an error
 *
 * Replaces all content with the feed's, in one transaction: on any error
 * the previous content stays as it was. Each blob's size and SHA-256 hash
 * is checked; PDF text is extracted page by page. User data (bookmarks,
 * recent documents, reading positions) is left alone. Signatures are the
 * caller's to check, before this.
 *
 * Returns: %TRUE on success; else %FALSE with %FALT_STORE_ERROR_INVALID_FEED,
 *   %FALT_STORE_ERROR_OLDER_FEED or a database error
 */
gboolean
falt_store_import_feed (FaltStore   *self,
                        const char  *feed_dir,
                        gboolean     allow_older,
                        GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GHashTable) section_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Import import = { self->db, feed_dir, section_ids };
  gint64 version = 0;

  g_return_val_if_fail (FALT_IS_STORE (self), FALSE);
  g_return_val_if_fail (feed_dir != NULL, FALSE);

  root = load_manifest (feed_dir, error);
  if (root == NULL ||
      !check_manifest_header (json_node_get_object (root), falt_store_get_content_version (self),
                              allow_older, &version, error) ||
      !falt_store_exec (self->db, "BEGIN IMMEDIATE", error))
    return FALSE;

  if (write_content (&import, json_node_get_object (root), version, error) &&
      falt_store_exec (self->db, "COMMIT", error))
    return TRUE;

  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}
