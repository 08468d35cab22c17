/* sg-segment-page-features.c — the Segment page's feature rows, and the advice that ticks them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "SgSegmentPage"

#include <glib/gi18n.h>

#include "sg-a11y.h"
#include "sg-segment-page-private.h"

static SgFeatureChoice *
find_choice (SgSegmentPage *self,
             const char    *name)
{
  for (guint i = 0; self->choices != NULL && i < self->choices->len; i++)
    {
      SgFeatureChoice *choice = g_ptr_array_index (self->choices, i);

      if (g_strcmp0 (choice->name, name) == 0)
        return choice;
    }
  return NULL;
}

static void
feature_check_toggled_cb (GtkCheckButton *check,
                          SgSegmentPage  *self)
{
  const char *name = g_object_get_data (G_OBJECT (check), "feature");

  if (!self->syncing)
    gtk_widget_activate_action (GTK_WIDGET (self), "segment.feature", "(sb)", name,
                                gtk_check_button_get_active (check));
}

static void
log_switch_cb (GtkSwitch     *sw,
               GParamSpec    *pspec,
               SgSegmentPage *self)
{
  const char *name = g_object_get_data (G_OBJECT (sw), "feature");

  if (!self->syncing)
    gtk_widget_activate_action (GTK_WIDGET (self), "segment.log-scale", "(sb)", name,
                                gtk_switch_get_active (sw));
}

static GtkWidget *
feature_row_new (SgSegmentPage   *self,
                 SgFeatureChoice *choice)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  g_autofree char *kind = sg_feature_choice_describe (choice);
  g_autofree char *subtitle = choice->note ? g_strdup_printf ("%s\n%s", kind, choice->note) : g_strdup (kind);
  g_autofree char *check_label = g_strdup_printf (_("Compare customers on “%s”"), choice->name);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), choice->name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), choice->selected);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (check), "feature", g_strdup (choice->name), g_free);
  g_signal_connect_object (check, "toggled", G_CALLBACK (feature_check_toggled_cb), self, 0);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  _sg_segment_page_name_control (check, check_label);
  g_object_set_data (G_OBJECT (row), "check", check);

  if (choice->log_possible)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      GtkWidget *label = gtk_label_new (_("Log scale"));
      GtkWidget *sw = gtk_switch_new ();
      g_autofree char *sw_label = g_strdup_printf (_("Log scale for “%s”"), choice->name);

      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
      gtk_switch_set_active (GTK_SWITCH (sw), choice->log_scale);
      gtk_widget_set_sensitive (sw, choice->selected);
      gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (sw, _("Compares ratios instead of differences: 10 and 100 are as far apart as 100 and 1,000"));
      g_object_set_data_full (G_OBJECT (sw), "feature", g_strdup (choice->name), g_free);
      sg_a11y_set_label (sw, sw_label);
      g_signal_connect_object (sw, "notify::active", G_CALLBACK (log_switch_cb), self, 0);
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (GTK_BOX (box), sw);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);
      g_object_set_data (G_OBJECT (row), "log", sw);
    }
  g_object_set_data_full (G_OBJECT (row), "feature", g_strdup (choice->name), g_free);
  return row;
}

static GtkWidget *
no_features_row_new (void)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("Go to _Prepare"));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No numbers to compare customers on"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               _("This dataset has no amounts, counts or yes/no columns. Derive customer features "
                                 "from their purchases in the Prepare step, or choose another dataset."));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.show-step");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_string ("prepare"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  sg_a11y_fix_names (button);
  return row;
}

void
_sg_segment_page_rebuild_features (SgSegmentPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->features_list))) != NULL)
    gtk_list_box_remove (self->features_list, child);
  if (self->choices == NULL)
    return;
  if (self->choices->len == 0)
    gtk_list_box_append (self->features_list, no_features_row_new ());
  for (guint i = 0; i < self->choices->len; i++)
    gtk_list_box_append (self->features_list, feature_row_new (self, g_ptr_array_index (self->choices, i)));
}

/* Brings the rows' ticks and switches in line with the choices. */
static void
sync_feature_rows (SgSegmentPage *self)
{
  self->syncing = TRUE;
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->features_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      SgFeatureChoice *choice = find_choice (self, g_object_get_data (G_OBJECT (row), "feature"));
      GtkWidget *check = g_object_get_data (G_OBJECT (row), "check");
      GtkWidget *sw = g_object_get_data (G_OBJECT (row), "log");

      if (choice == NULL)
        continue;
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), choice->selected);
      if (sw != NULL)
        {
          gtk_switch_set_active (GTK_SWITCH (sw), choice->log_scale);
          gtk_widget_set_sensitive (sw, choice->selected);
        }
    }
  self->syncing = FALSE;
}

void
_sg_segment_page_feature_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  SgSegmentPage *self = SG_SEGMENT_PAGE (widget);
  const char *name;
  gboolean on;
  SgFeatureChoice *choice;

  g_variant_get (parameter, "(&sb)", &name, &on);
  choice = find_choice (self, name);
  if (choice == NULL)
    return;
  if (g_str_equal (action_name, "segment.feature"))
    choice->selected = on;
  else
    choice->log_scale = on && choice->log_possible;
  self->features_touched = TRUE;
  sync_feature_rows (self);
  _sg_segment_page_settings_changed (self);
}

void
_sg_segment_page_suggest_features_action (GtkWidget  *widget,
                                          const char *action_name,
                                          GVariant   *parameter)
{
  SgSegmentPage *self = SG_SEGMENT_PAGE (widget);

  if (self->choices == NULL)
    return;
  sg_feature_choices_reset (self->choices);
  self->features_touched = FALSE;
  sync_feature_rows (self);
  _sg_segment_page_settings_changed (self);
}

/* ---- the advice, on a worker thread ---- */

typedef struct {
  SgProject *project;   /* the worker's own connection */
  gint64     dataset_id;
} AdviceJob;

static void
advice_job_free (AdviceJob *job)
{
  g_clear_object (&job->project);
  g_free (job);
}

typedef struct {
  SgAdvice *advice;
  GStrv     below_zero;   /* columns that cannot go on a log scale */
} AdviceResult;

static void
advice_result_free (AdviceResult *result)
{
  g_clear_pointer (&result->advice, sg_advice_free);
  g_strfreev (result->below_zero);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AdviceResult, advice_result_free)

static void
advice_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  AdviceJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SgTable) table = sg_project_load_table (job->project, job->dataset_id, NULL, 0, &error);
  g_autoptr(AdviceResult) result = g_new0 (AdviceResult, 1);

  if (table != NULL && !g_cancellable_set_error_if_cancelled (cancellable, &error))
    result->advice = sg_advice_analyse (table, &error);
  if (result->advice == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  result->below_zero = sg_table_columns_below_zero (table);
  g_task_return_pointer (task, g_steal_pointer (&result), (GDestroyNotify) advice_result_free);
}

/* The choices with the advice: the user's ticks kept if they made any, else the last run's, else the advice's. */
static void
merge_choices (SgSegmentPage *self,
               GPtrArray     *fresh)
{
  if (self->features_touched && self->choices != NULL)
    for (guint i = 0; i < fresh->len; i++)
      {
        SgFeatureChoice *choice = g_ptr_array_index (fresh, i);
        SgFeatureChoice *old = find_choice (self, choice->name);

        if (old != NULL)
          {
            choice->selected = old->selected;
            choice->log_scale = old->log_scale && choice->log_possible;
          }
      }
  else if (self->has_restored)
    sg_feature_choices_apply (fresh, (const char * const *) self->restored.features,
                              (const char * const *) self->restored.log1p);
  g_clear_pointer (&self->choices, g_ptr_array_unref);
  self->choices = fresh;
}

static void
advice_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(SgSegmentPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AdviceResult) advice = g_task_propagate_pointer (G_TASK (result), &error);
  g_autoptr(GPtrArray) fresh = NULL;
  SgDatasetInfo *info;

  if (g_task_get_cancellable (G_TASK (result)) != self->advice_cancellable || self->session == NULL)
    return;  /* another dataset was chosen since, or the page went */
  g_clear_object (&self->advice_cancellable);
  self->advice_ready = TRUE;
  gtk_spinner_stop (self->advice_spinner);
  info = sg_session_lookup_dataset (self->session, self->dataset_id);
  if (advice == NULL || info == NULL)
    {
      if (error != NULL)
        g_debug ("No advice on dataset %" G_GINT64_FORMAT ": %s", self->dataset_id, error->message);
      gtk_label_set_label (self->advice_label,
                           _("Segmenta could not look at this data closely, so every number is ticked: untick what should not make customers similar."));
      _sg_segment_page_update_actions (self);
      return;
    }
  gtk_widget_set_visible (self->advice_box, FALSE);
  fresh = sg_feature_choices_new (info, advice->advice);
  sg_feature_choices_forbid_log (fresh, (const char * const *) advice->below_zero);
  merge_choices (self, g_steal_pointer (&fresh));
  _sg_segment_page_rebuild_features (self);
  _sg_segment_page_update_actions (self);
  _sg_segment_page_idle_status (self);
}

void
_sg_segment_page_start_advice (SgSegmentPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  SgProject *connection;
  AdviceJob *job;

  if (self->advice_cancellable != NULL)
    g_cancellable_cancel (self->advice_cancellable);
  g_clear_object (&self->advice_cancellable);
  self->advice_ready = FALSE;
  gtk_widget_set_visible (self->advice_box, self->choices != NULL && self->choices->len > 0);
  if (self->choices == NULL || self->choices->len == 0)
    {
      self->advice_ready = TRUE;
      return;
    }
  connection = sg_project_reopen (sg_session_get_project (self->session), &error);
  if (connection == NULL)
    {
      self->advice_ready = TRUE;
      gtk_label_set_label (self->advice_label, error->message);
      return;
    }
  gtk_label_set_label (self->advice_label, _("Looking at your data to suggest which features to use…"));
  gtk_spinner_start (self->advice_spinner);
  self->advice_cancellable = g_cancellable_new ();
  job = g_new0 (AdviceJob, 1);
  job->project = connection;
  job->dataset_id = self->dataset_id;
  task = g_task_new (NULL, self->advice_cancellable, advice_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, _sg_segment_page_start_advice);
  g_task_set_task_data (task, job, (GDestroyNotify) advice_job_free);
  g_task_run_in_thread (task, advice_thread);
}

/* ---- the form ---- */

/* Names a control that an AdwActionRow activates: the row makes its title the control's label as well,
 * which a screen reader would read after the name. */
void
_sg_segment_page_name_control (GtkWidget  *widget,
                               const char *label)
{
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  sg_a11y_set_label (widget, label);
}
