/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-search-page"

#include <glib/gi18n.h>

#include "falt-content-languages.h"
#include "falt-search-page-private.h"
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
  GtkBox         *results_box;
  FaltSearchHit  *first_hit;
  AdwStatusPage  *error_page;
};

G_DEFINE_FINAL_TYPE (FaltSearchPage, falt_search_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
falt_search_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  FaltSearchPage *self = FALT_SEARCH_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
falt_search_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  FaltSearchPage *self = FALT_SEARCH_PAGE (object);

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

#define HIT_KEY "falt-hit"

/* Results come grouped by kind, the groups in the order of their best hit. */
typedef enum
{
  GROUP_ARTICLES,
  GROUP_PDFS,
  GROUP_COORDINATORS,
  N_GROUPS
} ResultGroup;

static ResultGroup
group_of (FaltSearchHit *hit)
{
  switch (falt_search_hit_get_document_kind (hit))
    {
    case FALT_DOCUMENT_KIND_PDF:
      return GROUP_PDFS;
    case FALT_DOCUMENT_KIND_COORDINATOR:
      return GROUP_COORDINATORS;
    case FALT_DOCUMENT_KIND_ARTICLE:
    default:
      return GROUP_ARTICLES;
    }
}

static const char *
group_title (ResultGroup group)
{
  switch (group)
    {
    case GROUP_PDFS:
      return _("Brochures and PDFs");
    case GROUP_COORDINATORS:
      return _("Regional Coordinators");
    case GROUP_ARTICLES:
    case N_GROUPS:
    default:
      return _("Articles");
    }
}

static const char *
group_icon_name (ResultGroup group)
{
  switch (group)
    {
    case GROUP_PDFS:
      return "x-office-document-symbolic";
    case GROUP_COORDINATORS:
      return "system-users-symbolic";
    case GROUP_ARTICLES:
    case N_GROUPS:
    default:
      return "text-x-generic-symbolic";
    }
}

static void open_hit (FaltSearchPage *self,
                      FaltSearchHit  *hit);

static void
on_result_row_activated_cb (GtkListBox     *list,
                            GtkListBoxRow  *row,
                            FaltSearchPage *self)
{
  FaltSearchHit *hit = g_object_get_data (G_OBJECT (row), HIT_KEY);

  if (hit != NULL)
    open_hit (self, hit);
}

/* One line each, the rest in the tooltip: wrapped labels made drawing
 * fifty results take 0.6-2 s here (GTK 4.8 measures them over and over),
 * one line keeps it near a frame (tests/bench/reading-articles). The
 * snippet starts near the match, so the bold words stay in sight. */
static GtkWidget *
create_result_label (const char *text,
                     gboolean    markup)
{
  GtkWidget *label = gtk_label_new (NULL);

  if (markup)
    {
      gtk_label_set_markup (GTK_LABEL (label), text);
      gtk_widget_set_tooltip_markup (label, text);
    }
  else
    {
      gtk_label_set_text (GTK_LABEL (label), text);
      gtk_widget_set_tooltip_text (label, text);
    }
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  return label;
}

/* A hit: its title (or page), and the snippet with the matched words in
 * bold. Plain rows, not AdwActionRows: fifty of those took ~7 ms each to
 * lay out here (tests/bench/reading-articles). */
static GtkWidget *
create_hit_row (FaltSearchPage *self,
                FaltSearchHit  *hit,
                const char     *title,
                const char     *icon_name,
                int             indent,
                gboolean        with_snippet)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *title_label = create_result_label (title, FALSE);
  g_autofree char *markup = falt_snippet_to_markup (falt_search_hit_get_snippet (hit));

  gtk_widget_add_css_class (title_label, "heading");
  gtk_box_append (GTK_BOX (text_box), title_label);
  if (with_snippet && *markup != '\0')
    {
      GtkWidget *snippet = create_result_label (markup, TRUE);

      gtk_widget_add_css_class (snippet, "dim-label");
      gtk_box_append (GTK_BOX (text_box), snippet);
    }
  if (icon_name != NULL)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);

      gtk_widget_set_valign (icon, GTK_ALIGN_START);
      gtk_widget_set_margin_top (icon, 2);
      gtk_box_append (GTK_BOX (box), icon);
    }
  gtk_widget_set_hexpand (text_box, TRUE);
  gtk_box_append (GTK_BOX (box), text_box);
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 12 + indent);
  gtk_widget_set_margin_end (box, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  g_object_set_data_full (G_OBJECT (row), HIT_KEY, g_object_ref (hit), g_object_unref);
  return row;
}

static int
compare_pages (gconstpointer a,
               gconstpointer b)
{
  return falt_search_hit_get_page (*(FaltSearchHit **) a) - falt_search_hit_get_page (*(FaltSearchHit **) b);
}

/* A PDF is one row, its matching pages in rows under it; the document's
 * row opens its best page. */
static void
append_pdf_rows (FaltSearchPage *self,
                 GtkListBox     *list,
                 GPtrArray      *pages)
{
  FaltSearchHit *best = g_ptr_array_index (pages, 0);  /* in rank order */
  g_autoptr (GPtrArray) in_page_order = g_ptr_array_copy (pages, NULL, NULL);
  g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u page matches", "%u pages match",
                                                         pages->len),
                                            pages->len);
  g_autofree char *title = g_strdup_printf ("%s · %s", falt_search_hit_get_title (best), count);
  /* The snippets are the pages', below it. */
  GtkWidget *document = create_hit_row (self, best, title, group_icon_name (GROUP_PDFS), 0, FALSE);

  gtk_widget_set_name (document, "pdf-document");
  gtk_list_box_append (list, document);
  g_ptr_array_sort (in_page_order, compare_pages);
  for (guint i = 0; i < in_page_order->len; i++)
    {
      FaltSearchHit *hit = g_ptr_array_index (in_page_order, i);
      /* Translators: a page of a PDF with search hits, by its label as the
       * viewer shows it ("Page iii", "Page 91"). */
      g_autofree char *page = g_strdup_printf (_("Page %s"), falt_search_hit_get_page_label (hit));
      GtkWidget *row = create_hit_row (self, hit, page, NULL, 36, TRUE);

      gtk_widget_set_name (row, "pdf-page");
      gtk_list_box_append (list, row);
    }
}

/* The PDF hits by document, in the order of each document's best page. */
static GPtrArray *
pdf_documents (GPtrArray *hits)
{
  GPtrArray *documents = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr (GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < hits->len; i++)
    {
      FaltSearchHit *hit = g_ptr_array_index (hits, i);
      GPtrArray *pages = g_hash_table_lookup (by_id, falt_search_hit_get_doc_id (hit));

      if (pages == NULL)
        {
          pages = g_ptr_array_new ();
          g_ptr_array_add (documents, pages);
          g_hash_table_insert (by_id, (gpointer) falt_search_hit_get_doc_id (hit), pages);
        }
      g_ptr_array_add (pages, hit);
    }
  return documents;
}

static void
add_group (FaltSearchPage *self,
           ResultGroup     group,
           GPtrArray      *hits)
{
  GtkWidget *title = gtk_label_new (group_title (group));
  GtkWidget *list = gtk_list_box_new ();

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "heading");
  gtk_widget_set_margin_top (title, gtk_widget_get_first_child (GTK_WIDGET (self->results_box)) != NULL ? 18 : 6);
  gtk_widget_set_margin_bottom (title, 6);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, group_title (group), -1);
  gtk_widget_set_name (list, group == GROUP_PDFS ? "pdfs" : group == GROUP_COORDINATORS ? "coordinators" : "articles");

  g_signal_connect (list, "row-activated", G_CALLBACK (on_result_row_activated_cb), self);
  if (group == GROUP_PDFS)
    {
      g_autoptr (GPtrArray) documents = pdf_documents (hits);

      for (guint i = 0; i < documents->len; i++)
        {
          append_pdf_rows (self, GTK_LIST_BOX (list), g_ptr_array_index (documents, i));
        }
    }
  else
    for (guint i = 0; i < hits->len; i++)
      {
        FaltSearchHit *hit = g_ptr_array_index (hits, i);

        gtk_list_box_append (GTK_LIST_BOX (list),
                             create_hit_row (self, hit, falt_search_hit_get_title (hit), group_icon_name (group), 0,
                                             TRUE));
      }

  gtk_box_append (self->results_box, title);
  gtk_box_append (self->results_box, list);
}

static void
open_hit (FaltSearchPage *self,
          FaltSearchHit  *hit)
{
  /* Coordinators are not documents: show them on their page, found by the
   * same words. */
  if (group_of (hit) == GROUP_COORDINATORS)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-coordinators", "s", self->last_query);
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "win.open-search-hit", "(sis)", falt_search_hit_get_doc_id (hit),
                                MAX (falt_search_hit_get_page (hit), 0), self->last_query);
}

static void
show_results (FaltSearchPage *self,
              GPtrArray      *hits)
{
  GPtrArray *grouped[N_GROUPS] = { NULL };
  ResultGroup order[N_GROUPS];
  guint n_groups = 0;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->results_box))) != NULL)
    gtk_box_remove (self->results_box, child);
  g_clear_object (&self->first_hit);

  for (guint i = 0; i < hits->len; i++)
    {
      FaltSearchHit *hit = g_ptr_array_index (hits, i);
      ResultGroup group = group_of (hit);

      if (grouped[group] == NULL)
        {
          grouped[group] = g_ptr_array_new ();
          order[n_groups++] = group;
        }
      g_ptr_array_add (grouped[group], hit);
    }
  for (guint i = 0; i < n_groups; i++)
    add_group (self, order[i], grouped[order[i]]);

  /* Enter opens the first hit shown: the best of the first group. */
  if (n_groups > 0)
    self->first_hit = g_object_ref (g_ptr_array_index (grouped[order[0]], 0));
  for (guint i = 0; i < N_GROUPS; i++)
    g_clear_pointer (&grouped[i], g_ptr_array_unref);
  self->n_results = hits->len;
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
  if (self->open_first_when_done && self->first_hit != NULL)
    open_hit (self, self->first_hit);
  self->open_first_when_done = FALSE;
}

static void
on_search_changed_cb (FaltSearchPage *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (query));
  g_auto (GStrv) langs = NULL;

  if (g_strcmp0 (stripped, self->last_query) == 0)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_free (self->last_query);
  self->last_query = g_strdup (stripped);

  if (*stripped == '\0')
    {
      self->n_results = 0;
      g_clear_object (&self->first_hit);
      self->searching = FALSE;
      self->open_first_when_done = FALSE;
      gtk_stack_set_visible_child_name (self->results_stack, "empty");
      return;
    }

  self->cancellable = g_cancellable_new ();
  self->searching = TRUE;
  langs = falt_content_language_chain (self->settings);
  falt_store_search_async (self->store, stripped, (const char * const *) langs,
                           MAX_RESULTS, self->cancellable, on_search_finished_cb, g_object_ref (self));
}

/* Enter in the search field opens the best hit — of the text as typed now,
 * even when Enter comes before the search-as-you-type delay is over. */
static void
on_search_activate_cb (FaltSearchPage *self)
{
  on_search_changed_cb (self);
  if (self->searching)
    self->open_first_when_done = TRUE;
  else if (self->first_hit != NULL)
    open_hit (self, self->first_hit);
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
    return gtk_widget_child_focus (GTK_WIDGET (self->results_box), GTK_DIR_TAB_FORWARD);

  return FALSE;
}

void
falt_search_page_set_query (FaltSearchPage *self,
                            const char     *query)
{
  g_return_if_fail (FALT_IS_SEARCH_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), query);
}

/**
 * falt_search_page_start_typing:
 * @controller: (nullable): the key controller whose key-pressed signal is
 *   being handled, to hand the key on as it came (input methods, dead keys)
 * @text: the text the key types, for when there is no event to hand on
 *
 * Starts a search with a key typed elsewhere in the window (GNOME apps'
 * type-to-search): the search field takes focus and the key.
 */
void
falt_search_page_start_typing (FaltSearchPage        *self,
                               GtkEventControllerKey *controller,
                               const char            *text)
{
  GtkWidget *delegate;

  g_return_if_fail (FALT_IS_SEARCH_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  delegate = GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (self->search_entry)));
  if (controller != NULL && gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (controller)) != NULL
      && delegate != NULL && gtk_event_controller_key_forward (controller, delegate))
    return;

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  gtk_editable_set_position (GTK_EDITABLE (self->search_entry), -1);
}

gboolean
falt_search_page_is_searching (FaltSearchPage *self)
{
  g_return_val_if_fail (FALT_IS_SEARCH_PAGE (self), FALSE);

  return self->searching;
}

/* The search of the text in the field, without the entry's typing delay. */
void
falt_search_page_search_now (FaltSearchPage *self)
{
  g_return_if_fail (FALT_IS_SEARCH_PAGE (self));

  on_search_changed_cb (self);
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
  g_clear_object (&self->first_hit);

  G_OBJECT_CLASS (falt_search_page_parent_class)->dispose (object);
}

static void
falt_search_page_class_init (FaltSearchPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = falt_search_page_dispose;
  object_class->get_property = falt_search_page_get_property;
  object_class->set_property = falt_search_page_set_property;
  /* Construct-only, so a page can be built and tested alone. */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, FALT_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  widget_class->grab_focus = falt_search_page_grab_focus;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/falt-search-page.ui");
  gtk_widget_class_bind_template_child (widget_class, FaltSearchPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, FaltSearchPage, results_stack);
  gtk_widget_class_bind_template_child (widget_class, FaltSearchPage, results_box);
  gtk_widget_class_bind_template_child (widget_class, FaltSearchPage, error_page);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
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
  return g_object_new (FALT_TYPE_SEARCH_PAGE, "store", store, "settings", settings, NULL);
}
