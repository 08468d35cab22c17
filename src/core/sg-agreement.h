/* sg-agreement.h — how much two labelings of the same rows agree
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Adjusted Rand index and normalised mutual information with scikit-learn's formulas (1.2), and
 * the contingency table of two labelings. Labels are arbitrary integers; every negative label
 * (noise, unassigned) counts as one and the same group, which is what scikit-learn does with -1.
 * Both measures are symmetric in a and b.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* 1 for identical partitions (up to renaming), about 0 for chance agreement, can be negative.
 * 1 when @n is 0 or both labelings are one group. */
double sg_adjusted_rand_index    (const gint32 *a,
                                  const gint32 *b,
                                  gsize         n);
/* Mutual information over the arithmetic mean of the two entropies (scikit-learn's default),
 * natural logarithms; in [0, 1]. 1 when @n is 0 or both are one group. */
double sg_normalized_mutual_info (const gint32 *a,
                                  const gint32 *b,
                                  gsize         n);

/* Rows are the distinct values of a (ascending; all negative ones as -1), columns those of b. */
typedef struct {
  guint    n_a, n_b;
  gint32  *a_values;   /* n_a */
  gint32  *b_values;   /* n_b */
  guint64 *counts;     /* n_a × n_b, row-major: counts[i * n_b + j] rows with a_values[i], b_values[j] */
} SgContingency;

SgContingency *sg_contingency_new  (const gint32  *a,
                                    const gint32  *b,
                                    gsize          n);
void           sg_contingency_free (SgContingency *contingency);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SgContingency, sg_contingency_free)

G_END_DECLS
