/* test-cli-segment.c — segmenta-cli segment, scan, runs and cluster: output, JSON, exit codes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <json-glib/json-glib.h>

#include "sg-test-util.h"

static char *
demo_project (void)
{
  static guint counter;
  g_autofree char *mall = sg_test_shared_path ("datasets/mall_customers.csv");
  g_autofree char *file = g_strdup_printf ("cli-%u.segmenta", counter++);
  char *path = sg_test_tmp_path (file);
  g_autofree char *out = NULL, *err = NULL;

  if (mall == NULL)
    {
      g_free (path);
      return NULL;
    }
  g_assert_cmpint (sg_test_run_cli (&out, &err, "new", path, NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (sg_test_run_cli (&out, &err, "import", path, mall, "--name", "mall", NULL), ==, 0);
  return path;
}

#define FEATURES "Annual Income (k$),Spending Score (1-100)"

static JsonObject *
parse_object (JsonParser *parser,
              const char *text)
{
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

static void
test_segment_auto_json (void)
{
  g_autofree char *project = demo_project ();
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *result;

  if (project == NULL)
    return;
  g_assert_cmpint (sg_test_run_cli (&out, &err, "segment", project, "--dataset", "mall", "--features", FEATURES,
                                    "--json", NULL), ==, 0);
  result = parse_object (parser, out);
  /* The classic mall data has five income × spending groups. */
  g_assert_cmpint (json_object_get_int_member (result, "k"), ==, 5);
  g_assert_cmpint (json_object_get_int_member (result, "rows"), ==, 200);
  g_assert_true (json_object_has_member (json_object_get_object_member (result, "metrics"), "scan"));
}

static void
test_scan_and_runs (void)
{
  g_autofree char *project = demo_project ();
  g_autofree char *out = NULL, *err = NULL;

  if (project == NULL)
    return;
  g_assert_cmpint (sg_test_run_cli (&out, &err, "scan", project, "-d", "mall", "-f", FEATURES, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "recommended"));
  g_assert_nonnull (strstr (out, "5 segments"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (sg_test_run_cli (&out, &err, "segment", project, "-d", "mall", "-f", FEATURES, "-k", "3",
                                    "--algorithm", "gmm", "--name", "Three groups", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Three groups"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (sg_test_run_cli (&out, &err, "runs", project, "--rename", "1", "--name", "Renamed", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Renamed"));
  g_assert_nonnull (strstr (out, "gmm"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (sg_test_run_cli (&out, &err, "runs", project, "--delete", "1", NULL), ==, 0);
  g_assert_null (strstr (out, "Renamed"));
}

static void
assert_fails (int expected_status,
              const char *fragment,
              const char *first,
              ...)
{
  g_autofree char *out = NULL, *err = NULL;
  const char *args[16] = { 0 };
  va_list ap;
  guint n = 0;
  int status;

  args[n++] = first;
  va_start (ap, first);
  for (const char *a = va_arg (ap, const char *); a != NULL && n < 15; a = va_arg (ap, const char *))
    args[n++] = a;
  va_end (ap);
  status = sg_test_run_cli (&out, &err, args[0], args[1], args[2], args[3], args[4], args[5], args[6], args[7],
                            args[8], args[9], args[10], args[11], args[12], args[13], args[14], NULL);
  g_assert_cmpint (status, ==, expected_status);
  g_assert_nonnull (strstr (err, fragment));
  /* One line. */
  g_assert_cmpuint (strlen (err), >, 0);
  g_assert_null (strchr (err, '\n') == err + strlen (err) - 1 ? NULL : strchr (err, '\n'));
}

static void
test_errors (void)
{
  g_autofree char *project = demo_project ();
  g_autofree char *before = NULL, *after = NULL;

  if (project == NULL)
    return;
  before = sg_test_file_checksum (project);
  assert_fails (2, "--dataset", "segment", project, NULL);
  assert_fails (2, "algorithm", "segment", project, "-d", "mall", "-f", "Age", "-a", "magic", NULL);
  assert_fails (2, "--k", "segment", project, "-d", "mall", "-f", "Age", "-k", "many", NULL);
  assert_fails (1, "no column", "segment", project, "-d", "mall", "-f", "Height", NULL);
  assert_fails (1, "not numbers", "segment", project, "-d", "mall", "-f", "Genre", NULL);
  assert_fails (1, "only 200 customers", "segment", project, "-d", "mall", "-f", "Age", "-k", "500", NULL);
  assert_fails (1, "no dataset", "segment", project, "-d", "nope", "-f", "Age", NULL);
  assert_fails (1, "nothing to scan", "scan", project, "-d", "mall", "-f", "Age", "-a", "dbscan", NULL);
  assert_fails (1, "no run", "runs", project, "--delete", "99", NULL);
  after = sg_test_file_checksum (project);
  g_assert_cmpstr (before, ==, after);
}

static void
test_cluster_csv_mode (void)
{
  g_autofree char *csv = sg_test_shared_path ("reference/blobs_4x5.csv");
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *result;

  if (csv == NULL)
    return;
  g_assert_cmpint (sg_test_run_cli (&out, &err, "cluster", csv, "-k", "4", "--json", NULL), ==, 0);
  result = parse_object (parser, out);
  g_assert_cmpint (json_object_get_int_member (result, "rows"), ==, 3000);
  g_assert_cmpint (json_object_get_int_member (result, "columns"), ==, 5);
  /* scikit-learn's inertia on this data: 781.613 (reference/blobs_4x5.json). */
  g_assert_cmpfloat (json_object_get_double_member (result, "inertia"), <=, 781.6130536787093 * 1.001);
  g_assert_cmpint (json_array_get_int_element (json_object_get_array_member (result, "sizes"), 0), ==, 750);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (sg_test_run_cli (&out, &err, "cluster", csv, NULL), ==, 2);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli-segment/segment-auto-json", test_segment_auto_json);
  g_test_add_func ("/cli-segment/scan-and-runs", test_scan_and_runs);
  g_test_add_func ("/cli-segment/errors", test_errors);
  g_test_add_func ("/cli-segment/cluster-csv-mode", test_cluster_csv_mode);
  return g_test_run ();
}
