/* test-clean.c — duplicates, imputation, outliers and winsorising, one-hot encoding
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "sg-clean.h"
#include "sg-error.h"
#include "sg-test-util.h"

static GPtrArray *
customers (void)
{
  /* id, spend, city; rows 2 and 4 are an exact duplicate; id 7 appears three times */
  static const struct { double id; double spend; const char *city; } rows[] = {
    { 7, 10, "Lyon" }, { 8, 20, "Paris" }, { 7, 30, "Paris" }, { 9, NAN, NULL }, { 7, 30, "Paris" }, { NAN, 5, "Nice" },
  };
  g_autoptr(SgTable) table = sg_table_new ("c");
  SgColumn *id = sg_table_add_column (table, "id", SG_COLUMN_INTEGER);
  SgColumn *spend = sg_table_add_column (table, "spend", SG_COLUMN_DECIMAL);
  SgColumn *city = sg_table_add_column (table, "city", SG_COLUMN_CATEGORICAL);

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      sg_column_append_number (id, rows[i].id);
      sg_column_append_number (spend, rows[i].spend);
      sg_column_append_string (city, rows[i].city);
    }
  return sg_columns_from_table (table);
}

static double
number_at (GPtrArray *columns, const char *name, guint row)
{
  int index = sg_columns_lookup (columns, name);

  g_assert_cmpint (index, >=, 0);
  return sg_column_get_number (g_ptr_array_index (columns, index), row);
}

static const char *
string_at (GPtrArray *columns, const char *name, guint row)
{
  int index = sg_columns_lookup (columns, name);

  g_assert_cmpint (index, >=, 0);
  return sg_column_get_string (g_ptr_array_index (columns, index), row);
}

static void
test_duplicate_rows (void)
{
  g_autoptr(GPtrArray) columns = customers ();
  g_autofree guint8 *flags = NULL;

  g_assert_cmpuint (sg_clean_find_duplicate_rows (columns, &flags), ==, 1);
  g_assert_true (flags[4]);
  g_assert_false (flags[2]);
  g_assert_cmpuint (sg_clean_drop_duplicate_rows (columns), ==, 1);
  g_assert_cmpuint (sg_columns_get_n_rows (columns), ==, 5);
  g_assert_true (isnan (number_at (columns, "id", 4)));
  g_assert_cmpuint (sg_clean_drop_duplicate_rows (columns), ==, 0);
}

static void
test_duplicate_ids (void)
{
  g_autoptr(GError) error = NULL;
  guint64 removed, ids;

  {
    g_autoptr(GPtrArray) columns = customers ();

    g_assert_true (sg_clean_dedupe_ids (columns, "id", SG_KEEP_FIRST, &removed, &ids, &error));
    g_assert_cmpuint (removed, ==, 2);
    g_assert_cmpuint (ids, ==, 1);
    /* rows left: 7 (first), 8, 9, no-id */
    g_assert_cmpuint (sg_columns_get_n_rows (columns), ==, 4);
    g_assert_cmpfloat (number_at (columns, "spend", 0), ==, 10);
    g_assert_cmpstr (string_at (columns, "city", 0), ==, "Lyon");
  }
  {
    g_autoptr(GPtrArray) columns = customers ();

    g_assert_true (sg_clean_dedupe_ids (columns, "id", SG_KEEP_LAST, &removed, &ids, &error));
    g_assert_cmpuint (sg_columns_get_n_rows (columns), ==, 4);
    /* the last row of id 7 is row 4, which comes after 8 and 9 */
    g_assert_cmpfloat (number_at (columns, "id", 2), ==, 7);
    g_assert_cmpfloat (number_at (columns, "spend", 2), ==, 30);
  }
  {
    g_autoptr(GPtrArray) columns = customers ();

    g_assert_true (sg_clean_dedupe_ids (columns, "id", SG_KEEP_AGGREGATE, &removed, &ids, &error));
    g_assert_cmpuint (removed, ==, 2);
    g_assert_cmpfloat (number_at (columns, "id", 0), ==, 7);
    g_assert_cmpfloat_with_epsilon (number_at (columns, "spend", 0), (10.0 + 30 + 30) / 3, 1e-12);
    g_assert_cmpstr (string_at (columns, "city", 0), ==, "Paris");   /* 2 of 3 */
  }
  {
    g_autoptr(GPtrArray) columns = customers ();

    g_assert_false (sg_clean_dedupe_ids (columns, "nope", SG_KEEP_FIRST, &removed, &ids, &error));
    g_assert_error (error, SG_ERROR, SG_ERROR_NOT_FOUND);
  }
}

static SgColumn *
numbers (const char *name, const double *values, guint n)
{
  SgColumn *column = sg_column_new (name, SG_COLUMN_DECIMAL);

  for (guint i = 0; i < n; i++)
    sg_column_append_number (column, values[i]);
  return column;
}

static void
test_fill (void)
{
  static const double values[] = { 1, 2, 3, 4, 100, NAN };
  static const double ints[] = { 1, 1, 2, NAN, 4, 5 };
  g_autoptr(GPtrArray) columns = g_ptr_array_new_with_free_func ((GDestroyNotify) sg_column_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *why = NULL;
  g_autofree char *mode = NULL;
  double number;

  g_ptr_array_add (columns, numbers ("spend", values, 6));
  g_ptr_array_add (columns, numbers ("visits", ints, 6));
  ((SgColumn *) g_ptr_array_index (columns, 1))->type = SG_COLUMN_INTEGER;

  g_assert_cmpint (sg_clean_default_fill (g_ptr_array_index (columns, 0), &why), ==, SG_FILL_MEDIAN);
  g_assert_nonnull (strstr (why, "median"));
  g_assert_true (sg_clean_fit_fill (g_ptr_array_index (columns, 0), SG_FILL_MEDIAN, &number, NULL, &error));
  g_assert_cmpfloat (number, ==, 3);
  g_assert_true (sg_clean_fit_fill (g_ptr_array_index (columns, 0), SG_FILL_MEAN, &number, NULL, &error));
  g_assert_cmpfloat (number, ==, 22);
  g_assert_true (sg_clean_fit_fill (g_ptr_array_index (columns, 1), SG_FILL_MODE, &number, NULL, &error));
  g_assert_cmpfloat (number, ==, 1);
  /* median of 1 1 2 4 5 = 2 */
  g_assert_true (sg_clean_fit_fill (g_ptr_array_index (columns, 1), SG_FILL_MEDIAN, &number, NULL, &error));
  g_assert_cmpfloat (number, ==, 2);

  /* fill with a flag column inserted after the filled one */
  g_assert_cmpuint (sg_clean_apply_fill (columns, 0, 3, NULL, TRUE), ==, 1);
  g_assert_cmpuint (columns->len, ==, 3);
  g_assert_cmpstr (((SgColumn *) g_ptr_array_index (columns, 1))->name, ==, "spend_was_missing");
  g_assert_cmpfloat (number_at (columns, "spend_was_missing", 5), ==, 1);
  g_assert_cmpfloat (number_at (columns, "spend_was_missing", 0), ==, 0);
  g_assert_cmpfloat (number_at (columns, "spend", 5), ==, 3);
  g_assert_cmpuint (((SgColumn *) g_ptr_array_index (columns, 0))->n_missing, ==, 0);

  /* categories: the mode */
  {
    g_autoptr(GPtrArray) c = customers ();

    g_assert_cmpint (sg_clean_default_fill (g_ptr_array_index (c, 2), NULL), ==, SG_FILL_MODE);
    g_assert_true (sg_clean_fit_fill (g_ptr_array_index (c, 2), SG_FILL_MODE, &number, &mode, &error));
    g_assert_cmpstr (mode, ==, "Paris");
    g_assert_false (sg_clean_fit_fill (g_ptr_array_index (c, 2), SG_FILL_MEDIAN, &number, NULL, &error));
    g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT);
    g_clear_error (&error);
    g_assert_cmpuint (sg_clean_apply_fill (c, 2, NAN, "Unknown", FALSE), ==, 1);
    g_assert_cmpstr (string_at (c, "city", 3), ==, "Unknown");
  }
  /* drop rows missing spend or id */
  {
    g_autoptr(GPtrArray) c = customers ();
    const char *names[] = { "spend", "id", NULL };
    guint64 removed;

    g_assert_true (sg_clean_drop_missing (c, names, &removed, &error));
    g_assert_cmpuint (removed, ==, 2);
    g_assert_cmpuint (sg_columns_get_n_rows (c), ==, 4);
  }
}

static void
test_outliers (void)
{
  static const double values[] = { 1, 2, 3, 4, 100, NAN };
  g_autoptr(SgColumn) column = numbers ("spend", values, 6);
  g_autoptr(GError) error = NULL;
  double low, high;

  /* IQR: Q1 = 2, Q3 = 4 → [−1, 7] */
  g_assert_true (sg_clean_outlier_bounds (column, SG_OUTLIER_IQR, 1.5, 0, &low, &high, &error));
  g_assert_cmpfloat (low, ==, -1);
  g_assert_cmpfloat (high, ==, 7);
  g_assert_cmpuint (sg_clean_count_outside (column, low, high), ==, 1);
  /* z-score: mean 22, population std √1522 */
  g_assert_true (sg_clean_outlier_bounds (column, SG_OUTLIER_ZSCORE, 1.5, 0, &low, &high, &error));
  g_assert_cmpfloat_with_epsilon (high, 22 + 1.5 * sqrt (1522.0), 1e-9);
  g_assert_cmpuint (sg_clean_count_outside (column, low, high), ==, 1);
  /* winsorise at the 10th and 90th percentiles (numpy's linear: 1.4 and 61.6) */
  g_assert_true (sg_clean_outlier_bounds (column, SG_OUTLIER_PERCENTILE, 0.1, 0.9, &low, &high, &error));
  g_assert_cmpfloat_with_epsilon (low, 1.4, 1e-12);
  g_assert_cmpfloat_with_epsilon (high, 61.6, 1e-12);
  g_assert_cmpuint (sg_clean_cap (column, low, high), ==, 2);
  g_assert_cmpfloat_with_epsilon (sg_column_get_number (column, 0), 1.4, 1e-12);
  g_assert_cmpfloat_with_epsilon (sg_column_get_number (column, 4), 61.6, 1e-12);
  g_assert_cmpfloat (sg_column_get_number (column, 2), ==, 3);
  g_assert_true (isnan (sg_column_get_number (column, 5)));

  g_assert_false (sg_clean_outlier_bounds (column, SG_OUTLIER_PERCENTILE, 0.9, 0.1, &low, &high, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT);
}

static void
test_one_hot (void)
{
  static const char *cities[] = { "Paris", "Lyon", "Paris", "Nice", "Lyon", "Paris", "Brest", NULL, "Lyon", "Paris" };
  g_autoptr(GPtrArray) columns = g_ptr_array_new_with_free_func ((GDestroyNotify) sg_column_free);
  SgColumn *city = sg_column_new ("city", SG_COLUMN_CATEGORICAL);
  g_autoptr(GPtrArray) levels = NULL;
  g_autoptr(GError) error = NULL;
  gboolean other;
  double w = 2.0 / G_SQRT2;

  for (guint i = 0; i < G_N_ELEMENTS (cities); i++)
    sg_column_append_string (city, cities[i]);
  g_ptr_array_add (columns, sg_column_new ("before", SG_COLUMN_DECIMAL));
  g_ptr_array_add (columns, city);
  g_ptr_array_add (columns, sg_column_new ("after", SG_COLUMN_DECIMAL));
  for (guint i = 0; i < G_N_ELEMENTS (cities); i++)
    {
      sg_column_append_number (g_ptr_array_index (columns, 0), i);
      sg_column_append_number (g_ptr_array_index (columns, 2), i);
    }

  /* 9 values: Paris 4, Lyon 3, Nice 1, Brest 1. Cap 3 levels, at least 15 % (1.35 rows):
   * Paris and Lyon kept, Nice and Brest pooled into Other */
  g_assert_true (sg_clean_fit_one_hot (city, 3, 0.15, &levels, &other, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (levels->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (levels, 0), ==, "Paris");
  g_assert_cmpstr (g_ptr_array_index (levels, 1), ==, "Lyon");
  g_assert_true (other);

  sg_clean_apply_one_hot (columns, 1, levels, other, 2.0);
  g_assert_cmpuint (columns->len, ==, 5);
  g_assert_cmpstr (((SgColumn *) g_ptr_array_index (columns, 1))->name, ==, "city=Paris");
  g_assert_cmpstr (((SgColumn *) g_ptr_array_index (columns, 3))->name, ==, "city=Other");
  g_assert_cmpstr (((SgColumn *) g_ptr_array_index (columns, 4))->name, ==, "after");
  g_assert_cmpfloat (number_at (columns, "city=Paris", 0), ==, w);
  g_assert_cmpfloat (number_at (columns, "city=Lyon", 0), ==, 0);
  g_assert_cmpfloat (number_at (columns, "city=Other", 3), ==, w);
  g_assert_cmpfloat (number_at (columns, "city=Other", 6), ==, w);
  /* missing: all zero */
  g_assert_cmpfloat (number_at (columns, "city=Paris", 7) + number_at (columns, "city=Lyon", 7) +
                     number_at (columns, "city=Other", 7), ==, 0);

  /* a cap of one level */
  g_clear_pointer (&levels, g_ptr_array_unref);
  {
    g_autoptr(SgColumn) again = sg_column_new ("city", SG_COLUMN_CATEGORICAL);

    for (guint i = 0; i < G_N_ELEMENTS (cities); i++)
      sg_column_append_string (again, cities[i]);
    g_assert_true (sg_clean_fit_one_hot (again, 1, 0, &levels, &other, &error));
    g_assert_cmpuint (levels->len, ==, 1);
    g_assert_true (other);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/clean/duplicate-rows", test_duplicate_rows);
  g_test_add_func ("/clean/duplicate-ids", test_duplicate_ids);
  g_test_add_func ("/clean/fill", test_fill);
  g_test_add_func ("/clean/outliers", test_outliers);
  g_test_add_func ("/clean/one-hot", test_one_hot);
  return g_test_run ();
}
