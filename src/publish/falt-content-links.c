/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-publish"

#include <string.h>
#include <glib/gi18n.h>

#include "markdown/falt-markdown.h"
#include "falt-content-source.h"

/* Links between articles are checked when the content is published, so a
 * reader never meets a link to a document or heading that is not there
 * (data/content/README.md, "Links"). */

typedef struct
{
  GPtrArray  *items;
  GHashTable *anchors;  /* "id\tlang" → set of anchors, for articles */
} LinkCheck;

static GHashTable *
anchors_of (LinkCheck       *check,
            FaltContentItem *item)
{
  g_autofree char *key = g_strconcat (item->id, "\t", item->lang, NULL);
  GHashTable *anchors = g_hash_table_lookup (check->anchors, key);

  if (anchors == NULL)
    {
      g_autofree char *markdown = g_strndup (g_bytes_get_data (item->body, NULL), g_bytes_get_size (item->body));

      anchors = falt_markdown_list_anchors (markdown);
      g_hash_table_insert (check->anchors, g_steal_pointer (&key), anchors);
    }
  return anchors;
}

/* The translation a `doc:` link opens from an article in @lang: the same
 * language when the document has it; the check then looks at every one. */
static GPtrArray *
link_targets (LinkCheck  *check,
              const char *id,
              const char *lang)
{
  GPtrArray *all = g_ptr_array_new ();

  for (guint i = 0; i < check->items->len; i++)
    {
      FaltContentItem *item = g_ptr_array_index (check->items, i);

      if (strcmp (item->id, id) != 0)
        continue;
      if (strcmp (item->lang, lang) == 0)
        {
          g_ptr_array_set_size (all, 0);
          g_ptr_array_add (all, item);
          return all;
        }
      g_ptr_array_add (all, item);
    }
  return all;
}

static gboolean
check_document_link (LinkCheck       *check,
                     FaltContentItem *from,
                     guint            line,
                     const char      *url,
                     const char      *id,
                     const char      *anchor,
                     GError         **error)
{
  g_autoptr (GPtrArray) targets = link_targets (check, id, from->lang);

  if (targets->len == 0)
    return falt_source_error (error, from->path, line, _("the link “%s” points to no document: there is no “%s”"),
                              url, id);
  if (anchor == NULL)
    return TRUE;

  for (guint i = 0; i < targets->len; i++)
    {
      FaltContentItem *target = g_ptr_array_index (targets, i);

      if (strcmp (target->kind, "article") != 0)
        return falt_source_error (error, from->path, line, _("the link “%s” points to a heading in a PDF"), url);
      if (!g_hash_table_contains (anchors_of (check, target), anchor))
        return falt_source_error (error, from->path, line, _("the link “%s”: %s has no heading “#%s”"),
                                  url, target->path, anchor);
    }
  return TRUE;
}

static gboolean
check_link (LinkCheck       *check,
            FaltContentItem *from,
            guint            line,
            const char      *url,
            GError         **error)
{
  g_autofree char *id = NULL;
  g_autofree char *anchor = NULL;

  switch (falt_markdown_parse_link (url, &id, &anchor))
    {
    case FALT_MARKDOWN_LINK_DOCUMENT:
      return check_document_link (check, from, line, url, id, anchor, error);
    case FALT_MARKDOWN_LINK_ANCHOR:
      if (!g_hash_table_contains (anchors_of (check, from), anchor))
        return falt_source_error (error, from->path, line, _("the link “%s”: this article has no heading “#%s”"),
                                  url, anchor);
      return TRUE;
    case FALT_MARKDOWN_LINK_TEL:
    case FALT_MARKDOWN_LINK_MAIL:
    case FALT_MARKDOWN_LINK_WEB:
      return TRUE;
    case FALT_MARKDOWN_LINK_INVALID:
    default:
      return falt_source_error (error, from->path, line,
                                _("the link “%s” cannot be opened: write doc:ID, doc:ID#heading, #heading, "
                                  "https:, tel: or mailto:"), url);
    }
}

/* Inline nodes carry no line of their own: their block's, plus the line
 * breaks before them in it. */
static guint
line_of_inline (cmark_node *node)
{
  cmark_node *block = node;
  g_autoptr (cmark_iter) iter = NULL;
  cmark_event_type event;
  guint line;

  while (block != NULL && cmark_node_get_start_line (block) == 0)
    block = cmark_node_parent (block);
  if (block == NULL)
    return 1;

  line = (guint) cmark_node_get_start_line (block);
  iter = cmark_iter_new (block);
  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE && cmark_iter_get_node (iter) != node)
    if (event == CMARK_EVENT_ENTER && (cmark_node_get_type (cmark_iter_get_node (iter)) == CMARK_NODE_SOFTBREAK
                                       || cmark_node_get_type (cmark_iter_get_node (iter)) == CMARK_NODE_LINEBREAK))
      line++;
  return line;
}

static gboolean
check_article_links (LinkCheck       *check,
                     FaltContentItem *item,
                     GError         **error)
{
  g_autoptr (cmark_node) document = falt_markdown_parse (g_bytes_get_data (item->body, NULL),
                                                         g_bytes_get_size (item->body), CMARK_OPT_DEFAULT);
  g_autoptr (cmark_iter) iter = cmark_iter_new (document);
  cmark_event_type event;

  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);

      if (event != CMARK_EVENT_ENTER || cmark_node_get_type (node) != CMARK_NODE_LINK)
        continue;
      if (!check_link (check, item, item->body_line + line_of_inline (node) - 1, cmark_node_get_url (node), error))
        return FALSE;
    }
  return TRUE;
}

/**
 * falt_content_check_links:
 * @items: (element-type FaltContentItem): every document of the source
 * @error: return location for a `file:line: …` error
 *
 * Checks every link in the articles: `doc:` links must name a document
 * (and a heading of it, with `#anchor`), `#anchor` links a heading of the
 * same article, and nothing but those, `https:`, `tel:` and `mailto:` links
 * is allowed.
 *
 * Returns: %TRUE when every link leads somewhere
 */
gboolean
falt_content_check_links (GPtrArray  *items,
                          GError    **error)
{
  LinkCheck check = { items, g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                    (GDestroyNotify) g_hash_table_unref) };
  gboolean ok = TRUE;

  for (guint i = 0; i < items->len && ok; i++)
    {
      FaltContentItem *item = g_ptr_array_index (items, i);

      if (strcmp (item->kind, "article") == 0)
        ok = check_article_links (&check, item, error);
    }
  g_hash_table_unref (check.anchors);
  return ok;
}
