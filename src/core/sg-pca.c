/* sg-pca.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <gsl/gsl_eigen.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_vector.h>

#include "sg-error.h"
#include "sg-parallel.h"
#include "sg-pca.h"

#define CHUNK SG_PARALLEL_CHUNK

typedef struct {
  const SgMatrix *x;
  guint           d;
  double         *chunk_mean;      /* n_chunks × d */
  double         *chunk_scatter;   /* n_chunks × d × d (upper triangle used) */
  gboolean       *chunk_bad;       /* a non-finite value in the chunk */
  /* sign pass */
  const double   *mean;
  const double   *components;
  double         *chunk_max;       /* n_chunks × d: largest |score| per component */
  double         *chunk_signed;    /* n_chunks × d: that score, signed */
} PcaWork;

static void
moments_chunk (gsize chunk, gsize begin, gsize end, gpointer user_data)
{
  PcaWork *w = user_data;
  guint d = w->d;
  double *mean = w->chunk_mean + chunk * d;
  double *scatter = w->chunk_scatter + chunk * d * d;
  double centred[256];
  double *c = d <= G_N_ELEMENTS (centred) ? centred : g_new (double, d);
  double m = (double) (end - begin);

  for (guint k = 0; k < d; k++)
    mean[k] = 0;
  memset (scatter, 0, (gsize) d * d * sizeof (double));
  for (gsize r = begin; r < end; r++)
    {
      const double *row = sg_matrix_row (w->x, r);

      for (guint k = 0; k < d; k++)
        {
          mean[k] += row[k];
          if (!isfinite (row[k]))
            w->chunk_bad[chunk] = TRUE;
        }
    }
  for (guint k = 0; k < d; k++)
    mean[k] /= m;
  for (gsize r = begin; r < end; r++)
    {
      const double *row = sg_matrix_row (w->x, r);

      for (guint k = 0; k < d; k++)
        c[k] = row[k] - mean[k];
      for (guint a = 0; a < d; a++)
        {
          double ca = c[a];
          double *out = scatter + a * d;

          for (guint b = a; b < d; b++)
            out[b] += ca * c[b];
        }
    }
  if (c != centred)
    g_free (c);
}

static void
sign_chunk (gsize chunk, gsize begin, gsize end, gpointer user_data)
{
  PcaWork *w = user_data;
  guint d = w->d;
  double *best = w->chunk_max + chunk * d;
  double *best_signed = w->chunk_signed + chunk * d;
  double centred[256];
  double *c = d <= G_N_ELEMENTS (centred) ? centred : g_new (double, d);

  for (guint k = 0; k < d; k++)
    best[k] = -1, best_signed[k] = 0;
  for (gsize r = begin; r < end; r++)
    {
      const double *row = sg_matrix_row (w->x, r);

      for (guint k = 0; k < d; k++)
        c[k] = row[k] - w->mean[k];
      for (guint comp = 0; comp < d; comp++)
        {
          const double *v = w->components + (gsize) comp * d;
          double score = 0;

          for (guint k = 0; k < d; k++)
            score += c[k] * v[k];
          /* strictly greater: the first row wins ties, as numpy's argmax */
          if (fabs (score) > best[comp])
            best[comp] = fabs (score), best_signed[comp] = score;
        }
    }
  if (c != centred)
    g_free (c);
}

SgPca *
sg_pca_fit (const SgMatrix *x,
            GError        **error)
{
  return sg_pca_fit_full (x, 0, error);
}

SgPca *
sg_pca_fit_full (const SgMatrix *x,
                 guint           n_threads,
                 GError        **error)
{
  PcaWork w = { 0 };
  gsize n, n_chunks;
  guint d;
  g_autofree double *mean = NULL;
  g_autofree double *scatter = NULL;
  double total = 0, n_seen = 0;
  gsl_matrix *cov;
  gsl_matrix *evec;
  gsl_vector *eval;
  gsl_eigen_symmv_workspace *ws;
  SgPca *pca;

  g_return_val_if_fail (x != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  n = x->n_rows;
  d = (guint) x->n_cols;
  if (n < 2 || d == 0)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_DEGENERATE,
                   _("PCA needs at least 2 rows and 1 column (got %zu rows)"), n);
      return NULL;
    }

  n_chunks = sg_parallel_n_chunks (n, CHUNK);
  w.x = x;
  w.d = d;
  w.chunk_mean = g_new (double, n_chunks * d);
  w.chunk_scatter = g_new (double, n_chunks * d * d);
  w.chunk_bad = g_new0 (gboolean, n_chunks);
  sg_parallel_for (n, CHUNK, n_threads, moments_chunk, &w);

  /* Merge chunks in order (Chan, Golub and LeVeque's pairwise update). */
  mean = g_new0 (double, d);
  scatter = g_new0 (double, (gsize) d * d);
  for (gsize c = 0; c < n_chunks; c++)
    {
      double m = (double) (MIN ((c + 1) * CHUNK, n) - c * CHUNK);
      const double *cm = w.chunk_mean + c * d;
      const double *cs = w.chunk_scatter + c * d * d;
      double total_n = n_seen + m;
      double factor = n_seen * m / total_n;

      if (w.chunk_bad[c])
        {
          for (gsize r = c * CHUNK; r < MIN ((c + 1) * CHUNK, n); r++)
            for (guint k = 0; k < d; k++)
              if (!isfinite (sg_matrix_row (x, r)[k]))
                {
                  g_set_error (error, SG_ERROR, SG_ERROR_DEGENERATE,
                               _("Row %zu, column %u: the value is missing or not finite"),
                               r + 1, k + 1);
                  goto fail;
                }
        }
      for (guint a = 0; a < d; a++)
        for (guint b = a; b < d; b++)
          scatter[a * d + b] += cs[a * d + b] + (cm[a] - mean[a]) * (cm[b] - mean[b]) * factor;
      for (guint k = 0; k < d; k++)
        mean[k] += (cm[k] - mean[k]) * (m / total_n);
      n_seen = total_n;
    }

  cov = gsl_matrix_alloc (d, d);
  for (guint a = 0; a < d; a++)
    for (guint b = a; b < d; b++)
      {
        double v = scatter[a * d + b] / (double) (n - 1);

        gsl_matrix_set (cov, a, b, v);
        gsl_matrix_set (cov, b, a, v);
      }
  for (guint a = 0; a < d; a++)
    total += gsl_matrix_get (cov, a, a);
  if (!(total > 0))
    {
      gsl_matrix_free (cov);
      g_set_error (error, SG_ERROR, SG_ERROR_DEGENERATE,
                   _("PCA needs at least one column that varies; every column is constant"));
      goto fail;
    }

  evec = gsl_matrix_alloc (d, d);
  eval = gsl_vector_alloc (d);
  ws = gsl_eigen_symmv_alloc (d);
  gsl_eigen_symmv (cov, eval, evec, ws);
  gsl_eigen_symmv_free (ws);
  gsl_eigen_symmv_sort (eval, evec, GSL_EIGEN_SORT_VAL_DESC);
  gsl_matrix_free (cov);

  pca = g_new0 (SgPca, 1);
  pca->n_cols = d;
  pca->mean = g_steal_pointer (&mean);
  pca->components = g_new (double, (gsize) d * d);
  pca->explained_variance = g_new (double, d);
  pca->explained_variance_ratio = g_new (double, d);
  {
    double sum = 0;

    for (guint c = 0; c < d; c++)
      {
        pca->explained_variance[c] = MAX (gsl_vector_get (eval, c), 0.0);
        sum += pca->explained_variance[c];
        for (guint k = 0; k < d; k++)
          pca->components[c * d + k] = gsl_matrix_get (evec, k, c);
      }
    for (guint c = 0; c < d; c++)
      pca->explained_variance_ratio[c] = pca->explained_variance[c] / sum;
  }
  gsl_matrix_free (evec);
  gsl_vector_free (eval);

  /* Signs: the row with the largest |score| scores positive in every component. */
  w.mean = pca->mean;
  w.components = pca->components;
  w.chunk_max = g_new (double, n_chunks * d);
  w.chunk_signed = g_new (double, n_chunks * d);
  sg_parallel_for (n, CHUNK, n_threads, sign_chunk, &w);
  for (guint comp = 0; comp < d; comp++)
    {
      double best = -1, best_signed = 0;

      for (gsize c = 0; c < n_chunks; c++)
        if (w.chunk_max[c * d + comp] > best)
          best = w.chunk_max[c * d + comp], best_signed = w.chunk_signed[c * d + comp];
      if (best_signed < 0)
        for (guint k = 0; k < d; k++)
          pca->components[comp * d + k] = -pca->components[comp * d + k];
    }
  g_free (w.chunk_max);
  g_free (w.chunk_signed);
  g_free (w.chunk_mean);
  g_free (w.chunk_scatter);
  g_free (w.chunk_bad);
  return pca;

fail:
  g_free (w.chunk_mean);
  g_free (w.chunk_scatter);
  g_free (w.chunk_bad);
  return NULL;
}

typedef struct {
  const SgPca    *pca;
  const SgMatrix *x;
  guint           n_components;
  float          *out;
} Transform;

static void
transform_chunk (gsize chunk, gsize begin, gsize end, gpointer user_data)
{
  Transform *t = user_data;
  guint d = t->pca->n_cols;

  for (gsize r = begin; r < end; r++)
    {
      const double *row = sg_matrix_row (t->x, r);

      for (guint comp = 0; comp < t->n_components; comp++)
        {
          const double *v = t->pca->components + (gsize) comp * d;
          double score = 0;

          for (guint k = 0; k < d; k++)
            score += (row[k] - t->pca->mean[k]) * v[k];
          t->out[r * t->n_components + comp] = (float) score;
        }
    }
}

void
sg_pca_transform (const SgPca    *pca,
                  const SgMatrix *x,
                  guint           n_components,
                  float          *out)
{
  Transform t = { pca, x, n_components, out };

  g_return_if_fail (pca != NULL && x != NULL && out != NULL);
  g_return_if_fail (x->n_cols == pca->n_cols);
  g_return_if_fail (n_components <= pca->n_cols);

  sg_parallel_for (x->n_rows, CHUNK, 0, transform_chunk, &t);
}

void
sg_pca_loadings (const SgPca *pca,
                 guint        n_components,
                 double      *out)
{
  guint d;

  g_return_if_fail (pca != NULL && out != NULL);
  g_return_if_fail (n_components <= pca->n_cols);

  d = pca->n_cols;
  for (guint f = 0; f < d; f++)
    for (guint c = 0; c < n_components; c++)
      out[f * n_components + c] = pca->components[c * d + f] * sqrt (pca->explained_variance[c]);
}

void
sg_pca_free (SgPca *pca)
{
  if (pca == NULL)
    return;
  g_free (pca->mean);
  g_free (pca->components);
  g_free (pca->explained_variance);
  g_free (pca->explained_variance_ratio);
  g_free (pca);
}
