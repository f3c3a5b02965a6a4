/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "fuzz-content-json"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "falt-fuzz.h"
#include "publish/falt-content-json.h"

/* The content source's JSON files, read as `faltstod-publish build` reads them. The first byte
 * picks the file: sections.json, contacts.json or coordinators.json; the rest is its text. */

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  falt_fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static const char *const names[] = { "sections.json", "contacts.json", "coordinators.json" };
  g_autofree char *path = NULL;
  g_autoptr(FaltSourceJson) json = NULL;
  g_autoptr(GHashTable) ids = NULL;
  g_autoptr(GError) error = NULL;
  guint which;
  gboolean valid;

  if (size < 1)
    return 0;
  which = data[0] % G_N_ELEMENTS (names);
  path = falt_fuzz_write (names[which], data + 1, size - 1);
  json = falt_source_json_load (path, &error);
  g_assert_true ((json == NULL) == (error != NULL));
  if (json != NULL)
    {
      g_assert_nonnull (falt_source_json_get_root (json));
      switch (which)
        {
        case 0:
          ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          valid = falt_content_json_check_sections (json, ids, &error);
          break;
        case 1:
          valid = falt_content_json_check_contacts (json, &error);
          break;
        default:
          valid = falt_content_json_check_coordinators (json, &error);
          break;
        }
      g_assert_true (valid == (error == NULL));
    }
  g_unlink (path);
  return 0;
}
