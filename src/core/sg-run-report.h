/* sg-run-report.h — a stored run's segments explained and validated: profile, names, rules,
 * stability (bootstrap and over time), comparison with an existing segmentation, warnings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The glue between runs (sg-segmenter.h) and the segment report (sg-segment-report.h). Which columns
 * are profiled: the run's features (numeric statistics, rules); every other numeric column (integer,
 * decimal, date, datetime) as profile-only; categorical and boolean columns by level. Identifiers,
 * free text and columns whose role is (or whose name reads as) a customer id are skipped.
 *
 * What is stored, and where (other code reads it: the app's Segments page, the PDF report):
 *
 *  - segments.name, segments.name_rule: the automatic name and the rule text that produced it
 *    ("income index 152, spending 64% above average → Affluent Big Spenders"). A name the user typed
 *    (name_edited) is never overwritten; automatic names avoid it.
 *  - segments.profile: sg_profile_segment_to_json() of the segment ("label", "size", "share",
 *    "distinct", "distinctive" [{kind, feature, level?, effect, sentence}], "numeric" […],
 *    "categorical" […]) plus
 *      "naming": {"name", "rule" (SG_NAME_RULE_* id, "user" for a typed name), "rule_text"},
 *      "rules":  [{"condition", "coverage", "precision", "n_segment", "n_leaf", "sentence"}]
 *                (the decision tree's rules for the segment, largest coverage first; [] if none).
 *  - runs.metrics, member "report" (written after every run by sg_run_report_refresh()):
 *      {"version": 1,
 *       "n_rows", "n_noise", "n_excluded", "alpha", "correction",
 *       "columns": {"features": […], "profile_only": […], "categorical": […]} (column names),
 *       "names":   sg_segment_names_to_json() [{label, name, rule, rule_text, user_edited}],
 *       "tests":   [{"name", "kind" ("numeric"|"categorical"), "clustered", "test"
 *                    ("kruskal"|"chi_square"), "statistic", "p", "p_adjusted", "separates"}],
 *       "tree":    sg_cart_to_json() or null, "tree_error": why there is no tree (only then),
 *       "warnings": sg_warnings_to_json() (default minimum share: the run's min_share),
 *       "error":   only when the report could not be made (e.g. a single segment); the run stands}
 *  - runs.metrics, member "validation" (written by sg_run_report_compute() when options->store):
 *      {"computed": ISO 8601 time,
 *       "options": {"bootstrap", "seed" (decimal text: 64 bits), "compare", "min_share", "min_count",
 *                   "time"},
 *       "stability": sg_bootstrap_result_to_json() or null,
 *       "time_stability": see sg_run_report_to_json() or null,
 *       "comparison": sg_comparison_to_json() or null,
 *       "warnings": sg_warnings_to_json() with the stability and the user's minimum size}
 *
 * The automatic step skips the bootstrap (it is on demand) and chooses the tree's splits on 50,000 rows
 * (its figures use every row): on 1,000,000 customers × 16 features it adds 0.7–1.0 s (0.9 s of CPU) to
 * a 7–10 s k-means run and no peak memory (bench/run-report.sh).
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "sg-progress.h"
#include "sg-project.h"
#include "sg-run-settings.h"
#include "sg-segment-report.h"
#include "sg-stability.h"

G_BEGIN_DECLS

/* ---- the automatic step after every run ---- */

/* Profiles the run's segments, names them, fits the explaining tree, computes the warnings and stores
 * it all (see above) in one transaction. A report that cannot be made for reasons of data (one
 * segment, …) is stored as {"error": …} and is not a failure; cancellation and storage errors are. */
gboolean   sg_run_report_refresh (SgProject   *project,
                                  gint64       run_id,
                                  SgProgress  *progress,
                                  GError     **error);

/* ---- validation on demand ---- */

typedef struct {
  guint     n_boot;          /* bootstrap replicates; 0: no bootstrap */
  gboolean  seed_set;        /* FALSE: the run's own seed */
  guint64   seed;            /* bootstrap resampling streams, when seed_set */
  double    unstable_below;  /* mean Jaccard under which a segment is unstable; 0: 0.6 */
  gboolean  time;            /* stability over time (datasets derived from transactions) */
  double    time_split;      /* reference date of the earlier fit, seconds since 1970 UTC; NaN: the
                              * midpoint between the first transaction and the run's reference date */
  char     *compare_column;  /* a column of the run's dataset holding an existing segmentation; NULL */
  double    min_share;       /* warnings: smallest acceptable share; NaN: the run's min_share */
  guint64   min_count;       /* warnings: smallest acceptable number of customers; 0: none */
  gboolean  store;           /* store the results with the run (default TRUE) */
  guint     n_threads;       /* 0: default (results do not depend on it) */
} SgRunValidateOptions;

void sg_run_validate_options_init  (SgRunValidateOptions       *options);
void sg_run_validate_options_clear (SgRunValidateOptions       *options);
void sg_run_validate_options_copy  (SgRunValidateOptions       *dest,
                                    const SgRunValidateOptions *src);

typedef struct {
  gboolean         computed;
  double           earlier_reference;   /* seconds since 1970 UTC */
  double           later_reference;
  gsize            n_earlier;           /* customers clustered as of each date */
  gsize            n_later;
  SgTimeStability  result;              /* n_common, ari, nmi, verdict */
} SgRunTimeStability;

typedef struct {
  gint64            run_id;
  SgRunInfo        *run;           /* as stored */
  SgRunSettings     settings;
  char             *dataset_name;
  guint             k;
  guint64           seed;          /* of the bootstrap */
  SgRunValidateOptions options;
  SgSegmentReport  *report;        /* profile, names (typed names kept), tree, stability, comparison,
                                    * warnings */
  SgRunTimeStability time;
} SgRunReport;

void         sg_run_report_free    (SgRunReport *report);

/* Loads the run's dataset and labels and computes the report with @options (NULL: profile, names,
 * tree and warnings only, stored): bootstrap stability re-clustering each resample with the run's
 * algorithm and settings (re-scaled as the run was), stability over time by re-deriving the features
 * from the transactions as of an earlier date and as of the run's reference date, the comparison with
 * an existing segmentation and the warnings. Cancellable; deterministic for a seed whatever the thread
 * count; on failure or cancellation the project is unchanged. */
SgRunReport *sg_run_report_compute (SgProject                   *project,
                                    gint64                       run_id,
                                    const SgRunValidateOptions  *options,
                                    SgProgress                  *progress,
                                    GError                     **error);
/* The same on a worker thread with its own connection (sg_project_reopen). */
void         sg_run_report_compute_async  (SgProject                  *project,
                                           gint64                      run_id,
                                           const SgRunValidateOptions *options,
                                           GCancellable               *cancellable,
                                           SgProgressFunc              progress_func,
                                           gpointer                    progress_data,
                                           GAsyncReadyCallback         callback,
                                           gpointer                    user_data);
SgRunReport *sg_run_report_compute_finish (GAsyncResult               *result,
                                           GError                    **error);

/* {"run": {id, name, algorithm, k, dataset_id, dataset, n_rows, n_excluded, seed (text)},
 *  "options": {bootstrap, seed, compare, min_share, min_count, time},
 *  "report": sg_segment_report_to_json(),
 *  "time_stability": null or {"earlier_reference", "later_reference" (YYYY-MM-DD), "n_earlier",
 *                             "n_later", "n_common", "ari", "nmi", "verdict"}} */
JsonNode    *sg_run_report_to_json (const SgRunReport *report);

/* ---- re-clustering with a run's settings (the bootstrap's SgClusterFunc) ---- */

typedef struct {
  const SgRunSettings *settings;   /* algorithm, scaling, log1p, seed, options */
  guint                k;          /* the run's number of segments */
  double               eps;        /* DBSCAN: the radius the run used (in scaled units) */
  GCancellable        *cancellable;
} SgRunClusterData;

/* SgClusterFunc: @x holds the run's features in their own units (one row per customer); it is
 * scaled as the run was (a new scaler fitted on @x, log1p where the run had it) and clustered with
 * the run's algorithm, settings and seed at the run's k. */
gint32      *sg_run_cluster_func   (const SgMatrix *x,
                                    gpointer        user_data,
                                    GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SgRunReport, sg_run_report_free)

G_END_DECLS
