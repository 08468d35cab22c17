/* sg-run-charts.h — a stored run's charts as plain models: what the Segments dashboard, the exports and
 * the report draw
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sg_run_data_load() reads everything a run's charts need in one go (on any thread, with that thread's
 * connection). The builders below are pure functions from that data (and, where the model is not
 * enough, the run's rows) to chart models; the _apply() functions hand a model to its SgChart. Nothing
 * here needs a display.
 */
#pragma once

#include "sg-box-chart.h"
#include "sg-dendrogram-chart.h"
#include "sg-heatmap-chart.h"
#include "sg-k-scan-chart.h"
#include "sg-project.h"
#include "sg-run-settings.h"
#include "sg-scatter-chart.h"
#include "sg-segmenter.h"
#include "sg-silhouette-chart.h"
#include "sg-sizes-chart.h"
#include "sg-snake-chart.h"

G_BEGIN_DECLS

typedef struct {
  SgRunInfo     *run;
  SgRunSettings  settings;
  SgAlgorithm    algorithm;
  SgScaling      scaling;
  guint          k;
  guint          n_features;
  char         **features;          /* n_features column names (the model's) */
  char         **roles;             /* n_features: the column's role (else one guessed from its name), or NULL */
  int           *feature_columns;   /* n_features: column index in the dataset, -1 if gone */
  int            id_column;         /* the dataset's column with role "id", or -1 */
  char         **names;             /* k: the segments' names, "Segment N" until they have one */
  char         **profiles;          /* k: each segment's stored profile JSON, or NULL */
  guint64       *sizes;             /* k */
  gsize          n_rows;            /* dataset rows: the length of every per-row array */
  gint32        *labels;            /* 0..k-1, SG_LABEL_UNASSIGNED or SG_LABEL_EXCLUDED */
  guint64        n_unassigned;
  guint64        n_excluded;
  float         *pca;               /* n_rows × pca_dims, NaN for rows left out; NULL if none */
  guint          pca_dims;
  float         *silhouette;        /* n_rows, NaN where not computed; NULL if none */
  SgMerge       *merges;            /* hierarchical runs: the tree; NULL otherwise */
  gsize          n_merges;
  gint32        *leaf;              /* two-stage trees: each dataset row's leaf; NULL otherwise */
  double        *centroids_scaled;  /* k × n_features, in the clustering's (scaled) units */
  double        *centroids;         /* k × n_features, segment means in the features' own units */
  double        *pca_components;    /* n_features × n_features, row c = component c; NULL if none */
  double        *pca_mean;          /* n_features */
  double        *pca_variance;      /* n_features: explained variance per component */
  double        *pca_ratio;         /* n_features: its share of the total */
  JsonNode      *model;             /* the run's model and metrics, parsed */
  JsonNode      *metrics;
} SgRunData;

SgRunData  *sg_run_data_load              (SgProject        *project,
                                           gint64            run_id,
                                           GError          **error);
void        sg_run_data_free              (SgRunData        *data);
/* The metrics' "scan" object when k was chosen automatically, else NULL. */
JsonObject *sg_run_data_get_scan          (const SgRunData  *data);

/* ---- headline figures ---- */

/* "Clearly separated", "Reasonably distinct", "Overlapping" (NULL for NaN). */
const char *sg_run_charts_silhouette_words    (double silhouette);
/* What the silhouette means for the user's customers, one sentence. */
const char *sg_run_charts_silhouette_sentence (double silhouette);

typedef struct {
  guint64   n_segmented;     /* customers in a segment */
  guint64   n_unassigned;    /* in the run but in no segment (noise) */
  guint64   n_excluded;      /* left out: a value was missing */
  guint     k;
  double    silhouette;      /* NaN when not measured */
  double    silhouette_low, silhouette_high;
  gboolean  sampled;
  guint64   sample_size;
  char     *method;          /* "K-means" */
  char     *method_sentence; /* what it does, in plain words */
  char     *k_reason;        /* why this k, when it was chosen automatically; else NULL */
} SgRunHeadline;

void        sg_run_headline_init          (SgRunHeadline    *headline,
                                           const SgRunData  *data);
void        sg_run_headline_clear         (SgRunHeadline    *headline);

/* ---- the map of customers ---- */

typedef struct {
  gsize     n;
  float    *x, *y;
  gint32   *segment;        /* 0..k-1 or -1 (unassigned) */
  guint32  *rows;           /* each point's dataset row */
  guint     k;
  char     *x_name, *y_name;
  double    x_share, y_share;
  double   *centroid_x;     /* k: each segment's centre (centroids_scaled projected); NaN if unknown */
  double   *centroid_y;
  guint     n_loadings;     /* one arrow per feature */
  double   *load_x, *load_y;
  char    **load_names;
} SgScatterModel;

/* Points on components @dim_x and @dim_y (0-based), rows left out of the run skipped. FALSE when the
 * run has no map. */
gboolean    sg_scatter_model_build        (SgScatterModel   *model,
                                           const SgRunData  *data,
                                           guint             dim_x,
                                           guint             dim_y);
void        sg_scatter_model_clear        (SgScatterModel   *model);
void        sg_scatter_model_apply        (const SgScatterModel *model,
                                           SgScatterChart   *chart,
                                           const char *const *names,
                                           gboolean          loadings);

/* ---- how segments differ: heatmap, snake plot, sentences ---- */

typedef struct {
  guint     k, n_features;
  double   *z;               /* k × n_features: (segment mean − overall mean) / overall SD */
  double   *segment_means;   /* k × n_features, in the features' own units */
  double   *overall_means;   /* n_features, over every customer in the run */
  gboolean  from_rows;       /* computed from the customers' rows (else from the model) */
} SgProfileModel;

/* From the stored model alone: exact for z-score runs in which every customer is in a segment (the
 * centroids are then in SD units). FALSE otherwise: use sg_profile_model_from_rows(). */
gboolean    sg_profile_model_from_model   (SgProfileModel   *model,
                                           const SgRunData  *data);
/* From the run's scaled rows (sg_run_input_load() with the run's settings), for any scaling: the
 * differences are measured in the units the segments were found in. */
gboolean    sg_profile_model_from_rows    (SgProfileModel   *model,
                                           const SgRunData  *data,
                                           const SgRunInput *input,
                                           GError          **error);
/* Either of the above, loading the rows only when needed. */
gboolean    sg_profile_model_compute      (SgProfileModel   *model,
                                           SgProject        *project,
                                           const SgRunData  *data,
                                           GError          **error);
void        sg_profile_model_clear        (SgProfileModel   *model);
/* Up to @max features of segment @s by distinctiveness (|z|, largest first); returns how many. */
guint       sg_profile_model_top_features (const SgProfileModel *model,
                                           guint             s,
                                           guint            *features,
                                           guint             max);
void        sg_profile_model_apply_heatmap (const SgProfileModel *model,
                                            SgHeatmapChart   *chart,
                                            const SgRunData  *data);
void        sg_profile_model_apply_snake  (const SgProfileModel *model,
                                           SgSnakeChart     *chart,
                                           const SgRunData  *data);

/* One sentence on a feature of a segment: "Spends 3.2× the average (412 against 129)", "Web visits: 60%
 * below the average (1.5 against 3.75)", "Older than average (52 against 43)". @role may be NULL. Ratios
 * are said only for @amounts (values that cannot be negative); otherwise "higher/lower than average". */
char       *sg_run_charts_feature_sentence (const char      *feature,
                                            const char      *role,
                                            double           segment_mean,
                                            double           overall_mean,
                                            double           z,
                                            gboolean         amounts);
/* Whether feature @f looks like an amount in every segment (no segment's mean below zero). */
gboolean    sg_profile_model_is_amount    (const SgProfileModel *model,
                                           guint             f);
/* What sets segment @s apart, at most @max sentences, most distinctive first: from its stored profile
 * when it has one, else from @profile (nullable: then none). */
GStrv       sg_run_charts_segment_facts   (const SgRunData  *data,
                                           const SgProfileModel *profile,
                                           guint             s,
                                           guint             max);

/* ---- sizes, silhouette, k scan ---- */

void        sg_run_charts_apply_sizes     (const SgRunData  *data,
                                           SgSizesChart     *chart);

typedef struct {
  guint     k;
  gsize     n;            /* customers whose silhouette was computed */
  double   *values;       /* n: segment by segment, each sorted from highest to lowest */
  gint32   *segment;      /* n */
  gsize    *offsets;      /* k + 1: segment s is values[offsets[s] .. offsets[s + 1]) */
  double    mean;
  gboolean  sampled;      /* computed on a sample of the customers */
} SgSilhouetteModel;

gboolean    sg_silhouette_model_build     (SgSilhouetteModel *model,
                                           const SgRunData   *data);
void        sg_silhouette_model_clear     (SgSilhouetteModel *model);
void        sg_silhouette_model_apply     (const SgSilhouetteModel *model,
                                           SgSilhouetteChart *chart,
                                           const char *const *names);

/* FALSE when the run's k was not chosen by a scan. */
gboolean    sg_run_charts_apply_k_scan    (const SgRunData  *data,
                                           SgKScanChart     *chart);

/* ---- box plots ---- */

typedef struct {
  guint        k;
  SgBoxStats  *boxes;      /* k; outliers point into @storage */
  double      *storage;
} SgBoxModel;

/* Quartiles, whiskers (1.5 IQR) and means of @values (dataset rows; NaN skipped) per segment of
 * @labels; at most @max_outliers of the most extreme values kept on each side of each box. */
void        sg_box_model_compute          (SgBoxModel       *model,
                                           const double     *values,
                                           const gint32     *labels,
                                           gsize             n,
                                           guint             k,
                                           guint             max_outliers);
void        sg_box_model_clear            (SgBoxModel       *model);
/* The box plots of column @column_index of dataset @dataset_id, as sg_box_model_compute () for the @n rows
 * of @labels (a new model), read from @project: call it off the main thread. NULL, with an error, when the
 * column cannot be read, is not numeric, does not have @n rows, or @cancellable was cancelled. */
SgBoxModel *sg_box_model_load             (SgProject        *project,
                                           gint64            dataset_id,
                                           guint             column_index,
                                           const gint32     *labels,
                                           gsize             n,
                                           guint             k,
                                           guint             max_outliers,
                                           GCancellable     *cancellable,
                                           GError          **error);
void        sg_box_model_free             (SgBoxModel       *model);

/* ---- the tree of a hierarchical run ---- */

typedef struct {
  guint     n_leaves;       /* the top of the tree: at most the maximum asked for */
  gint32   *merges;         /* (n_leaves − 1) × 2, left child first */
  double   *heights;        /* n_leaves − 1 */
  guint64  *leaf_counts;    /* customers under each leaf */
  gsize     n_full_leaves;  /* leaves of the whole tree */
} SgTreeModel;

/* The top of the run's tree with at most @max_leaves leaves (each a group of customers), children
 * ordered so that at the run's k the groups read left to right in segment order where the tree
 * allows. FALSE when the run has no tree. */
gboolean    sg_tree_model_build           (SgTreeModel      *model,
                                           const SgRunData  *data,
                                           guint             max_leaves);
void        sg_tree_model_clear           (SgTreeModel      *model);
/* The sizes of the @k groups (2 ≤ k ≤ n_leaves) a cut gives, largest first; FALSE if k is out of range. */
gboolean    sg_tree_model_sizes_at_k      (const SgTreeModel *model,
                                           guint             k,
                                           guint64          *sizes);
gboolean    sg_tree_model_apply           (const SgTreeModel *model,
                                           SgDendrogramChart *chart,
                                           guint             k);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SgRunData, sg_run_data_free)

G_END_DECLS
