/* sg-run-report.c — a stored run's segments explained and validated
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "sg-async.h"
#include "sg-derive.h"
#include "sg-error.h"
#include "sg-json-private.h"
#include "sg-prep-util.h"
#include "sg-rfm.h"
#include "sg-run-report.h"
#include "sg-segmenter.h"

#define REPORT_VERSION 1
#define SECONDS_PER_DAY 86400.0
/* Rows the explaining tree chooses its splits on (its counts, accuracy and rules use every row): a
 * depth-3 tree is as good from 50,000 rows, and the automatic step stays cheap on millions. */
#define CART_TRAINING_ROWS 50000

/* ------------------------------------------------------------------------------------------------
 * Options
 */

void
sg_run_validate_options_init (SgRunValidateOptions *options)
{
  memset (options, 0, sizeof *options);
  options->time_split = NAN;
  options->min_share = NAN;
  options->store = TRUE;
}

void
sg_run_validate_options_clear (SgRunValidateOptions *options)
{
  g_clear_pointer (&options->compare_column, g_free);
}

void
sg_run_validate_options_copy (SgRunValidateOptions       *dest,
                              const SgRunValidateOptions *src)
{
  *dest = *src;
  dest->compare_column = g_strdup (src->compare_column);
}

/* ------------------------------------------------------------------------------------------------
 * Re-clustering with a run's settings
 */

static gboolean *
log1p_flags (const SgRunSettings *settings,
             guint                n_cols)
{
  gboolean *flags = g_new0 (gboolean, MAX (n_cols, 1));

  for (guint j = 0; j < n_cols && settings->features != NULL && settings->features[j] != NULL; j++)
    flags[j] = settings->log1p != NULL && g_strv_contains ((const char *const *) settings->log1p,
                                                           settings->features[j]);
  return flags;
}

gint32 *
sg_run_cluster_func (const SgMatrix *x,
                     gpointer        user_data,
                     GError        **error)
{
  SgRunClusterData *data = user_data;
  g_auto(SgRunSettings) settings = { 0 };
  g_autoptr(SgMatrix) scaled = NULL;
  g_autoptr(SgScaler) scaler = NULL;
  g_autoptr(SgClustering) c = NULL;
  g_autofree gboolean *log1p = NULL;
  SgProgress progress = sg_progress_init (NULL, NULL, data->cancellable);

  sg_run_settings_copy (&settings, data->settings);
  settings.k = data->k;
  settings.skip_metrics = TRUE;   /* only the labels are wanted */
  if (settings.algorithm == SG_ALGORITHM_DBSCAN && settings.eps <= 0 && isfinite (data->eps) && data->eps > 0)
    settings.eps = data->eps;     /* the radius the run used, not a new suggestion per sample */

  scaled = sg_matrix_copy (x);
  log1p = log1p_flags (&settings, (guint) x->n_cols);
  scaler = sg_scaler_fit (scaled, settings.scaling, log1p, error);
  if (scaler == NULL)
    return NULL;
  sg_scaler_apply (scaler, scaled);
  c = sg_cluster_matrix (scaled, &settings, data->k, &progress, error);
  if (c == NULL)
    return NULL;
  return g_steal_pointer (&c->labels);
}

/* ------------------------------------------------------------------------------------------------
 * Loading a run with what its report needs
 */

typedef struct {
  SgRunInfo      *run;
  SgRunSettings   settings;
  SgDatasetInfo  *dataset;
  SgTable        *table;          /* the profiled columns (and the compared one) */
  gint32         *labels;         /* per table row */
  gsize           n_rows;
  GArray         *features;       /* guint: table columns of the run's features, in order */
  GArray         *extra;          /* other numeric columns */
  GArray         *categorical;    /* categorical and boolean columns */
  gint            compare;        /* table column, −1: none */
  GPtrArray      *segments;       /* SgSegmentInfo */
  char          **user_names;     /* k entries, NULL where automatic */
  double          silhouette;
  double          eps;
} RunData;

static void
run_data_free (RunData *d)
{
  if (d == NULL)
    return;
  sg_run_info_free (d->run);
  sg_run_settings_clear (&d->settings);
  sg_dataset_info_free (d->dataset);
  g_clear_pointer (&d->table, sg_table_unref);
  g_free (d->labels);
  g_clear_pointer (&d->features, g_array_unref);
  g_clear_pointer (&d->extra, g_array_unref);
  g_clear_pointer (&d->categorical, g_array_unref);
  g_clear_pointer (&d->segments, g_ptr_array_unref);
  g_free (d->user_names);   /* the strings belong to d->segments */
  g_free (d);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RunData, run_data_free)

static JsonNode *
parse_json (const char *text)
{
  return text != NULL ? json_from_string (text, NULL) : NULL;
}

static double
metric (JsonNode   *metrics,
        const char *name,
        const char *inner)
{
  JsonObject *o;
  JsonNode *node;

  if (metrics == NULL || !JSON_NODE_HOLDS_OBJECT (metrics))
    return NAN;
  o = json_node_get_object (metrics);
  node = json_object_get_member (o, name);
  if (node != NULL && inner != NULL && JSON_NODE_HOLDS_OBJECT (node))
    node = json_object_get_member (json_node_get_object (node), inner);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NAN;
  return json_node_get_double (node);
}

static gboolean
is_id_column (const SgColumnInfo *column)
{
  const char *role = column->role != NULL ? column->role : sg_column_role_guess (column->name);

  return g_strcmp0 (role, "id") == 0;
}

static gboolean
is_feature (const SgRunSettings *settings,
            const char          *name)
{
  return settings->features != NULL && g_strv_contains ((const char *const *) settings->features, name);
}

static guint
append_column (GArray *load,
               guint   dataset_column)
{
  for (guint i = 0; i < load->len; i++)
    if (g_array_index (load, guint, i) == dataset_column)
      return i;
  g_array_append_val (load, dataset_column);
  return load->len - 1;
}

static RunData *
run_data_load (SgProject   *project,
               gint64       run_id,
               const char  *compare_column,
               GError     **error)
{
  g_autoptr(RunData) d = g_new0 (RunData, 1);
  g_autoptr(JsonNode) settings = NULL;
  g_autoptr(JsonNode) metrics = NULL;
  g_autoptr(GArray) load = g_array_new (FALSE, FALSE, sizeof (guint));
  gsize n_labels = 0;

  sg_run_settings_init (&d->settings);
  d->compare = -1;
  d->features = g_array_new (FALSE, FALSE, sizeof (guint));
  d->extra = g_array_new (FALSE, FALSE, sizeof (guint));
  d->categorical = g_array_new (FALSE, FALSE, sizeof (guint));

  d->run = sg_project_get_run (project, run_id, error);
  if (d->run == NULL)
    return NULL;
  settings = parse_json (d->run->settings);
  if (!sg_run_settings_from_json (settings, &d->settings, error))
    return NULL;
  metrics = parse_json (d->run->metrics);
  d->silhouette = metric (metrics, "silhouette", "mean");
  d->eps = metric (metrics, "eps", NULL);
  d->dataset = sg_project_get_dataset (project, d->run->dataset_id, error);
  if (d->dataset == NULL)
    return NULL;

  /* the run's features first, in the run's order */
  for (guint i = 0; d->settings.features != NULL && d->settings.features[i] != NULL; i++)
    {
      int col = sg_dataset_info_lookup_column (d->dataset, d->settings.features[i]);
      guint at;

      if (col < 0)
        {
          g_set_error (error, SG_ERROR, SG_ERROR_NOT_FOUND, _("Dataset “%s” has no column “%s”"),
                       d->dataset->name, d->settings.features[i]);
          return NULL;
        }
      at = append_column (load, (guint) col);
      g_array_append_val (d->features, at);
    }
  for (guint c = 0; c < d->dataset->columns->len; c++)
    {
      const SgColumnInfo *column = g_ptr_array_index (d->dataset->columns, c);
      guint at;

      if (is_feature (&d->settings, column->name) || is_id_column (column))
        continue;
      switch (column->type)
        {
        case SG_COLUMN_INTEGER:
        case SG_COLUMN_DECIMAL:
        case SG_COLUMN_DATE:
        case SG_COLUMN_DATETIME:
          at = append_column (load, c);
          g_array_append_val (d->extra, at);
          break;
        case SG_COLUMN_BOOLEAN:
        case SG_COLUMN_CATEGORICAL:
          at = append_column (load, c);
          g_array_append_val (d->categorical, at);
          break;
        case SG_COLUMN_IDENTIFIER:
        case SG_COLUMN_TEXT:
        case SG_N_COLUMN_TYPES:
        default:
          break;
        }
    }
  if (compare_column != NULL)
    {
      int col = sg_dataset_info_lookup_column (d->dataset, compare_column);

      if (col < 0)
        {
          g_set_error (error, SG_ERROR, SG_ERROR_NOT_FOUND,
                       _("Dataset “%s” has no column “%s” to compare with"), d->dataset->name, compare_column);
          return NULL;
        }
      d->compare = (gint) append_column (load, (guint) col);
    }

  d->labels = sg_project_load_run_labels (project, run_id, &n_labels, error);
  if (d->labels == NULL)
    return NULL;
  if (n_labels != d->dataset->n_rows)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_CORRUPT,
                   _("Run %" PRId64 " has %zu rows but its dataset “%s” has %"
                     PRIu64), run_id, n_labels, d->dataset->name, d->dataset->n_rows);
      return NULL;
    }
  d->n_rows = n_labels;
  d->table = sg_project_load_table (project, d->run->dataset_id, (const guint *) load->data, load->len, error);
  if (d->table == NULL)
    return NULL;

  /* a profile-only column without a value in the run has nothing to say */
  for (guint i = d->extra->len; i-- > 0;)
    {
      SgColumn *column = sg_table_get_column (d->table, g_array_index (d->extra, guint, i));
      gboolean any = FALSE;

      for (gsize r = 0; r < d->n_rows && !any; r++)
        any = d->labels[r] != SG_LABEL_EXCLUDED && isfinite (sg_column_get_number (column, (guint) r));
      if (!any)
        g_array_remove_index (d->extra, i);
    }

  d->segments = sg_project_list_segments (project, run_id, error);
  if (d->segments == NULL)
    return NULL;
  d->user_names = g_new0 (char *, MAX (d->run->k, 1));
  for (guint i = 0; i < d->segments->len; i++)
    {
      SgSegmentInfo *segment = g_ptr_array_index (d->segments, i);

      if (segment->idx < d->run->k && segment->name_edited && segment->name != NULL && *segment->name != '\0')
        d->user_names[segment->idx] = segment->name;   /* owned by d->segments */
    }
  return g_steal_pointer (&d);
}

/* The run's features in their own units for the rows in the run (labels ≠ −2), and those rows. */
static SgMatrix *
run_matrix (RunData  *d,
            guint   **rows_out,
            GError  **error)
{
  guint n_features = d->features->len;
  gsize n = 0, r = 0;
  SgMatrix *x;
  guint *rows;

  for (gsize i = 0; i < d->n_rows; i++)
    n += d->labels[i] != SG_LABEL_EXCLUDED;
  x = sg_matrix_new (n, n_features);
  rows = g_new (guint, MAX (n, 1));
  for (gsize i = 0; i < d->n_rows; i++)
    {
      if (d->labels[i] == SG_LABEL_EXCLUDED)
        continue;
      for (guint j = 0; j < n_features; j++)
        {
          SgColumn *column = sg_table_get_column (d->table, g_array_index (d->features, guint, j));
          double value = sg_column_get_number (column, (guint) i);

          if (!isfinite (value))
            {
              g_set_error (error, SG_ERROR, SG_ERROR_CORRUPT,
                           _("Row %zu of “%s” has no value in “%s” but is in the run: the "
                             "dataset changed since the run"), i + 1, d->dataset->name, column->name);
              sg_matrix_free (x);
              g_free (rows);
              return NULL;
            }
          sg_matrix_row (x, r)[j] = value;
        }
      rows[r++] = (guint) i;
    }
  *rows_out = rows;
  return x;
}

/* ------------------------------------------------------------------------------------------------
 * Stability over time
 */

static char *
format_day (double seconds)
{
  g_autoptr(GDateTime) dt = NULL;

  if (!isfinite (seconds))
    return g_strdup ("");
  dt = g_date_time_new_from_unix_utc ((gint64) floor (seconds));
  return dt != NULL ? g_date_time_format (dt, "%Y-%m-%d") : g_strdup ("");
}

static double
parse_day_end (const char *day)
{
  g_autoptr(GDateTime) dt = NULL;
  int y, m, dd;

  if (day == NULL || sscanf (day, "%d-%d-%d", &y, &m, &dd) != 3)
    return NAN;
  dt = g_date_time_new_utc (y, m, dd, 23, 59, 59.0);
  return dt != NULL ? (double) g_date_time_to_unix (dt) : NAN;
}

static void
roles_from_json (JsonObject         *o,
                 SgTransactionRoles *roles)
{
#define GET(field) roles->field = g_strdup (json_object_get_string_member_with_default (o, #field, NULL))
  GET (customer_id);
  GET (date);
  GET (amount);
  GET (unit_price);
  GET (quantity);
  GET (order_id);
  GET (category);
  GET (channel);
#undef GET
}

/* Labels per customer row of @features clustered as the run was (−2 for customers with a missing
 * feature); @n_clustered gets how many were clustered. */
static gint32 *
cluster_period (SgTable            *features,
                RunData            *d,
                SgRunClusterData   *cd,
                gsize              *n_clustered,
                GError            **error)
{
  guint n = sg_table_get_n_rows (features);
  guint n_features = d->features->len;
  g_autofree int *cols = g_new (int, MAX (n_features, 1));
  g_autofree guint *rows = g_new (guint, MAX (n, 1));
  g_autoptr(SgMatrix) x = NULL;
  g_autofree gint32 *labels = NULL;
  gint32 *out;
  gsize m = 0;

  /* RFM scores and groups are added when a feature needs them, fitted on this period as derive does */
  for (guint j = 0; j < n_features; j++)
    if (sg_table_lookup_column (features, d->settings.features[j]) < 0 &&
        sg_table_lookup_column (features, "rfm_segment") < 0)
      {
        g_autoptr(GError) ignored = NULL;

        sg_rfm_add_scores (features, NULL, NULL, NULL, NULL, NULL, &ignored);
        break;
      }
  for (guint j = 0; j < n_features; j++)
    {
      cols[j] = sg_table_lookup_column (features, d->settings.features[j]);
      if (cols[j] < 0 || !sg_column_is_numeric (sg_table_get_column (features, (guint) cols[j])))
        {
          g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT,
                       _("Feature “%s” cannot be derived again from the transactions, so stability over time "
                         "cannot be measured"), d->settings.features[j]);
          return NULL;
        }
    }
  for (guint r = 0; r < n; r++)
    {
      gboolean ok = TRUE;

      for (guint j = 0; j < n_features && ok; j++)
        ok = isfinite (sg_column_get_number (sg_table_get_column (features, (guint) cols[j]), r));
      if (ok)
        rows[m++] = r;
    }
  x = sg_matrix_new (m, n_features);
  for (gsize i = 0; i < m; i++)
    for (guint j = 0; j < n_features; j++)
      sg_matrix_row (x, i)[j] = sg_column_get_number (sg_table_get_column (features, (guint) cols[j]), rows[i]);
  if (sg_algorithm_takes_k (d->settings.algorithm) && m < cd->k)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_DEGENERATE,
                   _("Only %zu customers have every feature as of %s: too few for %u segments"),
                   m, sg_table_get_name (features), cd->k);
      return NULL;
    }
  labels = sg_run_cluster_func (x, cd, error);
  if (labels == NULL)
    return NULL;
  out = g_new (gint32, MAX (n, 1));
  for (guint r = 0; r < n; r++)
    out[r] = SG_LABEL_EXCLUDED;
  for (gsize i = 0; i < m; i++)
    out[rows[i]] = labels[i];
  *n_clustered = m;
  return out;
}

static char **
customer_ids (SgTable *features)
{
  guint n = sg_table_get_n_rows (features);
  SgColumn *id = sg_table_get_column (features, 0);   /* derive puts the customer id first */
  char **ids = g_new0 (char *, (gsize) n + 1);

  for (guint r = 0; r < n; r++)
    ids[r] = sg_column_format_value (id, r);
  return ids;
}

static SgTable *
derive_as_of (SgTable                  *transactions,
              const SgTransactionRoles *roles,
              double                    reference,
              SgDeriveReport          **report,
              SgProgress               *progress,
              GError                  **error)
{
  SgDeriveOptions options;
  SgTable *features;
  g_autofree char *day = NULL;

  sg_derive_options_init (&options);
  sg_transaction_roles_copy (&options.roles, roles);
  options.reference_date = reference;
  features = sg_derive_customer_features (transactions, &options, progress, report, error);
  sg_derive_options_clear (&options);
  if (features != NULL)
    {
      day = format_day ((*report)->reference_date);
      sg_table_set_name (features, day);
    }
  return features;
}

static gboolean
time_stability (SgProject                  *project,
                RunData                    *d,
                SgRunClusterData           *cd,
                const SgRunValidateOptions *options,
                SgRunTimeStability         *out,
                SgProgress                 *progress,
                GError                    **error)
{
  g_autoptr(JsonNode) root = parse_json (d->dataset->report);
  JsonObject *o = root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  JsonObject *roles_o, *summary;
  SgTransactionRoles roles = { 0 };
  g_autoptr(SgDatasetInfo) source = NULL;
  g_autoptr(GArray) indices = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(SgTable) transactions = NULL;
  g_autoptr(SgTable) later = NULL;
  g_autoptr(SgTable) earlier = NULL;
  g_autoptr(SgDeriveReport) later_report = NULL;
  g_autoptr(SgDeriveReport) earlier_report = NULL;
  g_autofree gint32 *later_labels = NULL;
  g_autofree gint32 *earlier_labels = NULL;
  g_auto(GStrv) later_ids = NULL;
  g_auto(GStrv) earlier_ids = NULL;
  SgProgress part;
  double reference, split;
  gboolean ok = FALSE;

  if (g_strcmp0 (d->dataset->kind, "derived") != 0 || o == NULL || !json_object_has_member (o, "derived_from") ||
      json_object_get_object_member (o, "roles") == NULL)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT,
                   _("Dataset “%s” was not derived from transactions, so stability over time cannot be measured"),
                   d->dataset->name);
      return FALSE;
    }
  source = sg_project_get_dataset (project, json_object_get_int_member (o, "derived_from"), NULL);
  if (source == NULL)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_NOT_FOUND,
                   _("The transactions dataset “%s” was derived from is no longer in the project"),
                   d->dataset->name);
      return FALSE;
    }
  roles_o = json_object_get_object_member (o, "roles");
  roles_from_json (roles_o, &roles);
  {
    const char *wanted[] = { roles.customer_id, roles.date, roles.amount, roles.unit_price, roles.quantity,
                             roles.order_id, roles.category, roles.channel };

    for (guint i = 0; i < G_N_ELEMENTS (wanted); i++)
      {
        int index;

        if (wanted[i] == NULL)
          continue;
        index = sg_dataset_info_lookup_column (source, wanted[i]);
        if (index < 0)
          {
            g_set_error (error, SG_ERROR, SG_ERROR_NOT_FOUND, _("Dataset “%s” has no column “%s”"),
                         source->name, wanted[i]);
            goto out;
          }
        g_array_append_val (indices, index);
      }
  }
  /* the run's reference date exactly when recorded (older projects: the end of the recorded day) */
  if (json_object_has_member (o, "reference_time"))
    reference = json_object_get_double_member (o, "reference_time");
  else
    {
      summary = json_object_get_object_member (o, "summary");
      reference = parse_day_end (summary ? json_object_get_string_member_with_default (summary, "reference_date", NULL)
                                         : NULL);
    }

  sg_progress_report (progress, 0.0, _("Loading the transactions"));
  transactions = sg_project_load_table (project, source->id, (const guint *) indices->data, indices->len, error);
  if (transactions == NULL || !sg_progress_check (progress, error))
    goto out;

  part = sg_progress_sub (progress, 0.1, 0.4);
  later = derive_as_of (transactions, &roles, reference, &later_report, &part, error);
  if (later == NULL)
    goto out;
  split = isfinite (options->time_split) ? options->time_split
                                         : floor ((later_report->first_date + later_report->reference_date) / 2.0);
  if (!(split > later_report->first_date && split < later_report->reference_date))
    {
      g_autofree char *first = format_day (later_report->first_date);
      g_autofree char *last = format_day (later_report->reference_date);

      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT,
                   _("The earlier date must fall between the first transaction (%s) and the run’s reference date (%s)"),
                   first, last);
      goto out;
    }
  part = sg_progress_sub (progress, 0.4, 0.6);
  earlier = derive_as_of (transactions, &roles, split, &earlier_report, &part, error);
  if (earlier == NULL)
    goto out;
  g_clear_pointer (&transactions, sg_table_unref);

  sg_progress_report (progress, 0.6, _("Finding segments as of each date"));
  later_labels = cluster_period (later, d, cd, &out->n_later, error);
  if (later_labels == NULL || !sg_progress_check (progress, error))
    goto out;
  sg_progress_report (progress, 0.8, NULL);
  earlier_labels = cluster_period (earlier, d, cd, &out->n_earlier, error);
  if (earlier_labels == NULL || !sg_progress_check (progress, error))
    goto out;

  later_ids = customer_ids (later);
  earlier_ids = customer_ids (earlier);
  if (!sg_time_stability_by_id ((const char *const *) earlier_ids, earlier_labels, sg_table_get_n_rows (earlier),
                                (const char *const *) later_ids, later_labels, sg_table_get_n_rows (later),
                                &out->result, error))
    goto out;
  out->earlier_reference = earlier_report->reference_date;
  out->later_reference = later_report->reference_date;
  out->computed = TRUE;
  sg_progress_report (progress, 1.0, NULL);
  ok = TRUE;

out:
  sg_transaction_roles_clear (&roles);
  return ok;
}

/* ------------------------------------------------------------------------------------------------
 * Storing
 */

static void
add_names (JsonBuilder *b,
           const char  *member,
           RunData     *d,
           GArray      *columns)
{
  json_builder_set_member_name (b, member);
  json_builder_begin_array (b);
  for (guint i = 0; i < columns->len; i++)
    json_builder_add_string_value (b, sg_table_get_column (d->table, g_array_index (columns, guint, i))->name);
  json_builder_end_array (b);
}

static void
add_test (JsonBuilder        *b,
          const char         *name,
          const char         *kind,
          gboolean            clustered,
          const char         *test,
          gboolean            tested,
          const SgStatResult *result,
          double              p_adjusted,
          gboolean            separates)
{
  json_builder_begin_object (b);
  sg_json_add_string (b, "name", name);
  sg_json_add_string (b, "kind", kind);
  sg_json_add_bool (b, "clustered", clustered);
  sg_json_add_string (b, "test", test);
  sg_json_add_double (b, "statistic", tested ? result->statistic : NAN);
  sg_json_add_double (b, "p", tested ? result->p_value : NAN);
  sg_json_add_double (b, "p_adjusted", tested ? p_adjusted : NAN);
  sg_json_add_bool (b, "separates", tested && separates);
  json_builder_end_object (b);
}

/* The run-level part stored under metrics "report". */
static JsonNode *
report_json (RunData               *d,
             const SgSegmentReport *report,
             GPtrArray             *warnings)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  const SgProfile *profile = report->profile;
  const char *const *names = (const char *const *) report->name_strv;

  json_builder_begin_object (b);
  sg_json_add_int (b, "version", REPORT_VERSION);
  sg_json_add_int (b, "n_rows", (gint64) profile->n_rows);
  sg_json_add_int (b, "n_noise", (gint64) profile->n_noise);
  sg_json_add_int (b, "n_excluded", (gint64) profile->n_excluded);
  sg_json_add_double (b, "alpha", profile->alpha);
  sg_json_add_string (b, "correction", sg_p_adjust_to_string (profile->correction));
  json_builder_set_member_name (b, "columns");
  json_builder_begin_object (b);
  add_names (b, "features", d, d->features);
  add_names (b, "profile_only", d, d->extra);
  add_names (b, "categorical", d, d->categorical);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "names");
  json_builder_add_value (b, sg_segment_names_to_json (report->names));
  json_builder_set_member_name (b, "tests");
  json_builder_begin_array (b);
  for (guint f = 0; f < profile->n_numeric; f++)
    {
      const SgNumericProfile *p = &profile->numeric[f];

      add_test (b, p->name, "numeric", p->clustered, "kruskal", p->tested, &p->kruskal, p->kruskal_p_adjusted,
                p->separates);
    }
  for (guint f = 0; f < profile->n_categorical; f++)
    {
      const SgCategoricalProfile *p = &profile->categorical[f];

      add_test (b, p->name, "categorical", p->clustered, "chi_square", p->tested, &p->chi_square, p->p_adjusted,
                p->separates);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "tree");
  if (report->cart != NULL)
    json_builder_add_value (b, sg_cart_to_json (report->cart, names));
  else
    json_builder_add_null_value (b);
  if (report->cart_error != NULL)
    sg_json_add_string (b, "tree_error", report->cart_error);
  json_builder_set_member_name (b, "warnings");
  json_builder_add_value (b, sg_warnings_to_json (warnings));
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static JsonNode *
error_report_json (const char *message)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  sg_json_add_int (b, "version", REPORT_VERSION);
  sg_json_add_string (b, "error", message);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* A segment's stored profile: its part of the profile, how it was named, and its rules. */
static char *
segment_json (const SgSegmentReport *report,
              guint                  s)
{
  JsonNode *node = sg_profile_segment_to_json (report->profile, s);
  JsonObject *o = json_node_get_object (node);
  const SgSegmentName *name = &report->names->names[s];
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonBuilder) rules = json_builder_new ();

  json_builder_begin_object (b);
  sg_json_add_string (b, "name", name->name);
  sg_json_add_string (b, "rule", name->rule_id);
  sg_json_add_string (b, "rule_text", name->rule_text);
  json_builder_end_object (b);
  json_object_set_member (o, "naming", json_builder_get_root (b));

  json_builder_begin_array (rules);
  for (guint j = 0; report->cart != NULL && j < report->cart->n_rules[s]; j++)
    {
      const SgCartRule *rule = &report->cart->rules[s][j];

      json_builder_begin_object (rules);
      sg_json_add_string (rules, "condition", rule->condition);
      sg_json_add_double (rules, "coverage", rule->coverage);
      sg_json_add_double (rules, "precision", rule->precision);
      sg_json_add_int (rules, "n_segment", (gint64) rule->n_segment);
      sg_json_add_int (rules, "n_leaf", (gint64) rule->n_leaf);
      sg_json_add_string (rules, "sentence", rule->sentence);
      json_builder_end_object (rules);
    }
  json_builder_end_array (rules);
  json_object_set_member (o, "rules", json_builder_get_root (rules));
  return sg_json_take_to_string (node, FALSE);
}

/* Sets @member (@value taken) in the run's metrics, read again inside the transaction. */
static gboolean
update_metrics (SgProject   *project,
                gint64       run_id,
                const char  *member,
                JsonNode    *value,
                GError     **error)
{
  g_autoptr(SgRunInfo) run = sg_project_get_run (project, run_id, error);
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  if (run == NULL)
    {
      json_node_unref (value);
      return FALSE;
    }
  root = parse_json (run->metrics);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_clear_pointer (&root, json_node_unref);
      root = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (root, json_object_new ());
    }
  json_object_set_member (json_node_get_object (root), member, value);
  text = sg_json_take_to_string (json_node_ref (root), FALSE);
  return sg_project_set_run_metrics (project, run_id, text, error);
}

static gboolean
store_segments (SgProject             *project,
                gint64                 run_id,
                const SgSegmentReport *report,
                GError               **error)
{
  for (guint s = 0; s < report->k; s++)
    {
      const SgSegmentName *name = &report->names->names[s];
      g_autofree char *profile = segment_json (report, s);

      if ((!name->user_edited &&
           !sg_project_set_segment_name (project, run_id, s, name->name, name->rule_text, FALSE, error)) ||
          !sg_project_set_segment_profile (project, run_id, s, profile, error))
        return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------------------------------------
 * Computing
 */

static void
report_options (RunData         *d,
                SgReportOptions *o,
                guint            n_threads)
{
  sg_report_options_init (o);
  o->feature_columns = (const guint *) d->features->data;
  o->n_features = d->features->len;
  o->categorical_columns = (const guint *) d->categorical->data;
  o->n_categorical = d->categorical->len;
  o->user_names = (const char *const *) d->user_names;
  o->silhouette = d->silhouette;
  o->compare_column = d->compare;
  o->profile.extra_numeric_columns = (const guint *) d->extra->data;
  o->profile.n_extra_numeric = d->extra->len;
  o->profile.n_threads = n_threads;
  o->cart.seed = d->settings.seed;
  o->cart.max_rows = CART_TRAINING_ROWS;
  o->bootstrap.n_threads = n_threads;
  if (d->settings.min_share > 0)
    o->warnings.min_share = d->settings.min_share;
}

static gboolean
is_cancelled (const GError *error)
{
  return error != NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

gboolean
sg_run_report_refresh (SgProject   *project,
                       gint64       run_id,
                       SgProgress  *progress,
                       GError     **error)
{
  g_autoptr(RunData) d = NULL;
  g_autoptr(SgSegmentReport) report = NULL;
  g_autoptr(GError) local = NULL;
  SgReportOptions options;
  SgProgress part = sg_progress_sub (progress, 0.1, 0.95);
  JsonNode *node;

  g_return_val_if_fail (SG_IS_PROJECT (project), FALSE);

  sg_progress_report (progress, 0.0, _("Describing the segments"));
  d = run_data_load (project, run_id, NULL, error);
  if (d == NULL || !sg_progress_check (progress, error))
    return FALSE;
  report_options (d, &options, d->settings.n_threads);
  report = sg_segment_report_compute (d->table, d->labels, d->run->k, &options, &part, &local);
  if (report == NULL && is_cancelled (local))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (!sg_progress_check (progress, error))
    return FALSE;

  sg_progress_report (progress, 0.95, _("Saving the segment profiles"));
  node = report != NULL ? report_json (d, report, report->warnings) : error_report_json (local->message);
  if (!sg_project_begin (project, error))
    {
      json_node_unref (node);
      return FALSE;
    }
  if ((report != NULL && !store_segments (project, run_id, report, error)) ||
      !update_metrics (project, run_id, "report", node, error) ||
      !sg_project_commit (project, error))
    {
      sg_project_rollback (project);
      return FALSE;
    }
  sg_progress_report (progress, 1.0, NULL);
  return TRUE;
}

void
sg_run_report_free (SgRunReport *report)
{
  if (report == NULL)
    return;
  sg_run_info_free (report->run);
  sg_run_settings_clear (&report->settings);
  g_free (report->dataset_name);
  sg_run_validate_options_clear (&report->options);
  sg_segment_report_free (report->report);
  sg_time_stability_clear (&report->time.result);
  g_free (report);
}

static void
add_options (JsonBuilder       *b,
             const SgRunReport *r)
{
  g_autofree char *seed = g_strdup_printf ("%" G_GUINT64_FORMAT, r->seed);

  json_builder_set_member_name (b, "options");
  json_builder_begin_object (b);
  sg_json_add_int (b, "bootstrap", r->options.n_boot);
  sg_json_add_string (b, "seed", seed);   /* as text: a 64-bit seed does not survive a JSON double */
  sg_json_add_string (b, "compare", r->options.compare_column);
  sg_json_add_double (b, "min_share", r->options.min_share);
  sg_json_add_int (b, "min_count", (gint64) r->options.min_count);
  sg_json_add_bool (b, "time", r->options.time);
  json_builder_end_object (b);
}

static JsonNode *
time_json (const SgRunTimeStability *t)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *earlier = NULL;
  g_autofree char *later = NULL;

  if (!t->computed)
    return json_node_init_null (json_node_alloc ());
  earlier = format_day (t->earlier_reference);
  later = format_day (t->later_reference);
  json_builder_begin_object (b);
  sg_json_add_string (b, "earlier_reference", earlier);
  sg_json_add_string (b, "later_reference", later);
  sg_json_add_int (b, "n_earlier", (gint64) t->n_earlier);
  sg_json_add_int (b, "n_later", (gint64) t->n_later);
  sg_json_add_int (b, "n_common", (gint64) t->result.n_common);
  sg_json_add_double (b, "ari", t->result.ari);
  sg_json_add_double (b, "nmi", t->result.nmi);
  sg_json_add_string (b, "verdict", t->result.verdict);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static void
add_or_null (JsonBuilder *b,
             const char  *member,
             JsonNode    *node)
{
  json_builder_set_member_name (b, member);
  if (node != NULL)
    json_builder_add_value (b, node);
  else
    json_builder_add_null_value (b);
}

static JsonNode *
validation_json (const SgRunReport *r)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *computed = g_date_time_format_iso8601 (now);
  const SgSegmentReport *report = r->report;
  const char *const *names = (const char *const *) report->name_strv;

  json_builder_begin_object (b);
  sg_json_add_string (b, "computed", computed);
  add_options (b, r);
  add_or_null (b, "stability", report->stability ? sg_bootstrap_result_to_json (report->stability, names) : NULL);
  add_or_null (b, "time_stability", time_json (&r->time));
  add_or_null (b, "comparison", report->comparison ? sg_comparison_to_json (report->comparison) : NULL);
  add_or_null (b, "warnings", sg_warnings_to_json (report->warnings));
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* The validation under "validation"; "report" refreshed with the automatic step's warnings (the run's
 * minimum share, no stability), so that it reads the same whoever wrote it last. */
static gboolean
store_validation (SgProject         *project,
                  RunData           *d,
                  const SgRunReport *r,
                  GError           **error)
{
  SgReportOptions defaults;
  g_autoptr(GPtrArray) warnings = NULL;

  report_options (d, &defaults, 0);
  warnings = sg_warnings_compute (r->report->profile, (const char *const *) r->report->name_strv, NULL,
                                  d->silhouette, &defaults.warnings);
  if (!sg_project_begin (project, error))
    return FALSE;
  if (!store_segments (project, r->run_id, r->report, error) ||
      !update_metrics (project, r->run_id, "report", report_json (d, r->report, warnings), error) ||
      !update_metrics (project, r->run_id, "validation", validation_json (r), error) ||
      !sg_project_commit (project, error))
    {
      sg_project_rollback (project);
      return FALSE;
    }
  return TRUE;
}

SgRunReport *
sg_run_report_compute (SgProject                   *project,
                       gint64                       run_id,
                       const SgRunValidateOptions  *options,
                       SgProgress                  *progress,
                       GError                     **error)
{
  SgRunValidateOptions defaults;
  g_autoptr(SgRunReport) r = g_new0 (SgRunReport, 1);
  g_autoptr(RunData) d = NULL;
  g_autoptr(SgMatrix) matrix = NULL;
  g_autofree guint *matrix_rows = NULL;
  SgReportOptions ro;
  SgRunClusterData cd = { 0 };
  SgProgress part;
  double report_from;

  g_return_val_if_fail (SG_IS_PROJECT (project), NULL);

  sg_run_settings_init (&r->settings);
  if (options == NULL)
    {
      sg_run_validate_options_init (&defaults);
      options = &defaults;
    }
  sg_run_validate_options_copy (&r->options, options);
  r->run_id = run_id;

  sg_progress_report (progress, 0.0, _("Loading the run"));
  d = run_data_load (project, run_id, options->compare_column, error);
  if (d == NULL || !sg_progress_check (progress, error))
    return NULL;
  r->k = d->run->k;
  r->seed = options->seed_set ? options->seed : d->settings.seed;
  r->dataset_name = g_strdup (d->dataset->name);
  sg_run_settings_copy (&r->settings, &d->settings);
  if (!isfinite (r->options.min_share) || r->options.min_share < 0)
    r->options.min_share = d->settings.min_share > 0 ? d->settings.min_share : 0.01;

  cd.settings = &d->settings;
  cd.k = d->run->k;
  cd.eps = d->eps;
  cd.cancellable = progress != NULL ? progress->cancellable : NULL;

  report_from = 0.05;
  if (options->time)
    {
      report_from = 0.35;
      part = sg_progress_sub (progress, 0.05, report_from);
      if (!time_stability (project, d, &cd, options, &r->time, &part, error))
        return NULL;
    }

  report_options (d, &ro, options->n_threads);
  ro.warnings.min_share = r->options.min_share;
  ro.warnings.min_count = options->min_count;
  if (options->n_boot > 0)
    {
      matrix = run_matrix (d, &matrix_rows, error);
      if (matrix == NULL)
        return NULL;
      ro.matrix = matrix;
      ro.matrix_rows = matrix_rows;
      ro.cluster = sg_run_cluster_func;
      ro.cluster_data = &cd;
      ro.bootstrap.n_boot = options->n_boot;
      ro.bootstrap.seed = r->seed;
      if (options->unstable_below > 0)
        ro.bootstrap.unstable_below = options->unstable_below;
      ro.bootstrap.parallel_replicates = FALSE;   /* the clustering parallelises inside */
    }
  part = sg_progress_sub (progress, report_from, 0.97);
  r->report = sg_segment_report_compute (d->table, d->labels, d->run->k, &ro, &part, error);
  if (r->report == NULL || !sg_progress_check (progress, error))
    return NULL;

  if (options->store)
    {
      sg_progress_report (progress, 0.97, _("Saving the validation"));
      if (!store_validation (project, d, r, error))
        return NULL;
    }
  r->run = g_steal_pointer (&d->run);
  sg_progress_report (progress, 1.0, NULL);
  return g_steal_pointer (&r);
}

JsonNode *
sg_run_report_to_json (const SgRunReport *r)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *seed = g_strdup_printf ("%" G_GUINT64_FORMAT, r->settings.seed);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "run");
  json_builder_begin_object (b);
  sg_json_add_int (b, "id", r->run_id);
  sg_json_add_string (b, "name", r->run->name);
  sg_json_add_string (b, "algorithm", r->run->algorithm);
  sg_json_add_int (b, "k", r->k);
  sg_json_add_int (b, "dataset_id", r->run->dataset_id);
  sg_json_add_string (b, "dataset", r->dataset_name);
  sg_json_add_int (b, "n_rows", (gint64) r->run->n_rows);
  sg_json_add_int (b, "n_excluded", (gint64) r->run->n_excluded);
  sg_json_add_string (b, "seed", seed);
  json_builder_end_object (b);
  add_options (b, r);
  add_or_null (b, "report", sg_segment_report_to_json (r->report));
  add_or_null (b, "time_stability", time_json (&r->time));
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* ------------------------------------------------------------------------------------------------
 * On a worker thread
 */

typedef struct {
  SgProject            *project;   /* the worker's own connection */
  gint64                run_id;
  SgRunValidateOptions  options;
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->project);
  sg_run_validate_options_clear (&job->options);
  g_free (job);
}

static gpointer
compute_work (gpointer     data,
              SgProgress  *progress,
              GError     **error)
{
  Job *job = data;

  return sg_run_report_compute (job->project, job->run_id, &job->options, progress, error);
}

void
sg_run_report_compute_async (SgProject                  *project,
                             gint64                      run_id,
                             const SgRunValidateOptions *options,
                             GCancellable               *cancellable,
                             SgProgressFunc              progress_func,
                             gpointer                    progress_data,
                             GAsyncReadyCallback         callback,
                             gpointer                    user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SgProject) connection = NULL;
  Job *job;

  g_return_if_fail (SG_IS_PROJECT (project));

  connection = sg_project_reopen (project, &error);
  if (connection == NULL)
    {
      g_task_report_error (project, callback, user_data, sg_run_report_compute_async, g_steal_pointer (&error));
      return;
    }
  job = g_new0 (Job, 1);
  job->project = g_steal_pointer (&connection);
  job->run_id = run_id;
  if (options != NULL)
    sg_run_validate_options_copy (&job->options, options);
  else
    sg_run_validate_options_init (&job->options);
  sg_async_run (project, sg_run_report_compute_async, compute_work, job, (GDestroyNotify) job_free,
                (GDestroyNotify) sg_run_report_free, cancellable, progress_func, progress_data, callback, user_data);
}

SgRunReport *
sg_run_report_compute_finish (GAsyncResult  *result,
                              GError       **error)
{
  return sg_async_finish (result, sg_run_report_compute_async, error);
}
