/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "falt-search-job.h"
#include "falt-store-private.h"

G_BEGIN_DECLS

/* Shared between the files of the search: falt-store-search.c (the
 * search, its worker), -search-rank.c (candidates and BM25),
 * -search-snippets.c (the hits returned), -search-index.c (the tables),
 * -written-forms.c (what a hit highlights). */

/* One search table to search: one language of the reader's chain, for the
 * documents not translated into an earlier one (exclude_translated_in, a
 * falt_store_lang_chain_key(), or NULL for the first). */
typedef struct
{
  const char *lang;
  char       *exclude_translated_in;
  char       *match;
  char       *docs;   /* rows per phrase of match, for faltbm25() */
  gint64      body_last;   /* the last rowid the body candidates reached */
  guint       body_count;  /* how many body candidates there were */
} FaltSearchTable;

typedef struct
{
  FaltSearchTable *table;
  gint64       rowid;
  double       score;   /* higher is better: -faltrank, then -BM25 */
  gboolean     bm25;    /* score is faltbm25()'s */
} FaltSearchCandidate;

gboolean   falt_store_collect_candidates (sqlite3      *db,
                                          FaltSearchTable  *table,
                                          GArray       *candidates,
                                          GError      **error);
gboolean   falt_store_rank_candidates    (sqlite3      *db,
                                          FaltSearchTable  *tables,
                                          guint         n_tables,
                                          GArray       *candidates,
                                          GError      **error);
GPtrArray *falt_store_fetch_hits         (sqlite3      *db,
                                          FaltSearchTable  *tables,
                                          guint         n_tables,
                                          GArray       *candidates,
                                          guint         limit,
                                          guint         snippets_per_kind,
                                          GError      **error);

/* Work for a worker thread on the search's connection: %NULL with @error set on failure. */
typedef gpointer (*FaltSearchConnectionFunc) (FaltStore  *self,
                                          sqlite3    *db,
                                          gpointer    task_data,
                                          GError    **error);
GTask     *falt_store_run_on_search_connection (FaltStore                *self,
                                                gpointer                  source_tag,
                                                FaltSearchConnectionFunc  func,
                                                gpointer                  data,
                                                GDestroyNotify            free_data,
                                                GDestroyNotify            free_result,
                                                GCancellable             *cancellable,
                                                GAsyncReadyCallback       callback,
                                                gpointer                  user_data);

/* falt-search-job.c, for the worker */
GPtrArray *falt_search_job_run_on   (FaltSearchJob  *self,
                                     sqlite3        *db,
                                     GError        **error);
void       falt_search_job_complete (FaltSearchJob  *self,
                                     GPtrArray      *hits,
                                     const GError   *error);

G_END_DECLS
