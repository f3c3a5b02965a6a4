/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-whats-new-page"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "falt-content-languages.h"
#include "falt-ui-utils.h"
#include "falt-whats-new-page.h"

/* "What's new": the documents the last update added, changed and removed, from the manifest
 * difference the store kept. Seeing it once is enough: Get Help Now stops pointing here. */

struct _FaltWhatsNewPage
{
  GtkWidget       parent_instance;

  FaltStore      *store;
  GSettings      *settings;
  GtkStack       *stack;
  AdwStatusPage  *empty_page;
  GtkBox         *groups_box;
  GtkLabel       *summary_label;
  GPtrArray      *groups;
};

G_DEFINE_FINAL_TYPE (FaltWhatsNewPage, falt_whats_new_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const struct
{
  const char *change;
  const char *title;
} change_kinds[] = {
  { "added", N_("New") },
  { "changed", N_("Changed") },
  { "removed", N_("Removed") },
};

static GtkWidget *
create_change_row (const FaltStoreChange *change)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), change->title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (g_strcmp0 (change->change, "removed") != 0)
    {
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.open-document");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "(si)", change->doc_id, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
    }
  else
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("No longer in the material"));
  return row;
}

static void
clear_groups (FaltWhatsNewPage *self)
{
  for (guint i = 0; i < self->groups->len; i++)
    gtk_box_remove (self->groups_box, self->groups->pdata[i]);
  g_ptr_array_set_size (self->groups, 0);
}

static void
show_message (FaltWhatsNewPage *self, const char *description)
{
  adw_status_page_set_description (self->empty_page, description);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

/**
 * falt_whats_new_page_reload:
 * @self: a #FaltWhatsNewPage
 *
 * Lists the changes of the last update again, in the material's language.
 */
void
falt_whats_new_page_reload (FaltWhatsNewPage *self)
{
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) langs = falt_content_language_chain (self->settings);
  g_autoptr (GPtrArray) changes = falt_store_list_changes (self->store, (const char * const *) langs, &error);
  g_autofree char *summary = NULL;

  clear_groups (self);
  if (changes == NULL)
    {
      show_message (self, error->message);
      return;
    }
  if (changes->len == 0)
    {
      show_message (self, _("The last update changed no document, or no update has been installed yet."));
      return;
    }
  summary = g_strdup_printf (_("Version %lld of the material. What the last update brought:"),
                             (long long) falt_store_get_content_version (self->store));
  gtk_label_set_label (self->summary_label, summary);
  for (guint k = 0; k < G_N_ELEMENTS (change_kinds); k++)
    {
      GtkWidget *group = NULL;

      for (guint i = 0; i < changes->len; i++)
        {
          FaltStoreChange *change = changes->pdata[i];

          if (g_strcmp0 (change->change, change_kinds[k].change) != 0)
            continue;
          if (group == NULL)
            {
              group = adw_preferences_group_new ();
              adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _(change_kinds[k].title));
              gtk_box_append (self->groups_box, group);
              g_ptr_array_add (self->groups, group);
            }
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), create_change_row (change));
        }
    }
  gtk_stack_set_visible_child_name (self->stack, "changes");
}

/* Shown once is seen: Get Help Now stops pointing here. */
static void
falt_whats_new_page_map (GtkWidget *widget)
{
  FaltWhatsNewPage *self = FALT_WHATS_NEW_PAGE (widget);
  g_autoptr (GError) error = NULL;

  GTK_WIDGET_CLASS (falt_whats_new_page_parent_class)->map (widget);
  if (!falt_store_get_changes_seen (self->store) && !falt_store_set_changes_seen (self->store, &error))
    g_debug ("Could not note that the news was seen: %s", error->message);
}

static void
falt_whats_new_page_constructed (GObject *object)
{
  FaltWhatsNewPage *self = FALT_WHATS_NEW_PAGE (object);

  G_OBJECT_CLASS (falt_whats_new_page_parent_class)->constructed (object);
  g_signal_connect_object (self->store, "content-changed", G_CALLBACK (falt_whats_new_page_reload), self,
                           G_CONNECT_SWAPPED);
  falt_whats_new_page_reload (self);
}

static void
falt_whats_new_page_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  FaltWhatsNewPage *self = FALT_WHATS_NEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
falt_whats_new_page_dispose (GObject *object)
{
  FaltWhatsNewPage *self = FALT_WHATS_NEW_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), FALT_TYPE_WHATS_NEW_PAGE);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (falt_whats_new_page_parent_class)->dispose (object);
}

static void
falt_whats_new_page_class_init (FaltWhatsNewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = falt_whats_new_page_constructed;
  object_class->set_property = falt_whats_new_page_set_property;
  object_class->dispose = falt_whats_new_page_dispose;
  widget_class->map = falt_whats_new_page_map;

  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, FALT_TYPE_STORE,
                                                G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SETTINGS] = g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                                                   G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/falt-whats-new-page.ui");
  gtk_widget_class_bind_template_child (widget_class, FaltWhatsNewPage, stack);
  gtk_widget_class_bind_template_child (widget_class, FaltWhatsNewPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, FaltWhatsNewPage, groups_box);
  gtk_widget_class_bind_template_child (widget_class, FaltWhatsNewPage, summary_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
falt_whats_new_page_init (FaltWhatsNewPage *self)
{
  self->groups = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * falt_whats_new_page_new:
 * @store: the store
 * @settings: the app's settings (the material's language)
 *
 * Returns: (transfer floating): a new page
 */
GtkWidget *
falt_whats_new_page_new (FaltStore *store, GSettings *settings)
{
  return g_object_new (FALT_TYPE_WHATS_NEW_PAGE, "store", store, "settings", settings, NULL);
}
