/* test-segmenter.c — whole runs: settings, scaling, scans, storing, determinism, errors, async
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "sg-agreement.h"
#include "sg-error.h"
#include "sg-importer.h"
#include "sg-segmenter.h"
#include "sg-test-util.h"

static char *
fresh_project_path (const char *stem)
{
  static guint counter;
  g_autofree char *file = g_strdup_printf ("%s-%u.segmenta", stem, counter++);

  return sg_test_tmp_path (file);
}

/* A project holding one reference dataset, imported as a user would. */
static SgProject *
project_with_reference (const char *name,
                        gint64     *dataset_id)
{
  g_autofree char *file = g_strdup_printf ("reference/%s.csv", name);
  g_autofree char *csv = sg_test_shared_path (file);
  g_autofree char *path = fresh_project_path (name);
  g_autoptr(GError) error = NULL;
  g_autoptr(SgProject) project = NULL;
  SgImportOptions options;

  if (csv == NULL)
    return NULL;
  project = sg_project_create (path, &error);
  g_assert_no_error (error);
  sg_import_options_init (&options);
  options.dataset_name = g_strdup (name);
  *dataset_id = sg_importer_run (project, csv, &options, NULL, NULL, &error);
  sg_import_options_clear (&options);
  g_assert_no_error (error);
  return g_steal_pointer (&project);
}

static void
set_features (SgRunSettings *settings,
              guint          n)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 1; i <= n; i++)
    {
      g_autofree char *name = g_strdup_printf ("c%u", i);
      g_strv_builder_add (builder, name);
    }
  g_clear_pointer (&settings->features, g_strfreev);
  settings->features = g_strv_builder_end (builder);
}

static void
test_kmeans_run_matches_reference (void)
{
  gint64 dataset = 0, run_id;
  g_autoptr(SgProject) project = project_with_reference ("blobs_4x5", &dataset);
  g_autoptr(JsonNode) reference = NULL;
  g_autoptr(SgRunOutcome) outcome = NULL;
  g_autoptr(SgRunInfo) run = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree gint32 *expected = NULL;
  g_autofree gint32 *labels = NULL;
  g_autofree float *pca = NULL;
  g_auto(SgRunSettings) settings = { 0 };
  JsonObject *metrics;
  gsize n = 0, n_labels = 0, n_bytes = 0;

  if (project == NULL)
    return;
  sg_run_settings_init (&settings);
  settings.dataset_id = dataset;
  set_features (&settings, 5);
  settings.k = 4;
  outcome = sg_segment_dataset (project, &settings, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (outcome->k, ==, 4);
  g_assert_cmpuint (outcome->n_excluded, ==, 0);
  run_id = outcome->run_id;

  reference = sg_test_load_reference_json ("blobs_4x5");
  expected = sg_test_load_reference_labels ("blobs_4x5", "kmeans", &n);
  labels = sg_project_load_run_labels (project, run_id, &n_labels, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_labels, ==, n);
  g_assert_cmpfloat (sg_adjusted_rand_index (labels, expected, n), >=, 0.99);
  g_assert_cmpfloat (outcome->metrics.inertia, <=, sg_test_json_double (reference, "kmeans.inertia") * 1.001);
  g_assert_cmpfloat_with_epsilon (outcome->metrics.silhouette, sg_test_json_double (reference, "kmeans.silhouette"),
                                  1e-9 * fabs (sg_test_json_double (reference, "kmeans.silhouette")));

  /* What the app needs is stored with the run. */
  run = sg_project_get_run (project, run_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (run->algorithm, ==, "kmeans");
  g_assert_true (json_parser_load_from_data (parser, run->metrics, -1, &error));
  metrics = json_node_get_object (json_parser_get_root (parser));
  g_assert_true (json_object_has_member (metrics, "davies_bouldin"));
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (metrics, "davies_bouldin"),
                                  sg_test_json_double (reference, "kmeans.davies_bouldin"), 1e-9);
  g_assert_true (json_parser_load_from_data (parser, run->model, -1, &error));
  g_assert_true (json_object_has_member (json_node_get_object (json_parser_get_root (parser)), "centroids"));
  g_assert_true (json_object_has_member (json_node_get_object (json_parser_get_root (parser)), "pca"));
  pca = sg_project_load_run_array (project, run_id, "pca", &n_bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_bytes, ==, n * 3 * sizeof (float));
  g_assert_true (isfinite (pca[0]) && isfinite (pca[3 * n - 1]));
}

static void
test_auto_k_recommends_four (void)
{
  gint64 dataset = 0;
  g_autoptr(SgProject) project = project_with_reference ("blobs_4x5", &dataset);
  g_autoptr(SgRunOutcome) outcome = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(SgRunSettings) settings = { 0 };

  if (project == NULL)
    return;
  sg_run_settings_init (&settings);
  settings.dataset_id = dataset;
  set_features (&settings, 5);
  settings.k_max = 8;
  outcome = sg_segment_dataset (project, &settings, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (outcome->scan);
  g_assert_cmpuint (outcome->scan->rows->len, ==, 7);
  g_assert_cmpuint (outcome->k, ==, 4);
  g_assert_cmpuint (outcome->scan->recommendation.recommended_k, ==, 4);
  g_assert_nonnull (strstr (outcome->scan->recommendation.reason, "4 segments"));
}

static gint32 *
run_labels_with_threads (SgProject     *project,
                         SgRunSettings *settings,
                         guint          threads,
                         gsize         *n)
{
  g_autoptr(SgRunOutcome) outcome = NULL;
  g_autoptr(GError) error = NULL;
  gint32 *labels;

  settings->n_threads = threads;
  outcome = sg_segment_dataset (project, settings, NULL, &error);
  g_assert_no_error (error);
  labels = sg_project_load_run_labels (project, outcome->run_id, n, &error);
  g_assert_no_error (error);
  return labels;
}

static void
test_same_result_any_thread_count (void)
{
  gint64 dataset = 0;
  g_autoptr(SgProject) project = project_with_reference ("blobs_unequal_6x8", &dataset);
  g_auto(SgRunSettings) settings = { 0 };

  if (project == NULL)
    return;
  sg_run_settings_init (&settings);
  settings.dataset_id = dataset;
  set_features (&settings, 8);
  settings.seed = 42;
  for (SgAlgorithm a = 0; a < SG_N_ALGORITHMS; a++)
    {
      g_autofree gint32 *one = NULL;
      g_autofree gint32 *two = NULL;
      gsize n1 = 0, n2 = 0;

      settings.algorithm = a;
      settings.k = 6;
      settings.eps = a == SG_ALGORITHM_DBSCAN ? 0.9 : 0.0;
      one = run_labels_with_threads (project, &settings, 1, &n1);
      two = run_labels_with_threads (project, &settings, 2, &n2);
      g_assert_cmpuint (n1, ==, n2);
      g_assert_cmpmem (one, n1 * sizeof (gint32), two, n2 * sizeof (gint32));
    }
}

static SgProject *
project_with_table (SgTable *table,
                    gint64  *dataset_id)
{
  g_autofree char *path = fresh_project_path ("table");
  g_autoptr(GError) error = NULL;
  g_autoptr(SgProject) project = sg_project_create (path, &error);

  g_assert_no_error (error);
  *dataset_id = sg_project_store_table (project, table, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&project);
}

/* Two well-apart groups; every tenth row misses "spend"; one column is constant. */
static SgTable *
make_customers (guint n)
{
  SgTable *table = sg_table_new ("customers");
  SgColumn *spend = sg_table_add_column (table, "spend", SG_COLUMN_DECIMAL);
  SgColumn *visits = sg_table_add_column (table, "visits", SG_COLUMN_INTEGER);
  SgColumn *plan = sg_table_add_column (table, "plan", SG_COLUMN_CATEGORICAL);
  SgColumn *flat = sg_table_add_column (table, "flat", SG_COLUMN_INTEGER);

  for (guint i = 0; i < n; i++)
    {
      gboolean big = i % 2;

      sg_column_append_number (spend, i % 10 == 3 ? NAN : (big ? 900.0 : 20.0) + (i % 7));
      sg_column_append_number (visits, (big ? 30 : 2) + (i % 3));
      sg_column_append_string (plan, big ? "gold" : "basic");
      sg_column_append_number (flat, 1);
    }
  return table;
}

static void
test_missing_rows_excluded_and_counted (void)
{
  g_autoptr(SgTable) table = make_customers (200);
  gint64 dataset = 0;
  g_autoptr(SgProject) project = project_with_table (table, &dataset);
  g_autoptr(SgRunOutcome) outcome = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree gint32 *labels = NULL;
  g_auto(SgRunSettings) settings = { 0 };
  gsize n = 0;

  sg_run_settings_init (&settings);
  settings.dataset_id = dataset;
  settings.features = g_strsplit ("spend,visits,flat", ",", -1);
  settings.log1p = g_strsplit ("spend", ",", -1);
  settings.k = 2;
  outcome = sg_segment_dataset (project, &settings, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (outcome->n_excluded, ==, 20);
  g_assert_cmpuint (outcome->sizes[0] + outcome->sizes[1], ==, 180);
  g_assert_nonnull (outcome->warnings);
  g_assert_nonnull (strstr (outcome->warnings[0], "flat"));
  labels = sg_project_load_run_labels (project, outcome->run_id, &n, &error);
  g_assert_cmpuint (n, ==, 200);
  g_assert_cmpint (labels[3], ==, SG_LABEL_EXCLUDED);
  g_assert_cmpint (labels[13], ==, SG_LABEL_EXCLUDED);
  g_assert_cmpint (labels[1], !=, labels[2]);
  g_assert_cmpint (labels[1], ==, labels[5]);
}

static void
expect_run_error (SgProject     *project,
                  SgRunSettings *settings,
                  int            code,
                  const char    *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SgRunOutcome) outcome = sg_segment_dataset (project, settings, NULL, &error);
  g_autoptr(GPtrArray) runs = NULL;

  g_assert_null (outcome);
  g_assert_error (error, SG_ERROR, code);
  g_assert_nonnull (strstr (error->message, fragment));
  g_assert_null (strchr (error->message, '\n'));
  runs = sg_project_list_runs (project, 0, NULL);
  g_assert_cmpuint (runs->len, ==, 0);
}

static void
test_clear_errors_and_nothing_stored (void)
{
  g_autoptr(SgTable) table = make_customers (40);
  gint64 dataset = 0;
  g_autoptr(SgProject) project = project_with_table (table, &dataset);
  g_auto(SgRunSettings) settings = { 0 };

  sg_run_settings_init (&settings);
  settings.dataset_id = dataset;

  settings.features = g_strsplit ("spend,age", ",", -1);
  expect_run_error (project, &settings, SG_ERROR_NOT_FOUND, "age");
  g_strfreev (settings.features);
  settings.features = g_strsplit ("spend,plan", ",", -1);
  expect_run_error (project, &settings, SG_ERROR_INVALID_ARGUMENT, "plan");
  g_strfreev (settings.features);
  settings.features = g_strsplit ("spend,visits", ",", -1);
  settings.k = 50;
  expect_run_error (project, &settings, SG_ERROR_INVALID_ARGUMENT, "50 segments");
  settings.k = 1;
  expect_run_error (project, &settings, SG_ERROR_INVALID_ARGUMENT, "at least 2");
  settings.k = 2;
  settings.log1p = g_strsplit ("visits,plan", ",", -1);
  expect_run_error (project, &settings, SG_ERROR_INVALID_ARGUMENT, "plan");
  g_clear_pointer (&settings.log1p, g_strfreev);
  g_strfreev (settings.features);
  settings.features = g_strsplit ("flat", ",", -1);
  expect_run_error (project, &settings, SG_ERROR_DEGENERATE, "");
}

static void
test_scan_refuses_dbscan (void)
{
  g_autoptr(SgTable) table = make_customers (40);
  gint64 dataset = 0;
  g_autoptr(SgProject) project = project_with_table (table, &dataset);
  g_autoptr(GError) error = NULL;
  g_autoptr(SgKScan) scan = NULL;
  g_auto(SgRunSettings) settings = { 0 };

  sg_run_settings_init (&settings);
  settings.dataset_id = dataset;
  settings.features = g_strsplit ("spend,visits", ",", -1);
  settings.algorithm = SG_ALGORITHM_DBSCAN;
  scan = sg_kscan_dataset (project, &settings, NULL, &error);
  g_assert_null (scan);
  g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT);
}

static void
test_settings_json_round_trip (void)
{
  g_auto(SgRunSettings) settings = { 0 };
  g_auto(SgRunSettings) back = { 0 };
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) again = NULL;
  g_autoptr(GError) error = NULL;

  sg_run_settings_init (&settings);
  settings.name = g_strdup ("Spring «test»");
  settings.dataset_id = 7;
  settings.features = g_strsplit ("a,b \"quoted\",c", ",", -1);
  settings.log1p = g_strsplit ("a", ",", -1);
  settings.algorithm = SG_ALGORITHM_GMM;
  settings.covariance = SG_COVARIANCE_DIAG;
  settings.linkage = SG_LINKAGE_AVERAGE;
  settings.scaling = SG_SCALING_ROBUST;
  settings.seed = G_MAXUINT64 - 5;
  settings.k = 6;
  settings.eps = 0.25;
  node = sg_run_settings_to_json (&settings);
  g_assert_true (sg_run_settings_from_json (node, &back, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (back.name, ==, settings.name);
  g_assert_cmpstrv (back.features, settings.features);
  g_assert_cmpint (back.algorithm, ==, SG_ALGORITHM_GMM);
  g_assert_cmpint (back.covariance, ==, SG_COVARIANCE_DIAG);
  g_assert_cmpint (back.linkage, ==, SG_LINKAGE_AVERAGE);
  g_assert_cmpint (back.scaling, ==, SG_SCALING_ROBUST);
  g_assert_true (back.seed == settings.seed);
  g_assert_cmpfloat (back.eps, ==, 0.25);
  again = sg_run_settings_to_json (&back);
  g_assert_true (json_node_equal (node, again));

  /* A seed written as a number (by hand, or an older file) reads too. */
  json_object_set_int_member (json_node_get_object (node), "seed", 42);
  sg_run_settings_clear (&back);
  g_assert_true (sg_run_settings_from_json (node, &back, &error));
  g_assert_true (back.seed == 42);
}

typedef struct {
  gboolean       done;
  SgRunOutcome  *outcome;
  GError        *error;
  guint          reports;
} AsyncRun;

static void
on_progress (double fraction, const char *message, gpointer user_data)
{
  ((AsyncRun *) user_data)->reports++;
}

static void
on_segmented (GObject *source, GAsyncResult *result, gpointer user_data)
{
  AsyncRun *state = user_data;

  state->outcome = sg_segment_dataset_finish (result, &state->error);
  state->done = TRUE;
}

static void
test_async_and_cancel (void)
{
  gint64 dataset = 0;
  g_autoptr(SgProject) project = project_with_reference ("blobs_unequal_6x8", &dataset);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) runs = NULL;
  g_auto(SgRunSettings) settings = { 0 };
  AsyncRun state = { 0 };

  if (project == NULL)
    return;
  sg_run_settings_init (&settings);
  settings.dataset_id = dataset;
  set_features (&settings, 8);
  settings.k = 0;

  sg_segment_dataset_async (project, &settings, NULL, on_progress, &state, on_segmented, &state);
  while (!state.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (state.error);
  g_assert_nonnull (state.outcome);
  g_assert_cmpuint (state.reports, >, 0);
  g_clear_pointer (&state.outcome, sg_run_outcome_free);

  /* Cancelled: no new run. */
  state = (AsyncRun) { 0 };
  sg_segment_dataset_async (project, &settings, cancellable, on_progress, &state, on_segmented, &state);
  g_cancellable_cancel (cancellable);
  while (!state.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (state.outcome);
  g_assert_error (state.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&state.error);
  runs = sg_project_list_runs (project, 0, NULL);
  g_assert_cmpuint (runs->len, ==, 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/segmenter/kmeans-run-matches-reference", test_kmeans_run_matches_reference);
  g_test_add_func ("/segmenter/auto-k-recommends-four", test_auto_k_recommends_four);
  g_test_add_func ("/segmenter/same-result-any-thread-count", test_same_result_any_thread_count);
  g_test_add_func ("/segmenter/missing-rows-excluded-and-counted", test_missing_rows_excluded_and_counted);
  g_test_add_func ("/segmenter/clear-errors-and-nothing-stored", test_clear_errors_and_nothing_stored);
  g_test_add_func ("/segmenter/scan-refuses-dbscan", test_scan_refuses_dbscan);
  g_test_add_func ("/segmenter/settings-json-round-trip", test_settings_json_round_trip);
  g_test_add_func ("/segmenter/async-and-cancel", test_async_and_cancel);
  return g_test_run ();
}
