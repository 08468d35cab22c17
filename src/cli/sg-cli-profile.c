/* sg-cli-profile.c — segmenta-cli profile: who is in each segment of a run, in plain words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>

#include <math.h>
#include <glib/gi18n.h>

#include "sg-cli.h"
#include "sg-error.h"
#include "sg-run-report.h"

#define MAX_LEVELS_SHOWN 5

/* "Holm-corrected"…: the correction as people write it. */
static const char *
correction_name (SgPAdjust method)
{
  switch (method)
    {
    case SG_P_ADJUST_HOLM: return _("Holm-corrected");
    case SG_P_ADJUST_BONFERRONI: return _("Bonferroni-corrected");
    case SG_P_ADJUST_NONE:
    default: return _("uncorrected");
    }
}

static char *
format_p (double p)
{
  if (!isfinite (p))
    return g_strdup ("–");
  if (p < 0.001)
    return g_strdup ("p < 0.001");
  return g_strdup_printf ("p = %.3f", p);
}

static void
print_levels (const SgProfile *profile,
              guint            s)
{
  if (profile->n_categorical == 0)
    return;
  g_print ("  %s\n", _("By category (share in the segment, × the average customer):"));
  for (guint f = 0; f < profile->n_categorical; f++)
    {
      const SgCategoricalProfile *feature = &profile->categorical[f];
      g_autoptr(GString) line = g_string_new (NULL);

      for (guint l = 0; l < feature->n_levels && l < MAX_LEVELS_SHOWN; l++)
        {
          const SgLevelProfile *level = &feature->levels[l];

          g_string_append_printf (line, "%s%s %.0f%% (×%.2f)", l > 0 ? ", " : "", level->level,
                                  100.0 * level->shares[s], isfinite (level->lifts[s]) ? level->lifts[s] : 0.0);
        }
      if (feature->n_levels > MAX_LEVELS_SHOWN)
        g_string_append (line, ", …");
      g_print ("    %s: %s%s\n", feature->name, line->str,
               feature->separates ? "" : _(" — not significantly different between segments"));
    }
}

static void
print_rules (const SgSegmentReport *report,
             guint                  s)
{
  if (report->cart == NULL)
    return;
  g_print ("  %s\n", _("Rules that describe it (decision tree):"));
  if (report->cart->n_rules[s] == 0)
    g_print ("    %s\n", _("No simple rule singles this segment out."));
  for (guint j = 0; j < report->cart->n_rules[s]; j++)
    {
      const SgCartRule *rule = &report->cart->rules[s][j];

      g_print (_("    • %s → covers %.0f%% of the segment, %.0f%% precise (%" PRIu64 " of %"
                 PRIu64 " customers matching the rule are in it)\n"),
               rule->condition, 100.0 * rule->coverage, 100.0 * rule->precision, rule->n_segment, rule->n_leaf);
    }
}

static void
print_significance (const SgProfile *profile,
                    guint            s)
{
  g_autoptr(GString) yes = g_string_new (NULL);
  g_autoptr(GString) no = g_string_new (NULL);

  for (guint f = 0; f < profile->n_numeric; f++)
    {
      const SgNumericProfile *feature = &profile->numeric[f];
      const SgNumericSegmentStats *st = &feature->segments[s];
      g_autofree char *p = format_p (st->p_vs_rest_adjusted);

      if (isfinite (st->p_vs_rest_adjusted) && st->p_vs_rest_adjusted < profile->alpha)
        g_string_append_printf (yes, "%s%s (d = %+.2f, %s)", yes->len ? ", " : "", feature->name, st->cohens_d, p);
      else
        g_string_append_printf (no, "%s%s", no->len ? ", " : "", feature->name);
    }
  if (yes->len > 0)
    g_print (_("  Significantly different from the rest (Welch’s t test, %s): %s\n"),
             correction_name (profile->correction), yes->str);
  if (no->len > 0)
    g_print (_("  Not significantly different on: %s\n"), no->str);
  if (!profile->segments[s].distinct)
    g_print ("  %s\n", _("No clustering feature sets this segment clearly apart: it looks like the average "
                         "customer."));
}

static void
print_segment (const SgRunReport *r,
               guint              s)
{
  const SgSegmentReport *report = r->report;
  const SgProfile *profile = report->profile;
  const SgSegmentProfile *segment = &profile->segments[s];
  const SgSegmentName *name = &report->names->names[s];

  g_print (_("Segment %u · %s — %" PRIu64 " customers (%.1f%%)\n"), s + 1, name->name, segment->size,
           100.0 * segment->share);
  if (name->user_edited)
    g_print ("  %s\n", _("Named by you."));
  else
    g_print (_("  Named by rule “%s”: %s\n"), name->rule_id, name->rule_text);
  if (segment->n_distinctive > 0)
    {
      g_print ("  %s\n", _("What sets it apart:"));
      for (guint i = 0; i < segment->n_distinctive; i++)
        g_print ("    • %s\n", segment->distinctive[i].sentence);
    }
  print_levels (profile, s);
  print_rules (report, s);
  print_significance (profile, s);
  g_print ("\n");
}

static void
print_run (const SgRunReport *r,
           gint               only)
{
  const SgSegmentReport *report = r->report;
  const SgProfile *profile = report->profile;
  g_autoptr(GString) separate = g_string_new (NULL);
  g_autoptr(GString) weak = g_string_new (NULL);

  g_print (_("Run %" PRId64 " “%s” on “%s”: %u segments, %" PRIu64 " customers"), r->run_id,
           r->run->name, r->dataset_name, r->k, profile->n_rows);
  if (profile->n_noise > 0)
    g_print (_(", %" PRIu64 " unassigned"), profile->n_noise);
  if (profile->n_excluded > 0)
    g_print (_(", %" PRIu64 " left out for missing values"), profile->n_excluded);
  g_print ("\n\n");

  for (guint s = 0; s < r->k; s++)
    if (only < 0 || (guint) only == s)
      print_segment (r, s);
  if (only >= 0)
    return;

  if (report->cart != NULL)
    g_print (_("Decision tree: its rules put %.0f%% of customers in their own segment.\n"),
             100.0 * report->cart->accuracy);
  else if (report->cart_error != NULL)
    g_print (_("No decision tree: %s\n"), report->cart_error);
  for (guint f = 0; f < profile->n_numeric; f++)
    {
      const SgNumericProfile *feature = &profile->numeric[f];
      GString *into = feature->separates ? separate : weak;

      g_string_append_printf (into, "%s%s", into->len ? ", " : "", feature->name);
    }
  for (guint f = 0; f < profile->n_categorical; f++)
    {
      const SgCategoricalProfile *feature = &profile->categorical[f];
      GString *into = feature->separates ? separate : weak;

      g_string_append_printf (into, "%s%s", into->len ? ", " : "", feature->name);
    }
  if (separate->len > 0)
    g_print (_("Differ between segments (Kruskal–Wallis or chi-square, %s p < %.2g): %s\n"),
             correction_name (profile->correction), profile->alpha, separate->str);
  if (weak->len > 0)
    g_print (_("Do not differ significantly: %s\n"), weak->str);
  if (report->warnings->len > 0)
    {
      g_print ("\n%s\n", _("Before acting on these segments:"));
      for (guint i = 0; i < report->warnings->len; i++)
        {
          const SgWarning *w = g_ptr_array_index (report->warnings, i);

          g_print ("  ! %s\n    %s\n", w->message, w->advice);
        }
    }
}

static JsonNode *
segment_to_json (const SgRunReport *r,
                 guint              s)
{
  g_autoptr(JsonNode) all = sg_run_report_to_json (r);
  JsonObject *report = json_object_get_object_member (json_node_get_object (all), "report");
  JsonObject *root = json_object_new ();
  JsonNode *node;
  JsonNode *names = json_object_get_member (report, "names");
  JsonNode *tree = json_object_get_member (report, "tree");

  json_object_set_member (root, "run", json_node_copy (json_object_get_member (json_node_get_object (all), "run")));
  node = sg_profile_segment_to_json (r->report->profile, s);
  if (names != NULL && JSON_NODE_HOLDS_ARRAY (names))
    json_object_set_member (json_node_get_object (node), "naming",
                            json_node_copy (json_array_get_element (json_node_get_array (names), s)));
  if (tree != NULL && JSON_NODE_HOLDS_OBJECT (tree))
    {
      JsonArray *segments = json_object_get_array_member (json_node_get_object (tree), "segments");

      json_object_set_member (json_node_get_object (node), "rules",
                              json_node_copy (json_object_get_member (
                                json_array_get_object_element (segments, s), "rules")));
    }
  json_object_set_member (root, "segment", node);
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, root);
  return node;
}

int
sg_cli_profile (int    argc,
                char **argv)
{
  g_autofree char *run_arg = NULL;
  int segment = 0;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "run", 'r', 0, G_OPTION_ARG_STRING, &run_arg, N_("The run (its id or name)"), N_("RUN") },
    { "segment", 's', 0, G_OPTION_ARG_INT, &segment, N_("Only this segment (1 for the first)"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the full report as JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    sg_cli_context_new ("PROJECT", _("Describe the segments of a run: names, sizes, what sets each apart, "
                                     "rules, significance."), entries);
  g_autoptr(SgProject) project = NULL;
  g_autoptr(SgRunInfo) run = NULL;
  g_autoptr(SgRunReport) report = NULL;
  g_autoptr(GError) error = NULL;
  SgRunValidateOptions options;
  SgProgress progress = sg_progress_init (sg_cli_progress, NULL, NULL);

  if (!sg_cli_parse (context, &argc, &argv) || !sg_cli_expect_args (argc, 1, "profile PROJECT --run R"))
    return SG_CLI_EXIT_USAGE;
  if (run_arg == NULL)
    {
      g_printerr ("segmenta-cli: %s\n", _("--run is required (see --help)"));
      return SG_CLI_EXIT_USAGE;
    }
  if (segment < 0)
    {
      g_printerr ("segmenta-cli: %s\n", _("--segment counts from 1 (see --help)"));
      return SG_CLI_EXIT_USAGE;
    }
  project = sg_cli_open_project (argv[1]);
  if (project == NULL)
    return SG_CLI_EXIT_FAILURE;
  run = sg_project_find_run (project, run_arg, &error);
  if (run == NULL)
    return sg_cli_fail (error);
  if (segment > 0 && (guint) segment > run->k)
    {
      g_set_error (&error, SG_ERROR, SG_ERROR_NOT_FOUND, _("Run “%s” has no segment %d: it has %u"), run->name,
                   segment, run->k);
      return sg_cli_fail (error);
    }

  /* profiles, names and rules computed afresh; nothing is written to the project */
  sg_run_validate_options_init (&options);
  options.store = FALSE;
  report = sg_run_report_compute (project, run->id, &options, &progress, &error);
  sg_cli_progress (1.0, NULL, NULL);
  if (report == NULL)
    return sg_cli_fail (error);
  if (json)
    {
      g_autoptr(JsonNode) node = segment > 0 ? segment_to_json (report, (guint) segment - 1)
                                             : sg_run_report_to_json (report);

      sg_cli_print_json (node);
    }
  else
    print_run (report, segment - 1);
  return 0;
}
