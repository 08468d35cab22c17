/* test-gui-export-page.c — the Export step on the demo project: customer lists with the chosen columns
 * and options (BOM, delimiter, one file, control groups), a formula neutralised, JSON that parses, a
 * PDF report, cancelling, and a project without segments
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Needs a display (run under Xvfb by the gui runner); skipped without one.
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "sg-export-page.h"
#include "sg-gui-test-util.h"
#include "sg-holdout.h"
#include "sg-persona.h"
#include "sg-playbook.h"
#include "sg-segmenter.h"
#include "sg-session.h"
#include "sg-test-marketing.h"
#include "sg-test-util.h"
#include "sg-window.h"

#define DANGEROUS_NAME "=HYPERLINK(\"http://example.com\",\"Lena\")"

/* ---- helpers ---- */

static gboolean
page_idle_cb (gpointer data)
{
  return !sg_export_page_get_busy (data);
}

static char *
copy_demo (const char *name)
{
  g_autofree char *file = g_strdup_printf ("%s.segmenta", name);
  g_autofree char *copy = sg_test_tmp_path (file);

  if (!sg_test_copy_demo_project (copy))
    {
      g_test_skip ("The demo project was not built");
      return NULL;
    }
  return g_steal_pointer (&copy);
}

static gint64
make_run (SgProject *project,
          guint      k)
{
  g_auto(SgRunSettings) settings = { 0 };
  g_autoptr(SgRunOutcome) outcome = NULL;
  g_autoptr(SgDatasetInfo) customers = NULL;
  g_autoptr(GError) error = NULL;
  const char *features[] = { "age", NULL };

  customers = sg_project_find_dataset (project, "customers", &error);
  g_assert_no_error (error);
  sg_run_settings_init (&settings);
  settings.dataset_id = customers->id;
  settings.features = g_strdupv ((char **) features);
  settings.k = k;
  settings.seed = 3;
  outcome = sg_segment_dataset (project, &settings, NULL, &error);
  g_assert_no_error (error);
  return outcome->run_id;
}

/* A persona whose name a spreadsheet would run as a formula, and a playbook with a control group. */
static void
describe_segment (SgProject *project,
                  gint64     run_id)
{
  g_autoptr(SgPersona) persona = sg_persona_new ();
  g_autoptr(SgPlaybook) playbook = sg_playbook_new ();
  g_autoptr(GError) error = NULL;

  sg_persona_set_name (persona, DANGEROUS_NAME);
  g_assert_true (sg_project_save_persona (project, run_id, 0, persona, &error));
  g_assert_no_error (error);
  sg_playbook_set_objective (playbook, SG_OBJECTIVE_WIN_BACK);
  sg_playbook_set_holdout_share (playbook, 0.25);
  g_assert_true (sg_project_save_playbook (project, run_id, 0, playbook, &error));
  g_assert_no_error (error);
}

static SgExportPage *
open_export_page (SgProject *project,
                  SgWindow **window_out)
{
  SgWindow *window = g_object_new (SG_TYPE_WINDOW, NULL);
  SgExportPage *page;

  gtk_window_present (GTK_WINDOW (window));
  sg_window_set_project (window, project);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-step", "s", "export"));
  sg_gui_test_drain_main_loop ();
  page = SG_EXPORT_PAGE (sg_gui_test_find_widget (GTK_WIDGET (window), SG_TYPE_EXPORT_PAGE));
  g_assert_nonnull (page);
  *window_out = window;
  return page;
}

static char *
read_file (const char *path,
           gsize      *length)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, length, &error));
  g_assert_no_error (error);
  return contents;
}

/* The CSV files in @dir, sorted by name. */
static GPtrArray *
csv_files (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (handle);
  while ((name = g_dir_read_name (handle)) != NULL)
    {
      /* Nothing half written is left beside the lists. */
      g_assert_null (strstr (name, ".part"));
      if (g_str_has_suffix (name, ".csv"))
        g_ptr_array_add (files, g_build_filename (dir, name, NULL));
    }
  g_ptr_array_sort (files, (GCompareFunc) g_strcmp0);
  return files;
}

static int
column_index (GStrv header,
              const char *name)
{
  for (guint i = 0; header[i] != NULL; i++)
    if (g_strcmp0 (header[i], name) == 0)
      return (int) i;
  return -1;
}

/* ---- customer lists ---- */

static void
test_lists (void)
{
  g_autofree char *path = copy_demo ("export-lists");
  g_autofree char *dir = sg_test_tmp_path ("lists");
  g_autofree char *dir2 = sg_test_tmp_path ("one-list");
  g_autoptr(GError) error = NULL;
  g_autoptr(SgProject) project = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GFile) folder2 = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GPtrArray) segments = NULL;
  g_autoptr(SgHoldout) holdout = NULL;
  SgExportPage *page;
  SgWindow *window;
  GtkCheckButton *country;
  guint64 total = 0, control_rows = 0, listed = 0;
  gint64 run_id;

  SG_GUI_TEST_REQUIRE_DISPLAY ();
  if (path == NULL)
    return;
  project = sg_project_open (path, &error);
  g_assert_no_error (error);
  run_id = make_run (project, 3);
  describe_segment (project, run_id);
  segments = sg_project_list_segments (project, run_id, &error);
  g_assert_no_error (error);

  page = open_export_page (project, &window);
  g_assert_true (sg_export_page_get_ready (page));
  /* The contact columns are found (on a worker) and ticked; others are not. */
  g_assert_true (sg_gui_test_wait_until (page_idle_cb, page));
  g_assert_true (gtk_check_button_get_active (sg_export_page_get_column_check (page, "customer_id")));
  g_assert_true (gtk_check_button_get_active (sg_export_page_get_column_check (page, "email")));
  g_assert_true (gtk_check_button_get_active (sg_export_page_get_column_check (page, "name")));
  country = sg_export_page_get_column_check (page, "country");
  g_assert_false (gtk_check_button_get_active (country));
  g_assert_false (gtk_check_button_get_active (sg_export_page_get_column_check (page, "age")));
  /* The user adds one. */
  gtk_check_button_set_active (country, TRUE);

  /* Default: a file per segment, for Excel (BOM), commas, control customers flagged. */
  folder = g_file_new_for_path (dir);
  sg_export_page_export_lists (page, folder);
  g_assert_true (sg_export_page_get_busy (page));
  g_assert_true (sg_gui_test_wait_until (page_idle_cb, page));
  g_assert_false (sg_export_page_get_last_failed (page));
  g_assert_nonnull (strstr (sg_export_page_get_last_message (page), "Exported 3 customer lists"));

  files = csv_files (dir);
  g_assert_cmpuint (files->len, ==, 3);
  for (guint f = 0; f < files->len; f++)
    {
      gsize length;
      g_autofree char *text = read_file (g_ptr_array_index (files, f), &length);
      g_autoptr(GPtrArray) rows = sg_test_parse_csv (text, ',');
      GStrv header;
      const char *expected[] = { "customer_id", "name", "email", "country", "segment", "persona", "objective",
                                 "control", NULL };

      g_assert_true (g_str_has_prefix (text, "\xef\xbb\xbf"));
      g_assert_cmpuint (rows->len, >, 1);
      header = g_ptr_array_index (rows, 0);
      g_assert_true (g_strv_equal ((const char *const *) header, expected));
      for (guint r = 1; r < rows->len; r++)
        {
          GStrv row = g_ptr_array_index (rows, r);
          const char *persona = row[column_index (header, "persona")];

          total++;
          control_rows += g_strcmp0 (row[column_index (header, "control")], "1") == 0;
          /* The formula in the persona's name is neutralised: text, never a formula. */
          if (*persona != '\0')
            {
              g_assert_cmpstr (persona, ==, "'" DANGEROUS_NAME);
              g_assert_cmpstr (row[column_index (header, "objective")], ==, "win-back");
            }
        }
    }
  for (guint s = 0; s < segments->len; s++)
    listed += ((SgSegmentInfo *) g_ptr_array_index (segments, s))->size;
  g_assert_cmpuint (total, ==, listed);
  /* The control group was drawn for the export: a quarter of the first segment, flagged. */
  holdout = sg_project_load_holdout (project, run_id, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (control_rows, ==, holdout->rows->len);
  g_assert_cmpuint (control_rows, ==,
                    sg_holdout_target_size (0.25, ((SgSegmentInfo *) g_ptr_array_index (segments, 0))->size));

  /* One file with semicolons, no BOM, control customers left out, fewer columns. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (sg_gui_test_find_row (GTK_WIDGET (page), "Files")), 1);
  adw_combo_row_set_selected (ADW_COMBO_ROW (sg_gui_test_find_row (GTK_WIDGET (page), "Separator")), 1);
  adw_combo_row_set_selected (ADW_COMBO_ROW (sg_gui_test_find_row (GTK_WIDGET (page), "Control groups")), 1);
  gtk_switch_set_active (GTK_SWITCH (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (sg_gui_test_find_row (GTK_WIDGET (page), "Made for Excel")))),
                         FALSE);
  gtk_check_button_set_active (sg_export_page_get_column_check (page, "name"), FALSE);
  gtk_check_button_set_active (sg_export_page_get_column_check (page, "email"), FALSE);
  gtk_check_button_set_active (country, FALSE);
  folder2 = g_file_new_for_path (dir2);
  sg_export_page_export_lists (page, folder2);
  g_assert_true (sg_gui_test_wait_until (page_idle_cb, page));
  g_assert_false (sg_export_page_get_last_failed (page));
  g_clear_pointer (&files, g_ptr_array_unref);
  files = csv_files (dir2);
  g_assert_cmpuint (files->len, ==, 1);
  {
    gsize length;
    g_autofree char *text = read_file (g_ptr_array_index (files, 0), &length);
    g_autoptr(GPtrArray) rows = sg_test_parse_csv (text, ';');
    const char *expected[] = { "customer_id", "segment", "persona", "objective", "control", NULL };

    g_assert_false (g_str_has_prefix (text, "\xef\xbb\xbf"));
    g_assert_true (g_strv_equal ((const char *const *) g_ptr_array_index (rows, 0), expected));
    g_assert_cmpuint (rows->len - 1, ==, total - control_rows);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  sg_gui_test_drain_main_loop ();
}

/* ---- JSON and the report ---- */

static void
test_json_and_report (void)
{
  g_autofree char *path = copy_demo ("export-json");
  g_autofree char *json_path = sg_test_tmp_path ("segments.json");
  g_autofree char *pdf_path = sg_test_tmp_path ("report.pdf");
  g_autofree char *cancelled_path = sg_test_tmp_path ("cancelled.pdf");
  g_autoptr(GError) error = NULL;
  g_autoptr(SgProject) project = NULL;
  g_autoptr(GFile) json_file = NULL;
  g_autoptr(GFile) pdf_file = NULL;
  g_autoptr(GFile) cancelled_file = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *pdf = NULL;
  JsonObject *root;
  JsonArray *segments;
  SgExportPage *page;
  SgWindow *window;
  gsize length;
  gint64 run_id;

  SG_GUI_TEST_REQUIRE_DISPLAY ();
  if (path == NULL)
    return;
  project = sg_project_open (path, &error);
  g_assert_no_error (error);
  run_id = make_run (project, 3);
  describe_segment (project, run_id);

  page = open_export_page (project, &window);
  g_assert_true (sg_gui_test_wait_until (page_idle_cb, page));

  json_file = g_file_new_for_path (json_path);
  sg_export_page_export_json (page, json_file);
  g_assert_true (sg_gui_test_wait_until (page_idle_cb, page));
  g_assert_false (sg_export_page_get_last_failed (page));
  g_assert_true (json_parser_load_from_file (parser, json_path, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "segmenta-run");
  segments = json_object_get_array_member (root, "segments");
  g_assert_cmpuint (json_array_get_length (segments), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_array_get_object_element (segments, 0),
                                                                                 "persona"),
                                                  "name"),
                   ==, DANGEROUS_NAME);

  pdf_file = g_file_new_for_path (pdf_path);
  sg_export_page_create_report (page, pdf_file);
  g_assert_true (sg_export_page_get_busy (page));
  g_assert_true (sg_gui_test_wait_until (page_idle_cb, page));
  g_assert_false (sg_export_page_get_last_failed (page));
  g_assert_nonnull (strstr (sg_export_page_get_last_message (page), "report.pdf"));
  pdf = read_file (pdf_path, &length);
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (pdf, "%PDF"));

  /* Cancel: said plainly, and counted as neither success nor failure. */
  cancelled_file = g_file_new_for_path (cancelled_path);
  sg_export_page_create_report (page, cancelled_file);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "export.cancel", NULL));
  g_assert_true (sg_gui_test_wait_until (page_idle_cb, page));
  g_assert_false (sg_export_page_get_last_failed (page));
  g_assert_cmpstr (sg_export_page_get_last_message (page), ==, "Export cancelled: nothing was written.");

  gtk_window_destroy (GTK_WINDOW (window));
  sg_gui_test_drain_main_loop ();
}

/* A folder that cannot be made: a clear failure, nothing written. */
static void
test_failure (void)
{
  g_autoptr(SgTestRun) run = sg_test_run_new ("export-failure", 300, 3);
  g_autofree char *blocker = sg_test_write_file ("not-a-folder", "a file where the folder should be\n", -1);
  g_autofree char *inside = g_build_filename (blocker, "lists", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (inside);
  SgExportPage *page;
  SgWindow *window;

  SG_GUI_TEST_REQUIRE_DISPLAY ();
  page = open_export_page (run->project, &window);
  g_assert_true (sg_gui_test_wait_until (page_idle_cb, page));
  sg_export_page_export_lists (page, folder);
  g_assert_true (sg_gui_test_wait_until (page_idle_cb, page));
  g_assert_true (sg_export_page_get_last_failed (page));
  g_assert_nonnull (strstr (sg_export_page_get_last_message (page), "No half-written file"));
  g_assert_false (g_file_test (inside, G_FILE_TEST_EXISTS));

  gtk_window_destroy (GTK_WINDOW (window));
  sg_gui_test_drain_main_loop ();
}

static void
test_no_run (void)
{
  g_autofree char *path = copy_demo ("export-no-run");
  GtkWidget *back, *lists;
  g_autoptr(GError) error = NULL;
  g_autoptr(SgProject) project = NULL;
  SgExportPage *page;
  SgWindow *window;

  SG_GUI_TEST_REQUIRE_DISPLAY ();
  if (path == NULL)
    return;
  project = sg_project_open (path, &error);
  g_assert_no_error (error);
  page = open_export_page (project, &window);
  g_assert_false (sg_export_page_get_ready (page));
  g_assert_false (sg_export_page_get_busy (page));
  /* Why not, and the way to the step that makes segments; the export buttons are not offered. */
  back = sg_gui_test_find_button (GTK_WIDGET (page), "Go to Segment");
  g_assert_nonnull (back);
  g_assert_true (gtk_widget_get_mapped (back));
  lists = sg_gui_test_find_button (GTK_WIDGET (page), "_Export Lists…");
  g_assert_nonnull (lists);
  g_assert_false (gtk_widget_get_mapped (lists));
  g_assert_false (gtk_widget_get_sensitive (lists));

  gtk_window_destroy (GTK_WINDOW (window));
  sg_gui_test_drain_main_loop ();
}

int
main (int    argc,
      char **argv)
{
  sg_gui_test_init (&argc, &argv);
  sg_gui_test_set_wait_seconds (180);

  g_test_add_func ("/export/lists", test_lists);
  g_test_add_func ("/export/json-and-report", test_json_and_report);
  g_test_add_func ("/export/failure", test_failure);
  g_test_add_func ("/export/no-run", test_no_run);

  return g_test_run ();
}
