/* sg-date-row.h — a date typed or picked from a calendar, checked as it is typed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An AdwEntryRow for a playbook's start and end dates. The text may be an ISO date (2025-03-01) or a
 * date in the locale's words that GLib understands; it is rewritten as ISO when the user leaves the
 * field. A text that is not a date marks the row as an error and leaves the date unset. The calendar
 * button opens a GtkCalendar. "edited" is emitted for the user's edits, never for
 * sg_date_row_set_date().
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SG_TYPE_DATE_ROW (sg_date_row_get_type ())
G_DECLARE_FINAL_TYPE (SgDateRow, sg_date_row, SG, DATE_ROW, AdwEntryRow)

/* The date as "YYYY-MM-DD", or NULL when empty or not a date. */
const char *sg_date_row_get_date  (SgDateRow  *self);
/* Shows @iso_date ("YYYY-MM-DD" or NULL) without emitting "changed". */
void        sg_date_row_set_date  (SgDateRow  *self,
                                   const char *iso_date);
/* FALSE when the text is not empty and not a date. */
gboolean    sg_date_row_get_valid (SgDateRow  *self);

/* Parses what a user typed: "" (or spaces) gives TRUE with *@iso NULL; a date gives TRUE with
 * *@iso "YYYY-MM-DD"; anything else FALSE. */
gboolean    sg_date_row_parse     (const char  *text,
                                   char       **iso);

G_END_DECLS
