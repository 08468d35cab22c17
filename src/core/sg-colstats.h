/* sg-colstats.h — small statistics over columns of doubles (NaN = missing), shared by data preparation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Quantiles interpolate linearly between order statistics as numpy's default ("linear",
 * pos = q · (n − 1)); skewness is the adjusted Fisher–Pearson coefficient G1, as pandas' Series.skew().
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The non-missing values of @values[i * stride], i < n, sorted ascending (g_free() it). */
double  *sg_colstats_sorted      (const double *values,
                                  gsize         n,
                                  gsize         stride,
                                  gsize        *n_finite);
/* Quantile @q in [0, 1] of @sorted (ascending, no NaN); NaN when @n is 0. */
double   sg_colstats_quantile    (const double *sorted,
                                  gsize         n,
                                  double        q);

typedef struct {
  guint64 n;          /* non-missing values */
  guint64 n_missing;
  double  mean;
  double  std;        /* population standard deviation (ddof 0) */
  double  min;
  double  max;
  double  skewness;   /* G1 (pandas); 0 when n < 3 or the values are constant */
} SgColstats;

/* Mean, standard deviation, extremes and skewness of the non-missing values (two passes). */
void     sg_colstats_moments     (const double *values,
                                  gsize         n,
                                  gsize         stride,
                                  SgColstats   *stats);

G_END_DECLS
