/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-publish"

#include <errno.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "falt-feed-writer.h"
#include "feed/falt-feed.h"
#include "feed/falt-sha256.h"

/* Writes the feed data/content/FEED.md describes. The same source, version and creation
 * time always give byte-identical manifests: members in a fixed order, documents by id,
 * translations by language. */

static char *
format_time (GDateTime *time)
{
  g_autoptr (GDateTime) utc = g_date_time_to_utc (time);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

static char *
hash_bytes (GBytes *bytes)
{
  return falt_sha256_hex_for_bytes (bytes);
}

static void
add_translation (JsonBuilder *builder, FaltContentItem *item)
{
  g_autofree char *blob = hash_bytes (item->body);
  gboolean is_pdf = strcmp (item->kind, "pdf") == 0;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "lang");
  json_builder_add_string_value (builder, item->lang);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, item->title);
  if (item->summary != NULL && *item->summary != '\0')
    {
      json_builder_set_member_name (builder, "summary");
      json_builder_add_string_value (builder, item->summary);
    }
  json_builder_set_member_name (builder, "updated");
  json_builder_add_string_value (builder, item->updated);
  json_builder_set_member_name (builder, "blob");
  json_builder_add_string_value (builder, blob);
  json_builder_set_member_name (builder, "size");
  json_builder_add_int_value (builder, g_bytes_get_size (item->body));
  json_builder_set_member_name (builder, "media_type");
  json_builder_add_string_value (builder, is_pdf ? "application/pdf" : "text/markdown");
  json_builder_end_object (builder);
}

/* Tags of all translations, each once, in the order they first appear. */
static void
add_document_tags (JsonBuilder *builder, GPtrArray *items, guint first, guint end)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  json_builder_set_member_name (builder, "tags");
  json_builder_begin_array (builder);
  for (guint i = first; i < end; i++)
    {
      FaltContentItem *item = items->pdata[i];

      for (guint t = 0; item->tags[t] != NULL; t++)
        if (g_hash_table_add (seen, item->tags[t]))
          json_builder_add_string_value (builder, item->tags[t]);
    }
  json_builder_end_array (builder);
}

/* Adds the document made of items[first] and the translations after it; returns the end. */
static guint
add_document (JsonBuilder *builder, GPtrArray *items, guint first)
{
  FaltContentItem *head = items->pdata[first];
  gboolean example = FALSE;
  guint end = first;

  while (end < items->len && strcmp (((FaltContentItem *) items->pdata[end])->id, head->id) == 0)
    example |= ((FaltContentItem *) items->pdata[end++])->example;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, head->id);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, head->kind);
  json_builder_set_member_name (builder, "section");
  json_builder_add_string_value (builder, head->section);
  add_document_tags (builder, items, first, end);
  json_builder_set_member_name (builder, "example");
  json_builder_add_boolean_value (builder, example);
  json_builder_set_member_name (builder, "translations");
  json_builder_begin_array (builder);
  for (guint i = first; i < end; i++)
    add_translation (builder, items->pdata[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return end;
}

static void
add_copy (JsonBuilder *builder, const char *name, JsonNode *node)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_value (builder, json_node_copy (node));
}

/**
 * falt_feed_writer_build_manifest:
 * @source: the loaded content source
 * @options: what goes around the content
 *
 * Returns: (transfer full): the manifest as a JSON object node
 */
JsonNode *
falt_feed_writer_build_manifest (FaltContentSource *source, const FaltFeedBuildOptions *options)
{
  g_autoptr (JsonBuilder) builder = json_builder_new_immutable ();
  g_autofree char *created = format_time (options->created);
  GPtrArray *items = falt_content_source_get_items (source);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_int_value (builder, FALT_FEED_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, options->version);
  json_builder_set_member_name (builder, "created");
  json_builder_add_string_value (builder, created);
  if (options->expires_days > 0)
    {
      g_autoptr (GDateTime) expires_time = g_date_time_add_days (options->created, options->expires_days);
      g_autofree char *expires = format_time (expires_time);

      json_builder_set_member_name (builder, "expires");
      json_builder_add_string_value (builder, expires);
    }
  json_builder_set_member_name (builder, "source");
  json_builder_add_string_value (builder, options->source_label != NULL ? options->source_label : "");
  if (options->mirrors != NULL && options->mirrors[0] != NULL)
    {
      json_builder_set_member_name (builder, "mirrors");
      json_builder_begin_array (builder);
      for (guint i = 0; options->mirrors[i] != NULL; i++)
        json_builder_add_string_value (builder, options->mirrors[i]);
      json_builder_end_array (builder);
    }
  add_copy (builder, "sections", falt_content_source_get_sections (source));
  add_copy (builder, "contacts", falt_content_source_get_contacts (source));
  add_copy (builder, "coordinators", falt_content_source_get_coordinators (source));
  json_builder_set_member_name (builder, "documents");
  json_builder_begin_array (builder);
  for (guint i = 0; i < items->len;)
    i = add_document (builder, items, i);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static gboolean
io_error (GError **error, GError *cause)
{
  g_set_error (error, FALT_PUBLISH_ERROR, FALT_PUBLISH_ERROR_IO, "%s", cause->message);
  return FALSE;
}

static gboolean
write_bytes_if_changed (const char *path, GBytes *bytes, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autofree char *old = NULL;
  gsize old_length = 0;
  gsize length = 0;
  const char *data = g_bytes_get_data (bytes, &length);

  /* Unchanged files keep their time stamps, so rebuilds stay quiet. */
  if (g_file_get_contents (path, &old, &old_length, NULL) && old_length == length
      && memcmp (old, data, length) == 0)
    return TRUE;
  if (!g_file_set_contents (path, data, length, &local_error))
    return io_error (error, local_error);
  return TRUE;
}

static gboolean
make_folder (const char *path, GError **error)
{
  if (g_mkdir_with_parents (path, 0755) != 0)
    {
      int saved = errno;

      g_set_error (error, FALT_PUBLISH_ERROR, FALT_PUBLISH_ERROR_IO, _("Could not create %s: %s"),
                   path, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

/* Writes each blob under its sha256 and removes blobs of earlier builds. */
static gboolean
write_blobs (FaltContentSource *source, const char *blobs_dir, GError **error)
{
  GPtrArray *items = falt_content_source_get_items (source);
  g_autoptr (GHashTable) wanted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GDir) dir = NULL;
  const char *name;

  if (!make_folder (blobs_dir, error))
    return FALSE;
  for (guint i = 0; i < items->len; i++)
    {
      FaltContentItem *item = items->pdata[i];
      char *blob = hash_bytes (item->body);
      g_autofree char *path = g_build_filename (blobs_dir, blob, NULL);

      g_hash_table_add (wanted, blob);
      if (!write_bytes_if_changed (path, item->body, error))
        return FALSE;
    }
  dir = g_dir_open (blobs_dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (falt_feed_is_blob_name (name) && !g_hash_table_contains (wanted, name))
      {
        g_autofree char *path = g_build_filename (blobs_dir, name, NULL);

        g_unlink (path);
      }
  return TRUE;
}

static GBytes *
serialize_manifest (JsonNode *manifest)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;
  gsize length = 0;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, manifest);
  text = json_generator_to_data (generator, &length);
  return g_bytes_new_take (g_strconcat (text, "\n", NULL), length + 1);
}

static gboolean
write_signature (const FaltFeedBuildOptions *options, GBytes *manifest, const char *path,
                 GError **error)
{
  g_autofree char *default_comment = NULL;
  g_autofree char *created = NULL;
  g_autofree char *signature = NULL;
  g_autoptr (GBytes) bytes = NULL;
  gsize length;

  if (options->key == NULL)
    {
      /* A signature left from an earlier signed build would not match. */
      g_unlink (path);
      return TRUE;
    }
  created = format_time (options->created);
  default_comment = g_strdup_printf ("faltstod feed version %" G_GINT64_FORMAT " created %s",
                                     options->version, created);
  signature = falt_minisign_sign (options->key, manifest,
                                  options->trusted_comment != NULL ? options->trusted_comment
                                                                   : default_comment,
                                  error);
  if (signature == NULL)
    return FALSE;
  /* The length first: arguments are evaluated in no set order (clang steals before strlen). */
  length = strlen (signature);
  bytes = g_bytes_new_take (g_steal_pointer (&signature), length);
  return write_bytes_if_changed (path, bytes, error);
}

/* Reads what was written through the app's own validator and checks every blob as the import
 * will: nothing is signed that an installation would refuse (limits included). */
static gboolean
check_as_the_app_does (FaltContentSource *source, GBytes *manifest_bytes, GError **error)
{
  GPtrArray *items = falt_content_source_get_items (source);
  g_autoptr (FaltManifest) manifest = falt_manifest_new_from_bytes (manifest_bytes, error);
  g_autoptr (GError) local_error = NULL;

  if (manifest == NULL)
    return FALSE;
  for (guint i = 0; i < items->len; i++)
    {
      FaltContentItem *item = items->pdata[i];
      g_autofree char *blob = hash_bytes (item->body);

      if (!falt_feed_check_blob (falt_manifest_lookup_blob (manifest, blob), item->body, &local_error))
        {
          g_set_error (error, FALT_PUBLISH_ERROR, FALT_PUBLISH_ERROR_SOURCE, "%s:1: %s", item->path,
                       local_error->message);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * falt_feed_writer_write:
 * @source: the loaded content source
 * @options: version, dates, mirrors and the signing key
 * @out_dir: the feed folder to write (created if needed)
 * @error: return location for a #GError
 *
 * Writes OUT/blobs/<sha256>, OUT/manifest.json and, with a key, OUT/manifest.json.minisig.
 */
gboolean
falt_feed_writer_write (FaltContentSource *source, const FaltFeedBuildOptions *options,
                        const char *out_dir, GError **error)
{
  g_autofree char *blobs_dir = g_build_filename (out_dir, FALT_FEED_BLOBS, NULL);
  g_autofree char *manifest_path = g_build_filename (out_dir, FALT_FEED_MANIFEST, NULL);
  g_autofree char *signature_path = g_build_filename (out_dir, FALT_FEED_SIGNATURE, NULL);
  g_autoptr (JsonNode) manifest = falt_feed_writer_build_manifest (source, options);
  g_autoptr (GBytes) manifest_bytes = serialize_manifest (manifest);

  return check_as_the_app_does (source, manifest_bytes, error)
         && make_folder (out_dir, error) && write_blobs (source, blobs_dir, error)
         && write_bytes_if_changed (manifest_path, manifest_bytes, error)
         && write_signature (options, manifest_bytes, signature_path, error);
}

static void
append_escaped (GString *out, const char *path)
{
  for (const char *p = path; *p != '\0'; p++)
    {
      if (*p == ' ' || *p == '#' || *p == '\\')
        g_string_append_c (out, '\\');
      else if (*p == '$')
        g_string_append_c (out, '$');
      g_string_append_c (out, *p);
    }
}

/**
 * falt_feed_writer_write_depfile:
 * @source: the loaded content source
 * @target: the build target to name (the feed folder as the build system knows it)
 * @depfile: the Makefile-style dependency file to write
 * @error: return location for a #GError
 *
 * Lets meson and ninja rebuild the feed when any content file, or a content folder, changes.
 */
gboolean
falt_feed_writer_write_depfile (FaltContentSource *source, const char *target, const char *depfile,
                                GError **error)
{
  GPtrArray *files = falt_content_source_get_files (source);
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (GError) local_error = NULL;

  append_escaped (text, target);
  g_string_append_c (text, ':');
  for (guint i = 0; i < files->len; i++)
    {
      g_string_append (text, " \\\n  ");
      append_escaped (text, files->pdata[i]);
    }
  g_string_append_c (text, '\n');
  if (!g_file_set_contents (depfile, text->str, text->len, &local_error))
    return io_error (error, local_error);
  return TRUE;
}
