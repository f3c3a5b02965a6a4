/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-window"

#include <glib/gi18n.h>

#include "falt-application.h"
#include "falt-content-languages.h"
#include "falt-coordinators-page.h"
#include "falt-document-page.h"
#include "falt-help-page.h"
#include "dial/falt-dial-number.h"
#include "falt-library-page.h"
#include "falt-search-page.h"
#include "falt-ui-utils.h"
#include "falt-whats-new-page.h"
#include "falt-window-private.h"

/* The window's pages and its sidebar: the fixed pages, the content's
 * sections, made when first shown, and how they follow the content. */

typedef struct _FaltPageInfo FaltPageInfo;
typedef GtkWidget *(*FaltPageFactory) (FaltWindow *self, const FaltPageInfo *info);

/* The fixed pages of the app. The content's own sections follow them. */
struct _FaltPageInfo
{
  const char      *name;
  const char      *title;
  const char      *icon_name;
  FaltPageFactory  create;
};

static GtkWidget *
create_sidebar_row (const char *name,
                    const char *title,
                    const char *icon_name)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);
  GtkWidget *label = gtk_label_new (title);

  /* Wrapped, never cut: a section's name in Russian or Ukrainian ("Период для размышлений")
   * is longer than the sidebar is wide. */
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_name (row, name);

  return row;
}

static GtkWidget *
create_status_page (const char *icon_name,
                    const char *title,
                    const char *description)
{
  GtkWidget *page = adw_status_page_new ();

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (page), icon_name);
  adw_status_page_set_title (ADW_STATUS_PAGE (page), title);
  falt_status_page_set_plain_description (ADW_STATUS_PAGE (page), description);

  return page;
}

/* The numbers to call come from the content when it has them, so a signed
 * update can correct them; the built-in ones are the fallback. */
static GListModel *
load_dial_numbers (FaltStore *store,
                   GSettings *settings)
{
  g_auto (GStrv) langs = falt_content_language_chain (settings);
  g_autoptr (GListModel) contacts = store != NULL ? falt_store_list_contacts (store, (const char * const *) langs) : NULL;
  GListStore *numbers;

  if (contacts == NULL || g_list_model_get_n_items (contacts) == 0)
    return NULL;

  numbers = g_list_store_new (FALT_TYPE_DIAL_NUMBER);
  for (guint i = 0; i < g_list_model_get_n_items (contacts); i++)
    {
      g_autoptr (FaltContact) contact = g_list_model_get_item (contacts, i);
      g_autoptr (FaltDialNumber) number = g_object_new (FALT_TYPE_DIAL_NUMBER,
                                                        "id", falt_contact_get_id (contact),
                                                        "name", falt_contact_get_name (contact),
                                                        "number", falt_contact_get_number (contact),
                                                        "when", falt_contact_get_when (contact),
                                                        "hours", falt_contact_get_hours (contact),
                                                        "hours-assumed", falt_contact_get_hours_example (contact),
                                                        "example", falt_contact_get_example (contact),
                                                        NULL);
      g_list_store_append (numbers, number);
    }

  return G_LIST_MODEL (numbers);
}

static GtkWidget *
create_help_page (FaltWindow         *self,
                  const FaltPageInfo *info)
{
  GtkWidget *page = falt_help_page_new ();
  g_autoptr (GListModel) numbers = load_dial_numbers (self->store, self->settings);

  if (numbers != NULL)
    falt_help_page_set_numbers (FALT_HELP_PAGE (page), numbers);
  if (self->store != NULL)
    falt_help_page_set_news (FALT_HELP_PAGE (page), !falt_store_get_changes_seen (self->store));
  return page;
}

/* Without a store (it could not be opened at all) the numbers to call still
 * work; the pages that need the material say why it is missing. */
static GtkWidget *
create_no_store_page (FaltWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  const char *reason = FALT_IS_APPLICATION (app) ? falt_application_get_store_error (FALT_APPLICATION (app)) : NULL;
  g_autofree char *description = NULL;

  if (reason == NULL && self->store != NULL && falt_store_get_install_error (self->store) != NULL)
    reason = falt_store_get_install_error (self->store)->message;

  /* Translators: %s says what went wrong, e.g. a full disk. */
  description = g_strdup_printf (_("The local store could not be opened: %s The numbers to call still work."),
                                 reason != NULL ? reason : "");
  return create_status_page ("dialog-warning-symbolic", _("The Material Is Not Available"), description);
}

/* The store opened, but the material that came with the app could not be installed into it. */
static gboolean
material_is_missing (FaltWindow *self)
{
  return self->store == NULL || falt_store_get_install_error (self->store) != NULL;
}

/* While the first start installs the material (off the main loop), the pages that show it say
 * so; they are made for real once it is there (on_installing_changed_cb). */
static GtkWidget *
create_installing_page (void)
{
  GtkWidget *page = create_status_page ("folder-download-symbolic", _("Installing the Material…"),
                                        _("The guidance, brochures and contacts that came with Fältstöd are being installed. This takes a moment, once. The numbers to call already work."));
  GtkWidget *spinner = gtk_spinner_new ();

  gtk_spinner_start (GTK_SPINNER (spinner));
  gtk_widget_set_size_request (spinner, 32, 32);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spinner), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Installing the material"), -1);
  adw_status_page_set_child (ADW_STATUS_PAGE (page), spinner);
  g_object_set_data (G_OBJECT (page), "falt-installing", GINT_TO_POINTER (TRUE));
  return page;
}

static GtkWidget *
create_library_page (FaltWindow         *self,
                     const FaltPageInfo *info)
{
  if (material_is_missing (self))
    return create_no_store_page (self);
  return falt_library_page_new (self->store, self->settings, NULL);
}

static GtkWidget *
create_coordinators_page (FaltWindow         *self,
                          const FaltPageInfo *info)
{
  if (material_is_missing (self))
    return create_no_store_page (self);
  return falt_coordinators_page_new (self->store);
}

static GtkWidget *
create_search_page (FaltWindow         *self,
                    const FaltPageInfo *info)
{
  if (material_is_missing (self))
    return create_no_store_page (self);
  return falt_search_page_new (self->store, self->settings);
}

static const FaltPageInfo fixed_pages[] = {
  { "help", N_("Get Help Now"), "call-start-symbolic", create_help_page },
  { "library", N_("Library"), "accessories-dictionary-symbolic", create_library_page },
  { "coordinators", N_("Coordinators"), "system-users-symbolic", create_coordinators_page },
  { "search", N_("Search"), "system-search-symbolic", create_search_page },
};

/* Pages are made the first time they are shown: start-up then costs the
 * sidebar rows and the first page, not every page's widgets. */
typedef struct
{
  const FaltPageInfo *info;        /* a fixed page, or NULL for a section */
  char               *section_id;
  char               *title;
  char               *icon_name;
} PendingPage;

static void
pending_page_free (gpointer data)
{
  PendingPage *pending = data;

  g_free (pending->section_id);
  g_free (pending->title);
  g_free (pending->icon_name);
  g_free (pending);
}

static void
add_page (FaltWindow         *self,
          const char         *name,
          const char         *title,
          const char         *icon_name,
          const FaltPageInfo *info,
          const char         *section_id)
{
  PendingPage *pending = g_new0 (PendingPage, 1);

  pending->info = info;
  pending->section_id = g_strdup (section_id);
  pending->title = g_strdup (title);
  pending->icon_name = g_strdup (icon_name);
  g_hash_table_insert (self->pending_pages, g_strdup (name), pending);

  gtk_list_box_append (self->sidebar_list, create_sidebar_row (name, title, icon_name));
  gtk_string_list_append (self->page_names, name);
}

void
falt_window_ensure_page (FaltWindow *self,
                         const char *name)
{
  PendingPage *pending = g_hash_table_lookup (self->pending_pages, name);
  GtkWidget *widget;
  GtkStackPage *stack_page;

  if (pending == NULL)
    return;
  /* Get Help Now needs no material; the other pages wait for it, pending still. */
  if (self->store != NULL && falt_store_get_installing (self->store) && pending->info != &fixed_pages[0])
    {
      if (gtk_stack_get_child_by_name (self->page_stack, name) == NULL)
        gtk_stack_add_titled (self->page_stack, create_installing_page (), name, pending->title);
      return;
    }

  if (pending->info != NULL)
    widget = pending->info->create (self, pending->info);
  else if (self->store == NULL)
    widget = create_no_store_page (self);
  else
    widget = falt_library_page_new (self->store, self->settings, pending->section_id);

  stack_page = gtk_stack_add_titled (self->page_stack, widget, name, pending->title);
  gtk_stack_page_set_icon_name (stack_page, pending->icon_name);
  g_hash_table_remove (self->pending_pages, name);
}

GtkListBoxRow *
falt_window_find_sidebar_row (FaltWindow *self,
                              const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LIST_BOX_ROW (child) && g_strcmp0 (gtk_widget_get_name (child), name) == 0)
        return GTK_LIST_BOX_ROW (child);
    }

  return NULL;
}

static void
add_section_pages (FaltWindow *self)
{
  g_autoptr (GListModel) sections = NULL;
  g_auto (GStrv) langs = NULL;

  if (self->store == NULL)
    return;

  langs = falt_content_language_chain (self->settings);
  sections = falt_store_list_sections (self->store, (const char * const *) langs);
  for (guint i = 0; i < g_list_model_get_n_items (sections); i++)
    {
      g_autoptr (FaltSection) section = g_list_model_get_item (sections, i);
      g_autofree char *name = g_strconcat (SECTION_PAGE_PREFIX, falt_section_get_id (section), NULL);
      const char *icon_name = falt_section_get_icon_name (section);

      add_page (self, name, falt_section_get_title (section),
                icon_name != NULL ? icon_name : "folder-documents-symbolic",
                NULL, falt_section_get_id (section));
    }
}

static void
remove_section_pages (FaltWindow *self)
{
  GtkListBoxRow *row;
  int index = 0;

  /* By index: a row's header widget goes with it, so sibling pointers
   * cannot be kept across a removal. */
  while ((row = gtk_list_box_get_row_at_index (self->sidebar_list, index)) != NULL)
    {
      const char *name = gtk_widget_get_name (GTK_WIDGET (row));
      GtkWidget *page;

      if (!g_str_has_prefix (name, SECTION_PAGE_PREFIX))
        {
          index++;
          continue;
        }

      page = gtk_stack_get_child_by_name (self->page_stack, name);
      if (page != NULL)
        gtk_stack_remove (self->page_stack, page);
      g_hash_table_remove (self->pending_pages, name);
      gtk_list_box_remove (self->sidebar_list, GTK_WIDGET (row));
    }

  for (guint i = g_list_model_get_n_items (G_LIST_MODEL (self->page_names)); i > 0; i--)
    if (g_str_has_prefix (gtk_string_list_get_string (self->page_names, i - 1), SECTION_PAGE_PREFIX))
      gtk_string_list_remove (self->page_names, i - 1);
}

/* The material's language changed in Preferences: section titles, the
 * numbers' texts and the lists follow at once, not after a restart. */
static void
on_content_language_changed_cb (FaltWindow *self)
{
  g_autofree char *visible = g_strdup (gtk_stack_get_visible_child_name (self->page_stack));
  GtkWidget *help = gtk_stack_get_child_by_name (self->page_stack, FIRST_PAGE_NAME);
  GtkWidget *library = gtk_stack_get_child_by_name (self->page_stack, LIBRARY_PAGE_NAME);

  if (FALT_IS_HELP_PAGE (help))
    {
      g_autoptr (GListModel) numbers = load_dial_numbers (self->store, self->settings);

      falt_help_page_set_numbers (FALT_HELP_PAGE (help), numbers);
    }
  if (FALT_IS_LIBRARY_PAGE (library) && gtk_widget_get_mapped (library))
    falt_library_page_reload (FALT_LIBRARY_PAGE (library));

  remove_section_pages (self);
  add_section_pages (self);
  if (visible != NULL && g_str_has_prefix (visible, SECTION_PAGE_PREFIX))
    falt_window_show_page (self, falt_window_find_sidebar_row (self, visible) != NULL ? visible : LIBRARY_PAGE_NAME);
}

/* Preferences' "Clear History" emptied the recent list: the library shows it at once. */
static void
on_history_cleared_cb (FaltWindow *self)
{
  GtkWidget *library = gtk_stack_get_child_by_name (self->page_stack, LIBRARY_PAGE_NAME);

  if (FALT_IS_LIBRARY_PAGE (library) && gtk_widget_get_mapped (library))
    falt_library_page_reload (FALT_LIBRARY_PAGE (library));
}

/* An update replaced the content: every page shows the new one without a restart. An open
 * document stays open if it is still there, and the reader is told if it is gone. */
static void
on_content_changed_cb (FaltWindow *self)
{
  GtkWidget *coordinators = gtk_stack_get_child_by_name (self->page_stack, COORDINATORS_PAGE_NAME);
  GtkWidget *help = gtk_stack_get_child_by_name (self->page_stack, FIRST_PAGE_NAME);
  const char *doc_id = self->document_page != NULL ? falt_document_page_get_id (FALT_DOCUMENT_PAGE (self->document_page))
                                                   : NULL;

  on_content_language_changed_cb (self);
  if (FALT_IS_COORDINATORS_PAGE (coordinators))
    falt_coordinators_page_reload (FALT_COORDINATORS_PAGE (coordinators));
  if (FALT_IS_HELP_PAGE (help))
    falt_help_page_set_news (FALT_HELP_PAGE (help), !falt_store_get_changes_seen (self->store));
  if (doc_id != NULL)
    {
      g_autoptr (FaltDocument) still_there = falt_store_get_document (self->store, doc_id, NULL, NULL);

      if (still_there == NULL && g_strcmp0 (gtk_stack_get_visible_child_name (self->page_stack), DOCUMENT_PAGE_NAME) == 0)
        {
          falt_window_add_toast (self, _("The update removed the document that was open"));
          falt_window_close_document (self);
        }
    }
}

/* The material is installed (or could not be): each page that said it was coming is made
 * for real, in its place. */
static void
on_installing_changed_cb (FaltWindow *self)
{
  const char *visible = gtk_stack_get_visible_child_name (self->page_stack);
  g_autofree char *shown = g_strdup (visible);

  if (falt_store_get_installing (self->store))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (fixed_pages); i++)
    {
      GtkWidget *page = gtk_stack_get_child_by_name (self->page_stack, fixed_pages[i].name);

      if (page == NULL || g_object_get_data (G_OBJECT (page), "falt-installing") == NULL)
        continue;
      gtk_stack_remove (self->page_stack, page);
      falt_window_ensure_page (self, fixed_pages[i].name);
    }
  if (shown != NULL && gtk_stack_get_child_by_name (self->page_stack, shown) != NULL)
    gtk_stack_set_visible_child_name (self->page_stack, shown);
}

/* A line between the app's own pages and the content's sections. */
static void
set_sidebar_header (GtkListBoxRow *row,
                    GtkListBoxRow *before,
                    gpointer       user_data)
{
  gboolean is_section = g_str_has_prefix (gtk_widget_get_name (GTK_WIDGET (row)), SECTION_PAGE_PREFIX);
  gboolean after_section = before != NULL
                           && g_str_has_prefix (gtk_widget_get_name (GTK_WIDGET (before)), SECTION_PAGE_PREFIX);

  if (is_section && before != NULL && !after_section)
    {
      if (gtk_list_box_row_get_header (row) == NULL)
        gtk_list_box_row_set_header (row, gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
    }
  else
    gtk_list_box_row_set_header (row, NULL);
}


/* "What's new" has no row in the sidebar: Get Help Now and the update toast lead to it. */
static void
show_whats_new (FaltWindow *self)
{
  GtkStackPage *stack_page;

  if (self->store == NULL)
    return;
  if (self->whats_new_page == NULL)
    {
      self->whats_new_page = falt_whats_new_page_new (self->store, self->settings);
      stack_page = gtk_stack_add_titled (self->page_stack, self->whats_new_page, WHATS_NEW_PAGE_NAME,
                                         _("What’s New"));
      gtk_stack_page_set_icon_name (stack_page, "software-update-available-symbolic");
    }
  /* A "browse" list ignores unselect_all (it keeps one row selected): leave
   * that mode for the call, or the row of the page before stays lit. */
  gtk_list_box_set_selection_mode (self->sidebar_list, GTK_SELECTION_SINGLE);
  gtk_list_box_unselect_all (self->sidebar_list);
  gtk_list_box_set_selection_mode (self->sidebar_list, GTK_SELECTION_BROWSE);
  gtk_stack_set_visible_child (self->page_stack, self->whats_new_page);
  adw_window_title_set_title (self->content_title, _("What’s New"));
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

void
falt_window_show_page (FaltWindow *self,
                       const char *page_name)
{
  GtkListBoxRow *row;

  g_return_if_fail (FALT_IS_WINDOW (self));

  if (g_strcmp0 (page_name, WHATS_NEW_PAGE_NAME) == 0)
    {
      show_whats_new (self);
      return;
    }
  row = falt_window_find_sidebar_row (self, page_name);
  if (row == NULL)
    {
      g_debug ("No page called “%s”", page_name);
      return;
    }

  falt_window_ensure_page (self, page_name);
  gtk_list_box_select_row (self->sidebar_list, row);
  gtk_stack_set_visible_child_name (self->page_stack, page_name);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);

  /* Get Help Now opens with the focus on the page, off its Call buttons:
   * calling 112 takes its own click or a deliberate Tab and Enter. */
  if (g_strcmp0 (page_name, FIRST_PAGE_NAME) == 0)
    {
      GtkWidget *help = gtk_stack_get_child_by_name (self->page_stack, page_name);

      if (help != NULL && gtk_widget_get_focusable (help))
        gtk_widget_grab_focus (help);
    }
}

/**
 * falt_window_init_pages:
 *
 * Sets up the (still empty) sidebar, while the window is initialised.
 */
void
falt_window_init_pages (FaltWindow *self)
{
  self->page_names = gtk_string_list_new (NULL);
  self->pending_pages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, pending_page_free);
  gtk_list_box_set_header_func (self->sidebar_list, set_sidebar_header, NULL, NULL);
}

/**
 * falt_window_add_pages:
 *
 * Adds the fixed pages and the content's sections to the sidebar, and
 * follows the content and its language from then on.
 */
void
falt_window_add_pages (FaltWindow *self)
{
  g_signal_connect_object (self->settings, "changed::content-language",
                           G_CALLBACK (on_content_language_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::content-languages",
                           G_CALLBACK (on_content_language_changed_cb), self, G_CONNECT_SWAPPED);

  for (guint i = 0; i < G_N_ELEMENTS (fixed_pages); i++)
    add_page (self, fixed_pages[i].name, _(fixed_pages[i].title), fixed_pages[i].icon_name,
              &fixed_pages[i], NULL);
  add_section_pages (self);
  if (self->store != NULL)
    {
      g_signal_connect_object (self->store, "content-changed", G_CALLBACK (on_content_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->store, "notify::installing", G_CALLBACK (on_installing_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->store, "history-cleared", G_CALLBACK (on_history_cleared_cb), self,
                               G_CONNECT_SWAPPED);
    }
}
