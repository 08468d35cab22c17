/* sg-session.h — the open project as a window's pages see it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One SgSession per window with an open project. It holds the project (main-thread connection), the
 * list of its datasets and runs as last read, and which dataset the user is working on. Pages listen to
 * "changed" (datasets or runs were added, renamed or removed) and to notify::dataset-id.
 */
#pragma once

#include <gio/gio.h>

#include "sg-project.h"

G_BEGIN_DECLS

#define SG_TYPE_SESSION (sg_session_get_type ())
G_DECLARE_FINAL_TYPE (SgSession, sg_session, SG, SESSION, GObject)

SgSession     *sg_session_new            (SgProject  *project);
SgProject     *sg_session_get_project    (SgSession  *self);
/* The project's display title (file name without extension, or the name set in it). */
char          *sg_session_dup_title      (SgSession  *self);
/* The datasets (SgDatasetInfo, creation order), owned by the session. */
GPtrArray     *sg_session_get_datasets   (SgSession  *self);
guint          sg_session_get_n_datasets (SgSession  *self);
SgDatasetInfo *sg_session_lookup_dataset (SgSession  *self,
                                          gint64      dataset_id);
/* The dataset the user works on: 0 when the project has none. */
gint64         sg_session_get_dataset_id (SgSession  *self);
void           sg_session_set_dataset_id (SgSession  *self,
                                          gint64      dataset_id);
SgDatasetInfo *sg_session_get_dataset    (SgSession  *self);
/* Number of segmentation runs in the project (all datasets). */
guint          sg_session_get_n_runs     (SgSession  *self);
/* The runs (SgRunInfo, newest first, all datasets), owned by the session. */
GPtrArray     *sg_session_get_runs       (SgSession  *self);
SgRunInfo     *sg_session_lookup_run     (SgSession  *self,
                                          gint64      run_id);
/* The run the user looks at (Segments, Personas & Playbooks, Export): 0 when there is none. A new run
 * becomes the current one; after a reload the current run is kept if it still exists, else the newest. */
gint64         sg_session_get_run_id     (SgSession  *self);
void           sg_session_set_run_id     (SgSession  *self,
                                          gint64      run_id);
SgRunInfo     *sg_session_get_run        (SgSession  *self);
/* Re-reads datasets and runs after a change and emits "changed". Keeps the current dataset if it still
 * exists, else picks the first. */
gboolean       sg_session_reload         (SgSession  *self,
                                          GError    **error);

G_END_DECLS
