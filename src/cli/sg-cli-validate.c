/* sg-cli-validate.c — segmenta-cli validate: can a run's segments be trusted?
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "sg-cli.h"
#include "sg-error.h"
#include "sg-run-report.h"

#define DEFAULT_BOOTSTRAP 20
#define NAME_WIDTH 28

/* "50" (customers) or "2.5%" (of the run); FALSE for anything else. */
static gboolean
parse_min_size (const char *text,
                double     *share,
                guint64    *count)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  gsize len = strlen (copy);
  char *end = NULL;

  if (len > 1 && copy[len - 1] == '%')
    {
      double percent;

      copy[len - 1] = '\0';
      percent = g_ascii_strtod (copy, &end);
      if (end == copy || *end != '\0' || !isfinite (percent) || percent < 0 || percent >= 100)
        return FALSE;
      *share = percent / 100.0;
      *count = 0;
      return TRUE;
    }
  if (!g_ascii_string_to_unsigned (copy, 10, 0, G_MAXUINT64, count, NULL))
    return FALSE;
  *share = 0;   /* a count replaces the default minimum share */
  return TRUE;
}

/* Two decimals without a minus sign on a value that rounds to zero. */
static double
tidy (double value)
{
  return fabs (value) < 0.005 ? 0.0 : value;
}

static char *
segment_label (const SgRunReport *r,
               guint              s)
{
  g_autofree char *label = g_strdup_printf ("%u · %s", s + 1, r->report->name_strv[s]);
  g_autofree char *start = NULL;

  if (g_utf8_strlen (label, -1) <= NAME_WIDTH)
    return g_steal_pointer (&label);
  start = g_utf8_substring (label, 0, NAME_WIDTH - 1);
  return g_strconcat (start, "…", NULL);
}

/* Pads @text to @width characters (not bytes). */
static void
print_padded (const char *text,
              guint       width)
{
  glong len = g_utf8_strlen (text, -1);

  g_print ("%s", text);
  for (glong i = len; i < (glong) width; i++)
    g_print (" ");
}

static void
print_stability (const SgRunReport *r)
{
  const SgBootstrapResult *b = r->report->stability;
  guint unstable = 0;

  if (b == NULL)
    {
      g_print ("%s\n\n", _("Stability: not checked (use --bootstrap N)."));
      return;
    }
  g_print (_("Stability: %u resamples of the customers, each segmented again as the run was; a segment "
             "found again with a mean Jaccard similarity below %.2f is unstable.\n"), b->n_boot, b->unstable_below);
  for (guint s = 0; s < b->k; s++)
    {
      g_autofree char *label = segment_label (r, s);

      g_print ("  ");
      print_padded (label, NAME_WIDTH + 2);
      g_print (_("%.2f  %-8s  found again in %u of %u, dissolved in %u\n"), b->mean_jaccard[s],
               b->unstable[s] ? _("UNSTABLE") : _("stable"), b->n_recovered[s], b->n_valid[s], b->n_dissolved[s]);
      unstable += b->unstable[s];
    }
  if (unstable > 0)
    g_print (ngettext ("  %u segment is unstable: do not build a campaign on it before re-segmenting "
                                "(other features, fewer segments).\n",
                          "  %u segments are unstable: do not build campaigns on them before re-segmenting "
                          "(other features, fewer segments).\n", unstable), unstable);
  g_print ("\n");
}

static void
print_time (const SgRunReport *r)
{
  const SgRunTimeStability *t = &r->time;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GDateTime) earlier = NULL;
  g_autoptr(GDateTime) later = NULL;
  g_autofree char *e = NULL;
  g_autofree char *l = NULL;

  if (!t->computed)
    return;
  earlier = g_date_time_new_from_unix_utc ((gint64) floor (t->earlier_reference));
  later = g_date_time_new_from_unix_utc ((gint64) floor (t->later_reference));
  e = earlier ? g_date_time_format (earlier, "%Y-%m-%d") : g_strdup ("?");
  l = later ? g_date_time_format (later, "%Y-%m-%d") : g_strdup ("?");
  g_print (_("Stability over time: features derived again as of %s (%zu customers) and as of %s "
             "(%zu customers), each segmented as the run was; %zu customers are in both.\n"), e, t->n_earlier, l, t->n_later, t->result.n_common);
  g_print (_("  Adjusted Rand index %.2f, normalised mutual information %.2f\n"), tidy (t->result.ari), tidy (t->result.nmi));
  g_print ("  %s\n\n", t->result.verdict);
}

static void
print_comparison (const SgRunReport *r)
{
  const SgComparison *c = r->report->comparison;

  if (c == NULL)
    return;
  g_print (_("Comparison with “%s” (%" PRIu64 " customers in both): adjusted Rand index %.2f, "
             "normalised mutual information %.2f\n"), c->old_column, c->n, tidy (c->ari), tidy (c->nmi));
  /* old groups as rows, AI segments as columns (there are few of those) */
  g_print ("  ");
  print_padded ("", NAME_WIDTH + 2);
  for (guint s = 0; s < c->k; s++)
    {
      g_autofree char *head = g_strdup_printf ("S%u", s + 1);

      g_print ("%8s", head);
    }
  g_print ("\n");
  for (guint g = 0; g < c->n_old; g++)
    {
      g_autofree char *level = g_utf8_strlen (c->old_levels[g], -1) > NAME_WIDTH
                               ? g_strconcat (g_utf8_substring (c->old_levels[g], 0, NAME_WIDTH - 1), "…", NULL)
                               : g_strdup (c->old_levels[g]);

      g_print ("  ");
      print_padded (level, NAME_WIDTH + 2);
      for (guint s = 0; s < c->k; s++)
        g_print ("%8" G_GUINT64_FORMAT, c->table[(gsize) s * c->n_old + g]);
      g_print ("\n");
    }
  for (guint s = 0; s < c->k; s++)
    g_print ("  S%u = %s\n", s + 1, r->report->name_strv[s]);
  if (c->n_splits > 0)
    {
      g_print ("  %s\n", _("The old scheme mixes AI segments:"));
      for (guint i = 0; i < c->n_splits; i++)
        g_print ("    • %s\n", c->splits[i].sentence);
    }
  if (c->n_pools > 0)
    {
      g_print ("  %s\n", _("AI segments that pool several old groups:"));
      for (guint i = 0; i < c->n_pools; i++)
        g_print ("    • %s\n", c->pools[i].sentence);
    }
  g_print ("\n");
}

static void
print_warnings (const SgRunReport *r)
{
  GPtrArray *warnings = r->report->warnings;

  if (warnings->len == 0)
    {
      g_print ("%s\n", _("Warnings: none."));
      return;
    }
  g_print ("%s\n", _("Warnings:"));
  for (guint i = 0; i < warnings->len; i++)
    {
      const SgWarning *w = g_ptr_array_index (warnings, i);

      g_print ("  ! [%s] %s\n", sg_severity_to_string (w->severity), w->message);
      g_print (_("    What to do: %s\n"), w->advice);
    }
}

static void
print_report (const SgRunReport *r)
{
  g_print (_("Validation of run %" PRId64 " “%s” on “%s”: %u segments, %" PRIu64
             " customers (seed %" PRIu64 ")\n\n"), r->run_id, r->run->name, r->dataset_name, r->k,
           r->report->profile->n_rows, r->seed);
  print_stability (r);
  print_time (r);
  print_comparison (r);
  print_warnings (r);
}

int
sg_cli_validate (int    argc,
                 char **argv)
{
  g_autofree char *run_arg = NULL;
  g_autofree char *compare = NULL;
  g_autofree char *min_size = NULL;
  g_autofree char *seed = NULL;
  int n_boot = DEFAULT_BOOTSTRAP;
  int threads = 0;
  gboolean time = FALSE, json = FALSE;
  GOptionEntry entries[] = {
    { "run", 'r', 0, G_OPTION_ARG_STRING, &run_arg, N_("The run (its id or name)"), N_("RUN") },
    { "bootstrap", 'b', 0, G_OPTION_ARG_INT, &n_boot,
      N_("Resamples for the stability check (default 20; 0: skip it)"), N_("N") },
    { "compare", 'c', 0, G_OPTION_ARG_STRING, &compare,
      N_("Compare with an existing segmentation: a column of the dataset (e.g. rfm_segment)"), N_("COLUMN") },
    { "time", 't', 0, G_OPTION_ARG_NONE, &time,
      N_("Stability over time (datasets derived from transactions)"), NULL },
    { "min-size", 0, 0, G_OPTION_ARG_STRING, &min_size,
      N_("Warn about segments smaller than N customers or P% of them"), N_("N|P%") },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed, N_("Seed of the resampling (default: the run’s)"), N_("S") },
    { "threads", 0, 0, G_OPTION_ARG_INT, &threads, N_("Threads (default: all cores)"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the full report as JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    sg_cli_context_new ("PROJECT", _("Check whether a run’s segments can be trusted: stability, stability over "
                                     "time, agreement with an existing segmentation, warnings. The results are "
                                     "stored with the run."), entries);
  g_autoptr(SgProject) project = NULL;
  g_autoptr(SgRunInfo) run = NULL;
  g_autoptr(SgRunReport) report = NULL;
  g_autoptr(GError) error = NULL;
  SgRunValidateOptions options;
  SgProgress progress = sg_progress_init (sg_cli_progress, NULL, NULL);
  int status = SG_CLI_EXIT_USAGE;

  sg_run_validate_options_init (&options);
  if (!sg_cli_parse (context, &argc, &argv) || !sg_cli_expect_args (argc, 1, "validate PROJECT --run R"))
    goto out;
  if (run_arg == NULL)
    {
      g_printerr ("segmenta-cli: %s\n", _("--run is required (see --help)"));
      goto out;
    }
  if (n_boot < 0 || threads < 0)
    {
      g_printerr ("segmenta-cli: %s\n", _("--bootstrap and --threads cannot be negative (see --help)"));
      goto out;
    }
  if (min_size != NULL && !parse_min_size (min_size, &options.min_share, &options.min_count))
    {
      g_printerr ("segmenta-cli: %s\n", _("--min-size takes a number of customers (50) or a percentage (2%)"));
      goto out;
    }
  if (seed != NULL)
    {
      if (!g_ascii_string_to_unsigned (seed, 10, 0, G_MAXUINT64, &options.seed, NULL))
        {
          g_printerr ("segmenta-cli: %s\n", _("--seed takes a whole number (see --help)"));
          goto out;
        }
      options.seed_set = TRUE;
    }
  options.n_boot = (guint) n_boot;
  options.time = time;
  options.compare_column = g_steal_pointer (&compare);
  options.n_threads = (guint) threads;

  status = SG_CLI_EXIT_FAILURE;
  project = sg_cli_open_project (argv[1]);
  if (project == NULL)
    goto out;
  run = sg_project_find_run (project, run_arg, &error);
  if (run == NULL)
    {
      status = sg_cli_fail (error);
      goto out;
    }
  report = sg_run_report_compute (project, run->id, &options, &progress, &error);
  sg_cli_progress (1.0, NULL, NULL);
  if (report == NULL)
    {
      status = sg_cli_fail (error);
      goto out;
    }
  if (json)
    {
      g_autoptr(JsonNode) node = sg_run_report_to_json (report);

      sg_cli_print_json (node);
    }
  else
    print_report (report);
  status = 0;

out:
  sg_run_validate_options_clear (&options);
  return status;
}
