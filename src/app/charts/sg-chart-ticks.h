/* sg-chart-ticks.h — axis ticks at "nice" numbers (Heckbert, Graphics Gems 1990)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  SG_CHART_TICKS_TIGHT   = 0,       /* the axis spans exactly [lo, hi]; ticks fall inside */
  SG_CHART_TICKS_LOOSE   = 1 << 0,  /* the axis grows to the outer ticks around [lo, hi] */
  SG_CHART_TICKS_INTEGER = 1 << 1,  /* steps of at least 1 (counts, k) */
} SgChartTicksFlags;

typedef struct {
  double min, max;  /* the axis range */
  double first;     /* the first tick */
  double step;      /* the distance between ticks: 1, 2 or 5 × 10^n */
  guint  n;         /* number of ticks */
  int    decimals;  /* digits after the decimal point that tell ticks apart */
} SgChartTicks;

/* 1, 2, 5 or 10 × 10^n near @x: rounded to the nearest (@round) or the next above. */
double   sg_chart_nice_number    (double             x,
                                  gboolean           round);
/* About @target ticks for values in [@lo, @hi] (either order). A zero-width range is widened
 * around its value ([0, 0] becomes [0, 1]). FALSE, with [0, 1] ticks, if @lo or @hi is not finite. */
gboolean sg_chart_ticks_compute  (double             lo,
                                  double             hi,
                                  guint              target,
                                  SgChartTicksFlags  flags,
                                  SgChartTicks      *ticks);
double   sg_chart_ticks_value    (const SgChartTicks *ticks,
                                  guint               i);
/* The label of tick @i: "1,500", "0.25"; @compact: "1.5k", "2M". */
char    *sg_chart_ticks_label    (const SgChartTicks *ticks,
                                  guint               i,
                                  gboolean            compact);

G_END_DECLS
