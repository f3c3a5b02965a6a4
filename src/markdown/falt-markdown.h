/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <cmark-gfm.h>

G_BEGIN_DECLS

/**
 * FaltMarkdownNode:
 * @FALT_MARKDOWN_NODE_OTHER: a CommonMark node (see cmark_node_get_type())
 * @FALT_MARKDOWN_NODE_TABLE: a GFM table
 * @FALT_MARKDOWN_NODE_TABLE_ROW: one of its rows
 * @FALT_MARKDOWN_NODE_TABLE_CELL: one of a row's cells
 * @FALT_MARKDOWN_NODE_STRIKETHROUGH: `~~struck~~` text
 *
 * The extensions' node types are registered at run time, so they cannot be
 * `case` labels: this names them.
 */
typedef enum
{
  FALT_MARKDOWN_NODE_OTHER,
  FALT_MARKDOWN_NODE_TABLE,
  FALT_MARKDOWN_NODE_TABLE_ROW,
  FALT_MARKDOWN_NODE_TABLE_CELL,
  FALT_MARKDOWN_NODE_STRIKETHROUGH,
} FaltMarkdownNode;

/**
 * FaltMarkdownLink:
 * @FALT_MARKDOWN_LINK_DOCUMENT: `doc:ID` or `doc:ID#anchor`: another document
 * @FALT_MARKDOWN_LINK_ANCHOR: `#anchor`: a heading of the same document
 * @FALT_MARKDOWN_LINK_TEL: `tel:`
 * @FALT_MARKDOWN_LINK_MAIL: `mailto:`
 * @FALT_MARKDOWN_LINK_WEB: `https:` or `http:`
 * @FALT_MARKDOWN_LINK_INVALID: anything else: never opened
 *
 * The link targets an article may use (data/content/README.md).
 */
typedef enum
{
  FALT_MARKDOWN_LINK_DOCUMENT,
  FALT_MARKDOWN_LINK_ANCHOR,
  FALT_MARKDOWN_LINK_TEL,
  FALT_MARKDOWN_LINK_MAIL,
  FALT_MARKDOWN_LINK_WEB,
  FALT_MARKDOWN_LINK_INVALID,
} FaltMarkdownLink;

cmark_node       *falt_markdown_parse          (const char  *markdown,
                                                gssize       length,
                                                int          options);
FaltMarkdownNode  falt_markdown_node_kind      (cmark_node  *node);
gboolean          falt_markdown_node_is_block  (cmark_node  *node);
char             *falt_markdown_node_text      (cmark_node  *node);
char             *falt_markdown_anchor_add     (GHashTable  *used,
                                                const char  *heading_text);
GHashTable       *falt_markdown_list_anchors   (const char  *markdown);
FaltMarkdownLink  falt_markdown_parse_link     (const char  *url,
                                                char       **doc_id,
                                                char       **anchor);
GPtrArray        *falt_markdown_split_sections (const char  *markdown);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (cmark_node, cmark_node_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (cmark_iter, cmark_iter_free)

G_END_DECLS
