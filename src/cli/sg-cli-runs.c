/* sg-cli-runs.c — segmenta-cli runs: list, rename or delete the runs of a project
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sg-cli.h"

static JsonNode *
runs_to_json (GPtrArray *runs)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_array (b);
  for (guint i = 0; i < runs->len; i++)
    {
      SgRunInfo *run = g_ptr_array_index (runs, i);
      g_autoptr(JsonParser) parser = json_parser_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, run->id);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, run->name);
      json_builder_set_member_name (b, "dataset_id");
      json_builder_add_int_value (b, run->dataset_id);
      json_builder_set_member_name (b, "algorithm");
      json_builder_add_string_value (b, run->algorithm);
      json_builder_set_member_name (b, "k");
      json_builder_add_int_value (b, run->k);
      json_builder_set_member_name (b, "created");
      json_builder_add_string_value (b, run->created);
      if (run->metrics != NULL && json_parser_load_from_data (parser, run->metrics, -1, NULL))
        {
          json_builder_set_member_name (b, "metrics");
          json_builder_add_value (b, json_node_copy (json_parser_get_root (parser)));
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  return json_builder_get_root (b);
}

int
sg_cli_runs (int    argc,
             char **argv)
{
  gboolean json = FALSE;
  gint64 delete_id = 0, rename_id = 0;
  g_autofree char *new_name = NULL;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "delete", 0, 0, G_OPTION_ARG_INT64, &delete_id, N_("Delete run ID"), N_("ID") },
    { "rename", 0, 0, G_OPTION_ARG_INT64, &rename_id, N_("Rename run ID (with --name)"), N_("ID") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &new_name, N_("New name for --rename"), N_("NAME") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    sg_cli_context_new ("PROJECT", _("List the segmentation runs of a project; rename or delete one."), entries);
  g_autoptr(SgProject) project = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GError) error = NULL;

  if (!sg_cli_parse (context, &argc, &argv) || !sg_cli_expect_args (argc, 1, "runs PROJECT"))
    return SG_CLI_EXIT_USAGE;
  if (rename_id != 0 && new_name == NULL)
    {
      g_printerr ("segmenta-cli: %s\n", _("--rename needs --name (see --help)"));
      return SG_CLI_EXIT_USAGE;
    }
  project = sg_cli_open_project (argv[1]);
  if (project == NULL)
    return SG_CLI_EXIT_FAILURE;
  if ((delete_id != 0 && !sg_project_delete_run (project, delete_id, &error)) ||
      (rename_id != 0 && !sg_project_rename_run (project, rename_id, new_name, &error)))
    return sg_cli_fail (error);

  runs = sg_project_list_runs (project, 0, &error);
  if (runs == NULL)
    return sg_cli_fail (error);
  if (json)
    {
      g_autoptr(JsonNode) node = runs_to_json (runs);
      sg_cli_print_json (node);
      return 0;
    }
  if (runs->len == 0)
    g_print ("%s\n", _("No runs yet: try “segmenta-cli segment”."));
  for (guint i = 0; i < runs->len; i++)
    {
      SgRunInfo *run = g_ptr_array_index (runs, i);

      g_print ("%4" G_GINT64_FORMAT "  %-32s %-13s k=%-3u %s\n", run->id, run->name, run->algorithm, run->k,
               run->created);
    }
  return 0;
}
