/* sg-cart.c — a shallow decision tree that explains segment membership
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "sg-cart.h"
#include "sg-error.h"
#include "sg-json-private.h"
#include "sg-profile.h"
#include "sg-random.h"
#include "sg-sort.h"

#define MAX_DEPTH 3

void
sg_cart_options_init (SgCartOptions *options)
{
  memset (options, 0, sizeof *options);
  options->max_depth = MAX_DEPTH;
}

typedef struct {
  SgTable       *table;
  const gint32  *labels;
  guint          k;
  guint          n_rows;        /* table rows */
  guint          n_cols;
  SgColumn     **cols;
  gboolean      *is_string;
  guint        **codes;         /* string columns: level code per table row; G_MAXUINT = missing */
  guint         *n_candidates;  /* string columns: codes 0..n−1 may be split on */
  char        ***level_names;   /* string columns: names of the candidate codes */
  guint32       *train;         /* training rows (table indices), ascending */
  guint          n_train;
  gint          *node_of;       /* per table row: current node of a training row, else −1 */
  guint32      **order;         /* numeric columns: training rows with a value, by value */
  guint         *n_order;
  guint          min_leaf;
  guint          max_depth;
  GArray        *nodes;         /* SgCartNode */
} Fit;

/* The number a rule shows for a split between @below and @above (below < above): the roundest number in
 * (below, above], so "income ≥ 70" rather than "income > 69.5"; on the training rows "x < cut" holds
 * exactly where "x ≤ threshold" does. Dates show the first day on the right side. */
static double
shown_cut (double    below,
           double    above,
           SgColumn *column)
{
  static const double steps[] = { 1.0, 0.5, 0.2 };
  double magnitude = MAX (fabs (below), fabs (above));
  double slack = 1e-9 * magnitude;   /* k × step is not exact in binary: 25 × 0.02 > 0.5 */
  double power;

  if (column->type == SG_COLUMN_DATE || column->type == SG_COLUMN_DATETIME || !(above > below))
    return above;
  power = pow (10.0, ceil (log10 (magnitude > 0 ? magnitude : 1.0)) + 1.0);
  for (int i = 0; i < 60 && power > 0; i++, power /= 10.0)
    for (guint j = 0; j < G_N_ELEMENTS (steps); j++)
      {
        double step = power * steps[j];
        double cut = floor (above / step) * step;

        if (cut > below + slack && cut <= above)
          return cut;
      }
  return above;
}

typedef struct {
  gboolean        found;
  double          score;
  guint           feature;
  SgCartSplitKind kind;
  double          threshold;
  double          below, above;   /* the values either side of the threshold */
  guint           level_code;
  gboolean        missing_left;
} Split;

static void
fit_clear (Fit *fit)
{
  for (guint c = 0; c < fit->n_cols; c++)
    {
      g_free (fit->codes[c]);
      g_free (fit->order[c]);
      if (fit->level_names[c] != NULL)
        g_strfreev (fit->level_names[c]);
    }
  g_free (fit->codes);
  g_free (fit->order);
  g_free (fit->n_order);
  g_free (fit->level_names);
  g_free (fit->n_candidates);
  g_free (fit->is_string);
  g_free (fit->cols);
  g_free (fit->train);
  g_free (fit->node_of);
}

/* ---- string levels ---- */

typedef struct {
  const char *text;
  guint64     count;
  guint       code;
} LevelCount;

static int
compare_level_count (const void *a,
                     const void *b)
{
  const LevelCount *x = a, *y = b;

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return strcmp (x->text, y->text);
}

static void
encode_levels (Fit   *fit,
               guint  c,
               guint  max_levels)
{
  SgColumn *column = fit->cols[c];
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) counts = g_array_new (FALSE, TRUE, sizeof (LevelCount));
  g_autofree guint *remap = NULL;
  guint n_keep;

  fit->codes[c] = g_new (guint, MAX (fit->n_rows, 1));
  for (guint r = 0; r < fit->n_rows; r++)
    {
      const char *value = sg_column_get_string (column, r);
      gpointer code;

      fit->codes[c][r] = G_MAXUINT;
      if (value == NULL)
        continue;
      if (!g_hash_table_lookup_extended (seen, value, NULL, &code))
        {
          LevelCount lc = { value, 0, counts->len };

          code = GUINT_TO_POINTER (counts->len);
          g_hash_table_insert (seen, (gpointer) value, code);
          g_array_append_val (counts, lc);
        }
      fit->codes[c][r] = GPOINTER_TO_UINT (code);
      if (fit->labels[r] >= 0)
        g_array_index (counts, LevelCount, GPOINTER_TO_UINT (code)).count++;
    }
  g_array_sort (counts, compare_level_count);
  n_keep = MIN (counts->len, max_levels);
  remap = g_new (guint, MAX (counts->len, 1));
  fit->level_names[c] = g_new0 (char *, n_keep + 1);
  for (guint i = 0; i < counts->len; i++)
    {
      LevelCount *lc = &g_array_index (counts, LevelCount, i);

      /* rarer levels share one code that is never split on */
      remap[lc->code] = MIN (i, n_keep);
      if (i < n_keep)
        fit->level_names[c][i] = g_strdup (lc->text);
    }
  fit->n_candidates[c] = n_keep;
  for (guint r = 0; r < fit->n_rows; r++)
    if (fit->codes[c][r] != G_MAXUINT)
      fit->codes[c][r] = remap[fit->codes[c][r]];
}

/* ---- numeric orders ---- */

static void
sort_numeric (Fit   *fit,
              guint  c)
{
  const double *values = sg_column_get_numbers (fit->cols[c]);
  g_autofree double *keys = g_new (double, MAX (fit->n_train, 1));
  guint n = 0;

  fit->order[c] = g_new (guint32, MAX (fit->n_train, 1));
  for (guint i = 0; i < fit->n_train; i++)
    {
      guint32 row = fit->train[i];

      if (isnan (values[row]))
        continue;
      keys[n] = values[row];
      fit->order[c][n] = row;
      n++;
    }
  /* stable: equal values stay in row order */
  sg_sort_doubles (keys, fit->order[c], n);
  fit->n_order[c] = n;
}

/* ---- split search ---- */

static double
side_score (double sumsq,
            double n)
{
  return n > 0 ? sumsq / n : 0;
}

static gboolean
better (double score,
        double best)
{
  return score > best + 1e-12 * MAX (1.0, fabs (best));
}

/* Sample rows of @node: per-class counts, and per-class counts of rows missing column @c. */
static void
best_numeric_split (Fit          *fit,
                    gint          node,
                    guint         c,
                    const double *node_counts,
                    double        n_node,
                    Split        *best)
{
  const double *values = sg_column_get_numbers (fit->cols[c]);
  guint k = fit->k;
  g_autofree double *left = g_new0 (double, k);
  g_autofree double *right = g_new0 (double, k);
  g_autofree double *miss = g_new0 (double, k);
  double nm = 0, nl = 0, nr, sumsq_l = 0, sumsq_r = 0, cross_l = 0, cross_r = 0, msq = 0;
  guint32 prev_row = G_MAXUINT32;

  /* missing counts: node rows minus rows with a value */
  for (guint g = 0; g < k; g++)
    miss[g] = node_counts[g];
  for (guint i = 0; i < fit->n_order[c]; i++)
    {
      guint32 row = fit->order[c][i];

      if (fit->node_of[row] == node)
        miss[fit->labels[row]] -= 1;
    }
  for (guint g = 0; g < k; g++)
    {
      nm += miss[g];
      right[g] = node_counts[g] - miss[g];
      sumsq_r += right[g] * right[g];
      cross_r += right[g] * miss[g];
      msq += miss[g] * miss[g];
    }
  nr = n_node - nm;
  if (nr < 2)
    return;

  for (guint i = 0; i < fit->n_order[c]; i++)
    {
      guint32 row = fit->order[c][i];
      guint g;

      if (fit->node_of[row] != node)
        continue;
      /* a boundary between the previous value and this one */
      if (prev_row != G_MAXUINT32 && values[row] > values[prev_row])
        {
          gboolean missing_left = nl > nr;   /* missing rows follow the larger side */
          double sl = sumsq_l + (missing_left ? 2 * cross_l + msq : 0);
          double sr = sumsq_r + (missing_left ? 0 : 2 * cross_r + msq);
          double ln = nl + (missing_left ? nm : 0), rn = nr + (missing_left ? 0 : nm);

          if (ln >= fit->min_leaf && rn >= fit->min_leaf)
            {
              double score = side_score (sl, ln) + side_score (sr, rn);

              if (!best->found || better (score, best->score))
                {
                  best->found = TRUE;
                  best->score = score;
                  best->feature = c;
                  best->kind = SG_CART_SPLIT_NUMERIC;
                  best->threshold = values[prev_row] + (values[row] - values[prev_row]) / 2.0;
                  best->below = values[prev_row];
                  best->above = values[row];
                  best->missing_left = missing_left;
                }
            }
        }
      g = (guint) fit->labels[row];
      sumsq_l += 2 * left[g] + 1;
      cross_l += miss[g];
      left[g] += 1;
      sumsq_r -= 2 * right[g] - 1;
      cross_r -= miss[g];
      right[g] -= 1;
      nl += 1;
      nr -= 1;
      prev_row = row;
    }
}

static void
best_level_split (Fit          *fit,
                  gint          node,
                  guint         c,
                  const double *node_counts,
                  double        n_node,
                  Split        *best)
{
  guint k = fit->k, nl_codes = fit->n_candidates[c];
  g_autofree double *by_level = g_new0 (double, (gsize) MAX (nl_codes, 1) * k);
  g_autofree double *miss = g_new0 (double, k);
  double nm = 0;

  if (nl_codes == 0)
    return;
  for (guint i = 0; i < fit->n_train; i++)
    {
      guint32 row = fit->train[i];
      guint code;

      if (fit->node_of[row] != node)
        continue;
      code = fit->codes[c][row];
      if (code == G_MAXUINT)
        {
          miss[fit->labels[row]] += 1;
          nm += 1;
        }
      else if (code < nl_codes)
        by_level[(gsize) code * k + fit->labels[row]] += 1;
    }
  for (guint l = 0; l < nl_codes; l++)
    {
      double nl = 0, nr, sl = 0, sr = 0, ml = 0, mr = 0;
      gboolean missing_left;
      const double *lc = by_level + (gsize) l * k;

      for (guint g = 0; g < k; g++)
        nl += lc[g];
      nr = n_node - nm - nl;
      if (nl == 0 || nr <= 0)
        continue;
      missing_left = nl > nr;
      for (guint g = 0; g < k; g++)
        {
          double a = lc[g] + (missing_left ? miss[g] : 0);
          double b = node_counts[g] - lc[g] - (missing_left ? miss[g] : 0);

          sl += a * a;
          sr += b * b;
          ml += a;
          mr += b;
        }
      if (ml < fit->min_leaf || mr < fit->min_leaf)
        continue;
      {
        double score = side_score (sl, ml) + side_score (sr, mr);

        if (!best->found || better (score, best->score))
          {
            best->found = TRUE;
            best->score = score;
            best->feature = c;
            best->kind = SG_CART_SPLIT_LEVEL;
            best->level_code = l;
            best->missing_left = missing_left;
          }
      }
    }
}

static gboolean
row_goes_left (const SgCartNode *node,
               SgColumn         *column,
               guint             row)
{
  if (sg_column_is_missing (column, row))
    return node->missing_left;
  if (node->kind == SG_CART_SPLIT_NUMERIC)
    return sg_column_get_number (column, row) <= node->threshold;
  return strcmp (sg_column_get_string (column, row), node->level) == 0;
}

static gint
add_node (GArray *nodes,
          gint    parent,
          guint   depth,
          guint   k)
{
  SgCartNode node = { 0 };

  node.leaf = TRUE;
  node.parent = parent;
  node.depth = depth;
  node.left = node.right = -1;
  node.counts = g_new0 (guint64, k);
  g_array_append_val (nodes, node);
  return (gint) nodes->len - 1;
}

static void
grow (Fit *fit)
{
  guint k = fit->k;
  g_autofree double *counts = g_new (double, k);

  add_node (fit->nodes, -1, 0, k);
  for (guint i = 0; i < fit->n_train; i++)
    fit->node_of[fit->train[i]] = 0;

  for (guint index = 0; index < fit->nodes->len; index++)
    {
      SgCartNode *node = &g_array_index (fit->nodes, SgCartNode, index);
      double n = 0, parent_score = 0;
      guint classes = 0;
      Split best = { 0 };
      guint depth = node->depth;
      gint left, right;

      if (depth >= fit->max_depth)
        continue;
      memset (counts, 0, k * sizeof (double));
      for (guint i = 0; i < fit->n_train; i++)
        if (fit->node_of[fit->train[i]] == (gint) index)
          {
            counts[fit->labels[fit->train[i]]] += 1;
            n += 1;
          }
      for (guint g = 0; g < k; g++)
        {
          classes += counts[g] > 0;
          parent_score += counts[g] * counts[g];
        }
      if (classes < 2 || n < 2.0 * fit->min_leaf)
        continue;
      parent_score /= n;
      for (guint c = 0; c < fit->n_cols; c++)
        {
          if (fit->is_string[c])
            best_level_split (fit, (gint) index, c, counts, n, &best);
          else
            best_numeric_split (fit, (gint) index, c, counts, n, &best);
        }
      if (!best.found || !better (best.score, parent_score))
        continue;

      left = add_node (fit->nodes, (gint) index, depth + 1, k);
      right = add_node (fit->nodes, (gint) index, depth + 1, k);
      node = &g_array_index (fit->nodes, SgCartNode, index);   /* the array may have moved */
      node->leaf = FALSE;
      node->left = left;
      node->right = right;
      node->feature = best.feature;
      node->kind = best.kind;
      node->threshold = best.kind == SG_CART_SPLIT_NUMERIC ? best.threshold : NAN;
      node->cut = best.kind == SG_CART_SPLIT_NUMERIC
                  ? shown_cut (best.below, best.above, fit->cols[best.feature]) : NAN;
      node->level = best.kind == SG_CART_SPLIT_LEVEL
                    ? g_strdup (fit->level_names[best.feature][best.level_code]) : NULL;
      node->missing_left = best.missing_left;
      for (guint i = 0; i < fit->n_train; i++)
        {
          guint32 row = fit->train[i];

          if (fit->node_of[row] == (gint) index)
            fit->node_of[row] = row_goes_left (node, fit->cols[node->feature], row) ? left : right;
        }
    }
}

static guint
leaf_for_row (const SgCartNode *nodes,
              SgColumn *const  *cols,
              guint             row)
{
  guint index = 0;

  while (!nodes[index].leaf)
    index = (guint) (row_goes_left (&nodes[index], cols[nodes[index].feature], row)
                     ? nodes[index].left : nodes[index].right);
  return index;
}

static gint32
majority (const guint64 *counts,
          guint          k)
{
  gint32 best = 0;

  for (guint g = 1; g < k; g++)
    if (counts[g] > counts[best])
      best = (gint32) g;
  return best;
}

/* Counts every labelled row into every node on its path. */
static void
count_all (SgCart     *cart,
           SgColumn  **cols,
           SgTable    *table,
           const gint32 *labels)
{
  guint n_rows = sg_table_get_n_rows (table);

  for (guint i = 0; i < cart->n_nodes; i++)
    {
      memset (cart->nodes[i].counts, 0, cart->k * sizeof (guint64));
      cart->nodes[i].n = 0;
      cart->nodes[i].n_missing = 0;
    }
  for (guint r = 0; r < n_rows; r++)
    {
      guint index = 0;

      if (labels[r] < 0)
        continue;
      for (;;)
        {
          SgCartNode *node = &cart->nodes[index];

          node->n++;
          node->counts[labels[r]]++;
          if (node->leaf)
            break;
          if (sg_column_is_missing (cols[node->feature], r))
            node->n_missing++;
          index = (guint) (row_goes_left (node, cols[node->feature], r) ? node->left : node->right);
        }
    }
  for (guint i = 0; i < cart->n_nodes; i++)
    cart->nodes[i].prediction = majority (cart->nodes[i].counts, cart->k);
}

static void
free_node (SgCartNode *node)
{
  g_free (node->counts);
  g_free (node->level);
}

/* Merges sibling leaves that predict the same segment, then renumbers the reachable nodes
 * breadth-first. */
static void
prune (SgCart *cart)
{
  g_autofree gint *renum = NULL;
  g_autoptr(GArray) queue = NULL;
  SgCartNode *old = cart->nodes;
  guint n_old = cart->n_nodes;
  gboolean changed = TRUE;

  while (changed)
    {
      changed = FALSE;
      for (guint i = n_old; i-- > 0;)
        {
          SgCartNode *node = &old[i];

          if (node->leaf || node->left < 0)
            continue;
          if (old[node->left].leaf && old[node->right].leaf
              && old[node->left].prediction == old[node->right].prediction)
            {
              node->leaf = TRUE;
              old[node->left].parent = -2;    /* unreachable */
              old[node->right].parent = -2;
              node->left = node->right = -1;
              g_clear_pointer (&node->level, g_free);
              changed = TRUE;
            }
        }
    }

  renum = g_new (gint, n_old);
  for (guint i = 0; i < n_old; i++)
    renum[i] = -1;
  queue = g_array_new (FALSE, FALSE, sizeof (guint));
  {
    guint zero = 0;

    g_array_append_val (queue, zero);
  }
  for (guint q = 0; q < queue->len; q++)
    {
      guint i = g_array_index (queue, guint, q);

      renum[i] = (gint) q;
      if (!old[i].leaf)
        {
          guint l = (guint) old[i].left, r = (guint) old[i].right;

          g_array_append_val (queue, l);
          g_array_append_val (queue, r);
        }
    }
  cart->n_nodes = queue->len;
  cart->nodes = g_new0 (SgCartNode, cart->n_nodes);
  for (guint i = 0; i < n_old; i++)
    {
      if (renum[i] < 0)
        {
          free_node (&old[i]);
          continue;
        }
      cart->nodes[renum[i]] = old[i];
      if (old[i].parent >= 0)
        cart->nodes[renum[i]].parent = renum[old[i].parent];
      if (!old[i].leaf)
        {
          cart->nodes[renum[i]].left = renum[old[i].left];
          cart->nodes[renum[i]].right = renum[old[i].right];
        }
    }
  g_free (old);
}

static double
node_score (const SgCartNode *node,
            guint             k)
{
  double s = 0;

  if (node->n == 0)
    return 0;
  for (guint g = 0; g < k; g++)
    s += (double) node->counts[g] * (double) node->counts[g];
  return s / (double) node->n;
}

/* ---- rules ---- */

static char *
format_threshold (SgColumn *column,
                  double    value)
{
  char buffer[64];

  if (column->type == SG_COLUMN_DATE || column->type == SG_COLUMN_DATETIME)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc ((gint64) floor (value));

      if (dt != NULL)
        return g_date_time_format (dt, column->type == SG_COLUMN_DATE ? "%Y-%m-%d" : "%Y-%m-%d %H:%M");
    }
  /* the fewest digits that still give the cut (0.07 rather than 0.07000000000000001, 0.5000001 not 0.5) */
  for (int digits = 6; digits <= 17; digits++)
    {
      g_snprintf (buffer, sizeof buffer, "%.*g", digits, value);
      if (fabs (g_ascii_strtod (buffer, NULL) - value) <= 1e-12 * fabs (value))
        break;
    }
  return g_strdup (buffer);
}

/* A column as a rule names it: a column written as an identifier reads as words ("recency_days" →
 * "days since last purchase"), one a person named stays as it is, units and all ("Annual Income (k$)"). */
static char *
rule_name (const char *column)
{
  if (strchr (column, ' ') != NULL)
    return g_strdup (column);
  return sg_column_display_phrase (column);
}

typedef struct {
  guint      feature;
  gboolean   has_lower, has_upper;
  double     lower, upper;        /* lower ≤ x < upper, in shown cuts */
  char      *equal;               /* x = level */
  GPtrArray *not_equal;           /* x ≠ level… */
  gboolean   or_missing;          /* rows without a value follow this path too */
} Condition;

static char *
path_condition (const SgCart *cart,
                SgColumn    **cols,
                guint         leaf)
{
  g_autoptr(GArray) path = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) conds = g_array_new (FALSE, TRUE, sizeof (Condition));
  g_autoptr(GString) text = g_string_new (NULL);

  for (gint i = (gint) leaf; cart->nodes[i].parent >= 0; i = cart->nodes[i].parent)
    {
      guint index = (guint) i;

      g_array_prepend_val (path, index);
    }
  for (guint p = 0; p < path->len; p++)
    {
      guint child = g_array_index (path, guint, p);
      const SgCartNode *split = &cart->nodes[cart->nodes[child].parent];
      gboolean went_left = split->left == (gint) child;
      gboolean missing_here = split->missing_left == went_left;
      Condition *cond = NULL;

      for (guint j = 0; j < conds->len; j++)
        if (g_array_index (conds, Condition, j).feature == split->feature)
          cond = &g_array_index (conds, Condition, j);
      if (cond == NULL)
        {
          Condition fresh = { 0 };

          fresh.feature = split->feature;
          fresh.or_missing = TRUE;
          fresh.not_equal = g_ptr_array_new ();
          g_array_append_val (conds, fresh);
          cond = &g_array_index (conds, Condition, conds->len - 1);
        }
      cond->or_missing = cond->or_missing && missing_here && split->n_missing > 0;
      if (split->kind == SG_CART_SPLIT_NUMERIC)
        {
          if (went_left && (!cond->has_upper || split->cut < cond->upper))
            {
              cond->has_upper = TRUE;
              cond->upper = split->cut;
            }
          else if (!went_left && (!cond->has_lower || split->cut > cond->lower))
            {
              cond->has_lower = TRUE;
              cond->lower = split->cut;
            }
        }
      else if (went_left)
        cond->equal = split->level;
      else
        g_ptr_array_add (cond->not_equal, split->level);
    }

  for (guint j = 0; j < conds->len; j++)
    {
      Condition *cond = &g_array_index (conds, Condition, j);
      SgColumn *column = cols[cond->feature];
      g_autofree char *name = rule_name (cart->names[cond->feature]);

      if (text->len > 0)
        g_string_append (text, _(" and "));
      if (column->type == SG_COLUMN_BOOLEAN && (cond->has_lower || cond->has_upper)
          && !(cond->has_lower && cond->has_upper))
        g_string_append_printf (text, "%s = %s", name, cond->has_lower ? _("yes") : _("no"));
      else if (cond->has_lower && cond->has_upper)
        {
          g_autofree char *lo = format_threshold (column, cond->lower);
          g_autofree char *hi = format_threshold (column, cond->upper);

          g_string_append_printf (text, "%s ≤ %s < %s", lo, name, hi);
        }
      else if (cond->has_lower)
        {
          g_autofree char *lo = format_threshold (column, cond->lower);

          g_string_append_printf (text, "%s ≥ %s", name, lo);
        }
      else if (cond->has_upper)
        {
          g_autofree char *hi = format_threshold (column, cond->upper);

          g_string_append_printf (text, "%s < %s", name, hi);
        }
      else if (cond->equal != NULL)
        g_string_append_printf (text, "%s = %s", name, cond->equal);
      else if (cond->not_equal->len == 1)
        g_string_append_printf (text, "%s ≠ %s", name, (const char *) g_ptr_array_index (cond->not_equal, 0));
      else
        {
          g_string_append_printf (text, _("%s is not "), name);
          for (guint i = 0; i < cond->not_equal->len; i++)
            g_string_append_printf (text, "%s%s", i > 0 ? ", " : "",
                                    (const char *) g_ptr_array_index (cond->not_equal, i));
        }
      if (cond->or_missing)
        g_string_append (text, _(" (or unknown)"));
      g_ptr_array_unref (cond->not_equal);
    }
  if (text->len == 0)
    g_string_assign (text, _("every customer"));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static int
compare_rules (const void *a,
               const void *b)
{
  const SgCartRule *x = a, *y = b;

  if (x->n_segment != y->n_segment)
    return x->n_segment > y->n_segment ? -1 : 1;
  return (x->leaf > y->leaf) - (x->leaf < y->leaf);
}

static void
build_rules (SgCart    *cart,
             SgColumn **cols)
{
  g_autofree guint64 *sizes = g_new0 (guint64, cart->k);

  for (guint g = 0; g < cart->k; g++)
    sizes[g] = cart->nodes[0].counts[g];
  cart->n_rules = g_new0 (guint, cart->k);
  cart->rules = g_new0 (SgCartRule *, cart->k);
  for (guint s = 0; s < cart->k; s++)
    {
      g_autoptr(GArray) list = g_array_new (FALSE, TRUE, sizeof (SgCartRule));

      for (guint i = 0; i < cart->n_nodes; i++)
        {
          const SgCartNode *node = &cart->nodes[i];
          SgCartRule rule = { 0 };

          if (!node->leaf || node->prediction != (gint32) s || node->counts[s] == 0)
            continue;
          rule.leaf = i;
          rule.condition = path_condition (cart, cols, i);
          rule.n_segment = node->counts[s];
          rule.n_leaf = node->n;
          rule.coverage = sizes[s] > 0 ? (double) node->counts[s] / (double) sizes[s] : 0;
          rule.precision = (double) node->counts[s] / (double) node->n;
          rule.sentence = g_strdup_printf (_("%s → %.0f%% of this segment, %.0f%% precise"),
                                           rule.condition, rule.coverage * 100.0, rule.precision * 100.0);
          g_array_append_val (list, rule);
        }
      g_array_sort (list, compare_rules);
      cart->n_rules[s] = list->len;
      cart->rules[s] = (SgCartRule *) (gpointer) g_array_free (g_steal_pointer (&list), FALSE);
    }
}

/* ---- the whole fit ---- */

static int
compare_u32 (const void *a,
             const void *b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  return (x > y) - (x < y);
}

SgCart *
sg_cart_fit (SgTable             *table,
             const gint32        *labels,
             guint                k,
             const guint         *columns,
             guint                n_columns,
             const SgCartOptions *options,
             GError             **error)
{
  SgCartOptions defaults;
  Fit fit = { 0 };
  SgCart *cart;
  g_autofree guint64 *sizes = NULL;
  guint n_segments = 0, max_rows, max_levels;
  guint64 n_labelled = 0, correct = 0;

  g_return_val_if_fail (table != NULL, NULL);
  if (options == NULL)
    {
      sg_cart_options_init (&defaults);
      options = &defaults;
    }
  if (!sg_table_check (table, error))
    return NULL;
  if (k == 0 || n_columns == 0)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT,
                   _("A decision tree needs segments and at least one column"));
      return NULL;
    }
  fit.n_rows = sg_table_get_n_rows (table);
  sizes = g_new0 (guint64, k);
  for (guint r = 0; r < fit.n_rows; r++)
    {
      if (labels[r] < -2 || (labels[r] >= 0 && (guint) labels[r] >= k))
        {
          g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT,
                       _("Row %u is in segment %d, but the run has segments 0 to %u"), r + 1, labels[r], k - 1);
          return NULL;
        }
      if (labels[r] >= 0)
        {
          sizes[labels[r]]++;
          n_labelled++;
        }
    }
  for (guint s = 0; s < k; s++)
    n_segments += sizes[s] > 0;
  if (n_segments < 2)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_DEGENERATE,
                   _("A decision tree needs customers in at least two segments, found %u"), n_segments);
      return NULL;
    }
  for (guint c = 0; c < n_columns; c++)
    if (columns[c] >= sg_table_get_n_columns (table))
      {
        g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT,
                     _("Column %u does not exist; the table has %u columns"),
                     columns[c], sg_table_get_n_columns (table));
        return NULL;
      }

  fit.table = table;
  fit.labels = labels;
  fit.k = k;
  fit.n_cols = n_columns;
  fit.max_depth = MIN (options->max_depth > 0 ? options->max_depth : MAX_DEPTH, MAX_DEPTH);
  max_rows = options->max_rows > 0 ? options->max_rows : 200000;
  max_levels = options->max_levels > 0 ? options->max_levels : 50;
  fit.cols = g_new (SgColumn *, n_columns);
  fit.is_string = g_new0 (gboolean, n_columns);
  fit.codes = g_new0 (guint *, n_columns);
  fit.n_candidates = g_new0 (guint, n_columns);
  fit.level_names = g_new0 (char **, n_columns);
  fit.order = g_new0 (guint32 *, n_columns);
  fit.n_order = g_new0 (guint, n_columns);
  fit.node_of = g_new (gint, MAX (fit.n_rows, 1));
  for (guint r = 0; r < fit.n_rows; r++)
    fit.node_of[r] = -1;

  /* training rows: all labelled rows, or a seeded sample of them */
  fit.train = g_new (guint32, MAX (n_labelled, 1));
  for (guint r = 0; r < fit.n_rows; r++)
    if (labels[r] >= 0)
      fit.train[fit.n_train++] = r;
  if (fit.n_train > max_rows)
    {
      SgRandom rng;

      sg_random_init_stream (&rng, options->seed, "cart-sample", 0);
      /* partial Fisher–Yates: the first max_rows entries become the sample */
      for (guint i = 0; i < max_rows; i++)
        {
          guint j = i + (guint) sg_random_below (&rng, fit.n_train - i);
          guint32 t = fit.train[i];

          fit.train[i] = fit.train[j];
          fit.train[j] = t;
        }
      fit.n_train = max_rows;
      qsort (fit.train, fit.n_train, sizeof (guint32), compare_u32);
    }
  fit.min_leaf = options->min_leaf > 0 ? options->min_leaf : MAX (5u, fit.n_train / 100);

  for (guint c = 0; c < n_columns; c++)
    {
      fit.cols[c] = sg_table_get_column (table, columns[c]);
      fit.is_string[c] = !sg_column_is_numeric (fit.cols[c]);
      if (fit.is_string[c])
        encode_levels (&fit, c, max_levels);
      else
        sort_numeric (&fit, c);
    }

  fit.nodes = g_array_new (FALSE, TRUE, sizeof (SgCartNode));
  grow (&fit);

  cart = g_new0 (SgCart, 1);
  cart->k = k;
  cart->n_columns = n_columns;
  cart->columns = g_memdup2 (columns, n_columns * sizeof (guint));
  cart->names = g_new0 (char *, n_columns + 1);
  for (guint c = 0; c < n_columns; c++)
    cart->names[c] = g_strdup (fit.cols[c]->name);
  cart->n_nodes = fit.nodes->len;
  cart->nodes = (SgCartNode *) (gpointer) g_array_free (fit.nodes, FALSE);
  cart->n_rows = n_labelled;
  cart->n_trained = fit.n_train;

  count_all (cart, fit.cols, table, labels);
  prune (cart);

  cart->importance = g_new0 (double, n_columns);
  {
    double total = 0;

    for (guint i = 0; i < cart->n_nodes; i++)
      {
        const SgCartNode *node = &cart->nodes[i];
        double gain;

        if (node->leaf)
          continue;
        gain = node_score (&cart->nodes[node->left], k) + node_score (&cart->nodes[node->right], k)
               - node_score (node, k);
        gain = MAX (gain, 0.0);
        cart->importance[node->feature] += gain;
        total += gain;
      }
    for (guint c = 0; c < n_columns && total > 0; c++)
      cart->importance[c] /= total;
  }
  for (guint i = 0; i < cart->n_nodes; i++)
    if (cart->nodes[i].leaf)
      correct += cart->nodes[i].counts[cart->nodes[i].prediction];
  cart->accuracy = (double) correct / (double) n_labelled;
  build_rules (cart, fit.cols);
  fit_clear (&fit);
  return cart;
}

void
sg_cart_free (SgCart *cart)
{
  if (cart == NULL)
    return;
  for (guint i = 0; i < cart->n_nodes; i++)
    free_node (&cart->nodes[i]);
  g_free (cart->nodes);
  if (cart->rules != NULL)
    for (guint s = 0; s < cart->k; s++)
      {
        for (guint j = 0; j < cart->n_rules[s]; j++)
          {
            g_free (cart->rules[s][j].condition);
            g_free (cart->rules[s][j].sentence);
          }
        g_free (cart->rules[s]);
      }
  g_free (cart->rules);
  g_free (cart->n_rules);
  g_free (cart->importance);
  g_strfreev (cart->names);
  g_free (cart->columns);
  g_free (cart);
}

guint
sg_cart_leaf_for_row (const SgCart *cart,
                      SgTable      *table,
                      guint         row)
{
  g_autofree SgColumn **cols = g_new (SgColumn *, cart->n_columns);

  for (guint c = 0; c < cart->n_columns; c++)
    cols[c] = sg_table_get_column (table, cart->columns[c]);
  return leaf_for_row (cart->nodes, cols, row);
}

char *
sg_cart_describe_segment (const SgCart *cart,
                          guint         segment)
{
  GString *text;

  g_return_val_if_fail (segment < cart->k, NULL);
  if (cart->n_rules[segment] == 0)
    return g_strdup (_("No simple rule singles out this segment: on these columns it overlaps the others."));
  text = g_string_new (NULL);
  for (guint i = 0; i < cart->n_rules[segment]; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? "\n" : "", cart->rules[segment][i].sentence);
  return g_string_free (text, FALSE);
}

JsonNode *
sg_cart_to_json (const SgCart      *cart,
                 const char *const *segment_names)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  sg_json_add_int (builder, "k", cart->k);
  sg_json_add_int (builder, "n_rows", (gint64) cart->n_rows);
  sg_json_add_int (builder, "n_trained", (gint64) cart->n_trained);
  sg_json_add_double (builder, "accuracy", cart->accuracy);
  json_builder_set_member_name (builder, "columns");
  json_builder_begin_array (builder);
  for (guint c = 0; c < cart->n_columns; c++)
    {
      json_builder_begin_object (builder);
      sg_json_add_int (builder, "column", cart->columns[c]);
      sg_json_add_string (builder, "name", cart->names[c]);
      sg_json_add_double (builder, "importance", cart->importance[c]);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "nodes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < cart->n_nodes; i++)
    {
      const SgCartNode *node = &cart->nodes[i];

      json_builder_begin_object (builder);
      sg_json_add_int (builder, "depth", node->depth);
      sg_json_add_int (builder, "n", (gint64) node->n);
      sg_json_add_int (builder, "prediction", node->prediction);
      json_builder_set_member_name (builder, "counts");
      json_builder_begin_array (builder);
      for (guint g = 0; g < cart->k; g++)
        json_builder_add_int_value (builder, (gint64) node->counts[g]);
      json_builder_end_array (builder);
      if (!node->leaf)
        {
          sg_json_add_string (builder, "column", cart->names[node->feature]);
          if (node->kind == SG_CART_SPLIT_NUMERIC)
            {
              sg_json_add_double (builder, "threshold", node->threshold);
              sg_json_add_double (builder, "cut", node->cut);
            }
          else
            sg_json_add_string (builder, "level", node->level);
          sg_json_add_bool (builder, "missing_left", node->missing_left);
          sg_json_add_int (builder, "left", node->left);
          sg_json_add_int (builder, "right", node->right);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "segments");
  json_builder_begin_array (builder);
  for (guint s = 0; s < cart->k; s++)
    {
      json_builder_begin_object (builder);
      sg_json_add_int (builder, "label", s);
      if (segment_names != NULL)
        sg_json_add_string (builder, "name", segment_names[s]);
      json_builder_set_member_name (builder, "rules");
      json_builder_begin_array (builder);
      for (guint j = 0; j < cart->n_rules[s]; j++)
        {
          const SgCartRule *rule = &cart->rules[s][j];

          json_builder_begin_object (builder);
          sg_json_add_string (builder, "condition", rule->condition);
          sg_json_add_double (builder, "coverage", rule->coverage);
          sg_json_add_double (builder, "precision", rule->precision);
          sg_json_add_int (builder, "n_segment", (gint64) rule->n_segment);
          sg_json_add_int (builder, "n_leaf", (gint64) rule->n_leaf);
          sg_json_add_string (builder, "sentence", rule->sentence);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
