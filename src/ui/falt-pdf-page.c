/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-pdf-page"

#include <glib/gi18n.h>

#include "falt-pdf-page.h"

/* One PDF page, drawn by poppler at the widget's size. The drawing is a
 * cairo render node, which GTK keeps until the page or its size changes,
 * so scrolling does not render again. */

#define POINTS_TO_PIXELS (96.0 / 72.0)

struct _FaltPdfPage
{
  GtkWidget    parent_instance;

  PopplerPage *page;
  double       page_width;
  double       page_height;
  double       zoom;
};

G_DEFINE_FINAL_TYPE (FaltPdfPage, falt_pdf_page, GTK_TYPE_WIDGET)

static int
natural_width (FaltPdfPage *self)
{
  return (int) (self->page_width * POINTS_TO_PIXELS * self->zoom);
}

static void
falt_pdf_page_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  FaltPdfPage *self = FALT_PDF_PAGE (widget);
  int width = natural_width (self);

  if (self->page == NULL)
    {
      *minimum = *natural = 0;
      return;
    }

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = MIN (width, 120);
      *natural = width;
    }
  else
    {
      /* Pages keep their aspect ratio at whatever width they get. */
      if (for_size >= 0)
        width = MIN (for_size, width);
      *minimum = *natural = (int) (width * self->page_height / self->page_width);
    }
}

static GtkSizeRequestMode
falt_pdf_page_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
falt_pdf_page_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  FaltPdfPage *self = FALT_PDF_PAGE (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (0, 0, width, height);
  cairo_t *cr;

  if (self->page == NULL || width <= 0 || height <= 0)
    return;

  /* Paper is white whatever the theme, as in every document viewer. */
  gtk_snapshot_append_color (snapshot, &(GdkRGBA) { 1, 1, 1, 1 }, &bounds);
  cr = gtk_snapshot_append_cairo (snapshot, &bounds);
  cairo_scale (cr, width / self->page_width, height / self->page_height);
  poppler_page_render (self->page, cr);
  cairo_destroy (cr);
}

void
falt_pdf_page_set_page (FaltPdfPage *self,
                        PopplerPage *page,
                        int          n_pages)
{
  g_autofree char *label = NULL;

  g_return_if_fail (FALT_IS_PDF_PAGE (self));

  g_set_object (&self->page, page);
  if (page != NULL)
    {
      poppler_page_get_size (page, &self->page_width, &self->page_height);
      /* Translators: an accessible name, e.g. “Page 2 of 12”. */
      label = g_strdup_printf (_("Page %d of %d"), poppler_page_get_index (page) + 1, n_pages);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
    }

  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
falt_pdf_page_set_zoom (FaltPdfPage *self,
                        double       zoom)
{
  g_return_if_fail (FALT_IS_PDF_PAGE (self));

  if (self->zoom == zoom)
    return;
  self->zoom = zoom;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
falt_pdf_page_dispose (GObject *object)
{
  FaltPdfPage *self = FALT_PDF_PAGE (object);

  g_clear_object (&self->page);

  G_OBJECT_CLASS (falt_pdf_page_parent_class)->dispose (object);
}

static void
falt_pdf_page_class_init (FaltPdfPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = falt_pdf_page_dispose;
  widget_class->measure = falt_pdf_page_measure;
  widget_class->get_request_mode = falt_pdf_page_get_request_mode;
  widget_class->snapshot = falt_pdf_page_snapshot;

  gtk_widget_class_set_css_name (widget_class, "pdfpage");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
falt_pdf_page_init (FaltPdfPage *self)
{
  self->zoom = 1.0;
  self->page_width = 595;
  self->page_height = 842;
  gtk_widget_set_halign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self), "card");
}

GtkWidget *
falt_pdf_page_new (void)
{
  return g_object_new (FALT_TYPE_PDF_PAGE, NULL);
}
