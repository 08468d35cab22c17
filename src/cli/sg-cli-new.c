/* sg-cli-new.c — segmenta-cli new PROJECT
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "sg-cli.h"

int
sg_cli_new (int    argc,
            char **argv)
{
  g_autoptr(GOptionContext) context =
    sg_cli_context_new ("PROJECT.segmenta", _("Create a new, empty project file."), NULL);
  g_autoptr(SgProject) project = NULL;
  g_autoptr(GError) error = NULL;

  if (!sg_cli_parse (context, &argc, &argv) || !sg_cli_expect_args (argc, 1, "new PROJECT"))
    return SG_CLI_EXIT_USAGE;

  project = sg_project_create (argv[1], &error);
  if (project == NULL)
    return sg_cli_fail (error);
  g_print (_("Created %s\n"), argv[1]);
  return 0;
}
