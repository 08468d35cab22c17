/* sg-derive.h — from a transaction log to one row of features per customer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input has one row per transaction line: customer id, date/time, and either an amount or a
 * unit price and a quantity; optionally an order id, a product/category and a channel.
 *
 * Definitions (all days are whole UTC calendar days: day(t) = ⌊t / 86400⌋):
 *   a line is a return when its amount (or quantity) is negative, else a purchase;
 *   an order is a distinct order id of the customer (without an order column: a distinct timestamp),
 *   counted when it has a purchase line; its time is that of its earliest purchase line.
 *   recency_days       day(reference) − day(last purchase)
 *   frequency          number of orders
 *   monetary           total of the purchase lines (before returns)
 *   avg_order_value    monetary / frequency
 *   tenure_days        day(reference) − day(first purchase)
 *   interpurchase_days (last order time − first order time) / (frequency − 1), in days; missing when
 *                      frequency is 1
 *   orders_30d/90d/365d orders with day(reference) − day(order) < 30, 90, 365
 *   spend_trend        (S₁ − S₀) / (S₁ + S₀), S₁ = purchase spend in the last 90 days, S₀ = in the 90
 *                      before; 0 when both are 0 (from −1: all spend earlier, to +1: all spend recent)
 *   n_categories       distinct categories among purchase lines
 *   return_share       return lines / all lines of the customer
 *   favourite_category, favourite_channel: the value on most purchase lines (ties: first seen)
 * The reference date defaults to the latest date in the data. Lines after it are left out.
 * Lines that cannot be used are counted per reason in the report, never silently lost; customers
 * with only returns (no purchase) are counted and left out.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "sg-progress.h"
#include "sg-project.h"
#include "sg-table.h"

G_BEGIN_DECLS

/* Column names of the transaction table; NULL where absent. */
typedef struct {
  char *customer_id;
  char *date;
  char *amount;       /* NULL: unit_price × quantity */
  char *unit_price;
  char *quantity;
  char *order_id;
  char *category;
  char *channel;
} SgTransactionRoles;

void     sg_transaction_roles_clear (SgTransactionRoles *roles);
void     sg_transaction_roles_copy  (SgTransactionRoles       *dest,
                                     const SgTransactionRoles *src);
/* Guesses each role from column names and types (CustomerID, InvoiceDate, UnitPrice × Quantity,
 * InvoiceNo, StockCode, channel…), for a dialog to pre-fill. Returns FALSE when no customer id,
 * date, or amount (or price and quantity) could be found; the roles found are set anyway. */
gboolean sg_transaction_roles_guess (SgTransactionRoles  *roles,
                                     const char *const   *names,
                                     const SgColumnType  *types,
                                     guint                n_columns);
gboolean sg_transaction_roles_guess_for_dataset (SgTransactionRoles *roles,
                                                 SgDatasetInfo      *info);
JsonNode *sg_transaction_roles_to_json (const SgTransactionRoles *roles);

typedef enum {
  SG_EXCLUDED_MISSING_CUSTOMER,
  SG_EXCLUDED_MISSING_DATE,
  SG_EXCLUDED_MISSING_AMOUNT,
  SG_EXCLUDED_ZERO_AMOUNT,
  SG_EXCLUDED_AFTER_REFERENCE,
  SG_EXCLUDED_N_REASONS
} SgExcludedReason;

/* "missing_customer_id"… and a sentence for people ("no customer id (guest purchases)"). */
const char *sg_excluded_reason_to_string (SgExcludedReason reason);
const char *sg_excluded_reason_describe  (SgExcludedReason reason);

typedef struct {
  SgTransactionRoles roles;
  double             reference_date;   /* seconds since 1970 UTC; NaN: the latest date in the data */
  gboolean           no_rfm;           /* sg_derive_dataset(): do not add the RFM scores and groups */
} SgDeriveOptions;

void sg_derive_options_init  (SgDeriveOptions *options);
void sg_derive_options_clear (SgDeriveOptions *options);

typedef struct {
  guint64  rows_read;
  guint64  rows_used;
  guint64  excluded[SG_EXCLUDED_N_REASONS];
  guint64  return_lines;          /* among the rows used */
  guint64  customers;             /* rows of the result */
  guint64  customers_only_returns;/* left out: no purchase */
  double   reference_date;
  double   first_date;
  double   last_date;
  /* filled by sg_derive_dataset() when joined onto a customer table */
  gboolean joined;
  guint64  customer_rows;
  guint64  customers_without_transactions;
  guint64  buyers_not_in_customers;
  double   seconds;
  /* sg_derive_dataset(): RFM group sizes, by SgRfmGroup (all 0 when RFM was not added) */
  gboolean rfm;
  guint64  rfm_groups[11];
} SgDeriveReport;

void      sg_derive_report_free     (SgDeriveReport *report);
JsonNode *sg_derive_report_to_json  (const SgDeriveReport *report);
/* Sentences for people: what was used, what was left out and why. */
GStrv     sg_derive_report_describe (const SgDeriveReport *report);

/* One row per customer, sorted by id, with roles set in the vocabulary the profiles and names use:
 * "id" (the customer id), "recency", "frequency" (frequency, and orders_30d/90d/365d after it),
 * "monetary", "order_value" (avg_order_value), "tenure", "interpurchase", "trend" (spend_trend),
 * "categories" (n_categories), "returns" (return_share), "favourite_category", "channel"
 * (favourite_channel). The first column of each role is the canonical one (RFM scores use it). */
SgTable  *sg_derive_customer_features (SgTable                *transactions,
                                       const SgDeriveOptions  *options,
                                       SgProgress             *progress,
                                       SgDeriveReport        **report,
                                       GError                **error);

/* Loads the needed columns of dataset @transactions_id, derives, adds the RFM scores and named groups
 * (sg-rfm.h: r_score, f_score, m_score, rfm_score, rfm_segment; unless options->no_rfm; the fitted
 * edges go into the dataset's report), optionally left-joins the features onto dataset @customers_id
 * (0: none) on its column @join_on (counts stay 0 for customers without transactions), and stores the result as a "derived" dataset named @name (NULL: "Customer features",
 * made unique). Returns the new dataset's id, or 0 with the project unchanged.
 * The dataset's report records how: {"derived_from": the transactions' id, "roles": {…},
 * "summary": sg_derive_report_to_json(), "reference_time": the exact reference date (seconds since
 * 1970 UTC), "rfm_edges": …}, so the features can be derived again (stability over time). */
gint64    sg_derive_dataset         (SgProject              *project,
                                     gint64                  transactions_id,
                                     const SgDeriveOptions  *options,
                                     gint64                  customers_id,
                                     const char             *join_on,
                                     const char             *name,
                                     SgProgress             *progress,
                                     SgDeriveReport        **report,
                                     GError                **error);
/* The same on a worker thread with its own connection; progress on the caller's main context. */
void      sg_derive_dataset_async   (SgProject              *project,
                                     gint64                  transactions_id,
                                     const SgDeriveOptions  *options,
                                     gint64                  customers_id,
                                     const char             *join_on,
                                     const char             *name,
                                     GCancellable           *cancellable,
                                     SgProgressFunc          progress_func,
                                     gpointer                progress_data,
                                     GAsyncReadyCallback     callback,
                                     gpointer                user_data);
gint64    sg_derive_dataset_finish  (SgProject              *project,
                                     GAsyncResult           *result,
                                     SgDeriveReport        **report,
                                     GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SgDeriveReport, sg_derive_report_free)

G_END_DECLS
