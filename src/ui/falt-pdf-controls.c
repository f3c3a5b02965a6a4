/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-pdf-controls"

#include <glib/gi18n.h>
#include <math.h>

#include "falt-pdf-controls.h"
#include "falt-ui-utils.h"

/* The page indicator (the PDF's own page labels, and “(100 of 120)” when
 * they are not the page numbers, which search results count in) with go to
 * page, and the zoom in percent with its menu of fits. */

struct _FaltPdfControls
{
  GtkBox       parent_instance;

  FaltPdfView *view;
  GtkEntry    *page_entry;
  GtkLabel    *n_pages_label;
  GtkMenuButton *zoom_button;
  GtkMenuButton *document_button;
  GMenuModel    *zoom_menu;
  GMenuModel    *document_menu;
};

G_DEFINE_FINAL_TYPE (FaltPdfControls, falt_pdf_controls, GTK_TYPE_BOX)

static void
update_page (FaltPdfControls *self)
{
  FaltPdfDocument *document = self->view != NULL ? falt_pdf_view_get_document (self->view) : NULL;
  int page = self->view != NULL ? falt_pdf_view_get_current_page (self->view) : 0;
  int n_pages;
  g_autofree char *of = NULL;

  if (document == NULL || page <= 0)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->page_entry), "");
      gtk_label_set_text (self->n_pages_label, "");
      return;
    }

  n_pages = falt_pdf_document_get_n_pages (document);
  if (!gtk_widget_has_focus (GTK_WIDGET (self->page_entry))
      && !gtk_widget_has_focus (gtk_widget_get_first_child (GTK_WIDGET (self->page_entry))))
    gtk_editable_set_text (GTK_EDITABLE (self->page_entry), falt_pdf_document_get_page_label (document, page - 1));
  if (falt_pdf_document_has_page_labels (document))
    /* Translators: after a page label such as “iv”: the page's number and the count. */
    of = g_strdup_printf (_("(%d of %d)"), page, n_pages);
  else
    /* Translators: after the page number: “of 12”. */
    of = g_strdup_printf (_("of %d"), n_pages);
  gtk_label_set_text (self->n_pages_label, of);
}

static void
update_zoom (FaltPdfControls *self)
{
  g_autofree char *label = NULL;

  if (self->view == NULL)
    return;

  /* Translators: a zoom level; %d is the percentage. */
  label = g_strdup_printf (_("%d %%"), (int) round (falt_pdf_view_get_zoom (self->view) * 100));
  gtk_menu_button_set_label (self->zoom_button, label);
}

static void
on_view_notify_cb (FaltPdfView     *view,
                   GParamSpec      *pspec,
                   FaltPdfControls *self)
{
  update_page (self);
  update_zoom (self);
}

static void
on_page_entry_activate_cb (GtkEntry        *entry,
                           FaltPdfControls *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  gtk_widget_activate_action (GTK_WIDGET (self), "pdf.go-to-page", "s", text);
  update_page (self);
}

/**
 * falt_pdf_controls_set_view:
 *
 * Follows @view's page and zoom. The controls' buttons use the "pdf"
 * actions, so they must be inside @view's action group.
 */
void
falt_pdf_controls_set_view (FaltPdfControls *self,
                            FaltPdfView     *view)
{
  g_return_if_fail (FALT_IS_PDF_CONTROLS (self));

  if (self->view != NULL)
    g_signal_handlers_disconnect_by_func (self->view, on_view_notify_cb, self);
  g_set_weak_pointer (&self->view, view);
  if (view != NULL)
    {
      g_signal_connect (view, "notify::current-page", G_CALLBACK (on_view_notify_cb), self);
      g_signal_connect (view, "notify::zoom", G_CALLBACK (on_view_notify_cb), self);
      g_signal_connect (view, "notify::document", G_CALLBACK (on_view_notify_cb), self);
    }
  update_page (self);
  update_zoom (self);
}

static void
falt_pdf_controls_dispose (GObject *object)
{
  falt_pdf_controls_set_view (FALT_PDF_CONTROLS (object), NULL);

  G_OBJECT_CLASS (falt_pdf_controls_parent_class)->dispose (object);
}

static void
falt_pdf_controls_class_init (FaltPdfControlsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = falt_pdf_controls_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/falt-pdf-controls.ui");
  gtk_widget_class_bind_template_child (widget_class, FaltPdfControls, page_entry);
  gtk_widget_class_bind_template_child (widget_class, FaltPdfControls, n_pages_label);
  gtk_widget_class_bind_template_child (widget_class, FaltPdfControls, zoom_button);
  gtk_widget_class_bind_template_child (widget_class, FaltPdfControls, document_button);
  gtk_widget_class_bind_template_child (widget_class, FaltPdfControls, zoom_menu);
  gtk_widget_class_bind_template_child (widget_class, FaltPdfControls, document_menu);
  gtk_widget_class_bind_template_callback (widget_class, on_page_entry_activate_cb);
}

static void
falt_pdf_controls_init (FaltPdfControls *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  falt_menu_button_set_menu_later (self->zoom_button, self->zoom_menu);
  falt_menu_button_set_menu_later (self->document_button, self->document_menu);
}
