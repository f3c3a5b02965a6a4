/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "fuzz-search"

#include <pango/pango.h>

#include "falt-fuzz.h"
#include "falt-store-private.h"
#include "ui/falt-ui-utils.h"

/* The search query builder and the snippet markup. The input, as UTF-8 (as the search entry and
 * `faltstod --search` hand it over), is a query: the FTS5 expression built from it must be one
 * SQLite accepts, in every language, and a search of the bundled content with it must end in
 * hits or none, never an error; each hit's snippet must become markup that Pango parses. The
 * input is also taken as a snippet itself, as a store would hand back. */

static FaltStore *store;

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  g_autofree char *data_home = NULL;
  g_autoptr(GError) error = NULL;

  falt_fuzz_init ();
  data_home = falt_fuzz_path ("data");
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  store = falt_store_open_default (FALT_FUZZ_BUNDLED_FEED, NULL, &error);
  g_assert_no_error (error);
  return 0;
}

static void
assert_markup_parses (const char *snippet)
{
  g_autofree char *markup = falt_snippet_to_markup (snippet);
  g_autofree char *plain = falt_snippet_to_plain (snippet);
  g_autoptr(GError) error = NULL;

  g_assert_true (pango_parse_markup (markup, -1, 0, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (strchr (plain, '\x02'));
  g_assert_null (strchr (plain, '\x03'));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *query = falt_fuzz_string (data, size);

  if (!g_utf8_validate_len (query, size, NULL))
    return 0;

  assert_markup_parses (query);

  for (guint l = 0; l < FALT_STORE_N_LANGS; l++)
    {
      g_autoptr(GPtrArray) hits = NULL;
      g_autoptr(sqlite3_stmt) stmt = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *match = NULL;
      g_autofree char *docs = NULL;
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM search_%s WHERE search_%s MATCH ?1",
                                              falt_store_langs[l], falt_store_langs[l]);

      g_assert_true (falt_store_build_match (store->db, falt_store_langs[l], query, &match, &docs, &error));
      g_assert_no_error (error);
      g_assert_true ((match == NULL) == (docs == NULL));
      if (match != NULL)
        {
          g_assert_cmpint (sqlite3_prepare_v2 (store->db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
          sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
          g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
        }

      hits = falt_store_search (store, query, FALT_STORE_LANGS (falt_store_langs[l]), 20, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < hits->len; i++)
        assert_markup_parses (falt_search_hit_get_snippet (g_ptr_array_index (hits, i)));
    }
  return 0;
}
