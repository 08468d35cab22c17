/* sg-heatmap-chart.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "sg-chart-private.h"
#include "sg-heatmap-chart.h"

#define MAX_CELL_H  34.0
#define SCALE_W     180.0
#define SCALE_H     10.0

struct _SgHeatmapChart
{
  SgChart    parent_instance;

  guint      n_segments, n_features;
  double    *z;
  double    *segment_means;
  double    *overall_means;
  char     **segment_names;
  char     **feature_names;
  double     limit;       /* 0: automatic */

  SgRect     grid;        /* last layout: the cells' area */
  double     cell_w, cell_h;
  gboolean   has_layout;
};

G_DEFINE_FINAL_TYPE (SgHeatmapChart, sg_heatmap_chart, SG_TYPE_CHART)

static void
sg_heatmap_chart_finalize (GObject *object)
{
  SgHeatmapChart *self = SG_HEATMAP_CHART (object);

  g_free (self->z);
  g_free (self->segment_means);
  g_free (self->overall_means);
  g_strfreev (self->segment_names);
  g_strfreev (self->feature_names);
  G_OBJECT_CLASS (sg_heatmap_chart_parent_class)->finalize (object);
}

static double
cell (SgHeatmapChart *self,
      guint           segment,
      guint           feature)
{
  return self->z[(gsize) segment * self->n_features + feature];
}

double
sg_heatmap_chart_get_limit (SgHeatmapChart *self)
{
  double largest = 0;

  g_return_val_if_fail (SG_IS_HEATMAP_CHART (self), 2.0);

  if (self->limit > 0)
    return self->limit;
  for (gsize i = 0; i < (gsize) self->n_segments * self->n_features; i++)
    if (isfinite (self->z[i]))
      largest = MAX (largest, fabs (self->z[i]));
  return CLAMP (ceil (largest * 2) / 2, 1.0, 3.0);
}

/* "+1.4", "−0.8", "0.0". */
static char *
format_z (double z)
{
  g_autofree char *number = sg_chart_format_number (z, 1);

  if (z >= 0.05)
    return g_strconcat ("+", number, NULL);
  if (z > -0.05)
    return sg_chart_format_number (0, 1);
  return g_steal_pointer (&number);
}

static void
draw_scale (SgHeatmapChart     *self,
            cairo_t            *cr,
            const SgChartStyle *style,
            double              x,
            double              y,
            double              limit)
{
  cairo_pattern_t *gradient = cairo_pattern_create_linear (x, 0, x + SCALE_W, 0);
  g_autofree char *lo = NULL, *hi = NULL, *lo_label = NULL, *hi_label = NULL;

  for (int i = 0; i <= 16; i++)
    {
      SgRgb c = sg_palette_diverging (i / 8.0 - 1.0, style->dark);

      cairo_pattern_add_color_stop_rgb (gradient, i / 16.0, c.red, c.green, c.blue);
    }
  cairo_rectangle (cr, x, y, SCALE_W, SCALE_H);
  cairo_set_source (cr, gradient);
  cairo_fill (cr);
  cairo_pattern_destroy (gradient);

  lo = sg_chart_format_number (-limit, 1);
  hi = sg_chart_format_number (limit, 1);
  /* TRANSLATORS: ends of a colour scale, in standard deviations from the overall mean */
  lo_label = g_strdup_printf (_("%s SD · below average"), lo);
  hi_label = g_strdup_printf (_("above average · +%s SD"), hi);
  sg_chart_draw_text (cr, style, lo_label, SG_TEXT_SMALL, &style->muted, x - SG_CHART_GAP,
                      y + SCALE_H / 2, 1, 0.5, 0);
  sg_chart_draw_text (cr, style, hi_label, SG_TEXT_SMALL, &style->muted,
                      x + SCALE_W + SG_CHART_GAP, y + SCALE_H / 2, 0, 0.5, 0);
}

static void
sg_heatmap_chart_draw (SgChart            *chart,
                       cairo_t            *cr,
                       const SgChartStyle *style,
                       double              width,
                       double              height)
{
  SgHeatmapChart *self = SG_HEATMAP_CHART (chart);
  double lh, name_w = 0, header_h, scale_room, limit, zero_w;

  self->has_layout = FALSE;
  if (self->n_segments == 0 || self->n_features == 0)
    {
      sg_chart_draw_empty (cr, style, width, height, NULL);
      return;
    }
  sg_chart_text_size (cr, style, "Ag", SG_TEXT_SMALL, NULL, &lh);
  for (guint f = 0; f < self->n_features; f++)
    {
      double w;

      sg_chart_text_size (cr, style, self->feature_names[f], SG_TEXT_SMALL, &w, NULL);
      name_w = MAX (name_w, w);
    }
  name_w = MIN (name_w, width * 0.35);
  header_h = lh + SG_CHART_GAP;
  scale_room = SCALE_H + lh + 2 * SG_CHART_GAP;
  self->grid.x = SG_CHART_PAD + name_w + SG_CHART_GAP;
  self->grid.y = SG_CHART_PAD + header_h;
  self->cell_w = (width - SG_CHART_PAD - self->grid.x) / self->n_segments;
  self->cell_h = MIN ((height - self->grid.y - SG_CHART_PAD - scale_room) / self->n_features, MAX_CELL_H);
  self->cell_w = MAX (self->cell_w, 1);
  self->cell_h = MAX (self->cell_h, 1);
  self->grid.width = self->cell_w * self->n_segments;
  self->grid.height = self->cell_h * self->n_features;
  self->has_layout = TRUE;
  if (sg_chart_is_layout_pass (chart))
    return;

  limit = sg_heatmap_chart_get_limit (self);
  sg_chart_text_size (cr, style, "+0.0", SG_TEXT_SMALL, &zero_w, NULL);
  for (guint s = 0; s < self->n_segments; s++)
    {
      double x = self->grid.x + s * self->cell_w;

      /* A swatch ties the column to the segment's colour elsewhere. */
      sg_chart_set_color (cr, sg_chart_segment_color (style, (int) s), 1.0);
      cairo_rectangle (cr, x + 1, self->grid.y - 4, self->cell_w - 2, 3);
      cairo_fill (cr);
      sg_chart_draw_text (cr, style, self->segment_names[s], SG_TEXT_SMALL, NULL,
                          x + self->cell_w / 2, self->grid.y - SG_CHART_GAP, 0.5, 1,
                          self->cell_w - 4);
    }
  for (guint f = 0; f < self->n_features; f++)
    {
      double y = self->grid.y + f * self->cell_h;

      sg_chart_draw_text (cr, style, self->feature_names[f], SG_TEXT_SMALL, NULL,
                          self->grid.x - SG_CHART_GAP, y + self->cell_h / 2, 1, 0.5, name_w);
      for (guint s = 0; s < self->n_segments; s++)
        {
          double x = self->grid.x + s * self->cell_w, z = cell (self, s, f);
          SgRgb fill = sg_palette_diverging (z / limit, style->dark);

          /* One-unit gutters of background keep cells apart without lines. */
          sg_chart_set_color (cr, fill, 1.0);
          cairo_rectangle (cr, x + 0.5, y + 0.5, self->cell_w - 1, self->cell_h - 1);
          cairo_fill (cr);
          if (self->cell_w >= zero_w + 6 && self->cell_h >= lh && isfinite (z))
            {
              g_autofree char *label = format_z (z);
              SgRgb ink = sg_rgb_text_on (fill);

              sg_chart_draw_text (cr, style, label, SG_TEXT_SMALL, &ink, x + self->cell_w / 2,
                                  y + self->cell_h / 2, 0.5, 0.5, 0);
            }
        }
    }
  draw_scale (self, cr, style, self->grid.x + (self->grid.width - SCALE_W) / 2,
              self->grid.y + self->grid.height + lh / 2 + SG_CHART_GAP * 2, limit);
}

/* The strongest finding: the cell furthest from the overall mean. */
static gboolean
strongest_cell (SgHeatmapChart *self,
                guint          *segment,
                guint          *feature)
{
  double best = -1;

  for (guint s = 0; s < self->n_segments; s++)
    for (guint f = 0; f < self->n_features; f++)
      if (isfinite (cell (self, s, f)) && fabs (cell (self, s, f)) > best)
        {
          best = fabs (cell (self, s, f));
          *segment = s;
          *feature = f;
        }
  return best >= 0;
}

static char *
direction_text (double z)
{
  g_autofree char *amount = sg_chart_format_number (fabs (z), 1);

  if (fabs (z) < 0.05)
    return g_strdup (_("at the overall mean"));
  /* TRANSLATORS: "1.4 SD above the overall mean" */
  return g_strdup_printf (z > 0 ? _("%s SD above the overall mean") : _("%s SD below the overall mean"),
                          amount);
}

static char *
sg_heatmap_chart_describe (SgChart *chart)
{
  SgHeatmapChart *self = SG_HEATMAP_CHART (chart);
  guint s = 0, f = 0;
  g_autofree char *direction = NULL;
  GString *text;

  if (self->n_segments == 0 || self->n_features == 0)
    return g_strdup (_("Profile heatmap with no data."));
  text = g_string_new (NULL);
  g_string_append_printf (text, _("Profile heatmap of %u segments over %u features, coloured by "
                                  "the distance from the overall mean in standard deviations."),
                          self->n_segments, self->n_features);
  if (strongest_cell (self, &s, &f))
    {
      direction = direction_text (cell (self, s, f));
      g_string_append_printf (text, _(" The strongest difference: %s in %s, %s."),
                              self->feature_names[f], self->segment_names[s], direction);
    }
  return g_string_free (text, FALSE);
}

static gboolean
sg_heatmap_chart_hit_test (SgChart    *chart,
                           double      x,
                           double      y,
                           SgChartHit *hit)
{
  SgHeatmapChart *self = SG_HEATMAP_CHART (chart);
  guint s, f;
  double z;
  g_autofree char *direction = NULL;

  if (!self->has_layout || !sg_rect_contains (&self->grid, x, y))
    return FALSE;
  s = MIN ((guint) ((x - self->grid.x) / self->cell_w), self->n_segments - 1);
  f = MIN ((guint) ((y - self->grid.y) / self->cell_h), self->n_features - 1);
  z = cell (self, s, f);
  direction = isfinite (z) ? direction_text (z) : g_strdup (_("unknown"));
  hit->kind = SG_CHART_HIT_CELL;
  hit->segment = (int) s;
  hit->index = f;
  hit->value = z;
  hit->area = (SgRect) { self->grid.x + s * self->cell_w, self->grid.y + f * self->cell_h,
                         self->cell_w, self->cell_h };
  if (self->segment_means != NULL && self->overall_means != NULL)
    {
      g_autofree char *mean = sg_chart_format_value (self->segment_means[(gsize) s * self->n_features + f]);
      g_autofree char *overall = sg_chart_format_value (self->overall_means[f]);

      /* TRANSLATORS: "Recency in Loyal: 12 (overall 45)\n1.4 SD below the overall mean" */
      hit->tooltip = g_strdup_printf (_("%s in %s: %s (overall %s)\n%s"), self->feature_names[f],
                                      self->segment_names[s], mean, overall, direction);
    }
  else
    hit->tooltip = g_strdup_printf (_("%s in %s\n%s"), self->feature_names[f],
                                    self->segment_names[s], direction);
  return TRUE;
}

static void
sg_heatmap_chart_class_init (SgHeatmapChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  SgChartClass *chart_class = SG_CHART_CLASS (klass);

  object_class->finalize = sg_heatmap_chart_finalize;
  chart_class->draw = sg_heatmap_chart_draw;
  chart_class->describe = sg_heatmap_chart_describe;
  chart_class->hit_test = sg_heatmap_chart_hit_test;
}

static void
sg_heatmap_chart_init (SgHeatmapChart *self)
{
  self->segment_names = g_new0 (char *, 1);
  self->feature_names = g_new0 (char *, 1);
}

SgHeatmapChart *
sg_heatmap_chart_new (void)
{
  return g_object_new (SG_TYPE_HEATMAP_CHART, NULL);
}

void
sg_heatmap_chart_set_data (SgHeatmapChart    *self,
                           const double      *z,
                           guint              n_segments,
                           guint              n_features,
                           const char *const *segment_names,
                           const char *const *feature_names)
{
  gsize n = (gsize) n_segments * n_features;

  g_return_if_fail (SG_IS_HEATMAP_CHART (self));
  g_return_if_fail (n == 0 || z != NULL);

  g_free (self->z);
  g_clear_pointer (&self->segment_means, g_free);
  g_clear_pointer (&self->overall_means, g_free);
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

void
sg_heatmap_chart_set_means (SgHeatmapChart *self,
                            const double   *segment_means,
                            const double   *overall_means)
{
  gsize n;

  g_return_if_fail (SG_IS_HEATMAP_CHART (self));

  n = (gsize) self->n_segments * self->n_features;
  g_clear_pointer (&self->segment_means, g_free);
  g_clear_pointer (&self->overall_means, g_free);
  if (n > 0 && segment_means != NULL && overall_means != NULL)
    {
      self->segment_means = g_memdup2 (segment_means, n * sizeof (double));
      self->overall_means = g_memdup2 (overall_means, self->n_features * sizeof (double));
    }
  sg_chart_changed (SG_CHART (self));
}

void
sg_heatmap_chart_set_limit (SgHeatmapChart *self,
                            double          limit)
{
  g_return_if_fail (SG_IS_HEATMAP_CHART (self));

  self->limit = limit > 0 && isfinite (limit) ? limit : 0;
  sg_chart_changed (SG_CHART (self));
}
