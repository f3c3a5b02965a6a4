/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-window-files"

#include <glib/gi18n.h>

#include "falt-window-files.h"

/* PDFs from disk: Open File… and dropping a file on the window. They are
 * shown in the document page, never imported into the library. */

static GtkFileFilter *
pdf_filter_new (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_suffix (filter, "pdf");
  return filter;
}

#if GTK_CHECK_VERSION (4, 10, 0)
static void
on_open_dialog_done_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr (FaltWindow) window = user_data;
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  g_autoptr (GFile) file = gtk_file_dialog_open_finish (GTK_FILE_DIALOG (source), result, NULL);
  G_GNUC_END_IGNORE_DEPRECATIONS

  if (file != NULL)
    falt_window_open_file (window, file);
}
#else
static void
on_open_chooser_response_cb (GtkNativeDialog *chooser,
                             int              response,
                             gpointer         user_data)
{
  g_autoptr (FaltWindow) window = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        falt_window_open_file (window, file);
    }
  g_object_unref (chooser);
}
#endif

/* Open File…: GtkFileChooserNative on GTK 4.8, GtkFileDialog from 4.10. */
void
falt_window_files_choose (FaltWindow *window)
{
  g_autoptr (GtkFileFilter) filter = pdf_filter_new ();

#if GTK_CHECK_VERSION (4, 10, 0)
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  {
    g_autoptr (GtkFileDialog) dialog = gtk_file_dialog_new ();
    g_autoptr (GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);

    g_list_store_append (filters, filter);
    gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
    gtk_file_dialog_set_title (dialog, _("Open File"));
    gtk_file_dialog_open (dialog, GTK_WINDOW (window), NULL, on_open_dialog_done_cb, g_object_ref (window));
  }
  G_GNUC_END_IGNORE_DEPRECATIONS
#else
  {
    GtkFileChooserNative *chooser = gtk_file_chooser_native_new (_("Open File"), GTK_WINDOW (window),
                                                                 GTK_FILE_CHOOSER_ACTION_OPEN,
                                                                 _("_Open"), _("_Cancel"));

    gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
    g_signal_connect (chooser, "response", G_CALLBACK (on_open_chooser_response_cb), g_object_ref (window));
    gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
  }
#endif
}

static gboolean
on_drop_cb (GtkDropTarget *target,
            const GValue  *value,
            double         x,
            double         y,
            FaltWindow    *window)
{
  GSList *files = g_value_get_boxed (value);

  if (files == NULL)
    return FALSE;

  falt_window_open_file (window, files->data);
  return TRUE;
}

void
falt_window_files_add_drop_target (FaltWindow *window)
{
  GtkDropTarget *target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  g_signal_connect (target, "drop", G_CALLBACK (on_drop_cb), window);
  gtk_widget_add_controller (GTK_WIDGET (window), GTK_EVENT_CONTROLLER (target));
}
