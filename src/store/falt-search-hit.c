/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-store"

#include "falt-search-hit-private.h"

/**
 * FaltSearchHit:
 *
 * One search result: a document (or a page of a PDF) that matched.
 * A value object: every property is read-only after construction, but for
 * a snippet that a search as you type leaves to be made later
 * (falt_store_make_snippets_async()).
 */
struct _FaltSearchHit
{
  GObject parent_instance;

  char *doc_id;
  char *kind;
  char *lang;
  char *title;
  char *snippet;
  int page;
  char *page_label;
  double score;
  gint64 rowid;   /* in its language's search table */
};

G_DEFINE_FINAL_TYPE (FaltSearchHit, falt_search_hit, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DOC_ID,
  PROP_KIND,
  PROP_LANG,
  PROP_TITLE,
  PROP_SNIPPET,
  PROP_PAGE,
  PROP_PAGE_LABEL,
  PROP_SCORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
falt_search_hit_finalize (GObject *object)
{
  FaltSearchHit *self = FALT_SEARCH_HIT (object);

  g_free (self->doc_id);
  g_free (self->kind);
  g_free (self->lang);
  g_free (self->title);
  g_free (self->snippet);
  g_free (self->page_label);

  G_OBJECT_CLASS (falt_search_hit_parent_class)->finalize (object);
}

static void
falt_search_hit_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  FaltSearchHit *self = FALT_SEARCH_HIT (object);

  switch (prop_id)
    {
    case PROP_DOC_ID:
      g_value_set_string (value, self->doc_id);
      break;

    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;

    case PROP_LANG:
      g_value_set_string (value, self->lang);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_SNIPPET:
      g_value_set_string (value, self->snippet);
      break;

    case PROP_PAGE:
      g_value_set_int (value, self->page);
      break;

    case PROP_PAGE_LABEL:
      g_value_set_string (value, self->page_label);
      break;

    case PROP_SCORE:
      g_value_set_double (value, self->score);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
falt_search_hit_class_init (FaltSearchHitClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = falt_search_hit_finalize;
  object_class->get_property = falt_search_hit_get_property;

  properties[PROP_DOC_ID] =
    g_param_spec_string ("doc-id", NULL, "The id of the matching document or coordinator.",
                         NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_string ("kind", NULL, "\"article\", \"pdf\" or \"coordinator\".",
                         NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LANG] =
    g_param_spec_string ("lang", NULL, "The language of the matching text.",
                         NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, "The title of the document.",
                         NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SNIPPET] =
    g_param_spec_string ("snippet", NULL, "A text excerpt with the matches between \\x02 and \\x03.",
                         NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAGE] =
    g_param_spec_int ("page", NULL, "The 1-based PDF page that matched, or -1.",
                      G_MININT, G_MAXINT, -1, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAGE_LABEL] =
    g_param_spec_string ("page-label", NULL, "The PDF page's label, as the viewer shows it (\"iii\", \"91\"), or NULL.",
                         NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SCORE] =
    g_param_spec_double ("score", NULL, "The relevance (higher is better).",
                         -G_MAXDOUBLE, G_MAXDOUBLE, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
falt_search_hit_init (FaltSearchHit *self)
{
}

/**
 * falt_search_hit_new:
 *
 * Returns: (transfer full): a new #FaltSearchHit holding copies of the arguments
 */
FaltSearchHit *
falt_search_hit_new (const char *doc_id,
                     const char *kind,
                     const char *lang,
                     const char *title,
                     const char *snippet,
                     int page,
                     const char *page_label,
                     double score)
{
  FaltSearchHit *self = g_object_new (FALT_TYPE_SEARCH_HIT, NULL);

  self->doc_id = g_strdup (doc_id);
  self->kind = g_strdup (kind);
  self->lang = g_strdup (lang);
  self->title = g_strdup (title);
  self->snippet = g_strdup (snippet);
  self->page = page;
  self->page_label = g_strdup (page_label);
  self->score = score;

  return self;
}

/**
 * falt_search_hit_get_doc_id:
 *
 * Returns: The id of the matching document or coordinator.
 */
const char *
falt_search_hit_get_doc_id (FaltSearchHit *self)
{
  g_return_val_if_fail (FALT_IS_SEARCH_HIT (self), NULL);

  return self->doc_id;
}

/**
 * falt_search_hit_get_kind:
 *
 * Returns: "article", "pdf" or "coordinator".
 */
const char *
falt_search_hit_get_kind (FaltSearchHit *self)
{
  g_return_val_if_fail (FALT_IS_SEARCH_HIT (self), NULL);

  return self->kind;
}

/**
 * falt_search_hit_get_lang:
 *
 * Returns: The language of the matching text.
 */
const char *
falt_search_hit_get_lang (FaltSearchHit *self)
{
  g_return_val_if_fail (FALT_IS_SEARCH_HIT (self), NULL);

  return self->lang;
}

/**
 * falt_search_hit_get_title:
 *
 * Returns: The title of the document.
 */
const char *
falt_search_hit_get_title (FaltSearchHit *self)
{
  g_return_val_if_fail (FALT_IS_SEARCH_HIT (self), NULL);

  return self->title;
}

/**
 * falt_search_hit_get_snippet:
 *
 * Returns: (nullable): A text excerpt with the matches between \\x02 and
 *   \\x03, or %NULL when it is not made yet
 */
const char *
falt_search_hit_get_snippet (FaltSearchHit *self)
{
  g_return_val_if_fail (FALT_IS_SEARCH_HIT (self), NULL);

  return self->snippet;
}

/**
 * falt_search_hit_get_page:
 *
 * Returns: The 1-based PDF page that matched, or -1.
 */
int
falt_search_hit_get_page (FaltSearchHit *self)
{
  g_return_val_if_fail (FALT_IS_SEARCH_HIT (self), -1);

  return self->page;
}

/**
 * falt_search_hit_get_page_label:
 *
 * Returns: (nullable): the label of the PDF page that matched, as the
 *   viewer shows it ("iii", "91"; its number where the PDF has no labels),
 *   or %NULL for a hit that is no PDF page
 */
const char *
falt_search_hit_get_page_label (FaltSearchHit *self)
{
  g_return_val_if_fail (FALT_IS_SEARCH_HIT (self), NULL);

  return self->page_label;
}

/**
 * falt_search_hit_get_score:
 *
 * Returns: The relevance (higher is better).
 */
double
falt_search_hit_get_score (FaltSearchHit *self)
{
  g_return_val_if_fail (FALT_IS_SEARCH_HIT (self), 0);

  return self->score;
}

/**
 * falt_search_hit_get_document_kind:
 *
 * Returns: what was found, as an enum
 */
FaltDocumentKind
falt_search_hit_get_document_kind (FaltSearchHit *self)
{
  return falt_document_kind_from_string (falt_search_hit_get_kind (self));
}

void
falt_search_hit_set_rowid (FaltSearchHit *self,
                           gint64         rowid)
{
  self->rowid = rowid;
}

gint64
falt_search_hit_get_rowid (FaltSearchHit *self)
{
  return self->rowid;
}

/* Only on the thread that owns the hit: the snippet is no property
 * anybody binds to (the search page's rows copy it). */
void
falt_search_hit_set_snippet (FaltSearchHit *self,
                             const char    *snippet)
{
  g_free (self->snippet);
  self->snippet = g_strdup (snippet);
}
