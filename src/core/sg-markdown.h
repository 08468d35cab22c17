/* sg-markdown.h — the small Markdown used in persona and playbook texts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Multi-line fields are plain text with a little Markdown that marketers already type:
 *   **bold**, *italic* or _italic_, and bullet lines starting with "- " (or "* ", "• ").
 * Nothing else is markup: headings, links, HTML and code are shown as typed.
 *
 * Blocks: a bullet line is one bullet item; other consecutive non-blank lines form one paragraph whose
 * line breaks are kept ("\n" inside the span text); a blank line ends a paragraph; a line indented by
 * at least two spaces right after a bullet continues that bullet.
 * Inline: a marker opens only when a matching closer follows in the same block and it touches a
 * non-space character; "_" counts only at word boundaries (snake_case stays as typed); a backslash
 * makes the next ASCII punctuation character literal ("\*"). Unmatched markers stay as text.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  SG_MARKDOWN_PARAGRAPH,
  SG_MARKDOWN_BULLET,
} SgMarkdownBlockKind;

typedef enum {
  SG_MARKDOWN_PLAIN  = 0,
  SG_MARKDOWN_BOLD   = 1 << 0,
  SG_MARKDOWN_ITALIC = 1 << 1,
} SgMarkdownStyle;

typedef struct {
  char            *text;    /* UTF-8 with the markers and escapes removed */
  SgMarkdownStyle  style;
} SgMarkdownSpan;

typedef struct {
  SgMarkdownBlockKind  kind;
  GPtrArray           *spans;   /* SgMarkdownSpan, in order; adjacent spans differ in style */
} SgMarkdownBlock;

void       sg_markdown_block_free  (SgMarkdownBlock *block);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SgMarkdownBlock, sg_markdown_block_free)

/* Parses @text (NULL or "" give no blocks; invalid UTF-8 is repaired). Returns SgMarkdownBlock. */
GPtrArray *sg_markdown_parse       (const char *text);

/* Pango markup of one block's spans (<b>, <i>; everything else escaped), without a bullet sign. */
char      *sg_markdown_block_to_pango_markup (const SgMarkdownBlock *block);
/* The whole text as Pango markup: bullets as "• item", one per line; a blank line between a paragraph
 * and the next block. Every character that is not our markup is escaped, so any user text is safe. */
char      *sg_markdown_to_pango_markup (const char *text);
/* The same layout as plain text, markers removed (for CSV, accessibility labels, search). */
char      *sg_markdown_to_plain_text   (const char *text);

/* @text with its markup characters escaped, so it reads back literally. */
char      *sg_markdown_escape      (const char *text);
/* "- item" lines (each escaped), joined by newlines; NULL or empty @items give "". */
char      *sg_markdown_bullets     (const char *const *items);

G_END_DECLS
