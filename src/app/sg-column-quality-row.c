/* sg-column-quality-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "SgColumnQualityRow"

#include <glib/gi18n.h>
#include <math.h>

#include "sg-a11y.h"
#include "sg-column-quality-row.h"
#include "sg-format.h"
#include "sg-histogram-chart.h"
#include "sg-prepare-analysis.h"
#include "widgets/sg-chart-view.h"

struct _SgColumnQualityRow
{
  AdwPreferencesRow parent_instance;

  /* template */
  GtkLabel      *name_label;
  GtkLabel      *type_label;
  GtkGrid       *stats_grid;
  GtkBox        *chart_box;

  char          *column;
  guint          n_stats;
};

G_DEFINE_FINAL_TYPE (SgColumnQualityRow, sg_column_quality_row, ADW_TYPE_PREFERENCES_ROW)

const char *
sg_column_quality_skew_words (double skewness)
{
  if (isnan (skewness))
    return NULL;
  if (skewness > 1)
    return _("a long tail of large values");
  if (skewness < -1)
    return _("a long tail of small values");
  if (fabs (skewness) > 0.5)
    return _("somewhat lopsided");
  return _("fairly symmetric");
}

static void
add_stat (SgColumnQualityRow *self,
          const char         *name,
          const char         *value)
{
  GtkWidget *key = gtk_label_new (name);
  GtkWidget *text = gtk_label_new (value);

  gtk_label_set_xalign (GTK_LABEL (key), 0.0f);
  gtk_widget_add_css_class (key, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (text), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_selectable (GTK_LABEL (text), TRUE);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_grid_attach (self->stats_grid, key, 0, (int) self->n_stats, 1, 1);
  gtk_grid_attach (self->stats_grid, text, 1, (int) self->n_stats, 1, 1);
  self->n_stats++;
}

static void
add_numeric_stats (SgColumnQualityRow    *self,
                   const SgColumnQuality *quality)
{
  g_autofree char *min = sg_prepare_format_value (quality->min, quality->type);
  g_autofree char *median = sg_prepare_format_value (quality->median, quality->type);
  g_autofree char *max = sg_prepare_format_value (quality->max, quality->type);
  /* Translators: a column's range: "2.76 · 535 · 12,520" (lowest · median · highest) */
  g_autofree char *range = g_strdup_printf (_("%s · %s · %s"), min, median, max);
  const char *skew = sg_column_quality_skew_words (quality->skewness);

  if (quality->type != SG_COLUMN_BOOLEAN)
    add_stat (self, _("Lowest · median · highest"), range);
  if (quality->type == SG_COLUMN_DATE || quality->type == SG_COLUMN_DATETIME || quality->type == SG_COLUMN_BOOLEAN)
    return;
  if (skew != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("%.1f: %s"), quality->skewness, skew);

      add_stat (self, _("Skewness"), text);
    }
  if (quality->outliers_iqr == 0 && quality->outliers_z == 0)
    add_stat (self, _("Extreme values"), _("None"));
  else
    {
      g_autofree char *iqr = sg_format_count (quality->outliers_iqr);
      g_autofree char *z = sg_format_count (quality->outliers_z);
      /* Translators: outliers found by two rules */
      g_autofree char *text = g_strdup_printf (_("%s far outside the quartiles · %s beyond 3 standard deviations"), iqr, z);

      add_stat (self, _("Extreme values"), text);
    }
}

static void
add_histogram (SgColumnQualityRow    *self,
               const SgColumnQuality *quality)
{
  g_autoptr(SgHistogramChart) chart = sg_histogram_chart_new ();
  g_autofree char *label = g_strdup_printf (_("Distribution of %s"), quality->name);
  GtkWidget *view;

  sg_histogram_chart_set_bins (chart, quality->bin_edges, quality->bin_counts, quality->n_bins, quality->n_missing);
  sg_histogram_chart_set_label (chart, quality->name);
  view = sg_chart_view_new (SG_CHART (chart));
  gtk_widget_set_size_request (view, 300, 140);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_box_append (self->chart_box, view);
}

/* The most common values as bars of a level bar each, lined up in a grid: a small chart that reads
 * without a tooltip. */
static void
add_top_values (SgColumnQualityRow    *self,
                const SgColumnQuality *quality,
                guint64                n_rows)
{
  GtkWidget *grid = gtk_grid_new ();

  gtk_grid_set_column_spacing (GTK_GRID (grid), 8);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
  for (guint i = 0; i < quality->n_top; i++)
    {
      double share = n_rows > 0 ? (double) quality->top_counts[i] / (double) n_rows : 0;
      g_autofree char *count = sg_format_count (quality->top_counts[i]);
      g_autofree char *percent = sg_prepare_format_share (share);
      /* Translators: how many rows have a value and their share: "352 (18%)" */
      g_autofree char *text = g_strdup_printf (_("%s (%s)"), count, percent);
      g_autofree char *name = g_strdup_printf (_("%s: %s rows (%s)"), quality->top_values[i], count, percent);
      GtkWidget *value = gtk_label_new (quality->top_values[i]);
      GtkWidget *figure = gtk_label_new (text);
      GtkWidget *bar = gtk_level_bar_new_for_interval (0, 1);

      gtk_label_set_xalign (GTK_LABEL (value), 0.0f);
      gtk_label_set_ellipsize (GTK_LABEL (value), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (value), 14);
      gtk_widget_set_tooltip_text (value, quality->top_values[i]);
      gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), CLAMP (share, 0, 1));
      /* no low/high colours: a share is not good or bad */
      gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
      gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
      gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL);
      gtk_widget_set_hexpand (bar, TRUE);
      gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
      sg_a11y_set_label (bar, name);
      gtk_label_set_xalign (GTK_LABEL (figure), 1.0f);
      gtk_widget_add_css_class (figure, "caption");
      gtk_widget_add_css_class (figure, "numeric");
      gtk_grid_attach (GTK_GRID (grid), value, 0, (int) i, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), bar, 1, (int) i, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), figure, 2, (int) i, 1, 1);
    }
  gtk_box_append (self->chart_box, grid);
}

GtkWidget *
sg_column_quality_row_new (const SgColumnQuality *quality,
                           guint64                n_rows,
                           gboolean               is_id)
{
  SgColumnQualityRow *self;
  g_autofree char *missing_count = NULL, *missing_share = NULL, *missing = NULL;
  g_autofree char *distinct = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (quality != NULL, NULL);

  self = g_object_new (SG_TYPE_COLUMN_QUALITY_ROW, NULL);
  self->column = g_strdup (quality->name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), quality->name);
  gtk_label_set_label (self->name_label, quality->name);
  gtk_label_set_label (self->type_label, sg_column_type_get_label (quality->type));

  missing_count = sg_format_count (quality->n_missing);
  missing_share = sg_prepare_format_share (quality->missing_share);
  /* Translators: missing values of a column: "67 (3.4%)" */
  missing = g_strdup_printf (_("%s (%s)"), missing_count, missing_share);
  add_stat (self, _("Missing"), missing);
  distinct = sg_format_count (quality->n_distinct);
  add_stat (self, _("Different values"), distinct);
  if (is_id)
    {
      /* numbers that name customers: their spread says nothing */
      GtkWidget *label = gtk_label_new (_("Identifies customers"));

      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (self->chart_box, label);
    }
  else if (sg_column_type_is_numeric (quality->type) && !isnan (quality->min))
    add_numeric_stats (self, quality);

  if (!is_id && quality->n_bins > 0 && quality->type != SG_COLUMN_DATE &&
      quality->type != SG_COLUMN_DATETIME && quality->type != SG_COLUMN_BOOLEAN)
    add_histogram (self, quality);
  else if (!is_id && quality->n_top > 0 && quality->top_counts[0] > 1)
    add_top_values (self, quality, n_rows);
  else if (!is_id && quality->n_top > 0)
    {
      GtkWidget *label = gtk_label_new (_("Every value is different"));

      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (self->chart_box, label);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->chart_box), gtk_widget_get_first_child (GTK_WIDGET (self->chart_box)) != NULL);

  /* Translators: how a screen reader names a column's row: "age, Whole number, 67 missing (3.4%)" */
  name = g_strdup_printf (_("%s, %s, %s missing (%s)"), quality->name, sg_column_type_get_label (quality->type),
                          missing_count, missing_share);
  sg_a11y_set_label (GTK_WIDGET (self), name);
  return GTK_WIDGET (self);
}

const char *
sg_column_quality_row_get_column (SgColumnQualityRow *self)
{
  g_return_val_if_fail (SG_IS_COLUMN_QUALITY_ROW (self), NULL);

  return self->column;
}

static void
sg_column_quality_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SG_TYPE_COLUMN_QUALITY_ROW);

  G_OBJECT_CLASS (sg_column_quality_row_parent_class)->dispose (object);
}

static void
sg_column_quality_row_finalize (GObject *object)
{
  SgColumnQualityRow *self = SG_COLUMN_QUALITY_ROW (object);

  g_free (self->column);

  G_OBJECT_CLASS (sg_column_quality_row_parent_class)->finalize (object);
}

static void
sg_column_quality_row_class_init (SgColumnQualityRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sg_column_quality_row_dispose;
  object_class->finalize = sg_column_quality_row_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/sg-column-quality-row.ui");
  gtk_widget_class_bind_template_child (widget_class, SgColumnQualityRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, SgColumnQualityRow, type_label);
  gtk_widget_class_bind_template_child (widget_class, SgColumnQualityRow, stats_grid);
  gtk_widget_class_bind_template_child (widget_class, SgColumnQualityRow, chart_box);
}

static void
sg_column_quality_row_init (SgColumnQualityRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
