/* test-profile-view-model.c — a run's stored profile, report and validation as the segment details, the
 * validation and the comparison views show them: rows, sentences, lifts, rules, warnings, stability,
 * the comparison table; renamed segments; older and partial runs; a single-segment DBSCAN run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * No display: the view model is plain GLib.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "sg-profile-view-model.h"
#include "sg-error.h"
#include "sg-importer.h"
#include "sg-run-report.h"
#include "sg-segmenter.h"
#include "sg-test-util.h"

#define AGE "Age"
#define INCOME "Annual Income (k$)"
#define SCORE "Spending Score (1-100)"

/* ---- fixtures ---- */

static SgProject *
mall_project (gint64 *dataset_id)
{
  static guint counter;
  g_autofree char *csv = sg_test_shared_path ("datasets/mall_customers.csv");
  g_autofree char *file = g_strdup_printf ("view-model-%u.segmenta", counter++);
  g_autofree char *path = sg_test_tmp_path (file);
  g_autoptr(GError) error = NULL;
  g_autoptr(SgProject) project = NULL;
  g_autoptr(SgImportReport) report = NULL;
  SgImportOptions options;

  if (csv == NULL)
    return NULL;
  project = sg_project_create (path, &error);
  g_assert_no_error (error);
  sg_import_options_init (&options);
  options.dataset_name = g_strdup ("mall");
  *dataset_id = sg_importer_run (project, csv, &options, NULL, &report, &error);
  sg_import_options_clear (&options);
  g_assert_no_error (error);
  g_assert_cmpint (*dataset_id, >, 0);
  return g_steal_pointer (&project);
}

static gint64
make_run (SgProject   *project,
          gint64       dataset_id,
          SgAlgorithm  algorithm,
          guint        k,
          double       eps)
{
  g_auto(SgRunSettings) settings = { 0 };
  g_autoptr(SgRunOutcome) outcome = NULL;
  g_autoptr(GError) error = NULL;

  sg_run_settings_init (&settings);
  settings.dataset_id = dataset_id;
  settings.features = g_strsplit (AGE "," INCOME "," SCORE, ",", -1);
  settings.algorithm = algorithm;
  settings.k = k;
  settings.eps = eps;
  settings.seed = 0;
  outcome = sg_segment_dataset (project, &settings, NULL, &error);
  g_assert_no_error (error);
  return outcome->run_id;
}

static void
validate (SgProject  *project,
          gint64      run_id,
          guint       n_boot,
          const char *compare)
{
  g_autoptr(SgRunReport) report = NULL;
  g_autoptr(GError) error = NULL;
  SgRunValidateOptions options;

  sg_run_validate_options_init (&options);
  options.n_boot = n_boot;
  options.compare_column = g_strdup (compare);
  report = sg_run_report_compute (project, run_id, &options, NULL, &error);
  sg_run_validate_options_clear (&options);
  g_assert_no_error (error);
  g_assert_nonnull (report);
}

typedef struct {
  SgRunInfo *run;
  GPtrArray *segments;
} Stored;

static void
stored_load (Stored    *stored,
             SgProject *project,
             gint64     run_id)
{
  g_autoptr(GError) error = NULL;

  stored->run = sg_project_get_run (project, run_id, &error);
  g_assert_no_error (error);
  stored->segments = sg_project_list_segments (project, run_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stored->segments->len, ==, stored->run->k);
}

static void
stored_clear (Stored *stored)
{
  g_clear_pointer (&stored->run, sg_run_info_free);
  g_clear_pointer (&stored->segments, g_ptr_array_unref);
}

/* Mean of @column over the rows of segment @segment, computed here from the stored table and labels. */
static double
segment_mean (SgProject  *project,
              gint64      dataset_id,
              gint64      run_id,
              const char *column,
              guint       segment,
              guint64    *n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SgTable) table = sg_project_load_table (project, dataset_id, NULL, 0, &error);
  g_autofree gint32 *labels = NULL;
  gsize n_labels = 0;
  SgColumn *values;
  double sum = 0;

  g_assert_no_error (error);
  labels = sg_project_load_run_labels (project, run_id, &n_labels, &error);
  g_assert_no_error (error);
  values = sg_table_get_column (table, (guint) sg_table_lookup_column (table, column));
  *n = 0;
  for (gsize r = 0; r < n_labels; r++)
    if (labels[r] == (gint32) segment)
      {
        sum += sg_column_get_number (values, (guint) r);
        (*n)++;
      }
  return sum / (double) *n;
}

static gboolean
strv_contains_prefix (const char *const *strv,
                      const char        *prefix)
{
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    if (g_str_has_prefix (strv[i], prefix))
      return TRUE;
  return FALSE;
}

/* ---- the segment's details before any validation ---- */

static void
test_segment_details (void)
{
  gint64 dataset_id = 0, run_id;
  g_autoptr(SgProject) project = mall_project (&dataset_id);
  g_autoptr(SgSegmentView) view = NULL;
  g_autoptr(SgRunValidationView) run_view = NULL;
  SgSegmentInfo *info;
  Stored stored;
  guint64 n = 0, counted = 0;
  double coverage = 0;
  gboolean found_age = FALSE;

  if (project == NULL)
    return;
  run_id = make_run (project, dataset_id, SG_ALGORITHM_KMEANS, 5, 0);
  stored_load (&stored, project, run_id);
  info = g_ptr_array_index (stored.segments, 1);
  view = sg_segment_view_new (stored.run, stored.segments, 1);
  g_assert_nonnull (view);
  g_assert_null (sg_segment_view_new (stored.run, stored.segments, 5));

  /* The name, how it was made, the size */
  g_assert_cmpstr (view->name, ==, info->name);
  g_assert_false (view->name_edited);
  g_assert_nonnull (view->name_rule);
  g_assert_true (g_str_has_prefix (view->name_note, "Named by rule: "));
  g_assert_nonnull (strstr (view->name_note, info->name_rule));
  g_assert_cmpuint (view->size, ==, info->size);
  g_assert_cmpfloat_with_epsilon (view->share, info->size / 200.0, 1e-9);
  {
    g_autofree char *count = g_strdup_printf ("%" G_GUINT64_FORMAT " customers", info->size);

    g_assert_true (g_str_has_prefix (view->size_text, count));
  }

  /* Sentences and the profile table, checked against means computed here */
  g_assert_true (view->has_profile);
  g_assert_null (view->no_profile_reason);
  g_assert_cmpuint (g_strv_length (view->sentences), >, 0);
  g_assert_cmpuint (view->rows->len, ==, 3);
  for (guint i = 0; i < view->rows->len; i++)
    {
      SgProfileRow *row = g_ptr_array_index (view->rows, i);

      if (i > 0)
        g_assert_cmpfloat (fabs (row->effect), <=, fabs (((SgProfileRow *) g_ptr_array_index (view->rows, i - 1))->effect));
      g_assert_true (row->clustered);
      g_assert_true (isfinite (row->index));
      g_assert_cmpfloat_with_epsilon (row->index, row->segment_mean / row->overall_mean * 100, 1e-6);
      g_assert_cmpstr (row->significance_text, ==, row->p_adjusted < 0.05 ? "Yes" : "No");
      g_assert_true (row->significant == (row->p_adjusted < 0.05));
      g_assert_nonnull (strstr (row->significance_detail, "Holm"));
      if (strcmp (row->column, AGE) == 0)
        {
          found_age = TRUE;
          g_assert_cmpfloat_with_epsilon (row->segment_mean,
                                          segment_mean (project, dataset_id, run_id, AGE, 1, &n), 1e-9);
          g_assert_cmpuint (n, ==, info->size);
        }
      if (strcmp (row->column, INCOME) == 0)
        {
          g_assert_cmpstr (row->feature, ==, "Annual Income");
          g_assert_true (g_str_has_suffix (row->segment_text, " k$"));
        }
    }
  g_assert_true (found_age);

  /* Lifts of the categorical column */
  g_assert_cmpuint (view->lifts->len, ==, 1);
  {
    SgLiftTable *genre = g_ptr_array_index (view->lifts, 0);
    double shares = 0;

    g_assert_cmpstr (genre->column, ==, "Genre");
    g_assert_cmpuint (genre->levels->len, ==, 2);
    g_assert_true (genre->tested);
    g_assert_false (genre->separates);   /* p = 0.87 on this run (see the CLI's profile) */
    g_assert_true (g_str_has_prefix (genre->summary, "The segments do not differ"));
    for (guint i = 0; i < genre->levels->len; i++)
      {
        SgLiftRow *level = g_ptr_array_index (genre->levels, i);

        shares += level->share;
        counted += level->count;
        g_assert_cmpfloat_with_epsilon (level->lift, level->share / level->overall_share, 1e-9);
        g_assert_true (g_str_has_prefix (level->lift_text, "×"));
      }
    g_assert_cmpfloat_with_epsilon (shares, 1.0, 1e-9);
    g_assert_cmpuint (counted, ==, info->size);
  }

  /* Rules */
  g_assert_true (view->has_tree);
  g_assert_cmpuint (view->rules->len, >=, 1);
  for (guint i = 0; i < view->rules->len; i++)
    {
      SgRuleRow *rule = g_ptr_array_index (view->rules, i);

      coverage += rule->coverage;
      g_assert_cmpuint (rule->n_segment, <=, rule->n_leaf);
      g_assert_cmpuint (rule->n_segment, <=, info->size);
      g_assert_cmpfloat_with_epsilon (rule->coverage, (double) rule->n_segment / info->size, 1e-9);
      g_assert_true (g_str_has_prefix (rule->explanation, "Covers "));
      g_assert_cmpuint (strlen (rule->condition), >, 0);
    }
  g_assert_cmpfloat (coverage, <=, 1.0 + 1e-9);
  g_assert_true (g_str_has_prefix (view->rules_note, "A faithful summary"));

  /* Not validated */
  g_assert_false (view->validated);
  g_assert_null (view->stability);
  g_assert_null (view->comparison_note);

  run_view = sg_run_validation_view_new (stored.run, stored.segments);
  g_assert_true (run_view->has_report);
  g_assert_false (run_view->validated);
  g_assert_null (run_view->computed);
  g_assert_cmpuint (run_view->stability->len, ==, 0);
  g_assert_null (run_view->stability_summary);
  g_assert_null (run_view->comparison);
  g_assert_false (run_view->has_time);
  g_assert_cmpuint (run_view->warnings->len, >=, 1);
  {
    SgWarningRow *weak = g_ptr_array_index (run_view->warnings, run_view->warnings->len - 1);

    g_assert_cmpstr (weak->kind, ==, "weak-feature");
    g_assert_cmpstr (weak->feature, ==, "Genre");
    g_assert_cmpint (weak->segment, ==, -1);
    g_assert_cmpuint (strlen (weak->advice), >, 0);
  }
  stored_clear (&stored);
}

/* ---- after a validation with bootstrap and comparison ---- */

static void
test_validated (void)
{
  gint64 dataset_id = 0, run_id;
  g_autoptr(SgProject) project = mall_project (&dataset_id);
  g_autoptr(SgRunValidationView) run_view = NULL;
  SgComparisonView *cmp;
  guint unstable = 0;
  guint64 sum = 0;
  Stored stored;

  if (project == NULL)
    return;
  run_id = make_run (project, dataset_id, SG_ALGORITHM_KMEANS, 5, 0);
  validate (project, run_id, 12, "Genre");
  stored_load (&stored, project, run_id);

  run_view = sg_run_validation_view_new (stored.run, stored.segments);
  g_assert_true (run_view->validated);
  g_assert_nonnull (run_view->computed);
  g_assert_cmpuint (run_view->n_boot, ==, 12);
  g_assert_cmpstr (run_view->compare_column, ==, "Genre");
  g_assert_false (run_view->time);
  g_assert_cmpuint (run_view->stability->len, ==, 5);
  for (guint s = 0; s < 5; s++)
    {
      SgStabilityRow *row = g_ptr_array_index (run_view->stability, s);
      g_autoptr(SgSegmentView) view = sg_segment_view_new (stored.run, stored.segments, s);

      g_assert_cmpuint (row->segment, ==, s);
      g_assert_cmpfloat (row->jaccard, >=, 0);
      g_assert_cmpfloat (row->jaccard, <=, 1);
      g_assert_true (row->unstable == (row->jaccard < 0.6));
      g_assert_cmpstr (row->verdict, ==, row->unstable ? "Unstable" : "Stable");
      g_assert_cmpuint (row->n_boot, ==, 12);
      g_assert_cmpuint (row->n_recovered + row->n_dissolved, <=, row->n_valid);
      unstable += row->unstable;

      /* The same in the segment's details */
      g_assert_true (view->validated);
      g_assert_nonnull (view->stability);
      g_assert_cmpfloat (view->stability->jaccard, ==, row->jaccard);
      g_assert_true (g_str_has_prefix (view->comparison_note, "By “Genre”: "));
      g_assert_true (g_str_has_prefix (row->summary, "Found again in "));
      for (guint i = 0; i < view->warnings->len; i++)
        g_assert_cmpint (((SgWarningRow *) g_ptr_array_index (view->warnings, i))->segment, ==, (int) s);
      if (row->unstable)
        {
          gboolean warned = FALSE;

          for (guint i = 0; i < view->warnings->len; i++)
            warned |= strcmp (((SgWarningRow *) g_ptr_array_index (view->warnings, i))->kind, "unstable-segment") == 0;
          g_assert_true (warned);
        }
    }
  g_assert_cmpuint (run_view->n_unstable, ==, unstable);
  g_assert_nonnull (run_view->stability_summary);
  g_assert_true (g_str_has_prefix (run_view->stability_summary, unstable > 0 ? "1 segment" : "All 5"));

  /* The comparison table: every segmented customer once, rows = segment sizes */
  cmp = run_view->comparison;
  g_assert_nonnull (cmp);
  g_assert_cmpstr (cmp->old_column, ==, "Genre");
  g_assert_cmpstr (cmp->old_title, ==, "Genre");
  g_assert_cmpuint (cmp->k, ==, 5);
  g_assert_cmpuint (cmp->n_old, ==, 2);
  g_assert_cmpstr (cmp->old_levels[0], ==, "Female");
  for (guint s = 0; s < cmp->k; s++)
    {
      SgSegmentInfo *info = g_ptr_array_index (stored.segments, s);
      double shares = 0;

      g_assert_cmpuint (cmp->row_totals[s], ==, info->size);
      g_assert_cmpstr (cmp->names[s], ==, info->name);
      for (guint j = 0; j < cmp->n_old; j++)
        {
          sum += cmp->table[s * cmp->n_old + j];
          shares += sg_comparison_view_segment_share (cmp, s, j);
        }
      g_assert_cmpfloat_with_epsilon (shares, 1.0, 1e-9);
    }
  g_assert_cmpuint (sum, ==, 200);
  g_assert_cmpuint (cmp->n, ==, 200);
  g_assert_cmpuint (cmp->col_totals[0], ==, 112);   /* Female, as the dataset's README says */
  g_assert_cmpuint (cmp->col_totals[1], ==, 88);
  g_assert_cmpfloat (fabs (cmp->ari), <, 0.05);
  g_assert_cmpstr (cmp->agreement_words, ==, "Unrelated groups");
  g_assert_true (g_str_has_prefix (cmp->headline, "The AI segments and “Genre” are unrelated"));
  g_assert_nonnull (strstr (cmp->measures, "Adjusted Rand index"));
  g_assert_null (strstr (cmp->measures, "-0.00"));
  {
    g_autoptr(SgComparisonView) copy = sg_comparison_view_copy (cmp);

    g_assert_cmpuint (copy->n, ==, cmp->n);
    g_assert_cmpmem (copy->table, cmp->k * cmp->n_old * sizeof (guint64), cmp->table,
                     cmp->k * cmp->n_old * sizeof (guint64));
    g_assert_cmpstrv (copy->splits, cmp->splits);
    g_assert_cmpstr (copy->old_levels[1], ==, "Male");
  }
  g_assert_true (strv_contains_prefix ((const char *const *) cmp->splits, "Old group “Female” is spread over 5"));
  g_assert_cmpuint (g_strv_length (cmp->pools), ==, 5);
  stored_clear (&stored);
}

/* ---- renaming: the view follows, stored sentences use the new name, the name check ---- */

static void
test_renamed (void)
{
  gint64 dataset_id = 0, run_id;
  g_autoptr(SgProject) project = mall_project (&dataset_id);
  g_autoptr(GError) error = NULL;
  g_autoptr(SgRunValidationView) run_view = NULL;
  g_autoptr(SgSegmentView) view = NULL;
  g_autofree char *old_name = NULL;
  g_autofree char *checked = NULL;
  SgSegmentInfo *info;
  int target = -1;
  Stored stored;

  if (project == NULL)
    return;
  run_id = make_run (project, dataset_id, SG_ALGORITHM_KMEANS, 5, 0);
  validate (project, run_id, 12, NULL);
  stored_load (&stored, project, run_id);

  /* A segment a warning names: the unstable one, else any segment's warning. */
  run_view = sg_run_validation_view_new (stored.run, stored.segments);
  for (guint i = 0; i < run_view->warnings->len && target < 0; i++)
    target = ((SgWarningRow *) g_ptr_array_index (run_view->warnings, i))->segment;
  if (target < 0)
    target = 1;
  info = g_ptr_array_index (stored.segments, target);
  old_name = g_strdup (info->name);

  /* The name check */
  checked = sg_segment_name_check (stored.segments, (guint) target, "  Weekend Shoppers \n", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (checked, ==, "Weekend Shoppers");
  g_assert_null (sg_segment_name_check (stored.segments, (guint) target, "   ", &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  {
    SgSegmentInfo *other = g_ptr_array_index (stored.segments, target == 0 ? 1 : 0);
    g_autofree char *upper = g_utf8_strup (other->name, -1);

    g_assert_null (sg_segment_name_check (stored.segments, (guint) target, upper, &error));
    g_assert_error (error, SG_ERROR, SG_ERROR_EXISTS);
    g_clear_error (&error);
  }
  {
    g_autofree char *same = sg_segment_name_check (stored.segments, (guint) target, old_name, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (same, ==, old_name);
  }

  g_assert_true (sg_project_set_segment_name (project, run_id, (guint) target, checked, NULL, TRUE, &error));
  g_assert_no_error (error);
  stored_clear (&stored);
  stored_load (&stored, project, run_id);
  view = sg_segment_view_new (stored.run, stored.segments, (guint) target);
  g_assert_cmpstr (view->name, ==, "Weekend Shoppers");
  g_assert_true (view->name_edited);
  g_assert_true (g_str_has_prefix (view->name_note, "You named this segment. Its automatic name came from the rule: "));
  g_assert_nonnull (strstr (view->name_note, old_name));   /* the rule text ends with the automatic name */
  for (guint i = 0; i < view->warnings->len; i++)
    {
      SgWarningRow *w = g_ptr_array_index (view->warnings, i);
      g_autofree char *quoted_old = g_strdup_printf ("“%s”", old_name);

      g_assert_null (strstr (w->message, quoted_old));
      if (strcmp (w->kind, "unstable-segment") == 0 || strcmp (w->kind, "small-segment") == 0)
        g_assert_nonnull (strstr (w->message, "“Weekend Shoppers”"));
    }

  /* Back to the automatic name: the flag goes, and a new report names it again */
  g_assert_true (sg_project_reset_segment_name (project, run_id, (guint) target, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (sg_run_report_refresh (project, run_id, NULL, &error));
  g_assert_no_error (error);
  stored_clear (&stored);
  stored_load (&stored, project, run_id);
  g_clear_pointer (&view, sg_segment_view_free);
  view = sg_segment_view_new (stored.run, stored.segments, (guint) target);
  g_assert_false (view->name_edited);
  g_assert_cmpstr (view->name, ==, old_name);
  g_assert_true (g_str_has_prefix (view->name_note, "Named by rule: "));
  stored_clear (&stored);
}

/* ---- sorting the profile table ---- */

static SgProfileRow *
row_new (const char *feature,
         double      index,
         double      effect,
         double      p)
{
  SgProfileRow *row = g_new0 (SgProfileRow, 1);

  row->column = g_strdup (feature);
  row->feature = g_strdup (feature);
  row->index = index;
  row->segment_mean = index;
  row->overall_mean = 100;
  row->effect = effect;
  row->p_adjusted = p;
  return row;
}

static const char *
nth (GPtrArray *rows,
     guint      i)
{
  return ((SgProfileRow *) g_ptr_array_index (rows, i))->feature;
}

static void
test_sort (void)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) sg_profile_row_free);

  g_ptr_array_add (rows, row_new ("recency", 80, -0.9, 0.001));
  g_ptr_array_add (rows, row_new ("age", NAN, 0.1, NAN));
  g_ptr_array_add (rows, row_new ("monetary", 260, 1.5, 0.0001));
  g_ptr_array_add (rows, row_new ("frequency", 120, 0.4, 0.2));

  sg_profile_rows_sort (rows, SG_PROFILE_SORT_EFFECT, TRUE);
  g_assert_cmpstr (nth (rows, 0), ==, "monetary");
  g_assert_cmpstr (nth (rows, 1), ==, "recency");
  g_assert_cmpstr (nth (rows, 3), ==, "age");
  sg_profile_rows_sort (rows, SG_PROFILE_SORT_FEATURE, FALSE);
  g_assert_cmpstr (nth (rows, 0), ==, "age");
  g_assert_cmpstr (nth (rows, 3), ==, "recency");
  sg_profile_rows_sort (rows, SG_PROFILE_SORT_FEATURE, TRUE);
  g_assert_cmpstr (nth (rows, 0), ==, "recency");
  /* Missing values last in both directions */
  sg_profile_rows_sort (rows, SG_PROFILE_SORT_INDEX, FALSE);
  g_assert_cmpstr (nth (rows, 0), ==, "recency");
  g_assert_cmpstr (nth (rows, 3), ==, "age");
  sg_profile_rows_sort (rows, SG_PROFILE_SORT_INDEX, TRUE);
  g_assert_cmpstr (nth (rows, 0), ==, "monetary");
  g_assert_cmpstr (nth (rows, 3), ==, "age");
  sg_profile_rows_sort (rows, SG_PROFILE_SORT_SIGNIFICANCE, TRUE);
  g_assert_cmpstr (nth (rows, 0), ==, "monetary");
  g_assert_cmpstr (nth (rows, 2), ==, "frequency");
  g_assert_cmpstr (nth (rows, 3), ==, "age");

  g_assert_cmpstr (sg_effect_size_words (0.1), ==, "negligible");
  g_assert_cmpstr (sg_effect_size_words (-0.6), ==, "medium");
  g_assert_cmpstr (sg_effect_size_words (2.1), ==, "very large");
  g_assert_cmpstr (sg_agreement_words (0.9), ==, "Nearly the same groups");
  g_assert_cmpstr (sg_agreement_words (0.29), ==, "Partly the same groups");
}

/* ---- older and partial runs ---- */

static SgSegmentInfo *
segment_info (guint       idx,
              const char *name,
              const char *profile)
{
  SgSegmentInfo *info = g_new0 (SgSegmentInfo, 1);

  info->idx = idx;
  info->name = g_strdup (name);
  info->size = 10;
  info->profile = g_strdup (profile);
  return info;
}

static void
test_missing (void)
{
  static const char *metrics[] = {
    NULL,
    "",
    "not json",
    "[1, 2]",
    "{\"inertia\": 12.5}",
    "{\"report\": {\"version\": 1, \"error\": \"A profile needs two segments\"}}",
    "{\"report\": {\"tree\": null, \"warnings\": \"oops\"}, \"validation\": {\"stability\": null, "
    "\"comparison\": {\"old_column\": \"x\", \"old_levels\": [\"a\"], \"table\": [[1]]}}}",
  };
  static const char *profiles[] = {
    NULL,
    "",
    "{",
    "{}",
    "{\"numeric\": [{\"name\": \"spend\", \"mean\": \"high\"}, 3], \"distinctive\": [{\"sentence\": 4}], "
    "\"categorical\": [{\"levels\": [{}]}], \"rules\": [{}]}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (metrics); i++)
    for (guint j = 0; j < G_N_ELEMENTS (profiles); j++)
      {
        SgRunInfo run = { 0 };
        g_autoptr(GPtrArray) segments = g_ptr_array_new_with_free_func ((GDestroyNotify) sg_segment_info_free);
        g_autoptr(SgSegmentView) view = NULL;
        g_autoptr(SgRunValidationView) run_view = NULL;

        run.k = 2;
        run.n_rows = 20;
        run.metrics = (char *) metrics[i];
        g_ptr_array_add (segments, segment_info (0, NULL, profiles[j]));
        g_ptr_array_add (segments, segment_info (1, "Second", profiles[j]));
        view = sg_segment_view_new (&run, segments, 0);
        g_assert_nonnull (view);
        g_assert_cmpstr (view->name, ==, "Segment 1");
        g_assert_nonnull (view->size_text);
        g_assert_nonnull (view->sentences);
        g_assert_nonnull (view->rules_note);
        g_assert_false (view->has_tree);
        g_assert_null (view->stability);
        if (!view->has_profile)
          {
            g_assert_nonnull (view->no_profile_reason);
            g_assert_cmpuint (view->rows->len, ==, 0);
            if (i == 5)
              g_assert_nonnull (strstr (view->no_profile_reason, "A profile needs two segments"));
          }
        else
          {
            /* The malformed profile: one row with the value missing, no sentence */
            g_assert_cmpuint (view->rows->len, ==, 1);
            g_assert_cmpstr (((SgProfileRow *) g_ptr_array_index (view->rows, 0))->segment_text, ==, "–");
            g_assert_cmpstr (((SgProfileRow *) g_ptr_array_index (view->rows, 0))->significance_text, ==, "Not tested");
            g_assert_cmpuint (g_strv_length (view->sentences), ==, 0);
            g_assert_cmpuint (view->lifts->len, ==, 1);
            g_assert_cmpuint (view->rules->len, ==, 1);
          }
        run_view = sg_run_validation_view_new (&run, segments);
        g_assert_nonnull (run_view);
        g_assert_cmpstr (run_view->names[1], ==, "Second");
        g_assert_cmpuint (run_view->warnings->len, ==, 0);
        g_assert_null (run_view->comparison);   /* a table of 1 row for 2 segments is not used */
        g_assert_true (run_view->validated == (i == 6));
        g_assert_true (run_view->has_report == (i == 6));
      }
}

/* ---- a density run that found a single segment ---- */

static void
test_single_segment (void)
{
  gint64 dataset_id = 0, run_id;
  g_autoptr(SgProject) project = mall_project (&dataset_id);
  g_autoptr(SgSegmentView) view = NULL;
  g_autoptr(SgRunValidationView) run_view = NULL;
  gboolean indistinct = FALSE;
  Stored stored;

  if (project == NULL)
    return;
  run_id = make_run (project, dataset_id, SG_ALGORITHM_DBSCAN, 0, 2.0);
  stored_load (&stored, project, run_id);
  g_assert_cmpuint (stored.run->k, ==, 1);
  view = sg_segment_view_new (stored.run, stored.segments, 0);
  g_assert_true (view->has_profile);
  g_assert_false (view->distinct);
  g_assert_cmpuint (g_strv_length (view->sentences), ==, 0);
  g_assert_cmpfloat (view->share, ==, 1.0);
  g_assert_false (view->has_tree);
  g_assert_cmpuint (view->rules->len, ==, 0);
  g_assert_true (g_str_has_prefix (view->rules_note, "No rules could be drawn: "));
  for (guint i = 0; i < view->rows->len; i++)
    g_assert_cmpstr (((SgProfileRow *) g_ptr_array_index (view->rows, i))->significance_text, ==, "Not tested");
  for (guint i = 0; i < view->warnings->len; i++)
    indistinct |= strcmp (((SgWarningRow *) g_ptr_array_index (view->warnings, i))->kind, "indistinct-segment") == 0;
  g_assert_true (indistinct);
  run_view = sg_run_validation_view_new (stored.run, stored.segments);
  g_assert_true (isnan (run_view->tree_accuracy));
  g_assert_false (run_view->validated);
  stored_clear (&stored);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/profile-view-model/segment-details", test_segment_details);
  g_test_add_func ("/profile-view-model/validated", test_validated);
  g_test_add_func ("/profile-view-model/renamed", test_renamed);
  g_test_add_func ("/profile-view-model/sort", test_sort);
  g_test_add_func ("/profile-view-model/missing", test_missing);
  g_test_add_func ("/profile-view-model/single-segment", test_single_segment);

  return g_test_run ();
}
