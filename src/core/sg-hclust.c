/* sg-hclust.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The nearest-neighbour chain: follow nearest neighbours from any cluster until two clusters are
 * each other's nearest neighbour, merge them, continue from the rest of the chain. For reducible
 * linkages (Ward, average, complete, single) this builds the same tree as the greedy algorithm.
 * Raw merges come out of height order; they are sorted (stably) by height and renumbered with a
 * union-find, exactly as scipy's linkage() does.
 *
 * Ward keeps only the active clusters' centroids and sizes, dimension-major and compacted, so
 * each nearest-neighbour scan is a vectorised pass over contiguous memory (O(n·d) memory, as
 * fastcluster's linkage_vector); a second thread may share each scan. Average and complete keep
 * the condensed distance matrix and update it with Lance–Williams (as scipy). Single linkage is
 * Prim's minimum spanning tree, O(n·d) memory. Above the exact limits, a private seeded Lloyd
 * pass makes the micro-clusters that become the leaves.
 */
#include "config.h"

#include <inttypes.h>

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "sg-error.h"
#include "sg-hclust.h"
#include "sg-lanes.h"
#include "sg-parallel.h"
#include "sg-random.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif

#define PROGRESS_EVERY 1024   /* merges between progress reports and cancellation checks */

void
sg_hclust_options_init (SgHclustOptions *options)
{
  g_return_if_fail (options != NULL);
  options->linkage = SG_LINKAGE_WARD;
  options->max_exact_rows = 50000;
  options->max_stored_rows = 20000;
  options->n_micro = 500;
  options->seed = 0;
  options->n_threads = 0;
}

void
sg_dendrogram_free (SgDendrogram *dendrogram)
{
  if (dendrogram == NULL)
    return;
  g_free (dendrogram->merges);
  g_free (dendrogram->row_leaf);
  g_free (dendrogram);
}

static void *
aligned_new0 (gsize bytes)
{
  void *p;

  bytes = MAX ((bytes + 63) & ~(gsize) 63, 64);
  p = aligned_alloc (64, bytes);
  if (p == NULL)
    g_error ("Out of memory allocating %" G_GSIZE_FORMAT " bytes", bytes);
  memset (p, 0, bytes);
  return p;
}

/* The points to cluster: rows, or micro-cluster centroids with their sizes. */
typedef struct {
  gsize   n;
  guint   d;
  gsize   stride;    /* multiple of 8, >= n + 8 */
  double *ct;        /* d × stride, dimension-major */
  double *w;         /* stride: weights (rows per point); 0 in the padding */
} Points;

static void
points_init (Points *p, gsize n, guint d)
{
  p->n = n;
  p->d = d;
  p->stride = ((n + 7) & ~(gsize) 7) + 8;
  p->ct = aligned_new0 ((gsize) d * p->stride * sizeof (double));
  p->w = aligned_new0 (p->stride * sizeof (double));
}

static void
points_clear (Points *p)
{
  free (p->ct);
  free (p->w);
}

/* A raw merge: the clusters are named by their key (the leaf whose slot they occupy). */
typedef struct {
  gint32 a, b;
  double height;
} RawMerge;

/* ---- Ward: nearest-neighbour chain on centroids ---- */

typedef struct {
  Points  p;         /* slots 0..n_active-1 hold the active clusters (centred on the data's mean) */
  float  *ctf;       /* the centroids in single precision, d × stride */
  float  *wf;        /* the weights in single precision, stride */
  float  *low;       /* stride: per scan, a lower bound of each slot's cost */
  double  max_abs;   /* largest |coordinate|: no centroid ever exceeds it */
  gsize   n_active;
  gint32 *key;       /* slot → key */
  gint32 *slot;      /* key → slot */
} Active;

/* Ward scans in two steps. Single precision first, over all slots (half the memory traffic of
 * doubles, twice the lanes): for each slot a rigorous lower bound of its cost, and the least
 * upper bound over all slots. Then, in double precision, the exact cost of the few slots whose
 * lower bound does not exceed that: the same choice, bit for bit, as an all-double scan.
 *
 * Bounds: with u = 2^-24 and every coordinate at most M in size (centroids are averages of the
 * centred rows), single precision moves each coordinate by at most uM and each difference by
 * u|diff| more; then |D_f - D| <= 4uM·sqrt(d·D) + (d+3)·u·D + d·(2uM + u·sqrt(D))². We take twice
 * that, evaluated at D_f, plus a floor of 64·d·(uM)² that covers D_f near 0, and 16u of slack on
 * the weight factor and on the arithmetic of the bounds themselves. */
#define SCAN_STEP (4 * SG_VF_LANES)   /* slots per step of the scan: four vectors */

#if SG_VEC_BYTES == 64
#define VF_SQRT(v) ((SgVf) _mm512_sqrt_ps ((__m512) (v)))
#elif SG_VEC_BYTES == 32
#define VF_SQRT(v) ((SgVf) _mm256_sqrt_ps ((__m256) (v)))
#elif defined(__SSE2__)
#define VF_SQRT(v) ((SgVf) _mm_sqrt_ps ((__m128) (v)))
#else
#define VF_SQRT(v) vf_sqrt_lanes (v)
static inline SgVf
vf_sqrt_lanes (SgVf v)
{
  for (guint l = 0; l < SG_VF_LANES; l++)
    v[l] = sqrtf (v[l]);
  return v;
}
#endif

typedef struct {
  float c_root;    /* 2 · 4uM·sqrt(d) */
  float c_lin;     /* 2 · (d+3)·u */
  float c_quad;    /* 2 · d */
  float c_off;     /* 2uM */
  float u;
  float floor;     /* 64·d·(uM)² */
  float down, up;  /* 1 ∓ 16u */
} Bounds;

static void
bounds_init (Bounds *b, const Active *act)
{
  double u = FLT_EPSILON / 2, m = act->max_abs, d = act->p.d;

  b->c_root = (float) (8 * u * m * sqrt (d));
  b->c_lin = (float) (2 * (d + 3) * u);
  b->c_quad = (float) (2 * d);
  b->c_off = (float) (2 * u * m);
  b->u = (float) u;
  b->floor = (float) (64 * d * u * u * m * m) + FLT_MIN;
  b->down = (float) (1 - 16 * u);
  b->up = (float) (1 + 16 * u);
}

/* Stores the lower bounds of the vector of slots at @base and folds their upper bounds into the
 * running per-lane minimum (slots past @to and @sa excluded). */
#define BOUND(acc, base)                                                           \
  G_STMT_START {                                                                   \
    SgVf d2_ = SG_VF_MAX0 (acc);                                                   \
    SgVf root_ = VF_SQRT (d2_);                                                    \
    SgVf off_ = b.c_off + b.u * root_;                                             \
    SgVf err_ = b.c_root * root_ + b.c_lin * d2_ + b.c_quad * off_ * off_ + b.floor; \
    SgVf wj_ = SG_VF_LOAD (act->wf + (base));                                      \
    SgVf ratio_ = wj_ / (wa + wj_);                                                \
    SgVf low_ = (d2_ - err_) * ratio_ * b.down;                                    \
    SgVf high_ = (d2_ + err_) * ratio_ * b.up;                                     \
    SgVf idx_ = lane + (float) (base);                                             \
    SgVfMask take_ = (high_ < least) & (idx_ < (float) to) & (idx_ != (float) sa); \
                                                                                   \
    SG_VF_STORE (act->low + (base), low_);                                         \
    least = (SgVf) (((SgVfMask) high_ & take_) | ((SgVfMask) least & ~take_));     \
  } G_STMT_END

#define SG_VF_MAX0(v) ((SgVf) ((SgVfMask) (v) & ((v) > 0)))

/* The single-precision pass over slots [from, to) (from a multiple of SCAN_STEP): fills
 * act->low and returns the least upper bound of a cost in the range. */
static float
ward_bound_scan (const Active *act,
                 gsize         sa,
                 const float  *qf,
                 gsize         from,
                 gsize         to)
{
  const Points *p = &act->p;
  guint d = p->d;
  float wa = act->wf[sa];
  SgVf least, lane;
  Bounds b;
  float result = FLT_MAX;

  bounds_init (&b, act);
  for (guint l = 0; l < SG_VF_LANES; l++)
    least[l] = FLT_MAX, lane[l] = (float) l;

  for (gsize j0 = from; j0 < to; j0 += SCAN_STEP)
    {
      SgVf acc0 = { 0 }, acc1 = { 0 }, acc2 = { 0 }, acc3 = { 0 };

      for (guint k = 0; k < d; k++)
        {
          const float *col = act->ctf + k * p->stride + j0;
          float qk = qf[k];
          SgVf t0 = SG_VF_LOAD (col) - qk;
          SgVf t1 = SG_VF_LOAD (col + SG_VF_LANES) - qk;
          SgVf t2 = SG_VF_LOAD (col + 2 * SG_VF_LANES) - qk;
          SgVf t3 = SG_VF_LOAD (col + 3 * SG_VF_LANES) - qk;

          acc0 += t0 * t0;
          acc1 += t1 * t1;
          acc2 += t2 * t2;
          acc3 += t3 * t3;
        }
      BOUND (acc0, j0);
      BOUND (acc1, j0 + SG_VF_LANES);
      BOUND (acc2, j0 + 2 * SG_VF_LANES);
      BOUND (acc3, j0 + 3 * SG_VF_LANES);
    }
  for (guint l = 0; l < SG_VF_LANES; l++)
    result = MIN (result, least[l]);
  return result;
}

/* The exact cost of slot @j for @sa (divided by w[sa]), as an all-double scan computes it. */
static inline double
ward_cost (const Active *act,
           gsize         sa,
           const double *qs,
           gsize         j)
{
  const Points *p = &act->p;
  double d2 = 0;

  for (guint k = 0; k < p->d; k++)
    {
      double t = p->ct[k * p->stride + j] - qs[k];

      d2 += t * t;
    }
  return d2 * p->w[j] / (p->w[sa] + p->w[j]);
}

/* Scans are cut into pieces of this many slots, which a second thread may take. */
#define SCAN_PIECE 1024
/* Two threads share each scan above this many active clusters. */
#define SHARED_SCAN_MIN (4 * SCAN_PIECE)
#define MAX_PIECES 4096

/* An opportunistic second thread for the single-precision pass. Each scan is tens of
 * microseconds: too short for the thread pool's hand-over. The caller publishes a scan (its
 * parameters, then a new generation in @state) and takes pieces itself; the helper takes pieces
 * too when it is running. A piece is claimed by a compare-and-swap of (generation, pieces, next
 * piece), so a helper that wakes up late cannot take a piece of a finished scan; the caller only
 * waits for pieces claimed and not yet done. If the helper is descheduled or asleep, the caller
 * simply does every piece. Results are kept per piece and combined in order, so they do not
 * depend on who did which piece. */
typedef struct {
  const Active *act;
  const float  *qf;
  gsize         sa, n;
  float         least[MAX_PIECES];
  guint64       state;      /* generation << 32 | pieces << 16 | next piece */
  gint          finished;   /* pieces done in this scan */
  gboolean      quit;
  guint         stalls;     /* scans where the caller had to wait long for the helper */
  GThread      *thread;
} Helper;

/* A busy machine (the helper descheduled in the middle of a piece) makes the caller wait: after
 * this many long waits the helper is stopped and the caller scans alone. */
#define MAX_STALLS 16

static inline void
relax (guint *spins)
{
  ++*spins;
  if (*spins > 20000)
    g_usleep (50);
  else if (*spins > 2000)
    g_thread_yield ();
#if defined(__x86_64__) || defined(__i386__)
  else
    __builtin_ia32_pause ();
#endif
}

/* Claims and does pieces of the scan of generation @generation until none is left. */
static void
take_pieces (Helper *h, guint32 generation)
{
  for (;;)
    {
      guint64 state = __atomic_load_n (&h->state, __ATOMIC_ACQUIRE);
      guint32 piece = (guint32) (state & 0xffff), n_pieces = (guint32) ((state >> 16) & 0xffff);
      gsize from;

      if ((guint32) (state >> 32) != generation || piece >= n_pieces)
        return;
      if (!__atomic_compare_exchange_n (&h->state, &state, state + 1, FALSE, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
        continue;
      /* the caller waits for this piece: the parameters stay those of @generation */
      from = (gsize) piece * SCAN_PIECE;
      h->least[piece] = ward_bound_scan (h->act, h->sa, h->qf, from, MIN (from + SCAN_PIECE, h->n));
      __atomic_add_fetch (&h->finished, 1, __ATOMIC_RELEASE);
    }
}

static gpointer
helper_main (gpointer data)
{
  Helper *h = data;
  guint32 seen = 0;

  for (;;)
    {
      guint spins = 0;
      guint32 generation;

      while ((generation = (guint32) (__atomic_load_n (&h->state, __ATOMIC_ACQUIRE) >> 32)) == seen &&
             !__atomic_load_n (&h->quit, __ATOMIC_ACQUIRE))
        relax (&spins);
      if (__atomic_load_n (&h->quit, __ATOMIC_ACQUIRE))
        return NULL;
      seen = generation;
      take_pieces (h, generation);
    }
}

static void
helper_stop (Helper *h)
{
  if (h->thread == NULL)
    return;
  __atomic_store_n (&h->quit, TRUE, __ATOMIC_RELEASE);
  g_thread_join (h->thread);
  h->thread = NULL;
}

/* The slot nearest to @sa by Ward cost (lowest slot on ties; @prefer, if any, wins a tie with the
 * best). Returns the slot and the cost divided by w[sa] in @cost. The same for any thread count,
 * and the same as an all-double scan. */
static gsize
ward_nearest (Active *act,
              Helper *helper,
              gsize   sa,
              gsize   prefer,
              double *cost)
{
  const Points *p = &act->p;
  guint d = p->d;
  gsize n = act->n_active;
  double qbuf[256];
  float qfbuf[256];
  double *qs = d > G_N_ELEMENTS (qbuf) ? g_new (double, d) : qbuf;
  float *qf = d > G_N_ELEMENTS (qfbuf) ? g_new (float, d) : qfbuf;
  float least;
  double best = G_MAXDOUBLE, prefer_cost = G_MAXDOUBLE;
  gsize best_slot = G_MAXSIZE;

  for (guint k = 0; k < d; k++)
    {
      qs[k] = p->ct[k * p->stride + sa];
      qf[k] = act->ctf[k * p->stride + sa];
    }
  if (helper->thread != NULL && n >= SHARED_SCAN_MIN)
    {
      guint32 generation = (guint32) (helper->state >> 32) + 1;
      guint64 n_pieces = (n + SCAN_PIECE - 1) / SCAN_PIECE;
      guint spins = 0;

      helper->act = act;
      helper->qf = qf;
      helper->sa = sa;
      helper->n = n;
      helper->finished = 0;
      __atomic_store_n (&helper->state, (guint64) generation << 32 | n_pieces << 16, __ATOMIC_RELEASE);
      take_pieces (helper, generation);
      while (__atomic_load_n (&helper->finished, __ATOMIC_ACQUIRE) != (gint) n_pieces)
        relax (&spins);
      if (spins > 1000)
        helper->stalls++;
      least = helper->least[0];
      for (gsize i = 1; i < n_pieces; i++)
        least = MIN (least, helper->least[i]);
    }
  else
    least = ward_bound_scan (act, sa, qf, 0, n);

  /* Exact costs of the slots that may be the nearest (a vector at a time: few are). */
  act->low[sa] = FLT_MAX;
  for (gsize j0 = 0; j0 < n; j0 += SG_VF_LANES)
    {
      SgVfMask maybe = SG_VF_LOAD (act->low + j0) <= least;
      gboolean any;

      SG_VF_ANY (maybe, any);
      if (!any)
        continue;
      for (gsize j = j0; j < MIN (j0 + SG_VF_LANES, n); j++)
        if (act->low[j] <= least)
          {
            double c = ward_cost (act, sa, qs, j);

            if (c < best || (c == best && j < best_slot))
              best = c, best_slot = j;
          }
    }
  if (prefer != G_MAXSIZE)
    prefer_cost = ward_cost (act, sa, qs, prefer);
  if (qs != qbuf)
    g_free (qs);
  if (qf != qfbuf)
    g_free (qf);
  if (prefer != G_MAXSIZE && prefer_cost <= best)
    {
      *cost = prefer_cost;
      return prefer;
    }
  *cost = best;
  return best_slot;
}

/* The stride leaves a whole scan step of readable (zero-weight) slots past n. */
static void
active_init (Active *act, const Points *src)
{
  gsize n = src->n;
  guint d = src->d;

  gsize stride;
  double total = 0;

  act->p.n = n;
  act->p.d = d;
  act->p.stride = stride = ((n + 63) & ~(gsize) 63) + 64;
  act->p.ct = aligned_new0 ((gsize) d * stride * sizeof (double));
  act->p.w = aligned_new0 (stride * sizeof (double));
  act->ctf = aligned_new0 ((gsize) d * stride * sizeof (float));
  act->wf = aligned_new0 (stride * sizeof (float));
  act->low = aligned_new0 (stride * sizeof (float));
  memcpy (act->p.w, src->w, n * sizeof (double));
  for (gsize i = 0; i < n; i++)
    {
      total += src->w[i];
      act->wf[i] = (float) src->w[i];
    }
  /* Centred on the (weighted) mean: distances do not change, single precision works best. */
  act->max_abs = 0;
  for (guint k = 0; k < d; k++)
    {
      const double *in = src->ct + k * src->stride;
      double *out = act->p.ct + k * stride;
      float *outf = act->ctf + k * stride;
      double mean = 0;

      for (gsize i = 0; i < n; i++)
        mean += src->w[i] * in[i];
      mean /= total;
      for (gsize i = 0; i < n; i++)
        {
          out[i] = in[i] - mean;
          outf[i] = (float) out[i];
          act->max_abs = MAX (act->max_abs, fabs (out[i]));
        }
    }
  act->n_active = n;
  act->key = g_new (gint32, n);
  act->slot = g_new (gint32, n);
  for (gsize i = 0; i < n; i++)
    act->key[i] = act->slot[i] = (gint32) i;
}

static void
active_clear (Active *act)
{
  points_clear (&act->p);
  free (act->ctf);
  free (act->wf);
  free (act->low);
  g_free (act->key);
  g_free (act->slot);
}

/* Merges the clusters in slots @sa and @sb; the result keeps the smaller key. */
static void
active_merge (Active *act, gsize sa, gsize sb)
{
  Points *p = &act->p;
  double wa = p->w[sa], wb = p->w[sb], w = wa + wb;
  gsize keep = act->key[sa] < act->key[sb] ? sa : sb;
  gsize drop = keep == sa ? sb : sa;
  gsize last = act->n_active - 1;

  for (guint k = 0; k < p->d; k++)
    {
      double *col = p->ct + k * p->stride;

      col[keep] = (wa * col[sa] + wb * col[sb]) / w;
      act->ctf[k * p->stride + keep] = (float) col[keep];
    }
  p->w[keep] = w;
  act->wf[keep] = (float) w;
  act->slot[act->key[drop]] = -1;
  if (drop != last)
    {
      for (guint k = 0; k < p->d; k++)
        {
          p->ct[k * p->stride + drop] = p->ct[k * p->stride + last];
          act->ctf[k * p->stride + drop] = act->ctf[k * p->stride + last];
        }
      p->w[drop] = p->w[last];
      act->wf[drop] = act->wf[last];
      act->key[drop] = act->key[last];
      act->slot[act->key[drop]] = (gint32) drop;
    }
  for (guint k = 0; k < p->d; k++)
    {
      p->ct[k * p->stride + last] = 0;
      act->ctf[k * p->stride + last] = 0;
    }
  p->w[last] = 0;
  act->wf[last] = 0;
  act->n_active--;
}

static gboolean
ward_chain (const Points *points,
            guint         n_threads,
            RawMerge     *merges,
            SgProgress   *progress,
            GError      **error)
{
  Active act;
  g_autofree Helper *helper = g_new0 (Helper, 1);
  g_autofree gint32 *chain = g_new (gint32, points->n);
  gsize chain_len = 0, n_merges = 0;

  active_init (&act, points);
  if ((n_threads ? n_threads : sg_parallel_get_threads ()) >= 2 && points->n >= SHARED_SCAN_MIN &&
      points->n <= (gsize) MAX_PIECES * SCAN_PIECE)
    helper->thread = g_thread_new ("sg-ward-scan", helper_main, helper);
  while (act.n_active > 1)
    {
      gint32 a, b;
      gsize sa, sb;
      double cost;

      if (chain_len == 0)
        chain[chain_len++] = act.key[0];
      for (;;)
        {
          gsize prefer;

          a = chain[chain_len - 1];
          sa = (gsize) act.slot[a];
          prefer = chain_len >= 2 ? (gsize) act.slot[chain[chain_len - 2]] : G_MAXSIZE;
          sb = ward_nearest (&act, helper, sa, prefer, &cost);
          b = act.key[sb];
          if (chain_len >= 2 && b == chain[chain_len - 2])
            break;
          chain[chain_len++] = b;
        }
      chain_len -= 2;
      merges[n_merges].a = a;
      merges[n_merges].b = b;
      merges[n_merges].height = sqrt (2 * cost * act.p.w[sa]);
      n_merges++;
      active_merge (&act, sa, sb);
      if (act.n_active < SHARED_SCAN_MIN || helper->stalls > MAX_STALLS)
        helper_stop (helper);   /* it would only spin, or make us wait, from now on */
      if (n_merges % PROGRESS_EVERY == 0)
        {
          sg_progress_report (progress, (double) n_merges / (points->n - 1), NULL);
          if (!sg_progress_check (progress, error))
            {
              helper_stop (helper);
              active_clear (&act);
              return FALSE;
            }
        }
    }
  helper_stop (helper);
  active_clear (&act);
  return TRUE;
}

/* ---- single: Prim's minimum spanning tree ---- */

static gboolean
single_mst (const Points *points,
            RawMerge     *merges,
            SgProgress   *progress,
            GError      **error)
{
  gsize n = points->n;
  guint d = points->d;
  Active act;             /* points not yet in the tree, compacted */
  g_autofree double *dist = g_new (double, n);   /* by key: squared distance to the tree */
  g_autofree gint32 *from = g_new (gint32, n);
  g_autofree double *q = g_new (double, d);
  gsize current = 0;

  active_init (&act, points);
  for (gsize i = 0; i < n; i++)
    dist[i] = G_MAXDOUBLE, from[i] = -1;

  for (gsize step = 0; step + 1 < n; step++)
    {
      gsize sc = (gsize) act.slot[current];
      gsize best_slot = G_MAXSIZE;
      double best = G_MAXDOUBLE;

      for (guint k = 0; k < d; k++)
        q[k] = act.p.ct[k * act.p.stride + sc];
      /* remove the current point from the candidates */
      {
        gsize last = act.n_active - 1;

        if (sc != last)
          {
            for (guint k = 0; k < d; k++)
              act.p.ct[k * act.p.stride + sc] = act.p.ct[k * act.p.stride + last];
            act.key[sc] = act.key[last];
            act.slot[act.key[sc]] = (gint32) sc;
          }
        act.slot[current] = -1;
        act.n_active--;
      }
      for (gsize j = 0; j < act.n_active; j++)
        {
          gint32 key = act.key[j];
          double d2 = 0;

          for (guint k = 0; k < d; k++)
            {
              double t = act.p.ct[k * act.p.stride + j] - q[k];

              d2 += t * t;
            }
          if (d2 < dist[key])
            dist[key] = d2, from[key] = (gint32) current;
          if (dist[key] < best || (dist[key] == best && best_slot != G_MAXSIZE && key < act.key[best_slot]))
            best = dist[key], best_slot = j;
        }
      current = (gsize) act.key[best_slot];
      merges[step].a = from[current];
      merges[step].b = (gint32) current;
      merges[step].height = sqrt (dist[current]);
      if ((step + 1) % PROGRESS_EVERY == 0)
        {
          sg_progress_report (progress, (double) step / (n - 1), NULL);
          if (!sg_progress_check (progress, error))
            {
              active_clear (&act);
              return FALSE;
            }
        }
    }
  active_clear (&act);
  return TRUE;
}

/* ---- average and complete: nearest-neighbour chain on stored distances ---- */

static inline gsize
condensed (gsize n, gsize i, gsize j)
{
  if (i > j)
    {
      gsize t = i;

      i = j;
      j = t;
    }
  return n * i - i * (i + 1) / 2 + (j - i - 1);
}

typedef struct {
  const Points *points;
  double       *dist;
} Fill;

static void
fill_chunk (gsize chunk, gsize begin, gsize end, gpointer user_data)
{
  Fill *f = user_data;
  const Points *p = f->points;
  gsize n = p->n;

  for (gsize i = begin; i < end; i++)
    {
      double *row = f->dist + condensed (n, i, i + 1);
      gsize m = n - i - 1;

      if (m == 0)
        continue;
      for (gsize j = 0; j < m; j++)
        row[j] = 0;
      for (guint k = 0; k < p->d; k++)
        {
          const double *col = p->ct + k * p->stride + i + 1;
          double qk = p->ct[k * p->stride + i];

          for (gsize j = 0; j < m; j++)
            row[j] += (col[j] - qk) * (col[j] - qk);
        }
      for (gsize j = 0; j < m; j++)
        row[j] = sqrt (row[j]);
    }
}

static gboolean
stored_chain (const Points *points,
              SgLinkage     linkage,
              guint         n_threads,
              RawMerge     *merges,
              SgProgress   *progress,
              GError      **error)
{
  gsize n = points->n;
  double *dist;
  g_autofree gint32 *chain = g_new (gint32, n);
  g_autofree gint32 *active = g_new (gint32, n);     /* compacted list of active clusters */
  g_autofree gint32 *where = g_new (gint32, n);      /* cluster → index in active, -1 */
  g_autofree double *size = g_new (double, n);
  gsize n_active = n, chain_len = 0, n_merges = 0;
  Fill fill;

  dist = g_try_malloc (MAX (n * (n - 1) / 2, 1) * sizeof (double));
  if (dist == NULL)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_FAILED,
                   _("Not enough memory for the distances between %zu rows"), n);
      return FALSE;
    }
  fill.points = points;
  fill.dist = dist;
  /* Rows get shorter down the matrix: small chunks balance the threads. */
  sg_parallel_for (n, 64, n_threads, fill_chunk, &fill);
  for (gsize i = 0; i < n; i++)
    {
      active[i] = where[i] = (gint32) i;
      size[i] = points->w[i];
    }

  while (n_active > 1)
    {
      gint32 a, b;
      double height;

      if (chain_len == 0)
        chain[chain_len++] = active[0];
      for (;;)
        {
          gint32 prefer = chain_len >= 2 ? chain[chain_len - 2] : -1;
          double best = G_MAXDOUBLE;

          a = chain[chain_len - 1];
          b = -1;
          for (gsize j = 0; j < n_active; j++)
            {
              gint32 c = active[j];
              double v;

              if (c == a)
                continue;
              v = dist[condensed (n, (gsize) a, (gsize) c)];
              if (v < best || (v == best && c < b))
                best = v, b = c;
            }
          if (prefer >= 0 && dist[condensed (n, (gsize) a, (gsize) prefer)] <= best)
            best = dist[condensed (n, (gsize) a, (gsize) prefer)], b = prefer;
          height = best;
          if (b == prefer)
            break;
          chain[chain_len++] = b;
        }
      chain_len -= 2;
      merges[n_merges].a = a;
      merges[n_merges].b = b;
      merges[n_merges].height = height;
      n_merges++;

      /* Lance–Williams: the new cluster takes the smaller index. */
      {
        gint32 keep = MIN (a, b), drop = MAX (a, b);
        double sk = size[keep], sd = size[drop];

        for (gsize j = 0; j < n_active; j++)
          {
            gint32 c = active[j];
            double *dk, dd;

            if (c == keep || c == drop)
              continue;
            dk = &dist[condensed (n, (gsize) c, (gsize) keep)];
            dd = dist[condensed (n, (gsize) c, (gsize) drop)];
            if (linkage == SG_LINKAGE_AVERAGE)
              *dk = (sk * *dk + sd * dd) / (sk + sd);
            else
              *dk = MAX (*dk, dd);
          }
        size[keep] = sk + sd;
        active[where[drop]] = active[n_active - 1];
        where[active[where[drop]]] = where[drop];
        where[drop] = -1;
        n_active--;
      }
      if (n_merges % PROGRESS_EVERY == 0)
        {
          sg_progress_report (progress, (double) n_merges / (n - 1), NULL);
          if (!sg_progress_check (progress, error))
            {
              g_free (dist);
              return FALSE;
            }
        }
    }
  g_free (dist);
  return TRUE;
}

/* ---- two-stage: a seeded Lloyd pass for micro-clusters ----
 * A small private k-means (random distinct rows as starting centres, at most MICRO_ITERATIONS
 * Lloyd steps): enough for leaves of a dendrogram. The full k-means module can replace it. */

#define MICRO_ITERATIONS 10
#define MICRO_CHUNK      2048

typedef struct {
  const SgMatrix *x;
  guint           m;          /* centres */
  gsize           mstride;    /* padded centres */
  const double   *ct;         /* d × mstride centres, dimension-major */
  const double   *norms;      /* mstride: |c|², +huge in the padding */
  gint32         *labels;
  double         *sums;       /* n_chunks × m × d */
  guint64        *counts;     /* n_chunks × m */
  guint64        *changed;    /* n_chunks */
} Micro;

static void
micro_chunk (gsize chunk, gsize begin, gsize end, gpointer user_data)
{
  Micro *mc = user_data;
  guint d = (guint) mc->x->n_cols;
  double *sums = mc->sums + chunk * mc->m * d;
  guint64 *counts = mc->counts + chunk * mc->m;
  double *score = aligned_new0 (mc->mstride * sizeof (double));
  guint64 changed = 0;

  memset (sums, 0, (gsize) mc->m * d * sizeof (double));
  memset (counts, 0, mc->m * sizeof (guint64));
  for (gsize i = begin; i < end; i++)
    {
      const double *row = sg_matrix_row (mc->x, i);
      double best = G_MAXDOUBLE;
      gint32 label = 0;

      /* |c|² - 2 x·c: the row's own norm does not change the winner */
      memcpy (score, mc->norms, mc->mstride * sizeof (double));
      for (guint k = 0; k < d; k++)
        {
          const double *col = mc->ct + k * mc->mstride;
          double xk = -2 * row[k];

          for (gsize j = 0; j < mc->mstride; j++)
            score[j] += xk * col[j];
        }
      for (guint j = 0; j < mc->m; j++)
        if (score[j] < best)
          best = score[j], label = (gint32) j;
      if (mc->labels[i] != label)
        changed++;
      mc->labels[i] = label;
      counts[label]++;
      for (guint k = 0; k < d; k++)
        sums[(gsize) label * d + k] += row[k];
    }
  mc->changed[chunk] = changed;
  free (score);
}

static gboolean
micro_clusters (const SgMatrix        *x,
                const SgHclustOptions *options,
                Points                *points,
                gint32                *row_leaf,
                SgProgress            *progress,
                GError               **error)
{
  gsize n = x->n_rows, n_chunks = sg_parallel_n_chunks (n, MICRO_CHUNK);
  guint d = (guint) x->n_cols;
  guint m = (guint) MIN ((gsize) MAX (options->n_micro, 2), n);
  Micro mc = { 0 };
  g_autofree guint32 *pick = g_new (guint32, n);
  g_autofree double *centres = g_new (double, (gsize) m * d);   /* row-major */
  g_autofree guint64 *total = g_new (guint64, m);
  g_autofree gint32 *renumber = g_new (gint32, m);
  double *ct, *norms;
  SgRandom rng;
  guint used = 0;
  gboolean cancelled = FALSE;

  sg_random_init_stream (&rng, options->seed, "hclust-micro", 0);
  for (gsize i = 0; i < n; i++)
    pick[i] = (guint32) i;
  for (guint i = 0; i < m; i++)
    {
      gsize j = i + (gsize) sg_random_below (&rng, n - i);
      guint32 t = pick[i];

      pick[i] = pick[j];
      pick[j] = t;
      memcpy (centres + (gsize) i * d, sg_matrix_row (x, pick[i]), d * sizeof (double));
    }

  mc.x = x;
  mc.m = m;
  mc.mstride = (m + 7) & ~(gsize) 7;
  mc.ct = ct = aligned_new0 ((gsize) d * mc.mstride * sizeof (double));
  mc.norms = norms = aligned_new0 (mc.mstride * sizeof (double));
  mc.labels = row_leaf;
  mc.sums = g_new (double, n_chunks * m * d);
  mc.counts = g_new (guint64, n_chunks * m);
  mc.changed = g_new (guint64, n_chunks);
  for (gsize i = 0; i < n; i++)
    row_leaf[i] = -1;

  for (guint iter = 0; iter < MICRO_ITERATIONS; iter++)
    {
      guint64 changed = 0;

      for (guint j = 0; j < mc.mstride; j++)
        {
          double s = 0;

          for (guint k = 0; k < d; k++)
            {
              double v = j < m ? centres[(gsize) j * d + k] : 0;

              ct[k * mc.mstride + j] = v;
              s += v * v;
            }
          norms[j] = j < m ? s : G_MAXDOUBLE / 4;
        }
      sg_parallel_for (n, MICRO_CHUNK, options->n_threads, micro_chunk, &mc);
      memset (total, 0, m * sizeof (guint64));
      memset (centres, 0, (gsize) m * d * sizeof (double));
      for (gsize c = 0; c < n_chunks; c++)
        {
          changed += mc.changed[c];
          for (guint j = 0; j < m; j++)
            {
              total[j] += mc.counts[c * m + j];
              for (guint k = 0; k < d; k++)
                centres[(gsize) j * d + k] += mc.sums[(c * m + j) * d + k];
            }
        }
      for (guint j = 0; j < m; j++)
        for (guint k = 0; k < d; k++)
          centres[(gsize) j * d + k] = total[j] ? centres[(gsize) j * d + k] / (double) total[j] : 0;
      sg_progress_report (progress, (double) (iter + 1) / MICRO_ITERATIONS, NULL);
      if (!sg_progress_check (progress, error))
        {
          cancelled = TRUE;
          break;
        }
      if (changed == 0)
        break;
    }
  free (ct);
  free (norms);
  g_free (mc.sums);
  g_free (mc.counts);
  g_free (mc.changed);
  if (cancelled)
    return FALSE;

  /* The centres are the means of the final assignment; drop empty ones. */
  for (guint j = 0; j < m; j++)
    renumber[j] = total[j] ? (gint32) used++ : -1;
  points_init (points, used, d);
  for (guint j = 0; j < m; j++)
    if (renumber[j] >= 0)
      {
        for (guint k = 0; k < d; k++)
          points->ct[k * points->stride + renumber[j]] = centres[(gsize) j * d + k];
        points->w[renumber[j]] = (double) total[j];
      }
  for (gsize i = 0; i < n; i++)
    row_leaf[i] = renumber[row_leaf[i]];
  return TRUE;
}

/* ---- finishing: scipy's order and numbering ---- */

typedef struct {
  double height;
  gsize  index;
} SortKey;

static int
cmp_height (gconstpointer a, gconstpointer b, gpointer unused)
{
  const SortKey *x = a, *y = b;

  return (x->height > y->height) - (x->height < y->height);
}

static gint32
uf_top (gint32 *parent, gint32 i)
{
  gint32 root = i;

  while (parent[root] != root)
    root = parent[root];
  while (parent[i] != root)
    {
      gint32 next = parent[i];

      parent[i] = root;
      i = next;
    }
  return root;
}

static SgMerge *
finish_merges (RawMerge *raw, gsize n_leaves, const double *weights)
{
  gsize n_merges = n_leaves - 1;
  g_autofree gint32 *parent = g_new (gint32, 2 * n_leaves);
  g_autofree double *size = g_new (double, 2 * n_leaves);
  g_autofree SortKey *keys = g_new (SortKey, MAX (n_merges, 1));
  SgMerge *merges = g_new0 (SgMerge, MAX (n_merges, 1));  /* zeroed: the padding is stored with the run */
  RawMerge *sorted = g_new (RawMerge, MAX (n_merges, 1));

  /* g_qsort_with_data() is a stable merge sort, as scipy's (kind='mergesort') */
  for (gsize i = 0; i < n_merges; i++)
    keys[i].height = raw[i].height, keys[i].index = i;
  g_qsort_with_data (keys, (gint) n_merges, sizeof (SortKey), cmp_height, NULL);
  for (gsize i = 0; i < n_merges; i++)
    sorted[i] = raw[keys[i].index];
  for (gsize i = 0; i < 2 * n_leaves; i++)
    {
      parent[i] = (gint32) i;
      size[i] = i < n_leaves ? weights[i] : 0;
    }
  for (gsize i = 0; i < n_merges; i++)
    {
      gint32 ra = uf_top (parent, sorted[i].a), rb = uf_top (parent, sorted[i].b);
      gint32 id = (gint32) (n_leaves + i);

      merges[i].a = MIN (ra, rb);
      merges[i].b = MAX (ra, rb);
      merges[i].height = sorted[i].height;
      size[id] = size[ra] + size[rb];
      merges[i].size = (guint32) MIN (size[id], (double) G_MAXUINT32);
      parent[ra] = parent[rb] = id;
    }
  g_free (sorted);
  return merges;
}

/* ---- public ---- */

SgDendrogram *
sg_hclust_fit (const SgMatrix        *x,
               const SgHclustOptions *options,
               SgProgress            *progress,
               GError               **error)
{
  SgDendrogram *result;
  Points points = { 0 };
  g_autofree RawMerge *raw = NULL;
  g_autofree gint32 *row_leaf = NULL;
  gsize n, exact_limit;
  guint d;
  gboolean two_stage, ok;
  SgProgress stage;

  g_return_val_if_fail (x != NULL && options != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  n = x->n_rows;
  d = (guint) x->n_cols;
  if (n < 2 || d == 0)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_DEGENERATE,
                   _("Hierarchical clustering needs at least 2 rows (got %zu)"), n);
      return NULL;
    }
  if (n > G_MAXINT32 / 2)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT,
                   _("Hierarchical clustering handles at most %d rows"), G_MAXINT32 / 2);
      return NULL;
    }
  for (gsize i = 0; i < n * d; i++)
    if (!isfinite (x->data[i]))
      {
        g_set_error (error, SG_ERROR, SG_ERROR_DEGENERATE,
                     _("Row %zu, column %zu: the value is missing or not finite"),
                     i / d + 1, i % d + 1);
        return NULL;
      }

  {
    gboolean varies = FALSE;

    for (gsize i = d; i < n * d && !varies; i++)
      varies = x->data[i] != x->data[i % d];
    if (!varies)
      {
        g_set_error (error, SG_ERROR, SG_ERROR_DEGENERATE,
                     _("Hierarchical clustering needs rows that differ; all %zu rows are the same"), n);
        return NULL;
      }
  }
  if (!sg_progress_check (progress, error))
    return NULL;

  exact_limit = options->max_exact_rows;
  if (options->linkage == SG_LINKAGE_AVERAGE || options->linkage == SG_LINKAGE_COMPLETE)
    exact_limit = MIN (exact_limit, options->max_stored_rows);
  two_stage = n > exact_limit;
  row_leaf = g_new (gint32, n);

  if (two_stage)
    {
      stage = sg_progress_sub (progress, 0.0, 0.5);
      sg_progress_report (&stage, 0.0, _("Forming micro-clusters"));
      if (!micro_clusters (x, options, &points, row_leaf, &stage, error))
        return NULL;
      stage = sg_progress_sub (progress, 0.5, 1.0);
    }
  else
    {
      points_init (&points, n, d);
      for (gsize i = 0; i < n; i++)
        {
          const double *row = sg_matrix_row (x, i);

          for (guint k = 0; k < d; k++)
            points.ct[k * points.stride + i] = row[k];
          points.w[i] = 1;
          row_leaf[i] = (gint32) i;
        }
      stage = sg_progress_sub (progress, 0.0, 1.0);
    }

  raw = g_new (RawMerge, MAX (points.n, 2) - 1);
  sg_progress_report (&stage, 0.0, _("Merging clusters"));
  if (points.n < 2)
    ok = TRUE;   /* every row in one micro-cluster: no merges (n_leaves = 1) */
  else if (options->linkage == SG_LINKAGE_WARD)
    ok = ward_chain (&points, options->n_threads, raw, &stage, error);
  else if (options->linkage == SG_LINKAGE_SINGLE)
    ok = single_mst (&points, raw, &stage, error);
  else
    ok = stored_chain (&points, options->linkage, options->n_threads, raw, &stage, error);
  if (!ok)
    {
      points_clear (&points);
      return NULL;
    }

  result = g_new0 (SgDendrogram, 1);
  result->linkage = options->linkage;
  result->n_rows = n;
  result->n_leaves = points.n;
  result->two_stage = two_stage;
  result->row_leaf = g_steal_pointer (&row_leaf);
  result->merges = finish_merges (raw, points.n, points.w);
  points_clear (&points);
  sg_progress_report (progress, 1.0, NULL);
  return result;
}

/* Labels per leaf after the first @n_applied merges, then per row, numbered by decreasing size. */
static gint32 *
labels_after (const SgDendrogram *dendrogram,
              gsize               n_applied,
              guint              *k_out)
{
  gsize n_leaves = dendrogram->n_leaves, n = dendrogram->n_rows;
  g_autofree gint32 *parent = g_new (gint32, 2 * n_leaves);
  g_autofree gint32 *root_cluster = g_new (gint32, 2 * n_leaves);
  g_autofree guint64 *size = NULL;
  g_autofree gsize *first = NULL;
  g_autofree guint *order = NULL;
  g_autofree gint32 *rank = NULL;
  gint32 *labels = g_new (gint32, n);
  guint k = 0;

  for (gsize i = 0; i < 2 * n_leaves; i++)
    parent[i] = (gint32) i, root_cluster[i] = -1;
  for (gsize i = 0; i < n_applied; i++)
    {
      gint32 id = (gint32) (n_leaves + i);

      parent[uf_top (parent, dendrogram->merges[i].a)] = id;
      parent[uf_top (parent, dendrogram->merges[i].b)] = id;
    }
  /* provisional numbers in order of first row */
  size = g_new0 (guint64, n_leaves);
  first = g_new (gsize, n_leaves);
  for (gsize r = 0; r < n; r++)
    {
      gint32 root = uf_top (parent, dendrogram->row_leaf[r]);

      if (root_cluster[root] < 0)
        {
          root_cluster[root] = (gint32) k;
          first[k] = r;
          k++;
        }
      labels[r] = root_cluster[root];
      size[labels[r]]++;
    }
  /* final numbers: decreasing size, then first row */
  order = g_new (guint, MAX (k, 1));
  for (guint c = 0; c < k; c++)
    order[c] = c;
  for (guint i = 1; i < k; i++)
    {
      guint c = order[i];
      guint j = i;

      while (j > 0 && (size[order[j - 1]] < size[c] ||
                       (size[order[j - 1]] == size[c] && first[order[j - 1]] > first[c])))
        {
          order[j] = order[j - 1];
          j--;
        }
      order[j] = c;
    }
  rank = g_new (gint32, MAX (k, 1));
  for (guint i = 0; i < k; i++)
    rank[order[i]] = (gint32) i;
  for (gsize r = 0; r < n; r++)
    labels[r] = rank[labels[r]];
  if (k_out != NULL)
    *k_out = k;
  return labels;
}

gint32 *
sg_dendrogram_cut_k (const SgDendrogram *dendrogram,
                     guint               k,
                     GError            **error)
{
  g_return_val_if_fail (dendrogram != NULL, NULL);

  if (k < 1 || k > dendrogram->n_leaves)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT,
                   _("The tree can be cut into 1 to %zu clusters, not %u"),
                   dendrogram->n_leaves, k);
      return NULL;
    }
  return labels_after (dendrogram, dendrogram->n_leaves - k, NULL);
}

gint32 *
sg_dendrogram_cut_height (const SgDendrogram *dendrogram,
                          double              height,
                          guint              *k_out)
{
  gsize applied = 0;

  g_return_val_if_fail (dendrogram != NULL, NULL);

  while (applied + 1 < dendrogram->n_leaves && dendrogram->merges[applied].height <= height)
    applied++;
  return labels_after (dendrogram, applied, k_out);
}

double
sg_dendrogram_height_for_k (const SgDendrogram *dendrogram,
                            guint               k)
{
  gsize n_merges;

  g_return_val_if_fail (dendrogram != NULL, 0);

  n_merges = dendrogram->n_leaves - 1;
  if (n_merges == 0)
    return 0;
  if (k <= 1)
    return dendrogram->merges[n_merges - 1].height * 1.05;
  if (k >= dendrogram->n_leaves)
    return dendrogram->merges[0].height / 2;
  return (dendrogram->merges[n_merges - k].height + dendrogram->merges[n_merges - k + 1].height) / 2;
}
