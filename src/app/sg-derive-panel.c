/* sg-derive-panel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "SgDerivePanel"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "sg-a11y.h"
#include "sg-derive-panel.h"
#include "sg-error.h"
#include "sg-format.h"
#include "sg-histogram-chart.h"
#include "sg-rfm.h"
#include "sg-window.h"
#include "widgets/sg-chart-view.h"

#define CHARTS_PER_LINE 3

/* Item 0 of every role list is "none" (or "unit price × quantity" for the amount). */
#define NO_COLUMN 0

/* The figures charted after a derivation, by role, in this order. */
static const char *const chart_roles[] = {
  "recency", "frequency", "monetary", "order_value", "tenure", "interpurchase", "trend", "categories", "returns", NULL,
};

typedef enum {
  ROLE_CUSTOMER,
  ROLE_DATE,
  ROLE_AMOUNT,
  ROLE_PRICE,
  ROLE_QUANTITY,
  ROLE_ORDER,
  ROLE_CATEGORY,
  ROLE_CHANNEL,
  N_ROLES
} Role;

struct _SgDerivePanel
{
  AdwBin           parent_instance;

  /* template */
  AdwComboRow     *transactions_row;
  AdwComboRow     *customer_row;
  AdwComboRow     *date_row;
  AdwComboRow     *amount_row;
  AdwComboRow     *price_row;
  AdwComboRow     *quantity_row;
  AdwComboRow     *order_row;
  AdwComboRow     *category_row;
  AdwComboRow     *channel_row;
  GtkMenuButton   *reference_button;
  GtkCalendar     *calendar;
  GtkWidget       *latest_button;
  AdwPreferencesGroup *customers_group;
  AdwComboRow     *customers_row;
  AdwComboRow     *join_row;
  GtkLabel        *check_label;
  GtkWidget       *build_button;
  GtkWidget       *progress_box;
  GtkLabel        *progress_label;
  GtkProgressBar  *progress_bar;
  GtkWidget       *results_box;
  AdwPreferencesGroup *report_group;
  GtkListBox      *report_list;
  AdwPreferencesGroup *coverage_group;
  GtkLabel        *with_purchases_value;
  GtkLabel        *without_purchases_value;
  GtkLabel        *unknown_buyers_value;
  AdwPreferencesGroup *charts_group;
  GtkGrid         *charts_box;

  SgSession       *session;
  GArray          *transaction_ids;   /* gint64 per item of transactions_row */
  GArray          *customer_ids;      /* gint64 per item of customers_row; 0 first ("None") */
  GPtrArray       *columns;           /* names of the purchases table's columns */
  GPtrArray       *join_columns;      /* names of the customer table's columns */
  SgTransactionRoles roles;
  double           reference_date;    /* NaN: the latest date in the data */
  GCancellable    *cancellable;
  gint64           shown_id;          /* the derived dataset whose report is shown */
  gint64           filled_id;         /* the purchases table the role lists were filled from */
  GStrv            report_lines;
  guint            n_charts;
  gboolean         updating;
  gboolean         disposed;          /* a build finishing now has nowhere to show its result */
};

G_DEFINE_FINAL_TYPE (SgDerivePanel, sg_derive_panel, ADW_TYPE_BIN)

enum { PROP_0, PROP_BUSY, PROP_CAN_BUILD, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { DERIVED, N_SIGNALS };
static guint signals[N_SIGNALS];

static AdwComboRow *
role_row (SgDerivePanel *self,
          Role           role)
{
  AdwComboRow *rows[N_ROLES] = { self->customer_row, self->date_row, self->amount_row, self->price_row,
                                 self->quantity_row, self->order_row, self->category_row, self->channel_row };

  return rows[role];
}

static char **
role_field (SgTransactionRoles *roles,
            Role                role)
{
  char **fields[N_ROLES] = { &roles->customer_id, &roles->date, &roles->amount, &roles->unit_price,
                             &roles->quantity, &roles->order_id, &roles->category, &roles->channel };

  return fields[role];
}

static const char *
role_none_label (Role role)
{
  switch (role)
    {
    case ROLE_CUSTOMER:
    case ROLE_DATE:
    case ROLE_PRICE:
      return _("Choose a column");
    case ROLE_AMOUNT:
      return _("Unit price × quantity");
    case ROLE_QUANTITY:
    case ROLE_ORDER:
    case ROLE_CATEGORY:
    case ROLE_CHANNEL:
    case N_ROLES:
    default:
      return _("None");
    }
}

static SgWindow *
get_window (SgDerivePanel *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return SG_IS_WINDOW (root) ? SG_WINDOW (root) : NULL;
}

/* ---- reading a stored report ---- */

static double
parse_day (const char *text)
{
  int y, m, d;
  g_autoptr(GDateTime) dt = NULL;

  if (text == NULL || sscanf (text, "%4d-%2d-%2d", &y, &m, &d) != 3)
    return NAN;
  dt = g_date_time_new_utc (y, m, d, 0, 0, 0);
  return dt != NULL ? (double) g_date_time_to_unix (dt) : NAN;
}

static guint64
member_count (JsonObject *object,
              const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return 0;
  return (guint64) MAX (json_node_get_int (node), 0);
}

SgDeriveReport *
sg_derive_panel_report_from_json (const char  *json,
                                  GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(SgDeriveReport) report = NULL;
  JsonObject *root, *summary, *excluded, *groups;
  JsonNode *node;

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, SG_ERROR, SG_ERROR_PARSE, _("The dataset has no derivation summary"));
      return NULL;
    }
  root = json_node_get_object (json_parser_get_root (parser));
  node = json_object_get_member (root, "summary");
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, SG_ERROR, SG_ERROR_PARSE, _("The dataset has no derivation summary"));
      return NULL;
    }
  summary = json_node_get_object (node);
  report = g_new0 (SgDeriveReport, 1);
  report->rows_read = member_count (summary, "rows_read");
  report->rows_used = member_count (summary, "rows_used");
  report->return_lines = member_count (summary, "return_lines");
  report->customers = member_count (summary, "customers");
  report->customers_only_returns = member_count (summary, "customers_only_returns");
  node = json_object_get_member (summary, "excluded");
  excluded = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  for (guint i = 0; excluded != NULL && i < SG_EXCLUDED_N_REASONS; i++)
    report->excluded[i] = member_count (excluded, sg_excluded_reason_to_string (i));
  report->reference_date = parse_day (json_object_get_string_member_with_default (summary, "reference_date", NULL));
  report->first_date = parse_day (json_object_get_string_member_with_default (summary, "first_date", NULL));
  report->last_date = parse_day (json_object_get_string_member_with_default (summary, "last_date", NULL));
  node = json_object_get_member (summary, "rfm_groups");
  groups = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  report->rfm = groups != NULL;
  for (int g = 0; groups != NULL && g < SG_RFM_N_GROUPS; g++)
    report->rfm_groups[g] = member_count (groups, sg_rfm_group_name (g));
  report->joined = json_object_has_member (summary, "customer_rows");
  report->customer_rows = member_count (summary, "customer_rows");
  report->customers_without_transactions = member_count (summary, "customers_without_transactions");
  report->buyers_not_in_customers = member_count (summary, "buyers_not_in_customers");
  return g_steal_pointer (&report);
}

/* ---- the report ---- */

static GtkWidget *
report_row_new (const char *line,
                gboolean    warning)
{
  gboolean reason = g_str_has_prefix (line, "  ");
  g_autofree char *text = g_strstrip (g_strdup (line));
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *icon = gtk_image_new_from_icon_name (reason || warning ? "dialog-warning-symbolic" : "object-select-symbolic");
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (icon, reason || warning ? "warning" : "dim-label");
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_set_margin_start (box, reason ? 36 : 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  sg_a11y_set_label (row, text);
  return row;
}

static void
set_count_share (GtkLabel *label,
                 guint64   n,
                 guint64   total)
{
  g_autofree char *count = sg_format_count (n);
  g_autofree char *share = sg_prepare_format_share (total > 0 ? (double) n / (double) total : 0);
  g_autofree char *text = total > 0 ? g_strdup_printf (_("%s (%s)"), count, share) : g_strdup (count);

  gtk_label_set_label (label, text);
}

static void
clear_charts (SgDerivePanel *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->charts_box))) != NULL)
    gtk_grid_remove (self->charts_box, child);
  self->n_charts = 0;
  gtk_widget_set_visible (GTK_WIDGET (self->charts_group), FALSE);
}

static void
show_report (SgDerivePanel        *self,
             gint64                dataset_id,
             const SgDeriveReport *report)
{
  SgDatasetInfo *info = self->session != NULL ? sg_session_lookup_dataset (self->session, dataset_id) : NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->report_list))) != NULL)
    gtk_list_box_remove (self->report_list, child);
  g_clear_pointer (&self->report_lines, g_strfreev);
  clear_charts (self);
  self->shown_id = report != NULL ? dataset_id : 0;
  gtk_widget_set_visible (self->results_box, report != NULL);
  if (report == NULL)
    return;

  if (info != NULL)
    {
      g_autofree char *rows = sg_format_count (info->n_rows);
      g_autofree char *description =
        g_strdup_printf (g_dngettext (NULL, "A new dataset, “%s”: %s customer, %u columns. The purchases are unchanged.",
                                      "A new dataset, “%s”: %s customers, %u columns. The purchases are unchanged.",
                                      info->n_rows),
                         info->name, rows, info->columns->len);

      adw_preferences_group_set_description (self->report_group, description);
    }
  self->report_lines = sg_derive_report_describe (report);
  {
    /* The sentences come in a known order (sg_derive_report_describe()): lines read, one per reason
     * rows were left out, returns, customers with only returns, customers, RFM groups, the join and the
     * buyers missing from the customer table. Those that say something was left out get a warning. */
    guint only_returns = 1 + (report->return_lines > 0 ? 1 : 0);
    guint n = g_strv_length (self->report_lines);

    for (guint r = 0; r < SG_EXCLUDED_N_REASONS; r++)
      only_returns += report->excluded[r] > 0 ? 1 : 0;
    for (guint i = 0; i < n; i++)
      {
        gboolean warning = (report->customers_only_returns > 0 && i == only_returns) ||
                           (report->joined && report->buyers_not_in_customers > 0 && i == n - 1);

        gtk_list_box_append (self->report_list, report_row_new (self->report_lines[i], warning));
      }
  }

  gtk_widget_set_visible (GTK_WIDGET (self->coverage_group), report->joined);
  if (report->joined)
    {
      guint64 with = report->customer_rows >= report->customers_without_transactions
                     ? report->customer_rows - report->customers_without_transactions : 0;

      set_count_share (self->with_purchases_value, with, report->customer_rows);
      set_count_share (self->without_purchases_value, report->customers_without_transactions, report->customer_rows);
      set_count_share (self->unknown_buyers_value, report->buyers_not_in_customers, 0);
    }
}

void
sg_derive_panel_show_dataset (SgDerivePanel *self,
                              gint64         dataset_id)
{
  SgDatasetInfo *info;
  g_autoptr(SgDeriveReport) report = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (SG_IS_DERIVE_PANEL (self));

  info = self->session != NULL && dataset_id != 0 ? sg_session_lookup_dataset (self->session, dataset_id) : NULL;
  if (info != NULL && g_strcmp0 (info->kind, "derived") == 0)
    {
      report = sg_derive_panel_report_from_json (info->report, &error);
      if (report == NULL)
        g_debug ("%s: %s", info->name, error->message);
    }
  show_report (self, dataset_id, report);
}

gint64
sg_derive_panel_get_shown_id (SgDerivePanel *self)
{
  g_return_val_if_fail (SG_IS_DERIVE_PANEL (self), 0);

  return self->shown_id;
}

GStrv
sg_derive_panel_dup_report_lines (SgDerivePanel *self)
{
  g_return_val_if_fail (SG_IS_DERIVE_PANEL (self), NULL);

  return self->report_lines != NULL ? g_strdupv (self->report_lines) : g_new0 (char *, 1);
}

guint
sg_derive_panel_get_n_charts (SgDerivePanel *self)
{
  g_return_val_if_fail (SG_IS_DERIVE_PANEL (self), 0);

  return self->n_charts;
}

void
sg_derive_panel_set_analysis (SgDerivePanel     *self,
                              SgPrepareAnalysis *analysis)
{
  g_return_if_fail (SG_IS_DERIVE_PANEL (self));

  clear_charts (self);
  if (analysis == NULL || analysis->quality == NULL || analysis->dataset_id != self->shown_id)
    return;
  for (guint r = 0; chart_roles[r] != NULL; r++)
    for (guint c = 0; c < analysis->quality->columns->len; c++)
      {
        SgColumnQuality *column = g_ptr_array_index (analysis->quality->columns, c);
        g_autoptr(SgHistogramChart) chart = NULL;
        g_autofree char *label = NULL;
        GtkWidget *view;

        /* the first column of each role is the canonical one (frequency, not orders_30d) */
        if (g_strcmp0 (column->role, chart_roles[r]) != 0)
          continue;
        if (column->n_bins > 0)
          {
            chart = sg_histogram_chart_new ();
            sg_histogram_chart_set_bins (chart, column->bin_edges, column->bin_counts, column->n_bins,
                                         column->n_missing);
            sg_histogram_chart_set_label (chart, column->name);
            view = sg_chart_view_new (SG_CHART (chart));
            gtk_widget_set_size_request (view, 200, 160);
            label = g_strdup_printf (_("Distribution of %s"), column->name);
            gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
            gtk_grid_attach (self->charts_box, view, (int) (self->n_charts % CHARTS_PER_LINE),
                             (int) (self->n_charts / CHARTS_PER_LINE), 1, 1);
            self->n_charts++;
          }
        break;
      }
  gtk_widget_set_visible (GTK_WIDGET (self->charts_group), self->n_charts > 0);
}

/* ---- choosing tables and columns ---- */

static void
fill_combo (SgDerivePanel *self,
            AdwComboRow   *row,
            const char    *first,
            GPtrArray     *names,
            const char    *selected_name)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  guint selected = 0;

  if (first != NULL)
    gtk_string_list_append (model, first);
  for (guint i = 0; names != NULL && i < names->len; i++)
    {
      gtk_string_list_append (model, g_ptr_array_index (names, i));
      if (selected_name != NULL && g_strcmp0 (selected_name, g_ptr_array_index (names, i)) == 0)
        selected = i + (first != NULL ? 1 : 0);
    }
  self->updating = TRUE;
  adw_combo_row_set_model (row, G_LIST_MODEL (model));
  adw_combo_row_set_selected (row, selected);
  self->updating = FALSE;
}

static const char *
combo_column (AdwComboRow *row,
              GPtrArray   *names)
{
  guint selected = adw_combo_row_get_selected (row);

  if (selected == GTK_INVALID_LIST_POSITION || selected == NO_COLUMN || names == NULL || selected > names->len)
    return NULL;
  return g_ptr_array_index (names, selected - 1);
}

gboolean
sg_derive_panel_can_build (SgDerivePanel *self)
{
  SgTransactionRoles *r = &self->roles;

  g_return_val_if_fail (SG_IS_DERIVE_PANEL (self), FALSE);

  return self->cancellable == NULL && sg_derive_panel_get_transactions_id (self) != 0 &&
         r->customer_id != NULL && r->date != NULL &&
         (r->amount != NULL || (r->unit_price != NULL && r->quantity != NULL)) &&
         (sg_derive_panel_get_customers_id (self) == 0 || sg_derive_panel_get_join_column (self) != NULL);
}

static char *
missing_roles_text (SgDerivePanel *self)
{
  SgTransactionRoles *r = &self->roles;

  if (sg_derive_panel_get_transactions_id (self) == 0)
    return g_strdup (_("None of the datasets has a column of dates. Import a table of purchases in the Data step: one row per item bought, with who bought, when and for how much."));
  if (r->customer_id == NULL)
    return g_strdup (_("Choose the column that says who bought."));
  if (r->date == NULL)
    return g_strdup (_("Choose the column with the date of each purchase."));
  if (r->amount == NULL && r->unit_price == NULL)
    return g_strdup (_("Choose the column with the amount, or the unit price to multiply by the quantity."));
  if (r->amount == NULL && r->quantity == NULL)
    return g_strdup (_("Choose the quantity column, to multiply the unit price by."));
  if (sg_derive_panel_get_customers_id (self) != 0 && sg_derive_panel_get_join_column (self) == NULL)
    return g_strdup (_("Choose the customer id column of the customer table."));
  return NULL;
}

static void
update_state (SgDerivePanel *self)
{
  g_autofree char *missing = NULL;

  for (Role role = 0; role < N_ROLES; role++)
    {
      char **field = role_field (&self->roles, role);

      g_free (*field);
      *field = g_strdup (combo_column (role_row (self, role), self->columns));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->price_row), self->roles.amount == NULL);
  if (self->roles.amount != NULL)
    g_clear_pointer (&self->roles.unit_price, g_free);
  gtk_widget_set_visible (GTK_WIDGET (self->join_row), sg_derive_panel_get_customers_id (self) != 0);

  missing = missing_roles_text (self);
  gtk_label_set_label (self->check_label, missing != NULL ? missing : "");
  gtk_widget_set_visible (GTK_WIDGET (self->check_label), missing != NULL && self->cancellable == NULL);
  gtk_widget_set_visible (self->build_button, self->cancellable == NULL);
  gtk_widget_set_visible (self->progress_box, self->cancellable != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_BUILD]);
}

static gboolean
has_column (SgDatasetInfo *info,
            const char    *name)
{
  return name != NULL && sg_dataset_info_lookup_column (info, name) >= 0;
}

/* The customer table's id column: the purchases' customer id name, else its "id" column. */
static const char *
guess_join_column (SgDatasetInfo *info,
                   const char    *customer_id)
{
  if (has_column (info, customer_id))
    return customer_id;
  for (guint c = 0; c < info->columns->len; c++)
    if (g_strcmp0 (((SgColumnInfo *) g_ptr_array_index (info->columns, c))->role, "id") == 0)
      return ((SgColumnInfo *) g_ptr_array_index (info->columns, c))->name;
  for (guint c = 0; c < info->columns->len; c++)
    if (((SgColumnInfo *) g_ptr_array_index (info->columns, c))->type == SG_COLUMN_IDENTIFIER)
      return ((SgColumnInfo *) g_ptr_array_index (info->columns, c))->name;
  return NULL;
}

static void
fill_join_columns (SgDerivePanel *self,
                   const char    *chosen)
{
  gint64 id = sg_derive_panel_get_customers_id (self);
  SgDatasetInfo *info = id != 0 && self->session != NULL ? sg_session_lookup_dataset (self->session, id) : NULL;

  g_ptr_array_set_size (self->join_columns, 0);
  for (guint c = 0; info != NULL && c < info->columns->len; c++)
    g_ptr_array_add (self->join_columns, g_strdup (((SgColumnInfo *) g_ptr_array_index (info->columns, c))->name));
  fill_combo (self, self->join_row, _("Choose a column"), self->join_columns,
              info == NULL ? NULL : has_column (info, chosen) ? chosen : guess_join_column (info, self->roles.customer_id));
}

static void
fill_customer_tables (SgDerivePanel *self,
                      gboolean       keep)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  GPtrArray *datasets = self->session != NULL ? sg_session_get_datasets (self->session) : NULL;
  gint64 transactions = sg_derive_panel_get_transactions_id (self);
  gint64 chosen = keep ? sg_derive_panel_get_customers_id (self) : -1;
  g_autofree char *join = keep ? g_strdup (sg_derive_panel_get_join_column (self)) : NULL;
  guint selected = 0;
  gboolean found = FALSE;

  g_array_set_size (self->customer_ids, 0);
  gtk_string_list_append (model, _("None"));
  g_array_append_val (self->customer_ids, (gint64) { 0 });
  for (guint i = 0; datasets != NULL && i < datasets->len; i++)
    {
      SgDatasetInfo *info = g_ptr_array_index (datasets, i);

      if (info->id == transactions || g_strcmp0 (info->kind, "imported") != 0)
        continue;
      /* the user's choice, else a table holding the purchases' customer id */
      if (info->id == chosen)
        {
          selected = self->customer_ids->len;
          found = TRUE;
        }
      else if (!found && selected == 0 && chosen != 0 && has_column (info, self->roles.customer_id))
        selected = self->customer_ids->len;
      gtk_string_list_append (model, info->name);
      g_array_append_val (self->customer_ids, info->id);
    }
  self->updating = TRUE;
  adw_combo_row_set_model (self->customers_row, G_LIST_MODEL (model));
  adw_combo_row_set_selected (self->customers_row, selected);
  self->updating = FALSE;
  fill_join_columns (self, found ? join : NULL);
}

static void
fill_roles (SgDerivePanel *self)
{
  gint64 id = sg_derive_panel_get_transactions_id (self);
  SgDatasetInfo *info = id != 0 && self->session != NULL ? sg_session_lookup_dataset (self->session, id) : NULL;
  SgTransactionRoles chosen = { 0 };
  /* the same table again (the project changed elsewhere): the user's choices stay */
  gboolean keep = id != 0 && id == self->filled_id;

  g_ptr_array_set_size (self->columns, 0);
  if (keep)
    sg_transaction_roles_copy (&chosen, &self->roles);
  if (info != NULL)
    {
      if (!keep)
        sg_transaction_roles_guess_for_dataset (&chosen, info);
      for (guint c = 0; c < info->columns->len; c++)
        g_ptr_array_add (self->columns, g_strdup (((SgColumnInfo *) g_ptr_array_index (info->columns, c))->name));
    }
  self->filled_id = id;
  for (Role role = 0; role < N_ROLES; role++)
    fill_combo (self, role_row (self, role), role_none_label (role), self->columns, *role_field (&chosen, role));
  sg_transaction_roles_clear (&chosen);
  update_state (self);
  fill_customer_tables (self, keep);
  update_state (self);
}

static gboolean
looks_like_purchases (SgDatasetInfo *info)
{
  SgTransactionRoles roles = { 0 };
  gboolean found = sg_transaction_roles_guess_for_dataset (&roles, info);

  sg_transaction_roles_clear (&roles);
  return found;
}

static void
fill_tables (SgDerivePanel *self)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  GPtrArray *datasets = self->session != NULL ? sg_session_get_datasets (self->session) : NULL;
  gint64 chosen = sg_derive_panel_get_transactions_id (self);
  guint selected = GTK_INVALID_LIST_POSITION, guessed = GTK_INVALID_LIST_POSITION;

  g_array_set_size (self->transaction_ids, 0);
  for (guint i = 0; datasets != NULL && i < datasets->len; i++)
    {
      SgDatasetInfo *info = g_ptr_array_index (datasets, i);

      if (g_strcmp0 (info->kind, "imported") != 0)
        continue;
      if (info->id == chosen)
        selected = self->transaction_ids->len;
      if (guessed == GTK_INVALID_LIST_POSITION && looks_like_purchases (info))
        guessed = self->transaction_ids->len;
      gtk_string_list_append (model, info->name);
      g_array_append_val (self->transaction_ids, info->id);
    }
  if (selected == GTK_INVALID_LIST_POSITION)
    selected = guessed != GTK_INVALID_LIST_POSITION ? guessed : 0;
  self->updating = TRUE;
  adw_combo_row_set_model (self->transactions_row, G_LIST_MODEL (model));
  adw_combo_row_set_selected (self->transactions_row, selected);
  self->updating = FALSE;
  sg_a11y_fix_names (GTK_WIDGET (self));
  fill_roles (self);
}

gint64
sg_derive_panel_get_transactions_id (SgDerivePanel *self)
{
  guint selected;

  g_return_val_if_fail (SG_IS_DERIVE_PANEL (self), 0);

  selected = adw_combo_row_get_selected (self->transactions_row);
  return selected < self->transaction_ids->len ? g_array_index (self->transaction_ids, gint64, selected) : 0;
}

gboolean
sg_derive_panel_set_transactions_id (SgDerivePanel *self,
                                     gint64         dataset_id)
{
  g_return_val_if_fail (SG_IS_DERIVE_PANEL (self), FALSE);

  for (guint i = 0; i < self->transaction_ids->len; i++)
    if (g_array_index (self->transaction_ids, gint64, i) == dataset_id)
      {
        adw_combo_row_set_selected (self->transactions_row, i);
        return TRUE;
      }
  return FALSE;
}

const SgTransactionRoles *
sg_derive_panel_get_roles (SgDerivePanel *self)
{
  g_return_val_if_fail (SG_IS_DERIVE_PANEL (self), NULL);

  return &self->roles;
}

gint64
sg_derive_panel_get_customers_id (SgDerivePanel *self)
{
  guint selected;

  g_return_val_if_fail (SG_IS_DERIVE_PANEL (self), 0);

  selected = adw_combo_row_get_selected (self->customers_row);
  return selected < self->customer_ids->len ? g_array_index (self->customer_ids, gint64, selected) : 0;
}

const char *
sg_derive_panel_get_join_column (SgDerivePanel *self)
{
  g_return_val_if_fail (SG_IS_DERIVE_PANEL (self), NULL);

  return combo_column (self->join_row, self->join_columns);
}

static void
transactions_changed_cb (SgDerivePanel *self)
{
  if (!self->updating)
    fill_roles (self);
}

static void
role_changed_cb (SgDerivePanel *self)
{
  if (!self->updating)
    update_state (self);
}

static void
customers_changed_cb (SgDerivePanel *self)
{
  if (self->updating)
    return;
  fill_join_columns (self, NULL);
  update_state (self);
}

/* ---- the reference date ---- */

static void
show_reference (SgDerivePanel *self)
{
  if (isnan (self->reference_date))
    gtk_menu_button_set_label (self->reference_button, _("Latest date in the data"));
  else
    {
      g_autoptr(GDateTime) day = g_date_time_new_from_unix_utc ((gint64) self->reference_date);
      g_autofree char *text = g_date_time_format (day, "%x");

      gtk_menu_button_set_label (self->reference_button, text);
    }
}

static void
day_selected_cb (SgDerivePanel *self)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (self->calendar);
  g_autoptr(GDateTime) day = g_date_time_new_utc (g_date_time_get_year (date), g_date_time_get_month (date),
                                                  g_date_time_get_day_of_month (date), 0, 0, 0);

  if (self->updating)
    return;
  self->reference_date = (double) g_date_time_to_unix (day);
  show_reference (self);
}

static void
latest_clicked_cb (SgDerivePanel *self)
{
  self->reference_date = NAN;
  show_reference (self);
  gtk_menu_button_popdown (self->reference_button);
}

/* ---- building ---- */

gboolean
sg_derive_panel_get_busy (SgDerivePanel *self)
{
  g_return_val_if_fail (SG_IS_DERIVE_PANEL (self), FALSE);

  return self->cancellable != NULL;
}

static void
set_busy (SgDerivePanel *self,
          GCancellable  *cancellable)
{
  g_set_object (&self->cancellable, cancellable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->transactions_row), cancellable == NULL);
  for (Role role = 0; role < N_ROLES; role++)
    gtk_widget_set_sensitive (GTK_WIDGET (role_row (self, role)), cancellable == NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->customers_group), cancellable == NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->reference_button), cancellable == NULL);
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
build_progress_cb (double      fraction,
                   const char *message,
                   gpointer    user_data)
{
  SgDerivePanel *self = SG_DERIVE_PANEL (user_data);

  if (self->disposed)
    return;
  gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (fraction, 0, 1));
  if (message != NULL)
    gtk_label_set_label (self->progress_label, message);
}

/* After a build the results are below the form: bring them into view once they have a size. */
static gboolean
scroll_to_results_cb (gpointer user_data)
{
  SgDerivePanel *self = SG_DERIVE_PANEL (user_data);
  GtkScrolledWindow *scroller = GTK_SCROLLED_WINDOW (adw_bin_get_child (ADW_BIN (self)));
  GtkWidget *content = gtk_scrolled_window_get_child (scroller);
  graphene_point_t top;

  if (gtk_widget_get_visible (self->results_box) &&
      gtk_widget_compute_point (self->results_box, content, &GRAPHENE_POINT_INIT (0, 0), &top))
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (scroller), MAX (top.y - 12, 0));
  return G_SOURCE_REMOVE;
}

static void
build_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(SgDerivePanel) self = user_data;
  g_autoptr(SgDeriveReport) report = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = sg_derive_dataset_finish (SG_PROJECT (source), result, &report, &error);
  SgWindow *window;

  if (self->disposed)
    return;
  window = get_window (self);
  set_busy (self, NULL);
  if (id == 0)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          gtk_label_set_label (self->check_label, error->message);
          gtk_widget_set_visible (GTK_WIDGET (self->check_label), TRUE);
          if (window != NULL)
            sg_window_add_toast (window, error->message);
        }
      return;
    }
  if (self->session != NULL)
    {
      if (!sg_session_reload (self->session, &error) && window != NULL)
        sg_window_add_toast (window, error->message);
      show_report (self, id, report);
      sg_session_set_dataset_id (self->session, id);
      g_timeout_add_full (G_PRIORITY_LOW, 100, scroll_to_results_cb, g_object_ref (self), g_object_unref);
    }
  g_signal_emit (self, signals[DERIVED], 0, id);
}

void
sg_derive_panel_build (SgDerivePanel *self)
{
  g_autoptr(GCancellable) cancellable = NULL;
  SgDeriveOptions options;
  gint64 customers;

  g_return_if_fail (SG_IS_DERIVE_PANEL (self));

  if (!sg_derive_panel_can_build (self))
    return;
  sg_derive_options_init (&options);
  sg_transaction_roles_copy (&options.roles, &self->roles);
  options.reference_date = self->reference_date;
  customers = sg_derive_panel_get_customers_id (self);
  cancellable = g_cancellable_new ();
  set_busy (self, cancellable);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_label_set_label (self->progress_label, _("Reading the purchases"));
  sg_derive_dataset_async (sg_session_get_project (self->session), sg_derive_panel_get_transactions_id (self),
                           &options, customers, customers != 0 ? sg_derive_panel_get_join_column (self) : NULL,
                           NULL, cancellable, build_progress_cb, self, build_done_cb, g_object_ref (self));
  sg_derive_options_clear (&options);
}

void
sg_derive_panel_cancel (SgDerivePanel *self)
{
  g_return_if_fail (SG_IS_DERIVE_PANEL (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

/* ---- GObject ---- */

void
sg_derive_panel_set_session (SgDerivePanel *self,
                             SgSession     *session)
{
  g_return_if_fail (SG_IS_DERIVE_PANEL (self));
  g_return_if_fail (session == NULL || SG_IS_SESSION (session));

  if (self->session != session)
    {
      sg_derive_panel_cancel (self);
      g_set_object (&self->session, session);
      self->filled_id = 0;
      self->reference_date = NAN;
      show_reference (self);
      show_report (self, 0, NULL);
    }
  fill_tables (self);
}

static void
sg_derive_panel_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SgDerivePanel *self = SG_DERIVE_PANEL (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, sg_derive_panel_get_busy (self));
      break;
    case PROP_CAN_BUILD:
      g_value_set_boolean (value, sg_derive_panel_can_build (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sg_derive_panel_dispose (GObject *object)
{
  SgDerivePanel *self = SG_DERIVE_PANEL (object);

  self->disposed = TRUE;
  sg_derive_panel_cancel (self);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SG_TYPE_DERIVE_PANEL);

  G_OBJECT_CLASS (sg_derive_panel_parent_class)->dispose (object);
}

static void
sg_derive_panel_finalize (GObject *object)
{
  SgDerivePanel *self = SG_DERIVE_PANEL (object);

  g_array_unref (self->transaction_ids);
  g_array_unref (self->customer_ids);
  g_ptr_array_unref (self->columns);
  g_ptr_array_unref (self->join_columns);
  sg_transaction_roles_clear (&self->roles);
  g_strfreev (self->report_lines);

  G_OBJECT_CLASS (sg_derive_panel_parent_class)->finalize (object);
}

static void
sg_derive_panel_class_init (SgDerivePanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sg_derive_panel_dispose;
  object_class->finalize = sg_derive_panel_finalize;
  object_class->get_property = sg_derive_panel_get_property;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE, (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_CAN_BUILD] =
    g_param_spec_boolean ("can-build", NULL, NULL, FALSE, (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SgDerivePanel::derived:
   * @dataset_id: the new "derived" dataset, now the session's current one
   *
   * Building the customer features succeeded.
   */
  signals[DERIVED] = g_signal_new ("derived", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/sg-derive-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, SgDerivePanel, transactions_row);
  gtk_widget_class_bind_template_child (widget_class, SgDerivePanel, customer_row);
  gtk_widget_class_bind_template_child (widget_class, SgDerivePanel, date_row);
  gtk_widget_class_bind_template_child (widget_class, SgDerivePanel, amount_row);
  gtk_widget_class_bind_template_child (widget_class, SgDerivePanel, price_row);
  gtk_widget_class_bind_template_child (widget_class, SgDerivePanel, quantity_row);
  gtk_widget_class_bind_template_child (widget_class, SgDerivePanel, order_row);
  gtk_widget_class_bind_template_child (widget_class, SgDerivePanel, category_row);
  gtk_widget_class_bind_template_child (widget_class, SgDerivePanel, channel_row);
  gtk_widget_class_bind_template_child (widget_class, SgDerivePanel, reference_button);
  gtk_widget_class_bind_template_child (widget_class, SgDerivePanel, calendar);
  gtk_widget_class_bind_template_child (widget_class, SgDerivePanel, latest_button);
  gtk_widget_class_bind_template_child (widget_class, SgDerivePanel, customers_group);
  gtk_widget_class_bind_template_child (widget_class, SgDerivePanel, customers_row);
  gtk_widget_class_bind_template_child (widget_class, SgDerivePanel, join_row);
  gtk_widget_class_bind_template_child (widget_class, SgDerivePanel, check_label);
  gtk_widget_class_bind_template_child (widget_class, SgDerivePanel, build_button);
  gtk_widget_class_bind_template_child (widget_class, SgDerivePanel, progress_box);
  gtk_widget_class_bind_template_child (widget_class, SgDerivePanel, progress_label);
  gtk_widget_class_bind_template_child (widget_class, SgDerivePanel, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, SgDerivePanel, results_box);
  gtk_widget_class_bind_template_child (widget_class, SgDerivePanel, report_group);
  gtk_widget_class_bind_template_child (widget_class, SgDerivePanel, report_list);
  gtk_widget_class_bind_template_child (widget_class, SgDerivePanel, coverage_group);
  gtk_widget_class_bind_template_child (widget_class, SgDerivePanel, with_purchases_value);
  gtk_widget_class_bind_template_child (widget_class, SgDerivePanel, without_purchases_value);
  gtk_widget_class_bind_template_child (widget_class, SgDerivePanel, unknown_buyers_value);
  gtk_widget_class_bind_template_child (widget_class, SgDerivePanel, charts_group);
  gtk_widget_class_bind_template_child (widget_class, SgDerivePanel, charts_box);

  g_type_ensure (SG_TYPE_CHART_VIEW);
}

static void
sg_derive_panel_init (SgDerivePanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->transaction_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->customer_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->columns = g_ptr_array_new_with_free_func (g_free);
  self->join_columns = g_ptr_array_new_with_free_func (g_free);
  self->reference_date = NAN;

  g_signal_connect_object (self->transactions_row, "notify::selected", G_CALLBACK (transactions_changed_cb), self,
                           G_CONNECT_SWAPPED);
  for (Role role = 0; role < N_ROLES; role++)
    g_signal_connect_object (role_row (self, role), "notify::selected", G_CALLBACK (role_changed_cb), self,
                             G_CONNECT_SWAPPED);
  g_signal_connect_object (self->customers_row, "notify::selected", G_CALLBACK (customers_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->join_row, "notify::selected", G_CALLBACK (role_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->calendar, "day-selected", G_CALLBACK (day_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->latest_button, "clicked", G_CALLBACK (latest_clicked_cb), self, G_CONNECT_SWAPPED);
  sg_a11y_set_label (GTK_WIDGET (self->reference_button), _("Count “days since” up to"));
  show_reference (self);
  fill_tables (self);
  sg_a11y_fix_names (GTK_WIDGET (self));
}
