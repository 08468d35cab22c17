/* sg-cli-prepare.c — segmenta-cli prepare PROJECT --dataset D [--recipe FILE.json] [--as NAME]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "sg-advice.h"
#include "sg-cli.h"
#include "sg-error.h"
#include "sg-recipe.h"

int
sg_cli_prepare (int    argc,
                char **argv)
{
  g_autofree char *dataset = NULL, *recipe_file = NULL, *name = NULL, *save_recipe = NULL;
  gboolean dry_run = FALSE, json = FALSE;
  GOptionEntry entries[] = {
    { "dataset", 'd', 0, G_OPTION_ARG_STRING, &dataset, N_("Dataset to prepare (name or id)"), "DATASET" },
    { "recipe", 'r', 0, G_OPTION_ARG_FILENAME, &recipe_file, N_("Recipe to apply (JSON; default: the suggested preparation)"), "FILE.json" },
    { "as", 0, 0, G_OPTION_ARG_STRING, &name, N_("Name of the prepared dataset"), "NAME" },
    { "save-recipe", 0, 0, G_OPTION_ARG_FILENAME, &save_recipe, N_("Also write the fitted recipe to this file"), "FILE.json" },
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run, N_("Show the advice and the recipe, store nothing"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the advice and the fitted recipe as JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    sg_cli_context_new ("PROJECT.segmenta", _("Turn a dataset into features for clustering with a recipe, into a new dataset."), entries);
  g_autoptr(SgProject) project = NULL;
  g_autoptr(SgDatasetInfo) info = NULL;
  g_autoptr(SgRecipe) recipe = NULL;
  g_autoptr(SgAdvice) advice = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) words = NULL;
  g_auto(GStrv) log = NULL;
  SgProgress progress = sg_progress_init (sg_cli_progress, NULL, NULL);
  gint64 id = 0;

  if (!sg_cli_parse (context, &argc, &argv) || !sg_cli_expect_args (argc, 1, "prepare PROJECT --dataset DATASET"))
    return SG_CLI_EXIT_USAGE;
  if (dataset == NULL)
    {
      g_printerr ("segmenta-cli: %s\n", _("--dataset DATASET is required (see --help)"));
      return SG_CLI_EXIT_USAGE;
    }
  if (recipe_file != NULL)
    {
      recipe = sg_recipe_load_file (recipe_file, &error);
      if (recipe == NULL)
        return sg_cli_fail (error);
    }
  project = sg_cli_open_project (argv[1]);
  if (project == NULL)
    return SG_CLI_EXIT_FAILURE;
  info = sg_project_find_dataset (project, dataset, &error);
  if (info == NULL)
    return sg_cli_fail (error);

  if (recipe == NULL)
    {
      g_autoptr(SgTable) table = sg_project_load_table (project, info->id, NULL, 0, &error);

      if (table == NULL)
        return sg_cli_fail (error);
      advice = sg_advice_analyse (table, &error);
      if (advice == NULL)
        return sg_cli_fail (error);
      if (!json)
        {
          g_print (_("Advice for “%s”:\n"), info->name);
          for (guint i = 0; i < advice->items->len; i++)
            g_print ("  - %s\n", ((SgAdviceItem *) g_ptr_array_index (advice->items, i))->message);
        }
      recipe = sg_advice_to_recipe (advice, &error);
      if (recipe == NULL)
        return sg_cli_fail (error);
    }

  if (!dry_run)
    {
      id = sg_project_prepare_dataset (project, info->id, recipe, name, &progress, &log, &error);
      if (id == 0)
        return sg_cli_fail (error);
    }
  if (save_recipe != NULL)
    {
      g_autofree char *text = sg_recipe_to_string (recipe, TRUE);

      if (!g_file_set_contents (save_recipe, text, -1, &error))
        return sg_cli_fail (error);
    }

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      if (advice != NULL)
        {
          json_builder_set_member_name (builder, "advice");
          json_builder_add_value (builder, sg_advice_to_json (advice));
        }
      json_builder_set_member_name (builder, "recipe");
      json_builder_add_value (builder, sg_recipe_to_json (recipe));
      json_builder_set_member_name (builder, "dataset_id");
      json_builder_add_int_value (builder, id);
      json_builder_set_member_name (builder, "recipe_id");
      json_builder_add_int_value (builder, recipe->id);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      sg_cli_print_json (root);
      return 0;
    }

  words = sg_recipe_describe (recipe);
  g_print (_("Recipe “%s”:\n"), recipe->name);
  for (guint i = 0; words[i] != NULL; i++)
    g_print ("  %s\n", words[i]);
  if (dry_run)
    return 0;
  g_print (_("What was done:\n"));
  for (guint i = 0; log != NULL && log[i] != NULL; i++)
    g_print ("  %s\n", log[i]);
  {
    g_autoptr(SgDatasetInfo) stored = sg_project_get_dataset (project, id, &error);

    if (stored == NULL)
      return sg_cli_fail (error);
    g_print (_("Stored “%s” (dataset %" PRId64 ", recipe %" PRId64 "): %" PRIu64 " rows × %u columns.\n"),
             stored->name, id, recipe->id, stored->n_rows, stored->columns->len);
  }
  return 0;
}
