/* sg-recipe-choices.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "SgRecipeChoices"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "sg-recipe-choices.h"

#define DEFAULT_CAP_LOWER  0.01
#define DEFAULT_CAP_UPPER  0.99
#define DEFAULT_MAX_LEVELS 10
#define DEFAULT_MIN_SHARE  0.01

static const char *const scale_methods[SG_N_TRANSFORMS] = { "none", NULL, "zscore", "minmax", "robust" };
static const char *const fill_methods[SG_N_MISSING] = { NULL, "median", "mean", "mode", "constant", NULL };

/* ---- choices ---- */

SgColumnKind
sg_column_kind_for_type (SgColumnType type)
{
  switch (type)
    {
    case SG_COLUMN_INTEGER:
    case SG_COLUMN_DECIMAL:
    case SG_COLUMN_BOOLEAN:
      return SG_COLUMN_KIND_NUMBER;
    case SG_COLUMN_CATEGORICAL:
      return SG_COLUMN_KIND_CATEGORY;
    case SG_COLUMN_DATE:
    case SG_COLUMN_DATETIME:
    case SG_COLUMN_IDENTIFIER:
    case SG_COLUMN_TEXT:
    case SG_N_COLUMN_TYPES:
    default:
      return SG_COLUMN_KIND_OTHER;
    }
}

void
sg_column_choice_init (SgColumnChoice *choice)
{
  g_return_if_fail (choice != NULL);

  *choice = (SgColumnChoice) {
    .included = FALSE,
    .transform = SG_TRANSFORM_NONE,
    .missing = SG_MISSING_LEAVE,
    .fill_number = 0,
    .cap_lower = DEFAULT_CAP_LOWER,
    .cap_upper = DEFAULT_CAP_UPPER,
    .max_levels = DEFAULT_MAX_LEVELS,
    .weight = 1.0,
  };
}

void
sg_column_choice_clear (SgColumnChoice *choice)
{
  g_return_if_fail (choice != NULL);

  g_clear_pointer (&choice->fill_text, g_free);
}

void
sg_column_choice_copy (SgColumnChoice       *dest,
                       const SgColumnChoice *src)
{
  g_return_if_fail (dest != NULL && src != NULL);

  if (dest == src)
    return;
  sg_column_choice_clear (dest);
  *dest = *src;
  dest->fill_text = g_strdup (src->fill_text);
}

gboolean
sg_column_choice_equal (const SgColumnChoice *a,
                        const SgColumnChoice *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return a->included == b->included && a->transform == b->transform && a->missing == b->missing &&
         a->missing_flag == b->missing_flag && a->fill_number == b->fill_number &&
         g_strcmp0 (a->fill_text, b->fill_text) == 0 && a->cap == b->cap &&
         a->cap_lower == b->cap_lower && a->cap_upper == b->cap_upper &&
         a->max_levels == b->max_levels && a->weight == b->weight;
}

/* ---- reading steps ---- */

static SgRecipeStep *
step_at (const SgRecipe *recipe,
         guint           i)
{
  return g_ptr_array_index (recipe->steps, i);
}

static gboolean
is_op (const SgRecipeStep *step,
       const char         *op)
{
  return g_strcmp0 (step->op, op) == 0;
}

static const char *
get_string (JsonObject *object,
            const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static double
get_double (JsonObject *object,
            const char *member,
            double      fallback)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return fallback;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      return (double) json_node_get_int (node);
    case G_TYPE_DOUBLE:
      return json_node_get_double (node);
    default:
      return fallback;
    }
}

static gboolean
get_bool (JsonObject *object,
          const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN &&
         json_node_get_boolean (node);
}

static JsonArray *
get_columns (const SgRecipeStep *step)
{
  JsonNode *node = json_object_get_member (step->params, "columns");

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static int
array_find (JsonArray  *array,
            const char *name)
{
  guint n = array != NULL ? json_array_get_length (array) : 0;

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
          g_strcmp0 (json_node_get_string (node), name) == 0)
        return (int) i;
    }
  return -1;
}

static gboolean
lists_column (const SgRecipeStep *step,
              const char         *name)
{
  return array_find (get_columns (step), name) >= 0;
}

static gboolean
is_about_column (const SgRecipeStep *step,
                 const char         *name)
{
  return g_strcmp0 (get_string (step->params, "column"), name) == 0;
}

static gboolean
has_op (const SgRecipe *recipe,
        const char     *op)
{
  for (guint i = 0; i < recipe->steps->len; i++)
    if (is_op (step_at (recipe, i), op))
      return TRUE;
  return FALSE;
}

/* The first step @op about @column (its "column" parameter), or NULL. */
static SgRecipeStep *
find_column_step (const SgRecipe *recipe,
                  const char     *op,
                  const char     *column)
{
  for (guint i = 0; i < recipe->steps->len; i++)
    if (is_op (step_at (recipe, i), op) && is_about_column (step_at (recipe, i), column))
      return step_at (recipe, i);
  return NULL;
}

/* The first step @op listing @column in its "columns", or NULL. */
static SgRecipeStep *
find_listing_step (const SgRecipe *recipe,
                   const char     *op,
                   const char     *column)
{
  for (guint i = 0; i < recipe->steps->len; i++)
    if (is_op (step_at (recipe, i), op) && lists_column (step_at (recipe, i), column))
      return step_at (recipe, i);
  return NULL;
}

static SgTransform
transform_from_method (const char *method)
{
  for (guint t = 0; t < SG_N_TRANSFORMS; t++)
    if (scale_methods[t] != NULL && g_strcmp0 (scale_methods[t], method) == 0)
      return t;
  return SG_TRANSFORM_ZSCORE;   /* the engine's default */
}

static SgMissing
missing_from_method (const char *method)
{
  SgFillMethod fill;

  if (method == NULL || !sg_fill_method_from_string (method, &fill))
    return SG_MISSING_MEDIAN;
  switch (fill)
    {
    case SG_FILL_MEAN:
      return SG_MISSING_MEAN;
    case SG_FILL_MODE:
      return SG_MISSING_MODE;
    case SG_FILL_CONSTANT:
      return SG_MISSING_CONSTANT;
    case SG_FILL_DROP_ROWS:
      return SG_MISSING_DROP_ROWS;
    case SG_FILL_MEDIAN:
    default:
      return SG_MISSING_MEDIAN;
    }
}

void
sg_recipe_choices_get (const SgRecipe *recipe,
                       const char     *column,
                       SgColumnKind    kind,
                       SgColumnChoice *choice)
{
  SgRecipeStep *step;

  g_return_if_fail (recipe != NULL && column != NULL && choice != NULL);

  if (has_op (recipe, "select"))
    choice->included = find_listing_step (recipe, "select", column) != NULL;
  else
    choice->included = find_listing_step (recipe, "drop_columns", column) == NULL;
  if (kind == SG_COLUMN_KIND_CATEGORY)
    choice->included = choice->included && find_column_step (recipe, "one_hot", column) != NULL;
  else if (kind == SG_COLUMN_KIND_OTHER)
    choice->included = FALSE;

  choice->missing = SG_MISSING_LEAVE;
  choice->missing_flag = FALSE;
  if (find_listing_step (recipe, "drop_missing", column) != NULL)
    choice->missing = SG_MISSING_DROP_ROWS;
  else if ((step = find_column_step (recipe, "fill_missing", column)) != NULL)
    {
      JsonNode *value = json_object_get_member (step->params, "value");

      choice->missing = missing_from_method (get_string (step->params, "method"));
      choice->missing_flag = get_bool (step->params, "flag");
      if (choice->missing == SG_MISSING_CONSTANT && value != NULL && JSON_NODE_HOLDS_VALUE (value))
        {
          g_clear_pointer (&choice->fill_text, g_free);
          if (json_node_get_value_type (value) == G_TYPE_STRING)
            choice->fill_text = g_strdup (json_node_get_string (value));
          else
            choice->fill_number = get_double (step->params, "value", 0);
        }
    }

  choice->cap = FALSE;
  if ((step = find_column_step (recipe, "cap_outliers", column)) != NULL)
    {
      choice->cap = TRUE;
      if (get_string (step->params, "rule") == NULL || g_strcmp0 (get_string (step->params, "rule"), "percentile") == 0)
        {
          choice->cap_lower = get_double (step->params, "lower", DEFAULT_CAP_LOWER);
          choice->cap_upper = get_double (step->params, "upper", DEFAULT_CAP_UPPER);
        }
    }

  if (kind == SG_COLUMN_KIND_NUMBER)
    {
      if (find_listing_step (recipe, "log1p", column) != NULL)
        choice->transform = SG_TRANSFORM_LOG;
      else if ((step = find_listing_step (recipe, "scale", column)) != NULL)
        choice->transform = transform_from_method (get_string (step->params, "method"));
      else
        choice->transform = SG_TRANSFORM_NONE;
    }

  if ((step = find_column_step (recipe, "one_hot", column)) != NULL)
    {
      choice->max_levels = (guint) CLAMP (get_double (step->params, "max_levels", DEFAULT_MAX_LEVELS), 1, 1000);
      choice->weight = get_double (step->params, "weight", 1.0);
    }
}

/* ---- writing steps ---- */

/* Where an operation goes in a recipe built the usual way. */
static int
op_rank (const char *op)
{
  static const struct { const char *op; int rank; } ranks[] = {
    { "dedupe_rows", 0 }, { "dedupe_ids", 1 }, { "select", 2 }, { "drop_columns", 2 }, { "rfm", 2 },
    { "drop_missing", 3 }, { "fill_missing", 3 }, { "cap_outliers", 4 }, { "log1p", 5 }, { "scale", 6 },
    { "one_hot", 7 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (ranks); i++)
    if (g_strcmp0 (ranks[i].op, op) == 0)
      return ranks[i].rank;
  return 8;
}

/* Inserts @step after the last step that comes before it or with it in the usual order. */
static SgRecipeStep *
insert_ranked (SgRecipe     *recipe,
               SgRecipeStep *step)
{
  int rank = op_rank (step->op);
  guint at = 0;

  for (guint i = 0; i < recipe->steps->len; i++)
    if (op_rank (step_at (recipe, i)->op) <= rank)
      at = i + 1;
  g_ptr_array_insert (recipe->steps, (int) at, step);
  return step;
}

static SgRecipeStep *
new_step (const char *op)
{
  g_autoptr(JsonObject) params = json_object_new ();

  return sg_recipe_step_new (op, params);
}

static SgRecipeStep *
new_list_step (const char *op,
               const char *column)
{
  SgRecipeStep *step = new_step (op);
  JsonArray *columns = json_array_new ();

  json_array_add_string_element (columns, column);
  json_object_set_array_member (step->params, "columns", columns);
  return step;
}

static void
list_add (SgRecipeStep *step,
          const char   *column)
{
  JsonArray *columns = get_columns (step);

  if (columns == NULL)
    {
      columns = json_array_new ();
      json_object_set_array_member (step->params, "columns", columns);
    }
  if (array_find (columns, column) < 0)
    json_array_add_string_element (columns, column);
}

/* Removes @column from the "columns" of every @op step, and the steps left with none. */
static void
unlist_everywhere (SgRecipe   *recipe,
                   const char *op,
                   const char *column,
                   gboolean    remove_empty)
{
  for (guint i = 0; i < recipe->steps->len; i++)
    {
      SgRecipeStep *step = step_at (recipe, i);
      JsonArray *columns;
      int at;

      if (!is_op (step, op) || (columns = get_columns (step)) == NULL)
        continue;
      while ((at = array_find (columns, column)) >= 0)
        json_array_remove_element (columns, (guint) at);
      if (remove_empty && json_array_get_length (columns) == 0)
        g_ptr_array_remove_index (recipe->steps, i--);
    }
}

static void
remove_column_steps (SgRecipe   *recipe,
                     const char *op,
                     const char *column)
{
  for (guint i = 0; i < recipe->steps->len; i++)
    if (is_op (step_at (recipe, i), op) && is_about_column (step_at (recipe, i), column))
      g_ptr_array_remove_index (recipe->steps, i--);
}

static void
add_to_list_step (SgRecipe   *recipe,
                  const char *op,
                  const char *method,
                  const char *column)
{
  for (guint i = 0; i < recipe->steps->len; i++)
    {
      SgRecipeStep *step = step_at (recipe, i);

      if (is_op (step, op) &&
          (method == NULL || g_strcmp0 (get_string (step->params, "method") ? get_string (step->params, "method")
                                                                            : "zscore", method) == 0))
        {
          list_add (step, column);
          return;
        }
    }
  {
    SgRecipeStep *step = new_list_step (op, column);

    if (method != NULL)
      json_object_set_string_member (step->params, "method", method);
    insert_ranked (recipe, step);
  }
}

static void
set_selection (SgRecipe   *recipe,
               const char *column,
               gboolean    included,
               const char *id_column)
{
  gboolean has_select = has_op (recipe, "select");

  if (included)
    {
      unlist_everywhere (recipe, "drop_columns", column, TRUE);
      if (has_select && find_listing_step (recipe, "select", column) == NULL)
        {
          for (guint i = 0; i < recipe->steps->len; i++)
            if (is_op (step_at (recipe, i), "select"))
              {
                list_add (step_at (recipe, i), column);
                break;
              }
        }
    }
  else if (has_select)
    unlist_everywhere (recipe, "select", column, FALSE);
  else if (g_strcmp0 (column, id_column) != 0)
    add_to_list_step (recipe, "drop_columns", NULL, column);
}

/* Puts @step where the column's old step was (@at), or where the usual order has it. */
static void
insert_at (SgRecipe     *recipe,
           SgRecipeStep *step,
           int           at)
{
  if (at >= 0 && (guint) at <= recipe->steps->len)
    g_ptr_array_insert (recipe->steps, at, step);
  else
    insert_ranked (recipe, step);
}

/* Removes the column's own @op steps; returns where the first one was, or -1. */
static int
take_column_steps (SgRecipe   *recipe,
                   const char *op,
                   const char *column)
{
  int at = -1;

  for (guint i = 0; i < recipe->steps->len; i++)
    if (is_op (step_at (recipe, i), op) && is_about_column (step_at (recipe, i), column))
      {
        if (at < 0)
          at = (int) i;
        g_ptr_array_remove_index (recipe->steps, i--);
      }
  return at;
}

static SgRecipeStep *
missing_step_new (const char           *column,
                  SgColumnKind          kind,
                  const SgColumnChoice *choice)
{
  SgRecipeStep *step;

  if (choice->missing == SG_MISSING_LEAVE || choice->missing >= SG_N_MISSING)
    return NULL;
  if (choice->missing == SG_MISSING_DROP_ROWS)
    return new_list_step ("drop_missing", column);
  step = new_step ("fill_missing");
  json_object_set_string_member (step->params, "column", column);
  json_object_set_string_member (step->params, "method", fill_methods[choice->missing]);
  if (choice->missing == SG_MISSING_CONSTANT)
    {
      if (kind == SG_COLUMN_KIND_NUMBER)
        json_object_set_double_member (step->params, "value", isfinite (choice->fill_number) ? choice->fill_number : 0);
      else
        json_object_set_string_member (step->params, "value", choice->fill_text != NULL ? choice->fill_text : "");
    }
  if (choice->missing_flag)
    json_object_set_boolean_member (step->params, "flag", TRUE);
  return step;
}

static SgRecipeStep *
cap_step_new (const char           *column,
              const SgColumnChoice *choice)
{
  SgRecipeStep *step = new_step ("cap_outliers");

  json_object_set_string_member (step->params, "column", column);
  json_object_set_string_member (step->params, "rule", "percentile");
  json_object_set_double_member (step->params, "lower", CLAMP (choice->cap_lower, 0.0, 0.5));
  json_object_set_double_member (step->params, "upper", CLAMP (choice->cap_upper, 0.5, 1.0));
  return step;
}

static SgRecipeStep *
one_hot_step_new (const char           *column,
                  const SgColumnChoice *choice)
{
  SgRecipeStep *step = new_step ("one_hot");

  json_object_set_string_member (step->params, "column", column);
  json_object_set_int_member (step->params, "max_levels", MAX (choice->max_levels, 1));
  json_object_set_double_member (step->params, "min_share", DEFAULT_MIN_SHARE);
  json_object_set_double_member (step->params, "weight", choice->weight > 0 ? choice->weight : 1.0);
  return step;
}

static void
set_missing (SgRecipe             *recipe,
             const char           *column,
             SgColumnKind          kind,
             const SgColumnChoice *choice)
{
  int at = take_column_steps (recipe, "fill_missing", column);
  SgRecipeStep *step = missing_step_new (column, kind, choice);

  unlist_everywhere (recipe, "drop_missing", column, TRUE);
  if (step != NULL)
    insert_at (recipe, step, at);
}

static void
set_cap (SgRecipe             *recipe,
         const char           *column,
         const SgColumnChoice *choice)
{
  int at = take_column_steps (recipe, "cap_outliers", column);

  if (choice->cap)
    insert_at (recipe, cap_step_new (column, choice), at);
}

static void
set_transform (SgRecipe             *recipe,
               const char           *column,
               const SgColumnChoice *choice)
{
  unlist_everywhere (recipe, "log1p", column, TRUE);
  unlist_everywhere (recipe, "scale", column, TRUE);
  switch (choice->transform)
    {
    case SG_TRANSFORM_LOG:
      add_to_list_step (recipe, "log1p", NULL, column);
      add_to_list_step (recipe, "scale", "zscore", column);
      break;
    case SG_TRANSFORM_ZSCORE:
    case SG_TRANSFORM_MINMAX:
    case SG_TRANSFORM_ROBUST:
      add_to_list_step (recipe, "scale", scale_methods[choice->transform], column);
      break;
    case SG_TRANSFORM_NONE:
    case SG_N_TRANSFORMS:
    default:
      break;
    }
}

static void
set_one_hot (SgRecipe             *recipe,
             const char           *column,
             const SgColumnChoice *choice)
{
  int at = take_column_steps (recipe, "one_hot", column);

  insert_at (recipe, one_hot_step_new (column, choice), at);
}

static gboolean
missing_differs (const SgColumnChoice *a,
                 const SgColumnChoice *b)
{
  if (a->missing != b->missing)
    return TRUE;
  if (a->missing == SG_MISSING_LEAVE || a->missing == SG_MISSING_DROP_ROWS)
    return FALSE;
  if (a->missing_flag != b->missing_flag)
    return TRUE;
  return a->missing == SG_MISSING_CONSTANT &&
         (a->fill_number != b->fill_number || g_strcmp0 (a->fill_text, b->fill_text) != 0);
}

static gboolean
cap_differs (const SgColumnChoice *a,
             const SgColumnChoice *b)
{
  return a->cap != b->cap || (a->cap && (a->cap_lower != b->cap_lower || a->cap_upper != b->cap_upper));
}

static char *
steps_text (const SgRecipe *recipe)
{
  g_autoptr(SgRecipe) copy = sg_recipe_copy (recipe);

  sg_recipe_clear_fitted (copy);
  return sg_recipe_to_string (copy, FALSE);
}

/* Keeps the fitted values when nothing really changed; forgets them all otherwise, as an edit does. */
static gboolean
finish_edit (SgRecipe *recipe,
             SgRecipe *before)
{
  g_autofree char *old_text = steps_text (before);
  g_autofree char *new_text = steps_text (recipe);

  if (g_strcmp0 (old_text, new_text) == 0)
    {
      GPtrArray *steps = recipe->steps;

      /* the old steps, fitted values included */
      recipe->steps = before->steps;
      before->steps = steps;
      return FALSE;
    }
  sg_recipe_clear_fitted (recipe);
  return TRUE;
}

gboolean
sg_recipe_choices_set (SgRecipe             *recipe,
                       const char           *column,
                       SgColumnKind          kind,
                       const SgColumnChoice *choice,
                       const char           *id_column)
{
  g_autoptr(SgRecipe) before = NULL;
  SgColumnChoice current;

  g_return_val_if_fail (recipe != NULL && column != NULL && choice != NULL, FALSE);

  if (kind == SG_COLUMN_KIND_OTHER)
    return FALSE;
  before = sg_recipe_copy (recipe);
  sg_column_choice_init (&current);
  sg_recipe_choices_get (recipe, column, kind, &current);

  if (current.included != choice->included)
    {
      /* in or out: the column's steps go, and come back as @choice says */
      unlist_everywhere (recipe, "drop_missing", column, TRUE);
      remove_column_steps (recipe, "fill_missing", column);
      remove_column_steps (recipe, "cap_outliers", column);
      unlist_everywhere (recipe, "log1p", column, TRUE);
      unlist_everywhere (recipe, "scale", column, TRUE);
      remove_column_steps (recipe, "one_hot", column);
      set_selection (recipe, column, choice->included, id_column);
      if (choice->included)
        {
          set_missing (recipe, column, kind, choice);
          if (kind == SG_COLUMN_KIND_NUMBER)
            {
              set_cap (recipe, column, choice);
              set_transform (recipe, column, choice);
            }
          else
            set_one_hot (recipe, column, choice);
        }
    }
  else if (choice->included)
    {
      /* only what changed, in place: the other steps keep their order */
      if (missing_differs (&current, choice))
        set_missing (recipe, column, kind, choice);
      if (kind == SG_COLUMN_KIND_NUMBER && cap_differs (&current, choice))
        set_cap (recipe, column, choice);
      if (kind == SG_COLUMN_KIND_NUMBER && current.transform != choice->transform)
        set_transform (recipe, column, choice);
      if (kind == SG_COLUMN_KIND_CATEGORY &&
          (current.max_levels != choice->max_levels || current.weight != choice->weight))
        set_one_hot (recipe, column, choice);
    }
  sg_column_choice_clear (&current);
  return finish_edit (recipe, before);
}

/* ---- duplicates ---- */

gboolean
sg_recipe_choices_get_dedupe_rows (const SgRecipe *recipe)
{
  g_return_val_if_fail (recipe != NULL, FALSE);

  return has_op (recipe, "dedupe_rows");
}

gboolean
sg_recipe_choices_set_dedupe_rows (SgRecipe *recipe,
                                   gboolean  on)
{
  g_autoptr(SgRecipe) before = NULL;

  g_return_val_if_fail (recipe != NULL, FALSE);

  before = sg_recipe_copy (recipe);
  if (on && !has_op (recipe, "dedupe_rows"))
    insert_ranked (recipe, new_step ("dedupe_rows"));
  else if (!on)
    for (guint i = 0; i < recipe->steps->len; i++)
      if (is_op (step_at (recipe, i), "dedupe_rows"))
        g_ptr_array_remove_index (recipe->steps, i--);
  return finish_edit (recipe, before);
}

gboolean
sg_recipe_choices_get_dedupe_ids (const SgRecipe *recipe,
                                  SgKeep         *keep)
{
  g_return_val_if_fail (recipe != NULL, FALSE);

  for (guint i = 0; i < recipe->steps->len; i++)
    if (is_op (step_at (recipe, i), "dedupe_ids"))
      {
        SgKeep found = SG_KEEP_FIRST;

        sg_keep_from_string (get_string (step_at (recipe, i)->params, "keep"), &found);
        if (keep != NULL)
          *keep = found;
        return TRUE;
      }
  return FALSE;
}

gboolean
sg_recipe_choices_set_dedupe_ids (SgRecipe   *recipe,
                                  const char *id_column,
                                  gboolean    on,
                                  SgKeep      keep)
{
  g_autoptr(SgRecipe) before = NULL;

  g_return_val_if_fail (recipe != NULL, FALSE);
  g_return_val_if_fail (!on || id_column != NULL, FALSE);

  before = sg_recipe_copy (recipe);
  for (guint i = 0; i < recipe->steps->len; i++)
    if (is_op (step_at (recipe, i), "dedupe_ids"))
      g_ptr_array_remove_index (recipe->steps, i--);
  if (on)
    {
      SgRecipeStep *step = new_step ("dedupe_ids");

      json_object_set_string_member (step->params, "column", id_column);
      json_object_set_string_member (step->params, "keep", sg_keep_to_string (keep));
      insert_ranked (recipe, step);
    }
  return finish_edit (recipe, before);
}

GStrv
sg_recipe_choices_features (const SgRecipe *recipe)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (recipe != NULL, NULL);

  for (guint i = 0; i < recipe->steps->len; i++)
    {
      JsonArray *columns;

      if (!is_op (step_at (recipe, i), "select") || (columns = get_columns (step_at (recipe, i))) == NULL)
        continue;
      for (guint c = 0; c < json_array_get_length (columns); c++)
        {
          JsonNode *node = json_array_get_element (columns, c);

          if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
            g_strv_builder_add (builder, json_node_get_string (node));
        }
      break;
    }
  return g_strv_builder_end (builder);
}

/* ---- words ---- */

const char *
sg_transform_get_label (SgTransform transform)
{
  switch (transform)
    {
    case SG_TRANSFORM_NONE:
      return _("As it is");
    case SG_TRANSFORM_LOG:
      return _("Log scale");
    case SG_TRANSFORM_ZSCORE:
      return _("Standardise");
    case SG_TRANSFORM_MINMAX:
      return _("Rescale to 0–1");
    case SG_TRANSFORM_ROBUST:
      return _("Robust scale");
    case SG_N_TRANSFORMS:
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
sg_transform_describe (SgTransform transform)
{
  switch (transform)
    {
    case SG_TRANSFORM_NONE:
      return _("Used in its own units: a column of large numbers weighs more than one of small numbers.");
    case SG_TRANSFORM_LOG:
      return _("Log scale (log(1 + x)), then standardised: a few very large values no longer dominate.");
    case SG_TRANSFORM_ZSCORE:
      return _("Minus the mean, divided by the standard deviation, so every feature counts equally.");
    case SG_TRANSFORM_MINMAX:
      return _("Rescaled so the smallest value is 0 and the largest 1; one extreme value squeezes all the others.");
    case SG_TRANSFORM_ROBUST:
      return _("Minus the median, divided by the interquartile range: extreme values pull it less than standardising does.");
    case SG_N_TRANSFORMS:
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
sg_missing_get_label (SgMissing missing)
{
  switch (missing)
    {
    case SG_MISSING_LEAVE:
      return _("Leave them out of the segments");
    case SG_MISSING_MEDIAN:
      return _("Fill with the median");
    case SG_MISSING_MEAN:
      return _("Fill with the mean");
    case SG_MISSING_MODE:
      return _("Fill with the most common value");
    case SG_MISSING_CONSTANT:
      return _("Fill with a fixed value");
    case SG_MISSING_DROP_ROWS:
      return _("Drop those rows");
    case SG_N_MISSING:
    default:
      g_return_val_if_reached (NULL);
    }
}

SgMissing
sg_missing_default_for_type (SgColumnType   type,
                             char         **why)
{
  g_autoptr(SgColumn) column = sg_column_new ("column", type);

  switch (sg_clean_default_fill (column, NULL))
    {
    case SG_FILL_MEDIAN:
      if (why != NULL)
        *why = g_strdup (_("The median is the usual fill for numbers: a typical value that a few extreme customers do not pull."));
      return SG_MISSING_MEDIAN;
    case SG_FILL_MODE:
      if (why != NULL)
        *why = g_strdup (_("The most common value is the usual fill for categories and yes/no columns: there is no average of categories."));
      return SG_MISSING_MODE;
    case SG_FILL_MEAN:
      if (why != NULL)
        *why = NULL;
      return SG_MISSING_MEAN;
    case SG_FILL_CONSTANT:
      if (why != NULL)
        *why = NULL;
      return SG_MISSING_CONSTANT;
    case SG_FILL_DROP_ROWS:
    default:
      if (why != NULL)
        *why = g_strdup (_("An identifier or free text cannot be made up: rows without one are dropped."));
      return SG_MISSING_DROP_ROWS;
    }
}

gboolean
sg_recipe_choices_recipes_equal (const SgRecipe *a,
                                 const SgRecipe *b)
{
  g_autofree char *text_a = NULL, *text_b = NULL;

  if (a == NULL || b == NULL)
    return a == b;
  text_a = sg_recipe_to_string (a, FALSE);
  text_b = sg_recipe_to_string (b, FALSE);
  return g_strcmp0 (text_a, text_b) == 0;
}
