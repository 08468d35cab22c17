/* sg-stat-tests.c — significance tests for segment profiles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <glib/gi18n-lib.h>
#include <gsl/gsl_cdf.h>

#include "sg-error.h"
#include "sg-sort.h"
#include "sg-stat-tests.h"

static double
clamp_p (double p)
{
  if (isnan (p))
    return 1.0;
  return CLAMP (p, 0.0, 1.0);
}

/* Counts and two-pass sums per group; returns the number of usable observations. */
static gsize
group_moments (const double *values,
               const gint32 *groups,
               gsize         n,
               guint         k,
               guint64      *counts,
               double       *means,
               double       *ss)
{
  gsize used = 0;

  for (guint g = 0; g < k; g++)
    {
      counts[g] = 0;
      means[g] = 0;
      ss[g] = 0;
    }
  for (gsize i = 0; i < n; i++)
    {
      gint32 g = groups[i];

      if (g < 0 || (guint) g >= k || !isfinite (values[i]))
        continue;
      counts[g]++;
      means[g] += values[i];
      used++;
    }
  for (guint g = 0; g < k; g++)
    if (counts[g] > 0)
      means[g] /= (double) counts[g];
  for (gsize i = 0; i < n; i++)
    {
      gint32 g = groups[i];
      double d;

      if (g < 0 || (guint) g >= k || !isfinite (values[i]))
        continue;
      d = values[i] - means[g];
      ss[g] += d * d;
    }
  return used;
}

gboolean
sg_stat_anova (const double  *values,
               const gint32  *groups,
               gsize          n,
               guint          k,
               SgStatResult  *result,
               GError       **error)
{
  g_autofree guint64 *counts = g_new (guint64, MAX (k, 1));
  g_autofree double *means = g_new (double, MAX (k, 1));
  g_autofree double *ss = g_new (double, MAX (k, 1));
  gsize used;
  guint n_groups = 0;
  double grand = 0, ssb = 0, ssw = 0, df1, df2;

  used = group_moments (values, groups, n, k, counts, means, ss);
  for (guint g = 0; g < k; g++)
    if (counts[g] > 0)
      {
        n_groups++;
        grand += means[g] * (double) counts[g];
      }
  if (n_groups < 2)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_DEGENERATE,
                   _("Analysis of variance needs values in at least two segments, found %u"), n_groups);
      return FALSE;
    }
  if (used <= n_groups)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_DEGENERATE,
                   _("Analysis of variance needs more values (%u) than segments (%u)"),
                   (guint) used, n_groups);
      return FALSE;
    }
  grand /= (double) used;
  for (guint g = 0; g < k; g++)
    if (counts[g] > 0)
      {
        double d = means[g] - grand;

        ssb += (double) counts[g] * d * d;
        ssw += ss[g];
      }
  df1 = n_groups - 1;
  df2 = (double) (used - n_groups);
  result->df1 = df1;
  result->df2 = df2;
  result->n = used;
  result->n_groups = n_groups;
  /* Round-off in a constant column leaves ssb and ssw at ~1e-30 of the squared values. */
  if (ssw <= 0 || ssw < 1e-14 * ssb)
    {
      result->statistic = ssb > 0 ? INFINITY : 0;
      result->p_value = ssb > 0 ? 0 : 1;
      return TRUE;
    }
  result->statistic = (ssb / df1) / (ssw / df2);
  result->p_value = clamp_p (gsl_cdf_fdist_Q (result->statistic, df1, df2));
  return TRUE;
}

/* Kruskal–Wallis on values sorted ascending; groups outside 0..k−1 are skipped. */
static gboolean
kruskal_sorted (const double  *values,
                const gint32  *groups,
                gsize          n,
                guint          k,
                SgStatResult  *result,
                GError       **error)
{
  g_autofree double *rank_sums = g_new0 (double, MAX (k, 1));
  g_autofree guint64 *counts = g_new0 (guint64, MAX (k, 1));
  gsize used = 0, rank = 0;
  guint n_groups = 0;
  double ties = 0, h = 0, nn, correction;

  for (gsize i = 0; i < n; i++)
    if (groups[i] >= 0 && (guint) groups[i] < k && isfinite (values[i]))
      {
        counts[groups[i]]++;
        used++;
      }
  for (guint g = 0; g < k; g++)
    n_groups += counts[g] > 0;
  if (n_groups < 2)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_DEGENERATE,
                   _("The Kruskal–Wallis test needs values in at least two segments, found %u"), n_groups);
      return FALSE;
    }
  for (gsize i = 0; i < n;)
    {
      gsize j = i, t = 0;
      double mid;

      /* one run of equal values; only rows in a group take ranks */
      while (j < n && (values[j] == values[i] || (isnan (values[j]) && isnan (values[i]))))
        {
          if (groups[j] >= 0 && (guint) groups[j] < k && isfinite (values[j]))
            t++;
          j++;
        }
      if (t > 0)
        {
          /* 1-based ranks rank+1 .. rank+t share their average */
          mid = ((double) (rank + 1) + (double) (rank + t)) / 2.0;
          for (gsize m = i; m < j; m++)
            if (groups[m] >= 0 && (guint) groups[m] < k && isfinite (values[m]))
              rank_sums[groups[m]] += mid;
          ties += (double) t * (double) t * (double) t - (double) t;
          rank += t;
        }
      i = j;
    }
  nn = (double) used;
  for (guint g = 0; g < k; g++)
    if (counts[g] > 0)
      h += rank_sums[g] * rank_sums[g] / (double) counts[g];
  h = 12.0 / (nn * (nn + 1.0)) * h - 3.0 * (nn + 1.0);
  correction = 1.0 - ties / (nn * nn * nn - nn);
  result->df1 = n_groups - 1;
  result->df2 = 0;
  result->n = used;
  result->n_groups = n_groups;
  if (correction <= 0)
    {
      /* every value tied: nothing to tell the groups apart */
      result->statistic = 0;
      result->p_value = 1;
      return TRUE;
    }
  h = MAX (h / correction, 0.0);
  result->statistic = h;
  result->p_value = clamp_p (gsl_cdf_chisq_Q (h, result->df1));
  return TRUE;
}

gboolean
sg_stat_kruskal_wallis (const double  *values,
                        const gint32  *groups,
                        gsize          n,
                        guint          k,
                        SgStatResult  *result,
                        GError       **error)
{
  g_autofree double *sorted = g_new (double, MAX (n, 1));
  g_autofree guint32 *sorted_groups = g_new (guint32, MAX (n, 1));
  gsize used = 0;

  for (gsize i = 0; i < n; i++)
    {
      if (groups[i] < 0 || (guint) groups[i] >= k || !isfinite (values[i]))
        continue;
      sorted[used] = values[i];
      sorted_groups[used] = (guint32) groups[i];
      used++;
    }
  sg_sort_doubles (sorted, sorted_groups, used);
  return kruskal_sorted (sorted, (const gint32 *) sorted_groups, used, k, result, error);
}

gboolean
sg_stat_kruskal_wallis_sorted (const double  *values,
                               const gint32  *groups,
                               gsize          n,
                               guint          k,
                               SgStatResult  *result,
                               GError       **error)
{
  return kruskal_sorted (values, groups, n, k, result, error);
}

gboolean
sg_stat_chi_square (const guint64 *counts,
                    guint          n_rows,
                    guint          n_cols,
                    SgStatResult  *result,
                    double        *min_expected,
                    GError       **error)
{
  g_autofree double *row_sums = g_new0 (double, MAX (n_rows, 1));
  g_autofree double *col_sums = g_new0 (double, MAX (n_cols, 1));
  double total = 0, chi2 = 0, smallest = INFINITY;
  guint rows = 0, cols = 0;

  for (guint r = 0; r < n_rows; r++)
    for (guint c = 0; c < n_cols; c++)
      {
        double v = (double) counts[(gsize) r * n_cols + c];

        row_sums[r] += v;
        col_sums[c] += v;
        total += v;
      }
  for (guint r = 0; r < n_rows; r++)
    rows += row_sums[r] > 0;
  for (guint c = 0; c < n_cols; c++)
    cols += col_sums[c] > 0;
  if (rows < 2 || cols < 2)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_DEGENERATE,
                   _("The chi-square test needs at least two segments and two values with counts, found %u and %u"),
                   rows, cols);
      return FALSE;
    }
  for (guint r = 0; r < n_rows; r++)
    {
      if (row_sums[r] == 0)
        continue;
      for (guint c = 0; c < n_cols; c++)
        {
          double expected, d;

          if (col_sums[c] == 0)
            continue;
          expected = row_sums[r] * col_sums[c] / total;
          d = (double) counts[(gsize) r * n_cols + c] - expected;
          chi2 += d * d / expected;
          smallest = MIN (smallest, expected);
        }
    }
  result->statistic = chi2;
  result->df1 = (double) (rows - 1) * (double) (cols - 1);
  result->df2 = 0;
  result->n = (guint) MIN (total, (double) G_MAXUINT);
  result->n_groups = rows;
  result->p_value = clamp_p (gsl_cdf_chisq_Q (chi2, result->df1));
  if (min_expected != NULL)
    *min_expected = smallest;
  return TRUE;
}

gboolean
sg_stat_welch (double         mean1,
               double         var1,
               guint          n1,
               double         mean2,
               double         var2,
               guint          n2,
               SgStatResult  *result,
               GError       **error)
{
  double a, b, se2, t, df;

  if (n1 < 2 || n2 < 2)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_DEGENERATE,
                   _("Welch’s t test needs at least two values in each group, found %u and %u"), n1, n2);
      return FALSE;
    }
  a = var1 / n1;
  b = var2 / n2;
  se2 = a + b;
  result->n = n1 + n2;
  result->n_groups = 2;
  result->df2 = 0;
  if (!(se2 > 0))
    {
      result->statistic = mean1 == mean2 ? 0 : (mean1 > mean2 ? INFINITY : -INFINITY);
      result->p_value = mean1 == mean2 ? 1 : 0;
      result->df1 = (double) (n1 + n2 - 2);
      return TRUE;
    }
  t = (mean1 - mean2) / sqrt (se2);
  df = se2 * se2 / (a * a / (n1 - 1) + b * b / (n2 - 1));
  result->statistic = t;
  result->df1 = df;
  result->p_value = clamp_p (2.0 * gsl_cdf_tdist_Q (fabs (t), df));
  return TRUE;
}

double
sg_cohens_d (double mean1,
             double var1,
             guint  n1,
             double mean2,
             double var2,
             guint  n2)
{
  double pooled;

  if (n1 == 0 || n2 == 0 || n1 + n2 < 3)
    return 0;
  pooled = ((n1 - 1) * (n1 > 1 ? var1 : 0) + (n2 - 1) * (n2 > 1 ? var2 : 0)) / (double) (n1 + n2 - 2);
  if (!(pooled > 0))
    return 0;
  return (mean1 - mean2) / sqrt (pooled);
}

double
sg_cohens_h (double p1,
             double p2)
{
  return 2.0 * asin (sqrt (CLAMP (p1, 0.0, 1.0))) - 2.0 * asin (sqrt (CLAMP (p2, 0.0, 1.0)));
}

const char *
sg_p_adjust_to_string (SgPAdjust method)
{
  switch (method)
    {
    case SG_P_ADJUST_BONFERRONI:
      return "bonferroni";
    case SG_P_ADJUST_HOLM:
      return "holm";
    case SG_P_ADJUST_NONE:
    default:
      return "none";
    }
}

typedef struct {
  double p;
  gsize  index;
} PIndex;

static int
compare_p_index (const void *a,
                 const void *b)
{
  const PIndex *x = a, *y = b;

  if (x->p < y->p)
    return -1;
  if (x->p > y->p)
    return 1;
  return (x->index > y->index) - (x->index < y->index);
}

void
sg_p_adjust (const double *p,
             gsize         n,
             SgPAdjust     method,
             double       *adjusted)
{
  g_autofree PIndex *order = g_new (PIndex, MAX (n, 1));
  gsize m = 0;
  double running = 0;

  for (gsize i = 0; i < n; i++)
    if (!isnan (p[i]))
      {
        order[m].p = p[i];
        order[m].index = i;
        m++;
      }
  /* adjusted may alias p: everything needed is in order[] now */
  for (gsize i = 0; i < n; i++)
    if (isnan (p[i]))
      adjusted[i] = NAN;
  switch (method)
    {
    case SG_P_ADJUST_BONFERRONI:
      for (gsize j = 0; j < m; j++)
        adjusted[order[j].index] = MIN (1.0, order[j].p * (double) m);
      break;
    case SG_P_ADJUST_HOLM:
      qsort (order, m, sizeof *order, compare_p_index);
      for (gsize j = 0; j < m; j++)
        {
          double v = MIN (1.0, order[j].p * (double) (m - j));

          running = MAX (running, v);
          adjusted[order[j].index] = running;
        }
      break;
    case SG_P_ADJUST_NONE:
    default:
      for (gsize j = 0; j < m; j++)
        adjusted[order[j].index] = order[j].p;
      break;
    }
}
