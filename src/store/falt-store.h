/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "falt-contact.h"
#include "falt-coordinator.h"
#include "falt-document.h"
#include "falt-search-hit.h"
#include "falt-search-job.h"
#include "falt-section.h"
#include "feed/falt-manifest.h"

G_BEGIN_DECLS

#define FALT_STORE_ERROR (falt_store_error_quark ())

/**
 * FALT_STORE_LANGS:
 *
 * A chain of languages in place, for the functions that take one:
 * `falt_store_search (store, query, FALT_STORE_LANGS ("uk", "en"), 0, &error)`.
 */
#define FALT_STORE_LANGS(...) ((const char * const[]) { __VA_ARGS__, NULL })

typedef enum
{
  FALT_STORE_ERROR_CORRUPT,
  FALT_STORE_ERROR_FUTURE_SCHEMA,
  FALT_STORE_ERROR_INVALID_FEED,
  FALT_STORE_ERROR_OLDER_FEED,
  FALT_STORE_ERROR_NOT_FOUND,
  FALT_STORE_ERROR_IO,
  FALT_STORE_ERROR_READ_ONLY,
  FALT_STORE_ERROR_NO_SPACE,
} FaltStoreError;

/**
 * FaltStoreOpenFlags:
 * @FALT_STORE_OPEN_DEFAULT: the bundled material is installed before falt_store_open_default_full() returns
 * @FALT_STORE_OPEN_INSTALL_LATER: it is left to falt_store_install_bundled_async(), off the main loop
 */
typedef enum
{
  FALT_STORE_OPEN_DEFAULT = 0,
  FALT_STORE_OPEN_INSTALL_LATER = 1 << 0,
} FaltStoreOpenFlags;

GQuark falt_store_error_quark (void);

#define FALT_TYPE_STORE (falt_store_get_type ())
G_DECLARE_FINAL_TYPE (FaltStore, falt_store, FALT, STORE, GObject)

FaltStore    *falt_store_open                    (const char           *path,
                                                  GError              **error);
FaltStore    *falt_store_open_default            (const char           *bundled_feed_dir,
                                                  char                **recovered_from,
                                                  GError              **error);
FaltStore    *falt_store_open_default_full       (const char           *bundled_feed_dir,
                                                  FaltStoreOpenFlags    flags,
                                                  char                **recovered_from,
                                                  GError              **error);
void          falt_store_install_bundled_async   (FaltStore            *self,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean      falt_store_install_bundled_finish  (FaltStore            *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
gboolean      falt_store_get_installing          (FaltStore            *self);
const GError *falt_store_get_install_error       (FaltStore            *self);
const GError *falt_store_get_read_only_reason    (FaltStore            *self);
const char   *falt_store_get_path                (FaltStore            *self);
const GError *falt_store_get_recovery_reason     (FaltStore            *self);
gboolean      falt_store_is_read_only            (FaltStore            *self);
gboolean      falt_store_check_integrity         (FaltStore            *self,
                                                  GError              **error);

gboolean      falt_store_import_feed             (FaltStore            *self,
                                                  const char           *feed_dir,
                                                  gboolean              allow_older,
                                                  GError              **error);

/**
 * FaltStoreImportFlags:
 * @FALT_STORE_IMPORT_NONE: only a newer version is imported
 * @FALT_STORE_IMPORT_ALLOW_OLDER: import whatever the version (the installed feed, recovery)
 */
typedef enum
{
  FALT_STORE_IMPORT_NONE = 0,
  FALT_STORE_IMPORT_ALLOW_OLDER = 1 << 0,
} FaltStoreImportFlags;

typedef void (*FaltStoreProgressFunc) (guint    done,
                                       guint    total,
                                       gpointer user_data);

/**
 * FaltStoreChange:
 * @doc_id: the document
 * @lang: the language of the translation that changed
 * @change: "added", "changed" or "removed"
 * @title: its title (the old one, when removed)
 */
typedef struct
{
  char *doc_id;
  char *lang;
  char *change;
  char *title;
} FaltStoreChange;

gboolean      falt_store_import                  (FaltStore            *self,
                                                  FaltManifest         *manifest,
                                                  const char           *signature,
                                                  const char           *blob_dir,
                                                  FaltStoreImportFlags  flags,
                                                  GError              **error);
void          falt_store_import_async            (FaltStore            *self,
                                                  FaltManifest         *manifest,
                                                  const char           *signature,
                                                  const char           *blob_dir,
                                                  FaltStoreImportFlags  flags,
                                                  FaltStoreProgressFunc progress,
                                                  gpointer              progress_data,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean      falt_store_import_finish           (FaltStore            *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
gboolean      falt_store_check_newer             (gint64                installed,
                                                  FaltManifest         *manifest,
                                                  GError              **error);
GPtrArray    *falt_store_list_missing_blobs      (FaltStore            *self,
                                                  FaltManifest         *manifest,
                                                  GError              **error);
FaltManifest *falt_store_dup_manifest            (FaltStore            *self,
                                                  char                **signature,
                                                  GError              **error);
gboolean      falt_store_export_bundle           (FaltStore            *self,
                                                  const char           *bundle_path,
                                                  GError              **error);
void          falt_store_export_bundle_async     (FaltStore            *self,
                                                  const char           *bundle_path,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean      falt_store_export_bundle_finish    (FaltStore            *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
GPtrArray    *falt_store_list_changes            (FaltStore            *self,
                                                  const char * const   *langs,
                                                  GError              **error);
gboolean      falt_store_get_changes_seen        (FaltStore            *self);
gboolean      falt_store_set_changes_seen        (FaltStore            *self,
                                                  GError              **error);
char         *falt_store_get_state               (FaltStore            *self,
                                                  const char           *key);
gboolean      falt_store_set_state               (FaltStore            *self,
                                                  const char           *key,
                                                  const char           *value,
                                                  GError              **error);
void          falt_store_change_free             (FaltStoreChange      *change);

gint64        falt_store_get_content_version     (FaltStore            *self);
GDateTime    *falt_store_get_signed_time         (FaltStore            *self);
char         *falt_store_get_source              (FaltStore            *self);
GHashTable   *falt_store_count_documents_by_kind (FaltStore            *self);

GListModel   *falt_store_list_sections           (FaltStore            *self,
                                                  const char * const   *langs);
GListModel   *falt_store_list_documents          (FaltStore            *self,
                                                  const char           *section_id,
                                                  const char * const   *langs);
FaltDocument *falt_store_get_document            (FaltStore            *self,
                                                  const char           *id,
                                                  const char * const   *langs,
                                                  GError              **error);
char         *falt_store_get_article_markdown    (FaltStore            *self,
                                                  const char           *id,
                                                  const char           *lang,
                                                  GError              **error);
GBytes       *falt_store_get_pdf                 (FaltStore            *self,
                                                  const char           *id,
                                                  const char           *lang,
                                                  GError              **error);
void          falt_store_get_pdf_async           (FaltStore            *self,
                                                  const char           *id,
                                                  const char           *lang,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
GBytes       *falt_store_get_pdf_finish          (FaltStore            *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
GListModel   *falt_store_list_coordinators       (FaltStore            *self);
GListModel   *falt_store_find_coordinators       (FaltStore            *self,
                                                  const char           *municipality_or_text);
GListModel   *falt_store_list_contacts           (FaltStore            *self,
                                                  const char * const   *langs);

GPtrArray    *falt_store_search                  (FaltStore            *self,
                                                  const char           *query,
                                                  const char * const   *langs,
                                                  guint                 limit,
                                                  GError              **error);
void          falt_store_search_async            (FaltStore            *self,
                                                  const char           *query,
                                                  const char * const   *langs,
                                                  guint                 limit,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
void          falt_store_search_job_async        (FaltStore            *self,
                                                  FaltSearchJob        *job,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
GPtrArray    *falt_store_search_finish           (FaltStore            *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
void          falt_store_make_snippets_async     (FaltStore            *self,
                                                  const char           *query,
                                                  GPtrArray            *hits,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean      falt_store_make_snippets_finish    (FaltStore            *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
GStrv         falt_store_match_written_forms     (FaltStore            *self,
                                                  const char           *query,
                                                  const char           *lang,
                                                  const char           *text);
GStrv         falt_store_match_pdf_written_forms (FaltStore            *self,
                                                  const char           *doc_id,
                                                  const char           *lang,
                                                  const char           *query,
                                                  GError              **error);
void          falt_store_match_pdf_written_forms_async (FaltStore           *self,
                                                        const char          *doc_id,
                                                        const char          *lang,
                                                        const char          *query,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
GStrv         falt_store_match_pdf_written_forms_finish (FaltStore          *self,
                                                         GAsyncResult       *result,
                                                         GError            **error);

gboolean      falt_store_set_bookmark            (FaltStore            *self,
                                                  const char           *doc_id,
                                                  gboolean              bookmarked,
                                                  GError              **error);
gboolean      falt_store_is_bookmarked           (FaltStore            *self,
                                                  const char           *doc_id);
gboolean      falt_store_note_opened             (FaltStore            *self,
                                                  const char           *doc_id,
                                                  const char           *lang,
                                                  int                   page,
                                                  GError              **error);
GListModel   *falt_store_list_recent             (FaltStore            *self,
                                                  const char * const   *langs,
                                                  guint                 limit);
int           falt_store_get_reading_position    (FaltStore            *self,
                                                  const char           *doc_id,
                                                  const char           *lang);
guint         falt_store_count_pending_writes    (FaltStore            *self);

/* falt-store-reading.c */
GListModel   *falt_store_list_bookmarks          (FaltStore            *self,
                                                  const char * const   *langs,
                                                  GError              **error);
GStrv         falt_store_get_document_languages  (FaltStore            *self,
                                                  const char           *doc_id);
const char * const *falt_store_get_content_languages (void);

/* falt-store-history.c */
typedef enum
{
  FALT_STORE_CLEAR_HISTORY = 0,             /* recent documents and reading positions */
  FALT_STORE_CLEAR_BOOKMARKS = 1 << 0,      /* and the bookmarks */
} FaltStoreClearFlags;

gboolean      falt_store_clear_history           (FaltStore            *self,
                                                  FaltStoreClearFlags   flags,
                                                  GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FaltStoreChange, falt_store_change_free)

G_END_DECLS
