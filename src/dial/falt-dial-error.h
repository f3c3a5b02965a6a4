/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define FALT_DIAL_ERROR (falt_dial_error_quark ())

typedef enum
{
  FALT_DIAL_ERROR_INVALID_NUMBER,
  FALT_DIAL_ERROR_INVALID_HOURS,
  FALT_DIAL_ERROR_NO_HANDLER,
} FaltDialError;

GQuark   falt_dial_error_quark (void);
gboolean falt_dial_set_error   (GError      **error,
                                FaltDialError  code,
                                const char    *format,
                                ...) G_GNUC_PRINTF (3, 4);

G_END_DECLS
