/* sg-segment-detail-private.h — SgSegmentDetail's state, shared by sg-segment-detail.c (loading, the
 * name, navigation, the sentences, rules and trust sections) and sg-segment-detail-tables.c (the profile
 * table, the lifts and the box plot) and sg-segment-detail-naming.c (renaming, undo, the automatic name)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "widgets/sg-chart-view.h"
#include "sg-profile-view-model.h"
#include "sg-segment-detail.h"

G_BEGIN_DECLS

/* One rename, to undo it: the name before and whether the user had typed it. */
typedef struct {
  gint64    run_id;
  guint     segment;
  char     *name;
  char     *rule;
  gboolean  edited;
} RenameUndo;

struct _SgSegmentDetail
{
  AdwBin             parent_instance;

  /* template */
  GtkScrolledWindow *scroller;
  GtkDrawingArea    *swatch;
  GtkEditableLabel  *name_label;
  GtkWidget         *rename_button;
  GtkLabel          *position_label;
  GtkWidget         *previous_button;
  GtkWidget         *next_button;
  GtkLabel          *size_label;
  GtkLabel          *name_error;
  GtkWidget         *naming_box;
  GtkLabel          *name_note;
  GtkWidget         *auto_name_button;
  GtkSpinner        *naming_spinner;
  GtkWidget         *no_profile_box;
  GtkLabel          *no_profile_label;
  GtkWidget         *apart_section;
  GtkBox            *sentences_box;
  GtkWidget         *rules_section;
  GtkBox            *rules_box;
  GtkLabel          *rules_note;
  GtkLabel          *stability_badge;
  GtkLabel          *stability_label;
  GtkWidget         *check_button;
  GtkWidget         *comparison_box;
  GtkLabel          *comparison_label;
  GtkBox            *warnings_box;
  GtkWidget         *profile_section;
  GtkGrid           *profile_grid;
  GtkWidget         *lifts_section;
  GtkFlowBox        *lifts_box;
  GtkWidget         *box_section;
  GtkDropDown       *box_dropdown;
  GtkBox            *box_card;
  SgChartView       *box_view;       /* made when a segment is first shown */
  GtkLabel          *box_note;

  SgSession         *session;
  SgSegmentsPage    *page;           /* weak: the page it is attached to, if any */
  gint64             run_id;
  int                segment;
  GPtrArray         *segments;       /* SgSegmentInfo* of the run, as last read */
  SgSegmentView     *view;
  gboolean           filling;        /* the name label is being set, not edited */

  SgProfileSort      sort_key;
  gboolean           sort_descending;

  GArray            *undo;           /* RenameUndo, the last rename last */
  AdwToast          *rename_toast;   /* weak: "Renamed to …" while it is shown */
  GCancellable      *naming_cancellable;
  gboolean           naming;         /* the report is naming the segments again */

  /* the box plot (sg-segment-detail-tables.c) */
  GArray            *box_columns;    /* guint: the dataset column of each dropdown entry */
  char              *box_feature;    /* the column chosen last, kept from segment to segment */
  GCancellable      *box_cancellable;
  gboolean           box_busy;
};

/* sg-segment-detail-naming.c */
void _sg_segment_detail_rename_undo_clear    (RenameUndo      *undo);
void _sg_segment_detail_editing_cb           (SgSegmentDetail *self);
void _sg_segment_detail_rename_action        (GtkWidget       *widget,
                                              const char      *action_name,
                                              GVariant        *parameter);
void _sg_segment_detail_undo_rename_action   (GtkWidget       *widget,
                                              const char      *action_name,
                                              GVariant        *parameter);
void _sg_segment_detail_automatic_name_action (GtkWidget      *widget,
                                               const char     *action_name,
                                               GVariant       *parameter);
void _sg_segment_detail_describe_action      (GtkWidget       *widget,
                                              const char      *action_name,
                                              GVariant        *parameter);

/* sg-segment-detail-tables.c */
void _sg_segment_detail_init_tables    (SgSegmentDetail *self);
void _sg_segment_detail_fill_profile   (SgSegmentDetail *self);
void _sg_segment_detail_fill_lifts     (SgSegmentDetail *self);
void _sg_segment_detail_fill_box       (SgSegmentDetail *self);
void _sg_segment_detail_dispose_tables (SgSegmentDetail *self);
/* The colour segment @index is drawn in (the stored one, else the palette's, lighter when dark). */
void _sg_segment_detail_segment_rgba   (SgSegmentDetail *self,
                                        int              index,
                                        GdkRGBA         *rgba);

G_END_DECLS
