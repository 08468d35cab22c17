/* test-scaler.c — log1p and scaling against scikit-learn's numbers, JSON round trip, inverse
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "sg-error.h"
#include "sg-scaler.h"
#include "sg-test-util.h"

/* 5 × 4; column 2 is constant. Expected values from scikit-learn 1.2.1 (StandardScaler,
 * RobustScaler, MinMaxScaler) on the same numbers. */
static const double data[5][4] = {
  { 1, 10, 5, 0 }, { 2, 20, 5, 3 }, { 3, 30, 5, 8 }, { 4, 45, 5, 1 }, { 10, 100, 5, 99 },
};

static SgMatrix *
make_matrix (void)
{
  SgMatrix *x = sg_matrix_new (5, 4);

  for (guint r = 0; r < 5; r++)
    for (guint c = 0; c < 4; c++)
      sg_matrix_row (x, r)[c] = data[r][c];
  return x;
}

static void
check_columns (const SgMatrix *x,
               const double    expected[5][3],
               double          tolerance)
{
  static const guint cols[3] = { 0, 1, 3 };

  for (guint r = 0; r < 5; r++)
    for (guint i = 0; i < 3; i++)
      g_assert_cmpfloat_with_epsilon (sg_matrix_row (x, r)[cols[i]], expected[r][i], tolerance);
}

static void
test_zscore (void)
{
  static const double expected[5][3] = {
    { -0.9486832980505138, -0.9783513248015949, -0.5766408832745171 },
    { -0.6324555320336759, -0.6627541232526933, -0.49871643958877154 },
    { -0.31622776601683794, -0.34715692170379175, -0.36884236677919563 },
    { 0.0, 0.12623888061956062, -0.5506660687126019 },
    { 1.8973665961010275, 1.8620234891385194, 1.9948657583550862 },
  };
  g_autoptr(SgMatrix) x = make_matrix ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SgScaler) scaler = sg_scaler_fit (x, SG_SCALING_ZSCORE, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (scaler->center[0], 4.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (scaler->scale[0], sqrt (10.0), 1e-12);   /* population std */
  /* the constant column: scale 1, flagged, one warning */
  g_assert_true (scaler->constant[2]);
  g_assert_false (scaler->constant[0]);
  g_assert_cmpfloat (scaler->scale[2], ==, 1.0);
  g_assert_cmpuint (scaler->warnings->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (scaler->warnings, 0), "column 3"));

  sg_scaler_apply (scaler, x);
  check_columns (x, expected, 1e-12);
  for (guint r = 0; r < 5; r++)
    g_assert_cmpfloat (sg_matrix_row (x, r)[2], ==, 0.0);
}

static void
test_robust (void)
{
  static const double expected[5][3] = {
    { -1.0, -0.8, -0.42857142857142855 }, { -0.5, -0.4, 0.0 }, { 0.0, 0.0, 0.7142857142857143 },
    { 0.5, 0.6, -0.2857142857142857 }, { 3.5, 2.8, 13.714285714285714 },
  };
  g_autoptr(SgMatrix) x = make_matrix ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SgScaler) scaler = sg_scaler_fit (x, SG_SCALING_ROBUST, NULL, &error);

  g_assert_no_error (error);
  /* column 4 sorted: 0 1 3 8 99 → median 3, q1 1, q3 8, IQR 7 */
  g_assert_cmpfloat (scaler->center[3], ==, 3.0);
  g_assert_cmpfloat (scaler->scale[3], ==, 7.0);
  sg_scaler_apply (scaler, x);
  check_columns (x, expected, 1e-12);
}

static void
test_minmax (void)
{
  static const double expected[5][3] = {
    { 0.0, 0.0, 0.0 }, { 0.1111111111111111, 0.11111111111111112, 0.030303030303030304 },
    { 0.2222222222222222, 0.22222222222222227, 0.08080808080808081 },
    { 0.3333333333333333, 0.3888888888888889, 0.010101010101010102 }, { 1.0, 1.0, 1.0 },
  };
  g_autoptr(SgMatrix) x = make_matrix ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SgScaler) scaler = sg_scaler_fit (x, SG_SCALING_MINMAX, NULL, &error);

  g_assert_no_error (error);
  sg_scaler_apply (scaler, x);
  check_columns (x, expected, 1e-12);
  for (guint r = 0; r < 5; r++)
    g_assert_cmpfloat (sg_matrix_row (x, r)[2], ==, 0.0);
}

static void
test_log1p_then_zscore (void)
{
  g_autoptr(SgMatrix) x = make_matrix ();
  g_autoptr(GError) error = NULL;
  gboolean flags[4] = { FALSE, FALSE, FALSE, TRUE };
  g_autoptr(SgScaler) scaler = sg_scaler_fit (x, SG_SCALING_ZSCORE, flags, &error);

  g_assert_no_error (error);
  /* numpy: mean and population std of log1p([0, 3, 8, 1, 99]) */
  g_assert_cmpfloat_with_epsilon (scaler->center[3], 1.7763672610008292, 1e-13);
  g_assert_cmpfloat_with_epsilon (scaler->scale[3], 1.5912416614063987, 1e-13);
  sg_scaler_apply (scaler, x);
  g_assert_cmpfloat_with_epsilon (sg_matrix_row (x, 4)[3], 1.7777330707185357, 1e-12);
}

static void
test_log1p_negative_is_an_error (void)
{
  g_autoptr(SgMatrix) x = make_matrix ();
  g_autoptr(GError) error = NULL;
  gboolean flags[4] = { FALSE, TRUE, FALSE, FALSE };
  g_autoptr(SgScaler) scaler = NULL;

  sg_matrix_row (x, 3)[1] = -2.5;
  scaler = sg_scaler_fit (x, SG_SCALING_ZSCORE, flags, &error);
  g_assert_null (scaler);
  g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "column 2"));
  g_assert_nonnull (strstr (error->message, "row 4"));
}

static void
test_inverse_and_json (void)
{
  g_autoptr(SgMatrix) x = make_matrix ();
  g_autoptr(SgMatrix) original = make_matrix ();
  g_autoptr(GError) error = NULL;
  gboolean flags[4] = { TRUE, FALSE, FALSE, TRUE };

  for (SgScaling method = SG_SCALING_NONE; method <= SG_SCALING_ROBUST; method++)
    {
      g_autoptr(SgScaler) scaler = NULL;
      g_autoptr(SgScaler) back = NULL;
      g_autoptr(JsonNode) node = NULL;
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(SgMatrix) y = make_matrix ();
      g_autofree char *text = NULL;
      SgScaling parsed;

      g_assert_true (sg_scaling_from_string (sg_scaling_to_string (method), &parsed));
      g_assert_cmpint (parsed, ==, method);

      scaler = sg_scaler_fit (original, method, flags, &error);
      g_assert_no_error (error);
      node = sg_scaler_to_json (scaler);
      json_generator_set_root (generator, node);
      text = json_generator_to_data (generator, NULL);
      g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
      back = sg_scaler_from_json (json_parser_get_root (parser), &error);
      g_assert_no_error (error);
      g_assert_cmpuint (back->n_cols, ==, 4);
      g_assert_cmpint (back->method, ==, method);
      for (guint c = 0; c < 4; c++)
        {
          /* bit-identical parameters after the trip through text */
          g_assert_cmpfloat (back->center[c], ==, scaler->center[c]);
          g_assert_cmpfloat (back->scale[c], ==, scaler->scale[c]);
          g_assert_cmpint (back->log1p[c], ==, flags[c]);
          g_assert_cmpint (back->constant[c], ==, scaler->constant[c]);
        }

      /* the reloaded scaler gives the same features; inverse brings back the data */
      sg_matrix_free (x);
      x = make_matrix ();
      sg_scaler_apply (scaler, x);
      sg_scaler_apply (back, y);
      for (guint r = 0; r < 5; r++)
        {
          double *row = sg_matrix_row (x, r);

          for (guint c = 0; c < 4; c++)
            g_assert_cmpfloat (row[c], ==, sg_matrix_row (y, r)[c]);
          sg_scaler_inverse_row (scaler, row);
          for (guint c = 0; c < 4; c++)
            g_assert_cmpfloat_with_epsilon (row[c], data[r][c], 1e-9 * MAX (1, fabs (data[r][c])));
        }
    }
}

static void
test_degenerate (void)
{
  g_autoptr(SgMatrix) empty = sg_matrix_new (0, 3);
  g_autoptr(SgMatrix) missing = sg_matrix_new (3, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  SgScaler *scaler;
  SgScaling method;

  scaler = sg_scaler_fit (empty, SG_SCALING_ZSCORE, NULL, &error);
  g_assert_null (scaler);
  g_assert_error (error, SG_ERROR, SG_ERROR_DEGENERATE);
  g_clear_error (&error);

  for (guint r = 0; r < 3; r++)
    missing->data[r] = NAN;
  scaler = sg_scaler_fit (missing, SG_SCALING_ROBUST, NULL, &error);
  g_assert_null (scaler);
  g_assert_error (error, SG_ERROR, SG_ERROR_DEGENERATE);
  g_clear_error (&error);

  g_assert_false (sg_scaling_from_string ("quantile", &method));
  g_assert_true (json_parser_load_from_data (parser, "{\"method\":\"zscore\",\"columns\":[{\"center\":1}]}", -1, NULL));
  scaler = sg_scaler_from_json (json_parser_get_root (parser), &error);
  g_assert_null (scaler);
  g_assert_error (error, SG_ERROR, SG_ERROR_PARSE);
}

static void
test_missing_values_ignored (void)
{
  g_autoptr(SgMatrix) x = sg_matrix_new (4, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(SgScaler) scaler = NULL;

  x->data[0] = 1; x->data[1] = NAN; x->data[2] = 3; x->data[3] = 5;
  scaler = sg_scaler_fit (x, SG_SCALING_ZSCORE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (scaler->center[0], 3.0, 1e-15);
  g_assert_cmpfloat_with_epsilon (scaler->scale[0], sqrt (8.0 / 3.0), 1e-15);
  sg_scaler_apply (scaler, x);
  g_assert_true (isnan (x->data[1]));
  g_assert_cmpfloat (x->data[2], ==, 0.0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/scaler/zscore", test_zscore);
  g_test_add_func ("/scaler/robust", test_robust);
  g_test_add_func ("/scaler/minmax", test_minmax);
  g_test_add_func ("/scaler/log1p-zscore", test_log1p_then_zscore);
  g_test_add_func ("/scaler/log1p-negative", test_log1p_negative_is_an_error);
  g_test_add_func ("/scaler/inverse-json", test_inverse_and_json);
  g_test_add_func ("/scaler/degenerate", test_degenerate);
  g_test_add_func ("/scaler/missing", test_missing_values_ignored);
  return g_test_run ();
}
