/* test-run-report.c — every run profiled and named when stored; validation on demand: bootstrap,
 * stability over time, comparison, warnings; determinism, cancellation, async
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "sg-derive.h"
#include "sg-error.h"
#include "sg-importer.h"
#include "sg-naming.h"
#include "sg-run-report.h"
#include "sg-segmenter.h"
#include "sg-test-util.h"

#define INCOME "Annual Income (k$)"
#define SCORE "Spending Score (1-100)"

static char *
fresh_path (const char *stem)
{
  static guint counter;
  g_autofree char *file = g_strdup_printf ("%s-%u.segmenta", stem, counter++);

  return sg_test_tmp_path (file);
}

/* A new project with a shared CSV imported as the user would; NULL (skipped) if absent. */
static SgProject *
project_with_csv (const char *csv,
                  const char *name,
                  gint64     *dataset_id)
{
  g_autofree char *path = sg_test_shared_path (csv);
  g_autofree char *project_path = fresh_path (name);
  g_autoptr(GError) error = NULL;
  g_autoptr(SgProject) project = NULL;
  g_autoptr(SgImportReport) report = NULL;
  SgImportOptions options;

  if (path == NULL)
    return NULL;
  project = sg_project_create (project_path, &error);
  g_assert_no_error (error);
  sg_import_options_init (&options);
  options.dataset_name = g_strdup (name);
  *dataset_id = sg_importer_run (project, path, &options, NULL, &report, &error);
  g_assert_no_error (error);
  sg_import_options_clear (&options);
  return g_steal_pointer (&project);
}

static gint64
mall_run (SgProject *project,
          gint64     dataset_id,
          guint      k)
{
  g_auto(SgRunSettings) settings = { 0 };
  g_autoptr(SgRunOutcome) outcome = NULL;
  g_autoptr(GError) error = NULL;

  sg_run_settings_init (&settings);
  settings.dataset_id = dataset_id;
  settings.features = g_strsplit (INCOME "," SCORE, ",", -1);
  settings.k = k;
  settings.seed = 42;
  outcome = sg_segment_dataset (project, &settings, NULL, &error);
  g_assert_no_error (error);
  return outcome->run_id;
}

static JsonNode *
metrics_member (SgProject  *project,
                gint64      run_id,
                const char *member)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SgRunInfo) run = sg_project_get_run (project, run_id, &error);
  g_autoptr(JsonNode) root = NULL;
  JsonNode *node;

  g_assert_no_error (error);
  root = json_from_string (run->metrics, &error);
  g_assert_no_error (error);
  node = json_object_get_member (json_node_get_object (root), member);
  return node != NULL ? json_node_copy (node) : NULL;
}

/* The income × spending pattern of each segment from the segment means, computed here. */
static const char *
expected_rule (double income,
               double score)
{
  if (income >= 70 && score >= 60)
    return SG_NAME_RULE_AFFLUENT_BIG_SPENDERS;
  if (income >= 70 && score <= 40)
    return SG_NAME_RULE_AFFLUENT_CAREFUL;
  if (income <= 40 && score >= 60)
    return SG_NAME_RULE_ASPIRATIONAL_SPENDERS;
  if (income <= 40 && score <= 40)
    return SG_NAME_RULE_BUDGET_CONSCIOUS;
  return SG_NAME_RULE_MAINSTREAM;
}

static void
test_mall_names_and_profiles (void)
{
  gint64 dataset_id = 0, run_id;
  g_autoptr(SgProject) project = project_with_csv ("datasets/mall_customers.csv", "mall", &dataset_id);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) segments = NULL;
  g_autoptr(SgTable) table = NULL;
  g_autoptr(JsonNode) report = NULL;
  g_autofree gint32 *labels = NULL;
  double income[5] = { 0 }, score[5] = { 0 };
  guint count[5] = { 0 };
  JsonArray *names, *tests;
  gsize n = 0;
  int ci, cs;

  if (project == NULL)
    return;
  run_id = mall_run (project, dataset_id, 5);

  /* segment means from the raw data and the stored labels */
  table = sg_project_load_table (project, dataset_id, NULL, 0, &error);
  g_assert_no_error (error);
  labels = sg_project_load_run_labels (project, run_id, &n, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 200);
  ci = sg_table_lookup_column (table, INCOME);
  cs = sg_table_lookup_column (table, SCORE);
  for (guint r = 0; r < n; r++)
    {
      g_assert_cmpint (labels[r], >=, 0);
      income[labels[r]] += sg_column_get_number (sg_table_get_column (table, ci), r);
      score[labels[r]] += sg_column_get_number (sg_table_get_column (table, cs), r);
      count[labels[r]]++;
    }

  report = metrics_member (project, run_id, "report");
  g_assert_nonnull (report);
  g_assert_false (json_object_has_member (json_node_get_object (report), "error"));
  names = json_object_get_array_member (json_node_get_object (report), "names");
  g_assert_cmpuint (json_array_get_length (names), ==, 5);
  tests = json_object_get_array_member (json_node_get_object (report), "tests");
  g_assert_cmpuint (json_array_get_length (tests), ==, 4);   /* income, score, age, genre */
  g_assert_nonnull (json_object_get_object_member (json_node_get_object (report), "tree"));

  segments = sg_project_list_segments (project, run_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (segments->len, ==, 5);
  for (guint s = 0; s < 5; s++)
    {
      SgSegmentInfo *segment = g_ptr_array_index (segments, s);
      JsonObject *name = json_array_get_object_element (names, s);
      const char *rule = json_object_get_string_member (name, "rule");
      g_autoptr(JsonNode) profile = NULL;
      JsonObject *po;

      g_test_message ("segment %u: %s [%s] income %.1f score %.1f", s, segment->name, rule,
                      income[s] / count[s], score[s] / count[s]);
      g_assert_nonnull (segment->name);
      g_assert_false (segment->name_edited);
      g_assert_cmpstr (segment->name, ==, json_object_get_string_member (name, "name"));
      g_assert_cmpstr (rule, ==, expected_rule (income[s] / count[s], score[s] / count[s]));
      /* the stored rule text says how the name was made */
      g_assert_nonnull (segment->name_rule);
      g_assert_nonnull (strstr (segment->name_rule, "→"));
      for (guint t = 0; t < s; t++)
        g_assert_cmpstr (segment->name, !=, ((SgSegmentInfo *) g_ptr_array_index (segments, t))->name);

      g_assert_nonnull (segment->profile);
      profile = json_from_string (segment->profile, &error);
      g_assert_no_error (error);
      po = json_node_get_object (profile);
      g_assert_cmpint (json_object_get_int_member (po, "size"), ==, count[s]);
      g_assert_cmpint (json_object_get_int_member (po, "size"), ==, segment->size);
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (po, "distinctive")), >, 0);
      g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (po, "naming"), "rule"), ==, rule);
      g_assert_nonnull (json_object_get_array_member (po, "rules"));
      /* age profiled (not clustered), gender by level */
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (po, "numeric")), ==, 3);
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (po, "categorical")), ==, 1);
    }
}

static void
test_user_name_survives (void)
{
  gint64 dataset_id = 0, run_id;
  g_autoptr(SgProject) project = project_with_csv ("datasets/mall_customers.csv", "mall", &dataset_id);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(SgRunReport) report = NULL;

  if (project == NULL)
    return;
  run_id = mall_run (project, dataset_id, 5);
  before = sg_project_list_segments (project, run_id, &error);
  g_assert_no_error (error);
  g_assert_true (sg_project_set_segment_name (project, run_id, 2, "Our VIPs", NULL, TRUE, &error));
  g_assert_no_error (error);

  g_assert_true (sg_run_report_refresh (project, run_id, NULL, &error));
  g_assert_no_error (error);
  report = sg_run_report_compute (project, run_id, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (report->report->name_strv[2], ==, "Our VIPs");
  g_assert_true (report->report->names->names[2].user_edited);

  after = sg_project_list_segments (project, run_id, &error);
  g_assert_no_error (error);
  for (guint s = 0; s < 5; s++)
    {
      SgSegmentInfo *a = g_ptr_array_index (after, s);
      SgSegmentInfo *b = g_ptr_array_index (before, s);

      if (s == 2)
        {
          g_assert_cmpstr (a->name, ==, "Our VIPs");
          g_assert_true (a->name_edited);
        }
      else
        {
          g_assert_cmpstr (a->name, ==, b->name);
          g_assert_false (a->name_edited);
        }
    }
}

/* Two well-apart blobs of 150 rows: the first is segment 0; the second is cut at random into segments
 * 1 and 2, a split no clustering of the data can find again. */
static SgProject *
planted_unstable_run (gint64 *run_id)
{
  g_autofree char *path = fresh_path ("planted");
  g_autoptr(GError) error = NULL;
  g_autoptr(SgProject) project = sg_project_create (path, &error);
  g_autoptr(SgTable) table = sg_table_new ("planted");
  SgColumn *x = sg_table_add_column (table, "x", SG_COLUMN_DECIMAL);
  SgColumn *y = sg_table_add_column (table, "y", SG_COLUMN_DECIMAL);
  g_autofree gint32 *labels = g_new (gint32, 300);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_auto(SgRunSettings) settings = { 0 };
  g_autoptr(JsonNode) settings_json = NULL;
  g_autofree char *settings_text = NULL;
  SgRunInfo info = { 0 };
  gint64 dataset;

  g_assert_no_error (error);
  for (guint i = 0; i < 300; i++)
    {
      gboolean second = i >= 150;

      sg_column_append_number (x, (second ? 20.0 : 0.0) + g_rand_double_range (rand, -1, 1));
      sg_column_append_number (y, g_rand_double_range (rand, -1, 1));
      labels[i] = second ? 1 + (gint32) g_rand_int_range (rand, 0, 2) : 0;
    }
  dataset = sg_project_store_table (project, table, "imported", "test", NULL, &error);
  g_assert_no_error (error);

  sg_run_settings_init (&settings);
  settings.dataset_id = dataset;
  settings.features = g_strsplit ("x,y", ",", -1);
  settings.k = 3;
  settings.seed = 11;
  settings_json = sg_run_settings_to_json (&settings);
  settings_text = json_to_string (settings_json, FALSE);
  info.dataset_id = dataset;
  info.name = (char *) "planted";
  info.algorithm = (char *) "kmeans";
  info.k = 3;
  info.settings = settings_text;
  info.metrics = (char *) "{}";
  info.n_rows = 300;
  *run_id = sg_project_store_run (project, &info, labels, 300, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&project);
}

static void
test_bootstrap_flags_planted_unstable (void)
{
  gint64 run_id = 0;
  g_autoptr(SgProject) project = planted_unstable_run (&run_id);
  g_autoptr(GError) error = NULL;
  g_autoptr(SgRunReport) report = NULL;
  g_autoptr(JsonNode) validation = NULL;
  SgRunValidateOptions options;
  const SgBootstrapResult *b;
  gboolean warned = FALSE;

  sg_run_validate_options_init (&options);
  options.n_boot = 20;
  report = sg_run_report_compute (project, run_id, &options, NULL, &error);
  g_assert_no_error (error);
  b = report->report->stability;
  g_assert_nonnull (b);
  g_assert_cmpuint (b->n_boot, ==, 20);
  for (guint s = 0; s < 3; s++)
    g_test_message ("segment %u: mean Jaccard %.3f", s, b->mean_jaccard[s]);
  /* the real blob is found again every time; the random halves are not */
  g_assert_cmpfloat (b->mean_jaccard[0], >, 0.95);
  g_assert_false (b->unstable[0]);
  g_assert_true (b->unstable[1]);
  g_assert_true (b->unstable[2]);
  for (guint i = 0; i < report->report->warnings->len; i++)
    {
      const SgWarning *w = g_ptr_array_index (report->report->warnings, i);

      warned |= w->kind == SG_WARNING_UNSTABLE_SEGMENT && w->segment == 1;
    }
  g_assert_true (warned);

  /* stored with the run */
  validation = metrics_member (project, run_id, "validation");
  g_assert_nonnull (validation);
  g_assert_true (json_object_get_boolean_member (
    json_array_get_object_element (json_object_get_array_member (
      json_object_get_object_member (json_node_get_object (validation), "stability"), "segments"), 1), "unstable"));
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (json_node_get_object (validation),
                                                                              "options"), "bootstrap"), ==, 20);
}

static void
test_bootstrap_stable_run (void)
{
  gint64 dataset_id = 0, run_id;
  g_autoptr(SgProject) project = project_with_csv ("datasets/mall_customers.csv", "mall", &dataset_id);
  g_autoptr(GError) error = NULL;
  g_autoptr(SgRunReport) report = NULL;
  SgRunValidateOptions options;

  if (project == NULL)
    return;
  run_id = mall_run (project, dataset_id, 5);
  sg_run_validate_options_init (&options);
  options.n_boot = 10;
  report = sg_run_report_compute (project, run_id, &options, NULL, &error);
  g_assert_no_error (error);
  /* the five classic mall groups survive resampling */
  for (guint s = 0; s < 5; s++)
    g_assert_false (report->report->stability->unstable[s]);
}

/* The adjusted Rand index from pair counts, written out here independently of the engine. */
static double
pair_ari (const gint32 *a,
          const gint32 *b,
          gsize         n)
{
  g_autoptr(GHashTable) cells = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) rows = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GHashTable) cols = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autofree gint64 *keys = g_new (gint64, n);
  GHashTableIter iter;
  gpointer key, value;
  double sum_cells = 0, sum_rows = 0, sum_cols = 0, total, expected, max;

  for (gsize i = 0; i < n; i++)
    {
      keys[i] = ((gint64) a[i] << 32) | (guint32) b[i];
      g_hash_table_insert (cells, &keys[i], GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (cells, &keys[i])) + 1));
      g_hash_table_insert (rows, GINT_TO_POINTER (a[i] + 10),
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (rows, GINT_TO_POINTER (a[i] + 10))) + 1));
      g_hash_table_insert (cols, GINT_TO_POINTER (b[i] + 10),
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (cols, GINT_TO_POINTER (b[i] + 10))) + 1));
    }
#define PAIRS(c) ((double) (c) * ((double) (c) - 1) / 2)
  g_hash_table_iter_init (&iter, cells);
  while (g_hash_table_iter_next (&iter, &key, &value))
    sum_cells += PAIRS (GPOINTER_TO_UINT (value));
  g_hash_table_iter_init (&iter, rows);
  while (g_hash_table_iter_next (&iter, &key, &value))
    sum_rows += PAIRS (GPOINTER_TO_UINT (value));
  g_hash_table_iter_init (&iter, cols);
  while (g_hash_table_iter_next (&iter, &key, &value))
    sum_cols += PAIRS (GPOINTER_TO_UINT (value));
  total = PAIRS (n);
#undef PAIRS
  expected = sum_rows * sum_cols / total;
  max = (sum_rows + sum_cols) / 2;
  return (sum_cells - expected) / (max - expected);
}

static void
test_comparison_with_column (void)
{
  gint64 dataset_id = 0, run_id;
  g_autoptr(SgProject) project = project_with_csv ("datasets/mall_customers.csv", "mall", &dataset_id);
  g_autoptr(GError) error = NULL;
  g_autoptr(SgRunReport) report = NULL;
  g_autoptr(SgTable) table = NULL;
  g_autofree gint32 *labels = NULL;
  g_autofree gint32 *old = NULL;
  g_autoptr(JsonNode) validation = NULL;
  SgRunValidateOptions options;
  gsize n = 0;

  if (project == NULL)
    return;
  run_id = mall_run (project, dataset_id, 5);
  table = sg_project_load_table (project, dataset_id, NULL, 0, &error);
  g_assert_no_error (error);
  labels = sg_project_load_run_labels (project, run_id, &n, &error);
  g_assert_no_error (error);

  /* an existing segmentation: here the gender column, compared by an ARI computed in this test */
  sg_run_validate_options_init (&options);
  options.compare_column = g_strdup ("Genre");
  report = sg_run_report_compute (project, run_id, &options, NULL, &error);
  g_assert_no_error (error);
  sg_run_validate_options_clear (&options);
  old = g_new (gint32, n);
  for (gsize i = 0; i < n; i++)
    old[i] = g_strcmp0 (sg_column_get_string (sg_table_get_column (table, 1), (guint) i), "Male") == 0;
  g_assert_nonnull (report->report->comparison);
  g_assert_cmpuint (report->report->comparison->n, ==, 200);
  g_assert_cmpfloat_with_epsilon (report->report->comparison->ari, pair_ari (labels, old, n), 1e-12);
  validation = metrics_member (project, run_id, "validation");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_node_get_object (validation),
                                                                                 "comparison"), "old_column"),
                   ==, "Genre");

  /* a column that is not there */
  g_clear_pointer (&report, sg_run_report_free);
  sg_run_validate_options_init (&options);
  options.compare_column = g_strdup ("Tier");
  report = sg_run_report_compute (project, run_id, &options, NULL, &error);
  g_assert_error (error, SG_ERROR, SG_ERROR_NOT_FOUND);
  g_assert_null (report);
  sg_run_validate_options_clear (&options);
  g_clear_error (&error);
}

static void
test_comparison_with_rfm_and_time_stability (void)
{
  gint64 transactions = 0, features, run_id;
  g_autoptr(SgProject) project = project_with_csv ("datasets/online_retail_sample.csv", "transactions", &transactions);
  g_autoptr(GError) error = NULL;
  g_autoptr(SgDatasetInfo) info = NULL;
  g_autoptr(SgDeriveReport) derive_report = NULL;
  g_autoptr(SgRunOutcome) outcome = NULL;
  g_autoptr(SgRunReport) report = NULL;
  g_autoptr(SgRunReport) again = NULL;
  g_autoptr(JsonNode) validation = NULL;
  g_auto(SgRunSettings) settings = { 0 };
  SgDeriveOptions derive;
  SgRunValidateOptions options;
  const SgRunTimeStability *t;
  JsonObject *time;

  if (project == NULL)
    return;
  info = sg_project_get_dataset (project, transactions, &error);
  g_assert_no_error (error);
  sg_derive_options_init (&derive);
  g_assert_true (sg_transaction_roles_guess_for_dataset (&derive.roles, info));
  features = sg_derive_dataset (project, transactions, &derive, 0, NULL, "customers", NULL, &derive_report, &error);
  g_assert_no_error (error);
  sg_derive_options_clear (&derive);

  sg_run_settings_init (&settings);
  settings.dataset_id = features;
  settings.features = g_strsplit ("recency_days,frequency,monetary", ",", -1);
  settings.log1p = g_strsplit ("frequency,monetary", ",", -1);
  settings.k = 4;
  settings.seed = 3;
  outcome = sg_segment_dataset (project, &settings, NULL, &error);
  g_assert_no_error (error);
  run_id = outcome->run_id;

  sg_run_validate_options_init (&options);
  options.time = TRUE;
  options.compare_column = g_strdup ("rfm_segment");
  report = sg_run_report_compute (project, run_id, &options, NULL, &error);
  g_assert_no_error (error);
  t = &report->time;
  g_assert_true (t->computed);
  g_test_message ("time: %s (%" G_GSIZE_FORMAT " earlier, %" G_GSIZE_FORMAT " later, %" G_GSIZE_FORMAT
                  " in both): ARI %.3f", t->result.verdict, t->n_earlier, t->n_later, t->result.n_common, t->result.ari);
  g_assert_cmpfloat (t->result.ari, >=, -1.0);
  g_assert_cmpfloat (t->result.ari, <=, 1.0);
  g_assert_cmpuint (t->result.n_common, >, 0);
  g_assert_cmpuint (t->result.n_common, <=, MIN (t->n_earlier, t->n_later));
  /* as of the run's own date, everyone the run clustered is there */
  g_assert_cmpuint (t->n_later, ==, outcome->n_rows - outcome->n_excluded);
  g_assert_cmpuint (t->n_earlier, <, t->n_later);
  g_assert_cmpfloat (t->earlier_reference, <, t->later_reference);
  g_assert_cmpfloat (t->later_reference, ==, derive_report->reference_date);

  /* the RFM groups derive added are an existing segmentation */
  g_assert_nonnull (report->report->comparison);
  g_assert_cmpfloat (report->report->comparison->ari, >, 0.0);
  g_assert_cmpuint (report->report->comparison->n_old, >, 3);

  validation = metrics_member (project, run_id, "validation");
  time = json_object_get_object_member (json_node_get_object (validation), "time_stability");
  g_assert_nonnull (time);
  g_assert_cmpint (json_object_get_int_member (time, "n_common"), ==, (gint64) t->result.n_common);

  /* the same seed gives the same result */
  again = sg_run_report_compute (project, run_id, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (again->time.result.ari, ==, t->result.ari);
  g_assert_cmpuint (again->time.result.n_common, ==, t->result.n_common);

  /* an earlier date outside the data */
  g_clear_pointer (&again, sg_run_report_free);
  options.time_split = 0;
  again = sg_run_report_compute (project, run_id, &options, NULL, &error);
  g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT);
  g_assert_null (again);
  sg_run_validate_options_clear (&options);
}

static void
test_time_needs_derived_dataset (void)
{
  gint64 dataset_id = 0, run_id;
  g_autoptr(SgProject) project = project_with_csv ("datasets/mall_customers.csv", "mall", &dataset_id);
  g_autoptr(GError) error = NULL;
  g_autoptr(SgRunReport) report = NULL;
  g_autoptr(JsonNode) validation = NULL;
  SgRunValidateOptions options;

  if (project == NULL)
    return;
  run_id = mall_run (project, dataset_id, 5);
  sg_run_validate_options_init (&options);
  options.time = TRUE;
  report = sg_run_report_compute (project, run_id, &options, NULL, &error);
  g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "mall"));
  g_assert_null (report);
  /* nothing stored */
  validation = metrics_member (project, run_id, "validation");
  g_assert_null (validation);
}

static char *
report_text (const SgRunReport *report)
{
  g_autoptr(JsonNode) node = sg_run_report_to_json (report);

  return json_to_string (node, FALSE);
}

static void
test_determinism (void)
{
  gint64 run_id = 0;
  g_autoptr(SgProject) project = planted_unstable_run (&run_id);
  g_autoptr(GError) error = NULL;
  g_autoptr(SgRunReport) one = NULL;
  g_autoptr(SgRunReport) two = NULL;
  g_autoptr(SgRunReport) other = NULL;
  g_autofree char *a = NULL, *b = NULL, *c = NULL;
  SgRunValidateOptions options;

  sg_run_validate_options_init (&options);
  options.n_boot = 8;
  options.min_count = 120;
  options.n_threads = 1;
  one = sg_run_report_compute (project, run_id, &options, NULL, &error);
  g_assert_no_error (error);
  options.n_threads = 2;
  two = sg_run_report_compute (project, run_id, &options, NULL, &error);
  g_assert_no_error (error);
  a = report_text (one);
  b = report_text (two);
  g_assert_cmpstr (a, ==, b);
  g_assert_cmpmem (one->report->stability->jaccard, 8 * 3 * sizeof (double), two->report->stability->jaccard,
                   8 * 3 * sizeof (double));

  /* another seed draws other resamples */
  options.seed_set = TRUE;
  options.seed = 12345;
  other = sg_run_report_compute (project, run_id, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (other->seed, ==, 12345);
  c = report_text (other);
  g_assert_cmpstr (a, !=, c);
  /* the run's seed is the default */
  g_assert_cmpuint (one->seed, ==, 11);
}

typedef struct {
  GCancellable *cancellable;
  double        at;
  const char   *message;
} CancelState;

static void
cancel_at (double      fraction,
           const char *message,
           gpointer    user_data)
{
  CancelState *state = user_data;

  if ((state->message != NULL && g_strcmp0 (message, state->message) == 0) ||
      (state->message == NULL && fraction >= state->at))
    g_cancellable_cancel (state->cancellable);
}

static void
test_cancellation (void)
{
  gint64 run_id = 0;
  g_autoptr(SgProject) project = planted_unstable_run (&run_id);
  g_autoptr(GError) error = NULL;
  g_autoptr(SgRunReport) report = NULL;
  g_autoptr(SgRunInfo) before = NULL;
  g_autoptr(SgRunInfo) after = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(SgRunOutcome) outcome = NULL;
  g_auto(SgRunSettings) settings = { 0 };
  CancelState state = { cancellable, 0.5, NULL };
  SgProgress progress = sg_progress_init (cancel_at, &state, cancellable);
  SgRunValidateOptions options;

  before = sg_project_get_run (project, run_id, &error);
  g_assert_no_error (error);
  sg_run_validate_options_init (&options);
  options.n_boot = 50;
  report = sg_run_report_compute (project, run_id, &options, &progress, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (report);
  g_clear_error (&error);
  after = sg_project_get_run (project, run_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (after->metrics, ==, before->metrics);

  /* cancelled while the new run's segments are described: no run is stored */
  g_cancellable_reset (cancellable);
  state.message = "Describing the segments";
  sg_run_settings_init (&settings);
  settings.dataset_id = before->dataset_id;
  settings.features = g_strsplit ("x,y", ",", -1);
  settings.k = 2;
  outcome = sg_segment_dataset (project, &settings, &progress, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (outcome);
  g_clear_error (&error);
  runs = sg_project_list_runs (project, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (runs->len, ==, 1);
}

static void
on_computed (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  SgRunReport **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = sg_run_report_compute_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_async (void)
{
  gint64 run_id = 0;
  g_autoptr(SgProject) project = planted_unstable_run (&run_id);
  g_autoptr(SgRunReport) report = NULL;
  g_autoptr(JsonNode) validation = NULL;
  SgRunValidateOptions options;

  sg_run_validate_options_init (&options);
  options.n_boot = 5;
  sg_run_report_compute_async (project, run_id, &options, NULL, NULL, NULL, on_computed, &report);
  while (report == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (report->report->stability->n_boot, ==, 5);
  /* stored through the worker's connection, seen through ours */
  validation = metrics_member (project, run_id, "validation");
  g_assert_nonnull (validation);
}

/* A run with a single segment (DBSCAN finds one group) still gets a report: names, tests that could
 * not run, no tree and why; a column with values only outside the run is left out of the profile. */
static void
test_single_segment_run (void)
{
  g_autofree char *path = fresh_path ("one-group");
  g_autoptr(GError) error = NULL;
  g_autoptr(SgProject) project = sg_project_create (path, &error);
  g_autoptr(SgTable) table = sg_table_new ("one");
  SgColumn *x = sg_table_add_column (table, "x", SG_COLUMN_DECIMAL);
  SgColumn *y = sg_table_add_column (table, "y", SG_COLUMN_DECIMAL);
  SgColumn *z = sg_table_add_column (table, "z", SG_COLUMN_DECIMAL);
  g_autoptr(SgRunOutcome) outcome = NULL;
  g_autoptr(JsonNode) report = NULL;
  g_autoptr(GPtrArray) segments = NULL;
  g_auto(SgRunSettings) settings = { 0 };
  JsonObject *o;
  gint64 dataset;

  g_assert_no_error (error);
  for (guint i = 0; i < 100; i++)
    {
      sg_column_append_number (x, i % 20 == 0 ? NAN : (i % 10) * 0.1);
      sg_column_append_number (y, (i / 10) * 0.1);
      sg_column_append_number (z, i % 20 == 0 ? 1.0 : NAN);
    }
  dataset = sg_project_store_table (project, table, "imported", "test", NULL, &error);
  g_assert_no_error (error);
  sg_run_settings_init (&settings);
  settings.dataset_id = dataset;
  settings.features = g_strsplit ("x,y", ",", -1);
  settings.algorithm = SG_ALGORITHM_DBSCAN;
  settings.eps = 1.0;
  outcome = sg_segment_dataset (project, &settings, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (outcome->k, ==, 1);
  report = metrics_member (project, outcome->run_id, "report");
  g_assert_nonnull (report);
  o = json_node_get_object (report);
  g_assert_false (json_object_has_member (o, "error"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "names")), ==, 1);
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (o, "tree")));
  g_assert_nonnull (json_object_get_string_member (o, "tree_error"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_object_get_object_member (o, "columns"),
                                                                         "profile_only")), ==, 0);
  segments = sg_project_list_segments (project, outcome->run_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (((SgSegmentInfo *) g_ptr_array_index (segments, 0))->name);
  g_assert_nonnull (((SgSegmentInfo *) g_ptr_array_index (segments, 0))->profile);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/run-report/mall-names-and-profiles", test_mall_names_and_profiles);
  g_test_add_func ("/run-report/user-name-survives", test_user_name_survives);
  g_test_add_func ("/run-report/bootstrap-flags-planted-unstable", test_bootstrap_flags_planted_unstable);
  g_test_add_func ("/run-report/bootstrap-stable-run", test_bootstrap_stable_run);
  g_test_add_func ("/run-report/comparison-with-column", test_comparison_with_column);
  g_test_add_func ("/run-report/rfm-comparison-and-time-stability", test_comparison_with_rfm_and_time_stability);
  g_test_add_func ("/run-report/time-needs-derived-dataset", test_time_needs_derived_dataset);
  g_test_add_func ("/run-report/determinism", test_determinism);
  g_test_add_func ("/run-report/cancellation", test_cancellation);
  g_test_add_func ("/run-report/async", test_async);
  g_test_add_func ("/run-report/single-segment-run", test_single_segment_run);
  return g_test_run ();
}
