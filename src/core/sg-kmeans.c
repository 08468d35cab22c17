/* sg-kmeans.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Lloyd's k-means with Hamerly's bounds (G. Hamerly, "Making k-means even faster", SDM 2010):
 * each row keeps an upper bound on the distance to its own centre and a lower bound on the
 * distance to any other; rows whose bounds prove the label cannot change are skipped without
 * reading the row. Cluster sums are kept per chunk of rows and updated only for rows that change
 * cluster; the chunk sums are added in chunk order, so any thread count gives the same bits.
 *
 * Seeding is scikit-learn's "greedy" k-means++ (2 + ⌊ln k⌋ candidates per step, keep the one that
 * lowers the potential most), one pass over the rows per centre. Convergence as scikit-learn:
 * labels unchanged, or the total squared centre shift at most tol × the mean feature variance;
 * then (unless the labels were unchanged) one more assignment with the final centres gives the
 * labels. The inertia comes from per-cluster sums of ‖x − mean‖², kept like the cluster sums, so
 * no final pass over all distances is needed.
 *
 * Distances are computed exactly as Σ (x − c)², eight centres at a time, in kernels written with
 * GCC vector types (sg-kmeans-kernels.h), vectorised at -O2 on any target; the portable x86-64
 * build also carries an AVX2 + FMA copy chosen at run time.
 *
 * Memory beyond the input: per row two bounds and two labels (24 bytes), per chunk the cluster
 * sums. Elkan's algorithm (k lower bounds per row) was not used: 8 doubles more per row at k = 8.
 */
#include "config.h"

#include <inttypes.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "sg-error.h"
#include "sg-kmeans.h"
#include "sg-parallel.h"
#include "sg-simd.h"
#include "sg-random.h"

#define BLOCK 8   /* centres per packed block */
#define ROWS  4   /* rows per call of the distance kernel */

/* The kernels (sg-kmeans-kernels.h), one table per instruction set. */
typedef struct {
  /* Squared distances of ROWS rows to every packed centre: out[r · n_blocks·8 + c]. */
  void   (*rows_distances)      (const double *const rows[ROWS], const double *ct, guint n_blocks,
                                 guint d, double *out);
  /* One row against one block, with the same arithmetic per lane as rows_distances(). */
  void   (*row_block_distances) (const double *row, const double *blk, guint d, double out[BLOCK]);
  void   (*add_row)             (double *sum, const double *row, guint d);
  void   (*sub_row)             (double *sum, const double *row, guint d);
  double (*centred_norm2)       (const double *row, const double *mean, guint d);
  SgParallelFunc full_chunk, hamerly_chunk, first_closest_chunk, trials_chunk;
} Kernels;

static const Kernels *kernels_for_this_cpu (void);

/* ---------------------------------------------------------------------------------------------
 * Kernels
 */

/* Centres k × d → blocks of eight, feature-major inside a block: ct[(b·d + f)·8 + j]. */
static void
pack_centres (const double *centres,
              guint         k,
              guint         d,
              double       *ct)
{
  guint n_blocks = (k + BLOCK - 1) / BLOCK;

  for (guint b = 0; b < n_blocks; b++)
    for (guint f = 0; f < d; f++)
      for (guint j = 0; j < BLOCK; j++)
        {
          guint c = b * BLOCK + j;

          ct[((gsize) b * d + f) * BLOCK + j] = c < k ? centres[(gsize) c * d + f] : 0.0;
        }
}

/* Index of the smallest of @dist[0..k) (the first on ties), with the smallest and second smallest.
 * Branch-free: which centre is nearest is what the branch predictor cannot guess. */
static inline guint
nearest2 (const double *dist,
          guint         k,
          double       *best,
          double       *second)
{
  guint a = 0;
  double b1 = dist[0], b2 = INFINITY;

  for (guint j = 1; j < k; j++)
    {
      double v = dist[j];
      double hi = v > b1 ? v : b1;
      guint take = 0u - (guint) (v < b1);   /* all ones when v is the new best */

      a = (a & ~take) | (j & take);
      b2 = hi < b2 ? hi : b2;
      b1 = v < b1 ? v : b1;
    }
  *best = b1;
  *second = b2;
  return a;
}

static double *
aligned_doubles (gsize n)
{
  gsize bytes = (MAX (n, 1) * sizeof (double) + 63) & ~(gsize) 63;
  double *p = aligned_alloc (64, bytes);

  if (p == NULL)
    g_error ("Out of memory allocating %" G_GSIZE_FORMAT " bytes", bytes);
  return p;
}

/* Chunks depend on the number of rows only (never on threads); at most ~512 of them keeps the
 * per-chunk cluster sums small. */
static gsize
chunk_size_for (gsize n_rows)
{
  gsize size = SG_PARALLEL_CHUNK;

  while (n_rows / size > 512)
    size *= 2;
  return size;
}

/* ---------------------------------------------------------------------------------------------
 * State shared by the passes over the rows
 */

typedef struct {
  const SgMatrix *x;
  const Kernels  *kern;
  gsize           n;
  guint           k, d, n_blocks, n_threads;
  gsize           chunk_size, n_chunks;

  double         *centres;        /* k × d, the centres the labels refer to */
  double         *ct;             /* packed centres */
  double         *half_sep;       /* k: half the distance to the nearest other centre */
  double         *shift;          /* k: how far each centre moved at the last update */
  double          shift1, shift2; /* largest and second largest shift */
  guint           shift1_j;

  gint32         *labels;
  double         *upper, *lower;  /* Hamerly bounds (upper doubles as k-means++'s closest distances) */

  double         *mean;           /* d: the data mean, reference point of the squares below */
  /* Per chunk, each chunk's part padded to whole cache lines (threads write them): */
  gsize           stride_kd, stride_k;
  double         *chunk_sums;     /* k × d: sums of each cluster's rows */
  double         *chunk_q;        /* k: Σ ‖x − mean‖² of each cluster's rows */
  gint64         *chunk_counts;   /* k */
  gint64         *chunk_changes;  /* n_chunks */
  double         *chunk_value;    /* n_chunks: inertia or potential */

  /* k-means++ */
  guint           n_trials, trial_blocks;
  double         *trial_ct;       /* candidates in lanes 0.., the pending centre in lane n_trials */
  double         *pending_ct;     /* the pending centre alone, in lane n_trials % 8 */
  gboolean        has_pending;
  double         *chunk_trials;   /* n_chunks × n_trials */

  /* empty-cluster relocation */
  guint           n_far;
  double         *far_dist;       /* n_chunks × n_far */
  gint64         *far_index;
} KMeans;

static void
kmeans_clear (KMeans *km)
{
  free (km->ct);
  free (km->trial_ct);
  free (km->pending_ct);
  g_free (km->centres);
  g_free (km->half_sep);
  g_free (km->shift);
  g_free (km->upper);
  g_free (km->lower);
  free (km->chunk_sums);
  free (km->chunk_q);
  g_free (km->mean);
  free (km->chunk_counts);
  g_free (km->chunk_changes);
  g_free (km->chunk_value);
  g_free (km->chunk_trials);
  g_free (km->far_dist);
  g_free (km->far_index);
}

static void
kmeans_setup (KMeans         *km,
              const SgMatrix *x,
              guint           k,
              guint           n_threads,
              gboolean        bounds)
{
  memset (km, 0, sizeof *km);
  km->kern = kernels_for_this_cpu ();
  km->x = x;
  km->n = x->n_rows;
  km->k = k;
  km->d = (guint) x->n_cols;
  km->n_blocks = (k + BLOCK - 1) / BLOCK;
  km->n_threads = n_threads;
  km->chunk_size = chunk_size_for (km->n);
  km->n_chunks = sg_parallel_n_chunks (km->n, km->chunk_size);
  km->centres = g_new0 (double, (gsize) k * km->d);
  km->ct = aligned_doubles ((gsize) km->n_blocks * km->d * BLOCK);
  km->half_sep = g_new0 (double, k);
  km->shift = g_new0 (double, k);
  km->chunk_value = g_new0 (double, km->n_chunks);
  km->chunk_changes = g_new0 (gint64, km->n_chunks);
  if (bounds)
    {
      km->upper = g_new (double, km->n);
      km->lower = g_new (double, km->n);
      km->stride_kd = ((gsize) k * km->d + 7) & ~(gsize) 7;
      km->stride_k = ((gsize) k + 7) & ~(gsize) 7;
      km->chunk_sums = aligned_doubles (km->n_chunks * km->stride_kd);
      km->chunk_q = aligned_doubles (km->n_chunks * km->stride_k);
      km->chunk_counts = (gint64 *) aligned_doubles (km->n_chunks * km->stride_k);
      memset (km->chunk_sums, 0, km->n_chunks * km->stride_kd * sizeof (double));
      memset (km->chunk_q, 0, km->n_chunks * km->stride_k * sizeof (double));
      memset (km->chunk_counts, 0, km->n_chunks * km->stride_k * sizeof (gint64));
      km->mean = g_new0 (double, km->d);
    }
}

/* ---------------------------------------------------------------------------------------------
 * Checks: finite values and per-feature variance (for the tolerance)
 */

typedef struct {
  const SgMatrix *x;
  double         *chunk_s1, *chunk_s2;  /* n_chunks × d, sums of (x − x₀) and (x − x₀)² */
  gint64         *chunk_bad;            /* first non-finite element, or -1 */
} Scan;

static void
scan_chunk (gsize    chunk,
            gsize    begin,
            gsize    end,
            gpointer user_data)
{
  Scan *s = user_data;
  gsize d = s->x->n_cols;
  const double *first = s->x->data;
  double *s1 = s->chunk_s1 + chunk * d, *s2 = s->chunk_s2 + chunk * d;

  s->chunk_bad[chunk] = -1;
  memset (s1, 0, d * sizeof (double));
  memset (s2, 0, d * sizeof (double));
  for (gsize i = begin; i < end; i++)
    {
      const double *row = sg_matrix_row (s->x, i);
      gboolean finite = TRUE;

      for (gsize f = 0; f < d; f++)
        {
          double t = row[f] - first[f];

          finite &= isfinite (row[f]);
          s1[f] += t;
          s2[f] += t * t;
        }
      if (!finite)
        {
          for (gsize f = 0; f < d; f++)
            if (!isfinite (row[f]))
              {
                s->chunk_bad[chunk] = (gint64) (i * d + f);
                return;
              }
        }
    }
}

/* Checks for NaN/Inf; returns the column means in @mean (d) and the mean of the per-feature
 * (population) variances in @mean_var. */
static gboolean
scan_matrix (const SgMatrix *x,
             guint           n_threads,
             double         *mean,
             double         *mean_var,
             GError        **error)
{
  gsize chunk_size = chunk_size_for (x->n_rows);
  gsize n_chunks = sg_parallel_n_chunks (x->n_rows, chunk_size);
  gsize d = x->n_cols;
  g_autofree double *s1 = g_new (double, n_chunks * d);
  g_autofree double *s2 = g_new (double, n_chunks * d);
  g_autofree gint64 *bad = g_new (gint64, n_chunks);
  Scan scan = { x, s1, s2, bad };
  double total = 0;

  sg_parallel_for (x->n_rows, chunk_size, n_threads, scan_chunk, &scan);
  for (gsize c = 0; c < n_chunks; c++)
    if (bad[c] >= 0)
      {
        g_set_error (error, SG_ERROR, SG_ERROR_DEGENERATE,
                     _("Row %" PRIu64 ", column %" PRIu64 " is not a finite number"),
                     (guint64) (bad[c] / d) + 1, (guint64) (bad[c] % d) + 1);
        return FALSE;
      }
  for (gsize f = 0; f < d; f++)
    {
      double a = 0, b = 0, m;

      for (gsize c = 0; c < n_chunks; c++)
        {
          a += s1[c * d + f];
          b += s2[c * d + f];
        }
      m = a / (double) x->n_rows;
      mean[f] = x->data[f] + m;
      total += MAX (b / (double) x->n_rows - m * m, 0.0);
    }
  *mean_var = total / (double) d;
  return TRUE;
}

/* ---------------------------------------------------------------------------------------------
 * Full assignment: every distance
 */

typedef struct {
  KMeans  *km;
  gboolean fit;   /* also bounds and per-chunk sums */
} FullPass;

static double
full_pass (KMeans  *km,
           gboolean fit)
{
  FullPass pass = { km, fit };
  double total = 0;

  sg_parallel_for (km->n, km->chunk_size, km->n_threads, km->kern->full_chunk, &pass);
  for (gsize c = 0; c < km->n_chunks; c++)
    total += km->chunk_value[c];
  return total;
}

/* ---------------------------------------------------------------------------------------------
 * Hamerly pass: bounds first, distances only where they cannot decide
 */

/* How many failed rows ahead to prefetch: they are scattered in memory, and reading them one by
 * one would wait for memory each time. (The prefetches stay in the loop: GCC finds a function
 * that only prefetches "const" and drops calls to it.) */
#define PREFETCH_AHEAD 16

typedef struct {
  KMeans *km;
  gsize   chunk;
  double *dist;
  gsize   group[ROWS];
  guint   n_group;
  gint64  changes;
} Settle;

/* ---------------------------------------------------------------------------------------------
 * Kernels: for the compiler's target, and on x86-64 without AVX2 in the baseline (the portable
 * build) also for AVX2 + FMA, chosen at run time (about 1.7 times faster there). SG_SIMD=baseline
 * in the environment forces the first.
 */

#if defined (__AVX512F__)
#define LANES 8
#elif defined (__AVX__)
#define LANES 4
#else
#define LANES 2
#endif
#define KERNEL(name) name##_baseline
#include "sg-kmeans-kernels.h"
#undef KERNEL
#undef LANES

#if defined (__x86_64__) && defined (__GNUC__) && !defined (__clang__) && !defined (__AVX2__)
#define DISPATCH_AVX2 1
#pragma GCC push_options
#pragma GCC target ("avx2,fma")
#define LANES 4
#define KERNEL(name) name##_avx2
#include "sg-kmeans-kernels.h"
#undef KERNEL
#undef LANES
#pragma GCC pop_options
#endif

static const Kernels *
kernels_for_this_cpu (void)
{
#ifdef DISPATCH_AVX2
  if (sg_simd_use_avx2 ())
    return &kernels_avx2;
#endif
  return &kernels_baseline;
}

/* ---------------------------------------------------------------------------------------------
 * Centre updates
 */

static gint64
reduce_sums (KMeans *km,
             double *sums,
             double *q,
             gint64 *counts)
{
  gsize kd = (gsize) km->k * km->d;
  gint64 changes = 0;

  memset (sums, 0, kd * sizeof (double));
  memset (q, 0, km->k * sizeof (double));
  memset (counts, 0, km->k * sizeof (gint64));
  for (gsize c = 0; c < km->n_chunks; c++)
    {
      const double *cs = km->chunk_sums + c * km->stride_kd;
      const double *cq = km->chunk_q + c * km->stride_k;
      const gint64 *cc = km->chunk_counts + c * km->stride_k;

      for (gsize e = 0; e < kd; e++)
        sums[e] += cs[e];
      for (guint j = 0; j < km->k; j++)
        {
          q[j] += cq[j];
          counts[j] += cc[j];
        }
      changes += km->chunk_changes[c];
    }
  return changes;
}

/* Σ_j Σ_{x in j} ‖x − c_j‖² from the cluster statistics: with x' = x − mean and c' = c − mean,
 * it is Q_j − 2 c'_j·S'_j + n_j ‖c'_j‖², where S'_j = S_j − n_j mean. Exact algebra for any
 * centres; measuring from the mean keeps the cancellation small. */
static double
inertia_from_sums (KMeans       *km,
                   const double *centres,
                   const double *sums,
                   const double *q,
                   const gint64 *counts)
{
  double total = 0;

  for (guint j = 0; j < km->k; j++)
    {
      double cross = 0, norm = 0, v;

      if (counts[j] == 0)
        continue;
      for (guint f = 0; f < km->d; f++)
        {
          double c = centres[(gsize) j * km->d + f] - km->mean[f];
          double s = sums[(gsize) j * km->d + f] - (double) counts[j] * km->mean[f];

          cross += c * s;
          norm += c * c;
        }
      v = q[j] - 2 * cross + (double) counts[j] * norm;
      total += MAX (v, 0.0);
    }
  return total;
}

/* Exact squared distance of a row to its own centre (for the relocation of empty clusters). */
static double
own_distance (KMeans *km,
              gsize   row)
{
  double block[BLOCK];
  guint a = (guint) km->labels[row];

  km->kern->row_block_distances (sg_matrix_row (km->x, row), km->ct + (gsize) (a / BLOCK) * km->d * BLOCK, km->d, block);
  return block[a % BLOCK];
}

/* Keeps, per chunk, the n_far rows farthest from their centre (largest first, lower row first on ties). */
static void
far_chunk (gsize    chunk,
           gsize    begin,
           gsize    end,
           gpointer user_data)
{
  KMeans *km = user_data;
  double *dist = km->far_dist + chunk * km->n_far;
  gint64 *index = km->far_index + chunk * km->n_far;

  for (guint j = 0; j < km->n_far; j++)
    {
      dist[j] = -1;
      index[j] = -1;
    }
  for (gsize i = begin; i < end; i++)
    {
      double v = own_distance (km, i);
      guint pos = km->n_far;

      while (pos > 0 && v > dist[pos - 1])
        pos--;
      if (pos == km->n_far)
        continue;
      memmove (dist + pos + 1, dist + pos, (km->n_far - pos - 1) * sizeof (double));
      memmove (index + pos + 1, index + pos, (km->n_far - pos - 1) * sizeof (gint64));
      dist[pos] = v;
      index[pos] = (gint64) i;
    }
}

typedef struct {
  double dist;
  gint64 index;
} Far;

static int
far_compare (gconstpointer a,
             gconstpointer b)
{
  const Far *fa = a, *fb = b;

  if (fa->dist != fb->dist)
    return fa->dist > fb->dist ? -1 : 1;
  return fa->index < fb->index ? -1 : fa->index > fb->index;
}

/* As scikit-learn: each empty cluster takes the row farthest from its centre (one whose cluster
 * keeps at least one row). The rows move to their new cluster in the per-chunk sums. Returns how
 * many rows moved. */
static gint64
relocate_empty (KMeans *km,
                gint64 *counts)
{
  g_autofree Far *far = NULL;
  gsize n_far_total, next = 0;
  guint n_empty = 0;
  gint64 moved = 0;

  for (guint j = 0; j < km->k; j++)
    n_empty += counts[j] == 0;
  if (n_empty == 0)
    return 0;

  km->n_far = MIN (n_empty + km->k, (guint) MIN (km->n, (gsize) G_MAXUINT));
  km->far_dist = g_renew (double, km->far_dist, km->n_chunks * km->n_far);
  km->far_index = g_renew (gint64, km->far_index, km->n_chunks * km->n_far);
  sg_parallel_for (km->n, km->chunk_size, km->n_threads, far_chunk, km);
  n_far_total = km->n_chunks * km->n_far;
  far = g_new (Far, n_far_total);
  for (gsize e = 0; e < n_far_total; e++)
    {
      far[e].dist = km->far_dist[e];
      far[e].index = km->far_index[e];
    }
  qsort (far, n_far_total, sizeof (Far), far_compare);

  for (guint j = 0; j < km->k; j++)
    {
      if (counts[j] != 0)
        continue;
      for (; next < n_far_total && far[next].index >= 0; next++)
        {
          gsize row = (gsize) far[next].index;
          guint old = (guint) km->labels[row];
          gsize chunk = row / km->chunk_size;
          const double *x = sg_matrix_row (km->x, row);

          double n2;

          if (counts[old] <= 1)
            continue;
          n2 = km->kern->centred_norm2 (x, km->mean, km->d);
          km->kern->sub_row (km->chunk_sums + chunk * km->stride_kd + (gsize) old * km->d, x, km->d);
          km->kern->add_row (km->chunk_sums + chunk * km->stride_kd + (gsize) j * km->d, x, km->d);
          km->chunk_q[chunk * km->stride_k + old] -= n2;
          km->chunk_q[chunk * km->stride_k + j] += n2;
          km->chunk_counts[chunk * km->stride_k + old]--;
          km->chunk_counts[chunk * km->stride_k + j]++;
          counts[old]--;
          counts[j]++;
          km->labels[row] = (gint32) j;
          km->upper[row] = 0;
          km->lower[row] = 0;
          moved++;
          next++;
          break;
        }
    }
  return moved;
}

/* Sets the centres, the packed copy, the half separations and the shifts; returns Σ shift². */
static double
set_centres (KMeans       *km,
             const double *centres)
{
  guint k = km->k, d = km->d;
  double total = 0;

  km->shift1 = km->shift2 = 0;
  km->shift1_j = 0;
  for (guint j = 0; j < k; j++)
    {
      double s = 0;

      for (guint f = 0; f < d; f++)
        {
          double t = centres[(gsize) j * d + f] - km->centres[(gsize) j * d + f];

          s += t * t;
        }
      total += s;
      km->shift[j] = sqrt (s);
      if (km->shift[j] > km->shift1)
        {
          km->shift2 = km->shift1;
          km->shift1 = km->shift[j];
          km->shift1_j = j;
        }
      else if (km->shift[j] > km->shift2)
        km->shift2 = km->shift[j];
    }
  memcpy (km->centres, centres, (gsize) k * d * sizeof (double));
  pack_centres (centres, k, d, km->ct);
  for (guint j = 0; j < k; j++)
    km->half_sep[j] = INFINITY;
  for (guint j = 0; j < k; j++)
    for (guint j2 = j + 1; j2 < k; j2++)
      {
        double s = 0;

        for (guint f = 0; f < d; f++)
          {
            double t = centres[(gsize) j * d + f] - centres[(gsize) j2 * d + f];

            s += t * t;
          }
        s = 0.5 * sqrt (s);
        km->half_sep[j] = MIN (km->half_sep[j], s);
        km->half_sep[j2] = MIN (km->half_sep[j2], s);
      }
  return total;
}

/* ---------------------------------------------------------------------------------------------
 * Greedy k-means++
 */

/* Each step is one pass over the rows. The pass for step c computes the distances to the
 * candidates of step c and, in one more lane, to the centre chosen at step c − 1, whose update of
 * the closest distances was deferred to this pass. Sampling the candidates of step c needs those
 * updated distances before the pass: the chunk totals are known (the chosen candidate's potential
 * per chunk), and inside the one chunk where a sample falls they are recomputed on the fly, with
 * the same arithmetic. So k passes instead of 2k − 1. */

/* The closest distance of @row, with the deferred update applied. */
static inline double
closest_at (KMeans *km,
            gsize   row)
{
  double c = km->upper[row];

  if (km->has_pending)
    {
      double block[BLOCK];

      km->kern->row_block_distances (sg_matrix_row (km->x, row), km->pending_ct, km->d, block);
      c = MIN (c, block[km->n_trials % BLOCK]);
    }
  return c;
}

/* The first row whose cumulative closest distance exceeds @target (never a row at distance 0). */
static gsize
sample_row (KMeans *km,
            double  target)
{
  double cum = 0;

  for (gsize c = 0; c < km->n_chunks; c++)
    {
      gsize begin = c * km->chunk_size, end = MIN (begin + km->chunk_size, km->n);

      if (km->chunk_value[c] > 0 && cum + km->chunk_value[c] > target)
        {
          double s = cum;
          gsize last_positive = G_MAXSIZE;

          for (gsize i = begin; i < end; i++)
            {
              double v = closest_at (km, i);

              if (v <= 0)
                continue;
              s += v;
              last_positive = i;
              if (s > target)
                return i;
            }
          if (last_positive != G_MAXSIZE)
            return last_positive;
        }
      cum += km->chunk_value[c];
    }
  /* Rounding: the last row with a positive distance. */
  for (gsize i = km->n; i-- > 0;)
    if (closest_at (km, i) > 0)
      return i;
  return 0;
}

/* Packs @n_rows rows as candidate centres in lanes 0.., and the pending centre (if any) in lane
 * n_trials; also the pending centre alone, in the same lane, for closest_at(). */
static void
pack_trials (KMeans      *km,
             const gsize *rows,
             guint        n_rows,
             const double *pending)
{
  guint n = km->trial_blocks * BLOCK;
  g_autofree double *centres = g_new0 (double, (gsize) n * km->d);

  for (guint t = 0; t < n_rows; t++)
    memcpy (centres + (gsize) t * km->d, sg_matrix_row (km->x, rows[t]), km->d * sizeof (double));
  if (pending != NULL)
    memcpy (centres + (gsize) km->n_trials * km->d, pending, km->d * sizeof (double));
  pack_centres (centres, n, km->d, km->trial_ct);
}

static double
sum_chunks (const double *values,
            gsize         n_chunks,
            gsize         stride)
{
  double total = 0;

  for (gsize c = 0; c < n_chunks; c++)
    total += values[c * stride];
  return total;
}

static gboolean
kmeans_plusplus (KMeans           *km,
                 SgRandom         *rng,
                 double           *centres,
                 const SgProgress *progress,
                 GError          **error)
{
  guint k = km->k, d = km->d;
  g_autofree gsize *ids = NULL;
  g_autofree double *pots = NULL;
  g_autofree double *pending_centres = NULL;
  gsize first;
  double pot;

  km->n_trials = 2 + (guint) log ((double) k);
  km->trial_blocks = (km->n_trials + 1 + BLOCK - 1) / BLOCK;
  if (km->trial_ct == NULL)
    {
      km->trial_ct = aligned_doubles ((gsize) km->trial_blocks * d * BLOCK);
      km->pending_ct = aligned_doubles ((gsize) d * BLOCK);
      km->chunk_trials = g_new (double, km->n_chunks * km->n_trials);
    }
  ids = g_new (gsize, km->n_trials);
  pots = g_new (double, km->n_trials);
  pending_centres = g_new0 (double, (gsize) BLOCK * d);
  km->has_pending = FALSE;

  first = (gsize) sg_random_below (rng, km->n);
  memcpy (centres, sg_matrix_row (km->x, first), d * sizeof (double));
  pack_trials (km, &first, 1, NULL);
  sg_parallel_for (km->n, km->chunk_size, km->n_threads, km->kern->first_closest_chunk, km);
  pot = sum_chunks (km->chunk_value, km->n_chunks, 1);

  for (guint c = 1; c < k; c++)
    {
      guint best = 0;

      if (!sg_progress_check (progress, error))
        return FALSE;
      if (pot <= 0)
        {
          if (c == 1)
            g_set_error (error, SG_ERROR, SG_ERROR_DEGENERATE,
                         _("All rows are identical: there is nothing to split into %u clusters"), k);
          else
            g_set_error (error, SG_ERROR, SG_ERROR_DEGENERATE,
                         _("Only %u distinct rows: too few for %u clusters"), c, k);
          return FALSE;
        }
      for (guint t = 0; t < km->n_trials; t++)
        ids[t] = sample_row (km, sg_random_double (rng) * pot);
      pack_trials (km, ids, km->n_trials, km->has_pending ? centres + (gsize) (c - 1) * d : NULL);
      sg_parallel_for (km->n, km->chunk_size, km->n_threads, km->kern->trials_chunk, km);
      for (guint t = 0; t < km->n_trials; t++)
        {
          pots[t] = sum_chunks (km->chunk_trials + t, km->n_chunks, km->n_trials);
          if (pots[t] < pots[best])
            best = t;
        }
      memcpy (centres + (gsize) c * d, sg_matrix_row (km->x, ids[best]), d * sizeof (double));

      /* Defer the update of the closest distances with the chosen centre to the next pass. */
      pot = pots[best];
      for (gsize ch = 0; ch < km->n_chunks; ch++)
        km->chunk_value[ch] = km->chunk_trials[ch * km->n_trials + best];
      memset (pending_centres, 0, (gsize) BLOCK * d * sizeof (double));
      memcpy (pending_centres + (gsize) (km->n_trials % BLOCK) * d, centres + (gsize) c * d, d * sizeof (double));
      pack_centres (pending_centres, BLOCK, d, km->pending_ct);
      km->has_pending = TRUE;
    }
  km->has_pending = FALSE;
  return TRUE;
}

/* ---------------------------------------------------------------------------------------------
 * One restart of Lloyd's algorithm
 */

/* Runs Lloyd's iterations from @centres (replaced by the final ones). On return km->labels hold
 * the nearest final centre of every row, and @inertia and @sizes what they give. */
static gboolean
lloyd (KMeans           *km,
       double           *centres,
       guint             max_iter,
       double            tol,
       guint            *n_iter,
       gboolean         *converged,
       double           *inertia,
       guint64          *sizes,
       const SgProgress *progress,
       GError          **error)
{
  guint k = km->k, d = km->d;
  g_autofree double *sums = g_new (double, (gsize) k * d);
  g_autofree double *q = g_new (double, k);
  g_autofree gint64 *counts = g_new (gint64, k);
  g_autofree double *next = g_new (double, (gsize) k * d);
  gboolean strict = FALSE;

  *converged = FALSE;
  *n_iter = 0;
  memset (km->labels, 0xff, km->n * sizeof (gint32));
  memcpy (km->centres, centres, (gsize) k * d * sizeof (double));
  set_centres (km, centres);
  full_pass (km, TRUE);

  for (guint iter = 0; ; iter++)
    {
      gint64 changes = reduce_sums (km, sums, q, counts);
      double shift_total;

      if (relocate_empty (km, counts) > 0)
        {
          changes += 1;
          reduce_sums (km, sums, q, counts);
        }
      for (guint j = 0; j < k; j++)
        for (guint f = 0; f < d; f++)
          next[(gsize) j * d + f] = counts[j] > 0 ? sums[(gsize) j * d + f] / (double) counts[j]
                                                  : km->centres[(gsize) j * d + f];
      shift_total = set_centres (km, next);
      *n_iter = iter + 1;
      if (iter > 0 && changes == 0)
        {
          /* Labels unchanged: the centres are the means of the labels they gave. */
          *converged = strict = TRUE;
          break;
        }
      if (shift_total <= tol)
        {
          *converged = TRUE;
          break;
        }
      if (iter + 1 >= max_iter)
        break;
      if (!sg_progress_check (progress, error))
        return FALSE;
      sg_progress_report (progress, 1.0 - 1.0 / (iter + 2.0), NULL);
      sg_parallel_for (km->n, km->chunk_size, km->n_threads, km->kern->hamerly_chunk, km);
    }

  /* As scikit-learn, unless the labels were already final: assign with the final centres (the
   * bounds make this pass cheap). */
  if (!strict)
    {
      sg_parallel_for (km->n, km->chunk_size, km->n_threads, km->kern->hamerly_chunk, km);
      reduce_sums (km, sums, q, counts);
    }
  *inertia = inertia_from_sums (km, km->centres, sums, q, counts);
  for (guint j = 0; j < k; j++)
    sizes[j] = (guint64) counts[j];
  memcpy (centres, km->centres, (gsize) k * d * sizeof (double));
  return TRUE;
}

/* ---------------------------------------------------------------------------------------------
 * Mini-batch k-means (Sculley 2010, with scikit-learn's per-batch centre update and early stop)
 */

static void
assign_rows (const Kernels  *kern,
             const SgMatrix *x,
             const gsize    *index,
             gsize           n_rows,
             const double   *ct,
             guint           k,
             gint32         *labels,
             double         *inertia)
{
  guint n_blocks = (k + BLOCK - 1) / BLOCK, kp = n_blocks * BLOCK;
  double dist[ROWS * BLOCK * 4];
  g_autofree double *heap = kp > BLOCK * 4 ? g_new (double, (gsize) ROWS * kp) : NULL;
  double *out = heap != NULL ? heap : dist;
  double total = 0;

  for (gsize i = 0; i < n_rows; i += ROWS)
    {
      const double *rows[ROWS];
      guint m = (guint) MIN ((gsize) ROWS, n_rows - i);

      for (guint r = 0; r < ROWS; r++)
        rows[r] = sg_matrix_row (x, index[i + MIN (r, m - 1)]);
      kern->rows_distances (rows, ct, n_blocks, (guint) x->n_cols, out);
      for (guint r = 0; r < m; r++)
        {
          double b1, b2;

          labels[i + r] = (gint32) nearest2 (out + (gsize) r * kp, k, &b1, &b2);
          total += b1;
        }
    }
  *inertia = total;
}

static gboolean
minibatch (const SgMatrix        *x,
           const SgKMeansOptions *options,
           guint                  n_threads,
           double                *centres,
           guint                 *n_steps_done,
           gboolean              *converged,
           const SgProgress      *progress,
           GError               **error)
{
  guint k = options->k, d = (guint) x->n_cols;
  gsize n = x->n_rows;
  guint batch = MAX (options->batch_size, 1);
  gsize init_size = MIN (n, MAX ((gsize) 3 * batch, (gsize) 3 * k));
  g_autoptr(SgMatrix) sample = sg_matrix_new (init_size, d);
  g_autofree double *best = g_new (double, (gsize) k * d);
  g_autofree double *weights = g_new0 (double, k);
  g_autofree double *bsums = g_new (double, (gsize) k * d);
  g_autofree gint64 *bcounts = g_new (gint64, k);
  g_autofree gsize *index = g_new (gsize, batch);
  g_autofree gint32 *labels = g_new (gint32, batch);
  double best_inertia = INFINITY, ewa = 0, ewa_min = INFINITY, alpha;
  guint no_improvement = 0;
  guint64 n_steps;
  GError *local = NULL;
  const Kernels *kern = kernels_for_this_cpu ();
  KMeans km;
  SgRandom rng;

  /* Seeds: k-means++ on a random sample, the best of n_init on that sample. */
  sg_random_init_stream (&rng, options->seed, "kmeans-minibatch-sample", 0);
  for (gsize i = 0; i < init_size; i++)
    memcpy (sg_matrix_row (sample, i), sg_matrix_row (x, sg_random_below (&rng, n)), d * sizeof (double));
  kmeans_setup (&km, sample, k, n_threads, FALSE);
  km.upper = g_new (double, init_size);
  for (guint r = 0; r < MAX (options->n_init, 1); r++)
    {
      SgRandom init_rng;
      double inertia;

      if (options->init_centroids != NULL)
        {
          memcpy (best, options->init_centroids, (gsize) k * d * sizeof (double));
          break;
        }
      sg_random_init_stream (&init_rng, options->seed, "kmeans-init", r);
      if (!kmeans_plusplus (&km, &init_rng, centres, progress, &local))
        {
          if (km.x == x || !g_error_matches (local, SG_ERROR, SG_ERROR_DEGENERATE))
            {
              g_propagate_error (error, local);
              kmeans_clear (&km);
              return FALSE;
            }
          /* The sample may hold fewer distinct rows than the data: seed from all rows. */
          g_clear_error (&local);
          kmeans_clear (&km);
          kmeans_setup (&km, x, k, n_threads, FALSE);
          km.upper = g_new (double, n);
          sg_random_init_stream (&init_rng, options->seed, "kmeans-init", r);
          if (!kmeans_plusplus (&km, &init_rng, centres, progress, error))
            {
              kmeans_clear (&km);
              return FALSE;
            }
        }
      inertia = sg_kmeans_predict (sample, centres, k, NULL, n_threads);
      if (inertia < best_inertia)
        {
          best_inertia = inertia;
          memcpy (best, centres, (gsize) k * d * sizeof (double));
        }
    }
  kmeans_clear (&km);
  memcpy (centres, best, (gsize) k * d * sizeof (double));

  /* Steps: random batches; each centre moves to the mean of all rows it has been given. */
  {
    guint n_blocks = (k + BLOCK - 1) / BLOCK;
    double *ct = aligned_doubles ((gsize) n_blocks * d * BLOCK);
    guint64 step;

    n_steps = MAX ((guint64) options->max_iter * n / batch, 1);
    alpha = MIN (2.0 * batch / (n + 1.0), 1.0);
    sg_random_init_stream (&rng, options->seed, "kmeans-minibatch", 0);
    *converged = FALSE;
    for (step = 0; step < n_steps; step++)
      {
        double inertia;

        if (step % 64 == 0)
          {
            if (!sg_progress_check (progress, error))
              {
                free (ct);
                return FALSE;
              }
            sg_progress_report (progress, (double) step / (double) n_steps, NULL);
          }
        for (guint i = 0; i < batch; i++)
          index[i] = (gsize) sg_random_below (&rng, n);
        pack_centres (centres, k, d, ct);
        assign_rows (kern, x, index, batch, ct, k, labels, &inertia);
        memset (bsums, 0, (gsize) k * d * sizeof (double));
        memset (bcounts, 0, k * sizeof (gint64));
        for (guint i = 0; i < batch; i++)
          {
            kern->add_row (bsums + (gsize) labels[i] * d, sg_matrix_row (x, index[i]), d);
            bcounts[labels[i]]++;
          }
        for (guint j = 0; j < k; j++)
          {
            double *c = centres + (gsize) j * d;

            if (bcounts[j] == 0)
              continue;
            for (guint f = 0; f < d; f++)
              c[f] = (c[f] * weights[j] + bsums[(gsize) j * d + f]) / (weights[j] + (double) bcounts[j]);
            weights[j] += (double) bcounts[j];
          }

        /* Early stop: the smoothed batch inertia has not improved for ten steps. */
        inertia /= batch;
        ewa = step == 0 ? inertia : ewa * (1 - alpha) + inertia * alpha;
        if (ewa < ewa_min)
          {
            ewa_min = ewa;
            no_improvement = 0;
          }
        else if (++no_improvement >= 10)
          {
            *converged = TRUE;
            step++;
            break;
          }
      }
    *n_steps_done = (guint) MIN (step, (guint64) G_MAXUINT);
    free (ct);
  }
  return TRUE;
}

/* ---------------------------------------------------------------------------------------------
 * Public API
 */

void
sg_kmeans_options_init (SgKMeansOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->k = 8;
  options->n_init = 10;
  options->max_iter = 300;
  options->tol = 1e-4;
  options->seed = 0;
  options->n_threads = 0;
  options->minibatch = FALSE;
  options->batch_size = 1024;
  options->init_centroids = NULL;
}

void
sg_kmeans_result_free (SgKMeansResult *result)
{
  if (result == NULL)
    return;
  g_free (result->centroids);
  g_free (result->labels);
  g_free (result->sizes);
  g_free (result);
}

double
sg_kmeans_predict (const SgMatrix *x,
                   const double   *centroids,
                   guint           k,
                   gint32         *labels,
                   guint           n_threads)
{
  KMeans km;
  double inertia;

  g_return_val_if_fail (x != NULL && centroids != NULL && k > 0, NAN);

  if (x->n_rows == 0)
    return 0;
  kmeans_setup (&km, x, k, n_threads, FALSE);
  km.labels = labels;
  pack_centres (centroids, k, km.d, km.ct);
  inertia = full_pass (&km, FALSE);
  km.labels = NULL;
  kmeans_clear (&km);
  return inertia;
}

/* After relocations in a final pass (mini-batch), empty clusters take the farthest rows. */
static void
fill_empty_final (const SgMatrix *x,
                  double         *centres,
                  guint           k,
                  gint32         *labels,
                  guint64        *sizes,
                  double         *inertia,
                  guint           n_threads)
{
  for (guint round = 0; round < k; round++)
    {
      KMeans km;
      g_autofree gint64 *counts = g_new0 (gint64, k);
      gboolean any = FALSE;

      for (guint j = 0; j < k; j++)
        {
          counts[j] = (gint64) sizes[j];
          any |= sizes[j] == 0;
        }
      if (!any)
        return;
      kmeans_setup (&km, x, k, n_threads, TRUE);
      km.labels = labels;
      pack_centres (centres, k, km.d, km.ct);
      for (gsize i = 0; i < x->n_rows; i++)
        km.chunk_counts[(i / km.chunk_size) * km.stride_k + (guint) labels[i]]++;
      /* Only the destination of the moved rows matters here; the per-chunk sums are not used. */
      relocate_empty (&km, counts);
      for (guint j = 0; j < k; j++)
        if (sizes[j] == 0 && counts[j] > 0)
          for (gsize i = 0; i < x->n_rows; i++)
            if (labels[i] == (gint32) j)
              {
                memcpy (centres + (gsize) j * km.d, sg_matrix_row (x, i), km.d * sizeof (double));
                break;
              }
      km.labels = NULL;
      kmeans_clear (&km);
      *inertia = sg_kmeans_predict (x, centres, k, labels, n_threads);
      memset (sizes, 0, k * sizeof (guint64));
      for (gsize i = 0; i < x->n_rows; i++)
        sizes[labels[i]]++;
    }
}

SgKMeansResult *
sg_kmeans_fit (const SgMatrix        *x,
               const SgKMeansOptions *options,
               SgProgress            *progress,
               GError               **error)
{
  g_autoptr(SgKMeansResult) result = NULL;
  g_autofree double *centres = NULL;
  g_autofree gint32 *work_labels = NULL;
  g_autofree guint64 *work_sizes = NULL;
  g_autofree double *mean = NULL;
  guint k, d, n_threads, n_init;
  double mean_var, tol;
  gsize n;

  g_return_val_if_fail (x != NULL, NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  k = options->k;
  n = x->n_rows;
  d = (guint) x->n_cols;
  n_threads = options->n_threads != 0 ? options->n_threads : sg_parallel_get_threads ();
  n_init = options->init_centroids != NULL ? 1 : MAX (options->n_init, 1);

  if (k == 0)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT, _("The number of clusters k must be at least 1"));
      return NULL;
    }
  if (d == 0)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT, _("Choose at least one feature"));
      return NULL;
    }
  if (n == 0)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_DEGENERATE, _("There are no rows to cluster"));
      return NULL;
    }
  if ((gsize) k > n)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT,
                   _("k (%u) is larger than the number of rows (%zu)"), k, n);
      return NULL;
    }
  mean = g_new (double, d);
  work_sizes = g_new0 (guint64, k);
  if (!scan_matrix (x, n_threads, mean, &mean_var, error))
    return NULL;
  tol = options->tol * mean_var;

  result = g_new0 (SgKMeansResult, 1);
  result->k = k;
  result->n_cols = d;
  result->n_rows = n;
  result->centroids = g_new0 (double, (gsize) k * d);
  result->labels = g_new (gint32, n);
  result->sizes = g_new0 (guint64, k);
  result->inertia = INFINITY;
  centres = g_new (double, (gsize) k * d);

  if (options->minibatch)
    {
      guint n_steps;
      gboolean converged;
      SgProgress sub = sg_progress_sub (progress, 0.0, 0.95);

      if (!minibatch (x, options, n_threads, centres, &n_steps, &converged, progress ? &sub : NULL, error))
        return NULL;
      result->inertia = sg_kmeans_predict (x, centres, k, result->labels, n_threads);
      for (gsize i = 0; i < n; i++)
        result->sizes[result->labels[i]]++;
      fill_empty_final (x, centres, k, result->labels, result->sizes, &result->inertia, n_threads);
      memcpy (result->centroids, centres, (gsize) k * d * sizeof (double));
      result->n_iter = n_steps;
      result->converged = converged;
      sg_progress_report (progress, 1.0, NULL);
      return g_steal_pointer (&result);
    }

  {
    KMeans km;

    kmeans_setup (&km, x, k, n_threads, TRUE);
    memcpy (km.mean, mean, d * sizeof (double));
    work_labels = g_new (gint32, n);
    for (guint r = 0; r < n_init; r++)
      {
        SgProgress sub = sg_progress_sub (progress, (double) r / n_init, (r + 1.0) / n_init);
        SgProgress *p = progress != NULL ? &sub : NULL;
        guint n_iter;
        gboolean converged;
        double inertia;

        if (options->init_centroids != NULL)
          memcpy (centres, options->init_centroids, (gsize) k * d * sizeof (double));
        else
          {
            SgRandom rng;

            sg_random_init_stream (&rng, options->seed, "kmeans-init", r);
            if (!kmeans_plusplus (&km, &rng, centres, p, error))
              {
                kmeans_clear (&km);
                return NULL;
              }
          }
        km.labels = work_labels;
        if (!lloyd (&km, centres, MAX (options->max_iter, 1), tol, &n_iter, &converged, &inertia,
                    work_sizes, p, error))
          {
            kmeans_clear (&km);
            return NULL;
          }
        if (inertia < result->inertia)
          {
            gint32 *swap = result->labels;

            result->labels = work_labels;
            work_labels = swap;
            result->inertia = inertia;
            result->n_iter = n_iter;
            result->converged = converged;
            memcpy (result->centroids, centres, (gsize) k * d * sizeof (double));
            memcpy (result->sizes, work_sizes, k * sizeof (guint64));
          }
      }
    km.labels = NULL;
    kmeans_clear (&km);
  }
  sg_progress_report (progress, 1.0, NULL);
  return g_steal_pointer (&result);
}
