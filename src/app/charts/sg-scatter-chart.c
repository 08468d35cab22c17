/* sg-scatter-chart.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Marks for up to a threshold of visible points, a density image above it: one pixel per device
 * pixel, coloured by the pixel's dominant segment, its opacity growing with the log of its count.
 * The points live in a reference-counted, immutable block so a worker can bin them while the
 * chart keeps drawing; the chart stretches the last image over the new view until the new one
 * arrives, which keeps zoom and pan fluid at a million points.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "sg-chart-private.h"
#include "sg-mark-image.h"
#include "sg-scatter-chart.h"

#define HIT_RADIUS      8.0
#define CENTROID_RADIUS 6.0
#define MAX_LOADINGS    10

typedef struct {
  gatomicrefcount ref;
  gsize           n;
  float          *x, *y;
  gint32         *segment;   /* -1 for unassigned (and anything ≥ n_segments) */
  guint           n_segments;
  SgViewport      extent;    /* of the finite points; a unit square if none */
  gsize          *counts;    /* n_segments + 1: the last counts unassigned points */
  guint32        *order;     /* point indices grouped by segment, unassigned first */
  gsize          *offsets;   /* n_segments + 2 starts into order[] (bucket b at b + 1 → b) */
  double         *cx, *cy;   /* centroids; NaN if a segment has no finite point */
} ScatterData;

struct _SgDensityJob {
  ScatterData *data;
  gboolean    *visible;
  SgViewport   viewport;
  guint        width_px, height_px;
  guint        tag;
};

struct _SgScatterChart
{
  SgChart           parent_instance;

  ScatterData      *data;
  char            **names;       /* n_segments */
  gboolean         *visible;     /* n_segments + 1, unassigned last */
  guint             stamp;       /* grows with data and visibility: a raster's tag */
  char             *x_name, *y_name;
  double            x_share, y_share;
  char             *x_title, *y_title;
  double           *load_x, *load_y;
  char            **load_names;
  guint             n_loadings;
  SgViewport        viewport;
  gsize             threshold;
  gboolean          external;

  SgDensityRaster  *raster;
  cairo_surface_t  *raster_surface;
  gboolean          raster_surface_dark;

  gboolean          count_valid;
  SgViewport        count_viewport;
  guint             count_stamp;
  gsize             count;

  /* The last draw's layout. */
  SgXYFrame         frame;
  SgLegend          legend;
  int              *legend_segments;
  char            **legend_names;
  double            scale;
  gboolean          has_layout;
};

G_DEFINE_FINAL_TYPE (SgScatterChart, sg_scatter_chart, SG_TYPE_CHART)

static ScatterData *
scatter_data_ref (ScatterData *data)
{
  g_atomic_ref_count_inc (&data->ref);
  return data;
}

static void
scatter_data_unref (ScatterData *data)
{
  if (data == NULL || !g_atomic_ref_count_dec (&data->ref))
    return;
  g_free (data->x);
  g_free (data->y);
  g_free (data->segment);
  g_free (data->counts);
  g_free (data->order);
  g_free (data->offsets);
  g_free (data->cx);
  g_free (data->cy);
  g_free (data);
}

static inline guint
bucket (const ScatterData *data,
        gsize              i)
{
  gint32 s = data->segment[i];

  return s >= 0 ? (guint) s : data->n_segments;
}

/* Extent, counts, segment order and centroids: computed once per data set. */
static void
scatter_data_summarise (ScatterData *data)
{
  guint nb = data->n_segments + 1;
  g_autofree double *sum_x = g_new0 (double, nb);
  g_autofree double *sum_y = g_new0 (double, nb);
  g_autofree gsize *finite = g_new0 (gsize, nb);
  g_autofree gsize *fill = g_new0 (gsize, nb);
  double x0 = INFINITY, x1 = -INFINITY, y0 = INFINITY, y1 = -INFINITY;

  data->counts = g_new0 (gsize, nb);
  data->offsets = g_new0 (gsize, nb + 1);
  data->order = g_new (guint32, MAX (data->n, 1));
  data->cx = g_new (double, nb);
  data->cy = g_new (double, nb);

  for (gsize i = 0; i < data->n; i++)
    {
      guint b = bucket (data, i);

      data->counts[b]++;
      if (!isfinite (data->x[i]) || !isfinite (data->y[i]))
        continue;
      finite[b]++;
      sum_x[b] += data->x[i];
      sum_y[b] += data->y[i];
      x0 = MIN (x0, data->x[i]);
      x1 = MAX (x1, data->x[i]);
      y0 = MIN (y0, data->y[i]);
      y1 = MAX (y1, data->y[i]);
    }
  for (guint b = 0; b < nb; b++)
    {
      data->cx[b] = finite[b] > 0 ? sum_x[b] / finite[b] : NAN;
      data->cy[b] = finite[b] > 0 ? sum_y[b] / finite[b] : NAN;
    }
  /* Unassigned first so the segments draw over them. */
  data->offsets[0] = 0;
  data->offsets[1] = data->counts[data->n_segments];
  for (guint b = 0; b + 1 < nb; b++)
    data->offsets[b + 2] = data->offsets[b + 1] + data->counts[b];
  for (gsize i = 0; i < data->n; i++)
    {
      guint b = bucket (data, i);
      guint slot = b == data->n_segments ? 0 : b + 1;

      data->order[data->offsets[slot] + fill[b]++] = (guint32) i;
    }

  if (x0 > x1)
    data->extent = (SgViewport) { -1, 1, -1, 1 };
  else
    data->extent = (SgViewport) { x0, x1, y0, y1 };
}

static SgViewport
padded_extent (const ScatterData *data)
{
  SgViewport e = data != NULL ? data->extent : (SgViewport) { -1, 1, -1, 1 };
  double w = e.x_max - e.x_min, h = e.y_max - e.y_min;
  double pw = w > 0 ? w * 0.05 : MAX (fabs (e.x_min) * 0.1, 1);
  double ph = h > 0 ? h * 0.05 : MAX (fabs (e.y_min) * 0.1, 1);

  return (SgViewport) { e.x_min - pw, e.x_max + pw, e.y_min - ph, e.y_max + ph };
}

static guint
n_segments (SgScatterChart *self)
{
  return self->data != NULL ? self->data->n_segments : 0;
}

static void
clear_raster (SgScatterChart *self)
{
  g_clear_pointer (&self->raster, sg_density_raster_free);
  g_clear_pointer (&self->raster_surface, cairo_surface_destroy);
}

static void
sg_scatter_chart_finalize (GObject *object)
{
  SgScatterChart *self = SG_SCATTER_CHART (object);

  g_clear_pointer (&self->data, scatter_data_unref);
  g_strfreev (self->names);
  g_free (self->visible);
  g_free (self->x_name);
  g_free (self->y_name);
  g_free (self->x_title);
  g_free (self->y_title);
  g_free (self->load_x);
  g_free (self->load_y);
  g_strfreev (self->load_names);
  clear_raster (self);
  sg_legend_clear (&self->legend);
  g_free (self->legend_segments);
  g_strfreev (self->legend_names);
  G_OBJECT_CLASS (sg_scatter_chart_parent_class)->finalize (object);
}

static double
to_px_x (SgScatterChart *self,
         double          v)
{
  const SgRect *p = &self->frame.plot;

  return p->x + (v - self->viewport.x_min) / (self->viewport.x_max - self->viewport.x_min) * p->width;
}

static double
to_px_y (SgScatterChart *self,
         double          v)
{
  const SgRect *p = &self->frame.plot;

  return p->y + (self->viewport.y_max - v) / (self->viewport.y_max - self->viewport.y_min) * p->height;
}

static char *
axis_title (const char *name,
            double      share)
{
  g_autofree char *percent = NULL;

  if (!(share >= 0))
    return g_strdup (name);
  percent = sg_chart_format_percent (share);
  /* TRANSLATORS: an axis title: "PC1 (42% of variance)" */
  return g_strdup_printf (_("%s (%s of variance)"), name, percent);
}

/* The legend lists the segments, and "Unassigned" when some points are. */
static void
update_legend_entries (SgScatterChart *self)
{
  guint ns = n_segments (self);
  gboolean has_unassigned = self->data != NULL && self->data->counts[ns] > 0;
  guint n = ns + (has_unassigned ? 1 : 0);

  g_clear_pointer (&self->legend_segments, g_free);
  g_clear_pointer (&self->legend_names, g_strfreev);
  self->legend_segments = g_new (int, MAX (n, 1));
  self->legend_names = g_new0 (char *, n + 1);
  for (guint i = 0; i < ns; i++)
    {
      self->legend_segments[i] = (int) i;
      self->legend_names[i] = g_strdup (self->names[i]);
    }
  if (has_unassigned)
    {
      self->legend_segments[ns] = -1;
      self->legend_names[ns] = g_strdup (_("Unassigned"));
    }
}

static gboolean
bucket_visible (SgScatterChart *self,
                guint           b)
{
  return self->visible == NULL || self->visible[b];
}

static gboolean
is_vector_target (cairo_t *cr)
{
  switch (cairo_surface_get_type (cairo_get_target (cr)))
    {
    case CAIRO_SURFACE_TYPE_PDF:
    case CAIRO_SURFACE_TYPE_PS:
    case CAIRO_SURFACE_TYPE_SVG:
      return TRUE;
    default:
      return FALSE;
    }
}

/* Marks: real circles for vector output, stamped discs in a device-resolution image otherwise
 * (the widget's cairo node is rasterised too). Unassigned points first, segments over them. */
static void
draw_marks (SgScatterChart     *self,
            cairo_t            *cr,
            const SgChartStyle *style)
{
  const ScatterData *d = self->data;
  const SgRect *p = &self->frame.plot;
  gsize in_view = sg_scatter_chart_count_in_view (self);
  double r = in_view < 1000 ? 3.5 : in_view < 10000 ? 2.5 : 1.7;
  double alpha = in_view < 2000 ? 0.85 : in_view < 20000 ? 0.7 : 0.55;
  double sx = p->width / (self->viewport.x_max - self->viewport.x_min);
  double sy = p->height / (self->viewport.y_max - self->viewport.y_min);
  gboolean vector = is_vector_target (cr);
  double scale = self->scale;
  SgMarkImage *image = NULL;

  if (!vector)
    image = sg_mark_image_new ((int) ceil (p->width * scale), (int) ceil (p->height * scale), r * scale);
  for (guint slot = 0; slot <= d->n_segments; slot++)
    {
      guint b = slot == 0 ? d->n_segments : slot - 1;
      int segment = b == d->n_segments ? -1 : (int) b;
      SgRgb color = sg_chart_segment_color (style, segment);
      double a = segment < 0 ? alpha * 0.6 : alpha;

      if (!bucket_visible (self, b) || d->offsets[slot + 1] == d->offsets[slot])
        continue;
      if (image != NULL)
        sg_mark_image_set_color (image, color, a);
      else
        cairo_new_path (cr);
      for (gsize k = d->offsets[slot]; k < d->offsets[slot + 1]; k++)
        {
          guint32 i = d->order[k];
          double px = (d->x[i] - self->viewport.x_min) * sx;
          double py = (self->viewport.y_max - d->y[i]) * sy;

          if (!(px > -r && px < p->width + r && py > -r && py < p->height + r))
            continue;
          if (image != NULL)
            sg_mark_image_add (image, px * scale, py * scale);
          else
            {
              cairo_move_to (cr, p->x + px + r, p->y + py);
              cairo_arc (cr, p->x + px, p->y + py, r, 0, 2 * G_PI);
            }
        }
      if (image == NULL)
        {
          sg_chart_set_color (cr, color, a);
          cairo_fill (cr);
        }
    }
  if (image != NULL)
    {
      cairo_surface_t *surface = sg_mark_image_finish (image);

      cairo_save (cr);
      cairo_translate (cr, p->x, p->y);
      cairo_scale (cr, 1 / scale, 1 / scale);
      cairo_set_source_surface (cr, surface, 0, 0);
      cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_NEAREST);
      cairo_paint (cr);
      cairo_restore (cr);
      cairo_surface_destroy (surface);
    }
}

/* Premultiplied ARGB: the dominant segment's colour, opacity by log count. */
static cairo_surface_t *
raster_to_surface (const SgDensityRaster *raster,
                   const SgChartStyle    *style)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) raster->width,
                                                         (int) raster->height);
  guint8 *pixels = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint n_colors = sg_palette_n_segments ();
  double log_max = log1p (MAX (raster->max_count, 1));
  guint lut_size = MIN (raster->max_count, 4096u) + 1;
  g_autofree guint8 *alpha = g_new (guint8, lut_size);
  SgRgb colors[16 + 1];

  g_assert (n_colors <= 16);
  for (guint s = 0; s < n_colors; s++)
    colors[s] = sg_chart_segment_color (style, (int) s);
  colors[n_colors] = sg_chart_segment_color (style, -1);
  /* log1p per pixel would dominate the conversion: a table covers all but the densest pixels. */
  for (guint c = 0; c < lut_size; c++)
    alpha[c] = (guint8) round (255 * (0.35 + 0.65 * log1p (c) / log_max));

  cairo_surface_flush (surface);
  for (guint j = 0; j < raster->height; j++)
    {
      guint32 *row = (guint32 *) (pixels + (gsize) j * stride);
      const guint32 *counts = raster->counts + (gsize) j * raster->width;
      const gint16 *dominant = raster->dominant + (gsize) j * raster->width;

      for (guint i = 0; i < raster->width; i++)
        {
          guint32 c = counts[i];
          guint a;
          SgRgb rgb;

          if (c == 0)
            {
              row[i] = 0;
              continue;
            }
          a = c < lut_size ? alpha[c] : (guint) round (255 * (0.35 + 0.65 * log1p (c) / log_max));
          rgb = colors[dominant[i] >= 0 ? (guint) dominant[i] % n_colors : n_colors];
          row[i] = ((guint32) a << 24) | ((guint32) (rgb.red * a) << 16)
                   | ((guint32) (rgb.green * a) << 8) | (guint32) (rgb.blue * a);
        }
    }
  cairo_surface_mark_dirty (surface);
  return surface;
}

static void
plot_size_px (SgScatterChart *self,
              guint          *width_px,
              guint          *height_px)
{
  *width_px = (guint) MAX (round (self->frame.plot.width * self->scale), 1);
  *height_px = (guint) MAX (round (self->frame.plot.height * self->scale), 1);
}

static gboolean
raster_fits (SgScatterChart        *self,
             const SgDensityRaster *raster)
{
  guint w, h;

  plot_size_px (self, &w, &h);
  return raster != NULL && raster->tag == self->stamp && raster->width == w && raster->height == h
         && sg_viewport_equal (&raster->viewport, &self->viewport);
}

/* Paints @surface, binned over @raster->viewport, where that viewport lies in the current one. */
static void
paint_raster (SgScatterChart        *self,
              cairo_t               *cr,
              const SgDensityRaster *raster,
              cairo_surface_t       *surface)
{
  const SgViewport *rv = &raster->viewport;
  double x0 = to_px_x (self, rv->x_min), x1 = to_px_x (self, rv->x_max);
  double y0 = to_px_y (self, rv->y_max), y1 = to_px_y (self, rv->y_min);
  cairo_pattern_t *pattern;

  cairo_save (cr);
  cairo_translate (cr, x0, y0);
  cairo_scale (cr, (x1 - x0) / raster->width, (y1 - y0) / raster->height);
  cairo_set_source_surface (cr, surface, 0, 0);
  pattern = cairo_get_source (cr);
  cairo_pattern_set_filter (pattern, raster_fits (self, raster) ? CAIRO_FILTER_NEAREST
                                                                : CAIRO_FILTER_BILINEAR);
  cairo_paint (cr);
  cairo_restore (cr);
}

/* The raster's image is kept until the raster or the style's darkness changes. */
static void
paint_current_raster (SgScatterChart     *self,
                      cairo_t            *cr,
                      const SgChartStyle *style)
{
  if (self->raster_surface != NULL && self->raster_surface_dark != style->dark)
    g_clear_pointer (&self->raster_surface, cairo_surface_destroy);
  if (self->raster_surface == NULL)
    {
      self->raster_surface = raster_to_surface (self->raster, style);
      self->raster_surface_dark = style->dark;
    }
  paint_raster (self, cr, self->raster, self->raster_surface);
}

static void
draw_density (SgScatterChart     *self,
              cairo_t            *cr,
              const SgChartStyle *style)
{
  if (sg_chart_is_exporting (SG_CHART (self)) || !self->external)
    {
      g_autoptr(SgDensityJob) job = NULL;
      g_autoptr(SgDensityRaster) raster = NULL;
      cairo_surface_t *surface;

      if (raster_fits (self, self->raster))
        {
          paint_current_raster (self, cr, style);
          return;
        }
      job = sg_scatter_chart_density_job_new (self);
      raster = job != NULL ? sg_density_job_run (job, NULL) : NULL;
      if (raster == NULL)
        return;
      surface = raster_to_surface (raster, style);
      paint_raster (self, cr, raster, surface);
      cairo_surface_destroy (surface);
      /* Keep it for the next draw at this size unless a widget manages the rasters. */
      if (!self->external)
        {
          clear_raster (self);
          self->raster = g_steal_pointer (&raster);
        }
      return;
    }

  if (self->raster == NULL || self->raster->tag != self->stamp)
    {
      g_autofree char *count = sg_chart_format_number (sg_scatter_chart_count_in_view (self), 0);
      g_autofree char *text = g_strdup_printf (_("Drawing %s points…"), count);

      sg_chart_draw_text (cr, style, text, SG_TEXT_SMALL, &style->muted,
                          self->frame.plot.x + self->frame.plot.width / 2,
                          self->frame.plot.y + self->frame.plot.height / 2, 0.5, 0.5, 0);
      return;
    }
  paint_current_raster (self, cr, style);
}

static double
loading_scale (SgScatterChart *self)
{
  const SgViewport *e = &self->data->extent;
  double longest = 0;

  for (guint i = 0; i < self->n_loadings; i++)
    longest = MAX (longest, hypot (self->load_x[i], self->load_y[i]));
  if (!(longest > 0))
    return 0;
  return 0.45 * MIN (e->x_max - e->x_min, e->y_max - e->y_min) / longest;
}

static int
compare_length_desc (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  SgScatterChart *self = user_data;
  guint i = *(const guint *) a, j = *(const guint *) b;
  double li = hypot (self->load_x[i], self->load_y[i]);
  double lj = hypot (self->load_x[j], self->load_y[j]);

  return li < lj ? 1 : li > lj ? -1 : (i > j) - (i < j);
}

static void
draw_loadings (SgScatterChart     *self,
               cairo_t            *cr,
               const SgChartStyle *style)
{
  double s = loading_scale (self);
  double ox = to_px_x (self, 0), oy = to_px_y (self, 0);
  g_autofree guint *order = g_new (guint, MAX (self->n_loadings, 1));
  guint shown = MIN (self->n_loadings, MAX_LOADINGS);

  if (s == 0)
    return;
  for (guint i = 0; i < self->n_loadings; i++)
    order[i] = i;
  g_qsort_with_data (order, self->n_loadings, sizeof *order, compare_length_desc, self);

  cairo_save (cr);
  cairo_set_line_width (cr, 1.5);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  for (guint k = 0; k < shown; k++)
    {
      guint i = order[k];
      double tx = to_px_x (self, self->load_x[i] * s), ty = to_px_y (self, self->load_y[i] * s);
      double angle = atan2 (ty - oy, tx - ox), head = 7;

      if (hypot (tx - ox, ty - oy) < 2)
        continue;
      sg_chart_set_color (cr, style->foreground, 0.8);
      cairo_move_to (cr, ox, oy);
      cairo_line_to (cr, tx, ty);
      cairo_stroke (cr);
      cairo_move_to (cr, tx, ty);
      cairo_line_to (cr, tx - head * cos (angle - 0.4), ty - head * sin (angle - 0.4));
      cairo_line_to (cr, tx - head * cos (angle + 0.4), ty - head * sin (angle + 0.4));
      cairo_close_path (cr);
      cairo_fill (cr);
      sg_chart_draw_text_halo (cr, style, self->load_names[i], SG_TEXT_SMALL, NULL,
                               tx + 4 * cos (angle), ty + 4 * sin (angle),
                               0.5 - 0.5 * cos (angle), 0.5 - 0.5 * sin (angle));
    }
  cairo_restore (cr);
}

static void
draw_centroids (SgScatterChart     *self,
                cairo_t            *cr,
                const SgChartStyle *style)
{
  for (guint b = 0; b < self->data->n_segments; b++)
    {
      double x, y;

      if (!bucket_visible (self, b) || isnan (self->data->cx[b]))
        continue;
      x = to_px_x (self, self->data->cx[b]);
      y = to_px_y (self, self->data->cy[b]);
      /* A ring of background, then the segment colour inside a foreground outline: visible on
       * top of its own points. */
      cairo_new_path (cr);
      cairo_arc (cr, x, y, CENTROID_RADIUS + 1.5, 0, 2 * G_PI);
      sg_chart_set_color (cr, style->background, 1.0);
      cairo_fill (cr);
      cairo_arc (cr, x, y, CENTROID_RADIUS, 0, 2 * G_PI);
      sg_chart_set_color (cr, sg_chart_segment_color (style, (int) b), 1.0);
      cairo_fill_preserve (cr);
      sg_chart_set_color (cr, style->foreground, 1.0);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
    }
}

static void
sg_scatter_chart_draw (SgChart            *chart,
                       cairo_t            *cr,
                       const SgChartStyle *style,
                       double              width,
                       double              height)
{
  SgScatterChart *self = SG_SCATTER_CHART (chart);
  g_autofree gboolean *entry_visible = NULL;
  guint n_entries;
  double legend_height;

  self->scale = style->scale > 0 ? style->scale : 1;
  self->has_layout = FALSE;
  sg_legend_clear (&self->legend);
  if (self->data == NULL || self->data->n == 0)
    {
      sg_chart_draw_empty (cr, style, width, height, NULL);
      return;
    }

  update_legend_entries (self);
  n_entries = g_strv_length (self->legend_names);
  legend_height = sg_legend_layout (&self->legend, cr, style, self->legend_names, n_entries,
                                    SG_CHART_PAD, SG_CHART_PAD, width - 2 * SG_CHART_PAD);
  self->frame = (SgXYFrame) {
    .x = { .lo = self->viewport.x_min, .hi = self->viewport.x_max, .title = self->x_title,
           .grid = TRUE },
    .y = { .lo = self->viewport.y_min, .hi = self->viewport.y_max, .title = self->y_title,
           .grid = TRUE },
    .top_room = legend_height + SG_CHART_GAP,
  };
  sg_xy_frame_layout (&self->frame, cr, style, (SgRect) { 0, 0, width, height });
  self->has_layout = TRUE;
  if (sg_chart_is_layout_pass (chart))
    return;

  sg_xy_frame_draw (&self->frame, cr, style);

  cairo_save (cr);
  cairo_rectangle (cr, self->frame.plot.x, self->frame.plot.y, self->frame.plot.width,
                   self->frame.plot.height);
  cairo_clip (cr);
  if (sg_scatter_chart_is_dense (self))
    draw_density (self, cr, style);
  else
    draw_marks (self, cr, style);
  if (self->n_loadings > 0)
    draw_loadings (self, cr, style);
  draw_centroids (self, cr, style);
  cairo_restore (cr);

  entry_visible = g_new (gboolean, MAX (n_entries, 1));
  for (guint i = 0; i < n_entries; i++)
    entry_visible[i] = sg_scatter_chart_get_segment_visible (self, self->legend_segments[i]);
  sg_legend_draw (&self->legend, cr, style, self->legend_names, self->legend_segments,
                  entry_visible);
}

static char *
sg_scatter_chart_describe (SgChart *chart)
{
  SgScatterChart *self = SG_SCATTER_CHART (chart);
  const ScatterData *d = self->data;
  g_autofree char *count = NULL;
  g_autofree char *largest_count = NULL, *largest_share = NULL;
  GString *text;
  guint largest = 0;

  if (d == NULL || d->n == 0)
    return g_strdup (_("Scatter plot with no data."));

  count = sg_chart_format_number (d->n, 0);
  text = g_string_new (NULL);
  g_string_append_printf (text, ngettext ("Scatter plot of %s customer on %s and %s",
                                          "Scatter plot of %s customers on %s and %s", d->n),
                          count, self->x_title, self->y_title);
  if (d->n_segments == 0)
    {
      g_string_append (text, ".");
      return g_string_free (text, FALSE);
    }
  g_string_append_printf (text, ngettext (", coloured by %u segment.", ", coloured by %u segments.",
                                          d->n_segments), d->n_segments);
  for (guint b = 1; b < d->n_segments; b++)
    if (d->counts[b] > d->counts[largest])
      largest = b;
  largest_count = sg_chart_format_number (d->counts[largest], 0);
  largest_share = sg_chart_format_percent ((double) d->counts[largest] / d->n);
  g_string_append_printf (text, _(" The largest segment is %s with %s customers (%s)."),
                          self->names[largest], largest_count, largest_share);
  if (self->n_loadings > 0)
    {
      guint strongest = 0;

      for (guint i = 1; i < self->n_loadings; i++)
        if (fabs (self->load_x[i]) > fabs (self->load_x[strongest]))
          strongest = i;
      g_string_append_printf (text, _(" %s weighs most on %s."), self->load_names[strongest],
                              self->x_name);
    }
  return g_string_free (text, FALSE);
}

static gboolean
hit_centroid (SgScatterChart *self,
              double          x,
              double          y,
              SgChartHit     *hit)
{
  for (guint b = 0; b < self->data->n_segments; b++)
    {
      double cx, cy;
      g_autofree char *count = NULL;

      if (!bucket_visible (self, b) || isnan (self->data->cx[b]))
        continue;
      cx = to_px_x (self, self->data->cx[b]);
      cy = to_px_y (self, self->data->cy[b]);
      if (hypot (x - cx, y - cy) > CENTROID_RADIUS + 2)
        continue;
      count = sg_chart_format_number (self->data->counts[b], 0);
      hit->kind = SG_CHART_HIT_CENTROID;
      hit->segment = (int) b;
      hit->index = b;
      hit->area = (SgRect) { cx - CENTROID_RADIUS, cy - CENTROID_RADIUS, 2 * CENTROID_RADIUS,
                             2 * CENTROID_RADIUS };
      hit->tooltip = g_strdup_printf (_("Centre of %s (%s customers)"), self->names[b], count);
      return TRUE;
    }
  return FALSE;
}

static gboolean
hit_point (SgScatterChart *self,
           double          x,
           double          y,
           SgChartHit     *hit)
{
  const ScatterData *d = self->data;
  double sx = self->frame.plot.width / (self->viewport.x_max - self->viewport.x_min);
  double sy = self->frame.plot.height / (self->viewport.y_max - self->viewport.y_min);
  /* Search in data units scaled to pixels: no per-point division. */
  double vx = self->viewport.x_min + (x - self->frame.plot.x) / sx;
  double vy = self->viewport.y_max - (y - self->frame.plot.y) / sy;
  double best = HIT_RADIUS * HIT_RADIUS;
  gssize found = -1;
  g_autofree char *row = NULL, *vx_text = NULL, *vy_text = NULL;
  double px, py;

  for (gsize i = 0; i < d->n; i++)
    {
      double dx = (d->x[i] - vx) * sx, dy = (d->y[i] - vy) * sy;
      double dist = dx * dx + dy * dy;

      if (dist < best && bucket_visible (self, bucket (d, i)))
        {
          best = dist;
          found = (gssize) i;
        }
    }
  if (found < 0)
    return FALSE;

  px = to_px_x (self, d->x[found]);
  py = to_px_y (self, d->y[found]);
  row = sg_chart_format_number (found + 1, 0);
  vx_text = sg_chart_format_value (d->x[found]);
  vy_text = sg_chart_format_value (d->y[found]);
  hit->kind = SG_CHART_HIT_POINT;
  hit->index = found;
  hit->segment = d->segment[found];
  hit->area = (SgRect) { px - 4, py - 4, 8, 8 };
  hit->tooltip = g_strdup_printf (_("Row %s · %s\n%s %s, %s %s"), row,
                                  sg_chart_segment_name (self->names, d->n_segments, hit->segment),
                                  self->x_name, vx_text, self->y_name, vy_text);
  return TRUE;
}

static gboolean
sg_scatter_chart_hit_test (SgChart    *chart,
                           double      x,
                           double      y,
                           SgChartHit *hit)
{
  SgScatterChart *self = SG_SCATTER_CHART (chart);
  int entry;

  if (!self->has_layout || self->data == NULL)
    return FALSE;

  entry = sg_legend_hit (&self->legend, x, y);
  if (entry >= 0)
    {
      int segment = self->legend_segments[entry];
      const char *name = self->legend_names[entry];

      hit->kind = SG_CHART_HIT_LEGEND;
      hit->segment = segment;
      hit->index = entry;
      hit->area = self->legend.entries[entry];
      hit->tooltip = sg_scatter_chart_get_segment_visible (self, segment)
                       ? g_strdup_printf (_("Hide %s"), name)
                       : g_strdup_printf (_("Show %s"), name);
      return TRUE;
    }
  if (!sg_rect_contains (&self->frame.plot, x, y))
    return FALSE;
  return hit_centroid (self, x, y, hit) || hit_point (self, x, y, hit);
}

static gboolean
set_viewport_internal (SgScatterChart   *self,
                       const SgViewport *vp)
{
  SgViewport fit = padded_extent (self->data);
  double fw = fit.x_max - fit.x_min, fh = fit.y_max - fit.y_min;
  double w = vp->x_max - vp->x_min, h = vp->y_max - vp->y_min;

  /* Between a hundred-thousandth of the data and twenty times it: floats stay meaningful. */
  if (!isfinite (w) || !isfinite (h) || !isfinite (vp->x_min) || !isfinite (vp->y_min)
      || w < fw * 1e-5 || h < fh * 1e-5 || w > fw * 20 || h > fh * 20)
    return FALSE;
  if (sg_viewport_equal (vp, &self->viewport))
    return FALSE;
  self->viewport = *vp;
  sg_chart_changed (SG_CHART (self));
  return TRUE;
}

static gboolean
sg_scatter_chart_zoom (SgChart *chart,
                       double   factor,
                       double   x,
                       double   y)
{
  SgScatterChart *self = SG_SCATTER_CHART (chart);
  const SgRect *p = &self->frame.plot;
  SgViewport vp = self->viewport;
  double cx, cy;

  if (!self->has_layout)
    return FALSE;
  if (!sg_rect_contains (p, x, y))
    {
      x = p->x + p->width / 2;
      y = p->y + p->height / 2;
    }
  cx = vp.x_min + (x - p->x) / p->width * (vp.x_max - vp.x_min);
  cy = vp.y_max - (y - p->y) / p->height * (vp.y_max - vp.y_min);
  vp = (SgViewport) {
    cx - (cx - self->viewport.x_min) / factor, cx + (self->viewport.x_max - cx) / factor,
    cy - (cy - self->viewport.y_min) / factor, cy + (self->viewport.y_max - cy) / factor,
  };
  return set_viewport_internal (self, &vp);
}

static gboolean
sg_scatter_chart_pan (SgChart *chart,
                      double   dx,
                      double   dy)
{
  SgScatterChart *self = SG_SCATTER_CHART (chart);
  const SgRect *p = &self->frame.plot;
  double ux, uy;
  SgViewport vp;

  if (!self->has_layout)
    return FALSE;
  ux = -dx / p->width * (self->viewport.x_max - self->viewport.x_min);
  uy = dy / p->height * (self->viewport.y_max - self->viewport.y_min);
  vp = (SgViewport) { self->viewport.x_min + ux, self->viewport.x_max + ux,
                      self->viewport.y_min + uy, self->viewport.y_max + uy };
  return set_viewport_internal (self, &vp);
}

static gboolean
sg_scatter_chart_reset_view (SgChart *chart)
{
  SgScatterChart *self = SG_SCATTER_CHART (chart);
  SgViewport fit = padded_extent (self->data);

  return set_viewport_internal (self, &fit);
}

static void
sg_scatter_chart_class_init (SgScatterChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  SgChartClass *chart_class = SG_CHART_CLASS (klass);

  object_class->finalize = sg_scatter_chart_finalize;
  chart_class->draw = sg_scatter_chart_draw;
  chart_class->describe = sg_scatter_chart_describe;
  chart_class->hit_test = sg_scatter_chart_hit_test;
  chart_class->zoom = sg_scatter_chart_zoom;
  chart_class->pan = sg_scatter_chart_pan;
  chart_class->reset_view = sg_scatter_chart_reset_view;
}

static void
sg_scatter_chart_init (SgScatterChart *self)
{
  self->x_name = g_strdup ("PC1");
  self->y_name = g_strdup ("PC2");
  self->x_share = self->y_share = -1;
  self->x_title = g_strdup (self->x_name);
  self->y_title = g_strdup (self->y_name);
  self->threshold = SG_SCATTER_DENSITY_THRESHOLD;
  self->viewport = padded_extent (NULL);
  self->names = g_new0 (char *, 1);
}

SgScatterChart *
sg_scatter_chart_new (void)
{
  return g_object_new (SG_TYPE_SCATTER_CHART, NULL);
}

void
sg_scatter_chart_set_data (SgScatterChart    *self,
                           const float       *x,
                           const float       *y,
                           const gint32      *segment,
                           gsize              n,
                           guint              n_segs,
                           const char *const *names)
{
  ScatterData *data;

  g_return_if_fail (SG_IS_SCATTER_CHART (self));
  g_return_if_fail (n == 0 || (x != NULL && y != NULL));
  g_return_if_fail (n <= G_MAXUINT32);

  data = g_new0 (ScatterData, 1);
  g_atomic_ref_count_init (&data->ref);
  data->n = n;
  data->n_segments = n_segs;
  data->x = g_memdup2 (x, n * sizeof (float));
  data->y = g_memdup2 (y, n * sizeof (float));
  data->segment = g_new (gint32, MAX (n, 1));
  for (gsize i = 0; i < n; i++)
    {
      gint32 s = segment != NULL ? segment[i] : -1;

      data->segment[i] = s >= 0 && (guint) s < n_segs ? s : -1;
    }
  scatter_data_summarise (data);

  g_clear_pointer (&self->data, scatter_data_unref);
  self->data = data;
  g_strfreev (self->names);
  self->names = sg_chart_segment_names (names, n_segs);
  g_free (self->visible);
  self->visible = g_new (gboolean, n_segs + 1);
  for (guint b = 0; b <= n_segs; b++)
    self->visible[b] = TRUE;
  self->stamp++;
  self->count_valid = FALSE;
  clear_raster (self);
  self->viewport = padded_extent (data);
  sg_chart_changed (SG_CHART (self));
}

gsize
sg_scatter_chart_get_n_points (SgScatterChart *self)
{
  g_return_val_if_fail (SG_IS_SCATTER_CHART (self), 0);

  return self->data != NULL ? self->data->n : 0;
}

void
sg_scatter_chart_set_axes (SgScatterChart *self,
                           const char     *x_name,
                           double          x_share,
                           const char     *y_name,
                           double          y_share)
{
  g_return_if_fail (SG_IS_SCATTER_CHART (self));

  g_free (self->x_name);
  g_free (self->y_name);
  self->x_name = g_strdup (x_name != NULL ? x_name : "x");
  self->y_name = g_strdup (y_name != NULL ? y_name : "y");
  self->x_share = x_share;
  self->y_share = y_share;
  g_free (self->x_title);
  g_free (self->y_title);
  self->x_title = axis_title (self->x_name, x_share);
  self->y_title = axis_title (self->y_name, y_share);
  sg_chart_changed (SG_CHART (self));
}

void
sg_scatter_chart_set_loadings (SgScatterChart    *self,
                               const double      *x,
                               const double      *y,
                               const char *const *names,
                               guint              n)
{
  g_return_if_fail (SG_IS_SCATTER_CHART (self));
  g_return_if_fail (n == 0 || (x != NULL && y != NULL && names != NULL));

  g_clear_pointer (&self->load_x, g_free);
  g_clear_pointer (&self->load_y, g_free);
  g_clear_pointer (&self->load_names, g_strfreev);
  self->n_loadings = n;
  if (n > 0)
    {
      self->load_x = g_memdup2 (x, n * sizeof (double));
      self->load_y = g_memdup2 (y, n * sizeof (double));
      self->load_names = g_new0 (char *, n + 1);
      for (guint i = 0; i < n; i++)
        self->load_names[i] = g_strdup (names[i] != NULL ? names[i] : "");
    }
  sg_chart_changed (SG_CHART (self));
}

static guint
bucket_of_segment (SgScatterChart *self,
                   int             segment)
{
  guint ns = n_segments (self);

  return segment >= 0 && (guint) segment < ns ? (guint) segment : ns;
}

void
sg_scatter_chart_set_segment_visible (SgScatterChart *self,
                                      int             segment,
                                      gboolean        visible)
{
  guint b;

  g_return_if_fail (SG_IS_SCATTER_CHART (self));

  if (self->visible == NULL)
    return;
  b = bucket_of_segment (self, segment);
  if (self->visible[b] == !!visible)
    return;
  self->visible[b] = !!visible;
  self->stamp++;
  self->count_valid = FALSE;
  sg_chart_changed (SG_CHART (self));
}

gboolean
sg_scatter_chart_get_segment_visible (SgScatterChart *self,
                                      int             segment)
{
  g_return_val_if_fail (SG_IS_SCATTER_CHART (self), FALSE);

  return self->visible == NULL || self->visible[bucket_of_segment (self, segment)];
}

void
sg_scatter_chart_get_viewport (SgScatterChart *self,
                               SgViewport     *viewport)
{
  g_return_if_fail (SG_IS_SCATTER_CHART (self));
  g_return_if_fail (viewport != NULL);

  *viewport = self->viewport;
}

void
sg_scatter_chart_set_viewport (SgScatterChart   *self,
                               const SgViewport *viewport)
{
  g_return_if_fail (SG_IS_SCATTER_CHART (self));
  g_return_if_fail (viewport != NULL);

  set_viewport_internal (self, viewport);
}

gboolean
sg_scatter_chart_data_to_view (SgScatterChart *self,
                               double          x,
                               double          y,
                               double         *view_x,
                               double         *view_y)
{
  g_return_val_if_fail (SG_IS_SCATTER_CHART (self), FALSE);

  if (!self->has_layout)
    return FALSE;
  if (view_x != NULL)
    *view_x = to_px_x (self, x);
  if (view_y != NULL)
    *view_y = to_px_y (self, y) + _sg_chart_get_content_offset (SG_CHART (self));
  return TRUE;
}

void
sg_scatter_chart_set_density_threshold (SgScatterChart *self,
                                        gsize           threshold)
{
  g_return_if_fail (SG_IS_SCATTER_CHART (self));

  if (self->threshold == threshold)
    return;
  self->threshold = threshold;
  sg_chart_changed (SG_CHART (self));
}

gsize
sg_scatter_chart_count_in_view (SgScatterChart *self)
{
  const ScatterData *d;
  const SgViewport *vp = &self->viewport;
  gsize count = 0;

  g_return_val_if_fail (SG_IS_SCATTER_CHART (self), 0);

  d = self->data;
  if (d == NULL)
    return 0;
  if (self->count_valid && self->count_stamp == self->stamp
      && sg_viewport_equal (&self->count_viewport, vp))
    return self->count;
  for (gsize i = 0; i < d->n; i++)
    count += d->x[i] >= vp->x_min && d->x[i] <= vp->x_max && d->y[i] >= vp->y_min
             && d->y[i] <= vp->y_max && bucket_visible (self, bucket (d, i));
  self->count = count;
  self->count_viewport = *vp;
  self->count_stamp = self->stamp;
  self->count_valid = TRUE;
  return count;
}

gboolean
sg_scatter_chart_is_dense (SgScatterChart *self)
{
  g_return_val_if_fail (SG_IS_SCATTER_CHART (self), FALSE);

  return sg_scatter_chart_count_in_view (self) > self->threshold;
}

void
sg_scatter_chart_set_external_density (SgScatterChart *self,
                                       gboolean        external)
{
  g_return_if_fail (SG_IS_SCATTER_CHART (self));

  self->external = !!external;
}

SgDensityJob *
sg_scatter_chart_density_job_new (SgScatterChart *self)
{
  SgDensityJob *job;
  guint nb;

  g_return_val_if_fail (SG_IS_SCATTER_CHART (self), NULL);

  if (!self->has_layout || self->data == NULL || !sg_scatter_chart_is_dense (self)
      || raster_fits (self, self->raster))
    return NULL;
  nb = self->data->n_segments + 1;
  job = g_new0 (SgDensityJob, 1);
  job->data = scatter_data_ref (self->data);
  job->visible = g_memdup2 (self->visible, nb * sizeof (gboolean));
  job->viewport = self->viewport;
  plot_size_px (self, &job->width_px, &job->height_px);
  job->tag = self->stamp;
  return job;
}

SgDensityRaster *
sg_density_job_run (SgDensityJob *job,
                    GCancellable *cancellable)
{
  SgDensityRaster *raster;

  g_return_val_if_fail (job != NULL, NULL);

  raster = sg_density_raster_compute (job->data->x, job->data->y, job->data->segment, job->data->n,
                                      &job->viewport, job->width_px, job->height_px,
                                      job->data->n_segments, job->visible, cancellable);
  if (raster != NULL)
    raster->tag = job->tag;
  return raster;
}

gboolean
sg_density_job_equal (const SgDensityJob *a,
                      const SgDensityJob *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return a->data == b->data && a->tag == b->tag && a->width_px == b->width_px
         && a->height_px == b->height_px && sg_viewport_equal (&a->viewport, &b->viewport);
}

void
sg_density_job_free (SgDensityJob *job)
{
  if (job == NULL)
    return;
  scatter_data_unref (job->data);
  g_free (job->visible);
  g_free (job);
}

void
sg_scatter_chart_set_density_raster (SgScatterChart  *self,
                                     SgDensityRaster *raster)
{
  g_return_if_fail (SG_IS_SCATTER_CHART (self));

  if (raster == NULL || raster->tag != self->stamp)
    {
      sg_density_raster_free (raster);
      return;
    }
  clear_raster (self);
  self->raster = raster;
  sg_chart_changed (SG_CHART (self));
}

gboolean
sg_scatter_chart_has_current_raster (SgScatterChart *self)
{
  g_return_val_if_fail (SG_IS_SCATTER_CHART (self), FALSE);

  return self->has_layout && raster_fits (self, self->raster);
}
