/* test-gui-recipe-choices.c — the Prepare page's logic without a display: what the column controls say
 * read from a recipe and written into it, copies that share nothing, the stored derivation summary read
 * back, the background analysis
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "sg-advice.h"
#include "sg-column-choice-row.h"
#include "sg-derive-panel.h"
#include "sg-error.h"
#include "sg-prepare-analysis.h"
#include "sg-recipe-choices.h"
#include "sg-rfm.h"
#include "sg-test-util.h"

#define N_ROWS 200

/* Customers: an id, a skewed spend, an age with gaps, a country, a yes/no. */
static SgTable *
make_table (void)
{
  SgTable *table = sg_table_new ("customers");
  SgColumn *id = sg_table_add_column (table, "customer_id", SG_COLUMN_IDENTIFIER);
  SgColumn *spend = sg_table_add_column (table, "spend", SG_COLUMN_DECIMAL);
  SgColumn *age = sg_table_add_column (table, "age", SG_COLUMN_INTEGER);
  SgColumn *country = sg_table_add_column (table, "country", SG_COLUMN_CATEGORICAL);
  SgColumn *newsletter = sg_table_add_column (table, "newsletter", SG_COLUMN_BOOLEAN);
  const char *countries[] = { "France", "Spain", "Spain", "Italy", "France", "Spain", "Germany" };

  sg_column_set_role (id, "id");
  for (guint i = 0; i < N_ROWS; i++)
    {
      g_autofree char *text = g_strdup_printf ("C%04u", i);

      sg_column_append_string (id, text);
      /* a long right tail: most spend little, a few a lot */
      sg_column_append_number (spend, 10 + pow ((double) (i % 50), 3) / 100);
      if (i % 10 == 3)
        sg_column_append_missing (age);
      else
        sg_column_append_number (age, 20 + (i * 7) % 50);
      sg_column_append_string (country, countries[i % G_N_ELEMENTS (countries)]);
      sg_column_append_number (newsletter, i % 3 == 0);
    }
  return table;
}

static SgRecipe *
suggested_recipe (SgTable *table)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SgAdvice) advice = sg_advice_analyse (table, &error);
  SgRecipe *recipe;

  g_assert_no_error (error);
  recipe = sg_advice_to_recipe (advice, &error);
  g_assert_no_error (error);
  return recipe;
}

static int
step_index (const SgRecipe *recipe,
            const char     *op,
            const char     *column)
{
  for (guint i = 0; i < recipe->steps->len; i++)
    {
      SgRecipeStep *step = g_ptr_array_index (recipe->steps, i);
      JsonNode *columns;

      if (g_strcmp0 (step->op, op) != 0)
        continue;
      if (column == NULL)
        return (int) i;
      if (json_object_has_member (step->params, "column") &&
          g_strcmp0 (json_object_get_string_member (step->params, "column"), column) == 0)
        return (int) i;
      columns = json_object_get_member (step->params, "columns");
      if (columns != NULL && JSON_NODE_HOLDS_ARRAY (columns))
        for (guint c = 0; c < json_array_get_length (json_node_get_array (columns)); c++)
          if (g_strcmp0 (json_array_get_string_element (json_node_get_array (columns), c), column) == 0)
            return (int) i;
    }
  return -1;
}

static void
get_choice (const SgRecipe *recipe,
            const char     *column,
            SgColumnKind    kind,
            SgColumnChoice *choice)
{
  sg_column_choice_clear (choice);
  sg_column_choice_init (choice);
  sg_recipe_choices_get (recipe, column, kind, choice);
}

/* The advice's recipe, read as the page's controls show it. */
static void
test_read_suggested (void)
{
  g_autoptr(SgTable) table = make_table ();
  g_autoptr(SgRecipe) recipe = suggested_recipe (table);
  SgColumnChoice choice = { 0 };

  get_choice (recipe, "spend", SG_COLUMN_KIND_NUMBER, &choice);
  g_assert_true (choice.included);
  g_assert_cmpint (choice.transform, ==, SG_TRANSFORM_LOG);
  g_assert_cmpint (choice.missing, ==, SG_MISSING_LEAVE);
  g_assert_false (choice.cap);

  get_choice (recipe, "age", SG_COLUMN_KIND_NUMBER, &choice);
  g_assert_true (choice.included);
  g_assert_cmpint (choice.transform, ==, SG_TRANSFORM_ZSCORE);
  g_assert_cmpint (choice.missing, ==, SG_MISSING_MEDIAN);

  get_choice (recipe, "country", SG_COLUMN_KIND_CATEGORY, &choice);
  g_assert_false (choice.included);
  get_choice (recipe, "customer_id", SG_COLUMN_KIND_OTHER, &choice);
  g_assert_false (choice.included);

  g_assert_false (sg_recipe_choices_get_dedupe_rows (recipe));
  g_assert_false (sg_recipe_choices_get_dedupe_ids (recipe, NULL));
  sg_column_choice_clear (&choice);
}

/* Each control's change is one targeted edit; the rest of the recipe stays. */
static void
test_write_choices (void)
{
  g_autoptr(SgTable) table = make_table ();
  g_autoptr(SgRecipe) recipe = suggested_recipe (table);
  g_autoptr(SgRecipe) before = sg_recipe_copy (recipe);
  g_autoptr(SgTable) prepared = NULL;
  g_autoptr(GError) error = NULL;
  SgColumnChoice choice = { 0 };
  g_auto(GStrv) features = NULL;

  /* spend: robust instead of log scale */
  get_choice (recipe, "spend", SG_COLUMN_KIND_NUMBER, &choice);
  choice.transform = SG_TRANSFORM_ROBUST;
  g_assert_true (sg_recipe_choices_set (recipe, "spend", SG_COLUMN_KIND_NUMBER, &choice, "customer_id"));
  g_assert_cmpint (step_index (recipe, "log1p", "spend"), ==, -1);
  g_assert_cmpint (step_index (recipe, "scale", "spend"), >=, 0);
  g_assert_cmpstr (json_object_get_string_member (((SgRecipeStep *) g_ptr_array_index (recipe->steps, step_index (recipe, "scale", "spend")))->params, "method"), ==, "robust");
  /* age is still standardised, in the z-score step */
  g_assert_cmpstr (json_object_get_string_member (((SgRecipeStep *) g_ptr_array_index (recipe->steps, step_index (recipe, "scale", "age")))->params, "method"), ==, "zscore");
  get_choice (recipe, "spend", SG_COLUMN_KIND_NUMBER, &choice);
  g_assert_cmpint (choice.transform, ==, SG_TRANSFORM_ROBUST);
  /* the copy taken before shares nothing: it still has spend on a log scale */
  g_assert_cmpint (step_index (before, "log1p", "spend"), >=, 0);
  g_assert_cmpint (step_index (before, "scale", "spend"), >=, 0);

  /* country as yes/no columns, 3 values, half weight */
  get_choice (recipe, "country", SG_COLUMN_KIND_CATEGORY, &choice);
  choice.included = TRUE;
  choice.max_levels = 3;
  choice.weight = 0.5;
  g_assert_true (sg_recipe_choices_set (recipe, "country", SG_COLUMN_KIND_CATEGORY, &choice, "customer_id"));
  g_assert_cmpint (step_index (recipe, "select", "country"), >=, 0);
  g_assert_cmpint (step_index (recipe, "one_hot", "country"), >, step_index (recipe, "scale", NULL));
  get_choice (recipe, "country", SG_COLUMN_KIND_CATEGORY, &choice);
  g_assert_true (choice.included);
  g_assert_cmpuint (choice.max_levels, ==, 3);
  g_assert_cmpfloat (choice.weight, ==, 0.5);

  /* age out: its fill and scaling go with it */
  get_choice (recipe, "age", SG_COLUMN_KIND_NUMBER, &choice);
  choice.included = FALSE;
  g_assert_true (sg_recipe_choices_set (recipe, "age", SG_COLUMN_KIND_NUMBER, &choice, "customer_id"));
  g_assert_cmpint (step_index (recipe, "select", "age"), ==, -1);
  g_assert_cmpint (step_index (recipe, "fill_missing", "age"), ==, -1);
  g_assert_cmpint (step_index (recipe, "scale", "age"), ==, -1);
  get_choice (recipe, "age", SG_COLUMN_KIND_NUMBER, &choice);
  g_assert_false (choice.included);

  /* age back: the mean with a flag, capped at 5–95 %, in the usual order */
  choice.included = TRUE;
  choice.missing = SG_MISSING_MEAN;
  choice.missing_flag = TRUE;
  choice.cap = TRUE;
  choice.cap_lower = 0.05;
  choice.cap_upper = 0.95;
  choice.transform = SG_TRANSFORM_MINMAX;
  g_assert_true (sg_recipe_choices_set (recipe, "age", SG_COLUMN_KIND_NUMBER, &choice, "customer_id"));
  g_assert_cmpint (step_index (recipe, "select", NULL), <, step_index (recipe, "fill_missing", "age"));
  g_assert_cmpint (step_index (recipe, "fill_missing", "age"), <, step_index (recipe, "cap_outliers", "age"));
  /* (spend, the only skewed column, left the log scale: that step went with it) */
  g_assert_cmpint (step_index (recipe, "log1p", NULL), ==, -1);
  g_assert_cmpint (step_index (recipe, "cap_outliers", "age"), <, step_index (recipe, "scale", "age"));
  {
    SgColumnChoice read = { 0 };

    get_choice (recipe, "age", SG_COLUMN_KIND_NUMBER, &read);
    g_assert_true (sg_column_choice_equal (&read, &choice));
    sg_column_choice_clear (&read);
  }

  /* the edited recipe runs: country became yes/no columns, age has its flag */
  g_assert_true (sg_recipe_validate (recipe, &error));
  prepared = sg_recipe_run (recipe, table, TRUE, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sg_table_lookup_column (prepared, "country"), ==, -1);
  g_assert_cmpint (sg_table_lookup_column (prepared, "country=Spain"), >=, 0);
  g_assert_cmpint (sg_table_lookup_column (prepared, "age_was_missing"), >=, 0);
  g_assert_cmpint (sg_table_lookup_column (prepared, "newsletter"), >=, 0);
  g_assert_cmpuint (sg_table_get_n_rows (prepared), ==, N_ROWS);

  features = sg_recipe_choices_features (recipe);
  g_assert_true (g_strv_contains ((const char *const *) features, "country"));
  g_assert_true (g_strv_contains ((const char *const *) features, "age"));
  sg_column_choice_clear (&choice);
}

/* A choice that changes nothing keeps the values the recipe learnt; a real change forgets them. */
static void
test_fitted_values (void)
{
  g_autoptr(SgTable) table = make_table ();
  g_autoptr(SgRecipe) recipe = suggested_recipe (table);
  g_autoptr(SgTable) prepared = NULL;
  g_autoptr(GError) error = NULL;
  SgColumnChoice choice = { 0 };

  prepared = sg_recipe_run (recipe, table, TRUE, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (sg_recipe_is_fitted (recipe));

  get_choice (recipe, "age", SG_COLUMN_KIND_NUMBER, &choice);
  g_assert_false (sg_recipe_choices_set (recipe, "age", SG_COLUMN_KIND_NUMBER, &choice, "customer_id"));
  g_assert_true (sg_recipe_is_fitted (recipe));
  g_assert_false (sg_recipe_choices_set_dedupe_rows (recipe, FALSE));
  g_assert_true (sg_recipe_is_fitted (recipe));

  choice.cap = TRUE;
  g_assert_true (sg_recipe_choices_set (recipe, "age", SG_COLUMN_KIND_NUMBER, &choice, "customer_id"));
  g_assert_false (sg_recipe_is_fitted (recipe));
  sg_column_choice_clear (&choice);
}

static void
test_duplicates (void)
{
  g_autoptr(SgTable) table = make_table ();
  g_autoptr(SgRecipe) recipe = suggested_recipe (table);
  SgKeep keep = SG_KEEP_FIRST;

  g_assert_true (sg_recipe_choices_set_dedupe_rows (recipe, TRUE));
  g_assert_cmpint (step_index (recipe, "dedupe_rows", NULL), ==, 0);
  g_assert_true (sg_recipe_choices_get_dedupe_rows (recipe));
  g_assert_true (sg_recipe_choices_set_dedupe_ids (recipe, "customer_id", TRUE, SG_KEEP_AGGREGATE));
  g_assert_cmpint (step_index (recipe, "dedupe_ids", "customer_id"), ==, 1);
  g_assert_true (sg_recipe_choices_get_dedupe_ids (recipe, &keep));
  g_assert_cmpint (keep, ==, SG_KEEP_AGGREGATE);
  g_assert_true (sg_recipe_choices_set_dedupe_ids (recipe, "customer_id", TRUE, SG_KEEP_LAST));
  g_assert_true (sg_recipe_choices_get_dedupe_ids (recipe, &keep));
  g_assert_cmpint (keep, ==, SG_KEEP_LAST);
  g_assert_true (sg_recipe_choices_set_dedupe_ids (recipe, NULL, FALSE, SG_KEEP_FIRST));
  g_assert_false (sg_recipe_choices_get_dedupe_ids (recipe, NULL));
  g_assert_true (sg_recipe_choices_set_dedupe_rows (recipe, FALSE));
  g_assert_cmpint (step_index (recipe, "dedupe_rows", NULL), ==, -1);
}

/* Without a selection step every column goes through: leaving one out lists it to drop. */
static void
test_without_selection (void)
{
  g_autoptr(SgRecipe) recipe = sg_recipe_new ("plain");
  SgColumnChoice choice = { 0 };

  get_choice (recipe, "spend", SG_COLUMN_KIND_NUMBER, &choice);
  g_assert_true (choice.included);
  g_assert_cmpint (choice.transform, ==, SG_TRANSFORM_NONE);
  choice.included = FALSE;
  g_assert_true (sg_recipe_choices_set (recipe, "spend", SG_COLUMN_KIND_NUMBER, &choice, "customer_id"));
  g_assert_cmpint (step_index (recipe, "drop_columns", "spend"), ==, 0);
  get_choice (recipe, "spend", SG_COLUMN_KIND_NUMBER, &choice);
  g_assert_false (choice.included);
  choice.included = TRUE;
  choice.transform = SG_TRANSFORM_LOG;
  g_assert_true (sg_recipe_choices_set (recipe, "spend", SG_COLUMN_KIND_NUMBER, &choice, "customer_id"));
  g_assert_cmpint (step_index (recipe, "drop_columns", NULL), ==, -1);
  g_assert_cmpint (step_index (recipe, "log1p", "spend"), >=, 0);
  g_assert_cmpint (step_index (recipe, "scale", "spend"), >, step_index (recipe, "log1p", "spend"));
  /* identifiers and text are never written */
  g_assert_false (sg_recipe_choices_set (recipe, "customer_id", SG_COLUMN_KIND_OTHER, &choice, "customer_id"));
  sg_column_choice_clear (&choice);
}

static void
test_words (void)
{
  g_autofree char *why = NULL;
  g_autoptr(GPtrArray) advice = g_ptr_array_new ();
  SgAdviceItem skewed = { .kind = SG_ADVICE_SKEWED, .column = (char *) "spend", .message = (char *) "skewed" };
  g_autofree char *summary = NULL;

  g_assert_cmpint (sg_missing_default_for_type (SG_COLUMN_DECIMAL, &why), ==, SG_MISSING_MEDIAN);
  g_assert_nonnull (strstr (why, "median"));
  g_assert_cmpint (sg_missing_default_for_type (SG_COLUMN_CATEGORICAL, NULL), ==, SG_MISSING_MODE);
  for (guint t = 0; t < SG_N_TRANSFORMS; t++)
    {
      g_assert_nonnull (sg_transform_get_label (t));
      g_assert_cmpuint (strlen (sg_transform_describe (t)), >, 20);
    }
  for (guint m = 0; m < SG_N_MISSING; m++)
    g_assert_nonnull (sg_missing_get_label (m));

  g_ptr_array_add (advice, &skewed);
  summary = sg_column_choice_row_summary (SG_COLUMN_DECIMAL, 0.034, advice);
  g_assert_nonnull (strstr (summary, sg_column_type_get_label (SG_COLUMN_DECIMAL)));
  g_assert_nonnull (strstr (summary, "3.4%"));
  g_assert_nonnull (strstr (summary, "large values"));
}

/* A derived dataset's stored summary reads back into the same sentences. */
static void
test_derive_report_json (void)
{
  SgDeriveReport report = { 0 };
  g_autoptr(JsonNode) summary = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;
  g_autoptr(SgDeriveReport) back = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL, back_lines = NULL;

  report.rows_read = 1000;
  report.rows_used = 950;
  report.excluded[SG_EXCLUDED_MISSING_CUSTOMER] = 40;
  report.excluded[SG_EXCLUDED_ZERO_AMOUNT] = 10;
  report.return_lines = 25;
  report.customers = 120;
  report.customers_only_returns = 3;
  report.reference_date = 1700006400;  /* 2023-11-15 */
  report.first_date = 1600000000 - 1600000000 % 86400;
  report.last_date = 1700006400;
  report.rfm = TRUE;
  report.rfm_groups[SG_RFM_CHAMPIONS] = 20;
  report.rfm_groups[SG_RFM_LOST] = 100;
  report.joined = TRUE;
  report.customer_rows = 150;
  report.customers_without_transactions = 30;
  report.buyers_not_in_customers = 7;
  summary = sg_derive_report_to_json (&report);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "derived_from");
  json_builder_add_int_value (builder, 2);
  json_builder_set_member_name (builder, "summary");
  json_builder_add_value (builder, json_node_copy (summary));
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json = json_to_string (root, FALSE);

  back = sg_derive_panel_report_from_json (json, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->excluded[SG_EXCLUDED_MISSING_CUSTOMER], ==, 40);
  g_assert_cmpuint (back->buyers_not_in_customers, ==, 7);
  g_assert_cmpfloat (back->reference_date, ==, report.reference_date);
  lines = sg_derive_report_describe (&report);
  back_lines = sg_derive_report_describe (back);
  g_assert_cmpuint (g_strv_length (lines), ==, g_strv_length (back_lines));
  for (guint i = 0; lines[i] != NULL; i++)
    g_assert_cmpstr (lines[i], ==, back_lines[i]);
  /* the reasons are said in words */
  {
    g_autofree char *expected = g_strdup_printf ("  40 lines left out: %s.",
                                                 sg_excluded_reason_describe (SG_EXCLUDED_MISSING_CUSTOMER));

    g_assert_true (g_strv_contains ((const char *const *) back_lines, expected));
  }

  g_assert_null (sg_derive_panel_report_from_json ("{\"prepared_from\": 1}", &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_PARSE);
}

/* Quality and advice in one pass, with the coverage against another table. */
static void
test_analyse (void)
{
  g_autofree char *path = sg_test_tmp_path ("analyse.segmenta");
  g_autoptr(GError) error = NULL;
  g_autoptr(SgProject) project = sg_project_create (path, &error);
  g_autoptr(SgTable) table = make_table ();
  g_autoptr(SgTable) other = sg_table_new ("orders");
  SgColumn *key = sg_table_add_column (other, "customer_id", SG_COLUMN_IDENTIFIER);
  g_autoptr(SgPrepareAnalysis) analysis = NULL;
  gint64 id, other_id;

  g_assert_no_error (error);
  /* orders of the first 150 customers and of 5 unknown ones */
  for (guint i = 0; i < 155; i++)
    {
      g_autofree char *text = g_strdup_printf ("C%04u", i < 150 ? i : 900 + i);

      sg_column_append_string (key, text);
    }
  id = sg_project_store_table (project, table, "imported", "customers.csv", NULL, &error);
  g_assert_no_error (error);
  other_id = sg_project_store_table (project, other, "imported", "orders.csv", NULL, &error);
  g_assert_no_error (error);

  analysis = sg_prepare_analyse (project, id, "customer_id", other_id, "customer_id", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (analysis->dataset_id, ==, id);
  g_assert_cmpuint (analysis->quality->n_rows, ==, N_ROWS);
  g_assert_cmpuint (analysis->quality->columns->len, ==, 5);
  g_assert_true (analysis->quality->has_join);
  g_assert_cmpuint (analysis->quality->join_matched, ==, 150);
  g_assert_cmpuint (analysis->quality->join_unmatched, ==, N_ROWS - 150);
  g_assert_cmpuint (analysis->quality->join_other_unmatched, ==, 5);
  g_assert_nonnull (analysis->advice);
  g_assert_nonnull (analysis->suggested);
  g_assert_null (analysis->advice_error);
  g_assert_nonnull (sg_prepare_analysis_lookup_column (analysis, "age"));
  g_assert_cmpuint (sg_prepare_analysis_lookup_column (analysis, "age")->n_missing, ==, N_ROWS / 10);
  {
    g_autoptr(GPtrArray) items = sg_prepare_analysis_advice_for (analysis, "spend");

    g_assert_cmpuint (items->len, >=, 1);
    g_assert_cmpint (((SgAdviceItem *) g_ptr_array_index (items, 0))->kind, ==, SG_ADVICE_SKEWED);
  }

  /* a dataset with nothing to cluster still gets its quality, and says why there is no recipe */
  {
    g_autoptr(SgTable) names = sg_table_new ("names");
    SgColumn *name = sg_table_add_column (names, "name", SG_COLUMN_TEXT);
    g_autoptr(SgPrepareAnalysis) bare = NULL;
    gint64 names_id;

    for (guint i = 0; i < 10; i++)
      sg_column_append_string (name, i % 2 ? "Ann" : "Bob");
    names_id = sg_project_store_table (project, names, "imported", "names.csv", NULL, &error);
    g_assert_no_error (error);
    bare = sg_prepare_analyse (project, names_id, NULL, 0, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (bare->quality);
    g_assert_null (bare->suggested);
    g_assert_nonnull (bare->advice_error);
  }
}

static void
test_format (void)
{
  g_autofree char *date = sg_prepare_format_value (1700006400, SG_COLUMN_DATE);
  g_autofree char *missing = sg_prepare_format_value (NAN, SG_COLUMN_DECIMAL);
  g_autofree char *yes = sg_prepare_format_value (1, SG_COLUMN_BOOLEAN);
  g_autofree char *share = sg_prepare_format_share (0.034);
  g_autofree char *none = sg_prepare_format_share (0);

  g_assert_nonnull (strstr (date, "23"));
  g_assert_cmpstr (missing, ==, "—");
  g_assert_cmpstr (yes, ==, "yes");
  g_assert_cmpstr (share, ==, "3.4%");
  g_assert_cmpstr (none, ==, "0%");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/recipe-choices/read-suggested", test_read_suggested);
  g_test_add_func ("/recipe-choices/write", test_write_choices);
  g_test_add_func ("/recipe-choices/fitted-values", test_fitted_values);
  g_test_add_func ("/recipe-choices/duplicates", test_duplicates);
  g_test_add_func ("/recipe-choices/without-selection", test_without_selection);
  g_test_add_func ("/recipe-choices/words", test_words);
  g_test_add_func ("/recipe-choices/derive-report-json", test_derive_report_json);
  g_test_add_func ("/recipe-choices/analyse", test_analyse);
  g_test_add_func ("/recipe-choices/format", test_format);

  return g_test_run ();
}
