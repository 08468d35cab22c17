/* sg-chart-view.h — a widget showing any SgChart: hover tooltips, clicks, zoom and pan, the
 * dendrogram's cut line, export, and an accessible description
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "sg-chart.h"

G_BEGIN_DECLS

#define SG_TYPE_CHART_VIEW (sg_chart_view_get_type ())
G_DECLARE_FINAL_TYPE (SgChartView, sg_chart_view, SG, CHART_VIEW, GtkWidget)

GtkWidget *sg_chart_view_new        (SgChart     *chart);
SgChart   *sg_chart_view_get_chart  (SgChartView *self);
void       sg_chart_view_set_chart  (SgChartView *self,
                                     SgChart     *chart);
/* Zooms a zoomable chart (the scatter) by @factor about the centre; FALSE if it cannot. */
gboolean   sg_chart_view_zoom       (SgChartView *self,
                                     double       factor);
gboolean   sg_chart_view_reset_zoom (SgChartView *self);
/* Writes the chart at the widget's current size to @path (.png at 2×, .svg, .pdf), light. */
gboolean   sg_chart_view_export     (SgChartView *self,
                                     const char  *path,
                                     GError     **error);

G_END_DECLS
