/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-document-page"

#include <glib/gi18n.h>

#include "falt-document-page-private.h"
#include "falt-pdf-file.h"

/* The PDF of a document page: opening it off the main loop, its errors and
 * password, find, Save a Copy and Open With…. */

/* A PDF that cannot be shown keeps its bytes: a password may open it, and
 * Save a Copy still works. The message is ours, translated, never poppler's. */
static void
show_pdf_error (FaltDocumentPage *self,
                const GError     *error)
{
  gboolean locked = g_error_matches (error, FALT_PDF_ERROR, FALT_PDF_ERROR_ENCRYPTED)
                    || g_error_matches (error, FALT_PDF_ERROR, FALT_PDF_ERROR_BAD_PASSWORD);

  if (locked)
    falt_document_page_show_error_page (self, "dialog-password-symbolic", _("This PDF Is Locked"), error->message);
  else
    falt_document_page_show_error_page (self, "dialog-error-symbolic", _("The Document Could Not Be Shown"), error->message);
  gtk_widget_set_visible (self->password_box, locked);
  if (locked)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->password_entry), "");
      gtk_widget_grab_focus (GTK_WIDGET (self->password_entry));
    }
}

/* What a search hit asked to find, now that the PDF is shown. */
static void
find_pending (FaltDocumentPage *self)
{
  if (self->find_words != NULL)
    falt_pdf_view_find_words (self->pdf_view, self->find_text != NULL ? self->find_text : "",
                              (const char * const *) self->find_words);
  else if (self->find_text != NULL)
    falt_pdf_view_find (self->pdf_view, self->find_text);
  g_clear_pointer (&self->find_text, g_free);
  g_clear_pointer (&self->find_words, g_strfreev);
}

static void
show_opened_pdf (FaltDocumentPage *self,
                 FaltPdfDocument  *document)
{
  gtk_widget_set_visible (self->password_box, FALSE);
  falt_pdf_view_set_document (self->pdf_view, document);
  if (self->pdf_page > 1)
    falt_pdf_view_scroll_to_page (self->pdf_view, self->pdf_page);
  self->pdf_shown = TRUE;
  gtk_stack_set_visible_child_name (self->view_stack, "pdf");
  gtk_widget_set_visible (self->pdf_controls, TRUE);
  gtk_widget_set_visible (self->zoom_box, TRUE);
  find_pending (self);
}

static void
on_pdf_opened_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (FaltDocumentPage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (FaltPdfDocument) document = falt_pdf_document_new_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->pdf_opening);

  if (document == NULL)
    {
      show_pdf_error (self, error);
      return;
    }
  show_opened_pdf (self, document);
}

/**
 * falt_document_page_find_when_open:
 * @text: (nullable): words to find in the PDF being opened
 *
 * Opens the find bar with @text once the PDF opening now is shown.
 */
void
falt_document_page_find_when_open (FaltDocumentPage *self,
                                   const char       *text)
{
  g_return_if_fail (FALT_IS_DOCUMENT_PAGE (self));

  falt_document_page_cancel_forms_lookup (self);
  falt_document_page_find_words_when_open (self, text, NULL);
}

/* @words (nullable): whole words to find instead of @text, which the find
 * bar shows; so a search hit shows where its words are on the page. */
void
falt_document_page_find_words_when_open (FaltDocumentPage   *self,
                                         const char         *text,
                                         const char * const *words)
{
  g_free (self->find_text);
  self->find_text = text != NULL && *text != '\0' ? g_strdup (text) : NULL;
  g_strfreev (self->find_words);
  self->find_words = words != NULL && words[0] != NULL ? g_strdupv ((char **) words) : NULL;
  if (self->pdf_shown && self->pdf_opening == NULL)
    find_pending (self);
}

/* A search hit's words still being looked up are not wanted any more. */
void
falt_document_page_cancel_forms_lookup (FaltDocumentPage *self)
{
  g_cancellable_cancel (self->forms_lookup);
  g_clear_object (&self->forms_lookup);
}

/* Drops the PDF shown and whatever was opening, so a PDF that finishes
 * opening late cannot take the place of what is shown next. */
void
falt_document_page_stop_pdf (FaltDocumentPage *self)
{
  g_clear_pointer (&self->find_text, g_free);
  g_clear_pointer (&self->find_words, g_strfreev);
  falt_document_page_cancel_forms_lookup (self);
  g_cancellable_cancel (self->pdf_opening);
  g_clear_object (&self->pdf_opening);
  self->pdf_shown = FALSE;
  falt_pdf_view_set_document (self->pdf_view, NULL);
}

/* Another PDF is coming. */
static void
begin_opening (FaltDocumentPage *self)
{
  falt_document_page_stop_pdf (self);
  self->pdf_opening = g_cancellable_new ();
  gtk_stack_set_visible_child_name (self->view_stack, "pdf");
}

/* A PDF from the library is being read while self->pdf is empty. */
static gboolean
has_pdf_bytes (FaltDocumentPage *self)
{
  return self->pdf != NULL && g_bytes_get_size (self->pdf) > 0;
}

/* Opens self->pdf on a worker thread; the view shows it once open. */
static void
open_pdf_bytes (FaltDocumentPage *self,
                const char       *password)
{
  begin_opening (self);
  falt_pdf_document_new_async (self->pdf, password, self->pdf_opening, on_pdf_opened_cb, g_object_ref (self));
}

/* The library's PDF, read off the main loop: opened as it comes, unless another document
 * was asked for first (which cancelled the read). */
static void
on_pdf_read_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (FaltDocumentPage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = falt_store_get_pdf_finish (FALT_STORE (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->pdf_opening == NULL)
    return;
  if (bytes == NULL)
    {
      g_clear_object (&self->pdf_opening);
      falt_document_page_show_error_page (self, "dialog-error-symbolic", _("The Document Could Not Be Shown"),
                                          error->message);
      gtk_widget_set_visible (self->save_button, FALSE);
      return;
    }
  g_clear_pointer (&self->pdf, g_bytes_unref);
  self->pdf = g_steal_pointer (&bytes);
  falt_pdf_document_new_async (self->pdf, NULL, self->pdf_opening, on_pdf_opened_cb, g_object_ref (self));
}

/* Starts showing the document's PDF: its bytes are read and opened in worker threads, and
 * an error shows on the page itself. */
gboolean
falt_document_page_show_pdf (FaltDocumentPage *self,
                             int               page,
                             int              *shown_page,
                             GError          **error)
{
  const char *id = falt_document_get_id (self->document);
  const char *lang = falt_document_get_lang (self->document);

  /* Empty until the bytes are read: the rest of the page knows a PDF by its bytes. */
  g_clear_pointer (&self->pdf, g_bytes_unref);
  self->pdf = g_bytes_new (NULL, 0);
  if (page <= 0)
    page = MAX (falt_store_get_reading_position (self->store, id, lang), 1);
  self->pdf_page = page;
  *shown_page = page;
  begin_opening (self);
  falt_store_get_pdf_async (self->store, id, lang, self->pdf_opening, on_pdf_read_cb, g_object_ref (self));
  return TRUE;
}

static void
on_file_loaded_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr (FaltDocumentPage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = falt_pdf_file_load_finish (G_FILE (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->file != G_FILE (source))
    return;

  if (bytes == NULL)
    {
      falt_document_page_show_error_page (self, "dialog-error-symbolic", _("The Document Could Not Be Shown"),
                                          error->message);
      /* Nothing was read, so there is nothing to save a copy of. */
      gtk_widget_set_visible (self->save_button, FALSE);
      return;
    }

  self->pdf = g_steal_pointer (&bytes);
  open_pdf_bytes (self, NULL);
}

static void
unlock_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  FaltDocumentPage *self = FALT_DOCUMENT_PAGE (widget);

  if (has_pdf_bytes (self))
    open_pdf_bytes (self, gtk_editable_get_text (GTK_EDITABLE (self->password_entry)));
}

static void
on_password_activate_cb (GtkPasswordEntry *entry,
                         FaltDocumentPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "document.unlock", NULL);
}

/**
 * falt_document_page_find:
 *
 * Opens the find bar of the PDF shown.
 *
 * Returns: %FALSE when no PDF is shown
 */
gboolean
falt_document_page_find (FaltDocumentPage *self)
{
  g_return_val_if_fail (FALT_IS_DOCUMENT_PAGE (self), FALSE);

  if (!self->pdf_shown || falt_pdf_view_get_document (self->pdf_view) == NULL)
    return FALSE;
  gtk_widget_activate_action (GTK_WIDGET (self->pdf_view), "pdf.find", NULL);
  return TRUE;
}

static void
on_copy_saved_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (FaltDocumentPage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;

  if (g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    message = g_strdup (_("Copy saved"));
  else
    message = g_strdup_printf (_("The copy could not be saved: %s"), error->message);

  gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", message);
}

/* The PDF's name as a file: its own, or the document's title. */
static char *
pdf_file_name (FaltDocumentPage *self)
{
  char *name;

  /* Its display name: the save chooser shows it, which needs UTF-8. */
  if (self->file != NULL)
    return g_strdup (self->file_name);

  name = g_strdup_printf ("%s.pdf", falt_document_get_title (self->document));
  return g_strdelimit (name, "/\\:", '-');
}

static void
save_pdf_to (FaltDocumentPage *self,
             GFile            *file)
{
  g_file_replace_contents_bytes_async (file, self->pdf, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                       NULL, on_copy_saved_cb, g_object_ref (self));
}

#if GTK_CHECK_VERSION (4, 10, 0)
static void
on_save_dialog_done_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr (FaltDocumentPage) self = user_data;
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  g_autoptr (GFile) file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (source), result, NULL);
  G_GNUC_END_IGNORE_DEPRECATIONS

  if (file != NULL)
    save_pdf_to (self, file);
}
#else
static void
on_save_chooser_response_cb (GtkNativeDialog *chooser,
                             int              response,
                             gpointer         user_data)
{
  g_autoptr (FaltDocumentPage) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      save_pdf_to (self, file);
    }
  g_object_unref (chooser);
}
#endif

static void
save_copy_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  FaltDocumentPage *self = FALT_DOCUMENT_PAGE (widget);
  GtkWindow *window = GTK_WINDOW (gtk_widget_get_root (widget));
  g_autofree char *name = NULL;

  if (!has_pdf_bytes (self))
    return;

  name = pdf_file_name (self);
#if GTK_CHECK_VERSION (4, 10, 0)
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  {
    g_autoptr (GtkFileDialog) dialog = gtk_file_dialog_new ();

    gtk_file_dialog_set_initial_name (dialog, name);
    gtk_file_dialog_save (dialog, window, NULL, on_save_dialog_done_cb, g_object_ref (self));
  }
  G_GNUC_END_IGNORE_DEPRECATIONS
#else
  {
    GtkFileChooserNative *chooser = gtk_file_chooser_native_new (_("Save a Copy"), window,
                                                                 GTK_FILE_CHOOSER_ACTION_SAVE,
                                                                 _("_Save"), _("_Cancel"));

    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
    g_signal_connect (chooser, "response", G_CALLBACK (on_save_chooser_response_cb), g_object_ref (self));
    gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
  }
#endif
}

static void
on_app_chosen_cb (GtkDialog *dialog,
                  int        response,
                  gpointer   user_data)
{
  g_autoptr (GFile) file = user_data;
  g_autoptr (GAppInfo) app = NULL;
  g_autoptr (GError) error = NULL;
  GList files = { file, NULL, NULL };

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (response == GTK_RESPONSE_OK)
    app = gtk_app_chooser_get_app_info (GTK_APP_CHOOSER (dialog));
  G_GNUC_END_IGNORE_DEPRECATIONS
  if (app != NULL)
    {
      g_autoptr (GdkAppLaunchContext) context = gdk_display_get_app_launch_context (gtk_widget_get_display (GTK_WIDGET (dialog)));

      if (!g_app_info_launch (app, &files, G_APP_LAUNCH_CONTEXT (context), &error))
        {
          g_autofree char *message = g_strdup_printf (_("The document could not be opened: %s"), error->message);
          GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (dialog));

          if (parent != NULL)
            gtk_widget_activate_action (GTK_WIDGET (parent), "win.toast", "s", message);
        }
    }
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* GTK 4.8 has no GtkFileLauncher: the app chooser, then a GIO launch. */
static void
choose_app_for (FaltDocumentPage *self,
                GFile            *file)
{
  GtkWidget *dialog;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  dialog = gtk_app_chooser_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                       GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT, file);
  /* The reader's own PDF viewer first, chosen already. */
  gtk_app_chooser_widget_set_show_default (GTK_APP_CHOOSER_WIDGET (gtk_app_chooser_dialog_get_widget (GTK_APP_CHOOSER_DIALOG (dialog))),
                                           TRUE);
  G_GNUC_END_IGNORE_DEPRECATIONS
  g_signal_connect (dialog, "response", G_CALLBACK (on_app_chosen_cb), g_object_ref (file));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_copy_for_app_saved_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr (FaltDocumentPage) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The document could not be opened: %s"), error->message);

      gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", message);
      return;
    }
  choose_app_for (self, G_FILE (source));
}

/* Open With…: a file from disk as it is; one from the library as a copy in
 * the cache folder, since another app needs a file. */
static void
open_with_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  FaltDocumentPage *self = FALT_DOCUMENT_PAGE (widget);
  g_autofree char *dir = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autoptr (GFile) copy = NULL;

  if (self->file != NULL)
    {
      choose_app_for (self, self->file);
      return;
    }
  if (!has_pdf_bytes (self) || self->document == NULL)
    return;

  dir = g_build_filename (g_get_user_cache_dir (), "faltstod", "open-with", NULL);
  g_mkdir_with_parents (dir, 0700);
  name = pdf_file_name (self);
  path = g_build_filename (dir, name, NULL);
  copy = g_file_new_for_path (path);
  g_file_replace_contents_bytes_async (copy, self->pdf, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                       NULL, on_copy_for_app_saved_cb, g_object_ref (self));
}

/* A PDF from disk: read off the main loop, then opened as one from the
 * library — unless `faltstod FILE.pdf` opened it while the window was
 * built. */
void
falt_document_page_load_file (FaltDocumentPage *self,
                              GFile            *file)
{
  g_autoptr (FaltPdfDocument) preloaded = NULL;

  begin_opening (self);
  preloaded = falt_pdf_document_take_preloaded (file, &self->pdf);
  if (preloaded != NULL)
    {
      g_clear_object (&self->pdf_opening);
      show_opened_pdf (self, preloaded);
      return;
    }
  /* Not g_file_load_bytes_async(): a FIFO, a device or a huge file must not
   * block or fill a thread (falt-pdf-file.c). */
  falt_pdf_file_load_async (file, self->pdf_opening, on_file_loaded_cb, g_object_ref (self));
}

void
falt_document_page_install_pdf_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_password_activate_cb);
  gtk_widget_class_install_action (widget_class, "document.unlock", NULL, unlock_action);
  gtk_widget_class_install_action (widget_class, "document.open-with", NULL, open_with_action);
  gtk_widget_class_install_action (widget_class, "document.save-copy", NULL, save_copy_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "document.save-copy", NULL);
}
