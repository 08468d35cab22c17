/* sg-agreement-temp.c — TEMPORARY copy of the label-agreement measures
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * TEMPORARY: delete this file (and sg-agreement-temp.h, and its line in src/core/meson.build) when
 * branch km lands sg-agreement.c, which provides the same functions.
 */
#include "config.h"

#include <math.h>

#include "sg-agreement-temp.h"

/* Dense 0-based codes for arbitrary labels, in order of first appearance. */
static guint
encode (const gint32 *labels,
        gsize         n,
        guint        *codes)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_direct_hash, g_direct_equal);
  guint next = 0;

  for (gsize i = 0; i < n; i++)
    {
      gpointer key = GINT_TO_POINTER (labels[i]);
      gpointer value;

      if (!g_hash_table_lookup_extended (seen, key, NULL, &value))
        {
          value = GUINT_TO_POINTER (next++);
          g_hash_table_insert (seen, key, value);
        }
      codes[i] = GPOINTER_TO_UINT (value);
    }
  return next;
}

typedef struct {
  guint    ka, kb;
  guint64 *table;   /* ka × kb */
  guint64 *rows;
  guint64 *cols;
} Contingency;

static void
contingency_init (Contingency  *c,
                  const gint32 *a,
                  const gint32 *b,
                  gsize         n)
{
  g_autofree guint *ca = g_new (guint, MAX (n, 1));
  g_autofree guint *cb = g_new (guint, MAX (n, 1));

  c->ka = encode (a, n, ca);
  c->kb = encode (b, n, cb);
  c->table = g_new0 (guint64, MAX ((gsize) c->ka * c->kb, 1));
  c->rows = g_new0 (guint64, MAX (c->ka, 1));
  c->cols = g_new0 (guint64, MAX (c->kb, 1));
  for (gsize i = 0; i < n; i++)
    {
      c->table[(gsize) ca[i] * c->kb + cb[i]]++;
      c->rows[ca[i]]++;
      c->cols[cb[i]]++;
    }
}

static void
contingency_clear (Contingency *c)
{
  g_free (c->table);
  g_free (c->rows);
  g_free (c->cols);
}

static double
pairs (guint64 m)
{
  return (double) m * ((double) m - 1.0) / 2.0;
}

double
sg_adjusted_rand_index (const gint32 *a,
                        const gint32 *b,
                        gsize         n)
{
  Contingency c;
  double index = 0, sum_a = 0, sum_b = 0, expected, maximum, result;

  if (n < 2)
    return 1.0;
  contingency_init (&c, a, b, n);
  for (gsize i = 0; i < (gsize) c.ka * c.kb; i++)
    index += pairs (c.table[i]);
  for (guint i = 0; i < c.ka; i++)
    sum_a += pairs (c.rows[i]);
  for (guint j = 0; j < c.kb; j++)
    sum_b += pairs (c.cols[j]);
  expected = sum_a * sum_b / pairs (n);
  maximum = (sum_a + sum_b) / 2.0;
  if (maximum - expected == 0)
    result = 1.0;
  else
    result = (index - expected) / (maximum - expected);
  contingency_clear (&c);
  return result;
}

double
sg_normalized_mutual_info (const gint32 *a,
                           const gint32 *b,
                           gsize         n)
{
  Contingency c;
  double mi = 0, ha = 0, hb = 0, nn = (double) n, result;

  if (n == 0)
    return 1.0;
  contingency_init (&c, a, b, n);
  if ((c.ka == 1 && c.kb == 1))
    {
      contingency_clear (&c);
      return 1.0;
    }
  for (guint i = 0; i < c.ka; i++)
    for (guint j = 0; j < c.kb; j++)
      {
        double nij = (double) c.table[(gsize) i * c.kb + j];

        if (nij > 0)
          mi += nij / nn * log (nij * nn / ((double) c.rows[i] * (double) c.cols[j]));
      }
  for (guint i = 0; i < c.ka; i++)
    ha -= (double) c.rows[i] / nn * log ((double) c.rows[i] / nn);
  for (guint j = 0; j < c.kb; j++)
    hb -= (double) c.cols[j] / nn * log ((double) c.cols[j] / nn);
  if (mi <= 0 || (ha + hb) <= 0)
    result = 0.0;
  else
    result = MIN (1.0, mi / ((ha + hb) / 2.0));
  contingency_clear (&c);
  return result;
}
