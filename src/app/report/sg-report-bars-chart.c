/* sg-report-bars-chart.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "sg-chart-private.h"
#include "sg-report-bars-chart.h"

#define MAX_BAR 15.0

struct _SgReportBarsChart
{
  SgChart    parent_instance;

  guint      n_segments, n_features;
  guint      segment;
  double    *z;             /* n_segments × n_features */
  char     **segment_names;
  char     **feature_names;
  guint     *rows;          /* features shown, top row first */
  guint      n_rows;

  SgXYFrame  frame;
  SgLegend   legend;
  char      *legend_names[3];
  gboolean   has_layout;
};

G_DEFINE_FINAL_TYPE (SgReportBarsChart, sg_report_bars_chart, SG_TYPE_CHART)

static void
clear_data (SgReportBarsChart *self)
{
  g_clear_pointer (&self->z, g_free);
  g_clear_pointer (&self->segment_names, g_strfreev);
  g_clear_pointer (&self->feature_names, g_strfreev);
  g_clear_pointer (&self->rows, g_free);
  for (guint i = 0; i < G_N_ELEMENTS (self->legend_names); i++)
    g_clear_pointer (&self->legend_names[i], g_free);
  self->n_rows = 0;
}

static void
sg_report_bars_chart_finalize (GObject *object)
{
  SgReportBarsChart *self = SG_REPORT_BARS_CHART (object);

  clear_data (self);
  sg_legend_clear (&self->legend);
  G_OBJECT_CLASS (sg_report_bars_chart_parent_class)->finalize (object);
}

static double
value (SgReportBarsChart *self,
       guint              s,
       guint              f)
{
  return self->z[(gsize) s * self->n_features + f];
}

/* The centre of row @i (0 at the top). */
static double
row_y (SgReportBarsChart *self,
       guint              i)
{
  return sg_xy_frame_y (&self->frame, (double) (self->n_rows - 1 - i));
}

static void
sg_report_bars_chart_draw (SgChart            *chart,
                           cairo_t            *cr,
                           const SgChartStyle *style,
                           double              width,
                           double              height)
{
  SgReportBarsChart *self = SG_REPORT_BARS_CHART (chart);
  double lo = 0, hi = 0, name_w = 0, legend_h, row_h, bar_h, zero_x, span;
  const char *x_title;
  int legend_segments[2];
  SgRgb others;

  self->has_layout = FALSE;
  sg_legend_clear (&self->legend);
  if (self->n_rows == 0)
    {
      sg_chart_draw_empty (cr, style, width, height, NULL);
      return;
    }
  for (guint i = 0; i < self->n_rows; i++)
    {
      double w;

      for (guint s = 0; s < self->n_segments; s++)
        {
          double z = value (self, s, self->rows[i]);

          if (isfinite (z))
            {
              lo = MIN (lo, z);
              hi = MAX (hi, z);
            }
        }
      sg_chart_text_size (cr, style, self->feature_names[self->rows[i]], SG_TEXT_LABEL, &w, NULL);
      name_w = MAX (name_w, w);
    }
  /* At least half a standard deviation each way, and room for the values printed beyond the bars. */
  lo = MIN (lo, -0.5);
  hi = MAX (hi, 0.5);
  span = hi - lo;
  lo -= span * 0.04;
  hi += span * 0.04;
  name_w = MIN (name_w, width * (width < 360 ? 0.4 : 0.32));

  legend_segments[0] = (int) self->segment;
  legend_segments[1] = -1;
  legend_h = sg_legend_layout (&self->legend, cr, style, self->legend_names, 2, SG_CHART_PAD, SG_CHART_PAD,
                               width - 2 * SG_CHART_PAD);
  {
    double title_w;

    sg_chart_text_size (cr, style, _("Standard deviations from the overall mean"), SG_TEXT_SMALL, &title_w, NULL);
    x_title = title_w <= width - name_w - 3 * SG_CHART_PAD ? _("Standard deviations from the overall mean")
                                                           : _("SD from the overall mean");
  }
  self->frame = (SgXYFrame) {
    .x = { .lo = lo, .hi = hi, .flags = SG_CHART_TICKS_TIGHT, .grid = TRUE, .title = x_title },
    .y = { .hidden = TRUE, .lo = -0.5, .hi = self->n_rows - 0.5, .label_room = name_w + SG_CHART_GAP },
    .top_room = legend_h + SG_CHART_GAP,
  };
  sg_xy_frame_layout (&self->frame, cr, style, (SgRect) { 0, 0, width, height });
  /* Widen the range until every value printed beyond its bar stays inside the plot. */
  for (int pass = 0; pass < 2; pass++)
    {
      double per_unit = (hi - lo) / MAX (self->frame.plot.width, 1), need_lo = lo, need_hi = hi;

      for (guint i = 0; i < self->n_rows; i++)
        {
          double z = value (self, self->segment, self->rows[i]), w;
          g_autofree char *label = NULL;

          if (!isfinite (z))
            continue;
          label = sg_chart_format_number (z, 1);
          sg_chart_text_size (cr, style, label, SG_TEXT_SMALL, &w, NULL);
          w = (w + 10) * per_unit;
          if (z < 0)
            need_lo = MIN (need_lo, z - w);
          else
            need_hi = MAX (need_hi, z + w);
        }
      if (need_lo >= lo && need_hi <= hi)
        break;
      lo = need_lo;
      hi = need_hi;
      self->frame.x.lo = lo;
      self->frame.x.hi = hi;
      sg_xy_frame_layout (&self->frame, cr, style, (SgRect) { 0, 0, width, height });
    }
  /* Short labels ("−1", "0.5"): a narrow plot still takes a tick every 24 units or so. */
  sg_chart_ticks_compute (lo, hi, (guint) CLAMP (self->frame.plot.width / 24, 3, 10), SG_CHART_TICKS_TIGHT,
                          &self->frame.x.ticks);
  self->frame.x.label_every = 1;
  self->has_layout = TRUE;
  if (sg_chart_is_layout_pass (chart))
    return;

  sg_xy_frame_draw (&self->frame, cr, style);
  row_h = self->frame.plot.height / self->n_rows;
  bar_h = MIN (row_h * 0.56, MAX_BAR);
  zero_x = sg_chart_snap (style, sg_xy_frame_x (&self->frame, 0), 1);
  others = sg_rgb_mix (style->muted, style->background, 0.15);

  for (guint i = 0; i < self->n_rows; i++)
    {
      guint f = self->rows[i];
      double y = row_y (self, i), z = value (self, self->segment, f);

      sg_chart_draw_text (cr, style, self->feature_names[f], SG_TEXT_LABEL, NULL,
                          self->frame.plot.x - SG_CHART_GAP, y, 1, 0.5, name_w);
      if (isfinite (z))
        {
          double x = sg_xy_frame_x (&self->frame, z);
          g_autofree char *label = sg_chart_format_number (z, 1);
          g_autofree char *signed_label = z > 0 ? g_strconcat ("+", label, NULL) : g_strdup (label);

          sg_chart_set_color (cr, sg_chart_segment_color (style, (int) self->segment), 1.0);
          cairo_rectangle (cr, MIN (x, zero_x), y - bar_h / 2, fabs (x - zero_x), bar_h);
          cairo_fill (cr);
        }
      /* The other segments: thin ticks over the bar's row. */
      cairo_save (cr);
      cairo_set_line_width (cr, 1.5);
      sg_chart_set_color (cr, others, 0.9);
      for (guint s = 0; s < self->n_segments; s++)
        {
          double zo = value (self, s, f), x;

          if (s == self->segment || !isfinite (zo))
            continue;
          x = sg_chart_snap (style, sg_xy_frame_x (&self->frame, zo), 1.5);
          cairo_move_to (cr, x, y - bar_h / 2 - 3);
          cairo_line_to (cr, x, y + bar_h / 2 + 3);
        }
      cairo_stroke (cr);
      cairo_restore (cr);
      /* The value last, haloed, so no tick crosses it. */
      if (isfinite (z))
        {
          double x = sg_xy_frame_x (&self->frame, z);
          g_autofree char *label = sg_chart_format_number (z, 1);
          g_autofree char *signed_label = z > 0 ? g_strconcat ("+", label, NULL) : g_strdup (label);

          sg_chart_draw_text_halo (cr, style, signed_label, SG_TEXT_SMALL, NULL,
                                   z >= 0 ? x + 4 : x - 4, y, z >= 0 ? 0 : 1, 0.5);
        }
    }

  /* The overall mean. */
  cairo_set_line_width (cr, 1);
  sg_chart_set_color (cr, sg_rgb_mix (style->foreground, style->background, 0.3), 1.0);
  cairo_move_to (cr, zero_x, self->frame.plot.y);
  cairo_line_to (cr, zero_x, self->frame.plot.y + self->frame.plot.height);
  cairo_stroke (cr);
  sg_legend_draw (&self->legend, cr, style, self->legend_names, legend_segments, NULL);
}

static char *
sg_report_bars_chart_describe (SgChart *chart)
{
  SgReportBarsChart *self = SG_REPORT_BARS_CHART (chart);
  g_autofree char *amount = NULL;
  guint f;

  if (self->n_rows == 0)
    return g_strdup (_("Feature bars with no data."));
  f = self->rows[0];
  amount = sg_chart_format_number (value (self, self->segment, f), 1);
  return g_strdup_printf (_("How %s differs from the overall mean on %u features, in standard deviations. "
                            "It differs most on %s: %s SD."),
                          self->segment_names[self->segment], self->n_rows, self->feature_names[f], amount);
}

static gboolean
sg_report_bars_chart_hit_test (SgChart    *chart,
                               double      x,
                               double      y,
                               SgChartHit *hit)
{
  SgReportBarsChart *self = SG_REPORT_BARS_CHART (chart);
  double row_h;

  if (!self->has_layout || self->n_rows == 0 || !sg_rect_contains (&self->frame.plot, x, y))
    return FALSE;
  row_h = self->frame.plot.height / self->n_rows;
  for (guint i = 0; i < self->n_rows; i++)
    if (fabs (y - row_y (self, i)) <= row_h / 2)
      {
        guint f = self->rows[i];
        g_autofree char *amount = sg_chart_format_number (value (self, self->segment, f), 2);

        hit->kind = SG_CHART_HIT_BAR;
        hit->index = f;
        hit->segment = (int) self->segment;
        hit->value = value (self, self->segment, f);
        hit->area = (SgRect) { self->frame.plot.x, row_y (self, i) - row_h / 2, self->frame.plot.width, row_h };
        hit->tooltip = g_strdup_printf ("%s: %s SD", self->feature_names[f], amount);
        return TRUE;
      }
  return FALSE;
}

static void
sg_report_bars_chart_class_init (SgReportBarsChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  SgChartClass *chart_class = SG_CHART_CLASS (klass);

  object_class->finalize = sg_report_bars_chart_finalize;
  chart_class->draw = sg_report_bars_chart_draw;
  chart_class->describe = sg_report_bars_chart_describe;
  chart_class->hit_test = sg_report_bars_chart_hit_test;
}

static void
sg_report_bars_chart_init (SgReportBarsChart *self)
{
}

SgReportBarsChart *
sg_report_bars_chart_new (void)
{
  return g_object_new (SG_TYPE_REPORT_BARS_CHART, NULL);
}

typedef struct {
  guint  feature;
  double magnitude;
} Ranked;

static int
by_magnitude (gconstpointer a,
              gconstpointer b)
{
  const Ranked *ra = a, *rb = b;

  if (ra->magnitude != rb->magnitude)
    return ra->magnitude > rb->magnitude ? -1 : 1;
  return ra->feature < rb->feature ? -1 : ra->feature > rb->feature;
}

void
sg_report_bars_chart_set_data (SgReportBarsChart *self,
                               const double      *z,
                               guint              n_segments,
                               guint              n_features,
                               guint              segment,
                               const char *const *segment_names,
                               const char *const *feature_names,
                               guint              max_features)
{
  g_autofree Ranked *ranked = NULL;
  guint n_known = 0;

  g_return_if_fail (SG_IS_REPORT_BARS_CHART (self));
  g_return_if_fail (segment < n_segments || n_segments == 0);

  clear_data (self);
  self->n_segments = n_segments;
  self->n_features = n_features;
  self->segment = segment;
  self->z = g_memdup2 (z, sizeof (double) * n_segments * n_features);
  self->segment_names = sg_chart_segment_names (segment_names, n_segments);
  self->feature_names = g_new0 (char *, n_features + 1);
  for (guint f = 0; f < n_features; f++)
    self->feature_names[f] = g_strdup (feature_names != NULL && feature_names[f] != NULL ? feature_names[f] : "");

  ranked = g_new (Ranked, MAX (n_features, 1));
  for (guint f = 0; n_segments > 0 && f < n_features; f++)
    if (isfinite (value (self, segment, f)))
      ranked[n_known++] = (Ranked) { f, fabs (value (self, segment, f)) };
  qsort (ranked, n_known, sizeof (Ranked), by_magnitude);
  self->n_rows = max_features > 0 ? MIN (n_known, max_features) : n_known;
  self->rows = g_new (guint, MAX (self->n_rows, 1));
  for (guint i = 0; i < self->n_rows; i++)
    self->rows[i] = ranked[i].feature;
  if (n_segments > 0)
    {
      self->legend_names[0] = g_strdup (self->segment_names[segment]);
      self->legend_names[1] = g_strdup (_("Other segments"));
    }
  sg_chart_changed (SG_CHART (self));
}

guint
sg_report_bars_chart_get_n_rows (SgReportBarsChart *self)
{
  g_return_val_if_fail (SG_IS_REPORT_BARS_CHART (self), 0);
  return self->n_rows;
}
