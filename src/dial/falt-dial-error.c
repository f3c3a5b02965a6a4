/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-dial"

#include "falt-dial-error.h"

G_DEFINE_QUARK (falt-dial-error-quark, falt_dial_error)
