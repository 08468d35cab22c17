/* test-agreement.c — adjusted Rand index, normalised mutual information, contingency tables
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "sg-agreement.h"
#include "sg-random.h"
#include "sg-test-util.h"

#define assert_rel(a, b, tol) \
  g_assert_cmpfloat_with_epsilon ((a), (b), (tol) * MAX (fabs (b), 1e-300))

static const char *datasets[] = { "blobs_4x5", "blobs_unequal_6x8", "moons_2d" };

static void
test_reference (void)
{
  for (guint d = 0; d < G_N_ELEMENTS (datasets); d++)
    {
      g_autoptr(JsonNode) json = sg_test_load_reference_json (datasets[d]);
      g_autofree gint32 *kmeans = NULL;
      g_autofree gint32 *gmm = NULL;
      gsize n1, n2;

      if (json == NULL)
        return;
      kmeans = sg_test_load_reference_labels (datasets[d], "kmeans", &n1);
      gmm = sg_test_load_reference_labels (datasets[d], "gmm_full", &n2);
      g_assert_cmpuint (n1, ==, n2);
      assert_rel (sg_adjusted_rand_index (kmeans, gmm, n1), sg_test_json_double (json, "ari_kmeans_vs_gmm"), 1e-9);
      assert_rel (sg_normalized_mutual_info (kmeans, gmm, n1), sg_test_json_double (json, "nmi_kmeans_vs_gmm"), 1e-9);
      /* Symmetric. */
      assert_rel (sg_adjusted_rand_index (gmm, kmeans, n1), sg_test_json_double (json, "ari_kmeans_vs_gmm"), 1e-9);
      assert_rel (sg_normalized_mutual_info (gmm, kmeans, n1), sg_test_json_double (json, "nmi_kmeans_vs_gmm"), 1e-9);
    }
}

typedef struct {
  gint32 a[10], b[10];
  gsize  n;
  double ari, nmi;   /* scikit-learn 1.2.1, and by hand where noted */
} Case;

static void
test_small_cases (void)
{
  static const Case cases[] = {
    /* b splits a's second group: ARI = 2(2·8 − 2·0) / (4·10 + 2·8) = 4/7; b refines a, so
     * MI = H(a) = ln 2, H(b) = 1.5 ln 2, NMI = ln 2 / (1.25 ln 2) = 0.8. */
    { { 0, 0, 1, 1 }, { 0, 0, 1, 2 }, 4, 4.0 / 7.0, 0.8 },
    { { 0, 0, 1, 1, 2, 2 }, { 0, 0, 1, 2, 2, 2 }, 6, 0.4444444444444444, 0.7396673768007591 },
    { { 0, 1, 2, 0, 1, 2, 0, 1, 2, 0 }, { 0, 0, 0, 1, 1, 1, 2, 2, 2, 2 }, 10, -0.25, 0.012714017928048557 },
    /* One group against all singletons: no information. */
    { { 0, 0, 0, 0 }, { 0, 1, 2, 3 }, 4, 0.0, 0.0 },
    /* Crossed halves: worse than chance. */
    { { 0, 0, 1, 1 }, { 0, 1, 0, 1 }, 4, -0.5, 0.0 },
    { { 5, 5, 7, 7, 7, 9 }, { 1, 1, 1, 2, 2, 2 }, 6, 0.11764705882352941, 0.4398695005110288 },
    /* Identical up to renaming. */
    { { 3, 3, 8, 8, 1 }, { 0, 0, 2, 2, 7 }, 5, 1.0, 1.0 },
    /* Both one group. */
    { { 4, 4, 4 }, { 9, 9, 9 }, 3, 1.0, 1.0 },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      const Case *k = &cases[c];

      assert_rel (sg_adjusted_rand_index (k->a, k->b, k->n), k->ari, 1e-12);
      assert_rel (sg_normalized_mutual_info (k->a, k->b, k->n), k->nmi, 1e-12);
      assert_rel (sg_adjusted_rand_index (k->b, k->a, k->n), k->ari, 1e-12);
      assert_rel (sg_normalized_mutual_info (k->b, k->a, k->n), k->nmi, 1e-12);
    }
  /* Empty input counts as agreement, as in scikit-learn. */
  g_assert_cmpfloat (sg_adjusted_rand_index (NULL, NULL, 0), ==, 1.0);
  g_assert_cmpfloat (sg_normalized_mutual_info (NULL, NULL, 0), ==, 1.0);
}

static void
test_negative_labels (void)
{
  /* Every negative label is one "noise" group. */
  const gint32 a[] = { -1, -1, 0, 0, 1, 1 };
  const gint32 b[] = { -2, -7, 5, 5, 6, 6 };
  const gint32 c[] = { -1, 0, -1, 0, 1, 1 };
  g_autoptr(SgContingency) table = sg_contingency_new (a, c, 6);

  g_assert_cmpfloat (sg_adjusted_rand_index (a, b, 6), ==, 1.0);
  g_assert_cmpfloat (sg_normalized_mutual_info (a, b, 6), ==, 1.0);
  g_assert_cmpuint (table->n_a, ==, 3);
  g_assert_cmpuint (table->n_b, ==, 3);
  g_assert_cmpint (table->a_values[0], ==, -1);
  g_assert_cmpint (table->b_values[0], ==, -1);
  /* a = -1 rows: c is -1 and 0. */
  g_assert_cmpuint (table->counts[0 * 3 + 0], ==, 1);
  g_assert_cmpuint (table->counts[0 * 3 + 1], ==, 1);
  g_assert_cmpuint (table->counts[2 * 3 + 2], ==, 2);
}

static void
test_contingency (void)
{
  const gint32 a[] = { 2, 2, 0, 0, 0, 7 };
  const gint32 b[] = { 1, 3, 1, 1, 3, 3 };
  g_autoptr(SgContingency) table = sg_contingency_new (a, b, 6);
  guint64 total = 0;

  g_assert_cmpuint (table->n_a, ==, 3);
  g_assert_cmpuint (table->n_b, ==, 2);
  g_assert_cmpint (table->a_values[0], ==, 0);
  g_assert_cmpint (table->a_values[1], ==, 2);
  g_assert_cmpint (table->a_values[2], ==, 7);
  g_assert_cmpint (table->b_values[0], ==, 1);
  g_assert_cmpint (table->b_values[1], ==, 3);
  g_assert_cmpuint (table->counts[0], ==, 2);   /* a 0, b 1 */
  g_assert_cmpuint (table->counts[1], ==, 1);   /* a 0, b 3 */
  g_assert_cmpuint (table->counts[2], ==, 1);   /* a 2, b 1 */
  g_assert_cmpuint (table->counts[3], ==, 1);   /* a 2, b 3 */
  g_assert_cmpuint (table->counts[4], ==, 0);   /* a 7, b 1 */
  g_assert_cmpuint (table->counts[5], ==, 1);   /* a 7, b 3 */
  for (guint i = 0; i < 6; i++)
    total += table->counts[i];
  g_assert_cmpuint (total, ==, 6);
}

/* Spread-out label values and many distinct labels take other code paths; same answers. */
static void
test_large_values_and_many_labels (void)
{
  gsize n = 50000;
  g_autofree gint32 *a = g_new (gint32, n);
  g_autofree gint32 *b = g_new (gint32, n);
  g_autofree gint32 *a_far = g_new (gint32, n);
  g_autofree gint32 *b_far = g_new (gint32, n);
  g_autofree gint32 *unique = g_new (gint32, n);
  SgRandom rng;
  double ari, nmi;

  sg_random_init (&rng, 3);
  for (gsize i = 0; i < n; i++)
    {
      a[i] = (gint32) sg_random_below (&rng, 7);
      b[i] = sg_random_double (&rng) < 0.8 ? a[i] : (gint32) sg_random_below (&rng, 9);
      a_far[i] = a[i] * 300000000 - 100000000;   /* one of them negative: fine, it is alone */
      b_far[i] = G_MAXINT32 - b[i] * 200000000;
      unique[i] = (gint32) i * 3;
    }
  ari = sg_adjusted_rand_index (a, b, n);
  nmi = sg_normalized_mutual_info (a, b, n);
  g_assert_cmpfloat (ari, >, 0.4);
  g_assert_cmpfloat (ari, <, 0.9);
  assert_rel (sg_adjusted_rand_index (a_far, b_far, n), ari, 1e-12);
  assert_rel (sg_normalized_mutual_info (a_far, b_far, n), nmi, 1e-12);

  /* All singletons against 7 groups: ARI 0 exactly (no pair agrees), and the pair path. */
  g_assert_cmpfloat (sg_adjusted_rand_index (unique, a, n), ==, 0.0);
  g_assert_cmpfloat (sg_adjusted_rand_index (unique, unique, n), ==, 1.0);
  g_assert_cmpfloat (sg_normalized_mutual_info (unique, unique, n), ==, 1.0);
  /* MI(unique, a) = H(a): NMI = 2 H(a) / (H(a) + ln n). */
  {
    g_autoptr(SgContingency) table = sg_contingency_new (a, a, n);
    double h = 0;

    for (guint i = 0; i < table->n_a; i++)
      {
        double p = (double) table->counts[i * table->n_b + i] / (double) n;

        h -= p * log (p);
      }
    assert_rel (sg_normalized_mutual_info (unique, a, n), 2 * h / (h + log ((double) n)), 1e-10);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/agreement/reference", test_reference);
  g_test_add_func ("/agreement/small-cases", test_small_cases);
  g_test_add_func ("/agreement/negative-labels", test_negative_labels);
  g_test_add_func ("/agreement/contingency", test_contingency);
  g_test_add_func ("/agreement/large-values-many-labels", test_large_values_and_many_labels);
  return g_test_run ();
}
