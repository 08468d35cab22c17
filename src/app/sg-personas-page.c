/* sg-personas-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "SgPersonasPage"

#include <glib/gi18n.h>

#include "sg-a11y.h"
#include "sg-async.h"
#include "sg-autosave.h"
#include "sg-error.h"
#include "sg-format.h"
#include "sg-holdout.h"
#include "sg-personas-page.h"
#include "sg-swatch.h"

struct _SgPersonasPage
{
  AdwBin            parent_instance;

  /* template */
  AdwToastOverlay  *toast_overlay;
  GtkStack         *stack;
  AdwStatusPage    *status_page;
  GtkWidget        *back_button;
  AdwLeaflet       *leaflet;
  GtkLabel         *run_title;
  GtkLabel         *run_subtitle;
  GtkListBox       *segment_list;
  GtkWidget        *list_button;
  SgSwatch         *segment_swatch;
  GtkLabel         *segment_title;
  GtkLabel         *segment_subtitle;
  GtkLabel         *save_label;
  GtkToggleButton  *preview_button;
  AdwViewStack     *editor_stack;
  SgPersonaEditor  *persona_editor;
  SgPlaybookEditor *playbook_editor;

  SgSession        *session;
  gint64            run_id;        /* the run shown; 0: none */
  GPtrArray        *segments;      /* SgSegmentInfo of that run */
  GArray           *has_persona;   /* gboolean per segment: stored in the project */
  GArray           *plan_status;   /* int per segment: SgPlaybookStatus, -1 without a playbook */
  GStrv             columns;       /* the run's dataset columns a control group can keep the mix of */
  guint             segment_idx;   /* G_MAXUINT: none */
  gboolean          filling;       /* the list is being rebuilt: selections are not the user's */

  struct _Doc      *persona_doc;
  struct _Doc      *playbook_doc;
  gboolean          persona_stored;
  gboolean          holdout_dirty; /* the next playbook save must be followed by a control-group sync */
  SgPlaybook       *undo_playbook; /* before the last template was applied */
  guint             undo_segment;

  guint             saves_running; /* background saves not finished, of any document (also closed ones) */
  GCancellable     *cancellable;   /* control-group syncs; saves are never cancelled */
  gboolean          syncing;
  gboolean          sync_again;
  GtkWidget        *focus_root;
  char             *save_text;
};

G_DEFINE_FINAL_TYPE (SgPersonasPage, sg_personas_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void update_save_label (SgPersonasPage *self);
static void start_sync (SgPersonasPage *self);

/* ---- one document being edited (a persona or a playbook) and its autosave ---- */

typedef struct _Doc {
  GWeakRef    page;
  SgProject  *project;
  gint64      run_id;
  guint       idx;
  gboolean    is_playbook;
  GObject    *object;     /* the persona or playbook as edited; replaced by Undo or a new playbook */
  SgAutosave *autosave;
} Doc;

typedef struct {
  SgAutosave *autosave;
  guint64     ticket;
  GWeakRef    page;
  gint64      run_id;
  guint       idx;
  gboolean    is_playbook;
  gboolean    sync;       /* bring control groups in line once stored */
} SaveCall;

static void
doc_clear (Doc *doc)
{
  g_weak_ref_clear (&doc->page);
  g_clear_object (&doc->project);
  g_clear_object (&doc->object);
  g_clear_object (&doc->autosave);
}

static void
doc_release (Doc *doc)
{
  g_rc_box_release_full (doc, (GDestroyNotify) doc_clear);
}

static void
save_call_free (SaveCall *call)
{
  g_object_unref (call->autosave);
  g_weak_ref_clear (&call->page);
  g_free (call);
}

static void
mark_stored (SgPersonasPage *self,
             SaveCall       *call)
{
  GtkListBoxRow *row;

  if (call->run_id != self->run_id || call->idx >= self->segments->len)
    return;
  if (call->is_playbook)
    {
      SgPlaybook *playbook = self->playbook_doc != NULL && self->playbook_doc->idx == call->idx
                             ? SG_PLAYBOOK (self->playbook_doc->object) : NULL;

      if (playbook != NULL)
        g_array_index (self->plan_status, int, call->idx) = sg_playbook_get_status (playbook);
    }
  else
    {
      g_array_index (self->has_persona, gboolean, call->idx) = TRUE;
      if (call->idx == self->segment_idx)
        self->persona_stored = TRUE;
    }
  row = gtk_list_box_get_row_at_index (self->segment_list, (int) call->idx);
  if (row != NULL)
    {
      GtkWidget *persona_icon = g_object_get_data (G_OBJECT (row), "sg-persona-icon");
      GtkWidget *plan_icon = g_object_get_data (G_OBJECT (row), "sg-plan-icon");

      gtk_widget_set_visible (persona_icon, g_array_index (self->has_persona, gboolean, call->idx));
      gtk_widget_set_visible (plan_icon, g_array_index (self->plan_status, int, call->idx) >= 0);
    }
}

static void
doc_saved_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  SaveCall *call = data;
  g_autoptr(SgPersonasPage) self = g_weak_ref_get (&call->page);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (call->is_playbook)
    ok = sg_project_save_playbook_finish (SG_PROJECT (source), result, &error);
  else
    ok = sg_project_save_persona_finish (SG_PROJECT (source), result, &error);
  if (!ok)
    g_warning ("Could not save a %s: %s", call->is_playbook ? "playbook" : "persona", error->message);
  sg_autosave_done (call->autosave, call->ticket, error);
  if (self != NULL)
    {
      self->saves_running--;
      if (ok)
        mark_stored (self, call);
      if (ok && call->sync)
        start_sync (self);
      else if (!ok && call->sync)
        self->holdout_dirty = TRUE;   /* the next save tries again */
      update_save_label (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
    }
  save_call_free (call);
}

static gboolean
doc_save_now (Doc     *doc,
              GError **error)
{
  if (doc->is_playbook)
    return sg_project_save_playbook (doc->project, doc->run_id, doc->idx, SG_PLAYBOOK (doc->object), error);
  return sg_project_save_persona (doc->project, doc->run_id, doc->idx, SG_PERSONA (doc->object), error);
}

static void
doc_save_cb (SgAutosave *autosave,
             guint64     ticket,
             gboolean    wait,
             Doc        *doc)
{
  g_autoptr(SgPersonasPage) self = g_weak_ref_get (&doc->page);
  SaveCall *call;

  if (doc->object == NULL)
    {
      sg_autosave_done (autosave, ticket, NULL);
      return;
    }
  if (wait)
    {
      /* The window is closing: this save must be on disk before the process may end. */
      g_autoptr(GError) error = NULL;

      if (!doc_save_now (doc, &error))
        g_warning ("Could not save on closing: %s", error->message);
      sg_autosave_done (autosave, ticket, error);
      return;
    }

  call = g_new0 (SaveCall, 1);
  call->autosave = g_object_ref (autosave);
  call->ticket = ticket;
  g_weak_ref_init (&call->page, self);
  call->run_id = doc->run_id;
  call->idx = doc->idx;
  call->is_playbook = doc->is_playbook;
  if (doc->is_playbook && self != NULL && self->holdout_dirty)
    {
      call->sync = TRUE;
      self->holdout_dirty = FALSE;
    }
  if (self != NULL)
    self->saves_running++;
  /* The engine takes a snapshot now: typing on does not change what this save writes. */
  if (doc->is_playbook)
    sg_project_save_playbook_async (doc->project, doc->run_id, doc->idx, SG_PLAYBOOK (doc->object), NULL,
                                    doc_saved_cb, call);
  else
    sg_project_save_persona_async (doc->project, doc->run_id, doc->idx, SG_PERSONA (doc->object), NULL,
                                   doc_saved_cb, call);
}

static void
doc_state_cb (SgAutosave     *autosave,
              GParamSpec     *pspec,
              SgPersonasPage *self)
{
  update_save_label (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static Doc *
doc_new (SgPersonasPage *self,
         gboolean        is_playbook,
         GObject        *object)
{
  Doc *doc = g_rc_box_new0 (Doc);

  g_weak_ref_init (&doc->page, self);
  doc->project = g_object_ref (sg_session_get_project (self->session));
  doc->run_id = self->run_id;
  doc->idx = self->segment_idx;
  doc->is_playbook = is_playbook;
  doc->object = object != NULL ? g_object_ref (object) : NULL;
  doc->autosave = sg_autosave_new (SG_AUTOSAVE_DEFAULT_DELAY_MS, SG_AUTOSAVE_DEFAULT_MAX_WAIT_MS);
  /* The handler holds the document; doc_close() lets go of both. */
  g_signal_connect_data (doc->autosave, "save", G_CALLBACK (doc_save_cb), g_rc_box_acquire (doc),
                         (GClosureNotify) (void (*) (void)) doc_release, 0);
  g_signal_connect_object (doc->autosave, "notify::state", G_CALLBACK (doc_state_cb), self, 0);
  return doc;
}

/* Saves what is unsaved (waiting for it when @wait) and forgets the document. */
static void
doc_close (Doc      *doc,
           gboolean  wait)
{
  if (doc == NULL)
    return;
  if (wait)
    sg_autosave_flush_sync (doc->autosave);
  else
    sg_autosave_flush (doc->autosave);
  g_signal_handlers_disconnect_matched (doc->autosave, G_SIGNAL_MATCH_FUNC, 0, 0, NULL, doc_state_cb, NULL);
  g_signal_handlers_disconnect_matched (doc->autosave, G_SIGNAL_MATCH_FUNC, 0, 0, NULL, doc_save_cb, NULL);
  doc_release (doc);
}

static void
close_docs (SgPersonasPage *self,
            gboolean        wait)
{
  doc_close (g_steal_pointer (&self->persona_doc), wait);
  doc_close (g_steal_pointer (&self->playbook_doc), wait);
  g_clear_object (&self->undo_playbook);
}

/* ---- control groups ---- */

typedef struct {
  SgProject *worker;
  gint64     run_id;
} SyncTask;

static void
sync_task_free (SyncTask *task)
{
  g_clear_object (&task->worker);
  g_free (task);
}

static gpointer
sync_work (gpointer     data,
           SgProgress  *progress,
           GError     **error)
{
  SyncTask *task = data;

  return sg_project_sync_holdouts (task->worker, task->run_id, progress, error) ? GINT_TO_POINTER (TRUE) : NULL;
}

static void
sync_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  SgPersonasPage *self = SG_PERSONAS_PAGE (source);
  g_autoptr(GError) error = NULL;

  self->syncing = FALSE;
  if (sg_async_finish (result, start_sync, &error) == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_warning ("Could not draw the control groups: %s", error->message);
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new_format (_("Could not set aside the control group: %s"), error->message));
    }
  if (self->sync_again)
    {
      self->sync_again = FALSE;
      start_sync (self);
    }
  update_save_label (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
start_sync (SgPersonasPage *self)
{
  g_autoptr(GError) error = NULL;
  SyncTask *task;

  if (self->session == NULL || self->run_id == 0)
    return;
  if (self->syncing)
    {
      self->sync_again = TRUE;
      return;
    }
  task = g_new0 (SyncTask, 1);
  task->run_id = self->run_id;
  /* Opened here, on the project's thread; used only by the worker. */
  task->worker = sg_project_reopen (sg_session_get_project (self->session), &error);
  if (task->worker == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new_format (_("Could not set aside the control group: %s"), error->message));
      sync_task_free (task);
      return;
    }
  self->syncing = TRUE;
  sg_async_run (self, start_sync, sync_work, task, (GDestroyNotify) sync_task_free, NULL, self->cancellable,
                NULL, NULL, sync_done_cb, NULL);
  update_save_label (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* ---- what the page says about saving ---- */

static SgAutosaveState
doc_state (Doc *doc)
{
  return doc != NULL ? sg_autosave_get_state (doc->autosave) : SG_AUTOSAVE_IDLE;
}

static void
update_save_label (SgPersonasPage *self)
{
  SgAutosaveState a = doc_state (self->persona_doc);
  SgAutosaveState b = doc_state (self->playbook_doc);
  const char *shown = adw_view_stack_get_visible_child_name (self->editor_stack);
  g_autofree char *text = NULL;
  const char *tooltip = NULL;
  gboolean failed = FALSE;

  if (a == SG_AUTOSAVE_FAILED || b == SG_AUTOSAVE_FAILED)
    {
      const GError *error = a == SG_AUTOSAVE_FAILED ? sg_autosave_get_error (self->persona_doc->autosave)
                                                    : sg_autosave_get_error (self->playbook_doc->autosave);

      /* Translators: shown beside the segment's name when saving failed; %s says why */
      text = g_strdup_printf (_("Not saved: %s"), error->message);
      tooltip = _("Your text is still here. Saving is tried again with your next change.");
      failed = TRUE;
    }
  else if (a == SG_AUTOSAVE_PENDING || a == SG_AUTOSAVE_SAVING || b == SG_AUTOSAVE_PENDING ||
           b == SG_AUTOSAVE_SAVING || self->syncing)
    text = g_strdup (_("Saving…"));
  else if (a == SG_AUTOSAVE_SAVED || b == SG_AUTOSAVE_SAVED)
    {
      text = g_strdup (_("Saved"));
      tooltip = _("Everything you write here is saved in the project as you type.");
    }
  else if (g_strcmp0 (shown, "persona") == 0 && self->persona_doc != NULL && !self->persona_stored)
    {
      text = g_strdup (_("A first draft from the segment’s profile"));
      tooltip = _("It is saved as soon as you change something.");
    }
  else
    text = g_strdup ("");

  gtk_label_set_text (self->save_label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->save_label), tooltip);
  if (failed)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->save_label), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->save_label), "dim-label");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->save_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->save_label), "dim-label");
    }
  g_free (self->save_text);
  self->save_text = g_steal_pointer (&text);
}

const char *
sg_personas_page_get_save_text (SgPersonasPage *self)
{
  g_return_val_if_fail (SG_IS_PERSONAS_PAGE (self), NULL);

  return self->save_text != NULL ? self->save_text : "";
}

gboolean
sg_personas_page_get_busy (SgPersonasPage *self)
{
  Doc *docs[2];

  g_return_val_if_fail (SG_IS_PERSONAS_PAGE (self), FALSE);

  docs[0] = self->persona_doc;
  docs[1] = self->playbook_doc;
  if (self->syncing || self->holdout_dirty || self->saves_running > 0)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (docs); i++)
    if (docs[i] != NULL && (sg_autosave_get_dirty (docs[i]->autosave) ||
                            sg_autosave_get_scheduled (docs[i]->autosave) ||
                            sg_autosave_get_in_flight (docs[i]->autosave) > 0))
      return TRUE;
  return FALSE;
}

void
sg_personas_page_flush (SgPersonasPage *self)
{
  g_return_if_fail (SG_IS_PERSONAS_PAGE (self));

  if (self->persona_doc != NULL)
    sg_autosave_flush (self->persona_doc->autosave);
  if (self->playbook_doc != NULL)
    sg_autosave_flush (self->playbook_doc->autosave);
}

/* ---- edits ---- */

static void
persona_edited_cb (SgPersonaEditor *editor,
                   SgPersonasPage  *self)
{
  if (self->persona_doc == NULL)
    return;
  sg_autosave_changed (self->persona_doc->autosave);
}

static void
playbook_edited_cb (SgPlaybookEditor *editor,
                    gboolean          holdout_changed,
                    SgPersonasPage   *self)
{
  SgPlaybook *playbook = sg_playbook_editor_get_playbook (editor);
  Doc *doc = self->playbook_doc;

  if (doc == NULL || playbook == NULL)
    return;
  /* A playbook made from a template or from scratch is a new object. */
  g_set_object (&doc->object, G_OBJECT (playbook));
  if (holdout_changed)
    self->holdout_dirty = TRUE;
  sg_autosave_changed (doc->autosave);
}

static void
template_applied_cb (SgPlaybookEditor *editor,
                     SgPlaybook       *previous,
                     const char       *label,
                     SgPersonasPage   *self)
{
  AdwToast *toast;

  g_clear_object (&self->undo_playbook);
  if (previous != NULL)
    {
      self->undo_playbook = sg_playbook_copy (previous);
      self->undo_segment = self->segment_idx;
      /* Translators: %s is a template's name */
      toast = adw_toast_new_format (_("The %s template filled the playbook"), label);
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "personas.undo-template");
    }
  else
    toast = adw_toast_new_format (_("Playbook started from the %s template: make it yours"), label);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
undo_template_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SgPersonasPage *self = SG_PERSONAS_PAGE (widget);
  g_autoptr(SgPlaybook) previous = g_steal_pointer (&self->undo_playbook);

  if (previous == NULL || self->playbook_doc == NULL || self->undo_segment != self->segment_idx)
    return;
  sg_playbook_editor_set_playbook (self->playbook_editor, previous);
  g_set_object (&self->playbook_doc->object, G_OBJECT (previous));
  self->holdout_dirty = TRUE;
  sg_autosave_changed (self->playbook_doc->autosave);
}

/* ---- the segment shown ---- */

static const SgSegmentInfo *
current_segment (SgPersonasPage *self)
{
  if (self->segments == NULL || self->segment_idx >= self->segments->len)
    return NULL;
  return g_ptr_array_index (self->segments, self->segment_idx);
}

static char *
segment_color (const SgSegmentInfo *segment)
{
  if (segment->color != NULL)
    return g_strdup (segment->color);
  return sg_swatch_segment_color ((int) segment->idx);
}

static char *
segment_facts (SgPersonasPage      *self,
               const SgSegmentInfo *segment)
{
  SgRunInfo *run = sg_session_lookup_run (self->session, self->run_id);
  guint64 clustered = run != NULL && run->n_rows > run->n_excluded ? run->n_rows - run->n_excluded : 0;
  g_autofree char *count = sg_format_count (segment->size);

  if (clustered == 0)
    return g_strdup_printf (g_dngettext (NULL, "%s customer", "%s customers", (gulong) MIN (segment->size, G_MAXULONG)),
                            count);
  /* Translators: "1,204 customers · 24 % of those segmented" */
  return g_strdup_printf (g_dngettext (NULL, "%s customer · %.0f %% of those segmented",
                                       "%s customers · %.0f %% of those segmented",
                                       (gulong) MIN (segment->size, G_MAXULONG)),
                          count, 100.0 * (double) segment->size / (double) clustered);
}

static void
show_segment_header (SgPersonasPage      *self,
                     const SgSegmentInfo *segment)
{
  g_autofree char *color = segment_color (segment);
  g_autofree char *facts = segment_facts (self, segment);

  sg_swatch_set_color (self->segment_swatch, color);
  gtk_label_set_text (self->segment_title, segment->name);
  gtk_label_set_text (self->segment_subtitle, facts);
  sg_persona_editor_set_facts (self->persona_editor, facts);
}

static void
open_segment (SgPersonasPage *self,
              guint           idx)
{
  SgProject *project = sg_session_get_project (self->session);
  g_autoptr(SgPersona) persona = NULL;
  g_autoptr(SgPlaybook) playbook = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *color = NULL;
  const SgSegmentInfo *segment;

  close_docs (self, FALSE);
  self->segment_idx = idx;
  segment = current_segment (self);
  if (segment == NULL)
    return;

  persona = sg_project_load_persona (project, self->run_id, idx, &error);
  self->persona_stored = persona != NULL;
  if (persona == NULL)
    {
      if (!g_error_matches (error, SG_ERROR, SG_ERROR_NOT_FOUND))
        adw_toast_overlay_add_toast (self->toast_overlay,
                                     adw_toast_new_format (_("Could not read this segment’s persona: %s"), error->message));
      /* A first draft: named after the segment, with what its profile says about it. */
      persona = sg_persona_new_for_segment (segment, NULL, NULL);
    }
  g_clear_error (&error);
  playbook = sg_project_load_playbook (project, self->run_id, idx, &error);
  if (playbook == NULL && !g_error_matches (error, SG_ERROR, SG_ERROR_NOT_FOUND))
    adw_toast_overlay_add_toast (self->toast_overlay,
                                 adw_toast_new_format (_("Could not read this segment’s playbook: %s"), error->message));

  color = segment_color (segment);
  show_segment_header (self, segment);
  sg_persona_editor_set_persona (self->persona_editor, persona, color);
  sg_playbook_editor_set_segment (self->playbook_editor, segment, (const char *const *) self->columns);
  sg_playbook_editor_set_playbook (self->playbook_editor, playbook);
  self->persona_doc = doc_new (self, FALSE, G_OBJECT (persona));
  self->playbook_doc = doc_new (self, TRUE, G_OBJECT (playbook));
  update_save_label (self);
}

guint
sg_personas_page_get_segment (SgPersonasPage *self)
{
  g_return_val_if_fail (SG_IS_PERSONAS_PAGE (self), G_MAXUINT);

  return self->segment_idx;
}

void
sg_personas_page_show_segment (SgPersonasPage *self,
                               guint           segment_idx)
{
  GtkListBoxRow *row;

  g_return_if_fail (SG_IS_PERSONAS_PAGE (self));

  row = gtk_list_box_get_row_at_index (self->segment_list, (int) segment_idx);
  g_return_if_fail (row != NULL);
  gtk_list_box_select_row (self->segment_list, row);
}

SgPersonaEditor *
sg_personas_page_get_persona_editor (SgPersonasPage *self)
{
  g_return_val_if_fail (SG_IS_PERSONAS_PAGE (self), NULL);

  return self->persona_editor;
}

SgPlaybookEditor *
sg_personas_page_get_playbook_editor (SgPersonasPage *self)
{
  g_return_val_if_fail (SG_IS_PERSONAS_PAGE (self), NULL);

  return self->playbook_editor;
}

/* ---- the segment list ---- */

static GtkWidget *
segment_row_new (SgPersonasPage      *self,
                 const SgSegmentInfo *segment)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *swatch = sg_swatch_new (12);
  GtkWidget *name = gtk_label_new (segment->name);
  g_autofree char *count = sg_format_count (segment->size);
  g_autofree char *size_text = g_strdup_printf (g_dngettext (NULL, "%s customer", "%s customers",
                                                             (gulong) MIN (segment->size, G_MAXULONG)), count);
  GtkWidget *size = gtk_label_new (size_text);
  GtkWidget *persona_icon = gtk_image_new_from_icon_name ("avatar-default-symbolic");
  GtkWidget *plan_icon = gtk_image_new_from_icon_name ("sg-step-personas-symbolic");
  g_autofree char *color = segment_color (segment);
  g_autofree char *label = NULL;

  sg_swatch_set_color (SG_SWATCH (swatch), color);
  gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (size), 0);
  gtk_widget_add_css_class (size, "caption");
  gtk_widget_add_css_class (size, "dim-label");
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (text), name);
  gtk_box_append (GTK_BOX (text), size);
  gtk_widget_set_tooltip_text (persona_icon, _("Has a persona"));
  gtk_widget_set_tooltip_text (plan_icon, _("Has a playbook"));
  gtk_widget_add_css_class (persona_icon, "dim-label");
  gtk_widget_add_css_class (plan_icon, "dim-label");
  gtk_widget_set_visible (persona_icon, g_array_index (self->has_persona, gboolean, segment->idx));
  gtk_widget_set_visible (plan_icon, g_array_index (self->plan_status, int, segment->idx) >= 0);
  gtk_box_append (GTK_BOX (box), swatch);
  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), persona_icon);
  gtk_box_append (GTK_BOX (box), plan_icon);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data (G_OBJECT (row), "sg-persona-icon", persona_icon);
  g_object_set_data (G_OBJECT (row), "sg-plan-icon", plan_icon);
  /* Translators: a segment in the list, as a screen reader says it: name, size */
  label = g_strdup_printf (_("%s, %s"), segment->name, size_text);
  sg_a11y_set_label (row, label);
  return row;
}

static void
fill_segment_list (SgPersonasPage *self)
{
  GtkWidget *child;

  self->filling = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->segment_list))) != NULL)
    gtk_list_box_remove (self->segment_list, child);
  for (guint i = 0; i < self->segments->len; i++)
    gtk_list_box_append (self->segment_list, segment_row_new (self, g_ptr_array_index (self->segments, i)));
  if (self->segment_idx < self->segments->len)
    gtk_list_box_select_row (self->segment_list,
                             gtk_list_box_get_row_at_index (self->segment_list, (int) self->segment_idx));
  self->filling = FALSE;
}

static void
row_selected_cb (GtkListBox     *list,
                 GtkListBoxRow  *row,
                 SgPersonasPage *self)
{
  guint idx;

  if (self->filling || row == NULL)
    return;
  idx = (guint) gtk_list_box_row_get_index (row);
  if (idx != self->segment_idx || self->persona_doc == NULL)
    open_segment (self, idx);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
list_clicked_cb (GtkButton      *button,
                 SgPersonasPage *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
folded_cb (SgPersonasPage *self)
{
  gtk_widget_set_visible (self->list_button, adw_leaflet_get_folded (self->leaflet));
}

/* ---- the run ---- */

static GStrv
stratify_columns (SgDatasetInfo *dataset)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; dataset != NULL && i < dataset->columns->len; i++)
    {
      SgColumnInfo *column = g_ptr_array_index (dataset->columns, i);

      if (column->type == SG_COLUMN_CATEGORICAL || column->type == SG_COLUMN_BOOLEAN ||
          column->type == SG_COLUMN_INTEGER || column->type == SG_COLUMN_DECIMAL)
        g_strv_builder_add (builder, column->name);
    }
  return g_strv_builder_end (builder);
}

/* Segments not named yet (the naming step did not run) are "Segment 1", "Segment 2"… as everywhere. */
static void
fill_segment_names (GPtrArray *segments)
{
  for (guint i = 0; segments != NULL && i < segments->len; i++)
    {
      SgSegmentInfo *segment = g_ptr_array_index (segments, i);

      if (segment->name == NULL || *segment->name == '\0')
        {
          g_free (segment->name);
          segment->name = g_strdup_printf (_("Segment %u"), segment->idx + 1);
        }
    }
}

static gboolean
load_run (SgPersonasPage *self,
          SgRunInfo      *run)
{
  SgProject *project = sg_session_get_project (self->session);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) segments = sg_project_list_segments (project, run->id, &error);
  g_autoptr(GPtrArray) personas = NULL;
  g_autoptr(GPtrArray) playbooks = NULL;

  if (segments == NULL)
    {
      g_warning ("Could not list the segments of run %" G_GINT64_FORMAT ": %s", run->id, error->message);
      return FALSE;
    }
  fill_segment_names (segments);
  personas = sg_project_list_personas (project, run->id, NULL);
  playbooks = sg_project_list_playbooks (project, run->id, NULL);

  g_clear_pointer (&self->segments, g_ptr_array_unref);
  self->segments = g_steal_pointer (&segments);
  g_array_set_size (self->has_persona, self->segments->len);
  g_array_set_size (self->plan_status, self->segments->len);
  for (guint i = 0; i < self->segments->len; i++)
    {
      SgPlaybook *playbook = playbooks != NULL && i < playbooks->len ? g_ptr_array_index (playbooks, i) : NULL;

      g_array_index (self->has_persona, gboolean, i) = personas != NULL && i < personas->len &&
                                                       g_ptr_array_index (personas, i) != NULL;
      g_array_index (self->plan_status, int, i) = playbook != NULL ? (int) sg_playbook_get_status (playbook) : -1;
    }
  g_strfreev (self->columns);
  self->columns = stratify_columns (sg_session_lookup_dataset (self->session, run->dataset_id));
  return TRUE;
}

static void
update (SgPersonasPage *self)
{
  SgRunInfo *run = self->session != NULL ? sg_session_get_run (self->session) : NULL;
  gboolean same_run = run != NULL && run->id == self->run_id && self->segments != NULL;
  g_autofree char *subtitle = NULL;

  if (run == NULL || !load_run (self, run))
    {
      g_autofree char *description = g_strdup_printf ("%s\n\n%s",
        _("Give each segment a face and a plan: a persona that says who these customers are, and a playbook of what to offer them, through which channel and when."),
        self->session != NULL && sg_session_get_n_runs (self->session) > 0
        ? _("The segments of this segmentation could not be read.")
        : _("Personas are written for segments, and there are none yet: let Segmenta find groups of similar customers first."));

      close_docs (self, FALSE);
      self->run_id = 0;
      self->segment_idx = G_MAXUINT;
      g_clear_pointer (&self->segments, g_ptr_array_unref);
      adw_status_page_set_description (self->status_page, description);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  if (!same_run)
    {
      close_docs (self, FALSE);
      self->run_id = run->id;
      self->segment_idx = self->segments->len > 0 ? 0 : G_MAXUINT;
    }
  else if (self->segment_idx >= self->segments->len)
    self->segment_idx = self->segments->len > 0 ? 0 : G_MAXUINT;

  gtk_label_set_text (self->run_title, run->name);
  subtitle = g_strdup_printf (g_dngettext (NULL, "%u segment: write a persona and a plan for it",
                                           "%u segments: write a persona and a plan for each",
                                           self->segments->len),
                              self->segments->len);
  gtk_label_set_text (self->run_subtitle, subtitle);
  fill_segment_list (self);
  gtk_stack_set_visible_child_name (self->stack, "content");

  if (!same_run || self->persona_doc == NULL)
    {
      if (self->segment_idx != G_MAXUINT)
        open_segment (self, self->segment_idx);
    }
  else if (current_segment (self) != NULL)
    /* A rename or a new run elsewhere: the documents stay open, the names follow. */
    show_segment_header (self, current_segment (self));
}

static void
session_changed_cb (SgSession      *session,
                    SgPersonasPage *self)
{
  update (self);
}

static void
run_changed_cb (SgSession      *session,
                GParamSpec     *pspec,
                SgPersonasPage *self)
{
  update (self);
}

gboolean
sg_personas_page_get_ready (SgPersonasPage *self)
{
  g_return_val_if_fail (SG_IS_PERSONAS_PAGE (self), FALSE);

  return self->session != NULL && sg_session_get_n_runs (self->session) > 0;
}

SgSession *
sg_personas_page_get_session (SgPersonasPage *self)
{
  g_return_val_if_fail (SG_IS_PERSONAS_PAGE (self), NULL);

  return self->session;
}

void
sg_personas_page_set_session (SgPersonasPage *self,
                              SgSession      *session)
{
  g_return_if_fail (SG_IS_PERSONAS_PAGE (self));
  g_return_if_fail (session == NULL || SG_IS_SESSION (session));

  if (self->session == session)
    return;
  /* The old project's edits go to the old project, now. */
  close_docs (self, TRUE);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  self->run_id = 0;
  self->segment_idx = G_MAXUINT;
  g_clear_pointer (&self->segments, g_ptr_array_unref);
  if (session != NULL)
    {
      g_signal_connect_object (session, "changed", G_CALLBACK (session_changed_cb), self, 0);
      g_signal_connect_object (session, "notify::run-id", G_CALLBACK (run_changed_cb), self, 0);
    }
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

/* ---- copying a persona ---- */

gboolean
sg_personas_page_copy_persona_to (SgPersonasPage  *self,
                                  gint64           to_run_id,
                                  guint            to_segment_idx,
                                  gboolean         replace,
                                  GError         **error)
{
  SgProject *project;

  g_return_val_if_fail (SG_IS_PERSONAS_PAGE (self), FALSE);

  if (self->persona_doc == NULL)
    {
      g_set_error_literal (error, SG_ERROR, SG_ERROR_NOT_FOUND, _("There is no persona to copy."));
      return FALSE;
    }
  project = sg_session_get_project (self->session);
  /* What is on screen is what gets copied: store it first (this waits for a save being written). */
  if (!sg_project_save_persona (project, self->run_id, self->segment_idx, SG_PERSONA (self->persona_doc->object),
                                error))
    return FALSE;
  self->persona_stored = TRUE;
  g_array_index (self->has_persona, gboolean, self->segment_idx) = TRUE;
  if (!sg_project_copy_persona (project, self->run_id, self->segment_idx, to_run_id, to_segment_idx, replace, error))
    return FALSE;
  if (to_run_id == self->run_id && to_segment_idx < self->segments->len)
    {
      g_array_index (self->has_persona, gboolean, to_segment_idx) = TRUE;
      fill_segment_list (self);
    }
  return TRUE;
}

typedef struct {
  SgPersonasPage *page;
  AdwMessageDialog *message;
  GtkDropDown    *runs;
  GtkDropDown    *segments;
  GArray         *run_ids;        /* gint64, as listed */
  GPtrArray      *run_segments;   /* SgSegmentInfo of the chosen run */
  gint64          target_run;     /* what was chosen, once answered */
  guint           target_idx;
  char           *target_name;
} CopyDialog;

static void
copy_dialog_free (CopyDialog *dialog)
{
  g_object_unref (dialog->page);
  g_array_unref (dialog->run_ids);
  g_clear_pointer (&dialog->run_segments, g_ptr_array_unref);
  g_free (dialog->target_name);
  g_free (dialog);
}

static void
copy_run_chosen_cb (GtkDropDown *runs,
                    GParamSpec  *pspec,
                    CopyDialog  *dialog)
{
  guint chosen = gtk_drop_down_get_selected (runs);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  gint64 run_id;

  if (chosen >= dialog->run_ids->len)
    return;
  run_id = g_array_index (dialog->run_ids, gint64, chosen);
  g_clear_pointer (&dialog->run_segments, g_ptr_array_unref);
  dialog->run_segments = sg_project_list_segments (sg_session_get_project (dialog->page->session), run_id, NULL);
  fill_segment_names (dialog->run_segments);
  for (guint i = 0; dialog->run_segments != NULL && i < dialog->run_segments->len; i++)
    gtk_string_list_append (names, ((SgSegmentInfo *) g_ptr_array_index (dialog->run_segments, i))->name);
  gtk_drop_down_set_model (dialog->segments, G_LIST_MODEL (names));
}

/* Copying a persona onto itself is not a copy. */
static void
copy_target_chosen_cb (GtkDropDown *drop_down,
                       GParamSpec  *pspec,
                       CopyDialog  *dialog)
{
  guint run_pos = gtk_drop_down_get_selected (dialog->runs);
  guint seg_pos = gtk_drop_down_get_selected (dialog->segments);
  gboolean itself = run_pos < dialog->run_ids->len &&
                    g_array_index (dialog->run_ids, gint64, run_pos) == dialog->page->run_id &&
                    dialog->run_segments != NULL && seg_pos < dialog->run_segments->len &&
                    ((SgSegmentInfo *) g_ptr_array_index (dialog->run_segments, seg_pos))->idx == dialog->page->segment_idx;

  if (dialog->message != NULL)
    adw_message_dialog_set_response_enabled (dialog->message, "copy", !itself);
}

static void copy_response_cb (AdwMessageDialog *message, const char *response, CopyDialog *dialog);

static void
copy_replace_response_cb (AdwMessageDialog *message,
                          const char       *response,
                          gpointer          data)
{
  CopyDialog *dialog = data;

  if (g_strcmp0 (response, "replace") == 0)
    copy_response_cb (NULL, "replace", dialog);
  else
    copy_dialog_free (dialog);
}

static void
copy_response_cb (AdwMessageDialog *message,
                  const char       *response,
                  CopyDialog       *dialog)
{
  SgPersonasPage *self = dialog->page;
  gboolean replace = g_strcmp0 (response, "replace") == 0;
  g_autoptr(GError) error = NULL;

  if (message != NULL)
    {
      /* The dialog and its drop-downs go away after this: keep what was chosen. */
      guint run_pos = gtk_drop_down_get_selected (dialog->runs);
      guint seg_pos = gtk_drop_down_get_selected (dialog->segments);
      SgSegmentInfo *target;

      g_signal_handlers_disconnect_by_data (dialog->runs, dialog);
      g_signal_handlers_disconnect_by_data (dialog->segments, dialog);
      dialog->message = NULL;
      if (g_strcmp0 (response, "copy") != 0 || run_pos >= dialog->run_ids->len ||
          dialog->run_segments == NULL || seg_pos >= dialog->run_segments->len)
        {
          copy_dialog_free (dialog);
          return;
        }
      target = g_ptr_array_index (dialog->run_segments, seg_pos);
      dialog->target_run = g_array_index (dialog->run_ids, gint64, run_pos);
      dialog->target_idx = target->idx;
      dialog->target_name = g_strdup (target->name);
    }

  if (sg_personas_page_copy_persona_to (self, dialog->target_run, dialog->target_idx, replace, &error))
    {
      /* Translators: %s is the segment the persona was copied to */
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new_format (_("Persona copied to “%s”"), dialog->target_name));
      copy_dialog_free (dialog);
    }
  else if (!replace && g_error_matches (error, SG_ERROR, SG_ERROR_EXISTS))
    {
      GtkWindow *window = GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self)));
      GtkWidget *ask = adw_message_dialog_new (window, _("Replace Its Persona?"), NULL);

      adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (ask),
                                      _("“%s” already has a persona. Copying replaces it with this one."),
                                      dialog->target_name);
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (ask), "cancel", _("_Cancel"), "replace", _("_Replace"), NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (ask), "replace", ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (ask), "cancel");
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (ask), "cancel");
      g_signal_connect (ask, "response", G_CALLBACK (copy_replace_response_cb), dialog);
      gtk_window_present (GTK_WINDOW (ask));
    }
  else
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new_format (_("Could not copy the persona: %s"), error->message));
      copy_dialog_free (dialog);
    }
}

static void
copy_persona_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SgPersonasPage *self = SG_PERSONAS_PAGE (widget);
  GtkWindow *window = GTK_WINDOW (gtk_widget_get_root (widget));
  g_autoptr(GtkStringList) run_names = gtk_string_list_new (NULL);
  GPtrArray *runs;
  CopyDialog *dialog;
  GtkWidget *message, *box, *label;
  const char *persona_name;
  guint current = G_MAXUINT;

  if (self->session == NULL || self->persona_doc == NULL)
    return;
  dialog = g_new0 (CopyDialog, 1);
  dialog->page = g_object_ref (self);
  dialog->run_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  runs = sg_session_get_runs (self->session);
  for (guint i = 0; i < runs->len; i++)
    {
      SgRunInfo *run = g_ptr_array_index (runs, i);
      g_autofree char *when = sg_format_date (run->created);
      g_autofree char *name = when != NULL ? g_strdup_printf ("%s (%s)", run->name, when) : g_strdup (run->name);

      /* Another run is the likely target: the first one listed that is not this one. */
      if (run->id != self->run_id && current == G_MAXUINT)
        current = i;
      g_array_append_val (dialog->run_ids, run->id);
      gtk_string_list_append (run_names, name);
    }

  persona_name = sg_persona_get_name (SG_PERSONA (self->persona_doc->object));
  message = adw_message_dialog_new (window, _("Copy Persona"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (message),
                                  _("Copy “%s” to a segment of another segmentation, for example after segmenting again with more data. Its playbook is not copied."),
                                  persona_name != NULL ? persona_name : _("Unnamed persona"));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  label = gtk_label_new (_("Segmentation"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);
  dialog->runs = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (run_names)), NULL));
  sg_a11y_set_label (GTK_WIDGET (dialog->runs), _("Segmentation"));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (dialog->runs));
  label = gtk_label_new (_("Segment"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_top (label, 6);
  gtk_box_append (GTK_BOX (box), label);
  dialog->segments = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));
  sg_a11y_set_label (GTK_WIDGET (dialog->segments), _("Segment"));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (dialog->segments));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (message), box);

  g_signal_connect (dialog->runs, "notify::selected", G_CALLBACK (copy_run_chosen_cb), dialog);
  g_signal_connect (dialog->runs, "notify::selected", G_CALLBACK (copy_target_chosen_cb), dialog);
  g_signal_connect (dialog->segments, "notify::selected", G_CALLBACK (copy_target_chosen_cb), dialog);
  gtk_drop_down_set_selected (dialog->runs, current != G_MAXUINT ? current : 0);
  copy_run_chosen_cb (dialog->runs, NULL, dialog);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (message), "cancel", _("_Cancel"), "copy", _("C_opy"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (message), "copy", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (message), "copy");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (message), "cancel");
  dialog->message = ADW_MESSAGE_DIALOG (message);
  copy_target_chosen_cb (NULL, NULL, dialog);
  g_signal_connect (message, "response", G_CALLBACK (copy_response_cb), dialog);
  gtk_window_present (GTK_WINDOW (message));
}

/* ---- focus, preview, the visible editor ---- */

static void
focus_moved_cb (GtkWindow      *window,
                GParamSpec     *pspec,
                SgPersonasPage *self)
{
  /* Leaving a field saves it now rather than after the pause. */
  sg_personas_page_flush (self);
}

static void
sg_personas_page_root (GtkWidget *widget)
{
  SgPersonasPage *self = SG_PERSONAS_PAGE (widget);
  GtkRoot *root;

  GTK_WIDGET_CLASS (sg_personas_page_parent_class)->root (widget);
  root = gtk_widget_get_root (widget);
  if (GTK_IS_WINDOW (root))
    {
      self->focus_root = GTK_WIDGET (root);
      g_signal_connect_object (root, "notify::focus-widget", G_CALLBACK (focus_moved_cb), self, 0);
    }
}

static void
sg_personas_page_unroot (GtkWidget *widget)
{
  SgPersonasPage *self = SG_PERSONAS_PAGE (widget);

  if (self->focus_root != NULL)
    g_signal_handlers_disconnect_by_func (self->focus_root, focus_moved_cb, self);
  self->focus_root = NULL;
  GTK_WIDGET_CLASS (sg_personas_page_parent_class)->unroot (widget);
}

static void
preview_toggled_cb (GtkToggleButton *button,
                    SgPersonasPage  *self)
{
  gboolean preview = gtk_toggle_button_get_active (button);

  sg_persona_editor_set_preview (self->persona_editor, preview);
  sg_playbook_editor_set_preview (self->playbook_editor, preview);
}

static void
editor_shown_cb (SgPersonasPage *self)
{
  gboolean persona = g_strcmp0 (adw_view_stack_get_visible_child_name (self->editor_stack), "persona") == 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "personas.copy-persona", persona);
  update_save_label (self);
}

/* ---- GObject ---- */

static void
sg_personas_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SgPersonasPage *self = SG_PERSONAS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, sg_personas_page_get_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sg_personas_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  SgPersonasPage *self = SG_PERSONAS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      sg_personas_page_set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sg_personas_page_dispose (GObject *object)
{
  SgPersonasPage *self = SG_PERSONAS_PAGE (object);

  /* The window is going: what was typed in the last moment is written before it goes. */
  close_docs (self, TRUE);
  g_cancellable_cancel (self->cancellable);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  /* AdwBin keeps its own pointer to the child: let it drop it before the template goes. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SG_TYPE_PERSONAS_PAGE);

  G_OBJECT_CLASS (sg_personas_page_parent_class)->dispose (object);
}

static void
sg_personas_page_finalize (GObject *object)
{
  SgPersonasPage *self = SG_PERSONAS_PAGE (object);

  g_clear_pointer (&self->segments, g_ptr_array_unref);
  g_clear_pointer (&self->has_persona, g_array_unref);
  g_clear_pointer (&self->plan_status, g_array_unref);
  g_strfreev (self->columns);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->undo_playbook);
  g_free (self->save_text);

  G_OBJECT_CLASS (sg_personas_page_parent_class)->finalize (object);
}

static void
sg_personas_page_class_init (SgPersonasPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sg_personas_page_dispose;
  object_class->finalize = sg_personas_page_finalize;
  object_class->get_property = sg_personas_page_get_property;
  object_class->set_property = sg_personas_page_set_property;
  widget_class->root = sg_personas_page_root;
  widget_class->unroot = sg_personas_page_unroot;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, SG_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SG_TYPE_SWATCH);
  g_type_ensure (SG_TYPE_PERSONA_EDITOR);
  g_type_ensure (SG_TYPE_PLAYBOOK_EDITOR);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/sg-personas-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SgPersonasPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SgPersonasPage, stack);
  gtk_widget_class_bind_template_child (widget_class, SgPersonasPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, SgPersonasPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, SgPersonasPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, SgPersonasPage, run_title);
  gtk_widget_class_bind_template_child (widget_class, SgPersonasPage, run_subtitle);
  gtk_widget_class_bind_template_child (widget_class, SgPersonasPage, segment_list);
  gtk_widget_class_bind_template_child (widget_class, SgPersonasPage, list_button);
  gtk_widget_class_bind_template_child (widget_class, SgPersonasPage, segment_swatch);
  gtk_widget_class_bind_template_child (widget_class, SgPersonasPage, segment_title);
  gtk_widget_class_bind_template_child (widget_class, SgPersonasPage, segment_subtitle);
  gtk_widget_class_bind_template_child (widget_class, SgPersonasPage, save_label);
  gtk_widget_class_bind_template_child (widget_class, SgPersonasPage, preview_button);
  gtk_widget_class_bind_template_child (widget_class, SgPersonasPage, editor_stack);
  gtk_widget_class_bind_template_child (widget_class, SgPersonasPage, persona_editor);
  gtk_widget_class_bind_template_child (widget_class, SgPersonasPage, playbook_editor);
  gtk_widget_class_bind_template_callback (widget_class, list_clicked_cb);

  gtk_widget_class_install_action (widget_class, "personas.copy-persona", NULL, copy_persona_action);
  gtk_widget_class_install_action (widget_class, "personas.undo-template", NULL, undo_template_action);
}

static void
sg_personas_page_init (SgPersonasPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->segment_idx = G_MAXUINT;
  self->has_persona = g_array_new (FALSE, TRUE, sizeof (gboolean));
  self->plan_status = g_array_new (FALSE, TRUE, sizeof (int));
  self->cancellable = g_cancellable_new ();

  g_signal_connect (self->segment_list, "row-selected", G_CALLBACK (row_selected_cb), self);
  g_signal_connect (self->persona_editor, "edited", G_CALLBACK (persona_edited_cb), self);
  g_signal_connect (self->playbook_editor, "edited", G_CALLBACK (playbook_edited_cb), self);
  g_signal_connect (self->playbook_editor, "template-applied", G_CALLBACK (template_applied_cb), self);
  g_signal_connect (self->preview_button, "toggled", G_CALLBACK (preview_toggled_cb), self);
  g_signal_connect_swapped (self->leaflet, "notify::folded", G_CALLBACK (folded_cb), self);
  g_signal_connect_swapped (self->editor_stack, "notify::visible-child", G_CALLBACK (editor_shown_cb), self);
  update (self);
}
