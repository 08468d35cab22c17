/* sg-dbscan.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Three passes over a k-d tree (sg-kdtree.h: principal-axes boxes, single-precision leaf scans
 * with exact double-precision decisions at the boundary), each parallel over tree positions
 * (nearby points together):
 *  1. core test: count neighbours within eps, stopping at min_samples. Within a memory budget
 *     the first min_samples neighbours found are noted: O(n · min_samples), never whole
 *     neighbourhoods (scikit-learn keeps every neighbourhood, O(n²) in dense data);
 *  2. join core points closer than eps with a lock-free union-find: first along the noted
 *     neighbours, then by searching from every core point for core points in other components.
 *     Subtrees whose core points all lie in the query's component are skipped ("node
 *     representatives", refreshed between batches; once all core points of a node share a
 *     component they always will). The result, a partition, does not depend on the order of the
 *     unions, hence not on the thread count;
 *  3. labels: clusters numbered by their first core row; each border point takes the lowest
 *     cluster number among its core neighbours. scikit-learn expands clusters one at a time in
 *     that order and never relabels a border point, which gives the same: labels agree exactly
 *     (up to distances that round differently at exactly eps).
 */
#include "config.h"

#include <inttypes.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "sg-dbscan.h"
#include "sg-error.h"
#include "sg-kdtree.h"
#include "sg-lanes.h"
#include "sg-parallel.h"
#include "sg-random.h"

#define CHUNK       512
#define BATCH       (32 * CHUNK)   /* union queries between refreshes of the node representatives */

/* Up to this many noted neighbours (4 bytes each), pass 1 notes the first min_samples neighbours
 * of every point: core points are then mostly joined without a second search, and points that
 * are not core (whose whole neighbourhood that is) need no search to find their cluster. */
static gsize list_budget = (gsize) 64 << 20;

#define REP_NO_CORE (-2)
#define REP_MIXED   (-1)

void
sg_dbscan_options_init (SgDbscanOptions *options)
{
  g_return_if_fail (options != NULL);
  options->eps = 0.5;
  options->min_samples = 5;
  options->n_threads = 0;
}

gsize
sg_dbscan_set_list_budget (gsize entries)
{
  return __atomic_exchange_n (&list_budget, entries, __ATOMIC_SEQ_CST);
}

void
sg_dbscan_result_free (SgDbscanResult *result)
{
  if (result == NULL)
    return;
  g_free (result->labels);
  g_free (result->is_core);
  g_free (result->sizes);
  g_free (result);
}

void
sg_k_distance_free (SgKDistance *curve)
{
  if (curve == NULL)
    return;
  g_free (curve->distances);
  g_free (curve);
}

static gboolean
check_matrix (const SgMatrix *x,
              GError        **error)
{
  gsize n = x->n_rows * x->n_cols;

  if (x->n_rows == 0 || x->n_cols == 0)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_DEGENERATE, _("There are no rows to cluster"));
      return FALSE;
    }
  if (x->n_rows > G_MAXINT32)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT,
                   _("DBSCAN handles at most %d rows"), G_MAXINT32);
      return FALSE;
    }
  for (gsize i = 0; i < n; i++)
    if (!isfinite (x->data[i]))
      {
        g_set_error (error, SG_ERROR, SG_ERROR_DEGENERATE,
                     _("Row %zu, column %zu: the value is missing or not finite"),
                     i / x->n_cols + 1, i % x->n_cols + 1);
        return FALSE;
      }
  return TRUE;
}

/* ---- lock-free union-find over tree positions: roots are the smallest position of a set ---- */

static inline gint32
uf_find (gint32 *parent,
         gint32  i)
{
  for (;;)
    {
      gint32 p = __atomic_load_n (&parent[i], __ATOMIC_RELAXED);
      gint32 gp;

      if (p == i)
        return i;
      gp = __atomic_load_n (&parent[p], __ATOMIC_RELAXED);
      if (gp == p)
        return p;
      /* path halving; losing the race is harmless */
      __atomic_compare_exchange_n (&parent[i], &p, gp, FALSE, __ATOMIC_RELAXED, __ATOMIC_RELAXED);
      i = gp;
    }
}

static inline void
uf_union (gint32 *parent,
          gint32  a,
          gint32  b)
{
  for (;;)
    {
      a = uf_find (parent, a);
      b = uf_find (parent, b);
      if (a == b)
        return;
      if (a < b)
        {
          gint32 t = a;

          a = b;
          b = t;
        }
      /* link the larger root under the smaller one */
      {
        gint32 expected = a;

        if (__atomic_compare_exchange_n (&parent[a], &expected, b, FALSE, __ATOMIC_ACQ_REL, __ATOMIC_RELAXED))
          return;
      }
    }
}

typedef struct {
  const SgKdTree  *tree;
  SgKdRadius       radius;
  double           r2_prune;    /* box tests, with slack for the rotated box space */
  guint            min_samples;
  guint8          *core;        /* by tree position */
  guint8          *no_search;   /* by tree position: core points that need not search (pass 2) */
  gint32          *parent;      /* union-find, by tree position */
  gint32          *rep;         /* by node: REP_NO_CORE, REP_MIXED or a core position */
  gint32          *cluster;     /* by union-find root: cluster number */
  gint32          *labels;      /* by tree position */
  guint32         *lists;       /* optional: n × min_samples neighbour positions, by position */
  guint32         *n_listed;    /* optional: neighbours noted per position */
  gsize            batch_begin;
  const SgProgress *progress;
} Dbscan;

/* Whether any of the 16 single-precision distances at @d2 may be within the radius. */
static inline gboolean
any_near (const float *d2, float hi)
{
  /* not "> hi" rather than "<= hi": NaN (an overflow) must count as near */
  SgVfMask m = ~(SG_VF_LOAD (d2) > hi);
  gboolean any;

  for (guint v = 1; v < 16 / SG_VF_LANES; v++)
    m |= ~(SG_VF_LOAD (d2 + v * SG_VF_LANES) > hi);
  SG_VF_ANY (m, any);
  return any;
}

/* Whether the point at tree position @pos, whose single-precision distance is @d2f, is within
 * the radius of the query: exact in doubtful cases. */
static inline gboolean
within (const Dbscan *db, gsize pos, float d2f, const SgKdQuery *query)
{
  return !(d2f > db->radius.hi) &&
         (d2f < db->radius.lo || sg_kdtree_exact_dist2 (db->tree, pos, query) <= db->radius.r2);
}

typedef struct {
  SgKdQuery *query;
  float     *buffer;
} Scratch;

static void
scratch_init (Scratch *scratch, const Dbscan *db)
{
  scratch->query = sg_kdtree_query_new (db->tree);
  scratch->buffer = aligned_alloc (64, SG_KDTREE_LEAF_BUFFER * sizeof (float));
}

static void
scratch_clear (Scratch *scratch)
{
  sg_kdtree_query_free (scratch->query);
  free (scratch->buffer);
}

/* ---- pass 1: core test ---- */

/* Counts neighbours from @found on; stops looking once it reaches min_samples. With @list, the
 * first min_samples neighbours found are noted (all of them for a point that is not core). */
static gsize
count_node (const Dbscan *db,
            gsize         node,
            Scratch      *scratch,
            gsize         found,
            guint32      *list)
{
  const SgKdTree *tree = db->tree;
  gsize cap = db->min_samples;

  if (sg_kdtree_is_leaf (tree, node))
    {
      gsize begin = tree->node_begin[node], m = tree->node_end[node] - begin;
      const float *d2 = scratch->buffer;

      sg_kdtree_leaf_dist2f (tree, node, scratch->query, scratch->buffer);
      for (gsize g = 0; g < m; g += 16)
        {
          if (!any_near (d2 + g, db->radius.hi))
            continue;
          for (gsize p = g; p < MIN (g + 16, m); p++)
            if (within (db, begin + p, d2[p], scratch->query))
              {
                if (list != NULL && found < cap)
                  list[found] = (guint32) (begin + p);
                found++;
              }
        }
      return found;
    }
  else
    {
      gsize child[2] = { 2 * node + 1, 2 * node + 2 };
      double mn[2];

      mn[0] = sg_kdtree_box_min2 (tree, child[0], scratch->query);
      mn[1] = sg_kdtree_box_min2 (tree, child[1], scratch->query);
      if (mn[1] < mn[0])
        {
          gsize t = child[0];
          double tn = mn[0];

          child[0] = child[1], mn[0] = mn[1];
          child[1] = t, mn[1] = tn;
        }
      for (guint c = 0; c < 2 && found < cap; c++)
        {
          if (mn[c] > db->r2_prune)
            break;   /* the second child is no nearer */
          found = count_node (db, child[c], scratch, found, list);
        }
      return found;
    }
}

static void
core_chunk (gsize chunk, gsize begin, gsize end, gpointer user_data)
{
  Dbscan *db = user_data;
  Scratch scratch;

  if (sg_progress_is_cancelled (db->progress))
    return;
  scratch_init (&scratch, db);
  for (gsize pos = begin; pos < end; pos++)
    {
      guint32 *list = db->lists ? db->lists + pos * db->min_samples : NULL;
      gsize found;

      sg_kdtree_query_row (db->tree, scratch.query, db->tree->index[pos]);
      found = count_node (db, 0, &scratch, 0, list);
      db->core[pos] = found >= db->min_samples;
      if (db->n_listed != NULL)
        db->n_listed[pos] = (guint32) MIN (found, db->min_samples);
    }
  scratch_clear (&scratch);
}

/* ---- pass 2: join core points ---- */

static void
refresh_reps (Dbscan *db)
{
  const SgKdTree *tree = db->tree;

  for (gsize node = tree->n_nodes; node-- > 0;)
    {
      gint32 rep = REP_NO_CORE;

      if (db->rep[node] != REP_MIXED)
        continue;   /* single-component stays so; core flags do not change */
      if (sg_kdtree_is_leaf (tree, node))
        {
          gint32 root = -1;

          for (gsize p = tree->node_begin[node]; p < tree->node_end[node]; p++)
            if (db->core[p])
              {
                gint32 r = uf_find (db->parent, (gint32) p);

                if (root < 0)
                  root = r, rep = (gint32) p;
                else if (r != root)
                  {
                    rep = REP_MIXED;
                    break;
                  }
              }
        }
      else
        {
          gint32 a = db->rep[2 * node + 1], b = db->rep[2 * node + 2];

          if (a == REP_NO_CORE)
            rep = b;
          else if (b == REP_NO_CORE)
            rep = a;
          else if (a == REP_MIXED || b == REP_MIXED)
            rep = REP_MIXED;
          else
            rep = uf_find (db->parent, a) == uf_find (db->parent, b) ? a : REP_MIXED;
        }
      db->rep[node] = rep;
    }
}

static void
join_node (const Dbscan *db,
           gsize         node,
           gint32        self,
           Scratch      *scratch)
{
  const SgKdTree *tree = db->tree;
  gint32 rep = db->rep[node];

  if (rep == REP_NO_CORE)
    return;
  if (rep >= 0 && uf_find (db->parent, rep) == uf_find (db->parent, self))
    return;   /* every core point below is already in our cluster */
  if (sg_kdtree_is_leaf (tree, node))
    {
      gsize begin = tree->node_begin[node], m = tree->node_end[node] - begin;
      const float *d2 = scratch->buffer;

      sg_kdtree_leaf_dist2f (tree, node, scratch->query, scratch->buffer);
      for (gsize g = 0; g < m; g += 16)
        {
          if (!any_near (d2 + g, db->radius.hi))
            continue;
          for (gsize p = g; p < MIN (g + 16, m); p++)
            if (db->core[begin + p] && within (db, begin + p, d2[p], scratch->query))
              uf_union (db->parent, self, (gint32) (begin + p));
        }
    }
  else
    for (guint c = 1; c <= 2; c++)
      if (sg_kdtree_box_min2 (tree, 2 * node + c, scratch->query) <= db->r2_prune)
        join_node (db, 2 * node + c, self, scratch);
}

static void
join_chunk (gsize chunk, gsize begin, gsize end, gpointer user_data)
{
  Dbscan *db = user_data;
  Scratch scratch;

  if (sg_progress_is_cancelled (db->progress))
    return;
  scratch_init (&scratch, db);
  for (gsize pos = db->batch_begin + begin; pos < db->batch_begin + end; pos++)
    if (db->core[pos] && !db->no_search[pos])
      {
        sg_kdtree_query_row (db->tree, scratch.query, db->tree->index[pos]);
        join_node (db, 0, (gint32) pos, &scratch);
      }
  scratch_clear (&scratch);
}

/* Without noted neighbours: joins core points within one leaf, so that most leaves start with
 * one component. */
static void
join_leaves_chunk (gsize chunk, gsize begin, gsize end, gpointer user_data)
{
  Dbscan *db = user_data;
  const SgKdTree *tree = db->tree;
  Scratch scratch;

  scratch_init (&scratch, db);
  for (gsize leaf = tree->first_leaf + begin; leaf < tree->first_leaf + end; leaf++)
    {
      gsize b = tree->node_begin[leaf], e = tree->node_end[leaf];

      for (gsize pos = b; pos < e; pos++)
        {
          if (!db->core[pos])
            continue;
          sg_kdtree_query_row (tree, scratch.query, tree->index[pos]);
          sg_kdtree_leaf_dist2f (tree, leaf, scratch.query, scratch.buffer);
          for (gsize p = pos + 1; p < e; p++)
            if (db->core[p] && within (db, p, scratch.buffer[p - b], scratch.query))
              uf_union (db->parent, (gint32) pos, (gint32) p);
        }
    }
  scratch_clear (&scratch);
}

/* Joins each core point with the core neighbours noted in pass 1. */
static void
join_lists_chunk (gsize chunk, gsize begin, gsize end, gpointer user_data)
{
  Dbscan *db = user_data;

  for (gsize pos = begin; pos < end; pos++)
    {
      const guint32 *list = db->lists + pos * db->min_samples;

      if (!db->core[pos])
        continue;
      for (guint32 i = 0; i < db->n_listed[pos]; i++)
        if (db->core[list[i]])
          uf_union (db->parent, (gint32) pos, (gint32) list[i]);
    }
}

/* ---- pass 3: border points ---- */

static void
border_node (const Dbscan *db,
             gsize         node,
             Scratch      *scratch,
             gint32       *best)
{
  const SgKdTree *tree = db->tree;
  gint32 rep = db->rep[node];

  if (rep == REP_NO_CORE)
    return;
  if (rep >= 0 && db->cluster[uf_find (db->parent, rep)] >= *best)
    return;   /* nothing below can lower the label */
  if (sg_kdtree_is_leaf (tree, node))
    {
      gsize begin = tree->node_begin[node], m = tree->node_end[node] - begin;
      const float *d2 = scratch->buffer;

      sg_kdtree_leaf_dist2f (tree, node, scratch->query, scratch->buffer);
      for (gsize p = 0; p < m; p++)
        if (db->core[begin + p] && within (db, begin + p, d2[p], scratch->query))
          *best = MIN (*best, db->cluster[uf_find (db->parent, (gint32) (begin + p))]);
    }
  else
    for (guint c = 1; c <= 2 && *best > 0; c++)
      if (sg_kdtree_box_min2 (tree, 2 * node + c, scratch->query) <= db->r2_prune)
        border_node (db, 2 * node + c, scratch, best);
}

static void
border_chunk (gsize chunk, gsize begin, gsize end, gpointer user_data)
{
  Dbscan *db = user_data;
  Scratch scratch;

  if (sg_progress_is_cancelled (db->progress))
    return;
  scratch_init (&scratch, db);
  for (gsize pos = begin; pos < end; pos++)
    {
      gint32 best = G_MAXINT32;

      if (db->core[pos])
        {
          db->labels[pos] = db->cluster[uf_find (db->parent, (gint32) pos)];
          continue;
        }
      if (db->lists != NULL)
        {
          /* a point that is not core had its whole neighbourhood noted */
          const guint32 *list = db->lists + pos * db->min_samples;

          for (guint32 i = 0; i < db->n_listed[pos]; i++)
            if (db->core[list[i]])
              best = MIN (best, db->cluster[uf_find (db->parent, (gint32) list[i])]);
        }
      else
        {
          sg_kdtree_query_row (db->tree, scratch.query, db->tree->index[pos]);
          if (sg_kdtree_box_min2 (db->tree, 0, scratch.query) <= db->r2_prune)
            border_node (db, 0, &scratch, &best);
        }
      db->labels[pos] = best == G_MAXINT32 ? -1 : best;
    }
  scratch_clear (&scratch);
}

SgDbscanResult *
sg_dbscan_fit (const SgMatrix        *x,
               const SgDbscanOptions *options,
               SgProgress            *progress,
               GError               **error)
{
  g_autoptr(SgKdTree) tree = NULL;
  g_autofree guint8 *core = NULL;
  g_autofree gint32 *parent = NULL;
  g_autofree gint32 *rep = NULL;
  g_autofree gint32 *cluster = NULL;
  g_autofree gint32 *labels = NULL;
  g_autofree guint32 *lists = NULL;
  g_autofree guint32 *n_listed = NULL;
  g_autofree guint8 *no_search = NULL;
  SgDbscanResult *result;
  SgProgress stage;
  Dbscan db = { 0 };
  gsize n;
  guint threads;
  gint32 n_clusters = 0;

  g_return_val_if_fail (x != NULL, NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(options->eps > 0) || !isfinite (options->eps))
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT,
                   _("DBSCAN needs a neighbourhood radius (eps) greater than 0"));
      return NULL;
    }
  if (options->min_samples == 0)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT,
                   _("DBSCAN needs a minimum number of neighbours of at least 1"));
      return NULL;
    }
  if (!check_matrix (x, error))
    return NULL;

  n = x->n_rows;
  threads = options->n_threads ? options->n_threads : sg_parallel_get_threads ();
  sg_progress_report (progress, 0.0, _("Indexing rows"));
  tree = sg_kdtree_new (x, TRUE, 0, threads);
  core = g_new0 (guint8, n);
  parent = g_new (gint32, n);
  rep = g_new (gint32, tree->n_nodes);
  cluster = g_new (gint32, n);
  labels = g_new (gint32, n);

  db.tree = tree;
  sg_kdtree_radius_init (tree, options->eps * options->eps, &db.radius);
  db.r2_prune = db.radius.r2 * SG_KDTREE_PRUNE;
  db.min_samples = options->min_samples;
  db.core = core;
  db.parent = parent;
  db.rep = rep;
  db.cluster = cluster;
  db.labels = labels;
  db.progress = progress;
  if (n * options->min_samples <= __atomic_load_n (&list_budget, __ATOMIC_SEQ_CST))
    {
      db.lists = lists = g_new (guint32, n * options->min_samples);
      db.n_listed = n_listed = g_new (guint32, n);
    }

  /* 1. core points */
  sg_progress_report (progress, 0.05, _("Finding core points"));
  sg_parallel_for (n, CHUNK, threads, core_chunk, &db);
  if (!sg_progress_check (progress, error))
    return NULL;

  /* 2. components of core points */
  stage = sg_progress_sub (progress, 0.4, 0.85);
  sg_progress_report (&stage, 0.0, _("Joining core points"));
  for (gsize i = 0; i < n; i++)
    parent[i] = (gint32) i;
  for (gsize node = 0; node < tree->n_nodes; node++)
    rep[node] = REP_MIXED;
  if (db.lists != NULL)
    sg_parallel_for (n, CHUNK, threads, join_lists_chunk, &db);
  else
    sg_parallel_for (tree->n_nodes - tree->first_leaf, 16, threads, join_leaves_chunk, &db);
  {
    /* Every edge between two of the components found so far is seen from both ends, so the
     * points of one component need not search: spare the largest. */
    gint32 largest = -1;

    no_search = g_new0 (guint8, n);
    db.no_search = no_search;
    memset (cluster, 0, n * sizeof (gint32));   /* sizes by root, for now */
    for (gsize i = 0; i < n; i++)
      if (core[i])
        {
          gint32 root = uf_find (parent, (gint32) i);

          cluster[root]++;
          if (largest < 0 || cluster[root] > cluster[largest] || (cluster[root] == cluster[largest] && root < largest))
            largest = root;
        }
    for (gsize i = 0; i < n; i++)
      no_search[i] = core[i] && uf_find (parent, (gint32) i) == largest;
  }
  for (gsize batch = 0; batch < n; batch += BATCH)
    {
      refresh_reps (&db);
      db.batch_begin = batch;
      sg_parallel_for (MIN (BATCH, n - batch), CHUNK, threads, join_chunk, &db);
      if (!sg_progress_check (progress, error))
        return NULL;
      sg_progress_report (&stage, (double) MIN (batch + BATCH, n) / n, NULL);
    }
  refresh_reps (&db);

  /* 3. number clusters by their first core row, then label every row */
  sg_progress_report (progress, 0.85, _("Labelling rows"));
  for (gsize i = 0; i < n; i++)
    cluster[i] = -1;
  for (gsize row = 0; row < n; row++)
    {
      gsize pos = tree->position[row];

      if (core[pos])
        {
          gint32 root = uf_find (parent, (gint32) pos);

          if (cluster[root] < 0)
            cluster[root] = n_clusters++;
        }
    }
  sg_parallel_for (n, CHUNK, threads, border_chunk, &db);
  if (!sg_progress_check (progress, error))
    return NULL;

  result = g_new0 (SgDbscanResult, 1);
  result->n_rows = n;
  result->n_clusters = (guint) n_clusters;
  result->labels = g_new (gint32, n);
  result->is_core = g_new (guint8, n);
  result->sizes = g_new0 (guint64, MAX (n_clusters, 1));
  for (gsize row = 0; row < n; row++)
    {
      gsize pos = tree->position[row];
      gint32 label = labels[pos];

      result->labels[row] = label;
      result->is_core[row] = core[pos];
      result->n_core += core[pos];
      if (label < 0)
        result->n_noise++;
      else
        result->sizes[label]++;
    }
  sg_progress_report (progress, 1.0, NULL);
  return result;
}

/* ---- k-distance curve ---- */

typedef struct {
  const SgMatrix *x;
  const SgKdTree *tree;
  const guint32  *sample;
  guint           k;
  double         *out;
  const SgProgress *progress;
} KDist;

static void
kdist_chunk (gsize chunk, gsize begin, gsize end, gpointer user_data)
{
  KDist *kd = user_data;
  g_autofree double *d2 = g_new (double, kd->k);
  g_autoptr(SgKdQuery) query = NULL;

  if (sg_progress_is_cancelled (kd->progress))
    return;
  query = sg_kdtree_query_new (kd->tree);
  for (gsize i = begin; i < end; i++)
    {
      sg_kdtree_query_row (kd->tree, query, kd->sample[i]);
      sg_kdtree_knn (kd->tree, query, kd->k, d2);
      kd->out[i] = sqrt (d2[kd->k - 1]);
    }
}

static int
cmp_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

SgKDistance *
sg_dbscan_k_distance (const SgMatrix *x,
                      guint           k,
                      gsize           max_sample,
                      guint64         seed,
                      guint           n_threads,
                      SgProgress     *progress,
                      GError        **error)
{
  g_autoptr(SgKdTree) tree = NULL;
  g_autofree guint32 *sample = NULL;
  SgKDistance *curve;
  KDist kd = { 0 };
  gsize n, m;

  g_return_val_if_fail (x != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_matrix (x, error))
    return NULL;
  n = x->n_rows;
  if (k == 0 || k > n)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT,
                   _("The k-distance needs k between 1 and the number of rows (%zu)"), n);
      return NULL;
    }
  m = max_sample == 0 ? n : MIN (max_sample, n);

  /* A seeded sample without replacement (partial Fisher–Yates), in row order. */
  sample = g_new (guint32, n);
  for (gsize i = 0; i < n; i++)
    sample[i] = (guint32) i;
  if (m < n)
    {
      SgRandom rng;

      sg_random_init_stream (&rng, seed, "dbscan-k-distance", 0);
      for (gsize i = 0; i < m; i++)
        {
          gsize j = i + (gsize) sg_random_below (&rng, n - i);
          guint32 t = sample[i];

          sample[i] = sample[j];
          sample[j] = t;
        }
    }

  sg_progress_report (progress, 0.0, _("Indexing rows"));
  tree = sg_kdtree_new (x, TRUE, 0, n_threads);
  curve = g_new0 (SgKDistance, 1);
  curve->n = m;
  curve->distances = g_new (double, m);
  kd.x = x;
  kd.tree = tree;
  kd.sample = sample;
  kd.k = k;
  kd.out = curve->distances;
  kd.progress = progress;
  sg_progress_report (progress, 0.1, _("Measuring neighbour distances"));
  sg_parallel_for (m, CHUNK, n_threads, kdist_chunk, &kd);
  if (!sg_progress_check (progress, error))
    {
      sg_k_distance_free (curve);
      return NULL;
    }
  qsort (curve->distances, m, sizeof (double), cmp_double);

  /* Knee: the point farthest below the chord, on axes scaled to [0, 1]. */
  curve->knee_index = m - 1;
  if (m > 2 && curve->distances[m - 1] > curve->distances[0])
    {
      double lo = curve->distances[0], span = curve->distances[m - 1] - lo;
      double best = -1;

      for (gsize i = 0; i < m; i++)
        {
          double gap = (double) i / (double) (m - 1) - (curve->distances[i] - lo) / span;

          if (gap > best)
            best = gap, curve->knee_index = i;
        }
    }
  curve->suggested_eps = curve->distances[curve->knee_index];
  if (!(curve->distances[m - 1] > 0))
    {
      g_set_error (error, SG_ERROR, SG_ERROR_DEGENERATE,
                   _("Every sampled row has %u identical rows around it: there is no radius to suggest"), k);
      sg_k_distance_free (curve);
      return NULL;
    }
  if (!(curve->suggested_eps > 0))
    {
      /* a knee among duplicates: take the first distance above 0 */
      while (curve->knee_index + 1 < m && !(curve->distances[curve->knee_index] > 0))
        curve->knee_index++;
      curve->suggested_eps = curve->distances[curve->knee_index];
    }
  sg_progress_report (progress, 1.0, NULL);
  return curve;
}
