/* test-gui-row-model.c — the data view's row model: rows on demand, values through an LRU chunk cache
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * No display needed: SgRowModel is a plain GListModel over the project.
 */
#include "config.h"

#include <math.h>

#include "sg-error.h"
#include "sg-project.h"
#include "sg-row.h"
#include "sg-row-model.h"
#include "sg-test-util.h"

/* Three chunks: two full ones and a partial third. */
#define N_ROWS (2 * SG_PROJECT_CHUNK_ROWS + 1000)

typedef struct {
  SgProject *project;
  gint64     dataset_id;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  static guint counter;
  g_autofree char *name = g_strdup_printf ("rows-%u.segmenta", counter++);
  g_autofree char *path = sg_test_tmp_path (name);
  g_autoptr(GError) error = NULL;
  g_autoptr(SgTable) table = sg_table_new ("customers");
  SgColumn *id = sg_table_add_column (table, "customer_id", SG_COLUMN_IDENTIFIER);
  SgColumn *spend = sg_table_add_column (table, "spend", SG_COLUMN_DECIMAL);
  SgColumn *visits = sg_table_add_column (table, "visits", SG_COLUMN_INTEGER);

  for (guint i = 0; i < N_ROWS; i++)
    {
      g_autofree char *text = g_strdup_printf ("C%06u", i);

      sg_column_append_string (id, text);
      /* Every seventh spend is missing. */
      if (i % 7 == 3)
        sg_column_append_missing (spend);
      else
        sg_column_append_number (spend, i + 0.5);
      sg_column_append_number (visits, i % 10);
    }

  fixture->project = sg_project_create (path, &error);
  g_assert_no_error (error);
  fixture->dataset_id = sg_project_store_table (fixture->project, table, "imported", "customers.csv", NULL,
                                                &error);
  g_assert_no_error (error);
  g_assert_cmpint (fixture->dataset_id, >, 0);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->project);
}

static void
test_items (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SgRowModel) model = sg_row_model_new (fixture->project, fixture->dataset_id, &error);
  g_autoptr(SgRow) first = NULL;
  g_autoptr(SgRow) last = NULL;
  guint64 loads;

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_ROWS);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (model)) == SG_TYPE_ROW);
  g_assert_cmpuint (sg_row_model_get_n_columns (model), ==, 3);
  g_assert_cmpstr (sg_row_model_get_column_info (model, 1)->name, ==, "spend");
  g_assert_cmpint (sg_row_model_get_column_info (model, 2)->type, ==, SG_COLUMN_INTEGER);
  g_assert_cmpuint (sg_row_model_get_column_info (model, 1)->n_missing, ==, (N_ROWS + 3) / 7);

  first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  last = g_list_model_get_item (G_LIST_MODEL (model), N_ROWS - 1);
  g_assert_cmpuint (sg_row_get_index (first), ==, 0);
  g_assert_cmpuint (sg_row_get_index (last), ==, N_ROWS - 1);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), N_ROWS));

  /* Making items reads nothing. */
  sg_row_model_get_cache_stats (model, NULL, &loads, NULL);
  g_assert_cmpuint (loads, ==, 0);
}

static void
test_values (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SgRowModel) model = sg_row_model_new (fixture->project, fixture->dataset_id, &error);
  static const guint rows[] = { 0, 1, SG_PROJECT_CHUNK_ROWS - 1, SG_PROJECT_CHUNK_ROWS,
                                2 * SG_PROJECT_CHUNK_ROWS + 17, N_ROWS - 1 };

  g_assert_no_error (error);
  for (guint k = 0; k < G_N_ELEMENTS (rows); k++)
    {
      guint i = rows[k];
      g_autofree char *id = sg_row_model_dup_value (model, i, 0);
      g_autofree char *spend = sg_row_model_dup_value (model, i, 1);
      g_autofree char *visits = sg_row_model_dup_value (model, i, 2);
      g_autofree char *want_id = g_strdup_printf ("C%06u", i);
      g_autofree char *want_visits = g_strdup_printf ("%u", i % 10);

      g_assert_cmpstr (id, ==, want_id);
      g_assert_cmpstr (visits, ==, want_visits);
      if (i % 7 == 3)
        g_assert_null (spend);
      else
        g_assert_cmpfloat_with_epsilon (g_ascii_strtod (spend, NULL), i + 0.5, 1e-9);
    }
}

static guint64
loads_of (SgRowModel *model)
{
  guint64 loads;

  sg_row_model_get_cache_stats (model, NULL, &loads, NULL);
  return loads;
}

static void
read_cell (SgRowModel *model,
           guint       row,
           guint       column)
{
  g_autofree char *value = sg_row_model_dup_value (model, row, column);

  g_assert_nonnull (value);
}

static void
test_cache_lru (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SgRowModel) model = sg_row_model_new (fixture->project, fixture->dataset_id, &error);
  guint chunk = SG_PROJECT_CHUNK_ROWS;
  guint64 hits;
  guint n_cached;

  g_assert_no_error (error);
  /* The default holds two chunks of every column. */
  g_assert_cmpuint (sg_row_model_get_cache_capacity (model), >=, 2 * 3);

  sg_row_model_set_cache_capacity (model, 2);
  read_cell (model, 0, 0);              /* load A = (col 0, chunk 0) */
  g_assert_cmpuint (loads_of (model), ==, 1);
  read_cell (model, 5, 0);              /* hit A */
  read_cell (model, chunk - 1, 0);      /* hit A: last row of the chunk */
  g_assert_cmpuint (loads_of (model), ==, 1);
  read_cell (model, chunk, 0);          /* load B = (col 0, chunk 1) */
  g_assert_cmpuint (loads_of (model), ==, 2);
  read_cell (model, 0, 2);              /* load C = (col 2, chunk 0): another column is another chunk */
  g_assert_cmpuint (loads_of (model), ==, 3);

  /* A was least recently used and is gone; C and B stay. */
  read_cell (model, 1, 2);              /* hit C */
  read_cell (model, chunk + 1, 0);      /* hit B */
  g_assert_cmpuint (loads_of (model), ==, 3);
  read_cell (model, 2, 0);              /* A again: load, evicting C */
  g_assert_cmpuint (loads_of (model), ==, 4);
  read_cell (model, chunk + 2, 0);      /* B is still there */
  g_assert_cmpuint (loads_of (model), ==, 4);
  read_cell (model, 3, 2);              /* C was evicted */
  g_assert_cmpuint (loads_of (model), ==, 5);

  sg_row_model_get_cache_stats (model, &hits, NULL, &n_cached);
  g_assert_cmpuint (n_cached, ==, 2);
  g_assert_cmpuint (hits, ==, 5);

  /* Shrinking evicts at once. */
  sg_row_model_set_cache_capacity (model, 1);
  sg_row_model_get_cache_stats (model, NULL, NULL, &n_cached);
  g_assert_cmpuint (n_cached, ==, 1);
}

/* Scrolling the whole dataset top to bottom, a screen at a time, loads each chunk once. */
static void
test_cache_scroll (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SgRowModel) model = sg_row_model_new (fixture->project, fixture->dataset_id, &error);
  guint n_chunks = (N_ROWS + SG_PROJECT_CHUNK_ROWS - 1) / SG_PROJECT_CHUNK_ROWS;

  g_assert_no_error (error);
  for (guint top = 0; top < N_ROWS; top += 40)
    for (guint row = top; row < MIN (top + 40, N_ROWS); row++)
      for (guint column = 0; column < 3; column++)
        {
          g_autofree char *value = sg_row_model_dup_value (model, row, column);

          if (column == 1 && row % 7 == 3)
            g_assert_null (value);
          else
            g_assert_nonnull (value);
        }
  g_assert_cmpuint (loads_of (model), ==, 3 * n_chunks);
}

static void
test_missing_dataset (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SgRowModel) model = sg_row_model_new (fixture->project, fixture->dataset_id + 100, &error);

  g_assert_null (model);
  g_assert_error (error, SG_ERROR, SG_ERROR_NOT_FOUND);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/row-model/items", Fixture, NULL, fixture_set_up, test_items, fixture_tear_down);
  g_test_add ("/row-model/values", Fixture, NULL, fixture_set_up, test_values, fixture_tear_down);
  g_test_add ("/row-model/cache-lru", Fixture, NULL, fixture_set_up, test_cache_lru, fixture_tear_down);
  g_test_add ("/row-model/cache-scroll", Fixture, NULL, fixture_set_up, test_cache_scroll, fixture_tear_down);
  g_test_add ("/row-model/missing-dataset", Fixture, NULL, fixture_set_up, test_missing_dataset,
              fixture_tear_down);

  return g_test_run ();
}
