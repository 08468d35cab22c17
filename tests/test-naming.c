/* test-naming.c — business names from profiles: each rule, fallbacks, uniqueness, user edits, and the
 * Mall Customers data end to end
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "sg-naming.h"
#include "sg-profile.h"
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
  return g_test_run ();
}
