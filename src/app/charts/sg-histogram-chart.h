/* sg-histogram-chart.h — a small histogram of one column (data-quality page)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sg-chart.h"

G_BEGIN_DECLS

#define SG_TYPE_HISTOGRAM_CHART (sg_histogram_chart_get_type ())
G_DECLARE_FINAL_TYPE (SgHistogramChart, sg_histogram_chart, SG, HISTOGRAM_CHART, SgChart)

SgHistogramChart *sg_histogram_chart_new        (void);
/* Precomputed bins: @edges has @n_bins + 1 ascending values, @counts @n_bins. */
void              sg_histogram_chart_set_bins   (SgHistogramChart *self,
                                                 const double     *edges,
                                                 const guint64    *counts,
                                                 guint             n_bins,
                                                 guint64           n_missing);
/* Bins @values itself: about √n bins (5 to 40) on "nice" edges; NaN counts as missing. */
void              sg_histogram_chart_set_values (SgHistogramChart *self,
                                                 const double     *values,
                                                 gsize             n);
/* The column's name: the x axis title and the description. */
void              sg_histogram_chart_set_label  (SgHistogramChart *self,
                                                 const char       *label);
guint             sg_histogram_chart_get_n_bins (SgHistogramChart *self);
/* Bin @i's edges and count (for tests and tables). */
gboolean          sg_histogram_chart_get_bin    (SgHistogramChart *self,
                                                 guint             i,
                                                 double           *lo,
                                                 double           *hi,
                                                 guint64          *count);

G_END_DECLS
