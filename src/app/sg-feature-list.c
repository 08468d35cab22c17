/* sg-feature-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "SgFeatureList"

#include <glib/gi18n.h>

#include "sg-a11y.h"
#include "sg-feature-list.h"
#include "sg-format.h"
#include "sg-recipe-choices.h"

/* The repeated-ids list: "keep every row" first, then SgKeep's values. */
#define IDS_KEEP_ALL 0

struct _SgFeatureList
{
  AdwBin               parent_instance;

  /* template */
  AdwPreferencesGroup *rows_group;
  AdwActionRow        *dedupe_rows_row;
  GtkSwitch           *dedupe_rows_switch;
  AdwComboRow         *dedupe_ids_row;
  AdwPreferencesGroup *columns_group;

  GPtrArray           *rows;        /* SgColumnChoiceRow, owned by the group */
  char                *id_column;
  SgRecipe            *recipe;
  gboolean             updating;
};

G_DEFINE_FINAL_TYPE (SgFeatureList, sg_feature_list, ADW_TYPE_BIN)

enum { EDITED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
emit_edited (SgFeatureList *self,
             SgRecipe      *edited)
{
  g_signal_emit (self, signals[EDITED], 0, edited);
}

static void
row_changed_cb (SgFeatureList     *self,
                SgColumnChoiceRow *row)
{
  g_autoptr(SgRecipe) edited = NULL;

  if (self->updating || self->recipe == NULL)
    return;
  edited = sg_recipe_copy (self->recipe);
  if (sg_recipe_choices_set (edited, sg_column_choice_row_get_column (row), sg_column_choice_row_get_kind (row),
                             sg_column_choice_row_get_choice (row), self->id_column))
    emit_edited (self, edited);
}

static void
dedupe_rows_changed_cb (SgFeatureList *self)
{
  g_autoptr(SgRecipe) edited = NULL;

  if (self->updating || self->recipe == NULL)
    return;
  edited = sg_recipe_copy (self->recipe);
  if (sg_recipe_choices_set_dedupe_rows (edited, gtk_switch_get_active (self->dedupe_rows_switch)))
    emit_edited (self, edited);
}

static void
dedupe_ids_changed_cb (SgFeatureList *self)
{
  guint selected = adw_combo_row_get_selected (self->dedupe_ids_row);
  g_autoptr(SgRecipe) edited = NULL;

  if (self->updating || self->recipe == NULL || self->id_column == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;
  edited = sg_recipe_copy (self->recipe);
  if (sg_recipe_choices_set_dedupe_ids (edited, self->id_column, selected != IDS_KEEP_ALL,
                                        selected != IDS_KEEP_ALL ? (SgKeep) (selected - 1) : SG_KEEP_FIRST))
    emit_edited (self, edited);
}

static void
clear_rows (SgFeatureList *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->columns_group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
}

/* What a row offers before the recipe says anything: the advice's log scale, the usual fill. */
static void
default_choice (SgPrepareAnalysis     *analysis,
                const SgColumnQuality *quality,
                SgColumnChoice        *choice)
{
  gboolean skewed = FALSE;

  sg_column_choice_init (choice);
  for (guint i = 0; analysis->advice != NULL && i < analysis->advice->log1p->len; i++)
    skewed = skewed || g_strcmp0 (g_ptr_array_index (analysis->advice->log1p, i), quality->name) == 0;
  choice->transform = skewed ? SG_TRANSFORM_LOG : SG_TRANSFORM_ZSCORE;
  choice->missing = quality->n_missing > 0 ? sg_missing_default_for_type (quality->type, NULL) : SG_MISSING_LEAVE;
}

static void
show_duplicates (SgFeatureList     *self,
                 SgPrepareAnalysis *analysis)
{
  SgQualityReport *quality = analysis->quality;
  g_autofree char *rows = sg_format_count (quality->duplicate_rows);
  g_autofree char *ids = sg_format_count (quality->duplicate_ids);
  g_autofree char *rows_text = NULL, *ids_text = NULL;

  rows_text = quality->duplicate_rows > 0
    ? g_strdup_printf (g_dngettext (NULL, "%s row repeats an earlier row exactly: removing it keeps a customer from counting twice",
                                    "%s rows repeat an earlier row exactly: removing them keeps customers from counting twice",
                                    quality->duplicate_rows), rows)
    : g_strdup (_("No row repeats another exactly"));
  adw_action_row_set_subtitle (self->dedupe_rows_row, rows_text);

  gtk_widget_set_visible (GTK_WIDGET (self->dedupe_ids_row), self->id_column != NULL);
  if (self->id_column != NULL)
    {
      ids_text = quality->duplicate_ids > 0
        ? g_strdup_printf (g_dngettext (NULL, "%s row repeats a “%s” seen on an earlier row",
                                        "%s rows repeat a “%s” seen on an earlier row", quality->duplicate_ids),
                           ids, self->id_column)
        : g_strdup_printf (_("Every “%s” is on one row only"), self->id_column);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->dedupe_ids_row), ids_text);
    }
}

void
sg_feature_list_set_analysis (SgFeatureList     *self,
                              SgPrepareAnalysis *analysis)
{
  g_return_if_fail (SG_IS_FEATURE_LIST (self));

  self->updating = TRUE;
  clear_rows (self);
  g_clear_pointer (&self->id_column, g_free);
  if (analysis != NULL && analysis->quality != NULL)
    {
      SgQualityReport *quality = analysis->quality;

      self->id_column = g_strdup (analysis->advice != NULL && analysis->advice->id_column != NULL
                                  ? analysis->advice->id_column : quality->id_column);
      show_duplicates (self, analysis);
      for (guint i = 0; i < quality->columns->len; i++)
        {
          SgColumnQuality *column = g_ptr_array_index (quality->columns, i);
          g_autoptr(GPtrArray) advice = sg_prepare_analysis_advice_for (analysis, column->name);
          SgColumnChoiceRow *row = sg_column_choice_row_new (column->name, column->type, column, advice,
                                                              quality->n_rows);
          SgColumnChoice choice;

          default_choice (analysis, column, &choice);
          sg_column_choice_row_set_default_choice (row, &choice);
          sg_column_choice_clear (&choice);
          g_signal_connect_object (row, "changed", G_CALLBACK (row_changed_cb), self, G_CONNECT_SWAPPED);
          adw_preferences_group_add (self->columns_group, GTK_WIDGET (row));
          g_ptr_array_add (self->rows, row);
        }
    }
  gtk_widget_set_visible (GTK_WIDGET (self->rows_group), analysis != NULL);
  self->updating = FALSE;
  if (self->recipe != NULL)
    {
      g_autoptr(SgRecipe) recipe = sg_recipe_copy (self->recipe);

      sg_feature_list_set_recipe (self, recipe);
    }
}

void
sg_feature_list_set_recipe (SgFeatureList  *self,
                            const SgRecipe *recipe)
{
  SgKeep keep = SG_KEEP_FIRST;

  g_return_if_fail (SG_IS_FEATURE_LIST (self));

  g_clear_pointer (&self->recipe, sg_recipe_free);
  if (recipe != NULL)
    self->recipe = sg_recipe_copy (recipe);

  self->updating = TRUE;
  for (guint i = 0; i < self->rows->len; i++)
    {
      SgColumnChoiceRow *row = g_ptr_array_index (self->rows, i);
      SgColumnChoice choice;

      sg_column_choice_init (&choice);
      sg_column_choice_copy (&choice, sg_column_choice_row_get_choice (row));
      if (self->recipe != NULL)
        sg_recipe_choices_get (self->recipe, sg_column_choice_row_get_column (row),
                               sg_column_choice_row_get_kind (row), &choice);
      else
        choice.included = FALSE;
      sg_column_choice_row_set_choice (row, &choice);
      sg_column_choice_clear (&choice);
    }
  gtk_switch_set_active (self->dedupe_rows_switch,
                         self->recipe != NULL && sg_recipe_choices_get_dedupe_rows (self->recipe));
  if (self->recipe != NULL && sg_recipe_choices_get_dedupe_ids (self->recipe, &keep))
    adw_combo_row_set_selected (self->dedupe_ids_row, keep + 1);
  else
    adw_combo_row_set_selected (self->dedupe_ids_row, IDS_KEEP_ALL);
  gtk_widget_set_sensitive (GTK_WIDGET (self), self->recipe != NULL);
  self->updating = FALSE;
}

guint
sg_feature_list_get_n_rows (SgFeatureList *self)
{
  g_return_val_if_fail (SG_IS_FEATURE_LIST (self), 0);

  return self->rows->len;
}

SgColumnChoiceRow *
sg_feature_list_get_row (SgFeatureList *self,
                         const char    *column)
{
  g_return_val_if_fail (SG_IS_FEATURE_LIST (self), NULL);

  for (guint i = 0; i < self->rows->len; i++)
    if (g_strcmp0 (sg_column_choice_row_get_column (g_ptr_array_index (self->rows, i)), column) == 0)
      return g_ptr_array_index (self->rows, i);
  return NULL;
}

static void
sg_feature_list_dispose (GObject *object)
{
  SgFeatureList *self = SG_FEATURE_LIST (object);

  g_ptr_array_set_size (self->rows, 0);
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SG_TYPE_FEATURE_LIST);

  G_OBJECT_CLASS (sg_feature_list_parent_class)->dispose (object);
}

static void
sg_feature_list_finalize (GObject *object)
{
  SgFeatureList *self = SG_FEATURE_LIST (object);

  g_ptr_array_unref (self->rows);
  g_free (self->id_column);
  g_clear_pointer (&self->recipe, sg_recipe_free);

  G_OBJECT_CLASS (sg_feature_list_parent_class)->finalize (object);
}

static void
sg_feature_list_class_init (SgFeatureListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sg_feature_list_dispose;
  object_class->finalize = sg_feature_list_finalize;

  /**
   * SgFeatureList::edited:
   * @recipe: (type gpointer): the recipe as the user's change makes it (not owned)
   *
   * The user changed a column or the handling of repeated rows.
   */
  signals[EDITED] = g_signal_new ("edited", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 1, G_TYPE_POINTER);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/sg-feature-list.ui");
  gtk_widget_class_bind_template_child (widget_class, SgFeatureList, rows_group);
  gtk_widget_class_bind_template_child (widget_class, SgFeatureList, dedupe_rows_row);
  gtk_widget_class_bind_template_child (widget_class, SgFeatureList, dedupe_rows_switch);
  gtk_widget_class_bind_template_child (widget_class, SgFeatureList, dedupe_ids_row);
  gtk_widget_class_bind_template_child (widget_class, SgFeatureList, columns_group);
}

static void
sg_feature_list_init (SgFeatureList *self)
{
  g_autoptr(GtkStringList) keep = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();

  /* IDS_KEEP_ALL, then SgKeep's order */
  gtk_string_list_append (keep, _("Keep every row"));
  gtk_string_list_append (keep, _("Keep the first row"));
  gtk_string_list_append (keep, _("Keep the last row"));
  gtk_string_list_append (keep, _("Merge them (numbers averaged)"));
  self->updating = TRUE;
  adw_combo_row_set_model (self->dedupe_ids_row, G_LIST_MODEL (keep));
  self->updating = FALSE;
  sg_a11y_fix_names (GTK_WIDGET (self));

  g_signal_connect_object (self->dedupe_rows_switch, "notify::active", G_CALLBACK (dedupe_rows_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->dedupe_ids_row, "notify::selected", G_CALLBACK (dedupe_ids_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_set_visible (GTK_WIDGET (self->rows_group), FALSE);
}
