/* sg-segment-page.h — the Segment step: running a segmentation
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

#define SG_TYPE_SEGMENT_PAGE (sg_segment_page_get_type ())
G_DECLARE_FINAL_TYPE (SgSegmentPage, sg_segment_page, SG, SEGMENT_PAGE, AdwBin)

SgSession *sg_segment_page_get_session (SgSegmentPage *self);
void       sg_segment_page_set_session (SgSegmentPage *self,
                                        SgSession *session);
/* TRUE when the project has what this step needs. */
gboolean   sg_segment_page_get_ready   (SgSegmentPage *self);

G_END_DECLS
