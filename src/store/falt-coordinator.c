/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-store"

#include "falt-coordinator.h"

/**
 * FaltCoordinator:
 *
 * A regional coordinator against prostitution and human trafficking.
 * An immutable value object: every property is read-only after construction.
 */
struct _FaltCoordinator
{
  GObject parent_instance;

  char *id;
  char *region;
  char *name;
  char *organisation;
  char **counties;
  char **municipalities;
  char *target_group;
  char *phone;
  char *email;
  char *hours;
  char *verified;
  gboolean example;
};

G_DEFINE_FINAL_TYPE (FaltCoordinator, falt_coordinator, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_REGION,
  PROP_NAME,
  PROP_ORGANISATION,
  PROP_COUNTIES,
  PROP_MUNICIPALITIES,
  PROP_TARGET_GROUP,
  PROP_PHONE,
  PROP_EMAIL,
  PROP_HOURS,
  PROP_VERIFIED,
  PROP_EXAMPLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
falt_coordinator_finalize (GObject *object)
{
  FaltCoordinator *self = FALT_COORDINATOR (object);

  g_free (self->id);
  g_free (self->region);
  g_free (self->name);
  g_free (self->organisation);
  g_strfreev (self->counties);
  g_strfreev (self->municipalities);
  g_free (self->target_group);
  g_free (self->phone);
  g_free (self->email);
  g_free (self->hours);
  g_free (self->verified);

  G_OBJECT_CLASS (falt_coordinator_parent_class)->finalize (object);
}

static void
falt_coordinator_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  FaltCoordinator *self = FALT_COORDINATOR (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_REGION:
      g_value_set_string (value, self->region);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_ORGANISATION:
      g_value_set_string (value, self->organisation);
      break;

    case PROP_COUNTIES:
      g_value_set_boxed (value, self->counties);
      break;

    case PROP_MUNICIPALITIES:
      g_value_set_boxed (value, self->municipalities);
      break;

    case PROP_TARGET_GROUP:
      g_value_set_string (value, self->target_group);
      break;

    case PROP_PHONE:
      g_value_set_string (value, self->phone);
      break;

    case PROP_EMAIL:
      g_value_set_string (value, self->email);
      break;

    case PROP_HOURS:
      g_value_set_string (value, self->hours);
      break;

    case PROP_VERIFIED:
      g_value_set_string (value, self->verified);
      break;

    case PROP_EXAMPLE:
      g_value_set_boolean (value, self->example);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
falt_coordinator_class_init (FaltCoordinatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = falt_coordinator_finalize;
  object_class->get_property = falt_coordinator_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, "The stable coordinator id.",
                         NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REGION] =
    g_param_spec_string ("region", NULL, "The region.",
                         NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, "The person's name, or NULL.",
                         NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ORGANISATION] =
    g_param_spec_string ("organisation", NULL, "The organisation.",
                         NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_COUNTIES] =
    g_param_spec_boxed ("counties", NULL, "The counties covered (never NULL).",
                        G_TYPE_STRV, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MUNICIPALITIES] =
    g_param_spec_boxed ("municipalities", NULL, "The municipalities covered (never NULL).",
                        G_TYPE_STRV, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TARGET_GROUP] =
    g_param_spec_string ("target-group", NULL, "\"adults\", \"children\" or \"all\".",
                         NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PHONE] =
    g_param_spec_string ("phone", NULL, "The phone number as written, or NULL.",
                         NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_EMAIL] =
    g_param_spec_string ("email", NULL, "The e-mail address, or NULL.",
                         NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_HOURS] =
    g_param_spec_string ("hours", NULL, "The office hours string, or NULL for always.",
                         NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_VERIFIED] =
    g_param_spec_string ("verified", NULL, "The ISO date the entry was last verified, or NULL.",
                         NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_EXAMPLE] =
    g_param_spec_boolean ("example", NULL, "Whether this is example data.",
                          FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
falt_coordinator_init (FaltCoordinator *self)
{
}

/**
 * falt_coordinator_new:
 *
 * Returns: (transfer full): a new #FaltCoordinator holding copies of the arguments
 */
FaltCoordinator *
falt_coordinator_new (const char *id,
                      const char *region,
                      const char *name,
                      const char *organisation,
                      const char * const *counties,
                      const char * const *municipalities,
                      const char *target_group,
                      const char *phone,
                      const char *email,
                      const char *hours,
                      const char *verified,
                      gboolean example)
{
  FaltCoordinator *self = g_object_new (FALT_TYPE_COORDINATOR, NULL);

  self->id = g_strdup (id);
  self->region = g_strdup (region);
  self->name = g_strdup (name);
  self->organisation = g_strdup (organisation);
  self->counties = counties ? g_strdupv ((char **) counties) : g_new0 (char *, 1);
  self->municipalities = municipalities ? g_strdupv ((char **) municipalities) : g_new0 (char *, 1);
  self->target_group = g_strdup (target_group);
  self->phone = g_strdup (phone);
  self->email = g_strdup (email);
  self->hours = g_strdup (hours);
  self->verified = g_strdup (verified);
  self->example = example;

  return self;
}

/**
 * falt_coordinator_get_id:
 *
 * Returns: The stable coordinator id.
 */
const char *
falt_coordinator_get_id (FaltCoordinator *self)
{
  g_return_val_if_fail (FALT_IS_COORDINATOR (self), NULL);

  return self->id;
}

/**
 * falt_coordinator_get_region:
 *
 * Returns: The region.
 */
const char *
falt_coordinator_get_region (FaltCoordinator *self)
{
  g_return_val_if_fail (FALT_IS_COORDINATOR (self), NULL);

  return self->region;
}

/**
 * falt_coordinator_get_name:
 *
 * Returns: The person's name, or %NULL.
 */
const char *
falt_coordinator_get_name (FaltCoordinator *self)
{
  g_return_val_if_fail (FALT_IS_COORDINATOR (self), NULL);

  return self->name;
}

/**
 * falt_coordinator_get_organisation:
 *
 * Returns: The organisation.
 */
const char *
falt_coordinator_get_organisation (FaltCoordinator *self)
{
  g_return_val_if_fail (FALT_IS_COORDINATOR (self), NULL);

  return self->organisation;
}

/**
 * falt_coordinator_get_counties:
 *
 * Returns: The counties covered (never %NULL).
 */
const char * const *
falt_coordinator_get_counties (FaltCoordinator *self)
{
  g_return_val_if_fail (FALT_IS_COORDINATOR (self), NULL);

  return (const char * const *) self->counties;
}

/**
 * falt_coordinator_get_municipalities:
 *
 * Returns: The municipalities covered (never %NULL).
 */
const char * const *
falt_coordinator_get_municipalities (FaltCoordinator *self)
{
  g_return_val_if_fail (FALT_IS_COORDINATOR (self), NULL);

  return (const char * const *) self->municipalities;
}

/**
 * falt_coordinator_get_target_group:
 *
 * Returns: "adults", "children" or "all".
 */
const char *
falt_coordinator_get_target_group (FaltCoordinator *self)
{
  g_return_val_if_fail (FALT_IS_COORDINATOR (self), NULL);

  return self->target_group;
}

/**
 * falt_coordinator_get_phone:
 *
 * Returns: The phone number as written, or %NULL.
 */
const char *
falt_coordinator_get_phone (FaltCoordinator *self)
{
  g_return_val_if_fail (FALT_IS_COORDINATOR (self), NULL);

  return self->phone;
}

/**
 * falt_coordinator_get_email:
 *
 * Returns: The e-mail address, or %NULL.
 */
const char *
falt_coordinator_get_email (FaltCoordinator *self)
{
  g_return_val_if_fail (FALT_IS_COORDINATOR (self), NULL);

  return self->email;
}

/**
 * falt_coordinator_get_hours:
 *
 * Returns: The office hours string, or %NULL for always.
 */
const char *
falt_coordinator_get_hours (FaltCoordinator *self)
{
  g_return_val_if_fail (FALT_IS_COORDINATOR (self), NULL);

  return self->hours;
}

/**
 * falt_coordinator_get_verified:
 *
 * Returns: The ISO date the entry was last verified, or %NULL.
 */
const char *
falt_coordinator_get_verified (FaltCoordinator *self)
{
  g_return_val_if_fail (FALT_IS_COORDINATOR (self), NULL);

  return self->verified;
}

/**
 * falt_coordinator_get_example:
 *
 * Returns: Whether this is example data.
 */
gboolean
falt_coordinator_get_example (FaltCoordinator *self)
{
  g_return_val_if_fail (FALT_IS_COORDINATOR (self), FALSE);

  return self->example;
}
