/* sg-kdtree.h — a k-d tree for radius and nearest-neighbour queries (used by DBSCAN)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A balanced tree in heap layout (node i has children 2i+1 and 2i+2), split at the median of the
 * widest side of each node's tight bounding box. Nodes are split and bounded in a "box space":
 * the data centred and rotated onto its principal axes (from sg_pca_fit_full()), where the
 * first splits follow the directions of largest spread — in more than a few dimensions that
 * prunes far better than the raw columns. Rotation keeps distances, up to rounding.
 *
 * Leaves hold their points in single precision, dimension-major, padded to a multiple of 16
 * ("leaf blocks": coordinate k of the p-th point of a leaf of m points, m16 = m rounded up to 16,
 * is at block[k * m16 + p]; padding points lie far away), so one query's distances to a whole
 * leaf take a few vector instructions. Single precision only filters: a distance within
 * sg_kdtree_band() of the radius is decided again exactly, in double precision, from the original
 * rows (sg_kdtree_exact_dist2()). Results are therefore exact.
 *
 * The tree is read-only once built and safe to query from many threads at once. It keeps a
 * pointer to the data matrix, which must outlive it. The structure is public inside src/core so
 * that algorithms (DBSCAN) can write their own traversals; the helpers below cover common ones.
 */
#pragma once

#include <glib.h>

#include "sg-lanes.h"
#include "sg-matrix.h"

G_BEGIN_DECLS

/* Leaves never hold more than this + 1 points. */
#define SG_KDTREE_MAX_LEAF_SIZE 1023
/* Scratch a traversal needs for one leaf's distances (floats, 64-byte aligned). */
#define SG_KDTREE_LEAF_BUFFER   (SG_KDTREE_MAX_LEAF_SIZE + 17)

typedef struct {
  const SgMatrix *x;     /* the data (not owned) */
  gsize    n_points;
  guint    n_dims;
  guint    box_dims;     /* dimensions of the box space */
  guint    n_padded;     /* box_dims rounded up to a multiple of 16: the stride of lo and hi */
  guint    n_levels;     /* leaves are the nodes of the last level */
  gsize    n_nodes;      /* 2^n_levels - 1 */
  gsize    first_leaf;   /* 2^(n_levels-1) - 1 */
  gsize   *node_begin;   /* node i covers tree positions [begin, end) */
  gsize   *node_end;
  double  *lo, *hi;      /* n_nodes × n_padded tight boxes in the box space, zero-padded */
  float   *blocks;       /* leaf blocks (box space), in tree order */
  gsize   *leaf_offset;  /* by leaf (node - first_leaf): start of its block in @blocks */
  guint32 *index;        /* tree position → row of the data */
  guint32 *position;     /* row → tree position */
  double  *centre;       /* box_dims: subtracted from the split space to make the box space */
  double  *rotation;     /* box_dims × n_dims (row = axis), or NULL: the box space of any point */
  double   max_abs;      /* largest |coordinate| in the box space, for the rounding band */
} SgKdTree;

/* Builds the tree over the rows of @x (at most G_MAXUINT32 rows, 1 column or more); leaves hold
 * at most @leaf_size points (0: a default). @rotate: split along the principal axes (recommended
 * beyond 3 dimensions). Deterministic. */
SgKdTree *sg_kdtree_new       (const SgMatrix *x,
                               gboolean        rotate,
                               guint           leaf_size,
                               guint           n_threads);
void      sg_kdtree_free      (SgKdTree       *tree);

static inline gboolean
sg_kdtree_is_leaf (const SgKdTree *tree,
                   gsize           node)
{
  return node >= tree->first_leaf;
}

/* A query point in both spaces: @q in the data's space (n_dims values) and its image in the box
 * space, in double (@box) and single (@boxf) precision. */
typedef struct {
  const double *q;
  double       *box;    /* n_padded, 64-byte aligned */
  float        *boxf;   /* n_padded, 64-byte aligned */
} SgKdQuery;

/* Scratch for queries: allocate once per thread. */
SgKdQuery *sg_kdtree_query_new  (const SgKdTree *tree);
void       sg_kdtree_query_free (SgKdQuery      *query);
/* Sets @query to row @row of the data. */
void       sg_kdtree_query_row  (const SgKdTree *tree,
                                 SgKdQuery      *query,
                                 gsize           row);
/* Sets @query to any point (@q: n_dims values, kept by pointer). */
void       sg_kdtree_query_point (const SgKdTree *tree,
                                  SgKdQuery      *query,
                                  const double   *q);

/* Squared distance from the query to the box of @node, at least (box space). Vectorised. */
static inline double
sg_kdtree_box_min2 (const SgKdTree  *tree,
                    gsize            node,
                    const SgKdQuery *query)
{
  const double *lo = tree->lo + node * tree->n_padded;
  const double *hi = tree->hi + node * tree->n_padded;
  SgVd mn = { 0 }, zero = { 0 };
  double sum;

  for (guint k = 0; k < tree->n_padded; k += SG_VD_LANES)
    {
      SgVd vq = SG_VD_LOAD (query->box + k);
      SgVd a = SG_VD_LOAD (lo + k) - vq;
      SgVd b = vq - SG_VD_LOAD (hi + k);
      SgVd ab = SG_VD_MAX (a, b);
      SgVd out = SG_VD_MAX (ab, zero);

      mn += out * out;
    }
  SG_VD_SUM (mn, sum);
  return sum;
}

/* Squared distance from the query to the box of @node, at most. */
double    sg_kdtree_box_max2   (const SgKdTree  *tree,
                                gsize            node,
                                const SgKdQuery *query);

/* Single-precision squared distances from the query to every point of leaf @node, into @d2
 * (SG_KDTREE_LEAF_BUFFER floats, 64-byte aligned; the padding gets huge values). */
void      sg_kdtree_leaf_dist2f (const SgKdTree  *tree,
                                 gsize            node,
                                 const SgKdQuery *query,
                                 float           *d2);

/* How far a single-precision squared distance may be from the exact one near squared radius
 * @r2: a distance within the band is decided again with sg_kdtree_exact_dist2(). */
double    sg_kdtree_band        (const SgKdTree *tree,
                                 double          r2);

/* The exact squared distance from the query to the point at tree position @pos (data space). */
static inline double
sg_kdtree_exact_dist2 (const SgKdTree  *tree,
                       gsize            pos,
                       const SgKdQuery *query)
{
  const double *row = sg_matrix_row (tree->x, tree->index[pos]);
  double d2 = 0;

  for (guint k = 0; k < tree->n_dims; k++)
    {
      double t = row[k] - query->q[k];

      d2 += t * t;
    }
  return d2;
}

/* Thresholds for single-precision distances: below @lo a point is inside the radius, above @hi
 * outside, in between (or NaN, from an overflow) it must be checked exactly. For data beyond
 * single precision's range or resolution they are -inf and +inf: every point is checked. */
typedef struct {
  double r2;
  float  lo;
  float  hi;
} SgKdRadius;

void      sg_kdtree_radius_init (const SgKdTree *tree,
                                 double          r2,
                                 SgKdRadius     *radius);

/* Slack on box tests, which run in the (rotated) box space: prune beyond r2 · SG_KDTREE_PRUNE. */
#define SG_KDTREE_PRUNE (1 + 1e-9)

/* Number of points within squared distance @r2 of the query (inclusive); stops at @cap. */
gsize     sg_kdtree_count_radius (const SgKdTree  *tree,
                                  const SgKdQuery *query,
                                  double           r2,
                                  gsize            cap);

/* Exact squared distances to the @k nearest points of the query (the query itself counts if it
 * is in the tree), ascending, into @d2 (k values; G_MAXDOUBLE where the tree has fewer). */
void      sg_kdtree_knn       (const SgKdTree  *tree,
                               const SgKdQuery *query,
                               guint            k,
                               double          *d2);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SgKdTree, sg_kdtree_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SgKdQuery, sg_kdtree_query_free)

G_END_DECLS
