/* sg-enum-private.h — string ids of registered enums (their GEnumValue nicks)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The nick of @value, or NULL if @value is not a member of @type. */
static inline const char *
sg_enum_to_nick (GType type,
                 int   value)
{
  /* Static enum classes are never finalised: keep the one reference taken here. */
  GEnumClass *klass = g_type_class_peek (type);
  GEnumValue *found;

  if (klass == NULL)
    klass = g_type_class_ref (type);
  found = g_enum_get_value (klass, value);
  return found != NULL ? found->value_nick : NULL;
}

static inline gboolean
sg_enum_from_nick (GType       type,
                   const char *nick,
                   int        *value)
{
  GEnumClass *klass = g_type_class_peek (type);
  GEnumValue *found;

  if (nick == NULL)
    return FALSE;
  if (klass == NULL)
    klass = g_type_class_ref (type);
  found = g_enum_get_value_by_nick (klass, nick);
  if (found == NULL)
    return FALSE;
  *value = found->value;
  return TRUE;
}

G_END_DECLS
