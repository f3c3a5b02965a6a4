/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Writes small feeds (manifest.json + blobs/, as in design.md) for the
 * store's tests and benchmark, with PDFs drawn by cairo. */
typedef struct _FaltTestFeed FaltTestFeed;

FaltTestFeed *falt_test_feed_new             (const char         *dir,
                                              gint64              version);
void          falt_test_feed_free            (FaltTestFeed       *feed);
void          falt_test_feed_add_section     (FaltTestFeed       *feed,
                                              const char         *id,
                                              const char         *title_sv,
                                              const char         *title_en);
void          falt_test_feed_add_article     (FaltTestFeed       *feed,
                                              const char         *id,
                                              const char         *section,
                                              const char         *lang,
                                              const char         *title,
                                              const char         *markdown);
void          falt_test_feed_add_pdf         (FaltTestFeed       *feed,
                                              const char         *id,
                                              const char         *section,
                                              const char         *lang,
                                              const char         *title,
                                              const char * const *pages);
void          falt_test_feed_add_raw_pdf     (FaltTestFeed       *feed,
                                              const char         *id,
                                              const char         *section,
                                              const char         *lang,
                                              const char         *title,
                                              GBytes             *bytes);
void          falt_test_feed_add_coordinator (FaltTestFeed       *feed,
                                              const char         *id,
                                              const char         *region,
                                              const char * const *counties,
                                              const char * const *municipalities);
void          falt_test_feed_add_contact     (FaltTestFeed       *feed,
                                              const char         *id,
                                              const char         *number,
                                              const char         *name_sv,
                                              const char         *name_en);
void          falt_test_feed_write           (FaltTestFeed       *feed);
char         *falt_test_feed_blob_path       (FaltTestFeed       *feed,
                                              const char         *doc_id,
                                              const char         *lang);
GBytes       *falt_test_make_pdf             (const char * const *pages);
GBytes       *falt_test_make_labelled_pdf    (const char * const *pages,
                                              const char * const *labels);
void          falt_test_release_fonts        (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FaltTestFeed, falt_test_feed_free)

G_END_DECLS
