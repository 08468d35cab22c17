/* sg-run-charts-profile.c — how each segment differs from the average: standardised differences for the
 * heatmap and the snake plot, and sentences for the segment cards
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "sg-error.h"
#include "sg-profile.h"
#include "sg-run-charts.h"

/* Below this many standard deviations a difference is not worth a sentence. */
#define MIN_DISTINCTIVE_Z 0.2

void
sg_profile_model_clear (SgProfileModel *model)
{
  g_free (model->z);
  g_free (model->segment_means);
  g_free (model->overall_means);
  memset (model, 0, sizeof *model);
}

static void
alloc_model (SgProfileModel  *model,
             const SgRunData *data)
{
  gsize cells = MAX ((gsize) data->k * data->n_features, 1);

  memset (model, 0, sizeof *model);
  model->k = data->k;
  model->n_features = data->n_features;
  model->z = g_new (double, cells);
  model->segment_means = g_new (double, cells);
  model->overall_means = g_new (double, MAX (data->n_features, 1));
}

gboolean
sg_profile_model_from_model (SgProfileModel  *model,
                             const SgRunData *data)
{
  guint d = data->n_features;
  guint64 total = 0;

  g_return_val_if_fail (model != NULL && data != NULL, FALSE);

  memset (model, 0, sizeof *model);
  /* Noise rows count in the overall mean but in no centroid: the centroids alone cannot give it. */
  if (data->scaling != SG_SCALING_ZSCORE || data->n_unassigned > 0 || data->k == 0 ||
      data->centroids_scaled == NULL || data->centroids == NULL)
    return FALSE;
  alloc_model (model, data);
  /* z-scores of the clustered rows: the overall mean is 0 and its SD 1 by construction. */
  memcpy (model->z, data->centroids_scaled, (gsize) data->k * d * sizeof (double));
  memcpy (model->segment_means, data->centroids, (gsize) data->k * d * sizeof (double));
  for (guint s = 0; s < data->k; s++)
    total += data->sizes[s];
  for (guint f = 0; f < d; f++)
    {
      double sum = 0;

      for (guint s = 0; s < data->k; s++)
        if (data->sizes[s] > 0)
          sum += data->centroids[(gsize) s * d + f] * data->sizes[s];
      model->overall_means[f] = total > 0 ? sum / total : NAN;
    }
  return TRUE;
}

typedef struct {
  double *sum, *sum_sq, *raw_sum;   /* per feature, over the run */
  double *seg_sum, *seg_raw;        /* k × d */
  guint64 *seg_n;                   /* k */
  guint64  n;
} Sums;

static void
accumulate (Sums             *sums,
            const SgRunData  *data,
            const SgRunInput *input,
            gsize             i,
            gint32            label,
            double           *raw)
{
  const double *row = sg_matrix_row (input->x, i);
  guint d = data->n_features;

  memcpy (raw, row, d * sizeof (double));
  sg_scaler_inverse_row (input->scaler, raw);
  sums->n++;
  for (guint f = 0; f < d; f++)
    {
      sums->sum[f] += row[f];
      sums->sum_sq[f] += row[f] * row[f];
      sums->raw_sum[f] += raw[f];
    }
  if (label < 0 || (guint) label >= data->k)
    return;
  sums->seg_n[label]++;
  for (guint f = 0; f < d; f++)
    {
      sums->seg_sum[(gsize) label * d + f] += row[f];
      sums->seg_raw[(gsize) label * d + f] += raw[f];
    }
}

static void
finish_from_sums (SgProfileModel  *model,
                  const SgRunData *data,
                  const Sums      *sums)
{
  guint d = data->n_features;

  for (guint f = 0; f < d; f++)
    {
      double mean = sums->sum[f] / sums->n;
      double variance = MAX (sums->sum_sq[f] / sums->n - mean * mean, 0);
      double sd = sqrt (variance);

      model->overall_means[f] = sums->raw_sum[f] / sums->n;
      for (guint s = 0; s < data->k; s++)
        {
          gsize cell = (gsize) s * d + f;
          double seg_mean = sums->seg_n[s] > 0 ? sums->seg_sum[cell] / sums->seg_n[s] : NAN;

          /* A constant feature separates nothing: no difference at all. */
          model->z[cell] = sd > 1e-12 * MAX (fabs (mean), 1) ? (seg_mean - mean) / sd : (isnan (seg_mean) ? NAN : 0);
          model->segment_means[cell] = sums->seg_n[s] > 0 ? sums->seg_raw[cell] / sums->seg_n[s] : NAN;
        }
    }
}

gboolean
sg_profile_model_from_rows (SgProfileModel   *model,
                            const SgRunData  *data,
                            const SgRunInput *input,
                            GError          **error)
{
  guint d = data->n_features;
  g_autofree double *raw = g_new (double, MAX (d, 1));
  Sums sums = { 0 };

  g_return_val_if_fail (model != NULL && data != NULL && input != NULL, FALSE);

  memset (model, 0, sizeof *model);
  if (input->x->n_cols != d || input->n_table_rows != data->n_rows)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT,
                   _("Run “%s” no longer matches its dataset"), data->run->name);
      return FALSE;
    }
  sums.sum = g_new0 (double, MAX (d, 1));
  sums.sum_sq = g_new0 (double, MAX (d, 1));
  sums.raw_sum = g_new0 (double, MAX (d, 1));
  sums.seg_sum = g_new0 (double, MAX ((gsize) data->k * d, 1));
  sums.seg_raw = g_new0 (double, MAX ((gsize) data->k * d, 1));
  sums.seg_n = g_new0 (guint64, MAX (data->k, 1));
  for (gsize i = 0; i < input->x->n_rows; i++)
    {
      gint32 label = data->labels[g_array_index (input->kept_rows, guint, i)];

      if (label != SG_LABEL_EXCLUDED)
        accumulate (&sums, data, input, i, label, raw);
    }
  if (sums.n > 0)
    {
      alloc_model (model, data);
      model->from_rows = TRUE;
      finish_from_sums (model, data, &sums);
    }
  else
    g_set_error (error, SG_ERROR, SG_ERROR_DEGENERATE, _("Run “%s” has no customers"), data->run->name);
  g_free (sums.sum);
  g_free (sums.sum_sq);
  g_free (sums.raw_sum);
  g_free (sums.seg_sum);
  g_free (sums.seg_raw);
  g_free (sums.seg_n);
  return sums.n > 0;
}

gboolean
sg_profile_model_compute (SgProfileModel   *model,
                          SgProject        *project,
                          const SgRunData  *data,
                          GError          **error)
{
  g_autoptr(SgRunInput) input = NULL;

  if (sg_profile_model_from_model (model, data))
    return TRUE;
  input = sg_run_input_load (project, &data->settings, error);
  return input != NULL && sg_profile_model_from_rows (model, data, input, error);
}

guint
sg_profile_model_top_features (const SgProfileModel *model,
                               guint                 s,
                               guint                *features,
                               guint                 max)
{
  const double *z;
  guint n = 0;

  g_return_val_if_fail (model != NULL && s < model->k, 0);

  z = model->z + (gsize) s * model->n_features;
  /* Selection of the largest |z| not taken yet: a few features, a few dozen at most. */
  while (n < max)
    {
      int best = -1;

      for (guint f = 0; f < model->n_features; f++)
        {
          gboolean taken = FALSE;

          for (guint i = 0; i < n && !taken; i++)
            taken = features[i] == f;
          if (!taken && isfinite (z[f]) && (best < 0 || fabs (z[f]) > fabs (z[best])))
            best = (int) f;
        }
      if (best < 0)
        break;
      features[n++] = (guint) best;
    }
  return n;
}

gboolean
sg_profile_model_is_amount (const SgProfileModel *model,
                            guint                 f)
{
  g_return_val_if_fail (model != NULL && f < model->n_features, FALSE);

  for (guint s = 0; s < model->k; s++)
    if (!(model->segment_means[(gsize) s * model->n_features + f] >= 0))
      return FALSE;
  return model->overall_means[f] >= 0;
}

static char **
display_names (const SgRunData *data)
{
  char **names = g_new0 (char *, data->n_features + 1);

  for (guint f = 0; f < data->n_features; f++)
    names[f] = sg_column_display_name (data->features[f]);
  return names;
}

void
sg_profile_model_apply_heatmap (const SgProfileModel *model,
                                SgHeatmapChart       *chart,
                                const SgRunData      *data)
{
  g_auto(GStrv) features = display_names (data);

  g_return_if_fail (model != NULL && SG_IS_HEATMAP_CHART (chart));

  sg_heatmap_chart_set_data (chart, model->z, model->k, model->n_features, (const char *const *) data->names,
                             (const char *const *) features);
  sg_heatmap_chart_set_means (chart, model->segment_means, model->overall_means);
}

void
sg_profile_model_apply_snake (const SgProfileModel *model,
                              SgSnakeChart         *chart,
                              const SgRunData      *data)
{
  g_auto(GStrv) features = display_names (data);

  g_return_if_fail (model != NULL && SG_IS_SNAKE_CHART (chart));

  sg_snake_chart_set_data (chart, model->z, model->k, model->n_features, (const char *const *) data->names,
                           (const char *const *) features);
}

/* ---- sentences ---- */

/* "3.2×", "12×". */
static char *
format_times (double ratio)
{
  return ratio >= 10 ? g_strdup_printf ("%.0f×", ratio) : g_strdup_printf ("%.1f×", ratio);
}

static char *
capitalised (const char *text)
{
  g_autofree char *first = g_utf8_strup (text, g_utf8_next_char (text) - text);

  return g_strconcat (first, g_utf8_next_char (text), NULL);
}

/* Sentences for roles that read better in words of their own; NULL for the generic form. */
static char *
role_sentence (const char *role,
               double      ratio,
               const char *times,
               const char *less,
               const char *seg,
               const char *all)
{
  gboolean more = ratio > 1;

  if (g_strcmp0 (role, "monetary") == 0)
    return more ? g_strdup_printf (_("Spends %s the average (%s against %s)"), times, seg, all)
                : g_strdup_printf (_("Spends %s less than the average (%s against %s)"), less, seg, all);
  if (g_strcmp0 (role, "frequency") == 0)
    return more ? g_strdup_printf (_("Buys %s as often as the average customer (%s against %s)"), times, seg, all)
                : g_strdup_printf (_("Buys %s less often than the average customer (%s against %s)"), less, seg, all);
  if (g_strcmp0 (role, "recency") == 0)
    return more ? g_strdup_printf (_("Has not bought for a while: %s days since the last purchase against %s"), seg, all)
                : g_strdup_printf (_("Bought recently: %s days since the last purchase against %s"), seg, all);
  if (g_strcmp0 (role, "order_value") == 0)
    return more ? g_strdup_printf (_("Spends %s the average per order (%s against %s)"), times, seg, all)
                : g_strdup_printf (_("Spends %s less per order than the average (%s against %s)"), less, seg, all);
  if (g_strcmp0 (role, "tenure") == 0)
    return more ? g_strdup_printf (_("A customer for longer than most (%s days against %s)"), seg, all)
                : g_strdup_printf (_("A newer customer than most (%s days against %s)"), seg, all);
  if (g_strcmp0 (role, "income") == 0)
    return more ? g_strdup_printf (_("Earns %s the average (%s against %s)"), times, seg, all)
                : g_strdup_printf (_("Earns %s less than the average (%s against %s)"), less, seg, all);
  if (g_strcmp0 (role, "categories") == 0)
    return more ? g_strdup_printf (_("Buys across more categories than most (%s against %s)"), seg, all)
                : g_strdup_printf (_("Buys in fewer categories than most (%s against %s)"), seg, all);
  if (g_strcmp0 (role, "age") == 0)
    return more ? g_strdup_printf (_("Older than average (%s against %s)"), seg, all)
                : g_strdup_printf (_("Younger than average (%s against %s)"), seg, all);
  return NULL;
}

char *
sg_run_charts_feature_sentence (const char *feature,
                                const char *role,
                                double      segment_mean,
                                double      overall_mean,
                                double      z,
                                gboolean    amounts)
{
  g_autofree char *name = capitalised (feature != NULL && *feature != '\0' ? feature : "?");
  g_autofree char *display = sg_column_display_name (name);
  g_autofree char *seg = sg_profile_format_number (segment_mean);
  g_autofree char *all = sg_profile_format_number (overall_mean);
  /* "× the average" says something only for amounts: both positive, and clearly apart. */
  gboolean ratio_ok = amounts && overall_mean > 0 && segment_mean >= 0 && isfinite (segment_mean) &&
                      isfinite (overall_mean);
  double ratio = ratio_ok ? segment_mean / overall_mean : NAN;
  g_autofree char *times = NULL, *less = NULL;
  char *sentence;

  if (ratio_ok && fabs (ratio - 1) >= 0.1)
    {
      times = format_times (ratio);
      less = g_strdup_printf ("%.0f%%", 100 * (1 - ratio));
      sentence = role_sentence (role, ratio, times, less, seg, all);
      if (sentence != NULL)
        return sentence;
      if (ratio > 1)
        /* Translators: "Web visits: 3.2× the average (12 against 3.8)" */
        return g_strdup_printf (_("%s: %s the average (%s against %s)"), display, times, seg, all);
      return g_strdup_printf (_("%s: %s below the average (%s against %s)"), display, less, seg, all);
    }
  /* Roles whose sentences need no ratio. */
  if (g_strcmp0 (role, "recency") == 0 || g_strcmp0 (role, "tenure") == 0 || g_strcmp0 (role, "age") == 0 ||
      g_strcmp0 (role, "categories") == 0)
    return role_sentence (role, z > 0 ? 2 : 0.5, "", "", seg, all);
  return z > 0 ? g_strdup_printf (_("%s: higher than average (%s against %s)"), display, seg, all)
               : g_strdup_printf (_("%s: lower than average (%s against %s)"), display, seg, all);
}

/* The stored profile's distinctive facts, when the run was profiled. */
static GStrv
stored_facts (const char *profile,
              guint       max)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonObject *root;
  JsonArray *facts;
  guint n = 0;

  if (profile == NULL || !json_parser_load_from_data (parser, profile, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  root = json_node_get_object (json_parser_get_root (parser));
  if (!json_object_has_member (root, "distinctive") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (root, "distinctive")))
    return NULL;
  facts = json_object_get_array_member (root, "distinctive");
  for (guint i = 0; i < json_array_get_length (facts) && n < max; i++)
    {
      JsonNode *node = json_array_get_element (facts, i);
      const char *sentence = JSON_NODE_HOLDS_OBJECT (node)
                               ? json_object_get_string_member_with_default (json_node_get_object (node), "sentence", NULL)
                               : NULL;

      if (sentence != NULL && *sentence != '\0')
        {
          g_strv_builder_add (builder, sentence);
          n++;
        }
    }
  if (n == 0)
    {
      /* Profiled, and nothing stands out: say so rather than inventing a difference. */
      g_strv_builder_add (builder, _("Close to the average customer on every feature"));
    }
  return g_strv_builder_end (builder);
}

GStrv
sg_run_charts_segment_facts (const SgRunData      *data,
                             const SgProfileModel *profile,
                             guint                 s,
                             guint                 max)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree guint *top = g_new (guint, MAX (max, 1));
  GStrv stored;
  guint n;

  g_return_val_if_fail (data != NULL && s < data->k, NULL);

  stored = stored_facts (data->profiles[s], max);
  if (stored != NULL)
    return stored;
  if (profile == NULL || profile->k != data->k)
    return g_strv_builder_end (builder);
  n = sg_profile_model_top_features (profile, s, top, max);
  for (guint i = 0; i < n; i++)
    {
      gsize cell = (gsize) s * profile->n_features + top[i];
      g_autofree char *sentence = NULL;

      if (fabs (profile->z[cell]) < MIN_DISTINCTIVE_Z)
        break;
      sentence = sg_run_charts_feature_sentence (data->features[top[i]], data->roles[top[i]],
                                                 profile->segment_means[cell], profile->overall_means[top[i]],
                                                 profile->z[cell], sg_profile_model_is_amount (profile, top[i]));
      g_strv_builder_add (builder, sentence);
    }
  if (n == 0 || fabs (profile->z[(gsize) s * profile->n_features + top[0]]) < MIN_DISTINCTIVE_Z)
    g_strv_builder_add (builder, _("Close to the average customer on every feature"));
  return g_strv_builder_end (builder);
}
