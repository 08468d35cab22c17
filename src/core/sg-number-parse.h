/* sg-number-parse.h — locale-independent, exact and fast parsing of decimal numbers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The common case (at most 19 significant digits whose value fits in 53 bits, power of ten within
 * ±22) is computed with one exact multiplication or division, which IEEE rounds correctly; every
 * other number goes to g_ascii_strtod. Results are therefore identical to g_ascii_strtod's.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Parses [@s, @s + @len) as a decimal number: optional surrounding spaces, optional sign, digits
 * with an optional @decimal_point ('.' or ','), optional exponent. No thousands separators, no
 * hexadecimal, no inf/nan. @is_integer (optional) is set when the text has neither a decimal point
 * nor an exponent. Returns FALSE (leaving @value alone) for anything else or a non-finite result. */
gboolean sg_parse_double (const char *s,
                          gsize       len,
                          char        decimal_point,
                          double     *value,
                          gboolean   *is_integer);

extern const double sg_number_powers_of_ten[23];

/* The same as sg_parse_double(), inlined for the commonest shape (-?digits[.digits], at most 19
 * digits, value within 2^53): one multiply-add per digit and one exact division. */
static inline gboolean
sg_parse_double_inline (const char *s,
                        gsize       len,
                        char        decimal_point,
                        double     *value,
                        gboolean   *is_integer)
{
  const char *p = s, *end = s + len, *digits, *fraction;
  guint64 mantissa = 0;
  gboolean negative = FALSE, has_point = FALSE;
  gsize n_int, n_frac = 0;
  double v;

  if (p < end && *p == '-')
    {
      negative = TRUE;
      p++;
    }
  digits = p;
  while (p < end && (guint) (*p - '0') < 10)
    mantissa = mantissa * 10 + (guint) (*p++ - '0');
  n_int = (gsize) (p - digits);
  if (p < end && *p == decimal_point)
    {
      has_point = TRUE;
      fraction = ++p;
      while (p < end && (guint) (*p - '0') < 10)
        mantissa = mantissa * 10 + (guint) (*p++ - '0');
      n_frac = (gsize) (p - fraction);
    }
  if (G_UNLIKELY (p != end || n_int + n_frac == 0 || n_int + n_frac > 19 ||
                  mantissa > (G_GUINT64_CONSTANT (1) << 53)))
    return sg_parse_double (s, len, decimal_point, value, is_integer);
  v = (double) mantissa;
  if (n_frac > 0)
    v /= sg_number_powers_of_ten[n_frac];
  *value = negative ? -v : v;
  if (is_integer != NULL)
    *is_integer = !has_point;
  return TRUE;
}

G_END_DECLS
