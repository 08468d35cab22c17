/* test-dbscan.c — DBSCAN, its k-d tree and the k-distance curve
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sg-dbscan.h"
#include "sg-error.h"
#include "sg-kdtree.h"
#include "sg-random.h"
#include "sg-test-util.h"

/* ---- helpers ---- */

static double
dist2 (const SgMatrix *x, gsize a, const double *q)
{
  double s = 0;

  for (gsize k = 0; k < x->n_cols; k++)
    {
      double t = sg_matrix_row (x, a)[k] - q[k];

      s += t * t;
    }
  return s;
}

/* Gaussian blobs plus uniform noise, with a few exact duplicates. */
static SgMatrix *
random_blobs (gsize n, gsize d, guint n_blobs, guint64 seed)
{
  SgMatrix *x = sg_matrix_new (n, d);
  SgRandom rng;
  g_autofree double *centres = g_new (double, n_blobs * d);

  sg_random_init (&rng, seed);
  for (gsize i = 0; i < n_blobs * d; i++)
    centres[i] = 6 * sg_random_double (&rng) - 3;
  for (gsize i = 0; i < n; i++)
    {
      double *row = sg_matrix_row (x, i);

      if (i % 10 == 9)
        for (gsize k = 0; k < d; k++)
          row[k] = 8 * sg_random_double (&rng) - 4;
      else if (i % 50 == 7)
        for (gsize k = 0; k < d; k++)
          row[k] = sg_matrix_row (x, i - 1)[k];
      else
        {
          guint b = (guint) sg_random_below (&rng, n_blobs);

          for (gsize k = 0; k < d; k++)
            row[k] = centres[b * d + k] + 0.5 * sg_random_normal (&rng);
        }
    }
  return x;
}

/* scikit-learn's algorithm, quadratic: the reference for small random data. */
static gint32 *
brute_dbscan (const SgMatrix *x, double eps, guint min_samples, guint8 **core_out)
{
  gsize n = x->n_rows;
  guint8 *core = g_new0 (guint8, n);
  gint32 *labels = g_new (gint32, n);
  g_autofree gsize *stack = g_new (gsize, n);
  gint32 next = 0;

  for (gsize i = 0; i < n; i++)
    {
      gsize count = 0;

      for (gsize j = 0; j < n; j++)
        count += dist2 (x, j, sg_matrix_row (x, i)) <= eps * eps;
      core[i] = count >= min_samples;
      labels[i] = -1;
    }
  for (gsize i = 0; i < n; i++)
    {
      gsize top = 0;

      if (labels[i] != -1 || !core[i])
        continue;
      labels[i] = next;
      stack[top++] = i;
      while (top > 0)
        {
          gsize p = stack[--top];

          if (!core[p])
            continue;
          for (gsize j = 0; j < n; j++)
            if (labels[j] == -1 && dist2 (x, j, sg_matrix_row (x, p)) <= eps * eps)
              {
                labels[j] = next;
                stack[top++] = j;
              }
        }
      next++;
    }
  *core_out = core;
  return labels;
}

/* TRUE when @a and @b are the same partition up to renaming (-1 must match -1). */
static gboolean
same_partition (const gint32 *a, const gint32 *b, gsize n, gsize *n_differ)
{
  g_autoptr(GHashTable) ab = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) ba = g_hash_table_new (NULL, NULL);
  gsize differ = 0;

  for (gsize i = 0; i < n; i++)
    {
      gpointer ka = GINT_TO_POINTER (a[i] + 1), kb = GINT_TO_POINTER (b[i] + 1);
      gpointer va, vb;

      if ((a[i] < 0) != (b[i] < 0))
        {
          differ++;
          continue;
        }
      if (a[i] < 0)
        continue;
      if (g_hash_table_lookup_extended (ab, ka, NULL, &va) && va != kb)
        {
          differ++;
          continue;
        }
      if (g_hash_table_lookup_extended (ba, kb, NULL, &vb) && vb != ka)
        {
          differ++;
          continue;
        }
      g_hash_table_insert (ab, ka, kb);
      g_hash_table_insert (ba, kb, ka);
    }
  if (n_differ != NULL)
    *n_differ = differ;
  return differ == 0;
}

static SgDbscanResult *
fit (const SgMatrix *x, double eps, guint min_samples, guint threads)
{
  SgDbscanOptions options;
  g_autoptr(GError) error = NULL;
  SgDbscanResult *result;

  sg_dbscan_options_init (&options);
  options.eps = eps;
  options.min_samples = min_samples;
  options.n_threads = threads;
  result = sg_dbscan_fit (x, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

static int
cmp_desc (const void *a, const void *b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;

  return (x < y) - (x > y);
}

/* ---- the k-d tree ---- */

static void
check_tree_queries (gboolean rotate)
{
  g_autoptr(SgMatrix) x = random_blobs (3000, 7, 5, 11);
  g_autoptr(SgKdTree) tree = sg_kdtree_new (x, rotate, 16, 2);
  g_autoptr(SgKdQuery) query = sg_kdtree_query_new (tree);
  double d2[12], all[3000];
  double q[7];

  for (gsize trial = 0; trial < 60; trial++)
    {
      gsize row = trial * 47;
      double r2 = 0.25 + 0.05 * (double) (trial % 7);
      gsize brute = 0;

      if (trial % 2 == 0)
        sg_kdtree_query_row (tree, query, row);
      else
        {
          for (guint k = 0; k < 7; k++)
            q[k] = sg_matrix_row (x, row)[k] + 0.1 * (double) k;
          sg_kdtree_query_point (tree, query, q);
        }
      for (gsize j = 0; j < x->n_rows; j++)
        {
          all[j] = dist2 (x, j, query->q);
          brute += all[j] <= r2;
        }
      g_assert_cmpuint (sg_kdtree_count_radius (tree, query, r2, G_MAXSIZE), ==, brute);
      g_assert_cmpuint (sg_kdtree_count_radius (tree, query, r2, 3), ==, MIN (brute, 3));

      sg_kdtree_knn (tree, query, G_N_ELEMENTS (d2), d2);
      {
        /* the k smallest exact distances, by selection */
        for (guint i = 0; i < G_N_ELEMENTS (d2); i++)
          {
            gsize best = i;

            for (gsize j = i + 1; j < x->n_rows; j++)
              if (all[j] < all[best])
                best = j;
            {
              double t = all[i];

              all[i] = all[best];
              all[best] = t;
            }
            g_assert_true (d2[i] == all[i]);
          }
      }
    }
  /* every row has its own leaf position */
  for (gsize row = 0; row < x->n_rows; row++)
    g_assert_cmpuint (tree->index[tree->position[row]], ==, row);
}

static void
test_kdtree_rotated (void)
{
  check_tree_queries (TRUE);
}

static void
test_kdtree_plain (void)
{
  check_tree_queries (FALSE);
}

/* ---- DBSCAN against scikit-learn ---- */

static void
check_reference (const char *name)
{
  g_autoptr(SgMatrix) x = sg_test_load_reference (name);
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(SgDbscanResult) one = NULL;
  g_autoptr(SgDbscanResult) two = NULL;
  g_autofree gint32 *expected = NULL;
  g_autofree guint64 *sizes = NULL;
  JsonArray *ref_sizes;
  gsize n, n_differ;
  double eps;
  guint min_samples;

  if (x == NULL)
    return;
  json = sg_test_load_reference_json (name);
  expected = sg_test_load_reference_labels (name, "dbscan", &n);
  g_assert_cmpuint (n, ==, x->n_rows);
  eps = sg_test_json_double (json, "dbscan.eps");
  min_samples = (guint) sg_test_json_double (json, "dbscan.min_samples");

  one = fit (x, eps, min_samples, 1);
  two = fit (x, eps, min_samples, 2);
  g_assert_cmpuint (one->n_clusters, ==, (guint) sg_test_json_double (json, "dbscan.clusters"));
  g_assert_cmpuint (one->n_noise, ==, (gsize) sg_test_json_double (json, "dbscan.noise"));
  g_assert_cmpuint (one->n_core, ==, (gsize) sg_test_json_double (json, "dbscan.core_points"));
  ref_sizes = json_object_get_array_member (json_object_get_object_member (json_node_get_object (json), "dbscan"),
                                            "sizes");
  sizes = g_memdup2 (one->sizes, one->n_clusters * sizeof (guint64));
  qsort (sizes, one->n_clusters, sizeof (guint64), cmp_desc);
  g_assert_cmpuint (json_array_get_length (ref_sizes), ==, one->n_clusters);
  for (guint c = 0; c < one->n_clusters; c++)
    g_assert_cmpuint (sizes[c], ==, (guint64) json_array_get_int_element (ref_sizes, c));

  /* Our border rule is scikit-learn's (lowest cluster in its expansion order), so labels agree
   * up to renaming; clusters are even numbered the same way. */
  g_assert_true (same_partition (one->labels, expected, n, &n_differ));
  for (gsize i = 0; i < n; i++)
    g_assert_cmpint (one->labels[i], ==, expected[i]);

  /* identical for 1 and 2 threads */
  g_assert_cmpuint (two->n_clusters, ==, one->n_clusters);
  for (gsize i = 0; i < n; i++)
    {
      g_assert_cmpint (two->labels[i], ==, one->labels[i]);
      g_assert_cmpuint (two->is_core[i], ==, one->is_core[i]);
    }
}

static void
test_reference_blobs (void)
{
  check_reference ("blobs_4x5");
}

static void
test_reference_unequal (void)
{
  check_reference ("blobs_unequal_6x8");
}

static void
test_reference_moons (void)
{
  check_reference ("moons_2d");
}

/* ---- against the quadratic algorithm ---- */

static void
check_brute (gsize n, gsize d, double eps, guint min_samples, gboolean with_lists)
{
  g_autoptr(SgMatrix) x = random_blobs (n, d, 4, 5 + d);
  g_autofree guint8 *core = NULL;
  g_autofree gint32 *expected = brute_dbscan (x, eps, min_samples, &core);
  g_autoptr(SgDbscanResult) result = NULL;
  gsize budget = sg_dbscan_set_list_budget (with_lists ? G_MAXSIZE : 0);
  gsize n_noise = 0, n_core = 0;

  result = fit (x, eps, min_samples, 2);
  sg_dbscan_set_list_budget (budget);
  for (gsize i = 0; i < n; i++)
    {
      g_assert_cmpuint (result->is_core[i], ==, core[i]);
      g_assert_cmpint (result->labels[i], ==, expected[i]);
      n_noise += expected[i] < 0;
      n_core += core[i];
    }
  g_assert_cmpuint (result->n_noise, ==, n_noise);
  g_assert_cmpuint (result->n_core, ==, n_core);
  /* the data must exercise every kind of point */
  g_assert_cmpuint (n_noise, >, 0);
  g_assert_cmpuint (n_core, <, n - n_noise);
  g_assert_cmpuint (result->n_clusters, >=, 2);
}

static void
test_brute_with_notes (void)
{
  check_brute (1500, 1, 0.01, 6, TRUE);
  check_brute (1500, 2, 0.15, 6, TRUE);
  check_brute (1500, 6, 0.9, 8, TRUE);
}

static void
test_brute_searches_only (void)
{
  check_brute (1500, 1, 0.01, 6, FALSE);
  check_brute (1500, 2, 0.15, 6, FALSE);
  check_brute (1500, 6, 0.9, 8, FALSE);
}

/* ---- edge cases ---- */

/* Far from the origin, or with an outlier beyond single precision: still exact. */
static void
test_extreme_coordinates (void)
{
  for (guint variant = 0; variant < 2; variant++)
    {
      g_autoptr(SgMatrix) x = random_blobs (800, 3, 3, 21);
      g_autofree guint8 *core = NULL;
      g_autofree gint32 *expected = NULL;
      g_autoptr(SgDbscanResult) result = NULL;

      if (variant == 0)
        for (gsize i = 0; i < x->n_rows * x->n_cols; i++)
          x->data[i] += 1e9;
      else
        sg_matrix_row (x, 17)[0] = 1e20;
      expected = brute_dbscan (x, 0.35, 5, &core);
      result = fit (x, 0.35, 5, 2);
      g_assert_cmpuint (result->n_clusters, >=, 2);
      for (gsize i = 0; i < x->n_rows; i++)
        {
          g_assert_cmpuint (result->is_core[i], ==, core[i]);
          g_assert_cmpint (result->labels[i], ==, expected[i]);
        }
    }
}

static void
test_all_noise (void)
{
  g_autoptr(SgMatrix) x = random_blobs (500, 3, 3, 1);
  g_autoptr(SgDbscanResult) result = fit (x, 1e-6, 5, 2);

  g_assert_cmpuint (result->n_clusters, ==, 0);
  g_assert_cmpuint (result->n_noise, ==, 500);
  g_assert_cmpuint (result->n_core, ==, 0);
  for (gsize i = 0; i < 500; i++)
    g_assert_cmpint (result->labels[i], ==, -1);
}

static void
test_min_samples_one (void)
{
  g_autoptr(SgMatrix) x = random_blobs (300, 2, 3, 2);
  g_autoptr(SgDbscanResult) result = fit (x, 1e-9, 1, 1);

  /* every point is core and, but for duplicates, alone */
  g_assert_cmpuint (result->n_core, ==, 300);
  g_assert_cmpuint (result->n_noise, ==, 0);
  g_assert_cmpuint (result->n_clusters, <, 300);
  g_assert_cmpuint (result->n_clusters, >, 280);
}

static void
test_errors (void)
{
  g_autoptr(SgMatrix) x = random_blobs (50, 2, 2, 3);
  g_autoptr(SgMatrix) empty = sg_matrix_new (0, 2);
  SgDbscanOptions options;
  g_autoptr(GError) error = NULL;
  SgDbscanResult *result;

  sg_dbscan_options_init (&options);
  g_assert_cmpuint (options.min_samples, ==, 5);
  options.eps = 0;
  result = sg_dbscan_fit (x, &options, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  options.eps = -1;
  g_assert_null (sg_dbscan_fit (x, &options, NULL, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  options.eps = 0.5;
  options.min_samples = 0;
  g_assert_null (sg_dbscan_fit (x, &options, NULL, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  options.min_samples = 5;
  g_assert_null (sg_dbscan_fit (empty, &options, NULL, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_DEGENERATE);
  g_clear_error (&error);

  sg_matrix_row (x, 7)[1] = NAN;
  g_assert_null (sg_dbscan_fit (x, &options, NULL, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_DEGENERATE);
  g_assert_nonnull (strstr (error->message, "Row 8"));
  g_clear_error (&error);

  g_assert_null (sg_dbscan_k_distance (x, 5, 0, 1, 1, NULL, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_DEGENERATE);
  g_clear_error (&error);
  sg_matrix_row (x, 7)[1] = 0;
  g_assert_null (sg_dbscan_k_distance (x, 51, 0, 1, 1, NULL, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT);
}

static void
test_constant (void)
{
  g_autoptr(SgMatrix) x = sg_matrix_new (100, 4);
  g_autoptr(SgDbscanResult) result = NULL;
  g_autoptr(GError) error = NULL;

  for (gsize i = 0; i < 400; i++)
    x->data[i] = 3.25;
  result = fit (x, 0.1, 5, 2);
  g_assert_cmpuint (result->n_clusters, ==, 1);
  g_assert_cmpuint (result->n_core, ==, 100);
  g_assert_cmpuint (result->sizes[0], ==, 100);
  g_assert_null (sg_dbscan_k_distance (x, 5, 0, 1, 1, NULL, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_DEGENERATE);
}

static void
test_single_row (void)
{
  g_autoptr(SgMatrix) x = sg_matrix_new (1, 3);
  g_autoptr(SgDbscanResult) lone = fit (x, 0.5, 5, 1);
  g_autoptr(SgDbscanResult) core = fit (x, 0.5, 1, 1);

  g_assert_cmpuint (lone->n_clusters, ==, 0);
  g_assert_cmpint (lone->labels[0], ==, -1);
  g_assert_cmpuint (core->n_clusters, ==, 1);
  g_assert_cmpint (core->labels[0], ==, 0);
}

static void
test_cancel (void)
{
  g_autoptr(SgMatrix) x = random_blobs (2000, 3, 3, 4);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  SgProgress progress = sg_progress_init (NULL, NULL, cancellable);
  SgDbscanOptions options;
  g_autoptr(GError) error = NULL;

  sg_dbscan_options_init (&options);
  g_cancellable_cancel (cancellable);
  g_assert_null (sg_dbscan_fit (x, &options, &progress, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* ---- k-distance ---- */

static void
test_k_distance (void)
{
  g_autoptr(SgMatrix) x = random_blobs (2000, 4, 4, 9);
  g_autoptr(GError) error = NULL;
  g_autoptr(SgKDistance) all = sg_dbscan_k_distance (x, 8, 0, 1, 2, NULL, &error);
  g_autoptr(SgKDistance) sample = NULL;
  g_autoptr(SgKDistance) sample1 = NULL;
  g_autofree double *brute = g_new (double, x->n_rows);

  g_assert_no_error (error);
  g_assert_cmpuint (all->n, ==, 2000);
  /* the 8th nearest counting the row itself, exactly, sorted */
  for (gsize i = 0; i < x->n_rows; i++)
    {
      double best[8];
      guint have = 0;

      for (gsize j = 0; j < x->n_rows; j++)
        {
          double v = dist2 (x, j, sg_matrix_row (x, i));
          guint at;

          if (have == 8 && v >= best[7])
            continue;
          at = have < 8 ? have++ : 7;
          while (at > 0 && best[at - 1] > v)
            {
              best[at] = best[at - 1];
              at--;
            }
          best[at] = v;
        }
      brute[i] = sqrt (best[7]);
    }
  for (gsize i = 1; i < all->n; i++)
    g_assert_cmpfloat (all->distances[i - 1], <=, all->distances[i]);
  {
    /* same multiset: compare sorted brute-force values */
    for (gsize i = 1; i < x->n_rows; i++)
      {
        double v = brute[i];
        gsize j = i;

        while (j > 0 && brute[j - 1] > v)
          {
            brute[j] = brute[j - 1];
            j--;
          }
        brute[j] = v;
      }
    for (gsize i = 0; i < x->n_rows; i++)
      g_assert_true (all->distances[i] == brute[i]);
  }
  g_assert_cmpuint (all->knee_index, <, all->n);
  g_assert_true (all->suggested_eps == all->distances[all->knee_index]);
  g_assert_cmpfloat (all->suggested_eps, >, all->distances[0]);
  g_assert_cmpfloat (all->suggested_eps, <, all->distances[all->n - 1]);

  /* a seeded sample: the same for any thread count, different for another seed */
  sample = sg_dbscan_k_distance (x, 8, 300, 42, 2, NULL, &error);
  g_assert_no_error (error);
  sample1 = sg_dbscan_k_distance (x, 8, 300, 42, 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sample->n, ==, 300);
  for (gsize i = 0; i < 300; i++)
    g_assert_true (sample->distances[i] == sample1->distances[i]);
  g_assert_cmpuint (sample->knee_index, ==, sample1->knee_index);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/kdtree/rotated", test_kdtree_rotated);
  g_test_add_func ("/kdtree/plain", test_kdtree_plain);
  g_test_add_func ("/dbscan/reference/blobs", test_reference_blobs);
  g_test_add_func ("/dbscan/reference/unequal", test_reference_unequal);
  g_test_add_func ("/dbscan/reference/moons", test_reference_moons);
  g_test_add_func ("/dbscan/brute/with-notes", test_brute_with_notes);
  g_test_add_func ("/dbscan/brute/searches-only", test_brute_searches_only);
  g_test_add_func ("/dbscan/all-noise", test_all_noise);
  g_test_add_func ("/dbscan/extreme-coordinates", test_extreme_coordinates);
  g_test_add_func ("/dbscan/min-samples-one", test_min_samples_one);
  g_test_add_func ("/dbscan/errors", test_errors);
  g_test_add_func ("/dbscan/single-row", test_single_row);
  g_test_add_func ("/dbscan/constant", test_constant);
  g_test_add_func ("/dbscan/cancel", test_cancel);
  g_test_add_func ("/dbscan/k-distance", test_k_distance);

  return g_test_run ();
}
