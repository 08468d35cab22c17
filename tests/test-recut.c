/* test-recut.c — re-cutting a hierarchical run's tree at another k
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "sg-error.h"
#include "sg-random.h"
#include "sg-recut.h"
#include "sg-segmenter.h"
#include "sg-test-util.h"

/* @n customers in a few loose groups on three features; every 37th has no "visits" (left out of runs). */
static SgProject *
make_project (gsize   n,
              gint64 *dataset_id)
{
  static guint counter;
  g_autofree char *file = g_strdup_printf ("recut-%u.segmenta", counter++);
  g_autofree char *path = sg_test_tmp_path (file);
  g_autoptr(GError) error = NULL;
  g_autoptr(SgProject) project = sg_project_create (path, &error);
  g_autoptr(SgTable) table = sg_table_new ("customers");
  SgColumn *id = sg_table_add_column (table, "customer_id", SG_COLUMN_IDENTIFIER);
  SgColumn *spend = sg_table_add_column (table, "spend", SG_COLUMN_DECIMAL);
  SgColumn *visits = sg_table_add_column (table, "visits", SG_COLUMN_INTEGER);
  SgColumn *age = sg_table_add_column (table, "age", SG_COLUMN_INTEGER);
  SgRandom rng;

  g_assert_no_error (error);
  sg_random_init (&rng, 7);
  for (gsize i = 0; i < n; i++)
    {
      g_autofree char *text = g_strdup_printf ("C%06" G_GSIZE_FORMAT, i + 1);
      guint group = i % 5;

      sg_column_append_string (id, text);
      sg_column_append_number (spend, 100 + 80 * group + 25 * sg_random_normal (&rng));
      if (i % 37 == 5)
        sg_column_append_missing (visits);
      else
        sg_column_append_number (visits, round (3 + 2.0 * (group % 3) + sg_random_normal (&rng)));
      sg_column_append_number (age, round (30 + 6.0 * (group % 2) + 8 * sg_random_normal (&rng)));
    }
  *dataset_id = sg_project_store_table (project, table, "imported", "customers.csv", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (*dataset_id, >, 0);
  return g_steal_pointer (&project);
}

static void
ward_settings (SgRunSettings *settings,
               gint64         dataset_id,
               guint          k)
{
  sg_run_settings_init (settings);
  settings->dataset_id = dataset_id;
  settings->features = g_strsplit ("spend,visits,age", ",", -1);
  settings->algorithm = SG_ALGORITHM_HIERARCHICAL;
  settings->linkage = SG_LINKAGE_WARD;
  settings->k = k;
  settings->seed = 11;
}

static gint64
make_run (SgProject *project,
          gint64     dataset_id,
          guint      k)
{
  g_auto(SgRunSettings) settings = { 0 };
  g_autoptr(SgRunOutcome) outcome = NULL;
  g_autoptr(GError) error = NULL;

  ward_settings (&settings, dataset_id, k);
  outcome = sg_segment_dataset (project, &settings, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (outcome);
  return outcome->run_id;
}

static gint32 *
labels_of (SgProject *project,
           gint64     run_id,
           gsize     *n)
{
  g_autoptr(GError) error = NULL;
  gint32 *labels = sg_project_load_run_labels (project, run_id, n, &error);

  g_assert_no_error (error);
  g_assert_nonnull (labels);
  return labels;
}

static JsonObject *
parse_object (const char *text,
              JsonNode  **root)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  *root = json_node_copy (json_parser_get_root (parser));
  return json_node_get_object (*root);
}

/* Re-cutting at k gives the labels a fresh run at k gives, and stores a full run beside the first. */
static void
check_recut (gsize n_rows)
{
  gint64 dataset_id = 0, first, recut, fresh;
  g_autoptr(SgProject) project = make_project (n_rows, &dataset_id);
  g_autoptr(GError) error = NULL;
  g_autoptr(SgRunInfo) info = NULL, fresh_info = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GPtrArray) segments = NULL;
  g_autoptr(JsonNode) metrics_root = NULL, model_root = NULL, fresh_model_root = NULL;
  g_autofree gint32 *recut_labels = NULL, *fresh_labels = NULL, *first_labels = NULL;
  g_autofree void *merges = NULL, *fresh_merges = NULL, *pca = NULL, *fresh_pca = NULL;
  gsize n_recut = 0, n_fresh = 0, n_first = 0, n_merges = 0, n_fresh_merges = 0, n_pca = 0, n_fresh_pca = 0;
  JsonObject *metrics, *model;
  guint64 total = 0;

  first = make_run (project, dataset_id, 3);
  recut = sg_recut_run (project, first, 5, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (recut, >, first);
  fresh = make_run (project, dataset_id, 5);

  first_labels = labels_of (project, first, &n_first);
  recut_labels = labels_of (project, recut, &n_recut);
  fresh_labels = labels_of (project, fresh, &n_fresh);
  g_assert_cmpuint (n_recut, ==, n_rows);
  g_assert_cmpuint (n_fresh, ==, n_rows);
  g_assert_cmpmem (recut_labels, n_recut * sizeof (gint32), fresh_labels, n_fresh * sizeof (gint32));
  /* Not a copy of the first run: five segments, the same rows left out. */
  g_assert_true (memcmp (first_labels, recut_labels, n_rows * sizeof (gint32)) != 0);
  for (gsize i = 0; i < n_rows; i++)
    {
      g_assert_cmpint (recut_labels[i], <, 5);
      g_assert_cmpint (recut_labels[i] == SG_LABEL_EXCLUDED, ==, first_labels[i] == SG_LABEL_EXCLUDED);
    }

  info = sg_project_get_run (project, recut, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (info->k, ==, 5);
  g_assert_cmpstr (info->algorithm, ==, "hierarchical");
  g_assert_true (g_str_has_suffix (info->name, "5 segments (re-cut)"));
  g_assert_cmpuint (info->n_excluded, ==, (n_rows + 31) / 37);
  fresh_info = sg_project_get_run (project, fresh, &error);
  g_assert_no_error (error);

  /* Metrics measured on the new segments, equal to the fresh run's. */
  metrics = parse_object (info->metrics, &metrics_root);
  {
    g_autoptr(JsonNode) fresh_root = NULL;
    JsonObject *fresh_metrics = parse_object (fresh_info->metrics, &fresh_root);

    g_assert_cmpfloat_with_epsilon (json_object_get_double_member (metrics, "inertia"),
                                    json_object_get_double_member (fresh_metrics, "inertia"), 1e-9);
    g_assert_cmpfloat_with_epsilon (
      json_object_get_double_member (json_object_get_object_member (metrics, "silhouette"), "mean"),
      json_object_get_double_member (json_object_get_object_member (fresh_metrics, "silhouette"), "mean"), 1e-9);
  }
  model = parse_object (info->model, &model_root);
  g_assert_cmpint (json_object_get_int_member (model, "k"), ==, 5);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (model, "centroids_scaled")), ==, 5);
  g_assert_true (json_object_has_member (model, "pca"));
  g_assert_true (json_object_has_member (model, "hierarchical"));
  {
    JsonObject *fresh_model = parse_object (fresh_info->model, &fresh_model_root);

    g_assert_true (json_node_equal (json_object_get_member (model, "centroids"),
                                    json_object_get_member (fresh_model, "centroids")));
  }

  /* The tree and the map come along, identical to a fresh run's. */
  merges = sg_project_load_run_array (project, recut, "merges", &n_merges, &error);
  g_assert_no_error (error);
  fresh_merges = sg_project_load_run_array (project, fresh, "merges", &n_fresh_merges, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_merges, ==, n_fresh_merges);
  for (gsize i = 0; i < n_merges / sizeof (SgMerge); i++)
    {
      const SgMerge *a = (const SgMerge *) merges + i, *b = (const SgMerge *) fresh_merges + i;

      /* field by field: the struct's padding is not data */
      g_assert_cmpint (a->a, ==, b->a);
      g_assert_cmpint (a->b, ==, b->b);
      g_assert_cmpfloat (a->height, ==, b->height);
      g_assert_cmpuint (a->size, ==, b->size);
    }
  pca = sg_project_load_run_array (project, recut, "pca", &n_pca, &error);
  g_assert_no_error (error);
  fresh_pca = sg_project_load_run_array (project, fresh, "pca", &n_fresh_pca, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_pca, ==, n_fresh_pca);
  g_assert_cmpint (memcmp (pca, fresh_pca, n_pca), ==, 0);

  segments = sg_project_list_segments (project, recut, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (segments->len, ==, 5);
  for (guint s = 0; s < segments->len; s++)
    total += ((SgSegmentInfo *) g_ptr_array_index (segments, s))->size;
  g_assert_cmpuint (total, ==, n_rows - info->n_excluded);

  /* Stored beside the run it came from, which is unchanged. */
  runs = sg_project_list_runs (project, dataset_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (runs->len, ==, 3);
  {
    g_autofree gint32 *again = labels_of (project, first, &n_first);

    g_assert_cmpmem (again, n_first * sizeof (gint32), first_labels, n_rows * sizeof (gint32));
  }
}

static void
test_recut_exact (void)
{
  check_recut (600);
}

/* Above 50,000 rows the tree's leaves are micro-clusters: the stored "leaf" array maps rows to them. */
static void
test_recut_two_stage (void)
{
  if (!g_test_slow ())
    {
      g_test_skip ("Two-stage trees need 50,000 rows: run with -m slow");
      return;
    }
  check_recut (52000);
}

static void
test_recut_errors (void)
{
  gint64 dataset_id = 0, ward, kmeans;
  g_autoptr(SgProject) project = make_project (200, &dataset_id);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_auto(SgRunSettings) settings = { 0 };
  g_autoptr(SgRunOutcome) outcome = NULL;

  ward = make_run (project, dataset_id, 3);
  ward_settings (&settings, dataset_id, 4);
  settings.algorithm = SG_ALGORITHM_KMEANS;
  outcome = sg_segment_dataset (project, &settings, NULL, &error);
  g_assert_no_error (error);
  kmeans = outcome->run_id;

  g_assert_cmpint (sg_recut_run (project, kmeans, 3, NULL, &error), ==, 0);
  g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_cmpint (sg_recut_run (project, ward, 1, NULL, &error), ==, 0);
  g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_cmpint (sg_recut_run (project, ward, 10000, NULL, &error), ==, 0);
  g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_cmpint (sg_recut_run (project, 9999, 3, NULL, &error), ==, 0);
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* Nothing was stored by the failures. */
  runs = sg_project_list_runs (project, dataset_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (runs->len, ==, 2);
}

typedef struct {
  GMainLoop *loop;
  gint64     run_id;
  GError    *error;
  gboolean   progressed;
} AsyncState;

static void
progress_cb (double      fraction,
             const char *message,
             gpointer    user_data)
{
  AsyncState *state = user_data;

  g_assert_cmpfloat (fraction, >=, 0.0);
  g_assert_cmpfloat (fraction, <=, 1.0);
  state->progressed = TRUE;
}

static void
recut_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  AsyncState *state = user_data;

  state->run_id = sg_recut_run_finish (result, &state->error);
  g_main_loop_quit (state->loop);
}

static void
test_recut_async (void)
{
  gint64 dataset_id = 0, ward;
  g_autoptr(SgProject) project = make_project (300, &dataset_id);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(SgRunInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  AsyncState state = { g_main_loop_new (NULL, FALSE), 0, NULL, FALSE };

  ward = make_run (project, dataset_id, 2);
  sg_recut_run_async (project, ward, 4, cancellable, progress_cb, &state, recut_done_cb, &state);
  g_main_loop_run (state.loop);
  g_assert_no_error (state.error);
  g_assert_cmpint (state.run_id, >, ward);
  g_assert_true (state.progressed);
  info = sg_project_get_run (project, state.run_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (info->k, ==, 4);

  /* Cancelled before it starts: an error, and no run. */
  g_cancellable_cancel (cancellable);
  state.run_id = -1;
  sg_recut_run_async (project, ward, 3, cancellable, NULL, NULL, recut_done_cb, &state);
  g_main_loop_run (state.loop);
  g_assert_error (state.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (state.run_id, ==, 0);
  g_clear_error (&state.error);
  g_main_loop_unref (state.loop);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/recut/exact", test_recut_exact);
  g_test_add_func ("/recut/two-stage", test_recut_two_stage);
  g_test_add_func ("/recut/errors", test_recut_errors);
  g_test_add_func ("/recut/async", test_recut_async);

  return g_test_run ();
}
