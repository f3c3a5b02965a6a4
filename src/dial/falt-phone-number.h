/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "falt-dial-error.h"

G_BEGIN_DECLS

char     *falt_phone_number_to_uri       (const char  *written,
                                          GError     **error);
char     *falt_phone_number_format       (const char  *written,
                                          GError     **error);
gboolean  falt_phone_number_is_emergency (const char  *written);
GRegex   *falt_phone_number_text_regex   (void);

G_END_DECLS
