/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define FALT_TYPE_HELP_PAGE (falt_help_page_get_type ())
G_DECLARE_FINAL_TYPE (FaltHelpPage, falt_help_page, FALT, HELP_PAGE, AdwBin)

GtkWidget  *falt_help_page_new           (void);
void        falt_help_page_set_numbers   (FaltHelpPage *self,
                                          GListModel   *numbers);
GListModel *falt_help_page_get_numbers   (FaltHelpPage *self);
void        falt_help_page_set_news      (FaltHelpPage *self,
                                          gboolean      has_news);
void        falt_help_page_set_time      (FaltHelpPage *self,
                                          GDateTime    *now);
GtkWidget  *falt_help_page_find_button   (FaltHelpPage *self,
                                          const char   *number_id,
                                          const char   *what);
gboolean    falt_help_page_shows_closed  (FaltHelpPage *self);

G_END_DECLS
