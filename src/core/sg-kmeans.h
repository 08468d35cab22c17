/* sg-kmeans.h — k-means clustering (Lloyd with Hamerly bounds, and mini-batch)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input matrix is used as given (the caller scales it). Results are bit-identical for any
 * thread count with the same seed: work is cut into fixed chunks and reduced in chunk order.
 */
#pragma once

#include <glib.h>

#include "sg-matrix.h"
#include "sg-progress.h"

G_BEGIN_DECLS

typedef struct {
  guint         k;
  guint         n_init;          /* restarts, default 10; the lowest inertia is kept */
  guint         max_iter;        /* default 300 (mini-batch: at most this many passes' worth of batches) */
  double        tol;             /* default 1e-4, times the mean per-feature variance, as scikit-learn */
  guint64       seed;            /* default 0 */
  guint         n_threads;       /* 0 = sg_parallel_get_threads () */
  gboolean      minibatch;       /* Sculley's mini-batch k-means (for very large data) */
  guint         batch_size;      /* mini-batch size, default 1024 */
  const double *init_centroids;  /* optional k × n_cols starting centres (then n_init is 1); NULL = k-means++ */
} SgKMeansOptions;

void sg_kmeans_options_init (SgKMeansOptions *options);

typedef struct {
  guint    k, n_cols;
  gsize    n_rows;
  double  *centroids;   /* k × n_cols */
  gint32  *labels;      /* n_rows, nearest centroid of each row */
  double   inertia;     /* sum of squared distances of rows to their centroid */
  guint    n_iter;      /* Lloyd iterations (mini-batch: steps) of the kept restart */
  gboolean converged;
  guint64 *sizes;       /* k, rows per cluster */
} SgKMeansResult;

/* Fails with SG_ERROR_INVALID_ARGUMENT (k = 0, k larger than the number of rows, no columns) or
 * SG_ERROR_DEGENERATE (a NaN or infinite value, fewer distinct rows than k), or
 * G_IO_ERROR_CANCELLED. */
SgKMeansResult *sg_kmeans_fit         (const SgMatrix        *x,
                                       const SgKMeansOptions *options,
                                       SgProgress            *progress,
                                       GError               **error);
void            sg_kmeans_result_free (SgKMeansResult        *result);

/* Nearest-centroid labels (ties to the lowest index) for any rows; returns the inertia. @labels
 * may be NULL when only the inertia is wanted. Deterministic for any thread count. */
double          sg_kmeans_predict     (const SgMatrix        *x,
                                       const double          *centroids,
                                       guint                  k,
                                       gint32                *labels,
                                       guint                  n_threads);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SgKMeansResult, sg_kmeans_result_free)

G_END_DECLS
