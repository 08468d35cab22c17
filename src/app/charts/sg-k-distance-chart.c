/* sg-k-distance-chart.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The curve is monotonic, so one sample per device pixel column draws it exactly at any n.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>

#include "sg-chart-private.h"
#include "sg-k-distance-chart.h"

struct _SgKDistanceChart
{
  SgChart    parent_instance;

  double    *sorted;
  gsize      n;
  guint      k;
  double     eps;
  gsize      knee;        /* first rank at or above eps */

  SgXYFrame  frame;
  double     scale;
  gboolean   has_layout;
};

G_DEFINE_FINAL_TYPE (SgKDistanceChart, sg_k_distance_chart, SG_TYPE_CHART)

static void
sg_k_distance_chart_finalize (GObject *object)
{
  g_free (SG_K_DISTANCE_CHART (object)->sorted);
  G_OBJECT_CLASS (sg_k_distance_chart_parent_class)->finalize (object);
}

static char *
y_title (SgKDistanceChart *self)
{
  /* TRANSLATORS: an axis title, e.g. "Distance to the 5th nearest neighbour" */
  return g_strdup_printf (_("Distance to the k-th nearest neighbour (k = %u)"), self->k);
}

static void
sg_k_distance_chart_draw (SgChart            *chart,
                          cairo_t            *cr,
                          const SgChartStyle *style,
                          double              width,
                          double              height)
{
  SgKDistanceChart *self = SG_K_DISTANCE_CHART (chart);
  g_autofree char *title = NULL;
  const SgRect *p;
  guint columns;

  self->has_layout = FALSE;
  self->scale = style->scale > 0 ? style->scale : 1;
  if (self->n == 0)
    {
      sg_chart_draw_empty (cr, style, width, height, NULL);
      return;
    }
  title = y_title (self);
  self->frame = (SgXYFrame) {
    .x = { .lo = 0, .hi = MAX (self->n - 1, 1), .flags = SG_CHART_TICKS_INTEGER, .grid = FALSE,
           .title = _("Points, sorted by that distance") },
    .y = { .lo = MIN (self->sorted[0], 0), .hi = self->sorted[self->n - 1],
           .flags = SG_CHART_TICKS_LOOSE, .grid = TRUE, .title = title },
  };
  sg_xy_frame_layout (&self->frame, cr, style, (SgRect) { 0, 0, width, height });
  self->has_layout = TRUE;
  if (sg_chart_is_layout_pass (chart))
    return;

  sg_xy_frame_draw (&self->frame, cr, style);
  p = &self->frame.plot;
  columns = (guint) MAX (ceil (p->width * self->scale), 2);

  /* The area under the curve, lightly, then the curve. */
  cairo_save (cr);
  cairo_move_to (cr, p->x, sg_xy_frame_y (&self->frame, self->sorted[0]));
  for (guint c = 1; c <= columns; c++)
    {
      gsize i = MIN ((gsize) ((double) c / columns * (self->n - 1) + 0.5), self->n - 1);

      cairo_line_to (cr, sg_xy_frame_x (&self->frame, i), sg_xy_frame_y (&self->frame, self->sorted[i]));
    }
  cairo_set_line_width (cr, 2);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  sg_chart_set_color (cr, sg_chart_segment_color (style, 0), 1.0);
  cairo_stroke_preserve (cr);
  cairo_line_to (cr, sg_xy_frame_x (&self->frame, self->n - 1), p->y + p->height);
  cairo_line_to (cr, p->x, p->y + p->height);
  cairo_close_path (cr);
  sg_chart_set_color (cr, sg_chart_segment_color (style, 0), 0.12);
  cairo_fill (cr);
  cairo_restore (cr);

  if (isfinite (self->eps))
    {
      static const double dash[] = { 6, 4 };
      double y = sg_chart_snap (style, sg_xy_frame_y (&self->frame, self->eps), 1.5);
      double x = sg_xy_frame_x (&self->frame, self->knee);
      g_autofree char *value = sg_chart_format_value (self->eps);
      g_autofree char *label = g_strdup_printf (_("Suggested eps %s"), value);

      cairo_save (cr);
      cairo_set_line_width (cr, 1.5);
      cairo_set_dash (cr, dash, 2, 0);
      sg_chart_set_color (cr, style->accent, 1.0);
      cairo_move_to (cr, p->x, y);
      cairo_rel_line_to (cr, p->width, 0);
      cairo_stroke (cr);
      cairo_restore (cr);
      cairo_new_path (cr);
      cairo_arc (cr, x, y, 5, 0, 2 * G_PI);
      sg_chart_set_color (cr, style->background, 1.0);
      cairo_fill_preserve (cr);
      sg_chart_set_color (cr, style->accent, 1.0);
      cairo_set_line_width (cr, 2);
      cairo_stroke (cr);
      sg_chart_draw_text_halo (cr, style, label, SG_TEXT_SMALL, &style->accent, x - 8, y - 4, 1, 1);
    }
}

static char *
sg_k_distance_chart_describe (SgChart *chart)
{
  SgKDistanceChart *self = SG_K_DISTANCE_CHART (chart);
  g_autofree char *n = NULL, *lo = NULL, *hi = NULL;
  GString *text;

  if (self->n == 0)
    return g_strdup (_("Distance curve with no data."));
  n = sg_chart_format_number (self->n, 0);
  lo = sg_chart_format_value (self->sorted[0]);
  hi = sg_chart_format_value (self->sorted[self->n - 1]);
  text = g_string_new (NULL);
  g_string_append_printf (text, _("Sorted distances to the k-th nearest neighbour (k = %u) for %s points, rising "
                                  "from %s to %s."), self->k, n, lo, hi);
  if (isfinite (self->eps))
    {
      g_autofree char *eps = sg_chart_format_value (self->eps);
      g_autofree char *share = sg_chart_format_percent ((double) self->knee / self->n);

      g_string_append_printf (text, _(" Suggested eps %s, at the knee of the curve; %s of points "
                                      "lie closer than that to their neighbours."), eps, share);
    }
  return g_string_free (text, FALSE);
}

static gboolean
sg_k_distance_chart_hit_test (SgChart    *chart,
                              double      x,
                              double      y,
                              SgChartHit *hit)
{
  SgKDistanceChart *self = SG_K_DISTANCE_CHART (chart);
  const SgRect *p = &self->frame.plot;
  g_autofree char *rank = NULL, *count = NULL, *value = NULL;
  double v;
  gsize i;

  if (!self->has_layout || !sg_rect_contains (p, x, y))
    return FALSE;
  if (isfinite (self->eps) && fabs (y - sg_xy_frame_y (&self->frame, self->eps)) <= SG_CHART_HIT_PX)
    {
      value = sg_chart_format_value (self->eps);
      hit->kind = SG_CHART_HIT_MARKER;
      hit->index = (gint64) self->knee;
      hit->value = self->eps;
      hit->area = (SgRect) { p->x, sg_xy_frame_y (&self->frame, self->eps) - 2, p->width, 4 };
      hit->tooltip = g_strdup_printf (_("Suggested eps %s"), value);
      return TRUE;
    }
  v = round (sg_xy_frame_value_x (&self->frame, x));
  i = (gsize) CLAMP (v, 0, (double) (self->n - 1));
  rank = sg_chart_format_number (i + 1, 0);
  count = sg_chart_format_number (self->n, 0);
  value = sg_chart_format_value (self->sorted[i]);
  hit->kind = SG_CHART_HIT_LINE;
  hit->index = (gint64) i;
  hit->value = self->sorted[i];
  hit->area = (SgRect) { sg_xy_frame_x (&self->frame, i) - 4, sg_xy_frame_y (&self->frame, self->sorted[i]) - 4, 8, 8 };
  hit->tooltip = g_strdup_printf (_("Point %s of %s\nDistance %s"), rank, count, value);
  return TRUE;
}

static void
sg_k_distance_chart_class_init (SgKDistanceChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  SgChartClass *chart_class = SG_CHART_CLASS (klass);

  object_class->finalize = sg_k_distance_chart_finalize;
  chart_class->draw = sg_k_distance_chart_draw;
  chart_class->describe = sg_k_distance_chart_describe;
  chart_class->hit_test = sg_k_distance_chart_hit_test;
}

static void
sg_k_distance_chart_init (SgKDistanceChart *self)
{
  self->eps = NAN;
}

SgKDistanceChart *
sg_k_distance_chart_new (void)
{
  return g_object_new (SG_TYPE_K_DISTANCE_CHART, NULL);
}

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

void
sg_k_distance_chart_set_data (SgKDistanceChart *self,
                              const double     *distances,
                              gsize             n,
                              guint             k,
                              double            eps)
{
  g_return_if_fail (SG_IS_K_DISTANCE_CHART (self));
  g_return_if_fail (n == 0 || distances != NULL);

  g_clear_pointer (&self->sorted, g_free);
  self->sorted = g_new (double, MAX (n, 1));
  self->n = 0;
  for (gsize i = 0; i < n; i++)
    if (isfinite (distances[i]))
      self->sorted[self->n++] = distances[i];
  qsort (self->sorted, self->n, sizeof (double), compare_double);
  self->k = k;
  self->eps = eps;
  self->knee = 0;
  while (isfinite (eps) && self->knee < self->n && self->sorted[self->knee] < eps)
    self->knee++;
  if (self->knee == self->n && self->n > 0)
    self->knee = self->n - 1;
  sg_chart_changed (SG_CHART (self));
}
