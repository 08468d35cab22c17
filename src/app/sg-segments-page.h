/* sg-segments-page.h — the Segments step: a run's dashboard, and one segment's details
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shows the session's current run (a switcher picks another): headline figures, a card per segment and
 * the run's charts, each exportable. Activating a card opens that segment's details in the second page
 * of the page's leaflet (the detail slot, sg_segments_page_get_detail_slot()); the "segment" property
 * says which segment is shown there (-1: none, the dashboard is shown). "segments.present" (F11) shows
 * the dashboard full screen for an audience.
 */
#pragma once

#include <adwaita.h>

#include "sg-session.h"

G_BEGIN_DECLS

#define SG_TYPE_SEGMENTS_PAGE (sg_segments_page_get_type ())
G_DECLARE_FINAL_TYPE (SgSegmentsPage, sg_segments_page, SG, SEGMENTS_PAGE, AdwBin)

SgSession *sg_segments_page_get_session     (SgSegmentsPage *self);
void       sg_segments_page_set_session     (SgSegmentsPage *self,
                                             SgSession      *session);
/* TRUE when the project has what this step needs. */
gboolean   sg_segments_page_get_ready       (SgSegmentsPage *self);

/* Opens segment @idx's details (0-based), or goes back to the dashboard with -1. */
void       sg_segments_page_show_segment    (SgSegmentsPage *self,
                                             int             idx);
int        sg_segments_page_get_segment     (SgSegmentsPage *self);
/* The bin the segment details widget goes into (it holds a placeholder until then). */
AdwBin    *sg_segments_page_get_detail_slot (SgSegmentsPage *self);

/* The run whose dashboard is shown (0 while none is), and whether anything is still being read or
 * computed for it. */
gint64     sg_segments_page_get_shown_run   (SgSegmentsPage *self);
gboolean   sg_segments_page_is_busy         (SgSegmentsPage *self);

/* Presentation mode: the dashboard alone, full screen and larger, without editing controls. */
void       sg_segments_page_set_presenting  (SgSegmentsPage *self,
                                             gboolean        presenting);
gboolean   sg_segments_page_get_presenting  (SgSegmentsPage *self);
/* The presentation window while presenting, else NULL. */
GtkWindow *sg_segments_page_get_presentation_window (SgSegmentsPage *self);

G_END_DECLS
