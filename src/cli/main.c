/* main.c — segmenta-cli: Segmenta's engine from the command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gi18n.h>

#include <gsl/gsl_errno.h>

#include "sg-cli.h"

static const SgCliCommand commands[] = {
  { "new", N_("Create an empty project"), sg_cli_new },
  { "import", N_("Import a CSV file as a new dataset"), sg_cli_import },
  { "info", N_("Show a project’s datasets, columns and import reports"), sg_cli_info },
  { "quality", N_("Report the data quality of a dataset"), sg_cli_quality },
  { "derive", N_("Derive customer features from transactions"), sg_cli_derive },
  { "prepare", N_("Prepare features for clustering with a recipe"), sg_cli_prepare },
  { "scan", N_("Compare numbers of segments and recommend one"), sg_cli_scan },
  { "segment", N_("Find segments in a dataset and store the run"), sg_cli_segment },
  { "runs", N_("List, rename or delete runs"), sg_cli_runs },
  { "profile", N_("Describe a run’s segments: names, sizes, what sets them apart, rules"), sg_cli_profile },
  { "validate", N_("Check a run’s segments: stability, over time, against an old segmentation"), sg_cli_validate },
  { "export", N_("Export a run’s customers per segment (CSV) and the run as JSON"), sg_cli_export },
  { "report", N_("Write a run’s stakeholder report as a PDF"), sg_cli_report },
  { "cluster", N_("Cluster a CSV file without a project (benchmarks)"), sg_cli_cluster },
};

static void
print_usage (void)
{
  g_print ("%s\n\n", _("Usage: segmenta-cli COMMAND [OPTION…] ARGUMENTS"));
  g_print ("%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_print ("  %-10s %s\n", commands[i].name, _(commands[i].summary));
  g_print ("\n%s\n", _("Run “segmenta-cli COMMAND --help” for a command’s options."));
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *prgname = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  /* GSL's default handler aborts; the engine checks its inputs and reports errors itself. */
  gsl_set_error_handler_off ();

  if (argc < 2 || strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0 ||
      strcmp (argv[1], "help") == 0)
    {
      print_usage ();
      return argc < 2 ? SG_CLI_EXIT_USAGE : 0;
    }
  if (strcmp (argv[1], "--version") == 0)
    {
      g_print ("segmenta-cli %s\n", PACKAGE_VERSION);
      return 0;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (argv[1], commands[i].name) == 0)
      {
        prgname = g_strdup_printf ("segmenta-cli %s", commands[i].name);
        g_set_prgname (prgname);
        return commands[i].run (argc - 1, argv + 1);
      }

  g_printerr ("segmenta-cli: %s\n", _("unknown command; see “segmenta-cli --help”"));
  return SG_CLI_EXIT_USAGE;
}
