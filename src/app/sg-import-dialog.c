/* sg-import-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "SgImportDialog"

#include <string.h>
#include <glib/gi18n.h>

#include "sg-a11y.h"
#include "sg-error.h"
#include "sg-format.h"
#include "sg-import-dialog.h"
#include "sg-importer.h"

/* Rows shown in the preview table. */
#define PREVIEW_ROWS 30

struct _SgImportDialog
{
  AdwWindow        parent_instance;

  /* template */
  AdwWindowTitle  *window_title;
  GtkWidget       *cancel_button;
  GtkWidget       *import_button;
  GtkSpinner      *spinner;
  AdwToastOverlay *toast_overlay;
  GtkStack        *stack;
  AdwStatusPage   *error_page;
  AdwStatusPage   *progress_page;
  AdwEntryRow     *name_row;
  AdwComboRow     *delimiter_row;
  AdwComboRow     *decimal_row;
  AdwComboRow     *date_row;
  AdwComboRow     *encoding_row;
  AdwComboRow     *errors_row;
  GtkSwitch       *header_switch;
  GtkLabel        *summary_label;
  GtkWidget       *warnings_box;
  GtkGrid         *preview_grid;
  GtkProgressBar  *progress_bar;

  SgSession       *session;
  GFile           *file;
  char            *path;
  SgImportOptions  options;
  SgImportPreview *preview;
  GCancellable    *preview_cancellable;
  GCancellable    *import_cancellable;
  gboolean         updating;           /* showing a preview's settings: not the user's choice */
  gboolean         importing;
  gboolean         close_when_stopped;
  gboolean         disposed;
};

G_DEFINE_FINAL_TYPE (SgImportDialog, sg_import_dialog, ADW_TYPE_WINDOW)

enum {
  IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char delimiters[] = { ',', ';', '\t', '|' };

typedef struct {
  char            *path;
  SgImportOptions  options;
} PreviewJob;

static void
preview_job_free (PreviewJob *job)
{
  sg_import_options_clear (&job->options);
  g_free (job->path);
  g_free (job);
}

/* ---- the preview table ---- */

/* Values stay left-aligned under their column's name and kind, numbers included; digits line up
 * through tabular figures. */
static GtkWidget *
cell_new (const char *value,
          gboolean    numeric)
{
  gboolean missing = value == NULL || value[0] == '\0';
  GtkWidget *label = gtk_label_new (missing ? "—" : value);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "cell");
  if (numeric)
    gtk_widget_add_css_class (label, "numeric");
  if (missing)
    gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static SgColumnType
effective_type (SgImportDialog      *self,
                SgImportColumnGuess *guess)
{
  gpointer value = NULL;

  if (self->options.type_overrides != NULL &&
      g_hash_table_lookup_extended (self->options.type_overrides, guess->name, NULL, &value))
    return GPOINTER_TO_INT (value) - 1;
  return guess->type;
}

static void
type_selected_cb (GtkDropDown    *dropdown,
                  GParamSpec     *pspec,
                  SgImportDialog *self)
{
  const char *column = g_object_get_data (G_OBJECT (dropdown), "column");

  if (self->updating)
    return;
  sg_import_options_set_type (&self->options, column, gtk_drop_down_get_selected (dropdown));
}

static GtkWidget *
type_dropdown_new (SgImportDialog      *self,
                   SgImportColumnGuess *guess)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autofree char *label = g_strdup_printf (_("Kind of values in “%s”"), guess->name);
  GtkWidget *dropdown;

  for (int t = 0; t < SG_N_COLUMN_TYPES; t++)
    gtk_string_list_append (kinds, sg_column_type_get_label (t));
  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&kinds)), NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), effective_type (self, guess));
  gtk_widget_set_tooltip_text (dropdown, label);
  sg_a11y_set_label (dropdown, label);
  g_object_set_data_full (G_OBJECT (dropdown), "column", g_strdup (guess->name), g_free);
  g_signal_connect_object (dropdown, "notify::selected", G_CALLBACK (type_selected_cb), self, 0);
  return dropdown;
}

static GtkWidget *
column_header_new (SgImportDialog      *self,
                   SgImportColumnGuess *guess)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *name = gtk_label_new (guess->name);
  g_autofree char *note = NULL;

  gtk_widget_add_css_class (box, "column-header");
  gtk_label_set_xalign (GTK_LABEL (name), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (name), 22);
  gtk_widget_set_tooltip_text (name, guess->name);
  gtk_widget_add_css_class (name, "heading");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), type_dropdown_new (self, guess));

  if (guess->ambiguous)
    note = g_strdup (_("Check this column"));
  else if (guess->n_missing > 0)
    {
      g_autofree char *count = sg_format_count (guess->n_missing);

      note = g_strdup_printf (g_dngettext (NULL, "%s empty in the sample", "%s empty in the sample",
                                           guess->n_missing), count);
    }
  if (note != NULL)
    {
      GtkWidget *label = gtk_label_new (note);

      gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
      gtk_widget_add_css_class (label, "caption");
      gtk_widget_add_css_class (label, guess->ambiguous ? "warning" : "dim-label");
      if (guess->note != NULL)
        gtk_widget_set_tooltip_text (label, guess->note);
      gtk_box_append (GTK_BOX (box), label);
    }
  return box;
}

static void
fill_grid (SgImportDialog *self)
{
  GPtrArray *columns = self->preview->columns;
  GPtrArray *rows = self->preview->rows;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->preview_grid))) != NULL)
    gtk_grid_remove (self->preview_grid, child);

  for (guint c = 0; c < columns->len; c++)
    {
      SgImportColumnGuess *guess = g_ptr_array_index (columns, c);
      gboolean numeric = sg_column_type_is_numeric (guess->type) && guess->type != SG_COLUMN_DATE &&
                         guess->type != SG_COLUMN_DATETIME;

      gtk_grid_attach (self->preview_grid, column_header_new (self, guess), c, 0, 1, 1);
      for (guint r = 0; r < rows->len; r++)
        {
          char **row = g_ptr_array_index (rows, r);
          const char *value = c < g_strv_length (row) ? row[c] : NULL;
          GtkWidget *cell = cell_new (value, numeric);

          if (r % 2 == 1)
            gtk_widget_add_css_class (cell, "odd");
          gtk_grid_attach (self->preview_grid, cell, c, r + 1, 1, 1);
        }
    }
}

/* A grid, not a horizontal box: GTK 4.8's box mismeasures a wrapping label beside an icon by a pixel
 * (a critical, and overlapping rows). */
static void
add_warning (SgImportDialog *self,
             const char     *text)
{
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (icon, "warning");
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_attach (GTK_GRID (grid), icon, 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), label, 1, 0, 1, 1);
  gtk_box_append (GTK_BOX (self->warnings_box), grid);
}

static void
fill_warnings (SgImportDialog *self)
{
  GtkWidget *child;
  guint n = 0;

  while ((child = gtk_widget_get_first_child (self->warnings_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->warnings_box), child);

  for (guint i = 0; self->preview->warnings != NULL && i < self->preview->warnings->len; i++, n++)
    add_warning (self, g_ptr_array_index (self->preview->warnings, i));
  for (guint i = 0; i < self->preview->columns->len; i++)
    {
      SgImportColumnGuess *guess = g_ptr_array_index (self->preview->columns, i);

      if (guess->note != NULL && guess->ambiguous)
        {
          /* Translators: a column's name, then a sentence about it */
          g_autofree char *text = g_strdup_printf (_("%s: %s"), guess->name, guess->note);

          add_warning (self, text);
          n++;
        }
    }
  gtk_widget_set_visible (self->warnings_box, n > 0);
}

static guint
delimiter_index (char delimiter)
{
  for (guint i = 0; i < G_N_ELEMENTS (delimiters); i++)
    if (delimiters[i] == delimiter)
      return i;
  return 0;
}

static void
show_preview (SgImportDialog *self)
{
  SgImportPreview *preview = self->preview;
  g_autofree char *rows = sg_format_count (preview->estimated_rows);
  g_autofree char *summary = NULL;

  self->updating = TRUE;
  adw_combo_row_set_selected (self->delimiter_row, delimiter_index (preview->delimiter));
  gtk_switch_set_active (self->header_switch, preview->has_header);
  adw_combo_row_set_selected (self->decimal_row, preview->decimal_comma ? 1 : 0);
  adw_combo_row_set_selected (self->date_row, preview->date_order);
  adw_combo_row_set_selected (self->encoding_row, preview->encoding == SG_ENCODING_WINDOWS_1252 ? 1 : 0);
  self->updating = FALSE;

  /* Translators: "About 2,000 rows in 8 columns" */
  summary = g_strdup_printf (g_dngettext (NULL, "About %s row in %u columns", "About %s rows in %u columns",
                                          preview->estimated_rows),
                             rows, preview->columns->len);
  gtk_label_set_label (self->summary_label, summary);

  self->updating = TRUE;
  fill_grid (self);
  self->updating = FALSE;
  fill_warnings (self);

  gtk_widget_set_sensitive (self->import_button, preview->columns->len > 0);
  gtk_stack_set_visible_child_name (self->stack, "preview");
}

/* ---- reading the preview ---- */

static void
preview_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  PreviewJob *job = task_data;
  GError *error = NULL;
  SgImportPreview *preview = sg_importer_preview (job->path, &job->options, PREVIEW_ROWS, &error);

  if (preview == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, preview, (GDestroyNotify) sg_import_preview_free);
}

static void
preview_done_cb (GObject      *source_object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  SgImportDialog *self = SG_IMPORT_DIALOG (source_object);
  g_autoptr(GError) error = NULL;
  SgImportPreview *preview = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->disposed)
    {
      g_clear_pointer (&preview, sg_import_preview_free);
      return;
    }
  gtk_spinner_stop (self->spinner);

  if (preview == NULL)
    {
      /* A first look that fails means the file is not a table; a later one, that the setting is wrong. */
      if (self->preview == NULL)
        {
          adw_status_page_set_description (self->error_page, error->message);
          gtk_stack_set_visible_child_name (self->stack, "error");
          gtk_button_set_label (GTK_BUTTON (self->cancel_button), _("_Close"));
          sg_a11y_fix_names (self->cancel_button);
        }
      else
        adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }

  g_clear_pointer (&self->preview, sg_import_preview_free);
  self->preview = preview;
  show_preview (self);
}

static void
start_preview (SgImportDialog *self)
{
  g_autoptr(GTask) task = NULL;
  PreviewJob *job;

  g_cancellable_cancel (self->preview_cancellable);
  g_clear_object (&self->preview_cancellable);
  self->preview_cancellable = g_cancellable_new ();

  /* The worker gets its own copy of the settings. */
  job = g_new0 (PreviewJob, 1);
  job->path = g_strdup (self->path);
  sg_import_options_copy (&job->options, &self->options);

  gtk_spinner_start (self->spinner);
  gtk_widget_set_sensitive (self->import_button, FALSE);
  task = g_task_new (self, self->preview_cancellable, preview_done_cb, NULL);
  g_task_set_source_tag (task, start_preview);
  g_task_set_task_data (task, job, (GDestroyNotify) preview_job_free);
  g_task_run_in_thread (task, preview_thread);
}

static void
setting_changed_cb (SgImportDialog *self)
{
  guint date = adw_combo_row_get_selected (self->date_row);

  if (self->updating)
    return;
  self->options.delimiter = delimiters[MIN (adw_combo_row_get_selected (self->delimiter_row),
                                            G_N_ELEMENTS (delimiters) - 1)];
  self->options.has_header = gtk_switch_get_active (self->header_switch);
  self->options.decimal_comma = adw_combo_row_get_selected (self->decimal_row) == 1;
  self->options.date_order = date <= SG_DATE_ORDER_YMD ? (SgDateOrder) date : SG_DATE_ORDER_AUTO;
  self->options.encoding = adw_combo_row_get_selected (self->encoding_row) == 1
    ? SG_ENCODING_WINDOWS_1252 : SG_ENCODING_UTF8;
  start_preview (self);
}

/* ---- importing ---- */

static char *
build_summary (const SgImportReport *report,
               const char           *name)
{
  g_autofree char *stored = sg_format_count (report->rows_stored);
  g_autofree char *rejected = sg_format_count (report->rows_rejected);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  first = g_strdup_printf (g_dngettext (NULL, "Imported %s row into “%s”", "Imported %s rows into “%s”",
                                        report->rows_stored), stored, name);
  if (report->rows_rejected == 0)
    return g_steal_pointer (&first);
  second = g_strdup_printf (g_dngettext (NULL, "%s row could not be read", "%s rows could not be read",
                                         report->rows_rejected), rejected);
  /* Translators: "Imported 1,000 rows into “customers”; 3 rows could not be read" */
  return g_strdup_printf (_("%s; %s"), first, second);
}

static void
import_progress_cb (double      fraction,
                    const char *message,
                    gpointer    user_data)
{
  SgImportDialog *self = user_data;
  g_autofree char *text = NULL;

  if (self->disposed)
    return;
  gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (fraction, 0.0, 1.0));
  if (message != NULL)
    /* Translators: a progress message and a percentage: "Reading rows (42 %)" */
    text = g_strdup_printf (_("%s (%d %%)"), message, (int) (CLAMP (fraction, 0.0, 1.0) * 100));
  gtk_progress_bar_set_text (self->progress_bar, text);
}

static void
set_importing (SgImportDialog *self,
               gboolean        importing)
{
  self->importing = importing;
  gtk_widget_set_sensitive (self->import_button, !importing);
  gtk_widget_set_visible (self->import_button, !importing);
  gtk_stack_set_visible_child_name (self->stack, importing ? "progress" : "preview");
}

static void
import_done_cb (GObject      *source_object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(SgImportDialog) self = user_data;
  g_autoptr(SgImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  gint64 dataset_id;

  dataset_id = sg_importer_run_finish (SG_PROJECT (source_object), result, &report, &error);
  self->importing = FALSE;
  if (self->disposed)
    return;

  if (dataset_id == 0)
    {
      if (self->close_when_stopped)
        {
          gtk_window_destroy (GTK_WINDOW (self));
          return;
        }
      set_importing (self, FALSE);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_toast_overlay_add_toast (self->toast_overlay,
                                     adw_toast_new (_("Import cancelled; nothing was stored")));
      else
        {
          /* A row that stopped the import: the other way is to leave such rows out. */
          gboolean row_error = g_error_matches (error, SG_ERROR, SG_ERROR_PARSE) &&
                               self->options.on_error == SG_ON_ERROR_STOP;
          g_autofree char *body = g_strdup_printf ("%s\n\n%s", error->message,
                                                   row_error
                                                   ? _("Nothing was stored. To import the other rows, choose "
                                                       "“Skip and list them” for rows that cannot be read.")
                                                   : _("Nothing was stored."));
          GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("The Import Stopped"), body);

          adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
          sg_a11y_fix_names (dialog);
          gtk_window_present (GTK_WINDOW (dialog));
        }
      return;
    }

  if (report != NULL)
    summary = build_summary (report, self->options.dataset_name);
  g_signal_emit (self, signals[IMPORTED], 0, dataset_id, summary);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* Keeps only the kinds chosen for columns the file has now (the header setting renames columns): the
 * importer refuses a kind for a column it does not find. */
static void
prune_type_overrides (SgImportDialog *self)
{
  GHashTableIter iter;
  gpointer key;

  if (self->options.type_overrides == NULL)
    return;
  g_hash_table_iter_init (&iter, self->options.type_overrides);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      gboolean found = FALSE;

      for (guint c = 0; c < self->preview->columns->len && !found; c++)
        found = g_strcmp0 (((SgImportColumnGuess *) g_ptr_array_index (self->preview->columns, c))->name,
                           key) == 0;
      if (!found)
        g_hash_table_iter_remove (&iter);
    }
}

/* Dates such as 03/04/2024 that read both ways need the user's word on the order: the importer
 * refuses to guess. */
static gboolean
needs_date_order (SgImportDialog *self)
{
  if (self->options.date_order != SG_DATE_ORDER_AUTO)
    return FALSE;
  for (guint c = 0; c < self->preview->columns->len; c++)
    {
      SgImportColumnGuess *guess = g_ptr_array_index (self->preview->columns, c);
      SgColumnType type = effective_type (self, guess);

      if (guess->ambiguous && (type == SG_COLUMN_DATE || type == SG_COLUMN_DATETIME))
        return TRUE;
    }
  return FALSE;
}

static gboolean
name_is_taken (SgImportDialog *self,
               const char     *name)
{
  GPtrArray *datasets = sg_session_get_datasets (self->session);

  for (guint i = 0; i < datasets->len; i++)
    if (g_strcmp0 (((SgDatasetInfo *) g_ptr_array_index (datasets, i))->name, name) == 0)
      return TRUE;
  return FALSE;
}

static void
import_clicked_cb (SgImportDialog *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  g_autofree char *base = g_file_get_basename (self->file);
  g_autofree char *title = NULL;

  if (self->importing || self->preview == NULL)
    return;
  if (name[0] == '\0' || name_is_taken (self, name))
    {
      g_autofree char *message = name[0] == '\0'
        ? g_strdup (_("Give the dataset a name"))
        : g_strdup_printf (_("The project already has a dataset named “%s”; choose another name"), name);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
      gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
      return;
    }

  if (needs_date_order (self))
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("Some dates read both ways, like 03/04: choose whether "
                                                    "the day or the month comes first")));
      gtk_widget_grab_focus (GTK_WIDGET (self->date_row));
      return;
    }

  g_free (self->options.dataset_name);
  self->options.dataset_name = g_steal_pointer (&name);
  self->options.on_error = adw_combo_row_get_selected (self->errors_row) == 0 ? SG_ON_ERROR_SKIP
                                                                               : SG_ON_ERROR_STOP;
  prune_type_overrides (self);
  title = g_strdup_printf (_("Importing “%s”"), base);
  adw_status_page_set_title (self->progress_page, title);
  adw_status_page_set_description (self->progress_page,
                                   _("Nothing is stored until the whole file has been read."));
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_progress_bar_set_text (self->progress_bar, NULL);
  set_importing (self, TRUE);

  g_clear_object (&self->import_cancellable);
  self->import_cancellable = g_cancellable_new ();
  sg_importer_run_async (sg_session_get_project (self->session), self->path, &self->options,
                         self->import_cancellable, import_progress_cb, self,
                         import_done_cb, g_object_ref (self));
}

static void
stop_clicked_cb (SgImportDialog *self)
{
  g_cancellable_cancel (self->import_cancellable);
}

static void
cancel_clicked_cb (SgImportDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
sg_import_dialog_close_request (GtkWindow *window)
{
  SgImportDialog *self = SG_IMPORT_DIALOG (window);

  if (self->importing)
    {
      /* Closes once the worker has undone what it wrote. */
      self->close_when_stopped = TRUE;
      g_cancellable_cancel (self->import_cancellable);
      return TRUE;
    }
  return GTK_WINDOW_CLASS (sg_import_dialog_parent_class)->close_request (window);
}

static void
sg_import_dialog_dispose (GObject *object)
{
  SgImportDialog *self = SG_IMPORT_DIALOG (object);

  self->disposed = TRUE;
  g_cancellable_cancel (self->preview_cancellable);
  g_cancellable_cancel (self->import_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), SG_TYPE_IMPORT_DIALOG);

  G_OBJECT_CLASS (sg_import_dialog_parent_class)->dispose (object);
}

static void
sg_import_dialog_finalize (GObject *object)
{
  SgImportDialog *self = SG_IMPORT_DIALOG (object);

  sg_import_options_clear (&self->options);
  g_clear_pointer (&self->preview, sg_import_preview_free);
  g_clear_object (&self->preview_cancellable);
  g_clear_object (&self->import_cancellable);
  g_clear_object (&self->session);
  g_clear_object (&self->file);
  g_free (self->path);

  G_OBJECT_CLASS (sg_import_dialog_parent_class)->finalize (object);
}

static void
sg_import_dialog_class_init (SgImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = sg_import_dialog_dispose;
  object_class->finalize = sg_import_dialog_finalize;
  window_class->close_request = sg_import_dialog_close_request;

  /**
   * SgImportDialog::imported:
   * @dataset_id: the new dataset
   * @summary: (nullable): a sentence for the user about what was stored
   *
   * The file was imported; the dialog closes right after.
   */
  signals[IMPORTED] =
    g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/sg-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SgImportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, SgImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, SgImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, SgImportDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, SgImportDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SgImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, SgImportDialog, error_page);
  gtk_widget_class_bind_template_child (widget_class, SgImportDialog, progress_page);
  gtk_widget_class_bind_template_child (widget_class, SgImportDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, SgImportDialog, delimiter_row);
  gtk_widget_class_bind_template_child (widget_class, SgImportDialog, decimal_row);
  gtk_widget_class_bind_template_child (widget_class, SgImportDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, SgImportDialog, encoding_row);
  gtk_widget_class_bind_template_child (widget_class, SgImportDialog, errors_row);
  gtk_widget_class_bind_template_child (widget_class, SgImportDialog, header_switch);
  gtk_widget_class_bind_template_child (widget_class, SgImportDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, SgImportDialog, warnings_box);
  gtk_widget_class_bind_template_child (widget_class, SgImportDialog, preview_grid);
  gtk_widget_class_bind_template_child (widget_class, SgImportDialog, progress_bar);
  gtk_widget_class_bind_template_callback (widget_class, import_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sg_import_dialog_init (SgImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  sg_a11y_fix_names (GTK_WIDGET (self));
  sg_import_options_init (&self->options);
  self->options.on_error = SG_ON_ERROR_SKIP;

  g_signal_connect_object (self->delimiter_row, "notify::selected", G_CALLBACK (setting_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->decimal_row, "notify::selected", G_CALLBACK (setting_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->date_row, "notify::selected", G_CALLBACK (setting_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->encoding_row, "notify::selected", G_CALLBACK (setting_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->header_switch, "notify::active", G_CALLBACK (setting_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

GtkWidget *
sg_import_dialog_new (GtkWindow *parent,
                      SgSession *session,
                      GFile     *file)
{
  SgImportDialog *self;
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;
  char *dot;

  g_return_val_if_fail (SG_IS_SESSION (session), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (SG_TYPE_IMPORT_DIALOG, "transient-for", parent, NULL);
  self->session = g_object_ref (session);
  self->file = g_object_ref (file);
  self->path = g_file_get_path (file);

  base = g_file_get_basename (file);
  adw_window_title_set_subtitle (self->window_title, base);
  dot = strrchr (base, '.');
  if (dot != NULL && dot != base)
    *dot = '\0';
  name = sg_project_unique_dataset_name (sg_session_get_project (session), base);
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name);

  if (self->path == NULL)
    {
      adw_status_page_set_description (self->error_page, _("Only files stored on this computer can be imported."));
      gtk_stack_set_visible_child_name (self->stack, "error");
    }
  else
    start_preview (self);
  return GTK_WIDGET (self);
}
