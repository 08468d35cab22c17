/* sg-cli-segment.c — segmenta-cli segment: cluster a dataset and store the run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>

#include <math.h>
#include <glib/gi18n.h>

#include "sg-cli-run-options.h"
#include "sg-segmenter.h"

static JsonNode *
outcome_to_json (SgProject          *project,
                 const SgRunOutcome *outcome)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(SgRunInfo) run = sg_project_get_run (project, outcome->run_id, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) segments = sg_project_list_segments (project, outcome->run_id, NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "run_id");
  json_builder_add_int_value (b, outcome->run_id);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, run ? run->name : NULL);
  json_builder_set_member_name (b, "k");
  json_builder_add_int_value (b, outcome->k);
  json_builder_set_member_name (b, "rows");
  json_builder_add_int_value (b, (gint64) outcome->n_rows);
  json_builder_set_member_name (b, "excluded");
  json_builder_add_int_value (b, (gint64) outcome->n_excluded);
  json_builder_set_member_name (b, "sizes");
  json_builder_begin_array (b);
  for (guint s = 0; s < outcome->k; s++)
    json_builder_add_int_value (b, (gint64) outcome->sizes[s]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "names");
  json_builder_begin_array (b);
  for (guint s = 0; segments != NULL && s < segments->len; s++)
    json_builder_add_string_value (b, ((SgSegmentInfo *) g_ptr_array_index (segments, s))->name);
  json_builder_end_array (b);
  if (run != NULL && run->metrics != NULL && json_parser_load_from_data (parser, run->metrics, -1, NULL))
    {
      json_builder_set_member_name (b, "metrics");
      json_builder_add_value (b, json_node_copy (json_parser_get_root (parser)));
    }
  json_builder_set_member_name (b, "warnings");
  json_builder_begin_array (b);
  for (guint i = 0; outcome->warnings != NULL && outcome->warnings[i] != NULL; i++)
    json_builder_add_string_value (b, outcome->warnings[i]);
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static void
print_outcome (SgProject          *project,
               const SgRunOutcome *outcome)
{
  g_autoptr(SgRunInfo) run = sg_project_get_run (project, outcome->run_id, NULL);
  g_autofree char *silhouette = sg_cli_describe_silhouette (outcome->metrics.silhouette);
  g_autoptr(GPtrArray) segments = sg_project_list_segments (project, outcome->run_id, NULL);
  gsize segmented = outcome->n_rows - outcome->n_excluded - outcome->metrics.n_unassigned;

  g_print (g_dngettext (GETTEXT_PACKAGE, "Stored run %" PRId64 " “%s”: %u segment of %zu customers\n",
                        "Stored run %" PRId64 " “%s”: %u segments of %zu customers\n", outcome->k),
           outcome->run_id, run ? run->name : "", outcome->k, segmented);
  if (outcome->scan != NULL)
    g_print (_("Chosen automatically: %s\n"), outcome->scan->recommendation.reason);
  if (outcome->n_excluded > 0)
    g_print (_("Left out: %zu rows with a missing value in a chosen feature\n"), outcome->n_excluded);
  if (outcome->metrics.n_unassigned > 0)
    g_print (_("Unassigned (no dense group): %zu\n"), outcome->metrics.n_unassigned);
  g_print (_("Silhouette: %s%s\n"), silhouette,
           outcome->metrics.silhouette_sampled ? _(" — estimated on a sample") : "");
  for (guint s = 0; s < outcome->k; s++)
    {
      const SgSegmentInfo *segment = segments != NULL && s < segments->len ? g_ptr_array_index (segments, s) : NULL;

      g_print (_("  Segment %u: %" PRIu64 " customers (%.1f%%)"), s + 1, outcome->sizes[s],
               segmented ? 100.0 * outcome->sizes[s] / segmented : 0.0);
      if (segment != NULL && segment->name != NULL)
        g_print (" — %s", segment->name);
      g_print ("\n");
    }
  for (guint i = 0; outcome->warnings != NULL && outcome->warnings[i] != NULL; i++)
    g_print (_("Note: %s\n"), outcome->warnings[i]);
}

int
sg_cli_segment (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context =
    sg_cli_context_new ("PROJECT", _("Find segments in a dataset and store them as a run."), NULL);
  g_auto(SgRunSettings) settings = { 0 };
  SgCliRunOptions options = { 0 };
  g_autoptr(SgProject) project = NULL;
  g_autoptr(SgDatasetInfo) dataset = NULL;
  g_autoptr(SgRunOutcome) outcome = NULL;
  g_autoptr(GError) error = NULL;
  SgProgress progress = sg_progress_init (sg_cli_progress, NULL, NULL);
  int status = SG_CLI_EXIT_USAGE;

  sg_run_settings_init (&settings);
  sg_cli_run_options_add (context, &options, TRUE);
  if (!sg_cli_parse (context, &argc, &argv) || !sg_cli_expect_args (argc, 1, "segment PROJECT --dataset D --features A,B"))
    goto out;
  if (options.dataset == NULL || options.features == NULL)
    {
      g_printerr ("segmenta-cli: %s\n", _("--dataset and --features are required (see --help)"));
      goto out;
    }
  if (!sg_cli_run_options_apply (&options, &settings, &error))
    {
      sg_cli_fail (error);
      status = SG_CLI_EXIT_USAGE;
      goto out;
    }

  status = SG_CLI_EXIT_FAILURE;
  project = sg_cli_open_project (argv[1]);
  if (project == NULL)
    goto out;
  dataset = sg_project_find_dataset (project, options.dataset, &error);
  if (dataset == NULL)
    {
      status = sg_cli_fail (error);
      goto out;
    }
  settings.dataset_id = dataset->id;
  outcome = sg_segment_dataset (project, &settings, &progress, &error);
  sg_cli_progress (1.0, NULL, NULL);
  if (outcome == NULL)
    {
      status = sg_cli_fail (error);
      goto out;
    }
  if (options.json)
    {
      g_autoptr(JsonNode) node = outcome_to_json (project, outcome);
      sg_cli_print_json (node);
    }
  else
    print_outcome (project, outcome);
  status = 0;

out:
  sg_cli_run_options_clear (&options);
  return status;
}
