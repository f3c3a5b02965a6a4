/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-pdf-canvas"

#include "falt-pdf-canvas-private.h"

/* Zooming by hand: Ctrl+scroll and a pinch on a touchpad or screen. */

static gboolean
on_scroll_cb (GtkEventControllerScroll *controller,
              double                    dx,
              double                    dy,
              FaltPdfCanvas            *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));

  /* Ctrl+scroll zooms; plain scrolling is the scrolled window's. */
  if ((state & GDK_CONTROL_MASK) == 0 || dy == 0)
    return FALSE;

  falt_pdf_canvas_set_zoom (self, self->zoom * (dy < 0 ? 1.1 : 1 / 1.1));
  return TRUE;
}

static void
on_zoom_scale_changed_cb (GtkGestureZoom *gesture,
                          double          scale,
                          FaltPdfCanvas  *self)
{
  double *start = g_object_get_data (G_OBJECT (gesture), "start-zoom");

  if (start != NULL)
    falt_pdf_canvas_set_zoom (self, *start * scale);
}

static void
on_zoom_begin_cb (GtkGesture       *gesture,
                  GdkEventSequence *sequence,
                  FaltPdfCanvas    *self)
{
  double *start = g_new (double, 1);

  *start = self->zoom;
  g_object_set_data_full (G_OBJECT (gesture), "start-zoom", start, g_free);
}

void
falt_pdf_canvas_add_zoom_gestures (FaltPdfCanvas *self)
{
  GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  GtkGesture *zoom = gtk_gesture_zoom_new ();

  g_signal_connect (scroll, "scroll", G_CALLBACK (on_scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);
  g_signal_connect (zoom, "begin", G_CALLBACK (on_zoom_begin_cb), self);
  g_signal_connect (zoom, "scale-changed", G_CALLBACK (on_zoom_scale_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (zoom));
}
