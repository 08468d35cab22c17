/* sg-run-comparison.h — how two segmentations of the same customers agree, in numbers and in words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure logic for the run comparison: customers left out of either run (missing values) are left out
 * and counted; the rest are cross-tabulated (rows: run A's segments, columns: run B's; DBSCAN's
 * unassigned customers form one group, label -1) and scored with the adjusted Rand index.
 */
#pragma once

#include <glib.h>

#include "sg-agreement.h"

G_BEGIN_DECLS

typedef struct {
  gsize          n_common;     /* customers segmented in both runs */
  gsize          n_left_out;   /* customers left out of either run */
  double         ari;          /* adjusted Rand index over the common customers */
  double         stay_share;   /* share of customers who went where most of their A segment went */
  SgContingency *table;        /* rows: A's labels, columns: B's */
} SgRunComparison;

/* Compares the label arrays of two runs (one label per dataset row). Fails with one sentence when
 * the runs are not on the same rows or no customer is in both. */
SgRunComparison *sg_run_comparison_new      (const gint32          *a,
                                             gsize                  n_a,
                                             const gint32          *b,
                                             gsize                  n_b,
                                             GError               **error);
void             sg_run_comparison_free     (SgRunComparison       *comparison);
/* Customers in row @i (a segment of A), and in the whole table. */
guint64          sg_run_comparison_row_total (const SgRunComparison *comparison,
                                              guint                  i);
guint64          sg_run_comparison_total    (const SgRunComparison *comparison);
/* "Almost the same segments", "Much the same segments", "Partly the same segments", "Different segments". */
const char      *sg_run_comparison_verdict  (double                 ari);
/* "Much the same segments: 92% of customers stay together." */
char            *sg_run_comparison_headline (const SgRunComparison *comparison);
/* A cell: "412\n87%" (customers, and their share of the row's segment). */
char            *sg_run_comparison_cell     (const SgRunComparison *comparison,
                                             guint                  i,
                                             guint                  j);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SgRunComparison, sg_run_comparison_free)

G_END_DECLS
