/* test-quality.c — the data-quality report: per-column figures, histograms, duplicates, join coverage
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "sg-error.h"
#include "sg-join.h"
#include "sg-project.h"
#include "sg-quality.h"
#include "sg-test-util.h"

static SgTable *
make_table (void)
{
  SgTable *table = sg_table_new ("people");
  SgColumn *id = sg_table_add_column (table, "id", SG_COLUMN_INTEGER);
  SgColumn *x = sg_table_add_column (table, "spend", SG_COLUMN_DECIMAL);
  SgColumn *city = sg_table_add_column (table, "city", SG_COLUMN_CATEGORICAL);
  static const double ids[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 9, NAN, 9 };
  static const double spend[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 100, 10 };
  static const char *cities[] = { "Paris", "Lyon", "Paris", NULL, "Nice", "Paris", "Lyon", "Paris", "Nice", "Lyon", "Paris", "Lyon" };

  sg_column_set_role (id, "id");
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      sg_column_append_number (id, ids[i]);
      sg_column_append_number (x, spend[i]);
      sg_column_append_string (city, cities[i]);
    }
  return table;
}

static void
test_report (void)
{
  g_autoptr(SgTable) table = make_table ();
  g_autoptr(SgQualityReport) report = NULL;
  g_autoptr(GError) error = NULL;
  SgColumnQuality *spend, *city;
  guint64 total = 0;

  report = sg_quality_analyse (table, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_rows, ==, 12);
  g_assert_cmpuint (report->duplicate_rows, ==, 1);      /* rows 10 and 12 */
  g_assert_cmpstr (report->id_column, ==, "id");
  g_assert_cmpuint (report->duplicate_ids, ==, 2);       /* 9 three times */
  g_assert_cmpuint (report->missing_ids, ==, 1);

  spend = g_ptr_array_index (report->columns, 1);
  /* sorted: 1..10, 10, 100: median (6 + 7) / 2; Q1 at 2.75 → 3.75, Q3 at 8.25 → 9.25 */
  g_assert_cmpfloat (spend->min, ==, 1);
  g_assert_cmpfloat (spend->max, ==, 100);
  g_assert_cmpfloat (spend->median, ==, 6.5);
  g_assert_cmpfloat (spend->q1, ==, 3.75);
  g_assert_cmpfloat (spend->q3, ==, 9.25);
  g_assert_cmpuint (spend->outliers_iqr, ==, 1);
  g_assert_cmpuint (spend->outliers_z, ==, 1);
  g_assert_cmpuint (spend->n_distinct, ==, 11);
  g_assert_cmpfloat (spend->skewness, >, 3);
  g_assert_cmpuint (spend->n_bins, ==, SG_QUALITY_BINS);
  g_assert_cmpfloat (spend->bin_edges[0], ==, 1);
  g_assert_cmpfloat (spend->bin_edges[SG_QUALITY_BINS], ==, 100);
  for (guint b = 0; b < spend->n_bins; b++)
    total += spend->bin_counts[b];
  g_assert_cmpuint (total, ==, 12);
  g_assert_cmpuint (spend->bin_counts[0], ==, 5);                   /* 1–5 in [1, 5.95) */
  g_assert_cmpuint (spend->bin_counts[1], ==, 6);                   /* 6–10 and the second 10 */
  g_assert_cmpuint (spend->bin_counts[SG_QUALITY_BINS - 1], ==, 1); /* 100 */

  city = g_ptr_array_index (report->columns, 2);
  g_assert_cmpuint (city->n_missing, ==, 1);
  g_assert_cmpfloat_with_epsilon (city->missing_share, 1.0 / 12, 1e-15);
  g_assert_cmpuint (city->n_distinct, ==, 3);
  g_assert_cmpuint (city->n_top, ==, 3);
  g_assert_cmpstr (city->top_values[0], ==, "Paris");
  g_assert_cmpuint (city->top_counts[0], ==, 5);
  g_assert_cmpstr (city->top_values[1], ==, "Lyon");
  g_assert_cmpuint (city->top_counts[1], ==, 4);
  g_assert_true (isnan (city->median));

  {
    g_autoptr(JsonNode) node = sg_quality_report_to_json (report);
    JsonObject *root = json_node_get_object (node);
    JsonObject *first = json_array_get_object_element (json_object_get_array_member (root, "column_details"), 1);
    JsonObject *histogram = json_object_get_object_member (first, "histogram");
    g_auto(GStrv) lines = sg_quality_report_describe (report);

    g_assert_cmpint (json_object_get_int_member (root, "duplicate_rows"), ==, 1);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (histogram, "counts")), ==, SG_QUALITY_BINS);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (histogram, "edges")), ==, SG_QUALITY_BINS + 1);
    g_assert_nonnull (strstr (lines[0], "1 exact duplicate rows"));
  }
}

static void
test_join_coverage (void)
{
  g_autoptr(SgTable) table = make_table ();
  g_autoptr(SgTable) other = sg_table_new ("orders");
  SgColumn *key = sg_table_add_column (other, "customer", SG_COLUMN_IDENTIFIER);
  g_autoptr(SgQualityReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SgTable) joined = NULL;
  SgJoinReport join = { 0 };
  static const char *keys[] = { "1", "2", "2", "42", " 9 ", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    sg_column_append_string (key, keys[i]);

  /* the join itself: text keys read as numbers; "2" twice, "42" unmatched, a missing key */
  joined = sg_join_left (table, "id", other, "customer", &join, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sg_table_get_n_rows (joined), ==, 12);
  g_assert_cmpuint (join.left_missing_key, ==, 1);
  g_assert_cmpuint (join.left_unmatched, ==, 6);     /* 3 4 5 6 7 8 */
  g_assert_cmpuint (join.right_unmatched, ==, 1);    /* 42 */
  g_assert_cmpuint (join.right_duplicates, ==, 1);
  g_assert_cmpuint (join.right_missing_key, ==, 1);
  g_assert_true (join.matched[0] && join.matched[8] && join.matched[11]);
  g_assert_false (join.matched[2]);
  sg_join_report_clear (&join);

  report = sg_quality_analyse (table, "id", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (sg_quality_add_join (report, table, "id", other, "customer", &error));
  g_assert_cmpuint (report->join_matched, ==, 5);    /* 1 2 9 9 9 */
  g_assert_cmpuint (report->join_unmatched, ==, 7);
  g_assert_cmpuint (report->join_other_unmatched, ==, 1);

  g_assert_false (sg_quality_add_join (report, table, "nope", other, "customer", &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_NOT_FOUND);
}

static void
test_string_keys_and_clashes (void)
{
  g_autoptr(SgTable) left = sg_table_new ("left");
  g_autoptr(SgTable) right = sg_table_new ("right");
  SgColumn *lk = sg_table_add_column (left, "code", SG_COLUMN_IDENTIFIER);
  SgColumn *lv = sg_table_add_column (left, "value", SG_COLUMN_DECIMAL);
  SgColumn *rk = sg_table_add_column (right, "code", SG_COLUMN_IDENTIFIER);
  SgColumn *rv = sg_table_add_column (right, "value", SG_COLUMN_DECIMAL);
  SgColumn *rc = sg_table_add_column (right, "segment", SG_COLUMN_CATEGORICAL);
  g_autoptr(SgTable) joined = NULL;
  g_autoptr(GError) error = NULL;
  SgJoinReport join = { 0 };

  sg_column_append_string (lk, "C1");
  sg_column_append_number (lv, 1);
  sg_column_append_string (lk, "C2");
  sg_column_append_number (lv, 2);
  sg_column_append_string (rk, "C2");
  sg_column_append_number (rv, 20);
  sg_column_append_string (rc, "gold");
  joined = sg_join_left (left, "code", right, "code", &join, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sg_table_get_n_columns (joined), ==, 4);
  g_assert_cmpstr (sg_table_get_column (joined, 2)->name, ==, "value_2");
  g_assert_true (isnan (sg_column_get_number (sg_table_get_column (joined, 2), 0)));
  g_assert_cmpfloat (sg_column_get_number (sg_table_get_column (joined, 2), 1), ==, 20);
  g_assert_cmpstr (sg_column_get_string (sg_table_get_column (joined, 3), 1), ==, "gold");
  g_assert_cmpuint (join.left_unmatched, ==, 1);
  sg_join_report_clear (&join);
}

static void
on_analysed (GObject *source, GAsyncResult *result, gpointer user_data)
{
  gpointer *out = user_data;
  g_autoptr(GError) error = NULL;

  out[0] = sg_quality_analyse_dataset_finish (SG_PROJECT (source), result, &error);
  g_assert_no_error (error);
  g_main_loop_quit (out[1]);
}

static void
test_dataset_async (void)
{
  g_autofree char *path = sg_test_tmp_path ("quality-async.segmenta");
  g_autoptr(GError) error = NULL;
  g_autoptr(SgProject) project = sg_project_create (path, &error);
  g_autoptr(SgTable) table = make_table ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  gpointer out[2] = { NULL, loop };
  SgQualityReport *report;
  gint64 id;

  g_assert_no_error (error);
  id = sg_project_store_table (project, table, "imported", "test", NULL, &error);
  g_assert_no_error (error);
  sg_quality_analyse_dataset_async (project, id, NULL, NULL, NULL, NULL, on_analysed, out);
  g_main_loop_run (loop);
  report = out[0];
  g_assert_nonnull (report);
  g_assert_cmpuint (report->n_rows, ==, 12);
  g_assert_cmpuint (report->duplicate_ids, ==, 2);
  sg_quality_report_free (report);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/quality/report", test_report);
  g_test_add_func ("/quality/join-coverage", test_join_coverage);
  g_test_add_func ("/quality/string-keys", test_string_keys_and_clashes);
  g_test_add_func ("/quality/dataset-async", test_dataset_async);
  return g_test_run ();
}
