/* test-gui-window.c — a Segmenta window on a project: the data view, the steps, importing, recent projects
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Needs a display (build-aux/dev test runs the suite under Xvfb); skipped without one.
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "sg-data-page.h"
#include "sg-gui-test-util.h"
#include "sg-importer.h"
#include "sg-import-dialog.h"
#include "sg-recent-projects.h"
#include "sg-row-model.h"
#include "sg-session.h"
#include "sg-test-util.h"
#include "sg-window.h"

#define N_CUSTOMERS 1500
#define N_ORDERS 240

/* ---- helpers ---- */

static char *
new_project_path (const char *name)
{
  static guint counter;
  g_autofree char *file = g_strdup_printf ("%s-%u.segmenta", name, counter++);

  return sg_test_tmp_path (file);
}

/* A project with two datasets: customers (with missing ages) and orders. */
static SgProject *
make_project (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SgProject) project = sg_project_create (path, &error);
  g_autoptr(SgTable) customers = sg_table_new ("customers");
  g_autoptr(SgTable) orders = sg_table_new ("orders");
  SgColumn *id = sg_table_add_column (customers, "customer_id", SG_COLUMN_IDENTIFIER);
  SgColumn *age = sg_table_add_column (customers, "age", SG_COLUMN_INTEGER);
  SgColumn *country = sg_table_add_column (customers, "country", SG_COLUMN_CATEGORICAL);
  SgColumn *order = sg_table_add_column (orders, "invoice", SG_COLUMN_IDENTIFIER);
  SgColumn *amount = sg_table_add_column (orders, "amount", SG_COLUMN_DECIMAL);
  SgImportRejection rejections[2];
  SgImportReport *report;
  g_autofree char *report_json = NULL;

  g_assert_no_error (error);
  for (guint i = 0; i < N_CUSTOMERS; i++)
    {
      g_autofree char *text = g_strdup_printf ("C%04u", i + 1);

      sg_column_append_string (id, text);
      if (i % 50 == 0)
        sg_column_append_missing (age);
      else
        sg_column_append_number (age, 18 + i % 60);
      sg_column_append_string (country, i % 3 == 0 ? "France" : "Spain");
    }
  for (guint i = 0; i < N_ORDERS; i++)
    {
      g_autofree char *text = g_strdup_printf ("INV%05u", i + 1);

      sg_column_append_string (order, text);
      sg_column_append_number (amount, 10.25 * (i + 1));
    }
  /* As an import would have left it: two rows could not be read. */
  report = g_new0 (SgImportReport, 1);
  report->file = g_strdup ("customers.csv");
  report->rows_read = N_CUSTOMERS + 2;
  report->rows_stored = N_CUSTOMERS;
  report->rows_rejected = 2;
  report->rejections = g_ptr_array_new ();
  rejections[0].line = 17;
  rejections[0].reason = (char *) "expected 3 fields, found 2";
  rejections[1].line = 230;
  rejections[1].reason = (char *) "“abc” in column age is not a whole number";
  g_ptr_array_add (report->rejections, &rejections[0]);
  g_ptr_array_add (report->rejections, &rejections[1]);
  report->warnings = g_ptr_array_new ();
  g_ptr_array_add (report->warnings, (char *) "The file was read as Windows-1252.");
  report_json = sg_import_report_to_json (report);
  g_ptr_array_unref (report->rejections);
  report->rejections = NULL;
  g_ptr_array_unref (report->warnings);
  report->warnings = NULL;
  g_clear_pointer (&report, sg_import_report_free);

  g_assert_cmpint (sg_project_store_table (project, customers, "imported", "customers.csv", report_json, &error),
                   >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (sg_project_store_table (project, orders, "imported", "orders.csv", NULL, &error), >, 0);
  g_assert_no_error (error);
  return g_steal_pointer (&project);
}

static SgWindow *
new_window (void)
{
  SgWindow *window = g_object_new (SG_TYPE_WINDOW, NULL);

  gtk_window_present (GTK_WINDOW (window));
  sg_gui_test_drain_main_loop ();
  return window;
}

static gint64
dataset_id_by_name (SgSession  *session,
                    const char *name)
{
  GPtrArray *datasets = sg_session_get_datasets (session);

  for (guint i = 0; i < datasets->len; i++)
    {
      SgDatasetInfo *info = g_ptr_array_index (datasets, i);

      if (g_strcmp0 (info->name, name) == 0)
        return info->id;
    }
  return 0;
}

/* ---- the data view ---- */

static gboolean
label_shown_cb (gpointer data)
{
  gpointer *args = data;

  return sg_gui_test_label_shown (args[0], args[1]);
}

static void
test_data_view (void)
{
  g_autofree char *path = new_project_path ("smoke");
  g_autoptr(SgProject) project = make_project (path);
  SgWindow *window;
  SgDataPage *page;
  SgSession *session;
  GtkColumnView *view;
  GListModel *columns;
  SgRowModel *model;
  g_autofree char *title = NULL;
  g_autofree char *age_title = NULL;
  gpointer args[2];

  SG_GUI_TEST_REQUIRE_DISPLAY ();
  window = new_window ();

  sg_window_set_project (window, project);
  sg_gui_test_drain_main_loop ();
  g_assert_true (sg_window_has_project (window));
  session = sg_window_get_session (window);
  g_assert_cmpuint (sg_session_get_n_datasets (session), ==, 2);

  /* The project's name is in the window title. */
  title = sg_session_dup_title (session);
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), title));

  page = SG_DATA_PAGE (sg_gui_test_find_widget (GTK_WIDGET (window), SG_TYPE_DATA_PAGE));
  g_assert_nonnull (page);

  /* The first dataset shows first: customers; then the user picks orders and back. */
  model = sg_data_page_get_row_model (page);
  g_assert_nonnull (model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_CUSTOMERS);
  sg_session_set_dataset_id (session, dataset_id_by_name (session, "orders"));
  sg_gui_test_drain_main_loop ();
  model = sg_data_page_get_row_model (page);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_ORDERS);
  g_assert_cmpuint (sg_row_model_get_n_columns (model), ==, 2);

  sg_session_set_dataset_id (session, dataset_id_by_name (session, "customers"));
  sg_gui_test_drain_main_loop ();
  model = sg_data_page_get_row_model (page);
  view = sg_data_page_get_column_view (page);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_CUSTOMERS);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (view))), ==, N_CUSTOMERS);

  /* A row-number column, then one per dataset column, headed by name, kind and missing count. */
  columns = gtk_column_view_get_columns (view);
  g_assert_cmpuint (g_list_model_get_n_items (columns), ==, 1 + 3);
  for (guint c = 1; c < 4; c++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, c);
      const SgColumnInfo *info = sg_row_model_get_column_info (model, c - 1);
      const char *header = gtk_column_view_column_get_title (column);

      g_assert_true (g_str_has_prefix (header, info->name));
      g_assert_nonnull (strstr (header, sg_column_type_get_label (info->type)));
    }
  {
    g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, 2);
    age_title = g_strdup (gtk_column_view_column_get_title (column));
  }
  g_assert_nonnull (strstr (age_title, "Whole number"));
  g_assert_nonnull (strstr (age_title, "30 missing"));

  /* The import report, in words. */
  g_assert_true (sg_gui_test_label_shown (GTK_WIDGET (page), "2 rows of 1502 in the file could not be read and were left out.\n"
                                                            "The file was read as Windows-1252."));

  /* Cells are bound from the project: the first customer's id is on screen. */
  args[0] = view;
  args[1] = (gpointer) "C0001";
  g_assert_true (sg_gui_test_wait_until (label_shown_cb, args));

  gtk_window_destroy (GTK_WINDOW (window));
  sg_gui_test_drain_main_loop ();
}

static void
test_steps (void)
{
  g_autofree char *path = new_project_path ("steps");
  g_autoptr(SgProject) project = make_project (path);
  SgWindow *window;
  AdwViewStack *stack;
  GtkWidget *prepare_back;

  SG_GUI_TEST_REQUIRE_DISPLAY ();
  window = new_window ();

  /* Without a project the steps are not offered. */
  g_assert_false (sg_window_has_project (window));

  sg_window_set_project (window, project);
  sg_gui_test_drain_main_loop ();
  stack = ADW_VIEW_STACK (sg_gui_test_find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "data");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (adw_view_stack_get_pages (stack))), ==, 6);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-step", "s", "segments"));
  sg_gui_test_drain_main_loop ();
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "segments");

  /* Segments cannot be used before a segmentation ran: the page points back to Segment. */
  g_assert_nonnull (sg_gui_test_find_button (adw_view_stack_get_visible_child (stack), "Go to Segment"));
  g_assert_true (gtk_widget_get_visible (sg_gui_test_find_button (adw_view_stack_get_visible_child (stack), "Go to Segment")));

  /* Prepare can: its way back is hidden. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-step", "s", "prepare"));
  sg_gui_test_drain_main_loop ();
  prepare_back = sg_gui_test_find_button (adw_view_stack_get_visible_child (stack), "Go to Data");
  g_assert_nonnull (prepare_back);
  g_assert_false (gtk_widget_get_visible (prepare_back));

  gtk_window_destroy (GTK_WINDOW (window));
  sg_gui_test_drain_main_loop ();
}

/* The window comes back at the size it was closed with. */
static void
test_window_state (void)
{
  g_autoptr(GSettings) settings = g_settings_new (SG_SETTINGS_SCHEMA_ID);
  SgWindow *window;
  int width, height;

  SG_GUI_TEST_REQUIRE_DISPLAY ();
  g_settings_set_int (settings, "window-width", 900);
  g_settings_set_int (settings, "window-height", 600);
  g_settings_set_boolean (settings, "window-maximized", FALSE);

  window = new_window ();
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 600);
  g_assert_false (gtk_window_is_maximized (GTK_WINDOW (window)));

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  sg_gui_test_drain_main_loop ();
  gtk_window_close (GTK_WINDOW (window));
  sg_gui_test_drain_main_loop ();
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1000);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 700);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
}

/* ---- importing ---- */

typedef struct {
  gint64   dataset_id;
  char    *summary;
  gboolean destroyed;
} ImportResult;

static void
imported_cb (SgImportDialog *dialog,
             gint64          dataset_id,
             const char     *summary,
             ImportResult   *result)
{
  result->dataset_id = dataset_id;
  result->summary = g_strdup (summary);
}

static void
dialog_destroyed_cb (GtkWidget    *dialog,
                     ImportResult *result)
{
  result->destroyed = TRUE;
}

static gboolean
sensitive_cb (gpointer data)
{
  return gtk_widget_get_sensitive (data);
}

static gboolean
destroyed_cb (gpointer data)
{
  return ((ImportResult *) data)->destroyed;
}

static void
test_import (void)
{
  g_autofree char *path = new_project_path ("import");
  g_autoptr(GError) error = NULL;
  g_autoptr(SgProject) project = sg_project_create (path, &error);
  g_autofree char *csv = sg_test_write_file ("members.csv",
                                             "member,visits,spend\n"
                                             "M1,3,10.5\n"
                                             "M2,1,4.25\n"
                                             "M3,7,\n"
                                             "M4,2,8\n", -1);
  g_autoptr(GFile) file = g_file_new_for_path (csv);
  ImportResult result = { 0 };
  SgWindow *window;
  SgSession *session;
  SgDataPage *page;
  GtkWidget *dialog;
  GtkWidget *import_button;

  SG_GUI_TEST_REQUIRE_DISPLAY ();
  window = new_window ();

  g_assert_no_error (error);
  sg_window_set_project (window, project);
  session = sg_window_get_session (window);
  g_assert_cmpuint (sg_session_get_n_datasets (session), ==, 0);

  dialog = sg_import_dialog_new (GTK_WINDOW (window), session, file);
  g_signal_connect (dialog, "imported", G_CALLBACK (imported_cb), &result);
  g_signal_connect (dialog, "destroy", G_CALLBACK (dialog_destroyed_cb), &result);
  gtk_window_present (GTK_WINDOW (dialog));

  /* The preview is read on a worker; Import becomes available when it is shown. */
  import_button = sg_gui_test_find_button (dialog, "_Import");
  g_assert_nonnull (import_button);
  g_assert_true (sg_gui_test_wait_until (sensitive_cb, import_button));
  g_assert_true (sg_gui_test_label_shown (dialog, "visits"));

  /* What a screen reader says: "Import", not "_Import Import"; each column's kind is named after it. */
  g_assert_null (gtk_test_accessible_check_property (GTK_ACCESSIBLE (import_button),
                                                     GTK_ACCESSIBLE_PROPERTY_LABEL, "Import"));
  {
    GtkWidget *kind = sg_gui_test_find_widget (dialog, GTK_TYPE_DROP_DOWN);
    GtkWidget *inner = gtk_widget_get_first_child (kind);

    g_assert_nonnull (kind);
    g_assert_null (gtk_test_accessible_check_property (GTK_ACCESSIBLE (kind), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                       "Kind of values in “member”"));
    g_assert_true (GTK_IS_TOGGLE_BUTTON (inner));
    g_assert_null (gtk_test_accessible_check_property (GTK_ACCESSIBLE (inner), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                       "Kind of values in “member”"));
  }

  g_signal_emit_by_name (import_button, "clicked");
  g_assert_true (sg_gui_test_wait_until (destroyed_cb, &result));
  g_assert_cmpint (result.dataset_id, >, 0);
  g_assert_nonnull (result.summary);
  g_assert_nonnull (strstr (result.summary, "4"));

  /* The dataset is in the project, and the data view shows it once the window hears of it. */
  g_assert_true (sg_session_reload (session, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sg_session_get_n_datasets (session), ==, 1);
  sg_session_set_dataset_id (session, result.dataset_id);
  sg_gui_test_drain_main_loop ();
  page = SG_DATA_PAGE (sg_gui_test_find_widget (GTK_WIDGET (window), SG_TYPE_DATA_PAGE));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (sg_data_page_get_row_model (page))), ==, 4);
  g_assert_cmpuint (sg_row_model_get_n_columns (sg_data_page_get_row_model (page)), ==, 3);

  g_free (result.summary);
  gtk_window_destroy (GTK_WINDOW (window));
  sg_gui_test_drain_main_loop ();
}

/* Dates that read both ways: the dialog asks for the order instead of importing a guess. */
static void
test_import_ambiguous_dates (void)
{
  g_autofree char *path = new_project_path ("dates");
  g_autoptr(GError) error = NULL;
  g_autoptr(SgProject) project = sg_project_create (path, &error);
  g_autofree char *csv = sg_test_write_file ("visits.csv",
                                             "member,last_visit\n"
                                             "M1,03/04/2024\n"
                                             "M2,05/06/2024\n"
                                             "M3,01/02/2023\n"
                                             "M4,11/12/2024\n", -1);
  g_autoptr(GFile) file = g_file_new_for_path (csv);
  ImportResult result = { 0 };
  SgWindow *window;
  GtkWidget *dialog;
  GtkWidget *import_button;
  GtkWidget *date_row;

  SG_GUI_TEST_REQUIRE_DISPLAY ();
  window = new_window ();
  g_assert_no_error (error);
  sg_window_set_project (window, project);

  dialog = sg_import_dialog_new (GTK_WINDOW (window), sg_window_get_session (window), file);
  g_signal_connect (dialog, "imported", G_CALLBACK (imported_cb), &result);
  g_signal_connect (dialog, "destroy", G_CALLBACK (dialog_destroyed_cb), &result);
  gtk_window_present (GTK_WINDOW (dialog));
  import_button = sg_gui_test_find_button (dialog, "_Import");
  g_assert_true (sg_gui_test_wait_until (sensitive_cb, import_button));

  /* Not imported: the date order is asked for. */
  g_signal_emit_by_name (import_button, "clicked");
  sg_gui_test_drain_main_loop ();
  g_assert_true (gtk_widget_get_sensitive (import_button));
  g_assert_false (result.destroyed);
  g_assert_cmpint (result.dataset_id, ==, 0);

  /* Day first: the preview is read again, then the import goes through. */
  date_row = sg_gui_test_find_row (dialog, "Dates are written");
  g_assert_nonnull (date_row);
  adw_combo_row_set_selected (ADW_COMBO_ROW (date_row), 1);
  g_assert_false (gtk_widget_get_sensitive (import_button));
  g_assert_true (sg_gui_test_wait_until (sensitive_cb, import_button));
  g_signal_emit_by_name (import_button, "clicked");
  g_assert_true (sg_gui_test_wait_until (destroyed_cb, &result));
  g_assert_cmpint (result.dataset_id, >, 0);
  g_free (result.summary);

  gtk_window_destroy (GTK_WINDOW (window));
  sg_gui_test_drain_main_loop ();
}

/* A file big enough that its import is still running when it is cancelled. */
static char *
write_big_csv (void)
{
  g_autoptr(GString) text = g_string_new ("customer,visits,spend\n");

  for (guint i = 0; i < 200000; i++)
    g_string_append_printf (text, "C%06u,%u,%u.5\n", i, i % 17, i % 1000);
  return sg_test_write_file ("big.csv", text->str, text->len);
}

/* Cancelling keeps the dialog open on its settings, says so, and imports nothing. "Close" while importing
 * cancels first, then closes. */
static void
test_import_cancel (void)
{
  g_autofree char *path = new_project_path ("cancel");
  g_autoptr(GError) error = NULL;
  g_autoptr(SgProject) project = sg_project_create (path, &error);
  g_autofree char *csv = write_big_csv ();
  g_autoptr(GFile) file = g_file_new_for_path (csv);
  ImportResult result = { 0 };
  SgWindow *window;
  GtkWidget *dialog;
  GtkWidget *import_button;
  GtkWidget *stop_button;

  SG_GUI_TEST_REQUIRE_DISPLAY ();
  window = new_window ();
  g_assert_no_error (error);
  sg_window_set_project (window, project);

  dialog = sg_import_dialog_new (GTK_WINDOW (window), sg_window_get_session (window), file);
  g_signal_connect (dialog, "imported", G_CALLBACK (imported_cb), &result);
  g_signal_connect (dialog, "destroy", G_CALLBACK (dialog_destroyed_cb), &result);
  gtk_window_present (GTK_WINDOW (dialog));
  import_button = sg_gui_test_find_button (dialog, "_Import");
  stop_button = sg_gui_test_find_button (dialog, "_Cancel Import");
  g_assert_nonnull (stop_button);
  g_assert_true (sg_gui_test_wait_until (sensitive_cb, import_button));

  g_signal_emit_by_name (import_button, "clicked");
  g_assert_false (gtk_widget_get_sensitive (import_button));
  g_signal_emit_by_name (stop_button, "clicked");
  g_assert_true (sg_gui_test_wait_until (sensitive_cb, import_button));
  g_assert_cmpint (result.dataset_id, ==, 0);
  g_assert_false (result.destroyed);
  g_assert_true (gtk_widget_get_mapped (import_button));

  /* Again, and close the dialog instead. */
  g_signal_emit_by_name (import_button, "clicked");
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (sg_gui_test_wait_until (destroyed_cb, &result));
  g_assert_cmpint (result.dataset_id, ==, 0);
  g_assert_null (result.summary);

  gtk_window_destroy (GTK_WINDOW (window));
  sg_gui_test_drain_main_loop ();
}

/* ---- recent projects ---- */

static void
test_recent_list (void)
{
  const char *start[] = { "/a.segmenta", "/b.segmenta", "/c.segmenta", NULL };
  g_auto(GStrv) added = sg_recent_list_add (start, "/b.segmenta", 10);
  g_auto(GStrv) capped = sg_recent_list_add (start, "/d.segmenta", 3);
  g_auto(GStrv) removed = NULL;
  gboolean was_there;
  const char *want_added[] = { "/b.segmenta", "/a.segmenta", "/c.segmenta", NULL };
  const char *want_capped[] = { "/d.segmenta", "/a.segmenta", "/b.segmenta", NULL };
  const char *want_removed[] = { "/a.segmenta", "/c.segmenta", NULL };

  g_assert_true (g_strv_equal ((const char *const *) added, want_added));
  g_assert_true (g_strv_equal ((const char *const *) capped, want_capped));

  removed = sg_recent_list_remove (start, "/b.segmenta", &was_there);
  g_assert_true (was_there);
  g_assert_true (g_strv_equal ((const char *const *) removed, want_removed));
  g_clear_pointer (&removed, g_strfreev);
  removed = sg_recent_list_remove (start, "/z.segmenta", &was_there);
  g_assert_false (was_there);
  g_assert_true (g_strv_equal ((const char *const *) removed, start));
}

/* Answers a message dialog the way a user does: with its button (which also closes it). */
static void
answer (AdwMessageDialog *message,
        const char       *button_label)
{
  GtkWidget *button = sg_gui_test_find_button (GTK_WIDGET (message), button_label);

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  sg_gui_test_drain_main_loop ();
}

static gboolean
has_project_cb (gpointer data)
{
  return sg_window_has_project (data);
}

static void
test_recent_vanished (void)
{
  g_autoptr(GSettings) settings = g_settings_new (SG_SETTINGS_SCHEMA_ID);
  g_autofree char *kept = new_project_path ("kept");
  g_autofree char *gone = new_project_path ("gone");
  g_autoptr(SgProject) project = make_project (kept);
  g_autoptr(GFile) gone_file = g_file_new_for_path (gone);
  g_autoptr(GFile) kept_file = g_file_new_for_path (kept);
  g_autofree char *gone_name = g_path_get_basename (gone);
  g_auto(GStrv) after = NULL;
  SgWindow *window;
  AdwMessageDialog *message;
  const char *recent[] = { gone, kept, NULL };

  SG_GUI_TEST_REQUIRE_DISPLAY ();

  g_clear_object (&project);
  g_settings_set_strv (settings, SG_RECENT_PROJECTS_KEY, recent);
  window = new_window ();

  /* A project that vanished: one clear message, and it leaves the list; the others stay. */
  sg_window_open_project (window, gone_file);
  sg_gui_test_drain_main_loop ();
  message = sg_gui_test_find_message ("Project Not Found");
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (message), gone_name));
  g_assert_false (sg_window_has_project (window));
  after = sg_recent_projects_get (settings);
  g_assert_false (g_strv_contains ((const char *const *) after, gone));
  g_assert_true (g_strv_contains ((const char *const *) after, kept));
  answer (message, "_Close");

  /* The one still there opens (on a worker) and moves to the top. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-recent", "s", kept));
  g_assert_true (sg_gui_test_wait_until (has_project_cb, window));
  g_assert_true (sg_window_is_showing (window, kept_file));
  g_clear_pointer (&after, g_strfreev);
  after = sg_recent_projects_get (settings);
  g_assert_cmpstr (after[0], ==, kept);

  gtk_window_destroy (GTK_WINDOW (window));
  sg_gui_test_drain_main_loop ();
}

static void
test_open_not_a_project (void)
{
  g_autofree char *path = sg_test_write_file ("notes.segmenta", "just some text, not a project\n", -1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *before = sg_test_file_checksum (path);
  g_autofree char *after = NULL;
  SgWindow *window;
  AdwMessageDialog *message = NULL;
  g_autofree char *heading = g_strdup_printf ("Could Not Open “%s”", "notes.segmenta");

  SG_GUI_TEST_REQUIRE_DISPLAY ();
  window = new_window ();

  sg_window_open_project (window, file);
  for (int i = 0; i < 60000 && message == NULL; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
      message = sg_gui_test_find_message (heading);
    }
  g_assert_nonnull (message);
  g_assert_false (sg_window_has_project (window));
  after = sg_test_file_checksum (path);
  g_assert_cmpstr (before, ==, after);
  answer (message, "_Close");

  gtk_window_destroy (GTK_WINDOW (window));
  sg_gui_test_drain_main_loop ();
}

/* ---- drag and drop ---- */

static gboolean
drop_files (SgWindow *window,
            GFile    *file)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  GSList *list = g_slist_prepend (NULL, file);
  GdkFileList *files = gdk_file_list_new_from_list (list);
  GValue value = G_VALUE_INIT;
  gboolean handled = FALSE;

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, files);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        g_signal_emit_by_name (controller, "drop", &value, 10.0, 10.0, &handled);
    }
  g_value_unset (&value);
  g_slist_free (list);
  return handled;
}

static SgImportDialog *
find_import_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (SG_IS_IMPORT_DIALOG (window))
        return SG_IMPORT_DIALOG (window);
    }
  return NULL;
}

static void
test_drop (void)
{
  g_autofree char *path = new_project_path ("drop");
  g_autoptr(SgProject) project = make_project (path);
  g_autofree char *csv = sg_test_write_file ("dropped.csv", "a,b\n1,2\n", -1);
  g_autoptr(GFile) csv_file = g_file_new_for_path (csv);
  g_autoptr(GFile) project_file = g_file_new_for_path (path);
  SgWindow *window;
  AdwMessageDialog *message;
  SgImportDialog *dialog;

  SG_GUI_TEST_REQUIRE_DISPLAY ();
  window = new_window ();
  g_clear_object (&project);

  /* A CSV file dropped on a window without a project: first a project to put it in. */
  g_assert_true (drop_files (window, csv_file));
  sg_gui_test_drain_main_loop ();
  message = sg_gui_test_find_message ("Choose a Project for This Data");
  g_assert_nonnull (message);
  g_assert_null (find_import_dialog ());
  answer (message, "_Cancel");
  g_assert_null (sg_gui_test_find_message ("Choose a Project for This Data"));

  /* Asked again, the user drops a project instead of answering: it opens, the question goes away, and
   * the waiting file is imported into it. */
  g_assert_true (drop_files (window, csv_file));
  sg_gui_test_drain_main_loop ();
  g_assert_nonnull (sg_gui_test_find_message ("Choose a Project for This Data"));
  g_assert_true (drop_files (window, project_file));
  g_assert_true (sg_gui_test_wait_until (has_project_cb, window));
  g_assert_true (sg_window_is_showing (window, project_file));
  sg_gui_test_drain_main_loop ();
  g_assert_null (sg_gui_test_find_message ("Choose a Project for This Data"));
  dialog = find_import_dialog ();
  g_assert_nonnull (dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));
  sg_gui_test_drain_main_loop ();
  /* Nothing else was waiting. */
  g_assert_null (find_import_dialog ());

  /* With a project, a dropped CSV file goes straight to the import dialog. */
  g_assert_true (drop_files (window, csv_file));
  sg_gui_test_drain_main_loop ();
  dialog = find_import_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  gtk_window_destroy (GTK_WINDOW (dialog));

  gtk_window_destroy (GTK_WINDOW (window));
  sg_gui_test_drain_main_loop ();
}

/* ---- the demo project ---- */

/* The project `build-aux/dev run` opens: built by segmenta-cli from data/demo's CSV files. */
static void
test_demo_project (void)
{
  g_autofree char *copy = new_project_path ("demo");
  g_autoptr(GFile) target = NULL;
  SgWindow *window;
  SgSession *session;
  SgDataPage *page;

  SG_GUI_TEST_REQUIRE_DISPLAY ();
  /* A copy: opening may write to the file. */
  if (!sg_test_copy_demo_project (copy))
    {
      g_test_skip ("The demo project was not built");
      return;
    }
  target = g_file_new_for_path (copy);

  window = new_window ();
  sg_window_open_project (window, target);
  g_assert_true (sg_gui_test_wait_until (has_project_cb, window));
  session = sg_window_get_session (window);
  g_assert_cmpuint (sg_session_get_n_datasets (session), ==, 2);
  g_assert_cmpint (dataset_id_by_name (session, "customers"), >, 0);
  g_assert_cmpint (dataset_id_by_name (session, "transactions"), >, 0);

  /* It opens on the customers: 2,000 of them, the first one on screen. */
  sg_gui_test_drain_main_loop ();
  page = SG_DATA_PAGE (sg_gui_test_find_widget (GTK_WIDGET (window), SG_TYPE_DATA_PAGE));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (sg_data_page_get_row_model (page))), ==, 2000);
  {
    gpointer args[2] = { sg_data_page_get_column_view (page), (gpointer) "C00001" };

    g_assert_true (sg_gui_test_wait_until (label_shown_cb, args));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  sg_gui_test_drain_main_loop ();
}

int
main (int    argc,
      char **argv)
{
  sg_gui_test_init (&argc, &argv);
  sg_gui_test_set_wait_seconds (60);

  /* The list logic needs no display. */
  g_test_add_func ("/window/recent-list", test_recent_list);
  g_test_add_func ("/window/data-view", test_data_view);
  g_test_add_func ("/window/steps", test_steps);
  g_test_add_func ("/window/state", test_window_state);
  g_test_add_func ("/window/import", test_import);
  g_test_add_func ("/window/import-cancel", test_import_cancel);
  g_test_add_func ("/window/import-ambiguous-dates", test_import_ambiguous_dates);
  g_test_add_func ("/window/recent-vanished", test_recent_vanished);
  g_test_add_func ("/window/open-not-a-project", test_open_not_a_project);
  g_test_add_func ("/window/demo-project", test_demo_project);
  g_test_add_func ("/window/drop", test_drop);

  return g_test_run ();
}
