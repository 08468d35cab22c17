/* test-gui-segment-settings.c — the Segment page's logic without a display: default features from the
 * advice, the form and run settings, runs in words, the dataset to preselect, the k scan, comparisons
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "sg-error.h"
#include "sg-run-comparison.h"
#include "sg-segment-settings.h"
#include "sg-test-util.h"

#define N_ROWS 400

/* ---- features ---- */

/* A customer table with one column for each kind of advice. */
static SgTable *
advice_table (void)
{
  SgTable *table = sg_table_new ("customers");
  SgColumn *id = sg_table_add_column (table, "customer_id", SG_COLUMN_IDENTIFIER);
  SgColumn *monetary = sg_table_add_column (table, "monetary", SG_COLUMN_DECIMAL);
  SgColumn *frequency = sg_table_add_column (table, "frequency", SG_COLUMN_INTEGER);
  SgColumn *constant = sg_table_add_column (table, "constant", SG_COLUMN_INTEGER);
  SgColumn *twin = sg_table_add_column (table, "twin", SG_COLUMN_DECIMAL);
  SgColumn *sparse = sg_table_add_column (table, "sparse", SG_COLUMN_DECIMAL);
  SgColumn *gappy = sg_table_add_column (table, "gappy", SG_COLUMN_DECIMAL);
  SgColumn *newsletter = sg_table_add_column (table, "newsletter", SG_COLUMN_BOOLEAN);
  SgColumn *country = sg_table_add_column (table, "country", SG_COLUMN_CATEGORICAL);

  sg_column_set_role (id, "id");
  sg_column_set_role (monetary, "monetary");
  sg_column_set_role (frequency, "frequency");
  for (guint i = 0; i < N_ROWS; i++)
    {
      g_autofree char *text = g_strdup_printf ("C%04u", i);
      double f = 1 + (i * 7) % 13;

      sg_column_append_string (id, text);
      sg_column_append_number (monetary, i % 20 == 0 ? 5000 + i : 10 + i % 37);
      sg_column_append_number (frequency, f);
      sg_column_append_number (constant, 3);
      sg_column_append_number (twin, 2 * f + 0.001 * (i % 2));
      if (i % 5 < 3)
        sg_column_append_missing (sparse);
      else
        sg_column_append_number (sparse, (i * 3) % 17);
      if (i % 10 == 0)
        sg_column_append_missing (gappy);
      else
        sg_column_append_number (gappy, (i * 13) % 29);
      sg_column_append_number (newsletter, i % 3 == 0);
      sg_column_append_string (country, i % 2 ? "France" : "Spain");
    }
  return table;
}

/* The dataset as a project lists it, and the advice on it. */
static SgDatasetInfo *
store_and_advise (SgAdvice **advice)
{
  static guint counter;
  g_autofree char *file = g_strdup_printf ("advice-%u.segmenta", counter++);
  g_autofree char *path = sg_test_tmp_path (file);
  g_autoptr(GError) error = NULL;
  g_autoptr(SgProject) project = sg_project_create (path, &error);
  g_autoptr(SgTable) table = advice_table ();
  g_autoptr(SgTable) loaded = NULL;
  SgDatasetInfo *info;
  gint64 id;

  g_assert_no_error (error);
  id = sg_project_store_table (project, table, "imported", "customers.csv", NULL, &error);
  g_assert_no_error (error);
  info = sg_project_get_dataset (project, id, &error);
  g_assert_no_error (error);
  loaded = sg_project_load_table (project, id, NULL, 0, &error);
  g_assert_no_error (error);
  *advice = sg_advice_analyse (loaded, &error);
  g_assert_no_error (error);
  return info;
}

static SgFeatureChoice *
choice_named (GPtrArray  *choices,
              const char *name)
{
  for (guint i = 0; i < choices->len; i++)
    {
      SgFeatureChoice *choice = g_ptr_array_index (choices, i);

      if (g_str_equal (choice->name, name))
        return choice;
    }
  g_error ("No feature “%s” is offered", name);
}

static gboolean
offered (GPtrArray  *choices,
         const char *name)
{
  for (guint i = 0; i < choices->len; i++)
    if (g_str_equal (((SgFeatureChoice *) g_ptr_array_index (choices, i))->name, name))
      return TRUE;
  return FALSE;
}

static void
test_features_from_advice (void)
{
  g_autoptr(SgAdvice) advice = NULL;
  g_autoptr(SgDatasetInfo) info = store_and_advise (&advice);
  g_autoptr(GPtrArray) choices = sg_feature_choices_new (info, advice);
  SgFeatureChoice *c;

  /* Only what can be clustered is offered: no identifier, no category. */
  g_assert_cmpuint (choices->len, ==, 7);
  g_assert_false (offered (choices, "customer_id"));
  g_assert_false (offered (choices, "country"));

  c = choice_named (choices, "monetary");
  g_assert_true (c->selected && c->suggested);
  g_assert_true (c->log_suggested && c->log_scale && c->log_possible);
  g_assert_nonnull (strstr (c->note, "big spenders"));

  c = choice_named (choices, "frequency");
  g_assert_true (c->selected);
  g_assert_false (c->log_scale);

  c = choice_named (choices, "constant");
  g_assert_false (c->selected);
  g_assert_nonnull (strstr (c->note, "same value"));

  /* Of the correlated pair, the basic frequency measure stays and its twin goes, saying why. */
  c = choice_named (choices, "twin");
  g_assert_false (c->selected);
  g_assert_nonnull (strstr (c->note, "“frequency”"));

  c = choice_named (choices, "sparse");
  g_assert_false (c->selected);
  g_assert_nonnull (strstr (c->note, "60%"));

  /* The advice would fill 10% of gaps; a run would leave those customers out, so it is not ticked. */
  c = choice_named (choices, "gappy");
  g_assert_false (c->selected || c->suggested);
  g_assert_nonnull (strstr (c->note, "10%"));
  {
    g_autofree char *kind = sg_feature_choice_describe (c);

    g_assert_cmpstr (kind, ==, "Decimal · 40 missing");
  }

  c = choice_named (choices, "newsletter");
  g_assert_true (c->selected);
  g_assert_false (c->log_possible);
  g_assert_null (c->note);

  g_assert_cmpuint (sg_feature_choices_count (choices), ==, 3);
}

static void
test_features_without_advice (void)
{
  g_autoptr(SgAdvice) advice = NULL;
  g_autoptr(SgDatasetInfo) info = store_and_advise (&advice);
  g_autoptr(GPtrArray) choices = sg_feature_choices_new (info, NULL);

  /* Every number is ticked until the advice comes; nothing on a log scale. */
  g_assert_cmpuint (choices->len, ==, 7);
  g_assert_cmpuint (sg_feature_choices_count (choices), ==, 7);
  for (guint i = 0; i < choices->len; i++)
    g_assert_false (((SgFeatureChoice *) g_ptr_array_index (choices, i))->log_scale);
}

static void
test_features_apply_reset (void)
{
  g_autoptr(SgAdvice) advice = NULL;
  g_autoptr(SgDatasetInfo) info = store_and_advise (&advice);
  g_autoptr(GPtrArray) choices = sg_feature_choices_new (info, advice);
  const char *features[] = { "frequency", "gappy", "nonexistent", NULL };
  const char *log1p[] = { "gappy", "newsletter", NULL };

  /* A stored run's features: unknown names are ignored, a yes/no column gets no log scale. */
  g_assert_cmpuint (sg_feature_choices_apply (choices, features, log1p), ==, 2);
  g_assert_true (choice_named (choices, "gappy")->selected);
  g_assert_true (choice_named (choices, "gappy")->log_scale);
  g_assert_false (choice_named (choices, "monetary")->selected);
  g_assert_false (choice_named (choices, "newsletter")->log_scale);

  sg_feature_choices_reset (choices);
  g_assert_true (choice_named (choices, "monetary")->selected);
  g_assert_true (choice_named (choices, "monetary")->log_scale);
  g_assert_false (choice_named (choices, "gappy")->selected);
  g_assert_cmpuint (sg_feature_choices_count (choices), ==, 3);
}

static void
test_features_below_zero (void)
{
  g_autoptr(SgAdvice) advice = NULL;
  g_autoptr(SgDatasetInfo) info = store_and_advise (&advice);
  g_autoptr(GPtrArray) choices = sg_feature_choices_new (info, advice);
  g_autoptr(SgTable) table = sg_table_new ("t");
  SgColumn *up = sg_table_add_column (table, "up", SG_COLUMN_DECIMAL);
  SgColumn *trend = sg_table_add_column (table, "trend", SG_COLUMN_DECIMAL);
  SgColumn *name = sg_table_add_column (table, "name", SG_COLUMN_TEXT);
  g_auto(GStrv) below = NULL;
  const char *forbid[] = { "monetary", "frequency", NULL };

  sg_column_append_number (up, 1);
  sg_column_append_missing (up);
  sg_column_append_number (trend, 0.5);
  sg_column_append_number (trend, -0.25);
  sg_column_append_string (name, "-3");
  sg_column_append_string (name, "x");
  below = sg_table_columns_below_zero (table);
  g_assert_cmpuint (g_strv_length (below), ==, 1);
  g_assert_cmpstr (below[0], ==, "trend");

  /* The suggested log scale goes, and the reason says why; a note already there is kept. */
  sg_feature_choices_forbid_log (choices, forbid);
  g_assert_false (choice_named (choices, "monetary")->log_scale);
  g_assert_false (choice_named (choices, "monetary")->log_possible);
  g_assert_nonnull (strstr (choice_named (choices, "monetary")->note, "big spenders"));
  g_assert_cmpstr (choice_named (choices, "frequency")->note, ==, "No log scale: some values are below zero");
  sg_feature_choices_reset (choices);
  g_assert_false (choice_named (choices, "monetary")->log_scale);
}

/* ---- the form ---- */

static void
test_form_settings (void)
{
  g_autoptr(SgAdvice) advice = NULL;
  g_autoptr(SgDatasetInfo) info = store_and_advise (&advice);
  g_autoptr(GPtrArray) choices = sg_feature_choices_new (info, advice);
  g_auto(SgRunSettings) settings = { 0 };
  g_autoptr(GError) error = NULL;
  SgSegmentForm form, back;

  sg_segment_form_init (&form);
  g_assert_cmpint (form.algorithm, ==, SG_ALGORITHM_KMEANS);
  g_assert_true (form.auto_k);
  g_assert_true (sg_segment_form_advanced_is_default (&form));

  sg_run_settings_init (&settings);
  g_assert_true (sg_segment_form_to_settings (&form, 7, choices, &settings, &error));
  g_assert_no_error (error);
  g_assert_cmpint (settings.dataset_id, ==, 7);
  g_assert_cmpuint (settings.k, ==, 0);
  g_assert_cmpuint (g_strv_length (settings.features), ==, 3);
  g_assert_true (g_strv_contains ((const char * const *) settings.features, "monetary"));
  g_assert_cmpuint (g_strv_length (settings.log1p), ==, 1);
  g_assert_cmpstr (settings.log1p[0], ==, "monetary");

  /* A chosen number, a mixture with diagonal shapes, robust scaling: and back again. */
  form.auto_k = FALSE;
  form.k = 7;
  form.algorithm = SG_ALGORITHM_GMM;
  form.covariance = SG_COVARIANCE_DIAG;
  form.scaling = SG_SCALING_ROBUST;
  form.seed = 42;
  form.restarts = 3;
  g_assert_false (sg_segment_form_advanced_is_default (&form));
  g_assert_true (sg_segment_form_to_settings (&form, 7, choices, &settings, &error));
  g_assert_cmpuint (settings.k, ==, 7);
  g_assert_cmpint (settings.algorithm, ==, SG_ALGORITHM_GMM);
  g_assert_cmpint (settings.covariance, ==, SG_COVARIANCE_DIAG);
  g_assert_cmpint (settings.scaling, ==, SG_SCALING_ROBUST);
  g_assert_cmpuint (settings.seed, ==, 42);
  g_assert_cmpuint (settings.n_init, ==, 3);
  sg_segment_form_from_settings (&back, &settings);
  g_assert_true (memcmp (&back, &form, sizeof form) == 0);

  /* Reset keeps the method and the number. */
  sg_segment_form_reset_advanced (&form);
  g_assert_true (sg_segment_form_advanced_is_default (&form));
  g_assert_cmpint (form.algorithm, ==, SG_ALGORITHM_GMM);
  g_assert_cmpuint (form.k, ==, 7);

  /* Nothing ticked: one sentence, no settings. */
  for (guint i = 0; i < choices->len; i++)
    ((SgFeatureChoice *) g_ptr_array_index (choices, i))->selected = FALSE;
  g_assert_false (sg_segment_form_to_settings (&form, 7, choices, &settings, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT);
  g_assert_null (strchr (error->message, '\n'));
}

static void
test_parse_run_settings (void)
{
  g_auto(SgRunSettings) settings = { 0 };
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  /* As the engine stores them: the seed as a string. */
  sg_run_settings_init (&settings);
  settings.seed = G_GUINT64_CONSTANT (12345678901234);
  settings.k = 6;
  settings.algorithm = SG_ALGORITHM_HIERARCHICAL;
  node = sg_run_settings_to_json (&settings);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  sg_run_settings_clear (&settings);
  g_assert_true (sg_segment_parse_run_settings (text, &settings));
  g_assert_cmpuint (settings.seed, ==, G_GUINT64_CONSTANT (12345678901234));
  g_assert_cmpuint (settings.k, ==, 6);
  g_assert_cmpint (settings.algorithm, ==, SG_ALGORITHM_HIERARCHICAL);

  /* Another writer's number, or something else: read, never a crash. */
  sg_run_settings_clear (&settings);
  g_assert_true (sg_segment_parse_run_settings ("{\"seed\": 7, \"features\": [\"spend\"]}", &settings));
  g_assert_cmpuint (settings.seed, ==, 7);
  g_assert_cmpstr (settings.features[0], ==, "spend");
  sg_run_settings_clear (&settings);
  g_assert_true (sg_segment_parse_run_settings ("{\"seed\": [1]}", &settings));
  g_assert_cmpuint (settings.seed, ==, 0);
  sg_run_settings_clear (&settings);
  g_assert_false (sg_segment_parse_run_settings ("[1, 2]", &settings));
  g_assert_false (sg_segment_parse_run_settings ("not json", &settings));
  g_assert_false (sg_segment_parse_run_settings (NULL, &settings));
}

static void
test_form_options (void)
{
  SgFormOptions kmeans = sg_segment_form_options (SG_ALGORITHM_KMEANS);
  SgFormOptions gmm = sg_segment_form_options (SG_ALGORITHM_GMM);
  SgFormOptions dbscan = sg_segment_form_options (SG_ALGORITHM_DBSCAN);
  SgFormOptions tree = sg_segment_form_options (SG_ALGORITHM_HIERARCHICAL);

  g_assert_true (kmeans & SG_FORM_K && kmeans & SG_FORM_RESTARTS && kmeans & SG_FORM_SEED);
  g_assert_false (kmeans & (SG_FORM_COVARIANCE | SG_FORM_EPS | SG_FORM_LINKAGE));
  g_assert_true (gmm & SG_FORM_COVARIANCE);
  g_assert_false (dbscan & SG_FORM_K);
  g_assert_true (dbscan & SG_FORM_EPS && dbscan & SG_FORM_MIN_SAMPLES);
  g_assert_true (tree & SG_FORM_LINKAGE && tree & SG_FORM_K);
  g_assert_false (tree & SG_FORM_SEED);
  for (SgAlgorithm a = 0; a < SG_N_ALGORITHMS; a++)
    g_assert_true (sg_segment_form_options (a) & SG_FORM_SCALING);
}

static void
test_parse_eps (void)
{
  g_autoptr(GError) error = NULL;
  double eps = -1;

  g_assert_true (sg_segment_parse_eps ("", &eps, NULL));
  g_assert_cmpfloat (eps, ==, 0);
  g_assert_true (sg_segment_parse_eps ("  0.5 ", &eps, NULL));
  g_assert_cmpfloat (eps, ==, 0.5);
  g_assert_true (sg_segment_parse_eps ("1,25", &eps, NULL));
  g_assert_cmpfloat (eps, ==, 1.25);
  g_assert_false (sg_segment_parse_eps ("-1", &eps, NULL));
  g_assert_false (sg_segment_parse_eps ("0", &eps, NULL));
  g_assert_false (sg_segment_parse_eps ("2 km", &eps, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "“2 km”"));
  g_assert_cmpfloat (eps, ==, 1.25);
}

/* ---- runs in words ---- */

static void
test_quality_words (void)
{
  g_assert_cmpstr (sg_segment_quality_words (0.62), ==, "clearly separated");
  g_assert_cmpstr (sg_segment_quality_words (0.5), ==, "clearly separated");
  g_assert_cmpstr (sg_segment_quality_words (0.31), ==, "reasonably distinct");
  g_assert_cmpstr (sg_segment_quality_words (0.12), ==, "overlapping");
  g_assert_cmpstr (sg_segment_quality_words (-0.2), ==, "overlapping");
  g_assert_cmpstr (sg_segment_quality_words (NAN), ==, "not measured");
}

static void
test_run_summary (void)
{
  SgRunInfo run = {
    .id = 3, .dataset_id = 1, .name = (char *) "K-means · 5 segments", .algorithm = (char *) "kmeans", .k = 5,
    .metrics = (char *) "{\"silhouette\": {\"mean\": 0.41}, \"n_unassigned\": 0}",
    .n_rows = 2000, .n_excluded = 67, .created = (char *) "2025-03-03T16:40:00Z",
  };
  g_autofree char *full = sg_segment_run_summary (&run, TRUE);
  g_autofree char *shorter = sg_segment_run_summary (&run, FALSE);
  g_autofree char *noise = NULL;

  g_assert_cmpfloat_with_epsilon (sg_segment_run_silhouette (&run), 0.41, 1e-12);
  g_assert_cmpstr (full, ==, "K-means · 5 segments · 1933 customers · reasonably distinct");
  g_assert_cmpstr (shorter, ==, "1933 customers · reasonably distinct");
  g_assert_true (sg_segment_run_name_is_default (&run));
  run.name = (char *) "Spring campaign";
  g_assert_false (sg_segment_run_name_is_default (&run));

  /* DBSCAN's unassigned customers are counted; a run without a silhouette says so. */
  run.algorithm = (char *) "dbscan";
  run.k = 1;
  run.metrics = (char *) "{\"silhouette\": {\"mean\": null}, \"n_unassigned\": 12}";
  noise = sg_segment_run_summary (&run, TRUE);
  g_assert_cmpstr (noise, ==, "Density-based (DBSCAN) · 1 segment + 12 unassigned · 1933 customers · not measured");
  run.metrics = (char *) "not json";
  g_assert_true (isnan (sg_segment_run_silhouette (&run)));
}

static void
test_unique_run_name (void)
{
  g_autoptr(GPtrArray) runs = g_ptr_array_new_with_free_func (g_free);
  SgRunInfo *a = g_new0 (SgRunInfo, 1), *b = g_new0 (SgRunInfo, 1);
  g_autofree char *fresh = NULL, *second = NULL, *third = NULL, *itself = NULL;

  a->id = 1;
  a->name = (char *) "K-means · 5 segments";
  b->id = 2;
  b->name = (char *) "K-means · 5 segments (2)";
  g_ptr_array_add (runs, a);
  g_ptr_array_add (runs, b);
  fresh = sg_segment_unique_run_name (runs, "K-means · 4 segments", 3);
  g_assert_cmpstr (fresh, ==, "K-means · 4 segments");
  third = sg_segment_unique_run_name (runs, "K-means · 5 segments", 3);
  g_assert_cmpstr (third, ==, "K-means · 5 segments (3)");
  /* A run does not clash with itself. */
  itself = sg_segment_unique_run_name (runs, "K-means · 5 segments (2)", 2);
  g_assert_cmpstr (itself, ==, "K-means · 5 segments (2)");
  b->name = (char *) "Spring";
  second = sg_segment_unique_run_name (runs, "K-means · 5 segments", 3);
  g_assert_cmpstr (second, ==, "K-means · 5 segments (2)");
}

static void
test_format_time (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2025, 3, 4, 10, 0, 0);
  g_autofree char *today = sg_segment_format_time ("2025-03-04T08:05:00Z", now);
  g_autofree char *yesterday = sg_segment_format_time ("2025-03-03T16:40:00Z", now);
  g_autofree char *older = sg_segment_format_time ("2025-02-20T16:40:00Z", now);

  /* The tests run in UTC. */
  g_assert_cmpstr (today, ==, "Today, 08:05");
  g_assert_cmpstr (yesterday, ==, "Yesterday, 16:40");
  g_assert_true (g_str_has_suffix (older, ", 16:40"));
  g_assert_nonnull (strstr (older, "20"));
  g_assert_null (sg_segment_format_time ("yesterday", now));
  g_assert_null (sg_segment_format_time (NULL, now));
}

/* ---- datasets ---- */

static SgDatasetInfo *
dataset (gint64      id,
         const char *kind,
         gboolean    numeric)
{
  SgDatasetInfo *info = g_new0 (SgDatasetInfo, 1);
  SgColumnInfo *column = g_new0 (SgColumnInfo, 1);

  info->id = id;
  info->name = g_strdup_printf ("dataset %" G_GINT64_FORMAT, id);
  info->kind = g_strdup (kind);
  info->columns = g_ptr_array_new ();
  column->name = g_strdup ("x");
  column->type = numeric ? SG_COLUMN_DECIMAL : SG_COLUMN_TEXT;
  g_ptr_array_add (info->columns, column);
  return info;
}

static void
test_pick_dataset (void)
{
  g_autoptr(GPtrArray) datasets = g_ptr_array_new_with_free_func ((GDestroyNotify) sg_dataset_info_free);

  g_ptr_array_add (datasets, dataset (1, "imported", TRUE));
  g_ptr_array_add (datasets, dataset (2, "imported", TRUE));
  /* Only imported data: the current one stays. */
  g_assert_cmpint (sg_segment_pick_dataset (datasets, 2), ==, 2);

  g_ptr_array_add (datasets, dataset (3, "derived", TRUE));
  g_ptr_array_add (datasets, dataset (4, "derived", TRUE));
  g_assert_cmpint (sg_segment_pick_dataset (datasets, 1), ==, 4);
  /* A derived dataset already chosen stays chosen. */
  g_assert_cmpint (sg_segment_pick_dataset (datasets, 3), ==, 3);

  /* Prepared beats derived; one without numbers is never picked. */
  g_ptr_array_add (datasets, dataset (5, "prepared", TRUE));
  g_ptr_array_add (datasets, dataset (6, "prepared", FALSE));
  g_assert_cmpint (sg_segment_pick_dataset (datasets, 1), ==, 5);
  g_assert_cmpuint (sg_segment_count_numeric (g_ptr_array_index (datasets, 5)), ==, 0);
}

/* ---- the k scan ---- */

static const char scan_json[] =
  "{\"rows\": ["
  "{\"k\": 2, \"inertia\": 900, \"silhouette\": 0.30, \"bic\": 5000},"
  "{\"k\": 3, \"inertia\": 500, \"silhouette\": 0.42, \"bic\": 4200},"
  "{\"k\": 4, \"inertia\": 420, \"silhouette\": null, \"bic\": 4300}],"
  "\"recommended_k\": 3, \"elbow_k\": 3, \"reason\": \"3 segments: the bend in the curve.\"}";

static JsonNode *
parse (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  return json_node_ref (json_parser_get_root (parser));
}

static void
test_k_scan (void)
{
  g_autoptr(SgKScanChart) chart = sg_k_scan_chart_new ();
  g_autoptr(JsonNode) scan = parse (scan_json);
  g_autofree char *reason = NULL;
  g_autofree char *description = NULL;
  g_autofree char *metrics = g_strdup_printf ("{\"inertia\": 500, \"scan\": %s}", scan_json);
  SgRunInfo run = { .metrics = metrics };
  g_autoptr(JsonNode) stored = NULL;
  guint generation = sg_chart_get_generation (SG_CHART (chart));

  g_assert_cmpuint (sg_segment_fill_k_scan (chart, scan, SG_ALGORITHM_KMEANS, &reason), ==, 3);
  g_assert_cmpstr (reason, ==, "3 segments: the bend in the curve.");
  g_assert_cmpuint (sg_chart_get_generation (SG_CHART (chart)), >, generation);
  description = sg_chart_describe (SG_CHART (chart));
  g_assert_nonnull (strstr (description, "2 to 4"));
  g_assert_nonnull (strstr (description, "k = 3"));

  /* A run with an automatic number keeps its scan in the metrics; one without has none. */
  stored = sg_segment_run_scan (&run);
  g_assert_nonnull (stored);
  g_assert_cmpuint (sg_segment_fill_k_scan (chart, stored, SG_ALGORITHM_GMM, NULL), ==, 3);
  run.metrics = (char *) "{\"inertia\": 500}";
  g_assert_null (sg_segment_run_scan (&run));
  run.metrics = NULL;
  g_assert_null (sg_segment_run_scan (&run));
}

/* ---- comparing runs ---- */

static void
test_comparison (void)
{
  /* Row 2 is left out of A, row 5 out of B; row 6 is noise in B. */
  const gint32 a[] = { 0, 0, SG_LABEL_EXCLUDED, 1, 1, 1, 2, 2 };
  const gint32 b[] = { 1, 1, 0, 0, 0, SG_LABEL_EXCLUDED, SG_LABEL_UNASSIGNED, 2 };
  g_autoptr(SgRunComparison) c = NULL;
  g_autoptr(SgRunComparison) same = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *headline = NULL;
  g_autofree char *cell = NULL;

  c = sg_run_comparison_new (a, G_N_ELEMENTS (a), b, G_N_ELEMENTS (b), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (c->n_common, ==, 6);
  g_assert_cmpuint (c->n_left_out, ==, 2);
  g_assert_cmpuint (sg_run_comparison_total (c), ==, 6);
  g_assert_cmpuint (c->table->n_a, ==, 3);
  g_assert_cmpuint (c->table->n_b, ==, 4);   /* -1 (unassigned), 0, 1, 2 */
  g_assert_cmpint (c->table->b_values[0], ==, -1);
  g_assert_cmpuint (sg_run_comparison_row_total (c, 1), ==, 2);
  /* Each A segment's largest destination: 2 + 2 + 1 of 6. */
  g_assert_cmpfloat_with_epsilon (c->stay_share, 5.0 / 6.0, 1e-12);
  g_assert_cmpfloat (c->ari, <, 1.0);
  cell = sg_run_comparison_cell (c, 0, 2);
  g_assert_cmpstr (cell, ==, "2\n100%");

  same = sg_run_comparison_new (a, G_N_ELEMENTS (a), a, G_N_ELEMENTS (a), NULL);
  g_assert_cmpfloat_with_epsilon (same->ari, 1.0, 1e-12);
  headline = sg_run_comparison_headline (same);
  g_assert_cmpstr (headline, ==, "Almost the same segments: 100% of customers stay together.");
  g_assert_cmpstr (sg_run_comparison_verdict (0.7), ==, "Much the same segments");
  g_assert_cmpstr (sg_run_comparison_verdict (0.4), ==, "Partly the same segments");
  g_assert_cmpstr (sg_run_comparison_verdict (0.0), ==, "Different segments");

  /* Different datasets, or nobody in both: one sentence each. */
  g_assert_null (sg_run_comparison_new (a, 8, b, 7, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  {
    const gint32 none[] = { SG_LABEL_EXCLUDED, SG_LABEL_EXCLUDED };

    g_assert_null (sg_run_comparison_new (none, 2, a, 2, &error));
    g_assert_error (error, SG_ERROR, SG_ERROR_DEGENERATE);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("TZ", "UTC", TRUE);

  g_test_add_func ("/segment-settings/features/advice", test_features_from_advice);
  g_test_add_func ("/segment-settings/features/no-advice", test_features_without_advice);
  g_test_add_func ("/segment-settings/features/apply-reset", test_features_apply_reset);
  g_test_add_func ("/segment-settings/features/below-zero", test_features_below_zero);
  g_test_add_func ("/segment-settings/form/settings", test_form_settings);
  g_test_add_func ("/segment-settings/form/options", test_form_options);
  g_test_add_func ("/segment-settings/form/run-settings", test_parse_run_settings);
  g_test_add_func ("/segment-settings/form/eps", test_parse_eps);
  g_test_add_func ("/segment-settings/words/quality", test_quality_words);
  g_test_add_func ("/segment-settings/words/summary", test_run_summary);
  g_test_add_func ("/segment-settings/words/time", test_format_time);
  g_test_add_func ("/segment-settings/words/unique-name", test_unique_run_name);
  g_test_add_func ("/segment-settings/pick-dataset", test_pick_dataset);
  g_test_add_func ("/segment-settings/k-scan", test_k_scan);
  g_test_add_func ("/segment-settings/comparison", test_comparison);

  return g_test_run ();
}
