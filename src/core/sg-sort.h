/* sg-sort.h — a stable O(n) sort of doubles carrying a 32-bit payload (LSD radix on the IEEE bits)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Profiles, rank tests and decision trees sort every numeric column once; for a million rows a
 * comparison sort costs ~100 ms per column, this ~10 ms.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Sorts @keys ascending in place and applies the same permutation to @payload (may be NULL). Equal
 * keys keep their input order; −0 sorts before +0. @keys must not hold NaN. */
void sg_sort_doubles (double  *keys,
                      guint32 *payload,
                      gsize    n);

G_END_DECLS
