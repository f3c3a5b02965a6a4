/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A widget the rendered text holds at an anchor (a table). */
typedef struct
{
  GtkTextChildAnchor *anchor;
  GtkWidget          *widget;
} FaltMarkdownChild;

void           falt_markdown_child_free  (FaltMarkdownChild *child);

GtkTextBuffer *falt_markdown_render      (const char *markdown,
                                          double      zoom,
                                          GPtrArray  *children);
const char    *falt_markdown_link_at     (const GtkTextIter *iter);
void           falt_markdown_apply_margins (GtkTextBuffer   *buffer,
                                            int              margin);

/* A heading's anchor is a mark of this name + the anchor. */
#define FALT_MARKDOWN_ANCHOR_MARK_PREFIX "anchor:"
#define FALT_MARKDOWN_HIGHLIGHT_TAG      "highlight"

G_END_DECLS
