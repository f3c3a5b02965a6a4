/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by the files of FaltDocumentPage (falt-document-page.c, its PDF
 * in falt-document-page-pdf.c, its history in falt-document-page-history.c).
 * Not for other widgets. */

#include "falt-document-page.h"
#include "falt-markdown-view.h"
#include "falt-pdf-view.h"

G_BEGIN_DECLS

struct _FaltDocumentPage
{
  AdwBin            parent_instance;

  FaltStore        *store;
  GSettings        *settings;
  FaltDocument     *document;
  GBytes           *pdf;
  GFile            *file;           /* a PDF from disk */
  char             *file_name;
  GCancellable     *pdf_opening;
  int               pdf_page;       /* to show once opened, from 1 */
  gboolean          pdf_shown;      /* the view shows self->pdf */
  char             *find_text;      /* to find once the PDF is open */
  char            **find_words;     /* … or these whole words, showing find_text */
  GCancellable     *forms_lookup;   /* the words a search hit matched, being looked up */

  GtkLabel         *meta_label;
  GtkWidget        *badge_box;
  GtkWidget        *zoom_box;
  GtkWidget        *save_button;
  GtkStack         *view_stack;
  FaltMarkdownView *markdown_view;
  FaltPdfView      *pdf_view;
  AdwStatusPage    *error_page;
  GtkWidget        *pdf_controls;
  GtkWidget        *password_box;
  GtkPasswordEntry *password_entry;

  GtkMenuButton    *language_button;
  GtkLabel         *fallback_label;
  GtkWidget        *toolbar;
  GtkWidget        *toolbar_separator;

  gboolean          presenting;
  guint             present_pdf_idle;  /* presenting a PDF that opened since */
  gboolean          bookmarked;
  GHashTable       *shown_in;  /* id → language chosen with "Show in …" this visit */
  GQueue            history;  /* HistoryEntry: the documents Back returns to */
};

/* falt-document-page.c */
void     falt_document_page_show_error_page    (FaltDocumentPage *self,
                                                const char       *icon_name,
                                                const char       *title,
                                                const char       *message);

/* falt-document-page-pdf.c */
void     falt_document_page_install_pdf_actions (GtkWidgetClass  *widget_class);
gboolean falt_document_page_show_pdf           (FaltDocumentPage *self,
                                                int               page,
                                                int              *shown_page,
                                                GError          **error);
void     falt_document_page_load_file          (FaltDocumentPage *self,
                                                GFile            *file);
void     falt_document_page_stop_pdf           (FaltDocumentPage *self);
void     falt_document_page_cancel_forms_lookup (FaltDocumentPage *self);
void     falt_document_page_find_words_when_open (FaltDocumentPage   *self,
                                                  const char         *text,
                                                  const char * const *words);

/* falt-document-page-history.c */
void     falt_document_page_follow_link        (FaltDocumentPage *self,
                                                const char       *id,
                                                const char       *anchor);

G_END_DECLS
