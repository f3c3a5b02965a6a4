/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-pdf-find-bar"

#include <glib/gi18n.h>

#include "falt-pdf-find-bar.h"

/* The find bar over a PDF: what to find, “3 of 17”, the previous and next
 * hit. Enter and Ctrl+G go to the next hit, Shift+Enter and Ctrl+Shift+G
 * to the one before, Escape closes. */

struct _FaltPdfFindBar
{
  GtkBox          parent_instance;

  FaltPdfFind    *find;
  GtkSearchEntry *entry;
  GtkLabel       *status_label;
  char           *shown_text;  /* set by the program, found already */
};

G_DEFINE_FINAL_TYPE (FaltPdfFindBar, falt_pdf_find_bar, GTK_TYPE_BOX)

static void
update_status (FaltPdfFindBar *self)
{
  g_autofree char *status = NULL;
  guint n_hits = self->find != NULL ? falt_pdf_find_get_n_hits (self->find) : 0;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));

  if (n_hits > 0)
    /* Translators: the current find hit and how many there are, e.g. “3 of 17”. */
    status = g_strdup_printf (_("%u of %u"), falt_pdf_find_get_current (self->find), n_hits);
  else if (*text != '\0' && self->find != NULL && !falt_pdf_find_is_running (self->find))
    status = g_strdup (_("Not found"));
  gtk_label_set_text (self->status_label, status != NULL ? status : "");
}

static void
on_find_notify_cb (FaltPdfFind    *find,
                   GParamSpec     *pspec,
                   FaltPdfFindBar *self)
{
  update_status (self);
}

void
falt_pdf_find_bar_set_find (FaltPdfFindBar *self,
                            FaltPdfFind    *find)
{
  g_return_if_fail (FALT_IS_PDF_FIND_BAR (self));

  if (self->find != NULL)
    g_signal_handlers_disconnect_by_func (self->find, on_find_notify_cb, self);
  g_set_object (&self->find, find);
  if (find != NULL)
    g_signal_connect (find, "notify", G_CALLBACK (on_find_notify_cb), self);
  update_status (self);
}

void
falt_pdf_find_bar_focus (FaltPdfFindBar *self)
{
  g_return_if_fail (FALT_IS_PDF_FIND_BAR (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
  gtk_editable_select_region (GTK_EDITABLE (self->entry), 0, -1);
}

static void
show_text (FaltPdfFindBar *self,
           const char     *text)
{
  g_signal_handlers_block_matched (self->entry, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), text);
  g_signal_handlers_unblock_matched (self->entry, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  /* GtkSearchEntry says "search-changed" a moment later, unblocked: that
   * must not find the entry's text in place of what was asked. */
  g_free (self->shown_text);
  self->shown_text = g_strdup (text);
}

/* Finds @text at once, without the entry's typing delay. */
void
falt_pdf_find_bar_set_text (FaltPdfFindBar *self,
                            const char     *text)
{
  g_return_if_fail (FALT_IS_PDF_FIND_BAR (self));

  show_text (self, text);
  if (self->find != NULL)
    falt_pdf_find_start (self->find, text);
  update_status (self);
}

/**
 * falt_pdf_find_bar_set_words:
 * @text: what the entry shows, e.g. the words searched for
 * @words: the whole words to find, e.g. the written forms the search matched
 *
 * Finds all of @words at once; typing in the entry finds its text again.
 */
void
falt_pdf_find_bar_set_words (FaltPdfFindBar     *self,
                             const char         *text,
                             const char * const *words)
{
  g_return_if_fail (FALT_IS_PDF_FIND_BAR (self));

  show_text (self, text);
  if (self->find != NULL)
    falt_pdf_find_start_words (self->find, words);
  update_status (self);
}

/**
 * falt_pdf_find_bar_get_status:
 *
 * Returns: what the bar says of the hits, e.g. “3 of 17”
 */
const char *
falt_pdf_find_bar_get_status (FaltPdfFindBar *self)
{
  g_return_val_if_fail (FALT_IS_PDF_FIND_BAR (self), NULL);

  return gtk_label_get_text (self->status_label);
}

static void
on_search_changed_cb (GtkSearchEntry *entry,
                      FaltPdfFindBar *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  gboolean found_already = self->shown_text != NULL && g_str_equal (text, self->shown_text);

  g_clear_pointer (&self->shown_text, g_free);
  if (found_already)
    return;
  if (self->find != NULL)
    falt_pdf_find_start (self->find, text);
  update_status (self);
}

static void
on_activate_cb (GtkSearchEntry *entry,
                FaltPdfFindBar *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "pdf.find-next", NULL);
}

static void
on_next_match_cb (GtkSearchEntry *entry,
                  FaltPdfFindBar *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "pdf.find-next", NULL);
}

static void
on_previous_match_cb (GtkSearchEntry *entry,
                      FaltPdfFindBar *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "pdf.find-previous", NULL);
}

static void
on_stop_search_cb (GtkSearchEntry *entry,
                   FaltPdfFindBar *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "pdf.find-close", NULL);
}

static void
falt_pdf_find_bar_dispose (GObject *object)
{
  falt_pdf_find_bar_set_find (FALT_PDF_FIND_BAR (object), NULL);
  g_clear_pointer (&FALT_PDF_FIND_BAR (object)->shown_text, g_free);

  G_OBJECT_CLASS (falt_pdf_find_bar_parent_class)->dispose (object);
}

static void
falt_pdf_find_bar_class_init (FaltPdfFindBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = falt_pdf_find_bar_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/falt-pdf-find-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, FaltPdfFindBar, entry);
  gtk_widget_class_bind_template_child (widget_class, FaltPdfFindBar, status_label);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_next_match_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_previous_match_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_SHIFT_MASK, "pdf.find-previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_SHIFT_MASK, "pdf.find-previous", NULL);
}

static void
falt_pdf_find_bar_init (FaltPdfFindBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
