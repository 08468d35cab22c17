/* sg-segments-page-charts.c — the dashboard's charts: cards, what each computes off the main thread,
 * the map's tooltips, and re-cutting a tree
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "SgSegmentsPage"

#include <glib/gi18n.h>
#include <math.h>

#include "sg-a11y.h"
#include "sg-chart-format.h"
#include "sg-dbscan.h"
#include "sg-error.h"
#include "sg-format.h"
#include "sg-k-distance-chart.h"
#include "sg-profile.h"
#include "sg-recut.h"
#include "sg-segments-page-private.h"

#define MAP_HEIGHT      460
#define CHART_HEIGHT    320
#define TREE_HEIGHT     360
/* Most extreme values drawn beyond each box's whiskers, per side. */
#define BOX_OUTLIERS    40
/* Rows sampled for the k-distance curve, as the run's own suggestion did. */
#define K_DISTANCE_ROWS 20000

/* ---- cards ---- */

static GtkWidget *
chart_card_new (SgSegmentsPage *self,
                ChartKind       kind,
                SgChart        *chart,
                const char     *title,
                const char     *caption,
                int             height,
                GtkWidget      *controls)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *view = sg_chart_view_new (chart);
  GtkWidget *footer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *label = gtk_label_new (caption);
  GtkWidget *note = gtk_label_new (NULL);

  /* The chart draws its own title, as it does in an export. */
  sg_chart_set_title (chart, title);
  g_object_unref (chart);
  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "chart-card");
  gtk_widget_set_size_request (view, -1, height);
  gtk_widget_set_vexpand (view, TRUE);
  gtk_box_append (GTK_BOX (card), view);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_label_set_wrap (GTK_LABEL (note), TRUE);
  gtk_label_set_xalign (GTK_LABEL (note), 0);
  gtk_widget_add_css_class (note, "chart-note");
  gtk_widget_set_visible (note, FALSE);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (text), label);
  gtk_box_append (GTK_BOX (text), note);
  gtk_box_append (GTK_BOX (footer), text);
  if (controls != NULL)
    {
      gtk_widget_set_valign (controls, GTK_ALIGN_START);
      gtk_box_append (GTK_BOX (footer), controls);
    }
  gtk_box_append (GTK_BOX (card), footer);

  g_object_ref_sink (card);
  self->charts[kind] = (ChartSlot) { card, SG_CHART_VIEW (view), GTK_LABEL (note), FALSE };
  return card;
}

static SgChart *
chart_of (SgSegmentsPage *self,
          ChartKind       kind)
{
  return sg_chart_view_get_chart (self->charts[kind].view);
}

static void
set_note (SgSegmentsPage *self,
          ChartKind       kind,
          const char     *text)
{
  gtk_label_set_text (self->charts[kind].note, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->charts[kind].note), text != NULL && *text != '\0');
}

/* Shown charts two to a row; the map and the tree take a whole row, and so does one left alone. */
static void
layout_grid (SgSegmentsPage *self)
{
  static const ChartKind order[] = { CHART_SCATTER, CHART_SIZES, CHART_SILHOUETTE, CHART_HEATMAP, CHART_SNAKE,
                                     CHART_BOX, CHART_K_SCAN, CHART_K_DISTANCE, CHART_TREE };
  GtkWidget *child;
  ChartKind pending = N_CHARTS;
  int row = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->charts_grid))) != NULL)
    gtk_grid_remove (self->charts_grid, child);
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      ChartKind kind = order[i];
      /* Many segments need the width for their names. */
      gboolean wide = kind == CHART_SCATTER || kind == CHART_TREE ||
                      ((kind == CHART_HEATMAP || kind == CHART_BOX) && self->view != NULL && self->view->data->k > 6);

      if (!self->charts[kind].shown)
        continue;
      if (wide)
        {
          gtk_grid_attach (self->charts_grid, self->charts[kind].card, 0, row++, 2, 1);
          continue;
        }
      if (pending == N_CHARTS)
        {
          pending = kind;
          continue;
        }
      gtk_grid_attach (self->charts_grid, self->charts[pending].card, 0, row, 1, 1);
      gtk_grid_attach (self->charts_grid, self->charts[kind].card, 1, row++, 1, 1);
      pending = N_CHARTS;
    }
  if (pending != N_CHARTS)
    gtk_grid_attach (self->charts_grid, self->charts[pending].card, 0, row, 2, 1);
}

/* ---- the map's tooltip: who the customer is ---- */

static SgColumn *
cached_chunk (SgSegmentsPage *self,
              guint           column,
              guint           chunk)
{
  gint64 dataset_id = self->view->data->run->dataset_id;
  g_autoptr(GError) error = NULL;
  CachedChunk *slot;

  for (guint i = 0; i < N_CACHED_CHUNKS; i++)
    if (self->chunks[i].values != NULL && self->chunks[i].dataset_id == dataset_id &&
        self->chunks[i].column == column && self->chunks[i].chunk == chunk)
      return self->chunks[i].values;
  /* One column's chunk of rows: read when the pointer first rests on one of its customers. */
  slot = &self->chunks[self->next_chunk];
  self->next_chunk = (self->next_chunk + 1) % N_CACHED_CHUNKS;
  g_clear_pointer (&slot->values, sg_column_free);
  slot->values = sg_project_load_chunk (sg_session_get_project (self->session), dataset_id, column, chunk, &error);
  if (slot->values == NULL)
    {
      g_debug ("Could not read rows for a tooltip: %s", error->message);
      return NULL;
    }
  slot->dataset_id = dataset_id;
  slot->column = column;
  slot->chunk = chunk;
  return slot->values;
}

static char *
value_at (SgSegmentsPage *self,
          int             column,
          guint32         row)
{
  SgColumn *values;
  guint offset = row % SG_PROJECT_CHUNK_ROWS;

  if (column < 0)
    return NULL;
  values = cached_chunk (self, (guint) column, row / SG_PROJECT_CHUNK_ROWS);
  if (values == NULL || offset >= sg_column_get_n_rows (values))
    return NULL;
  return sg_column_format_value (values, offset);
}

static char *
point_tooltip (SgSegmentsPage *self,
               guint32         row,
               int             segment)
{
  const SgRunData *data = self->view->data;
  g_autofree char *id = value_at (self, data->id_column, row);
  g_autoptr(GString) text = g_string_new (NULL);
  guint features[3], n;

  if (id == NULL || *id == '\0')
    {
      g_autofree char *number = sg_format_count ((guint64) row + 1);

      /* Translators: a customer without an id, by row number */
      g_string_append_printf (text, _("Customer %s"), number);
    }
  else
    g_string_append (text, id);
  g_string_append (text, " · ");
  g_string_append (text, segment >= 0 && (guint) segment < data->k ? data->names[segment] : _("Unassigned"));

  /* The values that set the customer's segment apart. */
  if (self->view->has_profile && segment >= 0)
    n = sg_profile_model_top_features (&self->view->profile, (guint) segment, features, 3);
  else
    for (n = 0; n < MIN (3, data->n_features); n++)
      features[n] = n;
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *value = value_at (self, data->feature_columns[features[i]], row);
      g_autofree char *name = sg_column_display_name (data->features[features[i]]);

      if (value == NULL)
        continue;
      g_string_append (text, i == 0 ? "\n" : " · ");
      /* Translators: a customer's value in the map's tooltip: "spend 412" */
      g_string_append_printf (text, _("%s %s"), name, *value != '\0' ? value : "–");
    }
  return g_strdup (text->str);
}

static gboolean
scatter_tooltip_cb (SgChartView    *view,
                    int             x,
                    int             y,
                    gboolean        keyboard_mode,
                    GtkTooltip     *tooltip,
                    SgSegmentsPage *self)
{
  SgChart *chart = sg_chart_view_get_chart (view);
  SgChartHit hit = { .kind = SG_CHART_HIT_NONE };
  g_autofree char *text = NULL;
  GdkRectangle area;

  if (keyboard_mode || chart == NULL || self->view == NULL || !self->view->has_scatter)
    return FALSE;
  /* Anything else than a customer: the chart's own tooltip. */
  if (!sg_chart_hit_test (chart, x, y, &hit) || hit.kind != SG_CHART_HIT_POINT ||
      hit.index < 0 || (gsize) hit.index >= self->view->scatter.n)
    {
      sg_chart_hit_clear (&hit);
      return FALSE;
    }
  text = point_tooltip (self, self->view->scatter.rows[hit.index], hit.segment);
  area = (GdkRectangle) { (int) floor (hit.area.x), (int) floor (hit.area.y), (int) ceil (hit.area.width) + 1,
                          (int) ceil (hit.area.height) + 1 };
  gtk_tooltip_set_text (tooltip, text);
  gtk_tooltip_set_tip_area (tooltip, &area);
  sg_chart_hit_clear (&hit);
  return TRUE;
}

static void
loadings_toggled_cb (SgSegmentsPage *self)
{
  if (self->view == NULL || !self->view->has_scatter)
    return;
  if (gtk_check_button_get_active (self->loadings_check) && self->view->scatter.n_loadings > 0)
    sg_scatter_chart_set_loadings (SG_SCATTER_CHART (chart_of (self, CHART_SCATTER)), self->view->scatter.load_x,
                                   self->view->scatter.load_y, (const char *const *) self->view->scatter.load_names,
                                   self->view->scatter.n_loadings);
  else
    sg_scatter_chart_set_loadings (SG_SCATTER_CHART (chart_of (self, CHART_SCATTER)), NULL, NULL, NULL, 0);
}

/* ---- box plots, computed off the main thread ---- */

typedef struct {
  SgProject *project;
  gint64     dataset_id;
  guint      column;
  gint32    *labels;
  gsize      n;
  guint      k;
} BoxJob;

static void
box_job_free (BoxJob *job)
{
  g_clear_object (&job->project);
  g_free (job->labels);
  g_free (job);
}

static void
box_worker (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  BoxJob *job = task_data;
  g_autoptr(GError) error = NULL;
  SgBoxModel *model;

  model = sg_box_model_load (job->project, job->dataset_id, job->column, job->labels, job->n, job->k, BOX_OUTLIERS,
                             cancellable, &error);
  if (model == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, model, (GDestroyNotify) sg_box_model_free);
}

static void
box_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  SgSegmentsPage *self = SG_SEGMENTS_PAGE (source);
  g_autofree char *feature = user_data;
  g_autoptr(GError) error = NULL;
  SgBoxModel *model = g_task_propagate_pointer (G_TASK (result), &error);

  _sg_segments_page_task_done (self);
  if (g_task_get_cancellable (G_TASK (result)) != self->box_cancellable || self->view == NULL)
    {
      g_clear_pointer (&model, sg_box_model_free);
      return;
    }
  if (model == NULL)
    {
      set_note (self, CHART_BOX, error->message);
      return;
    }
  sg_box_chart_set_data (SG_BOX_CHART (chart_of (self, CHART_BOX)), model->boxes, model->k,
                         (const char *const *) self->view->data->names, feature);
  set_note (self, CHART_BOX, NULL);
  sg_box_model_free (model);
}

static void
box_feature_cb (SgSegmentsPage *self)
{
  guint i = gtk_drop_down_get_selected (self->box_dropdown);
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  const SgRunData *data;
  BoxJob *job;
  GtkStringObject *item;

  if (self->view == NULL || i >= self->box_columns->len)
    return;
  data = self->view->data;
  g_cancellable_cancel (self->box_cancellable);
  g_clear_object (&self->box_cancellable);
  self->box_cancellable = g_cancellable_new ();
  job = g_new0 (BoxJob, 1);
  job->project = sg_project_reopen (sg_session_get_project (self->session), &error);
  if (job->project == NULL)
    {
      set_note (self, CHART_BOX, error->message);
      box_job_free (job);
      return;
    }
  job->dataset_id = data->run->dataset_id;
  job->column = g_array_index (self->box_columns, guint, i);
  job->labels = g_memdup2 (data->labels, data->n_rows * sizeof (gint32));
  job->n = data->n_rows;
  job->k = data->k;
  item = gtk_drop_down_get_selected_item (self->box_dropdown);
  task = g_task_new (self, self->box_cancellable, box_done_cb, g_strdup (gtk_string_object_get_string (item)));
  g_task_set_source_tag (task, box_feature_cb);
  g_task_set_task_data (task, job, (GDestroyNotify) box_job_free);
  _sg_segments_page_task_started (self);
  g_task_run_in_thread (task, box_worker);
}

/* The run's features first, then the dataset's other numbers (a feature not used for the segments can
 * still tell them apart). */
static void
fill_box_features (SgSegmentsPage *self)
{
  const SgRunData *data = self->view->data;
  SgDatasetInfo *dataset = sg_session_lookup_dataset (self->session, data->run->dataset_id);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  g_array_set_size (self->box_columns, 0);
  for (guint f = 0; f < data->n_features; f++)
    if (data->feature_columns[f] >= 0)
      {
        g_autofree char *name = sg_column_display_name (data->features[f]);

        g_array_append_val (self->box_columns, data->feature_columns[f]);
        gtk_string_list_append (names, name);
      }
  for (guint c = 0; dataset != NULL && c < dataset->columns->len; c++)
    {
      SgColumnInfo *column = g_ptr_array_index (dataset->columns, c);
      gboolean feature = FALSE;

      for (guint f = 0; f < data->n_features; f++)
        feature |= data->feature_columns[f] == (int) c;
      if (feature || (column->type != SG_COLUMN_INTEGER && column->type != SG_COLUMN_DECIMAL) ||
          g_strcmp0 (column->role, "id") == 0)
        continue;
      {
        g_autofree char *name = sg_column_display_name (column->name);

        g_array_append_val (self->box_columns, c);
        gtk_string_list_append (names, name);
      }
    }
  g_signal_handlers_block_by_func (self->box_dropdown, box_feature_cb, self);
  gtk_drop_down_set_model (self->box_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->box_dropdown, 0);
  g_signal_handlers_unblock_by_func (self->box_dropdown, box_feature_cb, self);
}

/* ---- the k-distance curve (DBSCAN), computed off the main thread ---- */

typedef struct {
  SgProject     *project;
  SgRunSettings  settings;
  guint          min_samples;
} DistanceJob;

static void
distance_job_free (DistanceJob *job)
{
  g_clear_object (&job->project);
  sg_run_settings_clear (&job->settings);
  g_free (job);
}

static void
distance_worker (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  DistanceJob *job = task_data;
  g_autoptr(SgRunInput) input = NULL;
  g_autoptr(GError) error = NULL;
  SgProgress progress = sg_progress_init (NULL, NULL, cancellable);
  SgKDistance *curve;

  input = sg_run_input_load (job->project, &job->settings, &error);
  curve = input != NULL ? sg_dbscan_k_distance (input->x, job->min_samples, K_DISTANCE_ROWS, job->settings.seed, 0,
                                                &progress, &error)
                        : NULL;
  if (curve == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, curve, (GDestroyNotify) sg_k_distance_free);
}

static void
distance_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  SgSegmentsPage *self = SG_SEGMENTS_PAGE (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(SgKDistance) curve = g_task_propagate_pointer (G_TASK (result), &error);
  JsonObject *model, *dbscan;

  _sg_segments_page_task_done (self);
  if (g_task_get_cancellable (G_TASK (result)) != self->cancellable || self->view == NULL)
    return;
  if (curve == NULL)
    {
      set_note (self, CHART_K_DISTANCE, error->message);
      return;
    }
  model = json_node_get_object (self->view->data->model);
  dbscan = json_object_has_member (model, "dbscan") ? json_object_get_object_member (model, "dbscan") : NULL;
  sg_k_distance_chart_set_data (SG_K_DISTANCE_CHART (chart_of (self, CHART_K_DISTANCE)), curve->distances,
                                curve->n, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (result), "k")),
                                dbscan != NULL ? json_object_get_double_member_with_default (dbscan, "eps", NAN)
                                               : curve->suggested_eps);
}

static void
start_k_distance (SgSegmentsPage *self)
{
  const SgRunData *data = self->view->data;
  JsonObject *model = json_node_get_object (data->model);
  JsonObject *dbscan = json_object_has_member (model, "dbscan") ? json_object_get_object_member (model, "dbscan")
                                                                  : NULL;
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  DistanceJob *job = g_new0 (DistanceJob, 1);

  job->project = sg_project_reopen (sg_session_get_project (self->session), &error);
  if (job->project == NULL)
    {
      set_note (self, CHART_K_DISTANCE, error->message);
      distance_job_free (job);
      return;
    }
  sg_run_settings_copy (&job->settings, &data->settings);
  job->min_samples = dbscan != NULL ? (guint) json_object_get_int_member_with_default (dbscan, "min_samples", 5)
                                    : MAX (data->settings.min_samples, 1);
  task = g_task_new (self, self->cancellable, distance_done_cb, NULL);
  g_task_set_source_tag (task, start_k_distance);
  g_object_set_data (G_OBJECT (task), "k", GUINT_TO_POINTER (job->min_samples));
  g_task_set_task_data (task, job, (GDestroyNotify) distance_job_free);
  _sg_segments_page_task_started (self);
  g_task_run_in_thread (task, distance_worker);
}

/* ---- the tree and its cut ---- */

static char *
sizes_sentence (const SgTreeModel *tree,
                guint              k)
{
  g_autofree guint64 *sizes = g_new (guint64, MAX (k, 1));
  g_autoptr(GString) text = g_string_new (NULL);
  guint64 total = 0;

  if (!sg_tree_model_sizes_at_k (tree, k, sizes))
    return NULL;
  for (guint s = 0; s < k; s++)
    total += sizes[s];
  for (guint s = 0; s < k; s++)
    {
      g_autofree char *share = sg_chart_format_percent (total > 0 ? (double) sizes[s] / total : 0);

      if (s > 0)
        g_string_append (text, s + 1 == k ? _(" and ") : ", ");
      g_string_append (text, share);
    }
  /* Translators: "Cutting here gives 4 segments of 31%, 24%, 18% and 15% of the customers." */
  return g_strdup_printf (_("Cutting here gives %u segments of %s of the customers."), k, text->str);
}

static void
update_cut (SgSegmentsPage *self,
            guint           k)
{
  const SgTreeModel *tree = &self->view->tree;
  g_autofree char *sentence = NULL, *button = NULL;
  gboolean can = k >= 2 && k < tree->n_leaves && k != self->view->data->k;

  self->cut_k = k;
  if (k >= tree->n_leaves)
    sentence = g_strdup (_("Drag the line higher: a cut this low gives more segments than a team can work with."));
  else if (k < 2)
    sentence = g_strdup (_("Drag the line lower: one segment is everyone."));
  else
    sentence = sizes_sentence (tree, k);
  if (k == self->view->data->k)
    {
      g_autofree char *current = g_strdup (sentence);

      g_free (sentence);
      sentence = g_strdup_printf (_("%s This is the run you are looking at; drag the dashed line to try another number."),
                                  current);
    }
  gtk_label_set_text (self->cut_label, sentence);
  button = g_strdup_printf (ngettext ("_Make a Run with %u Segment", "_Make a Run with %u Segments", MAX (k, 1)),
                            MAX (k, 1));
  gtk_button_set_label (GTK_BUTTON (self->recut_button), button);
  sg_a11y_set_label (self->recut_button, button);
  gtk_widget_set_sensitive (self->recut_button, can && self->recut_cancellable == NULL);
  /* Nothing to make before the line moves. */
  gtk_widget_set_visible (self->recut_button, k != self->view->data->k && self->recut_cancellable == NULL);
}

static void
cut_changed_cb (SgChartView    *view,
                guint           k,
                double          height,
                SgSegmentsPage *self)
{
  if (self->view != NULL && self->view->has_tree)
    update_cut (self, k);
}

static void
recut_progress_cb (double      fraction,
                   const char *message,
                   gpointer    user_data)
{
  SgSegmentsPage *self = user_data;

  if (self->recut_progress == NULL)
    return;
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->recut_progress), fraction);
  if (message != NULL)
    gtk_progress_bar_set_text (GTK_PROGRESS_BAR (self->recut_progress), message);
}

static void
recut_finished (SgSegmentsPage *self)
{
  g_clear_object (&self->recut_cancellable);
  gtk_widget_set_visible (self->recut_progress, FALSE);
  gtk_widget_set_visible (self->recut_cancel, FALSE);
  if (self->view != NULL && self->view->has_tree)
    update_cut (self, self->cut_k);
}

static void
recut_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(SgSegmentsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 run_id = sg_recut_run_finish (result, &error);

  _sg_segments_page_task_done (self);
  if (self->session == NULL)
    return;
  recut_finished (self);
  if (run_id == 0)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _sg_segments_page_toast (self, error->message);
      return;
    }
  /* The new run becomes the one shown. */
  if (!sg_session_reload (self->session, &error))
    _sg_segments_page_toast (self, error->message);
  else
    {
      SgRunInfo *run = sg_session_lookup_run (self->session, run_id);
      g_autofree char *message = g_strdup_printf (_("Made “%s”"), run != NULL ? run->name : "");

      sg_session_set_run_id (self->session, run_id);
      _sg_segments_page_toast (self, message);
    }
}

static void
recut_clicked_cb (SgSegmentsPage *self)
{
  if (self->view == NULL || self->recut_cancellable != NULL || self->cut_k < 2)
    return;
  self->recut_cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->recut_progress), 0);
  gtk_progress_bar_set_text (GTK_PROGRESS_BAR (self->recut_progress), _("Cutting the tree"));
  gtk_widget_set_visible (self->recut_progress, TRUE);
  gtk_widget_set_visible (self->recut_cancel, TRUE);
  gtk_widget_set_visible (self->recut_button, FALSE);
  _sg_segments_page_task_started (self);
  sg_recut_run_async (sg_session_get_project (self->session), self->view->data->run->id, self->cut_k,
                      self->recut_cancellable, recut_progress_cb, self, recut_done_cb, g_object_ref (self));
}

static void
recut_cancel_cb (SgSegmentsPage *self)
{
  g_cancellable_cancel (self->recut_cancellable);
}

static GtkWidget *
tree_controls (SgSegmentsPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  self->cut_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->cut_label, TRUE);
  gtk_label_set_xalign (self->cut_label, 1);
  gtk_label_set_max_width_chars (self->cut_label, 48);
  self->recut_button = gtk_button_new_with_mnemonic (_("_Make a Run"));
  gtk_widget_set_tooltip_text (self->recut_button,
                               _("Keep these segments as a new run beside this one (the tree is not rebuilt)"));
  gtk_widget_add_css_class (self->recut_button, "suggested-action");
  g_signal_connect_swapped (self->recut_button, "clicked", G_CALLBACK (recut_clicked_cb), self);
  self->recut_progress = gtk_progress_bar_new ();
  gtk_progress_bar_set_show_text (GTK_PROGRESS_BAR (self->recut_progress), TRUE);
  gtk_widget_set_hexpand (self->recut_progress, TRUE);
  gtk_widget_set_valign (self->recut_progress, GTK_ALIGN_CENTER);
  gtk_widget_set_visible (self->recut_progress, FALSE);
  self->recut_cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  gtk_widget_set_visible (self->recut_cancel, FALSE);
  g_signal_connect_swapped (self->recut_cancel, "clicked", G_CALLBACK (recut_cancel_cb), self);
  gtk_widget_set_halign (row, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (row), self->recut_progress);
  gtk_box_append (GTK_BOX (row), self->recut_cancel);
  gtk_box_append (GTK_BOX (row), self->recut_button);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->cut_label));
  gtk_box_append (GTK_BOX (box), row);
  return box;
}

/* ---- building and filling ---- */

void
_sg_segments_page_init_charts (SgSegmentsPage *self)
{
  GtkWidget *box_controls = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *box_label = gtk_label_new (_("Feature"));

  self->box_columns = g_array_new (FALSE, FALSE, sizeof (guint));
  self->loadings_check = GTK_CHECK_BUTTON (gtk_check_button_new_with_mnemonic (_("Show _feature arrows")));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->loadings_check),
                               _("Arrows show which features push customers along each direction of the map"));
  sg_a11y_set_label (GTK_WIDGET (self->loadings_check), _("Show feature arrows"));
  g_signal_connect_swapped (self->loadings_check, "toggled", G_CALLBACK (loadings_toggled_cb), self);
  chart_card_new (self, CHART_SCATTER, SG_CHART (sg_scatter_chart_new ()), _("Customer map"),
                  _("Each dot is a customer, placed so that customers who are alike sit close together; the large "
                    "dots are the segments’ centres. Click a segment in the legend to hide it, scroll to zoom, "
                    "drag to move, double-click to see everything again."),
                  MAP_HEIGHT, GTK_WIDGET (self->loadings_check));
  g_signal_connect (self->charts[CHART_SCATTER].view, "query-tooltip", G_CALLBACK (scatter_tooltip_cb), self);

  chart_card_new (self, CHART_SIZES, SG_CHART (sg_sizes_chart_new ()), _("Segment sizes"),
                  _("How many customers each segment holds, and their share of all customers."), CHART_HEIGHT, NULL);
  chart_card_new (self, CHART_SILHOUETTE, SG_CHART (sg_silhouette_chart_new ()), _("How well customers fit"),
                  _("Each customer’s silhouette, segment by segment: near 1 sits firmly in its segment, near 0 "
                    "between two, below 0 closer to another segment."), CHART_HEIGHT, NULL);
  chart_card_new (self, CHART_HEATMAP, SG_CHART (sg_heatmap_chart_new ()), _("What sets segments apart"),
                  _("How far each segment’s average is from that of all customers, in standard deviations: red "
                    "above, blue below; the deeper, the more unusual."), CHART_HEIGHT, NULL);
  chart_card_new (self, CHART_SNAKE, SG_CHART (sg_snake_chart_new ()), _("Segment profiles"),
                  _("The same differences as lines: segments whose lines cross differ most."), CHART_HEIGHT, NULL);

  gtk_box_append (GTK_BOX (box_controls), box_label);
  self->box_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));
  sg_a11y_set_label (GTK_WIDGET (self->box_dropdown), _("Feature"));
  g_signal_connect_swapped (self->box_dropdown, "notify::selected", G_CALLBACK (box_feature_cb), self);
  gtk_box_append (GTK_BOX (box_controls), GTK_WIDGET (self->box_dropdown));
  chart_card_new (self, CHART_BOX, SG_CHART (sg_box_chart_new ()), _("Spread within segments"),
                  _("The middle half of each segment’s customers lies in the box, the line is the median and the "
                    "diamond the average; dots are unusual customers."), CHART_HEIGHT, box_controls);

  chart_card_new (self, CHART_TREE, SG_CHART (sg_dendrogram_chart_new ()), _("Family tree of the segments"),
                  _("Groups of customers merge as the line rises; the dashed line is where the tree is cut into "
                    "segments. Drag it to see what another number of segments would give."),
                  TREE_HEIGHT, tree_controls (self));
  g_signal_connect (self->charts[CHART_TREE].view, "cut-changed", G_CALLBACK (cut_changed_cb), self);
  chart_card_new (self, CHART_K_DISTANCE, SG_CHART (sg_k_distance_chart_new ()), _("How crowded customers are"),
                  _("Each customer’s distance to its nearest neighbours, from the most crowded to the most "
                    "isolated; the marked radius decided who is close enough to form a segment."),
                  CHART_HEIGHT, NULL);
  chart_card_new (self, CHART_K_SCAN, SG_CHART (sg_k_scan_chart_new ()), _("Choosing the number of segments"),
                  _("How much tighter the segments get with each one added (left axis), and how distinct they are "
                    "(right axis). The chosen number is marked."), CHART_HEIGHT, NULL);
}

static void
show_tree (SgSegmentsPage *self)
{
  SgDendrogramChart *chart = SG_DENDROGRAM_CHART (chart_of (self, CHART_TREE));
  const SgTreeModel *tree = &self->view->tree;

  sg_tree_model_apply (tree, chart, self->view->data->k);
  update_cut (self, self->view->data->k);
  if (tree->n_full_leaves > tree->n_leaves)
    {
      guint64 customers = 0;
      g_autofree char *full = NULL;

      for (guint l = 0; l < tree->n_leaves; l++)
        customers += tree->leaf_counts[l];
      full = sg_format_count (customers);
      g_autofree char *note = g_strdup_printf (_("The top of the tree: %u branches holding all %s customers."),
                                               tree->n_leaves, full);

      set_note (self, CHART_TREE, note);
    }
  else
    set_note (self, CHART_TREE, NULL);
}

static void
show_silhouette (SgSegmentsPage *self)
{
  const SgSilhouetteModel *model = &self->view->silhouette;

  sg_silhouette_model_apply (model, SG_SILHOUETTE_CHART (chart_of (self, CHART_SILHOUETTE)),
                             (const char *const *) self->view->data->names);
  if (model->sampled)
    {
      g_autofree char *n = sg_format_count (model->n);
      g_autofree char *all = sg_format_count (self->view->data->n_rows - self->view->data->n_excluded);
      g_autofree char *note = g_strdup_printf (_("Computed on a sample of %s of the %s customers: the shape is "
                                                 "right, single values may differ slightly."), n, all);

      set_note (self, CHART_SILHOUETTE, note);
    }
  else
    set_note (self, CHART_SILHOUETTE, NULL);
}

void
_sg_segments_page_show_charts (SgSegmentsPage *self)
{
  SgRunView *view = self->view;
  const SgRunData *data = view->data;
  gboolean has_scan = sg_run_data_get_scan (data) != NULL;

  self->charts[CHART_SCATTER].shown = view->has_scatter;
  if (view->has_scatter)
    sg_scatter_model_apply (&view->scatter, SG_SCATTER_CHART (chart_of (self, CHART_SCATTER)),
                            (const char *const *) data->names, gtk_check_button_get_active (self->loadings_check));
  gtk_widget_set_visible (GTK_WIDGET (self->loadings_check), view->has_scatter && view->scatter.n_loadings > 0);

  self->charts[CHART_SIZES].shown = data->k > 0;
  sg_run_charts_apply_sizes (data, SG_SIZES_CHART (chart_of (self, CHART_SIZES)));

  self->charts[CHART_SILHOUETTE].shown = view->has_silhouette;
  if (view->has_silhouette)
    show_silhouette (self);

  self->charts[CHART_HEATMAP].shown = self->charts[CHART_SNAKE].shown = view->has_profile;
  if (view->has_profile)
    {
      sg_profile_model_apply_heatmap (&view->profile, SG_HEATMAP_CHART (chart_of (self, CHART_HEATMAP)), data);
      sg_profile_model_apply_snake (&view->profile, SG_SNAKE_CHART (chart_of (self, CHART_SNAKE)), data);
    }

  self->charts[CHART_BOX].shown = data->k > 0;
  if (data->k > 0)
    {
      fill_box_features (self);
      box_feature_cb (self);
    }

  self->charts[CHART_TREE].shown = view->has_tree;
  if (view->has_tree)
    show_tree (self);

  self->charts[CHART_K_DISTANCE].shown = data->algorithm == SG_ALGORITHM_DBSCAN;
  if (data->algorithm == SG_ALGORITHM_DBSCAN)
    start_k_distance (self);

  self->charts[CHART_K_SCAN].shown = has_scan &&
                                     sg_run_charts_apply_k_scan (data, SG_K_SCAN_CHART (chart_of (self, CHART_K_SCAN)));
  layout_grid (self);
}

void
_sg_segments_page_clear_charts (SgSegmentsPage *self)
{
  g_cancellable_cancel (self->box_cancellable);
  g_clear_object (&self->box_cancellable);
}

void
_sg_segments_page_set_charts_presenting (SgSegmentsPage *self,
                                         gboolean        presenting)
{
  /* Making runs is work for later: the audience sees the tree and its cut. */
  gtk_widget_set_visible (gtk_widget_get_parent (self->recut_button), !presenting);
}

void
_sg_segments_page_dispose_charts (SgSegmentsPage *self)
{
  g_cancellable_cancel (self->box_cancellable);
  g_clear_object (&self->box_cancellable);
  g_cancellable_cancel (self->recut_cancellable);
  g_clear_object (&self->recut_cancellable);
  for (guint i = 0; i < N_CHARTS; i++)
    if (self->charts[i].card != NULL)
      {
        if (gtk_widget_get_parent (self->charts[i].card) != NULL)
          gtk_grid_remove (self->charts_grid, self->charts[i].card);
        g_clear_object (&self->charts[i].card);
      }
  for (guint i = 0; i < N_CACHED_CHUNKS; i++)
    g_clear_pointer (&self->chunks[i].values, sg_column_free);
  g_clear_pointer (&self->box_columns, g_array_unref);
  self->recut_button = self->recut_progress = self->recut_cancel = NULL;
}
