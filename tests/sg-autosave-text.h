/* sg-autosave-text.h — the text the autosave crash test "types" (shared by the test and its writer)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

/* Markdown, several scripts, an emoji (4 bytes) and line breaks: every save must keep them intact. */
#define SG_AUTOSAVE_PATTERN "Loves **quality** — Zürich 🦊 _fast_ δ\n- bullet «quote» \"x\" 東京\n"

/* The first @n_chars characters of the pattern repeated. */
static inline char *
sg_autosave_text (guint n_chars)
{
  const char *pattern = SG_AUTOSAVE_PATTERN;
  GString *text = g_string_new (NULL);
  const char *p = pattern;

  for (guint i = 0; i < n_chars; i++)
    {
      const char *next = g_utf8_next_char (p);

      g_string_append_len (text, p, next - p);
      p = *next ? next : pattern;
    }
  return g_string_free (text, FALSE);
}
