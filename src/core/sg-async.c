/* sg-async.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sg-async.h"
#include "sg-parallel.h"

typedef struct {
  gint           ref_count;
  GMutex         mutex;
  GMainContext  *context;
  SgProgressFunc func;
  gpointer       data;
  double         fraction;
  char          *message;
  gboolean       pending;    /* a report is queued on the main context */
  gboolean       finished;   /* the task completed: drop late reports */
} ProgressBridge;

typedef struct {
  SgAsyncWorkFunc  work;
  gpointer         task_data;
  GDestroyNotify   task_data_free;
  GDestroyNotify   result_free;
  ProgressBridge  *bridge;
} AsyncData;

static ProgressBridge *
bridge_ref (ProgressBridge *bridge)
{
  g_atomic_int_inc (&bridge->ref_count);
  return bridge;
}

static void
bridge_unref (ProgressBridge *bridge)
{
  if (!g_atomic_int_dec_and_test (&bridge->ref_count))
    return;
  g_mutex_clear (&bridge->mutex);
  g_main_context_unref (bridge->context);
  g_free (bridge->message);
  g_free (bridge);
}

static gboolean
deliver_progress (gpointer user_data)
{
  ProgressBridge *bridge = user_data;
  g_autofree char *message = NULL;
  double fraction;
  gboolean finished;

  g_mutex_lock (&bridge->mutex);
  bridge->pending = FALSE;
  fraction = bridge->fraction;
  message = g_strdup (bridge->message);
  finished = bridge->finished;
  g_mutex_unlock (&bridge->mutex);

  if (!finished)
    bridge->func (fraction, message, bridge->data);
  return G_SOURCE_REMOVE;
}

/* Called on the worker thread. */
static void
queue_progress (double      fraction,
                const char *message,
                gpointer    user_data)
{
  ProgressBridge *bridge = user_data;
  gboolean schedule;

  g_mutex_lock (&bridge->mutex);
  bridge->fraction = fraction;
  if (message != NULL && g_strcmp0 (message, bridge->message) != 0)
    {
      g_free (bridge->message);
      bridge->message = g_strdup (message);
    }
  schedule = !bridge->pending;
  bridge->pending = TRUE;
  g_mutex_unlock (&bridge->mutex);

  if (schedule)
    {
      GSource *source = g_idle_source_new ();

      g_source_set_priority (source, G_PRIORITY_LOW);
      g_source_set_callback (source, deliver_progress, bridge_ref (bridge), (GDestroyNotify) bridge_unref);
      g_source_set_static_name (source, "[segmenta] progress");
      g_source_attach (source, bridge->context);
      g_source_unref (source);
    }
}

static void
async_data_free (AsyncData *data)
{
  if (data->task_data_free != NULL && data->task_data != NULL)
    data->task_data_free (data->task_data);
  if (data->bridge != NULL)
    {
      g_mutex_lock (&data->bridge->mutex);
      data->bridge->finished = TRUE;
      g_mutex_unlock (&data->bridge->mutex);
      bridge_unref (data->bridge);
    }
  g_free (data);
}

static void
run_in_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  AsyncData *data = task_data;
  g_autoptr(GError) error = NULL;
  SgProgress progress = sg_progress_init (data->bridge ? queue_progress : NULL, data->bridge, cancellable);
  gpointer result;

  sg_parallel_enter_worker ();
  result = data->work (data->task_data, &progress, &error);
  if (result == NULL)
    {
      if (error == NULL)
        g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_FAILED, "Work failed without a reason");
      g_task_return_error (task, g_steal_pointer (&error));
    }
  else
    /* Even when a cancel came after the work's last check: it finished, and what it wrote (a stored run,
     * an export) is real, so the caller must hear of it rather than of a cancellation. */
    g_task_return_pointer (task, result, data->result_free);
}

void
sg_async_run (gpointer             source_object,
              gpointer             source_tag,
              SgAsyncWorkFunc      work,
              gpointer             task_data,
              GDestroyNotify       task_data_free,
              GDestroyNotify       result_free,
              GCancellable        *cancellable,
              SgProgressFunc       progress_func,
              gpointer             progress_data,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (source_object, cancellable, callback, user_data);
  AsyncData *data = g_new0 (AsyncData, 1);

  g_return_if_fail (work != NULL);

  data->work = work;
  data->task_data = task_data;
  data->task_data_free = task_data_free;
  data->result_free = result_free;
  if (progress_func != NULL)
    {
      data->bridge = g_new0 (ProgressBridge, 1);
      data->bridge->ref_count = 1;
      g_mutex_init (&data->bridge->mutex);
      data->bridge->context = g_main_context_ref_thread_default ();
      data->bridge->func = progress_func;
      data->bridge->data = progress_data;
    }
  g_task_set_source_tag (task, source_tag);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, data, (GDestroyNotify) async_data_free);
  g_task_run_in_thread (task, run_in_thread);
}

gpointer
sg_async_finish (GAsyncResult  *result,
                 gpointer       source_tag,
                 GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
