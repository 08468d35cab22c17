/* sg-chart-format.h — numbers as charts print them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* @value with @decimals digits after the decimal point and thousands grouped with @thousands
 * ("1,234,567.89"); negatives take a true minus sign (U+2212); NaN is "—", infinities "∞"/"−∞". */
char *sg_chart_format_number_full (double      value,
                                   int         decimals,
                                   const char *thousands,
                                   const char *decimal_point);
/* The same with the locale's separators; "," and "." where the locale groups nothing (C locale). */
char *sg_chart_format_number      (double      value,
                                   int         decimals);
/* Compact form for tight spaces: 950, 1.2k, 34k, 3.4M, 1.2B, 0.25. */
char *sg_chart_format_compact     (double      value);
/* A share of a whole (@fraction in 0..1): "24%", "3.5%", "<0.1%". */
char *sg_chart_format_percent     (double      fraction);
/* Enough significant digits for a value read off a chart: 0.4137 → "0.414", 12345.6 → "12,346". */
char *sg_chart_format_value       (double      value);

G_END_DECLS
