/* sg-report-doc.h — a small flowing document for the report: blocks measured with Pango, split into
 * pages (text flows onto continuation pages line by line, headings keep with what follows, tables
 * repeat their header), then drawn on a Cairo PDF surface with headers, footers and an outline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Private to the report library. All sizes are PDF points. Text is Pango markup (escape user text
 * with g_markup_escape_text() or sg_markdown_to_pango_markup()).
 *
 * Use: sg_doc_new() on the PDF surface; for each page group sg_doc_begin_section() and add blocks;
 * sg_doc_paginate() gives the page count; sg_doc_render() draws every page.
 */
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include "sg-palette.h"
#include "sg-progress.h"

G_BEGIN_DECLS

/* The type scale: one family, a few sizes and weights. */
typedef enum {
  SG_DOC_DISPLAY,   /* 30 pt light: the title page */
  SG_DOC_H1,        /* 20 pt semibold: page titles */
  SG_DOC_H2,        /* 13 pt semibold: sections of a page */
  SG_DOC_H3,        /* 10 pt bold: figure titles, sub-sections */
  SG_DOC_BODY,      /* 10 pt, 1.4 line height */
  SG_DOC_SMALL,     /* 8.5 pt: notes, captions, table cells */
  SG_DOC_LABEL,     /* 7.5 pt bold, spaced capitals: table headers, field labels */
  SG_DOC_FIGURE,    /* 22 pt semibold: headline numbers */
  SG_DOC_N_TYPES
} SgDocType;

typedef enum {
  SG_DOC_COLOR_TEXT,
  SG_DOC_COLOR_MUTED,
  SG_DOC_COLOR_FAINT,   /* rules, empty-state lines */
  SG_DOC_COLOR_ACCENT,
} SgDocColor;

typedef struct _SgDoc SgDoc;

/* Draws a fixed-height block (a chart, a row of cards) in [x, x + width] × [y, y + height]. */
typedef void (*SgDocDrawFunc) (SgDoc    *doc,
                               cairo_t  *cr,
                               double    x,
                               double    y,
                               double    width,
                               double    height,
                               gpointer  data);

/* @cr: a context on the target surface (used for measuring). @font_family: a Pango family list. */
SgDoc       *sg_doc_new              (cairo_t       *cr,
                                      double         page_width,
                                      double         page_height,
                                      const char    *font_family);
void         sg_doc_free             (SgDoc         *doc);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SgDoc, sg_doc_free)

/* Running header (left and right) and footer (left) text on pages with chrome; the footer's right
 * side is "Page N of M". */
void         sg_doc_set_chrome       (SgDoc         *doc,
                                      const char    *header_left,
                                      const char    *header_right,
                                      const char    *footer_left);

double       sg_doc_get_text_width   (SgDoc         *doc);
/* The height blocks can use on a page with chrome (for sizing figures). */
double       sg_doc_get_body_height  (SgDoc         *doc);
const char  *sg_doc_get_font_family  (SgDoc         *doc);
SgRgb        sg_doc_get_color        (SgDoc         *doc,
                                      SgDocColor     color);

/* A layout in the document's style, @width wide (≤ 0: unwrapped). */
PangoLayout *sg_doc_layout           (SgDoc         *doc,
                                      SgDocType      type,
                                      const char    *markup,
                                      double         width);
double       sg_doc_layout_height    (PangoLayout   *layout);
double       sg_doc_layout_width     (PangoLayout   *layout);
/* Draws @layout with its top left at (@x, @y) in @color. */
void         sg_doc_show_layout      (SgDoc         *doc,
                                      cairo_t       *cr,
                                      PangoLayout   *layout,
                                      double         x,
                                      double         y,
                                      SgRgb          color);
void         sg_doc_set_source       (cairo_t       *cr,
                                      SgRgb          color);

/* A new page group: starts on a new page. @title goes in the PDF outline and heads continuation
 * pages ("@title (continued)"); @chrome draws the running header and footer. */
void         sg_doc_begin_section    (SgDoc         *doc,
                                      const char    *title,
                                      gboolean       chrome);

/* Text blocks flow: a block that does not fit continues on the next page, line by line, keeping
 * at least two lines together at either end of a break. */
void         sg_doc_text             (SgDoc         *doc,
                                      SgDocType      type,
                                      SgDocColor     color,
                                      const char    *markup);
/* Text @indent points in from the margin, with a coloured dot in that room when @swatch is set;
 * @keep keeps it on the page of the block after it. */
void         sg_doc_text_full        (SgDoc         *doc,
                                      SgDocType      type,
                                      SgDocColor     color,
                                      const char    *markup,
                                      double         indent,
                                      const SgRgb   *swatch,
                                      gboolean       keep);
/* A heading: never the last thing on a page (it keeps with the block after it). */
void         sg_doc_heading          (SgDoc         *doc,
                                      SgDocType      type,
                                      const char    *markup);
/* A heading with a coloured square before it (a segment's colour). */
void         sg_doc_heading_swatch   (SgDoc         *doc,
                                      SgDocType      type,
                                      const char    *markup,
                                      SgRgb          swatch);
/* Bulleted items (markup), each a block. */
void         sg_doc_bullets          (SgDoc         *doc,
                                      SgDocType      type,
                                      const char *const *items);
/* One list item: @label (markup: "•", "3.") hanging left of @markup. @last: the list ends here. */
void         sg_doc_item             (SgDoc         *doc,
                                      SgDocType      type,
                                      const char    *label,
                                      const char    *markup,
                                      gboolean       last);
/* The Markdown of sg-markdown.h: paragraphs and bullets. */
void         sg_doc_markdown         (SgDoc         *doc,
                                      SgDocType      type,
                                      const char    *markdown);
/* A field: @label in the left column (plain text), @markup beside it; long values flow. */
void         sg_doc_field            (SgDoc         *doc,
                                      const char    *label,
                                      const char    *markup);
/* Short fields side by side (@n of them, each a label above its value) in one row that does not
 * split. Adds nothing and returns FALSE when a value is taller than @max_height: lay those out with
 * sg_doc_field(), which flows. NULL entries leave their column empty. */
gboolean     sg_doc_field_row        (SgDoc         *doc,
                                      guint          n,
                                      const char *const *labels,
                                      const char *const *markups,
                                      double         max_height);
/* Width of the label column of fields (default 120 pt). */
void         sg_doc_set_field_label_width (SgDoc  *doc,
                                           double  width);

/* Tables: columns as fractions of the text width; right-aligned columns for numbers. Rows do not
 * split; a table that breaks repeats its header on the next page. */
void         sg_doc_table_begin      (SgDoc         *doc,
                                      guint          n_columns,
                                      const double  *fractions,
                                      const gboolean *numeric);
/* The header (plain text labels) or a row (markup cells); NULL cells are empty. */
void         sg_doc_table_header     (SgDoc         *doc,
                                      const char *const *labels);
/* A header of names (segment names): as typed, bold, broken only between words. */
void         sg_doc_table_header_names (SgDoc       *doc,
                                        const char *const *labels);
void         sg_doc_table_row        (SgDoc         *doc,
                                      const char *const *cells);
void         sg_doc_table_end        (SgDoc         *doc);

/* A fixed-height block: never split; moved to the next page if it does not fit; shrunk to the
 * page if taller. @keep_with_next keeps it with the block after it (a caption). */
void         sg_doc_figure           (SgDoc         *doc,
                                      double         height,
                                      SgDocDrawFunc  draw,
                                      gpointer       data,
                                      GDestroyNotify data_free,
                                      gboolean       keep_with_next);
/* Lets the last figure shrink to @min_height rather than move to the next page (charts that read
 * well a little shorter). */
void         sg_doc_set_min_height   (SgDoc         *doc,
                                      double         min_height);
/* Vertical space (dropped at the top of a page). */
void         sg_doc_space            (SgDoc         *doc,
                                      double         height);
/* A thin rule across the text width. */
void         sg_doc_rule             (SgDoc         *doc);

/* For a block that must fit one page (the title page): the blocks of the current section so far,
 * the height blocks @from… take stacked on one page, and dropping them to try something shorter. */
guint        sg_doc_get_n_blocks     (SgDoc         *doc);
double       sg_doc_measure_blocks   (SgDoc         *doc,
                                      guint          from);
void         sg_doc_remove_blocks    (SgDoc         *doc,
                                      guint          from);

/* Splits everything into pages; returns the page count. */
guint        sg_doc_paginate         (SgDoc         *doc);
/* The 1-based page on which section @index (in order of sg_doc_begin_section()) starts. */
guint        sg_doc_get_section_page (SgDoc         *doc,
                                      guint          index);
/* Draws every page on @cr's surface (cairo_show_page between pages) and adds the outline when the
 * surface is a PDF. Checks @progress between pages. */
gboolean     sg_doc_render           (SgDoc         *doc,
                                      cairo_t       *cr,
                                      SgProgress    *progress,
                                      GError       **error);

G_END_DECLS
