/* sg-gmm.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One pass over the rows per EM iteration: the E-step of a block of rows (log-probabilities,
 * log-sum-exp, responsibilities) is followed at once by its share of the M-step sums, taken
 * around the current means μ₀:  N = Σ r,  S = Σ r (x − μ₀),  M = Σ r (x − μ₀)(x − μ₀)ᵀ.
 * The new parameters follow exactly: μ = μ₀ + … and Σ r (x − μ)(x − μ)ᵀ = M − δSᵀ − Sδᵀ + Nδδᵀ
 * with δ = μ − μ₀, so the responsibilities are never stored. Sums are kept per chunk of rows
 * and added in chunk order: the same bits for any thread count.
 *
 * Log-densities use the Cholesky factor of each precision (as scikit-learn's
 * precisions_cholesky_): with Σ = L Lᵀ and P = L⁻ᵀ (upper triangular),
 * log N(x) = −½ (d log 2π + ‖Pᵀ (x − μ)‖²) + Σ log P_ff.
 */
#include "config.h"

#include <inttypes.h>

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "sg-error.h"
#include "sg-gmm.h"
#include "sg-kmeans.h"
#include "sg-parallel.h"
#include "sg-simd.h"
#include "sg-random.h"

#define ROWS  8    /* rows per E-step register block */
#define BLOCK 32   /* rows per E/M block */
#define FT    8    /* M-step tile: rows of M … */
#define GT    1    /* … times vectors of columns */
#define PAD   8    /* features and components are padded to a multiple of this: any FT, GT × LANES */

/* ---------------------------------------------------------------------------------------------
 * State
 */

typedef enum {
  PASS_HARD,    /* M-step sums from fixed labels (the k-means start) */
  PASS_EM,      /* E-step, then M-step sums */
  PASS_FINAL,   /* E-step only: labels and probabilities */
} PassMode;

typedef struct {
  const SgMatrix  *x;
  gsize            n;
  guint            d, k, dm, kp, n_threads;
  SgCovarianceType covariance;
  double           reg;
  gsize            chunk_size, n_chunks;

  /* Parameters of the E-step; the means are also the centre of the M-step sums. */
  double          *weights;       /* k */
  double          *means;         /* k × dm (zero padded) */
  double          *covariances;   /* full k × d × d, diag k × d, spherical k */
  double          *prec;          /* full: k × dm × dm (P, upper); diag/spherical: k × dm */
  double          *log_norm;      /* k: log w + log det P − d/2 log 2π */

  /* Per chunk: for each component N, S (dm), M (dm × dm full, dm diagonal) */
  gsize            comp_stride, acc_stride;
  double          *acc;
  double          *chunk_ll;

  SgParallelFunc   em_chunk;      /* the kernels for this CPU */
  PassMode         mode;
  const gint32    *hard_labels;
  gint32          *labels;
  float           *probabilities;
} Gmm;

static SgParallelFunc em_chunk_for_this_cpu (void);

static double *
aligned_doubles (gsize n)
{
  gsize bytes = (MAX (n, 1) * sizeof (double) + 63) & ~(gsize) 63;
  double *p = aligned_alloc (64, bytes);

  if (p == NULL)
    g_error ("Out of memory allocating %" G_GSIZE_FORMAT " bytes", bytes);
  memset (p, 0, bytes);
  return p;
}

static gsize
round_up (gsize n,
          gsize to)
{
  return (n + to - 1) / to * to;
}

static void
gmm_clear (Gmm *g)
{
  free (g->weights);
  free (g->means);
  free (g->covariances);
  free (g->prec);
  free (g->log_norm);
  free (g->acc);
  g_free (g->chunk_ll);
}

static void
gmm_setup (Gmm            *g,
           const SgMatrix *x,
           guint           k,
           SgCovarianceType covariance,
           double          reg,
           guint           n_threads)
{
  gsize full_chunk;

  memset (g, 0, sizeof *g);
  g->x = x;
  g->n = x->n_rows;
  g->d = (guint) x->n_cols;
  g->k = k;
  g->dm = (guint) round_up (g->d, PAD);
  g->kp = (guint) round_up (k, PAD);
  g->covariance = covariance;
  g->reg = reg;
  g->n_threads = n_threads;
  g->em_chunk = em_chunk_for_this_cpu ();

  g->weights = aligned_doubles (k);
  g->means = aligned_doubles ((gsize) k * g->dm);
  g->covariances = aligned_doubles (covariance == SG_COVARIANCE_FULL ? (gsize) k * g->d * g->d
                                    : covariance == SG_COVARIANCE_DIAG ? (gsize) k * g->d : k);
  g->prec = aligned_doubles ((gsize) k * g->dm * (covariance == SG_COVARIANCE_FULL ? g->dm : 1));
  g->log_norm = aligned_doubles (k);

  g->comp_stride = round_up (8 + g->dm + (covariance == SG_COVARIANCE_FULL ? (gsize) g->dm * g->dm : g->dm), 8);
  g->acc_stride = g->comp_stride * k;
  /* Few enough chunks that their sums stay small (≤ 64 MB); enough for the threads to share. */
  g->chunk_size = MAX ((gsize) 1024, round_up ((g->n + 63) / 64, 64));
  full_chunk = (64u << 20) / (g->acc_stride * sizeof (double));
  if (full_chunk > 0)
    g->chunk_size = MAX (g->chunk_size, (g->n + full_chunk - 1) / full_chunk);
  else
    g->chunk_size = g->n;
  g->n_chunks = sg_parallel_n_chunks (g->n, g->chunk_size);
  g->acc = aligned_doubles (g->n_chunks * g->acc_stride);
  g->chunk_ll = g_new0 (double, g->n_chunks);
}

/* ---------------------------------------------------------------------------------------------
 * Kernels: for the compiler's target, and on x86-64 without AVX2 in the baseline (the portable
 * build) also for AVX2 + FMA, chosen at run time. The E-step is arithmetic-bound: four lanes with
 * fused multiply-adds are about three times faster than SSE2's two. SG_SIMD=baseline in the
 * environment forces the first.
 */

#if defined (__AVX512F__)
#define LANES 8
#elif defined (__AVX__)
#define LANES 4
#else
#define LANES 2
#endif
#define KERNEL(name) name##_baseline
#include "sg-gmm-kernels.h"
#undef KERNEL
#undef LANES

#if defined (__x86_64__) && defined (__GNUC__) && !defined (__clang__) && !defined (__AVX2__)
#define DISPATCH_AVX2 1
#pragma GCC push_options
#pragma GCC target ("avx2,fma")
#define LANES 4
#define KERNEL(name) name##_avx2
#include "sg-gmm-kernels.h"
#undef KERNEL
#undef LANES
#pragma GCC pop_options
#endif

static SgParallelFunc
em_chunk_for_this_cpu (void)
{
#ifdef DISPATCH_AVX2
  if (sg_simd_use_avx2 ())
    return em_chunk_avx2;
#endif
  return em_chunk_baseline;
}

/* One pass; returns the mean log-likelihood (EM and final passes). */
static double
run_pass (Gmm     *g,
          PassMode mode)
{
  double total = 0;

  g->mode = mode;
  sg_parallel_for (g->n, g->chunk_size, g->n_threads, g->em_chunk, g);
  for (gsize c = 0; c < g->n_chunks; c++)
    total += g->chunk_ll[c];
  return total / (double) g->n;
}

/* ---------------------------------------------------------------------------------------------
 * M-step and precisions
 */

/* Cholesky Σ = L Lᵀ in place (lower triangle of a d × d matrix); FALSE if not positive definite. */
static gboolean
cholesky (double *a,
          guint   d)
{
  for (guint j = 0; j < d; j++)
    {
      double s = a[(gsize) j * d + j];

      for (guint t = 0; t < j; t++)
        s -= a[(gsize) j * d + t] * a[(gsize) j * d + t];
      if (!(s > 0) || !isfinite (s))
        return FALSE;
      s = sqrt (s);
      a[(gsize) j * d + j] = s;
      for (guint i = j + 1; i < d; i++)
        {
          double u = a[(gsize) i * d + j];

          for (guint t = 0; t < j; t++)
            u -= a[(gsize) i * d + t] * a[(gsize) j * d + t];
          a[(gsize) i * d + j] = u / s;
        }
    }
  return TRUE;
}

/* Precision factors and log normalisers from the weights and covariances. */
static gboolean
set_precisions (Gmm     *g,
                GError **error)
{
  guint d = g->d, dm = g->dm;
  const double log_2pi = log (2 * G_PI);
  g_autofree double *L = g_new (double, (gsize) d * d);

  memset (g->prec, 0, (gsize) g->k * dm * (g->covariance == SG_COVARIANCE_FULL ? dm : 1) * sizeof (double));
  for (guint c = 0; c < g->k; c++)
    {
      double log_det = 0;

      if (g->covariance == SG_COVARIANCE_FULL)
        {
          double *P = g->prec + (gsize) c * dm * dm;

          memcpy (L, g->covariances + (gsize) c * d * d, (gsize) d * d * sizeof (double));
          if (!cholesky (L, d))
            goto singular;
          /* P = L⁻ᵀ: column j of L⁻¹ by forward substitution, stored as row j of P's transpose. */
          for (guint j = 0; j < d; j++)
            for (guint i = j; i < d; i++)
              {
                double s = i == j ? 1.0 : 0.0;

                for (guint t = j; t < i; t++)
                  s -= L[(gsize) i * d + t] * P[(gsize) j * dm + t];
                P[(gsize) j * dm + i] = s / L[(gsize) i * d + i];
              }
          for (guint f = 0; f < d; f++)
            log_det += log (P[(gsize) f * dm + f]);
        }
      else
        {
          double *pc = g->prec + (gsize) c * dm;

          for (guint f = 0; f < d; f++)
            {
              double var = g->covariance == SG_COVARIANCE_DIAG ? g->covariances[(gsize) c * d + f]
                                                               : g->covariances[c];

              if (!(var > 0) || !isfinite (var))
                goto singular;
              pc[f] = 1.0 / sqrt (var);
              log_det += log (pc[f]);
            }
        }
      g->log_norm[c] = log (g->weights[c]) + log_det - 0.5 * d * log_2pi;
      continue;

    singular:
      g_set_error (error, SG_ERROR, SG_ERROR_DEGENERATE,
                   _("Component %u of the mixture has a singular covariance: use fewer clusters or more regularisation"),
                   c + 1);
      return FALSE;
    }
  return TRUE;
}

/* New weights, means and covariances from the chunk sums (in chunk order). @by_rows: weights are
 * nk / n (scikit-learn's initialisation) rather than nk / Σ nk. */
static gboolean
m_step (Gmm      *g,
        gboolean  by_rows,
        GError  **error)
{
  guint d = g->d, dm = g->dm;
  g_autofree double *sum = g_new (double, g->comp_stride);
  g_autofree double *delta = g_new (double, d);
  g_autofree double *nk = g_new (double, g->k);
  double nk_total = 0;

  for (guint c = 0; c < g->k; c++)
    {
      double N, *S, *M, *mu = g->means + (gsize) c * dm;

      memset (sum, 0, g->comp_stride * sizeof (double));
      for (gsize ch = 0; ch < g->n_chunks; ch++)
        {
          const double *a = g->acc + ch * g->acc_stride + (gsize) c * g->comp_stride;

          for (gsize e = 0; e < g->comp_stride; e++)
            sum[e] += a[e];
        }
      N = sum[0];
      S = sum + 8;
      M = sum + 8 + dm;
      nk[c] = N + 10 * DBL_EPSILON;
      nk_total += nk[c];

      /* μ = (Σ r x) / nk = (S + N μ₀) / nk */
      for (guint f = 0; f < d; f++)
        {
          double m = (S[f] + N * mu[f]) / nk[c];

          delta[f] = m - mu[f];
          mu[f] = m;
        }
      if (g->covariance == SG_COVARIANCE_FULL)
        {
          double *cov = g->covariances + (gsize) c * d * d;

          for (guint f = 0; f < d; f++)
            for (guint h = f; h < d; h++)
              {
                double v = (M[(gsize) f * dm + h] - delta[f] * S[h] - S[f] * delta[h] + N * delta[f] * delta[h]) / nk[c];

                if (f == h)
                  v += g->reg;
                cov[(gsize) f * d + h] = v;
                cov[(gsize) h * d + f] = v;
              }
        }
      else
        {
          double mean_var = 0;

          for (guint f = 0; f < d; f++)
            {
              double v = (M[f] - 2 * delta[f] * S[f] + N * delta[f] * delta[f]) / nk[c] + g->reg;

              if (g->covariance == SG_COVARIANCE_DIAG)
                g->covariances[(gsize) c * d + f] = v;
              mean_var += v;
            }
          if (g->covariance == SG_COVARIANCE_SPHERICAL)
            g->covariances[c] = mean_var / d;
        }
    }
  for (guint c = 0; c < g->k; c++)
    g->weights[c] = nk[c] / (by_rows ? (double) g->n : nk_total);
  return set_precisions (g, error);
}

/* ---------------------------------------------------------------------------------------------
 * Public API
 */

const char *
sg_covariance_type_to_string (SgCovarianceType type)
{
  switch (type)
    {
    case SG_COVARIANCE_FULL:
      return "full";
    case SG_COVARIANCE_DIAG:
      return "diag";
    case SG_COVARIANCE_SPHERICAL:
      return "spherical";
    default:
      return NULL;
    }
}

gboolean
sg_covariance_type_from_string (const char       *name,
                                SgCovarianceType *type)
{
  for (SgCovarianceType t = SG_COVARIANCE_FULL; t <= SG_COVARIANCE_SPHERICAL; t++)
    if (g_strcmp0 (name, sg_covariance_type_to_string (t)) == 0)
      {
        *type = t;
        return TRUE;
      }
  return FALSE;
}

void
sg_gmm_options_init (SgGmmOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->k = 8;
  options->covariance = SG_COVARIANCE_FULL;
  options->n_init = 1;
  options->max_iter = 100;
  options->tol = 1e-3;
  options->reg_covar = 1e-6;
  options->seed = 0;
  options->n_threads = 0;
}

void
sg_gmm_result_free (SgGmmResult *result)
{
  if (result == NULL)
    return;
  g_free (result->weights);
  g_free (result->means);
  g_free (result->covariances);
  g_free (result->labels);
  g_free (result->probabilities);
  g_free (result->sizes);
  g_free (result);
}

guint64
sg_gmm_n_parameters (SgCovarianceType covariance,
                     guint            k,
                     guint            n_cols)
{
  guint64 cov = covariance == SG_COVARIANCE_FULL ? (guint64) k * n_cols * (n_cols + 1) / 2
              : covariance == SG_COVARIANCE_DIAG ? (guint64) k * n_cols
              : k;

  return cov + (guint64) k * n_cols + k - 1;
}

static gsize
covariance_size (SgCovarianceType covariance,
                 guint            k,
                 guint            d)
{
  return covariance == SG_COVARIANCE_FULL ? (gsize) k * d * d
       : covariance == SG_COVARIANCE_DIAG ? (gsize) k * d
       : k;
}

SgGmmResult *
sg_gmm_fit (const SgMatrix     *x,
            const SgGmmOptions *options,
            SgProgress         *progress,
            GError            **error)
{
  g_autoptr(SgGmmResult) result = NULL;
  guint k, d, n_threads, n_init;
  gsize n, cov_size;
  double best_bound = -INFINITY;
  gboolean have_best = FALSE;
  g_autofree double *best_weights = NULL;
  g_autofree double *best_means = NULL;
  g_autofree double *best_cov = NULL;
  Gmm g;

  g_return_val_if_fail (x != NULL, NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  k = options->k;
  n = x->n_rows;
  d = (guint) x->n_cols;
  n_threads = options->n_threads != 0 ? options->n_threads : sg_parallel_get_threads ();
  n_init = MAX (options->n_init, 1);

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
  if (n < 2)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT,
                   _("A Gaussian mixture needs at least two rows (there are %zu)"), n);
      return NULL;
    }
  if ((gsize) k > n)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT,
                   _("k (%u) is larger than the number of rows (%zu)"), k, n);
      return NULL;
    }
  if (!(options->reg_covar >= 0) || !(options->tol >= 0))
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT,
                   _("The regularisation and the tolerance cannot be negative"));
      return NULL;
    }

  gmm_setup (&g, x, k, options->covariance, options->reg_covar, n_threads);
  cov_size = covariance_size (options->covariance, k, d);
  best_weights = g_new (double, k);
  best_means = g_new (double, (gsize) k * d);
  best_cov = g_new (double, cov_size);
  result = g_new0 (SgGmmResult, 1);

  for (guint init = 0; init < n_init; init++)
    {
      SgProgress sub = sg_progress_sub (progress, (double) init / n_init, (init + 1.0) / n_init);
      SgProgress kmeans_progress = sg_progress_sub (&sub, 0.0, 0.1);
      SgProgress *p = progress != NULL ? &sub : NULL;
      g_autoptr(SgKMeansResult) start = NULL;
      SgKMeansOptions kopts;
      SgRandom rng;
      double bound = -INFINITY;
      guint n_iter = 0;
      gboolean converged = FALSE;

      /* The k-means start, as scikit-learn: KMeans(k, n_init=1) with a seed of this init. */
      sg_random_init_stream (&rng, options->seed, "gmm-init", init);
      sg_kmeans_options_init (&kopts);
      kopts.k = k;
      kopts.n_init = 1;
      kopts.seed = sg_random_next (&rng);
      kopts.n_threads = n_threads;
      start = sg_kmeans_fit (x, &kopts, progress != NULL ? &kmeans_progress : NULL, error);
      if (start == NULL)
        goto fail;
      for (guint c = 0; c < k; c++)
        {
          memset (g.means + (gsize) c * g.dm, 0, g.dm * sizeof (double));
          memcpy (g.means + (gsize) c * g.dm, start->centroids + (gsize) c * d, d * sizeof (double));
        }
      g.hard_labels = start->labels;
      run_pass (&g, PASS_HARD);
      g.hard_labels = NULL;
      g_clear_pointer (&start, sg_kmeans_result_free);
      if (!m_step (&g, TRUE, error))
        goto fail;

      for (guint it = 1; it <= options->max_iter; it++)
        {
          double previous = bound;

          if (!sg_progress_check (p, error))
            goto fail;
          bound = run_pass (&g, PASS_EM);
          if (!m_step (&g, FALSE, error))
            goto fail;
          n_iter = it;
          sg_progress_report (p, 0.1 + 0.9 * it / options->max_iter, NULL);
          if (fabs (bound - previous) < options->tol)
            {
              converged = TRUE;
              break;
            }
        }
      if (!have_best || bound > best_bound)
        {
          have_best = TRUE;
          best_bound = bound;
          result->n_iter = n_iter;
          result->converged = converged;
          memcpy (best_weights, g.weights, k * sizeof (double));
          for (guint c = 0; c < k; c++)
            memcpy (best_means + (gsize) c * d, g.means + (gsize) c * g.dm, d * sizeof (double));
          memcpy (best_cov, g.covariances, cov_size * sizeof (double));
        }
    }

  /* The kept parameters, and a final E-step for the labels and probabilities. */
  memcpy (g.weights, best_weights, k * sizeof (double));
  for (guint c = 0; c < k; c++)
    memcpy (g.means + (gsize) c * g.dm, best_means + (gsize) c * d, d * sizeof (double));
  memcpy (g.covariances, best_cov, cov_size * sizeof (double));
  if (!set_precisions (&g, error))
    goto fail;
  g_clear_pointer (&g.acc, free);   /* not needed by the final pass: keep the peak low */
  result->k = k;
  result->n_cols = d;
  result->n_rows = n;
  result->covariance = options->covariance;
  result->labels = g_new (gint32, n);
  result->probabilities = g_new (float, n * k);
  result->sizes = g_new0 (guint64, k);
  g.labels = result->labels;
  g.probabilities = result->probabilities;
  result->log_likelihood = run_pass (&g, PASS_FINAL);
  result->lower_bound = options->max_iter > 0 ? best_bound : result->log_likelihood;
  for (gsize i = 0; i < n; i++)
    result->sizes[result->labels[i]]++;
  {
    double p = (double) sg_gmm_n_parameters (options->covariance, k, d);

    result->bic = -2 * result->log_likelihood * (double) n + p * log ((double) n);
    result->aic = -2 * result->log_likelihood * (double) n + 2 * p;
  }
  result->weights = g_steal_pointer (&best_weights);
  result->means = g_steal_pointer (&best_means);
  result->covariances = g_steal_pointer (&best_cov);
  gmm_clear (&g);
  sg_progress_report (progress, 1.0, NULL);
  return g_steal_pointer (&result);

fail:
  gmm_clear (&g);
  return NULL;
}
