/* sg-derive.c — transactions → customer features
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One pass over the lines groups them by customer with open-addressing hash maps (sg-keymap.h):
 * customer → dense index, (customer, order) → order slot, (customer, category) → count slot. Slots
 * are numbered in the order they are first seen, so everything is deterministic; a second, small
 * pass over orders and category slots finishes the per-customer figures.
 */
#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "sg-async.h"
#include "sg-derive.h"
#include "sg-error.h"
#include "sg-join.h"
#include "sg-keymap.h"
#include "sg-prep-util.h"
#include "sg-rfm.h"

#define SECONDS_PER_DAY 86400.0

G_STATIC_ASSERT (SG_RFM_N_GROUPS == G_N_ELEMENTS (((SgDeriveReport *) NULL)->rfm_groups));

/* ---- roles ---- */

void
sg_transaction_roles_clear (SgTransactionRoles *roles)
{
  g_clear_pointer (&roles->customer_id, g_free);
  g_clear_pointer (&roles->date, g_free);
  g_clear_pointer (&roles->amount, g_free);
  g_clear_pointer (&roles->unit_price, g_free);
  g_clear_pointer (&roles->quantity, g_free);
  g_clear_pointer (&roles->order_id, g_free);
  g_clear_pointer (&roles->category, g_free);
  g_clear_pointer (&roles->channel, g_free);
}

void
sg_transaction_roles_copy (SgTransactionRoles       *dest,
                           const SgTransactionRoles *src)
{
  dest->customer_id = g_strdup (src->customer_id);
  dest->date = g_strdup (src->date);
  dest->amount = g_strdup (src->amount);
  dest->unit_price = g_strdup (src->unit_price);
  dest->quantity = g_strdup (src->quantity);
  dest->order_id = g_strdup (src->order_id);
  dest->category = g_strdup (src->category);
  dest->channel = g_strdup (src->channel);
}

static char *
normalize_name (const char *name)
{
  GString *out = g_string_new (NULL);

  for (const char *p = name; *p; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (out, g_ascii_tolower (*p));
  return g_string_free (out, FALSE);
}

typedef enum { KIND_ANY, KIND_DATE, KIND_NUMBER, KIND_NOT_DATE } Kind;

static gboolean
kind_fits (Kind kind, SgColumnType type)
{
  switch (kind)
    {
    case KIND_DATE: return type == SG_COLUMN_DATE || type == SG_COLUMN_DATETIME;
    case KIND_NUMBER: return type == SG_COLUMN_INTEGER || type == SG_COLUMN_DECIMAL;
    case KIND_NOT_DATE: return type != SG_COLUMN_DATE && type != SG_COLUMN_DATETIME;
    case KIND_ANY:
    default: return TRUE;
    }
}

static char *
guess_one (char       **normalized,
           const char *const *names,
           const SgColumnType *types,
           guint        n,
           gboolean    *used,
           Kind         kind,
           const char *const *patterns)
{
  for (guint p = 0; patterns[p] != NULL; p++)
    for (guint c = 0; c < n; c++)
      if (!used[c] && kind_fits (kind, types[c]) && strcmp (normalized[c], patterns[p]) == 0)
        {
          used[c] = TRUE;
          return g_strdup (names[c]);
        }
  return NULL;
}

gboolean
sg_transaction_roles_guess (SgTransactionRoles  *roles,
                            const char *const   *names,
                            const SgColumnType  *types,
                            guint                n_columns)
{
  static const char *const customer[] = { "customerid", "custid", "clientid", "customerno", "customernumber",
                                          "customercode", "customer", "memberid", "userid", "accountid",
                                          "buyerid", "client", NULL };
  static const char *const date[] = { "invoicedate", "orderdate", "transactiondate", "purchasedate",
                                      "orderdatetime", "saledate", "date", "datetime", "timestamp", "time",
                                      "createdat", NULL };
  static const char *const amount[] = { "amount", "total", "totalamount", "linetotal", "sales", "revenue",
                                        "spend", "totalprice", "ordervalue", "salesamount", "value",
                                        "totalspend", NULL };
  static const char *const price[] = { "unitprice", "price", "priceeach", "itemprice", "priceperunit", NULL };
  static const char *const quantity[] = { "quantity", "qty", "units", "quantityordered", "unitssold", NULL };
  static const char *const order[] = { "invoiceno", "invoice", "invoiceid", "invoicenumber", "orderid",
                                       "orderno", "ordernumber", "order", "transactionid", "receiptid",
                                       "receiptno", "basketid", NULL };
  static const char *const category[] = { "category", "productcategory", "categoryname", "department",
                                          "stockcode", "sku", "productid", "product", "itemid", "item",
                                          "productcode", NULL };
  static const char *const channel[] = { "channel", "saleschannel", "orderchannel", "platform", "store",
                                         "source", NULL };
  g_autofree gboolean *used = g_new0 (gboolean, MAX (n_columns, 1));
  char **normalized = g_new0 (char *, n_columns + 1);

  sg_transaction_roles_clear (roles);
  for (guint c = 0; c < n_columns; c++)
    normalized[c] = normalize_name (names[c]);

  roles->date = guess_one (normalized, names, types, n_columns, used, KIND_DATE, date);
  if (roles->date == NULL)
    for (guint c = 0; c < n_columns && roles->date == NULL; c++)
      if (kind_fits (KIND_DATE, types[c]))
        {
          used[c] = TRUE;
          roles->date = g_strdup (names[c]);
        }
  roles->customer_id = guess_one (normalized, names, types, n_columns, used, KIND_NOT_DATE, customer);
  roles->order_id = guess_one (normalized, names, types, n_columns, used, KIND_NOT_DATE, order);
  roles->amount = guess_one (normalized, names, types, n_columns, used, KIND_NUMBER, amount);
  roles->quantity = guess_one (normalized, names, types, n_columns, used, KIND_NUMBER, quantity);
  if (roles->amount == NULL)
    roles->unit_price = guess_one (normalized, names, types, n_columns, used, KIND_NUMBER, price);
  roles->category = guess_one (normalized, names, types, n_columns, used, KIND_NOT_DATE, category);
  roles->channel = guess_one (normalized, names, types, n_columns, used, KIND_NOT_DATE, channel);
  g_strfreev (normalized);

  return roles->customer_id != NULL && roles->date != NULL &&
         (roles->amount != NULL || (roles->unit_price != NULL && roles->quantity != NULL));
}

gboolean
sg_transaction_roles_guess_for_dataset (SgTransactionRoles *roles,
                                        SgDatasetInfo      *info)
{
  guint n = info->columns->len;
  g_autofree const char **names = g_new0 (const char *, n + 1);
  g_autofree SgColumnType *types = g_new0 (SgColumnType, MAX (n, 1));

  for (guint c = 0; c < n; c++)
    {
      SgColumnInfo *column = g_ptr_array_index (info->columns, c);

      names[c] = column->name;
      types[c] = column->type;
    }
  return sg_transaction_roles_guess (roles, names, types, n);
}

JsonNode *
sg_transaction_roles_to_json (const SgTransactionRoles *roles)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
#define ADD(field) if (roles->field != NULL) { json_builder_set_member_name (builder, #field); json_builder_add_string_value (builder, roles->field); }
  ADD (customer_id);
  ADD (date);
  ADD (amount);
  ADD (unit_price);
  ADD (quantity);
  ADD (order_id);
  ADD (category);
  ADD (channel);
#undef ADD
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* ---- options and report ---- */

static const char *const reason_names[SG_EXCLUDED_N_REASONS] = {
  "missing_customer_id", "missing_date", "missing_amount", "zero_amount", "after_reference_date",
};

const char *
sg_excluded_reason_to_string (SgExcludedReason reason)
{
  g_return_val_if_fail (reason < SG_EXCLUDED_N_REASONS, NULL);
  return reason_names[reason];
}

const char *
sg_excluded_reason_describe (SgExcludedReason reason)
{
  switch (reason)
    {
    case SG_EXCLUDED_MISSING_CUSTOMER: return _("no customer id (guest or unknown buyers)");
    case SG_EXCLUDED_MISSING_DATE: return _("a missing or unreadable date");
    case SG_EXCLUDED_MISSING_AMOUNT: return _("a missing amount (or price or quantity)");
    case SG_EXCLUDED_ZERO_AMOUNT: return _("an amount of zero (free items, zero prices)");
    case SG_EXCLUDED_AFTER_REFERENCE: return _("a date after the reference date");
    case SG_EXCLUDED_N_REASONS:
    default: break;
    }
  g_return_val_if_reached (NULL);
}

void
sg_derive_options_init (SgDeriveOptions *options)
{
  memset (options, 0, sizeof *options);
  options->reference_date = NAN;
}

void
sg_derive_options_clear (SgDeriveOptions *options)
{
  sg_transaction_roles_clear (&options->roles);
}

void
sg_derive_report_free (SgDeriveReport *report)
{
  g_free (report);
}

static char *
format_day (double seconds)
{
  g_autoptr(GDateTime) dt = NULL;

  if (!isfinite (seconds))
    return g_strdup ("");
  dt = g_date_time_new_from_unix_utc ((gint64) floor (seconds));
  return dt != NULL ? g_date_time_format (dt, "%Y-%m-%d") : g_strdup ("");
}

JsonNode *
sg_derive_report_to_json (const SgDeriveReport *report)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *reference = format_day (report->reference_date);
  g_autofree char *first = format_day (report->first_date);
  g_autofree char *last = format_day (report->last_date);

  json_builder_begin_object (builder);
#define ADD(field) json_builder_set_member_name (builder, #field); json_builder_add_int_value (builder, (gint64) report->field)
  ADD (rows_read);
  ADD (rows_used);
  ADD (return_lines);
  ADD (customers);
  ADD (customers_only_returns);
  json_builder_set_member_name (builder, "excluded");
  json_builder_begin_object (builder);
  for (guint i = 0; i < SG_EXCLUDED_N_REASONS; i++)
    {
      json_builder_set_member_name (builder, reason_names[i]);
      json_builder_add_int_value (builder, (gint64) report->excluded[i]);
    }
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "reference_date");
  json_builder_add_string_value (builder, reference);
  json_builder_set_member_name (builder, "first_date");
  json_builder_add_string_value (builder, first);
  json_builder_set_member_name (builder, "last_date");
  json_builder_add_string_value (builder, last);
  if (report->rfm)
    {
      json_builder_set_member_name (builder, "rfm_groups");
      json_builder_begin_object (builder);
      for (int g = 0; g < SG_RFM_N_GROUPS; g++)
        {
          json_builder_set_member_name (builder, sg_rfm_group_name (g));
          json_builder_add_int_value (builder, (gint64) report->rfm_groups[g]);
        }
      json_builder_end_object (builder);
    }
  if (report->joined)
    {
      ADD (customer_rows);
      ADD (customers_without_transactions);
      ADD (buyers_not_in_customers);
    }
#undef ADD
  json_builder_set_member_name (builder, "seconds");
  json_builder_add_double_value (builder, report->seconds);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

GStrv
sg_derive_report_describe (const SgDeriveReport *report)
{
  GPtrArray *lines = sg_lines_new ();
  g_autofree char *reference = format_day (report->reference_date);
  guint64 excluded = 0;

  for (guint i = 0; i < SG_EXCLUDED_N_REASONS; i++)
    excluded += report->excluded[i];
  sg_lines_take (lines, g_strdup_printf (_("Read %" PRIu64 " transaction lines; used %" PRIu64 ", left out %" PRIu64 "."),
                                               report->rows_read, report->rows_used, excluded));
  for (guint i = 0; i < SG_EXCLUDED_N_REASONS; i++)
    if (report->excluded[i] > 0)
      sg_lines_take (lines, g_strdup_printf (_("  %" PRIu64 " lines left out: %s."),
                                                   report->excluded[i], sg_excluded_reason_describe (i)));
  if (report->return_lines > 0)
    sg_lines_take (lines, g_strdup_printf (_("%" PRIu64 " lines are returns (negative amount or quantity): they count in the share of returns, not in spend."),
                                                 report->return_lines));
  if (report->customers_only_returns > 0)
    sg_lines_take (lines, g_strdup_printf (_("%" PRIu64 " customers have only returns and no purchase: they were left out."),
                                                 report->customers_only_returns));
  sg_lines_take (lines, g_strdup_printf (_("%" PRIu64 " customers; recency and tenure are counted in days up to %s."),
                                               report->customers, reference));
  if (report->rfm)
    {
      GString *groups = g_string_new (NULL);

      for (int g = 0; g < SG_RFM_N_GROUPS; g++)
        if (report->rfm_groups[g] > 0)
          g_string_append_printf (groups, "%s%s %" G_GUINT64_FORMAT, groups->len ? ", " : "",
                                  sg_rfm_group_name (g), report->rfm_groups[g]);
      sg_lines_take (lines, g_strdup_printf (_("RFM groups: %s."), groups->str));
      g_string_free (groups, TRUE);
    }
  if (report->joined)
    {
      sg_lines_take (lines, g_strdup_printf (_("Joined onto %" PRIu64 " customer rows: %" PRIu64 " have no transactions (their counts and spend are 0)."),
                                                   report->customer_rows, report->customers_without_transactions));
      if (report->buyers_not_in_customers > 0)
        sg_lines_take (lines, g_strdup_printf (_("%" PRIu64 " buyers are not in the customer table and were left out."),
                                                     report->buyers_not_in_customers));
    }
  return sg_lines_end (lines);
}

/* ---- grouping a column ---- */

typedef struct {
  guint32   *ids;       /* per row, SG_KEY_NONE for missing */
  guint32    n_groups;
  SgKeyMap  *numbers;   /* numeric column: group → key (double bits) */
  SgStrMap  *strings;   /* text column: group → string (in the column's pool) */
  gboolean   integral;  /* numeric column whose values are all whole numbers */
} Groups;

static void
groups_clear (Groups *groups)
{
  g_clear_pointer (&groups->ids, g_free);
  g_clear_pointer (&groups->numbers, sg_key_map_free);
  g_clear_pointer (&groups->strings, sg_str_map_free);
}

static void
group_column (SgColumn *column,
              gsize     expected,
              Groups   *groups)
{
  guint n = sg_column_get_n_rows (column);

  groups->ids = g_new (guint32, MAX (n, 1));
  groups->integral = TRUE;
  if (sg_column_is_numeric (column))
    {
      const double *values = sg_column_get_numbers (column);
      double last = NAN;
      guint32 last_id = SG_KEY_NONE;

      groups->numbers = sg_key_map_new (expected);
      for (guint r = 0; r < n; r++)
        {
          double v = values[r];

          if (isnan (v))
            groups->ids[r] = SG_KEY_NONE;
          else if (v == last)      /* runs of equal keys are common (lines of one invoice) */
            groups->ids[r] = last_id;
          else
            {
              gboolean added;

              last = v;
              last_id = groups->ids[r] = sg_key_map_insert (groups->numbers, sg_double_key (v), &added);
              if (added && v != floor (v))
                groups->integral = FALSE;
            }
        }
      groups->n_groups = sg_key_map_size (groups->numbers);
    }
  else
    {
      const char *last = NULL;
      guint32 last_id = SG_KEY_NONE;

      groups->strings = sg_str_map_new (expected);
      groups->integral = FALSE;
      for (guint r = 0; r < n; r++)
        {
          const char *s = sg_column_get_string (column, r);

          if (s == NULL)
            groups->ids[r] = SG_KEY_NONE;
          else if (last != NULL && (s == last || strcmp (s, last) == 0))
            groups->ids[r] = last_id;
          else
            {
              last = s;
              last_id = groups->ids[r] = sg_str_map_insert (groups->strings, s, NULL);
            }
        }
      groups->n_groups = sg_str_map_size (groups->strings);
    }
}

static char *
group_label (const Groups *groups,
             guint32       id)
{
  if (groups->strings != NULL)
    return g_strdup (sg_str_map_key (groups->strings, id));
  else
    {
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];
      double v = sg_key_double (sg_key_map_key (groups->numbers, id));

      return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.15g", v));
    }
}

/* ---- the derivation ---- */

typedef struct {
  SgColumn *customer, *date, *amount, *price, *quantity, *order, *category, *channel;
} Columns;

static gboolean
find_column (SgTable     *table,
             const char  *name,
             gboolean     required,
             const char  *role_label,
             Kind         kind,
             SgColumn   **out,
             GError     **error)
{
  int index;

  *out = NULL;
  if (name == NULL)
    {
      if (!required)
        return TRUE;
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT, _("Choose the column that holds the %s"), role_label);
      return FALSE;
    }
  index = sg_table_lookup_column (table, name);
  if (index < 0)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_NOT_FOUND, _("The transactions have no column “%s”"), name);
      return FALSE;
    }
  *out = sg_table_get_column (table, index);
  if (!kind_fits (kind, (*out)->type))
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT,
                   kind == KIND_DATE ? _("Column “%s” holds %s values, not dates: it cannot be the %s")
                                     : kind == KIND_NUMBER ? _("Column “%s” holds %s values, not numbers: it cannot be the %s")
                                                           : _("Column “%s” holds %s values: it cannot be the %s"),
                   name, sg_column_type_get_label ((*out)->type), role_label);
      return FALSE;
    }
  return TRUE;
}

typedef struct {
  guint64 lines;
  guint64 returns;
  guint64 purchases;     /* purchase lines */
  double  gross;
  double  first;
  double  last;
  double  recent;        /* purchase spend in the last 90 days */
  double  before;        /* … and in the 90 days before */
  guint32 orders;
  guint32 orders_30, orders_90, orders_365;
  double  first_order, last_order;
  guint32 n_categories;
  guint32 fav_category, fav_category_count;
  guint32 fav_channel, fav_channel_count;
} Customer;

typedef struct {
  const Groups *ids;
  const double *numbers;
} SortContext;

static int
compare_customers (const void *a,
                   const void *b,
                   void       *user_data)
{
  const SortContext *context = user_data;
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  if (context->ids->strings != NULL)
    return strcmp (sg_str_map_key (context->ids->strings, x), sg_str_map_key (context->ids->strings, y));
  return (context->numbers[x] > context->numbers[y]) - (context->numbers[x] < context->numbers[y]);
}

static inline double
day_of (double seconds)
{
  return floor (seconds / SECONDS_PER_DAY);
}

SgTable *
sg_derive_customer_features (SgTable                *transactions,
                             const SgDeriveOptions  *options,
                             SgProgress             *progress,
                             SgDeriveReport        **report_out,
                             GError                **error)
{
  const SgTransactionRoles *roles = &options->roles;
  g_autoptr(SgDeriveReport) report = g_new0 (SgDeriveReport, 1);
  gint64 started = g_get_monotonic_time ();
  Columns col;
  Groups customers = { 0 }, orders_g = { 0 }, categories = { 0 }, channels = { 0 };
  g_autoptr(SgKeyMap) time_map = NULL;
  g_autofree Customer *cust = NULL;
  g_autofree guint32 *purchase_rows = NULL;  /* row of each purchase line, in row order */
  g_autofree guint32 *purchase_order = NULL; /* its order group (SG_KEY_NONE: an order of its own) */
  g_autofree guint32 *by_customer = NULL;    /* purchase line indices grouped by customer */
  g_autofree guint32 *start = NULL;
  guint32 n_purchases = 0, n_order_groups;
  g_autofree double *id_numbers = NULL;
  g_autofree guint32 *kept = NULL;
  const double *dates, *amounts = NULL, *prices = NULL, *quantities = NULL;
  double reference, reference_day, first_date = INFINITY, last_date = -INFINITY;
  guint n_rows, n_kept = 0;
  SgTable *result = NULL;
  SgColumn *c_id;

  g_return_val_if_fail (transactions != NULL && options != NULL, NULL);

  if (!find_column (transactions, roles->customer_id, TRUE, _("customer id"), KIND_NOT_DATE, &col.customer, error) ||
      !find_column (transactions, roles->date, TRUE, _("purchase date"), KIND_DATE, &col.date, error) ||
      !find_column (transactions, roles->amount, FALSE, _("amount"), KIND_NUMBER, &col.amount, error) ||
      !find_column (transactions, roles->unit_price, col.amount == NULL, _("unit price (or an amount)"), KIND_NUMBER, &col.price, error) ||
      !find_column (transactions, roles->quantity, col.amount == NULL, _("quantity (or an amount)"), KIND_NUMBER, &col.quantity, error) ||
      !find_column (transactions, roles->order_id, FALSE, _("order id"), KIND_NOT_DATE, &col.order, error) ||
      !find_column (transactions, roles->category, FALSE, _("category"), KIND_NOT_DATE, &col.category, error) ||
      !find_column (transactions, roles->channel, FALSE, _("channel"), KIND_NOT_DATE, &col.channel, error))
    return NULL;
  if (col.amount != NULL)
    col.price = NULL;

  n_rows = sg_table_get_n_rows (transactions);
  report->rows_read = n_rows;
  dates = sg_column_get_numbers (col.date);
  if (col.amount != NULL)
    amounts = sg_column_get_numbers (col.amount);
  if (col.price != NULL)
    prices = sg_column_get_numbers (col.price);
  if (col.quantity != NULL)
    quantities = sg_column_get_numbers (col.quantity);

  /* The reference date: given, or the latest date in the data. */
  reference = options->reference_date;
  for (guint r = 0; r < n_rows; r++)
    if (isfinite (dates[r]))
      {
        if (dates[r] > last_date)
          last_date = dates[r];
        if (dates[r] < first_date)
          first_date = dates[r];
      }
  if (!isfinite (last_date))
    {
      g_set_error (error, SG_ERROR, SG_ERROR_DEGENERATE, _("Column “%s” has no readable date"), col.date->name);
      return NULL;
    }
  if (isnan (reference))
    reference = last_date;
  reference_day = day_of (reference);
  report->reference_date = reference;
  report->first_date = first_date;
  report->last_date = last_date;

/* SG_DERIVE_TIMING=1 prints the time of each stage on stderr (profiling). */
#define STAGE(name) if (g_getenv ("SG_DERIVE_TIMING")) g_printerr ("%-12s %.3f s\n", name, (g_get_monotonic_time () - started) / 1e6)
  STAGE ("start");
  sg_progress_report (progress, 0.0, _("Grouping transactions by customer"));
  group_column (col.customer, MIN (n_rows / 8 + 16, 1u << 20), &customers);
  STAGE ("customers");
  if (col.order != NULL)
    group_column (col.order, MIN (n_rows / 4 + 16, 1u << 22), &orders_g);
  STAGE ("orders");
  if (col.category != NULL)
    group_column (col.category, 4096, &categories);
  STAGE ("categories");
  if (col.channel != NULL)
    group_column (col.channel, 64, &channels);
  if (!sg_progress_check (progress, error))
    goto out;
  sg_progress_report (progress, 0.3, NULL);

  cust = g_new0 (Customer, MAX (customers.n_groups, 1));
  for (guint32 c = 0; c < customers.n_groups; c++)
    {
      cust[c].first = cust[c].first_order = INFINITY;
      cust[c].last = cust[c].last_order = -INFINITY;
      cust[c].fav_category = cust[c].fav_channel = SG_KEY_NONE;
    }
  purchase_rows = g_new (guint32, MAX (n_rows, 1));
  purchase_order = g_new (guint32, MAX (n_rows, 1));
  if (col.order == NULL)
    time_map = sg_key_map_new (MIN (n_rows / 4 + 16, 1u << 22));

  /* Pass 1, over the lines in order: filters, counts, per-customer sums. */
  for (guint r = 0; r < n_rows; r++)
    {
      guint32 c = customers.ids[r];
      double t = dates[r], a, days_ago;
      Customer *k;

      if ((r & 0xffff) == 0 && r > 0)
        {
          if (!sg_progress_check (progress, error))
            goto out;
          sg_progress_report (progress, 0.3 + 0.4 * r / n_rows, NULL);
        }
      if (c == SG_KEY_NONE)
        {
          report->excluded[SG_EXCLUDED_MISSING_CUSTOMER]++;
          continue;
        }
      if (!isfinite (t))
        {
          report->excluded[SG_EXCLUDED_MISSING_DATE]++;
          continue;
        }
      a = amounts != NULL ? amounts[r] : prices[r] * quantities[r];
      if (isnan (a))
        {
          report->excluded[SG_EXCLUDED_MISSING_AMOUNT]++;
          continue;
        }
      if (a == 0)
        {
          report->excluded[SG_EXCLUDED_ZERO_AMOUNT]++;
          continue;
        }
      days_ago = reference_day - day_of (t);
      if (days_ago < 0)
        {
          report->excluded[SG_EXCLUDED_AFTER_REFERENCE]++;
          continue;
        }
      report->rows_used++;
      k = &cust[c];
      k->lines++;
      if (a < 0 || (quantities != NULL && quantities[r] < 0))
        {
          k->returns++;
          report->return_lines++;
          continue;
        }
      k->purchases++;
      k->gross += a;
      if (t < k->first)
        k->first = t;
      if (t > k->last)
        k->last = t;
      if (days_ago < 90)
        k->recent += a;
      else if (days_ago < 180)
        k->before += a;
      purchase_rows[n_purchases] = r;
      /* without an order column, each distinct time of a customer is an order */
      purchase_order[n_purchases] = col.order != NULL ? orders_g.ids[r]
                                                      : sg_key_map_insert (time_map, sg_double_key (t), NULL);
      n_purchases++;
    }
  STAGE ("pass 1");
  n_order_groups = col.order != NULL ? orders_g.n_groups : sg_key_map_size (time_map);
  sg_progress_report (progress, 0.7, _("Computing customer features"));

  /* Pass 2: the purchase lines bucketed by customer (a stable counting sort), so each customer's
   * orders, categories and channels are counted with small arrays indexed by group instead of hash
   * maps keyed by (customer, group). */
  start = g_new0 (guint32, customers.n_groups + 1);
  for (guint32 c = 0; c < customers.n_groups; c++)
    start[c + 1] = start[c] + (guint32) cust[c].purchases;
  by_customer = g_new (guint32, MAX (n_purchases, 1));
  {
    g_autofree guint32 *fill = g_memdup2 (start, sizeof (guint32) * (customers.n_groups + 1));

    for (guint32 i = 0; i < n_purchases; i++)
      by_customer[fill[customers.ids[purchase_rows[i]]]++] = i;
  }

  STAGE ("pass 2");
  /* Pass 3, customer by customer. A stamp says whether a group was seen for this customer yet. */
  {
    g_autofree guint32 *order_stamp = g_new0 (guint32, MAX (n_order_groups, 1));
    g_autofree double *order_time = g_new (double, MAX (n_order_groups, 1));
    g_autofree guint32 *order_list = g_new (guint32, MAX (n_purchases, 1));
    g_autofree guint32 *cat_stamp = g_new0 (guint32, MAX (categories.n_groups, 1));
    g_autofree guint32 *cat_count = g_new (guint32, MAX (categories.n_groups, 1));
    g_autofree guint32 *cat_list = g_new (guint32, MAX (categories.n_groups, 1));
    g_autofree guint32 *chan_stamp = g_new0 (guint32, MAX (channels.n_groups, 1));
    g_autofree guint32 *chan_count = g_new (guint32, MAX (channels.n_groups, 1));
    g_autofree guint32 *chan_list = g_new (guint32, MAX (channels.n_groups, 1));

    for (guint32 c = 0; c < customers.n_groups; c++)
      {
        Customer *k = &cust[c];
        guint32 stamp = c + 1, n_orders = 0, n_cats = 0, n_chans = 0;

        if ((c & 0x3fff) == 0 && c > 0 && !sg_progress_check (progress, error))
          goto out;
        for (guint32 p = start[c]; p < start[c + 1]; p++)
          {
            guint32 i = by_customer[p], r = purchase_rows[i], o = purchase_order[i];
            double t = dates[r];

            if (o == SG_KEY_NONE)
              {
                /* a purchase line without an order id is an order of its own */
                double days_ago = reference_day - day_of (t);

                k->orders++;
                k->first_order = MIN (k->first_order, t);
                k->last_order = MAX (k->last_order, t);
                k->orders_30 += days_ago < 30;
                k->orders_90 += days_ago < 90;
                k->orders_365 += days_ago < 365;
              }
            else if (order_stamp[o] != stamp)
              {
                order_stamp[o] = stamp;
                order_time[o] = t;
                order_list[n_orders++] = o;
              }
            else if (t < order_time[o])
              order_time[o] = t;
            if (categories.ids != NULL && categories.ids[r] != SG_KEY_NONE)
              {
                guint32 g = categories.ids[r];

                if (cat_stamp[g] != stamp)
                  {
                    cat_stamp[g] = stamp;
                    cat_count[g] = 0;
                    cat_list[n_cats++] = g;
                  }
                cat_count[g]++;
              }
            if (channels.ids != NULL && channels.ids[r] != SG_KEY_NONE)
              {
                guint32 g = channels.ids[r];

                if (chan_stamp[g] != stamp)
                  {
                    chan_stamp[g] = stamp;
                    chan_count[g] = 0;
                    chan_list[n_chans++] = g;
                  }
                chan_count[g]++;
              }
          }
        for (guint32 j = 0; j < n_orders; j++)
          {
            double t = order_time[order_list[j]], days_ago = reference_day - day_of (t);

            k->orders++;
            k->first_order = MIN (k->first_order, t);
            k->last_order = MAX (k->last_order, t);
            k->orders_30 += days_ago < 30;
            k->orders_90 += days_ago < 90;
            k->orders_365 += days_ago < 365;
          }
        /* favourites: the most lines; ties go to the value the customer bought first */
        k->n_categories = n_cats;
        for (guint32 j = 0; j < n_cats; j++)
          if (cat_count[cat_list[j]] > k->fav_category_count)
            {
              k->fav_category_count = cat_count[cat_list[j]];
              k->fav_category = cat_list[j];
            }
        for (guint32 j = 0; j < n_chans; j++)
          if (chan_count[chan_list[j]] > k->fav_channel_count)
            {
              k->fav_channel_count = chan_count[chan_list[j]];
              k->fav_channel = chan_list[j];
            }
      }
  }
  STAGE ("pass 3");
  sg_progress_report (progress, 0.9, NULL);

  /* Customers with a purchase, sorted by id. */
  kept = g_new (guint32, MAX (customers.n_groups, 1));
  for (guint32 c = 0; c < customers.n_groups; c++)
    {
      if (cust[c].purchases > 0)
        kept[n_kept++] = c;
      else
        report->customers_only_returns++;
    }
  if (n_kept == 0)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_DEGENERATE,
                   _("No transaction line could be used: every line lacks a customer id, a date or an amount, or is a return"));
      goto out;
    }
  if (customers.numbers != NULL)
    {
      id_numbers = g_new (double, customers.n_groups);
      for (guint32 c = 0; c < customers.n_groups; c++)
        id_numbers[c] = sg_key_double (sg_key_map_key (customers.numbers, c));
    }
  {
    SortContext context = { &customers, id_numbers };

    g_qsort_with_data (kept, n_kept, sizeof (guint32), compare_customers, &context);
  }
  report->customers = n_kept;

  result = sg_table_new (_("Customer features"));
  if (customers.numbers != NULL)
    {
      c_id = sg_table_add_column (result, col.customer->name,
                                  customers.integral ? SG_COLUMN_INTEGER : SG_COLUMN_DECIMAL);
      for (guint i = 0; i < n_kept; i++)
        sg_column_append_number (c_id, id_numbers[kept[i]]);
    }
  else
    {
      c_id = sg_table_add_column (result, col.customer->name, SG_COLUMN_IDENTIFIER);
      for (guint i = 0; i < n_kept; i++)
        sg_column_append_string (c_id, sg_str_map_key (customers.strings, kept[i]));
    }
  sg_column_set_role (c_id, "id");

#define NUMBER_COLUMN(NAME, TYPE, ROLE, EXPR) \
  { \
    SgColumn *column = sg_table_add_column (result, NAME, TYPE); \
    sg_column_set_role (column, ROLE); \
    for (guint i = 0; i < n_kept; i++) \
      { \
        const Customer *k = &cust[kept[i]]; \
        sg_column_append_number (column, (EXPR)); \
      } \
  }
  NUMBER_COLUMN ("recency_days", SG_COLUMN_INTEGER, "recency", reference_day - day_of (k->last));
  NUMBER_COLUMN ("frequency", SG_COLUMN_INTEGER, "frequency", (double) k->orders);
  NUMBER_COLUMN ("monetary", SG_COLUMN_DECIMAL, "monetary", k->gross);
  NUMBER_COLUMN ("avg_order_value", SG_COLUMN_DECIMAL, "order_value", k->gross / k->orders);
  NUMBER_COLUMN ("tenure_days", SG_COLUMN_INTEGER, "tenure", reference_day - day_of (k->first));
  NUMBER_COLUMN ("interpurchase_days", SG_COLUMN_DECIMAL, "interpurchase",
                 k->orders > 1 ? (k->last_order - k->first_order) / SECONDS_PER_DAY / (k->orders - 1) : NAN);
  NUMBER_COLUMN ("orders_30d", SG_COLUMN_INTEGER, "frequency", (double) k->orders_30);
  NUMBER_COLUMN ("orders_90d", SG_COLUMN_INTEGER, "frequency", (double) k->orders_90);
  NUMBER_COLUMN ("orders_365d", SG_COLUMN_INTEGER, "frequency", (double) k->orders_365);
  NUMBER_COLUMN ("spend_trend", SG_COLUMN_DECIMAL, "trend",
                 k->recent + k->before > 0 ? (k->recent - k->before) / (k->recent + k->before) : 0.0);
  if (col.category != NULL)
    NUMBER_COLUMN ("n_categories", SG_COLUMN_INTEGER, "categories", (double) k->n_categories);
  NUMBER_COLUMN ("return_share", SG_COLUMN_DECIMAL, "returns", (double) k->returns / (double) k->lines);
#undef NUMBER_COLUMN
  if (col.category != NULL)
    {
      SgColumn *column = sg_table_add_column (result, "favourite_category", SG_COLUMN_CATEGORICAL);

      sg_column_set_role (column, "favourite_category");
      for (guint i = 0; i < n_kept; i++)
        {
          guint32 g = cust[kept[i]].fav_category;
          g_autofree char *label = g != SG_KEY_NONE ? group_label (&categories, g) : NULL;

          sg_column_append_string (column, label);
        }
    }
  if (col.channel != NULL)
    {
      SgColumn *column = sg_table_add_column (result, "favourite_channel", SG_COLUMN_CATEGORICAL);

      sg_column_set_role (column, "channel");
      for (guint i = 0; i < n_kept; i++)
        {
          guint32 g = cust[kept[i]].fav_channel;
          g_autofree char *label = g != SG_KEY_NONE ? group_label (&channels, g) : NULL;

          sg_column_append_string (column, label);
        }
    }
  report->seconds = (g_get_monotonic_time () - started) / 1e6;
  sg_progress_report (progress, 1.0, NULL);
  if (report_out != NULL)
    *report_out = g_steal_pointer (&report);

out:
  groups_clear (&customers);
  groups_clear (&orders_g);
  groups_clear (&categories);
  groups_clear (&channels);
  return result;
}

/* ---- into a project ---- */

static const char *const zero_when_absent[] = {
  "frequency", "monetary", "categories", NULL,
};

gint64
sg_derive_dataset (SgProject              *project,
                   gint64                  transactions_id,
                   const SgDeriveOptions  *options,
                   gint64                  customers_id,
                   const char             *join_on,
                   const char             *name,
                   SgProgress             *progress,
                   SgDeriveReport        **report_out,
                   GError                **error)
{
  const SgTransactionRoles *roles = &options->roles;
  const char *wanted[] = { roles->customer_id, roles->date, roles->amount, roles->unit_price,
                           roles->quantity, roles->order_id, roles->category, roles->channel };
  g_autoptr(SgDatasetInfo) info = NULL;
  g_autoptr(SgTable) transactions = NULL;
  g_autoptr(SgTable) features = NULL;
  g_autoptr(SgDeriveReport) report = NULL;
  g_autoptr(GArray) indices = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *report_json = NULL;
  g_autofree char *source = NULL;
  g_autofree char *unique = NULL;
  SgProgress load = sg_progress_sub (progress, 0.0, 0.4);
  SgProgress work = sg_progress_sub (progress, 0.4, 0.9);
  SgTable *stored;
  SgRfmModel rfm;
  gint64 id;

  g_return_val_if_fail (SG_IS_PROJECT (project), 0);

  info = sg_project_get_dataset (project, transactions_id, error);
  if (info == NULL)
    return 0;
  for (guint i = 0; i < G_N_ELEMENTS (wanted); i++)
    {
      int index;

      if (wanted[i] == NULL)
        continue;
      index = sg_dataset_info_lookup_column (info, wanted[i]);
      if (index < 0)
        {
          g_set_error (error, SG_ERROR, SG_ERROR_NOT_FOUND, _("Dataset “%s” has no column “%s”"), info->name, wanted[i]);
          return 0;
        }
      g_array_append_val (indices, index);
    }
  sg_progress_report (&load, 0.0, _("Loading the transactions"));
  transactions = sg_project_load_table (project, transactions_id, (guint *) indices->data, indices->len, error);
  if (transactions == NULL || !sg_progress_check (progress, error))
    return 0;
  features = sg_derive_customer_features (transactions, options, &work, &report, error);
  if (features == NULL)
    return 0;
  g_clear_pointer (&transactions, sg_table_unref);
  stored = features;
  if (!options->no_rfm)
    {
      SgColumn *segment;

      if (!sg_rfm_add_scores (features, NULL, NULL, NULL, NULL, &rfm, error))
        return 0;
      segment = sg_table_get_column (features, sg_table_lookup_column (features, "rfm_segment"));
      for (guint r = 0; r < sg_table_get_n_rows (features); r++)
        for (int g = 0; g < SG_RFM_N_GROUPS; g++)
          if (g_strcmp0 (sg_column_get_string (segment, r), sg_rfm_group_name (g)) == 0)
            report->rfm_groups[g]++;
      report->rfm = TRUE;
    }

  if (customers_id != 0)
    {
      g_autoptr(SgDatasetInfo) cinfo = sg_project_get_dataset (project, customers_id, error);
      g_autoptr(SgTable) customers = NULL;
      g_autoptr(SgTable) joined = NULL;
      SgJoinReport join = { 0 };

      if (cinfo == NULL)
        return 0;
      if (join_on == NULL || sg_dataset_info_lookup_column (cinfo, join_on) < 0)
        {
          g_set_error (error, SG_ERROR, SG_ERROR_NOT_FOUND, _("Dataset “%s” has no column “%s” to join on"),
                       cinfo->name, join_on ? join_on : "");
          return 0;
        }
      customers = sg_project_load_table (project, customers_id, NULL, 0, error);
      if (customers == NULL)
        return 0;
      joined = sg_join_left (customers, join_on, features, sg_table_get_column (features, 0)->name, &join, error);
      if (joined == NULL)
        return 0;
      for (guint c = 0; c < sg_table_get_n_columns (joined); c++)
        {
          SgColumn *column = sg_table_get_column (joined, c);

          if (c == (guint) sg_table_lookup_column (joined, join_on))
            sg_column_set_role (column, "id");
          if (column->role == NULL || !g_strv_contains (zero_when_absent, column->role) ||
              c < sg_table_get_n_columns (customers))
            continue;
          for (guint r = 0; r < join.left_rows; r++)
            if (!join.matched[r] && isnan (g_array_index (column->numbers, double, r)))
              {
                g_array_index (column->numbers, double, r) = 0;
                column->n_missing--;
              }
        }
      report->joined = TRUE;
      report->customer_rows = join.left_rows;
      report->customers_without_transactions = join.left_unmatched + join.left_missing_key;
      report->buyers_not_in_customers = join.right_unmatched;
      sg_join_report_clear (&join);
      g_clear_pointer (&features, sg_table_unref);
      features = g_steal_pointer (&joined);
      stored = features;
    }

  unique = name != NULL ? g_strdup (name)
                        : sg_project_unique_dataset_name (project, _("Customer features"));
  sg_table_set_name (stored, unique);
  source = g_strdup_printf (_("Customer features derived from “%s”"), info->name);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "derived_from");
  json_builder_add_int_value (builder, transactions_id);
  json_builder_set_member_name (builder, "roles");
  json_builder_add_value (builder, sg_transaction_roles_to_json (roles));
  json_builder_set_member_name (builder, "summary");
  json_builder_add_value (builder, sg_derive_report_to_json (report));
  /* the exact reference date (the summary has its day), to derive again as of it (sg-run-report.c) */
  json_builder_set_member_name (builder, "reference_time");
  json_builder_add_double_value (builder, report->reference_date);
  if (report->rfm)
    {
      json_builder_set_member_name (builder, "rfm_edges");
      json_builder_add_value (builder, sg_rfm_model_to_json (&rfm));
    }
  json_builder_end_object (builder);
  report_json = sg_json_take_to_string (json_builder_get_root (builder), FALSE);

  sg_progress_report (progress, 0.9, _("Saving the customer features"));
  id = sg_project_store_table (project, stored, "derived", source, report_json, error);
  if (id == 0)
    return 0;
  sg_progress_report (progress, 1.0, NULL);
  if (report_out != NULL)
    *report_out = g_steal_pointer (&report);
  return id;
}

typedef struct {
  SgProject       *project;     /* own connection */
  gint64           transactions_id;
  SgDeriveOptions  options;
  gint64           customers_id;
  char            *join_on;
  char            *name;
} DeriveTask;

typedef struct {
  gint64          id;
  SgDeriveReport *report;
} DeriveResult;

static void
derive_task_free (DeriveTask *task)
{
  g_clear_object (&task->project);
  sg_derive_options_clear (&task->options);
  g_free (task->join_on);
  g_free (task->name);
  g_free (task);
}

static void
derive_result_free (DeriveResult *result)
{
  sg_derive_report_free (result->report);
  g_free (result);
}

static gpointer
derive_work (gpointer     task_data,
             SgProgress  *progress,
             GError     **error)
{
  DeriveTask *task = task_data;
  DeriveResult *result = g_new0 (DeriveResult, 1);

  result->id = sg_derive_dataset (task->project, task->transactions_id, &task->options, task->customers_id,
                                  task->join_on, task->name, progress, &result->report, error);
  if (result->id == 0)
    {
      derive_result_free (result);
      return NULL;
    }
  return result;
}

void
sg_derive_dataset_async (SgProject              *project,
                         gint64                  transactions_id,
                         const SgDeriveOptions  *options,
                         gint64                  customers_id,
                         const char             *join_on,
                         const char             *name,
                         GCancellable           *cancellable,
                         SgProgressFunc          progress_func,
                         gpointer                progress_data,
                         GAsyncReadyCallback     callback,
                         gpointer                user_data)
{
  DeriveTask *task = g_new0 (DeriveTask, 1);
  g_autoptr(GError) error = NULL;

  task->project = sg_project_reopen (project, &error);
  task->transactions_id = transactions_id;
  sg_derive_options_init (&task->options);
  sg_transaction_roles_copy (&task->options.roles, &options->roles);
  task->options.reference_date = options->reference_date;
  task->options.no_rfm = options->no_rfm;
  task->customers_id = customers_id;
  task->join_on = g_strdup (join_on);
  task->name = g_strdup (name);
  if (task->project == NULL)
    {
      /* report the failure through the callback, as any other */
      g_autoptr(GTask) failed = g_task_new (project, cancellable, callback, user_data);

      g_task_set_source_tag (failed, sg_derive_dataset_async);
      g_task_return_error (failed, g_steal_pointer (&error));
      derive_task_free (task);
      return;
    }
  sg_async_run (project, sg_derive_dataset_async, derive_work, task, (GDestroyNotify) derive_task_free,
                (GDestroyNotify) derive_result_free, cancellable, progress_func, progress_data,
                callback, user_data);
}

gint64
sg_derive_dataset_finish (SgProject     *project,
                          GAsyncResult  *result,
                          SgDeriveReport **report,
                          GError       **error)
{
  DeriveResult *done = sg_async_finish (result, sg_derive_dataset_async, error);
  gint64 id;

  if (done == NULL)
    return 0;
  id = done->id;
  if (report != NULL)
    *report = g_steal_pointer (&done->report);
  derive_result_free (done);
  return id;
}
