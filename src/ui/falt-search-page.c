/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-search-page"

#include <glib/gi18n.h>

#include "falt-search-page.h"
#include "falt-ui-utils.h"

/* Search as you type: each change cancels the query in flight and starts a
 * new one off the main thread, so typing never waits on the store. */

#define MAX_RESULTS 50

struct _FaltSearchPage
{
  AdwBin          parent_instance;

  FaltStore      *store;
  GSettings      *settings;
  GCancellable   *cancellable;
  guint           n_results;
  char           *last_query;          /* the query the shown results answer */
  gboolean        open_first_when_done; /* Enter came before the results */
  gboolean        searching;

  GtkSearchEntry *search_entry;
  GtkStack       *results_stack;
  GtkListBox     *results_list;
  AdwStatusPage  *error_page;
};

G_DEFINE_FINAL_TYPE (FaltSearchPage, falt_search_page, ADW_TYPE_BIN)

#define HIT_ID_KEY   "falt-hit-id"
#define HIT_PAGE_KEY "falt-hit-page"
#define HIT_KIND_KEY "falt-hit-kind"

static const char *
kind_icon_name (const char *kind)
{
  if (g_strcmp0 (kind, "pdf") == 0)
    return "x-office-document-symbolic";
  if (g_strcmp0 (kind, "coordinator") == 0)
    return "system-users-symbolic";
  return "text-x-generic-symbolic";
}

static char *
describe_hit_location (FaltSearchHit *hit)
{
  int page = falt_search_hit_get_page (hit);
  const char *kind = falt_search_hit_get_kind (hit);

  if (page > 0)
    /* Translators: where a search word was found in a PDF brochure. */
    return g_strdup_printf (_("Brochure, page %d"), page);
  if (g_strcmp0 (kind, "coordinator") == 0)
    return g_strdup (_("Regional coordinator"));
  return g_strdup (_("Article"));
}

static void
append_wrapping_label (GtkWidget *box,
                       GtkWidget *label)
{
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  /* Wrapped labels ask for little width by default; results use the row's. */
  gtk_label_set_max_width_chars (GTK_LABEL (label), 120);
  gtk_box_append (GTK_BOX (box), label);
}

static GtkWidget *
create_result_row (FaltSearchHit *hit)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *icon = gtk_image_new_from_icon_name (kind_icon_name (falt_search_hit_get_kind (hit)));
  GtkWidget *title = gtk_label_new (falt_search_hit_get_title (hit));
  g_autofree char *location_text = describe_hit_location (hit);
  GtkWidget *location = gtk_label_new (location_text);
  g_autofree char *markup = falt_snippet_to_markup (falt_search_hit_get_snippet (hit));
  GtkWidget *snippet = gtk_label_new (NULL);

  gtk_label_set_markup (GTK_LABEL (snippet), markup);
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_set_margin_top (icon, 2);
  gtk_widget_add_css_class (title, "heading");
  gtk_widget_add_css_class (location, "dim-label");
  gtk_widget_add_css_class (location, "caption");
  append_wrapping_label (text_box, title);
  append_wrapping_label (text_box, location);
  append_wrapping_label (text_box, snippet);
  gtk_label_set_lines (GTK_LABEL (snippet), 3);
  gtk_label_set_ellipsize (GTK_LABEL (snippet), PANGO_ELLIPSIZE_END);

  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_hexpand (text_box, TRUE);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), text_box);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  falt_search_hit_get_title (hit), -1);
  g_object_set_data_full (G_OBJECT (row), HIT_ID_KEY, g_strdup (falt_search_hit_get_doc_id (hit)), g_free);
  g_object_set_data (G_OBJECT (row), HIT_PAGE_KEY, GINT_TO_POINTER (MAX (falt_search_hit_get_page (hit), 0)));
  g_object_set_data_full (G_OBJECT (row), HIT_KIND_KEY, g_strdup (falt_search_hit_get_kind (hit)), g_free);

  return row;
}

static void
open_result (FaltSearchPage *self,
             GtkListBoxRow  *row)
{
  const char *id = g_object_get_data (G_OBJECT (row), HIT_ID_KEY);
  const char *kind = g_object_get_data (G_OBJECT (row), HIT_KIND_KEY);
  int page = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), HIT_PAGE_KEY));

  /* Coordinators are not documents: show them on their page, found by the
   * same words. */
  if (g_strcmp0 (kind, "coordinator") == 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-coordinators", "s", self->last_query);
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "win.open-document", "(si)", id, page);
}

static void
show_results (FaltSearchPage *self,
              GPtrArray      *hits)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->results_list))) != NULL)
    gtk_list_box_remove (self->results_list, child);

  self->n_results = hits->len;
  for (guint i = 0; i < hits->len; i++)
    gtk_list_box_append (self->results_list, create_result_row (g_ptr_array_index (hits, i)));

  gtk_stack_set_visible_child_name (self->results_stack, hits->len > 0 ? "results" : "none");
}

static void
on_search_finished_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr (FaltSearchPage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) hits = falt_store_search_finish (FALT_STORE (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->searching = FALSE;
  if (hits == NULL)
    {
      falt_status_page_set_plain_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->results_stack, "error");
      return;
    }

  show_results (self, hits);
  if (self->open_first_when_done && hits->len > 0)
    open_result (self, gtk_list_box_get_row_at_index (self->results_list, 0));
  self->open_first_when_done = FALSE;
}

static void
on_search_changed_cb (FaltSearchPage *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (query));

  if (g_strcmp0 (stripped, self->last_query) == 0)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_free (self->last_query);
  self->last_query = g_strdup (stripped);

  if (*stripped == '\0')
    {
      self->n_results = 0;
      self->searching = FALSE;
      self->open_first_when_done = FALSE;
      gtk_stack_set_visible_child_name (self->results_stack, "empty");
      return;
    }

  self->cancellable = g_cancellable_new ();
  self->searching = TRUE;
  falt_store_search_async (self->store, stripped, falt_preferred_content_language (self->settings),
                           MAX_RESULTS, self->cancellable, on_search_finished_cb, g_object_ref (self));
}

static void
on_result_activated_cb (FaltSearchPage *self,
                        GtkListBoxRow  *row)
{
  open_result (self, row);
}

/* Enter in the search field opens the best hit — of the text as typed now,
 * even when Enter comes before the search-as-you-type delay is over. */
static void
on_search_activate_cb (FaltSearchPage *self)
{
  on_search_changed_cb (self);
  if (self->searching)
    self->open_first_when_done = TRUE;
  else if (self->n_results > 0)
    open_result (self, gtk_list_box_get_row_at_index (self->results_list, 0));
}

/* Escape clears the query, or leaves the page when there is none. */
static void
on_stop_search_cb (FaltSearchPage *self)
{
  if (*gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "win.go-back", NULL);
}

/* Down from the search field moves into the results. */
static gboolean
on_entry_key_pressed_cb (GtkEventControllerKey *controller,
                         guint                  keyval,
                         guint                  keycode,
                         GdkModifierType        state,
                         FaltSearchPage        *self)
{
  if ((keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down) && self->n_results > 0)
    return gtk_widget_child_focus (GTK_WIDGET (self->results_list), GTK_DIR_TAB_FORWARD);

  return FALSE;
}

void
falt_search_page_set_query (FaltSearchPage *self,
                            const char     *query)
{
  g_return_if_fail (FALT_IS_SEARCH_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), query);
}

guint
falt_search_page_get_n_results (FaltSearchPage *self)
{
  g_return_val_if_fail (FALT_IS_SEARCH_PAGE (self), 0);

  return self->n_results;
}

static gboolean
falt_search_page_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (FALT_SEARCH_PAGE (widget)->search_entry));
}

static void
falt_search_page_dispose (GObject *object)
{
  FaltSearchPage *self = FALT_SEARCH_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->last_query, g_free);

  G_OBJECT_CLASS (falt_search_page_parent_class)->dispose (object);
}

static void
falt_search_page_class_init (FaltSearchPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = falt_search_page_dispose;
  widget_class->grab_focus = falt_search_page_grab_focus;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/falt-search-page.ui");
  gtk_widget_class_bind_template_child (widget_class, FaltSearchPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, FaltSearchPage, results_stack);
  gtk_widget_class_bind_template_child (widget_class, FaltSearchPage, results_list);
  gtk_widget_class_bind_template_child (widget_class, FaltSearchPage, error_page);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_result_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search_cb);
}

static void
falt_search_page_init (FaltSearchPage *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_entry_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);
  /* Typing anywhere on the page goes to the search field. */
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
}

GtkWidget *
falt_search_page_new (FaltStore *store,
                      GSettings *settings)
{
  FaltSearchPage *self = g_object_new (FALT_TYPE_SEARCH_PAGE, NULL);

  self->store = g_object_ref (store);
  self->settings = g_object_ref (settings);
  return GTK_WIDGET (self);
}
