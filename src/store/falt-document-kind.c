/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "falt-store"

#include "falt-document-kind.h"
#include "falt-store-enums.h"

/**
 * falt_document_kind_from_string:
 * @kind: (nullable): a kind as the store names it: the enum value's nick
 *
 * Returns: the kind; anything unknown is an article, shown as text
 */
FaltDocumentKind
falt_document_kind_from_string (const char *kind)
{
  static GEnumClass *kinds;
  GEnumValue *value;

  if (g_once_init_enter (&kinds))
    g_once_init_leave (&kinds, g_type_class_ref (FALT_TYPE_DOCUMENT_KIND));

  value = kind != NULL ? g_enum_get_value_by_nick (kinds, kind) : NULL;
  return value != NULL ? (FaltDocumentKind) value->value : FALT_DOCUMENT_KIND_ARTICLE;
}
