/* sg-personas-page.h — the Personas & Playbooks step: describing segments and what to do with each
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For the session's current run: the segments in a sidebar and, for the one selected, its persona
 * (SgPersonaEditor) and its playbook (SgPlaybookEditor). Every edit is saved to the project a moment
 * after the user stops typing (SgAutosave: 500 ms after the last keystroke, at most 1 s after the first
 * unsaved one), when the focus moves, when another segment is opened, and — waiting for it — when the
 * page goes away with the window. Saves run on a worker thread (sg_project_save_*_async); when a
 * playbook's control group changes, the project's control groups are brought in line on a worker
 * (sg_project_sync_holdouts). Without a run the page says why and links to the Segment step.
 *
 * Actions (group "personas"): copy-persona (asks for a segment of another run), undo-template.
 */
#pragma once

#include <adwaita.h>

#include "sg-persona-editor.h"
#include "sg-playbook-editor.h"
#include "sg-session.h"

G_BEGIN_DECLS

#define SG_TYPE_PERSONAS_PAGE (sg_personas_page_get_type ())
G_DECLARE_FINAL_TYPE (SgPersonasPage, sg_personas_page, SG, PERSONAS_PAGE, AdwBin)

SgSession *sg_personas_page_get_session (SgPersonasPage *self);
void       sg_personas_page_set_session (SgPersonasPage *self,
                                         SgSession *session);
/* TRUE when the project has what this step needs. */
gboolean   sg_personas_page_get_ready   (SgPersonasPage *self);

/* The segment shown (G_MAXUINT: none) and showing another (as clicking it in the list does). */
guint      sg_personas_page_get_segment (SgPersonasPage *self);
void       sg_personas_page_show_segment (SgPersonasPage *self,
                                          guint           segment_idx);
SgPersonaEditor  *sg_personas_page_get_persona_editor  (SgPersonasPage *self);
SgPlaybookEditor *sg_personas_page_get_playbook_editor (SgPersonasPage *self);
/* Saves now whatever waits for the pause in typing (not waiting for the disk). */
void       sg_personas_page_flush       (SgPersonasPage *self);
/* Edits not yet stored, saves being written or control groups being drawn. */
gboolean   sg_personas_page_get_busy    (SgPersonasPage *self);
/* What the page says about saving: "Saved", "Saving…", "Not saved: …" or "". */
const char *sg_personas_page_get_save_text (SgPersonasPage *self);
/* Copies the shown segment's persona (saved first) to segment @to_segment_idx of run @to_run_id, as the
 * Copy Persona dialog does. SG_ERROR_EXISTS when the target has one and !@replace. */
gboolean   sg_personas_page_copy_persona_to (SgPersonasPage *self,
                                             gint64          to_run_id,
                                             guint           to_segment_idx,
                                             gboolean        replace,
                                             GError        **error);

G_END_DECLS
