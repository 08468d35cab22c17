/* sg-colstats.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "sg-colstats.h"

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

double *
sg_colstats_sorted (const double *values,
                    gsize         n,
                    gsize         stride,
                    gsize        *n_finite)
{
  double *sorted = g_new (double, MAX (n, 1));
  gsize m = 0;

  for (gsize i = 0; i < n; i++)
    {
      double v = values[i * stride];

      if (!isnan (v))
        sorted[m++] = v;
    }
  qsort (sorted, m, sizeof (double), compare_doubles);
  *n_finite = m;
  return sorted;
}

double
sg_colstats_quantile (const double *sorted,
                      gsize         n,
                      double        q)
{
  double pos, frac;
  gsize lo;

  if (n == 0)
    return NAN;
  q = CLAMP (q, 0.0, 1.0);
  pos = q * (double) (n - 1);
  lo = (gsize) floor (pos);
  if (lo + 1 >= n)
    return sorted[n - 1];
  frac = pos - (double) lo;
  return sorted[lo] + (sorted[lo + 1] - sorted[lo]) * frac;
}

void
sg_colstats_moments (const double *values,
                     gsize         n,
                     gsize         stride,
                     SgColstats   *stats)
{
  double sum = 0, m2 = 0, m3 = 0;
  guint64 count = 0;

  stats->min = INFINITY;
  stats->max = -INFINITY;
  for (gsize i = 0; i < n; i++)
    {
      double v = values[i * stride];

      if (isnan (v))
        continue;
      sum += v;
      count++;
      if (v < stats->min)
        stats->min = v;
      if (v > stats->max)
        stats->max = v;
    }
  stats->n = count;
  stats->n_missing = n - count;
  if (count == 0)
    {
      stats->mean = stats->std = stats->min = stats->max = NAN;
      stats->skewness = 0;
      return;
    }
  stats->mean = sum / (double) count;
  for (gsize i = 0; i < n; i++)
    {
      double v = values[i * stride], d;

      if (isnan (v))
        continue;
      d = v - stats->mean;
      m2 += d * d;
      m3 += d * d * d;
    }
  m2 /= (double) count;
  m3 /= (double) count;
  stats->std = sqrt (m2);
  stats->skewness = 0;
  if (count >= 3 && stats->max > stats->min && m2 > 0)
    {
      double g1 = m3 / pow (m2, 1.5), nn = (double) count;

      stats->skewness = g1 * sqrt (nn * (nn - 1)) / (nn - 2);
    }
}
