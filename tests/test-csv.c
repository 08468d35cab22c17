/* test-csv.c — the CSV tokenizer, sniffing, number and date parsing, type inference
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "sg-csv-reader.h"
#include "sg-error.h"
#include "sg-importer.h"
#include "sg-number-parse.h"
#include "sg-test-util.h"
#include "sg-type-infer.h"

/* ---- tokenizer ---- */

typedef struct {
  guint64    line;
  GPtrArray *fields;
} Record;

static void
record_free (Record *record)
{
  g_ptr_array_unref (record->fields);
  g_free (record);
}

/* Tokenizes @text; returns the records (Record) and the final status. */
static GPtrArray *
tokenize (const char  *text,
          char         delimiter,
          SgCsvStatus *last_status)
{
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) record_free);
  SgCsvReader reader;
  SgCsvStatus status;
  guint64 line;

  sg_csv_reader_init (&reader, text, strlen (text), delimiter, 1);
  while ((status = sg_csv_reader_next (&reader, &line)) == SG_CSV_RECORD)
    {
      Record *record = g_new0 (Record, 1);

      record->line = line;
      record->fields = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < sg_csv_reader_n_fields (&reader); i++)
        {
          const SgCsvField *f = sg_csv_reader_field (&reader, i);

          g_ptr_array_add (record->fields, g_strndup (f->data, f->len));
        }
      g_ptr_array_add (records, record);
    }
  sg_csv_reader_clear (&reader);
  if (last_status != NULL)
    *last_status = status;
  return records;
}

static const char *
field (GPtrArray *records,
       guint      r,
       guint      f)
{
  Record *record = g_ptr_array_index (records, r);

  g_assert_cmpuint (f, <, record->fields->len);
  return g_ptr_array_index (record->fields, f);
}

static guint
n_fields (GPtrArray *records,
          guint      r)
{
  return ((Record *) g_ptr_array_index (records, r))->fields->len;
}

static guint64
record_line (GPtrArray *records,
             guint      r)
{
  return ((Record *) g_ptr_array_index (records, r))->line;
}

static void
test_quoted_fields (void)
{
  g_autoptr(GPtrArray) r = tokenize ("a,\"b,c\",d\n\"\",x,\"\"\n", ',', NULL);

  g_assert_cmpuint (r->len, ==, 2);
  g_assert_cmpuint (n_fields (r, 0), ==, 3);
  g_assert_cmpstr (field (r, 0, 1), ==, "b,c");
  g_assert_cmpstr (field (r, 0, 2), ==, "d");
  g_assert_cmpstr (field (r, 1, 0), ==, "");
  g_assert_cmpstr (field (r, 1, 2), ==, "");
}

static void
test_doubled_quotes (void)
{
  g_autoptr(GPtrArray) r = tokenize ("\"say \"\"hi\"\"\",\"\"\"\",\"a\"\"b\"\"c\",x\n", ',', NULL);

  g_assert_cmpuint (r->len, ==, 1);
  g_assert_cmpstr (field (r, 0, 0), ==, "say \"hi\"");
  g_assert_cmpstr (field (r, 0, 1), ==, "\"");
  g_assert_cmpstr (field (r, 0, 2), ==, "a\"b\"c");
  g_assert_cmpstr (field (r, 0, 3), ==, "x");
}

static void
test_embedded_newlines (void)
{
  g_autoptr(GPtrArray) r = tokenize ("h1,h2\n1,\"two\nlines\"\n2,\"three\r\nmore\rlines\"\n3,x\n", ',', NULL);

  g_assert_cmpuint (r->len, ==, 4);
  g_assert_cmpstr (field (r, 1, 1), ==, "two\nlines");
  g_assert_cmpstr (field (r, 2, 1), ==, "three\r\nmore\rlines");
  g_assert_cmpuint (record_line (r, 0), ==, 1);
  g_assert_cmpuint (record_line (r, 1), ==, 2);
  g_assert_cmpuint (record_line (r, 2), ==, 4);
  g_assert_cmpuint (record_line (r, 3), ==, 7);
}

static void
test_crlf (void)
{
  g_autoptr(GPtrArray) r = tokenize ("a,b\r\n1,2\r\n3,4\r\n", ',', NULL);

  g_assert_cmpuint (r->len, ==, 3);
  g_assert_cmpstr (field (r, 0, 1), ==, "b");
  g_assert_cmpstr (field (r, 2, 1), ==, "4");
  g_assert_cmpuint (record_line (r, 2), ==, 3);
}

static void
test_cr (void)
{
  g_autoptr(GPtrArray) r = tokenize ("a,b\r1,2\r3,4", ',', NULL);

  g_assert_cmpuint (r->len, ==, 3);
  g_assert_cmpstr (field (r, 1, 0), ==, "1");
  g_assert_cmpstr (field (r, 2, 1), ==, "4");
  g_assert_cmpuint (record_line (r, 2), ==, 3);
}

static void
test_ragged (void)
{
  g_autoptr(GPtrArray) r = tokenize ("a,b,c\n1,2\n1,2,3,4\n", ',', NULL);

  g_assert_cmpuint (r->len, ==, 3);
  g_assert_cmpuint (n_fields (r, 0), ==, 3);
  g_assert_cmpuint (n_fields (r, 1), ==, 2);
  g_assert_cmpuint (n_fields (r, 2), ==, 4);
}

static void
test_no_final_newline (void)
{
  g_autoptr(GPtrArray) r = tokenize ("a,b\n1,2", ',', NULL);
  g_autoptr(GPtrArray) r2 = tokenize ("a,b\n1,", ',', NULL);
  g_autoptr(GPtrArray) r3 = tokenize ("a,b\n1,\"x\"", ',', NULL);

  g_assert_cmpuint (r->len, ==, 2);
  g_assert_cmpstr (field (r, 1, 1), ==, "2");
  g_assert_cmpuint (n_fields (r2, 1), ==, 2);
  g_assert_cmpstr (field (r2, 1, 1), ==, "");
  g_assert_cmpstr (field (r3, 1, 1), ==, "x");
}

static void
test_empty_lines (void)
{
  g_autoptr(GPtrArray) r = tokenize ("\na,b\n\n\r\n1,2\n\n", ',', NULL);

  g_assert_cmpuint (r->len, ==, 2);
  g_assert_cmpuint (record_line (r, 0), ==, 2);
  g_assert_cmpuint (record_line (r, 1), ==, 5);
}

static void
test_unclosed_quote (void)
{
  SgCsvStatus status;
  g_autoptr(GPtrArray) r = tokenize ("a,b\n1,\"never closed\n2,3\n", ',', &status);

  g_assert_cmpuint (r->len, ==, 1);
  g_assert_cmpint (status, ==, SG_CSV_UNCLOSED_QUOTE);
}

static void
test_fixture_quotes (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "csv", "quotes.csv", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) r = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  r = tokenize (text, ',', NULL);
  g_assert_cmpuint (r->len, ==, 5);
  g_assert_cmpstr (field (r, 1, 1), ==, "Hello, world");
  g_assert_cmpstr (field (r, 2, 1), ==, "She said \"hi\"");
  g_assert_cmpstr (field (r, 3, 1), ==, "two\r\nlines");
  g_assert_cmpuint (record_line (r, 4), ==, 6);
}

/* ---- sniffing ---- */

static SgImportPreview *
preview_text (const char *name,
              const char *text,
              gssize      length)
{
  g_autofree char *path = sg_test_write_file (name, text, length);
  g_autoptr(GError) error = NULL;
  SgImportPreview *preview = sg_importer_preview (path, NULL, 10, &error);

  g_assert_no_error (error);
  g_assert_nonnull (preview);
  return preview;
}

static SgImportColumnGuess *
guess (SgImportPreview *preview,
       guint            column)
{
  g_assert_cmpuint (column, <, preview->columns->len);
  return g_ptr_array_index (preview->columns, column);
}

static void
test_sniff_delimiters (void)
{
  static const struct { char delimiter; const char *text; } cases[] = {
    { ',', "name,age,note\nAnn,34,\"a; b | c\"\nBob,41,x\nCid,29,y\n" },
    { ';', "name;age;note\nAnn;34;\"a, b\"\nBob;41;\"c, d\"\nCid;29;e\n" },
    { '\t', "name\tage\tnote\nAnn\t34\ta, b; c\nBob\t41\tx\nCid\t29\ty\n" },
    { '|', "name|age|note\nAnn|34|a, b\nBob|41|c; d\nCid|29|e\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SgImportPreview) preview = preview_text ("sniff.csv", cases[i].text, -1);

      g_assert_cmpint (preview->delimiter, ==, cases[i].delimiter);
      g_assert_cmpuint (preview->columns->len, ==, 3);
      g_assert_cmpstr (guess (preview, 1)->name, ==, "age");
      g_assert_cmpint (guess (preview, 1)->type, ==, SG_COLUMN_INTEGER);
      g_assert_cmpuint (preview->rows->len, ==, 3);
    }
}

static void
test_sniff_header (void)
{
  g_autoptr(SgImportPreview) with = preview_text ("h1.csv", "x,y\n1,2\n3,4\n5,6\n", -1);
  g_autoptr(SgImportPreview) without = preview_text ("h2.csv", "1,2\n3,4\n5,6\n", -1);
  g_autoptr(SgImportPreview) text_only = preview_text ("h3.csv", "city,country\nParis,France\nLyon,France\n", -1);

  g_assert_true (with->has_header);
  g_assert_cmpstr (guess (with, 0)->name, ==, "x");
  g_assert_false (without->has_header);
  g_assert_cmpstr (guess (without, 1)->name, ==, "Column 2");
  g_assert_cmpuint (without->estimated_rows, ==, 3);
  g_assert_true (text_only->has_header);
  g_assert_cmpstr (guess (text_only, 1)->name, ==, "country");
}

static void
test_sniff_bom (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "csv", "bom_pipe.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SgImportPreview) preview = sg_importer_preview (path, NULL, 3, &error);

  g_assert_no_error (error);
  g_assert_true (preview->has_bom);
  g_assert_cmpint (preview->encoding, ==, SG_ENCODING_UTF8);
  g_assert_cmpint (preview->delimiter, ==, '|');
  g_assert_cmpstr (guess (preview, 0)->name, ==, "CustomerID");
  g_assert_cmpint (guess (preview, 0)->type, ==, SG_COLUMN_IDENTIFIER);
  g_assert_cmpint (guess (preview, 1)->type, ==, SG_COLUMN_CATEGORICAL);
  g_assert_cmpint (guess (preview, 2)->type, ==, SG_COLUMN_DECIMAL);
  g_assert_cmpuint (guess (preview, 2)->n_missing, ==, 2);
  g_assert_cmpuint (preview->rows->len, ==, 3);
  g_assert_cmpstr (((GStrv) g_ptr_array_index (preview->rows, 0))[0], ==, "0001");
}

static void
test_sniff_decimal_comma (void)
{
  g_autoptr(SgImportPreview) preview = preview_text ("comma.csv", "a;b;c\n1,5;2;x\n3,25;4;y\n-0,5;6;x\n", -1);
  g_autoptr(SgImportPreview) dot = preview_text ("dot.csv", "a;b\n1.5;2\n3.25;4\n", -1);

  g_assert_cmpint (preview->delimiter, ==, ';');
  g_assert_true (preview->decimal_comma);
  g_assert_cmpint (guess (preview, 0)->type, ==, SG_COLUMN_DECIMAL);
  g_assert_cmpint (guess (preview, 1)->type, ==, SG_COLUMN_INTEGER);
  g_assert_false (dot->decimal_comma);
  g_assert_cmpint (guess (dot, 0)->type, ==, SG_COLUMN_DECIMAL);
}

static void
test_sniff_latin1 (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "csv", "latin1_semicolon.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SgImportPreview) preview = sg_importer_preview (path, NULL, 5, &error);
  GStrv row;

  g_assert_no_error (error);
  g_assert_cmpint (preview->encoding, ==, SG_ENCODING_WINDOWS_1252);
  g_assert_true (preview->decimal_comma);
  g_assert_cmpuint (preview->warnings->len, >=, 1);
  row = g_ptr_array_index (preview->rows, 0);
  g_assert_cmpstr (row[1], ==, "Gift Voucher £40.00");
  row = g_ptr_array_index (preview->rows, 1);
  g_assert_cmpstr (row[1], ==, "Café crème");
  g_assert_true (g_utf8_validate (row[1], -1, NULL));
}

static void
test_column_names (void)
{
  g_autoptr(SgImportPreview) preview = preview_text ("names.csv", " a ,,a,b,a\n1,2,3,4,5\n6,7,8,9,10\n", -1);

  g_assert_cmpstr (guess (preview, 0)->name, ==, "a");
  g_assert_cmpstr (guess (preview, 1)->name, ==, "Column 2");
  g_assert_cmpstr (guess (preview, 2)->name, ==, "a (2)");
  g_assert_cmpstr (guess (preview, 3)->name, ==, "b");
  g_assert_cmpstr (guess (preview, 4)->name, ==, "a (3)");
}

static void
test_ambiguous_dates_preview (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "csv", "dates_ambiguous.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SgImportPreview) preview = sg_importer_preview (path, NULL, 5, &error);
  SgImportOptions options;
  g_autoptr(SgImportPreview) chosen = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (guess (preview, 0)->type, ==, SG_COLUMN_DATE);
  g_assert_true (guess (preview, 0)->ambiguous);
  g_assert_nonnull (guess (preview, 0)->note);
  g_assert_cmpuint (preview->warnings->len, >=, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (preview->warnings, 0), "when"));

  sg_import_options_init (&options);
  options.date_order = SG_DATE_ORDER_MDY;
  chosen = sg_importer_preview (path, &options, 5, &error);
  g_assert_no_error (error);
  g_assert_false (guess (chosen, 0)->ambiguous);
  g_assert_cmpint (chosen->date_order, ==, SG_DATE_ORDER_MDY);
  sg_import_options_clear (&options);
}

static void
test_preview_errors (void)
{
  g_autofree char *empty = sg_test_write_file ("empty.csv", "", 0);
  g_autofree char *blank = sg_test_write_file ("blank.csv", "\n\r\n\n", -1);
  g_autofree char *missing = sg_test_tmp_path ("does-not-exist.csv");
  g_autoptr(GError) error = NULL;
  SgImportPreview *preview;

  preview = sg_importer_preview (empty, NULL, 5, &error);
  g_assert_null (preview);
  g_assert_error (error, SG_ERROR, SG_ERROR_PARSE);
  g_clear_error (&error);
  preview = sg_importer_preview (blank, NULL, 5, &error);
  g_assert_null (preview);
  g_assert_error (error, SG_ERROR, SG_ERROR_PARSE);
  g_clear_error (&error);
  preview = sg_importer_preview (missing, NULL, 5, &error);
  g_assert_null (preview);
  g_assert_error (error, SG_ERROR, SG_ERROR_NOT_FOUND);
}

/* ---- numbers ---- */

static void
check_number (const char *text,
              char        point,
              gboolean    expect_ok,
              double      expect)
{
  double v = -12345;
  gboolean is_integer;
  gboolean ok = sg_parse_double (text, strlen (text), point, &v, &is_integer);
  double w = -12345;
  gboolean ok_inline = sg_parse_double_inline (text, strlen (text), point, &w, NULL);

  g_assert_cmpint (ok, ==, expect_ok);
  g_assert_cmpint (ok_inline, ==, expect_ok);
  if (expect_ok)
    {
      g_assert_cmpfloat (v, ==, expect);
      g_assert_cmpfloat (w, ==, expect);
      g_assert_cmpint (signbit (v), ==, signbit (expect));
    }
}

static void
test_number_cases (void)
{
  check_number ("0", '.', TRUE, 0);
  check_number ("-0", '.', TRUE, -0.0);
  check_number ("42", '.', TRUE, 42);
  check_number ("+3", '.', TRUE, 3);
  check_number ("  12 ", '.', TRUE, 12);
  check_number ("0.1", '.', TRUE, 0.1);
  check_number (".5", '.', TRUE, 0.5);
  check_number ("5.", '.', TRUE, 5);
  check_number ("-1.25e3", '.', TRUE, -1250);
  check_number ("1E-2", '.', TRUE, 0.01);
  check_number ("1,5", ',', TRUE, 1.5);
  check_number ("1,5", '.', FALSE, 0);
  check_number ("1.5", ',', FALSE, 0);
  check_number ("1e308", '.', TRUE, 1e308);
  check_number ("1e309", '.', FALSE, 0);
  check_number ("9007199254740993", '.', TRUE, 9007199254740992.0);
  check_number ("123456789012345678901234567890", '.', TRUE, 1.2345678901234568e29);
  check_number ("", '.', FALSE, 0);
  check_number ("-", '.', FALSE, 0);
  check_number (".", '.', FALSE, 0);
  check_number ("1e", '.', FALSE, 0);
  check_number ("1e+", '.', FALSE, 0);
  check_number ("abc", '.', FALSE, 0);
  check_number ("12a", '.', FALSE, 0);
  check_number ("0x10", '.', FALSE, 0);
  check_number ("inf", '.', FALSE, 0);
  check_number ("nan", '.', FALSE, 0);
  check_number ("1 000", '.', FALSE, 0);
  check_number ("--1", '.', FALSE, 0);
}

static void
test_number_integer_flag (void)
{
  double v;
  gboolean is_integer = FALSE;

  g_assert_true (sg_parse_double ("17850", 5, '.', &v, &is_integer));
  g_assert_true (is_integer);
  g_assert_true (sg_parse_double ("17850.0", 7, '.', &v, &is_integer));
  g_assert_false (is_integer);
  g_assert_true (sg_parse_double_inline ("-3", 2, '.', &v, &is_integer));
  g_assert_true (is_integer);
  g_assert_true (sg_parse_double ("1e3", 3, '.', &v, &is_integer));
  g_assert_false (is_integer);
}

/* Exactness: every result equals g_ascii_strtod's, bit for bit, over many random decimals. */
static void
test_number_exact (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240601);
  char text[64];
  guint fast = 0;

  for (guint i = 0; i < 300000; i++)
    {
      guint n_digits = g_rand_int_range (rand, 1, 24);
      guint point = g_rand_int_range (rand, 0, n_digits + 1);
      gsize len = 0;
      double ours, inlined, ref;
      gboolean ok;

      if (g_rand_boolean (rand))
        text[len++] = '-';
      for (guint d = 0; d < n_digits; d++)
        {
          if (d == point && point > 0 && point < n_digits)
            text[len++] = '.';
          text[len++] = (char) ('0' + g_rand_int_range (rand, 0, 10));
        }
      if (g_rand_int_range (rand, 0, 4) == 0)
        len += g_snprintf (text + len, sizeof text - len, "e%d", g_rand_int_range (rand, -330, 330));
      text[len] = '\0';

      ref = g_ascii_strtod (text, NULL);
      ok = sg_parse_double (text, len, '.', &ours, NULL);
      if (!isfinite (ref))
        {
          g_assert_false (ok);
          continue;
        }
      g_assert_true (ok);
      if (memcmp (&ours, &ref, sizeof ref) != 0)
        g_error ("%s: %.17g, g_ascii_strtod %.17g", text, ours, ref);
      g_assert_true (sg_parse_double_inline (text, len, '.', &inlined, NULL));
      g_assert_true (memcmp (&inlined, &ref, sizeof ref) == 0);
      fast += n_digits <= 15;
    }
  g_assert_cmpuint (fast, >, 1000);
}

/* Values as written by a program (printf %.6f, %.17g) round-trip exactly. */
static void
test_number_round_trip (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  for (guint i = 0; i < 100000; i++)
    {
      double x = (g_rand_double (rand) - 0.5) * pow (10, g_rand_int_range (rand, -8, 12));
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];
      const char *formats[] = { "%.6f", "%.17g", "%.3f", "%g" };

      for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
        {
          double v, ref;

          g_ascii_formatd (buffer, sizeof buffer, formats[f], x);
          ref = g_ascii_strtod (buffer, NULL);
          g_assert_true (sg_parse_double (buffer, strlen (buffer), '.', &v, NULL));
          g_assert_true (memcmp (&v, &ref, sizeof v) == 0);
        }
    }
}

/* ---- dates, missing values, booleans ---- */

static double
utc (int y, int mo, int d, int h, int mi, int s)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (y, mo, d, h, mi, s);

  return (double) g_date_time_to_unix (dt);
}

static void
test_dates (void)
{
  double v;
  gboolean has_time = TRUE;

  g_assert_true (sg_parse_date ("2024-03-05", 10, SG_DATE_ORDER_AUTO, &v, &has_time));
  g_assert_cmpfloat (v, ==, utc (2024, 3, 5, 0, 0, 0));
  g_assert_false (has_time);
  g_assert_true (sg_parse_date ("2010-12-01 08:26:00", 19, SG_DATE_ORDER_AUTO, &v, &has_time));
  g_assert_cmpfloat (v, ==, utc (2010, 12, 1, 8, 26, 0));
  g_assert_true (has_time);
  g_assert_true (sg_parse_date ("2024-03-05T10:00:00+02:00", 25, SG_DATE_ORDER_AUTO, &v, NULL));
  g_assert_cmpfloat (v, ==, utc (2024, 3, 5, 8, 0, 0));
  g_assert_true (sg_parse_date ("2024-03-05T10:00:00.5Z", 22, SG_DATE_ORDER_AUTO, &v, NULL));
  g_assert_cmpfloat (v, ==, utc (2024, 3, 5, 10, 0, 0) + 0.5);
  g_assert_true (sg_parse_date ("01/12/2010 08:26", 16, SG_DATE_ORDER_DMY, &v, &has_time));
  g_assert_cmpfloat (v, ==, utc (2010, 12, 1, 8, 26, 0));
  g_assert_true (sg_parse_date ("12/1/10 8:26", 12, SG_DATE_ORDER_MDY, &v, NULL));
  g_assert_cmpfloat (v, ==, utc (2010, 12, 1, 8, 26, 0));
  g_assert_true (sg_parse_date ("04-09-2012", 10, SG_DATE_ORDER_DMY, &v, &has_time));
  g_assert_cmpfloat (v, ==, utc (2012, 9, 4, 0, 0, 0));
  g_assert_true (sg_parse_date ("04.09.2012", 10, SG_DATE_ORDER_DMY, &v, NULL));
  g_assert_true (sg_parse_date ("3/5/2024 1:05 PM", 16, SG_DATE_ORDER_MDY, &v, NULL));
  g_assert_cmpfloat (v, ==, utc (2024, 3, 5, 13, 5, 0));
  g_assert_true (sg_parse_date ("1969-07-20", 10, SG_DATE_ORDER_AUTO, &v, NULL));
  g_assert_cmpfloat (v, ==, utc (1969, 7, 20, 0, 0, 0));
  g_assert_true (sg_parse_date ("2024-02-29", 10, SG_DATE_ORDER_AUTO, &v, NULL));
  g_assert_false (sg_parse_date ("2023-02-29", 10, SG_DATE_ORDER_AUTO, &v, NULL));
  g_assert_false (sg_parse_date ("31/02/2024", 10, SG_DATE_ORDER_DMY, &v, NULL));
  g_assert_false (sg_parse_date ("2024-13-01", 10, SG_DATE_ORDER_AUTO, &v, NULL));
  g_assert_false (sg_parse_date ("2024-03-05 25:00", 16, SG_DATE_ORDER_AUTO, &v, NULL));
  g_assert_false (sg_parse_date ("12345", 5, SG_DATE_ORDER_AUTO, &v, NULL));
  g_assert_false (sg_parse_date ("hello", 5, SG_DATE_ORDER_AUTO, &v, NULL));
  /* Month names (English): the order is then clear. */
  g_assert_true (sg_parse_date ("01-Dec-2010", 11, SG_DATE_ORDER_AUTO, &v, &has_time));
  g_assert_cmpfloat (v, ==, utc (2010, 12, 1, 0, 0, 0));
  g_assert_true (sg_parse_date ("1 Dec 2010 08:26", 16, SG_DATE_ORDER_MDY, &v, &has_time));
  g_assert_cmpfloat (v, ==, utc (2010, 12, 1, 8, 26, 0));
  g_assert_true (has_time);
  g_assert_true (sg_parse_date ("December 1, 2010", 16, SG_DATE_ORDER_AUTO, &v, NULL));
  g_assert_cmpfloat (v, ==, utc (2010, 12, 1, 0, 0, 0));
  g_assert_true (sg_parse_date ("Sept 30 2021", 12, SG_DATE_ORDER_DMY, &v, NULL));
  g_assert_cmpfloat (v, ==, utc (2021, 9, 30, 0, 0, 0));
  g_assert_true (sg_parse_date ("05-mar-24", 9, SG_DATE_ORDER_AUTO, &v, NULL));
  g_assert_cmpfloat (v, ==, utc (2024, 3, 5, 0, 0, 0));
  g_assert_false (sg_parse_date ("31-Feb-2024", 11, SG_DATE_ORDER_AUTO, &v, NULL));
  g_assert_false (sg_parse_date ("may", 3, SG_DATE_ORDER_AUTO, &v, NULL));
  g_assert_false (sg_parse_date ("Mayday 1, 2020", 14, SG_DATE_ORDER_AUTO, &v, NULL));
  g_assert_false (sg_parse_date ("12 34 2020", 10, SG_DATE_ORDER_DMY, &v, NULL));
  /* AUTO reads a year-last date only when one order works. */
  g_assert_true (sg_parse_date ("13/04/2024", 10, SG_DATE_ORDER_AUTO, &v, NULL));
  g_assert_cmpfloat (v, ==, utc (2024, 4, 13, 0, 0, 0));
  g_assert_false (sg_parse_date ("03/04/2024", 10, SG_DATE_ORDER_AUTO, &v, NULL));
}

static void
test_date_orders (void)
{
  gboolean has_time = FALSE;

  g_assert_cmpuint (sg_date_orders ("03/04/2024", 10, NULL), ==,
                    (1u << SG_DATE_ORDER_DMY) | (1u << SG_DATE_ORDER_MDY));
  g_assert_cmpuint (sg_date_orders ("13/04/2024", 10, NULL), ==, 1u << SG_DATE_ORDER_DMY);
  g_assert_cmpuint (sg_date_orders ("04/13/2024", 10, NULL), ==, 1u << SG_DATE_ORDER_MDY);
  g_assert_cmpuint (sg_date_orders ("2024-04-13", 10, NULL), ==, 1u << SG_DATE_ORDER_YMD);
  g_assert_cmpuint (sg_date_orders ("2024-04-13 10:11", 16, &has_time), ==, 1u << SG_DATE_ORDER_YMD);
  g_assert_true (has_time);
  g_assert_cmpuint (sg_date_orders ("41/13/2024", 10, NULL), ==, 0);
  g_assert_cmpuint (sg_date_orders ("03-Apr-2024", 11, NULL), ==,
                    (1u << SG_DATE_ORDER_YMD) | (1u << SG_DATE_ORDER_DMY) | (1u << SG_DATE_ORDER_MDY));
  g_assert_cmpuint (sg_date_orders ("1.5", 3, NULL), ==, 0);
}

static void
test_missing_tokens (void)
{
  const char *missing[] = { "", " ", "   \t", "NA", "na", "N/A", "n/a", "null", "NULL", "NaN", "nan", "-", "?", " NA " };
  const char *present[] = { "0", "None", "no", "NAN1", "--", "x", "N", "nul" };

  for (guint i = 0; i < G_N_ELEMENTS (missing); i++)
    g_assert_true (sg_value_is_missing (missing[i], strlen (missing[i])));
  for (guint i = 0; i < G_N_ELEMENTS (present); i++)
    g_assert_false (sg_value_is_missing (present[i], strlen (present[i])));
}

static void
test_booleans (void)
{
  g_assert_cmpint (sg_parse_boolean ("Yes", 3), ==, 1);
  g_assert_cmpint (sg_parse_boolean ("TRUE", 4), ==, 1);
  g_assert_cmpint (sg_parse_boolean ("no", 2), ==, 0);
  g_assert_cmpint (sg_parse_boolean ("False", 5), ==, 0);
  g_assert_cmpint (sg_parse_boolean ("maybe", 5), ==, -1);
  g_assert_cmpint (sg_parse_boolean ("1", 1), ==, -1);
}

/* ---- type inference ---- */

static void
infer (const char    *name,
       const char   **values,
       guint          n,
       SgTypeGuess   *out)
{
  SgColumnStats stats;

  sg_column_stats_init (&stats);
  for (guint i = 0; i < n; i++)
    sg_column_stats_add (&stats, values[i], strlen (values[i]));
  sg_column_stats_guess (&stats, name, FALSE, SG_DATE_ORDER_AUTO, out);
  sg_column_stats_clear (&stats);
}

#define INFER(name, array, out) infer (name, array, G_N_ELEMENTS (array), out)

static void
test_infer_types (void)
{
  const char *integers[] = { "1", "20", "-3", "", "400" };
  const char *decimals[] = { "1.5", "2", "-0.25", "NA", "1e3" };
  const char *booleans[] = { "Yes", "No", "yes", "no", "" };
  const char *dates[] = { "13/01/2024", "02/03/2024", "28/12/2023" };
  const char *datetimes[] = { "2010-12-01 08:26", "2010-12-02 09:00", "2010-12-03 10:30" };
  const char *ambiguous[] = { "01/02/2024", "03/04/2024", "05/06/2024" };
  const char *categorical[] = { "red", "blue", "red", "green", "blue", "red", "red", "blue" };
  const char *padded[] = { "0001", "0002", "0003", "0004", "0005" };
  const char *codes[] = { "C10001", "C10002", "C10003", "C10004" };
  const char *text[] = { "likes the blue one", "never again", "fine, thanks", "ok then" };
  const char *repeated_ids[] = { "17850", "17850", "13047", "12583", "13047" };
  const char *emails[] = { "ann@example.com", "bob@example.org", "cid@example.net" };
  const char *turning[] = { "536365", "536366", "C536379", "536367" };
  const char *long_numbers[] = { "4556737586899855123", "4556737586899855124", "4916108926268679" };
  SgTypeGuess g;

  INFER ("n", integers, &g);
  g_assert_cmpint (g.type, ==, SG_COLUMN_INTEGER);
  INFER ("x", decimals, &g);
  g_assert_cmpint (g.type, ==, SG_COLUMN_DECIMAL);
  INFER ("member", booleans, &g);
  g_assert_cmpint (g.type, ==, SG_COLUMN_BOOLEAN);
  INFER ("joined", dates, &g);
  g_assert_cmpint (g.type, ==, SG_COLUMN_DATE);
  g_assert_cmpint (g.date_order, ==, SG_DATE_ORDER_DMY);
  g_free (g.note);
  INFER ("when", datetimes, &g);
  g_assert_cmpint (g.type, ==, SG_COLUMN_DATETIME);
  g_assert_cmpint (g.date_order, ==, SG_DATE_ORDER_YMD);
  {
    const char *named[] = { "01-Dec-2010", "02-Jan-2011", "03-Feb-2011" };
    const char *mixed[] = { "01-Dec-2010", "02/01/2011", "13/02/2011" };

    INFER ("day", named, &g);
    g_assert_cmpint (g.type, ==, SG_COLUMN_DATE);
    g_assert_false (g.ambiguous);
    INFER ("day", mixed, &g);
    g_assert_cmpint (g.type, ==, SG_COLUMN_DATE);
    g_assert_cmpint (g.date_order, ==, SG_DATE_ORDER_DMY);
    g_free (g.note);
  }
  INFER ("when", ambiguous, &g);
  g_assert_cmpint (g.type, ==, SG_COLUMN_DATE);
  g_assert_true (g.ambiguous);
  g_assert_cmpint (g.date_order, ==, SG_DATE_ORDER_AUTO);
  g_free (g.note);
  INFER ("colour", categorical, &g);
  g_assert_cmpint (g.type, ==, SG_COLUMN_CATEGORICAL);
  INFER ("CustomerID", padded, &g);
  g_assert_cmpint (g.type, ==, SG_COLUMN_IDENTIFIER);
  g_assert_cmpstr (g.role, ==, "id");
  g_free (g.note);
  INFER ("code", padded, &g);   /* zero-padded numbers stay text, whatever the name */
  g_assert_cmpint (g.type, ==, SG_COLUMN_IDENTIFIER);
  g_free (g.note);
  INFER ("CUST_ID", codes, &g);
  g_assert_cmpint (g.type, ==, SG_COLUMN_IDENTIFIER);
  g_free (g.note);
  INFER ("comment", text, &g);
  g_assert_cmpint (g.type, ==, SG_COLUMN_TEXT);
  INFER ("CustomerID", repeated_ids, &g);
  g_assert_cmpint (g.type, ==, SG_COLUMN_INTEGER);
  g_assert_cmpstr (g.role, ==, "id");
  INFER ("email", emails, &g);
  g_assert_cmpstr (g.role, ==, "email");
  INFER ("account", long_numbers, &g);   /* 19 digits do not fit a double: kept as written */
  g_assert_cmpint (g.type, ==, SG_COLUMN_IDENTIFIER);
  g_free (g.note);
  INFER ("InvoiceNo", turning, &g);
  g_assert_true (g.type == SG_COLUMN_TEXT || g.type == SG_COLUMN_IDENTIFIER);
  g_free (g.note);
}

static void
test_id_names (void)
{
  g_assert_true (sg_name_looks_like_id ("id"));
  g_assert_true (sg_name_looks_like_id ("ID"));
  g_assert_true (sg_name_looks_like_id ("CustomerID"));
  g_assert_true (sg_name_looks_like_id ("customerId"));
  g_assert_true (sg_name_looks_like_id ("CUST_ID"));
  g_assert_true (sg_name_looks_like_id ("client id"));
  g_assert_false (sg_name_looks_like_id ("Paid"));
  g_assert_false (sg_name_looks_like_id ("VALID"));
  g_assert_false (sg_name_looks_like_id ("Income"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv/tokenizer/quoted", test_quoted_fields);
  g_test_add_func ("/csv/tokenizer/doubled-quotes", test_doubled_quotes);
  g_test_add_func ("/csv/tokenizer/embedded-newlines", test_embedded_newlines);
  g_test_add_func ("/csv/tokenizer/crlf", test_crlf);
  g_test_add_func ("/csv/tokenizer/cr", test_cr);
  g_test_add_func ("/csv/tokenizer/ragged", test_ragged);
  g_test_add_func ("/csv/tokenizer/no-final-newline", test_no_final_newline);
  g_test_add_func ("/csv/tokenizer/empty-lines", test_empty_lines);
  g_test_add_func ("/csv/tokenizer/unclosed-quote", test_unclosed_quote);
  g_test_add_func ("/csv/tokenizer/fixture", test_fixture_quotes);
  g_test_add_func ("/csv/sniff/delimiters", test_sniff_delimiters);
  g_test_add_func ("/csv/sniff/header", test_sniff_header);
  g_test_add_func ("/csv/sniff/bom", test_sniff_bom);
  g_test_add_func ("/csv/sniff/decimal-comma", test_sniff_decimal_comma);
  g_test_add_func ("/csv/sniff/latin1", test_sniff_latin1);
  g_test_add_func ("/csv/sniff/column-names", test_column_names);
  g_test_add_func ("/csv/sniff/ambiguous-dates", test_ambiguous_dates_preview);
  g_test_add_func ("/csv/sniff/errors", test_preview_errors);
  g_test_add_func ("/csv/number/cases", test_number_cases);
  g_test_add_func ("/csv/number/integer-flag", test_number_integer_flag);
  g_test_add_func ("/csv/number/exact", test_number_exact);
  g_test_add_func ("/csv/number/round-trip", test_number_round_trip);
  g_test_add_func ("/csv/dates/parse", test_dates);
  g_test_add_func ("/csv/dates/orders", test_date_orders);
  g_test_add_func ("/csv/values/missing", test_missing_tokens);
  g_test_add_func ("/csv/values/booleans", test_booleans);
  g_test_add_func ("/csv/infer/types", test_infer_types);
  g_test_add_func ("/csv/infer/id-names", test_id_names);
  return g_test_run ();
}
