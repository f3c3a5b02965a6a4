/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct _FaltPdfCache FaltPdfCache;

FaltPdfCache *falt_pdf_cache_new           (gsize         max_bytes);
void          falt_pdf_cache_free          (FaltPdfCache *self);
GdkTexture   *falt_pdf_cache_lookup        (FaltPdfCache *self,
                                            int           page,
                                            double       *scale);
void          falt_pdf_cache_insert        (FaltPdfCache *self,
                                            int           page,
                                            double        scale,
                                            GdkTexture   *texture);
GdkTexture   *falt_pdf_cache_lookup_tile   (FaltPdfCache *self,
                                            int           page,
                                            double        scale,
                                            int           tile);
void          falt_pdf_cache_insert_tile   (FaltPdfCache *self,
                                            int           page,
                                            double        scale,
                                            int           tile,
                                            GdkTexture   *texture);
void          falt_pdf_cache_clear         (FaltPdfCache *self);
gsize         falt_pdf_cache_get_size      (FaltPdfCache *self);
gsize         falt_pdf_cache_get_max_size  (FaltPdfCache *self);
guint         falt_pdf_cache_get_n_pages   (FaltPdfCache *self);
guint         falt_pdf_cache_get_n_tiles   (FaltPdfCache *self);
int           falt_pdf_cache_get_largest_side (FaltPdfCache *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FaltPdfCache, falt_pdf_cache_free)

G_END_DECLS
