/* sg-recut.h — a hierarchical run's tree cut at another number of segments, stored as a new run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A hierarchical run stores its merge tree ("merges", and "leaf" when the leaves are micro-clusters).
 * Cutting that tree at k gives exactly the segments a fresh hierarchical run at k with the same settings
 * would give, without building the tree again: only the features are read again, to measure the new
 * segments (sizes, means, silhouette…) and to place them on the same map.
 */
#pragma once

#include <gio/gio.h>

#include "sg-progress.h"
#include "sg-project.h"

G_BEGIN_DECLS

/* Cuts run @run_id's tree into @k segments (2 … its number of leaves) and stores the result as a new run
 * named "… · k segments (re-cut)". Fails if the run is not hierarchical, has no stored tree, or its dataset
 * no longer matches it. Returns the new run's id, or 0 with @error set. */
gint64   sg_recut_run        (SgProject            *project,
                              gint64                run_id,
                              guint                 k,
                              SgProgress           *progress,
                              GError              **error);
/* The same on a worker thread with its own connection; progress reaches @progress_func on this thread. */
void     sg_recut_run_async  (SgProject            *project,
                              gint64                run_id,
                              guint                 k,
                              GCancellable         *cancellable,
                              SgProgressFunc        progress_func,
                              gpointer              progress_data,
                              GAsyncReadyCallback   callback,
                              gpointer              user_data);
gint64   sg_recut_run_finish (GAsyncResult         *result,
                              GError              **error);

G_END_DECLS
