/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include <poppler.h>

G_BEGIN_DECLS

GArray *falt_pdf_find_words_on_page (PopplerPage        *page,
                                     const char * const *words);

G_END_DECLS
