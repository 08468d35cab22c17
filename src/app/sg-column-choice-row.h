/* sg-column-choice-row.h — one column on the Prepare page: whether the segments use it, how it is scaled,
 * what happens to its missing and extreme values, and the advice about it in plain words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The row shows a SgColumnChoice (sg-recipe-choices.h) and emits ::changed when the user edits it; the
 * owner turns that into a recipe edit and sets the recipe's reading back with set_choice().
 */
#pragma once

#include <adwaita.h>

#include "sg-advice.h"
#include "sg-quality.h"
#include "sg-recipe-choices.h"

G_BEGIN_DECLS

#define SG_TYPE_COLUMN_CHOICE_ROW (sg_column_choice_row_get_type ())
G_DECLARE_FINAL_TYPE (SgColumnChoiceRow, sg_column_choice_row, SG, COLUMN_CHOICE_ROW, AdwExpanderRow)

/* @quality: the column's data-quality figures (copied; may be NULL); @advice: SgAdviceItem about it
 * (copied; may be NULL); @n_rows: rows of the dataset. */
SgColumnChoiceRow *sg_column_choice_row_new        (const char             *column,
                                                    SgColumnType            type,
                                                    const SgColumnQuality  *quality,
                                                    GPtrArray              *advice,
                                                    guint64                 n_rows);
const char        *sg_column_choice_row_get_column (SgColumnChoiceRow      *self);
SgColumnKind       sg_column_choice_row_get_kind   (SgColumnChoiceRow      *self);
/* What the row shows (owned by the row). */
const SgColumnChoice *sg_column_choice_row_get_choice (SgColumnChoiceRow   *self);
/* Shows what the recipe does to the column. A column the recipe leaves out keeps the other settings
 * the row had, so switching it back on restores them. Does not emit ::changed. */
void               sg_column_choice_row_set_choice (SgColumnChoiceRow      *self,
                                                    const SgColumnChoice   *choice);
/* The settings the row offers before the recipe says anything (the advice's: log scale for a skewed
 * column, the usual fill for its type). Does not emit ::changed. */
void               sg_column_choice_row_set_default_choice (SgColumnChoiceRow *self,
                                                            const SgColumnChoice *choice);
/* For tests and keyboard users alike: the same as using the controls. */
void               sg_column_choice_row_set_included  (SgColumnChoiceRow   *self,
                                                       gboolean             included);
void               sg_column_choice_row_set_transform (SgColumnChoiceRow   *self,
                                                       SgTransform          transform);
/* A short line under the column's name: its kind and the gist of the advice. */
char              *sg_column_choice_row_summary    (SgColumnType            type,
                                                    double                  missing_share,
                                                    GPtrArray              *advice);

G_END_DECLS
