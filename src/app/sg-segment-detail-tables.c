/* sg-segment-detail-tables.c — the segment details' numbers: the sortable profile table, the categorical
 * lifts and the box plot of a feature against everyone else (computed off the main thread)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "SgSegmentDetail"

#include <glib/gi18n.h>
#include <math.h>

#include "sg-a11y.h"
#include "sg-box-chart.h"
#include "sg-error.h"
#include "sg-run-charts.h"
#include "sg-segment-detail-private.h"

/* Most extreme values drawn beyond each box's whiskers, per side. */
#define BOX_OUTLIERS 40
/* The effect bar's full half-width stands for this many standard deviations. */
#define EFFECT_SCALE 2.0

typedef struct {
  const char    *title;
  const char    *tooltip;
  SgProfileSort  key;
  gboolean       numeric;
} Column;

static const Column columns[] = {
  { N_("Feature"), N_("Sort by name"), SG_PROFILE_SORT_FEATURE, FALSE },
  { N_("This segment"), N_("The segment’s average; sort by it"), SG_PROFILE_SORT_SEGMENT_MEAN, TRUE },
  { N_("Everyone"), N_("The average of every customer in the run; sort by it"), SG_PROFILE_SORT_OVERALL_MEAN, TRUE },
  { N_("Index"), N_("The segment’s average as a percentage of everyone’s: 100 is average; sort by it"),
    SG_PROFILE_SORT_INDEX, TRUE },
  { N_("Difference"), N_("How far the segment is from the other customers, in standard deviations (Cohen’s d); "
                         "sort by its size"), SG_PROFILE_SORT_EFFECT, FALSE },
  { N_("Significant"), N_("Whether the difference is unlikely to be chance; sort from the most certain"),
    SG_PROFILE_SORT_SIGNIFICANCE, FALSE },
};

/* ---- the profile table ---- */

static void
clear_grid (GtkGrid *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);
}

static void
header_clicked_cb (GtkButton       *button,
                   SgSegmentDetail *self)
{
  SgProfileSort key = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "sort-key"));

  if (key == self->sort_key)
    self->sort_descending = !self->sort_descending;
  else
    {
      self->sort_key = key;
      self->sort_descending = key != SG_PROFILE_SORT_FEATURE;
    }
  _sg_segment_detail_fill_profile (self);
}

static GtkWidget *
header_button (SgSegmentDetail *self,
               const Column    *column)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *label = gtk_label_new (_(column->title));
  gboolean sorted = column->key == self->sort_key;
  g_autofree char *name = NULL;

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "column-header");
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);
  if (sorted)
    /* The button's name says how it is sorted: the arrow is for the eye only. */
    gtk_box_append (GTK_BOX (box), g_object_new (GTK_TYPE_IMAGE,
                                                 "icon-name", self->sort_descending ? "pan-down-symbolic"
                                                                                    : "pan-up-symbolic",
                                                 "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                                 NULL));
  gtk_widget_set_halign (box, column->numeric ? GTK_ALIGN_END : GTK_ALIGN_START);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_set_tooltip_text (button, _(column->tooltip));
  g_object_set_data (G_OBJECT (button), "sort-key", GINT_TO_POINTER (column->key));
  g_signal_connect (button, "clicked", G_CALLBACK (header_clicked_cb), self);
  /* Translators: a sortable column's accessible name: "Sort by Index", then how it is sorted now */
  name = sorted ? g_strdup_printf (self->sort_descending ? _("%s, sorted from the largest") : _("%s, sorted from the smallest"),
                                   _(column->title))
                : g_strdup_printf (_("Sort by %s"), _(column->title));
  sg_a11y_set_label (button, name);
  return button;
}

static GtkWidget *
cell (const char *text,
      gboolean    numeric,
      gboolean    odd)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1.0 : 0.0);
  gtk_widget_add_css_class (label, "cell");
  if (numeric)
    gtk_widget_add_css_class (label, "numeric");
  if (odd)
    gtk_widget_add_css_class (label, "odd");
  return label;
}

typedef struct {
  double  effect;
  GdkRGBA color;
} EffectBar;

/* A bar from the middle: right for above the others, left for below, |d| = EFFECT_SCALE filling a side. */
static void
draw_effect (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  EffectBar *bar = user_data;
  double mid = width / 2.0, t = CLAMP (bar->effect / EFFECT_SCALE, -1.0, 1.0);
  GdkRGBA fg;

  if (!isfinite (bar->effect))
    return;
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.10);
  cairo_rectangle (cr, 0, height * 0.25, width, height * 0.5);
  cairo_fill (cr);
  gdk_cairo_set_source_rgba (cr, &bar->color);
  cairo_rectangle (cr, t >= 0 ? mid : mid + t * mid, height * 0.15, MAX (fabs (t) * mid, 1.5), height * 0.7);
  cairo_fill (cr);
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.6);
  cairo_rectangle (cr, mid - 0.5, 0, 1, height);
  cairo_fill (cr);
}

static GtkWidget *
effect_cell (SgSegmentDetail    *self,
             const SgProfileRow *row,
             gboolean            odd)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *area = gtk_drawing_area_new ();
  EffectBar *bar = g_new0 (EffectBar, 1);
  /* Translators: an effect size and its words: "+1.39 · very large" */
  g_autofree char *text = g_strdup_printf (_("%s · %s"), row->effect_text, row->effect_words);
  g_autofree char *name = g_strdup_printf (_("Difference %s"), text);
  GtkWidget *label = gtk_label_new (text);

  bar->effect = row->effect;
  _sg_segment_detail_segment_rgba (self, self->segment, &bar->color);
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), 96);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), 14);
  gtk_widget_set_valign (area, GTK_ALIGN_CENTER);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_effect, bar, g_free);
  gtk_accessible_update_property (GTK_ACCESSIBLE (area), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "numeric");
  gtk_widget_add_css_class (label, "caption");
  gtk_box_append (GTK_BOX (box), area);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_add_css_class (box, "cell");
  if (odd)
    gtk_widget_add_css_class (box, "odd");
  return box;
}

static GtkWidget *
feature_cell (const SgProfileRow *row,
              gboolean            odd)
{
  GtkWidget *label = cell (row->feature, FALSE, odd);

  gtk_widget_set_hexpand (label, TRUE);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 32);
  if (!row->clustered)
    {
      gtk_widget_add_css_class (label, "profile-only");
      gtk_widget_set_tooltip_text (label, _("Not one of the features the segments were made from: shown for "
                                            "what else sets them apart"));
    }
  else
    gtk_widget_set_tooltip_text (label, row->column);
  return label;
}

void
_sg_segment_detail_fill_profile (SgSegmentDetail *self)
{
  GPtrArray *rows = self->view != NULL ? self->view->rows : NULL;

  clear_grid (self->profile_grid);
  if (rows == NULL || rows->len == 0)
    return;
  sg_profile_rows_sort (rows, self->sort_key, self->sort_descending);
  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    gtk_grid_attach (self->profile_grid, header_button (self, &columns[c]), (int) c, 0, 1, 1);
  for (guint i = 0; i < rows->len; i++)
    {
      const SgProfileRow *row = g_ptr_array_index (rows, i);
      gboolean odd = i % 2 == 1;
      GtkWidget *significance = cell (row->significance_text, FALSE, odd);
      int y = (int) i + 1;

      gtk_widget_set_tooltip_text (significance, row->significance_detail);
      if (row->significant)
        gtk_widget_add_css_class (significance, "significant");
      gtk_grid_attach (self->profile_grid, feature_cell (row, odd), 0, y, 1, 1);
      gtk_grid_attach (self->profile_grid, cell (row->segment_text, TRUE, odd), 1, y, 1, 1);
      gtk_grid_attach (self->profile_grid, cell (row->overall_text, TRUE, odd), 2, y, 1, 1);
      gtk_grid_attach (self->profile_grid, cell (row->index_text, TRUE, odd), 3, y, 1, 1);
      gtk_grid_attach (self->profile_grid, effect_cell (self, row, odd), 4, y, 1, 1);
      gtk_grid_attach (self->profile_grid, significance, 5, y, 1, 1);
    }
}

/* ---- lifts ---- */

/* Values shown before "Show all": the most frequent ones. */
#define LIFT_LEVELS 8

static GtkWidget *
lift_grid (const SgLiftTable *table,
           guint              from,
           guint              to,
           gboolean           heads)
{
  GtkWidget *grid = gtk_grid_new ();
  static const char *titles[] = { N_("Value"), N_("This segment"), N_("Everyone"), N_("Lift") };
  /* Fixed widths, so that the grid under "Show all" lines up with the one above. */
  static const int widths[] = { -1, 130, 100, 80 };
  int y = 0;

  gtk_widget_add_css_class (grid, "detail-table");
  gtk_widget_add_css_class (grid, "lift-table");
  for (guint c = 0; heads && c < G_N_ELEMENTS (titles); c++)
    {
      GtkWidget *head = cell (_(titles[c]), c > 0, FALSE);

      gtk_widget_add_css_class (head, "heading");
      gtk_widget_set_size_request (head, widths[c], -1);
      gtk_grid_attach (GTK_GRID (grid), head, (int) c, y, 1, 1);
    }
  y += heads;
  for (guint i = from; i < to; i++, y++)
    {
      const SgLiftRow *level = g_ptr_array_index (table->levels, i);
      GtkWidget *name = cell (level->level, FALSE, i % 2 == 1);
      GtkWidget *share = cell (level->share_text, TRUE, i % 2 == 1);
      GtkWidget *overall = cell (level->overall_text, TRUE, i % 2 == 1);
      GtkWidget *lift = cell (level->lift_text, TRUE, i % 2 == 1);
      gboolean notable = table->separates && isfinite (level->lift) && (level->lift >= 1.25 || level->lift <= 0.8);

      gtk_widget_set_hexpand (name, TRUE);
      gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (name), 24);
      gtk_widget_set_tooltip_text (name, level->level);
      gtk_widget_set_size_request (share, widths[1], -1);
      gtk_widget_set_size_request (overall, widths[2], -1);
      gtk_widget_set_size_request (lift, widths[3], -1);
      if (notable)
        gtk_widget_add_css_class (lift, level->lift >= 1.25 ? "lift-high" : "lift-low");
      gtk_grid_attach (GTK_GRID (grid), name, 0, y, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), share, 1, y, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), overall, 2, y, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), lift, 3, y, 1, 1);
    }
  return grid;
}

static GtkWidget *
lift_card (const SgLiftTable *table)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *title = gtk_label_new (table->feature);
  GtkWidget *summary = gtk_label_new (table->summary);
  guint n = table->levels->len;

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "detail-card");
  gtk_widget_set_valign (card, GTK_ALIGN_START);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_xalign (GTK_LABEL (summary), 0);
  gtk_label_set_wrap (GTK_LABEL (summary), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (summary), 40);
  gtk_widget_add_css_class (summary, "dim-label");
  gtk_widget_add_css_class (summary, "caption");
  gtk_box_append (GTK_BOX (card), title);
  gtk_box_append (GTK_BOX (card), summary);
  gtk_box_append (GTK_BOX (card), lift_grid (table, 0, MIN (n, LIFT_LEVELS), TRUE));
  if (n > LIFT_LEVELS)
    {
      /* Translators: opens the rest of a long list of values */
      g_autofree char *more = g_strdup_printf (ngettext ("Show %u More Value", "Show %u More Values",
                                                         n - LIFT_LEVELS), n - LIFT_LEVELS);
      GtkWidget *expander = gtk_expander_new (more);

      sg_a11y_set_label (expander, more);

      gtk_expander_set_child (GTK_EXPANDER (expander), lift_grid (table, LIFT_LEVELS, n, FALSE));
      gtk_box_append (GTK_BOX (card), expander);
    }
  return card;
}

void
_sg_segment_detail_fill_lifts (SgSegmentDetail *self)
{
  GPtrArray *lifts = self->view != NULL ? self->view->lifts : NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->lifts_box))) != NULL)
    gtk_flow_box_remove (self->lifts_box, child);
  for (guint i = 0; lifts != NULL && i < lifts->len; i++)
    {
      gtk_flow_box_append (self->lifts_box, lift_card (g_ptr_array_index (lifts, i)));
      gtk_widget_set_focusable (gtk_widget_get_last_child (GTK_WIDGET (self->lifts_box)), FALSE);
    }
}

/* ---- the box plot: this segment against everyone else ---- */

typedef struct {
  SgProject *project;
  gint64     dataset_id;
  gint64     run_id;
  guint      column;
  guint      segment;
} BoxJob;

static void
box_job_free (BoxJob *job)
{
  g_clear_object (&job->project);
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
  g_autofree gint32 *labels = NULL;
  gsize n = 0;
  SgBoxModel *model;

  labels = sg_project_load_run_labels (job->project, job->run_id, &n, &error);
  if (labels == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* Two groups: the segment (0) and the customers of every other segment (1); the unassigned and the
   * customers left out of the run are in neither. */
  for (gsize r = 0; r < n; r++)
    labels[r] = labels[r] < 0 ? labels[r] : labels[r] == (gint32) job->segment ? 0 : 1;
  model = sg_box_model_load (job->project, job->dataset_id, job->column, labels, n, 2, BOX_OUTLIERS, cancellable,
                             &error);
  if (model == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, model, (GDestroyNotify) sg_box_model_free);
}

static void
set_box_note (SgSegmentDetail *self,
              const char      *note)
{
  gtk_label_set_text (self->box_note, note != NULL ? note : "");
  gtk_widget_set_visible (GTK_WIDGET (self->box_note), note != NULL && *note != '\0');
}

static void
box_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(SgSegmentDetail) self = user_data;
  g_autoptr(GError) error = NULL;
  SgBoxModel *model = g_task_propagate_pointer (G_TASK (result), &error);
  const char *feature = g_object_get_data (G_OBJECT (result), "feature");
  const char *names[3] = { NULL, _("All other segments"), NULL };
  const int colors[2] = { self->segment, -1 };
  g_autofree char *note = NULL;

  if (g_task_get_cancellable (G_TASK (result)) != self->box_cancellable || self->view == NULL ||
      self->box_view == NULL)
    {
      g_clear_pointer (&model, sg_box_model_free);
      return;
    }
  self->box_busy = FALSE;
  if (model == NULL)
    {
      set_box_note (self, error->message);
      return;
    }
  names[0] = self->view->name;
  sg_box_chart_set_colors (SG_BOX_CHART (sg_chart_view_get_chart (self->box_view)), colors, 2);
  sg_box_chart_set_data (SG_BOX_CHART (sg_chart_view_get_chart (self->box_view)), model->boxes, 2, names, feature);
  /* Translators: under the box plot; %s is the feature */
  note = g_strdup_printf (_("Each box holds the middle half of the customers on %s, the line in it the median; "
                            "the whiskers reach the usual range and dots mark unusual customers."), feature);
  set_box_note (self, note);
  sg_box_model_free (model);
}

static void
box_feature_cb (SgSegmentDetail *self)
{
  guint i = gtk_drop_down_get_selected (self->box_dropdown);
  SgRunInfo *run = self->session != NULL ? sg_session_lookup_run (self->session, self->run_id) : NULL;
  GtkStringObject *item = gtk_drop_down_get_selected_item (self->box_dropdown);
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  BoxJob *job;

  if (self->view == NULL || run == NULL || item == NULL || i >= self->box_columns->len)
    return;
  g_free (self->box_feature);
  self->box_feature = g_strdup (g_object_get_data (G_OBJECT (item), "column"));
  g_cancellable_cancel (self->box_cancellable);
  g_clear_object (&self->box_cancellable);
  self->box_cancellable = g_cancellable_new ();
  job = g_new0 (BoxJob, 1);
  job->project = sg_project_reopen (sg_session_get_project (self->session), &error);
  if (job->project == NULL)
    {
      set_box_note (self, error->message);
      box_job_free (job);
      return;
    }
  job->dataset_id = run->dataset_id;
  job->run_id = self->run_id;
  job->column = g_array_index (self->box_columns, guint, i);
  job->segment = (guint) self->segment;
  task = g_task_new (NULL, self->box_cancellable, box_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, box_feature_cb);
  g_task_set_task_data (task, job, (GDestroyNotify) box_job_free);
  g_object_set_data_full (G_OBJECT (task), "feature", g_strdup (gtk_string_object_get_string (item)), g_free);
  self->box_busy = TRUE;
  g_task_run_in_thread (task, box_worker);
}

/* The chart view, made the first time a segment is shown: a page that is never opened holds no chart. */
static void
ensure_box_view (SgSegmentDetail *self)
{
  g_autoptr(SgBoxChart) chart = NULL;

  if (self->box_view != NULL)
    return;
  chart = sg_box_chart_new ();
  sg_chart_set_title (SG_CHART (chart), _("Spread against everyone else"));
  self->box_view = SG_CHART_VIEW (sg_chart_view_new (SG_CHART (chart)));
  gtk_widget_set_size_request (GTK_WIDGET (self->box_view), -1, 280);
  gtk_box_prepend (self->box_card, GTK_WIDGET (self->box_view));
}

/* The profile's numeric columns, most distinctive first; the one chosen last stays chosen. */
void
_sg_segment_detail_fill_box (SgSegmentDetail *self)
{
  SgRunInfo *run = self->session != NULL ? sg_session_lookup_run (self->session, self->run_id) : NULL;
  SgDatasetInfo *dataset = run != NULL ? sg_session_lookup_dataset (self->session, run->dataset_id) : NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GListStore) names = g_list_store_new (GTK_TYPE_STRING_OBJECT);
  guint selected = 0;

  g_array_set_size (self->box_columns, 0);
  if (self->view == NULL || dataset == NULL)
    return;
  ensure_box_view (self);
  rows = g_ptr_array_copy (self->view->rows, NULL, NULL);
  g_ptr_array_set_free_func (rows, NULL);   /* the copy shares the rows: the view frees them */
  sg_profile_rows_sort (rows, SG_PROFILE_SORT_EFFECT, TRUE);
  for (guint i = 0; i < rows->len; i++)
    {
      const SgProfileRow *row = g_ptr_array_index (rows, i);
      int column = sg_dataset_info_lookup_column (dataset, row->column);
      g_autoptr(GtkStringObject) item = NULL;
      guint c;

      if (column < 0)
        continue;
      c = (guint) column;
      item = gtk_string_object_new (row->feature);
      g_object_set_data_full (G_OBJECT (item), "column", g_strdup (row->column), g_free);
      if (g_strcmp0 (row->column, self->box_feature) == 0)
        selected = self->box_columns->len;
      g_array_append_val (self->box_columns, c);
      g_list_store_append (names, item);
    }
  g_signal_handlers_block_by_func (self->box_dropdown, box_feature_cb, self);
  gtk_drop_down_set_model (self->box_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->box_dropdown, selected);
  g_signal_handlers_unblock_by_func (self->box_dropdown, box_feature_cb, self);
  box_feature_cb (self);
}

void
_sg_segment_detail_init_tables (SgSegmentDetail *self)
{
  g_autoptr(GtkExpression) expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");

  self->box_columns = g_array_new (FALSE, FALSE, sizeof (guint));
  gtk_drop_down_set_expression (self->box_dropdown, expression);
  g_signal_connect_swapped (self->box_dropdown, "notify::selected", G_CALLBACK (box_feature_cb), self);
  set_box_note (self, NULL);
}

void
_sg_segment_detail_dispose_tables (SgSegmentDetail *self)
{
  g_cancellable_cancel (self->box_cancellable);
  g_clear_object (&self->box_cancellable);
  g_clear_pointer (&self->box_columns, g_array_unref);
  g_clear_pointer (&self->box_feature, g_free);
}
