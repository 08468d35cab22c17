/* sg-row.h — one row of a dataset, as an item of SgRowModel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A row is only its position: the values are read through the model's chunk cache when a cell binds,
 * so a million-row dataset costs nothing until it is scrolled to.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define SG_TYPE_ROW (sg_row_get_type ())
G_DECLARE_FINAL_TYPE (SgRow, sg_row, SG, ROW, GObject)

SgRow *sg_row_new       (guint  index);
guint  sg_row_get_index (SgRow *self);

G_END_DECLS
