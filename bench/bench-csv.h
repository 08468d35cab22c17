/* bench-csv.h — a small CSV reader for the benchmark drivers (not the application's importer)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads "id,f1,...,fN" files as gen_customers.py writes them into an SgMatrix, skipping the first
 * column. Two streaming passes (count rows, then parse) so that the only large allocation is the
 * matrix itself. Plain decimals take a fast exact path; anything else goes to g_ascii_strtod.
 * Also the drivers' clock and JSON printing.
 */
#pragma once

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <glib.h>
#include <json-glib/json-glib.h>

#include "sg-matrix.h"

#define BENCH_CSV_BUFFER (1 << 20)

static inline double
bench_parse_double (const char *s,
                    const char *end,
                    const char **next)
{
  static const double pow10[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
                                  1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22 };
  const char *p = s;
  gboolean negative = FALSE;
  guint64 mantissa = 0;
  int digits = 0, frac = 0;

  if (p < end && (*p == '-' || *p == '+'))
    negative = *p++ == '-';
  while (p < end && *p >= '0' && *p <= '9')
    {
      mantissa = mantissa * 10 + (guint64) (*p++ - '0');
      digits++;
    }
  if (p < end && *p == '.')
    {
      p++;
      while (p < end && *p >= '0' && *p <= '9')
        {
          mantissa = mantissa * 10 + (guint64) (*p++ - '0');
          digits++;
          frac++;
        }
    }
  if (digits > 0 && digits <= 15 && frac <= 22 && (p == end || *p == ',' || *p == '\n' || *p == '\r'))
    {
      /* Exact: the mantissa and the power of ten are both exact doubles (Clinger's fast path). */
      double v = (double) mantissa / pow10[frac];

      *next = p;
      return negative ? -v : v;
    }
  {
    char buffer[128];
    gsize len = 0;
    char *stop;
    double v;

    while (s + len < end && s[len] != ',' && s[len] != '\n' && s[len] != '\r' && len < sizeof buffer - 1)
      len++;
    memcpy (buffer, s, len);
    buffer[len] = '\0';
    v = g_ascii_strtod (buffer, &stop);
    *next = s + len;
    return stop == buffer ? NAN : v;
  }
}

/* Returns NULL (with a message on stderr) on failure. */
static inline SgMatrix *
bench_read_csv (const char *path)
{
  FILE *file = fopen (path, "rb");
  g_autofree char *buffer = g_malloc (BENCH_CSV_BUFFER + 1);
  gsize n_lines = 0, n_cols = 0, row = 0, col = 0;
  gboolean header = TRUE, line_has_data = FALSE, in_id = TRUE;
  SgMatrix *matrix;
  size_t got;

  if (file == NULL)
    {
      g_printerr ("Cannot open %s\n", path);
      return NULL;
    }
  /* Pass 1: rows and columns. */
  while ((got = fread (buffer, 1, BENCH_CSV_BUFFER, file)) > 0)
    for (size_t i = 0; i < got; i++)
      {
        if (header && buffer[i] == ',')
          n_cols++;
        if (buffer[i] == '\n')
          {
            if (!header && line_has_data)
              n_lines++;
            header = FALSE;
            line_has_data = FALSE;
          }
        else if (!header && buffer[i] != '\r')
          line_has_data = TRUE;
      }
  if (line_has_data)
    n_lines++;
  if (n_cols == 0 || n_lines == 0)
    {
      g_printerr ("%s: no data\n", path);
      fclose (file);
      return NULL;
    }
  matrix = sg_matrix_new (n_lines, n_cols);

  /* Pass 2: values. A partial line at the end of the buffer moves to its start for the next read. */
  rewind (file);
  header = TRUE;
  {
    gsize kept = 0;
    gboolean at_eof = FALSE;

    while (!at_eof || kept > 0)
      {
        const char *p, *end;
        gsize len, lines_end;

        got = at_eof ? 0 : fread (buffer + kept, 1, BENCH_CSV_BUFFER - kept, file);
        at_eof = got == 0;
        len = kept + got;
        if (at_eof)
          buffer[len++] = '\n';   /* a last line without a newline */
        lines_end = len;
        while (lines_end > 0 && buffer[lines_end - 1] != '\n')
          lines_end--;
        if (lines_end == 0)
          {
            g_printerr ("%s: a line longer than %d bytes\n", path, BENCH_CSV_BUFFER);
            sg_matrix_free (matrix);
            fclose (file);
            return NULL;
          }
        p = buffer;
        end = buffer + lines_end;
        while (p < end)
          {
            if (header)
              {
                p = (const char *) memchr (p, '\n', (size_t) (end - p)) + 1;
                header = FALSE;
                continue;
              }
            if (*p == '\n' || *p == '\r')
              {
                if (*p == '\n' && !in_id)
                  {
                    if (col != n_cols)
                      {
                        g_printerr ("%s: line %" G_GSIZE_FORMAT " has %" G_GSIZE_FORMAT " values\n", path, row + 2, col);
                        sg_matrix_free (matrix);
                        fclose (file);
                        return NULL;
                      }
                    row++;
                    col = 0;
                    in_id = TRUE;
                  }
                p++;
                continue;
              }
            if (in_id)
              {
                while (p < end && *p != ',' && *p != '\n')
                  p++;
                if (p < end && *p == ',')
                  p++;
                in_id = FALSE;
                continue;
              }
            if (row >= n_lines || col >= n_cols)
              {
                g_printerr ("%s: unexpected extra values on line %" G_GSIZE_FORMAT "\n", path, row + 2);
                sg_matrix_free (matrix);
                fclose (file);
                return NULL;
              }
            sg_matrix_row (matrix, row)[col++] = bench_parse_double (p, end, &p);
            if (p < end && *p == ',')
              p++;
          }
        kept = at_eof ? 0 : len - lines_end;
        memmove (buffer, buffer + lines_end, kept);
      }
  }
  fclose (file);
  if (row != n_lines)
    {
      g_printerr ("%s: read %" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT " rows\n", path, row, n_lines);
      sg_matrix_free (matrix);
      return NULL;
    }
  return matrix;
}

/* z-score with the population standard deviation, as StandardScaler (constant columns left at 0). */
static inline void
bench_standardise (SgMatrix *m)
{
  for (gsize f = 0; f < m->n_cols; f++)
    {
      double mean = 0, var = 0, sd;

      for (gsize i = 0; i < m->n_rows; i++)
        mean += sg_matrix_row (m, i)[f];
      mean /= (double) m->n_rows;
      for (gsize i = 0; i < m->n_rows; i++)
        {
          double t = sg_matrix_row (m, i)[f] - mean;

          var += t * t;
        }
      sd = sqrt (var / (double) m->n_rows);
      if (sd == 0)
        sd = 1;
      for (gsize i = 0; i < m->n_rows; i++)
        sg_matrix_row (m, i)[f] = (sg_matrix_row (m, i)[f] - mean) / sd;
    }
}

static inline double
bench_now (void)
{
  return (double) g_get_monotonic_time () / 1e6;
}

/* Prints what @builder built as one line of JSON (what the bench scripts parse). */
static inline void
bench_print_json (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;

  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}
