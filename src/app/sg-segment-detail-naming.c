/* sg-segment-detail-naming.c — the segment details' name: renaming in place, undoing, the automatic name
 * again, and describing the segments of a run made before there were reports (the run report on a
 * worker thread)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "SgSegmentDetail"

#include <glib/gi18n.h>
#include <string.h>

#include "sg-run-report.h"
#include "sg-segment-detail-private.h"

void
_sg_segment_detail_rename_undo_clear (RenameUndo *undo)
{
  g_free (undo->name);
  g_free (undo->rule);
}

/* ---- renaming ---- */

static void undo_clicked_cb (SgSegmentDetail *self);

/* "Renamed to …" with Undo. A toast still on screen is told the new name rather than replaced: libadwaita
 * 1.2 reads freed memory when toasts replace each other quickly (seen with valgrind). */
static void
toast_renamed (SgSegmentDetail *self,
               const char      *name)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  /* Translators: a toast after renaming a segment */
  g_autofree char *message = g_strdup_printf (_("Renamed to “%s”"), name);
  AdwToast *toast;

  if (self->rename_toast != NULL)
    {
      adw_toast_set_title (self->rename_toast, message);
      return;
    }
  if (overlay == NULL)
    return;
  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_clicked_cb), self, G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->rename_toast, toast);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

static gboolean
reload_session (SgSegmentDetail *self,
                GError         **error)
{
  return sg_session_reload (self->session, error);
}

static SgSegmentInfo *
shown_info (SgSegmentDetail *self)
{
  for (guint i = 0; self->segments != NULL && i < self->segments->len; i++)
    {
      SgSegmentInfo *info = g_ptr_array_index (self->segments, i);

      if ((int) info->idx == self->segment)
        return info;
    }
  return NULL;
}

static void
push_undo (SgSegmentDetail *self)
{
  SgSegmentInfo *info = shown_info (self);
  RenameUndo undo = { 0 };

  undo.run_id = self->run_id;
  undo.segment = (guint) self->segment;
  undo.name = g_strdup (self->view->name);
  undo.rule = g_strdup (info != NULL ? info->name_rule : NULL);
  undo.edited = self->view->name_edited;
  g_array_append_val (self->undo, undo);
}

static void
undo_clicked_cb (SgSegmentDetail *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "detail.undo-rename", NULL);
}

gboolean
sg_segment_detail_rename (SgSegmentDetail *self,
                          const char      *text,
                          GError         **error)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (SG_IS_SEGMENT_DETAIL (self), FALSE);
  g_return_val_if_fail (self->view != NULL, FALSE);

  name = sg_segment_name_check (self->segments, (guint) self->segment, text, error);
  if (name == NULL)
    return FALSE;
  if (g_strcmp0 (name, self->view->name) == 0 && self->view->name_edited)
    return TRUE;
  push_undo (self);
  if (!sg_project_set_segment_name (sg_session_get_project (self->session), self->run_id, (guint) self->segment,
                                    name, NULL, TRUE, error))
    {
      g_array_set_size (self->undo, self->undo->len - 1);
      return FALSE;
    }
  toast_renamed (self, name);
  return reload_session (self, error);
}

static void
show_name_error (SgSegmentDetail *self,
                 const char      *message)
{
  gtk_label_set_text (self->name_error, message);
  gtk_widget_set_visible (GTK_WIDGET (self->name_error), message != NULL);
}

void
_sg_segment_detail_editing_cb (SgSegmentDetail *self)
{
  g_autoptr(GError) error = NULL;
  const char *text;

  if (self->filling || self->view == NULL)
    return;
  if (gtk_editable_label_get_editing (self->name_label))
    {
      show_name_error (self, NULL);
      return;
    }
  text = gtk_editable_get_text (GTK_EDITABLE (self->name_label));
  if (g_strcmp0 (text, self->view->name) == 0)
    return;
  if (!sg_segment_detail_rename (self, text, &error))
    {
      show_name_error (self, error->message);
      self->filling = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->name_label), self->view->name);
      self->filling = FALSE;
    }
}

void
_sg_segment_detail_rename_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SgSegmentDetail *self = SG_SEGMENT_DETAIL (widget);

  if (self->view != NULL)
    gtk_editable_label_start_editing (self->name_label);
}

void
_sg_segment_detail_undo_rename_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SgSegmentDetail *self = SG_SEGMENT_DETAIL (widget);
  SgProject *project = self->session != NULL ? sg_session_get_project (self->session) : NULL;
  g_autoptr(GError) error = NULL;
  RenameUndo undo;
  gboolean ok;

  if (project == NULL || self->undo->len == 0)
    return;
  /* Taken out of the array first (the array's clear function must not free what is taken): the reload
   * below refills the view, which looks at the array. */
  undo = g_array_index (self->undo, RenameUndo, self->undo->len - 1);
  memset (&g_array_index (self->undo, RenameUndo, self->undo->len - 1), 0, sizeof (RenameUndo));
  g_array_remove_index (self->undo, self->undo->len - 1);
  ok = undo.edited ? sg_project_set_segment_name (project, undo.run_id, undo.segment, undo.name, NULL, TRUE, &error)
                   : sg_project_reset_segment_name (project, undo.run_id, undo.segment, undo.name, undo.rule, &error);
  _sg_segment_detail_rename_undo_clear (&undo);
  if (!ok || !reload_session (self, &error))
    show_name_error (self, error->message);
}

/* ---- naming again, describing an older run: the run report on a worker thread ---- */

static void
refresh_worker (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  SgProject *project = g_object_get_data (G_OBJECT (task), "project");
  gint64 run_id = *(gint64 *) task_data;
  SgProgress progress = sg_progress_init (NULL, NULL, cancellable);
  g_autoptr(GError) error = NULL;

  if (!sg_run_report_refresh (project, run_id, &progress, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
set_naming (SgSegmentDetail *self,
            gboolean         naming)
{
  self->naming = naming;
  gtk_widget_set_visible (GTK_WIDGET (self->naming_spinner), naming);
  gtk_spinner_set_spinning (self->naming_spinner, naming);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.automatic-name",
                                 !naming && self->view != NULL && self->view->name_edited);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.describe", !naming);
}

static void
refresh_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(SgSegmentDetail) self = user_data;
  g_autoptr(GError) error = NULL;

  if (g_task_get_cancellable (G_TASK (result)) != self->naming_cancellable)
    return;
  set_naming (self, FALSE);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_name_error (self, error->message);
      return;
    }
  if (self->session != NULL && !reload_session (self, &error))
    show_name_error (self, error->message);
}

static void
start_refresh (SgSegmentDetail *self)
{
  g_autoptr(SgProject) connection = NULL;
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;

  connection = sg_project_reopen (sg_session_get_project (self->session), &error);
  if (connection == NULL)
    {
      show_name_error (self, error->message);
      return;
    }
  g_cancellable_cancel (self->naming_cancellable);
  g_clear_object (&self->naming_cancellable);
  self->naming_cancellable = g_cancellable_new ();
  task = g_task_new (NULL, self->naming_cancellable, refresh_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, start_refresh);
  g_task_set_task_data (task, g_memdup2 (&self->run_id, sizeof self->run_id), g_free);
  g_object_set_data_full (G_OBJECT (task), "project", g_steal_pointer (&connection), g_object_unref);
  set_naming (self, TRUE);
  g_task_run_in_thread (task, refresh_worker);
}

void
_sg_segment_detail_automatic_name_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  SgSegmentDetail *self = SG_SEGMENT_DETAIL (widget);
  g_autoptr(GError) error = NULL;

  if (self->view == NULL || !self->view->name_edited || self->naming)
    return;
  push_undo (self);
  if (!sg_project_reset_segment_name (sg_session_get_project (self->session), self->run_id, (guint) self->segment,
                                      NULL, NULL, &error))
    {
      g_array_set_size (self->undo, self->undo->len - 1);
      show_name_error (self, error->message);
      return;
    }
  /* The automatic names depend on each other (they never clash): the report names them all again. */
  start_refresh (self);
}

void
_sg_segment_detail_describe_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  SgSegmentDetail *self = SG_SEGMENT_DETAIL (widget);

  if (self->session != NULL && self->run_id != 0 && !self->naming)
    start_refresh (self);
}
