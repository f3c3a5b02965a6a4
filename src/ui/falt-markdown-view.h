/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define FALT_TYPE_MARKDOWN_VIEW (falt_markdown_view_get_type ())
G_DECLARE_FINAL_TYPE (FaltMarkdownView, falt_markdown_view, FALT, MARKDOWN_VIEW, GtkTextView)

GtkWidget *falt_markdown_view_new          (void);
void       falt_markdown_view_set_markdown (FaltMarkdownView *self,
                                            const char       *markdown);
char      *falt_markdown_view_get_text     (FaltMarkdownView *self);

G_END_DECLS
