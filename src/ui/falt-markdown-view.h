/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define FALT_TYPE_MARKDOWN_VIEW (falt_markdown_view_get_type ())
G_DECLARE_FINAL_TYPE (FaltMarkdownView, falt_markdown_view, FALT, MARKDOWN_VIEW, GtkTextView)

#define FALT_MARKDOWN_VIEW_MIN_ZOOM 0.5
#define FALT_MARKDOWN_VIEW_MAX_ZOOM 3.0

GtkWidget *falt_markdown_view_new              (void);
void       falt_markdown_view_set_markdown     (FaltMarkdownView   *self,
                                                const char         *markdown);
char      *falt_markdown_view_get_text         (FaltMarkdownView   *self);
double     falt_markdown_view_get_zoom         (FaltMarkdownView   *self);
void       falt_markdown_view_set_zoom         (FaltMarkdownView   *self,
                                                double              zoom);
int        falt_markdown_view_get_top_offset   (FaltMarkdownView   *self);
void       falt_markdown_view_scroll_to_offset (FaltMarkdownView   *self,
                                                int                 offset);
gboolean   falt_markdown_view_scroll_to_anchor (FaltMarkdownView   *self,
                                                const char         *anchor);
guint      falt_markdown_view_highlight        (FaltMarkdownView   *self,
                                                const char * const *words);
guint      falt_markdown_view_count_highlights (FaltMarkdownView   *self);
double     falt_markdown_view_get_shown_zoom   (FaltMarkdownView   *self);
void       falt_markdown_view_set_presenting   (FaltMarkdownView   *self,
                                                gboolean            presenting);
void       falt_markdown_view_set_continuous   (FaltMarkdownView   *self,
                                                gboolean            continuous);
int        falt_markdown_view_get_slide        (FaltMarkdownView   *self,
                                                guint              *n_slides);
gboolean   falt_markdown_view_step             (FaltMarkdownView   *self,
                                                gboolean            forward);

G_END_DECLS
