/* sg-run-validation.h — checking whether a run's segments can be trusted: the options, the work with
 * progress and Cancel, and the results (stability per segment, over time, the comparison with an existing
 * segmentation, the run's warnings with what to do)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A dialog over the window. It opens on the stored results when the run was checked before, else on the
 * options. "validation.run" checks with the options shown (sg_run_report_compute_async()); the results are
 * stored with the run and the session reloaded, so the dashboard and the details follow.
 */
#pragma once

#include <adwaita.h>

#include "sg-segment-compare.h"
#include "sg-segments-page.h"
#include "sg-session.h"

G_BEGIN_DECLS

#define SG_TYPE_RUN_VALIDATION (sg_run_validation_get_type ())
G_DECLARE_FINAL_TYPE (SgRunValidation, sg_run_validation, SG, RUN_VALIDATION, AdwWindow)

SgRunValidation  *sg_run_validation_new        (SgSession       *session,
                                                gint64           run_id);
/* The window's check of @run_id (a new one, or the one already open), presented over @from's window; on the
 * comparison when @comparison and there is one. */
SgRunValidation  *sg_run_validation_present    (GtkWidget       *from,
                                                SgSession       *session,
                                                gint64           run_id,
                                                gboolean         comparison);
/* Gives @page the actions "validation.check" (open the check of the run shown) and "validation.compare"
 * (open it on the comparison). */
void              sg_run_validation_add_actions (SgSegmentsPage *page);

gint64            sg_run_validation_get_run_id (SgRunValidation *self);
/* Options, as the user sets them in the dialog. */
void              sg_run_validation_set_bootstrap      (SgRunValidation *self,
                                                        guint            n_boot);
/* @column: a categorical column of the run's dataset, or NULL for none; FALSE if it is not offered. */
gboolean          sg_run_validation_set_compare_column (SgRunValidation *self,
                                                        const char      *column);
/* The column chosen for the comparison, or NULL for none. */
const char       *sg_run_validation_get_compare_column (SgRunValidation *self);
/* Asks for stability over time (only when sg_run_validation_can_check_time()). */
void              sg_run_validation_set_time           (SgRunValidation *self,
                                                        gboolean         time);
/* The columns offered for the comparison (NULL-terminated, owned by the dialog). */
const char *const *sg_run_validation_get_compare_columns (SgRunValidation *self);
/* Whether stability over time can be asked for (the dataset was derived from purchases). */
gboolean          sg_run_validation_can_check_time     (SgRunValidation *self);
gboolean          sg_run_validation_is_running (SgRunValidation *self);
/* "options", "running", "results" or "comparison". */
const char       *sg_run_validation_get_page   (SgRunValidation *self);
SgSegmentCompare *sg_run_validation_get_compare (SgRunValidation *self);

G_END_DECLS
