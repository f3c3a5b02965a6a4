/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "test-publish-links"

#include <string.h>

#include "falt-test-files.h"
#include "publish/falt-content-source.h"

/* faltstod-publish refuses links that lead nowhere, with file:line. */

#define FRONT_SV "---\nid: manual\ntitle: Manual\nsection: manuals\nlang: sv\nupdated: 2026-10-01\n---\n\n"
#define FRONT_OTHER "---\nid: other\ntitle: Annan\nsection: manuals\nlang: sv\nupdated: 2026-10-01\n---\n"

static char *
load_with (const char *manual_sv,
           GError    **error)
{
  g_autofree char *valid = g_test_build_filename (G_TEST_DIST, "data", "publish", "valid", NULL);
  g_autofree char *dir = falt_test_make_tmp_dir ();
  g_autofree char *source_dir = g_build_filename (dir, "content", NULL);
  g_autoptr (FaltContentSource) source = NULL;

  falt_test_copy_tree (valid, source_dir);
  g_free (falt_test_write_file (source_dir, "articles/manual.sv.md", manual_sv));
  g_free (falt_test_write_file (source_dir, "articles/other.sv.md",
                                FRONT_OTHER "# Annan\n\n## Vad gör jag nu?\n\nText.\n"));
  source = falt_content_source_load (source_dir, error);
  falt_test_remove_tree (dir);
  return source != NULL ? NULL : g_strdup (strstr ((*error)->message, "/content/") + strlen ("/content/"));
}

static void
test_good_links_pass (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *message = load_with (FRONT_SV "# Manual\n\n## Tecken\n\n"
                                        "Se [den andra](doc:other), [dess rubrik](doc:other#vad-gör-jag-nu), "
                                        "[kodad](doc:other#vad-g%C3%B6r-jag-nu), [här](#tecken), "
                                        "[broschyren](doc:broschyr), [ring](tel:112), [skriv](mailto:a@example.org), "
                                        "[webb](https://www.polisen.se) och www.polisen.se.\n\n"
                                        "| Tabell | [länk](#manual) |\n| --- | --- |\n| a | b |\n",
                                        &error);

  g_assert_no_error (error);
  g_assert_null (message);
}

static void
test_broken_links_fail_with_line (void)
{
  const struct { const char *body; const char *expected; } cases[] = {
    { "# Manual\n\nText.\n\nSe [saknas](doc:finns-inte).\n", "articles/manual.sv.md:13: the link “doc:finns-inte” points to no document" },
    { "# Manual\n\n[rubrik](doc:other#saknas)\n", "articles/manual.sv.md:11: the link “doc:other#saknas”: " },
    { "# Manual\n\nText\nmer text [här](#ingenstans).\n", "articles/manual.sv.md:12: the link “#ingenstans”: this article has no heading" },
    { "# Manual\n\n[pdf-rubrik](doc:broschyr#sida)\n", "articles/manual.sv.md:11: the link “doc:broschyr#sida” points to a heading in a PDF" },
    { "# Manual\n\n- [fil](manual.en.md)\n", "articles/manual.sv.md:11: the link “manual.en.md” cannot be opened" },
    { "# Manual\n\n| a | b |\n| - | - |\n| [x](file:///etc/passwd) | c |\n", "articles/manual.sv.md:13: the link “file:///etc/passwd”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *body = g_strconcat (FRONT_SV, cases[i].body, NULL);
      g_autofree char *message = load_with (body, &error);

      g_assert_error (error, FALT_PUBLISH_ERROR, FALT_PUBLISH_ERROR_SOURCE);
      g_test_message ("%s", message);
      if (!g_str_has_prefix (message, cases[i].expected))
        g_error ("expected “%s…”, got “%s”", cases[i].expected, message);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/publish/links/good-links-pass", test_good_links_pass);
  g_test_add_func ("/publish/links/broken-links-fail-with-line", test_broken_links_fail_with_line);

  return g_test_run ();
}
