/* prep-test-data.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "prep-test-data.h"

double
prep_test_time (int year, int month, int day, int hour, int minute)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (year, month, day, hour, minute, 0);

  g_assert_nonnull (dt);
  return (double) g_date_time_to_unix (dt);
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
