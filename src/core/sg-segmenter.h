/* sg-segmenter.h — a segmentation run from start to finish
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Three levels, each used on its own:
 *  - sg_cluster_matrix(): one algorithm at one k on an already scaled matrix, with its quality figures;
 *  - sg_kscan_matrix(): the same for k = k_min..k_max and a recommendation (the "Auto" choice);
 *  - sg_segment_dataset(): loads the features of a project dataset, leaves out rows with missing values
 *    (counted), scales, scans k if asked, clusters, measures, projects on principal components, and
 *    stores the run (settings, fitted model, metrics, each row's segment) in one transaction.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "sg-hclust.h"
#include "sg-matrix.h"
#include "sg-progress.h"
#include "sg-project.h"
#include "sg-recommend.h"
#include "sg-run-settings.h"
#include "sg-scaler.h"

G_BEGIN_DECLS

typedef struct {
  double   inertia;              /* within-segment sum of squares (scaled units) */
  double   silhouette;           /* NaN when not computable (one segment) */
  double   silhouette_ci_low;    /* 95% interval when sampled, else equal to silhouette */
  double   silhouette_ci_high;
  gboolean silhouette_sampled;
  gsize    silhouette_sample;
  double   davies_bouldin;
  double   calinski_harabasz;
  double   bic, aic, lower_bound; /* mixtures; NaN otherwise */
  guint    n_iter;
  gboolean converged;
  gsize    n_unassigned;         /* DBSCAN noise */
  double   eps;                  /* DBSCAN radius used */
  double   seconds;              /* fitting time */
} SgClusterMetrics;

typedef struct {
  guint             k;              /* segments, not counting unassigned */
  gsize             n_rows;
  gint32           *labels;         /* per matrix row: 0..k-1 or SG_LABEL_UNASSIGNED */
  guint64          *sizes;          /* k */
  float            *probabilities;  /* mixtures: n_rows × k; else NULL */
  float            *silhouettes;    /* per row (NaN where not computed); NULL if none */
  double           *centroids;      /* k × d in scaled units (segment means) */
  JsonNode         *model;          /* the algorithm's fitted parameters */
  SgDendrogram     *dendrogram;     /* hierarchical runs: the merge tree */
  SgClusterMetrics  metrics;
} SgClustering;

void          sg_clustering_free (SgClustering *clustering);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SgClustering, sg_clustering_free)

/* Clusters @x (already scaled) into @k segments (ignored by DBSCAN) with @settings' algorithm. */
SgClustering *sg_cluster_matrix  (const SgMatrix       *x,
                                  const SgRunSettings  *settings,
                                  guint                 k,
                                  SgProgress           *progress,
                                  GError              **error);

/* Sizes, segment means and quality figures of given labels, as sg_cluster_matrix() measures its own
 * (e.g. a stored tree cut at another k). Takes @labels (x->n_rows: 0..k-1 or SG_LABEL_UNASSIGNED). */
SgClustering *sg_clustering_from_labels (const SgMatrix      *x,
                                         const SgRunSettings *settings,
                                         gint32              *labels,
                                         guint                k,
                                         SgProgress          *progress,
                                         GError             **error);

typedef struct {
  GArray           *rows;            /* SgKScanRow, k = k_min..k_max */
  SgRecommendation  recommendation;
} SgKScan;

void          sg_kscan_free      (SgKScan *scan);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SgKScan, sg_kscan_free)

SgKScan      *sg_kscan_matrix    (const SgMatrix       *x,
                                  const SgRunSettings  *settings,
                                  SgProgress           *progress,
                                  GError              **error);
JsonNode     *sg_kscan_to_json   (const SgKScan        *scan);

/* The features of a dataset, ready to cluster. */
typedef struct {
  SgMatrix *x;            /* scaled */
  GArray   *kept_rows;    /* guint: the dataset row of each matrix row */
  gsize     n_table_rows;
  SgScaler *scaler;
  GStrv     warnings;     /* e.g. constant columns; sentences for the user */
} SgRunInput;

void          sg_run_input_free  (SgRunInput *input);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SgRunInput, sg_run_input_free)

SgRunInput   *sg_run_input_load  (SgProject            *project,
                                  const SgRunSettings  *settings,
                                  GError              **error);

typedef struct {
  gint64            run_id;
  guint             k;
  gsize             n_rows;       /* dataset rows */
  gsize             n_excluded;   /* left out for missing values */
  guint64          *sizes;
  SgClusterMetrics  metrics;
  SgKScan          *scan;         /* when k was chosen automatically */
  GStrv             warnings;
} SgRunOutcome;

void          sg_run_outcome_free (SgRunOutcome *outcome);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SgRunOutcome, sg_run_outcome_free)

SgRunOutcome *sg_segment_dataset (SgProject            *project,
                                  const SgRunSettings  *settings,
                                  SgProgress           *progress,
                                  GError              **error);
/* Stores @c, clustered on @input with @settings, as a new run the way sg_segment_dataset() does (model,
 * metrics, labels, principal components, per-row arrays, then the run report: profiles, names, rules), in
 * one transaction. Frees @input's matrix once stored. Returns the run's id, or 0. */
gint64        sg_store_clustering (SgProject            *project,
                                   const SgRunSettings  *settings,
                                   SgRunInput           *input,
                                   const SgClustering   *c,
                                   SgProgress           *progress,
                                   GError              **error);
/* On a worker thread with its own connection; progress reaches @progress_func on this thread. */
void          sg_segment_dataset_async  (SgProject           *project,
                                         const SgRunSettings *settings,
                                         GCancellable        *cancellable,
                                         SgProgressFunc       progress_func,
                                         gpointer             progress_data,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
SgRunOutcome *sg_segment_dataset_finish (GAsyncResult        *result,
                                         GError             **error);
/* A k scan on a dataset without storing a run (the app's "Auto" preview and the CLI's scan). */
void          sg_kscan_dataset_async    (SgProject           *project,
                                         const SgRunSettings *settings,
                                         GCancellable        *cancellable,
                                         SgProgressFunc       progress_func,
                                         gpointer             progress_data,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
SgKScan      *sg_kscan_dataset_finish   (GAsyncResult        *result,
                                         GError             **error);
SgKScan      *sg_kscan_dataset          (SgProject           *project,
                                         const SgRunSettings *settings,
                                         SgProgress          *progress,
                                         GError             **error);

G_END_DECLS
