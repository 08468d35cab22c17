/* sg-prepare-page.h — the Prepare step: customer features built from purchases, the columns and the
 * recipe that turns a dataset into what the segments are built on, and the data quality
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Three sections: "derive" (SgDerivePanel), "features" (SgFeatureList beside SgRecipeEditor) and
 * "quality" (SgQualityView). They work on the "working dataset": the session's current dataset, or the
 * dataset a prepared one was made from. Its quality and the advice are computed in the background
 * (sg-prepare-analysis.h). Actions: prepare.build-features, prepare.cancel-build, prepare.show-section,
 * prepare.cancel-analysis, recipe.undo (Ctrl+Z), recipe.redo (Ctrl+Shift+Z), recipe.apply (Ctrl+Enter),
 * recipe.cancel. Until the project has a dataset, the page says why and links to the Data step.
 */
#pragma once

#include <adwaita.h>

#include "sg-derive-panel.h"
#include "sg-feature-list.h"
#include "sg-quality-view.h"
#include "sg-recipe-editor.h"
#include "sg-session.h"

G_BEGIN_DECLS

#define SG_TYPE_PREPARE_PAGE (sg_prepare_page_get_type ())
G_DECLARE_FINAL_TYPE (SgPreparePage, sg_prepare_page, SG, PREPARE_PAGE, AdwBin)

SgSession      *sg_prepare_page_get_session      (SgPreparePage *self);
void            sg_prepare_page_set_session      (SgPreparePage *self,
                                                  SgSession     *session);
/* TRUE when the project has what this step needs. */
gboolean        sg_prepare_page_get_ready        (SgPreparePage *self);
/* The dataset the features, recipe and quality are about (0: none). */
gint64          sg_prepare_page_get_working_id   (SgPreparePage *self);
/* TRUE while the working dataset's quality and advice are being computed. */
gboolean        sg_prepare_page_get_analysing    (SgPreparePage *self);
/* The analysis of the working dataset once computed, else NULL (owned by the page). */
SgPrepareAnalysis *sg_prepare_page_get_analysis  (SgPreparePage *self);
/* "derive", "features" or "quality". */
void            sg_prepare_page_show_section     (SgPreparePage *self,
                                                  const char    *section);
const char     *sg_prepare_page_get_section      (SgPreparePage *self);

SgDerivePanel  *sg_prepare_page_get_derive_panel (SgPreparePage *self);
SgFeatureList  *sg_prepare_page_get_feature_list (SgPreparePage *self);
SgRecipeEditor *sg_prepare_page_get_recipe_editor (SgPreparePage *self);
SgQualityView  *sg_prepare_page_get_quality_view (SgPreparePage *self);

/* The dataset a prepared dataset was made from (its report's "prepared_from"), else @info's own id. */
gint64          sg_prepare_page_source_dataset   (SgDatasetInfo *info);

G_END_DECLS
