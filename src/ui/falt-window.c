/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-window"

#include <glib/gi18n.h>

#include "falt-help-page.h"
#include "falt-window.h"

/* The fixed pages of the app. Content sections from the store are added
 * after these once the store exists. */
typedef struct
{
  const char *name;
  const char *title;
  const char *icon_name;
  const char *coming;
  GtkWidget *(*create) (void);   /* NULL: a "coming" placeholder */
} FaltPageInfo;

static const FaltPageInfo fixed_pages[] = {
  { "help", N_("Get Help Now"), "call-start-symbolic",
    NULL, falt_help_page_new },
  { "library", N_("Library"), "accessories-dictionary-symbolic",
    N_("Manuals, guidance and brochures will be listed here once the content store is in place.") },
  { "coordinators", N_("Coordinators"), "system-users-symbolic",
    N_("The regional coordinators against prostitution and human trafficking, by region and municipality, will be listed here.") },
  { "search", N_("Search"), "system-search-symbolic",
    N_("Full-text search across every manual, brochure and contact will be available here.") },
};

struct _FaltWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  GtkStringList        *page_names;

  AdwToastOverlay      *toast_overlay;
  AdwLeaflet           *leaflet;
  GtkWidget            *sidebar_box;
  GtkListBox           *sidebar_list;
  GtkStack             *page_stack;
  AdwWindowTitle       *content_title;
};

G_DEFINE_FINAL_TYPE (FaltWindow, falt_window, ADW_TYPE_APPLICATION_WINDOW)

static GtkWidget *
create_sidebar_row (const char *name,
                    const char *title,
                    const char *icon_name)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);
  GtkWidget *label = gtk_label_new (title);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_name (row, name);

  return row;
}

static GtkWidget *
create_coming_page (const FaltPageInfo *info)
{
  GtkWidget *page = adw_status_page_new ();

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (page), info->icon_name);
  adw_status_page_set_title (ADW_STATUS_PAGE (page), _(info->title));
  adw_status_page_set_description (ADW_STATUS_PAGE (page), _(info->coming));

  return page;
}

static void
add_page (FaltWindow *self,
          const char *name,
          const char *title,
          const char *icon_name,
          GtkWidget  *page)
{
  GtkStackPage *stack_page = gtk_stack_add_titled (self->page_stack, page, name, title);

  gtk_stack_page_set_icon_name (stack_page, icon_name);
  gtk_list_box_append (self->sidebar_list, create_sidebar_row (name, title, icon_name));
  gtk_string_list_append (self->page_names, name);
}

static GtkListBoxRow *
find_sidebar_row (FaltWindow *self,
                  const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LIST_BOX_ROW (child) && g_strcmp0 (gtk_widget_get_name (child), name) == 0)
        return GTK_LIST_BOX_ROW (child);
    }

  return NULL;
}

void
falt_window_show_page (FaltWindow *self,
                       const char *page_name)
{
  GtkListBoxRow *row;

  g_return_if_fail (FALT_IS_WINDOW (self));

  row = find_sidebar_row (self, page_name);
  if (row == NULL)
    {
      g_debug ("No page called “%s”", page_name);
      return;
    }

  gtk_list_box_select_row (self->sidebar_list, row);
  gtk_stack_set_visible_child_name (self->page_stack, page_name);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

const char *
falt_window_get_visible_page (FaltWindow *self)
{
  g_return_val_if_fail (FALT_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->page_stack);
}

/**
 * falt_window_get_page_names:
 *
 * Returns: (transfer none): the names of the pages in sidebar order.
 */
GListModel *
falt_window_get_page_names (FaltWindow *self)
{
  g_return_val_if_fail (FALT_IS_WINDOW (self), NULL);

  return G_LIST_MODEL (self->page_names);
}

void
falt_window_add_toast (FaltWindow *self,
                       const char *message)
{
  g_return_if_fail (FALT_IS_WINDOW (self));

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
on_sidebar_row_activated_cb (GtkListBox    *list,
                             GtkListBoxRow *row,
                             FaltWindow    *self)
{
  falt_window_show_page (self, gtk_widget_get_name (GTK_WIDGET (row)));
}

static void
on_visible_page_changed_cb (FaltWindow *self)
{
  GtkWidget *child = gtk_stack_get_visible_child (self->page_stack);
  GtkStackPage *page;

  if (child == NULL)
    return;

  page = gtk_stack_get_page (self->page_stack, child);
  adw_window_title_set_title (self->content_title, gtk_stack_page_get_title (page));
  g_settings_set_string (self->settings, "last-page", gtk_stack_page_get_name (page));
}

static gboolean
invert_boolean_cb (gpointer unused,
                   gboolean value)
{
  return !value;
}

static void
go_back_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  FaltWindow *self = FALT_WINDOW (widget);

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

static void
restore_window_state (FaltWindow *self,
                      const char *last_page)
{
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  if (find_sidebar_row (self, last_page) == NULL)
    last_page = fixed_pages[0].name;

  falt_window_show_page (self, last_page);
  /* The window opens on the sidebar when folded, like Settings does. */
  adw_leaflet_set_visible_child (self->leaflet, self->sidebar_box);
}

static void
save_window_state (FaltWindow *self)
{
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
}

static gboolean
falt_window_close_request (GtkWindow *window)
{
  save_window_state (FALT_WINDOW (window));

  return GTK_WINDOW_CLASS (falt_window_parent_class)->close_request (window);
}

static void
falt_window_dispose (GObject *object)
{
  FaltWindow *self = FALT_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), FALT_TYPE_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->page_names);

  G_OBJECT_CLASS (falt_window_parent_class)->dispose (object);
}

static void
falt_window_class_init (FaltWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = falt_window_dispose;
  window_class->close_request = falt_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/falt-window.ui");
  gtk_widget_class_bind_template_child (widget_class, FaltWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, FaltWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, FaltWindow, sidebar_box);
  gtk_widget_class_bind_template_child (widget_class, FaltWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, FaltWindow, page_stack);
  gtk_widget_class_bind_template_child (widget_class, FaltWindow, content_title);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_visible_page_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, invert_boolean_cb);

  gtk_widget_class_install_action (widget_class, "win.go-back", NULL, go_back_action);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.go-back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
falt_window_init (FaltWindow *self)
{
  g_autofree char *last_page = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APPLICATION_ID);
  self->page_names = gtk_string_list_new (NULL);
  /* Read before the pages exist: adding the first one makes it visible,
   * which would record it as the last page. */
  last_page = g_settings_get_string (self->settings, "last-page");

  for (guint i = 0; i < G_N_ELEMENTS (fixed_pages); i++)
    add_page (self, fixed_pages[i].name, _(fixed_pages[i].title), fixed_pages[i].icon_name,
              fixed_pages[i].create != NULL ? fixed_pages[i].create ()
                                             : create_coming_page (&fixed_pages[i]));

  restore_window_state (self, last_page);
}

FaltWindow *
falt_window_new (AdwApplication *application)
{
  return g_object_new (FALT_TYPE_WINDOW, "application", application, NULL);
}
