/* sg-profile.c — who is in each segment
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "sg-error.h"
#include "sg-json-private.h"
#include "sg-parallel.h"
#include "sg-profile.h"
#include "sg-sort.h"

/* ------------------------------------------------------------------------------------------------
 * Names, roles, units, numbers
 */

/* Lower-case tokens of a column name, split at non-alphanumerics and camelCase humps:
 * "NumWebPurchases" → "num_web_purchases", "Annual Income (k$)" → "annual_income_k". */
static char *
normalise_name (const char *name)
{
  GString *out = g_string_new (NULL);
  gboolean prev_lower = FALSE, prev_sep = TRUE;

  for (const char *p = name; *p != '\0'; p++)
    {
      char c = *p;

      if (g_ascii_isalnum (c))
        {
          gboolean upper = g_ascii_isupper (c);

          if (upper && prev_lower && !prev_sep)
            g_string_append_c (out, '_');
          g_string_append_c (out, g_ascii_tolower (c));
          prev_lower = g_ascii_islower (c) || g_ascii_isdigit (c);
          prev_sep = FALSE;
        }
      else
        {
          if (!prev_sep && out->len > 0)
            g_string_append_c (out, '_');
          prev_sep = TRUE;
          prev_lower = FALSE;
        }
    }
  while (out->len > 0 && out->str[out->len - 1] == '_')
    g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}

static gboolean
has_token (char *const *tokens,
           const char  *token)
{
  for (guint i = 0; tokens[i] != NULL; i++)
    if (strcmp (tokens[i], token) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
has_any_token (char *const *tokens,
               const char *const *candidates)
{
  for (guint i = 0; candidates[i] != NULL; i++)
    if (has_token (tokens, candidates[i]))
      return TRUE;
  return FALSE;
}

static gboolean
contains_any (const char        *haystack,
              const char *const *needles)
{
  for (guint i = 0; needles[i] != NULL; i++)
    if (strstr (haystack, needles[i]) != NULL)
      return TRUE;
  return FALSE;
}

const char *
sg_column_role_guess (const char *name)
{
  static const char *const recency[] = { "recency", "days_since", "since_last", "last_purchase",
    "last_order", "last_visit", "last_seen", "last_transaction", "last_active", "last_login",
    "last_buy", NULL };
  static const char *const tenure[] = { "tenure", "customer_since", "member_since", "signup",
    "sign_up", "joined", "join_date", "dt_customer", "account_age", "months_active",
    "days_as_customer", "first_purchase", "first_order", "registration", "seniority", NULL };
  static const char *const discount[] = { "deal", "discount", "coupon", "promo", "voucher",
    "markdown", NULL };
  static const char *const income[] = { "income", "salary", "earning", "wage", NULL };
  static const char *const order_value[] = { "order_value", "avg_order", "average_order",
    "basket_value", "basket_size", "avg_basket", "ticket_size", "avg_transaction",
    "average_transaction", "avg_ticket", NULL };
  static const char *const order_value_tokens[] = { "aov", NULL };
  static const char *const frequency[] = { "frequency", "n_orders", "num_orders", "number_of_orders",
    "order_count", "orders_count", "purchase_count", "n_purchases", "num_purchases",
    "n_transactions", "num_transactions", "transaction_count", "n_invoices", NULL };
  static const char *const frequency_tokens[] = { "freq", "orders", "trx", "transactions",
    "invoices", NULL };
  static const char *const count_tokens[] = { "num", "n", "number", "count", "cnt", "no", "nb", NULL };
  static const char *const purchase_tokens[] = { "purchases", "orders", "transactions", "buys", NULL };
  static const char *const monetary[] = { "monetary", "spend", "revenue", "amount", "sales",
    "charges", "lifetime_value", "customer_value", "turnover", NULL };
  static const char *const monetary_tokens[] = { "mnt", "amt", "clv", "ltv", "cltv", "gmv",
    "purchases", "payments", "value", "spent", NULL };
  static const char *const engagement[] = { "engagement", "visit", "session", "click", "opens",
    "pageview", "page_view", "login", "time_on_site", "minutes_on", "active_days", NULL };
  static const char *const support[] = { "support", "complain", "ticket", "service_calls",
    "customer_service", NULL };
  static const char *const support_tokens[] = { "calls", "contacts", "returns", NULL };
  static const char *const age_tokens[] = { "age", NULL };
  static const char *const country[] = { "country", "nation", NULL };
  static const char *const location[] = { "region", "city", "location", "province", "county",
    "postcode", "zip", NULL };
  static const char *const location_tokens[] = { "state", NULL };
  static const char *const children[] = { "kid", "child", "teen", "dependent", NULL };
  static const char *const gender[] = { "gender", "genre", NULL };
  static const char *const gender_tokens[] = { "sex", NULL };
  static const char *const channel[] = { "channel", "acquisition", NULL };
  static const char *const channel_tokens[] = { "source", "medium", NULL };
  static const char *const id_tokens[] = { "id", "uuid", "customerid", "custid", NULL };
  g_autofree char *norm = NULL;
  g_auto(GStrv) tokens = NULL;

  if (name == NULL || *name == '\0')
    return NULL;
  norm = normalise_name (name);
  tokens = g_strsplit (norm, "_", -1);

  /* Order matters: "NumDealsPurchases" is about deals before it is about purchases, "Annual Income"
   * is income not money spent, "days_since_last_purchase" is recency. */
  if (has_any_token (tokens, id_tokens))
    return "id";
  if (contains_any (norm, recency))
    return "recency";
  if (contains_any (norm, tenure))
    return "tenure";
  if (contains_any (norm, discount))
    return "discount";
  if (contains_any (norm, income))
    return "income";
  if (contains_any (norm, order_value) || has_any_token (tokens, order_value_tokens))
    return "order_value";
  if (contains_any (norm, frequency) || has_any_token (tokens, frequency_tokens)
      || (has_any_token (tokens, count_tokens) && has_any_token (tokens, purchase_tokens)))
    return "frequency";
  if (contains_any (norm, engagement))
    return "engagement";
  if (contains_any (norm, monetary) || has_any_token (tokens, monetary_tokens))
    return "monetary";
  if (contains_any (norm, support) || has_any_token (tokens, support_tokens))
    return "support";
  if (has_any_token (tokens, age_tokens))
    return "age";
  if (contains_any (norm, children))
    return "children";
  if (contains_any (norm, country))
    return "country";
  if (contains_any (norm, location) || has_any_token (tokens, location_tokens))
    return "location";
  if (contains_any (norm, gender) || has_any_token (tokens, gender_tokens))
    return "gender";
  if (contains_any (norm, channel) || has_any_token (tokens, channel_tokens))
    return "channel";
  return NULL;
}

/* "1-100", "0-1", "1 to 5": a range, not a unit. */
static gboolean
looks_like_range (const char *text)
{
  gboolean digits = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        digits = TRUE;
      else if (*p != '-' && *p != ' ' && *p != '.' && *p != 't' && *p != 'o')
        return FALSE;
    }
  return digits;
}

char *
sg_column_unit_guess (const char *name)
{
  const char *open, *close;
  g_autofree char *norm = NULL;
  g_auto(GStrv) tokens = NULL;

  if (name == NULL)
    return NULL;
  open = strrchr (name, '(');
  close = open != NULL ? strchr (open, ')') : NULL;
  if (open == NULL)
    {
      open = strrchr (name, '[');
      close = open != NULL ? strchr (open, ']') : NULL;
    }
  if (open != NULL && close != NULL && close - open > 1 && close - open <= 12)
    {
      g_autofree char *inside = g_strstrip (g_strndup (open + 1, close - open - 1));

      if (*inside != '\0' && !looks_like_range (inside))
        return g_steal_pointer (&inside);
    }
  norm = normalise_name (name);
  tokens = g_strsplit (norm, "_", -1);
  if (has_token (tokens, "days"))
    return g_strdup (_("days"));
  if (has_token (tokens, "weeks"))
    return g_strdup (_("weeks"));
  if (has_token (tokens, "months"))
    return g_strdup (_("months"));
  if (has_token (tokens, "years"))
    return g_strdup (_("years"));
  if (has_token (tokens, "pct") || has_token (tokens, "percent") || has_token (tokens, "percentage")
      || strchr (name, '%') != NULL)
    return g_strdup ("%");
  return NULL;
}

char *
sg_column_display_name (const char *name)
{
  GString *out = g_string_new (NULL);
  int depth = 0;

  for (const char *p = name; p != NULL && *p != '\0'; p++)
    {
      if (*p == '(' || *p == '[')
        depth++;
      else if ((*p == ')' || *p == ']') && depth > 0)
        depth--;
      else if (depth == 0)
        g_string_append_c (out, *p == '_' ? ' ' : *p);
    }
  g_strstrip (out->str);
  out->len = strlen (out->str);
  if (out->len == 0)
    g_string_assign (out, name != NULL ? name : "");
  return g_string_free (out, FALSE);
}

static void
trim_zeros (char *text)
{
  char *dot = strchr (text, '.');
  char *end;

  if (dot == NULL)
    return;
  end = text + strlen (text) - 1;
  while (end > dot && *end == '0')
    *end-- = '\0';
  if (end == dot)
    *end = '\0';
}

char *
sg_profile_format_number (double value)
{
  double a = fabs (value);
  char *text;

  if (isnan (value))
    return g_strdup ("–");
  if (isinf (value))
    return g_strdup (value > 0 ? "∞" : "−∞");
  if (a >= 100 || a == 0)
    text = g_strdup_printf ("%'.0f", value);   /* thousands grouped as the locale does */
  else if (a >= 10)
    text = g_strdup_printf ("%.1f", value);
  else if (a >= 1)
    text = g_strdup_printf ("%.2f", value);
  else
    {
      int decimals = (int) ceil (-log10 (a)) + 2;

      text = g_strdup_printf ("%.*f", MIN (decimals, 12), value);
    }
  trim_zeros (text);
  if (strcmp (text, "-0") == 0)
    {
      g_free (text);
      text = g_strdup ("0");
    }
  return text;
}

static char *
format_date (double seconds)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc ((gint64) floor (seconds));

  return dt != NULL ? g_date_time_format (dt, "%Y-%m-%d") : g_strdup ("–");
}

static gboolean
is_date_type (SgColumnType type)
{
  return type == SG_COLUMN_DATE || type == SG_COLUMN_DATETIME;
}

static char *
format_with_unit (double      value,
                  const char *unit)
{
  g_autofree char *number = sg_profile_format_number (value);

  if (unit == NULL || isnan (value))
    return g_steal_pointer (&number);
  if (strcmp (unit, "%") == 0)
    return g_strconcat (number, "%", NULL);
  if (strcmp (unit, "$") == 0 || strcmp (unit, "€") == 0 || strcmp (unit, "£") == 0)
    return g_strconcat (unit, number, NULL);
  return g_strconcat (number, " ", unit, NULL);
}

char *
sg_profile_format_value (const SgNumericProfile *feature,
                         double                  value)
{
  if (isnan (value))
    return g_strdup ("–");
  if (is_date_type (feature->type))
    return format_date (value);
  if (feature->type == SG_COLUMN_BOOLEAN)
    {
      g_autofree char *number = sg_profile_format_number (value * 100.0);

      return g_strconcat (number, "%", NULL);
    }
  return format_with_unit (value, feature->unit);
}

const char *
sg_index_status_to_string (SgIndexStatus status)
{
  switch (status)
    {
    case SG_INDEX_OK:
      return "ok";
    case SG_INDEX_ZERO_MEAN:
      return "zero-mean";
    case SG_INDEX_MIXED_SIGNS:
      return "mixed-signs";
    case SG_INDEX_NOT_RATIO:
    default:
      return "not-ratio";
    }
}

/* ------------------------------------------------------------------------------------------------
 * Life cycle
 */

void
sg_profile_options_init (SgProfileOptions *options)
{
  memset (options, 0, sizeof *options);
  options->alpha = 0.05;
  options->correction = SG_P_ADJUST_HOLM;
  options->max_levels = 20;
  options->max_distinctive = 5;
  options->min_effect = 0.2;
}

void
sg_profile_free (SgProfile *profile)
{
  if (profile == NULL)
    return;
  for (guint f = 0; f < profile->n_numeric; f++)
    {
      SgNumericProfile *feature = &profile->numeric[f];

      g_free (feature->name);
      g_free (feature->role);
      g_free (feature->unit);
      g_free (feature->segments);
    }
  g_free (profile->numeric);
  for (guint f = 0; f < profile->n_categorical; f++)
    {
      SgCategoricalProfile *feature = &profile->categorical[f];

      for (guint l = 0; l < feature->n_levels; l++)
        {
          g_free (feature->levels[l].level);
          g_free (feature->levels[l].counts);
          g_free (feature->levels[l].shares);
          g_free (feature->levels[l].lifts);
        }
      g_free (feature->levels);
      g_free (feature->n_known_segment);
      g_free (feature->name);
      g_free (feature->role);
    }
  g_free (profile->categorical);
  if (profile->segments != NULL)
    for (guint s = 0; s < profile->k; s++)
      {
        for (guint d = 0; d < profile->segments[s].n_distinctive; d++)
          g_free (profile->segments[s].distinctive[d].sentence);
        g_free (profile->segments[s].distinctive);
      }
  g_free (profile->segments);
  g_free (profile);
}

const SgNumericProfile *
sg_profile_find_numeric (const SgProfile *profile,
                         guint            column)
{
  for (guint f = 0; f < profile->n_numeric; f++)
    if (profile->numeric[f].column == column)
      return &profile->numeric[f];
  return NULL;
}

static char *
column_role (const SgColumn *column)
{
  if (column->role != NULL && *column->role != '\0')
    return g_strdup (column->role);
  return g_strdup (sg_column_role_guess (column->name));
}

/* ------------------------------------------------------------------------------------------------
 * Numeric features
 */

/* numpy's default (linear) quantile of sorted values */
static double
quantile_sorted (const double *sorted,
                 gsize         n,
                 double        p)
{
  double h, frac;
  gsize lo;

  if (n == 0)
    return NAN;
  h = (double) (n - 1) * p;
  lo = (gsize) floor (h);
  if (lo + 1 >= n)
    return sorted[n - 1];
  frac = h - (double) lo;
  return sorted[lo] + frac * (sorted[lo + 1] - sorted[lo]);
}

typedef struct {
  SgTable          *table;
  const gint32     *labels;
  guint             k;
  guint             n_rows;
  SgNumericProfile *features;
  SgProgress       *progress;
  gint              done;
  guint             n_features;
} NumericJob;

static void
compute_numeric (NumericJob       *job,
                 SgNumericProfile *f)
{
  SgColumn *column = sg_table_get_column (job->table, f->column);
  const double *values = sg_column_get_numbers (column);
  guint k = job->k;
  g_autofree double *sorted = g_new (double, MAX (job->n_rows, 1));   /* values, then sorted */
  g_autofree guint32 *group_of = g_new (guint32, MAX (job->n_rows, 1));
  const gint32 *groups = (const gint32 *) group_of;
  g_autofree guint64 *counts = g_new0 (guint64, k + 1);   /* slot k: noise */
  g_autofree double *means = g_new0 (double, k + 1);
  g_autofree double *m2 = g_new0 (double, k + 1);
  g_autofree gsize *offsets = g_new0 (gsize, k + 1);
  g_autofree gsize *fill = g_new0 (gsize, k + 1);
  g_autofree double *test_values = NULL;
  g_autofree gint32 *test_groups = NULL;
  gsize n = 0, n_seg = 0;
  double sum = 0, ss = 0, bound;

  for (guint r = 0; r < job->n_rows; r++)
    {
      gint32 label = job->labels[r];

      if (label == SG_LABEL_EXCLUDED || !isfinite (values[r]))
        continue;
      sorted[n] = values[r];
      group_of[n] = (guint32) label;
      n++;
    }
  f->n = n;
  f->segments = g_new0 (SgNumericSegmentStats, k);
  for (guint s = 0; s < k; s++)
    {
      SgNumericSegmentStats *st = &f->segments[s];

      st->mean = st->sd = st->median = st->q1 = st->q3 = st->index = NAN;
      st->p_vs_rest = st->p_vs_rest_adjusted = NAN;
    }
  f->anova_p_adjusted = f->kruskal_p_adjusted = NAN;
  f->anova.p_value = f->kruskal.p_value = NAN;
  if (n == 0)
    {
      f->mean = f->sd = f->median = f->q1 = f->q3 = f->min = f->max = NAN;
      return;
    }
  sg_sort_doubles (sorted, group_of, n);
  for (gsize i = 0; i < n; i++)
    sum += sorted[i];
  f->mean = sum / (double) n;
  for (gsize i = 0; i < n; i++)
    ss += (sorted[i] - f->mean) * (sorted[i] - f->mean);
  f->sd = n > 1 ? sqrt (ss / (double) (n - 1)) : 0;
  f->min = sorted[0];
  f->max = sorted[n - 1];
  f->median = quantile_sorted (sorted, n, 0.5);
  f->q1 = quantile_sorted (sorted, n, 0.25);
  f->q3 = quantile_sorted (sorted, n, 0.75);

  bound = MAX (fabs (f->min), fabs (f->max));
  if (is_date_type (f->type))
    f->index_status = SG_INDEX_NOT_RATIO;
  else if (f->min < 0 && f->max > 0)
    f->index_status = SG_INDEX_MIXED_SIGNS;
  else if (f->mean == 0 || fabs (f->mean) <= 1e-9 * bound)
    f->index_status = SG_INDEX_ZERO_MEAN;
  else
    f->index_status = SG_INDEX_OK;

  /* per group moments (two passes), and each segment's values in sorted order */
  for (gsize i = 0; i < n; i++)
    {
      guint g = groups[i] < 0 ? k : (guint) groups[i];

      counts[g]++;
      means[g] += sorted[i];
    }
  for (guint g = 0; g <= k; g++)
    if (counts[g] > 0)
      means[g] /= (double) counts[g];
  for (gsize i = 0; i < n; i++)
    {
      guint g = groups[i] < 0 ? k : (guint) groups[i];
      double d = sorted[i] - means[g];

      m2[g] += d * d;
    }
  for (guint s = 0; s < k; s++)
    {
      offsets[s] = n_seg;
      n_seg += counts[s];
    }
  test_values = g_new (double, MAX (n_seg, 1));
  test_groups = g_new (gint32, MAX (n_seg, 1));
  for (gsize i = 0; i < n; i++)
    {
      gint32 g = groups[i];
      gsize at;

      if (g < 0)
        continue;
      at = offsets[g] + fill[g]++;
      test_values[at] = sorted[i];
      test_groups[at] = g;
    }

  for (guint s = 0; s < k; s++)
    {
      SgNumericSegmentStats *st = &f->segments[s];
      const double *seg = test_values + offsets[s];
      guint64 nr = 0;
      double mean_r = 0, m2_r = 0, var_s, var_r;
      SgStatResult welch;

      st->n = counts[s];
      if (counts[s] == 0)
        continue;
      st->mean = means[s];
      var_s = counts[s] > 1 ? m2[s] / (double) (counts[s] - 1) : 0;
      st->sd = sqrt (var_s);
      st->median = quantile_sorted (seg, counts[s], 0.5);
      st->q1 = quantile_sorted (seg, counts[s], 0.25);
      st->q3 = quantile_sorted (seg, counts[s], 0.75);
      if (f->index_status == SG_INDEX_OK)
        st->index = st->mean / f->mean * 100.0;

      /* the rest: every other group, noise included (Chan et al.'s pairwise combination) */
      for (guint g = 0; g <= k; g++)
        {
          double delta, total;

          if (g == s || counts[g] == 0)
            continue;
          total = (double) (nr + counts[g]);
          delta = means[g] - mean_r;
          m2_r += m2[g] + delta * delta * (double) nr * (double) counts[g] / total;
          mean_r += delta * (double) counts[g] / total;
          nr += counts[g];
        }
      var_r = nr > 1 ? m2_r / (double) (nr - 1) : 0;
      st->cohens_d = sg_cohens_d (st->mean, var_s, counts[s], mean_r, var_r, nr);
      if (sg_stat_welch (st->mean, var_s, counts[s], mean_r, var_r, nr, &welch, NULL))
        st->p_vs_rest = welch.p_value;
    }

  f->tested = sg_stat_anova (test_values, test_groups, n_seg, k, &f->anova, NULL)
              && sg_stat_kruskal_wallis_sorted (sorted, groups, n, k, &f->kruskal, NULL);
  if (!f->tested)
    f->anova.p_value = f->kruskal.p_value = NAN;
}

static void
numeric_chunk (gsize    chunk,
               gsize    begin,
               gsize    end,
               gpointer user_data)
{
  NumericJob *job = user_data;

  for (gsize f = begin; f < end; f++)
    {
      if (sg_progress_is_cancelled (job->progress))
        return;
      compute_numeric (job, &job->features[f]);
      g_atomic_int_inc (&job->done);
    }
}

/* ------------------------------------------------------------------------------------------------
 * Categorical features
 */

typedef struct {
  guint    code;
  guint64  count;
  char    *text;
} LevelSort;

static int
compare_level_sort (const void *a,
                    const void *b)
{
  const LevelSort *x = a, *y = b;

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return g_strcmp0 (x->text, y->text);
}

static void
compute_categorical (SgTable              *table,
                     const gint32         *labels,
                     guint                 k,
                     guint                 max_levels,
                     SgCategoricalProfile *f)
{
  SgColumn *column = sg_table_get_column (table, f->column);
  guint n_rows = sg_table_get_n_rows (table);
  g_autoptr(GHashTable) codes = NULL;
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) first_row = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree guint *row_code = g_new (guint, MAX (n_rows, 1));
  g_autofree guint64 *table_counts = NULL;   /* n_codes × (k + 1) */
  g_autofree LevelSort *order = NULL;
  g_autofree guint *new_index = NULL;
  guint n_codes, n_keep;
  gboolean numeric = sg_column_is_numeric (column);
  g_autofree guint64 *chi = NULL;

  if (numeric)
    codes = g_hash_table_new (g_int64_hash, g_int64_equal);
  else
    codes = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint r = 0; r < n_rows; r++)
    {
      gpointer key, value;

      row_code[r] = G_MAXUINT;
      if (labels[r] == SG_LABEL_EXCLUDED || sg_column_is_missing (column, r))
        continue;
      if (numeric)
        {
          gint64 bits;
          double v = sg_column_get_number (column, r);

          if (v == 0)
            v = 0;   /* -0 and 0 are one level */
          memcpy (&bits, &v, sizeof bits);
          key = &bits;
          if (!g_hash_table_lookup_extended (codes, key, NULL, &value))
            {
              gint64 *stored = g_memdup2 (&bits, sizeof bits);

              g_ptr_array_add (keys, stored);
              value = GUINT_TO_POINTER (first_row->len);
              g_hash_table_insert (codes, stored, value);
              g_array_append_val (first_row, r);
            }
        }
      else
        {
          key = (gpointer) sg_column_get_string (column, r);
          if (!g_hash_table_lookup_extended (codes, key, NULL, &value))
            {
              value = GUINT_TO_POINTER (first_row->len);
              g_hash_table_insert (codes, key, value);
              g_array_append_val (first_row, r);
            }
        }
      row_code[r] = GPOINTER_TO_UINT (value);
    }

  n_codes = first_row->len;
  table_counts = g_new0 (guint64, MAX ((gsize) n_codes * (k + 1), 1));
  f->n_known_segment = g_new0 (guint64, k);
  for (guint r = 0; r < n_rows; r++)
    {
      guint g;

      if (row_code[r] == G_MAXUINT)
        continue;
      g = labels[r] < 0 ? k : (guint) labels[r];
      table_counts[(gsize) row_code[r] * (k + 1) + g]++;
      f->n_known++;
      if (g < k)
        f->n_known_segment[g]++;
    }

  order = g_new0 (LevelSort, MAX (n_codes, 1));
  for (guint c = 0; c < n_codes; c++)
    {
      order[c].code = c;
      for (guint g = 0; g <= k; g++)
        order[c].count += table_counts[(gsize) c * (k + 1) + g];
      order[c].text = sg_column_format_value (column, g_array_index (first_row, guint, c));
    }
  qsort (order, n_codes, sizeof *order, compare_level_sort);

  max_levels = MAX (max_levels, 2);
  f->other_pooled = n_codes > max_levels;
  n_keep = f->other_pooled ? max_levels - 1 : n_codes;
  f->n_levels = f->other_pooled ? max_levels : n_codes;
  f->levels = g_new0 (SgLevelProfile, MAX (f->n_levels, 1));
  new_index = g_new (guint, MAX (n_codes, 1));
  for (guint i = 0; i < n_codes; i++)
    {
      new_index[order[i].code] = MIN (i, n_keep);
      if (i < n_keep)
        f->levels[i].level = g_steal_pointer (&order[i].text);
      else
        g_clear_pointer (&order[i].text, g_free);
    }
  if (f->other_pooled)
    f->levels[n_keep].level = g_strdup (C_("level", "Other"));

  for (guint l = 0; l < f->n_levels; l++)
    {
      f->levels[l].counts = g_new0 (guint64, k);
      f->levels[l].shares = g_new0 (double, k);
      f->levels[l].lifts = g_new0 (double, k);
    }
  for (guint c = 0; c < n_codes; c++)
    {
      SgLevelProfile *level = &f->levels[new_index[c]];

      for (guint g = 0; g <= k; g++)
        {
          guint64 v = table_counts[(gsize) c * (k + 1) + g];

          level->count += v;
          if (g < k)
            level->counts[g] += v;
        }
    }
  for (guint l = 0; l < f->n_levels; l++)
    {
      SgLevelProfile *level = &f->levels[l];

      level->share = f->n_known > 0 ? (double) level->count / (double) f->n_known : 0;
      for (guint s = 0; s < k; s++)
        {
          level->shares[s] = f->n_known_segment[s] > 0
                             ? (double) level->counts[s] / (double) f->n_known_segment[s] : NAN;
          level->lifts[s] = level->share > 0 ? level->shares[s] / level->share : NAN;
        }
    }

  chi = g_new0 (guint64, MAX ((gsize) k * f->n_levels, 1));
  for (guint s = 0; s < k; s++)
    for (guint l = 0; l < f->n_levels; l++)
      chi[(gsize) s * f->n_levels + l] = f->levels[l].counts[s];
  f->min_expected = NAN;
  f->tested = sg_stat_chi_square (chi, k, f->n_levels, &f->chi_square, &f->min_expected, NULL);
  if (!f->tested)
    f->chi_square.p_value = NAN;
  f->p_adjusted = NAN;
}

/* ------------------------------------------------------------------------------------------------
 * Sentences
 */

typedef enum {
  PHRASE_OFTEN,    /* "4.1× as often as", "35% more often than", "60% less often than" */
  PHRASE_MUCH,     /* "4.1× as much as", "35% more than", "60% less than" */
  PHRASE_TIMES,    /* "4.1× the", "35% above the", "60% below the" */
} PhraseKind;

static char *
ratio_phrase (double     ratio,
              PhraseKind kind)
{
  double pct = fabs (ratio - 1.0) * 100.0;

  if (ratio >= 1.5)
    {
      switch (kind)
        {
        case PHRASE_OFTEN:
          return g_strdup_printf (_("%.1f× as often as"), ratio);
        case PHRASE_MUCH:
          return g_strdup_printf (_("%.1f× as much as"), ratio);
        case PHRASE_TIMES:
        default:
          return g_strdup_printf (_("%.1f× the"), ratio);
        }
    }
  if (pct < 5)
    {
      switch (kind)
        {
        case PHRASE_OFTEN:
          return g_strdup (_("about as often as"));
        case PHRASE_MUCH:
          return g_strdup (_("about as much as"));
        case PHRASE_TIMES:
        default:
          return g_strdup (_("about the"));
        }
    }
  if (ratio > 1)
    {
      switch (kind)
        {
        case PHRASE_OFTEN:
          return g_strdup_printf (_("%.0f%% more often than"), pct);
        case PHRASE_MUCH:
          return g_strdup_printf (_("%.0f%% more than"), pct);
        case PHRASE_TIMES:
        default:
          return g_strdup_printf (_("%.0f%% above the"), pct);
        }
    }
  switch (kind)
    {
    case PHRASE_OFTEN:
      return g_strdup_printf (_("%.0f%% less often than"), pct);
    case PHRASE_MUCH:
      return g_strdup_printf (_("%.0f%% less than"), pct);
    case PHRASE_TIMES:
    default:
      return g_strdup_printf (_("%.0f%% below the"), pct);
    }
}

static gboolean
role_is (const char *role,
         const char *name)
{
  return role != NULL && strcmp (role, name) == 0;
}

static char *
numeric_sentence (const SgNumericProfile *f,
                  guint                   s)
{
  const SgNumericSegmentStats *st = &f->segments[s];
  g_autofree char *display = sg_column_display_name (f->name);
  g_autofree char *seg = sg_profile_format_value (f, st->mean);
  g_autofree char *all = sg_profile_format_value (f, f->mean);
  gboolean ratio_ok = f->index_status == SG_INDEX_OK && !isnan (st->index);
  double ratio = ratio_ok ? st->index / 100.0 : NAN;
  gboolean date = is_date_type (f->type);
  g_autofree char *phrase = NULL;

  if (role_is (f->role, "recency"))
    {
      if (date)
        return g_strdup_printf (_("Last purchase around %s on average (overall: %s)"), seg, all);
      if (f->unit == NULL)
        {
          g_autofree char *seg_days = format_with_unit (st->mean, _("days"));
          g_autofree char *all_days = format_with_unit (f->mean, _("days"));

          return g_strdup_printf (_("Last purchase %s ago on average (overall: %s)"), seg_days, all_days);
        }
      return g_strdup_printf (_("Last purchase %s ago on average (overall: %s)"), seg, all);
    }
  if (role_is (f->role, "tenure"))
    {
      if (date)
        return g_strdup_printf (_("Joined around %s on average (overall: %s)"), seg, all);
      if (f->unit != NULL)
        return g_strdup_printf (_("Customer for %s on average (overall: %s)"), seg, all);
      return g_strdup_printf (_("Tenure %s on average (overall: %s)"), seg, all);
    }
  if (role_is (f->role, "age") && !date)
    {
      if (st->mean < f->mean)
        return g_strdup_printf (_("Younger than average: aged %s on average (overall: %s)"), seg, all);
      return g_strdup_printf (_("Older than average: aged %s on average (overall: %s)"), seg, all);
    }
  if (role_is (f->role, "children") && !date)
    {
      if (st->mean < f->mean)
        return g_strdup_printf (_("Fewer children at home than average (%s: %s vs %s)"), display, seg, all);
      return g_strdup_printf (_("More children at home than average (%s: %s vs %s)"), display, seg, all);
    }
  if (!ratio_ok)
    {
      if (st->mean >= f->mean)
        return g_strdup_printf (_("%s: %s on average, higher than overall (%s)"), display, seg, all);
      return g_strdup_printf (_("%s: %s on average, lower than overall (%s)"), display, seg, all);
    }
  if (role_is (f->role, "frequency"))
    {
      phrase = ratio_phrase (ratio, PHRASE_OFTEN);
      return g_strdup_printf (_("Buys %s the average customer (%s: %s vs %s)"), phrase, display, seg, all);
    }
  if (role_is (f->role, "monetary"))
    {
      phrase = ratio_phrase (ratio, PHRASE_MUCH);
      return g_strdup_printf (_("Spends %s the average customer (%s: %s vs %s)"), phrase, display, seg, all);
    }
  if (role_is (f->role, "income"))
    {
      phrase = ratio_phrase (ratio, PHRASE_MUCH);
      return g_strdup_printf (_("Earns %s the average customer (%s: %s vs %s)"), phrase, display, seg, all);
    }
  if (role_is (f->role, "order_value"))
    {
      phrase = ratio_phrase (ratio, PHRASE_TIMES);
      return g_strdup_printf (_("Order value %s average (%s: %s vs %s)"), phrase, display, seg, all);
    }
  if (role_is (f->role, "discount"))
    {
      phrase = ratio_phrase (ratio, PHRASE_OFTEN);
      return g_strdup_printf (_("Buys on deals %s the average customer (%s: %s vs %s)"), phrase, display, seg, all);
    }
  if (role_is (f->role, "engagement"))
    {
      phrase = ratio_phrase (ratio, PHRASE_OFTEN);
      return g_strdup_printf (_("Engages %s the average customer (%s: %s vs %s)"), phrase, display, seg, all);
    }
  if (role_is (f->role, "support"))
    {
      phrase = ratio_phrase (ratio, PHRASE_OFTEN);
      return g_strdup_printf (_("Contacts support %s the average customer (%s: %s vs %s)"), phrase, display, seg, all);
    }
  phrase = ratio_phrase (ratio, PHRASE_TIMES);
  return g_strdup_printf (_("%s: %s on average, %s overall average (%s)"), display, seg, phrase, all);
}

static char *
level_sentence (const SgCategoricalProfile *f,
                guint                       level,
                guint                       s)
{
  const SgLevelProfile *lv = &f->levels[level];
  g_autofree char *display = sg_column_display_name (f->name);
  g_autofree char *seg = sg_profile_format_number (lv->shares[s] * 100.0);
  g_autofree char *all = sg_profile_format_number (lv->share * 100.0);

  if (role_is (f->role, "country") || role_is (f->role, "location"))
    return g_strdup_printf (_("%s%% are from %s (overall %s%%)"), seg, lv->level, all);
  if (role_is (f->role, "gender"))
    return g_strdup_printf (_("%s%% are %s (overall %s%%)"), seg, lv->level, all);
  if (role_is (f->role, "channel"))
    return g_strdup_printf (_("%s%% came through %s (overall %s%%)"), seg, lv->level, all);
  return g_strdup_printf (_("%s%% have %s = %s (overall %s%%)"), seg, display, lv->level, all);
}

static int
compare_distinctive (const void *a,
                     const void *b)
{
  const SgDistinctive *x = a, *y = b;
  double ax = fabs (x->effect), ay = fabs (y->effect);

  if (ax != ay)
    return ax > ay ? -1 : 1;
  if (x->kind != y->kind)
    return x->kind < y->kind ? -1 : 1;
  if (x->feature != y->feature)
    return x->feature < y->feature ? -1 : 1;
  return (x->level > y->level) - (x->level < y->level);
}

/* The level of @f most over-represented in segment @s (largest h), else the most
 * under-represented; its h in @effect. G_MAXUINT when none qualifies. */
static guint
most_telling_level (const SgCategoricalProfile *f,
                    guint                       s,
                    double                      min_effect,
                    double                     *effect)
{
  guint best = G_MAXUINT, worst = G_MAXUINT;
  double best_h = 0, worst_h = 0;
  guint64 rest_known = f->n_known - f->n_known_segment[s];

  if (f->n_known_segment[s] == 0 || rest_known == 0)
    return G_MAXUINT;
  for (guint l = 0; l < f->n_levels; l++)
    {
      const SgLevelProfile *lv = &f->levels[l];
      double rest_share, h;

      if (f->other_pooled && l == f->n_levels - 1)
        continue;   /* "Other" is not something to describe people by */
      rest_share = (double) (lv->count - lv->counts[s]) / (double) rest_known;
      h = sg_cohens_h (lv->shares[s], rest_share);
      if (h > best_h)
        {
          best_h = h;
          best = l;
        }
      if (h < worst_h)
        {
          worst_h = h;
          worst = l;
        }
    }
  if (best != G_MAXUINT && best_h >= min_effect)
    {
      *effect = best_h;
      return best;
    }
  if (worst != G_MAXUINT && -worst_h >= min_effect)
    {
      *effect = worst_h;
      return worst;
    }
  return G_MAXUINT;
}

static void
compute_distinctive (SgProfile *profile,
                     guint      max_distinctive)
{
  for (guint s = 0; s < profile->k; s++)
    {
      SgSegmentProfile *segment = &profile->segments[s];
      g_autoptr(GArray) list = g_array_new (FALSE, TRUE, sizeof (SgDistinctive));

      for (guint f = 0; f < profile->n_numeric; f++)
        {
          const SgNumericSegmentStats *st = &profile->numeric[f].segments[s];
          SgDistinctive d = { SG_DISTINCTIVE_NUMERIC, f, 0, st->cohens_d, NULL };

          if (st->n > 0 && fabs (st->cohens_d) >= profile->min_effect)
            g_array_append_val (list, d);
          if (st->n > 0 && fabs (st->cohens_d) >= profile->min_effect
              && st->p_vs_rest_adjusted < profile->alpha)
            segment->distinct = TRUE;
        }
      for (guint f = 0; f < profile->n_categorical; f++)
        {
          double h = 0;
          guint level = most_telling_level (&profile->categorical[f], s, profile->min_effect, &h);
          SgDistinctive d = { SG_DISTINCTIVE_LEVEL, f, level, h, NULL };

          if (level == G_MAXUINT)
            continue;
          g_array_append_val (list, d);
          if (profile->categorical[f].separates)
            segment->distinct = TRUE;
        }
      g_array_sort (list, compare_distinctive);
      if (list->len > max_distinctive)
        g_array_set_size (list, max_distinctive);
      for (guint i = 0; i < list->len; i++)
        {
          SgDistinctive *d = &g_array_index (list, SgDistinctive, i);

          if (d->kind == SG_DISTINCTIVE_NUMERIC)
            d->sentence = numeric_sentence (&profile->numeric[d->feature], s);
          else
            d->sentence = level_sentence (&profile->categorical[d->feature], d->level, s);
        }
      segment->n_distinctive = list->len;
      segment->distinctive = (SgDistinctive *) (gpointer) g_array_free (g_steal_pointer (&list), FALSE);
    }
}

/* ------------------------------------------------------------------------------------------------
 * The whole profile
 */

static gboolean
check_column (SgTable  *table,
              guint     column,
              GError  **error)
{
  if (column >= sg_table_get_n_columns (table))
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT,
                   _("Column %u does not exist; the table has %u columns"),
                   column, sg_table_get_n_columns (table));
      return FALSE;
    }
  return TRUE;
}

static gboolean
in_list (const guint *list,
         guint        n,
         guint        value)
{
  for (guint i = 0; i < n; i++)
    if (list[i] == value)
      return TRUE;
  return FALSE;
}

static void
correct_p_values (SgProfile *profile)
{
  guint nn = profile->n_numeric, nc = profile->n_categorical, k = profile->k;
  g_autofree double *p = g_new (double, MAX ((gsize) nn * k + nc, 1));

  /* Welch, segment against the rest: one family of k × numeric features */
  for (guint f = 0; f < nn; f++)
    for (guint s = 0; s < k; s++)
      p[(gsize) f * k + s] = profile->numeric[f].segments[s].p_vs_rest;
  sg_p_adjust (p, (gsize) nn * k, profile->correction, p);
  for (guint f = 0; f < nn; f++)
    for (guint s = 0; s < k; s++)
      profile->numeric[f].segments[s].p_vs_rest_adjusted = p[(gsize) f * k + s];

  /* ANOVA over the numeric features */
  for (guint f = 0; f < nn; f++)
    p[f] = profile->numeric[f].tested ? profile->numeric[f].anova.p_value : NAN;
  sg_p_adjust (p, nn, profile->correction, p);
  for (guint f = 0; f < nn; f++)
    profile->numeric[f].anova_p_adjusted = p[f];

  /* Kruskal–Wallis and chi-square: one family over all features; this decides "separates" */
  for (guint f = 0; f < nn; f++)
    p[f] = profile->numeric[f].tested ? profile->numeric[f].kruskal.p_value : NAN;
  for (guint f = 0; f < nc; f++)
    p[nn + f] = profile->categorical[f].tested ? profile->categorical[f].chi_square.p_value : NAN;
  sg_p_adjust (p, nn + nc, profile->correction, p);
  for (guint f = 0; f < nn; f++)
    {
      profile->numeric[f].kruskal_p_adjusted = p[f];
      profile->numeric[f].separates = profile->numeric[f].tested && p[f] < profile->alpha;
    }
  for (guint f = 0; f < nc; f++)
    {
      profile->categorical[f].p_adjusted = p[nn + f];
      profile->categorical[f].separates = profile->categorical[f].tested && p[nn + f] < profile->alpha;
    }
}

SgProfile *
sg_profile_compute_full (SgTable                *table,
                         const gint32           *labels,
                         guint                   k,
                         const guint            *feature_columns,
                         guint                   n_features,
                         const guint            *categorical_columns,
                         guint                   n_cat,
                         const SgProfileOptions *options,
                         SgProgress             *progress,
                         GError                **error)
{
  SgProfileOptions defaults;
  g_autoptr(SgProfile) profile = NULL;
  g_autoptr(GArray) numeric = g_array_new (FALSE, TRUE, sizeof (SgNumericProfile));
  g_autoptr(GArray) categorical = g_array_new (FALSE, TRUE, sizeof (SgCategoricalProfile));
  g_autoptr(GArray) numeric_cols = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree guint64 *sizes = NULL;
  guint n_rows;
  NumericJob job;

  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  if (options == NULL)
    {
      sg_profile_options_init (&defaults);
      options = &defaults;
    }
  if (!sg_table_check (table, error))
    return NULL;
  n_rows = sg_table_get_n_rows (table);
  if (k == 0)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT, _("A profile needs at least one segment"));
      return NULL;
    }
  if (n_rows == 0 || labels == NULL)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_DEGENERATE, _("The table has no rows to profile"));
      return NULL;
    }
  sizes = g_new0 (guint64, k);
  profile = g_new0 (SgProfile, 1);
  profile->k = k;
  profile->alpha = options->alpha > 0 && options->alpha < 1 ? options->alpha : 0.05;
  profile->correction = options->correction;
  profile->min_effect = options->min_effect >= 0 ? options->min_effect : 0.2;
  for (guint r = 0; r < n_rows; r++)
    {
      gint32 label = labels[r];

      if (label < SG_LABEL_EXCLUDED || (label >= 0 && (guint) label >= k))
        {
          g_set_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT,
                       _("Row %u is in segment %d, but the run has segments 0 to %u"), r + 1, label, k - 1);
          return NULL;
        }
      if (label == SG_LABEL_EXCLUDED)
        profile->n_excluded++;
      else if (label == SG_LABEL_UNASSIGNED)
        profile->n_noise++;
      else
        sizes[label]++;
    }
  profile->n_rows = n_rows - profile->n_excluded;
  for (guint s = 0; s < k; s++)
    if (sizes[s] == 0)
      {
        g_set_error (error, SG_ERROR, SG_ERROR_DEGENERATE, _("Segment %u has no customers"), s + 1);
        return NULL;
      }

  /* which columns get which treatment */
  for (guint i = 0; i < n_features + options->n_extra_numeric; i++)
    {
      gboolean clustered = i < n_features;
      guint c = clustered ? feature_columns[i] : options->extra_numeric_columns[i - n_features];
      SgColumn *column;

      if (!check_column (table, c, error))
        return NULL;
      column = sg_table_get_column (table, c);
      if (in_list ((const guint *) numeric_cols->data, numeric_cols->len, c))
        continue;
      g_array_append_val (numeric_cols, c);
      if (sg_column_is_numeric (column) && !in_list (categorical_columns, n_cat, c))
        {
          SgNumericProfile f = { 0 };

          f.column = c;
          f.name = g_strdup (column->name);
          f.role = column_role (column);
          f.unit = sg_column_unit_guess (column->name);
          f.type = column->type;
          f.clustered = clustered;
          g_array_append_val (numeric, f);
        }
      else if (!sg_column_is_numeric (column) && !in_list (categorical_columns, n_cat, c))
        {
          SgCategoricalProfile f = { 0 };

          f.column = c;
          f.name = g_strdup (column->name);
          f.role = column_role (column);
          f.clustered = clustered;
          g_array_append_val (categorical, f);
        }
    }
  for (guint i = 0; i < n_cat; i++)
    {
      guint c = categorical_columns[i];
      SgCategoricalProfile f = { 0 };
      SgColumn *column;
      gboolean seen = FALSE;

      if (!check_column (table, c, error))
        return NULL;
      for (guint j = 0; j < categorical->len; j++)
        seen |= g_array_index (categorical, SgCategoricalProfile, j).column == c;
      if (seen)
        continue;
      column = sg_table_get_column (table, c);
      f.column = c;
      f.name = g_strdup (column->name);
      f.role = column_role (column);
      f.clustered = in_list (feature_columns, n_features, c);
      g_array_append_val (categorical, f);
    }
  profile->n_numeric = numeric->len;
  profile->numeric = (SgNumericProfile *) (gpointer) g_array_free (g_steal_pointer (&numeric), FALSE);
  profile->n_categorical = categorical->len;
  profile->categorical = (SgCategoricalProfile *) (gpointer) g_array_free (g_steal_pointer (&categorical), FALSE);

  profile->segments = g_new0 (SgSegmentProfile, k);
  for (guint s = 0; s < k; s++)
    {
      profile->segments[s].label = (gint32) s;
      profile->segments[s].size = sizes[s];
      profile->segments[s].share = (double) sizes[s] / (double) profile->n_rows;
    }
  if (profile->n_rows == 0)
    {
      g_set_error (error, SG_ERROR, SG_ERROR_DEGENERATE, _("Every row is excluded from the run"));
      return NULL;
    }

  job.table = table;
  job.labels = labels;
  job.k = k;
  job.n_rows = n_rows;
  job.features = profile->numeric;
  job.progress = progress;
  job.done = 0;
  job.n_features = profile->n_numeric;
  sg_progress_report (progress, 0.0, _("Profiling segments"));
  sg_parallel_for (profile->n_numeric, 1, options->n_threads, numeric_chunk, &job);
  if (!sg_progress_check (progress, error))
    return NULL;
  for (guint f = 0; f < profile->n_numeric; f++)
    if (profile->numeric[f].n == 0)
      {
        g_set_error (error, SG_ERROR, SG_ERROR_DEGENERATE,
                     _("Column “%s” has no values in this run"), profile->numeric[f].name);
        return NULL;
      }
  sg_progress_report (progress, 0.7, NULL);
  for (guint f = 0; f < profile->n_categorical; f++)
    {
      compute_categorical (table, labels, k, options->max_levels, &profile->categorical[f]);
      if (!sg_progress_check (progress, error))
        return NULL;
    }
  correct_p_values (profile);
  compute_distinctive (profile, options->max_distinctive > 0 ? options->max_distinctive : 5);
  sg_progress_report (progress, 1.0, NULL);
  return g_steal_pointer (&profile);
}

SgProfile *
sg_profile_compute (SgTable       *table,
                    const gint32  *labels,
                    guint          k,
                    const guint   *feature_columns,
                    guint          n_features,
                    const guint   *categorical_columns,
                    guint          n_cat,
                    GError       **error)
{
  return sg_profile_compute_full (table, labels, k, feature_columns, n_features,
                                  categorical_columns, n_cat, NULL, NULL, error);
}

/* ------------------------------------------------------------------------------------------------
 * JSON
 */

static void
add_test (JsonBuilder        *builder,
          const char         *name,
          gboolean            tested,
          const SgStatResult *test,
          double              p_adjusted)
{
  json_builder_set_member_name (builder, name);
  if (!tested)
    {
      json_builder_add_null_value (builder);
      return;
    }
  json_builder_begin_object (builder);
  sg_json_add_double (builder, "statistic", test->statistic);
  sg_json_add_double (builder, "df1", test->df1);
  if (test->df2 > 0)
    sg_json_add_double (builder, "df2", test->df2);
  sg_json_add_double (builder, "p", test->p_value);
  sg_json_add_double (builder, "p_adjusted", p_adjusted);
  json_builder_end_object (builder);
}

JsonNode *
sg_profile_to_json (const SgProfile   *profile,
                    const char *const *segment_names)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  sg_json_add_int (builder, "k", profile->k);
  sg_json_add_int (builder, "n_rows", (gint64) profile->n_rows);
  sg_json_add_int (builder, "n_noise", (gint64) profile->n_noise);
  sg_json_add_int (builder, "n_excluded", (gint64) profile->n_excluded);
  sg_json_add_double (builder, "alpha", profile->alpha);
  sg_json_add_string (builder, "correction", sg_p_adjust_to_string (profile->correction));
  sg_json_add_double (builder, "min_effect", profile->min_effect);

  json_builder_set_member_name (builder, "segments");
  json_builder_begin_array (builder);
  for (guint s = 0; s < profile->k; s++)
    {
      const SgSegmentProfile *segment = &profile->segments[s];

      json_builder_begin_object (builder);
      sg_json_add_int (builder, "label", segment->label);
      if (segment_names != NULL)
        sg_json_add_string (builder, "name", segment_names[s]);
      sg_json_add_int (builder, "size", (gint64) segment->size);
      sg_json_add_double (builder, "share", segment->share);
      sg_json_add_bool (builder, "distinct", segment->distinct);
      json_builder_set_member_name (builder, "distinctive");
      json_builder_begin_array (builder);
      for (guint i = 0; i < segment->n_distinctive; i++)
        {
          const SgDistinctive *d = &segment->distinctive[i];
          gboolean numeric = d->kind == SG_DISTINCTIVE_NUMERIC;

          json_builder_begin_object (builder);
          sg_json_add_string (builder, "kind", numeric ? "numeric" : "level");
          sg_json_add_string (builder, "feature", numeric ? profile->numeric[d->feature].name
                                                  : profile->categorical[d->feature].name);
          sg_json_add_int (builder, "column", numeric ? profile->numeric[d->feature].column
                                              : profile->categorical[d->feature].column);
          if (!numeric)
            sg_json_add_string (builder, "level", profile->categorical[d->feature].levels[d->level].level);
          sg_json_add_double (builder, "effect", d->effect);
          sg_json_add_string (builder, "sentence", d->sentence);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "numeric");
  json_builder_begin_array (builder);
  for (guint f = 0; f < profile->n_numeric; f++)
    {
      const SgNumericProfile *feature = &profile->numeric[f];

      json_builder_begin_object (builder);
      sg_json_add_int (builder, "column", feature->column);
      sg_json_add_string (builder, "name", feature->name);
      sg_json_add_string (builder, "role", feature->role);
      sg_json_add_string (builder, "unit", feature->unit);
      sg_json_add_string (builder, "type", sg_column_type_to_string (feature->type));
      sg_json_add_bool (builder, "clustered", feature->clustered);
      sg_json_add_int (builder, "n", feature->n);
      sg_json_add_double (builder, "mean", feature->mean);
      sg_json_add_double (builder, "sd", feature->sd);
      sg_json_add_double (builder, "median", feature->median);
      sg_json_add_double (builder, "q1", feature->q1);
      sg_json_add_double (builder, "q3", feature->q3);
      sg_json_add_double (builder, "min", feature->min);
      sg_json_add_double (builder, "max", feature->max);
      sg_json_add_string (builder, "index_status", sg_index_status_to_string (feature->index_status));
      add_test (builder, "anova", feature->tested, &feature->anova, feature->anova_p_adjusted);
      add_test (builder, "kruskal_wallis", feature->tested, &feature->kruskal, feature->kruskal_p_adjusted);
      sg_json_add_bool (builder, "separates", feature->separates);
      json_builder_set_member_name (builder, "segments");
      json_builder_begin_array (builder);
      for (guint s = 0; s < profile->k; s++)
        {
          const SgNumericSegmentStats *st = &feature->segments[s];

          json_builder_begin_object (builder);
          sg_json_add_int (builder, "n", st->n);
          sg_json_add_double (builder, "mean", st->mean);
          sg_json_add_double (builder, "sd", st->sd);
          sg_json_add_double (builder, "median", st->median);
          sg_json_add_double (builder, "q1", st->q1);
          sg_json_add_double (builder, "q3", st->q3);
          sg_json_add_double (builder, "index", st->index);
          sg_json_add_double (builder, "cohens_d", st->cohens_d);
          sg_json_add_double (builder, "p_vs_rest", st->p_vs_rest);
          sg_json_add_double (builder, "p_vs_rest_adjusted", st->p_vs_rest_adjusted);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "categorical");
  json_builder_begin_array (builder);
  for (guint f = 0; f < profile->n_categorical; f++)
    {
      const SgCategoricalProfile *feature = &profile->categorical[f];

      json_builder_begin_object (builder);
      sg_json_add_int (builder, "column", feature->column);
      sg_json_add_string (builder, "name", feature->name);
      sg_json_add_string (builder, "role", feature->role);
      sg_json_add_bool (builder, "clustered", feature->clustered);
      sg_json_add_int (builder, "n_known", (gint64) feature->n_known);
      sg_json_add_bool (builder, "other_pooled", feature->other_pooled);
      add_test (builder, "chi_square", feature->tested, &feature->chi_square, feature->p_adjusted);
      sg_json_add_double (builder, "min_expected", feature->min_expected);
      sg_json_add_bool (builder, "separates", feature->separates);
      json_builder_set_member_name (builder, "levels");
      json_builder_begin_array (builder);
      for (guint l = 0; l < feature->n_levels; l++)
        {
          const SgLevelProfile *level = &feature->levels[l];

          json_builder_begin_object (builder);
          sg_json_add_string (builder, "level", level->level);
          sg_json_add_int (builder, "count", (gint64) level->count);
          sg_json_add_double (builder, "share", level->share);
          json_builder_set_member_name (builder, "segments");
          json_builder_begin_array (builder);
          for (guint s = 0; s < profile->k; s++)
            {
              json_builder_begin_object (builder);
              sg_json_add_int (builder, "count", (gint64) level->counts[s]);
              sg_json_add_double (builder, "share", level->shares[s]);
              sg_json_add_double (builder, "lift", level->lifts[s]);
              json_builder_end_object (builder);
            }
          json_builder_end_array (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

JsonNode *
sg_profile_segment_to_json (const SgProfile *profile,
                            guint            s)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const SgSegmentProfile *segment;

  g_return_val_if_fail (s < profile->k, NULL);
  segment = &profile->segments[s];
  json_builder_begin_object (builder);
  sg_json_add_int (builder, "label", segment->label);
  sg_json_add_int (builder, "size", (gint64) segment->size);
  sg_json_add_double (builder, "share", segment->share);
  sg_json_add_bool (builder, "distinct", segment->distinct);
  json_builder_set_member_name (builder, "distinctive");
  json_builder_begin_array (builder);
  for (guint i = 0; i < segment->n_distinctive; i++)
    {
      const SgDistinctive *d = &segment->distinctive[i];
      gboolean numeric = d->kind == SG_DISTINCTIVE_NUMERIC;

      json_builder_begin_object (builder);
      sg_json_add_string (builder, "kind", numeric ? "numeric" : "level");
      sg_json_add_string (builder, "feature", numeric ? profile->numeric[d->feature].name
                                                      : profile->categorical[d->feature].name);
      if (!numeric)
        sg_json_add_string (builder, "level", profile->categorical[d->feature].levels[d->level].level);
      sg_json_add_double (builder, "effect", d->effect);
      sg_json_add_string (builder, "sentence", d->sentence);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "numeric");
  json_builder_begin_array (builder);
  for (guint f = 0; f < profile->n_numeric; f++)
    {
      const SgNumericProfile *feature = &profile->numeric[f];
      const SgNumericSegmentStats *st = &feature->segments[s];

      json_builder_begin_object (builder);
      sg_json_add_int (builder, "column", feature->column);
      sg_json_add_string (builder, "name", feature->name);
      sg_json_add_string (builder, "role", feature->role);
      sg_json_add_string (builder, "unit", feature->unit);
      sg_json_add_bool (builder, "clustered", feature->clustered);
      sg_json_add_int (builder, "n", st->n);
      sg_json_add_double (builder, "mean", st->mean);
      sg_json_add_double (builder, "sd", st->sd);
      sg_json_add_double (builder, "median", st->median);
      sg_json_add_double (builder, "q1", st->q1);
      sg_json_add_double (builder, "q3", st->q3);
      sg_json_add_double (builder, "overall_mean", feature->mean);
      sg_json_add_double (builder, "overall_median", feature->median);
      sg_json_add_double (builder, "index", st->index);
      sg_json_add_string (builder, "index_status", sg_index_status_to_string (feature->index_status));
      sg_json_add_double (builder, "cohens_d", st->cohens_d);
      sg_json_add_double (builder, "p_vs_rest_adjusted", st->p_vs_rest_adjusted);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "categorical");
  json_builder_begin_array (builder);
  for (guint f = 0; f < profile->n_categorical; f++)
    {
      const SgCategoricalProfile *feature = &profile->categorical[f];

      json_builder_begin_object (builder);
      sg_json_add_int (builder, "column", feature->column);
      sg_json_add_string (builder, "name", feature->name);
      sg_json_add_string (builder, "role", feature->role);
      sg_json_add_int (builder, "n_known", (gint64) feature->n_known_segment[s]);
      json_builder_set_member_name (builder, "levels");
      json_builder_begin_array (builder);
      for (guint l = 0; l < feature->n_levels; l++)
        {
          const SgLevelProfile *level = &feature->levels[l];

          json_builder_begin_object (builder);
          sg_json_add_string (builder, "level", level->level);
          sg_json_add_int (builder, "count", (gint64) level->counts[s]);
          sg_json_add_double (builder, "share", level->shares[s]);
          sg_json_add_double (builder, "overall_share", level->share);
          sg_json_add_double (builder, "lift", level->lifts[s]);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
