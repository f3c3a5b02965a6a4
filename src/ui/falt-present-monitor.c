/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-window"

#include "falt-present-monitor.h"

/* Which monitor presentation mode goes fullscreen on: the projector, that
 * is, a monitor the window is not on; of several, the largest. */

/**
 * falt_present_monitor_choose:
 * @geometries: (array length=n_monitors): the monitors' geometries
 * @current: the index of the monitor the window is on, or -1 when unknown
 *
 * Returns: the index of the largest monitor (by area; the first of equal
 *   ones) other than @current, or -1 when there is none: fullscreen where
 *   the window is
 */
int
falt_present_monitor_choose (const GdkRectangle *geometries,
                             guint               n_monitors,
                             int                 current)
{
  gint64 largest = -1;
  int chosen = -1;

  /* One monitor, or where the window is is unknown: no other to choose. */
  if (n_monitors < 2 || current < 0 || (guint) current >= n_monitors)
    return -1;

  for (guint i = 0; i < n_monitors; i++)
    {
      gint64 area = (gint64) MAX (geometries[i].width, 0) * MAX (geometries[i].height, 0);

      if ((int) i != current && area > largest)
        {
          largest = area;
          chosen = (int) i;
        }
    }
  return chosen;
}

/**
 * falt_present_monitor_for_window:
 *
 * Returns: (transfer full) (nullable): the monitor to present @window's
 *   document on, or %NULL for the one it is on
 */
GdkMonitor *
falt_present_monitor_for_window (GtkWindow *window)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (window));
  GListModel *monitors = gdk_display_get_monitors (display);
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  GdkMonitor *current = surface != NULL ? gdk_display_get_monitor_at_surface (display, surface) : NULL;
  guint n_monitors = g_list_model_get_n_items (monitors);
  g_autofree GdkRectangle *geometries = g_new0 (GdkRectangle, MAX (n_monitors, 1));
  int current_index = -1;
  int chosen;

  for (guint i = 0; i < n_monitors; i++)
    {
      g_autoptr (GdkMonitor) monitor = g_list_model_get_item (monitors, i);

      gdk_monitor_get_geometry (monitor, &geometries[i]);
      if (monitor == current)
        current_index = (int) i;
    }
  chosen = falt_present_monitor_choose (geometries, n_monitors, current_index);
  return chosen >= 0 ? g_list_model_get_item (monitors, (guint) chosen) : NULL;
}
