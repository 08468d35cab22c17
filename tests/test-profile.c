/* test-profile.c — segment profiles on a small table computed by hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "sg-error.h"
#include "sg-profile.h"

/*  row label n_orders total_spend balance country
 *   0    0     10        500        -5     DE
 *   1    0     12        700         3     DE
 *   2    0      8        400         2     DE
 *   3    0     10        NaN         4     FR
 *   4    1      2        100        -1     FR
 *   5    1      1         50         6     FR
 *   6    1      3        150        -2     DE
 *   7    1      2        100         1     (missing)
 *   8   -1      4        200         0     FR       noise: counts overall, in no segment
 *   9   -2    100       9999       100     US       excluded: counts nowhere
 */
static const gint32 labels[] = { 0, 0, 0, 0, 1, 1, 1, 1, -1, -2 };

static SgTable *
small_table (void)
{
  SgTable *table = sg_table_new ("small");
  SgColumn *orders = sg_table_add_column (table, "n_orders", SG_COLUMN_INTEGER);
  SgColumn *spend = sg_table_add_column (table, "total_spend", SG_COLUMN_DECIMAL);
  SgColumn *balance = sg_table_add_column (table, "balance", SG_COLUMN_DECIMAL);
  SgColumn *country = sg_table_add_column (table, "country", SG_COLUMN_CATEGORICAL);
  const double o[] = { 10, 12, 8, 10, 2, 1, 3, 2, 4, 100 };
  const double s[] = { 500, 700, 400, NAN, 100, 50, 150, 100, 200, 9999 };
  const double b[] = { -5, 3, 2, 4, -1, 6, -2, 1, 0, 100 };
  const char *c[] = { "DE", "DE", "DE", "FR", "FR", "FR", "DE", NULL, "FR", "US" };

  for (guint i = 0; i < 10; i++)
    {
      sg_column_append_number (orders, o[i]);
      sg_column_append_number (spend, s[i]);
      sg_column_append_number (balance, b[i]);
      sg_column_append_string (country, c[i]);
    }
  return table;
}

static const SgDistinctive *
find_distinctive (const SgSegmentProfile *segment,
                  SgDistinctiveKind       kind,
                  guint                   feature)
{
  for (guint i = 0; i < segment->n_distinctive; i++)
    if (segment->distinctive[i].kind == kind && segment->distinctive[i].feature == feature)
      return &segment->distinctive[i];
  return NULL;
}

static void
test_hand_computed (void)
{
  g_autoptr(SgTable) table = small_table ();
  const guint features[] = { 0, 1, 2 };
  const guint cats[] = { 3 };
  g_autoptr(GError) error = NULL;
  g_autoptr(SgProfile) p = sg_profile_compute (table, labels, 2, features, 3, cats, 1, &error);
  const SgNumericProfile *orders, *spend, *balance;
  const SgCategoricalProfile *country;
  double d;

  g_assert_no_error (error);
  g_assert_nonnull (p);
  g_assert_cmpuint (p->n_rows, ==, 9);
  g_assert_cmpuint (p->n_noise, ==, 1);
  g_assert_cmpuint (p->n_excluded, ==, 1);
  g_assert_cmpuint (p->segments[0].size, ==, 4);
  g_assert_cmpuint (p->segments[1].size, ==, 4);
  g_assert_cmpfloat_with_epsilon (p->segments[0].share, 4.0 / 9.0, 1e-15);
  g_assert_cmpuint (p->n_numeric, ==, 3);
  g_assert_cmpuint (p->n_categorical, ==, 1);

  orders = &p->numeric[0];
  g_assert_cmpstr (orders->role, ==, "frequency");
  g_assert_true (orders->clustered);
  /* overall (rows 0–8): 52 / 9; sorted 1 2 2 3 4 8 10 10 12 → median 4, q1 2, q3 10 */
  g_assert_cmpuint (orders->n, ==, 9);
  g_assert_cmpfloat_with_epsilon (orders->mean, 52.0 / 9.0, 1e-12);
  g_assert_cmpfloat (orders->median, ==, 4);
  g_assert_cmpfloat (orders->q1, ==, 2);
  g_assert_cmpfloat (orders->q3, ==, 10);
  g_assert_cmpfloat (orders->min, ==, 1);
  g_assert_cmpfloat (orders->max, ==, 12);
  g_assert_cmpint (orders->index_status, ==, SG_INDEX_OK);
  /* segment 0: 8 10 10 12 → mean 10, median 10, q1 = 8 + 0.75·2 = 9.5, q3 = 10 + 0.25·2 = 10.5 */
  g_assert_cmpfloat (orders->segments[0].mean, ==, 10);
  g_assert_cmpfloat (orders->segments[0].median, ==, 10);
  g_assert_cmpfloat_with_epsilon (orders->segments[0].q1, 9.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (orders->segments[0].q3, 10.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (orders->segments[0].sd, sqrt (8.0 / 3.0), 1e-12);
  /* index: 10 / (52/9) × 100 = 9000/52 = 173.08; segment 1: 2 / (52/9) × 100 = 34.62 */
  g_assert_cmpfloat_with_epsilon (orders->segments[0].index, 9000.0 / 52.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (orders->segments[1].index, 1800.0 / 52.0, 1e-9);
  /* Cohen's d of segment 0 against the rest (segment 1 and the noise row: 2 1 3 2 4, mean 2.4,
   * var 1.3); segment 0 var 8/3; pooled (3·8/3 + 4·1.3) / 7 = 13.2/7; d = 7.6 / sqrt(13.2/7) */
  d = 7.6 / sqrt (13.2 / 7.0);
  g_assert_cmpfloat_with_epsilon (orders->segments[0].cohens_d, d, 1e-12);
  /* scipy.stats.ttest_ind([10,12,8,10], [2,1,3,2,4], equal_var=False) → p=0.00043597706683319636 */
  g_assert_cmpfloat_with_epsilon (orders->segments[0].p_vs_rest, 0.00043597706683319636, 1e-10);
  /* across segments, noise left out:
   * scipy.stats.f_oneway([10,12,8,10], [2,1,3,2]) → F=76.8, p=0.00012228763483060166
   * scipy.stats.kruskal([10,12,8,10], [2,1,3,2]) → H=5.4634146341463365, p=0.019418663234721467 */
  g_assert_true (orders->tested);
  g_assert_cmpfloat_with_epsilon (orders->anova.statistic, 76.8, 1e-10);
  g_assert_cmpfloat_with_epsilon (orders->anova.p_value, 0.00012228763483060166, 1e-12);
  g_assert_cmpfloat_with_epsilon (orders->kruskal.statistic, 5.4634146341463365, 1e-10);
  g_assert_cmpfloat_with_epsilon (orders->kruskal.p_value, 0.019418663234721467, 1e-12);

  spend = &p->numeric[1];
  g_assert_cmpstr (spend->role, ==, "monetary");
  /* the missing value of row 3 is left out: overall 2200 / 8 = 275, segment 0 1600 / 3 */
  g_assert_cmpuint (spend->n, ==, 8);
  g_assert_cmpfloat_with_epsilon (spend->mean, 275, 1e-12);
  g_assert_cmpuint (spend->segments[0].n, ==, 3);
  g_assert_cmpfloat_with_epsilon (spend->segments[0].index, 1600.0 / 3.0 / 275.0 * 100.0, 1e-9);

  balance = &p->numeric[2];
  /* −5 … 6: an index of a column that mixes signs means nothing; flagged, not a number */
  g_assert_cmpint (balance->index_status, ==, SG_INDEX_MIXED_SIGNS);
  g_assert_true (isnan (balance->segments[0].index));
  g_assert_false (isnan (balance->segments[0].cohens_d));

  country = &p->categorical[0];
  g_assert_cmpstr (country->role, ==, "country");
  g_assert_false (country->clustered);
  /* DE: rows 0 1 2 6, FR: rows 3 4 5 8 (tie broken alphabetically), row 7 unknown, row 9 excluded */
  g_assert_cmpuint (country->n_levels, ==, 2);
  g_assert_cmpstr (country->levels[0].level, ==, "DE");
  g_assert_cmpstr (country->levels[1].level, ==, "FR");
  g_assert_cmpuint (country->n_known, ==, 8);
  g_assert_cmpfloat (country->levels[0].share, ==, 0.5);
  g_assert_cmpfloat (country->levels[0].shares[0], ==, 0.75);
  g_assert_cmpfloat (country->levels[0].lifts[0], ==, 1.5);
  g_assert_cmpuint (country->n_known_segment[1], ==, 3);
  g_assert_cmpfloat_with_epsilon (country->levels[1].shares[1], 2.0 / 3.0, 1e-15);
  g_assert_cmpfloat_with_epsilon (country->levels[1].lifts[1], 4.0 / 3.0, 1e-15);
  g_assert_true (country->tested);

  /* distinctive facts, largest |effect| first; numbers and direction, not exact wording */
  {
    const SgSegmentProfile *s0 = &p->segments[0], *s1 = &p->segments[1];
    const SgDistinctive *fo = find_distinctive (s0, SG_DISTINCTIVE_NUMERIC, 0);
    const SgDistinctive *fo1 = find_distinctive (s1, SG_DISTINCTIVE_NUMERIC, 0);
    const SgDistinctive *fc = find_distinctive (s0, SG_DISTINCTIVE_LEVEL, 0);

    g_assert_nonnull (fo);
    g_assert_cmpfloat_with_epsilon (fo->effect, d, 1e-12);
    g_assert_true (s0->distinctive[0].kind == SG_DISTINCTIVE_NUMERIC);
    for (guint i = 1; i < s0->n_distinctive; i++)
      g_assert_cmpfloat (fabs (s0->distinctive[i - 1].effect), >=, fabs (s0->distinctive[i].effect));
    /* 173 index → "1.7× as often" */
    g_assert_nonnull (strstr (fo->sentence, "1.7×"));
    g_assert_nonnull (strstr (fo->sentence, "often"));
    /* segment 1: 34.6 index → 65% less often */
    g_assert_nonnull (fo1);
    g_assert_nonnull (strstr (fo1->sentence, "65%"));
    g_assert_nonnull (strstr (fo1->sentence, "less often"));
    /* DE is 75% of segment 0 against 25% of the rest: h = 2·asin(√.75) − 2·asin(√.25) = π/3 */
    g_assert_nonnull (fc);
    g_assert_cmpuint (fc->level, ==, 0);
    g_assert_cmpfloat_with_epsilon (fc->effect, G_PI / 3, 1e-12);
    g_assert_nonnull (strstr (fc->sentence, "75%"));
    g_assert_nonnull (strstr (fc->sentence, "DE"));
    g_assert_nonnull (strstr (fc->sentence, "50%"));
  }
}

static void
test_sentences_by_role (void)
{
  g_autoptr(SgTable) table = sg_table_new ("roles");
  SgColumn *recency = sg_table_add_column (table, "days_since_last_purchase", SG_COLUMN_INTEGER);
  SgColumn *spend = sg_table_add_column (table, "Spend", SG_COLUMN_DECIMAL);
  SgColumn *age = sg_table_add_column (table, "Age", SG_COLUMN_INTEGER);
  g_autofree gint32 *lab = g_new (gint32, 40);
  const guint features[] = { 0, 1, 2 };
  g_autoptr(GError) error = NULL;
  g_autoptr(SgProfile) p = NULL;
  const SgDistinctive *r, *m, *a;

  /* segment 0: 10 customers, recency 210, spend 320, age 25; segment 1: 30, recency 52, spend 80, age 45
   * (± 1 so no column is constant). Overall recency (2100 + 1560)/40 = 91.5, spend 320·10+80·30 = 5600/40 = 140 */
  for (guint i = 0; i < 40; i++)
    {
      gboolean first = i < 10;
      double wobble = (i % 2 == 0) ? 1 : -1;

      lab[i] = first ? 0 : 1;
      sg_column_append_number (recency, (first ? 210 : 52) + wobble);
      sg_column_append_number (spend, (first ? 320 : 80) + wobble);
      sg_column_append_number (age, (first ? 25 : 45) + wobble);
    }
  p = sg_profile_compute (table, lab, 2, features, 3, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (p->segments[0].n_distinctive, ==, 3);
  r = find_distinctive (&p->segments[0], SG_DISTINCTIVE_NUMERIC, 0);
  m = find_distinctive (&p->segments[0], SG_DISTINCTIVE_NUMERIC, 1);
  a = find_distinctive (&p->segments[0], SG_DISTINCTIVE_NUMERIC, 2);
  g_assert_nonnull (r);
  g_assert_nonnull (m);
  g_assert_nonnull (a);
  /* "Not seen for a while: last purchase 210 days ago on average (overall 92)" */
  g_assert_nonnull (strstr (r->sentence, "210 days"));
  g_assert_nonnull (strstr (r->sentence, "92"));
  g_assert_cmpfloat (r->effect, >, 0);
  /* 320 / 140 = 2.29 → "2.3×" */
  g_assert_nonnull (strstr (m->sentence, "2.3×"));
  g_assert_nonnull (strstr (m->sentence, "Spends"));
  /* younger: 25 vs 40 */
  g_assert_nonnull (strstr (a->sentence, "Younger"));
  g_assert_nonnull (strstr (a->sentence, "25"));
  g_assert_nonnull (strstr (a->sentence, "40"));
  g_assert_cmpfloat (a->effect, <, 0);
  g_assert_true (p->segments[0].distinct);
  g_assert_true (p->numeric[0].separates);
}

static void
test_not_separating (void)
{
  /* the same values in both segments: tests find nothing, the feature is flagged */
  g_autoptr(SgTable) table = sg_table_new ("flat");
  SgColumn *x = sg_table_add_column (table, "x", SG_COLUMN_DECIMAL);
  SgColumn *y = sg_table_add_column (table, "y", SG_COLUMN_DECIMAL);
  gint32 lab[40];
  const guint features[] = { 0, 1 };
  g_autoptr(GError) error = NULL;
  g_autoptr(SgProfile) p = NULL;

  for (guint i = 0; i < 40; i++)
    {
      lab[i] = i % 2;
      sg_column_append_number (x, (double) (i / 2 % 5));   /* identical in both segments */
      sg_column_append_number (y, lab[i] == 0 ? 1.0 + i * 0.01 : 9.0 + i * 0.01);
    }
  p = sg_profile_compute (table, lab, 2, features, 2, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_true (p->numeric[0].tested);
  g_assert_false (p->numeric[0].separates);
  g_assert_cmpfloat (p->numeric[0].kruskal_p_adjusted, >=, 0.05);
  g_assert_cmpfloat_with_epsilon (p->numeric[0].segments[0].cohens_d, 0, 1e-12);
  g_assert_true (p->numeric[1].separates);
  g_assert_cmpint (p->correction, ==, SG_P_ADJUST_HOLM);
  /* Holm over two tests: the smaller p doubled */
  g_assert_cmpfloat_with_epsilon (p->numeric[1].kruskal_p_adjusted,
                                  MIN (1.0, 2 * p->numeric[1].kruskal.p_value), 1e-15);
  /* x is not distinctive for either segment */
  g_assert_null (find_distinctive (&p->segments[0], SG_DISTINCTIVE_NUMERIC, 0));
}

static void
test_constant_and_zero (void)
{
  /* a constant column and an all-zero one: clear flags, no NaN where a number is promised */
  g_autoptr(SgTable) table = sg_table_new ("flat");
  SgColumn *c = sg_table_add_column (table, "constant", SG_COLUMN_DECIMAL);
  SgColumn *z = sg_table_add_column (table, "zero", SG_COLUMN_DECIMAL);
  SgColumn *inf = sg_table_add_column (table, "with_infinity", SG_COLUMN_DECIMAL);
  gint32 lab[20];
  const guint features[] = { 0, 1, 2 };
  g_autoptr(GError) error = NULL;
  g_autoptr(SgProfile) p = NULL;

  for (guint i = 0; i < 20; i++)
    {
      lab[i] = i % 2;
      sg_column_append_number (c, 7);
      sg_column_append_number (z, 0);
      sg_column_append_number (inf, i == 3 ? INFINITY : (double) i);
    }
  p = sg_profile_compute (table, lab, 2, features, 3, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (p->numeric[0].index_status, ==, SG_INDEX_OK);
  g_assert_cmpfloat (p->numeric[0].segments[0].index, ==, 100);
  g_assert_cmpfloat (p->numeric[0].segments[0].cohens_d, ==, 0);
  g_assert_cmpfloat (p->numeric[0].sd, ==, 0);
  g_assert_true (p->numeric[0].tested);
  g_assert_cmpfloat (p->numeric[0].anova.p_value, ==, 1);
  g_assert_cmpfloat (p->numeric[0].kruskal.p_value, ==, 1);
  g_assert_false (p->numeric[0].separates);
  g_assert_cmpint (p->numeric[1].index_status, ==, SG_INDEX_ZERO_MEAN);
  g_assert_true (isnan (p->numeric[1].segments[0].index));
  g_assert_cmpfloat (p->numeric[1].segments[1].cohens_d, ==, 0);
  /* an infinite value is left out like a missing one: 19 values, mean (190 − 3) / 19 */
  g_assert_cmpuint (p->numeric[2].n, ==, 19);
  g_assert_cmpfloat_with_epsilon (p->numeric[2].mean, 187.0 / 19.0, 1e-12);
  g_assert_true (isfinite (p->numeric[2].segments[1].cohens_d));
  g_assert_cmpfloat (p->numeric[2].kruskal.p_value, >, 0.05);
}

static void
test_errors (void)
{
  g_autoptr(SgTable) table = small_table ();
  const guint features[] = { 0, 1 };
  const guint bad[] = { 7 };
  gint32 out_of_range[10], empty[10];
  g_autoptr(GError) error = NULL;
  SgProfile *p;
  SgColumn *blank;

  memcpy (out_of_range, labels, sizeof labels);
  out_of_range[4] = 2;
  p = sg_profile_compute (table, out_of_range, 2, features, 2, NULL, 0, &error);
  g_assert_null (p);
  g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  for (guint i = 0; i < 10; i++)
    empty[i] = labels[i] == 1 ? 0 : labels[i];
  p = sg_profile_compute (table, empty, 2, features, 2, NULL, 0, &error);
  g_assert_null (p);
  g_assert_error (error, SG_ERROR, SG_ERROR_DEGENERATE);
  g_clear_error (&error);

  p = sg_profile_compute (table, labels, 2, bad, 1, NULL, 0, &error);
  g_assert_null (p);
  g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  blank = sg_table_add_column (table, "blank", SG_COLUMN_DECIMAL);
  for (guint i = 0; i < 10; i++)
    sg_column_append_missing (blank);
  {
    const guint with_blank[] = { 0, 4 };

    p = sg_profile_compute (table, labels, 2, with_blank, 2, NULL, 0, &error);
    g_assert_null (p);
    g_assert_error (error, SG_ERROR, SG_ERROR_DEGENERATE);
    g_assert_nonnull (strstr (error->message, "blank"));
  }
}

static void
test_json_and_threads (void)
{
  g_autoptr(SgTable) table = small_table ();
  const guint features[] = { 0, 1, 2 };
  const guint cats[] = { 3 };
  SgProfileOptions options;
  g_autoptr(GError) error = NULL;
  g_autoptr(SgProfile) one = NULL, two = NULL;
  g_autoptr(JsonNode) node1 = NULL, node2 = NULL;
  g_autofree char *text1 = NULL, *text2 = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root, *balance;
  const char *names[] = { "Regulars", "Occasionals" };

  sg_profile_options_init (&options);
  options.n_threads = 1;
  one = sg_profile_compute_full (table, labels, 2, features, 3, cats, 1, &options, NULL, &error);
  g_assert_no_error (error);
  options.n_threads = 2;
  two = sg_profile_compute_full (table, labels, 2, features, 3, cats, 1, &options, NULL, &error);
  g_assert_no_error (error);
  node1 = sg_profile_to_json (one, names);
  node2 = sg_profile_to_json (two, names);
  text1 = json_to_string (node1, FALSE);
  text2 = json_to_string (node2, FALSE);
  g_assert_cmpstr (text1, ==, text2);

  g_assert_true (json_parser_load_from_data (parser, text1, -1, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (root, "k"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (root, "correction"), ==, "holm");
  g_assert_cmpstr (json_object_get_string_member (
                     json_array_get_object_element (json_object_get_array_member (root, "segments"), 1),
                     "name"), ==, "Occasionals");
  balance = json_array_get_object_element (json_object_get_array_member (root, "numeric"), 2);
  g_assert_cmpstr (json_object_get_string_member (balance, "index_status"), ==, "mixed-signs");
  /* one segment's slice, as a run stores it per segment */
  {
    g_autoptr(JsonNode) seg = sg_profile_segment_to_json (one, 0);
    JsonObject *o = json_node_get_object (seg);
    JsonObject *orders = json_array_get_object_element (json_object_get_array_member (o, "numeric"), 0);
    JsonObject *country = json_array_get_object_element (json_object_get_array_member (o, "categorical"), 0);
    JsonObject *de = json_array_get_object_element (json_object_get_array_member (country, "levels"), 0);

    g_assert_cmpint (json_object_get_int_member (o, "size"), ==, 4);
    g_assert_cmpfloat (json_object_get_double_member (orders, "mean"), ==, 10);
    g_assert_cmpfloat_with_epsilon (json_object_get_double_member (orders, "index"), 9000.0 / 52.0, 1e-9);
    g_assert_cmpstr (json_object_get_string_member (de, "level"), ==, "DE");
    g_assert_cmpfloat (json_object_get_double_member (de, "lift"), ==, 1.5);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "distinctive")), >=, 1);
  }
  /* an undefined index is null in JSON, never NaN */
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (
    json_array_get_object_element (json_object_get_array_member (balance, "segments"), 0), "index")));
}

static void
test_role_guess (void)
{
  static const struct { const char *name; const char *role; } cases[] = {
    { "days_since_last_purchase", "recency" }, { "Recency", "recency" },
    { "n_orders", "frequency" }, { "frequency", "frequency" }, { "NumWebPurchases", "frequency" },
    { "PURCHASES_TRX", "frequency" }, { "NumStorePurchases", "frequency" },
    { "total_spend", "monetary" }, { "monetary", "monetary" }, { "MntWines", "monetary" },
    { "amount", "monetary" }, { "Spending Score (1-100)", "monetary" }, { "MonthlyCharges", "monetary" },
    { "Annual Income (k$)", "income" }, { "Income", "income" },
    { "NumDealsPurchases", "discount" }, { "avg_order_value", "order_value" },
    { "NumWebVisitsMonth", "engagement" }, { "tenure", "tenure" }, { "Dt_Customer", "tenure" },
    { "Complain", "support" }, { "Age", "age" }, { "Country", "country" }, { "Genre", "gender" },
    { "gender", "gender" }, { "Channel", "channel" }, { "CustomerID", "id" }, { "customer_id", "id" },
    { "Kidhome", "children" }, { "Dependents", "children" }, { "Fresh", NULL }, { "page_rank", NULL }, { "average", NULL },
    { "usage", NULL },
    /* the features derive makes, and names like them */
    { "recency_days", "recency" }, { "tenure_days", "tenure" }, { "interpurchase_days", "interpurchase" },
    { "spend_trend", "trend" }, { "n_categories", "categories" }, { "return_share", "returns" },
    { "return_rate", "returns" }, { "favourite_category", "favourite_category" },
    { "favourite_channel", "channel" }, { "orders_90d", "frequency" }, { "r_score", "r_score" },
    { "f_score", "f_score" }, { "m_score", "m_score" }, { "rfm_score", "rfm_score" },
    { "rfm_segment", "rfm_segment" },
    /* how often something other than buying happens is no purchase frequency */
    { "PURCHASES_FREQUENCY", "frequency" }, { "BALANCE_FREQUENCY", NULL },
    { "CASH_ADVANCE_FREQUENCY", NULL }, { "CASH_ADVANCE_TRX", NULL }, { "PAYMENTS", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *got = sg_column_role_guess (cases[i].name);

      if (g_strcmp0 (got, cases[i].role) != 0)
        g_error ("%s: expected role %s, got %s", cases[i].name, cases[i].role, got);
    }
}

static void
test_units_and_numbers (void)
{
  g_autofree char *k = sg_column_unit_guess ("Annual Income (k$)");
  g_autofree char *range = sg_column_unit_guess ("Spending Score (1-100)");
  g_autofree char *days = sg_column_unit_guess ("days_since_last_purchase");
  g_autofree char *display = sg_column_display_name ("Annual Income (k$)");
  g_autofree char *n1 = sg_profile_format_number (86.333);
  g_autofree char *n2 = sg_profile_format_number (2400.4);
  g_autofree char *n3 = sg_profile_format_number (0.12345);
  g_autofree char *n4 = sg_profile_format_number (3.10);

  g_assert_cmpstr (k, ==, "k$");
  g_assert_null (range);
  g_assert_cmpstr (days, ==, "days");
  g_assert_cmpstr (display, ==, "Annual Income");
  g_assert_cmpstr (n1, ==, "86.3");
  g_assert_cmpstr (n2, ==, "2,400");   /* the tests run in the C locale: a comma groups thousands */
  g_assert_cmpstr (n3, ==, "0.123");
  g_assert_cmpstr (n4, ==, "3.1");
}

static void
test_display_names (void)
{
  static const struct { const char *name; const char *label; const char *phrase; } cases[] = {
    /* the features derive makes */
    { "n_categories", "Product categories", "product categories" },
    { "avg_order_value", "Average order value", "average order value" },
    { "interpurchase_days", "Days between purchases", "days between purchases" },
    { "recency_days", "Days since last purchase", "days since last purchase" },
    { "return_share", "Return rate", "return rate" },
    { "rfm_segment", "RFM group", "RFM group" },
    { "f_score", "Frequency score", "frequency score" },
    { "orders_90d", "Orders in the last 90 days", "orders in the last 90 days" },
    /* the public datasets' names */
    { "NumWebVisitsMonth", "Web visits per month", "web visits per month" },
    { "NumStorePurchases", "Store purchases", "store purchases" },
    { "MntGoldProds", "Spend on gold products", "spend on gold products" },
    { "AcceptedCmp3", "Accepted campaign 3", "accepted campaign 3" },
    { "CASH_ADVANCE_TRX", "Cash advance transactions", "cash advance transactions" },
    { "BALANCE", "Balance", "balance" },
    { "StreamingTV", "Streaming TV", "streaming TV" },
    { "Detergents_Paper", "Detergents and paper", "detergents and paper" },
    { "Annual Income (k$)", "Annual Income", "annual income" },
    /* unknown names: underscores to spaces, the user's words kept */
    { "loyalty_points_balance", "Loyalty points balance", "loyalty points balance" },
    { "spend", "spend", "spend" },
    { "F3", "F3", "F3" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *label = sg_column_display_name (cases[i].name);
      g_autofree char *phrase = sg_column_display_phrase (cases[i].name);

      if (g_strcmp0 (label, cases[i].label) != 0 || g_strcmp0 (phrase, cases[i].phrase) != 0)
        g_error ("%s: expected “%s” / “%s”, got “%s” / “%s”", cases[i].name, cases[i].label,
                 cases[i].phrase, label, phrase);
    }
  {
    static const struct { double value; const char *text; } amounts[] = {
      { 4882.3, "4,882" }, { 1234567, "1,234,567" }, { -2500, "-2,500" }, { 29.1, "29" },
      { 12.96, "13" }, { 2.23, "2.2" }, { 5.0, "5" }, { 0.327, "0.33" }, { 0.0512, "0.051" }, { 0, "0" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (amounts); i++)
      {
        g_autofree char *text = sg_profile_format_amount (amounts[i].value);

        g_assert_cmpstr (text, ==, amounts[i].text);
      }
  }
}


/* ---- derived customer features (the columns and roles sg-derive.c and sg-rfm.c make) ---- */

/* Appends @n values around @mean: +w, −w, +w… so an even @n averages exactly @mean. */
static void
append_around (SgColumn *column,
               double    mean,
               double    w,
               guint     n)
{
  for (guint i = 0; i < n; i++)
    sg_column_append_number (column, mean + (i % 2 == 0 ? w : -w));
}

static SgColumn *
add_role_column (SgTable      *table,
                 const char   *name,
                 SgColumnType  type,
                 const char   *role)
{
  SgColumn *column = sg_table_add_column (table, name, type);

  sg_column_set_role (column, role);
  return column;
}

enum { D_RECENCY, D_FREQUENCY, D_MONETARY, D_AOV, D_TENURE, D_INTERPURCHASE, D_ORDERS_90D, D_TREND,
       D_CATEGORIES, D_RETURNS, D_R_SCORE, D_F_SCORE, D_M_SCORE, D_SIGNUP, D_CHANNEL, D_RFM_SEGMENT,
       D_RFM_SCORE, D_N_COLUMNS };

/* Segment 0: 10 new, frequent, returning, broad buyers whose spend grows; segment 1: 30 others. */
static SgTable *
derived_table (gint32 **segment_of)
{
  SgTable *table = sg_table_new ("customer features");
  SgColumn *c[D_N_COLUMNS];
  const double day = 86400, reference = 1700000000;

  c[D_RECENCY] = add_role_column (table, "recency_days", SG_COLUMN_INTEGER, "recency");
  c[D_FREQUENCY] = add_role_column (table, "frequency", SG_COLUMN_INTEGER, "frequency");
  c[D_MONETARY] = add_role_column (table, "monetary", SG_COLUMN_DECIMAL, "monetary");
  c[D_AOV] = add_role_column (table, "avg_order_value", SG_COLUMN_DECIMAL, "order_value");
  c[D_TENURE] = add_role_column (table, "tenure_days", SG_COLUMN_INTEGER, "tenure");
  c[D_INTERPURCHASE] = add_role_column (table, "interpurchase_days", SG_COLUMN_DECIMAL, "interpurchase");
  c[D_ORDERS_90D] = add_role_column (table, "orders_90d", SG_COLUMN_INTEGER, "frequency");
  c[D_TREND] = add_role_column (table, "spend_trend", SG_COLUMN_DECIMAL, "trend");
  c[D_CATEGORIES] = add_role_column (table, "n_categories", SG_COLUMN_INTEGER, "categories");
  c[D_RETURNS] = add_role_column (table, "return_share", SG_COLUMN_DECIMAL, "returns");
  c[D_R_SCORE] = add_role_column (table, "r_score", SG_COLUMN_INTEGER, "r_score");
  c[D_F_SCORE] = add_role_column (table, "f_score", SG_COLUMN_INTEGER, "f_score");
  c[D_M_SCORE] = add_role_column (table, "m_score", SG_COLUMN_INTEGER, "m_score");
  c[D_SIGNUP] = add_role_column (table, "signup_date", SG_COLUMN_DATE, "tenure");
  c[D_CHANNEL] = add_role_column (table, "favourite_channel", SG_COLUMN_CATEGORICAL, "channel");
  c[D_RFM_SEGMENT] = add_role_column (table, "rfm_segment", SG_COLUMN_CATEGORICAL, "rfm_segment");
  c[D_RFM_SCORE] = add_role_column (table, "rfm_score", SG_COLUMN_CATEGORICAL, "rfm_score");

  /*                      segment 0 (10)              segment 1 (30)      overall (40) */
  append_around (c[D_RECENCY], 20, 2, 10);       append_around (c[D_RECENCY], 200, 20, 30);    /* 155 */
  append_around (c[D_FREQUENCY], 12, 1, 10);     append_around (c[D_FREQUENCY], 3, 1, 30);     /* 5.25 */
  append_around (c[D_MONETARY], 1500, 50, 10);   append_around (c[D_MONETARY], 300, 50, 30);   /* 600 */
  append_around (c[D_AOV], 125, 1, 10);          append_around (c[D_AOV], 100, 1, 30);         /* 106.25 */
  append_around (c[D_TENURE], 31, 3, 10);        append_around (c[D_TENURE], 700, 50, 30);     /* 532.75 */
  append_around (c[D_INTERPURCHASE], 12, 1, 10); append_around (c[D_INTERPURCHASE], 45, 5, 30); /* 36.75 */
  append_around (c[D_ORDERS_90D], 4, 1, 10);     append_around (c[D_ORDERS_90D], 0.5, 0.5, 30);
  append_around (c[D_TREND], 0.99, 0.01, 10);    append_around (c[D_TREND], -0.2, 0.1, 30);   /* 0.0975 */
  append_around (c[D_CATEGORIES], 6, 1, 10);     append_around (c[D_CATEGORIES], 2, 1, 30);    /* 3 */
  append_around (c[D_RETURNS], 0.33, 0.01, 10);  append_around (c[D_RETURNS], 0.01, 0.01, 30); /* 0.09 */
  append_around (c[D_R_SCORE], 4.5, 0.5, 10);    append_around (c[D_R_SCORE], 2, 1, 30);
  append_around (c[D_F_SCORE], 4.5, 0.5, 10);    append_around (c[D_F_SCORE], 2, 1, 30);
  append_around (c[D_M_SCORE], 4.5, 0.5, 10);    append_around (c[D_M_SCORE], 2, 1, 30);
  append_around (c[D_SIGNUP], reference - 31 * day, 3 * day, 10);
  append_around (c[D_SIGNUP], reference - 700 * day, 50 * day, 30);
  *segment_of = g_new (gint32, 40);
  for (guint i = 0; i < 40; i++)
    {
      (*segment_of)[i] = i < 10 ? 0 : 1;
      sg_column_append_string (c[D_CHANNEL], i < 10 || i >= 35 ? "App" : "Web");       /* 15 App */
      sg_column_append_string (c[D_RFM_SEGMENT], i < 10 || i >= 38 ? "Champions" : "Lost"); /* 28 Lost */
      sg_column_append_string (c[D_RFM_SCORE], i < 10 ? "555" : "211");
    }
  return table;
}

static SgProfile *
derived_profile (SgTable      *table,
                 const gint32 *segment_of,
                 guint         max_distinctive)
{
  const guint features[] = { D_RECENCY, D_FREQUENCY, D_MONETARY, D_AOV, D_TENURE, D_INTERPURCHASE,
                             D_TREND, D_CATEGORIES, D_RETURNS };
  const guint extra[] = { D_ORDERS_90D, D_R_SCORE, D_F_SCORE, D_M_SCORE, D_SIGNUP };
  const guint cats[] = { D_CHANNEL, D_RFM_SEGMENT, D_RFM_SCORE };
  SgProfileOptions options;
  g_autoptr(GError) error = NULL;
  SgProfile *p;

  sg_profile_options_init (&options);
  options.extra_numeric_columns = extra;
  options.n_extra_numeric = G_N_ELEMENTS (extra);
  options.max_distinctive = max_distinctive;
  p = sg_profile_compute_full (table, segment_of, 2, features, G_N_ELEMENTS (features), cats,
                               G_N_ELEMENTS (cats), &options, NULL, &error);
  g_assert_no_error (error);
  return p;
}

/* The sentence about @column in segment @s, or NULL when it is not told. */
static const char *
sentence_about (const SgProfile *p,
                guint            s,
                guint            column)
{
  const SgSegmentProfile *segment = &p->segments[s];

  for (guint i = 0; i < segment->n_distinctive; i++)
    {
      const SgDistinctive *d = &segment->distinctive[i];
      guint c = d->kind == SG_DISTINCTIVE_NUMERIC ? p->numeric[d->feature].column
                                                  : p->categorical[d->feature].column;

      if (c == column)
        return d->sentence;
    }
  return NULL;
}

static void
assert_contains (const char *sentence,
                 const char *part)
{
  if (sentence == NULL || strstr (sentence, part) == NULL)
    g_error ("expected “%s” in “%s”", part, sentence != NULL ? sentence : "(no sentence)");
}

/* No sentence shows a column's raw name: no underscore, no "n categories", "f score"… */
static void
assert_plain_words (const SgProfile *p)
{
  static const char *const raw[] = { "_", "n categories", "return share", "f score", "r score", "m score",
    "rfm score", "rfm segment", "avg order", "recency days", "tenure days", "interpurchase", "spend trend",
    "orders 90d", "higher than overall", "lower than overall", " = ", NULL };

  for (guint s = 0; s < p->k; s++)
    for (guint i = 0; i < p->segments[s].n_distinctive; i++)
      {
        const char *sentence = p->segments[s].distinctive[i].sentence;
        g_autofree char *folded = g_utf8_casefold (sentence, -1);

        g_test_message ("segment %u: %s", s, sentence);
        for (guint r = 0; raw[r] != NULL; r++)
          if (strstr (folded, raw[r]) != NULL)
            g_error ("“%s” shows “%s”", sentence, raw[r]);
      }
}

static void
test_derived_sentences (void)
{
  g_autofree gint32 *segment_of = NULL;
  g_autoptr(SgTable) table = derived_table (&segment_of);
  g_autoptr(SgProfile) all = derived_profile (table, segment_of, 20);
  g_autoptr(SgProfile) five = derived_profile (table, segment_of, 5);

  assert_plain_words (all);
  assert_plain_words (five);
  /* returns a third, 9% overall */
  assert_contains (sentence_about (all, 0, D_RETURNS), "a third");
  assert_contains (sentence_about (all, 0, D_RETURNS), "9%");
  /* hardly any returns in segment 1: 1% against 9% */
  assert_contains (sentence_about (all, 1, D_RETURNS), "1%");
  /* 6 categories against 3 */
  assert_contains (sentence_about (all, 0, D_CATEGORIES), "6 product categories");
  assert_contains (sentence_about (all, 0, D_CATEGORIES), "(overall 3)");
  /* a trend of +0.99 against +0.0975 overall, and −0.2 in segment 1: signs, not "higher than" */
  assert_contains (sentence_about (all, 0, D_TREND), "+99%");
  assert_contains (sentence_about (all, 0, D_TREND), "+10%");
  assert_contains (sentence_about (all, 1, D_TREND), "−20%");
  g_assert_null (strstr (sentence_about (all, 1, D_TREND), "+20%"));
  /* every 12 days against every 37 (36.75) */
  assert_contains (sentence_about (all, 0, D_INTERPURCHASE), "12 days");
  assert_contains (sentence_about (all, 0, D_INTERPURCHASE), "every 37");
  /* joined 31 days ago against 533 (532.75) */
  assert_contains (sentence_about (all, 0, D_TENURE), "31 days");
  assert_contains (sentence_about (all, 0, D_TENURE), "533");
  /* last purchase 200 days ago against 155 */
  assert_contains (sentence_about (all, 1, D_RECENCY), "200 days");
  assert_contains (sentence_about (all, 1, D_RECENCY), "155");
  /* 12 orders, 12 / 5.25 = 2.3× as often */
  assert_contains (sentence_about (all, 0, D_FREQUENCY), "12 orders");
  assert_contains (sentence_about (all, 0, D_FREQUENCY), "2.3×");
  /* 1,500 against 600, thousands grouped */
  assert_contains (sentence_about (all, 0, D_MONETARY), "1,500");
  assert_contains (sentence_about (all, 0, D_MONETARY), "2.5×");
  /* 125 / 106.25 = 1.18: 18% more per order */
  assert_contains (sentence_about (all, 0, D_AOV), "18%");
  assert_contains (sentence_about (all, 0, D_AOV), "more");
  /* the favourite channel: 100% App against 37.5% */
  assert_contains (sentence_about (all, 0, D_CHANNEL), "100%");
  assert_contains (sentence_about (all, 0, D_CHANNEL), "App");
  /* 28 of 30 Lost: 93% against 70% */
  assert_contains (sentence_about (all, 1, D_RFM_SEGMENT), "93%");
  assert_contains (sentence_about (all, 1, D_RFM_SEGMENT), "Lost");
  assert_contains (sentence_about (all, 1, D_RFM_SEGMENT), "70%");

  /* the RFM scores and codes repeat recency, frequency and spend: profiled, not told */
  for (guint s = 0; s < 2; s++)
    {
      g_assert_null (sentence_about (all, s, D_R_SCORE));
      g_assert_null (sentence_about (all, s, D_F_SCORE));
      g_assert_null (sentence_about (all, s, D_M_SCORE));
      g_assert_null (sentence_about (all, s, D_RFM_SCORE));
      /* nor do orders in the last 90 days beside orders, or a signup date beside the tenure */
      g_assert_null (sentence_about (all, s, D_ORDERS_90D));
      g_assert_null (sentence_about (all, s, D_SIGNUP));
    }
  g_assert_nonnull (sg_profile_find_numeric (all, D_F_SCORE));
  g_assert_cmpfloat (fabs (sg_profile_find_numeric (all, D_F_SCORE)->segments[0].cohens_d), >, 1);
  g_assert_cmpuint (five->segments[0].n_distinctive, ==, 5);
}

static void
test_scores_when_nothing_else (void)
{
  /* segmented on the RFM scores alone: they are all there is to tell */
  g_autoptr(SgTable) table = sg_table_new ("scores");
  SgColumn *r = add_role_column (table, "r_score", SG_COLUMN_INTEGER, "r_score");
  SgColumn *f = add_role_column (table, "f_score", SG_COLUMN_INTEGER, "f_score");
  SgColumn *x = sg_table_add_column (table, "noise", SG_COLUMN_DECIMAL);
  gint32 lab[40];
  const guint features[] = { 0, 1, 2 };
  g_autoptr(GError) error = NULL;
  g_autoptr(SgProfile) p = NULL;

  append_around (r, 4.5, 0.5, 20);
  append_around (r, 1.5, 0.5, 20);
  append_around (f, 4.5, 0.5, 20);
  append_around (f, 1.5, 0.5, 20);
  for (guint i = 0; i < 40; i++)
    {
      lab[i] = i < 20 ? 0 : 1;
      sg_column_append_number (x, (double) (i % 5));   /* the same in both segments */
    }
  p = sg_profile_compute (table, lab, 2, features, 3, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (p->segments[0].n_distinctive, ==, 2);
  assert_contains (sentence_about (p, 0, 0), "Recency score");
  assert_contains (sentence_about (p, 0, 0), "4.5");
  assert_contains (sentence_about (p, 0, 0), "out of 5");
  assert_contains (sentence_about (p, 1, 1), "1.5");
  assert_plain_words (p);
}

static void
test_other_sentences (void)
{
  /* shares, a 0/1 flag, a year of birth, a coded channel, an amount without a role, a date */
  g_autoptr(SgTable) table = sg_table_new ("other");
  SgColumn *share = sg_table_add_column (table, "BALANCE_FREQUENCY", SG_COLUMN_DECIMAL);
  SgColumn *flag = sg_table_add_column (table, "SeniorCitizen", SG_COLUMN_INTEGER);
  SgColumn *born = sg_table_add_column (table, "Year_Birth", SG_COLUMN_INTEGER);
  SgColumn *coded = sg_table_add_column (table, "Channel", SG_COLUMN_INTEGER);
  SgColumn *grocery = sg_table_add_column (table, "Grocery", SG_COLUMN_DECIMAL);
  SgColumn *last = sg_table_add_column (table, "last_purchase_date", SG_COLUMN_DATE);
  gint32 lab[40];
  const guint features[] = { 0, 1, 2, 3, 4, 5 };
  g_autoptr(GError) error = NULL;
  g_autoptr(SgProfile) p = NULL;
  const double june_2011 = 1307750400, january_2011 = 1294790400;   /* 11 June, 12 January 2011 */

  append_around (share, 0.78, 0.02, 10);
  append_around (share, 0.95, 0.02, 30);
  append_around (born, 1990, 2, 10);
  append_around (born, 1965, 2, 30);      /* overall 1971.25 */
  append_around (grocery, 17591, 100, 10);
  append_around (grocery, 5000, 100, 30); /* overall 8147.75: 2.2× */
  append_around (last, june_2011, 86400, 10);
  append_around (last, january_2011, 86400, 30);
  for (guint i = 0; i < 40; i++)
    {
      lab[i] = i < 10 ? 0 : 1;
      sg_column_append_number (flag, i < 8 || (i >= 10 && i < 14) ? 1 : 0);   /* 80% and 13%, 30% */
      sg_column_append_number (coded, i < 10 ? 2 : 1);
    }
  p = sg_profile_compute (table, lab, 2, features, 6, NULL, 0, &error);
  g_assert_no_error (error);
  assert_plain_words (p);
  /* a share in per cent, lower than the 91% overall */
  assert_contains (sentence_about (p, 0, 0), "78%");
  assert_contains (sentence_about (p, 0, 0), "91%");
  assert_contains (sentence_about (p, 0, 0), "Balance frequency");
  /* a 0/1 flag as a share of customers */
  assert_contains (sentence_about (p, 0, 1), "80%");
  assert_contains (sentence_about (p, 0, 1), "30%");
  /* a year is no amount: no thousands separator, and a later year is younger */
  assert_contains (sentence_about (p, 0, 2), "1990");
  assert_contains (sentence_about (p, 0, 2), "1971");
  assert_contains (sentence_about (p, 0, 2), "Younger");
  /* a channel coded 1 and 2 has no average worth telling */
  g_assert_null (sentence_about (p, 0, 3));
  g_assert_null (sentence_about (p, 1, 3));
  /* an amount without a role: its name, the ratio and grouped numbers */
  assert_contains (sentence_about (p, 0, 4), "Grocery");
  assert_contains (sentence_about (p, 0, 4), "2.2×");
  assert_contains (sentence_about (p, 0, 4), "17,591");
  /* a recency date, later: bought more recently, in month and year */
  assert_contains (sentence_about (p, 0, 5), "2011");
  g_assert_null (strstr (sentence_about (p, 0, 5), "Not seen"));
  assert_contains (sentence_about (p, 1, 5), "Not seen");
}


static void
test_repeats_and_none (void)
{
  /* the same customers under two columns ("No" internet service, "No internet service" for online
   * security) are one fact; a segment without any teenagers says so */
  g_autoptr(SgTable) table = sg_table_new ("telco-like");
  SgColumn *internet = sg_table_add_column (table, "InternetService", SG_COLUMN_CATEGORICAL);
  SgColumn *security = sg_table_add_column (table, "OnlineSecurity", SG_COLUMN_CATEGORICAL);
  SgColumn *teens = sg_table_add_column (table, "Teenhome", SG_COLUMN_INTEGER);
  SgColumn *charges = sg_table_add_column (table, "MonthlyCharges", SG_COLUMN_DECIMAL);
  gint32 lab[40];
  const guint features[] = { 3 };
  const guint cats[] = { 0, 1 };
  SgProfileOptions options;
  const guint extra[] = { 2 };
  g_autoptr(GError) error = NULL;
  g_autoptr(SgProfile) p = NULL;
  guint no_service = 0;

  append_around (charges, 20, 1, 10);
  append_around (charges, 80, 5, 30);
  for (guint i = 0; i < 40; i++)
    {
      gboolean none = i < 9 || i == 39;   /* 9 of segment 0, 1 of segment 1 */

      lab[i] = i < 10 ? 0 : 1;
      sg_column_append_string (internet, none ? "No" : (i % 2 ? "DSL" : "Fiber optic"));
      sg_column_append_string (security, none ? "No internet service" : (i % 3 ? "Yes" : "No"));
      sg_column_append_number (teens, i < 10 ? 0 : (i % 2 ? 1 : 2));
    }
  sg_profile_options_init (&options);
  options.extra_numeric_columns = extra;
  options.n_extra_numeric = 1;
  p = sg_profile_compute_full (table, lab, 2, features, 1, cats, 2, &options, NULL, &error);
  g_assert_no_error (error);
  assert_plain_words (p);
  for (guint i = 0; i < p->segments[0].n_distinctive; i++)
    if (strstr (p->segments[0].distinctive[i].sentence, "90%") != NULL)
      no_service++;
  g_assert_cmpuint (no_service, ==, 1);
  /* none at all, against 1.5 × 30 / 40 = 1.125 overall */
  assert_contains (sentence_about (p, 0, 2), "No teenagers");
  assert_contains (sentence_about (p, 0, 2), "1.1");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/profile/hand-computed", test_hand_computed);
  g_test_add_func ("/profile/sentences-by-role", test_sentences_by_role);
  g_test_add_func ("/profile/not-separating", test_not_separating);
  g_test_add_func ("/profile/constant-and-zero", test_constant_and_zero);
  g_test_add_func ("/profile/errors", test_errors);
  g_test_add_func ("/profile/json-and-threads", test_json_and_threads);
  g_test_add_func ("/profile/role-guess", test_role_guess);
  g_test_add_func ("/profile/units-and-numbers", test_units_and_numbers);
  g_test_add_func ("/profile/display-names", test_display_names);
  g_test_add_func ("/profile/derived-sentences", test_derived_sentences);
  g_test_add_func ("/profile/scores-when-nothing-else", test_scores_when_nothing_else);
  g_test_add_func ("/profile/other-sentences", test_other_sentences);
  g_test_add_func ("/profile/repeats-and-none", test_repeats_and_none);
  return g_test_run ();
}
