/* responsiveness-probe.c — how long the main loop is blocked while the Segment page runs a segmentation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   responsiveness-probe PROJECT [--k N|auto] [--interact] [--json]
 *
 * Opens PROJECT in a Segmenta window, shows the Segment step on its first dataset with numbers, waits for
 * the feature advice, then starts a run through the page's own action (segment.run →
 * sg_segment_dataset_async, as a click on Find Segments does) and, until the run is over, measures:
 *  - main-loop gaps: a high-priority 1 ms timer timestamps each dispatch; a gap is the time between two
 *    dispatches, i.e. how long nothing else could run on the main thread;
 *  - frame intervals: a tick callback on the window timestamps each frame the frame clock produces.
 * With --interact, the probe also does what a user would meanwhile, every 200 ms in turn: resize the
 * window, switch to the Data step and scroll its table a page, switch back.
 * Prints the worst gap, the 99th and 99.9th percentiles and the count above 50 ms.
 */
#include "config.h"

#include <adwaita.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "sg-parallel.h"
#include "sg-segment-page.h"
#include "sg-window.h"

#define TARGET_MS 50.0

typedef struct {
  GArray  *ticks;      /* gint64 µs: timer dispatches */
  GArray  *frames;     /* gint64 µs: frame clock ticks */
  gboolean measuring;
  guint    step;
  SgWindow *window;
  SgSegmentPage *page;
  gint64   started;
  gboolean verbose;
} Probe;

static gboolean
timer_cb (gpointer data)
{
  Probe *probe = data;
  gint64 now = g_get_monotonic_time ();

  if (probe->measuring)
    {
      if (probe->verbose && probe->ticks->len > 0 &&
          now - g_array_index (probe->ticks, gint64, probe->ticks->len - 1) > 30000)
        g_printerr ("gap %.1f ms at %.2f s, status: %s\n",
                    (now - g_array_index (probe->ticks, gint64, probe->ticks->len - 1)) / 1000.0,
                    (now - probe->started) / 1e6, sg_segment_page_get_status (probe->page));
      g_array_append_val (probe->ticks, now);
    }
  return G_SOURCE_CONTINUE;
}

static gboolean
frame_cb (GtkWidget     *widget,
          GdkFrameClock *clock,
          gpointer       data)
{
  Probe *probe = data;
  gint64 now = g_get_monotonic_time ();

  if (probe->measuring)
    g_array_append_val (probe->frames, now);
  return G_SOURCE_CONTINUE;
}

/* With --verbose: how long the frame clock's layout and paint phases take (the main thread's GTK work). */
static gint64 phase_started, update_done, layout_done, paint_done;

static void
phase_begin_cb (GdkFrameClock *clock,
                gpointer       data)
{
  phase_started = update_done = layout_done = paint_done = g_get_monotonic_time ();
}

static void
update_done_cb (GdkFrameClock *clock,
                gpointer       data)
{
  update_done = g_get_monotonic_time ();
}

static void
layout_done_cb (GdkFrameClock *clock,
                gpointer       data)
{
  layout_done = g_get_monotonic_time ();
}

static void
paint_done_cb (GdkFrameClock *clock,
               gpointer       data)
{
  paint_done = g_get_monotonic_time ();
}

static void
phase_end_cb (GdkFrameClock *clock,
              gpointer       data)
{
  Probe *probe = data;
  gint64 now = g_get_monotonic_time ();
  double ms = (now - phase_started) / 1000.0;

  if (probe->measuring && ms > 20)
    g_printerr ("  slow frame: %.1f ms at %.2f s (update %.1f, layout %.1f, paint %.1f, after %.1f)\n", ms,
                (now - probe->started) / 1e6, (update_done - phase_started) / 1000.0,
                (layout_done - update_done) / 1000.0, (paint_done - layout_done) / 1000.0,
                (now - paint_done) / 1000.0);
}

static GtkWidget *
find_widget (GtkWidget *root,
             GType      type)
{
  if (g_type_is_a (G_OBJECT_TYPE (root), type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* What a user does while waiting: resize, look at the data and scroll it, come back. */
static gboolean
interact_cb (gpointer data)
{
  Probe *probe = data;
  GtkWidget *view;

  switch (probe->step++ % 4)
    {
    case 0:
      gtk_window_set_default_size (GTK_WINDOW (probe->window), 1000 + 80 * (probe->step % 3), 700);
      break;
    case 1:
      sg_window_show_step (probe->window, "data");
      break;
    case 2:
      view = find_widget (GTK_WIDGET (probe->window), GTK_TYPE_COLUMN_VIEW);
      if (view != NULL && gtk_widget_get_mapped (view))
        {
          GtkAdjustment *adj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));

          gtk_adjustment_set_value (adj, gtk_adjustment_get_value (adj) + gtk_adjustment_get_page_size (adj));
        }
      break;
    default:
      sg_window_show_step (probe->window, "segment");
      break;
    }
  return G_SOURCE_CONTINUE;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

typedef struct {
  guint  n;
  double worst, p99, p999, mean;
  guint  over;
} Gaps;

static Gaps
gaps_of (GArray *stamps)
{
  Gaps g = { 0 };
  g_autofree double *d = NULL;
  double sum = 0;

  if (stamps->len < 2)
    return g;
  g.n = stamps->len - 1;
  d = g_new (double, g.n);
  for (guint i = 0; i < g.n; i++)
    {
      d[i] = (g_array_index (stamps, gint64, i + 1) - g_array_index (stamps, gint64, i)) / 1000.0;
      sum += d[i];
      g.over += d[i] > TARGET_MS;
    }
  qsort (d, g.n, sizeof (double), compare_doubles);
  g.worst = d[g.n - 1];
  g.p99 = d[(gsize) (0.99 * (g.n - 1))];
  g.p999 = d[(gsize) (0.999 * (g.n - 1))];
  g.mean = sum / g.n;
  return g;
}

static void
wait_while (gboolean (*busy) (gpointer), gpointer data)
{
  while (busy (data))
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
advice_pending (gpointer page)
{
  return !sg_segment_page_get_advice_ready (page);
}

static gboolean
page_busy (gpointer page)
{
  return sg_segment_page_get_busy (page);
}

static void
print_gaps (const char *what,
            Gaps        g,
            gboolean    json)
{
  if (json)
    g_print ("\"%s\": {\"n\": %u, \"worst_ms\": %.2f, \"p99_ms\": %.2f, \"p999_ms\": %.2f, \"mean_ms\": %.3f, "
             "\"over_%.0f_ms\": %u}", what, g.n, g.worst, g.p99, g.p999, g.mean, TARGET_MS, g.over);
  else
    g_print ("%-16s %7u intervals  worst %7.2f ms  p99 %6.2f ms  p99.9 %6.2f ms  mean %6.3f ms  >%.0f ms: %u\n",
             what, g.n, g.worst, g.p99, g.p999, g.mean, TARGET_MS, g.over);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *k_text = NULL;
  gboolean interact = FALSE, json = FALSE, normal_priority = FALSE;
  double baseline = 0;
  Probe probe = { 0 };
  GOptionEntry entries[] = {
    { "k", 'k', 0, G_OPTION_ARG_STRING, &k_text, "Number of segments, or auto (default 8)", "N|auto" },
    { "interact", 'i', 0, G_OPTION_ARG_NONE, &interact, "Resize, switch steps and scroll the data meanwhile", NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print JSON", NULL },
    { "normal-priority", 0, 0, G_OPTION_ARG_NONE, &normal_priority, "Engine threads at normal priority (the app lowers them)", NULL },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &probe.verbose, "Say when each gap over 30 ms happened", NULL },
    { "baseline", 'b', 0, G_OPTION_ARG_DOUBLE, &baseline, "Measure this many seconds with no run instead (the machine's own noise)", "S" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("PROJECT");
  g_autoptr(GError) error = NULL;
  g_autoptr(SgProject) project = NULL;
  SgSegmentPage *page;
  SgSegmentForm form;
  gint64 started, advice_started;
  double seconds, advice_seconds;
  Gaps advice_gaps;
  guint timer, interactions = 0;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2)
    {
      g_printerr ("%s\n", error ? error->message : "usage: responsiveness-probe PROJECT");
      return 2;
    }
  /* As the app does (src/app/main.c): engine threads yield to the window. */
  sg_parallel_set_background (!normal_priority);
  if (!gtk_init_check ())
    {
      g_printerr ("No display\n");
      return 77;
    }
  adw_init ();
  project = sg_project_open (argv[1], &error);
  if (project == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  probe.ticks = g_array_new (FALSE, FALSE, sizeof (gint64));
  probe.frames = g_array_new (FALSE, FALSE, sizeof (gint64));
  probe.window = g_object_new (SG_TYPE_WINDOW, NULL);
  gtk_window_set_default_size (GTK_WINDOW (probe.window), 1180, 760);
  gtk_window_present (GTK_WINDOW (probe.window));
  sg_window_set_project (probe.window, project);
  sg_window_show_step (probe.window, "segment");
  page = SG_SEGMENT_PAGE (find_widget (GTK_WIDGET (probe.window), SG_TYPE_SEGMENT_PAGE));
  probe.page = page;
  probe.started = g_get_monotonic_time ();

  timer = g_timeout_add_full (G_PRIORITY_HIGH, 1, timer_cb, &probe, NULL);
  if (probe.verbose)
    {
      GdkFrameClock *clock;

      gtk_widget_realize (GTK_WIDGET (probe.window));
      clock = gtk_widget_get_frame_clock (GTK_WIDGET (probe.window));
      g_signal_connect (clock, "before-paint", G_CALLBACK (phase_begin_cb), &probe);
      g_signal_connect_after (clock, "update", G_CALLBACK (update_done_cb), &probe);
      g_signal_connect_after (clock, "layout", G_CALLBACK (layout_done_cb), &probe);
      g_signal_connect_after (clock, "paint", G_CALLBACK (paint_done_cb), &probe);
      g_signal_connect_after (clock, "after-paint", G_CALLBACK (phase_end_cb), &probe);
    }
  gtk_widget_add_tick_callback (GTK_WIDGET (probe.window), frame_cb, &probe, NULL);

  /* The advice reads the whole dataset on a worker thread: measured too, from the first frames on (the
   * window's own start-up, building and styling every widget, is not the advice's doing). */
  advice_started = g_get_monotonic_time ();
  while (!gtk_widget_get_mapped (GTK_WIDGET (page)) || probe.frames->len < 3)
    {
      g_main_context_iteration (NULL, TRUE);
      probe.measuring = gtk_widget_get_mapped (GTK_WIDGET (page));
    }
  g_array_set_size (probe.ticks, 0);
  probe.measuring = TRUE;
  wait_while (advice_pending, page);
  probe.measuring = FALSE;
  advice_seconds = (g_get_monotonic_time () - advice_started) / 1e6;
  advice_gaps = gaps_of (probe.ticks);
  g_array_set_size (probe.ticks, 0);
  g_array_set_size (probe.frames, 0);

  sg_segment_page_get_form (page, &form);
  form.auto_k = g_strcmp0 (k_text, "auto") == 0;
  form.k = k_text != NULL && !form.auto_k ? (guint) g_ascii_strtoull (k_text, NULL, 10) : 8;
  sg_segment_page_set_form (page, &form);

  /* Let the page settle after the change of settings: its layout is not the run's doing. */
  {
    gint64 settle = g_get_monotonic_time () + G_USEC_PER_SEC / 2;

    while (g_get_monotonic_time () < settle)
      g_main_context_iteration (NULL, TRUE);
    g_array_set_size (probe.ticks, 0);
    g_array_set_size (probe.frames, 0);
  }
  if (interact)
    interactions = g_timeout_add (200, interact_cb, &probe);
  started = probe.started = g_get_monotonic_time ();
  probe.measuring = TRUE;
  if (baseline > 0)
    {
      /* The same window and interactions, no run: what the machine does to the main loop anyway. */
      while (g_get_monotonic_time () - started < baseline * G_USEC_PER_SEC)
        g_main_context_iteration (NULL, TRUE);
    }
  else if (!gtk_widget_activate_action (GTK_WIDGET (page), "segment.run", NULL) || !sg_segment_page_get_busy (page))
    {
      g_printerr ("The run did not start: %s\n", sg_segment_page_get_status (page));
      return 1;
    }
  if (probe.verbose && baseline <= 0)
    g_printerr ("starting the run took %.1f ms on the main thread\n", (g_get_monotonic_time () - started) / 1000.0);
  wait_while (page_busy, page);
  probe.measuring = FALSE;
  seconds = (g_get_monotonic_time () - started) / 1e6;
  g_clear_handle_id (&interactions, g_source_remove);
  g_clear_handle_id (&timer, g_source_remove);

  if (json)
    {
      g_autofree char *status = g_strescape (sg_segment_page_get_status (page), NULL);

      g_print ("{\"run_seconds\": %.2f, \"advice_seconds\": %.2f, \"interact\": %s, \"baseline\": %s, "
               "\"status\": \"%s\", ", seconds, advice_seconds, interact ? "true" : "false",
               baseline > 0 ? "true" : "false", status);
      print_gaps ("main_loop", gaps_of (probe.ticks), TRUE);
      g_print (", ");
      print_gaps ("frames", gaps_of (probe.frames), TRUE);
      g_print (", ");
      print_gaps ("main_loop_advice", advice_gaps, TRUE);
      g_print ("}\n");
    }
  else
    {
      g_print ("%s: %.1f s (%s)%s\n", baseline > 0 ? "No run (baseline)" : "Run", seconds,
               baseline > 0 ? "idle" : sg_segment_page_get_status (page),
               interact ? ", resizing, switching steps and scrolling meanwhile" : "");
      print_gaps ("main loop", gaps_of (probe.ticks), FALSE);
      print_gaps ("frames", gaps_of (probe.frames), FALSE);
      g_print ("Feature advice: %.1f s on a worker thread\n", advice_seconds);
      print_gaps ("main loop", advice_gaps, FALSE);
    }

  gtk_window_destroy (GTK_WINDOW (probe.window));
  g_array_unref (probe.ticks);
  g_array_unref (probe.frames);
  return 0;
}
