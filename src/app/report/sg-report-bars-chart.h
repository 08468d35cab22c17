/* sg-report-bars-chart.h — one segment against the others: for its most distinctive features, a
 * bar of how far its mean lies from the overall mean (in standard deviations), with the other
 * segments marked as thin ticks on the same rows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The key chart of a segment's page in the report. Drawn with the chart layer's helpers, so it
 * looks like every other chart.
 */
#pragma once

#include "sg-chart.h"

G_BEGIN_DECLS

#define SG_TYPE_REPORT_BARS_CHART (sg_report_bars_chart_get_type ())
G_DECLARE_FINAL_TYPE (SgReportBarsChart, sg_report_bars_chart, SG, REPORT_BARS_CHART, SgChart)

SgReportBarsChart *sg_report_bars_chart_new      (void);
/* @z[s * n_features + f] as for the profile heatmap (NaN unknown). Shows segment @segment's
 * @max_features features with the largest |z| (0: all), largest first. */
void               sg_report_bars_chart_set_data (SgReportBarsChart *self,
                                                  const double      *z,
                                                  guint              n_segments,
                                                  guint              n_features,
                                                  guint              segment,
                                                  const char *const *segment_names,
                                                  const char *const *feature_names,
                                                  guint              max_features);
/* Rows the chart will show (for sizing it). */
guint              sg_report_bars_chart_get_n_rows (SgReportBarsChart *self);

G_END_DECLS
