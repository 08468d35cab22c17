/* test-rfm.c — RFM quintile scores (ties), named groups, scores on derived features
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "prep-test-data.h"
#include "sg-derive.h"
#include "sg-error.h"
#include "sg-rfm.h"
#include "sg-test-util.h"

static void
test_scores_without_ties (void)
{
  double values[10], edges[4];
  SgRfmModel model;
  g_autoptr(GError) error = NULL;
  static const int expected[10] = { 1, 1, 2, 2, 3, 3, 4, 4, 5, 5 };

  for (int i = 0; i < 10; i++)
    values[i] = i + 1;
  g_assert_true (sg_rfm_fit (values, values, values, 10, &model, &error));
  g_assert_no_error (error);
  memcpy (edges, model.f_edges, sizeof edges);
  g_assert_cmpfloat (edges[0], ==, 3);
  g_assert_cmpfloat (edges[1], ==, 5);
  g_assert_cmpfloat (edges[2], ==, 7);
  g_assert_cmpfloat (edges[3], ==, 9);
  for (int i = 0; i < 10; i++)
    g_assert_cmpint (sg_rfm_score (edges, values[i], FALSE), ==, expected[i]);
  /* reversed for recency: the smallest values score 5 */
  g_assert_cmpint (sg_rfm_score (model.r_edges, 1, TRUE), ==, 5);
  g_assert_cmpint (sg_rfm_score (model.r_edges, 10, TRUE), ==, 1);
}

static void
test_scores_with_ties (void)
{
  /* six one-time buyers share score 1: 0 of 10 values are smaller; 2 has 6 smaller → 1 + ⌊3⌋ = 4;
   * 3: 7 smaller → 4; 4: 8 → 5; 5: 9 → 5 */
  double f[10] = { 1, 1, 1, 1, 1, 1, 2, 3, 4, 5 };
  /* recency with a tie: share of strictly larger values: 0 → 4/5 (5), 10 twice → 2/5 (3), 30 → 1/5 (2), 40 → 0 (1) */
  double r[5] = { 0, 10, 10, 30, 40 };
  SgRfmModel model, rmodel;
  g_autoptr(GError) error = NULL;

  g_assert_true (sg_rfm_fit (f, f, f, 10, &model, &error));
  g_assert_cmpfloat (model.f_edges[0], ==, 2);
  g_assert_cmpfloat (model.f_edges[1], ==, 2);
  g_assert_cmpfloat (model.f_edges[2], ==, 2);
  g_assert_cmpfloat (model.f_edges[3], ==, 4);
  g_assert_cmpint (sg_rfm_score (model.f_edges, 1, FALSE), ==, 1);
  g_assert_cmpint (sg_rfm_score (model.f_edges, 2, FALSE), ==, 4);
  g_assert_cmpint (sg_rfm_score (model.f_edges, 3, FALSE), ==, 4);
  g_assert_cmpint (sg_rfm_score (model.f_edges, 4, FALSE), ==, 5);
  g_assert_cmpint (sg_rfm_score (model.f_edges, 5, FALSE), ==, 5);
  g_assert_cmpint (sg_rfm_score (model.f_edges, 1.5, FALSE), ==, 1);

  g_assert_true (sg_rfm_fit (r, r, r, 5, &rmodel, &error));
  g_assert_cmpint (sg_rfm_score (rmodel.r_edges, 0, TRUE), ==, 5);
  g_assert_cmpint (sg_rfm_score (rmodel.r_edges, 10, TRUE), ==, 3);
  g_assert_cmpint (sg_rfm_score (rmodel.r_edges, 30, TRUE), ==, 2);
  g_assert_cmpint (sg_rfm_score (rmodel.r_edges, 40, TRUE), ==, 1);

  /* all equal: everyone scores 1, higher scores are never reached */
  {
    double same[3] = { 7, 7, 7 };

    g_assert_true (sg_rfm_fit (same, same, same, 3, &model, &error));
    g_assert_true (isinf (model.f_edges[0]));
    g_assert_cmpint (sg_rfm_score (model.f_edges, 7, FALSE), ==, 1);
    g_assert_cmpint (sg_rfm_score (model.r_edges, 7, TRUE), ==, 1);
  }
}

static void
test_groups (void)
{
  g_assert_cmpint (sg_rfm_group_for (5, 5, 5), ==, SG_RFM_CHAMPIONS);
  g_assert_cmpint (sg_rfm_group_for (1, 1, 1), ==, SG_RFM_LOST);
  g_assert_cmpint (sg_rfm_group_for (5, 1, 1), ==, SG_RFM_NEW);
  g_assert_cmpint (sg_rfm_group_for (4, 1, 1), ==, SG_RFM_PROMISING);
  g_assert_cmpint (sg_rfm_group_for (1, 5, 5), ==, SG_RFM_CANT_LOSE);
  g_assert_cmpint (sg_rfm_group_for (3, 3, 3), ==, SG_RFM_NEED_ATTENTION);
  g_assert_cmpint (sg_rfm_group_for (3, 1, 1), ==, SG_RFM_ABOUT_TO_SLEEP);
  g_assert_cmpint (sg_rfm_group_for (4, 1, 2), ==, SG_RFM_POTENTIAL_LOYALISTS);  /* FM = ⌈1.5⌉ = 2 */
  g_assert_cmpint (sg_rfm_group_for (3, 4, 3), ==, SG_RFM_LOYAL);                /* FM = ⌈3.5⌉ = 4 */
  g_assert_cmpint (sg_rfm_group_for (2, 3, 3), ==, SG_RFM_AT_RISK);
  g_assert_cmpint (sg_rfm_group_for (2, 1, 2), ==, SG_RFM_HIBERNATING);
  for (int g = 0; g < SG_RFM_N_GROUPS; g++)
    {
      g_assert_nonnull (sg_rfm_group_name (g));
      g_assert_nonnull (sg_rfm_group_describe (g));
    }
  g_assert_cmpstr (sg_rfm_group_name (SG_RFM_CANT_LOSE), ==, "Can't Lose");
}

static void
test_scores_on_features (void)
{
  g_autoptr(SgTable) table = sg_table_new ("rfm");
  SgColumn *r = sg_table_add_column (table, "recency_days", SG_COLUMN_INTEGER);
  SgColumn *f = sg_table_add_column (table, "frequency", SG_COLUMN_INTEGER);
  SgColumn *m = sg_table_add_column (table, "monetary", SG_COLUMN_DECIMAL);
  static const double rows[6][3] = {
    { 1, 10, 900 }, { 200, 1, 10 }, { 5, 1, 50 }, { 90, 4, 300 }, { 300, 6, 800 }, { NAN, 1, 5 },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  SgRfmModel fitted, back;
  SgColumn *segment, *code;

  sg_column_set_role (r, "recency");
  sg_column_set_role (f, "frequency");
  sg_column_set_role (m, "monetary");
  for (int i = 0; i < 6; i++)
    {
      sg_column_append_number (r, rows[i][0]);
      sg_column_append_number (f, rows[i][1]);
      sg_column_append_number (m, rows[i][2]);
    }
  g_assert_true (sg_rfm_add_scores (table, NULL, NULL, NULL, NULL, &fitted, &error));
  g_assert_no_error (error);
  /* 5 scored customers. R: 1 → 4 larger of 5 → 5; 5 → 3/5 → 4; 90 → 3; 200 → 2; 300 → 1.
   * F: 1 ×3 (missing-R row not fitted: 2 of the 5) → share 0 → 1; 4 → 2/5 → 3; 6 → 4; 10 → 5.
   * M: 10 → 1, 50 → 2, 300 → 3, 800 → 4, 900 → 5. */
  segment = sg_table_get_column (table, sg_table_lookup_column (table, "rfm_segment"));
  code = sg_table_get_column (table, sg_table_lookup_column (table, "rfm_score"));
  g_assert_cmpint (segment->type, ==, SG_COLUMN_CATEGORICAL);
  g_assert_cmpstr (segment->role, ==, "rfm_segment");
  g_assert_cmpstr (sg_column_get_string (code, 0), ==, "555");
  g_assert_cmpstr (sg_column_get_string (segment, 0), ==, "Champions");
  g_assert_cmpstr (sg_column_get_string (code, 1), ==, "211");
  g_assert_cmpstr (sg_column_get_string (segment, 1), ==, "Hibernating");
  g_assert_cmpstr (sg_column_get_string (code, 2), ==, "412");
  g_assert_cmpstr (sg_column_get_string (segment, 2), ==, "Potential Loyalists");
  g_assert_cmpstr (sg_column_get_string (code, 3), ==, "333");
  g_assert_cmpstr (sg_column_get_string (code, 4), ==, "144");
  g_assert_cmpstr (sg_column_get_string (segment, 4), ==, "Can't Lose");
  g_assert_null (sg_column_get_string (segment, 5));

  /* the saved edges score the same way */
  node = sg_rfm_model_to_json (&fitted);
  g_assert_true (sg_rfm_model_from_json (node, &back, &error));
  g_assert_no_error (error);
  for (int k = 0; k < 4; k++)
    {
      g_assert_cmpfloat (back.r_edges[k], ==, fitted.r_edges[k]);
      g_assert_cmpfloat (back.f_edges[k], ==, fitted.f_edges[k]);
      g_assert_cmpfloat (back.m_edges[k], ==, fitted.m_edges[k]);
    }
  g_assert_true (sg_rfm_add_scores (table, NULL, NULL, NULL, &back, NULL, &error));
  g_assert_cmpuint (sg_table_get_n_columns (table), ==, 8);   /* replaced, not added twice */
  g_assert_cmpstr (sg_column_get_string (sg_table_get_column (table, sg_table_lookup_column (table, "rfm_score")), 3), ==, "333");

  /* derived features carry the roles RFM needs */
  {
    g_autoptr(SgTable) transactions = prep_test_transactions ();
    g_autoptr(SgTable) features = NULL;
    SgDeriveOptions options;

    sg_derive_options_init (&options);
    options.roles.customer_id = g_strdup ("CustomerID");
    options.roles.date = g_strdup ("InvoiceDate");
    options.roles.unit_price = g_strdup ("UnitPrice");
    options.roles.quantity = g_strdup ("Quantity");
    features = sg_derive_customer_features (transactions, &options, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_true (sg_rfm_add_scores (features, NULL, NULL, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
    sg_derive_options_clear (&options);
  }
}

static void
test_rfm_errors (void)
{
  g_autoptr(SgTable) table = sg_table_new ("x");
  g_autoptr(GError) error = NULL;
  SgColumn *name = sg_table_add_column (table, "name", SG_COLUMN_TEXT);

  sg_column_append_string (name, "a");
  g_assert_false (sg_rfm_add_scores (table, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (sg_rfm_add_scores (table, "name", "name", "name", NULL, NULL, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/rfm/no-ties", test_scores_without_ties);
  g_test_add_func ("/rfm/ties", test_scores_with_ties);
  g_test_add_func ("/rfm/groups", test_groups);
  g_test_add_func ("/rfm/features", test_scores_on_features);
  g_test_add_func ("/rfm/errors", test_rfm_errors);
  return g_test_run ();
}
