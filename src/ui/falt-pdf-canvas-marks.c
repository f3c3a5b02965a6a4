/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-pdf-canvas"

#include "falt-pdf-canvas-private.h"

/* What the canvas draws over pages: find hits (one of them current) and the
 * selection, kept by page so a page scrolled back into view shows them. */

void
falt_pdf_canvas_decorate_page (FaltPdfCanvas *self,
                               FaltPdfPage   *page)
{
  int index = falt_pdf_page_get_index (page);

  falt_pdf_page_set_hits (page, g_hash_table_lookup (self->hits, GINT_TO_POINTER (index)),
                          index == self->current_hit_page ? self->current_hit : -1);
  falt_pdf_page_set_selection (page, g_hash_table_lookup (self->selection, GINT_TO_POINTER (index)));
}

static void
redecorate (FaltPdfCanvas *self)
{
  for (guint i = 0; i < self->bound->len; i++)
    falt_pdf_canvas_decorate_page (self, g_ptr_array_index (self->bound, i));
}

/**
 * falt_pdf_canvas_set_hits:
 * @hits: (nullable): find hits on @page, in points from its top left
 */
void
falt_pdf_canvas_set_hits (FaltPdfCanvas *self,
                          int            page,
                          GArray        *hits)
{
  g_return_if_fail (FALT_IS_PDF_CANVAS (self));

  if (hits != NULL && hits->len > 0)
    g_hash_table_insert (self->hits, GINT_TO_POINTER (page), g_array_ref (hits));
  else
    g_hash_table_remove (self->hits, GINT_TO_POINTER (page));
  redecorate (self);
}

void
falt_pdf_canvas_set_current_hit (FaltPdfCanvas *self,
                                 int            page,
                                 int            hit)
{
  g_return_if_fail (FALT_IS_PDF_CANVAS (self));

  self->current_hit_page = page;
  self->current_hit = hit;
  redecorate (self);
}

void
falt_pdf_canvas_clear_hits (FaltPdfCanvas *self)
{
  g_return_if_fail (FALT_IS_PDF_CANVAS (self));

  g_hash_table_remove_all (self->hits);
  self->current_hit_page = -1;
  redecorate (self);
}

void
falt_pdf_canvas_set_selection (FaltPdfCanvas *self,
                               int            page,
                               GArray        *rects)
{
  g_return_if_fail (FALT_IS_PDF_CANVAS (self));

  if (rects != NULL && rects->len > 0)
    g_hash_table_insert (self->selection, GINT_TO_POINTER (page), g_array_ref (rects));
  else
    g_hash_table_remove (self->selection, GINT_TO_POINTER (page));
  redecorate (self);
}

void
falt_pdf_canvas_clear_selection (FaltPdfCanvas *self)
{
  g_return_if_fail (FALT_IS_PDF_CANVAS (self));

  g_hash_table_remove_all (self->selection);
  redecorate (self);
}

