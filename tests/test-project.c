/* test-project.c — project files: create, reopen, refuse bad files, migrate, store datasets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gstdio.h>

#include "sg-error.h"
#include "sg-project.h"
#include "sg-test-util.h"

static char *
new_project_path (const char *name)
{
  static guint counter;
  g_autofree char *file = g_strdup_printf ("%s-%u.segmenta", name, counter++);

  return sg_test_tmp_path (file);
}

static void
test_create_and_reopen (void)
{
  g_autofree char *path = new_project_path ("create");
  g_autoptr(GError) error = NULL;
  g_autoptr(SgProject) project = sg_project_create (path, &error);
  g_autoptr(SgProject) again = NULL;
  g_autofree char *created = NULL;
  g_autofree char *title = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (project);
  g_assert_true (sg_project_set_meta (project, "name", "Spring campaign", &error));
  g_clear_object (&project);

  again = sg_project_open (path, &error);
  g_assert_no_error (error);
  created = sg_project_get_meta (again, "created");
  g_assert_nonnull (created);
  title = sg_project_dup_title (again);
  g_assert_cmpstr (title, ==, "Spring campaign");
}

static void
test_create_refuses_existing (void)
{
  g_autofree char *path = sg_test_write_file ("existing.segmenta", "hello", -1);
  g_autofree char *before = sg_test_file_checksum (path);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SgProject) project = sg_project_create (path, &error);

  g_assert_null (project);
  g_assert_error (error, SG_ERROR, SG_ERROR_EXISTS);
  after = sg_test_file_checksum (path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_open_missing (void)
{
  g_autofree char *path = sg_test_tmp_path ("does-not-exist.segmenta");
  g_autoptr(GError) error = NULL;
  g_autoptr(SgProject) project = sg_project_open (path, &error);

  g_assert_null (project);
  g_assert_error (error, SG_ERROR, SG_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* Opens @path expecting @code, and checks the file is byte for byte what it was. */
static void
assert_refused_untouched (const char *path,
                          int         code)
{
  g_autofree char *before = sg_test_file_checksum (path);
  g_autofree char *after = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SgProject) project = sg_project_open (path, &error);

  g_assert_null (project);
  g_assert_error (error, SG_ERROR, code);
  g_assert_null (strchr (error->message, '\n'));
  after = sg_test_file_checksum (path);
  g_assert_cmpstr (before, ==, after);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

static void
test_refuses_text_file (void)
{
  g_autofree char *path = sg_test_write_file ("notes.segmenta", "customer_id,amount\n1,2\n", -1);

  assert_refused_untouched (path, SG_ERROR_NOT_A_PROJECT);
}

static void
test_refuses_empty_file (void)
{
  g_autofree char *path = sg_test_write_file ("empty.segmenta", "", 0);

  assert_refused_untouched (path, SG_ERROR_NOT_A_PROJECT);
}

static void
make_foreign_database (const char *path,
                       const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
test_refuses_other_database (void)
{
  g_autofree char *path = sg_test_tmp_path ("other.sqlite");

  make_foreign_database (path, "CREATE TABLE t (x); INSERT INTO t VALUES (1);");
  assert_refused_untouched (path, SG_ERROR_NOT_A_PROJECT);
}

static void
test_refuses_newer_version (void)
{
  g_autofree char *path = new_project_path ("newer");
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d", sg_project_schema_version () + 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(SgProject) project = sg_project_create (path, &error);

  g_assert_no_error (error);
  g_assert_true (sg_project_exec (project, sql, &error));
  g_assert_true (sg_project_exec (project, "PRAGMA journal_mode = DELETE", &error));
  g_clear_object (&project);
  assert_refused_untouched (path, SG_ERROR_TOO_NEW);
}

static void
test_refuses_corrupt_file (void)
{
  g_autofree char *path = new_project_path ("corrupt");
  g_autoptr(GError) error = NULL;
  g_autoptr(SgProject) project = sg_project_create (path, &error);
  g_autoptr(SgTable) table = sg_table_new ("customers");
  SgColumn *column = sg_table_add_column (table, "spend", SG_COLUMN_DECIMAL);
  g_autofree char *contents = NULL;
  gsize length;

  for (guint i = 0; i < 20000; i++)
    sg_column_append_number (column, i * 0.5);
  g_assert_cmpint (sg_project_store_table (project, table, "imported", "test", NULL, &error), >, 0);
  g_assert_no_error (error);
  g_assert_true (sg_project_exec (project, "PRAGMA journal_mode = DELETE", &error));
  g_clear_object (&project);

  /* Scribble over b-tree pages past the header: quick_check must notice. */
  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 16384);
  for (gsize i = 4096 + 8; i < 4096 + 200; i++)
    contents[i] = (char) 0x5a;
  for (gsize i = 8192 + 8; i < 8192 + 200; i++)
    contents[i] = (char) 0xa5;
  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);

  assert_refused_untouched (path, SG_ERROR_CORRUPT);
}

static void
test_migrates_old_file (void)
{
  g_autofree char *path = sg_test_tmp_path ("old.segmenta");
  g_autofree char *sql = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = 0;",
                                          SG_PROJECT_APPLICATION_ID);
  g_autoptr(GError) error = NULL;
  g_autoptr(SgProject) project = NULL;
  g_autoptr(GPtrArray) datasets = NULL;
  sqlite3_stmt *stmt;

  /* A file stamped as ours at format 0: opening it must run every migration. */
  make_foreign_database (path, sql);
  project = sg_project_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (project);

  stmt = sg_project_prepare (project, "PRAGMA user_version", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, sg_project_schema_version ());
  sqlite3_finalize (stmt);

  datasets = sg_project_list_datasets (project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (datasets->len, ==, 0);
}

static SgTable *
make_mixed_table (guint n_rows)
{
  SgTable *table = sg_table_new ("customers");
  SgColumn *id = sg_table_add_column (table, "customer \"id\"; DROP TABLE datasets; --", SG_COLUMN_IDENTIFIER);
  SgColumn *spend = sg_table_add_column (table, "spend (€)", SG_COLUMN_DECIMAL);
  SgColumn *city = sg_table_add_column (table, "city", SG_COLUMN_CATEGORICAL);

  sg_column_set_role (id, "id");
  for (guint i = 0; i < n_rows; i++)
    {
      g_autofree char *key = g_strdup_printf ("C%06u", i);

      sg_column_append_string (id, key);
      sg_column_append_number (spend, i % 97 == 0 ? NAN : i * 1.25);
      sg_column_append_string (city, i % 5 == 0 ? NULL : (i % 2 ? "Zürich" : "Łódź"));
    }
  return table;
}

static void
test_store_and_load_table (void)
{
  g_autofree char *path = new_project_path ("store");
  g_autoptr(GError) error = NULL;
  g_autoptr(SgProject) project = sg_project_create (path, &error);
  g_autoptr(SgTable) table = make_mixed_table (SG_PROJECT_CHUNK_ROWS + 1234);
  g_autoptr(SgTable) loaded = NULL;
  g_autoptr(SgTable) subset = NULL;
  g_autoptr(SgDatasetInfo) info = NULL;
  g_autoptr(SgColumn) chunk = NULL;
  guint n = sg_table_get_n_rows (table);
  guint only_city[] = { 2, 1 };
  gint64 id;

  id = sg_project_store_table (project, table, "imported", "customers.csv", "{\"rows\": 1}", &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_clear_object (&project);

  project = sg_project_open (path, &error);
  g_assert_no_error (error);
  info = sg_project_find_dataset (project, "customers", &error);
  g_assert_no_error (error);
  g_assert_cmpint (info->id, ==, id);
  g_assert_cmpuint (info->n_rows, ==, n);
  g_assert_cmpuint (info->columns->len, ==, 3);
  g_assert_cmpstr (((SgColumnInfo *) info->columns->pdata[0])->role, ==, "id");
  g_assert_cmpuint (((SgColumnInfo *) info->columns->pdata[1])->n_missing, ==, (n + 96) / 97);
  g_assert_cmpuint (((SgColumnInfo *) info->columns->pdata[2])->n_missing, ==, (n + 4) / 5);
  g_assert_cmpstr (info->report, ==, "{\"rows\": 1}");

  loaded = sg_project_load_table (project, id, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sg_table_get_n_rows (loaded), ==, n);
  for (guint i = 0; i < n; i += 7)
    {
      SgColumn *a = sg_table_get_column (table, 1), *b = sg_table_get_column (loaded, 1);

      g_assert_cmpstr (sg_column_get_string (sg_table_get_column (loaded, 0), i), ==,
                       sg_column_get_string (sg_table_get_column (table, 0), i));
      g_assert_cmpstr (sg_column_get_string (sg_table_get_column (loaded, 2), i), ==,
                       sg_column_get_string (sg_table_get_column (table, 2), i));
      if (isnan (sg_column_get_number (a, i)))
        g_assert_true (isnan (sg_column_get_number (b, i)));
      else
        g_assert_cmpfloat (sg_column_get_number (a, i), ==, sg_column_get_number (b, i));
    }

  subset = sg_project_load_table (project, id, only_city, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sg_table_get_column (subset, 0)->name, ==, "city");
  g_assert_cmpstr (sg_table_get_column (subset, 1)->name, ==, "spend (€)");

  chunk = sg_project_load_chunk (project, id, 0, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sg_column_get_n_rows (chunk), ==, 1234);
  g_assert_cmpstr (sg_column_get_string (chunk, 0), ==, "C065536");
}

static void
test_duplicate_name_and_abort (void)
{
  g_autofree char *path = new_project_path ("dup");
  g_autoptr(GError) error = NULL;
  g_autoptr(SgProject) project = sg_project_create (path, &error);
  g_autoptr(SgTable) table = make_mixed_table (10);
  g_autoptr(GPtrArray) datasets = NULL;
  g_autofree char *unique = NULL;
  SgDatasetWriter *writer;

  g_assert_cmpint (sg_project_store_table (project, table, NULL, NULL, NULL, &error), >, 0);
  g_assert_cmpint (sg_project_store_table (project, table, NULL, NULL, NULL, &error), ==, 0);
  g_assert_error (error, SG_ERROR, SG_ERROR_EXISTS);
  g_clear_error (&error);

  unique = sg_project_unique_dataset_name (project, "customers");
  g_assert_cmpstr (unique, ==, "customers (2)");

  /* An aborted import leaves nothing behind. */
  writer = sg_dataset_writer_new (project, unique, "imported", NULL, table, &error);
  g_assert_no_error (error);
  g_assert_true (sg_dataset_writer_append (writer, table, &error));
  sg_dataset_writer_abort (writer);

  datasets = sg_project_list_datasets (project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (datasets->len, ==, 1);
}

static void
test_rename_delete_roles (void)
{
  g_autofree char *path = new_project_path ("edit");
  g_autoptr(GError) error = NULL;
  g_autoptr(SgProject) project = sg_project_create (path, &error);
  g_autoptr(SgTable) table = make_mixed_table (10);
  g_autoptr(SgDatasetInfo) info = NULL;
  gint64 id = sg_project_store_table (project, table, NULL, NULL, NULL, &error);
  sqlite3_stmt *stmt;

  g_assert_true (sg_project_rename_dataset (project, id, "CRM export", &error));
  g_assert_true (sg_project_set_column_role (project, id, 1, "monetary", &error));
  g_assert_false (sg_project_set_column_role (project, id, 9, "monetary", &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_NOT_FOUND);
  g_clear_error (&error);
  info = sg_project_get_dataset (project, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (info->name, ==, "CRM export");
  g_assert_cmpstr (((SgColumnInfo *) info->columns->pdata[1])->role, ==, "monetary");

  g_assert_true (sg_project_delete_dataset (project, id, &error));
  g_assert_false (sg_project_delete_dataset (project, id, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Foreign keys cascade: the chunks went with the dataset. */
  stmt = sg_project_prepare (project, "SELECT count(*) FROM column_chunks", &error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
  sqlite3_finalize (stmt);
}

static void
test_nested_transactions (void)
{
  g_autofree char *path = new_project_path ("txn");
  g_autoptr(GError) error = NULL;
  g_autoptr(SgProject) project = sg_project_create (path, &error);
  g_autofree char *kept = NULL;
  g_autofree char *dropped = NULL;

  g_assert_true (sg_project_begin (project, &error));
  g_assert_true (sg_project_set_meta (project, "a", "1", &error));
  g_assert_true (sg_project_begin (project, &error));
  g_assert_true (sg_project_set_meta (project, "b", "2", &error));
  sg_project_rollback (project);
  g_assert_true (sg_project_commit (project, &error));

  kept = sg_project_get_meta (project, "a");
  dropped = sg_project_get_meta (project, "b");
  g_assert_cmpstr (kept, ==, "1");
  g_assert_null (dropped);
}

static void
test_defensive_settings (void)
{
  g_autofree char *path = new_project_path ("defensive");
  g_autoptr(GError) error = NULL;
  g_autoptr(SgProject) project = sg_project_create (path, &error);
  sqlite3 *db = sg_project_get_db (project);
  int value = -1;

  sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, -1, &value);
  g_assert_cmpint (value, ==, 1);
  sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, -1, &value);
  g_assert_cmpint (value, ==, 0);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, -1, &value);
  g_assert_cmpint (value, ==, 0);
  g_assert_false (sg_project_exec (project, "PRAGMA writable_schema = ON; "
                                            "UPDATE sqlite_schema SET sql = '' WHERE name = 'meta'", &error));
  g_assert_nonnull (error);
}

static void
test_runs_and_segments (void)
{
  g_autofree char *path = new_project_path ("runs");
  g_autoptr(GError) error = NULL;
  g_autoptr(SgProject) project = sg_project_create (path, &error);
  g_autoptr(SgTable) table = make_mixed_table (SG_PROJECT_CHUNK_ROWS + 10);
  gint64 dataset = sg_project_store_table (project, table, NULL, NULL, NULL, &error);
  gsize n = sg_table_get_n_rows (table), n_loaded = 0, n_bytes = 0;
  g_autofree gint32 *labels = g_new (gint32, n);
  g_autofree gint32 *loaded = NULL;
  g_autofree float *probabilities = g_new (float, n * 3);
  g_autofree float *loaded_probabilities = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GPtrArray) segments = NULL;
  g_autoptr(SgRunInfo) got = NULL;
  SgRunInfo info = { 0, dataset, "First try", "kmeans", 3, "{\"k\": 3}", "{}", "{\"inertia\": 1.5}", n, 0, NULL };
  gint64 run;

  for (gsize i = 0; i < n; i++)
    {
      labels[i] = i % 100 == 0 ? SG_LABEL_EXCLUDED : (gint32) (i % 3);
      for (guint j = 0; j < 3; j++)
        probabilities[i * 3 + j] = (float) (j == (guint) labels[i]);
    }
  run = sg_project_store_run (project, &info, labels, n, &error);
  g_assert_no_error (error);
  g_assert_cmpint (run, >, 0);
  g_assert_true (sg_project_store_run_array (project, run, "probabilities", probabilities,
                                             3 * sizeof (float), n, &error));

  loaded = sg_project_load_run_labels (project, run, &n_loaded, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_loaded, ==, n);
  g_assert_cmpmem (loaded, n * sizeof (gint32), labels, n * sizeof (gint32));
  loaded_probabilities = sg_project_load_run_array (project, run, "probabilities", &n_bytes, &error);
  g_assert_cmpmem (loaded_probabilities, n_bytes, probabilities, n * 3 * sizeof (float));
  g_assert_null (sg_project_load_run_array (project, run, "silhouette", &n_bytes, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_NOT_FOUND);
  g_clear_error (&error);

  got = sg_project_get_run (project, run, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (got->name, ==, "First try");
  g_assert_cmpuint (got->k, ==, 3);
  g_assert_cmpstr (got->metrics, ==, "{\"inertia\": 1.5}");

  segments = sg_project_list_segments (project, run, &error);
  g_assert_cmpuint (segments->len, ==, 3);
  {
    guint64 expected = 0;

    for (gsize i = 0; i < n; i++)
      expected += labels[i] == 0;
    g_assert_cmpuint (((SgSegmentInfo *) segments->pdata[0])->size, ==, expected);
  }
  g_clear_pointer (&segments, g_ptr_array_unref);

  /* An automatic name never replaces one the user typed. */
  g_assert_true (sg_project_set_segment_name (project, run, 1, "Bargain Hunters", "deal share high", FALSE, &error));
  g_assert_true (sg_project_set_segment_name (project, run, 1, "Our favourites", NULL, TRUE, &error));
  g_assert_true (sg_project_set_segment_name (project, run, 1, "Loyalists", "rule", FALSE, &error));
  g_assert_false (sg_project_set_segment_name (project, run, 7, "Nobody", NULL, TRUE, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_NOT_FOUND);
  g_clear_error (&error);
  segments = sg_project_list_segments (project, run, &error);
  g_assert_cmpstr (((SgSegmentInfo *) segments->pdata[1])->name, ==, "Our favourites");
  g_assert_true (((SgSegmentInfo *) segments->pdata[1])->name_edited);

  g_assert_true (sg_project_rename_run (project, run, "  Spring  ", &error));
  {
    g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, run);
    g_autoptr(SgRunInfo) by_name = sg_project_find_run (project, "Spring", &error);
    g_autoptr(SgRunInfo) by_id = sg_project_find_run (project, id_text, &error);

    g_assert_cmpint (by_name->id, ==, run);
    g_assert_cmpint (by_id->id, ==, run);
    g_assert_null (sg_project_find_run (project, "Autumn", &error));
    g_assert_error (error, SG_ERROR, SG_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }
  runs = sg_project_list_runs (project, dataset, &error);
  g_assert_cmpuint (runs->len, ==, 1);
  g_assert_cmpstr (((SgRunInfo *) runs->pdata[0])->name, ==, "Spring");

  /* Labels outside 0..k-1 are refused and nothing is stored. */
  labels[5] = 3;
  g_assert_cmpint (sg_project_store_run (project, &info, labels, n, &error), ==, 0);
  g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  g_assert_true (sg_project_delete_run (project, run, &error));
  g_clear_pointer (&runs, g_ptr_array_unref);
  runs = sg_project_list_runs (project, 0, &error);
  g_assert_cmpuint (runs->len, ==, 0);
  g_assert_null (sg_project_load_run_labels (project, run, &n_loaded, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_NOT_FOUND);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/project/create-and-reopen", test_create_and_reopen);
  g_test_add_func ("/project/create-refuses-existing", test_create_refuses_existing);
  g_test_add_func ("/project/open-missing", test_open_missing);
  g_test_add_func ("/project/refuses/text-file", test_refuses_text_file);
  g_test_add_func ("/project/refuses/empty-file", test_refuses_empty_file);
  g_test_add_func ("/project/refuses/other-database", test_refuses_other_database);
  g_test_add_func ("/project/refuses/newer-version", test_refuses_newer_version);
  g_test_add_func ("/project/refuses/corrupt-file", test_refuses_corrupt_file);
  g_test_add_func ("/project/migrates-old-file", test_migrates_old_file);
  g_test_add_func ("/project/store-and-load-table", test_store_and_load_table);
  g_test_add_func ("/project/duplicate-name-and-abort", test_duplicate_name_and_abort);
  g_test_add_func ("/project/rename-delete-roles", test_rename_delete_roles);
  g_test_add_func ("/project/nested-transactions", test_nested_transactions);
  g_test_add_func ("/project/defensive-settings", test_defensive_settings);
  g_test_add_func ("/project/runs-and-segments", test_runs_and_segments);

  return g_test_run ();
}
