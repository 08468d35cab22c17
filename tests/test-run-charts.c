/* test-run-charts.c — a run's chart models, built without a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "sg-error.h"
#include "sg-random.h"
#include "sg-run-charts.h"
#include "sg-test-util.h"

#define N_ROWS 900

/* Customers in five loose groups; every 29th has no "visits" and so is left out of runs. */
static SgProject *
make_project (gint64 *dataset_id)
{
  static guint counter;
  g_autofree char *file = g_strdup_printf ("run-charts-%u.segmenta", counter++);
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
  sg_column_set_role (id, "id");
  sg_column_set_role (spend, "monetary");
  sg_column_set_role (visits, "frequency");
  sg_random_init (&rng, 3);
  for (guint i = 0; i < N_ROWS; i++)
    {
      g_autofree char *text = g_strdup_printf ("C%05u", i + 1);
      guint group = i % 5;

      sg_column_append_string (id, text);
      sg_column_append_number (spend, 50 + 120 * group + 20 * sg_random_normal (&rng));
      if (i % 29 == 3)
        sg_column_append_missing (visits);
      else
        sg_column_append_number (visits, round (2 + 3.0 * (group % 3) + sg_random_normal (&rng)));
      sg_column_append_number (age, round (35 + 5.0 * (group % 2) + 6 * sg_random_normal (&rng)));
    }
  *dataset_id = sg_project_store_table (project, table, "imported", "customers.csv", NULL, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&project);
}

static gint64
make_run (SgProject   *project,
          gint64       dataset_id,
          SgAlgorithm  algorithm,
          SgScaling    scaling,
          guint        k)
{
  g_auto(SgRunSettings) settings = { 0 };
  g_autoptr(SgRunOutcome) outcome = NULL;
  g_autoptr(GError) error = NULL;

  sg_run_settings_init (&settings);
  settings.dataset_id = dataset_id;
  settings.features = g_strsplit ("spend,visits,age", ",", -1);
  settings.algorithm = algorithm;
  settings.scaling = scaling;
  settings.k = k;
  settings.seed = 5;
  outcome = sg_segment_dataset (project, &settings, NULL, &error);
  g_assert_no_error (error);
  return outcome->run_id;
}

static SgRunData *
load (SgProject *project,
      gint64     run_id)
{
  g_autoptr(GError) error = NULL;
  SgRunData *data = sg_run_data_load (project, run_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (data);
  return data;
}

static void
test_load (void)
{
  gint64 dataset_id;
  g_autoptr(SgProject) project = make_project (&dataset_id);
  g_autoptr(SgRunData) data = load (project, make_run (project, dataset_id, SG_ALGORITHM_KMEANS,
                                                       SG_SCALING_ZSCORE, 4));
  SgRunHeadline headline;
  guint64 total = 0;

  g_assert_cmpuint (data->k, ==, 4);
  g_assert_cmpuint (data->n_rows, ==, N_ROWS);
  g_assert_cmpuint (data->n_excluded, ==, (N_ROWS + 25) / 29);
  g_assert_cmpuint (data->n_features, ==, 3);
  g_assert_cmpstr (data->features[1], ==, "visits");
  g_assert_cmpstr (data->roles[0], ==, "monetary");
  g_assert_cmpstr (data->roles[2], ==, "age");   /* guessed from its name */
  g_assert_cmpint (data->id_column, ==, 0);
  g_assert_cmpint (data->feature_columns[2], ==, 3);
  /* Named by the run report when stored. */
  {
    g_autoptr(GPtrArray) segments = sg_project_list_segments (project, data->run->id, NULL);

    g_assert_cmpuint (segments->len, ==, 4);
    for (guint s = 0; s < 4; s++)
      {
        SgSegmentInfo *info = g_ptr_array_index (segments, s);

        g_assert_cmpstr (data->names[info->idx], ==, info->name != NULL ? info->name : "?");
      }
  }
  g_assert_nonnull (data->pca);
  g_assert_cmpuint (data->pca_dims, ==, 3);
  g_assert_nonnull (data->silhouette);
  g_assert_nonnull (data->centroids_scaled);
  g_assert_nonnull (data->pca_components);
  for (guint s = 0; s < data->k; s++)
    total += data->sizes[s];
  g_assert_cmpuint (total, ==, N_ROWS - data->n_excluded);

  sg_run_headline_init (&headline, data);
  g_assert_cmpuint (headline.n_segmented, ==, total);
  g_assert_cmpuint (headline.n_excluded, ==, data->n_excluded);
  g_assert_true (isfinite (headline.silhouette));
  g_assert_cmpstr (headline.method, ==, "K-means");
  g_assert_null (headline.k_reason);   /* k was given */
  sg_run_headline_clear (&headline);

  g_assert_cmpstr (sg_run_charts_silhouette_words (0.6), ==, "Clearly separated");
  g_assert_cmpstr (sg_run_charts_silhouette_words (0.41), ==, "Reasonably distinct");
  g_assert_cmpstr (sg_run_charts_silhouette_words (0.1), ==, "Overlapping");
  g_assert_null (sg_run_charts_silhouette_words (NAN));
  g_assert_true (g_str_has_prefix (sg_run_charts_silhouette_sentence (0.41),
                                   "Segments are reasonably distinct: most customers are much closer"));
}

/* Points skip the rows left out; each segment's centre is the mean of its points (a linear map of means). */
static void
test_scatter (void)
{
  gint64 dataset_id;
  g_autoptr(SgProject) project = make_project (&dataset_id);
  g_autoptr(SgRunData) data = load (project, make_run (project, dataset_id, SG_ALGORITHM_KMEANS,
                                                       SG_SCALING_ZSCORE, 4));
  g_autoptr(SgScatterChart) chart = sg_scatter_chart_new ();
  SgScatterModel model;
  double sum_x[4] = { 0 }, sum_y[4] = { 0 };
  guint64 count[4] = { 0 };

  g_assert_true (sg_scatter_model_build (&model, data, 0, 1));
  g_assert_cmpuint (model.n, ==, N_ROWS - data->n_excluded);
  for (gsize i = 0; i < model.n; i++)
    {
      guint32 row = model.rows[i];

      g_assert_cmpint (data->labels[row], !=, SG_LABEL_EXCLUDED);
      g_assert_cmpint (model.segment[i], ==, data->labels[row]);
      g_assert_cmpfloat (model.x[i], ==, data->pca[row * 3]);
      g_assert_cmpfloat (model.y[i], ==, data->pca[row * 3 + 1]);
      g_assert_true (i == 0 || model.rows[i] > model.rows[i - 1]);
      sum_x[model.segment[i]] += model.x[i];
      sum_y[model.segment[i]] += model.y[i];
      count[model.segment[i]]++;
    }
  for (guint s = 0; s < 4; s++)
    {
      g_assert_cmpfloat_with_epsilon (model.centroid_x[s], sum_x[s] / count[s], 1e-4);
      g_assert_cmpfloat_with_epsilon (model.centroid_y[s], sum_y[s] / count[s], 1e-4);
    }
  g_assert_cmpstr (model.x_name, ==, "Component 1");
  g_assert_cmpfloat (model.x_share, >, model.y_share);
  g_assert_cmpfloat (model.x_share, <=, 1.0);
  g_assert_cmpuint (model.n_loadings, ==, 3);
  g_assert_cmpstr (model.load_names[0], ==, "spend");

  sg_scatter_model_apply (&model, chart, (const char *const *) data->names, TRUE);
  g_assert_cmpuint (sg_scatter_chart_get_n_points (chart), ==, model.n);
  sg_scatter_model_clear (&model);

  /* No third component on a map of two: refused. */
  g_assert_false (sg_scatter_model_build (&model, data, 0, 3));
}

/* z-score runs: the heatmap is the centroids, and the same as measured on the rows. Other scalings: the
 * rows give the standardised difference in the data's own units. */
static void
test_profile (void)
{
  gint64 dataset_id;
  g_autoptr(SgProject) project = make_project (&dataset_id);
  g_autoptr(SgRunData) z_run = load (project, make_run (project, dataset_id, SG_ALGORITHM_KMEANS,
                                                        SG_SCALING_ZSCORE, 5));
  g_autoptr(SgRunData) mm_run = load (project, make_run (project, dataset_id, SG_ALGORITHM_KMEANS,
                                                         SG_SCALING_MINMAX, 5));
  g_autoptr(SgRunInput) input = NULL;
  g_autoptr(SgTable) table = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SgHeatmapChart) heatmap = sg_heatmap_chart_new ();
  SgProfileModel from_model, from_rows, minmax;
  guint top[3];

  g_assert_true (sg_profile_model_from_model (&from_model, z_run));
  g_assert_false (from_model.from_rows);
  g_assert_cmpmem (from_model.z, 5 * 3 * sizeof (double), z_run->centroids_scaled, 5 * 3 * sizeof (double));
  input = sg_run_input_load (project, &z_run->settings, &error);
  g_assert_no_error (error);
  g_assert_true (sg_profile_model_from_rows (&from_rows, z_run, input, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 5 * 3; i++)
    {
      g_assert_cmpfloat_with_epsilon (from_rows.z[i], from_model.z[i], 1e-9);
      g_assert_cmpfloat_with_epsilon (from_rows.segment_means[i], from_model.segment_means[i], 1e-6);
    }
  for (guint f = 0; f < 3; f++)
    g_assert_cmpfloat_with_epsilon (from_rows.overall_means[f], from_model.overall_means[f], 1e-6);

  /* Min–max scaling: the centroids are not in SD units; measured on the rows, and checked here
   * against the raw values. */
  g_assert_false (sg_profile_model_from_model (&minmax, mm_run));
  g_assert_true (sg_profile_model_compute (&minmax, project, mm_run, &error));
  g_assert_no_error (error);
  g_assert_true (minmax.from_rows);
  table = sg_project_load_table (project, dataset_id, NULL, 0, &error);
  g_assert_no_error (error);
  for (guint f = 0; f < 3; f++)
    {
      SgColumn *column = sg_table_get_column (table, f + 1);
      double sum = 0, sum_sq = 0, seg_sum[5] = { 0 };
      guint64 n = 0, seg_n[5] = { 0 };

      for (guint r = 0; r < N_ROWS; r++)
        {
          gint32 label = mm_run->labels[r];
          double v = sg_column_get_number (column, r);

          if (label == SG_LABEL_EXCLUDED)
            continue;
          sum += v;
          sum_sq += v * v;
          n++;
          seg_sum[label] += v;
          seg_n[label]++;
        }
      for (guint s = 0; s < 5; s++)
        {
          double mean = sum / n, sd = sqrt (sum_sq / n - mean * mean);

          g_assert_cmpfloat_with_epsilon (minmax.z[s * 3 + f], (seg_sum[s] / seg_n[s] - mean) / sd, 1e-6);
          g_assert_cmpfloat_with_epsilon (minmax.segment_means[s * 3 + f], seg_sum[s] / seg_n[s], 1e-6);
        }
      g_assert_cmpfloat_with_epsilon (minmax.overall_means[f], sum / n, 1e-6);
    }

  /* The most distinctive features first. */
  g_assert_cmpuint (sg_profile_model_top_features (&from_model, 0, top, 3), ==, 3);
  g_assert_cmpfloat (fabs (from_model.z[top[0]]), >=, fabs (from_model.z[top[1]]));
  g_assert_cmpfloat (fabs (from_model.z[top[1]]), >=, fabs (from_model.z[top[2]]));

  sg_profile_model_apply_heatmap (&from_model, heatmap, z_run);
  g_assert_cmpfloat (sg_heatmap_chart_get_limit (heatmap), >=, 1.0);

  sg_profile_model_clear (&from_model);
  sg_profile_model_clear (&from_rows);
  sg_profile_model_clear (&minmax);
}

static void
test_silhouette (void)
{
  gint64 dataset_id;
  g_autoptr(SgProject) project = make_project (&dataset_id);
  g_autoptr(SgRunData) data = load (project, make_run (project, dataset_id, SG_ALGORITHM_KMEANS,
                                                       SG_SCALING_ZSCORE, 3));
  g_autoptr(SgSilhouetteChart) chart = sg_silhouette_chart_new ();
  SgSilhouetteModel model;
  double sum = 0;

  g_assert_true (sg_silhouette_model_build (&model, data));
  g_assert_cmpuint (model.k, ==, 3);
  g_assert_cmpuint (model.n, ==, N_ROWS - data->n_excluded);   /* exact: every row has a value */
  g_assert_false (model.sampled);
  for (guint s = 0; s < 3; s++)
    {
      g_assert_cmpuint (model.offsets[s + 1] - model.offsets[s], ==, data->sizes[s]);
      for (gsize i = model.offsets[s]; i < model.offsets[s + 1]; i++)
        {
          g_assert_cmpint (model.segment[i], ==, (gint32) s);
          g_assert_true (i == model.offsets[s] || model.values[i] <= model.values[i - 1]);
          sum += model.values[i];
        }
    }
  g_assert_cmpfloat_with_epsilon (model.mean, sum / model.n, 1e-12);
  sg_silhouette_model_apply (&model, chart, (const char *const *) data->names);
  g_assert_cmpfloat_with_epsilon (sg_silhouette_chart_get_mean (chart), model.mean, 1e-6);
  sg_silhouette_model_clear (&model);
}

static void
test_sentences (void)
{
  g_autofree char *spends = sg_run_charts_feature_sentence ("spend", "monetary", 412, 129, 1.8, TRUE);
  g_autofree char *less = sg_run_charts_feature_sentence ("spend", "monetary", 49, 129, -1.1, TRUE);
  g_autofree char *generic = sg_run_charts_feature_sentence ("web_visits", NULL, 12, 3.75, 1.4, TRUE);
  g_autofree char *lower = sg_run_charts_feature_sentence ("web_visits", NULL, 1.5, 3.75, -0.9, TRUE);
  g_autofree char *older = sg_run_charts_feature_sentence ("age", "age", 52, 43, 1.2, TRUE);
  g_autofree char *signed_value = sg_run_charts_feature_sentence ("balance", NULL, -20, 15, -0.7, FALSE);

  g_assert_cmpstr (spends, ==, "Spends 3.2× the average (412 against 129)");
  g_assert_cmpstr (less, ==, "Spends 62% less than the average (49 against 129)");
  g_assert_cmpstr (generic, ==, "Web visits: 3.2× the average (12 against 3.75)");
  g_assert_cmpstr (lower, ==, "Web visits: 60% below the average (1.5 against 3.75)");
  g_assert_cmpstr (older, ==, "Older than average (52 against 43)");
  /* No ratio across zero: said in words. */
  g_assert_cmpstr (signed_value, ==, "Balance: lower than average (-20 against 15)");
  /* A feature that can be negative gets no ratio, even where both means are positive. */
  {
    g_autofree char *no_ratio = sg_run_charts_feature_sentence ("f3", NULL, 4.34, 1.16, 1.5, FALSE);

    g_assert_cmpstr (no_ratio, ==, "F3: higher than average (4.34 against 1.16)");
  }
}

/* Cards: the stored profile's sentences when there are some, else sentences from the centroids. */
static void
test_segment_facts (void)
{
  gint64 dataset_id, run_id;
  g_autoptr(SgProject) project = make_project (&dataset_id);
  g_autoptr(SgRunData) before = NULL, after = NULL;
  g_autoptr(GError) error = NULL;
  SgProfileModel profile;
  g_auto(GStrv) derived = NULL, stored = NULL, other = NULL;
  guint top[1];

  run_id = make_run (project, dataset_id, SG_ALGORITHM_KMEANS, SG_SCALING_ZSCORE, 5);
  /* The run report's profiles first: the first fact is its most distinctive sentence. */
  {
    g_autoptr(SgRunData) reported = load (project, run_id);
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_auto(GStrv) facts = NULL;
    JsonArray *distinctive;

    g_assert_nonnull (reported->profiles[0]);
    g_assert_true (json_parser_load_from_data (parser, reported->profiles[0], -1, NULL));
    distinctive = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "distinctive");
    facts = sg_run_charts_segment_facts (reported, NULL, 0, 3);
    g_assert_cmpuint (g_strv_length (facts), >=, 1);
    if (json_array_get_length (distinctive) > 0)
      g_assert_cmpstr (facts[0], ==, json_object_get_string_member (json_array_get_object_element (distinctive, 0),
                                                                     "sentence"));
  }
  /* Without stored profiles (a run made before profiling), sentences come from the centroids. */
  for (guint s = 0; s < 5; s++)
    {
      g_assert_true (sg_project_set_segment_profile (project, run_id, s, NULL, &error));
      g_assert_no_error (error);
    }
  before = load (project, run_id);
  g_assert_true (sg_profile_model_from_model (&profile, before));
  derived = sg_run_charts_segment_facts (before, &profile, 0, 3);
  g_assert_cmpuint (g_strv_length (derived), >=, 1);
  g_assert_cmpuint (g_strv_length (derived), <=, 3);
  /* The first fact is about the segment's most distinctive feature. */
  sg_profile_model_top_features (&profile, 0, top, 1);
  {
    g_autofree char *expected = sg_run_charts_feature_sentence (before->features[top[0]], before->roles[top[0]],
                                                                profile.segment_means[top[0]],
                                                                profile.overall_means[top[0]],
                                                                profile.z[top[0]],
                                                                sg_profile_model_is_amount (&profile, top[0]));

    g_assert_cmpstr (derived[0], ==, expected);
  }

  g_assert_true (sg_project_set_segment_profile (project, run_id, 0,
                                                 "{\"label\": 0, \"distinctive\": ["
                                                 "{\"kind\": \"numeric\", \"feature\": \"spend\", \"sentence\": \"Spends a lot\"},"
                                                 "{\"kind\": \"numeric\", \"feature\": \"age\", \"sentence\": \"Young\"}]}",
                                                 &error));
  g_assert_no_error (error);
  g_assert_true (sg_project_set_segment_name (project, run_id, 0, "Big Spenders", NULL, TRUE, &error));
  g_assert_no_error (error);
  after = load (project, run_id);
  g_assert_cmpstr (after->names[0], ==, "Big Spenders");
  stored = sg_run_charts_segment_facts (after, &profile, 0, 3);
  g_assert_cmpuint (g_strv_length (stored), ==, 2);
  g_assert_cmpstr (stored[0], ==, "Spends a lot");
  g_assert_cmpstr (stored[1], ==, "Young");
  /* Without a profile model nor a stored profile: nothing to say. */
  other = sg_run_charts_segment_facts (after, NULL, 1, 3);
  g_assert_cmpuint (g_strv_length (other), ==, 0);
  sg_profile_model_clear (&profile);
}

/* A run stored by hand: noise, rows left out, a map with gaps. */
static void
test_run_in_code (void)
{
  gint64 dataset_id, run_id;
  g_autoptr(SgProject) project = make_project (&dataset_id);
  g_autoptr(GError) error = NULL;
  g_autoptr(SgRunData) data = NULL;
  g_autofree gint32 *labels = g_new (gint32, N_ROWS);
  g_autofree float *pca = g_new (float, N_ROWS * 2);
  SgRunInfo info = { 0 };
  SgScatterModel model;
  SgRunHeadline headline;
  SgProfileModel profile;

  for (guint r = 0; r < N_ROWS; r++)
    {
      labels[r] = r % 10 == 0 ? SG_LABEL_EXCLUDED : r % 10 == 1 ? SG_LABEL_UNASSIGNED : (gint32) (r % 2);
      pca[2 * r] = labels[r] == SG_LABEL_EXCLUDED ? NAN : (float) r;
      pca[2 * r + 1] = labels[r] == SG_LABEL_EXCLUDED ? NAN : (float) (r % 7);
    }
  info.dataset_id = dataset_id;
  info.name = (char *) "By hand";
  info.algorithm = (char *) "dbscan";
  info.k = 2;
  info.settings = (char *) "{\"dataset_id\": 1, \"algorithm\": \"dbscan\", \"features\": [\"spend\", \"age\"]}";
  info.model = (char *) "{\"features\": [\"spend\", \"age\"], \"k\": 2, \"centroids\": [[1, 2], [3, 4]],"
                        " \"centroids_scaled\": [[0.5, -0.5], [-0.5, 0.5]]}";
  info.metrics = (char *) "{\"silhouette\": {\"mean\": 0.3, \"sampled\": true, \"sample_size\": 500}}";
  info.n_rows = N_ROWS;
  run_id = sg_project_store_run (project, &info, labels, N_ROWS, &error);
  g_assert_no_error (error);
  g_assert_true (sg_project_store_run_array (project, run_id, "pca", pca, 2 * sizeof (float), N_ROWS, &error));
  g_assert_no_error (error);

  data = load (project, run_id);
  /* Not profiled nor named: "Segment N". */
  g_assert_cmpstr (data->names[0], ==, "Segment 1");
  g_assert_cmpstr (data->names[1], ==, "Segment 2");
  g_assert_cmpuint (data->pca_dims, ==, 2);
  g_assert_cmpuint (data->n_unassigned, ==, N_ROWS / 10);
  g_assert_cmpuint (data->n_excluded, ==, N_ROWS / 10);
  g_assert_null (data->silhouette);
  g_assert_null (data->pca_components);

  g_assert_true (sg_scatter_model_build (&model, data, 0, 1));
  g_assert_cmpuint (model.n, ==, N_ROWS - N_ROWS / 10);
  for (gsize i = 0; i < model.n; i++)
    {
      g_assert_cmpuint (model.rows[i] % 10, !=, 0);
      g_assert_cmpint (model.segment[i], ==, model.rows[i] % 10 == 1 ? -1 : (gint32) (model.rows[i] % 2));
    }
  /* No components stored: no centres, no arrows, but the points. */
  g_assert_true (isnan (model.centroid_x[0]));
  g_assert_cmpuint (model.n_loadings, ==, 0);
  sg_scatter_model_clear (&model);

  sg_run_headline_init (&headline, data);
  g_assert_cmpuint (headline.n_segmented, ==, N_ROWS - 2 * (N_ROWS / 10));
  g_assert_cmpuint (headline.n_unassigned, ==, N_ROWS / 10);
  g_assert_true (headline.sampled);
  g_assert_cmpuint (headline.sample_size, ==, 500);
  g_assert_cmpfloat (headline.silhouette, ==, 0.3);
  sg_run_headline_clear (&headline);

  /* Noise counts in the overall mean: the centroids cannot give the heatmap. */
  g_assert_false (sg_profile_model_from_model (&profile, data));
}

static void
test_box (void)
{
  double values[] = { 1, 2, 3, 4, 5, 100, NAN, 7, 8, 9, 10, -50, -60 };
  gint32 labels[] = { 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, SG_LABEL_EXCLUDED };
  g_autoptr(SgBoxChart) chart = sg_box_chart_new ();
  SgBoxModel model;

  sg_box_model_compute (&model, values, labels, G_N_ELEMENTS (values), 3, 1);
  g_assert_cmpuint (model.k, ==, 3);
  /* Segment 0: 1 2 3 4 5 100 (NaN skipped). */
  g_assert_cmpuint (model.boxes[0].count, ==, 6);
  g_assert_cmpfloat (model.boxes[0].q1, ==, 2.25);
  g_assert_cmpfloat (model.boxes[0].median, ==, 3.5);
  g_assert_cmpfloat (model.boxes[0].q3, ==, 4.75);
  g_assert_cmpfloat (model.boxes[0].high_whisker, ==, 5);
  g_assert_cmpfloat (model.boxes[0].low_whisker, ==, 1);
  g_assert_cmpuint (model.boxes[0].n_outliers, ==, 1);
  g_assert_cmpfloat (model.boxes[0].outliers[0], ==, 100);
  g_assert_cmpfloat_with_epsilon (model.boxes[0].mean, 115.0 / 6, 1e-12);
  /* Segment 1: -50 7 8 9 10; the excluded row's -60 is not in it. */
  g_assert_cmpuint (model.boxes[1].count, ==, 5);
  g_assert_cmpfloat (model.boxes[1].median, ==, 8);
  g_assert_cmpfloat (model.boxes[1].low_whisker, ==, 7);
  g_assert_cmpuint (model.boxes[1].n_outliers, ==, 1);
  g_assert_cmpfloat (model.boxes[1].outliers[0], ==, -50);
  /* An empty segment. */
  g_assert_cmpuint (model.boxes[2].count, ==, 0);
  g_assert_true (isnan (model.boxes[2].median));
  sg_box_chart_set_data (chart, model.boxes, model.k, NULL, "value");
  sg_box_model_clear (&model);
}

/* Read from the project: the column's numbers by the labels given; a column of text, a wrong row count or a
 * cancelled read is an error. */
static void
test_box_load (void)
{
  gint64 dataset_id = 0;
  g_autoptr(SgProject) project = make_project (&dataset_id);
  g_autoptr(SgTable) table = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree gint32 *labels = g_new (gint32, N_ROWS);
  const double *spend;
  SgBoxModel expected;
  SgBoxModel *model;
  guint spend_column = 1, id_column = 0;

  for (guint i = 0; i < N_ROWS; i++)
    labels[i] = (gint32) (i % 5 == 0);
  table = sg_project_load_table (project, dataset_id, &spend_column, 1, &error);
  g_assert_no_error (error);
  spend = sg_column_get_numbers (sg_table_get_column (table, 0));
  sg_box_model_compute (&expected, spend, labels, N_ROWS, 2, 4);

  model = sg_box_model_load (project, dataset_id, spend_column, labels, N_ROWS, 2, 4, cancellable, &error);
  g_assert_no_error (error);
  g_assert_nonnull (model);
  g_assert_cmpuint (model->k, ==, 2);
  for (guint s = 0; s < 2; s++)
    {
      g_assert_cmpuint (model->boxes[s].count, ==, expected.boxes[s].count);
      g_assert_cmpfloat (model->boxes[s].median, ==, expected.boxes[s].median);
      g_assert_cmpuint (model->boxes[s].n_outliers, ==, expected.boxes[s].n_outliers);
    }
  g_assert_cmpuint (model->boxes[0].count, ==, N_ROWS - N_ROWS / 5);
  sg_box_model_free (model);
  sg_box_model_clear (&expected);

  g_assert_null (sg_box_model_load (project, dataset_id, id_column, labels, N_ROWS, 2, 4, NULL, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "customer_id"));
  g_clear_error (&error);
  g_assert_null (sg_box_model_load (project, dataset_id, spend_column, labels, N_ROWS - 1, 2, 4, NULL, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_cancellable_cancel (cancellable);
  g_assert_null (sg_box_model_load (project, dataset_id, spend_column, labels, N_ROWS, 2, 4, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_tree (void)
{
  gint64 dataset_id;
  g_autoptr(SgProject) project = make_project (&dataset_id);
  g_autoptr(SgRunData) data = load (project, make_run (project, dataset_id, SG_ALGORITHM_HIERARCHICAL,
                                                       SG_SCALING_ZSCORE, 4));
  g_autoptr(SgDendrogramChart) chart = sg_dendrogram_chart_new ();
  g_autofree guint64 *run_sizes = NULL;
  SgTreeModel model;
  guint64 sizes[12], total = 0;

  g_assert_nonnull (data->merges);
  g_assert_cmpuint (data->n_merges, ==, N_ROWS - data->n_excluded - 1);
  g_assert_true (sg_tree_model_build (&model, data, 12));
  g_assert_cmpuint (model.n_leaves, ==, 12);
  g_assert_cmpuint (model.n_full_leaves, ==, N_ROWS - data->n_excluded);
  for (guint l = 0; l < 12; l++)
    total += model.leaf_counts[l];
  g_assert_cmpuint (total, ==, N_ROWS - data->n_excluded);
  for (guint j = 0; j + 1 < 11; j++)
    g_assert_cmpfloat (model.heights[j], <=, model.heights[j + 1]);

  /* The cut at the run's k gives the run's segments (numbered by decreasing size). */
  g_assert_true (sg_tree_model_sizes_at_k (&model, 4, sizes));
  for (guint s = 0; s < 4; s++)
    g_assert_cmpuint (sizes[s], ==, data->sizes[s]);
  g_assert_true (sg_tree_model_sizes_at_k (&model, 12, sizes));
  g_assert_false (sg_tree_model_sizes_at_k (&model, 13, sizes));

  g_assert_true (sg_tree_model_apply (&model, chart, 4));
  g_assert_cmpuint (sg_dendrogram_chart_get_n_leaves (chart), ==, 12);
  g_assert_cmpuint (sg_dendrogram_chart_k_for_height (chart, sg_dendrogram_chart_get_cut_height (chart)), ==, 4);
  sg_tree_model_clear (&model);

  /* A run without a tree has none. */
  {
    g_autoptr(SgRunData) kmeans = load (project, make_run (project, dataset_id, SG_ALGORITHM_KMEANS,
                                                           SG_SCALING_ZSCORE, 4));

    g_assert_false (sg_tree_model_build (&model, kmeans, 12));
  }
}

static void
test_k_scan (void)
{
  gint64 dataset_id;
  g_autoptr(SgProject) project = make_project (&dataset_id);
  g_autoptr(SgRunData) automatic = load (project, make_run (project, dataset_id, SG_ALGORITHM_KMEANS,
                                                            SG_SCALING_ZSCORE, 0));
  g_autoptr(SgRunData) fixed = load (project, make_run (project, dataset_id, SG_ALGORITHM_KMEANS,
                                                        SG_SCALING_ZSCORE, 3));
  g_autoptr(SgKScanChart) chart = sg_k_scan_chart_new ();
  SgRunHeadline headline;

  g_assert_true (sg_run_charts_apply_k_scan (automatic, chart));
  g_assert_false (sg_run_charts_apply_k_scan (fixed, chart));
  sg_run_headline_init (&headline, automatic);
  g_assert_nonnull (headline.k_reason);
  g_assert_cmpuint (strlen (headline.k_reason), >, 10);
  sg_run_headline_clear (&headline);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);

  g_test_add_func ("/run-charts/load", test_load);
  g_test_add_func ("/run-charts/scatter", test_scatter);
  g_test_add_func ("/run-charts/profile", test_profile);
  g_test_add_func ("/run-charts/silhouette", test_silhouette);
  g_test_add_func ("/run-charts/sentences", test_sentences);
  g_test_add_func ("/run-charts/segment-facts", test_segment_facts);
  g_test_add_func ("/run-charts/run-in-code", test_run_in_code);
  g_test_add_func ("/run-charts/box", test_box);
  g_test_add_func ("/run-charts/box-load", test_box_load);
  g_test_add_func ("/run-charts/tree", test_tree);
  g_test_add_func ("/run-charts/k-scan", test_k_scan);

  return g_test_run ();
}
