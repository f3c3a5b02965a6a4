/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "falt-application.h"

G_BEGIN_DECLS

void falt_application_install_update_actions  (FaltApplication *self);
void falt_application_schedule_update_check   (FaltApplication *self);

G_END_DECLS
