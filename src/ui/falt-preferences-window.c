/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-preferences"

#include <glib/gi18n.h>

#include "falt-language-chain-group.h"
#include "falt-preferences-window.h"

struct _FaltPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;
  FaltStore            *store;
  FaltUpdater          *updater;

  AdwEntryRow          *feed_url_row;
  AdwActionRow         *address_in_use_row;
  GtkSwitch            *automatic_switch;
  AdwActionRow         *installed_row;
  AdwActionRow         *last_check_row;
  FaltLanguageChainGroup *language_group;
};

G_DEFINE_FINAL_TYPE (FaltPreferencesWindow, falt_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_UPDATER,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
format_date (GDateTime *time)
{
  g_autoptr (GDateTime) local = time != NULL ? g_date_time_to_local (time) : NULL;

  /* Translators: a date and time as in "1 December 2026, 14:05" (strftime format). */
  return local != NULL ? g_date_time_format (local, _("%-d %B %Y, %H:%M")) : NULL;
}

/* What is installed, where updates come from and when they last came: said, not guessed. */
static void
update_status_rows (FaltPreferencesWindow *self)
{
  g_autoptr (GDateTime) signed_time = self->store != NULL ? falt_store_get_signed_time (self->store) : NULL;
  g_autoptr (GDateTime) last_check = self->updater != NULL ? falt_updater_dup_last_check (self->updater) : NULL;
  g_autofree char *signed_text = format_date (signed_time);
  g_autofree char *check_text = format_date (last_check);
  g_autofree char *installed = NULL;
  const char *address = self->updater != NULL ? falt_updater_get_feed_url (self->updater) : "";

  adw_action_row_set_subtitle (self->address_in_use_row,
                               address != NULL && *address != '\0'
                                 ? address
                                 : _("None configured: updates can still be imported from a file"));
  if (self->store == NULL)
    installed = g_strdup (_("Not available"));
  else
    /* Translators: "Version 7, created 1 December 2026, 14:05". */
    installed = g_strdup_printf (_("Version %lld, created %s"), (long long) falt_store_get_content_version (self->store),
                                 signed_text != NULL ? signed_text : "–");
  adw_action_row_set_subtitle (self->installed_row, installed);
  adw_action_row_set_subtitle (self->last_check_row, check_text != NULL ? check_text : _("Never"));
}

static void
falt_preferences_window_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  FaltPreferencesWindow *self = FALT_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_UPDATER:
      self->updater = g_value_dup_object (value);
      break;
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void bind_settings (FaltPreferencesWindow *self);

static void
falt_preferences_window_constructed (GObject *object)
{
  FaltPreferencesWindow *self = FALT_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (falt_preferences_window_parent_class)->constructed (object);
  bind_settings (self);
  if (self->store != NULL)
    g_signal_connect_object (self->store, "content-changed", G_CALLBACK (update_status_rows), self, G_CONNECT_SWAPPED);
  if (self->updater != NULL)
    {
      g_signal_connect_object (self->updater, "notify::last-check", G_CALLBACK (update_status_rows), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->updater, "notify::feed-url", G_CALLBACK (update_status_rows), self,
                               G_CONNECT_SWAPPED);
    }
  update_status_rows (self);
}

static void
falt_preferences_window_dispose (GObject *object)
{
  FaltPreferencesWindow *self = FALT_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), FALT_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_object (&self->updater);

  G_OBJECT_CLASS (falt_preferences_window_parent_class)->dispose (object);
}

static void
falt_preferences_window_class_init (FaltPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = falt_preferences_window_dispose;
  object_class->set_property = falt_preferences_window_set_property;
  object_class->constructed = falt_preferences_window_constructed;

  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, FALT_TYPE_STORE,
                                                G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UPDATER] = g_param_spec_object ("updater", NULL, NULL, FALT_TYPE_UPDATER,
                                                  G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* The application's one GSettings. */
  properties[PROP_SETTINGS] = g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                                                   G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/falt-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, FaltPreferencesWindow, feed_url_row);
  gtk_widget_class_bind_template_child (widget_class, FaltPreferencesWindow, address_in_use_row);
  gtk_widget_class_bind_template_child (widget_class, FaltPreferencesWindow, automatic_switch);
  gtk_widget_class_bind_template_child (widget_class, FaltPreferencesWindow, installed_row);
  gtk_widget_class_bind_template_child (widget_class, FaltPreferencesWindow, last_check_row);
  gtk_widget_class_bind_template_child (widget_class, FaltPreferencesWindow, language_group);
}

static void
falt_preferences_window_init (FaltPreferencesWindow *self)
{
  g_type_ensure (FALT_TYPE_LANGUAGE_CHAIN_GROUP);
  gtk_widget_init_template (GTK_WIDGET (self));
  /* So the address can be copied: libadwaita 1.3 has the property, Debian
   * 12's 1.2 (whose template would fail on it) not. */
  if (g_object_class_find_property (G_OBJECT_GET_CLASS (self->address_in_use_row), "subtitle-selectable") != NULL)
    g_object_set (self->address_in_use_row, "subtitle-selectable", TRUE, NULL);
}

static void
bind_settings (FaltPreferencesWindow *self)
{
  g_return_if_fail (G_IS_SETTINGS (self->settings));
  g_settings_bind (self->settings, "feed-url", self->feed_url_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "automatic-updates", self->automatic_switch, "active", G_SETTINGS_BIND_DEFAULT);
  falt_language_chain_group_set_settings (self->language_group, self->settings);
}

/**
 * falt_preferences_window_new:
 * @store: (nullable): the store, for the installed version
 * @updater: (nullable): the updater, for the address in use and the last check
 * @settings: the application's settings, which the rows change
 */
FaltPreferencesWindow *
falt_preferences_window_new (FaltStore   *store,
                             FaltUpdater *updater,
                             GSettings   *settings)
{
  return g_object_new (FALT_TYPE_PREFERENCES_WINDOW, "store", store, "updater", updater, "settings", settings, NULL);
}
