/* test-stat-tests.c — ANOVA, Kruskal–Wallis, chi-square, Welch and p-value corrections
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reference values from scipy 1.10.1 (Debian 12's python3-scipy), the exact calls are given beside
 * each number.
 */
#include "config.h"

#include <math.h>

#include <stdlib.h>

#include "sg-error.h"
#include "sg-random.h"
#include "sg-sort.h"
#include "sg-stat-tests.h"

/* g0 = [2.1, 3.4, 1.9, 5.6, 3.4, 2.8]; g1 = [4.2, 5.1, 6.3, 4.2, 5.9];
 * g2 = [3.3, 2.2, 4.4, 3.4, 6.1, 5.0, 2.9] — ties within and across groups (3.4 ×3, 4.2 ×2).
 * Interleaved with a noise row (group -1) and a missing value, which must be left out. */
static const double values[] = {
  2.1, 4.2, 3.3, 3.4, 5.1, 2.2, 1.9, 6.3, 4.4, 99.0, 5.6, 4.2, 3.4, 3.4, 5.9, 6.1, 2.8, 5.0, NAN, 2.9,
};
static const gint32 groups[] = {
  0, 1, 2, 0, 1, 2, 0, 1, 2, -1, 0, 1, 2, 0, 1, 2, 0, 2, 1, 2,
};

static void
test_anova (void)
{
  SgStatResult r;
  g_autoptr(GError) error = NULL;

  g_assert_true (sg_stat_anova (values, groups, G_N_ELEMENTS (values), 3, &r, &error));
  g_assert_no_error (error);
  /* scipy.stats.f_oneway(g0, g1, g2) → F=3.336325809393525, p=0.06329130765706945 */
  g_assert_cmpfloat_with_epsilon (r.statistic, 3.336325809393525, 1e-12);
  g_assert_cmpfloat_with_epsilon (r.p_value, 0.06329130765706945, 1e-12);
  g_assert_cmpfloat (r.df1, ==, 2);
  g_assert_cmpfloat (r.df2, ==, 15);
  g_assert_cmpuint (r.n, ==, 18);
  g_assert_cmpuint (r.n_groups, ==, 3);
}

static void
test_kruskal (void)
{
  SgStatResult r;
  g_autoptr(GError) error = NULL;

  g_assert_true (sg_stat_kruskal_wallis (values, groups, G_N_ELEMENTS (values), 3, &r, &error));
  g_assert_no_error (error);
  /* scipy.stats.kruskal(g0, g1, g2) → H=5.414236316933412, p=0.06672883180814784 (tie-corrected) */
  g_assert_cmpfloat_with_epsilon (r.statistic, 5.414236316933412, 1e-12);
  g_assert_cmpfloat_with_epsilon (r.p_value, 0.06672883180814784, 1e-12);
  g_assert_cmpfloat (r.df1, ==, 2);
}

static void
test_chi_square (void)
{
  const guint64 t3[] = { 20, 15, 5, 10, 25, 15, 5, 5, 30 };
  /* an empty row and column must be dropped, not counted in the degrees of freedom */
  const guint64 t2[] = { 12, 0, 5, 0, 0, 0, 7, 0, 16 };
  SgStatResult r;
  double min_expected = 0;
  g_autoptr(GError) error = NULL;

  g_assert_true (sg_stat_chi_square (t3, 3, 3, &r, &min_expected, &error));
  g_assert_no_error (error);
  /* scipy.stats.chi2_contingency([[20,15,5],[10,25,15],[5,5,30]], correction=False)
   * → chi2=42.88452380952381, p=1.0934793893872857e-08, dof=4 */
  g_assert_cmpfloat_with_epsilon (r.statistic, 42.88452380952381, 1e-10);
  g_assert_cmpfloat_with_epsilon (r.p_value / 1.0934793893872857e-08, 1.0, 1e-9);
  g_assert_cmpfloat (r.df1, ==, 4);
  /* smallest expected count by hand: row 1 (40) × column 1 (35) / 130 = 10.769… */
  g_assert_cmpfloat_with_epsilon (min_expected, 40.0 * 35.0 / 130.0, 1e-12);

  g_assert_true (sg_stat_chi_square (t2, 3, 3, &r, NULL, &error));
  g_assert_no_error (error);
  /* scipy.stats.chi2_contingency([[12,5],[7,16]], correction=False) → 6.319891801114041, 0.011939091377912247, 1 */
  g_assert_cmpfloat_with_epsilon (r.statistic, 6.319891801114041, 1e-10);
  g_assert_cmpfloat_with_epsilon (r.p_value, 0.011939091377912247, 1e-12);
  g_assert_cmpfloat (r.df1, ==, 1);
}

static void
test_welch_and_effects (void)
{
  /* g0 and g1 from above; means and sample variances by hand:
   * g0: mean 19.2/6 = 3.2, var = (1.21+0.04+1.69+5.76+0.04+0.16)/5 = 1.78
   * g1: mean 25.7/5 = 5.14, var = (0.8836+0.0016+1.3456+0.8836+0.5776)/4 = 0.923 */
  SgStatResult r;
  g_autoptr(GError) error = NULL;
  double d;

  g_assert_true (sg_stat_welch (3.2, 1.78, 6, 5.14, 0.923, 5, &r, &error));
  g_assert_no_error (error);
  /* scipy.stats.ttest_ind(g0, g1, equal_var=False) → t=-2.796461461051178, p=0.021126921071408677 */
  g_assert_cmpfloat_with_epsilon (r.statistic, -2.796461461051178, 1e-9);
  g_assert_cmpfloat_with_epsilon (r.p_value, 0.021126921071408677, 1e-9);

  /* Cohen's d by hand: pooled var = (5·1.78 + 4·0.923) / 9 = 12.592/9 = 1.399111…;
   * d = (3.2 − 5.14) / sqrt(1.399111) = −1.94 / 1.182840… = −1.640120… */
  d = sg_cohens_d (3.2, 1.78, 6, 5.14, 0.923, 5);
  g_assert_cmpfloat_with_epsilon (d, -1.94 / sqrt (12.592 / 9.0), 1e-12);
  g_assert_cmpfloat_with_epsilon (d, -1.64012, 1e-5);
  /* constant data: no effect, not NaN */
  g_assert_cmpfloat (sg_cohens_d (1, 0, 5, 1, 0, 5), ==, 0);
  /* Cohen's h: 2·asin(√0.5) − 2·asin(√0.25) = π/2 − π/3 = π/6 */
  g_assert_cmpfloat_with_epsilon (sg_cohens_h (0.5, 0.25), G_PI / 6, 1e-12);

  g_assert_false (sg_stat_welch (1, 1, 1, 2, 1, 5, &r, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_DEGENERATE);
}

static void
test_degenerate (void)
{
  const double same[] = { 4, 4, 4, 4, 4, 4 };
  const double split[] = { 1, 1, 1, 7, 7, 7 };
  const gint32 g[] = { 0, 0, 0, 1, 1, 1 };
  const gint32 one[] = { 0, 0, 0, 0, -1, -2 };
  SgStatResult r;
  g_autoptr(GError) error = NULL;

  /* constant: no evidence of a difference, and no NaN */
  g_assert_true (sg_stat_anova (same, g, 6, 2, &r, &error));
  g_assert_cmpfloat (r.statistic, ==, 0);
  g_assert_cmpfloat (r.p_value, ==, 1);
  g_assert_true (sg_stat_kruskal_wallis (same, g, 6, 2, &r, &error));
  g_assert_cmpfloat (r.p_value, ==, 1);
  /* perfectly separated with no spread inside the groups */
  g_assert_true (sg_stat_anova (split, g, 6, 2, &r, &error));
  g_assert_true (isinf (r.statistic));
  g_assert_cmpfloat (r.p_value, ==, 0);
  g_assert_no_error (error);
  /* only one group has values */
  g_assert_false (sg_stat_anova (split, one, 6, 2, &r, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_DEGENERATE);
  g_clear_error (&error);
  g_assert_false (sg_stat_kruskal_wallis (split, one, 6, 2, &r, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_DEGENERATE);
}

static void
test_p_adjust (void)
{
  double p[] = { 0.01, 0.04, NAN, 0.03, 0.005 };
  double out[5];

  /* Holm by hand over the 4 tested values: sorted 0.005·4 = 0.02, 0.01·3 = 0.03, 0.03·2 = 0.06,
   * 0.04·1 = 0.04 → made monotone 0.06 */
  sg_p_adjust (p, 5, SG_P_ADJUST_HOLM, out);
  g_assert_cmpfloat_with_epsilon (out[0], 0.03, 1e-15);
  g_assert_cmpfloat_with_epsilon (out[1], 0.06, 1e-15);
  g_assert_true (isnan (out[2]));
  g_assert_cmpfloat_with_epsilon (out[3], 0.06, 1e-15);
  g_assert_cmpfloat_with_epsilon (out[4], 0.02, 1e-15);
  /* Bonferroni: × 4, capped at 1 */
  sg_p_adjust (p, 5, SG_P_ADJUST_BONFERRONI, out);
  g_assert_cmpfloat_with_epsilon (out[0], 0.04, 1e-15);
  g_assert_cmpfloat_with_epsilon (out[1], 0.16, 1e-15);
  g_assert_cmpfloat_with_epsilon (out[4], 0.02, 1e-15);
  /* in place */
  sg_p_adjust (p, 5, SG_P_ADJUST_BONFERRONI, p);
  g_assert_cmpfloat_with_epsilon (p[3], 0.12, 1e-15);
  g_assert_cmpstr (sg_p_adjust_to_string (SG_P_ADJUST_HOLM), ==, "holm");
}

static int
compare_doubles (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
test_radix_sort (void)
{
  /* against qsort on mixed signs, zeros, duplicates, huge and tiny magnitudes; payloads follow their
   * keys and equal keys keep their input order */
  const gsize n = 5000;
  g_autofree double *keys = g_new (double, n);
  g_autofree double *reference = g_new (double, n);
  g_autofree guint32 *payload = g_new (guint32, n);
  g_autofree double *original = g_new (double, n);
  SgRandom rng;
  double small[] = { 3, -1, 0, -0.0, 2, -7.5, 3, 1e300, -1e-300, 0 };
  guint32 small_payload[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 };

  sg_random_init (&rng, 17);
  for (gsize i = 0; i < n; i++)
    {
      double v;

      switch (i % 4)
        {
        case 0:
          v = sg_random_normal (&rng) * 1e6;
          break;
        case 1:
          v = (double) sg_random_below (&rng, 20) - 10;   /* many ties */
          break;
        case 2:
          v = -sg_random_double (&rng) * 1e-200;
          break;
        default:
          v = sg_random_double (&rng);
          break;
        }
      keys[i] = reference[i] = original[i] = v;
      payload[i] = (guint32) i;
    }
  sg_sort_doubles (keys, payload, n);
  qsort (reference, n, sizeof (double), compare_doubles);
  for (gsize i = 0; i < n; i++)
    {
      g_assert_cmpfloat (keys[i], ==, reference[i]);
      g_assert_cmpfloat (original[payload[i]], ==, keys[i]);
      if (i > 0 && keys[i] == keys[i - 1])
        g_assert_cmpuint (payload[i - 1], <, payload[i]);   /* stable */
    }

  /* the small-array path */
  sg_sort_doubles (small, small_payload, G_N_ELEMENTS (small));
  g_assert_cmpfloat (small[0], ==, -7.5);
  g_assert_cmpfloat (small[1], ==, -1);
  g_assert_cmpfloat (small[9], ==, 1e300);
  g_assert_cmpuint (small_payload[0], ==, 5);
  g_assert_cmpuint (small_payload[9], ==, 7);
}

static void
test_kruskal_large (void)
{
  /* the presorted variant and the general one agree on a larger sample with ties and noise rows */
  const gsize n = 3000;
  g_autofree double *v = g_new (double, n);
  g_autofree gint32 *g = g_new (gint32, n);
  g_autofree double *sv = g_new (double, n);
  g_autofree guint32 *sg = g_new (guint32, n);
  SgRandom rng;
  SgStatResult a, b;
  g_autoptr(GError) error = NULL;

  sg_random_init (&rng, 23);
  for (gsize i = 0; i < n; i++)
    {
      g[i] = (gint32) sg_random_below (&rng, 5) - 1;     /* −1 .. 3 */
      v[i] = floor (sg_random_normal (&rng) * 4 + (g[i] == 2 ? 1 : 0));
      sv[i] = v[i];
      sg[i] = (guint32) g[i];
    }
  g_assert_true (sg_stat_kruskal_wallis (v, g, n, 4, &a, &error));
  sg_sort_doubles (sv, sg, n);
  g_assert_true (sg_stat_kruskal_wallis_sorted (sv, (const gint32 *) sg, n, 4, &b, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (a.statistic, ==, b.statistic);
  g_assert_cmpfloat (a.p_value, ==, b.p_value);
  g_assert_cmpuint (a.n, ==, b.n);
  g_assert_cmpuint (a.n, <, n);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/stat-tests/anova", test_anova);
  g_test_add_func ("/stat-tests/kruskal-wallis", test_kruskal);
  g_test_add_func ("/stat-tests/chi-square", test_chi_square);
  g_test_add_func ("/stat-tests/welch-and-effects", test_welch_and_effects);
  g_test_add_func ("/stat-tests/degenerate", test_degenerate);
  g_test_add_func ("/stat-tests/p-adjust", test_p_adjust);
  g_test_add_func ("/stat-tests/radix-sort", test_radix_sort);
  g_test_add_func ("/stat-tests/kruskal-large", test_kruskal_large);
  return g_test_run ();
}
