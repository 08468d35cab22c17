/* sg-export-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "SgExportPage"

#include <glib/gi18n.h>

#include "sg-a11y.h"
#include "sg-async.h"
#include "sg-editor-style.h"
#include "sg-export.h"
#include "sg-export-page.h"
#include "sg-format.h"
#include "sg-report.h"

typedef enum {
  JOB_NONE,
  JOB_LISTS,
  JOB_JSON,
  JOB_REPORT,
} Job;

struct _SgExportPage
{
  AdwBin           parent_instance;

  /* template */
  AdwToastOverlay *toast_overlay;
  GtkStack        *stack;
  AdwStatusPage   *status_page;
  GtkWidget       *back_button;
  GtkLabel        *run_title;
  GtkLabel        *run_subtitle;
  GtkRevealer     *activity_revealer;
  GtkLabel        *activity_label;
  GtkProgressBar  *progress_bar;
  AdwComboRow     *files_row;
  AdwExpanderRow  *columns_row;
  AdwComboRow     *delimiter_row;
  GtkSwitch       *bom_switch;
  AdwActionRow    *pseudonymise_row;
  GtkSwitch       *pseudonymise_switch;
  AdwComboRow     *control_row;

  SgSession       *session;
  gint64           run_id;
  gint64           dataset_id;
  GPtrArray       *column_rows;      /* AdwActionRow per dataset column (the expander owns them) */
  char            *id_column;        /* found by the engine; NULL while looking or if none */
  gboolean         columns_touched;  /* the user ticked something: suggestions no longer apply */
  gboolean         filling;
  GCancellable    *suggest_cancellable;
  gboolean         suggesting;

  Job              job;
  GCancellable    *job_cancellable;
  GFile           *job_target;
  GFile           *last_folder;
  char            *last_message;
  gboolean         last_failed;
};

G_DEFINE_FINAL_TYPE (SgExportPage, sg_export_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- words ---- */

char *
sg_export_page_describe_lists (GPtrArray  *files,
                               const char *folder_name,
                               gboolean    control_skipped)
{
  guint64 rows = 0, control = 0;
  guint n_files;
  g_autofree char *rows_text = NULL;
  g_autofree char *control_text = NULL;
  g_autofree char *what = NULL;

  g_return_val_if_fail (files != NULL, NULL);

  n_files = files->len;
  for (guint i = 0; i < files->len; i++)
    {
      SgExportFile *file = g_ptr_array_index (files, i);

      rows += file->n_rows;
      control += file->n_control;
    }
  rows_text = sg_format_count (rows);
  control_text = sg_format_count (control);
  if (n_files == 1)
    what = g_strdup_printf (g_dngettext (NULL, "Exported a list of %s customer", "Exported a list of %s customers",
                                         (gulong) MIN (rows, G_MAXULONG)),
                            rows_text);
  else
    /* Translators: "Exported 5 customer lists (1,960 customers" — the sentence continues */
    what = g_strdup_printf (g_dngettext (NULL, "Exported %u customer list (%s customers", "Exported %u customer lists (%s customers",
                                         n_files),
                            n_files, rows_text);
  if (n_files == 1)
    {
      if (control > 0 && !control_skipped)
        /* Translators: continues "Exported a list of 1,960 customers"; then the folder */
        return g_strdup_printf (_("%s, %s of them in control groups, to “%s”."), what, control_text, folder_name);
      return g_strdup_printf (_("%s to “%s”."), what, folder_name);
    }
  if (control > 0 && !control_skipped)
    return g_strdup_printf (_("%s, %s of them in control groups) to “%s”."), what, control_text, folder_name);
  return g_strdup_printf (_("%s) to “%s”."), what, folder_name);
}

/* ---- busy ---- */

gboolean
sg_export_page_get_busy (SgExportPage *self)
{
  g_return_val_if_fail (SG_IS_EXPORT_PAGE (self), FALSE);

  return self->job != JOB_NONE || self->suggesting;
}

const char *
sg_export_page_get_last_message (SgExportPage *self)
{
  g_return_val_if_fail (SG_IS_EXPORT_PAGE (self), NULL);

  return self->last_message;
}

gboolean
sg_export_page_get_last_failed (SgExportPage *self)
{
  g_return_val_if_fail (SG_IS_EXPORT_PAGE (self), FALSE);

  return self->last_failed;
}

static void
update_actions (SgExportPage *self)
{
  gboolean can = self->job == JOB_NONE && self->run_id != 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.lists", can);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.json", can);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.report", can);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.cancel", self->job != JOB_NONE);
  gtk_revealer_set_reveal_child (self->activity_revealer, self->job != JOB_NONE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
progress_cb (double      fraction,
             const char *message,
             gpointer    data)
{
  SgExportPage *self = data;

  if (self->job == JOB_NONE)
    return;
  gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (fraction, 0.0, 1.0));
  if (message != NULL && *message != '\0')
    gtk_label_set_text (self->activity_label, message);
}

static void
begin_job (SgExportPage *self,
           Job           job,
           GFile        *target,
           const char   *what)
{
  self->job = job;
  g_set_object (&self->job_target, target);
  g_clear_object (&self->job_cancellable);
  self->job_cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_label_set_text (self->activity_label, what);
  update_actions (self);
}

static void
launched_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  g_autoptr(GError) error = NULL;

#if GTK_CHECK_VERSION (4, 10, 0)
  if (GTK_IS_FILE_LAUNCHER (source))
    gtk_file_launcher_launch_finish (GTK_FILE_LAUNCHER (source), result, &error);
  else
#endif
    g_app_info_launch_default_for_uri_finish (result, &error);
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not open what was exported: %s", error->message);
}

static void
launch_uri (SgExportPage *self,
            const char   *uri)
{
#if GTK_CHECK_VERSION (4, 10, 0)
  /* The desktop's file manager or viewer, through the portal inside a sandbox. */
  g_autoptr(GFile) file = g_file_new_for_uri (uri);
  g_autoptr(GtkFileLauncher) launcher = gtk_file_launcher_new (file);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  gtk_file_launcher_launch (launcher, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, NULL, launched_cb, NULL);
#else
  g_autoptr(GdkAppLaunchContext) context = gdk_display_get_app_launch_context (gtk_widget_get_display (GTK_WIDGET (self)));

  /* The desktop's file manager or viewer (GLib goes through the OpenURI portal inside a sandbox). */
  g_app_info_launch_default_for_uri_async (uri, G_APP_LAUNCH_CONTEXT (context), NULL, launched_cb, NULL);
#endif
}

static void
open_uri_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  launch_uri (SG_EXPORT_PAGE (widget), g_variant_get_string (parameter, NULL));
}

/* Ends the job with a toast (success, cancel) or a message that stays (failure). */
static void
end_job (SgExportPage *self,
         const char   *message,
         const GError *error,
         const char   *failure_heading,
         const char   *open_label)
{
  g_autoptr(GFile) target = g_steal_pointer (&self->job_target);

  self->job = JOB_NONE;
  update_actions (self);
  g_free (self->last_message);
  self->last_failed = error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  if (error != NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      self->last_message = g_strdup (_("Export cancelled: nothing was written."));
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (self->last_message));
    }
  else if (error != NULL)
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      GtkWidget *dialog;

      /* Translators: the engine's reason, then a promise about the files */
      self->last_message = g_strdup_printf (_("%s\n\nNo half-written file was left behind."), error->message);
      if (GTK_IS_WINDOW (root))
        {
          dialog = adw_message_dialog_new (GTK_WINDOW (root), failure_heading, self->last_message);
          adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
          gtk_window_present (GTK_WINDOW (dialog));
        }
    }
  else
    {
      AdwToast *toast = adw_toast_new (message);
      g_autofree char *uri = target != NULL ? g_file_get_uri (target) : NULL;

      self->last_message = g_strdup (message);
      adw_toast_set_timeout (toast, 10);
      if (uri != NULL)
        {
          adw_toast_set_button_label (toast, open_label);
          adw_toast_set_action_name (toast, "export.open-uri");
          adw_toast_set_action_target_value (toast, g_variant_new_string (uri));
        }
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
    }
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SgExportPage *self = SG_EXPORT_PAGE (widget);

  g_cancellable_cancel (self->job_cancellable);
  gtk_label_set_text (self->activity_label, _("Cancelling…"));
}

/* ---- columns ---- */

static GStrv
chosen_columns (SgExportPage *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < self->column_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->column_rows, i);
      GtkCheckButton *check = g_object_get_data (G_OBJECT (row), "sg-check");

      if (gtk_check_button_get_active (check))
        g_strv_builder_add (builder, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
    }
  return g_strv_builder_end (builder);
}

static void
update_columns_summary (SgExportPage *self)
{
  g_auto(GStrv) chosen = chosen_columns (self);
  g_autofree char *list = g_strjoinv (", ", chosen);
  g_autofree char *subtitle = NULL;

  if (self->suggesting && !self->columns_touched)
    subtitle = g_strdup (_("Looking for the id, e-mail and name columns…"));
  else if (chosen[0] == NULL)
    subtitle = g_strdup (_("None ticked: the lists will only say segment, persona, objective and control. Tick an id or e-mail column so your tools can find the customers."));
  else
    /* Translators: %s lists the chosen columns ("customer_id, email, name") */
    subtitle = g_strdup_printf (_("%s, then segment, persona, objective and control"), list);
  adw_expander_row_set_subtitle (self->columns_row, subtitle);
}

static void
column_toggled_cb (GtkCheckButton *check,
                   SgExportPage   *self)
{
  if (!self->filling)
    self->columns_touched = TRUE;
  update_columns_summary (self);
}

GtkCheckButton *
sg_export_page_get_column_check (SgExportPage *self,
                                 const char   *column)
{
  g_return_val_if_fail (SG_IS_EXPORT_PAGE (self), NULL);

  for (guint i = 0; i < self->column_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->column_rows, i);

      if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), column) == 0)
        return g_object_get_data (G_OBJECT (row), "sg-check");
    }
  return NULL;
}

static void
update_pseudonymise (SgExportPage *self)
{
  g_autofree char *subtitle = NULL;

  if (self->suggesting)
    subtitle = g_strdup (_("Replaces each customer id with a code that stays the same in every export of this project, so lists can be matched with each other without showing who is who."));
  else if (self->id_column == NULL)
    subtitle = g_strdup (_("No column of unique customer ids was found in this dataset, so there is nothing to pseudonymise."));
  else
    /* Translators: %s is the id column's name */
    subtitle = g_strdup_printf (_("Replaces each id in “%s” with a code that stays the same in every export of this project, so lists can be matched with each other without showing who is who. Leave out e-mail and names too for a list that names no one."),
                                self->id_column);
  adw_action_row_set_subtitle (self->pseudonymise_row, subtitle);
  gtk_widget_set_sensitive (GTK_WIDGET (self->pseudonymise_row), self->suggesting || self->id_column != NULL);
}

typedef struct {
  SgProject *worker;
  gint64     dataset_id;
} SuggestTask;

typedef struct {
  GStrv  columns;
  char  *id_column;
} Suggestion;

static void
suggest_task_free (SuggestTask *task)
{
  g_clear_object (&task->worker);
  g_free (task);
}

static void
suggestion_free (Suggestion *suggestion)
{
  g_strfreev (suggestion->columns);
  g_free (suggestion->id_column);
  g_free (suggestion);
}

static gpointer
suggest_work (gpointer     data,
              SgProgress  *progress,
              GError     **error)
{
  SuggestTask *task = data;
  g_autoptr(SgTable) table = sg_project_load_table (task->worker, task->dataset_id, NULL, 0, error);
  Suggestion *suggestion;
  int id;

  if (table == NULL)
    return NULL;
  suggestion = g_new0 (Suggestion, 1);
  suggestion->columns = sg_export_suggest_columns (table);
  id = sg_export_detect_column (table, SG_CONTACT_ID);
  if (id >= 0)
    suggestion->id_column = g_strdup (sg_table_get_column (table, (guint) id)->name);
  return suggestion;
}

static void
suggest_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  g_autoptr(SgExportPage) self = data;
  g_autoptr(GError) error = NULL;
  Suggestion *suggestion = sg_async_finish (result, suggest_work, &error);

  if (suggestion == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->suggesting = FALSE;
  if (suggestion == NULL)
    g_warning ("Could not find the contact columns: %s", error->message);
  else
    {
      g_free (self->id_column);
      self->id_column = g_strdup (suggestion->id_column);
      if (!self->columns_touched)
        {
          self->filling = TRUE;
          for (guint i = 0; i < self->column_rows->len; i++)
            {
              GtkWidget *row = g_ptr_array_index (self->column_rows, i);
              const char *name = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));

              gtk_check_button_set_active (g_object_get_data (G_OBJECT (row), "sg-check"),
                                           g_strv_contains ((const char *const *) suggestion->columns, name));
            }
          self->filling = FALSE;
        }
      suggestion_free (suggestion);
    }
  update_columns_summary (self);
  update_pseudonymise (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
start_suggest (SgExportPage *self)
{
  g_autoptr(GError) error = NULL;
  SuggestTask *task = g_new0 (SuggestTask, 1);

  g_cancellable_cancel (self->suggest_cancellable);
  g_clear_object (&self->suggest_cancellable);
  self->suggest_cancellable = g_cancellable_new ();
  task->dataset_id = self->dataset_id;
  task->worker = sg_project_reopen (sg_session_get_project (self->session), &error);
  if (task->worker == NULL)
    {
      g_warning ("Could not look for the contact columns: %s", error->message);
      suggest_task_free (task);
      return;
    }
  self->suggesting = TRUE;
  sg_async_run (self, suggest_work, suggest_work, task, (GDestroyNotify) suggest_task_free,
                (GDestroyNotify) suggestion_free, self->suggest_cancellable, NULL, NULL, suggest_done_cb,
                g_object_ref (self));
}

static void
fill_columns (SgExportPage  *self,
              SgDatasetInfo *dataset)
{
  for (guint i = 0; i < self->column_rows->len; i++)
    adw_expander_row_remove (self->columns_row, g_ptr_array_index (self->column_rows, i));
  g_ptr_array_set_size (self->column_rows, 0);
  g_clear_pointer (&self->id_column, g_free);
  self->columns_touched = FALSE;

  for (guint i = 0; dataset != NULL && i < dataset->columns->len; i++)
    {
      SgColumnInfo *column = g_ptr_array_index (dataset->columns, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), column->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), sg_column_type_get_label (column->type));
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      sg_a11y_set_label (check, column->name);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_object_set_data (G_OBJECT (row), "sg-check", check);
      g_signal_connect (check, "toggled", G_CALLBACK (column_toggled_cb), self);
      adw_expander_row_add_row (self->columns_row, row);
      g_ptr_array_add (self->column_rows, row);
    }
  start_suggest (self);
  update_columns_summary (self);
  update_pseudonymise (self);
}

/* ---- the run ---- */

static void
update (SgExportPage *self)
{
  SgRunInfo *run = self->session != NULL ? sg_session_get_run (self->session) : NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *count = NULL;

  if (run == NULL)
    {
      g_autofree char *description = g_strdup_printf ("%s\n\n%s",
        _("Take your segments to where you work: customer lists per segment for your mailing and advertising tools, and a report to share with your team."),
        _("There is nothing to export yet: let Segmenta find groups of similar customers first."));

      self->run_id = 0;
      adw_status_page_set_description (self->status_page, description);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      update_actions (self);
      return;
    }

  gtk_stack_set_visible_child_name (self->stack, "content");
  /* Translators: the Export page's heading; %s is the segmentation's name */
  title = g_strdup_printf (_("Export “%s”"), run->name);
  gtk_label_set_text (self->run_title, title);
  count = sg_format_count (run->n_rows - MIN (run->n_excluded, run->n_rows));
  subtitle = g_strdup_printf (g_dngettext (NULL, "%u segment of %s customers", "%u segments of %s customers", run->k),
                              run->k, count);
  gtk_label_set_text (self->run_subtitle, subtitle);

  if (run->id != self->run_id || run->dataset_id != self->dataset_id)
    {
      self->run_id = run->id;
      self->dataset_id = run->dataset_id;
      fill_columns (self, sg_session_lookup_dataset (self->session, run->dataset_id));
    }
  update_actions (self);
}

static void
session_changed_cb (SgExportPage *self)
{
  update (self);
}

gboolean
sg_export_page_get_ready (SgExportPage *self)
{
  g_return_val_if_fail (SG_IS_EXPORT_PAGE (self), FALSE);

  return self->session != NULL && sg_session_get_n_runs (self->session) > 0;
}

SgSession *
sg_export_page_get_session (SgExportPage *self)
{
  g_return_val_if_fail (SG_IS_EXPORT_PAGE (self), NULL);

  return self->session;
}

void
sg_export_page_set_session (SgExportPage *self,
                            SgSession    *session)
{
  g_return_if_fail (SG_IS_EXPORT_PAGE (self));
  g_return_if_fail (session == NULL || SG_IS_SESSION (session));

  if (self->session == session)
    return;
  g_cancellable_cancel (self->job_cancellable);
  g_cancellable_cancel (self->suggest_cancellable);
  self->suggesting = FALSE;
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  self->run_id = 0;
  self->dataset_id = 0;
  if (session != NULL)
    {
      g_signal_connect_object (session, "changed", G_CALLBACK (session_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::run-id", G_CALLBACK (session_changed_cb), self, G_CONNECT_SWAPPED);
    }
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

/* ---- customer lists ---- */

static void
lists_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  g_autoptr(SgExportPage) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) files = sg_export_csv_finish (SG_PROJECT (source), result, &error);
  g_autofree char *message = NULL;

  if (files != NULL)
    {
      g_autofree char *folder = self->job_target != NULL ? g_file_get_basename (self->job_target) : g_strdup ("");

      message = sg_export_page_describe_lists (files, folder, adw_combo_row_get_selected (self->control_row) == 1);
    }
  end_job (self, message, error, _("Could Not Export the Customer Lists"), _("Open Folder"));
}

void
sg_export_page_export_lists (SgExportPage *self,
                             GFile        *folder)
{
  static const char delimiters[] = { ',', ';', '\t' };
  g_autofree char *path = NULL;
  SgExportOptions options;
  guint delimiter;

  g_return_if_fail (SG_IS_EXPORT_PAGE (self));
  g_return_if_fail (G_IS_FILE (folder));

  if (self->job != JOB_NONE || self->run_id == 0)
    return;
  path = g_file_get_path (folder);
  if (path == NULL)
    return;
  g_set_object (&self->last_folder, folder);

  sg_export_options_init (&options);
  options.run_id = self->run_id;
  options.per_segment = adw_combo_row_get_selected (self->files_row) == 0;
  options.columns = chosen_columns (self);
  delimiter = adw_combo_row_get_selected (self->delimiter_row);
  options.delimiter = delimiters[MIN (delimiter, G_N_ELEMENTS (delimiters) - 1)];
  options.bom = gtk_switch_get_active (self->bom_switch);
  options.pseudonymise = gtk_switch_get_active (self->pseudonymise_switch) && self->id_column != NULL;
  options.id_column = g_strdup (self->id_column);
  options.skip_control = adw_combo_row_get_selected (self->control_row) == 1;

  begin_job (self, JOB_LISTS, folder, _("Writing the customer lists…"));
  sg_export_csv_async (sg_session_get_project (self->session), &options, path, self->job_cancellable,
                       progress_cb, self, lists_done_cb, g_object_ref (self));
  sg_export_options_clear (&options);
}

/* ---- JSON ---- */

static void
json_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  g_autoptr(SgExportPage) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SgExportFile) file = sg_export_json_finish (SG_PROJECT (source), result, &error);
  g_autofree char *message = NULL;

  if (file != NULL)
    {
      g_autofree char *name = g_path_get_basename (file->path);

      /* Translators: %s is a file name */
      message = g_strdup_printf (_("Saved the segments, personas and playbooks as “%s”."), name);
    }
  end_job (self, message, error, _("Could Not Export the JSON File"), _("Open"));
}

void
sg_export_page_export_json (SgExportPage *self,
                            GFile        *file)
{
  g_autofree char *path = NULL;

  g_return_if_fail (SG_IS_EXPORT_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->job != JOB_NONE || self->run_id == 0 || (path = g_file_get_path (file)) == NULL)
    return;
  begin_job (self, JOB_JSON, file, _("Writing the JSON file…"));
  gtk_progress_bar_pulse (self->progress_bar);
  sg_export_json_async (sg_session_get_project (self->session), self->run_id, path, self->job_cancellable,
                        json_done_cb, g_object_ref (self));
}

/* ---- the report ---- */

static void
report_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  g_autoptr(SgExportPage) self = data;
  g_autoptr(GError) error = NULL;
  guint pages = sg_report_write_pdf_finish (SG_PROJECT (source), result, &error);
  g_autofree char *message = NULL;

  if (pages > 0 && self->job_target != NULL)
    {
      g_autofree char *name = g_file_get_basename (self->job_target);

      /* Translators: "Created the report “Segments.pdf” (14 pages)." */
      message = g_strdup_printf (g_dngettext (NULL, "Created the report “%s” (%u page).",
                                              "Created the report “%s” (%u pages).", pages),
                                 name, pages);
    }
  else if (pages == 0 && error == NULL)
    g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The report came out empty."));
  end_job (self, message, error, _("Could Not Create the Report"), _("Open"));
}

void
sg_export_page_create_report (SgExportPage *self,
                              GFile        *file)
{
  g_autofree char *path = NULL;

  g_return_if_fail (SG_IS_EXPORT_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->job != JOB_NONE || self->run_id == 0 || (path = g_file_get_path (file)) == NULL)
    return;
  begin_job (self, JOB_REPORT, file, _("Drawing the report…"));
  sg_report_write_pdf_async (sg_session_get_project (self->session), self->run_id, path, NULL,
                             self->job_cancellable, progress_cb, self, report_done_cb, g_object_ref (self));
}

/* ---- choosers ---- */

typedef void (*ChosenFunc) (SgExportPage *self, GFile *file);

static void
chooser_response_cb (GtkNativeDialog *native,
                     int              response,
                     gpointer         data)
{
  g_autoptr(SgExportPage) self = data;
  ChosenFunc chosen = g_object_get_data (G_OBJECT (native), "sg-chosen");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      if (file != NULL)
        chosen (self, file);
    }
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

static void
choose (SgExportPage          *self,
        const char            *title,
        GtkFileChooserAction   action,
        const char            *accept,
        const char            *suggested_name,
        ChosenFunc             chosen)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, action,
                                        accept, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  if (self->last_folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), self->last_folder, NULL);
  if (suggested_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), suggested_name);
  g_object_set_data (G_OBJECT (native), "sg-chosen", chosen);
  g_signal_connect (native, "response", G_CALLBACK (chooser_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static char *
suggested_file_name (SgExportPage *self,
                     const char   *what,
                     const char   *extension)
{
  g_autofree char *project = sg_session_dup_title (self->session);
  SgRunInfo *run = sg_session_get_run (self->session);
  /* Translators: a suggested file name: project, segmentation, what it is ("Shop – k-means 5 – report") */
  g_autofree char *base = g_strdup_printf (_("%s – %s – %s"), project, run != NULL ? run->name : "", what);
  g_autofree char *safe = sg_export_safe_file_name (base, what);

  return g_strconcat (safe, extension, NULL);
}

static void
remember_and_export_json (SgExportPage *self,
                          GFile        *file)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);

  g_set_object (&self->last_folder, parent);
  sg_export_page_export_json (self, file);
}

static void
remember_and_create_report (SgExportPage *self,
                            GFile        *file)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);

  g_set_object (&self->last_folder, parent);
  sg_export_page_create_report (self, file);
}

static void
lists_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  choose (SG_EXPORT_PAGE (widget), _("Choose a Folder for the Customer Lists"), GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
          _("_Export Here"), NULL, sg_export_page_export_lists);
}

static void
json_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SgExportPage *self = SG_EXPORT_PAGE (widget);
  g_autofree char *name = suggested_file_name (self, _("segments"), ".json");

  choose (self, _("Export JSON"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), name, remember_and_export_json);
}

static void
report_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SgExportPage *self = SG_EXPORT_PAGE (widget);
  g_autofree char *name = suggested_file_name (self, _("report"), ".pdf");

  choose (self, _("Save the Report"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Create"), name, remember_and_create_report);
}

/* ---- GObject ---- */

static void
sg_export_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  SgExportPage *self = SG_EXPORT_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, sg_export_page_get_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sg_export_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  SgExportPage *self = SG_EXPORT_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      sg_export_page_set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sg_export_page_dispose (GObject *object)
{
  SgExportPage *self = SG_EXPORT_PAGE (object);

  g_cancellable_cancel (self->job_cancellable);
  g_cancellable_cancel (self->suggest_cancellable);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  /* AdwBin keeps its own pointer to the child: let it drop it before the template goes. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SG_TYPE_EXPORT_PAGE);

  G_OBJECT_CLASS (sg_export_page_parent_class)->dispose (object);
}

static void
sg_export_page_finalize (GObject *object)
{
  SgExportPage *self = SG_EXPORT_PAGE (object);

  g_clear_pointer (&self->column_rows, g_ptr_array_unref);
  g_free (self->id_column);
  g_clear_object (&self->suggest_cancellable);
  g_clear_object (&self->job_cancellable);
  g_clear_object (&self->job_target);
  g_clear_object (&self->last_folder);
  g_free (self->last_message);

  G_OBJECT_CLASS (sg_export_page_parent_class)->finalize (object);
}

static void
sg_export_page_class_init (SgExportPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sg_export_page_dispose;
  object_class->finalize = sg_export_page_finalize;
  object_class->get_property = sg_export_page_get_property;
  object_class->set_property = sg_export_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, SG_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/sg-export-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SgExportPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SgExportPage, stack);
  gtk_widget_class_bind_template_child (widget_class, SgExportPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, SgExportPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, SgExportPage, run_title);
  gtk_widget_class_bind_template_child (widget_class, SgExportPage, run_subtitle);
  gtk_widget_class_bind_template_child (widget_class, SgExportPage, activity_revealer);
  gtk_widget_class_bind_template_child (widget_class, SgExportPage, activity_label);
  gtk_widget_class_bind_template_child (widget_class, SgExportPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, SgExportPage, files_row);
  gtk_widget_class_bind_template_child (widget_class, SgExportPage, columns_row);
  gtk_widget_class_bind_template_child (widget_class, SgExportPage, delimiter_row);
  gtk_widget_class_bind_template_child (widget_class, SgExportPage, bom_switch);
  gtk_widget_class_bind_template_child (widget_class, SgExportPage, pseudonymise_row);
  gtk_widget_class_bind_template_child (widget_class, SgExportPage, pseudonymise_switch);
  gtk_widget_class_bind_template_child (widget_class, SgExportPage, control_row);

  gtk_widget_class_install_action (widget_class, "export.lists", NULL, lists_action);
  gtk_widget_class_install_action (widget_class, "export.json", NULL, json_action);
  gtk_widget_class_install_action (widget_class, "export.report", NULL, report_action);
  gtk_widget_class_install_action (widget_class, "export.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "export.open-uri", "s", open_uri_action);
}

static void
sg_export_page_init (SgExportPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  sg_editor_style_ensure ();
  self->column_rows = g_ptr_array_new ();
  sg_a11y_set_label (GTK_WIDGET (self->bom_switch), _("Made for Excel"));
  sg_a11y_set_label (GTK_WIDGET (self->pseudonymise_switch), _("Pseudonymise customer ids"));
  update (self);
}
