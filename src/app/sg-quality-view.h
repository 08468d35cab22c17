/* sg-quality-view.h — the data-quality report of the working dataset: rows, exact duplicates, repeated
 * and missing ids, coverage against another dataset, and a SgColumnQualityRow per column
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sg-quality.h"

G_BEGIN_DECLS

#define SG_TYPE_QUALITY_VIEW (sg_quality_view_get_type ())
G_DECLARE_FINAL_TYPE (SgQualityView, sg_quality_view, SG, QUALITY_VIEW, AdwBin)

/* The datasets that can be compared with (SgDatasetInfo, not kept), other than @dataset_id. Keeps the
 * choice when that dataset is still there. */
void     sg_quality_view_set_datasets   (SgQualityView   *self,
                                         GPtrArray       *datasets,
                                         gint64           dataset_id);
/* Shows @report (NULL: nothing); nothing of it is kept. @compare_note: why no coverage could be
 * computed, or NULL. */
void     sg_quality_view_set_report     (SgQualityView   *self,
                                         SgQualityReport *report,
                                         const char      *compare_note);
/* The dataset chosen to compare with (0: none); ::compare-changed when the user changes it. */
gint64   sg_quality_view_get_compare_id (SgQualityView   *self);
void     sg_quality_view_set_compare_id (SgQualityView   *self,
                                         gint64           dataset_id);
guint    sg_quality_view_get_n_columns  (SgQualityView   *self);
/* The row of @column, or NULL. */
GtkWidget *sg_quality_view_get_row      (SgQualityView   *self,
                                         const char      *column);

G_END_DECLS
