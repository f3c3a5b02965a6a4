/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "falt-markdown-render.h"
#include "falt-markdown-text.h"
#include "falt-markdown-view.h"

G_BEGIN_DECLS

/* Shared by falt-markdown-view.c and falt-markdown-view-present.c. */
struct _FaltMarkdownView
{
  GtkTextView  parent_instance;

  char        *markdown;
  double       zoom;
  gboolean     presenting;  /* large text for a projector, on top of the zoom */
  gboolean     continuous;  /* presenting the whole text, not one section at a time */
  GPtrArray   *slides;      /* presenting by section: the `##` sections' Markdown */
  guint        slide;       /* the one shown */
  int          top_before_presenting;
  GPtrArray   *children;     /* FaltMarkdownChild: tables at anchors */
  guint        n_attached;   /* … of which the view shows so many */
  FaltMarkdownText   *text;  /* what is shown: the article, or a slide */
  FaltMarkdownRender *render;  /* putting it into the buffer */
  guint        apply_idle;   /* the rest of it, a piece at a time */
  int          table_width;
  guint        relayout_idle;

  /* A scroll that waits for the text's layout. */
  GtkTextMark *scroll_mark;
  guint        scroll_tick;
  guint        scroll_frames;
  int          top_when_unmapped;
};

void falt_markdown_view_render        (FaltMarkdownView *self);
void falt_markdown_view_ensure_shown  (FaltMarkdownView *self,
                                       int               up_to);
void falt_markdown_view_cancel_scroll (FaltMarkdownView *self);
void falt_markdown_view_notify_slide  (FaltMarkdownView *self);
void falt_markdown_view_show_slides   (FaltMarkdownView *self,
                                       GPtrArray        *slides,
                                       guint             slide,
                                       int               top);

G_END_DECLS
