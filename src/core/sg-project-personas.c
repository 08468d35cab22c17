/* sg-project-personas.c — personas, playbooks and control groups in the project file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Personas and playbooks are one JSON document per segment (tables personas and playbooks), written
 * with a single upsert in a transaction: a save is all or nothing, and cheap enough for an autosave
 * debounce. Background saves go through one worker connection per project, serialised by a mutex;
 * each save carries a sequence number taken when it was requested, and a save older than the last one
 * written for the same segment is dropped, so a slow save never overwrites newer text.
 */
#include "config.h"

#include <inttypes.h>

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "sg-async.h"
#include "sg-error.h"
#include "sg-holdout.h"
#include "sg-persona.h"
#include "sg-playbook.h"

typedef enum {
  DOC_PERSONA,
  DOC_PLAYBOOK,
} DocKind;

/* Table names are constants, never user data. */
static const char *const doc_tables[] = { "personas", "playbooks" };

/* ---- small helpers ---- */

static char *
now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format_iso8601 (now);
}

static gboolean
segment_exists (SgProject  *project,
                gint64      run_id,
                guint       idx,
                GError    **error)
{
  sqlite3_stmt *stmt = sg_project_prepare (project, "SELECT 1 FROM segments WHERE run_id = ? AND idx = ?", error);
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

/* The run's number of segments, or -1 with @error (SG_ERROR_NOT_FOUND if there is no such run). */
static int
count_segments (SgProject  *project,
                gint64      run_id,
                GError    **error)
{
  sqlite3_stmt *stmt = sg_project_prepare (project, "SELECT (SELECT count(*) FROM segments WHERE run_id = ?1) "
                                                    "FROM runs WHERE id = ?1", error);
  int k = -1;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, run_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    k = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  if (k < 0)
    g_set_error (error, SG_ERROR, SG_ERROR_NOT_FOUND, _("There is no run %" PRId64), run_id);
  return k;
}

/* ---- documents (persona / playbook JSON per segment) ---- */

static gboolean
write_doc (SgProject   *project,
           DocKind      kind,
           gint64       run_id,
           guint        idx,
           const char  *json,
           GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("INSERT INTO %s (run_id, segment_idx, data, updated) VALUES (?, ?, ?, ?) "
                                          "ON CONFLICT (run_id, segment_idx) DO UPDATE "
                                          "SET data = excluded.data, updated = excluded.updated",
                                          doc_tables[kind]);
  g_autofree char *updated = now_iso8601 ();
  sqlite3_stmt *stmt;
  int rc;

  if (!sg_project_begin (project, error))
    return FALSE;
  if (!segment_exists (project, run_id, idx, error))
    goto fail;
  stmt = sg_project_prepare (project, sql, error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, run_id);
  sqlite3_bind_int (stmt, 2, (int) idx);
  sqlite3_bind_text (stmt, 3, json, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, updated, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      sg_project_set_sqlite_error (project, kind == DOC_PERSONA ? _("Could not save the persona")
                                                                : _("Could not save the playbook"), error);
      goto fail;
    }
  if (!sg_project_commit (project, error))
    goto fail;
  return TRUE;

fail:
  sg_project_rollback (project);
  return FALSE;
}

/* The stored JSON, or NULL with SG_ERROR_NOT_FOUND. */
static char *
read_doc (SgProject   *project,
          DocKind      kind,
          gint64       run_id,
          guint        idx,
          GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT data FROM %s WHERE run_id = ? AND segment_idx = ?",
                                          doc_tables[kind]);
  sqlite3_stmt *stmt = sg_project_prepare (project, sql, error);
  char *json = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, run_id);
  sqlite3_bind_int (stmt, 2, (int) idx);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    json = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      sg_project_set_sqlite_error (project, _("Could not read the project"), error);
      return NULL;
    }
  if (json == NULL)
    g_set_error (error, SG_ERROR, SG_ERROR_NOT_FOUND,
                 kind == DOC_PERSONA ? _("Segment %u of run %" PRId64 " has no persona")
                                     : _("Segment %u of run %" PRId64 " has no playbook"),
                 idx + 1, run_id);
  return json;
}

static gboolean
delete_doc (SgProject  *project,
            DocKind     kind,
            gint64      run_id,
            guint       idx,
            GError    **error)
{
  g_autofree char *sql = g_strdup_printf ("DELETE FROM %s WHERE run_id = ? AND segment_idx = ?", doc_tables[kind]);
  sqlite3_stmt *stmt = sg_project_prepare (project, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, run_id);
  sqlite3_bind_int (stmt, 2, (int) idx);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return sg_project_set_sqlite_error (project, _("Could not change the project"), error);
  return TRUE;
}

typedef GObject *(*DocParseFunc) (const char *json, GError **error);

/* Lists of documents have NULL holes. */
static void
object_unref0 (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

/* Documents of a run indexed by segment (NULL where none). */
static GPtrArray *
list_docs (SgProject     *project,
           DocKind        kind,
           gint64         run_id,
           DocParseFunc   parse,
           GError       **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT segment_idx, data FROM %s WHERE run_id = ? ORDER BY segment_idx",
                                          doc_tables[kind]);
  g_autoptr(GPtrArray) docs = NULL;
  sqlite3_stmt *stmt;
  int k, rc;

  k = count_segments (project, run_id, error);
  if (k < 0)
    return NULL;
  docs = g_ptr_array_new_full (k, object_unref0);
  g_ptr_array_set_size (docs, k);

  stmt = sg_project_prepare (project, sql, error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, run_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int idx = sqlite3_column_int (stmt, 0);
      GObject *doc;

      if (idx < 0 || idx >= k)
        continue;
      doc = parse ((const char *) sqlite3_column_text (stmt, 1), error);
      if (doc == NULL)
        {
          sqlite3_finalize (stmt);
          g_prefix_error (error, _("Segment %d: "), idx + 1);
          goto fail;
        }
      g_ptr_array_index (docs, idx) = doc;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      sg_project_set_sqlite_error (project, _("Could not read the project"), error);
      goto fail;
    }
  return g_steal_pointer (&docs);

fail:
  return NULL;
}

static gboolean
copy_doc (SgProject  *project,
          DocKind     kind,
          gint64      from_run,
          guint       from_idx,
          gint64      to_run,
          guint       to_idx,
          gboolean    replace,
          GError    **error)
{
  g_autofree char *json = read_doc (project, kind, from_run, from_idx, error);
  g_autoptr(GError) local = NULL;
  g_autofree char *existing = NULL;

  if (json == NULL)
    return FALSE;
  if (!sg_project_begin (project, error))
    return FALSE;
  existing = read_doc (project, kind, to_run, to_idx, &local);
  if (existing != NULL && !replace)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_EXISTS,
                   kind == DOC_PERSONA ? _("Segment %u of run %" PRId64 " already has a persona")
                                       : _("Segment %u of run %" PRId64 " already has a playbook"),
                   to_idx + 1, to_run);
      sg_project_rollback (project);
      return FALSE;
    }
  if (!write_doc (project, kind, to_run, to_idx, json, error) ||
      !sg_project_commit (project, error))
    {
      sg_project_rollback (project);
      return FALSE;
    }
  return TRUE;
}

/* ---- serialised background saves ---- */

typedef struct {
  gint        ref_count;
  GMutex      lock;
  char       *path;
  SgProject  *worker;        /* set on the project's thread before the first background save; used
                              * by one worker at a time, under the lock */
  GHashTable *written;       /* "kind:run:idx" → last sequence number written (guint64 *) */
  guint64     next_seq;      /* only touched on the project's thread */
} SaveQueue;

#define SAVE_QUEUE_KEY "sg-save-queue"

static SaveQueue *
save_queue_ref (SaveQueue *queue)
{
  g_atomic_int_inc (&queue->ref_count);
  return queue;
}

static void
save_queue_unref (SaveQueue *queue)
{
  if (!g_atomic_int_dec_and_test (&queue->ref_count))
    return;
  g_clear_object (&queue->worker);
  g_hash_table_unref (queue->written);
  g_mutex_clear (&queue->lock);
  g_free (queue->path);
  g_free (queue);
}

/* Only called on the project's own thread. */
static SaveQueue *
get_save_queue (SgProject *project)
{
  SaveQueue *queue = g_object_get_data (G_OBJECT (project), SAVE_QUEUE_KEY);

  if (queue == NULL)
    {
      queue = g_new0 (SaveQueue, 1);
      queue->ref_count = 1;
      g_mutex_init (&queue->lock);
      queue->path = g_strdup (sg_project_get_path (project));
      queue->written = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_object_set_data_full (G_OBJECT (project), SAVE_QUEUE_KEY, queue, (GDestroyNotify) save_queue_unref);
    }
  return queue;
}

static char *
doc_key (DocKind kind,
         gint64  run_id,
         guint   idx)
{
  return g_strdup_printf ("%d:%" G_GINT64_FORMAT ":%u", kind, run_id, idx);
}

/* Under the lock: was something newer than @seq already written for @key? */
static gboolean
is_superseded (SaveQueue  *queue,
               const char *key,
               guint64     seq)
{
  guint64 *last = g_hash_table_lookup (queue->written, key);

  return last != NULL && *last > seq;
}

static void
mark_written (SaveQueue  *queue,
              const char *key,
              guint64     seq)
{
  g_hash_table_insert (queue->written, g_strdup (key), g_memdup2 (&seq, sizeof seq));
}

static gboolean
save_doc_sync (SgProject   *project,
               DocKind      kind,
               gint64       run_id,
               guint        idx,
               const char  *json,
               GError     **error)
{
  SaveQueue *queue = get_save_queue (project);
  guint64 seq = ++queue->next_seq;
  g_autofree char *key = doc_key (kind, run_id, idx);
  gboolean ok;

  g_mutex_lock (&queue->lock);
  ok = write_doc (project, kind, run_id, idx, json, error);
  if (ok)
    mark_written (queue, key, seq);
  g_mutex_unlock (&queue->lock);
  return ok;
}

typedef struct {
  SaveQueue *queue;
  DocKind    kind;
  gint64     run_id;
  guint      idx;
  char      *json;
  guint64    seq;
} SaveJob;

static void
save_job_free (SaveJob *job)
{
  save_queue_unref (job->queue);
  g_free (job->json);
  g_free (job);
}

static gpointer
save_job_run (gpointer     data,
              SgProgress  *progress,
              GError     **error)
{
  SaveJob *job = data;
  SaveQueue *queue = job->queue;
  g_autofree char *key = doc_key (job->kind, job->run_id, job->idx);
  gboolean ok = TRUE;

  if (!sg_progress_check (progress, error))
    return NULL;
  g_mutex_lock (&queue->lock);
  if (!is_superseded (queue, key, job->seq))
    {
      SgProject *worker = g_atomic_pointer_get (&queue->worker);

      if (worker == NULL)
        g_set_error (error, SG_ERROR, SG_ERROR_IO, _("Could not open “%s” to save in the background"),
                     queue->path);
      ok = worker != NULL && write_doc (worker, job->kind, job->run_id, job->idx, job->json, error);
      if (ok)
        mark_written (queue, key, job->seq);
    }
  g_mutex_unlock (&queue->lock);
  return ok ? GINT_TO_POINTER (TRUE) : NULL;
}

static void
save_doc_async (SgProject           *project,
                DocKind              kind,
                gint64               run_id,
                guint                idx,
                char                *json,
                gpointer             source_tag,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  SaveQueue *queue = get_save_queue (project);
  SaveJob *job = g_new0 (SaveJob, 1);

  job->queue = save_queue_ref (queue);
  job->kind = kind;
  job->run_id = run_id;
  job->idx = idx;
  job->json = json;
  job->seq = ++queue->next_seq;
  /* The worker connection is opened here, on the project's thread, before the first job that needs
   * it, and then used by one worker at a time under the lock. Only this thread sets it (atomically, so
   * no lock is taken here and the main loop never waits for a save in progress); a failure to open
   * shows up as the save's error and is retried with the next save. */
  if (g_atomic_pointer_get (&queue->worker) == NULL)
    g_atomic_pointer_set (&queue->worker, sg_project_reopen (project, NULL));
  sg_async_run (project, source_tag, save_job_run, job, (GDestroyNotify) save_job_free, NULL,
                cancellable, NULL, NULL, callback, user_data);
}

/* ---- personas ---- */

static GObject *
parse_persona (const char  *json,
               GError     **error)
{
  return (GObject *) sg_persona_new_from_json (json, error);
}

SgPersona *
sg_project_load_persona (SgProject  *project,
                         gint64      run_id,
                         guint       segment_idx,
                         GError    **error)
{
  g_autofree char *json = NULL;

  g_return_val_if_fail (SG_IS_PROJECT (project), NULL);
  json = read_doc (project, DOC_PERSONA, run_id, segment_idx, error);
  return json ? sg_persona_new_from_json (json, error) : NULL;
}

GPtrArray *
sg_project_list_personas (SgProject  *project,
                          gint64      run_id,
                          GError    **error)
{
  g_return_val_if_fail (SG_IS_PROJECT (project), NULL);
  return list_docs (project, DOC_PERSONA, run_id, parse_persona, error);
}

gboolean
sg_project_save_persona (SgProject  *project,
                         gint64      run_id,
                         guint       segment_idx,
                         SgPersona  *persona,
                         GError    **error)
{
  g_autofree char *json = NULL;

  g_return_val_if_fail (SG_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (SG_IS_PERSONA (persona), FALSE);
  json = sg_persona_to_json (persona);
  return save_doc_sync (project, DOC_PERSONA, run_id, segment_idx, json, error);
}

void
sg_project_save_persona_async (SgProject           *project,
                               gint64               run_id,
                               guint                segment_idx,
                               SgPersona           *persona,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (SG_IS_PROJECT (project));
  g_return_if_fail (SG_IS_PERSONA (persona));
  save_doc_async (project, DOC_PERSONA, run_id, segment_idx, sg_persona_to_json (persona),
                  sg_project_save_persona_async, cancellable, callback, user_data);
}

gboolean
sg_project_save_persona_finish (SgProject     *project,
                                GAsyncResult  *result,
                                GError       **error)
{
  return sg_async_finish (result, sg_project_save_persona_async, error) != NULL;
}

gboolean
sg_project_delete_persona (SgProject  *project,
                           gint64      run_id,
                           guint       segment_idx,
                           GError    **error)
{
  g_return_val_if_fail (SG_IS_PROJECT (project), FALSE);
  return delete_doc (project, DOC_PERSONA, run_id, segment_idx, error);
}

gboolean
sg_project_copy_persona (SgProject  *project,
                         gint64      from_run_id,
                         guint       from_segment_idx,
                         gint64      to_run_id,
                         guint       to_segment_idx,
                         gboolean    replace,
                         GError    **error)
{
  g_return_val_if_fail (SG_IS_PROJECT (project), FALSE);
  return copy_doc (project, DOC_PERSONA, from_run_id, from_segment_idx, to_run_id, to_segment_idx,
                   replace, error);
}

/* ---- playbooks ---- */

static GObject *
parse_playbook (const char  *json,
                GError     **error)
{
  return (GObject *) sg_playbook_new_from_json (json, error);
}

SgPlaybook *
sg_project_load_playbook (SgProject  *project,
                          gint64      run_id,
                          guint       segment_idx,
                          GError    **error)
{
  g_autofree char *json = NULL;

  g_return_val_if_fail (SG_IS_PROJECT (project), NULL);
  json = read_doc (project, DOC_PLAYBOOK, run_id, segment_idx, error);
  return json ? sg_playbook_new_from_json (json, error) : NULL;
}

GPtrArray *
sg_project_list_playbooks (SgProject  *project,
                           gint64      run_id,
                           GError    **error)
{
  g_return_val_if_fail (SG_IS_PROJECT (project), NULL);
  return list_docs (project, DOC_PLAYBOOK, run_id, parse_playbook, error);
}

gboolean
sg_project_save_playbook (SgProject   *project,
                          gint64       run_id,
                          guint        segment_idx,
                          SgPlaybook  *playbook,
                          GError     **error)
{
  g_autofree char *json = NULL;

  g_return_val_if_fail (SG_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (SG_IS_PLAYBOOK (playbook), FALSE);
  json = sg_playbook_to_json (playbook);
  return save_doc_sync (project, DOC_PLAYBOOK, run_id, segment_idx, json, error);
}

void
sg_project_save_playbook_async (SgProject           *project,
                                gint64               run_id,
                                guint                segment_idx,
                                SgPlaybook          *playbook,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (SG_IS_PROJECT (project));
  g_return_if_fail (SG_IS_PLAYBOOK (playbook));
  save_doc_async (project, DOC_PLAYBOOK, run_id, segment_idx, sg_playbook_to_json (playbook),
                  sg_project_save_playbook_async, cancellable, callback, user_data);
}

gboolean
sg_project_save_playbook_finish (SgProject     *project,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return sg_async_finish (result, sg_project_save_playbook_async, error) != NULL;
}

gboolean
sg_project_delete_playbook (SgProject  *project,
                            gint64      run_id,
                            guint       segment_idx,
                            GError    **error)
{
  g_return_val_if_fail (SG_IS_PROJECT (project), FALSE);
  return delete_doc (project, DOC_PLAYBOOK, run_id, segment_idx, error);
}

gboolean
sg_project_copy_playbook (SgProject  *project,
                          gint64      from_run_id,
                          guint       from_segment_idx,
                          gint64      to_run_id,
                          guint       to_segment_idx,
                          gboolean    replace,
                          GError    **error)
{
  g_return_val_if_fail (SG_IS_PROJECT (project), FALSE);
  return copy_doc (project, DOC_PLAYBOOK, from_run_id, from_segment_idx, to_run_id, to_segment_idx,
                   replace, error);
}

/* ---- control groups ---- */

static SgHoldout *
holdout_from_row (sqlite3_stmt *stmt)
{
  SgHoldout *holdout = g_new0 (SgHoldout, 1);
  const void *blob = sqlite3_column_blob (stmt, 6);
  gsize n_bytes = (gsize) sqlite3_column_bytes (stmt, 6);

  holdout->run_id = sqlite3_column_int64 (stmt, 0);
  holdout->segment_idx = (guint) sqlite3_column_int (stmt, 1);
  holdout->share = sqlite3_column_double (stmt, 2);
  holdout->seed = (guint64) sqlite3_column_int64 (stmt, 3);
  holdout->stratify = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  holdout->n_rows = (guint64) sqlite3_column_int64 (stmt, 5);
  holdout->rows = g_array_sized_new (FALSE, FALSE, sizeof (guint32), n_bytes / sizeof (guint32));
  if (blob != NULL)
    g_array_append_vals (holdout->rows, blob, n_bytes / sizeof (guint32));
  holdout->created = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
  return holdout;
}

#define HOLDOUT_FIELDS "run_id, segment_idx, share, seed, stratify, n_rows, rows, created"

SgHoldout *
sg_project_load_holdout (SgProject  *project,
                         gint64      run_id,
                         guint       segment_idx,
                         GError    **error)
{
  sqlite3_stmt *stmt;
  SgHoldout *holdout = NULL;
  int rc;

  g_return_val_if_fail (SG_IS_PROJECT (project), NULL);

  stmt = sg_project_prepare (project, "SELECT " HOLDOUT_FIELDS " FROM holdouts "
                                      "WHERE run_id = ? AND segment_idx = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, run_id);
  sqlite3_bind_int (stmt, 2, (int) segment_idx);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    holdout = holdout_from_row (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    sg_project_set_sqlite_error (project, _("Could not read the control group"), error);
  else if (holdout == NULL)
    g_set_error (error, SG_ERROR, SG_ERROR_NOT_FOUND,
                 _("Segment %u of run %" PRId64 " has no control group"), segment_idx + 1, run_id);
  return holdout;
}

gboolean
sg_project_delete_holdout (SgProject  *project,
                           gint64      run_id,
                           guint       segment_idx,
                           GError    **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SG_IS_PROJECT (project), FALSE);

  stmt = sg_project_prepare (project, "DELETE FROM holdouts WHERE run_id = ? AND segment_idx = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, run_id);
  sqlite3_bind_int (stmt, 2, (int) segment_idx);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return sg_project_set_sqlite_error (project, _("Could not change the control group"), error);
  return TRUE;
}

static gboolean
store_holdout (SgProject        *project,
               const SgHoldout  *holdout,
               GError          **error)
{
  g_autofree char *created = now_iso8601 ();
  sqlite3_stmt *stmt;
  int rc;

  stmt = sg_project_prepare (project, "INSERT OR REPLACE INTO holdouts (run_id, segment_idx, share, seed, "
                                      "stratify, n_rows, n_control, rows, created) "
                                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, holdout->run_id);
  sqlite3_bind_int (stmt, 2, (int) holdout->segment_idx);
  sqlite3_bind_double (stmt, 3, holdout->share);
  sqlite3_bind_int64 (stmt, 4, (gint64) holdout->seed);
  if (holdout->stratify != NULL)
    sqlite3_bind_text (stmt, 5, holdout->stratify, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 5);
  sqlite3_bind_int64 (stmt, 6, (gint64) holdout->n_rows);
  sqlite3_bind_int64 (stmt, 7, holdout->rows->len);
  sqlite3_bind_blob64 (stmt, 8, holdout->rows->len ? holdout->rows->data : "",
                       (sqlite3_uint64) holdout->rows->len * sizeof (guint32), SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, holdout->created ? holdout->created : created, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return sg_project_set_sqlite_error (project, _("Could not save the control group"), error);
  return TRUE;
}

/* What sampling needs about a run, loaded once. */
typedef struct {
  gint64         run_id;
  gint32        *labels;
  gsize          n_labels;
  SgDatasetInfo *dataset;
  GHashTable    *columns;    /* column name → SgColumn (owned), loaded on demand */
} RunData;

static void
run_data_clear (RunData *data)
{
  g_free (data->labels);
  g_clear_pointer (&data->dataset, sg_dataset_info_free);
  g_clear_pointer (&data->columns, g_hash_table_unref);
}

static gboolean
run_data_load (SgProject  *project,
               gint64      run_id,
               RunData    *data,
               GError    **error)
{
  g_autoptr(SgRunInfo) run = sg_project_get_run (project, run_id, error);

  memset (data, 0, sizeof *data);
  data->run_id = run_id;
  if (run == NULL)
    return FALSE;
  data->dataset = sg_project_get_dataset (project, run->dataset_id, error);
  if (data->dataset == NULL)
    return FALSE;
  data->labels = sg_project_load_run_labels (project, run_id, &data->n_labels, error);
  if (data->labels == NULL)
    return FALSE;
  if (data->n_labels != data->dataset->n_rows)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_CORRUPT,
                   _("Run %" PRId64 " has %zu rows but its dataset “%s” has %"
                     PRIu64), run_id, data->n_labels, data->dataset->name, data->dataset->n_rows);
      return FALSE;
    }
  data->columns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) sg_column_free);
  return TRUE;
}

static SgColumn *
run_data_column (SgProject   *project,
                 RunData     *data,
                 const char  *name,
                 guint        segment_idx,
                 GError     **error)
{
  SgColumn *column = g_hash_table_lookup (data->columns, name);
  g_autoptr(SgTable) table = NULL;
  int index;
  guint one;

  if (column != NULL)
    return column;
  index = sg_dataset_info_lookup_column (data->dataset, name);
  if (index < 0)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_NOT_FOUND,
                   _("The control group of segment %u is stratified by “%s”, which dataset “%s” does not have"),
                   segment_idx + 1, name, data->dataset->name);
      return NULL;
    }
  one = (guint) index;
  table = sg_project_load_table (project, data->dataset->id, &one, 1, error);
  if (table == NULL)
    return NULL;
  column = sg_column_copy (sg_table_get_column (table, 0));
  g_hash_table_insert (data->columns, g_strdup (name), column);
  return column;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* Strata of the candidate rows from @column; see sg-holdout.h for the rule. */
static guint32 *
compute_strata (const SgColumn *column,
                const guint32  *rows,
                gsize           n,
                guint          *n_strata)
{
  g_autofree guint32 *strata = g_new (guint32, n);
  g_autoptr(GHashTable) ids = NULL;
  guint next = 0;

  if (!sg_column_is_numeric (column))
    {
      guint missing = G_MAXUINT;

      ids = g_hash_table_new (g_str_hash, g_str_equal);
      for (gsize i = 0; i < n; i++)
        {
          const char *value = sg_column_get_string (column, rows[i]);
          gpointer id;

          if (value == NULL)
            {
              if (missing == G_MAXUINT)
                missing = next++;
              strata[i] = missing;
            }
          else if (g_hash_table_lookup_extended (ids, value, NULL, &id))
            strata[i] = GPOINTER_TO_UINT (id);
          else
            {
              g_hash_table_insert (ids, (gpointer) value, GUINT_TO_POINTER (next));
              strata[i] = next++;
            }
        }
    }
  else
    {
      g_autofree double *sorted = g_new (double, n);
      gsize m = 0, distinct = 0;
      guint missing = G_MAXUINT;

      for (gsize i = 0; i < n; i++)
        {
          double v = sg_column_get_number (column, rows[i]);

          if (!isnan (v))
            sorted[m++] = v;
        }
      qsort (sorted, m, sizeof (double), compare_doubles);
      for (gsize i = 0; i < m; i++)
        if (i == 0 || sorted[i] != sorted[i - 1])
          distinct++;

      if (distinct <= SG_HOLDOUT_MAX_NUMERIC_STRATA)
        {
          /* One stratum per value, numbered in value order. */
          g_autofree double *values = g_new (double, MAX (distinct, 1));
          gsize d = 0;

          for (gsize i = 0; i < m; i++)
            if (i == 0 || sorted[i] != sorted[i - 1])
              values[d++] = sorted[i];
          next = (guint) distinct;
          for (gsize i = 0; i < n; i++)
            {
              double v = sg_column_get_number (column, rows[i]);
              gsize lo = 0, hi = distinct;

              if (isnan (v))
                {
                  if (missing == G_MAXUINT)
                    missing = next++;
                  strata[i] = missing;
                  continue;
                }
              while (lo + 1 < hi)
                {
                  gsize mid = (lo + hi) / 2;

                  if (values[mid] <= v)
                    lo = mid;
                  else
                    hi = mid;
                }
              strata[i] = (guint32) lo;
            }
        }
      else
        {
          /* Quintiles of the segment's values: equal values always share a stratum. */
          double cuts[4];

          for (guint q = 0; q < 4; q++)
            cuts[q] = sorted[(q + 1) * m / 5];
          next = 5;
          for (gsize i = 0; i < n; i++)
            {
              double v = sg_column_get_number (column, rows[i]);
              guint s = 0;

              if (isnan (v))
                {
                  if (missing == G_MAXUINT)
                    missing = next++;
                  strata[i] = missing;
                  continue;
                }
              while (s < 4 && v >= cuts[s])
                s++;
              strata[i] = s;
            }
        }
    }
  *n_strata = MAX (next, 1);
  return g_steal_pointer (&strata);
}

/* Rows of segment @idx, ascending. */
static guint32 *
segment_rows (const RunData *data,
              guint          idx,
              gsize         *n)
{
  guint32 *rows = g_new (guint32, MAX (data->n_labels, 1));
  gsize m = 0;

  for (gsize i = 0; i < data->n_labels; i++)
    if (data->labels[i] == (gint32) idx)
      rows[m++] = (guint32) i;
  *n = m;
  return rows;
}

static SgHoldout *
ensure_holdout (SgProject   *project,
                RunData     *data,
                guint        idx,
                double       share,
                guint64      seed,
                const char  *stratify,
                GError     **error)
{
  g_autoptr(SgHoldout) stored = NULL;
  g_autoptr(SgHoldout) holdout = NULL;
  g_autofree guint32 *rows = NULL;
  g_autofree guint32 *strata = NULL;
  g_autoptr(GError) local = NULL;
  guint n_strata = 1;
  gsize n;

  if (!(share >= 0.0 && share <= SG_HOLDOUT_MAX_SHARE))
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT,
                   _("A control group share must be between 0 %% and %.0f %%"), SG_HOLDOUT_MAX_SHARE * 100);
      return NULL;
    }
  if (!segment_exists (project, data->run_id, idx, error))
    return NULL;
  if (stratify != NULL && *stratify == '\0')
    stratify = NULL;
  rows = segment_rows (data, idx, &n);

  stored = sg_project_load_holdout (project, data->run_id, idx, &local);
  if (stored == NULL && !g_error_matches (local, SG_ERROR, SG_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  if (stored != NULL && stored->share == share && stored->seed == seed &&
      g_strcmp0 (stored->stratify, stratify) == 0 && stored->n_rows == n)
    return g_steal_pointer (&stored);

  holdout = g_new0 (SgHoldout, 1);
  holdout->run_id = data->run_id;
  holdout->segment_idx = idx;
  holdout->share = share;
  holdout->seed = seed;
  holdout->stratify = g_strdup (stratify);
  holdout->n_rows = n;
  if (stratify != NULL)
    {
      SgColumn *column = run_data_column (project, data, stratify, idx, error);

      if (column == NULL)
        return NULL;
      strata = compute_strata (column, rows, n, &n_strata);
    }
  holdout->rows = sg_holdout_sample (rows, n, strata, n_strata, share, seed,
                                     sg_holdout_stream (data->run_id, idx), error);
  if (holdout->rows == NULL)
    return NULL;

  if (share == 0.0)
    {
      if (!sg_project_delete_holdout (project, data->run_id, idx, error))
        return NULL;
    }
  else if (!store_holdout (project, holdout, error))
    return NULL;
  return g_steal_pointer (&holdout);
}

SgHoldout *
sg_project_sample_holdout (SgProject   *project,
                           gint64       run_id,
                           guint        segment_idx,
                           double       share,
                           guint64      seed,
                           const char  *stratify,
                           SgProgress  *progress,
                           GError     **error)
{
  RunData data;
  SgHoldout *holdout = NULL;

  g_return_val_if_fail (SG_IS_PROJECT (project), NULL);

  if (!sg_progress_check (progress, error))
    return NULL;
  if (!run_data_load (project, run_id, &data, error))
    {
      run_data_clear (&data);
      return NULL;
    }
  if (sg_project_begin (project, error))
    {
      holdout = ensure_holdout (project, &data, segment_idx, share, seed, stratify, error);
      if (holdout == NULL || !sg_project_commit (project, error))
        {
          sg_project_rollback (project);
          g_clear_pointer (&holdout, sg_holdout_free);
        }
    }
  run_data_clear (&data);
  sg_progress_report (progress, 1.0, NULL);
  return holdout;
}

gboolean
sg_project_sync_holdouts (SgProject   *project,
                          gint64       run_id,
                          SgProgress  *progress,
                          GError     **error)
{
  g_autoptr(GPtrArray) playbooks = NULL;
  RunData data;
  gboolean ok = FALSE;

  g_return_val_if_fail (SG_IS_PROJECT (project), FALSE);

  playbooks = sg_project_list_playbooks (project, run_id, error);
  if (playbooks == NULL)
    return FALSE;
  if (!run_data_load (project, run_id, &data, error))
    goto out;
  if (!sg_project_begin (project, error))
    goto out;
  for (guint idx = 0; idx < playbooks->len; idx++)
    {
      SgPlaybook *playbook = g_ptr_array_index (playbooks, idx);
      g_autoptr(SgHoldout) holdout = NULL;

      if (!sg_progress_check (progress, error))
        goto rollback;
      if (playbook == NULL || sg_playbook_get_holdout_share (playbook) <= 0.0)
        {
          if (!sg_project_delete_holdout (project, run_id, idx, error))
            goto rollback;
        }
      else
        {
          holdout = ensure_holdout (project, &data, idx, sg_playbook_get_holdout_share (playbook),
                                    sg_playbook_get_holdout_seed (playbook),
                                    sg_playbook_get_holdout_stratify (playbook), error);
          if (holdout == NULL)
            goto rollback;
        }
      sg_progress_report (progress, (idx + 1.0) / playbooks->len, NULL);
    }
  ok = sg_project_commit (project, error);
  if (!ok)
    goto rollback;
  goto out;

rollback:
  sg_project_rollback (project);
out:
  run_data_clear (&data);
  return ok;
}

guint8 *
sg_project_load_control_flags (SgProject  *project,
                               gint64      run_id,
                               gsize      *n_rows,
                               GError    **error)
{
  g_autofree gint32 *labels = NULL;
  g_autofree guint8 *flags = NULL;
  sqlite3_stmt *stmt;
  gsize n = 0;
  int rc;

  g_return_val_if_fail (SG_IS_PROJECT (project), NULL);

  labels = sg_project_load_run_labels (project, run_id, &n, error);
  if (labels == NULL)
    return NULL;
  flags = g_malloc0 (MAX (n, 1));
  stmt = sg_project_prepare (project, "SELECT segment_idx, rows FROM holdouts WHERE run_id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, run_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint32 idx = sqlite3_column_int (stmt, 0);
      const guint32 *rows = sqlite3_column_blob (stmt, 1);
      gsize count = (gsize) sqlite3_column_bytes (stmt, 1) / sizeof (guint32);

      for (gsize i = 0; i < count; i++)
        {
          /* A stored row must still belong to its segment: never flag a row of another one. */
          if (rows[i] < n && labels[rows[i]] == idx)
            flags[rows[i]] = 1;
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      sg_project_set_sqlite_error (project, _("Could not read the control groups"), error);
      return NULL;
    }
  *n_rows = n;
  return g_steal_pointer (&flags);
}
