/* sg-csv-reader.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "sg-csv-reader.h"

void
sg_csv_reader_init (SgCsvReader *reader,
                    const char  *data,
                    gsize        len,
                    char         delimiter,
                    guint64      first_line)
{
  memset (reader, 0, sizeof *reader);
  reader->pos = data;
  reader->end = data + len;
  reader->delimiter = delimiter;
  reader->line = first_line;
  reader->fields_size = 32;
  reader->fields = g_new (SgCsvField, reader->fields_size);
  reader->scratch = g_string_sized_new (256);
  reader->special[(guint8) delimiter] = 1;
  reader->special['\n'] = 1;
  reader->special['\r'] = 1;
}

void
sg_csv_reader_clear (SgCsvReader *reader)
{
  g_clear_pointer (&reader->fields, g_free);
  if (reader->scratch != NULL)
    g_string_free (reader->scratch, TRUE);
  reader->scratch = NULL;
}

static inline void
add_field (SgCsvReader *reader,
           const char  *data,
           gsize        len,
           gboolean     quoted,
           gsize        scratch_offset)
{
  SgCsvField *field;

  if (G_UNLIKELY (reader->n_fields == reader->fields_size))
    {
      reader->fields_size *= 2;
      reader->fields = g_renew (SgCsvField, reader->fields, reader->fields_size);
    }
  field = &reader->fields[reader->n_fields++];
  field->data = data;
  field->len = len;
  field->scratch = scratch_offset;
  field->quoted = quoted;
}

void
sg_csv_reader_skip_blank (SgCsvReader *reader)
{
  const char *p = reader->pos, *end = reader->end;

  while (p < end && (*p == '\n' || *p == '\r'))
    {
      if (*p == '\r' && p + 1 < end && p[1] == '\n')
        p++;
      p++;
      reader->line++;
    }
  reader->pos = p;
}

SgCsvStatus
sg_csv_reader_next (SgCsvReader *reader,
                    guint64     *line)
{
  const char *p = reader->pos, *end = reader->end;
  const guint8 *special = reader->special;
  const char delimiter = reader->delimiter;
  guint64 n_line = reader->line;
  gboolean any_scratch = FALSE;

  /* Blank lines. */
  while (p < end && (*p == '\n' || *p == '\r'))
    {
      if (*p == '\r' && p + 1 < end && p[1] == '\n')
        p++;
      p++;
      n_line++;
    }
  if (p >= end)
    {
      reader->pos = end;
      reader->line = n_line;
      return SG_CSV_END;
    }
  if (line != NULL)
    *line = n_line;
  reader->n_fields = 0;
  g_string_truncate (reader->scratch, 0);

  for (;;)
    {
      if (*p == '"')
        {
          const char *segment = ++p;
          gsize offset = 0;
          gboolean rebuilt = FALSE;

          for (;;)
            {
              while (p < end && *p != '"')
                {
                  if (*p == '\n' || (*p == '\r' && (p + 1 >= end || p[1] != '\n')))
                    n_line++;
                  p++;
                }
              if (p >= end)
                {
                  reader->pos = end;
                  reader->line = n_line;
                  return SG_CSV_UNCLOSED_QUOTE;
                }
              if (p + 1 < end && p[1] == '"')
                {
                  /* A doubled quote: keep one. */
                  if (!rebuilt)
                    {
                      offset = reader->scratch->len;
                      rebuilt = TRUE;
                    }
                  g_string_append_len (reader->scratch, segment, p + 1 - segment);
                  p += 2;
                  segment = p;
                  continue;
                }
              break;
            }
          /* p is on the closing quote. Text between it and the delimiter is kept (leniently). */
          if (p + 1 < end && !special[(guint8) p[1]])
            {
              const char *tail = p + 1, *q = tail;

              while (q < end && !special[(guint8) *q])
                q++;
              if (!rebuilt)
                {
                  offset = reader->scratch->len;
                  rebuilt = TRUE;
                }
              g_string_append_len (reader->scratch, segment, p - segment);
              g_string_append_len (reader->scratch, tail, q - tail);
              p = q;
            }
          else
            {
              if (rebuilt)
                g_string_append_len (reader->scratch, segment, p - segment);
              p++;
            }
          if (rebuilt)
            {
              add_field (reader, NULL, reader->scratch->len - offset, TRUE, offset + 1);
              any_scratch = TRUE;
            }
          else
            add_field (reader, segment, p - 1 - segment, TRUE, 0);
        }
      else
        {
          const char *start = p;

          while (p < end && !special[(guint8) *p])
            p++;
          add_field (reader, start, p - start, FALSE, 0);
        }

      if (p >= end)
        break;
      if (*p == delimiter)
        {
          p++;
          if (p >= end)
            {
              add_field (reader, p, 0, FALSE, 0);
              break;
            }
          continue;
        }
      /* A line break ends the record. */
      if (*p == '\r' && p + 1 < end && p[1] == '\n')
        p++;
      p++;
      n_line++;
      break;
    }

  if (any_scratch)
    for (guint i = 0; i < reader->n_fields; i++)
      if (reader->fields[i].scratch != 0)
        reader->fields[i].data = reader->scratch->str + reader->fields[i].scratch - 1;
  reader->pos = p;
  reader->line = n_line;
  return SG_CSV_RECORD;
}

const char *
sg_csv_next_line_start (const char *from,
                        const char *begin,
                        const char *end)
{
  const char *p = from;

  if (p <= begin)
    return begin;
  if (p >= end)
    return end;
  /* Already at a line start? */
  if (p[-1] == '\n' || (p[-1] == '\r' && *p != '\n'))
    return p;
  while (p < end && *p != '\n' && *p != '\r')
    p++;
  if (p < end && *p == '\r' && p + 1 < end && p[1] == '\n')
    p++;
  return p < end ? p + 1 : end;
}

char
sg_csv_sniff_delimiter (const char *data,
                        gsize       len)
{
  static const char candidates[] = { ',', ';', '\t', '|' };
  char best = 0;
  double best_score = 0;

  for (guint c = 0; c < G_N_ELEMENTS (candidates); c++)
    {
      SgCsvReader reader;
      guint counts[64];
      guint n = 0, mode = 0, mode_count = 0;
      double score;

      sg_csv_reader_init (&reader, data, len, candidates[c], 1);
      while (n < G_N_ELEMENTS (counts))
        {
          SgCsvStatus status = sg_csv_reader_next (&reader, NULL);

          if (status != SG_CSV_RECORD)
            break;
          /* The last record may be cut by the end of the sample: leave it out. */
          if (reader.pos >= reader.end && n > 0)
            break;
          counts[n++] = sg_csv_reader_n_fields (&reader);
        }
      sg_csv_reader_clear (&reader);

      for (guint i = 0; i < n; i++)
        {
          guint k = 0;

          for (guint j = 0; j < n; j++)
            k += counts[j] == counts[i];
          if (k > mode_count || (k == mode_count && counts[i] > mode))
            {
              mode = counts[i];
              mode_count = k;
            }
        }
      if (mode < 2)
        continue;
      /* Consistency first, then more fields. */
      score = (double) mode_count / n * 1000.0 + MIN (mode, 999u);
      if (score > best_score)
        {
          best_score = score;
          best = candidates[c];
        }
    }
  return best;
}

static const gunichar cp1252_high[32] = {
  0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
  0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

gboolean
sg_csv_has_high_bytes (const char *s,
                       gsize       len)
{
  gsize i = 0;

  for (; i + 8 <= len; i += 8)
    {
      guint64 word;

      memcpy (&word, s + i, 8);
      if (word & G_GUINT64_CONSTANT (0x8080808080808080))
        return TRUE;
    }
  for (; i < len; i++)
    if ((guint8) s[i] >= 0x80)
      return TRUE;
  return FALSE;
}

gboolean
sg_csv_append_utf8 (GString    *out,
                    const char *s,
                    gsize       len,
                    gboolean    cp1252)
{
  gboolean valid = TRUE;

  if (!sg_csv_has_high_bytes (s, len))
    {
      g_string_append_len (out, s, len);
      return TRUE;
    }
  if (!cp1252)
    {
      if (g_utf8_validate_len (s, len, NULL))
        {
          g_string_append_len (out, s, len);
          return TRUE;
        }
      valid = FALSE;
    }
  for (gsize i = 0; i < len; i++)
    {
      guint8 b = (guint8) s[i];

      if (b < 0x80)
        g_string_append_c (out, (char) b);
      else
        g_string_append_unichar (out, b < 0xA0 ? cp1252_high[b - 0x80] : (gunichar) b);
    }
  return valid;
}
