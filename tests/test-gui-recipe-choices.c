/* test-gui-recipe-choices.c — the Prepare page's state ↔ recipe mapping, without a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "sg-advice.h"
#include "sg-derive-panel.h"
#include "sg-recipe-choices.h"
#include "sg-test-util.h"

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  return g_test_run ();
}
