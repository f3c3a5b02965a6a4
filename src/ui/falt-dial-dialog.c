/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-dial-dialog"

#include <glib/gi18n.h>

#include "falt-dial-dialog.h"
#include "falt-qr-code.h"
#include "falt-ui-utils.h"

/* Shown when the computer cannot place a call (or send mail) itself: the
 * number in large type to read or type into a phone, a Copy button, and a
 * QR code a phone's camera turns into a pre-filled dialler. */
struct _FaltDialDialog
{
  AdwWindow          parent_instance;

  char              *display;
  char              *uri;

  AdwToastOverlay   *toast_overlay;
  AdwWindowTitle    *window_title;
  GtkLabel          *name_label;
  GtkLabel          *value_label;
  GtkLabel          *reason_label;
  FaltQrCode        *qr_code;
  GtkLabel          *qr_hint_label;
  GtkButton         *copy_button;
  AdwButtonContent  *copy_button_content;
};

G_DEFINE_FINAL_TYPE (FaltDialDialog, falt_dial_dialog, ADW_TYPE_WINDOW)

static gboolean
is_mail (FaltDialDialog *self)
{
  return self->uri != NULL && g_str_has_prefix (self->uri, "mailto:");
}

static void
on_copy_clicked_cb (FaltDialDialog *self)
{
  falt_copy_to_clipboard (GTK_WIDGET (self), self->display);
  adw_toast_overlay_add_toast (self->toast_overlay,
                               adw_toast_new (is_mail (self) ? _("Address copied") : _("Number copied")));
}

static void
set_texts (FaltDialDialog *self,
           const char     *name,
           const char     *reason)
{
  const char *copy_label = is_mail (self) ? _("Copy Address") : _("Copy Number");

  adw_window_title_set_title (self->window_title,
                              is_mail (self) ? _("Send an Email") : _("Call From Your Phone"));
  gtk_window_set_title (GTK_WINDOW (self),
                        is_mail (self) ? _("Send an Email") : _("Call From Your Phone"));

  gtk_label_set_label (self->name_label, name);
  gtk_widget_set_visible (GTK_WIDGET (self->name_label), name != NULL && *name != '\0');
  gtk_label_set_label (self->value_label, self->display);
  gtk_label_set_label (self->reason_label, reason);
  gtk_widget_set_visible (GTK_WIDGET (self->reason_label), reason != NULL && *reason != '\0');

  adw_button_content_set_label (self->copy_button_content, copy_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->copy_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, copy_label, -1);

  falt_qr_code_set_text (self->qr_code, self->uri);
  /* A code of a mailto: link opens the phone's mail app: useful, but the
   * hint text speaks of dialling. */
  gtk_widget_set_visible (GTK_WIDGET (self->qr_code), self->uri != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->qr_hint_label), self->uri != NULL && !is_mail (self));
}

static void
falt_dial_dialog_finalize (GObject *object)
{
  FaltDialDialog *self = FALT_DIAL_DIALOG (object);

  g_free (self->display);
  g_free (self->uri);

  G_OBJECT_CLASS (falt_dial_dialog_parent_class)->finalize (object);
}

static void
falt_dial_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), FALT_TYPE_DIAL_DIALOG);

  G_OBJECT_CLASS (falt_dial_dialog_parent_class)->dispose (object);
}

static void
falt_dial_dialog_class_init (FaltDialDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = falt_dial_dialog_dispose;
  object_class->finalize = falt_dial_dialog_finalize;

  g_type_ensure (FALT_TYPE_QR_CODE);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/falt-dial-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, FaltDialDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, FaltDialDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, FaltDialDialog, name_label);
  gtk_widget_class_bind_template_child (widget_class, FaltDialDialog, value_label);
  gtk_widget_class_bind_template_child (widget_class, FaltDialDialog, reason_label);
  gtk_widget_class_bind_template_child (widget_class, FaltDialDialog, qr_code);
  gtk_widget_class_bind_template_child (widget_class, FaltDialDialog, qr_hint_label);
  gtk_widget_class_bind_template_child (widget_class, FaltDialDialog, copy_button);
  gtk_widget_class_bind_template_child (widget_class, FaltDialDialog, copy_button_content);
  gtk_widget_class_bind_template_callback (widget_class, on_copy_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
falt_dial_dialog_init (FaltDialDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * falt_dial_dialog_new:
 * @name: (nullable): who the number reaches ("Support line for professionals")
 * @display: the number or address as a person reads it
 * @uri: (nullable): the tel: or mailto: URI, drawn as a QR code
 * @reason: (nullable): why the computer did not place the call itself
 */
FaltDialDialog *
falt_dial_dialog_new (const char *name,
                      const char *display,
                      const char *uri,
                      const char *reason)
{
  FaltDialDialog *self = g_object_new (FALT_TYPE_DIAL_DIALOG, NULL);

  self->display = g_strdup (display);
  self->uri = g_strdup (uri);
  set_texts (self, name, reason);

  return self;
}

const char *
falt_dial_dialog_get_display (FaltDialDialog *self)
{
  g_return_val_if_fail (FALT_IS_DIAL_DIALOG (self), NULL);
  return self->display;
}

/**
 * falt_dial_dialog_get_name:
 *
 * Returns: (nullable): who the number reaches, as shown, or %NULL if unknown
 */
const char *
falt_dial_dialog_get_name (FaltDialDialog *self)
{
  g_return_val_if_fail (FALT_IS_DIAL_DIALOG (self), NULL);
  if (!gtk_widget_get_visible (GTK_WIDGET (self->name_label)))
    return NULL;
  return gtk_label_get_label (self->name_label);
}

const char *
falt_dial_dialog_get_uri (FaltDialDialog *self)
{
  g_return_val_if_fail (FALT_IS_DIAL_DIALOG (self), NULL);
  return self->uri;
}

GtkWidget *
falt_dial_dialog_get_qr_code (FaltDialDialog *self)
{
  g_return_val_if_fail (FALT_IS_DIAL_DIALOG (self), NULL);
  return GTK_WIDGET (self->qr_code);
}

GtkWidget *
falt_dial_dialog_get_copy_button (FaltDialDialog *self)
{
  g_return_val_if_fail (FALT_IS_DIAL_DIALOG (self), NULL);
  return GTK_WIDGET (self->copy_button);
}
