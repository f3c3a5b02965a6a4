/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-window"

#include "falt-coordinators-page.h"
#include "falt-document-page.h"
#include "falt-window-files.h"
#include "falt-window-private.h"

/* The window's actions: pages, documents, search, shortcuts. */

static void
go_back_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  FaltWindow *self = FALT_WINDOW (widget);

  if (falt_window_is_showing_document (self))
    {
      /* Back from a document reached by a link is the document before. */
      if (!falt_document_page_go_back (FALT_DOCUMENT_PAGE (self->document_page)))
        falt_window_close_document (self);
    }
  else
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  falt_window_show_page (FALT_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  FaltWindow *self = FALT_WINDOW (widget);
  GtkWidget *page;

  falt_window_show_page (self, "search");
  page = gtk_stack_get_child_by_name (self->page_stack, "search");
  if (page != NULL)
    gtk_widget_grab_focus (page);
}

/* Ctrl+F: in a PDF on screen, its find bar; anywhere else, the search page
 * (which Ctrl+Shift+F always opens). */
static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  FaltWindow *self = FALT_WINDOW (widget);

  if (falt_window_is_showing_document (self)
      && falt_document_page_find (FALT_DOCUMENT_PAGE (self->document_page)))
    return;
  search_action (widget, "win.search", NULL);
}

/* A search hit: the document at its page, the words it matched found on it. */
static void
open_document_find_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  FaltWindow *self = FALT_WINDOW (widget);
  const char *id, *words;
  int page;

  g_variant_get (parameter, "(&si&s)", &id, &page, &words);
  falt_window_open_document (self, id, page);
  if (self->document_page != NULL)
    falt_document_page_find_when_open (FALT_DOCUMENT_PAGE (self->document_page), words);
}

static void
open_document_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  const char *id;
  int page;

  g_variant_get (parameter, "(&si)", &id, &page);
  falt_window_open_document (FALT_WINDOW (widget), id, page);
}

/* A search hit: the document, with the words the search matched marked in
 * an article, or found with the find bar on the page of a PDF. */
static void
open_search_hit_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  FaltWindow *self = FALT_WINDOW (widget);
  FaltDocumentPage *document;
  const char *id, *query;
  int page;

  g_variant_get (parameter, "(&si&s)", &id, &page, &query);
  falt_window_open_document (self, id, page);
  if (self->document_page == NULL)
    return;

  document = FALT_DOCUMENT_PAGE (self->document_page);
  falt_document_page_highlight (document, query);
}

static void
show_coordinators_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  FaltWindow *self = FALT_WINDOW (widget);
  GtkWidget *page;

  falt_window_show_page (self, COORDINATORS_PAGE_NAME);
  page = gtk_stack_get_child_by_name (self->page_stack, COORDINATORS_PAGE_NAME);
  if (FALT_IS_COORDINATORS_PAGE (page))
    falt_coordinators_page_set_query (FALT_COORDINATORS_PAGE (page), g_variant_get_string (parameter, NULL));
}

static void
open_file_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  falt_window_files_choose (FALT_WINDOW (widget));
}

static void
close_document_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  falt_window_close_document (FALT_WINDOW (widget));
}

/* The shortcuts window is built when first asked for, not with every main
 * window as GtkApplication would do from gtk/help-overlay.ui: it is a few
 * milliseconds of start-up for something rarely opened. Once built, it is
 * GTK's own help overlay. */
static void
show_shortcuts_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (widget);

  if (gtk_application_window_get_help_overlay (window) == NULL)
    {
      g_autoptr (GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_PREFIX "/ui/falt-shortcuts-window.ui");

      gtk_application_window_set_help_overlay (window,
                                               GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay")));
    }

  g_action_group_activate_action (G_ACTION_GROUP (window), "show-help-overlay", NULL);
}

static void
toast_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  falt_window_add_toast (FALT_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

/**
 * falt_window_install_actions:
 * @widget_class: the window's class
 *
 * Installs the window's actions for pages, documents and search, with their keys.
 */
void
falt_window_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.go-back", NULL, go_back_action);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.open-document", "(si)", open_document_action);
  gtk_widget_class_install_action (widget_class, "win.open-search-hit", "(sis)", open_search_hit_action);
  gtk_widget_class_install_action (widget_class, "win.open-document-find", "(sis)", open_document_find_action);
  gtk_widget_class_install_action (widget_class, "win.close-document", NULL, close_document_action);
  gtk_widget_class_install_action (widget_class, "win.open-file", NULL, open_file_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open-file", NULL);
  gtk_widget_class_install_action (widget_class, "win.toast", "s", toast_action);
  gtk_widget_class_install_action (widget_class, "win.shortcuts", NULL, show_shortcuts_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_question, GDK_CONTROL_MASK, "win.shortcuts", NULL);
  gtk_widget_class_install_action (widget_class, "win.show-coordinators", "s", show_coordinators_action);

  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.go-back", NULL);
}
