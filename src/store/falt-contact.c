/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-store"

#include "falt-contact.h"

/**
 * FaltContact:
 *
 * A number to call, in one language.
 * An immutable value object: every property is read-only after construction.
 */
struct _FaltContact
{
  GObject parent_instance;

  char *id;
  char *number;
  char *name;
  char *when;
  char *hours;
  gboolean hours_example;
  gboolean example;
};

G_DEFINE_FINAL_TYPE (FaltContact, falt_contact, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NUMBER,
  PROP_NAME,
  PROP_WHEN,
  PROP_HOURS,
  PROP_HOURS_EXAMPLE,
  PROP_EXAMPLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
falt_contact_finalize (GObject *object)
{
  FaltContact *self = FALT_CONTACT (object);

  g_free (self->id);
  g_free (self->number);
  g_free (self->name);
  g_free (self->when);
  g_free (self->hours);

  G_OBJECT_CLASS (falt_contact_parent_class)->finalize (object);
}

static void
falt_contact_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  FaltContact *self = FALT_CONTACT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_NUMBER:
      g_value_set_string (value, self->number);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_WHEN:
      g_value_set_string (value, self->when);
      break;

    case PROP_HOURS:
      g_value_set_string (value, self->hours);
      break;

    case PROP_HOURS_EXAMPLE:
      g_value_set_boolean (value, self->hours_example);
      break;

    case PROP_EXAMPLE:
      g_value_set_boolean (value, self->example);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
falt_contact_class_init (FaltContactClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = falt_contact_finalize;
  object_class->get_property = falt_contact_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, "The stable contact id.",
                         NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NUMBER] =
    g_param_spec_string ("number", NULL, "The number as written, or NULL.",
                         NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, "The name in the requested language.",
                         NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_WHEN] =
    g_param_spec_string ("when", NULL, "When to call, in the requested language.",
                         NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_HOURS] =
    g_param_spec_string ("hours", NULL, "The office hours string, or NULL for always.",
                         NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_HOURS_EXAMPLE] =
    g_param_spec_boolean ("hours-example", NULL, "Whether the hours are assumed, not published.",
                          FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_EXAMPLE] =
    g_param_spec_boolean ("example", NULL, "Whether this is example data.",
                          FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
falt_contact_init (FaltContact *self)
{
}

/**
 * falt_contact_new:
 *
 * Returns: (transfer full): a new #FaltContact holding copies of the arguments
 */
FaltContact *
falt_contact_new (const char *id,
                  const char *number,
                  const char *name,
                  const char *when,
                  const char *hours,
                  gboolean hours_example,
                  gboolean example)
{
  FaltContact *self = g_object_new (FALT_TYPE_CONTACT, NULL);

  self->id = g_strdup (id);
  self->number = g_strdup (number);
  self->name = g_strdup (name);
  self->when = g_strdup (when);
  self->hours = g_strdup (hours);
  self->hours_example = hours_example;
  self->example = example;

  return self;
}

/**
 * falt_contact_get_id:
 *
 * Returns: The stable contact id.
 */
const char *
falt_contact_get_id (FaltContact *self)
{
  g_return_val_if_fail (FALT_IS_CONTACT (self), NULL);

  return self->id;
}

/**
 * falt_contact_get_number:
 *
 * Returns: The number as written, or %NULL.
 */
const char *
falt_contact_get_number (FaltContact *self)
{
  g_return_val_if_fail (FALT_IS_CONTACT (self), NULL);

  return self->number;
}

/**
 * falt_contact_get_name:
 *
 * Returns: The name in the requested language.
 */
const char *
falt_contact_get_name (FaltContact *self)
{
  g_return_val_if_fail (FALT_IS_CONTACT (self), NULL);

  return self->name;
}

/**
 * falt_contact_get_when:
 *
 * Returns: When to call, in the requested language.
 */
const char *
falt_contact_get_when (FaltContact *self)
{
  g_return_val_if_fail (FALT_IS_CONTACT (self), NULL);

  return self->when;
}

/**
 * falt_contact_get_hours:
 *
 * Returns: The office hours string, or %NULL for always.
 */
const char *
falt_contact_get_hours (FaltContact *self)
{
  g_return_val_if_fail (FALT_IS_CONTACT (self), NULL);

  return self->hours;
}

/**
 * falt_contact_get_hours_example:
 *
 * Returns: Whether the hours are example data: assumed, not published.
 */
gboolean
falt_contact_get_hours_example (FaltContact *self)
{
  g_return_val_if_fail (FALT_IS_CONTACT (self), FALSE);

  return self->hours_example;
}

/**
 * falt_contact_get_example:
 *
 * Returns: Whether this is example data.
 */
gboolean
falt_contact_get_example (FaltContact *self)
{
  g_return_val_if_fail (FALT_IS_CONTACT (self), FALSE);

  return self->example;
}
