/* sg-rfm.h — RFM quintile scores and the classic named RFM groups
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Scores 1–5 by rank: a customer's score is 1 + ⌊5 × s⌋ (at most 5), where s is the share of customers
 * with a strictly smaller value (for R: a strictly larger recency, so the most recent score 5).
 * Customers with equal values therefore always share a score, and a value shared by many customers
 * (one-time buyers: F = 1) makes its group larger than a fifth rather than splitting it arbitrarily
 * (pandas' qcut on rank(method="first") would split ties by row order).
 * The fitted edges are the smallest value reaching scores 2, 3, 4, 5 (for R: the largest recency),
 * so new data is scored by comparison: the same customers get the same scores.
 *
 * Named groups from R and FM = ⌈(F + M) / 2⌉ (F and M averaged, halves rounded up):
 *
 *   R \ FM   1               2                 3                 4            5
 *   5        New             Potential Loyal.  Potential Loyal.  Champions    Champions
 *   4        Promising       Potential Loyal.  Loyal             Champions    Champions
 *   3        About to Sleep  Need Attention    Need Attention    Loyal        Loyal
 *   2        Hibernating     Hibernating       At Risk           At Risk      Can't Lose
 *   1        Lost            Lost              At Risk           Can't Lose   Can't Lose
 */
#pragma once

#include <json-glib/json-glib.h>

#include "sg-table.h"

G_BEGIN_DECLS

typedef enum {
  SG_RFM_CHAMPIONS,
  SG_RFM_LOYAL,
  SG_RFM_POTENTIAL_LOYALISTS,
  SG_RFM_NEW,
  SG_RFM_PROMISING,
  SG_RFM_NEED_ATTENTION,
  SG_RFM_ABOUT_TO_SLEEP,
  SG_RFM_AT_RISK,
  SG_RFM_CANT_LOSE,
  SG_RFM_HIBERNATING,
  SG_RFM_LOST,
  SG_RFM_N_GROUPS
} SgRfmGroup;

const char *sg_rfm_group_name     (SgRfmGroup group);     /* "Champions", "Can't Lose"… (translated) */
const char *sg_rfm_group_describe (SgRfmGroup group);     /* a sentence: who they are */
SgRfmGroup  sg_rfm_group_for      (int r, int f, int m);

typedef struct {
  double r_edges[4];   /* recency at or below r_edges[k] scores at least k + 2 (descending) */
  double f_edges[4];   /* frequency at or above f_edges[k] scores at least k + 2 */
  double m_edges[4];
} SgRfmModel;

/* Score 1–5 of @value given ascending @edges (4 values, +inf where a score is never reached). */
int       sg_rfm_score            (const double *edges,
                                   double        value,
                                   gboolean      descending);
/* Fits the edges on the non-missing values of the three columns. */
gboolean  sg_rfm_fit              (const double  *recency,
                                   const double  *frequency,
                                   const double  *monetary,
                                   gsize          n,
                                   SgRfmModel    *model,
                                   GError       **error);
/* Adds r_score, f_score, m_score (integers), rfm_score ("545", categorical) and rfm_segment
 * (categorical) to @table; rows with a missing R, F or M get missing scores. Columns by name,
 * NULL: the columns with roles "recency", "frequency", "monetary". @model: NULL to fit on @table
 * (the fitted model is returned in @fitted, may be NULL). */
gboolean  sg_rfm_add_scores       (SgTable           *table,
                                   const char        *recency,
                                   const char        *frequency,
                                   const char        *monetary,
                                   const SgRfmModel  *model,
                                   SgRfmModel        *fitted,
                                   GError           **error);
JsonNode *sg_rfm_model_to_json    (const SgRfmModel  *model);
gboolean  sg_rfm_model_from_json  (JsonNode          *node,
                                   SgRfmModel        *model,
                                   GError           **error);

G_END_DECLS
