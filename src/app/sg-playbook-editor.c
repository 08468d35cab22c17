/* sg-playbook-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "SgPlaybookEditor"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "sg-a11y.h"
#include "sg-channel-picker.h"
#include "sg-date-row.h"
#include "sg-editor-style.h"
#include "sg-format.h"
#include "sg-holdout.h"
#include "sg-kpi-row.h"
#include "sg-markdown-field.h"
#include "sg-playbook-editor.h"
#include "sg-playbook-templates.h"

struct _SgPlaybookEditor
{
  AdwBin            parent_instance;

  /* template */
  GtkStack         *stack;
  AdwStatusPage    *empty_page;
  GtkLabel         *empty_suggestion;
  GtkButton        *empty_use_button;
  GtkMenuButton    *empty_templates_button;
  AdwActionRow     *template_row;
  GtkButton        *template_use_button;
  GtkMenuButton    *templates_button;
  AdwEntryRow      *name_row;
  AdwComboRow      *objective_row;
  AdwComboRow      *status_row;
  AdwEntryRow      *owner_row;
  SgDateRow        *start_row;
  SgDateRow        *end_row;
  GtkLabel         *plan_problem;
  SgChannelPicker  *channel_picker;
  SgMarkdownField  *message_field;
  AdwEntryRow      *tone_row;
  AdwEntryRow      *cadence_row;
  SgMarkdownField  *offer_field;
  SgMarkdownField  *timing_field;
  AdwPreferencesGroup *kpi_group;
  GtkWidget        *add_kpi_button;
  AdwActionRow     *holdout_row;
  GtkSpinButton    *holdout_spin;
  GtkAdjustment    *holdout_adjustment;
  AdwComboRow      *stratify_row;

  SgPlaybook       *playbook;
  char             *segment_name;
  guint64           segment_size;
  GStrv             columns;
  const SgPlaybookTemplate *suggested;
  GPtrArray        *kpi_rows;     /* SgKpiRow, in the playbook's order (the group owns them) */
  gboolean          loading;
  gboolean          preview;
};

G_DEFINE_FINAL_TYPE (SgPlaybookEditor, sg_playbook_editor, ADW_TYPE_BIN)

enum {
  EDITED,
  TEMPLATE_APPLIED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

char *
sg_playbook_editor_describe_holdout (double  share,
                                     guint64 segment_size)
{
  guint64 n;
  g_autofree char *count = NULL;
  g_autofree char *total = NULL;
  int percent;

  if (!(share > 0.0))
    return g_strdup (_("Everyone in this segment will be contacted. Hold some customers back to measure what the campaign really changes."));
  n = sg_holdout_target_size (share, segment_size);
  count = sg_format_count (n);
  total = sg_format_count (segment_size);
  percent = (int) lround (share * 100.0);
  if (n == 0)
    /* Translators: %d is a percentage, %s a number of customers */
    return g_strdup_printf (_("%d%% of this segment’s %s customers rounds to nobody: the segment is too small for a control group of this size."),
                            percent, total);
  /* Translators: "10% of this segment (124 customers) won’t be contacted, …"; %d is a percentage, %s a
   * number of customers */
  return g_strdup_printf (g_dngettext (NULL, "%d%% of this segment (%s customer) won’t be contacted, so you can measure the effect.",
                                       "%d%% of this segment (%s customers) won’t be contacted, so you can measure the effect.",
                                       (gulong) MIN (n, G_MAXULONG)),
                          percent, count);
}

/* ---- fields ---- */

static AdwEntryRow *
entry_row (SgPlaybookEditor *self,
           SgPlaybookField   field)
{
  switch ((int) field)
    {
    case SG_PLAYBOOK_NAME:
      return self->name_row;
    case SG_PLAYBOOK_TONE:
      return self->tone_row;
    case SG_PLAYBOOK_CADENCE:
      return self->cadence_row;
    case SG_PLAYBOOK_OWNER:
      return self->owner_row;
    default:
      return NULL;
    }
}

static SgMarkdownField *
markdown_field (SgPlaybookEditor *self,
                SgPlaybookField   field)
{
  switch ((int) field)
    {
    case SG_PLAYBOOK_MESSAGE:
      return self->message_field;
    case SG_PLAYBOOK_OFFER:
      return self->offer_field;
    case SG_PLAYBOOK_TIMING:
      return self->timing_field;
    default:
      return NULL;
    }
}

static SgDateRow *
date_row (SgPlaybookEditor *self,
          SgPlaybookField   field)
{
  switch ((int) field)
    {
    case SG_PLAYBOOK_START_DATE:
      return self->start_row;
    case SG_PLAYBOOK_END_DATE:
      return self->end_row;
    default:
      return NULL;
    }
}

GtkWidget *
sg_playbook_editor_get_field_widget (SgPlaybookEditor *self,
                                     SgPlaybookField   field)
{
  g_return_val_if_fail (SG_IS_PLAYBOOK_EDITOR (self), NULL);

  if (entry_row (self, field) != NULL)
    return GTK_WIDGET (entry_row (self, field));
  if (date_row (self, field) != NULL)
    return GTK_WIDGET (date_row (self, field));
  return (GtkWidget *) markdown_field (self, field);
}

GtkSpinButton *
sg_playbook_editor_get_holdout_spin (SgPlaybookEditor *self)
{
  g_return_val_if_fail (SG_IS_PLAYBOOK_EDITOR (self), NULL);

  return self->holdout_spin;
}

SgPlaybook *
sg_playbook_editor_get_playbook (SgPlaybookEditor *self)
{
  g_return_val_if_fail (SG_IS_PLAYBOOK_EDITOR (self), NULL);

  return self->playbook;
}

const char *
sg_playbook_editor_get_suggested_template (SgPlaybookEditor *self)
{
  g_return_val_if_fail (SG_IS_PLAYBOOK_EDITOR (self), NULL);

  return self->suggested != NULL ? self->suggested->id : NULL;
}

/* ---- what the editor says about the plan ---- */

static void
update_holdout (SgPlaybookEditor *self)
{
  g_autofree char *sentence = NULL;
  double share = self->playbook != NULL ? sg_playbook_get_holdout_share (self->playbook) : 0.0;

  sentence = sg_playbook_editor_describe_holdout (share, self->segment_size);
  adw_action_row_set_subtitle (self->holdout_row, sentence);
  gtk_widget_set_sensitive (GTK_WIDGET (self->stratify_row), share > 0.0);
}

static void
update_problem (SgPlaybookEditor *self)
{
  g_autoptr(GError) error = NULL;
  const char *start, *end;
  SgPlaybookStatus status;
  g_autofree char *text = NULL;

  if (self->playbook == NULL)
    return;
  start = sg_playbook_get_field (self->playbook, SG_PLAYBOOK_START_DATE);
  end = sg_playbook_get_field (self->playbook, SG_PLAYBOOK_END_DATE);
  status = sg_playbook_get_status (self->playbook);
  if (!sg_date_row_get_valid (self->start_row) || !sg_date_row_get_valid (self->end_row))
    text = g_strdup (_("A date is not one the calendar knows: write it as year-month-day, for example 2025-03-01, or pick it with the calendar button."));
  else if (start != NULL && end != NULL && g_strcmp0 (start, end) > 0)
    text = g_strdup (_("The campaign ends before it starts: check the dates."));
  else if (status != SG_PLAYBOOK_DRAFT && !sg_playbook_validate (self->playbook, &error))
    /* Translators: %s says what is missing, from the playbook's checks */
    text = g_strdup_printf (_("Before this plan is approved: %s"), error->message);
  gtk_label_set_text (self->plan_problem, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->plan_problem), text != NULL);
}

static void
update_template_row (SgPlaybookEditor *self)
{
  const char *used = self->playbook != NULL ? sg_playbook_get_template (self->playbook) : NULL;
  const SgPlaybookTemplate *tpl = self->suggested;
  g_autofree char *subtitle = NULL;
  g_autofree char *button = NULL;
  g_autofree char *suggestion = NULL;

  if (tpl == NULL)
    return;
  if (used != NULL && g_strcmp0 (used, tpl->id) == 0)
    {
      /* Translators: %s is a template's name ("Win-back") */
      subtitle = g_strdup_printf (_("Made from the %s template: every field is yours to change."),
                                  sg_playbook_template_get_label (tpl));
      button = g_strdup (_("Apply Again"));
    }
  else
    {
      const SgPlaybookTemplate *used_tpl = used != NULL ? sg_playbook_template_lookup (used) : NULL;

      if (used_tpl != NULL)
        /* Translators: the first %s is the template the playbook came from, the second the one suggested */
        subtitle = g_strdup_printf (_("Made from the %s template. Suggested for this segment: %s — %s"),
                                    sg_playbook_template_get_label (used_tpl), sg_playbook_template_get_label (tpl),
                                    sg_playbook_template_get_description (tpl));
      else
        /* Translators: a template's name and what it does */
        subtitle = g_strdup_printf (_("Suggested for this segment: %s — %s"), sg_playbook_template_get_label (tpl),
                                    sg_playbook_template_get_description (tpl));
      /* Translators: a button; %s is a template's name ("Use the Win-back Template") */
      button = g_strdup_printf (_("Use the %s Template"), sg_playbook_template_get_label (tpl));
    }
  adw_action_row_set_subtitle (self->template_row, subtitle);
  gtk_button_set_label (self->template_use_button, button);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->template_use_button),
                               _("Fill the message, offer, timing, channels, KPIs and control group from the template (you can undo it)"));

  g_clear_pointer (&button, g_free);
  button = g_strdup_printf (_("Use the %s Template"), sg_playbook_template_get_label (tpl));
  gtk_button_set_label (self->empty_use_button, button);
  /* Translators: %s is a template's name, then what it does */
  suggestion = g_strdup_printf (_("Suggested for “%s”: %s — %s"), self->segment_name != NULL ? self->segment_name : "",
                                sg_playbook_template_get_label (tpl), sg_playbook_template_get_description (tpl));
  gtk_label_set_text (self->empty_suggestion, suggestion);
}

/* ---- edits ---- */

static void
edited (SgPlaybookEditor *self,
        gboolean          holdout_changed)
{
  update_problem (self);
  update_holdout (self);
  g_signal_emit (self, signals[EDITED], 0, holdout_changed);
}

static void
entry_changed_cb (AdwEntryRow      *row,
                  SgPlaybookEditor *self)
{
  SgPlaybookField field = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "sg-field"));

  if (self->loading || self->playbook == NULL)
    return;
  sg_playbook_set_field (self->playbook, field, gtk_editable_get_text (GTK_EDITABLE (row)));
  edited (self, FALSE);
}

static void
markdown_edited_cb (SgMarkdownField  *markdown,
                    SgPlaybookEditor *self)
{
  SgPlaybookField field = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (markdown), "sg-field"));
  g_autofree char *text = NULL;

  if (self->loading || self->playbook == NULL)
    return;
  text = sg_markdown_field_dup_text (markdown);
  sg_playbook_set_field (self->playbook, field, text);
  edited (self, FALSE);
}

static void
date_edited_cb (SgDateRow        *row,
                SgPlaybookEditor *self)
{
  SgPlaybookField field = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "sg-field"));

  if (self->loading || self->playbook == NULL)
    return;
  /* A text that is not (yet) a date keeps the date stored before. */
  if (sg_date_row_get_valid (row))
    sg_playbook_set_field (self->playbook, field, sg_date_row_get_date (row));
  edited (self, FALSE);
}

static void
channels_edited_cb (SgChannelPicker  *picker,
                    SgPlaybookEditor *self)
{
  if (self->loading || self->playbook == NULL)
    return;
  sg_playbook_set_channels (self->playbook, sg_channel_picker_get_channels (picker));
  edited (self, FALSE);
}

static void
objective_selected_cb (SgPlaybookEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->objective_row);

  if (self->loading || self->playbook == NULL || selected >= SG_N_OBJECTIVES)
    return;
  sg_playbook_set_objective (self->playbook, (SgObjective) selected);
  edited (self, FALSE);
}

static void
status_selected_cb (SgPlaybookEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->status_row);

  if (self->loading || self->playbook == NULL || selected >= SG_N_PLAYBOOK_STATUSES)
    return;
  sg_playbook_set_status (self->playbook, (SgPlaybookStatus) selected);
  edited (self, FALSE);
}

static void
holdout_changed_cb (GtkAdjustment    *adjustment,
                    SgPlaybookEditor *self)
{
  double share = gtk_adjustment_get_value (adjustment) / 100.0;

  if (self->loading || self->playbook == NULL)
    return;
  if (fabs (share - sg_playbook_get_holdout_share (self->playbook)) < 1e-9)
    return;
  sg_playbook_set_holdout_share (self->playbook, share);
  edited (self, TRUE);
}

static void
stratify_selected_cb (SgPlaybookEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->stratify_row);
  const char *column = NULL;

  if (self->loading || self->playbook == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;
  if (selected > 0 && self->columns != NULL && selected - 1 < g_strv_length (self->columns))
    column = self->columns[selected - 1];
  if (g_strcmp0 (column, sg_playbook_get_holdout_stratify (self->playbook)) == 0)
    return;
  sg_playbook_set_holdout_stratify (self->playbook, column);
  edited (self, TRUE);
}

/* ---- KPIs ---- */

static guint
kpi_index (SgPlaybookEditor *self,
           SgKpiRow         *row)
{
  guint index = G_MAXUINT;

  g_ptr_array_find (self->kpi_rows, row, &index);
  return index;
}

static void
kpi_edited_cb (SgKpiRow         *row,
               SgPlaybookEditor *self)
{
  guint index = kpi_index (self, row);

  if (self->loading || self->playbook == NULL || index >= sg_playbook_get_n_kpis (self->playbook))
    return;
  sg_playbook_replace_kpi (self->playbook, index, sg_kpi_row_get_kpi (row));
  edited (self, FALSE);
}

static void
kpi_remove_cb (SgKpiRow         *row,
               SgPlaybookEditor *self)
{
  guint index = kpi_index (self, row);

  if (self->playbook == NULL || index >= sg_playbook_get_n_kpis (self->playbook))
    return;
  sg_playbook_remove_kpi (self->playbook, index);
  g_ptr_array_remove_index (self->kpi_rows, index);
  adw_preferences_group_remove (self->kpi_group, GTK_WIDGET (row));
  edited (self, FALSE);
}

static SgKpiRow *
append_kpi_row (SgPlaybookEditor *self,
                const SgKpi      *kpi)
{
  GtkWidget *row = sg_kpi_row_new (kpi);

  g_signal_connect (row, "edited", G_CALLBACK (kpi_edited_cb), self);
  g_signal_connect (row, "remove", G_CALLBACK (kpi_remove_cb), self);
  adw_preferences_group_add (self->kpi_group, row);
  g_ptr_array_add (self->kpi_rows, row);
  return SG_KPI_ROW (row);
}

static void
load_kpis (SgPlaybookEditor *self)
{
  for (guint i = 0; i < self->kpi_rows->len; i++)
    adw_preferences_group_remove (self->kpi_group, g_ptr_array_index (self->kpi_rows, i));
  g_ptr_array_set_size (self->kpi_rows, 0);
  for (guint i = 0; i < sg_playbook_get_n_kpis (self->playbook); i++)
    append_kpi_row (self, sg_playbook_get_kpi (self->playbook, i));
}

static void
add_kpi_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  SgPlaybookEditor *self = SG_PLAYBOOK_EDITOR (widget);
  g_autoptr(SgKpi) kpi = NULL;
  SgKpiMetric metric = SG_KPI_CONVERSION_RATE;
  SgKpiRow *row;

  if (self->playbook == NULL)
    return;
  /* The first standard measure the playbook does not track yet. */
  for (SgKpiMetric m = SG_KPI_CONVERSION_RATE; m < SG_N_KPI_METRICS; m++)
    {
      gboolean used = FALSE;

      for (guint i = 0; i < sg_playbook_get_n_kpis (self->playbook) && !used; i++)
        used = sg_playbook_get_kpi (self->playbook, i)->metric == m;
      if (!used)
        {
          metric = m;
          break;
        }
    }
  kpi = sg_kpi_new (metric);
  sg_playbook_add_kpi (self->playbook, kpi);
  row = append_kpi_row (self, kpi);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  edited (self, FALSE);
}

/* ---- loading ---- */

static void
load_entry (AdwEntryRow *row,
            const char  *text)
{
  gtk_editable_set_enable_undo (GTK_EDITABLE (row), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  gtk_editable_set_enable_undo (GTK_EDITABLE (row), TRUE);
}

static void
load_stratify (SgPlaybookEditor *self)
{
  const char *column = sg_playbook_get_holdout_stratify (self->playbook);
  guint selected = 0;

  for (guint i = 0; column != NULL && self->columns != NULL && self->columns[i] != NULL; i++)
    if (g_strcmp0 (self->columns[i], column) == 0)
      selected = i + 1;
  adw_combo_row_set_selected (self->stratify_row, selected);
}

static void
load_playbook (SgPlaybookEditor *self)
{
  SgPlaybook *playbook = self->playbook;

  gtk_stack_set_visible_child_name (self->stack, playbook != NULL ? "edit" : "empty");
  update_template_row (self);
  if (playbook == NULL)
    return;

  self->loading = TRUE;
  for (SgPlaybookField f = 0; f < SG_PLAYBOOK_N_FIELDS; f++)
    {
      if (entry_row (self, f) != NULL)
        load_entry (entry_row (self, f), sg_playbook_get_field (playbook, f));
      else if (date_row (self, f) != NULL)
        sg_date_row_set_date (date_row (self, f), sg_playbook_get_field (playbook, f));
      else if (markdown_field (self, f) != NULL)
        sg_markdown_field_set_text (markdown_field (self, f), sg_playbook_get_field (playbook, f));
    }
  adw_combo_row_set_selected (self->objective_row, sg_playbook_get_objective (playbook));
  adw_combo_row_set_selected (self->status_row, sg_playbook_get_status (playbook));
  sg_channel_picker_set_channels (self->channel_picker, sg_playbook_get_channels (playbook));
  gtk_adjustment_set_value (self->holdout_adjustment, round (sg_playbook_get_holdout_share (playbook) * 100.0));
  load_stratify (self);
  load_kpis (self);
  self->loading = FALSE;
  update_holdout (self);
  update_problem (self);
}

void
sg_playbook_editor_set_playbook (SgPlaybookEditor *self,
                                 SgPlaybook       *playbook)
{
  g_return_if_fail (SG_IS_PLAYBOOK_EDITOR (self));
  g_return_if_fail (playbook == NULL || SG_IS_PLAYBOOK (playbook));

  g_set_object (&self->playbook, playbook);
  load_playbook (self);
}

/* The id of the naming rule that named the segment ("dormant_high_spenders"): the profile keeps it in
 * naming.rule (name_rule holds the rule's text for people); a name_rule without spaces is an id. */
static char *
segment_rule_id (const SgSegmentInfo *segment)
{
  g_autoptr(JsonNode) root = segment->profile != NULL ? json_from_string (segment->profile, NULL) : NULL;

  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonNode *naming = json_object_get_member (json_node_get_object (root), "naming");
      const char *rule = naming != NULL && JSON_NODE_HOLDS_OBJECT (naming)
                         ? json_object_get_string_member_with_default (json_node_get_object (naming), "rule", NULL)
                         : NULL;

      if (rule != NULL && *rule != '\0' && g_strcmp0 (rule, "user") != 0)
        return g_strdup (rule);
    }
  if (segment->name_rule != NULL && strchr (segment->name_rule, ' ') == NULL)
    return g_strdup (segment->name_rule);
  return NULL;
}

void
sg_playbook_editor_set_segment (SgPlaybookEditor    *self,
                                const SgSegmentInfo *segment,
                                const char *const   *columns)
{
  g_autoptr(GtkStringList) choices = gtk_string_list_new (NULL);
  g_autofree char *rule = NULL;

  g_return_if_fail (SG_IS_PLAYBOOK_EDITOR (self));
  g_return_if_fail (segment != NULL);

  g_free (self->segment_name);
  self->segment_name = g_strdup (segment->name);
  self->segment_size = segment->size;
  rule = segment_rule_id (segment);
  self->suggested = sg_playbook_template_suggest (rule, segment->name, NULL);
  g_strfreev (self->columns);
  self->columns = g_strdupv ((char **) columns);

  gtk_string_list_append (choices, _("Nothing (random)"));
  for (guint i = 0; columns != NULL && columns[i] != NULL; i++)
    gtk_string_list_append (choices, columns[i]);
  self->loading = TRUE;
  adw_combo_row_set_model (self->stratify_row, G_LIST_MODEL (choices));
  self->loading = FALSE;
  update_template_row (self);
}

gboolean
sg_playbook_editor_apply_template (SgPlaybookEditor *self,
                                   const char       *template_id)
{
  const SgPlaybookTemplate *tpl;
  g_autoptr(SgPlaybook) previous = NULL;

  g_return_val_if_fail (SG_IS_PLAYBOOK_EDITOR (self), FALSE);

  tpl = sg_playbook_template_lookup (template_id);
  if (tpl == NULL)
    return FALSE;
  if (self->playbook == NULL)
    self->playbook = sg_playbook_new_from_template (tpl, self->segment_name);
  else
    {
      previous = sg_playbook_copy (self->playbook);
      sg_playbook_apply_template (self->playbook, tpl);
    }
  load_playbook (self);
  edited (self, TRUE);
  g_signal_emit (self, signals[TEMPLATE_APPLIED], 0, previous, sg_playbook_template_get_label (tpl));
  return TRUE;
}

void
sg_playbook_editor_set_preview (SgPlaybookEditor *self,
                                gboolean          preview)
{
  g_return_if_fail (SG_IS_PLAYBOOK_EDITOR (self));

  self->preview = !!preview;
  sg_markdown_field_set_preview (self->message_field, self->preview);
  sg_markdown_field_set_preview (self->offer_field, self->preview);
  sg_markdown_field_set_preview (self->timing_field, self->preview);
}

/* ---- actions ---- */

static void
use_suggested_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SgPlaybookEditor *self = SG_PLAYBOOK_EDITOR (widget);

  if (self->suggested != NULL)
    sg_playbook_editor_apply_template (self, self->suggested->id);
}

static void
use_template_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  sg_playbook_editor_apply_template (SG_PLAYBOOK_EDITOR (widget), g_variant_get_string (parameter, NULL));
}

static void
start_blank_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SgPlaybookEditor *self = SG_PLAYBOOK_EDITOR (widget);

  if (self->playbook != NULL)
    return;
  self->playbook = sg_playbook_new ();
  sg_playbook_set_field (self->playbook, SG_PLAYBOOK_NAME, self->segment_name);
  load_playbook (self);
  edited (self, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

/* ---- construction ---- */

static GMenuModel *
templates_menu_new (void)
{
  GMenu *menu = g_menu_new ();

  for (guint i = 0; i < sg_playbook_template_get_n_templates (); i++)
    {
      const SgPlaybookTemplate *tpl = sg_playbook_template_get (i);
      g_autoptr(GMenuItem) item = g_menu_item_new (sg_playbook_template_get_label (tpl), NULL);

      g_menu_item_set_action_and_target_value (item, "playbook.use-template", g_variant_new_string (tpl->id));
      g_menu_append_item (menu, item);
    }
  return G_MENU_MODEL (menu);
}

static GListModel *
labels_model_new (const char *(*get_label) (int), int n)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (int i = 0; i < n; i++)
    gtk_string_list_append (list, get_label (i));
  return G_LIST_MODEL (list);
}

static const char *
objective_label (int i)
{
  return sg_objective_get_label ((SgObjective) i);
}

static const char *
status_label (int i)
{
  return sg_playbook_status_get_label ((SgPlaybookStatus) i);
}

static void
setup_fields (SgPlaybookEditor *self)
{
  g_autoptr(GListModel) objectives = labels_model_new (objective_label, SG_N_OBJECTIVES);
  g_autoptr(GListModel) statuses = labels_model_new (status_label, SG_N_PLAYBOOK_STATUSES);
  g_autoptr(GMenuModel) menu = templates_menu_new ();

  for (SgPlaybookField f = 0; f < SG_PLAYBOOK_N_FIELDS; f++)
    {
      GObject *widget = G_OBJECT (sg_playbook_editor_get_field_widget (self, f));

      g_object_set_data (widget, "sg-field", GUINT_TO_POINTER (f));
      if (entry_row (self, f) != NULL)
        g_signal_connect (widget, "changed", G_CALLBACK (entry_changed_cb), self);
      else if (date_row (self, f) != NULL)
        g_signal_connect (widget, "edited", G_CALLBACK (date_edited_cb), self);
      else
        {
          sg_markdown_field_set_label (SG_MARKDOWN_FIELD (widget), sg_playbook_field_get_label (f));
          g_signal_connect (widget, "edited", G_CALLBACK (markdown_edited_cb), self);
        }
    }
  sg_markdown_field_set_placeholder (self->message_field, _("For example: We miss you — here is what is new since your last visit."));
  sg_markdown_field_set_placeholder (self->offer_field, _("For example: **15 % off** your next order, valid for two weeks"));
  sg_markdown_field_set_placeholder (self->timing_field, _("- First e-mail 60 days after the last order\n- Reminder a week later"));

  adw_combo_row_set_model (self->objective_row, objectives);
  adw_combo_row_set_model (self->status_row, statuses);
  g_signal_connect_swapped (self->objective_row, "notify::selected", G_CALLBACK (objective_selected_cb), self);
  g_signal_connect_swapped (self->status_row, "notify::selected", G_CALLBACK (status_selected_cb), self);
  g_signal_connect_swapped (self->stratify_row, "notify::selected", G_CALLBACK (stratify_selected_cb), self);
  g_signal_connect (self->holdout_adjustment, "value-changed", G_CALLBACK (holdout_changed_cb), self);
  g_signal_connect (self->channel_picker, "edited", G_CALLBACK (channels_edited_cb), self);

  gtk_menu_button_set_menu_model (self->templates_button, menu);
  gtk_menu_button_set_menu_model (self->empty_templates_button, menu);
  sg_a11y_set_label (GTK_WIDGET (self->channel_picker), _("Channels"));
  sg_a11y_set_label (GTK_WIDGET (self->holdout_spin), _("Share of the segment held back, in percent"));
}

static void
sg_playbook_editor_dispose (GObject *object)
{
  SgPlaybookEditor *self = SG_PLAYBOOK_EDITOR (object);

  g_clear_object (&self->playbook);
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SG_TYPE_PLAYBOOK_EDITOR);

  G_OBJECT_CLASS (sg_playbook_editor_parent_class)->dispose (object);
}

static void
sg_playbook_editor_finalize (GObject *object)
{
  SgPlaybookEditor *self = SG_PLAYBOOK_EDITOR (object);

  g_free (self->segment_name);
  g_strfreev (self->columns);
  g_clear_pointer (&self->kpi_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (sg_playbook_editor_parent_class)->finalize (object);
}

static void
sg_playbook_editor_class_init (SgPlaybookEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sg_playbook_editor_dispose;
  object_class->finalize = sg_playbook_editor_finalize;

  /**
   * SgPlaybookEditor::edited:
   * @holdout_changed: the control group's share or stratifying column changed
   *
   * The user changed the playbook (it already holds the change), or made one.
   */
  signals[EDITED] =
    g_signal_new ("edited", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
  /**
   * SgPlaybookEditor::template-applied:
   * @previous: (nullable): the playbook as it was before, or NULL if there was none
   * @label: the template's name
   *
   * A template filled the playbook (after "edited").
   */
  signals[TEMPLATE_APPLIED] =
    g_signal_new ("template-applied", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, SG_TYPE_PLAYBOOK, G_TYPE_STRING);

  g_type_ensure (SG_TYPE_DATE_ROW);
  g_type_ensure (SG_TYPE_MARKDOWN_FIELD);
  g_type_ensure (SG_TYPE_CHANNEL_PICKER);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/sg-playbook-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, SgPlaybookEditor, stack);
  gtk_widget_class_bind_template_child (widget_class, SgPlaybookEditor, empty_page);
  gtk_widget_class_bind_template_child (widget_class, SgPlaybookEditor, empty_suggestion);
  gtk_widget_class_bind_template_child (widget_class, SgPlaybookEditor, empty_use_button);
  gtk_widget_class_bind_template_child (widget_class, SgPlaybookEditor, empty_templates_button);
  gtk_widget_class_bind_template_child (widget_class, SgPlaybookEditor, template_row);
  gtk_widget_class_bind_template_child (widget_class, SgPlaybookEditor, template_use_button);
  gtk_widget_class_bind_template_child (widget_class, SgPlaybookEditor, templates_button);
  gtk_widget_class_bind_template_child (widget_class, SgPlaybookEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, SgPlaybookEditor, objective_row);
  gtk_widget_class_bind_template_child (widget_class, SgPlaybookEditor, status_row);
  gtk_widget_class_bind_template_child (widget_class, SgPlaybookEditor, owner_row);
  gtk_widget_class_bind_template_child (widget_class, SgPlaybookEditor, start_row);
  gtk_widget_class_bind_template_child (widget_class, SgPlaybookEditor, end_row);
  gtk_widget_class_bind_template_child (widget_class, SgPlaybookEditor, plan_problem);
  gtk_widget_class_bind_template_child (widget_class, SgPlaybookEditor, channel_picker);
  gtk_widget_class_bind_template_child (widget_class, SgPlaybookEditor, message_field);
  gtk_widget_class_bind_template_child (widget_class, SgPlaybookEditor, tone_row);
  gtk_widget_class_bind_template_child (widget_class, SgPlaybookEditor, cadence_row);
  gtk_widget_class_bind_template_child (widget_class, SgPlaybookEditor, offer_field);
  gtk_widget_class_bind_template_child (widget_class, SgPlaybookEditor, timing_field);
  gtk_widget_class_bind_template_child (widget_class, SgPlaybookEditor, kpi_group);
  gtk_widget_class_bind_template_child (widget_class, SgPlaybookEditor, add_kpi_button);
  gtk_widget_class_bind_template_child (widget_class, SgPlaybookEditor, holdout_row);
  gtk_widget_class_bind_template_child (widget_class, SgPlaybookEditor, holdout_spin);
  gtk_widget_class_bind_template_child (widget_class, SgPlaybookEditor, holdout_adjustment);
  gtk_widget_class_bind_template_child (widget_class, SgPlaybookEditor, stratify_row);

  gtk_widget_class_install_action (widget_class, "playbook.use-suggested", NULL, use_suggested_action);
  gtk_widget_class_install_action (widget_class, "playbook.use-template", "s", use_template_action);
  gtk_widget_class_install_action (widget_class, "playbook.start-blank", NULL, start_blank_action);
  gtk_widget_class_install_action (widget_class, "playbook.add-kpi", NULL, add_kpi_action);
}

static void
sg_playbook_editor_init (SgPlaybookEditor *self)
{
  self->kpi_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  sg_editor_style_ensure ();
  setup_fields (self);
  load_playbook (self);
}

GtkWidget *
sg_playbook_editor_new (void)
{
  return g_object_new (SG_TYPE_PLAYBOOK_EDITOR, NULL);
}
