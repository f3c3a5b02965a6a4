/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-coordinators-page"

#include <glib/gi18n.h>

#include "dial/falt-dial-number.h"
#include "dial/falt-office-hours.h"
#include "dial/falt-phone-number.h"
#include "falt-coordinators-page.h"
#include "falt-ui-utils.h"

/* The regional coordinators, grouped by police region, with a search that
 * answers “who covers Kiruna?”. Filled when first shown. */

struct _FaltCoordinatorsPage
{
  AdwBin              parent_instance;

  FaltStore          *store;
  GPtrArray          *groups;
  guint               n_shown;
  char               *shown_query;   /* NULL until first filled */

  GtkSearchEntry     *search_entry;
  GtkStack           *stack;
  AdwPreferencesPage *coordinators_page;
};

G_DEFINE_FINAL_TYPE (FaltCoordinatorsPage, falt_coordinators_page, ADW_TYPE_BIN)

static const char *
describe_target_group (const char *target_group)
{
  if (g_strcmp0 (target_group, "children") == 0)
    return _("Children and young people");
  if (g_strcmp0 (target_group, "adults") == 0)
    return _("Adults");
  return _("All ages");
}

/* Whom a row's buttons reach, for screen readers that would otherwise hear
 * "Call" once per coordinator. */
static const char *
get_display_name (FaltCoordinator *coordinator)
{
  const char *name = falt_coordinator_get_name (coordinator);

  return name != NULL ? name : falt_coordinator_get_organisation (coordinator);
}

static GtkWidget *
create_action_button (const char *icon_name,
                      const char *tooltip,
                      const char *accessible_name,
                      const char *action_name,
                      GVariant   *target)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_name, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  return button;
}

static GtkWidget *
add_detail_row (AdwExpanderRow *expander,
                const char     *title,
                const char     *value)
{
  GtkWidget *row;

  if (value == NULL || *value == '\0')
    return NULL;

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
#if ADW_CHECK_VERSION (1, 3, 0)
  adw_action_row_set_subtitle_selectable (ADW_ACTION_ROW (row), TRUE);
#endif
  gtk_widget_add_css_class (row, "property");
  adw_expander_row_add_row (expander, row);
  return row;
}

/* The text Copy puts on the clipboard: enough to paste into a case note. */
static char *
describe_contact_card (FaltCoordinator *coordinator)
{
  const char *fields[] = {
    falt_coordinator_get_name (coordinator),
    falt_coordinator_get_organisation (coordinator),
    falt_coordinator_get_phone (coordinator),
    falt_coordinator_get_email (coordinator),
  };
  GString *card = g_string_new (NULL);

  g_string_append_printf (card, _("Regional coordinator, region %s"), falt_coordinator_get_region (coordinator));
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (fields[i] != NULL && *fields[i] != '\0')
      g_string_append_printf (card, "\n%s", fields[i]);

  return g_string_free (card, FALSE);
}

/* The number as written, with Call and Copy beside it. */
static void
add_phone_row (AdwExpanderRow  *expander,
               FaltCoordinator *coordinator)
{
  const char *phone = falt_coordinator_get_phone (coordinator);
  g_autofree char *display = phone != NULL ? falt_phone_number_format (phone, NULL) : NULL;
  g_autofree char *call_name = NULL;
  g_autofree char *copy_name = NULL;
  GtkWidget *row = add_detail_row (expander, _("Phone"), display != NULL ? display : phone);

  if (row == NULL)
    return;

  call_name = falt_dial_call_name_label (get_display_name (coordinator));
  /* Translators: a button's name for screen readers: "Copy the number of Social services, region Nord". */
  copy_name = g_strdup_printf (_("Copy the number of %s"), get_display_name (coordinator));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             create_action_button ("call-start-symbolic", _("Call"), call_name, "app.dial",
                                                   g_variant_new_string (phone)));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             create_action_button ("edit-copy-symbolic", _("Copy Number"), copy_name,
                                                   "coordinators.copy-number",
                                                   g_variant_new_string (display != NULL ? display : phone)));
}

static void
add_email_row (AdwExpanderRow  *expander,
               FaltCoordinator *coordinator)
{
  const char *email = falt_coordinator_get_email (coordinator);
  g_autofree char *mail_name = NULL;
  GtkWidget *row = add_detail_row (expander, _("Email"), email);

  if (row == NULL)
    return;

  /* Translators: a button's name for screen readers: "Send an email to Social services, region Nord". */
  mail_name = g_strdup_printf (_("Send an email to %s"), get_display_name (coordinator));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             create_action_button ("mail-send-symbolic", _("Send Email"), mail_name, "app.mail",
                                                   g_variant_new_string (email)));
}

/* A row to copy everything at once, for a case note. */
static void
add_copy_card_row (AdwExpanderRow  *expander,
                   FaltCoordinator *coordinator)
{
  g_autofree char *card = describe_contact_card (coordinator);
  g_autofree char *copy_name = NULL;
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Copy Contact Details"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("edit-copy-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "coordinators.copy");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row), g_variant_new_string (card));
  /* Translators: a row's name for screen readers: "Copy the contact details of Social services, region Nord". */
  copy_name = g_strdup_printf (_("Copy the contact details of %s"), get_display_name (coordinator));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, copy_name, -1);
  adw_expander_row_add_row (expander, row);
}

/* The header keeps only the name, whom it serves and the example badge, so
 * the title has room at 360 px; the buttons are in the expanded rows. */
static GtkWidget *
create_coordinator_row (FaltCoordinator *coordinator)
{
  GtkWidget *row = adw_expander_row_new ();
  AdwExpanderRow *expander = ADW_EXPANDER_ROW (row);
  g_autofree char *counties = g_strjoinv (", ", (char **) falt_coordinator_get_counties (coordinator));
  g_autofree char *municipalities = g_strjoinv (", ", (char **) falt_coordinator_get_municipalities (coordinator));
  g_autofree char *hours = falt_office_hours_format (falt_coordinator_get_hours (coordinator));
  g_autofree char *subtitle = g_strdup_printf ("%s · %s",
                                               describe_target_group (falt_coordinator_get_target_group (coordinator)),
                                               counties);

  gtk_widget_set_name (row, falt_coordinator_get_id (coordinator));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), get_display_name (coordinator));
  adw_expander_row_set_subtitle (expander, subtitle);
  if (falt_coordinator_get_example (coordinator))
    adw_expander_row_add_action (expander, falt_example_badge_new ());

  add_phone_row (expander, coordinator);
  add_email_row (expander, coordinator);
  add_detail_row (expander, _("Office Hours"), hours);
  add_detail_row (expander, _("Municipalities"), municipalities);
  add_detail_row (expander, _("Last Verified"), falt_coordinator_get_verified (coordinator));
  add_copy_card_row (expander, coordinator);

  return row;
}

static void
remove_groups (FaltCoordinatorsPage *self)
{
  for (guint i = 0; i < self->groups->len; i++)
    adw_preferences_page_remove (self->coordinators_page, g_ptr_array_index (self->groups, i));
  g_ptr_array_set_size (self->groups, 0);
}

/* One group per region, in the store's order (by region). */
static void
show_coordinators (FaltCoordinatorsPage *self,
                   GListModel           *coordinators)
{
  AdwPreferencesGroup *group = NULL;
  const char *group_region = NULL;

  remove_groups (self);
  self->n_shown = g_list_model_get_n_items (coordinators);

  for (guint i = 0; i < self->n_shown; i++)
    {
      g_autoptr (FaltCoordinator) coordinator = g_list_model_get_item (coordinators, i);
      const char *region = falt_coordinator_get_region (coordinator);

      if (group == NULL || g_strcmp0 (region, group_region) != 0)
        {
          g_autofree char *title = g_strdup_printf (_("Region %s"), region);

          group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
          adw_preferences_group_set_title (group, title);
          adw_preferences_page_add (self->coordinators_page, group);
          g_ptr_array_add (self->groups, group);
          group_region = region;
        }
      adw_preferences_group_add (group, create_coordinator_row (coordinator));
    }

  gtk_stack_set_visible_child_name (self->stack, self->n_shown > 0 ? "list" : "none");
}

static void
show_query (FaltCoordinatorsPage *self,
            const char           *query)
{
  g_autoptr (GListModel) coordinators = NULL;

  if (*query == '\0')
    coordinators = falt_store_list_coordinators (self->store);
  else
    coordinators = falt_store_find_coordinators (self->store, query);

  show_coordinators (self, coordinators);
  g_free (self->shown_query);
  self->shown_query = g_strdup (query);
}

static void
on_search_changed_cb (FaltCoordinatorsPage *self)
{
  g_autofree char *query = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));

  /* The delayed signal after falt_coordinators_page_set_query() would
   * rebuild the same list and close the row the user has opened. */
  if (g_strcmp0 (query, self->shown_query) != 0)
    show_query (self, query);
}

void
falt_coordinators_page_reload (FaltCoordinatorsPage *self)
{
  g_autofree char *query = NULL;

  g_return_if_fail (FALT_IS_COORDINATORS_PAGE (self));

  query = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));
  show_query (self, query);
}

void
falt_coordinators_page_set_query (FaltCoordinatorsPage *self,
                                  const char           *query)
{
  g_return_if_fail (FALT_IS_COORDINATORS_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), query);
  /* search-changed is delayed; answer at once for callers that read back. */
  on_search_changed_cb (self);
}

guint
falt_coordinators_page_get_n_shown (FaltCoordinatorsPage *self)
{
  g_return_val_if_fail (FALT_IS_COORDINATORS_PAGE (self), 0);

  return self->n_shown;
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  gboolean is_number = g_str_equal (action_name, "coordinators.copy-number");

  falt_copy_to_clipboard (widget, g_variant_get_string (parameter, NULL));
  gtk_widget_activate_action (widget, "win.toast", "s",
                              is_number ? _("Number copied") : _("Contact details copied"));
}

static void
falt_coordinators_page_map (GtkWidget *widget)
{
  FaltCoordinatorsPage *self = FALT_COORDINATORS_PAGE (widget);

  if (self->shown_query == NULL)
    falt_coordinators_page_reload (self);

  GTK_WIDGET_CLASS (falt_coordinators_page_parent_class)->map (widget);
}

static gboolean
falt_coordinators_page_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (FALT_COORDINATORS_PAGE (widget)->search_entry));
}

static void
falt_coordinators_page_dispose (GObject *object)
{
  FaltCoordinatorsPage *self = FALT_COORDINATORS_PAGE (object);

  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_pointer (&self->shown_query, g_free);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (falt_coordinators_page_parent_class)->dispose (object);
}

static void
falt_coordinators_page_class_init (FaltCoordinatorsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = falt_coordinators_page_dispose;
  widget_class->map = falt_coordinators_page_map;
  widget_class->grab_focus = falt_coordinators_page_grab_focus;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/falt-coordinators-page.ui");
  gtk_widget_class_bind_template_child (widget_class, FaltCoordinatorsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, FaltCoordinatorsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, FaltCoordinatorsPage, coordinators_page);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);

  gtk_widget_class_install_action (widget_class, "coordinators.copy", "s", copy_action);
  gtk_widget_class_install_action (widget_class, "coordinators.copy-number", "s", copy_action);
}

static void
falt_coordinators_page_init (FaltCoordinatorsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->groups = g_ptr_array_new ();
}

GtkWidget *
falt_coordinators_page_new (FaltStore *store)
{
  FaltCoordinatorsPage *self = g_object_new (FALT_TYPE_COORDINATORS_PAGE, NULL);

  self->store = g_object_ref (store);
  return GTK_WIDGET (self);
}
