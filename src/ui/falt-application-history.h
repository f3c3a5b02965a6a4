/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "falt-application.h"

G_BEGIN_DECLS

void falt_application_install_history_actions (FaltApplication *self);

G_END_DECLS
