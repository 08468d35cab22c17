/* sg-markdown.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "sg-markdown.h"

static void
span_free (SgMarkdownSpan *span)
{
  g_free (span->text);
  g_free (span);
}

void
sg_markdown_block_free (SgMarkdownBlock *block)
{
  if (block == NULL)
    return;
  g_clear_pointer (&block->spans, g_ptr_array_unref);
  g_free (block);
}

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\0';
}

/* A word character for "_" flanking: ASCII alphanumerics and any non-ASCII byte (letters of other
 * scripts), so "snake_case" and "naïve_x" keep their underscores. */
static gboolean
is_word (char c)
{
  return g_ascii_isalnum (c) || (guchar) c >= 0x80;
}

static gboolean
is_escapable (char c)
{
  return g_ascii_ispunct (c);
}

/* Is text[i] escaped by an odd run of backslashes before it? */
static gboolean
is_escaped (const char *text,
            gsize       i)
{
  gsize n = 0;

  while (i > n && text[i - n - 1] == '\\')
    n++;
  return n % 2 == 1;
}

/* A lone "*" (not part of "**") at @i. */
static gboolean
is_single_star (const char *text,
                gsize       i,
                gsize       len)
{
  return text[i] == '*' && (i + 1 >= len || text[i + 1] != '*') && (i == 0 || text[i - 1] != '*');
}

static gboolean
can_close (const char *text,
           gsize       i,
           gsize       len,
           char        marker)
{
  if (i == 0 || is_space (text[i - 1]) || is_escaped (text, i))
    return FALSE;
  if (marker == '_')
    return text[i] == '_' && (i + 1 >= len || !is_word (text[i + 1]));
  if (marker == '*')
    return is_single_star (text, i, len);
  /* '\002' stands for "**" */
  return i + 1 < len && text[i] == '*' && text[i + 1] == '*';
}

static gboolean
closer_follows (const char *text,
                gsize       from,
                gsize       len,
                char        marker)
{
  for (gsize j = from; j < len; j++)
    if (can_close (text, j, len, marker))
      return TRUE;
  return FALSE;
}

static gboolean
triple_follows (const char *text,
                gsize       from,
                gsize       len)
{
  for (gsize j = from; j + 2 < len; j++)
    if (text[j] == '*' && text[j + 1] == '*' && text[j + 2] == '*' && !is_space (text[j - 1]) &&
        !is_escaped (text, j))
      return TRUE;
  return FALSE;
}

typedef struct {
  GPtrArray       *spans;
  GString         *text;
  SgMarkdownStyle  style;
} SpanBuilder;

static void
flush_span (SpanBuilder *b)
{
  SgMarkdownSpan *span;

  if (b->text->len == 0)
    return;
  if (b->spans->len > 0)
    {
      SgMarkdownSpan *last = g_ptr_array_index (b->spans, b->spans->len - 1);

      if (last->style == b->style)
        {
          char *joined = g_strconcat (last->text, b->text->str, NULL);

          g_free (last->text);
          last->text = joined;
          g_string_truncate (b->text, 0);
          return;
        }
    }
  span = g_new0 (SgMarkdownSpan, 1);
  span->text = g_strdup (b->text->str);
  span->style = b->style;
  g_ptr_array_add (b->spans, span);
  g_string_truncate (b->text, 0);
}

static void
set_style (SpanBuilder     *b,
           SgMarkdownStyle  style)
{
  flush_span (b);
  b->style = style;
}

static GPtrArray *
parse_inline (const char *text)
{
  SpanBuilder b = { g_ptr_array_new_with_free_func ((GDestroyNotify) span_free), g_string_new (NULL), 0 };
  gsize len = strlen (text);
  char italic_marker = 0;   /* '*' or '_' while italic is open */
  gboolean bold = FALSE;

  for (gsize i = 0; i < len; i++)
    {
      char c = text[i];

      if (c == '\\' && i + 1 < len && is_escapable (text[i + 1]))
        {
          g_string_append_c (b.text, text[++i]);
          continue;
        }
      /* "***" opens or closes bold and italic together. */
      if (c == '*' && i + 2 < len && text[i + 1] == '*' && text[i + 2] == '*')
        {
          if (bold && italic_marker == '*' && i > 0 && !is_space (text[i - 1]) && !is_escaped (text, i))
            {
              set_style (&b, SG_MARKDOWN_PLAIN);
              bold = FALSE;
              italic_marker = 0;
              i += 2;
              continue;
            }
          if (!bold && italic_marker == 0 && !is_space (text[i + 3 < len ? i + 3 : len]) &&
              triple_follows (text, i + 4, len))
            {
              set_style (&b, SG_MARKDOWN_BOLD | SG_MARKDOWN_ITALIC);
              bold = TRUE;
              italic_marker = '*';
              i += 2;
              continue;
            }
        }
      if (c == '*' && i + 1 < len && text[i + 1] == '*')
        {
          if (bold && can_close (text, i, len, '\002'))
            {
              set_style (&b, b.style & ~SG_MARKDOWN_BOLD);
              bold = FALSE;
              i++;
              continue;
            }
          if (!bold && !is_space (text[i + 2 < len ? i + 2 : len]) && closer_follows (text, i + 3, len, '\002'))
            {
              set_style (&b, b.style | SG_MARKDOWN_BOLD);
              bold = TRUE;
              i++;
              continue;
            }
          g_string_append (b.text, "**");
          i++;
          continue;
        }
      if (c == '*' || c == '_')
        {
          if (italic_marker == c && can_close (text, i, len, c))
            {
              set_style (&b, b.style & ~SG_MARKDOWN_ITALIC);
              italic_marker = 0;
              continue;
            }
          if (italic_marker == 0 && i + 1 < len && !is_space (text[i + 1]) &&
              (c == '*' || i == 0 || !is_word (text[i - 1])) &&
              closer_follows (text, i + 2, len, c))
            {
              set_style (&b, b.style | SG_MARKDOWN_ITALIC);
              italic_marker = c;
              continue;
            }
        }
      g_string_append_c (b.text, c);
    }
  flush_span (&b);
  g_string_free (b.text, TRUE);
  return b.spans;
}

/* The bullet item's text if @line is a bullet line, else NULL. */
static const char *
bullet_content (const char *line)
{
  const char *p = line;
  guint indent = 0;

  while (*p == ' ' && indent < 4)
    p++, indent++;
  if ((p[0] == '-' || p[0] == '*' || p[0] == '+') && (p[1] == ' ' || p[1] == '\t' || p[1] == '\0'))
    return p[1] == '\0' ? p + 1 : p + 2;
  if (g_str_has_prefix (p, "\xe2\x80\xa2") && (p[3] == ' ' || p[3] == '\0'))   /* "•" */
    return p[3] == '\0' ? p + 3 : p + 4;
  return NULL;
}

static gboolean
is_blank (const char *line)
{
  for (const char *p = line; *p; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

static void
finish_block (GPtrArray           *blocks,
              GString             *raw,
              SgMarkdownBlockKind  kind,
              gboolean            *open)
{
  SgMarkdownBlock *block;

  if (!*open)
    return;
  block = g_new0 (SgMarkdownBlock, 1);
  block->kind = kind;
  block->spans = parse_inline (raw->str);
  g_ptr_array_add (blocks, block);
  g_string_truncate (raw, 0);
  *open = FALSE;
}

GPtrArray *
sg_markdown_parse (const char *text)
{
  GPtrArray *blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) sg_markdown_block_free);
  g_autofree char *valid = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) raw = g_string_new (NULL);
  SgMarkdownBlockKind kind = SG_MARKDOWN_PARAGRAPH;
  gboolean open = FALSE;

  if (text == NULL || *text == '\0')
    return blocks;
  valid = g_utf8_make_valid (text, -1);
  /* CRLF and lone CR become LF. */
  for (char *p = valid, *q = valid;; p++)
    {
      if (*p == '\r')
        {
          *q++ = '\n';
          if (p[1] == '\n')
            p++;
        }
      else
        *q++ = *p;
      if (*p == '\0')
        break;
    }
  lines = g_strsplit (valid, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      const char *item;

      if (is_blank (line))
        {
          finish_block (blocks, raw, kind, &open);
          continue;
        }
      item = bullet_content (line);
      if (item != NULL)
        {
          finish_block (blocks, raw, kind, &open);
          kind = SG_MARKDOWN_BULLET;
          open = TRUE;
          g_string_append (raw, item);
          continue;
        }
      if (open && kind == SG_MARKDOWN_BULLET && g_str_has_prefix (line, "  "))
        {
          g_string_append_c (raw, '\n');
          g_string_append (raw, g_strchug ((char *) line));
          continue;
        }
      if (open && kind == SG_MARKDOWN_BULLET)
        finish_block (blocks, raw, kind, &open);
      if (open)
        g_string_append_c (raw, '\n');
      kind = SG_MARKDOWN_PARAGRAPH;
      open = TRUE;
      g_string_append (raw, line);
    }
  finish_block (blocks, raw, kind, &open);
  return blocks;
}

static void
append_block (GString               *out,
              const SgMarkdownBlock *block,
              gboolean               markup)
{
  for (guint i = 0; i < block->spans->len; i++)
    {
      const SgMarkdownSpan *span = g_ptr_array_index (block->spans, i);
      g_autofree char *escaped = markup ? g_markup_escape_text (span->text, -1) : NULL;

      if (markup && (span->style & SG_MARKDOWN_BOLD))
        g_string_append (out, "<b>");
      if (markup && (span->style & SG_MARKDOWN_ITALIC))
        g_string_append (out, "<i>");
      g_string_append (out, markup ? escaped : span->text);
      if (markup && (span->style & SG_MARKDOWN_ITALIC))
        g_string_append (out, "</i>");
      if (markup && (span->style & SG_MARKDOWN_BOLD))
        g_string_append (out, "</b>");
    }
}

char *
sg_markdown_block_to_pango_markup (const SgMarkdownBlock *block)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (block != NULL, NULL);
  append_block (out, block, TRUE);
  return g_string_free (out, FALSE);
}

static char *
render (const char *text,
        gboolean    markup)
{
  g_autoptr(GPtrArray) blocks = sg_markdown_parse (text);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < blocks->len; i++)
    {
      const SgMarkdownBlock *block = g_ptr_array_index (blocks, i);

      if (i > 0)
        {
          const SgMarkdownBlock *previous = g_ptr_array_index (blocks, i - 1);

          g_string_append (out, previous->kind == SG_MARKDOWN_BULLET && block->kind == SG_MARKDOWN_BULLET
                                ? "\n" : "\n\n");
        }
      if (block->kind == SG_MARKDOWN_BULLET)
        g_string_append (out, "\xe2\x80\xa2 ");
      append_block (out, block, markup);
    }
  return g_string_free (out, FALSE);
}

char *
sg_markdown_to_pango_markup (const char *text)
{
  return render (text, TRUE);
}

char *
sg_markdown_to_plain_text (const char *text)
{
  return render (text, FALSE);
}

char *
sg_markdown_escape (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean line_start = TRUE;

  for (const char *p = text ? text : ""; *p; p++)
    {
      if (*p == '\\' || *p == '*' || *p == '_' ||
          (line_start && (*p == '-' || *p == '+')))
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
      line_start = *p == '\n' || (line_start && *p == ' ');
    }
  return g_string_free (out, FALSE);
}

char *
sg_markdown_bullets (const char *const *items)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; items != NULL && items[i] != NULL; i++)
    {
      g_autofree char *one_line = g_strdup (items[i]);
      g_autofree char *escaped = NULL;

      g_strstrip (g_strdelimit (one_line, "\r\n", ' '));
      if (*one_line == '\0')
        continue;
      escaped = sg_markdown_escape (one_line);
      if (out->len > 0)
        g_string_append_c (out, '\n');
      g_string_append (out, "- ");
      g_string_append (out, escaped);
    }
  return g_string_free (out, FALSE);
}
