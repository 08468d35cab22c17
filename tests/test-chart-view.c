/* test-chart-view.c — SgChartView in a real window (run under Xvfb)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "SegmentaTest"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "sg-chart-view.h"
#include "sg-dendrogram-chart.h"
#include "sg-scatter-chart.h"
#include "sg-sizes-chart.h"
#include "sg-test-util.h"

static SgScatterChart *
make_scatter (gsize n)
{
  static const char *const names[] = { "Loyal", "Bargain", "New", NULL };
  g_autofree float *x = g_new (float, n), *y = g_new (float, n);
  g_autofree gint32 *s = g_new (gint32, n);
  SgScatterChart *chart = sg_scatter_chart_new ();

  for (gsize i = 0; i < n; i++)
    {
      double a = i * 2.399963, r = sqrt ((double) i / n) * 3;

      x[i] = (float) (r * cos (a) + (i % 3) * 2);
      y[i] = (float) (r * sin (a));
      s[i] = (gint32) (i % 3);
    }
  sg_scatter_chart_set_data (chart, x, y, s, n, 3, names);
  sg_scatter_chart_set_axes (chart, "PC1", 0.5, "PC2", 0.2);
  return chart;
}

static GtkWidget *
show_in_window (GtkWidget *view)
{
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), 640, 420);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (view);
  return window;
}

/* Runs the main loop until @done says so, for at most @max_iterations (no timing). */
static void
iterate_until (gboolean (*done) (gpointer), gpointer data, guint max_iterations)
{
  for (guint i = 0; i < max_iterations && !done (data); i++)
    g_main_context_iteration (NULL, FALSE), g_usleep (1000);
}

static gboolean
has_raster (gpointer data)
{
  return sg_scatter_chart_has_current_raster (data);
}

static void
test_scatter_view (void)
{
  g_autoptr(SgScatterChart) chart = make_scatter (2000);
  GtkWidget *view = sg_chart_view_new (SG_CHART (chart));
  GtkWidget *window = show_in_window (view);
  g_autofree char *expected = sg_chart_describe (SG_CHART (chart));
  g_autofree char *path = sg_test_tmp_path ("view.png");
  cairo_surface_t *png;
  SgViewport before, after;

  g_assert_true (gtk_widget_get_realized (view));
  g_assert_true (sg_chart_view_get_chart (SG_CHART_VIEW (view)) == SG_CHART (chart));
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_ROLE_IMG);
  g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (view),
                                                   GTK_ACCESSIBLE_PROPERTY_DESCRIPTION));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       expected);
  g_assert_nonnull (strstr (expected, "2,000"));

  /* Zoom through the API: the viewport halves about its centre; reset restores it. */
  sg_scatter_chart_get_viewport (chart, &before);
  g_assert_true (sg_chart_view_zoom (SG_CHART_VIEW (view), 2.0));
  sg_scatter_chart_get_viewport (chart, &after);
  g_assert_cmpfloat_with_epsilon (after.x_max - after.x_min, (before.x_max - before.x_min) / 2, 1e-9);
  g_assert_cmpfloat_with_epsilon (after.y_max - after.y_min, (before.y_max - before.y_min) / 2, 1e-9);
  gtk_widget_activate_action (view, "chart.reset-zoom", NULL);
  sg_scatter_chart_get_viewport (chart, &after);
  g_assert_cmpfloat (after.x_min, ==, before.x_min);

  /* Export through the widget's action: a 2× PNG of the view. */
  g_assert_true (gtk_widget_activate_action (view, "chart.export-file", "s", path));
  png = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (png), ==, 2 * MAX (gtk_widget_get_width (view), 480));
  g_assert_cmpint (cairo_image_surface_get_height (png), ==, 2 * MAX (gtk_widget_get_height (view), 320));
  cairo_surface_destroy (png);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A dense scatter gets its density image from the worker, and again after a zoom. */
static void
test_dense_view (void)
{
  g_autoptr(SgScatterChart) chart = make_scatter (80000);
  GtkWidget *view = sg_chart_view_new (SG_CHART (chart));
  GtkWidget *window = show_in_window (view);

  g_assert_true (sg_scatter_chart_is_dense (chart));
  iterate_until (has_raster, chart, 5000);
  g_assert_true (sg_scatter_chart_has_current_raster (chart));

  g_assert_true (sg_chart_view_zoom (SG_CHART_VIEW (view), 1.25));
  gtk_test_widget_wait_for_draw (view);
  iterate_until (has_raster, chart, 5000);
  g_assert_true (sg_scatter_chart_has_current_raster (chart));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Changing the chart updates the description; a chart without a viewport cannot zoom. */
static void
test_set_chart (void)
{
  static const guint64 counts[] = { 10, 30 };
  g_autoptr(SgSizesChart) sizes = sg_sizes_chart_new ();
  GtkWidget *view = sg_chart_view_new (NULL);
  GtkWidget *window = show_in_window (view);
  g_autofree char *expected = NULL;

  sg_sizes_chart_set_data (sizes, counts, 2, NULL, 0);
  sg_chart_view_set_chart (SG_CHART_VIEW (view), SG_CHART (sizes));
  expected = sg_chart_describe (SG_CHART (sizes));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       expected);
  g_assert_false (sg_chart_view_zoom (SG_CHART_VIEW (view), 2.0));
  gtk_test_widget_wait_for_draw (view);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/chart-view/scatter", test_scatter_view);
  g_test_add_func ("/chart-view/dense", test_dense_view);
  g_test_add_func ("/chart-view/set-chart", test_set_chart);

  return g_test_run ();
}
