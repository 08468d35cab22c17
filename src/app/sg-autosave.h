/* sg-autosave.h — when to save what the user types: a debounce with a ceiling
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One SgAutosave per document being edited (a persona, a playbook). The editor calls
 * sg_autosave_changed() on every edit. "save" is emitted once the user paused for the delay (500 ms by
 * default) or, while they keep typing, once the oldest unsaved edit is max-wait old (1 s), so a crash
 * loses at most about a second of typing. sg_autosave_flush() saves at once (focus moved, another
 * document is opened); sg_autosave_flush_sync() asks for a save that completes before it returns
 * (the window closes).
 *
 * The "save" handler takes a snapshot of the document, starts writing it and reports back with
 * sg_autosave_done() and the ticket it was given (at once when asked to wait). Several saves may be in
 * flight; the store keeps the newest (see sg_project_save_persona_async()). A failed save keeps the
 * edits unsaved: the next edit or flush tries again.
 *
 * No GTK here: the logic is tested on its own (tests/test-gui-autosave-logic.c).
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define SG_AUTOSAVE_DEFAULT_DELAY_MS    500
#define SG_AUTOSAVE_DEFAULT_MAX_WAIT_MS 1000

typedef enum {
  SG_AUTOSAVE_IDLE,     /* nothing edited since the document was opened */
  SG_AUTOSAVE_PENDING,  /* edits wait for the pause in typing */
  SG_AUTOSAVE_SAVING,   /* a save is being written */
  SG_AUTOSAVE_SAVED,    /* every edit is stored */
  SG_AUTOSAVE_FAILED,   /* the last save failed (sg_autosave_get_error()); the edits are not stored */
} SgAutosaveState;

#define SG_TYPE_AUTOSAVE_STATE (sg_autosave_state_get_type ())
GType            sg_autosave_state_get_type (void) G_GNUC_CONST;

#define SG_TYPE_AUTOSAVE (sg_autosave_get_type ())
G_DECLARE_FINAL_TYPE (SgAutosave, sg_autosave, SG, AUTOSAVE, GObject)

/* @delay_ms after the last edit, but at most @max_wait_ms after the oldest unsaved one (≥ delay). */
SgAutosave      *sg_autosave_new            (guint        delay_ms,
                                             guint        max_wait_ms);
/* An edit: (re)starts the wait. */
void             sg_autosave_changed        (SgAutosave  *self);
/* Emits "save" now (not waiting) if anything is unsaved. */
void             sg_autosave_flush          (SgAutosave  *self);
/* Emits "save" with wait = TRUE if anything is unsaved: the handler saves before returning. */
void             sg_autosave_flush_sync     (SgAutosave  *self);
/* A save asked for by "save" with @ticket finished; @error NULL on success. */
void             sg_autosave_done           (SgAutosave  *self,
                                             guint64      ticket,
                                             const GError *error);

/* Edits not yet handed to a save (or whose save failed). */
gboolean         sg_autosave_get_dirty      (SgAutosave  *self);
/* A save is scheduled (the debounce is running). */
gboolean         sg_autosave_get_scheduled  (SgAutosave  *self);
guint            sg_autosave_get_in_flight  (SgAutosave  *self);
SgAutosaveState  sg_autosave_get_state      (SgAutosave  *self);
/* The last failure, until a save succeeds; NULL otherwise. */
const GError    *sg_autosave_get_error      (SgAutosave  *self);

/* When the save is due, in the same clock as the arguments (µs): @delay after @last_change, but no
 * later than @max_wait after @first_unsaved. */
gint64           sg_autosave_deadline       (gint64       first_unsaved,
                                             gint64       last_change,
                                             guint        delay_ms,
                                             guint        max_wait_ms);

G_END_DECLS
