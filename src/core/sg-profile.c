/* sg-profile.c — who is in each segment
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
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

/* The RFM score columns sg-rfm.c adds (and the same names typed by hand). */
static const char *
score_role (const char *norm)
{
  static const struct { const char *name; const char *role; } scores[] = {
    { "r_score", "r_score" }, { "recency_score", "r_score" },
    { "f_score", "f_score" }, { "frequency_score", "f_score" },
    { "m_score", "m_score" }, { "monetary_score", "m_score" },
    { "rfm_score", "rfm_score" }, { "rfm_code", "rfm_score" },
    { "rfm_segment", "rfm_segment" }, { "rfm_group", "rfm_segment" }, { "rfm_class", "rfm_segment" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (scores); i++)
    if (strcmp (norm, scores[i].name) == 0)
      return scores[i].role;
  return NULL;
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
  static const char *const interpurchase[] = { "interpurchase", "inter_purchase", "days_between",
    "between_purchases", "between_orders", "purchase_interval", "order_interval", "purchase_gap",
    "order_gap", NULL };
  static const char *const trend[] = { "trend", "spend_growth", "spend_change", "sales_growth",
    "revenue_growth", NULL };
  static const char *const returns[] = { "return_share", "return_rate", "returns_rate", "return_ratio",
    "returned", "refund", NULL };
  static const char *const returns_tokens[] = { "returns", "return", NULL };
  static const char *const favourite_category[] = { "favourite_category", "favorite_category",
    "top_category", "preferred_category", "main_category", NULL };
  static const char *const categories_tokens[] = { "categories", NULL };
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
  /* "BALANCE_FREQUENCY", "CASH_ADVANCE_TRX": how often something other than buying happens */
  static const char *const not_buying_tokens[] = { "balance", "cash", "advance", "payment",
    "payments", "credit", "visits", "visit", "login", "logins", NULL };
  static const char *const count_tokens[] = { "num", "n", "number", "count", "cnt", "no", "nb", NULL };
  static const char *const purchase_tokens[] = { "purchases", "orders", "transactions", "buys", NULL };
  static const char *const monetary[] = { "monetary", "spend", "revenue", "amount", "sales",
    "charges", "lifetime_value", "customer_value", "turnover", NULL };
  static const char *const monetary_tokens[] = { "mnt", "amt", "clv", "ltv", "cltv", "gmv",
    "purchases", "value", "spent", NULL };
  static const char *const engagement[] = { "engagement", "visit", "session", "click", "opens",
    "pageview", "page_view", "login", "time_on_site", "minutes_on", "active_days", NULL };
  static const char *const support[] = { "support", "complain", "ticket", "service_calls",
    "customer_service", NULL };
  static const char *const support_tokens[] = { "calls", "contacts", NULL };
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
  const char *score;

  if (name == NULL || *name == '\0')
    return NULL;
  norm = normalise_name (name);
  tokens = g_strsplit (norm, "_", -1);

  /* Order matters: "NumDealsPurchases" is about deals before it is about purchases, "Annual Income"
   * is income not money spent, "days_since_last_purchase" is recency, "spend_trend" a trend. */
  if (has_any_token (tokens, id_tokens))
    return "id";
  if ((score = score_role (norm)) != NULL)
    return score;
  if (contains_any (norm, interpurchase))
    return "interpurchase";
  if (contains_any (norm, recency))
    return "recency";
  if (contains_any (norm, tenure))
    return "tenure";
  if (contains_any (norm, trend))
    return "trend";
  if (contains_any (norm, returns) || has_any_token (tokens, returns_tokens))
    return "returns";
  if (contains_any (norm, favourite_category))
    return "favourite_category";
  if (has_any_token (tokens, categories_tokens))
    return "categories";
  if (contains_any (norm, discount))
    return "discount";
  if (contains_any (norm, income))
    return "income";
  if (contains_any (norm, order_value) || has_any_token (tokens, order_value_tokens))
    return "order_value";
  if (!has_any_token (tokens, not_buying_tokens)
      && (contains_any (norm, frequency) || has_any_token (tokens, frequency_tokens)
          || (has_any_token (tokens, count_tokens) && has_any_token (tokens, purchase_tokens))))
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

/* The name without parenthesised parts ("Annual Income (k$)" → "Annual Income"), trimmed. */
static char *
strip_parentheses (const char *name)
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
        g_string_append_c (out, *p);
    }
  g_strstrip (out->str);
  out->len = strlen (out->str);
  return g_string_free (out, FALSE);
}

/* Column names people meet often: the features sg-derive.c and sg-rfm.c make, and a few of the
 * public customer datasets' abbreviations. Keys are normalise_name() forms. */
static const char *
known_display_name (const char *norm)
{
  static const struct { const char *norm; const char *label; } known[] = {
    { "recency_days", N_("Days since last purchase") },
    { "monetary", N_("Total spend") },
    { "avg_order_value", N_("Average order value") },
    { "tenure_days", N_("Days as a customer") },
    { "interpurchase_days", N_("Days between purchases") },
    { "orders_30d", N_("Orders in the last 30 days") },
    { "orders_90d", N_("Orders in the last 90 days") },
    { "orders_365d", N_("Orders in the last 365 days") },
    { "spend_trend", N_("Spend trend") },
    { "n_categories", N_("Product categories") },
    { "return_share", N_("Return rate") },
    { "favourite_category", N_("Favourite category") },
    { "favourite_channel", N_("Favourite channel") },
    { "r_score", N_("Recency score") },
    { "f_score", N_("Frequency score") },
    { "m_score", N_("Monetary score") },
    { "rfm_score", N_("RFM score") },
    { "rfm_segment", N_("RFM group") },
    { "customer_id", N_("Customer ID") },
    { "num_deals_purchases", N_("Purchases on a deal") },
    { "kidhome", N_("Young children at home") },
    { "teenhome", N_("Teenagers at home") },
    { "year_birth", N_("Year of birth") },
    { "dt_customer", N_("Customer since") },
    { "prc_full_payment", N_("Share paid in full") },
    { "pdays", N_("Days since previous contact") },
    { "previous", N_("Previous contacts") },
    { "poutcome", N_("Previous campaign outcome") },
    { "delicassen", N_("Delicatessen") },
    { "detergents_paper", N_("Detergents and paper") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (strcmp (norm, known[i].norm) == 0)
      return _(known[i].label);
  return NULL;
}

/* Words of a name with their letter case: split at non-alphanumerics, at camelCase humps
 * ("MntWines"), before the last capital of an acronym followed by lower case ("TVShow") and
 * between a word and a number ("AcceptedCmp3"). */
static GPtrArray *
split_words (const char *name)
{
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);
  GString *word = g_string_new (NULL);

  for (const char *p = name; *p != '\0'; p++)
    {
      char c = *p;

      if (!g_ascii_isalnum (c))
        {
          if (word->len > 0)
            g_ptr_array_add (words, g_strdup (word->str));
          g_string_truncate (word, 0);
          continue;
        }
      if (word->len > 0)
        {
          char prev = word->str[word->len - 1];
          gboolean hump = g_ascii_isupper (c) && (g_ascii_islower (prev) || g_ascii_isdigit (prev));
          gboolean acronym_end = g_ascii_isupper (c) && g_ascii_isupper (prev) && g_ascii_islower (p[1]);
          /* "Cmp3" is "Cmp 3", but "F3" and "Q4" are names of their own */
          gboolean digits = g_ascii_isdigit (c) && g_ascii_isalpha (prev) && word->len >= 3
                            && g_ascii_isalpha (word->str[0]);

          if (hump || acronym_end || digits)
            {
              g_ptr_array_add (words, g_strdup (word->str));
              g_string_truncate (word, 0);
            }
        }
      g_string_append_c (word, c);
    }
  if (word->len > 0)
    g_ptr_array_add (words, g_strdup (word->str));
  g_string_free (word, TRUE);
  return words;
}

static gboolean
has_lower (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_islower (*p))
      return TRUE;
  return FALSE;
}

static gboolean
has_upper (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_isupper (*p))
      return TRUE;
  return FALSE;
}

/* "MntWines", "avgOrder": words run together in camelCase. */
static gboolean
has_hump (const char *text)
{
  for (const char *p = text; p[0] != '\0' && p[1] != '\0'; p++)
    if ((g_ascii_islower (p[0]) || g_ascii_isdigit (p[0])) && g_ascii_isupper (p[1]))
      return TRUE;
  return FALSE;
}

/* Abbreviations in column names, and the word a reader expects. */
static const char *
expand_abbreviation (const char *lower)
{
  static const struct { const char *abbr; const char *word; } table[] = {
    { "avg", "average" }, { "amt", "amount" }, { "qty", "quantity" }, { "trx", "transactions" },
    { "txn", "transactions" }, { "txns", "transactions" }, { "prc", "percent" }, { "pct", "percent" },
    { "cnt", "count" }, { "cust", "customer" }, { "prods", "products" }, { "prod", "product" },
    { "cmp", "campaign" }, { "oneoff", "one-off" }, { "yr", "year" }, { "yrs", "years" },
    { "addr", "address" }, { "freq", "frequency" }, { "tot", "total" }, { "nbr", "number" },
    { "dob", "date of birth" }, { "pref", "preferred" }, { "cat", "category" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    if (strcmp (lower, table[i].abbr) == 0)
      return table[i].word;
  return NULL;
}

static gboolean
is_acronym (const char *lower)
{
  static const char *const acronyms[] = { "id", "rfm", "tv", "aov", "clv", "ltv", "cltv", "gmv", "sms",
    "vip", "url", "usd", "eur", "gbp", "kpi", "nps", "csat", "roi", "sku", "b2b", "b2c", "uk", "us",
    "eu", NULL };

  return g_strv_contains (acronyms, lower);
}

/* "NumWebVisitsMonth" → "Web visits per month", "CASH_ADVANCE_TRX" → "Cash advance transactions",
 * "MntGoldProds" → "Spend on gold products", "StreamingTV" → "Streaming TV". */
static char *
humanise_words (const char *stripped)
{
  g_autoptr(GPtrArray) words = split_words (stripped);
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean shouting = !has_lower (stripped);   /* BALANCE_FREQUENCY: case says nothing */
  guint first = 0, last;
  gboolean per = FALSE;

  if (words->len == 0)
    return g_strdup (stripped);
  last = words->len;
  /* a count prefix says "number of", which the noun already does: "NumWebPurchases" */
  if (words->len > 1)
    {
      g_autofree char *w0 = g_ascii_strdown (g_ptr_array_index (words, 0), -1);

      if (strcmp (w0, "num") == 0 || strcmp (w0, "n") == 0 || strcmp (w0, "nb") == 0
          || strcmp (w0, "nbr") == 0 || strcmp (w0, "no") == 0)
        {
          g_autofree char *wl = g_ascii_strdown (g_ptr_array_index (words, words->len - 1), -1);

          first = 1;
          /* "NumWebVisitsMonth": visits per month */
          if (words->len > 2 && (strcmp (wl, "month") == 0 || strcmp (wl, "week") == 0
                                 || strcmp (wl, "day") == 0 || strcmp (wl, "year") == 0))
            {
              per = TRUE;
              last--;
            }
        }
      else if (strcmp (w0, "mnt") == 0 || strcmp (w0, "spend") == 0)
        {
          /* "MntWines": spend on wines */
          g_string_append (out, _("spend on"));
          first = 1;
        }
    }
  for (guint i = first; i < last; i++)
    {
      const char *word = g_ptr_array_index (words, i);
      g_autofree char *lower = g_ascii_strdown (word, -1);
      const char *expanded = expand_abbreviation (lower);

      if (out->len > 0)
        g_string_append_c (out, ' ');
      if (expanded != NULL)
        g_string_append (out, expanded);
      else if (is_acronym (lower))
        {
          g_autofree char *upper = g_ascii_strup (word, -1);

          g_string_append (out, upper);
        }
      else if (!shouting && strlen (word) > 1 && !has_lower (word) && has_upper (word))
        g_string_append (out, word);   /* an acronym the user wrote as one: "StreamingTV" */
      else
        g_string_append (out, lower);
    }
  if (per)
    {
      g_autofree char *unit = g_ascii_strdown (g_ptr_array_index (words, words->len - 1), -1);

      g_string_append_printf (out, " %s %s", _("per"), unit);
    }
  if (out->len > 0)
    out->str[0] = g_ascii_toupper (out->str[0]);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
sg_column_display_name (const char *name)
{
  g_autofree char *stripped = NULL;
  g_autofree char *norm = NULL;
  const char *known;

  if (name == NULL)
    return g_strdup ("");
  stripped = strip_parentheses (name);
  if (*stripped == '\0')
    return g_strdup (name);
  norm = normalise_name (stripped);
  known = known_display_name (norm);
  if (known != NULL)
    return g_strdup (known);
  /* words the user typed as words ("Annual Income", "days since signup", "spend") stay as they are */
  if (strchr (stripped, '_') == NULL && has_lower (stripped) && !has_hump (stripped))
    return g_steal_pointer (&stripped);
  return humanise_words (stripped);
}

char *
sg_column_display_phrase (const char *name)
{
  g_autofree char *display = sg_column_display_name (name);
  g_auto(GStrv) words = g_strsplit (display, " ", -1);

  /* "Annual Income" → "annual income"; "RFM group" and "StreamingTV" keep their capitals */
  for (guint i = 0; words[i] != NULL; i++)
    {
      char *w = words[i];

      if (g_ascii_isupper (w[0]) && w[1] != '\0' && !has_upper (w + 1) && has_lower (w + 1))
        w[0] = g_ascii_tolower (w[0]);
    }
  return g_strjoinv (" ", words);
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

/* @value rounded to @decimals, its whole part grouped in thousands as the locale does (a comma where
 * the locale groups nothing and writes a decimal point, as in the C locale). */
static char *
format_grouped (double value,
                int    decimals)
{
  const struct lconv *lc = localeconv ();
  const char *sep = lc->thousands_sep;
  g_autofree char *plain = g_strdup_printf ("%.*f", decimals, value);
  const char *digits = plain;
  const char *end;
  GString *out = g_string_new (NULL);
  gsize n_int;

  if (sep == NULL || *sep == '\0')
    sep = strcmp (lc->decimal_point, ".") == 0 ? "," : "";
  if (*digits == '-')
    {
      g_string_append_c (out, '-');
      digits++;
    }
  for (end = digits; g_ascii_isdigit (*end); end++)
    ;
  n_int = (gsize) (end - digits);
  for (gsize i = 0; i < n_int; i++)
    {
      if (i > 0 && (n_int - i) % 3 == 0 && n_int > 3)
        g_string_append (out, sep);
      g_string_append_c (out, digits[i]);
    }
  g_string_append (out, end);
  return g_string_free (out, FALSE);
}

static char *
finish_number (char *text)
{
  trim_zeros (text);
  if (strcmp (text, "-0") == 0)
    {
      g_free (text);
      text = g_strdup ("0");
    }
  return text;
}

char *
sg_profile_format_number (double value)
{
  double a = fabs (value);

  if (isnan (value))
    return g_strdup ("–");
  if (isinf (value))
    return g_strdup (value > 0 ? "∞" : "−∞");
  if (a >= 100 || a == 0)
    return finish_number (format_grouped (value, 0));
  if (a >= 10)
    return finish_number (g_strdup_printf ("%.1f", value));
  if (a >= 1)
    return finish_number (g_strdup_printf ("%.2f", value));
  return finish_number (g_strdup_printf ("%.*f", MIN ((int) ceil (-log10 (a)) + 2, 12), value));
}

char *
sg_profile_format_amount (double value)
{
  double a = fabs (value);

  if (isnan (value))
    return g_strdup ("–");
  if (isinf (value))
    return g_strdup (value > 0 ? "∞" : "−∞");
  if (a >= 9.95 || a == 0)
    return finish_number (format_grouped (value, 0));
  if (a >= 0.995)
    return finish_number (g_strdup_printf ("%.1f", value));
  return finish_number (g_strdup_printf ("%.*f", MIN ((int) ceil (-log10 (a)) + 1, 12), value));
}

/* A share (0.327) as people write it: "33%", "0.4%" below one per cent, "0%" only for none. */
static char *
format_percent (double share)
{
  double pct = share * 100.0;

  if (isnan (share))
    return g_strdup ("–");
  if (pct > 0 && pct < 0.1)
    return g_strdup ("<0.1%");
  if (pct > 0 && pct < 0.95)
    return g_strdup_printf ("%.1f%%", pct);
  if (pct < 100 && pct >= 99.5)
    return g_strdup ("99%");
  return g_strdup_printf ("%.0f%%", pct);
}

static gboolean
is_date_type (SgColumnType type)
{
  return type == SG_COLUMN_DATE || type == SG_COLUMN_DATETIME;
}

static gboolean
unit_is_currency (const char *unit)
{
  return unit != NULL && (strcmp (unit, "$") == 0 || strcmp (unit, "€") == 0 || strcmp (unit, "£") == 0
                          || strcmp (unit, "¥") == 0);
}

static char *
format_with_unit (const char *number,
                  const char *unit)
{
  if (unit == NULL || strcmp (number, "–") == 0)
    return g_strdup (number);
  if (strcmp (unit, "%") == 0)
    return g_strconcat (number, "%", NULL);
  if (unit_is_currency (unit))
    return g_strconcat (unit, number, NULL);
  return g_strconcat (number, " ", unit, NULL);
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

static gboolean
role_is (const char *role,
         const char *name)
{
  return role != NULL && strcmp (role, name) == 0;
}

static gboolean
name_has_any_token (const char        *name,
                    const char *const *candidates)
{
  g_autofree char *norm = normalise_name (name);
  g_auto(GStrv) tokens = g_strsplit (norm, "_", -1);

  return has_any_token (tokens, candidates);
}

/* 0/1 values: a share of customers ("SeniorCitizen", "AcceptedCmp1", "Complain"). */
static gboolean
is_binary_feature (const SgNumericProfile *f)
{
  return (f->type == SG_COLUMN_INTEGER || f->type == SG_COLUMN_BOOLEAN) && f->min == 0 && f->max == 1;
}

/* Shares from 0 to 1 shown in per cent: "PURCHASES_FREQUENCY", "return_share", a 0/1 flag. */
static gboolean
is_share_feature (const SgNumericProfile *f)
{
  static const char *const share_tokens[] = { "frequency", "share", "rate", "ratio", "prc", "pct",
    "percent", "percentage", "proportion", "fraction", "probability", "prob", NULL };

  if (f->unit != NULL || is_date_type (f->type) || !(f->min >= 0 && f->max <= 1))
    return FALSE;
  return is_binary_feature (f) || role_is (f->role, "returns") || name_has_any_token (f->name, share_tokens);
}

/* "Year_Birth", "birth_year": a year, not an amount (no thousands separator). */
static gboolean
is_birth_year (const SgNumericProfile *f)
{
  static const char *const birth[] = { "birth", "born", "yob", NULL };
  static const char *const year[] = { "year", "yr", "yob", NULL };

  return name_has_any_token (f->name, birth) && name_has_any_token (f->name, year)
         && f->min >= 1800 && f->max <= 2200;
}

static gboolean
unit_is_time (const char *unit)
{
  return unit != NULL && (strcmp (unit, _("days")) == 0 || strcmp (unit, _("weeks")) == 0
                          || strcmp (unit, _("months")) == 0 || strcmp (unit, _("years")) == 0);
}

/* @value of @f as a reader wants it: rounded to what matters, a share in per cent, a date as month
 * and year; in its unit unless @bare (a word unit like "days" is said once per sentence). */
static char *
reader_value (const SgNumericProfile *f,
              double                  value,
              gboolean                precise,
              gboolean                bare)
{
  g_autofree char *number = NULL;

  if (isnan (value))
    return g_strdup ("–");
  if (is_date_type (f->type))
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc ((gint64) floor (value));

      return dt == NULL ? g_strdup ("–") : g_date_time_format (dt, precise ? "%Y-%m-%d" : "%b %Y");
    }
  if (is_share_feature (f))
    return precise ? g_strdup_printf ("%.1f%%", value * 100.0) : format_percent (value);
  if (is_birth_year (f))
    return g_strdup_printf ("%.0f", value);
  number = precise ? sg_profile_format_number (value) : sg_profile_format_amount (value);
  if (bare && f->unit != NULL && !unit_is_currency (f->unit) && strcmp (f->unit, "%") != 0)
    return g_steal_pointer (&number);
  return format_with_unit (number, f->unit);
}

/* Decimals sg_profile_format_amount() gives @value. */
static int
amount_decimals (double value)
{
  double a = fabs (value);

  if (a >= 9.95 || a == 0 || !isfinite (a))
    return 0;
  if (a >= 0.995)
    return 1;
  return MIN ((int) ceil (-log10 (a)) + 1, 12);
}

/* The segment's and the overall value. The smaller takes no more decimals than the larger needs
 * (at least one): "0.01 (overall 0.51)", not "0.0057 (overall 0.51)"; both take more digits when
 * rounding would make them look equal. */
static void
reader_pair (const SgNumericProfile *f,
             double                  segment,
             double                  overall,
             gboolean                bare_overall,
             char                  **segment_text,
             char                  **overall_text)
{
  g_autofree char *a = NULL, *b = NULL;
  gboolean plain = !is_date_type (f->type) && !is_share_feature (f) && !is_birth_year (f)
                   && isfinite (segment) && isfinite (overall);
  gboolean bare_unit = f->unit != NULL && !unit_is_currency (f->unit) && strcmp (f->unit, "%") != 0;

  if (!plain)
    {
      a = reader_value (f, segment, FALSE, TRUE);
      b = reader_value (f, overall, FALSE, TRUE);
      if (strcmp (a, b) == 0 && segment != overall)
        {
          *segment_text = reader_value (f, segment, TRUE, FALSE);
          *overall_text = reader_value (f, overall, TRUE, bare_overall);
        }
      else
        {
          *segment_text = reader_value (f, segment, FALSE, FALSE);
          *overall_text = reader_value (f, overall, FALSE, bare_overall);
        }
      return;
    }
  {
    int da = amount_decimals (segment), db = amount_decimals (overall);
    int cap = MAX (MIN (da, db), 1);

    if (da > cap && fabs (segment) < fabs (overall))
      da = cap;
    if (db > cap && fabs (overall) < fabs (segment))
      db = cap;
    a = finish_number (format_grouped (segment, da));
    b = finish_number (format_grouped (overall, db));
    if (strcmp (a, b) == 0 && segment != overall)
      {
        g_free (a);
        g_free (b);
        a = sg_profile_format_number (segment);
        b = sg_profile_format_number (overall);
      }
    else if (strcmp (a, "0") == 0 && segment != 0)
      {
        /* "<0.01": there are some, fewer than the precision shows */
        GString *tiny = g_string_new (da == 0 ? "<1" : "<0.");

        for (int i = 1; i < da; i++)
          g_string_append_c (tiny, '0');
        if (da > 0)
          g_string_append_c (tiny, '1');
        g_free (a);
        a = g_string_free (tiny, FALSE);
      }
  }
  *segment_text = format_with_unit (a, f->unit);
  *overall_text = bare_overall && bare_unit ? g_strdup (b) : format_with_unit (b, f->unit);
}

char *
sg_profile_format_value (const SgNumericProfile *feature,
                         double                  value)
{
  return reader_value (feature, value, FALSE, FALSE);
}

typedef enum {
  PHRASE_OFTEN,      /* "4.1× as often as", "35% more often than", "60% less often than" */
  PHRASE_MUCH,       /* "4.1× as much as", "35% more than", "60% less than" */
  PHRASE_PER_ORDER,  /* "4.1× as much per order as", "35% more per order than", "60% less per order than" */
  PHRASE_TIMES,      /* "4.1× the", "35% above the", "60% below the" */
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
        case PHRASE_PER_ORDER:
          return g_strdup_printf (_("%.1f× as much per order as"), ratio);
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
        case PHRASE_PER_ORDER:
          return g_strdup (_("about as much per order as"));
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
        case PHRASE_PER_ORDER:
          return g_strdup_printf (_("%.0f%% more per order than"), pct);
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
    case PHRASE_PER_ORDER:
      return g_strdup_printf (_("%.0f%% less per order than"), pct);
    case PHRASE_TIMES:
    default:
      return g_strdup_printf (_("%.0f%% below the"), pct);
    }
}

/* A share in words where a simple fraction says it ("a third"), else in per cent. */
static char *
share_in_words (double share)
{
  static const struct { double value; const char *words; } fractions[] = {
    { 1.0 / 10, N_("a tenth") }, { 1.0 / 5, N_("a fifth") }, { 1.0 / 4, N_("a quarter") },
    { 1.0 / 3, N_("a third") }, { 1.0 / 2, N_("half") }, { 2.0 / 3, N_("two thirds") },
    { 3.0 / 4, N_("three quarters") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fractions); i++)
    {
      double off = fabs (share - fractions[i].value) / fractions[i].value;

      if (off <= 0.03)
        return g_strdup (_(fractions[i].words));
      if (off <= 0.08)
        return g_strdup_printf (_("about %s"), _(fractions[i].words));
    }
  return format_percent (share);
}

/* "+99%", "−27%": a spend trend from −1 to +1 in per cent. */
static char *
signed_percent (double value)
{
  double pct = round (value * 100.0);

  if (pct == 0)
    return g_strdup ("0%");
  return g_strdup_printf ("%s%.0f%%", pct > 0 ? "+" : "−", fabs (pct));
}

/* "orders_90d" → 90: orders counted over a window of days. */
static guint
order_window_days (const char *name)
{
  g_autofree char *norm = normalise_name (name);
  g_auto(GStrv) tokens = g_strsplit (norm, "_", -1);
  guint days = 0;

  if (!has_token (tokens, "orders") && !has_token (tokens, "purchases"))
    return 0;
  for (guint i = 0; tokens[i] != NULL; i++)
    {
      char *end = NULL;
      guint64 n = g_ascii_strtoull (tokens[i], &end, 10);

      if (end != tokens[i] && end != NULL && strcmp (end, "d") == 0 && n > 0 && n < 10000)
        days = (guint) n;
    }
  return days;
}

/* Columns that count orders: their values read as "17 orders". */
static gboolean
counts_orders (const SgNumericProfile *f)
{
  static const char *const names[] = { "frequency", "orders", "n_orders", "num_orders",
    "number_of_orders", "order_count", "orders_count", "n_invoices", "invoices", NULL };
  g_autofree char *norm = normalise_name (f->name);

  return role_is (f->role, "frequency") && g_strv_contains (names, norm);
}

static char *
trend_sentence (const SgNumericProfile *f,
                double                  segment)
{
  g_autofree char *norm = normalise_name (f->name);
  g_autofree char *seg = signed_percent (segment);
  g_autofree char *all = signed_percent (f->mean);
  const char *judgement;

  if (segment >= 0.6)
    judgement = _("Spending is up sharply");
  else if (segment >= 0.15)
    judgement = _("Spending is growing");
  else if (segment > -0.15)
    judgement = _("Spending is steady");
  else if (segment > -0.6)
    judgement = _("Spending is falling");
  else
    judgement = _("Spending has dropped sharply");
  if (strcmp (norm, "spend_trend") == 0)
    /* TRANSLATORS: "Spending is growing, last 90 days against the 90 before: trend +35% (overall +15%)" */
    return g_strdup_printf (_("%s, last 90 days against the 90 before: trend %s (overall %s)"), judgement, seg, all);
  /* TRANSLATORS: "Spending is growing: trend +35% (overall +15%)" */
  return g_strdup_printf (_("%s: trend %s (overall %s)"), judgement, seg, all);
}

static char *
returns_sentence (const SgNumericProfile *f,
                  double                  segment)
{
  double scale = f->max > 1 ? 0.01 : 1.0;   /* per cent or a share */
  double share = segment * scale;
  g_autofree char *all = format_percent (f->mean * scale);

  if (share < 0.01)
    {
      g_autofree char *seg = format_percent (share);

      return g_strdup_printf (_("Hardly ever returns anything: %s of what they buy (overall %s)"), seg, all);
    }
  {
    g_autofree char *seg = share_in_words (share);

    return g_strdup_printf (_("Returns %s of what they buy (overall %s)"), seg, all);
  }
}

static char *
date_sentence (const SgNumericProfile *f,
               const char             *label,
               gboolean                later,
               const char             *seg,
               const char             *all)
{
  if (role_is (f->role, "recency"))
    return later ? g_strdup_printf (_("Bought more recently: last purchase around %s on average (overall %s)"), seg, all)
                 : g_strdup_printf (_("Not seen for a while: last purchase around %s on average (overall %s)"), seg, all);
  if (role_is (f->role, "tenure"))
    return later ? g_strdup_printf (_("Joined more recently: around %s on average (overall %s)"), seg, all)
                 : g_strdup_printf (_("Long-standing customers: joined around %s on average (overall %s)"), seg, all);
  return later ? g_strdup_printf (_("%s later than average: around %s (overall %s)"), label, seg, all)
               : g_strdup_printf (_("%s earlier than average: around %s (overall %s)"), label, seg, all);
}

static char *
numeric_sentence (const SgNumericProfile *f,
                  guint                   s)
{
  const SgNumericSegmentStats *st = &f->segments[s];
  g_autofree char *label = sg_column_display_name (f->name);        /* "Annual Income", at the start */
  g_autofree char *phrase_name = sg_column_display_phrase (f->name); /* "annual income", inside */
  gboolean ratio_ok = f->index_status == SG_INDEX_OK && !isnan (st->index);
  double ratio = ratio_ok ? st->index / 100.0 : NAN;
  gboolean higher = st->mean > f->mean;
  gboolean time_unit = f->unit == NULL || unit_is_time (f->unit);
  g_autofree char *seg = NULL, *all = NULL, *phrase = NULL;
  guint window;

  if (label[0] != '\0')
    label[0] = g_ascii_toupper (label[0]);
  if (is_date_type (f->type))
    {
      reader_pair (f, st->mean, f->mean, FALSE, &seg, &all);
      return date_sentence (f, label, higher, seg, all);
    }

  if (role_is (f->role, "trend") && f->min >= -1 && f->max <= 1)
    return trend_sentence (f, st->mean);
  if (role_is (f->role, "returns") && (f->max <= 1 || g_strcmp0 (f->unit, "%") == 0))
    return returns_sentence (f, st->mean);

  if ((role_is (f->role, "recency") || role_is (f->role, "tenure") || role_is (f->role, "interpurchase"))
      && time_unit)
    {
      /* counts of days (or the unit the name gives): "605 days ago (overall 177)" */
      SgNumericProfile days = *f;
      double r = f->mean > 0 ? st->mean / f->mean : NAN;

      if (days.unit == NULL && !role_is (f->role, "tenure"))
        days.unit = (char *) _("days");
      reader_pair (&days, st->mean, f->mean, TRUE, &seg, &all);
      if (role_is (f->role, "interpurchase"))
        return g_strdup_printf (_("Buys every %s on average (overall every %s)"), seg, all);
      if (role_is (f->role, "recency"))
        {
          if (r >= 1.5)
            return g_strdup_printf (_("Not seen for a while: last purchase %s ago on average (overall %s)"), seg, all);
          if (r <= 1 / 1.5)
            return g_strdup_printf (_("Bought recently: last purchase %s ago on average (overall %s)"), seg, all);
          return g_strdup_printf (_("Last purchase %s ago on average (overall %s)"), seg, all);
        }
      if (days.unit == NULL)
        {
          /* a tenure without a unit (months, often) */
          if (r <= 1 / 1.5)
            return g_strdup_printf (_("Newer customers: tenure %s on average (overall %s)"), seg, all);
          if (r >= 1.5)
            return g_strdup_printf (_("Long-standing customers: tenure %s on average (overall %s)"), seg, all);
          return g_strdup_printf (_("Tenure %s on average (overall %s)"), seg, all);
        }
      if (r <= 1 / 1.5)
        return g_strdup_printf (_("Joined recently: %s ago on average (overall %s)"), seg, all);
      if (r >= 1.5)
        return g_strdup_printf (_("Long-standing customers: joined %s ago on average (overall %s)"), seg, all);
      return g_strdup_printf (_("Joined %s ago on average (overall %s)"), seg, all);
    }

  reader_pair (f, st->mean, f->mean, FALSE, &seg, &all);
  if (role_is (f->role, "categories"))
    return g_strdup_printf (_("Buys from %s product categories on average (overall %s)"), seg, all);
  if (role_is (f->role, "age"))
    return higher ? g_strdup_printf (_("Older: aged %s on average (overall %s)"), seg, all)
                  : g_strdup_printf (_("Younger: aged %s on average (overall %s)"), seg, all);
  if (is_birth_year (f))
    return higher ? g_strdup_printf (_("Younger: born around %s on average (overall %s)"), seg, all)
                  : g_strdup_printf (_("Older: born around %s on average (overall %s)"), seg, all);
  if (role_is (f->role, "children"))
    {
      /* TRANSLATORS: "No teenagers at home (overall 0.51 on average)" */
      if (st->mean == 0 && f->mean > 0)
        return g_strdup_printf (_("No %s (overall %s on average)"), phrase_name, all);
      if (st->mean < 0.05 && f->mean >= 0.2)
        return g_strdup_printf (_("Hardly any %s (overall %s on average)"), phrase_name, all);
      /* TRANSLATORS: "More teenagers at home than average: 0.89 on average (overall 0.51)" */
      return higher ? g_strdup_printf (_("More %s than average: %s on average (overall %s)"), phrase_name, seg, all)
                    : g_strdup_printf (_("Fewer %s than average: %s on average (overall %s)"), phrase_name, seg, all);
    }
  if (role_is (f->role, "frequency") && (window = order_window_days (f->name)) > 0)
    return g_strdup_printf (_("Placed %s orders in the last %u days on average (overall %s)"), seg, window, all);
  if ((role_is (f->role, "r_score") || role_is (f->role, "f_score") || role_is (f->role, "m_score"))
      && f->min >= 1 && f->max <= 5)
    return g_strdup_printf (_("%s %s out of 5 on average (overall %s)"), label, seg, all);

  if (!ratio_ok)
    return higher ? g_strdup_printf (_("%s higher than average: %s (overall %s)"), label, seg, all)
                  : g_strdup_printf (_("%s lower than average: %s (overall %s)"), label, seg, all);
  if (role_is (f->role, "frequency"))
    {
      phrase = ratio_phrase (ratio, PHRASE_OFTEN);
      if (counts_orders (f))
        return g_strdup_printf (_("Buys %s the average customer (%s orders, overall %s)"), phrase, seg, all);
      return g_strdup_printf (_("Buys %s the average customer (%s %s, overall %s)"), phrase, phrase_name, seg, all);
    }
  if (role_is (f->role, "monetary"))
    {
      phrase = ratio_phrase (ratio, PHRASE_MUCH);
      return g_strdup_printf (_("Spends %s the average customer (%s %s, overall %s)"), phrase, phrase_name, seg, all);
    }
  if (role_is (f->role, "income"))
    {
      phrase = ratio_phrase (ratio, PHRASE_MUCH);
      return g_strdup_printf (_("Earns %s the average customer (%s %s, overall %s)"), phrase, phrase_name, seg, all);
    }
  if (role_is (f->role, "order_value"))
    {
      phrase = ratio_phrase (ratio, PHRASE_PER_ORDER);
      return g_strdup_printf (_("Spends %s the average customer (%s %s, overall %s)"), phrase, phrase_name, seg, all);
    }
  if (role_is (f->role, "discount"))
    {
      phrase = ratio_phrase (ratio, PHRASE_OFTEN);
      return g_strdup_printf (_("Buys on deals %s the average customer (%s %s, overall %s)"), phrase, phrase_name, seg, all);
    }
  if (role_is (f->role, "engagement"))
    {
      static const char *const visits[] = { "visit", "visits", "session", "sessions", NULL };

      phrase = ratio_phrase (ratio, PHRASE_OFTEN);
      if (name_has_any_token (f->name, visits))
        return g_strdup_printf (_("Visits %s the average customer (%s %s, overall %s)"), phrase, phrase_name, seg, all);
      return g_strdup_printf (_("Engages %s the average customer (%s %s, overall %s)"), phrase, phrase_name, seg, all);
    }
  if (role_is (f->role, "support"))
    {
      phrase = ratio_phrase (ratio, PHRASE_OFTEN);
      return g_strdup_printf (_("Contacts support %s the average customer (%s %s, overall %s)"), phrase, phrase_name, seg, all);
    }
  if (role_is (f->role, "returns"))
    {
      phrase = ratio_phrase (ratio, PHRASE_OFTEN);
      return g_strdup_printf (_("Returns items %s the average customer (%s %s, overall %s)"), phrase, phrase_name, seg, all);
    }
  if (is_binary_feature (f))
    /* TRANSLATORS: a yes/no column as the share of customers with yes: "Senior citizen: 80% (overall 30%)" */
    return g_strdup_printf (_("%s: %s (overall %s)"), label, seg, all);
  if (is_share_feature (f))
    {
      /* a share against a share: "2.1× the average" of 40% against 19% still reads; "11% below
       * the average" of 78% against 88% does not */
      if (ratio >= 1.5)
        return g_strdup_printf (_("%s %.1f× the average: %s (overall %s)"), label, ratio, seg, all);
      return higher ? g_strdup_printf (_("%s higher than average: %s (overall %s)"), label, seg, all)
                    : g_strdup_printf (_("%s lower than average: %s (overall %s)"), label, seg, all);
    }
  phrase = ratio_phrase (ratio, PHRASE_TIMES);
  /* TRANSLATORS: "Grocery 2.2× the average: 17,591 (overall 7,951)"; "Balance 68% below the average: …" */
  return g_strdup_printf (_("%s %s average: %s (overall %s)"), label, phrase, seg, all);
}

/* "Male" → "male": a plain capitalised word reads lower case inside a sentence. */
static char *
level_in_sentence (const char *level)
{
  char *text = g_strdup (level);

  if (g_ascii_isupper (text[0]) && text[1] != '\0' && !has_upper (text + 1) && strchr (text, ' ') == NULL)
    text[0] = g_ascii_tolower (text[0]);
  return text;
}

static gboolean
is_favourite_channel (const SgCategoricalProfile *f)
{
  static const char *const favourite[] = { "favourite", "favorite", "preferred", "main", "usual",
    "top", "primary", NULL };

  return name_has_any_token (f->name, favourite);
}

static char *
level_sentence (const SgCategoricalProfile *f,
                guint                       level,
                guint                       s)
{
  const SgLevelProfile *lv = &f->levels[level];
  g_autofree char *label = sg_column_display_name (f->name);
  g_autofree char *seg = format_percent (lv->shares[s]);
  g_autofree char *all = format_percent (lv->share);
  gboolean none = lv->counts[s] == 0;
  gboolean fewer = lv->shares[s] < lv->share;
  const char *value = lv->level;

  if (label[0] != '\0')
    label[0] = g_ascii_toupper (label[0]);
  if (role_is (f->role, "country") || role_is (f->role, "location"))
    {
      if (none)
        return g_strdup_printf (_("None are from %s (overall %s)"), value, all);
      return fewer ? g_strdup_printf (_("Only %s are from %s (overall %s)"), seg, value, all)
                   : g_strdup_printf (_("%s are from %s (overall %s)"), seg, value, all);
    }
  if (role_is (f->role, "gender"))
    {
      g_autofree char *word = level_in_sentence (value);

      if (none)
        return g_strdup_printf (_("None are %s (overall %s)"), word, all);
      return fewer ? g_strdup_printf (_("Only %s are %s (overall %s)"), seg, word, all)
                   : g_strdup_printf (_("%s are %s (overall %s)"), seg, word, all);
    }
  if (role_is (f->role, "channel") && is_favourite_channel (f))
    {
      if (none)
        return g_strdup_printf (_("None buy mostly through the %s channel (overall %s)"), value, all);
      return fewer ? g_strdup_printf (_("Only %s buy mostly through the %s channel (overall %s)"), seg, value, all)
                   : g_strdup_printf (_("%s buy mostly through the %s channel (overall %s)"), seg, value, all);
    }
  if (role_is (f->role, "channel"))
    {
      if (none)
        return g_strdup_printf (_("None came through %s (overall %s)"), value, all);
      return fewer ? g_strdup_printf (_("Only %s came through %s (overall %s)"), seg, value, all)
                   : g_strdup_printf (_("%s came through %s (overall %s)"), seg, value, all);
    }
  if (role_is (f->role, "favourite_category"))
    {
      if (none)
        return g_strdup_printf (_("%s is the favourite category of none (overall %s)"), value, all);
      return fewer ? g_strdup_printf (_("%s is the favourite category of only %s (overall %s)"), value, seg, all)
                   : g_strdup_printf (_("%s is the favourite category of %s (overall %s)"), value, seg, all);
    }
  if (role_is (f->role, "rfm_segment"))
    {
      if (none)
        return g_strdup_printf (_("None are in the RFM group “%s” (overall %s)"), value, all);
      return fewer ? g_strdup_printf (_("Only %s are in the RFM group “%s” (overall %s)"), seg, value, all)
                   : g_strdup_printf (_("%s are in the RFM group “%s” (overall %s)"), seg, value, all);
    }
  if (role_is (f->role, "rfm_score"))
    {
      if (none)
        return g_strdup_printf (_("None have the RFM score %s (overall %s)"), value, all);
      return fewer ? g_strdup_printf (_("Only %s have the RFM score %s (overall %s)"), seg, value, all)
                   : g_strdup_printf (_("%s have the RFM score %s (overall %s)"), seg, value, all);
    }
  /* TRANSLATORS: "Contract is “Month-to-month” for 86% (overall 55%)" */
  if (none)
    return g_strdup_printf (_("%s is “%s” for none (overall %s)"), label, value, all);
  return fewer ? g_strdup_printf (_("%s is “%s” for only %s (overall %s)"), label, value, seg, all)
               : g_strdup_printf (_("%s is “%s” for %s (overall %s)"), label, value, seg, all);
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

/* Facts told only when nothing else sets a segment apart: the RFM scores restate recency, frequency
 * and spend, and a channel or region coded 1, 2, 3 has no average worth saying. */
static gboolean
in_background (const SgProfile     *profile,
               const SgDistinctive *d)
{
  static const char *const numeric_roles[] = { "r_score", "f_score", "m_score", "rfm_score",
    "rfm_segment", "channel", "country", "location", "gender", "id", "favourite_category", NULL };
  const char *role = d->kind == SG_DISTINCTIVE_NUMERIC ? profile->numeric[d->feature].role
                                                       : profile->categorical[d->feature].role;

  if (role == NULL)
    return FALSE;
  if (d->kind == SG_DISTINCTIVE_NUMERIC)
    return g_strv_contains (numeric_roles, role);
  return strcmp (role, "rfm_score") == 0 || strcmp (role, "id") == 0;
}

/* A profiled-only column that says again what a clustering feature of the same role says
 * ("orders_365d" beside "frequency", "signup_date" beside "tenure_days"), or what a stronger
 * profiled-only one already said. Clustering features are never repeats of each other: several
 * spend or purchase columns each say something of their own. A level is a repeat when another
 * column's level already told has the same customers (in segment @s and overall). */
static gboolean
is_repeat (const SgProfile     *profile,
           guint                s,
           const GArray        *candidates,
           const GArray        *chosen,
           const SgDistinctive *d)
{
  const SgNumericProfile *f;

  if (d->kind != SG_DISTINCTIVE_NUMERIC)
    {
      /* the same customers under another column: "No internet service" for online security, online
       * backup, device protection… */
      const SgLevelProfile *lv = &profile->categorical[d->feature].levels[d->level];

      for (guint i = 0; i < chosen->len; i++)
        {
          const SgDistinctive *c = &g_array_index (chosen, SgDistinctive, i);
          const SgLevelProfile *other;

          if (c->kind != SG_DISTINCTIVE_LEVEL)
            continue;
          other = &profile->categorical[c->feature].levels[c->level];
          if (other->count == lv->count && other->counts[s] == lv->counts[s])
            return TRUE;
        }
      return FALSE;
    }
  f = &profile->numeric[d->feature];
  if (f->clustered || f->role == NULL)
    return FALSE;
  for (guint i = 0; i < candidates->len; i++)
    {
      const SgDistinctive *c = &g_array_index (candidates, SgDistinctive, i);
      const SgNumericProfile *g;

      if (c->kind != SG_DISTINCTIVE_NUMERIC || c->feature == d->feature)
        continue;
      g = &profile->numeric[c->feature];
      if (g->clustered && role_is (g->role, f->role))
        return TRUE;
    }
  for (guint i = 0; i < chosen->len; i++)
    {
      const SgDistinctive *c = &g_array_index (chosen, SgDistinctive, i);

      if (c->kind == SG_DISTINCTIVE_NUMERIC && role_is (profile->numeric[c->feature].role, f->role))
        return TRUE;
    }
  return FALSE;
}

/* The facts to tell, strongest first: no repeats, background facts only when there is nothing else. */
static GArray *
select_distinctive (const SgProfile *profile,
                    guint            s,
                    const GArray    *sorted,
                    guint            max)
{
  GArray *chosen = g_array_new (FALSE, TRUE, sizeof (SgDistinctive));

  for (guint pass = 0; pass < 2 && chosen->len == 0; pass++)
    for (guint i = 0; i < sorted->len && chosen->len < max; i++)
      {
        const SgDistinctive *d = &g_array_index (sorted, SgDistinctive, i);

        if (in_background (profile, d) != (pass == 1) || is_repeat (profile, s, sorted, chosen, d))
          continue;
        g_array_append_val (chosen, *d);
      }
  return chosen;
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
      {
        GArray *told = select_distinctive (profile, s, list, max_distinctive);

        g_array_unref (list);
        list = told;
      }
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

/* A segment's distinctive features, most distinctive first; @with_column adds each one's table column
 * (the whole profile's JSON has it, one segment's does not). */
static void
add_distinctive (JsonBuilder            *builder,
                 const SgProfile        *profile,
                 const SgSegmentProfile *segment,
                 gboolean                with_column)
{
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
      if (with_column)
        sg_json_add_int (builder, "column", numeric ? profile->numeric[d->feature].column
                                                    : profile->categorical[d->feature].column);
      if (!numeric)
        sg_json_add_string (builder, "level", profile->categorical[d->feature].levels[d->level].level);
      sg_json_add_double (builder, "effect", d->effect);
      sg_json_add_string (builder, "sentence", d->sentence);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

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
      add_distinctive (builder, profile, segment, TRUE);
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
  add_distinctive (builder, profile, segment, FALSE);

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
