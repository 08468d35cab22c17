/* test-cart.c — the explaining decision tree on data with known splits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "sg-cart.h"
#include "sg-error.h"
#include "sg-random.h"

static void
test_single_threshold (void)
{
  /* x = 0..42 → segment 0, x = 45..99 → segment 1: the split must sit at the midpoint 43.5.
   * y is noise. Noise rows (−1) with x on the wrong side must be ignored. */
  g_autoptr(SgTable) table = sg_table_new ("t");
  SgColumn *x = sg_table_add_column (table, "x", SG_COLUMN_INTEGER);
  SgColumn *y = sg_table_add_column (table, "y", SG_COLUMN_DECIMAL);
  g_autoptr(GArray) labels = g_array_new (FALSE, FALSE, sizeof (gint32));
  const guint cols[] = { 1, 0 };
  SgRandom rng;
  g_autoptr(GError) error = NULL;
  g_autoptr(SgCart) cart = NULL;
  g_autofree char *text0 = NULL;

  sg_random_init (&rng, 3);
  for (int v = 0; v < 100; v++)
    {
      gint32 label;

      if (v == 43 || v == 44)
        continue;
      label = v < 43 ? 0 : 1;
      sg_column_append_number (x, v);
      sg_column_append_number (y, sg_random_double (&rng));
      g_array_append_val (labels, label);
    }
  for (int i = 0; i < 5; i++)
    {
      gint32 noise = -1;

      sg_column_append_number (x, 90 + i);
      sg_column_append_number (y, 0.5);
      g_array_append_val (labels, noise);
    }
  cart = sg_cart_fit (table, (const gint32 *) labels->data, 2, cols, 2, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (cart);
  g_assert_false (cart->nodes[0].leaf);
  g_assert_cmpuint (cart->nodes[0].feature, ==, 1);   /* x is the second column given */
  g_assert_cmpint (cart->nodes[0].kind, ==, SG_CART_SPLIT_NUMERIC);
  g_assert_cmpfloat (cart->nodes[0].threshold, ==, 43.5);
  g_assert_cmpuint (cart->n_nodes, ==, 3);            /* nothing left to split */
  g_assert_cmpuint (cart->n_rows, ==, 98);
  g_assert_cmpfloat (cart->accuracy, ==, 1.0);
  g_assert_cmpfloat (cart->importance[1], ==, 1.0);
  g_assert_cmpfloat (cart->importance[0], ==, 0.0);
  g_assert_cmpuint (cart->n_rules[0], ==, 1);
  /* rules show the roundest cut between 42 and 45, not the midpoint */
  g_assert_cmpfloat (cart->nodes[0].cut, ==, 45);
  g_assert_cmpstr (cart->rules[0][0].condition, ==, "x < 45");
  g_assert_cmpstr (cart->rules[1][0].condition, ==, "x ≥ 45");
  g_assert_cmpfloat (cart->rules[0][0].coverage, ==, 1.0);
  g_assert_cmpfloat (cart->rules[0][0].precision, ==, 1.0);
  text0 = sg_cart_describe_segment (cart, 0);
  g_assert_nonnull (strstr (text0, "x < 45"));
  g_assert_nonnull (strstr (text0, "100% of this segment"));
  g_assert_nonnull (strstr (text0, "100% precise"));
}

static void
test_two_levels (void)
{
  /* days ≤ 170 → 0; days ≥ 190 and aov ≤ 240 → 1; days ≥ 190 and aov ≥ 260 → 2.
   * Midpoints: 180 and 250. */
  g_autoptr(SgTable) table = sg_table_new ("t");
  SgColumn *days = sg_table_add_column (table, "days_since_last_purchase", SG_COLUMN_INTEGER);
  SgColumn *aov = sg_table_add_column (table, "avg_order_value", SG_COLUMN_DECIMAL);
  g_autoptr(GArray) labels = g_array_new (FALSE, FALSE, sizeof (gint32));
  const guint cols[] = { 0, 1 };
  g_autoptr(GError) error = NULL;
  g_autoptr(SgCart) cart = NULL;
  SgCartOptions options;
  gboolean found = FALSE;

  for (int d = 10; d <= 400; d += 10)
    for (int a = 50; a <= 500; a += 10)
      {
        gint32 label;

        if (d == 180 || a == 250)
          continue;
        label = d < 180 ? 0 : (a < 250 ? 1 : 2);
        sg_column_append_number (days, d);
        sg_column_append_number (aov, a);
        g_array_append_val (labels, label);
      }
  sg_cart_options_init (&options);
  cart = sg_cart_fit (table, (const gint32 *) labels->data, 3, cols, 2, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (cart->accuracy, ==, 1.0);
  g_assert_cmpuint (cart->n_rules[2], ==, 1);
  g_test_message ("%s", cart->rules[2][0].sentence);
  g_assert_cmpstr (cart->rules[2][0].condition, ==, "days since last purchase ≥ 180 and average order value ≥ 250");
  g_assert_cmpfloat (cart->rules[2][0].coverage, ==, 1.0);
  g_assert_cmpfloat (cart->rules[2][0].precision, ==, 1.0);
  g_assert_nonnull (strstr (cart->rules[2][0].sentence, "→ 100% of this segment, 100% precise"));
  for (guint i = 0; i < cart->n_nodes; i++)
    if (!cart->nodes[i].leaf && cart->nodes[i].feature == 1)
      {
        g_assert_cmpfloat (cart->nodes[i].threshold, ==, 250);
        found = TRUE;
      }
  g_assert_true (found);
  g_assert_cmpstr (cart->rules[0][0].condition, ==, "days since last purchase < 180");
}

static void
test_categories_and_missing (void)
{
  /* Germans are segment 1 whatever their spend; everyone else (and the unknown) segment 0 */
  g_autoptr(SgTable) table = sg_table_new ("t");
  SgColumn *spend = sg_table_add_column (table, "spend", SG_COLUMN_DECIMAL);
  SgColumn *country = sg_table_add_column (table, "country", SG_COLUMN_CATEGORICAL);
  SgColumn *member = sg_table_add_column (table, "member", SG_COLUMN_BOOLEAN);
  g_autoptr(GArray) labels = g_array_new (FALSE, FALSE, sizeof (gint32));
  const char *countries[] = { "DE", "FR", "NL", "UK", NULL };
  const guint cols[] = { 0, 1 };
  const guint bool_cols[] = { 2, 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(SgCart) cart = NULL;
  g_autoptr(SgCart) bool_cart = NULL;
  SgRandom rng;

  sg_random_init (&rng, 11);
  for (guint i = 0; i < 400; i++)
    {
      const char *c = countries[i % 5];
      gint32 label = c != NULL && strcmp (c, "DE") == 0 ? 1 : 0;

      sg_column_append_number (spend, 100 * sg_random_double (&rng));
      sg_column_append_string (country, c);
      sg_column_append_number (member, label == 1 ? 1 : 0);
      g_array_append_val (labels, label);
    }
  cart = sg_cart_fit (table, (const gint32 *) labels->data, 2, cols, 2, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cart->nodes[0].kind, ==, SG_CART_SPLIT_LEVEL);
  g_assert_cmpstr (cart->nodes[0].level, ==, "DE");
  g_assert_cmpfloat (cart->accuracy, ==, 1.0);
  /* the 80 unknown rows follow the larger side (not DE) */
  g_assert_false (cart->nodes[0].missing_left);
  g_assert_cmpuint (cart->nodes[0].n_missing, ==, 80);
  g_assert_cmpstr (cart->rules[1][0].condition, ==, "country = DE");
  g_assert_cmpstr (cart->rules[0][0].condition, ==, "country ≠ DE (or unknown)");

  /* a yes/no column reads as such */
  bool_cart = sg_cart_fit (table, (const gint32 *) labels->data, 2, bool_cols, 2, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bool_cart->rules[1][0].condition, ==, "member = yes");
  g_assert_cmpstr (bool_cart->rules[0][0].condition, ==, "member = no");
}

static void
test_ties_and_determinism (void)
{
  /* a and b are identical: the first column wins. Noisy labels: the tree is the same every time,
   * and a subsample of a fixed seed is too. */
  g_autoptr(SgTable) table = sg_table_new ("t");
  SgColumn *a = sg_table_add_column (table, "a", SG_COLUMN_DECIMAL);
  SgColumn *b = sg_table_add_column (table, "b", SG_COLUMN_DECIMAL);
  SgColumn *c = sg_table_add_column (table, "c", SG_COLUMN_DECIMAL);
  g_autoptr(GArray) labels = g_array_new (FALSE, FALSE, sizeof (gint32));
  const guint cols[] = { 0, 1, 2 };
  g_autoptr(GError) error = NULL;
  SgRandom rng;
  SgCartOptions options;
  g_autofree char *t1 = NULL, *t2 = NULL, *t3 = NULL;

  sg_random_init (&rng, 5);
  for (guint i = 0; i < 2000; i++)
    {
      double v = sg_random_double (&rng);
      double w = sg_random_double (&rng);
      gint32 label = (v > 0.5 ? 1 : 0) + (w > 0.7 ? 2 : 0);

      if (sg_random_double (&rng) < 0.1)
        label = (gint32) sg_random_below (&rng, 4);
      sg_column_append_number (a, v);
      sg_column_append_number (b, v);
      sg_column_append_number (c, w);
      g_array_append_val (labels, label);
    }
  sg_cart_options_init (&options);
  for (int round = 0; round < 3; round++)
    {
      g_autoptr(SgCart) cart = NULL;
      g_autoptr(JsonNode) node = NULL;

      options.max_rows = round == 2 ? 500 : 0;
      options.seed = 9;
      cart = sg_cart_fit (table, (const gint32 *) labels->data, 4, cols, 3, &options, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < cart->n_nodes; i++)
        {
          g_assert_cmpuint (cart->nodes[i].depth, <=, 3);
          if (!cart->nodes[i].leaf)
            g_assert_cmpuint (cart->nodes[i].feature, !=, 1);   /* b never beats its twin a */
        }
      g_assert_cmpfloat (cart->accuracy, >, 0.8);
      node = sg_cart_to_json (cart, NULL);
      if (round == 0)
        t1 = json_to_string (node, FALSE);
      else if (round == 1)
        t2 = json_to_string (node, FALSE);
      else
        {
          g_assert_cmpuint (cart->n_trained, ==, 500);
          g_assert_cmpuint (cart->n_rows, ==, 2000);
          t3 = json_to_string (node, FALSE);
        }
    }
  g_assert_cmpstr (t1, ==, t2);
  {
    /* the same seed gives the same subsample */
    g_autoptr(SgCart) again = sg_cart_fit (table, (const gint32 *) labels->data, 4, cols, 3, &options, &error);
    g_autoptr(JsonNode) node = sg_cart_to_json (again, NULL);
    g_autofree char *t4 = json_to_string (node, FALSE);

    g_assert_cmpstr (t3, ==, t4);
  }
}

static void
test_errors (void)
{
  g_autoptr(SgTable) table = sg_table_new ("t");
  SgColumn *x = sg_table_add_column (table, "x", SG_COLUMN_DECIMAL);
  const gint32 one[] = { 0, 0, 0, -1 };
  const gint32 bad[] = { 0, 1, 3, 0 };
  const guint cols[] = { 0 };
  const guint missing_col[] = { 4 };
  g_autoptr(GError) error = NULL;

  for (int i = 0; i < 4; i++)
    sg_column_append_number (x, i);
  g_assert_null (sg_cart_fit (table, one, 2, cols, 1, NULL, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_DEGENERATE);
  g_clear_error (&error);
  g_assert_null (sg_cart_fit (table, bad, 2, cols, 1, NULL, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_null (sg_cart_fit (table, bad, 4, missing_col, 1, NULL, &error));
  g_assert_error (error, SG_ERROR, SG_ERROR_INVALID_ARGUMENT);
}

/* Rules show a round number on the gap between the two sides, not the midpoint: shares 1/15 | 1/13
 * read "≥ 0.07"; negative values too, and a narrow gap keeps the digits it needs. */
static void
test_round_cuts (void)
{
  static const struct { double below, above; const char *left, *right; } cases[] = {
    { 1.0 / 15, 1.0 / 13, "x < 0.07", "x ≥ 0.07" },
    { -12.5, -3.25, "x < -10", "x ≥ -10" },
    { 1999, 2003, "x < 2000", "x ≥ 2000" },
    { 0.5, 0.5000001, "x < 0.50000005", "x ≥ 0.50000005" },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(SgTable) table = sg_table_new ("t");
      SgColumn *x = sg_table_add_column (table, "x", SG_COLUMN_DECIMAL);
      g_autoptr(GArray) labels = g_array_new (FALSE, FALSE, sizeof (gint32));
      const guint cols[] = { 0 };
      g_autoptr(GError) error = NULL;
      g_autoptr(SgCart) cart = NULL;

      for (int i = 0; i < 20; i++)
        {
          gint32 label = i % 2;

          /* the largest value on the left is @below, the smallest on the right @above */
          sg_column_append_number (x, label == 0 ? cases[c].below - i * 1e-9 : cases[c].above + (i - 1) * 1e-9);
          g_array_append_val (labels, label);
        }
      cart = sg_cart_fit (table, (const gint32 *) labels->data, 2, cols, 1, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpfloat (cart->accuracy, ==, 1.0);
      g_assert_cmpstr (cart->rules[0][0].condition, ==, cases[c].left);
      g_assert_cmpstr (cart->rules[1][0].condition, ==, cases[c].right);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cart/single-threshold", test_single_threshold);
  g_test_add_func ("/cart/two-levels", test_two_levels);
  g_test_add_func ("/cart/categories-and-missing", test_categories_and_missing);
  g_test_add_func ("/cart/ties-and-determinism", test_ties_and_determinism);
  g_test_add_func ("/cart/errors", test_errors);
  g_test_add_func ("/cart/round-cuts", test_round_cuts);
  return g_test_run ();
}
