/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include <poppler.h>

G_BEGIN_DECLS

/* Lower values run first. */
typedef enum {
  FALT_PDF_JOB_PRIORITY_URGENT,  /* a page on screen */
  FALT_PDF_JOB_PRIORITY_HIGH,    /* find, selection, text asked for */
  FALT_PDF_JOB_PRIORITY_LOW,     /* a neighbour of the pages on screen */
} FaltPdfJobPriority;

typedef enum {
  FALT_PDF_JOB_RENDER,
  FALT_PDF_JOB_FIND,
  FALT_PDF_JOB_SELECT,
  FALT_PDF_JOB_TEXT,
  FALT_PDF_JOB_PRINT,
} FaltPdfJobKind;

#define FALT_TYPE_PDF_JOB (falt_pdf_job_get_type ())
G_DECLARE_FINAL_TYPE (FaltPdfJob, falt_pdf_job, FALT, PDF_JOB, GObject)

FaltPdfJob        *falt_pdf_job_new_render   (int                     page,
                                              double                  scale,
                                              FaltPdfJobPriority      priority);
FaltPdfJob        *falt_pdf_job_new_render_tile (int                  page,
                                                 double               scale,
                                                 int                  tile,
                                                 FaltPdfJobPriority   priority);
FaltPdfJob        *falt_pdf_job_new_find     (int                     page,
                                              const char             *text);
FaltPdfJob        *falt_pdf_job_new_find_words (int                   page,
                                                const char * const   *words);
FaltPdfJob        *falt_pdf_job_new_select   (int                     page,
                                              const graphene_rect_t  *area);
FaltPdfJob        *falt_pdf_job_new_text     (int                     page,
                                              FaltPdfJobPriority      priority);
FaltPdfJob        *falt_pdf_job_new_print    (int                     page);

FaltPdfJobKind     falt_pdf_job_get_kind     (FaltPdfJob             *self);
int                falt_pdf_job_get_page     (FaltPdfJob             *self);
double             falt_pdf_job_get_scale    (FaltPdfJob             *self);
int                falt_pdf_job_get_tile     (FaltPdfJob             *self);
FaltPdfJobPriority falt_pdf_job_get_priority (FaltPdfJob             *self);
void               falt_pdf_job_cancel       (FaltPdfJob             *self);
gboolean           falt_pdf_job_is_cancelled (FaltPdfJob             *self);
gboolean           falt_pdf_job_is_finished  (FaltPdfJob             *self);
GdkTexture        *falt_pdf_job_get_texture  (FaltPdfJob             *self);
cairo_surface_t   *falt_pdf_job_get_surface  (GdkTexture             *texture);
GArray            *falt_pdf_job_get_rects    (FaltPdfJob             *self);
const char        *falt_pdf_job_get_text     (FaltPdfJob             *self);
cairo_surface_t   *falt_pdf_job_get_recording (FaltPdfJob            *self);

/* For FaltPdfDocument's worker only. */
void               falt_pdf_job_run          (FaltPdfJob             *self,
                                              PopplerDocument        *document);
void               falt_pdf_job_finish       (FaltPdfJob             *self);
gint               falt_pdf_job_compare      (gconstpointer           a,
                                              gconstpointer           b,
                                              gpointer                user_data);

G_END_DECLS
