/* main.c — the Segmenta application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include <gsl/gsl_errno.h>

#include "sg-application.h"
#include "sg-parallel.h"

/* Run from the build tree (build-aux/dev run), the settings schema is not installed yet: use the one
 * the build compiled. An installed binary never matches SG_BUILD_APP_DIR. */
static void
use_build_tree_schemas (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = exe != NULL ? g_path_get_dirname (exe) : NULL;

  if (dir != NULL && g_strcmp0 (dir, SG_BUILD_APP_DIR) == 0 && g_getenv ("GSETTINGS_SCHEMA_DIR") == NULL)
    g_setenv ("GSETTINGS_SCHEMA_DIR", SG_BUILD_SCHEMA_DIR, TRUE);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(SgApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  use_build_tree_schemas ();
  g_set_application_name (_("Segmenta"));
  /* Clustering a million rows must not make the window stutter: engine threads yield to it. */
  sg_parallel_set_background (TRUE);
  /* GSL's default handler aborts; the engine checks its inputs and reports errors itself. */
  gsl_set_error_handler_off ();

  app = sg_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
