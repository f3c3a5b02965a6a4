/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-qr-code"

#include <glib/gi18n.h>

#include "dial/falt-qr-matrix.h"
#include "falt-qr-code.h"

/* A QR code of a short text (a tel: or mailto: URI), black on white with
 * the 4-module quiet zone the standard asks for, whatever the theme: phone
 * cameras read dark-on-light codes best. */

#define QUIET_ZONE 4
#define MODULE_PIXELS 6

struct _FaltQrCode
{
  GtkWidget  parent_instance;

  char      *text;
  GBytes    *matrix;
  guint      width;   /* modules per side, without the quiet zone */
};

enum
{
  PROP_0,
  PROP_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (FaltQrCode, falt_qr_code, GTK_TYPE_WIDGET)

static void
falt_qr_code_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  FaltQrCode *self = FALT_QR_CODE (widget);
  int modules = self->matrix != NULL ? (int) self->width + 2 * QUIET_ZONE : 0;

  *minimum = *natural = modules * MODULE_PIXELS;
}

static void
falt_qr_code_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  FaltQrCode *self = FALT_QR_CODE (widget);
  int side = MIN (gtk_widget_get_width (widget), gtk_widget_get_height (widget));
  int modules = (int) self->width + 2 * QUIET_ZONE;
  const guint8 *data;
  cairo_t *cr;
  int pixels, offset_x, offset_y;

  if (self->matrix == NULL || side < modules)
    return;

  /* Whole pixels per module keep the edges sharp for the camera. */
  pixels = side / modules;
  offset_x = (gtk_widget_get_width (widget) - pixels * modules) / 2;
  offset_y = (gtk_widget_get_height (widget) - pixels * modules) / 2;
  data = g_bytes_get_data (self->matrix, NULL);

  cr = gtk_snapshot_append_cairo (snapshot,
                                  &GRAPHENE_RECT_INIT (offset_x, offset_y, pixels * modules, pixels * modules));
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, offset_x, offset_y, pixels * modules, pixels * modules);
  cairo_fill (cr);

  cairo_set_source_rgb (cr, 0, 0, 0);
  for (guint y = 0; y < self->width; y++)
    for (guint x = 0; x < self->width; x++)
      if (data[y * self->width + x])
        cairo_rectangle (cr, offset_x + (int) (x + QUIET_ZONE) * pixels,
                         offset_y + (int) (y + QUIET_ZONE) * pixels, pixels, pixels);
  cairo_fill (cr);
  cairo_destroy (cr);
}

static void
update_accessible (FaltQrCode *self)
{
  g_autofree char *label = NULL;

  if (self->text == NULL)
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL);
      return;
    }

  /* Translators: %s is what the code holds, such as tel:+4620390000. */
  label = g_strdup_printf (_("QR code for %s"), self->text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Scan it with a phone’s camera to open the phone’s own app with this filled in. Nothing is sent or called by itself."),
                                  -1);
}

void
falt_qr_code_set_text (FaltQrCode *self,
                       const char *text)
{
  g_autoptr (GError) error = NULL;

  g_return_if_fail (FALT_IS_QR_CODE (self));

  if (g_strcmp0 (self->text, text) == 0)
    return;

  g_free (self->text);
  self->text = g_strdup (text);
  g_clear_pointer (&self->matrix, g_bytes_unref);
  self->width = 0;

  if (text != NULL)
    {
      self->matrix = falt_qr_matrix_encode (text, &self->width, &error);
      if (self->matrix == NULL)
        g_warning ("%s", error->message);
    }

  update_accessible (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

const char *
falt_qr_code_get_text (FaltQrCode *self)
{
  g_return_val_if_fail (FALT_IS_QR_CODE (self), NULL);

  return self->text;
}

static void
falt_qr_code_finalize (GObject *object)
{
  FaltQrCode *self = FALT_QR_CODE (object);

  g_free (self->text);
  g_clear_pointer (&self->matrix, g_bytes_unref);

  G_OBJECT_CLASS (falt_qr_code_parent_class)->finalize (object);
}

static void
falt_qr_code_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_set_string (value, FALT_QR_CODE (object)->text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
falt_qr_code_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_TEXT:
      falt_qr_code_set_text (FALT_QR_CODE (object), g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
falt_qr_code_class_init (FaltQrCodeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = falt_qr_code_finalize;
  object_class->get_property = falt_qr_code_get_property;
  object_class->set_property = falt_qr_code_set_property;
  widget_class->measure = falt_qr_code_measure;
  widget_class->snapshot = falt_qr_code_snapshot;

  properties[PROP_TEXT] = g_param_spec_string ("text", NULL, NULL, NULL,
                                               G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "qrcode");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
falt_qr_code_init (FaltQrCode *self)
{
  gtk_widget_set_halign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
}

GtkWidget *
falt_qr_code_new (const char *text)
{
  return g_object_new (FALT_TYPE_QR_CODE, "text", text, NULL);
}
