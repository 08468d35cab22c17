/* sg-pca.h — principal component analysis for projections and biplots
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The covariance matrix in one parallel pass (chunk means and scatter matrices merged in chunk
 * order, so any thread count gives the same bits), eigenvectors with GSL, components sorted by
 * explained variance. Signs follow scikit-learn 1.2 (svd_flip, u-based): in each component the
 * row with the largest absolute score scores positive, so plots do not flip between runs.
 */
#pragma once

#include <glib.h>

#include "sg-matrix.h"

G_BEGIN_DECLS

typedef struct {
  guint   n_cols;
  double *mean;                      /* n_cols */
  double *components;                /* n_cols × n_cols, row c = component c (unit length) */
  double *explained_variance;        /* n_cols, descending; with n - 1 in the denominator */
  double *explained_variance_ratio;  /* n_cols, sums to 1 */
} SgPca;

/* Fails with fewer than 2 rows, a NaN/infinite value, or when every column is constant. */
SgPca *sg_pca_fit        (const SgMatrix *x,
                          GError        **error);
/* The same with a thread count (0: the default); the result does not depend on it. */
SgPca *sg_pca_fit_full   (const SgMatrix *x,
                          guint           n_threads,
                          GError        **error);
/* Scores of the rows of @x (same columns as fitted) on the first @n_components components:
 * @out holds n_rows × n_components floats, row-major. */
void   sg_pca_transform  (const SgPca    *pca,
                          const SgMatrix *x,
                          guint           n_components,
                          float          *out);
/* Loadings for a biplot: @out[f * n_components + c] = component c's weight of feature f times
 * sqrt(explained variance of c) (the feature's covariance with the component's score). */
void   sg_pca_loadings   (const SgPca    *pca,
                          guint           n_components,
                          double         *out);
void   sg_pca_free       (SgPca          *pca);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SgPca, sg_pca_free)

G_END_DECLS
