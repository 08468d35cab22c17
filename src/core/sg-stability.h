/* sg-stability.h — can the segments be trusted? Bootstrap stability, stability over time, and
 * agreement with an existing segmentation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "sg-matrix.h"
#include "sg-progress.h"
#include "sg-table.h"

G_BEGIN_DECLS

/* Clusters @x (one row per customer) and returns a new array of x->n_rows labels (g_free), a label
 * ≥ 0 for a cluster and −1 for noise; NULL with @error set on failure. Must be deterministic for
 * the same input. */
typedef gint32 *(*SgClusterFunc) (const SgMatrix *x,
                                  gpointer        user_data,
                                  GError        **error);

/* ---- Bootstrap stability (Hennig 2007, "Cluster-wise assessment of cluster stability") ---- */

typedef struct {
  guint    n_boot;               /* replicates; 0: 100 */
  guint64  seed;                 /* replicate b resamples with stream (seed, "bootstrap", b) */
  double   unstable_below;       /* mean Jaccard under which a segment is unstable; 0: 0.6 */
  /* Replicates on several threads at once. Only for a clustering function that is thread-safe and
   * does not itself call sg_parallel_for(); otherwise replicates run one after another and the
   * function may parallelise inside. The result is identical either way. */
  gboolean parallel_replicates;
  guint    n_threads;            /* 0: default */
} SgBootstrapOptions;

void sg_bootstrap_options_init (SgBootstrapOptions *options);

typedef struct {
  guint     k;
  guint     n_boot;
  double    unstable_below;
  double   *mean_jaccard;   /* k: mean over the replicates the segment took part in */
  guint    *n_valid;        /* k: replicates whose sample held members of the segment */
  guint    *n_dissolved;    /* k: replicates with Jaccard ≤ 0.5 (Hennig: "dissolved") */
  guint    *n_recovered;    /* k: replicates with Jaccard ≥ 0.75 */
  gboolean *unstable;       /* k: mean_jaccard < unstable_below */
  double   *jaccard;        /* n_boot × k, row-major; NaN where not valid */
} SgBootstrapResult;

/* For each replicate: draw n rows of @x with replacement, cluster them with @cluster, and for every
 * original segment (labels 0..k−1 per row of @x; noise rows are resampled but belong to no segment)
 * take the Jaccard similarity, over the distinct customers drawn, to the most similar replicate
 * cluster. Cancellable; deterministic for a seed whatever the thread count. */
SgBootstrapResult *sg_bootstrap_stability (const SgMatrix           *x,
                                           const gint32             *labels,
                                           guint                     k,
                                           SgClusterFunc             cluster,
                                           gpointer                  user_data,
                                           const SgBootstrapOptions *options,
                                           SgProgress               *progress,
                                           GError                  **error);
void               sg_bootstrap_result_free (SgBootstrapResult *result);
JsonNode          *sg_bootstrap_result_to_json (const SgBootstrapResult *result,
                                                const char *const       *segment_names);

/* ---- Stability over time ---- */

typedef struct {
  gsize   n_common;   /* customers in both fits */
  double  ari;        /* adjusted Rand index */
  double  nmi;        /* normalised mutual information */
  char   *verdict;    /* a sentence for a marketer */
} SgTimeStability;

/* @earlier and @later: labels of the same @n customers in an earlier and a later fit. Customers
 * with −2 in either (absent from that period) are left out; noise (−1) counts as a group. */
gboolean sg_time_stability       (const gint32     *earlier,
                                  const gint32     *later,
                                  gsize             n,
                                  SgTimeStability  *result,
                                  GError          **error);
/* The same, matching customers by id (duplicate ids are an error). */
gboolean sg_time_stability_by_id (const char *const *earlier_ids,
                                  const gint32      *earlier,
                                  gsize              n_earlier,
                                  const char *const *later_ids,
                                  const gint32      *later,
                                  gsize              n_later,
                                  SgTimeStability   *result,
                                  GError           **error);
void     sg_time_stability_clear (SgTimeStability  *result);

/* ---- Comparison with an existing segmentation ---- */

typedef struct {
  guint   index;     /* the AI segment (in a split) or the old group (in a pool) */
  guint64 count;
  double  share;     /* of the old group (split) or of the AI segment (pool) */
} SgCrossPart;

typedef struct {
  guint        index;     /* the old group (split) or the AI segment (pool) */
  guint        n_parts;
  SgCrossPart *parts;     /* parts holding ≥ 10 %, largest first */
  char        *sentence;
} SgCrossFinding;

typedef struct {
  guint           k;
  guint           n_old;
  char          **old_levels;   /* n_old, most frequent first; NULL-terminated */
  char           *old_column;
  guint64        *table;        /* k × n_old counts, row-major */
  guint64         n;            /* customers in a segment with an old group */
  double          ari;
  double          nmi;
  guint           n_splits;
  SgCrossFinding *splits;       /* old groups spread over several AI segments */
  guint           n_pools;
  SgCrossFinding *pools;        /* AI segments that pool several old groups */
} SgComparison;

/* Compares the segments (@labels, 0..k−1; other rows left out) with the groups of @old_column (any
 * column, read as categories; rows without a value left out). @segment_names (k, may be NULL) are
 * used in the sentences. */
SgComparison *sg_compare_segmentation (SgTable           *table,
                                       const gint32      *labels,
                                       guint              k,
                                       guint              old_column,
                                       const char *const *segment_names,
                                       GError           **error);
void          sg_comparison_free      (SgComparison *comparison);
JsonNode     *sg_comparison_to_json   (const SgComparison *comparison);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SgBootstrapResult, sg_bootstrap_result_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SgComparison, sg_comparison_free)

G_END_DECLS
