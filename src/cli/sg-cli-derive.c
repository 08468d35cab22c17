/* sg-cli-derive.c — segmenta-cli derive PROJECT --transactions T …: customer features from transactions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "sg-cli.h"
#include "sg-derive.h"
#include "sg-error.h"

static gboolean
parse_day (const char *text,
           double     *seconds)
{
  int y, m, d;
  char tail;
  g_autoptr(GDateTime) dt = NULL;

  if (sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
    return FALSE;
  dt = g_date_time_new_utc (y, m, d, 0, 0, 0);
  if (dt == NULL)
    return FALSE;
  *seconds = (double) g_date_time_to_unix (dt);
  return TRUE;
}

int
sg_cli_derive (int    argc,
               char **argv)
{
  g_autofree char *transactions = NULL, *customer_id = NULL, *date = NULL, *amount = NULL;
  g_autofree char *unit_price = NULL, *quantity = NULL, *order_id = NULL, *category = NULL, *channel = NULL;
  g_autofree char *reference = NULL, *customers = NULL, *join_on = NULL, *name = NULL;
  gboolean json = FALSE, no_rfm = FALSE;
  GOptionEntry entries[] = {
    { "transactions", 't', 0, G_OPTION_ARG_STRING, &transactions, N_("Dataset of transaction lines (name or id)"), "DATASET" },
    { "customer-id", 'c', 0, G_OPTION_ARG_STRING, &customer_id, N_("Column with the customer id (default: guessed)"), "COLUMN" },
    { "date", 'd', 0, G_OPTION_ARG_STRING, &date, N_("Column with the purchase date (default: guessed)"), "COLUMN" },
    { "amount", 'a', 0, G_OPTION_ARG_STRING, &amount, N_("Column with the line amount, or PRICE*QUANTITY (default: guessed)"), "COLUMN" },
    { "unit-price", 0, 0, G_OPTION_ARG_STRING, &unit_price, N_("Column with the unit price (amount = price × quantity)"), "COLUMN" },
    { "quantity", 'q', 0, G_OPTION_ARG_STRING, &quantity, N_("Column with the quantity"), "COLUMN" },
    { "order-id", 'o', 0, G_OPTION_ARG_STRING, &order_id, N_("Column with the order or invoice id"), "COLUMN" },
    { "category", 'k', 0, G_OPTION_ARG_STRING, &category, N_("Column with the product or category"), "COLUMN" },
    { "channel", 'h', 0, G_OPTION_ARG_STRING, &channel, N_("Column with the sales channel"), "COLUMN" },
    { "reference-date", 'r', 0, G_OPTION_ARG_STRING, &reference, N_("Count recency up to this day (default: the latest date in the data)"), "YYYY-MM-DD" },
    { "customers", 0, 0, G_OPTION_ARG_STRING, &customers, N_("Customer dataset to join the features onto"), "DATASET" },
    { "join-on", 0, 0, G_OPTION_ARG_STRING, &join_on, N_("Customer id column of the customer dataset"), "COLUMN" },
    { "as", 0, 0, G_OPTION_ARG_STRING, &name, N_("Name of the new dataset"), "NAME" },
    { "no-rfm", 0, 0, G_OPTION_ARG_NONE, &no_rfm, N_("Do not add the RFM scores and groups"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the summary as JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    sg_cli_context_new ("PROJECT.segmenta", _("Derive one row of features per customer from transaction lines."), entries);
  g_autoptr(SgProject) project = NULL;
  g_autoptr(SgDatasetInfo) info = NULL;
  g_autoptr(SgDatasetInfo) cinfo = NULL;
  g_autoptr(SgDeriveReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  SgTransactionRoles guessed = { 0 };
  SgDeriveOptions options;
  SgProgress progress = sg_progress_init (sg_cli_progress, NULL, NULL);
  gint64 id;
  int status = 0;

  if (!sg_cli_parse (context, &argc, &argv) || !sg_cli_expect_args (argc, 1, "derive PROJECT --transactions DATASET"))
    return SG_CLI_EXIT_USAGE;
  if (transactions == NULL)
    {
      g_printerr ("segmenta-cli: %s\n", _("--transactions DATASET is required (see --help)"));
      return SG_CLI_EXIT_USAGE;
    }
  if ((customers == NULL) != (join_on == NULL))
    {
      g_printerr ("segmenta-cli: %s\n", _("--customers and --join-on go together (see --help)"));
      return SG_CLI_EXIT_USAGE;
    }
  sg_derive_options_init (&options);
  options.no_rfm = no_rfm;
  if (reference != NULL && !parse_day (reference, &options.reference_date))
    {
      g_printerr ("segmenta-cli: %s\n", _("--reference-date must be a day written YYYY-MM-DD"));
      return SG_CLI_EXIT_USAGE;
    }

  project = sg_cli_open_project (argv[1]);
  if (project == NULL)
    return SG_CLI_EXIT_FAILURE;
  info = sg_project_find_dataset (project, transactions, &error);
  if (info == NULL)
    return sg_cli_fail (error);

  /* what is not given is guessed from the column names */
  sg_transaction_roles_guess_for_dataset (&guessed, info);
  if (amount != NULL && strchr (amount, '*') != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (amount, "*", 2);

      g_free (unit_price);
      unit_price = g_strdup (g_strstrip (parts[0]));
      if (quantity == NULL)
        quantity = g_strdup (g_strstrip (parts[1]));
      g_clear_pointer (&amount, g_free);
    }
#define TAKE(field, option) options.roles.field = g_strdup (option != NULL ? option : guessed.field)
  TAKE (customer_id, customer_id);
  TAKE (date, date);
  TAKE (quantity, quantity);
  TAKE (order_id, order_id);
  TAKE (category, category);
  TAKE (channel, channel);
#undef TAKE
  if (amount != NULL || unit_price != NULL)
    {
      options.roles.amount = g_strdup (amount);
      options.roles.unit_price = g_strdup (unit_price);
    }
  else
    {
      options.roles.amount = g_strdup (guessed.amount);
      options.roles.unit_price = g_strdup (guessed.unit_price);
    }
  sg_transaction_roles_clear (&guessed);
  if (options.roles.customer_id == NULL || options.roles.date == NULL ||
      (options.roles.amount == NULL && (options.roles.unit_price == NULL || options.roles.quantity == NULL)))
    {
      g_printerr ("segmenta-cli: %s\n",
                  _("could not tell which columns hold the customer id, the date and the amount: give --customer-id, --date and --amount"));
      sg_derive_options_clear (&options);
      return SG_CLI_EXIT_USAGE;
    }
  if (!json)
    {
      g_autoptr(GString) used = g_string_new (NULL);

      g_string_append_printf (used, _("Columns: customer id “%s”, date “%s”"), options.roles.customer_id, options.roles.date);
      if (options.roles.amount != NULL)
        g_string_append_printf (used, _(", amount “%s”"), options.roles.amount);
      else
        g_string_append_printf (used, _(", amount “%s” × “%s”"), options.roles.unit_price, options.roles.quantity);
      if (options.roles.order_id != NULL)
        g_string_append_printf (used, _(", order “%s”"), options.roles.order_id);
      if (options.roles.category != NULL)
        g_string_append_printf (used, _(", category “%s”"), options.roles.category);
      if (options.roles.channel != NULL)
        g_string_append_printf (used, _(", channel “%s”"), options.roles.channel);
      g_print ("%s\n", used->str);
    }

  if (customers != NULL)
    {
      cinfo = sg_project_find_dataset (project, customers, &error);
      if (cinfo == NULL)
        {
          sg_derive_options_clear (&options);
          return sg_cli_fail (error);
        }
    }
  id = sg_derive_dataset (project, info->id, &options, cinfo ? cinfo->id : 0, join_on, name, &progress, &report, &error);
  sg_derive_options_clear (&options);
  if (id == 0)
    return sg_cli_fail (error);

  if (json)
    {
      g_autoptr(JsonNode) node = sg_derive_report_to_json (report);

      json_object_set_int_member (json_node_get_object (node), "dataset_id", id);
      sg_cli_print_json (node);
      return status;
    }
  lines = sg_derive_report_describe (report);
  for (guint i = 0; lines[i] != NULL; i++)
    g_print ("%s\n", lines[i]);
  {
    g_autoptr(SgDatasetInfo) stored = sg_project_get_dataset (project, id, &error);

    if (stored == NULL)
      return sg_cli_fail (error);
    g_print (_("Stored “%s” (dataset %" PRId64 "): %" PRIu64 " rows × %u columns.\n"),
             stored->name, id, stored->n_rows, stored->columns->len);
  }
  return status;
}
