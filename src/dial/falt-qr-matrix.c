/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-dial"

#include <errno.h>
#include <qrencode.h>
#include <glib/gi18n.h>

#include "falt-dial-error.h"
#include "falt-qr-matrix.h"

/**
 * falt_qr_matrix_encode:
 * @text: what the code should say, such as a tel: URI
 * @width: (out): the number of modules per side
 * @error: return location for an error
 *
 * Encodes @text as a QR code with error correction level M (15 %), enough
 * for a code shown on a screen or a printout. Kept free of drawing so the
 * UI draws it and tests can inspect it.
 *
 * Returns: (transfer full): @width × @width bytes, row by row, 1 for a dark
 *   module and 0 for a light one; no quiet zone
 */
GBytes *
falt_qr_matrix_encode (const char *text,
                       guint      *width,
                       GError    **error)
{
  QRcode *code;
  guint8 *modules;
  gsize n;

  g_return_val_if_fail (text != NULL && width != NULL, NULL);

  code = QRcode_encodeString (text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  if (code == NULL)
    {
      int saved_errno = errno;
      g_set_error (error, FALT_DIAL_ERROR, FALT_DIAL_ERROR_INVALID_NUMBER,
                   _("Could not make a QR code: %s"), g_strerror (saved_errno));
      return NULL;
    }

  *width = (guint) code->width;
  n = (gsize) code->width * (gsize) code->width;
  modules = g_malloc (n);
  /* Bit 0 is the module's colour; the other bits describe its role. */
  for (gsize i = 0; i < n; i++)
    modules[i] = code->data[i] & 1;
  QRcode_free (code);

  return g_bytes_new_take (modules, n);
}
