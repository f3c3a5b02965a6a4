/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "feed/falt-feed.h"
#include "store/falt-store.h"

G_BEGIN_DECLS

#define FALT_UPDATER_ERROR (falt_updater_error_quark ())

/**
 * FaltUpdaterError:
 * @FALT_UPDATER_ERROR_NO_FEED: no update address is configured
 * @FALT_UPDATER_ERROR_INSECURE: the address is not https:// (nor a loopback address)
 * @FALT_UPDATER_ERROR_HTTP: the server answered with an error status
 * @FALT_UPDATER_ERROR_NETWORK: the server could not be reached, or the connection broke
 * @FALT_UPDATER_ERROR_TOO_LARGE: the server sent more than the feed allows or announced
 * @FALT_UPDATER_ERROR_TOO_SLOW: the server sent too slowly, or the download took too long
 * @FALT_UPDATER_ERROR_BUSY: an update is already running
 * @FALT_UPDATER_ERROR_IO: the download could not be written (a full disk, a read-only folder)
 */
typedef enum
{
  FALT_UPDATER_ERROR_NO_FEED,
  FALT_UPDATER_ERROR_INSECURE,
  FALT_UPDATER_ERROR_HTTP,
  FALT_UPDATER_ERROR_NETWORK,
  FALT_UPDATER_ERROR_TOO_LARGE,
  FALT_UPDATER_ERROR_TOO_SLOW,
  FALT_UPDATER_ERROR_BUSY,
  FALT_UPDATER_ERROR_IO,
} FaltUpdaterError;

/**
 * FaltUpdaterState:
 * @FALT_UPDATER_STATE_IDLE: nothing has run yet
 * @FALT_UPDATER_STATE_CHECKING: fetching and verifying the manifest
 * @FALT_UPDATER_STATE_DOWNLOADING: fetching the files the store lacks
 * @FALT_UPDATER_STATE_APPLYING: importing into the store
 * @FALT_UPDATER_STATE_UP_TO_DATE: the last check found nothing newer
 * @FALT_UPDATER_STATE_UPDATED: the last run installed a newer version
 * @FALT_UPDATER_STATE_FAILED: the last run failed (see #FaltUpdater:error-message)
 */
typedef enum
{
  FALT_UPDATER_STATE_IDLE,
  FALT_UPDATER_STATE_CHECKING,
  FALT_UPDATER_STATE_DOWNLOADING,
  FALT_UPDATER_STATE_APPLYING,
  FALT_UPDATER_STATE_UP_TO_DATE,
  FALT_UPDATER_STATE_UPDATED,
  FALT_UPDATER_STATE_FAILED,
} FaltUpdaterState;

GType falt_updater_state_get_type (void) G_GNUC_CONST;
#define FALT_TYPE_UPDATER_STATE (falt_updater_state_get_type ())

#define FALT_TYPE_UPDATER (falt_updater_get_type ())
G_DECLARE_FINAL_TYPE (FaltUpdater, falt_updater, FALT, UPDATER, GObject)

GQuark            falt_updater_error_quark       (void);

FaltUpdater      *falt_updater_new               (FaltStore            *store,
                                                  FaltKeyring          *keyring,
                                                  const char           *feed_url);
const char       *falt_updater_get_feed_url      (FaltUpdater          *self);
void              falt_updater_set_feed_url      (FaltUpdater          *self,
                                                  const char           *feed_url);
FaltUpdaterState  falt_updater_get_state         (FaltUpdater          *self);
gboolean          falt_updater_get_busy          (FaltUpdater          *self);
double            falt_updater_get_fraction      (FaltUpdater          *self);
const char       *falt_updater_get_error_message (FaltUpdater          *self);
GDateTime        *falt_updater_dup_last_check    (FaltUpdater          *self);
gint64            falt_updater_get_new_version   (FaltUpdater          *self);
gboolean          falt_updater_is_check_due      (FaltUpdater          *self,
                                                  GTimeSpan             interval);
gboolean          falt_updater_check_url         (const char           *url,
                                                  GError              **error);

void              falt_updater_check_async       (FaltUpdater          *self,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean          falt_updater_check_finish      (FaltUpdater          *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
void              falt_updater_import_file_async (FaltUpdater          *self,
                                                  const char           *bundle_path,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean          falt_updater_import_file_finish (FaltUpdater         *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
void              falt_updater_cancel            (FaltUpdater          *self);

G_END_DECLS
