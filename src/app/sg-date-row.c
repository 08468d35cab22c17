/* sg-date-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "SgDateRow"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "sg-date-row.h"

struct _SgDateRow
{
  AdwEntryRow    parent_instance;

  GtkMenuButton *calendar_button;
  GtkPopover    *popover;
  GtkCalendar   *calendar;

  char          *date;      /* ISO, or NULL */
  gboolean       valid;
  gboolean       loading;
};

G_DEFINE_FINAL_TYPE (SgDateRow, sg_date_row, ADW_TYPE_ENTRY_ROW)

enum {
  PROP_0,
  PROP_DATE,
  PROP_VALID,
  N_PROPS
};

enum {
  EDITED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static char *
format_iso (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

gboolean
sg_date_row_parse (const char  *text,
                   char       **iso)
{
  g_autofree char *copy = g_strstrip (g_strdup (text != NULL ? text : ""));
  GDate date;
  unsigned y, m, d;
  int used = 0;

  g_return_val_if_fail (iso != NULL, FALSE);

  *iso = NULL;
  if (*copy == '\0')
    return TRUE;
  g_date_clear (&date, 1);
  /* ISO first (also 2025-3-1): it is what the field shows and what files hold. */
  if (sscanf (copy, "%4u-%2u-%2u%n", &y, &m, &d, &used) == 3 && copy[used] == '\0')
    {
      if (y < 1 || m < 1 || m > 12 || !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
        return FALSE;
      g_date_set_dmy (&date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
    }
  else
    {
      /* The locale's ways of writing a date ("1 March 2025", "01/03/2025"), as GLib reads them; a
       * lone number is not a date. */
      if (strspn (copy, "0123456789") == strlen (copy))
        return FALSE;
      /* Something that starts like an ISO date but is not one ("2025-03-01x") is a typo, not a
       * date to guess at. */
      if (strspn (copy, "0123456789") == 4 && copy[4] == '-')
        return FALSE;
      g_date_set_parse (&date, copy);
      if (!g_date_valid (&date) || g_date_get_year (&date) < 1000)
        return FALSE;
    }
  *iso = format_iso (&date);
  return TRUE;
}

const char *
sg_date_row_get_date (SgDateRow *self)
{
  g_return_val_if_fail (SG_IS_DATE_ROW (self), NULL);

  return self->date;
}

gboolean
sg_date_row_get_valid (SgDateRow *self)
{
  g_return_val_if_fail (SG_IS_DATE_ROW (self), FALSE);

  return self->valid;
}

static void
set_state (SgDateRow  *self,
           const char *iso,
           gboolean    valid)
{
  gboolean date_changed = g_strcmp0 (self->date, iso) != 0;
  gboolean valid_changed = self->valid != valid;

  if (date_changed)
    {
      g_free (self->date);
      self->date = g_strdup (iso);
    }
  self->valid = valid;
  if (valid)
    gtk_widget_remove_css_class (GTK_WIDGET (self), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self),
                               valid ? NULL
                                     : _("Not a date: write it as year-month-day, for example 2025-03-01, or pick it from the calendar."));
  if (date_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE]);
  if (valid_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALID]);
}

void
sg_date_row_set_date (SgDateRow  *self,
                      const char *iso_date)
{
  g_autofree char *iso = NULL;
  gboolean valid;

  g_return_if_fail (SG_IS_DATE_ROW (self));

  valid = sg_date_row_parse (iso_date, &iso);
  self->loading = TRUE;
  /* A new document: the old text is not something to undo back to. */
  gtk_editable_set_enable_undo (GTK_EDITABLE (self), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self), valid && iso != NULL ? iso : "");
  gtk_editable_set_enable_undo (GTK_EDITABLE (self), TRUE);
  self->loading = FALSE;
  set_state (self, valid ? iso : NULL, TRUE);
}

static void
text_changed_cb (GtkEditable *editable,
                 gpointer     user_data)
{
  SgDateRow *self = SG_DATE_ROW (editable);
  g_autofree char *iso = NULL;
  gboolean valid;

  if (self->loading)
    return;
  valid = sg_date_row_parse (gtk_editable_get_text (GTK_EDITABLE (self)), &iso);
  set_state (self, iso, valid);
  g_signal_emit (self, signals[EDITED], 0);
}

/* Leaving the field shows how the date was understood. */
static void
normalise (SgDateRow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self));

  if (self->valid && self->date != NULL && g_strcmp0 (text, self->date) != 0)
    {
      self->loading = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self), self->date);
      self->loading = FALSE;
    }
}

static void
focus_leave_cb (GtkEventControllerFocus *controller,
                SgDateRow               *self)
{
  normalise (self);
}

static void
day_selected_cb (GtkCalendar *calendar,
                 SgDateRow   *self)
{
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *iso = NULL;

  if (self->loading)
    return;
  when = gtk_calendar_get_date (calendar);
  iso = g_date_time_format (when, "%Y-%m-%d");
  gtk_editable_set_text (GTK_EDITABLE (self), iso);
  gtk_popover_popdown (self->popover);
}

static void
popover_shown_cb (GtkPopover *popover,
                  SgDateRow  *self)
{
  g_autoptr(GDateTime) when = NULL;

  if (self->date != NULL)
    {
      GDate date;

      g_date_clear (&date, 1);
      g_date_set_parse (&date, self->date);
      if (g_date_valid (&date))
        when = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                                      g_date_get_day (&date), 12, 0, 0);
    }
  if (when == NULL)
    when = g_date_time_new_now_local ();
  self->loading = TRUE;
  gtk_calendar_select_day (self->calendar, when);
  self->loading = FALSE;
}

static void
sg_date_row_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  SgDateRow *self = SG_DATE_ROW (object);

  switch (prop_id)
    {
    case PROP_DATE:
      g_value_set_string (value, self->date);
      break;
    case PROP_VALID:
      g_value_set_boolean (value, self->valid);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sg_date_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SG_TYPE_DATE_ROW);

  G_OBJECT_CLASS (sg_date_row_parent_class)->dispose (object);
}

static void
sg_date_row_finalize (GObject *object)
{
  SgDateRow *self = SG_DATE_ROW (object);

  g_free (self->date);

  G_OBJECT_CLASS (sg_date_row_parent_class)->finalize (object);
}

static void
sg_date_row_class_init (SgDateRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sg_date_row_dispose;
  object_class->finalize = sg_date_row_finalize;
  object_class->get_property = sg_date_row_get_property;

  properties[PROP_DATE] =
    g_param_spec_string ("date", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_VALID] =
    g_param_spec_boolean ("valid", NULL, NULL, TRUE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SgDateRow::edited:
   *
   * The user typed in the field or picked a day.
   */
  signals[EDITED] =
    g_signal_new ("edited", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/sg-date-row.ui");
  gtk_widget_class_bind_template_child (widget_class, SgDateRow, calendar_button);
  gtk_widget_class_bind_template_child (widget_class, SgDateRow, popover);
  gtk_widget_class_bind_template_child (widget_class, SgDateRow, calendar);
  gtk_widget_class_bind_template_callback (widget_class, day_selected_cb);
}

static void
sg_date_row_init (SgDateRow *self)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  self->valid = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self, "changed", G_CALLBACK (text_changed_cb), NULL);
  g_signal_connect (self->popover, "show", G_CALLBACK (popover_shown_cb), self);
  g_signal_connect (focus, "leave", G_CALLBACK (focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);
}
