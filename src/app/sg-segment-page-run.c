/* sg-segment-page-run.c — the Segment page's runs and previews in the background: progress, Cancel,
 * results
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "SgSegmentPage"

#include <glib/gi18n.h>

#include "sg-format.h"
#include "sg-segment-page-private.h"

static void
weak_ref_free (GWeakRef *ref)
{
  g_weak_ref_clear (ref);
  g_free (ref);
}

static void
show_progress (SgSegmentPage *self)
{
  g_autofree char *percent = g_strdup_printf ("%.0f%%", 100 * self->progress_fraction);

  self->progress_shown_at = g_get_monotonic_time ();
  gtk_progress_bar_set_fraction (self->progress_bar, self->progress_fraction);
  gtk_progress_bar_set_text (self->progress_bar, percent);
  if (self->progress_stage != NULL &&
      g_strcmp0 (self->progress_stage, gtk_label_get_label (self->status_label)) != 0)
    _sg_segment_page_set_status (self, self->progress_stage, FALSE, FALSE);
}

static gboolean
progress_timeout_cb (gpointer data)
{
  SgSegmentPage *self = data;

  self->progress_timeout = 0;
  if (self->job != JOB_NONE)
    show_progress (self);
  return G_SOURCE_REMOVE;
}

/* Progress comes on the main loop with the job's cancellable as data: the task holds that until its last
 * report, so a report can never reach a page that is gone. Reports are shown at most every
 * PROGRESS_INTERVAL_MS: each one costs the main thread a frame, and the user cannot read faster. */
static void
job_progress_cb (double      fraction,
                 const char *message,
                 gpointer    user_data)
{
  GCancellable *cancellable = user_data;
  g_autoptr(SgSegmentPage) self = g_weak_ref_get (g_object_get_data (G_OBJECT (cancellable), "sg-page"));
  gint64 since;

  if (self == NULL || self->job_cancellable != cancellable || g_cancellable_is_cancelled (cancellable))
    return;
  self->progress_fraction = CLAMP (fraction, 0, 1);
  if (message != NULL)
    {
      g_free (self->progress_stage);
      self->progress_stage = g_strdup_printf (_("%s…"), message);
    }
  since = (g_get_monotonic_time () - self->progress_shown_at) / 1000;
  if (since >= PROGRESS_INTERVAL_MS)
    show_progress (self);
  else if (self->progress_timeout == 0)
    self->progress_timeout = g_timeout_add (PROGRESS_INTERVAL_MS - since, progress_timeout_cb, self);
}

typedef struct {
  SgSegmentPage *page;
  GCancellable  *cancellable;
  SgAlgorithm    algorithm;
} JobData;

static void
job_data_free (JobData *data)
{
  g_clear_object (&data->page);
  g_clear_object (&data->cancellable);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JobData, job_data_free)

static GCancellable *
begin_job (SgSegmentPage *self,
           JobKind        kind,
           const char    *first_stage)
{
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  self->job = kind;
  self->job_cancellable = g_cancellable_new ();
  g_weak_ref_init (ref, self);
  g_object_set_data_full (G_OBJECT (self->job_cancellable), "sg-page", ref, (GDestroyNotify) weak_ref_free);
  self->progress_fraction = 0;
  self->progress_shown_at = 0;
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, "0%");
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), TRUE);
  gtk_widget_set_visible (self->cancel_button, TRUE);
  _sg_segment_page_set_status (self, first_stage, FALSE, FALSE);
  _sg_segment_page_update_actions (self);
  return self->job_cancellable;
}

void
_sg_segment_page_end_job (SgSegmentPage *self)
{
  self->job = JOB_NONE;
  g_clear_object (&self->job_cancellable);
  g_clear_handle_id (&self->progress_timeout, g_source_remove);
  g_clear_pointer (&self->progress_stage, g_free);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);
  gtk_widget_set_visible (self->cancel_button, FALSE);
  _sg_segment_page_update_actions (self);
}

static gboolean
build_settings (SgSegmentPage *self,
                SgRunSettings *settings)
{
  g_autoptr(GError) error = NULL;

  sg_run_settings_init (settings);
  if (!self->eps_valid)
    {
      sg_segment_parse_eps (gtk_editable_get_text (GTK_EDITABLE (self->eps_entry)), &self->form.eps, &error);
      adw_expander_row_set_expanded (self->advanced_row, TRUE);
    }
  else
    sg_segment_form_to_settings (&self->form, self->dataset_id, self->choices, settings, &error);
  if (error != NULL)
    {
      _sg_segment_page_show_error (self, error->message);
      return FALSE;
    }
  return TRUE;
}

static char *
result_sentence (SgRunOutcome *outcome)
{
  g_autofree char *found = NULL;
  GString *text = g_string_new (NULL);

  if (outcome->k == 0)
    g_string_append (text, _("No segments found: no customers crowd together closely enough. Try a larger "
                             "neighbourhood size under Advanced Settings."));
  found = g_strdup_printf (ngettext ("Found %u segment", "Found %u segments", outcome->k), outcome->k);
  if (outcome->k > 0)
    g_string_append (text, found);
  if (outcome->k > 1)
    g_string_append_printf (text, _(", %s"), sg_segment_quality_words (outcome->metrics.silhouette));
  if (outcome->k > 0)
    g_string_append (text, ".");
  if (outcome->metrics.n_unassigned > 0)
    {
      g_autofree char *n = sg_format_count (outcome->metrics.n_unassigned);

      g_string_append_printf (text, _(" %s customers fit no segment."), n);
    }
  if (outcome->n_excluded > 0)
    {
      g_autofree char *n = sg_format_count (outcome->n_excluded);

      g_string_append_printf (text, _(" %s customers were left out: a chosen feature was missing for them."), n);
    }
  for (guint i = 0; outcome->warnings != NULL && outcome->warnings[i] != NULL; i++)
    g_string_append_printf (text, " %s.", outcome->warnings[i]);
  return g_string_free (text, FALSE);
}

/* "K-means · 5 segments (2)" rather than a second "K-means · 5 segments": runs are told apart by name in
 * the list and when comparing. The session still has the runs from before this one. */
static void
give_unique_name (SgSegmentPage *self,
                  gint64         run_id)
{
  SgProject *project = sg_session_get_project (self->session);
  g_autoptr(SgRunInfo) run = sg_project_get_run (project, run_id, NULL);
  g_autofree char *unique = NULL;

  if (run == NULL)
    return;
  unique = sg_segment_unique_run_name (sg_session_get_runs (self->session), run->name, run_id);
  if (g_strcmp0 (unique, run->name) != 0 && !sg_project_rename_run (project, run_id, unique, NULL))
    g_debug ("Run %" G_GINT64_FORMAT " keeps the name “%s”", run_id, run->name);
}

static void
run_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(JobData) data = user_data;
  SgSegmentPage *self = data->page;
  g_autoptr(GError) error = NULL;
  g_autoptr(SgRunOutcome) outcome = sg_segment_dataset_finish (result, &error);
  g_autoptr(GError) reload_error = NULL;
  g_autoptr(AdwToast) toast = NULL;
  g_autofree char *sentence = NULL;
  g_autofree char *title = NULL;

  if (data->cancellable != self->job_cancellable || self->session == NULL)
    return;
  _sg_segment_page_end_job (self);
  if (outcome == NULL)
    {
      /* A run cancelled at the very end may have been saved all the same: the list tells the truth. */
      sg_session_reload (self->session, NULL);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _sg_segment_page_set_status (self, _("Stopped. Nothing was saved."), FALSE, TRUE);
      else
        _sg_segment_page_show_error (self, error->message);
      return;
    }
  self->last_run_id = outcome->run_id;
  if (outcome->scan != NULL)
    {
      g_autoptr(JsonNode) scan = sg_kscan_to_json (outcome->scan);

      _sg_segment_page_fill_scan (self, scan, data->algorithm);
    }
  give_unique_name (self, outcome->run_id);
  if (!sg_session_reload (self->session, &reload_error))
    _sg_segment_page_show_error (self, reload_error->message);
  sentence = result_sentence (outcome);
  _sg_segment_page_set_status (self, sentence, FALSE, TRUE);

  title = g_strdup_printf (ngettext ("Found %u segment", "Found %u segments", outcome->k), outcome->k);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Show Segments"));
  adw_toast_set_action_name (toast, "win.show-step");
  adw_toast_set_action_target_value (toast, g_variant_new_string ("segments"));
  _sg_segment_page_show_toast (self, toast);
}

void
_sg_segment_page_run_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  SgSegmentPage *self = SG_SEGMENT_PAGE (widget);
  g_auto(SgRunSettings) settings = { 0 };
  JobData *data;

  if (self->job != JOB_NONE || self->session == NULL || !build_settings (self, &settings))
    return;
  data = g_new0 (JobData, 1);
  data->page = g_object_ref (self);
  data->algorithm = settings.algorithm;
  data->cancellable = g_object_ref (begin_job (self, JOB_RUN, _("Starting…")));
  sg_segment_dataset_async (sg_session_get_project (self->session), &settings, data->cancellable,
                            job_progress_cb, data->cancellable, run_done_cb, data);
}

static void
preview_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(JobData) data = user_data;
  SgSegmentPage *self = data->page;
  g_autoptr(GError) error = NULL;
  g_autoptr(SgKScan) scan = sg_kscan_dataset_finish (result, &error);
  g_autoptr(JsonNode) json = NULL;
  g_autofree char *text = NULL;

  if (data->cancellable != self->job_cancellable || self->session == NULL)
    return;
  _sg_segment_page_end_job (self);
  if (scan == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _sg_segment_page_set_status (self, _("Preview stopped."), FALSE, TRUE);
      else
        _sg_segment_page_show_error (self, error->message);
      return;
    }
  json = sg_kscan_to_json (scan);
  _sg_segment_page_fill_scan (self, json, data->algorithm);
  if (scan->recommendation.recommended_k > 0)
    text = g_strdup_printf (_("Suggested: %u segments. Press Find Segments to make them."),
                            scan->recommendation.recommended_k);
  _sg_segment_page_set_status (self, text, FALSE, TRUE);
}

void
_sg_segment_page_preview_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  SgSegmentPage *self = SG_SEGMENT_PAGE (widget);
  g_auto(SgRunSettings) settings = { 0 };
  JobData *data;

  if (self->job != JOB_NONE || self->session == NULL || !build_settings (self, &settings))
    return;
  settings.k = 0;
  data = g_new0 (JobData, 1);
  data->page = g_object_ref (self);
  data->algorithm = settings.algorithm;
  data->cancellable = g_object_ref (begin_job (self, JOB_PREVIEW, _("Trying different numbers of segments…")));
  sg_kscan_dataset_async (sg_session_get_project (self->session), &settings, data->cancellable,
                          job_progress_cb, data->cancellable, preview_done_cb, data);
}

void
_sg_segment_page_cancel_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  SgSegmentPage *self = SG_SEGMENT_PAGE (widget);

  if (self->job_cancellable == NULL)
    return;
  g_cancellable_cancel (self->job_cancellable);
  _sg_segment_page_set_status (self, _("Stopping…"), FALSE, FALSE);
  gtk_widget_action_set_enabled (widget, "segment.cancel", FALSE);
}
