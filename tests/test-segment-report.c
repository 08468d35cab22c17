/* test-segment-report.c — warnings, and the one-call report on the Mall Customers data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "sg-segment-report.h"
#include "sg-test-util.h"

static const SgWarning *
find_warning (GPtrArray *warnings, SgWarningKind kind, gint segment, const char *feature)
{
  for (guint i = 0; i < warnings->len; i++)
    {
      const SgWarning *w = g_ptr_array_index (warnings, i);

      if (w->kind == kind && w->segment == segment && g_strcmp0 (w->feature, feature) == 0)
        return w;
    }
  return NULL;
}

/* find_warning() that fails the test when there is none */
static const SgWarning *
require_warning (GPtrArray *warnings, SgWarningKind kind, gint segment, const char *feature)
{
  const SgWarning *w = find_warning (warnings, kind, segment, feature);

  if (w == NULL)
    g_error ("no %s warning for segment %d, feature %s", sg_warning_kind_to_string (kind), segment, feature);
  return w;
}

static void
test_warnings (void)
{
  /* ten segments (segment 9 has a single customer), a clustering feature that separates them, one
   * that does not, a profile-only column that does not; 130 noise rows (21%) */
  g_autoptr(SgTable) table = sg_table_new ("w");
  SgColumn *signal = sg_table_add_column (table, "signal", SG_COLUMN_DECIMAL);
  SgColumn *noise = sg_table_add_column (table, "noise", SG_COLUMN_DECIMAL);
  SgColumn *extra = sg_table_add_column (table, "extra", SG_COLUMN_DECIMAL);
  g_autoptr(GArray) labels = g_array_new (FALSE, FALSE, sizeof (gint32));
  const guint features[] = { 0, 1 };
  const guint extras[] = { 2 };
  SgProfileOptions options;
  SgWarningOptions wopt;
  g_autoptr(GError) error = NULL;
  g_autoptr(SgProfile) profile = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(SgBootstrapResult) stability = g_new0 (SgBootstrapResult, 1);
  g_autoptr(JsonNode) json = NULL;
  g_autofree char *text = NULL;
  const SgWarning *w;

  for (guint s = 0; s < 10; s++)
    for (guint i = 0; i < (s == 9 ? 1u : 55u); i++)
      {
        gint32 label = (gint32) s;

        sg_column_append_number (signal, s * 10.0 + (i % 5));
        sg_column_append_number (noise, (double) (i % 11));
        sg_column_append_number (extra, (double) (i % 7));
        g_array_append_val (labels, label);
      }
  for (guint i = 0; i < 130; i++)
    {
      gint32 label = -1;

      sg_column_append_number (signal, 45.0 + (i % 3));
      sg_column_append_number (noise, (double) (i % 11));
      sg_column_append_number (extra, (double) (i % 7));
      g_array_append_val (labels, label);
    }
  sg_profile_options_init (&options);
  options.extra_numeric_columns = extras;
  options.n_extra_numeric = 1;
  profile = sg_profile_compute_full (table, (const gint32 *) labels->data, 10, features, 2, NULL, 0,
                                     &options, NULL, &error);
  g_assert_no_error (error);

  stability->k = 10;
  stability->unstable_below = 0.6;
  stability->mean_jaccard = g_new0 (double, 10);
  stability->unstable = g_new0 (gboolean, 10);
  for (guint s = 0; s < 10; s++)
    stability->mean_jaccard[s] = 0.9;
  stability->mean_jaccard[3] = 0.41;
  stability->unstable[3] = TRUE;

  sg_warning_options_init (&wopt);
  warnings = sg_warnings_compute (profile, NULL, stability, 0.18, &wopt);
  for (guint i = 0; i < warnings->len; i++)
    {
      const SgWarning *x = g_ptr_array_index (warnings, i);

      g_test_message ("%s [%s] %d: %s — %s", sg_severity_to_string (x->severity),
                      sg_warning_kind_to_string (x->kind), x->segment, x->message, x->advice);
      g_assert_nonnull (x->advice);
      g_assert_cmpuint (strlen (x->advice), >, 10);
      if (i > 0)
        g_assert_cmpint (((SgWarning *) g_ptr_array_index (warnings, i - 1))->severity, >=, x->severity);
    }
  /* the unstable segment is the most serious, so first */
  w = g_ptr_array_index (warnings, 0);
  g_assert_cmpint (w->kind, ==, SG_WARNING_UNSTABLE_SEGMENT);
  g_assert_cmpint (w->segment, ==, 3);
  g_assert_cmpint (w->severity, ==, SG_SEVERITY_SERIOUS);
  g_assert_nonnull (strstr (w->message, "0.41"));

  w = require_warning (warnings, SG_WARNING_TOO_MANY_SEGMENTS, -1, NULL);
  g_assert_nonnull (strstr (w->message, "5–8"));
  w = require_warning (warnings, SG_WARNING_LOW_SILHOUETTE, -1, NULL);
  g_assert_nonnull (strstr (w->message, "0.18"));
  g_assert_nonnull (find_warning (warnings, SG_WARNING_MANY_UNASSIGNED, -1, NULL));
  w = require_warning (warnings, SG_WARNING_SMALL_SEGMENT, 9, NULL);
  g_assert_nonnull (strstr (w->message, "only 1 customer "));
  g_assert_null (find_warning (warnings, SG_WARNING_SMALL_SEGMENT, 8, NULL));
  /* a clustering feature that separates nothing: a warning naming the correction */
  w = require_warning (warnings, SG_WARNING_WEAK_FEATURE, -1, "noise");
  g_assert_cmpint (w->severity, ==, SG_SEVERITY_WARNING);
  g_assert_nonnull (strstr (w->message, "Holm"));
  /* a profile-only column: information */
  w = require_warning (warnings, SG_WARNING_WEAK_FEATURE, -1, "extra");
  g_assert_cmpint (w->severity, ==, SG_SEVERITY_INFO);
  g_assert_null (find_warning (warnings, SG_WARNING_WEAK_FEATURE, -1, "signal"));
  /* segment 9 (one customer) cannot be shown to differ */
  g_assert_nonnull (find_warning (warnings, SG_WARNING_INDISTINCT_SEGMENT, 9, NULL));
  g_assert_null (find_warning (warnings, SG_WARNING_INDISTINCT_SEGMENT, 0, NULL));

  json = sg_warnings_to_json (warnings);
  text = json_to_string (json, FALSE);
  g_assert_nonnull (strstr (text, "\"kind\":\"unstable-segment\""));
  g_assert_nonnull (strstr (text, "\"severity\":\"serious\""));

  /* a good run: no silhouette, stability or size warnings */
  {
    g_autoptr(GPtrArray) none = NULL;

    wopt.max_segments = 12;
    wopt.max_noise_share = 0.5;
    wopt.min_share = 0.001;
    none = sg_warnings_compute (profile, NULL, NULL, 0.6, &wopt);
    g_assert_null (find_warning (none, SG_WARNING_LOW_SILHOUETTE, -1, NULL));
    g_assert_null (find_warning (none, SG_WARNING_TOO_MANY_SEGMENTS, -1, NULL));
    g_assert_null (find_warning (none, SG_WARNING_MANY_UNASSIGNED, -1, NULL));
    g_assert_null (find_warning (none, SG_WARNING_SMALL_SEGMENT, 9, NULL));
  }
}

/* ---- the one-call report on Mall Customers ---- */

/* A plain reader for this one file: comma-separated, no quotes, header row. */
static SgTable *
load_mall (void)
{
  g_autofree char *path = sg_test_shared_path ("datasets/mall_customers.csv");
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  SgTable *table;
  SgColumn *cols[5];

  if (path == NULL)
    return NULL;
  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);
  table = sg_table_new ("mall");
  cols[0] = sg_table_add_column (table, "CustomerID", SG_COLUMN_IDENTIFIER);
  cols[1] = sg_table_add_column (table, "Genre", SG_COLUMN_CATEGORICAL);
  cols[2] = sg_table_add_column (table, "Age", SG_COLUMN_INTEGER);
  cols[3] = sg_table_add_column (table, "Annual Income (k$)", SG_COLUMN_INTEGER);
  cols[4] = sg_table_add_column (table, "Spending Score (1-100)", SG_COLUMN_INTEGER);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = NULL;

      if (*g_strstrip (lines[i]) == '\0')
        continue;
      f = g_strsplit (lines[i], ",", -1);
      g_assert_cmpuint (g_strv_length (f), ==, 5);
      sg_column_append_string (cols[0], f[0]);
      sg_column_append_string (cols[1], f[1]);
      for (guint c = 2; c < 5; c++)
        sg_column_append_number (cols[c], g_ascii_strtod (f[c], NULL));
    }
  g_assert_cmpuint (sg_table_get_n_rows (table), ==, 200);
  return table;
}

/* Deterministic k-means for the test: farthest-first seeding from row 0, 30 Lloyd steps. */
static gint32 *
small_kmeans (const SgMatrix *x, gpointer user_data, GError **error)
{
  guint k = GPOINTER_TO_UINT (user_data);
  gsize n = x->n_rows, d = x->n_cols;
  g_autofree double *c = g_new0 (double, k * d);
  g_autofree double *mind = g_new (double, n);
  g_autofree double *sum = g_new (double, k * d);
  g_autofree gsize *cnt = g_new (gsize, k);
  gint32 *lab = g_new0 (gint32, n);

  memcpy (c, sg_matrix_row (x, 0), d * sizeof (double));
  for (gsize i = 0; i < n; i++)
    {
      mind[i] = 0;
      for (gsize j = 0; j < d; j++)
        mind[i] += (sg_matrix_row (x, i)[j] - c[j]) * (sg_matrix_row (x, i)[j] - c[j]);
    }
  for (guint m = 1; m < k; m++)
    {
      gsize far = 0;

      for (gsize i = 1; i < n; i++)
        if (mind[i] > mind[far])
          far = i;
      memcpy (c + m * d, sg_matrix_row (x, far), d * sizeof (double));
      for (gsize i = 0; i < n; i++)
        {
          double s = 0;

          for (gsize j = 0; j < d; j++)
            s += (sg_matrix_row (x, i)[j] - c[m * d + j]) * (sg_matrix_row (x, i)[j] - c[m * d + j]);
          mind[i] = MIN (mind[i], s);
        }
    }
  for (int it = 0; it < 30; it++)
    {
      memset (sum, 0, k * d * sizeof (double));
      memset (cnt, 0, k * sizeof (gsize));
      for (gsize i = 0; i < n; i++)
        {
          double best = G_MAXDOUBLE;

          for (guint m = 0; m < k; m++)
            {
              double s = 0;

              for (gsize j = 0; j < d; j++)
                s += (sg_matrix_row (x, i)[j] - c[m * d + j]) * (sg_matrix_row (x, i)[j] - c[m * d + j]);
              if (s < best)
                {
                  best = s;
                  lab[i] = (gint32) m;
                }
            }
          cnt[lab[i]]++;
          for (gsize j = 0; j < d; j++)
            sum[lab[i] * d + j] += sg_matrix_row (x, i)[j];
        }
      for (guint m = 0; m < k; m++)
        for (gsize j = 0; j < d && cnt[m] > 0; j++)
          c[m * d + j] = sum[m * d + j] / (double) cnt[m];
    }
  return lab;
}

enum { MALL_MIDDLE, MALL_RICH_SPENDERS, MALL_RICH_SAVERS, MALL_POOR_SPENDERS, MALL_POOR_SAVERS };

static void
test_mall_report (void)
{
  g_autoptr(SgTable) table = load_mall ();
  g_autofree gint32 *labels = NULL;
  const guint features[] = { 3, 4 };
  const guint extra[] = { 2 };
  const guint cats[] = { 1 };
  g_autoptr(SgMatrix) x = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SgSegmentReport) report = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *text = NULL;
  SgReportOptions options;
  const char *user[] = { NULL, NULL, NULL, NULL, "Young Trendsetters" };
  guint n;

  if (table == NULL)
    return;
  n = sg_table_get_n_rows (table);
  /* planted labels: the five classic income × score groups by thresholds */
  labels = g_new (gint32, n);
  for (guint r = 0; r < n; r++)
    {
      double i = sg_column_get_number (sg_table_get_column (table, 3), r);
      double s = sg_column_get_number (sg_table_get_column (table, 4), r);

      labels[r] = i >= 70 && s >= 60 ? MALL_RICH_SPENDERS
                  : i >= 70 && s <= 40 ? MALL_RICH_SAVERS
                  : i <= 40 && s >= 60 ? MALL_POOR_SPENDERS
                  : i <= 40 && s <= 40 ? MALL_POOR_SAVERS : MALL_MIDDLE;
    }
  x = sg_matrix_from_table (table, features, 2, NULL, &error);
  g_assert_no_error (error);
  sg_test_zscore (x);

  sg_report_options_init (&options);
  options.feature_columns = features;
  options.n_features = 2;
  options.categorical_columns = cats;
  options.n_categorical = 1;
  options.profile.extra_numeric_columns = extra;
  options.profile.n_extra_numeric = 1;
  options.user_names = user;
  options.matrix = x;
  options.cluster = small_kmeans;
  options.cluster_data = GUINT_TO_POINTER (5);
  options.bootstrap.n_boot = 20;
  options.bootstrap.seed = 1;
  options.silhouette = 0.55;     /* scikit-learn's silhouette for the classic five is about 0.55 */
  options.compare_column = 1;    /* Genre, standing in for an old segmentation */
  report = sg_segment_report_compute (table, labels, 5, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);

  for (guint s = 0; s < 5; s++)
    {
      g_autofree char *rules = sg_cart_describe_segment (report->cart, s);

      g_test_message ("%u %s [%s] size %" G_GUINT64_FORMAT ", Jaccard %.2f\n%s", s, report->name_strv[s],
                      report->names->names[s].rule_id, report->profile->segments[s].size,
                      report->stability->mean_jaccard[s], rules);
    }
  for (guint i = 0; i < report->warnings->len; i++)
    g_test_message ("warning: %s", ((SgWarning *) g_ptr_array_index (report->warnings, i))->message);

  /* names: four rules fire and the user's name is kept */
  g_assert_cmpstr (report->names->names[MALL_RICH_SPENDERS].rule_id, ==, SG_NAME_RULE_AFFLUENT_BIG_SPENDERS);
  g_assert_cmpstr (report->names->names[MALL_RICH_SAVERS].rule_id, ==, SG_NAME_RULE_AFFLUENT_CAREFUL);
  g_assert_cmpstr (report->names->names[MALL_POOR_SPENDERS].rule_id, ==, SG_NAME_RULE_ASPIRATIONAL_SPENDERS);
  g_assert_cmpstr (report->names->names[MALL_MIDDLE].rule_id, ==, SG_NAME_RULE_MAINSTREAM);
  g_assert_cmpstr (report->name_strv[MALL_POOR_SAVERS], ==, "Young Trendsetters");

  /* the tree recovers the planted thresholds (income 70, score 40 / 60) in original units */
  g_assert_nonnull (report->cart);
  g_assert_null (report->cart_error);
  g_assert_cmpfloat (report->cart->accuracy, >=, 0.95);
  g_assert_cmpuint (report->cart->n_rules[MALL_RICH_SPENDERS], >=, 1);
  {
    const SgCartRule *rule = &report->cart->rules[MALL_RICH_SPENDERS][0];

    g_test_message ("rich spenders: %s", rule->condition);
    g_assert_nonnull (strstr (rule->condition, "Annual Income (k$) ≥ 7"));
    g_assert_nonnull (strstr (rule->condition, "Spending Score (1-100) ≥ 5"));
    g_assert_cmpfloat (rule->coverage, >=, 0.9);
    g_assert_cmpfloat (rule->precision, >=, 0.9);
  }
  for (guint i = 0; i < report->cart->n_nodes; i++)
    {
      const SgCartNode *node = &report->cart->nodes[i];

      if (node->leaf)
        continue;
      /* every threshold is a midpoint between neighbouring values (integers); the cut rules show is a
       * whole number on the same gap */
      g_assert_cmpfloat (node->threshold - floor (node->threshold), ==, 0.5);
      g_assert_cmpfloat (node->cut, ==, floor (node->cut));
    }

  /* bootstrap: the groups k-means finds again are stable */
  g_assert_nonnull (report->stability);
  g_assert_cmpuint (report->stability->n_boot, ==, 20);
  g_assert_false (report->stability->unstable[MALL_RICH_SPENDERS]);
  g_assert_false (report->stability->unstable[MALL_POOR_SAVERS]);

  /* Genre is not what the segments are about */
  g_assert_nonnull (report->comparison);
  g_assert_cmpuint (report->comparison->n_old, ==, 2);
  g_assert_cmpfloat (fabs (report->comparison->ari), <, 0.05);
  g_assert_cmpuint (report->comparison->n_splits, ==, 2);

  /* JSON round trip */
  json = sg_segment_report_to_json (report);
  text = json_to_string (json, TRUE);
  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  {
    JsonObject *root = json_node_get_object (json_parser_get_root (parser));

    g_assert_true (json_object_has_member (root, "profile"));
    g_assert_true (json_object_has_member (root, "tree"));
    g_assert_true (json_object_has_member (root, "stability"));
    g_assert_true (json_object_has_member (root, "comparison"));
    g_assert_true (json_object_has_member (root, "warnings"));
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "names")), ==, 5);
  }
}

static void
test_report_cancel (void)
{
  g_autoptr(SgTable) table = load_mall ();
  g_autofree gint32 *labels = NULL;
  const guint features[] = { 3, 4 };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  SgProgress progress = sg_progress_init (NULL, NULL, cancellable);
  SgReportOptions options;
  g_autoptr(GError) error = NULL;
  SgSegmentReport *report;

  if (table == NULL)
    return;
  labels = g_new0 (gint32, 200);
  for (guint r = 0; r < 200; r++)
    labels[r] = r % 2;
  sg_report_options_init (&options);
  options.feature_columns = features;
  options.n_features = 2;
  g_cancellable_cancel (cancellable);
  report = sg_segment_report_compute (table, labels, 2, &options, &progress, &error);
  g_assert_null (report);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/segment-report/warnings", test_warnings);
  g_test_add_func ("/segment-report/mall", test_mall_report);
  g_test_add_func ("/segment-report/cancel", test_report_cancel);
  return g_test_run ();
}
