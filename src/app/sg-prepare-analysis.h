/* sg-prepare-analysis.h — what the Prepare page knows about a dataset: its data-quality report and the
 * feature advice, computed together on a worker thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One background job loads the dataset once and runs sg_quality_analyse() and sg_advice_analyse() on it,
 * optionally checking which of its ids appear in another dataset (join coverage). Plain GLib: tested
 * without a display.
 */
#pragma once

#include <gio/gio.h>

#include "sg-advice.h"
#include "sg-progress.h"
#include "sg-project.h"
#include "sg-quality.h"

G_BEGIN_DECLS

typedef struct {
  gint64           dataset_id;
  SgQualityReport *quality;
  SgAdvice        *advice;        /* NULL when the advice failed (see advice_error) */
  char            *advice_error;  /* why there is no advice, or NULL */
  SgRecipe        *suggested;     /* the advice as a recipe; NULL when no column suits clustering */
} SgPrepareAnalysis;

void               sg_prepare_analysis_free   (SgPrepareAnalysis *analysis);

/* Synchronous (the worker's body). @other_id (0: none) and @other_key: the dataset and column the ids
 * of @dataset_id are looked up in, by @key (NULL: the id column). */
SgPrepareAnalysis *sg_prepare_analyse         (SgProject          *project,
                                               gint64              dataset_id,
                                               const char         *key,
                                               gint64              other_id,
                                               const char         *other_key,
                                               SgProgress         *progress,
                                               GError            **error);
void               sg_prepare_analyse_async   (SgProject          *project,
                                               gint64              dataset_id,
                                               const char         *key,
                                               gint64              other_id,
                                               const char         *other_key,
                                               GCancellable       *cancellable,
                                               SgProgressFunc      progress_func,
                                               gpointer            progress_data,
                                               GAsyncReadyCallback callback,
                                               gpointer            user_data);
SgPrepareAnalysis *sg_prepare_analyse_finish  (SgProject          *project,
                                               GAsyncResult       *result,
                                               GError            **error);

/* The column of a SgQualityReport by name, or NULL. */
SgColumnQuality   *sg_prepare_analysis_lookup_column (SgPrepareAnalysis *analysis,
                                                      const char        *name);
/* The advice items about @column (SgAdviceItem, not owned), in the advice's order. */
GPtrArray         *sg_prepare_analysis_advice_for    (SgPrepareAnalysis *analysis,
                                                      const char        *column);

/* A value of a column as people read it: dates as dates, numbers with few digits; "—" for NaN. */
char              *sg_prepare_format_value           (double             value,
                                                      SgColumnType       type);
/* 0.034 → "3.4%" (whole percents from 10%). */
char              *sg_prepare_format_share           (double             share);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SgPrepareAnalysis, sg_prepare_analysis_free)

G_END_DECLS
