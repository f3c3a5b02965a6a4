/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-feed"

#include <stdarg.h>
#include <string.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "falt-feed.h"
#include "falt-feed-fields.h"
#include "falt-manifest.h"

/* The one reader of manifest.json (data/content/FEED.md). Publishing checks what it wrote with
 * it before signing, the updater and the bundle reader verify with it, and the store imports
 * the object it returns: nothing else parses a manifest, so all of them accept and refuse
 * exactly the same feeds. */

struct _FaltManifest
{
  GObject    parent_instance;

  GBytes    *bytes;
  gint64     version;
  GDateTime *created;
  char      *created_text;
  GDateTime *expires;
  char      *expires_text;
  char      *source;
  GStrv      mirrors;
  GPtrArray *sections;
  GPtrArray *contacts;
  GPtrArray *coordinators;
  GPtrArray *documents;
  GPtrArray *blobs;
  GHashTable *blobs_by_name;
};

G_DEFINE_FINAL_TYPE (FaltManifest, falt_manifest, G_TYPE_OBJECT)

static void
section_free (FaltManifestSection *section)
{
  g_free (section->id);
  g_free (section->icon);
  g_clear_pointer (&section->titles, g_hash_table_unref);
  g_free (section);
}

static void
contact_free (FaltManifestContact *contact)
{
  g_free (contact->id);
  g_free (contact->number);
  g_free (contact->hours);
  g_clear_pointer (&contact->names, g_hash_table_unref);
  g_clear_pointer (&contact->when, g_hash_table_unref);
  g_free (contact);
}

static void
coordinator_free (FaltManifestCoordinator *coordinator)
{
  char **texts[] = {
    &coordinator->id, &coordinator->region, &coordinator->name, &coordinator->organisation,
    &coordinator->target_group, &coordinator->phone, &coordinator->email, &coordinator->hours,
    &coordinator->verified,
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    g_free (*texts[i]);
  g_strfreev (coordinator->counties);
  g_strfreev (coordinator->municipalities);
  g_free (coordinator);
}

static void
translation_free (FaltManifestTranslation *translation)
{
  g_free (translation->lang);
  g_free (translation->title);
  g_free (translation->summary);
  g_free (translation->updated);
  g_free (translation->blob);
  g_free (translation);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FaltManifestTranslation, translation_free)

static void
document_free (FaltManifestDocument *document)
{
  g_free (document->id);
  g_free (document->section);
  g_strfreev (document->tags);
  g_clear_pointer (&document->translations, g_ptr_array_unref);
  g_free (document);
}

static void
blob_free (FaltManifestBlob *blob)
{
  g_free (blob->sha256);
  g_free (blob);
}

static void
falt_manifest_finalize (GObject *object)
{
  FaltManifest *self = FALT_MANIFEST (object);

  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_pointer (&self->created, g_date_time_unref);
  g_clear_pointer (&self->expires, g_date_time_unref);
  g_free (self->created_text);
  g_free (self->expires_text);
  g_free (self->source);
  g_strfreev (self->mirrors);
  g_clear_pointer (&self->sections, g_ptr_array_unref);
  g_clear_pointer (&self->contacts, g_ptr_array_unref);
  g_clear_pointer (&self->coordinators, g_ptr_array_unref);
  g_clear_pointer (&self->documents, g_ptr_array_unref);
  g_clear_pointer (&self->blobs_by_name, g_hash_table_unref);
  g_clear_pointer (&self->blobs, g_ptr_array_unref);

  G_OBJECT_CLASS (falt_manifest_parent_class)->finalize (object);
}

static void
falt_manifest_class_init (FaltManifestClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = falt_manifest_finalize;
}

static void
falt_manifest_init (FaltManifest *self)
{
  self->sections = g_ptr_array_new_with_free_func ((GDestroyNotify) section_free);
  self->contacts = g_ptr_array_new_with_free_func ((GDestroyNotify) contact_free);
  self->coordinators = g_ptr_array_new_with_free_func ((GDestroyNotify) coordinator_free);
  self->documents = g_ptr_array_new_with_free_func ((GDestroyNotify) document_free);
  self->blobs = g_ptr_array_new_with_free_func ((GDestroyNotify) blob_free);
  self->blobs_by_name = g_hash_table_new (g_str_hash, g_str_equal);
}

static gboolean G_GNUC_PRINTF (2, 3)
malformed (GError **error, const char *format, ...)
{
  g_autofree char *detail = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);
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

static gboolean
get_bool (JsonObject *object, const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node)
         && json_node_get_value_type (node) == G_TYPE_BOOLEAN && json_node_get_boolean (node);
}

static gboolean
is_absent (JsonObject *object, const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node == NULL || JSON_NODE_HOLDS_NULL (node);
}

static JsonArray *
get_array (JsonObject *object, const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static GStrv
get_strv (JsonObject *object, const char *name)
{
  JsonArray *array = get_array (object, name);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    g_strv_builder_add (builder, json_array_get_string_element (array, i));
  return g_strv_builder_end (builder);
}

static GHashTable *
get_translated (JsonObject *object, const char *name)
{
  GHashTable *texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  JsonNode *node = json_object_get_member (object, name);
  g_autoptr (GList) members = NULL;
  JsonObject *texts_object;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return texts;
  texts_object = json_node_get_object (node);
  members = json_object_get_members (texts_object);
  for (GList *l = members; l != NULL; l = l->next)
    g_hash_table_insert (texts, g_strdup (l->data), g_strdup (get_string (texts_object, l->data)));
  return texts;
}

static gboolean
read_dates (FaltManifest *self, JsonObject *root, GError **error)
{
  const char *created = get_string (root, "created");
  const char *expires = get_string (root, "expires");

  if (created == NULL || (self->created = g_date_time_new_from_iso8601 (created, NULL)) == NULL)
    return malformed (error, _("“created” is not an ISO 8601 date and time"));
  self->created_text = g_strdup (created);
  if (is_absent (root, "expires"))
    return TRUE;
  if (expires == NULL || (self->expires = g_date_time_new_from_iso8601 (expires, NULL)) == NULL)
    return malformed (error, _("“expires” is not an ISO 8601 date and time"));
  self->expires_text = g_strdup (expires);
  if (g_date_time_compare (self->expires, self->created) <= 0)
    return malformed (error, _("it expires before it was created"));
  return TRUE;
}

static gboolean
is_mirror_address (const char *text)
{
  return text != NULL && (g_str_has_prefix (text, "https://") || g_str_has_prefix (text, "http://"))
         && g_uri_is_valid (text, G_URI_FLAGS_NONE, NULL);
}

static gboolean
read_header (FaltManifest *self, JsonObject *root, GError **error)
{
  gint64 format = 0;
  JsonNode *source = json_object_get_member (root, "source");
  JsonArray *mirrors = get_array (root, "mirrors");

  if (!get_int (root, "format", &format))
    return malformed (error, _("it has no format number"));
  if (format != FALT_FEED_FORMAT)
    return malformed (error, _("it is in another format (%lld): update Fältstöd to read it"),
                      (long long) format);
  if (!get_int (root, "version", &self->version) || self->version < 1)
    return malformed (error, _("it has no valid version number (a whole number of 1 or more)"));
  if (!read_dates (self, root, error))
    return FALSE;
  if (source != NULL && !JSON_NODE_HOLDS_NULL (source) && get_string (root, "source") == NULL)
    return malformed (error, _("“source” is not a text"));
  self->source = g_strdup (get_string (root, "source"));
  if (!is_absent (root, "mirrors") && mirrors == NULL)
    return malformed (error, _("“mirrors” is not a list"));
  for (guint i = 0; mirrors != NULL && i < json_array_get_length (mirrors); i++)
    {
      JsonNode *node = json_array_get_element (mirrors, i);

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING
          || !is_mirror_address (json_node_get_string (node)))
        return malformed (error, _("mirror %u is not an http or https address"), i + 1);
    }
  self->mirrors = get_strv (root, "mirrors");
  return TRUE;
}

typedef gboolean (*ReadEntryFunc) (FaltManifest *self, JsonObject *entry, const char *where,
                                   GError **error);

/* Checks each object of the list @member against @fields (unique ids), then reads it. */
static gboolean
read_list (FaltManifest *self, JsonObject *root, const char *member, const FaltField *fields,
           ReadEntryFunc read_entry, GError **error)
{
  JsonArray *array = get_array (root, member);
  g_autoptr (GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);

  if (array == NULL)
    return malformed (error, _("“%s” is missing or not a list"), member);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *where = g_strdup_printf ("%s[%u]", member, i);
      const FaltField *bad;
      gboolean missing;
      JsonObject *entry;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return malformed (error, _("%s is not an object"), where);
      entry = json_node_get_object (node);
      if (fields != NULL && (bad = falt_feed_find_bad_field (entry, fields, &missing)) != NULL)
        return missing ? malformed (error, _("“%s.%s” is missing"), where, bad->name)
                       : malformed (error, _("“%s.%s” must be %s"), where, bad->name,
                                    falt_feed_field_describe (bad->type));
      if (fields != NULL && !g_hash_table_add (ids, (gpointer) get_string (entry, "id")))
        return malformed (error, _("“%s.id”: the id “%s” is used twice"), where, get_string (entry, "id"));
      if (!read_entry (self, entry, where, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_section (FaltManifest *self, JsonObject *entry, const char *where, GError **error)
{
  FaltManifestSection *section = g_new0 (FaltManifestSection, 1);

  section->id = g_strdup (get_string (entry, "id"));
  section->icon = g_strdup (get_string (entry, "icon"));
  section->order = self->sections->len;
  get_int (entry, "order", &section->order);
  section->titles = get_translated (entry, "titles");
  g_ptr_array_add (self->sections, section);
  return TRUE;
}

static gboolean
read_contact (FaltManifest *self, JsonObject *entry, const char *where, GError **error)
{
  FaltManifestContact *contact = g_new0 (FaltManifestContact, 1);

  contact->id = g_strdup (get_string (entry, "id"));
  contact->number = g_strdup (get_string (entry, "number"));
  contact->hours = g_strdup (get_string (entry, "hours"));
  contact->hours_example = get_bool (entry, "hours_example");
  contact->example = get_bool (entry, "example");
  contact->names = get_translated (entry, "names");
  contact->when = get_translated (entry, "when");
  g_ptr_array_add (self->contacts, contact);
  return TRUE;
}

static gboolean
read_coordinator (FaltManifest *self, JsonObject *entry, const char *where, GError **error)
{
  FaltManifestCoordinator *coordinator = g_new0 (FaltManifestCoordinator, 1);

  coordinator->id = g_strdup (get_string (entry, "id"));
  coordinator->region = g_strdup (get_string (entry, "region"));
  coordinator->name = g_strdup (get_string (entry, "name"));
  coordinator->organisation = g_strdup (get_string (entry, "organisation"));
  coordinator->target_group = g_strdup (get_string (entry, "target_group"));
  coordinator->phone = g_strdup (get_string (entry, "phone"));
  coordinator->email = g_strdup (get_string (entry, "email"));
  coordinator->hours = g_strdup (get_string (entry, "hours"));
  coordinator->verified = g_strdup (get_string (entry, "verified"));
  coordinator->counties = get_strv (entry, "counties");
  coordinator->municipalities = get_strv (entry, "municipalities");
  coordinator->example = get_bool (entry, "example");
  g_ptr_array_add (self->coordinators, coordinator);
  return TRUE;
}

static gboolean
kind_from_string (const char *text, FaltManifestKind *kind)
{
  if (g_strcmp0 (text, "article") == 0)
    *kind = FALT_MANIFEST_KIND_ARTICLE;
  else if (g_strcmp0 (text, "pdf") == 0)
    *kind = FALT_MANIFEST_KIND_PDF;
  else
    return FALSE;
  return TRUE;
}

/**
 * falt_manifest_kind_to_string:
 * @kind: a kind
 *
 * Returns: "article" or "pdf", as the manifest writes it
 */
const char *
falt_manifest_kind_to_string (FaltManifestKind kind)
{
  return kind == FALT_MANIFEST_KIND_PDF ? "pdf" : "article";
}

static const char *
media_type_for_kind (FaltManifestKind kind)
{
  return kind == FALT_MANIFEST_KIND_PDF ? "application/pdf" : "text/markdown";
}

/* The blob's entry, added the first time a translation names it; one blob has one size. */
static gboolean
note_blob (FaltManifest *self, FaltManifestTranslation *translation, FaltManifestKind kind,
           const char *where, GError **error)
{
  FaltManifestBlob *blob = g_hash_table_lookup (self->blobs_by_name, translation->blob);

  if (blob == NULL)
    {
      blob = g_new0 (FaltManifestBlob, 1);
      blob->sha256 = g_strdup (translation->blob);
      blob->size = translation->size;
      g_ptr_array_add (self->blobs, blob);
      g_hash_table_insert (self->blobs_by_name, blob->sha256, blob);
    }
  else if (blob->size != translation->size)
    return malformed (error, _("“%s.size”: blob %s is given two different sizes"), where, translation->blob);
  blob->kinds |= kind;
  return TRUE;
}

static gboolean
read_translation (FaltManifest *self, FaltManifestDocument *document, JsonObject *entry,
                  const char *where, GHashTable *langs, GError **error)
{
  g_autoptr (FaltManifestTranslation) translation = g_new0 (FaltManifestTranslation, 1);
  const char *lang = get_string (entry, "lang");
  const char *title = get_string (entry, "title");
  JsonNode *summary = json_object_get_member (entry, "summary");

  if (!falt_feed_is_language (lang))
    return malformed (error, _("“%s.lang” must be %s"), where, falt_feed_field_describe (FALT_FIELD_LANG));
  if (!g_hash_table_add (langs, (gpointer) lang))
    return malformed (error, _("“%s.lang”: the language “%s” comes twice"), where, lang);
  if (title == NULL || *title == '\0')
    return malformed (error, _("“%s.title” must be %s"), where, falt_feed_field_describe (FALT_FIELD_TEXT));
  if (summary != NULL && !JSON_NODE_HOLDS_NULL (summary) && get_string (entry, "summary") == NULL)
    return malformed (error, _("“%s.summary” must be %s"), where,
                      falt_feed_field_describe (FALT_FIELD_TEXT_OR_NULL));
  if (!falt_feed_is_blob_name (get_string (entry, "blob")))
    return malformed (error, _("“%s.blob” must be a SHA-256 in lower-case hex"), where);
  if (!get_int (entry, "size", &translation->size) || translation->size < 0
      || translation->size > FALT_FEED_MAX_BLOB_SIZE)
    return malformed (error, _("“%s.size” must be a whole number of bytes within the limit"), where);
  if (g_strcmp0 (get_string (entry, "media_type"), media_type_for_kind (document->kind)) != 0)
    return malformed (error, _("“%s.media_type” must be “%s” for a document of kind “%s”"), where,
                      media_type_for_kind (document->kind), falt_manifest_kind_to_string (document->kind));

  if (!falt_feed_is_date (get_string (entry, "updated")))
    return malformed (error, _("“%s.updated” must be %s"), where, falt_feed_field_describe (FALT_FIELD_DATE));

  translation->lang = g_strdup (lang);
  translation->title = g_strdup (title);
  translation->summary = g_strdup (get_string (entry, "summary"));
  translation->updated = g_strdup (get_string (entry, "updated"));
  translation->blob = g_strdup (get_string (entry, "blob"));
  if (!note_blob (self, translation, document->kind, where, error))
    return FALSE;
  g_ptr_array_add (document->translations, g_steal_pointer (&translation));
  return TRUE;
}

static gboolean
read_document_fields (FaltManifestDocument *document, JsonObject *entry, const char *where,
                      GHashTable *sections, GError **error)
{
  JsonNode *tags = json_object_get_member (entry, "tags");
  JsonNode *example = json_object_get_member (entry, "example");

  document->id = g_strdup (get_string (entry, "id"));
  if (!falt_feed_is_document_id (document->id))
    return malformed (error, _("“%s.id” must be %s"), where, falt_feed_field_describe (FALT_FIELD_ID));
  if (!kind_from_string (get_string (entry, "kind"), &document->kind))
    return malformed (error, _("“%s.kind” must be “article” or “pdf”"), where);
  document->section = g_strdup (get_string (entry, "section"));
  if (document->section == NULL || !g_hash_table_contains (sections, document->section))
    return malformed (error, _("“%s.section” must be the id of one of the manifest’s sections"), where);
  if (tags != NULL && !falt_feed_field_is_valid (tags, FALT_FIELD_TEXTS))
    return malformed (error, _("“%s.tags” must be %s"), where, falt_feed_field_describe (FALT_FIELD_TEXTS));
  if (example != NULL && !falt_feed_field_is_valid (example, FALT_FIELD_BOOL))
    return malformed (error, _("“%s.example” must be %s"), where, falt_feed_field_describe (FALT_FIELD_BOOL));
  document->tags = get_strv (entry, "tags");
  document->example = get_bool (entry, "example");
  return TRUE;
}

static gboolean
read_documents (FaltManifest *self, JsonObject *root, GError **error)
{
  JsonArray *array = get_array (root, "documents");
  g_autoptr (GHashTable) sections = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);

  if (array == NULL)
    return malformed (error, _("“%s” is missing or not a list"), "documents");
  for (guint i = 0; i < self->sections->len; i++)
    g_hash_table_add (sections, ((FaltManifestSection *) self->sections->pdata[i])->id);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *where = g_strdup_printf ("documents[%u]", i);
      FaltManifestDocument *document;
      g_autoptr (GHashTable) langs = g_hash_table_new (g_str_hash, g_str_equal);
      JsonArray *translations;
      JsonObject *entry;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return malformed (error, _("%s is not an object"), where);
      entry = json_node_get_object (node);
      document = g_new0 (FaltManifestDocument, 1);
      document->translations = g_ptr_array_new_with_free_func ((GDestroyNotify) translation_free);
      g_ptr_array_add (self->documents, document);
      if (!read_document_fields (document, entry, where, sections, error))
        return FALSE;
      if (!g_hash_table_add (ids, document->id))
        return malformed (error, _("“%s.id”: the id “%s” is used twice"), where, document->id);
      translations = get_array (entry, "translations");
      if (translations == NULL || json_array_get_length (translations) == 0)
        return malformed (error, _("document “%s” has no translations"), document->id);
      for (guint j = 0; j < json_array_get_length (translations); j++)
        {
          JsonNode *item = json_array_get_element (translations, j);
          g_autofree char *item_where = g_strdup_printf ("%s.translations[%u]", where, j);

          if (!JSON_NODE_HOLDS_OBJECT (item))
            return malformed (error, _("%s is not an object"), item_where);
          if (!read_translation (self, document, json_node_get_object (item), item_where, langs, error))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
read_root (FaltManifest *self, JsonObject *root, GError **error)
{
  return read_header (self, root, error)
         && read_list (self, root, "sections", falt_feed_section_fields, read_section, error)
         && read_list (self, root, "contacts", falt_feed_contact_fields, read_contact, error)
         && read_list (self, root, "coordinators", falt_feed_coordinator_fields, read_coordinator, error)
         && read_documents (self, root, error);
}

/**
 * falt_manifest_new_from_bytes:
 * @bytes: the exact bytes of a manifest.json
 * @error: return location for a #GError in %FALT_FEED_ERROR
 *
 * Parses and validates a manifest against data/content/FEED.md: size and nesting limits, format,
 * version, dates, mirrors, every section, contact and coordinator against the same field tables
 * publishing uses, and every document and translation. It does not check a signature, the
 * expiry (falt_manifest_check_expiry()) or the blobs (falt_feed_check_blob()).
 *
 * Returns: (transfer full): the manifest, or %NULL with %FALT_FEED_ERROR_MALFORMED
 */
FaltManifest *
falt_manifest_new_from_bytes (GBytes *bytes, GError **error)
{
  g_autoptr (FaltManifest) self = NULL;
  g_autoptr (JsonParser) parser = NULL;
  g_autoptr (GError) local_error = NULL;
  gsize length = 0;
  const char *data;
  JsonNode *root;

  g_return_val_if_fail (bytes != NULL, NULL);

  /* Empty bytes may have no data pointer at all, which memchr() and the parser must not see. */
  if ((data = g_bytes_get_data (bytes, &length)) == NULL)
    data = "";
  if (length > FALT_FEED_MAX_MANIFEST_SIZE)
    {
      malformed (error, _("it is larger than %d MiB"), FALT_FEED_MAX_MANIFEST_SIZE / (1024 * 1024));
      return NULL;
    }
  if (!g_utf8_validate_len (data, length, NULL) || memchr (data, '\0', length) != NULL)
    {
      malformed (error, _("it is not UTF-8 text"));
      return NULL;
    }
  if (!falt_feed_json_depth_ok (data, length, FALT_FEED_MAX_JSON_DEPTH))
    {
      malformed (error, _("it nests deeper than %d levels"), FALT_FEED_MAX_JSON_DEPTH);
      return NULL;
    }
  if (falt_feed_json_bad_escape_at (data, length) >= 0)
    {
      malformed (error, _("it holds a \\u escape that is no character (\\u0000 or half a surrogate pair)"));
      return NULL;
    }
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      malformed (error, _("it is not valid JSON (%s)"), local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      malformed (error, _("it is not a JSON object"));
      return NULL;
    }
  self = g_object_new (FALT_TYPE_MANIFEST, NULL);
  self->bytes = g_bytes_ref (bytes);
  if (!read_root (self, json_node_get_object (root), error))
    return NULL;
  if (falt_manifest_get_total_size (self) > FALT_FEED_MAX_BUNDLE_SIZE)
    {
      malformed (error, _("its files add up to more than the limit of %d GiB"),
                 (int) (FALT_FEED_MAX_BUNDLE_SIZE / (1024 * 1024 * 1024)));
      return NULL;
    }
  return g_steal_pointer (&self);
}

/**
 * falt_manifest_check_expiry:
 * @self: a #FaltManifest
 * @now: the time to check against
 * @error: return location for a #GError
 *
 * Returns: %FALSE with %FALT_FEED_ERROR_EXPIRED when the manifest expired before @now
 */
gboolean
falt_manifest_check_expiry (FaltManifest *self, GDateTime *now, GError **error)
{
  g_return_val_if_fail (FALT_IS_MANIFEST (self), FALSE);

  if (self->expires != NULL && g_date_time_compare (now, self->expires) >= 0)
    {
      g_set_error (error, FALT_FEED_ERROR, FALT_FEED_ERROR_EXPIRED,
                   _("This feed (version %lld) expired on %s: its publisher must publish a newer one"),
                   (long long) self->version, self->expires_text);
      return FALSE;
    }
  return TRUE;
}

/**
 * falt_manifest_get_bytes:
 * @self: a #FaltManifest
 *
 * Returns: (transfer none): the exact bytes it was read from (what the signature covers)
 */
GBytes *
falt_manifest_get_bytes (FaltManifest *self)
{
  return self->bytes;
}

gint64
falt_manifest_get_version (FaltManifest *self)
{
  return self->version;
}

GDateTime *
falt_manifest_get_created (FaltManifest *self)
{
  return self->created;
}

const char *
falt_manifest_get_created_text (FaltManifest *self)
{
  return self->created_text;
}

/**
 * falt_manifest_get_expires:
 * @self: a #FaltManifest
 *
 * Returns: (nullable) (transfer none): when it expires, %NULL for never
 */
GDateTime *
falt_manifest_get_expires (FaltManifest *self)
{
  return self->expires;
}

const char *
falt_manifest_get_source (FaltManifest *self)
{
  return self->source;
}

const char * const *
falt_manifest_get_mirrors (FaltManifest *self)
{
  return (const char * const *) self->mirrors;
}

/** falt_manifest_get_sections: Returns: (transfer none) (element-type FaltManifestSection) */
GPtrArray *
falt_manifest_get_sections (FaltManifest *self)
{
  return self->sections;
}

/** falt_manifest_get_contacts: Returns: (transfer none) (element-type FaltManifestContact) */
GPtrArray *
falt_manifest_get_contacts (FaltManifest *self)
{
  return self->contacts;
}

/** falt_manifest_get_coordinators: Returns: (transfer none) (element-type FaltManifestCoordinator) */
GPtrArray *
falt_manifest_get_coordinators (FaltManifest *self)
{
  return self->coordinators;
}

/** falt_manifest_get_documents: Returns: (transfer none) (element-type FaltManifestDocument) */
GPtrArray *
falt_manifest_get_documents (FaltManifest *self)
{
  return self->documents;
}

/** falt_manifest_get_blobs: Returns: (transfer none) (element-type FaltManifestBlob): each blob once */
GPtrArray *
falt_manifest_get_blobs (FaltManifest *self)
{
  return self->blobs;
}

/** falt_manifest_lookup_blob: Returns: (nullable) (transfer none): the blob of that name */
FaltManifestBlob *
falt_manifest_lookup_blob (FaltManifest *self, const char *sha256)
{
  return g_hash_table_lookup (self->blobs_by_name, sha256);
}

/**
 * falt_manifest_get_total_size:
 * @self: a #FaltManifest
 *
 * Returns: the size of all its blobs, each counted once
 */
gint64
falt_manifest_get_total_size (FaltManifest *self)
{
  gint64 total = 0;

  for (guint i = 0; i < self->blobs->len; i++)
    total += ((FaltManifestBlob *) self->blobs->pdata[i])->size;
  return total;
}
