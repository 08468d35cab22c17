/* sg-recommend.h — choosing the number of segments from a k scan, with a reason a marketer can read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  guint   k;
  double  inertia;           /* within-segment sum of squares (k-means); NaN if not computed */
  double  silhouette;        /* mean silhouette; NaN if not computed */
  double  davies_bouldin;
  double  calinski_harabasz;
  double  bic;               /* Gaussian mixtures; NaN otherwise */
  double  smallest_share;    /* size of the smallest segment / customers segmented */
} SgKScanRow;

typedef struct {
  guint  recommended_k;
  guint  elbow_k;            /* 0 when the curve has no clear bend */
  guint  best_score_k;       /* best silhouette (or lowest BIC) over every k */
  char  *reason;             /* one sentence for the user */
} SgRecommendation;

/* The bend of a decreasing curve (Kneedle: the point farthest below the chord from the first to the last
 * value, after normalising both axes to [0, 1]). Returns an index into @values, or -1 when it is flat. */
int   sg_recommend_knee         (const double *x,
                                 const double *values,
                                 gsize         n);
/* Picks k from the scan: segments no smaller than @min_share, a preference for 4–8 segments (what a
 * marketing team can run as distinct campaigns), the elbow of the inertia curve, and the silhouette
 * (or, when @use_bic, the lowest BIC). */
void  sg_recommend_k            (const SgKScanRow *rows,
                                 gsize             n_rows,
                                 double            min_share,
                                 gboolean          use_bic,
                                 SgRecommendation *out);
void  sg_recommendation_clear   (SgRecommendation *recommendation);

G_END_DECLS
