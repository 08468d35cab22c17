/* sg-silhouette-chart.h — each segment's silhouette values, sorted, as a band of horizontal bars
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sg-chart.h"

G_BEGIN_DECLS

#define SG_TYPE_SILHOUETTE_CHART (sg_silhouette_chart_get_type ())
G_DECLARE_FINAL_TYPE (SgSilhouetteChart, sg_silhouette_chart, SG, SILHOUETTE_CHART, SgChart)

SgSilhouetteChart *sg_silhouette_chart_new      (void);
/* @silhouette[i] (-1..1; NaN skipped) of row i in @segment[i] (0..@n_segments-1; others skipped). */
void               sg_silhouette_chart_set_data (SgSilhouetteChart *self,
                                                 const double      *silhouette,
                                                 const gint32      *segment,
                                                 gsize              n,
                                                 guint              n_segments,
                                                 const char *const *names);
double             sg_silhouette_chart_get_mean (SgSilhouetteChart *self);

G_END_DECLS
