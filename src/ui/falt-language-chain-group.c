/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-language-chain-group"

#include <glib/gi18n.h>

#include "falt-content-languages.h"
#include "falt-language-chain-group.h"
#include "falt-ui-utils.h"

/* Preferences' "Language of the Material": the chain of languages
 * (falt_content_language_chain()) as rows in order, each with Move Up and
 * Move Down, and Reset to the default chain, which follows the interface's
 * language. The rows follow the setting, however it changes. */

struct _FaltLanguageChainGroup
{
  AdwPreferencesGroup  parent_instance;

  GSettings           *settings;
  GPtrArray           *rows;
  GtkWidget           *reset_button;
};

G_DEFINE_FINAL_TYPE (FaltLanguageChainGroup, falt_language_chain_group, ADW_TYPE_PREFERENCES_GROUP)

static GtkWidget *
create_move_button (const char *icon_name,
                    const char *name,
                    const char *action_name,
                    const char *lang,
                    const char *label,
                    gboolean    sensitive)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_name (button, name);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  /* The first cannot go up, the last not down: shown insensitive (an
   * action would make the button sensitive again). */
  if (sensitive)
    {
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", lang);
    }
  else
    gtk_widget_set_sensitive (button, FALSE);
  return button;
}

static GtkWidget *
create_row (const char *lang,
            guint       position,
            guint       n_langs)
{
  GtkWidget *row = adw_action_row_new ();
  const char *name = falt_language_name (lang);
  const char *endonym = falt_language_endonym (lang);
  /* Translators: a row of the languages' order in Preferences: "2. English". */
  g_autofree char *title = g_strdup_printf (_("%u. %s"), position + 1, endonym);
  /* Translators: the buttons that move a language in the order: "Move Ukrainian Up". */
  g_autofree char *up = g_strdup_printf (_("Move %s Up"), name);
  g_autofree char *down = g_strdup_printf (_("Move %s Down"), name);
  g_autofree char *folded_name = g_utf8_casefold (name, -1);
  g_autofree char *folded_endonym = g_utf8_casefold (endonym, -1);
  /* The name in the interface's language, unless it is the same word. */
  gboolean named_twice = g_strcmp0 (folded_name, folded_endonym) != 0;
  g_autofree char *accessible = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  if (named_twice)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), name);
  accessible = named_twice ? g_strdup_printf ("%s (%s)", title, name) : g_strdup (title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  gtk_widget_set_name (row, lang);

  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             create_move_button ("go-up-symbolic", "move-up", "languages.move-up", lang, up, position > 0));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             create_move_button ("go-down-symbolic", "move-down", "languages.move-down", lang, down,
                                                 position + 1 < n_langs));
  return row;
}

static gboolean
chain_is_default (GSettings *settings)
{
  g_auto (GStrv) chosen = g_settings_get_strv (settings, "content-languages");
  g_autofree char *old_choice = g_settings_get_string (settings, "content-language");

  return chosen[0] == NULL && *old_choice == '\0';
}

static void
fill_rows (FaltLanguageChainGroup *self)
{
  g_auto (GStrv) chain = NULL;
  guint n_langs;

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), self->rows->pdata[i]);
  g_ptr_array_set_size (self->rows, 0);
  if (self->settings == NULL)
    return;

  chain = falt_content_language_chain (self->settings);
  n_langs = g_strv_length (chain);
  for (guint i = 0; i < n_langs; i++)
    {
      GtkWidget *row = create_row (chain[i], i, n_langs);

      g_ptr_array_add (self->rows, row);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
    }
  gtk_widget_set_sensitive (self->reset_button, !chain_is_default (self->settings));
}

/* Moves @lang one place up (-1) or down (+1). */
static void
move_language (FaltLanguageChainGroup *self,
               const char             *lang,
               int                     direction)
{
  g_auto (GStrv) chain = NULL;
  guint n_langs;

  if (self->settings == NULL)
    return;
  chain = falt_content_language_chain (self->settings);
  n_langs = g_strv_length (chain);
  for (guint i = 0; i < n_langs; i++)
    if (g_strcmp0 (chain[i], lang) == 0)
      {
        int other = (int) i + direction;
        char *swap;

        if (other < 0 || other >= (int) n_langs)
          return;
        swap = chain[i];
        chain[i] = chain[other];
        chain[other] = swap;
        falt_set_content_language_chain (self->settings, (const char * const *) chain);
        return;
      }
}

static void
move_up_cb (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  move_language (FALT_LANGUAGE_CHAIN_GROUP (widget), g_variant_get_string (parameter, NULL), -1);
}

static void
move_down_cb (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  move_language (FALT_LANGUAGE_CHAIN_GROUP (widget), g_variant_get_string (parameter, NULL), 1);
}

static void
reset_cb (GtkWidget  *widget,
          const char *action_name,
          GVariant   *parameter)
{
  FaltLanguageChainGroup *self = FALT_LANGUAGE_CHAIN_GROUP (widget);

  if (self->settings != NULL)
    falt_reset_content_language_chain (self->settings);
}

/**
 * falt_language_chain_group_set_settings:
 * @self: a #FaltLanguageChainGroup
 * @settings: the application's settings
 *
 * Shows and changes the chain kept in @settings.
 */
void
falt_language_chain_group_set_settings (FaltLanguageChainGroup *self,
                                        GSettings              *settings)
{
  g_return_if_fail (FALT_IS_LANGUAGE_CHAIN_GROUP (self));
  g_return_if_fail (G_IS_SETTINGS (settings));

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_set_object (&self->settings, settings);
  g_signal_connect_object (settings, "changed::content-languages", G_CALLBACK (fill_rows), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "changed::content-language", G_CALLBACK (fill_rows), self,
                           G_CONNECT_SWAPPED);
  fill_rows (self);
}

static void
falt_language_chain_group_dispose (GObject *object)
{
  FaltLanguageChainGroup *self = FALT_LANGUAGE_CHAIN_GROUP (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), FALT_TYPE_LANGUAGE_CHAIN_GROUP);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (falt_language_chain_group_parent_class)->dispose (object);
}

static void
falt_language_chain_group_class_init (FaltLanguageChainGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = falt_language_chain_group_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/falt-language-chain-group.ui");
  gtk_widget_class_bind_template_child (widget_class, FaltLanguageChainGroup, reset_button);

  gtk_widget_class_install_action (widget_class, "languages.move-up", "s", move_up_cb);
  gtk_widget_class_install_action (widget_class, "languages.move-down", "s", move_down_cb);
  gtk_widget_class_install_action (widget_class, "languages.reset", NULL, reset_cb);
}

static void
falt_language_chain_group_init (FaltLanguageChainGroup *self)
{
  self->rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}
