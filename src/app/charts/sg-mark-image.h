/* sg-mark-image.h — many small anti-aliased discs stamped into an image (internal)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Cairo tessellates every arc: tens of thousands of marks take a tenth of a second. Stamping a
 * precomputed disc (at 4 × 4 sub-pixel positions) into a premultiplied ARGB buffer takes a few
 * milliseconds and looks the same. Used whenever the target is a raster; vector exports keep
 * real circles.
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "sg-palette.h"

G_BEGIN_DECLS

typedef struct _SgMarkImage SgMarkImage;

/* A transparent @width × @height image for discs of @radius pixels. */
SgMarkImage     *sg_mark_image_new       (int          width,
                                          int          height,
                                          double       radius);
void             sg_mark_image_set_color (SgMarkImage *image,
                                          SgRgb        color,
                                          double       alpha);
/* A disc centred at (@x, @y) in pixels, blended over what is there. */
void             sg_mark_image_add       (SgMarkImage *image,
                                          double       x,
                                          double       y);
/* The image (transfer full); frees @image. */
cairo_surface_t *sg_mark_image_finish    (SgMarkImage *image);

G_END_DECLS
