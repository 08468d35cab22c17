/* sg-recipe-editor.h — the recipe of the Prepare page: its steps in plain words, edits with undo and
 * redo, applying it in the background, and the project's saved recipes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every change of the recipe goes through the editor (sg_recipe_editor_edit()), which keeps the history;
 * ::changed tells the page to show the new recipe. Its buttons use the page's actions recipe.undo,
 * recipe.redo, recipe.apply and recipe.cancel.
 */
#pragma once

#include <adwaita.h>

#include "sg-recipe.h"
#include "sg-session.h"

G_BEGIN_DECLS

#define SG_TYPE_RECIPE_EDITOR (sg_recipe_editor_get_type ())
G_DECLARE_FINAL_TYPE (SgRecipeEditor, sg_recipe_editor, SG, RECIPE_EDITOR, AdwBin)

/* The dataset the recipe prepares (0: none). Cancels an apply that is running. */
void            sg_recipe_editor_set_target  (SgRecipeEditor *self,
                                              SgSession      *session,
                                              gint64          dataset_id);
gint64          sg_recipe_editor_get_dataset_id (SgRecipeEditor *self);
/* Starts over with @recipe (copied; NULL: none) and an empty history. */
void            sg_recipe_editor_set_recipe  (SgRecipeEditor *self,
                                              const SgRecipe *recipe);
const SgRecipe *sg_recipe_editor_get_recipe  (SgRecipeEditor *self);
/* Records a change: @recipe (copied) replaces the current one, which goes on the undo history.
 * Returns FALSE when @recipe is the same as the current one. */
gboolean        sg_recipe_editor_edit        (SgRecipeEditor *self,
                                              const SgRecipe *recipe);
gboolean        sg_recipe_editor_can_undo    (SgRecipeEditor *self);
gboolean        sg_recipe_editor_can_redo    (SgRecipeEditor *self);
gboolean        sg_recipe_editor_undo        (SgRecipeEditor *self);
gboolean        sg_recipe_editor_redo        (SgRecipeEditor *self);
/* A sentence under the summary (why there is no suggestion…); NULL for none. */
void            sg_recipe_editor_set_note    (SgRecipeEditor *self,
                                              const char     *note);

/* Prepares the target dataset with the recipe in the background: a new "prepared" dataset that becomes
 * the session's current one, then ::prepared. */
gboolean        sg_recipe_editor_can_apply   (SgRecipeEditor *self);
void            sg_recipe_editor_apply       (SgRecipeEditor *self);
void            sg_recipe_editor_cancel      (SgRecipeEditor *self);
gboolean        sg_recipe_editor_get_busy    (SgRecipeEditor *self);
/* Re-reads the project's saved recipes. */
void            sg_recipe_editor_reload_saved (SgRecipeEditor *self);
guint           sg_recipe_editor_get_n_saved (SgRecipeEditor *self);

G_END_DECLS
