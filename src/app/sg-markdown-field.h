/* sg-markdown-field.h — a multi-line text field for the small Markdown of personas and playbooks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plain text the spell checker and the clipboard understand (sg-markdown.h: **bold**, *italic*,
 * "- " bullets), with an example shown while it is empty, undo and redo (Ctrl+Z, Ctrl+Shift+Z) of the
 * user's typing only — loading a text is not an undo step — and a preview that renders the text as
 * the report will. "edited" is emitted for the user's edits, never for sg_markdown_field_set_text().
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SG_TYPE_MARKDOWN_FIELD (sg_markdown_field_get_type ())
G_DECLARE_FINAL_TYPE (SgMarkdownField, sg_markdown_field, SG, MARKDOWN_FIELD, AdwBin)

GtkWidget   *sg_markdown_field_new             (void);
/* The text as typed (never NULL). */
char        *sg_markdown_field_dup_text        (SgMarkdownField *self);
/* Replaces the text and forgets the undo history (a new document). */
void         sg_markdown_field_set_text        (SgMarkdownField *self,
                                                const char      *text);
void         sg_markdown_field_set_placeholder (SgMarkdownField *self,
                                                const char      *placeholder);
gboolean     sg_markdown_field_get_preview     (SgMarkdownField *self);
void         sg_markdown_field_set_preview     (SgMarkdownField *self,
                                                gboolean         preview);
/* The accessible name of the text (and of its preview). */
void         sg_markdown_field_set_label       (SgMarkdownField *self,
                                                const char      *label);
GtkTextView *sg_markdown_field_get_text_view   (SgMarkdownField *self);

G_END_DECLS
