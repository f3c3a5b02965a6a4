/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

GBytes *falt_qr_matrix_encode (const char  *text,
                               guint       *width,
                               GError     **error);

G_END_DECLS
