/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  FALT_TEST_PDF_MIXED_SIZES = 1 << 0,  /* every third page is A4 landscape */
  FALT_TEST_PDF_LABELS      = 1 << 1,  /* pages i, ii, iii, then 1, 2 … */
  FALT_TEST_PDF_METADATA    = 1 << 2,  /* FALT_TEST_PDF_TITLE and FALT_TEST_PDF_AUTHOR */
} FaltTestPdfFlags;

/* Each page says “Sida N”; every seventh page (7, 14 …) also says
 * FALT_TEST_PDF_WORD twice. */
#define FALT_TEST_PDF_WORD "kontaktperson"
#define FALT_TEST_PDF_TITLE "Stöd i samtalet"
#define FALT_TEST_PDF_AUTHOR "Testförfattaren"

GBytes *falt_test_make_pdf  (int              n_pages,
                             FaltTestPdfFlags flags);
char   *falt_test_write_pdf (int              n_pages,
                             FaltTestPdfFlags flags,
                             const char      *name);

G_END_DECLS
