/* sg-segment-run.c — segmenting a project dataset and storing the run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "sg-async.h"
#include "sg-error.h"
#include "sg-pca.h"
#include "sg-run-report.h"
#include "sg-segmenter.h"

#define PCA_COMPONENTS 3

/* ---- input ---- */

static gboolean
resolve_features (SgDatasetInfo        *info,
                  const SgRunSettings  *settings,
                  GArray               *columns,
                  GError              **error)
{
  if (settings->features == NULL || settings->features[0] == NULL)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT, _("Choose at least one feature to segment on"));
      return FALSE;
    }
  for (guint i = 0; settings->features[i] != NULL; i++)
    {
      int col = sg_dataset_info_lookup_column (info, settings->features[i]);

      if (col < 0)
        {
          g_set_error (error, SG_ERROR, SG_ERROR_NOT_FOUND, _("Dataset “%s” has no column “%s”"),
                       info->name, settings->features[i]);
          return FALSE;
        }
      for (guint j = 0; j < columns->len; j++)
        if (g_array_index (columns, guint, j) == (guint) col)
          {
            g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT,
                         _("Feature “%s” is chosen twice"), settings->features[i]);
            return FALSE;
          }
      g_array_append_val (columns, col);
    }
  return TRUE;
}

static gboolean
log1p_flags (const SgRunSettings  *settings,
             gboolean             *flags,
             GError              **error)
{
  for (guint i = 0; settings->log1p != NULL && settings->log1p[i] != NULL; i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; settings->features[j] != NULL; j++)
        if (g_strcmp0 (settings->features[j], settings->log1p[i]) == 0)
          found = flags[j] = TRUE;
      if (!found)
        {
          g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT,
                       _("“%s” is set to a log scale but is not one of the chosen features"), settings->log1p[i]);
          return FALSE;
        }
    }
  return TRUE;
}

/* Infinite values (a division by zero upstream) cannot be clustered: leave those rows out like missing ones. */
static SgMatrix *
drop_infinite_rows (SgMatrix *x,
                    GArray   *kept)
{
  gsize out = 0;
  SgMatrix *clean;

  for (gsize i = 0; i < x->n_rows; i++)
    {
      gboolean finite = TRUE;

      for (gsize j = 0; j < x->n_cols && finite; j++)
        finite = isfinite (sg_matrix_row (x, i)[j]);
      if (!finite)
        continue;
      if (out != i)
        {
          memmove (sg_matrix_row (x, out), sg_matrix_row (x, i), x->n_cols * sizeof (double));
          g_array_index (kept, guint, out) = g_array_index (kept, guint, i);
        }
      out++;
    }
  if (out == x->n_rows)
    return x;
  g_array_set_size (kept, out);
  clean = sg_matrix_new (out, x->n_cols);
  memcpy (clean->data, x->data, out * x->n_cols * sizeof (double));
  sg_matrix_free (x);
  return clean;
}

/* Constant features carry no information: say which, by name. */
static GStrv
constant_column_warnings (const SgScaler      *scaler,
                          const SgRunSettings *settings)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint j = 0; j < scaler->n_cols; j++)
    if (scaler->constant != NULL && scaler->constant[j])
      {
        g_autofree char *warning = g_strdup_printf (_("“%s” has the same value for every customer, so it "
                                                      "cannot tell segments apart"), settings->features[j]);
        g_strv_builder_add (builder, warning);
      }
  return g_strv_builder_end (builder);
}

SgRunInput *
sg_run_input_load (SgProject            *project,
                   const SgRunSettings  *settings,
                   GError              **error)
{
  g_autoptr(SgRunInput) input = g_new0 (SgRunInput, 1);
  g_autoptr(SgDatasetInfo) info = NULL;
  g_autoptr(GArray) columns = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(SgTable) table = NULL;
  g_autofree gboolean *log1p = NULL;
  g_autofree guint *identity = NULL;

  info = sg_project_get_dataset (project, settings->dataset_id, error);
  if (info == NULL || !resolve_features (info, settings, columns, error))
    return NULL;
  log1p = g_new0 (gboolean, columns->len);
  if (!log1p_flags (settings, log1p, error))
    return NULL;

  table = sg_project_load_table (project, settings->dataset_id, (const guint *) columns->data, columns->len, error);
  if (table == NULL)
    return NULL;
  identity = g_new (guint, columns->len);
  for (guint i = 0; i < columns->len; i++)
    identity[i] = i;
  input->n_table_rows = sg_table_get_n_rows (table);
  input->x = sg_matrix_from_table (table, identity, columns->len, &input->kept_rows, error);
  if (input->x == NULL)
    return NULL;
  g_clear_pointer (&table, sg_table_unref);  /* the matrix is all we need from here on */
  input->x = drop_infinite_rows (input->x, input->kept_rows);
  if (input->x->n_rows < 2)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_DEGENERATE,
                   _("Only %zu customer has a value in every chosen feature: nothing to segment"),
                   input->x->n_rows);
      return NULL;
    }

  input->scaler = sg_scaler_fit (input->x, settings->scaling, log1p, error);
  if (input->scaler == NULL)
    return NULL;
  sg_scaler_apply (input->scaler, input->x);
  input->warnings = constant_column_warnings (input->scaler, settings);
  return g_steal_pointer (&input);
}

/* ---- model and metrics as JSON ---- */

static void
add_doubles (JsonBuilder  *b,
             const char   *member,
             const double *values,
             gsize         n)
{
  json_builder_set_member_name (b, member);
  json_builder_begin_array (b);
  for (gsize i = 0; i < n; i++)
    if (isfinite (values[i]))
      json_builder_add_double_value (b, values[i]);
    else
      json_builder_add_null_value (b);
  json_builder_end_array (b);
}

static void
add_rows (JsonBuilder  *b,
          const char   *member,
          const double *values,
          gsize         n_rows,
          gsize         n_cols)
{
  json_builder_set_member_name (b, member);
  json_builder_begin_array (b);
  for (gsize r = 0; r < n_rows; r++)
    {
      json_builder_begin_array (b);
      for (gsize c = 0; c < n_cols; c++)
        if (isfinite (values[r * n_cols + c]))
          json_builder_add_double_value (b, values[r * n_cols + c]);
        else
          json_builder_add_null_value (b);
      json_builder_end_array (b);
    }
  json_builder_end_array (b);
}

static void
add_metric (JsonBuilder *b,
            const char  *member,
            double       value)
{
  json_builder_set_member_name (b, member);
  if (isfinite (value))
    json_builder_add_double_value (b, value);
  else
    json_builder_add_null_value (b);
}

/* Segment means in the features' own units: what profiles and charts show. */
static double *
original_centroids (const SgRunInput   *input,
                    const SgClustering *c)
{
  gsize d = input->x->n_cols;
  g_autofree double *row = g_new (double, d);
  double *sums = g_new0 (double, MAX (c->k, 1) * d);

  for (gsize i = 0; i < input->x->n_rows; i++)
    {
      if (c->labels[i] < 0)
        continue;
      memcpy (row, sg_matrix_row (input->x, i), d * sizeof (double));
      sg_scaler_inverse_row (input->scaler, row);
      for (gsize j = 0; j < d; j++)
        sums[(gsize) c->labels[i] * d + j] += row[j];
    }
  for (guint s = 0; s < c->k; s++)
    for (gsize j = 0; j < d; j++)
      sums[s * d + j] = c->sizes[s] ? sums[s * d + j] / c->sizes[s] : NAN;
  return sums;
}

static JsonNode *
build_model (const SgRunInput    *input,
             const SgRunSettings *settings,
             const SgClustering  *c,
             const SgPca         *pca)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree double *centres = original_centroids (input, c);
  gsize d = input->x->n_cols;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "features");
  json_builder_begin_array (b);
  for (guint i = 0; settings->features[i] != NULL; i++)
    json_builder_add_string_value (b, settings->features[i]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "k");
  json_builder_add_int_value (b, c->k);
  json_builder_set_member_name (b, "scaler");
  json_builder_add_value (b, sg_scaler_to_json (input->scaler));
  json_builder_set_member_name (b, sg_algorithm_to_string (settings->algorithm));
  json_builder_add_value (b, json_node_copy (c->model));
  add_rows (b, "centroids_scaled", c->centroids, c->k, d);
  add_rows (b, "centroids", centres, c->k, d);
  if (pca != NULL)
    {
      json_builder_set_member_name (b, "pca");
      json_builder_begin_object (b);
      add_doubles (b, "explained_variance_ratio", pca->explained_variance_ratio, pca->n_cols);
      add_rows (b, "components", pca->components, pca->n_cols, pca->n_cols);
      add_doubles (b, "explained_variance", pca->explained_variance, pca->n_cols);
      add_doubles (b, "mean", pca->mean, pca->n_cols);
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static JsonNode *
build_metrics (const SgClustering *c,
               const SgKScan      *scan,
               gsize               n_excluded)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  const SgClusterMetrics *m = &c->metrics;

  json_builder_begin_object (b);
  add_metric (b, "inertia", m->inertia);
  json_builder_set_member_name (b, "silhouette");
  json_builder_begin_object (b);
  add_metric (b, "mean", m->silhouette);
  add_metric (b, "ci_low", m->silhouette_ci_low);
  add_metric (b, "ci_high", m->silhouette_ci_high);
  json_builder_set_member_name (b, "sampled");
  json_builder_add_boolean_value (b, m->silhouette_sampled);
  json_builder_set_member_name (b, "sample_size");
  json_builder_add_int_value (b, (gint64) m->silhouette_sample);
  json_builder_end_object (b);
  add_metric (b, "davies_bouldin", m->davies_bouldin);
  add_metric (b, "calinski_harabasz", m->calinski_harabasz);
  add_metric (b, "bic", m->bic);
  add_metric (b, "aic", m->aic);
  add_metric (b, "lower_bound", m->lower_bound);
  add_metric (b, "eps", m->eps);
  json_builder_set_member_name (b, "n_iter");
  json_builder_add_int_value (b, m->n_iter);
  json_builder_set_member_name (b, "converged");
  json_builder_add_boolean_value (b, m->converged);
  json_builder_set_member_name (b, "n_unassigned");
  json_builder_add_int_value (b, (gint64) m->n_unassigned);
  json_builder_set_member_name (b, "n_excluded");
  json_builder_add_int_value (b, (gint64) n_excluded);
  add_metric (b, "seconds", m->seconds);
  if (scan != NULL)
    {
      json_builder_set_member_name (b, "scan");
      json_builder_add_value (b, sg_kscan_to_json (scan));
    }
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static char *
node_to_string (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

/* ---- storing ---- */

/* Spreads per-matrix-row values over dataset rows (rows left out get NaN / SG_LABEL_EXCLUDED). */
static float *
spread_floats (const float      *values,
               guint             width,
               const SgRunInput *input)
{
  float *out = g_new (float, input->n_table_rows * width);

  for (gsize i = 0; i < input->n_table_rows * width; i++)
    out[i] = NAN;
  for (gsize i = 0; i < input->kept_rows->len; i++)
    memcpy (out + (gsize) g_array_index (input->kept_rows, guint, i) * width, values + i * width,
            width * sizeof (float));
  return out;
}

/* The same for int32 values (labels, tree leaves); rows left out get SG_LABEL_EXCLUDED. */
static gint32 *
spread_labels (const gint32     *labels,
               const SgRunInput *input)
{
  gint32 *out = g_new (gint32, input->n_table_rows);

  for (gsize i = 0; i < input->n_table_rows; i++)
    out[i] = SG_LABEL_EXCLUDED;
  for (gsize i = 0; i < input->kept_rows->len; i++)
    out[g_array_index (input->kept_rows, guint, i)] = labels[i];
  return out;
}

static gboolean
store_spread (SgProject        *project,
              gint64            run_id,
              const char       *name,
              const float      *values,
              guint             width,
              const SgRunInput *input,
              GError          **error)
{
  g_autofree float *spread = NULL;

  if (values == NULL)
    return TRUE;
  spread = spread_floats (values, width, input);
  return sg_project_store_run_array (project, run_id, name, spread, width * sizeof (float),
                                     input->n_table_rows, error);
}

static gboolean
store_leaves (SgProject          *project,
              gint64              run_id,
              const SgClustering *c,
              const SgRunInput   *input,
              GError            **error)
{
  g_autofree gint32 *leaves = spread_labels (c->dendrogram->row_leaf, input);

  return sg_project_store_run_array (project, run_id, "leaf", leaves, sizeof (gint32), input->n_table_rows, error);
}

static char *
default_run_name (const SgRunSettings *settings,
                  guint                k)
{
  if (settings->name != NULL && *settings->name != '\0')
    return g_strdup (settings->name);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u segment", "%s · %u segments", k),
                          sg_algorithm_get_label (settings->algorithm), k);
}

static gint64
store_run (SgProject           *project,
           const SgRunSettings *settings,
           const SgRunInput    *input,
           const SgClustering  *c,
           const SgKScan       *scan,
           const float         *pca_scores,
           const SgPca         *pca,
           GError             **error)
{
  g_autoptr(JsonNode) settings_json = sg_run_settings_to_json (settings);
  g_autoptr(JsonNode) model = build_model (input, settings, c, pca);
  g_autoptr(JsonNode) metrics = build_metrics (c, scan, input->n_table_rows - input->x->n_rows);
  g_autofree char *settings_text = node_to_string (settings_json);
  g_autofree char *model_text = node_to_string (model);
  g_autofree char *metrics_text = node_to_string (metrics);
  g_autofree char *name = default_run_name (settings, c->k);
  g_autofree gint32 *labels = spread_labels (c->labels, input);
  SgRunInfo info = {
    0, settings->dataset_id, name, (char *) sg_algorithm_to_string (settings->algorithm), c->k,
    settings_text, model_text, metrics_text, input->n_table_rows, input->n_table_rows - input->x->n_rows, NULL,
  };
  gint64 run_id;

  if (!sg_project_begin (project, error))
    return 0;
  run_id = sg_project_store_run (project, &info, labels, input->n_table_rows, error);
  if (run_id == 0 ||
      !store_spread (project, run_id, "pca", pca_scores, pca ? MIN (PCA_COMPONENTS, pca->n_cols) : 0, input, error) ||
      !store_spread (project, run_id, "silhouette", c->silhouettes, 1, input, error) ||
      !store_spread (project, run_id, "probabilities", c->probabilities, c->k, input, error) ||
      (c->dendrogram != NULL &&
       !sg_project_store_run_array (project, run_id, "merges", c->dendrogram->merges, sizeof (SgMerge),
                                    c->dendrogram->n_leaves - 1, error)) ||
      (c->dendrogram != NULL && c->dendrogram->two_stage && !store_leaves (project, run_id, c, input, error)) ||
      !sg_project_commit (project, error))
    {
      sg_project_rollback (project);
      return 0;
    }
  return run_id;
}

static guint
choose_k (const SgRunInput     *input,
          const SgRunSettings  *settings,
          SgKScan             **scan,
          SgProgress           *progress,
          GError              **error)
{
  if (!sg_algorithm_takes_k (settings->algorithm))
    return 0;
  if (settings->k > 0)
    return settings->k;
  *scan = sg_kscan_matrix (input->x, settings, progress, error);
  return *scan ? (*scan)->recommendation.recommended_k : 0;
}

SgRunOutcome *
sg_segment_dataset (SgProject            *project,
                    const SgRunSettings  *settings,
                    SgProgress           *progress,
                    GError              **error)
{
  g_autoptr(SgRunOutcome) outcome = g_new0 (SgRunOutcome, 1);
  g_autoptr(SgRunInput) input = NULL;
  g_autoptr(SgClustering) c = NULL;
  g_autoptr(SgPca) pca = NULL;
  g_autofree float *scores = NULL;
  SgProgress scan_part, fit_part, pca_part, report_part;
  gboolean auto_k;
  guint k;

  g_return_val_if_fail (SG_IS_PROJECT (project), NULL);
  g_return_val_if_fail (settings != NULL, NULL);

  sg_progress_report (progress, 0.0, _("Reading the features"));
  input = sg_run_input_load (project, settings, error);
  if (input == NULL || !sg_progress_check (progress, error))
    return NULL;

  auto_k = settings->k == 0 && sg_algorithm_takes_k (settings->algorithm);
  scan_part = sg_progress_sub (progress, 0.05, auto_k ? 0.6 : 0.05);
  fit_part = sg_progress_sub (progress, auto_k ? 0.6 : 0.05, 0.9);
  pca_part = sg_progress_sub (progress, 0.9, 0.94);
  report_part = sg_progress_sub (progress, 0.95, 1.0);

  k = choose_k (input, settings, &outcome->scan, &scan_part, error);
  if (k == 0 && sg_algorithm_takes_k (settings->algorithm))
    return NULL;
  c = sg_cluster_matrix (input->x, settings, k, &fit_part, error);
  if (c == NULL)
    return NULL;

  sg_progress_report (&pca_part, 0.0, _("Placing customers on a map"));
  pca = sg_pca_fit (input->x, NULL);  /* a run without a map is still a run */
  if (pca != NULL)
    {
      guint n_comp = MIN (PCA_COMPONENTS, pca->n_cols);

      scores = g_new (float, input->x->n_rows * n_comp);
      sg_pca_transform (pca, input->x, n_comp, scores);
    }
  if (!sg_progress_check (progress, error))
    return NULL;

  sg_progress_report (progress, 0.94, _("Saving the segments"));
  /* the run and its segments' profiles, names and rules (sg-run-report.h) in one transaction */
  if (!sg_project_begin (project, error))
    return NULL;
  outcome->run_id = store_run (project, settings, input, c, outcome->scan, scores, pca, error);
  g_clear_pointer (&input->x, sg_matrix_free);   /* stored: free it before the report loads the dataset */
  if (outcome->run_id == 0 || !sg_run_report_refresh (project, outcome->run_id, &report_part, error) ||
      !sg_project_commit (project, error))
    {
      sg_project_rollback (project);
      return NULL;
    }

  outcome->k = c->k;
  outcome->n_rows = input->n_table_rows;
  outcome->n_excluded = input->n_table_rows - input->kept_rows->len;
  outcome->sizes = g_memdup2 (c->sizes, MAX (c->k, 1) * sizeof (guint64));
  outcome->metrics = c->metrics;
  outcome->warnings = g_strdupv (input->warnings);
  sg_progress_report (progress, 1.0, NULL);
  return g_steal_pointer (&outcome);
}

SgKScan *
sg_kscan_dataset (SgProject            *project,
                  const SgRunSettings  *settings,
                  SgProgress           *progress,
                  GError              **error)
{
  g_autoptr(SgRunInput) input = NULL;
  SgProgress scan_part = sg_progress_sub (progress, 0.05, 1.0);

  sg_progress_report (progress, 0.0, _("Reading the features"));
  input = sg_run_input_load (project, settings, error);
  if (input == NULL)
    return NULL;
  return sg_kscan_matrix (input->x, settings, &scan_part, error);
}

/* ---- on a worker thread ---- */

typedef struct {
  SgProject     *project;   /* the worker's own connection */
  SgRunSettings  settings;
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->project);
  sg_run_settings_clear (&job->settings);
  g_free (job);
}

static Job *
job_new (SgProject           *project,
         const SgRunSettings *settings,
         GError             **error)
{
  g_autoptr(SgProject) connection = sg_project_reopen (project, error);
  Job *job;

  if (connection == NULL)
    return NULL;
  job = g_new0 (Job, 1);
  job->project = g_steal_pointer (&connection);
  sg_run_settings_copy (&job->settings, settings);
  return job;
}

static gpointer
segment_work (gpointer     data,
              SgProgress  *progress,
              GError     **error)
{
  Job *job = data;

  return sg_segment_dataset (job->project, &job->settings, progress, error);
}

static gpointer
scan_work (gpointer     data,
           SgProgress  *progress,
           GError     **error)
{
  Job *job = data;

  return sg_kscan_dataset (job->project, &job->settings, progress, error);
}

static void
start_job (SgProject           *project,
           const SgRunSettings *settings,
           gpointer             tag,
           SgAsyncWorkFunc      work,
           GDestroyNotify       result_free,
           GCancellable        *cancellable,
           SgProgressFunc       progress_func,
           gpointer             progress_data,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  g_autoptr(GError) error = NULL;
  Job *job = job_new (project, settings, &error);

  if (job == NULL)
    {
      g_task_report_error (project, callback, user_data, tag, g_steal_pointer (&error));
      return;
    }
  sg_async_run (project, tag, work, job, (GDestroyNotify) job_free, result_free, cancellable,
                progress_func, progress_data, callback, user_data);
}

void
sg_segment_dataset_async (SgProject           *project,
                          const SgRunSettings *settings,
                          GCancellable        *cancellable,
                          SgProgressFunc       progress_func,
                          gpointer             progress_data,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  start_job (project, settings, sg_segment_dataset_async, segment_work, (GDestroyNotify) sg_run_outcome_free,
             cancellable, progress_func, progress_data, callback, user_data);
}

SgRunOutcome *
sg_segment_dataset_finish (GAsyncResult  *result,
                           GError       **error)
{
  return sg_async_finish (result, sg_segment_dataset_async, error);
}

void
sg_kscan_dataset_async (SgProject           *project,
                        const SgRunSettings *settings,
                        GCancellable        *cancellable,
                        SgProgressFunc       progress_func,
                        gpointer             progress_data,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  start_job (project, settings, sg_kscan_dataset_async, scan_work, (GDestroyNotify) sg_kscan_free,
             cancellable, progress_func, progress_data, callback, user_data);
}

SgKScan *
sg_kscan_dataset_finish (GAsyncResult  *result,
                         GError       **error)
{
  return sg_async_finish (result, sg_kscan_dataset_async, error);
}

/* ---- storing a clustering made elsewhere (a re-cut tree) ---- */

gint64
sg_store_clustering (SgProject            *project,
                     const SgRunSettings  *settings,
                     SgRunInput           *input,
                     const SgClustering   *c,
                     SgProgress           *progress,
                     GError              **error)
{
  g_autoptr(SgPca) pca = NULL;
  g_autofree float *scores = NULL;
  SgProgress report_part = sg_progress_sub (progress, 0.1, 1.0);
  gint64 run_id;

  g_return_val_if_fail (SG_IS_PROJECT (project), 0);
  g_return_val_if_fail (settings != NULL && input != NULL && input->x != NULL && c != NULL, 0);

  /* The same input gives the same components as the run it came from. */
  pca = sg_pca_fit (input->x, NULL);
  if (pca != NULL)
    {
      scores = g_new (float, input->x->n_rows * MIN (PCA_COMPONENTS, pca->n_cols));
      sg_pca_transform (pca, input->x, MIN (PCA_COMPONENTS, pca->n_cols), scores);
    }
  if (!sg_project_begin (project, error))
    return 0;
  run_id = store_run (project, settings, input, c, NULL, scores, pca, error);
  g_clear_pointer (&input->x, sg_matrix_free);   /* stored: free it before the report loads the dataset */
  /* Profiled, named and explained like any run, in the same transaction. */
  if (run_id == 0 || !sg_run_report_refresh (project, run_id, &report_part, error) ||
      !sg_project_commit (project, error))
    {
      sg_project_rollback (project);
      return 0;
    }
  return run_id;
}
