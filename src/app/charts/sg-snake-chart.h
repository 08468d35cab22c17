/* sg-snake-chart.h — standardised feature means per segment, as one line per segment
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sg-chart.h"

G_BEGIN_DECLS

#define SG_TYPE_SNAKE_CHART (sg_snake_chart_get_type ())
G_DECLARE_FINAL_TYPE (SgSnakeChart, sg_snake_chart, SG, SNAKE_CHART, SgChart)

SgSnakeChart *sg_snake_chart_new      (void);
/* @z[s * n_features + f] as for the profile heatmap (SDs from the overall mean; NaN unknown). */
void          sg_snake_chart_set_data (SgSnakeChart      *self,
                                       const double      *z,
                                       guint              n_segments,
                                       guint              n_features,
                                       const char *const *segment_names,
                                       const char *const *feature_names);

G_END_DECLS
