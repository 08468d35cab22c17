/* sg-type-infer.h — reading single values (missing, yes/no, dates) and guessing a column's type
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "sg-importer.h"
#include "sg-table.h"

G_BEGIN_DECLS

/* Empty, whitespace only, NA, N/A, null, NaN, -, ? (any case, surrounding spaces allowed). */
gboolean sg_value_is_missing  (const char *s,
                               gsize       len);
/* 1 for yes/true/y/t, 0 for no/false/n/f (any case), -1 for anything else. */
int      sg_parse_boolean     (const char *s,
                               gsize       len);

/* Bits (1 << SgDateOrder) for the orders under which [s, s + len) is a valid date or date-time:
 * SG_DATE_ORDER_YMD for a 4-digit year first (ISO 8601, 2024/03/05), DMY and/or MDY for a year last
 * (4 or 2 digits). 0 if it is no date. @has_time (optional) is set when a time of day follows. */
guint    sg_date_orders       (const char *s,
                               gsize       len,
                               gboolean   *has_time);
/* Reads a date or date-time as seconds since 1970-01-01 00:00 UTC (a time zone offset, if written,
 * is applied). A 4-digit year first is always read as year-month-day; otherwise @order says how
 * (SG_DATE_ORDER_AUTO accepts only a value that reads one way). */
gboolean sg_parse_date        (const char *s,
                               gsize       len,
                               SgDateOrder order,
                               double     *seconds,
                               gboolean   *has_time);

/* Does a column name look like an identifier's ("id", "CustomerID", "cust_id", "Client Id")? */
gboolean sg_name_looks_like_id (const char *name);

/* What a sample of one column's values looked like. */
typedef struct {
  guint64     n_values;        /* not missing */
  guint64     n_missing;
  guint64     n_integer;       /* whole numbers written without leading zeros, within ±2^53 */
  guint64     n_number;        /* numbers with a '.' decimal point (whole ones included) */
  guint64     n_number_comma;  /* numbers with a ',' decimal point (whole ones included) */
  guint64     n_comma_decimal; /* of which have a ',' (like 1,5) */
  guint64     n_padded;        /* whole numbers with leading zeros (0012) */
  guint64     n_boolean;
  guint64     n_date[4];       /* indexed by SgDateOrder (YMD, DMY, MDY) */
  guint64     n_date_any;
  guint64     n_time;
  guint64     n_email;
  guint64     n_space;         /* values with whitespace inside */
  guint64     n_digit;         /* values with a digit */
  gsize       max_len;
  GHashTable *distinct;        /* value → NULL */
} SgColumnStats;

void     sg_column_stats_init  (SgColumnStats *stats);
void     sg_column_stats_clear (SgColumnStats *stats);
/* Adds one value (UTF-8, NUL-terminated). */
void     sg_column_stats_add   (SgColumnStats *stats,
                                const char    *value,
                                gsize          len);

typedef struct {
  SgColumnType type;
  SgDateOrder  date_order;    /* for date kinds: how to read them (AUTO if ambiguous) */
  gboolean     ambiguous;
  const char  *role;          /* static string or NULL */
  char        *note;          /* sentence for the user, or NULL */
} SgTypeGuess;

/* Guesses a column's type from its sample. @date_order: the order the user chose, or AUTO. */
void     sg_column_stats_guess (const SgColumnStats *stats,
                                const char          *name,
                                gboolean             decimal_comma,
                                SgDateOrder          date_order,
                                SgTypeGuess         *guess);

G_END_DECLS
