/* sg-kmeans-kernels.h — the per-row work of sg-kmeans.c, for one vector width
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Included by sg-kmeans.c once per instruction set it dispatches to, with LANES (doubles per
 * vector) and KERNEL(name) (a suffix) defined; everything here is static and suffixed, and the
 * table KERNEL(kernels) lists the entry points. Per lane, every variant does the same operations
 * in the same order, so distances computed by different functions of one variant agree to the bit.
 */

#define NV (BLOCK / LANES)
#if LANES == 2
#define RPASS 2     /* rows per pass of rows_distances(): registers are few with SSE2 */
#else
#define RPASS ROWS
#endif
#define Vec KERNEL (Vec)
#define VecI KERNEL (VecI)
#define rows_distances KERNEL (rows_distances)
#define row_block_distances KERNEL (row_block_distances)
#define add_row KERNEL (add_row)
#define sub_row KERNEL (sub_row)
#define centred_norm2 KERNEL (centred_norm2)
#define full_chunk KERNEL (full_chunk)
#define settle_group KERNEL (settle_group)
#define settle_row KERNEL (settle_row)
#define hamerly_chunk KERNEL (hamerly_chunk)
#define first_closest_chunk KERNEL (first_closest_chunk)
#define trials_chunk KERNEL (trials_chunk)
#define kernels KERNEL (kernels)

typedef double Vec __attribute__ ((vector_size (LANES * sizeof (double))));
typedef gint64 VecI __attribute__ ((vector_size (LANES * sizeof (double))));

/* Squared distances of ROWS rows to every packed centre: out[r · n_blocks·8 + c]. */
static void
rows_distances (const double *const rows[ROWS],
                const double       *ct,
                guint               n_blocks,
                guint               d,
                double             *out)
{
  for (guint b = 0; b < n_blocks; b++)
    for (int r0 = 0; r0 < ROWS; r0 += RPASS)
      {
        const double *blk = ct + (gsize) b * d * BLOCK;
        Vec acc[RPASS][NV];

#pragma GCC unroll 8
        for (int r = 0; r < RPASS; r++)
#pragma GCC unroll 8
          for (int v = 0; v < NV; v++)
            acc[r][v] = (Vec) { 0 };
        for (guint f = 0; f < d; f++)
          {
#pragma GCC unroll 8
            for (int v = 0; v < NV; v++)
              {
                Vec c;

                memcpy (&c, blk + (gsize) f * BLOCK + v * LANES, sizeof c);
#pragma GCC unroll 8
                for (int r = 0; r < RPASS; r++)
                  {
                    Vec t = rows[r0 + r][f] - c;

                    acc[r][v] += t * t;
                  }
              }
          }
#pragma GCC unroll 8
        for (int r = 0; r < RPASS; r++)
#pragma GCC unroll 8
          for (int v = 0; v < NV; v++)
            memcpy (out + ((gsize) (r0 + r) * n_blocks + b) * BLOCK + v * LANES, &acc[r][v], sizeof (Vec));
      }
}

/* One row against one block: the same arithmetic per lane as rows_distances(). */
static void
row_block_distances (const double *row,
                     const double *blk,
                     guint         d,
                     double        out[BLOCK])
{
  Vec acc[NV];

#pragma GCC unroll 8
  for (int v = 0; v < NV; v++)
    acc[v] = (Vec) { 0 };
  for (guint f = 0; f < d; f++)
    {
#pragma GCC unroll 8
      for (int v = 0; v < NV; v++)
        {
          Vec c, t;

          memcpy (&c, blk + (gsize) f * BLOCK + v * LANES, sizeof c);
          t = row[f] - c;
          acc[v] += t * t;
        }
    }
#pragma GCC unroll 8
  for (int v = 0; v < NV; v++)
    memcpy (out + v * LANES, &acc[v], sizeof (Vec));
}

/* Element-wise, so the same bits as a scalar loop. */
static inline void
add_row (double       *sum,
         const double *row,
         guint         d)
{
  guint f = 0;

  for (; f + LANES <= d; f += LANES)
    {
      Vec a, b;

      memcpy (&a, sum + f, sizeof a);
      memcpy (&b, row + f, sizeof b);
      a += b;
      memcpy (sum + f, &a, sizeof a);
    }
  for (; f < d; f++)
    sum[f] += row[f];
}

static inline void
sub_row (double       *sum,
         const double *row,
         guint         d)
{
  guint f = 0;

  for (; f + LANES <= d; f += LANES)
    {
      Vec a, b;

      memcpy (&a, sum + f, sizeof a);
      memcpy (&b, row + f, sizeof b);
      a -= b;
      memcpy (sum + f, &a, sizeof a);
    }
  for (; f < d; f++)
    sum[f] -= row[f];
}

/* ‖row − mean‖², in a fixed order. */
static inline double
centred_norm2 (const double *row,
               const double *mean,
               guint         d)
{
  Vec acc = { 0 };
  double s = 0;
  guint f = 0;

  for (; f + LANES <= d; f += LANES)
    {
      Vec a, b, t;

      memcpy (&a, row + f, sizeof a);
      memcpy (&b, mean + f, sizeof b);
      t = a - b;
      acc += t * t;
    }
  for (int l = 0; l < LANES; l++)
    s += acc[l];
  for (; f < d; f++)
    {
      double t = row[f] - mean[f];

      s += t * t;
    }
  return s;
}

static void
full_chunk (gsize    chunk,
            gsize    begin,
            gsize    end,
            gpointer user_data)
{
  FullPass *p = user_data;
  KMeans *km = p->km;
  guint k = km->k, d = km->d, kp = km->n_blocks * BLOCK;
  g_autofree double *dist = g_new (double, (gsize) ROWS * kp);
  double *sums = NULL, *q = NULL;
  gint64 *counts = NULL, changes = 0;
  double inertia = 0;

  if (p->fit)
    {
      sums = km->chunk_sums + chunk * km->stride_kd;
      q = km->chunk_q + chunk * km->stride_k;
      counts = km->chunk_counts + chunk * km->stride_k;
      memset (sums, 0, (gsize) k * d * sizeof (double));
      memset (q, 0, k * sizeof (double));
      memset (counts, 0, k * sizeof (gint64));
    }
  for (gsize i = begin; i < end; i += ROWS)
    {
      const double *rows[ROWS];
      guint m = (guint) MIN ((gsize) ROWS, end - i);

      for (guint r = 0; r < ROWS; r++)
        rows[r] = sg_matrix_row (km->x, i + MIN (r, m - 1));
      rows_distances (rows, km->ct, km->n_blocks, d, dist);
      for (guint r = 0; r < m; r++)
        {
          gsize row = i + r;
          double b1, b2;
          guint a = nearest2 (dist + (gsize) r * kp, k, &b1, &b2);

          if (km->labels != NULL)
            {
              changes += km->labels[row] != (gint32) a;
              km->labels[row] = (gint32) a;
            }
          inertia += b1;
          if (p->fit)
            {
              km->upper[row] = sqrt (b1);
              km->lower[row] = sqrt (b2);
              add_row (sums + (gsize) a * d, rows[r], d);
              q[a] += centred_norm2 (rows[r], km->mean, d);
              counts[a]++;
            }
        }
    }
  km->chunk_value[chunk] = inertia;
  km->chunk_changes[chunk] = changes;
}

static void
settle_group (Settle *st)
{
  KMeans *km = st->km;
  guint k = km->k, d = km->d, kp = km->n_blocks * BLOCK;
  double *sums = km->chunk_sums + st->chunk * km->stride_kd;
  double *q = km->chunk_q + st->chunk * km->stride_k;
  gint64 *counts = km->chunk_counts + st->chunk * km->stride_k;
  const double *rows[ROWS];

  for (guint r = 0; r < ROWS; r++)
    rows[r] = sg_matrix_row (km->x, st->group[MIN (r, st->n_group - 1)]);
  rows_distances (rows, km->ct, km->n_blocks, d, st->dist);
  for (guint r = 0; r < st->n_group; r++)
    {
      gsize row = st->group[r];
      double b1, b2;
      guint a = nearest2 (st->dist + (gsize) r * kp, k, &b1, &b2);
      guint old = (guint) km->labels[row];

      km->upper[row] = sqrt (b1);
      km->lower[row] = sqrt (b2);
      if (a != old)
        {
          double n2 = centred_norm2 (rows[r], km->mean, d);

          sub_row (sums + (gsize) old * d, rows[r], d);
          add_row (sums + (gsize) a * d, rows[r], d);
          q[old] -= n2;
          q[a] += n2;
          counts[old]--;
          counts[a]++;
          km->labels[row] = (gint32) a;
          st->changes++;
        }
    }
  st->n_group = 0;
}

/* A row whose bounds failed: tighten the upper bound with its own centre (when there are several
 * blocks of centres), else queue it for all distances. */
static void
settle_row (Settle *st,
            gsize   row)
{
  KMeans *km = st->km;

  if (km->n_blocks > 1)
    {
      guint a = (guint) km->labels[row];
      double m = MAX (km->half_sep[a], km->lower[row]);
      double block[BLOCK];
      double u;

      row_block_distances (sg_matrix_row (km->x, row), km->ct + (gsize) (a / BLOCK) * km->d * BLOCK,
                           km->d, block);
      u = sqrt (block[a % BLOCK]);
      km->upper[row] = u;
      if (u <= m)
        return;
    }
  st->group[st->n_group++] = row;
  if (st->n_group == ROWS)
    settle_group (st);
}

static void
hamerly_chunk (gsize    chunk,
               gsize    begin,
               gsize    end,
               gpointer user_data)
{
  KMeans *km = user_data;
  guint kp = km->n_blocks * BLOCK;
  g_autofree double *dist = g_new (double, (gsize) ROWS * kp);
  g_autofree guint32 *failed = g_new (guint32, end - begin);
  Settle st = { km, chunk, dist, { 0 }, 0, 0 };
  gsize n_failed = 0;

  /* Bounds first, without branches: which rows fail is unpredictable. */
  for (gsize i = begin; i < end; i++)
    {
      guint a = (guint) km->labels[i];
      double u = km->upper[i] + km->shift[a];
      double l = km->lower[i] - (a == km->shift1_j ? km->shift2 : km->shift1);
      double m = km->half_sep[a] > l ? km->half_sep[a] : l;

      km->upper[i] = u;
      km->lower[i] = l;
      failed[n_failed] = (guint32) (i - begin);
      n_failed += u > m;
    }
  /* Then the rows that failed, prefetched a few ahead: they are scattered in memory. */
  for (gsize q = 0; q < n_failed; q++)
    {
      if (q + PREFETCH_AHEAD < n_failed)
        {
          const double *ahead = sg_matrix_row (km->x, begin + failed[q + PREFETCH_AHEAD]);

          __builtin_prefetch (ahead);
          __builtin_prefetch (ahead + km->d - 1);
        }
      settle_row (&st, begin + failed[q]);
    }
  if (st.n_group > 0)
    settle_group (&st);
  km->chunk_changes[chunk] = st.changes;
}

static void
first_closest_chunk (gsize    chunk,
                     gsize    begin,
                     gsize    end,
                     gpointer user_data)
{
  KMeans *km = user_data;
  guint kp = km->trial_blocks * BLOCK;
  g_autofree double *dist = g_new (double, (gsize) ROWS * kp);
  double *closest = km->upper;
  double pot = 0;

  for (gsize i = begin; i < end; i += ROWS)
    {
      const double *rows[ROWS];
      guint m = (guint) MIN ((gsize) ROWS, end - i);

      for (guint r = 0; r < ROWS; r++)
        rows[r] = sg_matrix_row (km->x, i + MIN (r, m - 1));
      rows_distances (rows, km->trial_ct, km->trial_blocks, km->d, dist);
      for (guint r = 0; r < m; r++)
        {
          double v = dist[(gsize) r * kp];

          closest[i + r] = v;
          pot += v;
        }
    }
  km->chunk_value[chunk] = pot;
}

static void
trials_chunk (gsize    chunk,
              gsize    begin,
              gsize    end,
              gpointer user_data)
{
  KMeans *km = user_data;
  guint kp = km->trial_blocks * BLOCK, t_n = km->n_trials;
  g_autofree double *dist = g_new (double, (gsize) ROWS * kp);
  g_autofree double *pots = g_new0 (double, kp);   /* not in shared memory: threads write often */
  double *closest = km->upper;
  Vec acc[NV];   /* the potentials of the first eight candidates, in registers */

#pragma GCC unroll 8
  for (int v = 0; v < NV; v++)
    acc[v] = (Vec) { 0 };
  for (gsize i = begin; i < end; i += ROWS)
    {
      const double *rows[ROWS];
      guint m = (guint) MIN ((gsize) ROWS, end - i);

      for (guint r = 0; r < ROWS; r++)
        rows[r] = sg_matrix_row (km->x, i + MIN (r, m - 1));
      rows_distances (rows, km->trial_ct, km->trial_blocks, km->d, dist);
      for (guint r = 0; r < m; r++)
        {
          const double *dr = dist + (gsize) r * kp;
          double c = closest[i + r];
          Vec cv;

          if (km->has_pending)
            {
              c = MIN (c, dr[t_n]);
              closest[i + r] = c;
            }
          /* MIN (c, d) lane by lane: the same values, summed in the same order, as a scalar loop. */
          cv = (Vec) { 0 } + c;
#pragma GCC unroll 8
          for (int v = 0; v < NV; v++)
            {
              Vec dv;
              VecI keep_c;

              memcpy (&dv, dr + v * LANES, sizeof dv);
              keep_c = cv < dv;
              acc[v] += (Vec) (((VecI) cv & keep_c) | ((VecI) dv & ~keep_c));
            }
          for (guint t = BLOCK; t < t_n; t++)
            pots[t] += MIN (c, dr[t]);
        }
    }
#pragma GCC unroll 8
  for (int v = 0; v < NV; v++)
    memcpy (pots + v * LANES, &acc[v], sizeof (Vec));
  memcpy (km->chunk_trials + chunk * t_n, pots, t_n * sizeof (double));
}

static const Kernels kernels = {
  rows_distances,
  row_block_distances,
  add_row,
  sub_row,
  centred_norm2,
  full_chunk,
  hamerly_chunk,
  first_closest_chunk,
  trials_chunk,
};

#undef NV
#undef RPASS
#undef Vec
#undef VecI
#undef rows_distances
#undef row_block_distances
#undef add_row
#undef sub_row
#undef centred_norm2
#undef full_chunk
#undef settle_group
#undef settle_row
#undef hamerly_chunk
#undef first_closest_chunk
#undef trials_chunk
#undef kernels
