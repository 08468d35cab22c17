/* sg-recipe-step-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "SgRecipeStepDialog"

#include <glib/gi18n.h>
#include <math.h>

#include "sg-a11y.h"
#include "sg-project.h"
#include "sg-recipe-step-dialog.h"

static const char *const menu_ops[] = {
  "dedupe_rows", "dedupe_ids", "select", "drop_columns", "drop_missing", "fill_missing", "cap_outliers", "log1p",
  "scale", "one_hot", "rfm", NULL,
};

static const char *const scale_methods[] = { "zscore", "minmax", "robust", "none" };
static const char *const fill_methods[] = { "median", "mean", "mode", "constant" };
static const char *const keep_values[] = { "first", "last", "aggregate" };
static const char *const cap_rules[] = { "percentile", "iqr", "zscore" };

const char *const *
sg_recipe_step_dialog_ops (void)
{
  return menu_ops;
}

const char *
sg_recipe_step_dialog_op_label (const char *op)
{
  static const struct { const char *op; const char *label; } labels[] = {
    { "dedupe_rows", N_("Remove Duplicate Rows") },
    { "dedupe_ids", N_("Keep One Row per Customer") },
    { "select", N_("Choose the Features") },
    { "drop_columns", N_("Leave Out Columns") },
    { "drop_missing", N_("Drop Rows with Missing Values") },
    { "fill_missing", N_("Fill Missing Values") },
    { "cap_outliers", N_("Cap Extreme Values") },
    { "log1p", N_("Log Scale") },
    { "scale", N_("Scale Columns") },
    { "one_hot", N_("Yes/No Columns from a Category") },
    { "rfm", N_("Add RFM Scores and Groups") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (labels[i].op, op) == 0)
      return _(labels[i].label);
  return op;
}

gboolean
sg_recipe_step_dialog_has_params (const char *op)
{
  return g_strcmp0 (op, "dedupe_rows") != 0 && g_strcmp0 (op, "rfm") != 0;
}

/* ---- the form ---- */

typedef struct {
  char                   *op;
  SgRecipeStepDialogDone  done;
  GObject                *user_data;
  GPtrArray              *columns;    /* column names */
  GPtrArray              *checks;     /* GtkCheckButton per column (list operations) */
  AdwComboRow            *column;     /* one column */
  AdwComboRow            *method;     /* scale method, fill method, keep, cap rule */
  AdwEntryRow            *value;      /* fill constant */
  GtkSwitch              *flag;       /* fill: add a "was missing" column */
  GtkSpinButton          *lower, *upper, *k;
  GtkSpinButton          *levels, *min_share, *weight;
  JsonObject             *old_params; /* what the step had, for members the form does not show */
} Form;

static void
form_free (Form *form)
{
  g_free (form->op);
  g_clear_object (&form->user_data);
  g_ptr_array_unref (form->columns);
  g_ptr_array_unref (form->checks);
  g_clear_pointer (&form->old_params, json_object_unref);
  g_free (form);
}

static void
form_closure_free (gpointer  data,
                   GClosure *closure)
{
  form_free (data);
}

static gboolean
is_list_op (const char *op)
{
  return g_strcmp0 (op, "select") == 0 || g_strcmp0 (op, "drop_columns") == 0 ||
         g_strcmp0 (op, "drop_missing") == 0 || g_strcmp0 (op, "log1p") == 0 || g_strcmp0 (op, "scale") == 0;
}

static const char *
param_string (JsonObject *params,
              const char *name)
{
  JsonNode *node = params != NULL ? json_object_get_member (params, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
         ? json_node_get_string (node) : NULL;
}

static double
param_double (JsonObject *params,
              const char *name,
              double      fallback)
{
  JsonNode *node = params != NULL ? json_object_get_member (params, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return fallback;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return (double) json_node_get_int (node);
  if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    return json_node_get_double (node);
  return fallback;
}

static gboolean
param_bool (JsonObject *params,
            const char *name)
{
  JsonNode *node = params != NULL ? json_object_get_member (params, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN &&
         json_node_get_boolean (node);
}

static gboolean
lists (JsonObject *params,
       const char *name)
{
  JsonNode *node = params != NULL ? json_object_get_member (params, "columns") : NULL;
  JsonArray *array = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING &&
          g_strcmp0 (json_node_get_string (element), name) == 0)
        return TRUE;
    }
  return FALSE;
}

static guint
index_of (const char *const *values,
          guint              n,
          const char        *value,
          guint              fallback)
{
  for (guint i = 0; i < n && value != NULL; i++)
    if (g_strcmp0 (values[i], value) == 0)
      return i;
  return fallback;
}

static AdwComboRow *
combo_row_new (AdwPreferencesGroup *group,
               const char          *title,
               const char *const   *labels,
               guint                n,
               guint                selected)
{
  AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);

  for (guint i = 0; i < n; i++)
    gtk_string_list_append (model, labels[i]);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (row, G_LIST_MODEL (model));
  adw_combo_row_set_selected (row, MIN (selected, n > 0 ? n - 1 : 0));
  adw_preferences_group_add (group, GTK_WIDGET (row));
  return row;
}

static GtkSpinButton *
spin_row_new (AdwPreferencesGroup *group,
              const char          *title,
              const char          *subtitle,
              double               lower,
              double               upper,
              double               step,
              guint                digits,
              double               value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (lower, upper, step);

  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), digits);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  sg_a11y_set_label (spin, title);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_preferences_group_add (group, row);
  return GTK_SPIN_BUTTON (spin);
}

static void
add_column_list (Form                *form,
                 AdwPreferencesGroup *group,
                 JsonObject          *params)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  sg_a11y_set_label (list, _("Columns"));
  for (guint i = 0; i < form->columns->len; i++)
    {
      const char *name = g_ptr_array_index (form->columns, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), lists (params, name));
      sg_a11y_set_label (check, name);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
      g_ptr_array_add (form->checks, check);
    }
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 280);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  adw_preferences_group_add (group, scroller);
}

static AdwComboRow *
add_column_choice (Form                *form,
                   AdwPreferencesGroup *group,
                   const char          *current)
{
  g_autofree const char **names = g_new0 (const char *, form->columns->len + 1);
  guint selected = 0;

  for (guint i = 0; i < form->columns->len; i++)
    {
      names[i] = g_ptr_array_index (form->columns, i);
      if (g_strcmp0 (names[i], current) == 0)
        selected = i;
    }
  return combo_row_new (group, _("Column"), names, form->columns->len, selected);
}

static void
fill_method_changed_cb (AdwComboRow *method,
                        GParamSpec  *pspec,
                        Form        *form)
{
  /* the value matters only for "a fixed value" */
  gtk_widget_set_visible (GTK_WIDGET (form->value), adw_combo_row_get_selected (method) == 3);
}

static GtkWidget *
build_form (Form       *form,
            JsonObject *params)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  const char *op = form->op;

  if (is_list_op (op))
    add_column_list (form, group, params);
  else if (g_strcmp0 (op, "dedupe_ids") == 0 || g_strcmp0 (op, "fill_missing") == 0 ||
           g_strcmp0 (op, "cap_outliers") == 0 || g_strcmp0 (op, "one_hot") == 0)
    form->column = add_column_choice (form, group, param_string (params, "column"));

  if (g_strcmp0 (op, "scale") == 0)
    {
      const char *labels[] = { _("Standardise (mean 0, standard deviation 1)"), _("Rescale to 0–1"),
                               _("Robust (median and interquartile range)"), _("Leave unscaled") };

      form->method = combo_row_new (group, _("How"), labels, G_N_ELEMENTS (labels),
                                    index_of (scale_methods, G_N_ELEMENTS (scale_methods),
                                              param_string (params, "method"), 0));
    }
  else if (g_strcmp0 (op, "dedupe_ids") == 0)
    {
      const char *labels[] = { _("Keep the first row"), _("Keep the last row"), _("Merge them (numbers averaged)") };

      form->method = combo_row_new (group, _("Which row"), labels, G_N_ELEMENTS (labels),
                                    index_of (keep_values, G_N_ELEMENTS (keep_values), param_string (params, "keep"), 0));
    }
  else if (g_strcmp0 (op, "fill_missing") == 0)
    {
      const char *labels[] = { _("The median"), _("The mean"), _("The most common value"), _("A fixed value") };
      JsonNode *value = params != NULL ? json_object_get_member (params, "value") : NULL;
      GtkWidget *row = adw_action_row_new ();

      form->method = combo_row_new (group, _("Fill with"), labels, G_N_ELEMENTS (labels),
                                    index_of (fill_methods, G_N_ELEMENTS (fill_methods),
                                              param_string (params, "method"), 0));
      form->value = ADW_ENTRY_ROW (adw_entry_row_new ());
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (form->value), _("Fixed value"));
      if (value != NULL && JSON_NODE_HOLDS_VALUE (value))
        {
          g_autofree char *text = json_node_get_value_type (value) == G_TYPE_STRING
            ? g_strdup (json_node_get_string (value)) : g_strdup_printf ("%g", param_double (params, "value", 0));

          gtk_editable_set_text (GTK_EDITABLE (form->value), text);
        }
      adw_preferences_group_add (group, GTK_WIDGET (form->value));
      g_signal_connect (form->method, "notify::selected", G_CALLBACK (fill_method_changed_cb), form);
      fill_method_changed_cb (form->method, NULL, form);
      form->flag = GTK_SWITCH (gtk_switch_new ());
      gtk_widget_set_valign (GTK_WIDGET (form->flag), GTK_ALIGN_CENTER);
      gtk_switch_set_active (form->flag, param_bool (params, "flag"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Add a “was missing” column"));
      sg_a11y_set_label (GTK_WIDGET (form->flag), _("Add a “was missing” column"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (form->flag));
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), GTK_WIDGET (form->flag));
      adw_preferences_group_add (group, row);
    }
  else if (g_strcmp0 (op, "cap_outliers") == 0)
    {
      const char *labels[] = { _("Percentiles"), _("Interquartile range (IQR)"), _("Standard deviations") };

      form->method = combo_row_new (group, _("Rule"), labels, G_N_ELEMENTS (labels),
                                    index_of (cap_rules, G_N_ELEMENTS (cap_rules), param_string (params, "rule"), 0));
      form->lower = spin_row_new (group, _("Lower percentile"), _("For the percentile rule"), 0, 49, 0.5, 1,
                                  100 * param_double (params, "lower", 0.01));
      form->upper = spin_row_new (group, _("Upper percentile"), _("For the percentile rule"), 51, 100, 0.5, 1,
                                  100 * param_double (params, "upper", 0.99));
      form->k = spin_row_new (group, _("How far is extreme"),
                              _("For the other rules: this many interquartile ranges or standard deviations"),
                              0.5, 10, 0.5, 1, param_double (params, "k", 1.5));
    }
  else if (g_strcmp0 (op, "one_hot") == 0)
    {
      form->levels = spin_row_new (group, _("Values with their own column"), _("Rarer ones are pooled in “Other”"),
                                   1, 50, 1, 0, param_double (params, "max_levels", 10));
      form->min_share = spin_row_new (group, _("Smallest share (%)"), _("Values on fewer rows go to “Other”"),
                                      0, 50, 0.5, 1, 100 * param_double (params, "min_share", 0.01));
      form->weight = spin_row_new (group, _("Weight"), NULL, 0.1, 5, 0.1, 1, param_double (params, "weight", 1));
    }
  sg_a11y_fix_names (GTK_WIDGET (group));
  return GTK_WIDGET (group);
}

static const char *
selected_column (Form *form)
{
  guint selected = adw_combo_row_get_selected (form->column);

  return selected < form->columns->len ? g_ptr_array_index (form->columns, selected) : NULL;
}

static JsonObject *
read_form (Form *form)
{
  JsonObject *params = json_object_new ();
  const char *op = form->op;

  if (is_list_op (op))
    {
      JsonArray *array = json_array_new ();

      for (guint i = 0; i < form->checks->len; i++)
        if (gtk_check_button_get_active (g_ptr_array_index (form->checks, i)))
          json_array_add_string_element (array, g_ptr_array_index (form->columns, i));
      json_object_set_array_member (params, "columns", array);
      /* the selection keeps its id column */
      if (g_strcmp0 (op, "select") == 0 && param_string (form->old_params, "id") != NULL)
        json_object_set_string_member (params, "id", param_string (form->old_params, "id"));
    }
  if (form->column != NULL && selected_column (form) != NULL)
    json_object_set_string_member (params, "column", selected_column (form));
  if (g_strcmp0 (op, "scale") == 0)
    json_object_set_string_member (params, "method", scale_methods[MIN (adw_combo_row_get_selected (form->method), 3)]);
  else if (g_strcmp0 (op, "dedupe_ids") == 0)
    json_object_set_string_member (params, "keep", keep_values[MIN (adw_combo_row_get_selected (form->method), 2)]);
  else if (g_strcmp0 (op, "fill_missing") == 0)
    {
      guint method = MIN (adw_combo_row_get_selected (form->method), 3);

      json_object_set_string_member (params, "method", fill_methods[method]);
      if (g_strcmp0 (fill_methods[method], "constant") == 0)
        {
          const char *text = gtk_editable_get_text (GTK_EDITABLE (form->value));
          char *end = NULL;
          double number = g_ascii_strtod (text, &end);

          if (end != text && *end == '\0' && isfinite (number))
            json_object_set_double_member (params, "value", number);
          else
            json_object_set_string_member (params, "value", text);
        }
      if (gtk_switch_get_active (form->flag))
        json_object_set_boolean_member (params, "flag", TRUE);
    }
  else if (g_strcmp0 (op, "cap_outliers") == 0)
    {
      guint rule = MIN (adw_combo_row_get_selected (form->method), 2);

      json_object_set_string_member (params, "rule", cap_rules[rule]);
      if (rule == 0)
        {
          json_object_set_double_member (params, "lower", gtk_spin_button_get_value (form->lower) / 100);
          json_object_set_double_member (params, "upper", gtk_spin_button_get_value (form->upper) / 100);
        }
      else
        json_object_set_double_member (params, "k", gtk_spin_button_get_value (form->k));
    }
  else if (g_strcmp0 (op, "one_hot") == 0)
    {
      json_object_set_int_member (params, "max_levels", gtk_spin_button_get_value_as_int (form->levels));
      json_object_set_double_member (params, "min_share", gtk_spin_button_get_value (form->min_share) / 100);
      json_object_set_double_member (params, "weight", gtk_spin_button_get_value (form->weight));
    }
  return params;
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             Form             *form)
{
  g_autoptr(JsonObject) params = NULL;

  if (g_strcmp0 (response, "apply") != 0)
    return;
  params = read_form (form);
  form->done (sg_recipe_step_new (form->op, params), form->user_data);
}

static const char *
op_explanation (const char *op)
{
  if (g_strcmp0 (op, "select") == 0)
    return _("The segments are built on the ticked columns; the customer id is kept beside them.");
  if (g_strcmp0 (op, "drop_columns") == 0)
    return _("The ticked columns are left out of the prepared data.");
  if (g_strcmp0 (op, "drop_missing") == 0)
    return _("Rows missing a value in any ticked column are removed.");
  if (g_strcmp0 (op, "log1p") == 0)
    return _("log(1 + x) tames columns where a few customers have very large values. Values must be 0 or more.");
  if (g_strcmp0 (op, "scale") == 0)
    return _("Scaling puts columns in comparable units, so a column of large numbers does not outweigh the others.");
  if (g_strcmp0 (op, "dedupe_ids") == 0)
    return _("When a customer is on several rows, keep one of them or merge them.");
  if (g_strcmp0 (op, "fill_missing") == 0)
    return _("Gaps are filled with a typical value, so those customers can still be compared.");
  if (g_strcmp0 (op, "cap_outliers") == 0)
    return _("Values beyond the limits are brought back to them, so a few extreme customers do not stretch the scale.");
  if (g_strcmp0 (op, "one_hot") == 0)
    return _("Each common value of the category gets its own yes/no column, so the category can shape the segments.");
  return NULL;
}

void
sg_recipe_step_dialog_present (GtkWidget              *parent,
                               const char             *op,
                               const SgRecipeStep     *step,
                               GPtrArray              *columns,
                               SgRecipeStepDialogDone  done,
                               GObject                *user_data)
{
  Form *form = g_new0 (Form, 1);
  GtkRoot *root = parent != NULL ? gtk_widget_get_root (parent) : NULL;
  GtkWidget *dialog;

  g_return_if_fail (op != NULL && done != NULL);

  form->op = g_strdup (op);
  form->done = done;
  form->user_data = user_data != NULL ? g_object_ref (user_data) : NULL;
  form->columns = g_ptr_array_new_with_free_func (g_free);
  form->checks = g_ptr_array_new ();
  form->old_params = step != NULL ? json_object_ref (step->params) : NULL;
  for (guint i = 0; columns != NULL && i < columns->len; i++)
    g_ptr_array_add (form->columns, g_strdup (((SgColumnInfo *) g_ptr_array_index (columns, i))->name));

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   sg_recipe_step_dialog_op_label (op), op_explanation (op));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog),
                                      build_form (form, step != NULL ? step->params : NULL));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "apply", step != NULL ? _("_Change") : _("_Add"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "apply", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "apply");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (response_cb), form, form_closure_free, 0);
  sg_a11y_fix_names (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}
