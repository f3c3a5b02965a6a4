/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define FALT_TYPE_DIAL_DIALOG (falt_dial_dialog_get_type ())
G_DECLARE_FINAL_TYPE (FaltDialDialog, falt_dial_dialog, FALT, DIAL_DIALOG, AdwWindow)

FaltDialDialog *falt_dial_dialog_new           (const char     *name,
                                                const char     *display,
                                                const char     *uri,
                                                const char     *reason);
const char     *falt_dial_dialog_get_display   (FaltDialDialog *self);
const char     *falt_dial_dialog_get_name      (FaltDialDialog *self);
const char     *falt_dial_dialog_get_uri       (FaltDialDialog *self);
GtkWidget      *falt_dial_dialog_get_qr_code   (FaltDialDialog *self);
GtkWidget      *falt_dial_dialog_get_copy_button (FaltDialDialog *self);

G_END_DECLS
