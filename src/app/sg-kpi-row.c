/* sg-kpi-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "SgKpiRow"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "sg-a11y.h"
#include "sg-kpi-row.h"

struct _SgKpiRow
{
  AdwExpanderRow  parent_instance;

  GtkWidget      *remove_button;
  AdwComboRow    *metric_row;
  AdwEntryRow    *name_row;
  AdwComboRow    *unit_row;
  AdwEntryRow    *baseline_row;
  AdwEntryRow    *target_row;

  SgKpi          *kpi;
  gboolean        loading;
};

G_DEFINE_FINAL_TYPE (SgKpiRow, sg_kpi_row, ADW_TYPE_EXPANDER_ROW)

enum {
  EDITED,
  REMOVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- numbers as people type them ---- */

gboolean
sg_kpi_row_parse_value (const char *text,
                        double     *value)
{
  g_autoptr(GString) s = g_string_new (NULL);
  const char *comma, *point;
  char *end = NULL;
  double v;

  g_return_val_if_fail (value != NULL, FALSE);

  *value = NAN;
  if (text == NULL)
    return TRUE;
  /* Keep digits, signs, separators and exponents; drop spaces (also no-break and thin ones), "%" and
   * currency signs around the number. */
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0x00A0 || c == 0x202F || c == 0x2009 || c == '%' ||
          g_unichar_type (c) == G_UNICODE_CURRENCY_SYMBOL)
        continue;
      if (c == 0x2212)   /* the minus sign */
        c = '-';
      if (c > 0x7f)
        return FALSE;
      g_string_append_c (s, (char) c);
    }
  if (s->len == 0)
    return TRUE;

  comma = strchr (s->str, ',');
  point = strchr (s->str, '.');
  if (comma != NULL && point != NULL)
    {
      /* Both: the first one groups thousands ("1,234.5" or "1.234,5"). */
      char group = comma < point ? ',' : '.';
      char decimal = group == ',' ? '.' : ',';
      g_autoptr(GString) t = g_string_new (NULL);

      for (const char *p = s->str; *p != '\0'; p++)
        if (*p != group)
          g_string_append_c (t, *p == decimal ? '.' : *p);
      g_string_assign (s, t->str);
    }
  else if (comma != NULL)
    {
      /* One comma is a decimal comma; several ("1,234,567") group thousands. */
      if (strchr (comma + 1, ',') != NULL)
        {
          g_autoptr(GString) t = g_string_new (NULL);

          for (const char *p = s->str; *p != '\0'; p++)
            if (*p != ',')
              g_string_append_c (t, *p);
          g_string_assign (s, t->str);
        }
      else
        s->str[comma - s->str] = '.';
    }

  if (!g_ascii_isdigit (s->str[0]) && s->str[0] != '-' && s->str[0] != '+' && s->str[0] != '.')
    return FALSE;
  v = g_ascii_strtod (s->str, &end);
  if (end == s->str || *end != '\0' || !isfinite (v))
    return FALSE;
  *value = v;
  return TRUE;
}

char *
sg_kpi_row_describe (const SgKpi *kpi)
{
  g_autofree char *baseline = NULL;
  g_autofree char *target = NULL;

  g_return_val_if_fail (kpi != NULL, NULL);

  if (isfinite (kpi->baseline))
    baseline = sg_kpi_unit_format_value (kpi->unit, kpi->baseline);
  if (isfinite (kpi->target))
    target = sg_kpi_unit_format_value (kpi->unit, kpi->target);
  if (baseline != NULL && target != NULL)
    /* Translators: a KPI's baseline and target, e.g. "4.5 % today → 6 % target" */
    return g_strdup_printf (_("%s today → %s target"), baseline, target);
  if (target != NULL)
    return g_strdup_printf (_("Target %s; today’s value not known yet"), target);
  if (baseline != NULL)
    return g_strdup_printf (_("%s today; no target yet"), baseline);
  return g_strdup (_("No baseline or target yet"));
}

/* ---- the row ---- */

static char *
format_value (double value)
{
  if (!isfinite (value))
    return g_strdup ("");
  /* The locale's decimal separator: the parser reads it back either way. */
  return g_strdup_printf ("%g", value);
}

static void
update_title (SgKpiRow *self)
{
  g_autofree char *subtitle = sg_kpi_row_describe (self->kpi);
  const char *name = sg_kpi_get_display_name (self->kpi);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self),
                                 name != NULL && *name != '\0' ? name : _("Unnamed measure"));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), subtitle);
  {
    g_autofree char *remove_label = g_strdup_printf (_("Remove the KPI “%s”"),
                                                     sg_kpi_get_display_name (self->kpi));

    sg_a11y_set_label (self->remove_button, remove_label);
  }
}

static void
set_entry (AdwEntryRow *row,
           const char  *text)
{
  gtk_editable_set_enable_undo (GTK_EDITABLE (row), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  gtk_editable_set_enable_undo (GTK_EDITABLE (row), TRUE);
}

void
sg_kpi_row_set_kpi (SgKpiRow    *self,
                    const SgKpi *kpi)
{
  g_autofree char *baseline = NULL;
  g_autofree char *target = NULL;

  g_return_if_fail (SG_IS_KPI_ROW (self));
  g_return_if_fail (kpi != NULL);

  g_clear_pointer (&self->kpi, sg_kpi_free);
  self->kpi = sg_kpi_copy (kpi);
  self->loading = TRUE;
  adw_combo_row_set_selected (self->metric_row, kpi->metric);
  adw_combo_row_set_selected (self->unit_row, kpi->unit);
  set_entry (self->name_row, kpi->name);
  baseline = format_value (kpi->baseline);
  target = format_value (kpi->target);
  set_entry (self->baseline_row, baseline);
  set_entry (self->target_row, target);
  gtk_widget_remove_css_class (GTK_WIDGET (self->baseline_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->target_row), "error");
  self->loading = FALSE;
  update_title (self);
}

const SgKpi *
sg_kpi_row_get_kpi (SgKpiRow *self)
{
  g_return_val_if_fail (SG_IS_KPI_ROW (self), NULL);

  return self->kpi;
}

gboolean
sg_kpi_row_get_valid (SgKpiRow *self)
{
  g_return_val_if_fail (SG_IS_KPI_ROW (self), FALSE);

  return !gtk_widget_has_css_class (GTK_WIDGET (self->baseline_row), "error") &&
         !gtk_widget_has_css_class (GTK_WIDGET (self->target_row), "error");
}

static void
edited (SgKpiRow *self)
{
  update_title (self);
  g_signal_emit (self, signals[EDITED], 0);
}

static void
metric_selected_cb (SgKpiRow *self)
{
  guint selected = adw_combo_row_get_selected (self->metric_row);

  if (self->loading || selected >= SG_N_KPI_METRICS || selected == (guint) self->kpi->metric)
    return;
  self->kpi->metric = (SgKpiMetric) selected;
  if (self->kpi->metric != SG_KPI_CUSTOM)
    {
      /* A standard measure comes with its unit and its own name. */
      self->kpi->unit = sg_kpi_metric_get_default_unit (self->kpi->metric);
      g_clear_pointer (&self->kpi->name, g_free);
      self->loading = TRUE;
      adw_combo_row_set_selected (self->unit_row, self->kpi->unit);
      set_entry (self->name_row, NULL);
      self->loading = FALSE;
    }
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
  edited (self);
}

static void
unit_selected_cb (SgKpiRow *self)
{
  guint selected = adw_combo_row_get_selected (self->unit_row);

  if (self->loading || selected >= SG_N_KPI_UNITS || selected == (guint) self->kpi->unit)
    return;
  self->kpi->unit = (SgKpiUnit) selected;
  edited (self);
}

static void
name_changed_cb (SgKpiRow *self)
{
  g_autofree char *name = NULL;

  if (self->loading)
    return;
  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  g_clear_pointer (&self->kpi->name, g_free);
  if (*name != '\0')
    self->kpi->name = g_steal_pointer (&name);
  edited (self);
}

static void
value_changed_cb (AdwEntryRow *row,
                  SgKpiRow    *self)
{
  double value;
  gboolean ok;

  if (self->loading)
    return;
  ok = sg_kpi_row_parse_value (gtk_editable_get_text (GTK_EDITABLE (row)), &value);
  if (ok)
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (row), ok ? NULL : _("Not a number: type digits, for example 4.5"));
  if (!ok)
    return;   /* the last number typed stays until this one is one */
  if (row == self->baseline_row)
    self->kpi->baseline = value;
  else
    self->kpi->target = value;
  edited (self);
}

static void
remove_clicked_cb (GtkButton *button,
                   SgKpiRow  *self)
{
  g_signal_emit (self, signals[REMOVE], 0);
}

static GListModel *
metric_model_new (void)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (guint m = 0; m < SG_N_KPI_METRICS; m++)
    gtk_string_list_append (list, m == SG_KPI_CUSTOM ? _("Something else (name it below)")
                                                     : sg_kpi_metric_get_label (m));
  return G_LIST_MODEL (list);
}

static GListModel *
unit_model_new (void)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (guint u = 0; u < SG_N_KPI_UNITS; u++)
    gtk_string_list_append (list, sg_kpi_unit_get_label (u));
  return G_LIST_MODEL (list);
}

static void
sg_kpi_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SG_TYPE_KPI_ROW);

  G_OBJECT_CLASS (sg_kpi_row_parent_class)->dispose (object);
}

static void
sg_kpi_row_finalize (GObject *object)
{
  SgKpiRow *self = SG_KPI_ROW (object);

  g_clear_pointer (&self->kpi, sg_kpi_free);

  G_OBJECT_CLASS (sg_kpi_row_parent_class)->finalize (object);
}

static void
sg_kpi_row_class_init (SgKpiRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sg_kpi_row_dispose;
  object_class->finalize = sg_kpi_row_finalize;

  /**
   * SgKpiRow::edited:
   *
   * The user changed the KPI; sg_kpi_row_get_kpi() has it.
   */
  signals[EDITED] =
    g_signal_new ("edited", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * SgKpiRow::remove:
   *
   * The user asked to remove this KPI.
   */
  signals[REMOVE] =
    g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/sg-kpi-row.ui");
  gtk_widget_class_bind_template_child (widget_class, SgKpiRow, remove_button);
  gtk_widget_class_bind_template_child (widget_class, SgKpiRow, metric_row);
  gtk_widget_class_bind_template_child (widget_class, SgKpiRow, name_row);
  gtk_widget_class_bind_template_child (widget_class, SgKpiRow, unit_row);
  gtk_widget_class_bind_template_child (widget_class, SgKpiRow, baseline_row);
  gtk_widget_class_bind_template_child (widget_class, SgKpiRow, target_row);
  gtk_widget_class_bind_template_callback (widget_class, remove_clicked_cb);
}

static void
sg_kpi_row_init (SgKpiRow *self)
{
  g_autoptr(GListModel) metrics = metric_model_new ();
  g_autoptr(GListModel) units = unit_model_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->kpi = sg_kpi_new (SG_KPI_CUSTOM);
  adw_combo_row_set_model (self->metric_row, metrics);
  adw_combo_row_set_model (self->unit_row, units);
  g_signal_connect_swapped (self->metric_row, "notify::selected", G_CALLBACK (metric_selected_cb), self);
  g_signal_connect_swapped (self->unit_row, "notify::selected", G_CALLBACK (unit_selected_cb), self);
  g_signal_connect_swapped (self->name_row, "changed", G_CALLBACK (name_changed_cb), self);
  g_signal_connect (self->baseline_row, "changed", G_CALLBACK (value_changed_cb), self);
  g_signal_connect (self->target_row, "changed", G_CALLBACK (value_changed_cb), self);
}

GtkWidget *
sg_kpi_row_new (const SgKpi *kpi)
{
  SgKpiRow *self = g_object_new (SG_TYPE_KPI_ROW, NULL);

  if (kpi != NULL)
    sg_kpi_row_set_kpi (self, kpi);
  else
    update_title (self);
  return GTK_WIDGET (self);
}
