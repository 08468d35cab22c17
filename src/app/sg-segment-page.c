/* sg-segment-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "SgSegmentPage"

#include <glib/gi18n.h>

#include "sg-a11y.h"
#include "sg-format.h"
#include "sg-segment-page-private.h"

/* The scaling combo row's items, in order. */
static const SgScaling scalings[] = { SG_SCALING_ZSCORE, SG_SCALING_MINMAX, SG_SCALING_ROBUST, SG_SCALING_NONE };

G_DEFINE_FINAL_TYPE (SgSegmentPage, sg_segment_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_ALGORITHM,
  PROP_AUTO_K,
  PROP_K,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void form_to_widgets (SgSegmentPage *self);

/* ---- status line ---- */

void
_sg_segment_page_set_status (SgSegmentPage *self,
                             const char    *text,
                             gboolean       error,
                             gboolean       sticky)
{
  gtk_label_set_label (self->status_label, text != NULL ? text : "");
  /* Two lines show; the whole text is in the tooltip (and errors in a toast). */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->status_label), text != NULL && *text != '\0' ? text : NULL);
  /* An empty wrapping label measures a pixel differently with and without a width (GTK 4.8). */
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), text != NULL && *text != '\0');
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
  self->status_sticky = sticky;
}

/* What the page would do now, when no result or error is shown. */
void
_sg_segment_page_idle_status (SgSegmentPage *self)
{
  g_autofree char *text = NULL;
  guint n;

  if (self->status_sticky || self->job != JOB_NONE)
    return;
  n = self->choices != NULL ? sg_feature_choices_count (self->choices) : 0;
  if (self->choices == NULL || self->choices->len == 0)
    text = g_strdup ("");
  else if (n == 0)
    text = g_strdup (_("Tick at least one feature to compare customers on."));
  else if (!sg_algorithm_takes_k (self->form.algorithm))
    text = g_strdup_printf (ngettext ("Ready: %u feature, %s.", "Ready: %u features, %s.", n), n,
                            sg_algorithm_get_label (self->form.algorithm));
  else if (self->form.auto_k)
    text = g_strdup_printf (ngettext ("Ready: %u feature, %s, number of segments suggested for you.",
                                      "Ready: %u features, %s, number of segments suggested for you.", n),
                            n, sg_algorithm_get_label (self->form.algorithm));
  else
    text = g_strdup_printf (ngettext ("Ready: %u feature, %s, %u segments.", "Ready: %u features, %s, %u segments.", n),
                            n, sg_algorithm_get_label (self->form.algorithm), self->form.k);
  _sg_segment_page_set_status (self, text, FALSE, FALSE);
}

void
_sg_segment_page_show_toast (SgSegmentPage *self,
                             AdwToast      *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), g_object_ref (toast));
}

/* An error in one sentence, under the form and as a toast. */
void
_sg_segment_page_show_error (SgSegmentPage *self,
                             const char    *message)
{
  g_autoptr(AdwToast) toast = adw_toast_new (message);

  _sg_segment_page_set_status (self, message, TRUE, TRUE);
  adw_toast_set_timeout (toast, 8);
  _sg_segment_page_show_toast (self, toast);
}

/* ---- the k scan chart ---- */

static void
update_scan (SgSegmentPage *self)
{
  gboolean shown = sg_algorithm_takes_k (self->form.algorithm) && self->form.auto_k;
  g_autofree char *text = NULL;

  gtk_widget_set_visible (self->scan_box, shown);
  gtk_widget_set_visible (GTK_WIDGET (self->scan_view), self->scan_filled);
  gtk_widget_set_visible (self->scan_help, self->scan_filled);
  gtk_widget_set_opacity (GTK_WIDGET (self->scan_view), self->scan_stale ? 0.45 : 1.0);
  /* The chart draws the suggestion's reason under itself: the label only says what the chart cannot. */
  if (!self->scan_filled)
    text = g_strdup (_("Not tried yet. Preview the suggestion now, or just press Find Segments: trying the numbers is its first step."));
  else if (self->scan_stale)
    text = g_strdup (_("This scan is for earlier settings: preview again to update it."));
  else if (self->scan_reason == NULL)
    text = g_strdup (_("No number stood out."));
  gtk_label_set_label (self->scan_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->scan_label), text != NULL);
}

void
_sg_segment_page_fill_scan (SgSegmentPage *self,
                            JsonNode      *scan,
                            SgAlgorithm    algorithm)
{
  guint k;

  g_clear_pointer (&self->scan_reason, g_free);
  k = sg_segment_fill_k_scan (self->scan_chart, scan, algorithm, &self->scan_reason);
  self->scan_filled = TRUE;
  self->scan_stale = FALSE;
  /* Switching "suggest" off starts from the suggestion. */
  if (k >= SG_SEGMENT_K_MIN && k <= SG_SEGMENT_K_MAX && self->form.auto_k)
    {
      self->form.k = k;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_K]);
    }
  update_scan (self);
}

static void
clear_scan (SgSegmentPage *self)
{
  sg_k_scan_chart_set_data (self->scan_chart, NULL, NULL, NULL, 0, NULL, TRUE);
  sg_k_scan_chart_set_recommendation (self->scan_chart, 0, NULL);
  g_clear_pointer (&self->scan_reason, g_free);
  self->scan_filled = FALSE;
  self->scan_stale = FALSE;
  update_scan (self);
}

/* The settings changed: a scan on screen no longer answers them. */
void
_sg_segment_page_settings_changed (SgSegmentPage *self)
{
  if (self->scan_filled)
    self->scan_stale = TRUE;
  self->status_sticky = FALSE;
  update_scan (self);
  _sg_segment_page_update_actions (self);
  _sg_segment_page_idle_status (self);
}

/* ---- features ---- */

static void
update_option_rows (SgSegmentPage *self)
{
  SgFormOptions options = sg_segment_form_options (self->form.algorithm);
  gboolean takes_k = (options & SG_FORM_K) != 0;

  gtk_widget_set_visible (self->auto_row, takes_k);
  gtk_widget_set_visible (self->k_row, takes_k);
  gtk_widget_set_sensitive (self->k_row, takes_k && !self->form.auto_k);
  gtk_widget_set_visible (self->k_found_label, !takes_k);
  gtk_widget_set_visible (self->seed_row, (options & SG_FORM_SEED) != 0);
  gtk_widget_set_visible (self->restarts_row, (options & SG_FORM_RESTARTS) != 0);
  gtk_widget_set_visible (GTK_WIDGET (self->covariance_row), (options & SG_FORM_COVARIANCE) != 0);
  gtk_widget_set_visible (self->eps_row, (options & SG_FORM_EPS) != 0);
  gtk_widget_set_visible (self->min_samples_row, (options & SG_FORM_MIN_SAMPLES) != 0);
  gtk_widget_set_visible (GTK_WIDGET (self->linkage_row), (options & SG_FORM_LINKAGE) != 0);
  gtk_widget_set_visible (GTK_WIDGET (self->scaling_row), (options & SG_FORM_SCALING) != 0);
  update_scan (self);
}

static guint
scaling_position (SgScaling scaling)
{
  for (guint i = 0; i < G_N_ELEMENTS (scalings); i++)
    if (scalings[i] == scaling)
      return i;
  return 0;
}

static void
form_to_widgets (SgSegmentPage *self)
{
  g_autofree char *eps = NULL;

  self->syncing = TRUE;
  gtk_spin_button_set_value (self->seed_spin, (double) self->form.seed);
  gtk_spin_button_set_value (self->restarts_spin, self->form.restarts);
  adw_combo_row_set_selected (self->covariance_row, self->form.covariance);
  if (self->form.eps > 0)
    eps = g_strdup_printf ("%g", self->form.eps);
  gtk_editable_set_text (GTK_EDITABLE (self->eps_entry), eps != NULL ? eps : "");
  self->eps_valid = TRUE;
  gtk_widget_remove_css_class (GTK_WIDGET (self->eps_entry), "error");
  gtk_spin_button_set_value (self->min_samples_spin, self->form.min_samples);
  adw_combo_row_set_selected (self->linkage_row, self->form.linkage);
  adw_combo_row_set_selected (self->scaling_row, scaling_position (self->form.scaling));
  self->syncing = FALSE;
  /* The method and the number of segments are properties: their widgets follow the actions. */
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ALGORITHM]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTO_K]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_K]);
  update_option_rows (self);
}

static void
advanced_changed_cb (SgSegmentPage *self)
{
  g_autoptr(GError) error = NULL;
  guint scaling;

  if (self->syncing)
    return;
  self->form.seed = (guint64) gtk_spin_button_get_value (self->seed_spin);
  self->form.restarts = (guint) gtk_spin_button_get_value (self->restarts_spin);
  self->form.covariance = adw_combo_row_get_selected (self->covariance_row);
  self->form.min_samples = (guint) gtk_spin_button_get_value (self->min_samples_spin);
  self->form.linkage = adw_combo_row_get_selected (self->linkage_row);
  scaling = adw_combo_row_get_selected (self->scaling_row);
  self->form.scaling = scalings[scaling < G_N_ELEMENTS (scalings) ? scaling : 0];
  self->eps_valid = sg_segment_parse_eps (gtk_editable_get_text (GTK_EDITABLE (self->eps_entry)),
                                          &self->form.eps, &error);
  if (self->eps_valid)
    gtk_widget_remove_css_class (GTK_WIDGET (self->eps_entry), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->eps_entry), "error");
  _sg_segment_page_settings_changed (self);
}

/* "Default" for 0 fresh starts: the method's own number. */
static gboolean
restarts_output_cb (GtkSpinButton *spin,
                    gpointer       user_data)
{
  if (gtk_spin_button_get_value_as_int (spin) != 0)
    return FALSE;
  gtk_editable_set_text (GTK_EDITABLE (spin), _("Default"));
  return TRUE;
}

static int
restarts_input_cb (GtkSpinButton *spin,
                   double        *value,
                   gpointer       user_data)
{
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (spin)), _("Default")) != 0)
    return FALSE;
  *value = 0;
  return TRUE;
}

static void
reset_advanced_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  SgSegmentPage *self = SG_SEGMENT_PAGE (widget);

  sg_segment_form_reset_advanced (&self->form);
  form_to_widgets (self);
  _sg_segment_page_settings_changed (self);
}

static GtkWidget *
method_row_new (SgSegmentPage  *self,
                SgAlgorithm     algorithm,
                GtkCheckButton *group)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), sg_algorithm_get_label (algorithm));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), sg_algorithm_get_description (algorithm));
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  if (group != NULL)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (check), "segment.algorithm");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (check),
                                          g_variant_new_string (sg_algorithm_to_string (algorithm)));
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  _sg_segment_page_name_control (check, sg_algorithm_get_label (algorithm));
  if (algorithm == SG_ALGORITHM_KMEANS)
    {
      GtkWidget *tag = gtk_label_new (_("Recommended"));

      gtk_widget_add_css_class (tag, "accent");
      gtk_widget_add_css_class (tag, "caption-heading");
      gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), tag);
    }
  g_object_set_data (G_OBJECT (row), "check", check);
  return row;
}

static void
build_method_rows (SgSegmentPage *self)
{
  GtkCheckButton *group = NULL;

  for (SgAlgorithm a = 0; a < SG_N_ALGORITHMS; a++)
    {
      GtkWidget *row = method_row_new (self, a, group);

      if (group == NULL)
        group = g_object_get_data (G_OBJECT (row), "check");
      adw_preferences_group_add (self->method_group, row);
    }
}

/* ---- datasets ---- */

static SgRunInfo *
newest_run_on (SgSegmentPage *self,
               gint64         dataset_id)
{
  GPtrArray *runs = sg_session_get_runs (self->session);

  for (guint i = 0; i < runs->len; i++)
    {
      SgRunInfo *run = g_ptr_array_index (runs, i);

      if (run->dataset_id == dataset_id)
        return run;
    }
  return NULL;
}

/* Picks up where the user left off on this dataset: the newest run's settings and its k scan. */
static void
restore_from_run (SgSegmentPage *self)
{
  SgRunInfo *run = newest_run_on (self, self->dataset_id);
  g_autoptr(JsonNode) scan = NULL;

  sg_run_settings_clear (&self->restored);
  sg_run_settings_init (&self->restored);
  self->has_restored = FALSE;
  clear_scan (self);
  if (run == NULL || !sg_segment_parse_run_settings (run->settings, &self->restored))
    return;
  self->has_restored = TRUE;
  sg_segment_form_from_settings (&self->form, &self->restored);
  sg_feature_choices_apply (self->choices, (const char * const *) self->restored.features,
                            (const char * const *) self->restored.log1p);
  scan = sg_segment_run_scan (run);
  if (scan != NULL)
    _sg_segment_page_fill_scan (self, scan, self->form.algorithm);
}

static void
load_dataset (SgSegmentPage *self)
{
  SgDatasetInfo *info = self->session ? sg_session_get_dataset (self->session) : NULL;

  self->dataset_id = info != NULL ? info->id : 0;
  g_clear_pointer (&self->choices, g_ptr_array_unref);
  self->features_touched = FALSE;
  if (info != NULL)
    {
      g_autofree char *rows = sg_format_count (info->n_rows);
      /* Translators: a dataset's size and where it came from, e.g. "2,000 rows · derived" */
      g_autofree char *subtitle = g_strdup_printf (_("%s rows · %s"), rows,
                                                   g_strcmp0 (info->kind, "derived") == 0 ? _("customer features derived from purchases")
                                                   : g_strcmp0 (info->kind, "prepared") == 0 ? _("prepared for segmenting")
                                                   : _("as imported"));

      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->dataset_row), subtitle);
      self->choices = sg_feature_choices_new (info, NULL);
      restore_from_run (self);
      form_to_widgets (self);
    }
  else
    clear_scan (self);
  _sg_segment_page_rebuild_features (self);
  /* The advice reads the whole dataset: only for a page the user looks at (else when it is shown). */
  if (self->advice_cancellable != NULL)
    g_cancellable_cancel (self->advice_cancellable);
  g_clear_object (&self->advice_cancellable);
  self->advice_ready = FALSE;
  gtk_widget_set_visible (self->advice_box, FALSE);
  if (info != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    _sg_segment_page_start_advice (self);
  self->status_sticky = FALSE;
  _sg_segment_page_update_actions (self);
  _sg_segment_page_idle_status (self);
}

static void
fill_dataset_row (SgSegmentPage *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GPtrArray *datasets = self->session ? sg_session_get_datasets (self->session) : NULL;
  guint selected = GTK_INVALID_LIST_POSITION;

  g_array_set_size (self->dataset_ids, 0);
  for (guint i = 0; datasets != NULL && i < datasets->len; i++)
    {
      SgDatasetInfo *info = g_ptr_array_index (datasets, i);

      g_array_append_val (self->dataset_ids, info->id);
      gtk_string_list_append (names, info->name);
      if (info->id == sg_session_get_dataset_id (self->session))
        selected = i;
    }
  self->syncing = TRUE;
  adw_combo_row_set_model (self->dataset_row, G_LIST_MODEL (names));
  if (selected != GTK_INVALID_LIST_POSITION)
    adw_combo_row_set_selected (self->dataset_row, selected);
  self->syncing = FALSE;
}

static void
dataset_selected_cb (SgSegmentPage *self)
{
  guint position = adw_combo_row_get_selected (self->dataset_row);

  if (self->syncing || self->session == NULL || position >= self->dataset_ids->len)
    return;
  sg_session_set_dataset_id (self->session, g_array_index (self->dataset_ids, gint64, position));
}

/* Derived or prepared customer features are what a segmentation is usually run on: choose them when
 * the page is first shown, and when a new such dataset appears. */
static void
preselect_dataset (SgSegmentPage *self)
{
  GPtrArray *datasets;
  gint64 newest = 0, pick;

  if (self->session == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  datasets = sg_session_get_datasets (self->session);
  for (guint i = 0; i < datasets->len; i++)
    newest = MAX (newest, ((SgDatasetInfo *) g_ptr_array_index (datasets, i))->id);
  if (self->preselected && newest <= self->newest_dataset)
    return;
  pick = sg_segment_pick_dataset (datasets, sg_session_get_dataset_id (self->session));
  if (self->preselected && pick != newest)
    pick = sg_session_get_dataset_id (self->session);  /* only a new dataset may move the choice */
  self->preselected = TRUE;
  self->newest_dataset = newest;
  if (pick != 0)
    sg_session_set_dataset_id (self->session, pick);
}

gboolean
sg_segment_page_get_ready (SgSegmentPage *self)
{
  g_return_val_if_fail (SG_IS_SEGMENT_PAGE (self), FALSE);

  return self->session != NULL && sg_session_get_n_datasets (self->session) > 0;
}

static void
session_changed_cb (SgSegmentPage *self)
{
  gboolean ready = sg_segment_page_get_ready (self);
  SgDatasetInfo *info = self->session ? sg_session_get_dataset (self->session) : NULL;

  gtk_stack_set_visible_child_name (self->stack, ready ? "form" : "empty");
  fill_dataset_row (self);
  preselect_dataset (self);
  info = self->session ? sg_session_get_dataset (self->session) : NULL;
  if ((info != NULL ? info->id : 0) != self->dataset_id ||
      (info != NULL && self->choices == NULL))
    load_dataset (self);
  _sg_segment_page_update_actions (self);
}

static void
dataset_id_changed_cb (SgSegmentPage *self)
{
  fill_dataset_row (self);
  if (self->session != NULL && sg_session_get_dataset_id (self->session) != self->dataset_id)
    load_dataset (self);
}

/* ---- running ---- */

void
_sg_segment_page_update_actions (SgSegmentPage *self)
{
  gboolean idle = self->job == JOB_NONE;
  gboolean can_run = idle && self->session != NULL && self->dataset_id != 0 && self->choices != NULL &&
                     sg_feature_choices_count (self->choices) > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "segment.run", can_run);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "segment.preview",
                                 can_run && sg_algorithm_takes_k (self->form.algorithm));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "segment.cancel", !idle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "segment.suggest-features",
                                 idle && self->choices != NULL && self->choices->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "segment.reset-advanced",
                                 idle && !sg_segment_form_advanced_is_default (&self->form));
}

/* ---- public ---- */

gboolean
sg_segment_page_get_busy (SgSegmentPage *self)
{
  g_return_val_if_fail (SG_IS_SEGMENT_PAGE (self), FALSE);

  return self->job != JOB_NONE;
}

gboolean
sg_segment_page_get_advice_ready (SgSegmentPage *self)
{
  g_return_val_if_fail (SG_IS_SEGMENT_PAGE (self), FALSE);

  return self->advice_ready;
}

GPtrArray *
sg_segment_page_get_feature_choices (SgSegmentPage *self)
{
  g_return_val_if_fail (SG_IS_SEGMENT_PAGE (self), NULL);

  return self->choices;
}

void
sg_segment_page_get_form (SgSegmentPage *self,
                          SgSegmentForm *form)
{
  g_return_if_fail (SG_IS_SEGMENT_PAGE (self));
  g_return_if_fail (form != NULL);

  *form = self->form;
}

void
sg_segment_page_set_form (SgSegmentPage       *self,
                          const SgSegmentForm *form)
{
  g_return_if_fail (SG_IS_SEGMENT_PAGE (self));
  g_return_if_fail (form != NULL);

  self->form = *form;
  form_to_widgets (self);
  _sg_segment_page_settings_changed (self);
}

SgKScanChart *
sg_segment_page_get_scan_chart (SgSegmentPage *self)
{
  g_return_val_if_fail (SG_IS_SEGMENT_PAGE (self), NULL);

  return self->scan_chart;
}

SgRunList *
sg_segment_page_get_run_list (SgSegmentPage *self)
{
  g_return_val_if_fail (SG_IS_SEGMENT_PAGE (self), NULL);

  return self->run_list;
}

const char *
sg_segment_page_get_status (SgSegmentPage *self)
{
  g_return_val_if_fail (SG_IS_SEGMENT_PAGE (self), NULL);

  return gtk_label_get_label (self->status_label);
}

gint64
sg_segment_page_get_last_run_id (SgSegmentPage *self)
{
  g_return_val_if_fail (SG_IS_SEGMENT_PAGE (self), 0);

  return self->last_run_id;
}

SgSession *
sg_segment_page_get_session (SgSegmentPage *self)
{
  g_return_val_if_fail (SG_IS_SEGMENT_PAGE (self), NULL);

  return self->session;
}

void
sg_segment_page_set_session (SgSegmentPage *self,
                             SgSession     *session)
{
  g_return_if_fail (SG_IS_SEGMENT_PAGE (self));
  g_return_if_fail (session == NULL || SG_IS_SESSION (session));

  if (self->session == session)
    return;
  if (self->job_cancellable != NULL)
    g_cancellable_cancel (self->job_cancellable);
  if (self->job != JOB_NONE)
    _sg_segment_page_end_job (self);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  self->preselected = FALSE;
  self->newest_dataset = 0;
  self->dataset_id = -1;  /* whatever the session says is new */
  self->last_run_id = 0;
  if (session != NULL)
    {
      g_signal_connect_object (session, "changed", G_CALLBACK (session_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::dataset-id", G_CALLBACK (dataset_id_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }
  sg_run_list_set_session (self->run_list, session);
  session_changed_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

/* ---- GObject ---- */

static void
sg_segment_page_map (GtkWidget *widget)
{
  SgSegmentPage *self = SG_SEGMENT_PAGE (widget);

  GTK_WIDGET_CLASS (sg_segment_page_parent_class)->map (widget);
  preselect_dataset (self);
  if (self->choices != NULL && !self->advice_ready && self->advice_cancellable == NULL)
    _sg_segment_page_start_advice (self);
}

static void
sg_segment_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SgSegmentPage *self = SG_SEGMENT_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_ALGORITHM:
      g_value_set_string (value, sg_algorithm_to_string (self->form.algorithm));
      break;
    case PROP_AUTO_K:
      g_value_set_boolean (value, self->form.auto_k);
      break;
    case PROP_K:
      g_value_set_uint (value, self->form.k);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sg_segment_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  SgSegmentPage *self = SG_SEGMENT_PAGE (object);
  SgAlgorithm algorithm;

  switch (prop_id)
    {
    case PROP_SESSION:
      sg_segment_page_set_session (self, g_value_get_object (value));
      return;
    case PROP_ALGORITHM:
      if (!sg_algorithm_from_string (g_value_get_string (value), &algorithm) || algorithm == self->form.algorithm)
        return;
      self->form.algorithm = algorithm;
      break;
    case PROP_AUTO_K:
      if (self->form.auto_k == g_value_get_boolean (value))
        return;
      self->form.auto_k = g_value_get_boolean (value);
      break;
    case PROP_K:
      if (self->form.k == g_value_get_uint (value))
        return;
      self->form.k = g_value_get_uint (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  g_object_notify_by_pspec (object, pspec);
  update_option_rows (self);
  _sg_segment_page_settings_changed (self);
}

static void
sg_segment_page_dispose (GObject *object)
{
  SgSegmentPage *self = SG_SEGMENT_PAGE (object);

  if (self->job_cancellable != NULL)
    g_cancellable_cancel (self->job_cancellable);
  g_clear_object (&self->job_cancellable);
  g_clear_handle_id (&self->progress_timeout, g_source_remove);
  self->job = JOB_NONE;
  if (self->advice_cancellable != NULL)
    g_cancellable_cancel (self->advice_cancellable);
  g_clear_object (&self->advice_cancellable);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  /* AdwBin keeps its own pointer to the child: let it drop it before the template goes. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SG_TYPE_SEGMENT_PAGE);

  G_OBJECT_CLASS (sg_segment_page_parent_class)->dispose (object);
}

static void
sg_segment_page_finalize (GObject *object)
{
  SgSegmentPage *self = SG_SEGMENT_PAGE (object);

  g_clear_pointer (&self->choices, g_ptr_array_unref);
  g_clear_pointer (&self->dataset_ids, g_array_unref);
  g_clear_pointer (&self->scan_reason, g_free);
  g_clear_pointer (&self->progress_stage, g_free);
  g_clear_object (&self->scan_chart);
  sg_run_settings_clear (&self->restored);

  G_OBJECT_CLASS (sg_segment_page_parent_class)->finalize (object);
}

static void
sg_segment_page_class_init (SgSegmentPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sg_segment_page_dispose;
  object_class->finalize = sg_segment_page_finalize;
  object_class->get_property = sg_segment_page_get_property;
  object_class->set_property = sg_segment_page_set_property;
  widget_class->map = sg_segment_page_map;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, SG_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ALGORITHM] =
    g_param_spec_string ("algorithm", NULL, NULL, "kmeans",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_AUTO_K] =
    g_param_spec_boolean ("auto-k", NULL, NULL, TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_K] =
    g_param_spec_uint ("k", NULL, NULL, SG_SEGMENT_K_MIN, SG_SEGMENT_K_MAX, 5,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/sg-segment-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SgSegmentPage, stack);
  gtk_widget_class_bind_template_child (widget_class, SgSegmentPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, SgSegmentPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, SgSegmentPage, flap);
  gtk_widget_class_bind_template_child (widget_class, SgSegmentPage, dataset_row);
  gtk_widget_class_bind_template_child (widget_class, SgSegmentPage, advice_box);
  gtk_widget_class_bind_template_child (widget_class, SgSegmentPage, advice_spinner);
  gtk_widget_class_bind_template_child (widget_class, SgSegmentPage, advice_label);
  gtk_widget_class_bind_template_child (widget_class, SgSegmentPage, features_list);
  gtk_widget_class_bind_template_child (widget_class, SgSegmentPage, method_group);
  gtk_widget_class_bind_template_child (widget_class, SgSegmentPage, auto_row);
  gtk_widget_class_bind_template_child (widget_class, SgSegmentPage, auto_switch);
  gtk_widget_class_bind_template_child (widget_class, SgSegmentPage, k_row);
  gtk_widget_class_bind_template_child (widget_class, SgSegmentPage, k_spin);
  gtk_widget_class_bind_template_child (widget_class, SgSegmentPage, k_found_label);
  gtk_widget_class_bind_template_child (widget_class, SgSegmentPage, scan_box);
  gtk_widget_class_bind_template_child (widget_class, SgSegmentPage, scan_view);
  gtk_widget_class_bind_template_child (widget_class, SgSegmentPage, scan_label);
  gtk_widget_class_bind_template_child (widget_class, SgSegmentPage, scan_help);
  gtk_widget_class_bind_template_child (widget_class, SgSegmentPage, advanced_row);
  gtk_widget_class_bind_template_child (widget_class, SgSegmentPage, seed_row);
  gtk_widget_class_bind_template_child (widget_class, SgSegmentPage, seed_spin);
  gtk_widget_class_bind_template_child (widget_class, SgSegmentPage, restarts_row);
  gtk_widget_class_bind_template_child (widget_class, SgSegmentPage, restarts_spin);
  gtk_widget_class_bind_template_child (widget_class, SgSegmentPage, covariance_row);
  gtk_widget_class_bind_template_child (widget_class, SgSegmentPage, eps_row);
  gtk_widget_class_bind_template_child (widget_class, SgSegmentPage, eps_entry);
  gtk_widget_class_bind_template_child (widget_class, SgSegmentPage, min_samples_row);
  gtk_widget_class_bind_template_child (widget_class, SgSegmentPage, min_samples_spin);
  gtk_widget_class_bind_template_child (widget_class, SgSegmentPage, linkage_row);
  gtk_widget_class_bind_template_child (widget_class, SgSegmentPage, scaling_row);
  gtk_widget_class_bind_template_child (widget_class, SgSegmentPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, SgSegmentPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, SgSegmentPage, run_button);
  gtk_widget_class_bind_template_child (widget_class, SgSegmentPage, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, SgSegmentPage, runs_toggle);
  gtk_widget_class_bind_template_child (widget_class, SgSegmentPage, run_list);

  g_type_ensure (SG_TYPE_CHART_VIEW);
  g_type_ensure (SG_TYPE_RUN_LIST);

  gtk_widget_class_install_action (widget_class, "segment.run", NULL, _sg_segment_page_run_action);
  gtk_widget_class_install_action (widget_class, "segment.cancel", NULL, _sg_segment_page_cancel_action);
  gtk_widget_class_install_action (widget_class, "segment.preview", NULL, _sg_segment_page_preview_action);
  gtk_widget_class_install_action (widget_class, "segment.suggest-features", NULL, _sg_segment_page_suggest_features_action);
  gtk_widget_class_install_action (widget_class, "segment.reset-advanced", NULL, reset_advanced_action);
  gtk_widget_class_install_action (widget_class, "segment.feature", "(sb)", _sg_segment_page_feature_action);
  gtk_widget_class_install_action (widget_class, "segment.log-scale", "(sb)", _sg_segment_page_feature_action);
  gtk_widget_class_install_property_action (widget_class, "segment.algorithm", "algorithm");
  gtk_widget_class_install_property_action (widget_class, "segment.auto-k", "auto-k");
  gtk_widget_class_install_property_action (widget_class, "segment.k", "k");

}

/* Ctrl+Enter and Escape work wherever the focus is while the page is on screen (the header bar's
 * switcher often has it), and pass through when the page is hidden or has nothing to do. */
static gboolean
shortcut_cb (GtkWidget *widget,
             GVariant  *args,
             gpointer   user_data)
{
  const char *action = user_data;

  if (!gtk_widget_get_mapped (widget) || !gtk_widget_is_sensitive (widget))
    return FALSE;
  if (g_str_equal (action, "segment.cancel") && !sg_segment_page_get_busy (SG_SEGMENT_PAGE (widget)))
    return FALSE;
  return gtk_widget_activate_action (widget, action, NULL);
}

static void
add_shortcuts (SgSegmentPage *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  struct { guint key; GdkModifierType mods; const char *action; } keys[] = {
    { GDK_KEY_Return, GDK_CONTROL_MASK, "segment.run" },
    { GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "segment.run" },
    { GDK_KEY_Escape, 0, "segment.cancel" },
  };

  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (controller), GTK_SHORTCUT_SCOPE_GLOBAL);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (keys[i].key, keys[i].mods),
                                                            gtk_callback_action_new (shortcut_cb,
                                                                                     (gpointer) keys[i].action,
                                                                                     NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

static void
update_runs_toggle (SgSegmentPage *self)
{
  gtk_widget_set_visible (self->runs_toggle, adw_flap_get_folded (self->flap));
}

static void
sg_segment_page_init (SgSegmentPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->dataset_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->eps_valid = TRUE;
  sg_segment_form_init (&self->form);
  sg_run_settings_init (&self->restored);
  self->scan_chart = sg_k_scan_chart_new ();
  sg_chart_view_set_chart (self->scan_view, SG_CHART (self->scan_chart));
  sg_a11y_set_label (GTK_WIDGET (self->scan_view), _("Number of segments tried"));
  /* The chart's own menu button has only a tooltip. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->scan_view)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_MENU_BUTTON (child))
      sg_a11y_set_label (child, _("Chart Options"));

  build_method_rows (self);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->auto_switch), "segment.auto-k");
  g_object_bind_property (self, "k", gtk_spin_button_get_adjustment (self->k_spin), "value",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);

  _sg_segment_page_name_control (GTK_WIDGET (self->auto_switch), _("Suggest the number of segments for me"));
  sg_a11y_set_label (GTK_WIDGET (self->k_spin), _("Number of segments"));
  sg_a11y_set_label (GTK_WIDGET (self->seed_spin), _("Random seed"));
  sg_a11y_set_label (GTK_WIDGET (self->restarts_spin), _("Fresh starts"));
  sg_a11y_set_label (GTK_WIDGET (self->eps_entry), _("Neighbourhood size"));
  sg_a11y_set_label (GTK_WIDGET (self->min_samples_spin), _("Smallest crowd"));
  sg_a11y_fix_names (GTK_WIDGET (self));

  g_signal_connect (self->restarts_spin, "output", G_CALLBACK (restarts_output_cb), NULL);
  g_signal_connect (self->restarts_spin, "input", G_CALLBACK (restarts_input_cb), NULL);
  g_signal_connect_object (self->seed_spin, "value-changed", G_CALLBACK (advanced_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->restarts_spin, "value-changed", G_CALLBACK (advanced_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->min_samples_spin, "value-changed", G_CALLBACK (advanced_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->eps_entry, "changed", G_CALLBACK (advanced_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->covariance_row, "notify::selected", G_CALLBACK (advanced_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->linkage_row, "notify::selected", G_CALLBACK (advanced_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->scaling_row, "notify::selected", G_CALLBACK (advanced_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->dataset_row, "notify::selected", G_CALLBACK (dataset_selected_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->flap, "notify::folded", G_CALLBACK (update_runs_toggle), self, G_CONNECT_SWAPPED);

  add_shortcuts (self);
  form_to_widgets (self);
  update_runs_toggle (self);
  session_changed_cb (self);
}
