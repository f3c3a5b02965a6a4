/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by the files of FaltWindow (falt-window.c, -pages.c, -actions.c, -keys.c,
 * -present.c). Not for other
 * widgets. */

#include "falt-window.h"

G_BEGIN_DECLS

#define SECTION_PAGE_PREFIX    "section-"
#define FIRST_PAGE_NAME        "help"
#define LIBRARY_PAGE_NAME      "library"
#define COORDINATORS_PAGE_NAME "coordinators"
#define DOCUMENT_PAGE_NAME     "document"
#define WHATS_NEW_PAGE_NAME    "whats-new"

struct _FaltWindow
{
  AdwApplicationWindow  parent_instance;

  FaltStore            *store;
  FaltUpdater          *updater;
  GSettings            *settings;
  GtkWidget            *whats_new_page;
  GtkStringList        *page_names;
  GHashTable           *pending_pages;
  GtkWidget            *document_page;
  char                 *page_before_document;
  GFile                *initial_file;

  AdwToastOverlay      *toast_overlay;
  AdwLeaflet           *leaflet;
  GtkWidget            *sidebar_box;
  GtkWidget            *content_box;
  GtkWidget            *sidebar_separator;
  GtkWidget            *content_header;
  gboolean              presenting;
  gboolean              presenting_continuous;
  gboolean              fullscreen_before_presenting;
  GtkWidget            *focus_before_presenting;  /* weak */
  GtkWidget            *presentation_bar;
  GtkLabel             *presentation_step_label;
  GtkWidget            *presentation_continuous_button;
  GtkWidget            *presentation_blank;
  GtkListBox           *sidebar_list;
  GtkMenuButton        *primary_menu_button;
  GMenuModel           *primary_menu;
  GtkStack             *page_stack;
  AdwWindowTitle       *content_title;
  GtkWidget            *close_document_button;
};

/* falt-window.c */
void     falt_window_close_document      (FaltWindow *self);
gboolean falt_window_is_showing_document (FaltWindow *self);

/* falt-window-pages.c */
void           falt_window_init_pages       (FaltWindow *self);
void           falt_window_add_pages        (FaltWindow *self);
void           falt_window_ensure_page      (FaltWindow *self,
                                             const char *name);
GtkListBoxRow *falt_window_find_sidebar_row (FaltWindow *self,
                                             const char *name);

/* falt-window-actions.c */
void falt_window_install_actions (GtkWidgetClass *widget_class);

/* falt-window-present.c */
void     falt_window_install_presentation_actions (GtkWidgetClass *widget_class);
void     falt_window_add_presentation_keys        (FaltWindow     *self);
void     falt_window_set_presenting_continuous    (FaltWindow     *self,
                                                   gboolean        continuous);
gboolean falt_window_get_presenting_continuous    (FaltWindow     *self);

/* falt-window-keys.c */
void falt_window_install_keyboard_actions (GtkWidgetClass *widget_class);
void falt_window_add_key_controllers      (FaltWindow     *self);

G_END_DECLS
