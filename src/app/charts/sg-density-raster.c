/* sg-density-raster.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Per-segment counts for every pixel would cost width × height × segments counters (hundreds of
 * megabytes at 2× on a large screen). Most pixels hold points of one segment only, so the first
 * pass keeps the first segment seen per pixel and marks the pixels where another one appears;
 * only those "mixed" pixels get per-segment counters, in a second pass. Memory is bounded by the
 * pixels plus min(points, pixels) × segments, and the work is two linear passes.
 */
#include "config.h"

#include <math.h>

#include "sg-density-raster.h"

#define CHECK_EVERY 65536

gboolean
sg_viewport_equal (const SgViewport *a,
                   const SgViewport *b)
{
  return a->x_min == b->x_min && a->x_max == b->x_max && a->y_min == b->y_min
         && a->y_max == b->y_max;
}

typedef struct {
  double   x0, y1, sx, sy;  /* pixel = (x - x0) * sx, (y1 - y) * sy */
  guint    width, height;
  guint    n_segments;
  const gboolean *visible;
} Binning;

/* The bucket of a segment: 0..n-1, or n for unassigned. */
static inline guint
bucket_of (const Binning *b,
           const gint32  *segment,
           gsize          i)
{
  gint32 s = segment != NULL ? segment[i] : -1;

  return s >= 0 && (guint) s < b->n_segments ? (guint) s : b->n_segments;
}

/* The pixel of point @i, or -1 if outside the viewport, hidden or NaN. */
static inline gssize
pixel_of (const Binning *b,
          const float   *x,
          const float   *y,
          guint          bucket,
          gsize          i)
{
  double fx = (x[i] - b->x0) * b->sx;
  double fy = (b->y1 - y[i]) * b->sy;

  if (!(fx >= 0 && fx < b->width && fy >= 0 && fy < b->height))
    return -1;
  if (b->visible != NULL && !b->visible[bucket])
    return -1;
  return (gssize) ((gsize) fy * b->width + (gsize) fx);
}

static inline gint16
dominant_of_bucket (const Binning *b,
                    guint          bucket)
{
  return bucket < b->n_segments ? (gint16) bucket : -1;
}

SgDensityRaster *
sg_density_raster_compute (const float      *x,
                           const float      *y,
                           const gint32     *segment,
                           gsize             n,
                           const SgViewport *viewport,
                           guint             width_px,
                           guint             height_px,
                           guint             n_segments,
                           const gboolean   *visible,
                           GCancellable     *cancellable)
{
  g_autoptr(SgDensityRaster) raster = NULL;
  g_autofree guint32 *slot = NULL;     /* 0: pure pixel; k > 0: mixed pixel with counters k-1 */
  g_autofree guint32 *mixed = NULL;
  gsize n_pixels, n_mixed = 0, n_buckets;
  Binning b;

  g_return_val_if_fail (n == 0 || (x != NULL && y != NULL), NULL);
  g_return_val_if_fail (viewport != NULL, NULL);

  if (width_px == 0 || height_px == 0 || !(viewport->x_max > viewport->x_min)
      || !(viewport->y_max > viewport->y_min))
    return NULL;
  n_segments = MIN (n_segments, G_MAXINT16);
  n_buckets = (gsize) n_segments + 1;

  raster = g_new0 (SgDensityRaster, 1);
  raster->width = width_px;
  raster->height = height_px;
  raster->viewport = *viewport;
  raster->n_segments = n_segments;
  n_pixels = (gsize) width_px * height_px;
  raster->counts = g_new0 (guint32, n_pixels);
  raster->dominant = g_new (gint16, n_pixels);
  slot = g_new0 (guint32, n_pixels);

  b = (Binning) {
    .x0 = viewport->x_min, .y1 = viewport->y_max,
    .sx = width_px / (viewport->x_max - viewport->x_min),
    .sy = height_px / (viewport->y_max - viewport->y_min),
    .width = width_px, .height = height_px, .n_segments = n_segments, .visible = visible,
  };

  /* Pass 1: counts, the first segment per pixel, and which pixels are mixed. */
  for (gsize i = 0; i < n; i++)
    {
      guint bucket = bucket_of (&b, segment, i);
      gssize p = pixel_of (&b, x, y, bucket, i);

      if ((i + 1) % CHECK_EVERY == 0 && g_cancellable_is_cancelled (cancellable))
        return NULL;
      if (p < 0)
        continue;
      if (raster->counts[p]++ == 0)
        raster->dominant[p] = dominant_of_bucket (&b, bucket);
      else if (slot[p] == 0 && raster->dominant[p] != dominant_of_bucket (&b, bucket))
        slot[p] = 1;
      raster->n_inside++;
    }

  for (gsize p = 0; p < n_pixels; p++)
    {
      if (raster->counts[p] == 0)
        raster->dominant[p] = -1;
      raster->max_count = MAX (raster->max_count, raster->counts[p]);
      if (slot[p] != 0)
        slot[p] = (guint32) ++n_mixed;
    }
  if (n_mixed == 0)
    return g_steal_pointer (&raster);

  /* Pass 2: per-segment counters for the mixed pixels only. */
  mixed = g_new0 (guint32, n_mixed * n_buckets);
  for (gsize i = 0; i < n; i++)
    {
      guint bucket = bucket_of (&b, segment, i);
      gssize p = pixel_of (&b, x, y, bucket, i);

      if ((i + 1) % CHECK_EVERY == 0 && g_cancellable_is_cancelled (cancellable))
        return NULL;
      if (p >= 0 && slot[p] != 0)
        mixed[(slot[p] - 1) * n_buckets + bucket]++;
    }
  for (gsize p = 0; p < n_pixels; p++)
    {
      const guint32 *c;
      guint best = 0;

      if (slot[p] == 0)
        continue;
      c = &mixed[(slot[p] - 1) * n_buckets];
      for (guint k = 1; k < n_buckets; k++)
        if (c[k] > c[best])
          best = k;
      raster->dominant[p] = dominant_of_bucket (&b, best);
    }
  return g_steal_pointer (&raster);
}

void
sg_density_raster_free (SgDensityRaster *raster)
{
  if (raster == NULL)
    return;
  g_free (raster->counts);
  g_free (raster->dominant);
  g_free (raster);
}
