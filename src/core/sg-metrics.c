/* sg-metrics.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Silhouette: the labelled rows are copied sorted by cluster into a dimension-major array, so the
 * sum of distances from one row to one cluster is a contiguous, vectorised reduction. Tiles of 4
 * query rows × 8 rows share each load. Each row's sums are computed in a fixed order, whatever
 * the thread count; the mean is summed in row order.
 */
#include "config.h"

#include <inttypes.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif

#include "sg-error.h"
#include "sg-lanes.h"
#include "sg-metrics.h"
#include "sg-parallel.h"
#include "sg-random.h"

#define TILE        4     /* query rows per tile */
#define QUERY_CHUNK 64    /* query rows per parallel chunk */
#define N_BATCHES   16    /* progress reports / cancellation checks */

#if SG_VEC_BYTES == 64
#define VD_SQRT(v) ((SgVd) _mm512_sqrt_pd ((__m512d) (v)))
#elif SG_VEC_BYTES == 32
#define VD_SQRT(v) ((SgVd) _mm256_sqrt_pd ((__m256d) (v)))
#elif defined(__SSE2__)
#define VD_SQRT(v) ((SgVd) _mm_sqrt_pd ((__m128d) (v)))
#else
#define VD_SQRT(v) vd_sqrt_lanes (v)
static inline SgVd
vd_sqrt_lanes (SgVd v)
{
  for (guint l = 0; l < SG_VD_LANES; l++)
    v[l] = sqrt (v[l]);
  return v;
}
#endif

/* ---- validation shared by the metrics ---- */

typedef struct {
  gsize    n_used;     /* rows with a label >= 0 */
  guint    n_present;  /* clusters with at least one row */
  guint64 *counts;     /* k */
} LabelInfo;

static gboolean
check_inputs (const SgMatrix *x,
              const gint32   *labels,
              guint           k,
              const char     *metric,
              LabelInfo      *info,
              GError        **error)
{
  info->n_used = 0;
  info->n_present = 0;
  info->counts = NULL;
  if (x->n_rows == 0 || x->n_cols == 0)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_DEGENERATE, _("%s: there are no rows"), metric);
      return FALSE;
    }
  if (k == 0)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT, _("%s: the number of clusters is 0"), metric);
      return FALSE;
    }
  info->counts = g_new0 (guint64, k);
  for (gsize i = 0; i < x->n_rows; i++)
    {
      const double *row = sg_matrix_row (x, i);

      if (labels[i] < 0)
        continue;
      if ((guint) labels[i] >= k)
        {
          g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT,
                       _("%s: row %zu has label %d, beyond the %u clusters"),
                       metric, i + 1, labels[i], k);
          goto fail;
        }
      for (gsize c = 0; c < x->n_cols; c++)
        if (!isfinite (row[c]))
          {
            g_set_error (error, SG_ERROR, SG_ERROR_DEGENERATE,
                         _("%s: row %zu, column %zu is missing or not finite"),
                         metric, i + 1, c + 1);
            goto fail;
          }
      if (info->counts[labels[i]]++ == 0)
        info->n_present++;
      info->n_used++;
    }
  if (info->n_present < 2 || info->n_present >= info->n_used)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_DEGENERATE,
                   _("%s needs between 2 and %zu clusters; the labels make %u"),
                   metric, info->n_used > 0 ? info->n_used - 1 : 0, info->n_present);
      goto fail;
    }
  return TRUE;

fail:
  g_clear_pointer (&info->counts, g_free);
  return FALSE;
}

/* ---- silhouette ---- */

typedef struct {
  const SgMatrix *x;
  guint           d;
  guint           k;
  gsize           stride;      /* padded row count of xt */
  double         *xt;          /* d × stride, labelled rows sorted by cluster, dimension-major */
  gsize          *start;       /* k + 1: cluster c is [start[c], start[c+1]) of the sorted rows */
  const guint64  *counts;
  const gint32   *labels;
  const guint32  *queries;     /* rows (of x) whose silhouette is wanted */
  double         *values;      /* one per query */
  gsize           batch_begin;
} Silhouette;

/* Adds the square roots of @d2 to @acc, only for the lanes at rows [begin, end) when the vector
 * at row @base straddles the range. */
#define ADD_SQRT(acc, d2, base)                                                   \
  G_STMT_START {                                                                  \
    if ((base) >= begin && (base) + SG_VD_LANES <= end)                           \
      (acc) += VD_SQRT (d2);                                                      \
    else if ((base) < end)                                                        \
      {                                                                           \
        SgVd pos_ = lane + (double) (base);                                       \
        SgVdMask in_ = (pos_ >= (double) begin) & (pos_ < (double) end);          \
        (acc) += (SgVd) ((SgVdMask) VD_SQRT (d2) & in_);                          \
      }                                                                           \
  } G_STMT_END

/* Sums of distances from TILE (4) query points to every point of the cluster range [begin, end):
 * 4 rows × 2 vectors of points per step, eight independent sums. */
static void
tile_sums (const Silhouette *s,
           const double     *q,      /* TILE × d, row-major */
           gsize             begin,
           gsize             end,
           double           *sums)   /* TILE */
{
  guint d = s->d;
  SgVd acc0 = { 0 }, acc1 = { 0 }, acc2 = { 0 }, acc3 = { 0 };
  SgVd lane;
  const double *q0 = q, *q1 = q + d, *q2 = q + 2 * d, *q3 = q + 3 * d;

  SG_VD_LANE_INDEX (lane);
  for (gsize j0 = begin & ~(gsize) (SG_VD_LANES - 1); j0 < end; j0 += 2 * SG_VD_LANES)
    {
      SgVd a0 = { 0 }, a1 = { 0 }, a2 = { 0 }, a3 = { 0 };
      SgVd b0 = { 0 }, b1 = { 0 }, b2 = { 0 }, b3 = { 0 };
      gsize j1 = j0 + SG_VD_LANES;

      for (guint k = 0; k < d; k++)
        {
          const double *col = s->xt + k * s->stride + j0;
          SgVd ca = SG_VD_LOAD (col), cb = SG_VD_LOAD (col + SG_VD_LANES);
          SgVd t;

          t = ca - q0[k], a0 += t * t;
          t = ca - q1[k], a1 += t * t;
          t = ca - q2[k], a2 += t * t;
          t = ca - q3[k], a3 += t * t;
          t = cb - q0[k], b0 += t * t;
          t = cb - q1[k], b1 += t * t;
          t = cb - q2[k], b2 += t * t;
          t = cb - q3[k], b3 += t * t;
        }
      ADD_SQRT (acc0, a0, j0);
      ADD_SQRT (acc1, a1, j0);
      ADD_SQRT (acc2, a2, j0);
      ADD_SQRT (acc3, a3, j0);
      ADD_SQRT (acc0, b0, j1);
      ADD_SQRT (acc1, b1, j1);
      ADD_SQRT (acc2, b2, j1);
      ADD_SQRT (acc3, b3, j1);
    }
  SG_VD_SUM (acc0, sums[0]);
  SG_VD_SUM (acc1, sums[1]);
  SG_VD_SUM (acc2, sums[2]);
  SG_VD_SUM (acc3, sums[3]);
}

static void
silhouette_chunk (gsize chunk, gsize begin, gsize end, gpointer user_data)
{
  Silhouette *s = user_data;
  guint d = s->d, k = s->k;
  g_autofree double *q = g_new (double, TILE * d);
  g_autofree double *sums = g_new (double, (gsize) TILE * k);

  for (gsize t0 = s->batch_begin + begin; t0 < s->batch_begin + end; t0 += TILE)
    {
      guint m = (guint) MIN (TILE, s->batch_begin + end - t0);

      for (guint r = 0; r < TILE; r++)
        memcpy (q + r * d, sg_matrix_row (s->x, s->queries[t0 + MIN (r, m - 1)]), d * sizeof (double));
      for (guint c = 0; c < k; c++)
        {
          double part[TILE];

          if (s->counts[c] == 0)
            continue;
          tile_sums (s, q, s->start[c], s->start[c + 1], part);
          for (guint r = 0; r < TILE; r++)
            sums[r * k + c] = part[r];
        }
      for (guint r = 0; r < m; r++)
        {
          guint own = (guint) s->labels[s->queries[t0 + r]];
          double a, b = G_MAXDOUBLE, v;

          if (s->counts[own] <= 1)
            {
              s->values[t0 + r] = 0;   /* a cluster of one: 0, as scikit-learn */
              continue;
            }
          a = sums[r * k + own] / (double) (s->counts[own] - 1);
          for (guint c = 0; c < k; c++)
            if (c != own && s->counts[c] > 0)
              b = MIN (b, sums[r * k + c] / (double) s->counts[c]);
          v = MAX (a, b) > 0 ? (b - a) / MAX (a, b) : 0;
          s->values[t0 + r] = v;
        }
    }
}

gboolean
sg_silhouette (const SgMatrix *x,
               const gint32   *labels,
               guint           k,
               gsize           exact_limit,
               guint64         seed,
               guint           n_threads,
               float          *per_row,
               SgSilhouette   *out,
               SgProgress     *progress,
               GError        **error)
{
  LabelInfo info;
  Silhouette s = { 0 };
  g_autofree gsize *start = NULL;
  g_autofree gsize *fill = NULL;
  g_autofree guint32 *queries = NULL;
  g_autofree double *values = NULL;
  gsize n, n_queries;
  guint d;
  gboolean sampled;

  g_return_val_if_fail (x != NULL && labels != NULL && out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_inputs (x, labels, k, _("Silhouette"), &info, error))
    return FALSE;
  n = x->n_rows;
  d = (guint) x->n_cols;
  if (exact_limit == 0)
    exact_limit = SG_SILHOUETTE_EXACT_LIMIT;

  /* Sorted, padded, dimension-major copy of the labelled rows. */
  start = g_new0 (gsize, k + 1);
  fill = g_new (gsize, k);
  for (guint c = 0; c < k; c++)
    start[c + 1] = start[c] + info.counts[c];
  memcpy (fill, start, k * sizeof (gsize));
  /* room for the last step's second vector */
  s.stride = ((info.n_used + 7) & ~(gsize) 7) + 16;
  s.xt = aligned_alloc (64, d * s.stride * sizeof (double));
  memset (s.xt, 0, d * s.stride * sizeof (double));
  for (gsize i = 0; i < n; i++)
    if (labels[i] >= 0)
      {
        gsize j = fill[labels[i]]++;
        const double *row = sg_matrix_row (x, i);

        for (guint c = 0; c < d; c++)
          s.xt[c * s.stride + j] = row[c];
      }

  /* The rows to score: all labelled rows, or a seeded sample of them. */
  sampled = info.n_used > exact_limit;
  queries = g_new (guint32, info.n_used);
  n_queries = 0;
  for (gsize i = 0; i < n; i++)
    if (labels[i] >= 0)
      queries[n_queries++] = (guint32) i;
  if (sampled)
    {
      SgRandom rng;
      /* Keep the work near that of an exact run at the limit, but at least 1,000 rows. */
      gsize m = MAX (exact_limit * exact_limit / info.n_used, MIN ((gsize) 1000, exact_limit));

      m = MIN (m, info.n_used);
      sg_random_init_stream (&rng, seed, "silhouette-sample", 0);
      for (gsize i = 0; i < m; i++)
        {
          gsize j = i + (gsize) sg_random_below (&rng, info.n_used - i);
          guint32 t = queries[i];

          queries[i] = queries[j];
          queries[j] = t;
        }
      n_queries = m;
    }
  values = g_new (double, n_queries);

  s.x = x;
  s.d = d;
  s.k = k;
  s.start = start;
  s.counts = info.counts;
  s.labels = labels;
  s.queries = queries;
  s.values = values;
  {
    /* Batches of whole chunks, so the chunking (hence the result) does not depend on batches. */
    gsize n_chunks = sg_parallel_n_chunks (n_queries, QUERY_CHUNK);
    gsize per_batch = MAX ((n_chunks + N_BATCHES - 1) / N_BATCHES, 1) * QUERY_CHUNK;

    for (gsize b = 0; b < n_queries; b += per_batch)
      {
        s.batch_begin = b;
        sg_parallel_for (MIN (per_batch, n_queries - b), QUERY_CHUNK, n_threads, silhouette_chunk, &s);
        sg_progress_report (progress, (double) MIN (b + per_batch, n_queries) / n_queries,
                            _("Measuring silhouettes"));
        if (!sg_progress_check (progress, error))
          {
            free (s.xt);
            g_free (info.counts);
            return FALSE;
          }
      }
  }
  free (s.xt);
  g_free (info.counts);

  if (per_row != NULL)
    {
      for (gsize i = 0; i < n; i++)
        per_row[i] = NAN;
      for (gsize q = 0; q < n_queries; q++)
        per_row[queries[q]] = (float) values[q];
    }

  memset (out, 0, sizeof *out);
  out->sampled = sampled;
  out->sample_size = n_queries;
  if (!sampled)
    {
      double sum = 0;

      for (gsize q = 0; q < n_queries; q++)
        sum += values[q];
      out->mean = out->ci_low = out->ci_high = sum / (double) n_queries;
    }
  else
    {
      double mean = 0, m2 = 0, half;
      double m = (double) n_queries, big_n = (double) info.n_used;

      /* Welford over the draw order: deterministic for a given seed. */
      for (gsize q = 0; q < n_queries; q++)
        {
          double delta = values[q] - mean;

          mean += delta / (double) (q + 1);
          m2 += delta * (values[q] - mean);
        }
      half = n_queries > 1 ? 1.959963984540054 * sqrt (m2 / (m - 1)) / sqrt (m) * sqrt (MAX (1 - m / big_n, 0.0))
                           : 1.0;
      out->mean = mean;
      out->ci_low = MAX (mean - half, -1.0);
      out->ci_high = MIN (mean + half, 1.0);
    }
  return TRUE;
}

/* ---- centroids, Davies–Bouldin, Calinski–Harabasz, inertia ---- */

#define CHUNK SG_PARALLEL_CHUNK

typedef struct {
  const SgMatrix *x;
  const gint32   *labels;
  guint           k;
  guint           d;
  const double   *centroids;   /* k × d, for the second pass */
  double         *partial;     /* n_chunks × k × d (sums), or n_chunks × k (dispersions) */
} Pass;

static void
sums_chunk (gsize chunk, gsize begin, gsize end, gpointer user_data)
{
  Pass *p = user_data;
  double *out = p->partial + chunk * p->k * p->d;

  memset (out, 0, (gsize) p->k * p->d * sizeof (double));
  for (gsize i = begin; i < end; i++)
    {
      const double *row = sg_matrix_row (p->x, i);
      double *sum;

      if (p->labels[i] < 0 || (guint) p->labels[i] >= p->k)
        continue;
      sum = out + (gsize) p->labels[i] * p->d;
      for (guint c = 0; c < p->d; c++)
        sum[c] += row[c];
    }
}

/* Per chunk and cluster: the sum of distances (@squared FALSE) or squared distances to the centroid. */
typedef struct {
  Pass     pass;
  gboolean squared;
} Dispersion;

static void
dispersion_chunk (gsize chunk, gsize begin, gsize end, gpointer user_data)
{
  Dispersion *w = user_data;
  Pass *p = &w->pass;
  double *out = p->partial + chunk * p->k;

  memset (out, 0, p->k * sizeof (double));
  for (gsize i = begin; i < end; i++)
    {
      const double *row = sg_matrix_row (p->x, i);
      const double *centre;
      double d2 = 0;

      if (p->labels[i] < 0 || (guint) p->labels[i] >= p->k)
        continue;
      centre = p->centroids + (gsize) p->labels[i] * p->d;
      for (guint c = 0; c < p->d; c++)
        d2 += (row[c] - centre[c]) * (row[c] - centre[c]);
      out[p->labels[i]] += w->squared ? d2 : sqrt (d2);
    }
}

/* Centroids (k × d) of the labelled rows; empty clusters get zeros. */
static double *
centroids_of (const SgMatrix *x, const gint32 *labels, guint k, const guint64 *counts)
{
  gsize n_chunks = sg_parallel_n_chunks (x->n_rows, CHUNK);
  guint d = (guint) x->n_cols;
  Pass p = { x, labels, k, d, NULL, g_new (double, n_chunks * k * d) };
  double *centroids = g_new0 (double, (gsize) k * d);

  sg_parallel_for (x->n_rows, CHUNK, 0, sums_chunk, &p);
  for (gsize chunk = 0; chunk < n_chunks; chunk++)
    for (gsize i = 0; i < (gsize) k * d; i++)
      centroids[i] += p.partial[chunk * k * d + i];
  for (guint c = 0; c < k; c++)
    for (guint j = 0; j < d; j++)
      centroids[c * d + j] = counts[c] ? centroids[c * d + j] / (double) counts[c] : 0;
  g_free (p.partial);
  return centroids;
}

/* Per-cluster sums of (squared) distances to the centroids. */
static double *
dispersions_of (const SgMatrix *x, const gint32 *labels, guint k, const double *centroids, gboolean squared)
{
  gsize n_chunks = sg_parallel_n_chunks (x->n_rows, CHUNK);
  Dispersion w = { { x, labels, k, (guint) x->n_cols, centroids, g_new (double, n_chunks * k) }, squared };
  double *out = g_new0 (double, k);

  sg_parallel_for (x->n_rows, CHUNK, 0, dispersion_chunk, &w);
  for (gsize chunk = 0; chunk < n_chunks; chunk++)
    for (guint c = 0; c < k; c++)
      out[c] += w.pass.partial[chunk * k + c];
  g_free (w.pass.partial);
  return out;
}

double
sg_davies_bouldin (const SgMatrix *x,
                   const gint32   *labels,
                   guint           k,
                   GError        **error)
{
  LabelInfo info;
  g_autofree double *centroids = NULL;
  g_autofree double *intra = NULL;
  gboolean all_intra_zero = TRUE, all_between_zero = TRUE;
  double total = 0;
  guint d;

  g_return_val_if_fail (x != NULL && labels != NULL, NAN);
  if (!check_inputs (x, labels, k, _("Davies–Bouldin index"), &info, error))
    return NAN;
  d = (guint) x->n_cols;
  centroids = centroids_of (x, labels, k, info.counts);
  intra = dispersions_of (x, labels, k, centroids, FALSE);
  for (guint c = 0; c < k; c++)
    if (info.counts[c] > 0)
      {
        intra[c] /= (double) info.counts[c];
        if (fabs (intra[c]) > 1e-8)
          all_intra_zero = FALSE;
      }
  for (guint a = 0; a < k; a++)
    for (guint b = 0; b < k; b++)
      if (info.counts[a] && info.counts[b] && a != b)
        {
          double d2 = 0;

          for (guint j = 0; j < d; j++)
            d2 += (centroids[a * d + j] - centroids[b * d + j]) * (centroids[a * d + j] - centroids[b * d + j]);
          if (sqrt (d2) > 1e-8)
            all_between_zero = FALSE;
        }
  if (all_intra_zero || all_between_zero)
    {
      g_free (info.counts);
      return 0;
    }
  for (guint a = 0; a < k; a++)
    {
      double worst = 0;

      if (info.counts[a] == 0)
        continue;
      for (guint b = 0; b < k; b++)
        {
          double d2 = 0, dist;

          if (b == a || info.counts[b] == 0)
            continue;
          for (guint j = 0; j < d; j++)
            d2 += (centroids[a * d + j] - centroids[b * d + j]) * (centroids[a * d + j] - centroids[b * d + j]);
          dist = sqrt (d2);
          if (dist > 0)   /* coinciding centroids count as infinitely apart, as scikit-learn */
            worst = MAX (worst, (intra[a] + intra[b]) / dist);
        }
      total += worst;
    }
  total /= info.n_present;
  g_free (info.counts);
  return total;
}

double
sg_calinski_harabasz (const SgMatrix *x,
                      const gint32   *labels,
                      guint           k,
                      GError        **error)
{
  LabelInfo info;
  g_autofree double *centroids = NULL;
  g_autofree double *within = NULL;
  g_autofree double *mean = NULL;
  double extra = 0, intra = 0, result;
  guint d;

  g_return_val_if_fail (x != NULL && labels != NULL, NAN);
  if (!check_inputs (x, labels, k, _("Calinski–Harabasz index"), &info, error))
    return NAN;
  d = (guint) x->n_cols;
  centroids = centroids_of (x, labels, k, info.counts);
  within = dispersions_of (x, labels, k, centroids, TRUE);
  mean = g_new0 (double, d);
  for (guint c = 0; c < k; c++)
    for (guint j = 0; j < d; j++)
      mean[j] += centroids[c * d + j] * (double) info.counts[c];
  for (guint j = 0; j < d; j++)
    mean[j] /= (double) info.n_used;
  for (guint c = 0; c < k; c++)
    {
      double d2 = 0;

      if (info.counts[c] == 0)
        continue;
      for (guint j = 0; j < d; j++)
        d2 += (centroids[c * d + j] - mean[j]) * (centroids[c * d + j] - mean[j]);
      extra += (double) info.counts[c] * d2;
      intra += within[c];
    }
  if (intra == 0)
    result = 1;
  else
    result = extra * (double) (info.n_used - info.n_present) / (intra * (double) (info.n_present - 1));
  g_free (info.counts);
  return result;
}

double
sg_inertia (const SgMatrix *x,
            const gint32   *labels,
            guint           k)
{
  g_autofree guint64 *counts = NULL;
  g_autofree double *centroids = NULL;
  g_autofree double *within = NULL;
  double total = 0;

  g_return_val_if_fail (x != NULL && labels != NULL, 0);
  if (k == 0)
    return 0;
  counts = g_new0 (guint64, k);
  for (gsize i = 0; i < x->n_rows; i++)
    if (labels[i] >= 0 && (guint) labels[i] < k)
      counts[labels[i]]++;
  centroids = centroids_of (x, labels, k, counts);
  within = dispersions_of (x, labels, k, centroids, TRUE);
  for (guint c = 0; c < k; c++)
    total += within[c];
  return total;
}
