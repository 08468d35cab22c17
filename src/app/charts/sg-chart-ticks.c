/* sg-chart-ticks.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "sg-chart-format.h"
#include "sg-chart-ticks.h"

#define MAX_TICKS 64

double
sg_chart_nice_number (double   x,
                      gboolean round)
{
  double exponent, fraction, nice;

  if (!(x > 0) || !isfinite (x))
    return 1.0;
  exponent = floor (log10 (x));
  fraction = x / pow (10, exponent);
  if (round)
    nice = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10;
  else
    nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
  return nice * pow (10, exponent);
}

static void
set_default (SgChartTicks *ticks)
{
  *ticks = (SgChartTicks) { .min = 0, .max = 1, .first = 0, .step = 0.5, .n = 3, .decimals = 1 };
}

/* Widens a range too narrow for doubles to tell apart from a single value. */
static void
widen_flat (double *lo,
            double *hi)
{
  double magnitude = MAX (fabs (*lo), fabs (*hi));

  if (*hi - *lo > magnitude * 1e-12)
    return;
  if (magnitude == 0)
    {
      *lo = 0;
      *hi = 1;
      return;
    }
  *lo -= magnitude * 0.1;
  *hi += magnitude * 0.1;
}

gboolean
sg_chart_ticks_compute (double             lo,
                        double             hi,
                        guint              target,
                        SgChartTicksFlags  flags,
                        SgChartTicks      *ticks)
{
  double range, step, first, last;

  g_return_val_if_fail (ticks != NULL, FALSE);

  if (!isfinite (lo) || !isfinite (hi) || !isfinite (hi - lo))
    {
      set_default (ticks);
      return FALSE;
    }
  if (lo > hi)
    {
      double t = lo;
      lo = hi;
      hi = t;
    }
  widen_flat (&lo, &hi);
  target = CLAMP (target, 2, MAX_TICKS / 2);

  range = sg_chart_nice_number (hi - lo, FALSE);
  step = sg_chart_nice_number (range / (target - 1), TRUE);
  if ((flags & SG_CHART_TICKS_INTEGER) && step < 1)
    step = 1;
  /* A tolerance of a millionth of a step keeps ticks that sit on the ends despite rounding. */
  if (flags & SG_CHART_TICKS_LOOSE)
    {
      first = floor (lo / step + 1e-6) * step;
      last = ceil (hi / step - 1e-6) * step;
      ticks->min = first;
      ticks->max = last;
    }
  else
    {
      first = ceil (lo / step - 1e-6) * step;
      last = floor (hi / step + 1e-6) * step;
      ticks->min = lo;
      ticks->max = hi;
    }
  ticks->first = first;
  ticks->step = step;
  ticks->n = last >= first ? (guint) MIN (round ((last - first) / step) + 1, MAX_TICKS) : 0;
  ticks->decimals = (int) MAX (-floor (log10 (step) + 1e-9), 0);
  return TRUE;
}

double
sg_chart_ticks_value (const SgChartTicks *ticks,
                      guint               i)
{
  double v = ticks->first + i * ticks->step;

  /* Multiples of the step: 0.1 * 3 is 0.30000000000000004 otherwise, and "−0" is no label. */
  if (fabs (v) < ticks->step * 1e-6)
    return 0.0;
  return round (v / ticks->step) * ticks->step;
}

char *
sg_chart_ticks_label (const SgChartTicks *ticks,
                      guint               i,
                      gboolean            compact)
{
  double v = sg_chart_ticks_value (ticks, i);
  double magnitude = MAX (fabs (ticks->min), fabs (ticks->max));

  if (compact && magnitude >= 1000)
    return sg_chart_format_compact (v);
  /* Too many digits either way: scientific notation is the readable choice. */
  if (ticks->decimals > 6 || magnitude >= 1e15)
    {
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];
      char format[8];
      /* As many significant digits as tell neighbouring ticks apart. */
      int digits = (int) (floor (log10 (magnitude)) - floor (log10 (ticks->step))) + 1;

      if (v == 0)
        return g_strdup ("0");
      g_snprintf (format, sizeof format, "%%.%dg", CLAMP (digits, 2, 15));
      return g_strdup (g_ascii_formatd (buffer, sizeof buffer, format, v));
    }
  return sg_chart_format_number (v, ticks->decimals);
}
