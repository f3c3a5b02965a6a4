/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-dial"

#include <glib/gi18n.h>

#include "falt-dial-number.h"
#include "falt-phone-number.h"

/* One number to call, as the Get Help Now page shows it. Independent of the
 * store's FaltContact so the page works before (and without) any content:
 * the window maps contacts to these. */
struct _FaltDialNumber
{
  GObject   parent_instance;

  char     *id;
  char     *name;
  char     *number;
  char     *when;
  char     *hours;
  gboolean  hours_assumed;
  gboolean  example;
};

enum
{
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_NUMBER,
  PROP_WHEN,
  PROP_HOURS,
  PROP_HOURS_ASSUMED,
  PROP_EXAMPLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (FaltDialNumber, falt_dial_number, G_TYPE_OBJECT)

static void
falt_dial_number_finalize (GObject *object)
{
  FaltDialNumber *self = FALT_DIAL_NUMBER (object);

  g_free (self->id);
  g_free (self->name);
  g_free (self->number);
  g_free (self->when);
  g_free (self->hours);

  G_OBJECT_CLASS (falt_dial_number_parent_class)->finalize (object);
}

static void
falt_dial_number_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  FaltDialNumber *self = FALT_DIAL_NUMBER (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_string (value, self->id); break;
    case PROP_NAME: g_value_set_string (value, self->name); break;
    case PROP_NUMBER: g_value_set_string (value, self->number); break;
    case PROP_WHEN: g_value_set_string (value, self->when); break;
    case PROP_HOURS: g_value_set_string (value, self->hours); break;
    case PROP_HOURS_ASSUMED: g_value_set_boolean (value, self->hours_assumed); break;
    case PROP_EXAMPLE: g_value_set_boolean (value, self->example); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
falt_dial_number_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  FaltDialNumber *self = FALT_DIAL_NUMBER (object);

  switch (prop_id)
    {
    case PROP_ID: self->id = g_value_dup_string (value); break;
    case PROP_NAME: self->name = g_value_dup_string (value); break;
    case PROP_NUMBER: self->number = g_value_dup_string (value); break;
    case PROP_WHEN: self->when = g_value_dup_string (value); break;
    case PROP_HOURS: self->hours = g_value_dup_string (value); break;
    case PROP_HOURS_ASSUMED: self->hours_assumed = g_value_get_boolean (value); break;
    case PROP_EXAMPLE: self->example = g_value_get_boolean (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
falt_dial_number_class_init (FaltDialNumberClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = falt_dial_number_finalize;
  object_class->get_property = falt_dial_number_get_property;
  object_class->set_property = falt_dial_number_set_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  /* NULL for a service without one national number (socialjour). */
  properties[PROP_NUMBER] = g_param_spec_string ("number", NULL, NULL, NULL, flags);
  properties[PROP_WHEN] = g_param_spec_string ("when", NULL, NULL, NULL, flags);
  /* NULL means always open; see falt_office_hours_parse(). */
  properties[PROP_HOURS] = g_param_spec_string ("hours", NULL, NULL, NULL, flags);
  /* The hours are our assumption, not published ones: the page says so and
   * words the open/closed status as a likelihood. */
  properties[PROP_HOURS_ASSUMED] = g_param_spec_boolean ("hours-assumed", NULL, NULL, FALSE, flags);
  properties[PROP_EXAMPLE] = g_param_spec_boolean ("example", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
falt_dial_number_init (FaltDialNumber *self)
{
}

FaltDialNumber *
falt_dial_number_new (const char *id,
                      const char *name,
                      const char *number,
                      const char *when,
                      const char *hours,
                      gboolean    example)
{
  return g_object_new (FALT_TYPE_DIAL_NUMBER, "id", id, "name", name, "number", number,
                       "when", when, "hours", hours, "example", example, NULL);
}

const char *
falt_dial_number_get_id (FaltDialNumber *self)
{
  g_return_val_if_fail (FALT_IS_DIAL_NUMBER (self), NULL);
  return self->id;
}

const char *
falt_dial_number_get_name (FaltDialNumber *self)
{
  g_return_val_if_fail (FALT_IS_DIAL_NUMBER (self), NULL);
  return self->name;
}

const char *
falt_dial_number_get_number (FaltDialNumber *self)
{
  g_return_val_if_fail (FALT_IS_DIAL_NUMBER (self), NULL);
  return self->number;
}

const char *
falt_dial_number_get_when (FaltDialNumber *self)
{
  g_return_val_if_fail (FALT_IS_DIAL_NUMBER (self), NULL);
  return self->when;
}

const char *
falt_dial_number_get_hours (FaltDialNumber *self)
{
  g_return_val_if_fail (FALT_IS_DIAL_NUMBER (self), NULL);
  return self->hours;
}

gboolean
falt_dial_number_get_hours_assumed (FaltDialNumber *self)
{
  g_return_val_if_fail (FALT_IS_DIAL_NUMBER (self), FALSE);
  return self->hours_assumed;
}

gboolean
falt_dial_number_get_example (FaltDialNumber *self)
{
  g_return_val_if_fail (FALT_IS_DIAL_NUMBER (self), FALSE);
  return self->example;
}

gboolean
falt_dial_number_is_emergency (FaltDialNumber *self)
{
  g_return_val_if_fail (FALT_IS_DIAL_NUMBER (self), FALSE);
  return self->number != NULL && falt_phone_number_is_emergency (self->number);
}

/**
 * falt_dial_builtin_numbers:
 *
 * The numbers the app knows without any content: the support line, the
 * police, 112 and the social services' on-call service. Content from the
 * store replaces them (the support line's hours in particular, see
 * %FALT_DIAL_SUPPORT_LINE_ASSUMED_HOURS).
 *
 * Returns: (transfer full): a list of #FaltDialNumber
 */
GListModel *
falt_dial_builtin_numbers (void)
{
  GListStore *store = g_list_store_new (FALT_TYPE_DIAL_NUMBER);
  g_autoptr (FaltDialNumber) emergency = NULL;
  g_autoptr (FaltDialNumber) support = NULL;
  g_autoptr (FaltDialNumber) police = NULL;
  g_autoptr (FaltDialNumber) socialjour = NULL;

  emergency = falt_dial_number_new ("emergency", _("Emergency — acute danger"), "112",
                                    _("Call 112 in acute danger, when someone’s life or health is threatened right now."),
                                    NULL, FALSE);
  support = g_object_new (FALT_TYPE_DIAL_NUMBER,
                          "id", "support-line",
                          "name", _("Support line for professionals"),
                          "number", "020-39 00 00",
                          "when", _("Call for advice on a case of prostitution, human trafficking or exploitation. The support line gives municipalities, authorities and organisations method support, and can put you in touch with a regional coordinator."),
                          "hours", FALT_DIAL_SUPPORT_LINE_ASSUMED_HOURS,
                          "hours-assumed", TRUE,
                          NULL);
  police = falt_dial_number_new ("police", _("Police — urgent, not acute"), "114 14",
                                 _("Call when a case is urgent but no one is in immediate danger: to report a suspected crime or get the police involved."),
                                 NULL, FALSE);
  socialjour = falt_dial_number_new ("socialjour", _("Social services on-call service"), NULL,
                                     _("Outside office hours, your municipality’s on-call social services (socialjour) can act in urgent cases, for example to protect a child or an adult. Find the local number on your municipality’s website. If it cannot wait, call the police on 114 14; if someone is in acute danger, call 112."),
                                     NULL, FALSE);

  g_list_store_append (store, emergency);
  g_list_store_append (store, support);
  g_list_store_append (store, police);
  g_list_store_append (store, socialjour);

  return G_LIST_MODEL (store);
}

/**
 * falt_dial_call_number_label:
 * @number: a number as shown, "112"
 *
 * The label of a button that calls @number. Not the same message as
 * falt_dial_call_name_label(): a language may word "call" differently for
 * a number and for a person or an office.
 *
 * Returns: (transfer full): "Call 112"
 */
char *
falt_dial_call_number_label (const char *number)
{
  /* Translators: a button that calls a number: %s is the number, as in “Call 112”. */
  return g_strdup_printf (C_("call a number", "Call %s"), number);
}

/**
 * falt_dial_call_name_label:
 * @name: a person's or an office's name
 *
 * Returns: (transfer full): "Call Social services, region Nord", the name of
 *   a button that calls whoever @name is
 */
char *
falt_dial_call_name_label (const char *name)
{
  /* Translators: a button's name for screen readers: %s is a coordinator's name or office, as in
     “Call Social services, region Nord”; the name stays as it is written, it is not inflected. */
  return g_strdup_printf (C_("call a person or office", "Call %s"), name);
}
