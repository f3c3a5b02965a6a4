/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define FALT_TYPE_MARKDOWN_TABLE (falt_markdown_table_get_type ())
G_DECLARE_FINAL_TYPE (FaltMarkdownTable, falt_markdown_table, FALT, MARKDOWN_TABLE, GtkWidget)

GtkWidget *falt_markdown_table_new                 (void);
void       falt_markdown_table_add_cell            (FaltMarkdownTable *self,
                                                    guint              row,
                                                    guint              column,
                                                    const char        *markup,
                                                    gboolean           header,
                                                    float              xalign,
                                                    double             zoom);
void       falt_markdown_table_set_available_width (FaltMarkdownTable *self,
                                                    int                width);
int        falt_markdown_table_get_width           (FaltMarkdownTable *self);
guint      falt_markdown_table_get_n_rows          (FaltMarkdownTable *self);
guint      falt_markdown_table_get_n_columns       (FaltMarkdownTable *self);
char      *falt_markdown_table_get_cell_text       (FaltMarkdownTable *self,
                                                    guint              row,
                                                    guint              column);

G_END_DECLS
