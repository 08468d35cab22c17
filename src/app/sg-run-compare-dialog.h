/* sg-run-compare-dialog.h — how the customers of one segmentation are split in another
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two runs on the same dataset: the agreement in words ("Much the same segments: 92% of customers stay
 * together"), the adjusted Rand index explained, and a from/to table (rows: segments of the first run,
 * columns: segments of the second, counts and shares of the row). Customers left out of either run are
 * left out and counted. The labels are read and compared on a worker thread.
 */
#pragma once

#include <adwaita.h>

#include "sg-run-comparison.h"
#include "sg-session.h"

G_BEGIN_DECLS

#define SG_TYPE_RUN_COMPARE_DIALOG (sg_run_compare_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SgRunCompareDialog, sg_run_compare_dialog, SG, RUN_COMPARE_DIALOG, AdwWindow)

/* Offers the runs on @run_a's dataset; compares @run_a with @run_b at once. */
GtkWidget             *sg_run_compare_dialog_new            (SgSession          *session,
                                                             gint64              run_a,
                                                             gint64              run_b);
/* Compares another pair (both on the dialog's dataset). */
void                   sg_run_compare_dialog_set_runs       (SgRunCompareDialog *self,
                                                             gint64              run_a,
                                                             gint64              run_b);
/* The comparison shown, NULL while busy or after an error. */
const SgRunComparison *sg_run_compare_dialog_get_comparison (SgRunCompareDialog *self);
gboolean               sg_run_compare_dialog_get_busy       (SgRunCompareDialog *self);

G_END_DECLS
