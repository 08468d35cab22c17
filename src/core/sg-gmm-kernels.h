/* sg-gmm-kernels.h — the per-row work of sg-gmm.c, for one vector width
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Included by sg-gmm.c once per instruction set it dispatches to, with LANES (doubles per vector)
 * and KERNEL(name) (a suffix) defined; everything here is static and suffixed. Written with GCC
 * vector types, so the compiler emits the instruction set of the enclosing target.
 */

#define Vec KERNEL (Vec)
#define VecI KERNEL (VecI)
#define vec_load KERNEL (vec_load)
#define vec_store KERNEL (vec_store)
#define vec_sum KERNEL (vec_sum)
#define vec_select KERNEL (vec_select)
#define vec_exp KERNEL (vec_exp)
#define centre_rows KERNEL (centre_rows)
#define log_prob_full KERNEL (log_prob_full)
#define log_prob_diag KERNEL (log_prob_diag)
#define responsibilities KERNEL (responsibilities)
#define m_tile KERNEL (m_tile)
#define accumulate KERNEL (accumulate)
#define em_chunk KERNEL (em_chunk)

typedef double Vec __attribute__ ((vector_size (LANES * sizeof (double))));
typedef gint64 VecI __attribute__ ((vector_size (LANES * sizeof (double))));

static inline Vec
vec_load (const double *p)
{
  Vec v;

  memcpy (&v, p, sizeof v);
  return v;
}

static inline void
vec_store (double *p,
           Vec     v)
{
  memcpy (p, &v, sizeof v);
}

static inline double
vec_sum (Vec v)
{
  double s = 0;

  for (int l = 0; l < LANES; l++)
    s += v[l];
  return s;
}

static inline Vec
vec_select (VecI mask,
            Vec  yes,
            Vec  no)
{
  return (Vec) (((VecI) yes & mask) | ((VecI) no & ~mask));
}

/* e^x for x ≤ 0, to about 1 ulp; 0 below −708. Cody–Waite reduction x = n ln 2 + r, |r| ≤ ln2/2,
 * a degree-13 Taylor polynomial for e^r (truncation below 1e-17), and 2^n from its bits. */
static inline Vec
vec_exp (Vec x)
{
  const double shifter = 0x1.8p52;
  VecI tiny = x < -708.0;
  Vec t, n, r, p;
  VecI bits;

  x = vec_select (tiny, x - x - 708.0, x);
  t = x * 1.4426950408889634 + shifter;
  n = t - shifter;
  r = x - n * 6.93147180369123816490e-01;
  r = r - n * 1.90821492927058770002e-10;
  p = r * (1.0 / 6227020800.0) + 1.0 / 479001600.0;
  p = p * r + 1.0 / 39916800.0;
  p = p * r + 1.0 / 3628800.0;
  p = p * r + 1.0 / 362880.0;
  p = p * r + 1.0 / 40320.0;
  p = p * r + 1.0 / 5040.0;
  p = p * r + 1.0 / 720.0;
  p = p * r + 1.0 / 120.0;
  p = p * r + 1.0 / 24.0;
  p = p * r + 1.0 / 6.0;
  p = p * r + 0.5;
  p = p * r + 1.0;
  p = p * r + 1.0;
  bits = ((VecI) t - (VecI) (t - t + shifter) + 1023) << 52;
  p = p * (Vec) bits;
  return vec_select (tiny, p - p, p);
}

/* ---------------------------------------------------------------------------------------------
 * Kernels for a block of rows
 */

/* v[p] = x[p] − μ_c for the rows of the block, zero padded to dm. */
static void
centre_rows (const Gmm *g,
             guint      c,
             gsize      b0,
             guint      nb,
             double    *v)
{
  const double *mu = g->means + (gsize) c * g->dm;
  guint full = g->d / LANES * LANES;

  for (guint p = 0; p < nb; p++)
    {
      const double *row = sg_matrix_row (g->x, b0 + p);
      double *out = v + (gsize) p * g->dm;
      guint f = 0;

      for (; f < full; f += LANES)
        vec_store (out + f, vec_load (row + f) - vec_load (mu + f));
      for (; f < g->d; f++)
        out[f] = row[f] - mu[f];
      for (; f < g->dm; f++)
        out[f] = 0;
    }
}

/* lp[p · kp + c] = log w_c + log N(x_p | c) for the block. */
static void
log_prob_full (const Gmm *g,
               guint      c,
               guint      nb,
               const double *v,
               double    *lp)
{
  guint dm = g->dm, nv = (g->d + LANES - 1) / LANES;   /* vectors holding real columns */
  const double *P = g->prec + (gsize) c * dm * dm;

  for (guint p0 = 0; p0 < nb; p0 += ROWS)
    {
      const double *rows[ROWS];
      Vec sq[ROWS];

#pragma GCC unroll 8
      for (int r = 0; r < ROWS; r++)
        {
          rows[r] = v + (gsize) MIN (p0 + r, nb - 1) * dm;
          sq[r] = (Vec) { 0 };
        }
      for (guint jb = 0; jb < nv; jb++)
        {
          guint f_end = MIN (g->d, (jb + 1) * LANES);
          Vec acc[ROWS];

#pragma GCC unroll 8
          for (int r = 0; r < ROWS; r++)
            acc[r] = (Vec) { 0 };
          for (guint f = 0; f < f_end; f++)
            {
              Vec pv = vec_load (P + (gsize) f * dm + jb * LANES);

#pragma GCC unroll 8
              for (int r = 0; r < ROWS; r++)
                acc[r] += rows[r][f] * pv;
            }
#pragma GCC unroll 8
          for (int r = 0; r < ROWS; r++)
            sq[r] += acc[r] * acc[r];
        }
      for (guint r = 0; r < ROWS && p0 + r < nb; r++)
        lp[(gsize) (p0 + r) * g->kp + c] = g->log_norm[c] - 0.5 * vec_sum (sq[r]);
    }
}

static void
log_prob_diag (const Gmm    *g,
               guint         c,
               guint         nb,
               const double *v,
               double       *lp)
{
  guint dm = g->dm, nv = dm / LANES;
  const double *pc = g->prec + (gsize) c * dm;

  for (guint p = 0; p < nb; p++)
    {
      const double *row = v + (gsize) p * dm;
      Vec sq = { 0 };

      for (guint jb = 0; jb < nv; jb++)
        {
          Vec t = vec_load (row + jb * LANES) * vec_load (pc + jb * LANES);

          sq += t * t;
        }
      lp[(gsize) p * g->kp + c] = g->log_norm[c] - 0.5 * vec_sum (sq);
    }
}

/* From one row's log-probabilities (kp lanes, padding very negative): responsibilities and the
 * log-sum-exp. Returns the most probable component. */
static guint
responsibilities (const Gmm    *g,
                  const double *lp,
                  double       *resp,
                  double       *lse)
{
  guint nk = g->kp / LANES, best = 0;
  double max = lp[0], s = 0, inv;
  Vec vmax;

  for (guint c = 1; c < g->k; c++)
    if (lp[c] > max)
      {
        max = lp[c];
        best = c;
      }
  vmax = (Vec) { 0 } + max;
  for (guint b = 0; b < nk; b++)
    {
      Vec e = vec_exp (vec_load (lp + b * LANES) - vmax);

      vec_store (resp + b * LANES, e);
      s += vec_sum (e);
    }
  inv = 1.0 / s;
  for (guint b = 0; b < nk; b++)
    vec_store (resp + b * LANES, vec_load (resp + b * LANES) * inv);
  *lse = max + log (s);
  return best;
}

/* One register tile of M += Σ_p w_p v_pᵀ (rows f0.. of M, column vectors g0..); with @with_s also
 * S += Σ_p r_p v_p for those columns (the tiles of the first rows visit every column). */
static inline __attribute__ ((always_inline)) void
m_tile (const Gmm    *g,
        guint         c,
        guint         nb,
        const double *resp,
        const double *v,
        const double *w,
        double       *S,
        double       *M,
        guint         f0,
        guint         g0,
        gboolean      with_s)
{
  guint dm = g->dm, kp = g->kp;
  Vec t[FT][GT], sv[GT];

#pragma GCC unroll 8
  for (int i = 0; i < FT; i++)
#pragma GCC unroll 8
    for (int j = 0; j < GT; j++)
      t[i][j] = vec_load (M + (gsize) (f0 + i) * dm + (g0 + j) * LANES);
  if (with_s)
#pragma GCC unroll 8
    for (int j = 0; j < GT; j++)
      sv[j] = vec_load (S + (g0 + j) * LANES);
  for (guint p = 0; p < nb; p++)
    {
      const double *vp = v + (gsize) p * dm + g0 * LANES;
      const double *wp = w + (gsize) p * dm + f0;
      Vec vv[GT];

#pragma GCC unroll 8
      for (int j = 0; j < GT; j++)
        vv[j] = vec_load (vp + j * LANES);
#pragma GCC unroll 8
      for (int i = 0; i < FT; i++)
#pragma GCC unroll 8
        for (int j = 0; j < GT; j++)
          t[i][j] += wp[i] * vv[j];
      if (with_s)
        {
          double r = resp[(gsize) p * kp + c];

#pragma GCC unroll 8
          for (int j = 0; j < GT; j++)
            sv[j] += r * vv[j];
        }
    }
#pragma GCC unroll 8
  for (int i = 0; i < FT; i++)
#pragma GCC unroll 8
    for (int j = 0; j < GT; j++)
      vec_store (M + (gsize) (f0 + i) * dm + (g0 + j) * LANES, t[i][j]);
  if (with_s)
#pragma GCC unroll 8
    for (int j = 0; j < GT; j++)
      vec_store (S + (g0 + j) * LANES, sv[j]);
}

/* This block's share of component c's sums S = Σ r v and M = Σ r v vᵀ (full) or Σ r v² (diagonal);
 * N is summed for all components at once by the caller. */
static void
accumulate (const Gmm    *g,
            guint         c,
            guint         nb,
            const double *resp,
            const double *v,
            double       *w,
            double       *acc)
{
  guint dm = g->dm, kp = g->kp, nv = (g->d + LANES - 1) / LANES;
  double *S = acc + 8, *M = acc + 8 + dm;

  if (g->covariance != SG_COVARIANCE_FULL)
    {
      for (guint b = 0; b < nv; b++)
        {
          Vec s0 = vec_load (S + b * LANES), m0 = vec_load (M + b * LANES);
          Vec s1 = { 0 }, m1 = { 0 };
          guint p = 0;

          /* Two interleaved sums: half the dependency chain. */
          for (; p + 1 < nb; p += 2)
            {
              Vec v0 = vec_load (v + (gsize) p * dm + b * LANES);
              Vec v1 = vec_load (v + (gsize) (p + 1) * dm + b * LANES);
              Vec w0 = resp[(gsize) p * kp + c] * v0;
              Vec w1 = resp[(gsize) (p + 1) * kp + c] * v1;

              s0 += w0;
              m0 += w0 * v0;
              s1 += w1;
              m1 += w1 * v1;
            }
          if (p < nb)
            {
              Vec v0 = vec_load (v + (gsize) p * dm + b * LANES);
              Vec w0 = resp[(gsize) p * kp + c] * v0;

              s0 += w0;
              m0 += w0 * v0;
            }
          vec_store (S + b * LANES, s0 + s1);
          vec_store (M + b * LANES, m0 + m1);
        }
      return;
    }

  for (guint p = 0; p < nb; p++)
    {
      double r = resp[(gsize) p * kp + c];

      for (guint b = 0; b < nv; b++)
        vec_store (w + (gsize) p * dm + b * LANES, r * vec_load (v + (gsize) p * dm + b * LANES));
    }
  /* The upper triangle of M in register tiles of FT rows × GT vectors (dm is a multiple of both,
   * and the padding is zero). */
  for (guint f0 = 0; f0 < g->d; f0 += FT)
    for (guint g0 = 0; g0 < nv; g0 += GT)
      {
        if ((g0 + GT) * LANES <= f0)
          continue;   /* entirely below the diagonal */
        if (f0 == 0)
          m_tile (g, c, nb, resp, v, w, S, M, f0, g0, TRUE);
        else
          m_tile (g, c, nb, resp, v, w, S, M, f0, g0, FALSE);
      }
}

static void
em_chunk (gsize    chunk,
          gsize    begin,
          gsize    end,
          gpointer user_data)
{
  Gmm *g = user_data;
  guint dm = g->dm, kp = g->kp;
  double *v = aligned_doubles ((gsize) g->k * BLOCK * dm);   /* x − μ_c for every component */
  double *w = aligned_doubles ((gsize) BLOCK * dm);
  double *lp = aligned_doubles ((gsize) BLOCK * kp);
  double *resp = aligned_doubles ((gsize) BLOCK * kp);
  double *acc = g->mode == PASS_FINAL ? NULL : g->acc + chunk * g->acc_stride;
  double *nsum = aligned_doubles (kp);
  double ll = 0;

  if (acc != NULL)
    memset (acc, 0, g->acc_stride * sizeof (double));
  for (gsize b0 = begin; b0 < end; b0 += BLOCK)
    {
      guint nb = (guint) MIN ((gsize) BLOCK, end - b0);

      /* The next block's rows, while this one is worked on (in the loop: GCC drops a function
       * that only prefetches). */
      for (gsize i = b0 + BLOCK; i < MIN (b0 + 2 * BLOCK, end); i++)
        {
          const double *row = sg_matrix_row (g->x, i);

          __builtin_prefetch (row);
          __builtin_prefetch (row + g->d - 1);
        }

      if (g->mode == PASS_HARD)
        {
          memset (resp, 0, (gsize) nb * kp * sizeof (double));
          for (guint p = 0; p < nb; p++)
            resp[(gsize) p * kp + (guint) g->hard_labels[b0 + p]] = 1.0;
        }
      else
        {
          for (guint c = 0; c < g->k; c++)
            {
              double *vc = v + (gsize) c * BLOCK * dm;

              centre_rows (g, c, b0, nb, vc);
              if (g->covariance == SG_COVARIANCE_FULL)
                log_prob_full (g, c, nb, vc, lp);
              else
                log_prob_diag (g, c, nb, vc, lp);
            }
          for (guint p = 0; p < nb; p++)
            {
              double lse;
              guint best;

              for (guint c = g->k; c < kp; c++)
                lp[(gsize) p * kp + c] = -1e300;
              best = responsibilities (g, lp + (gsize) p * kp, resp + (gsize) p * kp, &lse);
              ll += lse;
              if (g->mode == PASS_FINAL)
                {
                  g->labels[b0 + p] = (gint32) best;
                  for (guint c = 0; c < g->k; c++)
                    g->probabilities[(b0 + p) * g->k + c] = (float) resp[(gsize) p * kp + c];
                }
            }
        }
      if (acc != NULL)
        {
          for (guint b = 0; b < kp; b += LANES)
            {
              Vec s0 = vec_load (nsum + b), s1 = { 0 };
              guint p = 0;

              for (; p + 1 < nb; p += 2)
                {
                  s0 += vec_load (resp + (gsize) p * kp + b);
                  s1 += vec_load (resp + (gsize) (p + 1) * kp + b);
                }
              if (p < nb)
                s0 += vec_load (resp + (gsize) p * kp + b);
              vec_store (nsum + b, s0 + s1);
            }
          for (guint c = 0; c < g->k; c++)
            {
              double *vc = v + (gsize) c * BLOCK * dm;

              if (g->mode == PASS_HARD)
                centre_rows (g, c, b0, nb, vc);
              accumulate (g, c, nb, resp, vc, w, acc + (gsize) c * g->comp_stride);
            }
        }
    }
  if (acc != NULL)
    for (guint c = 0; c < g->k; c++)
      acc[(gsize) c * g->comp_stride] = nsum[c];
  g->chunk_ll[chunk] = ll;
  free (nsum);
  free (v);
  free (w);
  free (lp);
  free (resp);
}

#undef Vec
#undef VecI
#undef vec_load
#undef vec_store
#undef vec_sum
#undef vec_select
#undef vec_exp
#undef centre_rows
#undef log_prob_full
#undef log_prob_diag
#undef responsibilities
#undef m_tile
#undef accumulate
#undef em_chunk
