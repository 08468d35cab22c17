/* sg-editor-style.h — the style sheet of the persona, playbook and export editors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Adds resources/sg-editors.css to the default display, once. */
void sg_editor_style_ensure (void);

G_END_DECLS
