/* sg-dbscan.h — density-based clustering (DBSCAN) and the k-distance curve for choosing eps
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Same definitions as scikit-learn's DBSCAN: a point is core when at least min_samples points
 * (itself included) lie within eps (distance <= eps); clusters are the connected components of
 * core points closer than eps; a non-core point within eps of a core point is a border point,
 * anything else is noise (label -1). Clusters are numbered in the order of their first core row,
 * and a border point next to several clusters goes to the lowest-numbered one: that is what
 * scikit-learn's expansion order gives, so labels match it exactly except for distances that
 * round differently at exactly eps.
 *
 * Memory is O(n·d) (a k-d tree): neighbourhoods are never stored. Core counting stops at
 * min_samples; core points are joined with a concurrent union-find.
 */
#pragma once

#include <glib.h>

#include "sg-matrix.h"
#include "sg-progress.h"

G_BEGIN_DECLS

typedef struct {
  double eps;           /* neighbourhood radius (> 0), in the units of the (scaled) data */
  guint  min_samples;   /* 5: neighbours within eps to be core, counting the point itself */
  guint  n_threads;     /* 0: the default */
} SgDbscanOptions;

void sg_dbscan_options_init (SgDbscanOptions *options);

typedef struct {
  gsize    n_rows;
  guint    n_clusters;   /* 0 when eps is too small for any core point: every row is noise */
  gint32  *labels;       /* n_rows: 0..n_clusters-1, or -1 for noise ("unassigned") */
  guint8  *is_core;      /* n_rows: 1 for core points */
  gsize    n_noise;
  gsize    n_core;
  guint64 *sizes;        /* n_clusters: rows per cluster (border points included) */
} SgDbscanResult;

/* Fails on eps <= 0 (or not finite), min_samples 0, an empty matrix or a NaN/infinite value. */
SgDbscanResult *sg_dbscan_fit         (const SgMatrix        *x,
                                       const SgDbscanOptions *options,
                                       SgProgress            *progress,
                                       GError               **error);
void            sg_dbscan_result_free (SgDbscanResult        *result);

/* Memory for the neighbour notes of the first pass, in entries of 4 bytes (default 64 Mi, i.e.
 * 256 MB): up to n_rows × min_samples <= budget, the first pass notes each row's first
 * min_samples neighbours, which spares most of the later searches. Above it the same result
 * comes from searches alone. Returns the previous budget; for tests. */
gsize           sg_dbscan_set_list_budget (gsize entries);

/* The k-distance curve on a seeded sample of at most @max_sample rows (0: all rows): for each
 * sampled row, the distance to its k-th nearest row counting itself (so a row is core at eps
 * exactly when this is <= eps, with min_samples = k), sorted ascending. The knee (largest gap
 * below the chord from the first to the last point, both axes scaled to [0, 1]) is suggested
 * as eps (never 0: past duplicates). Fails when every k-distance is 0. */
typedef struct {
  gsize   n;
  double *distances;
  gsize   knee_index;
  double  suggested_eps;
} SgKDistance;

SgKDistance *sg_dbscan_k_distance (const SgMatrix *x,
                                   guint           k,
                                   gsize           max_sample,
                                   guint64         seed,
                                   guint           n_threads,
                                   SgProgress     *progress,
                                   GError        **error);
void         sg_k_distance_free   (SgKDistance    *curve);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SgDbscanResult, sg_dbscan_result_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SgKDistance, sg_k_distance_free)

G_END_DECLS
