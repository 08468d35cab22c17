/* sg-window-projects.c — SgWindow: new and open project, recent projects, messages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "SgWindow"

#include <errno.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "sg-a11y.h"
#include "sg-error.h"
#include "sg-recent-projects.h"
#include "sg-window-private.h"

static void
present_on_map_cb (GtkWidget *parent,
                   GtkWindow *dialog)
{
  g_signal_handlers_disconnect_by_func (parent, present_on_map_cb, dialog);
  gtk_window_present (dialog);
}

void
_sg_window_present (SgWindow  *self,
                    GtkWindow *dialog)
{
  sg_a11y_fix_names (GTK_WIDGET (dialog));
  gtk_window_set_destroy_with_parent (dialog, TRUE);
  /* A file given on the command line can bring a question before the window is on screen: shown
   * first, the dialog would end up below it. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_window_present (dialog);
  else
    g_signal_connect_object (self, "map", G_CALLBACK (present_on_map_cb), dialog, 0);
}

void
_sg_window_show_message (SgWindow   *self,
                         const char *heading,
                         const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  _sg_window_present (self, GTK_WINDOW (dialog));
}

/* Files waiting for a project are dropped when the user decides not to make or open one. */
void
_sg_window_abandon_pending_imports (SgWindow *self)
{
  self->asking_for_project = FALSE;
  if (self->session == NULL)
    g_queue_clear_full (&self->pending_imports, g_object_unref);
}

static GtkFileFilter *
project_filter_new (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Segmenta Projects"));
  gtk_file_filter_add_pattern (filter, "*" SG_PROJECT_EXTENSION);
  gtk_file_filter_add_mime_type (filter, "application/x-segmenta");
  return filter;
}

GtkFileFilter *
_sg_all_files_filter_new (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("All Files"));
  gtk_file_filter_add_pattern (filter, "*");
  return filter;
}

/* ---- opening ---- */

/* Another window of the application that shows @file, or NULL. */
static SgWindow *
window_showing (SgWindow *self,
                GFile    *file)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  for (GList *l = app != NULL ? gtk_application_get_windows (app) : NULL; l != NULL; l = l->next)
    if (SG_IS_WINDOW (l->data) && l->data != (gpointer) self && sg_window_is_showing (l->data, file))
      return l->data;
  return NULL;
}

static void
vanished_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      SgWindow         *self)
{
  GFile *folder = g_object_get_data (G_OBJECT (dialog), "folder");

  if (g_strcmp0 (response, "locate") == 0)
    _sg_window_choose_project_to_open (self, folder);
}

static void
show_vanished (SgWindow   *self,
               const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *folder = _sg_display_folder (path);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  sg_recent_projects_remove (self->settings, path);
  body = g_strdup_printf (_("“%s” is no longer in %s. It may have been moved, renamed or deleted, so it was "
                            "removed from your recent projects."), base, folder);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Project Not Found"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "close", _("_Close"),
                                    "locate", _("_Find It…"),
                                    NULL);
  if (g_file_test (dir, G_FILE_TEST_IS_DIR))
    g_object_set_data_full (G_OBJECT (dialog), "folder", g_file_new_for_path (dir), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (vanished_response_cb), self, 0);
  _sg_window_present (self, GTK_WINDOW (dialog));
}

static void
open_project_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  GError *error = NULL;
  SgProject *project = sg_project_open (task_data, &error);

  if (project == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, project, g_object_unref);
}

static void
open_project_cb (GObject      *source_object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  SgWindow *self = SG_WINDOW (source_object);
  const char *path = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(SgProject) project = g_task_propagate_pointer (G_TASK (result), &error);

  self->opening = FALSE;
  if (project != NULL)
    {
      sg_window_set_project (self, project);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* Files dropped with the project were meant for it, not for the one still open. */
  self->asking_for_project = FALSE;
  g_queue_clear_full (&self->pending_imports, g_object_unref);
  if (g_error_matches (error, SG_ERROR, SG_ERROR_NOT_FOUND))
    show_vanished (self, path);
  else
    {
      g_autofree char *base = g_path_get_basename (path);
      g_autofree char *heading = g_strdup_printf (_("Could Not Open “%s”"), base);

      _sg_window_show_message (self, heading, error->message);
    }
}

void
sg_window_open_project (SgWindow *self,
                        GFile    *file)
{
  g_autofree char *path = NULL;
  g_autoptr(GTask) task = NULL;
  SgWindow *other;

  g_return_if_fail (SG_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (sg_window_is_showing (self, file))
    return;
  if ((other = window_showing (self, file)) != NULL)
    {
      /* One window per project: two would each hold a connection and disagree. */
      gtk_window_present (GTK_WINDOW (other));
      return;
    }
  if (self->import_dialog != NULL)
    {
      sg_window_add_toast (self, _("Finish the import before opening another project"));
      return;
    }
  path = g_file_get_path (file);
  if (path == NULL)
    {
      _sg_window_show_message (self, _("Could Not Open the Project"),
                               _("Segmenta can only open projects stored on this computer."));
      return;
    }
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      _sg_window_abandon_pending_imports (self);
      show_vanished (self, path);
      return;
    }

  /* Opening checks the file's integrity, which takes a moment for a large project: off the main thread. */
  self->opening = TRUE;
  task = g_task_new (self, self->cancellable, open_project_cb, NULL);
  g_task_set_source_tag (task, sg_window_open_project);
  g_task_set_task_data (task, g_steal_pointer (&path), g_free);
  g_task_run_in_thread (task, open_project_thread);
}

static void
open_chooser_response_cb (GtkNativeDialog *native,
                          int              response,
                          gpointer         user_data)
{
  g_autoptr(SgWindow) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      sg_window_open_project (self, file);
    }
  else
    _sg_window_abandon_pending_imports (self);
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

void
_sg_window_choose_project_to_open (SgWindow *self,
                        GFile    *folder)
{
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (_("Open Project"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), project_filter_new ());
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), _sg_all_files_filter_new ());
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), folder, NULL);
  g_signal_connect (native, "response", G_CALLBACK (open_chooser_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

void
_sg_window_open_project_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  _sg_window_choose_project_to_open (SG_WINDOW (widget), NULL);
}

void
_sg_window_open_recent_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_path (g_variant_get_string (parameter, NULL));

  sg_window_open_project (SG_WINDOW (widget), file);
}

/* ---- creating ---- */

/* Removes a project file the user chose to replace, with SQLite's side files. */
static gboolean
remove_project_file (const char  *path,
                     GError     **error)
{
  static const char *const suffixes[] = { "-wal", "-shm", "-journal" };

  if (g_unlink (path) != 0)
    {
      int saved = errno;
      g_autofree char *base = g_path_get_basename (path);

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not replace “%s”: %s"), base, g_strerror (saved));
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *side = g_strconcat (path, suffixes[i], NULL);

      g_unlink (side);
    }
  return TRUE;
}

static void
create_project (SgWindow *self,
                GFile    *chosen)
{
  g_autofree char *path = g_file_get_path (chosen);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SgProject) project = NULL;
  gboolean appended = FALSE;

  if (path == NULL)
    {
      _sg_window_abandon_pending_imports (self);
      _sg_window_show_message (self, _("Could Not Create the Project"),
                               _("Projects can only be saved in a folder on this computer."));
      return;
    }
  if (!g_str_has_suffix (path, SG_PROJECT_EXTENSION))
    {
      g_autofree char *with_extension = g_strconcat (path, SG_PROJECT_EXTENSION, NULL);

      g_free (path);
      path = g_steal_pointer (&with_extension);
      appended = TRUE;
    }
  file = g_file_new_for_path (path);

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *base = g_path_get_basename (path);
      g_autofree char *body = NULL;

      if (sg_window_is_showing (self, file) || window_showing (self, file) != NULL)
        body = g_strdup_printf (_("“%s” is open. Choose another name for the new project."), base);
      else if (appended)
        /* The file chooser asked about the name without the extension, not about this file. */
        body = g_strdup_printf (_("A file named “%s” already exists in that folder. Choose another name."), base);
      else if (!remove_project_file (path, &error))
        body = g_strdup (error->message);
      if (body != NULL)
        {
          _sg_window_abandon_pending_imports (self);
          _sg_window_show_message (self, _("Could Not Create the Project"), body);
          return;
        }
    }

  project = sg_project_create (path, &error);
  if (project == NULL)
    {
      _sg_window_abandon_pending_imports (self);
      _sg_window_show_message (self, _("Could Not Create the Project"), error->message);
      return;
    }
  self->asking_for_project = FALSE;
  sg_window_set_project (self, project);
}

static void
new_chooser_response_cb (GtkNativeDialog *native,
                         int              response,
                         gpointer         user_data)
{
  g_autoptr(SgWindow) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      create_project (self, file);
    }
  else
    _sg_window_abandon_pending_imports (self);
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

void
_sg_window_choose_new_project (SgWindow *self)
{
  GFile *waiting = g_queue_peek_head (&self->pending_imports);
  g_autofree char *name = NULL;
  GtkFileChooserNative *native;

  if (self->import_dialog != NULL)
    {
      sg_window_add_toast (self, _("Finish the import before starting another project"));
      return;
    }

  native = gtk_file_chooser_native_new (_("New Project"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Create"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), project_filter_new ());

  /* Named after the data it is made for, next to it. */
  if (self->asking_for_project && waiting != NULL)
    {
      g_autofree char *base = g_file_get_basename (waiting);
      g_autoptr(GFile) folder = g_file_get_parent (waiting);
      char *dot = strrchr (base, '.');

      if (dot != NULL && dot != base)
        *dot = '\0';
      name = g_strconcat (base, SG_PROJECT_EXTENSION, NULL);
      if (folder != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), folder, NULL);
    }
  else
    name = g_strconcat (_("Customer Segments"), SG_PROJECT_EXTENSION, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);

  g_signal_connect (native, "response", G_CALLBACK (new_chooser_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

void
_sg_window_new_project_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  _sg_window_choose_new_project (SG_WINDOW (widget));
}

