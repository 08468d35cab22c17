/* sg-recipe-choices.h — what the Prepare page's controls say about one column, read from and written
 * into a recipe
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The recipe (sg-recipe.h) is the one truth: the column rows show what it does to each column, and a
 * change in a row is a targeted edit of the recipe that leaves every other column's steps (and steps
 * the user added by hand) where they are. New steps go where a recipe made by the advice would have
 * them: duplicates, selection, missing values, outliers, log scale, scaling, yes/no columns.
 * Plain C without GTK, so the mapping is tested without a display.
 */
#pragma once

#include <glib.h>

#include "sg-clean.h"
#include "sg-recipe.h"

G_BEGIN_DECLS

typedef enum {
  SG_TRANSFORM_NONE,     /* left as it is (not scaled) */
  SG_TRANSFORM_LOG,      /* log(1 + x), then standardised */
  SG_TRANSFORM_ZSCORE,
  SG_TRANSFORM_MINMAX,
  SG_TRANSFORM_ROBUST,
  SG_N_TRANSFORMS
} SgTransform;

typedef enum {
  SG_MISSING_LEAVE,      /* no step: the Segment step leaves those customers out */
  SG_MISSING_MEDIAN,
  SG_MISSING_MEAN,
  SG_MISSING_MODE,
  SG_MISSING_CONSTANT,
  SG_MISSING_DROP_ROWS,
  SG_N_MISSING
} SgMissing;

/* What a column can be in the clustering. */
typedef enum {
  SG_COLUMN_KIND_NUMBER,    /* whole numbers, decimals, yes/no */
  SG_COLUMN_KIND_CATEGORY,  /* included as yes/no columns (one-hot) */
  SG_COLUMN_KIND_OTHER,     /* identifiers, free text, dates: never clustered on */
} SgColumnKind;

typedef struct {
  gboolean    included;
  SgTransform transform;      /* numbers */
  SgMissing   missing;
  gboolean    missing_flag;   /* add a "NAME_was_missing" column when filling */
  double      fill_number;    /* SG_MISSING_CONSTANT on numbers */
  char       *fill_text;      /* SG_MISSING_CONSTANT on categories */
  gboolean    cap;            /* cap outliers at percentiles (numbers) */
  double      cap_lower;      /* quantiles, e.g. 0.01 and 0.99 */
  double      cap_upper;
  guint       max_levels;     /* one-hot (categories) */
  double      weight;
} SgColumnChoice;

SgColumnKind sg_column_kind_for_type      (SgColumnType          type);

void         sg_column_choice_init        (SgColumnChoice       *choice);
void         sg_column_choice_clear       (SgColumnChoice       *choice);
void         sg_column_choice_copy        (SgColumnChoice       *dest,
                                           const SgColumnChoice *src);
gboolean     sg_column_choice_equal       (const SgColumnChoice *a,
                                           const SgColumnChoice *b);

/* Reads what @recipe does to column @column into @choice (initialised by the caller). */
void         sg_recipe_choices_get        (const SgRecipe       *recipe,
                                           const char           *column,
                                           SgColumnKind          kind,
                                           SgColumnChoice       *choice);
/* Edits @recipe so it does @choice to @column: removes the column's own steps (or its name from steps
 * that list several columns) and adds what @choice asks for. @id_column (may be NULL) is kept beside the
 * features when a selection step has to be made. Forgets the recipe's fitted values when it changes
 * anything. Returns TRUE if the recipe changed. */
gboolean     sg_recipe_choices_set        (SgRecipe             *recipe,
                                           const char           *column,
                                           SgColumnKind          kind,
                                           const SgColumnChoice *choice,
                                           const char           *id_column);

gboolean     sg_recipe_choices_get_dedupe_rows (const SgRecipe  *recipe);
gboolean     sg_recipe_choices_set_dedupe_rows (SgRecipe        *recipe,
                                                gboolean         on);
/* FALSE when repeated ids are left as they are; else @keep (may be NULL) says which row is kept. */
gboolean     sg_recipe_choices_get_dedupe_ids  (const SgRecipe  *recipe,
                                                SgKeep          *keep);
gboolean     sg_recipe_choices_set_dedupe_ids  (SgRecipe        *recipe,
                                                const char      *id_column,
                                                gboolean         on,
                                                SgKeep           keep);

/* The features the recipe clusters on, in order (numbers selected and categories one-hot encoded). */
GStrv        sg_recipe_choices_features   (const SgRecipe       *recipe);

/* Labels for the drop-downs and a sentence saying what each choice does. */
const char  *sg_transform_get_label       (SgTransform           transform);
const char  *sg_transform_describe        (SgTransform           transform);
const char  *sg_missing_get_label         (SgMissing             missing);
/* The fill a column of @type gets unless the user says otherwise, and why (g_free; may be NULL). */
SgMissing    sg_missing_default_for_type  (SgColumnType          type,
                                           char                **why);

/* Two recipes that do the same (same steps, parameters and fitted values). */
gboolean     sg_recipe_choices_recipes_equal (const SgRecipe    *a,
                                              const SgRecipe    *b);

G_END_DECLS
