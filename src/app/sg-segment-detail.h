/* sg-segment-detail.h — one segment in full, in the Segments page's detail slot
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shows segment @segment of run @run-id from what the run report stored: the name (renamed in place: Enter
 * keeps, Escape cancels, Ctrl+Z undoes the last rename; "Use Automatic Name" goes back), the colour, size
 * and share; what sets it apart in sentences; the decision tree's rules; whether it can be trusted
 * (stability once validated, else a button to check; the comparison with an old segmentation; its
 * warnings with what to do); the profile table (sortable) and the categorical lifts; the spread of a
 * chosen feature against everyone else. Ctrl+Page Up/Down show the previous/next segment; Escape (and
 * Alt+←) go back to all segments.
 *
 * Actions: "detail.rename", "detail.undo-rename", "detail.automatic-name", "detail.previous",
 * "detail.next", "detail.describe" (writes the report of a run made before there were reports).
 */
#pragma once

#include <adwaita.h>

#include "sg-segments-page.h"
#include "sg-session.h"

G_BEGIN_DECLS

#define SG_TYPE_SEGMENT_DETAIL (sg_segment_detail_get_type ())
G_DECLARE_FINAL_TYPE (SgSegmentDetail, sg_segment_detail, SG, SEGMENT_DETAIL, AdwBin)

GtkWidget *sg_segment_detail_new         (void);
/* Puts a new detail widget into @page's detail slot and makes it follow the page (its session, the run it
 * shows, the segment it opens), and gives the page the "validation.*" actions (sg-run-validation.h). */
SgSegmentDetail *sg_segment_detail_attach (SgSegmentsPage *page);

void       sg_segment_detail_set_session (SgSegmentDetail *self,
                                          SgSession       *session);
SgSession *sg_segment_detail_get_session (SgSegmentDetail *self);
/* Shows segment @segment (0-based) of run @run_id; @run_id 0 or @segment -1 shows nothing. Reads what is
 * stored again, so calling it after a change refreshes the view. */
void       sg_segment_detail_show        (SgSegmentDetail *self,
                                          gint64           run_id,
                                          int              segment);
gint64     sg_segment_detail_get_run_id  (SgSegmentDetail *self);
int        sg_segment_detail_get_segment (SgSegmentDetail *self);

/* Renames the shown segment as the user would (stored as the user's, undoable); FALSE with @error for a
 * name the check refuses (sg_segment_name_check()) or a failed write. */
gboolean   sg_segment_detail_rename      (SgSegmentDetail *self,
                                          const char      *name,
                                          GError         **error);
/* The box plot's computation and the automatic naming are under way. */
gboolean   sg_segment_detail_is_busy     (SgSegmentDetail *self);

G_END_DECLS
