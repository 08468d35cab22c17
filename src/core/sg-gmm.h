/* sg-gmm.h — Gaussian mixture models fitted by expectation–maximisation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * As scikit-learn's GaussianMixture (init_params="kmeans"): each initialisation starts from the
 * labels of one k-means run, EM runs in log space until the mean log-likelihood per row changes
 * by less than tol, and the initialisation with the best lower bound is kept. Deterministic for
 * any thread count with the same seed.
 */
#pragma once

#include <glib.h>

#include "sg-matrix.h"
#include "sg-progress.h"

G_BEGIN_DECLS

typedef enum {
  SG_COVARIANCE_FULL,
  SG_COVARIANCE_DIAG,
  SG_COVARIANCE_SPHERICAL,
} SgCovarianceType;

/* "full", "diag", "spherical" (scikit-learn's names). */
const char *sg_covariance_type_to_string   (SgCovarianceType  type);
gboolean    sg_covariance_type_from_string (const char       *name,
                                            SgCovarianceType *type);

typedef struct {
  guint            k;
  SgCovarianceType covariance;  /* default full */
  guint            n_init;      /* default 1 */
  guint            max_iter;    /* default 100; 0 keeps the k-means start without EM */
  double           tol;         /* default 1e-3, on the change of the lower bound */
  double           reg_covar;   /* default 1e-6, added to the covariance diagonals */
  guint64          seed;        /* default 0 */
  guint            n_threads;   /* 0 = sg_parallel_get_threads () */
} SgGmmOptions;

void sg_gmm_options_init (SgGmmOptions *options);

typedef struct {
  guint            k, n_cols;
  gsize            n_rows;
  SgCovarianceType covariance;
  double          *weights;        /* k */
  double          *means;          /* k × n_cols */
  double          *covariances;    /* full: k × n_cols × n_cols; diag: k × n_cols; spherical: k */
  double           lower_bound;    /* mean log-likelihood per row at the last E-step of the kept
                                    * initialisation (scikit-learn's lower_bound_) */
  double           log_likelihood; /* mean log-likelihood per row of the returned parameters
                                    * (scikit-learn's score(X)); BIC and AIC use it */
  double           bic, aic;
  guint            n_iter;
  gboolean         converged;
  gint32          *labels;         /* n_rows: the most probable component */
  float           *probabilities;  /* n_rows × k: membership probabilities, rows sum to 1 */
  guint64         *sizes;          /* k: rows per label */
} SgGmmResult;

/* Fails with SG_ERROR_INVALID_ARGUMENT (k = 0, k larger than the number of rows, fewer than two
 * rows, negative reg_covar or tol), SG_ERROR_DEGENERATE (non-finite values, fewer distinct rows
 * than k, a covariance that is not positive definite even with reg_covar), or
 * G_IO_ERROR_CANCELLED. */
SgGmmResult *sg_gmm_fit         (const SgMatrix     *x,
                                 const SgGmmOptions *options,
                                 SgProgress         *progress,
                                 GError            **error);
void         sg_gmm_result_free (SgGmmResult        *result);

/* Number of free parameters, as scikit-learn's _n_parameters (for BIC and AIC). */
guint64      sg_gmm_n_parameters (SgCovarianceType covariance,
                                  guint            k,
                                  guint            n_cols);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SgGmmResult, sg_gmm_result_free)

G_END_DECLS
