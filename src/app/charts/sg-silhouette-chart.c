/* sg-silhouette-chart.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each segment's values are sorted once; a band then samples one value per device pixel row, so
 * a hundred thousand rows draw as fast as a hundred.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>

#include "sg-chart-private.h"
#include "sg-silhouette-chart.h"

#define BAND_GAP       4.0
#define MIN_BAND       8.0

typedef struct {
  double *values;   /* sorted, highest first */
  gsize   n;
  double  mean;
  gsize   negative;
} Band;

struct _SgSilhouetteChart
{
  SgChart    parent_instance;

  Band      *bands;
  guint      n_bands;
  char     **names;
  gsize      total;
  double     mean;

  SgXYFrame  frame;
  SgRect    *band_rects;
  gboolean   has_layout;
};

G_DEFINE_FINAL_TYPE (SgSilhouetteChart, sg_silhouette_chart, SG_TYPE_CHART)

static void
clear_bands (SgSilhouetteChart *self)
{
  for (guint b = 0; b < self->n_bands; b++)
    g_free (self->bands[b].values);
  g_clear_pointer (&self->bands, g_free);
  g_clear_pointer (&self->band_rects, g_free);
  g_clear_pointer (&self->names, g_strfreev);
  self->n_bands = 0;
  self->total = 0;
}

static void
sg_silhouette_chart_finalize (GObject *object)
{
  clear_bands (SG_SILHOUETTE_CHART (object));
  G_OBJECT_CLASS (sg_silhouette_chart_parent_class)->finalize (object);
}

static double
label_room (SgSilhouetteChart  *self,
            cairo_t            *cr,
            const SgChartStyle *style,
            double              width)
{
  double widest = 0;

  for (guint b = 0; b < self->n_bands; b++)
    {
      double w;

      sg_chart_text_size (cr, style, self->names[b], SG_TEXT_SMALL, &w, NULL);
      widest = MAX (widest, w);
    }
  return MIN (widest, width * 0.3) + SG_CHART_GAP;
}

/* Band heights in proportion to their rows, none thinner than MIN_BAND. */
static double
natural_height (SgSilhouetteChart *self,
                guint              b,
                double             available)
{
  return self->total > 0 ? available * self->bands[b].n / self->total : 0;
}

static void
layout_bands (SgSilhouetteChart *self)
{
  const SgRect *p = &self->frame.plot;
  double available = p->height - BAND_GAP * (self->n_bands + 1);
  double y = p->y + BAND_GAP, rest;
  guint thin = 0;
  gsize thick_rows = 0;

  for (guint b = 0; b < self->n_bands; b++)
    {
      if (natural_height (self, b, available) < MIN_BAND)
        thin++;
      else
        thick_rows += self->bands[b].n;
    }
  rest = MAX (available - thin * MIN_BAND, 0);
  g_free (self->band_rects);
  self->band_rects = g_new (SgRect, MAX (self->n_bands, 1));
  for (guint b = 0; b < self->n_bands; b++)
    {
      double h = natural_height (self, b, available) < MIN_BAND
                   ? MIN_BAND : rest * self->bands[b].n / thick_rows;

      self->band_rects[b] = (SgRect) { p->x, y, p->width, h };
      y += h + BAND_GAP;
    }
}

static void
draw_band (SgSilhouetteChart  *self,
           cairo_t            *cr,
           const SgChartStyle *style,
           guint               b)
{
  const Band *band = &self->bands[b];
  const SgRect *r = &self->band_rects[b];
  double x0 = sg_xy_frame_x (&self->frame, 0);
  guint rows = (guint) MAX (ceil (r->height * style->scale), 1);

  if (band->n == 0)
    return;
  /* One vertex per device row: the value of the row at that fraction of the sorted band. */
  cairo_move_to (cr, x0, r->y);
  for (guint j = 0; j <= rows; j++)
    {
      gsize i = MIN ((gsize) ((double) j / rows * band->n), band->n - 1);

      cairo_line_to (cr, sg_xy_frame_x (&self->frame, band->values[i]), r->y + r->height * j / rows);
    }
  cairo_line_to (cr, x0, r->y + r->height);
  cairo_close_path (cr);
  sg_chart_set_color (cr, sg_chart_segment_color (style, (int) b), 0.9);
  cairo_fill (cr);
}

static void
sg_silhouette_chart_draw (SgChart            *chart,
                          cairo_t            *cr,
                          const SgChartStyle *style,
                          double              width,
                          double              height)
{
  SgSilhouetteChart *self = SG_SILHOUETTE_CHART (chart);
  double lo = 0, x_mean, lh;
  g_autofree char *mean_text = NULL, *mean_label = NULL;
  static const double dash[] = { 4, 3 };

  self->has_layout = FALSE;
  if (self->total == 0)
    {
      sg_chart_draw_empty (cr, style, width, height, NULL);
      return;
    }
  for (guint b = 0; b < self->n_bands; b++)
    if (self->bands[b].n > 0)
      lo = MIN (lo, self->bands[b].values[self->bands[b].n - 1]);

  sg_chart_text_size (cr, style, "0", SG_TEXT_SMALL, NULL, &lh);
  self->frame = (SgXYFrame) {
    .x = { .lo = MIN (lo, -0.1), .hi = 1, .flags = SG_CHART_TICKS_LOOSE, .grid = TRUE,
           .title = _("Silhouette (−1 misplaced · 0 on a border · 1 well placed)") },
    .y = { .hidden = TRUE, .lo = 0, .hi = 1, .label_room = label_room (self, cr, style, width) },
    .top_room = lh + SG_CHART_GAP,
  };
  sg_xy_frame_layout (&self->frame, cr, style, (SgRect) { 0, 0, width, height });
  layout_bands (self);
  self->has_layout = TRUE;
  if (sg_chart_is_layout_pass (chart))
    return;

  sg_xy_frame_draw (&self->frame, cr, style);
  for (guint b = 0; b < self->n_bands; b++)
    {
      const SgRect *r = &self->band_rects[b];

      draw_band (self, cr, style, b);
      if (r->height >= lh * 0.8)
        sg_chart_draw_text (cr, style, self->names[b], SG_TEXT_SMALL, NULL,
                            r->x - SG_CHART_GAP, r->y + r->height / 2, 1, 0.5,
                            self->frame.y.label_room - SG_CHART_GAP);
    }

  /* The zero line, then the mean. */
  cairo_save (cr);
  cairo_set_line_width (cr, 1);
  sg_chart_set_color (cr, sg_rgb_mix (style->foreground, style->background, 0.55), 1.0);
  cairo_move_to (cr, sg_chart_snap (style, sg_xy_frame_x (&self->frame, 0), 1), self->frame.plot.y);
  cairo_rel_line_to (cr, 0, self->frame.plot.height);
  cairo_stroke (cr);
  x_mean = sg_chart_snap (style, sg_xy_frame_x (&self->frame, self->mean), 1.5);
  cairo_set_line_width (cr, 1.5);
  cairo_set_dash (cr, dash, 2, 0);
  sg_chart_set_color (cr, style->foreground, 1.0);
  cairo_move_to (cr, x_mean, self->frame.plot.y - 2);
  cairo_rel_line_to (cr, 0, self->frame.plot.height + 2);
  cairo_stroke (cr);
  cairo_restore (cr);
  mean_text = sg_chart_format_number (self->mean, 2);
  mean_label = g_strdup_printf (_("Mean %s"), mean_text);
  sg_chart_draw_text (cr, style, mean_label, SG_TEXT_SMALL, NULL, x_mean,
                      self->frame.plot.y - 4, x_mean > self->frame.plot.x + self->frame.plot.width * 0.8 ? 1 : 0.5, 1, 0);
}

static char *
sg_silhouette_chart_describe (SgChart *chart)
{
  SgSilhouetteChart *self = SG_SILHOUETTE_CHART (chart);
  g_autofree char *mean = NULL, *best_mean = NULL, *worst_mean = NULL;
  guint best = 0, worst = 0;
  GString *text;

  if (self->total == 0)
    return g_strdup (_("Silhouette plot with no data."));
  for (guint b = 0; b < self->n_bands; b++)
    {
      if (self->bands[b].n == 0)
        continue;
      if (self->bands[best].n == 0 || self->bands[b].mean > self->bands[best].mean)
        best = b;
      if (self->bands[worst].n == 0 || self->bands[b].mean < self->bands[worst].mean)
        worst = b;
    }
  mean = sg_chart_format_number (self->mean, 2);
  best_mean = sg_chart_format_number (self->bands[best].mean, 2);
  worst_mean = sg_chart_format_number (self->bands[worst].mean, 2);
  text = g_string_new (NULL);
  g_string_append_printf (text, ngettext ("Silhouette plot of %u segment; mean silhouette %s.",
                                          "Silhouette plot of %u segments; mean silhouette %s.",
                                          self->n_bands),
                          self->n_bands, mean);
  if (best != worst)
    g_string_append_printf (text, _(" %s is the best separated (mean %s), %s the least (mean %s)."),
                            self->names[best], best_mean, self->names[worst], worst_mean);
  return g_string_free (text, FALSE);
}

static gboolean
sg_silhouette_chart_hit_test (SgChart    *chart,
                              double      x,
                              double      y,
                              SgChartHit *hit)
{
  SgSilhouetteChart *self = SG_SILHOUETTE_CHART (chart);

  if (!self->has_layout)
    return FALSE;
  for (guint b = 0; b < self->n_bands; b++)
    {
      SgRect r = self->band_rects[b];
      const Band *band = &self->bands[b];
      g_autofree char *count = NULL, *mean = NULL, *negative = NULL;

      /* The band's name belongs to it too. */
      r.x = self->frame.bounds.x;
      r.width = self->frame.plot.x + self->frame.plot.width - r.x;
      if (!sg_rect_contains (&r, x, y))
        continue;
      count = sg_chart_format_number (band->n, 0);
      mean = sg_chart_format_number (band->mean, 2);
      negative = sg_chart_format_percent (band->n > 0 ? (double) band->negative / band->n : 0);
      hit->kind = SG_CHART_HIT_BAR;
      hit->index = b;
      hit->segment = (int) b;
      hit->value = band->mean;
      hit->area = self->band_rects[b];
      hit->tooltip = g_strdup_printf (_("%s: %s customers\nMean silhouette %s; %s below 0"),
                                      self->names[b], count, mean, negative);
      return TRUE;
    }
  return FALSE;
}

static void
sg_silhouette_chart_class_init (SgSilhouetteChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  SgChartClass *chart_class = SG_CHART_CLASS (klass);

  object_class->finalize = sg_silhouette_chart_finalize;
  chart_class->draw = sg_silhouette_chart_draw;
  chart_class->describe = sg_silhouette_chart_describe;
  chart_class->hit_test = sg_silhouette_chart_hit_test;
}

static void
sg_silhouette_chart_init (SgSilhouetteChart *self)
{
}

SgSilhouetteChart *
sg_silhouette_chart_new (void)
{
  return g_object_new (SG_TYPE_SILHOUETTE_CHART, NULL);
}

static int
compare_desc (const void *a,
              const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? 1 : x > y ? -1 : 0;
}

void
sg_silhouette_chart_set_data (SgSilhouetteChart *self,
                              const double      *silhouette,
                              const gint32      *segment,
                              gsize              n,
                              guint              n_segments,
                              const char *const *names)
{
  double sum = 0;

  g_return_if_fail (SG_IS_SILHOUETTE_CHART (self));
  g_return_if_fail (n == 0 || (silhouette != NULL && segment != NULL));

  clear_bands (self);
  self->n_bands = n_segments;
  self->bands = g_new0 (Band, MAX (n_segments, 1));
  self->names = sg_chart_segment_names (names, n_segments);
  for (gsize i = 0; i < n; i++)
    if (segment[i] >= 0 && (guint) segment[i] < n_segments && isfinite (silhouette[i]))
      self->bands[segment[i]].n++;
  for (guint b = 0; b < n_segments; b++)
    {
      self->bands[b].values = g_new (double, MAX (self->bands[b].n, 1));
      self->bands[b].n = 0;
    }
  for (gsize i = 0; i < n; i++)
    if (segment[i] >= 0 && (guint) segment[i] < n_segments && isfinite (silhouette[i]))
      {
        Band *band = &self->bands[segment[i]];

        band->values[band->n++] = silhouette[i];
      }
  for (guint b = 0; b < n_segments; b++)
    {
      Band *band = &self->bands[b];
      double band_sum = 0;

      qsort (band->values, band->n, sizeof (double), compare_desc);
      for (gsize i = 0; i < band->n; i++)
        {
          band_sum += band->values[i];
          band->negative += band->values[i] < 0;
        }
      band->mean = band->n > 0 ? band_sum / band->n : NAN;
      sum += band_sum;
      self->total += band->n;
    }
  self->mean = self->total > 0 ? sum / self->total : NAN;
  sg_chart_changed (SG_CHART (self));
}

double
sg_silhouette_chart_get_mean (SgSilhouetteChart *self)
{
  g_return_val_if_fail (SG_IS_SILHOUETTE_CHART (self), NAN);

  return self->mean;
}
