/* sg-project-recipes.c — preparation recipes stored in a project, and preparing a dataset
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * recipes(id, dataset_id, name, steps TEXT JSON, created, updated): "steps" holds the whole recipe as
 * sg_recipe_to_json() writes it (name, steps with parameters and fitted values).
 */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "sg-async.h"
#include "sg-error.h"
#include "sg-prep-util.h"
#include "sg-recipe.h"

static char *
now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format_iso8601 (now);
}

gboolean
sg_project_save_recipe (SgProject  *project,
                        SgRecipe   *recipe,
                        GError    **error)
{
  g_autofree char *json = sg_recipe_to_string (recipe, FALSE);
  g_autofree char *now = now_iso8601 ();
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SG_IS_PROJECT (project), FALSE);

  if (recipe->id == 0)
    stmt = sg_project_prepare (project, "INSERT INTO recipes (dataset_id, name, steps, created, updated) "
                                        "VALUES (?1, ?2, ?3, ?4, ?4)", error);
  else
    stmt = sg_project_prepare (project, "UPDATE recipes SET dataset_id = ?1, name = ?2, steps = ?3, updated = ?4 "
                                        "WHERE id = ?5", error);
  if (stmt == NULL)
    return FALSE;
  if (recipe->dataset_id != 0)
    sqlite3_bind_int64 (stmt, 1, recipe->dataset_id);
  else
    sqlite3_bind_null (stmt, 1);
  sqlite3_bind_text (stmt, 2, recipe->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, json, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_TRANSIENT);
  if (recipe->id != 0)
    sqlite3_bind_int64 (stmt, 5, recipe->id);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return sg_project_set_sqlite_error (project, _("Could not save the recipe"), error);
  if (recipe->id == 0)
    recipe->id = sqlite3_last_insert_rowid (sg_project_get_db (project));
  else if (sqlite3_changes (sg_project_get_db (project)) == 0)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_NOT_FOUND, _("There is no recipe %" PRId64), recipe->id);
      return FALSE;
    }
  return TRUE;
}

static SgRecipe *
recipe_from_row (sqlite3_stmt  *stmt,
                 GError       **error)
{
  SgRecipe *recipe = sg_recipe_from_string ((const char *) sqlite3_column_text (stmt, 3), error);

  if (recipe == NULL)
    return NULL;
  recipe->id = sqlite3_column_int64 (stmt, 0);
  recipe->dataset_id = sqlite3_column_int64 (stmt, 1);
  g_free (recipe->name);
  recipe->name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  return recipe;
}

SgRecipe *
sg_project_load_recipe (SgProject  *project,
                        gint64      recipe_id,
                        GError    **error)
{
  sqlite3_stmt *stmt;
  SgRecipe *recipe = NULL;
  int rc;

  g_return_val_if_fail (SG_IS_PROJECT (project), NULL);

  stmt = sg_project_prepare (project, "SELECT id, dataset_id, name, steps FROM recipes WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, recipe_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    recipe = recipe_from_row (stmt, error);
  else if (rc == SQLITE_DONE)
    g_set_error (error, SG_ERROR, SG_ERROR_NOT_FOUND, _("There is no recipe %" PRId64), recipe_id);
  else
    sg_project_set_sqlite_error (project, _("Could not read the recipe"), error);
  sqlite3_finalize (stmt);
  return recipe;
}

GPtrArray *
sg_project_list_recipes (SgProject  *project,
                         gint64      dataset_id,
                         GError    **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) sg_recipe_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SG_IS_PROJECT (project), NULL);

  stmt = sg_project_prepare (project, "SELECT id, dataset_id, name, steps FROM recipes "
                                      "WHERE ?1 = 0 OR dataset_id = ?1 ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, dataset_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SgRecipe *recipe = recipe_from_row (stmt, error);

      if (recipe == NULL)
        {
          sqlite3_finalize (stmt);
          return NULL;
        }
      g_ptr_array_add (list, recipe);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      sg_project_set_sqlite_error (project, _("Could not list the recipes"), error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

gboolean
sg_project_delete_recipe (SgProject  *project,
                          gint64      recipe_id,
                          GError    **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SG_IS_PROJECT (project), FALSE);

  stmt = sg_project_prepare (project, "DELETE FROM recipes WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, recipe_id);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return sg_project_set_sqlite_error (project, _("Could not delete the recipe"), error);
  if (sqlite3_changes (sg_project_get_db (project)) == 0)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_NOT_FOUND, _("There is no recipe %" PRId64), recipe_id);
      return FALSE;
    }
  return TRUE;
}

gint64
sg_project_prepare_dataset (SgProject   *project,
                            gint64       dataset_id,
                            SgRecipe    *recipe,
                            const char  *name,
                            SgProgress  *progress,
                            GStrv       *log_out,
                            GError     **error)
{
  g_autoptr(SgDatasetInfo) info = NULL;
  g_autoptr(SgTable) input = NULL;
  g_autoptr(SgTable) output = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_auto(GStrv) log = NULL;
  g_autofree char *report = NULL;
  g_autofree char *source = NULL;
  g_autofree char *unique = NULL;
  SgProgress load = sg_progress_sub (progress, 0.0, 0.3);
  SgProgress work = sg_progress_sub (progress, 0.3, 0.8);
  gint64 saved_recipe_id = recipe->id;
  gint64 id;

  g_return_val_if_fail (SG_IS_PROJECT (project), 0);
  g_return_val_if_fail (recipe != NULL, 0);

  info = sg_project_get_dataset (project, dataset_id, error);
  if (info == NULL)
    return 0;
  sg_progress_report (&load, 0.0, _("Loading the data"));
  input = sg_project_load_table (project, dataset_id, NULL, 0, error);
  if (input == NULL || !sg_progress_check (progress, error))
    return 0;
  sg_progress_report (&work, 0.0, _("Preparing the features"));
  output = sg_recipe_run (recipe, input, TRUE, &work, &log, error);
  if (output == NULL)
    return 0;

  unique = name != NULL ? g_strdup (name) : NULL;
  if (unique == NULL)
    {
      g_autofree char *base = g_strdup_printf (_("%s prepared"), info->name);

      unique = sg_project_unique_dataset_name (project, base);
    }
  sg_table_set_name (output, unique);
  source = g_strdup_printf (_("“%s” prepared with the recipe “%s”"), info->name, recipe->name);

  sg_progress_report (progress, 0.8, _("Saving the prepared data"));
  if (!sg_project_begin (project, error))
    return 0;
  if (recipe->dataset_id == 0)
    recipe->dataset_id = dataset_id;
  if (!sg_project_save_recipe (project, recipe, error))
    goto fail;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "prepared_from");
  json_builder_add_int_value (builder, dataset_id);
  json_builder_set_member_name (builder, "recipe_id");
  json_builder_add_int_value (builder, recipe->id);
  json_builder_set_member_name (builder, "recipe");
  json_builder_add_value (builder, sg_recipe_to_json (recipe));
  json_builder_set_member_name (builder, "log");
  json_builder_begin_array (builder);
  for (guint i = 0; log != NULL && log[i] != NULL; i++)
    json_builder_add_string_value (builder, log[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  report = sg_json_take_to_string (json_builder_get_root (builder), FALSE);

  id = sg_project_store_table (project, output, "prepared", source, report, error);
  if (id == 0 || !sg_project_commit (project, error))
    goto fail;
  sg_progress_report (progress, 1.0, NULL);
  if (log_out != NULL)
    *log_out = g_steal_pointer (&log);
  return id;

fail:
  sg_project_rollback (project);
  recipe->id = saved_recipe_id;
  return 0;
}

typedef struct {
  SgProject *project;
  gint64     dataset_id;
  SgRecipe  *recipe;
  char      *name;
} PrepareTask;

typedef struct {
  gint64    id;
  SgRecipe *recipe;
  GStrv     log;
} PrepareResult;

static void
prepare_task_free (PrepareTask *task)
{
  g_clear_object (&task->project);
  sg_recipe_free (task->recipe);
  g_free (task->name);
  g_free (task);
}

static void
prepare_result_free (PrepareResult *result)
{
  sg_recipe_free (result->recipe);
  g_strfreev (result->log);
  g_free (result);
}

static gpointer
prepare_work (gpointer     task_data,
              SgProgress  *progress,
              GError     **error)
{
  PrepareTask *task = task_data;
  PrepareResult *result = g_new0 (PrepareResult, 1);

  result->recipe = sg_recipe_copy (task->recipe);
  result->id = sg_project_prepare_dataset (task->project, task->dataset_id, result->recipe, task->name,
                                           progress, &result->log, error);
  if (result->id == 0)
    {
      prepare_result_free (result);
      return NULL;
    }
  return result;
}

void
sg_project_prepare_dataset_async (SgProject           *project,
                                  gint64               dataset_id,
                                  const SgRecipe      *recipe,
                                  const char          *name,
                                  GCancellable        *cancellable,
                                  SgProgressFunc       progress_func,
                                  gpointer             progress_data,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  PrepareTask *task = g_new0 (PrepareTask, 1);
  g_autoptr(GError) error = NULL;

  task->project = sg_project_reopen (project, &error);
  task->dataset_id = dataset_id;
  task->recipe = sg_recipe_copy (recipe);
  task->name = g_strdup (name);
  if (task->project == NULL)
    {
      g_autoptr(GTask) failed = g_task_new (project, cancellable, callback, user_data);

      g_task_set_source_tag (failed, sg_project_prepare_dataset_async);
      g_task_return_error (failed, g_steal_pointer (&error));
      prepare_task_free (task);
      return;
    }
  sg_async_run (project, sg_project_prepare_dataset_async, prepare_work, task,
                (GDestroyNotify) prepare_task_free, (GDestroyNotify) prepare_result_free, cancellable,
                progress_func, progress_data, callback, user_data);
}

gint64
sg_project_prepare_dataset_finish (SgProject     *project,
                                   GAsyncResult  *result,
                                   SgRecipe     **fitted,
                                   GStrv         *log,
                                   GError       **error)
{
  PrepareResult *done = sg_async_finish (result, sg_project_prepare_dataset_async, error);
  gint64 id;

  if (done == NULL)
    return 0;
  id = done->id;
  if (fitted != NULL)
    *fitted = g_steal_pointer (&done->recipe);
  if (log != NULL)
    *log = g_steal_pointer (&done->log);
  prepare_result_free (done);
  return id;
}
