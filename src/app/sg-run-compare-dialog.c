/* sg-run-compare-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "SgRunCompareDialog"

#include <math.h>
#include <glib/gi18n.h>

#include "sg-a11y.h"
#include "sg-format.h"
#include "sg-run-compare-dialog.h"

struct _SgRunCompareDialog
{
  AdwWindow        parent_instance;

  /* template */
  AdwWindowTitle  *window_title;
  AdwComboRow     *run_a_row;
  AdwComboRow     *run_b_row;
  GtkStack        *result_stack;
  GtkSpinner      *spinner;
  GtkLabel        *error_label;
  GtkLabel        *headline_label;
  GtkLabel        *explanation_label;
  GtkLabel        *left_out_label;
  GtkGrid         *table;
  GtkLabel        *table_caption;

  SgSession       *session;
  GArray          *run_ids;       /* gint64: the runs offered, as in both combo rows */
  gint64           run_a, run_b;
  GCancellable    *cancellable;   /* of the comparison being computed */
  SgRunComparison *comparison;
  gboolean         filling;
};

G_DEFINE_FINAL_TYPE (SgRunCompareDialog, sg_run_compare_dialog, ADW_TYPE_WINDOW)

/* ---- on a worker thread ---- */

typedef struct {
  SgProject *project;   /* the worker's own connection */
  gint64     a, b;
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->project);
  g_free (job);
}

static void
compare_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autofree gint32 *a = NULL;
  g_autofree gint32 *b = NULL;
  gsize n_a = 0, n_b = 0;
  SgRunComparison *comparison;

  a = sg_project_load_run_labels (job->project, job->a, &n_a, &error);
  if (a != NULL && !g_cancellable_set_error_if_cancelled (cancellable, &error))
    b = sg_project_load_run_labels (job->project, job->b, &n_b, &error);
  if (b == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  comparison = sg_run_comparison_new (a, n_a, b, n_b, &error);
  if (comparison == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, comparison, (GDestroyNotify) sg_run_comparison_free);
}

/* ---- showing the result ---- */

/* "Big spenders", or "Segment 3" while segments have no names; "Unassigned" for DBSCAN's noise. */
static char *
segment_name (GPtrArray *segments,
              gint32     label)
{
  if (label < 0)
    return g_strdup (_("Unassigned"));
  for (guint i = 0; segments != NULL && i < segments->len; i++)
    {
      SgSegmentInfo *info = g_ptr_array_index (segments, i);

      if (info->idx == (guint) label && info->name != NULL && *info->name != '\0')
        return g_strdup (info->name);
    }
  return g_strdup_printf (_("Segment %d"), label + 1);
}

static GtkWidget *
cell_new (const char *text,
          float       xalign,
          const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_label_set_justify (GTK_LABEL (label), xalign > 0.5f ? GTK_JUSTIFY_RIGHT : GTK_JUSTIFY_LEFT);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 18);
  gtk_widget_set_margin_start (label, 8);
  gtk_widget_set_margin_end (label, 8);
  gtk_widget_set_margin_top (label, 4);
  gtk_widget_set_margin_bottom (label, 4);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_widget_add_css_class (label, "numeric");
  return label;
}

static void
fill_table (SgRunCompareDialog *self)
{
  SgProject *project = sg_session_get_project (self->session);
  const SgContingency *t = self->comparison->table;
  g_autoptr(GPtrArray) segments_a = sg_project_list_segments (project, self->run_a, NULL);
  g_autoptr(GPtrArray) segments_b = sg_project_list_segments (project, self->run_b, NULL);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->table))) != NULL)
    gtk_grid_remove (self->table, child);

  gtk_grid_attach (self->table, cell_new (_("From ↓  To →"), 0.0f, "dim-label"), 0, 0, 1, 1);
  for (guint j = 0; j < t->n_b; j++)
    {
      g_autofree char *name = segment_name (segments_b, t->b_values[j]);

      gtk_grid_attach (self->table, cell_new (name, 1.0f, "heading"), (int) j + 1, 0, 1, 1);
    }
  for (guint i = 0; i < t->n_a; i++)
    {
      g_autofree char *name = segment_name (segments_a, t->a_values[i]);
      g_autofree char *total = sg_format_count (sg_run_comparison_row_total (self->comparison, i));
      /* Translators: a row of the comparison table: a segment's name, and its customers */
      g_autofree char *header = g_strdup_printf (_("%s\n%s customers"), name, total);
      guint64 best = 0;

      for (guint j = 0; j < t->n_b; j++)
        best = MAX (best, t->counts[(gsize) i * t->n_b + j]);
      gtk_grid_attach (self->table, cell_new (header, 0.0f, "heading"), 0, (int) i + 1, 1, 1);
      for (guint j = 0; j < t->n_b; j++)
        {
          guint64 count = t->counts[(gsize) i * t->n_b + j];
          g_autofree char *text = sg_run_comparison_cell (self->comparison, i, j);
          const char *style = count == 0 ? "dim-label" : count == best ? "accent" : NULL;

          gtk_grid_attach (self->table, cell_new (text, 1.0f, style), (int) j + 1, (int) i + 1, 1, 1);
        }
    }
}

static void
show_comparison (SgRunCompareDialog *self)
{
  const SgRunComparison *c = self->comparison;
  SgRunInfo *a = sg_session_lookup_run (self->session, self->run_a);
  SgRunInfo *b = sg_session_lookup_run (self->session, self->run_b);
  g_autofree char *headline = sg_run_comparison_headline (c);
  g_autofree char *compared = sg_format_count (c->n_common);
  g_autofree char *explanation = NULL;
  g_autofree char *left_out = NULL;
  g_autofree char *caption = NULL;

  explanation = g_strdup_printf (_("Each segment of “%s” is matched with the segment of “%s” that most of its customers "
                                   "went to; %.0f%% of customers followed that match. Agreement score (adjusted Rand "
                                   "index): %.2f, where 1 means the same segments and 0 means no more alike than chance."),
                                 a ? a->name : "", b ? b->name : "", floor (100 * c->stay_share),
                                 c->ari);
  if (c->n_left_out > 0)
    {
      g_autofree char *n = sg_format_count (c->n_left_out);

      left_out = g_strdup_printf (_("%s customers compared. %s left out: they were not segmented in both runs "
                                    "(a value was missing)."), compared, n);
    }
  else
    left_out = g_strdup_printf (_("%s customers compared: everyone was segmented in both runs."), compared);
  caption = g_strdup_printf (_("Rows: the segments of “%s”, with their size. Columns: the segments of “%s”. Each cell: "
                               "customers who moved from the row’s segment to the column’s, and their share of the row. "
                               "Where most of each segment went is highlighted."),
                             a ? a->name : "", b ? b->name : "");

  gtk_label_set_label (self->headline_label, headline);
  gtk_label_set_label (self->explanation_label, explanation);
  gtk_label_set_label (self->left_out_label, left_out);
  gtk_label_set_label (self->table_caption, caption);
  fill_table (self);
  gtk_stack_set_visible_child_name (self->result_stack, "result");
}

static void
compare_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(SgRunCompareDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  SgRunComparison *comparison = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    {
      /* An older comparison: another pair was chosen since. */
      g_clear_pointer (&comparison, sg_run_comparison_free);
      return;
    }
  g_clear_object (&self->cancellable);
  gtk_spinner_stop (self->spinner);
  if (comparison == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          gtk_label_set_label (self->error_label, error->message);
          gtk_stack_set_visible_child_name (self->result_stack, "error");
        }
      return;
    }
  self->comparison = comparison;
  show_comparison (self);
}

static void
start (SgRunCompareDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  SgProject *connection;
  Job *job;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->comparison, sg_run_comparison_free);
  if (self->run_a == self->run_b)
    {
      gtk_label_set_label (self->error_label, _("Choose two different segmentations to compare."));
      gtk_stack_set_visible_child_name (self->result_stack, "error");
      return;
    }
  connection = sg_project_reopen (sg_session_get_project (self->session), &error);
  if (connection == NULL)
    {
      gtk_label_set_label (self->error_label, error->message);
      gtk_stack_set_visible_child_name (self->result_stack, "error");
      return;
    }
  self->cancellable = g_cancellable_new ();
  gtk_stack_set_visible_child_name (self->result_stack, "busy");
  gtk_spinner_start (self->spinner);

  job = g_new0 (Job, 1);
  job->project = connection;
  job->a = self->run_a;
  job->b = self->run_b;
  task = g_task_new (NULL, self->cancellable, compare_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, start);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, compare_thread);
}

/* ---- choosing the runs ---- */

static guint
position_of (SgRunCompareDialog *self,
             gint64              run_id)
{
  for (guint i = 0; i < self->run_ids->len; i++)
    if (g_array_index (self->run_ids, gint64, i) == run_id)
      return i;
  return GTK_INVALID_LIST_POSITION;
}

static void
fill_runs (SgRunCompareDialog *self,
           gint64              dataset_id)
{
  GPtrArray *runs = sg_session_get_runs (self->session);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  SgDatasetInfo *dataset = sg_session_lookup_dataset (self->session, dataset_id);

  g_array_set_size (self->run_ids, 0);
  for (guint i = 0; i < runs->len; i++)
    {
      SgRunInfo *run = g_ptr_array_index (runs, i);

      if (run->dataset_id != dataset_id)
        continue;
      g_array_append_val (self->run_ids, run->id);
      gtk_string_list_append (names, run->name);
    }
  self->filling = TRUE;
  adw_combo_row_set_model (self->run_a_row, G_LIST_MODEL (names));
  adw_combo_row_set_model (self->run_b_row, G_LIST_MODEL (names));
  self->filling = FALSE;
  adw_window_title_set_subtitle (self->window_title, dataset != NULL ? dataset->name : NULL);
}

static void
selection_changed_cb (SgRunCompareDialog *self)
{
  guint a = adw_combo_row_get_selected (self->run_a_row);
  guint b = adw_combo_row_get_selected (self->run_b_row);

  if (self->filling || a >= self->run_ids->len || b >= self->run_ids->len)
    return;
  sg_run_compare_dialog_set_runs (self, g_array_index (self->run_ids, gint64, a),
                                  g_array_index (self->run_ids, gint64, b));
}

void
sg_run_compare_dialog_set_runs (SgRunCompareDialog *self,
                                gint64              run_a,
                                gint64              run_b)
{
  guint a, b;

  g_return_if_fail (SG_IS_RUN_COMPARE_DIALOG (self));

  a = position_of (self, run_a);
  b = position_of (self, run_b);
  g_return_if_fail (a != GTK_INVALID_LIST_POSITION && b != GTK_INVALID_LIST_POSITION);

  if (run_a == self->run_a && run_b == self->run_b && (self->comparison != NULL || self->cancellable != NULL))
    return;
  self->run_a = run_a;
  self->run_b = run_b;
  self->filling = TRUE;
  adw_combo_row_set_selected (self->run_a_row, a);
  adw_combo_row_set_selected (self->run_b_row, b);
  self->filling = FALSE;
  start (self);
}

const SgRunComparison *
sg_run_compare_dialog_get_comparison (SgRunCompareDialog *self)
{
  g_return_val_if_fail (SG_IS_RUN_COMPARE_DIALOG (self), NULL);

  return self->comparison;
}

gboolean
sg_run_compare_dialog_get_busy (SgRunCompareDialog *self)
{
  g_return_val_if_fail (SG_IS_RUN_COMPARE_DIALOG (self), FALSE);

  return self->cancellable != NULL;
}

GtkWidget *
sg_run_compare_dialog_new (SgSession *session,
                           gint64     run_a,
                           gint64     run_b)
{
  SgRunCompareDialog *self;
  SgRunInfo *a;

  g_return_val_if_fail (SG_IS_SESSION (session), NULL);
  a = sg_session_lookup_run (session, run_a);
  g_return_val_if_fail (a != NULL, NULL);

  self = g_object_new (SG_TYPE_RUN_COMPARE_DIALOG, NULL);
  self->session = g_object_ref (session);
  fill_runs (self, a->dataset_id);
  sg_a11y_fix_names (GTK_WIDGET (self));
  sg_run_compare_dialog_set_runs (self, run_a, run_b);
  return GTK_WIDGET (self);
}

static void
sg_run_compare_dialog_dispose (GObject *object)
{
  SgRunCompareDialog *self = SG_RUN_COMPARE_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), SG_TYPE_RUN_COMPARE_DIALOG);

  G_OBJECT_CLASS (sg_run_compare_dialog_parent_class)->dispose (object);
}

static void
sg_run_compare_dialog_finalize (GObject *object)
{
  SgRunCompareDialog *self = SG_RUN_COMPARE_DIALOG (object);

  g_clear_pointer (&self->comparison, sg_run_comparison_free);
  g_clear_pointer (&self->run_ids, g_array_unref);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (sg_run_compare_dialog_parent_class)->finalize (object);
}

static void
sg_run_compare_dialog_class_init (SgRunCompareDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sg_run_compare_dialog_dispose;
  object_class->finalize = sg_run_compare_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/sg-run-compare-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SgRunCompareDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, SgRunCompareDialog, run_a_row);
  gtk_widget_class_bind_template_child (widget_class, SgRunCompareDialog, run_b_row);
  gtk_widget_class_bind_template_child (widget_class, SgRunCompareDialog, result_stack);
  gtk_widget_class_bind_template_child (widget_class, SgRunCompareDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, SgRunCompareDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, SgRunCompareDialog, headline_label);
  gtk_widget_class_bind_template_child (widget_class, SgRunCompareDialog, explanation_label);
  gtk_widget_class_bind_template_child (widget_class, SgRunCompareDialog, left_out_label);
  gtk_widget_class_bind_template_child (widget_class, SgRunCompareDialog, table);
  gtk_widget_class_bind_template_child (widget_class, SgRunCompareDialog, table_caption);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sg_run_compare_dialog_init (SgRunCompareDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->run_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_signal_connect_object (self->run_a_row, "notify::selected", G_CALLBACK (selection_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->run_b_row, "notify::selected", G_CALLBACK (selection_changed_cb), self,
                           G_CONNECT_SWAPPED);
}
