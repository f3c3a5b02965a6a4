/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <cairo-pdf.h>
#include <fontconfig/fontconfig.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "falt-test-feed.h"

struct _FaltTestFeed
{
  char       *dir;
  gint64      version;
  JsonArray  *sections;
  JsonArray  *contacts;
  JsonArray  *coordinators;
  JsonArray  *documents;
  GHashTable *documents_by_id;  /* id → JsonObject in documents */
  GHashTable *blobs;            /* "id/lang" → sha256 */
};

FaltTestFeed *
falt_test_feed_new (const char *dir,
                    gint64      version)
{
  FaltTestFeed *feed = g_new0 (FaltTestFeed, 1);
  g_autofree char *blobs = g_build_filename (dir, "blobs", NULL);

  g_assert_cmpint (g_mkdir_with_parents (blobs, 0700), ==, 0);
  feed->dir = g_strdup (dir);
  feed->version = version;
  feed->sections = json_array_new ();
  feed->contacts = json_array_new ();
  feed->coordinators = json_array_new ();
  feed->documents = json_array_new ();
  feed->documents_by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  feed->blobs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return feed;
}

void
falt_test_feed_free (FaltTestFeed *feed)
{
  g_free (feed->dir);
  json_array_unref (feed->sections);
  json_array_unref (feed->contacts);
  json_array_unref (feed->coordinators);
  json_array_unref (feed->documents);
  g_hash_table_unref (feed->documents_by_id);
  g_hash_table_unref (feed->blobs);
  g_free (feed);
}

static JsonObject *
texts_object (const char *sv,
              const char *en)
{
  JsonObject *texts = json_object_new ();

  json_object_set_string_member (texts, "sv", sv);
  if (en != NULL)
    json_object_set_string_member (texts, "en", en);
  return texts;
}

static JsonArray *
strv_array (const char * const *values)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    json_array_add_string_element (array, values[i]);
  return array;
}

void
falt_test_feed_add_section (FaltTestFeed *feed,
                            const char   *id,
                            const char   *title_sv,
                            const char   *title_en)
{
  JsonObject *section = json_object_new ();

  json_object_set_string_member (section, "id", id);
  json_object_set_int_member (section, "order", 10 * (json_array_get_length (feed->sections) + 1));
  json_object_set_string_member (section, "icon", "folder-symbolic");
  json_object_set_object_member (section, "titles", texts_object (title_sv, title_en));
  json_array_add_object_element (feed->sections, section);
}

void
falt_test_feed_add_contact (FaltTestFeed *feed,
                            const char   *id,
                            const char   *number,
                            const char   *name_sv,
                            const char   *name_en)
{
  JsonObject *contact = json_object_new ();

  json_object_set_string_member (contact, "id", id);
  json_object_set_string_member (contact, "number", number);
  json_object_set_object_member (contact, "names", texts_object (name_sv, name_en));
  json_object_set_object_member (contact, "when", texts_object ("När det brådskar.", NULL));
  json_object_set_null_member (contact, "hours");
  json_array_add_object_element (feed->contacts, contact);
}

void
falt_test_feed_add_coordinator (FaltTestFeed       *feed,
                                const char         *id,
                                const char         *region,
                                const char * const *counties,
                                const char * const *municipalities)
{
  JsonObject *coordinator = json_object_new ();

  json_object_set_string_member (coordinator, "id", id);
  json_object_set_string_member (coordinator, "region", region);
  json_object_set_null_member (coordinator, "name");
  json_object_set_string_member (coordinator, "organisation", "Exempel: socialtjänsten");
  json_object_set_array_member (coordinator, "counties", strv_array (counties));
  json_object_set_array_member (coordinator, "municipalities", strv_array (municipalities));
  json_object_set_string_member (coordinator, "target_group", "all");
  json_object_set_string_member (coordinator, "phone", "070-174 06 50");
  json_object_set_string_member (coordinator, "email", "samordnare@example.invalid");
  json_object_set_string_member (coordinator, "hours", "mon-fri 08:00-16:30");
  json_object_set_boolean_member (coordinator, "example", TRUE);
  json_array_add_object_element (feed->coordinators, coordinator);
}

static char *
write_blob (FaltTestFeed *feed,
            GBytes       *bytes)
{
  gsize size;
  const guchar *data = g_bytes_get_data (bytes, &size);
  char *sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, size);
  g_autofree char *path = g_build_filename (feed->dir, "blobs", sha256, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, (const char *) data, size, &error);
  g_assert_no_error (error);
  return sha256;
}

static void
add_translation (FaltTestFeed *feed,
                 const char   *id,
                 const char   *kind,
                 const char   *section,
                 const char   *lang,
                 const char   *title,
                 GBytes       *bytes)
{
  JsonObject *document = g_hash_table_lookup (feed->documents_by_id, id);
  JsonObject *translation = json_object_new ();
  char *sha256 = write_blob (feed, bytes);

  if (document == NULL)
    {
      document = json_object_new ();
      json_object_set_string_member (document, "id", id);
      json_object_set_string_member (document, "kind", kind);
      json_object_set_string_member (document, "section", section);
      json_object_set_array_member (document, "tags", json_array_new ());
      json_object_set_boolean_member (document, "example", FALSE);
      json_object_set_array_member (document, "translations", json_array_new ());
      json_array_add_object_element (feed->documents, document);
      g_hash_table_insert (feed->documents_by_id, g_strdup (id), document);
    }
  json_object_set_string_member (translation, "lang", lang);
  json_object_set_string_member (translation, "title", title);
  json_object_set_string_member (translation, "summary", "");
  json_object_set_string_member (translation, "updated", "2026-10-01");
  json_object_set_string_member (translation, "blob", sha256);
  json_object_set_int_member (translation, "size", g_bytes_get_size (bytes));
  json_object_set_string_member (translation, "media_type",
                                 g_str_equal (kind, "pdf") ? "application/pdf" : "text/markdown");
  json_array_add_object_element (json_object_get_array_member (document, "translations"), translation);
  g_hash_table_insert (feed->blobs, g_strdup_printf ("%s/%s", id, lang), sha256);
}

void
falt_test_feed_add_article (FaltTestFeed *feed,
                            const char   *id,
                            const char   *section,
                            const char   *lang,
                            const char   *title,
                            const char   *markdown)
{
  g_autoptr(GBytes) bytes = g_bytes_new (markdown, strlen (markdown));

  add_translation (feed, id, "article", section, lang, title, bytes);
}

void
falt_test_feed_add_raw_pdf (FaltTestFeed *feed,
                            const char   *id,
                            const char   *section,
                            const char   *lang,
                            const char   *title,
                            GBytes       *bytes)
{
  add_translation (feed, id, "pdf", section, lang, title, bytes);
}

void
falt_test_feed_add_pdf (FaltTestFeed       *feed,
                        const char         *id,
                        const char         *section,
                        const char         *lang,
                        const char         *title,
                        const char * const *pages)
{
  g_autoptr(GBytes) bytes = falt_test_make_pdf (pages);

  add_translation (feed, id, "pdf", section, lang, title, bytes);
}

/* The file of a translation's blob, for tests that damage it. */
char *
falt_test_feed_blob_path (FaltTestFeed *feed,
                          const char   *doc_id,
                          const char   *lang)
{
  g_autofree char *key = g_strdup_printf ("%s/%s", doc_id, lang);
  const char *sha256 = g_hash_table_lookup (feed->blobs, key);

  g_assert_nonnull (sha256);
  return g_build_filename (feed->dir, "blobs", sha256, NULL);
}

void
falt_test_feed_write (FaltTestFeed *feed)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *path = g_build_filename (feed->dir, "manifest.json", NULL);
  g_autoptr(GError) error = NULL;
  JsonObject *manifest = json_object_new ();

  json_object_set_int_member (manifest, "format", 1);
  json_object_set_int_member (manifest, "version", feed->version);
  json_object_set_string_member (manifest, "created", "2026-11-23T10:00:00Z");
  json_object_set_string_member (manifest, "source", "tests");
  json_object_set_array_member (manifest, "sections", json_array_ref (feed->sections));
  json_object_set_array_member (manifest, "contacts", json_array_ref (feed->contacts));
  json_object_set_array_member (manifest, "coordinators", json_array_ref (feed->coordinators));
  json_object_set_array_member (manifest, "documents", json_array_ref (feed->documents));
  json_node_take_object (root, manifest);
  json_generator_set_root (generator, root);
  json_generator_to_file (generator, path, &error);
  g_assert_no_error (error);
}

static cairo_status_t
append_to_byte_array_cb (void                *data,
                         const unsigned char *bytes,
                         unsigned int         length)
{
  g_byte_array_append (data, bytes, length);
  return CAIRO_STATUS_SUCCESS;
}

/* One page per string, the text in lines of about 70 characters. */
GBytes *
falt_test_make_pdf (const char * const *pages)
{
  return falt_test_make_labelled_pdf (pages, NULL);
}

/* The same, each page labelled with the string of @labels at its index
 * (front matter "i", "ii", then "1" …), as a PDF's /PageLabels give. */
GBytes *
falt_test_make_labelled_pdf (const char * const *pages,
                             const char * const *labels)
{
  GByteArray *pdf = g_byte_array_new ();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (append_to_byte_array_cb, pdf, 595, 842);
  cairo_t *cr = cairo_create (surface);

  cairo_select_font_face (cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 10);
  for (guint i = 0; pages[i] != NULL; i++)
    {
      g_auto(GStrv) words = g_strsplit (pages[i], " ", -1);
      g_autoptr(GString) line = g_string_new (NULL);
      double y = 40;

      if (labels != NULL)
        cairo_pdf_surface_set_page_label (surface, labels[i]);
      for (guint w = 0; words[w] != NULL; w++)
        {
          g_string_append_printf (line, "%s%s", line->len > 0 ? " " : "", words[w]);
          if (line->len > 70 || words[w + 1] == NULL)
            {
              cairo_move_to (cr, 40, y);
              cairo_show_text (cr, line->str);
              g_string_truncate (line, 0);
              y += 14;
            }
        }
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (pdf);
}

/* cairo's toy text API loads fontconfig, which keeps its caches for the
 * life of the process; free them so leak checking sees only real leaks. */
void
falt_test_release_fonts (void)
{
  cairo_debug_reset_static_data ();
  FcFini ();
}
