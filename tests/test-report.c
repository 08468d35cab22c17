/* test-report.c — the stakeholder PDF: pages as the layout predicts, the names and texts in it, runs
 * without a scan or without their model, long persona text flowing onto continuation pages, Letter
 * paper, async and cancel, and the CLI's exit codes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Also a tool: `test-report --make-project PATH ROWS K` builds the synthetic project the tests use
 * (for benchmarks and for looking at the PDF).
 */
#include "config.h"

#include <gsl/gsl_eigen.h>
#include <gsl/gsl_matrix.h>
#include <math.h>
#include <string.h>
#include <glib/gstdio.h>

#include "sg-error.h"
#include "sg-naming.h"
#include "sg-persona.h"
#include "sg-playbook.h"
#include "sg-profile.h"
#include "sg-random.h"
#include "sg-report.h"
#include "sg-test-util.h"

#define N_FEATURES 6
/* Title, the data, method and quality, the customer map, segment profiles. */
#define FIXED_PAGES 5

static const char *const feature_names[N_FEATURES] = {
  "days_since_last_purchase", "orders", "total_spend", "avg_order_value", "age", "income_k",
};

/* Segment archetypes: centre of each feature. */
static const double centres[6][N_FEATURES] = {
  { 20, 25, 4000, 160, 45, 85 },
  { 400, 10, 2500, 250, 52, 95 },
  { 30, 2, 80, 40, 29, 40 },
  { 500, 2, 60, 30, 38, 45 },
  { 60, 12, 600, 50, 34, 50 },
  { 200, 20, 1800, 90, 41, 65 },
};
static const double weights[6] = { 0.12, 0.08, 0.25, 0.2, 0.2, 0.15 };

typedef struct {
  gboolean    scan;           /* store a k scan (k chosen automatically) */
  gboolean    model;          /* store model JSON and the PCA array */
  const char *persona_text;   /* the first segment's persona description (NULL: a short one) */
} BuildOptions;

static const char *const tagline = "Buys every month, never waits for a sale";

static char *
node_to_string (JsonNode *node)
{
  return json_to_string (node, FALSE);
}

/* Principal components of the standardised features (covariance eigenvectors, largest first). */
static void
pca (const double *x,
     const gint32 *labels,
     gsize         n,
     float        *scores,
     double       *ratio,
     double       *components)
{
  gsl_matrix *cov = gsl_matrix_calloc (N_FEATURES, N_FEATURES);
  gsl_matrix *vectors = gsl_matrix_alloc (N_FEATURES, N_FEATURES);
  gsl_vector *values = gsl_vector_alloc (N_FEATURES);
  gsl_eigen_symmv_workspace *work = gsl_eigen_symmv_alloc (N_FEATURES);
  double mean[N_FEATURES] = { 0 }, sd[N_FEATURES] = { 0 }, total = 0;
  gsize m = 0;

  for (gsize i = 0; i < n; i++)
    if (labels[i] != -2)
      {
        m++;
        for (int f = 0; f < N_FEATURES; f++)
          mean[f] += x[i * N_FEATURES + f];
      }
  for (int f = 0; f < N_FEATURES; f++)
    mean[f] /= m;
  for (gsize i = 0; i < n; i++)
    if (labels[i] != -2)
      for (int f = 0; f < N_FEATURES; f++)
        sd[f] += (x[i * N_FEATURES + f] - mean[f]) * (x[i * N_FEATURES + f] - mean[f]);
  for (int f = 0; f < N_FEATURES; f++)
    sd[f] = sqrt (sd[f] / m);
  for (gsize i = 0; i < n; i++)
    if (labels[i] != -2)
      for (int a = 0; a < N_FEATURES; a++)
        for (int b = 0; b < N_FEATURES; b++)
          *gsl_matrix_ptr (cov, a, b) += (x[i * N_FEATURES + a] - mean[a]) / sd[a] *
                                         (x[i * N_FEATURES + b] - mean[b]) / sd[b] / m;
  gsl_eigen_symmv (cov, values, vectors, work);
  gsl_eigen_symmv_sort (values, vectors, GSL_EIGEN_SORT_VAL_DESC);
  for (int c = 0; c < N_FEATURES; c++)
    total += gsl_vector_get (values, c);
  for (int c = 0; c < N_FEATURES; c++)
    {
      ratio[c] = gsl_vector_get (values, c) / total;
      for (int f = 0; f < N_FEATURES; f++)
        components[c * N_FEATURES + f] = gsl_matrix_get (vectors, f, c);
    }
  for (gsize i = 0; i < n; i++)
    for (int c = 0; c < 3; c++)
      {
        double s = 0;

        if (labels[i] == -2)
          {
            scores[i * 3 + c] = NAN;
            continue;
          }
        for (int f = 0; f < N_FEATURES; f++)
          s += (x[i * N_FEATURES + f] - mean[f]) / sd[f] * components[c * N_FEATURES + f];
        scores[i * 3 + c] = (float) s;
      }
  gsl_eigen_symmv_free (work);
  gsl_vector_free (values);
  gsl_matrix_free (vectors);
  gsl_matrix_free (cov);
}

static JsonNode *
build_model (guint         k,
             const double *means,
             const double *ratio,
             const double *components)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "features");
  json_builder_begin_array (b);
  for (int f = 0; f < N_FEATURES; f++)
    json_builder_add_string_value (b, feature_names[f]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "k");
  json_builder_add_int_value (b, k);
  json_builder_set_member_name (b, "scaler");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "method");
  json_builder_add_string_value (b, "zscore");
  json_builder_end_object (b);
  json_builder_set_member_name (b, "kmeans");
  json_builder_begin_object (b);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "centroids");
  json_builder_begin_array (b);
  for (guint s = 0; s < k; s++)
    {
      json_builder_begin_array (b);
      for (int f = 0; f < N_FEATURES; f++)
        json_builder_add_double_value (b, means[s * N_FEATURES + f]);
      json_builder_end_array (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "pca");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "explained_variance_ratio");
  json_builder_begin_array (b);
  for (int c = 0; c < N_FEATURES; c++)
    json_builder_add_double_value (b, ratio[c]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "components");
  json_builder_begin_array (b);
  for (int c = 0; c < N_FEATURES; c++)
    {
      json_builder_begin_array (b);
      for (int f = 0; f < N_FEATURES; f++)
        json_builder_add_double_value (b, components[c * N_FEATURES + f]);
      json_builder_end_array (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static JsonNode *
build_metrics (guint    k,
               gboolean scan)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "inertia");
  json_builder_add_double_value (b, 41234.5);
  json_builder_set_member_name (b, "silhouette");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "mean");
  json_builder_add_double_value (b, 0.412);
  json_builder_set_member_name (b, "ci_low");
  json_builder_add_double_value (b, 0.405);
  json_builder_set_member_name (b, "ci_high");
  json_builder_add_double_value (b, 0.419);
  json_builder_set_member_name (b, "sampled");
  json_builder_add_boolean_value (b, TRUE);
  json_builder_set_member_name (b, "sample_size");
  json_builder_add_int_value (b, 20000);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "davies_bouldin");
  json_builder_add_double_value (b, 0.93);
  json_builder_set_member_name (b, "calinski_harabasz");
  json_builder_add_double_value (b, 18234.7);
  json_builder_set_member_name (b, "bic");
  json_builder_add_null_value (b);
  json_builder_set_member_name (b, "n_iter");
  json_builder_add_int_value (b, 14);
  json_builder_set_member_name (b, "seconds");
  json_builder_add_double_value (b, 0.84);
  if (scan)
    {
      json_builder_set_member_name (b, "scan");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "rows");
      json_builder_begin_array (b);
      for (guint j = 2; j <= 10; j++)
        {
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "k");
          json_builder_add_int_value (b, j);
          json_builder_set_member_name (b, "inertia");
          json_builder_add_double_value (b, 120000.0 / (j < k ? j : k + (j - k) * 0.15) + 20000);
          json_builder_set_member_name (b, "silhouette");
          json_builder_add_double_value (b, 0.41 - 0.03 * fabs ((double) j - k));
          json_builder_set_member_name (b, "smallest_share");
          json_builder_add_double_value (b, 0.3 / j);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_set_member_name (b, "recommended_k");
      json_builder_add_int_value (b, k);
      json_builder_set_member_name (b, "elbow_k");
      json_builder_add_int_value (b, k);
      json_builder_set_member_name (b, "reason");
      json_builder_add_string_value (b, "The bend of the inertia curve and the best silhouette both point to this "
                                        "number; the smallest segment holds 8% of customers.");
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* What the importer stores with a dataset. */
static char *
build_import_report (guint n_rows)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "file");
  json_builder_add_string_value (b, "/data/customers.csv");
  json_builder_set_member_name (b, "rows_read");
  json_builder_add_int_value (b, n_rows);
  json_builder_set_member_name (b, "rows_stored");
  json_builder_add_int_value (b, n_rows);
  json_builder_set_member_name (b, "rows_rejected");
  json_builder_add_int_value (b, 0);
  json_builder_set_member_name (b, "warnings");
  json_builder_begin_array (b);
  json_builder_add_string_value (b, "Column “income_k” has empty cells: read as missing.");
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return node_to_string (root);
}

/* The run's settings as the segmenter writes them (k 0: chosen by a scan). */
static char *
build_settings (gint64 dataset_id,
                guint  k)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "dataset_id");
  json_builder_add_int_value (b, dataset_id);
  json_builder_set_member_name (b, "features");
  json_builder_begin_array (b);
  for (int f = 0; f < N_FEATURES; f++)
    json_builder_add_string_value (b, feature_names[f]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "algorithm");
  json_builder_add_string_value (b, "kmeans");
  json_builder_set_member_name (b, "k");
  json_builder_add_int_value (b, k);
  json_builder_set_member_name (b, "k_min");
  json_builder_add_int_value (b, 2);
  json_builder_set_member_name (b, "k_max");
  json_builder_add_int_value (b, 10);
  json_builder_set_member_name (b, "scaling");
  json_builder_add_string_value (b, "zscore");
  json_builder_set_member_name (b, "log1p");
  json_builder_begin_array (b);
  json_builder_add_string_value (b, "total_spend");
  json_builder_end_array (b);
  json_builder_set_member_name (b, "seed");
  json_builder_add_string_value (b, "42");
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return node_to_string (root);
}

static void
add_marketing (SgProject          *project,
               gint64              run_id,
               const BuildOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SgPersona) persona = sg_persona_new ();
  g_autoptr(SgPlaybook) playbook = sg_playbook_new ();
  g_autoptr(SgPlaybook) draft = sg_playbook_new ();
  g_autoptr(SgKpi) repeat = sg_kpi_new (SG_KPI_REPEAT_PURCHASE_RATE);
  g_autoptr(SgKpi) revenue = sg_kpi_new (SG_KPI_REVENUE_PER_CUSTOMER);

  sg_persona_set_field (persona, SG_PERSONA_NAME, "Loyal Lena");
  sg_persona_set_field (persona, SG_PERSONA_TAGLINE, tagline);
  sg_persona_set_field (persona, SG_PERSONA_DESCRIPTION,
                        options->persona_text != NULL ? options->persona_text
                        : "Lena has bought from us for **six years** and orders about twice a month. She reads "
                          "our newsletter and *expects* to be recognised.");
  sg_persona_set_field (persona, SG_PERSONA_DEMOGRAPHICS, "- Mid-forties\n- Income well above average");
  sg_persona_set_field (persona, SG_PERSONA_BEHAVIOURS, "- Orders about twice a month\n- Spends 4× the average");
  sg_persona_set_field (persona, SG_PERSONA_GOALS, "Quality and convenience; no hassle with returns.");
  sg_persona_set_channels (persona, SG_CHANNEL_BIT (SG_CHANNEL_EMAIL) | SG_CHANNEL_BIT (SG_CHANNEL_IN_APP));
  g_assert_true (sg_project_save_persona (project, run_id, 0, persona, &error));
  g_assert_no_error (error);

  sg_playbook_set_field (playbook, SG_PLAYBOOK_NAME, "Keep the best close");
  sg_playbook_set_objective (playbook, SG_OBJECTIVE_VIP);
  sg_playbook_set_status (playbook, SG_PLAYBOOK_APPROVED);
  sg_playbook_set_channels (playbook, SG_CHANNEL_BIT (SG_CHANNEL_EMAIL) | SG_CHANNEL_BIT (SG_CHANNEL_DIRECT_MAIL));
  sg_playbook_set_field (playbook, SG_PLAYBOOK_OWNER, "CRM team");
  sg_playbook_set_field (playbook, SG_PLAYBOOK_START_DATE, "2026-03-01");
  sg_playbook_set_field (playbook, SG_PLAYBOOK_END_DATE, "2026-05-31");
  sg_playbook_set_field (playbook, SG_PLAYBOOK_OFFER, "Early access to the spring collection and free express delivery.");
  sg_playbook_set_field (playbook, SG_PLAYBOOK_CADENCE, "3 touches over 6 weeks");
  sg_playbook_set_holdout_share (playbook, 0.1);
  sg_playbook_set_holdout_stratify (playbook, "country");
  repeat->baseline = 62;
  repeat->target = 68;
  revenue->baseline = 410;
  revenue->target = 450;
  sg_playbook_add_kpi (playbook, repeat);
  sg_playbook_add_kpi (playbook, revenue);
  g_assert_true (sg_project_save_playbook (project, run_id, 0, playbook, &error));
  g_assert_no_error (error);

  /* An empty draft counts as no playbook: the page says so instead of showing an empty box. */
  g_assert_true (sg_project_save_playbook (project, run_id, 1, draft, &error));
  g_assert_no_error (error);
}

/* A project with one dataset of @n_rows customers in @k segments and one run over it. */
static SgProject *
build_project (const char         *path,
               guint               n_rows,
               guint               k,
               const BuildOptions *options,
               gint64             *run_id_out)
{
  static const char *const countries[] = { "DE", "FR", "IT", "ES", "NL" };
  g_autoptr(GError) error = NULL;
  g_autoptr(SgTable) table = sg_table_new ("customers");
  g_autoptr(SgProject) project = NULL;
  g_autoptr(SgProfile) profile = NULL;
  g_autoptr(SgSegmentNames) names = NULL;
  g_autoptr(JsonNode) model = NULL;
  g_autoptr(JsonNode) metrics = NULL;
  g_autofree double *x = g_new (double, (gsize) n_rows * N_FEATURES);
  g_autofree gint32 *labels = g_new (gint32, n_rows);
  g_autofree float *scores = g_new (float, (gsize) n_rows * 3);
  g_autofree double *means = g_new0 (double, (gsize) k * N_FEATURES);
  g_autofree guint64 *counts = g_new0 (guint64, k);
  g_autofree char *model_text = NULL;
  g_autofree char *metrics_text = NULL;
  g_autofree char *settings_text = NULL;
  g_autofree char *import_report = NULL;
  double ratio[N_FEATURES], components[N_FEATURES * N_FEATURES], total_weight = 0;
  SgColumn *id, *columns[N_FEATURES], *country;
  guint feature_columns[N_FEATURES], country_column = N_FEATURES + 1;
  SgRunInfo info = { 0 };
  SgRandom rng;
  guint64 excluded = 0;
  gint64 run_id;

  sg_random_init_stream (&rng, 42, "report-test", k);
  id = sg_table_add_column (table, "customer_id", SG_COLUMN_IDENTIFIER);
  for (int f = 0; f < N_FEATURES; f++)
    {
      columns[f] = sg_table_add_column (table, feature_names[f], f == 1 ? SG_COLUMN_INTEGER : SG_COLUMN_DECIMAL);
      feature_columns[f] = f + 1;
    }
  country = sg_table_add_column (table, "country", SG_COLUMN_CATEGORICAL);
  for (guint s = 0; s < k; s++)
    total_weight += weights[s % 6];

  for (guint i = 0; i < n_rows; i++)
    {
      g_autofree char *key = g_strdup_printf ("C%07u", i + 1);
      double u = sg_random_double (&rng) * total_weight;
      guint s = 0;

      while (s + 1 < k && u >= weights[s % 6])
        u -= weights[s++ % 6];
      labels[i] = (gint32) s;
      sg_column_append_string (id, key);
      for (int f = 0; f < N_FEATURES; f++)
        {
          double centre = centres[s % 6][f] * (1 + 0.15 * (s / 6));
          double v = centre + 0.28 * centre * sg_random_normal (&rng);

          v = f == 1 ? MAX (round (v), 0) : MAX (v, 0);
          x[(gsize) i * N_FEATURES + f] = v;
          /* Every 211th customer has no income: left out of the run. */
          if (f == 5 && i % 211 == 7)
            sg_column_append_missing (columns[f]);
          else
            sg_column_append_number (columns[f], v);
        }
      sg_column_append_string (country, countries[(i * 7 + s) % 5]);
      if (i % 211 == 7)
        {
          labels[i] = -2;
          excluded++;
          continue;
        }
      counts[s]++;
      for (int f = 0; f < N_FEATURES; f++)
        means[s * N_FEATURES + f] += x[(gsize) i * N_FEATURES + f];
    }
  for (guint s = 0; s < k; s++)
    for (int f = 0; f < N_FEATURES; f++)
      means[s * N_FEATURES + f] /= MAX (counts[s], 1);
  pca (x, labels, n_rows, scores, ratio, components);

  project = sg_project_create (path, &error);
  g_assert_no_error (error);
  g_assert_true (sg_project_set_meta (project, "name", "Northwind Retail", &error));
  import_report = build_import_report (n_rows);
  info.dataset_id = sg_project_store_table (project, table, "imported", "customers.csv", import_report, &error);
  g_assert_no_error (error);

  model = build_model (k, means, ratio, components);
  metrics = build_metrics (k, options->scan);
  model_text = node_to_string (model);
  metrics_text = node_to_string (metrics);
  settings_text = build_settings (info.dataset_id, options->scan ? 0 : k);
  info.name = (char *) "Spring 2026 k-means";
  info.algorithm = (char *) "kmeans";
  info.k = k;
  info.settings = settings_text;
  info.model = options->model ? model_text : NULL;
  info.metrics = metrics_text;
  info.n_rows = n_rows;
  info.n_excluded = excluded;
  run_id = sg_project_store_run (project, &info, labels, n_rows, &error);
  g_assert_no_error (error);
  g_assert_cmpint (run_id, >, 0);
  if (options->model)
    {
      g_assert_true (sg_project_store_run_array (project, run_id, "pca", scores, 3 * sizeof (float), n_rows, &error));
      g_assert_no_error (error);
    }

  profile = sg_profile_compute (table, labels, k, feature_columns, N_FEATURES, &country_column, 1, &error);
  g_assert_no_error (error);
  names = sg_naming_suggest (profile, NULL);
  for (guint s = 0; s < k; s++)
    {
      g_autoptr(JsonNode) node = sg_profile_segment_to_json (profile, s);
      g_autofree char *json = node_to_string (node);

      g_assert_true (sg_project_set_segment_profile (project, run_id, s, json, &error));
      g_assert_true (sg_project_set_segment_name (project, run_id, s, names->names[s].name, names->names[s].rule_id,
                                                  FALSE, &error));
      g_assert_no_error (error);
    }
  add_marketing (project, run_id, options);
  *run_id_out = run_id;
  return g_steal_pointer (&project);
}

/* ---- reading the PDF back ---- */

static gboolean
have_poppler (void)
{
  g_autofree char *info = g_find_program_in_path ("pdfinfo");
  g_autofree char *text = g_find_program_in_path ("pdftotext");

  return info != NULL && text != NULL;
}

/* Runs "@tool [@option] @path [-]" and returns its output. */
static char *
run_tool (const char *tool,
          const char *option,
          const char *path,
          gboolean    to_stdout)
{
  const char *argv[5] = { tool };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status, argc = 1;

  if (option != NULL)
    argv[argc++] = option;
  argv[argc++] = path;
  if (to_stdout)
    argv[argc++] = "-";
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out,
                NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static guint
pdf_pages (const char *path)
{
  g_autofree char *info = run_tool ("pdfinfo", NULL, path, FALSE);
  const char *line = strstr (info, "Pages:");

  g_assert_nonnull (line);
  return (guint) g_ascii_strtoull (line + strlen ("Pages:"), NULL, 10);
}

/* The text with every run of white space made one space (lines break anywhere). @body_only drops
 * the running header and footer and the "(continued)" headings, so text broken across pages reads on. */
static char *
pdf_text_full (const char *path,
               gboolean    body_only)
{
  g_autofree char *raw = run_tool ("pdftotext", NULL, path, TRUE);
  g_auto(GStrv) lines = g_strsplit_set (raw, "\n\f", -1);
  g_autoptr(GRegex) chrome = g_regex_new ("^(Northwind Retail|1 March 2026|Customer segmentation · .*|Page [0-9]+ of [0-9]+|"
                                          ".* \\(continued\\))$", 0, 0, NULL);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint l = 0; lines[l] != NULL; l++)
    {
      g_auto(GStrv) words = NULL;

      if (body_only && g_regex_match (chrome, lines[l], 0, NULL))
        continue;
      words = g_strsplit_set (lines[l], " \t\r", -1);
      for (guint i = 0; words[i] != NULL; i++)
        if (*words[i] != '\0')
          g_string_append_printf (text, "%s%s", text->len > 0 ? " " : "", words[i]);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
pdf_text (const char *path)
{
  return pdf_text_full (path, FALSE);
}

/* Every word inside its page and no two words on top of each other (pdftotext -bbox): nothing
 * clipped, nothing drawn over something else. Returns the number of words checked. */
static guint
assert_no_overlap (const char *path)
{
  g_autofree char *html = run_tool ("pdftotext", "-bbox", path, TRUE);
  g_autoptr(GRegex) page_re = g_regex_new ("<page width=\"([0-9.]+)\" height=\"([0-9.]+)\">(.*?)</page>",
                                           G_REGEX_DOTALL, 0, NULL);
  g_autoptr(GRegex) word_re = g_regex_new ("<word xMin=\"([0-9.]+)\" yMin=\"([0-9.]+)\" xMax=\"([0-9.]+)\" "
                                           "yMax=\"([0-9.]+)\">([^<]*)</word>", 0, 0, NULL);
  g_autoptr(GMatchInfo) page = NULL;
  guint total = 0;

  g_regex_match (page_re, html, 0, &page);
  while (g_match_info_matches (page))
    {
      g_autofree char *width_text = g_match_info_fetch (page, 1);
      g_autofree char *height_text = g_match_info_fetch (page, 2);
      g_autofree char *body = g_match_info_fetch (page, 3);
      double width = g_ascii_strtod (width_text, NULL), height = g_ascii_strtod (height_text, NULL);
      g_autoptr(GArray) boxes = g_array_new (FALSE, FALSE, sizeof (double) * 4);
      g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GMatchInfo) word = NULL;

      g_regex_match (word_re, body, 0, &word);
      while (g_match_info_matches (word))
        {
          double box[4];

          for (int i = 0; i < 4; i++)
            {
              g_autofree char *v = g_match_info_fetch (word, i + 1);

              box[i] = g_ascii_strtod (v, NULL);
            }
          g_assert_cmpfloat (box[0], >=, 0);
          g_assert_cmpfloat (box[1], >=, 0);
          g_assert_cmpfloat (box[2], <=, width + 0.5);
          g_assert_cmpfloat (box[3], <=, height + 0.5);
          g_array_append_vals (boxes, box, 1);
          g_ptr_array_add (words, g_match_info_fetch (word, 5));
          g_match_info_next (word, NULL);
        }
      for (guint i = 0; i < boxes->len; i++)
        for (guint j = i + 1; j < boxes->len; j++)
          {
            const double *a = (const double *) boxes->data + 4 * i, *b = (const double *) boxes->data + 4 * j;
            double ix = MIN (a[2], b[2]) - MAX (a[0], b[0]), iy = MIN (a[3], b[3]) - MAX (a[1], b[1]);

            if (ix > 0.8 && iy > 0.8 * MIN (a[3] - a[1], b[3] - b[1]))
              g_error ("“%s” and “%s” overlap in %s", (char *) g_ptr_array_index (words, i),
                       (char *) g_ptr_array_index (words, j), path);
          }
      total += boxes->len;
      g_match_info_next (page, NULL);
    }
  return total;
}

static void
assert_pdf_header (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
}

static char *
write_report (SgProject                *project,
              gint64                    run_id,
              const char               *name,
              const SgReportPdfOptions *options,
              guint                    *n_pages)
{
  g_autoptr(GError) error = NULL;
  char *pdf = sg_test_tmp_path (name);

  *n_pages = sg_report_write_pdf (project, run_id, pdf, options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (*n_pages, >, 0);
  assert_pdf_header (pdf);
  return pdf;
}

/* ---- tests ---- */

static void
test_report_pages (void)
{
  BuildOptions build = { .scan = TRUE, .model = TRUE };
  g_autofree char *path = sg_test_tmp_path ("pages.segmenta");
  gint64 run_id;
  g_autoptr(SgProject) project = build_project (path, 2000, 4, &build, &run_id);
  g_autoptr(GPtrArray) segments = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;
  SgReportPdfOptions options;
  guint n_pages;

  sg_report_pdf_options_init (&options);
  options.date = "1 March 2026";
  pdf = write_report (project, run_id, "pages.pdf", &options, &n_pages);
  /* Everything fits: the fixed pages and one per segment. */
  g_assert_cmpuint (n_pages, ==, FIXED_PAGES + 4);
  if (!have_poppler ())
    {
      g_test_skip ("pdfinfo/pdftotext (poppler-utils) not installed");
      return;
    }
  g_assert_cmpuint (pdf_pages (pdf), ==, FIXED_PAGES + 4);
  text = pdf_text (pdf);
  g_assert_nonnull (strstr (text, "Northwind Retail"));
  g_assert_nonnull (strstr (text, "Spring 2026 k-means"));
  g_assert_nonnull (strstr (text, "1 March 2026"));
  g_assert_nonnull (strstr (text, tagline));
  g_assert_nonnull (strstr (text, "Keep the best close"));
  g_assert_nonnull (strstr (text, "No persona has been written for this segment yet."));
  g_assert_nonnull (strstr (text, "No playbook has been planned for this segment yet."));
  g_assert_nonnull (strstr (text, "Page 2 of 9"));
  g_assert_null (strstr (text, "Page 1 of 9"));   /* the title page has no footer */
  g_assert_nonnull (strstr (text, "Choosing the number of segments"));
  g_assert_nonnull (strstr (text, "the smallest segment holds 8% of customers"));
  g_assert_null (strstr (text, "(continued)"));
  g_assert_cmpuint (assert_no_overlap (pdf), >, 500);
  segments = sg_project_list_segments (project, run_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (segments->len, ==, 4);
  for (guint s = 0; s < segments->len; s++)
    {
      SgSegmentInfo *segment = g_ptr_array_index (segments, s);

      g_assert_nonnull (segment->name);
      g_assert_nonnull (strstr (text, segment->name));
    }
}

static void
test_report_no_scan (void)
{
  BuildOptions build = { .scan = FALSE, .model = TRUE };
  g_autofree char *path = sg_test_tmp_path ("no-scan.segmenta");
  gint64 run_id;
  g_autoptr(SgProject) project = build_project (path, 1500, 3, &build, &run_id);
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;
  guint n_pages;

  pdf = write_report (project, run_id, "no-scan.pdf", NULL, &n_pages);
  g_assert_cmpuint (n_pages, ==, FIXED_PAGES + 3);
  if (!have_poppler ())
    {
      g_test_skip ("pdfinfo/pdftotext (poppler-utils) not installed");
      return;
    }
  g_assert_cmpuint (pdf_pages (pdf), ==, n_pages);
  text = pdf_text (pdf);
  g_assert_nonnull (strstr (text, "set by the analyst"));
  g_assert_nonnull (strstr (text, "no scan of other numbers was stored"));
}

/* A run with only the bare minimum stored (no model, no PCA, silhouette as a plain number). */
static void
test_report_degraded (void)
{
  BuildOptions build = { .scan = FALSE, .model = FALSE };
  g_autofree char *path = sg_test_tmp_path ("bare.segmenta");
  gint64 run_id;
  g_autoptr(SgProject) project = build_project (path, 800, 2, &build, &run_id);
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;
  guint n_pages;

  g_assert_true (sg_project_set_run_metrics (project, run_id, "{\"silhouette\": 0.18, \"scan\": [1, 2]}", &error));
  g_assert_no_error (error);
  pdf = write_report (project, run_id, "bare.pdf", NULL, &n_pages);
  g_assert_cmpuint (n_pages, ==, FIXED_PAGES + 2);
  if (!have_poppler ())
    return;
  text = pdf_text (pdf);
  g_assert_nonnull (strstr (text, "The map is not available"));
  g_assert_nonnull (strstr (text, "Weak structure"));
}

static void
test_report_long_persona (void)
{
  g_autoptr(GString) long_text = g_string_new (NULL);
  BuildOptions build = { .scan = TRUE, .model = TRUE };
  g_autofree char *path = sg_test_tmp_path ("long.segmenta");
  gint64 run_id;
  g_autoptr(SgProject) project = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;
  g_autofree char *body = NULL;
  SgReportPdfOptions options;
  guint n_pages;

  for (guint i = 1; i <= 40; i++)
    g_string_append_printf (long_text, "Paragraph %u: Lena compares prices, reads every review and keeps a "
                                       "wish list that she shares with friends before big purchases.%s",
                            i, i % 5 == 0 ? "\n- a bullet point in between\n\n" : "\n\n");
  /* And one paragraph longer than a page: it must break between lines. */
  for (guint i = 1; i <= 150; i++)
    g_string_append_printf (long_text, "Sentence %u of the long paragraph keeps going without a break. ", i);
  g_string_append (long_text, "\n\nThe last paragraph of Lena.");
  build.persona_text = long_text->str;
  project = build_project (path, 1200, 3, &build, &run_id);
  sg_report_pdf_options_init (&options);
  options.date = "1 March 2026";
  pdf = write_report (project, run_id, "long.pdf", &options, &n_pages);
  /* About four pages of text: the first segment takes five or so. */
  g_assert_cmpuint (n_pages, >=, FIXED_PAGES + 3 + 3);
  if (!have_poppler ())
    return;
  g_assert_cmpuint (pdf_pages (pdf), ==, n_pages);
  text = pdf_text (pdf);
  g_assert_nonnull (strstr (text, "(continued)"));
  g_assert_nonnull (strstr (text, "Paragraph 1:"));
  g_assert_nonnull (strstr (text, "Paragraph 40:"));
  g_assert_nonnull (strstr (text, "The last paragraph of Lena."));
  g_assert_nonnull (strstr (text, "Keep the best close"));
  /* Every line once: nothing drawn twice or lost at a break. */
  g_assert_null (strstr (strstr (text, "Paragraph 17:") + 1, "Paragraph 17:"));
  body = pdf_text_full (pdf, TRUE);
  for (guint i = 1; i <= 150; i++)
    {
      g_autofree char *sentence = g_strdup_printf ("Sentence %u of the long paragraph keeps going", i);
      const char *at = strstr (body, sentence);

      g_assert_nonnull (at);
      g_assert_null (strstr (at + 1, sentence));
    }
  assert_no_overlap (pdf);
}

static void
test_report_letter (void)
{
  BuildOptions build = { .scan = TRUE, .model = TRUE };
  g_autofree char *path = sg_test_tmp_path ("letter.segmenta");
  gint64 run_id;
  g_autoptr(SgProject) project = build_project (path, 1000, 3, &build, &run_id);
  g_autofree char *pdf = NULL;
  g_autofree char *info = NULL;
  SgReportPdfOptions options;
  SgReportPaper paper;
  guint n_pages;

  g_assert_true (sg_report_paper_from_string ("Letter", &paper));
  g_assert_cmpint (paper, ==, SG_REPORT_PAPER_LETTER);
  g_assert_false (sg_report_paper_from_string ("a5", &paper));
  sg_report_pdf_options_init (&options);
  options.paper = SG_REPORT_PAPER_LETTER;
  pdf = write_report (project, run_id, "letter.pdf", &options, &n_pages);
  if (!have_poppler ())
    return;
  info = run_tool ("pdfinfo", NULL, pdf, FALSE);
  g_assert_nonnull (strstr (info, "612 x 792 pts"));
}

static void
test_report_errors (void)
{
  BuildOptions build = { .scan = FALSE, .model = TRUE };
  g_autofree char *path = sg_test_tmp_path ("errors.segmenta");
  gint64 run_id;
  g_autoptr(SgProject) project = build_project (path, 500, 2, &build, &run_id);
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = sg_test_tmp_path ("errors.pdf");
  g_autofree char *nowhere = sg_test_tmp_path ("no-such-dir/report.pdf");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  SgProgress progress = sg_progress_init (NULL, NULL, cancellable);

  g_assert_cmpuint (sg_report_write_pdf (project, run_id + 100, pdf, NULL, NULL, &error), ==, 0);
  g_assert_error (error, SG_ERROR, SG_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));

  g_assert_cmpuint (sg_report_write_pdf (project, run_id, nowhere, NULL, NULL, &error), ==, 0);
  g_assert_error (error, SG_ERROR, SG_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "report.pdf"));
  g_clear_error (&error);

  /* Cancelled: no file, not even a half-written one beside it. */
  g_cancellable_cancel (cancellable);
  g_assert_cmpuint (sg_report_write_pdf (project, run_id, pdf, NULL, &progress, &error), ==, 0);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
  {
    g_autoptr(GDir) dir = g_dir_open (sg_test_tmpdir (), 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (dir)) != NULL)
      g_assert_false (g_str_has_prefix (name, ".errors.pdf."));
  }
}

static void
on_written (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  guint *n_pages = user_data;
  g_autoptr(GError) error = NULL;

  *n_pages = sg_report_write_pdf_finish (SG_PROJECT (source), result, &error);
  g_assert_no_error (error);
}

static void
on_progress (double      fraction,
             const char *message,
             gpointer    user_data)
{
  double *last = user_data;

  g_assert_cmpfloat (fraction, >=, 0.0);
  g_assert_cmpfloat (fraction, <=, 1.0);
  *last = fraction;
}

static void
test_report_async (void)
{
  BuildOptions build = { .scan = TRUE, .model = TRUE };
  g_autofree char *path = sg_test_tmp_path ("async.segmenta");
  gint64 run_id;
  g_autoptr(SgProject) project = build_project (path, 1000, 3, &build, &run_id);
  g_autofree char *pdf = sg_test_tmp_path ("async.pdf");
  guint n_pages = 0;
  double last = -1;

  sg_report_write_pdf_async (project, run_id, pdf, NULL, NULL, on_progress, &last, on_written, &n_pages);
  while (n_pages == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (n_pages, ==, FIXED_PAGES + 3);
  g_assert_cmpfloat (last, >=, 0.0);
  assert_pdf_header (pdf);
}

static void
test_report_cli (void)
{
  BuildOptions build = { .scan = TRUE, .model = TRUE };
  g_autofree char *path = sg_test_tmp_path ("cli.segmenta");
  gint64 run_id;
  g_autoptr(SgProject) project = build_project (path, 600, 2, &build, &run_id);
  g_autofree char *pdf = sg_test_tmp_path ("cli.pdf");
  g_autofree char *nowhere = sg_test_tmp_path ("missing-dir/cli.pdf");
  g_autofree char *missing = sg_test_tmp_path ("missing.segmenta");
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, run_id);
  char *out = NULL, *err = NULL;

  g_clear_object (&project);
  g_assert_cmpint (sg_test_run_cli (&out, &err, "report", path, "--run", id, "--out", pdf, "--paper", "letter",
                                    NULL), ==, 0);
  g_assert_nonnull (strstr (out, "pages"));
  assert_pdf_header (pdf);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (g_unlink (pdf), ==, 0);

  /* By name. */
  g_assert_cmpint (sg_test_run_cli (&out, &err, "report", path, "--run", "Spring 2026 k-means", "--out", pdf,
                                    NULL), ==, 0);
  assert_pdf_header (pdf);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Usage errors: 2, one line. */
  g_assert_cmpint (sg_test_run_cli (&out, &err, "report", path, "--out", pdf, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--run"));
  g_assert_cmpint (strchr (err, '\n') - err, ==, (int) strlen (err) - 1);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (sg_test_run_cli (&out, &err, "report", path, "--run", id, NULL), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (sg_test_run_cli (&out, &err, "report", path, "--run", id, "--out", pdf, "--paper", "a5", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--paper"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (sg_test_run_cli (&out, &err, "report", "--run", id, "--out", pdf, NULL), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Failures: 1, one line. */
  g_assert_cmpint (sg_test_run_cli (&out, &err, "report", path, "--run", "no such run", "--out", pdf, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "no such run"));
  g_assert_cmpint (strchr (err, '\n') - err, ==, (int) strlen (err) - 1);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (sg_test_run_cli (&out, &err, "report", missing, "--run", id, "--out", pdf, NULL), ==, 1);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (sg_test_run_cli (&out, &err, "report", path, "--run", id, "--out", nowhere, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "cli.pdf"));
  g_assert_false (g_file_test (nowhere, G_FILE_TEST_EXISTS));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
}

/* A run as the segmenter stores it (no names, no profiles: the report profiles the segments itself). */
static void
test_report_segmenter_run (void)
{
  g_autofree char *csv = sg_test_shared_path ("datasets/mall_customers.csv");
  g_autofree char *path = sg_test_tmp_path ("mall.segmenta");
  g_autofree char *pdf = sg_test_tmp_path ("mall.pdf");
  g_autoptr(SgProject) project = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  char *out = NULL, *err = NULL;
  guint n_pages;

  if (csv == NULL)
    return;
  g_assert_cmpint (sg_test_run_cli (&out, &err, "new", path, NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (sg_test_run_cli (&out, &err, "import", path, csv, NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (sg_test_run_cli (&out, &err, "segment", path, "--dataset", "mall_customers", "--features",
                                    "Age,Annual Income (k$),Spending Score (1-100)", "--seed", "1", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  project = sg_project_open (path, &error);
  g_assert_no_error (error);
  runs = sg_project_list_runs (project, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (runs->len, ==, 1);
  n_pages = sg_report_write_pdf (project, ((SgRunInfo *) g_ptr_array_index (runs, 0))->id, pdf, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_pages, ==, FIXED_PAGES + ((SgRunInfo *) g_ptr_array_index (runs, 0))->k);
  if (!have_poppler ())
    return;
  g_assert_cmpuint (pdf_pages (pdf), ==, n_pages);
  text = pdf_text (pdf);
  g_assert_null (strstr (text, "No profile could be made"));
  g_assert_nonnull (strstr (text, "than the average customer"));   /* profile sentences */
  g_assert_nonnull (strstr (text, "Choosing the number of segments"));
  assert_no_overlap (pdf);
}

/* test-report --make-project PATH ROWS K [--long-persona] [--no-scan] */
static int
make_project (int    argc,
              char **argv)
{
  BuildOptions build = { .scan = TRUE, .model = TRUE };
  g_autoptr(GString) long_text = g_string_new (NULL);
  g_autoptr(SgProject) project = NULL;
  gint64 run_id;

  if (argc < 5)
    {
      g_printerr ("usage: test-report --make-project PATH ROWS K [--long-persona] [--no-scan]\n");
      return 2;
    }
  for (int i = 5; i < argc; i++)
    if (g_str_equal (argv[i], "--no-scan"))
      build.scan = FALSE;
    else if (g_str_equal (argv[i], "--long-persona"))
      {
        for (guint p = 1; p <= 40; p++)
          g_string_append_printf (long_text, "Paragraph %u: Lena compares prices, reads every review and keeps a "
                                             "wish list that she shares with friends before big purchases.\n\n", p);
        build.persona_text = long_text->str;
      }
  project = build_project (argv[2], (guint) g_ascii_strtoull (argv[3], NULL, 10),
                           (guint) g_ascii_strtoull (argv[4], NULL, 10), &build, &run_id);
  g_print ("%" G_GINT64_FORMAT "\n", run_id);
  return 0;
}

int
main (int    argc,
      char **argv)
{
  if (argc > 1 && g_str_equal (argv[1], "--make-project"))
    return make_project (argc, argv);

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/report/pages", test_report_pages);
  g_test_add_func ("/report/no-scan", test_report_no_scan);
  g_test_add_func ("/report/degraded", test_report_degraded);
  g_test_add_func ("/report/long-persona", test_report_long_persona);
  g_test_add_func ("/report/letter", test_report_letter);
  g_test_add_func ("/report/errors", test_report_errors);
  g_test_add_func ("/report/async", test_report_async);
  g_test_add_func ("/report/cli", test_report_cli);
  g_test_add_func ("/report/segmenter-run", test_report_segmenter_run);
  return g_test_run ();
}
