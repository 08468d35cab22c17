/* sg-quality-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "SgQualityView"

#include <glib/gi18n.h>

#include "sg-a11y.h"
#include "sg-column-quality-row.h"
#include "sg-format.h"
#include "sg-prepare-analysis.h"
#include "sg-project.h"
#include "sg-quality-view.h"

struct _SgQualityView
{
  AdwBin               parent_instance;

  /* template */
  AdwPreferencesGroup *dataset_group;
  AdwActionRow        *rows_row;
  GtkLabel            *rows_value;
  AdwActionRow        *duplicates_row;
  GtkLabel            *duplicates_value;
  AdwActionRow        *ids_row;
  GtkLabel            *ids_value;
  AdwActionRow        *missing_ids_row;
  GtkLabel            *missing_ids_value;
  AdwPreferencesGroup *join_group;
  AdwComboRow         *compare_row;
  AdwActionRow        *matched_row;
  GtkLabel            *matched_value;
  AdwActionRow        *unmatched_row;
  GtkLabel            *unmatched_value;
  AdwActionRow        *other_unmatched_row;
  GtkLabel            *other_unmatched_value;
  AdwPreferencesGroup *columns_group;

  GArray              *compare_ids;   /* gint64 per item of compare_row: 0 first ("None") */
  GPtrArray           *rows;          /* SgColumnQualityRow, owned by the group */
  gboolean             updating;
};

G_DEFINE_FINAL_TYPE (SgQualityView, sg_quality_view, ADW_TYPE_BIN)

enum { COMPARE_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
set_count (GtkLabel *label,
           guint64   n)
{
  g_autofree char *text = sg_format_count (n);

  gtk_label_set_label (label, text);
}

static void
set_count_share (GtkLabel *label,
                 guint64   n,
                 guint64   total)
{
  g_autofree char *count = sg_format_count (n);
  g_autofree char *share = sg_prepare_format_share (total > 0 ? (double) n / (double) total : 0);
  /* Translators: a count and its share: "1,234 (12%)" */
  g_autofree char *text = g_strdup_printf (_("%s (%s)"), count, share);

  gtk_label_set_label (label, text);
}

static void
compare_changed_cb (SgQualityView *self)
{
  if (!self->updating)
    g_signal_emit (self, signals[COMPARE_CHANGED], 0);
}

void
sg_quality_view_set_datasets (SgQualityView *self,
                              GPtrArray     *datasets,
                              gint64         dataset_id)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  gint64 chosen;
  guint selected = 0;

  g_return_if_fail (SG_IS_QUALITY_VIEW (self));

  chosen = sg_quality_view_get_compare_id (self);
  g_array_set_size (self->compare_ids, 0);
  gtk_string_list_append (model, _("None"));
  g_array_append_val (self->compare_ids, (gint64) { 0 });
  for (guint i = 0; datasets != NULL && i < datasets->len; i++)
    {
      SgDatasetInfo *info = g_ptr_array_index (datasets, i);

      if (info->id == dataset_id)
        continue;
      if (info->id == chosen)
        selected = self->compare_ids->len;
      gtk_string_list_append (model, info->name);
      g_array_append_val (self->compare_ids, info->id);
    }
  self->updating = TRUE;
  adw_combo_row_set_model (self->compare_row, G_LIST_MODEL (model));
  adw_combo_row_set_selected (self->compare_row, selected);
  self->updating = FALSE;
  sg_a11y_fix_names (GTK_WIDGET (self->compare_row));
}

gint64
sg_quality_view_get_compare_id (SgQualityView *self)
{
  guint selected;

  g_return_val_if_fail (SG_IS_QUALITY_VIEW (self), 0);

  selected = adw_combo_row_get_selected (self->compare_row);
  return selected < self->compare_ids->len ? g_array_index (self->compare_ids, gint64, selected) : 0;
}

void
sg_quality_view_set_compare_id (SgQualityView *self,
                                gint64         dataset_id)
{
  g_return_if_fail (SG_IS_QUALITY_VIEW (self));

  for (guint i = 0; i < self->compare_ids->len; i++)
    if (g_array_index (self->compare_ids, gint64, i) == dataset_id)
      adw_combo_row_set_selected (self->compare_row, i);
}

static void
show_join (SgQualityView   *self,
           SgQualityReport *report,
           const char      *note)
{
  gboolean has = report != NULL && report->has_join;

  gtk_widget_set_visible (GTK_WIDGET (self->matched_row), has);
  gtk_widget_set_visible (GTK_WIDGET (self->unmatched_row), has);
  gtk_widget_set_visible (GTK_WIDGET (self->other_unmatched_row), has);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->compare_row), note != NULL ? note : "");
  if (!has)
    return;
  {
    g_autofree char *matched = g_strdup_printf (_("Rows of this dataset whose “%s” is in “%s”"),
                                                report->id_column, report->join_with);
    g_autofree char *other = g_strdup_printf (_("Customers of “%s” with no row here"), report->join_with);

    adw_action_row_set_subtitle (self->matched_row, matched);
    adw_action_row_set_subtitle (self->other_unmatched_row, other);
    set_count_share (self->matched_value, report->join_matched, report->n_rows);
    set_count_share (self->unmatched_value, report->join_unmatched, report->n_rows);
    set_count (self->other_unmatched_value, report->join_other_unmatched);
  }
}

void
sg_quality_view_set_report (SgQualityView   *self,
                            SgQualityReport *report,
                            const char      *compare_note)
{
  g_return_if_fail (SG_IS_QUALITY_VIEW (self));

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->columns_group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->dataset_group), report != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->join_group), report != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->columns_group), report != NULL);
  if (report == NULL)
    return;

  {
    g_autofree char *columns = g_strdup_printf (g_dngettext (NULL, "In %u column", "In %u columns", report->n_columns),
                                                report->n_columns);

    set_count (self->rows_value, report->n_rows);
    adw_action_row_set_subtitle (self->rows_row, columns);
  }
  set_count_share (self->duplicates_value, report->duplicate_rows, report->n_rows);
  gtk_widget_set_visible (GTK_WIDGET (self->ids_row), report->id_column != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->missing_ids_row), report->id_column != NULL);
  if (report->id_column != NULL)
    {
      g_autofree char *id = g_strdup_printf (_("Customers are identified by “%s”"), report->id_column);

      adw_action_row_set_subtitle (self->ids_row, id);
      set_count_share (self->ids_value, report->duplicate_ids, report->n_rows);
      set_count_share (self->missing_ids_value, report->missing_ids, report->n_rows);
    }
  show_join (self, report, compare_note);

  for (guint i = 0; i < report->columns->len; i++)
    {
      SgColumnQuality *column = g_ptr_array_index (report->columns, i);
      GtkWidget *row = sg_column_quality_row_new (column, report->n_rows,
                                                  g_strcmp0 (column->name, report->id_column) == 0);

      adw_preferences_group_add (self->columns_group, row);
      g_ptr_array_add (self->rows, row);
    }
  {
    g_autofree char *description = g_strdup_printf (_("Each column’s kind, gaps and values. “%s” has %u."),
                                                     report->dataset, report->n_columns);

    adw_preferences_group_set_description (self->columns_group, description);
  }
}

guint
sg_quality_view_get_n_columns (SgQualityView *self)
{
  g_return_val_if_fail (SG_IS_QUALITY_VIEW (self), 0);

  return self->rows->len;
}

GtkWidget *
sg_quality_view_get_row (SgQualityView *self,
                         const char    *column)
{
  g_return_val_if_fail (SG_IS_QUALITY_VIEW (self), NULL);

  for (guint i = 0; i < self->rows->len; i++)
    if (g_strcmp0 (sg_column_quality_row_get_column (g_ptr_array_index (self->rows, i)), column) == 0)
      return g_ptr_array_index (self->rows, i);
  return NULL;
}

static void
sg_quality_view_dispose (GObject *object)
{
  SgQualityView *self = SG_QUALITY_VIEW (object);

  g_ptr_array_set_size (self->rows, 0);
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SG_TYPE_QUALITY_VIEW);

  G_OBJECT_CLASS (sg_quality_view_parent_class)->dispose (object);
}

static void
sg_quality_view_finalize (GObject *object)
{
  SgQualityView *self = SG_QUALITY_VIEW (object);

  g_ptr_array_unref (self->rows);
  g_array_unref (self->compare_ids);

  G_OBJECT_CLASS (sg_quality_view_parent_class)->finalize (object);
}

static void
sg_quality_view_class_init (SgQualityViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sg_quality_view_dispose;
  object_class->finalize = sg_quality_view_finalize;

  /**
   * SgQualityView::compare-changed:
   *
   * The user chose another dataset to compare customers with (sg_quality_view_get_compare_id()).
   */
  signals[COMPARE_CHANGED] = g_signal_new ("compare-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                           NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/sg-quality-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SgQualityView, dataset_group);
  gtk_widget_class_bind_template_child (widget_class, SgQualityView, rows_row);
  gtk_widget_class_bind_template_child (widget_class, SgQualityView, rows_value);
  gtk_widget_class_bind_template_child (widget_class, SgQualityView, duplicates_row);
  gtk_widget_class_bind_template_child (widget_class, SgQualityView, duplicates_value);
  gtk_widget_class_bind_template_child (widget_class, SgQualityView, ids_row);
  gtk_widget_class_bind_template_child (widget_class, SgQualityView, ids_value);
  gtk_widget_class_bind_template_child (widget_class, SgQualityView, missing_ids_row);
  gtk_widget_class_bind_template_child (widget_class, SgQualityView, missing_ids_value);
  gtk_widget_class_bind_template_child (widget_class, SgQualityView, join_group);
  gtk_widget_class_bind_template_child (widget_class, SgQualityView, compare_row);
  gtk_widget_class_bind_template_child (widget_class, SgQualityView, matched_row);
  gtk_widget_class_bind_template_child (widget_class, SgQualityView, matched_value);
  gtk_widget_class_bind_template_child (widget_class, SgQualityView, unmatched_row);
  gtk_widget_class_bind_template_child (widget_class, SgQualityView, unmatched_value);
  gtk_widget_class_bind_template_child (widget_class, SgQualityView, other_unmatched_row);
  gtk_widget_class_bind_template_child (widget_class, SgQualityView, other_unmatched_value);
  gtk_widget_class_bind_template_child (widget_class, SgQualityView, columns_group);
}

static void
sg_quality_view_init (SgQualityView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
  self->compare_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sg_quality_view_set_datasets (self, NULL, 0);
  g_signal_connect_object (self->compare_row, "notify::selected", G_CALLBACK (compare_changed_cb), self,
                           G_CONNECT_SWAPPED);
  sg_quality_view_set_report (self, NULL, NULL);
}
