/* test-metrics.c — silhouette, Davies–Bouldin, Calinski–Harabasz, inertia
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "sg-error.h"
#include "sg-metrics.h"
#include "sg-random.h"
#include "sg-test-util.h"

static void
assert_close (double a, double b, double rel)
{
  if (!(fabs (a - b) <= rel * MAX (fabs (a), fabs (b))))
    g_error ("%.17g and %.17g differ by more than %g relative", a, b, rel);
}

static gint32 *
random_labelled (gsize n, gsize d, guint k, guint64 seed, SgMatrix **x_out)
{
  SgMatrix *x = sg_matrix_new (n, d);
  gint32 *labels = g_new (gint32, n);
  SgRandom rng;

  sg_random_init (&rng, seed);
  for (gsize i = 0; i < n; i++)
    {
      labels[i] = (gint32) sg_random_below (&rng, k);
      for (gsize c = 0; c < d; c++)
        sg_matrix_row (x, i)[c] = labels[i] * (c % 2 ? 1.0 : -0.5) + sg_random_normal (&rng);
    }
  *x_out = x;
  return labels;
}

/* scikit-learn's silhouette_samples, quadratic. */
static double *
brute_silhouette (const SgMatrix *x, const gint32 *labels, guint k)
{
  gsize n = x->n_rows;
  double *s = g_new (double, n);
  g_autofree double *count = g_new0 (double, k);
  g_autofree double *sum = g_new (double, k);

  for (gsize i = 0; i < n; i++)
    if (labels[i] >= 0)
      count[labels[i]]++;
  for (gsize i = 0; i < n; i++)
    {
      double a, b = G_MAXDOUBLE;

      s[i] = NAN;
      if (labels[i] < 0)
        continue;
      memset (sum, 0, k * sizeof (double));
      for (gsize j = 0; j < n; j++)
        {
          double d2 = 0;

          if (labels[j] < 0)
            continue;
          for (gsize c = 0; c < x->n_cols; c++)
            d2 += (sg_matrix_row (x, i)[c] - sg_matrix_row (x, j)[c]) * (sg_matrix_row (x, i)[c] - sg_matrix_row (x, j)[c]);
          sum[labels[j]] += sqrt (d2);
        }
      if (count[labels[i]] <= 1)
        {
          s[i] = 0;
          continue;
        }
      a = sum[labels[i]] / (count[labels[i]] - 1);
      for (guint c = 0; c < k; c++)
        if ((gint32) c != labels[i] && count[c] > 0)
          b = MIN (b, sum[c] / count[c]);
      s[i] = (b - a) / MAX (a, b);
    }
  return s;
}

/* ---- against scikit-learn ---- */

static void
check_reference (const char *name, const char *column, const char *prefix)
{
  g_autoptr(SgMatrix) x = sg_test_load_reference (name);
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree gint32 *labels = NULL;
  g_autofree char *key_s = g_strconcat (prefix, ".silhouette", NULL);
  g_autofree char *key_db = g_strconcat (prefix, ".davies_bouldin", NULL);
  g_autofree char *key_ch = g_strconcat (prefix, ".calinski_harabasz", NULL);
  SgSilhouette s1, s2;
  gsize n;
  guint k;

  if (x == NULL)
    return;
  json = sg_test_load_reference_json (name);
  labels = sg_test_load_reference_labels (name, column, &n);
  k = (guint) sg_test_json_double (json, "k");

  g_assert_true (sg_silhouette (x, labels, k, 0, 1, 1, NULL, &s1, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (sg_silhouette (x, labels, k, 0, 1, 2, NULL, &s2, NULL, &error));
  g_assert_false (s1.sampled);
  g_assert_cmpuint (s1.sample_size, ==, n);
  g_assert_true (s1.mean == s2.mean);
  assert_close (s1.mean, sg_test_json_double (json, key_s), 1e-9);
  g_assert_true (s1.ci_low == s1.mean && s1.ci_high == s1.mean);

  assert_close (sg_davies_bouldin (x, labels, k, &error), sg_test_json_double (json, key_db), 1e-9);
  g_assert_no_error (error);
  assert_close (sg_calinski_harabasz (x, labels, k, &error), sg_test_json_double (json, key_ch), 1e-9);
  g_assert_no_error (error);
  if (g_str_equal (prefix, "kmeans"))
    assert_close (sg_inertia (x, labels, k), sg_test_json_double (json, "kmeans.inertia"), 1e-9);
}

static void
test_reference (void)
{
  check_reference ("blobs_4x5", "kmeans", "kmeans");
  check_reference ("blobs_unequal_6x8", "kmeans", "kmeans");
  check_reference ("moons_2d", "kmeans", "kmeans");
  check_reference ("moons_2d", "ward", "ward");
  check_reference ("blobs_unequal_6x8", "ward", "ward");
}

/* ---- silhouette details ---- */

static void
test_silhouette_per_row (void)
{
  SgMatrix *raw;
  g_autofree gint32 *labels = random_labelled (700, 5, 4, 3, &raw);
  g_autoptr(SgMatrix) x = raw;
  g_autofree double *expected = NULL;
  g_autofree float *per_row = g_new (float, 700);
  g_autofree float *per_row2 = g_new (float, 700);
  SgSilhouette s, s2;
  double mean = 0;
  gsize used = 0;

  /* noise rows, a singleton, an empty cluster (label 5 of 7 unused) */
  for (gsize i = 0; i < 700; i += 37)
    labels[i] = -1;
  labels[5] = 6;
  expected = brute_silhouette (x, labels, 7);
  g_assert_true (sg_silhouette (x, labels, 7, 0, 1, 2, per_row, &s, NULL, NULL));
  g_assert_true (sg_silhouette (x, labels, 7, 0, 1, 1, per_row2, &s2, NULL, NULL));
  g_assert_cmpmem (per_row, 700 * sizeof (float), per_row2, 700 * sizeof (float));
  for (gsize i = 0; i < 700; i++)
    {
      if (labels[i] < 0)
        {
          g_assert_true (isnan (per_row[i]));
          continue;
        }
      g_assert_cmpfloat (fabs (per_row[i] - expected[i]), <, 1e-6);
      mean += expected[i];
      used++;
    }
  g_assert_cmpfloat (per_row[5], ==, 0);
  assert_close (s.mean, mean / used, 1e-12);
}

static void
test_silhouette_sampled (void)
{
  SgMatrix *raw;
  g_autofree gint32 *labels = random_labelled (4000, 4, 3, 5, &raw);
  g_autoptr(SgMatrix) x = raw;
  g_autofree float *per_row = g_new (float, 4000);
  g_autoptr(GError) error = NULL;
  SgSilhouette exact, sampled, again, other;
  gsize computed = 0;

  g_assert_true (sg_silhouette (x, labels, 3, 0, 1, 2, NULL, &exact, NULL, &error));
  g_assert_false (exact.sampled);
  g_assert_true (sg_silhouette (x, labels, 3, 500, 7, 2, per_row, &sampled, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (sampled.sampled);
  g_assert_cmpuint (sampled.sample_size, <, 4000);
  g_assert_cmpuint (sampled.sample_size, >=, 500);
  g_assert_cmpfloat (sampled.ci_low, <, sampled.mean);
  g_assert_cmpfloat (sampled.ci_high, >, sampled.mean);
  g_assert_cmpfloat (sampled.ci_low, <=, exact.mean);
  g_assert_cmpfloat (sampled.ci_high, >=, exact.mean);
  for (gsize i = 0; i < 4000; i++)
    computed += !isnan (per_row[i]);
  g_assert_cmpuint (computed, ==, sampled.sample_size);

  /* seeded: same seed, same estimate whatever the threads; another seed, another sample */
  g_assert_true (sg_silhouette (x, labels, 3, 500, 7, 1, NULL, &again, NULL, &error));
  g_assert_true (again.mean == sampled.mean && again.ci_low == sampled.ci_low);
  g_assert_true (sg_silhouette (x, labels, 3, 500, 8, 2, NULL, &other, NULL, &error));
  g_assert_true (other.mean != sampled.mean);
}

/* ---- other metrics ---- */

static void
test_degenerate_values (void)
{
  /* every cluster a single repeated point: scikit-learn gives DB 0 and CH 1 */
  g_autoptr(SgMatrix) x = sg_matrix_new (6, 2);
  gint32 labels[6] = { 0, 0, 0, 1, 1, 1 };
  g_autoptr(GError) error = NULL;

  for (gsize i = 3; i < 6; i++)
    sg_matrix_row (x, i)[0] = 1;
  g_assert_cmpfloat (sg_davies_bouldin (x, labels, 2, &error), ==, 0);
  g_assert_cmpfloat (sg_calinski_harabasz (x, labels, 2, &error), ==, 1);
  g_assert_cmpfloat (sg_inertia (x, labels, 2), ==, 0);
  g_assert_no_error (error);
}

static void
test_noise_left_out (void)
{
  SgMatrix *raw;
  g_autofree gint32 *labels = random_labelled (600, 3, 3, 9, &raw);
  g_autoptr(SgMatrix) x = raw;
  g_autoptr(SgMatrix) kept = NULL;
  g_autofree gint32 *kept_labels = g_new (gint32, 600);
  gsize m = 0;
  SgSilhouette a, b;

  for (gsize i = 0; i < 600; i += 5)
    labels[i] = -1;
  kept = sg_matrix_new (600 - 120, 3);
  for (gsize i = 0; i < 600; i++)
    if (labels[i] >= 0)
      {
        memcpy (sg_matrix_row (kept, m), sg_matrix_row (x, i), 3 * sizeof (double));
        kept_labels[m++] = labels[i];
      }
  g_assert_true (sg_silhouette (x, labels, 3, 0, 1, 2, NULL, &a, NULL, NULL));
  g_assert_true (sg_silhouette (kept, kept_labels, 3, 0, 1, 2, NULL, &b, NULL, NULL));
  assert_close (a.mean, b.mean, 1e-12);
  assert_close (sg_davies_bouldin (x, labels, 3, NULL), sg_davies_bouldin (kept, kept_labels, 3, NULL), 1e-12);
  assert_close (sg_calinski_harabasz (x, labels, 3, NULL), sg_calinski_harabasz (kept, kept_labels, 3, NULL), 1e-12);
  assert_close (sg_inertia (x, labels, 3), sg_inertia (kept, kept_labels, 3), 1e-12);
}

static void
test_errors (void)
{
  SgMatrix *raw;
  g_autofree gint32 *labels = random_labelled (50, 2, 2, 1, &raw);
  g_autoptr(SgMatrix) x = raw;
  g_autofree gint32 *one = g_new0 (gint32, 50);
  g_autoptr(GError) error = NULL;
  SgSilhouette s;

  /* one cluster */
  g_assert_false (sg_silhouette (x, one, 2, 0, 1, 1, NULL, &s, NULL, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_DEGENERATE);
  g_clear_error (&error);
  g_assert_true (isnan (sg_davies_bouldin (x, one, 1, &error)));
  g_assert_error (error, SG_ERROR, SG_ERROR_DEGENERATE);
  g_clear_error (&error);
  g_assert_true (isnan (sg_calinski_harabasz (x, one, 1, &error)));
  g_assert_error (error, SG_ERROR, SG_ERROR_DEGENERATE);
  g_clear_error (&error);

  /* as many clusters as rows */
  {
    g_autofree gint32 *each = g_new (gint32, 50);

    for (gsize i = 0; i < 50; i++)
      each[i] = (gint32) i;
    g_assert_false (sg_silhouette (x, each, 50, 0, 1, 1, NULL, &s, NULL, &error));
    g_assert_error (error, SG_ERROR, SG_ERROR_DEGENERATE);
    g_clear_error (&error);
  }

  /* a label beyond k */
  g_assert_false (sg_silhouette (x, labels, 1, 0, 1, 1, NULL, &s, NULL, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  /* NaN */
  sg_matrix_row (x, 9)[0] = NAN;
  g_assert_false (sg_silhouette (x, labels, 2, 0, 1, 1, NULL, &s, NULL, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_DEGENERATE);
  g_assert_nonnull (strstr (error->message, "row 10"));
  g_clear_error (&error);
  g_assert_true (isnan (sg_calinski_harabasz (x, labels, 2, &error)));
  g_assert_error (error, SG_ERROR, SG_ERROR_DEGENERATE);
}

static void
test_cancel (void)
{
  SgMatrix *raw;
  g_autofree gint32 *labels = random_labelled (3000, 3, 3, 2, &raw);
  g_autoptr(SgMatrix) x = raw;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  SgProgress progress = sg_progress_init (NULL, NULL, cancellable);
  g_autoptr(GError) error = NULL;
  SgSilhouette s;

  g_cancellable_cancel (cancellable);
  g_assert_false (sg_silhouette (x, labels, 3, 0, 1, 2, NULL, &s, &progress, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/metrics/reference", test_reference);
  g_test_add_func ("/metrics/silhouette/per-row", test_silhouette_per_row);
  g_test_add_func ("/metrics/silhouette/sampled", test_silhouette_sampled);
  g_test_add_func ("/metrics/degenerate-values", test_degenerate_values);
  g_test_add_func ("/metrics/noise-left-out", test_noise_left_out);
  g_test_add_func ("/metrics/errors", test_errors);
  g_test_add_func ("/metrics/cancel", test_cancel);

  return g_test_run ();
}
