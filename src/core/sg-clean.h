/* sg-clean.h — cleaning steps: duplicates, missing values, outliers, one-hot encoding
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each step works on a list of columns (GPtrArray of SgColumn *, owning them): the "working table" of a
 * recipe (sg-recipe.h), which is how the app applies them. Steps that learn something from the data
 * (a median to fill with, winsor bounds, the levels of a category) are split into fit (on one column)
 * and apply, so a recipe can re-apply the fitted values to new data.
 */
#pragma once

#include <glib.h>

#include "sg-table.h"

G_BEGIN_DECLS

/* Working tables. */
GPtrArray *sg_columns_from_table   (SgTable     *table);        /* copies */
SgTable   *sg_columns_to_table     (GPtrArray   *columns,
                                    const char  *name);         /* copies */
int        sg_columns_lookup       (GPtrArray   *columns,
                                    const char  *name);
guint      sg_columns_get_n_rows   (GPtrArray   *columns);
/* Keeps the rows whose @keep flag is set, in order. */
void       sg_columns_keep_rows    (GPtrArray   *columns,
                                    const guint8 *keep);

/* ---- duplicates ---- */

typedef enum {
  SG_KEEP_FIRST,
  SG_KEEP_LAST,
  SG_KEEP_AGGREGATE,   /* one row per id: numbers averaged, text: the most common value */
} SgKeep;

const char *sg_keep_to_string   (SgKeep keep);
gboolean    sg_keep_from_string (const char *name,
                                 SgKeep     *keep);

/* Flags rows that repeat an earlier row exactly (every column equal; missing equals missing).
 * Returns how many; @flags (may be NULL) receives n_rows flags (g_free). */
guint64  sg_clean_find_duplicate_rows (GPtrArray   *columns,
                                       guint8     **flags);
/* Removes exact duplicate rows, keeping the first. Returns how many were removed. */
guint64  sg_clean_drop_duplicate_rows (GPtrArray   *columns);
/* Leaves one row per value of column @id. @n_removed: rows removed, @n_ids: ids that had several
 * rows. Rows without an id are kept as they are. */
gboolean sg_clean_dedupe_ids          (GPtrArray   *columns,
                                       const char  *id,
                                       SgKeep       keep,
                                       guint64     *n_removed,
                                       guint64     *n_ids,
                                       GError     **error);

/* ---- missing values ---- */

typedef enum {
  SG_FILL_MEDIAN,
  SG_FILL_MEAN,
  SG_FILL_MODE,
  SG_FILL_CONSTANT,
  SG_FILL_DROP_ROWS,
} SgFillMethod;

const char *sg_fill_method_to_string   (SgFillMethod method);
gboolean    sg_fill_method_from_string (const char   *name,
                                        SgFillMethod *method);
/* The default for a column and a sentence saying why (g_free). */
SgFillMethod sg_clean_default_fill     (const SgColumn *column,
                                        char          **why);
/* The value to fill with: a number for numeric columns, else a string. Constant: from @constant. */
gboolean sg_clean_fit_fill             (const SgColumn  *column,
                                        SgFillMethod     method,
                                        double          *number,
                                        char           **string,
                                        GError         **error);
/* Fills the missing values of column @index; with @flag, first adds a boolean column
 * "NAME_was_missing" (role "missing_flag") right after it. Returns how many were filled. */
guint64  sg_clean_apply_fill           (GPtrArray   *columns,
                                        guint        index,
                                        double       number,
                                        const char  *string,
                                        gboolean     flag);
/* Drops rows with a missing value in any of @names (NULL-terminated). */
gboolean sg_clean_drop_missing         (GPtrArray          *columns,
                                        const char *const  *names,
                                        guint64            *n_removed,
                                        GError            **error);

/* ---- outliers ---- */

typedef enum {
  SG_OUTLIER_IQR,         /* outside [Q1 − k·IQR, Q3 + k·IQR], k default 1.5 */
  SG_OUTLIER_ZSCORE,      /* outside mean ± k·std (population), k default 3 */
  SG_OUTLIER_PERCENTILE,  /* outside [p_lower, p_upper] percentiles: winsorising, default 1 %–99 % */
} SgOutlierRule;

const char *sg_outlier_rule_to_string   (SgOutlierRule rule);
gboolean    sg_outlier_rule_from_string (const char    *name,
                                         SgOutlierRule *rule);
/* Bounds by @rule: @a is k (IQR, z-score) or the lower quantile in [0, 1] (percentile), @b the upper
 * quantile (percentile only). */
gboolean sg_clean_outlier_bounds       (const SgColumn *column,
                                        SgOutlierRule   rule,
                                        double          a,
                                        double          b,
                                        double         *low,
                                        double         *high,
                                        GError        **error);
guint64  sg_clean_count_outside        (const SgColumn *column,
                                        double          low,
                                        double          high);
/* Caps values below @low to @low and above @high to @high. Returns how many were changed. */
guint64  sg_clean_cap                  (SgColumn       *column,
                                        double          low,
                                        double          high);

/* ---- one-hot encoding ---- */

/* The levels to keep: the @max_levels most common (ties: first seen), each on at least @min_share of
 * the rows; @has_other says whether other levels exist (pooled into "Other"). */
gboolean sg_clean_fit_one_hot          (const SgColumn *column,
                                        guint           max_levels,
                                        double          min_share,
                                        GPtrArray     **levels,
                                        gboolean       *has_other,
                                        GError        **error);
/* Replaces column @index by one column per level ("NAME=level", and "NAME=Other" when @has_other),
 * holding @weight / √2 for the row's level and 0 elsewhere (so two customers in different levels are
 * @weight apart, as one standard deviation of a standardised numeric column when @weight is 1);
 * a missing value gives 0 in every column. Role "one_hot". */
void     sg_clean_apply_one_hot        (GPtrArray   *columns,
                                        guint        index,
                                        GPtrArray   *levels,
                                        gboolean     has_other,
                                        double       weight);

G_END_DECLS
