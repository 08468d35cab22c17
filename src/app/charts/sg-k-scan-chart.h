/* sg-k-scan-chart.h — inertia (elbow) and a quality score against k, the recommended k marked
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sg-chart.h"

G_BEGIN_DECLS

#define SG_TYPE_K_SCAN_CHART (sg_k_scan_chart_get_type ())
G_DECLARE_FINAL_TYPE (SgKScanChart, sg_k_scan_chart, SG, K_SCAN_CHART, SgChart)

SgKScanChart *sg_k_scan_chart_new                (void);
/* @n values of k (ascending), their inertia (left axis) and @score (right axis, e.g. silhouette,
 * or BIC with @higher_is_better FALSE); NaN marks a value not computed. @score may be NULL. */
void          sg_k_scan_chart_set_data           (SgKScanChart  *self,
                                                  const guint   *k,
                                                  const double  *inertia,
                                                  const double  *score,
                                                  guint          n,
                                                  const char    *score_name,
                                                  gboolean       higher_is_better);
/* The recommended @k (0: none) and its reason, one sentence drawn under the chart. */
void          sg_k_scan_chart_set_recommendation (SgKScanChart  *self,
                                                  guint          k,
                                                  const char    *reason);

G_END_DECLS
