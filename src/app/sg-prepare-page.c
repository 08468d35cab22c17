/* sg-prepare-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "SgPreparePage"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "sg-a11y.h"
#include "sg-derive.h"
#include "sg-prepare-page.h"
#include "sg-recipe-choices.h"
#include "sg-window.h"

struct _SgPreparePage
{
  AdwBin          parent_instance;

  /* template */
  GtkStack       *stack;
  AdwStatusPage  *status_page;
  GtkWidget      *back_button;
  GtkDropDown    *dataset_dropdown;
  GtkStackSwitcher *switcher;
  GtkWidget      *analysis_box;
  GtkSpinner     *spinner;
  GtkLabel       *analysis_label;
  GtkWidget      *banner;
  GtkLabel       *banner_label;
  GtkWidget      *banner_button;
  GtkStack       *sections;
  SgDerivePanel  *derive_panel;
  GtkLabel       *features_status;
  GtkWidget      *purchases_note;
  GtkLabel       *purchases_label;
  SgFeatureList  *feature_list;
  SgRecipeEditor *recipe_editor;
  GtkLabel       *quality_status;
  SgQualityView  *quality_view;

  SgSession      *session;
  GArray         *dataset_ids;     /* gint64 per item of the dataset drop-down */
  gint64          working_id;
  SgPrepareAnalysis *analysis;
  GCancellable   *analysis_cancellable;
  gboolean        filling;
  gboolean        section_chosen;  /* the first section was picked for this session */
  gboolean        analysis_shown;  /* its rows are built (see show_analysis ()) */
  gboolean        disposed;        /* a job finishing now has nowhere to show its result */
};

G_DEFINE_FINAL_TYPE (SgPreparePage, sg_prepare_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static SgWindow *
get_window (SgPreparePage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return SG_IS_WINDOW (root) ? SG_WINDOW (root) : NULL;
}

gboolean
sg_prepare_page_get_ready (SgPreparePage *self)
{
  g_return_val_if_fail (SG_IS_PREPARE_PAGE (self), FALSE);

  return self->session != NULL && sg_session_get_n_datasets (self->session) > 0;
}

gint64
sg_prepare_page_source_dataset (SgDatasetInfo *info)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *root;

  g_return_val_if_fail (info != NULL, 0);

  if (g_strcmp0 (info->kind, "prepared") != 0 || info->report == NULL)
    return info->id;
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, info->report, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return info->id;
  root = json_node_get_object (json_parser_get_root (parser));
  if (!json_object_has_member (root, "prepared_from"))
    return info->id;
  return json_object_get_int_member (root, "prepared_from");
}

/* The session's current dataset, or the one it was prepared from. */
static gint64
resolve_working (SgPreparePage *self)
{
  SgDatasetInfo *current = self->session != NULL ? sg_session_get_dataset (self->session) : NULL;
  gint64 source;

  if (current == NULL)
    return 0;
  source = sg_prepare_page_source_dataset (current);
  return sg_session_lookup_dataset (self->session, source) != NULL ? source : current->id;
}

/* ---- actions' availability ---- */

static void
update_actions (SgPreparePage *self)
{
  gboolean editor_busy = sg_recipe_editor_get_busy (self->recipe_editor);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prepare.build-features",
                                 sg_derive_panel_can_build (self->derive_panel));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prepare.cancel-build", sg_derive_panel_get_busy (self->derive_panel));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prepare.cancel-analysis", self->analysis_cancellable != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "recipe.undo", sg_recipe_editor_can_undo (self->recipe_editor));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "recipe.redo", sg_recipe_editor_can_redo (self->recipe_editor));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "recipe.apply", sg_recipe_editor_can_apply (self->recipe_editor));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "recipe.cancel", editor_busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->feature_list), !editor_busy);
}

/* ---- the banner: what the Segment step uses ---- */

static void
update_banner (SgPreparePage *self)
{
  SgDatasetInfo *current = self->session != NULL ? sg_session_get_dataset (self->session) : NULL;
  SgDatasetInfo *working = self->session != NULL ? sg_session_lookup_dataset (self->session, self->working_id) : NULL;
  g_autofree char *text = NULL;
  gboolean prepared;

  if (current == NULL || working == NULL)
    {
      gtk_widget_set_visible (self->banner, FALSE);
      return;
    }
  prepared = g_strcmp0 (current->kind, "prepared") == 0 && current->id != working->id;
  if (prepared)
    text = g_strdup_printf (_("The Segment step uses “%s”, prepared from “%s” with the recipe."), current->name,
                            working->name);
  else
    text = g_strdup_printf (_("The Segment step uses “%s” as it is. Apply the recipe to prepare it."), working->name);
  gtk_label_set_label (self->banner_label, text);
  gtk_widget_set_visible (self->banner_button, prepared);
  gtk_widget_set_visible (self->banner, TRUE);
}

/* ---- the working dataset's analysis ---- */

static void
set_analysing (SgPreparePage *self,
               GCancellable  *cancellable,
               const char    *message)
{
  g_set_object (&self->analysis_cancellable, cancellable);
  gtk_widget_set_visible (self->analysis_box, cancellable != NULL);
  gtk_spinner_set_spinning (self->spinner, cancellable != NULL);
  if (message != NULL)
    gtk_label_set_label (self->analysis_label, message);
  update_actions (self);
}

static void
show_status (SgPreparePage *self,
             const char    *text)
{
  gtk_label_set_label (self->features_status, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->features_status), text != NULL);
  gtk_label_set_label (self->quality_status, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->quality_status), text != NULL);
}

static void
analysis_progress_cb (double      fraction,
                      const char *message,
                      gpointer    user_data)
{
  SgPreparePage *self = SG_PREPARE_PAGE (user_data);

  if (message != NULL && !self->disposed)
    gtk_label_set_label (self->analysis_label, message);
}

/* A recipe that chooses nothing yet: the selection step keeps only the id. */
static SgRecipe *
empty_recipe (SgPrepareAnalysis *analysis)
{
  SgRecipe *recipe = sg_recipe_new (_("Preparation"));
  g_autoptr(JsonObject) params = json_object_new ();
  const char *id = analysis->advice != NULL ? analysis->advice->id_column : analysis->quality->id_column;

  json_object_set_array_member (params, "columns", json_array_new ());
  if (id != NULL)
    json_object_set_string_member (params, "id", id);
  sg_recipe_append (recipe, sg_recipe_step_new ("select", params));
  return recipe;
}

/* A table of purchases has several rows per customer: segmenting it would compare purchases, not
 * customers. Say so, and offer to build one row per customer first. */
static void
show_purchases_note (SgPreparePage     *self,
                     SgPrepareAnalysis *analysis)
{
  SgDatasetInfo *info = analysis != NULL && self->session != NULL
                        ? sg_session_lookup_dataset (self->session, analysis->dataset_id) : NULL;
  SgTransactionRoles roles = { 0 };
  gboolean purchases;

  purchases = info != NULL && g_strcmp0 (info->kind, "imported") == 0 &&
              analysis->quality->duplicate_ids > 0 && sg_transaction_roles_guess_for_dataset (&roles, info);
  if (purchases)
    {
      g_autofree char *text =
        g_strdup_printf (_("“%s” looks like a table of purchases: a customer is on many rows. To compare customers, build one row per customer from it first."),
                         info->name);

      gtk_label_set_label (self->purchases_label, text);
    }
  sg_transaction_roles_clear (&roles);
  gtk_widget_set_visible (self->purchases_note, purchases);
}

/* A row and a quality chart for every column: a noticeable moment on wide data. A hidden step builds them
 * when it is shown, so a check that finishes in the background (during a run, say) never stalls the
 * window. */
static void
show_analysis (SgPreparePage *self)
{
  const char *note = NULL;

  if (self->analysis == NULL || self->analysis_shown)
    return;
  self->analysis_shown = TRUE;
  sg_feature_list_set_analysis (self->feature_list, self->analysis);
  if (self->analysis->quality->has_join == FALSE && sg_quality_view_get_compare_id (self->quality_view) != 0)
    note = g_object_get_data (G_OBJECT (self), "compare-note");
  sg_quality_view_set_report (self->quality_view, self->analysis->quality, note);
}

static void
analysis_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(SgPreparePage) self = user_data;
  g_autoptr(GError) error = NULL;
  SgPrepareAnalysis *analysis = sg_prepare_analyse_finish (SG_PROJECT (source), result, &error);

  if (self->disposed)
    {
      g_clear_pointer (&analysis, sg_prepare_analysis_free);
      return;
    }
  if (analysis == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* a newer job replaced this one, or the user stopped it */
      if (self->analysis_cancellable != NULL && g_cancellable_is_cancelled (self->analysis_cancellable))
        {
          set_analysing (self, NULL, NULL);
          show_status (self, _("Checking the columns was stopped. Choose the dataset again to check it."));
        }
      return;
    }
  set_analysing (self, NULL, NULL);
  if (analysis == NULL)
    {
      show_status (self, error->message);
      return;
    }
  if (analysis->dataset_id != self->working_id)
    {
      sg_prepare_analysis_free (analysis);
      return;
    }
  g_clear_pointer (&self->analysis, sg_prepare_analysis_free);
  self->analysis = analysis;
  show_status (self, NULL);

  self->analysis_shown = FALSE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    show_analysis (self);
  if (sg_recipe_editor_get_recipe (self->recipe_editor) == NULL)
    {
      g_autoptr(SgRecipe) empty = NULL;

      if (analysis->suggested == NULL)
        empty = empty_recipe (analysis);
      sg_recipe_editor_set_recipe (self->recipe_editor, analysis->suggested != NULL ? analysis->suggested : empty);
    }
  sg_recipe_editor_set_note (self->recipe_editor, analysis->advice_error);
  sg_feature_list_set_recipe (self->feature_list, sg_recipe_editor_get_recipe (self->recipe_editor));
  sg_derive_panel_set_analysis (self->derive_panel, analysis);
  show_purchases_note (self, analysis);
  update_actions (self);
}

/* The column of @other that holds the ids of @id_column. */
static const char *
guess_other_key (SgDatasetInfo *other,
                 const char    *id_column)
{
  SgTransactionRoles roles = { 0 };
  const char *found = NULL;

  if (id_column != NULL && sg_dataset_info_lookup_column (other, id_column) >= 0)
    return id_column;
  for (guint c = 0; c < other->columns->len && found == NULL; c++)
    if (g_strcmp0 (((SgColumnInfo *) g_ptr_array_index (other->columns, c))->role, "id") == 0)
      found = ((SgColumnInfo *) g_ptr_array_index (other->columns, c))->name;
  if (found == NULL)
    {
      sg_transaction_roles_guess_for_dataset (&roles, other);
      if (roles.customer_id != NULL)
        {
          int c = sg_dataset_info_lookup_column (other, roles.customer_id);

          found = c >= 0 ? ((SgColumnInfo *) g_ptr_array_index (other->columns, c))->name : NULL;
        }
      sg_transaction_roles_clear (&roles);
    }
  return found;
}

static void
start_analysis (SgPreparePage *self)
{
  g_autoptr(GCancellable) cancellable = NULL;
  SgDatasetInfo *info;
  gint64 compare = sg_quality_view_get_compare_id (self->quality_view);
  SgDatasetInfo *other = compare != 0 ? sg_session_lookup_dataset (self->session, compare) : NULL;
  const char *id_column = self->analysis != NULL ? self->analysis->quality->id_column : NULL;
  const char *other_key = NULL;
  g_autofree char *message = NULL;

  if (self->analysis_cancellable != NULL)
    g_cancellable_cancel (self->analysis_cancellable);
  g_object_set_data (G_OBJECT (self), "compare-note", NULL);
  info = self->session != NULL ? sg_session_lookup_dataset (self->session, self->working_id) : NULL;
  if (info == NULL)
    {
      set_analysing (self, NULL, NULL);
      return;
    }
  if (id_column == NULL)
    for (guint c = 0; c < info->columns->len && id_column == NULL; c++)
      if (g_strcmp0 (((SgColumnInfo *) g_ptr_array_index (info->columns, c))->role, "id") == 0)
        id_column = ((SgColumnInfo *) g_ptr_array_index (info->columns, c))->name;
  if (other != NULL)
    {
      other_key = guess_other_key (other, id_column);
      if (id_column == NULL || other_key == NULL)
        {
          g_object_set_data_full (G_OBJECT (self), "compare-note",
                                  g_strdup_printf (_("No column of “%s” matches the customer ids of “%s”."),
                                                   other->name, info->name), g_free);
          other = NULL;
        }
    }
  cancellable = g_cancellable_new ();
  message = g_strdup_printf (_("Checking “%s”…"), info->name);
  set_analysing (self, cancellable, message);
  sg_prepare_analyse_async (sg_session_get_project (self->session), info->id, other != NULL ? id_column : NULL,
                            other != NULL ? other->id : 0, other_key, cancellable, analysis_progress_cb, self,
                            analysis_done_cb, g_object_ref (self));
}

/* ---- the working dataset ---- */

/* The recipe the working dataset was last prepared with, if any. */
static SgRecipe *
last_recipe (SgPreparePage *self)
{
  g_autoptr(GPtrArray) recipes = NULL;
  g_autoptr(GError) error = NULL;

  recipes = sg_project_list_recipes (sg_session_get_project (self->session), self->working_id, &error);
  if (recipes == NULL)
    {
      g_warning ("Could not read the saved recipes: %s", error->message);
      return NULL;
    }
  return recipes->len > 0 ? sg_recipe_copy (g_ptr_array_index (recipes, recipes->len - 1)) : NULL;
}

static void
switch_working (SgPreparePage *self,
                gint64         working_id)
{
  g_autoptr(SgRecipe) recipe = NULL;
  SgDatasetInfo *info;
  g_autofree char *message = NULL;

  self->working_id = working_id;
  g_clear_pointer (&self->analysis, sg_prepare_analysis_free);
  sg_feature_list_set_analysis (self->feature_list, NULL);
  show_purchases_note (self, NULL);
  sg_quality_view_set_report (self->quality_view, NULL, NULL);
  sg_quality_view_set_datasets (self->quality_view, self->session != NULL ? sg_session_get_datasets (self->session) : NULL,
                                working_id);
  sg_quality_view_set_compare_id (self->quality_view, 0);
  sg_recipe_editor_set_target (self->recipe_editor, self->session, working_id);
  if (self->session != NULL && working_id != 0)
    recipe = last_recipe (self);
  sg_recipe_editor_set_recipe (self->recipe_editor, recipe);
  sg_recipe_editor_set_note (self->recipe_editor, NULL);
  sg_feature_list_set_recipe (self->feature_list, recipe);

  info = self->session != NULL ? sg_session_lookup_dataset (self->session, working_id) : NULL;
  if (info != NULL && g_strcmp0 (info->kind, "derived") == 0)
    sg_derive_panel_show_dataset (self->derive_panel, working_id);
  if (info != NULL)
    {
      message = g_strdup_printf (_("Looking at the columns of “%s”…"), info->name);
      show_status (self, message);
    }
  else
    show_status (self, NULL);
  start_analysis (self);
}

static void
select_working (SgPreparePage *self)
{
  self->filling = TRUE;
  for (guint i = 0; i < self->dataset_ids->len; i++)
    if (g_array_index (self->dataset_ids, gint64, i) == self->working_id)
      gtk_drop_down_set_selected (self->dataset_dropdown, i);
  self->filling = FALSE;
}

static void
fill_datasets (SgPreparePage *self)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  GPtrArray *datasets = self->session != NULL ? sg_session_get_datasets (self->session) : NULL;

  g_array_set_size (self->dataset_ids, 0);
  for (guint i = 0; datasets != NULL && i < datasets->len; i++)
    {
      SgDatasetInfo *info = g_ptr_array_index (datasets, i);

      /* prepared datasets are results: they are prepared from the datasets listed */
      if (g_strcmp0 (info->kind, "prepared") == 0)
        continue;
      gtk_string_list_append (model, info->name);
      g_array_append_val (self->dataset_ids, info->id);
    }
  self->filling = TRUE;
  gtk_drop_down_set_model (self->dataset_dropdown, G_LIST_MODEL (model));
  self->filling = FALSE;
  select_working (self);
}

static void
dataset_selected_cb (SgPreparePage *self)
{
  guint selected = gtk_drop_down_get_selected (self->dataset_dropdown);

  if (self->filling || self->session == NULL || selected >= self->dataset_ids->len)
    return;
  sg_session_set_dataset_id (self->session, g_array_index (self->dataset_ids, gint64, selected));
}

static void
dataset_id_changed_cb (SgPreparePage *self)
{
  gint64 working = resolve_working (self);

  if (working != self->working_id)
    switch_working (self, working);
  select_working (self);
  update_banner (self);
}

/* What the last build made, when the panel shows nothing yet (a project opened on its customers). */
static void
show_last_derivation (SgPreparePage *self)
{
  GPtrArray *datasets = self->session != NULL ? sg_session_get_datasets (self->session) : NULL;
  gint64 shown = sg_derive_panel_get_shown_id (self->derive_panel);

  /* a dataset deleted in the Data step no longer has a report to show */
  if (shown != 0 && (self->session == NULL || sg_session_lookup_dataset (self->session, shown) == NULL))
    sg_derive_panel_show_dataset (self->derive_panel, 0);
  if (datasets == NULL || sg_derive_panel_get_shown_id (self->derive_panel) != 0 ||
      sg_derive_panel_get_busy (self->derive_panel))
    return;
  for (guint i = datasets->len; i > 0; i--)
    {
      SgDatasetInfo *info = g_ptr_array_index (datasets, i - 1);

      if (g_strcmp0 (info->kind, "derived") == 0)
        {
          sg_derive_panel_show_dataset (self->derive_panel, info->id);
          return;
        }
    }
}

/* Where the page opens: building features when there are purchases and no features yet. */
static void
choose_first_section (SgPreparePage *self)
{
  GPtrArray *datasets = sg_session_get_datasets (self->session);
  gboolean derived = FALSE;

  if (self->section_chosen || datasets->len == 0)
    return;
  self->section_chosen = TRUE;
  for (guint i = 0; i < datasets->len; i++)
    derived = derived || g_strcmp0 (((SgDatasetInfo *) g_ptr_array_index (datasets, i))->kind, "derived") == 0;
  gtk_stack_set_visible_child_name (self->sections,
                                    !derived && sg_derive_panel_get_transactions_id (self->derive_panel) != 0
                                    ? "derive" : "features");
}

static void
session_changed_cb (SgPreparePage *self)
{
  gboolean ready = sg_prepare_page_get_ready (self);
  gint64 working = resolve_working (self);

  gtk_stack_set_visible_child_name (self->stack, ready ? "main" : "empty");
  gtk_widget_set_visible (self->back_button, !ready);
  sg_derive_panel_set_session (self->derive_panel, self->session);
  fill_datasets (self);
  if (working != self->working_id)
    switch_working (self, working);
  else
    {
      sg_quality_view_set_datasets (self->quality_view, sg_session_get_datasets (self->session), working);
      sg_recipe_editor_reload_saved (self->recipe_editor);
    }
  select_working (self);
  update_banner (self);
  if (ready)
    choose_first_section (self);
  show_last_derivation (self);
  update_actions (self);
}

/* ---- the parts' signals ---- */

static void
feature_list_edited_cb (SgPreparePage *self,
                        SgRecipe      *recipe)
{
  sg_recipe_editor_edit (self->recipe_editor, recipe);
}

static void
recipe_changed_cb (SgPreparePage *self)
{
  sg_feature_list_set_recipe (self->feature_list, sg_recipe_editor_get_recipe (self->recipe_editor));
  update_actions (self);
}

static void
prepared_cb (SgPreparePage *self,
             gint64         dataset_id)
{
  SgWindow *window = get_window (self);
  SgDatasetInfo *info = self->session != NULL ? sg_session_lookup_dataset (self->session, dataset_id) : NULL;

  update_banner (self);
  if (window != NULL && info != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is ready for the Segment step"), info->name);

      sg_window_add_toast (window, message);
    }
}

static void
compare_changed_cb (SgPreparePage *self)
{
  start_analysis (self);
}

/* ---- actions ---- */

static void
build_features_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  sg_derive_panel_build (SG_PREPARE_PAGE (widget)->derive_panel);
}

static void
cancel_build_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  sg_derive_panel_cancel (SG_PREPARE_PAGE (widget)->derive_panel);
}

static void
cancel_analysis_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  SgPreparePage *self = SG_PREPARE_PAGE (widget);

  if (self->analysis_cancellable != NULL)
    g_cancellable_cancel (self->analysis_cancellable);
}

static void
show_section_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  sg_prepare_page_show_section (SG_PREPARE_PAGE (widget), g_variant_get_string (parameter, NULL));
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  sg_recipe_editor_undo (SG_PREPARE_PAGE (widget)->recipe_editor);
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  sg_recipe_editor_redo (SG_PREPARE_PAGE (widget)->recipe_editor);
}

static void
apply_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  sg_recipe_editor_apply (SG_PREPARE_PAGE (widget)->recipe_editor);
}

static void
cancel_apply_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  sg_recipe_editor_cancel (SG_PREPARE_PAGE (widget)->recipe_editor);
}

/* ---- accessors ---- */

gint64
sg_prepare_page_get_working_id (SgPreparePage *self)
{
  g_return_val_if_fail (SG_IS_PREPARE_PAGE (self), 0);

  return self->working_id;
}

gboolean
sg_prepare_page_get_analysing (SgPreparePage *self)
{
  g_return_val_if_fail (SG_IS_PREPARE_PAGE (self), FALSE);

  return self->analysis_cancellable != NULL;
}

SgPrepareAnalysis *
sg_prepare_page_get_analysis (SgPreparePage *self)
{
  g_return_val_if_fail (SG_IS_PREPARE_PAGE (self), NULL);

  return self->analysis;
}

void
sg_prepare_page_show_section (SgPreparePage *self,
                              const char    *section)
{
  g_return_if_fail (SG_IS_PREPARE_PAGE (self));

  if (gtk_stack_get_child_by_name (self->sections, section) != NULL)
    {
      self->section_chosen = TRUE;
      gtk_stack_set_visible_child_name (self->sections, section);
    }
}

const char *
sg_prepare_page_get_section (SgPreparePage *self)
{
  g_return_val_if_fail (SG_IS_PREPARE_PAGE (self), NULL);

  return gtk_stack_get_visible_child_name (self->sections);
}

SgDerivePanel *
sg_prepare_page_get_derive_panel (SgPreparePage *self)
{
  g_return_val_if_fail (SG_IS_PREPARE_PAGE (self), NULL);

  return self->derive_panel;
}

SgFeatureList *
sg_prepare_page_get_feature_list (SgPreparePage *self)
{
  g_return_val_if_fail (SG_IS_PREPARE_PAGE (self), NULL);

  return self->feature_list;
}

SgRecipeEditor *
sg_prepare_page_get_recipe_editor (SgPreparePage *self)
{
  g_return_val_if_fail (SG_IS_PREPARE_PAGE (self), NULL);

  return self->recipe_editor;
}

SgQualityView *
sg_prepare_page_get_quality_view (SgPreparePage *self)
{
  g_return_val_if_fail (SG_IS_PREPARE_PAGE (self), NULL);

  return self->quality_view;
}

/* ---- GObject ---- */

SgSession *
sg_prepare_page_get_session (SgPreparePage *self)
{
  g_return_val_if_fail (SG_IS_PREPARE_PAGE (self), NULL);

  return self->session;
}

void
sg_prepare_page_set_session (SgPreparePage *self,
                             SgSession     *session)
{
  g_return_if_fail (SG_IS_PREPARE_PAGE (self));
  g_return_if_fail (session == NULL || SG_IS_SESSION (session));

  if (self->session == session)
    return;
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  if (self->analysis_cancellable != NULL)
    g_cancellable_cancel (self->analysis_cancellable);
  g_set_object (&self->session, session);
  self->working_id = -1;   /* whatever the new session's is, it is new */
  self->section_chosen = FALSE;
  if (session != NULL)
    {
      g_signal_connect_object (session, "changed", G_CALLBACK (session_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::dataset-id", G_CALLBACK (dataset_id_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }
  session_changed_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

static void
sg_prepare_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SgPreparePage *self = SG_PREPARE_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sg_prepare_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  SgPreparePage *self = SG_PREPARE_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      sg_prepare_page_set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sg_prepare_page_dispose (GObject *object)
{
  SgPreparePage *self = SG_PREPARE_PAGE (object);

  self->disposed = TRUE;
  if (self->analysis_cancellable != NULL)
    g_cancellable_cancel (self->analysis_cancellable);
  g_clear_object (&self->analysis_cancellable);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  g_clear_pointer (&self->analysis, sg_prepare_analysis_free);
  /* AdwBin keeps its own pointer to the child: let it drop it before the template goes. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SG_TYPE_PREPARE_PAGE);

  G_OBJECT_CLASS (sg_prepare_page_parent_class)->dispose (object);
}

static void
sg_prepare_page_finalize (GObject *object)
{
  SgPreparePage *self = SG_PREPARE_PAGE (object);

  g_array_unref (self->dataset_ids);

  G_OBJECT_CLASS (sg_prepare_page_parent_class)->finalize (object);
}

static void
sg_prepare_page_class_init (SgPreparePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sg_prepare_page_dispose;
  object_class->finalize = sg_prepare_page_finalize;
  object_class->get_property = sg_prepare_page_get_property;
  object_class->set_property = sg_prepare_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, SG_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/sg-prepare-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SgPreparePage, stack);
  gtk_widget_class_bind_template_child (widget_class, SgPreparePage, status_page);
  gtk_widget_class_bind_template_child (widget_class, SgPreparePage, back_button);
  gtk_widget_class_bind_template_child (widget_class, SgPreparePage, dataset_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SgPreparePage, switcher);
  gtk_widget_class_bind_template_child (widget_class, SgPreparePage, analysis_box);
  gtk_widget_class_bind_template_child (widget_class, SgPreparePage, spinner);
  gtk_widget_class_bind_template_child (widget_class, SgPreparePage, analysis_label);
  gtk_widget_class_bind_template_child (widget_class, SgPreparePage, banner);
  gtk_widget_class_bind_template_child (widget_class, SgPreparePage, banner_label);
  gtk_widget_class_bind_template_child (widget_class, SgPreparePage, banner_button);
  gtk_widget_class_bind_template_child (widget_class, SgPreparePage, sections);
  gtk_widget_class_bind_template_child (widget_class, SgPreparePage, derive_panel);
  gtk_widget_class_bind_template_child (widget_class, SgPreparePage, features_status);
  gtk_widget_class_bind_template_child (widget_class, SgPreparePage, purchases_note);
  gtk_widget_class_bind_template_child (widget_class, SgPreparePage, purchases_label);
  gtk_widget_class_bind_template_child (widget_class, SgPreparePage, feature_list);
  gtk_widget_class_bind_template_child (widget_class, SgPreparePage, recipe_editor);
  gtk_widget_class_bind_template_child (widget_class, SgPreparePage, quality_status);
  gtk_widget_class_bind_template_child (widget_class, SgPreparePage, quality_view);

  gtk_widget_class_install_action (widget_class, "prepare.build-features", NULL, build_features_action);
  gtk_widget_class_install_action (widget_class, "prepare.cancel-build", NULL, cancel_build_action);
  gtk_widget_class_install_action (widget_class, "prepare.cancel-analysis", NULL, cancel_analysis_action);
  gtk_widget_class_install_action (widget_class, "prepare.show-section", "s", show_section_action);
  gtk_widget_class_install_action (widget_class, "recipe.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "recipe.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "recipe.apply", NULL, apply_action);
  gtk_widget_class_install_action (widget_class, "recipe.cancel", NULL, cancel_apply_action);


  g_type_ensure (SG_TYPE_DERIVE_PANEL);
  g_type_ensure (SG_TYPE_FEATURE_LIST);
  g_type_ensure (SG_TYPE_RECIPE_EDITOR);
  g_type_ensure (SG_TYPE_QUALITY_VIEW);
}

/* Ctrl+Z and friends work wherever the focus is while the page is shown (a text field still undoes its
 * own typing first): the window runs them, and only while the page is mapped. */
static void
add_shortcuts (SgPreparePage *self)
{
  static const struct { guint key; GdkModifierType mods; const char *action; } keys[] = {
    { GDK_KEY_z, GDK_CONTROL_MASK, "recipe.undo" },
    { GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "recipe.redo" },
    { GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "recipe.redo" },
    { GDK_KEY_Return, GDK_CONTROL_MASK, "recipe.apply" },
  };
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (controller), GTK_SHORTCUT_SCOPE_MANAGED);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (keys[i].key, keys[i].mods),
                                                            gtk_named_action_new (keys[i].action)));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

static void
sg_prepare_page_init (SgPreparePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->dataset_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  add_shortcuts (self);

  g_signal_connect_object (self->dataset_dropdown, "notify::selected", G_CALLBACK (dataset_selected_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->feature_list, "edited", G_CALLBACK (feature_list_edited_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->recipe_editor, "changed", G_CALLBACK (recipe_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->recipe_editor, "notify::busy", G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->recipe_editor, "prepared", G_CALLBACK (prepared_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->derive_panel, "notify::can-build", G_CALLBACK (update_actions), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->derive_panel, "notify::busy", G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->quality_view, "compare-changed", G_CALLBACK (compare_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect (self, "map", G_CALLBACK (show_analysis), NULL);
  sg_a11y_set_label (GTK_WIDGET (self->dataset_dropdown), _("Dataset to prepare"));
  sg_a11y_fix_names (GTK_WIDGET (self));
  gtk_stack_set_visible_child_name (self->sections, "features");
  update_banner (self);
  update_actions (self);
}
