/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "falt-markdown-text.h"

G_BEGIN_DECLS

/* A widget the rendered text holds at an anchor (a table). */
typedef struct
{
  GtkTextChildAnchor *anchor;
  GtkWidget          *widget;
} FaltMarkdownChild;

void           falt_markdown_child_free  (FaltMarkdownChild *child);

/* An article going into a text buffer, a piece at a time. */
typedef struct _FaltMarkdownRender FaltMarkdownRender;

FaltMarkdownRender *falt_markdown_render_new         (FaltMarkdownText   *text,
                                                      double              zoom,
                                                      int                 margin);
void                falt_markdown_render_free        (FaltMarkdownRender *self);
GtkTextBuffer      *falt_markdown_render_get_buffer  (FaltMarkdownRender *self);
gboolean            falt_markdown_render_apply       (FaltMarkdownRender *self,
                                                      int                 up_to,
                                                      GPtrArray          *children);
int                 falt_markdown_render_get_applied (FaltMarkdownRender *self);
gboolean            falt_markdown_render_is_done     (FaltMarkdownRender *self);

const char    *falt_markdown_link_at     (const GtkTextIter *iter);
void           falt_markdown_apply_margins (GtkTextBuffer   *buffer,
                                            int              margin);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FaltMarkdownRender, falt_markdown_render_free)

/* A heading's anchor is a mark of this name + the anchor. */
#define FALT_MARKDOWN_ANCHOR_MARK_PREFIX "anchor:"
#define FALT_MARKDOWN_HIGHLIGHT_TAG      "highlight"

G_END_DECLS
