/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-update-bar"

#include <glib/gi18n.h>

#include "falt-update-bar.h"

/* A strip above the page while an update runs: what it is doing, how far it got, and Cancel.
 * It only reflects the updater's properties. */

struct _FaltUpdateBar
{
  GtkWidget       parent_instance;

  FaltUpdater    *updater;
  GtkRevealer    *revealer;
  GtkLabel       *status_label;
  GtkProgressBar *progress_bar;
  guint           pulse_source;
};

G_DEFINE_FINAL_TYPE (FaltUpdateBar, falt_update_bar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_UPDATER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
describe_state (FaltUpdaterState state)
{
  switch (state)
    {
    case FALT_UPDATER_STATE_CHECKING: return _("Checking for updates…");
    case FALT_UPDATER_STATE_DOWNLOADING: return _("Downloading the update…");
    case FALT_UPDATER_STATE_APPLYING: return _("Installing the update…");
    case FALT_UPDATER_STATE_IDLE:
    case FALT_UPDATER_STATE_UP_TO_DATE:
    case FALT_UPDATER_STATE_UPDATED:
    case FALT_UPDATER_STATE_FAILED:
    default:
      return "";
    }
}

static gboolean
pulse_cb (gpointer user_data)
{
  FaltUpdateBar *self = user_data;

  gtk_progress_bar_pulse (self->progress_bar);
  return G_SOURCE_CONTINUE;
}

/* Checking has no known length: the bar pulses until bytes start to arrive. */
static void
on_updater_changed_cb (FaltUpdateBar *self)
{
  FaltUpdaterState state = falt_updater_get_state (self->updater);
  gboolean checking = state == FALT_UPDATER_STATE_CHECKING;

  gtk_revealer_set_reveal_child (self->revealer, falt_updater_get_busy (self->updater));
  gtk_label_set_label (self->status_label, describe_state (state));
  if (checking && self->pulse_source == 0)
    self->pulse_source = g_timeout_add (150, pulse_cb, self);
  else if (!checking)
    {
      g_clear_handle_id (&self->pulse_source, g_source_remove);
      gtk_progress_bar_set_fraction (self->progress_bar, falt_updater_get_fraction (self->updater));
    }
}

static void
falt_update_bar_constructed (GObject *object)
{
  FaltUpdateBar *self = FALT_UPDATE_BAR (object);

  G_OBJECT_CLASS (falt_update_bar_parent_class)->constructed (object);
  g_signal_connect_object (self->updater, "notify::state", G_CALLBACK (on_updater_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->updater, "notify::fraction", G_CALLBACK (on_updater_changed_cb), self,
                           G_CONNECT_SWAPPED);
  on_updater_changed_cb (self);
}

static void
falt_update_bar_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  FaltUpdateBar *self = FALT_UPDATE_BAR (object);

  switch (prop_id)
    {
    case PROP_UPDATER:
      self->updater = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
falt_update_bar_dispose (GObject *object)
{
  FaltUpdateBar *self = FALT_UPDATE_BAR (object);

  g_clear_handle_id (&self->pulse_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), FALT_TYPE_UPDATE_BAR);
  g_clear_object (&self->updater);
  G_OBJECT_CLASS (falt_update_bar_parent_class)->dispose (object);
}

static void
falt_update_bar_class_init (FaltUpdateBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = falt_update_bar_constructed;
  object_class->set_property = falt_update_bar_set_property;
  object_class->dispose = falt_update_bar_dispose;

  properties[PROP_UPDATER] =
    g_param_spec_object ("updater", NULL, NULL, FALT_TYPE_UPDATER,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/falt-update-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, FaltUpdateBar, revealer);
  gtk_widget_class_bind_template_child (widget_class, FaltUpdateBar, status_label);
  gtk_widget_class_bind_template_child (widget_class, FaltUpdateBar, progress_bar);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_STATUS);
}

static void
falt_update_bar_init (FaltUpdateBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * falt_update_bar_new:
 * @updater: the updater to show
 *
 * Returns: (transfer floating): a new #FaltUpdateBar
 */
GtkWidget *
falt_update_bar_new (FaltUpdater *updater)
{
  return g_object_new (FALT_TYPE_UPDATE_BAR, "updater", updater, NULL);
}
