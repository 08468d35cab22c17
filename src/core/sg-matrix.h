/* sg-matrix.h — a dense, row-major matrix of doubles for the numerical engine
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "sg-table.h"

G_BEGIN_DECLS

typedef struct {
  gsize   n_rows;
  gsize   n_cols;
  double *data;     /* n_rows × n_cols, row-major, 64-byte aligned */
} SgMatrix;

SgMatrix *sg_matrix_new      (gsize           n_rows,
                              gsize           n_cols);   /* zero-filled */
SgMatrix *sg_matrix_copy     (const SgMatrix *matrix);
void      sg_matrix_free     (SgMatrix       *matrix);

static inline double *
sg_matrix_row (const SgMatrix *matrix,
               gsize           row)
{
  return matrix->data + row * matrix->n_cols;
}

/* Builds a matrix from numeric columns of @table, skipping rows where any chosen column is
 * missing. @kept_rows (optional) receives the table row (guint) of each matrix row. Fails with
 * a clear error for a non-numeric column or when no row is complete. */
SgMatrix *sg_matrix_from_table (SgTable      *table,
                                const guint  *columns,
                                guint         n_columns,
                                GArray      **kept_rows,
                                GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SgMatrix, sg_matrix_free)

G_END_DECLS
