/* sg-chart-format.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "sg-chart-format.h"

#define MINUS_SIGN "\xe2\x88\x92"  /* U+2212 */

char *
sg_chart_format_number_full (double      value,
                             int         decimals,
                             const char *thousands,
                             const char *decimal_point)
{
  char digits[400];
  char format[16];
  const char *dot;
  GString *out;
  gboolean negative;
  gsize int_len;

  if (isnan (value))
    return g_strdup ("\xe2\x80\x94");  /* — */
  if (isinf (value))
    return g_strdup (value > 0 ? "\xe2\x88\x9e" : MINUS_SIGN "\xe2\x88\x9e");

  decimals = CLAMP (decimals, 0, 17);
  /* Format in the C locale's terms, then regroup: "%.*f" of |value| has only digits and '.'. */
  g_snprintf (format, sizeof format, "%%.%df", decimals);
  g_ascii_formatd (digits, sizeof digits, format, fabs (value));
  negative = value < 0 && strspn (digits, "0.") != strlen (digits);  /* no "−0" */

  dot = strchr (digits, '.');
  int_len = dot != NULL ? (gsize) (dot - digits) : strlen (digits);
  out = g_string_new (negative ? MINUS_SIGN : "");
  for (gsize i = 0; i < int_len; i++)
    {
      if (i > 0 && (int_len - i) % 3 == 0 && thousands != NULL)
        g_string_append (out, thousands);
      g_string_append_c (out, digits[i]);
    }
  if (dot != NULL)
    {
      g_string_append (out, decimal_point != NULL ? decimal_point : ".");
      g_string_append (out, dot + 1);
    }
  return g_string_free (out, FALSE);
}

char *
sg_chart_format_number (double value,
                        int    decimals)
{
  const struct lconv *lc = localeconv ();
  const char *point = lc->decimal_point != NULL && *lc->decimal_point ? lc->decimal_point : ".";
  const char *thousands = lc->thousands_sep;

  if (thousands == NULL || *thousands == '\0')
    thousands = g_str_equal (point, ",") ? "\xe2\x80\xaf" : ",";  /* narrow no-break space */
  return sg_chart_format_number_full (value, decimals, thousands, point);
}

/* Digits after the point for 3 significant digits, no more than @max. */
static int
significant_decimals (double value,
                      int    max)
{
  double a = fabs (value);
  int d;

  if (a == 0 || !isfinite (a))
    return 0;
  d = 2 - (int) floor (log10 (a));
  return CLAMP (d, 0, max);
}

/* Drops trailing zeros after the decimal point ("1.50" → "1.5", "2.0" → "2"). */
static void
trim_zeros (char *s)
{
  const struct lconv *lc = localeconv ();
  const char *point = lc->decimal_point != NULL && *lc->decimal_point ? lc->decimal_point : ".";
  char *dot = strstr (s, point);
  char *end;

  if (dot == NULL)
    return;
  end = s + strlen (s);
  while (end > dot + strlen (point) && end[-1] == '0')
    *--end = '\0';
  if (end == dot + strlen (point))
    *dot = '\0';
}

char *
sg_chart_format_compact (double value)
{
  static const char *const units[] = { "", "k", "M", "B", "T" };
  double a = fabs (value);
  guint unit = 0;
  double scaled;
  char *number;
  char *result;

  if (!isfinite (value))
    return sg_chart_format_number (value, 0);
  if (a < 999.5)
    {
      number = sg_chart_format_number (value, significant_decimals (value, 4));
      trim_zeros (number);
      return number;
    }
  while (unit + 1 < G_N_ELEMENTS (units) && a >= 999.5)
    {
      a /= 1000;
      unit++;
    }
  /* One decimal below 10 (1.2k), none above (34k); rounding may carry into the next unit. */
  scaled = a < 9.95 ? round (a * 10) / 10 : round (a);
  if (scaled >= 1000 && unit + 1 < G_N_ELEMENTS (units))
    {
      scaled /= 1000;
      unit++;
    }
  number = sg_chart_format_number (value < 0 ? -scaled : scaled, scaled < 10 ? 1 : 0);
  trim_zeros (number);
  result = g_strconcat (number, units[unit], NULL);
  g_free (number);
  return result;
}

char *
sg_chart_format_percent (double fraction)
{
  double p = fraction * 100;
  g_autofree char *number = NULL;

  if (!isfinite (p))
    return sg_chart_format_number (p, 0);
  if (p > 0 && p < 0.05)
    {
      number = sg_chart_format_number (0.1, 1);
      return g_strdup_printf ("<%s%%", number);
    }
  number = sg_chart_format_number (p, fabs (p) < 9.95 ? 1 : 0);
  trim_zeros (number);
  return g_strdup_printf ("%s%%", number);
}

char *
sg_chart_format_value (double value)
{
  char *s = sg_chart_format_number (value, significant_decimals (value, 6));

  trim_zeros (s);
  return s;
}
