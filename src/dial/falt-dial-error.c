/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-dial"

#include "falt-dial-error.h"

G_DEFINE_QUARK (falt-dial-error-quark, falt_dial_error)

/* Sets @error if wanted and returns FALSE, so parsers can
 * `return falt_dial_set_error (…)`. */
gboolean
falt_dial_set_error (GError      **error,
                     FaltDialError code,
                     const char   *format,
                     ...)
{
  va_list args;

  if (error == NULL)
    return FALSE;

  va_start (args, format);
  *error = g_error_new_valist (FALT_DIAL_ERROR, code, format, args);
  va_end (args);
  return FALSE;
}
