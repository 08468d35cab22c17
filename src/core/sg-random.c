/* sg-random.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * xoshiro256** and splitmix64 are by David Blackman and Sebastiano Vigna (public domain
 * algorithms, 2018); written here from their published description.
 */
#include "config.h"

#include <math.h>

#include "sg-random.h"

static guint64
splitmix64 (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

static inline guint64
rotl (guint64 x, int k)
{
  return (x << k) | (x >> (64 - k));
}

void
sg_random_init (SgRandom *rng,
                guint64   seed)
{
  guint64 state = seed;

  for (guint i = 0; i < 4; i++)
    rng->s[i] = splitmix64 (&state);
}

void
sg_random_init_stream (SgRandom   *rng,
                       guint64     seed,
                       const char *purpose,
                       guint64     index)
{
  /* FNV-1a of the purpose keeps streams for different purposes apart. */
  guint64 h = G_GUINT64_CONSTANT (0xcbf29ce484222325);
  guint64 state;

  for (const char *p = purpose ? purpose : ""; *p; p++)
    h = (h ^ (guint8) *p) * G_GUINT64_CONSTANT (0x100000001b3);
  state = seed ^ h;
  state = splitmix64 (&state) ^ (index * G_GUINT64_CONSTANT (0xd1342543de82ef95));
  sg_random_init (rng, state);
}

guint64
sg_random_next (SgRandom *rng)
{
  guint64 *s = rng->s;
  guint64 result = rotl (s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl (s[3], 45);
  return result;
}

double
sg_random_double (SgRandom *rng)
{
  return (sg_random_next (rng) >> 11) * 0x1.0p-53;
}

guint64
sg_random_below (SgRandom *rng,
                 guint64   bound)
{
  guint64 threshold, r;

  g_return_val_if_fail (bound > 0, 0);
  threshold = (0 - bound) % bound;  /* 2^64 mod bound */
  do
    r = sg_random_next (rng);
  while (r < threshold);
  return r % bound;
}

double
sg_random_normal (SgRandom *rng)
{
  double u1, u2;

  do
    u1 = sg_random_double (rng);
  while (u1 <= 0.0);
  u2 = sg_random_double (rng);
  return sqrt (-2.0 * log (u1)) * cos (2.0 * G_PI * u2);
}

void
sg_random_shuffle_u32 (SgRandom *rng,
                       guint32  *values,
                       gsize     n)
{
  for (gsize i = n; i > 1; i--)
    {
      gsize j = sg_random_below (rng, i);
      guint32 tmp = values[i - 1];

      values[i - 1] = values[j];
      values[j] = tmp;
    }
}
