/* sg-segment-report.h — everything about a run's segments in one call: profile, names, explaining
 * rules, stability, comparison with an old segmentation and warnings; as plain structs and as JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "sg-cart.h"
#include "sg-naming.h"
#include "sg-profile.h"
#include "sg-stability.h"
#include "sg-warnings.h"

G_BEGIN_DECLS

typedef struct {
  const guint        *feature_columns;      /* the clustering features */
  guint               n_features;
  const guint        *categorical_columns;  /* profiled by level: country, gender, channel… */
  guint               n_categorical;
  const char *const  *user_names;           /* k names the user edited (NULL entries: automatic) */
  gboolean            explain;              /* fit the decision tree (default TRUE) */
  /* bootstrap stability, when @matrix and @cluster are set */
  const SgMatrix     *matrix;               /* the prepared matrix the segments were found in */
  const guint        *matrix_rows;          /* table row of each matrix row; NULL: the same rows */
  SgClusterFunc       cluster;
  gpointer            cluster_data;
  double              silhouette;           /* of the run, NaN when unknown */
  gint                compare_column;       /* an existing segmentation to compare with, −1: none */
  SgProfileOptions    profile;
  SgCartOptions       cart;
  SgBootstrapOptions  bootstrap;
  SgWarningOptions    warnings;
} SgReportOptions;

void sg_report_options_init (SgReportOptions *options);

typedef struct {
  guint               k;
  SgProfile          *profile;
  SgSegmentNames     *names;
  char              **name_strv;    /* the k names, NULL-terminated */
  SgCart             *cart;         /* NULL when not asked or when no tree could be fitted */
  char               *cart_error;   /* why not, when asked */
  SgBootstrapResult  *stability;    /* NULL when not asked */
  SgComparison       *comparison;   /* NULL when not asked */
  GPtrArray          *warnings;     /* SgWarning*, most serious first */
} SgSegmentReport;

/* Fails when the profile, the bootstrap or the comparison fails, or when cancelled; the tree is
 * optional (see cart_error). */
SgSegmentReport *sg_segment_report_compute (SgTable               *table,
                                            const gint32          *labels,
                                            guint                  k,
                                            const SgReportOptions *options,
                                            SgProgress            *progress,
                                            GError               **error);
void             sg_segment_report_free    (SgSegmentReport *report);
/* {"profile":…, "names":[…], "tree":…, "stability":…, "comparison":…, "warnings":[…]} */
JsonNode        *sg_segment_report_to_json (const SgSegmentReport *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SgSegmentReport, sg_segment_report_free)

G_END_DECLS
