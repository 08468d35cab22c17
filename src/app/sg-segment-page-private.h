/* sg-segment-page-private.h — what the Segment page's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * SgSegmentPage spans three files: sg-segment-page.c (the form, datasets, properties and actions),
 * sg-segment-page-features.c (the feature rows and the advice, read on a worker thread) and
 * sg-segment-page-run.c (runs and previews in the background: progress, Cancel, results).
 */
#pragma once

#include "sg-segment-page.h"
#include "sg-segmenter.h"
#include "widgets/sg-chart-view.h"

G_BEGIN_DECLS

typedef enum {
  JOB_NONE,
  JOB_RUN,
  JOB_PREVIEW,
} JobKind;

/* Progress is shown at most this often. */
#define PROGRESS_INTERVAL_MS 100

struct _SgSegmentPage
{
  AdwBin          parent_instance;

  /* template */
  GtkStack       *stack;
  AdwStatusPage  *status_page;
  GtkWidget      *back_button;
  AdwFlap        *flap;
  AdwComboRow    *dataset_row;
  GtkWidget      *advice_box;
  GtkSpinner     *advice_spinner;
  GtkLabel       *advice_label;
  GtkListBox     *features_list;
  AdwPreferencesGroup *method_group;
  GtkWidget      *auto_row;
  GtkSwitch      *auto_switch;
  GtkWidget      *k_row;
  GtkSpinButton  *k_spin;
  GtkWidget      *k_found_label;
  GtkWidget      *scan_box;
  SgChartView    *scan_view;
  GtkLabel       *scan_label;
  GtkWidget      *scan_help;
  AdwExpanderRow *advanced_row;
  GtkWidget      *seed_row;
  GtkSpinButton  *seed_spin;
  GtkWidget      *restarts_row;
  GtkSpinButton  *restarts_spin;
  AdwComboRow    *covariance_row;
  GtkWidget      *eps_row;
  GtkEntry       *eps_entry;
  GtkWidget      *min_samples_row;
  GtkSpinButton  *min_samples_spin;
  AdwComboRow    *linkage_row;
  AdwComboRow    *scaling_row;
  GtkLabel       *status_label;
  GtkProgressBar *progress_bar;
  GtkWidget      *run_button;
  GtkWidget      *cancel_button;
  GtkWidget      *runs_toggle;
  SgRunList      *run_list;

  SgSession      *session;
  GArray         *dataset_ids;      /* gint64: the dataset row's items */
  gint64          dataset_id;       /* the dataset the form is for */
  gint64          newest_dataset;   /* the newest dataset seen: a new derived one gets preselected */
  gboolean        preselected;

  GPtrArray      *choices;          /* SgFeatureChoice */
  GCancellable   *advice_cancellable;
  gboolean        advice_ready;
  gboolean        features_touched; /* the user ticked something: advice arriving late keeps it */
  SgRunSettings   restored;         /* the newest run's settings on this dataset, if any */
  gboolean        has_restored;

  SgSegmentForm   form;
  gboolean        eps_valid;
  gboolean        syncing;          /* writing the form into widgets: their signals are not the user's */

  JobKind         job;
  GCancellable   *job_cancellable;
  SgKScanChart   *scan_chart;
  gboolean        scan_filled;
  gboolean        scan_stale;
  char           *scan_reason;
  gint64          last_run_id;
  gboolean        status_sticky;    /* a result or an error is shown: keep it until the next change */
  double          progress_fraction;
  char           *progress_stage;
  gint64          progress_shown_at;
  guint           progress_timeout;
};

/* sg-segment-page.c */
void     _sg_segment_page_set_status       (SgSegmentPage *self,
                                            const char    *text,
                                            gboolean       error,
                                            gboolean       sticky);
void     _sg_segment_page_show_error       (SgSegmentPage *self,
                                            const char    *message);
void     _sg_segment_page_show_toast       (SgSegmentPage *self,
                                            AdwToast      *toast);
void     _sg_segment_page_idle_status      (SgSegmentPage *self);
void     _sg_segment_page_update_actions   (SgSegmentPage *self);
void     _sg_segment_page_settings_changed (SgSegmentPage *self);
void     _sg_segment_page_fill_scan        (SgSegmentPage *self,
                                            JsonNode      *scan,
                                            SgAlgorithm    algorithm);

/* sg-segment-page-features.c */
void     _sg_segment_page_name_control     (GtkWidget     *widget,
                                            const char    *label);
void     _sg_segment_page_rebuild_features (SgSegmentPage *self);
void     _sg_segment_page_start_advice     (SgSegmentPage *self);
void     _sg_segment_page_feature_action   (GtkWidget     *widget,
                                            const char    *action_name,
                                            GVariant      *parameter);
void     _sg_segment_page_suggest_features_action (GtkWidget  *widget,
                                                   const char *action_name,
                                                   GVariant   *parameter);

/* sg-segment-page-run.c */
void     _sg_segment_page_end_job          (SgSegmentPage *self);
void     _sg_segment_page_run_action       (GtkWidget     *widget,
                                            const char    *action_name,
                                            GVariant      *parameter);
void     _sg_segment_page_preview_action   (GtkWidget     *widget,
                                            const char    *action_name,
                                            GVariant      *parameter);
void     _sg_segment_page_cancel_action    (GtkWidget     *widget,
                                            const char    *action_name,
                                            GVariant      *parameter);

G_END_DECLS
