/* test-derive.c — transactions → customer features, on a tiny log with hand-computed values
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "prep-test-data.h"
#include "sg-derive.h"
#include "sg-error.h"
#include "sg-project.h"
#include "sg-test-util.h"

static void
options_for_test (SgDeriveOptions *options)
{
  sg_derive_options_init (options);
  options->roles.customer_id = g_strdup ("CustomerID");
  options->roles.date = g_strdup ("InvoiceDate");
  options->roles.unit_price = g_strdup ("UnitPrice");
  options->roles.quantity = g_strdup ("Quantity");
  options->roles.order_id = g_strdup ("InvoiceNo");
  options->roles.category = g_strdup ("Category");
  options->roles.channel = g_strdup ("Channel");
}

static double
value (SgTable    *table,
       const char *column,
       guint       row)
{
  int index = sg_table_lookup_column (table, column);

  g_assert_cmpint (index, >=, 0);
  return sg_column_get_number (sg_table_get_column (table, index), row);
}

static const char *
text (SgTable    *table,
      const char *column,
      guint       row)
{
  int index = sg_table_lookup_column (table, column);

  g_assert_cmpint (index, >=, 0);
  return sg_column_get_string (sg_table_get_column (table, index), row);
}

static void
test_features (void)
{
  g_autoptr(SgTable) transactions = prep_test_transactions ();
  g_autoptr(SgTable) features = NULL;
  g_autoptr(SgDeriveReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *joined = NULL;
  SgDeriveOptions options;

  options_for_test (&options);
  features = sg_derive_customer_features (transactions, &options, NULL, &report, &error);
  g_assert_no_error (error);
  g_assert_nonnull (features);

  /* customer 3 has only a return; the guest line, the zero price and the missing date are left out */
  g_assert_cmpuint (sg_table_get_n_rows (features), ==, 2);
  g_assert_cmpuint (report->rows_read, ==, 9);
  g_assert_cmpuint (report->rows_used, ==, 6);
  g_assert_cmpuint (report->excluded[SG_EXCLUDED_MISSING_CUSTOMER], ==, 1);
  g_assert_cmpuint (report->excluded[SG_EXCLUDED_MISSING_DATE], ==, 1);
  g_assert_cmpuint (report->excluded[SG_EXCLUDED_ZERO_AMOUNT], ==, 1);
  g_assert_cmpuint (report->excluded[SG_EXCLUDED_MISSING_AMOUNT], ==, 0);
  g_assert_cmpuint (report->return_lines, ==, 2);
  g_assert_cmpuint (report->customers_only_returns, ==, 1);
  g_assert_cmpfloat (report->reference_date, ==, prep_test_time (2024, 3, 31, 10, 0));

  /* roles */
  g_assert_cmpstr (sg_table_get_column (features, 0)->role, ==, "id");
  g_assert_cmpint (sg_table_get_column (features, 0)->type, ==, SG_COLUMN_INTEGER);
  g_assert_cmpstr (sg_table_get_column (features, sg_table_lookup_column (features, "recency_days"))->role, ==, "recency");
  g_assert_cmpstr (sg_table_get_column (features, sg_table_lookup_column (features, "monetary"))->role, ==, "monetary");
  g_assert_cmpstr (sg_table_get_column (features, sg_table_lookup_column (features, "avg_order_value"))->role, ==, "order_value");
  g_assert_cmpstr (sg_table_get_column (features, sg_table_lookup_column (features, "orders_90d"))->role, ==, "frequency");
  g_assert_cmpstr (sg_table_get_column (features, sg_table_lookup_column (features, "favourite_channel"))->role, ==, "channel");

  /* customer 1 (row 0): purchases on 1 Jan (INV1: 20 + 5) and 1 Mar (INV2: 30), a return on 5 Mar */
  g_assert_cmpfloat (value (features, "CustomerID", 0), ==, 1);
  g_assert_cmpfloat (value (features, "recency_days", 0), ==, 30);
  g_assert_cmpfloat (value (features, "frequency", 0), ==, 2);
  g_assert_cmpfloat (value (features, "monetary", 0), ==, 55);
  g_assert_cmpfloat (value (features, "avg_order_value", 0), ==, 27.5);
  g_assert_cmpfloat (value (features, "tenure_days", 0), ==, 90);   /* 2024 is a leap year */
  g_assert_cmpfloat_with_epsilon (value (features, "interpurchase_days", 0), 60.125, 1e-12);
  g_assert_cmpfloat (value (features, "orders_30d", 0), ==, 0);     /* 30 days ago is outside */
  g_assert_cmpfloat (value (features, "orders_90d", 0), ==, 1);
  g_assert_cmpfloat (value (features, "orders_365d", 0), ==, 2);
  g_assert_cmpfloat_with_epsilon (value (features, "spend_trend", 0), (30.0 - 25.0) / 55.0, 1e-15);
  g_assert_cmpfloat (value (features, "n_categories", 0), ==, 2);
  g_assert_cmpfloat (value (features, "return_share", 0), ==, 0.25);
  g_assert_cmpstr (text (features, "favourite_category", 0), ==, "X");
  g_assert_cmpstr (text (features, "favourite_channel", 0), ==, "web");

  /* customer 2 (row 1): one order on the reference day */
  g_assert_cmpfloat (value (features, "CustomerID", 1), ==, 2);
  g_assert_cmpfloat (value (features, "recency_days", 1), ==, 0);
  g_assert_cmpfloat (value (features, "frequency", 1), ==, 1);
  g_assert_cmpfloat (value (features, "monetary", 1), ==, 12);
  g_assert_cmpfloat (value (features, "tenure_days", 1), ==, 0);
  g_assert_true (isnan (value (features, "interpurchase_days", 1)));
  g_assert_cmpfloat (value (features, "orders_30d", 1), ==, 1);
  g_assert_cmpfloat (value (features, "spend_trend", 1), ==, 1.0);
  g_assert_cmpfloat (value (features, "return_share", 1), ==, 0);
  g_assert_cmpstr (text (features, "favourite_category", 1), ==, "Z");

  lines = sg_derive_report_describe (report);
  joined = g_strjoinv ("\n", lines);
  g_assert_nonnull (strstr (joined, "1 lines left out: no customer id"));
  g_assert_nonnull (strstr (joined, "only returns"));
  sg_derive_options_clear (&options);
}

static void
test_reference_date (void)
{
  g_autoptr(SgTable) transactions = prep_test_transactions ();
  g_autoptr(SgTable) features = NULL;
  g_autoptr(SgDeriveReport) report = NULL;
  g_autoptr(GError) error = NULL;
  SgDeriveOptions options;

  options_for_test (&options);
  options.reference_date = prep_test_time (2024, 3, 15, 0, 0);
  features = sg_derive_customer_features (transactions, &options, NULL, &report, &error);
  g_assert_no_error (error);
  /* customer 2's only dated line is after 15 March */
  /* each line counts once, under its first reason: the 20 March line is a zero price */
  g_assert_cmpuint (report->excluded[SG_EXCLUDED_AFTER_REFERENCE], ==, 1);
  g_assert_cmpuint (sg_table_get_n_rows (features), ==, 1);
  g_assert_cmpfloat (value (features, "recency_days", 0), ==, 14);
  g_assert_cmpfloat (value (features, "tenure_days", 0), ==, 74);
  sg_derive_options_clear (&options);
}

static void
test_amount_and_string_ids (void)
{
  g_autoptr(SgTable) table = sg_table_new ("t");
  SgColumn *id = sg_table_add_column (table, "customer", SG_COLUMN_IDENTIFIER);
  SgColumn *date = sg_table_add_column (table, "order_date", SG_COLUMN_DATE);
  SgColumn *amount = sg_table_add_column (table, "total", SG_COLUMN_DECIMAL);
  g_autoptr(SgTable) features = NULL;
  g_autoptr(GError) error = NULL;
  SgDeriveOptions options;
  const char *names[] = { "customer", "order_date", "total" };
  SgColumnType types[] = { SG_COLUMN_IDENTIFIER, SG_COLUMN_DATE, SG_COLUMN_DECIMAL };

  sg_column_append_string (id, "b");
  sg_column_append_number (date, 86400 * 10);
  sg_column_append_number (amount, 5);
  sg_column_append_string (id, "a");
  sg_column_append_number (date, 86400 * 12);
  sg_column_append_number (amount, 7);
  sg_column_append_string (id, "b");
  sg_column_append_number (date, 86400 * 12);
  sg_column_append_number (amount, NAN);
  sg_column_append_string (id, "b");
  sg_column_append_number (date, 86400 * 11);
  sg_column_append_number (amount, 3);

  sg_derive_options_init (&options);
  g_assert_true (sg_transaction_roles_guess (&options.roles, names, types, 3));
  g_assert_cmpstr (options.roles.amount, ==, "total");
  g_assert_null (options.roles.order_id);
  features = sg_derive_customer_features (table, &options, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sg_table_get_n_rows (features), ==, 2);
  /* sorted by id: a, b; without order ids each distinct time is an order */
  g_assert_cmpstr (text (features, "customer", 0), ==, "a");
  g_assert_cmpint (sg_table_get_column (features, 0)->type, ==, SG_COLUMN_IDENTIFIER);
  g_assert_cmpfloat (value (features, "frequency", 1), ==, 2);
  g_assert_cmpfloat (value (features, "monetary", 1), ==, 8);
  g_assert_cmpfloat (value (features, "recency_days", 1), ==, 1);
  g_assert_cmpfloat (value (features, "interpurchase_days", 1), ==, 1);
  g_assert_cmpint (sg_table_lookup_column (features, "favourite_category"), ==, -1);
  sg_derive_options_clear (&options);
}

static void
test_guess_roles (void)
{
  const char *retail[] = { "InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice",
                           "CustomerID", "Country" };
  SgColumnType retail_types[] = { SG_COLUMN_IDENTIFIER, SG_COLUMN_CATEGORICAL, SG_COLUMN_TEXT, SG_COLUMN_INTEGER,
                                   SG_COLUMN_DATETIME, SG_COLUMN_DECIMAL, SG_COLUMN_DECIMAL, SG_COLUMN_CATEGORICAL };
  const char *shop[] = { "order_id", "customer_id", "Order Date", "amount", "Sales Channel", "category" };
  SgColumnType shop_types[] = { SG_COLUMN_INTEGER, SG_COLUMN_IDENTIFIER, SG_COLUMN_DATE, SG_COLUMN_DECIMAL,
                                SG_COLUMN_CATEGORICAL, SG_COLUMN_CATEGORICAL };
  const char *none[] = { "a", "b" };
  SgColumnType none_types[] = { SG_COLUMN_DECIMAL, SG_COLUMN_DECIMAL };
  SgTransactionRoles roles = { 0 };

  g_assert_true (sg_transaction_roles_guess (&roles, retail, retail_types, 8));
  g_assert_cmpstr (roles.customer_id, ==, "CustomerID");
  g_assert_cmpstr (roles.date, ==, "InvoiceDate");
  g_assert_null (roles.amount);
  g_assert_cmpstr (roles.unit_price, ==, "UnitPrice");
  g_assert_cmpstr (roles.quantity, ==, "Quantity");
  g_assert_cmpstr (roles.order_id, ==, "InvoiceNo");
  g_assert_cmpstr (roles.category, ==, "StockCode");
  g_assert_null (roles.channel);

  g_assert_true (sg_transaction_roles_guess (&roles, shop, shop_types, 6));
  g_assert_cmpstr (roles.customer_id, ==, "customer_id");
  g_assert_cmpstr (roles.date, ==, "Order Date");
  g_assert_cmpstr (roles.amount, ==, "amount");
  g_assert_cmpstr (roles.order_id, ==, "order_id");
  g_assert_cmpstr (roles.category, ==, "category");
  g_assert_cmpstr (roles.channel, ==, "Sales Channel");

  g_assert_false (sg_transaction_roles_guess (&roles, none, none_types, 2));
  sg_transaction_roles_clear (&roles);
}

static void
test_errors (void)
{
  g_autoptr(SgTable) transactions = prep_test_transactions ();
  g_autoptr(GError) error = NULL;
  SgDeriveOptions options;
  SgTable *features;

  options_for_test (&options);
  g_free (options.roles.date);
  options.roles.date = g_strdup ("Category");
  features = sg_derive_customer_features (transactions, &options, NULL, NULL, &error);
  g_assert_null (features);
  g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "Category"));
  g_clear_error (&error);

  g_free (options.roles.date);
  options.roles.date = g_strdup ("When");
  features = sg_derive_customer_features (transactions, &options, NULL, NULL, &error);
  g_assert_null (features);
  g_assert_error (error, SG_ERROR, SG_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_free (options.roles.date);
  options.roles.date = g_strdup ("InvoiceDate");
  g_clear_pointer (&options.roles.quantity, g_free);
  features = sg_derive_customer_features (transactions, &options, NULL, NULL, &error);
  g_assert_null (features);
  g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT);
  sg_derive_options_clear (&options);
}

static void
test_dataset_with_join (void)
{
  g_autofree char *path = sg_test_tmp_path ("derive-join.segmenta");
  g_autoptr(GError) error = NULL;
  g_autoptr(SgProject) project = sg_project_create (path, &error);
  g_autoptr(SgTable) transactions = prep_test_transactions ();
  g_autoptr(SgTable) customers = sg_table_new ("customers");
  SgColumn *id = sg_table_add_column (customers, "cust", SG_COLUMN_IDENTIFIER);
  SgColumn *age = sg_table_add_column (customers, "age", SG_COLUMN_INTEGER);
  g_autoptr(SgDeriveReport) report = NULL;
  g_autoptr(SgTable) stored = NULL;
  g_autoptr(SgDatasetInfo) info = NULL;
  gint64 tid, cid, did;
  SgDeriveOptions options;

  g_assert_no_error (error);
  tid = sg_project_store_table (project, transactions, "imported", "test", NULL, &error);
  g_assert_no_error (error);
  /* text keys against the numeric ids of the transactions; "9" has no transactions */
  sg_column_append_string (id, "2");
  sg_column_append_number (age, 40);
  sg_column_append_string (id, "9");
  sg_column_append_number (age, 50);
  sg_column_append_string (id, "1.0");
  sg_column_append_number (age, 30);
  cid = sg_project_store_table (project, customers, "imported", "test", NULL, &error);
  g_assert_no_error (error);

  options_for_test (&options);
  did = sg_derive_dataset (project, tid, &options, cid, "cust", NULL, NULL, &report, &error);
  g_assert_no_error (error);
  g_assert_cmpint (did, >, 0);
  g_assert_true (report->joined);
  g_assert_cmpuint (report->customer_rows, ==, 3);
  g_assert_cmpuint (report->customers_without_transactions, ==, 1);
  g_assert_cmpuint (report->buyers_not_in_customers, ==, 0);

  info = sg_project_get_dataset (project, did, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (info->kind, ==, "derived");
  g_assert_cmpstr (info->name, ==, "Customer features");
  g_assert_nonnull (strstr (info->report, "missing_customer_id"));
  stored = sg_project_load_table (project, did, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sg_table_get_n_rows (stored), ==, 3);
  g_assert_cmpstr (text (stored, "cust", 0), ==, "2");
  g_assert_cmpstr (sg_table_get_column (stored, 0)->role, ==, "id");
  g_assert_cmpfloat (value (stored, "monetary", 0), ==, 12);
  g_assert_cmpfloat (value (stored, "monetary", 2), ==, 55);
  /* no transactions: counts and spend 0, recency missing */
  g_assert_cmpfloat (value (stored, "frequency", 1), ==, 0);
  g_assert_cmpfloat (value (stored, "monetary", 1), ==, 0);
  g_assert_true (isnan (value (stored, "recency_days", 1)));
  g_assert_cmpfloat (value (stored, "age", 1), ==, 50);
  /* RFM scores and groups come with the features; none for the customer without transactions */
  g_assert_true (report->rfm);
  g_assert_cmpstr (sg_table_get_column (stored, sg_table_lookup_column (stored, "rfm_segment"))->role, ==, "rfm_segment");
  g_assert_nonnull (text (stored, "rfm_segment", 0));
  g_assert_null (text (stored, "rfm_segment", 1));
  g_assert_nonnull (strstr (info->report, "rfm_edges"));
  sg_derive_options_clear (&options);
}

typedef struct {
  GMainLoop *loop;
  gint64     id;
  GError    *error;
  guint      reports;
  SgDeriveReport *report;
} AsyncState;

static void
on_progress (double fraction, const char *message, gpointer user_data)
{
  AsyncState *state = user_data;

  g_assert_cmpfloat (fraction, >=, 0);
  g_assert_cmpfloat (fraction, <=, 1);
  state->reports++;
}

static void
on_derived (GObject *source, GAsyncResult *result, gpointer user_data)
{
  AsyncState *state = user_data;

  state->id = sg_derive_dataset_finish (SG_PROJECT (source), result, &state->report, &state->error);
  g_main_loop_quit (state->loop);
}

static void
test_dataset_async (void)
{
  g_autofree char *path = sg_test_tmp_path ("derive-async.segmenta");
  g_autoptr(GError) error = NULL;
  g_autoptr(SgProject) project = sg_project_create (path, &error);
  g_autoptr(SgTable) transactions = prep_test_transactions ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) datasets = NULL;
  AsyncState state = { g_main_loop_new (NULL, FALSE), 0, NULL, 0, NULL };
  SgDeriveOptions options;
  gint64 tid;

  g_assert_no_error (error);
  tid = sg_project_store_table (project, transactions, "imported", "test", NULL, &error);
  g_assert_no_error (error);
  options_for_test (&options);

  sg_derive_dataset_async (project, tid, &options, 0, NULL, "async features", NULL, on_progress, &state, on_derived, &state);
  g_main_loop_run (state.loop);
  g_assert_no_error (state.error);
  g_assert_cmpint (state.id, >, 0);
  g_assert_nonnull (state.report);
  g_assert_cmpuint (state.report->customers, ==, 2);
  g_clear_pointer (&state.report, sg_derive_report_free);

  /* cancelled before it starts: an error, and nothing stored */
  g_cancellable_cancel (cancellable);
  sg_derive_dataset_async (project, tid, &options, 0, NULL, "never", cancellable, on_progress, &state, on_derived, &state);
  g_main_loop_run (state.loop);
  g_assert_error (state.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&state.error);
  datasets = sg_project_list_datasets (project, &error);
  g_assert_cmpuint (datasets->len, ==, 2);
  g_main_loop_unref (state.loop);
  sg_derive_options_clear (&options);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/derive/features", test_features);
  g_test_add_func ("/derive/reference-date", test_reference_date);
  g_test_add_func ("/derive/amount-string-ids", test_amount_and_string_ids);
  g_test_add_func ("/derive/guess-roles", test_guess_roles);
  g_test_add_func ("/derive/errors", test_errors);
  g_test_add_func ("/derive/dataset-join", test_dataset_with_join);
  g_test_add_func ("/derive/dataset-async", test_dataset_async);
  return g_test_run ();
}
