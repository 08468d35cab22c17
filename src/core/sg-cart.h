/* sg-cart.h — a shallow decision tree that explains segment membership in the original units
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CART with the Gini criterion, depth ≤ 3: numeric splits "x ≤ t" at midpoints between neighbouring
 * values, one-vs-rest splits "x = level" for string columns, a minimum leaf size. Rows without a
 * value at a split follow the larger side. Ties are broken by column order, then threshold (level
 * order for strings), so the tree is deterministic. Trained on the rows in segments 0..k−1 (noise
 * and excluded rows are left out); large tables are subsampled with a seeded stream for training,
 * and every statistic (leaf counts, accuracy, precision, coverage) is then computed on all rows.
 * Sibling leaves that predict the same segment are merged, so rules read simply.
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "sg-table.h"

G_BEGIN_DECLS

typedef struct {
  guint   max_depth;   /* 3; at most 3 (deeper trees are not explanations) */
  guint   min_leaf;    /* 0: max(5, 1 % of the training rows) */
  guint   max_rows;    /* rows used to choose splits; 0: 200,000 */
  guint   max_levels;  /* string levels considered per column, most frequent first; 0: 50 */
  guint64 seed;        /* for the subsample */
} SgCartOptions;

void sg_cart_options_init (SgCartOptions *options);

typedef enum {
  SG_CART_SPLIT_NUMERIC,   /* value ≤ threshold goes left */
  SG_CART_SPLIT_LEVEL,     /* value = level goes left */
} SgCartSplitKind;

typedef struct {
  gboolean         leaf;
  guint            depth;
  gint             parent;        /* −1 for the root */
  gint             left, right;   /* −1 for a leaf */
  /* split (internal nodes) */
  guint            feature;       /* index into SgCart.columns */
  SgCartSplitKind  kind;
  double           threshold;     /* midway between the values either side, as scikit-learn does */
  double           cut;           /* what rules show: the roundest number above the left side's largest
                                   * value and at most the right side's smallest (x < cut goes left) */
  char            *level;
  gboolean         missing_left;  /* rows without a value go left */
  guint64          n_missing;     /* rows without a value at this split */
  /* every node, over all training rows */
  guint64          n;
  guint64         *counts;        /* k */
  gint32           prediction;    /* the majority segment (lowest label on a tie) */
} SgCartNode;

typedef struct {
  guint    leaf;          /* node index */
  char    *condition;     /* "days_since_last_purchase > 180 and avg_order_value > 250" */
  guint64  n_segment;     /* rows of the segment in the leaf */
  guint64  n_leaf;        /* rows in the leaf */
  double   coverage;      /* n_segment / segment size */
  double   precision;     /* n_segment / n_leaf */
  char    *sentence;      /* "… → 91% of this segment, 87% precise" */
} SgCartRule;

typedef struct {
  guint        k;
  guint        n_columns;
  guint       *columns;        /* table columns the tree may split on */
  char       **names;          /* their names */
  guint        n_nodes;
  SgCartNode  *nodes;          /* node 0 is the root */
  guint64      n_rows;         /* rows in segments 0..k−1 */
  guint64      n_trained;      /* rows used to choose the splits */
  double       accuracy;       /* share of rows whose leaf predicts their segment */
  double      *importance;     /* n_columns: Gini importance, summing to 1 (all 0 for a stump) */
  guint       *n_rules;        /* k */
  SgCartRule **rules;          /* k arrays, largest coverage first */
} SgCart;

/* Fits the tree. Fails for labels outside −2..k−1, an unknown column, or fewer than two segments
 * with rows. */
SgCart   *sg_cart_fit          (SgTable             *table,
                                const gint32        *labels,
                                guint                k,
                                const guint         *columns,
                                guint                n_columns,
                                const SgCartOptions *options,
                                GError             **error);
void      sg_cart_free         (SgCart   *cart);
/* The leaf (node index) row @row of @table (same columns as when fitted) lands in. */
guint     sg_cart_leaf_for_row (const SgCart *cart,
                                SgTable      *table,
                                guint         row);
/* Plain text of a segment's rules, one per line; a sentence when there is none. */
char     *sg_cart_describe_segment (const SgCart *cart,
                                    guint         segment);
JsonNode *sg_cart_to_json      (const SgCart      *cart,
                                const char *const *segment_names);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SgCart, sg_cart_free)

G_END_DECLS
