/* sg-a11y.h — accessible names GTK 4.8 gets wrong
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Fixes the accessible names GTK 4.8 and libadwaita 1.2 get wrong under @root (itself included):
 * - a button with a mnemonic is named "_Import Import" (its raw label, then its label's text): it gets
 *   its label without the underscore;
 * - the list inside an AdwComboRow that shows the chosen item is focusable and nameless: it gets the
 *   row's title. */
void sg_a11y_fix_names           (GtkWidget  *root);
/* Names a widget and, for composite widgets whose focusable part is inside (GtkDropDown's button,
 * GtkColumnView's list), that part too: it is what a screen reader lands on. */
void sg_a11y_set_label           (GtkWidget  *widget,
                                  const char *label);

G_END_DECLS
