/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared between the files of FaltStore (open/listing, import, search,
 * schema, tokenizer) and the tests. Not installed, not for the UI. */

#include <sqlite3.h>

#include "falt-store.h"
#include "feed/falt-feed.h"

G_BEGIN_DECLS

/* The languages content comes in; each has its own search table because
 * an FTS5 table has one tokenizer and each language stems differently. */
#define FALT_STORE_N_LANGS FALT_FEED_N_LANGUAGES
extern const char * const * const falt_store_langs;   /* falt_feed_languages */

/* An ORDER BY for rows with a "lang" column: first the languages of the
 * chain bound to param (falt_store_lang_chain_key()), in its order, then
 * Swedish, then any. */
#define FALT_STORE_LANG_CHAIN_ORDER(param) \
  "coalesce (nullif (instr (" param ", ',' || lang || ','), 0), 1000), lang = 'sv' DESC, lang"

struct _FaltStore
{
  GObject  parent_instance;

  char    *path;
  sqlite3 *db;
  GError  *recovery_reason;   /* why open_default() moved a database aside */
  /* Opened read-only because the folder, the file or the disk refused a
   * write: the content is read as it is, user data is not saved. */
  gboolean read_only;
  GError  *read_only_reason;  /* why, when the disk refused (NO_SPACE, READ_ONLY) */
  /* The material in memory: the disk had no room for it (falt-store-install.c).
   * Connections then open this shared-cache URI instead of the path. */
  char    *uri;

  /* The bundled material still to install off the main loop (FALT_STORE_OPEN_INSTALL_LATER). */
  gboolean installing;
  char    *install_feed_dir;
  char    *install_kept;      /* the damaged database moved aside, for the reader's own data */
  GError  *install_error;     /* why the bundled material could not be installed */

  /* The async search worker's own read-only connection: sqlite connections
   * are not shared across threads. The lock serializes searches on it. */
  GMutex   search_lock;
  sqlite3 *search_db;

  /* The UI's writes the lock refused, in order (falt-store-user-writes.c). */
  GPtrArray *pending_writes;   /* FaltStoreUserWrite */
  guint      retry_source;
};

/* falt-store-user-writes.c */
typedef struct _FaltStoreUserWrite FaltStoreUserWrite;
void      falt_store_user_write_free       (FaltStoreUserWrite *write);
gboolean  falt_store_write_bookmark        (FaltStore   *self,
                                            const char  *doc_id,
                                            gboolean     bookmarked,
                                            GError     **error);
gboolean  falt_store_write_opened          (FaltStore   *self,
                                            const char  *doc_id,
                                            const char  *lang,
                                            int          page,
                                            GError     **error);
gboolean  falt_store_pending_bookmark      (FaltStore   *self,
                                            const char  *doc_id,
                                            gboolean    *bookmarked);
int       falt_store_pending_position      (FaltStore   *self,
                                            const char  *doc_id,
                                            const char  *lang);
void      falt_store_flush_user_writes     (FaltStore   *self);
void      falt_store_retry_user_writes     (FaltStore   *self);
void      falt_store_forget_user_writes    (FaltStore   *self,
                                            gboolean     bookmarks_too);

/* falt-store-schema.c */
int       falt_store_schema_latest_version (void);
gboolean  falt_store_schema_read_version   (sqlite3     *db,
                                            int         *version,
                                            GError     **error);
gboolean  falt_store_schema_migrate        (sqlite3     *db,
                                            int          target_version,
                                            GError     **error);
gboolean  falt_store_schema_verify         (sqlite3     *db,
                                            GError     **error);

/* falt-store-words.c */
/* The one form of an apostrophe inside a word, as the index has it. */
#define FALT_STORE_APOSTROPHE "'"
gboolean  falt_store_is_apostrophe         (gunichar     c);
gboolean  falt_store_is_word_apostrophe    (gunichar     before,
                                            gunichar     after);
gboolean  falt_store_append_word_char      (GString     *word,
                                            const char  *p);

/* falt-store-tokenizer.c */
/* Starts a query term to be matched as written, not stemmed: U+E000, a
 * private-use character, which the tokenizer keeps inside a token but the
 * user's query never contains (only letters, digits and apostrophes
 * inside words are kept). */
#define FALT_STORE_VERBATIM_MARKER "\xee\x80\x80"
#define FALT_STORE_VERBATIM_MARKER_LEN 3
/* faltbm25()'s row count and total length, kept for one search (each of
 * its statements would read them again): bound as a pointer of this type. */
typedef struct
{
  gboolean      valid;
  sqlite3_int64 n_rows;
  sqlite3_int64 n_tokens;
} FaltBm25Totals;
#define FALT_BM25_TOTALS_TYPE "falt_bm25_totals"
gboolean  falt_store_setup_connection      (sqlite3     *db,
                                            GError     **error);
char     *falt_store_stem_word             (const char  *lang,
                                            const char  *word);
/* Longer tokens are indexed as they are, not stemmed. */
#define FALT_STORE_MAX_TOKEN 256
/* A word's stems: hunspell may give several ("києві" → кий, київ). */
#define FALT_STORE_MAX_STEMS 4
typedef struct
{
  guint n;
  int   length[FALT_STORE_MAX_STEMS];
  /* Room for a stem: the Swedish rules may add a letter. */
  char  text[FALT_STORE_MAX_STEMS][FALT_STORE_MAX_TOKEN + 8];
} FaltStoreStems;
gboolean  falt_store_stems_contain         (const FaltStoreStems *stems,
                                            const char           *token,
                                            gsize                 length);

/* falt-store-hunspell.c */
typedef struct _FaltStoreHunspell FaltStoreHunspell;
FaltStoreHunspell *falt_store_hunspell_get  (const char        *name);
guint     falt_store_hunspell_stem         (FaltStoreHunspell *self,
                                            const char        *word,
                                            gsize              length,
                                            FaltStoreStems    *stems);
char     *falt_store_fold_diacritics       (const char  *text);

/* falt-store-content.c */
GListModel *falt_store_list_documents_where (FaltStore          *self,
                                             const char         *where_and_order,
                                             const char * const *langs,
                                             const char         *arg,
                                             guint               limit);

/* falt-store-plain-text.c */
char     *falt_store_markdown_to_plain_text (const char *markdown,
                                             gssize      length);
char     *falt_store_strip_control_characters (const char *text);

/* falt-store-query.c */
gboolean  falt_store_build_match           (sqlite3     *db,
                                            const char  *lang,
                                            const char  *user_query,
                                            char       **match,
                                            char       **docs,
                                            GError     **error);

/* falt-store-search.c */
gboolean  falt_store_rebuild_search_index  (sqlite3     *db,
                                            GError     **error);
GPtrArray *falt_store_search_on            (sqlite3     *db,
                                            const char  *query,
                                            const char * const *langs,
                                            guint        limit,
                                            guint        snippets_per_kind,
                                            GError     **error);

/* falt-store.c */
gboolean  falt_store_set_sqlite_error      (sqlite3     *db,
                                            int          rc,
                                            GError     **error);
gboolean  falt_store_set_open_error        (sqlite3     *db,
                                            int          rc,
                                            GError     **error);
gboolean  falt_store_exec                  (sqlite3     *db,
                                            const char  *sql,
                                            GError     **error);
gboolean  falt_store_check_regular_files   (const char  *path,
                                            GError     **error);
gboolean  falt_store_open_connection       (FaltStore   *self,
                                            sqlite3    **db,
                                            GError     **error);
char     *falt_store_dup_connection_target (FaltStore   *self,
                                            int         *flags);
gboolean  falt_store_open_connection_to    (const char  *target,
                                            int          flags,
                                            sqlite3    **db,
                                            GError     **error);
sqlite3_stmt *falt_store_prepare           (sqlite3     *db,
                                            const char  *sql,
                                            GError     **error);
const char *falt_store_lang_or_default     (const char  *lang);
char     *falt_store_lang_chain_key        (const char * const *langs);

/* falt-store-import.c */
gint64    falt_store_read_content_version  (sqlite3     *db);
gboolean  falt_store_fill_pdf_page_labels  (sqlite3     *db,
                                            GError     **error);
gboolean  falt_store_import_on             (const char             *path,
                                            FaltManifest           *manifest,
                                            const char             *signature,
                                            const char             *blob_dir,
                                            FaltStoreImportFlags    flags,
                                            GCancellable           *cancellable,
                                            FaltStoreProgressFunc   progress,
                                            gpointer                progress_data,
                                            GError                **error);

/* falt-store-update.c */
void      falt_store_emit_content_changed  (FaltStore   *self);

/* falt-store-install.c */
gboolean  falt_store_error_is_no_room      (const GError *error);
FaltStore *falt_store_open_in_memory       (const char  *path,
                                            const GError *reason,
                                            GError     **error);
gboolean  falt_store_install_bundled       (FaltStore   *self,
                                            GError     **error);
void      falt_store_set_installing        (FaltStore   *self,
                                            gboolean     installing);

/* For tests: create (or migrate) the database at path to exactly
 * schema version, as an older release of the app would have left it. */
gboolean  falt_store_create_at_version     (const char  *path,
                                            int          version,
                                            GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

G_END_DECLS
