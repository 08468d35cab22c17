/* sg-segments-page.h — the Segments step: looking at the segments found
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For now a page that says what the step is for and, until it can be used, why not and where to go
 * first. It takes the window's SgSession through its "session" property.
 */
#pragma once

#include <adwaita.h>

#include "sg-session.h"

G_BEGIN_DECLS

#define SG_TYPE_SEGMENTS_PAGE (sg_segments_page_get_type ())
G_DECLARE_FINAL_TYPE (SgSegmentsPage, sg_segments_page, SG, SEGMENTS_PAGE, AdwBin)

SgSession *sg_segments_page_get_session (SgSegmentsPage *self);
void       sg_segments_page_set_session (SgSegmentsPage *self,
                                         SgSession *session);
/* TRUE when the project has what this step needs. */
gboolean   sg_segments_page_get_ready   (SgSegmentsPage *self);

G_END_DECLS
