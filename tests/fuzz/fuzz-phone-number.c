/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "fuzz-phone-number"

#include "falt-fuzz.h"
#include "dial/falt-phone-number.h"

/* The phone number normaliser: numbers as written in contacts and coordinators become tel:
 * URIs and display forms, or an error; never anything a dialler would misread. */

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  falt_fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *written = falt_fuzz_string (data, size);
  g_autofree char *uri = NULL;
  g_autofree char *formatted = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_utf8_validate_len (written, size, NULL))
    return 0;

  uri = falt_phone_number_to_uri (written, &error);
  g_assert_true ((uri == NULL) == (error != NULL));
  if (uri != NULL)
    {
      /* A tel: URI holds a number of digits and nothing else but Sweden's phone-context
       * (RFC 3966): no character of the input reaches the dialler unchecked. */
      const char *number = uri + 4;
      gsize number_len = strspn (number, "+0123456789-");

      g_assert_true (g_str_has_prefix (uri, "tel:"));
      g_assert_cmpuint (number_len, >, 0);
      g_assert_true (number[number_len] == '\0' || strcmp (number + number_len, ";phone-context=+46") == 0);
    }
  g_clear_error (&error);

  formatted = falt_phone_number_format (written, &error);
  g_assert_true ((formatted == NULL) == (error != NULL));
  if (formatted != NULL)
    g_assert_true (g_utf8_validate (formatted, -1, NULL));
  (void) falt_phone_number_is_emergency (written);
  return 0;
}
