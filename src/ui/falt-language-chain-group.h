/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define FALT_TYPE_LANGUAGE_CHAIN_GROUP (falt_language_chain_group_get_type ())
G_DECLARE_FINAL_TYPE (FaltLanguageChainGroup, falt_language_chain_group, FALT, LANGUAGE_CHAIN_GROUP,
                      AdwPreferencesGroup)

void falt_language_chain_group_set_settings (FaltLanguageChainGroup *self,
                                             GSettings              *settings);

G_END_DECLS
