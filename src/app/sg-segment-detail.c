/* sg-segment-detail.c — one segment in full: loading, the name, navigation, sentences, rules, trust
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "SgSegmentDetail"

#include <glib/gi18n.h>
#include <math.h>

#include "sg-a11y.h"
#include "sg-palette.h"
#include "sg-run-validation.h"
#include "sg-segment-detail-private.h"
#include "sg-window.h"

G_DEFINE_FINAL_TYPE (SgSegmentDetail, sg_segment_detail, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void fill (SgSegmentDetail *self);

/* ---- colours ---- */

void
_sg_segment_detail_segment_rgba (SgSegmentDetail *self,
                                 int              index,
                                 GdkRGBA         *rgba)
{
  SgRgb color = sg_palette_segment (index);

  for (guint i = 0; index >= 0 && self->segments != NULL && i < self->segments->len; i++)
    {
      SgSegmentInfo *info = g_ptr_array_index (self->segments, i);

      if ((int) info->idx == index && info->color != NULL && gdk_rgba_parse (rgba, info->color))
        return;
    }
  if (adw_style_manager_get_dark (adw_style_manager_get_default ()))
    color = sg_rgb_mix (color, (SgRgb) { 1, 1, 1 }, 0.2);
  *rgba = (GdkRGBA) { color.red, color.green, color.blue, 1.0 };
}

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  SgSegmentDetail *self = user_data;
  GdkRGBA color;

  if (self->segment < 0)
    return;
  _sg_segment_detail_segment_rgba (self, self->segment, &color);
  cairo_arc (cr, width / 2.0, height / 2.0, MIN (width, height) / 2.0, 0, 2 * G_PI);
  gdk_cairo_set_source_rgba (cr, &color);
  cairo_fill (cr);
}

/* ---- small widgets ---- */

static void
clear_box (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    gtk_widget_unparent (child);
}

static GtkWidget *
wrapped_label (const char *text,
               const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* "•  text" with the text wrapping under itself, not under the bullet. */
static GtkWidget *
bullet (const char *text)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *dot = gtk_label_new ("•");
  GtkWidget *label = wrapped_label (text, "detail-sentence");

  gtk_widget_set_valign (dot, GTK_ALIGN_START);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_box_append (GTK_BOX (row), dot);
  gtk_box_append (GTK_BOX (row), label);
  return row;
}

/* ---- sections ---- */

static void
fill_header (SgSegmentDetail *self)
{
  const SgSegmentView *view = self->view;

  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->name_label), view->name);
  self->filling = FALSE;
  gtk_label_set_text (self->size_label, view->size_text);
  {
    /* Translators: which segment of how many: "2 of 5" */
    g_autofree char *position = g_strdup_printf (_("%u of %u"), view->segment + 1, view->k);

    gtk_label_set_text (self->position_label, position);
  }
  gtk_label_set_text (self->name_note, view->name_note != NULL ? view->name_note : "");
  gtk_widget_set_visible (self->naming_box, view->name_note != NULL || view->name_edited);
  gtk_widget_set_visible (self->auto_name_button, view->name_edited);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.automatic-name", view->name_edited && !self->naming);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.previous", view->k > 1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.next", view->k > 1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.undo-rename", self->undo->len > 0);
  gtk_widget_queue_draw (GTK_WIDGET (self->swatch));
  gtk_widget_set_visible (self->no_profile_box, !view->has_profile);
  gtk_label_set_text (self->no_profile_label, view->no_profile_reason != NULL ? view->no_profile_reason : "");
}

static void
fill_sentences (SgSegmentDetail *self)
{
  const SgSegmentView *view = self->view;

  clear_box (GTK_WIDGET (self->sentences_box));
  gtk_widget_set_visible (self->apart_section, view->has_profile);
  for (guint i = 0; view->sentences[i] != NULL; i++)
    gtk_box_append (self->sentences_box, bullet (view->sentences[i]));
  if (view->sentences[0] == NULL)
    gtk_box_append (self->sentences_box,
                    wrapped_label (view->distinct ? _("It differs from the other customers, but on no single feature "
                                                      "by enough to put in words.")
                                                  : _("Nothing sets this segment clearly apart: on every feature its "
                                                      "customers are close to the average customer."), NULL));
}

static void
fill_rules (SgSegmentDetail *self)
{
  const SgSegmentView *view = self->view;

  clear_box (GTK_WIDGET (self->rules_box));
  for (guint i = 0; i < view->rules->len; i++)
    {
      const SgRuleRow *rule = g_ptr_array_index (view->rules, i);
      GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
      /* Translators: a rule that finds a segment's customers: "Customers with Age > 39 and Income ≤ 68" */
      g_autofree char *condition = g_strdup_printf (_("Customers with %s"), rule->condition);
      GtkWidget *title = wrapped_label (condition, "rule-condition");

      gtk_label_set_selectable (GTK_LABEL (title), TRUE);
      gtk_widget_add_css_class (card, "card");
      gtk_widget_add_css_class (card, "detail-card");
      gtk_box_append (GTK_BOX (card), title);
      gtk_box_append (GTK_BOX (card), wrapped_label (rule->explanation, "dim-label"));
      gtk_box_append (self->rules_box, card);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->rules_box), view->rules->len > 0);
  /* A run never described has no rules either: the note above the sections says why. */
  gtk_widget_set_visible (self->rules_section, view->has_profile || view->rules->len > 0);
  gtk_label_set_text (self->rules_note, view->rules_note);
}

static GtkWidget *
warning_row (const SgWarningRow *warning)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gboolean info = g_strcmp0 (warning->severity, "info") == 0;
  GtkWidget *icon = gtk_image_new_from_icon_name (info ? "dialog-information-symbolic" : "dialog-warning-symbolic");
  /* Translators: what to do about a warning */
  g_autofree char *advice = g_strdup_printf (_("What to do: %s"), warning->advice);
  GtkWidget *message = wrapped_label (warning->message, "heading");

  gtk_widget_add_css_class (row, "card");
  gtk_widget_add_css_class (row, "detail-card");
  gtk_widget_add_css_class (icon, g_strcmp0 (warning->severity, "serious") == 0 ? "error"
                                  : info ? "dim-label" : "warning");
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (text), message);
  gtk_box_append (GTK_BOX (text), wrapped_label (advice, NULL));
  gtk_box_append (GTK_BOX (row), icon);
  gtk_box_append (GTK_BOX (row), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  g_strcmp0 (warning->severity, "serious") == 0 ? _("Serious warning")
                                  : info ? _("Note") : _("Warning"), -1);
  return row;
}

static void
set_badge (GtkLabel   *badge,
           const char *text,
           const char *style)
{
  static const char *styles[] = { "success", "warning", "error", "neutral" };

  gtk_label_set_text (badge, text);
  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (badge), styles[i]);
  gtk_widget_add_css_class (GTK_WIDGET (badge), style);
}

static void
fill_trust (SgSegmentDetail *self)
{
  const SgSegmentView *view = self->view;
  const SgStabilityRow *stability = view->stability;

  if (stability != NULL)
    {
      set_badge (self->stability_badge, stability->verdict, stability->unstable ? "error"
                                                         : isfinite (stability->jaccard) ? "success" : "neutral");
      gtk_label_set_text (self->stability_label, stability->sentence);
    }
  else
    {
      set_badge (self->stability_badge, _("Not checked"), "neutral");
      gtk_label_set_text (self->stability_label,
                          view->validated ? _("The last check of these segments did not test their stability.")
                                          : _("Not checked yet. Checking segments resampled customers again, many "
                                              "times, to see whether this segment keeps coming back or was an "
                                              "accident of this sample."));
    }
  gtk_button_set_label (GTK_BUTTON (self->check_button), view->validated ? _("_Check Again…") : _("_Check Stability…"));
  sg_a11y_fix_names (self->check_button);
  gtk_widget_set_visible (self->comparison_box, view->comparison_note != NULL);
  gtk_label_set_text (self->comparison_label, view->comparison_note != NULL ? view->comparison_note : "");

  clear_box (GTK_WIDGET (self->warnings_box));
  for (guint i = 0; i < view->warnings->len; i++)
    gtk_box_append (self->warnings_box, warning_row (g_ptr_array_index (view->warnings, i)));
}


static void
fill (SgSegmentDetail *self)
{
  gboolean profile;

  if (self->view == NULL)
    return;
  profile = self->view->has_profile;
  fill_header (self);
  fill_sentences (self);
  fill_rules (self);
  fill_trust (self);
  gtk_widget_set_visible (self->profile_section, profile && self->view->rows->len > 0);
  gtk_widget_set_visible (self->lifts_section, profile && self->view->lifts->len > 0);
  gtk_widget_set_visible (self->box_section, profile && self->view->rows->len > 0);
  _sg_segment_detail_fill_profile (self);
  _sg_segment_detail_fill_lifts (self);
  _sg_segment_detail_fill_box (self);
}

/* ---- loading what is stored ---- */

/* Reads the run's segments and builds the view again; FALSE when the run or segment is gone. */
static gboolean
reload (SgSegmentDetail *self)
{
  SgRunInfo *run;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) segments = NULL;

  g_clear_pointer (&self->view, sg_segment_view_free);
  if (self->session == NULL || self->run_id == 0 || self->segment < 0)
    return FALSE;
  run = sg_session_lookup_run (self->session, self->run_id);
  if (run == NULL)
    return FALSE;
  segments = sg_project_list_segments (sg_session_get_project (self->session), self->run_id, &error);
  if (segments == NULL)
    {
      g_warning ("Could not read the segments of run %" G_GINT64_FORMAT ": %s", self->run_id, error->message);
      return FALSE;
    }
  g_clear_pointer (&self->segments, g_ptr_array_unref);
  self->segments = g_steal_pointer (&segments);
  self->view = sg_segment_view_new (run, self->segments, (guint) self->segment);
  return self->view != NULL;
}

void
sg_segment_detail_show (SgSegmentDetail *self,
                        gint64           run_id,
                        int              segment)
{
  g_return_if_fail (SG_IS_SEGMENT_DETAIL (self));

  if (run_id != self->run_id)
    g_array_set_size (self->undo, 0);   /* renames of another run are not undone from here */
  if (run_id != self->run_id || segment != self->segment)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->name_error), FALSE);
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
    }
  self->run_id = run_id;
  self->segment = segment;
  if (gtk_editable_label_get_editing (self->name_label))
    gtk_editable_label_stop_editing (self->name_label, FALSE);
  if (reload (self))
    fill (self);
}

static void
session_changed_cb (SgSegmentDetail *self)
{
  /* A rename, a validation or a new report was stored: show it. */
  if (self->run_id != 0 && self->segment >= 0)
    sg_segment_detail_show (self, self->run_id, self->segment);
}

/* ---- moving between segments ---- */

static void
step (SgSegmentDetail *self,
      int              delta)
{
  int k = self->view != NULL ? (int) self->view->k : 0;
  int next;

  if (k < 2)
    return;
  next = ((self->segment + delta) % k + k) % k;
  if (self->page != NULL)
    sg_segments_page_show_segment (self->page, next);
  else
    sg_segment_detail_show (self, self->run_id, next);
}

static void
previous_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  step (SG_SEGMENT_DETAIL (widget), -1);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  step (SG_SEGMENT_DETAIL (widget), +1);
}

/* Window-wide keys while the details are on screen: focus may have stayed on the dashboard's card. */
static gboolean
shortcut_cb (GtkWidget *widget,
             GVariant  *args,
             gpointer   user_data)
{
  SgSegmentDetail *self = SG_SEGMENT_DETAIL (user_data);
  const char *what = g_variant_get_string (args, NULL);

  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  /* Keys for the name while it is edited, and for a popover (a drop-down's list) while one is open. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)) || self->view == NULL ||
      gtk_editable_label_get_editing (self->name_label) ||
      (focus != NULL && gtk_widget_get_ancestor (focus, GTK_TYPE_POPOVER) != NULL))
    return FALSE;
  if (g_str_equal (what, "back"))
    {
      if (self->page == NULL)
        return FALSE;
      sg_segments_page_show_segment (self->page, -1);
    }
  else if (g_str_equal (what, "undo"))
    {
      if (self->undo->len == 0)
        return FALSE;
      gtk_widget_activate_action (GTK_WIDGET (self), "detail.undo-rename", NULL);
    }
  else
    gtk_widget_activate_action (GTK_WIDGET (self), what, NULL);
  return TRUE;
}

static void
add_shortcut (GtkShortcutController *controller,
              SgSegmentDetail       *self,
              guint                  key,
              GdkModifierType        modifiers,
              const char            *what)
{
  GtkShortcut *shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (key, modifiers),
                                            gtk_callback_action_new (shortcut_cb, self, NULL));

  gtk_shortcut_set_arguments (shortcut, g_variant_new_string (what));
  gtk_shortcut_controller_add_shortcut (controller, shortcut);
}

static void
init_shortcuts (SgSegmentDetail *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  GtkShortcutController *shortcuts = GTK_SHORTCUT_CONTROLLER (controller);
  GtkEventController *escape = gtk_shortcut_controller_new ();

  /* Escape before the focused widget sees it: the name label takes it even when not editing. */
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (escape), GTK_SHORTCUT_SCOPE_GLOBAL);
  gtk_event_controller_set_propagation_phase (escape, GTK_PHASE_CAPTURE);
  add_shortcut (GTK_SHORTCUT_CONTROLLER (escape), self, GDK_KEY_Escape, 0, "back");
  gtk_widget_add_controller (GTK_WIDGET (self), escape);

  gtk_shortcut_controller_set_scope (shortcuts, GTK_SHORTCUT_SCOPE_GLOBAL);
  add_shortcut (shortcuts, self, GDK_KEY_Left, GDK_ALT_MASK, "back");
  add_shortcut (shortcuts, self, GDK_KEY_z, GDK_CONTROL_MASK, "undo");
  add_shortcut (shortcuts, self, GDK_KEY_Page_Up, GDK_CONTROL_MASK, "detail.previous");
  add_shortcut (shortcuts, self, GDK_KEY_Page_Down, GDK_CONTROL_MASK, "detail.next");
  add_shortcut (shortcuts, self, GDK_KEY_F2, 0, "detail.rename");
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

/* ---- following the Segments page ---- */

static void
page_segment_cb (SgSegmentDetail *self)
{
  int segment;
  gint64 run_id;

  if (self->page == NULL)
    return;
  segment = sg_segments_page_get_segment (self->page);
  run_id = sg_segments_page_get_shown_run (self->page);
  if (run_id == 0 && self->session != NULL)
    run_id = sg_session_get_run_id (self->session);
  /* Already shown: a change of what is stored comes through the session. */
  if (segment >= 0 && (run_id != self->run_id || segment != self->segment || self->view == NULL))
    sg_segment_detail_show (self, run_id, segment);
}

static void
page_session_cb (SgSegmentDetail *self)
{
  if (self->page != NULL)
    sg_segment_detail_set_session (self, sg_segments_page_get_session (self->page));
}

SgSegmentDetail *
sg_segment_detail_attach (SgSegmentsPage *page)
{
  SgSegmentDetail *self;

  g_return_val_if_fail (SG_IS_SEGMENTS_PAGE (page), NULL);

  self = SG_SEGMENT_DETAIL (sg_segment_detail_new ());
  adw_bin_set_child (sg_segments_page_get_detail_slot (page), GTK_WIDGET (self));
  g_set_weak_pointer (&self->page, page);
  g_signal_connect_object (page, "notify::segment", G_CALLBACK (page_segment_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (page, "notify::session", G_CALLBACK (page_session_cb), self, G_CONNECT_SWAPPED);
  /* Each time the details come on screen: the page may show another run since (a new run, another chosen),
   * with the same segment number. */
  g_signal_connect (self, "map", G_CALLBACK (page_segment_cb), NULL);
  sg_run_validation_add_actions (page);
  page_session_cb (self);
  return self;
}

/* ---- public ---- */

GtkWidget *
sg_segment_detail_new (void)
{
  return g_object_new (SG_TYPE_SEGMENT_DETAIL, NULL);
}

SgSession *
sg_segment_detail_get_session (SgSegmentDetail *self)
{
  g_return_val_if_fail (SG_IS_SEGMENT_DETAIL (self), NULL);

  return self->session;
}

void
sg_segment_detail_set_session (SgSegmentDetail *self,
                               SgSession       *session)
{
  g_return_if_fail (SG_IS_SEGMENT_DETAIL (self));
  g_return_if_fail (session == NULL || SG_IS_SESSION (session));

  if (self->session == session)
    return;
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  if (session != NULL)
    g_signal_connect_object (session, "changed", G_CALLBACK (session_changed_cb), self, G_CONNECT_SWAPPED);
  g_array_set_size (self->undo, 0);
  self->run_id = 0;
  self->segment = -1;
  g_clear_pointer (&self->view, sg_segment_view_free);
  g_clear_pointer (&self->segments, g_ptr_array_unref);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

gint64
sg_segment_detail_get_run_id (SgSegmentDetail *self)
{
  g_return_val_if_fail (SG_IS_SEGMENT_DETAIL (self), 0);

  return self->run_id;
}

int
sg_segment_detail_get_segment (SgSegmentDetail *self)
{
  g_return_val_if_fail (SG_IS_SEGMENT_DETAIL (self), -1);

  return self->segment;
}

gboolean
sg_segment_detail_is_busy (SgSegmentDetail *self)
{
  g_return_val_if_fail (SG_IS_SEGMENT_DETAIL (self), FALSE);

  return self->naming || self->box_busy;
}

/* ---- GObject ---- */

static void
sg_segment_detail_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SgSegmentDetail *self = SG_SEGMENT_DETAIL (object);

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
sg_segment_detail_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  SgSegmentDetail *self = SG_SEGMENT_DETAIL (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      sg_segment_detail_set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* GTK 4.8's GtkEditableLabel stops editing from a 100 ms timeout after the focus leaves it, holding its
 * focus controller without a reference, and its dispose does not remove that timeout: disposing the
 * details right after the name lost the focus (a page switch, a closed window) made the timeout read
 * freed memory. The label leaves the details first and lives on a little longer than that timeout. */
static gboolean
release_name_label (gpointer label)
{
  g_object_unref (label);
  return G_SOURCE_REMOVE;
}

static void
retire_name_label (SgSegmentDetail *self)
{
  GtkWidget *label = GTK_WIDGET (self->name_label);
  GtkWidget *box = label != NULL ? gtk_widget_get_parent (label) : NULL;

  if (box == NULL)
    return;
  g_object_ref (label);
  gtk_box_remove (GTK_BOX (box), label);
  g_timeout_add (250, release_name_label, label);
}

static void
sg_segment_detail_dispose (GObject *object)
{
  SgSegmentDetail *self = SG_SEGMENT_DETAIL (object);

  g_cancellable_cancel (self->naming_cancellable);
  g_clear_object (&self->naming_cancellable);
  _sg_segment_detail_dispose_tables (self);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  g_clear_weak_pointer (&self->page);
  if (self->rename_toast != NULL)
    g_signal_handlers_disconnect_by_data (self->rename_toast, self);
  g_clear_weak_pointer (&self->rename_toast);
  g_clear_pointer (&self->view, sg_segment_view_free);
  g_clear_pointer (&self->segments, g_ptr_array_unref);
  g_clear_pointer (&self->undo, g_array_unref);
  retire_name_label (self);
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SG_TYPE_SEGMENT_DETAIL);

  G_OBJECT_CLASS (sg_segment_detail_parent_class)->dispose (object);
}

static void
sg_segment_detail_class_init (SgSegmentDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sg_segment_detail_dispose;
  object_class->get_property = sg_segment_detail_get_property;
  object_class->set_property = sg_segment_detail_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, SG_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/sg-segment-detail.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, SgSegmentDetail, name)
  BIND (scroller);
  BIND (swatch);
  BIND (name_label);
  BIND (rename_button);
  BIND (position_label);
  BIND (previous_button);
  BIND (next_button);
  BIND (size_label);
  BIND (name_error);
  BIND (naming_box);
  BIND (name_note);
  BIND (auto_name_button);
  BIND (naming_spinner);
  BIND (no_profile_box);
  BIND (no_profile_label);
  BIND (apart_section);
  BIND (sentences_box);
  BIND (rules_section);
  BIND (rules_box);
  BIND (rules_note);
  BIND (stability_badge);
  BIND (stability_label);
  BIND (check_button);
  BIND (comparison_box);
  BIND (comparison_label);
  BIND (warnings_box);
  BIND (profile_section);
  BIND (profile_grid);
  BIND (lifts_section);
  BIND (lifts_box);
  BIND (box_section);
  BIND (box_dropdown);
  BIND (box_card);
  BIND (box_note);
#undef BIND


  gtk_widget_class_install_action (widget_class, "detail.rename", NULL, _sg_segment_detail_rename_action);
  gtk_widget_class_install_action (widget_class, "detail.undo-rename", NULL, _sg_segment_detail_undo_rename_action);
  gtk_widget_class_install_action (widget_class, "detail.automatic-name", NULL, _sg_segment_detail_automatic_name_action);
  gtk_widget_class_install_action (widget_class, "detail.previous", NULL, previous_action);
  gtk_widget_class_install_action (widget_class, "detail.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "detail.describe", NULL, _sg_segment_detail_describe_action);
}

static void
sg_segment_detail_init (SgSegmentDetail *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->segment = -1;
  self->sort_key = SG_PROFILE_SORT_EFFECT;
  self->sort_descending = TRUE;
  self->undo = g_array_new (FALSE, TRUE, sizeof (RenameUndo));
  g_array_set_clear_func (self->undo, (GDestroyNotify) _sg_segment_detail_rename_undo_clear);
  gtk_drawing_area_set_draw_func (self->swatch, draw_swatch, self, NULL);
  g_signal_connect_swapped (self->name_label, "notify::editing", G_CALLBACK (_sg_segment_detail_editing_cb), self);
  sg_a11y_set_label (GTK_WIDGET (self->name_label), _("Segment name"));
  sg_a11y_set_label (self->rename_button, _("Rename segment"));
  sg_a11y_set_label (self->previous_button, _("Previous segment"));
  sg_a11y_set_label (self->next_button, _("Next segment"));
  sg_a11y_set_label (GTK_WIDGET (self->box_dropdown), _("Feature whose spread is shown"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.undo-rename", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.automatic-name", FALSE);
  init_shortcuts (self);
  _sg_segment_detail_init_tables (self);
  sg_a11y_fix_names (GTK_WIDGET (self));
}
