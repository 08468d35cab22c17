/* test-hclust.c — hierarchical clustering and dendrogram cuts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "sg-error.h"
#include "sg-hclust.h"
#include "sg-random.h"
#include "sg-test-util.h"

static SgMatrix *
random_points (gsize n, gsize d, guint64 seed)
{
  SgMatrix *x = sg_matrix_new (n, d);
  SgRandom rng;

  sg_random_init (&rng, seed);
  for (gsize i = 0; i < n; i++)
    {
      double shift = (double) (i % 3) * 2.5;

      for (gsize k = 0; k < d; k++)
        sg_matrix_row (x, i)[k] = shift + sg_random_normal (&rng);
    }
  return x;
}

static SgDendrogram *
fit (const SgMatrix *x, SgLinkage linkage, guint threads, gsize max_exact, guint n_micro)
{
  SgHclustOptions options;
  g_autoptr(GError) error = NULL;
  SgDendrogram *tree;

  sg_hclust_options_init (&options);
  options.linkage = linkage;
  options.n_threads = threads;
  if (max_exact)
    options.max_exact_rows = max_exact;
  if (n_micro)
    options.n_micro = n_micro;
  options.seed = 3;
  tree = sg_hclust_fit (x, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (tree);
  return tree;
}

static void
assert_close (double a, double b, double rel)
{
  if (!(fabs (a - b) <= rel * MAX (fabs (a), fabs (b))))
    g_error ("%.17g and %.17g differ by more than %g relative", a, b, rel);
}

/* scipy's conventions: increasing heights, a < b, ids below n_leaves + i, sizes add up. */
static void
check_structure (const SgDendrogram *tree)
{
  gsize n = tree->n_leaves;
  g_autofree guint32 *size = g_new0 (guint32, 2 * n);
  g_autofree gboolean *used = g_new0 (gboolean, 2 * n);

  for (gsize r = 0; r < tree->n_rows; r++)
    {
      g_assert_cmpint (tree->row_leaf[r], >=, 0);
      g_assert_cmpint (tree->row_leaf[r], <, (gint32) n);
      size[tree->row_leaf[r]]++;
    }
  for (gsize i = 0; i + 1 < n; i++)
    {
      const SgMerge *m = &tree->merges[i];

      g_assert_cmpint (m->a, <, m->b);
      g_assert_cmpint (m->b, <, (gint32) (n + i));
      g_assert_false (used[m->a]);
      g_assert_false (used[m->b]);
      used[m->a] = used[m->b] = TRUE;
      if (i > 0)
        g_assert_cmpfloat (tree->merges[i - 1].height, <=, m->height);
      size[n + i] = size[m->a] + size[m->b];
      g_assert_cmpuint (m->size, ==, size[n + i]);
    }
  g_assert_cmpuint (tree->merges[n - 2].size, ==, tree->n_rows);
}

static double
squared_distance (const SgMatrix *x, gsize a, gsize b)
{
  double s = 0;

  for (gsize k = 0; k < x->n_cols; k++)
    {
      double t = sg_matrix_row (x, a)[k] - sg_matrix_row (x, b)[k];

      s += t * t;
    }
  return s;
}

/* Within-cluster sum of squares of a labelling. */
static double
within_ss (const SgMatrix *x, const gint32 *labels, guint k)
{
  g_autofree double *sum = g_new0 (double, k * x->n_cols);
  g_autofree double *count = g_new0 (double, k);
  double ss = 0;

  for (gsize i = 0; i < x->n_rows; i++)
    {
      count[labels[i]]++;
      for (gsize c = 0; c < x->n_cols; c++)
        sum[labels[i] * x->n_cols + c] += sg_matrix_row (x, i)[c];
    }
  for (gsize i = 0; i < x->n_rows; i++)
    for (gsize c = 0; c < x->n_cols; c++)
      {
        double t = sg_matrix_row (x, i)[c] - sum[labels[i] * x->n_cols + c] / count[labels[i]];

        ss += t * t;
      }
  return ss;
}

/* ---- against scipy / scikit-learn ---- */

static int
cmp_desc (const void *a, const void *b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;

  return (x < y) - (x > y);
}

static void
check_reference (const char *name, const char *method, SgLinkage linkage)
{
  g_autoptr(SgMatrix) x = sg_test_load_reference (name);
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(SgDendrogram) one = NULL;
  g_autoptr(SgDendrogram) two = NULL;
  g_autofree gint32 *labels = NULL;
  g_autofree guint64 *sizes = NULL;
  JsonObject *ref;
  JsonArray *heights, *ref_sizes;
  guint k;
  gsize n;

  if (x == NULL)
    return;
  json = sg_test_load_reference_json (name);
  ref = json_object_get_object_member (json_node_get_object (json), method);
  heights = json_object_get_array_member (ref, "last_merge_heights");
  ref_sizes = json_object_get_array_member (ref, "sizes");
  k = (guint) sg_test_json_double (json, "k");
  n = x->n_rows;

  one = fit (x, linkage, 1, 0, 0);
  two = fit (x, linkage, 2, 0, 0);
  g_assert_false (one->two_stage);
  g_assert_cmpuint (one->n_leaves, ==, n);
  check_structure (one);
  for (guint i = 0; i < json_array_get_length (heights); i++)
    assert_close (one->merges[n - 1 - json_array_get_length (heights) + i].height,
                  json_array_get_double_element (heights, i), 1e-9);
  for (gsize i = 0; i + 1 < n; i++)
    {
      g_assert_cmpint (one->merges[i].a, ==, two->merges[i].a);
      g_assert_cmpint (one->merges[i].b, ==, two->merges[i].b);
      g_assert_true (one->merges[i].height == two->merges[i].height);
    }

  labels = sg_dendrogram_cut_k (one, k, NULL);
  g_assert_nonnull (labels);
  sizes = g_new0 (guint64, k);
  for (gsize i = 0; i < n; i++)
    {
      g_assert_cmpint (labels[i], >=, 0);
      g_assert_cmpint (labels[i], <, (gint32) k);
      sizes[labels[i]]++;
    }
  /* numbered by decreasing size */
  for (guint c = 1; c < k; c++)
    g_assert_cmpuint (sizes[c - 1], >=, sizes[c]);
  qsort (sizes, k, sizeof (guint64), cmp_desc);
  for (guint c = 0; c < k; c++)
    g_assert_cmpuint (sizes[c], ==, (guint64) json_array_get_int_element (ref_sizes, c));

  if (linkage == SG_LINKAGE_WARD)
    {
      /* the same partition as AgglomerativeClustering's labels */
      gsize n_ref;
      g_autofree gint32 *expected = sg_test_load_reference_labels (name, "ward", &n_ref);
      g_autofree gint32 *map = g_new (gint32, k);

      for (guint c = 0; c < k; c++)
        map[c] = -1;
      for (gsize i = 0; i < n; i++)
        {
          if (map[labels[i]] < 0)
            map[labels[i]] = expected[i];
          g_assert_cmpint (map[labels[i]], ==, expected[i]);
        }
    }
}

static void
test_reference_ward (void)
{
  check_reference ("blobs_4x5", "ward", SG_LINKAGE_WARD);
  check_reference ("blobs_unequal_6x8", "ward", SG_LINKAGE_WARD);
  check_reference ("moons_2d", "ward", SG_LINKAGE_WARD);
}

static void
test_reference_average (void)
{
  check_reference ("blobs_4x5", "average", SG_LINKAGE_AVERAGE);
  check_reference ("blobs_unequal_6x8", "average", SG_LINKAGE_AVERAGE);
  check_reference ("moons_2d", "average", SG_LINKAGE_AVERAGE);
}

/* ---- against the naive algorithm ---- */

/* O(n³) agglomeration with the linkage definitions; heights in merge order, which for these
 * monotone linkages is increasing. */
static double *
naive_heights (const SgMatrix *x, SgLinkage linkage)
{
  gsize n = x->n_rows;
  g_autofree gint32 *cluster = g_new (gint32, n);
  double *heights = g_new (double, n - 1);

  for (gsize i = 0; i < n; i++)
    cluster[i] = (gint32) i;
  for (gsize step = 0; step + 1 < n; step++)
    {
      double best = G_MAXDOUBLE;
      gint32 ba = -1, bb = -1;

      for (gint32 a = 0; a < (gint32) n; a++)
        for (gint32 b = a + 1; b < (gint32) n; b++)
          {
            double v = 0, sum = 0, count = 0, mn = G_MAXDOUBLE, mx = 0;
            gboolean has_a = FALSE, has_b = FALSE;

            for (gsize i = 0; i < n; i++)
              {
                has_a |= cluster[i] == a;
                has_b |= cluster[i] == b;
              }
            if (!has_a || !has_b)
              continue;
            if (linkage == SG_LINKAGE_WARD)
              {
                /* increase in within SS */
                g_autofree gint32 *tmp = g_memdup2 (cluster, n * sizeof (gint32));
                double before, after;

                before = 0;
                after = 0;
                {
                  double ca[16] = { 0 }, cb[16] = { 0 }, cu[16] = { 0 };
                  double na = 0, nb = 0;

                  for (gsize i = 0; i < n; i++)
                    for (gsize k = 0; k < x->n_cols; k++)
                      {
                        if (cluster[i] == a)
                          ca[k] += sg_matrix_row (x, i)[k];
                        if (cluster[i] == b)
                          cb[k] += sg_matrix_row (x, i)[k];
                      }
                  for (gsize i = 0; i < n; i++)
                    {
                      na += cluster[i] == a;
                      nb += cluster[i] == b;
                    }
                  for (gsize k = 0; k < x->n_cols; k++)
                    cu[k] = (ca[k] + cb[k]) / (na + nb), ca[k] /= na, cb[k] /= nb;
                  for (gsize i = 0; i < n; i++)
                    for (gsize k = 0; k < x->n_cols; k++)
                      {
                        double t = sg_matrix_row (x, i)[k];

                        if (cluster[i] == a)
                          before += (t - ca[k]) * (t - ca[k]), after += (t - cu[k]) * (t - cu[k]);
                        if (cluster[i] == b)
                          before += (t - cb[k]) * (t - cb[k]), after += (t - cu[k]) * (t - cu[k]);
                      }
                }
                v = sqrt (2 * (after - before));
              }
            else
              {
                for (gsize i = 0; i < n; i++)
                  for (gsize j = 0; j < n; j++)
                    if (cluster[i] == a && cluster[j] == b)
                      {
                        double d = sqrt (squared_distance (x, i, j));

                        sum += d, count++;
                        mn = MIN (mn, d);
                        mx = MAX (mx, d);
                      }
                v = linkage == SG_LINKAGE_AVERAGE ? sum / count : linkage == SG_LINKAGE_SINGLE ? mn : mx;
              }
            if (v < best)
              best = v, ba = a, bb = b;
          }
      heights[step] = best;
      for (gsize i = 0; i < n; i++)
        if (cluster[i] == bb)
          cluster[i] = ba;
    }
  return heights;
}

static void
test_naive (void)
{
  g_autoptr(SgMatrix) x = random_points (40, 3, 17);
  SgLinkage linkages[] = { SG_LINKAGE_WARD, SG_LINKAGE_AVERAGE, SG_LINKAGE_COMPLETE, SG_LINKAGE_SINGLE };

  for (guint l = 0; l < G_N_ELEMENTS (linkages); l++)
    {
      g_autoptr(SgDendrogram) tree = fit (x, linkages[l], 2, 0, 0);
      g_autofree double *expected = naive_heights (x, linkages[l]);

      check_structure (tree);
      for (gsize i = 0; i + 1 < x->n_rows; i++)
        assert_close (tree->merges[i].height, expected[i], 1e-9);
    }
}

/* ---- Ward's identity and the two-stage mode ---- */

static void
test_ward_identity (void)
{
  g_autoptr(SgMatrix) x = random_points (3000, 5, 23);
  g_autoptr(SgDendrogram) exact = fit (x, SG_LINKAGE_WARD, 2, 0, 0);
  g_autoptr(SgDendrogram) staged = fit (x, SG_LINKAGE_WARD, 2, 1000, 60);
  g_autoptr(SgDendrogram) staged1 = fit (x, SG_LINKAGE_WARD, 1, 1000, 60);
  g_autofree gint32 *one = g_new0 (gint32, x->n_rows);
  double total = within_ss (x, one, 1), sum = 0, micro;

  /* Ward heights are sqrt(2 × increase in within SS): they add up to the total SS. */
  for (gsize i = 0; i + 1 < exact->n_leaves; i++)
    sum += exact->merges[i].height * exact->merges[i].height / 2;
  assert_close (sum, total, 1e-9);

  /* Above the micro-clusters the tree is exact: from their SS to the total. */
  g_assert_true (staged->two_stage);
  g_assert_cmpuint (staged->n_rows, ==, 3000);
  g_assert_cmpuint (staged->n_leaves, <=, 60);
  g_assert_cmpuint (staged->n_leaves, >, 30);
  check_structure (staged);
  micro = within_ss (x, staged->row_leaf, (guint) staged->n_leaves);
  sum = 0;
  for (gsize i = 0; i + 1 < staged->n_leaves; i++)
    sum += staged->merges[i].height * staged->merges[i].height / 2;
  assert_close (sum, total - micro, 1e-9);

  /* and the same for any thread count */
  for (gsize r = 0; r < x->n_rows; r++)
    g_assert_cmpint (staged->row_leaf[r], ==, staged1->row_leaf[r]);
  for (gsize i = 0; i + 1 < staged->n_leaves; i++)
    g_assert_true (staged->merges[i].height == staged1->merges[i].height);

  /* a cut of the staged tree labels every row */
  {
    g_autofree gint32 *labels = sg_dendrogram_cut_k (staged, 3, NULL);
    guint64 sizes[3] = { 0 };

    for (gsize r = 0; r < x->n_rows; r++)
      sizes[labels[r]]++;
    g_assert_cmpuint (sizes[0] + sizes[1] + sizes[2], ==, 3000);
    g_assert_cmpuint (sizes[2], >, 500);
  }
}

static void
test_two_stage_other_linkages (void)
{
  g_autoptr(SgMatrix) x = random_points (2000, 4, 29);
  SgLinkage linkages[] = { SG_LINKAGE_AVERAGE, SG_LINKAGE_COMPLETE, SG_LINKAGE_SINGLE };

  for (guint l = 0; l < G_N_ELEMENTS (linkages); l++)
    {
      g_autoptr(SgDendrogram) tree = fit (x, linkages[l], 2, 500, 80);

      g_assert_true (tree->two_stage);
      check_structure (tree);
    }
  /* average and complete also go two-stage above the stored-distance limit */
  {
    SgHclustOptions options;
    g_autoptr(SgDendrogram) tree = NULL;

    sg_hclust_options_init (&options);
    options.linkage = SG_LINKAGE_COMPLETE;
    options.max_stored_rows = 1000;
    options.n_micro = 100;
    tree = sg_hclust_fit (x, &options, NULL, NULL);
    g_assert_true (tree->two_stage);
    g_assert_cmpuint (tree->n_leaves, <=, 100);
  }
}

/* ---- cuts ---- */

static void
test_cuts (void)
{
  g_autoptr(SgMatrix) x = random_points (300, 2, 31);
  g_autoptr(SgDendrogram) tree = fit (x, SG_LINKAGE_WARD, 1, 0, 0);
  g_autoptr(GError) error = NULL;

  for (guint k = 1; k <= 12; k++)
    {
      g_autofree gint32 *by_k = sg_dendrogram_cut_k (tree, k, &error);
      double h = sg_dendrogram_height_for_k (tree, k);
      guint k_out = 0;
      g_autofree gint32 *by_height = sg_dendrogram_cut_height (tree, h, &k_out);
      g_autofree guint64 *sizes = g_new0 (guint64, k);
      g_autofree gsize *first = g_new (gsize, k);

      g_assert_no_error (error);
      g_assert_cmpuint (k_out, ==, k);
      for (gsize i = 0; i < x->n_rows; i++)
        {
          g_assert_cmpint (by_k[i], ==, by_height[i]);
          if (sizes[by_k[i]]++ == 0)
            first[by_k[i]] = i;
        }
      for (guint c = 0; c < k; c++)
        {
          g_assert_cmpuint (sizes[c], >, 0);
          if (c > 0)
            g_assert_true (sizes[c - 1] > sizes[c] || (sizes[c - 1] == sizes[c] && first[c - 1] < first[c]));
        }
    }
  /* the full range of cuts */
  {
    g_autofree gint32 *all = sg_dendrogram_cut_k (tree, 300, &error);
    guint k_out;
    g_autofree gint32 *none = sg_dendrogram_cut_height (tree, -1, &k_out);

    g_assert_no_error (error);
    g_assert_cmpuint (k_out, ==, 300);
    for (gsize i = 0; i < 300; i++)
      g_assert_cmpint (all[i], ==, none[i]);
    g_assert_cmpfloat (sg_dendrogram_height_for_k (tree, 1), >, tree->merges[298].height);
    g_assert_cmpfloat (sg_dendrogram_height_for_k (tree, 300), <, tree->merges[0].height);
  }
  g_assert_null (sg_dendrogram_cut_k (tree, 301, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_null (sg_dendrogram_cut_k (tree, 0, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT);
}

/* ---- errors ---- */

static void
test_errors (void)
{
  g_autoptr(SgMatrix) one = sg_matrix_new (1, 3);
  g_autoptr(SgMatrix) same = sg_matrix_new (20, 3);
  g_autoptr(SgMatrix) x = random_points (20, 3, 1);
  SgHclustOptions options;
  g_autoptr(GError) error = NULL;

  sg_hclust_options_init (&options);
  g_assert_null (sg_hclust_fit (one, &options, NULL, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_DEGENERATE);
  g_clear_error (&error);

  for (gsize i = 0; i < 20; i++)
    sg_matrix_row (same, i)[0] = sg_matrix_row (same, i)[1] = 4.5;
  g_assert_null (sg_hclust_fit (same, &options, NULL, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_DEGENERATE);
  g_clear_error (&error);

  sg_matrix_row (x, 3)[2] = NAN;
  g_assert_null (sg_hclust_fit (x, &options, NULL, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_DEGENERATE);
  g_assert_nonnull (strstr (error->message, "Row 4"));
}

static void
test_cancel (void)
{
  g_autoptr(SgMatrix) x = random_points (3000, 3, 2);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  SgProgress progress = sg_progress_init (NULL, NULL, cancellable);
  SgHclustOptions options;
  g_autoptr(GError) error = NULL;

  sg_hclust_options_init (&options);
  g_cancellable_cancel (cancellable);
  g_assert_null (sg_hclust_fit (x, &options, &progress, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hclust/reference/ward", test_reference_ward);
  g_test_add_func ("/hclust/reference/average", test_reference_average);
  g_test_add_func ("/hclust/naive", test_naive);
  g_test_add_func ("/hclust/ward-identity", test_ward_identity);
  g_test_add_func ("/hclust/two-stage-other-linkages", test_two_stage_other_linkages);
  g_test_add_func ("/hclust/cuts", test_cuts);
  g_test_add_func ("/hclust/errors", test_errors);
  g_test_add_func ("/hclust/cancel", test_cancel);

  return g_test_run ();
}
