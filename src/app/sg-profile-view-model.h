/* sg-profile-view-model.h — a run's stored report and validation as the rows and sentences the segment
 * details, the validation and the comparison views show
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure functions from what sg_run_report_refresh() and sg_run_report_compute() stored (segments.name,
 * name_rule, name_edited, segments.profile, and the run's metrics members "report" and "validation",
 * see sg-run-report.h) to plain structs of numbers and ready-made text: no GTK, no project access.
 * Every part may be missing (runs made before the report existed, a report that failed for a single
 * segment, a run never validated): the builders then leave that part empty and say why, never fail.
 * Names in stored sentences are those of the time they were written; the builders put in the current
 * names, so a renamed segment reads the same everywhere.
 */
#pragma once

#include <glib.h>

#include "sg-project.h"

G_BEGIN_DECLS

/* ---- one numeric feature of a segment (the profile table) ---- */

typedef enum {
  SG_PROFILE_SORT_FEATURE,        /* by name, A to Z */
  SG_PROFILE_SORT_SEGMENT_MEAN,
  SG_PROFILE_SORT_OVERALL_MEAN,
  SG_PROFILE_SORT_INDEX,
  SG_PROFILE_SORT_EFFECT,         /* by |Cohen's d|: the default, largest first */
  SG_PROFILE_SORT_SIGNIFICANCE,   /* by adjusted p, most significant first */
} SgProfileSort;

typedef struct {
  char       *column;          /* as stored ("Annual Income (k$)") */
  char       *feature;         /* for people ("Annual Income") */
  gboolean    clustered;       /* one of the features the segments were made from */
  double      segment_mean;
  double      overall_mean;
  char       *segment_text;    /* in the column's unit: "86.1 k$", a date for dates */
  char       *overall_text;
  double      index;           /* segment mean / overall mean × 100; NaN where a ratio means nothing */
  char       *index_text;      /* "142", or "–" */
  double      effect;          /* Cohen's d against the rest; NaN if unknown */
  char       *effect_text;     /* "+1.39" */
  const char *effect_words;    /* "very large", "large", "medium", "small", "negligible" */
  double      p_adjusted;      /* Welch's t test against the rest, corrected; NaN when not tested */
  gboolean    significant;     /* p_adjusted < the report's alpha */
  char       *significance_text;  /* "Yes", "No", "Not tested" */
  char       *significance_detail;/* "p < 0.001 (Welch’s t test against the other customers, Holm-corrected)" */
} SgProfileRow;

void        sg_profile_row_free   (SgProfileRow *row);
/* Sorts SgProfileRow* in place; rows without a value for the key go last either way. */
void        sg_profile_rows_sort  (GPtrArray     *rows,
                                   SgProfileSort  key,
                                   gboolean       descending);
/* Words for the size of a standardised difference (|d| < 0.2 negligible … ≥ 1.2 very large). */
const char *sg_effect_size_words  (double         effect);

/* ---- a categorical column in a segment (lifts) ---- */

typedef struct {
  char    *level;
  guint64  count;          /* customers of the segment with this value */
  double   share;          /* of the segment's customers with a value */
  double   overall_share;
  double   lift;           /* share / overall_share; NaN when the level is absent overall */
  char    *share_text;     /* "57%" */
  char    *overall_text;
  char    *lift_text;      /* "×1.03" */
} SgLiftRow;

typedef struct {
  char      *column;
  char      *feature;      /* for people */
  guint64    n_known;      /* customers of the segment with a value */
  gboolean   tested;       /* the report has a chi-square test for the column */
  gboolean   separates;
  double     p_adjusted;
  char      *summary;      /* whether the segments differ on it, in words */
  GPtrArray *levels;       /* SgLiftRow*, most frequent first */
} SgLiftTable;

void sg_lift_table_free (SgLiftTable *table);

/* ---- the decision tree's rules for a segment ---- */

typedef struct {
  char    *condition;      /* "Annual Income (k$) > 68 and Spending Score (1-100) > 49" */
  double   coverage;       /* of the segment */
  double   precision;      /* of the customers the rule matches, the share in the segment */
  guint64  n_segment;
  guint64  n_leaf;
  char    *explanation;    /* "Covers 96% of this segment; 45 of the 45 customers it matches (100%) are in it." */
} SgRuleRow;

void sg_rule_row_free (SgRuleRow *row);

/* ---- warnings ---- */

typedef struct {
  char *kind;              /* "small-segment", "unstable-segment"… (sg_warning_kind_to_string) */
  char *severity;          /* "info", "warning", "serious" */
  int   segment;           /* −1: the run as a whole */
  char *feature;           /* or NULL */
  char *message;           /* what is wrong */
  char *advice;            /* what to do */
} SgWarningRow;

void sg_warning_row_free (SgWarningRow *row);

/* ---- bootstrap stability of a segment ---- */

typedef struct {
  guint    segment;
  double   jaccard;        /* mean over the resamples; NaN if the segment was never drawn */
  gboolean unstable;
  guint    n_boot;
  guint    n_valid;
  guint    n_recovered;    /* resamples in which it came back almost as it was (Jaccard ≥ 0.75) */
  guint    n_dissolved;    /* … in which it fell apart (≤ 0.5) */
  const char *verdict;     /* "Stable", "Unstable" */
  char    *sentence;       /* what it means, with the numbers after the words */
  char    *summary;        /* the numbers in a few words: "Found again in 9 of 10 tries" */
} SgStabilityRow;

void sg_stability_row_free (SgStabilityRow *row);

/* ---- the comparison with an existing segmentation ---- */

typedef struct {
  char     *old_column;
  char     *old_title;     /* the column for people: "RFM group" for rfm_segment */
  guint     k;             /* AI segments (rows of @table) */
  guint     n_old;         /* old groups (columns), most frequent first */
  char    **names;         /* k, current names */
  char    **old_levels;    /* n_old */
  guint64  *table;         /* k × n_old counts, row-major */
  guint64  *row_totals;    /* k */
  guint64  *col_totals;    /* n_old */
  guint64   n;             /* customers in both */
  double    ari;
  double    nmi;
  const char *agreement_words;  /* "Nearly the same groups" … "No more alike than chance" */
  char     *headline;      /* one sentence in words: how far the two agree */
  char     *measures;      /* the ARI and NMI, with what they mean */
  GStrv     splits;        /* old groups the AI segments split: "Old group “Champions” is spread over …" */
  GStrv     pools;         /* AI segments that pool several old groups */
} SgComparisonView;

SgComparisonView *sg_comparison_view_copy (const SgComparisonView *view);
void   sg_comparison_view_free  (SgComparisonView *view);
/* Share of AI segment @segment's customers who are in old group @old (NaN for an empty segment). */
double sg_comparison_view_segment_share (const SgComparisonView *view,
                                         guint                   segment,
                                         guint                   old);
/* Share of old group @old's customers who are in AI segment @segment. */
double sg_comparison_view_old_share     (const SgComparisonView *view,
                                         guint                   segment,
                                         guint                   old);
/* Words for an adjusted Rand index. */
const char *sg_agreement_words (double ari);

/* ---- one segment's details ---- */

typedef struct {
  guint       segment;
  guint       k;
  char       *name;
  gboolean    name_edited;       /* the user typed the name */
  char       *name_rule;         /* how the automatic name was made; NULL if unknown */
  char       *name_note;         /* "Named by rule: …", or that the user named it and by which rule the
                                  * automatic name was made */
  guint64     size;
  double      share;             /* of the customers in the run */
  char       *size_text;         /* "47 customers · 23.5% of the customers in this run" */

  gboolean    has_profile;
  char       *no_profile_reason; /* when !has_profile */
  gboolean    distinct;          /* differs significantly and materially on some feature */
  GStrv       sentences;         /* what sets it apart, most distinctive first (may be empty) */
  GPtrArray  *rows;              /* SgProfileRow*, by |effect|, largest first */
  GPtrArray  *lifts;             /* SgLiftTable* */

  GPtrArray  *rules;             /* SgRuleRow*, largest coverage first */
  gboolean    has_tree;
  double      tree_accuracy;     /* NaN without a tree */
  char       *rules_note;        /* what the tree's accuracy means, or why there are no rules */

  GPtrArray  *warnings;          /* SgWarningRow* about this segment, most serious first */

  gboolean    validated;         /* the run has a stored validation */
  SgStabilityRow *stability;     /* NULL unless the validation had a bootstrap */
  char       *comparison_note;   /* "By “RFM group”: 35% Champions, 32% At Risk, 21% Loyal."; NULL if none */
} SgSegmentView;

/* @run: its metrics JSON is read (may be NULL or lack the report); @segments: SgSegmentInfo* of the run
 * (sg_project_list_segments), for the names; @segment: 0-based. NULL only for a segment out of range. */
SgSegmentView *sg_segment_view_new  (const SgRunInfo *run,
                                     GPtrArray       *segments,
                                     guint            segment);
void           sg_segment_view_free (SgSegmentView   *view);

/* ---- the run's validation ---- */

typedef struct {
  guint       k;
  char      **names;             /* k, current names */
  gboolean    has_report;
  char       *report_note;       /* why there is no report, when !has_report */
  double      tree_accuracy;     /* NaN without a tree */

  gboolean    validated;
  char       *computed;          /* when, for people; NULL if not validated */
  /* the options the stored validation used (defaults when none) */
  guint       n_boot;
  char       *compare_column;    /* NULL: none */
  double      min_share;         /* NaN: the run's */
  guint64     min_count;
  gboolean    time;

  GPtrArray  *stability;         /* SgStabilityRow* (k) or empty */
  guint       n_unstable;
  char       *stability_summary; /* NULL when no bootstrap */
  gboolean    has_time;
  char       *time_summary;      /* stability over time in words, NULL when not measured */
  double      time_ari;
  SgComparisonView *comparison;  /* NULL when not compared */
  GPtrArray  *warnings;          /* SgWarningRow*, the whole run's, most serious first */
} SgRunValidationView;

/* @segments as for sg_segment_view_new(). Never NULL. */
SgRunValidationView *sg_run_validation_view_new  (const SgRunInfo *run,
                                                  GPtrArray       *segments);
void                 sg_run_validation_view_free (SgRunValidationView *view);

/* ---- renaming ---- */

/* The name @text would give segment @segment, trimmed; NULL with @error (SG_ERROR_INVALID_ARGUMENT)
 * when it is empty, too long, or already another segment's (case-insensitively). @segments:
 * SgSegmentInfo*. */
char *sg_segment_name_check (GPtrArray   *segments,
                             guint        segment,
                             const char  *text,
                             GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SgSegmentView, sg_segment_view_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SgRunValidationView, sg_run_validation_view_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SgComparisonView, sg_comparison_view_free)

G_END_DECLS
