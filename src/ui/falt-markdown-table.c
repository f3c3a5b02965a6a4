/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-markdown-table"

#include "falt-markdown-table.h"

/* A Markdown table inside an article: a grid of wrapping labels that is as
 * wide as its text needs up to the article's width, and scrolls sideways
 * beyond it, so a wide table stays readable in a 360 px window. */

struct _FaltMarkdownTable
{
  GtkWidget  parent_instance;

  GtkWidget *scroller;
  GtkGrid   *grid;
  guint      n_rows;
  guint      n_columns;
  int        available_width;  /* 0: not known yet */
};

G_DEFINE_FINAL_TYPE (FaltMarkdownTable, falt_markdown_table, GTK_TYPE_WIDGET)

enum {
  ACTIVATE_LINK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The width the table takes: what its text needs, up to the article's. */
static int
table_width (FaltMarkdownTable *self)
{
  int minimum, natural;

  gtk_widget_measure (self->scroller, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  return self->available_width > 0 ? MIN (natural, self->available_width) : natural;
}

static int
grid_width (FaltMarkdownTable *self)
{
  int minimum, natural;

  gtk_widget_measure (GTK_WIDGET (self->grid), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  return MAX (table_width (self), minimum);
}

/* GtkTextView lays a child out at its minimum size, and that size counts
 * towards the text's own minimum width: the table asks for a token width
 * (so it never keeps the window from shrinking) and the height it needs at
 * its real width, and lays its grid out at that width. */
#define TOKEN_WIDTH 48

static void
falt_markdown_table_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  FaltMarkdownTable *self = FALT_MARKDOWN_TABLE (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = *natural = MIN (table_width (self), TOKEN_WIDTH);
      return;
    }

  /* The grid's height at the width the scroller gives it (the scroller
   * itself would answer for the grid's minimum width). */
  gtk_widget_measure (GTK_WIDGET (self->grid), orientation, grid_width (self), minimum, natural, NULL, NULL);
  *minimum = *natural;
}

/**
 * falt_markdown_table_get_width:
 *
 * Returns: the width the table is to be given: what its text needs, up to
 *   the available width
 */
int
falt_markdown_table_get_width (FaltMarkdownTable *self)
{
  g_return_val_if_fail (FALT_IS_MARKDOWN_TABLE (self), 0);

  return table_width (self);
}

static void
falt_markdown_table_size_allocate (GtkWidget *widget,
                                   int        width,
                                   int        height,
                                   int        baseline)
{
  FaltMarkdownTable *self = FALT_MARKDOWN_TABLE (widget);

  /* Wider than the token width the text gave it (see above): the table
   * draws and takes clicks beyond it, as overflowing children do. */
  gtk_widget_allocate (self->scroller, MAX (width, table_width (self)), height, baseline, NULL);
}

static void
falt_markdown_table_dispose (GObject *object)
{
  FaltMarkdownTable *self = FALT_MARKDOWN_TABLE (object);

  g_clear_pointer (&self->scroller, gtk_widget_unparent);

  G_OBJECT_CLASS (falt_markdown_table_parent_class)->dispose (object);
}

static void
falt_markdown_table_class_init (FaltMarkdownTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = falt_markdown_table_dispose;
  widget_class->measure = falt_markdown_table_measure;
  widget_class->size_allocate = falt_markdown_table_size_allocate;

  /**
   * FaltMarkdownTable::activate-link:
   * @url: the link's target
   *
   * A link in a cell was activated. Return %TRUE when handled.
   */
  signals[ACTIVATE_LINK] =
    g_signal_new ("activate-link", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  g_signal_accumulator_true_handled, NULL, NULL, G_TYPE_BOOLEAN, 1, G_TYPE_STRING);

  gtk_widget_class_set_css_name (widget_class, "falt-table");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
falt_markdown_table_init (FaltMarkdownTable *self)
{
  self->grid = GTK_GRID (g_object_new (GTK_TYPE_GRID, "accessible-role", GTK_ACCESSIBLE_ROLE_GRID, NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->grid), "falt-table-grid");

  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
  gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (self->scroller), TRUE);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (self->scroller), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), GTK_WIDGET (self->grid));
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));
}

GtkWidget *
falt_markdown_table_new (void)
{
  return g_object_new (FALT_TYPE_MARKDOWN_TABLE, NULL);
}

static gboolean
on_cell_activate_link_cb (GtkLabel          *label,
                          const char        *uri,
                          FaltMarkdownTable *self)
{
  gboolean handled = FALSE;

  g_signal_emit (self, signals[ACTIVATE_LINK], 0, uri, &handled);
  return TRUE;  /* never GTK's default: only the article decides what opens */
}

/**
 * falt_markdown_table_add_cell:
 * @markup: the cell's text as Pango markup
 * @header: whether the cell is in the header row
 * @xalign: the column's alignment
 * @zoom: the article's text scale
 */
void
falt_markdown_table_add_cell (FaltMarkdownTable *self,
                              guint              row,
                              guint              column,
                              const char        *markup,
                              gboolean           header,
                              float              xalign,
                              double             zoom)
{
  GtkWidget *label = gtk_label_new (NULL);
  g_autoptr (PangoAttrList) attributes = pango_attr_list_new ();

  g_return_if_fail (FALT_IS_MARKDOWN_TABLE (self));

  gtk_label_set_markup (GTK_LABEL (label), markup);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  /* Words stay whole: a narrow window scrolls the table sideways instead. */
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 32);
  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_label_set_yalign (GTK_LABEL (label), 0);
  gtk_widget_set_valign (label, GTK_ALIGN_FILL);
  pango_attr_list_insert (attributes, pango_attr_scale_new (zoom));
  /* A hyphen inside a number or an address would be copied as part of it. */
  pango_attr_list_insert (attributes, pango_attr_insert_hyphens_new (FALSE));
  if (header)
    pango_attr_list_insert (attributes, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  gtk_label_set_attributes (GTK_LABEL (label), attributes);
  gtk_widget_add_css_class (label, header ? "header" : "cell");
  if (row % 2 == 0 && !header)
    gtk_widget_add_css_class (label, "even");
  g_signal_connect (label, "activate-link", G_CALLBACK (on_cell_activate_link_cb), self);

  gtk_grid_attach (self->grid, label, (int) column, (int) row, 1, 1);
  self->n_rows = MAX (self->n_rows, row + 1);
  self->n_columns = MAX (self->n_columns, column + 1);
}

/**
 * falt_markdown_table_set_available_width:
 * @width: the article's text width in pixels
 *
 * Beyond this width the table scrolls sideways instead of widening the
 * article.
 */
void
falt_markdown_table_set_available_width (FaltMarkdownTable *self,
                                         int                width)
{
  g_return_if_fail (FALT_IS_MARKDOWN_TABLE (self));

  width = MAX (width, 0);
  if (self->available_width == width)
    return;
  self->available_width = width;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

guint
falt_markdown_table_get_n_rows (FaltMarkdownTable *self)
{
  g_return_val_if_fail (FALT_IS_MARKDOWN_TABLE (self), 0);
  return self->n_rows;
}

guint
falt_markdown_table_get_n_columns (FaltMarkdownTable *self)
{
  g_return_val_if_fail (FALT_IS_MARKDOWN_TABLE (self), 0);
  return self->n_columns;
}

/**
 * falt_markdown_table_get_cell_text:
 *
 * Returns: (transfer full) (nullable): the text of a cell, without markup
 */
char *
falt_markdown_table_get_cell_text (FaltMarkdownTable *self,
                                   guint              row,
                                   guint              column)
{
  GtkWidget *label;

  g_return_val_if_fail (FALT_IS_MARKDOWN_TABLE (self), NULL);

  label = gtk_grid_get_child_at (self->grid, (int) column, (int) row);
  return GTK_IS_LABEL (label) ? g_strdup (gtk_label_get_text (GTK_LABEL (label))) : NULL;
}
