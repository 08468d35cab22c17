/* sg-a11y.h — accessible names GTK 4.8 gets wrong
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* GTK 4.8 names a button with a mnemonic "_Import Import" (its raw label, then its label's text). Gives
 * every such button under @root (itself included) its label without the underscore as its name. */
void sg_a11y_fix_mnemonic_labels (GtkWidget  *root);
/* Names a widget and, for composite widgets such as GtkDropDown whose focusable part is an inner
 * button, that button too: it is what a screen reader lands on. */
void sg_a11y_set_label           (GtkWidget  *widget,
                                  const char *label);

G_END_DECLS
