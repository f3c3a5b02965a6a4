/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-make-pdf N NAME: writes an N-page PDF (as the tests make them) into
 * the temporary folder and prints its path. */
#include "config.h"

#include <stdlib.h>

#include "falt-test-pdf.h"

int
main (int argc, char *argv[])
{
  g_autofree char *path = NULL;

  if (argc != 3)
    {
      g_printerr ("usage: bench-make-pdf N NAME\n");
      return 2;
    }
  path = falt_test_write_pdf (atoi (argv[1]), FALT_TEST_PDF_LABELS, argv[2]);
  g_print ("%s\n", path);
  return 0;
}
