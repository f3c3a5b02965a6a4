/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-document-page"

#include <glib/gi18n.h>

#include "falt-document-page-private.h"

/* Where the reader was: the position stored per document, and the
 * documents Back returns to after following a link. */

/* A document left by following a link; its position is in the store. */
typedef struct
{
  char *id;
  char *lang;
} HistoryEntry;

static void
history_entry_free (gpointer data)
{
  HistoryEntry *entry = data;

  g_free (entry->id);
  g_free (entry->lang);
  g_free (entry);
}

/**
 * falt_document_page_save_position:
 *
 * Remembers the page of the PDF on screen, or the line at the top of an
 * article (as a character offset), so opening it again resumes there.
 */
void
falt_document_page_save_position (FaltDocumentPage *self)
{
  int position;

  g_return_if_fail (FALT_IS_DOCUMENT_PAGE (self));

  if (self->document == NULL)
    return;

  /* A PDF still opening has no page on screen yet: what is stored stays. */
  if (self->pdf != NULL && self->pdf_shown)
    position = falt_pdf_view_get_current_page (self->pdf_view);
  else if (self->pdf == NULL && g_strcmp0 (gtk_stack_get_visible_child_name (self->view_stack), "article") == 0)
    position = falt_markdown_view_get_top_offset (self->markdown_view);
  else
    return;

  falt_store_note_opened (self->store, falt_document_get_id (self->document),
                          falt_document_get_lang (self->document), position, NULL);
}

/* A `doc:` link: the other document opens in the material's language (at
 * the heading, for `doc:ID#anchor`), and Back comes here again. */
void
falt_document_page_follow_link (FaltDocumentPage *self,
                                const char       *id,
                                const char       *anchor)
{
  HistoryEntry *entry = NULL;

  if (self->document != NULL)
    {
      entry = g_new0 (HistoryEntry, 1);
      entry->id = g_strdup (falt_document_get_id (self->document));
      entry->lang = g_strdup (falt_document_get_lang (self->document));
    }

  if (!falt_document_page_open (self, id, 0))
    {
      /* The error is on the page; Back returns from it. */
      if (entry != NULL)
        g_queue_push_head (&self->history, entry);
      return;
    }
  if (entry != NULL)
    g_queue_push_head (&self->history, entry);
  if (anchor != NULL && !falt_markdown_view_scroll_to_anchor (self->markdown_view, anchor))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", _("This part of the text was not found"));
}

/**
 * falt_document_page_can_go_back:
 *
 * Returns: whether a document opened from a link can go back to the one it
 *   came from
 */
gboolean
falt_document_page_can_go_back (FaltDocumentPage *self)
{
  g_return_val_if_fail (FALT_IS_DOCUMENT_PAGE (self), FALSE);

  return !g_queue_is_empty (&self->history);
}

/**
 * falt_document_page_go_back:
 *
 * Shows the document a link was followed from, at the position the reader
 * left it.
 *
 * Returns: %TRUE if there was one to go back to
 */
gboolean
falt_document_page_go_back (FaltDocumentPage *self)
{
  HistoryEntry *entry;

  g_return_val_if_fail (FALT_IS_DOCUMENT_PAGE (self), FALSE);

  entry = g_queue_pop_head (&self->history);
  if (entry == NULL)
    return FALSE;
  falt_document_page_open (self, entry->id, 0);
  history_entry_free (entry);
  return TRUE;
}

/**
 * falt_document_page_clear_history:
 *
 * Forgets the documents Back would return to, when the reader leaves.
 */
void
falt_document_page_clear_history (FaltDocumentPage *self)
{
  g_return_if_fail (FALT_IS_DOCUMENT_PAGE (self));

  g_queue_clear_full (&self->history, history_entry_free);
}
