/* sg-box-chart.h — one feature's distribution in each segment, as box plots
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sg-chart.h"

G_BEGIN_DECLS

/* One segment's precomputed summary (the engine computes it; the chart only draws). */
typedef struct {
  double        low_whisker;   /* the lowest value within 1.5 IQR below q1 */
  double        q1, median, q3;
  double        high_whisker;
  double        mean;          /* NaN: not drawn */
  const double *outliers;      /* values beyond the whiskers; copied */
  gsize         n_outliers;
  guint64       count;         /* rows in the segment */
} SgBoxStats;

#define SG_TYPE_BOX_CHART (sg_box_chart_get_type ())
G_DECLARE_FINAL_TYPE (SgBoxChart, sg_box_chart, SG, BOX_CHART, SgChart)

SgBoxChart *sg_box_chart_new      (void);
/* @boxes of @n_segments segments (count 0: drawn empty); @feature_name titles the value axis. */
void        sg_box_chart_set_data (SgBoxChart        *self,
                                   const SgBoxStats  *boxes,
                                   guint              n_segments,
                                   const char *const *names,
                                   const char        *feature_name);

/* Box i drawn in segment @palette_index[i]'s colour (−1: the grey of customers in no segment) rather
 * than segment i's, e.g. one segment against everyone else; @n 0 goes back to segment order. */
void        sg_box_chart_set_colors (SgBoxChart       *self,
                                     const int        *palette_index,
                                     guint             n);

G_END_DECLS
