/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by the updater (falt-updater.c, main context) and its worker thread
 * (falt-updater-worker.c). Not installed. */

#include <libsoup/soup.h>

#include "falt-updater.h"

G_BEGIN_DECLS

/* What one run needs in its worker thread; the worker touches nothing else. */
typedef struct
{
  GMainContext  *context;
  FaltUpdater   *self;           /* only touched on the main context */
  FaltStore     *store;          /* only its thread-safe calls */
  FaltKeyring   *keyring;
  char          *bundle_path;    /* a bundle import, else an HTTP check */
  GStrv          bases;
  char          *etag;
  gint64         installed;
  char          *staging_dir;
  guint          minimum_rate;
  guint          rate_window;
  guint          stall_timeout;
  guint          deadline;
  gint64         started;
  SoupSession   *session;
  gint64         bytes_done;
  gint64         bytes_total;

  /* Results */
  gboolean       unchanged;
  FaltManifest  *manifest;
  char          *signature;
  char          *new_etag;
} FaltUpdaterJob;

GStrv falt_updater_list_bases   (const char         *feed_url,
                                 const char * const *mirrors);
void falt_updater_job_free      (FaltUpdaterJob   *job);
void falt_updater_job_report    (FaltUpdaterJob   *job,
                                 FaltUpdaterState  state);
void falt_updater_check_thread  (GTask            *task,
                                 gpointer          source,
                                 gpointer          task_data,
                                 GCancellable     *cancellable);
void falt_updater_bundle_thread (GTask            *task,
                                 gpointer          source,
                                 gpointer          task_data,
                                 GCancellable     *cancellable);

G_END_DECLS
