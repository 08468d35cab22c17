/* sg-segment-card.h — one segment on the Segments dashboard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Its name and colour (the charts' palette), its size and share, up to three sentences on what sets it
 * apart, and two ways on: its details ("segments.show-segment") and its persona ("segments.show-persona"),
 * both page actions taking the segment's index. Clicking the card anywhere opens its details.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SG_TYPE_SEGMENT_CARD (sg_segment_card_get_type ())
G_DECLARE_FINAL_TYPE (SgSegmentCard, sg_segment_card, SG, SEGMENT_CARD, GtkWidget)

GtkWidget  *sg_segment_card_new           (void);
/* @index: the segment (0-based, its palette colour); @share of the customers in the run (0..1). */
void        sg_segment_card_set_segment   (SgSegmentCard      *self,
                                           guint               index,
                                           const char         *name,
                                           guint64             size,
                                           double              share);
/* Sentences on what sets the segment apart (NULL or empty: none shown). */
void        sg_segment_card_set_facts     (SgSegmentCard      *self,
                                           const char * const *facts);
guint       sg_segment_card_get_index     (SgSegmentCard      *self);
const char *sg_segment_card_get_name      (SgSegmentCard      *self);
/* Presenting: no buttons, only what the audience reads. */
void        sg_segment_card_set_presenting (SgSegmentCard     *self,
                                            gboolean           presenting);

G_END_DECLS
