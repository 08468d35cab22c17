/* sg-persona-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "SgPersonaEditor"

#include <glib/gi18n.h>

#include "sg-a11y.h"
#include "sg-editor-style.h"
#include "sg-markdown-field.h"
#include "sg-palette.h"
#include "sg-persona-editor.h"
#include "sg-swatch.h"

/* The palette's colours offered for a persona, after "the segment's colour". */
#define N_COLOR_CHOICES 8

struct _SgPersonaEditor
{
  AdwBin           parent_instance;

  /* template */
  GtkWidget       *card;
  SgSwatch        *avatar;
  GtkLabel        *card_name;
  GtkLabel        *card_tagline;
  GtkLabel        *card_facts;
  GtkWidget       *identity_group;
  AdwEntryRow     *name_row;
  AdwEntryRow     *tagline_row;
  AdwEntryRow     *avatar_row;
  AdwActionRow    *color_row;
  GtkMenuButton   *color_button;
  SgSwatch        *color_swatch;
  GtkPopover      *color_popover;
  GtkFlowBox      *color_box;
  GtkMenuButton   *emoji_button;
  SgMarkdownField *description_field;
  SgMarkdownField *demographics_field;
  SgMarkdownField *behaviours_field;
  SgMarkdownField *goals_field;
  SgMarkdownField *pain_points_field;
  SgMarkdownField *opportunities_field;
  SgChannelPicker *channel_picker;

  GtkToggleButton *color_choices[1 + N_COLOR_CHOICES];
  SgPersona       *persona;
  char            *segment_color;
  char            *facts;
  gboolean         loading;
  gboolean         preview;
};

G_DEFINE_FINAL_TYPE (SgPersonaEditor, sg_persona_editor, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_PREVIEW,
  N_PROPS
};

enum {
  EDITED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static SgMarkdownField *
markdown_field (SgPersonaEditor *self,
                SgPersonaField   field)
{
  switch (field)
    {
    case SG_PERSONA_DESCRIPTION:
      return self->description_field;
    case SG_PERSONA_DEMOGRAPHICS:
      return self->demographics_field;
    case SG_PERSONA_BEHAVIOURS:
      return self->behaviours_field;
    case SG_PERSONA_GOALS:
      return self->goals_field;
    case SG_PERSONA_PAIN_POINTS:
      return self->pain_points_field;
    case SG_PERSONA_OPPORTUNITIES:
      return self->opportunities_field;
    case SG_PERSONA_NAME:
    case SG_PERSONA_TAGLINE:
    case SG_PERSONA_COLOR:
    case SG_PERSONA_AVATAR:
    case SG_PERSONA_N_FIELDS:
    default:
      return NULL;
    }
}

static AdwEntryRow *
entry_row (SgPersonaEditor *self,
           SgPersonaField   field)
{
  switch ((int) field)
    {
    case SG_PERSONA_NAME:
      return self->name_row;
    case SG_PERSONA_TAGLINE:
      return self->tagline_row;
    case SG_PERSONA_AVATAR:
      return self->avatar_row;
    default:
      return NULL;
    }
}

GtkWidget *
sg_persona_editor_get_field_widget (SgPersonaEditor *self,
                                    SgPersonaField   field)
{
  g_return_val_if_fail (SG_IS_PERSONA_EDITOR (self), NULL);

  if (entry_row (self, field) != NULL)
    return GTK_WIDGET (entry_row (self, field));
  return (GtkWidget *) markdown_field (self, field);
}

SgChannelPicker *
sg_persona_editor_get_channel_picker (SgPersonaEditor *self)
{
  g_return_val_if_fail (SG_IS_PERSONA_EDITOR (self), NULL);

  return self->channel_picker;
}

SgPersona *
sg_persona_editor_get_persona (SgPersonaEditor *self)
{
  g_return_val_if_fail (SG_IS_PERSONA_EDITOR (self), NULL);

  return self->persona;
}

/* ---- the card ---- */

static const char *
shown_color (SgPersonaEditor *self)
{
  const char *own = self->persona != NULL ? sg_persona_get_field (self->persona, SG_PERSONA_COLOR) : NULL;

  return own != NULL ? own : self->segment_color;
}

static void
update_card (SgPersonaEditor *self)
{
  g_autofree char *avatar_text = NULL;
  g_autofree char *channels = NULL;
  g_autoptr(GString) facts = g_string_new (self->facts);
  const char *name, *tagline;
  g_autofree char *avatar_label = NULL;

  if (self->persona == NULL)
    return;
  name = sg_persona_get_name (self->persona);
  tagline = sg_persona_get_field (self->persona, SG_PERSONA_TAGLINE);
  avatar_text = sg_persona_dup_avatar_text (self->persona);
  sg_swatch_set_color (self->avatar, shown_color (self));
  sg_swatch_set_text (self->avatar, avatar_text);
  sg_swatch_set_color (self->color_swatch, shown_color (self));
  /* Translators: what a screen reader says for the persona's avatar; %s is an emoji or initials */
  avatar_label = g_strdup_printf (_("Avatar: %s"), avatar_text);
  sg_a11y_set_label (GTK_WIDGET (self->avatar), avatar_label);

  gtk_label_set_text (self->card_name, name != NULL ? name : _("Unnamed persona"));
  gtk_label_set_text (self->card_tagline, tagline != NULL ? tagline : "");
  gtk_widget_set_visible (GTK_WIDGET (self->card_tagline), tagline != NULL);

  channels = sg_channel_set_to_label (sg_persona_get_channels (self->persona));
  if (channels != NULL && *channels != '\0')
    {
      if (facts->len > 0)
        g_string_append (facts, "\n");
      /* Translators: on the persona's card; %s lists channels ("Email, SMS") */
      g_string_append_printf (facts, _("Prefers %s"), channels);
    }
  gtk_label_set_text (self->card_facts, facts->str);
  gtk_widget_set_visible (GTK_WIDGET (self->card_facts), facts->len > 0);

  adw_action_row_set_subtitle (self->color_row, sg_persona_get_field (self->persona, SG_PERSONA_COLOR) != NULL
                                                ? _("Its own colour")
                                                : _("The segment’s colour"));
}

void
sg_persona_editor_set_facts (SgPersonaEditor *self,
                             const char      *facts)
{
  g_return_if_fail (SG_IS_PERSONA_EDITOR (self));

  g_free (self->facts);
  self->facts = g_strdup (facts);
  update_card (self);
}

/* ---- edits ---- */

static void
edited (SgPersonaEditor *self)
{
  update_card (self);
  g_signal_emit (self, signals[EDITED], 0);
}

static void
entry_changed_cb (AdwEntryRow     *row,
                  SgPersonaEditor *self)
{
  SgPersonaField field = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "sg-field"));

  if (self->loading || self->persona == NULL)
    return;
  sg_persona_set_field (self->persona, field, gtk_editable_get_text (GTK_EDITABLE (row)));
  edited (self);
}

static void
markdown_edited_cb (SgMarkdownField *markdown,
                    SgPersonaEditor *self)
{
  SgPersonaField field = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (markdown), "sg-field"));
  g_autofree char *text = NULL;

  if (self->loading || self->persona == NULL)
    return;
  text = sg_markdown_field_dup_text (markdown);
  sg_persona_set_field (self->persona, field, text);
  edited (self);
}

static void
channels_edited_cb (SgChannelPicker *picker,
                    SgPersonaEditor *self)
{
  if (self->loading || self->persona == NULL)
    return;
  sg_persona_set_channels (self->persona, sg_channel_picker_get_channels (picker));
  edited (self);
}

static void
emoji_picked_cb (GtkEmojiChooser *chooser,
                 const char      *text,
                 SgPersonaEditor *self)
{
  /* As if typed: the row's "changed" stores it (and it can be undone). */
  gtk_editable_set_text (GTK_EDITABLE (self->avatar_row), text);
}

static void
color_toggled_cb (GtkToggleButton *button,
                  SgPersonaEditor *self)
{
  const char *color = g_object_get_data (G_OBJECT (button), "sg-color");

  if (self->loading || self->persona == NULL || !gtk_toggle_button_get_active (button))
    return;
  sg_persona_set_field (self->persona, SG_PERSONA_COLOR, color);
  gtk_popover_popdown (self->color_popover);
  edited (self);
}

/* ---- loading ---- */

static void
load_entry (AdwEntryRow *row,
            const char  *text)
{
  /* Undo starts from the loaded text. */
  gtk_editable_set_enable_undo (GTK_EDITABLE (row), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  gtk_editable_set_enable_undo (GTK_EDITABLE (row), TRUE);
}

static void
load_colors (SgPersonaEditor *self)
{
  const char *own = sg_persona_get_field (self->persona, SG_PERSONA_COLOR);
  guint active = 0;

  sg_swatch_set_color (SG_SWATCH (gtk_button_get_child (GTK_BUTTON (self->color_choices[0]))), self->segment_color);
  for (guint i = 1; i <= N_COLOR_CHOICES && own != NULL; i++)
    if (g_ascii_strcasecmp (own, g_object_get_data (G_OBJECT (self->color_choices[i]), "sg-color")) == 0)
      active = i;
  gtk_toggle_button_set_active (self->color_choices[active], TRUE);
}

void
sg_persona_editor_set_persona (SgPersonaEditor *self,
                               SgPersona       *persona,
                               const char      *segment_color)
{
  g_return_if_fail (SG_IS_PERSONA_EDITOR (self));
  g_return_if_fail (persona == NULL || SG_IS_PERSONA (persona));

  g_set_object (&self->persona, persona);
  g_free (self->segment_color);
  self->segment_color = g_strdup (segment_color);
  gtk_widget_set_sensitive (GTK_WIDGET (self), persona != NULL);
  if (persona == NULL)
    return;

  self->loading = TRUE;
  for (SgPersonaField f = 0; f < SG_PERSONA_N_FIELDS; f++)
    {
      if (entry_row (self, f) != NULL)
        load_entry (entry_row (self, f), sg_persona_get_field (persona, f));
      else if (markdown_field (self, f) != NULL)
        sg_markdown_field_set_text (markdown_field (self, f), sg_persona_get_field (persona, f));
    }
  sg_channel_picker_set_channels (self->channel_picker, sg_persona_get_channels (persona));
  load_colors (self);
  self->loading = FALSE;
  update_card (self);
}

gboolean
sg_persona_editor_get_preview (SgPersonaEditor *self)
{
  g_return_val_if_fail (SG_IS_PERSONA_EDITOR (self), FALSE);

  return self->preview;
}

void
sg_persona_editor_set_preview (SgPersonaEditor *self,
                               gboolean         preview)
{
  g_return_if_fail (SG_IS_PERSONA_EDITOR (self));

  preview = !!preview;
  if (self->preview == preview)
    return;
  self->preview = preview;
  for (SgPersonaField f = 0; f < SG_PERSONA_N_FIELDS; f++)
    if (markdown_field (self, f) != NULL)
      sg_markdown_field_set_preview (markdown_field (self, f), preview);
  /* The card already shows what the one-line fields say. */
  gtk_widget_set_visible (self->identity_group, !preview);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PREVIEW]);
}

/* ---- construction ---- */

static void
setup_colors (SgPersonaEditor *self)
{
  GtkToggleButton *group = NULL;

  for (guint i = 0; i <= N_COLOR_CHOICES; i++)
    {
      GtkWidget *button = gtk_toggle_button_new ();
      GtkWidget *swatch = sg_swatch_new (28);
      g_autofree char *color = i > 0 ? sg_swatch_segment_color ((int) i - 1) : NULL;
      g_autofree char *label = NULL;

      if (i == 0)
        label = g_strdup (_("The segment’s colour"));
      else
        /* Translators: a colour choice for a persona, numbered */
        label = g_strdup_printf (_("Colour %u"), i);
      sg_swatch_set_color (SG_SWATCH (swatch), color);
      if (i == 0)
        sg_swatch_set_text (SG_SWATCH (swatch), "✓");
      gtk_button_set_child (GTK_BUTTON (button), swatch);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_add_css_class (button, "swatch-button");
      gtk_widget_set_tooltip_text (button, label);
      sg_a11y_set_label (button, label);
      g_object_set_data_full (G_OBJECT (button), "sg-color", g_steal_pointer (&color), g_free);
      if (group != NULL)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), group);
      else
        group = GTK_TOGGLE_BUTTON (button);
      g_signal_connect (button, "toggled", G_CALLBACK (color_toggled_cb), self);
      gtk_flow_box_append (self->color_box, button);
      gtk_widget_set_focusable (gtk_widget_get_parent (button), FALSE);
      self->color_choices[i] = GTK_TOGGLE_BUTTON (button);
    }
}

static void
setup_fields (SgPersonaEditor *self)
{
  static const struct {
    SgPersonaField field;
    const char    *placeholder;
  } examples[] = {
    { SG_PERSONA_DESCRIPTION, N_("For example: Lena runs a small design studio and shops from her phone between meetings.") },
    { SG_PERSONA_DEMOGRAPHICS, N_("- Mostly 30 to 45\n- Lives in cities") },
    { SG_PERSONA_BEHAVIOURS, N_("- Buys every month\n- Rarely uses discount codes") },
    { SG_PERSONA_GOALS, N_("- Wants things that last\n- Values **fast delivery**") },
    { SG_PERSONA_PAIN_POINTS, N_("- Out-of-stock sizes\n- Slow returns") },
    { SG_PERSONA_OPPORTUNITIES, N_("- Early access to new collections\n- A loyalty tier with free returns") },
  };

  for (SgPersonaField f = 0; f < SG_PERSONA_N_FIELDS; f++)
    {
      AdwEntryRow *row = entry_row (self, f);
      SgMarkdownField *markdown = markdown_field (self, f);

      if (row != NULL)
        {
          g_object_set_data (G_OBJECT (row), "sg-field", GUINT_TO_POINTER (f));
          g_signal_connect (row, "changed", G_CALLBACK (entry_changed_cb), self);
        }
      else if (markdown != NULL)
        {
          g_object_set_data (G_OBJECT (markdown), "sg-field", GUINT_TO_POINTER (f));
          sg_markdown_field_set_label (markdown, sg_persona_field_get_label (f));
          g_signal_connect (markdown, "edited", G_CALLBACK (markdown_edited_cb), self);
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (examples); i++)
    sg_markdown_field_set_placeholder (markdown_field (self, examples[i].field), _(examples[i].placeholder));
  g_signal_connect (self->channel_picker, "edited", G_CALLBACK (channels_edited_cb), self);
}

static void
sg_persona_editor_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SgPersonaEditor *self = SG_PERSONA_EDITOR (object);

  switch (prop_id)
    {
    case PROP_PREVIEW:
      g_value_set_boolean (value, self->preview);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sg_persona_editor_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  SgPersonaEditor *self = SG_PERSONA_EDITOR (object);

  switch (prop_id)
    {
    case PROP_PREVIEW:
      sg_persona_editor_set_preview (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sg_persona_editor_dispose (GObject *object)
{
  SgPersonaEditor *self = SG_PERSONA_EDITOR (object);

  g_clear_object (&self->persona);
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SG_TYPE_PERSONA_EDITOR);

  G_OBJECT_CLASS (sg_persona_editor_parent_class)->dispose (object);
}

static void
sg_persona_editor_finalize (GObject *object)
{
  SgPersonaEditor *self = SG_PERSONA_EDITOR (object);

  g_free (self->segment_color);
  g_free (self->facts);

  G_OBJECT_CLASS (sg_persona_editor_parent_class)->finalize (object);
}

static void
sg_persona_editor_class_init (SgPersonaEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sg_persona_editor_dispose;
  object_class->finalize = sg_persona_editor_finalize;
  object_class->get_property = sg_persona_editor_get_property;
  object_class->set_property = sg_persona_editor_set_property;

  properties[PROP_PREVIEW] =
    g_param_spec_boolean ("preview", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SgPersonaEditor::edited:
   *
   * The user changed the persona (it already holds the change).
   */
  signals[EDITED] =
    g_signal_new ("edited", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (SG_TYPE_SWATCH);
  g_type_ensure (SG_TYPE_MARKDOWN_FIELD);
  g_type_ensure (SG_TYPE_CHANNEL_PICKER);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/sg-persona-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, SgPersonaEditor, card);
  gtk_widget_class_bind_template_child (widget_class, SgPersonaEditor, avatar);
  gtk_widget_class_bind_template_child (widget_class, SgPersonaEditor, card_name);
  gtk_widget_class_bind_template_child (widget_class, SgPersonaEditor, card_tagline);
  gtk_widget_class_bind_template_child (widget_class, SgPersonaEditor, card_facts);
  gtk_widget_class_bind_template_child (widget_class, SgPersonaEditor, identity_group);
  gtk_widget_class_bind_template_child (widget_class, SgPersonaEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, SgPersonaEditor, tagline_row);
  gtk_widget_class_bind_template_child (widget_class, SgPersonaEditor, avatar_row);
  gtk_widget_class_bind_template_child (widget_class, SgPersonaEditor, color_row);
  gtk_widget_class_bind_template_child (widget_class, SgPersonaEditor, color_button);
  gtk_widget_class_bind_template_child (widget_class, SgPersonaEditor, color_swatch);
  gtk_widget_class_bind_template_child (widget_class, SgPersonaEditor, color_popover);
  gtk_widget_class_bind_template_child (widget_class, SgPersonaEditor, color_box);
  gtk_widget_class_bind_template_child (widget_class, SgPersonaEditor, emoji_button);
  gtk_widget_class_bind_template_child (widget_class, SgPersonaEditor, description_field);
  gtk_widget_class_bind_template_child (widget_class, SgPersonaEditor, demographics_field);
  gtk_widget_class_bind_template_child (widget_class, SgPersonaEditor, behaviours_field);
  gtk_widget_class_bind_template_child (widget_class, SgPersonaEditor, goals_field);
  gtk_widget_class_bind_template_child (widget_class, SgPersonaEditor, pain_points_field);
  gtk_widget_class_bind_template_child (widget_class, SgPersonaEditor, opportunities_field);
  gtk_widget_class_bind_template_child (widget_class, SgPersonaEditor, channel_picker);
  gtk_widget_class_bind_template_callback (widget_class, emoji_picked_cb);
}

static void
sg_persona_editor_init (SgPersonaEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  sg_editor_style_ensure ();
  setup_colors (self);
  setup_fields (self);
  sg_a11y_set_label (GTK_WIDGET (self->channel_picker), _("Preferred channels"));
  /* The persona keeps this many characters of an avatar: the field takes no more. */
  gtk_text_set_max_length (GTK_TEXT (gtk_editable_get_delegate (GTK_EDITABLE (self->avatar_row))),
                           SG_PERSONA_AVATAR_MAX_CHARS);
  gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
}

GtkWidget *
sg_persona_editor_new (void)
{
  return g_object_new (SG_TYPE_PERSONA_EDITOR, NULL);
}
