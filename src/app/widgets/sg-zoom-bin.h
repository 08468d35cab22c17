/* sg-zoom-bin.h — shows its child larger on large screens: laid out at a design width, then scaled
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The child is allocated (width / scale) × (height / scale) and drawn scaled by
 * scale = clamp (width / design-width, 1, max-scale): everything (text, charts, spacing) grows together,
 * and pointer input follows the transform. Used by presentation mode.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SG_TYPE_ZOOM_BIN (sg_zoom_bin_get_type ())
G_DECLARE_FINAL_TYPE (SgZoomBin, sg_zoom_bin, SG, ZOOM_BIN, GtkWidget)

GtkWidget *sg_zoom_bin_new          (int        design_width,
                                     double     max_scale);
GtkWidget *sg_zoom_bin_get_child    (SgZoomBin *self);
void       sg_zoom_bin_set_child    (SgZoomBin *self,
                                     GtkWidget *child);
/* The scale of the last allocation (1 before the first). */
double     sg_zoom_bin_get_scale    (SgZoomBin *self);

G_END_DECLS
