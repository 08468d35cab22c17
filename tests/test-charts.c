/* test-charts.c — the chart layer: ticks, number formats, colour scales, density raster,
 * hit tests, descriptions and export of every chart
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * With SG_CHART_GALLERY=DIR set, /charts/gallery also writes every chart to DIR in light and dark
 * at 1× and 2×, to look at.
 */
#include "config.h"

#include <cairo.h>
#include <pango/pangocairo.h>
#include <glib/gstdio.h>
#include <float.h>
#include <math.h>
#include <string.h>

#include "sg-box-chart.h"
#include "sg-chart-format.h"
#include "sg-chart-ticks.h"
#include "sg-dendrogram-chart.h"
#include "sg-error.h"
#include "sg-density-raster.h"
#include "sg-heatmap-chart.h"
#include "sg-histogram-chart.h"
#include "sg-k-distance-chart.h"
#include "sg-k-scan-chart.h"
#include "sg-mark-image.h"
#include "sg-palette.h"
#include "sg-scatter-chart.h"
#include "sg-silhouette-chart.h"
#include "sg-sizes-chart.h"
#include "sg-snake-chart.h"
#include "sg-test-util.h"

/* Sample data ---------------------------------------------------------------------------- */

static const char *const segment_names[] = {
  "Loyal regulars", "Bargain hunters", "New customers", "At risk",
};
static const char *const feature_names[] = {
  "Recency (days)", "Orders per year", "Average basket", "Total spend", "Discount share",
  "Tenure (months)", "Returns",
};
#define N_SEG  4
#define N_FEAT 7

typedef struct {
  guint64 state;
} Lcg;

static double
lcg_uniform (Lcg *r)
{
  r->state = r->state * 6364136223846793005ULL + 1442695040888963407ULL;
  return ((r->state >> 11) + 0.5) / 9007199254740992.0;
}

static double
lcg_normal (Lcg *r)
{
  return sqrt (-2 * log (lcg_uniform (r))) * cos (2 * G_PI * lcg_uniform (r));
}

static SgScatterChart *
sample_scatter (gsize n)
{
  static const double cx[] = { -2, 1.5, 0.5, 3 }, cy[] = { 0, 1.5, -1.8, -0.5 };
  static const double lx[] = { 0.8, -0.3, 0.5, 0.1 }, ly[] = { 0.2, 0.7, -0.6, 0.05 };
  static const char *const ln[] = { "Total spend", "Recency (days)", "Orders per year", "Tenure" };
  g_autofree float *x = g_new (float, n), *y = g_new (float, n);
  g_autofree gint32 *s = g_new (gint32, n);
  SgScatterChart *chart = sg_scatter_chart_new ();
  Lcg r = { 42 };

  for (gsize i = 0; i < n; i++)
    {
      int k = (int) (i % N_SEG);

      x[i] = cx[k] + 0.8 * lcg_normal (&r);
      y[i] = cy[k] + 0.6 * lcg_normal (&r);
      s[i] = i % 97 == 0 ? -1 : k;
    }
  sg_scatter_chart_set_data (chart, x, y, s, n, N_SEG, segment_names);
  sg_scatter_chart_set_axes (chart, "PC1", 0.42, "PC2", 0.18);
  sg_scatter_chart_set_loadings (chart, lx, ly, ln, 4);
  return chart;
}

static SgKScanChart *
sample_k_scan (void)
{
  static const guint k[] = { 2, 3, 4, 5, 6, 7, 8, 9, 10 };
  static const double inertia[] = { 9120, 6230, 3410, 3010, 2720, 2490, 2300, 2150, 2020 };
  static const double silhouette[] = { 0.38, 0.44, 0.52, 0.46, 0.41, 0.37, 0.35, 0.33, 0.31 };
  SgKScanChart *chart = sg_k_scan_chart_new ();

  sg_k_scan_chart_set_data (chart, k, inertia, silhouette, G_N_ELEMENTS (k), "Silhouette", TRUE);
  sg_k_scan_chart_set_recommendation (chart, 4, "k = 4 has the highest silhouette (0.52), and "
                                      "inertia stops falling steeply after it.");
  return chart;
}

static SgSilhouetteChart *
sample_silhouette (void)
{
  static const double means[] = { 0.55, 0.42, 0.18, 0.35 };
  gsize n = 2000;
  g_autofree double *v = g_new (double, n);
  g_autofree gint32 *s = g_new (gint32, n);
  SgSilhouetteChart *chart = sg_silhouette_chart_new ();
  Lcg r = { 7 };

  for (gsize i = 0; i < n; i++)
    {
      s[i] = (gint32) (i < 700 ? 0 : i < 1300 ? 1 : i < 1600 ? 2 : 3);
      v[i] = CLAMP (means[s[i]] + 0.16 * lcg_normal (&r), -0.4, 0.95);
    }
  sg_silhouette_chart_set_data (chart, v, s, n, N_SEG, segment_names);
  return chart;
}

static SgSizesChart *
sample_sizes (guint64 unassigned)
{
  static const guint64 counts[] = { 1204, 2011, 850, 935 };
  SgSizesChart *chart = sg_sizes_chart_new ();

  sg_sizes_chart_set_data (chart, counts, N_SEG, segment_names, unassigned);
  return chart;
}

static const double profile_z[N_SEG * N_FEAT] = {
  -1.1, 1.4, 0.6, 1.8, -0.4, 1.2, -0.2,
  0.2, 0.5, -0.9, -0.3, 1.9, 0.1, 0.4,
  -0.6, -0.7, -0.1, -0.9, 0.3, -1.5, -0.3,
  1.7, -1.0, 0.3, -0.5, -0.6, 0.4, 0.1,
};

static SgHeatmapChart *
sample_heatmap (void)
{
  SgHeatmapChart *chart = sg_heatmap_chart_new ();
  double means[N_SEG * N_FEAT], overall[N_FEAT];

  for (guint f = 0; f < N_FEAT; f++)
    {
      overall[f] = 10.0 * (f + 1);
      for (guint s = 0; s < N_SEG; s++)
        means[s * N_FEAT + f] = overall[f] + profile_z[s * N_FEAT + f] * 4;
    }
  sg_heatmap_chart_set_data (chart, profile_z, N_SEG, N_FEAT, segment_names, feature_names);
  sg_heatmap_chart_set_means (chart, means, overall);
  return chart;
}

static SgSnakeChart *
sample_snake (void)
{
  SgSnakeChart *chart = sg_snake_chart_new ();

  sg_snake_chart_set_data (chart, profile_z, N_SEG, N_FEAT, segment_names, feature_names);
  return chart;
}

static SgBoxChart *
sample_box (void)
{
  static const double out0[] = { 410, 455, 520 }, out1[] = { 210, 260 }, out3[] = { 5, 390 };
  SgBoxStats boxes[N_SEG] = {
    { 20, 110, 160, 230, 380, 175, out0, 3, 1204 },
    { 5, 30, 55, 90, 170, 64, out1, 2, 2011 },
    { 2, 15, 28, 45, 90, 33, NULL, 0, 850 },
    { 40, 80, 120, 170, 300, NAN, out3, 2, 935 },
  };
  SgBoxChart *chart = sg_box_chart_new ();

  sg_box_chart_set_data (chart, boxes, N_SEG, segment_names, "Average basket (€)");
  return chart;
}

/* Average linkage over points in four groups on a line: a tree with an obvious cut at k = 4.
 * Naive O(n³), fine for a few dozen leaves. */
static SgDendrogramChart *
sample_dendrogram (guint n, gboolean labelled)
{
  g_autofree double *px = g_new (double, n);
  g_autofree int *node = g_new (int, n);      /* cluster slot → node id */
  g_autofree guint *size = g_new (guint, n);
  g_autofree gboolean *alive = g_new (gboolean, n);
  g_autofree gint32 *merges = g_new (gint32, 2 * (n - 1));
  g_autofree double *heights = g_new (double, n - 1);
  g_autofree double *dist = g_new (double, (gsize) n * n);
  g_auto(GStrv) labels = g_new0 (char *, n + 1);
  SgDendrogramChart *chart = sg_dendrogram_chart_new ();
  Lcg r = { 3 };

  for (guint i = 0; i < n; i++)
    {
      px[i] = (i % 4) * 10.0 + lcg_uniform (&r) * 3;
      node[i] = (int) i;
      size[i] = 1;
      alive[i] = TRUE;
      labels[i] = g_strdup_printf ("Customer %u", i + 1);
    }
  for (guint i = 0; i < n; i++)
    for (guint j = 0; j < n; j++)
      dist[i * n + j] = fabs (px[i] - px[j]);
  for (guint m = 0; m + 1 < n; m++)
    {
      guint a = 0, b = 0;
      double best = INFINITY;

      for (guint i = 0; i < n; i++)
        for (guint j = i + 1; j < n; j++)
          if (alive[i] && alive[j] && dist[i * n + j] < best)
            {
              best = dist[i * n + j];
              a = i;
              b = j;
            }
      merges[2 * m] = node[a];
      merges[2 * m + 1] = node[b];
      heights[m] = best;
      for (guint k = 0; k < n; k++)
        if (alive[k] && k != a && k != b)
          dist[a * n + k] = dist[k * n + a] = (dist[a * n + k] * size[a] + dist[b * n + k] * size[b])
                                              / (size[a] + size[b]);
      size[a] += size[b];
      alive[b] = FALSE;
      node[a] = (int) (n + m);
    }
  g_assert_true (sg_dendrogram_chart_set_data (chart, merges, heights, n,
                                               labelled ? (const char *const *) labels : NULL, NULL));
  sg_dendrogram_chart_set_cut_height (chart, sg_dendrogram_chart_height_for_k (chart, 4));
  return chart;
}

static SgKDistanceChart *
sample_k_distance (void)
{
  gsize n = 3000;
  g_autofree double *d = g_new (double, n);
  SgKDistanceChart *chart = sg_k_distance_chart_new ();
  Lcg r = { 11 };

  for (gsize i = 0; i < n; i++)
    d[i] = i % 20 == 0 ? 0.6 + 2.5 * lcg_uniform (&r) * lcg_uniform (&r)
                       : 0.12 + 0.25 * lcg_uniform (&r);
  sg_k_distance_chart_set_data (chart, d, n, 5, 0.42);
  return chart;
}

static SgHistogramChart *
sample_histogram (void)
{
  gsize n = 5000;
  g_autofree double *v = g_new (double, n);
  SgHistogramChart *chart = sg_histogram_chart_new ();
  Lcg r = { 5 };

  for (gsize i = 0; i < n; i++)
    v[i] = i % 135 == 0 ? NAN : exp (3.5 + 0.6 * lcg_normal (&r));
  sg_histogram_chart_set_values (chart, v, n);
  sg_histogram_chart_set_label (chart, "Average basket (€)");
  return chart;
}

typedef struct {
  const char *name;
  SgChart    *chart;
  double      width, height;
} Sample;

static GPtrArray *
all_samples (void)
{
  GPtrArray *samples = g_ptr_array_new ();
  Sample list[] = {
    { "scatter", SG_CHART (sample_scatter (3000)), 720, 480 },
    { "scatter-dense", SG_CHART (sample_scatter (200000)), 720, 480 },
    { "k-scan", SG_CHART (sample_k_scan ()), 640, 400 },
    { "silhouette", SG_CHART (sample_silhouette ()), 600, 400 },
    { "sizes", SG_CHART (sample_sizes (42)), 520, 220 },
    { "heatmap", SG_CHART (sample_heatmap ()), 640, 360 },
    { "snake", SG_CHART (sample_snake ()), 640, 400 },
    { "box", SG_CHART (sample_box ()), 560, 360 },
    { "dendrogram", SG_CHART (sample_dendrogram (24, TRUE)), 640, 400 },
    { "k-distance", SG_CHART (sample_k_distance ()), 600, 360 },
    { "histogram", SG_CHART (sample_histogram ()), 360, 200 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (list); i++)
    g_ptr_array_add (samples, g_memdup2 (&list[i], sizeof (Sample)));
  return samples;
}

static void
free_samples (GPtrArray *samples)
{
  for (guint i = 0; i < samples->len; i++)
    {
      Sample *s = samples->pdata[i];

      g_object_unref (s->chart);
      g_free (s);
    }
  g_ptr_array_free (samples, TRUE);
}

/* Draws @chart on an image surface so it has a layout for hit tests. */
static void
lay_out (SgChart *chart,
         double   width,
         double   height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) width, (int) height);
  cairo_t *cr = cairo_create (surface);
  SgChartStyle style;

  sg_chart_style_init (&style, FALSE);
  sg_chart_draw (chart, cr, &style, width, height);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* Ticks and numbers ----------------------------------------------------------------------- */

static gboolean
is_nice_step (double step)
{
  double mantissa = step / pow (10, floor (log10 (step)));

  return fabs (mantissa - 1) < 1e-9 || fabs (mantissa - 2) < 1e-9 || fabs (mantissa - 5) < 1e-9
         || fabs (mantissa - 10) < 1e-9;
}

static void
check_ticks (double lo,
             double hi,
             guint  target)
{
  SgChartTicks loose, tight;
  double a = MIN (lo, hi), b = MAX (lo, hi);

  g_assert_true (sg_chart_ticks_compute (lo, hi, target, SG_CHART_TICKS_LOOSE, &loose));
  g_assert_true (sg_chart_ticks_compute (lo, hi, target, SG_CHART_TICKS_TIGHT, &tight));
  for (guint pass = 0; pass < 2; pass++)
    {
      const SgChartTicks *t = pass == 0 ? &loose : &tight;
      g_autofree char *previous = NULL;

      g_assert_true (is_nice_step (t->step));
      g_assert_cmpuint (t->n, >=, 2);
      g_assert_cmpuint (t->n, <=, 2 * target + 2);
      for (guint i = 0; i < t->n; i++)
        {
          double v = sg_chart_ticks_value (t, i);
          g_autofree char *label = sg_chart_ticks_label (t, i, FALSE);

          /* Multiples of the step, ascending, inside the axis, with labels that differ. */
          g_assert_cmpfloat (fabs (v / t->step - round (v / t->step)), <, 1e-6);
          g_assert_cmpfloat (v, >=, t->min - t->step * 1e-6);
          g_assert_cmpfloat (v, <=, t->max + t->step * 1e-6);
          if (i > 0)
            g_assert_cmpfloat (v, >, sg_chart_ticks_value (t, i - 1));
          g_assert_cmpstr (label, !=, previous);
          g_free (previous);
          previous = g_steal_pointer (&label);
        }
    }
  /* Loose axes cover the data; tight ones are the data's range. */
  if (b > a)
    {
      g_assert_cmpfloat (loose.min, <=, a);
      g_assert_cmpfloat (loose.max, >=, b);
      g_assert_cmpfloat (tight.min, ==, a);
      g_assert_cmpfloat (tight.max, ==, b);
    }
}

static void
test_ticks (void)
{
  SgChartTicks t;
  g_autofree char *label = NULL;

  check_ticks (0, 1, 5);
  check_ticks (0, 100, 5);
  check_ticks (-3.7, 12.2, 6);
  check_ticks (12.2, -3.7, 6);
  check_ticks (-1e-3, -1e-4, 5);
  check_ticks (1e-9, 3e-9, 5);
  check_ticks (1e9, 5e12, 8);
  check_ticks (-1e300, 1e300, 5);
  check_ticks (0.999999, 1.000001, 4);
  check_ticks (-0.4, 0.95, 6);
  check_ticks (2, 10, 10);

  g_assert_true (sg_chart_ticks_compute (0, 100, 6, SG_CHART_TICKS_LOOSE, &t));
  g_assert_cmpfloat (t.step, ==, 20);
  g_assert_cmpfloat (t.min, ==, 0);
  g_assert_cmpfloat (t.max, ==, 100);
  g_assert_cmpint (t.decimals, ==, 0);

  g_assert_true (sg_chart_ticks_compute (-3.7, 12.2, 6, SG_CHART_TICKS_LOOSE, &t));
  g_assert_cmpfloat (t.min, ==, -5);
  g_assert_cmpfloat (t.max, ==, 15);
  g_assert_cmpfloat (t.step, ==, 5);

  /* 0.1 × 3 must print as 0.3, and the zero tick as "0.0", never "−0.0". */
  g_assert_true (sg_chart_ticks_compute (-0.25, 0.35, 8, SG_CHART_TICKS_LOOSE, &t));
  g_assert_cmpfloat (t.step, ==, 0.1);
  g_assert_cmpint (t.decimals, ==, 1);
  for (guint i = 0; i < t.n; i++)
    {
      g_autofree char *l = sg_chart_ticks_label (&t, i, FALSE);

      g_assert_null (strstr (l, "0000"));
      if (sg_chart_ticks_value (&t, i) == 0)
        g_assert_cmpstr (l, ==, "0.0");
    }

  /* Zero width: widened around the value; [0, 0] becomes [0, 1]. */
  g_assert_true (sg_chart_ticks_compute (0, 0, 5, SG_CHART_TICKS_LOOSE, &t));
  g_assert_cmpfloat (t.min, ==, 0);
  g_assert_cmpfloat (t.max, ==, 1);
  g_assert_true (sg_chart_ticks_compute (5, 5, 5, SG_CHART_TICKS_LOOSE, &t));
  g_assert_cmpfloat (t.min, <, 5);
  g_assert_cmpfloat (t.max, >, 5);
  g_assert_cmpuint (t.n, >=, 2);
  check_ticks (-7, -7, 5);

  /* Integer axes never step below 1. */
  g_assert_true (sg_chart_ticks_compute (2, 4, 10, SG_CHART_TICKS_INTEGER, &t));
  g_assert_cmpfloat (t.step, ==, 1);
  g_assert_cmpuint (t.n, ==, 3);

  /* Huge values: compact labels and scientific ones. */
  g_assert_true (sg_chart_ticks_compute (0, 4e6, 5, SG_CHART_TICKS_LOOSE, &t));
  label = sg_chart_ticks_label (&t, t.n - 1, TRUE);
  g_assert_cmpstr (label, ==, "4M");
  g_clear_pointer (&label, g_free);
  g_assert_true (sg_chart_ticks_compute (0, 3e-9, 4, SG_CHART_TICKS_LOOSE, &t));
  label = sg_chart_ticks_label (&t, 1, FALSE);
  g_assert_nonnull (strchr (label, 'e'));

  /* Not finite: FALSE and a usable default. */
  g_assert_false (sg_chart_ticks_compute (NAN, 1, 5, SG_CHART_TICKS_LOOSE, &t));
  g_assert_cmpuint (t.n, >=, 2);
  g_assert_false (sg_chart_ticks_compute (0, INFINITY, 5, SG_CHART_TICKS_LOOSE, &t));
  g_assert_false (sg_chart_ticks_compute (-DBL_MAX, DBL_MAX, 5, SG_CHART_TICKS_LOOSE, &t));

  g_assert_cmpfloat (sg_chart_nice_number (0.63, TRUE), ==, 0.5);
  g_assert_cmpfloat (sg_chart_nice_number (0.73, TRUE), ==, 1);
  g_assert_cmpfloat (sg_chart_nice_number (0.73, FALSE), ==, 1);
  g_assert_cmpfloat (sg_chart_nice_number (3400, TRUE), ==, 5000);
  g_assert_cmpfloat (sg_chart_nice_number (1.6, FALSE), ==, 2);
}

#define assert_format(expr, expected) \
  G_STMT_START { g_autofree char *s__ = (expr); g_assert_cmpstr (s__, ==, (expected)); } G_STMT_END

static void
test_format (void)
{
  assert_format (sg_chart_format_number (1234567.891, 2), "1,234,567.89");
  assert_format (sg_chart_format_number (1204, 0), "1,204");
  assert_format (sg_chart_format_number (999, 0), "999");
  assert_format (sg_chart_format_number (100000, 0), "100,000");
  assert_format (sg_chart_format_number (-1234, 0), "\xe2\x88\x92" "1,234");
  assert_format (sg_chart_format_number (-0.004, 2), "0.00");
  assert_format (sg_chart_format_number (0.5, 0), "0");
  assert_format (sg_chart_format_number (NAN, 2), "\xe2\x80\x94");
  assert_format (sg_chart_format_number (INFINITY, 2), "\xe2\x88\x9e");
  assert_format (sg_chart_format_number_full (1234567.5, 1, ".", ","), "1.234.567,5");
  assert_format (sg_chart_format_number_full (1234.5, 1, NULL, "."), "1234.5");

  assert_format (sg_chart_format_compact (950), "950");
  assert_format (sg_chart_format_compact (0.25), "0.25");
  assert_format (sg_chart_format_compact (1000), "1k");
  assert_format (sg_chart_format_compact (1234), "1.2k");
  assert_format (sg_chart_format_compact (34567), "35k");
  assert_format (sg_chart_format_compact (999499), "999k");
  assert_format (sg_chart_format_compact (999999), "1M");
  assert_format (sg_chart_format_compact (3.4e6), "3.4M");
  assert_format (sg_chart_format_compact (1.2e9), "1.2B");
  assert_format (sg_chart_format_compact (-1500), "\xe2\x88\x92" "1.5k");

  assert_format (sg_chart_format_percent (0.24), "24%");
  assert_format (sg_chart_format_percent (0.2408), "24%");
  assert_format (sg_chart_format_percent (0.035), "3.5%");
  assert_format (sg_chart_format_percent (0.0304), "3%");
  assert_format (sg_chart_format_percent (0.0001), "<0.1%");
  assert_format (sg_chart_format_percent (0), "0%");
  assert_format (sg_chart_format_percent (1), "100%");

  assert_format (sg_chart_format_value (0.41371), "0.414");
  assert_format (sg_chart_format_value (12345.6), "12,346");
  assert_format (sg_chart_format_value (2.5), "2.5");
}

/* Colour scales --------------------------------------------------------------------------- */

static gboolean
rgb_equal (SgRgb a,
           SgRgb b)
{
  return fabs (a.red - b.red) < 1e-9 && fabs (a.green - b.green) < 1e-9
         && fabs (a.blue - b.blue) < 1e-9;
}

static void
test_palette (void)
{
  SgRgb mid_light = sg_palette_diverging (0, FALSE), mid_dark = sg_palette_diverging (0, TRUE);
  SgRgb cold = sg_palette_diverging (-1, FALSE), warm = sg_palette_diverging (1, FALSE);
  double previous = -1;

  /* The midpoint is a neutral grey that suits the background. */
  g_assert_cmpfloat (fabs (mid_light.red - mid_light.blue), <, 0.02);
  g_assert_cmpfloat (sg_rgb_luminance (mid_light), >, 0.85);
  g_assert_cmpfloat (sg_rgb_luminance (mid_dark), <, 0.1);
  g_assert_true (rgb_equal (sg_palette_diverging (NAN, FALSE), mid_light));
  /* The ends: blue below, red above, and saturated. */
  g_assert_cmpfloat (cold.blue, >, cold.red + 0.2);
  g_assert_cmpfloat (warm.red, >, warm.blue + 0.2);
  g_assert_cmpfloat (sg_rgb_luminance (cold), <, 0.1);
  /* Clamped beyond ±1. */
  g_assert_true (rgb_equal (sg_palette_diverging (7, FALSE), warm));
  g_assert_true (rgb_equal (sg_palette_diverging (-3, FALSE), cold));
  /* Lighter towards the middle on both sides (light style). */
  for (int i = -10; i <= 0; i++)
    {
      double l = sg_rgb_luminance (sg_palette_diverging (i / 10.0, FALSE));

      g_assert_cmpfloat (l, >=, previous - 1e-9);
      previous = l;
    }
  for (int i = 0; i <= 10; i++)
    {
      double l = sg_rgb_luminance (sg_palette_diverging (i / 10.0, FALSE));

      g_assert_cmpfloat (l, <=, previous + 1e-9);
      previous = l;
    }

  /* Dark style: brighter away from the middle on both sides. */
  for (int i = 1; i <= 10; i++)
    {
      g_assert_cmpfloat (sg_rgb_luminance (sg_palette_diverging (i / 10.0, TRUE)), >,
                         sg_rgb_luminance (sg_palette_diverging ((i - 1) / 10.0, TRUE)));
      g_assert_cmpfloat (sg_rgb_luminance (sg_palette_diverging (-i / 10.0, TRUE)), >,
                         sg_rgb_luminance (sg_palette_diverging (-(i - 1) / 10.0, TRUE)));
    }
  g_assert_cmpfloat (sg_palette_diverging (-1, TRUE).blue, >, sg_palette_diverging (-1, TRUE).red);
  g_assert_cmpfloat (sg_palette_diverging (1, TRUE).red, >, sg_palette_diverging (1, TRUE).blue);

  /* Sequential: luminance rises monotonically; clamped. */
  previous = -1;
  for (int i = 0; i <= 20; i++)
    {
      double l = sg_rgb_luminance (sg_palette_sequential (i / 20.0));

      g_assert_cmpfloat (l, >, previous);
      previous = l;
    }
  g_assert_true (rgb_equal (sg_palette_sequential (-1), sg_palette_sequential (0)));
  g_assert_true (rgb_equal (sg_palette_sequential (2), sg_palette_sequential (1)));

  g_assert_cmpfloat (sg_rgb_text_on ((SgRgb) { 1, 1, 1 }).red, ==, 0);
  g_assert_cmpfloat (sg_rgb_text_on ((SgRgb) { 0.02, 0.19, 0.38 }).red, ==, 1);
  g_assert_true (rgb_equal (sg_palette_segment (8), sg_palette_segment (0)));
  g_assert_false (rgb_equal (sg_palette_segment (-1), sg_palette_segment (0)));
}

/* Density raster -------------------------------------------------------------------------- */

static guint32
raster_count (const SgDensityRaster *r,
              guint                  i,
              guint                  j)
{
  return r->counts[j * r->width + i];
}

static int
raster_dominant (const SgDensityRaster *r,
                 guint                  i,
                 guint                  j)
{
  return r->dominant[j * r->width + i];
}

static void
test_density_raster (void)
{
  /* Viewport [0, 4) × (0, 2] in 4 × 2 pixels: pixel (i, j) is x in [i, i+1), y in (1-j, 2-j]. */
  static const float x[] = { 0.5, 0.6, 0.7, 3.5, 10, NAN, 1.5, 2.5, 2.6, 2.5, 2.6, -0.1 };
  static const float y[] = { 1.5, 1.6, 1.7, 0.5, 1, 1, 0.5, 1.5, 1.6, 0.5, 0.6, 1.0 };
  static const gint32 s[] = { 0, 1, 1, 2, 0, 0, -1, 3, 0, -1, 2, 1 };
  SgViewport vp = { 0, 4, 0, 2 };
  gboolean visible[5] = { TRUE, FALSE, TRUE, TRUE, TRUE };
  g_autoptr(SgDensityRaster) r = NULL;
  g_autoptr(SgDensityRaster) hidden = NULL;
  g_autoptr(SgDensityRaster) zoomed = NULL;
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();

  r = sg_density_raster_compute (x, y, s, G_N_ELEMENTS (x), &vp, 4, 2, 4, NULL, NULL);
  g_assert_nonnull (r);
  g_assert_cmpuint (r->n_inside, ==, 9);   /* (10, 1), NaN and x = −0.1 are outside */
  g_assert_cmpuint (raster_count (r, 0, 0), ==, 3);
  g_assert_cmpint (raster_dominant (r, 0, 0), ==, 1);  /* 2 × segment 1 beat 1 × segment 0 */
  g_assert_cmpuint (raster_count (r, 3, 1), ==, 1);
  g_assert_cmpint (raster_dominant (r, 3, 1), ==, 2);
  g_assert_cmpuint (raster_count (r, 1, 1), ==, 1);
  g_assert_cmpint (raster_dominant (r, 1, 1), ==, -1); /* unassigned */
  g_assert_cmpuint (raster_count (r, 2, 0), ==, 2);
  g_assert_cmpint (raster_dominant (r, 2, 0), ==, 0);  /* tie 3 vs 0: the lower index */
  g_assert_cmpuint (raster_count (r, 2, 1), ==, 2);
  g_assert_cmpint (raster_dominant (r, 2, 1), ==, 2);  /* tie with unassigned: assigned wins */
  g_assert_cmpuint (raster_count (r, 1, 0), ==, 0);
  g_assert_cmpint (raster_dominant (r, 1, 0), ==, -1);
  g_assert_cmpuint (r->max_count, ==, 3);

  /* Hidden segments are left out. */
  hidden = sg_density_raster_compute (x, y, s, G_N_ELEMENTS (x), &vp, 4, 2, 4, visible, NULL);
  g_assert_cmpuint (raster_count (hidden, 0, 0), ==, 1);
  g_assert_cmpint (raster_dominant (hidden, 0, 0), ==, 0);
  g_assert_cmpuint (hidden->n_inside, ==, 7);

  /* A zoomed viewport clips: only x in [0, 1), y in (1, 2] at 2 × 2. */
  vp = (SgViewport) { 0, 1, 1, 2 };
  zoomed = sg_density_raster_compute (x, y, s, G_N_ELEMENTS (x), &vp, 2, 2, 4, NULL, NULL);
  g_assert_cmpuint (zoomed->n_inside, ==, 3);
  g_assert_cmpuint (raster_count (zoomed, 1, 1), ==, 1);  /* (0.5, 1.5) */
  g_assert_cmpuint (raster_count (zoomed, 1, 0), ==, 2);  /* (0.6, 1.6), (0.7, 1.7) */
  g_assert_cmpint (raster_dominant (zoomed, 1, 0), ==, 1);

  /* Degenerate input and cancellation. */
  g_assert_null (sg_density_raster_compute (x, y, s, G_N_ELEMENTS (x), &vp, 0, 2, 4, NULL, NULL));
  vp = (SgViewport) { 1, 1, 0, 2 };
  g_assert_null (sg_density_raster_compute (x, y, s, G_N_ELEMENTS (x), &vp, 4, 2, 4, NULL, NULL));
  g_cancellable_cancel (cancelled);
  {
    gsize n = 200000;
    g_autofree float *bx = g_new0 (float, n), *by = g_new0 (float, n);
    SgViewport unit = { -1, 1, -1, 1 };

    g_assert_null (sg_density_raster_compute (bx, by, NULL, n, &unit, 8, 8, 0, NULL, cancelled));
  }
}

/* The raster against per-pixel, per-segment counting, on random points. */
static void
test_density_raster_brute_force (void)
{
  gsize n = 20000;
  guint w = 37, h = 23, ns = 5;
  g_autofree float *x = g_new (float, n), *y = g_new (float, n);
  g_autofree gint32 *s = g_new (gint32, n);
  g_autofree guint32 *per = g_new0 (guint32, (gsize) w * h * (ns + 1));
  SgViewport vp = { -1.5, 2.0, -1.0, 1.2 };
  g_autoptr(SgDensityRaster) r = NULL;
  Lcg rng = { 99 };

  for (gsize i = 0; i < n; i++)
    {
      x[i] = (float) (lcg_normal (&rng) * 0.8);
      y[i] = (float) (lcg_normal (&rng) * 0.6);
      s[i] = (gint32) (lcg_uniform (&rng) * (ns + 1)) - 1;
    }
  r = sg_density_raster_compute (x, y, s, n, &vp, w, h, ns, NULL, NULL);
  for (gsize i = 0; i < n; i++)
    {
      double fx = (x[i] - vp.x_min) * w / (vp.x_max - vp.x_min);
      double fy = (vp.y_max - y[i]) * h / (vp.y_max - vp.y_min);

      if (fx >= 0 && fx < w && fy >= 0 && fy < h)
        per[((gsize) fy * w + (gsize) fx) * (ns + 1) + (s[i] < 0 ? ns : (guint) s[i])]++;
    }
  for (gsize p = 0; p < (gsize) w * h; p++)
    {
      guint32 total = 0;
      guint best = 0;

      for (guint b = 0; b <= ns; b++)
        {
          total += per[p * (ns + 1) + b];
          if (per[p * (ns + 1) + b] > per[p * (ns + 1) + best])
            best = b;
        }
      g_assert_cmpuint (r->counts[p], ==, total);
      if (total > 0)
        g_assert_cmpint (r->dominant[p], ==, best == ns ? -1 : (int) best);
    }
}

/* Stamped marks: a disc's total opacity is its area; discs of one colour compound. */
static void
test_mark_image (void)
{
  SgMarkImage *image = sg_mark_image_new (40, 30, 3.0);
  cairo_surface_t *surface;
  const guint8 *pixels;
  int stride;
  double total = 0;
  guint32 centre, far;

  sg_mark_image_set_color (image, (SgRgb) { 1, 1, 1 }, 1.0);
  sg_mark_image_add (image, 10.3, 10.6);
  sg_mark_image_set_color (image, (SgRgb) { 0, 0, 1 }, 0.5);
  sg_mark_image_add (image, 30, 15);
  sg_mark_image_add (image, 30, 15);
  sg_mark_image_add (image, -50, 15);   /* far outside: ignored */
  sg_mark_image_add (image, 39.5, 29.5); /* on the corner: clipped */
  surface = sg_mark_image_finish (image);
  cairo_surface_flush (surface);
  pixels = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int j = 0; j < 30; j++)
    for (int i = 0; i < 20; i++)
      total += (((const guint32 *) (gconstpointer) (pixels + j * stride))[i] >> 24) / 255.0;
  g_assert_cmpfloat (fabs (total - G_PI * 9), <, G_PI * 9 * 0.05);
  centre = ((const guint32 *) (gconstpointer) (pixels + 15 * stride))[30];
  g_assert_cmpuint (centre >> 24, >=, 190);    /* 1 − (1 − 0.5)² = 0.75 */
  g_assert_cmpuint (centre >> 24, <=, 193);
  g_assert_cmpuint ((centre >> 16) & 0xff, ==, 0);
  g_assert_cmpuint (centre & 0xff, ==, centre >> 24);  /* premultiplied pure blue */
  far = ((const guint32 *) (gconstpointer) (pixels + 2 * stride))[2];
  g_assert_cmpuint (far, ==, 0);
  cairo_surface_destroy (surface);
}

/* Hit tests ------------------------------------------------------------------------------- */

static void
test_hit_scatter (void)
{
  static const float x[] = { 0, 1, 2, 2.05 };
  static const float y[] = { 0, 1, 0, 0.02 };
  static const gint32 s[] = { 0, 1, 1, -1 };
  g_autoptr(SgScatterChart) chart = sg_scatter_chart_new ();
  SgChartHit hit;
  double vx, vy, wx, wy;

  g_assert_false (sg_scatter_chart_data_to_view (chart, 0, 0, &vx, &vy));
  sg_scatter_chart_set_data (chart, x, y, s, 4, 2, NULL);
  sg_chart_set_title (SG_CHART (chart), "A title shifts everything down");
  lay_out (SG_CHART (chart), 600, 400);

  g_assert_true (sg_scatter_chart_data_to_view (chart, 1, 1, &vx, &vy));
  g_assert_true (sg_chart_hit_test (SG_CHART (chart), vx + 3, vy - 2, &hit));
  g_assert_cmpint (hit.kind, ==, SG_CHART_HIT_POINT);
  g_assert_cmpint (hit.index, ==, 1);
  g_assert_cmpint (hit.segment, ==, 1);
  g_assert_nonnull (strstr (hit.tooltip, "Row 2"));
  g_assert_nonnull (strstr (hit.tooltip, "Segment 2"));
  sg_chart_hit_clear (&hit);

  /* Of two close points, the nearer one; the unassigned one is named so. */
  g_assert_true (sg_scatter_chart_data_to_view (chart, 2.05, 0.02, &wx, &wy));
  g_assert_true (sg_chart_hit_test (SG_CHART (chart), wx + 1, wy, &hit));
  g_assert_cmpint (hit.index, ==, 3);
  g_assert_cmpint (hit.segment, ==, -1);
  g_assert_nonnull (strstr (hit.tooltip, "Unassigned"));
  sg_chart_hit_clear (&hit);

  /* Nothing far from every point. */
  g_assert_true (sg_scatter_chart_data_to_view (chart, 0.5, 0.5, &wx, &wy));
  g_assert_false (sg_chart_hit_test (SG_CHART (chart), wx, wy, &hit));
  g_assert_cmpint (hit.kind, ==, SG_CHART_HIT_NONE);

  /* Hidden segments are not hit; zooming moves points under the pointer. */
  sg_scatter_chart_set_segment_visible (chart, 1, FALSE);
  lay_out (SG_CHART (chart), 600, 400);
  g_assert_false (sg_chart_hit_test (SG_CHART (chart), vx, vy, &hit));
  sg_scatter_chart_set_segment_visible (chart, 1, TRUE);
  g_assert_true (sg_chart_zoom (SG_CHART (chart), 2.0, vx, vy));
  lay_out (SG_CHART (chart), 600, 400);
  g_assert_true (sg_scatter_chart_data_to_view (chart, 1, 1, &wx, &wy));
  g_assert_cmpfloat (fabs (wx - vx), <, 1e-6);   /* the zoom's centre stays put */
  g_assert_cmpfloat (fabs (wy - vy), <, 1e-6);
  g_assert_true (sg_scatter_chart_data_to_view (chart, 0, 0, &wx, &wy));
  g_assert_false (sg_chart_hit_test (SG_CHART (chart), wx, wy, &hit)); /* out of view now */
  g_assert_true (sg_chart_reset_view (SG_CHART (chart)));
}

static void
test_hit_legend (void)
{
  g_autoptr(SgScatterChart) chart = sample_scatter (500);
  SgChartHit hit;
  gboolean found = FALSE;

  lay_out (SG_CHART (chart), 700, 450);
  /* The legend runs along the top: its first entry is the first segment. */
  for (double x = 0; x < 200 && !found; x += 2)
    if (sg_chart_hit_test (SG_CHART (chart), x, 14, &hit))
      {
        g_assert_cmpint (hit.kind, ==, SG_CHART_HIT_LEGEND);
        g_assert_cmpint (hit.segment, ==, 0);
        g_assert_nonnull (strstr (hit.tooltip, "Loyal regulars"));
        sg_chart_hit_clear (&hit);
        found = TRUE;
      }
  g_assert_true (found);
}

static void
test_hit_bars (void)
{
  g_autoptr(SgSizesChart) chart = sample_sizes (42);
  SgChartHit hit;
  int expected = 0;

  lay_out (SG_CHART (chart), 520, 220);
  /* Bars top to bottom in segment order, then the unassigned one. */
  for (double y = 0; y < 220; y += 1)
    if (sg_chart_hit_test (SG_CHART (chart), 300, y, &hit))
      {
        g_assert_cmpint (hit.kind, ==, SG_CHART_HIT_BAR);
        g_assert_cmpint (hit.index, >=, expected - 1);
        if (hit.index == expected)
          {
            g_assert_cmpint (hit.segment, ==, expected < N_SEG ? expected : -1);
            expected++;
          }
        sg_chart_hit_clear (&hit);
      }
  g_assert_cmpint (expected, ==, N_SEG + 1);

  /* The histogram's bars. */
  {
    g_autoptr(SgHistogramChart) histogram = sample_histogram ();
    guint64 seen = 0;
    double x;
    int last = -1;

    lay_out (SG_CHART (histogram), 360, 200);
    for (x = 0; x < 360; x += 0.5)
      if (sg_chart_hit_test (SG_CHART (histogram), x, 120, &hit))
        {
          if (hit.index != last)
            {
              guint64 count;

              g_assert_true (sg_histogram_chart_get_bin (histogram, (guint) hit.index, NULL, NULL, &count));
              g_assert_cmpfloat (hit.value, ==, (double) count);
              seen += count;
              last = (int) hit.index;
            }
          sg_chart_hit_clear (&hit);
        }
    g_assert_cmpuint (seen, ==, 5000 - 38);   /* every bin once; 38 NaN */
  }
}

static void
test_hit_heatmap (void)
{
  g_autoptr(SgHeatmapChart) chart = sample_heatmap ();
  gboolean seen[N_SEG][N_FEAT] = { { FALSE } };
  SgChartHit hit;

  lay_out (SG_CHART (chart), 640, 360);
  for (double y = 0; y < 360; y += 3)
    for (double x = 0; x < 640; x += 3)
      if (sg_chart_hit_test (SG_CHART (chart), x, y, &hit))
        {
          g_assert_cmpint (hit.kind, ==, SG_CHART_HIT_CELL);
          g_assert_cmpfloat (hit.value, ==, profile_z[hit.segment * N_FEAT + hit.index]);
          g_assert_true (x >= hit.area.x && x < hit.area.x + hit.area.width);
          g_assert_true (y >= hit.area.y && y < hit.area.y + hit.area.height);
          seen[hit.segment][hit.index] = TRUE;
          if (hit.segment == 3 && hit.index == 0)
            {
              /* Raw means in the tooltip: 10 + 1.7 × 4 against 10 overall. */
              g_assert_nonnull (strstr (hit.tooltip, "16.8"));
              g_assert_nonnull (strstr (hit.tooltip, "overall 10"));
              g_assert_nonnull (strstr (hit.tooltip, "1.7 SD above"));
            }
          sg_chart_hit_clear (&hit);
        }
  for (guint s = 0; s < N_SEG; s++)
    for (guint f = 0; f < N_FEAT; f++)
      g_assert_true (seen[s][f]);
}

static void
test_dendrogram (void)
{
  g_autoptr(SgDendrogramChart) chart = sample_dendrogram (24, FALSE);
  SgChartHit hit;
  double cut, y;
  guint n = sg_dendrogram_chart_get_n_leaves (chart);
  static const gint32 bad[] = { 0, 1, 0, 2 };   /* leaf 0 merged twice */
  static const double bad_heights[] = { 1, 2 };

  g_assert_cmpuint (n, ==, 24);
  for (guint k = 1; k <= n; k++)
    g_assert_cmpuint (sg_dendrogram_chart_k_for_height (chart, sg_dendrogram_chart_height_for_k (chart, k)), ==, k);
  g_assert_cmpuint (sg_dendrogram_chart_k_for_height (chart, -1), ==, n);
  g_assert_cmpuint (sg_dendrogram_chart_k_for_height (chart, 1e9), ==, 1);

  cut = sg_dendrogram_chart_get_cut_height (chart);
  g_assert_cmpuint (sg_dendrogram_chart_k_for_height (chart, cut), ==, 4);
  lay_out (SG_CHART (chart), 640, 400);
  y = sg_dendrogram_chart_height_to_y (chart, cut);
  g_assert_cmpfloat (fabs (sg_dendrogram_chart_y_to_height (chart, y) - cut), <, 1e-9);
  g_assert_true (sg_chart_hit_test (SG_CHART (chart), 320, y + 3, &hit));
  g_assert_cmpint (hit.kind, ==, SG_CHART_HIT_CUT_LINE);
  g_assert_cmpint (hit.index, ==, 4);
  g_assert_cmpfloat (hit.value, ==, cut);
  sg_chart_hit_clear (&hit);
  /* Off the line: not the cut. */
  if (sg_chart_hit_test (SG_CHART (chart), 320, y + 40, &hit))
    g_assert_cmpint (hit.kind, !=, SG_CHART_HIT_CUT_LINE);
  sg_chart_hit_clear (&hit);

  /* Dragging: a y higher up is a larger height and fewer segments. */
  sg_dendrogram_chart_set_cut_height (chart, sg_dendrogram_chart_y_to_height (chart, y - 60));
  g_assert_cmpuint (sg_dendrogram_chart_k_for_height (chart, sg_dendrogram_chart_get_cut_height (chart)), <, 4);

  /* Not a tree: refused, drawn empty. */
  g_assert_false (sg_dendrogram_chart_set_data (chart, bad, bad_heights, 3, NULL, NULL));
  g_assert_cmpuint (sg_dendrogram_chart_get_n_leaves (chart), ==, 0);
  lay_out (SG_CHART (chart), 300, 200);
}

static void
test_hit_others (void)
{
  g_autoptr(SgKScanChart) scan = sample_k_scan ();
  g_autoptr(SgBoxChart) box = sample_box ();
  g_autoptr(SgSilhouetteChart) silhouette = sample_silhouette ();
  g_autoptr(SgKDistanceChart) kdist = sample_k_distance ();
  g_autoptr(SgSnakeChart) snake = sample_snake ();
  SgChartHit hit;
  gboolean found_recommended = FALSE, found_box = FALSE, found_band = FALSE, found_eps = FALSE;
  guint snake_hits = 0;

  lay_out (SG_CHART (scan), 640, 400);
  for (double x = 0; x < 640; x += 2)
    if (sg_chart_hit_test (SG_CHART (scan), x, 200, &hit))
      {
        if (hit.kind == SG_CHART_HIT_MARKER)
          {
            g_assert_cmpint (hit.index, ==, 4);
            g_assert_nonnull (strstr (hit.tooltip, "recommended"));
            found_recommended = TRUE;
          }
        sg_chart_hit_clear (&hit);
      }
  g_assert_true (found_recommended);

  lay_out (SG_CHART (box), 560, 360);
  for (double x = 0; x < 560 && !found_box; x += 2)
    for (double y = 0; y < 360 && !found_box; y += 2)
      if (sg_chart_hit_test (SG_CHART (box), x, y, &hit))
        {
          if (hit.kind == SG_CHART_HIT_BAR && hit.segment == 2)
            {
              g_assert_nonnull (strstr (hit.tooltip, "Median 28"));
              found_box = TRUE;
            }
          sg_chart_hit_clear (&hit);
        }
  g_assert_true (found_box);

  lay_out (SG_CHART (silhouette), 600, 400);
  for (double y = 0; y < 400; y += 2)
    if (sg_chart_hit_test (SG_CHART (silhouette), 300, y, &hit))
      {
        g_assert_cmpint (hit.kind, ==, SG_CHART_HIT_BAR);
        if (hit.segment == 0)
          {
            g_assert_nonnull (strstr (hit.tooltip, "700 customers"));
            found_band = TRUE;
          }
        sg_chart_hit_clear (&hit);
      }
  g_assert_true (found_band);

  lay_out (SG_CHART (kdist), 600, 360);
  for (double y = 0; y < 360; y += 1)
    if (sg_chart_hit_test (SG_CHART (kdist), 300, y, &hit))
      {
        if (hit.kind == SG_CHART_HIT_MARKER)
          {
            g_assert_cmpfloat (hit.value, ==, 0.42);
            found_eps = TRUE;
          }
        else
          g_assert_cmpint (hit.kind, ==, SG_CHART_HIT_LINE);
        sg_chart_hit_clear (&hit);
      }
  g_assert_true (found_eps);

  lay_out (SG_CHART (snake), 640, 400);
  for (double y = 40; y < 400; y += 2)
    for (double x = 0; x < 640; x += 2)
      if (sg_chart_hit_test (SG_CHART (snake), x, y, &hit))
        {
          if (hit.kind == SG_CHART_HIT_LINE)
            {
              g_assert_cmpfloat (hit.value, ==, profile_z[hit.segment * N_FEAT + hit.index]);
              snake_hits++;
            }
          sg_chart_hit_clear (&hit);
        }
  g_assert_cmpuint (snake_hits, >, 0);
}

/* An export at another size must not disturb the layout hit tests use. */
static void
test_layout_survives_export (void)
{
  g_autoptr(SgSizesChart) chart = sample_sizes (0);
  g_autofree char *path = sg_test_tmp_path ("layout.png");
  g_autoptr(GError) error = NULL;
  SgChartHit before, after;

  lay_out (SG_CHART (chart), 520, 220);
  g_assert_true (sg_chart_hit_test (SG_CHART (chart), 300, 30, &before));
  g_assert_true (sg_chart_export (SG_CHART (chart), path, 1200, 900, 1, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (sg_chart_hit_test (SG_CHART (chart), 300, 30, &after));
  g_assert_cmpint (before.index, ==, after.index);
  g_assert_cmpfloat (before.area.y, ==, after.area.y);
  g_assert_cmpfloat (before.area.width, ==, after.area.width);
  sg_chart_hit_clear (&before);
  sg_chart_hit_clear (&after);
}

/* Descriptions ---------------------------------------------------------------------------- */

static void
assert_mentions (SgChart    *chart,
                 const char *first,
                 ...)
{
  g_autofree char *text = sg_chart_describe (chart);
  va_list args;

  va_start (args, first);
  for (const char *s = first; s != NULL; s = va_arg (args, const char *))
    if (strstr (text, s) == NULL)
      g_error ("“%s” does not mention “%s”", text, s);
  va_end (args);
}

static void
test_describe (void)
{
  g_autoptr(SgScatterChart) scatter = sample_scatter (3000);
  g_autoptr(SgKScanChart) scan = sample_k_scan ();
  g_autoptr(SgSilhouetteChart) silhouette = sample_silhouette ();
  g_autoptr(SgSizesChart) sizes = sample_sizes (0);
  g_autoptr(SgHeatmapChart) heatmap = sample_heatmap ();
  g_autoptr(SgSnakeChart) snake = sample_snake ();
  g_autoptr(SgBoxChart) box = sample_box ();
  g_autoptr(SgDendrogramChart) dendrogram = sample_dendrogram (24, FALSE);
  g_autoptr(SgKDistanceChart) kdist = sample_k_distance ();
  g_autoptr(SgHistogramChart) histogram = sample_histogram ();
  g_autofree char *mean = sg_chart_format_number (sg_silhouette_chart_get_mean (silhouette), 2);

  assert_mentions (SG_CHART (scatter), "3,000", "42%", "18%", "4 segments", "Total spend", NULL);
  assert_mentions (SG_CHART (scan), "k = 4", "0.52", "2 to 10", NULL);
  assert_mentions (SG_CHART (silhouette), mean, "Loyal regulars", "New customers", NULL);
  assert_mentions (SG_CHART (sizes), "5,000", "Bargain hunters 2,011 · 40%", "1,204 · 24%", NULL);
  assert_mentions (SG_CHART (heatmap), "Discount share", "Bargain hunters", "1.9 SD above", NULL);
  assert_mentions (SG_CHART (snake), "Bargain hunters", "Discount share", "1.9", NULL);
  assert_mentions (SG_CHART (box), "28 (New customers)", "160 (Loyal regulars)", NULL);
  assert_mentions (SG_CHART (dendrogram), "24", "4 segments", NULL);
  assert_mentions (SG_CHART (kdist), "3,000", "0.42", NULL);
  assert_mentions (SG_CHART (histogram), "Average basket", "4,962", "38 missing", NULL);
}

/* Empty charts draw "No data" and describe themselves; nothing crashes. */
static void
test_empty (void)
{
  SgChart *charts[] = {
    SG_CHART (sg_scatter_chart_new ()), SG_CHART (sg_k_scan_chart_new ()),
    SG_CHART (sg_silhouette_chart_new ()), SG_CHART (sg_sizes_chart_new ()),
    SG_CHART (sg_heatmap_chart_new ()), SG_CHART (sg_snake_chart_new ()),
    SG_CHART (sg_box_chart_new ()), SG_CHART (sg_dendrogram_chart_new ()),
    SG_CHART (sg_k_distance_chart_new ()), SG_CHART (sg_histogram_chart_new ()),
  };
  double nan_values[] = { NAN, NAN };

  sg_histogram_chart_set_values (SG_HISTOGRAM_CHART (charts[9]), nan_values, 2);
  for (guint i = 0; i < G_N_ELEMENTS (charts); i++)
    {
      g_autofree char *text = sg_chart_describe (charts[i]);
      SgChartHit hit;

      g_assert_nonnull (text);
      g_assert_cmpuint (strlen (text), >, 10);
      lay_out (charts[i], 300, 200);
      lay_out (charts[i], 0.5, 0.5);
      g_assert_false (sg_chart_hit_test (charts[i], 150, 100, &hit));
      g_object_unref (charts[i]);
    }
}

/* Export ---------------------------------------------------------------------------------- */

static void
check_png (const char *path,
           int         width,
           int         height)
{
  cairo_surface_t *png = cairo_image_surface_create_from_png (path);

  g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (png), ==, width);
  g_assert_cmpint (cairo_image_surface_get_height (png), ==, height);
  cairo_surface_destroy (png);
}

static void
svg_start_element (GMarkupParseContext  *context,
                   const char           *element,
                   const char          **names,
                   const char          **values,
                   gpointer              user_data,
                   GError              **error)
{
  char **root = user_data;

  if (*root == NULL)
    *root = g_strdup (element);
}

static void
check_svg (const char *path)
{
  static const GMarkupParser parser = { svg_start_element, NULL, NULL, NULL, NULL };
  g_autofree char *contents = NULL, *root = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  GMarkupParseContext *context;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_nonnull (strstr (contents, "<svg"));
  context = g_markup_parse_context_new (&parser, 0, &root, NULL);
  g_assert_true (g_markup_parse_context_parse (context, contents, length, &error));
  g_assert_true (g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);
  g_markup_parse_context_free (context);
  g_assert_cmpstr (root, ==, "svg");
}

static void
check_pdf (const char *path)
{
  g_autofree char *contents = NULL, *pdfinfo = g_find_program_in_path ("pdfinfo");
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 100);
  g_assert_true (g_str_has_prefix (contents, "%PDF"));
  if (pdfinfo != NULL)
    {
      const char *argv[] = { pdfinfo, path, NULL };
      g_autofree char *out = NULL;
      int status;

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL,
                                   NULL, &out, NULL, &status, NULL));
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      g_assert_true (g_regex_match_simple ("^Pages:\\s+1$", out, G_REGEX_MULTILINE, 0));
    }
}

static void
test_export (void)
{
  GPtrArray *samples = all_samples ();

  for (guint i = 0; i < samples->len; i++)
    {
      Sample *s = samples->pdata[i];
      g_autofree char *png = g_strdup_printf ("%s/%s.png", sg_test_tmpdir (), s->name);
      g_autofree char *png2 = g_strdup_printf ("%s/%s@2x.PNG", sg_test_tmpdir (), s->name);
      g_autofree char *svg = g_strdup_printf ("%s/%s.svg", sg_test_tmpdir (), s->name);
      g_autofree char *pdf = g_strdup_printf ("%s/%s.pdf", sg_test_tmpdir (), s->name);
      g_autoptr(GError) error = NULL;

      g_assert_true (sg_chart_export (s->chart, png, s->width, s->height, 1, FALSE, &error));
      g_assert_no_error (error);
      check_png (png, (int) s->width, (int) s->height);
      g_assert_true (sg_chart_export (s->chart, png2, s->width, s->height, 2, TRUE, &error));
      g_assert_no_error (error);
      check_png (png2, (int) s->width * 2, (int) s->height * 2);
      g_assert_true (sg_chart_export (s->chart, svg, s->width, s->height, 1, FALSE, &error));
      g_assert_no_error (error);
      check_svg (svg);
      g_assert_true (sg_chart_export_format (s->chart, pdf, SG_CHART_FORMAT_PDF, s->width, s->height,
                                             2, FALSE, &error));
      g_assert_no_error (error);
      check_pdf (pdf);
    }
  free_samples (samples);
}

static void
test_export_errors (void)
{
  g_autoptr(SgSizesChart) chart = sample_sizes (0);
  g_autofree char *bad_ext = sg_test_tmp_path ("chart.bmp");
  g_autofree char *no_dir = sg_test_tmp_path ("missing/dir/chart.png");
  g_autofree char *no_dir_pdf = sg_test_tmp_path ("missing/dir/chart.pdf");
  g_autoptr(GError) error = NULL;

  g_assert_false (sg_chart_export (SG_CHART (chart), bad_ext, 400, 300, 1, FALSE, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "chart.bmp"));
  g_clear_error (&error);
  g_assert_false (sg_chart_export (SG_CHART (chart), no_dir, 400, 300, 1, FALSE, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_IO);
  g_clear_error (&error);
  g_assert_false (sg_chart_export (SG_CHART (chart), no_dir_pdf, 400, 300, 1, FALSE, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "chart.pdf"));
  g_clear_error (&error);
  g_assert_false (sg_chart_export (SG_CHART (chart), bad_ext, 0, 300, 1, FALSE, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT);
  g_assert_false (g_file_test (bad_ext, G_FILE_TEST_EXISTS));
}

/* The density path: a dense scatter draws an image, the same image whether binned while drawing
 * or handed over from a job, and only a fitting raster counts as current. */
static void
test_dense_scatter (void)
{
  g_autoptr(SgScatterChart) chart = sample_scatter (60000);
  g_autoptr(SgDensityJob) job = NULL;
  g_autoptr(SgDensityJob) same = NULL;
  g_autoptr(SgDensityRaster) raster = NULL;
  SgViewport vp;

  g_assert_true (sg_scatter_chart_is_dense (chart));
  sg_scatter_chart_set_external_density (chart, TRUE);
  lay_out (SG_CHART (chart), 500, 400);
  g_assert_false (sg_scatter_chart_has_current_raster (chart));
  job = sg_scatter_chart_density_job_new (chart);
  same = sg_scatter_chart_density_job_new (chart);
  g_assert_nonnull (job);
  g_assert_true (sg_density_job_equal (job, same));
  raster = sg_density_job_run (job, NULL);
  g_assert_nonnull (raster);
  g_assert_cmpuint (raster->n_inside, ==, sg_scatter_chart_count_in_view (chart));
  sg_scatter_chart_set_density_raster (chart, g_steal_pointer (&raster));
  g_assert_true (sg_scatter_chart_has_current_raster (chart));
  g_assert_null (sg_scatter_chart_density_job_new (chart));

  /* Zooming makes it stale (still drawn, stretched) and asks for a new job. */
  g_assert_true (sg_chart_zoom (SG_CHART (chart), 1.5, 250, 200));
  lay_out (SG_CHART (chart), 500, 400);
  g_assert_false (sg_scatter_chart_has_current_raster (chart));
  g_clear_pointer (&same, sg_density_job_free);
  same = sg_scatter_chart_density_job_new (chart);
  g_assert_nonnull (same);
  g_assert_false (sg_density_job_equal (job, same));

  /* A raster from before a visibility change is refused. */
  raster = sg_density_job_run (same, NULL);
  sg_scatter_chart_set_segment_visible (chart, 2, FALSE);
  sg_scatter_chart_set_density_raster (chart, g_steal_pointer (&raster));
  g_assert_false (sg_scatter_chart_has_current_raster (chart));

  /* Below the threshold: marks. */
  sg_scatter_chart_get_viewport (chart, &vp);
  vp.x_max = vp.x_min + (vp.x_max - vp.x_min) / 50;
  sg_scatter_chart_set_viewport (chart, &vp);
  g_assert_false (sg_scatter_chart_is_dense (chart));
  lay_out (SG_CHART (chart), 500, 400);
  g_assert_null (sg_scatter_chart_density_job_new (chart));
}

/* Every chart in light and dark at 1× and 2×, to look at. */
static void
test_gallery (void)
{
  const char *dir = g_getenv ("SG_CHART_GALLERY");
  GPtrArray *samples;

  if (dir == NULL)
    {
      g_test_skip ("set SG_CHART_GALLERY=DIR to write the gallery");
      return;
    }
  g_mkdir_with_parents (dir, 0755);
  samples = all_samples ();
  for (guint i = 0; i < samples->len; i++)
    {
      Sample *s = samples->pdata[i];

      for (int dark = 0; dark <= 1; dark++)
        for (int scale = 1; scale <= 2; scale++)
          {
            g_autofree char *name = g_strdup_printf ("%s-%s-%dx.png", s->name, dark ? "dark" : "light", scale);
            g_autofree char *path = g_build_filename (dir, name, NULL);
            g_autoptr(GError) error = NULL;

            g_assert_true (sg_chart_export (s->chart, path, s->width, s->height, scale, dark, &error));
            g_assert_no_error (error);
          }
    }
  free_samples (samples);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/charts/ticks", test_ticks);
  g_test_add_func ("/charts/format", test_format);
  g_test_add_func ("/charts/palette", test_palette);
  g_test_add_func ("/charts/density-raster", test_density_raster);
  g_test_add_func ("/charts/density-raster/brute-force", test_density_raster_brute_force);
  g_test_add_func ("/charts/mark-image", test_mark_image);
  g_test_add_func ("/charts/hit/scatter", test_hit_scatter);
  g_test_add_func ("/charts/hit/legend", test_hit_legend);
  g_test_add_func ("/charts/hit/bars", test_hit_bars);
  g_test_add_func ("/charts/hit/heatmap", test_hit_heatmap);
  g_test_add_func ("/charts/hit/others", test_hit_others);
  g_test_add_func ("/charts/dendrogram", test_dendrogram);
  g_test_add_func ("/charts/layout-survives-export", test_layout_survives_export);
  g_test_add_func ("/charts/describe", test_describe);
  g_test_add_func ("/charts/empty", test_empty);
  g_test_add_func ("/charts/dense-scatter", test_dense_scatter);
  g_test_add_func ("/charts/export", test_export);
  g_test_add_func ("/charts/export/errors", test_export_errors);
  g_test_add_func ("/charts/gallery", test_gallery);

  status = g_test_run ();
  /* Drop Pango's font map and its fontconfig patterns, so leak checkers see only our leaks. */
  pango_cairo_font_map_set_default (NULL);
  cairo_debug_reset_static_data ();
  return status;
}
