/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

gboolean falt_test_wait_for          (gboolean  (*condition) (gpointer data),
                                      gpointer    data,
                                      guint       timeout_ms);
void     falt_test_iterate           (guint       milliseconds);
char    *falt_test_save_screenshot   (GtkWidget  *widget,
                                      const char *name);
GtkWidget *falt_test_show_in_window  (GtkWidget  *child,
                                      int         width,
                                      int         height);

G_END_DECLS

#include "ui/falt-application.h"
#include "ui/falt-window.h"

G_BEGIN_DECLS

typedef void (*FaltAppTestFunc) (FaltApplication *app,
                                 FaltWindow      *window,
                                 gpointer         data);

void falt_test_run_app (FaltAppTestFunc func,
                        gpointer        data);
void falt_test_run_app_with_file (FaltAppTestFunc  func,
                                  gpointer         data,
                                  const char      *path);
void falt_test_run_app_while_installing (FaltAppTestFunc func,
                                         gpointer        data);
GtkWidget *falt_test_open_preferences (FaltApplication *app);
void     falt_test_open_document     (FaltWindow  *window,
                                      const char  *id);
GObject *falt_test_find_capture_keys (GtkWidget   *widget);
void     falt_test_press_key         (GObject     *controller,
                                      guint        keyval);
int      falt_test_text_offset       (GtkTextView *view,
                                      const char  *text);

G_END_DECLS

G_BEGIN_DECLS

void       falt_test_init        (int        *argc,
                                  char     ***argv);
int        falt_test_run         (void);
void       falt_test_remove_tree (const char *path);
GtkWidget *falt_test_find_widget (GtkWidget  *root,
                                  GType       type,
                                  const char *name);
gboolean   falt_test_has_label_containing (GtkWidget  *root,
                                           const char *text);
GSettings *falt_test_new_private_settings (void);

GtkWidget *falt_test_find_toplevel         (GType       type);
gboolean   falt_test_pdf_view_is_rendered  (gpointer    view);

G_END_DECLS
