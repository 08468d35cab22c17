/* sg-feature-list.h — the columns of the working dataset as the recipe uses them: repeated rows, then one
 * SgColumnChoiceRow per column
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The list shows what a recipe does (set_recipe) and, when the user changes a row, emits ::edited with
 * the recipe as it should now be; the owner records that edit (undo) and sets it back.
 */
#pragma once

#include <adwaita.h>

#include "sg-column-choice-row.h"
#include "sg-prepare-analysis.h"
#include "sg-recipe.h"

G_BEGIN_DECLS

#define SG_TYPE_FEATURE_LIST (sg_feature_list_get_type ())
G_DECLARE_FINAL_TYPE (SgFeatureList, sg_feature_list, SG, FEATURE_LIST, AdwBin)

/* Builds a row per column of @analysis's dataset (NULL: none). @analysis must outlive the rows'
 * construction only; nothing is kept. */
void               sg_feature_list_set_analysis (SgFeatureList     *self,
                                                 SgPrepareAnalysis *analysis);
/* Shows what @recipe does (copied; NULL: nothing chosen). */
void               sg_feature_list_set_recipe   (SgFeatureList     *self,
                                                 const SgRecipe    *recipe);
guint              sg_feature_list_get_n_rows   (SgFeatureList     *self);
SgColumnChoiceRow *sg_feature_list_get_row      (SgFeatureList     *self,
                                                 const char        *column);

G_END_DECLS
