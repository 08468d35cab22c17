/* sg-stat-tests.h — significance tests for segment profiles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure functions on plain arrays. p-values come from GSL's distribution functions. Groups are
 * labels 0..k-1; a negative label (noise, excluded) and a NaN or infinite value leave the
 * observation out.
 * Empty groups are left out of the test (and out of its degrees of freedom).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  double statistic;  /* F, H, chi-square or t; +inf when the groups are perfectly separated */
  double df1;        /* degrees of freedom (between groups for ANOVA; Welch's df for t) */
  double df2;        /* ANOVA's within-groups degrees of freedom, else 0 */
  double p_value;    /* in [0, 1] */
  guint  n;          /* observations used */
  guint  n_groups;   /* non-empty groups used */
} SgStatResult;

/* One-way analysis of variance. Constant data gives F = 0, p = 1; zero within-group variance
 * with different group means gives F = +inf, p = 0. Fails (SG_ERROR_DEGENERATE) with fewer than two
 * non-empty groups or no within-group degrees of freedom. */
gboolean sg_stat_anova           (const double  *values,
                                  const gint32  *groups,
                                  gsize          n,
                                  guint          k,
                                  SgStatResult  *result,
                                  GError       **error);

/* Kruskal–Wallis H with the tie correction (as scipy.stats.kruskal), chi-square p-value with
 * (groups − 1) degrees of freedom. All values tied gives H = 0, p = 1. */
gboolean sg_stat_kruskal_wallis  (const double  *values,
                                  const gint32  *groups,
                                  gsize          n,
                                  guint          k,
                                  SgStatResult  *result,
                                  GError       **error);

/* The same on values already sorted ascending (NaN last or absent); rows whose group is outside
 * 0..k−1 are skipped. Saves the sort when the caller has sorted the column anyway. */
gboolean sg_stat_kruskal_wallis_sorted (const double  *values,
                                        const gint32  *groups,
                                        gsize          n,
                                        guint          k,
                                        SgStatResult  *result,
                                        GError       **error);

/* Pearson's chi-square test of independence on an @n_rows × @n_cols table of counts (row-major),
 * without Yates' continuity correction (scipy's chi2_contingency(..., correction=False)). Empty rows
 * and columns are dropped first. Fails with fewer than two non-empty rows or columns.
 * @min_expected (optional) receives the smallest expected count (below 5 the p-value is rough). */
gboolean sg_stat_chi_square      (const guint64 *counts,
                                  guint          n_rows,
                                  guint          n_cols,
                                  SgStatResult  *result,
                                  double        *min_expected,
                                  GError       **error);

/* Welch's two-sided t test from summary statistics (sample variances, ddof = 1), as
 * scipy.stats.ttest_ind(a, b, equal_var=False). Needs n1, n2 ≥ 2. */
gboolean sg_stat_welch           (double         mean1,
                                  double         var1,
                                  guint          n1,
                                  double         mean2,
                                  double         var2,
                                  guint          n2,
                                  SgStatResult  *result,
                                  GError       **error);

/* Cohen's d of group 1 against group 2 with the pooled standard deviation
 * sqrt(((n1−1)·var1 + (n2−1)·var2) / (n1 + n2 − 2)). 0 when the pooled SD is 0 or undefined. */
double   sg_cohens_d             (double         mean1,
                                  double         var1,
                                  guint          n1,
                                  double         mean2,
                                  double         var2,
                                  guint          n2);

/* Cohen's h for two proportions: 2·asin(√p1) − 2·asin(√p2). */
double   sg_cohens_h             (double         p1,
                                  double         p2);

typedef enum {
  SG_P_ADJUST_NONE,
  SG_P_ADJUST_BONFERRONI,
  SG_P_ADJUST_HOLM,
} SgPAdjust;

const char *sg_p_adjust_to_string (SgPAdjust method);

/* Family-wise correction of @n p-values into @adjusted (may alias @p). NaN entries are not
 * tested and stay NaN; they do not count in the family. Holm's step-down adjusted p-values are
 * made monotone and capped at 1 (as statsmodels' multipletests). */
void     sg_p_adjust             (const double  *p,
                                  gsize          n,
                                  SgPAdjust      method,
                                  double        *adjusted);

G_END_DECLS
