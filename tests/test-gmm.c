/* test-gmm.c — Gaussian mixtures against scikit-learn, an independent E-step, determinism
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <gsl/gsl_linalg.h>

#include "sg-agreement.h"
#include "sg-error.h"
#include "sg-gmm.h"
#include "sg-random.h"
#include "sg-test-util.h"

#define assert_rel(a, b, tol) \
  g_assert_cmpfloat_with_epsilon ((a), (b), (tol) * fabs (b))

static SgMatrix *
make_blobs (gsize n, guint d, guint k, double spread, guint64 seed)
{
  SgMatrix *x = sg_matrix_new (n, d);
  g_autofree double *centres = g_new (double, (gsize) k * d);
  g_autofree double *scales = g_new (double, (gsize) k * d);
  SgRandom rng;

  sg_random_init (&rng, seed);
  for (gsize e = 0; e < (gsize) k * d; e++)
    {
      centres[e] = spread * sg_random_normal (&rng);
      scales[e] = 0.5 + sg_random_double (&rng);
    }
  for (gsize i = 0; i < n; i++)
    {
      guint c = (guint) sg_random_below (&rng, k);
      double shared = sg_random_normal (&rng);

      for (guint f = 0; f < d; f++)
        sg_matrix_row (x, i)[f] = centres[(gsize) c * d + f]
                                  + scales[(gsize) c * d + f] * (sg_random_normal (&rng) + 0.5 * shared);
    }
  return x;
}

static SgGmmResult *
fit (const SgMatrix *x, guint k, SgCovarianceType cov, guint threads, GError **error)
{
  SgGmmOptions options;

  sg_gmm_options_init (&options);
  options.k = k;
  options.covariance = cov;
  options.n_threads = threads;
  options.max_iter = 200;
  return sg_gmm_fit (x, &options, NULL, error);
}

/* The mean log-likelihood and the responsibilities recomputed from the returned parameters with
 * GSL's Cholesky and libm, row by row: an independent check of the E-step. */
static void
check_e_step (const SgMatrix *x, const SgGmmResult *r)
{
  guint k = r->k, d = r->n_cols;
  g_autoptr(GPtrArray) chol = g_ptr_array_new_with_free_func ((GDestroyNotify) gsl_matrix_free);
  g_autofree double *log_det = g_new (double, k);
  g_autofree double *lp = g_new (double, k);
  gsl_vector *v = gsl_vector_alloc (d);
  double total = 0, weight_sum = 0;
  guint64 size_sum = 0;

  for (guint c = 0; c < k; c++)
    {
      gsl_matrix *m = gsl_matrix_alloc (d, d);

      for (guint f = 0; f < d; f++)
        for (guint h = 0; h < d; h++)
          {
            double value;

            if (r->covariance == SG_COVARIANCE_FULL)
              value = r->covariances[((gsize) c * d + f) * d + h];
            else if (r->covariance == SG_COVARIANCE_DIAG)
              value = f == h ? r->covariances[(gsize) c * d + f] : 0;
            else
              value = f == h ? r->covariances[c] : 0;
            gsl_matrix_set (m, f, h, value);
          }
      g_assert_cmpint (gsl_linalg_cholesky_decomp1 (m), ==, 0);
      log_det[c] = 0;
      for (guint f = 0; f < d; f++)
        log_det[c] += log (gsl_matrix_get (m, f, f));
      g_ptr_array_add (chol, m);
      weight_sum += r->weights[c];
      size_sum += r->sizes[c];
    }
  g_assert_cmpfloat_with_epsilon (weight_sum, 1.0, 1e-12);
  g_assert_cmpuint (size_sum, ==, x->n_rows);

  for (gsize i = 0; i < x->n_rows; i++)
    {
      double max = -INFINITY, s = 0, lse;
      guint best = 0;
      float psum = 0;

      for (guint c = 0; c < k; c++)
        {
          double q = 0;

          for (guint f = 0; f < d; f++)
            gsl_vector_set (v, f, sg_matrix_row (x, i)[f] - r->means[(gsize) c * d + f]);
          /* ‖L⁻¹ (x − μ)‖² */
          gsl_blas_dtrsv (CblasLower, CblasNoTrans, CblasNonUnit, g_ptr_array_index (chol, c), v);
          for (guint f = 0; f < d; f++)
            q += gsl_vector_get (v, f) * gsl_vector_get (v, f);
          lp[c] = log (r->weights[c]) - 0.5 * (d * log (2 * G_PI) + q) - log_det[c];
          if (lp[c] > max)
            {
              max = lp[c];
              best = c;
            }
        }
      for (guint c = 0; c < k; c++)
        s += exp (lp[c] - max);
      lse = max + log (s);
      total += lse;
      g_assert_cmpint (r->labels[i], ==, (gint32) best);
      for (guint c = 0; c < k; c++)
        {
          float p = r->probabilities[i * k + c];

          g_assert_cmpfloat_with_epsilon (p, exp (lp[c] - lse), 1e-6);
          psum += p;
        }
      g_assert_cmpfloat_with_epsilon (psum, 1.0f, 1e-5);
    }
  assert_rel (r->log_likelihood, total / (double) x->n_rows, 1e-10);
  gsl_vector_free (v);
}

static void
test_reference (gconstpointer data)
{
  const char *name = data;
  g_autoptr(SgMatrix) x = sg_test_load_reference (name);
  g_autoptr(JsonNode) json = NULL;
  g_autofree gint32 *expected = NULL;
  g_autoptr(SgGmmResult) r = NULL;
  g_autoptr(GError) error = NULL;
  gsize n;

  if (x == NULL)
    return;
  json = sg_test_load_reference_json (name);
  expected = sg_test_load_reference_labels (name, "gmm_full", &n);
  r = fit (x, (guint) sg_test_json_double (json, "k"), SG_COVARIANCE_FULL, 2, &error);
  g_assert_no_error (error);
  g_assert_true (r->converged);
  assert_rel (r->lower_bound, sg_test_json_double (json, "gmm_full.lower_bound_per_row"), 1e-3);
  assert_rel (r->bic, sg_test_json_double (json, "gmm_full.bic"), 1e-3);
  assert_rel (r->aic, sg_test_json_double (json, "gmm_full.aic"), 1e-3);
  g_assert_cmpfloat (sg_adjusted_rand_index (r->labels, expected, n), >=, 0.99);
  check_e_step (x, r);
}

/* scikit-learn 1.2.1 GaussianMixture(k, covariance_type, random_state=0, reg_covar=1e-6,
 * max_iter=200) on the standardised reference data: lower_bound_, bic(X), aic(X). */
typedef struct {
  const char      *name;
  guint            k;
  SgCovarianceType cov;
  double           lower_bound, bic, aic;
} Expected;

static const Expected other_types[] = {
  { "blobs_4x5", 4, SG_COVARIANCE_DIAG, -1.0215372008355659, 6473.497010422356, 6215.223205013395 },
  { "blobs_4x5", 4, SG_COVARIANCE_SPHERICAL, -1.0947438363382156, 6784.63494235585, 6622.463018029293 },
  { "blobs_unequal_6x8", 6, SG_COVARIANCE_DIAG, 0.7938281595678907, -14947.170482223586, -15675.41485979318 },
  { "blobs_unequal_6x8", 6, SG_COVARIANCE_SPHERICAL, -3.14990693473746, 63539.851850507366, 63114.44176856077 },
  { "moons_2d", 2, SG_COVARIANCE_DIAG, -2.5872605285061523, 10417.430771976711, 10367.022649840832 },
  { "moons_2d", 2, SG_COVARIANCE_SPHERICAL, -2.5897034793849243, 10411.99215501305, 10372.785837796255 },
};

static void
test_diag_spherical (void)
{
  for (guint e = 0; e < G_N_ELEMENTS (other_types); e++)
    {
      const Expected *x_e = &other_types[e];
      g_autoptr(SgMatrix) x = sg_test_load_reference (x_e->name);
      g_autoptr(SgGmmResult) r = NULL;
      g_autoptr(GError) error = NULL;

      if (x == NULL)
        return;
      r = fit (x, x_e->k, x_e->cov, 2, &error);
      g_assert_no_error (error);
      g_assert_true (r->converged);
      assert_rel (r->lower_bound, x_e->lower_bound, 1e-3);
      assert_rel (r->bic, x_e->bic, 1e-3);
      assert_rel (r->aic, x_e->aic, 1e-3);
      check_e_step (x, r);
    }
}

static void
test_parameter_count (void)
{
  /* full: k·d(d+1)/2 + k·d + k − 1 */
  g_assert_cmpuint (sg_gmm_n_parameters (SG_COVARIANCE_FULL, 4, 5), ==, 4 * 15 + 20 + 3);
  g_assert_cmpuint (sg_gmm_n_parameters (SG_COVARIANCE_DIAG, 4, 5), ==, 20 + 20 + 3);
  g_assert_cmpuint (sg_gmm_n_parameters (SG_COVARIANCE_SPHERICAL, 4, 5), ==, 4 + 20 + 3);
  g_assert_cmpuint (sg_gmm_n_parameters (SG_COVARIANCE_FULL, 1, 1), ==, 2);
}

static void
assert_same (const SgGmmResult *a, const SgGmmResult *b)
{
  gsize cov = a->covariance == SG_COVARIANCE_FULL ? (gsize) a->k * a->n_cols * a->n_cols
            : a->covariance == SG_COVARIANCE_DIAG ? (gsize) a->k * a->n_cols : a->k;

  g_assert_cmpmem (a->weights, a->k * sizeof (double), b->weights, b->k * sizeof (double));
  g_assert_cmpmem (a->means, (gsize) a->k * a->n_cols * sizeof (double), b->means, (gsize) b->k * b->n_cols * sizeof (double));
  g_assert_cmpmem (a->covariances, cov * sizeof (double), b->covariances, cov * sizeof (double));
  g_assert_cmpmem (a->labels, a->n_rows * sizeof (gint32), b->labels, b->n_rows * sizeof (gint32));
  g_assert_cmpmem (a->probabilities, a->n_rows * a->k * sizeof (float), b->probabilities, b->n_rows * b->k * sizeof (float));
  g_assert_true (a->lower_bound == b->lower_bound);
  g_assert_true (a->log_likelihood == b->log_likelihood);
  g_assert_cmpuint (a->n_iter, ==, b->n_iter);
}

static void
test_thread_determinism (void)
{
  g_autoptr(SgMatrix) x = make_blobs (9000, 7, 5, 0.6, 5);
  SgCovarianceType types[] = { SG_COVARIANCE_FULL, SG_COVARIANCE_DIAG, SG_COVARIANCE_SPHERICAL };

  for (guint t = 0; t < G_N_ELEMENTS (types); t++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SgGmmResult) one = fit (x, 5, types[t], 1, &error);
      g_autoptr(SgGmmResult) two = fit (x, 5, types[t], 2, &error);
      g_autoptr(SgGmmResult) three = fit (x, 5, types[t], 3, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (one->n_iter, >, 3);
      assert_same (one, two);
      assert_same (one, three);
      check_e_step (x, one);
    }
}

static void
test_n_init (void)
{
  g_autoptr(SgMatrix) x = make_blobs (3000, 4, 6, 1.0, 8);
  SgGmmOptions options;
  g_autoptr(SgGmmResult) one = NULL;
  g_autoptr(SgGmmResult) three = NULL;

  sg_gmm_options_init (&options);
  options.k = 6;
  one = sg_gmm_fit (x, &options, NULL, NULL);
  options.n_init = 3;
  three = sg_gmm_fit (x, &options, NULL, NULL);
  /* The first initialisation is the same: the best of three is at least as good. */
  g_assert_cmpfloat (three->lower_bound, >=, one->lower_bound);

  /* No EM: the k-means start as it is. */
  options.n_init = 1;
  options.max_iter = 0;
  {
    g_autoptr(SgGmmResult) none = sg_gmm_fit (x, &options, NULL, NULL);

    g_assert_cmpuint (none->n_iter, ==, 0);
    g_assert_true (none->lower_bound == none->log_likelihood);
    g_assert_cmpfloat (none->lower_bound, <=, one->lower_bound);
    check_e_step (x, none);
  }
}

static void
test_errors (void)
{
  g_autoptr(SgMatrix) ten = make_blobs (10, 3, 2, 3, 1);
  g_autoptr(SgMatrix) one = make_blobs (1, 3, 1, 3, 1);
  g_autoptr(SgMatrix) same = sg_matrix_new (40, 2);
  g_autoptr(SgMatrix) bad = make_blobs (50, 3, 2, 3, 1);
  SgGmmOptions options;
  GError *error = NULL;

  g_assert_null (fit (ten, 12, SG_COVARIANCE_FULL, 1, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT);
  g_assert_cmpstr (error->message, ==, "k (12) is larger than the number of rows (10)");
  g_clear_error (&error);

  g_assert_null (fit (ten, 0, SG_COVARIANCE_FULL, 1, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  g_assert_null (fit (one, 1, SG_COVARIANCE_FULL, 1, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  for (gsize i = 0; i < same->n_rows; i++)
    {
      sg_matrix_row (same, i)[0] = 1.0;
      sg_matrix_row (same, i)[1] = -3.0;
    }
  g_assert_null (fit (same, 2, SG_COVARIANCE_DIAG, 1, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_DEGENERATE);
  g_clear_error (&error);

  sg_matrix_row (bad, 7)[2] = NAN;
  g_assert_null (fit (bad, 2, SG_COVARIANCE_FULL, 1, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_DEGENERATE);
  g_assert_cmpstr (error->message, ==, "Row 8, column 3 is not a finite number");
  g_clear_error (&error);

  sg_gmm_options_init (&options);
  options.k = 2;
  options.reg_covar = -1;
  g_assert_null (sg_gmm_fit (ten, &options, NULL, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
}

static void
test_constant_column (void)
{
  g_autoptr(SgMatrix) x = make_blobs (2000, 3, 3, 3, 4);
  SgGmmOptions options;
  g_autoptr(SgGmmResult) r = NULL;
  g_autoptr(GError) error = NULL;
  GError *singular = NULL;

  for (gsize i = 0; i < x->n_rows; i++)
    sg_matrix_row (x, i)[2] = 7.0;
  /* reg_covar keeps the covariances positive definite … */
  sg_gmm_options_init (&options);
  options.k = 3;
  r = sg_gmm_fit (x, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (isfinite (r->lower_bound));
  for (guint c = 0; c < 3; c++)
    g_assert_cmpfloat_with_epsilon (r->covariances[c * 9 + 2 * 3 + 2], 1e-6, 1e-12);
  check_e_step (x, r);
  /* … without it the fit cannot work, and says so. */
  options.reg_covar = 0;
  g_assert_null (sg_gmm_fit (x, &options, NULL, &singular));
  g_assert_error (singular, SG_ERROR, SG_ERROR_DEGENERATE);
  g_clear_error (&singular);
}

/* The portable build also carries AVX2 kernels, chosen at run time: both give the same fit to
 * rounding. (On a CPU without AVX2 both runs use the baseline kernels.) */
static void
test_simd_variants (void)
{
  g_autoptr(SgMatrix) x = make_blobs (4000, 5, 4, 0.8, 12);
  SgCovarianceType types[] = { SG_COVARIANCE_FULL, SG_COVARIANCE_DIAG };

  for (guint t = 0; t < G_N_ELEMENTS (types); t++)
    {
      g_autoptr(SgGmmResult) base = NULL;
      g_autoptr(SgGmmResult) fast = NULL;

      g_setenv ("SG_SIMD", "baseline", TRUE);
      base = fit (x, 4, types[t], 2, NULL);
      g_unsetenv ("SG_SIMD");
      fast = fit (x, 4, types[t], 2, NULL);
      check_e_step (x, base);
      check_e_step (x, fast);
      g_assert_cmpuint (base->n_iter, ==, fast->n_iter);
      assert_rel (base->lower_bound, fast->lower_bound, 1e-9);
      assert_rel (base->bic, fast->bic, 1e-9);
      g_assert_cmpfloat (sg_adjusted_rand_index (base->labels, fast->labels, x->n_rows), >=, 0.999);
    }
}

static void
test_cancel (void)
{
  g_autoptr(SgMatrix) x = make_blobs (5000, 4, 4, 1.0, 3);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  SgProgress progress = sg_progress_init (NULL, NULL, cancellable);
  SgGmmOptions options;
  GError *error = NULL;

  g_cancellable_cancel (cancellable);
  sg_gmm_options_init (&options);
  options.k = 4;
  g_assert_null (sg_gmm_fit (x, &options, &progress, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_data_func ("/gmm/reference/blobs_4x5", "blobs_4x5", test_reference);
  g_test_add_data_func ("/gmm/reference/blobs_unequal_6x8", "blobs_unequal_6x8", test_reference);
  g_test_add_data_func ("/gmm/reference/moons_2d", "moons_2d", test_reference);
  g_test_add_func ("/gmm/diag-spherical", test_diag_spherical);
  g_test_add_func ("/gmm/parameter-count", test_parameter_count);
  g_test_add_func ("/gmm/thread-determinism", test_thread_determinism);
  g_test_add_func ("/gmm/n-init", test_n_init);
  g_test_add_func ("/gmm/errors", test_errors);
  g_test_add_func ("/gmm/constant-column", test_constant_column);
  g_test_add_func ("/gmm/simd-variants", test_simd_variants);
  g_test_add_func ("/gmm/cancel", test_cancel);
  return g_test_run ();
}
