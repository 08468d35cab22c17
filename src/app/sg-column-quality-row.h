/* sg-column-quality-row.h — one column of the data-quality view: its kind, missing values, distinct
 * values, range, skewness and outliers, with a small histogram or its most common values
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sg-quality.h"

G_BEGIN_DECLS

#define SG_TYPE_COLUMN_QUALITY_ROW (sg_column_quality_row_get_type ())
G_DECLARE_FINAL_TYPE (SgColumnQualityRow, sg_column_quality_row, SG, COLUMN_QUALITY_ROW, AdwPreferencesRow)

/* @quality is copied from; @n_rows: rows of the dataset; @is_id: the column identifies customers (no
 * distribution is shown). */
GtkWidget  *sg_column_quality_row_new        (const SgColumnQuality *quality,
                                              guint64                n_rows,
                                              gboolean               is_id);
const char *sg_column_quality_row_get_column (SgColumnQualityRow    *self);
/* "a long tail of large values"… for a skewness (pandas' G1). */
const char *sg_column_quality_skew_words     (double                 skewness);

G_END_DECLS
