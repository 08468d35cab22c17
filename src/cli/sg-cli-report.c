/* sg-cli-report.c — segmenta-cli report PROJECT --run R --out report.pdf [--paper a4|letter]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sg-cli.h"
#include "sg-error.h"
#include "sg-report.h"

int
sg_cli_report (int    argc,
               char **argv)
{
  g_autofree char *run_arg = NULL;
  g_autofree char *out = NULL;
  g_autofree char *paper_arg = NULL;
  g_autofree char *date = NULL;
  g_autofree char *font = NULL;
  GOptionEntry entries[] = {
    { "run", 'r', 0, G_OPTION_ARG_STRING, &run_arg, N_("The run to report on (its id or name)"), N_("RUN") },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_("The PDF file to write (replaced if it exists)"), N_("FILE") },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &paper_arg, N_("Paper size: “a4” (default) or “letter”"), N_("SIZE") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("The date printed on the report (default: today)"), N_("TEXT") },
    { "font", 0, 0, G_OPTION_ARG_STRING, &font, N_("Font family (default: Lato, else the system’s sans)"), N_("FAMILY") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    sg_cli_context_new ("PROJECT", _("Write a run’s stakeholder report: the data, the method and its quality, a "
                                     "map of the segments, and a page per segment with its persona and playbook."),
                        entries);
  g_autoptr(SgProject) project = NULL;
  g_autoptr(SgRunInfo) run = NULL;
  g_autoptr(GError) error = NULL;
  SgReportPdfOptions options;
  SgProgress progress;
  guint n_pages;

  g_option_context_set_description (context, _("Exit status: 0 written, 1 the report failed, 2 bad usage."));
  if (!sg_cli_parse (context, &argc, &argv) || !sg_cli_expect_args (argc, 1, "report PROJECT --run R --out FILE.pdf"))
    return SG_CLI_EXIT_USAGE;
  if (run_arg == NULL || out == NULL)
    {
      g_printerr ("segmenta-cli: %s\n", run_arg == NULL ? _("--run is required (see --help)")
                                                        : _("--out is required (see --help)"));
      return SG_CLI_EXIT_USAGE;
    }
  sg_report_pdf_options_init (&options);
  if (paper_arg != NULL && !sg_report_paper_from_string (paper_arg, &options.paper))
    {
      g_printerr ("segmenta-cli: %s\n", _("--paper must be “a4” or “letter” (see --help)"));
      return SG_CLI_EXIT_USAGE;
    }
  options.date = date;
  options.font_family = font;

  project = sg_cli_open_project (argv[1]);
  if (project == NULL)
    return SG_CLI_EXIT_FAILURE;
  run = sg_project_find_run (project, run_arg, &error);
  if (run == NULL)
    return sg_cli_fail (error);

  progress = sg_progress_init (sg_cli_progress, NULL, NULL);
  n_pages = sg_report_write_pdf (project, run->id, out, &options, &progress, &error);
  if (n_pages == 0)
    return sg_cli_fail (error);
  g_print (g_dngettext (NULL, "Wrote %s (%u page)\n", "Wrote %s (%u pages)\n", n_pages), out, n_pages);
  return 0;
}
