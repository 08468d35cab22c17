/* sg-run-list.h — the segmentations of a project: open, rename, compare, delete (with Undo)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Lists every run of the session's project, newest first, with its name, time, method, number of
 * segments, customers and quality in words; the session's current run is marked. Its actions (prefix
 * "runs.", targets are run ids): open (x) makes the run current and shows the Segments step; rename (x)
 * asks for a name; delete (x) asks for confirmation, hides the run and shows an Undo toast: the run is
 * deleted from the project only when the toast goes away without Undo (or when the list is disposed),
 * so Undo never has to re-create anything; undo-delete; compare (x) and compare-pair ((xx)) open the
 * comparison of two runs on the same dataset; rename-selected (F2), delete-selected (Delete) and
 * compare-selected act on the selected row.
 */
#pragma once

#include <adwaita.h>

#include "sg-session.h"

G_BEGIN_DECLS

#define SG_TYPE_RUN_LIST (sg_run_list_get_type ())
G_DECLARE_FINAL_TYPE (SgRunList, sg_run_list, SG, RUN_LIST, AdwBin)

GtkWidget *sg_run_list_new                (void);
SgSession *sg_run_list_get_session        (SgRunList *self);
void       sg_run_list_set_session        (SgRunList *self,
                                           SgSession *session);
/* The run of the selected row, 0 if none. */
gint64     sg_run_list_get_selected       (SgRunList *self);
gboolean   sg_run_list_select             (SgRunList *self,
                                           gint64     run_id);
/* Rows shown (a run waiting for its Undo toast to go is not shown). */
guint      sg_run_list_get_n_shown        (SgRunList *self);
/* The row of @run_id, or NULL when it is not shown. */
GtkWidget *sg_run_list_get_row            (SgRunList *self,
                                           gint64     run_id);
/* The run deleted but still undoable (0: none), and its toast. */
gint64     sg_run_list_get_pending_delete (SgRunList *self);
AdwToast  *sg_run_list_get_undo_toast     (SgRunList *self);

G_END_DECLS
