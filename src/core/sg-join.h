/* sg-join.h — left join of two tables on a customer identifier
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every row of the left table (the customer table) is kept, in order; the right table's columns
 * (all but its key) are added, missing where no right row has the key. Keys may be numbers or text;
 * a text key is matched to a number key by reading it as a number ("12923", "12923.0"). When the
 * right table holds a key twice, its first row is used and the others are counted. A right column
 * whose name the left table already has gets the suffix "_2" (or "_3"…).
 */
#pragma once

#include <json-glib/json-glib.h>

#include "sg-table.h"

G_BEGIN_DECLS

typedef struct {
  guint64  left_rows;
  guint64  right_rows;
  guint64  left_missing_key;    /* left rows without a key */
  guint64  left_unmatched;      /* left rows with a key that no right row has */
  guint64  right_missing_key;
  guint64  right_unmatched;     /* right rows (first of their key) that match no left row */
  guint64  right_duplicates;    /* right rows not used: their key came earlier */
  guint8  *matched;             /* left_rows flags: the left row found a right row (g_free) */
} SgJoinReport;

void      sg_join_report_clear    (SgJoinReport *report);
JsonNode *sg_join_report_to_json  (const SgJoinReport *report);
GStrv     sg_join_report_describe (const SgJoinReport *report,
                                   const char         *left_name,
                                   const char         *right_name);

/* @report (may be NULL) is filled. Fails for an unknown key column or a key column of dates. */
SgTable  *sg_join_left            (SgTable       *left,
                                   const char    *left_key,
                                   SgTable       *right,
                                   const char    *right_key,
                                   SgJoinReport  *report,
                                   GError       **error);

G_END_DECLS
