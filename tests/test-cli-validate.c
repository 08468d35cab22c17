/* test-cli-validate.c — segmenta-cli profile and validate: output, JSON, exit codes, project unchanged
 * on error; segment names in segmenta-cli segment
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdarg.h>
#include <string.h>
#include <json-glib/json-glib.h>

#include "sg-test-util.h"

#define FEATURES "Annual Income (k$),Spending Score (1-100)"

/* A project with the mall data and one k-means run of 5 segments (run 1). */
static char *
mall_project (void)
{
  static guint counter;
  g_autofree char *mall = sg_test_shared_path ("datasets/mall_customers.csv");
  g_autofree char *file = g_strdup_printf ("validate-%u.segmenta", counter++);
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
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (sg_test_run_cli (&out, &err, "segment", path, "-d", "mall", "-f", FEATURES, "-k", "5",
                                    "--seed", "42", "--name", "Mall five", NULL), ==, 0);
  /* the segment command shows the automatic names */
  g_assert_nonnull (strstr (out, "Affluent Big Spenders"));
  g_assert_nonnull (strstr (out, "Budget-Conscious Customers"));
  return path;
}

static JsonObject *
parse_object (JsonParser *parser,
              const char *text)
{
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

static guint
count (const char *haystack,
       const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

static void
test_profile_text (void)
{
  g_autofree char *project = mall_project ();
  g_autofree char *out = NULL, *err = NULL;

  if (project == NULL)
    return;
  g_assert_cmpint (sg_test_run_cli (&out, &err, "profile", project, "--run", "1", NULL), ==, 0);
  g_test_message ("%s", out);
  g_assert_nonnull (strstr (out, "“Mall five” on “mall”: 5 segments, 200 customers"));
  g_assert_cmpuint (count (out, "Segment "), ==, 5);
  g_assert_nonnull (strstr (out, "Affluent Big Spenders"));
  g_assert_nonnull (strstr (out, "Named by rule “affluent_big_spenders”"));
  g_assert_nonnull (strstr (out, "Earns"));                 /* a distinctive sentence */
  g_assert_nonnull (strstr (out, "Genre: Female"));         /* categorical lifts */
  g_assert_nonnull (strstr (out, "% precise"));             /* rules with precision and coverage */
  g_assert_nonnull (strstr (out, "Decision tree:"));
  g_assert_nonnull (strstr (out, "Significantly different from the rest"));
  g_assert_nonnull (strstr (out, "Do not differ significantly: Genre"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* one segment, the run by name */
  g_assert_cmpint (sg_test_run_cli (&out, &err, "profile", project, "--run", "Mall five", "--segment", "3", NULL), ==, 0);
  g_assert_cmpuint (count (out, "Segment "), ==, 1);
  g_assert_nonnull (strstr (out, "Segment 3 · "));
  g_assert_null (strstr (out, "Decision tree:"));
}

static void
test_profile_json (void)
{
  g_autofree char *project = mall_project ();
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *before = NULL, *after = NULL;
  JsonObject *root, *report, *segment;

  if (project == NULL)
    return;
  before = sg_test_file_checksum (project);
  g_assert_cmpint (sg_test_run_cli (&out, &err, "profile", project, "--run", "1", "--json", NULL), ==, 0);
  root = parse_object (parser, out);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (root, "run"), "k"), ==, 5);
  report = json_object_get_object_member (root, "report");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (report, "names")), ==, 5);
  g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (report, "tree"), "accuracy"), >, 0.8);
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (report, "stability")));
  g_assert_nonnull (json_object_get_object_member (report, "profile"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  /* profile writes nothing */
  after = sg_test_file_checksum (project);
  g_assert_cmpstr (before, ==, after);

  g_assert_cmpint (sg_test_run_cli (&out, &err, "profile", project, "--run", "1", "--segment", "2", "--json", NULL), ==, 0);
  root = parse_object (parser, out);
  segment = json_object_get_object_member (root, "segment");
  g_assert_cmpint (json_object_get_int_member (segment, "label"), ==, 1);
  g_assert_nonnull (json_object_get_object_member (segment, "naming"));
  g_assert_nonnull (json_object_get_array_member (segment, "rules"));
}

static void
test_validate_text_and_json (void)
{
  g_autofree char *project = mall_project ();
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root, *report, *options, *run;
  JsonNode *metrics;

  if (project == NULL)
    return;
  g_assert_cmpint (sg_test_run_cli (&out, &err, "validate", project, "--run", "1", "--bootstrap", "5", "--compare",
                                    "Genre", "--min-size", "12%", NULL), ==, 0);
  g_test_message ("%s", out);
  g_assert_nonnull (strstr (out, "Stability: 5 resamples"));
  g_assert_cmpuint (count (out, "stable "), ==, 5);
  g_assert_nonnull (strstr (out, "Comparison with “Genre” (200 customers in both): adjusted Rand index"));
  g_assert_nonnull (strstr (out, "The old scheme mixes AI segments:"));
  g_assert_nonnull (strstr (out, "below the minimum of 12%"));
  g_assert_nonnull (strstr (out, "What to do:"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (sg_test_run_cli (&out, &err, "validate", project, "--run", "1", "--bootstrap", "4", "--seed", "9",
                                    "--min-size", "30", "--json", NULL), ==, 0);
  root = parse_object (parser, out);
  options = json_object_get_object_member (root, "options");
  g_assert_cmpint (json_object_get_int_member (options, "bootstrap"), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (options, "seed"), ==, "9");
  g_assert_cmpint (json_object_get_int_member (options, "min_count"), ==, 30);
  report = json_object_get_object_member (root, "report");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (report, "stability"), "n_boot"), ==, 4);
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (report, "comparison")));
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (root, "time_stability")));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* stored with the run */
  g_assert_cmpint (sg_test_run_cli (&out, &err, "runs", project, "--json", NULL), ==, 0);
  g_assert_nonnull (json_parser_load_from_data (parser, out, -1, NULL) ? out : NULL);
  run = json_array_get_object_element (json_node_get_array (json_parser_get_root (parser)), 0);
  metrics = json_object_get_member (run, "metrics");
  g_assert_true (json_object_has_member (json_node_get_object (metrics), "report"));
  g_assert_true (json_object_has_member (json_node_get_object (metrics), "validation"));
}

static void
assert_fails (const char *project,
              int         expected_status,
              const char *fragment,
              ...)
{
  g_autofree char *out = NULL, *err = NULL;
  const char *args[16] = { 0 };
  va_list ap;
  guint n = 0;
  int status;

  va_start (ap, fragment);
  for (const char *a = va_arg (ap, const char *); a != NULL && n < 14; a = va_arg (ap, const char *))
    {
      args[n++] = a;
      if (n == 1)
        args[n++] = project;
    }
  va_end (ap);
  status = sg_test_run_cli (&out, &err, args[0], args[1], args[2], args[3], args[4], args[5], args[6], args[7],
                            args[8], args[9], args[10], args[11], args[12], args[13], NULL);
  g_test_message ("%s → %d: %s", args[0], status, err);
  g_assert_cmpint (status, ==, expected_status);
  g_assert_nonnull (strstr (err, fragment));
  /* one line */
  g_assert_cmpuint (count (err, "\n"), ==, 1);
  g_assert_true (g_str_has_suffix (err, "\n"));
}

static void
test_errors_leave_project_unchanged (void)
{
  g_autofree char *project = mall_project ();
  g_autofree char *before = NULL, *after = NULL;

  if (project == NULL)
    return;
  before = sg_test_file_checksum (project);
  assert_fails (project, 2, "--run is required", "profile", NULL);
  assert_fails (project, 2, "--run is required", "validate", NULL);
  assert_fails (project, 2, "--segment", "profile", "--run", "1", "--segment", "-2", NULL);
  assert_fails (project, 2, "--min-size", "validate", "--run", "1", "--min-size", "lots", NULL);
  assert_fails (project, 2, "--min-size", "validate", "--run", "1", "--min-size", "150%", NULL);
  assert_fails (project, 2, "--seed", "validate", "--run", "1", "--seed", "-1", NULL);
  assert_fails (project, 2, "negative", "validate", "--run", "1", "--bootstrap", "-3", NULL);
  assert_fails (project, 2, "--bootstrap", "validate", "--run", "1", "--bootstrap", "many", NULL);
  assert_fails (project, 1, "There is no run “7”", "profile", "--run", "7", NULL);
  assert_fails (project, 1, "There is no run “Old”", "validate", "--run", "Old", NULL);
  assert_fails (project, 1, "has no segment 9", "profile", "--run", "1", "--segment", "9", NULL);
  assert_fails (project, 1, "has no column “Tier”", "validate", "--run", "1", "--compare", "Tier", NULL);
  assert_fails (project, 1, "not derived from transactions", "validate", "--run", "1", "--time", NULL);
  after = sg_test_file_checksum (project);
  g_assert_cmpstr (before, ==, after);
  /* not a project at all */
  assert_fails ("/nonexistent/x.segmenta", 1, "x.segmenta", "validate", "--run", "1", NULL);
}

static void
test_validate_time_on_transactions (void)
{
  static guint counter;
  g_autofree char *csv = sg_test_shared_path ("datasets/online_retail_sample.csv");
  g_autofree char *file = g_strdup_printf ("retail-validate-%u.segmenta", counter++);
  g_autofree char *project = sg_test_tmp_path (file);
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *time;

  if (csv == NULL)
    return;
#define RUN(...) do { g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free); \
                      g_assert_cmpint (sg_test_run_cli (&out, &err, __VA_ARGS__, NULL), ==, 0); } while (0)
  RUN ("new", project);
  RUN ("import", project, csv, "--name", "lines");
  RUN ("derive", project, "--transactions", "lines", "--as", "customers");
  RUN ("segment", project, "-d", "customers", "-f", "recency_days,frequency,monetary", "--log1p",
       "frequency,monetary", "-k", "4", "--name", "RFM four");
  RUN ("validate", project, "--run", "RFM four", "--time", "--bootstrap", "0", "--compare", "rfm_segment");
  g_test_message ("%s", out);
  g_assert_nonnull (strstr (out, "Stability: not checked"));
  g_assert_nonnull (strstr (out, "Stability over time: features derived again as of"));
  g_assert_nonnull (strstr (out, "customers are in both"));
  g_assert_nonnull (strstr (out, "Adjusted Rand index"));
  g_assert_nonnull (strstr (out, "Comparison with “rfm_segment”"));
  RUN ("validate", project, "--run", "RFM four", "--time", "--bootstrap", "0", "--json");
  time = json_object_get_object_member (parse_object (parser, out), "time_stability");
  g_assert_nonnull (time);
  g_assert_cmpint (json_object_get_int_member (time, "n_common"), >, 0);
  g_assert_cmpfloat (json_object_get_double_member (time, "ari"), >=, -1.0);
  g_assert_cmpfloat (json_object_get_double_member (time, "ari"), <=, 1.0);
#undef RUN
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli-validate/profile-text", test_profile_text);
  g_test_add_func ("/cli-validate/profile-json", test_profile_json);
  g_test_add_func ("/cli-validate/validate-text-and-json", test_validate_text_and_json);
  g_test_add_func ("/cli-validate/errors-leave-project-unchanged", test_errors_leave_project_unchanged);
  g_test_add_func ("/cli-validate/validate-time-on-transactions", test_validate_time_on_transactions);
  return g_test_run ();
}
