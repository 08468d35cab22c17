/* sg-profile.h — who is in each segment: sizes, feature statistics, tests, plain-language facts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Labels: one gint32 per table row; 0..k−1 a segment, −1 unassigned (noise), −2 excluded from the
 * run. "Overall" means every row in the run (all labels except −2, noise included); "the rest" of a
 * segment is the run without that segment. Missing values (NaN / NULL) are left out per column, and
 * so are infinite numbers.
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "sg-progress.h"
#include "sg-stat-tests.h"
#include "sg-table.h"

G_BEGIN_DECLS

/* The same values as sg-project.h's (which stores runs); defined here too so the engine need not
 * include the project API. */
#ifndef SG_LABEL_UNASSIGNED
#define SG_LABEL_UNASSIGNED (-1)   /* noise: in the run, in no segment */
#endif
#ifndef SG_LABEL_EXCLUDED
#define SG_LABEL_EXCLUDED   (-2)   /* not in the run */
#endif

/* Whether "segment mean / overall mean × 100" means something for a column. */
typedef enum {
  SG_INDEX_OK,
  SG_INDEX_ZERO_MEAN,    /* the overall mean is zero or nearly so */
  SG_INDEX_MIXED_SIGNS,  /* the column holds negative and positive values */
  SG_INDEX_NOT_RATIO,    /* dates and times: a ratio of instants means nothing */
} SgIndexStatus;

const char *sg_index_status_to_string (SgIndexStatus status);

typedef struct {
  guint  n;                   /* values (non-missing) in the segment; 0 → the rest is NaN */
  double mean;
  double sd;                  /* sample standard deviation (n − 1) */
  double median;
  double q1, q3;              /* quartiles, linear interpolation (numpy's default) */
  double index;               /* mean / overall mean × 100; NaN unless index_status is SG_INDEX_OK */
  double cohens_d;            /* against the rest, pooled standard deviation */
  double p_vs_rest;           /* Welch's t test against the rest (NaN when it could not run) */
  double p_vs_rest_adjusted;  /* corrected over all segments × numeric features */
} SgNumericSegmentStats;

typedef struct {
  guint          column;      /* index in the table */
  char          *name;
  char          *role;        /* the column's role, else one guessed from its name; NULL when unknown */
  char          *unit;        /* "k$", "days", "%"…; NULL when unknown */
  SgColumnType   type;
  gboolean       clustered;   /* one of the features the segments were made from */
  /* overall */
  guint          n;
  double         mean, sd, median, q1, q3, min, max;
  SgIndexStatus  index_status;
  /* across segments (noise left out); tested is FALSE when fewer than two segments have values */
  gboolean       tested;
  SgStatResult   anova;
  SgStatResult   kruskal;
  double         anova_p_adjusted;    /* corrected over the numeric features */
  double         kruskal_p_adjusted;  /* corrected over all features (numeric and categorical) */
  gboolean       separates;           /* kruskal_p_adjusted < alpha */
  SgNumericSegmentStats *segments;    /* k */
} SgNumericProfile;

typedef struct {
  char    *level;     /* the value as a person reads it; the pooled rare levels are "Other" */
  guint64  count;     /* rows in the run with this value */
  double   share;     /* of the run's rows that have a value */
  guint64 *counts;    /* k */
  double  *shares;    /* k: of the segment's rows that have a value */
  double  *lifts;     /* k: segment share / overall share */
} SgLevelProfile;

typedef struct {
  guint           column;
  char           *name;
  char           *role;
  gboolean        clustered;
  guint           n_levels;
  SgLevelProfile *levels;          /* most frequent first */
  gboolean        other_pooled;    /* the last level pools the rarest values */
  guint64         n_known;         /* rows in the run with a value */
  guint64        *n_known_segment; /* k */
  gboolean        tested;
  SgStatResult    chi_square;      /* segments × levels, noise left out */
  double          min_expected;    /* below 5 the chi-square p-value is rough */
  double          p_adjusted;      /* corrected over all features */
  gboolean        separates;
} SgCategoricalProfile;

typedef enum {
  SG_DISTINCTIVE_NUMERIC,
  SG_DISTINCTIVE_LEVEL,
} SgDistinctiveKind;

typedef struct {
  SgDistinctiveKind kind;
  guint   feature;    /* index into SgProfile.numeric or SgProfile.categorical */
  guint   level;      /* SG_DISTINCTIVE_LEVEL: index into that feature's levels */
  double  effect;     /* Cohen's d (numeric) or Cohen's h (the level's share against the rest) */
  char   *sentence;   /* "Buys 4.1× as often as the average customer" */
} SgDistinctive;

typedef struct {
  gint32         label;
  guint64        size;
  double         share;          /* of the rows in the run */
  guint          n_distinctive;
  SgDistinctive *distinctive;    /* by |effect|, largest first */
  gboolean       distinct;       /* some numeric feature differs significantly (Welch, corrected)
                                  * with |d| ≥ min_effect; FALSE for a segment like everyone else */
} SgSegmentProfile;

typedef struct {
  guint                  k;
  guint64                n_rows;        /* rows in the run (label ≠ −2) */
  guint64                n_noise;       /* label −1 */
  guint64                n_excluded;    /* label −2 */
  double                 alpha;
  SgPAdjust              correction;
  double                 min_effect;
  guint                  n_numeric;
  SgNumericProfile      *numeric;
  guint                  n_categorical;
  SgCategoricalProfile  *categorical;
  SgSegmentProfile      *segments;      /* k */
} SgProfile;

typedef struct {
  const guint *extra_numeric_columns;   /* numeric columns profiled but not clustered */
  guint        n_extra_numeric;
  double       alpha;                   /* 0.05 */
  SgPAdjust    correction;              /* SG_P_ADJUST_HOLM */
  guint        max_levels;              /* 20: rarer values are pooled into "Other" */
  guint        max_distinctive;         /* 5 per segment */
  double       min_effect;              /* 0.2: smaller |d| or |h| is not called distinctive */
  guint        n_threads;               /* 0: default */
} SgProfileOptions;

void        sg_profile_options_init (SgProfileOptions *options);

/* Profiles every segment. @feature_columns are the clustering features: numeric ones get numeric
 * statistics, string ones level shares. @categorical_columns are profiled by level whatever their
 * type (country, gender, a channel coded 1/2…). Fails for labels outside −2..k−1, an empty segment,
 * a bad column index or a numeric column without a value in the run. */
SgProfile  *sg_profile_compute      (SgTable       *table,
                                     const gint32  *labels,
                                     guint          k,
                                     const guint   *feature_columns,
                                     guint          n_features,
                                     const guint   *categorical_columns,
                                     guint          n_cat,
                                     GError       **error);
SgProfile  *sg_profile_compute_full (SgTable                *table,
                                     const gint32           *labels,
                                     guint                   k,
                                     const guint            *feature_columns,
                                     guint                   n_features,
                                     const guint            *categorical_columns,
                                     guint                   n_cat,
                                     const SgProfileOptions *options,
                                     SgProgress             *progress,
                                     GError                **error);
void        sg_profile_free         (SgProfile *profile);

/* The numeric feature of @column, or NULL. */
const SgNumericProfile *sg_profile_find_numeric (const SgProfile *profile,
                                                 guint            column);

/* JSON object of one segment's part of the profile (what SgSegmentInfo.profile stores): size, share,
 * distinctive facts, and per feature the segment's statistics beside the overall ones. */
JsonNode   *sg_profile_segment_to_json (const SgProfile *profile,
                                        guint            segment);

/* JSON object of the whole profile. Non-finite numbers are written as null. @segment_names
 * (k entries, may be NULL) are written beside each segment. */
JsonNode   *sg_profile_to_json      (const SgProfile   *profile,
                                     const char *const *segment_names);

/* A role from a column name ("days_since_last_purchase" → "recency", "NumWebPurchases" →
 * "frequency", "MntWines" → "monetary"…): recency, frequency, monetary, order_value, discount,
 * engagement, tenure, interpurchase, trend, returns, categories, favourite_category, support, age,
 * income, children, country, location, gender, channel, id, and the RFM columns' r_score, f_score,
 * m_score, rfm_score, rfm_segment; NULL if none. */
const char *sg_column_role_guess    (const char *name);
/* A unit from a column name: "Annual Income (k$)" → "k$", "days_since_…" → "days"; NULL if none. */
char       *sg_column_unit_guess    (const char *name);
/* The name as a label for people, capitalised: without a parenthesised unit ("Annual Income (k$)" →
 * "Annual Income"), the derived features in words ("n_categories" → "Product categories",
 * "avg_order_value" → "Average order value"), other names split into words with abbreviations
 * spelt out ("NumWebVisitsMonth" → "Web visits per month", "CASH_ADVANCE_TRX" → "Cash advance
 * transactions"). Names typed as words ("Spending Score") stay as they are. */
char       *sg_column_display_name  (const char *name);
/* The display name as it reads inside a sentence: "product categories", "annual income", "RFM group". */
char       *sg_column_display_phrase (const char *name);
/* A number for tables: about three significant digits, no trailing zeros, thousands grouped as the
 * locale does (a comma in the C locale): "86.3", "2,400", "0.125". */
char       *sg_profile_format_number (double value);
/* A number for sentences, rounded to what a reader needs: whole numbers from 10 ("4,882", "29"), one
 * decimal below ("2.2"), two significant digits below 1 ("0.051"). */
char       *sg_profile_format_amount (double value);
/* A numeric feature's value for a sentence: in its unit ("88 k$", "210 days"), a share in per cent
 * ("33%"), a date as month and year ("Mar 2011"). */
char       *sg_profile_format_value (const SgNumericProfile *feature,
                                     double                  value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SgProfile, sg_profile_free)

G_END_DECLS
