/* sg-metrics.h — quality of a clustering: silhouette, Davies–Bouldin, Calinski–Harabasz, inertia
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Definitions as scikit-learn's. Rows whose label is negative (DBSCAN noise, "unassigned") are
 * left out of every metric, as rows and as neighbours. Labels must be below @k; clusters without
 * rows are ignored (scikit-learn only sees the labels present). Every metric needs at least 2
 * clusters with rows and fewer clusters than labelled rows. A value is never NaN, except as the
 * return of a failed call (which sets @error).
 */
#pragma once

#include <glib.h>

#include "sg-matrix.h"
#include "sg-progress.h"

G_BEGIN_DECLS

#define SG_SILHOUETTE_EXACT_LIMIT 50000

typedef struct {
  double   mean;          /* the mean silhouette (an estimate when sampled) */
  double   ci_low;        /* 95% confidence interval of the mean; equal to mean when exact */
  double   ci_high;
  gboolean sampled;       /* TRUE: estimated from a seeded sample of rows, say so */
  gsize    sample_size;   /* rows whose silhouette was computed */
} SgSilhouette;

/* Exact (O(n²·d) time, O(n·k) memory, threaded, deterministic) up to @exact_limit labelled rows
 * (0: SG_SILHOUETTE_EXACT_LIMIT). Above it, the exact silhouette of a seeded sample of rows (each
 * against every labelled row), with a 95% confidence interval (normal, finite-population
 * corrected). @per_row (nullable, n_rows floats) receives each row's value, NaN where not
 * computed. A cluster of one row scores 0, as in scikit-learn. */
gboolean sg_silhouette        (const SgMatrix *x,
                               const gint32   *labels,
                               guint           k,
                               gsize           exact_limit,
                               guint64         seed,
                               guint           n_threads,
                               float          *per_row,
                               SgSilhouette   *out,
                               SgProgress     *progress,
                               GError        **error);
/* Lower is better; 0 when all clusters are points or all centroids coincide (as scikit-learn). */
double   sg_davies_bouldin    (const SgMatrix *x,
                               const gint32   *labels,
                               guint           k,
                               GError        **error);
/* Higher is better; 1 when every cluster is a single point (as scikit-learn). */
double   sg_calinski_harabasz (const SgMatrix *x,
                               const gint32   *labels,
                               guint           k,
                               GError        **error);
/* The within-cluster sum of squared distances to the cluster means (labels >= k are ignored). */
double   sg_inertia           (const SgMatrix *x,
                               const gint32   *labels,
                               guint           k);

G_END_DECLS
