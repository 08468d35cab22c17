/* sg-segments-page.c — the page, the run it shows, the headline figures, the segment cards, presenting
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "SgSegmentsPage"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "sg-a11y.h"
#include "sg-format.h"
#include "sg-presentation-window.h"
#include "sg-segment-card.h"
#include "sg-segment-detail.h"
#include "sg-segments-page-private.h"
#include "sg-window.h"

/* The dendrogram shows the top of the tree: this many groups at most. */
#define TREE_LEAVES 60
/* Sentences per segment card. */
#define CARD_FACTS 3

G_DEFINE_FINAL_TYPE (SgSegmentsPage, sg_segments_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_SEGMENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void start_load (SgSegmentsPage *self);

void
_sg_run_view_free (SgRunView *view)
{
  if (view == NULL)
    return;
  if (view->facts != NULL && view->data != NULL)
    for (guint s = 0; s < view->data->k; s++)
      g_strfreev (view->facts[s]);
  g_free (view->facts);
  sg_scatter_model_clear (&view->scatter);
  sg_silhouette_model_clear (&view->silhouette);
  sg_profile_model_clear (&view->profile);
  sg_tree_model_clear (&view->tree);
  g_clear_pointer (&view->data, sg_run_data_free);
  g_free (view);
}

gboolean
sg_segments_page_get_ready (SgSegmentsPage *self)
{
  g_return_val_if_fail (SG_IS_SEGMENTS_PAGE (self), FALSE);

  return self->session != NULL && sg_session_get_n_runs (self->session) > 0;
}

/* ---- busy state ---- */

static void
update_busy (SgSegmentsPage *self)
{
  gboolean busy = self->n_tasks > 0 || self->loading_run != 0;

  if (self->busy_spinner == NULL)   /* disposed: a task finished late */
    return;
  gtk_widget_set_visible (GTK_WIDGET (self->busy_spinner), busy);
  gtk_spinner_set_spinning (self->busy_spinner, busy);
}

void
_sg_segments_page_task_started (SgSegmentsPage *self)
{
  self->n_tasks++;
  update_busy (self);
}

void
_sg_segments_page_task_done (SgSegmentsPage *self)
{
  g_return_if_fail (self->n_tasks > 0);
  self->n_tasks--;
  update_busy (self);
}

void
_sg_segments_page_toast (SgSegmentsPage *self,
                         const char     *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (SG_IS_WINDOW (root))
    sg_window_add_toast (SG_WINDOW (root), message);
}

/* ---- the run switcher ---- */

static void
run_selected_cb (SgSegmentsPage *self,
                 GParamSpec     *pspec,
                 GtkDropDown    *dropdown)
{
  guint i = gtk_drop_down_get_selected (dropdown);

  if (self->session == NULL || i >= self->run_ids->len)
    return;
  sg_session_set_run_id (self->session, g_array_index (self->run_ids, gint64, i));
}

static void
fill_run_switcher (SgSegmentsPage *self)
{
  GPtrArray *runs = self->session != NULL ? sg_session_get_runs (self->session) : NULL;
  gint64 current = self->session != NULL ? sg_session_get_run_id (self->session) : 0;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  guint selected = GTK_INVALID_LIST_POSITION;

  g_signal_handler_block (self->run_dropdown, self->run_selected_id);
  g_signal_handler_block (self->error_dropdown, self->error_selected_id);
  g_array_set_size (self->run_ids, 0);
  for (guint i = 0; runs != NULL && i < runs->len; i++)
    {
      SgRunInfo *run = g_ptr_array_index (runs, i);
      SgDatasetInfo *dataset = sg_session_lookup_dataset (self->session, run->dataset_id);

      g_array_append_val (self->run_ids, run->id);
      /* Translators: a run in the switcher: its name — its dataset's name */
      g_ptr_array_add (labels, dataset != NULL ? g_strdup_printf (_("%s — %s"), run->name, dataset->name)
                                               : g_strdup (run->name));
      if (run->id == current)
        selected = i;
    }
  g_ptr_array_add (labels, NULL);
  gtk_string_list_splice (self->run_names, 0, g_list_model_get_n_items (G_LIST_MODEL (self->run_names)),
                          (const char *const *) labels->pdata);
  gtk_drop_down_set_selected (self->run_dropdown, selected);
  gtk_drop_down_set_selected (self->error_dropdown, selected);
  g_signal_handler_unblock (self->run_dropdown, self->run_selected_id);
  g_signal_handler_unblock (self->error_dropdown, self->error_selected_id);
}

/* ---- the headline ---- */

static char *
customers_note (const SgRunHeadline *h)
{
  guint64 total = h->n_segmented + h->n_unassigned + h->n_excluded;
  g_autofree char *all = sg_format_count (total);
  g_autoptr(GString) note = g_string_new (NULL);

  if (h->n_excluded == 0 && h->n_unassigned == 0)
    return g_strdup_printf (_("All %s customers are in a segment."), all);
  g_string_append_printf (note, _("Of your %s customers."), all);
  if (h->n_excluded > 0)
    {
      g_autofree char *n = sg_format_count (h->n_excluded);

      g_string_append_c (note, ' ');
      g_string_append_printf (note, ngettext ("%s was left out: a value was missing.",
                                              "%s were left out: a value was missing.", h->n_excluded), n);
    }
  if (h->n_unassigned > 0)
    {
      g_autofree char *n = sg_format_count (h->n_unassigned);

      g_string_append_c (note, ' ');
      g_string_append_printf (note, ngettext ("%s fits no segment (unassigned).",
                                              "%s fit no segment (unassigned).", h->n_unassigned), n);
    }
  return g_strdup (note->str);
}

static char *
silhouette_note (const SgRunHeadline *h)
{
  const char *sentence = sg_run_charts_silhouette_sentence (h->silhouette);
  g_autofree char *sample = NULL;

  if (!h->sampled || !isfinite (h->silhouette))
    return g_strdup (sentence);
  sample = sg_format_count (h->sample_size);
  /* Translators: the silhouette's note when it was estimated: sentence, sample size, interval */
  return g_strdup_printf (_("%s Estimated on %s customers (likely between %.2f and %.2f)."), sentence, sample,
                          h->silhouette_low, h->silhouette_high);
}

static void
show_headline (SgSegmentsPage *self)
{
  const SgRunData *data = self->view->data;
  SgRunHeadline h;
  g_autofree char *customers = NULL, *note = NULL, *k = NULL, *silhouette = NULL, *snote = NULL;

  sg_run_headline_init (&h, data);
  customers = sg_format_count (h.n_segmented);
  note = customers_note (&h);
  gtk_label_set_text (self->customers_value, customers);
  gtk_label_set_text (self->customers_note, note);

  k = g_strdup_printf ("%u", h.k);
  gtk_label_set_text (self->segments_value, k);
  gtk_label_set_text (self->segments_caption, ngettext ("segment", "segments", h.k));
  gtk_label_set_text (self->segments_note,
                      !sg_algorithm_takes_k (data->algorithm) ? _("Found by the method itself.")
                      : h.k_reason != NULL ? _("Chosen automatically: the reason is below.")
                                           : _("As many as you asked for."));

  silhouette = isfinite (h.silhouette) ? g_strdup_printf ("%.2f", h.silhouette) : g_strdup ("–");
  snote = silhouette_note (&h);
  gtk_label_set_text (self->silhouette_value, silhouette);
  gtk_label_set_text (self->silhouette_words,
                      isfinite (h.silhouette) ? sg_run_charts_silhouette_words (h.silhouette) : _("Not measured"));
  gtk_label_set_text (self->silhouette_note, snote);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->silhouette_value),
                               _("The silhouette: from −1 to 1, how much closer customers are to their own "
                                 "segment than to the next one."));

  gtk_label_set_text (self->method_value, h.method);
  gtk_label_set_text (self->method_note, h.method_sentence);

  if (h.k_reason != NULL)
    {
    }
  gtk_widget_set_visible (GTK_WIDGET (self->reason_label), h.k_reason != NULL);
  if (h.k_reason != NULL)
    {
      g_autofree char *prefix = g_strdup_printf (ngettext ("%u segment: ", "%u segments: ", h.k), h.k);
      const char *rest = g_str_has_prefix (h.k_reason, prefix) ? h.k_reason + strlen (prefix) : h.k_reason;
      g_autofree char *first = g_utf8_strup (rest, g_utf8_next_char (rest) - rest);
      /* Translators: why the number of segments was chosen: "Why 5 segments? Adding more stops paying off…" */
      g_autofree char *markup = g_markup_printf_escaped (ngettext ("<b>Why %u segment?</b> %s%s",
                                                                   "<b>Why %u segments?</b> %s%s", h.k),
                                                         h.k, first, g_utf8_next_char (rest));

      gtk_label_set_markup (self->reason_label, markup);
    }
  sg_run_headline_clear (&h);
}

static void
show_titles (SgSegmentsPage *self)
{
  const SgRunInfo *run = self->view->data->run;
  SgDatasetInfo *dataset = sg_session_lookup_dataset (self->session, run->dataset_id);
  g_autofree char *project = sg_session_dup_title (self->session);
  g_autofree char *date = sg_format_date (run->created);
  g_autofree char *subtitle = NULL, *caption = NULL;

  /* Translators: under the run's name when presenting: project · dataset · date */
  subtitle = g_strdup_printf (_("%s · %s · %s"), project, dataset != NULL ? dataset->name : "–", date != NULL ? date : "");
  gtk_label_set_text (self->title_label, run->name);
  gtk_label_set_text (self->subtitle_label, subtitle);
  caption = date != NULL ? g_strdup_printf (_("Made %s"), date) : NULL;
  gtk_label_set_text (self->run_caption, caption != NULL ? caption : "");
}

/* ---- the cards ---- */

static void
show_cards (SgSegmentsPage *self)
{
  const SgRunData *data = self->view->data;
  guint64 in_run = data->n_rows - data->n_excluded;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->cards_box))) != NULL)
    gtk_flow_box_remove (self->cards_box, child);
  /* Rows of equal length: 6 segments as 3 + 3 rather than 5 + 1. */
  gtk_flow_box_set_max_children_per_line (self->cards_box, data->k <= 5 ? MAX (data->k, 1) : MIN ((data->k + 1) / 2, 5));
  g_ptr_array_set_size (self->cards, 0);
  for (guint s = 0; s < data->k; s++)
    {
      GtkWidget *card = sg_segment_card_new ();

      sg_segment_card_set_segment (SG_SEGMENT_CARD (card), s, data->names[s], data->sizes[s],
                                   in_run > 0 ? (double) data->sizes[s] / in_run : 0);
      sg_segment_card_set_facts (SG_SEGMENT_CARD (card), (const char *const *) self->view->facts[s]);
      sg_segment_card_set_presenting (SG_SEGMENT_CARD (card), self->presentation != NULL);
      gtk_flow_box_append (self->cards_box, card);
      gtk_widget_set_focusable (gtk_widget_get_parent (card), FALSE);
      g_ptr_array_add (self->cards, card);
    }
}

static void
card_activated_cb (SgSegmentsPage  *self,
                   GtkFlowBoxChild *child)
{
  GtkWidget *card = gtk_flow_box_child_get_child (child);

  if (SG_IS_SEGMENT_CARD (card))
    sg_segments_page_show_segment (self, (int) sg_segment_card_get_index (SG_SEGMENT_CARD (card)));
}

/* ---- reading a run ---- */

static void
show_view (SgSegmentsPage *self)
{
  self->shown_run = self->view->data->run->id;
  show_titles (self);
  show_headline (self);
  show_cards (self);
  _sg_segments_page_show_charts (self);
  if (self->segment >= (int) self->view->data->k)
    sg_segments_page_show_segment (self, -1);
  gtk_stack_set_visible_child_name (self->stack, "dashboard");
}

static void
load_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SgProject *project = g_object_get_data (G_OBJECT (task), "project");
  gint64 run_id = GPOINTER_TO_SIZE (task_data);
  g_autoptr(SgRunView) view = g_new0 (SgRunView, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) profile_error = NULL;

  view->data = sg_run_data_load (project, run_id, &error);
  if (view->data == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  view->has_scatter = sg_scatter_model_build (&view->scatter, view->data, 0, 1);
  view->has_silhouette = sg_silhouette_model_build (&view->silhouette, view->data);
  if (g_task_return_error_if_cancelled (task))
    return;
  view->has_profile = view->data->k > 0 && sg_profile_model_compute (&view->profile, project, view->data,
                                                                     &profile_error);
  if (profile_error != NULL)
    g_message ("No profile for run %" G_GINT64_FORMAT ": %s", run_id, profile_error->message);
  view->has_tree = sg_tree_model_build (&view->tree, view->data, TREE_LEAVES);
  view->facts = g_new0 (GStrv, MAX (view->data->k, 1));
  for (guint s = 0; s < view->data->k; s++)
    view->facts[s] = sg_run_charts_segment_facts (view->data, view->has_profile ? &view->profile : NULL, s,
                                                  CARD_FACTS);
  if (g_task_return_error_if_cancelled (task))
    return;
  g_task_return_pointer (task, g_steal_pointer (&view), (GDestroyNotify) _sg_run_view_free);
}

static void
load_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  SgSegmentsPage *self = SG_SEGMENTS_PAGE (source);
  g_autoptr(GError) error = NULL;
  SgRunView *view = g_task_propagate_pointer (G_TASK (result), &error);

  /* A newer run was asked for meanwhile: this one is of no use. */
  if (g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    {
      g_clear_pointer (&view, _sg_run_view_free);
      return;
    }
  self->loading_run = 0;
  gtk_spinner_set_spinning (self->loading_spinner, FALSE);
  update_busy (self);
  if (view == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }
  g_clear_pointer (&self->view, _sg_run_view_free);
  self->view = view;
  show_view (self);
}

static void
start_load (SgSegmentsPage *self)
{
  gint64 run_id = self->session != NULL ? sg_session_get_run_id (self->session) : 0;
  g_autoptr(SgProject) connection = NULL;
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;

  if (run_id == 0 || run_id == self->loading_run || (run_id == self->shown_run && self->loading_run == 0))
    return;
  /* Off screen, the run is read when the page is shown. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->reload_pending = TRUE;
      return;
    }
  self->reload_pending = FALSE;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  _sg_segments_page_clear_charts (self);

  connection = sg_project_reopen (sg_session_get_project (self->session), &error);
  if (connection == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }
  self->loading_run = run_id;
  if (self->view == NULL || g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "dashboard") != 0)
    {
      gtk_spinner_set_spinning (self->loading_spinner, TRUE);
      gtk_stack_set_visible_child_name (self->stack, "loading");
    }
  update_busy (self);
  task = g_task_new (self, self->cancellable, load_done_cb, NULL);
  g_task_set_source_tag (task, start_load);
  g_task_set_task_data (task, GSIZE_TO_POINTER ((gsize) run_id), NULL);
  g_object_set_data_full (G_OBJECT (task), "project", g_steal_pointer (&connection), g_object_unref);
  g_task_run_in_thread (task, load_worker);
}

/* The shown run was renamed, or its segments were (another page names them): read it again. */
static gboolean
names_changed (SgSegmentsPage *self)
{
  const SgRunData *data = self->view != NULL ? self->view->data : NULL;
  SgRunInfo *run = data != NULL ? sg_session_lookup_run (self->session, data->run->id) : NULL;
  g_autoptr(GPtrArray) segments = NULL;

  if (run == NULL)
    return FALSE;
  if (g_strcmp0 (run->name, data->run->name) != 0)
    return TRUE;
  segments = sg_project_list_segments (sg_session_get_project (self->session), run->id, NULL);
  for (guint i = 0; segments != NULL && i < segments->len; i++)
    {
      SgSegmentInfo *segment = g_ptr_array_index (segments, i);

      if (segment->idx < data->k && segment->name != NULL && *segment->name != '\0' &&
          g_strcmp0 (segment->name, data->names[segment->idx]) != 0)
        return TRUE;
    }
  return FALSE;
}

static void
update (SgSegmentsPage *self)
{
  fill_run_switcher (self);
  if (self->loading_run == 0 && self->shown_run != 0 && self->session != NULL &&
      self->shown_run == sg_session_get_run_id (self->session) && names_changed (self))
    self->shown_run = 0;
  if (!sg_segments_page_get_ready (self))
    {
      g_cancellable_cancel (self->cancellable);
      self->loading_run = self->shown_run = 0;
      g_clear_pointer (&self->view, _sg_run_view_free);
      _sg_segments_page_clear_charts (self);
      sg_segments_page_set_presenting (self, FALSE);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      update_busy (self);
      return;
    }
  start_load (self);
}

static void
map_cb (SgSegmentsPage *self)
{
  if (self->reload_pending)
    start_load (self);
}

/* ---- actions ---- */

static void
show_segment_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  sg_segments_page_show_segment (SG_SEGMENTS_PAGE (widget), g_variant_get_int32 (parameter));
}

static void
show_overview_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  sg_segments_page_show_segment (SG_SEGMENTS_PAGE (widget), -1);
}

static void
show_persona_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SgSegmentsPage *self = SG_SEGMENTS_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  /* The personas follow the session's run, which is the one shown here. */
  if (self->presentation != NULL)
    sg_segments_page_set_presenting (self, FALSE);
  if (SG_IS_WINDOW (root))
    sg_window_show_persona (SG_WINDOW (root), (guint) MAX (g_variant_get_int32 (parameter), 0));
}

static void
present_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  SgSegmentsPage *self = SG_SEGMENTS_PAGE (widget);

  sg_segments_page_set_presenting (self, self->presentation == NULL);
}

/* F11 anywhere in the window, while this page is on screen. */
static gboolean
present_shortcut_cb (GtkWidget *widget,
                     GVariant  *args,
                     gpointer   user_data)
{
  SgSegmentsPage *self = SG_SEGMENTS_PAGE (user_data);

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)) || self->view == NULL)
    return FALSE;
  sg_segments_page_set_presenting (self, TRUE);
  return TRUE;
}

static void
leaflet_child_cb (SgSegmentsPage *self)
{
  /* Swiping back or Alt+← leaves the details too. */
  if (g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet), "overview") == 0 && self->segment >= 0)
    {
      self->segment = -1;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEGMENT]);
    }
}

/* ---- presenting ---- */

static void
set_presenting_widgets (SgSegmentsPage *self,
                        gboolean        presenting)
{
  gtk_widget_set_visible (self->title_box, presenting);
  for (guint i = 0; i < self->cards->len; i++)
    sg_segment_card_set_presenting (g_ptr_array_index (self->cards, i), presenting);
  _sg_segments_page_set_charts_presenting (self, presenting);
  if (presenting)
    gtk_widget_add_css_class (self->dashboard, "presenting");
  else
    gtk_widget_remove_css_class (self->dashboard, "presenting");
}

static gboolean
presentation_close_cb (SgSegmentsPage *self,
                       GtkWindow      *window)
{
  GtkWidget *content = sg_presentation_window_take_content (SG_PRESENTATION_WINDOW (window));

  if (content != NULL)
    {
      adw_bin_set_child (self->dashboard_slot, content);
      g_object_unref (content);
    }
  g_signal_handlers_disconnect_by_data (window, self);
  g_clear_weak_pointer (&self->presentation);
  set_presenting_widgets (self, FALSE);
  return FALSE;
}

void
sg_segments_page_set_presenting (SgSegmentsPage *self,
                                 gboolean        presenting)
{
  GtkRoot *root;

  g_return_if_fail (SG_IS_SEGMENTS_PAGE (self));

  if (presenting == (self->presentation != NULL))
    return;
  if (!presenting)
    {
      gtk_window_close (GTK_WINDOW (self->presentation));
      return;
    }
  if (self->view == NULL)
    return;
  root = gtk_widget_get_root (GTK_WIDGET (self));
  g_object_ref (self->dashboard);
  adw_bin_set_child (self->dashboard_slot, NULL);
  self->presentation = sg_presentation_window_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->dashboard);
  g_object_unref (self->dashboard);
  g_object_add_weak_pointer (G_OBJECT (self->presentation), (gpointer *) &self->presentation);
  g_signal_connect_object (self->presentation, "close-request", G_CALLBACK (presentation_close_cb), self,
                           G_CONNECT_SWAPPED);
  set_presenting_widgets (self, TRUE);
  gtk_window_present (GTK_WINDOW (self->presentation));
}

gboolean
sg_segments_page_get_presenting (SgSegmentsPage *self)
{
  g_return_val_if_fail (SG_IS_SEGMENTS_PAGE (self), FALSE);

  return self->presentation != NULL;
}

GtkWindow *
sg_segments_page_get_presentation_window (SgSegmentsPage *self)
{
  g_return_val_if_fail (SG_IS_SEGMENTS_PAGE (self), NULL);

  return self->presentation != NULL ? GTK_WINDOW (self->presentation) : NULL;
}

/* ---- public ---- */

void
sg_segments_page_show_segment (SgSegmentsPage *self,
                               int             idx)
{
  g_return_if_fail (SG_IS_SEGMENTS_PAGE (self));

  if (idx >= 0 && (self->view == NULL || (guint) idx >= self->view->data->k))
    return;
  if (idx >= 0 && self->presentation != NULL)
    sg_segments_page_set_presenting (self, FALSE);
  if (idx >= 0)
    gtk_label_set_text (self->detail_title, self->view->data->names[idx]);
  adw_leaflet_set_visible_child_name (self->leaflet, idx >= 0 ? "detail" : "overview");
  if (self->segment == idx)
    return;
  self->segment = idx;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEGMENT]);
}

int
sg_segments_page_get_segment (SgSegmentsPage *self)
{
  g_return_val_if_fail (SG_IS_SEGMENTS_PAGE (self), -1);

  return self->segment;
}

AdwBin *
sg_segments_page_get_detail_slot (SgSegmentsPage *self)
{
  g_return_val_if_fail (SG_IS_SEGMENTS_PAGE (self), NULL);

  return self->detail_slot;
}

gint64
sg_segments_page_get_shown_run (SgSegmentsPage *self)
{
  g_return_val_if_fail (SG_IS_SEGMENTS_PAGE (self), 0);

  return self->loading_run == 0 ? self->shown_run : 0;
}

gboolean
sg_segments_page_is_busy (SgSegmentsPage *self)
{
  g_return_val_if_fail (SG_IS_SEGMENTS_PAGE (self), FALSE);

  return self->loading_run != 0 || self->n_tasks > 0;
}

SgSession *
sg_segments_page_get_session (SgSegmentsPage *self)
{
  g_return_val_if_fail (SG_IS_SEGMENTS_PAGE (self), NULL);

  return self->session;
}

void
sg_segments_page_set_session (SgSegmentsPage *self,
                              SgSession      *session)
{
  g_return_if_fail (SG_IS_SEGMENTS_PAGE (self));
  g_return_if_fail (session == NULL || SG_IS_SESSION (session));

  if (self->session == session)
    return;
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  /* Another project: nothing of the last one stays. */
  self->shown_run = self->loading_run = 0;
  g_clear_pointer (&self->view, _sg_run_view_free);
  for (guint i = 0; i < N_CACHED_CHUNKS; i++)
    g_clear_pointer (&self->chunks[i].values, sg_column_free);
  if (session != NULL)
    {
      g_signal_connect_object (session, "changed", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::run-id", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
    }
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

/* ---- GObject ---- */

static void
sg_segments_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SgSegmentsPage *self = SG_SEGMENTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_SEGMENT:
      g_value_set_int (value, self->segment);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sg_segments_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  SgSegmentsPage *self = SG_SEGMENTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      sg_segments_page_set_session (self, g_value_get_object (value));
      break;
    case PROP_SEGMENT:
      sg_segments_page_show_segment (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sg_segments_page_dispose (GObject *object)
{
  SgSegmentsPage *self = SG_SEGMENTS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->presentation != NULL)
    {
      GtkWidget *window = self->presentation;

      presentation_close_cb (self, GTK_WINDOW (window));
      gtk_window_destroy (GTK_WINDOW (window));
    }
  _sg_segments_page_dispose_charts (self);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  g_clear_pointer (&self->view, _sg_run_view_free);
  g_clear_pointer (&self->cards, g_ptr_array_unref);
  g_clear_pointer (&self->run_ids, g_array_unref);
  g_clear_object (&self->run_names);
  /* AdwBin keeps its own pointer to the child: let it drop it before the template goes. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SG_TYPE_SEGMENTS_PAGE);

  G_OBJECT_CLASS (sg_segments_page_parent_class)->dispose (object);
}

static void
sg_segments_page_class_init (SgSegmentsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sg_segments_page_dispose;
  object_class->get_property = sg_segments_page_get_property;
  object_class->set_property = sg_segments_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, SG_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /* The segment whose details are shown, -1 when the dashboard is. */
  properties[PROP_SEGMENT] =
    g_param_spec_int ("segment", NULL, NULL, -1, G_MAXINT, -1,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/sg-segments-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SgSegmentsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, SgSegmentsPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, SgSegmentsPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, SgSegmentsPage, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, SgSegmentsPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, SgSegmentsPage, error_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SgSegmentsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, SgSegmentsPage, run_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SgSegmentsPage, busy_spinner);
  gtk_widget_class_bind_template_child (widget_class, SgSegmentsPage, run_caption);
  gtk_widget_class_bind_template_child (widget_class, SgSegmentsPage, present_button);
  gtk_widget_class_bind_template_child (widget_class, SgSegmentsPage, dashboard_slot);
  gtk_widget_class_bind_template_child (widget_class, SgSegmentsPage, dashboard);
  gtk_widget_class_bind_template_child (widget_class, SgSegmentsPage, title_box);
  gtk_widget_class_bind_template_child (widget_class, SgSegmentsPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, SgSegmentsPage, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, SgSegmentsPage, customers_value);
  gtk_widget_class_bind_template_child (widget_class, SgSegmentsPage, customers_note);
  gtk_widget_class_bind_template_child (widget_class, SgSegmentsPage, segments_value);
  gtk_widget_class_bind_template_child (widget_class, SgSegmentsPage, segments_caption);
  gtk_widget_class_bind_template_child (widget_class, SgSegmentsPage, segments_note);
  gtk_widget_class_bind_template_child (widget_class, SgSegmentsPage, silhouette_value);
  gtk_widget_class_bind_template_child (widget_class, SgSegmentsPage, silhouette_words);
  gtk_widget_class_bind_template_child (widget_class, SgSegmentsPage, silhouette_note);
  gtk_widget_class_bind_template_child (widget_class, SgSegmentsPage, method_value);
  gtk_widget_class_bind_template_child (widget_class, SgSegmentsPage, method_note);
  gtk_widget_class_bind_template_child (widget_class, SgSegmentsPage, reason_label);
  gtk_widget_class_bind_template_child (widget_class, SgSegmentsPage, cards_box);
  gtk_widget_class_bind_template_child (widget_class, SgSegmentsPage, charts_grid);
  gtk_widget_class_bind_template_child (widget_class, SgSegmentsPage, detail_title);
  gtk_widget_class_bind_template_child (widget_class, SgSegmentsPage, detail_slot);

  g_type_ensure (SG_TYPE_CHART_VIEW);
  g_type_ensure (SG_TYPE_SEGMENT_CARD);

  gtk_widget_class_install_action (widget_class, "segments.show-segment", "i", show_segment_action);
  gtk_widget_class_install_action (widget_class, "segments.show-persona", "i", show_persona_action);
  gtk_widget_class_install_action (widget_class, "segments.show-overview", NULL, show_overview_action);
  gtk_widget_class_install_action (widget_class, "segments.present", NULL, present_action);
}

static void
sg_segments_page_init (SgSegmentsPage *self)
{
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->segment = -1;
  self->cards = g_ptr_array_new ();
  self->run_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->run_names = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->run_dropdown, G_LIST_MODEL (self->run_names));
  gtk_drop_down_set_model (self->error_dropdown, G_LIST_MODEL (self->run_names));
  /* Swapped: the page first, the dropdown last (after the pspec). */
  self->run_selected_id = g_signal_connect_object (self->run_dropdown, "notify::selected",
                                                   G_CALLBACK (run_selected_cb), self, G_CONNECT_SWAPPED);
  self->error_selected_id = g_signal_connect_object (self->error_dropdown, "notify::selected",
                                                     G_CALLBACK (run_selected_cb), self, G_CONNECT_SWAPPED);
  sg_a11y_set_label (GTK_WIDGET (self->run_dropdown), _("Run shown"));
  sg_a11y_set_label (GTK_WIDGET (self->error_dropdown), _("Show another run"));
  g_signal_connect_swapped (self->cards_box, "child-activated", G_CALLBACK (card_activated_cb), self);
  g_signal_connect_swapped (self->leaflet, "notify::visible-child-name", G_CALLBACK (leaflet_child_cb), self);
  g_signal_connect (self, "map", G_CALLBACK (map_cb), NULL);

  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_GLOBAL);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_F11, 0),
                                                          gtk_callback_action_new (present_shortcut_cb, self, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  _sg_segments_page_init_charts (self);
  sg_segment_detail_attach (self);
  sg_a11y_fix_names (GTK_WIDGET (self));
  gtk_stack_set_visible_child_name (self->stack, "empty");
}
