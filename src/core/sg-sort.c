/* sg-sort.c — a stable O(n) sort of doubles carrying a 32-bit payload
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "sg-sort.h"

/* IEEE doubles as unsigned integers that sort in the same order: flip every bit of a negative
 * number, only the sign bit of a positive one. */
static inline guint64
to_ordered (double value)
{
  guint64 bits;

  memcpy (&bits, &value, sizeof bits);
  return (bits & G_GUINT64_CONSTANT (0x8000000000000000)) ? ~bits : bits ^ G_GUINT64_CONSTANT (0x8000000000000000);
}

static inline double
from_ordered (guint64 bits)
{
  double value;

  bits = (bits & G_GUINT64_CONSTANT (0x8000000000000000)) ? bits ^ G_GUINT64_CONSTANT (0x8000000000000000) : ~bits;
  memcpy (&value, &bits, sizeof value);
  return value;
}

static void
insertion_sort (double  *keys,
                guint32 *payload,
                gsize    n)
{
  for (gsize i = 1; i < n; i++)
    {
      double k = keys[i];
      guint32 p = payload != NULL ? payload[i] : 0;
      gsize j = i;

      while (j > 0 && to_ordered (keys[j - 1]) > to_ordered (k))
        {
          keys[j] = keys[j - 1];
          if (payload != NULL)
            payload[j] = payload[j - 1];
          j--;
        }
      keys[j] = k;
      if (payload != NULL)
        payload[j] = p;
    }
}

void
sg_sort_doubles (double  *keys,
                 guint32 *payload,
                 gsize    n)
{
  enum { BITS = 11, BUCKETS = 1 << BITS, PASSES = (64 + BITS - 1) / BITS };
  guint64 *a, *b;
  guint32 *pa = payload, *pb = NULL;
  gsize *counts;

  if (n < 64)
    {
      insertion_sort (keys, payload, n);
      return;
    }
  a = g_new (guint64, n);
  b = g_new (guint64, n);
  if (payload != NULL)
    pb = g_new (guint32, n);
  counts = g_new (gsize, (gsize) PASSES * BUCKETS);
  memset (counts, 0, (gsize) PASSES * BUCKETS * sizeof (gsize));
  for (gsize i = 0; i < n; i++)
    {
      guint64 v = to_ordered (keys[i]);

      a[i] = v;
      for (guint p = 0; p < PASSES; p++)
        counts[(gsize) p * BUCKETS + ((v >> (p * BITS)) & (BUCKETS - 1))]++;
    }
  for (guint p = 0; p < PASSES; p++)
    {
      gsize *c = counts + (gsize) p * BUCKETS;
      gsize sum = 0;
      guint shift = p * BITS;

      /* a digit every key shares moves nothing */
      if (c[(a[0] >> shift) & (BUCKETS - 1)] == n)
        continue;
      for (guint d = 0; d < BUCKETS; d++)
        {
          gsize t = c[d];

          c[d] = sum;
          sum += t;
        }
      for (gsize i = 0; i < n; i++)
        {
          gsize at = c[(a[i] >> shift) & (BUCKETS - 1)]++;

          b[at] = a[i];
          if (payload != NULL)
            pb[at] = pa[i];
        }
      {
        guint64 *t = a;

        a = b;
        b = t;
      }
      if (payload != NULL)
        {
          guint32 *t = pa;

          pa = pb;
          pb = t;
        }
    }
  for (gsize i = 0; i < n; i++)
    keys[i] = from_ordered (a[i]);
  if (payload != NULL && pa != payload)
    {
      memcpy (payload, pa, n * sizeof (guint32));
      pb = pa;   /* the scratch buffer to free */
    }
  g_free (a);
  g_free (b);
  g_free (pb);
  g_free (counts);
}
