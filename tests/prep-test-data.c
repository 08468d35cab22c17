/* prep-test-data.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "prep-test-data.h"

double
prep_test_time (int year, int month, int day, int hour, int minute)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (year, month, day, hour, minute, 0);

  g_assert_nonnull (dt);
  return (double) g_date_time_to_unix (dt);
}

static double
parse_time (const char *s,
            gboolean    day_first)
{
  int y, mo, d, h = 0, mi = 0, sec = 0;

  if (day_first)
    {
      if (sscanf (s, "%d/%d/%d %d:%d", &d, &mo, &y, &h, &mi) < 3)
        return NAN;
    }
  else if (sscanf (s, "%d-%d-%d %d:%d:%d", &y, &mo, &d, &h, &mi, &sec) < 3)
    return NAN;
  return prep_test_time (y, mo, d, h, mi) + sec;
}

static GPtrArray *
split_line (const char *line)
{
  GPtrArray *fields = g_ptr_array_new_with_free_func (g_free);
  GString *field = g_string_new (NULL);
  gboolean quoted = FALSE;

  for (const char *p = line;; p++)
    {
      if (quoted)
        {
          if (*p == '"' && p[1] == '"')
            {
              g_string_append_c (field, '"');
              p++;
            }
          else if (*p == '"')
            quoted = FALSE;
          else if (*p == '\0')
            break;
          else
            g_string_append_c (field, *p);
        }
      else if (*p == '"')
        quoted = TRUE;
      else if (*p == ',' || *p == '\0' || *p == '\r')
        {
          g_ptr_array_add (fields, g_strdup (field->str));
          g_string_truncate (field, 0);
          if (*p != ',')
            break;
        }
      else
        g_string_append_c (field, *p);
    }
  g_string_free (field, TRUE);
  return fields;
}

SgTable *
prep_test_read_csv (const char *path,
                    const char *types)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GPtrArray) header = NULL;
  SgTable *table = sg_table_new ("csv");
  guint n_columns = strlen (types);

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  if (!g_utf8_validate (contents, -1, NULL))
    {
      char *converted = g_convert (contents, -1, "UTF-8", "WINDOWS-1252", NULL, NULL, &error);

      g_assert_no_error (error);
      g_free (contents);
      contents = converted;
    }
  lines = g_strsplit (contents, "\n", -1);
  header = split_line (lines[0]);
  g_assert_cmpuint (header->len, ==, n_columns);
  for (guint c = 0; c < n_columns; c++)
    {
      SgColumnType type;

      switch (types[c])
        {
        case 'i': type = SG_COLUMN_IDENTIFIER; break;
        case 'c': type = SG_COLUMN_CATEGORICAL; break;
        case 't': type = SG_COLUMN_TEXT; break;
        case 'n': type = SG_COLUMN_DECIMAL; break;
        default: type = SG_COLUMN_DATETIME; break;
        }
      sg_table_add_column (table, g_ptr_array_index (header, c), type);
    }
  for (guint l = 1; lines[l] != NULL; l++)
    {
      g_autoptr(GPtrArray) fields = NULL;

      if (lines[l][0] == '\0' || strcmp (lines[l], "\r") == 0)
        continue;
      fields = split_line (lines[l]);
      g_assert_cmpuint (fields->len, ==, n_columns);
      for (guint c = 0; c < n_columns; c++)
        {
          SgColumn *column = sg_table_get_column (table, c);
          const char *f = g_ptr_array_index (fields, c);

          if (types[c] == 'n')
            {
              char *end;
              double v = *f ? g_ascii_strtod (f, &end) : NAN;

              sg_column_append_number (column, v);
            }
          else if (types[c] == 'd' || types[c] == 'D')
            sg_column_append_number (column, *f ? parse_time (f, types[c] == 'D') : NAN);
          else
            sg_column_append_string (column, *f ? f : NULL);
        }
    }
  return table;
}

SgTable *
prep_test_transactions (void)
{
  SgTable *table = sg_table_new ("transactions");
  SgColumn *id = sg_table_add_column (table, "CustomerID", SG_COLUMN_DECIMAL);
  SgColumn *date = sg_table_add_column (table, "InvoiceDate", SG_COLUMN_DATETIME);
  SgColumn *invoice = sg_table_add_column (table, "InvoiceNo", SG_COLUMN_IDENTIFIER);
  SgColumn *qty = sg_table_add_column (table, "Quantity", SG_COLUMN_INTEGER);
  SgColumn *price = sg_table_add_column (table, "UnitPrice", SG_COLUMN_DECIMAL);
  SgColumn *cat = sg_table_add_column (table, "Category", SG_COLUMN_CATEGORICAL);
  SgColumn *channel = sg_table_add_column (table, "Channel", SG_COLUMN_CATEGORICAL);
  static const struct {
    double id; int mo, d, h, mi; const char *inv; double q, p; const char *cat, *ch;
  } rows[] = {
    { 1, 1, 1, 9, 0, "INV1", 2, 10, "X", "web" },
    { 1, 1, 1, 9, 5, "INV1", 1, 5, "Y", "web" },
    { 1, 3, 1, 12, 0, "INV2", 1, 30, "X", "store" },
    { 1, 3, 5, 10, 0, "C3", -1, 5, "Y", "web" },
    { 2, 3, 31, 10, 0, "INV4", 3, 4, "Z", "web" },
    { 3, 2, 1, 10, 0, "C5", -1, 10, "X", "web" },
    { NAN, 3, 10, 10, 0, "INV6", 1, 100, "X", "web" },
    { 1, 3, 20, 10, 0, "INV7", 5, 0, "X", "web" },
    { 2, 0, 0, 0, 0, "INV8", 1, 7, "Z", "web" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      sg_column_append_number (id, rows[i].id);
      sg_column_append_number (date, rows[i].mo == 0 ? NAN : prep_test_time (2024, rows[i].mo, rows[i].d, rows[i].h, rows[i].mi));
      sg_column_append_string (invoice, rows[i].inv);
      sg_column_append_number (qty, rows[i].q);
      sg_column_append_number (price, rows[i].p);
      sg_column_append_string (cat, rows[i].cat);
      sg_column_append_string (channel, rows[i].ch);
    }
  return table;
}
