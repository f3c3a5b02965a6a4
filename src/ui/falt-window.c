/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-window"

#include <glib/gi18n.h>

#include "falt-application.h"
#include "falt-coordinators-page.h"
#include "falt-document-page.h"
#include "falt-help-page.h"
#include "dial/falt-dial-number.h"
#include "falt-library-page.h"
#include "falt-search-page.h"
#include "falt-window-files.h"
#include "falt-ui-utils.h"
#include "falt-update-bar.h"
#include "falt-whats-new-page.h"
#include "falt-window.h"
#include "falt-content-languages.h"
#include "falt-window-private.h"

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

#define SECTION_PAGE_PREFIX "section-"
#define FIRST_PAGE_NAME     "help"
#define LIBRARY_PAGE_NAME   "library"
#define COORDINATORS_PAGE_NAME "coordinators"
#define DOCUMENT_PAGE_NAME  "document"
#define WHATS_NEW_PAGE_NAME "whats-new"


G_DEFINE_FINAL_TYPE (FaltWindow, falt_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_UPDATER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
falt_window_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  FaltWindow *self = FALT_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_UPDATER:
      g_value_set_object (value, self->updater);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
falt_window_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  FaltWindow *self = FALT_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_UPDATER:
      self->updater = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GtkWidget *
create_sidebar_row (const char *name,
                    const char *title,
                    const char *icon_name)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);
  GtkWidget *label = gtk_label_new (title);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
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

  /* Translators: %s says what went wrong, e.g. a full disk. */
  description = g_strdup_printf (_("The local store could not be opened: %s The numbers to call still work."),
                                 reason != NULL ? reason : "");
  return create_status_page ("dialog-warning-symbolic", _("The Material Is Not Available"), description);
}

static GtkWidget *
create_library_page (FaltWindow         *self,
                     const FaltPageInfo *info)
{
  if (self->store == NULL)
    return create_no_store_page (self);
  return falt_library_page_new (self->store, self->settings, NULL);
}

static GtkWidget *
create_coordinators_page (FaltWindow         *self,
                          const FaltPageInfo *info)
{
  if (self->store == NULL)
    return create_no_store_page (self);
  return falt_coordinators_page_new (self->store);
}

static GtkWidget *
create_search_page (FaltWindow         *self,
                    const FaltPageInfo *info)
{
  if (self->store == NULL)
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

static void
ensure_page (FaltWindow *self,
             const char *name)
{
  PendingPage *pending = g_hash_table_lookup (self->pending_pages, name);
  GtkWidget *widget;
  GtkStackPage *stack_page;

  if (pending == NULL)
    return;

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

static GtkListBoxRow *
find_sidebar_row (FaltWindow *self,
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
    falt_window_show_page (self, find_sidebar_row (self, visible) != NULL ? visible : LIBRARY_PAGE_NAME);
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
static void close_document (FaltWindow *self);

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
          close_document (self);
        }
    }
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

static void on_document_title_changed_cb (FaltWindow *self);
static void show_document_page (FaltWindow *self);

static void
prepare_document_page (FaltWindow *self)
{
  const char *from;

  if (self->document_page == NULL)
    {
      self->document_page = falt_document_page_new (self->store, self->settings);
      gtk_stack_add_named (self->page_stack, self->document_page, DOCUMENT_PAGE_NAME);
      /* A link in the document opens another one: the title follows. */
      g_signal_connect_object (self->document_page, "notify::title",
                               G_CALLBACK (on_document_title_changed_cb), self, G_CONNECT_SWAPPED);
    }

  from = gtk_stack_get_visible_child_name (self->page_stack);
  if (g_strcmp0 (from, DOCUMENT_PAGE_NAME) != 0)
    {
      g_free (self->page_before_document);
      self->page_before_document = g_strdup (from);
    }
}

/**
 * falt_window_open_document:
 * @id: the document's id
 * @page: for a PDF, the page to show (from 1); 0 resumes
 *
 * Shows a document in the content pane; the close button goes back to the
 * page it was opened from.
 */
void
falt_window_open_document (FaltWindow *self,
                           const char *id,
                           int         page)
{
  g_return_if_fail (FALT_IS_WINDOW (self));

  if (self->store == NULL)
    return;

  prepare_document_page (self);
  falt_document_page_open (FALT_DOCUMENT_PAGE (self->document_page), id, page);
  show_document_page (self);
}

/**
 * falt_window_open_file:
 * @file: a PDF on disk
 *
 * Shows @file in the content pane, without importing it.
 */
void
falt_window_open_file (FaltWindow *self,
                       GFile      *file)
{
  g_return_if_fail (FALT_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  prepare_document_page (self);
  falt_document_page_open_file (FALT_DOCUMENT_PAGE (self->document_page), file);
  show_document_page (self);
}

static void
show_document_page (FaltWindow *self)
{
  gtk_stack_set_visible_child (self->page_stack, self->document_page);
  /* The visible child may not have changed: set the title for this document. */
  adw_window_title_set_title (self->content_title,
                              falt_document_page_get_title (FALT_DOCUMENT_PAGE (self->document_page)));
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
on_document_title_changed_cb (FaltWindow *self)
{
  if (gtk_stack_get_visible_child (self->page_stack) == self->document_page)
    adw_window_title_set_title (self->content_title,
                                falt_document_page_get_title (FALT_DOCUMENT_PAGE (self->document_page)));
}

static void
close_document (FaltWindow *self)
{
  if (self->document_page != NULL)
    {
      falt_document_page_save_position (FALT_DOCUMENT_PAGE (self->document_page));
      falt_document_page_clear_history (FALT_DOCUMENT_PAGE (self->document_page));
    }
  falt_window_show_page (self, self->page_before_document != NULL ? self->page_before_document
                                                                  : LIBRARY_PAGE_NAME);
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
  gtk_list_box_unselect_all (self->sidebar_list);
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
  row = find_sidebar_row (self, page_name);
  if (row == NULL)
    {
      g_debug ("No page called “%s”", page_name);
      return;
    }

  ensure_page (self, page_name);
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

const char *
falt_window_get_visible_page (FaltWindow *self)
{
  g_return_val_if_fail (FALT_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->page_stack);
}

const char *
falt_window_get_content_title (FaltWindow *self)
{
  g_return_val_if_fail (FALT_IS_WINDOW (self), NULL);

  return adw_window_title_get_title (self->content_title);
}

/**
 * falt_window_get_page_names:
 *
 * Returns: (transfer none): the names of the pages in sidebar order.
 */
GListModel *
falt_window_get_page_names (FaltWindow *self)
{
  g_return_val_if_fail (FALT_IS_WINDOW (self), NULL);

  return G_LIST_MODEL (self->page_names);
}

void
falt_window_add_toast (FaltWindow *self,
                       const char *message)
{
  g_return_if_fail (FALT_IS_WINDOW (self));

  /* Toast titles are markup in libadwaita 1.2; messages may hold paths and
   * error texts with “&” or “<”. */
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
}

/**
 * falt_window_add_toast_with_action:
 * @self: a #FaltWindow
 * @message: what to say
 * @button_label: the toast's button, with a mnemonic
 * @action_name: the action the button activates
 * @target: (nullable): its parameter
 */
void
falt_window_add_toast_with_action (FaltWindow *self,
                                   const char *message,
                                   const char *button_label,
                                   const char *action_name,
                                   GVariant   *target)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  g_return_if_fail (FALT_IS_WINDOW (self));

  adw_toast_set_button_label (toast, button_label);
  adw_toast_set_action_name (toast, action_name);
  if (target != NULL)
    adw_toast_set_action_target_value (toast, target);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Folded, the Back button already closes a document: one arrow is enough. */
static void
update_close_document_button (FaltWindow *self)
{
  gboolean document_shown = self->document_page != NULL
                            && gtk_stack_get_visible_child (self->page_stack) == self->document_page;

  gtk_widget_set_visible (self->close_document_button,
                          document_shown && !adw_leaflet_get_folded (self->leaflet));
}

static void
on_sidebar_row_activated_cb (GtkListBox    *list,
                             GtkListBoxRow *row,
                             FaltWindow    *self)
{
  falt_window_show_page (self, gtk_widget_get_name (GTK_WIDGET (row)));
}

/* Arrow keys in the sidebar select rows: the page follows, without leaving
 * the sidebar when folded (Enter does that, through row-activated). */
static void
on_sidebar_row_selected_cb (GtkListBox    *list,
                            GtkListBoxRow *row,
                            FaltWindow    *self)
{
  const char *name;

  if (row == NULL)
    return;

  name = gtk_widget_get_name (GTK_WIDGET (row));
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->page_stack), name) == 0)
    return;

  ensure_page (self, name);
  gtk_stack_set_visible_child_name (self->page_stack, name);
}

static void
on_folded_changed_cb (FaltWindow *self)
{
  update_close_document_button (self);
}

static void
on_visible_page_changed_cb (FaltWindow *self)
{
  GtkWidget *child = gtk_stack_get_visible_child (self->page_stack);
  GtkStackPage *page;

  if (child == NULL)
    return;

  update_close_document_button (self);
  /* Leaving the document leaves its presentation. */
  if (self->presenting && child != self->document_page)
    falt_window_set_presenting (self, FALSE);
  if (child == self->document_page)
    {
      adw_window_title_set_title (self->content_title,
                                  falt_document_page_get_title (FALT_DOCUMENT_PAGE (child)));
      return;
    }

  page = gtk_stack_get_page (self->page_stack, child);
  adw_window_title_set_title (self->content_title, gtk_stack_page_get_title (page));
  g_settings_set_string (self->settings, "last-page", gtk_stack_page_get_name (page));
}

static gboolean
invert_boolean_cb (gpointer unused,
                   gboolean value)
{
  return !value;
}

static void
go_back_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  FaltWindow *self = FALT_WINDOW (widget);

  if (self->document_page != NULL
      && gtk_stack_get_visible_child (self->page_stack) == self->document_page)
    {
      /* Back from a document reached by a link is the document before. */
      if (!falt_document_page_go_back (FALT_DOCUMENT_PAGE (self->document_page)))
        close_document (self);
    }
  else
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  falt_window_show_page (FALT_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  FaltWindow *self = FALT_WINDOW (widget);
  GtkWidget *page;

  falt_window_show_page (self, "search");
  page = gtk_stack_get_child_by_name (self->page_stack, "search");
  if (page != NULL)
    gtk_widget_grab_focus (page);
}

/* Ctrl+F: in a PDF on screen, its find bar; anywhere else, the search page
 * (which Ctrl+Shift+F always opens). */
static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  FaltWindow *self = FALT_WINDOW (widget);

  if (self->document_page != NULL
      && gtk_stack_get_visible_child (self->page_stack) == self->document_page
      && falt_document_page_find (FALT_DOCUMENT_PAGE (self->document_page)))
    return;
  search_action (widget, "win.search", NULL);
}

/* A search hit: the document at its page, the words it matched found on it. */
static void
open_document_find_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  FaltWindow *self = FALT_WINDOW (widget);
  const char *id, *words;
  int page;

  g_variant_get (parameter, "(&si&s)", &id, &page, &words);
  falt_window_open_document (self, id, page);
  if (self->document_page != NULL)
    falt_document_page_find_when_open (FALT_DOCUMENT_PAGE (self->document_page), words);
}

static void
open_document_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  const char *id;
  int page;

  g_variant_get (parameter, "(&si)", &id, &page);
  falt_window_open_document (FALT_WINDOW (widget), id, page);
}

/* A search hit: the document, with the words the search matched marked in
 * an article, or found with the find bar on the page of a PDF. */
static void
open_search_hit_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  FaltWindow *self = FALT_WINDOW (widget);
  FaltDocumentPage *document;
  const char *id, *query;
  int page;

  g_variant_get (parameter, "(&si&s)", &id, &page, &query);
  falt_window_open_document (self, id, page);
  if (self->document_page == NULL)
    return;

  document = FALT_DOCUMENT_PAGE (self->document_page);
  if (g_strcmp0 (falt_document_page_get_kind (document), "pdf") == 0)
    {
      /* The words as typed, without the search's quotes and stars. */
      g_autofree char *words = g_strdelimit (g_strdup (query), "\"*", ' ');

      falt_document_page_find_when_open (document, g_strstrip (words));
    }
  else
    falt_document_page_highlight (document, query);
}

static void
show_coordinators_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  FaltWindow *self = FALT_WINDOW (widget);
  GtkWidget *page;

  falt_window_show_page (self, COORDINATORS_PAGE_NAME);
  page = gtk_stack_get_child_by_name (self->page_stack, COORDINATORS_PAGE_NAME);
  if (FALT_IS_COORDINATORS_PAGE (page))
    falt_coordinators_page_set_query (FALT_COORDINATORS_PAGE (page), g_variant_get_string (parameter, NULL));
}

static void
open_file_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  falt_window_files_choose (FALT_WINDOW (widget));
}

static void
close_document_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  close_document (FALT_WINDOW (widget));
}

/* The shortcuts window is built when first asked for, not with every main
 * window as GtkApplication would do from gtk/help-overlay.ui: it is a few
 * milliseconds of start-up for something rarely opened. Once built, it is
 * GTK's own help overlay. */
static void
show_shortcuts_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (widget);

  if (gtk_application_window_get_help_overlay (window) == NULL)
    {
      g_autoptr (GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_PREFIX "/ui/falt-shortcuts-window.ui");

      gtk_application_window_set_help_overlay (window,
                                               GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay")));
    }

  g_action_group_activate_action (G_ACTION_GROUP (window), "show-help-overlay", NULL);
}

static void
toast_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  falt_window_add_toast (FALT_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
restore_window_state (FaltWindow *self,
                      const char *last_page)
{
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  if (find_sidebar_row (self, last_page) == NULL)
    last_page = FIRST_PAGE_NAME;

  falt_window_show_page (self, last_page);
  /* The window opens on the sidebar when folded, like Settings does. */
  adw_leaflet_set_visible_child (self->leaflet, self->sidebar_box);
}

static void
save_window_state (FaltWindow *self)
{
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
}

static gboolean
falt_window_close_request (GtkWindow *window)
{
  save_window_state (FALT_WINDOW (window));

  return GTK_WINDOW_CLASS (falt_window_parent_class)->close_request (window);
}

static void
falt_window_dispose (GObject *object)
{
  FaltWindow *self = FALT_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), FALT_TYPE_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->page_names);
  g_clear_pointer (&self->pending_pages, g_hash_table_unref);
  g_clear_object (&self->store);
  g_clear_object (&self->updater);
  g_clear_pointer (&self->page_before_document, g_free);

  G_OBJECT_CLASS (falt_window_parent_class)->dispose (object);
}

static void
falt_window_constructed (GObject *object)
{
  FaltWindow *self = FALT_WINDOW (object);
  g_autofree char *last_page = NULL;

  G_OBJECT_CLASS (falt_window_parent_class)->constructed (object);

  /* The application's settings, passed down to the pages. */
  {
    GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
    GSettings *shared = FALT_IS_APPLICATION (app) ? falt_application_get_settings (FALT_APPLICATION (app)) : NULL;

    self->settings = shared != NULL ? g_object_ref (shared) : g_settings_new (APPLICATION_ID);
    g_signal_connect_object (self->settings, "changed::content-language",
                             G_CALLBACK (on_content_language_changed_cb), self, G_CONNECT_SWAPPED);
    g_signal_connect_object (self->settings, "changed::content-languages",
                             G_CALLBACK (on_content_language_changed_cb), self, G_CONNECT_SWAPPED);
  }

  /* Read before the pages exist: adding the first one makes it visible,
   * which would record it as the last page. */
  last_page = g_settings_get_string (self->settings, "last-page");

  for (guint i = 0; i < G_N_ELEMENTS (fixed_pages); i++)
    add_page (self, fixed_pages[i].name, _(fixed_pages[i].title), fixed_pages[i].icon_name,
              &fixed_pages[i], NULL);
  add_section_pages (self);
  if (self->store != NULL)
    {
      g_signal_connect_object (self->store, "content-changed", G_CALLBACK (on_content_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->store, "history-cleared", G_CALLBACK (on_history_cleared_cb), self,
                               G_CONNECT_SWAPPED);
    }
  if (self->updater != NULL)
    gtk_widget_insert_before (falt_update_bar_new (self->updater), gtk_widget_get_parent (GTK_WIDGET (self->page_stack)),
                              GTK_WIDGET (self->page_stack));

  restore_window_state (self, last_page);
}

static void
falt_window_class_init (FaltWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = falt_window_dispose;
  object_class->constructed = falt_window_constructed;
  object_class->get_property = falt_window_get_property;
  object_class->set_property = falt_window_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, FALT_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UPDATER] =
    g_param_spec_object ("updater", NULL, NULL, FALT_TYPE_UPDATER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  window_class->close_request = falt_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/falt-window.ui");
  gtk_widget_class_bind_template_child (widget_class, FaltWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, FaltWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, FaltWindow, sidebar_box);
  gtk_widget_class_bind_template_child (widget_class, FaltWindow, content_box);
  gtk_widget_class_bind_template_child (widget_class, FaltWindow, sidebar_separator);
  gtk_widget_class_bind_template_child (widget_class, FaltWindow, content_header);
  gtk_widget_class_bind_template_child (widget_class, FaltWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, FaltWindow, page_stack);
  gtk_widget_class_bind_template_child (widget_class, FaltWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, FaltWindow, close_document_button);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_visible_page_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_folded_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, invert_boolean_cb);

  gtk_widget_class_install_action (widget_class, "win.go-back", NULL, go_back_action);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.open-document", "(si)", open_document_action);
  gtk_widget_class_install_action (widget_class, "win.open-search-hit", "(sis)", open_search_hit_action);
  gtk_widget_class_install_action (widget_class, "win.open-document-find", "(sis)", open_document_find_action);
  gtk_widget_class_install_action (widget_class, "win.close-document", NULL, close_document_action);
  gtk_widget_class_install_action (widget_class, "win.open-file", NULL, open_file_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open-file", NULL);
  gtk_widget_class_install_action (widget_class, "win.toast", "s", toast_action);
  gtk_widget_class_install_action (widget_class, "win.shortcuts", NULL, show_shortcuts_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_question, GDK_CONTROL_MASK, "win.shortcuts", NULL);
  gtk_widget_class_install_action (widget_class, "win.show-coordinators", "s", show_coordinators_action);

  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.search", NULL);
  falt_window_install_keyboard_actions (widget_class);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.go-back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
falt_window_init (FaltWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->page_names = gtk_string_list_new (NULL);
  self->pending_pages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, pending_page_free);
  gtk_list_box_set_header_func (self->sidebar_list, set_sidebar_header, NULL, NULL);
  falt_window_files_add_drop_target (self);
  falt_window_add_key_controllers (self);
}

/**
 * falt_window_new:
 * @store: (nullable): the content store, or %NULL when it could not be opened
 * @updater: (nullable): the updater, whose progress the window shows
 */
FaltWindow *
falt_window_new (AdwApplication *application,
                 FaltStore      *store,
                 FaltUpdater    *updater)
{
  return g_object_new (FALT_TYPE_WINDOW, "application", application, "store", store, "updater", updater, NULL);
}
