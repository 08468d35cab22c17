/* sg-palette.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Okabe & Ito's eight colours (2008), distinguishable with the common colour-vision deficiencies;
 * black is replaced by a mid blue-grey so it reads on dark backgrounds too.
 * The diverging scale follows ColorBrewer's RdBu; the
 * sequential one samples viridis. Both interpolate between a few stops in sRGB, which is close
 * enough to perceptually even for stops this dense.
 */
#include "config.h"

#include <math.h>

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

/* Negative half, from the deepest blue to just before the neutral midpoint. */
static const SgRgb diverging_cold[] = {
  { 0.020, 0.188, 0.380 },
  { 0.129, 0.400, 0.675 },
  { 0.263, 0.576, 0.765 },
  { 0.573, 0.773, 0.871 },
  { 0.820, 0.898, 0.941 },
};

static const SgRgb diverging_warm[] = {
  { 0.404, 0.000, 0.051 },
  { 0.698, 0.094, 0.169 },
  { 0.839, 0.376, 0.302 },
  { 0.957, 0.647, 0.510 },
  { 0.992, 0.859, 0.780 },
};

/* On a dark background the neutral is dark, so magnitude shows as growing light and saturation:
 * the same hues, ordered from the extreme to the midpoint as above. */
static const SgRgb diverging_cold_dark[] = {
  { 0.520, 0.760, 0.980 },
  { 0.300, 0.580, 0.880 },
  { 0.180, 0.400, 0.640 },
  { 0.170, 0.280, 0.400 },
};

static const SgRgb diverging_warm_dark[] = {
  { 1.000, 0.560, 0.450 },
  { 0.850, 0.300, 0.240 },
  { 0.580, 0.190, 0.170 },
  { 0.380, 0.190, 0.180 },
};

static const SgRgb viridis[] = {
  { 0.267, 0.005, 0.329 },
  { 0.283, 0.141, 0.458 },
  { 0.254, 0.265, 0.530 },
  { 0.207, 0.372, 0.553 },
  { 0.164, 0.471, 0.558 },
  { 0.128, 0.567, 0.551 },
  { 0.135, 0.659, 0.518 },
  { 0.267, 0.749, 0.441 },
  { 0.478, 0.821, 0.318 },
  { 0.741, 0.873, 0.150 },
  { 0.993, 0.906, 0.144 },
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

SgRgb
sg_rgb_mix (SgRgb  a,
            SgRgb  b,
            double t)
{
  return (SgRgb) {
    a.red + (b.red - a.red) * t,
    a.green + (b.green - a.green) * t,
    a.blue + (b.blue - a.blue) * t,
  };
}

static double
clamp01 (double t)
{
  if (isnan (t))
    return 0.0;
  return CLAMP (t, 0.0, 1.0);
}

/* @t in [0, 1] over @n stops. */
static SgRgb
interpolate (const SgRgb *stops,
             guint        n,
             double       t)
{
  double pos = clamp01 (t) * (n - 1);
  guint i = MIN ((guint) pos, n - 2);

  return sg_rgb_mix (stops[i], stops[i + 1], pos - i);
}

SgRgb
sg_palette_diverging (double   t,
                      gboolean dark)
{
  SgRgb neutral = dark ? (SgRgb) { 0.20, 0.20, 0.21 } : (SgRgb) { 0.97, 0.97, 0.97 };
  const SgRgb *side;
  SgRgb stops[G_N_ELEMENTS (diverging_cold) + 1];
  guint n = dark ? G_N_ELEMENTS (diverging_cold_dark) : G_N_ELEMENTS (diverging_cold);

  G_STATIC_ASSERT (G_N_ELEMENTS (diverging_cold_dark) <= G_N_ELEMENTS (diverging_cold));
  if (isnan (t))
    return neutral;
  t = CLAMP (t, -1.0, 1.0);
  if (dark)
    side = t < 0 ? diverging_cold_dark : diverging_warm_dark;
  else
    side = t < 0 ? diverging_cold : diverging_warm;
  /* The stops run from the extreme to the neutral midpoint. */
  for (guint i = 0; i < n; i++)
    stops[i] = side[i];
  stops[n] = neutral;
  return interpolate (stops, n + 1, 1.0 - fabs (t));
}

SgRgb
sg_palette_sequential (double t)
{
  return interpolate (viridis, G_N_ELEMENTS (viridis), t);
}

static double
linear_channel (double c)
{
  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

double
sg_rgb_luminance (SgRgb color)
{
  return 0.2126 * linear_channel (color.red) + 0.7152 * linear_channel (color.green)
         + 0.0722 * linear_channel (color.blue);
}

SgRgb
sg_rgb_text_on (SgRgb background)
{
  /* The luminance where black and white have equal contrast: (L + 0.05)^2 = 1.05 * 0.05. */
  if (sg_rgb_luminance (background) > 0.179)
    return (SgRgb) { 0.0, 0.0, 0.0 };
  return (SgRgb) { 1.0, 1.0, 1.0 };
}
