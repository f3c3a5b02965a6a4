/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-publish"

#include <string.h>
#include <glib/gi18n.h>

#include "falt-content-json.h"
#include "falt-content-source.h"
#include "feed/falt-feed.h"

/* The content source folder editors write, as data/content/README.md describes it. */

struct _FaltContentSource
{
  GObject    parent_instance;

  JsonNode  *sections;
  JsonNode  *contacts;
  JsonNode  *coordinators;
  GPtrArray *items;  /* of FaltContentItem, by id then language */
  GPtrArray *files;  /* every file and folder read, for a depfile */
};

G_DEFINE_FINAL_TYPE (FaltContentSource, falt_content_source, G_TYPE_OBJECT)
G_DEFINE_QUARK (falt-publish-error-quark, falt_publish_error)


gboolean
falt_source_error (GError **error, const char *path, guint line, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, FALT_PUBLISH_ERROR, FALT_PUBLISH_ERROR_SOURCE, "%s:%u: %s", path, line, message);
  return FALSE;
}

gboolean
falt_source_is_language (const char *text)
{
  return falt_feed_is_language (text);
}

/**
 * falt_source_split_name:
 * @file_name: a base name like `manual.sv.md`
 * @extension: the expected extension with its dot
 * @id: (out): the id part
 * @lang: (out): the language part
 *
 * Returns: whether the name is `<id>.<lang><extension>` with a valid id and language
 */
gboolean
falt_source_split_name (const char *file_name, const char *extension, char **id, char **lang)
{
  g_autofree char *stem = NULL;
  const char *dot;

  if (!g_str_has_suffix (file_name, extension))
    return FALSE;
  stem = g_strndup (file_name, strlen (file_name) - strlen (extension));
  dot = strrchr (stem, '.');
  if (dot == NULL)
    return FALSE;
  *id = g_strndup (stem, dot - stem);
  *lang = g_strdup (dot + 1);
  return falt_feed_is_document_id (*id) && falt_source_is_language (*lang);
}

void
falt_content_item_free (FaltContentItem *item)
{
  g_free (item->id);
  g_free (item->lang);
  g_free (item->kind);
  g_free (item->section);
  g_free (item->title);
  g_free (item->summary);
  g_free (item->updated);
  g_strfreev (item->tags);
  g_clear_pointer (&item->body, g_bytes_unref);
  g_free (item->path);
  g_free (item);
}

static void
falt_content_source_finalize (GObject *object)
{
  FaltContentSource *self = FALT_CONTENT_SOURCE (object);

  g_clear_pointer (&self->sections, json_node_unref);
  g_clear_pointer (&self->contacts, json_node_unref);
  g_clear_pointer (&self->coordinators, json_node_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->files, g_ptr_array_unref);

  G_OBJECT_CLASS (falt_content_source_parent_class)->finalize (object);
}

static void
falt_content_source_class_init (FaltContentSourceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = falt_content_source_finalize;
}

static void
falt_content_source_init (FaltContentSource *self)
{
  self->items = g_ptr_array_new_with_free_func ((GDestroyNotify) falt_content_item_free);
  self->files = g_ptr_array_new_with_free_func (g_free);
}

typedef gboolean (*CheckListFunc) (FaltSourceJson *json, GError **error);

static JsonNode *
load_list (FaltContentSource *self, const char *dir, const char *name, GHashTable *section_ids,
           CheckListFunc check, GError **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr (FaltSourceJson) json = NULL;

  g_ptr_array_add (self->files, g_strdup (path));
  if ((json = falt_source_json_load (path, error)) == NULL)
    return NULL;
  if (section_ids != NULL ? !falt_content_json_check_sections (json, section_ids, error)
                          : !check (json, error))
    return NULL;
  return json_node_copy (falt_source_json_get_root (json));
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* The visible file names of a folder in name order; a missing folder is an empty one. */
static GPtrArray *
list_folder (FaltContentSource *self, const char *dir)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  if (handle == NULL)
    return names;
  g_ptr_array_add (self->files, g_strdup (dir));
  while ((name = g_dir_read_name (handle)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  return names;
}

static gboolean
load_articles (FaltContentSource *self, const char *source_dir, GHashTable *sections, GError **error)
{
  g_autofree char *dir = g_build_filename (source_dir, "articles", NULL);
  g_autoptr (GPtrArray) names = list_folder (self, dir);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, names->pdata[i], NULL);
      FaltContentItem *item;

      g_ptr_array_add (self->files, g_strdup (path));
      if (!g_str_has_suffix (path, ".md"))
        return falt_source_error (error, path, 1, _("only <id>.<lang>.md articles belong in articles/"));
      if ((item = falt_content_article_load (path, sections, error)) == NULL)
        return FALSE;
      g_ptr_array_add (self->items, item);
    }
  return TRUE;
}

static gboolean
load_pdfs (FaltContentSource *self, const char *source_dir, GHashTable *sections, GError **error)
{
  g_autofree char *dir = g_build_filename (source_dir, "pdfs", NULL);
  g_autoptr (GPtrArray) names = list_folder (self, dir);

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = names->pdata[i];
      g_autofree char *path = g_build_filename (dir, name, NULL);
      gsize extension = g_str_has_suffix (name, ".json") ? 5 : g_str_has_suffix (name, ".pdf") ? 4 : 0;
      g_autofree char *stem = g_strndup (path, strlen (path) - extension);
      g_autofree char *pdf_path = g_strconcat (stem, ".pdf", NULL);
      g_autofree char *metadata_path = g_strconcat (stem, ".json", NULL);
      g_autofree char *id = NULL;
      g_autofree char *lang = NULL;
      FaltContentItem *item;

      g_ptr_array_add (self->files, g_strdup (path));
      if (g_str_has_suffix (name, ".json"))
        {
          if (!g_file_test (pdf_path, G_FILE_TEST_EXISTS))
            return falt_source_error (error, path, 1, _("metadata without its PDF (no %s)"), pdf_path);
          continue;
        }
      if (!falt_source_split_name (name, ".pdf", &id, &lang))
        return falt_source_error (error, path, 1,
                                  _("only <id>.<lang>.pdf files and their <id>.<lang>.json metadata belong in pdfs/"));
      if (!g_file_test (metadata_path, G_FILE_TEST_EXISTS))
        return falt_source_error (error, path, 1, _("a PDF without its metadata (no %s)"), metadata_path);
      if ((item = falt_content_pdf_load (pdf_path, metadata_path, sections, error)) == NULL)
        return FALSE;
      g_ptr_array_add (self->items, item);
    }
  return TRUE;
}

static guint
language_rank (const char *lang)
{
  for (guint i = 0; falt_feed_languages[i] != NULL; i++)
    if (strcmp (falt_feed_languages[i], lang) == 0)
      return i;
  return g_strv_length ((GStrv) falt_feed_languages) + 1;
}

static int
compare_items (gconstpointer a, gconstpointer b)
{
  const FaltContentItem *first = *(const FaltContentItem *const *) a;
  const FaltContentItem *second = *(const FaltContentItem *const *) b;
  int by_id = strcmp (first->id, second->id);

  return by_id != 0 ? by_id : (int) language_rank (first->lang) - (int) language_rank (second->lang);
}

/* The translations of one document must agree on what it is and where it goes. */
static gboolean
check_translations_agree (GPtrArray *items, GError **error)
{
  for (guint i = 1; i < items->len; i++)
    {
      FaltContentItem *previous = items->pdata[i - 1];
      FaltContentItem *item = items->pdata[i];

      if (strcmp (previous->id, item->id) != 0)
        continue;
      if (strcmp (previous->lang, item->lang) == 0 || strcmp (previous->kind, item->kind) != 0)
        return falt_source_error (error, item->path, 1,
                                  _("the id “%s” is also used by %s"), item->id, previous->path);
      if (strcmp (previous->section, item->section) != 0)
        return falt_source_error (error, item->path, item->section_line,
                                  _("section “%s” differs from the “%s” translation’s “%s”"),
                                  item->section, previous->lang, previous->section);
    }
  return TRUE;
}

/**
 * falt_content_source_load:
 * @dir: a content source folder
 * @error: return location for a #GError; %FALT_PUBLISH_ERROR_SOURCE errors read `file:line: …`
 *
 * Reads and checks the whole folder: sections.json, contacts.json, coordinators.json,
 * articles/ and pdfs/.
 *
 * Returns: (transfer full): the content, or %NULL with @error set at the first problem
 */
FaltContentSource *
falt_content_source_load (const char *dir, GError **error)
{
  g_autoptr (FaltContentSource) self = g_object_new (FALT_TYPE_CONTENT_SOURCE, NULL);
  g_autoptr (GHashTable) sections = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, FALT_PUBLISH_ERROR, FALT_PUBLISH_ERROR_IO,
                   _("%s is not a content source folder"), dir);
      return NULL;
    }
  g_ptr_array_add (self->files, g_strdup (dir));
  if ((self->sections = load_list (self, dir, "sections.json", sections, NULL, error)) == NULL
      || (self->contacts = load_list (self, dir, "contacts.json", NULL,
                                      falt_content_json_check_contacts, error)) == NULL
      || (self->coordinators = load_list (self, dir, "coordinators.json", NULL,
                                          falt_content_json_check_coordinators, error)) == NULL
      || !load_articles (self, dir, sections, error) || !load_pdfs (self, dir, sections, error))
    return NULL;

  g_ptr_array_sort (self->items, compare_items);
  if (!check_translations_agree (self->items, error) || !falt_content_check_links (self->items, error))
    return NULL;
  return g_steal_pointer (&self);
}

JsonNode *
falt_content_source_get_sections (FaltContentSource *self)
{
  return self->sections;
}

JsonNode *
falt_content_source_get_contacts (FaltContentSource *self)
{
  return self->contacts;
}

JsonNode *
falt_content_source_get_coordinators (FaltContentSource *self)
{
  return self->coordinators;
}

/**
 * falt_content_source_get_items:
 *
 * Returns: (transfer none) (element-type FaltContentItem): the translations, by id then language
 */
GPtrArray *
falt_content_source_get_items (FaltContentSource *self)
{
  return self->items;
}

/**
 * falt_content_source_get_files:
 *
 * Returns: (transfer none) (element-type utf8): every file and folder read
 */
GPtrArray *
falt_content_source_get_files (FaltContentSource *self)
{
  return self->files;
}
