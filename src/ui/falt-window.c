/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-window"

#include "falt-document-page.h"
#include "falt-pdf-canvas.h"
#include "falt-window-files.h"
#include "falt-ui-utils.h"
#include "falt-update-bar.h"
#include "falt-window.h"
#include "falt-window-private.h"
#include "falt-startup-trace.h"

/* The main window: a sidebar of pages (falt-window-pages.c) beside the page
 * shown, with its actions (falt-window-actions.c) and keys
 * (falt-window-keys.c). */

G_DEFINE_FINAL_TYPE (FaltWindow, falt_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_UPDATER,
  PROP_SETTINGS,
  PROP_FILE,
  PROP_PRESENTING_CONTINUOUS,
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
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_FILE:
      g_value_set_object (value, self->initial_file);
      break;
    case PROP_PRESENTING_CONTINUOUS:
      g_value_set_boolean (value, falt_window_get_presenting_continuous (self));
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
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    case PROP_FILE:
      self->initial_file = g_value_dup_object (value);
      break;
    case PROP_PRESENTING_CONTINUOUS:
      falt_window_set_presenting_continuous (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
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

/* Whether the page on screen is a document (not a section, search, …). */
gboolean
falt_window_is_showing_document (FaltWindow *self)
{
  return self->document_page != NULL && gtk_stack_get_visible_child (self->page_stack) == self->document_page;
}

/* Back to the page the document was opened from. */
void
falt_window_close_document (FaltWindow *self)
{
  if (self->document_page != NULL)
    {
      falt_document_page_save_position (FALT_DOCUMENT_PAGE (self->document_page));
      falt_document_page_clear_history (FALT_DOCUMENT_PAGE (self->document_page));
    }
  falt_window_show_page (self, self->page_before_document != NULL ? self->page_before_document
                                                                  : LIBRARY_PAGE_NAME);
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
  gtk_widget_set_visible (self->close_document_button,
                          falt_window_is_showing_document (self) && !adw_leaflet_get_folded (self->leaflet));
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

  falt_window_ensure_page (self, name);
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


/* A window opened for a file shows it at once: the last page is only
 * remembered, its row lit, and built when the document is closed. */
static void
remember_last_page (FaltWindow *self,
                    const char *last_page)
{
  g_free (self->page_before_document);
  self->page_before_document = g_strdup (last_page);
  g_signal_handlers_block_by_func (self->sidebar_list, on_sidebar_row_selected_cb, self);
  gtk_list_box_select_row (self->sidebar_list, falt_window_find_sidebar_row (self, last_page));
  g_signal_handlers_unblock_by_func (self->sidebar_list, on_sidebar_row_selected_cb, self);
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

  if (falt_window_find_sidebar_row (self, last_page) == NULL)
    last_page = FIRST_PAGE_NAME;

  if (self->initial_file != NULL)
    remember_last_page (self, last_page);
  else
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

static GtkWidget *
find_pdf_canvas (GtkWidget *widget)
{
  if (FALT_IS_PDF_CANVAS (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_pdf_canvas (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Realized, the window knows its frame and is about to be laid out at its
 * default size. A PDF
 * it opens on (`faltstod FILE.pdf`) gets its first page rendered now at the
 * width that layout will give it: the content's, which is the window's
 * (less its client-side frame) less the sidebar's when they are side by
 * side. So the first frame draws the page rather than a blank one. A window
 * restored maximized has a size yet to come: its page comes a frame later. */
static void
prerender_first_page (FaltWindow *self)
{
  GtkWidget *canvas;
  double frame_x = 0, frame_y = 0;
  int width, height, sidebar = 0, separator = 0, content = 0, header = 0;

  if (!falt_window_is_showing_document (self) || gtk_window_is_maximized (GTK_WINDOW (self))
      || gtk_window_is_fullscreen (GTK_WINDOW (self))
      || (canvas = find_pdf_canvas (self->document_page)) == NULL || gtk_widget_get_width (canvas) > 0)
    return;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  gtk_native_get_surface_transform (GTK_NATIVE (self), &frame_x, &frame_y);
  width -= 2 * (int) frame_x;
  height -= 2 * (int) frame_y;
  gtk_widget_measure (self->sidebar_box, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &sidebar, NULL, NULL);
  gtk_widget_measure (self->sidebar_separator, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &separator, NULL, NULL);
  gtk_widget_measure (self->content_box, GTK_ORIENTATION_HORIZONTAL, -1, &content, NULL, NULL, NULL);
  gtk_widget_measure (self->content_header, GTK_ORIENTATION_VERTICAL, -1, NULL, &header, NULL, NULL);
  /* Folded, the content has the whole width. */
  if (width - sidebar - separator >= content)
    width -= sidebar + separator;
  falt_startup_trace_printf ("prerender at %d x %d", width, height - header);
  falt_pdf_canvas_prerender (FALT_PDF_CANVAS (canvas), width, height - header);
}

static void
falt_window_realize (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (falt_window_parent_class)->realize (widget);
  prerender_first_page (FALT_WINDOW (widget));
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
  g_clear_object (&self->initial_file);
  g_clear_pointer (&self->page_before_document, g_free);
  g_clear_weak_pointer (&self->focus_before_presenting);

  G_OBJECT_CLASS (falt_window_parent_class)->dispose (object);
}

static void
falt_window_constructed (GObject *object)
{
  FaltWindow *self = FALT_WINDOW (object);
  g_autofree char *last_page = NULL;

  G_OBJECT_CLASS (falt_window_parent_class)->constructed (object);

  /* The application's settings, passed down to the pages. */
  g_return_if_fail (G_IS_SETTINGS (self->settings));

  /* Read before the pages exist: adding the first one makes it visible,
   * which would record it as the last page. */
  last_page = g_settings_get_string (self->settings, "last-page");

  falt_startup_trace_watch (GTK_WIDGET (self));
  falt_window_add_pages (self);
  falt_startup_trace ("window: sidebar filled");
  if (self->updater != NULL)
    gtk_widget_insert_before (falt_update_bar_new (self->updater), gtk_widget_get_parent (GTK_WIDGET (self->page_stack)),
                              GTK_WIDGET (self->page_stack));

  restore_window_state (self, last_page);
  if (self->initial_file != NULL)
    falt_window_open_file (self, self->initial_file);
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
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* A PDF from disk shown in place of the last page (`faltstod FILE.pdf`). */
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Presenting an article whole rather than by section (win.present-continuous). */
  properties[PROP_PRESENTING_CONTINUOUS] =
    g_param_spec_boolean ("presenting-continuous", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  window_class->close_request = falt_window_close_request;
  widget_class->realize = falt_window_realize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/falt-window.ui");
  gtk_widget_class_bind_template_child (widget_class, FaltWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, FaltWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, FaltWindow, sidebar_box);
  gtk_widget_class_bind_template_child (widget_class, FaltWindow, content_box);
  gtk_widget_class_bind_template_child (widget_class, FaltWindow, sidebar_separator);
  gtk_widget_class_bind_template_child (widget_class, FaltWindow, content_header);
  gtk_widget_class_bind_template_child (widget_class, FaltWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, FaltWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, FaltWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, FaltWindow, page_stack);
  gtk_widget_class_bind_template_child (widget_class, FaltWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, FaltWindow, close_document_button);
  gtk_widget_class_bind_template_child (widget_class, FaltWindow, presentation_bar);
  gtk_widget_class_bind_template_child (widget_class, FaltWindow, presentation_step_label);
  gtk_widget_class_bind_template_child (widget_class, FaltWindow, presentation_continuous_button);
  gtk_widget_class_bind_template_child (widget_class, FaltWindow, presentation_blank);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_visible_page_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_folded_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, invert_boolean_cb);

  falt_window_install_actions (widget_class);
  falt_window_install_keyboard_actions (widget_class);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
falt_window_init (FaltWindow *self)
{
  falt_startup_trace ("window: class ready");
  gtk_widget_init_template (GTK_WIDGET (self));
  falt_menu_button_set_menu_later (self->primary_menu_button, self->primary_menu);

  falt_window_init_pages (self);
  falt_window_files_add_drop_target (self);
  falt_window_add_key_controllers (self);
}

/**
 * falt_window_new:
 * @store: (nullable): the content store, or %NULL when it could not be opened
 * @updater: (nullable): the updater, whose progress the window shows
 * @settings: the application's one #GSettings, passed down to the pages
 */
FaltWindow *
falt_window_new (AdwApplication *application,
                 FaltStore      *store,
                 FaltUpdater    *updater,
                 GSettings      *settings)
{
  return falt_window_new_for_file (application, store, updater, settings, NULL);
}

/**
 * falt_window_new_for_file:
 * @file: (nullable): a PDF on disk to show, as falt_window_open_file() does
 *
 * A window that opens on @file: the page it would have opened on is built
 * only when the document is closed, so the file is all start-up waits for.
 */
FaltWindow *
falt_window_new_for_file (AdwApplication *application,
                          FaltStore      *store,
                          FaltUpdater    *updater,
                          GSettings      *settings,
                          GFile          *file)
{
  return g_object_new (FALT_TYPE_WINDOW, "application", application, "store", store, "updater", updater,
                       "settings", settings, "file", file, NULL);
}
