/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-pdf-document"

#include <glib/gi18n.h>
#include <poppler.h>
#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include "falt-pdf-document.h"
#include "falt-pdf-file.h"
#include "falt-startup-trace.h"

/* An open PDF: what the UI needs to lay it out (page sizes and labels, read
 * once when it opens) and the one worker thread that owns the
 * PopplerDocument afterwards. Every poppler call after opening is a
 * FaltPdfJob on that worker, so the main loop never waits on poppler. */

struct _FaltPdfDocument
{
  GObject          parent_instance;

  GBytes          *bytes;
  PopplerDocument *document;   /* the worker's once opened */
  GThreadPool     *worker;
  GMainContext    *context;
  guint            n_jobs;     /* queued or running, main context only */

  int              n_pages;
  double          *sizes;      /* width, height of each page in points */
  char           **labels;
  gboolean         has_labels;
  char            *title;
  char            *author;
};

G_DEFINE_FINAL_TYPE (FaltPdfDocument, falt_pdf_document, G_TYPE_OBJECT)

G_DEFINE_QUARK (falt-pdf-error-quark, falt_pdf_error)

typedef struct
{
  FaltPdfDocument *document;
  FaltPdfJob      *job;
} JobDone;

static gboolean
finish_job_cb (gpointer data)
{
  JobDone *done = data;

  done->document->n_jobs--;
  falt_pdf_job_finish (done->job);
  g_object_unref (done->job);
  /* The last reference to the document may go here, on the main context,
   * never on the worker (which could not wait for itself). */
  g_object_unref (done->document);
  g_free (done);
  return G_SOURCE_REMOVE;
}

/* After its first render (the first page, at full speed) the worker
 * yields the CPU to the main loop: on two cores the main thread, the worker
 * and the display server took turns, and frames waited for renders. */
static void
lower_worker_priority (void)
{
#ifdef __linux__
  static _Thread_local gboolean lowered;

  if (!lowered)
    setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), 10);
  lowered = TRUE;
#endif
}

static void
run_job_on_worker (gpointer data,
                   gpointer user_data)
{
  FaltPdfJob *job = data;
  FaltPdfDocument *self = user_data;
  JobDone *done = g_new (JobDone, 1);
  GSource *source;

  falt_pdf_job_run (job, self->document);
  if (falt_pdf_job_get_texture (job) != NULL)
    falt_startup_trace_printf ("worker: page %d rendered at %d x %d", falt_pdf_job_get_page (job) + 1,
                               gdk_texture_get_width (falt_pdf_job_get_texture (job)),
                               gdk_texture_get_height (falt_pdf_job_get_texture (job)));
  if (falt_pdf_job_get_texture (job) != NULL)
    lower_worker_priority ();

  done->document = self;
  done->job = job;
  /* Not g_main_context_invoke(): it would run the callback right here when
   * the main context is free, and the worker must never finish a job. */
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, finish_job_cb, done, NULL);
  g_source_set_static_name (source, "[falt] pdf job finished");
  g_source_attach (source, self->context);
  g_source_unref (source);
}

/* Tells apart what a user can act on: not a PDF at all, a damaged one,
 * one that wants a password. poppler's own message is English. */
static void
set_open_error (GBytes     *bytes,
                const char *password,
                GError     *poppler_error,
                GError    **error)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  if (g_error_matches (poppler_error, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
    {
      if (password != NULL && *password != '\0')
        g_set_error_literal (error, FALT_PDF_ERROR, FALT_PDF_ERROR_BAD_PASSWORD,
                             _("The password is not right."));
      else
        g_set_error_literal (error, FALT_PDF_ERROR, FALT_PDF_ERROR_ENCRYPTED,
                             _("This PDF is protected with a password."));
    }
  else if (data == NULL || g_strstr_len (data, MIN (size, 1024), "%PDF-") == NULL)
    g_set_error_literal (error, FALT_PDF_ERROR, FALT_PDF_ERROR_NOT_PDF,
                         _("This file is not a PDF."));
  else
    g_set_error_literal (error, FALT_PDF_ERROR, FALT_PDF_ERROR_DAMAGED,
                         _("This PDF is damaged and cannot be read."));
}

static void
read_layout (FaltPdfDocument *self)
{
  self->n_pages = poppler_document_get_n_pages (self->document);
  self->sizes = g_new0 (double, 2 * (gsize) MAX (self->n_pages, 1));
  self->labels = g_new0 (char *, (gsize) self->n_pages + 1);

  for (int i = 0; i < self->n_pages; i++)
    {
      PopplerPage *page = poppler_document_get_page (self->document, i);
      g_autofree char *label = NULL;

      self->sizes[2 * i] = 595;
      self->sizes[2 * i + 1] = 842;
      if (page != NULL)
        {
          poppler_page_get_size (page, &self->sizes[2 * i], &self->sizes[2 * i + 1]);
          label = poppler_page_get_label (page);
          g_object_unref (page);
        }
      /* A page of no size would divide by zero in layout. */
      self->sizes[2 * i] = MAX (self->sizes[2 * i], 1);
      self->sizes[2 * i + 1] = MAX (self->sizes[2 * i + 1], 1);

      if (label != NULL && *label != '\0' && atoi (label) != i + 1)
        self->has_labels = TRUE;
      self->labels[i] = (label != NULL && *label != '\0') ? g_steal_pointer (&label)
                                                          : g_strdup_printf ("%d", i + 1);
    }

  self->title = poppler_document_get_title (self->document);
  self->author = poppler_document_get_author (self->document);
}

/**
 * falt_pdf_document_new:
 * @bytes: the PDF file's contents
 * @password: (nullable): for an encrypted PDF
 *
 * Opens a PDF and reads its page sizes and labels. May run on any thread;
 * the document's jobs say "finished" on the thread-default main context of
 * the caller.
 *
 * Returns: (transfer full): the document, or %NULL with @error in
 *   %FALT_PDF_ERROR, translated.
 */
FaltPdfDocument *
falt_pdf_document_new (GBytes     *bytes,
                       const char *password,
                       GError    **error)
{
  g_autoptr (FaltPdfDocument) self = NULL;
  g_autoptr (GError) poppler_error = NULL;
  PopplerDocument *document;

  g_return_val_if_fail (bytes != NULL, NULL);

  if (password == NULL || *password == '\0')
    document = poppler_document_new_from_bytes (bytes, NULL, &poppler_error);
  else
    {
      /* poppler 22.12 crashes in PDFDoc's constructor when
       * new_from_bytes() is given a password; the stream path works. */
      g_autoptr (GInputStream) stream = g_memory_input_stream_new_from_bytes (bytes);

      document = poppler_document_new_from_stream (stream, (goffset) g_bytes_get_size (bytes), password,
                                                   NULL, &poppler_error);
    }
  if (document == NULL)
    {
      set_open_error (bytes, password, poppler_error, error);
      return NULL;
    }

  self = g_object_new (FALT_TYPE_PDF_DOCUMENT, NULL);
  self->bytes = g_bytes_ref (bytes);
  self->document = document;
  read_layout (self);
  /* One exclusive thread: jobs run one at a time, most urgent first. */
  self->worker = g_thread_pool_new (run_job_on_worker, self, 1, TRUE, NULL);
  g_thread_pool_set_sort_function (self->worker, falt_pdf_job_compare, NULL);

  return g_steal_pointer (&self);
}

static void
open_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GBytes *bytes = task_data;
  const char *password = g_object_get_data (G_OBJECT (task), "password");
  GError *error = NULL;
  FaltPdfDocument *document = falt_pdf_document_new (bytes, password, &error);

  if (document == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, document, g_object_unref);
}

/* `faltstod FILE.pdf`: the file is read and opened on a thread while the
 * window is being built (falt_pdf_document_preload()). Whoever opens it next
 * gets the preloaded document: falt_pdf_document_take_preloaded() for that
 * file, or falt_pdf_document_new_async() for the same bytes. One file at a
 * time; the thread fills in the result under the lock. */
typedef struct
{
  GMutex           lock;
  GFile           *file;
  GCancellable    *cancellable;
  gboolean         done;      /* under lock */
  GBytes          *bytes;     /* under lock, once done, if read */
  FaltPdfDocument *document;  /* under lock, once done, if opened */
  GPtrArray       *waiting;   /* GTask of falt_pdf_document_new_async(), main context only */
} Preload;

static Preload *preload;  /* main context only */

static void
preload_clear (Preload *self)
{
  g_clear_object (&self->file);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_object (&self->document);
  g_clear_pointer (&self->waiting, g_ptr_array_unref);
  g_mutex_clear (&self->lock);
}

static void
preload_unref (Preload *self)
{
  g_atomic_rc_box_release_full (self, (GDestroyNotify) preload_clear);
}

static gboolean
preload_is_done (Preload *self)
{
  gboolean done;

  g_mutex_lock (&self->lock);
  done = self->done;
  g_mutex_unlock (&self->lock);
  return done;
}

/* Requests still waiting open the bytes they were given. */
static void
drop_preload (void)
{
  Preload *self = g_steal_pointer (&preload);

  if (self == NULL)
    return;
  for (guint i = 0; i < self->waiting->len; i++)
    g_task_run_in_thread (g_ptr_array_index (self->waiting, i), open_in_thread);
  g_ptr_array_set_size (self->waiting, 0);
  g_cancellable_cancel (self->cancellable);
  preload_unref (self);
}

/* The preloaded document, if @file's or @bytes' and opened by now. */
static FaltPdfDocument *
take_preloaded (GFile  *file,
                GBytes *bytes,
                GBytes **bytes_out)
{
  FaltPdfDocument *document = NULL;

  if (preload == NULL)
    return NULL;

  g_mutex_lock (&preload->lock);
  if (preload->done && preload->document != NULL
      && (file != NULL ? g_file_equal (file, preload->file) : g_bytes_equal (bytes, preload->bytes)))
    {
      document = g_steal_pointer (&preload->document);
      if (bytes_out != NULL)
        *bytes_out = g_bytes_ref (preload->bytes);
    }
  g_mutex_unlock (&preload->lock);
  falt_startup_trace (document != NULL ? "preloaded pdf taken" : "preloaded pdf not ready");

  if (document != NULL)
    {
      /* Opened on another thread: jobs come back here. */
      g_main_context_unref (document->context);
      document->context = g_main_context_ref_thread_default ();
      drop_preload ();
    }
  return document;
}

static void
answer_request (GTask *task)
{
  FaltPdfDocument *document = NULL;

  if (g_object_get_data (G_OBJECT (task), "password") == NULL)
    document = take_preloaded (NULL, g_task_get_task_data (task), NULL);
  if (document != NULL)
    g_task_return_pointer (task, document, g_object_unref);
  else
    g_task_run_in_thread (task, open_in_thread);
}

static void
preload_in_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  Preload *self = task_data;
  /* Not g_file_load_bytes(): a FIFO would block this thread for ever, and every
   * PDF opened meanwhile waits for the preload; /dev/zero would fill the memory. */
  g_autoptr (GBytes) bytes = falt_pdf_file_load (self->file, cancellable, NULL);
  FaltPdfDocument *document;

  falt_startup_trace ("preload: pdf read");
  document = bytes != NULL ? falt_pdf_document_new (bytes, NULL, NULL) : NULL;
  falt_startup_trace ("preload: pdf opened");

  g_mutex_lock (&self->lock);
  self->bytes = g_steal_pointer (&bytes);
  self->document = document;
  self->done = TRUE;
  g_mutex_unlock (&self->lock);
  g_task_return_boolean (task, TRUE);
}

static void
on_preloaded_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Preload *self = g_task_get_task_data (G_TASK (result));
  g_autoptr (GPtrArray) waiting = NULL;

  /* Already taken, or dropped for another file. */
  if (self != preload)
    return;

  waiting = g_steal_pointer (&self->waiting);
  self->waiting = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < waiting->len; i++)
    answer_request (g_ptr_array_index (waiting, i));
  /* Nobody asked for it yet: it waits for whoever opens the file. */
}

/**
 * falt_pdf_document_preload:
 * @file: (nullable): a PDF about to be shown, or %NULL to forget the one
 *   preloaded
 *
 * Reads and opens @file on a thread, so that showing it needs no more time:
 * see falt_pdf_document_take_preloaded().
 */
void
falt_pdf_document_preload (GFile *file)
{
  g_autoptr (GTask) task = NULL;

  drop_preload ();
  if (file == NULL)
    return;

  preload = g_atomic_rc_box_new0 (Preload);
  g_mutex_init (&preload->lock);
  preload->file = g_object_ref (file);
  preload->cancellable = g_cancellable_new ();
  preload->waiting = g_ptr_array_new_with_free_func (g_object_unref);
  task = g_task_new (NULL, preload->cancellable, on_preloaded_cb, NULL);
  g_task_set_source_tag (task, falt_pdf_document_preload);
  g_task_set_task_data (task, g_atomic_rc_box_acquire (preload), (GDestroyNotify) preload_unref);
  g_task_run_in_thread (task, preload_in_thread);
}

/**
 * falt_pdf_document_take_preloaded:
 * @file: a PDF about to be shown
 * @bytes: (out) (transfer full) (optional): its contents
 *
 * Returns: (transfer full) (nullable): @file opened by
 *   falt_pdf_document_preload(), if it is open by now
 */
FaltPdfDocument *
falt_pdf_document_take_preloaded (GFile   *file,
                                  GBytes **bytes)
{
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  return take_preloaded (file, NULL, bytes);
}

/**
 * falt_pdf_document_new_async:
 *
 * Opens a PDF on a thread of its own, as falt_pdf_document_new() does.
 */
void
falt_pdf_document_new_async (GBytes              *bytes,
                             const char          *password,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, falt_pdf_document_new_async);
  g_task_set_task_data (task, g_bytes_ref (bytes), (GDestroyNotify) g_bytes_unref);
  g_object_set_data_full (G_OBJECT (task), "password", g_strdup (password), g_free);
  /* Answered once the preload is done: its callback comes after. */
  if (preload != NULL && !preload_is_done (preload))
    {
      g_ptr_array_add (preload->waiting, g_steal_pointer (&task));
      return;
    }
  answer_request (task);
}

FaltPdfDocument *
falt_pdf_document_new_finish (GAsyncResult  *result,
                              GError       **error)
{
  FaltPdfDocument *self;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  self = g_task_propagate_pointer (G_TASK (result), error);
  if (self != NULL)
    {
      /* Opened on another thread: jobs come back here. */
      g_main_context_unref (self->context);
      self->context = g_main_context_ref_thread_default ();
    }
  return self;
}

/**
 * falt_pdf_document_run:
 * @job: a new job
 *
 * Queues @job on the worker. It says "finished" on the main context, unless
 * it is cancelled first; either way the document lets go of it.
 */
void
falt_pdf_document_run (FaltPdfDocument *self,
                       FaltPdfJob      *job)
{
  g_return_if_fail (FALT_IS_PDF_DOCUMENT (self));
  g_return_if_fail (FALT_IS_PDF_JOB (job));
  g_return_if_fail (falt_pdf_job_get_page (job) >= 0 && falt_pdf_job_get_page (job) < self->n_pages);

  self->n_jobs++;
  /* Both references go in finish_job_cb(). */
  g_object_ref (self);
  g_thread_pool_push (self->worker, g_object_ref (job), NULL);
}

/**
 * falt_pdf_document_get_n_jobs:
 *
 * Returns: how many jobs are queued or running, cancelled ones included
 */
guint
falt_pdf_document_get_n_jobs (FaltPdfDocument *self)
{
  g_return_val_if_fail (FALT_IS_PDF_DOCUMENT (self), 0);

  return self->n_jobs;
}

GBytes *
falt_pdf_document_get_bytes (FaltPdfDocument *self)
{
  g_return_val_if_fail (FALT_IS_PDF_DOCUMENT (self), NULL);

  return self->bytes;
}

int
falt_pdf_document_get_n_pages (FaltPdfDocument *self)
{
  g_return_val_if_fail (FALT_IS_PDF_DOCUMENT (self), 0);

  return self->n_pages;
}

/**
 * falt_pdf_document_get_page_size:
 * @page: counting from 0
 *
 * The page's size in points, as read when the document opened.
 */
void
falt_pdf_document_get_page_size (FaltPdfDocument *self,
                                 int              page,
                                 double          *width,
                                 double          *height)
{
  g_return_if_fail (FALT_IS_PDF_DOCUMENT (self));
  g_return_if_fail (page >= 0 && page < self->n_pages);

  *width = self->sizes[2 * page];
  *height = self->sizes[2 * page + 1];
}

/**
 * falt_pdf_document_get_page_label:
 * @page: counting from 0
 *
 * Returns: the page's label in the PDF (“iv”, “91”), or its number from 1
 */
const char *
falt_pdf_document_get_page_label (FaltPdfDocument *self,
                                  int              page)
{
  g_return_val_if_fail (FALT_IS_PDF_DOCUMENT (self), NULL);
  g_return_val_if_fail (page >= 0 && page < self->n_pages, NULL);

  return self->labels[page];
}

/**
 * falt_pdf_document_has_page_labels:
 *
 * Returns: whether some page's label is not its number
 */
gboolean
falt_pdf_document_has_page_labels (FaltPdfDocument *self)
{
  g_return_val_if_fail (FALT_IS_PDF_DOCUMENT (self), FALSE);

  return self->has_labels;
}

/**
 * falt_pdf_document_find_page:
 * @label: what a user typed: a page label, or else a page number from 1
 *
 * Returns: the page, counting from 0, or -1
 */
int
falt_pdf_document_find_page (FaltPdfDocument *self,
                             const char      *label)
{
  g_autofree char *wanted = NULL;
  guint64 number;

  g_return_val_if_fail (FALT_IS_PDF_DOCUMENT (self), -1);

  wanted = g_strstrip (g_strdup (label));
  for (int i = 0; i < self->n_pages; i++)
    if (g_utf8_collate (self->labels[i], wanted) == 0)
      return i;

  if (g_ascii_string_to_unsigned (wanted, 10, 1, (guint64) MAX (self->n_pages, 1), &number, NULL))
    return (int) number - 1;
  return -1;
}

const char *
falt_pdf_document_get_title (FaltPdfDocument *self)
{
  g_return_val_if_fail (FALT_IS_PDF_DOCUMENT (self), NULL);

  return self->title;
}

const char *
falt_pdf_document_get_author (FaltPdfDocument *self)
{
  g_return_val_if_fail (FALT_IS_PDF_DOCUMENT (self), NULL);

  return self->author;
}

static void
falt_pdf_document_finalize (GObject *object)
{
  FaltPdfDocument *self = FALT_PDF_DOCUMENT (object);

  /* No job holds the document any more, so the worker is idle: wait for
   * its thread to end before the PopplerDocument goes. */
  if (self->worker != NULL)
    g_thread_pool_free (self->worker, FALSE, TRUE);
  g_clear_object (&self->document);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_pointer (&self->sizes, g_free);
  g_clear_pointer (&self->labels, g_strfreev);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->author, g_free);
  g_clear_pointer (&self->context, g_main_context_unref);

  G_OBJECT_CLASS (falt_pdf_document_parent_class)->finalize (object);
}

static void
falt_pdf_document_class_init (FaltPdfDocumentClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = falt_pdf_document_finalize;
}

static void
falt_pdf_document_init (FaltPdfDocument *self)
{
  self->context = g_main_context_ref_thread_default ();
}

