/* sg-quality.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "sg-async.h"
#include "sg-clean.h"
#include "sg-colstats.h"
#include "sg-error.h"
#include "sg-join.h"
#include "sg-keymap.h"
#include "sg-prep-util.h"
#include "sg-quality.h"

static void
column_quality_free (SgColumnQuality *q)
{
  g_free (q->name);
  g_free (q->role);
  for (guint i = 0; i < q->n_top; i++)
    g_free (q->top_values[i]);
  g_free (q);
}

void
sg_quality_report_free (SgQualityReport *report)
{
  if (report == NULL)
    return;
  g_free (report->dataset);
  g_free (report->id_column);
  g_free (report->join_with);
  g_clear_pointer (&report->columns, g_ptr_array_unref);
  g_free (report);
}

typedef struct {
  guint32 index;
  guint64 count;
} Count;

static int
compare_counts (gconstpointer a,
                gconstpointer b)
{
  const Count *x = a, *y = b;

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return (x->index > y->index) - (x->index < y->index);
}

static void
analyse_strings (SgColumn        *column,
                 SgColumnQuality *q)
{
  guint n = sg_column_get_n_rows (column);
  g_autoptr(SgStrMap) map = sg_str_map_new (1024);
  g_autoptr(GArray) counts = g_array_new (FALSE, FALSE, sizeof (Count));

  for (guint r = 0; r < n; r++)
    {
      const char *s = sg_column_get_string (column, r);
      gboolean added;
      guint32 k;

      if (s == NULL)
        continue;
      k = sg_str_map_insert (map, s, &added);
      if (added)
        {
          Count c = { k, 0 };

          g_array_append_val (counts, c);
        }
      g_array_index (counts, Count, k).count++;
    }
  q->n_distinct = counts->len;
  g_array_sort (counts, compare_counts);
  for (guint i = 0; i < counts->len && i < SG_QUALITY_TOP; i++)
    {
      Count *c = &g_array_index (counts, Count, i);

      q->top_values[i] = g_strdup (sg_str_map_key (map, c->index));
      q->top_counts[i] = c->count;
      q->n_top++;
    }
}

static void
analyse_numbers (SgColumn        *column,
                 SgColumnQuality *q)
{
  guint n = sg_column_get_n_rows (column);
  const double *values = sg_column_get_numbers (column);
  gsize m;
  g_autofree double *sorted = sg_colstats_sorted (values, n, 1, &m);
  SgColstats stats;

  q->min = q->q1 = q->median = q->q3 = q->max = q->mean = q->std = q->skewness = NAN;
  if (m == 0)
    return;
  sg_colstats_moments (sorted, m, 1, &stats);
  q->min = sorted[0];
  q->max = sorted[m - 1];
  q->q1 = sg_colstats_quantile (sorted, m, 0.25);
  q->median = sg_colstats_quantile (sorted, m, 0.5);
  q->q3 = sg_colstats_quantile (sorted, m, 0.75);
  q->mean = stats.mean;
  q->std = stats.std;
  q->skewness = stats.skewness;
  q->n_distinct = 1;
  for (gsize i = 1; i < m; i++)
    if (sorted[i] != sorted[i - 1])
      q->n_distinct++;
  {
    double iqr = q->q3 - q->q1, lo = q->q1 - 1.5 * iqr, hi = q->q3 + 1.5 * iqr;

    for (gsize i = 0; i < m; i++)
      {
        if (sorted[i] < lo || sorted[i] > hi)
          q->outliers_iqr++;
        if (stats.std > 0 && fabs (sorted[i] - stats.mean) > 3 * stats.std)
          q->outliers_z++;
      }
  }
  /* histogram: equal-width bins over [min, max]; a constant column gets one bin */
  q->n_bins = q->max > q->min ? SG_QUALITY_BINS : 1;
  for (guint b = 0; b <= q->n_bins; b++)
    q->bin_edges[b] = q->n_bins == 1 ? (b == 0 ? q->min : q->max)
                                     : q->min + (q->max - q->min) * b / q->n_bins;
  for (gsize i = 0; i < m; i++)
    {
      guint b = q->n_bins == 1 ? 0 : (guint) ((sorted[i] - q->min) / (q->max - q->min) * q->n_bins);

      q->bin_counts[MIN (b, q->n_bins - 1)]++;
    }
  if (column->type == SG_COLUMN_BOOLEAN)
    {
      guint64 yes = 0;

      for (gsize i = 0; i < m; i++)
        yes += sorted[i] != 0;
      q->top_values[0] = g_strdup (yes * 2 >= m ? _("yes") : _("no"));
      q->top_counts[0] = yes * 2 >= m ? yes : m - yes;
      q->top_values[1] = g_strdup (yes * 2 >= m ? _("no") : _("yes"));
      q->top_counts[1] = m - q->top_counts[0];
      q->n_top = 2;
    }
}

SgQualityReport *
sg_quality_analyse (SgTable     *table,
                    const char  *id_column,
                    SgProgress  *progress,
                    GError     **error)
{
  g_autoptr(SgQualityReport) report = g_new0 (SgQualityReport, 1);
  guint n = sg_table_get_n_rows (table), n_columns = sg_table_get_n_columns (table);

  report->dataset = g_strdup (sg_table_get_name (table));
  report->n_rows = n;
  report->n_columns = n_columns;
  report->columns = g_ptr_array_new_with_free_func ((GDestroyNotify) column_quality_free);

  if (id_column != NULL && sg_table_lookup_column (table, id_column) < 0)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_NOT_FOUND, _("“%s” has no column “%s”"), report->dataset, id_column);
      return NULL;
    }
  if (id_column == NULL)
    for (guint c = 0; c < n_columns && id_column == NULL; c++)
      if (g_strcmp0 (sg_table_get_column (table, c)->role, "id") == 0)
        id_column = sg_table_get_column (table, c)->name;
  report->id_column = g_strdup (id_column);

  for (guint c = 0; c < n_columns; c++)
    {
      SgColumn *column = sg_table_get_column (table, c);
      SgColumnQuality *q = g_new0 (SgColumnQuality, 1);

      sg_progress_report (progress, 0.8 * c / MAX (n_columns, 1), NULL);
      if (!sg_progress_check (progress, error))
        {
          column_quality_free (q);
          return NULL;
        }
      q->name = g_strdup (column->name);
      q->type = column->type;
      q->role = g_strdup (column->role);
      q->n_missing = column->n_missing;
      q->missing_share = n > 0 ? (double) column->n_missing / n : 0;
      if (sg_column_is_numeric (column))
        analyse_numbers (column, q);
      else
        {
          q->min = q->q1 = q->median = q->q3 = q->max = q->mean = q->std = q->skewness = NAN;
          analyse_strings (column, q);
        }
      if (report->id_column != NULL && strcmp (report->id_column, column->name) == 0)
        {
          report->missing_ids = column->n_missing;
          report->duplicate_ids = (n - column->n_missing) - q->n_distinct;
        }
      g_ptr_array_add (report->columns, q);
    }
  {
    /* sg-clean works on a list of columns: borrow the table's without copying */
    g_autoptr(GPtrArray) columns = g_ptr_array_new ();

    for (guint c = 0; c < n_columns; c++)
      g_ptr_array_add (columns, sg_table_get_column (table, c));
    report->duplicate_rows = n_columns > 0 ? sg_clean_find_duplicate_rows (columns, NULL) : 0;
  }
  sg_progress_report (progress, 1.0, NULL);
  return g_steal_pointer (&report);
}

gboolean
sg_quality_add_join (SgQualityReport  *report,
                     SgTable          *table,
                     const char       *key,
                     SgTable          *other,
                     const char       *other_key,
                     GError          **error)
{
  SgJoinReport join = { 0 };
  g_autoptr(SgTable) joined = sg_join_left (table, key, other, other_key, &join, error);

  if (joined == NULL)
    return FALSE;
  report->has_join = TRUE;
  g_free (report->join_with);
  report->join_with = g_strdup (sg_table_get_name (other));
  report->join_matched = join.left_rows - join.left_unmatched - join.left_missing_key;
  report->join_unmatched = join.left_unmatched + join.left_missing_key;
  report->join_other_unmatched = join.right_unmatched;
  sg_join_report_clear (&join);
  return TRUE;
}

static void
add_number (JsonBuilder *builder,
            const char  *name,
            double       value)
{
  json_builder_set_member_name (builder, name);
  if (isfinite (value))
    json_builder_add_double_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_int (JsonBuilder *builder,
         const char  *name,
         guint64      value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, (gint64) value);
}

JsonNode *
sg_quality_report_to_json (const SgQualityReport *report)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "dataset");
  json_builder_add_string_value (builder, report->dataset);
  add_int (builder, "rows", report->n_rows);
  add_int (builder, "columns", report->n_columns);
  add_int (builder, "duplicate_rows", report->duplicate_rows);
  json_builder_set_member_name (builder, "id_column");
  if (report->id_column != NULL)
    json_builder_add_string_value (builder, report->id_column);
  else
    json_builder_add_null_value (builder);
  if (report->id_column != NULL)
    {
      add_int (builder, "duplicate_ids", report->duplicate_ids);
      add_int (builder, "missing_ids", report->missing_ids);
    }
  if (report->has_join)
    {
      json_builder_set_member_name (builder, "join");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "with");
      json_builder_add_string_value (builder, report->join_with);
      add_int (builder, "matched", report->join_matched);
      add_int (builder, "unmatched", report->join_unmatched);
      add_int (builder, "other_unmatched", report->join_other_unmatched);
      add_number (builder, "coverage", report->n_rows ? (double) report->join_matched / report->n_rows : 0);
      json_builder_end_object (builder);
    }
  json_builder_set_member_name (builder, "column_details");
  json_builder_begin_array (builder);
  for (guint c = 0; c < report->columns->len; c++)
    {
      SgColumnQuality *q = g_ptr_array_index (report->columns, c);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, q->name);
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, sg_column_type_to_string (q->type));
      if (q->role != NULL)
        {
          json_builder_set_member_name (builder, "role");
          json_builder_add_string_value (builder, q->role);
        }
      add_int (builder, "missing", q->n_missing);
      add_number (builder, "missing_share", q->missing_share);
      add_int (builder, "distinct", q->n_distinct);
      if (q->n_bins > 0)
        {
          add_number (builder, "min", q->min);
          add_number (builder, "q1", q->q1);
          add_number (builder, "median", q->median);
          add_number (builder, "q3", q->q3);
          add_number (builder, "max", q->max);
          add_number (builder, "mean", q->mean);
          add_number (builder, "std", q->std);
          add_number (builder, "skewness", q->skewness);
          add_int (builder, "outliers_iqr", q->outliers_iqr);
          add_int (builder, "outliers_z", q->outliers_z);
          json_builder_set_member_name (builder, "histogram");
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "edges");
          json_builder_begin_array (builder);
          for (guint b = 0; b <= q->n_bins; b++)
            json_builder_add_double_value (builder, q->bin_edges[b]);
          json_builder_end_array (builder);
          json_builder_set_member_name (builder, "counts");
          json_builder_begin_array (builder);
          for (guint b = 0; b < q->n_bins; b++)
            json_builder_add_int_value (builder, (gint64) q->bin_counts[b]);
          json_builder_end_array (builder);
          json_builder_end_object (builder);
        }
      if (q->n_top > 0)
        {
          json_builder_set_member_name (builder, "top");
          json_builder_begin_array (builder);
          for (guint i = 0; i < q->n_top; i++)
            {
              json_builder_begin_object (builder);
              json_builder_set_member_name (builder, "value");
              json_builder_add_string_value (builder, q->top_values[i]);
              add_int (builder, "count", q->top_counts[i]);
              json_builder_end_object (builder);
            }
          json_builder_end_array (builder);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

GStrv
sg_quality_report_describe (const SgQualityReport *report)
{
  GPtrArray *lines = sg_lines_new ();

  sg_lines_take (lines, g_strdup_printf (_("%s: %" PRIu64 " rows, %u columns, %" PRIu64 " exact duplicate rows"),
                                         report->dataset, report->n_rows, report->n_columns, report->duplicate_rows));
  if (report->id_column != NULL)
    sg_lines_take (lines, g_strdup_printf (_("Id column “%s”: %" PRIu64 " repeated ids, %" PRIu64 " missing"),
                                           report->id_column, report->duplicate_ids, report->missing_ids));
  if (report->has_join)
    sg_lines_take (lines, g_strdup_printf (_("Join with “%s”: %" PRIu64 " rows matched, %" PRIu64 " not; %" PRIu64 " of its keys unmatched"),
                                           report->join_with, report->join_matched, report->join_unmatched,
                                           report->join_other_unmatched));
  for (guint c = 0; c < report->columns->len; c++)
    {
      SgColumnQuality *q = g_ptr_array_index (report->columns, c);
      g_autofree char *head = g_strdup_printf (_("%s (%s): %" PRIu64 " missing (%.1f%%), %" PRIu64 " distinct"),
                                               q->name, sg_column_type_to_string (q->type), q->n_missing,
                                               100 * q->missing_share, q->n_distinct);

      if (q->n_bins > 0 && !isnan (q->min))
        sg_lines_take (lines, g_strdup_printf (_("%s; min %g, median %g, max %g, skewness %.2f, %" PRIu64 " outliers (IQR rule)"),
                                               head, q->min, q->median, q->max, q->skewness, q->outliers_iqr));
      else if (q->n_top > 0)
        {
          GString *top = g_string_new (NULL);

          for (guint i = 0; i < q->n_top; i++)
            g_string_append_printf (top, "%s%s (%" PRIu64 ")", i ? ", " : "", q->top_values[i], q->top_counts[i]);
          sg_lines_take (lines, g_strdup_printf (_("%s; most common: %s"), head, top->str));
          g_string_free (top, TRUE);
        }
      else
        sg_lines_take (lines, g_steal_pointer (&head));
    }
  return sg_lines_end (lines);
}

SgQualityReport *
sg_quality_analyse_dataset (SgProject   *project,
                            gint64       dataset_id,
                            const char  *id_column,
                            SgProgress  *progress,
                            GError     **error)
{
  g_autoptr(SgTable) table = NULL;
  SgProgress load = sg_progress_sub (progress, 0.0, 0.4);
  SgProgress work = sg_progress_sub (progress, 0.4, 1.0);

  g_return_val_if_fail (SG_IS_PROJECT (project), NULL);

  sg_progress_report (&load, 0.0, _("Loading the data"));
  table = sg_project_load_table (project, dataset_id, NULL, 0, error);
  if (table == NULL || !sg_progress_check (progress, error))
    return NULL;
  sg_progress_report (&work, 0.0, _("Checking the data"));
  return sg_quality_analyse (table, id_column, &work, error);
}

typedef struct {
  SgProject *project;
  gint64     dataset_id;
  char      *id_column;
} QualityTask;

static void
quality_task_free (QualityTask *task)
{
  g_clear_object (&task->project);
  g_free (task->id_column);
  g_free (task);
}

static gpointer
quality_work (gpointer     task_data,
              SgProgress  *progress,
              GError     **error)
{
  QualityTask *task = task_data;

  return sg_quality_analyse_dataset (task->project, task->dataset_id, task->id_column, progress, error);
}

void
sg_quality_analyse_dataset_async (SgProject           *project,
                                  gint64               dataset_id,
                                  const char          *id_column,
                                  GCancellable        *cancellable,
                                  SgProgressFunc       progress_func,
                                  gpointer             progress_data,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  QualityTask *task = g_new0 (QualityTask, 1);
  g_autoptr(GError) error = NULL;

  task->project = sg_project_reopen (project, &error);
  task->dataset_id = dataset_id;
  task->id_column = g_strdup (id_column);
  if (task->project == NULL)
    {
      g_autoptr(GTask) failed = g_task_new (project, cancellable, callback, user_data);

      g_task_set_source_tag (failed, sg_quality_analyse_dataset_async);
      g_task_return_error (failed, g_steal_pointer (&error));
      quality_task_free (task);
      return;
    }
  sg_async_run (project, sg_quality_analyse_dataset_async, quality_work, task, (GDestroyNotify) quality_task_free,
                (GDestroyNotify) sg_quality_report_free, cancellable, progress_func, progress_data, callback, user_data);
}

SgQualityReport *
sg_quality_analyse_dataset_finish (SgProject     *project,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return sg_async_finish (result, sg_quality_analyse_dataset_async, error);
}
