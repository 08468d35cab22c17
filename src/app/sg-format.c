/* sg-format.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "SgFormat"

#include "sg-format.h"

char *
sg_format_count (guint64 n)
{
  /* glibc's ' flag groups digits as LC_NUMERIC says. */
  return g_strdup_printf ("%'" G_GUINT64_FORMAT, n);
}

char *
sg_format_date (const char *iso8601)
{
  g_autoptr(GTimeZone) utc_zone = g_time_zone_new_utc ();
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (iso8601 == NULL)
    return NULL;
  utc = g_date_time_new_from_iso8601 (iso8601, utc_zone);
  if (utc == NULL)
    return NULL;
  local = g_date_time_to_local (utc);
  /* %x: the locale's date ("25/11/2025", "11/25/2025"…). */
  return g_date_time_format (local, "%x");
}
