/* sg-dendrogram-chart.h — a hierarchical clustering's merge tree with a movable cut line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Merges follow scipy's convention: leaves are 0..n−1, merge i joins merges[2i] and merges[2i+1]
 * and makes node n+i at heights[i].
 */
#pragma once

#include "sg-chart.h"

G_BEGIN_DECLS

#define SG_TYPE_DENDROGRAM_CHART (sg_dendrogram_chart_get_type ())
G_DECLARE_FINAL_TYPE (SgDendrogramChart, sg_dendrogram_chart, SG, DENDROGRAM_CHART, SgChart)

SgDendrogramChart *sg_dendrogram_chart_new             (void);
/* @merges: (n_leaves − 1) × 2 node ids; @leaf_labels (nullable) names the leaves; @leaf_counts
 * (nullable) gives the rows in each leaf of a truncated tree. Returns FALSE (and shows nothing)
 * if the merges do not form one tree. */
gboolean           sg_dendrogram_chart_set_data        (SgDendrogramChart *self,
                                                        const gint32      *merges,
                                                        const double      *heights,
                                                        guint              n_leaves,
                                                        const char *const *leaf_labels,
                                                        const guint64     *leaf_counts);
guint              sg_dendrogram_chart_get_n_leaves    (SgDendrogramChart *self);
void               sg_dendrogram_chart_set_cut_height  (SgDendrogramChart *self,
                                                        double             height);
double             sg_dendrogram_chart_get_cut_height  (SgDendrogramChart *self);
/* Clusters left when cutting at @height: n − (merges at or below it). */
guint              sg_dendrogram_chart_k_for_height    (SgDendrogramChart *self,
                                                        double             height);
/* A height giving @k clusters (1..n): midway between the merges that bound it. */
double             sg_dendrogram_chart_height_for_k    (SgDendrogramChart *self,
                                                        guint              k);
/* Between the pointer's y (as given to sg_chart_hit_test) and a height, in the last layout. */
double             sg_dendrogram_chart_y_to_height     (SgDendrogramChart *self,
                                                        double             y);
double             sg_dendrogram_chart_height_to_y     (SgDendrogramChart *self,
                                                        double             height);

G_END_DECLS
