/* sg-swatch.h — a disc in a colour, optionally with a few characters on it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A segment's colour dot in lists, a persona's avatar (an emoji or initials on the persona's colour),
 * a colour choice in a swatch button. The size is the widget's size request (a disc fills the smaller
 * side); the text is drawn in black or white, whichever reads better on the colour.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SG_TYPE_SWATCH (sg_swatch_get_type ())
G_DECLARE_FINAL_TYPE (SgSwatch, sg_swatch, SG, SWATCH, GtkWidget)

GtkWidget  *sg_swatch_new        (int         size);
/* "#rrggbb"; NULL or invalid: a neutral grey. */
void        sg_swatch_set_color  (SgSwatch   *self,
                                  const char *color);
const char *sg_swatch_get_color  (SgSwatch   *self);
void        sg_swatch_set_text   (SgSwatch   *self,
                                  const char *text);
const char *sg_swatch_get_text   (SgSwatch   *self);

/* Segment @index's colour as "#rrggbb" (the charts' palette): for segments without their own colour. */
char       *sg_swatch_segment_color (int      index);

G_END_DECLS
