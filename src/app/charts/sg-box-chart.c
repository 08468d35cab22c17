/* sg-box-chart.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "sg-box-chart.h"
#include "sg-chart-private.h"

#define MAX_BOX_W  56.0
#define OUTLIER_R  2.5

struct _SgBoxChart
{
  SgChart     parent_instance;

  guint       n;
  SgBoxStats *boxes;      /* outliers owned */
  char      **names;
  char       *feature;
  int        *colors;     /* palette index of each box (sg_box_chart_set_colors), or NULL */
  guint       n_colors;

  SgXYFrame   frame;
  double      box_w;
  gboolean    has_layout;
};

G_DEFINE_FINAL_TYPE (SgBoxChart, sg_box_chart, SG_TYPE_CHART)

static void
clear_data (SgBoxChart *self)
{
  for (guint i = 0; i < self->n; i++)
    g_free ((double *) self->boxes[i].outliers);
  g_clear_pointer (&self->boxes, g_free);
  g_clear_pointer (&self->names, g_strfreev);
  g_clear_pointer (&self->feature, g_free);
  self->n = 0;
}

static void
sg_box_chart_finalize (GObject *object)
{
  clear_data (SG_BOX_CHART (object));
  g_free (SG_BOX_CHART (object)->colors);
  G_OBJECT_CLASS (sg_box_chart_parent_class)->finalize (object);
}

static gboolean
box_valid (const SgBoxStats *b)
{
  return b->count > 0 && isfinite (b->q1) && isfinite (b->median) && isfinite (b->q3)
         && isfinite (b->low_whisker) && isfinite (b->high_whisker);
}

static void
value_range (SgBoxChart *self,
             double     *lo,
             double     *hi)
{
  *lo = INFINITY;
  *hi = -INFINITY;
  for (guint i = 0; i < self->n; i++)
    {
      const SgBoxStats *b = &self->boxes[i];

      if (!box_valid (b))
        continue;
      *lo = MIN (*lo, b->low_whisker);
      *hi = MAX (*hi, b->high_whisker);
      for (gsize k = 0; k < b->n_outliers; k++)
        if (isfinite (b->outliers[k]))
          {
            *lo = MIN (*lo, b->outliers[k]);
            *hi = MAX (*hi, b->outliers[k]);
          }
    }
}

static double
box_x (SgBoxChart *self,
       guint       i)
{
  return sg_xy_frame_x (&self->frame, i);
}

static void
draw_box (SgBoxChart         *self,
          cairo_t            *cr,
          const SgChartStyle *style,
          guint               i)
{
  const SgBoxStats *b = &self->boxes[i];
  SgRgb color = sg_chart_segment_color (style, i < self->n_colors ? self->colors[i] : (int) i);
  double x = box_x (self, i), half = self->box_w / 2;
  double y_q1 = sg_xy_frame_y (&self->frame, b->q1), y_q3 = sg_xy_frame_y (&self->frame, b->q3);
  double y_lo = sg_xy_frame_y (&self->frame, b->low_whisker);
  double y_hi = sg_xy_frame_y (&self->frame, b->high_whisker);
  double y_med = sg_xy_frame_y (&self->frame, b->median);

  cairo_save (cr);
  cairo_set_line_width (cr, 1.5);
  /* Whiskers with caps. */
  sg_chart_set_color (cr, sg_rgb_mix (color, style->foreground, 0.35), 1.0);
  cairo_move_to (cr, x, y_q3);
  cairo_line_to (cr, x, y_hi);
  cairo_move_to (cr, x - half / 2, y_hi);
  cairo_line_to (cr, x + half / 2, y_hi);
  cairo_move_to (cr, x, y_q1);
  cairo_line_to (cr, x, y_lo);
  cairo_move_to (cr, x - half / 2, y_lo);
  cairo_line_to (cr, x + half / 2, y_lo);
  cairo_stroke (cr);
  /* The box: tinted fill, segment-coloured outline, a strong median. */
  cairo_rectangle (cr, x - half, y_q3, 2 * half, MAX (y_q1 - y_q3, 1));
  sg_chart_set_color (cr, color, style->dark ? 0.45 : 0.35);
  cairo_fill_preserve (cr);
  sg_chart_set_color (cr, sg_rgb_mix (color, style->foreground, 0.35), 1.0);
  cairo_stroke (cr);
  cairo_set_line_width (cr, 2.5);
  sg_chart_set_color (cr, style->foreground, 1.0);
  cairo_move_to (cr, x - half, y_med);
  cairo_line_to (cr, x + half, y_med);
  cairo_stroke (cr);
  if (isfinite (b->mean))
    {
      double y_mean = sg_xy_frame_y (&self->frame, b->mean);

      cairo_move_to (cr, x, y_mean - 4);
      cairo_line_to (cr, x + 4, y_mean);
      cairo_line_to (cr, x, y_mean + 4);
      cairo_line_to (cr, x - 4, y_mean);
      cairo_close_path (cr);
      sg_chart_set_color (cr, style->background, 1.0);
      cairo_fill_preserve (cr);
      sg_chart_set_color (cr, style->foreground, 1.0);
      cairo_set_line_width (cr, 1.2);
      cairo_stroke (cr);
    }
  /* Outliers: hollow, so thousands of them still show their spread. */
  cairo_set_line_width (cr, 1);
  sg_chart_set_color (cr, color, 0.8);
  for (gsize k = 0; k < b->n_outliers; k++)
    {
      if (!isfinite (b->outliers[k]))
        continue;
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, sg_xy_frame_y (&self->frame, b->outliers[k]), OUTLIER_R, 0, 2 * G_PI);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
sg_box_chart_draw (SgChart            *chart,
                   cairo_t            *cr,
                   const SgChartStyle *style,
                   double              width,
                   double              height)
{
  SgBoxChart *self = SG_BOX_CHART (chart);
  double lo, hi, lh, slot;

  self->has_layout = FALSE;
  value_range (self, &lo, &hi);
  if (self->n == 0 || lo > hi)
    {
      sg_chart_draw_empty (cr, style, width, height, NULL);
      return;
    }
  sg_chart_text_size (cr, style, "Ag", SG_TEXT_SMALL, NULL, &lh);
  self->frame = (SgXYFrame) {
    .x = { .hidden = TRUE, .lo = -0.5, .hi = self->n - 0.5, .label_room = lh + SG_CHART_GAP },
    .y = { .lo = lo, .hi = hi, .flags = SG_CHART_TICKS_LOOSE, .grid = TRUE,
           .title = self->feature },
  };
  sg_xy_frame_layout (&self->frame, cr, style, (SgRect) { 0, 0, width, height });
  slot = self->frame.plot.width / self->n;
  self->box_w = MIN (slot * 0.5, MAX_BOX_W);
  self->has_layout = TRUE;
  if (sg_chart_is_layout_pass (chart))
    return;

  sg_xy_frame_draw (&self->frame, cr, style);
  for (guint i = 0; i < self->n; i++)
    {
      sg_chart_draw_text (cr, style, self->names[i], SG_TEXT_SMALL, NULL, box_x (self, i),
                          self->frame.plot.y + self->frame.plot.height + SG_CHART_GAP, 0.5, 0,
                          slot - 4);
      if (box_valid (&self->boxes[i]))
        draw_box (self, cr, style, i);
    }
}

static char *
sg_box_chart_describe (SgChart *chart)
{
  SgBoxChart *self = SG_BOX_CHART (chart);
  int lo = -1, hi = -1;
  g_autofree char *lo_text = NULL, *hi_text = NULL;

  for (guint i = 0; i < self->n; i++)
    {
      if (!box_valid (&self->boxes[i]))
        continue;
      if (lo < 0 || self->boxes[i].median < self->boxes[lo].median)
        lo = (int) i;
      if (hi < 0 || self->boxes[i].median > self->boxes[hi].median)
        hi = (int) i;
    }
  if (lo < 0)
    return g_strdup (_("Box plots with no data."));
  lo_text = sg_chart_format_value (self->boxes[lo].median);
  hi_text = sg_chart_format_value (self->boxes[hi].median);
  return g_strdup_printf (_("Box plots of %s in %u segments: medians range from %s (%s) to %s (%s)."),
                          self->feature, self->n, lo_text, self->names[lo], hi_text,
                          self->names[hi]);
}

static gboolean
hit_outlier (SgBoxChart *self,
             guint       i,
             double      x,
             double      y,
             SgChartHit *hit)
{
  const SgBoxStats *b = &self->boxes[i];
  double bx = box_x (self, i);

  if (fabs (x - bx) > OUTLIER_R + 3)
    return FALSE;
  for (gsize k = 0; k < b->n_outliers; k++)
    {
      double oy = sg_xy_frame_y (&self->frame, b->outliers[k]);
      g_autofree char *v = NULL;

      if (!isfinite (b->outliers[k]) || fabs (y - oy) > OUTLIER_R + 3)
        continue;
      v = sg_chart_format_value (b->outliers[k]);
      hit->kind = SG_CHART_HIT_POINT;
      hit->index = (gint64) k;
      hit->segment = (int) i;
      hit->value = b->outliers[k];
      hit->area = (SgRect) { bx - OUTLIER_R - 1, oy - OUTLIER_R - 1, 2 * OUTLIER_R + 2, 2 * OUTLIER_R + 2 };
      hit->tooltip = g_strdup_printf (_("%s · outlier\n%s %s"), self->names[i], self->feature, v);
      return TRUE;
    }
  return FALSE;
}

static gboolean
sg_box_chart_hit_test (SgChart    *chart,
                       double      x,
                       double      y,
                       SgChartHit *hit)
{
  SgBoxChart *self = SG_BOX_CHART (chart);
  const SgRect *p = &self->frame.plot;
  double slot;
  guint i;
  const SgBoxStats *b;
  g_autofree char *med = NULL, *q1 = NULL, *q3 = NULL, *lo = NULL, *hi = NULL, *count = NULL;
  g_autofree char *outliers = NULL;

  if (!self->has_layout || x < p->x || x >= p->x + p->width || y < p->y
      || y > p->y + p->height + self->frame.x.label_room)
    return FALSE;
  slot = p->width / self->n;
  i = MIN ((guint) ((x - p->x) / slot), self->n - 1);
  b = &self->boxes[i];
  if (!box_valid (b))
    return FALSE;
  if (hit_outlier (self, i, x, y, hit))
    return TRUE;
  med = sg_chart_format_value (b->median);
  q1 = sg_chart_format_value (b->q1);
  q3 = sg_chart_format_value (b->q3);
  lo = sg_chart_format_value (b->low_whisker);
  hi = sg_chart_format_value (b->high_whisker);
  count = sg_chart_format_number (b->count, 0);
  hit->kind = SG_CHART_HIT_BAR;
  hit->index = i;
  hit->segment = (int) i;
  hit->value = b->median;
  hit->area = (SgRect) { box_x (self, i) - self->box_w / 2, sg_xy_frame_y (&self->frame, b->q3),
                         self->box_w, sg_xy_frame_y (&self->frame, b->q1) - sg_xy_frame_y (&self->frame, b->q3) };
  outliers = sg_chart_format_number (b->n_outliers, 0);
  hit->tooltip = g_strdup_printf (_("%s · %s customers\nMedian %s, middle half %s to %s\n"
                                    "Whiskers %s to %s, %s outliers"),
                                  self->names[i], count, med, q1, q3, lo, hi, outliers);
  return TRUE;
}

static void
sg_box_chart_class_init (SgBoxChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  SgChartClass *chart_class = SG_CHART_CLASS (klass);

  object_class->finalize = sg_box_chart_finalize;
  chart_class->draw = sg_box_chart_draw;
  chart_class->describe = sg_box_chart_describe;
  chart_class->hit_test = sg_box_chart_hit_test;
}

static void
sg_box_chart_init (SgBoxChart *self)
{
}

SgBoxChart *
sg_box_chart_new (void)
{
  return g_object_new (SG_TYPE_BOX_CHART, NULL);
}

void
sg_box_chart_set_data (SgBoxChart        *self,
                       const SgBoxStats  *boxes,
                       guint              n_segments,
                       const char *const *names,
                       const char        *feature_name)
{
  g_return_if_fail (SG_IS_BOX_CHART (self));
  g_return_if_fail (n_segments == 0 || boxes != NULL);

  clear_data (self);
  self->n = n_segments;
  self->boxes = g_new0 (SgBoxStats, MAX (n_segments, 1));
  for (guint i = 0; i < n_segments; i++)
    {
      self->boxes[i] = boxes[i];
      self->boxes[i].outliers = boxes[i].n_outliers > 0 && boxes[i].outliers != NULL
                                  ? g_memdup2 (boxes[i].outliers, boxes[i].n_outliers * sizeof (double))
                                  : NULL;
      if (self->boxes[i].outliers == NULL)
        self->boxes[i].n_outliers = 0;
    }
  self->names = sg_chart_segment_names (names, n_segments);
  self->feature = g_strdup (feature_name != NULL ? feature_name : _("Value"));
  sg_chart_changed (SG_CHART (self));
}

void
sg_box_chart_set_colors (SgBoxChart *self,
                         const int  *palette_index,
                         guint       n)
{
  g_return_if_fail (SG_IS_BOX_CHART (self));
  g_return_if_fail (n == 0 || palette_index != NULL);

  g_clear_pointer (&self->colors, g_free);
  self->colors = n > 0 ? g_memdup2 (palette_index, n * sizeof (int)) : NULL;
  self->n_colors = n;
  sg_chart_changed (SG_CHART (self));
}
