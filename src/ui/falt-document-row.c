/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-document-row"

#include <glib/gi18n.h>

#include "falt-document-row.h"
#include "falt-ui-utils.h"

/* A Library row for its FaltDocument (an immutable item): activating the
 * row is win.open-document, its remove button (bookmarks only, bound to
 * the row's "bookmark") library.remove-bookmark, both with the document's
 * id. The title and summary are set, not bound: GTK 4.8 warns when a
 * template's own property is bound to an expression on itself. */

struct _FaltDocumentRow
{
  AdwActionRow  parent_instance;

  FaltDocument *document;
  GStrv         languages;
  gboolean      bookmark;

  GtkImage     *kind_icon;
  AdwBin       *example_slot;
  GtkLabel     *languages_label;
  GtkWidget    *remove_button;
};

G_DEFINE_FINAL_TYPE (FaltDocumentRow, falt_document_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_LANGUAGES,
  PROP_BOOKMARK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* “SV · EN · UK”: which languages the reader can show the document in,
 * named in full for the tooltip and a screen reader. */
static void
show_languages (FaltDocumentRow *self)
{
  g_autofree char *names = falt_language_names ((const char * const *) self->languages);
  g_autoptr (GString) codes = g_string_new (NULL);

  for (guint i = 0; self->languages != NULL && self->languages[i] != NULL; i++)
    {
      g_autofree char *code = g_ascii_strup (self->languages[i], -1);

      g_string_append_printf (codes, "%s%s", i > 0 ? " · " : "", code);
    }
  gtk_label_set_text (self->languages_label, codes->str);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->languages_label), names);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->languages_label), GTK_ACCESSIBLE_PROPERTY_LABEL, names, -1);
}

/* The title and summary, the icon of its kind, the badge, and the actions'
 * targets. */
static void
show_document (FaltDocumentRow *self)
{
  const char *id = falt_document_get_id (self->document);
  g_autofree char *remove_label = g_strdup_printf (_("Remove the Bookmark of “%s”"),
                                                   falt_document_get_title (self->document));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), falt_document_get_title (self->document));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), falt_document_get_summary (self->document));
  gtk_image_set_from_icon_name (self->kind_icon,
                                falt_document_get_document_kind (self->document) == FALT_DOCUMENT_KIND_PDF
                                  ? "x-office-document-symbolic"
                                  : "text-x-generic-symbolic");
  adw_bin_set_child (self->example_slot, falt_document_get_example (self->document) ? falt_example_badge_new () : NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->example_slot), falt_document_get_example (self->document));
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self), "(si)", id, 0);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->remove_button), "s", id);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->remove_button), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label, -1);
}

static void
falt_document_row_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  FaltDocumentRow *self = FALT_DOCUMENT_ROW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_LANGUAGES:
      g_value_set_boxed (value, self->languages);
      break;
    case PROP_BOOKMARK:
      g_value_set_boolean (value, self->bookmark);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
falt_document_row_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  FaltDocumentRow *self = FALT_DOCUMENT_ROW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      self->document = g_value_dup_object (value);
      show_document (self);
      break;
    case PROP_LANGUAGES:
      self->languages = g_value_dup_boxed (value);
      show_languages (self);
      break;
    case PROP_BOOKMARK:
      self->bookmark = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  /* For the template's bindings, made before the values were known. */
  g_object_notify_by_pspec (object, pspec);
}

static void
falt_document_row_dispose (GObject *object)
{
  FaltDocumentRow *self = FALT_DOCUMENT_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), FALT_TYPE_DOCUMENT_ROW);
  g_clear_object (&self->document);
  g_clear_pointer (&self->languages, g_strfreev);

  G_OBJECT_CLASS (falt_document_row_parent_class)->dispose (object);
}

static void
falt_document_row_class_init (FaltDocumentRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = falt_document_row_dispose;
  object_class->get_property = falt_document_row_get_property;
  object_class->set_property = falt_document_row_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, FALT_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* The languages the document can be shown in. */
  properties[PROP_LANGUAGES] =
    g_param_spec_boxed ("languages", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* In the Bookmarks list: the row can remove the bookmark. */
  properties[PROP_BOOKMARK] =
    g_param_spec_boolean ("bookmark", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/falt-document-row.ui");
  gtk_widget_class_bind_template_child (widget_class, FaltDocumentRow, kind_icon);
  gtk_widget_class_bind_template_child (widget_class, FaltDocumentRow, example_slot);
  gtk_widget_class_bind_template_child (widget_class, FaltDocumentRow, languages_label);
  gtk_widget_class_bind_template_child (widget_class, FaltDocumentRow, remove_button);
}

static void
falt_document_row_init (FaltDocumentRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
falt_document_row_new (FaltDocument       *document,
                       const char * const *languages,
                       gboolean            bookmark)
{
  return g_object_new (FALT_TYPE_DOCUMENT_ROW, "document", document, "languages", languages, "bookmark", bookmark,
                       NULL);
}

FaltDocument *
falt_document_row_get_document (FaltDocumentRow *self)
{
  g_return_val_if_fail (FALT_IS_DOCUMENT_ROW (self), NULL);

  return self->document;
}
