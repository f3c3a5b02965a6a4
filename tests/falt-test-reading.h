/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ui/falt-document-page.h"
#include "ui/falt-markdown-view.h"
#include "ui/falt-window.h"

G_BEGIN_DECLS

char * falt_test_reading_write_feed (void);
FaltMarkdownView * falt_test_reading_markdown_view (FaltWindow *window);
FaltDocumentPage * falt_test_reading_document_page (FaltWindow *window);
double falt_test_reading_scroll_value (FaltWindow *window);
int falt_test_reading_offset_of (FaltWindow *window, const char *text);
gboolean falt_test_reading_text_in_sight (FaltWindow *window, const char *text);
void falt_test_reading_save_screenshots (FaltWindow *window, const char *name);
GObject * falt_test_reading_capture_key_controller_of (GtkWidget *widget);
void falt_test_reading_press_key (GObject *controller, guint keyval);
gboolean falt_test_reading_search_has_results (gpointer data);
GtkWidget * falt_test_reading_first_row_of (GtkWidget *list);
gboolean falt_test_reading_has_label (GtkWidget *root, const char *text);

G_END_DECLS
