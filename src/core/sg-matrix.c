/* sg-matrix.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "sg-error.h"
#include "sg-matrix.h"

SgMatrix *
sg_matrix_new (gsize n_rows,
               gsize n_cols)
{
  SgMatrix *matrix = g_new0 (SgMatrix, 1);
  gsize bytes = MAX (n_rows * n_cols, 1) * sizeof (double);

  /* aligned_alloc wants a multiple of the alignment */
  bytes = (bytes + 63) & ~(gsize) 63;
  matrix->n_rows = n_rows;
  matrix->n_cols = n_cols;
  matrix->data = aligned_alloc (64, bytes);
  if (matrix->data == NULL)
    g_error ("Out of memory allocating a %" G_GSIZE_FORMAT " × %" G_GSIZE_FORMAT " matrix", n_rows, n_cols);
  memset (matrix->data, 0, bytes);
  return matrix;
}

SgMatrix *
sg_matrix_copy (const SgMatrix *matrix)
{
  SgMatrix *copy = sg_matrix_new (matrix->n_rows, matrix->n_cols);

  memcpy (copy->data, matrix->data, matrix->n_rows * matrix->n_cols * sizeof (double));
  return copy;
}

void
sg_matrix_free (SgMatrix *matrix)
{
  if (matrix == NULL)
    return;
  free (matrix->data);
  g_free (matrix);
}

SgMatrix *
sg_matrix_from_table (SgTable      *table,
                      const guint  *columns,
                      guint         n_columns,
                      GArray      **kept_rows,
                      GError      **error)
{
  guint n_rows = sg_table_get_n_rows (table);
  g_autoptr(GArray) kept = g_array_sized_new (FALSE, FALSE, sizeof (guint), n_rows);
  g_autofree const double **values = g_new0 (const double *, MAX (n_columns, 1));
  SgMatrix *matrix;

  g_return_val_if_fail (columns != NULL || n_columns == 0, NULL);

  if (n_columns == 0)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT, _("Choose at least one feature"));
      return NULL;
    }
  for (guint c = 0; c < n_columns; c++)
    {
      SgColumn *column;

      if (columns[c] >= sg_table_get_n_columns (table))
        {
          g_set_error (error, SG_ERROR, SG_ERROR_NOT_FOUND, _("There is no column %u"), columns[c] + 1);
          return NULL;
        }
      column = sg_table_get_column (table, columns[c]);
      if (!sg_column_is_numeric (column))
        {
          g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT,
                       _("Column “%s” holds %s values, not numbers"), column->name,
                       sg_column_type_get_label (column->type));
          return NULL;
        }
      values[c] = sg_column_get_numbers (column);
    }

  for (guint r = 0; r < n_rows; r++)
    {
      gboolean complete = TRUE;

      for (guint c = 0; c < n_columns && complete; c++)
        complete = !isnan (values[c][r]);
      if (complete)
        g_array_append_val (kept, r);
    }
  if (kept->len == 0)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_DEGENERATE,
                   _("No row has a value in every chosen column"));
      return NULL;
    }

  matrix = sg_matrix_new (kept->len, n_columns);
  for (guint i = 0; i < kept->len; i++)
    {
      guint r = g_array_index (kept, guint, i);
      double *row = sg_matrix_row (matrix, i);

      for (guint c = 0; c < n_columns; c++)
        row[c] = values[c][r];
    }
  if (kept_rows != NULL)
    *kept_rows = g_steal_pointer (&kept);
  return matrix;
}
