/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-search-result"

#include "falt-search-result.h"
#include "falt-ui-utils.h"

/**
 * FaltSearchResult:
 *
 * One row of the search results, the item its FaltSearchResultRow is bound
 * to. The search page keeps its items from one keystroke to the next and
 * gives them the new hits (falt_search_result_set()): the rows bound to
 * them stay and only their text changes, instead of rows built anew for
 * every letter typed. An item without a hit (falt_search_result_clear())
 * has its row hidden.
 */
struct _FaltSearchResult
{
  GObject               parent_instance;

  FaltSearchHit        *hit;
  FaltSearchResultKind  kind;
  char                 *title;
  char                 *count;     /* a PDF's matching pages ("3 pages match"), "" for none */
  char                 *snippet;   /* Pango markup, matches in bold; "" for none */
};

G_DEFINE_FINAL_TYPE (FaltSearchResult, falt_search_result, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_HIT,
  PROP_TITLE,
  PROP_COUNT,
  PROP_SNIPPET,
  PROP_HAS_SNIPPET,
  PROP_ICON_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
icon_name (FaltSearchResult *self)
{
  if (self->kind == FALT_SEARCH_RESULT_PDF_PAGE || self->hit == NULL)
    return NULL;
  switch (falt_search_hit_get_document_kind (self->hit))
    {
    case FALT_DOCUMENT_KIND_PDF:
      return "x-office-document-symbolic";
    case FALT_DOCUMENT_KIND_COORDINATOR:
      return "system-users-symbolic";
    case FALT_DOCUMENT_KIND_ARTICLE:
    default:
      return "text-x-generic-symbolic";
    }
}

static void
falt_search_result_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  FaltSearchResult *self = FALT_SEARCH_RESULT (object);

  switch (prop_id)
    {
    case PROP_HIT:
      g_value_set_object (value, self->hit);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_COUNT:
      g_value_set_string (value, self->count);
      break;
    case PROP_SNIPPET:
      g_value_set_string (value, self->snippet);
      break;
    case PROP_HAS_SNIPPET:
      g_value_set_boolean (value, self->snippet != NULL && *self->snippet != '\0');
      break;
    case PROP_ICON_NAME:
      g_value_set_string (value, icon_name (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
falt_search_result_finalize (GObject *object)
{
  FaltSearchResult *self = FALT_SEARCH_RESULT (object);

  g_clear_object (&self->hit);
  g_free (self->title);
  g_free (self->count);
  g_free (self->snippet);

  G_OBJECT_CLASS (falt_search_result_parent_class)->finalize (object);
}

static void
falt_search_result_class_init (FaltSearchResultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = falt_search_result_finalize;
  object_class->get_property = falt_search_result_get_property;

  properties[PROP_HIT] =
    g_param_spec_object ("hit", NULL, NULL, FALT_TYPE_SEARCH_HIT, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* Beside the title, in a label of its own that a long title cannot hide. */
  properties[PROP_COUNT] =
    g_param_spec_string ("count", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* The snippet as Pango markup, the matched words in bold. */
  properties[PROP_SNIPPET] =
    g_param_spec_string ("snippet", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_HAS_SNIPPET] =
    g_param_spec_boolean ("has-snippet", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* The kind's icon; none for a PDF's page, under its document. */
  properties[PROP_ICON_NAME] =
    g_param_spec_string ("icon-name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
falt_search_result_init (FaltSearchResult *self)
{
}

/* Sets *field to value, TRUE if it changed. */
static gboolean
replace_string (char       **field,
                const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

/**
 * falt_search_result_set:
 * @hit: the hit the row opens
 * @kind: what the row shows of it
 * @title: the row's title
 * @count: (nullable): what the row counts beside its title (a PDF's
 *   matching pages), or %NULL
 *
 * Gives the item another hit, notifying only what changed, so a bound row
 * lays out again only the labels whose text is new. A PDF's row shows no
 * snippet: its pages' rows do.
 */
void
falt_search_result_set (FaltSearchResult     *self,
                        FaltSearchHit        *hit,
                        FaltSearchResultKind  kind,
                        const char           *title,
                        const char           *count)
{
  g_autofree char *snippet = NULL;
  const char *old_icon;
  gboolean had_snippet;

  g_return_if_fail (FALT_IS_SEARCH_RESULT (self));
  g_return_if_fail (FALT_IS_SEARCH_HIT (hit));

  snippet = kind == FALT_SEARCH_RESULT_PDF_DOCUMENT ? g_strdup ("")
                                                    : falt_snippet_to_markup (falt_search_hit_get_snippet (hit));
  old_icon = icon_name (self);
  had_snippet = self->snippet != NULL && *self->snippet != '\0';

  g_object_freeze_notify (G_OBJECT (self));
  g_set_object (&self->hit, hit);
  self->kind = kind;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIT]);
  if (replace_string (&self->title, title))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  if (replace_string (&self->count, count != NULL ? count : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNT]);
  if (replace_string (&self->snippet, snippet))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SNIPPET]);
  if (had_snippet != (*self->snippet != '\0'))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_SNIPPET]);
  if (g_strcmp0 (old_icon, icon_name (self)) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ICON_NAME]);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * falt_search_result_clear:
 *
 * Lets go of the item's hit: its row is hidden, kept for another hit.
 */
void
falt_search_result_clear (FaltSearchResult *self)
{
  g_return_if_fail (FALT_IS_SEARCH_RESULT (self));

  if (self->hit == NULL)
    return;
  g_clear_object (&self->hit);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIT]);
}

FaltSearchResult *
falt_search_result_new (FaltSearchHit        *hit,
                        FaltSearchResultKind  kind,
                        const char           *title,
                        const char           *count)
{
  FaltSearchResult *self = g_object_new (FALT_TYPE_SEARCH_RESULT, NULL);

  falt_search_result_set (self, hit, kind, title, count);
  return self;
}

/* (nullable): none after falt_search_result_clear() */
FaltSearchHit *
falt_search_result_get_hit (FaltSearchResult *self)
{
  g_return_val_if_fail (FALT_IS_SEARCH_RESULT (self), NULL);

  return self->hit;
}

FaltSearchResultKind
falt_search_result_get_kind (FaltSearchResult *self)
{
  g_return_val_if_fail (FALT_IS_SEARCH_RESULT (self), FALT_SEARCH_RESULT_HIT);

  return self->kind;
}

const char *
falt_search_result_get_title (FaltSearchResult *self)
{
  g_return_val_if_fail (FALT_IS_SEARCH_RESULT (self), NULL);

  return self->title;
}

const char *
falt_search_result_get_count (FaltSearchResult *self)
{
  g_return_val_if_fail (FALT_IS_SEARCH_RESULT (self), NULL);

  return self->count;
}

const char *
falt_search_result_get_snippet (FaltSearchResult *self)
{
  g_return_val_if_fail (FALT_IS_SEARCH_RESULT (self), NULL);

  return self->snippet;
}
