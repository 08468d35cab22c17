/* sg-async.h — run engine work on a worker thread, with progress delivered to the caller's thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each engine operation that the app runs in the background (import, clustering, scans, bootstrap,
 * exports) is a plain synchronous function taking an SgProgress. sg_async_run() wraps it in a GTask:
 * the work runs in GTask's thread pool, progress reports are throttled and handed to @progress_func on
 * the GMainContext that called sg_async_run() (at most one pending report at a time, so a fast loop
 * never floods the main loop), and the result comes back through the GAsyncReadyCallback as usual.
 */
#pragma once

#include <gio/gio.h>

#include "sg-progress.h"

G_BEGIN_DECLS

/* Runs on the worker thread. Returns the result (owned by the task, freed with @result_free if no one
 * takes it) or NULL with @error set. */
typedef gpointer (*SgAsyncWorkFunc) (gpointer     task_data,
                                     SgProgress  *progress,
                                     GError     **error);

void     sg_async_run    (gpointer             source_object,
                          gpointer             source_tag,
                          SgAsyncWorkFunc      work,
                          gpointer             task_data,
                          GDestroyNotify       task_data_free,
                          GDestroyNotify       result_free,
                          GCancellable        *cancellable,
                          SgProgressFunc       progress_func,
                          gpointer             progress_data,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data);
/* The work's result (transfer full), or NULL with @error set (G_IO_ERROR_CANCELLED if cancelled). */
gpointer sg_async_finish (GAsyncResult        *result,
                          gpointer             source_tag,
                          GError             **error);

G_END_DECLS
