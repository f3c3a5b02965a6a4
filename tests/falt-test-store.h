/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "falt-store-private.h"
#include "falt-test-feed.h"

/* Shared by the store's test programs (test-store, test-store-search):
 * a temporary folder per run, standard feeds, and search assertions. */

G_BEGIN_DECLS

extern char *test_root;
extern const char * const brochure_pages[];

void falt_test_store_init (int *argc, char ***argv);
int  falt_test_store_run  (void);

char * test_path (const char *name);
void remove_recursively (const char *path);
FaltTestFeed * make_standard_feed (const char *name, gint64 version);
char * write_standard_feed (const char *name, gint64 version);
FaltStore * open_store_with_standard_feed (void);
GPtrArray * search (FaltStore *store, const char *query, const char *lang);
void on_search_done_cb (GObject *source, GAsyncResult *result, gpointer user_data);
gboolean hits_contain (GPtrArray *hits, const char *doc_id);
void assert_query_finds (FaltStore *store, const char *query, const char *lang, const char *doc_id);
void assert_query_misses (FaltStore *store, const char *query, const char *lang, const char *doc_id);
int query_int (const char *db_path, const char *sql);
void exec_sql (const char *db_path, const char *sql);
void assert_snippet_is_plain_text (FaltSearchHit *hit);
FaltStore * open_store_with_feed (FaltTestFeed *feed, const char *feed_dir);

G_END_DECLS
