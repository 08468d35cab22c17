/* sg-agreement.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The formulas follow scikit-learn 1.2 (adjusted_rand_score through the pair confusion matrix,
 * normalized_mutual_info_score with arithmetic averaging) so that results agree to rounding.
 */
#include "config.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sg-agreement.h"

/* Labels coded as 0..n_values-1, in ascending order of value (negative labels as one, -1). */
typedef struct {
  guint    n_values;
  gint32  *values;
  guint32 *index;
} Coding;

static inline gint32
normalise (gint32 v)
{
  return v < 0 ? -1 : v;
}

static int
compare_int32 (gconstpointer a,
               gconstpointer b)
{
  gint32 x = *(const gint32 *) a, y = *(const gint32 *) b;

  return (x > y) - (x < y);
}

static void
coding_init (Coding       *coding,
             const gint32 *labels,
             gsize         n)
{
  gint32 lo = G_MAXINT32, hi = G_MININT32;

  coding->index = g_new (guint32, MAX (n, 1));
  coding->n_values = 0;
  if (n == 0)
    {
      coding->values = g_new (gint32, 1);
      return;
    }
  for (gsize i = 0; i < n; i++)
    {
      gint32 v = normalise (labels[i]);

      lo = MIN (lo, v);
      hi = MAX (hi, v);
    }
  if ((guint64) ((gint64) hi - lo) < MAX ((guint64) n, 1u << 16))
    {
      /* Small range (the usual case, cluster numbers): a direct table. */
      gsize range = (gsize) ((gint64) hi - lo) + 1;
      g_autofree guint32 *slot = g_new0 (guint32, range);

      for (gsize i = 0; i < n; i++)
        slot[normalise (labels[i]) - lo] = 1;
      coding->values = g_new (gint32, range);
      for (gsize r = 0; r < range; r++)
        if (slot[r])
          {
            coding->values[coding->n_values] = (gint32) ((gint64) lo + (gint64) r);
            slot[r] = coding->n_values++;
          }
      for (gsize i = 0; i < n; i++)
        coding->index[i] = slot[normalise (labels[i]) - lo];
    }
  else
    {
      gint32 *sorted = g_new (gint32, n);
      guint m = 0;

      for (gsize i = 0; i < n; i++)
        sorted[i] = normalise (labels[i]);
      qsort (sorted, n, sizeof (gint32), compare_int32);
      for (gsize i = 0; i < n; i++)
        if (m == 0 || sorted[m - 1] != sorted[i])
          sorted[m++] = sorted[i];
      coding->values = sorted;
      coding->n_values = m;
      for (gsize i = 0; i < n; i++)
        {
          gint32 v = normalise (labels[i]);
          guint low = 0, high = m;

          while (low < high)
            {
              guint mid = low + (high - low) / 2;

              if (sorted[mid] < v)
                low = mid + 1;
              else
                high = mid;
            }
          coding->index[i] = low;
        }
    }
}

static void
coding_clear (Coding *coding)
{
  g_free (coding->values);
  g_free (coding->index);
}

/* The non-zero cells of the contingency table, in row-major order, with the margins. */
typedef struct {
  Coding   a, b;
  guint64 *a_sums, *b_sums;
  gsize    n_cells;
  guint32 *cell_a, *cell_b;
  guint64 *cell_n;
} Table;

static int
compare_uint64 (gconstpointer p,
                gconstpointer q)
{
  guint64 x = *(const guint64 *) p, y = *(const guint64 *) q;

  return (x > y) - (x < y);
}

static void
table_init (Table        *t,
            const gint32 *a,
            const gint32 *b,
            gsize         n)
{
  guint64 cells;

  memset (t, 0, sizeof *t);
  coding_init (&t->a, a, n);
  coding_init (&t->b, b, n);
  t->a_sums = g_new0 (guint64, MAX (t->a.n_values, 1));
  t->b_sums = g_new0 (guint64, MAX (t->b.n_values, 1));
  for (gsize i = 0; i < n; i++)
    {
      t->a_sums[t->a.index[i]]++;
      t->b_sums[t->b.index[i]]++;
    }
  cells = (guint64) t->a.n_values * t->b.n_values;
  if (cells <= MAX ((guint64) n, 1u << 16))
    {
      g_autofree guint64 *dense = g_new0 (guint64, MAX (cells, 1));

      for (gsize i = 0; i < n; i++)
        dense[(gsize) t->a.index[i] * t->b.n_values + t->b.index[i]]++;
      for (gsize c = 0; c < cells; c++)
        t->n_cells += dense[c] != 0;
      t->cell_a = g_new (guint32, MAX (t->n_cells, 1));
      t->cell_b = g_new (guint32, MAX (t->n_cells, 1));
      t->cell_n = g_new (guint64, MAX (t->n_cells, 1));
      t->n_cells = 0;
      for (gsize c = 0; c < cells; c++)
        if (dense[c] != 0)
          {
            t->cell_a[t->n_cells] = (guint32) (c / t->b.n_values);
            t->cell_b[t->n_cells] = (guint32) (c % t->b.n_values);
            t->cell_n[t->n_cells++] = dense[c];
          }
    }
  else
    {
      /* Many distinct labels: sort the (a, b) pairs instead of a huge dense table. */
      g_autofree guint64 *keys = g_new (guint64, n);

      for (gsize i = 0; i < n; i++)
        keys[i] = ((guint64) t->a.index[i] << 32) | t->b.index[i];
      qsort (keys, n, sizeof (guint64), compare_uint64);
      t->cell_a = g_new (guint32, n);
      t->cell_b = g_new (guint32, n);
      t->cell_n = g_new (guint64, n);
      for (gsize i = 0; i < n; i++)
        {
          if (t->n_cells > 0 && keys[i] == keys[i - 1])
            {
              t->cell_n[t->n_cells - 1]++;
              continue;
            }
          t->cell_a[t->n_cells] = (guint32) (keys[i] >> 32);
          t->cell_b[t->n_cells] = (guint32) (keys[i] & 0xffffffffu);
          t->cell_n[t->n_cells++] = 1;
        }
    }
}

static void
table_clear (Table *t)
{
  coding_clear (&t->a);
  coding_clear (&t->b);
  g_free (t->a_sums);
  g_free (t->b_sums);
  g_free (t->cell_a);
  g_free (t->cell_b);
  g_free (t->cell_n);
}

double
sg_adjusted_rand_index (const gint32 *a,
                        const gint32 *b,
                        gsize         n)
{
  Table t;
  guint64 sum_squares = 0, a_squares = 0, b_squares = 0, nn;
  double numerator, denominator;

  g_return_val_if_fail (n == 0 || (a != NULL && b != NULL), NAN);

  table_init (&t, a, b, n);
  for (gsize c = 0; c < t.n_cells; c++)
    sum_squares += t.cell_n[c] * t.cell_n[c];
  for (guint i = 0; i < t.a.n_values; i++)
    a_squares += t.a_sums[i] * t.a_sums[i];
  for (guint j = 0; j < t.b.n_values; j++)
    b_squares += t.b_sums[j] * t.b_sums[j];
  table_clear (&t);

  /* The pair confusion matrix (ordered pairs), as scikit-learn's pair_confusion_matrix. */
  nn = (guint64) n;
  {
    gint64 tp = (gint64) (sum_squares - nn);
    gint64 fp = (gint64) (b_squares - sum_squares);
    gint64 fn = (gint64) (a_squares - sum_squares);
    gint64 tn = (gint64) (nn * nn - b_squares - a_squares + sum_squares);

    if (fn == 0 && fp == 0)
      return 1.0;
#ifdef __SIZEOF_INT128__
    {
      /* Exact integers, as Python's, rounded once each. */
      __int128 num = (__int128) tp * tn - (__int128) fn * fp;
      __int128 den = (__int128) (tp + fn) * (fn + tn) + (__int128) (tp + fp) * (fp + tn);

      numerator = 2.0 * (double) num;
      denominator = (double) den;
    }
#else
    numerator = 2.0 * ((long double) tp * tn - (long double) fn * fp);
    denominator = (long double) (tp + fn) * (fn + tn) + (long double) (tp + fp) * (fp + tn);
#endif
  }
  return numerator / denominator;
}

static double
entropy_of (const guint64 *sums,
            guint          n_values,
            gsize          n)
{
  double total = 0, log_n;

  if (n == 0)
    return 1.0;
  if (n_values == 1)
    return 0.0;
  log_n = log ((double) n);
  for (guint i = 0; i < n_values; i++)
    if (sums[i] > 0)
      total += ((double) sums[i] / (double) n) * (log ((double) sums[i]) - log_n);
  return -total;
}

double
sg_normalized_mutual_info (const gint32 *a,
                           const gint32 *b,
                           gsize         n)
{
  Table t;
  double mi = 0, h_a, h_b;

  g_return_val_if_fail (n == 0 || (a != NULL && b != NULL), NAN);

  table_init (&t, a, b, n);
  if ((t.a.n_values == 1 && t.b.n_values == 1) || (t.a.n_values == 0 && t.b.n_values == 0))
    {
      table_clear (&t);
      return 1.0;
    }
  if (t.a.n_values > 1 && t.b.n_values > 1)
    {
      double log_n = log ((double) n);

      for (gsize c = 0; c < t.n_cells; c++)
        {
          double p = (double) t.cell_n[c] / (double) n;
          double outer = (double) (t.a_sums[t.cell_a[c]] * t.b_sums[t.cell_b[c]]);
          double log_outer = -log (outer) + log_n + log_n;
          double v = p * (log ((double) t.cell_n[c]) - log_n) + p * log_outer;

          if (fabs (v) >= DBL_EPSILON)
            mi += v;
        }
      mi = MAX (mi, 0.0);
    }
  if (mi == 0)
    {
      table_clear (&t);
      return 0.0;
    }
  h_a = entropy_of (t.a_sums, t.a.n_values, n);
  h_b = entropy_of (t.b_sums, t.b.n_values, n);
  table_clear (&t);
  return mi / ((h_a + h_b) / 2.0);
}

SgContingency *
sg_contingency_new (const gint32 *a,
                    const gint32 *b,
                    gsize         n)
{
  SgContingency *table;
  Coding ca, cb;

  g_return_val_if_fail (n == 0 || (a != NULL && b != NULL), NULL);

  coding_init (&ca, a, n);
  coding_init (&cb, b, n);
  table = g_new0 (SgContingency, 1);
  table->n_a = ca.n_values;
  table->n_b = cb.n_values;
  table->a_values = g_memdup2 (ca.values, MAX (ca.n_values, 1) * sizeof (gint32));
  table->b_values = g_memdup2 (cb.values, MAX (cb.n_values, 1) * sizeof (gint32));
  table->counts = g_new0 (guint64, MAX ((gsize) ca.n_values * cb.n_values, 1));
  for (gsize i = 0; i < n; i++)
    table->counts[(gsize) ca.index[i] * cb.n_values + cb.index[i]]++;
  coding_clear (&ca);
  coding_clear (&cb);
  return table;
}

void
sg_contingency_free (SgContingency *contingency)
{
  if (contingency == NULL)
    return;
  g_free (contingency->a_values);
  g_free (contingency->b_values);
  g_free (contingency->counts);
  g_free (contingency);
}
