/* sg-recipe.c — recipes: editing, JSON, descriptions, running
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "sg-clean.h"
#include "sg-error.h"
#include "sg-prep-util.h"
#include "sg-recipe.h"
#include "sg-rfm.h"
#include "sg-scaler.h"

static const char *const ops[] = {
  "select", "drop_columns", "dedupe_rows", "dedupe_ids", "drop_missing", "fill_missing",
  "cap_outliers", "log1p", "scale", "one_hot", "rfm", NULL,
};

const char *const *
sg_recipe_ops (void)
{
  return ops;
}

/* ---- parameters ---- */

static const char *
param_string (JsonObject *params,
              const char *name)
{
  JsonNode *node = json_object_get_member (params, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static double
param_double (JsonObject *params,
              const char *name,
              double      fallback)
{
  JsonNode *node = json_object_get_member (params, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return fallback;
  if (json_node_get_value_type (node) == G_TYPE_DOUBLE || json_node_get_value_type (node) == G_TYPE_INT64)
    return json_node_get_double (node);
  return fallback;
}

static gboolean
param_bool (JsonObject *params,
            const char *name,
            gboolean    fallback)
{
  JsonNode *node = json_object_get_member (params, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return fallback;
  return json_node_get_boolean (node);
}

/* A NULL-terminated list of the strings in array member @name (the strings stay in @params). */
static const char **
param_strings (JsonObject *params,
               const char *name)
{
  JsonNode *node = json_object_get_member (params, name);
  JsonArray *array;
  const char **list;
  guint n, m = 0;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  array = json_node_get_array (node);
  n = json_array_get_length (array);
  list = g_new0 (const char *, n + 1);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *item = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (item) && json_node_get_value_type (item) == G_TYPE_STRING)
        list[m++] = json_node_get_string (item);
    }
  return list;
}

static char *
quoted_list (const char *const *names)
{
  GString *out = g_string_new (NULL);
  guint n = names != NULL ? g_strv_length ((char **) names) : 0;

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append (out, i + 1 == n ? _(" and ") : ", ");
      if (i == 6 && n > 8)
        {
          g_string_append_printf (out, _("%u more"), n - 6);
          break;
        }
      g_string_append_printf (out, "“%s”", names[i]);
    }
  return g_string_free (out, FALSE);
}

static char *
format_number (double v)
{
  if (fabs (v) >= 1e6 || (fabs (v) < 1e-3 && v != 0))
    return g_strdup_printf ("%.4g", v);
  if (v == floor (v))
    return g_strdup_printf ("%.0f", v);
  return g_strdup_printf ("%.4g", v);
}

/* ---- steps ---- */

SgRecipeStep *
sg_recipe_step_new (const char *op,
                    JsonObject *params)
{
  SgRecipeStep *step = g_new0 (SgRecipeStep, 1);

  step->op = g_strdup (op);
  step->params = params != NULL ? json_object_ref (params) : json_object_new ();
  return step;
}

void
sg_recipe_step_free (SgRecipeStep *step)
{
  if (step == NULL)
    return;
  g_free (step->op);
  g_clear_pointer (&step->params, json_object_unref);
  g_clear_pointer (&step->fitted, json_object_unref);
  g_free (step);
}

/* json_node_copy() shares objects, arrays and even value storage with the original: a recipe's copy must
 * not change when the original is edited, so copy all the way down. */
static JsonNode *
deep_copy (JsonNode *node)
{
  JsonNode *copy;

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_object_new ();
        JsonObjectIter iter;
        const char *member;
        JsonNode *value;

        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, &member, &value))
          json_object_set_member (object, member, deep_copy (value));
        copy = json_node_new (JSON_NODE_OBJECT);
        json_node_take_object (copy, object);
        return copy;
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *source = json_node_get_array (node);
        JsonArray *array = json_array_sized_new (json_array_get_length (source));

        for (guint i = 0; i < json_array_get_length (source); i++)
          json_array_add_element (array, deep_copy (json_array_get_element (source, i)));
        copy = json_node_new (JSON_NODE_ARRAY);
        json_node_take_array (copy, array);
        return copy;
      }
    case JSON_NODE_NULL:
      return json_node_new (JSON_NODE_NULL);
    case JSON_NODE_VALUE:
    default:
      break;
    }
  copy = json_node_new (JSON_NODE_VALUE);
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING: json_node_set_string (copy, json_node_get_string (node)); break;
    case G_TYPE_BOOLEAN: json_node_set_boolean (copy, json_node_get_boolean (node)); break;
    case G_TYPE_INT64: json_node_set_int (copy, json_node_get_int (node)); break;
    default: json_node_set_double (copy, json_node_get_double (node)); break;
    }
  return copy;
}

static JsonObject *
object_copy (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonNode) copy = NULL;

  json_node_set_object (node, object);
  copy = deep_copy (node);
  return json_object_ref (json_node_get_object (copy));
}

SgRecipeStep *
sg_recipe_step_copy (const SgRecipeStep *step)
{
  SgRecipeStep *copy = g_new0 (SgRecipeStep, 1);

  copy->op = g_strdup (step->op);
  copy->params = object_copy (step->params);
  if (step->fitted != NULL)
    copy->fitted = object_copy (step->fitted);
  return copy;
}

gboolean
sg_recipe_step_needs_fit (const SgRecipeStep *step)
{
  if (g_strcmp0 (step->op, "fill_missing") == 0)
    {
      const char *method = param_string (step->params, "method");

      return method == NULL || (strcmp (method, "constant") != 0 && strcmp (method, "drop") != 0);
    }
  return g_strcmp0 (step->op, "cap_outliers") == 0 || g_strcmp0 (step->op, "scale") == 0 ||
         g_strcmp0 (step->op, "one_hot") == 0 || g_strcmp0 (step->op, "rfm") == 0;
}

static char *
fitted_value_text (JsonObject *fitted)
{
  JsonNode *node = fitted != NULL ? json_object_get_member (fitted, "value") : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup_printf ("“%s”", json_node_get_string (node));
  return format_number (json_node_get_double (node));
}

char *
sg_recipe_step_describe (const SgRecipeStep *step)
{
  JsonObject *p = step->params;
  const char *op = step->op;
  const char *column = param_string (p, "column");

  if (g_strcmp0 (op, "select") == 0)
    {
      g_autofree const char **names = param_strings (p, "columns");
      g_autofree char *list = quoted_list (names);
      const char *id = param_string (p, "id");

      if (id != NULL)
        return g_strdup_printf (_("Use the features %s, keeping the id “%s”."), list, id);
      return g_strdup_printf (_("Use the features %s."), list);
    }
  if (g_strcmp0 (op, "drop_columns") == 0)
    {
      g_autofree const char **names = param_strings (p, "columns");
      g_autofree char *list = quoted_list (names);

      return g_strdup_printf (_("Leave out %s."), list);
    }
  if (g_strcmp0 (op, "dedupe_rows") == 0)
    return g_strdup (_("Remove rows that repeat an earlier row exactly."));
  if (g_strcmp0 (op, "dedupe_ids") == 0)
    {
      const char *keep = param_string (p, "keep");

      if (g_strcmp0 (keep, "last") == 0)
        return g_strdup_printf (_("Keep one row per “%s”: the last one."), column);
      if (g_strcmp0 (keep, "aggregate") == 0)
        return g_strdup_printf (_("Merge the rows of each “%s”: numbers averaged, categories by their most common value."), column);
      return g_strdup_printf (_("Keep one row per “%s”: the first one."), column);
    }
  if (g_strcmp0 (op, "drop_missing") == 0)
    {
      g_autofree const char **names = param_strings (p, "columns");
      g_autofree char *list = quoted_list (names);

      return g_strdup_printf (_("Drop rows with a missing %s."), list);
    }
  if (g_strcmp0 (op, "fill_missing") == 0)
    {
      const char *method = param_string (p, "method");
      g_autofree char *value = fitted_value_text (step->fitted);
      g_autofree char *how = NULL;
      const char *flag = param_bool (p, "flag", FALSE) ? _(", and flag the filled rows in a new column") : "";

      if (g_strcmp0 (method, "constant") == 0)
        {
          JsonNode *v = json_object_get_member (p, "value");

          if (v != NULL && JSON_NODE_HOLDS_VALUE (v) && json_node_get_value_type (v) == G_TYPE_STRING)
            how = g_strdup_printf ("“%s”", json_node_get_string (v));
          else
            how = format_number (param_double (p, "value", 0));
          return g_strdup_printf (_("Fill missing “%s” with %s%s."), column, how, flag);
        }
      how = g_strdup (g_strcmp0 (method, "mean") == 0 ? _("the mean")
                      : g_strcmp0 (method, "mode") == 0 ? _("the most common value") : _("the median"));
      if (value != NULL)
        return g_strdup_printf (_("Fill missing “%s” with %s (%s)%s."), column, how, value, flag);
      return g_strdup_printf (_("Fill missing “%s” with %s%s."), column, how, flag);
    }
  if (g_strcmp0 (op, "cap_outliers") == 0)
    {
      const char *rule = param_string (p, "rule");
      g_autofree char *bounds = NULL;
      g_autofree char *how = NULL;

      if (step->fitted != NULL)
        {
          g_autofree char *low = format_number (param_double (step->fitted, "low", NAN));
          g_autofree char *high = format_number (param_double (step->fitted, "high", NAN));

          bounds = g_strdup_printf (_(" (%s to %s)"), low, high);
        }
      if (g_strcmp0 (rule, "iqr") == 0)
        how = g_strdup_printf (_("%g × the interquartile range beyond the quartiles"), param_double (p, "k", 1.5));
      else if (g_strcmp0 (rule, "zscore") == 0)
        how = g_strdup_printf (_("%g standard deviations from the mean"), param_double (p, "k", 3));
      else
        how = g_strdup_printf (_("its %g–%g percentiles"), 100 * param_double (p, "lower", 0.01),
                               100 * param_double (p, "upper", 0.99));
      return g_strdup_printf (_("Cap extreme “%s” values at %s%s."), column, how, bounds ? bounds : "");
    }
  if (g_strcmp0 (op, "log1p") == 0)
    {
      g_autofree const char **names = param_strings (p, "columns");
      g_autofree char *list = quoted_list (names);

      return g_strdup_printf (_("Put %s on a log scale (log(1 + x)), so a few very large values do not dominate."), list);
    }
  if (g_strcmp0 (op, "scale") == 0)
    {
      g_autofree const char **names = param_strings (p, "columns");
      g_autofree char *list = quoted_list (names);
      const char *method = param_string (p, "method");

      if (g_strcmp0 (method, "minmax") == 0)
        return g_strdup_printf (_("Rescale %s to the range 0–1."), list);
      if (g_strcmp0 (method, "robust") == 0)
        return g_strdup_printf (_("Scale %s robustly: minus the median, divided by the interquartile range."), list);
      if (g_strcmp0 (method, "none") == 0)
        return g_strdup_printf (_("Leave %s unscaled."), list);
      return g_strdup_printf (_("Standardise %s (mean 0, standard deviation 1) so each counts equally."), list);
    }
  if (g_strcmp0 (op, "one_hot") == 0)
    {
      guint max_levels = (guint) param_double (p, "max_levels", 10);
      double weight = param_double (p, "weight", 1.0);

      return g_strdup_printf (_("Turn “%s” into yes/no columns for its %u most common values (rarer ones pooled in “Other”), weighted %g."),
                              column, max_levels, weight);
    }
  if (g_strcmp0 (op, "rfm") == 0)
    return g_strdup (_("Score recency, frequency and monetary value from 1 to 5 and name the RFM groups (Champions, At Risk…)."));
  return g_strdup_printf (_("Unknown step “%s”."), op);
}

/* ---- recipes ---- */

SgRecipe *
sg_recipe_new (const char *name)
{
  SgRecipe *recipe = g_new0 (SgRecipe, 1);

  recipe->name = g_strdup (name != NULL ? name : _("Recipe"));
  recipe->steps = g_ptr_array_new_with_free_func ((GDestroyNotify) sg_recipe_step_free);
  return recipe;
}

void
sg_recipe_free (SgRecipe *recipe)
{
  if (recipe == NULL)
    return;
  g_free (recipe->name);
  g_ptr_array_unref (recipe->steps);
  g_free (recipe);
}

SgRecipe *
sg_recipe_copy (const SgRecipe *recipe)
{
  SgRecipe *copy = sg_recipe_new (recipe->name);

  copy->id = recipe->id;
  copy->dataset_id = recipe->dataset_id;
  for (guint i = 0; i < recipe->steps->len; i++)
    g_ptr_array_add (copy->steps, sg_recipe_step_copy (g_ptr_array_index (recipe->steps, i)));
  return copy;
}

void
sg_recipe_clear_fitted (SgRecipe *recipe)
{
  for (guint i = 0; i < recipe->steps->len; i++)
    g_clear_pointer (&((SgRecipeStep *) g_ptr_array_index (recipe->steps, i))->fitted, json_object_unref);
}

gboolean
sg_recipe_is_fitted (const SgRecipe *recipe)
{
  for (guint i = 0; i < recipe->steps->len; i++)
    {
      SgRecipeStep *step = g_ptr_array_index (recipe->steps, i);

      if (sg_recipe_step_needs_fit (step) && step->fitted == NULL)
        return FALSE;
    }
  return TRUE;
}

void
sg_recipe_append (SgRecipe     *recipe,
                  SgRecipeStep *step)
{
  sg_recipe_clear_fitted (recipe);
  g_ptr_array_add (recipe->steps, step);
}

static gboolean
check_index (const SgRecipe *recipe,
             guint           index,
             guint           limit,
             GError        **error)
{
  if (index < limit)
    return TRUE;
  g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT, _("The recipe has no step %u"), index + 1);
  (void) recipe;
  return FALSE;
}

gboolean
sg_recipe_insert (SgRecipe      *recipe,
                  guint          index,
                  SgRecipeStep  *step,
                  GError       **error)
{
  if (!check_index (recipe, index, recipe->steps->len + 1, error))
    {
      sg_recipe_step_free (step);
      return FALSE;
    }
  sg_recipe_clear_fitted (recipe);
  g_ptr_array_insert (recipe->steps, index, step);
  return TRUE;
}

gboolean
sg_recipe_remove (SgRecipe  *recipe,
                  guint      index,
                  GError   **error)
{
  if (!check_index (recipe, index, recipe->steps->len, error))
    return FALSE;
  sg_recipe_clear_fitted (recipe);
  g_ptr_array_remove_index (recipe->steps, index);
  return TRUE;
}

gboolean
sg_recipe_move (SgRecipe  *recipe,
                guint      from,
                guint      to,
                GError   **error)
{
  gpointer step;

  if (!check_index (recipe, from, recipe->steps->len, error) ||
      !check_index (recipe, to, recipe->steps->len, error))
    return FALSE;
  sg_recipe_clear_fitted (recipe);
  step = recipe->steps->pdata[from];
  recipe->steps->pdata[from] = NULL;
  g_ptr_array_remove_index (recipe->steps, from);   /* frees NULL: nothing */
  g_ptr_array_insert (recipe->steps, to, step);
  return TRUE;
}

gboolean
sg_recipe_set_param (SgRecipe    *recipe,
                     guint        index,
                     const char  *name,
                     JsonNode    *value,
                     GError     **error)
{
  SgRecipeStep *step;

  if (!check_index (recipe, index, recipe->steps->len, error))
    return FALSE;
  step = g_ptr_array_index (recipe->steps, index);
  sg_recipe_clear_fitted (recipe);
  if (value == NULL)
    json_object_remove_member (step->params, name);
  else
    json_object_set_member (step->params, name, deep_copy (value));
  return TRUE;
}

static gboolean
require (const SgRecipeStep *step,
         guint               index,
         const char         *member,
         gboolean            list,
         GError            **error)
{
  JsonNode *node = json_object_get_member (step->params, member);
  gboolean ok = node != NULL && (list ? JSON_NODE_HOLDS_ARRAY (node)
                                      : (JSON_NODE_HOLDS_VALUE (node) &&
                                         json_node_get_value_type (node) == G_TYPE_STRING));

  if (!ok)
    g_set_error (error, SG_ERROR, SG_ERROR_PARSE,
                 list ? _("Step %u (%s) needs a list of column names in “%s”")
                      : _("Step %u (%s) needs a column name in “%s”"),
                 index + 1, step->op, member);
  return ok;
}

gboolean
sg_recipe_validate (const SgRecipe  *recipe,
                    GError         **error)
{
  for (guint i = 0; i < recipe->steps->len; i++)
    {
      SgRecipeStep *step = g_ptr_array_index (recipe->steps, i);
      const char *op = step->op;

      if (op == NULL || !g_strv_contains (ops, op))
        {
          g_set_error (error, SG_ERROR, SG_ERROR_PARSE, _("Step %u: unknown operation “%s”"), i + 1, op ? op : "");
          return FALSE;
        }
      if ((strcmp (op, "select") == 0 || strcmp (op, "drop_columns") == 0 || strcmp (op, "drop_missing") == 0 ||
           strcmp (op, "log1p") == 0 || strcmp (op, "scale") == 0) && !require (step, i, "columns", TRUE, error))
        return FALSE;
      if ((strcmp (op, "dedupe_ids") == 0 || strcmp (op, "fill_missing") == 0 ||
           strcmp (op, "cap_outliers") == 0 || strcmp (op, "one_hot") == 0) && !require (step, i, "column", FALSE, error))
        return FALSE;
      if (strcmp (op, "scale") == 0)
        {
          SgScaling scaling;
          const char *method = param_string (step->params, "method");

          if (method != NULL && !sg_scaling_from_string (method, &scaling))
            {
              g_set_error (error, SG_ERROR, SG_ERROR_PARSE, _("Step %u: unknown scaling “%s”"), i + 1, method);
              return FALSE;
            }
        }
      if (strcmp (op, "fill_missing") == 0)
        {
          SgFillMethod method;
          const char *name = param_string (step->params, "method");

          if (name != NULL && !sg_fill_method_from_string (name, &method))
            {
              g_set_error (error, SG_ERROR, SG_ERROR_PARSE, _("Step %u: unknown way to fill “%s”"), i + 1, name);
              return FALSE;
            }
        }
      if (strcmp (op, "cap_outliers") == 0)
        {
          SgOutlierRule rule;
          const char *name = param_string (step->params, "rule");

          if (name != NULL && !sg_outlier_rule_from_string (name, &rule))
            {
              g_set_error (error, SG_ERROR, SG_ERROR_PARSE, _("Step %u: unknown outlier rule “%s”"), i + 1, name);
              return FALSE;
            }
        }
      if (strcmp (op, "dedupe_ids") == 0)
        {
          SgKeep keep;
          const char *name = param_string (step->params, "keep");

          if (name != NULL && !sg_keep_from_string (name, &keep))
            {
              g_set_error (error, SG_ERROR, SG_ERROR_PARSE, _("Step %u: “keep” must be first, last or aggregate"), i + 1);
              return FALSE;
            }
        }
    }
  return TRUE;
}

GStrv
sg_recipe_describe (const SgRecipe *recipe)
{
  GPtrArray *lines = sg_lines_new ();

  for (guint i = 0; i < recipe->steps->len; i++)
    {
      g_autofree char *text = sg_recipe_step_describe (g_ptr_array_index (recipe->steps, i));

      sg_lines_take (lines, g_strdup_printf ("%u. %s", i + 1, text));
    }
  return sg_lines_end (lines);
}

/* ---- JSON ---- */

JsonNode *
sg_recipe_to_json (const SgRecipe *recipe)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, recipe->name);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "steps");
  json_builder_begin_array (builder);
  for (guint i = 0; i < recipe->steps->len; i++)
    {
      SgRecipeStep *step = g_ptr_array_index (recipe->steps, i);
      g_autoptr(JsonNode) params = json_node_new (JSON_NODE_OBJECT);
      g_autofree char *text = sg_recipe_step_describe (step);

      json_node_set_object (params, step->params);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "op");
      json_builder_add_string_value (builder, step->op);
      json_builder_set_member_name (builder, "params");
      json_builder_add_value (builder, json_node_copy (params));
      if (step->fitted != NULL)
        {
          g_autoptr(JsonNode) fitted = json_node_new (JSON_NODE_OBJECT);

          json_node_set_object (fitted, step->fitted);
          json_builder_set_member_name (builder, "fitted");
          json_builder_add_value (builder, json_node_copy (fitted));
        }
      json_builder_set_member_name (builder, "description");
      json_builder_add_string_value (builder, text);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

char *
sg_recipe_to_string (const SgRecipe *recipe,
                     gboolean        pretty)
{
  return sg_json_take_to_string (sg_recipe_to_json (recipe), pretty);
}

SgRecipe *
sg_recipe_from_json (JsonNode  *node,
                     GError   **error)
{
  g_autoptr(SgRecipe) recipe = NULL;
  JsonArray *steps;

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      JsonNode *list = json_object_get_member (object, "steps");

      recipe = sg_recipe_new (json_object_get_string_member_with_default (object, "name", NULL));
      if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
        {
          g_set_error (error, SG_ERROR, SG_ERROR_PARSE, _("A recipe needs a list of “steps”"));
          return NULL;
        }
      steps = json_node_get_array (list);
    }
  else if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      recipe = sg_recipe_new (NULL);
      steps = json_node_get_array (node);
    }
  else
    {
      g_set_error (error, SG_ERROR, SG_ERROR_PARSE, _("A recipe is a JSON object with a list of “steps”"));
      return NULL;
    }

  for (guint i = 0; i < json_array_get_length (steps); i++)
    {
      JsonNode *item = json_array_get_element (steps, i);
      JsonObject *object;
      JsonNode *params, *fitted;
      const char *op;
      SgRecipeStep *step;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        {
          g_set_error (error, SG_ERROR, SG_ERROR_PARSE, _("Step %u of the recipe is not an object"), i + 1);
          return NULL;
        }
      object = json_node_get_object (item);
      op = json_object_get_string_member_with_default (object, "op", NULL);
      params = json_object_get_member (object, "params");
      fitted = json_object_get_member (object, "fitted");
      if (op == NULL)
        {
          g_set_error (error, SG_ERROR, SG_ERROR_PARSE, _("Step %u of the recipe has no “op”"), i + 1);
          return NULL;
        }
      if (params != NULL && !JSON_NODE_HOLDS_OBJECT (params))
        {
          g_set_error (error, SG_ERROR, SG_ERROR_PARSE, _("Step %u: “params” must be an object"), i + 1);
          return NULL;
        }
      if (params != NULL)
        {
          g_autoptr(JsonNode) copy = deep_copy (params);

          step = sg_recipe_step_new (op, json_node_get_object (copy));
        }
      else
        step = sg_recipe_step_new (op, NULL);
      if (fitted != NULL && JSON_NODE_HOLDS_OBJECT (fitted))
        {
          g_autoptr(JsonNode) copy = deep_copy (fitted);

          step->fitted = json_object_ref (json_node_get_object (copy));
        }
      g_ptr_array_add (recipe->steps, step);
    }
  if (!sg_recipe_validate (recipe, error))
    return NULL;
  return g_steal_pointer (&recipe);
}

SgRecipe *
sg_recipe_from_string (const char  *text,
                       GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local = NULL;

  if (!json_parser_load_from_data (parser, text, -1, &local))
    {
      g_set_error (error, SG_ERROR, SG_ERROR_PARSE, _("The recipe is not valid JSON: %s"), local->message);
      return NULL;
    }
  return sg_recipe_from_json (json_parser_get_root (parser), error);
}

SgRecipe *
sg_recipe_load_file (const char  *path,
                     GError     **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) local = NULL;
  SgRecipe *recipe;

  if (!g_file_get_contents (path, &text, NULL, &local))
    {
      g_set_error (error, SG_ERROR, SG_ERROR_IO, _("Could not read the recipe %s: %s"), path, local->message);
      return NULL;
    }
  recipe = sg_recipe_from_string (text, &local);
  if (recipe == NULL)
    g_set_error (error, SG_ERROR, local->code, "%s: %s", path, local->message);
  return recipe;
}

/* ---- running ---- */

typedef struct {
  GPtrArray *columns;
  GPtrArray *log;
  gboolean   fit;
  guint      index;
} Run;

static SgColumn *
run_column (Run          *run,
            const char   *name,
            gboolean      numeric,
            GError      **error)
{
  int index = name != NULL ? sg_columns_lookup (run->columns, name) : -1;
  SgColumn *column;

  if (index < 0)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_NOT_FOUND, _("Step %u: there is no column “%s”"),
                   run->index + 1, name ? name : "");
      return NULL;
    }
  column = g_ptr_array_index (run->columns, index);
  if (numeric && !sg_column_is_numeric (column))
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT, _("Step %u: column “%s” holds %s values, not numbers"),
                   run->index + 1, name, sg_column_type_get_label (column->type));
      return NULL;
    }
  return column;
}

static gboolean
not_fitted (Run          *run,
            SgRecipeStep *step,
            GError      **error)
{
  g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT,
               _("Step %u (%s) has no fitted values: prepare the original data with this recipe first"),
               run->index + 1, step->op);
  return FALSE;
}

static gboolean
run_select (Run          *run,
            SgRecipeStep *step,
            gboolean      drop,
            GError      **error)
{
  g_autofree const char **names = param_strings (step->params, "columns");
  const char *id = param_string (step->params, "id");
  guint n = sg_columns_get_n_rows (run->columns);
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) sg_column_free);
  g_autofree guint8 *taken = g_new0 (guint8, run->columns->len + 1);

  for (guint i = 0; names[i] != NULL; i++)
    if (sg_columns_lookup (run->columns, names[i]) < 0)
      {
        g_ptr_array_unref (out);
        return run_column (run, names[i], FALSE, error) != NULL;
      }
  if (drop)
    {
      for (guint c = 0; c < run->columns->len; c++)
        {
          SgColumn *column = g_ptr_array_index (run->columns, c);

          if (!g_strv_contains (names, column->name))
            g_ptr_array_add (out, sg_column_copy (column));
        }
      sg_lines_take (run->log, g_strdup_printf (_("Left out %u columns."), g_strv_length ((char **) names)));
    }
  else
    {
      /* id columns first */
      for (guint c = 0; c < run->columns->len; c++)
        {
          SgColumn *column = g_ptr_array_index (run->columns, c);

          if ((id != NULL && g_strcmp0 (column->name, id) == 0) ||
              (id == NULL && g_strcmp0 (column->role, "id") == 0))
            {
              g_ptr_array_add (out, sg_column_copy (column));
              taken[c] = 1;
            }
        }
      for (guint i = 0; names[i] != NULL; i++)
        {
          int c = sg_columns_lookup (run->columns, names[i]);

          if (!taken[c])
            {
              g_ptr_array_add (out, sg_column_copy (g_ptr_array_index (run->columns, c)));
              taken[c] = 1;
            }
        }
      sg_lines_take (run->log, g_strdup_printf (_("Kept %u columns of %u for %u rows."), out->len, run->columns->len, n));
    }
  g_ptr_array_unref (run->columns);
  run->columns = out;
  return TRUE;
}

static gboolean
run_fill (Run          *run,
          SgRecipeStep *step,
          GError      **error)
{
  const char *name = param_string (step->params, "column");
  const char *method_name = param_string (step->params, "method");
  gboolean flag = param_bool (step->params, "flag", FALSE);
  SgColumn *column = run_column (run, name, FALSE, error);
  SgFillMethod method = SG_FILL_MEDIAN;
  double number = NAN;
  g_autofree char *string = NULL;
  guint64 filled, missing;

  if (column == NULL)
    return FALSE;
  if (method_name != NULL)
    sg_fill_method_from_string (method_name, &method);
  else
    method = sg_clean_default_fill (column, NULL);
  missing = column->n_missing;
  if (method == SG_FILL_DROP_ROWS)
    {
      const char *names[] = { name, NULL };
      guint64 removed;

      if (!sg_clean_drop_missing (run->columns, names, &removed, error))
        return FALSE;
      sg_lines_take (run->log, g_strdup_printf (_("Dropped %" PRIu64 " rows missing “%s”."), removed, name));
      return TRUE;
    }
  if (method == SG_FILL_CONSTANT)
    {
      JsonNode *v = json_object_get_member (step->params, "value");

      if (v != NULL && JSON_NODE_HOLDS_VALUE (v) && json_node_get_value_type (v) == G_TYPE_STRING)
        string = g_strdup (json_node_get_string (v));
      else
        number = param_double (step->params, "value", 0);
      if (sg_column_is_numeric (column) && isnan (number))
        {
          g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT, _("Step %u: fill numeric column “%s” with a number"),
                       run->index + 1, name);
          return FALSE;
        }
      if (!sg_column_is_numeric (column) && string == NULL)
        string = g_strdup_printf ("%g", number);
    }
  else if (step->fitted != NULL)
    {
      JsonNode *v = json_object_get_member (step->fitted, "value");

      if (v != NULL && JSON_NODE_HOLDS_VALUE (v) && json_node_get_value_type (v) == G_TYPE_STRING)
        string = g_strdup (json_node_get_string (v));
      else
        number = param_double (step->fitted, "value", NAN);
    }
  else if (!run->fit)
    return not_fitted (run, step, error);
  else
    {
      if (!sg_clean_fit_fill (column, method, &number, &string, error))
        return FALSE;
      step->fitted = json_object_new ();
      if (string != NULL)
        json_object_set_string_member (step->fitted, "value", string);
      else
        json_object_set_double_member (step->fitted, "value", number);
    }
  filled = sg_clean_apply_fill (run->columns, sg_columns_lookup (run->columns, name), number, string, flag);
  {
    g_autofree char *shown = string != NULL ? g_strdup_printf ("“%s”", string) : format_number (number);

    sg_lines_take (run->log, g_strdup_printf (_("Filled %" PRIu64 " of %" PRIu64 " missing “%s” values with %s."),
                                              filled, missing, name, shown));
  }
  return TRUE;
}

static gboolean
run_cap (Run          *run,
         SgRecipeStep *step,
         GError      **error)
{
  const char *name = param_string (step->params, "column");
  SgColumn *column = run_column (run, name, TRUE, error);
  double low, high;
  guint64 capped;

  if (column == NULL)
    return FALSE;
  if (step->fitted != NULL)
    {
      low = param_double (step->fitted, "low", -INFINITY);
      high = param_double (step->fitted, "high", INFINITY);
    }
  else if (!run->fit)
    return not_fitted (run, step, error);
  else
    {
      SgOutlierRule rule = SG_OUTLIER_PERCENTILE;
      double a, b = 0;

      sg_outlier_rule_from_string (param_string (step->params, "rule"), &rule);
      if (rule == SG_OUTLIER_PERCENTILE)
        {
          a = param_double (step->params, "lower", 0.01);
          b = param_double (step->params, "upper", 0.99);
        }
      else
        a = param_double (step->params, "k", rule == SG_OUTLIER_IQR ? 1.5 : 3.0);
      if (!sg_clean_outlier_bounds (column, rule, a, b, &low, &high, error))
        return FALSE;
      step->fitted = json_object_new ();
      json_object_set_double_member (step->fitted, "low", low);
      json_object_set_double_member (step->fitted, "high", high);
    }
  capped = sg_clean_cap (column, low, high);
  {
    g_autofree char *l = format_number (low), *h = format_number (high);

    sg_lines_take (run->log, g_strdup_printf (_("Capped %" PRIu64 " “%s” values to %s–%s."), capped, name, l, h));
  }
  return TRUE;
}

static gboolean
run_log1p (Run          *run,
           SgRecipeStep *step,
           GError      **error)
{
  g_autofree const char **names = param_strings (step->params, "columns");

  for (guint i = 0; names[i] != NULL; i++)
    {
      SgColumn *column = run_column (run, names[i], TRUE, error);
      guint n;

      if (column == NULL)
        return FALSE;
      n = sg_column_get_n_rows (column);
      for (guint r = 0; r < n; r++)
        if (g_array_index (column->numbers, double, r) < 0)
          {
            g_autofree char *v = format_number (g_array_index (column->numbers, double, r));

            g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT,
                         _("Step %u: “%s” has a negative value (%s in row %u): a log scale needs values of 0 or more"),
                         run->index + 1, names[i], v, r + 1);
            return FALSE;
          }
      for (guint r = 0; r < n; r++)
        g_array_index (column->numbers, double, r) = log1p (g_array_index (column->numbers, double, r));
      if (column->type == SG_COLUMN_INTEGER || column->type == SG_COLUMN_BOOLEAN)
        column->type = SG_COLUMN_DECIMAL;
    }
  sg_lines_take (run->log, g_strdup_printf (_("Put %u columns on a log scale."), g_strv_length ((char **) names)));
  return TRUE;
}

static gboolean
run_scale (Run          *run,
           SgRecipeStep *step,
           GError      **error)
{
  g_autofree const char **names = param_strings (step->params, "columns");
  guint n_cols = g_strv_length ((char **) names);
  g_autoptr(SgScaler) scaler = NULL;
  g_autofree SgColumn **columns = g_new0 (SgColumn *, n_cols + 1);
  guint n_rows = sg_columns_get_n_rows (run->columns);

  for (guint i = 0; i < n_cols; i++)
    if ((columns[i] = run_column (run, names[i], TRUE, error)) == NULL)
      return FALSE;
  if (step->fitted != NULL)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

      json_node_set_object (node, step->fitted);
      scaler = sg_scaler_from_json (node, error);
      if (scaler == NULL)
        return FALSE;
      if (scaler->n_cols != n_cols)
        {
          g_set_error (error, SG_ERROR, SG_ERROR_PARSE, _("Step %u: the fitted scaler has %u columns, the step lists %u"),
                       run->index + 1, scaler->n_cols, n_cols);
          return FALSE;
        }
    }
  else if (!run->fit)
    return not_fitted (run, step, error);
  else
    {
      SgScaling method = SG_SCALING_ZSCORE;
      g_autoptr(JsonNode) node = NULL;

      sg_scaling_from_string (param_string (step->params, "method"), &method);
      scaler = sg_scaler_new (method, n_cols, NULL);
      for (guint i = 0; i < n_cols; i++)
        if (!sg_scaler_fit_column (scaler, i, sg_column_get_numbers (columns[i]), n_rows, 1, names[i], error))
          return FALSE;
      node = sg_scaler_to_json (scaler);
      step->fitted = json_object_ref (json_node_get_object (node));
      for (guint i = 0; i < scaler->warnings->len; i++)
        sg_lines_take (run->log, g_strdup (g_ptr_array_index (scaler->warnings, i)));
    }
  for (guint i = 0; i < n_cols; i++)
    {
      sg_scaler_apply_column (scaler, i, (double *) columns[i]->numbers->data, n_rows, 1);
      if (columns[i]->type != SG_COLUMN_DECIMAL && scaler->method != SG_SCALING_NONE)
        columns[i]->type = SG_COLUMN_DECIMAL;
    }
  sg_lines_take (run->log, g_strdup_printf (_("Scaled %u columns (%s)."), n_cols, sg_scaling_to_string (scaler->method)));
  return TRUE;
}

static gboolean
run_one_hot (Run          *run,
             SgRecipeStep *step,
             GError      **error)
{
  const char *name = param_string (step->params, "column");
  SgColumn *column = run_column (run, name, FALSE, error);
  g_autoptr(GPtrArray) levels = NULL;
  gboolean other = FALSE;

  if (column == NULL)
    return FALSE;
  if (step->fitted != NULL)
    {
      g_autofree const char **list = param_strings (step->fitted, "levels");

      levels = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; list != NULL && list[i] != NULL; i++)
        g_ptr_array_add (levels, g_strdup (list[i]));
      other = param_bool (step->fitted, "other", FALSE);
    }
  else if (!run->fit)
    return not_fitted (run, step, error);
  else
    {
      JsonArray *array = json_array_new ();

      if (!sg_clean_fit_one_hot (column, (guint) param_double (step->params, "max_levels", 10),
                                 param_double (step->params, "min_share", 0.01), &levels, &other, error))
        {
          json_array_unref (array);
          return FALSE;
        }
      for (guint i = 0; i < levels->len; i++)
        json_array_add_string_element (array, g_ptr_array_index (levels, i));
      step->fitted = json_object_new ();
      json_object_set_array_member (step->fitted, "levels", array);
      json_object_set_boolean_member (step->fitted, "other", other);
    }
  sg_clean_apply_one_hot (run->columns, sg_columns_lookup (run->columns, name), levels, other,
                          param_double (step->params, "weight", 1.0));
  sg_lines_take (run->log, g_strdup_printf (_("Turned “%s” into %u yes/no columns."), name, levels->len + (other ? 1 : 0)));
  return TRUE;
}

static gboolean
run_rfm (Run          *run,
         SgRecipeStep *step,
         GError      **error)
{
  g_autoptr(SgTable) table = sg_table_new ("rfm");
  SgRfmModel model;
  gboolean have_model = FALSE;

  if (step->fitted != NULL)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

      json_node_set_object (node, step->fitted);
      if (!sg_rfm_model_from_json (node, &model, error))
        return FALSE;
      have_model = TRUE;
    }
  else if (!run->fit)
    return not_fitted (run, step, error);

  /* the table takes the working columns for the call and gives them back */
  for (guint c = 0; c < run->columns->len; c++)
    sg_table_take_column (table, run->columns->pdata[c]);
  g_ptr_array_set_free_func (run->columns, NULL);
  g_ptr_array_set_size (run->columns, 0);
  g_ptr_array_set_free_func (run->columns, (GDestroyNotify) sg_column_free);
  {
    gboolean ok = sg_rfm_add_scores (table, param_string (step->params, "recency"),
                                     param_string (step->params, "frequency"),
                                     param_string (step->params, "monetary"),
                                     have_model ? &model : NULL, &model, error);
    g_autoptr(GPtrArray) back = sg_columns_from_table (table);

    g_ptr_array_unref (run->columns);
    run->columns = g_steal_pointer (&back);
    if (!ok)
      return FALSE;
  }
  if (!have_model)
    {
      g_autoptr(JsonNode) node = sg_rfm_model_to_json (&model);

      step->fitted = json_object_ref (json_node_get_object (node));
    }
  sg_lines_take (run->log, g_strdup (_("Added RFM scores and groups.")));
  return TRUE;
}

SgTable *
sg_recipe_run (SgRecipe    *recipe,
               SgTable     *input,
               gboolean     fit,
               SgProgress  *progress,
               GStrv       *log,
               GError     **error)
{
  Run run = { 0 };
  SgTable *result = NULL;
  g_autofree guint8 *was_fitted = NULL;

  g_return_val_if_fail (recipe != NULL && input != NULL, NULL);

  if (!sg_recipe_validate (recipe, error))
    return NULL;
  /* a failed run leaves the recipe as it found it */
  was_fitted = g_new0 (guint8, recipe->steps->len + 1);
  for (guint i = 0; i < recipe->steps->len; i++)
    was_fitted[i] = ((SgRecipeStep *) g_ptr_array_index (recipe->steps, i))->fitted != NULL;
  run.columns = sg_columns_from_table (input);
  run.log = sg_lines_new ();
  run.fit = fit;
  for (run.index = 0; run.index < recipe->steps->len; run.index++)
    {
      SgRecipeStep *step = g_ptr_array_index (recipe->steps, run.index);
      const char *op = step->op;
      gboolean ok = TRUE;

      sg_progress_report (progress, (double) run.index / recipe->steps->len, NULL);
      if (!sg_progress_check (progress, error))
        goto out;
      if (strcmp (op, "select") == 0)
        ok = run_select (&run, step, FALSE, error);
      else if (strcmp (op, "drop_columns") == 0)
        ok = run_select (&run, step, TRUE, error);
      else if (strcmp (op, "dedupe_rows") == 0)
        {
          guint64 removed = sg_clean_drop_duplicate_rows (run.columns);

          sg_lines_take (run.log, g_strdup_printf (_("Removed %" PRIu64 " duplicate rows."), removed));
        }
      else if (strcmp (op, "dedupe_ids") == 0)
        {
          SgKeep keep = SG_KEEP_FIRST;
          guint64 removed = 0, ids = 0;
          const char *column = param_string (step->params, "column");

          sg_keep_from_string (param_string (step->params, "keep"), &keep);
          ok = sg_clean_dedupe_ids (run.columns, column, keep, &removed, &ids, error);
          if (ok)
            sg_lines_take (run.log, g_strdup_printf (_("%" PRIu64 " ids had several rows: %" PRIu64 " rows removed (%s)."),
                                                     ids, removed, sg_keep_to_string (keep)));
        }
      else if (strcmp (op, "drop_missing") == 0)
        {
          g_autofree const char **names = param_strings (step->params, "columns");
          guint64 removed = 0;

          ok = sg_clean_drop_missing (run.columns, names, &removed, error);
          if (ok)
            sg_lines_take (run.log, g_strdup_printf (_("Dropped %" PRIu64 " rows with a missing value."), removed));
        }
      else if (strcmp (op, "fill_missing") == 0)
        ok = run_fill (&run, step, error);
      else if (strcmp (op, "cap_outliers") == 0)
        ok = run_cap (&run, step, error);
      else if (strcmp (op, "log1p") == 0)
        ok = run_log1p (&run, step, error);
      else if (strcmp (op, "scale") == 0)
        ok = run_scale (&run, step, error);
      else if (strcmp (op, "one_hot") == 0)
        ok = run_one_hot (&run, step, error);
      else if (strcmp (op, "rfm") == 0)
        ok = run_rfm (&run, step, error);
      if (!ok)
        goto out;
    }
  if (sg_columns_get_n_rows (run.columns) == 0 || run.columns->len == 0)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_DEGENERATE, _("The recipe leaves no rows or no columns"));
      goto out;
    }
  result = sg_columns_to_table (run.columns, sg_table_get_name (input));
  sg_progress_report (progress, 1.0, NULL);
  if (log != NULL)
    {
      *log = sg_lines_end (run.log);
      run.log = NULL;
    }

out:
  if (result == NULL)
    for (guint i = 0; i < recipe->steps->len; i++)
      if (!was_fitted[i])
        g_clear_pointer (&((SgRecipeStep *) g_ptr_array_index (recipe->steps, i))->fitted, json_object_unref);
  if (run.log != NULL)
    g_ptr_array_unref (run.log);
  g_ptr_array_unref (run.columns);
  return result;
}
