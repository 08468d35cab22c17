/* test-pca.c — principal components
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "sg-error.h"
#include "sg-pca.h"
#include "sg-random.h"
#include "sg-test-util.h"

static void
assert_close (double a, double b, double rel)
{
  if (!(fabs (a - b) <= rel * MAX (fabs (a), fabs (b))))
    g_error ("%.17g and %.17g differ by more than %g relative", a, b, rel);
}

static void
check_reference (const char *name)
{
  g_autoptr(SgMatrix) x = sg_test_load_reference (name);
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(SgPca) pca = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *ratio;

  if (x == NULL)
    return;
  json = sg_test_load_reference_json (name);
  ratio = json_object_get_array_member (json_object_get_object_member (json_node_get_object (json), "pca"),
                                        "explained_variance_ratio");
  pca = sg_pca_fit (x, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pca->n_cols, ==, json_array_get_length (ratio));
  for (guint c = 0; c < pca->n_cols; c++)
    assert_close (pca->explained_variance_ratio[c], json_array_get_double_element (ratio, c), 1e-9);
}

static void
test_reference (void)
{
  check_reference ("blobs_4x5");
  check_reference ("blobs_unequal_6x8");
  check_reference ("moons_2d");
}

/* scikit-learn 1.2.1's PCA().fit(x).components_ and explained_variance_ on blobs_4x5: the same
 * signs (svd_flip, u-based), not merely the same axes. */
static void
test_signs_as_scikit_learn (void)
{
  g_autoptr(SgMatrix) x = sg_test_load_reference ("blobs_4x5");
  g_autoptr(SgPca) pca = NULL;
  const double first[2][5] = {
    { -0.2866088975101582, -0.5999432754567557, 0.3638317316393795, -0.30388961007465953, 0.5772356382303447 },
    { 0.6948925054054976, -0.00450915800890245, 0.5025574872239649, -0.46446255415873056, -0.22094022097572974 },
  };
  const double variance[2] = { 2.606552455085242, 1.5762781045959018 };

  if (x == NULL)
    return;
  pca = sg_pca_fit (x, NULL);
  for (guint c = 0; c < 2; c++)
    {
      assert_close (pca->explained_variance[c], variance[c], 1e-9);
      for (guint k = 0; k < 5; k++)
        g_assert_cmpfloat (fabs (pca->components[c * 5 + k] - first[c][k]), <, 1e-9);
    }
}

static SgMatrix *
random_data (gsize n, gsize d, guint64 seed)
{
  SgMatrix *x = sg_matrix_new (n, d);
  SgRandom rng;

  sg_random_init (&rng, seed);
  for (gsize i = 0; i < n; i++)
    {
      double base = sg_random_normal (&rng);

      for (gsize k = 0; k < d; k++)
        sg_matrix_row (x, i)[k] = 5 + (double) k * base + sg_random_normal (&rng) * (1 + (double) k);
    }
  return x;
}

static void
test_properties (void)
{
  gsize n = 9001, d = 6;
  g_autoptr(SgMatrix) x = random_data (n, d, 5);
  g_autoptr(SgPca) pca = sg_pca_fit (x, NULL);
  g_autofree float *scores = g_new (float, n * d);
  g_autofree double *loadings = g_new (double, d * 2);
  double sum = 0;

  /* orthonormal components, sorted variances, ratios summing to 1 */
  for (guint a = 0; a < d; a++)
    {
      for (guint b = 0; b < d; b++)
        {
          double dot = 0;

          for (guint k = 0; k < d; k++)
            dot += pca->components[a * d + k] * pca->components[b * d + k];
          g_assert_cmpfloat (fabs (dot - (a == b)), <, 1e-12);
        }
      if (a > 0)
        g_assert_cmpfloat (pca->explained_variance[a - 1], >=, pca->explained_variance[a]);
      sum += pca->explained_variance_ratio[a];
    }
  g_assert_cmpfloat (fabs (sum - 1), <, 1e-12);

  /* scores: their variance is the explained variance; the largest |score| is positive */
  sg_pca_transform (pca, x, (guint) d, scores);
  for (guint c = 0; c < d; c++)
    {
      double mean = 0, var = 0, best = -1, best_signed = 0;

      for (gsize i = 0; i < n; i++)
        mean += scores[i * d + c];
      mean /= n;
      for (gsize i = 0; i < n; i++)
        {
          double s = scores[i * d + c];

          var += (s - mean) * (s - mean);
          if (fabs (s) > best)
            best = fabs (s), best_signed = s;
        }
      g_assert_cmpfloat (fabs (mean), <, 1e-4);
      assert_close (var / (n - 1), pca->explained_variance[c], 1e-5);
      g_assert_cmpfloat (best_signed, >, 0);
    }

  /* loadings: component × sqrt(variance), feature-major */
  sg_pca_loadings (pca, 2, loadings);
  for (guint f = 0; f < d; f++)
    for (guint c = 0; c < 2; c++)
      assert_close (loadings[f * 2 + c], pca->components[c * d + f] * sqrt (pca->explained_variance[c]), 1e-15);

  /* flipping the data flips no plot: signs follow the data, not the solver */
  for (gsize i = 0; i < n * d; i++)
    x->data[i] = 10 - x->data[i];
  {
    g_autoptr(SgPca) flipped = sg_pca_fit (x, NULL);
    g_autofree float *flipped_scores = g_new (float, n * d);

    sg_pca_transform (flipped, x, (guint) d, flipped_scores);
    for (guint c = 0; c < d; c++)
      {
        double best = -1, best_signed = 0;

        for (gsize i = 0; i < n; i++)
          if (fabs (flipped_scores[i * d + c]) > best)
            best = fabs (flipped_scores[i * d + c]), best_signed = flipped_scores[i * d + c];
        g_assert_cmpfloat (best_signed, >, 0);
      }
  }
}

static void
test_thread_counts (void)
{
  g_autoptr(SgMatrix) x = random_data (20000, 5, 8);
  g_autoptr(SgPca) one = sg_pca_fit_full (x, 1, NULL);
  g_autoptr(SgPca) two = sg_pca_fit_full (x, 2, NULL);
  g_assert_cmpmem (one->components, 25 * sizeof (double), two->components, 25 * sizeof (double));
  g_assert_cmpmem (one->explained_variance, 5 * sizeof (double), two->explained_variance, 5 * sizeof (double));
  g_assert_cmpmem (one->mean, 5 * sizeof (double), two->mean, 5 * sizeof (double));
}

static void
test_errors (void)
{
  g_autoptr(SgMatrix) one = sg_matrix_new (1, 3);
  g_autoptr(SgMatrix) constant = sg_matrix_new (10, 3);
  g_autoptr(SgMatrix) x = random_data (100, 3, 1);
  g_autoptr(GError) error = NULL;

  g_assert_null (sg_pca_fit (one, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_DEGENERATE);
  g_clear_error (&error);

  for (gsize i = 0; i < 30; i++)
    constant->data[i] = 2.5;
  g_assert_null (sg_pca_fit (constant, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_DEGENERATE);
  g_clear_error (&error);

  sg_matrix_row (x, 42)[1] = INFINITY;
  g_assert_null (sg_pca_fit (x, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_DEGENERATE);
  g_assert_nonnull (strstr (error->message, "Row 43"));
  g_clear_error (&error);

  /* one constant column among others is fine: a component of variance 0 */
  {
    g_autoptr(SgMatrix) y = random_data (100, 3, 2);
    g_autoptr(SgPca) pca = NULL;

    for (gsize i = 0; i < 100; i++)
      sg_matrix_row (y, i)[2] = 7;
    pca = sg_pca_fit (y, &error);
    g_assert_no_error (error);
    g_assert_cmpfloat (fabs (pca->explained_variance_ratio[2]), <, 1e-12);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pca/reference", test_reference);
  g_test_add_func ("/pca/signs-as-scikit-learn", test_signs_as_scikit_learn);
  g_test_add_func ("/pca/properties", test_properties);
  g_test_add_func ("/pca/thread-counts", test_thread_counts);
  g_test_add_func ("/pca/errors", test_errors);

  return g_test_run ();
}
