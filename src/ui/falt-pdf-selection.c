/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-pdf-selection"

#include "falt-pdf-selection.h"
#include "falt-ui-utils.h"

/* Text selected with the mouse, or all of it: poppler's selection region
 * and selected text for each page the selection covers, asked of the
 * document's worker as select jobs. Copying waits for the pages still on
 * the worker, then puts their text on the clipboard in page order. */

typedef struct
{
  FaltPdfJob *job;
  char       *text;
} PageSelection;

struct _FaltPdfSelection
{
  GObject          parent_instance;

  FaltPdfCanvas   *canvas;       /* weak */
  GHashTable      *pages;        /* page → PageSelection */
  int              start_page;   /* -1 when nothing is selected */
  graphene_point_t start;
  int              end_page;
  graphene_point_t end;
  GtkWidget       *copy_to;      /* waiting to copy, weak */
};

G_DEFINE_FINAL_TYPE (FaltPdfSelection, falt_pdf_selection, G_TYPE_OBJECT)

static void on_select_finished_cb (FaltPdfJob *job, FaltPdfSelection *self);

static void
page_selection_free (PageSelection *selection)
{
  if (selection->job != NULL)
    {
      g_signal_handlers_disconnect_matched (selection->job, G_SIGNAL_MATCH_FUNC, 0, 0, NULL,
                                            on_select_finished_cb, NULL);
      falt_pdf_job_cancel (selection->job);
      g_object_unref (selection->job);
    }
  g_free (selection->text);
  g_free (selection);
}

static gboolean
jobs_pending (FaltPdfSelection *self)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (((PageSelection *) value)->job != NULL)
      return TRUE;
  return FALSE;
}

static void copy_now (FaltPdfSelection *self, GtkWidget *widget);

static void
on_select_finished_cb (FaltPdfJob       *job,
                       FaltPdfSelection *self)
{
  int page = falt_pdf_job_get_page (job);
  PageSelection *selection = g_hash_table_lookup (self->pages, GINT_TO_POINTER (page));

  if (selection == NULL || selection->job != job)
    return;

  g_free (selection->text);
  selection->text = g_strdup (falt_pdf_job_get_text (job));
  if (self->canvas != NULL)
    falt_pdf_canvas_set_selection (self->canvas, page, falt_pdf_job_get_rects (job));
  g_clear_object (&selection->job);

  if (self->copy_to != NULL && !jobs_pending (self))
    {
      GtkWidget *widget = self->copy_to;

      g_clear_weak_pointer (&self->copy_to);
      copy_now (self, widget);
    }
}

static void
select_on_page (FaltPdfSelection      *self,
                FaltPdfDocument       *document,
                int                    page,
                const graphene_rect_t *area)
{
  PageSelection *selection = g_new0 (PageSelection, 1);

  selection->job = falt_pdf_job_new_select (page, area);
  g_signal_connect (selection->job, "finished", G_CALLBACK (on_select_finished_cb), self);
  g_hash_table_replace (self->pages, GINT_TO_POINTER (page), selection);
  falt_pdf_document_run (document, selection->job);
}

/* From the start to the end point, in reading order across pages: the
 * first page from the start on, the last up to the end, all of those between. */
static void
update (FaltPdfSelection *self)
{
  FaltPdfDocument *document = self->canvas != NULL ? falt_pdf_canvas_get_document (self->canvas) : NULL;
  gboolean forward = self->start_page < self->end_page
                     || (self->start_page == self->end_page && self->start.y <= self->end.y);
  int first = forward ? self->start_page : self->end_page;
  int last = forward ? self->end_page : self->start_page;
  graphene_point_t from = forward ? self->start : self->end;
  graphene_point_t to = forward ? self->end : self->start;
  g_autoptr (GList) pages = NULL;

  if (document == NULL || self->start_page < 0)
    return;

  /* Pages no longer covered lose their selection. */
  pages = g_hash_table_get_keys (self->pages);
  for (GList *l = pages; l != NULL; l = l->next)
    {
      int page = GPOINTER_TO_INT (l->data);

      if (page < first || page > last)
        {
          g_hash_table_remove (self->pages, l->data);
          falt_pdf_canvas_set_selection (self->canvas, page, NULL);
        }
    }

  for (int page = first; page <= last; page++)
    {
      double width, height;
      graphene_point_t a = { 0, 0 }, b;
      graphene_rect_t area;

      falt_pdf_document_get_page_size (document, page, &width, &height);
      b = GRAPHENE_POINT_INIT (width, height);
      if (page == first)
        a = from;
      if (page == last)
        b = to;
      area = GRAPHENE_RECT_INIT (a.x, a.y, b.x - a.x, b.y - a.y);
      select_on_page (self, document, page, &area);
    }
}

void
falt_pdf_selection_clear (FaltPdfSelection *self)
{
  g_return_if_fail (FALT_IS_PDF_SELECTION (self));

  g_hash_table_remove_all (self->pages);
  self->start_page = -1;
  g_clear_weak_pointer (&self->copy_to);
  if (self->canvas != NULL)
    falt_pdf_canvas_clear_selection (self->canvas);
}

/**
 * falt_pdf_selection_begin:
 * @x: where a drag starts, in the canvas's coordinates
 */
void
falt_pdf_selection_begin (FaltPdfSelection *self,
                          double            x,
                          double            y)
{
  g_return_if_fail (FALT_IS_PDF_SELECTION (self));

  falt_pdf_selection_clear (self);
  if (self->canvas == NULL || !falt_pdf_canvas_find_point (self->canvas, x, y, &self->start_page, &self->start))
    self->start_page = -1;
  self->end_page = self->start_page;
  self->end = self->start;
}

/* The drag went on to (@x, @y), in the canvas's coordinates. */
void
falt_pdf_selection_extend (FaltPdfSelection *self,
                           double            x,
                           double            y)
{
  g_return_if_fail (FALT_IS_PDF_SELECTION (self));

  if (self->start_page < 0
      || !falt_pdf_canvas_find_point (self->canvas, x, y, &self->end_page, &self->end))
    return;
  update (self);
}

void
falt_pdf_selection_select_all (FaltPdfSelection *self)
{
  FaltPdfDocument *document;
  double width, height;
  int n_pages;

  g_return_if_fail (FALT_IS_PDF_SELECTION (self));

  falt_pdf_selection_clear (self);
  document = self->canvas != NULL ? falt_pdf_canvas_get_document (self->canvas) : NULL;
  if (document == NULL)
    return;

  n_pages = falt_pdf_document_get_n_pages (document);
  self->start_page = 0;
  self->start = GRAPHENE_POINT_INIT (0, 0);
  self->end_page = n_pages - 1;
  falt_pdf_document_get_page_size (document, n_pages - 1, &width, &height);
  self->end = GRAPHENE_POINT_INIT (width, height);
  update (self);
}

gboolean
falt_pdf_selection_is_empty (FaltPdfSelection *self)
{
  g_return_val_if_fail (FALT_IS_PDF_SELECTION (self), TRUE);

  return g_hash_table_size (self->pages) == 0;
}

static gint
compare_pages (gconstpointer a,
               gconstpointer b)
{
  return GPOINTER_TO_INT (a) - GPOINTER_TO_INT (b);
}

static void
copy_now (FaltPdfSelection *self,
          GtkWidget        *widget)
{
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (GList) pages = g_hash_table_get_keys (self->pages);

  pages = g_list_sort (pages, compare_pages);
  for (GList *l = pages; l != NULL; l = l->next)
    {
      PageSelection *selection = g_hash_table_lookup (self->pages, l->data);

      if (selection == NULL || selection->text == NULL || *selection->text == '\0')
        continue;
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, selection->text);
    }
  if (text->len > 0)
    falt_copy_to_clipboard (widget, text->str);
}

/**
 * falt_pdf_selection_copy:
 * @widget: whose clipboard to use
 *
 * Copies the selected text, once every page of it is known.
 */
void
falt_pdf_selection_copy (FaltPdfSelection *self,
                         GtkWidget        *widget)
{
  g_return_if_fail (FALT_IS_PDF_SELECTION (self));

  if (jobs_pending (self))
    g_set_weak_pointer (&self->copy_to, widget);
  else
    copy_now (self, widget);
}

static void
falt_pdf_selection_dispose (GObject *object)
{
  FaltPdfSelection *self = FALT_PDF_SELECTION (object);

  if (self->pages != NULL)
    g_hash_table_remove_all (self->pages);
  g_clear_weak_pointer (&self->copy_to);
  g_clear_weak_pointer (&self->canvas);

  G_OBJECT_CLASS (falt_pdf_selection_parent_class)->dispose (object);
}

static void
falt_pdf_selection_finalize (GObject *object)
{
  g_clear_pointer (&FALT_PDF_SELECTION (object)->pages, g_hash_table_unref);

  G_OBJECT_CLASS (falt_pdf_selection_parent_class)->finalize (object);
}

static void
falt_pdf_selection_class_init (FaltPdfSelectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = falt_pdf_selection_dispose;
  object_class->finalize = falt_pdf_selection_finalize;
}

static void
falt_pdf_selection_init (FaltPdfSelection *self)
{
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) page_selection_free);
  self->start_page = -1;
}

FaltPdfSelection *
falt_pdf_selection_new (FaltPdfCanvas *canvas)
{
  FaltPdfSelection *self = g_object_new (FALT_TYPE_PDF_SELECTION, NULL);

  g_set_weak_pointer (&self->canvas, canvas);
  return self;
}
