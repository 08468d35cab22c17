/* sg-number-parse.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "sg-number-parse.h"

const double sg_number_powers_of_ten[23] = {
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
  1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

static gboolean
parse_slow (const char *s,
            gsize       len,
            char        decimal_point,
            double     *value)
{
  char stack[64];
  char *copy = len < sizeof stack ? stack : g_malloc (len + 1);
  char *end = NULL;
  double v;
  gboolean ok;

  memcpy (copy, s, len);
  copy[len] = '\0';
  if (decimal_point != '.')
    for (gsize i = 0; i < len; i++)
      if (copy[i] == decimal_point)
        copy[i] = '.';
  v = g_ascii_strtod (copy, &end);
  ok = end == copy + len && isfinite (v);
  if (copy != stack)
    g_free (copy);
  if (ok)
    *value = v;
  return ok;
}

gboolean
sg_parse_double (const char *s,
                 gsize       len,
                 char        decimal_point,
                 double     *value,
                 gboolean   *is_integer)
{
  const char *p = s, *end = s + len;
  const char *start;
  guint64 mantissa = 0;
  int n_digits = 0;         /* significant digits in mantissa */
  int exp10 = 0;
  gboolean negative = FALSE, any_digit = FALSE, dropped = FALSE, integer = TRUE;

  while (p < end && (*p == ' ' || *p == '\t'))
    p++;
  while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
    end--;
  start = p;
  if (p < end && (*p == '-' || *p == '+'))
    negative = *p++ == '-';

  for (; p < end && (guint) (*p - '0') < 10; p++)
    {
      any_digit = TRUE;
      if (mantissa == 0 && *p == '0')
        continue;
      if (n_digits < 19)
        {
          mantissa = mantissa * 10 + (guint) (*p - '0');
          n_digits++;
        }
      else
        {
          exp10++;
          dropped = TRUE;
        }
    }
  if (p < end && *p == decimal_point)
    {
      integer = FALSE;
      for (p++; p < end && (guint) (*p - '0') < 10; p++)
        {
          any_digit = TRUE;
          if (mantissa == 0 && *p == '0')
            {
              exp10--;
              continue;
            }
          if (n_digits < 19)
            {
              mantissa = mantissa * 10 + (guint) (*p - '0');
              n_digits++;
              exp10--;
            }
          else
            dropped = TRUE;
        }
    }
  if (!any_digit)
    return FALSE;
  if (p < end && (*p == 'e' || *p == 'E'))
    {
      gboolean exp_negative = FALSE, exp_digit = FALSE;
      int e = 0;

      integer = FALSE;
      p++;
      if (p < end && (*p == '-' || *p == '+'))
        exp_negative = *p++ == '-';
      for (; p < end && (guint) (*p - '0') < 10; p++)
        {
          exp_digit = TRUE;
          if (e < 100000)
            e = e * 10 + (*p - '0');
        }
      if (!exp_digit)
        return FALSE;
      exp10 += exp_negative ? -e : e;
    }
  if (p != end)
    return FALSE;
  if (is_integer != NULL)
    *is_integer = integer;

  if (!dropped && mantissa <= (G_GUINT64_CONSTANT (1) << 53) && exp10 >= -22 && exp10 <= 22)
    {
      double v = (double) mantissa;

      if (exp10 < 0)
        v /= sg_number_powers_of_ten[-exp10];
      else
        v *= sg_number_powers_of_ten[exp10];
      *value = negative ? -v : v;
      return TRUE;
    }
  if (mantissa == 0 && !dropped)
    {
      *value = negative ? -0.0 : 0.0;
      return TRUE;
    }
  return parse_slow (start, (gsize) (end - start), decimal_point, value);
}
