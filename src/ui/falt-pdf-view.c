/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-pdf-view"

#include <glib/gi18n.h>

#include "falt-pdf-canvas.h"
#include "falt-pdf-find-bar.h"
#include "falt-pdf-print.h"
#include "falt-pdf-selection.h"
#include "falt-pdf-view-private.h"

/* A continuous, zoomable PDF view: the canvas of pages in a scrolled
 * window, and the "pdf" actions that drive it (zoom, fit, go to page),
 * which the document page's toolbar shares. */

#define ZOOM_STEP 1.2

struct _FaltPdfView
{
  AdwBin              parent_instance;

  FaltPdfCanvas      *canvas;
  GtkWidget          *scrolled;
  GtkRevealer        *find_revealer;
  FaltPdfFindBar     *find_bar;
  FaltPdfFind        *find;
  FaltPdfSelection   *selection;
  GSimpleActionGroup *actions;

  /* Presenting: one page at a time, fitted; how it was before. */
  gboolean            presenting;
  FaltPdfFitMode      fit_before;
  double              zoom_before;
  int                 page_before;
};

G_DEFINE_FINAL_TYPE (FaltPdfView, falt_pdf_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_ZOOM,
  PROP_CURRENT_PAGE,
  PROP_DOCUMENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_action_enabled (FaltPdfView *self,
                    const char  *name,
                    gboolean     enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), name);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

static void
update_actions (FaltPdfView *self)
{
  FaltPdfDocument *document = falt_pdf_canvas_get_document (self->canvas);
  gboolean loaded = document != NULL;
  double zoom = falt_pdf_canvas_get_zoom (self->canvas);
  int page = falt_pdf_canvas_get_current_page (self->canvas);
  int n_pages = loaded ? falt_pdf_document_get_n_pages (document) : 0;
  static const char *const document_actions[] = {
    "zoom-reset", "fit-width", "fit-page", "go-to-page", "find", "select-all", "copy",
    "print", "properties",
  };
  gboolean has_hits = self->find != NULL && falt_pdf_find_get_n_hits (self->find) > 0;

  for (guint i = 0; i < G_N_ELEMENTS (document_actions); i++)
    set_action_enabled (self, document_actions[i], loaded);
  set_action_enabled (self, "zoom-in", loaded && zoom < FALT_PDF_ZOOM_MAX);
  set_action_enabled (self, "zoom-out", loaded && zoom > FALT_PDF_ZOOM_MIN);
  set_action_enabled (self, "previous-page", loaded && page > 0);
  set_action_enabled (self, "next-page", loaded && page + 1 < n_pages);
  set_action_enabled (self, "find-next", has_hits);
  set_action_enabled (self, "find-previous", has_hits);
}

/**
 * falt_pdf_view_set_document:
 * @document: (nullable): the document to show from its first page
 */
void
falt_pdf_view_set_document (FaltPdfView     *self,
                            FaltPdfDocument *document)
{
  g_return_if_fail (FALT_IS_PDF_VIEW (self));

  falt_pdf_find_stop (self->find);
  falt_pdf_selection_clear (self->selection);
  gtk_revealer_set_reveal_child (self->find_revealer, FALSE);
  falt_pdf_canvas_set_document (self->canvas, document);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

FaltPdfDocument *
falt_pdf_view_get_document (FaltPdfView *self)
{
  g_return_val_if_fail (FALT_IS_PDF_VIEW (self), NULL);

  return falt_pdf_canvas_get_document (self->canvas);
}

/**
 * falt_pdf_view_load_bytes:
 * @bytes: the PDF file's contents
 *
 * Opens and shows the PDF in @bytes from its first page, on this thread (it
 * reads every page's size: for big files use falt_pdf_document_new_async()
 * and falt_pdf_view_set_document()).
 *
 * Returns: %FALSE with @error in %FALT_PDF_ERROR when the PDF cannot be
 *   read; the PDF shown before stays.
 */
gboolean
falt_pdf_view_load_bytes (FaltPdfView *self,
                          GBytes      *bytes,
                          GError     **error)
{
  g_autoptr (FaltPdfDocument) document = NULL;

  g_return_val_if_fail (FALT_IS_PDF_VIEW (self), FALSE);

  document = falt_pdf_document_new (bytes, NULL, error);
  if (document == NULL)
    return FALSE;

  falt_pdf_view_set_document (self, document);
  return TRUE;
}

/**
 * falt_pdf_view_get_actions:
 *
 * Returns: (transfer none): the "pdf" actions, for a toolbar outside the view
 */
GActionGroup *
falt_pdf_view_get_actions (FaltPdfView *self)
{
  g_return_val_if_fail (FALT_IS_PDF_VIEW (self), NULL);

  return G_ACTION_GROUP (self->actions);
}

FaltPdfCanvas *
falt_pdf_view_get_canvas (FaltPdfView *self)
{
  g_return_val_if_fail (FALT_IS_PDF_VIEW (self), NULL);

  return self->canvas;
}

int
falt_pdf_view_get_n_pages (FaltPdfView *self)
{
  FaltPdfDocument *document;

  g_return_val_if_fail (FALT_IS_PDF_VIEW (self), 0);

  document = falt_pdf_canvas_get_document (self->canvas);
  return document != NULL ? falt_pdf_document_get_n_pages (document) : 0;
}

/**
 * falt_pdf_view_scroll_to_page:
 * @page: a page number, counting from 1
 *
 * Brings @page into view, now or once the view is laid out.
 */
void
falt_pdf_view_scroll_to_page (FaltPdfView *self,
                              int          page)
{
  g_return_if_fail (FALT_IS_PDF_VIEW (self));

  falt_pdf_canvas_scroll_to_page (self->canvas, page - 1);
}

/**
 * falt_pdf_view_get_current_page:
 *
 * Returns: the page a third down the view, counting from 1; 0 when nothing
 *   is loaded
 */
int
falt_pdf_view_get_current_page (FaltPdfView *self)
{
  g_return_val_if_fail (FALT_IS_PDF_VIEW (self), 0);

  return falt_pdf_canvas_get_current_page (self->canvas) + 1;
}

double
falt_pdf_view_get_zoom (FaltPdfView *self)
{
  g_return_val_if_fail (FALT_IS_PDF_VIEW (self), 1.0);

  return falt_pdf_canvas_get_zoom (self->canvas);
}

void
falt_pdf_view_set_zoom (FaltPdfView *self,
                        double       zoom)
{
  g_return_if_fail (FALT_IS_PDF_VIEW (self));

  falt_pdf_canvas_set_zoom (self->canvas, zoom);
}

/**
 * falt_pdf_view_set_presenting:
 * @presenting: whether to present
 *
 * Presentation mode: the page shown fitted whole into the view, the find
 * bar hidden; leaving it, the zoom and the page are back as they were.
 */
void
falt_pdf_view_set_presenting (FaltPdfView *self,
                              gboolean     presenting)
{
  g_return_if_fail (FALT_IS_PDF_VIEW (self));

  if (self->presenting == !!presenting)
    return;
  self->presenting = !!presenting;
  gtk_widget_set_visible (GTK_WIDGET (self->find_revealer), !presenting);
  if (presenting)
    {
      self->fit_before = falt_pdf_canvas_get_fit_mode (self->canvas);
      self->zoom_before = falt_pdf_canvas_get_zoom (self->canvas);
      self->page_before = falt_pdf_view_get_current_page (self);
      falt_pdf_canvas_set_fit_mode (self->canvas, FALT_PDF_FIT_PAGE);
      falt_pdf_view_scroll_to_page (self, self->page_before);
      return;
    }

  if (self->fit_before == FALT_PDF_FIT_NONE)
    falt_pdf_canvas_set_zoom (self->canvas, self->zoom_before);
  else
    falt_pdf_canvas_set_fit_mode (self->canvas, self->fit_before);
  falt_pdf_view_scroll_to_page (self, self->page_before);
}

static void
zoom_in_cb (GSimpleAction *action,
            GVariant      *parameter,
            gpointer       user_data)
{
  FaltPdfView *self = user_data;

  falt_pdf_view_set_zoom (self, falt_pdf_view_get_zoom (self) * ZOOM_STEP);
}

static void
zoom_out_cb (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  FaltPdfView *self = user_data;

  falt_pdf_view_set_zoom (self, falt_pdf_view_get_zoom (self) / ZOOM_STEP);
}

static void
zoom_reset_cb (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  falt_pdf_view_set_zoom (user_data, 1.0);
}

static void
set_zoom_cb (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  falt_pdf_view_set_zoom (user_data, g_variant_get_double (parameter));
}

static void
fit_width_cb (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  FaltPdfView *self = user_data;

  falt_pdf_canvas_set_fit_mode (self->canvas, FALT_PDF_FIT_WIDTH);
}

static void
fit_page_cb (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  FaltPdfView *self = user_data;

  falt_pdf_canvas_set_fit_mode (self->canvas, FALT_PDF_FIT_PAGE);
}

/* The parameter is what the user typed: a page label, or a number. */
static void
go_to_page_cb (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  FaltPdfView *self = user_data;
  FaltPdfDocument *document = falt_pdf_canvas_get_document (self->canvas);
  int page;

  if (document == NULL)
    return;

  page = falt_pdf_document_find_page (document, g_variant_get_string (parameter, NULL));
  if (page >= 0)
    falt_pdf_canvas_scroll_to_page (self->canvas, page);
  else
    gtk_widget_error_bell (GTK_WIDGET (self));
}

static void
step_page_cb (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  FaltPdfView *self = user_data;
  int step = g_str_equal (g_action_get_name (G_ACTION (action)), "next-page") ? 1 : -1;

  falt_pdf_canvas_scroll_to_page (self->canvas, falt_pdf_canvas_get_current_page (self->canvas) + step);
}

/**
 * falt_pdf_view_find:
 * @text: what to find in the document
 *
 * Opens the find bar with @text and finds it, from the page on screen.
 */
void
falt_pdf_view_find (FaltPdfView *self,
                    const char  *text)
{
  g_return_if_fail (FALT_IS_PDF_VIEW (self));

  if (falt_pdf_canvas_get_document (self->canvas) == NULL)
    return;
  gtk_revealer_set_reveal_child (self->find_revealer, TRUE);
  falt_pdf_find_bar_set_text (self->find_bar, text);
}

/**
 * falt_pdf_view_find_words:
 * @text: what the find bar shows, e.g. the words searched for
 * @words: the whole words to find, e.g. the written forms a search matched
 *
 * Opens the find bar and finds all of @words, from the page on screen: a
 * search hit's words highlighted, stepped through in page order.
 */
void
falt_pdf_view_find_words (FaltPdfView        *self,
                          const char         *text,
                          const char * const *words)
{
  g_return_if_fail (FALT_IS_PDF_VIEW (self));

  if (falt_pdf_canvas_get_document (self->canvas) == NULL)
    return;
  gtk_revealer_set_reveal_child (self->find_revealer, TRUE);
  falt_pdf_find_bar_set_words (self->find_bar, text, words);
}

FaltPdfSelection *
falt_pdf_view_get_selection (FaltPdfView *self)
{
  g_return_val_if_fail (FALT_IS_PDF_VIEW (self), NULL);

  return self->selection;
}

FaltPdfFind *
falt_pdf_view_get_find (FaltPdfView *self)
{
  g_return_val_if_fail (FALT_IS_PDF_VIEW (self), NULL);

  return self->find;
}

const char *
falt_pdf_view_get_find_status (FaltPdfView *self)
{
  g_return_val_if_fail (FALT_IS_PDF_VIEW (self), NULL);

  return falt_pdf_find_bar_get_status (self->find_bar);
}

static void
find_cb (GSimpleAction *action,
         GVariant      *parameter,
         gpointer       user_data)
{
  FaltPdfView *self = user_data;

  gtk_revealer_set_reveal_child (self->find_revealer, TRUE);
  falt_pdf_find_bar_focus (self->find_bar);
}

static void
find_step_cb (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  FaltPdfView *self = user_data;

  falt_pdf_find_step (self->find, g_str_equal (g_action_get_name (G_ACTION (action)), "find-next") ? 1 : -1);
}

static void
find_close_cb (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  FaltPdfView *self = user_data;

  falt_pdf_find_stop (self->find);
  gtk_revealer_set_reveal_child (self->find_revealer, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
}

static void
on_find_notify_cb (FaltPdfFind *find,
                   GParamSpec  *pspec,
                   FaltPdfView *self)
{
  update_actions (self);
}

static void
select_all_cb (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  FaltPdfView *self = user_data;

  falt_pdf_selection_select_all (self->selection);
}

static void
copy_cb (GSimpleAction *action,
         GVariant      *parameter,
         gpointer       user_data)
{
  FaltPdfView *self = user_data;

  falt_pdf_selection_copy (self->selection, GTK_WIDGET (self));
}

static void
on_drag_begin_cb (GtkGestureDrag *gesture,
                  double          x,
                  double          y,
                  FaltPdfView    *self)
{
  GdkDevice *device = gtk_gesture_get_device (GTK_GESTURE (gesture));

  /* A finger scrolls; the mouse selects. */
  if (device != NULL && gdk_device_get_source (device) == GDK_SOURCE_TOUCHSCREEN)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
  falt_pdf_selection_begin (self->selection, x, y);
}

static void
on_drag_update_cb (GtkGestureDrag *gesture,
                   double          dx,
                   double          dy,
                   FaltPdfView    *self)
{
  double x, y;

  gtk_gesture_drag_get_start_point (gesture, &x, &y);
  falt_pdf_selection_extend (self->selection, x + dx, y + dy);
}

static void
on_print_done_cb (GtkPrintOperation       *operation,
                  GtkPrintOperationResult  result,
                  FaltPdfView             *self)
{
  g_autoptr (GError) error = NULL;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autofree char *message = NULL;

      gtk_print_operation_get_error (operation, &error);
      message = g_strdup_printf (_("The document could not be printed: %s"), error->message);
      gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", message);
    }
  g_object_unref (operation);
}

/**
 * falt_pdf_view_print:
 * @settings: (nullable): print settings to start from (a printer, a page
 *   range, a file to print to)
 *
 * Prints the document, through the print dialog for
 * %GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG. The operation finishes on its
 * own, and says so in a toast when it fails.
 */
void
falt_pdf_view_print (FaltPdfView             *self,
                     GtkPrintOperationAction  action,
                     GtkPrintSettings        *settings)
{
  FaltPdfDocument *document = falt_pdf_canvas_get_document (self->canvas);
  GtkPrintOperation *operation;
  GtkPrintOperationResult result;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr (GError) error = NULL;

  g_return_if_fail (FALT_IS_PDF_VIEW (self));

  if (document == NULL)
    return;

  operation = falt_pdf_print_operation_new (document, falt_pdf_document_get_title (document));
  if (settings != NULL)
    gtk_print_operation_set_print_settings (operation, settings);
  /* Export writes a PDF of the settings' pages to their output file. */
  if (action == GTK_PRINT_OPERATION_ACTION_EXPORT && settings != NULL
      && gtk_print_settings_get (settings, GTK_PRINT_SETTINGS_OUTPUT_URI) != NULL)
    {
      g_autofree char *path = g_filename_from_uri (gtk_print_settings_get (settings, GTK_PRINT_SETTINGS_OUTPUT_URI),
                                                   NULL, NULL);

      gtk_print_operation_set_export_filename (operation, path);
      falt_pdf_print_operation_export_range (operation, settings);
    }
  g_signal_connect_object (operation, "done", G_CALLBACK (on_print_done_cb), self, 0);
  /* The reference goes in on_print_done_cb(), or here if it never starts. */
  result = gtk_print_operation_run (operation, action, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, &error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autofree char *message = g_strdup_printf (_("The document could not be printed: %s"), error->message);

      gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", message);
      g_object_unref (operation);
    }
}

static void
print_cb (GSimpleAction *action,
          GVariant      *parameter,
          gpointer       user_data)
{
  falt_pdf_view_print (user_data, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, NULL);
}

/* Title, pages, size: what a user needs to tell one handout from another. */
static void
properties_cb (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  FaltPdfView *self = user_data;
  FaltPdfDocument *document = falt_pdf_canvas_get_document (self->canvas);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr (GString) body = g_string_new (NULL);
  g_autofree char *size = NULL;
  const char *title, *author;
  GtkWidget *dialog;

  if (document == NULL)
    return;

  title = falt_pdf_document_get_title (document);
  author = falt_pdf_document_get_author (document);
  size = g_format_size (g_bytes_get_size (falt_pdf_document_get_bytes (document)));
  if (title != NULL && *title != '\0')
    /* Translators: a line of a PDF's properties. */
    g_string_append_printf (body, _("Title: %s\n"), title);
  if (author != NULL && *author != '\0')
    g_string_append_printf (body, _("Author: %s\n"), author);
  g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "%d page\n", "%d pages\n",
                                             falt_pdf_document_get_n_pages (document)),
                          falt_pdf_document_get_n_pages (document));
  /* Translators: the file's size, e.g. “Size: 1.2 MB”. */
  g_string_append_printf (body, _("Size: %s"), size);

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, _("Document Properties"), body->str);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static const GActionEntry view_actions[] = {
  { "zoom-in", zoom_in_cb },
  { "zoom-out", zoom_out_cb },
  { "zoom-reset", zoom_reset_cb },
  { "set-zoom", set_zoom_cb, "d" },
  { "fit-width", fit_width_cb },
  { "fit-page", fit_page_cb },
  { "go-to-page", go_to_page_cb, "s" },
  { "next-page", step_page_cb },
  { "previous-page", step_page_cb },
  { "find", find_cb },
  { "find-next", find_step_cb },
  { "find-previous", find_step_cb },
  { "find-close", find_close_cb },
  { "select-all", select_all_cb },
  { "copy", copy_cb },
  { "print", print_cb },
  { "properties", properties_cb },
};

static void
on_canvas_notify_cb (FaltPdfCanvas *canvas,
                     GParamSpec    *pspec,
                     FaltPdfView   *self)
{
  update_actions (self);
  if (g_str_equal (pspec->name, "zoom"))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
  else if (g_str_equal (pspec->name, "current-page"))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_PAGE]);
}

static void
falt_pdf_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  FaltPdfView *self = FALT_PDF_VIEW (object);

  switch (prop_id)
    {
    case PROP_ZOOM:
      g_value_set_double (value, falt_pdf_view_get_zoom (self));
      break;
    case PROP_CURRENT_PAGE:
      g_value_set_int (value, falt_pdf_view_get_current_page (self));
      break;
    case PROP_DOCUMENT:
      g_value_set_object (value, falt_pdf_view_get_document (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
falt_pdf_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  FaltPdfView *self = FALT_PDF_VIEW (object);

  switch (prop_id)
    {
    case PROP_ZOOM:
      falt_pdf_view_set_zoom (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
falt_pdf_view_dispose (GObject *object)
{
  FaltPdfView *self = FALT_PDF_VIEW (object);

  if (self->canvas != NULL)
    g_signal_handlers_disconnect_by_func (self->canvas, on_canvas_notify_cb, self);
  if (self->find != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->find, on_find_notify_cb, self);
      falt_pdf_find_stop (self->find);
    }
  g_clear_object (&self->find);
  if (self->selection != NULL)
    falt_pdf_selection_clear (self->selection);
  g_clear_object (&self->selection);
  self->canvas = NULL;
  adw_bin_set_child (ADW_BIN (self), NULL);
  g_clear_object (&self->actions);

  G_OBJECT_CLASS (falt_pdf_view_parent_class)->dispose (object);
}

static void
falt_pdf_view_class_init (FaltPdfViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = falt_pdf_view_dispose;
  object_class->get_property = falt_pdf_view_get_property;
  object_class->set_property = falt_pdf_view_set_property;

  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, FALT_PDF_ZOOM_MIN, FALT_PDF_ZOOM_MAX, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CURRENT_PAGE] =
    g_param_spec_int ("current-page", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, FALT_TYPE_PDF_DOCUMENT,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "pdf.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "pdf.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "pdf.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "pdf.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "pdf.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "pdf.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, 0, "pdf.next-page", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, 0, "pdf.previous-page", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "pdf.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, GDK_CONTROL_MASK, "pdf.select-all", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK, "pdf.copy", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "pdf.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK, "pdf.find-next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "pdf.find-previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_G, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "pdf.find-previous", NULL);
}

static void
falt_pdf_view_init (FaltPdfView *self)
{
  GtkWidget *box;
  GtkGesture *drag;

  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), view_actions,
                                   G_N_ELEMENTS (view_actions), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "pdf", G_ACTION_GROUP (self->actions));
  self->canvas = FALT_PDF_CANVAS (falt_pdf_canvas_new ());
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->canvas),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Pages"), -1);
  gtk_widget_set_focusable (GTK_WIDGET (self->canvas), TRUE);
  g_signal_connect (self->canvas, "notify::zoom", G_CALLBACK (on_canvas_notify_cb), self);
  g_signal_connect (self->canvas, "notify::current-page", G_CALLBACK (on_canvas_notify_cb), self);

  self->scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scrolled), GTK_WIDGET (self->canvas));
  gtk_widget_set_vexpand (self->scrolled, TRUE);
  gtk_widget_add_css_class (self->scrolled, "falt-pdf-pages");

  self->selection = falt_pdf_selection_new (self->canvas);
  drag = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->canvas), GTK_EVENT_CONTROLLER (drag));
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self->canvas), "text");

  self->find = falt_pdf_find_new (self->canvas);
  g_signal_connect (self->find, "notify::n-hits", G_CALLBACK (on_find_notify_cb), self);
  self->find_bar = g_object_new (FALT_TYPE_PDF_FIND_BAR, NULL);
  falt_pdf_find_bar_set_find (self->find_bar, self->find);
  self->find_revealer = GTK_REVEALER (gtk_revealer_new ());
  gtk_revealer_set_child (self->find_revealer, GTK_WIDGET (self->find_bar));

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->find_revealer));
  gtk_box_append (GTK_BOX (box), self->scrolled);
  adw_bin_set_child (ADW_BIN (self), box);

  update_actions (self);
}

GtkWidget *
falt_pdf_view_new (void)
{
  return g_object_new (FALT_TYPE_PDF_VIEW, NULL);
}
