/* sg-cli-quality.c — segmenta-cli quality PROJECT --dataset D [--json]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "sg-cli.h"
#include "sg-error.h"
#include "sg-quality.h"

int
sg_cli_quality (int    argc,
                char **argv)
{
  g_autofree char *dataset = NULL, *id_column = NULL, *join_with = NULL, *join_on = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "dataset", 'd', 0, G_OPTION_ARG_STRING, &dataset, N_("Dataset to check (name or id)"), "DATASET" },
    { "id", 0, 0, G_OPTION_ARG_STRING, &id_column, N_("Customer id column (default: the column with the id role)"), "COLUMN" },
    { "join-with", 0, 0, G_OPTION_ARG_STRING, &join_with, N_("Report how many rows find their id in this dataset"), "DATASET" },
    { "join-on", 0, 0, G_OPTION_ARG_STRING, &join_on, N_("Key column, the same in both, or THIS=OTHER"), "COLUMN" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the report as JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    sg_cli_context_new ("PROJECT.segmenta", _("Report missing values, distributions, outliers and duplicates of a dataset."), entries);
  g_autoptr(SgProject) project = NULL;
  g_autoptr(SgDatasetInfo) info = NULL;
  g_autoptr(SgTable) table = NULL;
  g_autoptr(SgQualityReport) report = NULL;
  g_autoptr(GError) error = NULL;
  SgProgress progress = sg_progress_init (sg_cli_progress, NULL, NULL);

  if (!sg_cli_parse (context, &argc, &argv) || !sg_cli_expect_args (argc, 1, "quality PROJECT --dataset DATASET"))
    return SG_CLI_EXIT_USAGE;
  if (dataset == NULL)
    {
      g_printerr ("segmenta-cli: %s\n", _("--dataset DATASET is required (see --help)"));
      return SG_CLI_EXIT_USAGE;
    }
  if ((join_with == NULL) != (join_on == NULL))
    {
      g_printerr ("segmenta-cli: %s\n", _("--join-with and --join-on go together (see --help)"));
      return SG_CLI_EXIT_USAGE;
    }
  project = sg_cli_open_project (argv[1]);
  if (project == NULL)
    return SG_CLI_EXIT_FAILURE;
  info = sg_project_find_dataset (project, dataset, &error);
  if (info == NULL)
    return sg_cli_fail (error);
  table = sg_project_load_table (project, info->id, NULL, 0, &error);
  if (table == NULL)
    return sg_cli_fail (error);
  report = sg_quality_analyse (table, id_column, &progress, &error);
  if (report == NULL)
    return sg_cli_fail (error);
  if (join_with != NULL)
    {
      g_autoptr(SgDatasetInfo) other_info = sg_project_find_dataset (project, join_with, &error);
      g_autoptr(SgTable) other = NULL;
      g_auto(GStrv) keys = g_strsplit (join_on, "=", 2);

      if (other_info == NULL)
        return sg_cli_fail (error);
      other = sg_project_load_table (project, other_info->id, NULL, 0, &error);
      if (other == NULL ||
          !sg_quality_add_join (report, table, keys[0], other, keys[1] ? keys[1] : keys[0], &error))
        return sg_cli_fail (error);
    }
  if (json)
    {
      g_autoptr(JsonNode) node = sg_quality_report_to_json (report);

      sg_cli_print_json (node);
    }
  else
    {
      g_auto(GStrv) lines = sg_quality_report_describe (report);

      for (guint i = 0; lines[i] != NULL; i++)
        g_print ("%s\n", lines[i]);
    }
  return 0;
}
