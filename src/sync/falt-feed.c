/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-feed"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "falt-feed.h"

G_DEFINE_QUARK (falt-feed-error-quark, falt_feed_error)

static gboolean
is_hex_lower (const char *text, gsize len)
{
  if (text == NULL || strlen (text) != len)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (text[i]) && !(text[i] >= 'a' && text[i] <= 'f'))
      return FALSE;
  return TRUE;
}

/**
 * falt_feed_is_blob_name:
 * @name: a file name
 *
 * Returns: whether @name is a blob's name: 64 lower-case hex digits (a sha256)
 */
gboolean
falt_feed_is_blob_name (const char *name)
{
  return is_hex_lower (name, 64);
}

/**
 * falt_feed_is_document_id:
 * @id: (nullable): a text
 *
 * Returns: whether @id is a document, section or contact id: `[a-z0-9-]+`
 */
gboolean
falt_feed_is_document_id (const char *id)
{
  if (id == NULL || *id == '\0')
    return FALSE;
  for (const char *p = id; *p != '\0'; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '-')
      return FALSE;
  return TRUE;
}

/**
 * falt_feed_is_date:
 * @text: (nullable): a text
 *
 * Returns: whether @text is a valid calendar date written YYYY-MM-DD
 */
gboolean
falt_feed_is_date (const char *text)
{
  int year, month, day;
  char end;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-'
      || sscanf (text, "%4d-%2d-%2d%c", &year, &month, &day, &end) != 3)
    return FALSE;
  return g_date_valid_dmy (day, month, year);
}

static gboolean
malformed (GError **error, const char *detail)
{
  g_set_error (error, FALT_FEED_ERROR, FALT_FEED_ERROR_MALFORMED,
               _("The feed's manifest is not valid: %s"), detail);
  return FALSE;
}

/* json-glib warns when a getter meets the wrong type: look before reading. */
static const char *
get_string (JsonObject *object, const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
get_int (JsonObject *object, const char *name, gint64 *value)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  *value = json_node_get_int (node);
  return TRUE;
}

static JsonArray *
get_array (JsonObject *object, const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static JsonObject *
get_array_object (JsonArray *array, guint index)
{
  JsonNode *node = json_array_get_element (array, index);

  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static gboolean
validate_dates (JsonObject *manifest, GDateTime *now, GError **error)
{
  const char *created_text = get_string (manifest, "created");
  const char *expires_text = get_string (manifest, "expires");
  g_autoptr (GDateTime) created = NULL;
  g_autoptr (GDateTime) expires = NULL;

  if (created_text == NULL || (created = g_date_time_new_from_iso8601 (created_text, NULL)) == NULL)
    return malformed (error, _("“created” is not an ISO 8601 date and time"));
  if (!json_object_has_member (manifest, "expires")
      || json_node_is_null (json_object_get_member (manifest, "expires")))
    return TRUE;
  if (expires_text == NULL || (expires = g_date_time_new_from_iso8601 (expires_text, NULL)) == NULL)
    return malformed (error, _("“expires” is not an ISO 8601 date and time"));
  if (g_date_time_compare (expires, created) <= 0)
    return malformed (error, _("it expires before it was created"));
  if (now != NULL && g_date_time_compare (now, expires) >= 0)
    {
      g_set_error (error, FALT_FEED_ERROR, FALT_FEED_ERROR_EXPIRED,
                   _("This feed expired on %s: ask for a newer one"), expires_text);
      return FALSE;
    }
  return TRUE;
}

/* Ids of a list of objects; fails on a missing or repeated id. */
static GHashTable *
collect_ids (JsonObject *manifest, const char *member, GError **error)
{
  JsonArray *array = get_array (manifest, member);
  g_autoptr (GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *detail = NULL;

  if (array == NULL)
    detail = g_strdup_printf (_("“%s” is missing or not a list"), member);
  for (guint i = 0; detail == NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *item = get_array_object (array, i);
      const char *id = item != NULL ? get_string (item, "id") : NULL;

      if (id == NULL || !g_hash_table_add (ids, (gpointer) id))
        detail = g_strdup_printf (_("entry %u of “%s” has a missing or repeated id"), i + 1, member);
    }
  if (detail != NULL)
    {
      malformed (error, detail);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

static const char *
media_type_for_kind (const char *kind)
{
  if (g_strcmp0 (kind, "article") == 0)
    return "text/markdown";
  if (g_strcmp0 (kind, "pdf") == 0)
    return "application/pdf";
  return NULL;
}

/* NULL when the translation is sound, else what is wrong with it. */
static char *
check_translation (JsonObject *translation, const char *media_type, GHashTable *langs)
{
  const char *lang = get_string (translation, "lang");
  const char *title = get_string (translation, "title");
  gint64 size = -1;

  if (lang == NULL || strlen (lang) < 2 || strlen (lang) > 3 || !g_hash_table_add (langs, (gpointer) lang))
    return g_strdup (_("a translation has a missing or repeated language"));
  if (title == NULL || *title == '\0')
    return g_strdup_printf (_("the “%s” translation has no title"), lang);
  if (!falt_feed_is_date (get_string (translation, "updated")))
    return g_strdup_printf (_("the “%s” translation has no valid “updated” date"), lang);
  if (!falt_feed_is_blob_name (get_string (translation, "blob")))
    return g_strdup_printf (_("the “%s” translation has no valid blob hash"), lang);
  if (!get_int (translation, "size", &size) || size < 0 || size > FALT_FEED_MAX_BLOB_SIZE)
    return g_strdup_printf (_("the “%s” translation has no valid size"), lang);
  if (g_strcmp0 (get_string (translation, "media_type"), media_type) != 0)
    return g_strdup_printf (_("the “%s” translation has the wrong media type"), lang);
  return NULL;
}

static char *
check_document (JsonObject *document, GHashTable *sections, GHashTable *ids)
{
  const char *id = get_string (document, "id");
  const char *media_type = media_type_for_kind (get_string (document, "kind"));
  const char *section = get_string (document, "section");
  JsonArray *translations = get_array (document, "translations");
  g_autoptr (GHashTable) langs = g_hash_table_new (g_str_hash, g_str_equal);

  if (!falt_feed_is_document_id (id) || !g_hash_table_add (ids, (gpointer) id))
    return g_strdup (_("a document has a missing, invalid or repeated id"));
  if (media_type == NULL)
    return g_strdup_printf (_("document “%s” is of an unknown kind"), id);
  if (!(section != NULL && g_hash_table_contains (sections, section)))
    return g_strdup_printf (_("document “%s” is in an unknown section"), id);
  if (translations == NULL || json_array_get_length (translations) == 0)
    return g_strdup_printf (_("document “%s” has no translations"), id);

  for (guint i = 0; i < json_array_get_length (translations); i++)
    {
      JsonObject *translation = get_array_object (translations, i);
      char *problem = translation != NULL
                        ? check_translation (translation, media_type, langs)
                        : g_strdup (_("a translation is not an object"));

      if (problem != NULL)
        {
          char *detail = g_strdup_printf ("%s: %s", id, problem);

          g_free (problem);
          return detail;
        }
    }
  return NULL;
}

static gboolean
validate_documents (JsonObject *manifest, GHashTable *sections, GError **error)
{
  JsonArray *documents = get_array (manifest, "documents");
  g_autoptr (GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);

  if (documents == NULL)
    return malformed (error, _("“documents” is missing or not a list"));
  for (guint i = 0; i < json_array_get_length (documents); i++)
    {
      JsonObject *document = get_array_object (documents, i);
      g_autofree char *problem = document != NULL
                                   ? check_document (document, sections, ids)
                                   : g_strdup (_("a document is not an object"));

      if (problem != NULL)
        return malformed (error, problem);
    }
  return TRUE;
}

/**
 * falt_feed_validate_manifest:
 * @manifest: a parsed manifest.json
 * @now: (nullable): the time to check the expiry against, %NULL not to check it
 * @error: return location for a #GError
 *
 * Checks the manifest follows data/content/FEED.md: format, version, dates, unique ids,
 * known sections, and each translation's language, title, date, blob hash, size and type.
 */
gboolean
falt_feed_validate_manifest (JsonObject *manifest, GDateTime *now, GError **error)
{
  gint64 format = 0, version = 0;
  g_autoptr (GHashTable) sections = NULL;
  g_autoptr (GHashTable) contacts = NULL;
  g_autoptr (GHashTable) coordinators = NULL;

  if (!get_int (manifest, "format", &format))
    return malformed (error, _("it has no format number"));
  if (format != FALT_FEED_FORMAT)
    return malformed (error, _("it is in a newer format: update Fältstöd to read it"));
  if (!get_int (manifest, "version", &version) || version < 1)
    return malformed (error, _("it has no valid version number"));
  if (!validate_dates (manifest, now, error))
    return FALSE;
  if ((sections = collect_ids (manifest, "sections", error)) == NULL
      || (contacts = collect_ids (manifest, "contacts", error)) == NULL
      || (coordinators = collect_ids (manifest, "coordinators", error)) == NULL)
    return FALSE;
  return validate_documents (manifest, sections, error);
}

/**
 * falt_feed_hash_file:
 * @path: a file
 * @size_out: (out) (optional): its size in bytes
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the file's sha256 in lower-case hex
 */
char *
falt_feed_hash_file (const char *path, goffset *size_out, GError **error)
{
  g_autoptr (GMappedFile) mapped = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  mapped = g_mapped_file_new (path, FALSE, &local_error);
  if (mapped == NULL)
    {
      g_set_error (error, FALT_FEED_ERROR, FALT_FEED_ERROR_IO, _("Could not read %s: %s"), path,
                   local_error->message);
      return NULL;
    }
  g_checksum_update (checksum, (const guchar *) g_mapped_file_get_contents (mapped),
                     g_mapped_file_get_length (mapped));
  if (size_out != NULL)
    *size_out = g_mapped_file_get_length (mapped);
  return g_strdup (g_checksum_get_string (checksum));
}

static gboolean
check_blob (const char *feed_dir, const char *blob, gint64 size, GError **error)
{
  g_autofree char *path = g_build_filename (feed_dir, FALT_FEED_BLOBS, blob, NULL);
  g_autofree char *hash = NULL;
  GStatBuf info;

  if (g_lstat (path, &info) != 0 || !S_ISREG (info.st_mode))
    {
      g_set_error (error, FALT_FEED_ERROR, FALT_FEED_ERROR_TRUNCATED,
                   _("The feed is incomplete: %s/%s is missing"), FALT_FEED_BLOBS, blob);
      return FALSE;
    }
  if (info.st_size != size)
    {
      gboolean shorter = info.st_size < size;

      g_set_error (error, FALT_FEED_ERROR,
                   shorter ? FALT_FEED_ERROR_TRUNCATED : FALT_FEED_ERROR_TAMPERED,
                   shorter ? _("The feed is incomplete: %s/%s is cut short")
                           : _("The feed was changed: %s/%s is larger than signed"),
                   FALT_FEED_BLOBS, blob);
      return FALSE;
    }
  if ((hash = falt_feed_hash_file (path, NULL, error)) == NULL)
    return FALSE;
  if (strcmp (hash, blob) != 0)
    {
      g_set_error (error, FALT_FEED_ERROR, FALT_FEED_ERROR_TAMPERED,
                   _("The feed was changed: %s/%s does not match its hash"), FALT_FEED_BLOBS, blob);
      return FALSE;
    }
  return TRUE;
}

/**
 * falt_feed_check_blobs:
 * @feed_dir: a feed folder
 * @manifest: its validated manifest
 * @error: return location for a #GError
 *
 * Checks every blob the manifest names is there, of the right size and sha256.
 */
gboolean
falt_feed_check_blobs (const char *feed_dir, JsonObject *manifest, GError **error)
{
  JsonArray *documents = get_array (manifest, "documents");

  for (guint i = 0; documents != NULL && i < json_array_get_length (documents); i++)
    {
      JsonArray *translations = get_array (get_array_object (documents, i), "translations");

      for (guint j = 0; j < json_array_get_length (translations); j++)
        {
          JsonObject *translation = get_array_object (translations, j);
          gint64 size = 0;

          get_int (translation, "size", &size);
          if (!check_blob (feed_dir, get_string (translation, "blob"), size, error))
            return FALSE;
        }
    }
  return TRUE;
}

static GBytes *
read_limited_file (const char *path, gsize limit, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  char *contents = NULL;
  gsize length = 0;
  GStatBuf info;

  if (g_stat (path, &info) == 0 && (gsize) info.st_size > limit)
    {
      g_set_error (error, FALT_FEED_ERROR, FALT_FEED_ERROR_MALFORMED,
                   _("%s is too large to be part of a feed"), path);
      return NULL;
    }
  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, FALT_FEED_ERROR,
                   g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT)
                     ? FALT_FEED_ERROR_TRUNCATED
                     : FALT_FEED_ERROR_IO,
                   _("Could not read the feed: %s"), local_error->message);
      return NULL;
    }
  return g_bytes_new_take (contents, length);
}

static gboolean
verify_signature (const char *feed_dir, GBytes *manifest_bytes, FaltMinisignPublicKey *key,
                  GError **error)
{
  g_autofree char *path = g_build_filename (feed_dir, FALT_FEED_SIGNATURE, NULL);
  g_autoptr (GBytes) signature = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *text = NULL;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, FALT_FEED_ERROR, FALT_FEED_ERROR_SIGNATURE,
                   _("The feed is not signed: %s is missing"), FALT_FEED_SIGNATURE);
      return FALSE;
    }
  if ((signature = read_limited_file (path, FALT_FEED_MAX_SIGNATURE_SIZE, error)) == NULL)
    return FALSE;
  text = g_strndup (g_bytes_get_data (signature, NULL), g_bytes_get_size (signature));
  if (!falt_minisign_verify (key, manifest_bytes, text, NULL, &local_error))
    {
      g_set_error (error, FALT_FEED_ERROR, FALT_FEED_ERROR_SIGNATURE,
                   _("The feed's signature is not valid: %s"), local_error->message);
      return FALSE;
    }
  return TRUE;
}

static JsonObject *
parse_manifest (GBytes *bytes, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) local_error = NULL;
  JsonNode *root;

  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                   &local_error))
    {
      malformed (error, local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      malformed (error, _("it is not a JSON object"));
      return NULL;
    }
  return json_object_ref (json_node_get_object (root));
}

/**
 * falt_feed_verify_dir:
 * @feed_dir: a feed folder: manifest.json, manifest.json.minisig, blobs/
 * @key: (nullable): the public key to trust; %NULL only for the feed installed with the app,
 *   which is trusted as part of the installation and carries no signature
 * @manifest_out: (out) (optional) (transfer full): the verified manifest
 * @error: return location for a #GError in %FALT_FEED_ERROR
 *
 * Checks the manifest's signature, the manifest itself, its expiry against the current time,
 * and every blob's presence, size and sha256.
 */
gboolean
falt_feed_verify_dir (const char *feed_dir, FaltMinisignPublicKey *key, JsonObject **manifest_out,
                      GError **error)
{
  g_autofree char *manifest_path = g_build_filename (feed_dir, FALT_FEED_MANIFEST, NULL);
  g_autoptr (GBytes) manifest_bytes = NULL;
  g_autoptr (JsonObject) manifest = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

  g_return_val_if_fail (feed_dir != NULL, FALSE);

  if ((manifest_bytes = read_limited_file (manifest_path, FALT_FEED_MAX_MANIFEST_SIZE, error)) == NULL)
    return FALSE;
  if (key != NULL && !verify_signature (feed_dir, manifest_bytes, key, error))
    return FALSE;
  if ((manifest = parse_manifest (manifest_bytes, error)) == NULL
      || !falt_feed_validate_manifest (manifest, now, error)
      || !falt_feed_check_blobs (feed_dir, manifest, error))
    return FALSE;

  if (manifest_out != NULL)
    *manifest_out = g_steal_pointer (&manifest);
  return TRUE;
}
