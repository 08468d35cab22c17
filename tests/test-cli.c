/* test-cli.c — segmenta-cli new / import / info: exit codes, messages, a project left alone on failure
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <json-glib/json-glib.h>

#include "sg-test-util.h"

static char *
new_project (void)
{
  static guint counter;
  g_autofree char *file = g_strdup_printf ("cli-%u.segmenta", counter++);
  char *path = sg_test_tmp_path (file);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (sg_test_run_cli (&out, &err, "new", path, NULL), ==, 0);
  return path;
}

/* One line on stderr, starting "segmenta-cli: ". */
static void
assert_one_error_line (const char *err)
{
  g_assert_true (g_str_has_prefix (err, "segmenta-cli: "));
  g_assert_true (g_str_has_suffix (err, "\n"));
  g_assert_null (strchr (err, '\n') == err + strlen (err) - 1 ? NULL : "more than one line");
}

static const char *people =
  "CustomerID,age,income,segment\n"
  "0001,34,52000.5,gold\n"
  "0002,41,,silver\n"
  "0003,29,61000,gold\n"
  "0004,52,75000,silver\n";

static void
test_import_and_info (void)
{
  g_autofree char *project = new_project ();
  g_autofree char *csv = sg_test_write_file ("people.csv", people, -1);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root, *dataset, *report;
  JsonArray *columns;

  g_assert_cmpint (sg_test_run_cli (&out, &err, "import", project, csv, "--name", "People", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "4 stored"));
  g_assert_nonnull (strstr (out, "CustomerID"));
  g_assert_nonnull (strstr (out, "identifier"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (sg_test_run_cli (&out, &err, "info", project, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "People"));
  g_assert_nonnull (strstr (out, "income"));
  g_assert_nonnull (strstr (out, "1 missing"));
  g_assert_nonnull (strstr (out, "4 rows read, 4 stored, 0 rejected"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (sg_test_run_cli (&out, &err, "info", project, "--json", NULL), ==, 0);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "datasets")), ==, 1);
  dataset = json_array_get_object_element (json_object_get_array_member (root, "datasets"), 0);
  g_assert_cmpstr (json_object_get_string_member (dataset, "name"), ==, "People");
  g_assert_cmpint (json_object_get_int_member (dataset, "rows"), ==, 4);
  columns = json_object_get_array_member (dataset, "columns");
  g_assert_cmpuint (json_array_get_length (columns), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (columns, 0), "type"), ==, "identifier");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (columns, 0), "role"), ==, "id");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (columns, 2), "missing"), ==, 1);
  report = json_object_get_object_member (dataset, "report");
  g_assert_nonnull (report);
  g_assert_cmpint (json_object_get_int_member (report, "rows_stored"), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (report, "on_error"), ==, "stop");
}

static void
test_import_options (void)
{
  g_autofree char *project = new_project ();
  g_autofree char *csv = sg_test_write_file ("opts.csv", "a;b;when\n1,5;x;03/04/2024\n2;y;05/06/2024\n3;x;\n", -1);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  /* Ambiguous dates: a clear failure until the order is given. */
  g_assert_cmpint (sg_test_run_cli (&out, &err, "import", project, csv, NULL), ==, 1);
  assert_one_error_line (err);
  g_assert_nonnull (strstr (err, "when"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (sg_test_run_cli (&out, &err, "import", project, csv, "--delimiter", ";", "--date-order", "dmy",
                                    "--type", "b=text", "--encoding", "utf-8", "--on-error", "skip", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "3 stored"));
  g_assert_nonnull (strstr (out, "text"));
  g_assert_nonnull (strstr (out, "date"));
}

static void
test_import_failures (void)
{
  g_autofree char *project = new_project ();
  g_autofree char *csv = sg_test_write_file ("ok.csv", people, -1);
  g_autofree char *bad = sg_test_write_file ("bad.csv", "a,b\n1,2\n3\n4,5\n", -1);
  g_autofree char *missing = sg_test_tmp_path ("missing.csv");
  g_autofree char *not_project = sg_test_write_file ("not-a-project.segmenta", "hello", -1);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (sg_test_run_cli (&out, &err, "import", project, csv, NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  before = sg_test_file_checksum (project);

  /* A row that cannot be read stops the import: the line and the reason, and the project unchanged. */
  g_assert_cmpint (sg_test_run_cli (&out, &err, "import", project, bad, NULL), ==, 1);
  assert_one_error_line (err);
  g_assert_nonnull (strstr (err, "Line 3"));
  g_assert_nonnull (strstr (err, "expected 2 fields, found 1"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (sg_test_run_cli (&out, &err, "import", project, missing, NULL), ==, 1);
  assert_one_error_line (err);
  g_assert_nonnull (strstr (err, "missing.csv"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* The same name twice. */
  g_assert_cmpint (sg_test_run_cli (&out, &err, "import", project, csv, "--name", "ok", NULL), ==, 1);
  assert_one_error_line (err);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A --type for a column the file does not have. */
  g_assert_cmpint (sg_test_run_cli (&out, &err, "import", project, csv, "--type", "nope=text", NULL), ==, 1);
  assert_one_error_line (err);
  g_assert_nonnull (strstr (err, "nope"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  after = sg_test_file_checksum (project);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (sg_test_run_cli (&out, &err, "info", project, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "1 datasets"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (sg_test_run_cli (&out, &err, "import", not_project, csv, NULL), ==, 1);
  assert_one_error_line (err);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (sg_test_run_cli (&out, &err, "info", not_project, NULL), ==, 1);
  assert_one_error_line (err);
}

static void
test_usage_errors (void)
{
  g_autofree char *project = new_project ();
  g_autofree char *csv = sg_test_write_file ("u.csv", people, -1);
  const char *const cases[][4] = {
    { "import", NULL },
    { "import", "P", NULL },
    { "import", "--on-error", "maybe", NULL },
    { "import", "--delimiter", "::", NULL },
    { "import", "--encoding", "ebcdic", NULL },
    { "import", "--date-order", "ydm", NULL },
    { "import", "--type", "age", NULL },
    { "import", "--type", "age=float", NULL },
    { "import", "--bogus", NULL },
    { "import", "--header", "--no-header", NULL },
    { "info", NULL },
    { "info", "--bogus", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      const char *a1 = cases[i][1] && strcmp (cases[i][1], "P") != 0 && cases[i][1][0] == '-' ? cases[i][1] : NULL;
      int status;

      if (strcmp (cases[i][0], "import") == 0 && a1 != NULL)
        status = sg_test_run_cli (&out, &err, "import", project, csv, cases[i][1], cases[i][2], NULL);
      else if (strcmp (cases[i][0], "info") == 0 && a1 != NULL)
        status = sg_test_run_cli (&out, &err, "info", project, a1, NULL);
      else if (cases[i][1] != NULL)
        status = sg_test_run_cli (&out, &err, cases[i][0], project, NULL);
      else
        status = sg_test_run_cli (&out, &err, cases[i][0], NULL);
      g_assert_cmpint (status, ==, 2);
      assert_one_error_line (err);
    }
}

static void
test_help (void)
{
  const char *commands[] = { "import", "info" };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_assert_cmpint (sg_test_run_cli (&out, &err, commands[i], "--help", NULL), ==, 0);
      g_assert_nonnull (strstr (out, "PROJECT"));
    }
  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    g_assert_cmpint (sg_test_run_cli (&out, &err, "--help", NULL), ==, 0);
    g_assert_nonnull (strstr (out, "import"));
    g_assert_nonnull (strstr (out, "info"));
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/import-and-info", test_import_and_info);
  g_test_add_func ("/cli/import-options", test_import_options);
  g_test_add_func ("/cli/import-failures", test_import_failures);
  g_test_add_func ("/cli/usage-errors", test_usage_errors);
  g_test_add_func ("/cli/help", test_help);
  return g_test_run ();
}
