/* sg-histogram-chart.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "sg-chart-private.h"
#include "sg-histogram-chart.h"

struct _SgHistogramChart
{
  SgChart    parent_instance;

  guint      n_bins;
  double    *edges;
  guint64   *counts;
  guint64    total;
  guint64    missing;
  char      *label;

  SgXYFrame  frame;
  gboolean   has_layout;
};

G_DEFINE_FINAL_TYPE (SgHistogramChart, sg_histogram_chart, SG_TYPE_CHART)

static void
clear_bins (SgHistogramChart *self)
{
  g_clear_pointer (&self->edges, g_free);
  g_clear_pointer (&self->counts, g_free);
  self->n_bins = 0;
  self->total = 0;
  self->missing = 0;
}

static void
sg_histogram_chart_finalize (GObject *object)
{
  SgHistogramChart *self = SG_HISTOGRAM_CHART (object);

  clear_bins (self);
  g_free (self->label);
  G_OBJECT_CLASS (sg_histogram_chart_parent_class)->finalize (object);
}

static SgRect
bar_rect (SgHistogramChart *self,
          guint             i)
{
  double x0 = sg_xy_frame_x (&self->frame, self->edges[i]);
  double x1 = sg_xy_frame_x (&self->frame, self->edges[i + 1]);
  double y = sg_xy_frame_y (&self->frame, (double) self->counts[i]);
  double base = self->frame.plot.y + self->frame.plot.height;
  double gap = x1 - x0 > 6 ? 1 : 0;

  return (SgRect) { x0 + gap / 2, y, MAX (x1 - x0 - gap, 0.5), base - y };
}

static void
sg_histogram_chart_draw (SgChart            *chart,
                         cairo_t            *cr,
                         const SgChartStyle *style,
                         double              width,
                         double              height)
{
  SgHistogramChart *self = SG_HISTOGRAM_CHART (chart);
  guint64 largest = 0;
  g_autofree char *missing_note = NULL;
  double note_h = 0;

  self->has_layout = FALSE;
  if (self->n_bins == 0 || self->total == 0)
    {
      sg_chart_draw_empty (cr, style, width, height,
                           self->missing > 0 ? _("All values are missing") : NULL);
      return;
    }
  for (guint i = 0; i < self->n_bins; i++)
    largest = MAX (largest, self->counts[i]);
  if (self->missing > 0)
    {
      g_autofree char *count = sg_chart_format_number (self->missing, 0);

      missing_note = g_strdup_printf (_("%s missing"), count);
      sg_chart_text_size (cr, style, missing_note, SG_TEXT_SMALL, NULL, &note_h);
    }
  self->frame = (SgXYFrame) {
    .x = { .lo = self->edges[0], .hi = self->edges[self->n_bins], .title = self->label },
    .y = { .lo = 0, .hi = (double) largest, .flags = SG_CHART_TICKS_LOOSE | SG_CHART_TICKS_INTEGER,
           .grid = TRUE },
    .top_room = note_h > 0 ? note_h : 0,
  };
  sg_xy_frame_layout (&self->frame, cr, style, (SgRect) { 0, 0, width, height });
  self->has_layout = TRUE;
  if (sg_chart_is_layout_pass (chart))
    return;

  sg_xy_frame_draw (&self->frame, cr, style);
  sg_chart_set_color (cr, sg_chart_segment_color (style, 0), 0.85);
  for (guint i = 0; i < self->n_bins; i++)
    {
      SgRect r = bar_rect (self, i);

      if (self->counts[i] > 0)
        cairo_rectangle (cr, r.x, r.y, r.width, MAX (r.height, 1));
    }
  cairo_fill (cr);
  if (missing_note != NULL)
    sg_chart_draw_text (cr, style, missing_note, SG_TEXT_SMALL, &style->muted,
                        width - SG_CHART_PAD, SG_CHART_PAD, 1, 0, 0);
}

static char *
range_text (SgHistogramChart *self,
            guint             i)
{
  g_autofree char *lo = sg_chart_format_value (self->edges[i]);
  g_autofree char *hi = sg_chart_format_value (self->edges[i + 1]);

  return g_strdup_printf ("%s – %s", lo, hi);
}

static char *
sg_histogram_chart_describe (SgChart *chart)
{
  SgHistogramChart *self = SG_HISTOGRAM_CHART (chart);
  g_autofree char *total = NULL, *lo = NULL, *hi = NULL, *mode = NULL, *mode_count = NULL;
  guint best = 0;
  GString *text;

  if (self->n_bins == 0 || self->total == 0)
    return g_strdup_printf (_("Histogram of %s with no values."), self->label);
  for (guint i = 1; i < self->n_bins; i++)
    if (self->counts[i] > self->counts[best])
      best = i;
  total = sg_chart_format_number (self->total, 0);
  lo = sg_chart_format_value (self->edges[0]);
  hi = sg_chart_format_value (self->edges[self->n_bins]);
  mode = range_text (self, best);
  mode_count = sg_chart_format_number (self->counts[best], 0);
  text = g_string_new (NULL);
  g_string_append_printf (text, _("Histogram of %s: %s values from %s to %s; the most common range "
                                  "is %s (%s values)."),
                          self->label, total, lo, hi, mode, mode_count);
  if (self->missing > 0)
    {
      g_autofree char *missing = sg_chart_format_number (self->missing, 0);

      g_string_append_printf (text, _(" %s missing."), missing);
    }
  return g_string_free (text, FALSE);
}

static gboolean
sg_histogram_chart_hit_test (SgChart    *chart,
                             double      x,
                             double      y,
                             SgChartHit *hit)
{
  SgHistogramChart *self = SG_HISTOGRAM_CHART (chart);
  g_autofree char *range = NULL, *count = NULL, *share = NULL;

  if (!self->has_layout || !sg_rect_contains (&self->frame.plot, x, y))
    return FALSE;
  for (guint i = 0; i < self->n_bins; i++)
    {
      SgRect r = bar_rect (self, i);

      if (x < sg_xy_frame_x (&self->frame, self->edges[i])
          || x >= sg_xy_frame_x (&self->frame, self->edges[i + 1]))
        continue;
      range = range_text (self, i);
      count = sg_chart_format_number (self->counts[i], 0);
      share = sg_chart_format_percent ((double) self->counts[i] / self->total);
      hit->kind = SG_CHART_HIT_BAR;
      hit->index = i;
      hit->value = (double) self->counts[i];
      hit->area = r;
      hit->tooltip = g_strdup_printf (_("%s\n%s values (%s)"), range, count, share);
      return TRUE;
    }
  return FALSE;
}

static void
sg_histogram_chart_class_init (SgHistogramChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  SgChartClass *chart_class = SG_CHART_CLASS (klass);

  object_class->finalize = sg_histogram_chart_finalize;
  chart_class->draw = sg_histogram_chart_draw;
  chart_class->describe = sg_histogram_chart_describe;
  chart_class->hit_test = sg_histogram_chart_hit_test;
}

static void
sg_histogram_chart_init (SgHistogramChart *self)
{
  self->label = g_strdup (_("Value"));
}

SgHistogramChart *
sg_histogram_chart_new (void)
{
  return g_object_new (SG_TYPE_HISTOGRAM_CHART, NULL);
}

void
sg_histogram_chart_set_bins (SgHistogramChart *self,
                             const double     *edges,
                             const guint64    *counts,
                             guint             n_bins,
                             guint64           n_missing)
{
  g_return_if_fail (SG_IS_HISTOGRAM_CHART (self));
  g_return_if_fail (n_bins == 0 || (edges != NULL && counts != NULL));

  clear_bins (self);
  for (guint i = 0; i < n_bins; i++)
    if (!(edges[i + 1] > edges[i]))
      {
        g_critical ("%s: bin edges must be finite and ascending", G_STRFUNC);
        n_bins = 0;
        break;
      }
  self->n_bins = n_bins;
  self->edges = g_memdup2 (edges, (n_bins + 1) * sizeof (double));
  self->counts = g_memdup2 (counts, MAX (n_bins, 1) * sizeof (guint64));
  for (guint i = 0; i < n_bins; i++)
    self->total += counts[i];
  self->missing = n_missing;
  sg_chart_changed (SG_CHART (self));
}

void
sg_histogram_chart_set_values (SgHistogramChart *self,
                               const double     *values,
                               gsize             n)
{
  double lo = INFINITY, hi = -INFINITY;
  gsize finite = 0;
  SgChartTicks ticks;
  g_autofree double *edges = NULL;
  g_autofree guint64 *counts = NULL;
  guint n_bins;

  g_return_if_fail (SG_IS_HISTOGRAM_CHART (self));
  g_return_if_fail (n == 0 || values != NULL);

  for (gsize i = 0; i < n; i++)
    if (isfinite (values[i]))
      {
        lo = MIN (lo, values[i]);
        hi = MAX (hi, values[i]);
        finite++;
      }
  if (finite == 0)
    {
      sg_histogram_chart_set_bins (self, NULL, NULL, 0, n);
      return;
    }
  /* Bin edges are the ticks of a loose axis: every bin boundary is a round number. */
  sg_chart_ticks_compute (lo, hi, (guint) CLAMP (sqrt ((double) finite), 5, 40) + 1,
                          SG_CHART_TICKS_LOOSE, &ticks);
  n_bins = MAX (ticks.n - 1, 1);
  edges = g_new (double, n_bins + 1);
  counts = g_new0 (guint64, n_bins);
  for (guint i = 0; i <= n_bins; i++)
    edges[i] = ticks.min + i * ticks.step;
  for (gsize i = 0; i < n; i++)
    {
      gssize b;

      if (!isfinite (values[i]))
        continue;
      b = (gssize) floor ((values[i] - ticks.min) / ticks.step);
      counts[CLAMP (b, 0, (gssize) n_bins - 1)]++;  /* the top edge belongs to the last bin */
    }
  sg_histogram_chart_set_bins (self, edges, counts, n_bins, n - finite);
}

void
sg_histogram_chart_set_label (SgHistogramChart *self,
                              const char       *label)
{
  g_return_if_fail (SG_IS_HISTOGRAM_CHART (self));

  g_free (self->label);
  self->label = g_strdup (label != NULL ? label : _("Value"));
  sg_chart_changed (SG_CHART (self));
}

guint
sg_histogram_chart_get_n_bins (SgHistogramChart *self)
{
  g_return_val_if_fail (SG_IS_HISTOGRAM_CHART (self), 0);

  return self->n_bins;
}

gboolean
sg_histogram_chart_get_bin (SgHistogramChart *self,
                            guint             i,
                            double           *lo,
                            double           *hi,
                            guint64          *count)
{
  g_return_val_if_fail (SG_IS_HISTOGRAM_CHART (self), FALSE);

  if (i >= self->n_bins)
    return FALSE;
  if (lo != NULL)
    *lo = self->edges[i];
  if (hi != NULL)
    *hi = self->edges[i + 1];
  if (count != NULL)
    *count = self->counts[i];
  return TRUE;
}
