/* sg-recipe-step-dialog.h — a dialog to set the parameters of one recipe step
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Asks for what the step's operation needs (columns, a method, percentiles…) with the working dataset's
 * columns to choose from, and hands the new step to @done when the user confirms.
 */
#pragma once

#include <adwaita.h>

#include "sg-recipe.h"

G_BEGIN_DECLS

/* @step: (transfer full): the step as the user set it. */
typedef void (*SgRecipeStepDialogDone) (SgRecipeStep *step,
                                        gpointer      user_data);

/* The operations the "Add Step" menu offers, in its order, and their names for people. */
const char *const *sg_recipe_step_dialog_ops      (void);
const char        *sg_recipe_step_dialog_op_label (const char *op);
/* TRUE when @op has parameters to ask for. */
gboolean           sg_recipe_step_dialog_has_params (const char *op);

/* @step: the step to change, or NULL for a new step of @op. @columns: SgColumnInfo of the dataset.
 * @user_data is referenced while the dialog is open when it is a GObject (@user_data_is_object). */
void sg_recipe_step_dialog_present (GtkWidget              *parent,
                                    const char             *op,
                                    const SgRecipeStep     *step,
                                    GPtrArray              *columns,
                                    SgRecipeStepDialogDone  done,
                                    GObject                *user_data);

G_END_DECLS
