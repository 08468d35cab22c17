/* sg-recipe.h — a preparation recipe: ordered steps with their parameters and fitted values
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A recipe turns a dataset into features. Each step has an operation, parameters (what the user chose)
 * and, once fitted, the values it learnt from the data (medians used to fill, winsor bounds, levels,
 * quintile edges, scaler centres and scales). Applying a fitted recipe to new data uses those values as
 * they are, so the same customer gives the same features. Raw data is never modified: preparing creates
 * a new "prepared" dataset, and the recipe is stored in the project beside it.
 *
 * Operations and their parameters (JSON):
 *   select        {"columns": [names], "id": name?}   keep the id column(s) and these, in this order
 *   drop_columns  {"columns": [names]}
 *   dedupe_rows   {}                                  remove exact duplicate rows (keep the first)
 *   dedupe_ids    {"column": name, "keep": "first"|"last"|"aggregate"}
 *   drop_missing  {"columns": [names]}
 *   fill_missing  {"column": name, "method": "median"|"mean"|"mode"|"constant", "value": v?, "flag": bool?}
 *                 fitted {"value": number or string}
 *   cap_outliers  {"column": name, "rule": "percentile"|"iqr"|"zscore", "lower": 0.01, "upper": 0.99, "k": 1.5}
 *                 fitted {"low": x, "high": y}
 *   log1p         {"columns": [names]}                 log(1 + x); values must be ≥ 0
 *   scale         {"columns": [names], "method": "zscore"|"minmax"|"robust"|"none"}
 *                 fitted: the scaler (sg_scaler_to_json)
 *   one_hot       {"column": name, "max_levels": 10, "min_share": 0.01, "weight": 1}
 *                 fitted {"levels": [strings], "other": bool}
 *   rfm           {"recency": name?, "frequency": name?, "monetary": name?}   fitted: score edges
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "sg-progress.h"
#include "sg-project.h"
#include "sg-table.h"

G_BEGIN_DECLS

typedef struct {
  char       *op;
  JsonObject *params;   /* never NULL */
  JsonObject *fitted;   /* NULL until fitted */
} SgRecipeStep;

typedef struct {
  gint64     id;          /* in the project; 0 when not stored */
  gint64     dataset_id;  /* the dataset it was made for; 0 when none */
  char      *name;
  GPtrArray *steps;       /* SgRecipeStep */
} SgRecipe;

/* The operations a recipe knows, NULL-terminated. */
const char *const *sg_recipe_ops (void);

SgRecipeStep *sg_recipe_step_new      (const char         *op,
                                       JsonObject         *params);   /* ref taken; NULL: {} */
void          sg_recipe_step_free     (SgRecipeStep       *step);
SgRecipeStep *sg_recipe_step_copy     (const SgRecipeStep *step);
gboolean      sg_recipe_step_needs_fit (const SgRecipeStep *step);
/* One line in plain words ("Fill missing “Income” with the median (51,381.5)"). */
char         *sg_recipe_step_describe (const SgRecipeStep *step);

SgRecipe *sg_recipe_new          (const char       *name);
void      sg_recipe_free         (SgRecipe         *recipe);
SgRecipe *sg_recipe_copy         (const SgRecipe   *recipe);
/* Editing. Each edit forgets every fitted value (later steps depend on earlier ones): the next
 * prepare fits again. */
void      sg_recipe_append       (SgRecipe         *recipe,
                                  SgRecipeStep     *step);             /* takes @step */
gboolean  sg_recipe_insert       (SgRecipe         *recipe,
                                  guint             index,
                                  SgRecipeStep     *step,              /* takes @step */
                                  GError          **error);
gboolean  sg_recipe_remove       (SgRecipe         *recipe,
                                  guint             index,
                                  GError          **error);
gboolean  sg_recipe_move         (SgRecipe         *recipe,
                                  guint             from,
                                  guint             to,
                                  GError          **error);
gboolean  sg_recipe_set_param    (SgRecipe         *recipe,
                                  guint             index,
                                  const char       *name,
                                  JsonNode         *value,             /* copied; NULL removes */
                                  GError          **error);
void      sg_recipe_clear_fitted (SgRecipe         *recipe);
gboolean  sg_recipe_is_fitted    (const SgRecipe   *recipe);
/* Checks operations and required parameters. */
gboolean  sg_recipe_validate     (const SgRecipe   *recipe,
                                  GError          **error);
/* One line per step, numbered from 1. */
GStrv     sg_recipe_describe     (const SgRecipe   *recipe);

JsonNode *sg_recipe_to_json      (const SgRecipe   *recipe);
char     *sg_recipe_to_string    (const SgRecipe   *recipe,
                                  gboolean          pretty);
/* Reads {"name": …, "steps": [...]} or a bare array of steps. */
SgRecipe *sg_recipe_from_json    (JsonNode         *node,
                                  GError          **error);
SgRecipe *sg_recipe_from_string  (const char       *text,
                                  GError          **error);
SgRecipe *sg_recipe_load_file    (const char       *path,
                                  GError          **error);

/* Runs the steps on a copy of @input and returns the result (@input is left untouched).
 * @fit TRUE: steps without fitted values are fitted on the data reaching them (and keep those values);
 * @fit FALSE: every step must already be fitted (re-applying to new data). @log (may be NULL) receives
 * one sentence per step saying what it did. */
SgTable  *sg_recipe_run          (SgRecipe         *recipe,
                                  SgTable          *input,
                                  gboolean          fit,
                                  SgProgress       *progress,
                                  GStrv            *log,
                                  GError          **error);

/* ---- in a project (sg-project-recipes.c) ---- */

/* Inserts the recipe (recipe->id 0) or updates it; sets recipe->id. */
gboolean   sg_project_save_recipe   (SgProject   *project,
                                     SgRecipe    *recipe,
                                     GError     **error);
SgRecipe  *sg_project_load_recipe   (SgProject   *project,
                                     gint64       recipe_id,
                                     GError     **error);
/* Recipes (SgRecipe) made for @dataset_id, or all when 0, oldest first. */
GPtrArray *sg_project_list_recipes  (SgProject   *project,
                                     gint64       dataset_id,
                                     GError     **error);
gboolean   sg_project_delete_recipe (SgProject   *project,
                                     gint64       recipe_id,
                                     GError     **error);
/* Loads dataset @dataset_id, runs @recipe on it (fitting what is not fitted), saves the recipe (with its
 * fitted values) and stores the result as a new "prepared" dataset named @name (NULL: "NAME prepared",
 * made unique), all in one transaction. Returns the new dataset's id, or 0 with the project unchanged. */
gint64     sg_project_prepare_dataset (SgProject  *project,
                                       gint64      dataset_id,
                                       SgRecipe   *recipe,
                                       const char *name,
                                       SgProgress *progress,
                                       GStrv      *log,
                                       GError    **error);
/* The same on a worker thread with its own connection; the fitted recipe is returned by finish(). */
void       sg_project_prepare_dataset_async  (SgProject           *project,
                                              gint64               dataset_id,
                                              const SgRecipe      *recipe,
                                              const char          *name,
                                              GCancellable        *cancellable,
                                              SgProgressFunc       progress_func,
                                              gpointer             progress_data,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gint64     sg_project_prepare_dataset_finish (SgProject           *project,
                                              GAsyncResult        *result,
                                              SgRecipe           **fitted,
                                              GStrv               *log,
                                              GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SgRecipe, sg_recipe_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SgRecipeStep, sg_recipe_step_free)

G_END_DECLS
