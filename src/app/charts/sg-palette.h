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
SgRgb sg_palette_segment (int index);
guint sg_palette_n_segments (void);

G_END_DECLS
