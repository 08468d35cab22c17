/* test-table.c — SgTable, SgColumn and SgMatrix
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "sg-error.h"
#include "sg-matrix.h"
#include "sg-table.h"
#include "sg-test-util.h"

static void
test_column_types (void)
{
  SgColumnType type;

  for (guint i = 0; i < SG_N_COLUMN_TYPES; i++)
    {
      g_assert_true (sg_column_type_from_string (sg_column_type_to_string (i), &type));
      g_assert_cmpint (type, ==, i);
      g_assert_nonnull (sg_column_type_get_label (i));
    }
  g_assert_false (sg_column_type_from_string ("money", &type));
  g_assert_true (sg_column_type_is_numeric (SG_COLUMN_DATE));
  g_assert_false (sg_column_type_is_numeric (SG_COLUMN_CATEGORICAL));
}

static void
test_missing_and_format (void)
{
  g_autoptr(SgTable) table = sg_table_new ("t");
  SgColumn *when = sg_table_add_column (table, "when", SG_COLUMN_DATETIME);
  SgColumn *day = sg_table_add_column (table, "day", SG_COLUMN_DATE);
  SgColumn *count = sg_table_add_column (table, "count", SG_COLUMN_INTEGER);
  g_autofree char *a = NULL, *b = NULL, *c = NULL, *d = NULL;
  g_autoptr(GError) error = NULL;

  sg_column_append_number (when, 1291192800.0);  /* 2010-12-01 08:40 UTC */
  sg_column_append_missing (when);
  sg_column_append_number (day, 86400.0 * 365);
  sg_column_append_number (day, 0);
  sg_column_append_number (count, 42);
  g_assert_false (sg_table_check (table, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT);
  sg_column_append_number (count, NAN);
  g_clear_error (&error);
  g_assert_true (sg_table_check (table, &error));

  g_assert_cmpuint (when->n_missing, ==, 1);
  g_assert_true (sg_column_is_missing (when, 1));
  a = sg_column_format_value (when, 0);
  b = sg_column_format_value (day, 0);
  c = sg_column_format_value (count, 0);
  d = sg_column_format_value (count, 1);
  g_assert_cmpstr (a, ==, "2010-12-01 08:40");
  g_assert_cmpstr (b, ==, "1971-01-01");
  g_assert_cmpstr (c, ==, "42");
  g_assert_cmpstr (d, ==, "");
  g_assert_cmpint (sg_table_lookup_column (table, "count"), ==, 2);
  g_assert_cmpint (sg_table_lookup_column (table, "nope"), ==, -1);
}

static void
test_matrix_from_table (void)
{
  g_autoptr(SgTable) table = sg_table_new ("t");
  SgColumn *x = sg_table_add_column (table, "x", SG_COLUMN_DECIMAL);
  SgColumn *y = sg_table_add_column (table, "y", SG_COLUMN_INTEGER);
  SgColumn *name = sg_table_add_column (table, "name", SG_COLUMN_TEXT);
  g_autoptr(SgMatrix) matrix = NULL;
  g_autoptr(GArray) kept = NULL;
  g_autoptr(GError) error = NULL;
  guint both[] = { 0, 1 }, text[] = { 2 };

  for (guint i = 0; i < 5; i++)
    {
      sg_column_append_number (x, i == 1 ? NAN : i);
      sg_column_append_number (y, i == 3 ? NAN : 10 * i);
      sg_column_append_string (name, "n");
    }
  matrix = sg_matrix_from_table (table, both, 2, &kept, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (matrix->n_rows, ==, 3);
  g_assert_cmpuint (kept->len, ==, 3);
  g_assert_cmpuint (g_array_index (kept, guint, 1), ==, 2);
  g_assert_cmpfloat (sg_matrix_row (matrix, 2)[1], ==, 40.0);
  g_assert_cmpuint ((guintptr) matrix->data % 64, ==, 0);

  g_assert_null (sg_matrix_from_table (table, text, 1, NULL, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT);
}

static void
test_reference_loader (void)
{
  g_autoptr(SgMatrix) x = sg_test_load_reference ("blobs_4x5");
  g_autoptr(JsonNode) json = NULL;
  g_autofree gint32 *labels = NULL;
  gsize n = 0;
  double mean = 0;

  if (x == NULL)
    return;
  g_assert_cmpuint (x->n_rows, ==, 3000);
  g_assert_cmpuint (x->n_cols, ==, 5);
  for (gsize r = 0; r < x->n_rows; r++)
    mean += sg_matrix_row (x, r)[2];
  g_assert_cmpfloat (fabs (mean / x->n_rows), <, 1e-12);
  labels = sg_test_load_reference_labels ("blobs_4x5", "dbscan", &n);
  g_assert_cmpuint (n, ==, 3000);
  json = sg_test_load_reference_json ("blobs_4x5");
  g_assert_cmpfloat_with_epsilon (sg_test_json_double (json, "kmeans.inertia"), 781.6130536787093, 1e-9);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/table/column-types", test_column_types);
  g_test_add_func ("/table/missing-and-format", test_missing_and_format);
  g_test_add_func ("/table/matrix-from-table", test_matrix_from_table);
  g_test_add_func ("/table/reference-loader", test_reference_loader);

  return g_test_run ();
}
