/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-markdown-view"

#include "markdown/falt-markdown.h"
#include "falt-markdown-view-private.h"

/* Presenting an article: large text, one `##` section (a slide) at a time
 * or the whole text, stepped through as a presentation clicker steps. */

#define PRESENTATION_SCALE 2.0

/**
 * falt_markdown_view_get_shown_zoom:
 *
 * Returns: the scale the text is drawn at: the zoom, times two when
 *   presenting
 */
double
falt_markdown_view_get_shown_zoom (FaltMarkdownView *self)
{
  g_return_val_if_fail (FALT_IS_MARKDOWN_VIEW (self), 1.0);

  return self->zoom * (self->presenting ? PRESENTATION_SCALE : 1.0);
}

/* Where each slide starts in the whole text as rendered: at its `##`
 * heading (the first at the top). NULL when the headings cannot be matched
 * to the slides. */
static GArray *
find_slide_starts (FaltMarkdownView *self,
                   GPtrArray        *slides)
{
  GArray *starts = g_array_new (FALSE, FALSE, sizeof (int));
  int zero = 0;

  for (guint i = 0; self->text != NULL && i < self->text->headings->len; i++)
    {
      const FaltMarkdownHeading *heading = &g_array_index (self->text->headings, FaltMarkdownHeading, i);

      if (heading->level == 2)
        g_array_append_val (starts, heading->offset);
    }
  /* The title and introduction come before the first heading. */
  if (starts->len + 1 == slides->len)
    g_array_prepend_val (starts, zero);
  if (starts->len != slides->len)
    {
      g_array_unref (starts);
      return NULL;
    }
  g_array_index (starts, int, 0) = 0;
  return starts;
}

/* Shows @slide, or the whole text when @slides is NULL, at @top. */
void
falt_markdown_view_show_slides (FaltMarkdownView *self,
                                GPtrArray        *slides,
                                guint             slide,
                                int               top)
{
  gboolean changed = (self->slides != NULL) != (slides != NULL) || self->slide != slide;

  if (self->slides != slides)
    g_clear_pointer (&self->slides, g_ptr_array_unref);
  self->slides = slides;
  self->slide = slides != NULL ? MIN (slide, slides->len - 1) : 0;
  if (self->markdown != NULL)
    {
      falt_markdown_view_render (self);
      falt_markdown_view_scroll_to_offset (self, top);
    }
  if (changed)
    falt_markdown_view_notify_slide (self);
}

/* Between the whole text and its sections while presenting: the section
 * on screen stays on screen. */
static void
update_presentation (FaltMarkdownView *self)
{
  gboolean by_section = self->presenting && !self->continuous;
  g_autoptr (GArray) starts = NULL;

  if (by_section == (self->slides != NULL) || self->markdown == NULL)
    return;

  if (by_section)
    {
      GPtrArray *slides = falt_markdown_split_sections (self->markdown);
      int top = falt_markdown_view_get_top_offset (self);
      guint slide = 0;

      starts = find_slide_starts (self, slides);
      while (starts != NULL && slide + 1 < starts->len && g_array_index (starts, int, slide + 1) <= top)
        slide++;
      falt_markdown_view_show_slides (self, slides, slide, 0);
    }
  else
    {
      g_autoptr (GPtrArray) slides = falt_markdown_split_sections (self->markdown);
      guint slide = self->slide;

      falt_markdown_view_show_slides (self, NULL, 0, 0);
      starts = find_slide_starts (self, slides);
      if (starts != NULL && slide < starts->len)
        falt_markdown_view_scroll_to_offset (self, g_array_index (starts, int, slide));
    }
}

/**
 * falt_markdown_view_set_presenting:
 *
 * Presentation mode: large text, without changing the reader's zoom, one
 * `##` section at a time (see falt_markdown_view_set_continuous()), from
 * the section on screen. Leaving it, the text is back where it was.
 */
void
falt_markdown_view_set_presenting (FaltMarkdownView *self,
                                   gboolean          presenting)
{
  g_return_if_fail (FALT_IS_MARKDOWN_VIEW (self));

  if (self->presenting == !!presenting)
    return;
  if (presenting)
    self->top_before_presenting = falt_markdown_view_get_top_offset (self);
  self->presenting = !!presenting;
  if (self->markdown == NULL)
    return;

  if (presenting && !self->continuous)
    update_presentation (self);
  else if (self->slides != NULL)
    falt_markdown_view_show_slides (self, NULL, 0, self->top_before_presenting);
  else
    {
      falt_markdown_view_render (self);
      falt_markdown_view_scroll_to_offset (self, self->top_before_presenting);
    }
}

/**
 * falt_markdown_view_set_continuous:
 * @continuous: %TRUE to present the whole text at the large size, %FALSE
 *   (the default) for one `##` section at a time
 */
void
falt_markdown_view_set_continuous (FaltMarkdownView *self,
                                   gboolean          continuous)
{
  g_return_if_fail (FALT_IS_MARKDOWN_VIEW (self));

  self->continuous = !!continuous;
  update_presentation (self);
}

/**
 * falt_markdown_view_get_slide:
 * @n_slides: (out) (optional): how many sections the text has while
 *   presenting by section, else 0
 *
 * Returns: the section shown while presenting by section, from 0; -1 when
 *   the whole text is shown
 */
int
falt_markdown_view_get_slide (FaltMarkdownView *self,
                              guint            *n_slides)
{
  g_return_val_if_fail (FALT_IS_MARKDOWN_VIEW (self), -1);

  if (n_slides != NULL)
    *n_slides = self->slides != NULL ? self->slides->len : 0;
  return self->slides != NULL ? (int) self->slide : -1;
}

/**
 * falt_markdown_view_step:
 * @forward: %TRUE for the next screenful, %FALSE for the one before
 *
 * As a presentation clicker steps: by a screenful less a line, and, by
 * section, on to the next section (or back to the one before) at the end of
 * the one shown.
 *
 * Returns: %FALSE at the end (or start) of the text, where there is no step
 */
gboolean
falt_markdown_view_step (FaltMarkdownView *self,
                         gboolean          forward)
{
  GtkAdjustment *adjustment;
  double step, value, lower, last;

  g_return_val_if_fail (FALT_IS_MARKDOWN_VIEW (self), FALSE);

  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self));
  if (adjustment == NULL)
    return FALSE;
  /* The end of the text is where the text ends, not where it got to. */
  falt_markdown_view_ensure_shown (self, -1);
  falt_markdown_view_cancel_scroll (self);
  step = gtk_adjustment_get_page_size (adjustment) * 0.9;
  value = gtk_adjustment_get_value (adjustment);
  lower = gtk_adjustment_get_lower (adjustment);
  last = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);

  if (forward ? value < last - 1 : value > lower + 1)
    {
      gtk_adjustment_set_value (adjustment, CLAMP (value + (forward ? step : -step), lower, MAX (lower, last)));
      return TRUE;
    }
  if (self->slides == NULL || (forward ? self->slide + 1 >= self->slides->len : self->slide == 0))
    return FALSE;
  falt_markdown_view_show_slides (self, self->slides, forward ? self->slide + 1 : self->slide - 1, 0);
  return TRUE;
}
