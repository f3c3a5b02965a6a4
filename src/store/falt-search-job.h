/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define FALT_TYPE_SEARCH_JOB (falt_search_job_get_type ())
G_DECLARE_FINAL_TYPE (FaltSearchJob, falt_search_job, FALT, SEARCH_JOB, GObject)

FaltSearchJob *falt_search_job_new        (const char         *query,
                                           const char * const *langs,
                                           guint               limit);
void           falt_search_job_set_snippets_per_kind (FaltSearchJob *self,
                                                      guint          n);
const char    *falt_search_job_get_query  (FaltSearchJob      *self);
gboolean       falt_search_job_wait_until (FaltSearchJob      *self,
                                           gint64              end_time);
GPtrArray     *falt_search_job_take_hits  (FaltSearchJob      *self,
                                           GError            **error);

G_END_DECLS
