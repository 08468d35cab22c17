/* prep-test-data.h — tables for the data-preparation tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sg-table.h"

G_BEGIN_DECLS

/* Seconds since 1970 UTC of a date and time. */
double   prep_test_time          (int year, int month, int day, int hour, int minute);
/* The tiny transaction log of test-derive.c (see there for the hand-computed features). */
SgTable *prep_test_transactions  (void);

G_END_DECLS
