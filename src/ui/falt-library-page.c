/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-library-page"

#include <glib/gi18n.h>

#include "falt-content-languages.h"
#include "falt-document-row.h"
#include "falt-library-page.h"
#include "falt-ui-utils.h"

/* The documents of one section, or of every section grouped, as boxed lists.
 * Filled when first shown, so start-up does not grow with the content. */

#define RECENT_LIMIT 5

struct _FaltLibraryPage
{
  AdwBin              parent_instance;

  FaltStore          *store;
  GSettings          *settings;
  char               *section_id;
  GPtrArray          *groups;
  gboolean            filled;

  GtkStack           *stack;
  AdwPreferencesPage *documents_page;
};

G_DEFINE_FINAL_TYPE (FaltLibraryPage, falt_library_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SETTINGS,
  PROP_SECTION_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
falt_library_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  FaltLibraryPage *self = FALT_LIBRARY_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_SECTION_ID:
      g_value_set_string (value, self->section_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
falt_library_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  FaltLibraryPage *self = FALT_LIBRARY_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    case PROP_SECTION_ID:
      self->section_id = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* library.remove-bookmark, with the document's id: a bookmark row's button. */
static void
remove_bookmark_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  FaltLibraryPage *self = FALT_LIBRARY_PAGE (widget);
  g_autoptr (GError) error = NULL;

  if (!falt_store_set_bookmark (self->store, g_variant_get_string (parameter, NULL), FALSE, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The bookmark could not be removed: %s"), error->message);
      gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", message);
      return;
    }
  gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", _("Bookmark removed"));
  falt_library_page_reload (self);
}

static GtkWidget *
create_row (FaltLibraryPage *self,
            FaltDocument    *document,
            gboolean         bookmark)
{
  g_auto (GStrv) langs = falt_store_get_document_languages (self->store, falt_document_get_id (document));

  return falt_document_row_new (document, (const char * const *) langs, bookmark);
}

static GtkWidget *
create_document_row_cb (gpointer item,
                        gpointer user_data)
{
  return create_row (user_data, item, FALSE);
}

static GtkWidget *
create_bookmark_row_cb (gpointer item,
                        gpointer user_data)
{
  return create_row (user_data, item, TRUE);
}

/* A titled boxed list, its rows bound to @documents. */
static void
add_group (FaltLibraryPage *self,
           const char      *title,
           GListModel      *documents,
           gboolean         bookmarks)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *list = gtk_list_box_new ();

  if (title != NULL)
    {
      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
      gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
    }
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_bind_model (GTK_LIST_BOX (list), documents,
                           bookmarks ? create_bookmark_row_cb : create_document_row_cb, self, NULL);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), list);
  if (bookmarks)
    gtk_widget_set_name (group, "bookmarks");

  adw_preferences_page_add (self->documents_page, ADW_PREFERENCES_GROUP (group));
  g_ptr_array_add (self->groups, group);
}

static void
remove_groups (FaltLibraryPage *self)
{
  for (guint i = 0; i < self->groups->len; i++)
    adw_preferences_page_remove (self->documents_page, g_ptr_array_index (self->groups, i));
  g_ptr_array_set_size (self->groups, 0);
}

static guint
fill_all_sections (FaltLibraryPage    *self,
                   const char * const *langs)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) bookmarks = falt_store_list_bookmarks (self->store, langs, &error);
  g_autoptr (GListModel) recent = falt_store_list_recent (self->store, langs, RECENT_LIMIT);
  g_autoptr (GListModel) sections = falt_store_list_sections (self->store, langs);
  guint n_documents = 0;

  if (bookmarks == NULL)
    g_warning ("Bookmarks could not be listed: %s", error->message);
  else if (g_list_model_get_n_items (bookmarks) > 0)
    add_group (self, _("Bookmarks"), bookmarks, TRUE);
  if (recent != NULL && g_list_model_get_n_items (recent) > 0)
    add_group (self, _("Recently Opened"), recent, FALSE);

  for (guint i = 0; i < g_list_model_get_n_items (sections); i++)
    {
      g_autoptr (FaltSection) section = g_list_model_get_item (sections, i);
      g_autoptr (GListModel) documents = falt_store_list_documents (self->store,
                                                                    falt_section_get_id (section),
                                                                    langs);

      if (g_list_model_get_n_items (documents) == 0)
        continue;
      add_group (self, falt_section_get_title (section), documents, FALSE);
      n_documents += g_list_model_get_n_items (documents);
    }

  return n_documents;
}

/**
 * falt_library_page_reload:
 *
 * Lists the documents again, after an update or a language change.
 */
void
falt_library_page_reload (FaltLibraryPage *self)
{
  g_auto (GStrv) langs = falt_content_language_chain (self->settings);
  guint n_documents;

  g_return_if_fail (FALT_IS_LIBRARY_PAGE (self));

  remove_groups (self);
  if (self->section_id == NULL)
    n_documents = fill_all_sections (self, (const char * const *) langs);
  else
    {
      g_autoptr (GListModel) documents = falt_store_list_documents (self->store, self->section_id, (const char * const *) langs);

      n_documents = g_list_model_get_n_items (documents);
      add_group (self, NULL, documents, FALSE);
    }

  self->filled = TRUE;
  gtk_stack_set_visible_child_name (self->stack, n_documents > 0 ? "documents" : "empty");
}

/* Filled on every showing, not once: "Recently Opened" follows what was
 * read meanwhile, and a section lists tens of rows at most. */
static void
falt_library_page_map (GtkWidget *widget)
{
  FaltLibraryPage *self = FALT_LIBRARY_PAGE (widget);

  falt_library_page_reload (self);

  GTK_WIDGET_CLASS (falt_library_page_parent_class)->map (widget);
}

static void
falt_library_page_dispose (GObject *object)
{
  FaltLibraryPage *self = FALT_LIBRARY_PAGE (object);

  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->section_id, g_free);

  G_OBJECT_CLASS (falt_library_page_parent_class)->dispose (object);
}

static void
falt_library_page_class_init (FaltLibraryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = falt_library_page_dispose;
  object_class->get_property = falt_library_page_get_property;
  object_class->set_property = falt_library_page_set_property;
  /* Construct-only, so a page can be built and tested alone. */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, FALT_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* A section's documents, or with none every section and the bookmarks. */
  properties[PROP_SECTION_ID] =
    g_param_spec_string ("section-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  widget_class->map = falt_library_page_map;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/falt-library-page.ui");
  gtk_widget_class_bind_template_child (widget_class, FaltLibraryPage, stack);
  gtk_widget_class_bind_template_child (widget_class, FaltLibraryPage, documents_page);

  gtk_widget_class_install_action (widget_class, "library.remove-bookmark", "s", remove_bookmark_action);
  g_type_ensure (FALT_TYPE_DOCUMENT_ROW);
}

static void
falt_library_page_init (FaltLibraryPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->groups = g_ptr_array_new ();
}

GtkWidget *
falt_library_page_new (FaltStore  *store,
                       GSettings  *settings,
                       const char *section_id)
{
  return g_object_new (FALT_TYPE_LIBRARY_PAGE, "store", store, "settings", settings, "section-id", section_id, NULL);
}
