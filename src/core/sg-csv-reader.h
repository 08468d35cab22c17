/* sg-csv-reader.h — a streaming RFC 4180 tokenizer over bytes in memory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads records from a byte range (usually a mapped file) without copying unquoted fields: each
 * field points into the input, and only quoted fields with doubled quotes are rebuilt in a scratch
 * buffer. Quoted fields may hold delimiters and line breaks; line numbers count every line break
 * (LF, CRLF or CR) including those inside quotes, so a record's line is where it starts in the file.
 * Blank lines are skipped. Works on any ASCII-compatible encoding (UTF-8, Windows-1252).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  const char *data;       /* not NUL-terminated */
  gsize       len;
  gsize       scratch;    /* internal: offset + 1 in the scratch buffer, or 0 */
  gboolean    quoted;
} SgCsvField;

typedef enum {
  SG_CSV_RECORD,          /* a record was read */
  SG_CSV_END,             /* no more records */
  SG_CSV_UNCLOSED_QUOTE,  /* a quoted field runs to the end of the input: the rest is one bad record */
} SgCsvStatus;

typedef struct {
  const char *pos;        /* where the next record starts */
  const char *end;
  char        delimiter;
  guint64     line;       /* line number at pos (1-based) */
  SgCsvField *fields;     /* the last record's */
  guint       n_fields;
  guint       fields_size;
  GString    *scratch;    /* text of rebuilt quoted fields */
  guint8      special[256];
} SgCsvReader;

void        sg_csv_reader_init   (SgCsvReader *reader,
                                  const char  *data,
                                  gsize        len,
                                  char         delimiter,
                                  guint64      first_line);
void        sg_csv_reader_clear  (SgCsvReader *reader);
/* Skips blank lines at the cursor (counting them). */
void        sg_csv_reader_skip_blank (SgCsvReader *reader);
/* Reads the next record into reader->fields; @line receives the line where it starts. */
SgCsvStatus sg_csv_reader_next   (SgCsvReader *reader,
                                  guint64     *line);
static inline guint
sg_csv_reader_n_fields (SgCsvReader *reader)
{
  return reader->n_fields;
}
static inline const SgCsvField *
sg_csv_reader_field (SgCsvReader *reader,
                     guint        i)
{
  return &reader->fields[i];
}

/* The first position at or after @from where a line starts (just past a line break), or @end.
 * A guess in quoted text: callers check it. */
const char *sg_csv_next_line_start (const char *from,
                                    const char *begin,
                                    const char *end);

/* Guesses the delimiter among , ; TAB | from the first records of [data, data + len): the one that
 * splits the most lines into the same number (> 1) of fields. Returns 0 if none does. */
char        sg_csv_sniff_delimiter (const char *data,
                                    gsize       len);

/* Appends [s, s + len) to @out as UTF-8: as it is when it is valid UTF-8 and @cp1252 is FALSE,
 * else each byte read as Windows-1252 (Latin-1 for bytes Windows-1252 leaves undefined).
 * Returns FALSE when text meant to be UTF-8 was not (it was then read as Windows-1252). */
gboolean    sg_csv_append_utf8   (GString    *out,
                                  const char *s,
                                  gsize       len,
                                  gboolean    cp1252);
/* TRUE if [s, s + len) has a byte ≥ 0x80. */
gboolean    sg_csv_has_high_bytes (const char *s,
                                   gsize       len);

G_END_DECLS
