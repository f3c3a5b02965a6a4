/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-window"

#include <glib/gi18n.h>

#include "falt-document-page.h"
#include "falt-search-page.h"
#include "falt-window-private.h"

/* The window's keyboard: presentation mode and the keys a clicker sends, F6 between the panes,
 * Tab out of the sidebar, type-to-search. */

/* On a second monitor (a projector), fullscreen there; else here. */
static void
fullscreen_for_presentation (FaltWindow *self)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (self));
  GListModel *monitors = gdk_display_get_monitors (display);
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (self));
  GdkMonitor *current = surface != NULL ? gdk_display_get_monitor_at_surface (display, surface) : NULL;

  for (guint i = 0; g_list_model_get_n_items (monitors) > 1 && i < g_list_model_get_n_items (monitors); i++)
    {
      g_autoptr (GdkMonitor) monitor = g_list_model_get_item (monitors, i);

      if (monitor != current)
        {
          gtk_window_fullscreen_on_monitor (GTK_WINDOW (self), monitor);
          return;
        }
    }
  gtk_window_fullscreen (GTK_WINDOW (self));
}

/**
 * falt_window_set_presenting:
 * @presenting: whether to present the document shown
 *
 * Presentation mode, for trainers: fullscreen (on a second monitor when
 * there is one), no sidebar or header bars, large article text. Only a
 * document can be presented.
 */
void
falt_window_set_presenting (FaltWindow *self,
                            gboolean    presenting)
{
  gboolean document_shown;

  g_return_if_fail (FALT_IS_WINDOW (self));

  presenting = !!presenting;
  document_shown = self->document_page != NULL
                   && gtk_stack_get_visible_child (self->page_stack) == self->document_page
                   && falt_document_page_get_title (FALT_DOCUMENT_PAGE (self->document_page)) != NULL;
  if (presenting == self->presenting)
    return;
  if (presenting && !document_shown)
    {
      falt_window_add_toast (self, _("Open a document to present it"));
      return;
    }

  self->presenting = presenting;
  gtk_widget_set_visible (self->sidebar_box, !presenting);
  gtk_widget_set_visible (self->sidebar_separator, !presenting);
  gtk_widget_set_visible (self->content_header, !presenting);
  if (self->document_page != NULL)
    falt_document_page_set_presenting (FALT_DOCUMENT_PAGE (self->document_page), presenting);
  if (presenting)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self), "falt-presenting");
      fullscreen_for_presentation (self);
      falt_window_add_toast (self, _("Presenting: Page Down or Space for the next part, Escape to stop"));
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self), "falt-presenting");
      gtk_window_unfullscreen (GTK_WINDOW (self));
    }
}

gboolean
falt_window_get_presenting (FaltWindow *self)
{
  g_return_val_if_fail (FALT_IS_WINDOW (self), FALSE);

  return self->presenting;
}

static void
present_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  FaltWindow *self = FALT_WINDOW (widget);

  falt_window_set_presenting (self, !self->presenting);
}

static void
present_step_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  FaltWindow *self = FALT_WINDOW (widget);

  if (self->presenting && self->document_page != NULL)
    falt_document_page_step (FALT_DOCUMENT_PAGE (self->document_page),
                             g_str_has_suffix (action_name, "-next"));
}

/* While presenting, the keys a presentation clicker sends (Page Down/Up,
 * arrows, space) step; Escape stops. Before any widget sees them. */
static gboolean
on_presentation_key_pressed_cb (GtkEventControllerKey *controller,
                                guint                  keyval,
                                guint                  keycode,
                                GdkModifierType        state,
                                FaltWindow            *self)
{
  if (!self->presenting || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
    case GDK_KEY_Right:
    case GDK_KEY_Down:
    case GDK_KEY_space:
    case GDK_KEY_n:
      gtk_widget_activate_action (GTK_WIDGET (self), "win.present-next", NULL);
      return TRUE;
    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
    case GDK_KEY_Left:
    case GDK_KEY_Up:
    case GDK_KEY_BackSpace:
    case GDK_KEY_p:
      gtk_widget_activate_action (GTK_WIDGET (self), "win.present-previous", NULL);
      return TRUE;
    case GDK_KEY_Escape:
      falt_window_set_presenting (self, FALSE);
      return TRUE;
    default:
      return FALSE;
    }
}

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
 * Installs win.present, win.present-next/-previous and win.next-pane with their keys.
 */
void
falt_window_install_keyboard_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.next-pane", NULL, next_pane_action);
  gtk_widget_class_install_action (widget_class, "win.present", NULL, present_action);
  gtk_widget_class_install_action (widget_class, "win.present-next", NULL, present_step_action);
  gtk_widget_class_install_action (widget_class, "win.present-previous", NULL, present_step_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.present", NULL);
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
  GtkEventController *presentation_keys = gtk_event_controller_key_new ();

  gtk_event_controller_set_propagation_phase (presentation_keys, GTK_PHASE_CAPTURE);
  g_signal_connect (presentation_keys, "key-pressed", G_CALLBACK (on_presentation_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), presentation_keys);

  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_window_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  /* Before the list's own handling of Tab. */
  gtk_event_controller_set_propagation_phase (sidebar_keys, GTK_PHASE_CAPTURE);
  g_signal_connect (sidebar_keys, "key-pressed", G_CALLBACK (on_sidebar_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->sidebar_list), sidebar_keys);
}
