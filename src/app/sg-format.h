/* sg-format.h — numbers and dates as the app shows them to people
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* 1234567 → "1,234,567" (the locale's digit grouping). */
char *sg_format_count (guint64     n);
/* An ISO 8601 timestamp → "25 November 2025" in the locale's words; NULL if it does not parse. */
char *sg_format_date  (const char *iso8601);

G_END_DECLS
