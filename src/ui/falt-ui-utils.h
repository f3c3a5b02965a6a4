/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

char       *falt_snippet_to_markup        (const char *snippet);
char       *falt_snippet_to_plain         (const char *snippet);
GtkWidget  *falt_example_badge_new        (void);
void        falt_status_page_set_plain_description (AdwStatusPage *page,
                                                    const char    *text);
void        falt_copy_to_clipboard        (GtkWidget  *widget,
                                           const char *text);
void        falt_menu_button_set_menu_later (GtkMenuButton *button,
                                             GMenuModel    *model);

const char *falt_language_name  (const char         *lang);
const char *falt_language_endonym (const char       *lang);
char       *falt_language_names (const char * const *langs);

G_END_DECLS
