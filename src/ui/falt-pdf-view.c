/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-pdf-view"

#include <glib/gi18n.h>
#include <poppler.h>

#include "falt-pdf-page.h"
#include "falt-pdf-view.h"

/* A continuous, zoomable PDF view. Pages live in a GtkListView, so only the
 * pages on screen exist as widgets and get rendered, however long the PDF. */

#define ZOOM_MIN  0.5
#define ZOOM_MAX  3.0
#define ZOOM_STEP 1.2

struct _FaltPdfView
{
  AdwBin           parent_instance;

  PopplerDocument *document;
  GtkStringList   *page_model;
  GtkListView     *list_view;
  GPtrArray       *page_widgets;
  double           zoom;
  int              pending_page;
  guint            scroll_source;
};

G_DEFINE_FINAL_TYPE (FaltPdfView, falt_pdf_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_ZOOM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
on_page_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  FaltPdfView              *self)
{
  GtkWidget *page = falt_pdf_page_new ();

  gtk_widget_set_margin_top (page, 6);
  gtk_widget_set_margin_bottom (page, 6);
  gtk_widget_set_margin_start (page, 12);
  gtk_widget_set_margin_end (page, 12);
  gtk_list_item_set_child (item, page);
  gtk_list_item_set_activatable (item, FALSE);
  g_ptr_array_add (self->page_widgets, page);
}

static void
on_page_teardown_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     FaltPdfView              *self)
{
  g_ptr_array_remove (self->page_widgets, gtk_list_item_get_child (item));
}

static void
on_page_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 FaltPdfView              *self)
{
  FaltPdfPage *page = FALT_PDF_PAGE (gtk_list_item_get_child (item));
  /* poppler-glib 22.12 has no autoptr for PopplerPage. */
  PopplerPage *poppler_page = poppler_document_get_page (self->document,
                                                         (int) gtk_list_item_get_position (item));

  falt_pdf_page_set_zoom (page, self->zoom);
  falt_pdf_page_set_page (page, poppler_page, falt_pdf_view_get_n_pages (self));
  g_clear_object (&poppler_page);
}

static void
on_page_unbind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   FaltPdfView              *self)
{
  falt_pdf_page_set_page (FALT_PDF_PAGE (gtk_list_item_get_child (item)), NULL, 0);
}

/* The model holds only page numbers; pages are fetched when bound. */
static GtkStringList *
create_page_model (int n_pages)
{
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  for (int i = 0; i < n_pages; i++)
    g_ptr_array_add (names, g_strdup_printf ("%d", i + 1));
  g_ptr_array_add (names, NULL);

  return gtk_string_list_new ((const char *const *) names->pdata);
}

static void
show_page_list (FaltPdfView *self,
                int          n_pages)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkSelectionModel *selection;

  if (self->scroll_source != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->list_view), self->scroll_source);
  self->scroll_source = 0;

  g_signal_connect (factory, "setup", G_CALLBACK (on_page_setup_cb), self);
  g_signal_connect (factory, "teardown", G_CALLBACK (on_page_teardown_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (on_page_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_page_unbind_cb), self);

  g_clear_object (&self->page_model);
  self->page_model = create_page_model (n_pages);
  selection = GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->page_model))));
  self->list_view = GTK_LIST_VIEW (gtk_list_view_new (selection, factory));
  gtk_widget_add_css_class (GTK_WIDGET (self->list_view), "falt-pdf-pages");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Pages"), -1);

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->list_view));
  gtk_widget_set_vexpand (scrolled, TRUE);
  adw_bin_set_child (ADW_BIN (self), scrolled);
}

/**
 * falt_pdf_view_load_bytes:
 * @bytes: the PDF file's contents
 *
 * Shows the PDF in @bytes from its first page.
 *
 * Returns: %FALSE with @error set when the PDF cannot be read.
 */
gboolean
falt_pdf_view_load_bytes (FaltPdfView *self,
                          GBytes      *bytes,
                          GError     **error)
{
  g_autoptr (GError) local_error = NULL;
  PopplerDocument *document;
  int n_pages;

  g_return_val_if_fail (FALT_IS_PDF_VIEW (self), FALSE);

  document = poppler_document_new_from_bytes (bytes, NULL, &local_error);
  if (document == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("This PDF could not be opened: %s"), local_error->message);
      return FALSE;
    }

  g_set_object (&self->document, document);
  g_object_unref (document);

  /* A new list for each document: it starts at the top, and GTK 4.8's list
   * view warns when its position outlives the rows it pointed into. */
  n_pages = poppler_document_get_n_pages (document);
  show_page_list (self, n_pages);

  return TRUE;
}

int
falt_pdf_view_get_n_pages (FaltPdfView *self)
{
  g_return_val_if_fail (FALT_IS_PDF_VIEW (self), 0);

  return self->document != NULL ? poppler_document_get_n_pages (self->document) : 0;
}

/* Scrolling needs the list laid out, which a page that was just shown is
 * not: wait for a frame in which it is. The list's own scroll-to-item warns
 * and gives up on GTK 4.8 while rows are unmeasured, so set the position
 * from the page's share of the height (pages of a PDF are of one size). */
static gboolean
scroll_to_pending_page (GtkWidget     *list_view,
                        GdkFrameClock *frame_clock,
                        gpointer       data)
{
  FaltPdfView *self = data;
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list_view));
  int n_pages = falt_pdf_view_get_n_pages (self);
  double upper = gtk_adjustment_get_upper (adjustment);

  if (!gtk_widget_get_mapped (list_view) || upper <= gtk_adjustment_get_page_size (adjustment))
    return G_SOURCE_CONTINUE;

  self->scroll_source = 0;
  if (self->pending_page >= 1 && self->pending_page <= n_pages)
    gtk_adjustment_set_value (adjustment, upper * (self->pending_page - 1) / n_pages);
  self->pending_page = 0;

  return G_SOURCE_REMOVE;
}

/**
 * falt_pdf_view_scroll_to_page:
 * @page: a page number, counting from 1
 *
 * Brings @page into view, once the pages have their size.
 */
void
falt_pdf_view_scroll_to_page (FaltPdfView *self,
                              int          page)
{
  g_return_if_fail (FALT_IS_PDF_VIEW (self));

  self->pending_page = page;
  if (self->scroll_source == 0)
    self->scroll_source = gtk_widget_add_tick_callback (GTK_WIDGET (self->list_view),
                                                        scroll_to_pending_page, self, NULL);
}

/**
 * falt_pdf_view_get_current_page:
 *
 * Returns: the page at the top third of the view, counting from 1; 0 when
 *   nothing is loaded. Pages of a document are taken to be of one size.
 */
int
falt_pdf_view_get_current_page (FaltPdfView *self)
{
  GtkAdjustment *adjustment;
  int n_pages;
  double upper, position;

  g_return_val_if_fail (FALT_IS_PDF_VIEW (self), 0);

  n_pages = falt_pdf_view_get_n_pages (self);
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view));
  upper = gtk_adjustment_get_upper (adjustment);
  if (n_pages == 0 || upper <= 0)
    return n_pages > 0 ? 1 : 0;

  position = gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment) / 3;
  return CLAMP ((int) (position / upper * n_pages) + 1, 1, n_pages);
}

double
falt_pdf_view_get_zoom (FaltPdfView *self)
{
  g_return_val_if_fail (FALT_IS_PDF_VIEW (self), 1.0);

  return self->zoom;
}

void
falt_pdf_view_set_zoom (FaltPdfView *self,
                        double       zoom)
{
  g_return_if_fail (FALT_IS_PDF_VIEW (self));

  zoom = CLAMP (zoom, ZOOM_MIN, ZOOM_MAX);
  if (zoom == self->zoom)
    return;

  self->zoom = zoom;
  for (guint i = 0; i < self->page_widgets->len; i++)
    falt_pdf_page_set_zoom (g_ptr_array_index (self->page_widgets, i), zoom);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pdf.zoom-in", zoom < ZOOM_MAX);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pdf.zoom-out", zoom > ZOOM_MIN);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  FaltPdfView *self = FALT_PDF_VIEW (widget);

  if (g_str_equal (action_name, "pdf.zoom-in"))
    falt_pdf_view_set_zoom (self, self->zoom * ZOOM_STEP);
  else if (g_str_equal (action_name, "pdf.zoom-out"))
    falt_pdf_view_set_zoom (self, self->zoom / ZOOM_STEP);
  else
    falt_pdf_view_set_zoom (self, 1.0);
}

static void
falt_pdf_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  FaltPdfView *self = FALT_PDF_VIEW (object);

  switch (prop_id)
    {
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
falt_pdf_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  FaltPdfView *self = FALT_PDF_VIEW (object);

  switch (prop_id)
    {
    case PROP_ZOOM:
      falt_pdf_view_set_zoom (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
falt_pdf_view_dispose (GObject *object)
{
  FaltPdfView *self = FALT_PDF_VIEW (object);

  if (self->scroll_source != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->list_view), self->scroll_source);
  self->scroll_source = 0;
  adw_bin_set_child (ADW_BIN (self), NULL);
  g_clear_object (&self->document);
  g_clear_object (&self->page_model);
  g_clear_pointer (&self->page_widgets, g_ptr_array_unref);

  G_OBJECT_CLASS (falt_pdf_view_parent_class)->dispose (object);
}

static void
falt_pdf_view_class_init (FaltPdfViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = falt_pdf_view_dispose;
  object_class->get_property = falt_pdf_view_get_property;
  object_class->set_property = falt_pdf_view_set_property;

  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, ZOOM_MIN, ZOOM_MAX, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "pdf.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "pdf.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "pdf.zoom-reset", NULL, zoom_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "pdf.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "pdf.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "pdf.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "pdf.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "pdf.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "pdf.zoom-reset", NULL);
}

static void
falt_pdf_view_init (FaltPdfView *self)
{
  self->zoom = 1.0;
  self->page_widgets = g_ptr_array_new ();
  show_page_list (self, 0);
}

GtkWidget *
falt_pdf_view_new (void)
{
  return g_object_new (FALT_TYPE_PDF_VIEW, NULL);
}
