/* sg-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "SgRow"

#include "sg-row.h"

struct _SgRow
{
  GObject parent_instance;
  guint   index;
};

G_DEFINE_FINAL_TYPE (SgRow, sg_row, G_TYPE_OBJECT)

static void
sg_row_class_init (SgRowClass *klass)
{
}

static void
sg_row_init (SgRow *self)
{
}

SgRow *
sg_row_new (guint index)
{
  SgRow *self = g_object_new (SG_TYPE_ROW, NULL);

  self->index = index;
  return self;
}

guint
sg_row_get_index (SgRow *self)
{
  g_return_val_if_fail (SG_IS_ROW (self), 0);

  return self->index;
}
