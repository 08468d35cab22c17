/* sg-sizes-chart.h — how many customers each segment holds: bars with counts and shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sg-chart.h"

G_BEGIN_DECLS

#define SG_TYPE_SIZES_CHART (sg_sizes_chart_get_type ())
G_DECLARE_FINAL_TYPE (SgSizesChart, sg_sizes_chart, SG, SIZES_CHART, SgChart)

SgSizesChart *sg_sizes_chart_new      (void);
/* @counts of @n_segments segments; @n_unassigned > 0 adds a grey "Unassigned" bar last. */
void          sg_sizes_chart_set_data (SgSizesChart      *self,
                                       const guint64     *counts,
                                       guint              n_segments,
                                       const char *const *names,
                                       guint64            n_unassigned);

G_END_DECLS
