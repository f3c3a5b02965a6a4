/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "markdown/falt-markdown.h"
#include "falt-store-private.h"

/* The Markdown layer shared by the store, the article view and
 * faltstod-publish: GFM parsing, heading anchors, link targets. */

static void
test_anchors_as_github_names_them (void)
{
  g_autoptr (GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const struct { const char *heading; const char *anchor; } cases[] = {
    { "Vad gör jag nu?", "vad-gör-jag-nu" },
    { "Om NSPM & länsstyrelsen", "om-nspm--länsstyrelsen" },
    { "1. Identifiering", "1-identifiering" },
    { "Що робити?", "що-робити" },
    { "snake_case-and-dash", "snake_case-and-dash" },
    { "Vad gör jag nu?", "vad-gör-jag-nu-1" },
    { "Vad gör jag nu?", "vad-gör-jag-nu-2" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *anchor = falt_markdown_anchor_add (used, cases[i].heading);

      g_assert_cmpstr (anchor, ==, cases[i].anchor);
    }
}

static void
test_list_anchors (void)
{
  g_autoptr (GHashTable) anchors = falt_markdown_list_anchors ("# Början\n\nText.\n\n## Tecken på *utnyttjande*\n\n"
                                                               "Rubrik i text\n---\n");

  g_assert_cmpuint (g_hash_table_size (anchors), ==, 3);
  g_assert_true (g_hash_table_contains (anchors, "början"));
  g_assert_true (g_hash_table_contains (anchors, "tecken-på-utnyttjande"));
  g_assert_true (g_hash_table_contains (anchors, "rubrik-i-text"));
}

static void
test_parse_link (void)
{
  const struct { const char *url; FaltMarkdownLink kind; const char *id; const char *anchor; } cases[] = {
    { "doc:betanketid", FALT_MARKDOWN_LINK_DOCUMENT, "betanketid", NULL },
    { "doc:betanketid#vad-gör-jag-nu", FALT_MARKDOWN_LINK_DOCUMENT, "betanketid", "vad-gör-jag-nu" },
    { "doc:betanketid#vad-g%C3%B6r", FALT_MARKDOWN_LINK_DOCUMENT, "betanketid", "vad-gör" },
    { "#tecken", FALT_MARKDOWN_LINK_ANCHOR, NULL, "tecken" },
    { "tel:+4620390000", FALT_MARKDOWN_LINK_TEL, NULL, NULL },
    { "mailto:a@example.org", FALT_MARKDOWN_LINK_MAIL, NULL, NULL },
    { "https://www.polisen.se", FALT_MARKDOWN_LINK_WEB, NULL, NULL },
    { "doc:Versaler", FALT_MARKDOWN_LINK_INVALID, NULL, NULL },
    { "doc:", FALT_MARKDOWN_LINK_INVALID, NULL, NULL },
    { "doc:a#", FALT_MARKDOWN_LINK_INVALID, NULL, NULL },
    { "#", FALT_MARKDOWN_LINK_INVALID, NULL, NULL },
    { "file:///etc/passwd", FALT_MARKDOWN_LINK_INVALID, NULL, NULL },
    { "manual.md", FALT_MARKDOWN_LINK_INVALID, NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *id = NULL;
      g_autofree char *anchor = NULL;

      g_test_message ("%s", cases[i].url);
      g_assert_cmpint (falt_markdown_parse_link (cases[i].url, &id, &anchor), ==, cases[i].kind);
      g_assert_cmpstr (id, ==, cases[i].id);
      g_assert_cmpstr (anchor, ==, cases[i].anchor);
    }
}

/* The search index sees a table's words, never its pipes and dashes. */
static void
test_plain_text_of_table (void)
{
  g_autofree char *text = falt_store_markdown_to_plain_text ("Före.\n\n| Vem | Nummer |\n| --- | --- |\n"
                                                             "| Polisen | 114 14 |\n\n~~Struken~~ www.polisen.se\n",
                                                             -1);

  g_test_message ("%s", text);
  g_assert_null (strchr (text, '|'));
  g_assert_null (strstr (text, "---"));
  g_assert_null (strchr (text, '~'));
  g_assert_nonnull (strstr (text, "Polisen 114 14"));
  g_assert_nonnull (strstr (text, "Nummer"));
  g_assert_nonnull (strstr (text, "Struken www.polisen.se"));
}

/* What a search matched, as written in the text, for highlighting. */
static void
test_match_written_forms (void)
{
  g_autofree char *dir = g_dir_make_tmp ("faltstod-markdown-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "store.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (FaltStore) store = falt_store_open (path, &error);
  g_auto (GStrv) forms = NULL;
  g_auto (GStrv) none = NULL;
  g_auto (GStrv) prefix = NULL;

  g_assert_no_error (error);
  forms = falt_store_match_written_forms (store, "människohandel barn", "sv",
                                          "Människohandeln drabbar barnen. Barnens skydd mot människohandel; "
                                          "handeln i allmänhet och bar mark nämns inte.");
  g_assert_true (g_strv_contains ((const char * const *) forms, "människohandeln"));
  g_assert_true (g_strv_contains ((const char * const *) forms, "människohandel"));
  g_assert_true (g_strv_contains ((const char * const *) forms, "barnen"));
  g_assert_true (g_strv_contains ((const char * const *) forms, "barnens"));
  g_assert_false (g_strv_contains ((const char * const *) forms, "handeln"));
  g_assert_false (g_strv_contains ((const char * const *) forms, "bar"));
  g_assert_cmpuint (g_strv_length (forms), ==, 4);

  none = falt_store_match_written_forms (store, "", "sv", "Barnen.");
  g_assert_cmpuint (g_strv_length (none), ==, 0);
  /* As typed: a prefix of three letters or more. */
  prefix = falt_store_match_written_forms (store, "männ", "sv", "Männen och människorna, inte mä.");
  g_assert_cmpuint (g_strv_length (prefix), ==, 2);

  g_clear_object (&store);
  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* Presentation mode's slides: one per `##` section, the title and
 * introduction first; a `##` in code, a list or a deeper heading does not cut. */
static void
test_split_sections (void)
{
  g_autoptr (GPtrArray) parts = falt_markdown_split_sections ("# Titel\n\nInledning.\n\n"
                                                              "## Ett\n\nFörsta.\n\n"
                                                              "```\n## inte en rubrik\n```\n\n"
                                                              "- ## inte heller\n\n"
                                                              "### Ett och ett halvt\n\n"
                                                              "Två\n---\n\nAndra.\n\n"
                                                              "## Tre\nTredje.");
  g_autoptr (GPtrArray) none = falt_markdown_split_sections ("Bara text.\n");
  g_autoptr (GPtrArray) no_intro = falt_markdown_split_sections ("\n\n## Ett\n\nA.\n## Två\n\nB.\n");

  g_assert_cmpuint (parts->len, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (parts, 0), ==, "# Titel\n\nInledning.\n\n");
  g_assert_true (g_str_has_prefix (g_ptr_array_index (parts, 1), "## Ett\n"));
  g_assert_nonnull (strstr (g_ptr_array_index (parts, 1), "## inte en rubrik"));
  g_assert_nonnull (strstr (g_ptr_array_index (parts, 1), "### Ett och ett halvt"));
  /* A setext heading is a level 2 heading too. */
  g_assert_cmpstr (g_ptr_array_index (parts, 2), ==, "Två\n---\n\nAndra.\n\n");
  g_assert_cmpstr (g_ptr_array_index (parts, 3), ==, "## Tre\nTredje.");

  g_assert_cmpuint (none->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (none, 0), ==, "Bara text.\n");
  g_assert_cmpuint (no_intro->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (no_intro, 0), ==, "## Ett\n\nA.\n");
}

/* Kinds are compared as an enum; the store's strings are its nicks. */
static void
test_document_kinds (void)
{
  g_assert_cmpint (falt_document_kind_from_string ("pdf"), ==, FALT_DOCUMENT_KIND_PDF);
  g_assert_cmpint (falt_document_kind_from_string ("article"), ==, FALT_DOCUMENT_KIND_ARTICLE);
  g_assert_cmpint (falt_document_kind_from_string ("coordinator"), ==, FALT_DOCUMENT_KIND_COORDINATOR);
  g_assert_cmpint (falt_document_kind_from_string ("video"), ==, FALT_DOCUMENT_KIND_ARTICLE);
  g_assert_cmpint (falt_document_kind_from_string (NULL), ==, FALT_DOCUMENT_KIND_ARTICLE);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/markdown/anchors-as-github-names-them", test_anchors_as_github_names_them);
  g_test_add_func ("/markdown/list-anchors", test_list_anchors);
  g_test_add_func ("/markdown/parse-link", test_parse_link);
  g_test_add_func ("/markdown/plain-text-of-table", test_plain_text_of_table);
  g_test_add_func ("/markdown/match-written-forms", test_match_written_forms);
  g_test_add_func ("/markdown/split-sections", test_split_sections);
  g_test_add_func ("/store/document-kinds", test_document_kinds);

  return g_test_run ();
}
