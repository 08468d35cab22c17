/* sg-palette.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Okabe & Ito's eight colours (2008), distinguishable with the common colour-vision deficiencies;
 * black is replaced by a mid blue-grey so it reads on dark backgrounds too.
 */
#include "config.h"

#include "sg-palette.h"

static const SgRgb okabe_ito[] = {
  { 0.000, 0.447, 0.698 },  /* blue */
  { 0.902, 0.624, 0.000 },  /* orange */
  { 0.000, 0.620, 0.451 },  /* bluish green */
  { 0.800, 0.475, 0.655 },  /* reddish purple */
  { 0.337, 0.706, 0.914 },  /* sky blue */
  { 0.835, 0.369, 0.000 },  /* vermillion */
  { 0.941, 0.894, 0.259 },  /* yellow */
  { 0.400, 0.450, 0.520 },  /* blue-grey */
};

SgRgb
sg_palette_segment (int index)
{
  if (index < 0)
    return (SgRgb) { 0.6, 0.6, 0.6 };
  return okabe_ito[index % G_N_ELEMENTS (okabe_ito)];
}

guint
sg_palette_n_segments (void)
{
  return G_N_ELEMENTS (okabe_ito);
}
