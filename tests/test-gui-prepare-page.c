/* test-gui-prepare-page.c — the Prepare step on the demo project: columns recognised, customer features
 * built, what was left out said in words, a transform changed (and undone), the recipe applied, the
 * quality of every column shown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Needs a display (the GUI runner gives it a private Xvfb); skipped without one, or without the demo
 * project (`ninja -C build demo-project`).
 */
#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "sg-gui-test-util.h"
#include "sg-prepare-page.h"
#include "sg-recipe-choices.h"
#include "sg-session.h"
#include "sg-test-util.h"
#include "sg-window.h"

/* ---- helpers ---- */

static gboolean
has_label_containing (GtkWidget  *root,
                      const char *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_visible (root) &&
      strstr (gtk_label_get_label (GTK_LABEL (root)), text) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label_containing (child, text))
      return TRUE;
  return FALSE;
}

/* Every widget a user operates has a name a screen reader can say. */
static void
assert_controls_named (GtkWidget *root)
{
  if (gtk_widget_get_visible (root) &&
      (GTK_IS_SWITCH (root) || GTK_IS_DROP_DOWN (root) || GTK_IS_SPIN_BUTTON (root)))
    {
      g_autofree char *differs = NULL;

      if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_PROPERTY_LABEL))
        g_error ("A %s has no accessible name", G_OBJECT_TYPE_NAME (root));
      /* check_property returns NULL when the value matches: an empty name would */
      differs = gtk_test_accessible_check_property (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_PROPERTY_LABEL, "");
      g_assert_nonnull (differs);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    assert_controls_named (child);
}

static gint64
dataset_of_kind (SgSession  *session,
                 const char *kind)
{
  GPtrArray *datasets = sg_session_get_datasets (session);
  gint64 found = 0;

  for (guint i = 0; i < datasets->len; i++)
    {
      SgDatasetInfo *info = g_ptr_array_index (datasets, i);

      if (g_strcmp0 (info->kind, kind) == 0)
        found = info->id;   /* the newest */
    }
  return found;
}

static gint64
dataset_by_name (SgSession  *session,
                 const char *name)
{
  GPtrArray *datasets = sg_session_get_datasets (session);

  for (guint i = 0; i < datasets->len; i++)
    if (g_strcmp0 (((SgDatasetInfo *) g_ptr_array_index (datasets, i))->name, name) == 0)
      return ((SgDatasetInfo *) g_ptr_array_index (datasets, i))->id;
  return 0;
}

/* Distinct customers with at least one line of positive amount (price × quantity), counted here from
 * the purchases themselves. */
static guint
count_buyers (SgProject *project,
              gint64     transactions_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SgTable) table = sg_project_load_table (project, transactions_id, NULL, 0, &error);
  g_autoptr(GHashTable) buyers = g_hash_table_new (g_str_hash, g_str_equal);
  SgColumn *customer, *date, *price, *quantity;

  g_assert_no_error (error);
  customer = sg_table_get_column (table, sg_table_lookup_column (table, "customer_id"));
  date = sg_table_get_column (table, sg_table_lookup_column (table, "date"));
  price = sg_table_get_column (table, sg_table_lookup_column (table, "unit_price"));
  quantity = sg_table_get_column (table, sg_table_lookup_column (table, "quantity"));
  for (guint r = 0; r < sg_table_get_n_rows (table); r++)
    {
      double amount = sg_column_get_number (price, r) * sg_column_get_number (quantity, r);

      if (!sg_column_is_missing (customer, r) && !sg_column_is_missing (date, r) && amount > 0)
        g_hash_table_add (buyers, (gpointer) sg_column_get_string (customer, r));
    }
  return g_hash_table_size (buyers);
}

typedef struct {
  SgSession     *session;
  SgPreparePage *page;
  const char    *kind;
} Waiting;

static gboolean
has_dataset_of_kind_cb (gpointer data)
{
  Waiting *w = data;

  return dataset_of_kind (w->session, w->kind) != 0 && !sg_derive_panel_get_busy (sg_prepare_page_get_derive_panel (w->page)) &&
         !sg_recipe_editor_get_busy (sg_prepare_page_get_recipe_editor (w->page));
}

static gboolean
analysed_cb (gpointer data)
{
  SgPreparePage *page = data;

  return !sg_prepare_page_get_analysing (page) && sg_prepare_page_get_analysis (page) != NULL &&
         sg_prepare_page_get_analysis (page)->dataset_id == sg_prepare_page_get_working_id (page);
}

static gboolean
has_project_cb (gpointer data)
{
  return sg_window_has_project (data);
}

static SgWindow *
open_demo (void)
{
  static guint counter;
  g_autofree char *name = g_strdup_printf ("demo-%u.segmenta", counter++);
  g_autofree char *copy = sg_test_tmp_path (name);
  g_autoptr(GFile) target = NULL;
  SgWindow *window;

  if (!sg_test_copy_demo_project (copy))
    return NULL;
  target = g_file_new_for_path (copy);
  window = g_object_new (SG_TYPE_WINDOW, NULL);
  gtk_window_present (GTK_WINDOW (window));
  sg_gui_test_drain_main_loop ();
  sg_window_open_project (window, target);
  g_assert_true (sg_gui_test_wait_until (has_project_cb, window));
  sg_gui_test_drain_main_loop ();
  return window;
}

/* ---- the whole step on the demo project ---- */

static void
test_demo (void)
{
  SgWindow *window;
  SgSession *session;
  SgPreparePage *page;
  SgDerivePanel *panel;
  SgFeatureList *list;
  SgRecipeEditor *editor;
  SgQualityView *quality;
  const SgTransactionRoles *roles;
  SgColumnChoiceRow *row;
  SgColumnChoice choice;
  g_auto(GStrv) lines = NULL;
  gint64 transactions, derived, prepared;
  SgDatasetInfo *info;
  g_autoptr(GPtrArray) column_names = g_ptr_array_new_with_free_func (g_free);
  guint buyers, n_columns;
  Waiting waiting;

  SG_GUI_TEST_REQUIRE_DISPLAY ();
  window = open_demo ();
  if (window == NULL)
    {
      g_test_skip ("The demo project was not built");
      return;
    }
  session = sg_window_get_session (window);
  sg_window_show_step (window, "prepare");
  sg_gui_test_drain_main_loop ();
  page = SG_PREPARE_PAGE (sg_gui_test_find_widget (GTK_WIDGET (window), SG_TYPE_PREPARE_PAGE));
  g_assert_nonnull (page);
  g_assert_true (sg_prepare_page_get_ready (page));
  panel = sg_prepare_page_get_derive_panel (page);
  list = sg_prepare_page_get_feature_list (page);
  editor = sg_prepare_page_get_recipe_editor (page);
  quality = sg_prepare_page_get_quality_view (page);

  /* Purchases and no features yet: the page opens on building them. */
  g_assert_cmpstr (sg_prepare_page_get_section (page), ==, "derive");

  /* The purchases table and its columns are recognised from their names. */
  transactions = dataset_by_name (session, "transactions");
  g_assert_cmpint (sg_derive_panel_get_transactions_id (panel), ==, transactions);
  roles = sg_derive_panel_get_roles (panel);
  g_assert_cmpstr (roles->customer_id, ==, "customer_id");
  g_assert_cmpstr (roles->date, ==, "date");
  g_assert_null (roles->amount);
  g_assert_cmpstr (roles->unit_price, ==, "unit_price");
  g_assert_cmpstr (roles->quantity, ==, "quantity");
  g_assert_cmpstr (roles->order_id, ==, "invoice");
  g_assert_cmpstr (roles->category, ==, "category");
  g_assert_cmpstr (roles->channel, ==, "channel");
  /* … and the customer table, joined on its id */
  g_assert_cmpint (sg_derive_panel_get_customers_id (panel), ==, dataset_by_name (session, "customers"));
  g_assert_cmpstr (sg_derive_panel_get_join_column (panel), ==, "customer_id");
  g_assert_true (sg_derive_panel_can_build (panel));

  /* Build them through the page's action and wait. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "prepare.build-features", NULL));
  g_assert_true (sg_derive_panel_get_busy (panel));
  waiting = (Waiting) { session, page, "derived" };
  g_assert_true (sg_gui_test_wait_until (has_dataset_of_kind_cb, &waiting));
  derived = dataset_of_kind (session, "derived");
  info = sg_session_lookup_dataset (session, derived);
  buyers = count_buyers (sg_session_get_project (session), transactions);
  g_assert_cmpuint (buyers, >, 0);
  g_assert_cmpuint (info->n_rows, ==, buyers);
  /* (the session's dataset records are re-read after each change: keep what is needed) */
  n_columns = info->columns->len;
  for (guint c = 0; c < n_columns; c++)
    g_ptr_array_add (column_names, g_strdup (((SgColumnInfo *) g_ptr_array_index (info->columns, c))->name));
  g_assert_cmpint (sg_session_get_dataset_id (session), ==, derived);

  /* What was used and left out, in sentences on screen. */
  g_assert_cmpint (sg_derive_panel_get_shown_id (panel), ==, derived);
  lines = sg_derive_panel_dup_report_lines (panel);
  g_assert_cmpuint (g_strv_length (lines), >=, 3);
  g_assert_nonnull (strstr (lines[0], "transaction lines"));
  g_assert_nonnull (strstr (lines[0], "left out"));
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *text = g_strstrip (g_strdup (lines[i]));

      g_assert_true (has_label_containing (GTK_WIDGET (panel), text));
    }
  g_assert_true (has_label_containing (GTK_WIDGET (panel), "Customers without purchases"));

  /* The features are analysed in the background: a row per column, the suggested recipe. */
  g_assert_cmpint (sg_prepare_page_get_working_id (page), ==, derived);
  g_assert_true (sg_gui_test_wait_until (analysed_cb, page));
  sg_gui_test_drain_main_loop ();
  g_assert_cmpuint (sg_feature_list_get_n_rows (list), ==, n_columns);
  g_assert_cmpuint (sg_derive_panel_get_n_charts (panel), >=, 3);
  g_assert_nonnull (sg_recipe_editor_get_recipe (editor));
  g_assert_true (sg_recipe_editor_can_apply (editor));

  /* The advice puts spend on a log scale; the user prefers a robust scale, then changes their mind. */
  sg_prepare_page_show_section (page, "features");
  sg_gui_test_drain_main_loop ();
  row = sg_feature_list_get_row (list, "monetary");
  g_assert_nonnull (row);
  g_assert_true (sg_column_choice_row_get_choice (row)->included);
  g_assert_cmpint (sg_column_choice_row_get_choice (row)->transform, ==, SG_TRANSFORM_LOG);
  sg_column_choice_row_set_transform (row, SG_TRANSFORM_ROBUST);
  sg_gui_test_drain_main_loop ();
  sg_column_choice_init (&choice);
  sg_recipe_choices_get (sg_recipe_editor_get_recipe (editor), "monetary", SG_COLUMN_KIND_NUMBER, &choice);
  g_assert_cmpint (choice.transform, ==, SG_TRANSFORM_ROBUST);
  g_assert_true (sg_recipe_editor_can_undo (editor));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "recipe.undo", NULL));
  sg_gui_test_drain_main_loop ();
  sg_recipe_choices_get (sg_recipe_editor_get_recipe (editor), "monetary", SG_COLUMN_KIND_NUMBER, &choice);
  g_assert_cmpint (choice.transform, ==, SG_TRANSFORM_LOG);
  g_assert_cmpint (sg_column_choice_row_get_choice (row)->transform, ==, SG_TRANSFORM_LOG);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "recipe.redo", NULL));
  sg_gui_test_drain_main_loop ();
  sg_recipe_choices_get (sg_recipe_editor_get_recipe (editor), "monetary", SG_COLUMN_KIND_NUMBER, &choice);
  g_assert_cmpint (choice.transform, ==, SG_TRANSFORM_ROBUST);
  g_assert_cmpint (sg_column_choice_row_get_choice (row)->transform, ==, SG_TRANSFORM_ROBUST);
  sg_column_choice_clear (&choice);
  assert_controls_named (GTK_WIDGET (page));

  /* steps edited in the recipe itself: moved, removed, and back with undo */
  {
    guint n_steps = sg_recipe_editor_get_recipe (editor)->steps->len;
    g_autofree char *first = g_strdup (((SgRecipeStep *) g_ptr_array_index (sg_recipe_editor_get_recipe (editor)->steps, 0))->op);

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.move-down", "u", 0));
    g_assert_cmpstr (((SgRecipeStep *) g_ptr_array_index (sg_recipe_editor_get_recipe (editor)->steps, 1))->op, ==, first);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.remove-step", "u", 1));
    g_assert_cmpuint (sg_recipe_editor_get_recipe (editor)->steps->len, ==, n_steps - 1);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "recipe.undo", NULL));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "recipe.undo", NULL));
    g_assert_cmpuint (sg_recipe_editor_get_recipe (editor)->steps->len, ==, n_steps);
    g_assert_cmpstr (((SgRecipeStep *) g_ptr_array_index (sg_recipe_editor_get_recipe (editor)->steps, 0))->op, ==, first);
    sg_gui_test_drain_main_loop ();
  }

  /* Apply: a prepared dataset, now the current one; the raw data is untouched. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "recipe.apply", NULL));
  g_assert_true (sg_recipe_editor_get_busy (editor));
  waiting.kind = "prepared";
  g_assert_true (sg_gui_test_wait_until (has_dataset_of_kind_cb, &waiting));
  prepared = dataset_of_kind (session, "prepared");
  g_assert_cmpint (sg_session_get_dataset_id (session), ==, prepared);
  g_assert_cmpuint (sg_session_lookup_dataset (session, prepared)->n_rows, ==, buyers);
  g_assert_cmpuint (sg_session_lookup_dataset (session, derived)->columns->len, ==, n_columns);
  /* the page keeps working on the features it was prepared from, with the fitted recipe saved */
  sg_gui_test_drain_main_loop ();
  g_assert_cmpint (sg_prepare_page_get_working_id (page), ==, derived);
  g_assert_true (sg_recipe_is_fitted (sg_recipe_editor_get_recipe (editor)));
  g_assert_cmpuint (sg_recipe_editor_get_n_saved (editor), ==, 1);

  /* The data quality lists every column of the working dataset. */
  sg_prepare_page_show_section (page, "quality");
  sg_gui_test_drain_main_loop ();
  g_assert_cmpuint (sg_quality_view_get_n_columns (quality), ==, n_columns);
  for (guint c = 0; c < n_columns; c++)
    g_assert_nonnull (sg_quality_view_get_row (quality, g_ptr_array_index (column_names, c)));

  /* … and which of its customers have purchases: every one of them */
  sg_quality_view_set_compare_id (quality, transactions);
  g_assert_true (sg_prepare_page_get_analysing (page));
  g_assert_true (sg_gui_test_wait_until (analysed_cb, page));
  g_assert_true (sg_prepare_page_get_analysis (page)->quality->has_join);
  g_assert_cmpuint (sg_prepare_page_get_analysis (page)->quality->join_matched, ==, buyers);
  g_assert_cmpuint (sg_prepare_page_get_analysis (page)->quality->join_other_unmatched, ==, 0);
  g_assert_cmpuint (sg_quality_view_get_n_columns (quality), ==, n_columns);

  gtk_window_destroy (GTK_WINDOW (window));
  sg_gui_test_drain_main_loop ();
}

/* ---- shortcuts ---- */

/* The page's shortcuts are run by the window whatever has the focus (scope "managed"). */
static gboolean
has_managed_shortcut (GtkWidget  *widget,
                      const char *trigger,
                      const char *action)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller) ||
          gtk_shortcut_controller_get_scope (GTK_SHORTCUT_CONTROLLER (controller)) != GTK_SHORTCUT_SCOPE_MANAGED)
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          g_autofree char *keys = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));
          GtkShortcutAction *named = gtk_shortcut_get_action (shortcut);

          if (g_strcmp0 (keys, trigger) == 0 && GTK_IS_NAMED_ACTION (named) &&
              g_strcmp0 (gtk_named_action_get_action_name (GTK_NAMED_ACTION (named)), action) == 0)
            return TRUE;
        }
    }
  return FALSE;
}

static void
test_shortcuts (void)
{
  GtkWidget *page;

  SG_GUI_TEST_REQUIRE_DISPLAY ();
  page = g_object_ref_sink (g_object_new (SG_TYPE_PREPARE_PAGE, NULL));
  g_assert_true (has_managed_shortcut (page, "<Control>z", "recipe.undo"));
  g_assert_true (has_managed_shortcut (page, "<Shift><Control>z", "recipe.redo"));
  g_assert_true (has_managed_shortcut (page, "<Control>Return", "recipe.apply"));
  /* without a project there is nothing to undo or apply */
  g_assert_false (gtk_widget_activate_action (page, "recipe.undo", NULL) &&
                  sg_recipe_editor_can_undo (sg_prepare_page_get_recipe_editor (SG_PREPARE_PAGE (page))));
  g_assert_false (sg_prepare_page_get_ready (SG_PREPARE_PAGE (page)));
  g_object_unref (page);
}

/* ---- a saved recipe on new data ---- */

static gboolean
not_building_cb (gpointer data)
{
  SgPreparePage *page = data;

  return !sg_derive_panel_get_busy (sg_prepare_page_get_derive_panel (page)) &&
         !sg_recipe_editor_get_busy (sg_prepare_page_get_recipe_editor (page));
}

static guint
count_kind (SgSession  *session,
            const char *kind)
{
  GPtrArray *datasets = sg_session_get_datasets (session);
  guint n = 0;

  for (guint i = 0; i < datasets->len; i++)
    n += g_strcmp0 (((SgDatasetInfo *) g_ptr_array_index (datasets, i))->kind, kind) == 0;
  return n;
}

/* Features built twice (say, this month's and next month's): the recipe fitted on the first prepares
 * the second with the same learnt values. */
static void
test_saved_recipe (void)
{
  SgWindow *window;
  SgSession *session;
  SgPreparePage *page;
  SgRecipeEditor *editor;
  g_autoptr(SgRecipe) fitted = NULL;
  gint64 first, second, saved_id;

  SG_GUI_TEST_REQUIRE_DISPLAY ();
  window = open_demo ();
  if (window == NULL)
    {
      g_test_skip ("The demo project was not built");
      return;
    }
  session = sg_window_get_session (window);
  page = SG_PREPARE_PAGE (sg_gui_test_find_widget (GTK_WIDGET (window), SG_TYPE_PREPARE_PAGE));
  editor = sg_prepare_page_get_recipe_editor (page);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "prepare.build-features", NULL));
  g_assert_true (sg_gui_test_wait_until (not_building_cb, page));
  first = dataset_of_kind (session, "derived");
  g_assert_cmpint (first, !=, 0);
  g_assert_true (sg_gui_test_wait_until (analysed_cb, page));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "recipe.apply", NULL));
  g_assert_true (sg_gui_test_wait_until (not_building_cb, page));
  g_assert_cmpuint (count_kind (session, "prepared"), ==, 1);
  fitted = sg_recipe_copy (sg_recipe_editor_get_recipe (editor));
  saved_id = fitted->id;
  g_assert_cmpint (saved_id, >, 0);
  g_assert_true (sg_recipe_is_fitted (fitted));

  /* the second build is a new dataset; the page moves to it, with a fresh suggestion */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "prepare.build-features", NULL));
  g_assert_true (sg_gui_test_wait_until (not_building_cb, page));
  second = dataset_of_kind (session, "derived");
  g_assert_cmpint (second, !=, first);
  g_assert_cmpint (sg_prepare_page_get_working_id (page), ==, second);
  g_assert_true (sg_gui_test_wait_until (analysed_cb, page));
  g_assert_false (sg_recipe_is_fitted (sg_recipe_editor_get_recipe (editor)));

  /* use the saved one: in the editor as it was saved, undoable, then applied */
  g_assert_cmpuint (sg_recipe_editor_get_n_saved (editor), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.use-saved", "x", saved_id));
  sg_gui_test_drain_main_loop ();
  g_assert_true (sg_recipe_choices_recipes_equal (sg_recipe_editor_get_recipe (editor), fitted));
  g_assert_true (sg_recipe_editor_can_undo (editor));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "recipe.apply", NULL));
  g_assert_true (sg_gui_test_wait_until (not_building_cb, page));
  g_assert_cmpuint (count_kind (session, "prepared"), ==, 2);
  g_assert_cmpint (sg_prepare_page_source_dataset (sg_session_get_dataset (session)), ==, second);
  /* the learnt values were used as they were: the recipe is unchanged, and still the one saved */
  g_assert_true (sg_recipe_choices_recipes_equal (sg_recipe_editor_get_recipe (editor), fitted));
  g_assert_cmpuint (sg_recipe_editor_get_n_saved (editor), ==, 1);

  gtk_window_destroy (GTK_WINDOW (window));
  sg_gui_test_drain_main_loop ();
}

/* ---- cancelling ---- */

static gboolean
not_busy_cb (gpointer data)
{
  return !sg_derive_panel_get_busy (data);
}

static void
test_cancel_build (void)
{
  SgWindow *window;
  SgSession *session;
  SgPreparePage *page;
  SgDerivePanel *panel;
  guint n;

  SG_GUI_TEST_REQUIRE_DISPLAY ();
  window = open_demo ();
  if (window == NULL)
    {
      g_test_skip ("The demo project was not built");
      return;
    }
  session = sg_window_get_session (window);
  n = sg_session_get_n_datasets (session);
  page = SG_PREPARE_PAGE (sg_gui_test_find_widget (GTK_WIDGET (window), SG_TYPE_PREPARE_PAGE));
  panel = sg_prepare_page_get_derive_panel (page);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "prepare.build-features", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "prepare.cancel-build", NULL));
  g_assert_true (sg_gui_test_wait_until (not_busy_cb, panel));
  sg_gui_test_drain_main_loop ();
  /* cancelled before it could finish: nothing stored (it may also have finished first) */
  g_assert_cmpuint (sg_session_get_n_datasets (session), <=, n + 1);
  if (sg_session_get_n_datasets (session) == n)
    g_assert_cmpint (dataset_of_kind (session, "derived"), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  sg_gui_test_drain_main_loop ();
}

/* ---- a prepared dataset opens on its source ---- */

static void
test_source_dataset (void)
{
  SgDatasetInfo info = { 0 };

  info.id = 7;
  info.kind = (char *) "prepared";
  info.report = (char *) "{\"prepared_from\": 3, \"recipe_id\": 1}";
  g_assert_cmpint (sg_prepare_page_source_dataset (&info), ==, 3);
  info.report = (char *) "not json";
  g_assert_cmpint (sg_prepare_page_source_dataset (&info), ==, 7);
  info.kind = (char *) "derived";
  info.report = (char *) "{\"prepared_from\": 3}";
  g_assert_cmpint (sg_prepare_page_source_dataset (&info), ==, 7);
}

int
main (int    argc,
      char **argv)
{
  sg_gui_test_init (&argc, &argv);

  g_test_add_func ("/prepare-page/source-dataset", test_source_dataset);
  g_test_add_func ("/prepare-page/shortcuts", test_shortcuts);
  g_test_add_func ("/prepare-page/demo", test_demo);
  g_test_add_func ("/prepare-page/saved-recipe", test_saved_recipe);
  g_test_add_func ("/prepare-page/cancel-build", test_cancel_build);

  return g_test_run ();
}
