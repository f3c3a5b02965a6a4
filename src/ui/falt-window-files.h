/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "falt-window.h"

G_BEGIN_DECLS

void     falt_window_files_add_drop_target (FaltWindow *window);
void     falt_window_files_choose          (FaltWindow *window);

G_END_DECLS
