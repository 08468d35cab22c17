/* sg-playbook-editor.h — a segment's playbook, edited field by field
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shows an SgPlaybook (objective, status, owner, dates, channels, message, tone, cadence, offer,
 * timing, KPIs, control group) or, for a segment without one, a way to start: the template suggested
 * by the segment's naming rule ("Use the Win-back Template"), another template, or a blank playbook.
 * A template can also be applied to an existing playbook; "template-applied" hands over the playbook as
 * it was before, so the page can offer Undo. Every user edit goes straight into the playbook and emits
 * "edited" (with holdout_changed TRUE when the control group's settings changed: the page then brings
 * the project's control groups in line).
 *
 * Actions (group "playbook"): use-suggested, use-template(s), start-blank, add-kpi.
 */
#pragma once

#include <adwaita.h>

#include "sg-playbook.h"
#include "sg-project.h"

G_BEGIN_DECLS

#define SG_TYPE_PLAYBOOK_EDITOR (sg_playbook_editor_get_type ())
G_DECLARE_FINAL_TYPE (SgPlaybookEditor, sg_playbook_editor, SG, PLAYBOOK_EDITOR, AdwBin)

GtkWidget  *sg_playbook_editor_new               (void);
/* The segment the playbook is for (its name, naming rule and size) and the dataset columns a control
 * group may be stratified by. Call before sg_playbook_editor_set_playbook(). */
void        sg_playbook_editor_set_segment       (SgPlaybookEditor    *self,
                                                  const SgSegmentInfo *segment,
                                                  const char *const   *columns);
/* Shows @playbook (NULL: the segment has none yet) without emitting "edited". */
void        sg_playbook_editor_set_playbook      (SgPlaybookEditor    *self,
                                                  SgPlaybook          *playbook);
SgPlaybook *sg_playbook_editor_get_playbook      (SgPlaybookEditor    *self);
/* Applies template @template_id (making the playbook if there is none), as "Use the … Template" does. */
gboolean    sg_playbook_editor_apply_template    (SgPlaybookEditor    *self,
                                                  const char          *template_id);
/* The id of the template suggested for the segment. */
const char *sg_playbook_editor_get_suggested_template (SgPlaybookEditor *self);
void        sg_playbook_editor_set_preview       (SgPlaybookEditor    *self,
                                                  gboolean             preview);
/* The widget editing @field: an AdwEntryRow, an SgDateRow or an SgMarkdownField. */
GtkWidget  *sg_playbook_editor_get_field_widget  (SgPlaybookEditor    *self,
                                                  SgPlaybookField      field);
GtkSpinButton *sg_playbook_editor_get_holdout_spin (SgPlaybookEditor  *self);

/* "10% of this segment (124 customers) won’t be contacted, so you can measure the effect." */
char       *sg_playbook_editor_describe_holdout  (double               share,
                                                  guint64              segment_size);

G_END_DECLS
