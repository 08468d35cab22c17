/* test-naming.c — business names from profiles: each rule, fallbacks, uniqueness, user edits, and the
 * Mall Customers data end to end
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "sg-derive.h"
#include "sg-importer.h"
#include "sg-naming.h"
#include "sg-playbook-templates.h"
#include "sg-profile.h"
#include "sg-project.h"
#include "sg-segmenter.h"
#include "sg-test-util.h"

/* A table of @k segments × @per rows whose columns have the given segment means, each value wobbling
 * by up to ±3 % so that no column is constant inside a segment. */
static SgTable *
planted_table (const char *const *names,
               guint              n_cols,
               const double      *means,
               guint              k,
               guint              per,
               gint32           **labels)
{
  SgTable *table = sg_table_new ("planted");
  SgColumn **cols = g_new (SgColumn *, n_cols);

  *labels = g_new (gint32, k * per);
  for (guint c = 0; c < n_cols; c++)
    cols[c] = sg_table_add_column (table, names[c], SG_COLUMN_DECIMAL);
  for (guint s = 0; s < k; s++)
    for (guint i = 0; i < per; i++)
      {
        (*labels)[s * per + i] = (gint32) s;
        for (guint c = 0; c < n_cols; c++)
          {
            double wobble = 0.01 * (double) (((i * (c + 3)) % 7) - 3.0);

            sg_column_append_number (cols[c], means[s * n_cols + c] * (1.0 + wobble));
          }
      }
  g_free (cols);
  return table;
}

static SgProfile *
profile_all (SgTable *table, const gint32 *labels, guint k)
{
  guint n = sg_table_get_n_columns (table);
  g_autofree guint *features = g_new (guint, n);
  g_autoptr(GError) error = NULL;
  SgProfile *profile;

  for (guint c = 0; c < n; c++)
    features[c] = c;
  profile = sg_profile_compute (table, labels, k, features, n, NULL, 0, &error);
  g_assert_no_error (error);
  return profile;
}

static void
assert_unique (const SgSegmentNames *names)
{
  for (guint a = 0; a < names->k; a++)
    {
      g_assert_nonnull (names->names[a].name);
      g_assert_cmpstr (names->names[a].name, !=, "");
      g_assert_null (strstr (names->names[a].name, "(2)"));
      for (guint b = a + 1; b < names->k; b++)
        {
          g_autofree char *x = g_utf8_casefold (names->names[a].name, -1);
          g_autofree char *y = g_utf8_casefold (names->names[b].name, -1);

          g_assert_cmpstr (x, !=, y);
        }
    }
}

static void
dump (const SgSegmentNames *names)
{
  for (guint s = 0; s < names->k; s++)
    g_test_message ("segment %u: %s [%s] %s", s, names->names[s].name, names->names[s].rule_id,
                    names->names[s].rule_text);
}

/* RFM, tenure, deal share and order value: five segments made to trigger five rules */
static const char *const rfm_names[] = {
  "days_since_last_purchase", "n_orders", "total_spend", "tenure_months", "deal_share", "avg_order_value",
};
static const double rfm_means[] = {
  /* recency freq  spend  tenure deals  aov */
     15,     20,   3000,  36,    0.10,  150,   /* 0: High-Value Loyalists */
     300,    4,    2500,  40,    0.10,  600,   /* 1: Dormant High-Spenders */
     20,     1,    50,    2,     0.20,  50,    /* 2: New Low-Spend Customers */
     150,    15,   1200,  30,    0.10,  80,    /* 3: At-Risk Frequent Buyers */
     60,     8,    400,   24,    0.70,  40,    /* 4: Bargain Hunters */
};

static void
test_rfm_rules (void)
{
  g_autofree gint32 *labels = NULL;
  g_autoptr(SgTable) table = planted_table (rfm_names, 6, rfm_means, 5, 40, &labels);
  g_autoptr(SgProfile) profile = profile_all (table, labels, 5);
  g_autoptr(SgSegmentNames) names = sg_naming_suggest (profile, NULL);

  dump (names);
  g_assert_cmpstr (names->names[0].rule_id, ==, SG_NAME_RULE_HIGH_VALUE_LOYALISTS);
  g_assert_cmpstr (names->names[1].rule_id, ==, SG_NAME_RULE_DORMANT_HIGH_SPENDERS);
  g_assert_cmpstr (names->names[2].rule_id, ==, SG_NAME_RULE_NEW_LOW_SPEND);
  g_assert_cmpstr (names->names[3].rule_id, ==, SG_NAME_RULE_AT_RISK_FREQUENT);
  g_assert_cmpstr (names->names[4].rule_id, ==, SG_NAME_RULE_BARGAIN_HUNTERS);
  assert_unique (names);
  for (guint s = 0; s < 5; s++)
    {
      g_assert_false (names->names[s].user_edited);
      g_assert_nonnull (strstr (names->names[s].rule_text, "→"));
    }
  /* the rule text gives the evidence: monetary index of segment 0 and recency below average */
  g_assert_nonnull (strstr (names->names[0].rule_text, "monetary index"));
  g_assert_nonnull (strstr (names->names[0].rule_text, "recency"));
  g_assert_nonnull (strstr (names->names[0].rule_text, "below average"));
}

static void
test_other_rules (void)
{
  /* recency, frequency, monetary only (no tenure): lapsed, loyal regulars, new via recency,
   * high-value frequent buyers (recency average) */
  static const char *const names3[] = { "Recency", "Frequency", "Monetary" };
  static const double means[] = {
    300, 2,  100,    /* 0: lapsed low value */
    60,  18, 500,    /* 1: loyal regulars: frequent, average spend */
    10,  1,  60,     /* 2: new low-spend (recent, rare, little) */
    90,  20, 4000,   /* 3: high-value frequent buyers, recency about average */
    115, 10, 1165,   /* 4: average (the means of the other four) */
  };
  g_autofree gint32 *labels = NULL;
  g_autoptr(SgTable) table = planted_table (names3, 3, means, 5, 40, &labels);
  g_autoptr(SgProfile) profile = profile_all (table, labels, 5);
  g_autoptr(SgSegmentNames) names = sg_naming_suggest (profile, NULL);

  dump (names);
  g_assert_cmpstr (names->names[0].rule_id, ==, SG_NAME_RULE_LAPSED_LOW_VALUE);
  g_assert_cmpstr (names->names[1].rule_id, ==, SG_NAME_RULE_LOYAL_REGULARS);
  g_assert_cmpstr (names->names[2].rule_id, ==, SG_NAME_RULE_NEW_LOW_SPEND);
  g_assert_cmpstr (names->names[3].rule_id, ==, SG_NAME_RULE_HIGH_VALUE_FREQUENT);
  g_assert_cmpstr (names->names[4].rule_id, ==, SG_NAME_RULE_MAINSTREAM);
  assert_unique (names);
}

static void
test_promising_newcomers (void)
{
  /* recent joiners who bought lately and spend like everyone else */
  static const char *const cols[] = { "tenure_months", "days_since_last_purchase", "total_spend" };
  static const double means[] = {
    2,  10,  500,
    40, 200, 480,
    30, 100, 520,
  };
  g_autofree gint32 *labels = NULL;
  g_autoptr(SgTable) table = planted_table (cols, 3, means, 3, 40, &labels);
  g_autoptr(SgProfile) profile = profile_all (table, labels, 3);
  g_autoptr(SgSegmentNames) names = sg_naming_suggest (profile, NULL);

  dump (names);
  g_assert_cmpstr (names->names[0].rule_id, ==, SG_NAME_RULE_PROMISING_NEWCOMERS);
  assert_unique (names);
}

static void
test_income_rules_and_fallback (void)
{
  /* no RFM roles: age and income only → names from the top distinctive features */
  static const char *const demo[] = { "Age", "Income" };
  static const double means[] = {
    25, 95,     /* young, high income */
    62, 30,     /* older, low income */
    42, 60,     /* average */
  };
  static const char *const spend_names[] = { "Age", "Annual Income", "Total Spend" };
  static const double spend_means[] = {
    40, 100, 900,   /* affluent big spenders */
    41, 100, 100,   /* affluent careful */
    39, 20,  900,   /* aspirational */
    40, 20,  100,   /* budget conscious */
    65, 60,  120,   /* older careful spenders: no income signal, age + low spend */
  };
  g_autofree gint32 *labels = NULL, *labels2 = NULL;
  g_autoptr(SgTable) table = planted_table (demo, 2, means, 3, 40, &labels);
  g_autoptr(SgProfile) profile = profile_all (table, labels, 3);
  g_autoptr(SgSegmentNames) names = sg_naming_suggest (profile, NULL);
  g_autoptr(SgTable) table2 = planted_table (spend_names, 3, spend_means, 5, 40, &labels2);
  g_autoptr(SgProfile) profile2 = profile_all (table2, labels2, 5);
  g_autoptr(SgSegmentNames) names2 = sg_naming_suggest (profile2, NULL);

  dump (names);
  g_assert_cmpstr (names->names[0].rule_id, ==, SG_NAME_RULE_DISTINCTIVE);
  g_assert_nonnull (strstr (names->names[0].name, "Young"));
  g_assert_nonnull (strstr (names->names[0].name, "High-Income"));
  g_assert_cmpstr (names->names[1].rule_id, ==, SG_NAME_RULE_DISTINCTIVE);
  g_assert_nonnull (strstr (names->names[1].name, "Older"));
  g_assert_nonnull (strstr (names->names[1].name, "Low-Income"));
  g_assert_cmpstr (names->names[2].rule_id, ==, SG_NAME_RULE_MAINSTREAM);
  assert_unique (names);

  dump (names2);
  g_assert_cmpstr (names2->names[0].rule_id, ==, SG_NAME_RULE_AFFLUENT_BIG_SPENDERS);
  g_assert_cmpstr (names2->names[1].rule_id, ==, SG_NAME_RULE_AFFLUENT_CAREFUL);
  g_assert_cmpstr (names2->names[2].rule_id, ==, SG_NAME_RULE_ASPIRATIONAL_SPENDERS);
  g_assert_cmpstr (names2->names[3].rule_id, ==, SG_NAME_RULE_BUDGET_CONSCIOUS);
  g_assert_cmpstr (names2->names[4].rule_id, ==, SG_NAME_RULE_DISTINCTIVE);
  g_assert_nonnull (strstr (names2->names[4].name, "Older"));
  g_assert_nonnull (strstr (names2->names[4].name, "Careful Spenders"));
  assert_unique (names2);
}

static void
test_columns_without_roles (void)
{
  /* wholesale-like spend columns whose names say nothing about their role */
  static const char *const cols[] = { "Fresh", "Grocery" };
  static const double means[] = {
    30000, 20000,   /* both high */
    4000,  2000,    /* both low */
    30000, 2000,    /* high fresh, low grocery */
  };
  g_autofree gint32 *labels = NULL;
  g_autoptr(SgTable) table = planted_table (cols, 2, means, 3, 40, &labels);
  g_autoptr(SgProfile) profile = profile_all (table, labels, 3);
  g_autoptr(SgSegmentNames) names = sg_naming_suggest (profile, NULL);

  dump (names);
  for (guint s = 0; s < 3; s++)
    g_assert_cmpstr (names->names[s].rule_id, ==, SG_NAME_RULE_DISTINCTIVE);
  g_assert_nonnull (strstr (names->names[0].name, "High"));
  g_assert_nonnull (strstr (names->names[0].name, "&"));
  g_assert_nonnull (strstr (names->names[1].name, "Low"));
  g_assert_nonnull (strstr (names->names[2].name, "High"));
  g_assert_nonnull (strstr (names->names[2].name, "Low"));
  assert_unique (names);
}

static void
test_collisions (void)
{
  /* two high-value loyalist segments (young and old) and two lapsed ones that hardly differ */
  static const char *const cols[] = { "recency", "frequency", "monetary", "age" };
  static const double means[] = {
    10,  20, 3000, 25,
    12,  22, 3200, 60,
    200, 2,  100,  40,
    180, 3,  120,  40.5,
  };
  g_autofree gint32 *labels = NULL;
  g_autoptr(SgTable) table = planted_table (cols, 4, means, 4, 40, &labels);
  g_autoptr(SgProfile) profile = profile_all (table, labels, 4);
  g_autoptr(SgSegmentNames) names = sg_naming_suggest (profile, NULL);
  guint plain = 0, qualified = 0;

  dump (names);
  g_assert_cmpstr (names->names[0].rule_id, ==, SG_NAME_RULE_HIGH_VALUE_LOYALISTS);
  g_assert_cmpstr (names->names[1].rule_id, ==, SG_NAME_RULE_HIGH_VALUE_LOYALISTS);
  g_assert_cmpstr (names->names[2].rule_id, ==, SG_NAME_RULE_LAPSED_LOW_VALUE);
  g_assert_cmpstr (names->names[3].rule_id, ==, SG_NAME_RULE_LAPSED_LOW_VALUE);
  assert_unique (names);
  for (guint s = 0; s < 2; s++)
    {
      if (names->names[s].qualified)
        qualified++;
      else
        plain++;
    }
  g_assert_cmpuint (plain, ==, 1);
  g_assert_cmpuint (qualified, ==, 1);
  /* the one that had to change is told apart by age, in words */
  {
    guint q = names->names[0].qualified ? 0 : 1;
    const char *n = names->names[q].name;

    g_assert_true (strstr (n, "Young") != NULL || strstr (n, "Older") != NULL);
    g_assert_nonnull (strstr (n, "High-Value Loyalists"));
  }
}

static void
test_user_names (void)
{
  g_autofree gint32 *labels = NULL;
  g_autoptr(SgTable) table = planted_table (rfm_names, 6, rfm_means, 5, 40, &labels);
  g_autoptr(SgProfile) profile = profile_all (table, labels, 5);
  /* the user called segment 3 what segment 0 would be called, in other letter case, and renamed
   * segment 4 */
  const char *user[] = { NULL, "", NULL, "high-value loyalists", "  Deal Lovers " };
  g_autoptr(SgSegmentNames) names = sg_naming_suggest (profile, user);
  g_auto(GStrv) strv = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autofree char *text = NULL;

  dump (names);
  /* kept verbatim */
  g_assert_cmpstr (names->names[3].name, ==, "high-value loyalists");
  g_assert_cmpstr (names->names[4].name, ==, "  Deal Lovers ");
  g_assert_true (names->names[3].user_edited);
  g_assert_cmpstr (names->names[3].rule_id, ==, SG_NAME_RULE_USER);
  /* an empty entry means "name it for me" */
  g_assert_false (names->names[1].user_edited);
  g_assert_cmpstr (names->names[1].rule_id, ==, SG_NAME_RULE_DORMANT_HIGH_SPENDERS);
  /* segment 0 still follows its rule but may not take the user's name */
  g_assert_cmpstr (names->names[0].rule_id, ==, SG_NAME_RULE_HIGH_VALUE_LOYALISTS);
  g_assert_true (names->names[0].qualified);
  assert_unique (names);

  strv = sg_segment_names_dup_strv (names);
  g_assert_cmpuint (g_strv_length (strv), ==, 5);
  g_assert_cmpstr (strv[4], ==, "  Deal Lovers ");
  json = sg_segment_names_to_json (names);
  text = json_to_string (json, FALSE);
  g_assert_nonnull (strstr (text, "\"rule\":\"user\""));
  g_assert_nonnull (strstr (text, "\"rule\":\"high_value_loyalists\""));
}

/* ---- Mall Customers, end to end ---- */

/* A plain reader for this one file: comma-separated, no quotes, header row. */
static SgTable *
load_mall (void)
{
  g_autofree char *path = sg_test_shared_path ("datasets/mall_customers.csv");
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  SgTable *table;
  SgColumn *id, *genre, *age, *income, *score;

  if (path == NULL)
    return NULL;
  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);
  g_assert_cmpstr (g_strstrip (lines[0]), ==, "CustomerID,Genre,Age,Annual Income (k$),Spending Score (1-100)");
  table = sg_table_new ("mall");
  id = sg_table_add_column (table, "CustomerID", SG_COLUMN_IDENTIFIER);
  genre = sg_table_add_column (table, "Genre", SG_COLUMN_CATEGORICAL);
  age = sg_table_add_column (table, "Age", SG_COLUMN_INTEGER);
  income = sg_table_add_column (table, "Annual Income (k$)", SG_COLUMN_INTEGER);
  score = sg_table_add_column (table, "Spending Score (1-100)", SG_COLUMN_INTEGER);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = NULL;

      if (*g_strstrip (lines[i]) == '\0')
        continue;
      f = g_strsplit (lines[i], ",", -1);
      g_assert_cmpuint (g_strv_length (f), ==, 5);
      sg_column_append_string (id, f[0]);
      sg_column_append_string (genre, f[1]);
      sg_column_append_number (age, g_ascii_strtod (f[2], NULL));
      sg_column_append_number (income, g_ascii_strtod (f[3], NULL));
      sg_column_append_number (score, g_ascii_strtod (f[4], NULL));
    }
  g_assert_cmpuint (sg_table_get_n_rows (table), ==, 200);
  return table;
}

/* The five classic groups by thresholds on income and score (the usual k-means solution, planted) */
enum { MALL_MIDDLE, MALL_RICH_SPENDERS, MALL_RICH_SAVERS, MALL_POOR_SPENDERS, MALL_POOR_SAVERS };

static gint32 *
mall_labels (SgTable *table)
{
  SgColumn *income = sg_table_get_column (table, 3);
  SgColumn *score = sg_table_get_column (table, 4);
  guint n = sg_table_get_n_rows (table);
  gint32 *labels = g_new (gint32, n);

  for (guint r = 0; r < n; r++)
    {
      double i = sg_column_get_number (income, r), s = sg_column_get_number (score, r);

      if (i >= 70 && s >= 60)
        labels[r] = MALL_RICH_SPENDERS;
      else if (i >= 70 && s <= 40)
        labels[r] = MALL_RICH_SAVERS;
      else if (i <= 40 && s >= 60)
        labels[r] = MALL_POOR_SPENDERS;
      else if (i <= 40 && s <= 40)
        labels[r] = MALL_POOR_SAVERS;
      else
        labels[r] = MALL_MIDDLE;
    }
  return labels;
}

static void
test_mall_end_to_end (void)
{
  g_autoptr(SgTable) table = load_mall ();
  g_autofree gint32 *labels = NULL;
  /* clustered on income and score, as the classic analysis; age and gender only profiled */
  const guint features[] = { 3, 4 };
  const guint extra[] = { 2 };
  const guint cats[] = { 1 };
  SgProfileOptions options;
  g_autoptr(GError) error = NULL;
  g_autoptr(SgProfile) profile = NULL;
  g_autoptr(SgSegmentNames) names = NULL;

  if (table == NULL)
    return;
  labels = mall_labels (table);
  sg_profile_options_init (&options);
  options.extra_numeric_columns = extra;
  options.n_extra_numeric = 1;
  profile = sg_profile_compute_full (table, labels, 5, features, 2, cats, 1, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (profile->numeric[0].role, ==, "income");
  g_assert_cmpstr (profile->numeric[0].unit, ==, "k$");
  g_assert_cmpstr (profile->numeric[1].role, ==, "monetary");
  g_assert_cmpstr (profile->numeric[2].role, ==, "age");
  g_assert_false (profile->numeric[2].clustered);
  g_assert_cmpstr (profile->categorical[0].role, ==, "gender");
  names = sg_naming_suggest (profile, NULL);
  dump (names);
  for (guint s = 0; s < 5; s++)
    for (guint i = 0; i < profile->segments[s].n_distinctive; i++)
      g_test_message ("  %u: %s", s, profile->segments[s].distinctive[i].sentence);

  g_assert_cmpstr (names->names[MALL_RICH_SPENDERS].rule_id, ==, SG_NAME_RULE_AFFLUENT_BIG_SPENDERS);
  g_assert_cmpstr (names->names[MALL_RICH_SAVERS].rule_id, ==, SG_NAME_RULE_AFFLUENT_CAREFUL);
  g_assert_cmpstr (names->names[MALL_POOR_SPENDERS].rule_id, ==, SG_NAME_RULE_ASPIRATIONAL_SPENDERS);
  g_assert_cmpstr (names->names[MALL_POOR_SAVERS].rule_id, ==, SG_NAME_RULE_BUDGET_CONSCIOUS);
  g_assert_cmpstr (names->names[MALL_MIDDLE].rule_id, ==, SG_NAME_RULE_MAINSTREAM);
  assert_unique (names);
  /* income and score separate the segments; every segment is distinct except perhaps the middle */
  g_assert_true (profile->numeric[0].separates);
  g_assert_true (profile->numeric[1].separates);
  g_assert_true (profile->segments[MALL_RICH_SPENDERS].distinct);
  /* the rich spenders' income sentence says they earn more, with the unit */
  {
    const SgSegmentProfile *seg = &profile->segments[MALL_RICH_SPENDERS];
    gboolean found = FALSE;

    for (guint i = 0; i < seg->n_distinctive; i++)
      if (seg->distinctive[i].kind == SG_DISTINCTIVE_NUMERIC && seg->distinctive[i].feature == 0)
        {
          g_assert_nonnull (strstr (seg->distinctive[i].sentence, "Earns"));
          g_assert_nonnull (strstr (seg->distinctive[i].sentence, "k$"));
          found = TRUE;
        }
    g_assert_true (found);
  }
}


/* ---- derived customer features: returns, product breadth, spend trend ---- */

static const char *const derived_names[] = {
  "recency_days", "frequency", "monetary", "tenure_days", "return_share", "n_categories", "spend_trend",
};
static const double derived_means[] = {
  /* recency freq monetary tenure returns cats trend */
     400,    2,   200,     600,   0.33,   2,   -0.1,   /* 0: Lapsed Serial Returners */
     60,     6,   900,     500,   0.30,   3,   0.05,   /* 1: Serial Returners */
     80,     5,   800,     450,   0.02,   9,   0.0,    /* 2: Variety Seekers */
     50,     5,   850,     500,   0.02,   3,   0.6,    /* 3: Growing Spenders */
     90,     5,   800,     480,   0.02,   3,   -0.6,   /* 4: Declining Spenders */
     40,     5,   3000,    500,   0.02,   3,   0.5,    /* 5: Rising Stars */
};

static void
assert_template (const char *rule_id,
                 const char *template_id)
{
  gboolean matched = FALSE;
  const SgPlaybookTemplate *tpl = sg_playbook_template_suggest (rule_id, NULL, &matched);

  g_assert_true (matched);
  g_assert_cmpstr (tpl->id, ==, template_id);
}

static void
test_derived_rules (void)
{
  g_autofree gint32 *labels = NULL;
  g_autoptr(SgTable) table = planted_table (derived_names, 7, derived_means, 6, 40, &labels);
  g_autoptr(SgProfile) profile = profile_all (table, labels, 6);
  g_autoptr(SgSegmentNames) names = sg_naming_suggest (profile, NULL);

  dump (names);
  g_assert_cmpstr (profile->numeric[4].role, ==, "returns");
  g_assert_cmpstr (profile->numeric[5].role, ==, "categories");
  g_assert_cmpstr (profile->numeric[6].role, ==, "trend");
  g_assert_cmpstr (names->names[0].rule_id, ==, SG_NAME_RULE_SERIAL_RETURNERS);
  g_assert_cmpstr (names->names[1].rule_id, ==, SG_NAME_RULE_SERIAL_RETURNERS);
  g_assert_cmpstr (names->names[2].rule_id, ==, SG_NAME_RULE_VARIETY_SEEKERS);
  g_assert_cmpstr (names->names[3].rule_id, ==, SG_NAME_RULE_GROWING_SPENDERS);
  g_assert_cmpstr (names->names[4].rule_id, ==, SG_NAME_RULE_DECLINING_SPENDERS);
  g_assert_cmpstr (names->names[5].rule_id, ==, SG_NAME_RULE_RISING_STARS);
  /* where they are as customers joins the name when it stands out: the first have lapsed */
  g_assert_nonnull (strstr (names->names[0].name, "Lapsed"));
  g_assert_nonnull (strstr (names->names[0].name, "Serial Returners"));
  g_assert_cmpstr (names->names[1].name, ==, "Serial Returners");
  g_assert_false (names->names[0].qualified);
  /* the rule text gives the evidence in words */
  g_assert_nonnull (strstr (names->names[0].rule_text, "return rate"));
  g_assert_nonnull (strstr (names->names[0].rule_text, "recency"));
  g_assert_nonnull (strstr (names->names[2].rule_text, "product categories"));
  g_assert_nonnull (strstr (names->names[3].rule_text, "spend trend"));
  assert_unique (names);
  for (guint s = 0; s < 6; s++)
    g_assert_null (strchr (names->names[s].name, '_'));

  /* each new rule has a playbook */
  assert_template (SG_NAME_RULE_SERIAL_RETURNERS, "returns-care");
  assert_template (SG_NAME_RULE_VARIETY_SEEKERS, "upsell-cross-sell");
  assert_template (SG_NAME_RULE_GROWING_SPENDERS, "upsell-cross-sell");
  assert_template (SG_NAME_RULE_RISING_STARS, "vip-perks");
  assert_template (SG_NAME_RULE_DECLINING_SPENDERS, "at-risk-retention");
}

static void
test_trend_needs_a_real_rise (void)
{
  /* a trend above the rest's, but flat in itself (the others fall): not "growing" */
  static const char *const cols[] = { "recency_days", "monetary", "spend_trend" };
  static const double means[] = {
    60, 500, 0.02,
    60, 500, -0.5,
    60, 500, -0.55,
  };
  static const double returns_means[] = {
    /* returns above everyone else's, but 4% of purchases is no habit */
    60, 500, 0.04,
    60, 500, 0.005,
    60, 500, 0.006,
  };
  static const char *const returns_cols[] = { "recency_days", "monetary", "return_share" };
  g_autofree gint32 *labels = NULL, *labels2 = NULL;
  g_autoptr(SgTable) table = planted_table (cols, 3, means, 3, 40, &labels);
  g_autoptr(SgProfile) profile = profile_all (table, labels, 3);
  g_autoptr(SgSegmentNames) names = sg_naming_suggest (profile, NULL);
  g_autoptr(SgTable) table2 = planted_table (returns_cols, 3, returns_means, 3, 40, &labels2);
  g_autoptr(SgProfile) profile2 = profile_all (table2, labels2, 3);
  g_autoptr(SgSegmentNames) names2 = sg_naming_suggest (profile2, NULL);

  dump (names);
  dump (names2);
  g_assert_cmpfloat (profile->numeric[2].segments[0].cohens_d, >, 0.5);
  g_assert_cmpstr (names->names[0].rule_id, !=, SG_NAME_RULE_GROWING_SPENDERS);
  g_assert_cmpstr (names->names[0].rule_id, !=, SG_NAME_RULE_RISING_STARS);
  g_assert_null (strstr (names->names[0].name, "Growing"));
  /* the falling ones fall: below −0.15 on their own */
  g_assert_cmpstr (names->names[1].rule_id, ==, SG_NAME_RULE_DECLINING_SPENDERS);
  g_assert_cmpfloat (profile2->numeric[2].segments[0].index, >, 200);
  g_assert_cmpstr (names2->names[0].rule_id, !=, SG_NAME_RULE_SERIAL_RETURNERS);
  assert_unique (names);
  assert_unique (names2);
}

static void
test_names_in_words (void)
{
  /* columns without a role: their names in title case, never with underscores */
  static const char *const cols[] = { "Age", "garden_items", "loyalty_points_balance" };
  static const double means[] = {
    25, 40, 900,   /* young, many garden items, many points */
    62, 4,  100,   /* older, few garden items, few points */
    42, 20, 500,   /* average */
  };
  static const char *const cols2[] = { "loyalty_points_balance" };
  static const double means2[] = { 900, 100, 500 };
  g_autofree gint32 *labels = NULL, *labels2 = NULL;
  g_autoptr(SgTable) table = planted_table (cols, 3, means, 3, 40, &labels);
  g_autoptr(SgProfile) profile = profile_all (table, labels, 3);
  g_autoptr(SgSegmentNames) names = sg_naming_suggest (profile, NULL);
  g_autoptr(SgTable) table2 = planted_table (cols2, 1, means2, 3, 40, &labels2);
  g_autoptr(SgProfile) profile2 = profile_all (table2, labels2, 3);
  g_autoptr(SgSegmentNames) names2 = sg_naming_suggest (profile2, NULL);

  dump (names);
  dump (names2);
  /* one word of a role and one short column name: "Young Customers with High Garden Items" */
  g_assert_nonnull (strstr (names->names[0].name, "Young"));
  g_assert_nonnull (strstr (names->names[0].name, "Garden Items"));
  g_assert_nonnull (strstr (names->names[1].name, "Older"));
  g_assert_nonnull (strstr (names->names[1].name, "Garden Items"));
  /* a three-word column name is passed over while a shorter trait says enough */
  g_assert_null (strstr (names->names[0].name, "Loyalty"));
  /* … and used when nothing else can name the segment */
  g_assert_nonnull (strstr (names2->names[0].name, "Loyalty Points Balance"));
  for (guint s = 0; s < 3; s++)
    {
      g_assert_null (strchr (names->names[s].name, '_'));
      g_assert_null (strchr (names2->names[s].name, '_'));
    }
  assert_unique (names);
  assert_unique (names2);
}

/* ---- the demo shop, end to end: import, derive, segment, as a user would ---- */

static gint64
import_demo_csv (SgProject  *project,
                 const char *root,
                 const char *file,
                 const char *name)
{
  g_autofree char *path = g_build_filename (root, "data", "demo", file, NULL);
  g_autoptr(SgImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  SgImportOptions options;
  gint64 id;

  sg_import_options_init (&options);
  options.dataset_name = g_strdup (name);
  id = sg_importer_run (project, path, &options, NULL, &report, &error);
  g_assert_no_error (error);
  sg_import_options_clear (&options);
  return id;
}

static void
test_demo_end_to_end (void)
{
  static const char *const raw[] = { "_", "n categories", "return share", "f score", "r score",
    "m score", "rfm score", "rfm segment", "avg order", "recency days", "tenure days", "interpurchase",
    "spend trend", "orders 30d", "orders 90d", "orders 365d", "signup date", "favourite channel",
    "higher than overall", "lower than overall", " = ", NULL };
  const char *root = g_getenv ("SG_SOURCE_ROOT");
  g_autofree char *project_path = sg_test_tmp_path ("demo-words.segmenta");
  g_autoptr(SgProject) project = NULL;
  g_autoptr(SgDatasetInfo) info = NULL;
  g_autoptr(SgDeriveReport) derive_report = NULL;
  g_autoptr(SgRunOutcome) outcome = NULL;
  g_autoptr(GPtrArray) segments = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(SgRunSettings) settings = { 0 };
  SgDeriveOptions derive;
  gint64 customers, transactions, features;
  guint named_by_rule = 0, told = 0;

  sg_run_settings_init (&settings);
  if (root == NULL)
    {
      g_test_skip ("SG_SOURCE_ROOT is not set");
      return;
    }
  project = sg_project_create (project_path, &error);
  g_assert_no_error (error);
  customers = import_demo_csv (project, root, "customers.csv", "customers");
  transactions = import_demo_csv (project, root, "transactions.csv", "transactions");
  info = sg_project_get_dataset (project, transactions, &error);
  g_assert_no_error (error);
  sg_derive_options_init (&derive);
  g_assert_true (sg_transaction_roles_guess_for_dataset (&derive.roles, info));
  features = sg_derive_dataset (project, transactions, &derive, customers, "customer_id", "Customer features",
                                NULL, &derive_report, &error);
  g_assert_no_error (error);
  sg_derive_options_clear (&derive);

  /* as the showcase project does */
  settings.dataset_id = features;
  settings.features = g_strsplit ("recency_days,frequency,monetary,avg_order_value,tenure_days,return_share,n_categories", ",", -1);
  settings.log1p = g_strsplit ("frequency,monetary,avg_order_value", ",", -1);
  settings.k = 6;
  settings.seed = 0;
  outcome = sg_segment_dataset (project, &settings, NULL, &error);
  g_assert_no_error (error);

  segments = sg_project_list_segments (project, outcome->run_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (segments->len, ==, 6);
  for (guint s = 0; s < segments->len; s++)
    {
      SgSegmentInfo *segment = g_ptr_array_index (segments, s);
      g_autoptr(JsonNode) profile = json_from_string (segment->profile, &error);
      g_autofree char *name = g_utf8_casefold (segment->name, -1);
      JsonObject *po;
      JsonArray *facts, *numeric;
      const char *rule;
      gboolean scores_profiled = FALSE;

      g_assert_no_error (error);
      po = json_node_get_object (profile);
      rule = json_object_get_string_member (json_object_get_object_member (po, "naming"), "rule");
      g_test_message ("segment %u: %s [%s]", s, segment->name, rule);
      if (g_strcmp0 (rule, SG_NAME_RULE_DISTINCTIVE) != 0 && g_strcmp0 (rule, SG_NAME_RULE_MAINSTREAM) != 0)
        named_by_rule++;
      for (guint r = 0; raw[r] != NULL; r++)
        if (strstr (name, raw[r]) != NULL)
          g_error ("name “%s” shows “%s”", segment->name, raw[r]);
      facts = json_object_get_array_member (po, "distinctive");
      g_assert_cmpuint (json_array_get_length (facts), >=, 2);
      for (guint i = 0; i < json_array_get_length (facts); i++)
        {
          JsonObject *fact = json_array_get_object_element (facts, i);
          const char *sentence = json_object_get_string_member (fact, "sentence");
          const char *feature = json_object_get_string_member (fact, "feature");
          g_autofree char *folded = g_utf8_casefold (sentence, -1);

          g_test_message ("  %s", sentence);
          told++;
          for (guint r = 0; raw[r] != NULL; r++)
            if (strstr (folded, raw[r]) != NULL)
              g_error ("sentence “%s” shows “%s”", sentence, raw[r]);
          /* the RFM scores repeat recency, frequency and spend: not told while anything else is */
          g_assert_false (g_str_has_suffix (feature, "_score"));
          /* no run-on digits: four-digit amounts are grouped ("4,882") */
          for (const char *p = sentence; *p != '\0'; p++)
            if (g_ascii_isdigit (p[0]) && g_ascii_isdigit (p[1]) && g_ascii_isdigit (p[2]) && g_ascii_isdigit (p[3]))
              g_error ("sentence “%s” has an ungrouped number", sentence);
        }
      /* … but they stay in the profile's table */
      numeric = json_object_get_array_member (po, "numeric");
      for (guint i = 0; i < json_array_get_length (numeric); i++)
        scores_profiled |= g_strcmp0 (json_object_get_string_member (json_array_get_object_element (numeric, i), "name"),
                                      "f_score") == 0;
      g_assert_true (scores_profiled);
    }
  /* most segments of a shop's customers have a business name, not a list of traits */
  g_assert_cmpuint (named_by_rule, >=, 4);
  g_assert_cmpuint (told, >=, 6 * 3);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/naming/rfm-rules", test_rfm_rules);
  g_test_add_func ("/naming/other-rules", test_other_rules);
  g_test_add_func ("/naming/promising-newcomers", test_promising_newcomers);
  g_test_add_func ("/naming/income-rules-and-fallback", test_income_rules_and_fallback);
  g_test_add_func ("/naming/columns-without-roles", test_columns_without_roles);
  g_test_add_func ("/naming/collisions", test_collisions);
  g_test_add_func ("/naming/user-names", test_user_names);
  g_test_add_func ("/naming/mall-end-to-end", test_mall_end_to_end);
  g_test_add_func ("/naming/derived-rules", test_derived_rules);
  g_test_add_func ("/naming/trend-needs-a-real-rise", test_trend_needs_a_real_rise);
  g_test_add_func ("/naming/names-in-words", test_names_in_words);
  g_test_add_func ("/naming/demo-end-to-end", test_demo_end_to_end);
  return g_test_run ();
}
