/* sg-run-settings.h — everything that defines a segmentation run, stored with it as JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A run is reproducible from its settings: the same dataset, features, scaling, algorithm options and
 * seed give the same segments, whatever the thread count.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "sg-gmm.h"
#include "sg-hclust.h"
#include "sg-scaler.h"

G_BEGIN_DECLS

typedef enum {
  SG_ALGORITHM_KMEANS,
  SG_ALGORITHM_GMM,
  SG_ALGORITHM_DBSCAN,
  SG_ALGORITHM_HIERARCHICAL,
  SG_N_ALGORITHMS
} SgAlgorithm;

const char *sg_algorithm_to_string       (SgAlgorithm  algorithm);
gboolean    sg_algorithm_from_string     (const char  *name,
                                          SgAlgorithm *algorithm);
/* "K-means", "Gaussian mixture"… and one plain-language sentence of what it does, for the app. */
const char *sg_algorithm_get_label       (SgAlgorithm  algorithm);
const char *sg_algorithm_get_description (SgAlgorithm  algorithm);
/* Whether the algorithm is told the number of segments (DBSCAN finds it). */
gboolean    sg_algorithm_takes_k         (SgAlgorithm  algorithm);

const char *sg_covariance_to_string      (SgCovarianceType type);
gboolean    sg_covariance_from_string    (const char       *name,
                                          SgCovarianceType *type);
const char *sg_linkage_to_string         (SgLinkage        linkage);
gboolean    sg_linkage_from_string       (const char       *name,
                                          SgLinkage        *linkage);

typedef struct {
  char             *name;          /* the run's name; NULL: made from the algorithm and k */
  gint64            dataset_id;
  GStrv             features;      /* column names */
  SgAlgorithm       algorithm;
  guint             k;             /* 0: choose automatically with a k scan */
  guint             k_min;         /* scan range, default 2..12 */
  guint             k_max;
  double            min_share;     /* smallest acceptable segment for the recommendation, default 0.01 */
  SgScaling         scaling;       /* default z-score */
  GStrv             log1p;         /* columns to log-transform first */
  guint64           seed;
  guint             n_threads;     /* 0: default; not stored (results do not depend on it) */
  guint             n_init;        /* 0: the algorithm's default (k-means 10 restarts, mixtures 1) */
  guint             max_iter;      /* 0: the algorithm's default */
  gboolean          minibatch;     /* k-means: mini-batch for very large data */
  SgCovarianceType  covariance;    /* mixtures, default full */
  double            eps;           /* DBSCAN radius; 0: suggested from the k-distance curve */
  guint             min_samples;   /* DBSCAN, default 5 */
  SgLinkage         linkage;       /* hierarchical, default Ward */
  gboolean          skip_metrics;  /* not stored: only the fit and its inertia (benchmark mode) */
} SgRunSettings;

void      sg_run_settings_init      (SgRunSettings       *settings);
void      sg_run_settings_clear     (SgRunSettings       *settings);
void      sg_run_settings_copy      (SgRunSettings       *dest,
                                     const SgRunSettings *src);
JsonNode *sg_run_settings_to_json   (const SgRunSettings *settings);
gboolean  sg_run_settings_from_json (JsonNode            *node,
                                     SgRunSettings       *settings,
                                     GError             **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SgRunSettings, sg_run_settings_clear)

G_END_DECLS
