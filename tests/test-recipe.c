/* test-recipe.c — recipes (fit, describe, edit, JSON, store/load/re-apply) and the feature advice
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "sg-advice.h"
#include "sg-error.h"
#include "sg-project.h"
#include "sg-recipe.h"
#include "sg-test-util.h"

/* id, spend (one missing), visits, city, note */
static SgTable *
customers (guint variant)
{
  static const struct { double spend, visits; const char *city; } a[] = {
    { 10, 1, "Paris" }, { 20, 2, "Lyon" }, { NAN, 3, "Paris" }, { 40, 4, "Nice" }, { 1000, 50, "Paris" },
  };
  static const struct { double spend, visits; const char *city; } b[] = {
    { NAN, 2, "Lyon" }, { 5, 100, "Brest" }, { 30, 3, NULL },
  };
  SgTable *table = sg_table_new (variant == 0 ? "customers" : "new customers");
  SgColumn *id = sg_table_add_column (table, "id", SG_COLUMN_INTEGER);
  SgColumn *spend = sg_table_add_column (table, "spend", SG_COLUMN_DECIMAL);
  SgColumn *visits = sg_table_add_column (table, "visits", SG_COLUMN_INTEGER);
  SgColumn *city = sg_table_add_column (table, "city", SG_COLUMN_CATEGORICAL);
  SgColumn *note = sg_table_add_column (table, "note", SG_COLUMN_TEXT);
  guint n = variant == 0 ? G_N_ELEMENTS (a) : G_N_ELEMENTS (b);

  sg_column_set_role (id, "id");
  for (guint i = 0; i < n; i++)
    {
      sg_column_append_number (id, 100 * variant + i + 1);
      sg_column_append_number (spend, variant == 0 ? a[i].spend : b[i].spend);
      sg_column_append_number (visits, variant == 0 ? a[i].visits : b[i].visits);
      sg_column_append_string (city, variant == 0 ? a[i].city : b[i].city);
      sg_column_append_string (note, "hello");
    }
  return table;
}

static const char *recipe_text =
  "{\"name\": \"Test\", \"steps\": ["
  " {\"op\": \"select\", \"params\": {\"columns\": [\"spend\", \"visits\", \"city\"]}},"
  " {\"op\": \"fill_missing\", \"params\": {\"column\": \"spend\", \"method\": \"median\", \"flag\": true}},"
  " {\"op\": \"cap_outliers\", \"params\": {\"column\": \"visits\", \"rule\": \"percentile\", \"lower\": 0.0, \"upper\": 0.75}},"
  " {\"op\": \"log1p\", \"params\": {\"columns\": [\"spend\"]}},"
  " {\"op\": \"scale\", \"params\": {\"columns\": [\"spend\", \"visits\"], \"method\": \"zscore\"}},"
  " {\"op\": \"one_hot\", \"params\": {\"column\": \"city\", \"max_levels\": 2, \"min_share\": 0, \"weight\": 1}}"
  "]}";

static double
cell (SgTable *table, const char *name, guint row)
{
  int index = sg_table_lookup_column (table, name);

  g_assert_cmpint (index, >=, 0);
  return sg_column_get_number (sg_table_get_column (table, index), row);
}

static double
fitted_number (SgRecipe *recipe, guint step, const char *member)
{
  SgRecipeStep *s = g_ptr_array_index (recipe->steps, step);

  g_assert_nonnull (s->fitted);
  return json_object_get_double_member (s->fitted, member);
}

static void
test_fit_and_describe (void)
{
  g_autoptr(SgTable) input = customers (0);
  g_autoptr(SgTable) output = NULL;
  g_autoptr(SgRecipe) recipe = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) log = NULL;
  g_auto(GStrv) lines = NULL;
  double spend[5], mean = 0, var = 0;

  recipe = sg_recipe_from_string (recipe_text, &error);
  g_assert_no_error (error);
  g_assert_false (sg_recipe_is_fitted (recipe));
  output = sg_recipe_run (recipe, input, TRUE, NULL, &log, &error);
  g_assert_no_error (error);
  g_assert_true (sg_recipe_is_fitted (recipe));

  /* the raw table is untouched */
  g_assert_true (isnan (cell (input, "spend", 2)));
  g_assert_cmpuint (sg_table_get_n_columns (input), ==, 5);

  /* fitted values: median of 10 20 40 1000 = 30; visits capped at its 75th percentile (4) */
  g_assert_cmpfloat (fitted_number (recipe, 1, "value"), ==, 30);
  g_assert_cmpfloat (fitted_number (recipe, 2, "high"), ==, 4);
  g_assert_cmpfloat (fitted_number (recipe, 2, "low"), ==, 1);

  /* columns: id first (role), spend, spend_was_missing, visits, city=Paris, city=Lyon, city=Other */
  g_assert_cmpuint (sg_table_get_n_columns (output), ==, 7);
  g_assert_cmpstr (sg_table_get_column (output, 0)->name, ==, "id");
  g_assert_cmpstr (sg_table_get_column (output, 2)->name, ==, "spend_was_missing");
  g_assert_cmpstr (sg_table_get_column (output, 4)->name, ==, "city=Paris");
  g_assert_cmpstr (sg_table_get_column (output, 5)->name, ==, "city=Lyon");
  g_assert_cmpstr (sg_table_get_column (output, 6)->name, ==, "city=Other");
  g_assert_cmpfloat (cell (output, "spend_was_missing", 2), ==, 1);

  /* spend: log1p of 10 20 30 40 1000, then z-score with the population std */
  spend[0] = log1p (10); spend[1] = log1p (20); spend[2] = log1p (30); spend[3] = log1p (40); spend[4] = log1p (1000);
  for (int i = 0; i < 5; i++)
    mean += spend[i] / 5;
  for (int i = 0; i < 5; i++)
    var += (spend[i] - mean) * (spend[i] - mean) / 5;
  for (int i = 0; i < 5; i++)
    g_assert_cmpfloat_with_epsilon (cell (output, "spend", i), (spend[i] - mean) / sqrt (var), 1e-12);
  /* visits capped: 1 2 3 4 4 → mean 2.8, std √1.36 */
  g_assert_cmpfloat_with_epsilon (cell (output, "visits", 4), (4 - 2.8) / sqrt (1.36), 1e-12);
  g_assert_cmpfloat (cell (output, "city=Paris", 0), ==, 1 / G_SQRT2);
  g_assert_cmpfloat (cell (output, "city=Other", 3), ==, 1 / G_SQRT2);

  lines = sg_recipe_describe (recipe);
  g_assert_cmpuint (g_strv_length (lines), ==, 6);
  g_assert_nonnull (strstr (lines[1], "median (30)"));
  g_assert_nonnull (strstr (lines[1], "flag"));
  g_assert_nonnull (strstr (lines[2], "1 to 4"));
  g_assert_nonnull (strstr (lines[3], "log scale"));
  g_assert_nonnull (strstr (lines[4], "Standardise"));
  g_assert_nonnull (strstr (lines[5], "“city”"));
  g_assert_nonnull (log);
  g_assert_nonnull (strstr (log[1], "Filled 1 of 1"));
}

static void
test_edit_and_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SgRecipe) recipe = sg_recipe_from_string (recipe_text, &error);
  g_autoptr(SgTable) input = customers (0);
  g_autoptr(SgTable) output = NULL;
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);
  SgRecipe *bad;
  SgTable *none;

  g_assert_no_error (error);
  /* applying without fitting is refused */
  none = sg_recipe_run (recipe, input, FALSE, NULL, NULL, &error);
  g_assert_null (none);
  g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "Step 2"));
  g_clear_error (&error);
  g_assert_false (sg_recipe_is_fitted (recipe));

  output = sg_recipe_run (recipe, input, TRUE, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (sg_recipe_is_fitted (recipe));

  /* a changed parameter forgets the fitted values */
  json_node_set_string (node, "mean");
  g_assert_true (sg_recipe_set_param (recipe, 1, "method", node, &error));
  g_assert_false (sg_recipe_is_fitted (recipe));
  g_clear_pointer (&output, sg_table_unref);
  output = sg_recipe_run (recipe, input, TRUE, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (fitted_number (recipe, 1, "value"), ==, (10.0 + 20 + 40 + 1000) / 4);

  /* reorder and remove: one-hot first, then drop the cap step */
  g_assert_true (sg_recipe_move (recipe, 5, 1, &error));
  g_assert_cmpstr (((SgRecipeStep *) g_ptr_array_index (recipe->steps, 1))->op, ==, "one_hot");
  g_assert_true (sg_recipe_remove (recipe, 3, &error));
  g_assert_cmpstr (((SgRecipeStep *) g_ptr_array_index (recipe->steps, 3))->op, ==, "log1p");
  g_assert_cmpuint (recipe->steps->len, ==, 5);
  g_assert_false (sg_recipe_remove (recipe, 9, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  /* a step on a column that is not there names it; the recipe stays unfitted */
  json_node_set_string (node, "income");
  g_assert_true (sg_recipe_set_param (recipe, 2, "column", node, &error));
  none = sg_recipe_run (recipe, input, TRUE, NULL, NULL, &error);
  g_assert_null (none);
  g_assert_error (error, SG_ERROR, SG_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "income"));
  g_clear_error (&error);
  g_assert_null (((SgRecipeStep *) g_ptr_array_index (recipe->steps, 0))->fitted);
  g_assert_null (((SgRecipeStep *) g_ptr_array_index (recipe->steps, 1))->fitted);

  /* malformed recipes */
  bad = sg_recipe_from_string ("{\"steps\": [{\"op\": \"shuffle\"}]}", &error);
  g_assert_null (bad);
  g_assert_error (error, SG_ERROR, SG_ERROR_PARSE);
  g_clear_error (&error);
  bad = sg_recipe_from_string ("{\"steps\": [{\"op\": \"scale\", \"params\": {\"columns\": [\"a\"], \"method\": \"pca\"}}]}", &error);
  g_assert_null (bad);
  g_assert_error (error, SG_ERROR, SG_ERROR_PARSE);
  g_clear_error (&error);
  bad = sg_recipe_from_string ("{\"steps\": [{\"op\": \"fill_missing\", \"params\": {}}]}", &error);
  g_assert_null (bad);
  g_assert_error (error, SG_ERROR, SG_ERROR_PARSE);
  g_clear_error (&error);
  bad = sg_recipe_from_string ("not json", &error);
  g_assert_null (bad);
  g_assert_error (error, SG_ERROR, SG_ERROR_PARSE);
  g_clear_error (&error);

  /* log1p refuses negative values and says where */
  {
    g_autoptr(SgRecipe) neg = sg_recipe_from_string ("[{\"op\": \"log1p\", \"params\": {\"columns\": [\"visits\"]}}]", &error);
    g_autoptr(SgTable) t = customers (0);

    g_array_index (sg_table_get_column (t, 2)->numbers, double, 3) = -2;
    g_assert_no_error (error);
    none = sg_recipe_run (neg, t, TRUE, NULL, NULL, &error);
    g_assert_null (none);
    g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT);
    g_assert_nonnull (strstr (error->message, "row 4"));
  }
}

static void
assert_tables_equal (SgTable *a,
                     SgTable *b)
{
  g_assert_cmpuint (sg_table_get_n_columns (a), ==, sg_table_get_n_columns (b));
  g_assert_cmpuint (sg_table_get_n_rows (a), ==, sg_table_get_n_rows (b));
  for (guint c = 0; c < sg_table_get_n_columns (a); c++)
    {
      SgColumn *x = sg_table_get_column (a, c), *y = sg_table_get_column (b, c);

      g_assert_cmpstr (x->name, ==, y->name);
      for (guint r = 0; r < sg_table_get_n_rows (a); r++)
        {
          g_autofree char *u = sg_column_format_value (x, r);
          g_autofree char *v = sg_column_format_value (y, r);

          if (sg_column_is_numeric (x))
            g_assert_true (sg_column_get_number (x, r) == sg_column_get_number (y, r) ||
                           (isnan (sg_column_get_number (x, r)) && isnan (sg_column_get_number (y, r))));
          g_assert_cmpstr (u, ==, v);
        }
    }
}

static void
test_store_and_reapply (void)
{
  g_autofree char *path = sg_test_tmp_path ("recipe.segmenta");
  g_autoptr(GError) error = NULL;
  g_autoptr(SgProject) project = sg_project_create (path, &error);
  g_autoptr(SgTable) first = customers (0);
  g_autoptr(SgTable) second = customers (1);
  g_autoptr(SgRecipe) recipe = sg_recipe_from_string (recipe_text, &error);
  g_autoptr(SgRecipe) loaded = NULL;
  g_autoptr(SgTable) prepared = NULL;
  g_autoptr(SgTable) again = NULL;
  g_autoptr(SgTable) fresh = NULL;
  g_autoptr(SgDatasetInfo) info = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_auto(GStrv) log = NULL;
  gint64 raw, prepared_id, second_id;
  double fill, center, scale;
  g_autofree char *before = NULL;

  g_assert_no_error (error);
  raw = sg_project_store_table (project, first, "imported", "test", NULL, &error);
  g_assert_no_error (error);
  second_id = sg_project_store_table (project, second, "imported", "test", NULL, &error);
  g_assert_no_error (error);

  prepared_id = sg_project_prepare_dataset (project, raw, recipe, NULL, NULL, &log, &error);
  g_assert_no_error (error);
  g_assert_cmpint (prepared_id, >, 0);
  g_assert_cmpint (recipe->id, >, 0);
  info = sg_project_get_dataset (project, prepared_id, &error);
  g_assert_cmpstr (info->kind, ==, "prepared");
  g_assert_cmpstr (info->name, ==, "customers prepared");
  g_assert_nonnull (strstr (info->report, "\"recipe_id\""));

  /* the raw dataset is unchanged */
  {
    g_autoptr(SgTable) raw_again = sg_project_load_table (project, raw, NULL, 0, &error);

    assert_tables_equal (raw_again, first);
  }

  /* store → load: the same recipe, fitted values and all */
  loaded = sg_project_load_recipe (project, recipe->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->name, ==, "Test");
  g_assert_cmpint (loaded->dataset_id, ==, raw);
  g_assert_true (sg_recipe_is_fitted (loaded));
  before = sg_recipe_to_string (recipe, FALSE);
  {
    g_autofree char *after = sg_recipe_to_string (loaded, FALSE);

    g_assert_cmpstr (before, ==, after);
  }
  list = sg_project_list_recipes (project, raw, &error);
  g_assert_cmpuint (list->len, ==, 1);

  /* applying the loaded recipe to the original data gives the stored features exactly */
  prepared = sg_project_load_table (project, prepared_id, NULL, 0, &error);
  again = sg_recipe_run (loaded, first, FALSE, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_tables_equal (prepared, again);

  /* and new data gets the same fitted values: spend filled with 30, scaled with the first data's
   * centre and scale; "Brest" and a missing city are not levels */
  fresh = sg_recipe_run (loaded, second, FALSE, NULL, NULL, &error);
  g_assert_no_error (error);
  fill = fitted_number (loaded, 1, "value");
  g_assert_cmpfloat (fill, ==, 30);
  {
    JsonObject *scaler = ((SgRecipeStep *) g_ptr_array_index (loaded->steps, 4))->fitted;
    JsonObject *spend = json_array_get_object_element (json_object_get_array_member (scaler, "columns"), 0);

    center = json_object_get_double_member (spend, "center");
    scale = json_object_get_double_member (spend, "scale");
  }
  g_assert_cmpfloat (cell (fresh, "spend", 0), ==, (log1p (30) - center) / scale);
  g_assert_cmpfloat (cell (fresh, "spend_was_missing", 0), ==, 1);
  /* visits 100 capped at the first data's bound, 4 */
  g_assert_cmpfloat (cell (fresh, "visits", 1), ==, cell (prepared, "visits", 3));
  g_assert_cmpfloat (cell (fresh, "city=Other", 1), ==, 1 / G_SQRT2);
  g_assert_cmpfloat (cell (fresh, "city=Paris", 2) + cell (fresh, "city=Lyon", 2) + cell (fresh, "city=Other", 2), ==, 0);

  /* preparing new data with the fitted recipe keeps its values (no refit) */
  {
    gint64 id2 = sg_project_prepare_dataset (project, second_id, loaded, "new prepared", NULL, NULL, &error);
    g_autoptr(SgTable) stored = NULL;

    g_assert_no_error (error);
    stored = sg_project_load_table (project, id2, NULL, 0, &error);
    assert_tables_equal (stored, fresh);
  }

  /* a name already taken: nothing is stored */
  {
    g_autoptr(GPtrArray) datasets_before = sg_project_list_datasets (project, &error);
    g_autoptr(GPtrArray) datasets_after = NULL;
    g_autoptr(SgRecipe) copy = sg_recipe_copy (recipe);

    copy->id = 0;
    g_assert_cmpint (sg_project_prepare_dataset (project, raw, copy, "customers", NULL, NULL, &error), ==, 0);
    g_assert_error (error, SG_ERROR, SG_ERROR_EXISTS);
    g_clear_error (&error);
    datasets_after = sg_project_list_datasets (project, &error);
    g_assert_cmpuint (datasets_before->len, ==, datasets_after->len);
    g_assert_cmpint (copy->id, ==, 0);
    g_clear_pointer (&list, g_ptr_array_unref);
    list = sg_project_list_recipes (project, 0, &error);
    g_assert_cmpuint (list->len, ==, 1);   /* re-using a stored recipe updates it, never duplicates it */
  }

  g_assert_true (sg_project_delete_recipe (project, recipe->id, &error));
  g_assert_null (sg_project_load_recipe (project, recipe->id, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_NOT_FOUND);
}

typedef struct {
  GMainLoop *loop;
  gint64     id;
  SgRecipe  *fitted;
  GStrv      log;
} PrepareState;

static void
on_prepared (GObject *source, GAsyncResult *result, gpointer user_data)
{
  PrepareState *state = user_data;
  g_autoptr(GError) error = NULL;

  state->id = sg_project_prepare_dataset_finish (SG_PROJECT (source), result, &state->fitted, &state->log, &error);
  g_assert_no_error (error);
  g_main_loop_quit (state->loop);
}

static void
test_prepare_async (void)
{
  g_autofree char *path = sg_test_tmp_path ("recipe-async.segmenta");
  g_autoptr(GError) error = NULL;
  g_autoptr(SgProject) project = sg_project_create (path, &error);
  g_autoptr(SgTable) first = customers (0);
  g_autoptr(SgRecipe) recipe = sg_recipe_from_string (recipe_text, &error);
  g_autoptr(SgRecipe) stored = NULL;
  PrepareState state = { g_main_loop_new (NULL, FALSE), 0, NULL, NULL };
  gint64 raw;

  g_assert_no_error (error);
  raw = sg_project_store_table (project, first, "imported", "test", NULL, &error);
  g_assert_no_error (error);
  sg_project_prepare_dataset_async (project, raw, recipe, NULL, NULL, NULL, NULL, on_prepared, &state);
  g_main_loop_run (state.loop);
  g_assert_cmpint (state.id, >, 0);
  g_assert_nonnull (state.fitted);
  g_assert_true (sg_recipe_is_fitted (state.fitted));
  g_assert_false (sg_recipe_is_fitted (recipe));   /* the caller's copy is left as it was */
  stored = sg_project_load_recipe (project, state.fitted->id, &error);
  g_assert_no_error (error);
  g_assert_true (sg_recipe_is_fitted (stored));
  g_assert_nonnull (state.log);
  sg_recipe_free (state.fitted);
  g_strfreev (state.log);
  g_main_loop_unref (state.loop);
}

/* ---- advice ---- */

static void
test_advice (void)
{
  g_autoptr(SgTable) table = sg_table_new ("advice");
  SgColumn *id = sg_table_add_column (table, "customer_id", SG_COLUMN_INTEGER);
  SgColumn *spend = sg_table_add_column (table, "spend", SG_COLUMN_DECIMAL);
  SgColumn *spend2 = sg_table_add_column (table, "spend_eur", SG_COLUMN_DECIMAL);
  SgColumn *age = sg_table_add_column (table, "age", SG_COLUMN_INTEGER);
  SgColumn *constant = sg_table_add_column (table, "country_code", SG_COLUMN_INTEGER);
  SgColumn *gaps = sg_table_add_column (table, "income", SG_COLUMN_DECIMAL);
  SgColumn *rare = sg_table_add_column (table, "complained", SG_COLUMN_BOOLEAN);
  SgColumn *balance = sg_table_add_column (table, "balance", SG_COLUMN_DECIMAL);
  SgColumn *seen = sg_table_add_column (table, "first_seen", SG_COLUMN_DATE);
  SgColumn *segment = sg_table_add_column (table, "tier", SG_COLUMN_CATEGORICAL);
  SgColumn *region = sg_table_add_column (table, "Region", SG_COLUMN_INTEGER);
  SgColumn *answered = sg_table_add_column (table, "answered", SG_COLUMN_INTEGER);
  static const double fib[20] = { 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610, 987, 1, 2, 3, 4, 5 };
  static const double ages[20] = { 30, 41, 25, 36, 52, 47, 29, 33, 60, 44, 38, 27, 55, 49, 31, 42, 35, 58, 26, 40 };
  g_autoptr(GError) error = NULL;
  g_autoptr(SgAdvice) advice = NULL;
  g_autoptr(SgRecipe) recipe = NULL;
  g_autoptr(SgTable) prepared = NULL;
  gboolean saw_skew = FALSE, saw_corr = FALSE, saw_missing = FALSE, saw_constant = FALSE, saw_near = FALSE,
           saw_negative_skew = FALSE, saw_codes = FALSE;

  for (guint i = 0; i < 20; i++)
    {
      sg_column_append_number (id, i + 1);
      sg_column_append_number (spend, fib[i]);
      sg_column_append_number (spend2, i == 7 ? NAN : fib[i] * 1.1 + 0.01 * (i % 3));
      sg_column_append_number (age, ages[i]);
      sg_column_append_number (constant, 44);
      sg_column_append_number (gaps, i < 12 ? NAN : 1000 * i);
      sg_column_append_number (rare, i == 3 ? 1 : 0);
      sg_column_append_number (balance, i == 0 ? -50 : fib[i] * 3 + ages[i]);
      sg_column_append_number (seen, 86400.0 * (15000 + i));
      sg_column_append_string (segment, i % 2 ? "gold" : "silver");
      sg_column_append_number (region, 1 + i % 3);
      sg_column_append_number (answered, i % 7 == 0 ? 1 : 0);   /* 3 of 20: skewed, but yes/no */
    }

  advice = sg_advice_analyse (table, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (advice->id_column, ==, "customer_id");
  /* features: spend (kept over its near-copy, which has a gap), age, balance, answered (not Region: codes) */
  g_assert_cmpuint (advice->features->len, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (advice->features, 0), ==, "spend");
  g_assert_cmpstr (g_ptr_array_index (advice->features, 1), ==, "age");
  g_assert_cmpstr (g_ptr_array_index (advice->features, 2), ==, "balance");
  g_assert_cmpstr (g_ptr_array_index (advice->features, 3), ==, "answered");
  g_assert_cmpuint (advice->log1p->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (advice->log1p, 0), ==, "spend");
  g_assert_cmpuint (advice->fill->len, ==, 0);   /* spend_eur (the only gappy feature) was left out */

  for (guint i = 0; i < advice->items->len; i++)
    {
      SgAdviceItem *item = g_ptr_array_index (advice->items, i);

      if (item->kind == SG_ADVICE_SKEWED && g_strcmp0 (item->column, "spend") == 0)
        {
          saw_skew = TRUE;
          g_assert_cmpfloat (item->value, >, 1);
          g_assert_nonnull (strstr (item->message, "right-skewed (skewness"));
          g_assert_nonnull (strstr (item->message, "log scale"));
        }
      if (item->kind == SG_ADVICE_SKEWED && g_strcmp0 (item->column, "balance") == 0)
        {
          saw_negative_skew = TRUE;
          g_assert_nonnull (strstr (item->message, "negative"));
        }
      if (item->kind == SG_ADVICE_CORRELATED)
        {
          saw_corr = TRUE;
          g_assert_cmpstr (item->column, ==, "spend_eur");
          g_assert_cmpstr (item->other, ==, "spend");
          g_assert_cmpfloat (item->value, >, 0.9);
          g_assert_nonnull (strstr (item->message, "more missing values"));
        }
      if (item->kind == SG_ADVICE_CATEGORICAL && g_strcmp0 (item->column, "Region") == 0)
        {
          saw_codes = TRUE;
          g_assert_true (item->excluded);
          g_assert_nonnull (strstr (item->message, "codes"));
        }
      g_assert_false (item->kind == SG_ADVICE_SKEWED && g_strcmp0 (item->column, "answered") == 0);
      if (item->kind == SG_ADVICE_MOSTLY_MISSING)
        {
          saw_missing = TRUE;
          g_assert_cmpstr (item->column, ==, "income");
          g_assert_cmpfloat (item->value, ==, 0.6);
        }
      if (item->kind == SG_ADVICE_CONSTANT)
        {
          saw_constant = TRUE;
          g_assert_cmpstr (item->column, ==, "country_code");
        }
      if (item->kind == SG_ADVICE_NEAR_CONSTANT)
        {
          saw_near = TRUE;
          g_assert_cmpstr (item->column, ==, "complained");
          g_assert_cmpfloat (item->value, ==, 0.95);
        }
    }
  g_assert_true (saw_skew && saw_corr && saw_missing && saw_constant && saw_near && saw_negative_skew && saw_codes);

  /* the default recipe follows the advice */
  recipe = sg_advice_to_recipe (advice, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (recipe->steps->len, ==, 3);   /* select, log1p, scale */
  prepared = sg_recipe_run (recipe, table, TRUE, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sg_table_get_n_columns (prepared), ==, 5);
  g_assert_cmpstr (sg_table_get_column (prepared, 0)->name, ==, "customer_id");
  g_assert_cmpfloat (cell (prepared, "customer_id", 19), ==, 20);

  {
    g_autoptr(JsonNode) node = sg_advice_to_json (advice);
    JsonObject *object = json_node_get_object (node);

    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "features")), ==, 4);
  }
}

static void
test_advice_duplicates (void)
{
  g_autoptr(SgTable) table = customers (0);
  g_autoptr(GError) error = NULL;
  g_autoptr(SgAdvice) advice = NULL;
  g_autoptr(SgRecipe) recipe = NULL;
  g_autoptr(SgTable) prepared = NULL;
  g_auto(GStrv) log = NULL;
  SgColumn *id = sg_table_get_column (table, 0);

  /* ids 1 2 3 4 5 → 1 2 1 4 1, and row 4 becomes an exact copy of row 0 */
  g_array_index (id->numbers, double, 2) = 1;
  g_array_index (id->numbers, double, 4) = 1;
  g_array_index (sg_table_get_column (table, 1)->numbers, double, 4) = 10;
  g_array_index (sg_table_get_column (table, 2)->numbers, double, 4) = 1;
  advice = sg_advice_analyse (table, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (advice->duplicate_rows, ==, 1);
  g_assert_cmpuint (advice->duplicate_ids, ==, 1);     /* row 2: id 1 again, other values */
  recipe = sg_advice_to_recipe (advice, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((SgRecipeStep *) g_ptr_array_index (recipe->steps, 0))->op, ==, "dedupe_rows");
  g_assert_cmpstr (((SgRecipeStep *) g_ptr_array_index (recipe->steps, 1))->op, ==, "dedupe_ids");
  prepared = sg_recipe_run (recipe, table, TRUE, NULL, &log, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sg_table_get_n_rows (prepared), ==, 3);
  g_assert_nonnull (strstr (log[0], "Removed 1 duplicate rows"));
  g_assert_nonnull (strstr (log[1], "1 ids had several rows: 1 rows removed"));
}

/* A copy shares nothing with its original: editing one never changes the other. */
static void
test_copy_is_independent (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SgRecipe) recipe = sg_recipe_from_string ("{\"name\": \"r\", \"steps\": [{\"op\": \"select\", "
                                                      "\"params\": {\"columns\": [\"a\", \"b\"]}}]}", &error);
  g_autoptr(SgRecipe) copy = NULL;
  JsonArray *original_columns, *copied_columns;

  g_assert_no_error (error);
  copy = sg_recipe_copy (recipe);
  copied_columns = json_object_get_array_member (((SgRecipeStep *) g_ptr_array_index (copy->steps, 0))->params,
                                                 "columns");
  json_array_add_string_element (copied_columns, "c");
  original_columns = json_object_get_array_member (((SgRecipeStep *) g_ptr_array_index (recipe->steps, 0))->params,
                                                   "columns");
  g_assert_cmpuint (json_array_get_length (original_columns), ==, 2);
  g_assert_cmpuint (json_array_get_length (copied_columns), ==, 3);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/recipe/fit-describe", test_fit_and_describe);
  g_test_add_func ("/recipe/edit-errors", test_edit_and_errors);
  g_test_add_func ("/recipe/store-reapply", test_store_and_reapply);
  g_test_add_func ("/recipe/prepare-async", test_prepare_async);
  g_test_add_func ("/recipe/advice", test_advice);
  g_test_add_func ("/recipe/advice-duplicates", test_advice_duplicates);
  g_test_add_func ("/recipe/copy-is-independent", test_copy_is_independent);
  return g_test_run ();
}
