/* sg-segment-settings.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "SgSegmentSettings"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n.h>

#include "sg-error.h"
#include "sg-format.h"
#include "sg-segment-settings.h"

/* ---- features ---- */

void
sg_feature_choice_free (SgFeatureChoice *choice)
{
  if (choice == NULL)
    return;
  g_free (choice->name);
  g_free (choice->note);
  g_free (choice);
}

static gboolean
type_is_clusterable (SgColumnType type)
{
  return type == SG_COLUMN_INTEGER || type == SG_COLUMN_DECIMAL || type == SG_COLUMN_BOOLEAN;
}

static gboolean
str_array_contains (GPtrArray  *array,
                    const char *name)
{
  for (guint i = 0; array != NULL && i < array->len; i++)
    if (g_strcmp0 (g_ptr_array_index (array, i), name) == 0)
      return TRUE;
  return FALSE;
}

static const char *
log_reason (const char *role)
{
  if (g_strcmp0 (role, "monetary") == 0 || g_strcmp0 (role, "order_value") == 0)
    return _("Log scale suggested: a few big spenders would otherwise outweigh everyone else");
  if (g_strcmp0 (role, "frequency") == 0)
    return _("Log scale suggested: a few very frequent buyers would otherwise outweigh everyone else");
  return _("Log scale suggested: a few very large values would otherwise outweigh the rest");
}

/* Why the advice leaves a column out, in a few plain words. */
static char *
exclusion_note (const SgAdviceItem *item)
{
  switch (item->kind)
    {
    case SG_ADVICE_IDENTIFIER:
      return g_strdup (_("Left out: it tells customers apart by name or number, not by behaviour"));
    case SG_ADVICE_CONSTANT:
      return g_strdup (_("Left out: every customer has the same value"));
    case SG_ADVICE_NEAR_CONSTANT:
      return g_strdup (_("Left out: almost every customer has the same value"));
    case SG_ADVICE_MOSTLY_MISSING:
      return g_strdup_printf (_("Left out: missing for %.0f%% of customers"), 100 * item->value);
    case SG_ADVICE_CORRELATED:
      return g_strdup_printf (_("Left out: it rises and falls with “%s”, so the same behaviour would count twice"),
                              item->other);
    case SG_ADVICE_SCORE:
      return g_strdup (_("Left out: a ready-made score; compare your segments with it afterwards"));
    case SG_ADVICE_CATEGORICAL:
      return g_strdup (_("Left out: its numbers stand for categories, not amounts"));
    case SG_ADVICE_TEXT:
    case SG_ADVICE_DATE:
    case SG_ADVICE_SKEWED:
    case SG_ADVICE_SOME_MISSING:
    case SG_ADVICE_NO_FEATURES:
    case SG_ADVICE_DUPLICATE_ROWS:
    case SG_ADVICE_DUPLICATE_IDS:
    default:
      return g_strdup (_("Left out: it is not suited to comparing customers"));
    }
}

static void
apply_advice (SgFeatureChoice    *choice,
              const SgDatasetInfo *info,
              const SgAdvice     *advice)
{
  int col = sg_dataset_info_lookup_column ((SgDatasetInfo *) info, choice->name);
  const char *role = col >= 0 ? ((SgColumnInfo *) g_ptr_array_index (info->columns, col))->role : NULL;
  const SgAdviceItem *excluded = NULL;
  const SgAdviceItem *skewed = NULL;

  for (guint i = 0; i < advice->items->len; i++)
    {
      const SgAdviceItem *item = g_ptr_array_index (advice->items, i);

      if (g_strcmp0 (item->column, choice->name) != 0)
        continue;
      if (item->excluded && excluded == NULL)
        excluded = item;
      if (item->kind == SG_ADVICE_SKEWED)
        skewed = item;
    }

  choice->suggested = str_array_contains (advice->features, choice->name);
  choice->log_suggested = choice->log_possible && str_array_contains (advice->log1p, choice->name);
  if (excluded != NULL && !choice->suggested)
    choice->note = exclusion_note (excluded);
  else if (info->n_rows > 0 && (double) choice->n_missing / (double) info->n_rows > SG_FEATURE_MAX_MISSING_SHARE)
    {
      /* The advice fills gaps in a prepared dataset; a run leaves such customers out, so a feature
       * missing for many of them is offered but not ticked. */
      choice->suggested = FALSE;
      choice->log_suggested = FALSE;
      choice->note = g_strdup_printf (_("Not ticked: missing for %.0f%% of customers, who would be left out of the "
                                        "segments (Prepare can fill the gaps)"),
                                      100.0 * (double) choice->n_missing / (double) info->n_rows);
    }
  else if (choice->log_suggested)
    choice->note = g_strdup (log_reason (role));
  else if (skewed != NULL && choice->log_possible)
    choice->note = g_strdup (_("A few customers have extreme values; no log scale because some values are below zero"));
}

GPtrArray *
sg_feature_choices_new (const SgDatasetInfo *info,
                        const SgAdvice      *advice)
{
  GPtrArray *choices = g_ptr_array_new_with_free_func ((GDestroyNotify) sg_feature_choice_free);

  g_return_val_if_fail (info != NULL, choices);

  for (guint i = 0; i < info->columns->len; i++)
    {
      const SgColumnInfo *column = g_ptr_array_index (info->columns, i);
      SgFeatureChoice *choice;

      if (!type_is_clusterable (column->type))
        continue;
      choice = g_new0 (SgFeatureChoice, 1);
      choice->name = g_strdup (column->name);
      choice->type = column->type;
      choice->n_missing = column->n_missing;
      choice->log_possible = column->type != SG_COLUMN_BOOLEAN;
      if (advice != NULL)
        apply_advice (choice, info, advice);
      else
        choice->suggested = g_strcmp0 (column->role, "id") != 0;
      g_ptr_array_add (choices, choice);
    }
  sg_feature_choices_reset (choices);
  return choices;
}

void
sg_feature_choices_reset (GPtrArray *choices)
{
  g_return_if_fail (choices != NULL);

  for (guint i = 0; i < choices->len; i++)
    {
      SgFeatureChoice *choice = g_ptr_array_index (choices, i);

      choice->selected = choice->suggested;
      choice->log_scale = choice->log_suggested;
    }
}

static gboolean
strv_has (const char * const *strv,
          const char         *name)
{
  return strv != NULL && g_strv_contains (strv, name);
}

guint
sg_feature_choices_apply (GPtrArray          *choices,
                          const char * const *features,
                          const char * const *log1p)
{
  guint n = 0;

  g_return_val_if_fail (choices != NULL, 0);

  for (guint i = 0; i < choices->len; i++)
    {
      SgFeatureChoice *choice = g_ptr_array_index (choices, i);

      choice->selected = strv_has (features, choice->name);
      choice->log_scale = choice->selected && choice->log_possible && strv_has (log1p, choice->name);
      n += choice->selected;
    }
  return n;
}

guint
sg_feature_choices_count (GPtrArray *choices)
{
  guint n = 0;

  g_return_val_if_fail (choices != NULL, 0);

  for (guint i = 0; i < choices->len; i++)
    n += ((SgFeatureChoice *) g_ptr_array_index (choices, i))->selected;
  return n;
}

void
sg_feature_choices_forbid_log (GPtrArray          *choices,
                               const char * const *names)
{
  g_return_if_fail (choices != NULL);

  for (guint i = 0; i < choices->len; i++)
    {
      SgFeatureChoice *choice = g_ptr_array_index (choices, i);

      if (!strv_has (names, choice->name) || !choice->log_possible)
        continue;
      choice->log_possible = choice->log_scale = choice->log_suggested = FALSE;
      if (choice->note == NULL)
        choice->note = g_strdup (_("No log scale: some values are below zero"));
    }
}

GStrv
sg_table_columns_below_zero (SgTable *table)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

  g_return_val_if_fail (table != NULL, NULL);

  for (guint c = 0; c < sg_table_get_n_columns (table); c++)
    {
      SgColumn *column = sg_table_get_column (table, c);
      const double *values;
      guint n;

      if (!sg_column_is_numeric (column))
        continue;
      values = sg_column_get_numbers (column);
      n = sg_column_get_n_rows (column);
      for (guint r = 0; r < n; r++)
        if (values[r] < 0)  /* NaN (missing) compares false */
          {
            g_strv_builder_add (names, column->name);
            break;
          }
    }
  return g_strv_builder_end (names);
}

char *
sg_feature_choice_describe (const SgFeatureChoice *choice)
{
  g_autofree char *missing = NULL;

  g_return_val_if_fail (choice != NULL, NULL);

  if (choice->n_missing == 0)
    return g_strdup (sg_column_type_get_label (choice->type));
  missing = sg_format_count (choice->n_missing);
  /* Translators: a feature's kind · how many customers have no value in it */
  return g_strdup_printf (_("%s · %s missing"), sg_column_type_get_label (choice->type), missing);
}

/* ---- the form ---- */

void
sg_segment_form_init (SgSegmentForm *form)
{
  g_return_if_fail (form != NULL);

  *form = (SgSegmentForm) {
    .algorithm = SG_ALGORITHM_KMEANS,
    .auto_k = TRUE,
    .k = 5,
  };
  sg_segment_form_reset_advanced (form);
}

void
sg_segment_form_reset_advanced (SgSegmentForm *form)
{
  g_auto(SgRunSettings) defaults = { 0 };

  g_return_if_fail (form != NULL);

  sg_run_settings_init (&defaults);
  form->seed = defaults.seed;
  form->restarts = defaults.n_init;
  form->covariance = defaults.covariance;
  form->eps = defaults.eps;
  form->min_samples = defaults.min_samples;
  form->linkage = defaults.linkage;
  form->scaling = defaults.scaling;
}

gboolean
sg_segment_form_advanced_is_default (const SgSegmentForm *form)
{
  SgSegmentForm defaults;

  g_return_val_if_fail (form != NULL, TRUE);

  defaults = *form;
  sg_segment_form_reset_advanced (&defaults);
  return form->seed == defaults.seed && form->restarts == defaults.restarts &&
         form->covariance == defaults.covariance && form->eps == defaults.eps &&
         form->min_samples == defaults.min_samples && form->linkage == defaults.linkage &&
         form->scaling == defaults.scaling;
}

SgFormOptions
sg_segment_form_options (SgAlgorithm algorithm)
{
  switch (algorithm)
    {
    case SG_ALGORITHM_KMEANS:
      return SG_FORM_K | SG_FORM_SEED | SG_FORM_RESTARTS | SG_FORM_SCALING;
    case SG_ALGORITHM_GMM:
      return SG_FORM_K | SG_FORM_SEED | SG_FORM_RESTARTS | SG_FORM_COVARIANCE | SG_FORM_SCALING;
    case SG_ALGORITHM_DBSCAN:
      return SG_FORM_EPS | SG_FORM_MIN_SAMPLES | SG_FORM_SCALING;
    case SG_ALGORITHM_HIERARCHICAL:
      return SG_FORM_K | SG_FORM_LINKAGE | SG_FORM_SCALING;
    case SG_N_ALGORITHMS:
    default:
      break;
    }
  g_return_val_if_reached (0);
}

gboolean
sg_segment_form_to_settings (const SgSegmentForm *form,
                             gint64               dataset_id,
                             GPtrArray           *choices,
                             SgRunSettings       *settings,
                             GError             **error)
{
  g_autoptr(GStrvBuilder) features = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) log1p = g_strv_builder_new ();
  guint n = 0;

  g_return_val_if_fail (form != NULL && choices != NULL && settings != NULL, FALSE);

  for (guint i = 0; i < choices->len; i++)
    {
      SgFeatureChoice *choice = g_ptr_array_index (choices, i);

      if (!choice->selected)
        continue;
      g_strv_builder_add (features, choice->name);
      if (choice->log_scale && choice->log_possible)
        g_strv_builder_add (log1p, choice->name);
      n++;
    }
  if (n == 0)
    {
      g_set_error_literal (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT,
                           _("Tick at least one feature to compare customers on"));
      return FALSE;
    }

  g_clear_pointer (&settings->features, g_strfreev);
  g_clear_pointer (&settings->log1p, g_strfreev);
  settings->dataset_id = dataset_id;
  settings->features = g_strv_builder_end (features);
  settings->log1p = g_strv_builder_end (log1p);
  settings->algorithm = form->algorithm;
  settings->k = form->auto_k ? 0 : CLAMP (form->k, SG_SEGMENT_K_MIN, SG_SEGMENT_K_MAX);
  settings->seed = form->seed;
  settings->n_init = form->restarts;
  settings->covariance = form->covariance;
  settings->eps = form->eps;
  settings->min_samples = MAX (form->min_samples, 1);
  settings->linkage = form->linkage;
  settings->scaling = form->scaling;
  return TRUE;
}

void
sg_segment_form_from_settings (SgSegmentForm       *form,
                               const SgRunSettings *settings)
{
  g_return_if_fail (form != NULL && settings != NULL);

  sg_segment_form_init (form);
  form->algorithm = settings->algorithm;
  form->auto_k = settings->k == 0;
  if (settings->k != 0)
    form->k = CLAMP (settings->k, SG_SEGMENT_K_MIN, SG_SEGMENT_K_MAX);
  form->seed = settings->seed;
  form->restarts = settings->n_init;
  form->covariance = settings->covariance;
  form->eps = settings->eps;
  form->min_samples = settings->min_samples;
  form->linkage = settings->linkage;
  form->scaling = settings->scaling;
}

gboolean
sg_segment_parse_run_settings (const char    *json,
                               SgRunSettings *settings)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonNode *seed;

  g_return_val_if_fail (settings != NULL, FALSE);

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL))
    return FALSE;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;
  /* sg_run_settings_to_json() writes the 64-bit seed as a string; a number is read the same way. */
  seed = json_object_get_member (json_node_get_object (root), "seed");
  if (seed != NULL && json_node_get_value_type (seed) != G_TYPE_STRING)
    {
      gint64 value = JSON_NODE_HOLDS_VALUE (seed) && json_node_get_value_type (seed) == G_TYPE_INT64
                     ? json_node_get_int (seed) : 0;
      g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, MAX (value, 0));

      json_object_set_string_member (json_node_get_object (root), "seed", text);
    }
  return sg_run_settings_from_json (root, settings, NULL);
}

gboolean
sg_segment_parse_eps (const char  *text,
                      double      *eps,
                      GError     **error)
{
  g_autofree char *copy = NULL;
  char *end = NULL;
  double value;

  g_return_val_if_fail (eps != NULL, FALSE);

  copy = g_strstrip (g_strdup (text != NULL ? text : ""));
  if (*copy == '\0')
    {
      *eps = 0;
      return TRUE;
    }
  g_strdelimit (copy, ",", '.');
  value = g_ascii_strtod (copy, &end);
  if (end == copy || *end != '\0' || !isfinite (value) || value <= 0)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a usable neighbourhood size: type a number above zero, or leave it empty"), text);
      return FALSE;
    }
  *eps = value;
  return TRUE;
}

/* ---- runs in words ---- */

const char *
sg_segment_quality_words (double silhouette)
{
  if (!isfinite (silhouette))
    return _("not measured");
  if (silhouette >= 0.5)
    return _("clearly separated");
  if (silhouette >= 0.25)
    return _("reasonably distinct");
  return _("overlapping");
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (text == NULL || !json_parser_load_from_data (parser, text, -1, NULL))
    return NULL;
  return json_node_ref (json_parser_get_root (parser));
}

static JsonNode *
member (JsonNode   *node,
        const char *name)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_object_get_member (json_node_get_object (node), name);
}

static double
number_or_nan (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NAN;
  return json_node_get_double (node);
}

double
sg_segment_run_silhouette (const SgRunInfo *run)
{
  g_autoptr(JsonNode) metrics = NULL;

  g_return_val_if_fail (run != NULL, NAN);

  metrics = parse_json (run->metrics);
  return number_or_nan (member (member (metrics, "silhouette"), "mean"));
}

static guint64
run_unassigned (const SgRunInfo *run)
{
  g_autoptr(JsonNode) metrics = parse_json (run->metrics);
  double n = number_or_nan (member (metrics, "n_unassigned"));

  return isfinite (n) && n > 0 ? (guint64) n : 0;
}

char *
sg_segment_run_summary (const SgRunInfo *run,
                        gboolean         with_method)
{
  SgAlgorithm algorithm = SG_ALGORITHM_KMEANS;
  g_autofree char *customers = NULL;
  g_autofree char *segments = NULL;
  const char *method;
  guint64 unassigned;

  g_return_val_if_fail (run != NULL, NULL);

  method = sg_algorithm_from_string (run->algorithm, &algorithm) ? sg_algorithm_get_label (algorithm) : run->algorithm;
  customers = sg_format_count (run->n_rows - MIN (run->n_excluded, run->n_rows));
  unassigned = run_unassigned (run);
  if (unassigned > 0)
    {
      g_autofree char *count = sg_format_count (unassigned);

      segments = g_strdup_printf (ngettext ("%u segment + %s unassigned", "%u segments + %s unassigned", run->k),
                                  run->k, count);
    }
  else
    segments = g_strdup_printf (ngettext ("%u segment", "%u segments", run->k), run->k);
  if (!with_method)
    /* Translators: a run: customers segmented · how distinct the segments are */
    return g_strdup_printf (_("%s customers · %s"), customers,
                            sg_segment_quality_words (sg_segment_run_silhouette (run)));
  /* Translators: a run: method · segments · customers segmented · how distinct the segments are */
  return g_strdup_printf (_("%s · %s · %s customers · %s"), method, segments, customers,
                          sg_segment_quality_words (sg_segment_run_silhouette (run)));
}

gboolean
sg_segment_run_name_is_default (const SgRunInfo *run)
{
  SgAlgorithm algorithm;
  g_autofree char *k = NULL;

  g_return_val_if_fail (run != NULL, FALSE);

  if (run->name == NULL || !sg_algorithm_from_string (run->algorithm, &algorithm))
    return FALSE;
  k = g_strdup_printf ("%u", run->k);
  return strstr (run->name, sg_algorithm_get_label (algorithm)) != NULL && strstr (run->name, k) != NULL;
}

static gboolean
run_name_taken (GPtrArray  *runs,
                const char *name,
                gint64      except)
{
  for (guint i = 0; i < runs->len; i++)
    {
      SgRunInfo *run = g_ptr_array_index (runs, i);

      if (run->id != except && g_strcmp0 (run->name, name) == 0)
        return TRUE;
    }
  return FALSE;
}

char *
sg_segment_unique_run_name (GPtrArray  *runs,
                            const char *name,
                            gint64      except)
{
  g_return_val_if_fail (runs != NULL && name != NULL, NULL);

  if (!run_name_taken (runs, name, except))
    return g_strdup (name);
  for (guint n = 2;; n++)
    {
      g_autofree char *candidate = g_strdup_printf ("%s (%u)", name, n);

      if (!run_name_taken (runs, candidate, except))
        return g_steal_pointer (&candidate);
    }
}

char *
sg_segment_format_time (const char *iso8601,
                        GDateTime  *now)
{
  g_autoptr(GTimeZone) utc_zone = g_time_zone_new_utc ();
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) today = NULL;
  g_autoptr(GDateTime) local_now = NULL;
  g_autofree char *clock = NULL;
  g_autofree char *date = NULL;
  GDate day, reference;
  int days;

  if (iso8601 == NULL)
    return NULL;
  utc = g_date_time_new_from_iso8601 (iso8601, utc_zone);
  if (utc == NULL)
    return NULL;
  local = g_date_time_to_local (utc);
  local_now = now != NULL ? g_date_time_to_local (now) : g_date_time_new_now_local ();
  g_date_clear (&day, 1);
  g_date_clear (&reference, 1);
  g_date_set_dmy (&day, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));
  g_date_set_dmy (&reference, g_date_time_get_day_of_month (local_now), g_date_time_get_month (local_now),
                  g_date_time_get_year (local_now));
  days = g_date_days_between (&day, &reference);
  clock = g_date_time_format (local, "%H:%M");
  if (days == 0)
    /* Translators: when a run was made: today at a time */
    return g_strdup_printf (_("Today, %s"), clock);
  if (days == 1)
    return g_strdup_printf (_("Yesterday, %s"), clock);
  date = g_date_time_format (local, "%x");
  /* Translators: when a run was made: a date, a time */
  return g_strdup_printf (_("%s, %s"), date, clock);
}

/* ---- datasets ---- */

gint64
sg_segment_pick_dataset (GPtrArray *datasets,
                         gint64     current)
{
  SgDatasetInfo *prepared = NULL, *derived = NULL;

  g_return_val_if_fail (datasets != NULL, current);

  for (guint i = 0; i < datasets->len; i++)
    {
      SgDatasetInfo *info = g_ptr_array_index (datasets, i);
      gboolean usable = sg_segment_count_numeric (info) > 0;

      if (info->id == current && usable &&
          (g_strcmp0 (info->kind, "prepared") == 0 || g_strcmp0 (info->kind, "derived") == 0))
        return current;
      /* Creation order: the last one seen is the newest. */
      if (usable && g_strcmp0 (info->kind, "prepared") == 0)
        prepared = info;
      else if (usable && g_strcmp0 (info->kind, "derived") == 0)
        derived = info;
    }
  if (prepared != NULL)
    return prepared->id;
  if (derived != NULL)
    return derived->id;
  return current;
}

guint
sg_segment_count_numeric (const SgDatasetInfo *info)
{
  guint n = 0;

  g_return_val_if_fail (info != NULL, 0);

  for (guint i = 0; i < info->columns->len; i++)
    n += type_is_clusterable (((SgColumnInfo *) g_ptr_array_index (info->columns, i))->type);
  return n;
}

/* ---- the number of segments ---- */

guint
sg_segment_fill_k_scan (SgKScanChart *chart,
                        JsonNode     *scan,
                        SgAlgorithm   algorithm,
                        char        **reason)
{
  gboolean use_bic = algorithm == SG_ALGORITHM_GMM;
  JsonNode *rows_node = member (scan, "rows");
  g_autoptr(GArray) k = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) inertia = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) score = g_array_new (FALSE, FALSE, sizeof (double));
  double recommended;
  const char *why = NULL;

  g_return_val_if_fail (SG_IS_K_SCAN_CHART (chart), 0);

  if (rows_node != NULL && JSON_NODE_HOLDS_ARRAY (rows_node))
    {
      JsonArray *rows = json_node_get_array (rows_node);

      for (guint i = 0; i < json_array_get_length (rows); i++)
        {
          JsonNode *row = json_array_get_element (rows, i);
          double kv = number_or_nan (member (row, "k"));
          double in = number_or_nan (member (row, "inertia"));
          double sc = number_or_nan (member (row, use_bic ? "bic" : "silhouette"));
          guint ku;

          if (!isfinite (kv) || kv < 1)
            continue;
          ku = (guint) kv;
          g_array_append_val (k, ku);
          g_array_append_val (inertia, in);
          g_array_append_val (score, sc);
        }
    }
  sg_k_scan_chart_set_data (chart, (const guint *) k->data, (const double *) inertia->data,
                            (const double *) score->data, k->len,
                            use_bic ? _("Fit (BIC, lower is better)") : _("Distinctness (silhouette)"), !use_bic);

  recommended = number_or_nan (member (scan, "recommended_k"));
  if (member (scan, "reason") != NULL && JSON_NODE_HOLDS_VALUE (member (scan, "reason")))
    why = json_node_get_string (member (scan, "reason"));
  if (!isfinite (recommended) || recommended < 1 || k->len == 0)
    recommended = 0;
  sg_k_scan_chart_set_recommendation (chart, (guint) recommended, recommended > 0 ? why : NULL);
  if (reason != NULL)
    *reason = recommended > 0 ? g_strdup (why) : NULL;
  return (guint) recommended;
}

JsonNode *
sg_segment_run_scan (const SgRunInfo *run)
{
  g_autoptr(JsonNode) metrics = NULL;
  JsonNode *scan;

  g_return_val_if_fail (run != NULL, NULL);

  metrics = parse_json (run->metrics);
  scan = member (metrics, "scan");
  if (scan == NULL || !JSON_NODE_HOLDS_OBJECT (scan))
    return NULL;
  return json_node_copy (scan);
}
