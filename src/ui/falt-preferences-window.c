/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-preferences"

#include <glib/gi18n.h>

#include "falt-preferences-window.h"

struct _FaltPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  AdwEntryRow          *feed_url_row;
  AdwComboRow          *language_row;
};

G_DEFINE_FINAL_TYPE (FaltPreferencesWindow, falt_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* Order matches the string list in the template: "" follows the system. */
static const char *const content_languages[] = { "", "sv", "en", "uk" };

static gboolean
language_to_position (GValue   *value,
                      GVariant *variant,
                      gpointer  user_data)
{
  const char *language = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (content_languages); i++)
    {
      if (g_strcmp0 (language, content_languages[i]) == 0)
        {
          g_value_set_uint (value, i);
          return TRUE;
        }
    }

  g_value_set_uint (value, 0);
  return TRUE;
}

static GVariant *
position_to_language (const GValue       *value,
                      const GVariantType *expected_type,
                      gpointer            user_data)
{
  guint position = g_value_get_uint (value);

  if (position >= G_N_ELEMENTS (content_languages))
    position = 0;

  return g_variant_new_string (content_languages[position]);
}

static void
falt_preferences_window_dispose (GObject *object)
{
  FaltPreferencesWindow *self = FALT_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), FALT_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (falt_preferences_window_parent_class)->dispose (object);
}

static void
falt_preferences_window_class_init (FaltPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = falt_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/falt-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, FaltPreferencesWindow, feed_url_row);
  gtk_widget_class_bind_template_child (widget_class, FaltPreferencesWindow, language_row);
}

static void
falt_preferences_window_init (FaltPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APPLICATION_ID);
  g_settings_bind (self->settings, "feed-url", self->feed_url_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "content-language",
                                self->language_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                language_to_position, position_to_language,
                                NULL, NULL);
}

FaltPreferencesWindow *
falt_preferences_window_new (void)
{
  return g_object_new (FALT_TYPE_PREFERENCES_WINDOW, NULL);
}
