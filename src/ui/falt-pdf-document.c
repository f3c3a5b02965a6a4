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

/* After its first job (the first page, at full speed) the worker yields
 * the CPU to the main loop: on two cores the main thread, the worker and
 * the display server took turns, and frames waited for renders. */
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
  g_task_run_in_thread (task, open_in_thread);
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
