/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "store/falt-store.h"

G_BEGIN_DECLS

#define FALT_TYPE_DOCUMENT_PAGE (falt_document_page_get_type ())
G_DECLARE_FINAL_TYPE (FaltDocumentPage, falt_document_page, FALT, DOCUMENT_PAGE, AdwBin)

GtkWidget  *falt_document_page_new       (FaltStore        *store,
                                          GSettings        *settings);
gboolean    falt_document_page_open      (FaltDocumentPage *self,
                                          const char       *id,
                                          int               page);
const char *falt_document_page_get_title (FaltDocumentPage *self);
const char *falt_document_page_get_id    (FaltDocumentPage *self);
const char *falt_document_page_get_kind  (FaltDocumentPage *self);
char       *falt_document_page_get_text  (FaltDocumentPage *self);
void        falt_document_page_save_position (FaltDocumentPage *self);
gboolean    falt_document_page_can_go_back   (FaltDocumentPage *self);
gboolean    falt_document_page_go_back       (FaltDocumentPage *self);
void        falt_document_page_clear_history (FaltDocumentPage *self);
guint       falt_document_page_highlight     (FaltDocumentPage *self,
                                              const char       *query);
void        falt_document_page_set_presenting (FaltDocumentPage *self,
                                               gboolean          presenting);
void        falt_document_page_set_presenting_continuous (FaltDocumentPage *self,
                                                          gboolean          continuous);
int         falt_document_page_get_presentation_step     (FaltDocumentPage *self,
                                                          int              *n_steps);
void        falt_document_page_step          (FaltDocumentPage *self,
                                              gboolean          forward);
gboolean    falt_document_page_find      (FaltDocumentPage *self);
void        falt_document_page_find_when_open (FaltDocumentPage *self,
                                               const char       *text);
void        falt_document_page_open_file (FaltDocumentPage *self,
                                          GFile            *file);

G_END_DECLS
