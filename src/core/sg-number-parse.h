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

G_END_DECLS
