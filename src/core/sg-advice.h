/* sg-advice.h — feature advice and the default feature selection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Looks at every column and says, in a sentence each, what should not go into the clustering and why:
 * identifier-like columns, constant or near-constant columns (one value on ≥ 95 % of rows), columns
 * missing on more than half the rows, pairs with |correlation| > 0.9 (one is left out: the one with
 * more missing values, else the one that is not recency, frequency or monetary value, else the one more
 * correlated with the other features, else the later one),
 * dates, categories and text (described in profiles, not clustered, unless one-hot encoded), whole-number
 * columns named like categories ("Region", "Channel") with at most 20 distinct values (codes). It suggests
 * a log scale where skewness (pandas' G1) > 1, values are ≥ 0 and there are more than two distinct values
 * (not for yes/no columns), and a fill for columns with some
 * missing values. The default selection follows this advice; sg_advice_to_recipe() turns it into a
 * recipe: select, fill (median), log1p, z-score.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "sg-recipe.h"
#include "sg-table.h"

G_BEGIN_DECLS

typedef enum {
  SG_ADVICE_IDENTIFIER,
  SG_ADVICE_CONSTANT,
  SG_ADVICE_NEAR_CONSTANT,
  SG_ADVICE_MOSTLY_MISSING,
  SG_ADVICE_CORRELATED,
  SG_ADVICE_SKEWED,
  SG_ADVICE_SOME_MISSING,
  SG_ADVICE_DATE,
  SG_ADVICE_CATEGORICAL,
  SG_ADVICE_TEXT,
  SG_ADVICE_SCORE,          /* rule-based scores (RFM): compared with segments, not clustered */
  SG_ADVICE_NO_FEATURES,
  SG_ADVICE_DUPLICATE_ROWS,  /* exact duplicate rows: removed first */
  SG_ADVICE_DUPLICATE_IDS,   /* an id on several rows: the first row is kept */
} SgAdviceKind;

const char *sg_advice_kind_to_string (SgAdviceKind kind);

typedef struct {
  SgAdviceKind  kind;
  char         *column;
  char         *other;      /* the correlated column that is kept; NULL otherwise */
  double        value;      /* skewness, missing share, correlation, top-value share; NaN if none */
  gboolean      excluded;   /* left out of the default selection */
  char         *message;    /* a sentence for the user */
} SgAdviceItem;

typedef struct {
  char      *id_column;     /* the identifier kept beside the features, NULL if none */
  GPtrArray *items;         /* SgAdviceItem */
  GPtrArray *features;      /* char *: the default selection, in table order */
  GPtrArray *log1p;         /* char *: features to put on a log scale */
  GPtrArray *fill;          /* char *: features with missing values to fill (median) */
  guint64    duplicate_rows;/* exact duplicate rows */
  guint64    duplicate_ids; /* rows whose id came on an earlier row (after removing exact duplicates) */
} SgAdvice;

SgAdvice *sg_advice_analyse   (SgTable        *table,
                               GError        **error);
void      sg_advice_free      (SgAdvice       *advice);
JsonNode *sg_advice_to_json   (const SgAdvice *advice);
/* [dedupe_rows] → [dedupe_ids, keep first] → select → fill_missing (median) → log1p → scale (z-score). NULL, with @error, when no feature is left. */
SgRecipe *sg_advice_to_recipe (const SgAdvice *advice,
                               GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SgAdvice, sg_advice_free)

G_END_DECLS
