/* test-retail-e2e.c — the real Online Retail transactions through derive, prepare and quality (CLI),
 * (imported with the importer), checked against values computed here, independently, from the raw rows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "prep-test-data.h"
#include "sg-derive.h"
#include "sg-error.h"
#include "sg-importer.h"
#include "sg-project.h"
#include "sg-recipe.h"
#include "sg-test-util.h"

/* Imports a shared CSV with the importer (as `segmenta-cli import` does) into a new project as dataset
 * "transactions"; returns the project's path and the imported table (the raw rows). */
static char *
project_with (const char *csv,
              SgTable   **table_out)
{
  g_autofree char *path = sg_test_shared_path (csv);
  g_autofree char *file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SgProject) project = NULL;
  g_autoptr(SgImportReport) report = NULL;
  SgImportOptions options;
  char *project_path;
  gint64 id;
  static guint counter;

  if (path == NULL)
    return NULL;
  file = g_strdup_printf ("retail-%u.segmenta", counter++);
  project_path = sg_test_tmp_path (file);
  project = sg_project_create (project_path, &error);
  g_assert_no_error (error);
  sg_import_options_init (&options);
  options.dataset_name = g_strdup ("transactions");
  id = sg_importer_run (project, path, &options, NULL, &report, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->rows_rejected, ==, 0);
  sg_import_options_clear (&options);
  if (table_out != NULL)
    {
      *table_out = sg_project_load_table (project, id, NULL, 0, &error);
      g_assert_no_error (error);
    }
  return project_path;
}

typedef struct {
  GHashTable *orders;      /* invoice strings with a purchase line */
  double      last;
  double      gross;
} Expected;

static void
expected_free (Expected *e)
{
  g_hash_table_unref (e->orders);
  g_free (e);
}

/* The customers' R, F, M straight from the rows, by the documented definitions. */
static GHashTable *
expected_rfm (SgTable *table,
              double  *reference_day)
{
  GHashTable *customers = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) expected_free);
  SgColumn *invoice = sg_table_get_column (table, 0), *qty = sg_table_get_column (table, 3);
  SgColumn *date = sg_table_get_column (table, 4), *price = sg_table_get_column (table, 5);
  SgColumn *id = sg_table_get_column (table, 6);
  double latest = -INFINITY;

  for (guint r = 0; r < sg_table_get_n_rows (table); r++)
    latest = MAX (latest, sg_column_get_number (date, r));
  *reference_day = floor (latest / 86400);
  for (guint r = 0; r < sg_table_get_n_rows (table); r++)
    {
      double cid = sg_column_get_number (id, r), q = sg_column_get_number (qty, r);
      double amount = q * sg_column_get_number (price, r), t = sg_column_get_number (date, r);
      gint64 key = (gint64) cid;
      Expected *e;

      if (isnan (cid) || isnan (t) || amount == 0 || amount < 0 || q < 0)
        continue;
      e = g_hash_table_lookup (customers, &key);
      if (e == NULL)
        {
          gint64 *k = g_new (gint64, 1);

          *k = key;
          e = g_new0 (Expected, 1);
          e->orders = g_hash_table_new (g_str_hash, g_str_equal);
          e->last = -INFINITY;
          g_hash_table_insert (customers, k, e);
        }
      g_hash_table_add (e->orders, (gpointer) sg_column_get_string (invoice, r));
      e->last = MAX (e->last, t);
      e->gross += amount;
    }
  return customers;
}

static int
column_index (SgDatasetInfo *info,
              const char    *name)
{
  int index = sg_dataset_info_lookup_column (info, name);

  g_assert_cmpint (index, >=, 0);
  return index;
}

static void
test_sample_derive_prepare_quality (void)
{
  g_autoptr(SgTable) raw = NULL;
  g_autofree char *project_path = project_with ("datasets/online_retail_sample.csv", &raw);
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SgProject) project = NULL;
  g_autoptr(SgDatasetInfo) info = NULL;
  g_autoptr(SgTable) features = NULL;
  g_autoptr(GHashTable) expected = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  SgColumn *id, *recency, *frequency, *monetary;
  double reference_day;
  int status;
  guint checked = 0;

  if (project_path == NULL)
    return;

  /* roles guessed from the names; the summary says what was left out and why */
  status = sg_test_run_cli (&out, &err, "derive", project_path, "--transactions", "transactions", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "Columns: customer id “CustomerID”, date “InvoiceDate”, amount “UnitPrice” × “Quantity”, order “InvoiceNo”"));
  g_assert_nonnull (strstr (out, "Read 30000 transaction lines; used 27998, left out 2002."));
  g_assert_nonnull (strstr (out, "2000 lines left out: no customer id"));
  g_assert_nonnull (strstr (out, "2 lines left out: an amount of zero"));
  g_assert_nonnull (strstr (out, "616 lines are returns"));
  g_assert_nonnull (strstr (out, "23 customers have only returns"));
  g_assert_nonnull (strstr (out, "up to 2011-12-09"));
  g_assert_nonnull (strstr (out, "RFM groups: Champions "));

  project = sg_project_open (project_path, &error);
  g_assert_no_error (error);
  info = sg_project_find_dataset (project, "Customer features", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (info->kind, ==, "derived");
  features = sg_project_load_table (project, info->id, NULL, 0, &error);
  g_assert_no_error (error);

  /* independently: 3,546 customers with a purchase (pandas agrees) */
  expected = expected_rfm (raw, &reference_day);
  g_assert_cmpuint (g_hash_table_size (expected), ==, 3546);
  g_assert_cmpuint (sg_table_get_n_rows (features), ==, 3546);

  id = sg_table_get_column (features, column_index (info, "CustomerID"));
  recency = sg_table_get_column (features, column_index (info, "recency_days"));
  frequency = sg_table_get_column (features, column_index (info, "frequency"));
  monetary = sg_table_get_column (features, column_index (info, "monetary"));
  g_assert_cmpstr (id->role, ==, "id");
  g_assert_cmpstr (recency->role, ==, "recency");
  for (guint r = 0; r < sg_table_get_n_rows (features); r++)
    {
      gint64 key = (gint64) sg_column_get_number (id, r);
      Expected *e = g_hash_table_lookup (expected, &key);

      g_assert_nonnull (e);
      g_assert_cmpfloat (sg_column_get_number (recency, r), ==, reference_day - floor (e->last / 86400));
      g_assert_cmpfloat (sg_column_get_number (frequency, r), ==, g_hash_table_size (e->orders));
      g_assert_cmpfloat_with_epsilon (sg_column_get_number (monetary, r), e->gross, 1e-9 * MAX (1, e->gross));
      /* a few customers, also checked with pandas */
      if (key == 12347)
        {
          g_assert_cmpfloat (sg_column_get_number (recency, r), ==, 39);
          g_assert_cmpfloat (sg_column_get_number (frequency, r), ==, 4);
          g_assert_cmpfloat_with_epsilon (sg_column_get_number (monetary, r), 453.00, 1e-9);
          checked++;
        }
      if (key == 14911)
        {
          g_assert_cmpfloat (sg_column_get_number (recency, r), ==, 1);
          g_assert_cmpfloat (sg_column_get_number (frequency, r), ==, 142);
          g_assert_cmpfloat_with_epsilon (sg_column_get_number (monetary, r), 9062.58, 1e-8);
          checked++;
        }
    }
  g_assert_cmpuint (checked, ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* prepare with the suggested recipe */
  status = sg_test_run_cli (&out, &err, "prepare", project_path, "--dataset", "Customer features", "--as", "features", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "strongly right-skewed"));
  g_assert_nonnull (strstr (out, "Standardise"));
  g_assert_nonnull (strstr (out, "Stored “features”"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  {
    g_autoptr(SgProject) again = sg_project_open (project_path, &error);
    g_autoptr(SgDatasetInfo) prepared = sg_project_find_dataset (again, "features", &error);
    g_autoptr(GPtrArray) recipes = NULL;

    g_assert_no_error (error);
    g_assert_cmpstr (prepared->kind, ==, "prepared");
    g_assert_cmpuint (prepared->n_rows, ==, 3546);
    g_assert_cmpstr (((SgColumnInfo *) g_ptr_array_index (prepared->columns, 0))->name, ==, "CustomerID");
    recipes = sg_project_list_recipes (again, info->id, &error);
    g_assert_cmpuint (recipes->len, ==, 1);
  }

  /* the quality report as JSON */
  status = sg_test_run_cli (&out, &err, "quality", project_path, "--dataset", "Customer features", "--json", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  {
    JsonObject *root = json_node_get_object (json_parser_get_root (parser));

    g_assert_cmpint (json_object_get_int_member (root, "rows"), ==, 3546);
    g_assert_cmpint (json_object_get_int_member (root, "duplicate_ids"), ==, 0);
    g_assert_cmpstr (json_object_get_string_member (root, "id_column"), ==, "CustomerID");
  }
}

static void
test_latin1_day_first (void)
{
  g_autoptr(SgTable) raw = NULL;
  g_autofree char *project_path = project_with ("datasets/online_retail.csv", &raw);
  g_autoptr(GError) error = NULL;
  g_autoptr(SgProject) project = NULL;
  g_autoptr(SgDatasetInfo) info = NULL;
  g_autoptr(SgTable) features = NULL;
  g_autoptr(SgDeriveReport) report = NULL;
  SgDeriveOptions options;
  gint64 id;
  guint row = G_MAXUINT;

  if (project_path == NULL)
    return;
  project = sg_project_open (project_path, &error);
  g_assert_no_error (error);
  info = sg_project_find_dataset (project, "transactions", &error);
  sg_derive_options_init (&options);
  g_assert_true (sg_transaction_roles_guess_for_dataset (&options.roles, info));
  id = sg_derive_dataset (project, info->id, &options, 0, NULL, "december", NULL, &report, &error);
  g_assert_no_error (error);
  sg_derive_options_clear (&options);
  /* pandas on the same file: 13,766 rows without a customer, 2 zero amounts, 644 returns, 860 customers */
  g_assert_cmpuint (report->excluded[SG_EXCLUDED_MISSING_CUSTOMER], ==, 13766);
  g_assert_cmpuint (report->excluded[SG_EXCLUDED_ZERO_AMOUNT], ==, 2);
  g_assert_cmpuint (report->rows_used, ==, 25761);
  g_assert_cmpuint (report->return_lines, ==, 644);
  g_assert_cmpuint (report->customers, ==, 860);
  features = sg_project_load_table (project, id, NULL, 0, &error);
  g_assert_no_error (error);
  for (guint r = 0; r < sg_table_get_n_rows (features); r++)
    if (sg_column_get_number (sg_table_get_column (features, 0), r) == 17850)
      row = r;
  g_assert_cmpuint (row, !=, G_MAXUINT);
  g_assert_cmpfloat (sg_column_get_number (sg_table_get_column (features, 2), row), ==, 34);
  g_assert_cmpfloat_with_epsilon (sg_column_get_number (sg_table_get_column (features, 3), row), 5391.21, 1e-8);
}

static void
test_cli_exit_codes (void)
{
  g_autoptr(SgTable) transactions = prep_test_transactions ();
  g_autofree char *path = sg_test_tmp_path ("exit-codes.segmenta");
  g_autofree char *recipe = sg_test_write_file ("bad-recipe.json", "{\"steps\": [{\"op\": \"teleport\"}]}", -1);
  g_autofree char *missing = sg_test_tmp_path ("nope.segmenta");
  g_autoptr(GError) error = NULL;
  g_autoptr(SgProject) project = sg_project_create (path, &error);
  struct {
    int status;
    const char *args[14];
  } cases[] = {
    { 2, { "derive", NULL } },
    { 2, { "derive", path, NULL } },
    { 2, { "derive", path, "--transactions", "transactions", "--reference-date", "9 May", NULL } },
    { 2, { "derive", path, "--transactions", "transactions", "--customers", "transactions", NULL } },
    { 2, { "derive", path, "--frobnicate", NULL } },
    { 1, { "derive", missing, "--transactions", "transactions", NULL } },
    { 1, { "derive", path, "--transactions", "purchases", NULL } },
    { 1, { "derive", path, "--transactions", "transactions", "--date", "Category", NULL } },
    { 1, { "derive", path, "--transactions", "transactions", "--customer-id", "Nobody", NULL } },
    { 0, { "derive", path, "--transactions", "transactions", "--category", "Category", "--channel", "Channel",
           "--reference-date", "2024-03-31", "--as", "features", NULL } },
    { 1, { "derive", path, "--transactions", "transactions", "--as", "features", NULL } },
    { 2, { "prepare", path, NULL } },
    { 1, { "prepare", path, "--dataset", "features", "--recipe", recipe, NULL } },
    { 1, { "prepare", path, "--dataset", "nothing", NULL } },
    { 0, { "prepare", path, "--dataset", "features", NULL } },
    { 2, { "quality", path, NULL } },
    { 2, { "quality", path, "--dataset", "features", "--join-with", "transactions", NULL } },
    { 1, { "quality", path, "--dataset", "features", "--id", "nope", NULL } },
    { 0, { "quality", path, "--dataset", "features", "--join-with", "transactions", "--join-on", "CustomerID", NULL } },
  };

  g_assert_no_error (error);
  sg_table_set_name (transactions, "transactions");
  sg_project_store_table (project, transactions, "imported", "test", NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&project);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL, *err = NULL;
      const char *const *a = cases[i].args;
      int status = sg_test_run_cli (&out, &err, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10], a[11], a[12], a[13], NULL);

      if (status != cases[i].status)
        g_error ("case %u (%s %s): exit %d, expected %d; stderr: %s", i, a[0], a[2] ? a[2] : "", status, cases[i].status, err);
      if (status != 0)
        {
          /* one line on stderr */
          g_assert_true (g_str_has_prefix (err, "segmenta-cli: "));
          g_assert_cmpint (strchr (err, '\n') - err, ==, (int) strlen (err) - 1);
        }
      if (i == 18)
        g_assert_nonnull (strstr (out, "Join with “transactions”: 2 rows matched"));
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/retail/sample", test_sample_derive_prepare_quality);
  g_test_add_func ("/retail/latin1-day-first", test_latin1_day_first);
  g_test_add_func ("/retail/cli-exit-codes", test_cli_exit_codes);
  return g_test_run ();
}
