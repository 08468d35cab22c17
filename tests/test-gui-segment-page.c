/* test-gui-segment-page.c — the Segment step driven through its actions on the demo project: choosing the
 * customer features, running with an automatic number of segments, cancelling, the run list (open,
 * rename, delete with Undo), comparing two runs, errors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Needs a display (the suite runs under Xvfb) and the demo project (meson target demo-project).
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "sg-derive.h"
#include "sg-gui-test-util.h"
#include "sg-run-compare-dialog.h"
#include "sg-run-list.h"
#include "sg-segment-page.h"
#include "sg-session.h"
#include "sg-test-util.h"
#include "sg-window.h"

/* ---- helpers ---- */

/* The newest visible toplevel of @type (a dialog the page opened). */
static GtkWidget *
find_toplevel (GType type)
{
  g_autoptr(GListModel) toplevels = G_LIST_MODEL (g_object_ref (gtk_window_get_toplevels ()));
  GtkWidget *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (g_type_is_a (G_OBJECT_TYPE (window), type) && gtk_widget_get_visible (window))
        found = window;
    }
  return found;
}

static gboolean
page_idle_cb (gpointer data)
{
  return !sg_segment_page_get_busy (data);
}

static gboolean
advice_ready_cb (gpointer data)
{
  return sg_segment_page_get_advice_ready (data);
}

static gboolean
page_mapped_cb (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static gboolean
progress_shown_cb (gpointer data)
{
  const char *status = sg_segment_page_get_status (data);

  /* The first report from the worker replaces "Starting…"; a run that is over counts too. */
  return !sg_segment_page_get_busy (data) || (g_str_has_suffix (status, "…") && !g_str_equal (status, "Starting…"));
}

static gboolean
comparison_ready_cb (gpointer data)
{
  return !sg_run_compare_dialog_get_busy (data);
}

static char *
new_project_path (const char *name)
{
  static guint counter;
  g_autofree char *file = g_strdup_printf ("%s-%u.segmenta", name, counter++);

  return sg_test_tmp_path (file);
}

/* A copy of the demo project with the customer features derived from its transactions (what the Prepare
 * step makes), open; NULL (and the test skipped) if the demo was not built. */
static SgProject *
open_demo (gint64 *derived_id)
{
  g_autofree char *copy = new_project_path ("demo");
  g_autoptr(GError) error = NULL;
  g_autoptr(SgProject) project = NULL;
  g_autoptr(SgDatasetInfo) transactions = NULL;
  g_autoptr(SgDatasetInfo) customers = NULL;
  SgDeriveOptions options;

  if (!sg_test_copy_demo_project (copy))
    {
      g_test_skip ("The demo project was not built");
      return NULL;
    }
  project = sg_project_open (copy, &error);
  g_assert_no_error (error);

  transactions = sg_project_find_dataset (project, "transactions", &error);
  g_assert_no_error (error);
  customers = sg_project_find_dataset (project, "customers", &error);
  g_assert_no_error (error);
  sg_derive_options_init (&options);
  g_assert_true (sg_transaction_roles_guess_for_dataset (&options.roles, transactions));
  *derived_id = sg_derive_dataset (project, transactions->id, &options, customers->id, "customer_id", NULL,
                                   NULL, NULL, &error);
  sg_derive_options_clear (&options);
  g_assert_no_error (error);
  g_assert_cmpint (*derived_id, >, 0);
  return g_steal_pointer (&project);
}

static SgWindow *
new_window (SgProject *project)
{
  SgWindow *window = g_object_new (SG_TYPE_WINDOW, NULL);

  gtk_window_present (GTK_WINDOW (window));
  sg_gui_test_drain_main_loop ();
  if (project != NULL)
    sg_window_set_project (window, project);
  sg_gui_test_drain_main_loop ();
  return window;
}

/* The Segment step, shown. */
static SgSegmentPage *
show_segment_page (SgWindow *window)
{
  SgSegmentPage *page = SG_SEGMENT_PAGE (sg_gui_test_find_widget (GTK_WIDGET (window), SG_TYPE_SEGMENT_PAGE));

  g_assert_nonnull (page);
  sg_window_show_step (window, "segment");
  g_assert_true (sg_gui_test_wait_until (page_mapped_cb, page));
  sg_gui_test_drain_main_loop ();
  return page;
}

static SgFeatureChoice *
choice_named (SgSegmentPage *page,
              const char    *name)
{
  GPtrArray *choices = sg_segment_page_get_feature_choices (page);

  for (guint i = 0; choices != NULL && i < choices->len; i++)
    {
      SgFeatureChoice *choice = g_ptr_array_index (choices, i);

      if (g_str_equal (choice->name, name))
        return choice;
    }
  g_error ("No feature “%s” is offered", name);
}

static gboolean
offered (SgSegmentPage *page,
         const char    *name)
{
  GPtrArray *choices = sg_segment_page_get_feature_choices (page);

  for (guint i = 0; choices != NULL && i < choices->len; i++)
    if (g_str_equal (((SgFeatureChoice *) g_ptr_array_index (choices, i))->name, name))
      return TRUE;
  return FALSE;
}

/* Runs through the page's action and waits for the result; returns the stored run (0 if none). */
static gint64
run_and_wait (SgSegmentPage *page)
{
  gint64 before = sg_segment_page_get_last_run_id (page);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "segment.run", NULL));
  g_assert_true (sg_segment_page_get_busy (page));
  g_assert_true (sg_gui_test_wait_until (page_idle_cb, page));
  sg_gui_test_drain_main_loop ();
  return sg_segment_page_get_last_run_id (page) != before ? sg_segment_page_get_last_run_id (page) : 0;
}

static const char *
row_title (GtkWidget *row)
{
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
}

/* ---- the workflow ---- */

static void
test_workflow (void)
{
  gint64 derived_id = 0;
  g_autoptr(SgProject) project = open_demo (&derived_id);
  g_autoptr(GError) error = NULL;
  SgWindow *window;
  SgSegmentPage *page;
  SgSession *session;
  SgRunList *list;
  SgRunInfo *run;
  GtkWidget *dialog;
  gint64 first, second;
  g_autofree char *description = NULL;

  SG_GUI_TEST_REQUIRE_DISPLAY ();
  if (project == NULL)
    return;
  window = new_window (project);
  session = sg_window_get_session (window);
  page = show_segment_page (window);
  list = sg_segment_page_get_run_list (page);

  /* The derived customer features are chosen for segmenting, and the advice ticks their features. */
  g_assert_true (sg_segment_page_get_ready (page));
  g_assert_cmpint (sg_session_get_dataset_id (session), ==, derived_id);
  g_assert_true (sg_gui_test_wait_until (advice_ready_cb, page));
  g_assert_false (offered (page, "customer_id"));
  g_assert_false (offered (page, "country"));
  g_assert_true (choice_named (page, "monetary")->selected);
  g_assert_true (choice_named (page, "monetary")->log_scale);
  g_assert_false (choice_named (page, "r_score")->selected);
  g_assert_nonnull (choice_named (page, "r_score")->note);
  /* Missing for a quarter of the customers: offered, not ticked. */
  g_assert_false (choice_named (page, "interpurchase_days")->selected);
  g_assert_cmpuint (sg_run_list_get_n_shown (list), ==, 0);

  /* K-means with the number of segments suggested: the defaults. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "segment.algorithm", "s", "kmeans"));
  {
    SgSegmentForm form;

    sg_segment_page_get_form (page, &form);
    g_assert_cmpint (form.algorithm, ==, SG_ALGORITHM_KMEANS);
    g_assert_true (form.auto_k);
  }
  first = run_and_wait (page);
  g_assert_cmpint (first, >, 0);
  g_assert_true (g_str_has_prefix (sg_segment_page_get_status (page), "Found "));
  g_assert_cmpuint (sg_session_get_n_runs (session), ==, 1);
  g_assert_cmpint (sg_session_get_run_id (session), ==, first);
  run = sg_session_get_run (session);
  g_assert_cmpint (run->dataset_id, ==, derived_id);
  g_assert_cmpstr (run->algorithm, ==, "kmeans");
  g_assert_cmpuint (run->k, >=, 2);
  g_assert_cmpuint (run->k, <=, 12);
  /* The k scan came with the run: the chart has data and marks the number chosen. */
  description = sg_chart_describe (SG_CHART (sg_segment_page_get_scan_chart (page)));
  g_assert_nonnull (strstr (description, "from 2 to 12"));
  {
    g_autofree char *marked = g_strdup_printf ("Recommended: k = %u", run->k);

    g_assert_nonnull (strstr (description, marked));
  }
  /* The run list shows it, selected and marked as current. */
  g_assert_cmpuint (sg_run_list_get_n_shown (list), ==, 1);
  g_assert_nonnull (sg_run_list_get_row (list, first));
  g_assert_cmpstr (row_title (sg_run_list_get_row (list, first)), ==, run->name);
  g_assert_cmpint (sg_run_list_get_selected (list), ==, first);

  /* Cancelled midway: nothing is stored, the runs are as they were. Many fresh starts make it long. */
  {
    SgSegmentForm form;

    sg_segment_page_get_form (page, &form);
    form.restarts = 100;
    sg_segment_page_set_form (page, &form);
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "segment.run", NULL));
  g_assert_true (sg_segment_page_get_busy (page));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (page), "segment.run", NULL) &&
                  !sg_segment_page_get_busy (page));
  g_assert_true (sg_gui_test_wait_until (progress_shown_cb, page));
  g_assert_true (sg_segment_page_get_busy (page));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "segment.cancel", NULL));
  g_assert_true (sg_gui_test_wait_until (page_idle_cb, page));
  sg_gui_test_drain_main_loop ();
  g_assert_cmpstr (sg_segment_page_get_status (page), ==, "Stopped. Nothing was saved.");
  g_assert_cmpint (sg_segment_page_get_last_run_id (page), ==, first);
  g_assert_cmpuint (sg_session_get_n_runs (session), ==, 1);
  {
    g_autoptr(GPtrArray) stored = sg_project_list_runs (project, 0, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (stored->len, ==, 1);
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "segment.reset-advanced", NULL));

  /* Rename through the run list's action and its dialog; Escape (the close response) changes nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (list), "runs.rename", "x", first));
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog))), "Ignored");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  sg_gui_test_drain_main_loop ();
  g_assert_cmpstr (sg_session_get_run (session)->name, !=, "Ignored");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (list), "runs.rename", "x", first));
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog))),
                         "  Spring campaign ");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "rename");
  sg_gui_test_drain_main_loop ();
  g_assert_cmpstr (sg_session_lookup_run (session, first)->name, ==, "Spring campaign");
  g_assert_cmpstr (row_title (sg_run_list_get_row (list, first)), ==, "Spring campaign");

  /* A second run with a chosen number of segments becomes the current one. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "segment.auto-k", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "segment.k", "u", 4));
  second = run_and_wait (page);
  g_assert_cmpint (second, >, first);
  g_assert_cmpuint (sg_session_lookup_run (session, second)->k, ==, 4);
  g_assert_cmpint (sg_session_get_run_id (session), ==, second);
  g_assert_cmpuint (sg_run_list_get_n_shown (list), ==, 2);
  g_assert_cmpint (sg_run_list_get_selected (list), ==, second);

  /* Opening the first makes it current and shows the Segments step. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (list), "runs.open", "x", first));
  g_assert_cmpint (sg_session_get_run_id (session), ==, first);
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (page)));
  page = show_segment_page (window);

  /* Compare the two: the table holds every customer segmented in both runs. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (list), "runs.compare-pair", "(xx)", first, second));
  dialog = find_toplevel (SG_TYPE_RUN_COMPARE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (sg_gui_test_wait_until (comparison_ready_cb, dialog));
  {
    const SgRunComparison *c = sg_run_compare_dialog_get_comparison (SG_RUN_COMPARE_DIALOG (dialog));
    SgRunInfo *a = sg_session_lookup_run (session, first);
    SgRunInfo *b = sg_session_lookup_run (session, second);

    g_assert_nonnull (c);
    g_assert_cmpuint (sg_run_comparison_total (c), ==, c->n_common);
    g_assert_cmpuint (c->n_common + c->n_left_out, ==, a->n_rows);
    g_assert_cmpuint (c->n_left_out, >=, MAX (a->n_excluded, b->n_excluded));
    g_assert_cmpuint (c->table->n_a, ==, a->k);
    g_assert_cmpuint (c->table->n_b, ==, 4);
    g_assert_cmpfloat (c->ari, <=, 1.0);
    g_assert_cmpfloat (c->ari, >, -1.0);
  }
  gtk_window_destroy (GTK_WINDOW (dialog));
  sg_gui_test_drain_main_loop ();

  /* Delete asks first; then the run is hidden with an Undo toast, and Undo brings it back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (list), "runs.delete", "x", second));
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "delete");
  sg_gui_test_drain_main_loop ();
  g_assert_cmpint (sg_run_list_get_pending_delete (list), ==, second);
  g_assert_null (sg_run_list_get_row (list, second));
  g_assert_cmpuint (sg_run_list_get_n_shown (list), ==, 1);
  g_assert_nonnull (sg_project_get_run (project, second, NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (list), "runs.undo-delete", NULL));
  g_assert_cmpint (sg_run_list_get_pending_delete (list), ==, 0);
  g_assert_nonnull (sg_run_list_get_row (list, second));

  /* Delete (the current run, via the selection as the Delete key does); when the toast goes, it is gone. */
  sg_session_set_run_id (session, second);
  sg_gui_test_drain_main_loop ();
  g_assert_true (sg_run_list_select (list, second));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (list), "runs.delete-selected", NULL));
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "delete");
  sg_gui_test_drain_main_loop ();
  g_assert_cmpint (sg_session_get_run_id (session), ==, first);
  g_assert_nonnull (sg_run_list_get_undo_toast (list));
  adw_toast_dismiss (sg_run_list_get_undo_toast (list));
  sg_gui_test_drain_main_loop ();
  g_assert_cmpint (sg_run_list_get_pending_delete (list), ==, 0);
  g_assert_null (sg_project_get_run (project, second, &error));
  g_clear_error (&error);
  g_assert_cmpuint (sg_session_get_n_runs (session), ==, 1);
  g_assert_cmpint (sg_session_get_run_id (session), ==, first);

  /* Values below zero cannot go on a log scale: the page does not offer it. */
  g_assert_false (choice_named (page, "spend_trend")->log_possible);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "segment.log-scale", "(sb)", "spend_trend", TRUE));
  g_assert_false (choice_named (page, "spend_trend")->log_scale);

  /* An engine error is one sentence on the page, and nothing is stored: 5 segments of customers who
   * differ only in yes or no. */
  {
    GPtrArray *choices = sg_segment_page_get_feature_choices (page);

    for (guint i = 0; i < choices->len; i++)
      {
        SgFeatureChoice *choice = g_ptr_array_index (choices, i);

        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "segment.feature", "(sb)", choice->name,
                                                   g_str_equal (choice->name, "newsletter")));
      }
  }
  g_assert_cmpuint (sg_feature_choices_count (sg_segment_page_get_feature_choices (page)), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "segment.k", "u", 5));
  g_assert_cmpint (run_and_wait (page), ==, 0);
  g_assert_true (strlen (sg_segment_page_get_status (page)) > 0);
  g_assert_null (strchr (sg_segment_page_get_status (page), '\n'));
  g_assert_false (g_str_has_prefix (sg_segment_page_get_status (page), "Found"));
  g_assert_cmpuint (sg_session_get_n_runs (session), ==, 1);

  /* Back to the suggestions. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "segment.suggest-features", NULL));
  g_assert_true (choice_named (page, "monetary")->selected);
  g_assert_false (choice_named (page, "newsletter")->log_scale);

  gtk_window_destroy (GTK_WINDOW (window));
  sg_gui_test_drain_main_loop ();
}

/* ---- a preview of the number of segments, and other methods ---- */

static void
test_preview_and_methods (void)
{
  gint64 derived_id = 0;
  g_autoptr(SgProject) project = open_demo (&derived_id);
  SgWindow *window;
  SgSegmentPage *page;
  SgSession *session;
  g_autofree char *description = NULL;
  SgSegmentForm form;

  SG_GUI_TEST_REQUIRE_DISPLAY ();
  if (project == NULL)
    return;
  window = new_window (project);
  session = sg_window_get_session (window);
  page = show_segment_page (window);
  g_assert_true (sg_gui_test_wait_until (advice_ready_cb, page));

  /* The preview scans without storing anything and leaves its suggestion in the number. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "segment.preview", NULL));
  g_assert_true (sg_gui_test_wait_until (page_idle_cb, page));
  sg_gui_test_drain_main_loop ();
  g_assert_cmpuint (sg_session_get_n_runs (session), ==, 0);
  g_assert_true (g_str_has_prefix (sg_segment_page_get_status (page), "Suggested: "));
  description = sg_chart_describe (SG_CHART (sg_segment_page_get_scan_chart (page)));
  sg_segment_page_get_form (page, &form);
  {
    g_autofree char *marked = g_strdup_printf ("Recommended: k = %u", form.k);

    g_assert_nonnull (strstr (description, marked));
  }

  /* DBSCAN finds its own number: no preview; a hierarchical run with 3 segments. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "segment.algorithm", "s", "dbscan"));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (page), "segment.preview", NULL) &&
                  sg_segment_page_get_busy (page));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "segment.algorithm", "s", "hierarchical"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "segment.auto-k", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "segment.k", "u", 3));
  g_assert_cmpint (run_and_wait (page), >, 0);
  g_assert_cmpstr (sg_session_get_run (session)->algorithm, ==, "hierarchical");
  g_assert_cmpuint (sg_session_get_run (session)->k, ==, 3);

  gtk_window_destroy (GTK_WINDOW (window));
  sg_gui_test_drain_main_loop ();
}

/* ---- no data yet ---- */

static void
test_empty_project (void)
{
  g_autofree char *path = new_project_path ("empty");
  g_autoptr(GError) error = NULL;
  g_autoptr(SgProject) project = sg_project_create (path, &error);
  SgWindow *window;
  SgSegmentPage *page;
  GtkStack *stack;

  SG_GUI_TEST_REQUIRE_DISPLAY ();
  g_assert_no_error (error);
  window = new_window (project);
  page = show_segment_page (window);
  g_assert_false (sg_segment_page_get_ready (page));
  stack = GTK_STACK (sg_gui_test_find_widget (GTK_WIDGET (page), GTK_TYPE_STACK));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  /* Nothing can run; the way back is offered. */
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (page), "segment.run", NULL) &&
                  sg_segment_page_get_busy (page));

  gtk_window_destroy (GTK_WINDOW (window));
  sg_gui_test_drain_main_loop ();
}

/* ---- accessible names ---- */

static gboolean
is_named (GtkWidget *widget)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  if (gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL) ||
      gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    return TRUE;
  if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    return TRUE;
  /* A button showing a label (or an icon with a label) is named by it. */
  return GTK_IS_BUTTON (widget) && (GTK_IS_LABEL (child) || ADW_IS_BUTTON_CONTENT (child));
}

static void
check_names (GtkWidget *widget,
             GString   *unnamed)
{
  /* A spin button's own +/- and text are GTK's; the spin button itself is checked. */
  gboolean control = GTK_IS_CHECK_BUTTON (widget) || GTK_IS_SWITCH (widget) || GTK_IS_SPIN_BUTTON (widget) ||
                     GTK_IS_ENTRY (widget) || GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget) ||
                     GTK_IS_PROGRESS_BAR (widget);

  /* Hidden parts of composite widgets (the expander row's unused switch) are not controls; rows the
   * method hides are checked all the same. */
  if (!gtk_widget_get_visible (widget))
    return;
  if (control && !is_named (widget))
    {
      GtkWidget *row = gtk_widget_get_ancestor (widget, ADW_TYPE_PREFERENCES_ROW);

      g_string_append_printf (unnamed, "%s (in %s, row “%s”) ", G_OBJECT_TYPE_NAME (widget),
                              G_OBJECT_TYPE_NAME (gtk_widget_get_parent (widget)),
                              row ? adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)) : "");
    }
  if (GTK_IS_SPIN_BUTTON (widget))
    return;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    check_names (child, unnamed);
}

static void
test_accessible_names (void)
{
  gint64 derived_id = 0;
  g_autoptr(SgProject) project = open_demo (&derived_id);
  g_autoptr(GString) unnamed = g_string_new (NULL);
  SgWindow *window;
  SgSegmentPage *page;

  SG_GUI_TEST_REQUIRE_DISPLAY ();
  if (project == NULL)
    return;
  window = new_window (project);
  page = show_segment_page (window);
  g_assert_true (sg_gui_test_wait_until (advice_ready_cb, page));
  g_assert_cmpint (run_and_wait (page), >, 0);

  check_names (GTK_WIDGET (page), unnamed);
  g_assert_cmpstr (unnamed->str, ==, "");

  gtk_window_destroy (GTK_WINDOW (window));
  sg_gui_test_drain_main_loop ();
}

int
main (int    argc,
      char **argv)
{
  sg_gui_test_init (&argc, &argv);

  g_test_add_func ("/segment-page/workflow", test_workflow);
  g_test_add_func ("/segment-page/preview-and-methods", test_preview_and_methods);
  g_test_add_func ("/segment-page/empty-project", test_empty_project);
  g_test_add_func ("/segment-page/accessible-names", test_accessible_names);

  return g_test_run ();
}
