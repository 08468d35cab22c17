/* sg-persona-editor.h — the persona of a segment, edited field by field
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shows an SgPersona: a card at the top (avatar, name, tagline, the segment's facts) and a row or a text
 * for each field (sg-persona.h), with the preferred channels as toggles. Every user edit goes straight
 * into the persona and emits "edited" (the page saves on it); sg_persona_editor_set_persona() loads a
 * persona without emitting it and starts each field's undo history afresh. In preview the texts show
 * as the report prints them.
 */
#pragma once

#include <adwaita.h>

#include "sg-channel-picker.h"
#include "sg-persona.h"

G_BEGIN_DECLS

#define SG_TYPE_PERSONA_EDITOR (sg_persona_editor_get_type ())
G_DECLARE_FINAL_TYPE (SgPersonaEditor, sg_persona_editor, SG, PERSONA_EDITOR, AdwBin)

GtkWidget       *sg_persona_editor_new              (void);
/* @segment_color: the colour a persona without its own is shown in ("#rrggbb"). */
void             sg_persona_editor_set_persona      (SgPersonaEditor *self,
                                                     SgPersona       *persona,
                                                     const char      *segment_color);
SgPersona       *sg_persona_editor_get_persona      (SgPersonaEditor *self);
/* A line under the name on the card ("1,204 customers · 24 % of those segmented"). */
void             sg_persona_editor_set_facts        (SgPersonaEditor *self,
                                                     const char      *facts);
gboolean         sg_persona_editor_get_preview      (SgPersonaEditor *self);
void             sg_persona_editor_set_preview      (SgPersonaEditor *self,
                                                     gboolean         preview);
/* The widget editing @field: an AdwEntryRow (one-line fields), an SgMarkdownField (texts), or NULL
 * for the colour. */
GtkWidget       *sg_persona_editor_get_field_widget (SgPersonaEditor *self,
                                                     SgPersonaField   field);
SgChannelPicker *sg_persona_editor_get_channel_picker (SgPersonaEditor *self);

G_END_DECLS
