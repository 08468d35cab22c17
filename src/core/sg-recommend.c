/* sg-recommend.c — choosing the number of segments from a k scan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rule, in order:
 *  1. A k is eligible when its smallest segment holds at least min_share of the customers.
 *  2. Among eligible k prefer 4–8 segments: few enough to run as distinct campaigns, enough to matter.
 *  3. Within that range take the elbow of the inertia curve when its silhouette is within 10% of the
 *     best in range (for mixtures: when its BIC is within 1% of the lowest); otherwise the best score.
 * Each fallback (no eligible k in 4–8, no eligible k at all) is said in the reason.
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "sg-recommend.h"

int
sg_recommend_knee (const double *x,
                   const double *values,
                   gsize         n)
{
  double x0, x1, lo = INFINITY, hi = -INFINITY, best = 0.0, first, last;
  int knee = -1;

  if (n < 3)
    return -1;
  x0 = x[0];
  x1 = x[n - 1];
  for (gsize i = 0; i < n; i++)
    {
      if (!isfinite (values[i]))
        return -1;
      lo = MIN (lo, values[i]);
      hi = MAX (hi, values[i]);
    }
  if (hi - lo <= 1e-12 * MAX (fabs (hi), 1.0) || x1 == x0)
    return -1;

  /* Normalised to [0, 1] on both axes, a decreasing convex curve lies below the chord joining its first
   * and last points; the knee is the point farthest below it. */
  first = (values[0] - lo) / (hi - lo);
  last = (values[n - 1] - lo) / (hi - lo);
  for (gsize i = 1; i + 1 < n; i++)
    {
      double u = (x[i] - x0) / (x1 - x0);
      double v = (values[i] - lo) / (hi - lo);
      double chord = first + (last - first) * u;
      double gap = chord - v;

      if (gap > best + 1e-12)
        {
          best = gap;
          knee = (int) i;
        }
    }
  /* A bend smaller than this is noise, not an elbow. */
  return best >= 0.05 ? knee : -1;
}

static double
score (const SgKScanRow *row,
       gboolean          use_bic)
{
  return use_bic ? -row->bic : row->silhouette;
}

static const char *
separation_words (double silhouette)
{
  if (silhouette >= 0.5)
    return _("clearly separated");
  if (silhouette >= 0.25)
    return _("reasonably distinct");
  return _("overlapping");
}

/* Index of the best score among rows whose flag is set, or -1. */
static int
best_among (const SgKScanRow *rows,
            gsize             n,
            const gboolean   *allowed,
            gboolean          use_bic)
{
  int best = -1;

  for (gsize i = 0; i < n; i++)
    if (allowed[i] && isfinite (score (&rows[i], use_bic)) &&
        (best < 0 || score (&rows[i], use_bic) > score (&rows[best], use_bic)))
      best = (int) i;
  return best;
}

static int
find_elbow (const SgKScanRow *rows,
            gsize             n,
            gboolean          use_bic)
{
  g_autofree double *x = g_new (double, n);
  g_autofree double *y = g_new (double, n);
  gboolean have_inertia = TRUE;

  for (gsize i = 0; i < n; i++)
    have_inertia = have_inertia && isfinite (rows[i].inertia);
  for (gsize i = 0; i < n; i++)
    {
      x[i] = rows[i].k;
      y[i] = have_inertia ? rows[i].inertia : rows[i].bic;
    }
  if (!have_inertia && !use_bic)
    return -1;
  return sg_recommend_knee (x, y, n);
}

static gboolean
close_enough (const SgKScanRow *candidate,
              const SgKScanRow *best,
              gboolean          use_bic)
{
  if (use_bic)
    return candidate->bic <= best->bic + 0.01 * fabs (best->bic);
  return candidate->silhouette >= 0.9 * best->silhouette;
}

static char *
describe_choice (const SgKScanRow *row,
                 gboolean          is_elbow,
                 gboolean          use_bic,
                 const char       *fallback)
{
  g_autofree char *quality = NULL;
  g_autofree char *main_part = NULL;
  double smallest = 100.0 * row->smallest_share;

  if (use_bic)
    quality = g_strdup_printf (_("the statistical fit is among the best (BIC %.0f)"), row->bic);
  else
    quality = g_strdup_printf (_("the segments are %s (silhouette %.2f)"),
                               separation_words (row->silhouette), row->silhouette);

  if (is_elbow)
    main_part = g_strdup_printf (_("%u segments: adding more stops paying off here (the bend in the curve), "
                                   "%s and the smallest segment holds %.0f%% of customers."),
                                 row->k, quality, smallest);
  else
    main_part = g_strdup_printf (_("%u segments: the best-separated grouping in the range you can act on; "
                                   "%s and the smallest segment holds %.0f%% of customers."),
                                 row->k, quality, smallest);
  if (fallback == NULL)
    return g_steal_pointer (&main_part);
  return g_strdup_printf ("%s %s", main_part, fallback);
}

void
sg_recommend_k (const SgKScanRow *rows,
                gsize             n_rows,
                double            min_share,
                gboolean          use_bic,
                SgRecommendation *out)
{
  g_autofree gboolean *eligible = g_new0 (gboolean, MAX (n_rows, 1));
  g_autofree gboolean *preferred = g_new0 (gboolean, MAX (n_rows, 1));
  g_autofree gboolean *every = g_new0 (gboolean, MAX (n_rows, 1));
  const char *fallback = NULL;
  gboolean any_eligible = FALSE, any_preferred = FALSE;
  int elbow, best, chosen;

  g_return_if_fail (out != NULL);
  *out = (SgRecommendation) { 0 };
  if (n_rows == 0)
    return;

  for (gsize i = 0; i < n_rows; i++)
    {
      every[i] = TRUE;
      eligible[i] = rows[i].smallest_share >= min_share;
      preferred[i] = eligible[i] && rows[i].k >= 4 && rows[i].k <= 8;
      any_eligible |= eligible[i];
      any_preferred |= preferred[i];
    }

  elbow = find_elbow (rows, n_rows, use_bic);
  out->elbow_k = elbow >= 0 ? rows[elbow].k : 0;
  best = best_among (rows, n_rows, every, use_bic);
  out->best_score_k = best >= 0 ? rows[best].k : 0;

  if (!any_preferred)
    {
      fallback = any_eligible
        ? _("No choice between 4 and 8 segments kept every segment above the minimum size, so this is the best of the rest.")
        : _("Every choice left a segment below the minimum size: consider fewer features or a different method.");
      memcpy (preferred, any_eligible ? eligible : every, n_rows * sizeof (gboolean));
    }

  chosen = best_among (rows, n_rows, preferred, use_bic);
  if (chosen < 0)
    chosen = 0;
  if (elbow >= 0 && preferred[elbow] && close_enough (&rows[elbow], &rows[chosen], use_bic))
    chosen = elbow;

  out->recommended_k = rows[chosen].k;
  out->reason = describe_choice (&rows[chosen], chosen == elbow, use_bic, fallback);
}

void
sg_recommendation_clear (SgRecommendation *recommendation)
{
  g_clear_pointer (&recommendation->reason, g_free);
}
