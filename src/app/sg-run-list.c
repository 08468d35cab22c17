/* sg-run-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "SgRunList"

#include <glib/gi18n.h>

#include "sg-a11y.h"
#include "sg-run-compare-dialog.h"
#include "sg-run-list.h"
#include "sg-segment-settings.h"
#include "sg-window.h"

struct _SgRunList
{
  AdwBin      parent_instance;

  /* template */
  GtkListBox *list;
  GtkWidget  *compare_button;

  SgSession  *session;
  gint64      pending_delete;   /* hidden, deleted when its toast goes */
  gint64      current_before;   /* the session's current run before that delete, for Undo */
  AdwToast   *undo_toast;
  gint64      current_seen;     /* the session's current run at the last rebuild */
};

G_DEFINE_FINAL_TYPE (SgRunList, sg_run_list, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gint64
row_run_id (GtkWidget *row)
{
  gint64 *id = row != NULL ? g_object_get_data (G_OBJECT (row), "run-id") : NULL;

  return id != NULL ? *id : 0;
}

static void
show_toast (SgRunList *self,
            AdwToast  *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), g_object_ref (toast));
}

static void
show_error (SgRunList  *self,
            const char *message)
{
  g_autoptr(AdwToast) toast = adw_toast_new (message);

  show_toast (self, toast);
}

static void
reload (SgRunList *self)
{
  g_autoptr(GError) error = NULL;

  if (self->session != NULL && !sg_session_reload (self->session, &error))
    show_error (self, error->message);
}

/* The newest run on @dataset_id other than @except, or 0. */
static gint64
other_run (SgRunList *self,
           gint64     dataset_id,
           gint64     except)
{
  GPtrArray *runs = sg_session_get_runs (self->session);

  for (guint i = 0; i < runs->len; i++)
    {
      SgRunInfo *run = g_ptr_array_index (runs, i);

      if (run->id != except && run->id != self->pending_delete &&
          (dataset_id == 0 || run->dataset_id == dataset_id))
        return run->id;
    }
  return 0;
}

/* ---- rows ---- */

static GMenuModel *
row_menu_new (gint64 id)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) first = g_menu_new ();
  g_autoptr(GMenu) last = g_menu_new ();
  struct { GMenu *section; const char *label; const char *action; } items[] = {
    { first, N_("_Open"), "runs.open" },
    { first, N_("_Rename…"), "runs.rename" },
    { first, N_("_Compare With…"), "runs.compare" },
    { last, N_("_Delete…"), "runs.delete" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_(items[i].label), NULL);

      g_menu_item_set_action_and_target_value (item, items[i].action, g_variant_new_int64 (id));
      g_menu_append_item (items[i].section, item);
    }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (first));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (last));
  return G_MENU_MODEL (menu);
}

static GtkWidget *
row_new (SgRunList *self,
         SgRunInfo *run)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *menu_button = gtk_menu_button_new ();
  g_autoptr(GMenuModel) menu = row_menu_new (run->id);
  g_autofree char *summary = sg_segment_run_summary (run, !sg_segment_run_name_is_default (run));
  g_autofree char *when = sg_segment_format_time (run->created, NULL);
  g_autofree char *subtitle = NULL;
  g_autofree char *menu_label = g_strdup_printf (_("More actions for “%s”"), run->name);
  SgDatasetInfo *dataset = sg_session_lookup_dataset (self->session, run->dataset_id);
  gboolean current = run->id == sg_session_get_run_id (self->session);

  if (sg_session_get_n_datasets (self->session) > 1 && dataset != NULL)
    /* Translators: when a run was made · on which dataset */
    subtitle = g_strdup_printf (_("%s\n%s · on “%s”"), summary, when ? when : "", dataset->name);
  else
    subtitle = g_strdup_printf ("%s\n%s", summary, when ? when : "");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), run->name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "runs.open");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row), g_variant_new_int64 (run->id));
  gtk_widget_set_tooltip_text (row, _("Open to see its segments"));
  g_object_set_data_full (G_OBJECT (row), "run-id", g_memdup2 (&run->id, sizeof run->id), g_free);

  if (current)
    {
      GtkWidget *mark = gtk_image_new_from_icon_name ("object-select-symbolic");

      gtk_widget_set_tooltip_text (mark, _("Shown in Segments"));
      gtk_widget_add_css_class (mark, "accent");
      sg_a11y_set_label (mark, _("Shown in Segments"));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), mark);
    }

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu_button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (menu_button), menu);
  gtk_widget_set_valign (menu_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (menu_button, "flat");
  gtk_widget_set_tooltip_text (menu_button, _("Open, rename, compare or delete"));
  sg_a11y_set_label (menu_button, menu_label);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), menu_button);
  return row;
}

static void
update_actions (SgRunList *self)
{
  gint64 selected = sg_run_list_get_selected (self);
  SgRunInfo *run = NULL;

  if (self->session == NULL)
    selected = 0;
  if (selected != 0)
    run = sg_session_lookup_run (self->session, selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "runs.rename-selected", selected != 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "runs.delete-selected", selected != 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "runs.compare-selected",
                                 run != NULL && other_run (self, run->dataset_id, run->id) != 0);
}

static void
rebuild (SgRunList *self)
{
  gint64 selected = sg_run_list_get_selected (self);
  gint64 current;
  GtkListBoxRow *row;

  /* Rows only: the placeholder is a child too. */
  while ((row = gtk_list_box_get_row_at_index (self->list, 0)) != NULL)
    gtk_list_box_remove (self->list, GTK_WIDGET (row));
  if (self->session != NULL)
    {
      GPtrArray *runs = sg_session_get_runs (self->session);

      for (guint i = 0; i < runs->len; i++)
        {
          SgRunInfo *run = g_ptr_array_index (runs, i);

          if (run->id != self->pending_delete)
            gtk_list_box_append (self->list, row_new (self, run));
        }
    }
  /* The selection follows the current run when that changes (a new run, one opened elsewhere). */
  current = self->session != NULL ? sg_session_get_run_id (self->session) : 0;
  if (current != self->current_seen || selected == 0 || !sg_run_list_select (self, selected))
    sg_run_list_select (self, current);
  self->current_seen = current;
  update_actions (self);
}

/* ---- open ---- */

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SgRunList *self = SG_RUN_LIST (widget);
  gint64 id = g_variant_get_int64 (parameter);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->session == NULL || sg_session_lookup_run (self->session, id) == NULL || id == self->pending_delete)
    return;
  sg_session_set_run_id (self->session, id);
  if (SG_IS_WINDOW (root))
    sg_window_show_step (SG_WINDOW (root), "segments");
}

/* ---- rename ---- */

static void
rename_entry_changed_cb (GtkEditable      *entry,
                         AdwMessageDialog *dialog)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "rename", *name != '\0');
}

static void
rename_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    SgRunList        *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  gint64 id = row_run_id (GTK_WIDGET (dialog));
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "rename") != 0 || *name == '\0' || self->session == NULL)
    return;
  if (!sg_project_rename_run (sg_session_get_project (self->session), id, name, &error))
    {
      show_error (self, error->message);
      return;
    }
  reload (self);
}

static void
rename_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SgRunList *self = SG_RUN_LIST (widget);
  gint64 id = g_variant_get_int64 (parameter);
  SgRunInfo *run = self->session != NULL ? sg_session_lookup_run (self->session, id) : NULL;
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog, *entry;

  if (run == NULL || id == self->pending_delete)
    return;
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Rename Segmentation"),
                                   _("A name that says what it is for helps when you compare runs later."));
  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), run->name);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  sg_a11y_set_label (entry, _("Name"));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "rename", _("_Rename"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "rename", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "rename");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "run-id", g_memdup2 (&id, sizeof id), g_free);
  g_signal_connect_object (entry, "changed", G_CALLBACK (rename_entry_changed_cb), dialog, 0);
  g_signal_connect_object (dialog, "response", G_CALLBACK (rename_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

/* ---- delete, with Undo ---- */

static void
forget_toast (SgRunList *self)
{
  if (self->undo_toast == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->undo_toast, self);
  g_clear_object (&self->undo_toast);
}

/* Deletes the run waiting for its toast: the toast went, or another delete or the end came first. */
static void
commit_delete (SgRunList *self)
{
  gint64 id = self->pending_delete;
  g_autoptr(GError) error = NULL;

  if (id == 0)
    return;
  self->pending_delete = 0;
  forget_toast (self);
  if (self->session == NULL)
    return;
  if (!sg_project_delete_run (sg_session_get_project (self->session), id, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The segmentation could not be deleted: %s"), error->message);

      show_error (self, message);
    }
  reload (self);
}

static void
undo_toast_dismissed_cb (AdwToast  *toast,
                         SgRunList *self)
{
  if (toast == self->undo_toast)
    commit_delete (self);
}

static void
undo_delete_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SgRunList *self = SG_RUN_LIST (widget);
  gint64 id = self->pending_delete;
  g_autoptr(AdwToast) toast = NULL;

  if (id == 0)
    return;
  self->pending_delete = 0;
  toast = self->undo_toast ? g_object_ref (self->undo_toast) : NULL;
  forget_toast (self);
  if (toast != NULL)
    adw_toast_dismiss (toast);
  if (self->current_before == id && sg_session_lookup_run (self->session, id) != NULL)
    sg_session_set_run_id (self->session, id);
  rebuild (self);
  sg_run_list_select (self, id);
}

static void
undo_button_clicked_cb (AdwToast  *toast,
                        SgRunList *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "runs.undo-delete", NULL);
}

static void
start_delete (SgRunList *self,
              gint64     id)
{
  SgRunInfo *run = sg_session_lookup_run (self->session, id);
  g_autofree char *title = NULL;

  if (run == NULL)
    return;
  commit_delete (self);
  run = sg_session_lookup_run (self->session, id);  /* the reload may have replaced it */
  if (run == NULL)
    return;
  title = g_strdup_printf (_("“%s” deleted"), run->name);

  self->pending_delete = id;
  self->current_before = sg_session_get_run_id (self->session);
  if (self->current_before == id)
    sg_session_set_run_id (self->session, other_run (self, 0, id));
  rebuild (self);

  if (gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY) == NULL)
    {
      /* Nowhere to offer Undo: delete now. */
      commit_delete (self);
      return;
    }
  self->undo_toast = adw_toast_new (title);
  adw_toast_set_button_label (self->undo_toast, _("_Undo"));
  g_signal_connect_object (self->undo_toast, "dismissed", G_CALLBACK (undo_toast_dismissed_cb), self, 0);
  g_signal_connect_object (self->undo_toast, "button-clicked", G_CALLBACK (undo_button_clicked_cb), self, 0);
  show_toast (self, self->undo_toast);
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    SgRunList        *self)
{
  if (g_strcmp0 (response, "delete") == 0 && self->session != NULL)
    start_delete (self, row_run_id (GTK_WIDGET (dialog)));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SgRunList *self = SG_RUN_LIST (widget);
  gint64 id = g_variant_get_int64 (parameter);
  SgRunInfo *run = self->session != NULL ? sg_session_lookup_run (self->session, id) : NULL;
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (run == NULL || id == self->pending_delete)
    return;
  heading = g_strdup_printf (_("Delete “%s”?"), run->name);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   _("Its segments, and any names, personas and playbooks made for them, are removed "
                                     "from the project. Your data stays as it is."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "run-id", g_memdup2 (&id, sizeof id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- compare ---- */

static void
open_comparison (SgRunList *self,
                 gint64     a,
                 gint64     b)
{
  SgRunInfo *run = self->session != NULL ? sg_session_lookup_run (self->session, a) : NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  if (run == NULL)
    return;
  if (b == 0)
    b = other_run (self, run->dataset_id, a);
  if (b == 0)
    {
      show_error (self, _("Only runs on the same customers can be compared: make another segmentation of this dataset first"));
      return;
    }
  dialog = sg_run_compare_dialog_new (self->session, a, b);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
compare_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  open_comparison (SG_RUN_LIST (widget), g_variant_get_int64 (parameter), 0);
}

static void
compare_pair_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  gint64 a, b;

  g_variant_get (parameter, "(xx)", &a, &b);
  open_comparison (SG_RUN_LIST (widget), a, b);
}

/* ---- the selected row ---- */

static void
selected_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  SgRunList *self = SG_RUN_LIST (widget);
  gint64 id = sg_run_list_get_selected (self);

  if (id == 0)
    return;
  if (g_str_equal (action_name, "runs.rename-selected"))
    gtk_widget_activate_action (widget, "runs.rename", "x", id);
  else if (g_str_equal (action_name, "runs.delete-selected"))
    gtk_widget_activate_action (widget, "runs.delete", "x", id);
  else
    open_comparison (self, id, 0);
}

/* ---- the list ---- */

gint64
sg_run_list_get_selected (SgRunList *self)
{
  g_return_val_if_fail (SG_IS_RUN_LIST (self), 0);

  return row_run_id ((GtkWidget *) gtk_list_box_get_selected_row (self->list));
}

GtkWidget *
sg_run_list_get_row (SgRunList *self,
                     gint64     run_id)
{
  g_return_val_if_fail (SG_IS_RUN_LIST (self), NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row) && row_run_id (row) == run_id && run_id != 0)
      return row;
  return NULL;
}

gboolean
sg_run_list_select (SgRunList *self,
                    gint64     run_id)
{
  GtkWidget *row;

  g_return_val_if_fail (SG_IS_RUN_LIST (self), FALSE);

  row = sg_run_list_get_row (self, run_id);
  if (row == NULL)
    return FALSE;
  gtk_list_box_select_row (self->list, GTK_LIST_BOX_ROW (row));
  return TRUE;
}

guint
sg_run_list_get_n_shown (SgRunList *self)
{
  guint n = 0;

  g_return_val_if_fail (SG_IS_RUN_LIST (self), 0);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    n += row_run_id (row) != 0;
  return n;
}

gint64
sg_run_list_get_pending_delete (SgRunList *self)
{
  g_return_val_if_fail (SG_IS_RUN_LIST (self), 0);

  return self->pending_delete;
}

AdwToast *
sg_run_list_get_undo_toast (SgRunList *self)
{
  g_return_val_if_fail (SG_IS_RUN_LIST (self), NULL);

  return self->undo_toast;
}

SgSession *
sg_run_list_get_session (SgRunList *self)
{
  g_return_val_if_fail (SG_IS_RUN_LIST (self), NULL);

  return self->session;
}

void
sg_run_list_set_session (SgRunList *self,
                         SgSession *session)
{
  g_return_if_fail (SG_IS_RUN_LIST (self));
  g_return_if_fail (session == NULL || SG_IS_SESSION (session));

  if (self->session == session)
    return;
  commit_delete (self);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  if (session != NULL)
    {
      g_signal_connect_object (session, "changed", G_CALLBACK (rebuild), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::run-id", G_CALLBACK (rebuild), self, G_CONNECT_SWAPPED);
    }
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

GtkWidget *
sg_run_list_new (void)
{
  return g_object_new (SG_TYPE_RUN_LIST, NULL);
}

static void
sg_run_list_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  SgRunList *self = SG_RUN_LIST (object);

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
sg_run_list_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  SgRunList *self = SG_RUN_LIST (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      sg_run_list_set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sg_run_list_dispose (GObject *object)
{
  SgRunList *self = SG_RUN_LIST (object);

  /* A delete the user did not undo is carried out, even when the window closes first. */
  commit_delete (self);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SG_TYPE_RUN_LIST);

  G_OBJECT_CLASS (sg_run_list_parent_class)->dispose (object);
}

static void
sg_run_list_class_init (SgRunListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sg_run_list_dispose;
  object_class->get_property = sg_run_list_get_property;
  object_class->set_property = sg_run_list_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, SG_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/sg-run-list.ui");
  gtk_widget_class_bind_template_child (widget_class, SgRunList, list);
  gtk_widget_class_bind_template_child (widget_class, SgRunList, compare_button);

  gtk_widget_class_install_action (widget_class, "runs.open", "x", open_action);
  gtk_widget_class_install_action (widget_class, "runs.rename", "x", rename_action);
  gtk_widget_class_install_action (widget_class, "runs.delete", "x", delete_action);
  gtk_widget_class_install_action (widget_class, "runs.undo-delete", NULL, undo_delete_action);
  gtk_widget_class_install_action (widget_class, "runs.compare", "x", compare_action);
  gtk_widget_class_install_action (widget_class, "runs.compare-pair", "(xx)", compare_pair_action);
  gtk_widget_class_install_action (widget_class, "runs.rename-selected", NULL, selected_action);
  gtk_widget_class_install_action (widget_class, "runs.delete-selected", NULL, selected_action);
  gtk_widget_class_install_action (widget_class, "runs.compare-selected", NULL, selected_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "runs.rename-selected", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "runs.delete-selected", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "runs.delete-selected", NULL);
}

static void
sg_run_list_init (SgRunList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  sg_a11y_fix_names (GTK_WIDGET (self));
  g_signal_connect_object (self->list, "selected-rows-changed", G_CALLBACK (update_actions), self,
                           G_CONNECT_SWAPPED);
  update_actions (self);
}
