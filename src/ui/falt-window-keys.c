/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-window"


#include "falt-document-page.h"
#include "falt-search-page.h"
#include "falt-window-private.h"

/* The window's keyboard: F6 between the panes, Tab out of the sidebar,
 * type-to-search. Presentation mode's keys are in falt-window-present.c. */

/* Moves the focus into the page shown (its first control), or, when it
 * has none, onto the page's header. */
static void
focus_content (FaltWindow *self)
{
  GtkWidget *page = gtk_stack_get_visible_child (self->page_stack);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  if (page == NULL)
    return;
  if (gtk_widget_get_focusable (page) && gtk_widget_grab_focus (page))
    return;
  if (!gtk_widget_child_focus (page, GTK_DIR_TAB_FORWARD))
    gtk_widget_child_focus (self->content_box, GTK_DIR_TAB_FORWARD);
}

static void
focus_sidebar (FaltWindow *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->sidebar_list);

  adw_leaflet_set_visible_child (self->leaflet, self->sidebar_box);
  if (row != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));
  else
    gtk_widget_child_focus (GTK_WIDGET (self->sidebar_list), GTK_DIR_TAB_FORWARD);
}

static gboolean
focus_is_in (FaltWindow *self,
             GtkWidget  *area)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  return focus != NULL && (focus == area || gtk_widget_is_ancestor (focus, area));
}

/* F6, as in GNOME apps: between the sidebar and the page. */
static void
next_pane_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  FaltWindow *self = FALT_WINDOW (widget);

  if (focus_is_in (self, self->sidebar_box))
    focus_content (self);
  else
    focus_sidebar (self);
}

/* In the sidebar the arrow keys move from row to row; Tab leaves it for
 * the page, as in Settings, instead of stepping through every row. */
static gboolean
on_sidebar_key_pressed_cb (GtkEventControllerKey *controller,
                           guint                  keyval,
                           guint                  keycode,
                           GdkModifierType        state,
                           FaltWindow            *self)
{
  if ((keyval != GDK_KEY_Tab && keyval != GDK_KEY_KP_Tab)
      || (state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;

  focus_content (self);
  return TRUE;
}

/* Type-to-search, as in GNOME apps: a letter typed where nothing takes
 * text starts a search with it. The search page's own field catches keys
 * on that page (GtkSearchEntry's key capture). */
static gboolean
on_window_key_pressed_cb (GtkEventControllerKey *controller,
                          guint                  keyval,
                          guint                  keycode,
                          GdkModifierType        state,
                          FaltWindow            *self)
{
  gunichar c = gdk_keyval_to_unicode (keyval);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  GtkWidget *page;
  char text[7] = { 0 };

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) != 0 || c == 0 || !g_unichar_isgraph (c)
      || self->store == NULL || self->presenting
      || g_strcmp0 (gtk_stack_get_visible_child_name (self->page_stack), "search") == 0)
    return FALSE;
  if (focus != NULL && (GTK_IS_EDITABLE (focus)
                        || (GTK_IS_TEXT_VIEW (focus) && gtk_text_view_get_editable (GTK_TEXT_VIEW (focus)))))
    return FALSE;

  falt_window_show_page (self, "search");
  page = gtk_stack_get_child_by_name (self->page_stack, "search");
  if (!FALT_IS_SEARCH_PAGE (page))
    return FALSE;
  g_unichar_to_utf8 (c, text);
  falt_search_page_start_typing (FALT_SEARCH_PAGE (page), controller, text);
  return TRUE;
}

/**
 * falt_window_install_keyboard_actions:
 * @widget_class: the window's class
 *
 * Installs win.next-pane with its keys, and presentation mode's actions.
 */
void
falt_window_install_keyboard_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.next-pane", NULL, next_pane_action);
  falt_window_install_presentation_actions (widget_class);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F6, 0, "win.next-pane", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F6, GDK_SHIFT_MASK, "win.next-pane", NULL);
}

/**
 * falt_window_add_key_controllers:
 * @self: a #FaltWindow
 *
 * Adds the presentation keys, type-to-search and the sidebar's Tab handling.
 */
void
falt_window_add_key_controllers (FaltWindow *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkEventController *sidebar_keys = gtk_event_controller_key_new ();

  falt_window_add_presentation_keys (self);

  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_window_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  /* Before the list's own handling of Tab. */
  gtk_event_controller_set_propagation_phase (sidebar_keys, GTK_PHASE_CAPTURE);
  g_signal_connect (sidebar_keys, "key-pressed", G_CALLBACK (on_sidebar_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->sidebar_list), sidebar_keys);
}
