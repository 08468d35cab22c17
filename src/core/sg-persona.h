/* sg-persona.h — the persona of a segment: who these customers are, in words a team can act on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * SgPersona is plain data with a GObject face: one property per field (so an editor can bind its
 * entries and watch "notify" to autosave), a field enum for code that loops over fields (editors,
 * the report, exports), and a JSON form that is what the project stores in personas.data.
 * Multi-line fields hold the small Markdown of sg-markdown.h.
 *
 * Saving (sg-project-personas.c): sg_project_save_persona() is one small transaction (a single
 * upsert of a few kilobytes) and is meant to be called from a debounce (≤ 1 s) while the user types;
 * sg_project_save_persona_async() does the same on a worker thread with its own connection so the
 * main loop never waits on the disk. Saves of the same persona are applied in call order: a save
 * that finishes after a later one for the same persona is dropped, so the file always holds the
 * newest text. A save is all or nothing: after a crash the project holds the last completed save.
 * The synchronous save uses the project's own connection and may wait for a background save already
 * writing; the async one never blocks the caller. Background saves commit with synchronous=FULL (the
 * WAL is flushed to disk at each commit), the main connection with NORMAL (safe against a crash of the
 * app, may lose the last commits on power loss).
 *
 * An editor typically: loads with sg_project_load_persona() (or makes one with
 * sg_persona_new_for_segment() on SG_ERROR_NOT_FOUND), binds its widgets to the properties, and on
 * "notify" restarts a ≤ 1 s timeout that calls sg_project_save_persona_async().
 */
#pragma once

#include <gio/gio.h>

#include <json-glib/json-glib.h>

#include "sg-channel.h"
#include "sg-project.h"

G_BEGIN_DECLS

typedef enum {
  SG_PERSONA_NAME,            /* one line: "Loyal Lena" */
  SG_PERSONA_TAGLINE,         /* one line: "Buys every month, never waits for a sale" */
  SG_PERSONA_COLOR,           /* "#rrggbb" or NULL for the segment's colour */
  SG_PERSONA_AVATAR,          /* an emoji or up to 3 initials; NULL: initials from the name */
  SG_PERSONA_DESCRIPTION,     /* Markdown */
  SG_PERSONA_DEMOGRAPHICS,    /* Markdown: typical demographics */
  SG_PERSONA_BEHAVIOURS,      /* Markdown: typical behaviours */
  SG_PERSONA_GOALS,           /* Markdown: goals and needs */
  SG_PERSONA_PAIN_POINTS,     /* Markdown */
  SG_PERSONA_OPPORTUNITIES,   /* Markdown */
  SG_PERSONA_N_FIELDS
} SgPersonaField;

#define SG_TYPE_PERSONA_FIELD (sg_persona_field_get_type ())
GType        sg_persona_field_get_type    (void) G_GNUC_CONST;
/* The property name and JSON key: "name", "tagline", …, "pain-points". */
const char  *sg_persona_field_to_string   (SgPersonaField field);
gboolean     sg_persona_field_from_string (const char     *id,
                                           SgPersonaField *field);
/* Translated, for editor rows and report headings: "Goals and needs". */
const char  *sg_persona_field_get_label   (SgPersonaField field);
/* Whether the field is multi-line Markdown (TRUE) or a single line / value. */
gboolean     sg_persona_field_is_markdown (SgPersonaField field);

/* Longest avatar text kept, in characters (an emoji with modifiers fits). */
#define SG_PERSONA_AVATAR_MAX_CHARS 8

#define SG_TYPE_PERSONA (sg_persona_get_type ())
G_DECLARE_FINAL_TYPE (SgPersona, sg_persona, SG, PERSONA, GObject)

SgPersona   *sg_persona_new               (void);
/* Splits the distinctive sentences of a stored segment profile (SgSegmentInfo.profile, as written by
 * sg_profile_segment_to_json()) by their feature's role: demographics for age, income, children,
 * gender, country and location; behaviours for everything else (recency, frequency, spend, channels…).
 * A role the profile does not give is guessed from the column name. Returns FALSE, with two empty
 * lists, when the profile is NULL, not JSON or has no sentences. */
gboolean     sg_persona_profile_sentences (const char          *profile_json,
                                           char              ***demographic_sentences,
                                           char              ***behaviour_sentences);
/* A persona for a segment: named after it, in its colour, with the typical demographics and
 * behaviours pre-filled from profile sentences (each becomes a bullet). When both lists are NULL the
 * sentences come from the segment's stored profile (sg_persona_profile_sentences()). */
SgPersona   *sg_persona_new_for_segment   (const SgSegmentInfo *segment,
                                           const char *const   *demographic_sentences,
                                           const char *const   *behaviour_sentences);
/* Fills the demographics and behaviours from profile sentences, only where the field is empty (a user's
 * text is never replaced). Returns TRUE if something changed. */
gboolean     sg_persona_prefill           (SgPersona          *self,
                                           const char *const  *demographic_sentences,
                                           const char *const  *behaviour_sentences);
SgPersona   *sg_persona_copy              (SgPersona          *self);
gboolean     sg_persona_equal             (SgPersona          *a,
                                           SgPersona          *b);
/* TRUE when every field is empty and no channel is chosen. */
gboolean     sg_persona_is_empty          (SgPersona          *self);

/* Any field; NULL when empty. Setting "" stores NULL. The colour is normalised to "#rrggbb" (invalid:
 * NULL), the avatar cut to SG_PERSONA_AVATAR_MAX_CHARS, one-line fields lose their line breaks.
 * Setting a field to its current value notifies nothing. */
const char  *sg_persona_get_field         (SgPersona          *self,
                                           SgPersonaField      field);
void         sg_persona_set_field         (SgPersona          *self,
                                           SgPersonaField      field,
                                           const char         *value);
const char  *sg_persona_get_name          (SgPersona          *self);
void         sg_persona_set_name          (SgPersona          *self,
                                           const char         *name);
SgChannelSet sg_persona_get_channels      (SgPersona          *self);
void         sg_persona_set_channels      (SgPersona          *self,
                                           SgChannelSet        channels);
/* What to draw in the avatar: the avatar text, or up to two initials of the name ("LL"), or "?". */
char        *sg_persona_dup_avatar_text   (SgPersona          *self);

/* The stored JSON (an object; see sg-persona.c for the members). */
JsonNode    *sg_persona_to_json_node      (SgPersona          *self);
char        *sg_persona_to_json           (SgPersona          *self);
/* Unknown members and channels (from newer versions) are ignored; a wrong type is an error. */
SgPersona   *sg_persona_new_from_json_node (JsonNode          *node,
                                            GError           **error);
SgPersona   *sg_persona_new_from_json     (const char         *json,
                                           GError            **error);

/* ---- in the project (sg-project-personas.c) ---- */

/* The segment's persona, or NULL with SG_ERROR_NOT_FOUND if it has none (or no such segment). */
SgPersona   *sg_project_load_persona      (SgProject          *project,
                                           gint64              run_id,
                                           guint               segment_idx,
                                           GError            **error);
/* The run's personas indexed by segment (length k; NULL where a segment has none). */
GPtrArray   *sg_project_list_personas     (SgProject          *project,
                                           gint64              run_id,
                                           GError            **error);
/* Inserts or replaces the persona in one transaction. */
gboolean     sg_project_save_persona      (SgProject          *project,
                                           gint64              run_id,
                                           guint               segment_idx,
                                           SgPersona          *persona,
                                           GError            **error);
/* Takes a snapshot of @persona now (later edits do not leak into this save) and writes it on a worker
 * thread with the project's background connection. */
void         sg_project_save_persona_async (SgProject         *project,
                                            gint64             run_id,
                                            guint              segment_idx,
                                            SgPersona         *persona,
                                            GCancellable      *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer           user_data);
/* TRUE when saved (or superseded by a later save of the same persona), FALSE with @error. */
gboolean     sg_project_save_persona_finish (SgProject        *project,
                                             GAsyncResult     *result,
                                             GError          **error);
gboolean     sg_project_delete_persona    (SgProject          *project,
                                           gint64              run_id,
                                           guint               segment_idx,
                                           GError            **error);
/* Copies a persona to a segment of another (or the same) run. If the target has a persona, it is
 * replaced when @replace, else SG_ERROR_EXISTS. */
gboolean     sg_project_copy_persona      (SgProject          *project,
                                           gint64              from_run_id,
                                           guint               from_segment_idx,
                                           gint64              to_run_id,
                                           guint               to_segment_idx,
                                           gboolean            replace,
                                           GError            **error);

G_END_DECLS
