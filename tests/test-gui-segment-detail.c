/* test-gui-segment-detail.c — one segment's details on the Segments page (name, sentences, rules, the
 * profile, renaming and undoing it, the automatic name, moving between segments), the check of a run
 * through its dialog (stability rows, the comparison table) and the details following it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Needs a display (the GUI tests run under Xvfb). With SG_DETAIL_SHOTS=DIR, also saves the details, the
 * check's results and the comparison as PNGs in DIR, light and dark (for looking at them, not asserted).
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "sg-chart-view.h"
#include "sg-derive.h"
#include "sg-gui-test-util.h"
#include "sg-importer.h"
#include "sg-profile.h"
#include "sg-profile-view-model.h"
#include "sg-run-report.h"
#include "sg-run-validation.h"
#include "sg-segment-card.h"
#include "sg-segment-compare.h"
#include "sg-segment-detail.h"
#include "sg-segmenter.h"
#include "sg-segments-page.h"
#include "sg-test-util.h"
#include "sg-window.h"

#define AGE "Age"
#define INCOME "Annual Income (k$)"
#define SCORE "Spending Score (1-100)"

/* ---- helpers ---- */

/* The sum of the numbers shown in labels with CSS class @css_class under @root. */
static guint64
sum_labels (GtkWidget  *root,
            const char *css_class,
            guint      *n_labels)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  guint64 sum = 0;

  *n_labels = 0;
  sg_gui_test_collect (root, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (gtk_widget_has_css_class (g_ptr_array_index (labels, i), css_class))
      {
        g_autofree char *digits = g_strdup (gtk_label_get_text (g_ptr_array_index (labels, i)));
        char *out = digits;

        for (const char *p = digits; *p != '\0'; p++)   /* digit grouping left out */
          if (g_ascii_isdigit (*p))
            *out++ = *p;
        *out = '\0';
        sum += g_ascii_strtoull (digits, NULL, 10);
        (*n_labels)++;
      }
  return sum;
}

static SgProject *
mall_project (gint64 *run_id)
{
  static guint counter;
  g_autofree char *csv = sg_test_shared_path ("datasets/mall_customers.csv");
  g_autofree char *file = g_strdup_printf ("detail-%u.segmenta", counter++);
  g_autofree char *path = sg_test_tmp_path (file);
  g_autoptr(GError) error = NULL;
  g_autoptr(SgProject) project = NULL;
  g_autoptr(SgImportReport) report = NULL;
  g_autoptr(SgRunOutcome) outcome = NULL;
  g_auto(SgRunSettings) settings = { 0 };
  SgImportOptions options;
  gint64 dataset_id;

  if (csv == NULL)
    return NULL;
  project = sg_project_create (path, &error);
  g_assert_no_error (error);
  sg_import_options_init (&options);
  options.dataset_name = g_strdup ("Mall customers");
  dataset_id = sg_importer_run (project, csv, &options, NULL, &report, &error);
  sg_import_options_clear (&options);
  g_assert_no_error (error);

  sg_run_settings_init (&settings);
  settings.dataset_id = dataset_id;
  settings.features = g_strsplit (AGE "," INCOME "," SCORE, ",", -1);
  settings.k = 5;
  settings.seed = 0;
  outcome = sg_segment_dataset (project, &settings, NULL, &error);
  g_assert_no_error (error);
  *run_id = outcome->run_id;
  return g_steal_pointer (&project);
}

static SgSegmentInfo *
stored_segment (SgProject *project,
                gint64     run_id,
                guint      idx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) segments = sg_project_list_segments (project, run_id, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < segments->len; i++)
    {
      SgSegmentInfo *info = g_ptr_array_index (segments, i);

      if (info->idx == idx)
        {
          g_ptr_array_index (segments, i) = NULL;
          g_ptr_array_set_free_func (segments, NULL);
          for (guint j = 0; j < segments->len; j++)
            if (j != i)
              sg_segment_info_free (g_ptr_array_index (segments, j));
          return info;
        }
    }
  g_assert_not_reached ();
}

static SgWindow *
window_on (SgProject *project)
{
  SgWindow *window = g_object_new (SG_TYPE_WINDOW, "default-width", 1280, "default-height", 900, NULL);

  gtk_window_present (GTK_WINDOW (window));
  sg_window_set_project (window, project);
  sg_gui_test_drain_main_loop ();
  return window;
}

static gboolean
page_ready_cb (gpointer data)
{
  SgSegmentsPage *page = data;
  SgSession *session = sg_segments_page_get_session (page);

  return sg_segments_page_get_shown_run (page) == sg_session_get_run_id (session) && !sg_segments_page_is_busy (page);
}

static gboolean
detail_idle_cb (gpointer data)
{
  return !sg_segment_detail_is_busy (data);
}

static gboolean
check_done_cb (gpointer data)
{
  return !sg_run_validation_is_running (data);
}

static SgRunValidation *
find_validation (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* owned by GTK */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (SG_IS_RUN_VALIDATION (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return SG_RUN_VALIDATION (window);
    }
  return NULL;
}

/* ---- screenshots, when asked for ---- */

static void
save_png (GtkWidget  *window,
          const char *name)
{
  const char *dir = g_getenv ("SG_DETAIL_SHOTS");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  int width, height;

  if (dir == NULL)
    return;
  for (int i = 0; i < 50; i++)
    {
      sg_gui_test_drain_main_loop ();
      g_usleep (10000);
    }
  width = gtk_widget_get_width (window);
  height = gtk_widget_get_height (window);
  paintable = gtk_widget_paintable_new (window);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

static void
scroll_to (GtkScrolledWindow *scroller,
           double             fraction)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scroller);

  sg_gui_test_drain_main_loop ();
  gtk_adjustment_set_value (adjustment, fraction * (gtk_adjustment_get_upper (adjustment) -
                                                    gtk_adjustment_get_page_size (adjustment)));
}

/* The details scrolled to @fraction of their height. */
static void
scroll_detail (SgSegmentDetail *detail,
               double           fraction)
{
  scroll_to (GTK_SCROLLED_WINDOW (sg_gui_test_find_widget (GTK_WIDGET (detail), GTK_TYPE_SCROLLED_WINDOW)), fraction);
}

/* The first scrolled window on screen under @root, at its top (0) or bottom (1). */
static void
scroll_first (GtkWidget *root,
              double     fraction)
{
  g_autoptr(GPtrArray) scrollers = g_ptr_array_new ();

  sg_gui_test_collect (root, GTK_TYPE_SCROLLED_WINDOW, scrollers);
  for (guint i = 0; i < scrollers->len; i++)
    if (gtk_widget_get_mapped (g_ptr_array_index (scrollers, i)))
      {
        scroll_to (g_ptr_array_index (scrollers, i), fraction);
        return;
      }
}

static void
shoot_all (const char      *prefix,
           SgWindow        *window,
           SgSegmentDetail *detail,
           SgRunValidation *check)
{
  static const char *const schemes[] = { "", "-dark" };

  if (g_getenv ("SG_DETAIL_SHOTS") == NULL)
    return;
  /* Toasts gone first. */
  for (gint64 until = g_get_monotonic_time () + 6 * G_USEC_PER_SEC; g_get_monotonic_time () < until;)
    {
      sg_gui_test_drain_main_loop ();
      g_usleep (20000);
    }
  for (guint s = 0; s < G_N_ELEMENTS (schemes); s++)
    {
      adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                          s == 0 ? ADW_COLOR_SCHEME_FORCE_LIGHT : ADW_COLOR_SCHEME_FORCE_DARK);
      for (guint part = 0; part < 3; part++)
        {
          g_autofree char *name = g_strdup_printf ("%sdetail-%u%s.png", prefix, part + 1, schemes[s]);

          scroll_detail (detail, part / 2.0);
          save_png (GTK_WIDGET (window), name);
        }
      gtk_widget_activate_action (GTK_WIDGET (check), "validation.back", NULL);
      for (guint part = 0; part < 2; part++)
        {
          g_autofree char *name = g_strdup_printf ("%svalidation-%u%s.png", prefix, part + 1, schemes[s]);

          scroll_first (GTK_WIDGET (check), part);
          save_png (GTK_WIDGET (check), name);
        }
      gtk_widget_activate_action (GTK_WIDGET (check), "validation.again", NULL);
      {
        g_autofree char *name = g_strdup_printf ("%svalidation-options%s.png", prefix, schemes[s]);

        save_png (GTK_WIDGET (check), name);
      }
      gtk_widget_activate_action (GTK_WIDGET (check), "validation.back", NULL);
      gtk_widget_activate_action (GTK_WIDGET (check), "validation.show-comparison", NULL);
      {
        g_autofree char *name = g_strdup_printf ("%scomparison%s.png", prefix, schemes[s]);

        save_png (GTK_WIDGET (check), name);
      }
    }
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  scroll_detail (detail, 0);
}

/* ---- the test ---- */

static void
rename_through_label (SgSegmentDetail *detail,
                      const char      *text,
                      gboolean         commit)
{
  GtkEditableLabel *label = GTK_EDITABLE_LABEL (sg_gui_test_find_widget (GTK_WIDGET (detail), GTK_TYPE_EDITABLE_LABEL));

  gtk_editable_label_start_editing (label);
  gtk_editable_set_text (GTK_EDITABLE (label), text);
  gtk_editable_label_stop_editing (label, commit);
  sg_gui_test_drain_main_loop ();
}

static const char *
shown_name (SgSegmentDetail *detail)
{
  return gtk_editable_get_text (GTK_EDITABLE (sg_gui_test_find_widget (GTK_WIDGET (detail), GTK_TYPE_EDITABLE_LABEL)));
}

static void
test_detail (void)
{
  gint64 run_id = 0;
  g_autoptr(SgProject) project = NULL;
  g_autoptr(SgSegmentInfo) info = NULL;
  g_autoptr(SgSegmentView) view = NULL;
  g_autoptr(GPtrArray) segments = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *automatic = NULL;
  SgSegmentsPage *page;
  SgSegmentDetail *detail;
  SgRunValidation *check;
  SgSegmentCompare *compare;
  SgWindow *window;
  SgSession *session;
  guint n_counts = 0;
  gboolean named_row = FALSE;

  SG_GUI_TEST_REQUIRE_DISPLAY ();
  project = mall_project (&run_id);
  if (project == NULL)
    {
      g_test_skip ("The shared datasets are not there");
      return;
    }
  window = window_on (project);
  session = sg_window_get_session (window);
  page = SG_SEGMENTS_PAGE (sg_gui_test_find_widget (GTK_WIDGET (window), SG_TYPE_SEGMENTS_PAGE));
  sg_window_show_step (window, "segments");
  g_assert_true (sg_gui_test_wait_until (page_ready_cb, page));

  /* Segment 2, opened as a card does it */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "segments.show-segment", "i", 1));
  sg_gui_test_drain_main_loop ();
  detail = SG_SEGMENT_DETAIL (adw_bin_get_child (sg_segments_page_get_detail_slot (page)));
  g_assert_true (SG_IS_SEGMENT_DETAIL (detail));
  g_assert_cmpint (sg_segment_detail_get_segment (detail), ==, 1);
  g_assert_cmpint (sg_segment_detail_get_run_id (detail), ==, run_id);
  g_assert_true (sg_gui_test_wait_until (detail_idle_cb, detail));
  sg_gui_test_drain_main_loop ();
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (detail)));

  /* The name, how it was made, the sentences and the rules, as stored */
  info = stored_segment (project, run_id, 1);
  automatic = g_strdup (info->name);
  g_assert_cmpstr (shown_name (detail), ==, info->name);
  segments = sg_project_list_segments (project, run_id, &error);
  g_assert_no_error (error);
  view = sg_segment_view_new (sg_session_get_run (session), segments, 1);
  g_assert_true (sg_gui_test_label_with_prefix_shown (GTK_WIDGET (detail), "Named by rule: "));
  g_assert_cmpuint (g_strv_length (view->sentences), >, 0);
  for (guint i = 0; view->sentences[i] != NULL; i++)
    g_assert_true (sg_gui_test_label_shown (GTK_WIDGET (detail), view->sentences[i]));
  g_assert_cmpuint (view->rules->len, >, 0);
  for (guint i = 0; i < view->rules->len; i++)
    {
      SgRuleRow *rule = g_ptr_array_index (view->rules, i);
      g_autofree char *condition = g_strdup_printf ("Customers with %s", rule->condition);

      g_assert_true (sg_gui_test_label_shown (GTK_WIDGET (detail), condition));
      g_assert_true (sg_gui_test_label_shown (GTK_WIDGET (detail), rule->explanation));
    }
  g_assert_true (sg_gui_test_label_shown (GTK_WIDGET (detail), view->rules_note));
  g_assert_true (sg_gui_test_label_shown (GTK_WIDGET (detail), view->size_text));
  g_assert_true (sg_gui_test_label_shown (GTK_WIDGET (detail), "Not checked"));
  /* The profile table: a row per feature, the box plot drawn */
  g_assert_true (sg_gui_test_label_shown (GTK_WIDGET (detail), "Annual Income"));
  g_assert_true (sg_gui_test_label_shown (GTK_WIDGET (detail), "Spending Score"));
  g_assert_true (sg_gui_test_label_shown (GTK_WIDGET (detail), "Genre"));
  {
    SgChartView *box = SG_CHART_VIEW (sg_gui_test_find_widget (GTK_WIDGET (detail), SG_TYPE_CHART_VIEW));
    g_autofree char *description = sg_chart_describe (sg_chart_view_get_chart (box));

    g_assert_true (g_str_has_prefix (description, "Box plots of "));
  }

  /* Escape while editing cancels: nothing stored */
  rename_through_label (detail, "Not Kept", FALSE);
  g_clear_pointer (&info, sg_segment_info_free);
  info = stored_segment (project, run_id, 1);
  g_assert_cmpstr (info->name, ==, automatic);
  g_assert_false (info->name_edited);
  g_assert_cmpstr (shown_name (detail), ==, automatic);

  /* Another segment's name is refused, and said why */
  {
    g_autoptr(SgSegmentInfo) other = stored_segment (project, run_id, 0);

    rename_through_label (detail, other->name, TRUE);
    g_assert_true (sg_gui_test_label_with_prefix_shown (GTK_WIDGET (detail), "Segment 1 is already called"));
    g_clear_pointer (&info, sg_segment_info_free);
    info = stored_segment (project, run_id, 1);
    g_assert_cmpstr (info->name, ==, automatic);
  }

  /* Enter keeps: stored as the user's, on the dashboard's card too */
  rename_through_label (detail, "  Weekend Shoppers ", TRUE);
  g_clear_pointer (&info, sg_segment_info_free);
  info = stored_segment (project, run_id, 1);
  g_assert_cmpstr (info->name, ==, "Weekend Shoppers");
  g_assert_true (info->name_edited);
  g_assert_cmpstr (shown_name (detail), ==, "Weekend Shoppers");
  g_assert_true (sg_gui_test_label_with_prefix_shown (GTK_WIDGET (detail), "You named this segment."));
  g_assert_true (sg_gui_test_wait_until (page_ready_cb, page));

  /* Undo (Ctrl+Z's action): the automatic name again */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (detail), "detail.undo-rename", NULL));
  sg_gui_test_drain_main_loop ();
  g_clear_pointer (&info, sg_segment_info_free);
  info = stored_segment (project, run_id, 1);
  g_assert_cmpstr (info->name, ==, automatic);
  g_assert_false (info->name_edited);
  g_assert_cmpstr (shown_name (detail), ==, automatic);

  /* "Use Automatic Name" after a rename: the report names it again */
  g_assert_true (sg_segment_detail_rename (detail, "Weekend Shoppers", &error));
  g_assert_no_error (error);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (detail), "detail.automatic-name", NULL));
  g_assert_true (sg_gui_test_wait_until (detail_idle_cb, detail));
  sg_gui_test_drain_main_loop ();
  g_clear_pointer (&info, sg_segment_info_free);
  info = stored_segment (project, run_id, 1);
  g_assert_false (info->name_edited);
  g_assert_cmpstr (info->name, ==, automatic);
  g_assert_cmpstr (shown_name (detail), ==, automatic);

  /* Renamed again, the name survives the report being made again */
  rename_through_label (detail, "Weekend Shoppers", TRUE);
  g_assert_true (sg_run_report_refresh (project, run_id, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&info, sg_segment_info_free);
  info = stored_segment (project, run_id, 1);
  g_assert_cmpstr (info->name, ==, "Weekend Shoppers");
  g_assert_true (info->name_edited);

  /* Checking the run through the dialog the details open */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (detail), "validation.check", NULL));
  sg_gui_test_drain_main_loop ();
  check = find_validation ();
  g_assert_nonnull (check);
  g_assert_cmpint (sg_run_validation_get_run_id (check), ==, run_id);
  g_assert_cmpstr (sg_run_validation_get_page (check), ==, "options");
  save_png (GTK_WIDGET (check), "validation-first.png");
  g_assert_false (sg_run_validation_can_check_time (check));   /* not derived from purchases */
  g_assert_cmpstr (sg_run_validation_get_compare_columns (check)[0], ==, "Genre");
  g_assert_null (sg_run_validation_get_compare_columns (check)[1]);
  sg_run_validation_set_bootstrap (check, 10);
  g_assert_true (sg_run_validation_set_compare_column (check, "Genre"));
  g_assert_false (sg_run_validation_set_compare_column (check, "Age"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (check), "validation.run", NULL));
  g_assert_true (sg_run_validation_is_running (check));
  g_assert_cmpstr (sg_run_validation_get_page (check), ==, "running");
  g_assert_true (sg_gui_test_wait_until (check_done_cb, check));
  sg_gui_test_drain_main_loop ();
  g_assert_cmpstr (sg_run_validation_get_page (check), ==, "results");

  /* A stability row per segment, the renamed one under its new name */
  sg_gui_test_collect (GTK_WIDGET (check), ADW_TYPE_ACTION_ROW, rows);
  {
    guint stability_rows = 0;

    for (guint i = 0; i < rows->len; i++)
      if (gtk_widget_has_css_class (g_ptr_array_index (rows, i), "stability-row") &&
          gtk_widget_get_mapped (g_ptr_array_index (rows, i)))
        {
          stability_rows++;
          named_row |= g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), "Weekend Shoppers") == 0;
        }
    g_assert_cmpuint (stability_rows, ==, 5);
  }
  g_assert_true (named_row);
  g_assert_true (sg_gui_test_label_with_prefix_shown (GTK_WIDGET (check), "Compared With “Genre”"));

  /* The comparison: its counts add up to the customers in a segment */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (check), "validation.show-comparison", NULL));
  sg_gui_test_drain_main_loop ();
  g_assert_cmpstr (sg_run_validation_get_page (check), ==, "comparison");
  compare = sg_run_validation_get_compare (check);
  g_assert_cmpuint (sg_segment_compare_get_n (compare), ==, 200);
  g_assert_cmpuint (sum_labels (GTK_WIDGET (compare), "count", &n_counts), ==, 200);
  g_assert_cmpuint (n_counts, ==, 5 * 2);
  g_assert_cmpuint (sum_labels (GTK_WIDGET (compare), "total", &n_counts), ==, 3 * 200);   /* by old group, by segment, all */

  /* The details followed: stability shown, the comparison, the user's name kept by the check */
  g_assert_true (sg_gui_test_label_shown (GTK_WIDGET (detail), "Stable") || sg_gui_test_label_shown (GTK_WIDGET (detail), "Unstable"));
  g_assert_true (sg_gui_test_label_with_prefix_shown (GTK_WIDGET (detail), "By “Genre”: "));
  g_clear_pointer (&info, sg_segment_info_free);
  info = stored_segment (project, run_id, 1);
  g_assert_cmpstr (info->name, ==, "Weekend Shoppers");
  g_assert_cmpstr (shown_name (detail), ==, "Weekend Shoppers");

  shoot_all ("", window, detail, check);

  /* Moving between segments; wrapping round */
  gtk_window_close (GTK_WINDOW (check));
  sg_gui_test_drain_main_loop ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (detail), "detail.next", NULL));
  sg_gui_test_drain_main_loop ();
  g_assert_cmpint (sg_segments_page_get_segment (page), ==, 2);
  g_assert_cmpint (sg_segment_detail_get_segment (detail), ==, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (detail), "detail.previous", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (detail), "detail.previous", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (detail), "detail.previous", NULL));
  sg_gui_test_drain_main_loop ();
  g_assert_cmpint (sg_segment_detail_get_segment (detail), ==, 4);
  g_assert_true (sg_gui_test_wait_until (detail_idle_cb, detail));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "segments.show-overview", NULL));
  sg_gui_test_drain_main_loop ();
  g_assert_cmpint (sg_segments_page_get_segment (page), ==, -1);
  gtk_window_destroy (GTK_WINDOW (window));
  sg_gui_test_drain_main_loop ();
}

/* ---- a run made before there were reports: said so, and described on demand ---- */

static void
test_older_run (void)
{
  gint64 run_id = 0;
  g_autoptr(SgProject) project = NULL;
  g_autoptr(SgRunInfo) run = NULL;
  g_autoptr(GError) error = NULL;
  SgSegmentsPage *page;
  SgSegmentDetail *detail;
  SgWindow *window;

  SG_GUI_TEST_REQUIRE_DISPLAY ();
  project = mall_project (&run_id);
  if (project == NULL)
    {
      g_test_skip ("The shared datasets are not there");
      return;
    }
  /* As an older Segmenta stored it: no profiles, no report, no names. */
  run = sg_project_get_run (project, run_id, &error);
  g_assert_no_error (error);
  for (guint s = 0; s < run->k; s++)
    {
      g_assert_true (sg_project_set_segment_profile (project, run_id, s, NULL, &error));
      g_assert_true (sg_project_set_segment_name (project, run_id, s, NULL, NULL, FALSE, &error));
    }
  g_assert_true (sg_project_set_run_metrics (project, run_id, "{\"silhouette\": {\"mean\": 0.42}}", &error));
  g_assert_no_error (error);

  window = window_on (project);
  page = SG_SEGMENTS_PAGE (sg_gui_test_find_widget (GTK_WIDGET (window), SG_TYPE_SEGMENTS_PAGE));
  sg_window_show_step (window, "segments");
  g_assert_true (sg_gui_test_wait_until (page_ready_cb, page));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "segments.show-segment", "i", 0));
  sg_gui_test_drain_main_loop ();
  detail = SG_SEGMENT_DETAIL (adw_bin_get_child (sg_segments_page_get_detail_slot (page)));
  g_assert_true (sg_gui_test_label_with_prefix_shown (GTK_WIDGET (detail), "This run was made before Segmenta described"));
  g_assert_false (sg_gui_test_label_shown (GTK_WIDGET (detail), "What Sets It Apart"));
  g_assert_false (sg_gui_test_label_shown (GTK_WIDGET (detail), "Profile"));

  /* Described on demand: the report is written and the details show it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (detail), "detail.describe", NULL));
  g_assert_true (sg_segment_detail_is_busy (detail));
  g_assert_true (sg_gui_test_wait_until (detail_idle_cb, detail));
  sg_gui_test_drain_main_loop ();
  g_assert_false (sg_gui_test_label_with_prefix_shown (GTK_WIDGET (detail), "This run was made before Segmenta described"));
  g_assert_true (sg_gui_test_label_shown (GTK_WIDGET (detail), "What Sets It Apart"));
  g_assert_true (sg_gui_test_label_shown (GTK_WIDGET (detail), "Profile"));
  g_assert_true (sg_gui_test_label_with_prefix_shown (GTK_WIDGET (detail), "Named by rule: "));
  g_assert_true (sg_gui_test_label_with_prefix_shown (GTK_WIDGET (detail), "Customers with "));

  gtk_window_destroy (GTK_WINDOW (window));
  sg_gui_test_drain_main_loop ();
}

/* ---- the demo shop: features derived from purchases, RFM groups, stability over time ---- */

/* The demo project (a copy) with customer features derived from its purchases, and a k-means run on them. */
static SgProject *
demo_project (gint64 *run_id,
              guint64 *n_segmented)
{
  g_autofree char *copy = sg_test_tmp_path ("demo-detail.segmenta");
  g_autoptr(GError) error = NULL;
  g_autoptr(SgProject) project = NULL;
  g_autoptr(SgDatasetInfo) transactions = NULL, customers = NULL;
  g_autoptr(SgRunOutcome) outcome = NULL;
  g_auto(SgRunSettings) settings = { 0 };
  SgDeriveOptions options;
  gint64 features_id;

  if (!sg_test_copy_demo_project (copy))
    return NULL;
  project = sg_project_open (copy, &error);
  g_assert_no_error (error);
  transactions = sg_project_find_dataset (project, "transactions", &error);
  g_assert_no_error (error);
  customers = sg_project_find_dataset (project, "customers", &error);
  g_assert_no_error (error);
  sg_derive_options_init (&options);
  g_assert_true (sg_transaction_roles_guess_for_dataset (&options.roles, transactions));
  features_id = sg_derive_dataset (project, transactions->id, &options, customers->id, "customer_id", NULL, NULL,
                                   NULL, &error);
  sg_derive_options_clear (&options);
  g_assert_no_error (error);

  sg_run_settings_init (&settings);
  settings.dataset_id = features_id;
  /* Features that can be derived again as of an earlier date (age cannot): stability over time works. */
  settings.features = g_strsplit ("recency_days,frequency,monetary,avg_order_value,tenure_days", ",", -1);
  settings.log1p = g_strsplit ("frequency,monetary,avg_order_value", ",", -1);
  settings.k_max = 8;
  settings.seed = 1;
  outcome = sg_segment_dataset (project, &settings, NULL, &error);
  g_assert_no_error (error);
  *run_id = outcome->run_id;
  *n_segmented = 0;
  for (guint s = 0; s < outcome->k; s++)
    *n_segmented += outcome->sizes[s];
  return g_steal_pointer (&project);
}

static void
test_demo (void)
{
  gint64 run_id = 0;
  guint64 n_segmented = 0;
  g_autoptr(SgProject) project = NULL;
  SgSegmentsPage *page;
  SgSegmentDetail *detail;
  SgRunValidation *check;
  SgSegmentCompare *compare;
  SgWindow *window;
  guint n_counts = 0;

  SG_GUI_TEST_REQUIRE_DISPLAY ();
  project = demo_project (&run_id, &n_segmented);
  if (project == NULL)
    {
      g_test_skip ("The demo project was not built");
      return;
    }
  window = window_on (project);
  page = SG_SEGMENTS_PAGE (sg_gui_test_find_widget (GTK_WIDGET (window), SG_TYPE_SEGMENTS_PAGE));
  sg_window_show_step (window, "segments");
  g_assert_true (sg_gui_test_wait_until (page_ready_cb, page));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "segments.show-segment", "i", 0));
  sg_gui_test_drain_main_loop ();
  detail = SG_SEGMENT_DETAIL (adw_bin_get_child (sg_segments_page_get_detail_slot (page)));
  g_assert_true (sg_gui_test_wait_until (detail_idle_cb, detail));
  sg_gui_test_drain_main_loop ();
  /* Lifts for the derived groups, the profile-only columns in the table */
  {
    g_autofree char *groups = sg_column_display_name ("rfm_segment");
    g_autofree char *orders = sg_column_display_name ("orders_365d");

    g_assert_true (sg_gui_test_label_shown (GTK_WIDGET (detail), groups));
    g_assert_true (sg_gui_test_label_shown (GTK_WIDGET (detail), orders));
  }

  /* The check offers the RFM groups first, and stability over time */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "validation.check", NULL));
  sg_gui_test_drain_main_loop ();
  check = find_validation ();
  g_assert_nonnull (check);
  g_assert_cmpstr (sg_run_validation_get_compare_column (check), ==, "rfm_segment");
  g_assert_true (sg_run_validation_can_check_time (check));
  sg_run_validation_set_time (check, TRUE);
  sg_run_validation_set_bootstrap (check, 8);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (check), "validation.run", NULL));
  g_assert_true (sg_gui_test_wait_until (check_done_cb, check));
  sg_gui_test_drain_main_loop ();
  g_assert_cmpstr (sg_run_validation_get_page (check), ==, "results");
  g_assert_true (sg_gui_test_label_with_prefix_shown (GTK_WIDGET (check), "Compared With “RFM group”"));
  {
    g_autoptr(GPtrArray) labels = g_ptr_array_new ();
    gboolean over_time = FALSE;

    sg_gui_test_collect (GTK_WIDGET (check), GTK_TYPE_LABEL, labels);
    for (guint i = 0; i < labels->len; i++)
      over_time |= strstr (gtk_label_get_text (g_ptr_array_index (labels, i)), "Features were derived again as of ") != NULL;
    g_assert_true (over_time);
  }
  compare = sg_run_validation_get_compare (check);
  g_assert_cmpuint (sg_segment_compare_get_n (compare), ==, n_segmented);
  g_assert_cmpuint (sum_labels (GTK_WIDGET (compare), "count", &n_counts), ==, n_segmented);
  g_assert_true (sg_gui_test_label_with_prefix_shown (GTK_WIDGET (detail), "By “RFM group”: "));

  shoot_all ("demo-", window, detail, check);
  gtk_window_destroy (GTK_WINDOW (window));
  sg_gui_test_drain_main_loop ();
}

int
main (int    argc,
      char **argv)
{
  sg_gui_test_init (&argc, &argv);
  sg_gui_test_set_drain_iterations (500);
  if (sg_gui_test_has_display ())
    {
      g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

      /* The app's style sheet, as the application would load it. */
      gtk_css_provider_load_from_resource (css, "/io/github/segmenta/Segmenta/style.css");
      gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
    }

  g_test_add_func ("/segment-detail/detail", test_detail);
  g_test_add_func ("/segment-detail/older-run", test_older_run);
  g_test_add_func ("/segment-detail/demo", test_demo);

  return g_test_run ();
}
