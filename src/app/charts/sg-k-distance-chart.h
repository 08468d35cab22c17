/* sg-k-distance-chart.h — sorted distances to the k-th nearest neighbour, with the suggested eps
 * for DBSCAN marked at the knee
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sg-chart.h"

G_BEGIN_DECLS

#define SG_TYPE_K_DISTANCE_CHART (sg_k_distance_chart_get_type ())
G_DECLARE_FINAL_TYPE (SgKDistanceChart, sg_k_distance_chart, SG, K_DISTANCE_CHART, SgChart)

SgKDistanceChart *sg_k_distance_chart_new      (void);
/* @distances of @n points to their @k-th nearest neighbour, in any order (sorted here; NaN
 * dropped); @eps the suggested radius (NaN: none). */
void              sg_k_distance_chart_set_data (SgKDistanceChart *self,
                                                const double     *distances,
                                                gsize             n,
                                                guint             k,
                                                double            eps);

G_END_DECLS
