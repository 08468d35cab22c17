/* sg-kdtree.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sg-kdtree.h"
#include "sg-parallel.h"
#include "sg-pca.h"

/* Large leaves suit single-precision leaf scans: fewer box tests per useful distance. */
#define DEFAULT_LEAF_SIZE 128

static void *
aligned_new (gsize bytes)
{
  void *p = aligned_alloc (64, MAX ((bytes + 63) & ~(gsize) 63, 64));

  if (p == NULL)
    g_error ("Out of memory allocating %" G_GSIZE_FORMAT " bytes", bytes);
  return p;
}

static inline double
key (const double *coords, guint stride, guint32 row, guint dim)
{
  return coords[(gsize) row * stride + dim];
}

static inline void
swap32 (guint32 *a, gsize i, gsize j)
{
  guint32 t = a[i];

  a[i] = a[j];
  a[j] = t;
}

/* Reorders idx[lo, hi) so that idx[nth] holds the element of that rank along @dim, smaller or
 * equal ones before it and larger or equal ones after. Three-way partitions cope with ties. */
static void
select_nth (const double *coords,
            guint         stride,
            guint32      *idx,
            gsize         lo,
            gsize         hi,
            gsize         nth,
            guint         dim)
{
  while (hi - lo > 1)
    {
      double a = key (coords, stride, idx[lo], dim);
      double b = key (coords, stride, idx[lo + (hi - lo) / 2], dim);
      double c = key (coords, stride, idx[hi - 1], dim);
      double pivot = MAX (MIN (a, b), MIN (MAX (a, b), c));
      gsize lt = lo, i = lo, gt = hi;

      while (i < gt)
        {
          double v = key (coords, stride, idx[i], dim);

          if (v < pivot)
            swap32 (idx, lt++, i++);
          else if (v > pivot)
            swap32 (idx, i, --gt);
          else
            i++;
        }
      if (nth < lt)
        hi = lt;
      else if (nth >= gt)
        lo = gt;
      else
        return;
    }
}

/* ---- the box space ---- */

typedef struct {
  const SgMatrix *x;
  const double   *centre;
  const double   *rotation;
  double         *out;
  guint           stride;
} Rotate;

static void
rotate_chunk (gsize chunk, gsize begin, gsize end, gpointer user_data)
{
  Rotate *r = user_data;
  guint d = (guint) r->x->n_cols;

  for (gsize i = begin; i < end; i++)
    {
      const double *row = sg_matrix_row (r->x, i);
      double *out = r->out + i * r->stride;

      for (guint c = 0; c < d; c++)
        {
          if (r->rotation != NULL)
            {
              const double *v = r->rotation + (gsize) c * d;
              double s = 0;

              for (guint k = 0; k < d; k++)
                s += (row[k] - r->centre[k]) * v[k];
              out[c] = s;
            }
          else
            out[c] = row[c] - r->centre[c];
        }
      for (guint c = d; c < r->stride; c++)
        out[c] = 0;
    }
}

/* The principal axes of @x (rows of @axes, largest variance first) and its mean; FALSE when there
 * are none (fewer than 2 rows or columns, constant data). */
static gboolean
principal_frame (const SgMatrix *x,
                 guint           n_threads,
                 double        **axes,
                 double        **mean)
{
  g_autoptr(SgPca) pca = NULL;

  if (x->n_rows < 2 || x->n_cols < 2)
    return FALSE;
  pca = sg_pca_fit_full (x, n_threads, NULL);
  if (pca == NULL)
    return FALSE;
  *axes = g_steal_pointer (&pca->components);
  *mean = g_steal_pointer (&pca->mean);
  return TRUE;
}

/* ---- building ---- */

SgKdTree *
sg_kdtree_new (const SgMatrix *x,
               gboolean        rotate,
               guint           leaf_size,
               guint           n_threads)
{
  SgKdTree *tree;
  gsize n = x->n_rows;
  guint d = (guint) x->n_cols;
  guint stride = d;   /* of the box coordinates, which live only while building */
  guint32 *idx;
  g_autofree double *coords = NULL;
  Rotate r = { 0 };

  g_return_val_if_fail (n <= G_MAXUINT32, NULL);
  g_return_val_if_fail (d > 0, NULL);

  tree = g_new0 (SgKdTree, 1);
  if (leaf_size == 0)
    leaf_size = DEFAULT_LEAF_SIZE;
  leaf_size = MIN (leaf_size, SG_KDTREE_MAX_LEAF_SIZE);
  tree->x = x;
  tree->n_points = n;
  tree->n_dims = d;
  tree->box_dims = d;
  tree->n_padded = (d + 15) & ~15u;

  /* The box space: principal axes, or the data centred on its mean. */
  tree->centre = g_new0 (double, d);
  if (rotate && d > 1)
    {
      double *axes = NULL, *mean = NULL;

      if (principal_frame (x, n_threads, &axes, &mean))
        {
          tree->rotation = axes;
          memcpy (tree->centre, mean, d * sizeof (double));
          g_free (mean);
        }
    }
  if (tree->rotation == NULL)
    {
      for (gsize i = 0; i < n; i++)
        for (guint k = 0; k < d; k++)
          tree->centre[k] += sg_matrix_row (x, i)[k];
      for (guint k = 0; k < d; k++)
        tree->centre[k] = n > 0 ? tree->centre[k] / (double) n : 0;
    }
  coords = g_new (double, MAX (n, 1) * stride);
  r.x = x;
  r.centre = tree->centre;
  r.rotation = tree->rotation;
  r.out = coords;
  r.stride = stride;
  sg_parallel_for (n, SG_PARALLEL_CHUNK, n_threads, rotate_chunk, &r);
  tree->max_abs = 0;
  for (gsize i = 0; i < n * stride; i++)
    tree->max_abs = MAX (tree->max_abs, fabs (coords[i]));

  tree->n_levels = 1;
  while ((n >> (tree->n_levels - 1)) > leaf_size)
    tree->n_levels++;
  tree->n_nodes = ((gsize) 1 << tree->n_levels) - 1;
  tree->first_leaf = ((gsize) 1 << (tree->n_levels - 1)) - 1;
  tree->node_begin = g_new (gsize, tree->n_nodes);
  tree->node_end = g_new (gsize, tree->n_nodes);
  tree->lo = aligned_new (tree->n_nodes * tree->n_padded * sizeof (double));
  tree->hi = aligned_new (tree->n_nodes * tree->n_padded * sizeof (double));
  memset (tree->lo, 0, tree->n_nodes * tree->n_padded * sizeof (double));
  memset (tree->hi, 0, tree->n_nodes * tree->n_padded * sizeof (double));
  tree->index = idx = g_new (guint32, MAX (n, 1));
  tree->position = g_new (guint32, MAX (n, 1));

  for (gsize i = 0; i < n; i++)
    idx[i] = (guint32) i;
  tree->node_begin[0] = 0;
  tree->node_end[0] = n;
  for (gsize node = 0; node < tree->n_nodes; node++)
    {
      gsize begin = tree->node_begin[node], end = tree->node_end[node];
      double *lo = tree->lo + node * tree->n_padded, *hi = tree->hi + node * tree->n_padded;
      guint widest = 0;

      for (guint k = 0; k < d; k++)
        {
          lo[k] = G_MAXDOUBLE;
          hi[k] = -G_MAXDOUBLE;
        }
      for (gsize i = begin; i < end; i++)
        {
          const double *row = coords + (gsize) idx[i] * stride;

          for (guint k = 0; k < d; k++)
            {
              lo[k] = MIN (lo[k], row[k]);
              hi[k] = MAX (hi[k], row[k]);
            }
        }
      if (begin == end)
        for (guint k = 0; k < d; k++)
          lo[k] = hi[k] = 0;   /* empty node (fewer points than leaves): never holds a point */
      if (sg_kdtree_is_leaf (tree, node))
        continue;

      for (guint k = 1; k < d; k++)
        if (hi[k] - lo[k] > hi[widest] - lo[widest])
          widest = k;
      {
        gsize mid = begin + (end - begin) / 2;

        if (end - begin > 1)
          select_nth (coords, stride, idx, begin, end, mid, widest);
        tree->node_begin[2 * node + 1] = begin;
        tree->node_end[2 * node + 1] = mid;
        tree->node_begin[2 * node + 2] = mid;
        tree->node_end[2 * node + 2] = end;
      }
    }
  for (gsize i = 0; i < n; i++)
    tree->position[idx[i]] = (guint32) i;

  {
    gsize n_leaves = tree->n_nodes - tree->first_leaf, total = 0;

    tree->leaf_offset = g_new (gsize, n_leaves);
    for (gsize l = 0; l < n_leaves; l++)
      {
        gsize m = tree->node_end[tree->first_leaf + l] - tree->node_begin[tree->first_leaf + l];

        tree->leaf_offset[l] = total;
        total += ((m + 15) & ~(gsize) 15) * d;
      }
    tree->blocks = aligned_new (MAX (total, 16) * sizeof (float));
    for (gsize l = 0; l < n_leaves; l++)
      {
        gsize leaf = tree->first_leaf + l;
        gsize begin = tree->node_begin[leaf], m = tree->node_end[leaf] - begin;
        gsize m16 = (m + 15) & ~(gsize) 15;
        float *block = tree->blocks + tree->leaf_offset[l];

        for (gsize p = 0; p < m16; p++)
          {
            const double *row = p < m ? coords + (gsize) idx[begin + p] * stride : NULL;

            /* padding: far enough never to be a neighbour, small enough not to overflow */
            for (guint k = 0; k < d; k++)
              block[k * m16 + p] = row ? (float) row[k] : 1e17f;
          }
      }
  }
  return tree;
}

void
sg_kdtree_free (SgKdTree *tree)
{
  if (tree == NULL)
    return;
  g_free (tree->node_begin);
  g_free (tree->node_end);
  free (tree->lo);
  free (tree->hi);
  free (tree->blocks);
  g_free (tree->leaf_offset);
  g_free (tree->index);
  g_free (tree->position);
  g_free (tree->centre);
  g_free (tree->rotation);
  g_free (tree);
}

/* ---- queries ---- */

SgKdQuery *
sg_kdtree_query_new (const SgKdTree *tree)
{
  SgKdQuery *query = g_new0 (SgKdQuery, 1);

  query->box = aligned_new (tree->n_padded * sizeof (double));
  query->boxf = aligned_new (tree->n_padded * sizeof (float));
  memset (query->box, 0, tree->n_padded * sizeof (double));
  memset (query->boxf, 0, tree->n_padded * sizeof (float));
  return query;
}

void
sg_kdtree_query_free (SgKdQuery *query)
{
  if (query == NULL)
    return;
  free (query->box);
  free (query->boxf);
  g_free (query);
}

void
sg_kdtree_query_row (const SgKdTree *tree,
                     SgKdQuery      *query,
                     gsize           row)
{
  sg_kdtree_query_point (tree, query, sg_matrix_row (tree->x, row));
}

void
sg_kdtree_query_point (const SgKdTree *tree,
                       SgKdQuery      *query,
                       const double   *q)
{
  guint d = tree->n_dims;

  query->q = q;
  for (guint c = 0; c < d; c++)
    {
      double s = 0;

      if (tree->rotation != NULL)
        for (guint k = 0; k < d; k++)
          s += (q[k] - tree->centre[k]) * tree->rotation[(gsize) c * d + k];
      else
        s = q[c] - tree->centre[c];
      query->box[c] = s;
      query->boxf[c] = (float) s;
    }
}

double
sg_kdtree_box_max2 (const SgKdTree  *tree,
                    gsize            node,
                    const SgKdQuery *query)
{
  const double *lo = tree->lo + node * tree->n_padded;
  const double *hi = tree->hi + node * tree->n_padded;
  double mx = 0;

  for (guint k = 0; k < tree->box_dims; k++)
    {
      double far = MAX (query->box[k] - lo[k], hi[k] - query->box[k]);

      mx += far * far;
    }
  return mx;
}

void
sg_kdtree_leaf_dist2f (const SgKdTree  *tree,
                       gsize            node,
                       const SgKdQuery *query,
                       float           *d2)
{
  gsize m = tree->node_end[node] - tree->node_begin[node];
  gsize m16 = (m + 15) & ~(gsize) 15;
  const float *block = tree->blocks + tree->leaf_offset[node - tree->first_leaf];
  const float *q = query->boxf;
  guint d = tree->n_dims;
  gsize g = 0;

  /* Four accumulators stay in registers across the dimensions, then one at a time. */
  for (; g + 4 * SG_VF_LANES <= m16; g += 4 * SG_VF_LANES)
    {
      SgVf a0 = { 0 }, a1 = { 0 }, a2 = { 0 }, a3 = { 0 };

      for (guint k = 0; k < d; k++)
        {
          const float *col = block + k * m16 + g;
          SgVf t0 = SG_VF_LOAD (col) - q[k];
          SgVf t1 = SG_VF_LOAD (col + SG_VF_LANES) - q[k];
          SgVf t2 = SG_VF_LOAD (col + 2 * SG_VF_LANES) - q[k];
          SgVf t3 = SG_VF_LOAD (col + 3 * SG_VF_LANES) - q[k];

          a0 += t0 * t0;
          a1 += t1 * t1;
          a2 += t2 * t2;
          a3 += t3 * t3;
        }
      SG_VF_STORE (d2 + g, a0);
      SG_VF_STORE (d2 + g + SG_VF_LANES, a1);
      SG_VF_STORE (d2 + g + 2 * SG_VF_LANES, a2);
      SG_VF_STORE (d2 + g + 3 * SG_VF_LANES, a3);
    }
  for (; g < m16; g += SG_VF_LANES)
    {
      SgVf a0 = { 0 };

      for (guint k = 0; k < d; k++)
        {
          SgVf t0 = SG_VF_LOAD (block + k * m16 + g) - q[k];

          a0 += t0 * t0;
        }
      SG_VF_STORE (d2 + g, a0);
    }
}

double
sg_kdtree_band (const SgKdTree *tree,
                double          r2)
{
  /* Single precision rounds each box-space coordinate by at most u·M (u = 2^-24, M the largest
   * |coordinate|), each difference by u·|diff| more, and the sum of d squares by about d·u of
   * itself. Near |diff| = r that bounds |d2f - d2| by 4uM·sqrt(d)·r + (d + 2)·u·r2 + 4d(uM)².
   * Twice that, plus the float rounding of r2 itself, is safe. */
  double u = FLT_EPSILON / 2, m = tree->max_abs, d = tree->n_dims, r = sqrt (r2);

  return 2 * (4 * u * m * sqrt (d) * r + (d + 2) * u * r2 + 4 * d * u * u * m * m) + 4 * u * r2 + 1e-30;
}

void
sg_kdtree_radius_init (const SgKdTree *tree,
                       double          r2,
                       SgKdRadius     *radius)
{
  double band = sg_kdtree_band (tree, r2);

  radius->r2 = r2;
  if (!(band < r2) || !(r2 + band < FLT_MAX / 4))
    {
      /* Coordinates too large or too spread for single precision: decide every point exactly. */
      radius->lo = -INFINITY;
      radius->hi = INFINITY;
      return;
    }
  radius->lo = (float) (r2 - band);
  if ((double) radius->lo > r2 - band)
    radius->lo = nextafterf (radius->lo, -FLT_MAX);
  radius->hi = (float) (r2 + band);
  if ((double) radius->hi < r2 + band)
    radius->hi = nextafterf (radius->hi, FLT_MAX);
}

static gsize
count_node (const SgKdTree   *tree,
            gsize             node,
            const SgKdQuery  *query,
            const SgKdRadius *radius,
            gsize             cap,
            gsize             found,
            float            *buffer)
{
  if (sg_kdtree_is_leaf (tree, node))
    {
      gsize begin = tree->node_begin[node], m = tree->node_end[node] - begin;

      sg_kdtree_leaf_dist2f (tree, node, query, buffer);
      for (gsize p = 0; p < m; p++)
        if (!(buffer[p] > radius->hi) &&   /* NaN (overflow) counts as near: decided exactly */
            (buffer[p] < radius->lo || sg_kdtree_exact_dist2 (tree, begin + p, query) <= radius->r2))
          found++;
      return found;
    }
  else
    {
      gsize child[2] = { 2 * node + 1, 2 * node + 2 };
      double mn[2];

      mn[0] = sg_kdtree_box_min2 (tree, child[0], query);
      mn[1] = sg_kdtree_box_min2 (tree, child[1], query);
      if (mn[1] < mn[0])
        {
          gsize t = child[0];
          double tn = mn[0];

          child[0] = child[1], mn[0] = mn[1];
          child[1] = t, mn[1] = tn;
        }
      for (guint c = 0; c < 2 && found < cap; c++)
        {
          if (mn[c] > radius->r2 * SG_KDTREE_PRUNE)
            break;
          found = count_node (tree, child[c], query, radius, cap, found, buffer);
        }
      return found;
    }
}

gsize
sg_kdtree_count_radius (const SgKdTree  *tree,
                        const SgKdQuery *query,
                        double           r2,
                        gsize            cap)
{
  float buffer[SG_KDTREE_LEAF_BUFFER] __attribute__ ((aligned (64)));
  SgKdRadius radius;

  if (tree->n_points == 0 || cap == 0)
    return 0;
  sg_kdtree_radius_init (tree, r2, &radius);
  if (sg_kdtree_box_min2 (tree, 0, query) > r2 * SG_KDTREE_PRUNE)
    return 0;
  return MIN (count_node (tree, 0, query, &radius, cap, 0, buffer), cap);
}

/* A max-heap of the k smallest squared distances seen. */
typedef struct {
  double *d2;
  guint   k;
  guint   size;
} Heap;

static void
heap_push (Heap *h, double v)
{
  guint i;

  if (h->size == h->k)
    {
      if (v >= h->d2[0])
        return;
      /* replace the root and sift down */
      i = 0;
      for (;;)
        {
          guint l = 2 * i + 1, r = l + 1, big = i;
          double bv = v;

          if (l < h->size && h->d2[l] > bv)
            big = l, bv = h->d2[l];
          if (r < h->size && h->d2[r] > bv)
            big = r;
          if (big == i)
            break;
          h->d2[i] = h->d2[big];
          i = big;
        }
      h->d2[i] = v;
      return;
    }
  i = h->size++;
  while (i > 0 && h->d2[(i - 1) / 2] < v)
    {
      h->d2[i] = h->d2[(i - 1) / 2];
      i = (i - 1) / 2;
    }
  h->d2[i] = v;
}

static inline double
heap_bound (const Heap *h)
{
  return h->size < h->k ? G_MAXDOUBLE : h->d2[0];
}

static void
knn_node (const SgKdTree  *tree,
          gsize            node,
          const SgKdQuery *query,
          Heap            *heap,
          float           *buffer)
{
  if (sg_kdtree_is_leaf (tree, node))
    {
      gsize begin = tree->node_begin[node], m = tree->node_end[node] - begin;
      double bound = heap_bound (heap);
      double band = bound < G_MAXDOUBLE ? sg_kdtree_band (tree, bound) : 0;

      sg_kdtree_leaf_dist2f (tree, node, query, buffer);
      for (gsize p = 0; p < m; p++)
        if (bound == G_MAXDOUBLE || !((double) buffer[p] > bound + band))
          {
            heap_push (heap, sg_kdtree_exact_dist2 (tree, begin + p, query));
            bound = heap_bound (heap);
            band = bound < G_MAXDOUBLE ? sg_kdtree_band (tree, bound) : 0;
          }
    }
  else
    {
      gsize a = 2 * node + 1, b = 2 * node + 2;
      double amin = sg_kdtree_box_min2 (tree, a, query);
      double bmin = sg_kdtree_box_min2 (tree, b, query);

      if (bmin < amin)
        {
          gsize t = a;
          double tmin = amin;

          a = b, amin = bmin;
          b = t, bmin = tmin;
        }
      if (amin <= heap_bound (heap) * SG_KDTREE_PRUNE)
        knn_node (tree, a, query, heap, buffer);
      if (bmin <= heap_bound (heap) * SG_KDTREE_PRUNE)
        knn_node (tree, b, query, heap, buffer);
    }
}

static int
cmp_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

void
sg_kdtree_knn (const SgKdTree  *tree,
               const SgKdQuery *query,
               guint            k,
               double          *d2)
{
  float buffer[SG_KDTREE_LEAF_BUFFER] __attribute__ ((aligned (64)));
  Heap heap = { d2, k, 0 };

  if (k == 0)
    return;
  if (tree->n_points > 0)
    knn_node (tree, 0, query, &heap, buffer);
  for (guint i = heap.size; i < k; i++)
    d2[i] = G_MAXDOUBLE;
  qsort (d2, heap.size, sizeof (double), cmp_double);
}
