/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define FALT_TYPE_QR_CODE (falt_qr_code_get_type ())
G_DECLARE_FINAL_TYPE (FaltQrCode, falt_qr_code, FALT, QR_CODE, GtkWidget)

GtkWidget  *falt_qr_code_new      (const char *text);
const char *falt_qr_code_get_text (FaltQrCode *self);
void        falt_qr_code_set_text (FaltQrCode *self,
                                   const char *text);

G_END_DECLS
