/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-search-result-row"

#include "falt-search-result-row.h"

/* A row of the search results, bound to its FaltSearchResult: the labels
 * follow the item through the template's bindings, so a row stays while
 * its item is given the hits of the next keystroke. Plain rows, not
 * AdwActionRows: fifty of those took ~7 ms each to lay out here
 * (tests/bench/reading-articles). */

/* A PDF's pages are indented under it, by the width of its icon. */
#define PAGE_INDENT 36

struct _FaltSearchResultRow
{
  GtkListBoxRow     parent_instance;

  FaltSearchResult *result;
  GtkWidget        *box;
};

G_DEFINE_FINAL_TYPE (FaltSearchResultRow, falt_search_result_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  PROP_0,
  PROP_RESULT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What the template cannot bind: the name tests and CSS know the row by,
 * the indent of a PDF's page, and the name a screen reader says. */
static void
on_result_hit_changed_cb (FaltSearchResultRow *self)
{
  FaltSearchResultKind kind = falt_search_result_get_kind (self->result);
  const char *count = falt_search_result_get_count (self->result);
  g_autofree char *name = NULL;

  /* An item without a hit keeps its row, hidden, for the next query's. */
  gtk_widget_set_visible (GTK_WIDGET (self), falt_search_result_get_hit (self->result) != NULL);
  if (falt_search_result_get_hit (self->result) == NULL)
    return;

  gtk_widget_set_name (GTK_WIDGET (self), kind == FALT_SEARCH_RESULT_PDF_DOCUMENT ? "pdf-document"
                                          : kind == FALT_SEARCH_RESULT_PDF_PAGE   ? "pdf-page"
                                                                                  : "hit");
  gtk_widget_set_margin_start (self->box, 12 + (kind == FALT_SEARCH_RESULT_PDF_PAGE ? PAGE_INDENT : 0));
  name = *count != '\0' ? g_strdup_printf ("%s, %s", falt_search_result_get_title (self->result), count)
                        : g_strdup (falt_search_result_get_title (self->result));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

static gboolean
on_query_tooltip_cb (FaltSearchResultRow *self,
                     int                  x,
                     int                  y,
                     gboolean             keyboard_mode,
                     GtkTooltip          *tooltip)
{
  const char *snippet = falt_search_result_get_snippet (self->result);
  g_autofree char *title = NULL;
  g_autofree char *markup = NULL;

  if (falt_search_result_get_hit (self->result) == NULL)
    return FALSE;
  title = g_markup_escape_text (falt_search_result_get_title (self->result), -1);
  markup = *snippet != '\0' ? g_strdup_printf ("<b>%s</b>\n%s", title, snippet) : g_strdup_printf ("<b>%s</b>", title);
  gtk_tooltip_set_markup (tooltip, markup);
  return TRUE;
}

static gboolean
falt_search_result_row_is_set (gpointer    unused,
                               const char *value)
{
  return value != NULL && *value != '\0';
}

static void
falt_search_result_row_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  FaltSearchResultRow *self = FALT_SEARCH_RESULT_ROW (object);

  switch (prop_id)
    {
    case PROP_RESULT:
      g_value_set_object (value, self->result);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
falt_search_result_row_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  FaltSearchResultRow *self = FALT_SEARCH_RESULT_ROW (object);

  switch (prop_id)
    {
    case PROP_RESULT:
      self->result = g_value_dup_object (value);
      g_signal_connect_object (self->result, "notify::hit", G_CALLBACK (on_result_hit_changed_cb), self,
                               G_CONNECT_SWAPPED);
      on_result_hit_changed_cb (self);
      /* For the template's bindings, made before the item was known. */
      g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
falt_search_result_row_dispose (GObject *object)
{
  FaltSearchResultRow *self = FALT_SEARCH_RESULT_ROW (object);

  /* The row's child is the template's: unparented once, by the row. */
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), FALT_TYPE_SEARCH_RESULT_ROW);
  g_clear_object (&self->result);

  G_OBJECT_CLASS (falt_search_result_row_parent_class)->dispose (object);
}

static void
falt_search_result_row_class_init (FaltSearchResultRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = falt_search_result_row_dispose;
  object_class->get_property = falt_search_result_row_get_property;
  object_class->set_property = falt_search_result_row_set_property;

  properties[PROP_RESULT] =
    g_param_spec_object ("result", NULL, NULL, FALT_TYPE_SEARCH_RESULT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/falt-search-result-row.ui");
  gtk_widget_class_bind_template_child (widget_class, FaltSearchResultRow, box);
  gtk_widget_class_bind_template_callback (widget_class, falt_search_result_row_is_set);
  gtk_widget_class_bind_template_callback (widget_class, on_query_tooltip_cb);
}

static void
falt_search_result_row_init (FaltSearchResultRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
falt_search_result_row_new (FaltSearchResult *result)
{
  return g_object_new (FALT_TYPE_SEARCH_RESULT_ROW, "result", result, NULL);
}

FaltSearchResult *
falt_search_result_row_get_result (FaltSearchResultRow *self)
{
  g_return_val_if_fail (FALT_IS_SEARCH_RESULT_ROW (self), NULL);

  return self->result;
}
