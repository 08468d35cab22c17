/* sg-run-charts.c — a stored run read for its charts; headline, map, sizes, silhouette, k scan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sg-error.h"
#include "sg-profile.h"
#include "sg-run-charts.h"

/* ---- reading the run ---- */

void
sg_run_data_free (SgRunData *data)
{
  if (data == NULL)
    return;
  g_clear_pointer (&data->run, sg_run_info_free);
  sg_run_settings_clear (&data->settings);
  g_strfreev (data->features);
  if (data->roles != NULL)
    for (guint f = 0; f < data->n_features; f++)
      g_free (data->roles[f]);
  g_free (data->roles);
  g_free (data->feature_columns);
  g_strfreev (data->names);
  if (data->profiles != NULL)
    for (guint s = 0; s < data->k; s++)
      g_free (data->profiles[s]);
  g_free (data->profiles);
  g_free (data->sizes);
  g_free (data->labels);
  g_free (data->pca);
  g_free (data->silhouette);
  g_free (data->merges);
  g_free (data->leaf);
  g_free (data->centroids_scaled);
  g_free (data->centroids);
  g_free (data->pca_components);
  g_free (data->pca_mean);
  g_free (data->pca_variance);
  g_free (data->pca_ratio);
  g_clear_pointer (&data->model, json_node_unref);
  g_clear_pointer (&data->metrics, json_node_unref);
  g_free (data);
}

static JsonNode *
parse_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (text == NULL || !json_parser_load_from_data (parser, text, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return json_node_init_object (json_node_alloc (), json_object_new ());
  return json_node_copy (json_parser_get_root (parser));
}

static double
number_or_nan (JsonNode *node)
{
  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE)
    return NAN;
  return json_node_get_double (node);
}

/* A JSON array of @n numbers (null → NaN) into a new array; NULL if absent or of another length. */
static double *
read_vector (JsonObject *object,
             const char *member,
             gsize       n)
{
  JsonArray *array = object != NULL && json_object_has_member (object, member)
                       ? json_object_get_array_member (object, member) : NULL;
  double *out;

  if (array == NULL || json_array_get_length (array) != n)
    return NULL;
  out = g_new (double, MAX (n, 1));
  for (gsize i = 0; i < n; i++)
    out[i] = number_or_nan (json_array_get_element (array, i));
  return out;
}

/* An array of @rows arrays of @cols numbers, row-major. */
static double *
read_matrix (JsonObject *object,
             const char *member,
             gsize       rows,
             gsize       cols)
{
  JsonArray *array = object != NULL && json_object_has_member (object, member)
                       ? json_object_get_array_member (object, member) : NULL;
  g_autofree double *out = NULL;

  if (array == NULL || json_array_get_length (array) != rows)
    return NULL;
  out = g_new (double, MAX (rows * cols, 1));
  for (gsize r = 0; r < rows; r++)
    {
      JsonNode *row = json_array_get_element (array, r);
      JsonArray *values = JSON_NODE_HOLDS_ARRAY (row) ? json_node_get_array (row) : NULL;

      if (values == NULL || json_array_get_length (values) != cols)
        return NULL;
      for (gsize c = 0; c < cols; c++)
        out[r * cols + c] = number_or_nan (json_array_get_element (values, c));
    }
  return g_steal_pointer (&out);
}

static gboolean
read_features (SgRunData  *data,
               JsonObject *model,
               GError    **error)
{
  JsonArray *features = json_object_has_member (model, "features")
                          ? json_object_get_array_member (model, "features") : NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (features == NULL)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_CORRUPT, _("Run “%s” does not say which features it used"),
                   data->run->name);
      return FALSE;
    }
  for (guint f = 0; f < json_array_get_length (features); f++)
    g_strv_builder_add (builder, json_array_get_string_element (features, f));
  data->features = g_strv_builder_end (builder);
  data->n_features = g_strv_length (data->features);
  return TRUE;
}

/* Roles and column indices of the features, and the customer id column, from the dataset. */
static void
read_columns (SgRunData *data,
              SgProject *project)
{
  g_autoptr(SgDatasetInfo) info = sg_project_get_dataset (project, data->run->dataset_id, NULL);

  data->roles = g_new0 (char *, data->n_features + 1);
  data->feature_columns = g_new (int, MAX (data->n_features, 1));
  data->id_column = -1;
  for (guint f = 0; f < data->n_features; f++)
    {
      int column = info != NULL ? sg_dataset_info_lookup_column (info, data->features[f]) : -1;
      SgColumnInfo *ci = column >= 0 ? g_ptr_array_index (info->columns, column) : NULL;

      data->feature_columns[f] = column;
      /* A role set on the column, else one read from its name ("age", "income"…). */
      data->roles[f] = g_strdup (ci != NULL && ci->role != NULL ? ci->role : sg_column_role_guess (data->features[f]));
    }
  for (guint c = 0; info != NULL && c < info->columns->len && data->id_column < 0; c++)
    if (g_strcmp0 (((SgColumnInfo *) g_ptr_array_index (info->columns, c))->role, "id") == 0)
      data->id_column = (int) c;
}

static gboolean
read_segments (SgRunData  *data,
               SgProject  *project,
               GError    **error)
{
  g_autoptr(GPtrArray) segments = sg_project_list_segments (project, data->run->id, error);

  if (segments == NULL)
    return FALSE;
  data->names = g_new0 (char *, data->k + 1);
  data->profiles = g_new0 (char *, data->k + 1);
  data->sizes = g_new0 (guint64, MAX (data->k, 1));
  for (guint i = 0; i < segments->len; i++)
    {
      SgSegmentInfo *segment = g_ptr_array_index (segments, i);

      if (segment->idx >= data->k)
        continue;
      data->names[segment->idx] = segment->name != NULL && *segment->name != '\0' ? g_strdup (segment->name) : NULL;
      data->profiles[segment->idx] = g_strdup (segment->profile);
    }
  for (guint s = 0; s < data->k; s++)
    if (data->names[s] == NULL)
      data->names[s] = g_strdup_printf (_("Segment %u"), s + 1);
  return TRUE;
}

/* An optional per-row array of @width values of @size bytes: NULL if absent or the wrong length. */
static gpointer
read_row_array (SgProject  *project,
                SgRunData  *data,
                const char *name,
                gsize       row_bytes)
{
  gsize n_bytes = 0;
  gpointer array = sg_project_load_run_array (project, data->run->id, name, &n_bytes, NULL);

  if (array != NULL && (row_bytes == 0 || n_bytes != data->n_rows * row_bytes))
    g_clear_pointer (&array, g_free);
  return array;
}

static void
read_arrays (SgRunData *data,
             SgProject *project)
{
  gsize n_bytes = 0;

  data->silhouette = read_row_array (project, data, "silhouette", sizeof (float));
  for (guint dims = MIN (3, data->n_features); dims >= 1 && data->pca == NULL; dims--)
    if ((data->pca = read_row_array (project, data, "pca", dims * sizeof (float))) != NULL)
      data->pca_dims = dims;
  if (data->algorithm != SG_ALGORITHM_HIERARCHICAL)
    return;
  data->merges = sg_project_load_run_array (project, data->run->id, "merges", &n_bytes, NULL);
  if (data->merges != NULL && (n_bytes == 0 || n_bytes % sizeof (SgMerge) != 0))
    g_clear_pointer (&data->merges, g_free);
  data->n_merges = data->merges != NULL ? n_bytes / sizeof (SgMerge) : 0;
  data->leaf = read_row_array (project, data, "leaf", sizeof (gint32));
}

static void
read_model (SgRunData *data)
{
  JsonObject *model = json_node_get_object (data->model);
  JsonObject *pca = json_object_has_member (model, "pca") ? json_object_get_object_member (model, "pca") : NULL;
  gsize d = data->n_features;

  data->centroids_scaled = read_matrix (model, "centroids_scaled", data->k, d);
  data->centroids = read_matrix (model, "centroids", data->k, d);
  data->pca_components = read_matrix (pca, "components", d, d);
  data->pca_mean = read_vector (pca, "mean", d);
  data->pca_variance = read_vector (pca, "explained_variance", d);
  data->pca_ratio = read_vector (pca, "explained_variance_ratio", d);
}

SgRunData *
sg_run_data_load (SgProject  *project,
                  gint64      run_id,
                  GError    **error)
{
  g_autoptr(SgRunData) data = g_new0 (SgRunData, 1);
  g_autoptr(JsonNode) settings = NULL;

  g_return_val_if_fail (SG_IS_PROJECT (project), NULL);

  sg_run_settings_init (&data->settings);
  data->run = sg_project_get_run (project, run_id, error);
  if (data->run == NULL)
    return NULL;
  settings = parse_object (data->run->settings);
  if (!sg_run_settings_from_json (settings, &data->settings, error))
    return NULL;
  data->algorithm = data->settings.algorithm;
  data->scaling = data->settings.scaling;
  data->k = data->run->k;
  data->model = parse_object (data->run->model);
  data->metrics = parse_object (data->run->metrics);
  if (!read_features (data, json_node_get_object (data->model), error))
    return NULL;
  read_columns (data, project);
  if (!read_segments (data, project, error))
    return NULL;

  data->labels = sg_project_load_run_labels (project, run_id, &data->n_rows, error);
  if (data->labels == NULL)
    return NULL;
  for (gsize i = 0; i < data->n_rows; i++)
    {
      gint32 label = data->labels[i];

      if (label >= 0 && (guint) label < data->k)
        data->sizes[label]++;
      else if (label == SG_LABEL_UNASSIGNED)
        data->n_unassigned++;
      else
        data->n_excluded++;
    }
  read_arrays (data, project);
  read_model (data);
  return g_steal_pointer (&data);
}

JsonObject *
sg_run_data_get_scan (const SgRunData *data)
{
  JsonObject *metrics;

  g_return_val_if_fail (data != NULL, NULL);

  metrics = json_node_get_object (data->metrics);
  if (!json_object_has_member (metrics, "scan") ||
      !JSON_NODE_HOLDS_OBJECT (json_object_get_member (metrics, "scan")))
    return NULL;
  return json_object_get_object_member (metrics, "scan");
}

/* ---- headline ---- */

const char *
sg_run_charts_silhouette_words (double silhouette)
{
  if (!isfinite (silhouette))
    return NULL;
  if (silhouette >= 0.5)
    return _("Clearly separated");
  if (silhouette >= 0.25)
    return _("Reasonably distinct");
  return _("Overlapping");
}

const char *
sg_run_charts_silhouette_sentence (double silhouette)
{
  if (!isfinite (silhouette))
    return _("How distinct the segments are could not be measured: it needs at least two segments.");
  if (silhouette >= 0.5)
    return _("Segments are clearly separated: nearly every customer is much closer to their own segment "
             "than to any other.");
  if (silhouette >= 0.25)
    return _("Segments are reasonably distinct: most customers are much closer to their own segment than "
             "to the next.");
  if (silhouette >= 0.1)
    return _("Segments overlap: many customers sit between two segments, so treat the borders as soft.");
  return _("Segments barely differ: most customers are about as close to another segment as to their own.");
}

void
sg_run_headline_init (SgRunHeadline   *headline,
                      const SgRunData *data)
{
  JsonObject *metrics = json_node_get_object (data->metrics);
  JsonObject *silhouette = json_object_has_member (metrics, "silhouette") &&
                           JSON_NODE_HOLDS_OBJECT (json_object_get_member (metrics, "silhouette"))
                             ? json_object_get_object_member (metrics, "silhouette") : NULL;
  JsonObject *scan = sg_run_data_get_scan (data);

  memset (headline, 0, sizeof *headline);
  headline->n_unassigned = data->n_unassigned;
  headline->n_excluded = data->n_excluded;
  headline->n_segmented = data->n_rows - data->n_unassigned - data->n_excluded;
  headline->k = data->k;
  headline->silhouette = headline->silhouette_low = headline->silhouette_high = NAN;
  if (silhouette != NULL)
    {
      headline->silhouette = number_or_nan (json_object_get_member (silhouette, "mean"));
      headline->silhouette_low = number_or_nan (json_object_get_member (silhouette, "ci_low"));
      headline->silhouette_high = number_or_nan (json_object_get_member (silhouette, "ci_high"));
      headline->sampled = json_object_get_boolean_member_with_default (silhouette, "sampled", FALSE);
      headline->sample_size = json_object_get_int_member_with_default (silhouette, "sample_size", 0);
    }
  headline->method = g_strdup (sg_algorithm_get_label (data->algorithm));
  headline->method_sentence = g_strdup (sg_algorithm_get_description (data->algorithm));
  if (scan != NULL && json_object_has_member (scan, "reason"))
    headline->k_reason = g_strdup (json_object_get_string_member_with_default (scan, "reason", NULL));
}

void
sg_run_headline_clear (SgRunHeadline *headline)
{
  g_clear_pointer (&headline->method, g_free);
  g_clear_pointer (&headline->method_sentence, g_free);
  g_clear_pointer (&headline->k_reason, g_free);
}

/* ---- the map ---- */

void
sg_scatter_model_clear (SgScatterModel *model)
{
  g_free (model->x);
  g_free (model->y);
  g_free (model->segment);
  g_free (model->rows);
  g_free (model->x_name);
  g_free (model->y_name);
  g_free (model->centroid_x);
  g_free (model->centroid_y);
  g_free (model->load_x);
  g_free (model->load_y);
  g_strfreev (model->load_names);
  memset (model, 0, sizeof *model);
}

/* Centroid @s (scaled units) on component @c: the same projection the rows had. */
static double
project_centroid (const SgRunData *data,
                  guint            s,
                  guint            c)
{
  const double *centre = data->centroids_scaled + (gsize) s * data->n_features;
  const double *component = data->pca_components + (gsize) c * data->n_features;
  double sum = 0;

  for (guint f = 0; f < data->n_features; f++)
    sum += (centre[f] - data->pca_mean[f]) * component[f];
  return sum;
}

static void
build_centroids (SgScatterModel  *model,
                 const SgRunData *data,
                 guint            dim_x,
                 guint            dim_y)
{
  gboolean known = data->centroids_scaled != NULL && data->pca_components != NULL && data->pca_mean != NULL;

  model->centroid_x = g_new (double, MAX (data->k, 1));
  model->centroid_y = g_new (double, MAX (data->k, 1));
  for (guint s = 0; s < data->k; s++)
    {
      model->centroid_x[s] = known ? project_centroid (data, s, dim_x) : NAN;
      model->centroid_y[s] = known ? project_centroid (data, s, dim_y) : NAN;
    }
}

/* Biplot arrows: a feature's weight on a component times the component's spread (its covariance with
 * the component's scores), as sg_pca_loadings() gives. */
static void
build_loadings (SgScatterModel  *model,
                const SgRunData *data,
                guint            dim_x,
                guint            dim_y)
{
  guint d = data->n_features;

  if (data->pca_components == NULL || data->pca_variance == NULL)
    return;
  model->n_loadings = d;
  model->load_x = g_new (double, MAX (d, 1));
  model->load_y = g_new (double, MAX (d, 1));
  model->load_names = g_new0 (char *, d + 1);
  for (guint f = 0; f < d; f++)
    {
      model->load_x[f] = data->pca_components[(gsize) dim_x * d + f] * sqrt (MAX (data->pca_variance[dim_x], 0));
      model->load_y[f] = data->pca_components[(gsize) dim_y * d + f] * sqrt (MAX (data->pca_variance[dim_y], 0));
      model->load_names[f] = sg_column_display_name (data->features[f]);
    }
}

gboolean
sg_scatter_model_build (SgScatterModel  *model,
                        const SgRunData *data,
                        guint            dim_x,
                        guint            dim_y)
{
  gsize n = 0, stride;

  g_return_val_if_fail (model != NULL && data != NULL, FALSE);

  memset (model, 0, sizeof *model);
  if (data->pca == NULL || dim_x >= data->pca_dims || dim_y >= data->pca_dims)
    return FALSE;
  stride = data->pca_dims;
  for (gsize r = 0; r < data->n_rows; r++)
    n += data->labels[r] != SG_LABEL_EXCLUDED && isfinite (data->pca[r * stride + dim_x]) &&
         isfinite (data->pca[r * stride + dim_y]);
  model->k = data->k;
  model->x = g_new (float, MAX (n, 1));
  model->y = g_new (float, MAX (n, 1));
  model->segment = g_new (gint32, MAX (n, 1));
  model->rows = g_new (guint32, MAX (n, 1));
  for (gsize r = 0; r < data->n_rows; r++)
    {
      float x = data->pca[r * stride + dim_x], y = data->pca[r * stride + dim_y];

      if (data->labels[r] == SG_LABEL_EXCLUDED || !isfinite (x) || !isfinite (y))
        continue;
      model->x[model->n] = x;
      model->y[model->n] = y;
      model->segment[model->n] = data->labels[r] >= 0 ? data->labels[r] : -1;
      model->rows[model->n] = (guint32) r;
      model->n++;
    }
  /* Translators: the axes of the customer map: its main directions of difference */
  model->x_name = g_strdup_printf (_("Component %u"), dim_x + 1);
  model->y_name = g_strdup_printf (_("Component %u"), dim_y + 1);
  model->x_share = data->pca_ratio != NULL ? data->pca_ratio[dim_x] : -1;
  model->y_share = data->pca_ratio != NULL ? data->pca_ratio[dim_y] : -1;
  build_centroids (model, data, dim_x, dim_y);
  build_loadings (model, data, dim_x, dim_y);
  return TRUE;
}

void
sg_scatter_model_apply (const SgScatterModel *model,
                        SgScatterChart       *chart,
                        const char *const    *names,
                        gboolean              loadings)
{
  g_return_if_fail (model != NULL && SG_IS_SCATTER_CHART (chart));

  sg_scatter_chart_set_data (chart, model->x, model->y, model->segment, model->n, model->k, names);
  sg_scatter_chart_set_axes (chart, model->x_name, model->x_share, model->y_name, model->y_share);
  if (loadings && model->n_loadings > 0)
    sg_scatter_chart_set_loadings (chart, model->load_x, model->load_y, (const char *const *) model->load_names,
                                   model->n_loadings);
  else
    sg_scatter_chart_set_loadings (chart, NULL, NULL, NULL, 0);
}

/* ---- sizes ---- */

void
sg_run_charts_apply_sizes (const SgRunData *data,
                           SgSizesChart    *chart)
{
  g_return_if_fail (data != NULL && SG_IS_SIZES_CHART (chart));

  sg_sizes_chart_set_data (chart, data->sizes, data->k, (const char *const *) data->names, data->n_unassigned);
}

/* ---- silhouette ---- */

void
sg_silhouette_model_clear (SgSilhouetteModel *model)
{
  g_free (model->values);
  g_free (model->segment);
  g_free (model->offsets);
  memset (model, 0, sizeof *model);
}

static int
compare_descending (const void *a,
                    const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x < y) - (x > y);
}

gboolean
sg_silhouette_model_build (SgSilhouetteModel *model,
                           const SgRunData   *data)
{
  g_autofree gsize *fill = NULL;
  JsonObject *metrics;
  double sum = 0;

  g_return_val_if_fail (model != NULL && data != NULL, FALSE);

  memset (model, 0, sizeof *model);
  if (data->silhouette == NULL || data->k == 0)
    return FALSE;
  model->k = data->k;
  model->offsets = g_new0 (gsize, data->k + 1);
  for (gsize r = 0; r < data->n_rows; r++)
    if (data->labels[r] >= 0 && (guint) data->labels[r] < data->k && isfinite (data->silhouette[r]))
      model->offsets[data->labels[r] + 1]++;
  for (guint s = 0; s < data->k; s++)
    model->offsets[s + 1] += model->offsets[s];
  model->n = model->offsets[data->k];
  model->values = g_new (double, MAX (model->n, 1));
  model->segment = g_new (gint32, MAX (model->n, 1));
  fill = g_memdup2 (model->offsets, (data->k + 1) * sizeof (gsize));
  for (gsize r = 0; r < data->n_rows; r++)
    if (data->labels[r] >= 0 && (guint) data->labels[r] < data->k && isfinite (data->silhouette[r]))
      {
        gsize at = fill[data->labels[r]]++;

        model->values[at] = data->silhouette[r];
        model->segment[at] = data->labels[r];
        sum += data->silhouette[r];
      }
  for (guint s = 0; s < data->k; s++)
    qsort (model->values + model->offsets[s], model->offsets[s + 1] - model->offsets[s], sizeof (double),
           compare_descending);
  model->mean = model->n > 0 ? sum / model->n : NAN;
  metrics = json_node_get_object (data->metrics);
  if (json_object_has_member (metrics, "silhouette") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (metrics, "silhouette")))
    model->sampled = json_object_get_boolean_member_with_default (
      json_object_get_object_member (metrics, "silhouette"), "sampled", FALSE);
  return model->n > 0;
}

void
sg_silhouette_model_apply (const SgSilhouetteModel *model,
                           SgSilhouetteChart       *chart,
                           const char *const       *names)
{
  g_return_if_fail (model != NULL && SG_IS_SILHOUETTE_CHART (chart));

  sg_silhouette_chart_set_data (chart, model->values, model->segment, model->n, model->k, names);
}

/* ---- k scan ---- */

gboolean
sg_run_charts_apply_k_scan (const SgRunData *data,
                            SgKScanChart    *chart)
{
  JsonObject *scan = sg_run_data_get_scan (data);
  JsonArray *rows;
  gboolean bic = data->algorithm == SG_ALGORITHM_GMM;
  g_autofree guint *k = NULL;
  g_autofree double *inertia = NULL, *score = NULL;
  guint n;

  g_return_val_if_fail (SG_IS_K_SCAN_CHART (chart), FALSE);

  if (scan == NULL || !json_object_has_member (scan, "rows"))
    return FALSE;
  rows = json_object_get_array_member (scan, "rows");
  n = json_array_get_length (rows);
  if (n == 0)
    return FALSE;
  k = g_new (guint, n);
  inertia = g_new (double, n);
  score = g_new (double, n);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);

      k[i] = json_object_get_int_member_with_default (row, "k", 0);
      inertia[i] = number_or_nan (json_object_get_member (row, "inertia"));
      score[i] = number_or_nan (json_object_get_member (row, bic ? "bic" : "silhouette"));
    }
  sg_k_scan_chart_set_data (chart, k, inertia, score, n, bic ? _("BIC (lower is better)") : _("Silhouette"), !bic);
  sg_k_scan_chart_set_recommendation (chart, json_object_get_int_member_with_default (scan, "recommended_k", 0),
                                      json_object_get_string_member_with_default (scan, "reason", NULL));
  return TRUE;
}
