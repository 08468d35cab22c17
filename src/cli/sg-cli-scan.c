/* sg-cli-scan.c — segmenta-cli scan: compare numbers of segments and recommend one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "sg-cli-run-options.h"
#include "sg-segmenter.h"

static void
print_value (double value,
             int    width,
             int    precision)
{
  if (isfinite (value))
    g_print ("%*.*f", width, precision, value);
  else
    g_print ("%*s", width, "–");
}

static void
print_scan (const SgKScan *scan,
            gboolean       use_bic)
{
  g_print ("%4s %14s %12s %12s %14s %12s\n", "k", _("inertia"), use_bic ? "BIC" : _("silhouette"),
           _("Davies–B."), _("Calinski–H."), _("smallest"));
  for (guint i = 0; i < scan->rows->len; i++)
    {
      const SgKScanRow *row = &g_array_index (scan->rows, SgKScanRow, i);

      g_print ("%4u ", row->k);
      print_value (row->inertia, 14, 2);
      g_print (" ");
      print_value (use_bic ? row->bic : row->silhouette, 12, use_bic ? 1 : 3);
      g_print (" ");
      print_value (row->davies_bouldin, 12, 3);
      g_print (" ");
      print_value (row->calinski_harabasz, 14, 1);
      g_print (" %11.1f%%%s\n", 100.0 * row->smallest_share,
               row->k == scan->recommendation.recommended_k ? _("  ← recommended") : "");
    }
  g_print ("\n%s\n", scan->recommendation.reason);
}

int
sg_cli_scan (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context =
    sg_cli_context_new ("PROJECT", _("Try several numbers of segments and recommend one."), NULL);
  g_auto(SgRunSettings) settings = { 0 };
  SgCliRunOptions options = { 0 };
  g_autoptr(SgProject) project = NULL;
  g_autoptr(SgDatasetInfo) dataset = NULL;
  g_autoptr(SgKScan) scan = NULL;
  g_autoptr(GError) error = NULL;
  SgProgress progress = sg_progress_init (sg_cli_progress, NULL, NULL);
  int status = SG_CLI_EXIT_USAGE;

  sg_run_settings_init (&settings);
  sg_cli_run_options_add (context, &options, TRUE);
  if (!sg_cli_parse (context, &argc, &argv) || !sg_cli_expect_args (argc, 1, "scan PROJECT --dataset D --features A,B"))
    goto out;
  if (options.dataset == NULL || options.features == NULL)
    {
      g_printerr ("segmenta-cli: %s\n", _("--dataset and --features are required (see --help)"));
      goto out;
    }
  if (!sg_cli_run_options_apply (&options, &settings, &error))
    {
      sg_cli_fail (error);
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
  scan = sg_kscan_dataset (project, &settings, &progress, &error);
  sg_cli_progress (1.0, NULL, NULL);
  if (scan == NULL)
    {
      status = sg_cli_fail (error);
      goto out;
    }
  if (options.json)
    {
      g_autoptr(JsonNode) node = sg_kscan_to_json (scan);
      sg_cli_print_json (node);
    }
  else
    print_scan (scan, settings.algorithm == SG_ALGORITHM_GMM);
  status = 0;

out:
  sg_cli_run_options_clear (&options);
  return status;
}
