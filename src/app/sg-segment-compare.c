/* sg-segment-compare.c — the AI segments against an existing segmentation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "SgSegmentCompare"

#include <glib/gi18n.h>
#include <math.h>

#include "sg-format.h"
#include "sg-palette.h"
#include "sg-segment-compare.h"

#define CELL_WIDTH  96
#define CELL_HEIGHT 44

struct _SgSegmentCompare
{
  AdwBin     parent_instance;

  GtkLabel  *headline;
  GtkLabel  *measures;
  GtkLabel  *table_caption;
  GtkGrid   *table;
  GtkWidget *splits_section;
  GtkBox    *splits_box;
  GtkWidget *pools_section;
  GtkBox    *pools_box;

  SgComparisonView *view;   /* a copy, drawn again when the colour scheme changes */
};

G_DEFINE_FINAL_TYPE (SgSegmentCompare, sg_segment_compare, ADW_TYPE_BIN)

static gboolean
is_dark (void)
{
  return adw_style_manager_get_dark (adw_style_manager_get_default ());
}

/* The heat of a share: from the page's own background to a strong blue, in both schemes. */
static SgRgb
heat (double share)
{
  gboolean dark = is_dark ();
  SgRgb low = dark ? (SgRgb) { 0.22, 0.22, 0.24 } : (SgRgb) { 0.96, 0.97, 0.99 };
  SgRgb high = dark ? (SgRgb) { 0.30, 0.55, 0.95 } : (SgRgb) { 0.10, 0.33, 0.72 };

  return sg_rgb_mix (low, high, isfinite (share) ? CLAMP (share, 0, 1) : 0);
}

static void
draw_heat (GtkDrawingArea *area,
           cairo_t        *cr,
           int             width,
           int             height,
           gpointer        user_data)
{
  SgRgb color = heat (*(double *) user_data);
  double r = 6;

  cairo_new_sub_path (cr);
  cairo_arc (cr, width - r, r, r, -G_PI / 2, 0);
  cairo_arc (cr, width - r, height - r, r, 0, G_PI / 2);
  cairo_arc (cr, r, height - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, r, r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
  cairo_set_source_rgb (cr, color.red, color.green, color.blue);
  cairo_fill (cr);
}

static char *
hex (SgRgb color)
{
  return g_strdup_printf ("#%02x%02x%02x", (int) lround (color.red * 255), (int) lround (color.green * 255),
                          (int) lround (color.blue * 255));
}

/* A count over its share of the old group, on the share's heat. */
static GtkWidget *
heat_cell (guint64     count,
           double      share,
           const char *css_class,
           const char *description)
{
  GtkWidget *overlay = gtk_overlay_new ();
  GtkWidget *area = gtk_drawing_area_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  g_autofree char *count_text = sg_format_count (count);
  g_autofree char *share_text = !isfinite (share) ? g_strdup ("")
                                : share > 0 && share < 0.01 ? g_strdup ("<1%") : g_strdup_printf ("%.0f%%", share * 100);
  g_autofree char *ink = hex (sg_rgb_text_on (heat (share)));
  g_autofree char *count_markup = g_markup_printf_escaped ("<span foreground=\"%s\">%s</span>", ink, count_text);
  g_autofree char *share_markup = g_markup_printf_escaped ("<span foreground=\"%s\">%s</span>", ink, share_text);
  GtkWidget *count_label = gtk_label_new (NULL);
  double *data = g_new (double, 1);

  *data = share;
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), CELL_WIDTH);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), CELL_HEIGHT);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_heat, data, g_free);
  gtk_label_set_markup (GTK_LABEL (count_label), count_markup);
  gtk_widget_add_css_class (count_label, css_class);
  gtk_widget_add_css_class (count_label, "numeric");
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), count_label);
  /* An empty cell says so by its count alone. */
  if (isfinite (share) && count > 0)
    {
      GtkWidget *share_label = gtk_label_new (NULL);

      gtk_label_set_markup (GTK_LABEL (share_label), share_markup);
      gtk_widget_add_css_class (share_label, "share");
      gtk_widget_add_css_class (share_label, "caption");
      gtk_widget_add_css_class (share_label, "numeric");
      gtk_box_append (GTK_BOX (box), share_label);
    }
  gtk_overlay_set_child (GTK_OVERLAY (overlay), area);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), box);
  gtk_widget_set_tooltip_text (overlay, description);
  gtk_accessible_update_property (GTK_ACCESSIBLE (overlay), GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);
  return overlay;
}

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  SgRgb color = sg_palette_segment (GPOINTER_TO_INT (user_data));

  if (is_dark ())
    color = sg_rgb_mix (color, (SgRgb) { 1, 1, 1 }, 0.2);
  cairo_arc (cr, width / 2.0, height / 2.0, MIN (width, height) / 2.0, 0, 2 * G_PI);
  cairo_set_source_rgb (cr, color.red, color.green, color.blue);
  cairo_fill (cr);
}

static GtkWidget *
segment_header (guint       segment,
                const char *name)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *swatch = gtk_drawing_area_new ();
  GtkWidget *label = gtk_label_new (name);

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (swatch), 12);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (swatch), 12);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch), draw_swatch, GINT_TO_POINTER ((int) segment), NULL);
  gtk_widget_set_halign (swatch, GTK_ALIGN_CENTER);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 13);
  gtk_label_set_lines (GTK_LABEL (label), 4);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_size_request (label, CELL_WIDTH, -1);
  gtk_widget_set_tooltip_text (label, name);
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_widget_set_valign (box, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (box), swatch);
  gtk_box_append (GTK_BOX (box), label);
  return box;
}

static GtkWidget *
row_header (const char *text,
            gboolean    total)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 22);
  gtk_widget_set_tooltip_text (label, text);
  gtk_widget_set_margin_end (label, 8);
  gtk_widget_add_css_class (label, total ? "heading" : "body");
  return label;
}

static GtkWidget *
total_cell (guint64 count)
{
  g_autofree char *text = sg_format_count (count);
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "total");
  gtk_widget_add_css_class (label, "numeric");
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_size_request (label, CELL_WIDTH, CELL_HEIGHT);
  return label;
}

static void
clear_children (GtkWidget *widget)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (widget)) != NULL)
    gtk_widget_unparent (child);
}

static void
fill_table (SgSegmentCompare       *self,
            const SgComparisonView *view)
{
  GtkWidget *corner = gtk_label_new (view->old_title);

  gtk_label_set_xalign (GTK_LABEL (corner), 0);
  gtk_widget_set_valign (corner, GTK_ALIGN_END);
  gtk_widget_add_css_class (corner, "heading");
  gtk_grid_attach (self->table, corner, 0, 0, 1, 1);
  for (guint s = 0; s < view->k; s++)
    gtk_grid_attach (self->table, segment_header (s, view->names[s]), (int) s + 1, 0, 1, 1);
  gtk_grid_attach (self->table, row_header (_("All"), TRUE), (int) view->k + 1, 0, 1, 1);
  gtk_widget_set_valign (gtk_grid_get_child_at (self->table, (int) view->k + 1, 0), GTK_ALIGN_END);

  for (guint j = 0; j < view->n_old; j++)
    {
      gtk_grid_attach (self->table, row_header (view->old_levels[j], FALSE), 0, (int) j + 1, 1, 1);
      for (guint s = 0; s < view->k; s++)
        {
          guint64 count = view->table[(gsize) s * view->n_old + j];
          double share = sg_comparison_view_old_share (view, s, j);
          g_autofree char *n = sg_format_count (count);
          /* Translators: a cell of the comparison: count, the old group, its share, the AI segment */
          g_autofree char *description = g_strdup_printf (_("%s customers of “%s” (%.0f%% of them) are in “%s”"),
                                                          n, view->old_levels[j],
                                                          isfinite (share) ? share * 100 : 0.0, view->names[s]);

          gtk_grid_attach (self->table, heat_cell (count, share, "count", description), (int) s + 1, (int) j + 1, 1, 1);
        }
      gtk_grid_attach (self->table, total_cell (view->col_totals[j]), (int) view->k + 1, (int) j + 1, 1, 1);
    }
  gtk_grid_attach (self->table, row_header (_("All"), TRUE), 0, (int) view->n_old + 1, 1, 1);
  for (guint s = 0; s < view->k; s++)
    gtk_grid_attach (self->table, total_cell (view->row_totals[s]), (int) s + 1, (int) view->n_old + 1, 1, 1);
  gtk_grid_attach (self->table, total_cell (view->n), (int) view->k + 1, (int) view->n_old + 1, 1, 1);
}

static void
fill_findings (GtkBox            *box,
               GtkWidget         *section,
               const char *const *sentences)
{
  guint n = sentences != NULL ? g_strv_length ((char **) sentences) : 0;

  clear_children (GTK_WIDGET (box));
  gtk_widget_set_visible (section, n > 0);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = g_strdup_printf ("•  %s", sentences[i]);
      GtkWidget *label = gtk_label_new (text);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_box_append (box, label);
    }
}

static void
show_view (SgSegmentCompare *self)
{
  const SgComparisonView *view = self->view;
  g_autofree char *caption = NULL;

  clear_children (GTK_WIDGET (self->table));
  if (view == NULL)
    {
      gtk_label_set_text (self->headline, "");
      gtk_label_set_text (self->measures, "");
      gtk_label_set_text (self->table_caption, "");
      fill_findings (self->splits_box, self->splits_section, NULL);
      fill_findings (self->pools_box, self->pools_section, NULL);
      return;
    }
  gtk_label_set_text (self->headline, view->headline);
  gtk_label_set_text (self->measures, view->measures);
  /* Translators: above the comparison table; %s is the old segmentation's column */
  caption = g_strdup_printf (_("Customers in each group of “%s” (rows) and each AI segment (columns). Under each "
                               "count: its share of the old group; the darker the cell, the more of the old group "
                               "is in that AI segment."), view->old_title);
  gtk_label_set_text (self->table_caption, caption);
  fill_table (self, view);
  fill_findings (self->splits_box, self->splits_section, (const char *const *) view->splits);
  fill_findings (self->pools_box, self->pools_section, (const char *const *) view->pools);
}

void
sg_segment_compare_set_view (SgSegmentCompare       *self,
                             const SgComparisonView *view)
{
  g_return_if_fail (SG_IS_SEGMENT_COMPARE (self));

  g_clear_pointer (&self->view, sg_comparison_view_free);
  self->view = view != NULL ? sg_comparison_view_copy (view) : NULL;
  show_view (self);
}

guint64
sg_segment_compare_get_n (SgSegmentCompare *self)
{
  g_return_val_if_fail (SG_IS_SEGMENT_COMPARE (self), 0);

  return self->view != NULL ? self->view->n : 0;
}

GtkWidget *
sg_segment_compare_new (void)
{
  return g_object_new (SG_TYPE_SEGMENT_COMPARE, NULL);
}

static void
sg_segment_compare_dispose (GObject *object)
{
  SgSegmentCompare *self = SG_SEGMENT_COMPARE (object);

  g_clear_pointer (&self->view, sg_comparison_view_free);
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), SG_TYPE_SEGMENT_COMPARE);
  G_OBJECT_CLASS (sg_segment_compare_parent_class)->dispose (object);
}

static void
sg_segment_compare_class_init (SgSegmentCompareClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sg_segment_compare_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/sg-segment-compare.ui");
  gtk_widget_class_bind_template_child (widget_class, SgSegmentCompare, headline);
  gtk_widget_class_bind_template_child (widget_class, SgSegmentCompare, measures);
  gtk_widget_class_bind_template_child (widget_class, SgSegmentCompare, table_caption);
  gtk_widget_class_bind_template_child (widget_class, SgSegmentCompare, table);
  gtk_widget_class_bind_template_child (widget_class, SgSegmentCompare, splits_section);
  gtk_widget_class_bind_template_child (widget_class, SgSegmentCompare, splits_box);
  gtk_widget_class_bind_template_child (widget_class, SgSegmentCompare, pools_section);
  gtk_widget_class_bind_template_child (widget_class, SgSegmentCompare, pools_box);
}

static void
sg_segment_compare_init (SgSegmentCompare *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark", G_CALLBACK (show_view), self,
                           G_CONNECT_SWAPPED);
}
