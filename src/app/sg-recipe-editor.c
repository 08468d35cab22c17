/* sg-recipe-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "SgRecipeEditor"

#include <glib/gi18n.h>

#include "sg-a11y.h"
#include "sg-format.h"
#include "sg-recipe-choices.h"
#include "sg-recipe-editor.h"
#include "sg-recipe-step-dialog.h"
#include "sg-window.h"

/* Undo steps kept. */
#define MAX_HISTORY 100
/* Features named in the summary before "and N more". */
#define MAX_NAMED_FEATURES 6

struct _SgRecipeEditor
{
  AdwBin           parent_instance;

  /* template */
  GtkMenuButton   *add_button;
  GtkLabel        *summary_label;
  GtkListBox      *step_list;
  AdwPreferencesGroup *saved_group;
  AdwEntryRow     *name_row;
  GtkWidget       *progress_box;
  GtkLabel        *progress_label;
  GtkProgressBar  *progress_bar;
  GtkWidget       *apply_button;
  GtkLabel        *result_label;

  SgSession       *session;
  gint64           dataset_id;
  SgRecipe        *recipe;
  GPtrArray       *undo;          /* SgRecipe, oldest first */
  GPtrArray       *redo;          /* SgRecipe, the next redo last */
  char            *note;
  GPtrArray       *saved;         /* SgRecipe from the project */
  GPtrArray       *saved_rows;
  GCancellable    *cancellable;   /* of the apply running, or NULL */
  gboolean         disposed;      /* an apply finishing now has nowhere to show its result */
};

G_DEFINE_FINAL_TYPE (SgRecipeEditor, sg_recipe_editor, ADW_TYPE_BIN)

enum { PROP_0, PROP_CAN_UNDO, PROP_CAN_REDO, PROP_BUSY, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { CHANGED, PREPARED, N_SIGNALS };
static guint signals[N_SIGNALS];

static SgWindow *
get_window (SgRecipeEditor *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return SG_IS_WINDOW (root) ? SG_WINDOW (root) : NULL;
}

static void
toast (SgRecipeEditor *self,
       const char     *message)
{
  SgWindow *window = get_window (self);

  if (window != NULL)
    sg_window_add_toast (window, message);
  else
    g_message ("%s", message);
}

/* ---- showing the recipe ---- */

static GtkWidget *
step_button_new (const char *icon,
                 const char *action,
                 guint       index,
                 const char *label)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_uint32 (index));
  gtk_widget_set_tooltip_text (button, label);
  sg_a11y_set_label (button, label);
  return button;
}

static GtkWidget *
step_row_new (const SgRecipeStep *step,
              guint               index,
              guint               n_steps)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  g_autofree char *number = g_strdup_printf ("%u", index + 1);
  g_autofree char *text = sg_recipe_step_describe (step);
  g_autofree char *change = g_strdup_printf (_("Change step %u"), index + 1);
  /* Translators: how a screen reader reads a recipe step: "Step 2: Fill missing “age” with the median." */
  g_autofree char *name = g_strdup_printf (_("Step %u: %s"), index + 1, text);
  GtkWidget *number_label = gtk_label_new (number);
  GtkWidget *text_label = gtk_label_new (text);

  gtk_widget_add_css_class (number_label, "dim-label");
  gtk_widget_add_css_class (number_label, "numeric");
  gtk_widget_set_valign (number_label, GTK_ALIGN_START);
  gtk_widget_set_size_request (number_label, 18, -1);
  gtk_label_set_xalign (GTK_LABEL (text_label), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (text_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text_label), PANGO_WRAP_WORD_CHAR);
  /* wrapped text asks for no more room than this: the columns beside get the rest */
  gtk_label_set_max_width_chars (GTK_LABEL (text_label), 40);
  gtk_widget_set_hexpand (text_label, TRUE);
  gtk_box_append (GTK_BOX (box), number_label);
  gtk_box_append (GTK_BOX (box), text_label);

  if (sg_recipe_step_dialog_has_params (step->op))
    gtk_box_append (GTK_BOX (buttons), step_button_new ("document-edit-symbolic", "editor.edit-step", index, change));
  /* the rarer edits in a menu: the step's words keep the room */
  {
    g_autoptr(GMenu) menu = g_menu_new ();
    g_autoptr(GMenuItem) item = NULL;
    g_autofree char *more = g_strdup_printf (_("More for step %u"), index + 1);
    GtkWidget *menu_button = gtk_menu_button_new ();

    if (index > 0)
      {
        item = g_menu_item_new (_("Move _Up"), NULL);
        g_menu_item_set_action_and_target_value (item, "editor.move-up", g_variant_new_uint32 (index));
        g_menu_append_item (menu, item);
        g_clear_object (&item);
      }
    if (index + 1 < n_steps)
      {
        item = g_menu_item_new (_("Move _Down"), NULL);
        g_menu_item_set_action_and_target_value (item, "editor.move-down", g_variant_new_uint32 (index));
        g_menu_append_item (menu, item);
        g_clear_object (&item);
      }
    item = g_menu_item_new (_("_Remove Step"), NULL);
    g_menu_item_set_action_and_target_value (item, "editor.remove-step", g_variant_new_uint32 (index));
    g_menu_append_item (menu, item);
    gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (menu_button), G_MENU_MODEL (menu));
    gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu_button), "view-more-symbolic");
    gtk_widget_add_css_class (menu_button, "flat");
    gtk_widget_set_valign (menu_button, GTK_ALIGN_CENTER);
    gtk_widget_set_tooltip_text (menu_button, _("Move or remove this step"));
    sg_a11y_set_label (menu_button, more);
    gtk_box_append (GTK_BOX (buttons), menu_button);
  }
  gtk_widget_set_valign (buttons, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), buttons);

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  sg_a11y_set_label (row, name);
  return row;
}

static char *
summary_text (SgRecipeEditor *self)
{
  g_auto(GStrv) features = NULL;
  GString *text;
  guint n;

  if (self->recipe == NULL)
    return g_strdup (self->dataset_id != 0 ? _("Working out a suggested recipe…")
                                           : _("Choose a dataset to prepare."));
  features = sg_recipe_choices_features (self->recipe);
  n = g_strv_length (features);
  text = g_string_new (NULL);
  if (self->recipe->steps->len == 0)
    g_string_append (text, _("The recipe has no steps: the data would be used as it is."));
  else if (n == 0)
    g_string_append (text, _("No column is chosen yet: switch on the columns that should shape the segments."));
  else
    {
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint i = 0; i < n && i < MAX_NAMED_FEATURES; i++)
        g_string_append_printf (names, "%s%s", i > 0 ? ", " : "", features[i]);
      if (n > MAX_NAMED_FEATURES)
        /* Translators: the end of a list of columns: "…, monetary and 6 more" */
        g_string_append_printf (names, g_dngettext (NULL, " and %u more", " and %u more", n - MAX_NAMED_FEATURES),
                                n - MAX_NAMED_FEATURES);
      g_string_append_printf (text, g_dngettext (NULL, "The segments are built on %u column: %s.",
                                                 "The segments are built on %u columns: %s.", n),
                              n, names->str);
    }
  if (self->recipe->steps->len > 0 && sg_recipe_is_fitted (self->recipe))
    g_string_append_printf (text, " %s", _("It keeps the values it learnt when it was applied (medians, scales), so new data is prepared the same way."));
  if (self->note != NULL)
    g_string_append_printf (text, "\n%s", self->note);
  return g_string_free (text, FALSE);
}

static void
update_actions (SgRecipeEditor *self)
{
  gboolean busy = self->cancellable != NULL;
  gboolean has = self->recipe != NULL && !busy;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.add-step", has);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.move-up", has);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.move-down", has);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.edit-step", has);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.remove-step", has);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.use-saved", !busy && self->dataset_id != 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->name_row), has);
  gtk_widget_set_visible (self->apply_button, !busy);
  gtk_widget_set_visible (self->progress_box, busy);
}

static void
show_recipe (SgRecipeEditor *self)
{
  GtkWidget *child;
  g_autofree char *summary = summary_text (self);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->step_list))) != NULL)
    gtk_list_box_remove (self->step_list, child);
  for (guint i = 0; self->recipe != NULL && i < self->recipe->steps->len; i++)
    gtk_list_box_append (self->step_list, step_row_new (g_ptr_array_index (self->recipe->steps, i), i,
                                                        self->recipe->steps->len));
  gtk_widget_set_visible (GTK_WIDGET (self->step_list), self->recipe != NULL && self->recipe->steps->len > 0);
  gtk_label_set_label (self->summary_label, summary);
  if (self->recipe != NULL && g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->name_row)), self->recipe->name) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->name_row), self->recipe->name);
  update_actions (self);
}

static void
changed (SgRecipeEditor *self)
{
  show_recipe (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* ---- history ---- */

void
sg_recipe_editor_set_recipe (SgRecipeEditor *self,
                             const SgRecipe *recipe)
{
  g_return_if_fail (SG_IS_RECIPE_EDITOR (self));

  g_clear_pointer (&self->recipe, sg_recipe_free);
  if (recipe != NULL)
    self->recipe = sg_recipe_copy (recipe);
  g_ptr_array_set_size (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->result_label), FALSE);
  changed (self);
}

const SgRecipe *
sg_recipe_editor_get_recipe (SgRecipeEditor *self)
{
  g_return_val_if_fail (SG_IS_RECIPE_EDITOR (self), NULL);

  return self->recipe;
}

gboolean
sg_recipe_editor_edit (SgRecipeEditor *self,
                       const SgRecipe *recipe)
{
  g_return_val_if_fail (SG_IS_RECIPE_EDITOR (self), FALSE);
  g_return_val_if_fail (recipe != NULL, FALSE);

  if (sg_recipe_choices_recipes_equal (self->recipe, recipe))
    return FALSE;
  if (self->recipe != NULL)
    g_ptr_array_add (self->undo, g_steal_pointer (&self->recipe));
  if (self->undo->len > MAX_HISTORY)
    g_ptr_array_remove_index (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
  self->recipe = sg_recipe_copy (recipe);
  changed (self);
  return TRUE;
}

gboolean
sg_recipe_editor_can_undo (SgRecipeEditor *self)
{
  g_return_val_if_fail (SG_IS_RECIPE_EDITOR (self), FALSE);

  return self->undo->len > 0 && self->cancellable == NULL;
}

gboolean
sg_recipe_editor_can_redo (SgRecipeEditor *self)
{
  g_return_val_if_fail (SG_IS_RECIPE_EDITOR (self), FALSE);

  return self->redo->len > 0 && self->cancellable == NULL;
}

static gboolean
step_history (SgRecipeEditor *self,
              GPtrArray      *from,
              GPtrArray      *to)
{
  if (from->len == 0 || self->cancellable != NULL)
    return FALSE;
  if (self->recipe != NULL)
    g_ptr_array_add (to, g_steal_pointer (&self->recipe));
  self->recipe = g_ptr_array_steal_index (from, from->len - 1);
  changed (self);
  return TRUE;
}

gboolean
sg_recipe_editor_undo (SgRecipeEditor *self)
{
  g_return_val_if_fail (SG_IS_RECIPE_EDITOR (self), FALSE);

  return step_history (self, self->undo, self->redo);
}

gboolean
sg_recipe_editor_redo (SgRecipeEditor *self)
{
  g_return_val_if_fail (SG_IS_RECIPE_EDITOR (self), FALSE);

  return step_history (self, self->redo, self->undo);
}

void
sg_recipe_editor_set_note (SgRecipeEditor *self,
                           const char     *note)
{
  g_return_if_fail (SG_IS_RECIPE_EDITOR (self));

  g_free (self->note);
  self->note = g_strdup (note);
  show_recipe (self);
}

/* ---- editing steps ---- */

static void
edit_with (SgRecipeEditor *self,
           gboolean      (*func) (SgRecipe *, guint, guint, GError **),
           guint           a,
           guint           b)
{
  g_autoptr(SgRecipe) edited = NULL;
  g_autoptr(GError) error = NULL;

  if (self->recipe == NULL)
    return;
  edited = sg_recipe_copy (self->recipe);
  if (!func (edited, a, b, &error))
    {
      toast (self, error->message);
      return;
    }
  sg_recipe_editor_edit (self, edited);
}

static gboolean
move_step (SgRecipe  *recipe,
           guint      from,
           guint      to,
           GError   **error)
{
  return sg_recipe_move (recipe, from, to, error);
}

static gboolean
remove_step (SgRecipe  *recipe,
             guint      index,
             guint      unused,
             GError   **error)
{
  return sg_recipe_remove (recipe, index, error);
}

static void
move_up_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  guint index = g_variant_get_uint32 (parameter);

  if (index > 0)
    edit_with (SG_RECIPE_EDITOR (widget), move_step, index, index - 1);
}

static void
move_down_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SgRecipeEditor *self = SG_RECIPE_EDITOR (widget);
  guint index = g_variant_get_uint32 (parameter);

  if (self->recipe != NULL && index + 1 < self->recipe->steps->len)
    edit_with (SG_RECIPE_EDITOR (widget), move_step, index, index + 1);
}

static void
remove_step_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  edit_with (SG_RECIPE_EDITOR (widget), remove_step, g_variant_get_uint32 (parameter), 0);
}

static GPtrArray *
target_columns (SgRecipeEditor *self)
{
  SgDatasetInfo *info = self->session != NULL ? sg_session_lookup_dataset (self->session, self->dataset_id) : NULL;

  return info != NULL ? info->columns : NULL;
}

static void
step_changed_cb (SgRecipeStep *step,
                 gpointer      user_data)
{
  SgRecipeEditor *self = SG_RECIPE_EDITOR (user_data);
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (self), "editing-step"));
  g_autoptr(SgRecipe) edited = NULL;

  if (self->recipe == NULL || index >= self->recipe->steps->len)
    {
      sg_recipe_step_free (step);
      return;
    }
  edited = sg_recipe_copy (self->recipe);
  g_ptr_array_remove_index (edited->steps, index);
  g_ptr_array_insert (edited->steps, (int) index, step);
  sg_recipe_clear_fitted (edited);
  sg_recipe_editor_edit (self, edited);
}

static void
step_added_cb (SgRecipeStep *step,
               gpointer      user_data)
{
  SgRecipeEditor *self = SG_RECIPE_EDITOR (user_data);
  g_autoptr(SgRecipe) edited = NULL;

  if (self->recipe == NULL)
    {
      sg_recipe_step_free (step);
      return;
    }
  edited = sg_recipe_copy (self->recipe);
  sg_recipe_append (edited, step);
  sg_recipe_editor_edit (self, edited);
}

static void
edit_step_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SgRecipeEditor *self = SG_RECIPE_EDITOR (widget);
  guint index = g_variant_get_uint32 (parameter);
  SgRecipeStep *step;

  if (self->recipe == NULL || index >= self->recipe->steps->len)
    return;
  step = g_ptr_array_index (self->recipe->steps, index);
  g_object_set_data (G_OBJECT (self), "editing-step", GUINT_TO_POINTER (index));
  sg_recipe_step_dialog_present (widget, step->op, step, target_columns (self), step_changed_cb, G_OBJECT (self));
}

static void
add_step_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  SgRecipeEditor *self = SG_RECIPE_EDITOR (widget);
  const char *op = g_variant_get_string (parameter, NULL);

  if (self->recipe == NULL || !g_strv_contains (sg_recipe_ops (), op))
    return;
  if (sg_recipe_step_dialog_has_params (op))
    sg_recipe_step_dialog_present (widget, op, NULL, target_columns (self), step_added_cb, G_OBJECT (self));
  else
    step_added_cb (sg_recipe_step_new (op, NULL), self);
}

static void
name_applied_cb (SgRecipeEditor *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  g_autoptr(SgRecipe) edited = NULL;

  if (self->recipe == NULL || name[0] == '\0' || g_strcmp0 (name, self->recipe->name) == 0)
    return;
  edited = sg_recipe_copy (self->recipe);
  g_free (edited->name);
  edited->name = g_steal_pointer (&name);
  sg_recipe_editor_edit (self, edited);
}

/* ---- saved recipes ---- */

static void
use_saved_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SgRecipeEditor *self = SG_RECIPE_EDITOR (widget);
  gint64 id = g_variant_get_int64 (parameter);

  for (guint i = 0; self->saved != NULL && i < self->saved->len; i++)
    {
      SgRecipe *recipe = g_ptr_array_index (self->saved, i);

      if (recipe->id == id)
        {
          g_autofree char *message = g_strdup_printf (_("“%s” is in the editor: apply it to prepare this dataset"),
                                                      recipe->name);

          if (self->recipe == NULL)
            sg_recipe_editor_set_recipe (self, recipe);
          else
            sg_recipe_editor_edit (self, recipe);
          toast (self, message);
          return;
        }
    }
}

static void
delete_saved_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SgRecipeEditor *self = SG_RECIPE_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  gint64 id = g_variant_get_int64 (parameter);

  if (self->session == NULL)
    return;
  if (!sg_project_delete_recipe (sg_session_get_project (self->session), id, &error))
    toast (self, error->message);
  /* the recipe in the editor is no longer a saved one: applying it saves it anew */
  if (self->recipe != NULL && self->recipe->id == id)
    self->recipe->id = 0;
  for (guint i = 0; i < self->undo->len; i++)
    if (((SgRecipe *) g_ptr_array_index (self->undo, i))->id == id)
      ((SgRecipe *) g_ptr_array_index (self->undo, i))->id = 0;
  for (guint i = 0; i < self->redo->len; i++)
    if (((SgRecipe *) g_ptr_array_index (self->redo, i))->id == id)
      ((SgRecipe *) g_ptr_array_index (self->redo, i))->id = 0;
  sg_recipe_editor_reload_saved (self);
}

static GtkWidget *
saved_row_new (SgRecipeEditor *self,
               SgRecipe       *recipe)
{
  GtkWidget *row = adw_action_row_new ();
  SgDatasetInfo *info = sg_session_lookup_dataset (self->session, recipe->dataset_id);
  g_autofree char *use_label = g_strdup_printf (_("Use the recipe “%s”"), recipe->name);
  g_autofree char *delete_label = g_strdup_printf (_("Delete the recipe “%s”"), recipe->name);
  g_autofree char *subtitle = NULL;
  GtkWidget *use = gtk_button_new_with_label (_("Use"));
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

  if (info != NULL)
    subtitle = g_strdup_printf (g_dngettext (NULL, "Made for “%s” · %u step", "Made for “%s” · %u steps",
                                             recipe->steps->len), info->name, recipe->steps->len);
  else
    subtitle = g_strdup_printf (g_dngettext (NULL, "%u step", "%u steps", recipe->steps->len), recipe->steps->len);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), recipe->name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  gtk_widget_set_valign (use, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (use), "editor.use-saved");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (use), g_variant_new_int64 (recipe->id));
  gtk_widget_set_tooltip_text (use, _("Put this recipe in the editor, to apply it to the dataset chosen above"));
  sg_a11y_set_label (use, use_label);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), use);

  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "editor.delete-saved");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (remove), g_variant_new_int64 (recipe->id));
  gtk_widget_set_tooltip_text (remove, _("Delete this saved recipe (the prepared datasets stay)"));
  sg_a11y_set_label (remove, delete_label);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  return row;
}

void
sg_recipe_editor_reload_saved (SgRecipeEditor *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (SG_IS_RECIPE_EDITOR (self));

  for (guint i = 0; i < self->saved_rows->len; i++)
    adw_preferences_group_remove (self->saved_group, g_ptr_array_index (self->saved_rows, i));
  g_ptr_array_set_size (self->saved_rows, 0);
  g_clear_pointer (&self->saved, g_ptr_array_unref);
  if (self->session != NULL)
    {
      self->saved = sg_project_list_recipes (sg_session_get_project (self->session), 0, &error);
      if (self->saved == NULL)
        g_warning ("Could not list the saved recipes: %s", error->message);
    }
  for (guint i = 0; self->saved != NULL && i < self->saved->len; i++)
    {
      /* newest first */
      GtkWidget *row = saved_row_new (self, g_ptr_array_index (self->saved, self->saved->len - 1 - i));

      adw_preferences_group_add (self->saved_group, row);
      g_ptr_array_add (self->saved_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->saved_group), self->saved_rows->len > 0);
}

guint
sg_recipe_editor_get_n_saved (SgRecipeEditor *self)
{
  g_return_val_if_fail (SG_IS_RECIPE_EDITOR (self), 0);

  return self->saved != NULL ? self->saved->len : 0;
}

/* ---- applying ---- */

gboolean
sg_recipe_editor_get_busy (SgRecipeEditor *self)
{
  g_return_val_if_fail (SG_IS_RECIPE_EDITOR (self), FALSE);

  return self->cancellable != NULL;
}

gboolean
sg_recipe_editor_can_apply (SgRecipeEditor *self)
{
  g_auto(GStrv) features = NULL;
  gboolean has_select = FALSE;

  g_return_val_if_fail (SG_IS_RECIPE_EDITOR (self), FALSE);

  if (self->recipe == NULL || self->session == NULL || self->dataset_id == 0 || self->cancellable != NULL)
    return FALSE;
  for (guint i = 0; i < self->recipe->steps->len; i++)
    has_select = has_select || g_strcmp0 (((SgRecipeStep *) g_ptr_array_index (self->recipe->steps, i))->op, "select") == 0;
  features = sg_recipe_choices_features (self->recipe);
  return self->recipe->steps->len > 0 && (!has_select || g_strv_length (features) > 0);
}

static void
set_busy (SgRecipeEditor *self,
          GCancellable   *cancellable)
{
  g_set_object (&self->cancellable, cancellable);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
}

static void
apply_progress_cb (double      fraction,
                   const char *message,
                   gpointer    user_data)
{
  SgRecipeEditor *self = SG_RECIPE_EDITOR (user_data);

  if (self->disposed)
    return;
  gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (fraction, 0, 1));
  if (message != NULL)
    gtk_label_set_label (self->progress_label, message);
}

static char *
result_text (SgRecipeEditor *self,
             gint64          id,
             GStrv           log)
{
  SgDatasetInfo *info = sg_session_lookup_dataset (self->session, id);
  GString *text = g_string_new (NULL);

  if (info != NULL)
    {
      g_autofree char *rows = sg_format_count (info->n_rows);

      g_string_append_printf (text, g_dngettext (NULL, "Made “%s”: %s row, %u columns. The Segment step uses it.",
                                                 "Made “%s”: %s rows, %u columns. The Segment step uses it.",
                                                 info->n_rows),
                              info->name, rows, info->columns->len);
    }
  for (guint i = 0; log != NULL && log[i] != NULL; i++)
    g_string_append_printf (text, "\n• %s", log[i]);
  return g_string_free (text, FALSE);
}

static void
apply_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(SgRecipeEditor) self = user_data;
  g_autoptr(SgRecipe) fitted = NULL;
  g_auto(GStrv) log = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 id = sg_project_prepare_dataset_finish (SG_PROJECT (source), result, &fitted, &log, &error);

  if (self->disposed)
    return;
  set_busy (self, NULL);
  if (id == 0)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          gtk_label_set_label (self->result_label, error->message);
          gtk_widget_set_visible (GTK_WIDGET (self->result_label), TRUE);
          toast (self, error->message);
        }
      return;
    }
  /* The fitted recipe, saved in the project, replaces the one shown: same steps, now with the values
   * they learnt and the saved recipe's id (so applying it again updates that recipe). */
  if (self->recipe != NULL && fitted != NULL)
    {
      for (guint i = 0; i < self->undo->len; i++)
        ((SgRecipe *) g_ptr_array_index (self->undo, i))->id = fitted->id;
      for (guint i = 0; i < self->redo->len; i++)
        ((SgRecipe *) g_ptr_array_index (self->redo, i))->id = fitted->id;
      sg_recipe_free (self->recipe);
      self->recipe = g_steal_pointer (&fitted);
    }
  if (self->session != NULL)
    {
      if (!sg_session_reload (self->session, &error))
        toast (self, error->message);
      sg_session_set_dataset_id (self->session, id);
      text = result_text (self, id, log);
      gtk_label_set_label (self->result_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->result_label), TRUE);
    }
  sg_recipe_editor_reload_saved (self);
  changed (self);
  g_signal_emit (self, signals[PREPARED], 0, id);
}

void
sg_recipe_editor_apply (SgRecipeEditor *self)
{
  g_autoptr(GCancellable) cancellable = NULL;

  g_return_if_fail (SG_IS_RECIPE_EDITOR (self));

  if (!sg_recipe_editor_can_apply (self))
    return;
  cancellable = g_cancellable_new ();
  set_busy (self, cancellable);
  gtk_widget_set_visible (GTK_WIDGET (self->result_label), FALSE);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_label_set_label (self->progress_label, _("Preparing the data"));
  sg_project_prepare_dataset_async (sg_session_get_project (self->session), self->dataset_id, self->recipe, NULL,
                                    cancellable, apply_progress_cb, self, apply_done_cb, g_object_ref (self));
}

void
sg_recipe_editor_cancel (SgRecipeEditor *self)
{
  g_return_if_fail (SG_IS_RECIPE_EDITOR (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

void
sg_recipe_editor_set_target (SgRecipeEditor *self,
                             SgSession      *session,
                             gint64          dataset_id)
{
  g_return_if_fail (SG_IS_RECIPE_EDITOR (self));
  g_return_if_fail (session == NULL || SG_IS_SESSION (session));

  if (self->session == session && self->dataset_id == dataset_id)
    return;
  sg_recipe_editor_cancel (self);
  g_set_object (&self->session, session);
  self->dataset_id = session != NULL ? dataset_id : 0;
  sg_recipe_editor_reload_saved (self);
  update_actions (self);
}

gint64
sg_recipe_editor_get_dataset_id (SgRecipeEditor *self)
{
  g_return_val_if_fail (SG_IS_RECIPE_EDITOR (self), 0);

  return self->dataset_id;
}

/* ---- GObject ---- */

static void
sg_recipe_editor_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SgRecipeEditor *self = SG_RECIPE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, sg_recipe_editor_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, sg_recipe_editor_can_redo (self));
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, sg_recipe_editor_get_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sg_recipe_editor_dispose (GObject *object)
{
  SgRecipeEditor *self = SG_RECIPE_EDITOR (object);

  self->disposed = TRUE;
  sg_recipe_editor_cancel (self);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);
  g_ptr_array_set_size (self->saved_rows, 0);
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SG_TYPE_RECIPE_EDITOR);

  G_OBJECT_CLASS (sg_recipe_editor_parent_class)->dispose (object);
}

static void
sg_recipe_editor_finalize (GObject *object)
{
  SgRecipeEditor *self = SG_RECIPE_EDITOR (object);

  g_clear_pointer (&self->recipe, sg_recipe_free);
  g_ptr_array_unref (self->undo);
  g_ptr_array_unref (self->redo);
  g_clear_pointer (&self->saved, g_ptr_array_unref);
  g_ptr_array_unref (self->saved_rows);
  g_free (self->note);

  G_OBJECT_CLASS (sg_recipe_editor_parent_class)->finalize (object);
}

static void
sg_recipe_editor_class_init (SgRecipeEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sg_recipe_editor_dispose;
  object_class->finalize = sg_recipe_editor_finalize;
  object_class->get_property = sg_recipe_editor_get_property;

  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE, (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE, (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE, (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SgRecipeEditor::changed:
   *
   * The recipe changed: an edit, an undo or redo, a new recipe, or its fitted values after applying.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);
  /**
   * SgRecipeEditor::prepared:
   * @dataset_id: the new "prepared" dataset, now the session's current one
   *
   * Applying the recipe succeeded.
   */
  signals[PREPARED] = g_signal_new ("prepared", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                    G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/sg-recipe-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, SgRecipeEditor, add_button);
  gtk_widget_class_bind_template_child (widget_class, SgRecipeEditor, summary_label);
  gtk_widget_class_bind_template_child (widget_class, SgRecipeEditor, step_list);
  gtk_widget_class_bind_template_child (widget_class, SgRecipeEditor, saved_group);
  gtk_widget_class_bind_template_child (widget_class, SgRecipeEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, SgRecipeEditor, progress_box);
  gtk_widget_class_bind_template_child (widget_class, SgRecipeEditor, progress_label);
  gtk_widget_class_bind_template_child (widget_class, SgRecipeEditor, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, SgRecipeEditor, apply_button);
  gtk_widget_class_bind_template_child (widget_class, SgRecipeEditor, result_label);

  gtk_widget_class_install_action (widget_class, "editor.add-step", "s", add_step_action);
  gtk_widget_class_install_action (widget_class, "editor.move-up", "u", move_up_action);
  gtk_widget_class_install_action (widget_class, "editor.move-down", "u", move_down_action);
  gtk_widget_class_install_action (widget_class, "editor.edit-step", "u", edit_step_action);
  gtk_widget_class_install_action (widget_class, "editor.remove-step", "u", remove_step_action);
  gtk_widget_class_install_action (widget_class, "editor.use-saved", "x", use_saved_action);
  gtk_widget_class_install_action (widget_class, "editor.delete-saved", "x", delete_saved_action);
}

static void
sg_recipe_editor_init (SgRecipeEditor *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  const char *const *ops = sg_recipe_step_dialog_ops ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->undo = g_ptr_array_new_with_free_func ((GDestroyNotify) sg_recipe_free);
  self->redo = g_ptr_array_new_with_free_func ((GDestroyNotify) sg_recipe_free);
  self->saved_rows = g_ptr_array_new ();

  for (guint i = 0; ops[i] != NULL; i++)
    {
      g_autoptr(GMenuItem) item = NULL;
      g_autofree char *label = sg_recipe_step_dialog_has_params (ops[i])
        ? g_strdup_printf ("%s…", sg_recipe_step_dialog_op_label (ops[i]))
        : g_strdup (sg_recipe_step_dialog_op_label (ops[i]));

      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (item, "editor.add-step", g_variant_new_string (ops[i]));
      g_menu_append_item (menu, item);
    }
  gtk_menu_button_set_menu_model (self->add_button, G_MENU_MODEL (menu));
  adw_entry_row_set_show_apply_button (self->name_row, TRUE);
  g_signal_connect_object (self->name_row, "apply", G_CALLBACK (name_applied_cb), self, G_CONNECT_SWAPPED);
  sg_a11y_fix_names (GTK_WIDGET (self));
  sg_a11y_set_label (GTK_WIDGET (self->add_button), _("Add Step"));
  gtk_widget_set_visible (GTK_WIDGET (self->saved_group), FALSE);
  show_recipe (self);
}
