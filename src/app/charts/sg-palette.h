/* sg-palette.h — colour-blind-safe colours for segments and scales
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  double red, green, blue;
} SgRgb;

/* The colour of segment @index (cycles after the palette's 8 colours; index < 0: noise grey). */
SgRgb  sg_palette_segment      (int      index);
guint  sg_palette_n_segments   (void);

/* Diverging scale for signed values (e.g. standardised differences): @t in [-1, 1], clamped;
 * 0 a neutral that suits the background (near white, or near black when @dark); -1 blue and +1
 * red, deep on light backgrounds and bright on dark ones, so |t| always reads as salience. Blue–red (ColorBrewer RdBu) reads with the common colour-vision deficiencies. */
SgRgb  sg_palette_diverging    (double   t,
                                gboolean dark);
/* Sequential scale for magnitudes: @t in [0, 1], clamped; viridis-like (dark purple → yellow),
 * perceptually even and colour-blind safe. */
SgRgb  sg_palette_sequential   (double   t);

/* Linear mix: @t = 0 gives @a, 1 gives @b. */
SgRgb  sg_rgb_mix              (SgRgb    a,
                                SgRgb    b,
                                double   t);
/* WCAG relative luminance (0 black … 1 white). */
double sg_rgb_luminance        (SgRgb    color);
/* Black or white, whichever reads better on @background. */
SgRgb  sg_rgb_text_on          (SgRgb    background);

G_END_DECLS
