/* sg-agreement-temp.h — TEMPORARY declarations of the label-agreement measures
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * TEMPORARY: branch km writes these in sg-agreement.h/.c. Until it lands, sg-stability.c uses this
 * copy. When sg-agreement.h exists, sg-stability.c includes it instead (__has_include); then delete
 * this file and sg-agreement-temp.c, and drop 'sg-agreement-temp.c' from src/core/meson.build.
 * If km names the NMI function differently, rename the one call in sg-stability.c.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Adjusted Rand index of two labelings of the same @n items (any gint32 values are labels, as in
 * scikit-learn). 1.0 for identical partitions (and the degenerate all-in-one case). */
double sg_adjusted_rand_index    (const gint32 *a,
                                  const gint32 *b,
                                  gsize         n);
/* Normalised mutual information, arithmetic-mean normalisation (scikit-learn's default). */
double sg_normalized_mutual_info (const gint32 *a,
                                  const gint32 *b,
                                  gsize         n);

G_END_DECLS
