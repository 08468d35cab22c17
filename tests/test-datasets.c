/* test-datasets.c — every real data set in ../shared/datasets imports cleanly, with the right shape and types
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "sg-importer.h"
#include "sg-project.h"
#include "sg-test-util.h"

typedef struct {
  const char   *column;
  SgColumnType  type;
  const char   *role;      /* NULL: not checked */
  gint64        missing;   /* -1: not checked */
} ColumnCheck;

typedef struct {
  const char  *file;
  guint64      rows;
  guint        columns;
  char         delimiter;
  SgEncoding   encoding;
  SgDateOrder  date_order;
  ColumnCheck  checks[8];
} DatasetCheck;

static const DatasetCheck datasets[] = {
  { "mall_customers.csv", 200, 5, ',', SG_ENCODING_UTF8, SG_DATE_ORDER_AUTO, {
      { "CustomerID", SG_COLUMN_IDENTIFIER, "id", 0 },
      { "Genre", SG_COLUMN_CATEGORICAL, NULL, 0 },
      { "Age", SG_COLUMN_INTEGER, NULL, 0 },
      { "Annual Income (k$)", SG_COLUMN_INTEGER, NULL, 0 },
      { "Spending Score (1-100)", SG_COLUMN_INTEGER, NULL, 0 } } },
  { "online_retail.csv", 39529, 8, ',', SG_ENCODING_WINDOWS_1252, SG_DATE_ORDER_DMY, {
      { "InvoiceNo", SG_COLUMN_TEXT, NULL, 0 },
      { "StockCode", SG_COLUMN_TEXT, NULL, 0 },
      { "Quantity", SG_COLUMN_INTEGER, NULL, 0 },
      { "InvoiceDate", SG_COLUMN_DATETIME, NULL, 0 },
      { "UnitPrice", SG_COLUMN_DECIMAL, NULL, 0 },
      { "CustomerID", SG_COLUMN_INTEGER, "id", 13766 },
      { "Country", SG_COLUMN_CATEGORICAL, NULL, 0 } } },
  { "online_retail_sample.csv", 30000, 8, ',', SG_ENCODING_UTF8, SG_DATE_ORDER_AUTO, {
      { "InvoiceDate", SG_COLUMN_DATETIME, NULL, 0 },
      { "UnitPrice", SG_COLUMN_DECIMAL, NULL, 0 },
      { "CustomerID", SG_COLUMN_DECIMAL, "id", 2000 },
      { "Country", SG_COLUMN_CATEGORICAL, NULL, 0 } } },
  { "wholesale_customers.csv", 440, 8, ',', SG_ENCODING_UTF8, SG_DATE_ORDER_AUTO, {
      { "Channel", SG_COLUMN_INTEGER, NULL, 0 },
      { "Region", SG_COLUMN_INTEGER, NULL, 0 },
      { "Fresh", SG_COLUMN_INTEGER, NULL, 0 },
      { "Delicassen", SG_COLUMN_INTEGER, NULL, 0 } } },
  { "telco_churn.csv", 7043, 21, ',', SG_ENCODING_UTF8, SG_DATE_ORDER_AUTO, {
      { "customerID", SG_COLUMN_IDENTIFIER, "id", 0 },
      { "gender", SG_COLUMN_CATEGORICAL, NULL, 0 },
      { "SeniorCitizen", SG_COLUMN_INTEGER, NULL, 0 },
      { "tenure", SG_COLUMN_INTEGER, NULL, 0 },
      { "InternetService", SG_COLUMN_CATEGORICAL, NULL, 0 },
      { "MonthlyCharges", SG_COLUMN_DECIMAL, NULL, 0 },
      { "TotalCharges", SG_COLUMN_DECIMAL, NULL, 11 },
      { "Churn", SG_COLUMN_BOOLEAN, NULL, 0 } } },
  { "bank_marketing.csv", 4521, 17, ';', SG_ENCODING_UTF8, SG_DATE_ORDER_AUTO, {
      { "age", SG_COLUMN_INTEGER, NULL, 0 },
      { "job", SG_COLUMN_CATEGORICAL, NULL, 0 },
      { "balance", SG_COLUMN_INTEGER, NULL, 0 },
      { "month", SG_COLUMN_CATEGORICAL, NULL, 0 },
      { "pdays", SG_COLUMN_INTEGER, NULL, 0 },
      { "y", SG_COLUMN_BOOLEAN, NULL, 0 } } },
  { "bank_marketing_full.csv", 45211, 17, ';', SG_ENCODING_UTF8, SG_DATE_ORDER_AUTO, {
      { "age", SG_COLUMN_INTEGER, NULL, 0 },
      { "education", SG_COLUMN_CATEGORICAL, NULL, 0 },
      { "duration", SG_COLUMN_INTEGER, NULL, 0 },
      { "y", SG_COLUMN_BOOLEAN, NULL, 0 } } },
  { "marketing_campaign.tsv", 2240, 29, '\t', SG_ENCODING_UTF8, SG_DATE_ORDER_DMY, {
      { "ID", SG_COLUMN_IDENTIFIER, "id", 0 },
      { "Year_Birth", SG_COLUMN_INTEGER, NULL, 0 },
      { "Education", SG_COLUMN_CATEGORICAL, NULL, 0 },
      { "Marital_Status", SG_COLUMN_CATEGORICAL, NULL, 0 },
      { "Income", SG_COLUMN_INTEGER, NULL, 24 },
      { "Dt_Customer", SG_COLUMN_DATE, NULL, 0 },
      { "Z_Revenue", SG_COLUMN_INTEGER, NULL, 0 },
      { "Response", SG_COLUMN_INTEGER, NULL, 0 } } },
  { "cc_general.csv", 8950, 18, ',', SG_ENCODING_UTF8, SG_DATE_ORDER_AUTO, {
      { "CUST_ID", SG_COLUMN_IDENTIFIER, "id", 0 },
      { "BALANCE", SG_COLUMN_DECIMAL, NULL, 0 },
      { "PURCHASES_TRX", SG_COLUMN_INTEGER, NULL, 0 },
      { "CREDIT_LIMIT", SG_COLUMN_DECIMAL, NULL, 1 },
      { "MINIMUM_PAYMENTS", SG_COLUMN_DECIMAL, NULL, 313 },
      { "TENURE", SG_COLUMN_INTEGER, NULL, 0 } } },
};

static SgProject *
new_project (void)
{
  static guint counter;
  g_autofree char *file = g_strdup_printf ("datasets-%u.segmenta", counter++);
  g_autofree char *path = sg_test_tmp_path (file);
  g_autoptr(GError) error = NULL;
  SgProject *project = sg_project_create (path, &error);

  g_assert_no_error (error);
  return project;
}

static void
test_dataset (gconstpointer data)
{
  const DatasetCheck *check = data;
  g_autofree char *relative = g_build_filename ("datasets", check->file, NULL);
  g_autofree char *path = sg_test_shared_path (relative);
  g_autoptr(SgProject) project = NULL;
  g_autoptr(SgImportReport) report = NULL;
  g_autoptr(SgImportPreview) preview = NULL;
  g_autoptr(SgDatasetInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (path == NULL)
    return;   /* skipped: ../shared is not there */

  preview = sg_importer_preview (path, NULL, 20, &error);
  g_assert_no_error (error);
  g_assert_cmpint (preview->delimiter, ==, check->delimiter);
  g_assert_cmpint (preview->encoding, ==, check->encoding);
  g_assert_true (preview->has_header);
  g_assert_cmpuint (preview->estimated_rows, ==, check->rows);
  for (guint c = 0; c < preview->columns->len; c++)
    g_assert_false (((SgImportColumnGuess *) g_ptr_array_index (preview->columns, c))->ambiguous);

  project = new_project ();
  id = sg_importer_run (project, path, NULL, NULL, &report, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpuint (report->rows_read, ==, check->rows);
  g_assert_cmpuint (report->rows_stored, ==, check->rows);
  g_assert_cmpuint (report->rows_rejected, ==, 0);
  g_assert_cmpint (report->date_order, ==, check->date_order);

  info = sg_project_get_dataset (project, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (info->n_rows, ==, check->rows);
  g_assert_cmpuint (info->columns->len, ==, check->columns);
  for (guint i = 0; i < G_N_ELEMENTS (check->checks) && check->checks[i].column != NULL; i++)
    {
      const ColumnCheck *cc = &check->checks[i];
      int c = sg_dataset_info_lookup_column (info, cc->column);
      SgColumnInfo *column;

      if (c < 0)
        g_error ("%s: no column %s", check->file, cc->column);
      column = g_ptr_array_index (info->columns, c);
      if (column->type != cc->type)
        g_error ("%s: column %s is %s, expected %s", check->file, cc->column,
                 sg_column_type_to_string (column->type), sg_column_type_to_string (cc->type));
      if (cc->role != NULL)
        g_assert_cmpstr (column->role, ==, cc->role);
      if (cc->missing >= 0)
        g_assert_cmpuint (column->n_missing, ==, (guint64) cc->missing);
    }
}

static gint64
import_shared (SgProject  *project,
               const char *file)
{
  g_autofree char *relative = g_build_filename ("datasets", file, NULL);
  g_autofree char *path = sg_test_shared_path (relative);
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (path == NULL)
    return 0;
  id = sg_importer_run (project, path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return id;
}

static double
utc (int y, int mo, int d, int h, int mi)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (y, mo, d, h, mi, 0);

  return (double) g_date_time_to_unix (dt);
}

static void
test_values (void)
{
  g_autoptr(SgProject) project = new_project ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  /* online_retail: day-first date-times, the Latin-1 pound sign, customer ids as numbers. */
  id = import_shared (project, "online_retail.csv");
  if (id == 0)
    return;
  {
    g_autoptr(SgTable) table = sg_project_load_table (project, id, NULL, 0, &error);
    SgColumn *date, *description, *customer;
    gboolean found_pound = FALSE;

    g_assert_no_error (error);
    date = sg_table_get_column (table, (guint) sg_table_lookup_column (table, "InvoiceDate"));
    description = sg_table_get_column (table, (guint) sg_table_lookup_column (table, "Description"));
    customer = sg_table_get_column (table, (guint) sg_table_lookup_column (table, "CustomerID"));
    g_assert_cmpfloat (sg_column_get_number (date, 0), ==, utc (2010, 12, 1, 8, 26));
    g_assert_cmpfloat (sg_column_get_number (date, 39528), ==, utc (2010, 12, 20, 16, 11));
    g_assert_cmpfloat (sg_column_get_number (customer, 0), ==, 17850);
    g_assert_cmpstr (sg_column_get_string (description, 0), ==, "WHITE HANGING HEART T-LIGHT HOLDER");
    for (guint r = 0; r < sg_column_get_n_rows (description); r++)
      {
        const char *s = sg_column_get_string (description, r);

        if (s != NULL && strcmp (s, "Dotcomgiftshop Gift Voucher £40.00") == 0)
          found_pound = TRUE;
        g_assert_true (s == NULL || g_utf8_validate (s, -1, NULL));
      }
    g_assert_true (found_pound);
  }

  /* marketing_campaign: DD-MM-YYYY dates. */
  id = import_shared (project, "marketing_campaign.tsv");
  {
    g_autoptr(SgTable) table = sg_project_load_table (project, id, NULL, 0, &error);
    SgColumn *date;
    double lo = INFINITY, hi = -INFINITY;

    g_assert_no_error (error);
    date = sg_table_get_column (table, (guint) sg_table_lookup_column (table, "Dt_Customer"));
    g_assert_cmpfloat (sg_column_get_number (date, 0), ==, utc (2012, 9, 4, 0, 0));
    for (guint r = 0; r < sg_column_get_n_rows (date); r++)
      {
        lo = MIN (lo, sg_column_get_number (date, r));
        hi = MAX (hi, sg_column_get_number (date, r));
      }
    g_assert_cmpfloat (lo, ==, utc (2012, 7, 30, 0, 0));
    g_assert_cmpfloat (hi, ==, utc (2014, 6, 29, 0, 0));
  }

  /* mall_customers: the zero-padded ids are kept as written, the counts as documented. */
  id = import_shared (project, "mall_customers.csv");
  {
    g_autoptr(SgTable) table = sg_project_load_table (project, id, NULL, 0, &error);
    SgColumn *ids, *genre;
    guint female = 0;

    g_assert_no_error (error);
    ids = sg_table_get_column (table, 0);
    genre = sg_table_get_column (table, 1);
    g_assert_cmpstr (sg_column_get_string (ids, 0), ==, "0001");
    g_assert_cmpstr (sg_column_get_string (ids, 199), ==, "0200");
    for (guint r = 0; r < 200; r++)
      female += g_strcmp0 (sg_column_get_string (genre, r), "Female") == 0;
    g_assert_cmpuint (female, ==, 112);
  }

  /* telco: Churn No 5,174, Yes 1,869. */
  id = import_shared (project, "telco_churn.csv");
  {
    g_autoptr(SgTable) table = sg_project_load_table (project, id, NULL, 0, &error);
    SgColumn *churn;
    guint yes = 0;

    g_assert_no_error (error);
    churn = sg_table_get_column (table, (guint) sg_table_lookup_column (table, "Churn"));
    for (guint r = 0; r < sg_column_get_n_rows (churn); r++)
      yes += sg_column_get_number (churn, r) == 1;
    g_assert_cmpuint (yes, ==, 1869);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (datasets); i++)
    {
      g_autofree char *name = g_strdup_printf ("/datasets/%s", datasets[i].file);

      g_test_add_data_func (name, &datasets[i], test_dataset);
    }
  g_test_add_func ("/datasets/values", test_values);
  return g_test_run ();
}
