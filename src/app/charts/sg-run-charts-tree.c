/* sg-run-charts-tree.c — box plots of a feature by segment, and the top of a hierarchical run's tree
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sg-error.h"
#include "sg-run-charts.h"

/* ---- box plots ---- */

void
sg_box_model_clear (SgBoxModel *model)
{
  g_free (model->boxes);
  g_free (model->storage);
  memset (model, 0, sizeof *model);
}

static int
compare_ascending (const void *a,
                   const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Linear interpolation between order statistics, as numpy's default. */
static double
quantile (const double *sorted,
          gsize         n,
          double        p)
{
  double h = (n - 1) * p;
  gsize lo = (gsize) floor (h);

  if (lo + 1 >= n)
    return sorted[n - 1];
  return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
}

/* Summarises one sorted segment; its outliers (the most extreme @max per side) go to @out. */
static gsize
summarise (SgBoxStats   *box,
           const double *v,
           gsize         n,
           guint         max,
           double       *out)
{
  double sum = 0, low_fence, high_fence;
  gsize lo = 0, hi = n, kept = 0;

  box->count = n;
  box->mean = NAN;
  if (n == 0)
    {
      box->low_whisker = box->q1 = box->median = box->q3 = box->high_whisker = NAN;
      return 0;
    }
  for (gsize i = 0; i < n; i++)
    sum += v[i];
  box->mean = sum / n;
  box->q1 = quantile (v, n, 0.25);
  box->median = quantile (v, n, 0.5);
  box->q3 = quantile (v, n, 0.75);
  low_fence = box->q1 - 1.5 * (box->q3 - box->q1);
  high_fence = box->q3 + 1.5 * (box->q3 - box->q1);
  while (lo < n && v[lo] < low_fence)
    lo++;
  while (hi > lo && v[hi - 1] > high_fence)
    hi--;
  box->low_whisker = lo < n ? v[lo] : box->q1;
  box->high_whisker = hi > 0 ? v[hi - 1] : box->q3;
  for (gsize i = 0; i < MIN (lo, max); i++)
    out[kept++] = v[i];
  for (gsize i = MAX (hi, n - MIN (n - hi, max)); i < n; i++)
    out[kept++] = v[i];
  return kept;
}

void
sg_box_model_compute (SgBoxModel   *model,
                      const double *values,
                      const gint32 *labels,
                      gsize         n,
                      guint         k,
                      guint         max_outliers)
{
  g_autofree gsize *offsets = g_new0 (gsize, k + 1);
  g_autofree gsize *fill = NULL;
  g_autofree double *grouped = NULL;
  gsize stored = 0;

  g_return_if_fail (model != NULL && (n == 0 || (values != NULL && labels != NULL)));

  memset (model, 0, sizeof *model);
  model->k = k;
  for (gsize i = 0; i < n; i++)
    if (labels[i] >= 0 && (guint) labels[i] < k && isfinite (values[i]))
      offsets[labels[i] + 1]++;
  for (guint s = 0; s < k; s++)
    offsets[s + 1] += offsets[s];
  grouped = g_new (double, MAX (offsets[k], 1));
  fill = g_memdup2 (offsets, (k + 1) * sizeof (gsize));
  for (gsize i = 0; i < n; i++)
    if (labels[i] >= 0 && (guint) labels[i] < k && isfinite (values[i]))
      grouped[fill[labels[i]]++] = values[i];

  model->boxes = g_new0 (SgBoxStats, MAX (k, 1));
  model->storage = g_new (double, MAX ((gsize) k * 2 * max_outliers, 1));
  for (guint s = 0; s < k; s++)
    {
      gsize count = offsets[s + 1] - offsets[s], kept;

      qsort (grouped + offsets[s], count, sizeof (double), compare_ascending);
      kept = summarise (&model->boxes[s], grouped + offsets[s], count, max_outliers, model->storage + stored);
      model->boxes[s].n_outliers = kept;
      stored += kept;
    }
  /* Pointers last: the storage is complete. */
  stored = 0;
  for (guint s = 0; s < k; s++)
    {
      model->boxes[s].outliers = model->storage + stored;
      stored += model->boxes[s].n_outliers;
    }
}

SgBoxModel *
sg_box_model_load (SgProject     *project,
                   gint64         dataset_id,
                   guint          column_index,
                   const gint32  *labels,
                   gsize          n,
                   guint          k,
                   guint          max_outliers,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(SgTable) table = NULL;
  SgBoxModel *model;
  SgColumn *column;

  g_return_val_if_fail (SG_IS_PROJECT (project), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  table = sg_project_load_table (project, dataset_id, &column_index, 1, error);
  if (table == NULL)
    return NULL;
  column = sg_table_get_column (table, 0);
  if (!sg_column_is_numeric (column) || sg_column_get_n_rows (column) != n)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT, _("“%s” has no numbers to compare"), column->name);
      return NULL;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  model = g_new0 (SgBoxModel, 1);
  sg_box_model_compute (model, sg_column_get_numbers (column), labels, n, k, max_outliers);
  return model;
}

void
sg_box_model_free (SgBoxModel *model)
{
  if (model == NULL)
    return;
  sg_box_model_clear (model);
  g_free (model);
}

/* ---- the tree ---- */

void
sg_tree_model_clear (SgTreeModel *model)
{
  g_free (model->merges);
  g_free (model->heights);
  g_free (model->leaf_counts);
  memset (model, 0, sizeof *model);
}

/* Rows and the smallest segment label under each leaf of the whole tree. */
static gboolean
leaf_facts (const SgRunData *data,
            gsize            n_leaves,
            guint64         *count,
            gint32          *label)
{
  gsize next = 0;

  for (gsize l = 0; l < n_leaves; l++)
    {
      count[l] = 0;
      label[l] = G_MAXINT32;
    }
  for (gsize r = 0; r < data->n_rows; r++)
    {
      gsize l;

      if (data->labels[r] == SG_LABEL_EXCLUDED)
        continue;
      /* Exact trees have a leaf per clustered row, in row order; two-stage ones store each row's. */
      l = data->leaf != NULL ? (gsize) data->leaf[r] : next++;
      if (l >= n_leaves)
        return FALSE;
      count[l]++;
      label[l] = MIN (label[l], data->labels[r]);
    }
  return data->leaf != NULL || next == n_leaves;
}

gboolean
sg_tree_model_build (SgTreeModel     *model,
                     const SgRunData *data,
                     guint            max_leaves)
{
  gsize n, n_nodes, first_kept;
  g_autofree guint64 *size = NULL;
  g_autofree gint32 *min_label = NULL, *new_id = NULL;
  guint p, next_leaf = 0;

  g_return_val_if_fail (model != NULL && data != NULL && max_leaves >= 2, FALSE);

  memset (model, 0, sizeof *model);
  if (data->merges == NULL || data->n_merges == 0)
    return FALSE;
  n = data->n_merges + 1;
  n_nodes = 2 * n - 1;
  size = g_new (guint64, n_nodes);
  min_label = g_new (gint32, n_nodes);
  if (!leaf_facts (data, n, size, min_label))
    return FALSE;
  for (gsize i = 0; i + 1 < n; i++)
    {
      const SgMerge *m = &data->merges[i];

      if (m->a < 0 || m->b < 0 || (gsize) m->a >= n + i || (gsize) m->b >= n + i)
        return FALSE;
      size[n + i] = size[m->a] + size[m->b];
      min_label[n + i] = MIN (min_label[m->a], min_label[m->b]);
    }

  /* Keep the last p − 1 merges; what they join is the new leaves. */
  p = (guint) MIN ((gsize) max_leaves, n);
  first_kept = n - p;
  model->n_leaves = p;
  model->n_full_leaves = n;
  model->merges = g_new (gint32, 2 * (gsize) (p - 1));
  model->heights = g_new (double, MAX (p - 1, 1));
  model->leaf_counts = g_new (guint64, p);
  new_id = g_new (gint32, n_nodes);
  for (gsize v = 0; v < n_nodes; v++)
    new_id[v] = -1;
  for (gsize j = first_kept; j + 1 < n; j++)
    {
      const SgMerge *m = &data->merges[j];
      gint32 child[2] = { m->a, m->b };
      gsize out = j - first_kept;

      /* Left to right in segment order, as far as the tree allows. */
      if (min_label[child[1]] < min_label[child[0]])
        child[0] = m->b, child[1] = m->a;
      for (guint side = 0; side < 2; side++)
        {
          if ((gsize) child[side] >= n + first_kept)
            new_id[child[side]] = (gint32) (p + (child[side] - n - first_kept));
          else if (new_id[child[side]] < 0)
            {
              model->leaf_counts[next_leaf] = size[child[side]];
              new_id[child[side]] = (gint32) next_leaf++;
            }
          model->merges[2 * out + side] = new_id[child[side]];
        }
      model->heights[out] = m->height;
    }
  g_assert (next_leaf == p || p == 1);
  return TRUE;
}

static gint32
find_root (gint32 *parent,
           gint32  v)
{
  while (parent[v] != v)
    {
      parent[v] = parent[parent[v]];
      v = parent[v];
    }
  return v;
}

static int
compare_sizes_descending (const void *a,
                          const void *b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;

  return (x < y) - (x > y);
}

gboolean
sg_tree_model_sizes_at_k (const SgTreeModel *model,
                          guint              k,
                          guint64           *sizes)
{
  guint p = model->n_leaves, found = 0;
  g_autofree gint32 *parent = NULL;
  g_autofree guint64 *total = NULL;

  g_return_val_if_fail (model != NULL && sizes != NULL, FALSE);

  if (k < 1 || k > p)
    return FALSE;
  parent = g_new (gint32, 2 * (gsize) p);
  total = g_new0 (guint64, 2 * (gsize) p);
  for (guint v = 0; v < 2 * p; v++)
    parent[v] = (gint32) v;
  /* The merges are in increasing height: the first p − k of them are below the cut. */
  for (guint j = 0; j < p - k; j++)
    {
      parent[find_root (parent, model->merges[2 * j])] = (gint32) (p + j);
      parent[find_root (parent, model->merges[2 * j + 1])] = (gint32) (p + j);
    }
  for (guint l = 0; l < p; l++)
    total[find_root (parent, (gint32) l)] += model->leaf_counts[l];
  for (guint v = 0; v < 2 * p; v++)
    if (total[v] > 0 && find_root (parent, (gint32) v) == (gint32) v)
      sizes[found++] = total[v];
  qsort (sizes, found, sizeof (guint64), compare_sizes_descending);
  return found == k;
}

gboolean
sg_tree_model_apply (const SgTreeModel *model,
                     SgDendrogramChart *chart,
                     guint              k)
{
  g_return_val_if_fail (model != NULL && SG_IS_DENDROGRAM_CHART (chart), FALSE);

  if (!sg_dendrogram_chart_set_data (chart, model->merges, model->heights, model->n_leaves, NULL,
                                     model->leaf_counts))
    return FALSE;
  if (k >= 1 && k <= model->n_leaves)
    sg_dendrogram_chart_set_cut_height (chart, sg_dendrogram_chart_height_for_k (chart, k));
  return TRUE;
}
