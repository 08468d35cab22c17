/* sg-segment-compare.h — the AI segments against an existing segmentation: the table of customers in
 * both (counts and each old group's shares, heat-coloured), the agreement in words, and which groups each
 * side mixes together
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sg-profile-view-model.h"

G_BEGIN_DECLS

#define SG_TYPE_SEGMENT_COMPARE (sg_segment_compare_get_type ())
G_DECLARE_FINAL_TYPE (SgSegmentCompare, sg_segment_compare, SG, SEGMENT_COMPARE, AdwBin)

GtkWidget *sg_segment_compare_new      (void);
/* Shows @view (copied from; NULL shows nothing). */
void       sg_segment_compare_set_view (SgSegmentCompare       *self,
                                        const SgComparisonView *view);
/* Customers counted in the table shown (0 when none). */
guint64    sg_segment_compare_get_n    (SgSegmentCompare       *self);

G_END_DECLS
