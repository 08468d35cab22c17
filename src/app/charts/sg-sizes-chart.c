/* sg-sizes-chart.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Horizontal bars: segment names read without rotation, and the value sits at the end of each
 * bar ("1,204 · 24%"), so no axis is needed.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "sg-chart-private.h"
#include "sg-sizes-chart.h"

#define MAX_BAR 28.0

struct _SgSizesChart
{
  SgChart    parent_instance;

  guint      n;           /* bars: segments, plus one if some rows are unassigned */
  guint64   *counts;
  char     **names;
  int       *segments;    /* colour of each bar: its segment, -1 for unassigned */
  guint64    total;

  SgRect    *rows;        /* last layout: each bar's row (name, bar and label) */
  SgRect    *bars;
  gboolean   has_layout;
};

G_DEFINE_FINAL_TYPE (SgSizesChart, sg_sizes_chart, SG_TYPE_CHART)

static void
clear_data (SgSizesChart *self)
{
  g_clear_pointer (&self->counts, g_free);
  g_clear_pointer (&self->names, g_strfreev);
  g_clear_pointer (&self->segments, g_free);
  g_clear_pointer (&self->rows, g_free);
  g_clear_pointer (&self->bars, g_free);
  self->n = 0;
  self->total = 0;
}

static void
sg_sizes_chart_finalize (GObject *object)
{
  clear_data (SG_SIZES_CHART (object));
  G_OBJECT_CLASS (sg_sizes_chart_parent_class)->finalize (object);
}

static char *
value_label (SgSizesChart *self,
             guint         i)
{
  g_autofree char *count = sg_chart_format_number (self->counts[i], 0);
  g_autofree char *share = sg_chart_format_percent (self->total > 0 ? (double) self->counts[i] / self->total : 0);

  return g_strdup_printf ("%s · %s", count, share);
}

static void
sg_sizes_chart_draw (SgChart            *chart,
                     cairo_t            *cr,
                     const SgChartStyle *style,
                     double              width,
                     double              height)
{
  SgSizesChart *self = SG_SIZES_CHART (chart);
  double name_w = 0, value_w = 0, row_h, bar_h, lh, x_bar, bar_room;
  guint64 largest = 0;

  self->has_layout = FALSE;
  if (self->n == 0 || self->total == 0)
    {
      sg_chart_draw_empty (cr, style, width, height, NULL);
      return;
    }
  sg_chart_text_size (cr, style, "Ag", SG_TEXT_LABEL, NULL, &lh);
  for (guint i = 0; i < self->n; i++)
    {
      g_autofree char *label = value_label (self, i);
      double w;

      sg_chart_text_size (cr, style, self->names[i], SG_TEXT_LABEL, &w, NULL);
      name_w = MAX (name_w, w);
      sg_chart_text_size (cr, style, label, SG_TEXT_SMALL, &w, NULL);
      value_w = MAX (value_w, w);
      largest = MAX (largest, self->counts[i]);
    }
  name_w = MIN (name_w, width * 0.35);
  x_bar = SG_CHART_PAD + name_w + SG_CHART_GAP * 2;
  bar_room = MAX (width - x_bar - SG_CHART_PAD - value_w - SG_CHART_GAP, 1);
  row_h = (height - 2 * SG_CHART_PAD) / self->n;
  bar_h = MIN (MAX (row_h * 0.7, MIN (row_h, lh)), MAX_BAR);
  row_h = MIN (row_h, bar_h / 0.7);

  g_free (self->rows);
  g_free (self->bars);
  self->rows = g_new (SgRect, self->n);
  self->bars = g_new (SgRect, self->n);
  for (guint i = 0; i < self->n; i++)
    {
      double y = SG_CHART_PAD + i * row_h;
      double w = largest > 0 ? bar_room * self->counts[i] / largest : 0;

      self->rows[i] = (SgRect) { SG_CHART_PAD, y, width - 2 * SG_CHART_PAD, row_h };
      self->bars[i] = (SgRect) { x_bar, y + (row_h - bar_h) / 2, MAX (w, 1), bar_h };
    }
  self->has_layout = TRUE;
  if (sg_chart_is_layout_pass (chart))
    return;

  for (guint i = 0; i < self->n; i++)
    {
      const SgRect *b = &self->bars[i];
      double cy = b->y + b->height / 2;
      g_autofree char *label = value_label (self, i);
      double radius = MIN (3, b->height / 2);

      sg_chart_draw_text (cr, style, self->names[i], SG_TEXT_LABEL, NULL, x_bar - SG_CHART_GAP * 2,
                          cy, 1, 0.5, name_w);
      /* Square at the baseline, rounded at the value end. */
      cairo_new_path (cr);
      cairo_move_to (cr, b->x, b->y);
      cairo_arc (cr, b->x + b->width - radius, b->y + radius, radius, -G_PI / 2, 0);
      cairo_arc (cr, b->x + b->width - radius, b->y + b->height - radius, radius, 0, G_PI / 2);
      cairo_line_to (cr, b->x, b->y + b->height);
      cairo_close_path (cr);
      sg_chart_set_color (cr, sg_chart_segment_color (style, self->segments[i]), 1.0);
      cairo_fill (cr);
      sg_chart_draw_text (cr, style, label, SG_TEXT_SMALL, &style->muted,
                          b->x + b->width + SG_CHART_GAP, cy, 0, 0.5, 0);
    }
  /* The baseline the bars grow from. */
  cairo_set_line_width (cr, 1);
  sg_chart_set_color (cr, sg_rgb_mix (style->foreground, style->background, 0.55), 1.0);
  cairo_move_to (cr, sg_chart_snap (style, x_bar, 1), self->rows[0].y);
  cairo_line_to (cr, sg_chart_snap (style, x_bar, 1), self->rows[self->n - 1].y + row_h);
  cairo_stroke (cr);
}

static char *
sg_sizes_chart_describe (SgChart *chart)
{
  SgSizesChart *self = SG_SIZES_CHART (chart);
  g_autofree char *total = NULL;
  GString *text;

  if (self->n == 0 || self->total == 0)
    return g_strdup (_("Segment sizes with no data."));
  total = sg_chart_format_number (self->total, 0);
  text = g_string_new (NULL);
  g_string_append_printf (text, ngettext ("Segment sizes of %s customer: ",
                                          "Segment sizes of %s customers: ", self->total), total);
  for (guint i = 0; i < self->n; i++)
    {
      g_autofree char *label = value_label (self, i);

      g_string_append_printf (text, "%s%s %s", i > 0 ? ", " : "", self->names[i], label);
    }
  g_string_append (text, ".");
  return g_string_free (text, FALSE);
}

static gboolean
sg_sizes_chart_hit_test (SgChart    *chart,
                         double      x,
                         double      y,
                         SgChartHit *hit)
{
  SgSizesChart *self = SG_SIZES_CHART (chart);

  if (!self->has_layout)
    return FALSE;
  for (guint i = 0; i < self->n; i++)
    {
      g_autofree char *label = NULL;

      if (!sg_rect_contains (&self->rows[i], x, y))
        continue;
      label = value_label (self, i);
      hit->kind = SG_CHART_HIT_BAR;
      hit->index = i;
      hit->segment = self->segments[i];
      hit->value = (double) self->counts[i];
      hit->area = self->bars[i];
      hit->tooltip = g_strdup_printf ("%s\n%s", self->names[i], label);
      return TRUE;
    }
  return FALSE;
}

static void
sg_sizes_chart_class_init (SgSizesChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  SgChartClass *chart_class = SG_CHART_CLASS (klass);

  object_class->finalize = sg_sizes_chart_finalize;
  chart_class->draw = sg_sizes_chart_draw;
  chart_class->describe = sg_sizes_chart_describe;
  chart_class->hit_test = sg_sizes_chart_hit_test;
}

static void
sg_sizes_chart_init (SgSizesChart *self)
{
}

SgSizesChart *
sg_sizes_chart_new (void)
{
  return g_object_new (SG_TYPE_SIZES_CHART, NULL);
}

void
sg_sizes_chart_set_data (SgSizesChart      *self,
                         const guint64     *counts,
                         guint              n_segments,
                         const char *const *names,
                         guint64            n_unassigned)
{
  g_return_if_fail (SG_IS_SIZES_CHART (self));
  g_return_if_fail (n_segments == 0 || counts != NULL);

  clear_data (self);
  self->n = n_segments + (n_unassigned > 0 ? 1 : 0);
  self->counts = g_new (guint64, MAX (self->n, 1));
  self->segments = g_new (int, MAX (self->n, 1));
  self->names = sg_chart_segment_names (names, n_segments);
  for (guint i = 0; i < n_segments; i++)
    {
      self->counts[i] = counts[i];
      self->segments[i] = (int) i;
      self->total += counts[i];
    }
  if (n_unassigned > 0)
    {
      self->counts[n_segments] = n_unassigned;
      self->segments[n_segments] = -1;
      self->names = g_renew (char *, self->names, self->n + 1);
      self->names[n_segments] = g_strdup (_("Unassigned"));
      self->names[self->n] = NULL;
      self->total += n_unassigned;
    }
  sg_chart_changed (SG_CHART (self));
}
