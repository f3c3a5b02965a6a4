/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-search-page"

#include <glib/gi18n.h>

#include "falt-content-languages.h"
#include "falt-search-page-private.h"
#include "falt-search-result-row.h"
#include "falt-ui-utils.h"

/* Search as you type: each change cancels the query in flight and starts a
 * new one off the main thread, so typing never waits on the store. The
 * results go into one model per group, whose items keep their rows from
 * one query to the next (falt_search_result_set()); only a screenful of
 * rows is built, more as the list scrolls (tests/bench/reading-articles). */

#define MAX_RESULTS 50

/* Results come grouped by kind, the groups in the order of their best hit. */
typedef enum
{
  GROUP_ARTICLES,
  GROUP_PDFS,
  GROUP_COORDINATORS,
  N_GROUPS
} ResultGroup;

/* The groups' ids in the template (articles_group, articles_list, …). */
static const char *const group_ids[N_GROUPS] = { "articles", "pdfs", "coordinators" };

struct _FaltSearchPage
{
  AdwBin          parent_instance;

  FaltStore      *store;
  GSettings      *settings;
  GCancellable   *cancellable;
  FaltSearchJob  *job;                  /* the search in flight */
  gint64          job_started;          /* monotonic time it started */
  guint           wait_tick_id;         /* waits for it in the next frame */
  GCancellable   *snippets_cancellable; /* the snippets of the rows shown */
  guint           n_results;
  char           *last_query;          /* the query the shown results answer */
  gboolean        open_first_when_done; /* Enter came before the results */
  gboolean        searching;

  GPtrArray      *hits;                 /* the results shown */
  GArray         *specs[N_GROUPS];      /* RowSpec: each group's rows */
  ResultGroup     order[N_GROUPS];      /* the groups with hits, best first */
  guint           n_groups;
  guint           rows_wanted;          /* how many of the rows are built */
  guint           more_rows_source;
  GListStore     *models[N_GROUPS];     /* FaltSearchResult: the rows built */

  GtkSearchEntry    *search_entry;
  GtkStack          *results_stack;
  GtkScrolledWindow *results_scroller;
  GtkBox            *results_box;
  GtkWidget         *groups[N_GROUPS];
  GtkListBox        *lists[N_GROUPS];
  FaltSearchHit     *first_hit;
  AdwStatusPage     *error_page;
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

/* A row the results hold, before a row is built for it. */
typedef struct
{
  FaltSearchHit        *hit;   /* held by self->hits */
  FaltSearchResultKind  kind;
  char                 *title;
  char                 *count;   /* or NULL */
} RowSpec;

static void
row_spec_clear (RowSpec *spec)
{
  g_free (spec->title);
  g_free (spec->count);
}

static void open_hit (FaltSearchPage *self,
                      FaltSearchHit  *hit);

static void
on_result_row_activated_cb (GtkListBox     *list,
                            GtkListBoxRow  *row,
                            FaltSearchPage *self)
{
  FaltSearchHit *hit = FALT_IS_SEARCH_RESULT_ROW (row)
                         ? falt_search_result_get_hit (falt_search_result_row_get_result (FALT_SEARCH_RESULT_ROW (row)))
                         : NULL;

  if (hit != NULL)
    open_hit (self, hit);
}

static GtkWidget *
create_result_row_cb (gpointer item,
                      gpointer user_data)
{
  return falt_search_result_row_new (item);
}

static void
add_row_spec (GArray               *specs,
              FaltSearchHit        *hit,
              FaltSearchResultKind  kind,
              char                 *title,
              char                 *count)
{
  RowSpec spec = { hit, kind, title, count };

  g_array_append_val (specs, spec);
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
add_pdf_rows (GArray    *specs,
              GPtrArray *pages)
{
  FaltSearchHit *best = g_ptr_array_index (pages, 0);  /* in rank order */
  g_autoptr (GPtrArray) in_page_order = g_ptr_array_copy (pages, NULL, NULL);
  char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u page matches", "%u pages match", pages->len),
                                 pages->len);

  add_row_spec (specs, best, FALT_SEARCH_RESULT_PDF_DOCUMENT, g_strdup (falt_search_hit_get_title (best)), count);
  g_ptr_array_sort (in_page_order, compare_pages);
  for (guint i = 0; i < in_page_order->len; i++)
    {
      FaltSearchHit *hit = g_ptr_array_index (in_page_order, i);

      /* Translators: a page of a PDF with search hits, by its label as the
       * viewer shows it ("Page iii", "Page 91"). */
      add_row_spec (specs, hit, FALT_SEARCH_RESULT_PDF_PAGE,
                    g_strdup_printf (_("Page %s"), falt_search_hit_get_page_label (hit)), NULL);
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

static GArray *
group_row_specs (ResultGroup  group,
                 GPtrArray   *hits)
{
  GArray *specs = g_array_new (FALSE, FALSE, sizeof (RowSpec));

  g_array_set_clear_func (specs, (GDestroyNotify) row_spec_clear);
  if (group == GROUP_PDFS)
    {
      g_autoptr (GPtrArray) documents = pdf_documents (hits);

      for (guint i = 0; i < documents->len; i++)
        add_pdf_rows (specs, g_ptr_array_index (documents, i));
    }
  else
    for (guint i = 0; i < hits->len; i++)
      {
        FaltSearchHit *hit = g_ptr_array_index (hits, i);

        add_row_spec (specs, hit, FALT_SEARCH_RESULT_HIT, g_strdup (falt_search_hit_get_title (hit)), NULL);
      }
  return specs;
}

/* Gives the group's model the first n of its rows. The items it has take
 * the new hits, so their rows stay and only their text changes; items past
 * n let go of theirs, which hides their rows, kept for the next query
 * rather than built again (a row costs ~0.4 ms to build). Rows are built
 * only for items added. */
static void
fill_group_model (GListStore *model,
                  GArray     *specs,
                  guint       n)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (model));

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr (FaltSearchResult) item = g_list_model_get_item (G_LIST_MODEL (model), i);
      RowSpec *spec = i < n ? &g_array_index (specs, RowSpec, i) : NULL;

      if (spec != NULL)
        falt_search_result_set (item, spec->hit, spec->kind, spec->title, spec->count);
      else
        falt_search_result_clear (item);
    }
  if (n > n_items)
    {
      g_autoptr (GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = n_items; i < n; i++)
        {
          RowSpec *spec = &g_array_index (specs, RowSpec, i);

          g_ptr_array_add (added, falt_search_result_new (spec->hit, spec->kind, spec->title, spec->count));
        }
      g_list_store_splice (model, n_items, 0, added->pdata, added->len);
    }
}

static void
on_snippets_made_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr (FaltSearchPage) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!falt_store_make_snippets_finish (FALT_STORE (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_message ("Search results shown without their snippets: %s", error->message);
      return;
    }
  /* The rows whose hits have their snippets now show them. */
  for (guint g = 0; g < N_GROUPS; g++)
    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->models[g])); i++)
      {
        g_autoptr (FaltSearchResult) item = g_list_model_get_item (G_LIST_MODEL (self->models[g]), i);
        FaltSearchHit *hit = falt_search_result_get_hit (item);

        if (hit != NULL && *falt_search_result_get_snippet (item) == '\0' &&
            falt_search_result_get_kind (item) != FALT_SEARCH_RESULT_PDF_DOCUMENT &&
            falt_search_hit_get_snippet (hit) != NULL && *falt_search_hit_get_snippet (hit) != '\0')
          falt_search_result_set (item, hit, falt_search_result_get_kind (item), falt_search_result_get_title (item),
                                  falt_search_result_get_count (item));
      }
}

/* The search makes the snippets of the first screenful of hits only
 * (falt_search_job_set_snippets_per_kind()): the other rows shown, further
 * down or a PDF's pages in page order, get theirs now. */
static void
make_missing_snippets (FaltSearchPage *self)
{
  g_autoptr (GPtrArray) missing = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint g = 0; g < N_GROUPS; g++)
    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->models[g])); i++)
      {
        g_autoptr (FaltSearchResult) item = g_list_model_get_item (G_LIST_MODEL (self->models[g]), i);
        FaltSearchHit *hit = falt_search_result_get_hit (item);

        if (hit != NULL && falt_search_hit_get_snippet (hit) == NULL &&
            falt_search_result_get_kind (item) != FALT_SEARCH_RESULT_PDF_DOCUMENT)
          g_ptr_array_add (missing, g_object_ref (hit));
      }
  if (missing->len == 0)
    return;
  if (self->snippets_cancellable == NULL)
    self->snippets_cancellable = g_cancellable_new ();
  falt_store_make_snippets_async (self->store, self->last_query, missing, self->snippets_cancellable,
                                  on_snippets_made_cb, g_object_ref (self));
}

/* The rows built: the groups in order, as many rows as rows_wanted. */
static void
fill_groups (FaltSearchPage *self)
{
  guint left = self->rows_wanted;
  GtkWidget *previous = NULL;

  for (guint i = 0; i < self->n_groups; i++)
    {
      ResultGroup group = self->order[i];
      guint n = MIN (left, self->specs[group]->len);

      fill_group_model (self->models[group], self->specs[group], n);
      gtk_widget_set_visible (self->groups[group], n > 0);
      gtk_box_reorder_child_after (self->results_box, self->groups[group], previous);
      previous = self->groups[group];
      left -= n;
    }
  for (guint g = 0; g < N_GROUPS; g++)
    if (self->specs[g]->len == 0)
      {
        fill_group_model (self->models[g], self->specs[g], 0);
        gtk_widget_set_visible (self->groups[g], FALSE);
      }
  make_missing_snippets (self);
}

static guint
n_row_specs (FaltSearchPage *self)
{
  guint n = 0;

  for (guint g = 0; g < N_GROUPS; g++)
    n += self->specs[g]->len;
  return n;
}

/* Rows for a screenful of results (ROW_HEIGHT is about a row with a
 * snippet): laying out rows costs the frame, so only those are built at
 * first, more as the list scrolls towards their end. */
#define ROW_HEIGHT 56
#define MIN_ROWS 8

static guint
rows_per_screen (FaltSearchPage *self)
{
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  return MAX (MIN_ROWS, (height > 0 ? height : 1000) / ROW_HEIGHT + 1);
}

static gboolean
build_more_rows_cb (gpointer user_data)
{
  FaltSearchPage *self = user_data;
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->results_scroller);
  double value = gtk_adjustment_get_value (adjustment);
  double page = gtk_adjustment_get_page_size (adjustment);
  double upper = gtk_adjustment_get_upper (adjustment);

  self->more_rows_source = 0;
  /* The list ends within three rows of the bottom of the view (or short
   * of it, after the window grew). */
  if (self->rows_wanted < n_row_specs (self) && (upper <= page || (value > 0 && value + page >= upper - 3 * ROW_HEIGHT)))
    {
      self->rows_wanted += rows_per_screen (self);
      fill_groups (self);
    }
  return G_SOURCE_REMOVE;
}

static void
on_results_scrolled_cb (FaltSearchPage *self)
{
  /* Not while GTK allocates (the adjustment changes then): after it. */
  if (self->more_rows_source == 0 && self->rows_wanted < n_row_specs (self))
    self->more_rows_source = g_idle_add (build_more_rows_cb, self);
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

/* Shows the results, or covers them with a status page ("empty", "none",
 * "error"): covered, they are out of reach of the pointer, the keyboard and
 * screen readers, and stay laid out for the next results. */
static void
show_status (FaltSearchPage *self,
             const char     *status)
{
  GtkWidget *results = GTK_WIDGET (self->results_scroller);

  if (status != NULL)
    gtk_stack_set_visible_child_name (self->results_stack, status);
  gtk_widget_set_visible (GTK_WIDGET (self->results_stack), status != NULL);
  /* Not drawn under the status page either. */
  gtk_widget_set_opacity (results, status == NULL ? 1.0 : 0.0);
  gtk_widget_set_can_target (results, status == NULL);
  gtk_widget_set_can_focus (results, status == NULL);
  gtk_accessible_update_state (GTK_ACCESSIBLE (results), GTK_ACCESSIBLE_STATE_HIDDEN, status != NULL, -1);
}

static void
show_results (FaltSearchPage *self,
              GPtrArray      *hits)
{
  GPtrArray *grouped[N_GROUPS];

  for (guint g = 0; g < N_GROUPS; g++)
    grouped[g] = g_ptr_array_new ();
  self->n_groups = 0;
  for (guint i = 0; i < hits->len; i++)
    {
      FaltSearchHit *hit = g_ptr_array_index (hits, i);
      ResultGroup group = group_of (hit);

      if (grouped[group]->len == 0)
        self->order[self->n_groups++] = group;
      g_ptr_array_add (grouped[group], hit);
    }
  /* The rows' specs borrow the hits, which self->hits holds. */
  for (guint g = 0; g < N_GROUPS; g++)
    {
      g_clear_pointer (&self->specs[g], g_array_unref);
      self->specs[g] = group_row_specs (g, grouped[g]);
    }
  g_clear_pointer (&self->hits, g_ptr_array_unref);
  self->hits = g_ptr_array_ref (hits);

  /* New results start at their top, a screenful built. None: the last
   * rows stay under "No Results", for the next letter's hits. */
  if (hits->len > 0)
    {
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->results_scroller), 0);
      self->rows_wanted = rows_per_screen (self);
      fill_groups (self);
    }

  /* Enter opens the first hit shown: the best of the first group. */
  g_clear_object (&self->first_hit);
  if (self->n_groups > 0)
    self->first_hit = g_object_ref (g_ptr_array_index (grouped[self->order[0]], 0));
  for (guint g = 0; g < N_GROUPS; g++)
    g_ptr_array_unref (grouped[g]);
  self->n_results = hits->len;
  show_status (self, hits->len > 0 ? NULL : "none");
}

/* The search in flight is done, with @hits or @error. */
static void
search_done (FaltSearchPage *self,
             GPtrArray      *hits,
             const GError   *error)
{
  self->searching = FALSE;
  g_clear_object (&self->job);
  if (self->wait_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->wait_tick_id);
  self->wait_tick_id = 0;
  if (hits == NULL)
    {
      falt_status_page_set_plain_description (self->error_page, error->message);
      show_status (self, "error");
      return;
    }

  show_results (self, hits);
  if (self->open_first_when_done && self->first_hit != NULL)
    open_hit (self, self->first_hit);
  self->open_first_when_done = FALSE;
}

static void
on_search_finished_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr (FaltSearchPage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) hits = falt_store_search_finish (FALT_STORE (source), result, &error);

  /* Cancelled: another query replaced it. Not searching: the frame that
   * waited for it showed its results already. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || !self->searching)
    return;
  search_done (self, hits, error);
}

/* How long the frame after a keystroke waits for the search's results, from
 * the keystroke: the letter and its results are drawn in one frame when
 * the search is done in time (a search of the 10,000-article bench store
 * takes 2-5 ms), else the letter is drawn and the results come with the
 * worker's callback, a frame or more later. Half a frame at 60 Hz, so the
 * letter is never held back long. */
#define RESULTS_WAIT_US 8000

static gboolean
wait_for_results_cb (GtkWidget     *widget,
                     GdkFrameClock *clock,
                     gpointer       user_data)
{
  FaltSearchPage *self = FALT_SEARCH_PAGE (widget);
  g_autoptr (FaltSearchJob) job = self->job != NULL ? g_object_ref (self->job) : NULL;

  self->wait_tick_id = 0;
  if (self->searching && job != NULL && falt_search_job_wait_until (job, self->job_started + RESULTS_WAIT_US))
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) hits = falt_search_job_take_hits (job, &error);

      search_done (self, hits, error);
    }
  return G_SOURCE_REMOVE;
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
  g_cancellable_cancel (self->snippets_cancellable);
  g_clear_object (&self->snippets_cancellable);
  g_clear_object (&self->job);
  g_free (self->last_query);
  self->last_query = g_strdup (stripped);

  if (*stripped == '\0')
    {
      self->n_results = 0;
      g_clear_object (&self->first_hit);
      self->searching = FALSE;
      self->open_first_when_done = FALSE;
      show_status (self, "empty");
      return;
    }

  self->cancellable = g_cancellable_new ();
  self->searching = TRUE;
  langs = falt_content_language_chain (self->settings);
  self->job = falt_search_job_new (stripped, (const char * const *) langs, MAX_RESULTS);
  falt_search_job_set_snippets_per_kind (self->job, rows_per_screen (self));
  self->job_started = g_get_monotonic_time ();
  falt_store_search_job_async (self->store, self->job, self->cancellable, on_search_finished_cb, g_object_ref (self));
  if (self->wait_tick_id == 0 && gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->wait_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), wait_for_results_cb, NULL, NULL);
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
  g_cancellable_cancel (self->snippets_cancellable);
  g_clear_object (&self->snippets_cancellable);
  g_clear_object (&self->job);
  if (self->wait_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->wait_tick_id);
  self->wait_tick_id = 0;
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->last_query, g_free);
  g_clear_object (&self->first_hit);
  g_clear_handle_id (&self->more_rows_source, g_source_remove);
  for (guint g = 0; g < N_GROUPS; g++)
    {
      g_clear_pointer (&self->specs[g], g_array_unref);
      g_clear_object (&self->models[g]);
    }
  g_clear_pointer (&self->hits, g_ptr_array_unref);

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
  gtk_widget_class_bind_template_child (widget_class, FaltSearchPage, results_scroller);
  gtk_widget_class_bind_template_child (widget_class, FaltSearchPage, results_box);
  for (guint g = 0; g < N_GROUPS; g++)
    {
      g_autofree char *group = g_strdup_printf ("%s_group", group_ids[g]);
      g_autofree char *list = g_strdup_printf ("%s_list", group_ids[g]);

      gtk_widget_class_bind_template_child_full (widget_class, group, FALSE,
                                                 G_STRUCT_OFFSET (FaltSearchPage, groups) + g * sizeof (GtkWidget *));
      gtk_widget_class_bind_template_child_full (widget_class, list, FALSE,
                                                 G_STRUCT_OFFSET (FaltSearchPage, lists) + g * sizeof (GtkListBox *));
    }
  gtk_widget_class_bind_template_child (widget_class, FaltSearchPage, error_page);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_result_row_activated_cb);

  g_type_ensure (FALT_TYPE_SEARCH_RESULT_ROW);
}

static void
falt_search_page_init (FaltSearchPage *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  GtkAdjustment *adjustment;

  gtk_widget_init_template (GTK_WIDGET (self));
  for (guint g = 0; g < N_GROUPS; g++)
    {
      self->models[g] = g_list_store_new (FALT_TYPE_SEARCH_RESULT);
      self->specs[g] = g_array_new (FALSE, FALSE, sizeof (RowSpec));
      gtk_list_box_bind_model (self->lists[g], G_LIST_MODEL (self->models[g]), create_result_row_cb, NULL, NULL);
    }
  adjustment = gtk_scrolled_window_get_vadjustment (self->results_scroller);
  g_signal_connect_object (adjustment, "value-changed", G_CALLBACK (on_results_scrolled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adjustment, "changed", G_CALLBACK (on_results_scrolled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_entry_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);
  show_status (self, "empty");
  /* Typing anywhere on the page goes to the search field. */
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
}

GtkWidget *
falt_search_page_new (FaltStore *store,
                      GSettings *settings)
{
  return g_object_new (FALT_TYPE_SEARCH_PAGE, "store", store, "settings", settings, NULL);
}
