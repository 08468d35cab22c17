/* sg-segment-settings.h — what the Segment page shows and asks, as plain data (no widgets)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Segment page turns a dataset and the preparation advice into feature choices, keeps the state of
 * its controls in an SgSegmentForm, and turns both into SgRunSettings for the engine. Everything here is
 * pure so that it can be tested without a display: which features are ticked by default and why, which
 * options each method shows, the words used for a run's quality and time, and the k-scan chart's data.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "sg-advice.h"
#include "sg-k-scan-chart.h"
#include "sg-project.h"
#include "sg-run-settings.h"

G_BEGIN_DECLS

/* A feature missing for more than this share of customers is offered but not ticked: a run leaves out
 * every customer with a missing value in a ticked feature. */
#define SG_FEATURE_MAX_MISSING_SHARE 0.05

/* The number of segments the page offers when it is not chosen automatically. */
#define SG_SEGMENT_K_MIN 2
#define SG_SEGMENT_K_MAX 20

/* ---- features ---- */

typedef struct {
  char         *name;
  SgColumnType  type;
  guint64       n_missing;
  gboolean      selected;        /* ticked */
  gboolean      suggested;       /* ticked by the advice */
  gboolean      log_scale;       /* on a log scale */
  gboolean      log_suggested;   /* the advice suggests a log scale */
  gboolean      log_possible;    /* a log scale makes sense (amounts and counts, not yes/no) */
  char         *note;            /* why it is left out or on a log scale, in plain words; NULL if nothing */
} SgFeatureChoice;

void       sg_feature_choice_free        (SgFeatureChoice     *choice);
/* One choice (SgFeatureChoice) per column that can be clustered on (whole numbers, decimals, yes/no),
 * in table order, ticked as @advice says. Without advice (not computed yet, or it failed) every such
 * column is ticked except identifiers. */
GPtrArray *sg_feature_choices_new        (const SgDatasetInfo *info,
                                          const SgAdvice      *advice);
/* Ticks and log scales back to the advice's suggestion. */
void       sg_feature_choices_reset      (GPtrArray           *choices);
/* Ticks the features of @features (and the log scales of @log1p) and nothing else; names the dataset
 * does not have are ignored. Returns how many were ticked. */
guint      sg_feature_choices_apply      (GPtrArray           *choices,
                                          const char * const  *features,
                                          const char * const  *log1p);
guint      sg_feature_choices_count      (GPtrArray           *choices);
/* No log scale for @names (columns with values below zero: the engine refuses a log scale there). */
void       sg_feature_choices_forbid_log (GPtrArray           *choices,
                                          const char * const  *names);
/* The numeric columns of @table with a value below zero. */
GStrv      sg_table_columns_below_zero   (SgTable             *table);
/* The second line of a feature's row: "Decimal · 12 missing". */
char      *sg_feature_choice_describe    (const SgFeatureChoice *choice);

/* ---- the form ---- */

/* Which settings a method uses (rows the page shows). */
typedef enum {
  SG_FORM_K           = 1 << 0,
  SG_FORM_SEED        = 1 << 1,
  SG_FORM_RESTARTS    = 1 << 2,
  SG_FORM_COVARIANCE  = 1 << 3,
  SG_FORM_EPS         = 1 << 4,
  SG_FORM_MIN_SAMPLES = 1 << 5,
  SG_FORM_LINKAGE     = 1 << 6,
  SG_FORM_SCALING     = 1 << 7,
} SgFormOptions;

typedef struct {
  SgAlgorithm      algorithm;
  gboolean         auto_k;
  guint            k;            /* SG_SEGMENT_K_MIN..SG_SEGMENT_K_MAX; kept while auto_k is set */
  guint64          seed;
  guint            restarts;     /* 0: the method's own default */
  SgCovarianceType covariance;
  double           eps;          /* 0: suggested from the data */
  guint            min_samples;
  SgLinkage        linkage;
  SgScaling        scaling;
} SgSegmentForm;

/* The defaults: k-means, automatic number of segments (5 when chosen by hand), seed 0, the engine's
 * defaults for the rest. */
void          sg_segment_form_init           (SgSegmentForm       *form);
/* Back to the defaults for everything under "Advanced" (method and number of segments kept). */
void          sg_segment_form_reset_advanced (SgSegmentForm       *form);
gboolean      sg_segment_form_advanced_is_default (const SgSegmentForm *form);
SgFormOptions sg_segment_form_options        (SgAlgorithm          algorithm);
/* Fills @settings (initialised by the caller) from the form and the ticked features. Fails with one
 * sentence when nothing is ticked. */
gboolean      sg_segment_form_to_settings    (const SgSegmentForm *form,
                                              gint64               dataset_id,
                                              GPtrArray           *choices,
                                              SgRunSettings       *settings,
                                              GError             **error);
/* The form that gives @settings back (a stored run's, to start from where the user left off). */
void          sg_segment_form_from_settings  (SgSegmentForm       *form,
                                              const SgRunSettings *settings);
/* A stored run's settings (its "settings" JSON). Tolerates what other writers store differently (a seed
 * as a number rather than a string). FALSE when the text is not run settings. */
gboolean      sg_segment_parse_run_settings  (const char          *json,
                                              SgRunSettings       *settings);
/* The neighbourhood radius typed by the user: "" means suggested (0). Accepts "0.5" and "0,5". */
gboolean      sg_segment_parse_eps           (const char          *text,
                                              double              *eps,
                                              GError             **error);

/* ---- runs in words ---- */

/* "clearly separated" (≥ 0.5), "reasonably distinct" (≥ 0.25), "overlapping"; NaN: "not measured". */
const char *sg_segment_quality_words  (double            silhouette);
/* The mean silhouette in a run's metrics JSON; NaN when absent. */
double      sg_segment_run_silhouette (const SgRunInfo  *run);
/* "K-means · 5 segments · 1,980 customers · reasonably distinct"; without @with_method (the run's name
 * already says it, as the default names do): "1,980 customers · reasonably distinct". */
char       *sg_segment_run_summary    (const SgRunInfo  *run,
                                       gboolean          with_method);
/* TRUE when the run's name already names its method (the default "K-means · 5 segments"). */
gboolean    sg_segment_run_name_is_default (const SgRunInfo *run);
/* @name, or "@name (2)", "@name (3)"… when another run than @except (0: none) already has it. */
char       *sg_segment_unique_run_name (GPtrArray      *runs,
                                        const char     *name,
                                        gint64          except);
/* "Today, 14:03", "Yesterday, 09:12", "3 March 2025, 16:40" (local time); NULL if @iso8601 does not parse.
 * @now may be NULL for the current time. */
char       *sg_segment_format_time    (const char       *iso8601,
                                       GDateTime        *now);

/* ---- datasets ---- */

/* The dataset a segmentation is best run on: @current if it is derived or prepared, else the newest
 * prepared dataset, else the newest derived one, else @current. */
gint64      sg_segment_pick_dataset   (GPtrArray        *datasets,
                                       gint64            current);
/* Columns of @info that can be clustered on. */
guint       sg_segment_count_numeric  (const SgDatasetInfo *info);

/* ---- the number of segments ---- */

/* Fills @chart from a scan as JSON (sg_kscan_to_json()'s shape, also stored in a run's metrics under
 * "scan"): inertia and, for mixtures, BIC (lower is better), else the silhouette. Returns the
 * recommended k (0 if the scan has none) and its reason in @reason (may be NULL). */
guint       sg_segment_fill_k_scan    (SgKScanChart     *chart,
                                       JsonNode         *scan,
                                       SgAlgorithm       algorithm,
                                       char            **reason);
/* The "scan" member of a run's metrics, or NULL when the number of segments was chosen by hand. */
JsonNode   *sg_segment_run_scan       (const SgRunInfo  *run);

G_END_DECLS
