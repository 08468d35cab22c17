/* sg-segmenter.c — a segmentation run from start to finish
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "sg-async.h"
#include "sg-dbscan.h"
#include "sg-error.h"
#include "sg-gmm.h"
#include "sg-kmeans.h"
#include "sg-metrics.h"
#include "sg-pca.h"
#include "sg-segmenter.h"

/* Silhouette is exact up to this many rows, then estimated on a seeded sample (stated as such). */
#define EXACT_SILHOUETTE_ROWS 50000
/* Above this many rows a k scan restarts k-means fewer times: the final fit uses the full setting. */
#define SCAN_FEWER_RESTARTS_ROWS 200000
/* Principal components kept per row for the scatter plots. */
#define PCA_COMPONENTS 3

void
sg_clustering_free (SgClustering *clustering)
{
  if (clustering == NULL)
    return;
  g_free (clustering->labels);
  g_free (clustering->sizes);
  g_free (clustering->probabilities);
  g_free (clustering->silhouettes);
  g_free (clustering->centroids);
  g_clear_pointer (&clustering->model, json_node_unref);
  g_clear_pointer (&clustering->dendrogram, sg_dendrogram_free);
  g_free (clustering);
}

void
sg_kscan_free (SgKScan *scan)
{
  if (scan == NULL)
    return;
  g_clear_pointer (&scan->rows, g_array_unref);
  sg_recommendation_clear (&scan->recommendation);
  g_free (scan);
}

void
sg_run_input_free (SgRunInput *input)
{
  if (input == NULL)
    return;
  g_clear_pointer (&input->x, sg_matrix_free);
  g_clear_pointer (&input->kept_rows, g_array_unref);
  g_clear_pointer (&input->scaler, sg_scaler_free);
  g_clear_pointer (&input->warnings, g_strfreev);
  g_free (input);
}

void
sg_run_outcome_free (SgRunOutcome *outcome)
{
  if (outcome == NULL)
    return;
  g_free (outcome->sizes);
  g_clear_pointer (&outcome->scan, sg_kscan_free);
  g_clear_pointer (&outcome->warnings, g_strfreev);
  g_free (outcome);
}

/* ---- JSON helpers ---- */

static void
add_double_array (JsonBuilder  *b,
                  const char   *member,
                  const double *values,
                  gsize         n)
{
  json_builder_set_member_name (b, member);
  json_builder_begin_array (b);
  for (gsize i = 0; i < n; i++)
    json_builder_add_double_value (b, values[i]);
  json_builder_end_array (b);
}

static void
add_matrix (JsonBuilder  *b,
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
        json_builder_add_double_value (b, values[r * n_cols + c]);
      json_builder_end_array (b);
    }
  json_builder_end_array (b);
}

static void
add_number (JsonBuilder *b,
            const char  *member,
            double       value)
{
  json_builder_set_member_name (b, member);
  if (isfinite (value))
    json_builder_add_double_value (b, value);
  else
    json_builder_add_null_value (b);
}

/* ---- clustering at one k ---- */

static void
count_sizes (SgClustering *c)
{
  c->sizes = g_new0 (guint64, MAX (c->k, 1));
  for (gsize i = 0; i < c->n_rows; i++)
    if (c->labels[i] >= 0)
      c->sizes[c->labels[i]]++;
    else
      c->metrics.n_unassigned++;
}

/* Segment means in scaled units: every algorithm gets centroids for charts and profiles. */
static void
compute_centroids (SgClustering   *c,
                   const SgMatrix *x)
{
  gsize d = x->n_cols;

  c->centroids = g_new0 (double, MAX (c->k, 1) * d);
  for (gsize i = 0; i < x->n_rows; i++)
    if (c->labels[i] >= 0)
      {
        const double *row = sg_matrix_row (x, i);
        double *centre = c->centroids + (gsize) c->labels[i] * d;

        for (gsize j = 0; j < d; j++)
          centre[j] += row[j];
      }
  for (guint s = 0; s < c->k; s++)
    for (gsize j = 0; j < d; j++)
      c->centroids[s * d + j] = c->sizes[s] ? c->centroids[s * d + j] / c->sizes[s] : NAN;
}

static gboolean
fit_kmeans (SgClustering        *c,
            const SgMatrix      *x,
            const SgRunSettings *settings,
            guint                k,
            SgProgress          *progress,
            GError             **error)
{
  g_autoptr(SgKMeansResult) result = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  SgKMeansOptions options;

  sg_kmeans_options_init (&options);
  options.k = k;
  if (settings->n_init > 0)
    options.n_init = settings->n_init;
  if (settings->max_iter > 0)
    options.max_iter = settings->max_iter;
  options.seed = settings->seed;
  options.n_threads = settings->n_threads;
  options.minibatch = settings->minibatch;

  result = sg_kmeans_fit (x, &options, progress, error);
  if (result == NULL)
    return FALSE;
  c->labels = g_steal_pointer (&result->labels);
  c->metrics.inertia = result->inertia;
  c->metrics.n_iter = result->n_iter;
  c->metrics.converged = result->converged;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "n_init");
  json_builder_add_int_value (b, options.n_init);
  json_builder_set_member_name (b, "minibatch");
  json_builder_add_boolean_value (b, options.minibatch);
  add_matrix (b, "centroids", result->centroids, k, x->n_cols);
  json_builder_end_object (b);
  c->model = json_builder_get_root (b);
  return TRUE;
}

static gsize
covariance_size (const SgGmmResult *r)
{
  switch (r->covariance)
    {
    case SG_COVARIANCE_FULL: return (gsize) r->k * r->n_cols * r->n_cols;
    case SG_COVARIANCE_DIAG: return (gsize) r->k * r->n_cols;
    case SG_COVARIANCE_SPHERICAL:
    default: return r->k;
    }
}

static gboolean
fit_gmm (SgClustering        *c,
         const SgMatrix      *x,
         const SgRunSettings *settings,
         guint                k,
         SgProgress          *progress,
         GError             **error)
{
  g_autoptr(SgGmmResult) result = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  SgGmmOptions options;

  sg_gmm_options_init (&options);
  options.k = k;
  options.covariance = settings->covariance;
  if (settings->n_init > 0)
    options.n_init = settings->n_init;
  if (settings->max_iter > 0)
    options.max_iter = settings->max_iter;
  options.seed = settings->seed;
  options.n_threads = settings->n_threads;

  result = sg_gmm_fit (x, &options, progress, error);
  if (result == NULL)
    return FALSE;
  c->labels = g_steal_pointer (&result->labels);
  c->probabilities = g_steal_pointer (&result->probabilities);
  c->metrics.bic = result->bic;
  c->metrics.aic = result->aic;
  c->metrics.lower_bound = result->lower_bound;
  c->metrics.n_iter = result->n_iter;
  c->metrics.converged = result->converged;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "covariance");
  json_builder_add_string_value (b, sg_covariance_to_string (result->covariance));
  add_double_array (b, "weights", result->weights, k);
  add_matrix (b, "means", result->means, k, x->n_cols);
  add_double_array (b, "covariances", result->covariances, covariance_size (result));
  json_builder_end_object (b);
  c->model = json_builder_get_root (b);
  return TRUE;
}

static gboolean
fit_dbscan (SgClustering        *c,
            const SgMatrix      *x,
            const SgRunSettings *settings,
            SgProgress          *progress,
            GError             **error)
{
  g_autoptr(SgDbscanResult) result = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  SgDbscanOptions options;
  gboolean suggested = FALSE;

  sg_dbscan_options_init (&options);
  options.min_samples = settings->min_samples > 0 ? settings->min_samples : options.min_samples;
  options.n_threads = settings->n_threads;
  options.eps = settings->eps;
  if (options.eps <= 0)
    {
      g_autoptr(SgKDistance) curve = NULL;
      SgProgress sub = sg_progress_sub (progress, 0.0, 0.3);

      curve = sg_dbscan_k_distance (x, options.min_samples, 20000, settings->seed, settings->n_threads,
                                    &sub, error);
      if (curve == NULL)
        return FALSE;
      options.eps = curve->suggested_eps;
      suggested = TRUE;
    }
  {
    SgProgress sub = sg_progress_sub (progress, suggested ? 0.3 : 0.0, 1.0);

    result = sg_dbscan_fit (x, &options, &sub, error);
  }
  if (result == NULL)
    return FALSE;
  c->k = result->n_clusters;
  c->labels = g_steal_pointer (&result->labels);
  c->metrics.eps = options.eps;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "eps");
  json_builder_add_double_value (b, options.eps);
  json_builder_set_member_name (b, "eps_suggested");
  json_builder_add_boolean_value (b, suggested);
  json_builder_set_member_name (b, "min_samples");
  json_builder_add_int_value (b, options.min_samples);
  json_builder_set_member_name (b, "n_core");
  json_builder_add_int_value (b, (gint64) result->n_core);
  json_builder_end_object (b);
  c->model = json_builder_get_root (b);
  return TRUE;
}

static JsonNode *
hierarchical_model (const SgDendrogram *tree)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "linkage");
  json_builder_add_string_value (b, sg_linkage_to_string (tree->linkage));
  json_builder_set_member_name (b, "two_stage");
  json_builder_add_boolean_value (b, tree->two_stage);
  json_builder_set_member_name (b, "n_leaves");
  json_builder_add_int_value (b, (gint64) tree->n_leaves);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static SgDendrogram *
fit_tree (const SgMatrix      *x,
          const SgRunSettings *settings,
          SgProgress          *progress,
          GError             **error)
{
  SgHclustOptions options;

  sg_hclust_options_init (&options);
  options.linkage = settings->linkage;
  options.seed = settings->seed;
  options.n_threads = settings->n_threads;
  return sg_hclust_fit (x, &options, progress, error);
}

static gboolean
cut_tree (SgClustering *c,
          SgDendrogram *tree,
          guint         k,
          GError      **error)
{
  c->labels = sg_dendrogram_cut_k (tree, k, error);
  if (c->labels == NULL)
    return FALSE;
  c->model = hierarchical_model (tree);
  return TRUE;
}

static void
measure (SgClustering   *c,
         const SgMatrix *x,
         guint64         seed,
         guint           n_threads,
         SgProgress     *progress)
{
  g_autoptr(GError) error = NULL;
  SgSilhouette silhouette = { NAN, NAN, NAN, FALSE, 0 };
  guint non_empty = 0;

  for (guint s = 0; s < c->k; s++)
    non_empty += c->sizes[s] > 0;
  if (!isfinite (c->metrics.inertia) || c->metrics.inertia == 0)
    c->metrics.inertia = sg_inertia (x, c->labels, c->k);

  c->metrics.silhouette = c->metrics.silhouette_ci_low = c->metrics.silhouette_ci_high = NAN;
  c->metrics.davies_bouldin = c->metrics.calinski_harabasz = NAN;
  if (non_empty < 2)
    return;

  c->silhouettes = g_new (float, c->n_rows);
  if (sg_silhouette (x, c->labels, c->k, EXACT_SILHOUETTE_ROWS, seed, n_threads, c->silhouettes,
                     &silhouette, progress, &error))
    {
      c->metrics.silhouette = silhouette.mean;
      c->metrics.silhouette_ci_low = silhouette.ci_low;
      c->metrics.silhouette_ci_high = silhouette.ci_high;
      c->metrics.silhouette_sampled = silhouette.sampled;
      c->metrics.silhouette_sample = silhouette.sample_size;
    }
  else
    g_clear_pointer (&c->silhouettes, g_free);
  g_clear_error (&error);
  c->metrics.davies_bouldin = sg_davies_bouldin (x, c->labels, c->k, NULL);
  c->metrics.calinski_harabasz = sg_calinski_harabasz (x, c->labels, c->k, NULL);
}

static gboolean
check_k (const SgMatrix *x,
         guint           k,
         GError        **error)
{
  if (k < 2)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT,
                   _("Ask for at least 2 segments (asked for %u)"), k);
      return FALSE;
    }
  if (k > x->n_rows)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT,
                   _("%u segments were asked for, but there are only %zu customers to segment"),
                   k, x->n_rows);
      return FALSE;
    }
  return TRUE;
}

static SgClustering *
finish_clustering (SgClustering   *c,
                   const SgMatrix *x,
                   const SgRunSettings *settings,
                   gint64          started,
                   SgProgress     *progress)
{
  SgProgress sub = sg_progress_sub (progress, 0.85, 1.0);

  c->n_rows = x->n_rows;
  c->metrics.seconds = (g_get_monotonic_time () - started) / 1e6;
  count_sizes (c);
  compute_centroids (c, x);
  if (settings->skip_metrics)
    {
      if (!isfinite (c->metrics.inertia))
        c->metrics.inertia = sg_inertia (x, c->labels, c->k);
      c->metrics.silhouette = c->metrics.davies_bouldin = c->metrics.calinski_harabasz = NAN;
      return c;
    }
  sg_progress_report (&sub, 0.0, _("Measuring segment quality"));
  measure (c, x, settings->seed, settings->n_threads, &sub);
  return c;
}

SgClustering *
sg_cluster_matrix (const SgMatrix       *x,
                   const SgRunSettings  *settings,
                   guint                 k,
                   SgProgress           *progress,
                   GError              **error)
{
  g_autoptr(SgClustering) c = g_new0 (SgClustering, 1);
  SgProgress fit = sg_progress_sub (progress, 0.0, 0.85);
  gint64 started = g_get_monotonic_time ();
  gboolean ok = FALSE;

  g_return_val_if_fail (x != NULL && settings != NULL, NULL);

  c->metrics = (SgClusterMetrics) { .inertia = NAN, .bic = NAN, .aic = NAN, .lower_bound = NAN, .eps = NAN };
  if (sg_algorithm_takes_k (settings->algorithm) && !check_k (x, k, error))
    return NULL;
  c->k = k;

  sg_progress_report (&fit, 0.0, _("Finding segments"));
  switch (settings->algorithm)
    {
    case SG_ALGORITHM_KMEANS:
      ok = fit_kmeans (c, x, settings, k, &fit, error);
      break;
    case SG_ALGORITHM_GMM:
      ok = fit_gmm (c, x, settings, k, &fit, error);
      break;
    case SG_ALGORITHM_DBSCAN:
      ok = fit_dbscan (c, x, settings, &fit, error);
      break;
    case SG_ALGORITHM_HIERARCHICAL:
      c->dendrogram = fit_tree (x, settings, &fit, error);
      ok = c->dendrogram != NULL && cut_tree (c, c->dendrogram, k, error);
      break;
    case SG_N_ALGORITHMS:
    default:
      g_assert_not_reached ();
    }
  if (!ok || !sg_progress_check (progress, error))
    return NULL;
  return finish_clustering (g_steal_pointer (&c), x, settings, started, progress);
}

SgClustering *
sg_clustering_from_labels (const SgMatrix      *x,
                           const SgRunSettings *settings,
                           gint32              *labels,
                           guint                k,
                           SgProgress          *progress,
                           GError             **error)
{
  g_autoptr(SgClustering) c = g_new0 (SgClustering, 1);
  gint64 started = g_get_monotonic_time ();

  g_return_val_if_fail (x != NULL && settings != NULL && labels != NULL, NULL);

  c->labels = labels;
  c->k = k;
  c->metrics = (SgClusterMetrics) { .inertia = NAN, .bic = NAN, .aic = NAN, .lower_bound = NAN, .eps = NAN };
  for (gsize i = 0; i < x->n_rows; i++)
    if (labels[i] >= (gint32) k || labels[i] < SG_LABEL_UNASSIGNED)
      {
        g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT,
                     _("Row %zu is in segment %d, but there are only %u segments"),
                     i + 1, labels[i] + 1, k);
        return NULL;
      }
  finish_clustering (c, x, settings, started, progress);
  if (!sg_progress_check (progress, error))
    return NULL;
  return g_steal_pointer (&c);
}

/* ---- k scan ---- */

static double
smallest_share (const SgClustering *c)
{
  guint64 smallest = G_MAXUINT64, total = 0;

  for (guint s = 0; s < c->k; s++)
    {
      smallest = MIN (smallest, c->sizes[s]);
      total += c->sizes[s];
    }
  return total ? (double) smallest / total : 0.0;
}

static SgKScanRow
scan_row (const SgClustering *c)
{
  return (SgKScanRow) {
    c->k, c->metrics.inertia, c->metrics.silhouette, c->metrics.davies_bouldin,
    c->metrics.calinski_harabasz, c->metrics.bic, smallest_share (c),
  };
}

static gboolean
check_scan_range (const SgMatrix      *x,
                  const SgRunSettings *settings,
                  guint               *k_max,
                  GError             **error)
{
  if (!sg_algorithm_takes_k (settings->algorithm))
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT,
                   _("%s finds the number of segments by itself: there is nothing to scan"),
                   sg_algorithm_get_label (settings->algorithm));
      return FALSE;
    }
  *k_max = (guint) MIN ((gsize) settings->k_max, x->n_rows - 1);
  if (x->n_rows < 3 || settings->k_min < 2 || *k_max < settings->k_min)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT,
                   _("Cannot compare %u to %u segments on %zu customers"),
                   settings->k_min, settings->k_max, x->n_rows);
      return FALSE;
    }
  return TRUE;
}

SgKScan *
sg_kscan_matrix (const SgMatrix       *x,
                 const SgRunSettings  *settings,
                 SgProgress           *progress,
                 GError              **error)
{
  g_autoptr(SgKScan) scan = g_new0 (SgKScan, 1);
  g_autoptr(SgDendrogram) tree = NULL;
  SgRunSettings quick = *settings;
  guint k_max, n_k;

  if (!check_scan_range (x, settings, &k_max, error))
    return NULL;
  n_k = k_max - settings->k_min + 1;
  scan->rows = g_array_new (FALSE, FALSE, sizeof (SgKScanRow));

  /* Many restarts at every k of a huge table cost minutes and change little; the final fit restarts fully. */
  if (settings->algorithm == SG_ALGORITHM_KMEANS && x->n_rows > SCAN_FEWER_RESTARTS_ROWS)
    quick.n_init = MIN (settings->n_init ? settings->n_init : 10, 3);

  if (settings->algorithm == SG_ALGORITHM_HIERARCHICAL)
    {
      SgProgress sub = sg_progress_sub (progress, 0.0, 0.5);

      /* One tree serves every k: only the cut differs. */
      tree = fit_tree (x, settings, &sub, error);
      if (tree == NULL)
        return NULL;
    }

  for (guint k = settings->k_min; k <= k_max; k++)
    {
      double from = tree ? 0.5 : 0.0, span = 1.0 - from;
      SgProgress sub = sg_progress_sub (progress, from + span * (k - settings->k_min) / n_k,
                                        from + span * (k - settings->k_min + 1) / n_k);
      g_autoptr(SgClustering) c = NULL;
      g_autofree char *message = g_strdup_printf (_("Trying %u segments"), k);

      sg_progress_report (&sub, 0.0, message);
      if (tree != NULL)
        {
          gint64 started = g_get_monotonic_time ();

          c = g_new0 (SgClustering, 1);
          c->k = k;
          c->metrics = (SgClusterMetrics) { .inertia = NAN, .bic = NAN, .aic = NAN, .lower_bound = NAN };
          if (!cut_tree (c, tree, k, error))
            return NULL;
          finish_clustering (c, x, settings, started, &sub);
        }
      else
        c = sg_cluster_matrix (x, &quick, k, &sub, error);
      if (c == NULL || !sg_progress_check (progress, error))
        return NULL;
      g_array_append_vals (scan->rows, (SgKScanRow[]) { scan_row (c) }, 1);
    }

  sg_recommend_k ((const SgKScanRow *) scan->rows->data, scan->rows->len, settings->min_share,
                  settings->algorithm == SG_ALGORITHM_GMM, &scan->recommendation);
  return g_steal_pointer (&scan);
}

JsonNode *
sg_kscan_to_json (const SgKScan *scan)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "rows");
  json_builder_begin_array (b);
  for (guint i = 0; i < scan->rows->len; i++)
    {
      const SgKScanRow *row = &g_array_index (scan->rows, SgKScanRow, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "k");
      json_builder_add_int_value (b, row->k);
      add_number (b, "inertia", row->inertia);
      add_number (b, "silhouette", row->silhouette);
      add_number (b, "davies_bouldin", row->davies_bouldin);
      add_number (b, "calinski_harabasz", row->calinski_harabasz);
      add_number (b, "bic", row->bic);
      add_number (b, "smallest_share", row->smallest_share);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "recommended_k");
  json_builder_add_int_value (b, scan->recommendation.recommended_k);
  json_builder_set_member_name (b, "elbow_k");
  json_builder_add_int_value (b, scan->recommendation.elbow_k);
  json_builder_set_member_name (b, "best_score_k");
  json_builder_add_int_value (b, scan->recommendation.best_score_k);
  json_builder_set_member_name (b, "reason");
  json_builder_add_string_value (b, scan->recommendation.reason);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}
