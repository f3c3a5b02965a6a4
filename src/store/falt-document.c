/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-store"

#include "falt-document.h"

/**
 * FaltDocument:
 *
 * A document (an article or a PDF) in one language.
 * An immutable value object: every property is read-only after construction.
 */
struct _FaltDocument
{
  GObject parent_instance;

  char *id;
  char *kind;
  char *section;
  char *lang;
  char *title;
  char *summary;
  char *updated;
  char **tags;
  gboolean example;
};

G_DEFINE_FINAL_TYPE (FaltDocument, falt_document, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_KIND,
  PROP_SECTION,
  PROP_LANG,
  PROP_TITLE,
  PROP_SUMMARY,
  PROP_UPDATED,
  PROP_TAGS,
  PROP_EXAMPLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
falt_document_finalize (GObject *object)
{
  FaltDocument *self = FALT_DOCUMENT (object);

  g_free (self->id);
  g_free (self->kind);
  g_free (self->section);
  g_free (self->lang);
  g_free (self->title);
  g_free (self->summary);
  g_free (self->updated);
  g_strfreev (self->tags);

  G_OBJECT_CLASS (falt_document_parent_class)->finalize (object);
}

static void
falt_document_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  FaltDocument *self = FALT_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;

    case PROP_SECTION:
      g_value_set_string (value, self->section);
      break;

    case PROP_LANG:
      g_value_set_string (value, self->lang);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;

    case PROP_UPDATED:
      g_value_set_string (value, self->updated);
      break;

    case PROP_TAGS:
      g_value_set_boxed (value, self->tags);
      break;

    case PROP_EXAMPLE:
      g_value_set_boolean (value, self->example);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
falt_document_class_init (FaltDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = falt_document_finalize;
  object_class->get_property = falt_document_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, "The stable document id.",
                         NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_string ("kind", NULL, "\"article\" or \"pdf\".",
                         NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SECTION] =
    g_param_spec_string ("section", NULL, "The id of the section the document belongs to.",
                         NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LANG] =
    g_param_spec_string ("lang", NULL, "The language of this translation (sv, en or uk).",
                         NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, "The title.",
                         NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, "A one-line summary, or NULL.",
                         NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_UPDATED] =
    g_param_spec_string ("updated", NULL, "The ISO date of the last update, or NULL.",
                         NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TAGS] =
    g_param_spec_boxed ("tags", NULL, "The tags (never NULL).",
                        G_TYPE_STRV, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_EXAMPLE] =
    g_param_spec_boolean ("example", NULL, "Whether this is example data.",
                          FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
falt_document_init (FaltDocument *self)
{
}

/**
 * falt_document_new:
 *
 * Returns: (transfer full): a new #FaltDocument holding copies of the arguments
 */
FaltDocument *
falt_document_new (const char *id,
                   const char *kind,
                   const char *section,
                   const char *lang,
                   const char *title,
                   const char *summary,
                   const char *updated,
                   const char * const *tags,
                   gboolean example)
{
  FaltDocument *self = g_object_new (FALT_TYPE_DOCUMENT, NULL);

  self->id = g_strdup (id);
  self->kind = g_strdup (kind);
  self->section = g_strdup (section);
  self->lang = g_strdup (lang);
  self->title = g_strdup (title);
  self->summary = g_strdup (summary);
  self->updated = g_strdup (updated);
  self->tags = tags ? g_strdupv ((char **) tags) : g_new0 (char *, 1);
  self->example = example;

  return self;
}

/**
 * falt_document_get_id:
 *
 * Returns: The stable document id.
 */
const char *
falt_document_get_id (FaltDocument *self)
{
  g_return_val_if_fail (FALT_IS_DOCUMENT (self), NULL);

  return self->id;
}

/**
 * falt_document_get_kind:
 *
 * Returns: "article" or "pdf".
 */
const char *
falt_document_get_kind (FaltDocument *self)
{
  g_return_val_if_fail (FALT_IS_DOCUMENT (self), NULL);

  return self->kind;
}

/**
 * falt_document_get_section:
 *
 * Returns: The id of the section the document belongs to.
 */
const char *
falt_document_get_section (FaltDocument *self)
{
  g_return_val_if_fail (FALT_IS_DOCUMENT (self), NULL);

  return self->section;
}

/**
 * falt_document_get_lang:
 *
 * Returns: The language of this translation (sv, en or uk).
 */
const char *
falt_document_get_lang (FaltDocument *self)
{
  g_return_val_if_fail (FALT_IS_DOCUMENT (self), NULL);

  return self->lang;
}

/**
 * falt_document_get_title:
 *
 * Returns: The title.
 */
const char *
falt_document_get_title (FaltDocument *self)
{
  g_return_val_if_fail (FALT_IS_DOCUMENT (self), NULL);

  return self->title;
}

/**
 * falt_document_get_summary:
 *
 * Returns: A one-line summary, or %NULL.
 */
const char *
falt_document_get_summary (FaltDocument *self)
{
  g_return_val_if_fail (FALT_IS_DOCUMENT (self), NULL);

  return self->summary;
}

/**
 * falt_document_get_updated:
 *
 * Returns: The ISO date of the last update, or %NULL.
 */
const char *
falt_document_get_updated (FaltDocument *self)
{
  g_return_val_if_fail (FALT_IS_DOCUMENT (self), NULL);

  return self->updated;
}

/**
 * falt_document_get_tags:
 *
 * Returns: The tags (never %NULL).
 */
const char * const *
falt_document_get_tags (FaltDocument *self)
{
  g_return_val_if_fail (FALT_IS_DOCUMENT (self), NULL);

  return (const char * const *) self->tags;
}

/**
 * falt_document_get_example:
 *
 * Returns: Whether this is example data.
 */
gboolean
falt_document_get_example (FaltDocument *self)
{
  g_return_val_if_fail (FALT_IS_DOCUMENT (self), FALSE);

  return self->example;
}

/**
 * falt_document_get_document_kind:
 *
 * Returns: the document's kind, as an enum
 */
FaltDocumentKind
falt_document_get_document_kind (FaltDocument *self)
{
  return falt_document_kind_from_string (falt_document_get_kind (self));
}
