/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "falt-search-page.h"

G_BEGIN_DECLS

/* For tests and benchmarks only. */
gboolean falt_search_page_is_searching (FaltSearchPage *self);
void     falt_search_page_search_now   (FaltSearchPage *self);

G_END_DECLS
