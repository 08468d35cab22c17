/* sg-screenshot.c — opens a project in a Segmenta window and saves each workflow step as a PNG
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   sg-screenshot [--dark] [--size 1000x700] [--run ID] [--present] [--measure-zoom N] PROJECT OUT_DIR STEP...
 *
 * Writes OUT_DIR/STEP.png (STEP-dark.png with --dark; segments-present.png with --present) from a GTK
 * snapshot of the whole window, once the step has finished reading and computing. --measure-zoom N zooms
 * the Segments map N times and prints how long each frame took to draw, in the real window.
 * Used by data/screenshots/make-screenshots.sh; needs a display (Xvfb will do).
 */
#include "config.h"

#include <adwaita.h>
#include <stdlib.h>

#include "sg-chart-view.h"
#include "sg-scatter-chart.h"
#include "sg-segments-page.h"
#include "sg-window.h"

static gboolean
wait_until (gboolean (*condition) (gpointer),
            gpointer   data,
            double     seconds)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
  return TRUE;
}

/* Lets the main loop run for @seconds: layout, redraws, workers' results. */
static void
settle (double seconds)
{
  gint64 until = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);

  while (g_get_monotonic_time () < until)
    {
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      g_usleep (5000);
    }
}

static gboolean
has_project_cb (gpointer data)
{
  return sg_window_has_project (data);
}

static GtkWidget *
find_widget (GtkWidget *root,
             GType      type)
{
  if (g_type_is_a (G_OBJECT_TYPE (root), type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
segments_ready_cb (gpointer data)
{
  SgSegmentsPage *page = data;
  SgSession *session = sg_segments_page_get_session (page);

  return session == NULL || sg_session_get_run_id (session) == 0 ||
         (sg_segments_page_get_shown_run (page) == sg_session_get_run_id (session) && !sg_segments_page_is_busy (page));
}

static gboolean
save_window (GtkWidget  *window,
             const char *path)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (window), height = gtk_widget_get_height (window);
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return FALSE;
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  return gdk_texture_save_to_png (texture, path);
}

/* ---- timing the map's frames ---- */

typedef struct {
  gint64  started;
  GArray *times;   /* double, ms */
  gboolean painted;
} FrameTiming;

static void
after_paint_cb (GdkFrameClock *clock,
                FrameTiming   *timing)
{
  if (timing->started == 0)
    return;
  g_array_append_vals (timing->times, (double[]) { (g_get_monotonic_time () - timing->started) / 1000.0 }, 1);
  timing->started = 0;
  timing->painted = TRUE;
}

static gboolean
painted_cb (gpointer data)
{
  return ((FrameTiming *) data)->painted;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
measure_zoom (GtkWidget *window,
              GtkWidget *page,
              guint      steps)
{
  GtkWidget *view = find_widget (page, SG_TYPE_CHART_VIEW);
  SgChart *chart = view != NULL ? sg_chart_view_get_chart (SG_CHART_VIEW (view)) : NULL;
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);
  FrameTiming timing = { 0, g_array_new (FALSE, FALSE, sizeof (double)), FALSE };
  gulong handler;
  double *t;

  if (!SG_IS_SCATTER_CHART (chart))
    {
      g_printerr ("No map to zoom\n");
      return;
    }
  /* The map on screen, as a user zooming it sees it. */
  {
    GtkWidget *scrolled = gtk_widget_get_ancestor (view, GTK_TYPE_SCROLLED_WINDOW);
    graphene_point_t top;

    if (scrolled != NULL &&
        gtk_widget_compute_point (view, gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)),
                                  &GRAPHENE_POINT_INIT (0, 0), &top))
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)), top.y - 12);
    settle (1.0);
  }
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &timing);
  for (guint i = 0; i < steps; i++)
    {
      timing.painted = FALSE;
      timing.started = g_get_monotonic_time ();
      sg_chart_view_zoom (SG_CHART_VIEW (view), i < steps / 2 ? 1.15 : 1 / 1.15);
      wait_until (painted_cb, &timing, 10);
      /* As a wheel would: the next step once this one is on screen and the density image arrived. */
      settle (0.3);
    }
  g_signal_handler_disconnect (clock, handler);
  /* Where a step's time goes: the map's drawing on the main thread (stretching the last density image),
   * and binning the points for the new view in the worker. */
  {
    int w = gtk_widget_get_width (view), h = gtk_widget_get_height (view);
    g_autoptr(GArray) draw_ms = g_array_new (FALSE, FALSE, sizeof (double));
    g_autoptr(GArray) bin_ms = g_array_new (FALSE, FALSE, sizeof (double));

    for (guint i = 0; i < steps; i++)
      {
        cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
        cairo_t *cr = cairo_create (surface);
        SgChartStyle style;
        g_autoptr(SgDensityJob) job = NULL;
        gint64 t0;

        sg_chart_style_init (&style, FALSE);
        style.fill_background = FALSE;
        sg_chart_zoom (chart, i < steps / 2 ? 1.15 : 1 / 1.15, w / 2.0, h / 2.0);
        t0 = g_get_monotonic_time ();
        sg_chart_draw (chart, cr, &style, w, h);
        cairo_surface_flush (surface);
        g_array_append_vals (draw_ms, (double[]) { (g_get_monotonic_time () - t0) / 1000.0 }, 1);
        cairo_destroy (cr);
        cairo_surface_destroy (surface);
        job = sg_scatter_chart_density_job_new (SG_SCATTER_CHART (chart));
        if (job != NULL)
          {
            SgDensityRaster *raster;

            t0 = g_get_monotonic_time ();
            raster = sg_density_job_run (job, NULL);
            g_array_append_vals (bin_ms, (double[]) { (g_get_monotonic_time () - t0) / 1000.0 }, 1);
            sg_scatter_chart_set_density_raster (SG_SCATTER_CHART (chart), raster);
          }
      }
    g_array_sort (draw_ms, compare_double);
    g_array_sort (bin_ms, compare_double);
    g_print ("map drawing on the main thread: median %.1f ms; density image in the worker: median %.1f ms (%u)\n",
             ((double *) draw_ms->data)[draw_ms->len / 2],
             bin_ms->len > 0 ? ((double *) bin_ms->data)[bin_ms->len / 2] : 0.0, bin_ms->len);
  }
  g_array_sort (timing.times, compare_double);
  t = (double *) timing.times->data;
  if (timing.times->len > 0)
    g_print ("map of %" G_GSIZE_FORMAT " points, %s: %u zoom steps, frame time median %.1f ms, min %.1f, max %.1f "
             "(dense: %s)\n",
             sg_scatter_chart_get_n_points (SG_SCATTER_CHART (chart)), G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (window))),
             timing.times->len, t[timing.times->len / 2], t[0], t[timing.times->len - 1],
             sg_scatter_chart_is_dense (SG_SCATTER_CHART (chart)) ? "yes" : "no");
  g_array_unref (timing.times);
}

int
main (int    argc,
      char **argv)
{
  gboolean dark = FALSE, present = FALSE;
  char *size = NULL;
  int measure = 0;
  gint64 run_id = 0;
  GOptionEntry entries[] = {
    { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, "Dark style", NULL },
    { "size", 0, 0, G_OPTION_ARG_STRING, &size, "Window size (default 1000x700)", "WxH" },
    { "present", 0, 0, G_OPTION_ARG_NONE, &present, "Also shoot the Segments step in presentation mode", NULL },
    { "measure-zoom", 0, 0, G_OPTION_ARG_INT, &measure, "Time N zoom steps of the Segments map", "N" },
    { "run", 0, 0, G_OPTION_ARG_INT64, &run_id, "Show this run (default: the newest)", "ID" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("PROJECT OUT_DIR STEP...");
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(AdwApplication) app = NULL;
  int width = 1000, height = 700;
  SgWindow *window;

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc < 4)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "Usage: sg-screenshot [OPTION…] PROJECT OUT_DIR STEP...");
      return 2;
    }
  if (size != NULL && sscanf (size, "%dx%d", &width, &height) != 2)
    return 2;
  if (!gtk_init_check ())
    {
      g_printerr ("No display\n");
      return 77;
    }
  /* An application for the app's resources: its style sheet and icons. */
  app = g_object_new (ADW_TYPE_APPLICATION, "application-id", "io.github.segmenta.Segmenta.Screenshots",
                      "flags", G_APPLICATION_NON_UNIQUE, "resource-base-path", "/io/github/segmenta/Segmenta",
                      NULL);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);

  window = g_object_new (SG_TYPE_WINDOW, "application", app, "default-width", width, "default-height", height, NULL);
  gtk_window_unmaximize (GTK_WINDOW (window));
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  file = g_file_new_for_commandline_arg (argv[1]);
  sg_window_open_project (window, file);
  if (!wait_until (has_project_cb, window, 60))
    {
      g_printerr ("Could not open %s\n", argv[1]);
      return 1;
    }
  if (run_id > 0)
    sg_session_set_run_id (sg_window_get_session (window), run_id);
  for (int i = 3; i < argc; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s%s.png", argv[i], dark ? "-dark" : "");
      g_autofree char *path = g_build_filename (argv[2], name, NULL);
      GtkWidget *page = find_widget (GTK_WIDGET (window), SG_TYPE_SEGMENTS_PAGE);
      /* "segment-detail": the Segments step showing its first segment's details */
      gboolean detail = g_str_equal (argv[i], "segment-detail");

      sg_window_show_step (window, detail ? "segments" : argv[i]);
      settle (0.5);
      if ((detail || g_str_equal (argv[i], "segments")) && page != NULL)
        wait_until (segments_ready_cb, page, 300);
      if (detail && page != NULL)
        sg_segments_page_show_segment (SG_SEGMENTS_PAGE (page), 0);
      settle (1.0);
      if (!save_window (GTK_WIDGET (window), path))
        {
          g_printerr ("Could not save %s\n", path);
          return 1;
        }
      g_print ("%s\n", path);
      if (g_str_equal (argv[i], "segments") && page != NULL && measure > 0)
        {
          g_autofree char *zoomed = g_build_filename (argv[2], "segments-zoomed.png", NULL);

          measure_zoom (GTK_WIDGET (window), page, (guint) measure);
          save_window (GTK_WIDGET (window), zoomed);
        }
      if (g_str_equal (argv[i], "segments") && page != NULL && present)
        {
          g_autofree char *present_name = g_strdup_printf ("segments-present%s.png", dark ? "-dark" : "");
          g_autofree char *present_path = g_build_filename (argv[2], present_name, NULL);
          GtkWindow *presentation;

          sg_segments_page_set_presenting (SG_SEGMENTS_PAGE (page), TRUE);
          settle (2.0);
          presentation = sg_segments_page_get_presentation_window (SG_SEGMENTS_PAGE (page));
          if (presentation == NULL || !save_window (GTK_WIDGET (presentation), present_path))
            {
              g_printerr ("Could not save %s\n", present_path);
              return 1;
            }
          g_print ("%s (%dx%d)\n", present_path, gtk_widget_get_width (GTK_WIDGET (presentation)),
                   gtk_widget_get_height (GTK_WIDGET (presentation)));
          sg_segments_page_set_presenting (SG_SEGMENTS_PAGE (page), FALSE);
          settle (0.5);
        }
    }
  gtk_window_destroy (GTK_WINDOW (window));
  settle (0.2);
  return 0;
}
