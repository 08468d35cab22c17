/* sg-random.h — small, fast, seedable random streams for reproducible results
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * xoshiro256** seeded through splitmix64. Every purpose (k-means++ init, restart r, bootstrap
 * replicate b, silhouette sample…) derives its own stream from the user's seed with
 * sg_random_init_stream(), so results do not depend on thread count or call order.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  guint64 s[4];
} SgRandom;

void    sg_random_init        (SgRandom *rng,
                               guint64   seed);
/* An independent stream for (seed, purpose, index): e.g. purpose "kmeans-init", index = restart. */
void    sg_random_init_stream (SgRandom   *rng,
                               guint64     seed,
                               const char *purpose,
                               guint64     index);
guint64 sg_random_next        (SgRandom *rng);
/* Uniform in [0, 1) with 53 random bits. */
double  sg_random_double      (SgRandom *rng);
/* Uniform integer in [0, bound), without modulo bias. */
guint64 sg_random_below       (SgRandom *rng,
                               guint64   bound);
/* Standard normal (Box–Muller, one value per call). */
double  sg_random_normal      (SgRandom *rng);
/* Shuffles @n guint32 values in place (Fisher–Yates). */
void    sg_random_shuffle_u32 (SgRandom *rng,
                               guint32  *values,
                               gsize     n);

G_END_DECLS
