/* sg-density-raster.h — many points binned into pixels, each pixel knowing its dominant segment
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A pure function of its inputs (no drawing, no shared state), so a widget can run it in a
 * worker thread and a test can check it cell by cell.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A rectangle of data space: what the plot area shows. */
typedef struct {
  double x_min, x_max, y_min, y_max;
} SgViewport;

gboolean sg_viewport_equal (const SgViewport *a,
                            const SgViewport *b);

typedef struct {
  guint      width, height;  /* pixels */
  SgViewport viewport;       /* pixel (i, j) covers [x_min + i·dx, x_min + (i+1)·dx) ×
                              * (y_max − (j+1)·dy, y_max − j·dy]: row 0 is the top */
  guint      n_segments;
  guint32   *counts;         /* width × height points per pixel, row by row */
  gint16    *dominant;       /* per pixel: the segment with most points (ties: the lower index;
                              * assigned beats unassigned), -1 if unassigned or empty */
  guint32    max_count;
  guint64    n_inside;       /* points that fell inside the viewport (and are visible) */
  guint      tag;            /* free for the caller (e.g. which data it was computed from) */
} SgDensityRaster;

/* Bins the points (@x[i], @y[i]) of @segment[i] (-1 or ≥ @n_segments: unassigned; @segment may
 * be NULL) that fall in @viewport into @width_px × @height_px pixels. @visible (nullable) has
 * @n_segments + 1 entries, the last for unassigned points: hidden points are left out. NaN
 * coordinates are skipped. Returns NULL if @cancellable is cancelled, or the size is 0. */
SgDensityRaster *sg_density_raster_compute (const float      *x,
                                            const float      *y,
                                            const gint32     *segment,
                                            gsize             n,
                                            const SgViewport *viewport,
                                            guint             width_px,
                                            guint             height_px,
                                            guint             n_segments,
                                            const gboolean   *visible,
                                            GCancellable     *cancellable);
void             sg_density_raster_free    (SgDensityRaster  *raster);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SgDensityRaster, sg_density_raster_free)

G_END_DECLS
