/* sg-segments-page-private.h — SgSegmentsPage's state, shared by sg-segments-page.c (the page, the run,
 * the headline and the cards) and sg-segments-page-charts.c (the charts and what they compute)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "widgets/sg-chart-view.h"
#include "sg-run-charts.h"
#include "sg-segments-page.h"

G_BEGIN_DECLS

/* A run read for the dashboard, with the models computed from it off the main thread. */
typedef struct {
  SgRunData         *data;
  SgScatterModel     scatter;
  gboolean           has_scatter;
  SgSilhouetteModel  silhouette;
  gboolean           has_silhouette;
  SgProfileModel     profile;
  gboolean           has_profile;
  SgTreeModel        tree;
  gboolean           has_tree;
  GStrv             *facts;         /* k: sentences per segment */
} SgRunView;

void _sg_run_view_free (SgRunView *view);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SgRunView, _sg_run_view_free)

typedef enum {
  CHART_SCATTER,
  CHART_SIZES,
  CHART_SILHOUETTE,
  CHART_HEATMAP,
  CHART_SNAKE,
  CHART_BOX,
  CHART_TREE,
  CHART_K_DISTANCE,
  CHART_K_SCAN,
  N_CHARTS
} ChartKind;

typedef struct {
  GtkWidget   *card;
  SgChartView *view;
  GtkLabel    *note;      /* under the chart; hidden when empty */
  gboolean     shown;
} ChartSlot;

/* One column of the dataset, one chunk of rows, kept for hover tooltips. */
typedef struct {
  gint64    dataset_id;
  guint     column;
  guint     chunk;
  SgColumn *values;
} CachedChunk;

#define N_CACHED_CHUNKS 8

struct _SgSegmentsPage
{
  AdwBin          parent_instance;

  /* template */
  GtkStack       *stack;
  AdwStatusPage  *status_page;
  GtkWidget      *back_button;
  GtkSpinner     *loading_spinner;
  AdwStatusPage  *error_page;
  GtkDropDown    *error_dropdown;
  AdwLeaflet     *leaflet;
  GtkDropDown    *run_dropdown;
  GtkSpinner     *busy_spinner;
  GtkLabel       *run_caption;
  GtkWidget      *present_button;
  AdwBin         *dashboard_slot;
  GtkWidget      *dashboard;
  GtkWidget      *title_box;
  GtkLabel       *title_label;
  GtkLabel       *subtitle_label;
  GtkLabel       *customers_value;
  GtkLabel       *customers_note;
  GtkLabel       *segments_value;
  GtkLabel       *segments_caption;
  GtkLabel       *segments_note;
  GtkLabel       *silhouette_value;
  GtkLabel       *silhouette_words;
  GtkLabel       *silhouette_note;
  GtkLabel       *method_value;
  GtkLabel       *method_note;
  GtkLabel       *reason_label;
  GtkFlowBox     *cards_box;
  GtkGrid        *charts_grid;
  GtkLabel       *detail_title;
  AdwBin         *detail_slot;

  SgSession      *session;
  GtkStringList  *run_names;
  GArray         *run_ids;          /* gint64, in the switcher's order */
  gulong          run_selected_id;
  gulong          error_selected_id;
  GCancellable   *cancellable;      /* the shown run's work; replaced when the run changes */
  gint64          shown_run;
  gint64          loading_run;
  gboolean        reload_pending;   /* the run changed while the page was not on screen */
  SgRunView      *view;
  guint           n_tasks;          /* chart computations under way */
  int             segment;
  GtkWidget      *presentation;
  GPtrArray      *cards;            /* SgSegmentCard */

  /* charts (sg-segments-page-charts.c) */
  ChartSlot       charts[N_CHARTS];
  GtkCheckButton *loadings_check;
  GtkDropDown    *box_dropdown;
  GArray         *box_columns;      /* guint: dataset column of each entry */
  GCancellable   *box_cancellable;  /* the box plot's computation: a newer choice replaces it */
  GtkLabel       *cut_label;
  GtkWidget      *recut_button;
  GtkWidget      *recut_progress;
  GtkWidget      *recut_cancel;
  GCancellable   *recut_cancellable;
  guint           cut_k;
  CachedChunk     chunks[N_CACHED_CHUNKS];
  guint           next_chunk;
};

/* sg-segments-page-charts.c */
void   _sg_segments_page_init_charts   (SgSegmentsPage *self);
void   _sg_segments_page_show_charts   (SgSegmentsPage *self);
void   _sg_segments_page_clear_charts  (SgSegmentsPage *self);
void   _sg_segments_page_set_charts_presenting (SgSegmentsPage *self,
                                                gboolean        presenting);
void   _sg_segments_page_dispose_charts (SgSegmentsPage *self);
/* Counts work under way for the busy spinner. */
void   _sg_segments_page_task_started  (SgSegmentsPage *self);
void   _sg_segments_page_task_done     (SgSegmentsPage *self);
/* The window's toast, when the page is in one. */
void   _sg_segments_page_toast         (SgSegmentsPage *self,
                                        const char     *message);

G_END_DECLS
