/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-store"

#include "falt-section.h"

/**
 * FaltSection:
 *
 * A content section: a group of documents shown together in the library.
 * An immutable value object: every property is read-only after construction.
 */
struct _FaltSection
{
  GObject parent_instance;

  char *id;
  char *title;
  char *icon_name;
  int order;
};

G_DEFINE_FINAL_TYPE (FaltSection, falt_section, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_ICON_NAME,
  PROP_ORDER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
falt_section_finalize (GObject *object)
{
  FaltSection *self = FALT_SECTION (object);

  g_free (self->id);
  g_free (self->title);
  g_free (self->icon_name);

  G_OBJECT_CLASS (falt_section_parent_class)->finalize (object);
}

static void
falt_section_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  FaltSection *self = FALT_SECTION (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_ICON_NAME:
      g_value_set_string (value, self->icon_name);
      break;

    case PROP_ORDER:
      g_value_set_int (value, self->order);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
falt_section_class_init (FaltSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = falt_section_finalize;
  object_class->get_property = falt_section_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, "The stable section id.",
                         NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, "The section title in the requested language.",
                         NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ICON_NAME] =
    g_param_spec_string ("icon-name", NULL, "The symbolic icon name for the section.",
                         NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ORDER] =
    g_param_spec_int ("order", NULL, "Position among the sections (ascending).",
                      G_MININT, G_MAXINT, -1, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
falt_section_init (FaltSection *self)
{
}

/**
 * falt_section_new:
 *
 * Returns: (transfer full): a new #FaltSection holding copies of the arguments
 */
FaltSection *
falt_section_new (const char *id,
                  const char *title,
                  const char *icon_name,
                  int order)
{
  FaltSection *self = g_object_new (FALT_TYPE_SECTION, NULL);

  self->id = g_strdup (id);
  self->title = g_strdup (title);
  self->icon_name = g_strdup (icon_name);
  self->order = order;

  return self;
}

/**
 * falt_section_get_id:
 *
 * Returns: The stable section id.
 */
const char *
falt_section_get_id (FaltSection *self)
{
  g_return_val_if_fail (FALT_IS_SECTION (self), NULL);

  return self->id;
}

/**
 * falt_section_get_title:
 *
 * Returns: The section title in the requested language.
 */
const char *
falt_section_get_title (FaltSection *self)
{
  g_return_val_if_fail (FALT_IS_SECTION (self), NULL);

  return self->title;
}

/**
 * falt_section_get_icon_name:
 *
 * Returns: The symbolic icon name for the section.
 */
const char *
falt_section_get_icon_name (FaltSection *self)
{
  g_return_val_if_fail (FALT_IS_SECTION (self), NULL);

  return self->icon_name;
}

/**
 * falt_section_get_order:
 *
 * Returns: Position among the sections (ascending).
 */
int
falt_section_get_order (FaltSection *self)
{
  g_return_val_if_fail (FALT_IS_SECTION (self), -1);

  return self->order;
}
