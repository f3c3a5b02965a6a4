/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "fuzz-content-article"

#include <glib/gstdio.h>

#include "falt-fuzz.h"
#include "publish/falt-content-source.h"

/* An article of the content source (front matter and Markdown), read as `faltstod-publish build`
 * reads articles/<id>.<lang>.md. The file is named after the input's own `id:` and `lang:`
 * lines when they make a valid name, so mutations get past the name check to the fields. */

static GHashTable *sections;

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  static const char *const ids[] = { "manuals", "guidance", "brochures", "ukraine",
                                     "reflection-period", "return", "about" };

  falt_fuzz_init ();
  sections = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    g_hash_table_add (sections, (gpointer) ids[i]);
  return 0;
}

/* The value of a "key: value" line of the input's first lines, if it is a plain name. */
static char *
front_matter_value (const char *text, const char *key)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", 16);
  gsize key_len = strlen (key);

  for (guint i = 0; lines[i] != NULL; i++)
    if (strncmp (lines[i], key, key_len) == 0 && lines[i][key_len] == ':')
      {
        g_autofree char *value = g_strstrip (g_strdup (lines[i] + key_len + 1));

        if (*value != '\0' && strlen (value) < 64 && strspn (value, "abcdefghijklmnopqrstuvwxyz0123456789-") == strlen (value))
          return g_steal_pointer (&value);
      }
  return NULL;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *text = falt_fuzz_string (data, size);
  g_autofree char *id = front_matter_value (text, "id");
  g_autofree char *lang = front_matter_value (text, "lang");
  g_autofree char *name = g_strdup_printf ("%s.%s.md", id != NULL ? id : "fuzz", lang != NULL ? lang : "sv");
  g_autofree char *path = falt_fuzz_write (name, data, size);
  g_autoptr(FaltContentItem) item = NULL;
  g_autoptr(GError) error = NULL;

  item = falt_content_article_load (path, sections, &error);
  g_assert_true ((item == NULL) == (error != NULL));
  if (item != NULL)
    {
      gsize length;
      const char *body = g_bytes_get_data (item->body, &length);

      /* What publishing accepts is what the app can import: UTF-8 text with no NUL. */
      g_assert_true (g_utf8_validate_len (body, length, NULL));
      g_assert_null (memchr (body, '\0', length));
      g_assert_true (g_utf8_validate (item->title, -1, NULL));
      g_assert_true (g_hash_table_contains (sections, item->section));
    }
  g_unlink (path);
  return 0;
}
