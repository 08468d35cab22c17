/* sg-k-scan-chart.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "sg-chart-private.h"
#include "sg-k-scan-chart.h"

struct _SgKScanChart
{
  SgChart    parent_instance;

  guint      n;
  guint     *k;
  double    *inertia;
  double    *score;        /* NULL: no second series */
  char      *score_name;
  gboolean   higher_is_better;
  guint      recommended;
  char      *reason;

  SgXYFrame  frame;
  SgLegend   legend;
  gboolean   has_layout;
};

G_DEFINE_FINAL_TYPE (SgKScanChart, sg_k_scan_chart, SG_TYPE_CHART)

static void
sg_k_scan_chart_finalize (GObject *object)
{
  SgKScanChart *self = SG_K_SCAN_CHART (object);

  g_free (self->k);
  g_free (self->inertia);
  g_free (self->score);
  g_free (self->score_name);
  g_free (self->reason);
  sg_legend_clear (&self->legend);
  G_OBJECT_CLASS (sg_k_scan_chart_parent_class)->finalize (object);
}

static void
finite_range (const double *v,
              guint         n,
              double       *lo,
              double       *hi)
{
  *lo = INFINITY;
  *hi = -INFINITY;
  for (guint i = 0; i < n; i++)
    if (isfinite (v[i]))
      {
        *lo = MIN (*lo, v[i]);
        *hi = MAX (*hi, v[i]);
      }
  if (*lo > *hi)
    *lo = *hi = 0;
}

/* The best score's index, or -1. */
static int
best_score (SgKScanChart *self)
{
  int best = -1;

  if (self->score == NULL)
    return -1;
  for (guint i = 0; i < self->n; i++)
    if (isfinite (self->score[i])
        && (best < 0 || (self->higher_is_better ? self->score[i] > self->score[best]
                                                : self->score[i] < self->score[best])))
      best = (int) i;
  return best;
}

static void
draw_series (SgKScanChart       *self,
             cairo_t            *cr,
             const double       *values,
             gboolean            right_axis,
             SgRgb               color,
             gboolean            dashed)
{
  gboolean pen_down = FALSE;
  static const double dash[] = { 6, 4 };

  cairo_save (cr);
  cairo_set_line_width (cr, 2);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  if (dashed)
    cairo_set_dash (cr, dash, 2, 0);
  sg_chart_set_color (cr, color, 1.0);
  for (guint i = 0; i < self->n; i++)
    {
      double x = sg_xy_frame_x (&self->frame, self->k[i]);
      double y;

      if (!isfinite (values[i]))
        {
          pen_down = FALSE;
          continue;
        }
      y = right_axis ? sg_xy_frame_y2 (&self->frame, values[i]) : sg_xy_frame_y (&self->frame, values[i]);
      if (pen_down)
        cairo_line_to (cr, x, y);
      else
        cairo_move_to (cr, x, y);
      pen_down = TRUE;
    }
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  for (guint i = 0; i < self->n; i++)
    {
      double y;

      if (!isfinite (values[i]))
        continue;
      y = right_axis ? sg_xy_frame_y2 (&self->frame, values[i]) : sg_xy_frame_y (&self->frame, values[i]);
      cairo_new_sub_path (cr);
      cairo_arc (cr, sg_xy_frame_x (&self->frame, self->k[i]), y, 3.5, 0, 2 * G_PI);
    }
  cairo_fill (cr);
  cairo_restore (cr);
}

static double
column_half_width (SgKScanChart *self)
{
  return fabs (sg_xy_frame_x (&self->frame, 1) - sg_xy_frame_x (&self->frame, 0)) / 2;
}

static void
draw_recommendation (SgKScanChart       *self,
                     cairo_t            *cr,
                     const SgChartStyle *style)
{
  const SgRect *p = &self->frame.plot;
  double x = sg_xy_frame_x (&self->frame, self->recommended);
  double half = MIN (column_half_width (self), 18);
  g_autofree char *label = g_strdup_printf (_("k = %u"), self->recommended);

  sg_chart_set_color (cr, style->accent, style->dark ? 0.22 : 0.12);
  cairo_rectangle (cr, x - half, p->y, 2 * half, p->height);
  cairo_fill (cr);
  sg_chart_draw_text_halo (cr, style, label, SG_TEXT_TITLE, &style->accent, x, p->y + 2, 0.5, 0);
}

static void
sg_k_scan_chart_draw (SgChart            *chart,
                      cairo_t            *cr,
                      const SgChartStyle *style,
                      double              width,
                      double              height)
{
  SgKScanChart *self = SG_K_SCAN_CHART (chart);
  double lo, hi, slo = 0, shi = 1, reason_height = 0, legend_height;
  char *names[3] = { _("Inertia (left axis)"), NULL, NULL };
  g_autofree char *score_label = NULL;
  int series[2] = { 0, 1 };

  self->has_layout = FALSE;
  sg_legend_clear (&self->legend);
  if (self->n == 0)
    {
      sg_chart_draw_empty (cr, style, width, height, NULL);
      return;
    }

  if (self->score != NULL)
    {
      /* TRANSLATORS: a legend entry, e.g. "Silhouette (right axis)" */
      score_label = g_strdup_printf (_("%s (right axis)"), self->score_name);
      names[1] = score_label;
      finite_range (self->score, self->n, &slo, &shi);
    }
  legend_height = sg_legend_layout (&self->legend, cr, style, names, self->score != NULL ? 2 : 1,
                                    SG_CHART_PAD, SG_CHART_PAD, width - 2 * SG_CHART_PAD);
  if (self->recommended > 0 && self->reason != NULL)
    reason_height = sg_chart_paragraph_height (cr, style, self->reason, SG_TEXT_NOTE,
                                               width - 2 * SG_CHART_PAD) + SG_CHART_GAP;
  finite_range (self->inertia, self->n, &lo, &hi);
  self->frame = (SgXYFrame) {
    .x = { .lo = self->k[0] - 0.5, .hi = self->k[self->n - 1] + 0.5,
           .flags = SG_CHART_TICKS_INTEGER, .title = _("Number of segments (k)") },
    .y = { .lo = lo, .hi = hi, .flags = SG_CHART_TICKS_LOOSE, .grid = TRUE,
           .title = _("Inertia") },
    .y2 = { .lo = slo, .hi = shi, .flags = SG_CHART_TICKS_LOOSE, .title = self->score_name },
    .has_y2 = self->score != NULL,
    .top_room = legend_height + SG_CHART_GAP,
  };
  sg_xy_frame_layout (&self->frame, cr, style, (SgRect) { 0, 0, width, height - reason_height });
  self->has_layout = TRUE;
  if (sg_chart_is_layout_pass (chart))
    return;

  if (self->recommended > 0)
    draw_recommendation (self, cr, style);
  sg_xy_frame_draw (&self->frame, cr, style);
  draw_series (self, cr, self->inertia, FALSE, sg_chart_segment_color (style, 0), FALSE);
  if (self->score != NULL)
    draw_series (self, cr, self->score, TRUE, sg_chart_segment_color (style, 1), TRUE);
  self->legend.lines = TRUE;
  self->legend.dashed = 1u << 1;
  sg_legend_draw (&self->legend, cr, style, names, series, NULL);
  if (reason_height > 0)
    sg_chart_draw_paragraph (cr, style, self->reason, SG_TEXT_NOTE, NULL, SG_CHART_PAD,
                             height - reason_height, width - 2 * SG_CHART_PAD);
}

static char *
sg_k_scan_chart_describe (SgKScanChart *self)
{
  GString *text = g_string_new (NULL);
  int best = best_score (self);

  if (self->n == 0)
    {
      g_string_free (text, TRUE);
      return g_strdup (_("Scan of the number of segments with no data."));
    }
  g_string_append_printf (text, _("Inertia and %s for k from %u to %u."),
                          self->score != NULL ? self->score_name : _("no other score"),
                          self->k[0], self->k[self->n - 1]);
  if (best >= 0)
    {
      g_autofree char *value = sg_chart_format_value (self->score[best]);

      g_string_append_printf (text, self->higher_is_better ? _(" %s is highest (%s) at k = %u.")
                                                           : _(" %s is lowest (%s) at k = %u."),
                              self->score_name, value, self->k[best]);
    }
  if (self->recommended > 0)
    g_string_append_printf (text, _(" Recommended: k = %u. %s"), self->recommended,
                            self->reason != NULL ? self->reason : "");
  return g_string_free (text, FALSE);
}

static char *
describe_vfunc (SgChart *chart)
{
  return sg_k_scan_chart_describe (SG_K_SCAN_CHART (chart));
}

static gboolean
sg_k_scan_chart_hit_test (SgChart    *chart,
                          double      x,
                          double      y,
                          SgChartHit *hit)
{
  SgKScanChart *self = SG_K_SCAN_CHART (chart);
  const SgRect *p = &self->frame.plot;
  double half;
  GString *tip;

  if (!self->has_layout || !sg_rect_contains (p, x, y))
    return FALSE;
  half = column_half_width (self);
  for (guint i = 0; i < self->n; i++)
    {
      double cx = sg_xy_frame_x (&self->frame, self->k[i]);
      g_autofree char *inertia = NULL;

      if (fabs (x - cx) > half)
        continue;
      inertia = sg_chart_format_value (self->inertia[i]);
      tip = g_string_new (NULL);
      g_string_append_printf (tip, _("k = %u"), self->k[i]);
      if (self->k[i] == self->recommended)
        g_string_append_printf (tip, " · %s", _("recommended"));
      g_string_append_printf (tip, "\n%s %s", _("Inertia"), inertia);
      if (self->score != NULL)
        {
          g_autofree char *score = sg_chart_format_value (self->score[i]);

          g_string_append_printf (tip, "\n%s %s", self->score_name, score);
        }
      hit->kind = self->k[i] == self->recommended ? SG_CHART_HIT_MARKER : SG_CHART_HIT_LINE;
      hit->index = self->k[i];
      hit->value = self->inertia[i];
      hit->area = (SgRect) { cx - MIN (half, 18), p->y, 2 * MIN (half, 18), p->height };
      hit->tooltip = g_string_free (tip, FALSE);
      return TRUE;
    }
  return FALSE;
}

static void
sg_k_scan_chart_class_init (SgKScanChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  SgChartClass *chart_class = SG_CHART_CLASS (klass);

  object_class->finalize = sg_k_scan_chart_finalize;
  chart_class->draw = sg_k_scan_chart_draw;
  chart_class->describe = describe_vfunc;
  chart_class->hit_test = sg_k_scan_chart_hit_test;
}

static void
sg_k_scan_chart_init (SgKScanChart *self)
{
  self->higher_is_better = TRUE;
}

SgKScanChart *
sg_k_scan_chart_new (void)
{
  return g_object_new (SG_TYPE_K_SCAN_CHART, NULL);
}

void
sg_k_scan_chart_set_data (SgKScanChart *self,
                          const guint  *k,
                          const double *inertia,
                          const double *score,
                          guint         n,
                          const char   *score_name,
                          gboolean      higher_is_better)
{
  g_return_if_fail (SG_IS_K_SCAN_CHART (self));
  g_return_if_fail (n == 0 || (k != NULL && inertia != NULL));

  g_clear_pointer (&self->k, g_free);
  g_clear_pointer (&self->inertia, g_free);
  g_clear_pointer (&self->score, g_free);
  g_clear_pointer (&self->score_name, g_free);
  self->n = n;
  if (n > 0)
    {
      self->k = g_memdup2 (k, n * sizeof (guint));
      self->inertia = g_memdup2 (inertia, n * sizeof (double));
      if (score != NULL)
        self->score = g_memdup2 (score, n * sizeof (double));
      for (guint i = 1; i < n; i++)
        if (self->k[i] <= self->k[i - 1])
          {
            g_critical ("%s: k must be ascending", G_STRFUNC);
            self->n = 0;
            break;
          }
    }
  self->score_name = g_strdup (score_name != NULL ? score_name : _("Silhouette"));
  self->higher_is_better = higher_is_better;
  sg_chart_changed (SG_CHART (self));
}

void
sg_k_scan_chart_set_recommendation (SgKScanChart *self,
                                    guint         k,
                                    const char   *reason)
{
  g_return_if_fail (SG_IS_K_SCAN_CHART (self));

  self->recommended = k;
  g_free (self->reason);
  self->reason = g_strdup (reason);
  sg_chart_changed (SG_CHART (self));
}
