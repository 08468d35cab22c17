/* test-gui-segments-page.c — the Segments dashboard on the demo project: headline, cards, charts and their
 * exports, presentation mode, the details slot, the run switcher, re-cutting a tree
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Needs a display (the GUI tests run under Xvfb) and the demo project (SG_DEMO_PROJECT); skipped without.
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "sg-chart-view.h"
#include "sg-dendrogram-chart.h"
#include "sg-derive.h"
#include "sg-format.h"
#include "sg-gui-test-util.h"
#include "sg-run-charts.h"
#include "sg-scatter-chart.h"
#include "sg-segment-card.h"
#include "sg-segmenter.h"
#include "sg-personas-page.h"
#include "sg-segments-page.h"
#include "sg-test-util.h"
#include "sg-window.h"

/* ---- helpers ---- */

static gboolean
label_with_prefix (GtkWidget  *root,
                   const char *prefix)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  sg_gui_test_collect (root, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (g_str_has_prefix (gtk_label_get_text (g_ptr_array_index (labels, i)), prefix))
      return TRUE;
  return FALSE;
}

static GtkWidget *
find_button_prefix (GtkWidget  *root,
                    const char *prefix)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  sg_gui_test_collect (root, GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_str_has_prefix (gtk_button_get_label (g_ptr_array_index (buttons, i)) ?: "", prefix))
      return g_ptr_array_index (buttons, i);
  return NULL;
}

/* The demo project (a copy: the tests write to it) with customer features derived from its purchases. */
static SgProject *
open_demo (gint64 *features_id)
{
  static guint counter;
  g_autofree char *name = g_strdup_printf ("demo-%u.segmenta", counter++);
  g_autofree char *copy = sg_test_tmp_path (name);
  g_autoptr(GError) error = NULL;
  g_autoptr(SgProject) project = NULL;
  g_autoptr(SgDatasetInfo) transactions = NULL, customers = NULL;
  SgDeriveOptions options;

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
  *features_id = sg_derive_dataset (project, transactions->id, &options, customers->id, "customer_id", NULL, NULL,
                                    NULL, &error);
  sg_derive_options_clear (&options);
  g_assert_no_error (error);
  g_assert_cmpint (*features_id, >, 0);
  return g_steal_pointer (&project);
}

static SgRunOutcome *
make_run (SgProject   *project,
          gint64       dataset_id,
          SgAlgorithm  algorithm,
          guint        k)
{
  g_auto(SgRunSettings) settings = { 0 };
  g_autoptr(GError) error = NULL;
  SgRunOutcome *outcome;

  sg_run_settings_init (&settings);
  settings.dataset_id = dataset_id;
  settings.features = g_strsplit ("recency_days,frequency,monetary,avg_order_value,tenure_days,age", ",", -1);
  settings.log1p = g_strsplit ("frequency,monetary,avg_order_value", ",", -1);
  settings.algorithm = algorithm;
  settings.k = k;
  settings.k_max = 8;
  settings.seed = 1;
  outcome = sg_segment_dataset (project, &settings, NULL, &error);
  g_assert_no_error (error);
  return outcome;
}

static SgWindow *
window_on (SgProject *project)
{
  SgWindow *window = g_object_new (SG_TYPE_WINDOW, "default-width", 1280, "default-height", 800, NULL);

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

static SgSegmentsPage *
show_segments (SgWindow *window)
{
  SgSegmentsPage *page = SG_SEGMENTS_PAGE (sg_gui_test_find_widget (GTK_WIDGET (window), SG_TYPE_SEGMENTS_PAGE));

  sg_window_show_step (window, "segments");
  g_assert_true (sg_gui_test_wait_until (page_ready_cb, page));
  sg_gui_test_drain_main_loop ();
  return page;
}

static gboolean
file_starts_with (const char *path,
                  const char *prefix,
                  gsize       within)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;
  if (within == 0)
    return length >= strlen (prefix) && memcmp (contents, prefix, strlen (prefix)) == 0;
  return g_strstr_len (contents, MIN (length, within), prefix) != NULL;
}

/* Width and height from a PNG's header. */
static void
png_size (const char *path,
          guint      *width,
          guint      *height)
{
  g_autofree guchar *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, (char **) &contents, &length, NULL));
  g_assert_cmpuint (length, >, 24);
  g_assert_cmpmem (contents, 8, "\x89PNG\r\n\x1a\n", 8);
  *width = (guint) contents[16] << 24 | (guint) contents[17] << 16 | (guint) contents[18] << 8 | contents[19];
  *height = (guint) contents[20] << 24 | (guint) contents[21] << 16 | (guint) contents[22] << 8 | contents[23];
}

/* ---- tests ---- */

static gboolean
fullscreen_cb (gpointer data)
{
  return gtk_window_is_fullscreen (data);
}

static gboolean
presentation_closed_cb (gpointer data)
{
  return !sg_segments_page_get_presenting (data);
}

static void
check_charts (SgSegmentsPage  *page,
              const char      *dir,
              guint64          n_segmented)
{
  g_autoptr(GPtrArray) views = g_ptr_array_new ();
  static const char *const formats[] = { "png", "svg", "pdf" };
  gboolean scatter = FALSE;

  sg_gui_test_collect (GTK_WIDGET (page), SG_TYPE_CHART_VIEW, views);
  /* k-means with k chosen by a scan: map, sizes, silhouette, heatmap, snake, box plots, k scan. */
  g_assert_cmpuint (views->len, ==, 7);
  for (guint i = 0; i < views->len; i++)
    {
      SgChartView *view = g_ptr_array_index (views, i);
      SgChart *chart = sg_chart_view_get_chart (view);
      g_autofree char *description = NULL;

      g_assert_nonnull (chart);
      g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (view)) || gtk_widget_get_child_visible (GTK_WIDGET (view)));
      description = sg_chart_describe (chart);
      g_assert_false (g_str_has_suffix (description, "with no data."));
      g_assert_nonnull (sg_chart_get_title (chart));
      if (SG_IS_SCATTER_CHART (chart))
        {
          scatter = TRUE;
          g_assert_cmpuint (sg_scatter_chart_get_n_points (SG_SCATTER_CHART (chart)), ==, n_segmented);
        }

      /* Each chart's own export action, as its menu runs it. */
      for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
        {
          g_autofree char *name = g_strdup_printf ("chart-%u.%s", i, formats[f]);
          g_autofree char *path = g_build_filename (dir, name, NULL);

          g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "chart.export-file", "s", path));
          g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
          if (f == 0)
            {
              guint width, height;

              png_size (path, &width, &height);
              /* At twice the view's size (at least 480 × 320 units). */
              g_assert_cmpuint (width, >=, 960);
              g_assert_cmpuint (height, >=, 640);
            }
          else if (f == 1)
            g_assert_true (file_starts_with (path, "<svg", 4096));
          else
            g_assert_true (file_starts_with (path, "%PDF", 0));
        }
    }
  g_assert_true (scatter);
}

static void
test_dashboard (void)
{
  gint64 features_id = 0;
  g_autoptr(SgProject) project = NULL;
  g_autoptr(SgRunOutcome) outcome = NULL;
  g_autoptr(GPtrArray) cards = g_ptr_array_new ();
  g_autoptr(GPtrArray) segments = NULL;
  g_autofree char *dir = NULL, *count = NULL;
  SgSegmentsPage *page;
  SgWindow *window;
  GtkWindow *presentation;
  GtkWidget *dashboard;

  SG_GUI_TEST_REQUIRE_DISPLAY ();
  project = open_demo (&features_id);
  if (project == NULL)
    {
      g_test_skip ("The demo project was not built");
      return;
    }
  outcome = make_run (project, features_id, SG_ALGORITHM_KMEANS, 0);
  g_assert_nonnull (outcome->scan);
  window = window_on (project);
  page = show_segments (window);
  g_assert_cmpint (sg_segments_page_get_shown_run (page), ==, outcome->run_id);

  /* Headline: customers segmented, segments, how distinct in words, the method, why this k. */
  count = sg_format_count (outcome->n_rows - outcome->n_excluded);
  g_assert_true (sg_gui_test_label_shown (GTK_WIDGET (page), count));
  g_assert_true (sg_gui_test_label_shown (GTK_WIDGET (page), sg_run_charts_silhouette_words (outcome->metrics.silhouette)));
  g_assert_true (sg_gui_test_label_shown (GTK_WIDGET (page), "K-means"));
  g_assert_true (sg_gui_test_label_shown (GTK_WIDGET (page), "Chosen automatically: the reason is below."));
  {
    g_autofree char *k = g_strdup_printf ("%u", outcome->k);

    g_assert_true (sg_gui_test_label_shown (GTK_WIDGET (page), k));
  }

  /* A card per segment, named, with what sets it apart. */
  sg_gui_test_collect (GTK_WIDGET (page), SG_TYPE_SEGMENT_CARD, cards);
  g_assert_cmpuint (cards->len, ==, outcome->k);
  segments = sg_project_list_segments (project, outcome->run_id, NULL);
  for (guint s = 0; s < cards->len; s++)
    {
      SgSegmentInfo *info = g_ptr_array_index (segments, s);
      g_autofree char *fallback = g_strdup_printf ("Segment %u", s + 1);

      g_assert_cmpuint (sg_segment_card_get_index (g_ptr_array_index (cards, s)), ==, s);
      g_assert_cmpuint (info->idx, ==, s);
      g_assert_cmpstr (sg_segment_card_get_name (g_ptr_array_index (cards, s)), ==,
                       info->name != NULL ? info->name : fallback);
    }

  dir = g_build_filename (sg_test_tmpdir (), "exports", NULL);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  check_charts (page, dir, outcome->n_rows - outcome->n_excluded);

  /* A card opens its segment's details; back again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "segments.show-segment", "i", 1));
  g_assert_cmpint (sg_segments_page_get_segment (page), ==, 1);
  g_assert_nonnull (sg_segments_page_get_detail_slot (page));
  g_assert_true (gtk_widget_is_ancestor (GTK_WIDGET (sg_segments_page_get_detail_slot (page)), GTK_WIDGET (page)));
  sg_gui_test_drain_main_loop ();
  g_assert_true (sg_gui_test_label_shown (GTK_WIDGET (page),
                                          sg_segment_card_get_name (g_ptr_array_index (cards, 1))));
  sg_segments_page_show_segment (page, -1);
  g_assert_cmpint (sg_segments_page_get_segment (page), ==, -1);

  /* A card's persona link opens that segment's persona. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "segments.show-persona", "i", 2));
  sg_gui_test_drain_main_loop ();
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (sg_gui_test_find_widget (GTK_WIDGET (window),
                                                                                                   ADW_TYPE_VIEW_STACK))),
                   ==, "personas");
  g_assert_cmpuint (sg_personas_page_get_segment (SG_PERSONAS_PAGE (sg_gui_test_find_widget (GTK_WIDGET (window),
                                                                                             SG_TYPE_PERSONAS_PAGE))), ==, 2);
  sg_window_show_step (window, "segments");

  /* A segment renamed elsewhere (the Personas page names them): the card follows. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) renamed = g_ptr_array_new ();

    g_assert_true (sg_project_set_segment_name (project, outcome->run_id, 0, "Weekend Shoppers", NULL, TRUE, &error));
    g_assert_no_error (error);
    g_assert_true (sg_session_reload (sg_window_get_session (window), &error));
    g_assert_no_error (error);
    g_assert_true (sg_gui_test_wait_until (page_ready_cb, page));
    sg_gui_test_collect (GTK_WIDGET (page), SG_TYPE_SEGMENT_CARD, renamed);
    g_assert_cmpstr (sg_segment_card_get_name (g_ptr_array_index (renamed, 0)), ==, "Weekend Shoppers");
  }

  /* Presentation: the dashboard moves to a full-screen window of its own, and comes back. */
  {
    g_autoptr(GPtrArray) scrolled = g_ptr_array_new ();

    sg_gui_test_collect (GTK_WIDGET (page), GTK_TYPE_SCROLLED_WINDOW, scrolled);
    dashboard = NULL;
    for (guint i = 0; i < scrolled->len; i++)
      if (gtk_widget_has_css_class (g_ptr_array_index (scrolled, i), "segments-dashboard"))
        dashboard = g_ptr_array_index (scrolled, i);
    g_assert_nonnull (dashboard);
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "segments.present", NULL));
  g_assert_true (sg_segments_page_get_presenting (page));
  presentation = sg_segments_page_get_presentation_window (page);
  g_assert_nonnull (presentation);
  g_assert_true (gtk_widget_is_ancestor (dashboard, GTK_WIDGET (presentation)));
  g_assert_false (gtk_widget_is_ancestor (dashboard, GTK_WIDGET (window)));
  g_assert_true (sg_gui_test_wait_until (fullscreen_cb, presentation));
  /* Only what the audience reads: no buttons on the cards. */
  g_assert_false (gtk_widget_is_visible (find_button_prefix (GTK_WIDGET (presentation), "Details")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (presentation), "window.close", NULL));
  g_assert_true (sg_gui_test_wait_until (presentation_closed_cb, page));
  g_assert_true (gtk_widget_is_ancestor (dashboard, GTK_WIDGET (page)));
  g_assert_true (gtk_widget_is_visible (find_button_prefix (GTK_WIDGET (page), "Details")));

  gtk_window_destroy (GTK_WINDOW (window));
  sg_gui_test_drain_main_loop ();
}

static gboolean
run_shown_cb (gpointer data)
{
  gpointer *args = data;

  return sg_segments_page_get_shown_run (args[0]) == *(gint64 *) args[1] && !sg_segments_page_is_busy (args[0]);
}

/* A hierarchical run: the tree with its cut; dragging the cut to k and making a run of it. */
static void
test_recut (void)
{
  gint64 features_id = 0, first;
  g_autoptr(SgProject) project = NULL;
  g_autoptr(SgRunOutcome) outcome = NULL;
  g_autoptr(GPtrArray) views = g_ptr_array_new ();
  SgChartView *tree_view = NULL;
  SgSegmentsPage *page;
  SgSession *session;
  SgWindow *window;
  SgRunInfo *run;
  GtkWidget *button;
  gint64 recut_id = 0;

  SG_GUI_TEST_REQUIRE_DISPLAY ();
  project = open_demo (&features_id);
  if (project == NULL)
    {
      g_test_skip ("The demo project was not built");
      return;
    }
  outcome = make_run (project, features_id, SG_ALGORITHM_HIERARCHICAL, 5);
  first = outcome->run_id;
  window = window_on (project);
  session = sg_window_get_session (window);
  page = show_segments (window);

  sg_gui_test_collect (GTK_WIDGET (page), SG_TYPE_CHART_VIEW, views);
  for (guint i = 0; i < views->len; i++)
    if (SG_IS_DENDROGRAM_CHART (sg_chart_view_get_chart (g_ptr_array_index (views, i))))
      tree_view = g_ptr_array_index (views, i);
  g_assert_nonnull (tree_view);
  g_assert_cmpuint (sg_dendrogram_chart_k_for_height (SG_DENDROGRAM_CHART (sg_chart_view_get_chart (tree_view)),
                                                      sg_dendrogram_chart_get_cut_height (
                                                        SG_DENDROGRAM_CHART (sg_chart_view_get_chart (tree_view)))),
                    ==, 5);
  /* At the run's own k there is nothing to make. */
  button = find_button_prefix (GTK_WIDGET (page), "_Make a Run");
  g_assert_nonnull (button);
  g_assert_false (gtk_widget_get_visible (button));

  /* The line dragged to 3 segments, as the view reports a drag. */
  g_signal_emit_by_name (tree_view, "cut-changed", 3u, 50.0);
  button = find_button_prefix (GTK_WIDGET (page), "_Make a Run with 3 Segments");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_visible (button) && gtk_widget_get_sensitive (button));
  g_assert_true (label_with_prefix (GTK_WIDGET (page), "Cutting here gives 3 segments of "));
  g_signal_emit_by_name (button, "clicked");
  {
    gpointer args[2] = { page, &recut_id };
    gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;

    while (sg_session_get_run_id (session) == first && g_get_monotonic_time () < deadline)
      {
        g_main_context_iteration (NULL, FALSE);
        g_usleep (1000);
      }
    recut_id = sg_session_get_run_id (session);
    g_assert_cmpint (recut_id, !=, first);
    g_assert_true (sg_gui_test_wait_until (run_shown_cb, args));
  }
  run = sg_session_get_run (session);
  g_assert_cmpuint (run->k, ==, 3);
  g_assert_true (g_str_has_suffix (run->name, "3 segments (re-cut)"));
  g_assert_cmpuint (sg_session_get_n_runs (session), ==, 2);
  {
    g_autoptr(GPtrArray) cards = g_ptr_array_new ();

    sg_gui_test_collect (GTK_WIDGET (page), SG_TYPE_SEGMENT_CARD, cards);
    g_assert_cmpuint (cards->len, ==, 3);
  }

  /* The switcher goes back to the first run. */
  {
    GtkDropDown *switcher = GTK_DROP_DOWN (sg_gui_test_find_widget (GTK_WIDGET (page), GTK_TYPE_DROP_DOWN));
    gpointer args[2] = { page, &first };

    g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (switcher)), ==, 2);
    gtk_drop_down_set_selected (switcher, 1);   /* newest first */
    g_assert_cmpint (sg_session_get_run_id (session), ==, first);
    g_assert_true (sg_gui_test_wait_until (run_shown_cb, args));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  sg_gui_test_drain_main_loop ();
}

static gboolean
error_shown_cb (gpointer data)
{
  GtkStack *stack = GTK_STACK (sg_gui_test_find_widget (data, GTK_TYPE_STACK));

  return g_strcmp0 (gtk_stack_get_visible_child_name (stack), "error") == 0 && !sg_segments_page_is_busy (data);
}

/* A run that cannot be read says why, and another one can be chosen from there. */
static void
test_broken_run (void)
{
  gint64 features_id = 0, good, broken;
  g_autoptr(SgProject) project = NULL;
  g_autoptr(SgRunOutcome) outcome = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree gint32 *labels = NULL;
  SgRunInfo info = { 0 };
  SgSegmentsPage *page;
  SgWindow *window;
  GtkDropDown *other;

  SG_GUI_TEST_REQUIRE_DISPLAY ();
  project = open_demo (&features_id);
  if (project == NULL)
    {
      g_test_skip ("The demo project was not built");
      return;
    }
  outcome = make_run (project, features_id, SG_ALGORITHM_KMEANS, 3);
  good = outcome->run_id;
  labels = g_new0 (gint32, 2000);
  info.dataset_id = features_id;
  info.name = (char *) "Damaged";
  info.algorithm = (char *) "kmeans";
  info.k = 1;
  info.settings = (char *) "{\"algorithm\": \"kmeans\"}";
  info.model = (char *) "{}";
  info.metrics = (char *) "{}";
  info.n_rows = 2000;
  broken = sg_project_store_run (project, &info, labels, 2000, &error);
  g_assert_no_error (error);

  window = window_on (project);
  page = SG_SEGMENTS_PAGE (sg_gui_test_find_widget (GTK_WIDGET (window), SG_TYPE_SEGMENTS_PAGE));
  g_assert_cmpint (sg_session_get_run_id (sg_window_get_session (window)), ==, broken);
  sg_window_show_step (window, "segments");
  g_assert_true (sg_gui_test_wait_until (error_shown_cb, page));
  g_assert_true (label_with_prefix (GTK_WIDGET (page), "Run “Damaged” does not say which features it used"));

  {
    g_autoptr(GPtrArray) dropdowns = g_ptr_array_new ();
    gpointer args[2] = { page, &good };

    sg_gui_test_collect (GTK_WIDGET (page), GTK_TYPE_DROP_DOWN, dropdowns);
    other = NULL;
    for (guint i = 0; i < dropdowns->len; i++)
      if (gtk_widget_is_visible (g_ptr_array_index (dropdowns, i)))
        other = g_ptr_array_index (dropdowns, i);
    g_assert_nonnull (other);
    gtk_drop_down_set_selected (other, 1);   /* newest first: the good run is second */
    g_assert_true (sg_gui_test_wait_until (run_shown_cb, args));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  sg_gui_test_drain_main_loop ();
}

int
main (int    argc,
      char **argv)
{
  sg_gui_test_init (&argc, &argv);
  sg_gui_test_set_drain_iterations (500);

  g_test_add_func ("/segments-page/dashboard", test_dashboard);
  g_test_add_func ("/segments-page/recut", test_recut);
  g_test_add_func ("/segments-page/broken-run", test_broken_run);

  return g_test_run ();
}
