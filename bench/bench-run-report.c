/* bench-run-report.c — what the automatic profile step adds to a run, and what validation costs
 *
 *   bench-run-report PROJECT DATASET FEATURES K [BOOT]
 *
 * Runs k-means (seed 0) on DATASET's comma-separated FEATURES and stores the run as
 * `segmenta-cli segment` does, noting when the automatic report step (sg-run-report.h) starts; then
 * times sg_run_report_refresh() alone on the stored run, and sg_run_report_compute() with BOOT
 * bootstrap replicates (default 0: skipped). Prints one JSON line.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <time.h>
#include <string.h>

#include "sg-run-report.h"
#include "sg-segmenter.h"

typedef struct {
  gint64 started;
  gint64 report_started;
} Clock;

static void
on_progress (double      fraction,
             const char *message,
             gpointer    user_data)
{
  Clock *clock = user_data;

  if (clock->report_started == 0 && g_strcmp0 (message, "Describing the segments") == 0)
    clock->report_started = g_get_monotonic_time ();
}

static double
cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static double
seconds_since (gint64 t)
{
  return (g_get_monotonic_time () - t) / 1e6;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SgProject) project = NULL;
  g_autoptr(SgDatasetInfo) dataset = NULL;
  g_autoptr(SgRunOutcome) outcome = NULL;
  g_autoptr(SgRunReport) report = NULL;
  g_auto(SgRunSettings) settings;
  SgRunValidateOptions options;
  Clock clock = { 0 };
  SgProgress progress = sg_progress_init (on_progress, &clock, NULL);
  double run_s, report_in_run_s, refresh_s, validate_s = 0, cpu, refresh_cpu_s, validate_cpu_s = 0;
  gint64 t;

  if (argc < 5)
    {
      g_printerr ("usage: bench-run-report PROJECT DATASET FEATURES K [BOOT]\n");
      return 2;
    }
  setlocale (LC_ALL, "C");
  project = sg_project_open (argv[1], &error);
  if (project != NULL)
    dataset = sg_project_find_dataset (project, argv[2], &error);
  if (dataset == NULL)
    {
      g_printerr ("bench-run-report: %s\n", error->message);
      return 1;
    }
  sg_run_settings_init (&settings);
  settings.dataset_id = dataset->id;
  settings.features = g_strsplit (argv[3], ",", -1);
  settings.k = (guint) atoi (argv[4]);

  clock.started = g_get_monotonic_time ();
  outcome = sg_segment_dataset (project, &settings, &progress, &error);
  run_s = seconds_since (clock.started);
  if (outcome == NULL)
    {
      g_printerr ("bench-run-report: %s\n", error->message);
      return 1;
    }
  report_in_run_s = clock.report_started ? (clock.started + run_s * 1e6 - clock.report_started) / 1e6 : 0;

  t = g_get_monotonic_time ();
  cpu = cpu_seconds ();
  if (!sg_run_report_refresh (project, outcome->run_id, NULL, &error))
    {
      g_printerr ("bench-run-report: %s\n", error->message);
      return 1;
    }
  refresh_s = seconds_since (t);
  refresh_cpu_s = cpu_seconds () - cpu;

  if (argc > 5 && atoi (argv[5]) > 0)
    {
      sg_run_validate_options_init (&options);
      options.n_boot = (guint) atoi (argv[5]);
      t = g_get_monotonic_time ();
      cpu = cpu_seconds ();
      report = sg_run_report_compute (project, outcome->run_id, &options, NULL, &error);
      validate_s = seconds_since (t);
      validate_cpu_s = cpu_seconds () - cpu;
      if (report == NULL)
        {
          g_printerr ("bench-run-report: %s\n", error->message);
          return 1;
        }
    }
  g_print ("{\"rows\": %" G_GSIZE_FORMAT ", \"k\": %u, \"run_s\": %.3f, \"report_step_in_run_s\": %.3f, "
           "\"refresh_s\": %.3f, \"refresh_cpu_s\": %.3f, \"validate_s\": %.3f, \"validate_cpu_s\": %.3f}\n",
           outcome->n_rows, outcome->k, run_s, report_in_run_s, refresh_s, refresh_cpu_s, validate_s, validate_cpu_s);
  return 0;
}
