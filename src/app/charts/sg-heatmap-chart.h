/* sg-heatmap-chart.h — segment profiles: how far each segment's feature mean lies from the
 * overall mean, in standard deviations, on a diverging colour scale
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sg-chart.h"

G_BEGIN_DECLS

#define SG_TYPE_HEATMAP_CHART (sg_heatmap_chart_get_type ())
G_DECLARE_FINAL_TYPE (SgHeatmapChart, sg_heatmap_chart, SG, HEATMAP_CHART, SgChart)

SgHeatmapChart *sg_heatmap_chart_new        (void);
/* @z[s * n_features + f]: (mean of feature f in segment s − overall mean) / overall SD; NaN for
 * unknown. Rows of the chart are features, columns segments. */
void            sg_heatmap_chart_set_data   (SgHeatmapChart    *self,
                                             const double      *z,
                                             guint              n_segments,
                                             guint              n_features,
                                             const char *const *segment_names,
                                             const char *const *feature_names);
/* Optional raw means for tooltips: @segment_means like @z, @overall_means per feature. */
void            sg_heatmap_chart_set_means  (SgHeatmapChart    *self,
                                             const double      *segment_means,
                                             const double      *overall_means);
/* Colours saturate at ±@limit SD (default: the largest |z| rounded up to 0.5, within 1..3). */
void            sg_heatmap_chart_set_limit  (SgHeatmapChart    *self,
                                             double             limit);
double          sg_heatmap_chart_get_limit  (SgHeatmapChart    *self);

G_END_DECLS
