/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-document-page"

#include <glib/gi18n.h>

#include "markdown/falt-markdown.h"
#include "falt-content-languages.h"
#include "falt-document-page-private.h"
#include "falt-pdf-controls.h"
#include "falt-ui-utils.h"

/* One document from the store: an article as text, or a PDF as pages; or
 * a PDF from disk, shown and never imported. */

G_DEFINE_FINAL_TYPE (FaltDocumentPage, falt_document_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SETTINGS,
  PROP_BOOKMARKED,
  PROP_TITLE,
  PROP_LANGUAGE,
  PROP_PRESENTATION_STEP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void update_language_menu            (FaltDocumentPage *self);
static GStrv document_language_chain        (FaltDocumentPage *self,
                                             const char       *id);
static void update_fallback_notice          (FaltDocumentPage *self,
                                             const char       *wanted_lang);
static void falt_document_page_show_in      (FaltDocumentPage *self,
                                             const char       *lang);
static void falt_document_page_zoom_article (FaltDocumentPage *self,
                                             const char       *verb);

static void
clear_badges (FaltDocumentPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->badge_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->badge_box), child);
}

void
falt_document_page_show_error_page (FaltDocumentPage *self,
                 const char       *icon_name,
                 const char       *title,
                 const char       *message)
{
  adw_status_page_set_icon_name (self->error_page, icon_name);
  adw_status_page_set_title (self->error_page, title);
  falt_status_page_set_plain_description (self->error_page, message);
  gtk_stack_set_visible_child_name (self->view_stack, "error");
  gtk_widget_set_visible (self->zoom_box, FALSE);
  gtk_widget_set_visible (self->pdf_controls, FALSE);
}

/* Nothing of the document shown before may stay: its details, badge and
 * bookmark would look like this one's. */
static void
show_error (FaltDocumentPage *self,
            const char       *message)
{
  falt_document_page_show_error_page (self, "dialog-error-symbolic", _("The Document Could Not Be Shown"), message);
  gtk_widget_set_visible (self->save_button, FALSE);
  gtk_widget_set_visible (self->pdf_controls, FALSE);
  gtk_widget_set_visible (self->password_box, FALSE);
  gtk_label_set_text (self->meta_label, "");
  clear_badges (self);
  g_clear_object (&self->document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "document.bookmark", FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

static void
describe_document (FaltDocumentPage *self)
{
  const char *updated = falt_document_get_updated (self->document);
  g_autoptr (GString) meta = g_string_new (NULL);

  if (updated != NULL && *updated != '\0')
    /* Translators: %s is a date such as 2026-10-01. */
    g_string_append_printf (meta, _("Updated %s"), updated);
  gtk_label_set_text (self->meta_label, meta->str);

  clear_badges (self);
  if (falt_document_get_example (self->document))
    gtk_box_append (GTK_BOX (self->badge_box), falt_example_badge_new ());

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "document.bookmark", TRUE);
  self->bookmarked = falt_store_is_bookmarked (self->store, falt_document_get_id (self->document));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BOOKMARKED]);
}

static gboolean
show_article (FaltDocumentPage *self,
              GError          **error)
{
  g_autofree char *markdown = falt_store_get_article_markdown (self->store,
                                                               falt_document_get_id (self->document),
                                                               falt_document_get_lang (self->document),
                                                               error);

  if (markdown == NULL)
    return FALSE;

  /* At its top when new, or where the reader left it. */
  falt_markdown_view_set_markdown (self->markdown_view, markdown);
  falt_markdown_view_scroll_to_offset (self->markdown_view,
                                       falt_store_get_reading_position (self->store,
                                                                        falt_document_get_id (self->document),
                                                                        falt_document_get_lang (self->document)));
  gtk_stack_set_visible_child_name (self->view_stack, "article");
  return TRUE;
}

/**
 * falt_document_page_open_file:
 * @file: a PDF on disk
 *
 * Shows @file from its first page. It is not imported into the library,
 * and has no bookmark or remembered page.
 */
void
falt_document_page_open_file (FaltDocumentPage *self,
                              GFile            *file)
{
  g_autofree char *basename = NULL;
  g_autofree char *where = NULL;

  g_return_if_fail (FALT_IS_DOCUMENT_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  basename = g_file_get_basename (file);

  falt_document_page_save_position (self);
  g_clear_object (&self->document);
  g_clear_pointer (&self->pdf, g_bytes_unref);
  g_set_object (&self->file, file);
  g_free (self->file_name);
  /* Shown as the title: UTF-8 even when the name on disk is not. */
  self->file_name = g_filename_display_name (basename);
  self->pdf_page = 1;

  where = g_file_get_parse_name (file);
  gtk_label_set_text (self->meta_label, where);
  clear_badges (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "document.bookmark", FALSE);
  self->bookmarked = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BOOKMARKED]);
  gtk_widget_set_visible (self->save_button, TRUE);
  gtk_widget_set_visible (self->password_box, FALSE);
  /* Shown once the PDF is open, as for one from the library. */
  gtk_widget_set_visible (self->zoom_box, FALSE);
  gtk_widget_set_visible (self->pdf_controls, FALSE);
  /* One file in one language: nothing to switch to. */
  gtk_widget_set_visible (GTK_WIDGET (self->language_button), FALSE);

  falt_document_page_load_file (self, file);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANGUAGE]);
}

/**
 * falt_document_page_open:
 * @id: the document's id
 * @page: for a PDF, the page to show (from 1); 0 resumes where the reader was
 *
 * Shows a document in the preferred language, or in another when it has no
 * translation. Errors are shown on the page itself.
 *
 * Returns: %TRUE when the document is shown.
 */
gboolean
falt_document_page_open (FaltDocumentPage *self,
                         const char       *id,
                         int               page)
{
  g_auto (GStrv) langs = NULL;
  g_autoptr (GError) error = NULL;
  gboolean is_pdf, shown;
  int shown_page = -1;  /* articles have no pages */

  g_return_val_if_fail (FALT_IS_DOCUMENT_PAGE (self), FALSE);

  langs = document_language_chain (self, id);

  falt_document_page_save_position (self);
  g_clear_object (&self->document);
  g_clear_pointer (&self->pdf, g_bytes_unref);
  g_clear_object (&self->file);
  falt_document_page_stop_pdf (self);
  self->document = falt_store_get_document (self->store, id, (const char * const *) langs, &error);
  if (self->document == NULL)
    {
      show_error (self, error->message);
      return FALSE;
    }

  is_pdf = falt_document_get_document_kind (self->document) == FALT_DOCUMENT_KIND_PDF;
  shown = is_pdf ? falt_document_page_show_pdf (self, page, &shown_page, &error) : show_article (self, &error);
  if (!shown)
    {
      show_error (self, error->message);
      return FALSE;
    }

  /* An article's text zooms at once; a PDF's controls show once it is open. */
  gtk_widget_set_visible (self->zoom_box, !is_pdf);
  gtk_widget_set_visible (self->pdf_controls, FALSE);
  gtk_widget_set_visible (self->save_button, is_pdf);
  describe_document (self);
  update_language_menu (self);
  update_fallback_notice (self, langs[0]);
  falt_store_note_opened (self->store, id, falt_document_get_lang (self->document), shown_page, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANGUAGE]);
  return TRUE;
}

const char *
falt_document_page_get_title (FaltDocumentPage *self)
{
  g_return_val_if_fail (FALT_IS_DOCUMENT_PAGE (self), NULL);

  if (self->file != NULL)
    return self->file_name;
  return self->document != NULL ? falt_document_get_title (self->document) : NULL;
}

/**
 * falt_document_page_get_id:
 * @self: a #FaltDocumentPage
 *
 * Returns: (nullable): the id of the document shown
 */
const char *
falt_document_page_get_id (FaltDocumentPage *self)
{
  g_return_val_if_fail (FALT_IS_DOCUMENT_PAGE (self), NULL);

  return self->document != NULL ? falt_document_get_id (self->document) : NULL;
}

const char *
falt_document_page_get_kind (FaltDocumentPage *self)
{
  g_return_val_if_fail (FALT_IS_DOCUMENT_PAGE (self), NULL);

  return self->document != NULL ? falt_document_get_kind (self->document) : NULL;
}

/**
 * falt_document_page_get_text:
 *
 * Returns: (transfer full): the article's rendered text, for tests and copy.
 */
char *
falt_document_page_get_text (FaltDocumentPage *self)
{
  g_return_val_if_fail (FALT_IS_DOCUMENT_PAGE (self), NULL);

  return falt_markdown_view_get_text (self->markdown_view);
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  FaltDocumentPage *self = FALT_DOCUMENT_PAGE (widget);
  const char *verb = strrchr (action_name, '.') + 1;
  g_autofree char *pdf_action = g_strconcat ("pdf.", verb, NULL);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->view_stack), "article") == 0)
    {
      falt_document_page_zoom_article (self, verb);
      return;
    }
  gtk_widget_activate_action (GTK_WIDGET (self->pdf_view), pdf_action, NULL);
}

/* The bookmark is a property so the toggle button's state follows it
 * through a property action. */
static void
set_bookmarked (FaltDocumentPage *self,
                gboolean          bookmarked)
{
  g_autoptr (GError) error = NULL;

  if (self->document == NULL || self->bookmarked == bookmarked)
    return;

  if (!falt_store_set_bookmark (self->store, falt_document_get_id (self->document), bookmarked, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The bookmark could not be saved: %s"), error->message);
      gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", message);
      return;
    }

  self->bookmarked = bookmarked;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BOOKMARKED]);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s",
                              bookmarked ? _("Bookmark set")
                                         : _("Bookmark removed"));
}

/* Clear History may have removed the bookmarks: the star follows the store. */
static void
on_history_cleared_cb (FaltDocumentPage *self)
{
  gboolean bookmarked;

  if (self->document == NULL)
    return;
  bookmarked = falt_store_is_bookmarked (self->store, falt_document_get_id (self->document));
  if (bookmarked == self->bookmarked)
    return;
  self->bookmarked = bookmarked;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BOOKMARKED]);
}

static gboolean
present_opened_pdf_cb (gpointer user_data)
{
  FaltDocumentPage *self = FALT_DOCUMENT_PAGE (user_data);

  self->present_pdf_idle = 0;
  if (self->presenting && falt_pdf_view_get_document (self->pdf_view) != NULL)
    falt_pdf_view_set_presenting (self->pdf_view, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRESENTATION_STEP]);
  return G_SOURCE_REMOVE;
}

/* F5 while the PDF was opening: fitted to the screen now that it is open;
 * from an idle, once the page it opens at is set, so leaving the
 * presentation comes back to that page. */
static void
on_pdf_document_changed_cb (FaltDocumentPage *self)
{
  if (!self->presenting || falt_pdf_view_get_document (self->pdf_view) == NULL || self->present_pdf_idle != 0)
    return;
  self->present_pdf_idle = g_idle_add (present_opened_pdf_cb, self);
}

static void
on_presentation_step_changed_cb (FaltDocumentPage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRESENTATION_STEP]);
}

static void
falt_document_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  FaltDocumentPage *self = FALT_DOCUMENT_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_BOOKMARKED:
      g_value_set_boolean (value, self->bookmarked);
      break;
    case PROP_TITLE:
      g_value_set_string (value, falt_document_page_get_title (self));
      break;
    case PROP_LANGUAGE:
      g_value_set_string (value, self->document != NULL ? falt_document_get_lang (self->document) : "");
      break;
    case PROP_PRESENTATION_STEP:
      g_value_set_int (value, falt_document_page_get_presentation_step (self, NULL));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
falt_document_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  FaltDocumentPage *self = FALT_DOCUMENT_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    case PROP_BOOKMARKED:
      set_bookmarked (self, g_value_get_boolean (value));
      break;
    case PROP_LANGUAGE:
      falt_document_page_show_in (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
on_activate_link_cb (FaltMarkdownView *view,
                     const char       *url,
                     FaltDocumentPage *self)
{
  g_autofree char *doc_id = NULL;
  g_autofree char *anchor = NULL;

  /* Numbers and addresses in the text work as the app's Call and Email
   * buttons do, fallback dialog included. */
  switch (falt_markdown_parse_link (url, &doc_id, &anchor))
    {
    case FALT_MARKDOWN_LINK_TEL:
      gtk_widget_activate_action (GTK_WIDGET (self), "app.dial", "s", url + strlen ("tel:"));
      return TRUE;
    case FALT_MARKDOWN_LINK_MAIL:
      {
        g_autofree char *address = g_strndup (url + strlen ("mailto:"), strcspn (url + strlen ("mailto:"), "?"));

        gtk_widget_activate_action (GTK_WIDGET (self), "app.mail", "s", address);
      }
      return TRUE;
    case FALT_MARKDOWN_LINK_DOCUMENT:
      falt_document_page_follow_link (self, doc_id, anchor);
      return TRUE;
    case FALT_MARKDOWN_LINK_ANCHOR:
    case FALT_MARKDOWN_LINK_WEB:
    case FALT_MARKDOWN_LINK_INVALID:
    default:
      return FALSE;
    }
}

static void
falt_document_page_dispose (GObject *object)
{
  FaltDocumentPage *self = FALT_DOCUMENT_PAGE (object);

  falt_document_page_save_position (self);
  falt_document_page_clear_history (self);
  g_clear_pointer (&self->shown_in, g_hash_table_unref);
  g_clear_handle_id (&self->present_pdf_idle, g_source_remove);
  g_cancellable_cancel (self->pdf_opening);
  g_clear_object (&self->pdf_opening);
  g_clear_object (&self->document);
  g_clear_pointer (&self->pdf, g_bytes_unref);
  g_clear_object (&self->file);
  g_clear_pointer (&self->file_name, g_free);
  g_clear_pointer (&self->find_text, g_free);
  g_clear_pointer (&self->find_words, g_strfreev);
  falt_document_page_cancel_forms_lookup (self);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (falt_document_page_parent_class)->dispose (object);
}

/* The material's languages changed in Preferences: the document shown
 * follows them, unless the reader chose its language with "Show in …". */
static void
on_content_languages_changed_cb (FaltDocumentPage *self)
{
  const char *id;
  g_auto (GStrv) langs = NULL;
  g_autoptr (FaltDocument) document = NULL;
  g_autoptr (GError) error = NULL;

  if (self->document == NULL || self->file != NULL)
    return;
  id = falt_document_get_id (self->document);
  if (g_hash_table_contains (self->shown_in, id))
    return;

  langs = document_language_chain (self, id);
  document = falt_store_get_document (self->store, id, (const char * const *) langs, &error);
  /* Gone from the store since it was opened: it stays as it is shown. */
  if (document == NULL)
    g_debug ("Document %s not shown again in the languages chosen: %s", id, error->message);
  if (document != NULL && g_strcmp0 (falt_document_get_lang (document), falt_document_get_lang (self->document)) != 0)
    {
      g_autofree char *shown_id = g_strdup (id);

      falt_document_page_open (self, shown_id, 0);
      return;
    }
  update_fallback_notice (self, langs[0]);
}

static void
falt_document_page_constructed (GObject *object)
{
  FaltDocumentPage *self = FALT_DOCUMENT_PAGE (object);

  G_OBJECT_CLASS (falt_document_page_parent_class)->constructed (object);

  g_assert (FALT_IS_STORE (self->store) && G_IS_SETTINGS (self->settings));
  g_settings_bind (self->settings, "article-text-scale", self->markdown_view, "zoom", G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self->store, "history-cleared", G_CALLBACK (on_history_cleared_cb), self, G_CONNECT_SWAPPED);
  /* The older single language counts while the chain is unset. */
  g_signal_connect_object (self->settings, "changed::content-languages", G_CALLBACK (on_content_languages_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::content-language", G_CALLBACK (on_content_languages_changed_cb),
                           self, G_CONNECT_SWAPPED);
}

static void
falt_document_page_class_init (FaltDocumentPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = falt_document_page_dispose;
  object_class->constructed = falt_document_page_constructed;
  object_class->get_property = falt_document_page_get_property;
  object_class->set_property = falt_document_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, FALT_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* The application's settings: the material's language, the text size. */
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BOOKMARKED] =
    g_param_spec_boolean ("bookmarked", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The language the document is shown in; set, it shows the document in
   * another of its languages (document.show-in), for this visit. */
  properties[PROP_LANGUAGE] =
    g_param_spec_string ("language", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Where a presentation is (falt_document_page_get_presentation_step()). */
  properties[PROP_PRESENTATION_STEP] =
    g_param_spec_int ("presentation-step", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (FALT_TYPE_MARKDOWN_VIEW);
  g_type_ensure (FALT_TYPE_PDF_VIEW);
  g_type_ensure (FALT_TYPE_PDF_CONTROLS);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/falt-document-page.ui");
  gtk_widget_class_bind_template_child (widget_class, FaltDocumentPage, meta_label);
  gtk_widget_class_bind_template_child (widget_class, FaltDocumentPage, badge_box);
  gtk_widget_class_bind_template_child (widget_class, FaltDocumentPage, zoom_box);
  gtk_widget_class_bind_template_child (widget_class, FaltDocumentPage, save_button);
  gtk_widget_class_bind_template_child (widget_class, FaltDocumentPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, FaltDocumentPage, markdown_view);
  gtk_widget_class_bind_template_child (widget_class, FaltDocumentPage, pdf_view);
  gtk_widget_class_bind_template_child (widget_class, FaltDocumentPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, FaltDocumentPage, language_button);
  gtk_widget_class_bind_template_child (widget_class, FaltDocumentPage, fallback_label);
  gtk_widget_class_bind_template_child (widget_class, FaltDocumentPage, toolbar);
  gtk_widget_class_bind_template_child (widget_class, FaltDocumentPage, toolbar_separator);
  gtk_widget_class_bind_template_child (widget_class, FaltDocumentPage, pdf_controls);
  gtk_widget_class_bind_template_child (widget_class, FaltDocumentPage, password_box);
  gtk_widget_class_bind_template_child (widget_class, FaltDocumentPage, password_entry);
  falt_document_page_install_pdf_actions (widget_class);

  gtk_widget_class_install_action (widget_class, "document.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "document.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "document.zoom-reset", NULL, zoom_action);
  gtk_widget_class_install_property_action (widget_class, "document.bookmark", "bookmarked");
  gtk_widget_class_install_property_action (widget_class, "document.show-in", "language");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK, "document.bookmark", NULL);
  /* Also here, not only on the PDF view: focus is often on the toolbar. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "document.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "document.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "document.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "document.zoom-reset", NULL);
}

static void
falt_document_page_init (FaltDocumentPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->shown_in = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  /* The toolbar's PDF buttons use the view's "pdf" actions. */
  gtk_widget_insert_action_group (GTK_WIDGET (self), "pdf", falt_pdf_view_get_actions (self->pdf_view));
  falt_pdf_controls_set_view (FALT_PDF_CONTROLS (self->pdf_controls), self->pdf_view);
  g_signal_connect (self->markdown_view, "activate-link", G_CALLBACK (on_activate_link_cb), self);
  g_signal_connect_swapped (self->markdown_view, "notify::slide", G_CALLBACK (on_presentation_step_changed_cb), self);
  g_signal_connect_swapped (self->pdf_view, "notify::current-page", G_CALLBACK (on_presentation_step_changed_cb), self);
  g_signal_connect_swapped (self->pdf_view, "notify::document", G_CALLBACK (on_pdf_document_changed_cb), self);
}

GtkWidget *
falt_document_page_new (FaltStore *store,
                        GSettings *settings)
{
  /* store may be NULL when it could not be opened: PDFs from disk still show. */
  return g_object_new (FALT_TYPE_DOCUMENT_PAGE, "store", store, "settings", settings, NULL);
}

/* Text size steps of about 10 %, as in a web browser. */
static void
falt_document_page_zoom_article (FaltDocumentPage *self,
                                 const char       *verb)
{
  double zoom = falt_markdown_view_get_zoom (self->markdown_view);

  if (g_strcmp0 (verb, "zoom-in") == 0)
    zoom *= 1.1;
  else if (g_strcmp0 (verb, "zoom-out") == 0)
    zoom /= 1.1;
  else
    zoom = 1.0;
  /* Back to exactly 1.0 after a round trip of steps. */
  if (G_APPROX_VALUE (zoom, 1.0, 0.01))
    zoom = 1.0;
  falt_markdown_view_set_zoom (self->markdown_view, zoom);
}

typedef struct
{
  FaltDocumentPage *self;
  char             *typed;  /* the words as typed, for the find bar */
} FormsLookup;

static void
on_pdf_forms_matched_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  FormsLookup *lookup = user_data;
  FaltDocumentPage *self = lookup->self;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) forms = falt_store_match_pdf_written_forms_finish (FALT_STORE (source), result, &error);

  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (forms == NULL)
        g_warning ("The words a search matched are unknown: %s", error->message);
      g_clear_object (&self->forms_lookup);
      falt_document_page_find_words_when_open (self, lookup->typed, (const char * const *) forms);
    }
  g_object_unref (lookup->self);
  g_free (lookup->typed);
  g_free (lookup);
}

/* A PDF's hit: the written forms the search matched on its pages (looked
 * up off the main loop: a long PDF's text takes longer than a frame),
 * found with the find bar once it is open; the words as typed where the
 * store has none (or cannot say). */
static void
highlight_pdf (FaltDocumentPage *self,
               const char       *query)
{
  FormsLookup *lookup = g_new0 (FormsLookup, 1);

  lookup->self = g_object_ref (self);
  lookup->typed = g_strstrip (g_strdelimit (g_strdup (query), "\"*", ' '));
  falt_document_page_cancel_forms_lookup (self);
  self->forms_lookup = g_cancellable_new ();
  falt_store_match_pdf_written_forms_async (self->store, falt_document_get_id (self->document),
                                            falt_document_get_lang (self->document), query, self->forms_lookup,
                                            on_pdf_forms_matched_cb, lookup);
}

/**
 * falt_document_page_highlight:
 * @query: what the reader searched for
 *
 * Marks the words @query matched (as the search matched them, inflections
 * included): in an article, at once, scrolling to the first; in a PDF, with
 * its find bar once it is open, all of them on every page.
 *
 * Returns: how many places were marked in an article (a PDF's are found
 *   later: 0)
 */
guint
falt_document_page_highlight (FaltDocumentPage *self,
                              const char       *query)
{
  g_autofree char *text = NULL;
  g_auto (GStrv) forms = NULL;

  g_return_val_if_fail (FALT_IS_DOCUMENT_PAGE (self), 0);

  if (self->document != NULL && self->pdf != NULL)
    {
      highlight_pdf (self, query);
      return 0;
    }
  if (self->document == NULL || g_strcmp0 (gtk_stack_get_visible_child_name (self->view_stack), "article") != 0)
    return 0;

  text = falt_markdown_view_get_text (self->markdown_view);
  forms = falt_store_match_written_forms (self->store, query, falt_document_get_lang (self->document), text);
  return falt_markdown_view_highlight (self->markdown_view, (const char * const *) forms);
}

static void
update_language_menu (FaltDocumentPage *self)
{
  g_auto (GStrv) langs = falt_store_get_document_languages (self->store, falt_document_get_id (self->document));
  g_autoptr (GMenu) menu = g_menu_new ();
  g_autoptr (GMenu) section = g_menu_new ();

  for (guint i = 0; langs[i] != NULL; i++)
    {
      g_autoptr (GMenuItem) item = g_menu_item_new (falt_language_endonym (langs[i]), NULL);

      g_menu_item_set_action_and_target_value (item, "document.show-in", g_variant_new_string (langs[i]));
      g_menu_append_item (section, item);
    }
  /* Translators: the heading of the menu of a document's languages. */
  g_menu_append_section (menu, _("Show This Document In"), G_MENU_MODEL (section));
  gtk_menu_button_set_menu_model (self->language_button, G_MENU_MODEL (menu));
  /* The language shown, short: the header has little room when narrow. */
  {
    g_autofree char *code = g_ascii_strup (falt_document_get_lang (self->document), -1);

    gtk_menu_button_set_label (self->language_button, code);
  }
  gtk_widget_set_visible (GTK_WIDGET (self->language_button), g_strv_length (langs) > 1);
}

/* The languages to show @id in: the one chosen with "Show in …" earlier in
 * this visit, then the material's chain from Preferences. */
static GStrv
document_language_chain (FaltDocumentPage *self,
                         const char       *id)
{
  g_auto (GStrv) chain = falt_content_language_chain (self->settings);
  const char *shown_in = g_hash_table_lookup (self->shown_in, id);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  if (shown_in != NULL)
    g_strv_builder_add (builder, shown_in);
  g_strv_builder_addv (builder, (const char **) chain);
  return g_strv_builder_end (builder);
}

/* Beside "Show in …": the document is not in the language wanted (the
 * chain's first, or the one chosen), so the reader knows why. */
static void
update_fallback_notice (FaltDocumentPage *self,
                        const char       *wanted_lang)
{
  const char *lang = falt_document_get_lang (self->document);
  g_autofree char *notice = NULL;

  if (g_strcmp0 (lang, wanted_lang) != 0)
    /* Translators: “Shown in English: not available in Ukrainian”; the first
     * %s is the language shown, the second the one wanted. */
    notice = g_strdup_printf (_("Shown in %s: not available in %s"), falt_language_name (lang),
                              falt_language_name (wanted_lang));
  gtk_label_set_text (self->fallback_label, notice != NULL ? notice : "");
  gtk_widget_set_visible (GTK_WIDGET (self->fallback_label), notice != NULL);
}

/* "Show in …": this document only, for this visit; the material's language
 * in Preferences stays as it is. */
static void
falt_document_page_show_in (FaltDocumentPage *self,
                            const char       *lang)
{
  g_autofree char *id = NULL;

  if (self->document == NULL || lang == NULL || g_strcmp0 (lang, falt_document_get_lang (self->document)) == 0)
    return;

  id = g_strdup (falt_document_get_id (self->document));
  g_hash_table_insert (self->shown_in, g_strdup (id), g_strdup (lang));
  falt_document_page_open (self, id, 0);
}

/**
 * falt_document_page_set_presenting:
 *
 * Presentation mode: no toolbar; an article in large text, one `##`
 * section at a time (or all of it, see
 * falt_document_page_set_presenting_continuous()); a PDF one page at a
 * time, fitted. Leaving it, the document is shown as before.
 */
void
falt_document_page_set_presenting (FaltDocumentPage *self,
                                   gboolean          presenting)
{
  g_return_if_fail (FALT_IS_DOCUMENT_PAGE (self));

  self->presenting = !!presenting;
  g_clear_handle_id (&self->present_pdf_idle, g_source_remove);
  gtk_widget_set_visible (self->toolbar, !presenting);
  gtk_widget_set_visible (self->toolbar_separator, !presenting);
  falt_markdown_view_set_presenting (self->markdown_view, presenting);
  /* A PDF still opening is presented once open (on_pdf_document_changed_cb). */
  falt_pdf_view_set_presenting (self->pdf_view, presenting && falt_pdf_view_get_document (self->pdf_view) != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRESENTATION_STEP]);
}

/**
 * falt_document_page_set_presenting_continuous:
 * @continuous: %TRUE to present a whole article at the large size, %FALSE
 *   for one section at a time
 */
void
falt_document_page_set_presenting_continuous (FaltDocumentPage *self,
                                              gboolean          continuous)
{
  g_return_if_fail (FALT_IS_DOCUMENT_PAGE (self));

  falt_markdown_view_set_continuous (self->markdown_view, continuous);
}

/**
 * falt_document_page_get_presentation_step:
 * @n_steps: (out) (optional): how many there are
 *
 * Returns: the page of a PDF, or the section of an article presented by
 *   section, counting from 1; 0 for an article shown whole
 */
int
falt_document_page_get_presentation_step (FaltDocumentPage *self,
                                          int              *n_steps)
{
  guint n_slides = 0;
  int slide;

  g_return_val_if_fail (FALT_IS_DOCUMENT_PAGE (self), 0);

  if (self->pdf != NULL)
    {
      if (n_steps != NULL)
        *n_steps = falt_pdf_view_get_n_pages (self->pdf_view);
      return falt_pdf_view_get_current_page (self->pdf_view);
    }
  slide = falt_markdown_view_get_slide (self->markdown_view, &n_slides);
  if (n_steps != NULL)
    *n_steps = (int) n_slides;
  return slide + 1;
}

/**
 * falt_document_page_step:
 * @forward: the next step, or the one before
 *
 * One step of a presentation: the next screenful or section of an article,
 * the next page of a PDF.
 */
void
falt_document_page_step (FaltDocumentPage *self,
                         gboolean          forward)
{
  g_return_if_fail (FALT_IS_DOCUMENT_PAGE (self));

  if (self->pdf != NULL)
    {
      int page;

      if (!self->pdf_shown)
        return;
      page = falt_pdf_view_get_current_page (self->pdf_view) + (forward ? 1 : -1);
      falt_pdf_view_scroll_to_page (self->pdf_view, CLAMP (page, 1, falt_pdf_view_get_n_pages (self->pdf_view)));
    }
  else
    falt_markdown_view_step (self->markdown_view, forward);
}
