/* sg-snake-chart.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "sg-chart-private.h"
#include "sg-snake-chart.h"

#define LABEL_ANGLE (-G_PI / 6)   /* feature names slant when they do not fit side by side */

struct _SgSnakeChart
{
  SgChart    parent_instance;

  guint      n_segments, n_features;
  double    *z;
  char     **segment_names;
  char     **feature_names;

  SgXYFrame  frame;
  SgLegend   legend;
  gboolean   slanted;
  gboolean   has_layout;
};

G_DEFINE_FINAL_TYPE (SgSnakeChart, sg_snake_chart, SG_TYPE_CHART)

static void
sg_snake_chart_finalize (GObject *object)
{
  SgSnakeChart *self = SG_SNAKE_CHART (object);

  g_free (self->z);
  g_strfreev (self->segment_names);
  g_strfreev (self->feature_names);
  sg_legend_clear (&self->legend);
  G_OBJECT_CLASS (sg_snake_chart_parent_class)->finalize (object);
}

static double
value (SgSnakeChart *self,
       guint         s,
       guint         f)
{
  return self->z[(gsize) s * self->n_features + f];
}

static double
feature_x (SgSnakeChart *self,
           guint         f)
{
  return sg_xy_frame_x (&self->frame, f);
}

/* Room under the plot for the feature names: upright if they fit side by side, else slanted. */
static double
feature_label_room (SgSnakeChart       *self,
                    cairo_t            *cr,
                    const SgChartStyle *style,
                    double              width)
{
  double widest = 0, lh;
  double slot = (width - 2 * SG_CHART_PAD - 40) / MAX (self->n_features, 1);

  sg_chart_text_size (cr, style, "Ag", SG_TEXT_SMALL, NULL, &lh);
  for (guint f = 0; f < self->n_features; f++)
    {
      double w;

      sg_chart_text_size (cr, style, self->feature_names[f], SG_TEXT_SMALL, &w, NULL);
      widest = MAX (widest, w);
    }
  self->slanted = widest + SG_CHART_GAP > slot;
  if (!self->slanted)
    return lh + SG_CHART_GAP;
  widest = MIN (widest, 160);
  return widest * sin (-LABEL_ANGLE) + lh + SG_CHART_GAP;
}

/* How far left of the plot a slanted first label reaches, less the half slot before it. */
static double
first_label_reach (SgSnakeChart       *self,
                   cairo_t            *cr,
                   const SgChartStyle *style,
                   double              width)
{
  double w, slot = (width - 2 * SG_CHART_PAD - 40) / MAX (self->n_features, 1);

  if (!self->slanted)
    return 0;
  sg_chart_text_size (cr, style, self->feature_names[0], SG_TEXT_SMALL, &w, NULL);
  return SG_CHART_PAD + w * cos (LABEL_ANGLE) - slot / 2;
}

static void
draw_feature_labels (SgSnakeChart       *self,
                     cairo_t            *cr,
                     const SgChartStyle *style)
{
  double y = self->frame.plot.y + self->frame.plot.height + SG_CHART_GAP;
  double slot = self->frame.plot.width / self->n_features;

  for (guint f = 0; f < self->n_features; f++)
    {
      if (self->slanted)
        sg_chart_draw_text_angled (cr, style, self->feature_names[f], SG_TEXT_SMALL, &style->muted,
                                   feature_x (self, f) + 3, y + 3, LABEL_ANGLE);
      else
        sg_chart_draw_text (cr, style, self->feature_names[f], SG_TEXT_SMALL, &style->muted,
                            feature_x (self, f), y, 0.5, 0, slot);
    }
}

static void
draw_lines (SgSnakeChart       *self,
            cairo_t            *cr,
            const SgChartStyle *style)
{
  cairo_save (cr);
  cairo_set_line_width (cr, 2);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint s = 0; s < self->n_segments; s++)
    {
      gboolean pen_down = FALSE;

      sg_chart_set_color (cr, sg_chart_segment_color (style, (int) s), 1.0);
      for (guint f = 0; f < self->n_features; f++)
        {
          double z = value (self, s, f);

          if (!isfinite (z))
            {
              pen_down = FALSE;
              continue;
            }
          if (pen_down)
            cairo_line_to (cr, feature_x (self, f), sg_xy_frame_y (&self->frame, z));
          else
            cairo_move_to (cr, feature_x (self, f), sg_xy_frame_y (&self->frame, z));
          pen_down = TRUE;
        }
      cairo_stroke (cr);
      for (guint f = 0; f < self->n_features; f++)
        {
          double z = value (self, s, f);

          if (!isfinite (z))
            continue;
          cairo_new_sub_path (cr);
          cairo_arc (cr, feature_x (self, f), sg_xy_frame_y (&self->frame, z), 3.5, 0, 2 * G_PI);
        }
      cairo_fill (cr);
    }
  cairo_restore (cr);
}

static void
sg_snake_chart_draw (SgChart            *chart,
                     cairo_t            *cr,
                     const SgChartStyle *style,
                     double              width,
                     double              height)
{
  SgSnakeChart *self = SG_SNAKE_CHART (chart);
  double lo = -1, hi = 1, legend_height, zero_y;

  self->has_layout = FALSE;
  sg_legend_clear (&self->legend);
  if (self->n_segments == 0 || self->n_features == 0)
    {
      sg_chart_draw_empty (cr, style, width, height, NULL);
      return;
    }
  for (gsize i = 0; i < (gsize) self->n_segments * self->n_features; i++)
    if (isfinite (self->z[i]))
      {
        lo = MIN (lo, self->z[i]);
        hi = MAX (hi, self->z[i]);
      }
  legend_height = sg_legend_layout (&self->legend, cr, style, self->segment_names,
                                    self->n_segments, SG_CHART_PAD, SG_CHART_PAD,
                                    width - 2 * SG_CHART_PAD);
  /* Half a slot of room at each end so the first and last names stay inside. */
  self->frame = (SgXYFrame) {
    .x = { .hidden = TRUE, .lo = -0.5, .hi = self->n_features - 0.5,
           .label_room = feature_label_room (self, cr, style, width) },
    .y = { .lo = lo, .hi = hi, .flags = SG_CHART_TICKS_LOOSE, .grid = TRUE,
           .title = _("Standard deviations from the overall mean") },
    .top_room = legend_height + SG_CHART_GAP,
    .min_left = first_label_reach (self, cr, style, width),
  };
  sg_xy_frame_layout (&self->frame, cr, style, (SgRect) { 0, 0, width, height });
  self->has_layout = TRUE;
  if (sg_chart_is_layout_pass (chart))
    return;

  sg_xy_frame_draw (&self->frame, cr, style);
  /* The overall mean, the line every segment is read against. */
  zero_y = sg_chart_snap (style, sg_xy_frame_y (&self->frame, 0), 1.5);
  cairo_set_line_width (cr, 1.5);
  sg_chart_set_color (cr, sg_rgb_mix (style->foreground, style->background, 0.4), 1.0);
  cairo_move_to (cr, self->frame.plot.x, zero_y);
  cairo_rel_line_to (cr, self->frame.plot.width, 0);
  cairo_stroke (cr);
  draw_feature_labels (self, cr, style);
  draw_lines (self, cr, style);
  sg_legend_draw (&self->legend, cr, style, self->segment_names, NULL, NULL);
}

static char *
sg_snake_chart_describe (SgChart *chart)
{
  SgSnakeChart *self = SG_SNAKE_CHART (chart);
  guint best_s = 0, best_f = 0;
  double best = -1;
  g_autofree char *amount = NULL;

  if (self->n_segments == 0 || self->n_features == 0)
    return g_strdup (_("Snake plot with no data."));
  for (guint s = 0; s < self->n_segments; s++)
    for (guint f = 0; f < self->n_features; f++)
      if (isfinite (value (self, s, f)) && fabs (value (self, s, f)) > best)
        {
          best = fabs (value (self, s, f));
          best_s = s;
          best_f = f;
        }
  if (best < 0)
    return g_strdup_printf (_("Snake plot of %u segments over %u features."), self->n_segments,
                            self->n_features);
  amount = sg_chart_format_number (value (self, best_s, best_f), 1);
  return g_strdup_printf (_("Snake plot of %u segments over %u features, in standard deviations "
                            "from the overall mean. %s stands out most: %s at %s SD."),
                          self->n_segments, self->n_features, self->segment_names[best_s],
                          self->feature_names[best_f], amount);
}

static gboolean
sg_snake_chart_hit_test (SgChart    *chart,
                         double      x,
                         double      y,
                         SgChartHit *hit)
{
  SgSnakeChart *self = SG_SNAKE_CHART (chart);
  double best = 10 * 10;
  int found_s = -1;
  guint found_f = 0;
  int entry;
  g_autofree char *amount = NULL;

  if (!self->has_layout)
    return FALSE;
  entry = sg_legend_hit (&self->legend, x, y);
  if (entry >= 0)
    {
      hit->kind = SG_CHART_HIT_LEGEND;
      hit->segment = entry;
      hit->index = entry;
      hit->area = self->legend.entries[entry];
      hit->tooltip = g_strdup (self->segment_names[entry]);
      return TRUE;
    }
  for (guint s = 0; s < self->n_segments; s++)
    for (guint f = 0; f < self->n_features; f++)
      {
        double z = value (self, s, f), dx, dy;

        if (!isfinite (z))
          continue;
        dx = feature_x (self, f) - x;
        dy = sg_xy_frame_y (&self->frame, z) - y;
        if (dx * dx + dy * dy < best)
          {
            best = dx * dx + dy * dy;
            found_s = (int) s;
            found_f = f;
          }
      }
  if (found_s < 0)
    return FALSE;
  amount = sg_chart_format_number (value (self, found_s, found_f), 2);
  hit->kind = SG_CHART_HIT_LINE;
  hit->segment = found_s;
  hit->index = found_f;
  hit->value = value (self, found_s, found_f);
  hit->area = (SgRect) { feature_x (self, found_f) - 5,
                         sg_xy_frame_y (&self->frame, hit->value) - 5, 10, 10 };
  hit->tooltip = g_strdup_printf (_("%s · %s\n%s SD from the overall mean"),
                                  self->segment_names[found_s], self->feature_names[found_f],
                                  amount);
  return TRUE;
}

static void
sg_snake_chart_class_init (SgSnakeChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  SgChartClass *chart_class = SG_CHART_CLASS (klass);

  object_class->finalize = sg_snake_chart_finalize;
  chart_class->draw = sg_snake_chart_draw;
  chart_class->describe = sg_snake_chart_describe;
  chart_class->hit_test = sg_snake_chart_hit_test;
}

static void
sg_snake_chart_init (SgSnakeChart *self)
{
  self->segment_names = g_new0 (char *, 1);
  self->feature_names = g_new0 (char *, 1);
}

SgSnakeChart *
sg_snake_chart_new (void)
{
  return g_object_new (SG_TYPE_SNAKE_CHART, NULL);
}

void
sg_snake_chart_set_data (SgSnakeChart      *self,
                         const double      *z,
                         guint              n_segments,
                         guint              n_features,
                         const char *const *segment_names,
                         const char *const *feature_names)
{
  gsize n = (gsize) n_segments * n_features;

  g_return_if_fail (SG_IS_SNAKE_CHART (self));
  g_return_if_fail (n == 0 || z != NULL);

  g_free (self->z);
  g_strfreev (self->segment_names);
  g_strfreev (self->feature_names);
  self->n_segments = n > 0 ? n_segments : 0;
  self->n_features = n > 0 ? n_features : 0;
  self->z = g_memdup2 (z, MAX (n, 1) * sizeof (double));
  self->segment_names = sg_chart_segment_names (segment_names, n_segments);
  self->feature_names = g_new0 (char *, n_features + 1);
  for (guint f = 0; f < n_features; f++)
    self->feature_names[f] = feature_names != NULL && feature_names[f] != NULL
                               ? g_strdup (feature_names[f])
                               : g_strdup_printf (_("Feature %u"), f + 1);
  sg_chart_changed (SG_CHART (self));
}
