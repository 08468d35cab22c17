/* sg-quality.h — the data-quality report of a dataset
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Per column: type, missing count and share, distinct values; for numbers min/quartiles/median/max,
 * mean, standard deviation, skewness (pandas' G1), outliers by the IQR rule (1.5 × IQR beyond the
 * quartiles) and by |z| > 3, and histogram bins (equal width over [min, max]) for the app's small
 * charts; for categories and text the most common values. Per dataset: rows, exact duplicate rows,
 * the id column with duplicate and missing ids, and optionally the join coverage against another table.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "sg-progress.h"
#include "sg-project.h"
#include "sg-table.h"

G_BEGIN_DECLS

#define SG_QUALITY_BINS 20
#define SG_QUALITY_TOP  5

typedef struct {
  char         *name;
  SgColumnType  type;
  char         *role;
  guint64       n_missing;
  double        missing_share;
  guint64       n_distinct;
  /* numeric kinds (NaN otherwise, or when every value is missing) */
  double        min, q1, median, q3, max, mean, std, skewness;
  guint64       outliers_iqr;
  guint64       outliers_z;
  guint         n_bins;                 /* 0 for non-numeric columns */
  double        bin_edges[SG_QUALITY_BINS + 1];
  guint64       bin_counts[SG_QUALITY_BINS];
  /* string kinds (and booleans): the most common values, most common first */
  guint         n_top;
  char         *top_values[SG_QUALITY_TOP];
  guint64       top_counts[SG_QUALITY_TOP];
} SgColumnQuality;

typedef struct {
  char       *dataset;
  guint64     n_rows;
  guint       n_columns;
  guint64     duplicate_rows;
  char       *id_column;        /* NULL when none was found */
  guint64     duplicate_ids;    /* rows whose id appeared on an earlier row */
  guint64     missing_ids;
  GPtrArray  *columns;          /* SgColumnQuality */
  /* join coverage (sg_quality_add_join) */
  gboolean    has_join;
  char       *join_with;
  guint64     join_matched;     /* rows of this dataset whose id is in the other */
  guint64     join_unmatched;
  guint64     join_other_unmatched;
} SgQualityReport;

/* @id_column: NULL to use the column with role "id" (or none). */
SgQualityReport *sg_quality_analyse      (SgTable          *table,
                                          const char       *id_column,
                                          SgProgress       *progress,
                                          GError          **error);
/* Adds how many rows of the analysed table find their key in @other (and how many keys of @other
 * find no row). */
gboolean         sg_quality_add_join     (SgQualityReport  *report,
                                          SgTable          *table,
                                          const char       *key,
                                          SgTable          *other,
                                          const char       *other_key,
                                          GError          **error);
/* Loads dataset @dataset_id of @project and analyses it. */
SgQualityReport *sg_quality_analyse_dataset (SgProject     *project,
                                             gint64         dataset_id,
                                             const char    *id_column,
                                             SgProgress    *progress,
                                             GError       **error);
/* The same on a worker thread with its own connection; progress on the caller's main context. */
void             sg_quality_analyse_dataset_async  (SgProject           *project,
                                                    gint64               dataset_id,
                                                    const char          *id_column,
                                                    GCancellable        *cancellable,
                                                    SgProgressFunc       progress_func,
                                                    gpointer             progress_data,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
SgQualityReport *sg_quality_analyse_dataset_finish (SgProject           *project,
                                                    GAsyncResult        *result,
                                                    GError             **error);
void             sg_quality_report_free  (SgQualityReport  *report);
JsonNode        *sg_quality_report_to_json (const SgQualityReport *report);
/* Lines for a terminal: one per dataset figure and one per column. */
GStrv            sg_quality_report_describe (const SgQualityReport *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SgQualityReport, sg_quality_report_free)

G_END_DECLS
