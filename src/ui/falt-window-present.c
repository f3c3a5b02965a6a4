/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-window"

#include <glib/gi18n.h>

#include "falt-document-page.h"
#include "falt-present-monitor.h"
#include "falt-window-private.h"

/* Presentation mode, for trainers: the document shown fullscreen (on a
 * projector when there is one), no sidebar or header bars; an article in
 * large text one `##` section at a time (or whole), a PDF one page at a
 * time; stepped with the keys a presentation clicker sends. Escape brings
 * the window back as it was. */

/* The monitor presentation mode chose, for tests (NULL: the window's own). */
#define PRESENTATION_MONITOR_KEY "falt-presentation-monitor"

/* On another monitor (a projector), fullscreen there, the largest of
 * several; else here. */
static void
fullscreen_for_presentation (FaltWindow *self)
{
  GdkMonitor *monitor = falt_present_monitor_for_window (GTK_WINDOW (self));

  g_object_set_data_full (G_OBJECT (self), PRESENTATION_MONITOR_KEY, monitor, monitor != NULL ? g_object_unref : NULL);
  if (monitor != NULL)
    gtk_window_fullscreen_on_monitor (GTK_WINDOW (self), monitor);
  else
    gtk_window_fullscreen (GTK_WINDOW (self));
}

/**
 * falt_window_get_presentation_monitor:
 *
 * For tests: what the last presentation went fullscreen on.
 *
 * Returns: (transfer none) (nullable): the monitor, or %NULL for the one
 *   the window was on
 */
GdkMonitor *
falt_window_get_presentation_monitor (FaltWindow *self)
{
  g_return_val_if_fail (FALT_IS_WINDOW (self), NULL);

  return g_object_get_data (G_OBJECT (self), PRESENTATION_MONITOR_KEY);
}

static FaltDocumentPage *
presented_page (FaltWindow *self)
{
  return FALT_DOCUMENT_PAGE (self->document_page);
}

/* "3 / 7" in the corner; a screen reader says "Slide 3 of 7". */
static void
update_step_label (FaltWindow *self)
{
  int n_steps = 0;
  int step = self->presenting ? falt_document_page_get_presentation_step (presented_page (self), &n_steps) : 0;
  const char *kind = self->presenting ? falt_document_page_get_kind (presented_page (self)) : NULL;
  /* A document with no kind is a file from disk: a PDF. */
  gboolean is_pdf = self->presenting && (kind == NULL || g_strcmp0 (kind, "pdf") == 0);
  g_autofree char *shown = NULL;
  g_autofree char *spoken = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->presentation_step_label), step > 0);
  gtk_widget_set_visible (self->presentation_continuous_button, self->presenting && !is_pdf);
  if (step <= 0)
    return;

  /* Translators: the slide or page presented, of how many: "3 / 7". */
  shown = g_strdup_printf (_("%1$d / %2$d"), step, n_steps);
  /* Translators: what a screen reader says for "3 / 7" while presenting a PDF. */
  spoken = is_pdf ? g_strdup_printf (_("Page %1$d of %2$d"), step, n_steps)
  /* Translators: what a screen reader says for "3 / 7" while presenting an article's sections. */
                  : g_strdup_printf (_("Slide %1$d of %2$d"), step, n_steps);
  gtk_label_set_text (self->presentation_step_label, shown);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->presentation_step_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
}

static void
set_blank (FaltWindow *self,
           gboolean    blank)
{
  gtk_widget_set_visible (self->presentation_blank, self->presenting && blank);
}

static gboolean
get_blank (FaltWindow *self)
{
  return gtk_widget_get_visible (self->presentation_blank);
}

/**
 * falt_window_set_presenting:
 * @presenting: whether to present the document shown
 *
 * Presentation mode, for trainers: fullscreen (on another monitor when
 * there is one), no sidebar or header bars, large article text. Only a
 * document can be presented. Leaving it, the window is as it was: not
 * fullscreen unless it was, the sidebar back, the document at its zoom and
 * where it was, the focus where it was.
 */
void
falt_window_set_presenting (FaltWindow *self,
                            gboolean    presenting)
{
  gboolean document_shown;

  g_return_if_fail (FALT_IS_WINDOW (self));

  presenting = !!presenting;
  document_shown = falt_window_is_showing_document (self)
                   && falt_document_page_get_title (presented_page (self)) != NULL;
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
  gtk_widget_set_visible (self->presentation_bar, presenting);
  set_blank (self, FALSE);
  if (presenting)
    {
      GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

      g_set_weak_pointer (&self->focus_before_presenting, focus);
      self->fullscreen_before_presenting = gtk_window_is_fullscreen (GTK_WINDOW (self));
      falt_document_page_set_presenting_continuous (presented_page (self), self->presenting_continuous);
      falt_document_page_set_presenting (presented_page (self), TRUE);
      g_signal_connect_object (self->document_page, "notify::presentation-step", G_CALLBACK (update_step_label), self,
                               G_CONNECT_SWAPPED);
      gtk_widget_add_css_class (GTK_WIDGET (self), "falt-presenting");
      fullscreen_for_presentation (self);
      falt_window_add_toast (self, _("Presenting: Page Down or Space for the next part, Escape to stop"));
    }
  else
    {
      g_signal_handlers_disconnect_by_func (self->document_page, update_step_label, self);
      falt_document_page_set_presenting (presented_page (self), FALSE);
      gtk_widget_remove_css_class (GTK_WIDGET (self), "falt-presenting");
      if (!self->fullscreen_before_presenting)
        gtk_window_unfullscreen (GTK_WINDOW (self));
      if (self->focus_before_presenting != NULL && gtk_widget_is_visible (self->focus_before_presenting))
        gtk_widget_grab_focus (self->focus_before_presenting);
      g_clear_weak_pointer (&self->focus_before_presenting);
    }
  update_step_label (self);
}

gboolean
falt_window_get_presenting (FaltWindow *self)
{
  g_return_val_if_fail (FALT_IS_WINDOW (self), FALSE);

  return self->presenting;
}

/**
 * falt_window_set_presenting_continuous:
 * @continuous: %TRUE to present an article whole, at the large size;
 *   %FALSE (the default) for one `##` section at a time
 */
void
falt_window_set_presenting_continuous (FaltWindow *self,
                                       gboolean    continuous)
{
  g_return_if_fail (FALT_IS_WINDOW (self));

  if (self->presenting_continuous == !!continuous)
    return;
  self->presenting_continuous = !!continuous;
  if (self->presenting)
    falt_document_page_set_presenting_continuous (presented_page (self), continuous);
  update_step_label (self);
  g_object_notify (G_OBJECT (self), "presenting-continuous");
}

gboolean
falt_window_get_presenting_continuous (FaltWindow *self)
{
  g_return_val_if_fail (FALT_IS_WINDOW (self), FALSE);

  return self->presenting_continuous;
}

static void
present_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  FaltWindow *self = FALT_WINDOW (widget);

  falt_window_set_presenting (self, !self->presenting);
}

/* A step while the screen is blank only brings the slide back. */
static void
present_step_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  FaltWindow *self = FALT_WINDOW (widget);

  if (!self->presenting)
    return;
  if (get_blank (self))
    {
      set_blank (self, FALSE);
      return;
    }
  falt_document_page_step (presented_page (self), g_str_has_suffix (action_name, "-next"));
}

static void
present_blank_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  FaltWindow *self = FALT_WINDOW (widget);

  set_blank (self, !get_blank (self));
}

/* While presenting, the keys a presentation clicker sends (Page Down/Up,
 * arrows, space; "b" or "." to blank) step; Escape stops. Before any
 * widget sees them. */
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
    case GDK_KEY_Return:
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
    case GDK_KEY_b:
    case GDK_KEY_B:
    case GDK_KEY_period:
      gtk_widget_activate_action (GTK_WIDGET (self), "win.present-blank", NULL);
      return TRUE;
    case GDK_KEY_Escape:
      falt_window_set_presenting (self, FALSE);
      return TRUE;
    default:
      return FALSE;
    }
}

/**
 * falt_window_install_presentation_actions:
 * @widget_class: the window's class
 *
 * Installs win.present (F5), win.present-next, win.present-previous,
 * win.present-blank and win.present-continuous (the "presenting-continuous"
 * property).
 */
void
falt_window_install_presentation_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.present", NULL, present_action);
  gtk_widget_class_install_action (widget_class, "win.present-next", NULL, present_step_action);
  gtk_widget_class_install_action (widget_class, "win.present-previous", NULL, present_step_action);
  gtk_widget_class_install_action (widget_class, "win.present-blank", NULL, present_blank_action);
  gtk_widget_class_install_property_action (widget_class, "win.present-continuous", "presenting-continuous");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.present", NULL);
  /* Some clickers start from the current slide with Shift+F5. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, GDK_SHIFT_MASK, "win.present", NULL);
}

/**
 * falt_window_add_presentation_keys:
 * @self: a #FaltWindow
 *
 * Adds the keys that step a presentation, ahead of every widget.
 */
void
falt_window_add_presentation_keys (FaltWindow *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_presentation_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}
