/* test-kmeans.c — k-means against scikit-learn's reference results, determinism, bad input
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "sg-agreement.h"
#include "sg-error.h"
#include "sg-kmeans.h"
#include "sg-random.h"
#include "sg-test-util.h"

/* Overlapping Gaussian groups: @k centres at spread @spread, unit noise. */
static SgMatrix *
make_blobs (gsize n, guint d, guint k, double spread, guint64 seed)
{
  SgMatrix *x = sg_matrix_new (n, d);
  g_autofree double *centres = g_new (double, (gsize) k * d);
  SgRandom rng;

  sg_random_init (&rng, seed);
  for (gsize e = 0; e < (gsize) k * d; e++)
    centres[e] = spread * sg_random_normal (&rng);
  for (gsize i = 0; i < n; i++)
    {
      guint c = (guint) sg_random_below (&rng, k);

      for (guint f = 0; f < d; f++)
        sg_matrix_row (x, i)[f] = centres[(gsize) c * d + f] + sg_random_normal (&rng);
    }
  return x;
}

static SgKMeansResult *
fit (const SgMatrix *x, guint k, guint n_init, guint threads, GError **error)
{
  SgKMeansOptions options;

  sg_kmeans_options_init (&options);
  options.k = k;
  options.n_init = n_init;
  options.n_threads = threads;
  return sg_kmeans_fit (x, &options, NULL, error);
}

static void
check_consistent (const SgMatrix *x, const SgKMeansResult *r)
{
  g_autofree gint32 *labels = g_new (gint32, x->n_rows);
  guint64 total = 0;
  double inertia;

  for (gsize e = 0; e < (gsize) r->k * r->n_cols; e++)
    g_assert_true (isfinite (r->centroids[e]));
  for (guint j = 0; j < r->k; j++)
    total += r->sizes[j];
  g_assert_cmpuint (total, ==, x->n_rows);
  /* Labels are the nearest centroids; the inertia (from cluster statistics) is the direct sum. */
  inertia = sg_kmeans_predict (x, r->centroids, r->k, labels, 1);
  g_assert_cmpmem (labels, x->n_rows * sizeof (gint32), r->labels, x->n_rows * sizeof (gint32));
  g_assert_cmpfloat_with_epsilon (r->inertia, inertia, 1e-9 * inertia);
}

static void
test_reference (gconstpointer data)
{
  const char *name = data;
  g_autoptr(SgMatrix) x = sg_test_load_reference (name);
  g_autoptr(JsonNode) json = NULL;
  g_autofree gint32 *expected = NULL;
  g_autoptr(SgKMeansResult) r = NULL;
  g_autoptr(GError) error = NULL;
  double sk_inertia;
  gsize n;

  if (x == NULL)
    return;
  json = sg_test_load_reference_json (name);
  expected = sg_test_load_reference_labels (name, "kmeans", &n);
  g_assert_cmpuint (n, ==, x->n_rows);
  sk_inertia = sg_test_json_double (json, "kmeans.inertia");

  r = fit (x, (guint) sg_test_json_double (json, "k"), 10, 2, &error);
  g_assert_no_error (error);
  g_assert_true (r->converged);
  /* A local optimum: no worse than scikit-learn's by more than 0.1 %. */
  g_assert_cmpfloat (r->inertia, <=, sk_inertia * 1.001);
  g_assert_cmpfloat (r->inertia, >=, sk_inertia * 0.95);
  g_assert_cmpfloat (sg_adjusted_rand_index (r->labels, expected, n), >=, 0.99);
  check_consistent (x, r);
}

static void
test_small_by_hand (void)
{
  static const double values[] = { 0.0, 0.1, 0.2, 10.0, 10.1, 10.2 };
  g_autoptr(SgMatrix) x = sg_matrix_new (6, 1);
  g_autoptr(SgKMeansResult) r = NULL;
  g_autoptr(GError) error = NULL;
  guint low;

  memcpy (x->data, values, sizeof values);
  r = fit (x, 2, 3, 1, &error);
  g_assert_no_error (error);
  low = r->centroids[0] < r->centroids[1] ? 0 : 1;
  g_assert_cmpfloat_with_epsilon (r->centroids[low], 0.1, 1e-12);
  g_assert_cmpfloat_with_epsilon (r->centroids[1 - low], 10.1, 1e-12);
  g_assert_cmpfloat_with_epsilon (r->inertia, 0.04, 1e-12);
  g_assert_cmpuint (r->sizes[0], ==, 3);
  g_assert_cmpuint (r->sizes[1], ==, 3);
  for (guint i = 0; i < 6; i++)
    g_assert_cmpint (r->labels[i], ==, i < 3 ? (gint32) low : (gint32) (1 - low));
}

static void
assert_same (const SgKMeansResult *a, const SgKMeansResult *b)
{
  g_assert_cmpmem (a->labels, a->n_rows * sizeof (gint32), b->labels, b->n_rows * sizeof (gint32));
  g_assert_cmpmem (a->centroids, (gsize) a->k * a->n_cols * sizeof (double),
                   b->centroids, (gsize) b->k * b->n_cols * sizeof (double));
  g_assert_true (a->inertia == b->inertia);
  g_assert_cmpuint (a->n_iter, ==, b->n_iter);
  g_assert_cmpmem (a->sizes, a->k * sizeof (guint64), b->sizes, b->k * sizeof (guint64));
}

static void
test_thread_determinism (void)
{
  /* Overlapping groups (many iterations), several chunks of rows, k over one block of 8. */
  g_autoptr(SgMatrix) x = make_blobs (30000, 5, 11, 1.5, 7);
  guint ks[] = { 5, 11 };

  for (guint t = 0; t < G_N_ELEMENTS (ks); t++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SgKMeansResult) one = fit (x, ks[t], 3, 1, &error);
      g_autoptr(SgKMeansResult) two = fit (x, ks[t], 3, 2, &error);
      g_autoptr(SgKMeansResult) three = fit (x, ks[t], 3, 3, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (one->n_iter, >, 5);
      assert_same (one, two);
      assert_same (one, three);
      check_consistent (x, one);
    }
}

static void
test_seeds_differ (void)
{
  g_autoptr(SgMatrix) x = make_blobs (5000, 4, 6, 1.5, 11);
  SgKMeansOptions options;
  g_autoptr(SgKMeansResult) a = NULL;
  g_autoptr(SgKMeansResult) b = NULL;
  g_autoptr(SgKMeansResult) a2 = NULL;

  sg_kmeans_options_init (&options);
  options.k = 6;
  options.n_init = 1;
  options.seed = 1;
  a = sg_kmeans_fit (x, &options, NULL, NULL);
  a2 = sg_kmeans_fit (x, &options, NULL, NULL);
  options.seed = 2;
  b = sg_kmeans_fit (x, &options, NULL, NULL);
  assert_same (a, a2);
  /* Another seed starts elsewhere (the optimum may still coincide, the path does not). */
  g_assert_true (memcmp (a->centroids, b->centroids, 6 * 4 * sizeof (double)) != 0 || a->n_iter != b->n_iter);
}

static void
test_errors (void)
{
  g_autoptr(SgMatrix) ten = make_blobs (10, 3, 2, 3, 1);
  g_autoptr(SgMatrix) one = make_blobs (1, 3, 1, 3, 1);
  g_autoptr(SgMatrix) same = sg_matrix_new (50, 3);
  g_autoptr(SgMatrix) three = sg_matrix_new (30, 2);
  g_autoptr(SgMatrix) nan = make_blobs (100, 3, 2, 3, 1);
  g_autoptr(SgMatrix) inf = make_blobs (100, 3, 2, 3, 1);
  g_autoptr(SgKMeansResult) r = NULL;
  GError *error = NULL;

  g_assert_null (fit (ten, 12, 1, 1, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT);
  g_assert_cmpstr (error->message, ==, "k (12) is larger than the number of rows (10)");
  g_clear_error (&error);

  g_assert_null (fit (ten, 0, 1, 1, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  g_assert_null (fit (one, 2, 1, 1, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  /* All rows identical (every column constant). */
  for (gsize i = 0; i < same->n_rows; i++)
    for (guint f = 0; f < 3; f++)
      sg_matrix_row (same, i)[f] = 4.5 + f;
  g_assert_null (fit (same, 3, 2, 2, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_DEGENERATE);
  g_assert_nonnull (strstr (error->message, "identical"));
  g_clear_error (&error);

  /* Three distinct rows, four clusters. */
  for (gsize i = 0; i < three->n_rows; i++)
    {
      sg_matrix_row (three, i)[0] = (double) (i % 3);
      sg_matrix_row (three, i)[1] = -1.0;
    }
  g_assert_null (fit (three, 4, 1, 1, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_DEGENERATE);
  g_assert_cmpstr (error->message, ==, "Only 3 distinct rows: too few for 4 clusters");
  g_clear_error (&error);
  /* …but three clusters are fine, and exact. */
  r = fit (three, 3, 1, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (r->inertia, ==, 0.0);

  sg_matrix_row (nan, 42)[1] = NAN;
  g_assert_null (fit (nan, 2, 1, 2, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_DEGENERATE);
  g_assert_cmpstr (error->message, ==, "Row 43, column 2 is not a finite number");
  g_clear_error (&error);

  sg_matrix_row (inf, 99)[0] = -INFINITY;
  g_assert_null (fit (inf, 2, 1, 2, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_DEGENERATE);
  g_assert_cmpstr (error->message, ==, "Row 100, column 1 is not a finite number");
  g_clear_error (&error);
}

static void
test_one_row_and_constant_column (void)
{
  g_autoptr(SgMatrix) one = make_blobs (1, 3, 1, 3, 1);
  g_autoptr(SgMatrix) x = make_blobs (2000, 3, 3, 4, 5);
  g_autoptr(SgKMeansResult) r1 = NULL;
  g_autoptr(SgKMeansResult) r = NULL;
  g_autoptr(GError) error = NULL;

  /* One row, one cluster: the row itself. */
  r1 = fit (one, 1, 1, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (r1->centroids, 3 * sizeof (double), one->data, 3 * sizeof (double));
  g_assert_cmpfloat (r1->inertia, ==, 0.0);

  /* A constant column is harmless: every centroid has the constant there. */
  for (gsize i = 0; i < x->n_rows; i++)
    sg_matrix_row (x, i)[1] = 2.5;
  r = fit (x, 3, 2, 2, &error);
  g_assert_no_error (error);
  for (guint j = 0; j < 3; j++)
    g_assert_cmpfloat_with_epsilon (r->centroids[j * 3 + 1], 2.5, 1e-12);
  check_consistent (x, r);
}

static void
test_empty_cluster (void)
{
  g_autoptr(SgMatrix) x = make_blobs (4000, 2, 3, 5, 9);
  double init[4 * 2];
  SgKMeansOptions options;
  g_autoptr(SgKMeansResult) r = NULL;
  g_autoptr(GError) error = NULL;

  /* Start with a centre far from every row: it gets no rows and must take the farthest row. */
  for (guint j = 0; j < 3; j++)
    memcpy (init + j * 2, sg_matrix_row (x, j * 100), 2 * sizeof (double));
  init[6] = 1e6;
  init[7] = -1e6;
  sg_kmeans_options_init (&options);
  options.k = 4;
  options.init_centroids = init;
  r = sg_kmeans_fit (x, &options, NULL, &error);
  g_assert_no_error (error);
  for (guint j = 0; j < 4; j++)
    {
      g_assert_cmpuint (r->sizes[j], >, 0);
      g_assert_cmpfloat (fabs (r->centroids[j * 2]), <, 100);
    }
  check_consistent (x, r);
}

static void
test_minibatch (void)
{
  g_autoptr(SgMatrix) x = make_blobs (60000, 6, 8, 2.5, 21);
  SgKMeansOptions options;
  g_autoptr(SgKMeansResult) full = NULL;
  g_autoptr(SgKMeansResult) mb1 = NULL;
  g_autoptr(SgKMeansResult) mb2 = NULL;
  g_autoptr(GError) error = NULL;

  sg_kmeans_options_init (&options);
  options.k = 8;
  options.n_init = 3;
  options.n_threads = 2;
  full = sg_kmeans_fit (x, &options, NULL, &error);
  g_assert_no_error (error);
  options.minibatch = TRUE;
  options.batch_size = 1024;
  mb2 = sg_kmeans_fit (x, &options, NULL, &error);
  g_assert_no_error (error);
  options.n_threads = 1;
  mb1 = sg_kmeans_fit (x, &options, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpfloat (mb2->inertia, <=, full->inertia * 1.05);
  g_assert_cmpfloat (mb2->inertia, >=, full->inertia * 0.999);
  g_assert_cmpfloat (mb2->n_iter, <, 60000.0 * 300 / 1024);
  assert_same (mb1, mb2);
  check_consistent (x, mb2);
}

/* The portable build also carries AVX2 kernels, chosen at run time: both give the same clustering.
 * (On a CPU without AVX2 both runs use the baseline kernels.) */
static void
test_simd_variants (void)
{
  g_autoptr(SgMatrix) x = make_blobs (20000, 6, 9, 1.5, 17);
  g_autoptr(SgKMeansResult) base = NULL;
  g_autoptr(SgKMeansResult) fast = NULL;

  g_setenv ("SG_SIMD", "baseline", TRUE);
  base = fit (x, 9, 2, 2, NULL);
  g_unsetenv ("SG_SIMD");
  fast = fit (x, 9, 2, 2, NULL);
  check_consistent (x, base);
  check_consistent (x, fast);
  g_assert_cmpfloat_with_epsilon (base->inertia, fast->inertia, 1e-12 * fast->inertia);
  g_assert_cmpfloat (sg_adjusted_rand_index (base->labels, fast->labels, x->n_rows), >=, 0.999);
}

static void
cancel_on_report (double fraction, const char *message, gpointer user_data)
{
  if (fraction > 0.2)
    g_cancellable_cancel (user_data);
}

static void
test_cancel (void)
{
  g_autoptr(SgMatrix) x = make_blobs (20000, 4, 6, 1.0, 3);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GCancellable) already = g_cancellable_new ();
  SgProgress progress = sg_progress_init (cancel_on_report, cancellable, cancellable);
  SgProgress cancelled = sg_progress_init (NULL, NULL, already);
  SgKMeansOptions options;
  GError *error = NULL;

  sg_kmeans_options_init (&options);
  options.k = 6;
  options.n_init = 5;
  g_assert_null (sg_kmeans_fit (x, &options, &progress, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  g_cancellable_cancel (already);
  g_assert_null (sg_kmeans_fit (x, &options, &cancelled, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  options.minibatch = TRUE;
  g_assert_null (sg_kmeans_fit (x, &options, &cancelled, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
}

static void
record_progress (double fraction, const char *message, gpointer user_data)
{
  double *last = user_data;

  g_assert_cmpfloat (fraction, >=, *last - 1e-12);
  *last = fraction;
}

static void
test_progress_and_max_iter (void)
{
  g_autoptr(SgMatrix) x = make_blobs (20000, 4, 6, 1.0, 3);
  double last = 0;
  SgProgress progress = sg_progress_init (record_progress, &last, NULL);
  SgKMeansOptions options;
  g_autoptr(SgKMeansResult) r = NULL;
  g_autoptr(SgKMeansResult) r1 = NULL;

  sg_kmeans_options_init (&options);
  options.k = 6;
  options.n_init = 2;
  r = sg_kmeans_fit (x, &options, &progress, NULL);
  g_assert_nonnull (r);
  g_assert_cmpfloat (last, ==, 1.0);

  /* One iteration: not converged, yet labels consistent with the centroids returned. */
  options.max_iter = 1;
  options.n_init = 1;
  r1 = sg_kmeans_fit (x, &options, NULL, NULL);
  g_assert_cmpuint (r1->n_iter, ==, 1);
  g_assert_false (r1->converged);
  check_consistent (x, r1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_data_func ("/kmeans/reference/blobs_4x5", "blobs_4x5", test_reference);
  g_test_add_data_func ("/kmeans/reference/blobs_unequal_6x8", "blobs_unequal_6x8", test_reference);
  g_test_add_data_func ("/kmeans/reference/moons_2d", "moons_2d", test_reference);
  g_test_add_func ("/kmeans/small-by-hand", test_small_by_hand);
  g_test_add_func ("/kmeans/thread-determinism", test_thread_determinism);
  g_test_add_func ("/kmeans/seeds", test_seeds_differ);
  g_test_add_func ("/kmeans/errors", test_errors);
  g_test_add_func ("/kmeans/one-row-constant-column", test_one_row_and_constant_column);
  g_test_add_func ("/kmeans/empty-cluster", test_empty_cluster);
  g_test_add_func ("/kmeans/minibatch", test_minibatch);
  g_test_add_func ("/kmeans/simd-variants", test_simd_variants);
  g_test_add_func ("/kmeans/cancel", test_cancel);
  g_test_add_func ("/kmeans/progress-max-iter", test_progress_and_max_iter);
  return g_test_run ();
}
