/* sg-data-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "SgDataPage"

#include <glib/gi18n.h>

#include "sg-a11y.h"
#include "sg-data-page.h"
#include "sg-format.h"
#include "sg-importer.h"
#include "sg-row.h"
#include "sg-window.h"

/* Rejected rows listed in the details. */
#define MAX_LISTED_REJECTIONS 20

struct _SgDataPage
{
  AdwBin         parent_instance;

  /* template */
  GtkStack      *stack;
  GtkLabel      *project_title;
  GtkListBox    *dataset_list;
  GtkLabel      *dataset_title;
  GtkLabel      *dataset_subtitle;
  GtkWidget     *report_box;
  GtkLabel      *report_label;
  GtkWidget     *rejected_button;
  GtkScrolledWindow *table_scroller;
  GtkColumnView *column_view;

  SgSession     *session;
  SgRowModel    *model;
  SgImportReport *report;   /* of the dataset shown, if it was imported */
  gboolean       filling;   /* rebuilding the dataset list: selection is not the user's */
};

G_DEFINE_FINAL_TYPE (SgDataPage, sg_data_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

char *
sg_data_page_column_title (const SgColumnInfo *info)
{
  g_autofree char *missing = NULL;

  g_return_val_if_fail (info != NULL, NULL);

  if (info->n_missing == 0)
    return g_strdup_printf ("%s\n%s", info->name, sg_column_type_get_label (info->type));
  missing = sg_format_count (info->n_missing);
  /* Translators: a column header's second line: its kind · how many values are missing */
  return g_strdup_printf (_("%s\n%s · %s missing"), info->name, sg_column_type_get_label (info->type), missing);
}

static SgWindow *
get_window (SgDataPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return SG_IS_WINDOW (root) ? SG_WINDOW (root) : NULL;
}

/* ---- the table ---- */

static gboolean
type_is_right_aligned (SgColumnType type)
{
  return type == SG_COLUMN_INTEGER || type == SG_COLUMN_DECIMAL;
}

/* Roughly the width of @chars characters of the interface font, with the cell's padding. */
#define CHAR_WIDTH 8
#define CELL_PADDING 24
#define MIN_COLUMN_WIDTH 80
#define MAX_COLUMN_WIDTH 360
/* Rows read to size a column: the first screen or so. */
#define WIDTH_SAMPLE_ROWS 40

static int
longest_line (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  int longest = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    longest = MAX (longest, (int) g_utf8_strlen (lines[i], -1));
  return longest;
}

/* Wide enough for the header and for the values at the top, within bounds: emails and names get room,
 * ages do not take it. */
static int
column_width (SgRowModel *model,
              guint       column,
              const char *title)
{
  guint n = MIN (g_list_model_get_n_items (G_LIST_MODEL (model)), WIDTH_SAMPLE_ROWS);
  int chars = longest_line (title);

  for (guint row = 0; row < n; row++)
    {
      g_autofree char *value = sg_row_model_dup_value (model, row, column);

      if (value != NULL)
        chars = MAX (chars, (int) g_utf8_strlen (value, -1));
    }
  return CLAMP (chars * CHAR_WIDTH + CELL_PADDING, MIN_COLUMN_WIDTH, MAX_COLUMN_WIDTH);
}

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);
  gboolean right = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "right-aligned"));

  gtk_label_set_xalign (GTK_LABEL (label), right ? 1.0f : 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  if (right)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  SgRowModel *model = g_object_get_data (G_OBJECT (factory), "model");
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "column"));
  GtkWidget *label = gtk_list_item_get_child (item);
  SgRow *row = gtk_list_item_get_item (item);
  g_autofree char *value = sg_row_model_dup_value (model, sg_row_get_index (row), column);

  gtk_label_set_label (GTK_LABEL (label), value != NULL ? value : "—");
  if (value != NULL)
    gtk_widget_remove_css_class (label, "missing");
  else
    gtk_widget_add_css_class (label, "missing");
}

static void
number_bind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  SgRow *row = gtk_list_item_get_item (item);
  g_autofree char *number = sg_format_count ((guint64) sg_row_get_index (row) + 1);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)), number);
}

static GtkColumnViewColumn *
row_number_column_new (void)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  g_object_set_data (G_OBJECT (factory), "right-aligned", GINT_TO_POINTER (TRUE));
  g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (number_bind_cb), NULL);
  /* Translators: the header of the column that numbers the rows */
  column = gtk_column_view_column_new (_("Row\n"), factory);
  gtk_column_view_column_set_fixed_width (column, 80);
  return column;
}

static GtkColumnViewColumn *
data_column_new (SgRowModel *model,
                 guint       index)
{
  const SgColumnInfo *info = sg_row_model_get_column_info (model, index);
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autofree char *title = sg_data_page_column_title (info);
  GtkColumnViewColumn *column;

  /* Each factory reads from its own model: no cell can bind to rows of another dataset. */
  g_object_set_data_full (G_OBJECT (factory), "model", g_object_ref (model), g_object_unref);
  g_object_set_data (G_OBJECT (factory), "column", GUINT_TO_POINTER (index));
  g_object_set_data (G_OBJECT (factory), "right-aligned", GINT_TO_POINTER (type_is_right_aligned (info->type)));
  g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), NULL);

  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_column_set_fixed_width (column, column_width (model, index, title));
  return column;
}

static void
clear_columns (SgDataPage *self)
{
  GListModel *columns = gtk_column_view_get_columns (self->column_view);

  gtk_column_view_set_model (self->column_view, NULL);
  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);

      gtk_column_view_remove_column (self->column_view, column);
    }
}

static void
fill_table (SgDataPage *self,
            SgRowModel *model)
{
  g_autoptr(GtkColumnViewColumn) number = row_number_column_new ();
  GtkAdjustment *vadjustment;

  gtk_column_view_append_column (self->column_view, number);
  for (guint c = 0; c < sg_row_model_get_n_columns (model); c++)
    {
      g_autoptr(GtkColumnViewColumn) column = data_column_new (model, c);

      gtk_column_view_append_column (self->column_view, column);
    }
  gtk_column_view_set_model (self->column_view,
                             GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (model)))));
  vadjustment = gtk_scrolled_window_get_vadjustment (self->table_scroller);
  gtk_adjustment_set_value (vadjustment, 0.0);
}

/* ---- the dataset shown ---- */

static char *
describe_dataset (SgDatasetInfo *info)
{
  g_autofree char *rows = sg_format_count (info->n_rows);
  g_autofree char *date = sg_format_date (info->created);
  g_autofree char *source = info->source != NULL ? g_path_get_basename (info->source) : NULL;
  g_autofree char *counts = NULL;

  /* Translators: "2,000 rows in 8 columns" */
  counts = g_strdup_printf (g_dngettext (NULL, "%s row in %u columns", "%s rows in %u columns", info->n_rows),
                            rows, info->columns->len);
  if (source != NULL && date != NULL && g_strcmp0 (info->kind, "imported") == 0)
    /* Translators: "2,000 rows in 8 columns, imported from customers.csv on 25/11/2025" */
    return g_strdup_printf (_("%s, imported from %s on %s"), counts, source, date);
  return g_steal_pointer (&counts);
}

/* What the import said about the dataset, when there is something to say: rows left out, and the
 * importer's own warnings (a file read as Windows-1252, whole numbers stored as decimals…). */
static void
show_report (SgDataPage    *self,
             SgDatasetInfo *info)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  gboolean has_rejections;

  g_clear_pointer (&self->report, sg_import_report_free);
  if (info->report != NULL && g_strcmp0 (info->kind, "imported") == 0)
    self->report = sg_import_report_from_json (info->report, &error);
  if (error != NULL)
    g_debug ("Dataset %s has no readable import report: %s", info->name, error->message);

  has_rejections = self->report != NULL && self->report->rejections != NULL &&
                   self->report->rejections->len > 0;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dataset.show-rejected", has_rejections);
  gtk_widget_set_visible (self->rejected_button, has_rejections);

  if (self->report != NULL && self->report->rows_rejected > 0)
    {
      g_autofree char *rejected = sg_format_count (self->report->rows_rejected);
      g_autofree char *read = sg_format_count (self->report->rows_read);

      g_string_append_printf (text,
                              g_dngettext (NULL,
                                           "%s row of %s in the file could not be read and was left out.",
                                           "%s rows of %s in the file could not be read and were left out.",
                                           self->report->rows_rejected),
                              rejected, read);
    }
  for (guint i = 0; self->report != NULL && self->report->warnings != NULL && i < self->report->warnings->len; i++)
    {
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, g_ptr_array_index (self->report->warnings, i));
    }

  gtk_label_set_label (self->report_label, text->str);
  gtk_widget_set_visible (self->report_box, text->len > 0);
}

static void
show_dataset (SgDataPage *self)
{
  SgDatasetInfo *info = self->session != NULL ? sg_session_get_dataset (self->session) : NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *subtitle = NULL;

  clear_columns (self);
  g_clear_object (&self->model);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dataset.rename", info != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dataset.delete", info != NULL);

  if (info == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  gtk_stack_set_visible_child_name (self->stack, "data");
  gtk_label_set_label (self->dataset_title, info->name);
  show_report (self, info);

  self->model = sg_row_model_new (sg_session_get_project (self->session), info->id, &error);
  if (self->model == NULL)
    {
      gtk_label_set_label (self->dataset_subtitle, error->message);
      return;
    }
  subtitle = describe_dataset (info);
  gtk_label_set_label (self->dataset_subtitle, subtitle);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->dataset_subtitle), subtitle);
  fill_table (self, self->model);
}

/* ---- the dataset list ---- */

static GtkWidget *
dataset_row_new (SgDatasetInfo *info)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (info->name);
  g_autofree char *rows = sg_format_count (info->n_rows);
  g_autofree char *detail = g_strdup_printf (g_dngettext (NULL, "%s row", "%s rows", info->n_rows), rows);
  GtkWidget *caption = gtk_label_new (detail);

  gtk_label_set_xalign (GTK_LABEL (name), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (caption), 0.0f);
  gtk_widget_add_css_class (caption, "caption");
  gtk_widget_add_css_class (caption, "dim-label");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), caption);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_tooltip_text (row, info->name);
  {
    /* Translators: how a screen reader names a dataset in the list: "customers, 2,000 rows" */
    g_autofree char *label = g_strdup_printf (_("%s, %s"), info->name, detail);

    sg_a11y_set_label (row, label);
  }
  g_object_set_data_full (G_OBJECT (row), "dataset-id", g_memdup2 (&info->id, sizeof info->id), g_free);
  return row;
}

static gint64
row_dataset_id (GtkListBoxRow *row)
{
  gint64 *id = g_object_get_data (G_OBJECT (row), "dataset-id");

  return id != NULL ? *id : 0;
}

static void
select_current (SgDataPage *self)
{
  gint64 current = self->session != NULL ? sg_session_get_dataset_id (self->session) : 0;

  self->filling = TRUE;
  for (int i = 0;; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->dataset_list, i);

      if (row == NULL)
        break;
      if (row_dataset_id (row) == current)
        gtk_list_box_select_row (self->dataset_list, row);
    }
  self->filling = FALSE;
}

static void
fill_list (SgDataPage *self)
{
  GtkWidget *child;

  self->filling = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->dataset_list))) != NULL)
    gtk_list_box_remove (self->dataset_list, child);
  if (self->session != NULL)
    {
      GPtrArray *datasets = sg_session_get_datasets (self->session);

      for (guint i = 0; i < datasets->len; i++)
        gtk_list_box_append (self->dataset_list, dataset_row_new (g_ptr_array_index (datasets, i)));
    }
  self->filling = FALSE;
  select_current (self);
}

static void
row_selected_cb (SgDataPage    *self,
                 GtkListBoxRow *row)
{
  if (self->filling || row == NULL || self->session == NULL)
    return;
  sg_session_set_dataset_id (self->session, row_dataset_id (row));
}

static void
session_changed_cb (SgDataPage *self)
{
  g_autofree char *title = self->session != NULL ? sg_session_dup_title (self->session) : NULL;

  gtk_label_set_label (self->project_title, title != NULL ? title : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->project_title),
                               self->session != NULL
                               ? sg_project_get_path (sg_session_get_project (self->session)) : NULL);
  fill_list (self);
  show_dataset (self);
}

static void
dataset_id_changed_cb (SgDataPage *self)
{
  select_current (self);
  show_dataset (self);
}

/* ---- dataset actions ---- */

static void
report_error (SgDataPage *self,
              GError     *error)
{
  SgWindow *window = get_window (self);

  if (window != NULL)
    sg_window_add_toast (window, error->message);
  else
    g_warning ("%s", error->message);
}

static void
reload_session (SgDataPage *self)
{
  g_autoptr(GError) error = NULL;

  if (!sg_session_reload (self->session, &error))
    report_error (self, error);
}

static void
rename_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    SgDataPage       *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "dataset-id"));
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "rename") != 0 || name[0] == '\0' || self->session == NULL)
    return;
  if (!sg_project_rename_dataset (sg_session_get_project (self->session), id, name, &error))
    report_error (self, error);
  reload_session (self);
}

static void
rename_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SgDataPage *self = SG_DATA_PAGE (widget);
  SgDatasetInfo *info = self->session != NULL ? sg_session_get_dataset (self->session) : NULL;
  GtkWidget *dialog;
  GtkWidget *entry;

  if (info == NULL)
    return;
  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), info->name);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  sg_a11y_set_label (entry, _("New name"));

  dialog = adw_message_dialog_new (GTK_WINDOW (get_window (self)), _("Rename Dataset"), NULL);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "rename", _("_Rename"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "rename", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "rename");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "dataset-id", GSIZE_TO_POINTER ((gsize) info->id));
  g_signal_connect_object (dialog, "response", G_CALLBACK (rename_response_cb), self, 0);
  sg_a11y_fix_names (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    SgDataPage       *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "dataset-id"));
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "delete") != 0 || self->session == NULL)
    return;
  if (!sg_project_delete_dataset (sg_session_get_project (self->session), id, &error))
    report_error (self, error);
  reload_session (self);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SgDataPage *self = SG_DATA_PAGE (widget);
  SgDatasetInfo *info = self->session != NULL ? sg_session_get_dataset (self->session) : NULL;
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (info == NULL)
    return;
  heading = g_strdup_printf (_("Delete “%s”?"), info->name);
  dialog = adw_message_dialog_new (GTK_WINDOW (get_window (self)), heading,
                                   _("Its rows, and the segments found in them, are removed from the project. "
                                     "The file it was imported from is not touched."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "dataset-id", GSIZE_TO_POINTER ((gsize) info->id));
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  sg_a11y_fix_names (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_rejected_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SgDataPage *self = SG_DATA_PAGE (widget);
  g_autoptr(GString) body = g_string_new (NULL);
  GtkWidget *dialog;
  guint n;

  if (self->report == NULL || self->report->rejections == NULL)
    return;
  n = MIN (self->report->rejections->len, MAX_LISTED_REJECTIONS);
  for (guint i = 0; i < n; i++)
    {
      SgImportRejection *rejection = g_ptr_array_index (self->report->rejections, i);
      g_autofree char *line = sg_format_count (rejection->line);

      /* Translators: "Line 12: expected 8 fields, found 7" */
      g_string_append_printf (body, _("Line %s: %s"), line, rejection->reason);
      g_string_append_c (body, '\n');
    }
  if (self->report->rows_rejected > n)
    {
      g_autofree char *more = sg_format_count (self->report->rows_rejected - n);

      g_string_append_printf (body, _("…and %s more."), more);
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (get_window (self)), _("Rows Left Out"), body->str);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  sg_a11y_fix_names (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- GObject ---- */

SgSession *
sg_data_page_get_session (SgDataPage *self)
{
  g_return_val_if_fail (SG_IS_DATA_PAGE (self), NULL);

  return self->session;
}

void
sg_data_page_set_session (SgDataPage *self,
                          SgSession  *session)
{
  g_return_if_fail (SG_IS_DATA_PAGE (self));
  g_return_if_fail (session == NULL || SG_IS_SESSION (session));

  if (self->session == session)
    return;
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  if (session != NULL)
    {
      g_signal_connect_object (session, "changed", G_CALLBACK (session_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::dataset-id", G_CALLBACK (dataset_id_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }
  session_changed_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

SgRowModel *
sg_data_page_get_row_model (SgDataPage *self)
{
  g_return_val_if_fail (SG_IS_DATA_PAGE (self), NULL);

  return self->model;
}

GtkColumnView *
sg_data_page_get_column_view (SgDataPage *self)
{
  g_return_val_if_fail (SG_IS_DATA_PAGE (self), NULL);

  return self->column_view;
}

static void
sg_data_page_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  SgDataPage *self = SG_DATA_PAGE (object);

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
sg_data_page_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  SgDataPage *self = SG_DATA_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      sg_data_page_set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sg_data_page_dispose (GObject *object)
{
  SgDataPage *self = SG_DATA_PAGE (object);

  if (self->column_view != NULL)
    clear_columns (self);
  /* AdwBin keeps its own pointer to the child: let it drop it before the template goes. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SG_TYPE_DATA_PAGE);
  g_clear_object (&self->model);
  g_clear_object (&self->session);
  g_clear_pointer (&self->report, sg_import_report_free);

  G_OBJECT_CLASS (sg_data_page_parent_class)->dispose (object);
}

static void
sg_data_page_class_init (SgDataPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sg_data_page_dispose;
  object_class->get_property = sg_data_page_get_property;
  object_class->set_property = sg_data_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, SG_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/sg-data-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SgDataPage, stack);
  gtk_widget_class_bind_template_child (widget_class, SgDataPage, project_title);
  gtk_widget_class_bind_template_child (widget_class, SgDataPage, dataset_list);
  gtk_widget_class_bind_template_child (widget_class, SgDataPage, dataset_title);
  gtk_widget_class_bind_template_child (widget_class, SgDataPage, dataset_subtitle);
  gtk_widget_class_bind_template_child (widget_class, SgDataPage, report_box);
  gtk_widget_class_bind_template_child (widget_class, SgDataPage, report_label);
  gtk_widget_class_bind_template_child (widget_class, SgDataPage, rejected_button);
  gtk_widget_class_bind_template_child (widget_class, SgDataPage, table_scroller);
  gtk_widget_class_bind_template_child (widget_class, SgDataPage, column_view);

  gtk_widget_class_install_action (widget_class, "dataset.rename", NULL, rename_action);
  gtk_widget_class_install_action (widget_class, "dataset.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "dataset.show-rejected", NULL, show_rejected_action);
}

static void
sg_data_page_init (SgDataPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  sg_a11y_fix_names (GTK_WIDGET (self));
  sg_a11y_set_label (GTK_WIDGET (self->column_view), _("Rows of the dataset"));

  g_signal_connect_object (self->dataset_list, "row-selected", G_CALLBACK (row_selected_cb), self,
                           G_CONNECT_SWAPPED);
  show_dataset (self);
}
