/* sg-dendrogram-chart.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Subtrees below the cut take the colours of the clusters they form, numbered left to right;
 * links above the cut stay neutral. Everything is iterative: a tree of 100,000 leaves is a
 * 100,000-deep chain in the worst case.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>

#include "sg-chart-private.h"
#include "sg-dendrogram-chart.h"

#define LABEL_ANGLE (-G_PI / 2)
#define MAX_LABEL_W 120.0

struct _SgDendrogramChart
{
  SgChart    parent_instance;

  guint      n;           /* leaves */
  gint32    *merges;      /* (n − 1) × 2 */
  double    *heights;     /* n − 1 */
  double    *sorted;      /* heights, ascending */
  char     **labels;      /* nullable */
  guint64   *sizes;       /* rows under each node, 2n − 1 */
  double    *pos;         /* x of each node in leaf slots, 2n − 1 */
  guint     *order;       /* leaves left to right */
  double     cut;

  SgXYFrame  frame;
  gboolean   show_labels;
  gboolean   has_layout;
};

G_DEFINE_FINAL_TYPE (SgDendrogramChart, sg_dendrogram_chart, SG_TYPE_CHART)

static void
clear_data (SgDendrogramChart *self)
{
  g_clear_pointer (&self->merges, g_free);
  g_clear_pointer (&self->heights, g_free);
  g_clear_pointer (&self->sorted, g_free);
  g_clear_pointer (&self->labels, g_strfreev);
  g_clear_pointer (&self->sizes, g_free);
  g_clear_pointer (&self->pos, g_free);
  g_clear_pointer (&self->order, g_free);
  self->n = 0;
}

static void
sg_dendrogram_chart_finalize (GObject *object)
{
  clear_data (SG_DENDROGRAM_CHART (object));
  G_OBJECT_CLASS (sg_dendrogram_chart_parent_class)->finalize (object);
}

static double
node_height (SgDendrogramChart *self,
             guint              node)
{
  return node < self->n ? 0.0 : self->heights[node - self->n];
}

static double
node_x (SgDendrogramChart *self,
        guint              node)
{
  return sg_xy_frame_x (&self->frame, self->pos[node]);
}

/* Cluster of every node under the cut (−1 above it), numbered by the leftmost leaf. */
static int *
assign_clusters (SgDendrogramChart *self,
                 guint             *n_clusters)
{
  guint n_nodes = 2 * self->n - 1;
  int *cluster = g_new (int, n_nodes);
  g_autofree int *renumber = NULL;
  int next = 0;

  for (guint v = 0; v < n_nodes; v++)
    cluster[v] = -1;
  /* Parents have larger ids than their children: a descending sweep is top-down. */
  for (guint v = n_nodes; v-- > 0;)
    {
      if (cluster[v] < 0 && node_height (self, v) <= self->cut)
        cluster[v] = next++;
      if (v >= self->n)
        {
          cluster[self->merges[2 * (v - self->n)]] = cluster[v];
          cluster[self->merges[2 * (v - self->n) + 1]] = cluster[v];
        }
    }
  renumber = g_new (int, MAX (next, 1));
  for (int c = 0; c < next; c++)
    renumber[c] = -1;
  *n_clusters = 0;
  for (guint i = 0; i < self->n; i++)
    {
      int c = cluster[self->order[i]];

      if (c >= 0 && renumber[c] < 0)
        renumber[c] = (int) (*n_clusters)++;
    }
  for (guint v = 0; v < n_nodes; v++)
    if (cluster[v] >= 0)
      cluster[v] = renumber[cluster[v]];
  return cluster;
}

static double
leaf_label_room (SgDendrogramChart  *self,
                 cairo_t            *cr,
                 const SgChartStyle *style,
                 double              width)
{
  double widest = 0, lh;

  sg_chart_text_size (cr, style, "Ag", SG_TEXT_SMALL, NULL, &lh);
  self->show_labels = self->labels != NULL && (width - 80) / self->n >= lh + 2;
  if (!self->show_labels)
    return SG_CHART_GAP;
  for (guint i = 0; i < self->n; i++)
    {
      double w;

      sg_chart_text_size (cr, style, self->labels[i], SG_TEXT_SMALL, &w, NULL);
      widest = MAX (widest, w);
    }
  return MIN (widest, MAX_LABEL_W) + 2 * SG_CHART_GAP;
}

static void
add_link (SgDendrogramChart *self,
          cairo_t           *cr,
          guint              i)
{
  guint a = (guint) self->merges[2 * i], b = (guint) self->merges[2 * i + 1];
  double y = sg_xy_frame_y (&self->frame, self->heights[i]);

  cairo_move_to (cr, node_x (self, a), sg_xy_frame_y (&self->frame, node_height (self, a)));
  cairo_line_to (cr, node_x (self, a), y);
  cairo_line_to (cr, node_x (self, b), y);
  cairo_line_to (cr, node_x (self, b), sg_xy_frame_y (&self->frame, node_height (self, b)));
}

/* Links by colour: above the cut first (group 0), then cluster c (group c + 1). Merges are
 * grouped with a counting sort, and stroked a few hundred at a time: cairo's stroker slows down
 * quadratically with the crossings inside one path, which nested trees have plenty of. */
#define LINKS_PER_STROKE 256

static void
draw_links (SgDendrogramChart  *self,
            cairo_t            *cr,
            const SgChartStyle *style,
            const int          *cluster,
            guint               n_clusters)
{
  guint n_merges = self->n - 1, n_groups = n_clusters + 1;
  g_autofree guint *begin = g_new0 (guint, n_groups + 1);
  g_autofree guint *cursor = NULL;
  g_autofree guint *order = g_new (guint, n_merges);

  for (guint i = 0; i < n_merges; i++)
    begin[cluster[self->n + i] + 2]++;
  for (guint g = 1; g <= n_groups; g++)
    begin[g] += begin[g - 1];
  cursor = g_memdup2 (begin, (n_groups + 1) * sizeof (guint));
  for (guint i = 0; i < n_merges; i++)
    order[cursor[cluster[self->n + i] + 1]++] = i;

  cairo_save (cr);
  cairo_set_line_width (cr, 1.25);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_MITER);
  for (guint g = 0; g < n_groups; g++)
    {
      if (g == 0)
        sg_chart_set_color (cr, sg_rgb_mix (style->foreground, style->background, 0.3), 1.0);
      else
        sg_chart_set_color (cr, sg_chart_segment_color (style, (int) g - 1), 1.0);
      for (guint k = begin[g]; k < begin[g + 1]; k++)
        {
          add_link (self, cr, order[k]);
          if ((k - begin[g]) % LINKS_PER_STROKE == LINKS_PER_STROKE - 1 || k + 1 == begin[g + 1])
            cairo_stroke (cr);
        }
    }
  cairo_restore (cr);
}

static void
draw_cut (SgDendrogramChart  *self,
          cairo_t            *cr,
          const SgChartStyle *style)
{
  const SgRect *p = &self->frame.plot;
  double y = sg_chart_snap (style, sg_xy_frame_y (&self->frame, self->cut), 2);
  g_autofree char *label = g_strdup_printf (_("k = %u"), sg_dendrogram_chart_k_for_height (self, self->cut));
  static const double dash[] = { 6, 4 };
  double w, h, px, py;
  SgRgb ink;

  if (y < p->y || y > p->y + p->height)
    return;
  cairo_save (cr);
  cairo_set_line_width (cr, 2);
  cairo_set_dash (cr, dash, 2, 0);
  sg_chart_set_color (cr, style->accent, 1.0);
  cairo_move_to (cr, p->x, y);
  cairo_rel_line_to (cr, p->width, 0);
  cairo_stroke (cr);
  cairo_restore (cr);

  /* A pill at the right end: the number the line gives, and a handle to drag. */
  sg_chart_text_size (cr, style, label, SG_TEXT_SMALL, &w, &h);
  px = p->x + p->width - w - 12;
  py = y - h / 2 - 2;
  cairo_new_path (cr);
  cairo_arc (cr, px + (h + 4) / 2, py + (h + 4) / 2, (h + 4) / 2, G_PI / 2, 3 * G_PI / 2);
  cairo_arc (cr, px + w + 12 - (h + 4) / 2 - 4, py + (h + 4) / 2, (h + 4) / 2, -G_PI / 2, G_PI / 2);
  cairo_close_path (cr);
  sg_chart_set_color (cr, style->accent, 1.0);
  cairo_fill (cr);
  ink = sg_rgb_text_on (style->accent);
  sg_chart_draw_text (cr, style, label, SG_TEXT_SMALL, &ink, px + 4, y, 0, 0.5, 0);
}

static void
sg_dendrogram_chart_draw (SgChart            *chart,
                          cairo_t            *cr,
                          const SgChartStyle *style,
                          double              width,
                          double              height)
{
  SgDendrogramChart *self = SG_DENDROGRAM_CHART (chart);
  g_autofree int *cluster = NULL;
  guint n_clusters;

  self->has_layout = FALSE;
  if (self->n < 2)
    {
      sg_chart_draw_empty (cr, style, width, height, NULL);
      return;
    }
  self->frame = (SgXYFrame) {
    .x = { .hidden = TRUE, .lo = -0.5, .hi = self->n - 0.5,
           .label_room = leaf_label_room (self, cr, style, width) },
    .y = { .lo = 0, .hi = self->sorted[self->n - 2], .flags = SG_CHART_TICKS_LOOSE, .grid = TRUE,
           .title = _("Merge height (distance between the merged groups)") },
  };
  sg_xy_frame_layout (&self->frame, cr, style, (SgRect) { 0, 0, width, height });
  self->has_layout = TRUE;
  if (sg_chart_is_layout_pass (chart))
    return;

  sg_xy_frame_draw (&self->frame, cr, style);
  cluster = assign_clusters (self, &n_clusters);
  draw_links (self, cr, style, cluster, n_clusters);
  if (self->show_labels)
    for (guint i = 0; i < self->n; i++)
      {
        guint leaf = self->order[i];
        SgRgb color = cluster[leaf] >= 0 ? sg_rgb_mix (sg_chart_segment_color (style, cluster[leaf]), style->foreground, 0.3)
                                         : style->muted;

        sg_chart_draw_text_angled (cr, style, self->labels[leaf], SG_TEXT_SMALL, &color,
                                   node_x (self, leaf),
                                   self->frame.plot.y + self->frame.plot.height + SG_CHART_GAP,
                                   LABEL_ANGLE);
      }
  draw_cut (self, cr, style);
}

/* The k whose cut sits in the widest gap between successive merge heights. */
static guint
natural_k (SgDendrogramChart *self)
{
  double widest = -1;
  guint k = 1;

  for (guint j = 0; j + 1 < self->n - 1; j++)
    if (self->sorted[j + 1] - self->sorted[j] > widest)
      {
        widest = self->sorted[j + 1] - self->sorted[j];
        k = self->n - (j + 1);
      }
  return k;
}

static char *
sg_dendrogram_chart_describe (SgChart *chart)
{
  SgDendrogramChart *self = SG_DENDROGRAM_CHART (chart);
  g_autofree char *rows = NULL, *cut = NULL;
  GString *text;

  if (self->n < 2)
    return g_strdup (_("Dendrogram with no data."));
  rows = sg_chart_format_number (self->sizes[2 * self->n - 2], 0);
  cut = sg_chart_format_value (self->cut);
  text = g_string_new (NULL);
  g_string_append_printf (text, _("Dendrogram of %s customers in %u leaves. Cutting at height %s "
                                  "gives %u segments."),
                          rows, self->n, cut, sg_dendrogram_chart_k_for_height (self, self->cut));
  if (self->n > 2)
    g_string_append_printf (text, _(" The widest gap between merge heights suggests %u segments."),
                            natural_k (self));
  return g_string_free (text, FALSE);
}

static gboolean
sg_dendrogram_chart_hit_test (SgChart    *chart,
                              double      x,
                              double      y,
                              SgChartHit *hit)
{
  SgDendrogramChart *self = SG_DENDROGRAM_CHART (chart);
  const SgRect *p = &self->frame.plot;
  double cut_y;

  if (!self->has_layout || x < p->x - 4 || x > p->x + p->width + 4)
    return FALSE;
  cut_y = sg_xy_frame_y (&self->frame, self->cut);
  if (fabs (y - cut_y) <= SG_CHART_HIT_PX)
    {
      guint k = sg_dendrogram_chart_k_for_height (self, self->cut);
      g_autofree char *h = sg_chart_format_value (self->cut);

      hit->kind = SG_CHART_HIT_CUT_LINE;
      hit->index = k;
      hit->value = self->cut;
      hit->area = (SgRect) { p->x, cut_y - 2, p->width, 4 };
      hit->tooltip = g_strdup_printf (_("Cut at height %s: %u segments\nDrag to change"), h, k);
      return TRUE;
    }
  /* The horizontal bar of a merge. */
  for (guint i = 0; i + 1 < self->n; i++)
    {
      guint a = (guint) self->merges[2 * i], b = (guint) self->merges[2 * i + 1];
      double my = sg_xy_frame_y (&self->frame, self->heights[i]);
      double x0 = MIN (node_x (self, a), node_x (self, b)), x1 = MAX (node_x (self, a), node_x (self, b));
      g_autofree char *size = NULL, *h = NULL;

      if (fabs (y - my) > 4 || x < x0 - 2 || x > x1 + 2)
        continue;
      size = sg_chart_format_number (self->sizes[self->n + i], 0);
      h = sg_chart_format_value (self->heights[i]);
      hit->kind = SG_CHART_HIT_LINE;
      hit->index = i;
      hit->value = self->heights[i];
      hit->area = (SgRect) { x0, my - 2, x1 - x0, 4 };
      hit->tooltip = g_strdup_printf (_("Merge of %s customers at height %s"), size, h);
      return TRUE;
    }
  return FALSE;
}

static void
sg_dendrogram_chart_class_init (SgDendrogramChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  SgChartClass *chart_class = SG_CHART_CLASS (klass);

  object_class->finalize = sg_dendrogram_chart_finalize;
  chart_class->draw = sg_dendrogram_chart_draw;
  chart_class->describe = sg_dendrogram_chart_describe;
  chart_class->hit_test = sg_dendrogram_chart_hit_test;
}

static void
sg_dendrogram_chart_init (SgDendrogramChart *self)
{
}

SgDendrogramChart *
sg_dendrogram_chart_new (void)
{
  return g_object_new (SG_TYPE_DENDROGRAM_CHART, NULL);
}

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Every child id earlier than its merge, every node merged at most once, heights finite. */
static gboolean
validate (const gint32 *merges,
          const double *heights,
          guint         n)
{
  g_autofree guint8 *used = g_new0 (guint8, 2 * (gsize) n);

  for (guint i = 0; i + 1 < n; i++)
    for (guint side = 0; side < 2; side++)
      {
        gint32 c = merges[2 * i + side];

        if (c < 0 || (guint) c >= n + i || used[c] || !isfinite (heights[i]))
          return FALSE;
        used[c] = 1;
      }
  return TRUE;
}

/* Leaves left to right by an explicit-stack walk from the root, left child first. */
static void
order_leaves (SgDendrogramChart *self)
{
  g_autofree guint *stack = g_new (guint, 2 * (gsize) self->n);
  guint top = 0, next = 0;

  stack[top++] = 2 * self->n - 2;
  while (top > 0)
    {
      guint v = stack[--top];

      if (v < self->n)
        {
          self->pos[v] = next;
          self->order[next++] = v;
          continue;
        }
      stack[top++] = (guint) self->merges[2 * (v - self->n) + 1];
      stack[top++] = (guint) self->merges[2 * (v - self->n)];
    }
  for (guint i = 0; i + 1 < self->n; i++)
    self->pos[self->n + i] = (self->pos[self->merges[2 * i]] + self->pos[self->merges[2 * i + 1]]) / 2;
}

gboolean
sg_dendrogram_chart_set_data (SgDendrogramChart *self,
                              const gint32      *merges,
                              const double      *heights,
                              guint              n_leaves,
                              const char *const *leaf_labels,
                              const guint64     *leaf_counts)
{
  gboolean ok;

  g_return_val_if_fail (SG_IS_DENDROGRAM_CHART (self), FALSE);
  g_return_val_if_fail (n_leaves < 2 || (merges != NULL && heights != NULL), FALSE);

  clear_data (self);
  ok = n_leaves < 2 || validate (merges, heights, n_leaves);
  if (ok && n_leaves >= 2)
    {
      guint n_nodes = 2 * n_leaves - 1;

      self->n = n_leaves;
      self->merges = g_memdup2 (merges, 2 * (gsize) (n_leaves - 1) * sizeof (gint32));
      self->heights = g_memdup2 (heights, (n_leaves - 1) * sizeof (double));
      self->sorted = g_memdup2 (heights, (n_leaves - 1) * sizeof (double));
      qsort (self->sorted, n_leaves - 1, sizeof (double), compare_double);
      self->sizes = g_new (guint64, n_nodes);
      self->pos = g_new (double, n_nodes);
      self->order = g_new (guint, n_leaves);
      for (guint i = 0; i < n_leaves; i++)
        self->sizes[i] = leaf_counts != NULL ? leaf_counts[i] : 1;
      for (guint i = 0; i + 1 < n_leaves; i++)
        self->sizes[n_leaves + i] = self->sizes[merges[2 * i]] + self->sizes[merges[2 * i + 1]];
      if (leaf_labels != NULL || leaf_counts != NULL)
        {
          self->labels = g_new0 (char *, n_leaves + 1);
          for (guint i = 0; i < n_leaves; i++)
            self->labels[i] = leaf_labels != NULL && leaf_labels[i] != NULL
                                ? g_strdup (leaf_labels[i])
                                : g_strdup_printf ("(%" G_GUINT64_FORMAT ")", leaf_counts[i]);
        }
      order_leaves (self);
      self->cut = sg_dendrogram_chart_height_for_k (self, MIN (natural_k (self), n_leaves));
    }
  sg_chart_changed (SG_CHART (self));
  return ok;
}

guint
sg_dendrogram_chart_get_n_leaves (SgDendrogramChart *self)
{
  g_return_val_if_fail (SG_IS_DENDROGRAM_CHART (self), 0);

  return self->n;
}

void
sg_dendrogram_chart_set_cut_height (SgDendrogramChart *self,
                                    double             height)
{
  g_return_if_fail (SG_IS_DENDROGRAM_CHART (self));

  if (!isfinite (height) || height == self->cut)
    return;
  self->cut = MAX (height, 0);
  sg_chart_changed (SG_CHART (self));
}

double
sg_dendrogram_chart_get_cut_height (SgDendrogramChart *self)
{
  g_return_val_if_fail (SG_IS_DENDROGRAM_CHART (self), 0);

  return self->cut;
}

guint
sg_dendrogram_chart_k_for_height (SgDendrogramChart *self,
                                  double             height)
{
  guint lo = 0, hi;

  g_return_val_if_fail (SG_IS_DENDROGRAM_CHART (self), 0);

  if (self->n < 2)
    return self->n;
  /* Merges at or below @height: the first sorted index above it. */
  hi = self->n - 1;
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (self->sorted[mid] <= height)
        lo = mid + 1;
      else
        hi = mid;
    }
  return self->n - lo;
}

double
sg_dendrogram_chart_height_for_k (SgDendrogramChart *self,
                                  guint              k)
{
  guint merged;

  g_return_val_if_fail (SG_IS_DENDROGRAM_CHART (self), 0);

  if (self->n < 2)
    return 0;
  k = CLAMP (k, 1, self->n);
  merged = self->n - k;   /* merges below the cut */
  if (merged == 0)
    return self->sorted[0] / 2;
  if (merged == self->n - 1)
    return self->sorted[self->n - 2] * 1.05 + 1e-12;
  return (self->sorted[merged - 1] + self->sorted[merged]) / 2;
}

double
sg_dendrogram_chart_y_to_height (SgDendrogramChart *self,
                                 double             y)
{
  g_return_val_if_fail (SG_IS_DENDROGRAM_CHART (self), 0);

  if (!self->has_layout)
    return 0;
  return sg_xy_frame_value_y (&self->frame, y - _sg_chart_get_content_offset (SG_CHART (self)));
}

double
sg_dendrogram_chart_height_to_y (SgDendrogramChart *self,
                                 double             height)
{
  g_return_val_if_fail (SG_IS_DENDROGRAM_CHART (self), 0);

  if (!self->has_layout)
    return 0;
  return sg_xy_frame_y (&self->frame, height) + _sg_chart_get_content_offset (SG_CHART (self));
}
