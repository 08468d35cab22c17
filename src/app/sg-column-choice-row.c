/* sg-column-choice-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "SgColumnChoiceRow"

#include <glib/gi18n.h>
#include <math.h>

#include "sg-a11y.h"
#include "sg-column-choice-row.h"
#include "sg-format.h"
#include "sg-histogram-chart.h"
#include "sg-prepare-analysis.h"
#include "widgets/sg-chart-view.h"

/* What the missing-values list offers, by kind. */
static const SgMissing number_missing[] = {
  SG_MISSING_MEDIAN, SG_MISSING_MEAN, SG_MISSING_MODE, SG_MISSING_CONSTANT, SG_MISSING_DROP_ROWS, SG_MISSING_LEAVE,
};
static const SgMissing category_missing[] = {
  SG_MISSING_MODE, SG_MISSING_CONSTANT, SG_MISSING_DROP_ROWS, SG_MISSING_LEAVE,
};

struct _SgColumnChoiceRow
{
  AdwExpanderRow  parent_instance;

  /* template */
  GtkDropDown    *transform_dropdown;
  GtkSwitch      *include_switch;
  GtkLabel       *advice_label;
  GtkLabel       *stats_label;
  GtkBox         *chart_box;
  AdwActionRow   *transform_row;
  AdwComboRow    *missing_row;
  AdwEntryRow    *fill_value_row;
  AdwActionRow   *flag_row;
  GtkSwitch      *flag_switch;
  AdwActionRow   *outliers_row;
  GtkSwitch      *cap_switch;
  AdwActionRow   *cap_range_row;
  GtkSpinButton  *cap_lower_spin;
  GtkSpinButton  *cap_upper_spin;
  AdwActionRow   *levels_row;
  GtkSpinButton  *levels_spin;
  AdwActionRow   *weight_row;
  GtkSpinButton  *weight_spin;

  char           *column;
  SgColumnType    type;
  SgColumnKind    kind;
  guint64         n_missing;
  guint64         n_rows;
  /* the histogram, drawn when the row is first expanded */
  guint           n_bins;
  double         *bin_edges;
  guint64        *bin_counts;
  GtkWidget      *chart;

  SgColumnChoice  choice;
  gboolean        updating;   /* widgets follow the choice: not the user's doing */
};

G_DEFINE_FINAL_TYPE (SgColumnChoiceRow, sg_column_choice_row, ADW_TYPE_EXPANDER_ROW)

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* ---- words ---- */

static const char *
advice_gist (const SgAdviceItem *item)
{
  switch (item->kind)
    {
    case SG_ADVICE_IDENTIFIER:
      return _("identifies customers");
    case SG_ADVICE_TEXT:
      return _("free text");
    case SG_ADVICE_DATE:
      return _("a date: use “days since” instead");
    case SG_ADVICE_CONSTANT:
      return _("the same in every row");
    case SG_ADVICE_NEAR_CONSTANT:
      return _("almost always the same");
    case SG_ADVICE_MOSTLY_MISSING:
      return _("mostly missing");
    case SG_ADVICE_CORRELATED:
      return _("repeats another column");
    case SG_ADVICE_SKEWED:
      return _("a few very large values");
    case SG_ADVICE_CATEGORICAL:
      return _("a category");
    case SG_ADVICE_SCORE:
      return _("an RFM score: compare segments with it");
    case SG_ADVICE_SOME_MISSING:
    case SG_ADVICE_NO_FEATURES:
    case SG_ADVICE_DUPLICATE_ROWS:
    case SG_ADVICE_DUPLICATE_IDS:
    default:
      return NULL;
    }
}

char *
sg_column_choice_row_summary (SgColumnType  type,
                              double        missing_share,
                              GPtrArray    *advice)
{
  GString *text = g_string_new (sg_column_type_get_label (type));

  if (missing_share > 0)
    {
      g_autofree char *share = sg_prepare_format_share (missing_share);

      /* Translators: part of a column's summary: "Decimal number · 3.4% missing" */
      g_string_append_printf (text, _(" · %s missing"), share);
    }
  for (guint i = 0; advice != NULL && i < advice->len; i++)
    {
      const char *gist = advice_gist (g_ptr_array_index (advice, i));

      if (gist != NULL)
        {
          g_string_append (text, " · ");
          g_string_append (text, gist);
          break;
        }
    }
  return g_string_free (text, FALSE);
}

static char *
advice_text (SgColumnChoiceRow *self,
             GPtrArray         *advice)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; advice != NULL && i < advice->len; i++)
    {
      const SgAdviceItem *item = g_ptr_array_index (advice, i);

      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, item->message);
    }
  if (text->len == 0)
    {
      if (self->kind == SG_COLUMN_KIND_NUMBER)
        g_string_append_printf (text, _("Nothing stands out in “%s”: it can help tell customers apart."), self->column);
      else if (self->kind == SG_COLUMN_KIND_CATEGORY)
        g_string_append_printf (text, _("“%s” is a category: switch it on to give each common value its own yes/no column."),
                                self->column);
      else
        g_string_append_printf (text, _("“%s” cannot be clustered on: it is kept to describe customers."), self->column);
    }
  return g_string_free (text, FALSE);
}

static char *
stats_text (SgColumnChoiceRow     *self,
            const SgColumnQuality *quality)
{
  GString *text = g_string_new (NULL);
  g_autofree char *distinct = sg_format_count (quality->n_distinct);

  if (sg_column_type_is_numeric (quality->type) && !isnan (quality->min))
    {
      g_autofree char *min = sg_prepare_format_value (quality->min, quality->type);
      g_autofree char *median = sg_prepare_format_value (quality->median, quality->type);
      g_autofree char *max = sg_prepare_format_value (quality->max, quality->type);

      /* Translators: a column's figures: "From 2.76 to 12,520, half below 535" */
      g_string_append_printf (text, _("From %s to %s, half below %s"), min, max, median);
      if (quality->outliers_iqr > 0 && quality->type != SG_COLUMN_BOOLEAN)
        {
          g_autofree char *outliers = sg_format_count (quality->outliers_iqr);

          g_string_append_printf (text, g_dngettext (NULL, " · %s value far from the rest",
                                                     " · %s values far from the rest", quality->outliers_iqr),
                                  outliers);
        }
    }
  else
    {
      g_string_append_printf (text, g_dngettext (NULL, "%s different value", "%s different values",
                                                 quality->n_distinct), distinct);
      if (quality->n_top > 0 && self->kind == SG_COLUMN_KIND_CATEGORY)
        {
          g_string_append (text, _(" · most common: "));
          for (guint i = 0; i < quality->n_top; i++)
            {
              g_autofree char *share = sg_prepare_format_share ((double) quality->top_counts[i] /
                                                                (double) MAX (self->n_rows, 1));

              /* Translators: one of a category's most common values and its share: "Germany (18%)" */
              g_string_append_printf (text, i > 0 ? _(", %s (%s)") : _("%s (%s)"), quality->top_values[i], share);
            }
        }
    }
  return g_string_free (text, FALSE);
}

/* ---- showing the choice ---- */

static const SgMissing *
missing_options (SgColumnChoiceRow *self,
                 guint             *n)
{
  if (self->kind == SG_COLUMN_KIND_CATEGORY)
    {
      *n = G_N_ELEMENTS (category_missing);
      return category_missing;
    }
  *n = G_N_ELEMENTS (number_missing);
  return number_missing;
}

static guint
missing_position (SgColumnChoiceRow *self,
                  SgMissing          missing)
{
  guint n;
  const SgMissing *options = missing_options (self, &n);

  for (guint i = 0; i < n; i++)
    if (options[i] == missing)
      return i;
  return n - 1;  /* leave */
}

static void
update_visibility (SgColumnChoiceRow *self)
{
  gboolean number = self->kind == SG_COLUMN_KIND_NUMBER;
  gboolean category = self->kind == SG_COLUMN_KIND_CATEGORY;
  gboolean on = self->choice.included;
  gboolean fills = self->choice.missing != SG_MISSING_LEAVE && self->choice.missing != SG_MISSING_DROP_ROWS;

  gtk_widget_set_visible (GTK_WIDGET (self->transform_dropdown), number && on);
  gtk_widget_set_visible (GTK_WIDGET (self->transform_row), number);
  gtk_widget_set_visible (GTK_WIDGET (self->missing_row), self->kind != SG_COLUMN_KIND_OTHER && self->n_missing > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->fill_value_row),
                          self->n_missing > 0 && self->choice.missing == SG_MISSING_CONSTANT);
  gtk_widget_set_visible (GTK_WIDGET (self->flag_row), self->kind != SG_COLUMN_KIND_OTHER && self->n_missing > 0 && fills);
  gtk_widget_set_visible (GTK_WIDGET (self->outliers_row), number && self->type != SG_COLUMN_BOOLEAN);
  gtk_widget_set_visible (GTK_WIDGET (self->cap_range_row), number && self->type != SG_COLUMN_BOOLEAN && self->choice.cap);
  gtk_widget_set_visible (GTK_WIDGET (self->levels_row), category);
  gtk_widget_set_visible (GTK_WIDGET (self->weight_row), category);
  for (GtkWidget *row = GTK_WIDGET (self->transform_row); row != NULL; row = gtk_widget_get_next_sibling (row))
    gtk_widget_set_sensitive (row, on);
}

static void
show_choice (SgColumnChoiceRow *self)
{
  const SgColumnChoice *choice = &self->choice;
  g_autofree char *fill_text = NULL;
  g_autofree char *why = NULL;
  SgMissing usual = sg_missing_default_for_type (self->type, &why);

  self->updating = TRUE;
  gtk_switch_set_active (self->include_switch, choice->included);
  gtk_drop_down_set_selected (self->transform_dropdown, choice->transform);
  adw_action_row_set_subtitle (self->transform_row, sg_transform_describe (choice->transform));
  adw_combo_row_set_selected (self->missing_row, missing_position (self, choice->missing));
  if (choice->missing == usual && why != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->missing_row), why);
  else if (choice->missing == SG_MISSING_LEAVE)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->missing_row),
                                 _("Customers without a value are left out of the segments."));
  else
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->missing_row), why != NULL ? why : "");
  fill_text = choice->fill_text != NULL ? g_strdup (choice->fill_text) : g_strdup_printf ("%g", choice->fill_number);
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->fill_value_row)), fill_text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->fill_value_row), fill_text);
  gtk_switch_set_active (self->flag_switch, choice->missing_flag);
  gtk_switch_set_active (self->cap_switch, choice->cap);
  gtk_spin_button_set_value (self->cap_lower_spin, 100 * choice->cap_lower);
  gtk_spin_button_set_value (self->cap_upper_spin, 100 * choice->cap_upper);
  gtk_spin_button_set_value (self->levels_spin, choice->max_levels);
  gtk_spin_button_set_value (self->weight_spin, choice->weight);
  update_visibility (self);
  self->updating = FALSE;
}

static void
emit_changed (SgColumnChoiceRow *self)
{
  update_visibility (self);
  adw_action_row_set_subtitle (self->transform_row, sg_transform_describe (self->choice.transform));
  g_signal_emit (self, signals[CHANGED], 0);
}

/* ---- the user's edits ---- */

static void
include_changed_cb (SgColumnChoiceRow *self)
{
  if (self->updating)
    return;
  self->choice.included = gtk_switch_get_active (self->include_switch);
  emit_changed (self);
}

static void
transform_changed_cb (SgColumnChoiceRow *self)
{
  guint selected = gtk_drop_down_get_selected (self->transform_dropdown);

  if (self->updating || selected >= SG_N_TRANSFORMS)
    return;
  self->choice.transform = selected;
  emit_changed (self);
}

static void
missing_changed_cb (SgColumnChoiceRow *self)
{
  guint n, selected = adw_combo_row_get_selected (self->missing_row);
  const SgMissing *options = missing_options (self, &n);

  if (self->updating || selected >= n)
    return;
  self->choice.missing = options[selected];
  emit_changed (self);
}

static void
fill_value_applied_cb (SgColumnChoiceRow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->fill_value_row));

  if (self->updating)
    return;
  if (self->kind == SG_COLUMN_KIND_NUMBER)
    {
      char *end = NULL;
      double value = g_ascii_strtod (text, &end);

      if (end == text || !isfinite (value))
        {
          gtk_widget_add_css_class (GTK_WIDGET (self->fill_value_row), "error");
          return;
        }
      gtk_widget_remove_css_class (GTK_WIDGET (self->fill_value_row), "error");
      self->choice.fill_number = value;
    }
  else
    {
      g_free (self->choice.fill_text);
      self->choice.fill_text = g_strdup (text);
    }
  emit_changed (self);
}

static void
flag_changed_cb (SgColumnChoiceRow *self)
{
  if (self->updating)
    return;
  self->choice.missing_flag = gtk_switch_get_active (self->flag_switch);
  emit_changed (self);
}

static void
cap_changed_cb (SgColumnChoiceRow *self)
{
  if (self->updating)
    return;
  self->choice.cap = gtk_switch_get_active (self->cap_switch);
  emit_changed (self);
}

static void
cap_range_changed_cb (SgColumnChoiceRow *self)
{
  if (self->updating)
    return;
  self->choice.cap_lower = gtk_spin_button_get_value (self->cap_lower_spin) / 100;
  self->choice.cap_upper = gtk_spin_button_get_value (self->cap_upper_spin) / 100;
  emit_changed (self);
}

static void
one_hot_changed_cb (SgColumnChoiceRow *self)
{
  if (self->updating)
    return;
  self->choice.max_levels = (guint) gtk_spin_button_get_value_as_int (self->levels_spin);
  self->choice.weight = gtk_spin_button_get_value (self->weight_spin);
  emit_changed (self);
}

/* The histogram is drawn on first expansion: a page of closed rows builds no charts. */
static void
expanded_cb (SgColumnChoiceRow *self)
{
  g_autoptr(SgHistogramChart) chart = NULL;
  g_autofree char *title = NULL;

  if (self->chart != NULL || self->n_bins == 0 || !adw_expander_row_get_expanded (ADW_EXPANDER_ROW (self)))
    return;
  chart = sg_histogram_chart_new ();
  sg_histogram_chart_set_bins (chart, self->bin_edges, self->bin_counts, self->n_bins, self->n_missing);
  sg_histogram_chart_set_label (chart, self->column);
  title = g_strdup_printf (_("Distribution of %s"), self->column);
  sg_chart_set_title (SG_CHART (chart), NULL);
  self->chart = sg_chart_view_new (SG_CHART (chart));
  gtk_widget_set_size_request (self->chart, 240, 150);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->chart), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_box_append (self->chart_box, self->chart);
}

/* ---- GObject ---- */

static void
sg_column_choice_row_finalize (GObject *object)
{
  SgColumnChoiceRow *self = SG_COLUMN_CHOICE_ROW (object);

  g_free (self->column);
  g_free (self->bin_edges);
  g_free (self->bin_counts);
  sg_column_choice_clear (&self->choice);

  G_OBJECT_CLASS (sg_column_choice_row_parent_class)->finalize (object);
}

static void
sg_column_choice_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SG_TYPE_COLUMN_CHOICE_ROW);

  G_OBJECT_CLASS (sg_column_choice_row_parent_class)->dispose (object);
}

static void
sg_column_choice_row_class_init (SgColumnChoiceRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sg_column_choice_row_dispose;
  object_class->finalize = sg_column_choice_row_finalize;

  /**
   * SgColumnChoiceRow::changed:
   *
   * The user changed the column's choice (sg_column_choice_row_get_choice()).
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/sg-column-choice-row.ui");
  gtk_widget_class_bind_template_child (widget_class, SgColumnChoiceRow, transform_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SgColumnChoiceRow, include_switch);
  gtk_widget_class_bind_template_child (widget_class, SgColumnChoiceRow, advice_label);
  gtk_widget_class_bind_template_child (widget_class, SgColumnChoiceRow, stats_label);
  gtk_widget_class_bind_template_child (widget_class, SgColumnChoiceRow, chart_box);
  gtk_widget_class_bind_template_child (widget_class, SgColumnChoiceRow, transform_row);
  gtk_widget_class_bind_template_child (widget_class, SgColumnChoiceRow, missing_row);
  gtk_widget_class_bind_template_child (widget_class, SgColumnChoiceRow, fill_value_row);
  gtk_widget_class_bind_template_child (widget_class, SgColumnChoiceRow, flag_row);
  gtk_widget_class_bind_template_child (widget_class, SgColumnChoiceRow, flag_switch);
  gtk_widget_class_bind_template_child (widget_class, SgColumnChoiceRow, outliers_row);
  gtk_widget_class_bind_template_child (widget_class, SgColumnChoiceRow, cap_switch);
  gtk_widget_class_bind_template_child (widget_class, SgColumnChoiceRow, cap_range_row);
  gtk_widget_class_bind_template_child (widget_class, SgColumnChoiceRow, cap_lower_spin);
  gtk_widget_class_bind_template_child (widget_class, SgColumnChoiceRow, cap_upper_spin);
  gtk_widget_class_bind_template_child (widget_class, SgColumnChoiceRow, levels_row);
  gtk_widget_class_bind_template_child (widget_class, SgColumnChoiceRow, levels_spin);
  gtk_widget_class_bind_template_child (widget_class, SgColumnChoiceRow, weight_row);
  gtk_widget_class_bind_template_child (widget_class, SgColumnChoiceRow, weight_spin);

  g_type_ensure (SG_TYPE_CHART_VIEW);
}

static void
sg_column_choice_row_init (SgColumnChoiceRow *self)
{
  g_autoptr(GtkStringList) transforms = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  sg_column_choice_init (&self->choice);
  for (guint t = 0; t < SG_N_TRANSFORMS; t++)
    gtk_string_list_append (transforms, sg_transform_get_label (t));
  gtk_drop_down_set_model (self->transform_dropdown, G_LIST_MODEL (transforms));

  g_signal_connect_object (self->include_switch, "notify::active", G_CALLBACK (include_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->transform_dropdown, "notify::selected", G_CALLBACK (transform_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->missing_row, "notify::selected", G_CALLBACK (missing_changed_cb), self,
                           G_CONNECT_SWAPPED);
  adw_entry_row_set_show_apply_button (self->fill_value_row, TRUE);
  g_signal_connect_object (self->fill_value_row, "apply", G_CALLBACK (fill_value_applied_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->flag_switch, "notify::active", G_CALLBACK (flag_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->cap_switch, "notify::active", G_CALLBACK (cap_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->cap_lower_spin, "value-changed", G_CALLBACK (cap_range_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->cap_upper_spin, "value-changed", G_CALLBACK (cap_range_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->levels_spin, "value-changed", G_CALLBACK (one_hot_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->weight_spin, "value-changed", G_CALLBACK (one_hot_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::expanded", G_CALLBACK (expanded_cb), NULL);
}

static void
label_controls (SgColumnChoiceRow *self)
{
  g_autofree char *include = g_strdup_printf (_("Use “%s” in the segments"), self->column);
  g_autofree char *transform = g_strdup_printf (_("Scaling of “%s”"), self->column);
  g_autofree char *missing = g_strdup_printf (_("Missing values of “%s”"), self->column);
  g_autofree char *lower = g_strdup_printf (_("Lower percentile for “%s”"), self->column);
  g_autofree char *upper = g_strdup_printf (_("Upper percentile for “%s”"), self->column);
  g_autofree char *levels = g_strdup_printf (_("Values of “%s” with their own column"), self->column);
  g_autofree char *weight = g_strdup_printf (_("Weight of “%s”"), self->column);
  g_autofree char *flag = g_strdup_printf (_("Add a “was missing” column for “%s”"), self->column);
  g_autofree char *cap = g_strdup_printf (_("Cap extreme values of “%s”"), self->column);

  sg_a11y_set_label (GTK_WIDGET (self->include_switch), include);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->include_switch), include);
  sg_a11y_set_label (GTK_WIDGET (self->transform_dropdown), transform);
  sg_a11y_set_label (GTK_WIDGET (self->missing_row), missing);
  sg_a11y_set_label (GTK_WIDGET (self->cap_lower_spin), lower);
  sg_a11y_set_label (GTK_WIDGET (self->cap_upper_spin), upper);
  sg_a11y_set_label (GTK_WIDGET (self->levels_spin), levels);
  sg_a11y_set_label (GTK_WIDGET (self->weight_spin), weight);
  sg_a11y_set_label (GTK_WIDGET (self->flag_switch), flag);
  sg_a11y_set_label (GTK_WIDGET (self->cap_switch), cap);
  sg_a11y_fix_names (GTK_WIDGET (self->missing_row));
}

static void
fill_missing_model (SgColumnChoiceRow *self)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  guint n;
  const SgMissing *options = missing_options (self, &n);

  for (guint i = 0; i < n; i++)
    gtk_string_list_append (model, sg_missing_get_label (options[i]));
  self->updating = TRUE;
  adw_combo_row_set_model (self->missing_row, G_LIST_MODEL (model));
  self->updating = FALSE;
}

SgColumnChoiceRow *
sg_column_choice_row_new (const char            *column,
                          SgColumnType           type,
                          const SgColumnQuality *quality,
                          GPtrArray             *advice,
                          guint64                n_rows)
{
  SgColumnChoiceRow *self;
  g_autofree char *summary = NULL;
  g_autofree char *about = NULL;
  g_autofree char *title = NULL;

  g_return_val_if_fail (column != NULL, NULL);

  self = g_object_new (SG_TYPE_COLUMN_CHOICE_ROW, NULL);
  self->column = g_strdup (column);
  self->type = type;
  self->kind = sg_column_kind_for_type (type);
  /* whole numbers that merely number customers are identifiers too */
  for (guint i = 0; advice != NULL && i < advice->len; i++)
    {
      const SgAdviceItem *item = g_ptr_array_index (advice, i);

      if (item->kind == SG_ADVICE_IDENTIFIER || item->kind == SG_ADVICE_TEXT)
        self->kind = SG_COLUMN_KIND_OTHER;
    }
  self->n_rows = n_rows;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), column);
  if (quality != NULL)
    {
      g_autofree char *stats = NULL;
      g_autofree char *outliers = NULL;
      g_autofree char *n_outliers = sg_format_count (quality->outliers_iqr);

      self->n_missing = quality->n_missing;
      stats = stats_text (self, quality);
      gtk_label_set_label (self->stats_label, stats);
      if (quality->n_bins > 0 && self->kind == SG_COLUMN_KIND_NUMBER)
        {
          self->n_bins = quality->n_bins;
          self->bin_edges = g_memdup2 (quality->bin_edges, (quality->n_bins + 1) * sizeof (double));
          self->bin_counts = g_memdup2 (quality->bin_counts, quality->n_bins * sizeof (guint64));
        }
      outliers = quality->outliers_iqr > 0
        ? g_strdup_printf (g_dngettext (NULL,
                                        "%s value lies far outside the usual range (more than 1.5 × the interquartile range beyond the quartiles)",
                                        "%s values lie far outside the usual range (more than 1.5 × the interquartile range beyond the quartiles)",
                                        quality->outliers_iqr),
                           n_outliers)
        : g_strdup (_("No value lies far outside the usual range"));
      adw_action_row_set_subtitle (self->outliers_row, outliers);
      summary = sg_column_choice_row_summary (type, n_rows > 0 ? (double) quality->n_missing / n_rows : 0, advice);
    }
  else
    summary = sg_column_choice_row_summary (type, 0, advice);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), summary);
  about = advice_text (self, advice);
  gtk_label_set_label (self->advice_label, about);
  if (self->n_missing > 0)
    {
      g_autofree char *count = sg_format_count (self->n_missing);

      /* Translators: "Missing values (67)" */
      title = g_strdup_printf (_("Missing values (%s)"), count);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->missing_row), title);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->include_switch), self->kind != SG_COLUMN_KIND_OTHER);
  if (self->kind == SG_COLUMN_KIND_OTHER)
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->include_switch),
                                 _("Identifiers, free text and dates cannot shape the segments"));
  fill_missing_model (self);
  label_controls (self);
  show_choice (self);
  return self;
}

const char *
sg_column_choice_row_get_column (SgColumnChoiceRow *self)
{
  g_return_val_if_fail (SG_IS_COLUMN_CHOICE_ROW (self), NULL);

  return self->column;
}

SgColumnKind
sg_column_choice_row_get_kind (SgColumnChoiceRow *self)
{
  g_return_val_if_fail (SG_IS_COLUMN_CHOICE_ROW (self), SG_COLUMN_KIND_OTHER);

  return self->kind;
}

const SgColumnChoice *
sg_column_choice_row_get_choice (SgColumnChoiceRow *self)
{
  g_return_val_if_fail (SG_IS_COLUMN_CHOICE_ROW (self), NULL);

  return &self->choice;
}

void
sg_column_choice_row_set_choice (SgColumnChoiceRow    *self,
                                 const SgColumnChoice *choice)
{
  g_return_if_fail (SG_IS_COLUMN_CHOICE_ROW (self));
  g_return_if_fail (choice != NULL);

  if (choice->included)
    sg_column_choice_copy (&self->choice, choice);
  else
    self->choice.included = FALSE;
  show_choice (self);
}

void
sg_column_choice_row_set_default_choice (SgColumnChoiceRow    *self,
                                         const SgColumnChoice *choice)
{
  g_return_if_fail (SG_IS_COLUMN_CHOICE_ROW (self));
  g_return_if_fail (choice != NULL);

  sg_column_choice_copy (&self->choice, choice);
  show_choice (self);
}

void
sg_column_choice_row_set_included (SgColumnChoiceRow *self,
                                   gboolean           included)
{
  g_return_if_fail (SG_IS_COLUMN_CHOICE_ROW (self));

  gtk_switch_set_active (self->include_switch, included);
}

void
sg_column_choice_row_set_transform (SgColumnChoiceRow *self,
                                    SgTransform        transform)
{
  g_return_if_fail (SG_IS_COLUMN_CHOICE_ROW (self));
  g_return_if_fail (transform < SG_N_TRANSFORMS);

  gtk_drop_down_set_selected (self->transform_dropdown, transform);
}
