/* sg-report-doc.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "sg-error.h"
#include "sg-markdown.h"
#include "sg-report-doc.h"

/* Page geometry, in points. */
#define MARGIN_X          62.0
#define MARGIN_TOP        74.0
#define MARGIN_BOTTOM     66.0
#define HEADER_Y          38.0    /* top of the running header's text */
#define FOOTER_GAP        40.0    /* from the page's bottom edge to the footer text's bottom */
#define CONTINUED_HEIGHT  24.0    /* "… (continued)" at the top of a continuation page */
#define BULLET_INDENT     14.0
#define SWATCH_GAP        9.0
#define CELL_PAD_Y        4.5
#define CELL_PAD_TIGHT    2.5     /* when squeezing a section onto fewer pages */
#define CELL_GAP          10.0
#define BODY_MAX          500.0   /* tables up to this tall are kept on one page */

typedef struct {
  double        size;
  PangoWeight   weight;
  double        line_spacing;  /* factor of the font's height; 0: Pango's default */
  double        before, after; /* default space around blocks of this type */
  double        letter_spacing;
  gboolean      upper;
} TypeSpec;

static const TypeSpec type_specs[SG_DOC_N_TYPES] = {
  [SG_DOC_DISPLAY] = { 30.0, PANGO_WEIGHT_LIGHT,    1.0,  0,    10,  0,   FALSE },
  [SG_DOC_H1]      = { 20.0, PANGO_WEIGHT_SEMIBOLD, 1.05, 0,    10,  0,   FALSE },
  [SG_DOC_H2]      = { 13.0, PANGO_WEIGHT_SEMIBOLD, 1.1,  16,   6,   0,   FALSE },
  [SG_DOC_H3]      = { 10.0, PANGO_WEIGHT_BOLD,     1.1,  12,   4,   0,   FALSE },
  [SG_DOC_BODY]    = { 10.0, PANGO_WEIGHT_NORMAL,   1.2,  0,    6,   0,   FALSE },
  [SG_DOC_SMALL]   = { 8.5,  PANGO_WEIGHT_NORMAL,   1.15, 0,    4,   0,   FALSE },
  [SG_DOC_LABEL]   = { 7.5,  PANGO_WEIGHT_BOLD,     1.1,  0,    3,   0.15, TRUE  },
  [SG_DOC_FIGURE]  = { 22.0, PANGO_WEIGHT_SEMIBOLD, 1.0,  0,    2,   0,   FALSE },
};

typedef enum {
  BLOCK_TEXT,
  BLOCK_ROW,
  BLOCK_FIGURE,
  BLOCK_SPACE,
  BLOCK_RULE,
} BlockKind;

typedef struct _Block Block;

struct _Block
{
  BlockKind      kind;
  double         before, after;
  gboolean       keep;          /* keep with the next block */

  /* text */
  PangoLayout   *layout;
  double         indent;
  SgRgb          color;
  PangoLayout   *label;         /* a bullet or field label left of the first line */
  SgRgb          label_color;
  gboolean       has_swatch;
  SgRgb          swatch;
  int            n_lines;
  double        *line_top;      /* layout coordinates, points */
  double        *line_bottom;
  double        *line_baseline;
  double        *line_x;

  /* table rows */
  guint          n_cells;
  PangoLayout  **cells;
  double        *cell_x;
  PangoLayout  **cell_labels;   /* field rows: a label above each cell; NULL for table rows */
  gboolean       header;
  Block         *header_row;    /* body rows: their table's header, repeated after a break */

  /* figures, spaces, rules and rows */
  double         height;
  double         min_height;    /* figures: may shrink to this to stay on the page */
  double         group_height;  /* table headers: the whole table, kept together when it fits a page */
  guint          group_rows;
  SgDocDrawFunc  draw;
  gpointer       data;
  GDestroyNotify data_free;
};

typedef struct {
  char      *title;
  gboolean   chrome;
  GPtrArray *blocks;            /* Block */
  guint      first_page;        /* 0-based, after pagination */
} Section;

typedef struct {
  Block   *block;
  double   y;
  double   height;
  int      from, to;            /* text: lines drawn */
} Placement;

typedef struct {
  Section *section;
  gboolean continuation;
  GArray  *items;               /* Placement */
} Page;

struct _SgDoc
{
  PangoContext *context;
  double        page_width, page_height;
  char         *font_family;
  char         *header_left, *header_right, *footer_left;
  double        field_label_width;
  SgRgb         colors[4];

  GPtrArray    *sections;       /* Section */
  /* table being built */
  guint         table_columns;
  double       *table_x;
  double       *table_width;
  gboolean     *table_numeric;
  Block        *table_header;

  GPtrArray    *pages;          /* Page */
};

/* ---- blocks ---- */

static void
block_free (Block *block)
{
  g_clear_object (&block->layout);
  g_clear_object (&block->label);
  g_free (block->line_top);
  g_free (block->line_bottom);
  g_free (block->line_baseline);
  g_free (block->line_x);
  for (guint i = 0; i < block->n_cells; i++)
    {
      g_clear_object (&block->cells[i]);
      if (block->cell_labels != NULL)
        g_clear_object (&block->cell_labels[i]);
    }
  g_free (block->cells);
  g_free (block->cell_labels);
  g_free (block->cell_x);
  if (block->data_free != NULL)
    block->data_free (block->data);
  g_free (block);
}

static void
section_free (Section *section)
{
  g_free (section->title);
  g_ptr_array_unref (section->blocks);
  g_free (section);
}

static void
page_free (Page *page)
{
  g_array_unref (page->items);
  g_free (page);
}

SgDoc *
sg_doc_new (cairo_t    *cr,
            double      page_width,
            double      page_height,
            const char *font_family)
{
  SgDoc *doc = g_new0 (SgDoc, 1);
  cairo_font_options_t *options = cairo_font_options_create ();

  doc->context = pango_cairo_create_context (cr);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (doc->context, options);
  cairo_font_options_destroy (options);
  doc->page_width = page_width;
  doc->page_height = page_height;
  doc->font_family = g_strdup (font_family != NULL ? font_family : "Sans");
  doc->field_label_width = 120;
  doc->colors[SG_DOC_COLOR_TEXT] = (SgRgb) { 0.12, 0.12, 0.14 };
  doc->colors[SG_DOC_COLOR_MUTED] = (SgRgb) { 0.38, 0.38, 0.42 };
  doc->colors[SG_DOC_COLOR_FAINT] = (SgRgb) { 0.80, 0.80, 0.82 };
  doc->colors[SG_DOC_COLOR_ACCENT] = (SgRgb) { 0.110, 0.443, 0.847 };
  doc->sections = g_ptr_array_new_with_free_func ((GDestroyNotify) section_free);
  doc->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) page_free);
  return doc;
}

void
sg_doc_free (SgDoc *doc)
{
  if (doc == NULL)
    return;
  g_ptr_array_unref (doc->pages);
  g_ptr_array_unref (doc->sections);
  g_free (doc->table_x);
  g_free (doc->table_width);
  g_free (doc->table_numeric);
  g_free (doc->font_family);
  g_free (doc->header_left);
  g_free (doc->header_right);
  g_free (doc->footer_left);
  g_object_unref (doc->context);
  g_free (doc);
}

void
sg_doc_set_chrome (SgDoc      *doc,
                   const char *header_left,
                   const char *header_right,
                   const char *footer_left)
{
  g_free (doc->header_left);
  g_free (doc->header_right);
  g_free (doc->footer_left);
  doc->header_left = g_strdup (header_left);
  doc->header_right = g_strdup (header_right);
  doc->footer_left = g_strdup (footer_left);
}

double
sg_doc_get_text_width (SgDoc *doc)
{
  return doc->page_width - 2 * MARGIN_X;
}

double
sg_doc_get_body_height (SgDoc *doc)
{
  return doc->page_height - MARGIN_TOP - MARGIN_BOTTOM;
}

const char *
sg_doc_get_font_family (SgDoc *doc)
{
  return doc->font_family;
}

SgRgb
sg_doc_get_color (SgDoc      *doc,
                  SgDocColor  color)
{
  return doc->colors[color];
}

void
sg_doc_set_source (cairo_t *cr,
                   SgRgb    color)
{
  cairo_set_source_rgb (cr, color.red, color.green, color.blue);
}

static void
set_layout_markup (PangoLayout *layout,
                   SgDocType    type,
                   const char  *markup)
{
  const TypeSpec *spec = &type_specs[type];
  PangoAttrList *attrs;

  if (spec->upper)
    {
      /* Labels are plain text: upper-case the text, then escape it. */
      g_autofree char *upper = g_utf8_strup (markup != NULL ? markup : "", -1);
      g_autofree char *escaped = g_markup_escape_text (upper, -1);

      pango_layout_set_markup (layout, escaped, -1);
    }
  else if (!pango_parse_markup (markup != NULL ? markup : "", -1, 0, NULL, NULL, NULL, NULL))
    pango_layout_set_text (layout, markup, -1);   /* never drop text over a markup slip */
  else
    pango_layout_set_markup (layout, markup != NULL ? markup : "", -1);
  if (spec->letter_spacing > 0)
    {
      attrs = pango_layout_get_attributes (layout);
      attrs = attrs != NULL ? pango_attr_list_ref (attrs) : pango_attr_list_new ();
      pango_attr_list_insert_before (attrs, pango_attr_letter_spacing_new ((int) (spec->letter_spacing * PANGO_SCALE)));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }
}

PangoLayout *
sg_doc_layout (SgDoc       *doc,
               SgDocType    type,
               const char  *markup,
               double       width)
{
  const TypeSpec *spec = &type_specs[type];
  PangoLayout *layout = pango_layout_new (doc->context);
  PangoFontDescription *font = pango_font_description_new ();

  pango_font_description_set_family (font, doc->font_family);
  pango_font_description_set_absolute_size (font, spec->size * PANGO_SCALE);
  pango_font_description_set_weight (font, spec->weight);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  if (spec->line_spacing > 0)
    pango_layout_set_line_spacing (layout, (float) spec->line_spacing);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  set_layout_markup (layout, type, markup);
  return layout;
}

double
sg_doc_layout_height (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.height / PANGO_SCALE;
}

double
sg_doc_layout_width (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.width / PANGO_SCALE;
}

void
sg_doc_show_layout (SgDoc       *doc,
                    cairo_t     *cr,
                    PangoLayout *layout,
                    double       x,
                    double       y,
                    SgRgb        color)
{
  sg_doc_set_source (cr, color);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

/* ---- building ---- */

static Section *
current_section (SgDoc *doc)
{
  if (doc->sections->len == 0)
    sg_doc_begin_section (doc, NULL, FALSE);
  return g_ptr_array_index (doc->sections, doc->sections->len - 1);
}

static Block *
add_block (SgDoc     *doc,
           BlockKind  kind)
{
  Block *block = g_new0 (Block, 1);

  block->kind = kind;
  g_ptr_array_add (current_section (doc)->blocks, block);
  return block;
}

void
sg_doc_begin_section (SgDoc      *doc,
                      const char *title,
                      gboolean    chrome)
{
  Section *section = g_new0 (Section, 1);

  section->title = g_strdup (title);
  section->chrome = chrome;
  section->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
  g_ptr_array_add (doc->sections, section);
}

/* Records where each line of the block's layout lies. */
static void
measure_lines (Block *block)
{
  PangoLayoutIter *iter;
  int i = 0;

  block->n_lines = pango_layout_get_line_count (block->layout);
  block->line_top = g_new (double, MAX (block->n_lines, 1));
  block->line_bottom = g_new (double, MAX (block->n_lines, 1));
  block->line_baseline = g_new (double, MAX (block->n_lines, 1));
  block->line_x = g_new (double, MAX (block->n_lines, 1));
  iter = pango_layout_get_iter (block->layout);
  do
    {
      PangoRectangle logical;
      int y0, y1;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      pango_layout_iter_get_line_yrange (iter, &y0, &y1);
      block->line_top[i] = (double) y0 / PANGO_SCALE;
      block->line_bottom[i] = (double) y1 / PANGO_SCALE;
      block->line_baseline[i] = (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE;
      block->line_x[i] = (double) logical.x / PANGO_SCALE;
      i++;
    }
  while (i < block->n_lines && pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  block->n_lines = i;
  /* The last line's spacing below the text belongs to the gap after the block. */
  if (block->n_lines > 0)
    block->height = block->line_bottom[block->n_lines - 1] - block->line_top[0];
}

static Block *
add_text_block (SgDoc       *doc,
                SgDocType    type,
                SgDocColor   color,
                const char  *markup,
                double       indent)
{
  Block *block = add_block (doc, BLOCK_TEXT);

  block->layout = sg_doc_layout (doc, type, markup, sg_doc_get_text_width (doc) - indent);
  block->indent = indent;
  block->color = doc->colors[color];
  block->before = type_specs[type].before;
  block->after = type_specs[type].after;
  measure_lines (block);
  return block;
}

void
sg_doc_text (SgDoc       *doc,
             SgDocType    type,
             SgDocColor   color,
             const char  *markup)
{
  add_text_block (doc, type, color, markup, 0);
}

void
sg_doc_text_full (SgDoc       *doc,
                  SgDocType    type,
                  SgDocColor   color,
                  const char  *markup,
                  double       indent,
                  const SgRgb *swatch,
                  gboolean     keep)
{
  Block *block = add_text_block (doc, type, color, markup, indent);

  block->keep = keep;
  if (swatch != NULL)
    {
      block->has_swatch = TRUE;
      block->swatch = *swatch;
    }
}

void
sg_doc_heading (SgDoc       *doc,
                SgDocType    type,
                const char  *markup)
{
  Block *block = add_text_block (doc, type, SG_DOC_COLOR_TEXT, markup, 0);

  block->keep = TRUE;
}

void
sg_doc_heading_swatch (SgDoc       *doc,
                       SgDocType    type,
                       const char  *markup,
                       SgRgb        swatch)
{
  double size = type_specs[type].size * 0.8;
  Block *block = add_text_block (doc, type, SG_DOC_COLOR_TEXT, markup, size + SWATCH_GAP);

  block->keep = TRUE;
  block->has_swatch = TRUE;
  block->swatch = swatch;
}

static void
add_bullet (SgDoc       *doc,
            SgDocType    type,
            const char  *markup,
            gboolean     last)
{
  Block *block = add_text_block (doc, type, SG_DOC_COLOR_TEXT, markup, BULLET_INDENT);

  block->label = sg_doc_layout (doc, type, "•", 0);
  block->label_color = doc->colors[SG_DOC_COLOR_MUTED];
  if (!last)
    block->after = type_specs[type].after / 2;
}

void
sg_doc_item (SgDoc       *doc,
             SgDocType    type,
             const char  *label,
             const char  *markup,
             gboolean     last)
{
  PangoLayout *label_layout = sg_doc_layout (doc, type, label, 0);
  double indent = MAX (BULLET_INDENT, ceil (sg_doc_layout_width (label_layout)) + 5);
  Block *block;

  /* Numbers line up: every numbered item is indented as for two digits. */
  if (g_ascii_isdigit (label[0]))
    {
      g_autoptr(PangoLayout) two = sg_doc_layout (doc, type, "00.", 0);

      indent = MAX (indent, ceil (sg_doc_layout_width (two)) + 5);
    }
  block = add_text_block (doc, type, SG_DOC_COLOR_TEXT, markup, indent);

  block->label = label_layout;
  block->label_color = doc->colors[SG_DOC_COLOR_MUTED];
  if (!last)
    block->after = type_specs[type].after / 2;
}

void
sg_doc_bullets (SgDoc              *doc,
                SgDocType           type,
                const char *const  *items)
{
  for (guint i = 0; items != NULL && items[i] != NULL; i++)
    add_bullet (doc, type, items[i], items[i + 1] == NULL);
}

void
sg_doc_markdown (SgDoc       *doc,
                 SgDocType    type,
                 const char  *markdown)
{
  g_autoptr(GPtrArray) blocks = sg_markdown_parse (markdown);

  for (guint i = 0; i < blocks->len; i++)
    {
      SgMarkdownBlock *md = g_ptr_array_index (blocks, i);
      g_autofree char *markup = sg_markdown_block_to_pango_markup (md);
      gboolean last = i + 1 == blocks->len;

      if (md->kind == SG_MARKDOWN_BULLET)
        {
          gboolean next_is_bullet = !last && ((SgMarkdownBlock *) g_ptr_array_index (blocks, i + 1))->kind == SG_MARKDOWN_BULLET;

          add_bullet (doc, type, markup, !next_is_bullet);
        }
      else
        add_text_block (doc, type, SG_DOC_COLOR_TEXT, markup, 0);
    }
}

void
sg_doc_set_field_label_width (SgDoc  *doc,
                              double  width)
{
  doc->field_label_width = width;
}

void
sg_doc_field (SgDoc      *doc,
              const char *label,
              const char *markup)
{
  g_autofree char *escaped = g_markup_escape_text (label != NULL ? label : "", -1);
  Block *block = add_text_block (doc, SG_DOC_BODY, SG_DOC_COLOR_TEXT, markup, doc->field_label_width);

  block->label = sg_doc_layout (doc, SG_DOC_SMALL, escaped, doc->field_label_width - CELL_GAP);
  block->label_color = doc->colors[SG_DOC_COLOR_MUTED];
  block->before = 0;
  block->after = 5;
  /* A label longer than the value must not run into the next field. */
  block->height = MAX (block->height, sg_doc_layout_height (block->label));
}

gboolean
sg_doc_field_row (SgDoc              *doc,
                  guint               n,
                  const char *const  *labels,
                  const char *const  *markups,
                  double              max_height)
{
  double gap = 18, width = (sg_doc_get_text_width (doc) - gap * (n - 1)) / MAX (n, 1), height = 0;
  g_autofree PangoLayout **cells = g_new0 (PangoLayout *, MAX (n, 1));
  g_autofree PangoLayout **cell_labels = g_new0 (PangoLayout *, MAX (n, 1));
  Block *block;

  for (guint c = 0; c < n; c++)
    {
      double h;

      if (labels[c] == NULL || markups[c] == NULL)
        continue;
      cell_labels[c] = sg_doc_layout (doc, SG_DOC_LABEL, labels[c], width);
      cells[c] = sg_doc_layout (doc, SG_DOC_BODY, markups[c], width);
      h = sg_doc_layout_height (cell_labels[c]) + 2 + sg_doc_layout_height (cells[c]);
      height = MAX (height, h);
      if (sg_doc_layout_height (cells[c]) > max_height)
        {
          for (guint i = 0; i <= c; i++)
            {
              g_clear_object (&cells[i]);
              g_clear_object (&cell_labels[i]);
            }
          return FALSE;
        }
    }
  block = add_block (doc, BLOCK_ROW);
  block->n_cells = n;
  block->cells = g_steal_pointer (&cells);
  block->cell_labels = g_steal_pointer (&cell_labels);
  block->cell_x = g_new (double, MAX (n, 1));
  for (guint c = 0; c < n; c++)
    block->cell_x[c] = c * (width + gap);
  block->height = height;
  block->before = 4;
  block->after = 8;
  return TRUE;
}

void
sg_doc_table_begin (SgDoc          *doc,
                    guint           n_columns,
                    const double   *fractions,
                    const gboolean *numeric)
{
  double width = sg_doc_get_text_width (doc), x = 0, total = 0;

  g_free (doc->table_x);
  g_free (doc->table_width);
  g_free (doc->table_numeric);
  doc->table_columns = n_columns;
  doc->table_x = g_new (double, n_columns);
  doc->table_width = g_new (double, n_columns);
  doc->table_numeric = g_new0 (gboolean, n_columns);
  for (guint c = 0; c < n_columns; c++)
    total += fractions != NULL ? fractions[c] : 1.0;
  for (guint c = 0; c < n_columns; c++)
    {
      double w = width * (fractions != NULL ? fractions[c] : 1.0) / total;

      doc->table_x[c] = x;
      /* A gap between columns; the last column ends at the margin. */
      doc->table_width[c] = c + 1 < n_columns ? w - CELL_GAP : w;
      doc->table_numeric[c] = numeric != NULL && numeric[c];
      x += w;
    }
  doc->table_header = NULL;
}

typedef enum {
  ROW_BODY,
  ROW_HEADER,        /* spaced capitals */
  ROW_HEADER_NAMES,  /* names as typed, bold */
} RowKind;

static Block *
add_row (SgDoc              *doc,
         const char *const  *cells,
         RowKind             kind)
{
  Block *block = add_block (doc, BLOCK_ROW);
  double height = 0;

  block->n_cells = doc->table_columns;
  block->cells = g_new0 (PangoLayout *, block->n_cells);
  block->cell_x = g_new (double, block->n_cells);
  block->header = kind != ROW_BODY;
  for (guint c = 0; c < block->n_cells; c++)
    {
      PangoLayout *layout;

      if (kind == ROW_HEADER_NAMES)
        {
          g_autofree char *escaped = g_markup_escape_text (cells[c] != NULL ? cells[c] : "", -1);
          g_autofree char *bold = g_strdup_printf ("<b>%s</b>", escaped);

          PangoFontDescription *font;

          /* At the labels' size, broken between words (inside a word only when it is wider than the
           * column). */
          layout = sg_doc_layout (doc, SG_DOC_SMALL, bold, doc->table_width[c]);
          font = pango_font_description_copy (pango_layout_get_font_description (layout));
          pango_font_description_set_absolute_size (font, type_specs[SG_DOC_LABEL].size * PANGO_SCALE);
          pango_layout_set_font_description (layout, font);
          pango_font_description_free (font);
        }
      else
        layout = sg_doc_layout (doc, kind == ROW_HEADER ? SG_DOC_LABEL : SG_DOC_SMALL,
                                cells[c] != NULL ? cells[c] : "", doc->table_width[c]);
      if (doc->table_numeric[c])
        pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
      block->cells[c] = layout;
      block->cell_x[c] = doc->table_x[c];
      height = MAX (height, sg_doc_layout_height (layout));
    }
  block->height = height + 2 * CELL_PAD_Y;
  block->keep = block->header;
  return block;
}

void
sg_doc_table_header (SgDoc              *doc,
                     const char *const  *labels)
{
  Block *block = add_row (doc, labels, ROW_HEADER);

  block->before = 6;
  doc->table_header = block;
}

void
sg_doc_table_header_names (SgDoc              *doc,
                           const char *const  *labels)
{
  Block *block = add_row (doc, labels, ROW_HEADER_NAMES);

  block->before = 6;
  doc->table_header = block;
}

void
sg_doc_table_row (SgDoc              *doc,
                  const char *const  *cells)
{
  Block *block = add_row (doc, cells, ROW_BODY);

  block->header_row = doc->table_header;
  if (doc->table_header == NULL)
    block->before = 6;
}

void
sg_doc_table_end (SgDoc *doc)
{
  GPtrArray *blocks = current_section (doc)->blocks;

  if (blocks->len > 0)
    ((Block *) g_ptr_array_index (blocks, blocks->len - 1))->after = 12;
  if (doc->table_header != NULL)
    {
      double height = 0;
      gboolean in_table = FALSE;

      for (guint i = 0; i < blocks->len; i++)
        {
          Block *block = g_ptr_array_index (blocks, i);

          in_table |= block == doc->table_header;
          if (in_table)
            {
              height += block->height;
              doc->table_header->group_rows++;
            }
        }
      doc->table_header->group_height = height;
    }
  doc->table_header = NULL;
}

void
sg_doc_figure (SgDoc          *doc,
               double          height,
               SgDocDrawFunc   draw,
               gpointer        data,
               GDestroyNotify  data_free,
               gboolean        keep_with_next)
{
  Block *block = add_block (doc, BLOCK_FIGURE);

  block->height = height;
  block->draw = draw;
  block->data = data;
  block->data_free = data_free;
  block->keep = keep_with_next;
  block->before = 6;
  block->after = 6;
}

void
sg_doc_set_min_height (SgDoc  *doc,
                       double  min_height)
{
  GPtrArray *blocks = current_section (doc)->blocks;
  Block *block = blocks->len > 0 ? g_ptr_array_index (blocks, blocks->len - 1) : NULL;

  g_return_if_fail (block != NULL && block->kind == BLOCK_FIGURE);
  block->min_height = MIN (min_height, block->height);
}

void
sg_doc_space (SgDoc  *doc,
              double  height)
{
  Block *block = add_block (doc, BLOCK_SPACE);

  block->height = height;
  block->keep = TRUE;
}

void
sg_doc_rule (SgDoc *doc)
{
  Block *block = add_block (doc, BLOCK_RULE);

  block->height = 0;
  block->before = 8;
  block->after = 10;
}

guint
sg_doc_get_n_blocks (SgDoc *doc)
{
  return current_section (doc)->blocks->len;
}

double
sg_doc_measure_blocks (SgDoc *doc,
                       guint  from)
{
  GPtrArray *blocks = current_section (doc)->blocks;
  double height = 0, after = 0;
  gboolean empty = TRUE;

  for (guint i = from; i < blocks->len; i++)
    {
      Block *block = g_ptr_array_index (blocks, i);

      if (block->kind == BLOCK_SPACE)
        {
          if (!empty)
            {
              height += MAX (after, block->height);
              after = 0;
            }
          continue;
        }
      height += (empty ? 0 : MAX (after, block->before)) + block->height;
      after = block->after;
      empty = FALSE;
    }
  return height;
}

void
sg_doc_remove_blocks (SgDoc *doc,
                      guint  from)
{
  GPtrArray *blocks = current_section (doc)->blocks;

  if (from < blocks->len)
    g_ptr_array_remove_range (blocks, from, blocks->len - from);
}

/* ---- pagination ---- */

typedef struct {
  SgDoc   *doc;
  Section *section;
  Page    *page;
  double   y;          /* bottom of the last block placed */
  double   bottom;
  gboolean empty;      /* nothing placed on this page yet */
  double   after;      /* space the last block wants after it */
  gboolean squeeze;    /* figures at their least height (to save a nearly empty last page) */
} Flow;

static double
body_top (gboolean continuation)
{
  return MARGIN_TOP + (continuation ? CONTINUED_HEIGHT : 0);
}

static void
new_page (Flow     *flow,
          gboolean  continuation)
{
  Page *page = g_new0 (Page, 1);

  page->section = flow->section;
  page->continuation = continuation;
  page->items = g_array_new (FALSE, TRUE, sizeof (Placement));
  g_ptr_array_add (flow->doc->pages, page);
  flow->page = page;
  flow->y = body_top (continuation);
  flow->bottom = flow->doc->page_height - MARGIN_BOTTOM;
  flow->empty = TRUE;
  flow->after = 0;
}

static double
gap_before (Flow  *flow,
            Block *block)
{
  return flow->empty ? 0 : MAX (flow->after, block->before);
}

static void
place (Flow   *flow,
       Block  *block,
       double  gap,
       double  height,
       int     from,
       int     to)
{
  Placement p = { block, flow->y + gap, height, from, to };

  g_array_append_val (flow->page->items, p);
  flow->y += gap + height;
  flow->empty = FALSE;
  flow->after = block->after;
}

/* The least of @block that must go on a page with whatever keeps with it. */
static double
min_height (Block *block)
{
  switch (block->kind)
    {
    case BLOCK_TEXT:
      if (block->n_lines <= 3)
        return block->height;
      return block->line_bottom[1] - block->line_top[0];
    case BLOCK_ROW:
      return block->group_height > 0 && block->group_height <= BODY_MAX ? block->group_height : block->height;
    case BLOCK_FIGURE:
      return block->min_height > 0 ? block->min_height : block->height;
    case BLOCK_SPACE:
    case BLOCK_RULE:
    default:
      return block->height;
    }
}

/* Room needed after block @i for what it keeps with (a heading: the start of the next block). */
static double
keep_room (Section *section,
           guint    i)
{
  Block *block = g_ptr_array_index (section->blocks, i);
  Block *next;
  double room;

  if (!block->keep || i + 1 >= section->blocks->len)
    return 0;
  next = g_ptr_array_index (section->blocks, i + 1);
  room = MAX (block->after, next->before) + min_height (next);
  if (next->keep && (next->kind == BLOCK_SPACE || (next->kind == BLOCK_TEXT && next->n_lines <= 3)))
    room += keep_room (section, i + 1);
  return room;
}

static void
place_text (Flow  *flow,
            Block *block,
            guint  index)
{
  int from = 0;

  while (from < block->n_lines)
    {
      double gap = gap_before (flow, block);
      double rest = block->line_bottom[block->n_lines - 1] - block->line_top[from];
      double extra = from == 0 ? keep_room (flow->section, index) : 0;
      double avail;
      int remaining = block->n_lines - from, fit = 0;

      if (flow->y + gap + rest + extra <= flow->bottom + 0.01)
        {
          place (flow, block, gap, rest, from, block->n_lines);
          return;
        }
      /* A heading that fits but whose next block does not: move it along. */
      if (flow->y + gap + rest <= flow->bottom && block->keep && !flow->empty)
        {
          new_page (flow, TRUE);
          continue;
        }
      avail = flow->bottom - flow->y - gap;
      while (fit < remaining && block->line_bottom[from + fit] - block->line_top[from] <= avail + 0.01)
        fit++;
      if (!flow->empty)
        {
          /* At least two lines on each side of a break; short blocks move whole. */
          if (remaining < 4)
            fit = 0;
          else
            {
              fit = MIN (fit, remaining - 2);
              if (fit < 2)
                fit = 0;
            }
          if (fit == 0)
            {
              new_page (flow, TRUE);
              continue;
            }
        }
      else if (fit == 0)
        fit = 1;    /* a line taller than the page: place it anyway, the page must take something */
      place (flow, block, gap, block->line_bottom[from + fit - 1] - block->line_top[from], from, from + fit);
      from += fit;
      if (from < block->n_lines)
        new_page (flow, TRUE);
    }
}

static void
place_fixed (Flow  *flow,
             Block *block,
             guint  index)
{
  double body = flow->doc->page_height - MARGIN_BOTTOM - body_top (TRUE);
  double height = MIN (flow->squeeze && block->min_height > 0 ? block->min_height : block->height, body);
  double gap = gap_before (flow, block);
  double extra = keep_room (flow->section, index);
  double squeeze_row = flow->squeeze ? 2 * (CELL_PAD_Y - CELL_PAD_TIGHT) : 0;
  double group = block->group_height - squeeze_row * block->group_rows;

  if (block->kind == BLOCK_ROW && block->cell_labels == NULL)
    height = block->height - squeeze_row;   /* table rows: less padding (field rows have none) */
  /* A short table starts where it fits whole. */
  if (block->kind == BLOCK_ROW && block->group_height > 0 && block->group_height <= BODY_MAX && !flow->empty &&
      flow->y + gap + group > flow->bottom + 0.01)
    {
      new_page (flow, TRUE);
      gap = 0;
    }
  if (flow->y + gap + height + extra > flow->bottom + 0.01 && !flow->empty)
    {
      double room = flow->bottom - flow->y - gap - extra;

      if (block->min_height > 0 && room >= block->min_height)
        height = room;    /* a little shorter, on this page */
      else
        {
          new_page (flow, TRUE);
          gap = 0;
        }
    }
  if (flow->empty && block->kind == BLOCK_ROW && block->header_row != NULL)
    {
      /* The table continues: its header again first. */
      place (flow, block->header_row, 0, block->header_row->height - squeeze_row, 0, 0);
      gap = 0;
    }
  place (flow, block, gap, height, 0, 0);
}

static void
paginate_section (Flow    *flow,
                  Section *section)
{
  new_page (flow, FALSE);
  section->first_page = flow->doc->pages->len - 1;
  for (guint i = 0; i < section->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (section->blocks, i);

      switch (block->kind)
        {
        case BLOCK_SPACE:
          if (!flow->empty)
            {
              flow->y += MAX (flow->after, block->height);
              flow->after = 0;
            }
          break;
        case BLOCK_RULE:
          if (!flow->empty)
            {
              double gap = gap_before (flow, block);

              if (flow->y + gap + block->after + keep_room (section, i) > flow->bottom)
                new_page (flow, TRUE);
              else
                place (flow, block, gap, 0, 0, 0);
            }
          break;
        case BLOCK_TEXT:
          place_text (flow, block, i);
          break;
        case BLOCK_ROW:
        case BLOCK_FIGURE:
        default:
          place_fixed (flow, block, i);
          break;
        }
    }
}

/* A continuation page holding less than this share of a page is worth squeezing the figures for. */
#define SQUEEZE_SHARE 0.25

guint
sg_doc_paginate (SgDoc *doc)
{
  Flow flow = { doc };

  g_ptr_array_set_size (doc->pages, 0);
  for (guint s = 0; s < doc->sections->len; s++)
    {
      Section *section = g_ptr_array_index (doc->sections, s);
      guint first = doc->pages->len, n_pages;
      double last_used;

      flow.section = section;
      flow.squeeze = FALSE;
      paginate_section (&flow, section);
      n_pages = doc->pages->len - first;
      last_used = flow.y - body_top (TRUE);
      if (n_pages > 1 && last_used < SQUEEZE_SHARE * sg_doc_get_body_height (doc))
        {
          /* Try again with every figure that may shrink at its least: keep that if it saves the page. */
          g_autoptr(GPtrArray) saved = g_ptr_array_new_with_free_func ((GDestroyNotify) page_free);

          while (doc->pages->len > first)
            g_ptr_array_add (saved, g_ptr_array_steal_index (doc->pages, first));
          flow.squeeze = TRUE;
          paginate_section (&flow, section);
          if (doc->pages->len - first >= n_pages)
            {
              g_ptr_array_set_size (doc->pages, first);
              while (saved->len > 0)
                g_ptr_array_add (doc->pages, g_ptr_array_steal_index (saved, 0));
              section->first_page = first;
            }
        }
    }
  return doc->pages->len;
}

guint
sg_doc_get_section_page (SgDoc *doc,
                         guint  index)
{
  g_return_val_if_fail (index < doc->sections->len, 0);
  return ((Section *) g_ptr_array_index (doc->sections, index))->first_page + 1;
}

/* ---- drawing ---- */

static void
draw_text (SgDoc           *doc,
           cairo_t         *cr,
           const Placement *p)
{
  Block *block = p->block;
  double x = MARGIN_X;
  double offset = block->line_top[p->from];

  sg_doc_set_source (cr, block->color);
  for (int i = p->from; i < p->to; i++)
    {
      PangoLayoutLine *line = pango_layout_get_line_readonly (block->layout, i);

      cairo_move_to (cr, x + block->indent + block->line_x[i], p->y + block->line_baseline[i] - offset);
      pango_cairo_show_layout_line (cr, line);
    }
  if (p->from != 0)
    return;
  if (block->label != NULL)
    {
      double baseline = (double) pango_layout_get_baseline (block->label) / PANGO_SCALE;

      sg_doc_show_layout (doc, cr, block->label, x, p->y + block->line_baseline[0] - offset - baseline,
                          block->label_color);
    }
  if (block->has_swatch)
    {
      double size = block->indent - SWATCH_GAP;
      double line_mid = p->y + (block->line_top[0] + block->line_bottom[0]) / 2 - offset;
      double r = size * 0.22, sx = x, sy = line_mid - size / 2;

      cairo_new_sub_path (cr);
      cairo_arc (cr, sx + size - r, sy + r, r, -G_PI / 2, 0);
      cairo_arc (cr, sx + size - r, sy + size - r, r, 0, G_PI / 2);
      cairo_arc (cr, sx + r, sy + size - r, r, G_PI / 2, G_PI);
      cairo_arc (cr, sx + r, sy + r, r, G_PI, 3 * G_PI / 2);
      cairo_close_path (cr);
      sg_doc_set_source (cr, block->swatch);
      cairo_fill (cr);
    }
}

static void
hline (cairo_t *cr,
       double   x0,
       double   x1,
       double   y,
       double   width,
       SgRgb    color)
{
  cairo_save (cr);
  cairo_set_line_width (cr, width);
  sg_doc_set_source (cr, color);
  cairo_move_to (cr, x0, y);
  cairo_line_to (cr, x1, y);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_row (SgDoc           *doc,
          cairo_t         *cr,
          const Placement *p)
{
  Block *block = p->block;
  SgRgb color = doc->colors[block->header ? SG_DOC_COLOR_MUTED : SG_DOC_COLOR_TEXT];
  double pad = CELL_PAD_Y - (block->height - p->height) / 2;   /* less when the section was squeezed */

  if (block->cell_labels != NULL)
    {
      for (guint c = 0; c < block->n_cells; c++)
        if (block->cells[c] != NULL)
          {
            double label_h = sg_doc_layout_height (block->cell_labels[c]);

            sg_doc_show_layout (doc, cr, block->cell_labels[c], MARGIN_X + block->cell_x[c], p->y,
                                doc->colors[SG_DOC_COLOR_MUTED]);
            sg_doc_show_layout (doc, cr, block->cells[c], MARGIN_X + block->cell_x[c], p->y + label_h + 2, color);
          }
      return;
    }
  for (guint c = 0; c < block->n_cells; c++)
    {
      /* Header labels sit on the rule, over their column; body cells hang from the top. */
      double dy = block->header ? p->height - 2 * pad - sg_doc_layout_height (block->cells[c]) : 0;

      sg_doc_show_layout (doc, cr, block->cells[c], MARGIN_X + block->cell_x[c], p->y + pad + dy, color);
    }
  if (block->header)
    hline (cr, MARGIN_X, doc->page_width - MARGIN_X, p->y + p->height - 0.4, 0.8, doc->colors[SG_DOC_COLOR_MUTED]);
  else
    hline (cr, MARGIN_X, doc->page_width - MARGIN_X, p->y + p->height - 0.25, 0.5, doc->colors[SG_DOC_COLOR_FAINT]);
}

static void
draw_chrome (SgDoc   *doc,
             cairo_t *cr,
             Page    *page,
             guint    number,
             guint    total)
{
  double right = doc->page_width - MARGIN_X;
  SgRgb muted = doc->colors[SG_DOC_COLOR_MUTED];
  double half = (right - MARGIN_X) / 2 - 12;
  g_autofree char *page_text = g_strdup_printf (_("Page %u of %u"), number, total);

  if (page->section->chrome)
    {
      g_autoptr(PangoLayout) left = NULL;
      g_autoptr(PangoLayout) right_layout = NULL;
      g_autoptr(PangoLayout) footer = NULL;
      g_autoptr(PangoLayout) page_layout = NULL;
      g_autofree char *left_text = g_markup_escape_text (doc->header_left ? doc->header_left : "", -1);
      g_autofree char *right_text = g_markup_escape_text (doc->header_right ? doc->header_right : "", -1);
      g_autofree char *footer_text = g_markup_escape_text (doc->footer_left ? doc->footer_left : "", -1);
      g_autofree char *page_escaped = g_markup_escape_text (page_text, -1);
      double h, footer_y;

      left = sg_doc_layout (doc, SG_DOC_SMALL, left_text, half);
      pango_layout_set_ellipsize (left, PANGO_ELLIPSIZE_END);
      right_layout = sg_doc_layout (doc, SG_DOC_SMALL, right_text, half);
      pango_layout_set_ellipsize (right_layout, PANGO_ELLIPSIZE_START);
      pango_layout_set_alignment (right_layout, PANGO_ALIGN_RIGHT);
      h = sg_doc_layout_height (left);
      sg_doc_show_layout (doc, cr, left, MARGIN_X, HEADER_Y, muted);
      sg_doc_show_layout (doc, cr, right_layout, right - half, HEADER_Y, muted);
      hline (cr, MARGIN_X, right, HEADER_Y + h + 5, 0.5, doc->colors[SG_DOC_COLOR_FAINT]);

      footer = sg_doc_layout (doc, SG_DOC_SMALL, footer_text, right - MARGIN_X - 90);
      pango_layout_set_ellipsize (footer, PANGO_ELLIPSIZE_END);
      page_layout = sg_doc_layout (doc, SG_DOC_SMALL, page_escaped, half);
      pango_layout_set_alignment (page_layout, PANGO_ALIGN_RIGHT);
      footer_y = doc->page_height - FOOTER_GAP - sg_doc_layout_height (footer);
      hline (cr, MARGIN_X, right, footer_y - 7, 0.5, doc->colors[SG_DOC_COLOR_FAINT]);
      sg_doc_show_layout (doc, cr, footer, MARGIN_X, footer_y, muted);
      sg_doc_show_layout (doc, cr, page_layout, right - half, footer_y, muted);
    }
  if (page->continuation && page->section->title != NULL)
    {
      g_autofree char *title = g_strdup_printf (_("%s (continued)"), page->section->title);
      g_autofree char *escaped = g_markup_escape_text (title, -1);
      g_autoptr(PangoLayout) layout = sg_doc_layout (doc, SG_DOC_H3, escaped, right - MARGIN_X);

      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      sg_doc_show_layout (doc, cr, layout, MARGIN_X, MARGIN_TOP, muted);
    }
}

static void
add_outline (SgDoc           *doc,
             cairo_surface_t *surface)
{
  if (cairo_surface_get_type (surface) != CAIRO_SURFACE_TYPE_PDF)
    return;
  for (guint s = 0; s < doc->sections->len; s++)
    {
      Section *section = g_ptr_array_index (doc->sections, s);
      g_autofree char *link = NULL;

      if (section->title == NULL)
        continue;
      link = g_strdup_printf ("page=%u", section->first_page + 1);
      cairo_pdf_surface_add_outline (surface, CAIRO_PDF_OUTLINE_ROOT, section->title, link, 0);
    }
}

gboolean
sg_doc_render (SgDoc       *doc,
               cairo_t     *cr,
               SgProgress  *progress,
               GError     **error)
{
  guint total = doc->pages->len;

  for (guint i = 0; i < total; i++)
    {
      Page *page = g_ptr_array_index (doc->pages, i);

      if (!sg_progress_check (progress, error))
        return FALSE;
      sg_progress_report (progress, (double) i / MAX (total, 1), NULL);
      draw_chrome (doc, cr, page, i + 1, total);
      for (guint j = 0; j < page->items->len; j++)
        {
          Placement *p = &g_array_index (page->items, Placement, j);

          switch (p->block->kind)
            {
            case BLOCK_TEXT:
              draw_text (doc, cr, p);
              break;
            case BLOCK_ROW:
              draw_row (doc, cr, p);
              break;
            case BLOCK_RULE:
              hline (cr, MARGIN_X, doc->page_width - MARGIN_X, p->y, 0.5, doc->colors[SG_DOC_COLOR_FAINT]);
              break;
            case BLOCK_FIGURE:
              if (p->block->draw == NULL)
                break;    /* a fixed space */
              cairo_save (cr);
              p->block->draw (doc, cr, MARGIN_X, p->y, sg_doc_get_text_width (doc), p->height, p->block->data);
              cairo_restore (cr);
              break;
            case BLOCK_SPACE:
            default:
              break;
            }
        }
      cairo_show_page (cr);
      if (cairo_status (cr) != CAIRO_STATUS_SUCCESS)
        {
          g_set_error (error, SG_ERROR, SG_ERROR_IO, _("Could not draw page %u of the report: %s"), i + 1,
                       cairo_status_to_string (cairo_status (cr)));
          return FALSE;
        }
    }
  add_outline (doc, cairo_get_target (cr));
  sg_progress_report (progress, 1.0, NULL);
  return TRUE;
}
