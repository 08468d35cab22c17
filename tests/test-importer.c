/* test-importer.c — importing CSV files into a project
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "sg-error.h"
#include "sg-importer.h"
#include "sg-project.h"
#include "sg-test-util.h"

static SgProject *
new_project (char **path_out)
{
  static guint counter;
  g_autofree char *file = g_strdup_printf ("import-%u.segmenta", counter++);
  g_autofree char *path = sg_test_tmp_path (file);
  g_autoptr(GError) error = NULL;
  SgProject *project = sg_project_create (path, &error);

  g_assert_no_error (error);
  if (path_out != NULL)
    *path_out = g_steal_pointer (&path);
  return project;
}

static gint64
import_file (SgProject              *project,
             const char             *path,
             const SgImportOptions  *options,
             SgImportReport        **report)
{
  g_autoptr(GError) error = NULL;
  gint64 id = sg_importer_run (project, path, options, NULL, report, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static SgColumn *
column (SgTable    *table,
        const char *name)
{
  int i = sg_table_lookup_column (table, name);

  g_assert_cmpint (i, >=, 0);
  return sg_table_get_column (table, (guint) i);
}

static guint
n_datasets (SgProject *project)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = sg_project_list_datasets (project, &error);

  g_assert_no_error (error);
  return list->len;
}

static void
test_round_trip (void)
{
  g_autoptr(SgProject) project = new_project (NULL);
  g_autofree char *csv = sg_test_write_file ("round.csv",
    "CustomerID,age,income,joined,member,segment,note\n"
    "C001,34,52000.50,2021-03-05,yes,gold,\"likes \"\"blue\"\"\"\n"
    "C002,41,NA,2020-11-30,no,silver,\"two\nlines\"\n"
    "C003,,61000,2019-01-01,yes,gold,plain\n"
    "C004,29,48000.25,2022-07-14,,bronze,\n"
    "C005,52,75000,2018-05-20,no,gold,last\n", -1);
  g_autoptr(SgImportReport) report = NULL;
  g_autoptr(SgTable) table = NULL;
  g_autoptr(SgDatasetInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = import_file (project, csv, NULL, &report);
  SgColumn *c;

  g_assert_cmpuint (report->rows_read, ==, 5);
  g_assert_cmpuint (report->rows_stored, ==, 5);
  g_assert_cmpuint (report->rows_rejected, ==, 0);
  info = sg_project_get_dataset (project, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (info->name, ==, "round");
  g_assert_cmpuint (info->n_rows, ==, 5);
  g_assert_nonnull (info->report);

  table = sg_project_load_table (project, id, NULL, 0, &error);
  g_assert_no_error (error);
  c = column (table, "CustomerID");
  g_assert_cmpint (c->type, ==, SG_COLUMN_IDENTIFIER);
  g_assert_cmpstr (c->role, ==, "id");
  g_assert_cmpstr (sg_column_get_string (c, 2), ==, "C003");
  c = column (table, "age");
  g_assert_cmpint (c->type, ==, SG_COLUMN_INTEGER);
  g_assert_cmpfloat (sg_column_get_number (c, 0), ==, 34);
  g_assert_true (isnan (sg_column_get_number (c, 2)));
  c = column (table, "income");
  g_assert_cmpint (c->type, ==, SG_COLUMN_DECIMAL);
  g_assert_cmpfloat (sg_column_get_number (c, 0), ==, 52000.5);
  g_assert_cmpfloat (sg_column_get_number (c, 3), ==, 48000.25);
  g_assert_cmpuint (c->n_missing, ==, 1);
  c = column (table, "joined");
  g_assert_cmpint (c->type, ==, SG_COLUMN_DATE);
  {
    g_autoptr(GDateTime) dt = g_date_time_new_utc (2021, 3, 5, 0, 0, 0);
    g_assert_cmpfloat (sg_column_get_number (c, 0), ==, (double) g_date_time_to_unix (dt));
  }
  c = column (table, "member");
  g_assert_cmpint (c->type, ==, SG_COLUMN_BOOLEAN);
  g_assert_cmpfloat (sg_column_get_number (c, 0), ==, 1);
  g_assert_cmpfloat (sg_column_get_number (c, 1), ==, 0);
  g_assert_true (isnan (sg_column_get_number (c, 3)));
  c = column (table, "segment");
  g_assert_cmpint (c->type, ==, SG_COLUMN_CATEGORICAL);
  g_assert_cmpstr (sg_column_get_string (c, 1), ==, "silver");
  c = column (table, "note");
  g_assert_cmpstr (sg_column_get_string (c, 0), ==, "likes \"blue\"");
  g_assert_cmpstr (sg_column_get_string (c, 1), ==, "two\nlines");
  g_assert_null (sg_column_get_string (c, 3));

  /* The same file again gets a new name. */
  id = import_file (project, csv, NULL, NULL);
  g_clear_pointer (&info, sg_dataset_info_free);
  info = sg_project_get_dataset (project, id, &error);
  g_assert_cmpstr (info->name, ==, "round (2)");
}

static const char *bad_rows =
  "name,age,score\n"          /* line 1 */
  "Ann,34,1.5\n"              /* 2 */
  "Bob,41,2.5\n"              /* 3 */
  "Cid,29\n"                  /* 4: too few fields */
  "\"Dee\nDoe\",52,3.5\n"     /* 5-6 */
  "Eve,abc,4.5\n"             /* 7: not a number */
  "Fay,38,5.5\n";             /* 8 */

static void
test_stop_policy (void)
{
  g_autofree char *project_path = NULL;
  g_autoptr(SgProject) project = new_project (&project_path);
  g_autofree char *csv = sg_test_write_file ("bad.csv", bad_rows, -1);
  g_autoptr(GError) error = NULL;
  SgImportReport *report = NULL;
  SgImportOptions options;
  gint64 id;

  sg_import_options_init (&options);
  options.type_overrides = NULL;
  sg_import_options_set_type (&options, "age", SG_COLUMN_INTEGER);   /* the sample would call it text */
  id = sg_importer_run (project, csv, &options, NULL, &report, &error);
  g_assert_cmpint (id, ==, 0);
  g_assert_null (report);
  g_assert_error (error, SG_ERROR, SG_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "Line 4"));
  g_assert_nonnull (strstr (error->message, "expected 3 fields, found 2"));
  g_assert_cmpuint (n_datasets (project), ==, 0);
  sg_import_options_clear (&options);
}

static void
test_skip_policy (void)
{
  g_autoptr(SgProject) project = new_project (NULL);
  g_autofree char *csv = sg_test_write_file ("bad2.csv", bad_rows, -1);
  g_autoptr(SgImportReport) report = NULL;
  g_autoptr(SgTable) table = NULL;
  g_autoptr(GError) error = NULL;
  SgImportRejection *r;
  SgImportOptions options;
  gint64 id;

  sg_import_options_init (&options);
  options.on_error = SG_ON_ERROR_SKIP;
  sg_import_options_set_type (&options, "age", SG_COLUMN_INTEGER);
  id = import_file (project, csv, &options, &report);
  sg_import_options_clear (&options);

  g_assert_cmpuint (report->rows_read, ==, 6);
  g_assert_cmpuint (report->rows_stored, ==, 4);
  g_assert_cmpuint (report->rows_rejected, ==, 2);
  g_assert_cmpuint (report->rejections->len, ==, 2);
  r = g_ptr_array_index (report->rejections, 0);
  g_assert_cmpuint (r->line, ==, 4);
  g_assert_cmpstr (r->reason, ==, "expected 3 fields, found 2");
  r = g_ptr_array_index (report->rejections, 1);
  g_assert_cmpuint (r->line, ==, 7);
  g_assert_nonnull (strstr (r->reason, "“abc”"));
  g_assert_nonnull (strstr (r->reason, "age"));

  table = sg_project_load_table (project, id, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sg_table_get_n_rows (table), ==, 4);
  g_assert_cmpstr (sg_column_get_string (column (table, "name"), 2), ==, "Dee\nDoe");
  g_assert_cmpfloat (sg_column_get_number (column (table, "score"), 3), ==, 5.5);
}

static void
test_ragged_fixture (void)
{
  g_autoptr(SgProject) project = new_project (NULL);
  g_autofree char *csv = g_test_build_filename (G_TEST_DIST, "data", "csv", "ragged.csv", NULL);
  g_autoptr(SgImportReport) report = NULL;
  SgImportOptions options;

  sg_import_options_init (&options);
  options.on_error = SG_ON_ERROR_SKIP;
  import_file (project, csv, &options, &report);
  g_assert_cmpuint (report->rows_stored, ==, 2);
  g_assert_cmpuint (report->rows_rejected, ==, 2);
  g_assert_cmpuint (((SgImportRejection *) g_ptr_array_index (report->rejections, 0))->line, ==, 3);
  g_assert_cmpuint (((SgImportRejection *) g_ptr_array_index (report->rejections, 1))->line, ==, 4);
  g_assert_cmpstr (((SgImportRejection *) g_ptr_array_index (report->rejections, 1))->reason, ==,
                   "expected 3 fields, found 4");
}

static void
cancel_at_start (double      fraction,
                 const char *message,
                 gpointer    user_data)
{
  g_cancellable_cancel (user_data);
}

/* A file big enough for several batches of blocks. */
static char *
write_big_file (const char *name,
                guint       n_rows,
                guint       bad_decimal_row,
                guint       bad_text_row)
{
  g_autoptr(GString) s = g_string_new ("id,a,b,c\n");
  g_autofree char *path = NULL;

  for (guint i = 1; i <= n_rows; i++)
    {
      if (i == bad_decimal_row)
        g_string_append_printf (s, "%u,%u.5,%u,x%u\n", i, i % 1000, i % 77, i % 5);
      else if (i == bad_text_row)
        g_string_append_printf (s, "%u,%u,oops,x%u\n", i, i % 1000, i % 5);
      else
        g_string_append_printf (s, "%u,%u,%u,x%u\n", i, i % 1000, i % 77, i % 5);
    }
  path = sg_test_write_file (name, s->str, s->len);
  return g_steal_pointer (&path);
}

static void
test_cancel_leaves_project (void)
{
  g_autofree char *project_path = NULL;
  g_autoptr(SgProject) project = new_project (&project_path);
  g_autofree char *small = sg_test_write_file ("first.csv", "x,y\n1,2\n3,4\n", -1);
  g_autofree char *csv = write_big_file ("big-cancel.csv", 300000, 0, 0);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  SgProgress progress = sg_progress_init (cancel_at_start, cancellable, cancellable);
  gint64 id;

  import_file (project, small, NULL, NULL);
  g_clear_object (&project);
  before = sg_test_file_checksum (project_path);
  project = sg_project_open (project_path, &error);
  g_assert_no_error (error);

  id = sg_importer_run (project, csv, NULL, &progress, NULL, &error);
  g_assert_cmpint (id, ==, 0);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (n_datasets (project), ==, 1);
  g_clear_object (&project);
  after = sg_test_file_checksum (project_path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_type_overrides (void)
{
  g_autoptr(SgProject) project = new_project (NULL);
  g_autofree char *csv = sg_test_write_file ("over.csv", "code,zip,n\n0001,75001,1\n0002,10115,2\n0003,75001,3\n", -1);
  g_autoptr(SgTable) table = NULL;
  g_autoptr(GError) error = NULL;
  SgImportOptions options;
  gint64 id;

  sg_import_options_init (&options);
  sg_import_options_set_type (&options, "code", SG_COLUMN_INTEGER);
  sg_import_options_set_type (&options, "zip", SG_COLUMN_CATEGORICAL);
  id = import_file (project, csv, &options, NULL);
  table = sg_project_load_table (project, id, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (column (table, "code")->type, ==, SG_COLUMN_INTEGER);
  g_assert_null (column (table, "code")->role);
  g_assert_cmpfloat (sg_column_get_number (column (table, "code"), 2), ==, 3);
  g_assert_cmpint (column (table, "zip")->type, ==, SG_COLUMN_CATEGORICAL);
  g_assert_cmpstr (sg_column_get_string (column (table, "zip"), 1), ==, "10115");

  /* An override naming no column is an error, and nothing is stored. */
  sg_import_options_set_type (&options, "nope", SG_COLUMN_TEXT);
  g_assert_cmpint (sg_importer_run (project, csv, &options, NULL, NULL, &error), ==, 0);
  g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "nope"));
  g_assert_cmpuint (n_datasets (project), ==, 1);
  sg_import_options_clear (&options);
}

static void
test_latin1 (void)
{
  g_autoptr(SgProject) project = new_project (NULL);
  g_autofree char *csv = g_test_build_filename (G_TEST_DIST, "data", "csv", "latin1_semicolon.csv", NULL);
  g_autoptr(SgImportReport) report = NULL;
  g_autoptr(SgTable) table = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = import_file (project, csv, NULL, &report);

  g_assert_cmpint (report->encoding, ==, SG_ENCODING_WINDOWS_1252);
  g_assert_cmpint (report->delimiter, ==, ';');
  g_assert_true (report->decimal_comma);
  g_assert_cmpuint (report->warnings->len, >=, 1);
  table = sg_project_load_table (project, id, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sg_column_get_string (column (table, "Description"), 0), ==, "Gift Voucher £40.00");
  g_assert_cmpstr (sg_column_get_string (column (table, "Description"), 1), ==, "Café crème");
  g_assert_cmpfloat (sg_column_get_number (column (table, "UnitPrice"), 0), ==, 1.5);
  g_assert_cmpfloat (sg_column_get_number (column (table, "UnitPrice"), 1), ==, 2.25);

  /* Read as UTF-8 when told: the bad bytes are still made valid, and counted. */
  {
    SgImportOptions options;
    g_autoptr(SgImportReport) forced = NULL;

    sg_import_options_init (&options);
    options.encoding = SG_ENCODING_UTF8;
    options.dataset_name = g_strdup ("forced");
    import_file (project, csv, &options, &forced);
    g_assert_cmpint (forced->encoding, ==, SG_ENCODING_UTF8);
    g_assert_cmpuint (forced->warnings->len, >=, 1);
    sg_import_options_clear (&options);
  }
}

static void
test_report_json (void)
{
  g_autoptr(SgProject) project = new_project (NULL);
  g_autofree char *csv = sg_test_write_file ("bad3.csv", bad_rows, -1);
  g_autoptr(SgImportReport) report = NULL;
  g_autoptr(SgImportReport) stored = NULL;
  g_autoptr(SgImportReport) again = NULL;
  g_autoptr(SgDatasetInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  SgImportOptions options;
  gint64 id;

  sg_import_options_init (&options);
  options.on_error = SG_ON_ERROR_SKIP;
  options.dataset_name = g_strdup ("People");
  sg_import_options_set_type (&options, "age", SG_COLUMN_INTEGER);
  id = import_file (project, csv, &options, &report);
  sg_import_options_clear (&options);

  info = sg_project_get_dataset (project, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (info->name, ==, "People");
  stored = sg_import_report_from_json (info->report, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stored->rows_read, ==, 6);
  g_assert_cmpuint (stored->rows_stored, ==, 4);
  g_assert_cmpuint (stored->rows_rejected, ==, 2);
  g_assert_cmpint (stored->on_error, ==, SG_ON_ERROR_SKIP);
  g_assert_cmpint (stored->delimiter, ==, ',');
  g_assert_true (stored->has_header);
  g_assert_cmpuint (stored->rejections->len, ==, 2);
  g_assert_cmpuint (((SgImportRejection *) g_ptr_array_index (stored->rejections, 1))->line, ==, 7);
  g_assert_true (g_str_has_suffix (stored->file, "bad3.csv"));

  json = sg_import_report_to_json (stored);
  again = sg_import_report_from_json (json, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->rows_rejected, ==, 2);
  g_assert_cmpstr (((SgImportRejection *) g_ptr_array_index (again->rejections, 0))->reason, ==,
                   "expected 3 fields, found 2");

  g_assert_null (sg_import_report_from_json ("[1,2", &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_PARSE);
}

static void
test_ambiguous_dates_need_order (void)
{
  g_autoptr(SgProject) project = new_project (NULL);
  g_autofree char *csv = g_test_build_filename (G_TEST_DIST, "data", "csv", "dates_ambiguous.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SgTable) table = NULL;
  g_autoptr(GDateTime) expected = g_date_time_new_utc (2024, 4, 3, 0, 0, 0);
  SgImportOptions options;
  gint64 id;

  g_assert_cmpint (sg_importer_run (project, csv, NULL, NULL, NULL, &error), ==, 0);
  g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "when"));
  g_clear_error (&error);
  g_assert_cmpuint (n_datasets (project), ==, 0);

  sg_import_options_init (&options);
  options.date_order = SG_DATE_ORDER_DMY;
  id = import_file (project, csv, &options, NULL);
  sg_import_options_clear (&options);
  table = sg_project_load_table (project, id, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (sg_column_get_number (column (table, "when"), 0), ==, (double) g_date_time_to_unix (expected));
}

/* Past the sample: an integer column meets a decimal (widened) and a text (rejected, with its line). */
static void
test_late_surprises (void)
{
  g_autoptr(SgProject) project = new_project (NULL);
  const guint decimal_row = 512345, text_row = 733333;
  g_autofree char *csv = write_big_file ("late.csv", 900000, decimal_row, text_row);
  g_autoptr(SgImportPreview) preview = NULL;
  g_autoptr(SgImportReport) report = NULL;
  g_autoptr(SgDatasetInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  SgImportOptions options;
  SgImportRejection *r;
  gint64 id;

  preview = sg_importer_preview (csv, NULL, 5, &error);
  g_assert_no_error (error);
  g_assert_cmpint (((SgImportColumnGuess *) g_ptr_array_index (preview->columns, 1))->type, ==, SG_COLUMN_INTEGER);
  g_assert_cmpint (((SgImportColumnGuess *) g_ptr_array_index (preview->columns, 2))->type, ==, SG_COLUMN_INTEGER);
  g_assert_cmpuint (preview->estimated_rows, >, 800000);
  g_assert_cmpuint (preview->estimated_rows, <, 1000000);

  /* Stop: the error names the line (row + 1 for the header). */
  g_assert_cmpint (sg_importer_run (project, csv, NULL, NULL, NULL, &error), ==, 0);
  g_assert_error (error, SG_ERROR, SG_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "Line 733334:"));
  g_clear_error (&error);
  g_assert_cmpuint (n_datasets (project), ==, 0);

  sg_import_options_init (&options);
  options.on_error = SG_ON_ERROR_SKIP;
  id = import_file (project, csv, &options, &report);
  sg_import_options_clear (&options);
  g_assert_cmpuint (report->rows_read, ==, 900000);
  g_assert_cmpuint (report->rows_stored, ==, 899999);
  g_assert_cmpuint (report->rows_rejected, ==, 1);
  r = g_ptr_array_index (report->rejections, 0);
  g_assert_cmpuint (r->line, ==, text_row + 1);
  g_assert_nonnull (strstr (r->reason, "“oops”"));
  info = sg_project_get_dataset (project, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (info->n_rows, ==, 899999);
  g_assert_cmpint (((SgColumnInfo *) g_ptr_array_index (info->columns, 1))->type, ==, SG_COLUMN_DECIMAL);
  g_assert_cmpint (((SgColumnInfo *) g_ptr_array_index (info->columns, 2))->type, ==, SG_COLUMN_INTEGER);
  g_assert_cmpint (((SgColumnInfo *) g_ptr_array_index (info->columns, 0))->type, ==, SG_COLUMN_IDENTIFIER);
  g_assert_cmpuint (report->warnings->len, >=, 1);

  /* The values came through in order across every block. */
  {
    g_autoptr(SgColumn) chunk = sg_project_load_chunk (project, id, 2, 7, &error);
    guint first = 7 * SG_PROJECT_CHUNK_ROWS;

    g_assert_no_error (error);
    g_assert_cmpuint (sg_column_get_n_rows (chunk), ==, SG_PROJECT_CHUNK_ROWS);
    for (guint i = 0; i < sg_column_get_n_rows (chunk); i++)
      g_assert_cmpfloat (sg_column_get_number (chunk, i), ==, (double) ((first + i + 1) % 77));
  }
}

/* Quoted fields with line breaks across block boundaries: blocks that start inside quotes are re-read. */
static void
test_quotes_across_blocks (void)
{
  g_autoptr(SgProject) project = new_project (NULL);
  g_autoptr(GString) s = g_string_new ("n,note,v\n");
  g_autofree char *csv = NULL;
  g_autoptr(SgImportReport) report = NULL;
  g_autoptr(SgTable) table = NULL;
  g_autoptr(GError) error = NULL;
  SgColumn *note;
  gint64 id;
  guint64 line = 2;
  const guint n_rows = 30000;

  for (guint i = 0; i < n_rows; i++)
    {
      g_string_append_printf (s, "%u,\"", i);
      for (guint k = 0; k < 12; k++)
        g_string_append_printf (s, "part %u of %u, with \"\"quotes\"\"\n", k, i);
      g_string_append_printf (s, "end\",%u\n", i * 2);
    }
  /* A bad row at the end, to check the line count after all those embedded newlines. */
  g_string_append (s, "x,y\n");
  line += (guint64) n_rows * 13;
  csv = sg_test_write_file ("multiline.csv", s->str, s->len);
  g_assert_cmpuint (s->len, >, 3 * (2u << 20));

  {
    SgImportOptions options;

    sg_import_options_init (&options);
    options.on_error = SG_ON_ERROR_SKIP;
    id = import_file (project, csv, &options, &report);
    sg_import_options_clear (&options);
  }
  g_assert_cmpuint (report->rows_stored, ==, n_rows);
  g_assert_cmpuint (report->rows_rejected, ==, 1);
  g_assert_cmpuint (((SgImportRejection *) g_ptr_array_index (report->rejections, 0))->line, ==, line);
  table = sg_project_load_table (project, id, NULL, 0, &error);
  g_assert_no_error (error);
  note = column (table, "note");
  for (guint i = 0; i < n_rows; i += 997)
    {
      g_autofree char *expected_start = g_strdup_printf ("part 0 of %u, with \"quotes\"\npart 1", i);

      g_assert_cmpfloat (sg_column_get_number (column (table, "n"), i), ==, i);
      g_assert_cmpfloat (sg_column_get_number (column (table, "v"), i), ==, i * 2);
      g_assert_true (g_str_has_prefix (sg_column_get_string (note, i), expected_start));
      g_assert_true (g_str_has_suffix (sg_column_get_string (note, i), "\nend"));
    }
}

/* The same rows, values and line numbers whatever the thread count. */
static void
test_thread_count_independent (void)
{
  g_autoptr(SgProject) project = new_project (NULL);
  g_autoptr(GString) s = g_string_new ("k,text,x\n");
  g_autofree char *csv = NULL;
  g_autoptr(SgTable) first = NULL;
  g_autoptr(SgImportReport) first_report = NULL;
  const char *threads[] = { "1", "2", "3" };

  for (guint i = 0; i < 120000; i++)
    {
      if (i % 9973 == 5)
        g_string_append (s, "bad row\n");
      g_string_append_printf (s, "%u,\"%s, padded to make several blocks\",%u.%u\n", i,
                              i % 7 == 0 ? "multi\nline" : "one line", i, i % 10);
    }
  g_assert_cmpuint (s->len, >, 3 * (2u << 20));
  csv = sg_test_write_file ("threads.csv", s->str, s->len);

  for (guint t = 0; t < G_N_ELEMENTS (threads); t++)
    {
      g_autoptr(SgImportReport) report = NULL;
      g_autoptr(SgTable) table = NULL;
      g_autoptr(GError) error = NULL;
      SgImportOptions options;
      gint64 id;

      g_setenv ("SG_THREADS", threads[t], TRUE);
      sg_import_options_init (&options);
      options.on_error = SG_ON_ERROR_SKIP;
      options.dataset_name = g_strdup_printf ("threads-%s", threads[t]);
      id = import_file (project, csv, &options, &report);
      sg_import_options_clear (&options);
      table = sg_project_load_table (project, id, NULL, 0, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (report->rows_stored, ==, 120000);
      g_assert_cmpuint (report->rows_rejected, ==, 13);
      if (first == NULL)
        {
          first = g_steal_pointer (&table);
          first_report = g_steal_pointer (&report);
          continue;
        }
      for (guint r = 0; r < report->rejections->len; r++)
        g_assert_cmpuint (((SgImportRejection *) g_ptr_array_index (report->rejections, r))->line, ==,
                          ((SgImportRejection *) g_ptr_array_index (first_report->rejections, r))->line);
      for (guint c = 0; c < 3; c++)
        for (guint r = 0; r < 120000; r++)
          {
            g_autofree char *a = sg_column_format_value (sg_table_get_column (first, c), r);
            g_autofree char *b = sg_column_format_value (sg_table_get_column (table, c), r);

            g_assert_cmpstr (a, ==, b);
          }
    }
  g_unsetenv ("SG_THREADS");
}

static void
test_errors (void)
{
  g_autoptr(SgProject) project = new_project (NULL);
  g_autofree char *header_only = sg_test_write_file ("header.csv", "a,b,c\n", -1);
  g_autofree char *missing = sg_test_tmp_path ("no-such.csv");
  g_autofree char *unclosed = sg_test_write_file ("unclosed.csv", "a,b\n1,2\n3,\"oops\n4,5\n", -1);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (sg_importer_run (project, header_only, NULL, NULL, NULL, &error), ==, 0);
  g_assert_error (error, SG_ERROR, SG_ERROR_PARSE);
  g_clear_error (&error);
  g_assert_cmpint (sg_importer_run (project, missing, NULL, NULL, NULL, &error), ==, 0);
  g_assert_error (error, SG_ERROR, SG_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (sg_importer_run (project, unclosed, NULL, NULL, NULL, &error), ==, 0);
  g_assert_error (error, SG_ERROR, SG_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "Line 3"));
  g_assert_nonnull (strstr (error->message, "quoted"));
  g_clear_error (&error);
  g_assert_cmpuint (n_datasets (project), ==, 0);
}

/* ---- async ---- */

typedef struct {
  GMainLoop      *loop;
  gint64          id;
  SgImportReport *report;
  GError         *error;
  guint           n_progress;
  gboolean        main_thread;
} AsyncState;

static void
async_progress (double      fraction,
                const char *message,
                gpointer    user_data)
{
  AsyncState *state = user_data;

  state->n_progress++;
  state->main_thread = g_main_context_is_owner (g_main_context_default ());
}

static void
async_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  AsyncState *state = user_data;

  state->id = sg_importer_run_finish (SG_PROJECT (source), result, &state->report, &state->error);
  g_main_loop_quit (state->loop);
}

static void
test_async (void)
{
  g_autoptr(SgProject) project = new_project (NULL);
  g_autofree char *csv = write_big_file ("async.csv", 200000, 0, 0);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  AsyncState state = { 0 };

  state.loop = g_main_loop_new (NULL, FALSE);
  sg_importer_run_async (project, csv, NULL, NULL, async_progress, &state, async_done, &state);
  g_main_loop_run (state.loop);
  g_assert_no_error (state.error);
  g_assert_cmpint (state.id, >, 0);
  g_assert_nonnull (state.report);
  g_assert_cmpuint (state.report->rows_stored, ==, 200000);
  g_assert_cmpuint (state.n_progress, >, 0);
  g_assert_true (state.main_thread);
  g_assert_cmpuint (n_datasets (project), ==, 1);
  g_clear_pointer (&state.report, sg_import_report_free);

  /* Cancelled: an error, and the project as it was. */
  g_cancellable_cancel (cancellable);
  sg_importer_run_async (project, csv, NULL, cancellable, NULL, NULL, async_done, &state);
  g_main_loop_run (state.loop);
  g_assert_error (state.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (state.id, ==, 0);
  g_assert_cmpuint (n_datasets (project), ==, 1);
  g_clear_error (&state.error);
  g_main_loop_unref (state.loop);
}

/* ---- matrix ---- */

static void
test_read_matrix (void)
{
  g_autofree char *csv = sg_test_write_file ("matrix.csv",
    "customer_id,x,y,label\n1,0.5,2,a\n2,1.5,,b\n3,2.5,4,a\n4,3.5,5,b\n", -1);
  g_autofree char *id_column = NULL;
  g_autoptr(GError) error = NULL;
  const char *pick[] = { "y", "x", NULL };
  const char *bad[] = { "nope", NULL };
  guint64 dropped = 0;
  SgMatrix *m;

  m = sg_csv_read_matrix (csv, NULL, &id_column, &dropped, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (id_column, ==, "customer_id");
  g_assert_cmpuint (m->n_rows, ==, 3);
  g_assert_cmpuint (m->n_cols, ==, 2);
  g_assert_cmpuint (dropped, ==, 1);
  g_assert_cmpfloat (sg_matrix_row (m, 1)[0], ==, 2.5);
  g_assert_cmpfloat (sg_matrix_row (m, 1)[1], ==, 4);
  sg_matrix_free (m);

  m = sg_csv_read_matrix (csv, pick, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (m->n_cols, ==, 2);
  g_assert_cmpfloat (sg_matrix_row (m, 0)[0], ==, 2);
  g_assert_cmpfloat (sg_matrix_row (m, 0)[1], ==, 0.5);
  sg_matrix_free (m);

  g_assert_null (sg_csv_read_matrix (csv, bad, NULL, NULL, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_NOT_FOUND);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/importer/round-trip", test_round_trip);
  g_test_add_func ("/importer/stop", test_stop_policy);
  g_test_add_func ("/importer/skip", test_skip_policy);
  g_test_add_func ("/importer/ragged", test_ragged_fixture);
  g_test_add_func ("/importer/cancel", test_cancel_leaves_project);
  g_test_add_func ("/importer/type-overrides", test_type_overrides);
  g_test_add_func ("/importer/latin1", test_latin1);
  g_test_add_func ("/importer/report-json", test_report_json);
  g_test_add_func ("/importer/ambiguous-dates", test_ambiguous_dates_need_order);
  g_test_add_func ("/importer/late-surprises", test_late_surprises);
  g_test_add_func ("/importer/quotes-across-blocks", test_quotes_across_blocks);
  g_test_add_func ("/importer/threads", test_thread_count_independent);
  g_test_add_func ("/importer/errors", test_errors);
  g_test_add_func ("/importer/async", test_async);
  g_test_add_func ("/importer/matrix", test_read_matrix);
  return g_test_run ();
}
