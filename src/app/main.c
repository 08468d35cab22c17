/* main.c — the Segmenta application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

int
main (int    argc,
      char **argv)
{
  g_autoptr(AdwApplication) app = adw_application_new (APP_ID, G_APPLICATION_HANDLES_OPEN);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
