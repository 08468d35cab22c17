/* sg-window-import.c — SgWindow: importing CSV files, asking for a project first, drag and drop
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "SgWindow"

#include <string.h>
#include <glib/gi18n.h>

#include "sg-a11y.h"
#include "sg-import-dialog.h"
#include "sg-window-private.h"

/* ---- importing ---- */

static void
ask_for_project_response_cb (AdwMessageDialog *dialog,
                             const char       *response,
                             SgWindow         *self)
{
  if (g_strcmp0 (response, "create") == 0)
    _sg_window_choose_new_project (self);
  else if (g_strcmp0 (response, "open") == 0)
    _sg_window_choose_project_to_open (self, NULL);
  else
    _sg_window_abandon_pending_imports (self);
}

/* A CSV file came without a project to put it in. */
static void
ask_for_project (SgWindow *self)
{
  GFile *file = g_queue_peek_head (&self->pending_imports);
  g_autofree char *base = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (self->asking_for_project || file == NULL)
    return;
  self->asking_for_project = TRUE;

  base = g_file_get_basename (file);
  body = g_strdup_printf (_("Segmenta keeps your imported data, segments and personas together in a project "
                            "file. Create a new project, or open one you made before, and “%s” will be "
                            "imported into it."), base);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Choose a Project for This Data"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "open", _("_Open Project…"),
                                    "create", _("_New Project…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "create", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "create");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (ask_for_project_response_cb), self, 0);
  self->ask_dialog = GTK_WINDOW (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->ask_dialog);
  _sg_window_present (self, GTK_WINDOW (dialog));
}

static void
imported_cb (SgImportDialog *dialog,
             gint64          dataset_id,
             const char     *summary,
             SgWindow       *self)
{
  g_autoptr(GError) error = NULL;

  if (self->session == NULL)
    return;
  if (!sg_session_reload (self->session, &error))
    g_warning ("Could not list the project’s datasets: %s", error->message);
  if (sg_session_lookup_dataset (self->session, dataset_id) != NULL)
    sg_session_set_dataset_id (self->session, dataset_id);
  sg_window_show_step (self, "data");
  if (summary != NULL)
    sg_window_add_toast (self, summary);
}

static void
import_dialog_destroy_cb (SgWindow *self)
{
  self->import_dialog = NULL;
  _sg_window_next_import (self);
}

void
_sg_window_next_import (SgWindow *self)
{
  g_autoptr(GFile) file = NULL;
  GtkWidget *dialog;

  if (self->session == NULL || self->opening || self->import_dialog != NULL ||
      g_cancellable_is_cancelled (self->cancellable))
    return;
  file = g_queue_pop_head (&self->pending_imports);
  if (file == NULL)
    return;

  dialog = sg_import_dialog_new (GTK_WINDOW (self), self->session, file);
  self->import_dialog = GTK_WINDOW (dialog);
  g_signal_connect_object (dialog, "imported", G_CALLBACK (imported_cb), self, 0);
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (import_dialog_destroy_cb), self, G_CONNECT_SWAPPED);
  _sg_window_present (self, GTK_WINDOW (dialog));
}

void
sg_window_import_file (SgWindow *self,
                       GFile    *file)
{
  g_return_if_fail (SG_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  g_queue_push_tail (&self->pending_imports, g_object_ref (file));
  if (self->session == NULL && !self->opening)
    ask_for_project (self);
  else
    _sg_window_next_import (self);
}

static void
import_chooser_response_cb (GtkNativeDialog *native,
                            int              response,
                            gpointer         user_data)
{
  g_autoptr(SgWindow) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (native));

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);

          sg_window_import_file (self, file);
        }
    }
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

void
_sg_window_import_csv_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  SgWindow *self = SG_WINDOW (widget);
  GtkFileChooserNative *native;
  GtkFileFilter *filter;

  native = gtk_file_chooser_native_new (_("Import CSV File"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (native), TRUE);

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("Tables (CSV, TSV)"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_mime_type (filter, "text/tab-separated-values");
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_filter_add_pattern (filter, "*.tsv");
  gtk_file_filter_add_pattern (filter, "*.txt");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), _sg_all_files_filter_new ());

  g_signal_connect (native, "response", G_CALLBACK (import_chooser_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* ---- drag and drop ---- */

static GdkDragAction
drop_enter_cb (GtkDropTarget *target,
               double         x,
               double         y,
               SgWindow      *self)
{
  gtk_label_set_label (self->drop_label, self->session != NULL
                       ? _("Drop CSV files to import them")
                       : _("Drop a project to open it, or a CSV file to start one"));
  gtk_revealer_set_reveal_child (self->drop_revealer, TRUE);
  return GDK_ACTION_COPY;
}

static void
drop_leave_cb (GtkDropTarget *target,
               SgWindow      *self)
{
  gtk_revealer_set_reveal_child (self->drop_revealer, FALSE);
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         SgWindow      *self)
{
  GSList *files = NULL;
  GFile *project = NULL;

  gtk_revealer_set_reveal_child (self->drop_revealer, FALSE);
  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    files = gdk_file_list_get_files (g_value_get_boxed (value)); /* transfer container */
  else if (G_VALUE_HOLDS (value, G_TYPE_FILE))
    files = g_slist_prepend (NULL, g_value_get_object (value));
  if (files == NULL)
    return FALSE;

  /* A project first, then the tables go into it. */
  for (GSList *l = files; l != NULL && project == NULL; l = l->next)
    if (!sg_file_is_table (l->data))
      project = l->data;
  if (project != NULL)
    sg_window_open_project (self, project);
  for (GSList *l = files; l != NULL; l = l->next)
    if (sg_file_is_table (l->data))
      sg_window_import_file (self, l->data);

  g_slist_free (files);
  return TRUE;
}

void
_sg_window_setup_drop_target (SgWindow *self)
{
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  GType types[] = { GDK_TYPE_FILE_LIST, G_TYPE_FILE };

  gtk_drop_target_set_gtypes (target, types, G_N_ELEMENTS (types));
  g_signal_connect_object (target, "enter", G_CALLBACK (drop_enter_cb), self, 0);
  g_signal_connect_object (target, "leave", G_CALLBACK (drop_leave_cb), self, 0);
  g_signal_connect_object (target, "drop", G_CALLBACK (drop_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}
