/* sg-prepare-analysis.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "SgPrepareAnalysis"

#include <glib/gi18n.h>
#include <math.h>

#include "sg-async.h"
#include "sg-chart-format.h"
#include "sg-error.h"
#include "sg-prepare-analysis.h"

void
sg_prepare_analysis_free (SgPrepareAnalysis *analysis)
{
  if (analysis == NULL)
    return;
  g_clear_pointer (&analysis->quality, sg_quality_report_free);
  g_clear_pointer (&analysis->advice, sg_advice_free);
  g_clear_pointer (&analysis->suggested, sg_recipe_free);
  g_free (analysis->advice_error);
  g_free (analysis);
}

SgPrepareAnalysis *
sg_prepare_analyse (SgProject   *project,
                    gint64       dataset_id,
                    const char  *key,
                    gint64       other_id,
                    const char  *other_key,
                    SgProgress  *progress,
                    GError     **error)
{
  g_autoptr(SgPrepareAnalysis) analysis = g_new0 (SgPrepareAnalysis, 1);
  g_autoptr(SgTable) table = NULL;
  g_autoptr(GError) local = NULL;
  SgProgress load = sg_progress_sub (progress, 0.0, 0.3);
  SgProgress quality = sg_progress_sub (progress, 0.3, 0.7);

  g_return_val_if_fail (SG_IS_PROJECT (project), NULL);

  analysis->dataset_id = dataset_id;
  sg_progress_report (&load, 0.0, _("Loading the data"));
  table = sg_project_load_table (project, dataset_id, NULL, 0, error);
  if (table == NULL || !sg_progress_check (progress, error))
    return NULL;

  sg_progress_report (&quality, 0.0, _("Checking the data quality"));
  analysis->quality = sg_quality_analyse (table, NULL, &quality, error);
  if (analysis->quality == NULL)
    return NULL;
  if (other_id > 0 && other_id != dataset_id)
    {
      const char *own_key = key != NULL ? key : analysis->quality->id_column;
      g_autoptr(SgTable) other = NULL;

      if (own_key == NULL || other_key == NULL)
        {
          g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT,
                       _("Cannot compare customers: choose the column that identifies them in both datasets"));
          return NULL;
        }
      sg_progress_report (progress, 0.7, _("Comparing the customers of both datasets"));
      other = sg_project_load_table (project, other_id, NULL, 0, error);
      if (other == NULL || !sg_quality_add_join (analysis->quality, table, own_key, other, other_key, error))
        return NULL;
    }
  if (!sg_progress_check (progress, error))
    return NULL;

  sg_progress_report (progress, 0.8, _("Looking for the columns that tell customers apart"));
  analysis->advice = sg_advice_analyse (table, &local);
  if (analysis->advice == NULL)
    analysis->advice_error = g_strdup (local->message);
  else
    {
      analysis->suggested = sg_advice_to_recipe (analysis->advice, &local);
      if (analysis->suggested == NULL)
        analysis->advice_error = g_strdup (local->message);
    }
  sg_progress_report (progress, 1.0, NULL);
  return g_steal_pointer (&analysis);
}

typedef struct {
  SgProject *project;
  gint64     dataset_id;
  char      *key;
  gint64     other_id;
  char      *other_key;
} AnalyseTask;

static void
analyse_task_free (AnalyseTask *task)
{
  g_clear_object (&task->project);
  g_free (task->key);
  g_free (task->other_key);
  g_free (task);
}

static gpointer
analyse_work (gpointer     task_data,
              SgProgress  *progress,
              GError     **error)
{
  AnalyseTask *task = task_data;

  return sg_prepare_analyse (task->project, task->dataset_id, task->key, task->other_id, task->other_key,
                             progress, error);
}

void
sg_prepare_analyse_async (SgProject          *project,
                          gint64              dataset_id,
                          const char         *key,
                          gint64              other_id,
                          const char         *other_key,
                          GCancellable       *cancellable,
                          SgProgressFunc      progress_func,
                          gpointer            progress_data,
                          GAsyncReadyCallback callback,
                          gpointer            user_data)
{
  AnalyseTask *task = g_new0 (AnalyseTask, 1);
  g_autoptr(GError) error = NULL;

  g_return_if_fail (SG_IS_PROJECT (project));

  task->project = sg_project_reopen (project, &error);
  task->dataset_id = dataset_id;
  task->key = g_strdup (key);
  task->other_id = other_id;
  task->other_key = g_strdup (other_key);
  if (task->project == NULL)
    {
      g_autoptr(GTask) failed = g_task_new (project, cancellable, callback, user_data);

      g_task_set_source_tag (failed, sg_prepare_analyse_async);
      g_task_return_error (failed, g_steal_pointer (&error));
      analyse_task_free (task);
      return;
    }
  sg_async_run (project, sg_prepare_analyse_async, analyse_work, task, (GDestroyNotify) analyse_task_free,
                (GDestroyNotify) sg_prepare_analysis_free, cancellable, progress_func, progress_data,
                callback, user_data);
}

SgPrepareAnalysis *
sg_prepare_analyse_finish (SgProject     *project,
                           GAsyncResult  *result,
                           GError       **error)
{
  return sg_async_finish (result, sg_prepare_analyse_async, error);
}

SgColumnQuality *
sg_prepare_analysis_lookup_column (SgPrepareAnalysis *analysis,
                                   const char        *name)
{
  g_return_val_if_fail (analysis != NULL, NULL);

  for (guint i = 0; analysis->quality != NULL && i < analysis->quality->columns->len; i++)
    {
      SgColumnQuality *column = g_ptr_array_index (analysis->quality->columns, i);

      if (g_strcmp0 (column->name, name) == 0)
        return column;
    }
  return NULL;
}

GPtrArray *
sg_prepare_analysis_advice_for (SgPrepareAnalysis *analysis,
                                const char        *column)
{
  GPtrArray *items = g_ptr_array_new ();

  g_return_val_if_fail (analysis != NULL, items);

  for (guint i = 0; analysis->advice != NULL && i < analysis->advice->items->len; i++)
    {
      SgAdviceItem *item = g_ptr_array_index (analysis->advice->items, i);

      if (g_strcmp0 (item->column, column) == 0)
        g_ptr_array_add (items, item);
    }
  return items;
}

char *
sg_prepare_format_value (double       value,
                         SgColumnType type)
{
  if (isnan (value))
    return g_strdup ("—");
  if (type == SG_COLUMN_DATE || type == SG_COLUMN_DATETIME)
    {
      g_autoptr(GDateTime) date = g_date_time_new_from_unix_utc ((gint64) floor (value));

      if (date != NULL)
        return g_date_time_format (date, "%x");
    }
  if (type == SG_COLUMN_BOOLEAN)
    return g_strdup (value != 0 ? _("yes") : _("no"));
  return sg_chart_format_value (value);
}

char *
sg_prepare_format_share (double share)
{
  if (isnan (share))
    return g_strdup ("—");
  if (share <= 0)
    return g_strdup ("0%");
  return sg_chart_format_percent (share);
}
