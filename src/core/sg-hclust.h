/* sg-hclust.h — agglomerative hierarchical clustering and dendrogram cuts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Ward: the nearest-neighbour chain (Murtagh 1983; Müllner 2011) on centroids and sizes, O(n·d)
 * memory. Single: Prim's minimum spanning tree, O(n·d) memory. Average and complete: the
 * nearest-neighbour chain on a stored distance matrix (n(n-1)/2 doubles), allowed up to
 * max_stored_rows rows. Above the exact limits the tree is built in two stages: a seeded k-means
 * pass cuts the rows into n_micro micro-clusters, which become the leaves. For Ward this is
 * exact above the micro level (the Ward cost of merging two sets depends only on their sizes and
 * means); for average/complete/single the micro-clusters are represented by their centroids and
 * sizes (an approximation: say so in the UI).
 *
 * The result follows scipy's linkage convention: leaves 0..n_leaves-1, merge i creates cluster
 * n_leaves + i, a < b, merges in increasing height order; heights as scipy (Ward:
 * sqrt(2 · increase in within-cluster sum of squares); average/complete/single: distances).
 */
#pragma once

#include <glib.h>

#include "sg-matrix.h"
#include "sg-progress.h"

G_BEGIN_DECLS

typedef enum {
  SG_LINKAGE_WARD,
  SG_LINKAGE_AVERAGE,
  SG_LINKAGE_COMPLETE,
  SG_LINKAGE_SINGLE,
} SgLinkage;

typedef struct {
  SgLinkage linkage;          /* Ward */
  gsize     max_exact_rows;   /* 50000: above, the two-stage mode */
  gsize     max_stored_rows;  /* 20000: average/complete store n²/2 doubles (1.6 GB at 20,000);
                                 above, the two-stage mode */
  guint     n_micro;          /* 500: leaves in the two-stage mode */
  guint64   seed;             /* the micro-clusters' k-means */
  guint     n_threads;        /* 0: the default; the tree is the same for any count */
} SgHclustOptions;

void sg_hclust_options_init (SgHclustOptions *options);

typedef struct {
  gint32  a, b;      /* clusters merged, a < b: leaves below n_leaves, else merge (id - n_leaves) */
  double  height;
  guint32 size;      /* rows in the new cluster (scipy: observations; leaves when exact) */
} SgMerge;

typedef struct {
  SgLinkage linkage;
  gsize     n_rows;
  gsize     n_leaves;
  SgMerge  *merges;      /* n_leaves - 1, increasing height */
  gboolean  two_stage;   /* leaves are k-means micro-clusters (data over the exact limit) */
  gint32   *row_leaf;    /* n_rows: each row's leaf (identity when !two_stage) */
} SgDendrogram;

/* Fails with fewer than 2 rows, rows that are all the same, or a NaN/infinite value. */
SgDendrogram *sg_hclust_fit              (const SgMatrix        *x,
                                          const SgHclustOptions *options,
                                          SgProgress            *progress,
                                          GError               **error);
void          sg_dendrogram_free         (SgDendrogram          *dendrogram);

/* Row labels 0..k-1 from cutting the tree into @k clusters (1 <= k <= n_leaves), numbered by
 * decreasing size (ties: the cluster with the smaller first row first). */
gint32       *sg_dendrogram_cut_k        (const SgDendrogram    *dendrogram,
                                          guint                  k,
                                          GError               **error);
/* Row labels from applying every merge of height <= @height; @k_out (nullable) receives the
 * number of clusters. Numbered as sg_dendrogram_cut_k(). */
gint32       *sg_dendrogram_cut_height   (const SgDendrogram    *dendrogram,
                                          double                 height,
                                          guint                 *k_out);
/* A height at which the tree has @k clusters, for drawing the cut line: halfway between the
 * last merge applied and the next one (for k = 1, 5% above the top merge; for k >= n_leaves,
 * half the lowest merge). */
double        sg_dendrogram_height_for_k (const SgDendrogram    *dendrogram,
                                          guint                  k);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SgDendrogram, sg_dendrogram_free)

G_END_DECLS
