/* sg-run-validation.c — checking whether a run's segments can be trusted
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "SgRunValidation"

#include <glib/gi18n.h>
#include <math.h>

#include "sg-a11y.h"
#include "sg-format.h"
#include "sg-palette.h"
#include "sg-profile.h"
#include "sg-profile-view-model.h"
#include "sg-run-report.h"
#include "sg-run-validation.h"

#define PARENT_KEY "sg-run-validation"
/* The comparison offered first when the dataset has it: the groups Segmenta's own RFM scoring made. */
#define PREFERRED_COMPARE "rfm_segment"

struct _SgRunValidation
{
  AdwWindow        parent_instance;

  /* template */
  AdwWindowTitle  *window_title;
  GtkWidget       *back_button;
  GtkWidget       *again_button;
  GtkStack        *stack;
  GtkSpinButton   *boot_spin;
  GtkSpinButton   *min_spin;
  GtkAdjustment   *min_adjustment;
  GtkDropDown     *min_unit;
  AdwComboRow     *compare_row;
  AdwActionRow    *time_row;
  GtkSwitch       *time_switch;
  GtkLabel        *options_error;
  GtkWidget       *run_button;
  GtkWidget       *known_group;
  GtkBox          *known_box;
  AdwStatusPage   *running_page;
  GtkProgressBar  *progress_bar;
  GtkLabel        *summary_label;
  GtkLabel        *checked_label;
  GtkWidget       *stability_section;
  GtkLabel        *stability_note;
  GtkListBox      *stability_list;
  GtkLabel        *time_label;
  GtkWidget       *comparison_section;
  GtkLabel        *comparison_title;
  GtkLabel        *comparison_headline;
  GtkLabel        *comparison_measures;
  GtkWidget       *warnings_section;
  GtkBox          *warnings_box;
  SgSegmentCompare *compare;

  SgSession       *session;
  gint64           run_id;
  SgSegmentsPage  *page;              /* weak: where a segment's row leads, when opened from there */
  GStrv            compare_columns;   /* offered for the comparison, in the dataset's order */
  gboolean         can_time;
  GCancellable    *cancellable;
  SgRunValidationView *view;
};

G_DEFINE_FINAL_TYPE (SgRunValidation, sg_run_validation, ADW_TYPE_WINDOW)

/* ---- small widgets ---- */

static void
clear_children (GtkWidget *widget)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (widget)) != NULL)
    {
      if (GTK_IS_LIST_BOX (widget))
        gtk_list_box_remove (GTK_LIST_BOX (widget), child);
      else
        gtk_widget_unparent (child);
    }
}

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  SgRgb color = sg_palette_segment (GPOINTER_TO_INT (user_data));

  if (adw_style_manager_get_dark (adw_style_manager_get_default ()))
    color = sg_rgb_mix (color, (SgRgb) { 1, 1, 1 }, 0.2);
  cairo_arc (cr, width / 2.0, height / 2.0, MIN (width, height) / 2.0, 0, 2 * G_PI);
  cairo_set_source_rgb (cr, color.red, color.green, color.blue);
  cairo_fill (cr);
}

static GtkWidget *
swatch_new (int segment)
{
  GtkWidget *swatch = gtk_drawing_area_new ();

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (swatch), 14);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (swatch), 14);
  gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch), draw_swatch, GINT_TO_POINTER (segment), NULL);
  return swatch;
}

static GtkWidget *
badge_new (const char *text,
           const char *style)
{
  GtkWidget *badge = gtk_label_new (text);

  gtk_widget_add_css_class (badge, "badge");
  gtk_widget_add_css_class (badge, style);
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  return badge;
}

static GtkWidget *
wrapped (const char *text,
         const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static GtkWidget *
warning_row (const SgWarningRow *warning)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gboolean info = g_strcmp0 (warning->severity, "info") == 0;
  gboolean serious = g_strcmp0 (warning->severity, "serious") == 0;
  GtkWidget *icon = gtk_image_new_from_icon_name (info ? "dialog-information-symbolic" : "dialog-warning-symbolic");
  /* Translators: what to do about a warning */
  g_autofree char *advice = g_strdup_printf (_("What to do: %s"), warning->advice);

  gtk_widget_add_css_class (row, "card");
  gtk_widget_add_css_class (row, "detail-card");
  gtk_widget_add_css_class (icon, serious ? "error" : info ? "dim-label" : "warning");
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  serious ? _("Serious warning") : info ? _("Note") : _("Warning"), -1);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (text), wrapped (warning->message, "heading"));
  gtk_box_append (GTK_BOX (text), wrapped (advice, NULL));
  gtk_box_append (GTK_BOX (row), icon);
  gtk_box_append (GTK_BOX (row), text);
  return row;
}

/* ---- what is stored ---- */

static SgRunValidationView *
read_view (SgRunValidation *self)
{
  SgRunInfo *run = sg_session_lookup_run (self->session, self->run_id);
  g_autoptr(GPtrArray) segments = NULL;

  if (run == NULL)
    return NULL;
  segments = sg_project_list_segments (sg_session_get_project (self->session), self->run_id, NULL);
  return sg_run_validation_view_new (run, segments);
}

/* ---- the options ---- */

static void
fill_compare_columns (SgRunValidation *self)
{
  SgRunInfo *run = sg_session_lookup_run (self->session, self->run_id);
  SgDatasetInfo *dataset = run != NULL ? sg_session_lookup_dataset (self->session, run->dataset_id) : NULL;
  g_autoptr(GStrvBuilder) columns = g_strv_builder_new ();
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  gtk_string_list_append (labels, _("None"));
  for (guint c = 0; dataset != NULL && c < dataset->columns->len; c++)
    {
      SgColumnInfo *column = g_ptr_array_index (dataset->columns, c);

      if ((column->type != SG_COLUMN_CATEGORICAL && column->type != SG_COLUMN_BOOLEAN) ||
          g_strcmp0 (column->role, "id") == 0)
        continue;
      {
        g_autofree char *title = sg_column_display_name (column->name);
        /* Translators: a column offered for the comparison: its name for people, then as stored */
        g_autofree char *label = g_strcmp0 (title, column->name) != 0 ? g_strdup_printf (_("%s (%s)"), title, column->name)
                                                                       : g_strdup (column->name);

        g_strv_builder_add (columns, column->name);
        gtk_string_list_append (labels, label);
      }
    }
  g_strfreev (self->compare_columns);
  self->compare_columns = g_strv_builder_end (columns);
  adw_combo_row_set_model (self->compare_row, G_LIST_MODEL (labels));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->compare_row),
                               self->compare_columns[0] != NULL
                                 ? _("A column of the dataset that holds each customer’s group")
                                 : _("This dataset has no column of groups to compare with"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->compare_row), self->compare_columns[0] != NULL);

  /* Over time: the features are derived again from the purchases as of an earlier date. */
  self->can_time = dataset != NULL && g_strcmp0 (dataset->kind, "derived") == 0;
  gtk_widget_set_sensitive (GTK_WIDGET (self->time_row), self->can_time);
  adw_action_row_set_subtitle (self->time_row,
                               self->can_time
                                 ? _("Derive the features again as of an earlier date, segment both periods as this "
                                     "run was, and see whether customers stay in their segments.")
                                 : _("Only for customer features derived from purchases (see the Prepare step)."));
}

static void
load_options (SgRunValidation *self)
{
  const SgRunValidationView *view = self->view;
  guint selected = 0;

  gtk_spin_button_set_value (self->boot_spin, view != NULL && view->validated ? view->n_boot : 20);
  if (view != NULL && view->validated && view->min_count > 0)
    {
      gtk_drop_down_set_selected (self->min_unit, 1);
      gtk_spin_button_set_value (self->min_spin, (double) view->min_count);
    }
  else
    {
      gtk_drop_down_set_selected (self->min_unit, 0);
      gtk_spin_button_set_value (self->min_spin, view != NULL && isfinite (view->min_share) ? view->min_share * 100 : 1.0);
    }
  for (guint i = 0; self->compare_columns[i] != NULL; i++)
    if ((view != NULL && view->validated) ? g_strcmp0 (self->compare_columns[i], view->compare_column) == 0
                                          : g_strcmp0 (self->compare_columns[i], PREFERRED_COMPARE) == 0)
      selected = i + 1;
  adw_combo_row_set_selected (self->compare_row, selected);
  gtk_switch_set_active (self->time_switch, self->can_time && view != NULL && view->validated && view->time);
}

static void
min_unit_cb (SgRunValidation *self)
{
  gboolean count = gtk_drop_down_get_selected (self->min_unit) == 1;

  gtk_adjustment_configure (self->min_adjustment, count ? 50 : 1, 0, count ? 1e9 : 100, count ? 10 : 0.5,
                            count ? 100 : 5, 0);
  gtk_spin_button_set_digits (self->min_spin, count ? 0 : 1);
}

static void
show_options_error (SgRunValidation *self,
                    const char      *message)
{
  gtk_label_set_text (self->options_error, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->options_error), message != NULL);
}

/* ---- the results ---- */

static void
segment_row_activated_cb (SgRunValidation *self,
                          GtkListBoxRow   *row)
{
  int segment = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "segment"));
  SgSegmentsPage *page = self->page;

  if (page == NULL)
    return;
  gtk_window_close (GTK_WINDOW (self));
  sg_segments_page_show_segment (page, segment);
}

static GtkWidget *
stability_row (SgRunValidation      *self,
               const SgStabilityRow *stability)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *jaccard = isfinite (stability->jaccard) ? g_strdup_printf ("%.2f", stability->jaccard)
                                                           : g_strdup ("–");
  GtkWidget *value = gtk_label_new (jaccard);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_widget_add_css_class (row, "stability-row");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), self->view->names[stability->segment]);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), stability->summary);
  gtk_widget_set_tooltip_text (row, stability->sentence);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), swatch_new ((int) stability->segment));
  gtk_widget_add_css_class (value, "numeric");
  gtk_widget_set_tooltip_text (value, _("Average overlap with the segment found again (Jaccard similarity): 1 is "
                                        "the same customers"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), value);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge_new (stability->verdict, stability->unstable ? "error"
                                                                                   : "success"));
  g_object_set_data (G_OBJECT (row), "segment", GINT_TO_POINTER ((int) stability->segment));
  if (self->page != NULL)
    {
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
    }
  return row;
}

static void
fill_summary (SgRunValidation *self)
{
  const SgRunValidationView *view = self->view;
  g_autoptr(GString) checked = g_string_new (NULL);

  if (view->stability->len > 0 && view->n_unstable == 0)
    gtk_label_set_text (self->summary_label, ngettext ("The segment is stable", "All segments are stable", view->k));
  else if (view->stability->len > 0)
    {
      g_autofree char *text = g_strdup_printf (ngettext ("%u of %u segments is unstable",
                                                         "%u of %u segments are unstable", view->n_unstable),
                                               view->n_unstable, view->k);

      gtk_label_set_text (self->summary_label, text);
    }
  else
    gtk_label_set_text (self->summary_label, _("The segments were checked"));

  if (view->computed != NULL)
    /* Translators: when the check was made */
    g_string_append_printf (checked, _("Checked on %s"), view->computed);
  if (view->n_boot > 0)
    {
      g_string_append (checked, checked->len > 0 ? ", " : "");
      g_string_append_printf (checked, ngettext ("%u resample", "%u resamples", view->n_boot), view->n_boot);
    }
  if (view->min_count > 0)
    {
      g_autofree char *n = sg_format_count (view->min_count);

      g_string_append (checked, checked->len > 0 ? ", " : "");
      g_string_append_printf (checked, _("segments of at least %s customers"), n);
    }
  else if (isfinite (view->min_share))
    {
      g_string_append (checked, checked->len > 0 ? ", " : "");
      g_string_append_printf (checked, _("segments of at least %.1f%% of customers"), view->min_share * 100);
    }
  if (checked->len > 0)
    g_string_append_c (checked, '.');
  gtk_label_set_text (self->checked_label, checked->str);
}

static void
fill_results (SgRunValidation *self)
{
  const SgRunValidationView *view = self->view;

  fill_summary (self);
  clear_children (GTK_WIDGET (self->stability_list));
  gtk_widget_set_visible (self->stability_section, TRUE);
  if (view->stability->len > 0)
    {
      /* Translators: under the stability summary: what the numbers mean */
      g_autofree char *note = g_strdup_printf (_("%s The number beside each segment is the average overlap (Jaccard "
                                                 "similarity) between it and the segment found again: 1 means the "
                                                 "same customers; below 0.60 the segment is unstable."),
                                               view->stability_summary);

      gtk_label_set_text (self->stability_note, note);
      for (guint i = 0; i < view->stability->len; i++)
        gtk_list_box_append (self->stability_list, stability_row (self, g_ptr_array_index (view->stability, i)));
    }
  else
    gtk_label_set_text (self->stability_note, _("Not checked: the resamples were set to 0."));
  gtk_widget_set_visible (GTK_WIDGET (self->stability_list), view->stability->len > 0);

  gtk_label_set_text (self->time_label, view->time_summary != NULL ? view->time_summary
                                        : self->can_time ? _("Not checked. Turn on “Stability over time” to see "
                                                             "whether customers stay in their segments from one "
                                                             "period to the next.")
                                                         : _("Not available: the features were not derived from "
                                                             "purchases, so there is no earlier period to compare "
                                                             "with."));
  gtk_widget_set_visible (self->comparison_section, view->comparison != NULL);
  if (view->comparison != NULL)
    {
      /* Translators: the title of the comparison in the results */
      g_autofree char *title = g_strdup_printf (_("Compared With “%s”"), view->comparison->old_title);

      gtk_label_set_text (self->comparison_title, title);
      gtk_label_set_text (self->comparison_headline, view->comparison->headline);
      gtk_label_set_text (self->comparison_measures, view->comparison->measures);
    }
  sg_segment_compare_set_view (self->compare, view->comparison);

  clear_children (GTK_WIDGET (self->warnings_box));
  for (guint i = 0; i < view->warnings->len; i++)
    gtk_box_append (self->warnings_box, warning_row (g_ptr_array_index (view->warnings, i)));
  if (view->warnings->len == 0)
    gtk_box_append (self->warnings_box, wrapped (_("Nothing to warn about: the segments are distinct, large enough "
                                                   "and every feature helps tell them apart."), NULL));
}

static void
show_page (SgRunValidation *self,
           const char      *name)
{
  gboolean results = g_str_equal (name, "results");

  gtk_stack_set_visible_child_name (self->stack, name);
  /* Back to the results from the comparison, and from the options when there are results. */
  gtk_widget_set_visible (self->back_button, g_str_equal (name, "comparison") ||
                                             (g_str_equal (name, "options") && self->view != NULL &&
                                              self->view->validated));
  gtk_widget_set_visible (self->again_button, results);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "validation.run", g_str_equal (name, "options"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "validation.cancel", g_str_equal (name, "running"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "validation.show-comparison",
                                 self->view != NULL && self->view->comparison != NULL);
}

/* Before a first check, the options page lists what the run's report already warns about. */
static void
fill_known (SgRunValidation *self)
{
  gboolean show = self->view != NULL && !self->view->validated && self->view->warnings->len > 0;

  clear_children (GTK_WIDGET (self->known_box));
  gtk_widget_set_visible (self->known_group, show);
  for (guint i = 0; show && i < self->view->warnings->len; i++)
    gtk_box_append (self->known_box, warning_row (g_ptr_array_index (self->view->warnings, i)));
}

static void
reload_view (SgRunValidation *self)
{
  g_clear_pointer (&self->view, sg_run_validation_view_free);
  self->view = read_view (self);
  fill_known (self);
  if (self->view != NULL && self->view->validated)
    fill_results (self);
}

/* ---- checking ---- */

static void
progress_cb (double      fraction,
             const char *message,
             gpointer    user_data)
{
  SgRunValidation *self = user_data;

  if (self->progress_bar == NULL)   /* closed: the work is being cancelled */
    return;
  gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (fraction, 0, 1));
  if (message != NULL)
    gtk_progress_bar_set_text (self->progress_bar, message);
}

static void
check_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(SgRunValidation) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SgRunReport) report = sg_run_report_compute_finish (result, &error);

  if (self->stack == NULL)   /* closed meanwhile */
    return;
  g_clear_object (&self->cancellable);
  if (report == NULL)
    {
      show_options_error (self, g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                                  ? _("Cancelled: nothing was changed.") : error->message);
      show_page (self, "options");
      return;
    }
  /* Stored with the run: every page reads it again. */
  if (self->session != NULL && !sg_session_reload (self->session, &error))
    {
      show_options_error (self, error->message);
      show_page (self, "options");
      return;
    }
  reload_view (self);
  show_page (self, self->view != NULL && self->view->validated ? "results" : "options");
}

static void
run_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  SgRunValidation *self = SG_RUN_VALIDATION (widget);
  guint compare = adw_combo_row_get_selected (self->compare_row);
  SgRunValidateOptions options;

  if (self->session == NULL || self->cancellable != NULL)
    return;
  sg_run_validate_options_init (&options);
  options.n_boot = (guint) gtk_spin_button_get_value_as_int (self->boot_spin);
  if (gtk_drop_down_get_selected (self->min_unit) == 1)
    options.min_count = (guint64) MAX (gtk_spin_button_get_value (self->min_spin), 0);
  else
    options.min_share = gtk_spin_button_get_value (self->min_spin) / 100.0;
  if (compare > 0 && compare <= g_strv_length (self->compare_columns))
    options.compare_column = g_strdup (self->compare_columns[compare - 1]);
  options.time = self->can_time && gtk_switch_get_active (self->time_switch);

  show_options_error (self, NULL);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, _("Starting"));
  show_page (self, "running");
  self->cancellable = g_cancellable_new ();
  sg_run_report_compute_async (sg_session_get_project (self->session), self->run_id, &options, self->cancellable,
                               progress_cb, self, check_done_cb, g_object_ref (self));
  sg_run_validate_options_clear (&options);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  g_cancellable_cancel (SG_RUN_VALIDATION (widget)->cancellable);
}

static void
again_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  SgRunValidation *self = SG_RUN_VALIDATION (widget);

  load_options (self);
  show_options_error (self, NULL);
  show_page (self, "options");
}

static void
show_comparison_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  SgRunValidation *self = SG_RUN_VALIDATION (widget);

  if (self->view != NULL && self->view->comparison != NULL)
    show_page (self, "comparison");
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  show_page (SG_RUN_VALIDATION (widget), "results");
}

static gboolean
escape_cb (GtkWidget *widget,
           GVariant  *args,
           gpointer   user_data)
{
  SgRunValidation *self = SG_RUN_VALIDATION (widget);
  const char *page = gtk_stack_get_visible_child_name (self->stack);

  if (gtk_widget_get_visible (self->back_button))
    show_page (self, "results");
  else if (g_strcmp0 (page, "running") != 0)
    gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

/* ---- public ---- */

SgRunValidation *
sg_run_validation_new (SgSession *session,
                       gint64     run_id)
{
  SgRunValidation *self;
  SgRunInfo *run;

  g_return_val_if_fail (SG_IS_SESSION (session), NULL);

  self = g_object_new (SG_TYPE_RUN_VALIDATION, NULL);
  self->session = g_object_ref (session);
  self->run_id = run_id;
  run = sg_session_lookup_run (session, run_id);
  adw_window_title_set_subtitle (self->window_title, run != NULL ? run->name : "");
  fill_compare_columns (self);
  reload_view (self);
  load_options (self);
  show_page (self, self->view != NULL && self->view->validated ? "results" : "options");
  sg_a11y_fix_names (GTK_WIDGET (self));
  return self;
}

SgRunValidation *
sg_run_validation_present (GtkWidget *from,
                           SgSession *session,
                           gint64     run_id,
                           gboolean   comparison)
{
  GtkRoot *root = from != NULL ? gtk_widget_get_root (from) : NULL;
  GtkWidget *page = from != NULL ? gtk_widget_get_ancestor (from, SG_TYPE_SEGMENTS_PAGE) : NULL;
  SgRunValidation *self = root != NULL ? g_object_get_data (G_OBJECT (root), PARENT_KEY) : NULL;

  g_return_val_if_fail (SG_IS_SESSION (session), NULL);

  if (self != NULL && (self->run_id != run_id || self->session != session))
    {
      gtk_window_destroy (GTK_WINDOW (self));
      self = NULL;
    }
  if (self == NULL)
    {
      self = sg_run_validation_new (session, run_id);
      if (GTK_IS_WINDOW (root))
        {
          gtk_window_set_transient_for (GTK_WINDOW (self), GTK_WINDOW (root));
          g_object_set_data (G_OBJECT (root), PARENT_KEY, self);
        }
      if (page != NULL)
        g_set_weak_pointer (&self->page, SG_SEGMENTS_PAGE (page));
    }
  if (comparison && self->cancellable == NULL && self->view != NULL && self->view->comparison != NULL)
    show_page (self, "comparison");
  gtk_window_present (GTK_WINDOW (self));
  return self;
}

gint64
sg_run_validation_get_run_id (SgRunValidation *self)
{
  g_return_val_if_fail (SG_IS_RUN_VALIDATION (self), 0);

  return self->run_id;
}

void
sg_run_validation_set_bootstrap (SgRunValidation *self,
                                 guint            n_boot)
{
  g_return_if_fail (SG_IS_RUN_VALIDATION (self));

  gtk_spin_button_set_value (self->boot_spin, n_boot);
}

gboolean
sg_run_validation_set_compare_column (SgRunValidation *self,
                                      const char      *column)
{
  g_return_val_if_fail (SG_IS_RUN_VALIDATION (self), FALSE);

  if (column == NULL)
    {
      adw_combo_row_set_selected (self->compare_row, 0);
      return TRUE;
    }
  for (guint i = 0; self->compare_columns[i] != NULL; i++)
    if (g_str_equal (self->compare_columns[i], column))
      {
        adw_combo_row_set_selected (self->compare_row, i + 1);
        return TRUE;
      }
  return FALSE;
}

const char *
sg_run_validation_get_compare_column (SgRunValidation *self)
{
  guint selected;

  g_return_val_if_fail (SG_IS_RUN_VALIDATION (self), NULL);

  selected = adw_combo_row_get_selected (self->compare_row);
  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION || selected > g_strv_length (self->compare_columns))
    return NULL;
  return self->compare_columns[selected - 1];
}

void
sg_run_validation_set_time (SgRunValidation *self,
                            gboolean         time)
{
  g_return_if_fail (SG_IS_RUN_VALIDATION (self));

  gtk_switch_set_active (self->time_switch, time && self->can_time);
}

const char *const *
sg_run_validation_get_compare_columns (SgRunValidation *self)
{
  g_return_val_if_fail (SG_IS_RUN_VALIDATION (self), NULL);

  return (const char *const *) self->compare_columns;
}

gboolean
sg_run_validation_can_check_time (SgRunValidation *self)
{
  g_return_val_if_fail (SG_IS_RUN_VALIDATION (self), FALSE);

  return self->can_time;
}

gboolean
sg_run_validation_is_running (SgRunValidation *self)
{
  g_return_val_if_fail (SG_IS_RUN_VALIDATION (self), FALSE);

  return self->cancellable != NULL;
}

const char *
sg_run_validation_get_page (SgRunValidation *self)
{
  g_return_val_if_fail (SG_IS_RUN_VALIDATION (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

SgSegmentCompare *
sg_run_validation_get_compare (SgRunValidation *self)
{
  g_return_val_if_fail (SG_IS_RUN_VALIDATION (self), NULL);

  return self->compare;
}

/* ---- the page's actions ---- */

static void
page_action_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  SgSegmentsPage *page = SG_SEGMENTS_PAGE (user_data);
  SgSession *session = sg_segments_page_get_session (page);
  gint64 run_id = sg_segments_page_get_shown_run (page);

  if (session == NULL)
    return;
  if (run_id == 0)
    run_id = sg_session_get_run_id (session);
  if (run_id == 0)
    return;
  sg_run_validation_present (GTK_WIDGET (page), session, run_id,
                             g_str_equal (g_action_get_name (G_ACTION (action)), "compare"));
}

void
sg_run_validation_add_actions (SgSegmentsPage *page)
{
  static const char *names[] = { "check", "compare" };
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();

  g_return_if_fail (SG_IS_SEGMENTS_PAGE (page));

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GSimpleAction) action = g_simple_action_new (names[i], NULL);

      /* The group lives inside the page: no reference back to it. */
      g_signal_connect (action, "activate", G_CALLBACK (page_action_cb), page);
      g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));
    }
  gtk_widget_insert_action_group (GTK_WIDGET (page), "validation", G_ACTION_GROUP (group));
}

/* ---- GObject ---- */

static void
sg_run_validation_dispose (GObject *object)
{
  SgRunValidation *self = SG_RUN_VALIDATION (object);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (parent != NULL && g_object_get_data (G_OBJECT (parent), PARENT_KEY) == self)
    g_object_set_data (G_OBJECT (parent), PARENT_KEY, NULL);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);
  g_clear_weak_pointer (&self->page);
  g_clear_pointer (&self->compare_columns, g_strfreev);
  g_clear_pointer (&self->view, sg_run_validation_view_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), SG_TYPE_RUN_VALIDATION);
  self->stack = NULL;

  G_OBJECT_CLASS (sg_run_validation_parent_class)->dispose (object);
}

static void
sg_run_validation_class_init (SgRunValidationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sg_run_validation_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/sg-run-validation.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, SgRunValidation, name)
  BIND (window_title);
  BIND (back_button);
  BIND (again_button);
  BIND (stack);
  BIND (boot_spin);
  BIND (min_spin);
  BIND (min_adjustment);
  BIND (min_unit);
  BIND (compare_row);
  BIND (time_row);
  BIND (time_switch);
  BIND (options_error);
  BIND (run_button);
  BIND (known_group);
  BIND (known_box);
  BIND (running_page);
  BIND (progress_bar);
  BIND (summary_label);
  BIND (checked_label);
  BIND (stability_section);
  BIND (stability_note);
  BIND (stability_list);
  BIND (time_label);
  BIND (comparison_section);
  BIND (comparison_title);
  BIND (comparison_headline);
  BIND (comparison_measures);
  BIND (warnings_section);
  BIND (warnings_box);
  BIND (compare);
#undef BIND

  g_type_ensure (SG_TYPE_SEGMENT_COMPARE);

  gtk_widget_class_install_action (widget_class, "validation.run", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "validation.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "validation.again", NULL, again_action);
  gtk_widget_class_install_action (widget_class, "validation.show-comparison", NULL, show_comparison_action);
  gtk_widget_class_install_action (widget_class, "validation.back", NULL, back_action);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, escape_cb, NULL);
}

static void
sg_run_validation_init (SgRunValidation *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->min_unit, "notify::selected", G_CALLBACK (min_unit_cb), self);
  g_signal_connect_swapped (self->stability_list, "row-activated", G_CALLBACK (segment_row_activated_cb), self);
  sg_a11y_set_label (GTK_WIDGET (self->boot_spin), _("Resamples"));
  sg_a11y_set_label (GTK_WIDGET (self->min_spin), _("Smallest useful segment"));
  sg_a11y_set_label (GTK_WIDGET (self->min_unit), _("Unit of the smallest useful segment"));
}
