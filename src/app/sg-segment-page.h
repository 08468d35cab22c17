/* sg-segment-page.h — the Segment step: what to compare customers on, how to group them, the runs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page segments the session's current dataset (preselecting derived or prepared customer features
 * when the project has them): feature checkboxes ticked as the preparation advice suggests, with a log
 * scale per feature; the method; the number of segments (suggested by a k scan, shown as a chart, or
 * chosen); advanced settings folded away. Runs go through sg_segment_dataset_async() with progress and
 * Cancel; a new run becomes the session's current one. The project's runs are listed beside the form
 * (SgRunList). It takes the window's SgSession through its "session" property.
 *
 * Actions (prefix "segment."): run (Ctrl+Enter), cancel (Escape), preview (the k scan alone),
 * suggest-features, reset-advanced, feature ((sb): tick or untick a feature), log-scale ((sb)), and
 * property actions algorithm (s: "kmeans", "gmm", "dbscan", "hierarchical"), auto-k (toggle), k (u).
 */
#pragma once

#include <adwaita.h>

#include "sg-k-scan-chart.h"
#include "sg-run-list.h"
#include "sg-segment-settings.h"
#include "sg-session.h"

G_BEGIN_DECLS

#define SG_TYPE_SEGMENT_PAGE (sg_segment_page_get_type ())
G_DECLARE_FINAL_TYPE (SgSegmentPage, sg_segment_page, SG, SEGMENT_PAGE, AdwBin)

SgSession    *sg_segment_page_get_session         (SgSegmentPage *self);
void          sg_segment_page_set_session         (SgSegmentPage *self,
                                                   SgSession     *session);
/* TRUE when the project has what this step needs. */
gboolean      sg_segment_page_get_ready           (SgSegmentPage *self);
/* TRUE while a run or a preview is going. */
gboolean      sg_segment_page_get_busy            (SgSegmentPage *self);
/* TRUE once the advice on the dataset's features has arrived (or failed). */
gboolean      sg_segment_page_get_advice_ready    (SgSegmentPage *self);
/* The features offered (SgFeatureChoice), owned by the page. */
GPtrArray    *sg_segment_page_get_feature_choices (SgSegmentPage *self);
/* The state of the method, number-of-segments and advanced controls. */
void          sg_segment_page_get_form            (SgSegmentPage *self,
                                                   SgSegmentForm *form);
void          sg_segment_page_set_form            (SgSegmentPage *self,
                                                   const SgSegmentForm *form);
SgKScanChart *sg_segment_page_get_scan_chart      (SgSegmentPage *self);
SgRunList    *sg_segment_page_get_run_list        (SgSegmentPage *self);
/* The line under the form: the stage of a run, its result, or what went wrong. */
const char   *sg_segment_page_get_status          (SgSegmentPage *self);
/* The run stored by the last successful run on this page, 0 if none. */
gint64        sg_segment_page_get_last_run_id     (SgSegmentPage *self);

G_END_DECLS
