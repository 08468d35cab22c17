/* test-holdout.c — control groups: exact sizes, stratified shares, determinism, storage and stability
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "sg-error.h"
#include "sg-holdout.h"
#include "sg-persona.h"
#include "sg-playbook.h"
#include "sg-test-marketing.h"
#include "sg-test-util.h"

static guint32 *
iota (gsize n,
      guint step)
{
  guint32 *rows = g_new (guint32, MAX (n, 1));

  for (gsize i = 0; i < n; i++)
    rows[i] = (guint32) (i * step + 3);
  return rows;
}

static void
assert_valid_subset (GArray        *chosen,
                     const guint32 *rows,
                     gsize          n)
{
  g_autoptr(GHashTable) candidates = g_hash_table_new (NULL, NULL);

  for (gsize i = 0; i < n; i++)
    g_hash_table_add (candidates, GUINT_TO_POINTER (rows[i] + 1));
  for (guint i = 0; i < chosen->len; i++)
    {
      guint32 row = g_array_index (chosen, guint32, i);

      g_assert_true (g_hash_table_contains (candidates, GUINT_TO_POINTER (row + 1)));
      if (i > 0)
        g_assert_cmpuint (g_array_index (chosen, guint32, i - 1), <, row);
    }
}

static gboolean
arrays_equal (GArray *a,
              GArray *b)
{
  return a->len == b->len && memcmp (a->data, b->data, a->len * sizeof (guint32)) == 0;
}

static void
test_sample_exact_size (void)
{
  const gsize sizes[] = { 0, 1, 2, 3, 10, 101, 1000, 12345 };
  const double shares[] = { 0.0, 0.01, 0.1, 0.25, 1.0 / 3.0, 0.5 };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    for (guint j = 0; j < G_N_ELEMENTS (shares); j++)
      {
        g_autofree guint32 *rows = iota (sizes[i], 2);
        g_autoptr(GError) error = NULL;
        g_autoptr(GArray) chosen = sg_holdout_sample (rows, sizes[i], NULL, 0, shares[j], 42, 1, &error);
        double exact = shares[j] * (double) sizes[i];

        g_assert_no_error (error);
        g_assert_cmpuint (chosen->len, ==, sg_holdout_target_size (shares[j], sizes[i]));
        /* Within one customer of the target. */
        g_assert_cmpfloat (fabs (chosen->len - exact), <=, 0.5);
        assert_valid_subset (chosen, rows, sizes[i]);
      }
}

static void
test_sample_stratified (void)
{
  const guint stratum_sizes[] = { 500, 301, 150, 49, 7, 1, 1 };
  const double shares[] = { 0.05, 0.1, 0.15, 0.37, 0.5 };
  gsize n = 0;
  g_autofree guint32 *rows = NULL;
  g_autofree guint32 *strata = NULL;

  for (guint s = 0; s < G_N_ELEMENTS (stratum_sizes); s++)
    n += stratum_sizes[s];
  rows = iota (n, 1);
  strata = g_new (guint32, n);
  /* Strata interleaved over the rows. */
  for (gsize i = 0, filled[7] = { 0 }; i < n; i++)
    {
      guint s = (guint) ((i * 13) % G_N_ELEMENTS (stratum_sizes));

      while (filled[s] >= stratum_sizes[s])
        s = (s + 1) % G_N_ELEMENTS (stratum_sizes);
      strata[i] = s;
      filled[s]++;
    }

  for (guint j = 0; j < G_N_ELEMENTS (shares); j++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) chosen = sg_holdout_sample (rows, n, strata, G_N_ELEMENTS (stratum_sizes), shares[j],
                                                    7, 99, &error);
      guint counts[G_N_ELEMENTS (stratum_sizes)] = { 0 };

      g_assert_no_error (error);
      g_assert_cmpuint (chosen->len, ==, sg_holdout_target_size (shares[j], n));
      for (guint i = 0; i < chosen->len; i++)
        {
          guint32 row = g_array_index (chosen, guint32, i);

          counts[strata[row - 3]]++;
        }
      for (guint s = 0; s < G_N_ELEMENTS (stratum_sizes); s++)
        g_assert_cmpfloat (fabs (counts[s] - shares[j] * stratum_sizes[s]), <, 1.0);
    }
}

static void
test_sample_deterministic (void)
{
  g_autofree guint32 *rows = iota (5000, 3);
  g_autoptr(GArray) a = sg_holdout_sample (rows, 5000, NULL, 0, 0.1, 12345, 4, NULL);
  g_autoptr(GArray) b = sg_holdout_sample (rows, 5000, NULL, 0, 0.1, 12345, 4, NULL);
  g_autoptr(GArray) other_seed = sg_holdout_sample (rows, 5000, NULL, 0, 0.1, 12346, 4, NULL);
  g_autoptr(GArray) other_stream = sg_holdout_sample (rows, 5000, NULL, 0, 0.1, 12345, 5, NULL);
  g_autoptr(GArray) larger = sg_holdout_sample (rows, 5000, NULL, 0, 0.2, 12345, 4, NULL);
  g_autoptr(GHashTable) in_larger = g_hash_table_new (NULL, NULL);

  g_assert_true (arrays_equal (a, b));
  g_assert_false (arrays_equal (a, other_seed));
  g_assert_false (arrays_equal (a, other_stream));
  /* Without strata, a larger share keeps every customer of the smaller one. */
  g_assert_cmpuint (larger->len, ==, 1000);
  for (guint i = 0; i < larger->len; i++)
    g_hash_table_add (in_larger, GUINT_TO_POINTER (g_array_index (larger, guint32, i) + 1));
  for (guint i = 0; i < a->len; i++)
    g_assert_true (g_hash_table_contains (in_larger, GUINT_TO_POINTER (g_array_index (a, guint32, i) + 1)));
}

static void
test_sample_bad_input (void)
{
  g_autofree guint32 *rows = iota (10, 1);
  guint32 strata[10] = { 0, 1, 0, 1, 0, 1, 0, 1, 0, 2 };
  const double bad[] = { 0.6, -0.01, NAN };
  g_autoptr(GError) error = NULL;
  GArray *chosen;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      chosen = sg_holdout_sample (rows, 10, NULL, 0, bad[i], 1, 1, &error);
      g_assert_null (chosen);
      g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT);
      g_clear_error (&error);
    }
  chosen = sg_holdout_sample (rows, 10, strata, 2, 0.5, 1, 1, &error);
  g_assert_null (chosen);
  g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT);
}

/* ---- in the project ---- */

static void
test_project_sample_stable (void)
{
  g_autoptr(SgTestRun) run = sg_test_run_new ("holdout", 4000, 4);
  g_autoptr(GArray) segment = sg_test_run_segment_rows (run, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(SgHoldout) a = NULL;
  g_autoptr(SgHoldout) again = NULL;
  g_autoptr(SgHoldout) b = NULL;
  g_autoptr(SgHoldout) c = NULL;
  g_autoptr(SgHoldout) loaded = NULL;
  g_autoptr(SgHoldout) tampered = NULL;

  a = sg_project_sample_holdout (run->project, run->run_id, 1, 0.1, 5, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (a->n_rows, ==, segment->len);
  g_assert_cmpuint (a->rows->len, ==, sg_holdout_target_size (0.1, segment->len));
  assert_valid_subset (a->rows, (const guint32 *) segment->data, segment->len);

  g_clear_object (&run->project);
  run->project = sg_project_open (run->path, &error);
  g_assert_no_error (error);
  loaded = sg_project_load_holdout (run->project, run->run_id, 1, &error);
  g_assert_no_error (error);
  g_assert_true (arrays_equal (a->rows, loaded->rows));
  g_assert_cmpfloat (loaded->share, ==, 0.1);
  g_assert_cmpuint (loaded->seed, ==, 5);
  g_assert_null (loaded->stratify);

  again = sg_project_sample_holdout (run->project, run->run_id, 1, 0.1, 5, NULL, NULL, &error);
  g_assert_true (arrays_equal (a->rows, again->rows));

  /* Another share re-samples; going back gives the first group again. */
  b = sg_project_sample_holdout (run->project, run->run_id, 1, 0.2, 5, NULL, NULL, &error);
  g_assert_cmpuint (b->rows->len, ==, sg_holdout_target_size (0.2, segment->len));
  c = sg_project_sample_holdout (run->project, run->run_id, 1, 0.1, 5, NULL, NULL, &error);
  g_assert_true (arrays_equal (a->rows, c->rows));

  /* The stored group is what later exports use, even if sampling would now pick differently. */
  g_assert_true (sg_project_exec (run->project, "UPDATE holdouts SET rows = substr(rows, 5)", &error));
  tampered = sg_project_sample_holdout (run->project, run->run_id, 1, 0.1, 5, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tampered->rows->len, ==, a->rows->len - 1);

  /* Share 0 removes the group. */
  g_clear_pointer (&loaded, sg_holdout_free);
  g_clear_pointer (&again, sg_holdout_free);
  again = sg_project_sample_holdout (run->project, run->run_id, 1, 0.0, 5, NULL, NULL, &error);
  g_assert_cmpuint (again->rows->len, ==, 0);
  loaded = sg_project_load_holdout (run->project, run->run_id, 1, &error);
  g_assert_null (loaded);
  g_assert_error (error, SG_ERROR, SG_ERROR_NOT_FOUND);
}

static void
test_project_stratified (void)
{
  g_autoptr(SgTestRun) run = sg_test_run_new ("strata", 6000, 3);
  g_autoptr(GError) error = NULL;
  g_autoptr(SgTable) table = sg_project_load_table (run->project, run->dataset_id, NULL, 0, &error);
  const char *columns[] = { "country", "rfm", "spend" };

  g_assert_no_error (error);
  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    for (guint s = 0; s < run->k; s++)
      {
        g_autoptr(SgHoldout) holdout = sg_project_sample_holdout (run->project, run->run_id, s, 0.15, 11,
                                                                  columns[c], NULL, &error);
        g_autoptr(GArray) segment = sg_test_run_segment_rows (run, s);
        SgColumn *column = sg_table_get_column (table, sg_table_lookup_column (table, columns[c]));
        g_autoptr(GHashTable) totals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
        g_autoptr(GHashTable) chosen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
        GHashTableIter iter;
        gpointer key, value;

        g_assert_no_error (error);
        g_assert_cmpstr (holdout->stratify, ==, columns[c]);
        g_assert_cmpuint (holdout->rows->len, ==, sg_holdout_target_size (0.15, segment->len));
        if (c == 2)
          continue;   /* spend: quintiles; the total is what can be checked from outside */
        /* Per stratum (value of the column, missing included): within one customer of 15 %. */
        for (guint i = 0; i < segment->len; i++)
          {
            g_autofree char *v = sg_column_format_value (column, g_array_index (segment, guint32, i));
            guint *count = g_hash_table_lookup (totals, v);

            if (count == NULL)
              g_hash_table_insert (totals, g_strdup (v), count = g_new0 (guint, 1));
            (*count)++;
          }
        for (guint i = 0; i < holdout->rows->len; i++)
          {
            g_autofree char *v = sg_column_format_value (column, g_array_index (holdout->rows, guint32, i));
            guint *count = g_hash_table_lookup (chosen, v);

            if (count == NULL)
              g_hash_table_insert (chosen, g_strdup (v), count = g_new0 (guint, 1));
            (*count)++;
          }
        g_assert_cmpuint (g_hash_table_size (totals), >=, 3);
        g_hash_table_iter_init (&iter, totals);
        while (g_hash_table_iter_next (&iter, &key, &value))
          {
            guint *got = g_hash_table_lookup (chosen, key);

            g_assert_cmpfloat (fabs ((got ? *got : 0) - 0.15 * *(guint *) value), <, 1.0);
          }
      }

  {
    g_autoptr(SgHoldout) bad = sg_project_sample_holdout (run->project, run->run_id, 0, 0.1, 1, "no such column",
                                                          NULL, &error);
    g_autoptr(SgHoldout) kept = NULL;

    g_assert_null (bad);
    g_assert_error (error, SG_ERROR, SG_ERROR_NOT_FOUND);
    g_clear_error (&error);
    /* The failed call changed nothing. */
    kept = sg_project_load_holdout (run->project, run->run_id, 0, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (kept->stratify, ==, "spend");
  }
}

static void
test_project_sync_and_flags (void)
{
  g_autoptr(SgTestRun) run = sg_test_run_new ("sync", 3000, 4);
  g_autoptr(GError) error = NULL;
  g_autoptr(SgPlaybook) ten = sg_playbook_new ();
  g_autoptr(SgPlaybook) half = sg_playbook_new ();
  g_autoptr(SgPlaybook) none = sg_playbook_new ();
  g_autoptr(SgHoldout) old = NULL;
  g_autoptr(SgHoldout) gone = NULL;
  g_autofree guint8 *flags = NULL;
  g_autofree guint8 *flags_again = NULL;
  guint counts[4] = { 0 };
  gsize n = 0;

  sg_playbook_set_holdout_share (ten, 0.1);
  sg_playbook_set_holdout_stratify (ten, "country");
  sg_playbook_set_holdout_share (half, 0.5);
  sg_playbook_set_holdout_seed (half, 99);
  g_assert_true (sg_project_save_playbook (run->project, run->run_id, 0, ten, &error));
  g_assert_true (sg_project_save_playbook (run->project, run->run_id, 1, half, &error));
  g_assert_true (sg_project_save_playbook (run->project, run->run_id, 2, none, &error));
  /* Segment 2 had a group from before; its playbook now has none. */
  old = sg_project_sample_holdout (run->project, run->run_id, 2, 0.3, 1, NULL, NULL, &error);
  g_assert_no_error (error);

  g_assert_true (sg_project_sync_holdouts (run->project, run->run_id, NULL, &error));
  g_assert_no_error (error);
  gone = sg_project_load_holdout (run->project, run->run_id, 2, &error);
  g_assert_null (gone);
  g_assert_error (error, SG_ERROR, SG_ERROR_NOT_FOUND);
  g_clear_error (&error);

  flags = sg_project_load_control_flags (run->project, run->run_id, &n, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, run->n_rows);
  for (gsize i = 0; i < n; i++)
    if (flags[i])
      {
        g_assert_cmpint (run->labels[i], >=, 0);
        counts[run->labels[i]]++;
      }
  for (guint s = 0; s < 4; s++)
    {
      g_autoptr(GArray) segment = sg_test_run_segment_rows (run, s);
      double share = s == 0 ? 0.1 : s == 1 ? 0.5 : 0.0;

      g_assert_cmpfloat (fabs (counts[s] - share * segment->len), <=, 0.5);
    }

  /* Syncing again changes nothing. */
  g_assert_true (sg_project_sync_holdouts (run->project, run->run_id, NULL, &error));
  flags_again = sg_project_load_control_flags (run->project, run->run_id, &n, &error);
  g_assert_cmpmem (flags, n, flags_again, n);

  /* A playbook asking for a column the dataset lacks: a clear error, nothing changed. */
  sg_playbook_set_holdout_stratify (half, "region");
  g_assert_true (sg_project_save_playbook (run->project, run->run_id, 1, half, &error));
  g_assert_false (sg_project_sync_holdouts (run->project, run->run_id, NULL, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "region"));
  g_clear_error (&error);
  g_clear_pointer (&flags_again, g_free);
  flags_again = sg_project_load_control_flags (run->project, run->run_id, &n, &error);
  g_assert_cmpmem (flags, n, flags_again, n);
}

static void
test_migrates_v1_file (void)
{
  g_autoptr(SgTestRun) run = sg_test_run_new ("v1", 500, 3);
  g_autoptr(SgPersona) persona = sg_persona_new ();
  g_autoptr(SgPersona) loaded = NULL;
  g_autoptr(SgHoldout) holdout = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;

  /* A file as version 1 wrote it: no holdouts table, user_version 1, with a persona in it. */
  sg_persona_set_name (persona, "Before the upgrade");
  g_assert_true (sg_project_save_persona (run->project, run->run_id, 1, persona, &error));
  g_assert_true (sg_project_exec (run->project, "DROP TABLE holdouts; PRAGMA user_version = 1; "
                                                "PRAGMA journal_mode = DELETE", &error));
  g_assert_no_error (error);
  g_clear_object (&run->project);

  run->project = sg_project_open (run->path, &error);
  g_assert_no_error (error);
  stmt = sg_project_prepare (run->project, "PRAGMA user_version", &error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, sg_project_schema_version ());
  g_assert_cmpint (sqlite3_column_int (stmt, 0), >=, 2);
  sqlite3_finalize (stmt);

  loaded = sg_project_load_persona (run->project, run->run_id, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sg_persona_get_name (loaded), ==, "Before the upgrade");
  holdout = sg_project_sample_holdout (run->project, run->run_id, 0, 0.2, 3, "country", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (holdout->rows->len, >, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/holdout/sample/exact-size", test_sample_exact_size);
  g_test_add_func ("/holdout/sample/stratified", test_sample_stratified);
  g_test_add_func ("/holdout/sample/deterministic", test_sample_deterministic);
  g_test_add_func ("/holdout/sample/bad-input", test_sample_bad_input);
  g_test_add_func ("/holdout/project/stable", test_project_sample_stable);
  g_test_add_func ("/holdout/project/stratified", test_project_stratified);
  g_test_add_func ("/holdout/project/sync-and-flags", test_project_sync_and_flags);
  g_test_add_func ("/holdout/project/migrates-v1-file", test_migrates_v1_file);
  return g_test_run ();
}
