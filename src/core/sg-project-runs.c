/* sg-project-runs.c — clustering runs, their per-row arrays and their segments
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Per-row arrays (labels, membership probabilities, silhouettes…) are cut into chunks of
 * SG_PROJECT_CHUNK_ROWS rows like dataset columns, so storing a million labels is a few inserts.
 */
#include "config.h"

#include <inttypes.h>

#include <string.h>
#include <glib/gi18n-lib.h>

#include "sg-error.h"
#include "sg-project.h"

void
sg_run_info_free (SgRunInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->name);
  g_free (info->algorithm);
  g_free (info->settings);
  g_free (info->model);
  g_free (info->metrics);
  g_free (info->created);
  g_free (info);
}

void
sg_segment_info_free (SgSegmentInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->name);
  g_free (info->name_rule);
  g_free (info->color);
  g_free (info->profile);
  g_free (info);
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           i)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, i));
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           i,
                   const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, i, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, i);
}

/* Steps a prepared write to completion and finalizes it. */
static gboolean
step_done (SgProject     *self,
           sqlite3_stmt  *stmt,
           const char    *what,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return sg_project_set_sqlite_error (self, what, error);
  return TRUE;
}

static gboolean
check_changed (SgProject  *self,
               gint64      run_id,
               GError    **error)
{
  if (sqlite3_changes (sg_project_get_db (self)) > 0)
    return TRUE;
  g_set_error (error, SG_ERROR, SG_ERROR_NOT_FOUND, _("There is no run %" PRId64), run_id);
  return FALSE;
}

static gint64
insert_run_row (SgProject       *self,
                const SgRunInfo *info,
                GError         **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *created = g_date_time_format_iso8601 (now);
  sqlite3_stmt *stmt;

  stmt = sg_project_prepare (self, "INSERT INTO runs (dataset_id, name, algorithm, settings, model, metrics, "
                                   "n_rows, n_excluded, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, info->dataset_id);
  sqlite3_bind_text (stmt, 2, info->name ? info->name : _("Run"), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, info->algorithm, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, info->settings ? info->settings : "{}", -1, SQLITE_TRANSIENT);
  bind_text_or_null (stmt, 5, info->model);
  bind_text_or_null (stmt, 6, info->metrics);
  sqlite3_bind_int64 (stmt, 7, (gint64) info->n_rows);
  sqlite3_bind_int64 (stmt, 8, (gint64) info->n_excluded);
  sqlite3_bind_text (stmt, 9, info->created ? info->created : created, -1, SQLITE_TRANSIENT);
  if (!step_done (self, stmt, _("Could not save the run"), error))
    return 0;
  return sqlite3_last_insert_rowid (sg_project_get_db (self));
}

static gboolean
insert_segments (SgProject    *self,
                 gint64        run_id,
                 guint         k,
                 const gint32 *labels,
                 gsize         n,
                 GError      **error)
{
  g_autofree guint64 *sizes = g_new0 (guint64, MAX (k, 1));
  sqlite3_stmt *stmt;

  for (gsize i = 0; i < n; i++)
    if (labels[i] >= 0 && (guint) labels[i] < k)
      sizes[labels[i]]++;

  stmt = sg_project_prepare (self, "INSERT INTO segments (run_id, idx, size) VALUES (?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  for (guint s = 0; s < k; s++)
    {
      sqlite3_bind_int64 (stmt, 1, run_id);
      sqlite3_bind_int (stmt, 2, (int) s);
      sqlite3_bind_int64 (stmt, 3, (gint64) sizes[s]);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          sqlite3_finalize (stmt);
          return sg_project_set_sqlite_error (self, _("Could not save the segments"), error);
        }
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  return TRUE;
}

gint64
sg_project_store_run (SgProject       *self,
                      const SgRunInfo *info,
                      const gint32    *labels,
                      gsize            n_labels,
                      GError         **error)
{
  gint64 run_id;

  g_return_val_if_fail (SG_IS_PROJECT (self), 0);
  g_return_val_if_fail (info != NULL && info->algorithm != NULL, 0);
  g_return_val_if_fail (labels != NULL || n_labels == 0, 0);

  for (gsize i = 0; i < n_labels; i++)
    if (labels[i] < SG_LABEL_EXCLUDED || labels[i] >= (gint32) info->k)
      {
        g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT,
                     _("Row %zu has segment %d, but the run has %u segments"),
                     i + 1, labels[i], info->k);
        return 0;
      }

  if (!sg_project_begin (self, error))
    return 0;
  run_id = insert_run_row (self, info, error);
  if (run_id == 0 ||
      !insert_segments (self, run_id, info->k, labels, n_labels, error) ||
      !sg_project_store_run_array (self, run_id, "labels", labels, sizeof (gint32), n_labels, error) ||
      !sg_project_commit (self, error))
    {
      sg_project_rollback (self);
      return 0;
    }
  return run_id;
}

gboolean
sg_project_store_run_array (SgProject   *self,
                            gint64       run_id,
                            const char  *name,
                            const void  *data,
                            gsize        row_bytes,
                            gsize        n_rows,
                            GError     **error)
{
  sqlite3_stmt *stmt;
  gsize n_chunks = (n_rows + SG_PROJECT_CHUNK_ROWS - 1) / SG_PROJECT_CHUNK_ROWS;

  g_return_val_if_fail (SG_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (name != NULL && row_bytes > 0, FALSE);

  if (!sg_project_begin (self, error))
    return FALSE;
  stmt = sg_project_prepare (self, "DELETE FROM run_arrays WHERE run_id = ? AND name = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, run_id);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
  if (!step_done (self, stmt, _("Could not save the run"), error))
    goto fail;

  stmt = sg_project_prepare (self, "INSERT INTO run_arrays (run_id, name, chunk, data) VALUES (?, ?, ?, ?)", error);
  if (stmt == NULL)
    goto fail;
  for (gsize c = 0; c < MAX (n_chunks, 1); c++)
    {
      gsize first = c * SG_PROJECT_CHUNK_ROWS;
      gsize rows = MIN ((gsize) SG_PROJECT_CHUNK_ROWS, n_rows - first);

      sqlite3_bind_int64 (stmt, 1, run_id);
      sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 3, (gint64) c);
      sqlite3_bind_blob64 (stmt, 4, rows ? (const void *) ((const guint8 *) data + first * row_bytes) : (const void *) "", rows * row_bytes,
                           SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          sqlite3_finalize (stmt);
          sg_project_set_sqlite_error (self, _("Could not save the run"), error);
          goto fail;
        }
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  return sg_project_commit (self, error);

fail:
  sg_project_rollback (self);
  return FALSE;
}

void *
sg_project_load_run_array (SgProject   *self,
                           gint64       run_id,
                           const char  *name,
                           gsize       *n_bytes,
                           GError     **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  sqlite3_stmt *stmt;
  gboolean found = FALSE;
  int rc;

  g_return_val_if_fail (SG_IS_PROJECT (self), NULL);

  stmt = sg_project_prepare (self, "SELECT data FROM run_arrays WHERE run_id = ? AND name = ? ORDER BY chunk", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, run_id);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      found = TRUE;
      g_byte_array_append (bytes, sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      sg_project_set_sqlite_error (self, _("Could not read the run"), error);
      return NULL;
    }
  if (!found)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_NOT_FOUND,
                   _("Run %" PRId64 " has no stored “%s”"), run_id, name);
      return NULL;
    }
  if (n_bytes != NULL)
    *n_bytes = bytes->len;
  return g_byte_array_free (g_steal_pointer (&bytes), FALSE);
}

gint32 *
sg_project_load_run_labels (SgProject  *self,
                            gint64      run_id,
                            gsize      *n_labels,
                            GError    **error)
{
  gsize n_bytes = 0;
  gint32 *labels = sg_project_load_run_array (self, run_id, "labels", &n_bytes, error);

  if (labels == NULL)
    return NULL;
  if (n_bytes % sizeof (gint32) != 0)
    {
      g_free (labels);
      g_set_error (error, SG_ERROR, SG_ERROR_CORRUPT,
                   _("The stored segments of run %" PRId64 " are damaged"), run_id);
      return NULL;
    }
  *n_labels = n_bytes / sizeof (gint32);
  return labels;
}

#define RUN_FIELDS "id, dataset_id, name, algorithm, " \
  "(SELECT count(*) FROM segments WHERE run_id = runs.id), settings, model, metrics, n_rows, n_excluded, created"

static SgRunInfo *
run_from_row (sqlite3_stmt *stmt)
{
  SgRunInfo *info = g_new0 (SgRunInfo, 1);

  info->id = sqlite3_column_int64 (stmt, 0);
  info->dataset_id = sqlite3_column_int64 (stmt, 1);
  info->name = column_dup (stmt, 2);
  info->algorithm = column_dup (stmt, 3);
  info->k = (guint) sqlite3_column_int (stmt, 4);
  info->settings = column_dup (stmt, 5);
  info->model = column_dup (stmt, 6);
  info->metrics = column_dup (stmt, 7);
  info->n_rows = sqlite3_column_int64 (stmt, 8);
  info->n_excluded = sqlite3_column_int64 (stmt, 9);
  info->created = column_dup (stmt, 10);
  return info;
}

GPtrArray *
sg_project_list_runs (SgProject  *self,
                      gint64      dataset_id,
                      GError    **error)
{
  g_autoptr(GPtrArray) runs = g_ptr_array_new_with_free_func ((GDestroyNotify) sg_run_info_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SG_IS_PROJECT (self), NULL);

  stmt = sg_project_prepare (self, "SELECT " RUN_FIELDS " FROM runs WHERE ?1 = 0 OR dataset_id = ?1 "
                                   "ORDER BY id DESC", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, dataset_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (runs, run_from_row (stmt));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      sg_project_set_sqlite_error (self, _("Could not list the runs"), error);
      return NULL;
    }
  return g_steal_pointer (&runs);
}

SgRunInfo *
sg_project_get_run (SgProject  *self,
                    gint64      run_id,
                    GError    **error)
{
  SgRunInfo *info = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SG_IS_PROJECT (self), NULL);

  stmt = sg_project_prepare (self, "SELECT " RUN_FIELDS " FROM runs WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, run_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    info = run_from_row (stmt);
  sqlite3_finalize (stmt);
  if (info == NULL)
    g_set_error (error, SG_ERROR, SG_ERROR_NOT_FOUND, _("There is no run %" PRId64), run_id);
  return info;
}

SgRunInfo *
sg_project_find_run (SgProject   *project,
                     const char  *name_or_id,
                     GError     **error)
{
  g_autoptr(GPtrArray) runs = sg_project_list_runs (project, 0, error);
  guint found = G_MAXUINT;
  char *end = NULL;
  gint64 id;

  if (runs == NULL)
    return NULL;
  id = g_ascii_strtoll (name_or_id, &end, 10);
  if (end != name_or_id && *end == '\0')
    for (guint i = 0; i < runs->len; i++)
      if (((SgRunInfo *) g_ptr_array_index (runs, i))->id == id)
        return g_ptr_array_steal_index (runs, i);
  for (guint i = 0; i < runs->len; i++)
    {
      SgRunInfo *run = g_ptr_array_index (runs, i);

      if (g_strcmp0 (run->name, name_or_id) != 0)
        continue;
      if (found != G_MAXUINT)
        {
          g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT,
                       _("Several runs are called “%s”; give the run’s id instead"), name_or_id);
          return NULL;
        }
      found = i;
    }
  if (found == G_MAXUINT)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_NOT_FOUND, _("There is no run “%s” in the project"), name_or_id);
      return NULL;
    }
  return g_ptr_array_steal_index (runs, found);
}

/* One UPDATE/DELETE of a run by id with one optional text parameter. */
static gboolean
change_run (SgProject   *self,
            const char  *sql,
            gint64       run_id,
            const char  *text,
            GError     **error)
{
  sqlite3_stmt *stmt = sg_project_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, run_id);
  if (sqlite3_bind_parameter_count (stmt) > 1)
    bind_text_or_null (stmt, 2, text);
  return step_done (self, stmt, _("Could not change the run"), error) && check_changed (self, run_id, error);
}

gboolean
sg_project_rename_run (SgProject   *self,
                       gint64       run_id,
                       const char  *name,
                       GError     **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (name ? name : ""));

  g_return_val_if_fail (SG_IS_PROJECT (self), FALSE);
  if (*trimmed == '\0')
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT, _("A run needs a name"));
      return FALSE;
    }
  return change_run (self, "UPDATE runs SET name = ?2 WHERE id = ?1", run_id, trimmed, error);
}

gboolean
sg_project_delete_run (SgProject   *self,
                       gint64       run_id,
                       GError     **error)
{
  g_return_val_if_fail (SG_IS_PROJECT (self), FALSE);

  if (!sg_project_begin (self, error))
    return FALSE;
  if (!change_run (self, "DELETE FROM runs WHERE id = ?1", run_id, NULL, error) ||
      !sg_project_commit (self, error))
    {
      sg_project_rollback (self);
      return FALSE;
    }
  return TRUE;
}

gboolean
sg_project_set_run_metrics (SgProject   *self,
                            gint64       run_id,
                            const char  *metrics_json,
                            GError     **error)
{
  g_return_val_if_fail (SG_IS_PROJECT (self), FALSE);
  return change_run (self, "UPDATE runs SET metrics = ?2 WHERE id = ?1", run_id, metrics_json, error);
}

GPtrArray *
sg_project_list_segments (SgProject  *self,
                          gint64      run_id,
                          GError    **error)
{
  g_autoptr(GPtrArray) segments = g_ptr_array_new_with_free_func ((GDestroyNotify) sg_segment_info_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SG_IS_PROJECT (self), NULL);

  stmt = sg_project_prepare (self, "SELECT idx, name, name_rule, name_edited, color, size, profile "
                                   "FROM segments WHERE run_id = ? ORDER BY idx", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, run_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SgSegmentInfo *info = g_new0 (SgSegmentInfo, 1);

      info->idx = (guint) sqlite3_column_int (stmt, 0);
      info->name = column_dup (stmt, 1);
      info->name_rule = column_dup (stmt, 2);
      info->name_edited = sqlite3_column_int (stmt, 3) != 0;
      info->color = column_dup (stmt, 4);
      info->size = sqlite3_column_int64 (stmt, 5);
      info->profile = column_dup (stmt, 6);
      g_ptr_array_add (segments, info);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      sg_project_set_sqlite_error (self, _("Could not list the segments"), error);
      return NULL;
    }
  return g_steal_pointer (&segments);
}

static gboolean
update_segment (SgProject   *self,
                const char  *sql,
                gint64       run_id,
                guint        idx,
                const char  *text,
                const char  *text2,
                GError     **error)
{
  sqlite3_stmt *stmt = sg_project_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, run_id);
  sqlite3_bind_int (stmt, 2, (int) idx);
  bind_text_or_null (stmt, 3, text);
  if (sqlite3_bind_parameter_count (stmt) > 3)
    bind_text_or_null (stmt, 4, text2);
  return step_done (self, stmt, _("Could not change the segment"), error);
}

static gboolean
segment_exists (SgProject  *self,
                gint64      run_id,
                guint       idx,
                GError    **error)
{
  sqlite3_stmt *stmt = sg_project_prepare (self, "SELECT 1 FROM segments WHERE run_id = ? AND idx = ?", error);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, run_id);
  sqlite3_bind_int (stmt, 2, (int) idx);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);
  if (!found)
    g_set_error (error, SG_ERROR, SG_ERROR_NOT_FOUND,
                 _("Run %" PRId64 " has no segment %u"), run_id, idx + 1);
  return found;
}

gboolean
sg_project_set_segment_name (SgProject   *self,
                             gint64       run_id,
                             guint        idx,
                             const char  *name,
                             const char  *rule,
                             gboolean     edited_by_user,
                             GError     **error)
{
  g_return_val_if_fail (SG_IS_PROJECT (self), FALSE);

  if (!segment_exists (self, run_id, idx, error))
    return FALSE;
  if (edited_by_user)
    return update_segment (self, "UPDATE segments SET name = ?3, name_edited = 1 WHERE run_id = ?1 AND idx = ?2",
                           run_id, idx, name, NULL, error);
  return update_segment (self, "UPDATE segments SET name = ?3, name_rule = ?4 "
                               "WHERE run_id = ?1 AND idx = ?2 AND name_edited = 0",
                         run_id, idx, name, rule, error);
}

gboolean
sg_project_set_segment_profile (SgProject   *self,
                                gint64       run_id,
                                guint        idx,
                                const char  *profile_json,
                                GError     **error)
{
  g_return_val_if_fail (SG_IS_PROJECT (self), FALSE);
  return segment_exists (self, run_id, idx, error) &&
         update_segment (self, "UPDATE segments SET profile = ?3 WHERE run_id = ?1 AND idx = ?2",
                         run_id, idx, profile_json, NULL, error);
}

gboolean
sg_project_set_segment_color (SgProject   *self,
                              gint64       run_id,
                              guint        idx,
                              const char  *color,
                              GError     **error)
{
  g_return_val_if_fail (SG_IS_PROJECT (self), FALSE);
  return segment_exists (self, run_id, idx, error) &&
         update_segment (self, "UPDATE segments SET color = ?3 WHERE run_id = ?1 AND idx = ?2",
                         run_id, idx, color, NULL, error);
}
