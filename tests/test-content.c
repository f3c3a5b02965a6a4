/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "test-content"

#include <string.h>
#include <poppler.h>

#include "dial/falt-phone-number.h"
#include "markdown/falt-markdown.h"
#include "publish/falt-content-source.h"

/* The bundled content in data/content/, as readers get it: every document in
 * the languages we promise (the Ukraine material also in Ukrainian and
 * Russian, and what its Russian text links to in Russian too), every link and
 * heading found (faltstod-publish's own check), and every phone number one the
 * reader can call: it normalises to a tel: URI, and it is one of the published
 * numbers unless the text it stands in is example data. Every page of every
 * PDF has text a search can find. Each check is also run on a broken case, so
 * none of them passes by finding nothing. */

/* Poppler 22 declares no cleanup functions. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)

/* The languages every document of a kind is in. */
static const char *const article_languages[] = { "sv", "en", "uk", NULL };
static const char *const pdf_languages[] = { "sv", "en", NULL };

/* The Ukraine material: the section's articles and the flyer, also in
 * Ukrainian and Russian, the languages of the people it is about. */
static const char *const ukraine_languages[] = { "uk", "ru", NULL };
static const char *const ukraine_documents[] = { "ukraina-flygblad", NULL };

/* data/shared facts: the support line, the police's short number, 112. */
static const char *const published_uris[] = {
  "tel:+4620390000",
  "tel:11414;phone-context=+46",
  "tel:112",
};

static char *
content_dir (void)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "content", NULL);
}

static FaltContentSource *
load_content (void)
{
  g_autofree char *dir = content_dir ();
  g_autoptr (GError) error = NULL;
  FaltContentSource *source = falt_content_source_load (dir, &error);

  g_assert_no_error (error);
  return source;
}

/* The source's items of one kind ("article" or "pdf"): never none. */
static GPtrArray *
items_of_kind (FaltContentSource *source,
               const char        *kind)
{
  GPtrArray *items = falt_content_source_get_items (source);
  GPtrArray *matching = g_ptr_array_new ();

  for (guint i = 0; i < items->len; i++)
    if (g_strcmp0 (((FaltContentItem *) items->pdata[i])->kind, kind) == 0)
      g_ptr_array_add (matching, items->pdata[i]);
  g_assert_cmpuint (matching->len, >, 0);
  return matching;
}

/* Appends to @problems what is wrong with @written, a number found in @where. */
static void
check_number (const char *where,
              const char *written,
              gboolean    example,
              GPtrArray  *problems)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *uri = falt_phone_number_to_uri (written, &error);

  if (uri == NULL)
    {
      g_ptr_array_add (problems, g_strdup_printf ("%s: “%s” is no number: %s", where, written, error->message));
      return;
    }
  if (!g_str_has_prefix (uri, "tel:") || !g_uri_is_valid (uri, G_URI_FLAGS_NONE, NULL))
    {
      g_ptr_array_add (problems, g_strdup_printf ("%s: “%s” gives the invalid URI %s", where, written, uri));
      return;
    }
  if (!example && !g_strv_contains (published_uris, uri))
    g_ptr_array_add (problems, g_strdup_printf ("%s: “%s” (%s) is not a published number, "
                                                "and the text is not example data", where, written, uri));
}

/* Every number written in @text, as the article view finds them. */
static void
check_numbers_in_text (const char *where,
                       const char *text,
                       gboolean    example,
                       GPtrArray  *problems)
{
  g_autoptr (GMatchInfo) match = NULL;

  g_regex_match (falt_phone_number_text_regex (), text, 0, &match);
  for (; g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      g_autofree char *number = g_match_info_fetch (match, 0);
      check_number (where, number, example, problems);
    }
}

/* Every number in an article: in its text and in its tel: links. */
static void
check_article_numbers (const char *where,
                       const char *markdown,
                       gboolean    example,
                       GPtrArray  *problems)
{
  g_autoptr (cmark_node) root = falt_markdown_parse (markdown, -1, CMARK_OPT_DEFAULT);
  g_autoptr (cmark_iter) iter = cmark_iter_new (root);
  cmark_event_type event;

  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);
      const char *url;

      if (event != CMARK_EVENT_ENTER)
        continue;
      switch (cmark_node_get_type (node))
        {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE:
          check_numbers_in_text (where, cmark_node_get_literal (node), example, problems);
          break;
        case CMARK_NODE_LINK:
          url = cmark_node_get_url (node);
          if (url != NULL && falt_markdown_parse_link (url, NULL, NULL) == FALT_MARKDOWN_LINK_TEL)
            check_number (where, url + strlen ("tel:"), example, problems);
          break;
        default:
          break;
        }
    }
}

static gboolean
is_ukraine_material (const FaltContentItem *item)
{
  return g_strcmp0 (item->section, "ukraine") == 0 || g_strv_contains (ukraine_documents, item->id);
}

static void
add_missing (GPtrArray             *problems,
             const FaltContentItem *item,
             GHashTable            *langs,
             const char *const     *required)
{
  gboolean article = g_strcmp0 (item->kind, "article") == 0;

  for (guint i = 0; required[i] != NULL; i++)
    if (!g_hash_table_contains (langs, required[i]))
      g_ptr_array_add (problems, g_strdup_printf ("%s/%s.%s.%s is missing", article ? "articles" : "pdfs",
                                                  item->id, required[i], article ? "md" : "pdf"));
}

/* Appends to @problems each translation a document of @items lacks. */
static void
check_required_languages (GPtrArray *items,
                          GPtrArray *problems)
{
  g_autoptr (GHashTable) languages = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                            (GDestroyNotify) g_hash_table_unref);
  g_autoptr (GHashTable) firsts = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer id, first;

  for (guint i = 0; i < items->len; i++)
    {
      FaltContentItem *item = items->pdata[i];
      GHashTable *set = g_hash_table_lookup (languages, item->id);

      if (set == NULL)
        {
          set = g_hash_table_new (g_str_hash, g_str_equal);
          g_hash_table_insert (languages, item->id, set);
          g_hash_table_insert (firsts, item->id, item);
        }
      g_hash_table_add (set, item->lang);
    }

  g_hash_table_iter_init (&iter, firsts);
  while (g_hash_table_iter_next (&iter, &id, &first))
    {
      FaltContentItem *item = first;
      GHashTable *langs = g_hash_table_lookup (languages, id);
      gboolean article = g_strcmp0 (item->kind, "article") == 0;

      add_missing (problems, item, langs, article ? article_languages : pdf_languages);
      if (is_ukraine_material (item))
        add_missing (problems, item, langs, ukraine_languages);
    }
}

/* Appends to @problems each document that the Russian text of the Ukraine
 * section links to but that has no Russian translation: a Russian-speaking
 * reader sent on from there should not land in another language. */
static void
check_russian_links (GPtrArray *items,
                     GPtrArray *problems)
{
  g_autoptr (GHashTable) russian = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < items->len; i++)
    if (g_strcmp0 (((FaltContentItem *) items->pdata[i])->lang, "ru") == 0)
      g_hash_table_add (russian, ((FaltContentItem *) items->pdata[i])->id);

  for (guint i = 0; i < items->len; i++)
    {
      FaltContentItem *item = items->pdata[i];
      gsize size;
      const char *body;
      g_autoptr (cmark_node) root = NULL;
      g_autoptr (cmark_iter) iter = NULL;
      cmark_event_type event;

      if (g_strcmp0 (item->lang, "ru") != 0 || g_strcmp0 (item->kind, "article") != 0 ||
          !is_ukraine_material (item))
        continue;
      body = g_bytes_get_data (item->body, &size);
      root = falt_markdown_parse (body, size, CMARK_OPT_DEFAULT);
      iter = cmark_iter_new (root);
      while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
        {
          cmark_node *node = cmark_iter_get_node (iter);
          g_autofree char *target = NULL;

          if (event != CMARK_EVENT_ENTER || cmark_node_get_type (node) != CMARK_NODE_LINK)
            continue;
          if (falt_markdown_parse_link (cmark_node_get_url (node), &target, NULL) == FALT_MARKDOWN_LINK_DOCUMENT &&
              !g_hash_table_contains (russian, target))
            g_ptr_array_add (problems, g_strdup_printf ("%s: links to doc:%s, which is not in Russian",
                                                        item->path, target));
        }
    }
}

static void
assert_no_problems (GPtrArray *problems)
{
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("%s", (const char *) problems->pdata[i]);
  g_assert_cmpuint (problems->len, ==, 0);
}

static void
test_links_and_front_matter (void)
{
  g_autoptr (FaltContentSource) source = load_content ();

  /* Loading ran faltstod-publish's checks: links, headings, front matter. */
  g_assert_cmpuint (falt_content_source_get_items (source)->len, >, 0);
}

/* The checks run over all of the source's items, each with its test path. */
typedef struct
{
  const char *path;
  void (*check) (GPtrArray *items, GPtrArray *problems);
} ItemsCheck;

static const ItemsCheck items_checks[] = {
  { "/content/required-languages", check_required_languages },
  { "/content/russian-links", check_russian_links },
};

static void
test_items_check (gconstpointer data)
{
  const ItemsCheck *check = data;
  g_autoptr (FaltContentSource) source = load_content ();
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

  check->check (falt_content_source_get_items (source), problems);
  assert_no_problems (problems);
}

static void
test_article_numbers (void)
{
  g_autoptr (FaltContentSource) source = load_content ();
  g_autoptr (GPtrArray) items = items_of_kind (source, "article");
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < items->len; i++)
    {
      FaltContentItem *item = items->pdata[i];
      gsize size;
      const char *body = g_bytes_get_data (item->body, &size);
      g_autofree char *markdown = g_strndup (body, size);

      check_article_numbers (item->path, markdown, item->example, problems);
    }
  assert_no_problems (problems);
}

static void
test_pdf_source_numbers (void)
{
  g_autofree char *dir = content_dir ();
  g_autofree char *pdf_src = g_build_filename (dir, "pdf-src", NULL);
  g_autoptr (GDir) listing = g_dir_open (pdf_src, 0, NULL);
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  guint sources = 0;

  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (pdf_src, name, NULL);
      g_autofree char *text = NULL;

      if (!g_str_has_suffix (name, ".txt"))
        continue;
      g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
      check_numbers_in_text (path, text, FALSE, problems);
      sources++;
    }
  g_assert_cmpuint (sources, >, 0);
  assert_no_problems (problems);
}

/* Appends to @problems each page of the PDF @pdf that has no text; adds its
 * pages to @pages. */
static void
check_pdf_pages (const char *where,
                 GBytes     *pdf,
                 GPtrArray  *problems,
                 guint      *pages)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PopplerDocument) document = poppler_document_new_from_bytes (pdf, NULL, &error);

  g_assert_no_error (error);
  for (int n = 0; n < poppler_document_get_n_pages (document); n++)
    {
      g_autoptr (PopplerPage) page = poppler_document_get_page (document, n);
      g_autofree char *text = poppler_page_get_text (page);

      if (text == NULL || *g_strstrip (text) == '\0')
        g_ptr_array_add (problems, g_strdup_printf ("%s: page %d has no text", where, n + 1));
      (*pages)++;
    }
}

/* Every page of every bundled PDF has selectable text. */
static void
test_pdf_pages_have_text (void)
{
  g_autoptr (FaltContentSource) source = load_content ();
  g_autoptr (GPtrArray) items = items_of_kind (source, "pdf");
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  guint pages = 0;

  for (guint i = 0; i < items->len; i++)
    {
      FaltContentItem *item = items->pdata[i];

      check_pdf_pages (item->path, item->body, problems, &pages);
    }
  g_assert_cmpuint (pages, >, 0);
  assert_no_problems (problems);
}

/* contacts.json's numbers and coordinators.json's phones. */
static void
check_json_numbers (JsonNode   *list,
                    const char *file,
                    const char *member,
                    GPtrArray  *problems,
                    guint      *numbers)
{
  JsonArray *array = json_node_get_array (list);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *entry = json_array_get_object_element (array, i);
      const char *number = json_object_get_string_member_with_default (entry, member, NULL);
      gboolean example = json_object_get_boolean_member_with_default (entry, "example", FALSE);
      g_autofree char *where = g_strdup_printf ("%s %s", file,
                                                json_object_get_string_member_with_default (entry, "id", "?"));

      if (number == NULL)
        continue;
      check_number (where, number, example, problems);
      (*numbers)++;
    }
}

static void
test_contact_numbers (void)
{
  g_autoptr (FaltContentSource) source = load_content ();
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  guint numbers = 0;

  check_json_numbers (falt_content_source_get_contacts (source), "contacts.json", "number", problems, &numbers);
  check_json_numbers (falt_content_source_get_coordinators (source), "coordinators.json", "phone", problems, &numbers);
  g_assert_cmpuint (numbers, >, 0);
  assert_no_problems (problems);
}

/* The check itself: what it must refuse, and what example data may hold. */
static void
test_number_check_refuses (void)
{
  const struct { const char *markdown; gboolean example; guint problems; } cases[] = {
    { "Ring [stödtelefonen](tel:+4620390000), 020-39 00 00, 114 14 eller 112.\n", FALSE, 0 },
    { "Ring 08-123 45 67.\n", FALSE, 1 },
    { "Ring 08-123 45 67.\n", TRUE, 0 },
    { "Ring [oss](tel:070-1740605).\n", FALSE, 1 },
    { "Ring [oss](tel:nej).\n", TRUE, 1 },
    { "| Polisen | `114 14` |\n| --- | --- |\n| x | 0701-74 06 05 |\n", FALSE, 1 },
    { "Lag (2022:123), den 1 augusti 2022, 30 dagar.\n", FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

      check_article_numbers ("case", cases[i].markdown, cases[i].example, problems);
      g_test_message ("case %u: %s", i, cases[i].markdown);
      g_assert_cmpuint (problems->len, ==, cases[i].problems);
    }
}

/* A PDF of two pages: text on the first, nothing on the second (a scanned
 * page, or one the typesetter left empty). Written out by hand, with one of
 * the fonts every PDF reader has, so that no font is looked up. */
static GBytes *
make_pdf_with_blank_page (void)
{
  static const char text[] = "BT /F1 12 Tf 72 770 Td (Stodtelefonen) Tj ET";
  g_autofree char *contents = g_strdup_printf ("<< /Length %zu >>\nstream\n%s\nendstream", strlen (text), text);
  const char *const objects[] = {
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
    "/Resources << /Font << /F1 5 0 R >> >> /Contents 6 0 R >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    contents,
  };
  GString *pdf = g_string_new ("%PDF-1.4\n");
  gsize offsets[G_N_ELEMENTS (objects)];
  gsize xref;

  for (guint i = 0; i < G_N_ELEMENTS (objects); i++)
    {
      offsets[i] = pdf->len;
      g_string_append_printf (pdf, "%u 0 obj\n%s\nendobj\n", i + 1, objects[i]);
    }
  xref = pdf->len;
  g_string_append_printf (pdf, "xref\n0 %u\n0000000000 65535 f \n", (guint) G_N_ELEMENTS (objects) + 1);
  for (guint i = 0; i < G_N_ELEMENTS (objects); i++)
    g_string_append_printf (pdf, "%010" G_GSIZE_FORMAT " 00000 n \n", offsets[i]);
  g_string_append_printf (pdf, "trailer\n<< /Size %u /Root 1 0 R >>\nstartxref\n%" G_GSIZE_FORMAT "\n%%%%EOF\n",
                          (guint) G_N_ELEMENTS (objects) + 1, xref);
  return g_string_free_to_bytes (pdf);
}

static void
test_pdf_text_check_refuses (void)
{
  g_autoptr (GBytes) pdf = make_pdf_with_blank_page ();
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  guint pages = 0;

  check_pdf_pages ("case", pdf, problems, &pages);
  g_assert_cmpuint (pages, ==, 2);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_cmpstr (problems->pdata[0], ==, "case: page 2 has no text");
}

/* One document's translations, as the source lists them. */
static void
add_items (GPtrArray  *items,
           const char *id,
           const char *kind,
           const char *section,
           const char *langs,
           const char *markdown)
{
  g_auto (GStrv) list = g_strsplit (langs, " ", -1);

  for (guint i = 0; list[i] != NULL; i++)
    {
      FaltContentItem *item = g_new0 (FaltContentItem, 1);

      item->id = g_strdup (id);
      item->lang = g_strdup (list[i]);
      item->kind = g_strdup (kind);
      item->section = g_strdup (section);
      item->path = g_strdup_printf ("%s.%s", id, list[i]);
      item->body = g_bytes_new (markdown, strlen (markdown));
      g_ptr_array_add (items, item);
    }
}

static void
free_item (gpointer data)
{
  FaltContentItem *item = data;

  g_free (item->id);
  g_free (item->lang);
  g_free (item->kind);
  g_free (item->section);
  g_free (item->path);
  g_bytes_unref (item->body);
  g_free (item);
}

static void
test_language_check_refuses (void)
{
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func (free_item);
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

  add_items (items, "complete", "article", "guidance", "sv en uk", "");
  add_items (items, "ukraina", "article", "ukraine", "sv en uk ru", "");
  add_items (items, "brochure", "pdf", "brochures", "sv en", "");
  add_items (items, "ukraina-flygblad", "pdf", "brochures", "sv en uk ru", "");
  check_required_languages (items, problems);
  assert_no_problems (problems);

  add_items (items, "no-uk", "article", "guidance", "sv en", "");
  add_items (items, "ukraine-no-ru", "article", "ukraine", "sv en uk", "");
  add_items (items, "pdf-no-en", "pdf", "brochures", "sv", "");
  check_required_languages (items, problems);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("%s", (const char *) problems->pdata[i]);
  g_assert_cmpuint (problems->len, ==, 3);
  g_assert_true (g_ptr_array_find_with_equal_func (problems, "articles/no-uk.uk.md is missing", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (problems, "articles/ukraine-no-ru.ru.md is missing", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (problems, "pdfs/pdf-no-en.en.pdf is missing", g_str_equal, NULL));
}

static void
test_russian_link_check_refuses (void)
{
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func (free_item);
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

  add_items (items, "betanketid", "article", "reflection-period", "sv ru", "");
  add_items (items, "manual", "article", "manuals", "sv en", "");
  add_items (items, "ukraina", "article", "ukraine", "ru",
             "Se [betänketid](doc:betanketid#efter) och [manualen](doc:manual), [112](tel:112).\n");
  /* Only the Ukraine section is held to it. */
  add_items (items, "other", "article", "guidance", "ru", "[manualen](doc:manual)\n");
  check_russian_links (items, problems);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_cmpstr (problems->pdata[0], ==, "ukraina.ru: links to doc:manual, which is not in Russian");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/content/links-and-front-matter", test_links_and_front_matter);
  for (guint i = 0; i < G_N_ELEMENTS (items_checks); i++)
    g_test_add_data_func (items_checks[i].path, &items_checks[i], test_items_check);
  g_test_add_func ("/content/article-numbers", test_article_numbers);
  g_test_add_func ("/content/pdf-source-numbers", test_pdf_source_numbers);
  g_test_add_func ("/content/contact-numbers", test_contact_numbers);
  g_test_add_func ("/content/pdf-pages-have-text", test_pdf_pages_have_text);
  g_test_add_func ("/content/number-check-refuses", test_number_check_refuses);
  g_test_add_func ("/content/language-check-refuses", test_language_check_refuses);
  g_test_add_func ("/content/russian-link-check-refuses", test_russian_link_check_refuses);
  g_test_add_func ("/content/pdf-text-check-refuses", test_pdf_text_check_refuses);

  return g_test_run ();
}
