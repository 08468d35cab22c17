/* sg-scatter-chart.h — customers on two principal components, coloured by segment
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sg-chart.h"
#include "sg-density-raster.h"

G_BEGIN_DECLS

#define SG_TYPE_SCATTER_CHART (sg_scatter_chart_get_type ())
G_DECLARE_FINAL_TYPE (SgScatterChart, sg_scatter_chart, SG, SCATTER_CHART, SgChart)

/* Above this many visible points in the viewport, a density image replaces the marks. */
#define SG_SCATTER_DENSITY_THRESHOLD 50000

SgScatterChart  *sg_scatter_chart_new                   (void);
/* Copies the points. @segment (nullable) holds 0..@n_segments-1 or -1 (unassigned); @names
 * (nullable, @n_segments entries) names the segments. Resets the view to fit the data. */
void             sg_scatter_chart_set_data              (SgScatterChart     *self,
                                                         const float        *x,
                                                         const float        *y,
                                                         const gint32       *segment,
                                                         gsize               n,
                                                         guint               n_segments,
                                                         const char *const  *names);
gsize            sg_scatter_chart_get_n_points          (SgScatterChart     *self);
/* Axis names ("PC1") and their share of the variance (0..1; negative: unknown), which the titles
 * show as "PC1 (42% of variance)". */
void             sg_scatter_chart_set_axes              (SgScatterChart     *self,
                                                         const char         *x_name,
                                                         double              x_share,
                                                         const char         *y_name,
                                                         double              y_share);
/* Biplot arrows: feature @names[i] loads (@x[i], @y[i]) on the two axes; n = 0 removes them. */
void             sg_scatter_chart_set_loadings          (SgScatterChart     *self,
                                                         const double       *x,
                                                         const double       *y,
                                                         const char *const  *names,
                                                         guint               n);
/* @segment -1 is the unassigned points. */
void             sg_scatter_chart_set_segment_visible   (SgScatterChart     *self,
                                                         int                 segment,
                                                         gboolean            visible);
gboolean         sg_scatter_chart_get_segment_visible   (SgScatterChart     *self,
                                                         int                 segment);
void             sg_scatter_chart_get_viewport          (SgScatterChart     *self,
                                                         SgViewport         *viewport);
void             sg_scatter_chart_set_viewport          (SgScatterChart     *self,
                                                         const SgViewport   *viewport);
/* Where data point (@x, @y) is drawn, in the coordinates of sg_chart_hit_test(); FALSE before
 * the first draw. */
gboolean         sg_scatter_chart_data_to_view          (SgScatterChart     *self,
                                                         double              x,
                                                         double              y,
                                                         double             *view_x,
                                                         double             *view_y);
void             sg_scatter_chart_set_density_threshold (SgScatterChart     *self,
                                                         gsize               threshold);
/* Visible points inside the viewport, and whether they are many enough for the density image. */
gsize            sg_scatter_chart_count_in_view         (SgScatterChart     *self);
gboolean         sg_scatter_chart_is_dense              (SgScatterChart     *self);

/* By default a dense chart bins its points while drawing (exports, reports). A widget that bins
 * in a worker instead sets @external: draws then use the raster handed over with
 * sg_scatter_chart_set_density_raster() (stretched while a newer one is computed). */
void             sg_scatter_chart_set_external_density  (SgScatterChart     *self,
                                                         gboolean            external);

typedef struct _SgDensityJob SgDensityJob;

/* The binning the last draw's layout needs, or NULL if none is (not dense, or the current raster
 * fits). The job holds its own reference to the data: run it in any thread. */
SgDensityJob    *sg_scatter_chart_density_job_new       (SgScatterChart     *self);
SgDensityRaster *sg_density_job_run                     (SgDensityJob       *job,
                                                         GCancellable       *cancellable);
/* Same data, visibility, viewport and size: no need to start another. */
gboolean         sg_density_job_equal                   (const SgDensityJob *a,
                                                         const SgDensityJob *b);
void             sg_density_job_free                    (SgDensityJob       *job);
/* Takes @raster; ignored (and freed) if it was computed from other data or visibility. */
void             sg_scatter_chart_set_density_raster    (SgScatterChart     *self,
                                                         SgDensityRaster    *raster);
/* TRUE if the raster drawn last fits the current view exactly. */
gboolean         sg_scatter_chart_has_current_raster    (SgScatterChart     *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SgDensityJob, sg_density_job_free)

G_END_DECLS
