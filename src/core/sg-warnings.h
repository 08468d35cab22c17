/* sg-warnings.h — what a marketer should know before acting on the segments, and what to do
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "sg-profile.h"
#include "sg-stability.h"

G_BEGIN_DECLS

typedef enum {
  SG_WARNING_SMALL_SEGMENT,       /* below the minimum share or count */
  SG_WARNING_TOO_MANY_SEGMENTS,   /* more than max_segments */
  SG_WARNING_LOW_SILHOUETTE,      /* segments overlap */
  SG_WARNING_UNSTABLE_SEGMENT,    /* bootstrap Jaccard below the threshold */
  SG_WARNING_WEAK_FEATURE,        /* a feature that does not separate the segments */
  SG_WARNING_INDISTINCT_SEGMENT,  /* a segment that differs significantly on nothing */
  SG_WARNING_MANY_UNASSIGNED,     /* much noise (density methods) */
} SgWarningKind;

const char *sg_warning_kind_to_string (SgWarningKind kind);

typedef enum {
  SG_SEVERITY_INFO,
  SG_SEVERITY_WARNING,
  SG_SEVERITY_SERIOUS,
} SgSeverity;

const char *sg_severity_to_string (SgSeverity severity);

typedef struct {
  SgWarningKind  kind;
  SgSeverity     severity;
  gint           segment;    /* the segment concerned, −1 for the run as a whole */
  char          *feature;    /* the column concerned, or NULL */
  char          *message;    /* what is wrong, in plain words */
  char          *advice;     /* what to do about it */
} SgWarning;

void sg_warning_free (SgWarning *warning);

typedef struct {
  double  min_share;         /* 0.01: a segment with a smaller share of the run is small */
  guint64 min_count;         /* 0: none; a segment with fewer customers is small */
  guint   max_segments;      /* 8 */
  double  min_silhouette;    /* 0.25 */
  double  max_noise_share;   /* 0.2 */
} SgWarningOptions;

void sg_warning_options_init (SgWarningOptions *options);

/* The warnings for a run, most serious first (then in segment order). @segment_names (k) may be NULL;
 * @stability may be NULL (not computed); @silhouette NaN when unknown. Returns SgWarning* items
 * owned by the array. */
GPtrArray *sg_warnings_compute (const SgProfile         *profile,
                                const char *const       *segment_names,
                                const SgBootstrapResult *stability,
                                double                   silhouette,
                                const SgWarningOptions  *options);
JsonNode  *sg_warnings_to_json (GPtrArray *warnings);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SgWarning, sg_warning_free)

G_END_DECLS
