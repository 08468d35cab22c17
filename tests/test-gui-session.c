/* test-gui-session.c — the window's view of the project: datasets, runs, the current run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sg-session.h"
#include "sg-test-util.h"

static gint64
store_run (SgProject *project,
           gint64     dataset,
           const char *name)
{
  g_autoptr(GError) error = NULL;
  gint32 labels[4] = { 0, 1, 0, 1 };
  SgRunInfo info = { 0, dataset, (char *) name, "kmeans", 2, NULL, NULL, NULL, 4, 0, NULL };
  gint64 id = sg_project_store_run (project, &info, labels, 4, &error);

  g_assert_no_error (error);
  return id;
}

static void
count_notify (GObject *object, GParamSpec *pspec, gpointer user_data)
{
  (*(guint *) user_data)++;
}

static void
test_current_run_follows_new_runs (void)
{
  g_autofree char *path = sg_test_tmp_path ("session.segmenta");
  g_autoptr(GError) error = NULL;
  g_autoptr(SgProject) project = sg_project_create (path, &error);
  g_autoptr(SgTable) table = sg_table_new ("customers");
  g_autoptr(SgSession) session = NULL;
  SgColumn *spend = sg_table_add_column (table, "spend", SG_COLUMN_DECIMAL);
  gint64 dataset, first, second;
  guint notified = 0;

  for (guint i = 0; i < 4; i++)
    sg_column_append_number (spend, i);
  dataset = sg_project_store_table (project, table, NULL, NULL, NULL, &error);
  session = sg_session_new (project);
  g_signal_connect (session, "notify::run-id", G_CALLBACK (count_notify), &notified);
  g_assert_cmpint (sg_session_get_run_id (session), ==, 0);
  g_assert_null (sg_session_get_run (session));

  first = store_run (project, dataset, "First");
  g_assert_true (sg_session_reload (session, &error));
  g_assert_cmpint (sg_session_get_run_id (session), ==, first);
  g_assert_cmpuint (notified, ==, 1);

  second = store_run (project, dataset, "Second");
  g_assert_true (sg_session_reload (session, &error));
  g_assert_cmpint (sg_session_get_run_id (session), ==, second);
  g_assert_cmpuint (sg_session_get_n_runs (session), ==, 2);

  /* The user goes back to the first run: a reload without a new run keeps it. */
  sg_session_set_run_id (session, first);
  g_assert_true (sg_session_reload (session, &error));
  g_assert_cmpint (sg_session_get_run_id (session), ==, first);
  g_assert_cmpstr (sg_session_get_run (session)->name, ==, "First");

  /* Deleting it falls back to the newest. */
  g_assert_true (sg_project_delete_run (project, first, &error));
  g_assert_true (sg_session_reload (session, &error));
  g_assert_cmpint (sg_session_get_run_id (session), ==, second);
  g_assert_null (sg_session_lookup_run (session, first));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/session/current-run-follows-new-runs", test_current_run_follows_new_runs);
  return g_test_run ();
}
