/* sg-naming.c — business names for segments
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "sg-json-private.h"
#include "sg-naming.h"

/* |d| from which a trait is "high" or "low": a medium effect (Cohen 1988). */
#define STRONG 0.5
/* A slightly older recency than the rest already means "at risk" for frequent buyers. */
#define RISING 0.25
/* A strong effect must also be a material one: with little spread inside segments, an average of
 * 96 % of everyone's gives a large d but is no "low spender". Where the index exists, high means
 * ≥ 120 (and rising ≥ 110), low ≤ 100/1.2. */
#define INDEX_HIGH   120.0
#define INDEX_RISING 110.0
#define INDEX_LOW    (100.0 / 1.2)

static gboolean
is_high (double d,
         double index)
{
  return d >= STRONG && (isnan (index) || index >= INDEX_HIGH);
}

static gboolean
is_low (double d,
        double index)
{
  return d <= -STRONG && (isnan (index) || index <= INDEX_LOW);
}

enum {
  R_RECENCY,
  R_FREQUENCY,
  R_MONETARY,
  R_ORDER_VALUE,
  R_DISCOUNT,
  R_ENGAGEMENT,
  R_TENURE,
  R_SUPPORT,
  R_AGE,
  R_INCOME,
  R_CHILDREN,
  R_INTERPURCHASE,
  R_TREND,
  R_CATEGORIES,
  R_RETURNS,
  N_ROLES
};

static const char *const role_names[N_ROLES] = {
  "recency", "frequency", "monetary", "order_value", "discount", "engagement", "tenure", "support",
  "age", "income", "children", "interpurchase", "trend", "categories", "returns",
};

/* How a rule text calls each role: the stored role names where people know them ("recency",
 * "monetary"), words for the others. */
static const char *
role_label (int role)
{
  switch (role)
    {
    case R_ORDER_VALUE:
      return _("order value");
    case R_INTERPURCHASE:
      return _("days between purchases");
    case R_TREND:
      return _("spend trend");
    case R_CATEGORIES:
      return _("product categories");
    case R_RETURNS:
      return _("return rate");
    default:
      return role_names[role];
    }
}

static int
role_from_string (const char *role)
{
  if (role == NULL)
    return -1;
  for (int r = 0; r < N_ROLES; r++)
    if (strcmp (role, role_names[r]) == 0)
      return r;
  return -1;
}

/* The RFM scores stand in for recency, frequency and spend where the data has no such column (a
 * table of scores only); a high R score means a recent purchase, the opposite of recency. */
static int
score_base_role (const char *role,
                 gboolean   *inverted)
{
  *inverted = FALSE;
  if (role == NULL)
    return -1;
  if (strcmp (role, "r_score") == 0)
    {
      *inverted = TRUE;
      return R_RECENCY;
    }
  if (strcmp (role, "f_score") == 0)
    return R_FREQUENCY;
  if (strcmp (role, "m_score") == 0)
    return R_MONETARY;
  return -1;
}

/* The role a feature speaks for in names: its own, or the one its RFM score stands in for. */
static int
feature_role (const SgNumericProfile *feature,
              gboolean               *inverted)
{
  int role = role_from_string (feature->role);

  *inverted = FALSE;
  return role >= 0 ? role : score_base_role (feature->role, inverted);
}

/* For dates, a larger value means more recent (recency) or a later start (tenure): the opposite of
 * "days since last purchase" and "months as a customer"; so does a larger R score. */
static double
oriented_d (const SgNumericProfile *feature,
            guint                   s)
{
  double d = feature->segments[s].cohens_d;
  gboolean inverted;
  int role = feature_role (feature, &inverted);

  if (inverted)
    return -d;
  if ((feature->type == SG_COLUMN_DATE || feature->type == SG_COLUMN_DATETIME)
      && (role == R_RECENCY || role == R_TENURE))
    return -d;
  return d;
}

static double
oriented_index (const SgNumericProfile *feature,
                guint                   s)
{
  gboolean inverted;

  feature_role (feature, &inverted);
  return inverted ? NAN : feature->segments[s].index;
}

typedef struct {
  gboolean present;
  double   d;         /* mean Cohen's d over the role's columns, oriented */
  double   index;     /* mean index over those with one; NaN if none */
  double   mean;      /* mean of the segment's averages over those columns (as they are) */
  double   share;     /* the same as a share from 0 to 1 where the columns hold shares or per cent;
                       * NaN otherwise */
  guint    n_columns;
} Signal;

/* A column of shares (0 to 1) or of per cent: the share of @value, else NaN. */
static double
as_share (const SgNumericProfile *feature,
          double                  value)
{
  if (feature->min >= 0 && feature->max <= 1)
    return value;
  if (g_strcmp0 (feature->unit, "%") == 0)
    return value / 100.0;
  return NAN;
}

static void
compute_signals (const SgProfile *profile,
                 guint            s,
                 Signal          *signals)
{
  for (int r = 0; r < N_ROLES; r++)
    {
      gboolean any_clustered = FALSE, any_plain = FALSE;
      double sum_d = 0, sum_index = 0, sum_mean = 0, sum_share = 0;
      guint n_d = 0, n_index = 0, n_share = 0;

      /* a role's own columns first; RFM scores only where it has none */
      for (guint f = 0; f < profile->n_numeric; f++)
        if (role_from_string (profile->numeric[f].role) == r)
          any_plain = TRUE;
      for (guint f = 0; f < profile->n_numeric; f++)
        {
          const SgNumericProfile *feature = &profile->numeric[f];
          gboolean inverted;

          if (feature_role (feature, &inverted) == r && feature->clustered
              && (role_from_string (feature->role) == r || !any_plain))
            any_clustered = TRUE;
        }
      for (guint f = 0; f < profile->n_numeric; f++)
        {
          const SgNumericProfile *feature = &profile->numeric[f];
          gboolean inverted;
          double index, share;

          if (feature_role (feature, &inverted) != r || (any_plain && role_from_string (feature->role) != r)
              || (any_clustered && !feature->clustered) || feature->segments[s].n == 0)
            continue;
          sum_d += oriented_d (feature, s);
          sum_mean += feature->segments[s].mean;
          n_d++;
          index = oriented_index (feature, s);
          if (!isnan (index))
            {
              sum_index += index;
              n_index++;
            }
          share = as_share (feature, feature->segments[s].mean);
          if (!isnan (share))
            {
              sum_share += share;
              n_share++;
            }
        }
      signals[r].present = n_d > 0;
      signals[r].d = n_d > 0 ? sum_d / n_d : 0;
      signals[r].index = n_index > 0 ? sum_index / n_index : NAN;
      signals[r].mean = n_d > 0 ? sum_mean / n_d : NAN;
      signals[r].share = n_share > 0 && n_share == n_d ? sum_share / n_share : NAN;
      signals[r].n_columns = n_d;
    }
}

typedef enum {
  C_HIGH,        /* present and high (is_high) */
  C_LOW,         /* present and low (is_low) */
  C_RISING,      /* present, d ≥ RISING and index ≥ INDEX_RISING */
  C_NOT_HIGH,    /* absent, or not high */
  C_NOT_LOW,     /* absent, or not low */
  C_ABSENT,      /* no column has the role */
  C_UP,          /* high, and the segment's own average is clearly positive (a trend that grows) */
  C_DOWN,        /* low, and the segment's own average is clearly negative (a trend that falls) */
  C_MANY,        /* high, and a material share where the column holds shares (a tenth returned) */
} CondKind;

/* A trend is "growing" from +0.15 on its −1…+1 scale, returns are "serial" from a tenth of purchases. */
#define TREND_MATERIAL   0.15
#define SHARE_MATERIAL   0.10

typedef struct {
  int      role;
  CondKind kind;
} Cond;

typedef struct {
  const char *id;
  const char *name;
  Cond        conds[4];
  guint       n_conds;
  gboolean    lifecycle;   /* "Lapsed Serial Returners", "New Variety Seekers" where that holds */
} Rule;

/* In priority order: a segment takes the first rule it satisfies. */
static const Rule rules[] = {
  { SG_NAME_RULE_HIGH_VALUE_LOYALISTS, N_("High-Value Loyalists"),
    { { R_MONETARY, C_HIGH }, { R_FREQUENCY, C_HIGH }, { R_RECENCY, C_LOW } }, 3, FALSE },
  { SG_NAME_RULE_AT_RISK_FREQUENT, N_("At-Risk Frequent Buyers"),
    { { R_FREQUENCY, C_HIGH }, { R_RECENCY, C_RISING } }, 2, FALSE },
  { SG_NAME_RULE_HIGH_VALUE_FREQUENT, N_("High-Value Frequent Buyers"),
    { { R_MONETARY, C_HIGH }, { R_FREQUENCY, C_HIGH }, { R_RECENCY, C_NOT_HIGH } }, 3, FALSE },
  { SG_NAME_RULE_DORMANT_HIGH_SPENDERS, N_("Dormant High-Spenders"),
    { { R_MONETARY, C_HIGH }, { R_RECENCY, C_HIGH } }, 2, FALSE },
  { SG_NAME_RULE_SERIAL_RETURNERS, N_("Serial Returners"),
    { { R_RETURNS, C_MANY } }, 1, TRUE },
  { SG_NAME_RULE_BARGAIN_HUNTERS, N_("Bargain Hunters"),
    { { R_DISCOUNT, C_HIGH }, { R_ORDER_VALUE, C_LOW } }, 2, TRUE },
  { SG_NAME_RULE_BARGAIN_HUNTERS, N_("Bargain Hunters"),
    { { R_DISCOUNT, C_HIGH }, { R_ORDER_VALUE, C_ABSENT }, { R_MONETARY, C_NOT_HIGH } }, 3, TRUE },
  { SG_NAME_RULE_NEW_LOW_SPEND, N_("New Low-Spend Customers"),
    { { R_TENURE, C_LOW }, { R_MONETARY, C_LOW } }, 2, FALSE },
  { SG_NAME_RULE_NEW_LOW_SPEND, N_("New Low-Spend Customers"),
    { { R_TENURE, C_ABSENT }, { R_RECENCY, C_LOW }, { R_FREQUENCY, C_LOW }, { R_MONETARY, C_LOW } }, 4, FALSE },
  { SG_NAME_RULE_LAPSED_LOW_VALUE, N_("Lapsed Low-Value Customers"),
    { { R_RECENCY, C_HIGH }, { R_MONETARY, C_LOW } }, 2, FALSE },
  { SG_NAME_RULE_LAPSED_LOW_VALUE, N_("Lapsed Low-Value Customers"),
    { { R_RECENCY, C_HIGH }, { R_FREQUENCY, C_LOW } }, 2, FALSE },
  { SG_NAME_RULE_PROMISING_NEWCOMERS, N_("Promising Newcomers"),
    { { R_TENURE, C_LOW }, { R_RECENCY, C_LOW }, { R_MONETARY, C_NOT_LOW } }, 3, FALSE },
  { SG_NAME_RULE_RISING_STARS, N_("Rising Stars"),
    { { R_TREND, C_UP }, { R_MONETARY, C_HIGH }, { R_TENURE, C_NOT_LOW } }, 3, FALSE },
  { SG_NAME_RULE_LOYAL_REGULARS, N_("Loyal Regulars"),
    { { R_FREQUENCY, C_HIGH }, { R_RECENCY, C_NOT_HIGH } }, 2, FALSE },
  { SG_NAME_RULE_GROWING_SPENDERS, N_("Growing Spenders"),
    { { R_TREND, C_UP }, { R_TENURE, C_NOT_LOW }, { R_RECENCY, C_NOT_HIGH } }, 3, FALSE },
  { SG_NAME_RULE_DECLINING_SPENDERS, N_("Declining Spenders"),
    { { R_TREND, C_DOWN }, { R_RECENCY, C_NOT_HIGH } }, 2, FALSE },
  { SG_NAME_RULE_VARIETY_SEEKERS, N_("Variety Seekers"),
    { { R_CATEGORIES, C_HIGH } }, 1, TRUE },
  { SG_NAME_RULE_AFFLUENT_BIG_SPENDERS, N_("Affluent Big Spenders"),
    { { R_INCOME, C_HIGH }, { R_MONETARY, C_HIGH } }, 2, FALSE },
  { SG_NAME_RULE_AFFLUENT_CAREFUL, N_("Affluent Careful Spenders"),
    { { R_INCOME, C_HIGH }, { R_MONETARY, C_LOW } }, 2, FALSE },
  { SG_NAME_RULE_ASPIRATIONAL_SPENDERS, N_("Aspirational Spenders"),
    { { R_INCOME, C_LOW }, { R_MONETARY, C_HIGH } }, 2, FALSE },
  { SG_NAME_RULE_BUDGET_CONSCIOUS, N_("Budget-Conscious Customers"),
    { { R_INCOME, C_LOW }, { R_MONETARY, C_LOW } }, 2, FALSE },
};

static gboolean
cond_holds (const Cond   *cond,
            const Signal *signals)
{
  const Signal *sig = &signals[cond->role];

  switch (cond->kind)
    {
    case C_HIGH:
      return sig->present && is_high (sig->d, sig->index);
    case C_LOW:
      return sig->present && is_low (sig->d, sig->index);
    case C_RISING:
      return sig->present && sig->d >= RISING && (isnan (sig->index) || sig->index >= INDEX_RISING);
    case C_NOT_HIGH:
      return !sig->present || !is_high (sig->d, sig->index);
    case C_NOT_LOW:
      return !sig->present || !is_low (sig->d, sig->index);
    case C_UP:
      return sig->present && is_high (sig->d, sig->index) && sig->mean >= TREND_MATERIAL;
    case C_DOWN:
      return sig->present && is_low (sig->d, sig->index) && sig->mean <= -TREND_MATERIAL;
    case C_MANY:
      return sig->present && is_high (sig->d, sig->index) && (isnan (sig->share) || sig->share >= SHARE_MATERIAL);
    case C_ABSENT:
    default:
      return !sig->present;
    }
}

static gboolean
cond_is_evidence (const Cond *cond)
{
  return cond->kind == C_HIGH || cond->kind == C_LOW || cond->kind == C_RISING || cond->kind == C_UP
         || cond->kind == C_DOWN || cond->kind == C_MANY;
}

/* "monetary index 260", "recency 30% below average", "income above average (d = 1.2)" */
static char *
describe_signal (const char *label,
                 double      index,
                 double      d,
                 gboolean    as_percent)
{
  if (!isnan (index) && as_percent)
    {
      double pct = fabs (index - 100.0);

      if (index >= 100)
        return g_strdup_printf (_("%s %.0f%% above average"), label, pct);
      return g_strdup_printf (_("%s %.0f%% below average"), label, pct);
    }
  if (!isnan (index))
    return g_strdup_printf (_("%s index %.0f"), label, index);
  if (d >= 0)
    return g_strdup_printf (_("%s above average (d = %.1f)"), label, d);
  return g_strdup_printf (_("%s below average (d = %.1f)"), label, d);
}

static gboolean
role_reads_as_percent (int role)
{
  return role == R_RECENCY || role == R_AGE || role == R_TENURE || role == R_INTERPURCHASE;
}

/* Words for a trait: an adjective ("Young") and, for spend and frequency, a noun ("Big Spenders"). */
static const char *
role_adjective (int      role,
                gboolean high)
{
  switch (role)
    {
    case R_AGE:
      return high ? _("Older") : _("Young");
    case R_INCOME:
      return high ? _("High-Income") : _("Low-Income");
    case R_MONETARY:
      return high ? _("Big-Spending") : _("Low-Spending");
    case R_FREQUENCY:
      return high ? _("Frequent") : _("Occasional");
    case R_RECENCY:
      return high ? _("Lapsed") : _("Recently Active");
    case R_TENURE:
      return high ? _("Long-Standing") : _("New");
    case R_ENGAGEMENT:
      return high ? _("Highly Engaged") : _("Disengaged");
    case R_SUPPORT:
      return high ? _("Support-Heavy") : _("Low-Maintenance");
    case R_DISCOUNT:
      return high ? _("Deal-Seeking") : _("Full-Price");
    case R_ORDER_VALUE:
      return high ? _("Big-Basket") : _("Small-Basket");
    case R_CHILDREN:
      return high ? _("Family") : _("Child-Free");
    case R_INTERPURCHASE:
      return high ? _("Slow-Repeat") : _("Quick-Repeat");
    case R_TREND:
      return high ? _("Growing") : _("Declining");
    case R_CATEGORIES:
      return high ? _("Multi-Category") : _("Focused");
    case R_RETURNS:
      return high ? _("High-Return") : _("Low-Return");
    default:
      return NULL;
    }
}

static const char *
role_noun (int      role,
           gboolean high)
{
  switch (role)
    {
    case R_MONETARY:
      return high ? _("Big Spenders") : _("Careful Spenders");
    case R_FREQUENCY:
      return high ? _("Frequent Buyers") : _("Occasional Buyers");
    default:
      return NULL;
    }
}

static gboolean
is_small_word (const char *word)
{
  static const char *const small[] = { "a", "an", "and", "at", "by", "for", "in", "of", "on", "or",
    "per", "the", "to", "with", "vs", "&", NULL };

  return g_strv_contains (small, word);
}

/* "Detergents and paper" → "Detergents and Paper": a name's words capitalised, small words not. */
static char *
title_case (const char *text)
{
  g_auto(GStrv) words = g_strsplit (text, " ", -1);

  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0' && (i == 0 || !is_small_word (words[i])))
      words[i][0] = g_ascii_toupper (words[i][0]);
  return g_strjoinv (" ", words);
}

/* Words that carry meaning: "Detergents and Paper" has two. */
static guint
n_words (const char *text)
{
  g_auto(GStrv) words = g_strsplit (text, " ", -1);
  guint n = 0;

  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0' && !is_small_word (words[i]))
      n++;
  return n;
}

/* A column's name as a name's words: "Cash Advance", "Detergents and Paper". */
static char *
name_words (const SgNumericProfile *feature)
{
  g_autofree char *display = sg_column_display_name (feature->name);

  return title_case (display);
}

/* A trend above the rest's is not growing unless it grows: flat against falling is still flat. */
static gboolean
trend_says_nothing (const SgNumericProfile *feature,
                    double                  segment_mean,
                    double                  d)
{
  gboolean inverted;

  if (feature_role (feature, &inverted) != R_TREND)
    return FALSE;
  return d > 0 ? segment_mean < TREND_MATERIAL : segment_mean > -TREND_MATERIAL;
}

/* An adjective for a numeric feature of any role; "High Fresh" for a column without one. */
static char *
feature_adjective (const SgNumericProfile *feature,
                   double                  d)
{
  gboolean inverted;
  int role = feature_role (feature, &inverted);
  const char *word = role >= 0 ? role_adjective (role, d > 0) : NULL;
  g_autofree char *display = NULL;

  if (word != NULL)
    return g_strdup (word);
  display = name_words (feature);
  return g_strdup_printf (d > 0 ? _("High %s") : _("Low %s"), display);
}

static char *
describe_feature (const SgNumericProfile *feature,
                  guint                   s)
{
  gboolean inverted;
  int role = feature_role (feature, &inverted);
  g_autofree char *display = sg_column_display_phrase (feature->name);

  return describe_signal (role >= 0 ? role_label (role) : display, oriented_index (feature, s),
                          oriented_d (feature, s), role >= 0 && role_reads_as_percent (role));
}

typedef struct {
  char     *name;
  char     *rule_id;
  char     *rule_text;
  double    score;          /* strength of the evidence, to decide who keeps a contested name */
  gboolean  used_role[N_ROLES];
  GPtrArray *used_columns;  /* guint column indices (as pointers) the name rests on */
} Candidate;

static void
candidate_clear (Candidate *c)
{
  g_free (c->name);
  g_free (c->rule_id);
  g_free (c->rule_text);
  g_clear_pointer (&c->used_columns, g_ptr_array_unref);
}

static void
append_evidence (GString      *text,
                 Candidate    *out,
                 int           role,
                 const Signal *sig)
{
  g_autofree char *label = NULL;
  g_autofree char *part = NULL;

  out->used_role[role] = TRUE;
  out->score += fabs (sig->d);
  label = sig->n_columns > 1
          ? g_strdup_printf (_("%s (%u columns)"), role_label (role), sig->n_columns)
          : g_strdup (role_label (role));
  part = describe_signal (label, sig->index, sig->d, role_reads_as_percent (role));
  if (text->len > 0)
    g_string_append (text, ", ");
  g_string_append (text, part);
}

static gboolean
try_rules (const SgProfile *profile,
           const Signal    *signals,
           Candidate       *out)
{
  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      const Rule *rule = &rules[i];
      gboolean all = TRUE;
      g_autoptr(GString) text = NULL;
      const char *stage = NULL;

      for (guint c = 0; c < rule->n_conds && all; c++)
        all = cond_holds (&rule->conds[c], signals);
      if (!all)
        continue;
      text = g_string_new (NULL);
      out->score = 0;
      for (guint c = 0; c < rule->n_conds; c++)
        if (cond_is_evidence (&rule->conds[c]))
          append_evidence (text, out, rule->conds[c].role, &signals[rule->conds[c].role]);
      if (rule->lifecycle)
        {
          /* where they are in their life as customers, when that stands out */
          Cond lapsed = { R_RECENCY, C_HIGH }, fresh = { R_TENURE, C_LOW };

          if (cond_holds (&lapsed, signals))
            {
              stage = _("Lapsed");
              append_evidence (text, out, R_RECENCY, &signals[R_RECENCY]);
            }
          else if (cond_holds (&fresh, signals))
            {
              stage = _("New");
              append_evidence (text, out, R_TENURE, &signals[R_TENURE]);
            }
        }
      out->name = stage != NULL ? g_strdup_printf ("%s %s", stage, _(rule->name)) : g_strdup (_(rule->name));
      out->rule_id = g_strdup (rule->id);
      g_string_append_printf (text, " → %s", out->name);
      out->rule_text = g_string_free (g_steal_pointer (&text), FALSE);
      return TRUE;
    }
  return FALSE;
}

static gboolean
level_is_nameable (const SgCategoricalProfile *feature)
{
  return feature->role != NULL
         && (strcmp (feature->role, "country") == 0 || strcmp (feature->role, "location") == 0
             || strcmp (feature->role, "gender") == 0);
}

static char *
level_adjective (const SgCategoricalProfile *feature,
                 guint                       level)
{
  if (strcmp (feature->role, "gender") == 0)
    return g_strdup (feature->levels[level].level);
  return g_strdup_printf (_("%s-Based"), feature->levels[level].level);
}

/* English puts some adjectives before others: "Young High-Income", "Long-Standing Frequent". */
static guint
adjective_order (int role)
{
  static const guint order[N_ROLES] = {
    [R_AGE] = 0, [R_TENURE] = 1, [R_RECENCY] = 2, [R_ENGAGEMENT] = 3, [R_SUPPORT] = 4,
    [R_DISCOUNT] = 5, [R_ORDER_VALUE] = 6, [R_FREQUENCY] = 7, [R_MONETARY] = 8, [R_INCOME] = 9,
    [R_CHILDREN] = 1, [R_TREND] = 3, [R_INTERPURCHASE] = 4, [R_RETURNS] = 5, [R_CATEGORIES] = 6,
  };

  return role >= 0 ? order[role] : 10;
}

typedef struct {
  guint  order;
  char  *text;
  char  *generic;   /* a column without a role: its display name (the text is "High X") */
  int    sign;
} Adjective;

static int
compare_adjectives (const void *a,
                    const void *b)
{
  const Adjective *x = a, *y = b;

  return (x->order > y->order) - (x->order < y->order);
}

static gboolean
profile_has_clustered (const SgProfile *profile)
{
  for (guint f = 0; f < profile->n_numeric; f++)
    if (profile->numeric[f].clustered)
      return TRUE;
  for (guint f = 0; f < profile->n_categorical; f++)
    if (profile->categorical[f].clustered)
      return TRUE;
  return FALSE;
}

/* A name from the segment's strongest traits among the clustering features (what made the segment):
 * two traits, one word each ("Young High-Income Customers", "Older Careful Spenders"). A column
 * without a role whose name takes more than two words makes a clumsy name ("High Cash Advance
 * Frequency Customers"): unless @allow_long, such columns are passed over. */
static gboolean
try_distinctive (const SgProfile *profile,
                 guint            s,
                 gboolean         allow_long,
                 Candidate       *out)
{
  const SgSegmentProfile *segment = &profile->segments[s];
  g_autoptr(GArray) adjectives = g_array_new (FALSE, FALSE, sizeof (Adjective));
  g_autoptr(GString) text = g_string_new (NULL);
  gboolean only_clustered = profile_has_clustered (profile);
  const char *noun = NULL;

  for (guint i = 0; i < segment->n_distinctive && adjectives->len + (noun != NULL) < 2; i++)
    {
      const SgDistinctive *d = &segment->distinctive[i];
      g_autofree char *part = NULL;
      gboolean used = FALSE;

      if (fabs (d->effect) < STRONG)
        break;
      if (d->kind == SG_DISTINCTIVE_NUMERIC)
        {
          const SgNumericProfile *feature = &profile->numeric[d->feature];
          gboolean inverted;
          int role = feature_role (feature, &inverted);
          double od = oriented_d (feature, s), oi = oriented_index (feature, s);
          const char *n = role >= 0 ? role_noun (role, od > 0) : NULL;
          g_autofree char *words = role < 0 ? name_words (feature) : NULL;

          /* one word per trait: a second spend column adds nothing to the name */
          if ((only_clustered && !feature->clustered) || (role >= 0 && out->used_role[role]))
            continue;
          if (!is_high (od, oi) && !is_low (od, oi))
            continue;   /* a large d on a small difference */
          if (trend_says_nothing (feature, feature->segments[s].mean, od))
            continue;
          if (words != NULL && !allow_long && n_words (words) > 2)
            continue;
          if (n != NULL && noun == NULL)
            {
              noun = n;
              used = TRUE;
            }
          else
            {
              Adjective adjective = { adjective_order (role), feature_adjective (feature, od),
                                      g_steal_pointer (&words), od > 0 ? 1 : -1 };

              g_array_append_val (adjectives, adjective);
              used = TRUE;
            }
          if (used)
            {
              part = describe_feature (feature, s);
              if (role >= 0)
                out->used_role[role] = TRUE;
              g_ptr_array_add (out->used_columns, GUINT_TO_POINTER (feature->column));
            }
        }
      else
        {
          const SgCategoricalProfile *feature = &profile->categorical[d->feature];
          const SgLevelProfile *level = &feature->levels[d->level];

          if (only_clustered && !feature->clustered)
            continue;
          if (d->effect > 0 && level->shares[s] >= 0.5 && level_is_nameable (feature))
            {
              Adjective adjective = { 11, level_adjective (feature, d->level), NULL, 1 };

              g_array_append_val (adjectives, adjective);
              part = g_strdup_printf (_("%.0f%% %s (overall %.0f%%)"), level->shares[s] * 100.0,
                                      level->level, level->share * 100.0);
              used = TRUE;
              g_ptr_array_add (out->used_columns, GUINT_TO_POINTER (feature->column));
            }
        }
      if (part != NULL)
        {
          if (text->len > 0)
            g_string_append (text, ", ");
          g_string_append (text, part);
        }
      out->score += used ? fabs (d->effect) : 0;
    }
  if (adjectives->len == 0 && noun == NULL)
    return FALSE;
  g_array_sort (adjectives, compare_adjectives);
  {
    g_autoptr(GString) name = g_string_new (NULL);
    Adjective *a = adjectives->len > 0 ? &g_array_index (adjectives, Adjective, 0) : NULL;
    Adjective *b = adjectives->len > 1 ? &g_array_index (adjectives, Adjective, 1) : NULL;

    if (a != NULL && b != NULL && a->generic != NULL && b->generic != NULL && noun == NULL)
      {
        /* two columns without roles: "High Grocery & Detergents Paper", "High Fresh, Low Milk" */
        gboolean has_and = strstr (a->generic, " and ") != NULL || strstr (b->generic, " and ") != NULL;

        if (a->sign == b->sign && has_and)
          /* "High Grocery, Detergents and Paper Customers" rather than "… & Detergents and Paper" */
          g_string_printf (name, a->sign > 0 ? _("High %s, %s Customers") : _("Low %s, %s Customers"),
                           a->generic, b->generic);
        else if (a->sign == b->sign)
          g_string_printf (name, a->sign > 0 ? _("High %s & %s Customers") : _("Low %s & %s Customers"),
                           a->generic, b->generic);
        else
          g_string_printf (name, _("%s, %s Customers"), a->text, b->text);
      }
    else
      {
        Adjective *generic = NULL;

        /* one column without a role beside a word of a role: "Young Customers with Low Balance" */
        for (guint i = 0; i < adjectives->len; i++)
          if (g_array_index (adjectives, Adjective, i).generic != NULL)
            generic = &g_array_index (adjectives, Adjective, i);
        if (generic != NULL && adjectives->len + (noun != NULL) < 2)
          generic = NULL;
        for (guint i = 0; i < adjectives->len; i++)
          if (&g_array_index (adjectives, Adjective, i) != generic)
            g_string_append_printf (name, "%s ", g_array_index (adjectives, Adjective, i).text);
        g_string_append (name, noun != NULL ? noun : _("Customers"));
        if (generic != NULL)
          /* TRANSLATORS: "Occasional Buyers with High Cash Advance" */
          g_string_append_printf (name, generic->sign > 0 ? _(" with High %s") : _(" with Low %s"), generic->generic);
      }
    for (guint i = 0; i < adjectives->len; i++)
      {
        g_free (g_array_index (adjectives, Adjective, i).text);
        g_free (g_array_index (adjectives, Adjective, i).generic);
      }
    out->name = g_string_free (g_steal_pointer (&name), FALSE);
  }
  out->rule_id = g_strdup (SG_NAME_RULE_DISTINCTIVE);
  g_string_append_printf (text, " → %s", out->name);
  out->rule_text = g_string_free (g_steal_pointer (&text), FALSE);
  return TRUE;
}

static void
mainstream (Candidate *out)
{
  out->name = g_strdup (_("Mainstream Customers"));
  out->rule_id = g_strdup (SG_NAME_RULE_MAINSTREAM);
  out->rule_text = g_strdup_printf (_("no clustering feature differs materially from the rest (by half a standard deviation and a fifth of its average) → %s"),
                                    out->name);
  out->score = 0;
}

static char *
fold (const char *name)
{
  g_autofree char *stripped = g_strstrip (g_strdup (name));

  return g_utf8_casefold (stripped, -1);
}

static gboolean
is_taken (GHashTable *taken,
          const char *name)
{
  g_autofree char *key = fold (name);

  return g_hash_table_contains (taken, key);
}

static void
take (GHashTable *taken,
      const char *name)
{
  g_hash_table_add (taken, fold (name));
}

static gboolean
column_used (const Candidate *c,
             guint            column)
{
  for (guint i = 0; i < c->used_columns->len; i++)
    if (GPOINTER_TO_UINT (g_ptr_array_index (c->used_columns, i)) == column)
      return TRUE;
  return FALSE;
}

static const char *
roman (guint n)
{
  static const char *const numerals[] = { "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX",
    "X", "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX" };

  return n >= 1 && n <= G_N_ELEMENTS (numerals) ? numerals[n - 1] : NULL;
}

typedef struct {
  double  score;
  guint   order;      /* feature order, for ties */
  char   *name;
  char   *why;
} Qualified;

static int
compare_qualified (const void *a,
                   const void *b)
{
  const Qualified *x = a, *y = b;

  if (x->score != y->score)
    return x->score > y->score ? -1 : 1;
  return (x->order > y->order) - (x->order < y->order);
}

/* A number that stands for a category (a channel or region coded 1, 2, 3) or for an RFM code. */
static gboolean
is_coded (const char *role)
{
  static const char *const roles[] = { "channel", "country", "location", "gender", "id", "rfm_score",
    "rfm_segment", "favourite_category", NULL };

  return role != NULL && g_strv_contains (roles, role);
}

/* Qualifiers for segment @s against the @n_others segments that wanted the same name (what tells it
 * apart from them), or, with none, against the rest of the customers. */
static GArray *
qualifiers (const SgProfile *profile,
            guint            s,
            const Candidate *c,
            const guint     *others,
            guint            n_others)
{
  GArray *list = g_array_new (FALSE, FALSE, sizeof (Qualified));

  for (guint f = 0; f < profile->n_numeric; f++)
    {
      const SgNumericProfile *feature = &profile->numeric[f];
      gboolean inverted;
      int role = feature_role (feature, &inverted);
      double diff, score, ref = 0, oriented;
      guint n_ref = 0;
      Qualified q;
      g_autofree char *adjective = NULL;

      if ((role >= 0 && c->used_role[role]) || column_used (c, feature->column)
          || feature->segments[s].n == 0 || is_coded (feature->role))
        continue;
      if (n_others > 0)
        {
          for (guint i = 0; i < n_others; i++)
            if (feature->segments[others[i]].n > 0)
              {
                ref += feature->segments[others[i]].mean;
                n_ref++;
              }
          if (n_ref == 0 || !(feature->sd > 0))
            continue;
          ref /= n_ref;
          diff = feature->segments[s].mean - ref;
          score = fabs (diff) / feature->sd;
          oriented = diff;
          if (inverted || ((feature->type == SG_COLUMN_DATE || feature->type == SG_COLUMN_DATETIME)
                           && (role == R_RECENCY || role == R_TENURE)))
            oriented = -diff;
        }
      else
        {
          score = fabs (feature->segments[s].cohens_d);
          oriented = oriented_d (feature, s);
          ref = feature->mean;
        }
      if (score < profile->min_effect || trend_says_nothing (feature, feature->segments[s].mean, oriented))
        continue;
      adjective = feature_adjective (feature, oriented);
      if (strstr (c->name, adjective) != NULL)
        continue;
      q.score = score;
      if (role < 0)
        {
          g_autofree char *words = name_words (feature);

          if (n_words (words) > 2)
            q.score /= 2;   /* "High Cash Advance Frequency …": only when nothing shorter tells it apart */
        }
      q.order = f;
      q.name = g_strdup_printf ("%s %s", adjective, c->name);
      {
        g_autofree char *display = sg_column_display_phrase (feature->name);
        g_autofree char *mine = sg_profile_format_value (feature, feature->segments[s].mean);
        g_autofree char *theirs = sg_profile_format_value (feature, ref);

        q.why = n_others > 0
                ? g_strdup_printf (_("%s %s against %s in the similar segment"), display, mine, theirs)
                : g_strdup_printf (_("%s %s against %s overall"), display, mine, theirs);
      }
      g_array_append_val (list, q);
    }
  for (guint f = 0; f < profile->n_categorical; f++)
    {
      const SgCategoricalProfile *feature = &profile->categorical[f];

      if (column_used (c, feature->column) || g_strcmp0 (feature->role, "rfm_score") == 0)
        continue;
      for (guint l = 0; l < feature->n_levels; l++)
        {
          const SgLevelProfile *level = &feature->levels[l];
          double ref = 0, score;
          guint n_ref = 0;
          Qualified q;

          if (feature->other_pooled && l == feature->n_levels - 1)
            continue;
          if (n_others > 0)
            {
              for (guint i = 0; i < n_others; i++)
                if (!isnan (level->shares[others[i]]))
                  {
                    ref += level->shares[others[i]];
                    n_ref++;
                  }
              if (n_ref == 0)
                continue;
              ref /= n_ref;
            }
          else
            ref = level->share;
          if (isnan (level->shares[s]) || level->shares[s] < 0.4)
            continue;
          score = sg_cohens_h (level->shares[s], ref);
          if (score < profile->min_effect)
            continue;
          q.score = score;
          q.order = profile->n_numeric + f;
          q.name = g_strdup_printf ("%s (%s)", c->name, level->level);
          q.why = g_strdup_printf (_("%.0f%% %s against %.0f%%"), level->shares[s] * 100.0,
                                   level->level, ref * 100.0);
          g_array_append_val (list, q);
        }
    }
  g_array_sort (list, compare_qualified);
  return list;
}

/* Gives @c a unique name: a qualifier from the trait that best tells it apart, then a roman
 * numeral as a last resort. */
static void
qualify (const SgProfile *profile,
         guint            s,
         Candidate       *c,
         GHashTable      *taken,
         const guint     *others,
         guint            n_others)
{
  g_autoptr(GArray) list = qualifiers (profile, s, c, others, n_others);
  gboolean done = FALSE;

  for (guint i = 0; i < list->len; i++)
    {
      Qualified *q = &g_array_index (list, Qualified, i);

      if (!done && !is_taken (taken, q->name))
        {
          char *text = g_strdup_printf (_("%s; told apart by %s"), c->rule_text, q->why);

          g_free (c->rule_text);
          c->rule_text = text;
          g_free (c->name);
          c->name = g_strdup (q->name);
          done = TRUE;
        }
      g_free (q->name);
      g_free (q->why);
    }
  for (guint n = 2; !done; n++)
    {
      const char *numeral = roman (n);
      g_autofree char *name = numeral != NULL ? g_strdup_printf ("%s %s", c->name, numeral)
                                              : g_strdup_printf ("%s %u", c->name, n);

      if (!is_taken (taken, name))
        {
          g_free (c->name);
          c->name = g_steal_pointer (&name);
          done = TRUE;
        }
    }
}

typedef struct {
  guint   segment;
  double  score;
} Contender;

static int
compare_contenders (const void *a,
                    const void *b)
{
  const Contender *x = a, *y = b;

  if (x->score != y->score)
    return x->score > y->score ? -1 : 1;
  return (x->segment > y->segment) - (x->segment < y->segment);
}

SgSegmentNames *
sg_naming_suggest (const SgProfile   *profile,
                   const char *const *user_names)
{
  guint k = profile->k;
  SgSegmentNames *result = g_new0 (SgSegmentNames, 1);
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree Candidate *candidates = g_new0 (Candidate, k);
  g_autofree gboolean *done = g_new0 (gboolean, k);
  g_autofree char **folded = g_new0 (char *, k);

  result->k = k;
  result->names = g_new0 (SgSegmentName, k);
  for (guint s = 0; s < k; s++)
    {
      const char *user = user_names != NULL ? user_names[s] : NULL;
      g_autofree char *trimmed = user != NULL ? g_strstrip (g_strdup (user)) : NULL;

      if (trimmed != NULL && *trimmed != '\0')
        {
          result->names[s].name = g_strdup (user);
          result->names[s].rule_id = g_strdup (SG_NAME_RULE_USER);
          result->names[s].rule_text = g_strdup (_("Name set by the user"));
          result->names[s].user_edited = TRUE;
          take (taken, user);
          done[s] = TRUE;
        }
    }

  /* every other segment's best plain name */
  for (guint s = 0; s < k; s++)
    {
      Signal signals[N_ROLES];

      if (done[s])
        continue;
      candidates[s].used_columns = g_ptr_array_new ();
      compute_signals (profile, s, signals);
      if (!try_rules (profile, signals, &candidates[s])
          && !try_distinctive (profile, s, FALSE, &candidates[s])
          && !try_distinctive (profile, s, TRUE, &candidates[s]))
        mainstream (&candidates[s]);
      folded[s] = fold (candidates[s].name);
    }

  /* hand out names: among segments wanting the same name, the strongest evidence keeps it plain */
  for (guint s = 0; s < k; s++)
    {
      g_autoptr(GArray) group = NULL;

      if (done[s])
        continue;
      group = g_array_new (FALSE, FALSE, sizeof (Contender));
      for (guint t = s; t < k; t++)
        if (!done[t] && strcmp (folded[t], folded[s]) == 0)
          {
            Contender c = { t, candidates[t].score };

            g_array_append_val (group, c);
          }
      g_array_sort (group, compare_contenders);
      for (guint i = 0; i < group->len; i++)
        {
          guint t = g_array_index (group, Contender, i).segment;
          Candidate *c = &candidates[t];

          if (is_taken (taken, c->name))
            {
              g_autofree guint *others = g_new (guint, group->len);
              guint n_others = 0;

              for (guint j = 0; j < group->len; j++)
                if (j != i)
                  others[n_others++] = g_array_index (group, Contender, j).segment;
              qualify (profile, t, c, taken, others, n_others);
              result->names[t].qualified = TRUE;
            }
          take (taken, c->name);
          result->names[t].name = g_steal_pointer (&c->name);
          result->names[t].rule_id = g_steal_pointer (&c->rule_id);
          result->names[t].rule_text = g_steal_pointer (&c->rule_text);
          done[t] = TRUE;
        }
    }
  for (guint s = 0; s < k; s++)
    {
      candidate_clear (&candidates[s]);
      g_free (folded[s]);
    }
  return result;
}

void
sg_segment_names_free (SgSegmentNames *names)
{
  if (names == NULL)
    return;
  for (guint s = 0; s < names->k; s++)
    {
      g_free (names->names[s].name);
      g_free (names->names[s].rule_id);
      g_free (names->names[s].rule_text);
    }
  g_free (names->names);
  g_free (names);
}

char **
sg_segment_names_dup_strv (const SgSegmentNames *names)
{
  char **strv = g_new0 (char *, names->k + 1);

  for (guint s = 0; s < names->k; s++)
    strv[s] = g_strdup (names->names[s].name);
  return strv;
}

JsonNode *
sg_segment_names_to_json (const SgSegmentNames *names)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint s = 0; s < names->k; s++)
    {
      const SgSegmentName *name = &names->names[s];

      json_builder_begin_object (builder);
      sg_json_add_int (builder, "label", s);
      sg_json_add_string (builder, "name", name->name);
      sg_json_add_string (builder, "rule", name->rule_id);
      sg_json_add_string (builder, "rule_text", name->rule_text);
      sg_json_add_bool (builder, "user_edited", name->user_edited);
      sg_json_add_bool (builder, "qualified", name->qualified);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  return json_builder_get_root (builder);
}
